"""Datasets of the KPI dashboard, read from the marts on a read-only DuckDB connection.

Every ratio is computed here, in SQL, from *summed* additive components with the formulas of
the KPI catalog (docs/kpi_catalog.md) and the same expressions as its ``kpi_*`` macros: sum the
components at the grain of the chart, then divide once, NULL on a zero denominator. The JavaScript of
the page only draws what it is given.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from contact_center.reading import open_read_only

# Catalog formulas over summed components (rule 1: sum, then divide; rule 5: NULL on zero).
SERVICE_LEVEL = (
    "case when sum(abandoned_timed) >= sum(abandoned) then "
    "cast(sum(answered_within_t) as double) / nullif(sum(offered) - sum(abandoned_short), 0) end"
)
ABANDONMENT_RATE = (
    "case when sum(abandoned_timed) >= sum(abandoned) then "
    "cast(sum(abandoned) - sum(abandoned_short) as double) "
    "/ nullif(sum(offered) - sum(abandoned_short), 0) end"
)
ASA = "cast(sum(wait_seconds_answered) as double) / nullif(sum(answered), 0)"
AHT = (
    "case when sum(handled_acw_known) >= sum(handled) then "
    "cast(sum(talk_seconds) + coalesce(sum(hold_seconds), 0) + coalesce(sum(acw_seconds), 0) as double) "
    "/ nullif(sum(handled), 0) end"
)
HANDLE_SECONDS = "sum(talk_seconds) + coalesce(sum(hold_seconds), 0) + coalesce(sum(acw_seconds), 0)"

ALL_QUEUES = "__all__"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [{n: _jsonable(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Row dicts to a columnar dict (smaller JSON for the page)."""
    if not rows:
        return {}
    return {name: [r[name] for r in rows] for name in rows[0]}


def _has_relation(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    return bool(row and row[0])


def _targets(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Center-wide KPI targets from the kpi_targets seed, when the file carries it (a published copy
    holds the marts only)."""
    if not _has_relation(con, "reference", "kpi_targets"):
        return {}
    return {
        r["kpi_name"]: r["target_value"]
        for r in _rows(con, "select kpi_name, target_value from reference.kpi_targets")
    }


def _queues(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _rows(
        con,
        """
        select q.queue_id, q.queue_name, q.channel, q.time_zone, q.sl_threshold_seconds, q.sl_target
        from marts.dim_queues as q
        where q.queue_id in (
            select queue_id from marts.fct_agent_queue_daily where offered > 0 or handled > 0
        )
        order by q.queue_id
        """,
    )


def _summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    rows = _rows(
        con,
        f"""
        select
            min(date_day) as first_day, max(date_day) as last_day,
            sum(offered) as offered, sum(answered) as answered, sum(abandoned) as abandoned,
            sum(abandoned_short) as abandoned_short, sum(answered_within_t) as answered_within_t,
            sum(handled) as handled,
            {SERVICE_LEVEL} as service_level, {ASA} as asa_seconds,
            {ABANDONMENT_RATE} as abandonment_rate, {AHT} as aht_seconds
        from marts.fct_agent_queue_daily
        """,
    )
    return rows[0]


def _intervals(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """SL and ASA per queue (and all queues) x local day x local 30-minute interval of the day."""
    return _columns(
        _rows(
            con,
            f"""
            select
                coalesce(queue_id, '{ALL_QUEUES}') as queue_id,
                date_day,
                strftime(interval_start_local, '%H:%M') as time_of_day,
                sum(offered) as offered,
                sum(answered) as answered,
                sum(answered_within_t) as answered_within_t,
                sum(offered) - sum(abandoned_short) as sl_denominator,
                {SERVICE_LEVEL} as service_level,
                {ASA} as asa_seconds
            from marts.fct_queue_intervals
            group by grouping sets (
                (queue_id, date_day, strftime(interval_start_local, '%H:%M')),
                (date_day, strftime(interval_start_local, '%H:%M'))
            )
            having sum(offered) > 0 or sum(answered) > 0
            order by 1, 2, 3
            """,
        )
    )


def _daily(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """Daily KPIs per queue (and all queues), to draw against each queue's targets."""
    return _columns(
        _rows(
            con,
            f"""
            select
                coalesce(queue_id, '{ALL_QUEUES}') as queue_id,
                date_day,
                sum(offered) as offered,
                sum(answered) as answered,
                sum(handled) as handled,
                {SERVICE_LEVEL} as service_level,
                {ASA} as asa_seconds,
                {ABANDONMENT_RATE} as abandonment_rate,
                {AHT} as aht_seconds
            from marts.fct_agent_queue_daily
            group by grouping sets ((queue_id, date_day), (date_day))
            order by 1, 2
            """,
        )
    )


def _queue_comparison(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """One row per queue over the whole period, with the counts behind every ratio."""
    return _rows(
        con,
        f"""
        with contacts as (
            select
                queue_id,
                sum(offered) as offered,
                sum(answered) as answered,
                sum(abandoned) as abandoned,
                sum(abandoned_short) as abandoned_short,
                sum(answered_within_t) as answered_within_t,
                sum(handled) as handled,
                sum(transferred_out) as transferred_out,
                sum(fcr_eligible) as fcr_eligible,
                sum(fcr_resolved) as fcr_resolved,
                {SERVICE_LEVEL} as service_level,
                {ASA} as asa_seconds,
                {ABANDONMENT_RATE} as abandonment_rate,
                {AHT} as aht_seconds,
                cast(sum(transferred_out) as double) / nullif(sum(handled), 0) as transfer_rate,
                cast(sum(fcr_resolved) as double) / nullif(sum(fcr_eligible), 0) as fcr_rate
            from marts.fct_agent_queue_daily
            group by queue_id
        ),

        surveys as (
            select
                queue_id,
                sum(csat_responses) as csat_responses,
                sum(csat_top_box) as csat_top_box,
                cast(sum(csat_top_box) as double) / nullif(sum(csat_responses), 0) as csat
            from marts.fct_survey_agent_queue_daily
            where queue_id is not null
            group by queue_id
        )

        select
            q.queue_id, q.queue_name, q.channel, q.sl_threshold_seconds, q.sl_target,
            c.* exclude (queue_id),
            coalesce(s.csat_responses, 0) as csat_responses,
            coalesce(s.csat_top_box, 0) as csat_top_box,
            s.csat
        from contacts as c
        inner join marts.dim_queues as q on c.queue_id = q.queue_id
        left join surveys as s on c.queue_id = s.queue_id
        where c.offered > 0 or c.handled > 0
        order by q.queue_id
        """,
    )


def _agents(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Agent scorecards over the period: each ratio with its numerator and denominator."""
    return _rows(
        con,
        f"""
        with contacts as (
            select
                agent_id,
                sum(handled) as handled,
                sum(handled_acw_known) as handled_acw_known,
                {HANDLE_SECONDS} as handle_seconds,
                {AHT} as aht_seconds,
                sum(held) as held,
                sum(handled_hold_known) as handled_hold_known,
                sum(transferred_out) as transferred_out,
                sum(resolved) as resolved,
                sum(fcr_eligible) as fcr_eligible,
                sum(fcr_resolved) as fcr_resolved
            from marts.fct_agent_queue_daily
            where agent_id is not null
            group by agent_id
        ),

        surveys as (
            select agent_id, sum(csat_responses) as csat_responses, sum(csat_top_box) as csat_top_box
            from marts.fct_survey_agent_queue_daily
            where agent_id is not null
            group by agent_id
        ),

        agent_time as (
            select
                agent_id,
                sum(handling_seconds) as handling_seconds,
                sum(available_seconds) as available_seconds,
                sum(logged_in_seconds) as logged_in_seconds,
                sum(paid_seconds) as paid_seconds,
                sum(adherent_seconds) as adherent_seconds
            from marts.fct_agent_daily
            group by agent_id
        )

        select
            a.agent_id, a.agent_name, a.team, a.site,
            c.handled, c.handle_seconds, c.aht_seconds,
            c.held, c.handled_hold_known,
            cast(c.held as double) / nullif(c.handled_hold_known, 0) as hold_rate,
            c.transferred_out,
            cast(c.transferred_out as double) / nullif(c.handled, 0) as transfer_rate,
            c.fcr_eligible, c.fcr_resolved,
            cast(c.fcr_resolved as double) / nullif(c.fcr_eligible, 0) as fcr_rate,
            coalesce(s.csat_responses, 0) as csat_responses,
            coalesce(s.csat_top_box, 0) as csat_top_box,
            cast(s.csat_top_box as double) / nullif(s.csat_responses, 0) as csat,
            t.handling_seconds, t.available_seconds,
            cast(t.handling_seconds as double)
                / nullif(t.handling_seconds + t.available_seconds, 0) as occupancy,
            t.paid_seconds, t.adherent_seconds,
            cast(t.adherent_seconds as double) / nullif(t.paid_seconds, 0) as adherence,
            t.logged_in_seconds,
            cast(c.handled as double) / nullif(t.logged_in_seconds / 3600.0, 0) as contacts_per_hour
        from contacts as c
        inner join marts.dim_agents as a on c.agent_id = a.agent_id
        left join surveys as s on c.agent_id = s.agent_id
        left join agent_time as t on c.agent_id = t.agent_id
        where c.handled > 0
        order by c.handled desc, a.agent_id
        """,
    )


def _surveys(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """Center-level survey KPIs per day of the surveyed contact, with response counts."""
    return _columns(
        _rows(
            con,
            """
            select
                date_day,
                sum(csat_responses) as csat_responses,
                cast(sum(csat_top_box) as double) / nullif(sum(csat_responses), 0) as csat,
                sum(nps_responses) as nps_responses,
                100 * cast(sum(nps_promoters) - sum(nps_detractors) as double)
                    / nullif(sum(nps_responses), 0) as nps,
                sum(ces_responses) as ces_responses,
                cast(sum(ces_score_sum) as double) / nullif(sum(ces_responses), 0) as ces
            from marts.fct_survey_agent_queue_daily
            group by date_day
            having sum(survey_responses) > 0
            order by date_day
            """,
        )
    )


def _staffing(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """Erlang C required agents vs agents scheduled on queue, per queue (and all) x local interval."""
    return _columns(
        _rows(
            con,
            f"""
            select
                coalesce(queue_id, '{ALL_QUEUES}') as queue_id,
                interval_start_local,
                sum(required_agents) as required_agents,
                sum(scheduled_agents) as scheduled_agents,
                sum(actual_offered) as actual_offered
            from marts.fct_queue_workforce_intervals
            where is_realtime
            group by grouping sets ((queue_id, interval_start_local), (interval_start_local))
            order by 1, 2
            """,
        )
    )


def _forecast(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """Forecast vs actual offered per queue (and all) x local day, with WAPE and bias."""
    return _columns(
        _rows(
            con,
            f"""
            select
                coalesce(queue_id, '{ALL_QUEUES}') as queue_id,
                date_day,
                sum(forecast_offered) as forecast_offered,
                sum(actual_offered) as actual_offered,
                cast(sum(forecast_abs_error) as double) / nullif(sum(actual_offered), 0) as wape,
                cast(sum(forecast_offered) - sum(actual_offered) as double) / nullif(sum(actual_offered), 0)
                    as forecast_bias
            from marts.fct_queue_workforce_daily
            where forecast_intervals > 0
            group by grouping sets ((queue_id, date_day), (date_day))
            order by 1, 2
            """,
        )
    )


def load(warehouse: Path) -> dict[str, Any]:
    """Every dataset of the dashboard, JSON-ready."""
    with open_read_only(warehouse) as con:
        return {
            "warehouse": warehouse.name,
            "all_queues": ALL_QUEUES,
            "targets": _targets(con),
            "queues": _queues(con),
            "summary": _summary(con),
            "intervals": _intervals(con),
            "daily": _daily(con),
            "queue_comparison": _queue_comparison(con),
            "agents": _agents(con),
            "surveys": _surveys(con),
            "staffing": _staffing(con),
            "forecast": _forecast(con),
        }
