"""Datasets of the KPI dashboard, read from the marts on a read-only DuckDB connection.

Every ratio is read from a dbt-built relation: the report-shaped ``rpt_*`` models (models/marts/reporting/),
which apply the KPI macros (macros/kpi/) to summed components at the dashboard's grains (all-queue
roll-ups, whole periods, agents). Nothing here restates a formula, so the variant vars
(``--vars '{service_level_variant: of_answered}'``) change the dashboard exactly as they change the
``kpi_*`` views. This module only selects, renames and shapes rows; the JavaScript of the page only
draws what it is given.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from contact_center.reading import open_read_only

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
            select queue_id from marts.rpt_queue_periods
            where not is_all_queues and (offered > 0 or handled > 0)
        )
        order by q.queue_id
        """,
    )


def _summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    rows = _rows(
        con,
        """
        select
            first_day, last_day, offered, answered, abandoned, abandoned_short, answered_within_t, handled,
            service_level, asa_seconds, abandonment_rate, aht_seconds
        from marts.rpt_queue_periods
        where is_all_queues
        """,
    )
    return rows[0]


def _queue_key() -> str:
    """The dashboard's queue key: the queue, or ALL_QUEUES on an all-queues roll-up row."""
    return f"case when is_all_queues then '{ALL_QUEUES}' else queue_id end as queue_id"


def _intervals(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """SL and ASA per queue (and all queues) x local day x local 30-minute interval of the day."""
    return _columns(
        _rows(
            con,
            f"""
            select
                {_queue_key()},
                date_day,
                time_of_day,
                offered,
                answered,
                service_level_numerator as answered_within_t,
                service_level_denominator as sl_denominator,
                service_level,
                asa_seconds
            from marts.rpt_queue_intervals
            where offered > 0 or answered > 0
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
                {_queue_key()},
                date_day, offered, answered, handled,
                service_level, asa_seconds, abandonment_rate, aht_seconds
            from marts.rpt_queue_days
            order by 1, 2
            """,
        )
    )


def _queue_comparison(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """One row per queue over the whole period, with the counts behind every ratio."""
    return _rows(
        con,
        """
        select
            q.queue_id, q.queue_name, q.channel, q.sl_threshold_seconds, q.sl_target,
            p.offered, p.answered, p.abandoned, p.abandoned_short, p.answered_within_t, p.handled,
            p.transferred_out, p.fcr_eligible, p.fcr_resolved,
            p.service_level, p.asa_seconds, p.abandonment_rate, p.aht_seconds, p.transfer_rate, p.fcr_rate,
            p.csat_responses, p.csat_top_box, p.csat
        from marts.rpt_queue_periods as p
        inner join marts.dim_queues as q on p.queue_id = q.queue_id
        where not p.is_all_queues and (p.offered > 0 or p.handled > 0)
        order by q.queue_id
        """,
    )


def _agents(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Agent scorecards over the period: each ratio with its numerator and denominator."""
    return _rows(
        con,
        """
        select
            a.agent_id, a.agent_name, a.team, a.site,
            p.handled, p.handle_seconds, p.aht_seconds,
            p.held, p.handled_hold_known, p.hold_rate,
            p.transferred_out, p.transfer_rate,
            p.fcr_eligible, p.fcr_resolved, p.fcr_rate,
            p.csat_responses, p.csat_top_box, p.csat,
            p.handling_seconds, p.available_seconds, p.occupancy,
            p.paid_seconds, p.adherent_seconds, p.adherence,
            p.logged_in_seconds, p.contacts_per_hour
        from marts.rpt_agent_periods as p
        inner join marts.dim_agents as a on p.agent_id = a.agent_id
        where not p.is_all_agents and p.handled > 0
        order by p.handled desc, a.agent_id
        """,
    )


def _surveys(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """Center-level survey KPIs per day of the surveyed contact, with response counts."""
    return _columns(
        _rows(
            con,
            """
            select date_day, csat_responses, csat, nps_responses, nps, ces_responses, ces
            from marts.rpt_center_survey_days
            where survey_responses > 0
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
            select {_queue_key()}, date_day, forecast_offered, actual_offered, wape, forecast_bias
            from marts.rpt_queue_forecast_days
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
