"""Regression: the ticket backlog balances per queue on the queue's own last local day.

The latest ticket event (00:30 UTC on 6 January) is already 6 January in London but still 5 January in
New York, so the London queue's backlog series ends a day later than the New York queue's. The singular
test ``assert_customer_ticket_backlog_balances`` used one center-wide last day and then compared the New
York queue with a day it has no row for (the 60-day, 2,740-contacts-a-day bench center failed this way
until the next day's refresh). Expected values are counted here from the rows written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from contact_center.pipeline.refresh import Plan, run
from tests.csvfiles import QUEUE, contact, row, write_csv

UNUSED = (
    "{using_schedules: false, using_forecasts: false, using_agents: false, using_employee_surveys: false, "
    "using_surveys: false, using_customers: false, using_orders: false, using_costs: false}"
)


def test_backlog_balances_when_queues_end_on_different_local_days(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    queues = [
        {**QUEUE, "queue_id": "QNY", "time_zone": "America/New_York"},
        {**QUEUE, "queue_id": "QLN", "queue_name": "Email", "channel": "email", "time_zone": "Europe/London"},
    ]
    write_csv(landing / "queues" / "queues.csv", "queues", queues)
    write_csv(landing / "contacts" / "contacts.csv", "contacts", [contact("C1", queue_id="QNY")])
    write_csv(landing / "agent_states" / "agent_states.csv", "agent_states", [row("agent_states")])
    tickets = [
        # open in New York since 5 January 10:00 UTC
        row("tickets", ticket_id="T1", queue_id="QNY", created_at="2026-01-05T10:00:00Z",
            first_agent_reply_at="2026-01-05T11:00:00Z", updated_at="2026-01-05T11:00:00Z"),
        # open in London, created 00:30 UTC on 6 January: the latest event of the data
        row("tickets", ticket_id="T2", queue_id="QLN", created_at="2026-01-06T00:30:00Z",
            first_agent_reply_at="", updated_at="2026-01-06T00:30:00Z"),
    ]  # fmt: skip
    write_csv(landing / "tickets" / "tickets.csv", "tickets", tickets)
    warehouse = tmp_path / "warehouse" / "tz.duckdb"
    record = run(
        Plan(
            landing,
            warehouse,
            None,
            freshness=False,
            dbt_vars=UNUSED,
            dbt_args=(
                "--quiet",
                *("--select", "+assert_customer_ticket_backlog_balances"),
                *("--indirect-selection", "cautious"),
            ),
        )
    )
    assert record.outcome == "built", record.message

    with duckdb.connect(str(warehouse), read_only=True) as con:
        last = dict(
            con.execute(
                "select queue_id, max(date_day) from marts.fct_ticket_agent_queue_daily group by queue_id"
            ).fetchall()
        )
        backlog = dict(
            con.execute(
                "select queue_id, sum(backlog_tickets) from marts.fct_ticket_agent_queue_daily as d "
                "where date_day = (select max(date_day) from marts.fct_ticket_agent_queue_daily as m "
                "where m.queue_id = d.queue_id) group by queue_id"
            ).fetchall()
        )
    # the scenario: the two queues' series end on different local days
    assert last == {"QNY": date(2026, 1, 5), "QLN": date(2026, 1, 6)}
    # one open ticket each, counted from the rows above
    assert backlog == {"QNY": 1, "QLN": 1}
