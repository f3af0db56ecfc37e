"""The MetricFlow semantic layer, queried through the real `mf` CLI against a small built center.

The center spans a month boundary and two ISO weeks (Thu 2026-02-26 to Mon 2026-03-02), so the week
and month roll-ups both cut through it. `mf query` results by week and month x agent, queue and
channel are compared with plain Python over the contact legs of marts.fct_contacts (flags for
offered/answered/abandoned, waits and durations per leg; attribution days per leg), never with the
SQL aggregates. A second set of queries checks every other KPI metric against the warehouse's own
kpi_* views (same formulas through the macros), so the YAML cannot drift from macros/.
"""

from __future__ import annotations

import csv
import math
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from contact_center.contract import PROJECT_DIR
from contact_center.demo.generate import generate
from contact_center.pipeline.refresh import Plan, run
from tests.conftest import Center

pytestmark = pytest.mark.slow

MF = Path(sys.executable).parent / "mf"
# Files the mf CLI needs from the project; its semantic manifest is read from <project>/target, so mf
# runs in a scratch folder linking these, with its own target/ (the repository's target/ is untouched).
PROJECT_ENTRIES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses")

# Every KPI of the KPI catalog (docs/kpi_catalog.md) has a metric (variants included).
CATALOG_METRICS = {
    # queue access
    "offered", "answered", "abandoned", "abandoned_short", "answer_rate", "abandonment_rate",
    "abandonment_rate_all", "asa_seconds", "avg_abandon_seconds", "longest_wait_seconds", "service_level",
    "service_level_incl_abandons_within_t", "service_level_of_answered", "service_level_of_offered",
    "service_level_excl_abandons_within_t", "service_level_20s",
    # handling
    "aht_seconds", "avg_acw_seconds", "hold_rate", "avg_hold_seconds", "transfer_rate", "contacts_per_hour",
    # resolution
    "fcr_rate", "fcr_disposition_rate", "fcr_survey_rate", "repeat_contact_rate", "call_resolution_rate",
    # tickets
    "tickets_created", "avg_first_response_seconds", "avg_first_resolution_seconds",
    "avg_full_resolution_seconds", "ticket_reopen_rate", "ticket_reopens", "backlog_tickets",
    # surveys
    "csat", "csat_mean_normalised", "nps", "ces", "ces_low_effort_share",
    # workforce
    "occupancy", "utilization", "adherence", "conformance", "shrinkage", "wape", "forecast_accuracy", "mape",
    "forecast_bias", "staffing_coverage", "understaffed_share", "overstaffed_share", "esat", "enps",
    "attrition_rate", "attrition_rate_annualised",
    # cost and revenue
    "cost_per_contact", "center_cost_per_contact", "revenue_per_call", "outbound_conversion_rate",
    # customers
    "new_customers", "new_customer_share", "customer_retention_pct", "customer_lifetime_value",
    "customer_contacts", "voice_contact_share", "chat_contact_share",
}  # fmt: skip

COUNTS = ("offered", "answered", "abandoned", "abandoned_short", "answered_within_t", "handled")
RATIOS = ("service_level", "abandonment_rate", "asa_seconds", "aht_seconds", "transfer_rate", "hold_rate")


@dataclass(frozen=True)
class SemanticCenter(Center):
    mf_project: Path
    logs: Path

    def env(self) -> dict[str, str]:
        """Environment of the dbt and mf subprocesses: this center's warehouse, the scratch target."""
        return {
            **os.environ,
            "DBT_PROJECT_DIR": str(self.mf_project),
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DBT_TARGET_PATH": str(self.mf_project / "target"),
            "DBT_LOG_PATH": str(self.logs),
            "WAREHOUSE_PATH": str(self.warehouse),
            "DUCKDB_TEMP_DIRECTORY": str(self.warehouse.parent / "tmp"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }

    def mf_query(self, metrics: Iterable[str], group_by: Iterable[str]) -> list[dict[str, str]]:
        """Run `mf query` (subprocess) and return its CSV rows."""
        out = self.logs / f"mf_{len(list(self.logs.glob('mf_*.csv')))}.csv"
        command = [str(MF), "query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by)]
        done = subprocess.run(
            [*command, "--csv", str(out)],
            cwd=self.mf_project,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0 and out.exists(), f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
        with out.open(newline="") as f:
            return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def semantic_center(tmp_path_factory: pytest.TempPathFactory) -> SemanticCenter:
    if not MF.exists():
        pytest.skip(
            f"the MetricFlow CLI is not installed in this environment ({MF}): pip install dbt-metricflow"
        )
    root = tmp_path_factory.mktemp("semantic")
    landing, warehouse = root / "landing", root / "warehouse" / "sem.duckdb"
    generate(
        landing,
        seed=5,
        start_date=date(2026, 2, 26),
        days=5,
        queues=5,
        agents=30,
        contacts_per_day=800,
        workers=1,
    )
    models_only = ("--quiet", "--resource-type", "model", "--resource-type", "seed")
    record = run(Plan(landing, warehouse, None, freshness=False, dbt_args=models_only))
    assert record.outcome == "built", record.message
    assert record.guard is not None and not record.guard.failures, record.guard
    mf_project = root / "mf_project"
    (mf_project / "target").mkdir(parents=True)
    for entry in PROJECT_ENTRIES:
        (mf_project / entry).symlink_to(PROJECT_DIR / entry)
    logs = root / "logs"
    logs.mkdir()
    center = SemanticCenter(landing=landing, warehouse=warehouse, mf_project=mf_project, logs=logs)
    # parse with the same warehouse path: the manifest names relations by the file's database name
    parsed = subprocess.run(
        [str(MF.parent / "dbt"), "parse", "--quiet", "--project-dir", str(PROJECT_DIR)],
        env=center.env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    assert (mf_project / "target" / "semantic_manifest.json").exists()
    return center


# --- independent computation from contact legs -------------------------------------------------------


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month(day: date) -> date:
    return day.replace(day=1)


PERIODS: dict[str, Callable[[date], date]] = {"week": _week, "month": _month}
KEYS = {"agent": "agent_id", "queue": "queue_id", "queue__channel": "queue_channel"}


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator


def expected_from_legs(legs: list[dict[str, Any]], period: str, key: str) -> dict[tuple, dict[str, Any]]:
    """Components and KPIs per (period start, key) from contact legs, with the catalog's rules:
    queue-access on the local day of queue entry, handling on the local day handling ended."""
    to_period, column = PERIODS[period], KEYS[key]
    acc: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for leg in legs:
        wait = leg["wait_seconds"]
        if leg["is_offered"]:
            a = acc[(to_period(leg["queue_date"]), leg[column])]
            a["offered"] += 1
            if leg["is_answered"]:
                a["answered"] += 1
                a["wait_answered"] += wait
                a["answered_within_t"] += wait <= leg["sl_threshold_seconds"]
            if leg["is_abandoned"]:
                a["abandoned"] += 1
                if wait is None:
                    a["abandoned_untimed"] += 1
                else:
                    a["abandoned_short"] += wait <= leg["short_abandon_seconds"]
        if leg["is_handled"]:
            a = acc[(to_period(leg["handled_date"]), leg[column])]
            a["handled"] += 1
            a["handle_seconds"] += (
                leg["talk_seconds"] + (leg["hold_seconds"] or 0) + (leg["acw_seconds"] or 0)
            )
            a["acw_unknown"] += leg["acw_seconds"] is None
            a["hold_known"] += leg["hold_seconds"] is not None
            a["held"] += bool(leg["is_held"])
            a["transferred_out"] += bool(leg["is_transferred_out"])
    expected = {}
    for k, a in acc.items():
        net = a["offered"] - a["abandoned_short"]
        timed = a["abandoned_untimed"] == 0
        expected[k] = {
            **{c: int(a[c]) for c in COUNTS if c != "answered_within_t"},
            "answered_within_t": int(a["answered_within_t"]),
            "service_level": _ratio(a["answered_within_t"], net) if timed else None,
            "abandonment_rate": _ratio(a["abandoned"] - a["abandoned_short"], net) if timed else None,
            "asa_seconds": _ratio(a["wait_answered"], a["answered"]),
            "aht_seconds": _ratio(a["handle_seconds"], a["handled"]) if a["acw_unknown"] == 0 else None,
            "transfer_rate": _ratio(a["transferred_out"], a["handled"]),
            "hold_rate": _ratio(a["held"], a["hold_known"]),
        }
    return expected


def _value(text: str) -> float | None:
    return None if text == "" else float(text)


def _close(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)


def _legs(center: Center) -> list[dict[str, Any]]:
    return center.dicts(
        """
        select c.*, q.channel as queue_channel
        from marts.fct_contacts as c
        left join marts.dim_queues as q on c.queue_id = q.queue_id
        """
    )


# --- tests -------------------------------------------------------------------------------------------


def test_every_catalog_kpi_has_a_metric(semantic_center: SemanticCenter) -> None:
    import json

    manifest = json.loads((semantic_center.mf_project / "target" / "semantic_manifest.json").read_text())
    names = {m["name"] for m in manifest["metrics"]}
    assert names >= CATALOG_METRICS, sorted(CATALOG_METRICS - names)
    assert manifest["project_configuration"]["time_spines"], "no time spine registered"
    assert all(m.get("description") for m in manifest["metrics"]), "every metric is described"


@pytest.mark.parametrize("period", ["week", "month"])
@pytest.mark.parametrize("key", ["agent", "queue", "queue__channel"])
def test_mf_rollups_match_contact_legs(semantic_center: SemanticCenter, period: str, key: str) -> None:
    rows = semantic_center.mf_query([*COUNTS, *RATIOS], [f"metric_time__{period}", key])
    expected = expected_from_legs(_legs(semantic_center), period, key)
    actual = {(date.fromisoformat(r[f"metric_time__{period}"][:10]), r[key] or None): r for r in rows}
    assert set(actual) == set(expected)
    assert len({k[0] for k in expected}) == 2, "the test center must span two weeks and two months"
    for metric in RATIOS:  # the comparison is not vacuous: every KPI has values
        assert any(v[metric] is not None for v in expected.values()), metric
    mismatches = []
    for k, want in expected.items():
        got = actual[k]
        for metric in (*COUNTS, *RATIOS):
            if not _close(_value(got[metric]), want[metric]):
                mismatches.append(f"{k} {metric}: mf {got[metric]!r}, legs {want[metric]!r}")
    assert not mismatches, "\n".join(mismatches[:20])


QUEUE_DAY_PARITY = {
    "kpi_queue_daily": (
        "answer_rate", "abandonment_rate", "asa_seconds", "avg_abandon_seconds", "service_level", "aht_seconds",
        "avg_acw_seconds", "hold_rate", "avg_hold_seconds", "transfer_rate",
    ),
    "kpi_customer_queue_daily": (
        "call_resolution_rate", "repeat_contact_rate", "revenue_per_call", "outbound_conversion_rate", "csat",
        "csat_mean_normalised", "nps", "ces", "ces_low_effort_share", "avg_first_response_seconds",
        "avg_first_resolution_seconds", "avg_full_resolution_seconds", "ticket_reopen_rate", "backlog_tickets",
    ),
    "kpi_queue_workforce_daily": (
        "wape", "forecast_accuracy", "mape", "forecast_bias", "staffing_coverage", "understaffed_share",
        "overstaffed_share", "cost_per_contact",
    ),
}  # fmt: skip
# metric -> column of the kpi view where the names differ
VIEW_COLUMN = {"fcr_rate": "fcr_rate", "csat_mean_normalised": "csat_mean_normalised"}


def _compare(
    rows: list[dict[str, str]], reference: dict[tuple, dict[str, Any]], key: Callable[[dict[str, str]], tuple]
) -> list[str]:
    problems = []
    for row in rows:
        k = key(row)
        if k not in reference:
            continue
        for metric, want in reference[k].items():
            if metric in row and not _close(_value(row[metric]), want):
                problems.append(f"{k} {metric}: mf {row[metric]!r}, view {want!r}")
    return problems


def test_mf_matches_kpi_views_per_queue_day(semantic_center: SemanticCenter) -> None:
    metrics = [m for ms in QUEUE_DAY_PARITY.values() for m in ms] + ["fcr_rate"]
    rows = semantic_center.mf_query(metrics, ["metric_time__day", "queue"])
    assert rows
    reference: dict[tuple, dict[str, Any]] = defaultdict(dict)
    for view, columns in {**QUEUE_DAY_PARITY, "kpi_customer_queue_daily": (
        *QUEUE_DAY_PARITY["kpi_customer_queue_daily"], "fcr_rate"
    )}.items():  # fmt: skip
        for r in semantic_center.dicts(f"select * from marts.{view} where queue_id is not null"):
            reference[(r["date_day"], r["queue_id"])].update({c: r[VIEW_COLUMN.get(c, c)] for c in columns})
    rows = [r for r in rows if r["queue"]]  # center-level survey rows have no queue
    problems = _compare(
        rows, reference, lambda r: (date.fromisoformat(r["metric_time__day"][:10]), r["queue"])
    )
    assert not problems, "\n".join(problems[:20])
    compared = sum(
        1 for r in rows if (date.fromisoformat(r["metric_time__day"][:10]), r["queue"]) in reference
    )
    assert compared == len(rows)


def test_mf_matches_kpi_views_per_agent_day(semantic_center: SemanticCenter) -> None:
    metrics = ["occupancy", "utilization", "adherence", "conformance", "shrinkage", "planned_shrinkage",
               "contacts_per_hour"]  # fmt: skip
    rows = semantic_center.mf_query(metrics, ["metric_time__day", "agent"])
    reference = {
        (r["date_day"], r["agent_id"]): {m: r[m] for m in metrics}
        for r in semantic_center.dicts("select * from marts.kpi_agent_workforce_daily")
    }
    problems = _compare(
        rows, reference, lambda r: (date.fromisoformat(r["metric_time__day"][:10]), r["agent"])
    )
    assert not problems, "\n".join(problems[:20])
    assert len(rows) == len(reference)


def test_mf_matches_kpi_views_per_month(semantic_center: SemanticCenter) -> None:
    metrics = ["customer_retention_pct", "new_customer_share", "customer_lifetime_value", "purchase_frequency",
               "voice_contact_share", "chat_contact_share", "center_cost_per_contact"]  # fmt: skip
    rows = semantic_center.mf_query(metrics, ["metric_time__month"])
    reference: dict[tuple, dict[str, Any]] = defaultdict(dict)
    for r in semantic_center.dicts("select * from marts.kpi_customers_monthly"):
        reference[(r["month_start_date"],)].update(
            {m: r[m] for m in metrics[:4]},
        )
    for r in semantic_center.dicts(
        "select * from marts.kpi_contact_mix_monthly where mix_dimension = 'channel'"
    ):
        if r["mix_value"] in ("voice", "chat"):
            reference[(r["month_start_date"],)][f"{r['mix_value']}_contact_share"] = r["contact_share"]
    for r in semantic_center.dicts(
        """
        select cast(date_trunc('month', date_day) as date) as month_start_date,
               (sum(labour_cost) + sum(non_labour_cost)) / nullif(sum(handled), 0) as cost_per_contact
        from marts.fct_center_workforce_daily group by 1
        """
    ):
        reference[(r["month_start_date"],)]["center_cost_per_contact"] = r["cost_per_contact"]
    assert len(rows) == 2, rows
    problems = _compare(rows, reference, lambda r: (date.fromisoformat(r["metric_time__month"][:10]),))
    assert not problems, "\n".join(problems[:20])


def test_mf_team_month_people_kpis_match_kpi_team_monthly(semantic_center: SemanticCenter) -> None:
    metrics = ["esat", "enps", "attrition_rate", "attrition_rate_annualised"]
    rows = semantic_center.mf_query(metrics, ["metric_time__month", "team_month__team"])
    reference = {
        (r["month_start_date"], r["team"]): {m: r[m] for m in metrics}
        for r in semantic_center.dicts("select * from marts.kpi_team_monthly")
    }
    problems = _compare(
        rows,
        reference,
        lambda r: (date.fromisoformat(r["metric_time__month"][:10]), r["team_month__team"] or None),
    )
    assert not problems, "\n".join(problems[:20])
    assert len(rows) == len(reference)
