"""Datasets of the KPI dashboard, read from dbt-built relations on a read-only DuckDB connection.

Every figure comes from a relation of the marts: the dashboard's report views
(models/marts/reporting/rpt_dashboard_*.sql) carry, per day, each KPI's summed numerator and
denominator as the KPI macros define them (``kpi_components`` over the ``kpi_<name>_parts`` macros),
so the page can show any date range and any queue. The page's only arithmetic on them is the KPI
catalog's rule 1, sum(numerator) / sum(denominator) over the rows in focus (DECISIONLOG "Dashboard date
ranges"); this module restates no formula and only selects, renames and shapes rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from contact_center.reading import SIGNIFICANT_DIGITS, open_read_only, rounded_sql

ALL_QUEUES = "__all__"

# Display metadata of the KPIs the page shows: (name, label, kind, family). Labels of KPIs with a
# target come from the targets relation (seed kpi_targets); these are for the rest. kind: how to
# format (pct: share shown as %, sec: seconds, num1: one decimal, num: integer, money, score: NPS).
KPIS: tuple[tuple[str, str, str, str], ...] = (
    ("service_level", "Service level", "pct", "access"),
    ("asa_seconds", "ASA", "sec", "access"),
    ("abandonment_rate", "Abandonment rate", "pct", "access"),
    ("answer_rate", "Answer rate", "pct", "access"),
    ("aht_seconds", "AHT", "sec", "handling"),
    ("hold_rate", "Hold rate", "pct", "handling"),
    ("transfer_rate", "Transfer rate", "pct", "handling"),
    ("fcr_rate", "First contact resolution", "pct", "resolution"),
    ("call_resolution_rate", "Call resolution rate", "pct", "resolution"),
    ("csat", "CSAT (top box)", "pct", "resolution"),
    ("nps", "NPS", "score", "resolution"),
    ("ces", "CES (1-7)", "num1", "resolution"),
    ("first_response_seconds", "First response (tickets)", "dur", "tickets"),
    ("full_resolution_seconds", "Full resolution (tickets)", "dur", "tickets"),
    ("ticket_reopen_rate", "Ticket reopen rate", "pct", "tickets"),
    ("wape", "Forecast error (WAPE)", "pct", "forecast"),
    ("forecast_bias", "Forecast bias", "pct", "forecast"),
    ("understaffed_share", "Understaffed intervals", "pct", "forecast"),
    ("cost_per_contact", "Cost per contact", "money", "cost"),
    ("revenue_per_call", "Revenue per call", "money", "cost"),
    ("outbound_conversion_rate", "Outbound conversion", "pct", "cost"),
    ("occupancy", "Occupancy", "pct", "workforce"),
    ("adherence", "Schedule adherence", "pct", "workforce"),
    ("shrinkage", "Shrinkage", "pct", "workforce"),
    ("utilization", "Utilization", "pct", "workforce"),
    ("contacts_per_hour", "Contacts per hour", "num1", "workforce"),
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")  # smaller JSON; far below any displayed digit
    return value


def _jsonable_column(name: str, kind: str) -> str:
    """`name` as the page reads it, converted by DuckDB (a Python loop over every value was most of the
    dashboard's time at 600 days): dates as ISO text, numbers as doubles rounded to 10 significant
    digits (smaller JSON; far below any displayed digit), NaN as null."""
    column = '"' + name.replace('"', '""') + '"'
    if kind == "DATE":
        return f"strftime({column}, '%Y-%m-%d') as {column}"
    if kind in ("DOUBLE", "FLOAT") or kind.startswith("DECIMAL"):
        number = f"cast({column} as double)"
        return f"case when isnan({number}) then null else {rounded_sql(number)} end as {column}"
    return column


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> dict[str, list[Any]]:
    """The result of `sql` as columns (name -> values), JSON-ready."""
    relation = con.sql(sql, params=params or None)
    names, kinds = relation.columns, [str(t) for t in relation.types]
    converted = ", ".join(_jsonable_column(n, k) for n, k in zip(names, kinds, strict=True))
    columns = con.execute(f"select {converted} from ({sql})", params or []).fetch_arrow_table().to_pydict()
    for name in columns:
        if isinstance(next((v for v in columns[name] if v is not None), None), datetime):
            columns[name] = [_jsonable(v) for v in columns[name]]  # what SQL did not convert (timestamps)
    return columns


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    columns = _fetch(con, sql, params)
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _columns(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, list[Any]]:
    """A columnar dict (smaller JSON for the page); empty when there is no row."""
    columns = _fetch(con, sql)
    return columns if any(columns.values()) else {}


def _has_relation(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    return bool(row and row[0])


def _queue_key() -> str:
    """The dashboard's queue key: the queue, or ALL_QUEUES on an all-queues roll-up row."""
    return f"case when is_all_queues then '{ALL_QUEUES}' else queue_id end as queue_id"


def _queues(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _rows(
        con,
        """
        select q.queue_id, q.queue_name, q.channel, q.time_zone, q.sl_threshold_seconds
        from marts.dim_queues as q
        where q.queue_id in (select queue_id from marts.rpt_dashboard_queue_days where not is_all_queues)
        order by q.queue_id
        """,
    )


def _targets(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, dict[str, Any]]]:
    """{queue_id or ALL_QUEUES: {kpi_name: {value, better, unit, label, source}}}."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for r in _rows(
        con,
        f"""
        select coalesce(queue_id, '{ALL_QUEUES}') as queue_id, kpi_name, kpi_label, better_when, unit,
               target_value, target_source
        from marts.rpt_dashboard_targets
        where target_value is not null
        """,
    ):
        out.setdefault(r["queue_id"], {})[r["kpi_name"]] = {
            "value": r["target_value"],
            "better": r["better_when"],
            "unit": r["unit"],
            "label": r["kpi_label"],
            "source": r["target_source"],
        }
    return out


def _queue_days(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    return _columns(
        con,
        f"""
        select {_queue_key()}, * exclude (queue_id, is_all_queues)
        from marts.rpt_dashboard_queue_days
        where is_all_queues or queue_id is not null
        order by 1, date_day
        """,
    )


def _intervals(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    return _columns(
        con,
        f"""
        select {_queue_key()}, * exclude (queue_id, is_all_queues)
        from marts.rpt_dashboard_queue_intervals
        where (is_all_queues or queue_id is not null)
          and (offered > 0 or required_agents > 0 or scheduled_agents > 0)
        order by 1, date_day, time_of_day
        """,
    )


def _agents(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _rows(
        con,
        """
        select agent_id, agent_name, team, site
        from marts.dim_agents
        where agent_id in (select agent_id from marts.rpt_dashboard_agent_days)
           or agent_id in (select agent_id from marts.rpt_dashboard_agent_time_days)
        order by agent_id
        """,
    )


def _table(con: duckdb.DuckDBPyConnection, name: str, order: str) -> dict[str, list[Any]]:
    return _columns(con, f"select * from marts.{name} order by {order}")


def _customers(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    if not _has_relation(con, "marts", "kpi_customers_monthly"):
        return []
    return _rows(
        con,
        """
        select month_start_date, is_partial_month, customers_start, new_customers, churned_customers,
               customers_end, orders, revenue_amount, new_customer_share, customer_retention_pct,
               average_purchase_value, customer_lifetime_value
        from marts.kpi_customers_monthly
        order by month_start_date
        """,
    )


def _days(queue_days: dict[str, list[Any]]) -> list[str]:
    """The local days with contacts or new tickets: the range the focus can take. (A queue's ticket
    backlog also has rows for quiet days after the last delivery; they do not make a day of data.)"""
    activity = zip(
        queue_days.get("date_day", []),
        queue_days.get("offered", []),
        queue_days.get("handled", []),
        queue_days.get("tickets_created", []),
        strict=True,
    )
    return sorted({day for day, offered, handled, created in activity if offered or handled or created})


def load(warehouse: Path) -> dict[str, Any]:
    """Every dataset of the dashboard, JSON-ready."""
    with open_read_only(warehouse) as con:
        queue_days = _queue_days(con)
        return {
            "warehouse": warehouse.name,
            "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "all_queues": ALL_QUEUES,
            "kpis": [{"name": n, "label": label, "kind": k, "family": f} for n, label, k, f in KPIS],
            "queues": _queues(con),
            "days": _days(queue_days),
            "targets": _targets(con),
            "queue_days": queue_days,
            "intervals": _intervals(con),
            "agents": _agents(con),
            "agent_days": _table(con, "rpt_dashboard_agent_days", "date_day, queue_id, agent_id"),
            "agent_time_days": _table(con, "rpt_dashboard_agent_time_days", "date_day, agent_id"),
            "center_days": _table(con, "rpt_dashboard_center_days", "date_day"),
            "customers_monthly": _customers(con),
        }
