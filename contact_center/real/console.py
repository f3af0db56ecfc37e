"""Per-queue KPI summaries of a real-data warehouse, read-only.

Every figure is read from a dbt-built relation: the report-shaped models ``marts.rpt_queue_months``,
``marts.rpt_agent_periods`` and ``marts.rpt_ticket_queue_periods`` (models/marts/reporting/), which take each
ratio with the KPI macros (macros/kpi/) over summed components. Nothing here restates a formula; a NULL
(a zero denominator, or an input the source does not carry) is printed ``-``. Bank: offered, abandonment
rate (excluding short abandons), ASA, service level at 20 s and mean service (talk) time per month. PwC:
the same plus answer rate, resolution and CSAT per agent. Help desk: ticket volume, first response,
resolution and reopen figures per queue.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

Row = dict[str, Any]
SECONDS_PER_HOUR = 3600.0


def _rows(warehouse: Path, sql: str) -> list[Row]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


QUEUE_MONTHS_SQL = """
select
    strftime(month_start_date, '%Y-%m') as month,
    case when is_all_queues then 'all' else queue_id end as queue_id,
    offered, answered, abandoned, handled,
    answer_rate, abandonment_rate, asa_seconds, service_level_20s, avg_talk_seconds as mean_talk_seconds
from marts.rpt_queue_months
where offered > 0 or handled > 0
order by month, is_all_queues, queue_id
"""


def queue_months(warehouse: Path) -> list[Row]:
    """Queue-access and handling KPIs per month x queue, and per month over all queues (queue ``all``)."""
    return _rows(warehouse, QUEUE_MONTHS_SQL)


PWC_AGENTS_SQL = """
select
    case when is_all_agents then 'all' else agent_id end as agent_id,
    offered, answered, handled, resolved, csat_responses, csat_top_box,
    answer_rate, call_resolution_rate as resolution_rate, csat as csat_top_box_share, csat_mean_normalised
from marts.rpt_agent_periods
where is_all_agents or agent_id is not null
order by is_all_agents, agent_id
"""


def pwc_agents(warehouse: Path) -> list[Row]:
    """Per agent (and ``all``): answer rate, call resolution rate and CSAT (top-box share, mean on 0-1)."""
    return _rows(warehouse, PWC_AGENTS_SQL)


HELPDESK_SQL = """
select
    case when is_all_queues then 'all' else queue_id end as queue_id,
    tickets_created as tickets,
    tickets_replied as responded,
    avg_first_response_seconds,
    tickets_first_resolved as resolved,
    avg_first_resolution_seconds,
    avg_full_resolution_seconds,
    tickets_reopened as reopened,
    ticket_reopens as reopens,
    ticket_reopen_rate as reopen_share,
    tickets_open as open_at_end
from marts.rpt_ticket_queue_periods
order by is_all_queues, queue_id
"""


def helpdesk_queues(warehouse: Path) -> list[Row]:
    """Ticket volume, mean FRT and resolution times (hours), reopens and open tickets per queue."""
    rows = _rows(warehouse, HELPDESK_SQL)
    for r in rows:  # a unit, not a formula: seconds shown as hours
        for name in ("first_response", "first_resolution", "full_resolution"):
            seconds = r.pop(f"avg_{name}_seconds")
            r[f"mean_{name}_hours"] = None if seconds is None else seconds / SECONDS_PER_HOUR
    return rows


def _fmt(value: Any, kind: str = "") -> str:
    if value is None:
        return "-"
    if kind == "pct":
        return f"{value:.1%}"
    if kind == "sec":
        return f"{value:.1f}s"
    if kind == "h":
        return f"{value:.1f}h"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(rows: list[Row], columns: list[tuple[str, str, str]]) -> str:
    """A markdown table: columns are (key, heading, format kind)."""
    lines = ["| " + " | ".join(h for _, h, _ in columns) + " |", "|" + "---|" * len(columns)]
    for r in rows:
        lines.append("| " + " | ".join(_fmt(r.get(k), kind) for k, _, kind in columns) + " |")
    return "\n".join(lines)


QUEUE_COLUMNS = [
    ("month", "month", ""),
    ("queue_id", "queue", ""),
    ("offered", "offered", ""),
    ("answered", "answered", ""),
    ("abandoned", "abandoned", ""),
    ("abandonment_rate", "abandonment rate", "pct"),
    ("asa_seconds", "ASA", "sec"),
    ("service_level_20s", "SL 20 s", "pct"),
    ("handled", "handled", ""),
    ("mean_talk_seconds", "mean service time", "sec"),
]
AGENT_COLUMNS = [
    ("agent_id", "agent", ""),
    ("offered", "offered", ""),
    ("answered", "answered", ""),
    ("answer_rate", "answer rate", "pct"),
    ("resolution_rate", "resolved / handled", "pct"),
    ("csat_responses", "CSAT responses", ""),
    ("csat_top_box_share", "CSAT top-box (4-5)", "pct"),
    ("csat_mean_normalised", "CSAT mean (0-1)", ""),
]
HELPDESK_COLUMNS = [
    ("queue_id", "queue", ""),
    ("tickets", "tickets", ""),
    ("responded", "taken in charge", ""),
    ("mean_first_response_hours", "mean FRT", "h"),
    ("resolved", "resolved", ""),
    ("mean_first_resolution_hours", "mean first resolution", "h"),
    ("mean_full_resolution_hours", "mean full resolution", "h"),
    ("reopened", "reopened", ""),
    ("open_at_end", "unresolved at end", ""),
]


def render(dataset: str, warehouse: Path) -> str:
    if dataset == "helpdesk":
        return "Tickets per queue (support section)\n" + table(helpdesk_queues(warehouse), HELPDESK_COLUMNS)
    text = "Queue KPIs per local month (queue `all` = whole center)\n" + table(
        queue_months(warehouse), QUEUE_COLUMNS
    )
    if dataset == "pwc":
        agents = pwc_agents(warehouse)
        for r in agents:
            if r["csat_mean_normalised"] is not None:
                r["csat_mean_normalised"] = round(r["csat_mean_normalised"], 2)
        text += "\n\nPer agent (queue PWC)\n" + table(agents, AGENT_COLUMNS)
    return text
