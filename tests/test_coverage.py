"""Coverage-aware KPIs end to end: what the data does not carry is NULL at every grain, never 0.

A hand-made center (CSV files in the contract's shape): queue Q01 (New York), five handled inbound
calls from five customers, no orders feed, no transfer anywhere.

- 5 January: C1 resolved, C2 unresolved, C3 resolved (dispositions recorded);
- 6 January: C4, C5 with no disposition at all.

By hand: call resolution rate and disposition FCR on the 5th = 2/3, on the 6th NULL (not 0/2); over
both days 2/3 (the uncovered day neither dilutes it to 2/5 nor makes it NULL); transfer rate and revenue
per call NULL on every row (not 0); answer rate 1.0 (a KPI whose inputs exist stays). Repeat-window FCR is
NULL too (no window has passed in two days of data).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from contact_center.pipeline.refresh import Plan, run
from tests.csvfiles import QUEUE, contact, row, write_csv

UNUSED = (
    "{using_schedules: false, using_forecasts: false, using_agents: false, using_employee_surveys: false, "
    "using_surveys: false, using_customers: false, using_orders: false, using_costs: false, using_tickets: false}"
)
DAY1, DAY2 = date(2026, 1, 5), date(2026, 1, 6)


def _call(contact_id: str, customer: str, day: int, status: str) -> dict[str, str]:
    stamp = f"2026-01-0{day}T14:0"
    return contact(
        contact_id,
        customer_id=customer,
        initiated_at=f"{stamp}0:00Z",
        enqueued_at=f"{stamp}0:10Z",
        connected_at=f"{stamp}0:25Z",
        disconnected_at=f"{stamp}5:25Z",
        acw_ended_at=f"{stamp}6:25Z",
        updated_at=f"{stamp}6:25Z",
        resolution_status=status,
    )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("coverage")
    landing = root / "landing"
    write_csv(landing / "queues" / "queues.csv", "queues", [QUEUE])
    calls = [
        _call("C1", "K1", 5, "resolved"),
        _call("C2", "K2", 5, "unresolved"),
        _call("C3", "K3", 5, "resolved"),
        _call("C4", "K4", 6, ""),
        _call("C5", "K5", 6, ""),
    ]
    write_csv(landing / "contacts" / "contacts.csv", "contacts", calls)
    write_csv(landing / "agent_states" / "agent_states.csv", "agent_states", [row("agent_states")])
    path = root / "warehouse" / "cov.duckdb"
    record = run(
        Plan(
            landing,
            path,
            None,
            freshness=False,
            dbt_vars=UNUSED,
            dbt_args=(
                "--quiet",
                *("--select", "+kpi_customer_queue_daily", "+kpi_queue_daily", "+rpt_queue_periods"),
                *("+fct_queue_coverage_daily", "--indirect-selection", "cautious"),
            ),
        )
    )
    assert record.outcome == "built", record.message
    return path


def _dicts(warehouse: Path, sql: str) -> list[dict[str, object]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def test_coverage_flags_come_from_the_data(warehouse: Path) -> None:
    rows = {
        r["date_day"]: r
        for r in _dicts(warehouse, "select * from marts.fct_queue_coverage_daily where queue_id = 'Q01'")
    }
    assert set(rows) == {DAY1, DAY2}
    assert rows[DAY1]["has_disposition_data"] is True
    assert rows[DAY2]["has_disposition_data"] is False
    for r in rows.values():
        assert r["has_transfer_data"] is False and r["has_order_data"] is False
        assert r["has_acw_data"] is True and r["has_customer_ids"] is True


def test_uncovered_kpis_are_null_per_queue_day(warehouse: Path) -> None:
    customer = {r["date_day"]: r for r in _dicts(warehouse, "select * from marts.kpi_customer_queue_daily")}
    assert customer[DAY1]["call_resolution_rate"] == pytest.approx(2 / 3)
    assert customer[DAY1]["fcr_disposition_rate"] == pytest.approx(2 / 3)
    assert customer[DAY1]["resolved"] == 2
    for day in (DAY1, DAY2):
        assert customer[day]["handled"] == (3 if day == DAY1 else 2)
        assert customer[day]["revenue_per_call"] is None and customer[day]["revenue_amount"] is None
        assert customer[day]["fcr_rate"] is None
    assert customer[DAY2]["call_resolution_rate"] is None and customer[DAY2]["resolved"] is None
    assert customer[DAY2]["fcr_disposition_rate"] is None
    queue = {r["date_day"]: r for r in _dicts(warehouse, "select * from marts.kpi_queue_daily")}
    for day in (DAY1, DAY2):
        assert queue[day]["transfer_rate"] is None
        assert queue[day]["answer_rate"] == 1.0


def test_a_period_mixing_covered_and_uncovered_days_counts_the_covered_days(warehouse: Path) -> None:
    period = _dicts(
        warehouse,
        "select sum(resolved) as resolved, sum(handled_disposition_known) as known, sum(handled) as handled, "
        "sum(transferred_out) as transferred_out, sum(revenue_amount) as revenue "
        "from marts.fct_agent_queue_daily",
    )[0]
    assert (period["resolved"], period["known"], period["handled"]) == (2, 3, 5)
    assert period["transferred_out"] is None and period["revenue"] is None
    report = _dicts(warehouse, "select * from marts.rpt_queue_periods where is_all_queues")[0]
    assert report["call_resolution_rate"] == pytest.approx(2 / 3)
    assert report["transfer_rate"] is None
    assert report["handled"] == 5
