"""Per-queue KPI summaries of a real-data warehouse, read-only.

Components are summed at the grain asked (month x queue, month, agent...) and ratios taken late, with the
catalog's formulas: a zero denominator gives None (printed ``-``). Bank: offered, abandonment rate
(excluding short abandons), ASA, service level at 20 s and mean service (talk) time per month. PwC: the
same plus answer rate, resolution and CSAT top-box share, per month and per agent. Help desk: ticket volume,
first response, resolution and reopen figures per queue.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

Row = dict[str, Any]


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return float(numerator) / float(denominator)


def _rows(warehouse: Path, sql: str) -> list[Row]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


QUEUE_MONTHS_SQL = """
select
    strftime(date_day, '%Y-%m') as month,
    coalesce(queue_id, 'all') as queue_id,
    sum(offered) as offered,
    sum(answered) as answered,
    sum(abandoned) as abandoned,
    sum(abandoned_short) as abandoned_short,
    sum(wait_seconds_answered) as wait_seconds_answered,
    sum(wait_seconds_abandoned) as wait_seconds_abandoned,
    sum(answered_within_20s) as answered_within_20s,
    sum(handled) as handled,
    sum(talk_seconds) as talk_seconds
from marts.fct_agent_queue_daily
group by grouping sets ((month, queue_id), (month))
order by month, queue_id = 'all', queue_id
"""


def queue_months(warehouse: Path) -> list[Row]:
    """Queue-access and handling KPIs per month x queue, and per month over all queues (queue ``all``)."""
    rows = _rows(warehouse, QUEUE_MONTHS_SQL)
    for r in rows:
        short = r["abandoned_short"] or 0
        r["answer_rate"] = ratio(r["answered"], r["offered"])
        r["abandonment_rate"] = ratio((r["abandoned"] or 0) - short, (r["offered"] or 0) - short)
        r["asa_seconds"] = ratio(r["wait_seconds_answered"], r["answered"])
        r["service_level_20s"] = ratio(r["answered_within_20s"], (r["offered"] or 0) - short)
        r["mean_talk_seconds"] = ratio(r["talk_seconds"], r["handled"])
    return [r for r in rows if r["offered"] or r["handled"]]


PWC_AGENTS_SQL = """
with

contacts as (select * from marts.fct_contacts),

surveys as (select * from staging.stg_surveys__responses where survey_type = 'csat'),

per_agent as (
    select
        contacts.agent_id,
        count(*) filter (where contacts.is_offered) as offered,
        count(*) filter (where contacts.is_answered) as answered,
        count(*) filter (where contacts.is_handled) as handled,
        count(*) filter (where contacts.resolution_status = 'resolved') as resolved,
        count(surveys.score) as csat_responses,
        count(*) filter (where surveys.score >= 4) as csat_top_box,
        sum(surveys.score) as csat_score_sum
    from contacts
    left join surveys on contacts.contact_id = surveys.contact_id
    group by grouping sets ((contacts.agent_id), ())
)

select coalesce(agent_id, 'all') as agent_id, * exclude (agent_id)
from per_agent
order by agent_id = 'all', agent_id
"""


def pwc_agents(warehouse: Path) -> list[Row]:
    """Per agent (and ``all``): answer rate, call resolution rate and CSAT top-box share (scale 1-5: 4-5)."""
    rows = _rows(warehouse, PWC_AGENTS_SQL)
    for r in rows:
        r["answer_rate"] = ratio(r["answered"], r["offered"])
        r["resolution_rate"] = ratio(r["resolved"], r["handled"])
        r["csat_top_box_share"] = ratio(r["csat_top_box"], r["csat_responses"])
        r["csat_mean"] = ratio(r["csat_score_sum"], r["csat_responses"])
    return rows


HELPDESK_SQL = """
with

tickets as (select * from staging.stg_helpdesk__tickets),

measured as (
    select
        queue_id,
        (epoch(first_agent_reply_at) - epoch(created_at)) / 3600 as first_response_hours,
        (epoch(first_resolved_at) - epoch(created_at)) / 3600 as first_resolution_hours,
        (epoch(last_resolved_at) - epoch(created_at)) / 3600 as full_resolution_hours,
        reopen_count,
        status
    from tickets
)

select
    coalesce(queue_id, 'all') as queue_id,
    count(*) as tickets,
    count(first_response_hours) as responded,
    sum(first_response_hours) as first_response_hours_sum,
    count(first_resolution_hours) as resolved,
    sum(first_resolution_hours) as first_resolution_hours_sum,
    sum(full_resolution_hours) as full_resolution_hours_sum,
    count(*) filter (where reopen_count > 0) as reopened,
    sum(reopen_count) as reopens,
    count(*) filter (where status not in ('solved', 'closed')) as open_at_end
from measured
group by grouping sets ((queue_id), ())
order by queue_id = 'all', queue_id
"""


def helpdesk_queues(warehouse: Path) -> list[Row]:
    """Ticket volume, mean FRT and resolution times (hours), reopens and open tickets per queue."""
    rows = _rows(warehouse, HELPDESK_SQL)
    for r in rows:
        r["mean_first_response_hours"] = ratio(r["first_response_hours_sum"], r["responded"])
        r["mean_first_resolution_hours"] = ratio(r["first_resolution_hours_sum"], r["resolved"])
        r["mean_full_resolution_hours"] = ratio(r["full_resolution_hours_sum"], r["resolved"])
        r["reopen_share"] = ratio(r["reopened"], r["resolved"])
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
    ("csat_mean", "CSAT mean", ""),
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
            if r["csat_mean"] is not None:
                r["csat_mean"] = round(r["csat_mean"], 2)
        text += "\n\nPer agent (queue PWC)\n" + table(agents, AGENT_COLUMNS)
    return text
