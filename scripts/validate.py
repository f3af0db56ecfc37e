"""Validate the landed raw tables with great-expectations, as SQL inside DuckDB.

This is the first guard: for every raw table the contract's columns must be present, the
primary-key columns may not be null, coded columns must hold known codes, and the tables a KPI
cannot do without (contacts, queues) may not be empty. The warehouse is opened read-only, so a
validation run never holds the write lock dbt needs.

Usage: ``python -m scripts.validate [--warehouse FILE]``; exits 1 when an expectation fails.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.contract import LINEAGE_COLUMNS, RawTable, raw_tables
from scripts.settings import warehouse_path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx
from great_expectations.data_context.types.base import ProgressBarsConfig

REQUIRED_TABLES = ("contacts", "queues")
ALLOWED_VALUES: dict[str, dict[str, list[str]]] = {
    "contacts": {
        "channel": ["voice", "chat", "email", "sms", "social"],
        "direction": ["inbound", "outbound"],
        "initiation_method": ["inbound", "outbound", "transfer", "callback"],
    },
    "surveys": {"survey_type": ["csat", "nps", "ces"]},
}


@dataclass
class Failure:
    table: str
    expectation: str
    column: str | None
    detail: str


def suite_for(table: RawTable) -> gx.ExpectationSuite:
    expectations: list[Any] = [
        gx.expectations.ExpectTableColumnsToMatchSet(
            column_set=[*table.columns, *LINEAGE_COLUMNS], exact_match=True
        )
    ]
    if table.name in REQUIRED_TABLES:
        expectations.append(gx.expectations.ExpectTableRowCountToBeBetween(min_value=1))
    for column in table.primary_key:
        expectations.append(gx.expectations.ExpectColumnValuesToNotBeNull(column=column))
    for column, values in ALLOWED_VALUES.get(table.name, {}).items():
        expectations.append(gx.expectations.ExpectColumnValuesToBeInSet(column=column, value_set=values))
    return gx.ExpectationSuite(name=f"raw_{table.name}", expectations=expectations)


def validate(warehouse: Path) -> tuple[int, list[Failure]]:
    """Run every raw table's suite; returns (expectations evaluated, failures)."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_sql(
        name="warehouse",
        connection_string=f"duckdb:///{warehouse}",
        # duckdb-engine + SQLAlchemy 1.4: no reset-on-return (it would roll back a closed
        # read-only connection) and read_only so dbt can still take the write lock afterwards.
        kwargs={"pool_reset_on_return": None, "connect_args": {"read_only": True}},
    )
    try:
        return _run_suites(context, datasource)
    finally:
        # Let go of the file: GX's execution engine keeps its own pooled read-only connection,
        # which would keep dbt (a writer) out for as long as this process lives.
        datasource.get_execution_engine().close()
        datasource.get_engine().dispose()


def _run_suites(context: Any, datasource: Any) -> tuple[int, list[Failure]]:
    evaluated = 0
    failures: list[Failure] = []
    for table in raw_tables().values():
        asset = datasource.add_table_asset(name=f"raw_{table.name}", table_name=table.name, schema_name="raw")
        batch = asset.add_batch_definition_whole_table("all_rows")
        suite = context.suites.add(suite_for(table))
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"raw_{table.name}", data=batch, suite=suite)
        )
        result = definition.run()
        for outcome in result.results:
            evaluated += 1
            if outcome.success:
                continue
            config = outcome.expectation_config
            kwargs = config.kwargs if config else {}
            details = outcome.result or {}
            shown = ("observed_value", "unexpected_count", "partial_unexpected_list", "details")
            detail = ", ".join(f"{k}={details[k]}" for k in shown if details.get(k) not in (None, [], {}))
            if not detail and outcome.exception_info:
                detail = str(outcome.exception_info.get("exception_message", "raised"))
            failures.append(Failure(table.name, config.type if config else "?", kwargs.get("column"), detail))
    return evaluated, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    args = parser.parse_args(argv)
    evaluated, failures = validate(args.warehouse)
    for f in failures:
        where = f"raw.{f.table}" + (f".{f.column}" if f.column else "")
        print(f"  FAILED {f.expectation} on {where}: {f.detail}", file=sys.stderr)
    print(
        f"validated {len(raw_tables())} raw tables: {evaluated - len(failures)}/{evaluated} expectations met"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
