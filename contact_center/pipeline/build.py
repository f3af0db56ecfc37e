"""Run ``dbt build`` through dbt's programmatic runner and explain failures.

On a failed data test the test's compiled SQL is run again (read-only) and its first offending
rows are printed, so a red build says *which* rows broke *which* rule.

Usage: ``python -m contact_center.pipeline.build [--select SELECTOR] [-- extra dbt args]``
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from dbt.cli.main import dbtRunner

from contact_center.contract import PROJECT_DIR
from contact_center.settings import warehouse_path


@dataclass
class BuildOutcome:
    success: bool
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)  # node name (source.table for sources) -> status


@contextmanager
def _env(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _release_duckdb() -> None:
    """Close the DuckDB file dbt-duckdb keeps open for the process after an in-process run.

    Without this the file stays locked by this process, and a later read-only connection (GX,
    the summary, a test) fails with "different configuration than existing connections".
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None:
        env.close()
    DuckDBConnectionManager.close_all_connections()


def offending_rows(warehouse: Path, compiled_sql: str, limit: int = 5) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return str(con.sql(f"select * from ({compiled_sql}) as failures limit {limit}"))


def _node_callback(on_node: Callable[[str, str], None]) -> Callable[[Any], None]:
    def callback(event: Any) -> None:
        if event.info.name == "NodeFinished":
            on_node(str(event.data.node_info.unique_id), str(event.data.run_result.status))

    return callback


def dbt(
    args: list[str],
    warehouse: Path,
    project_dir: Path = PROJECT_DIR,
    *,
    on_node: Callable[[str, str], None] | None = None,
    env: dict[str, str] | None = None,
) -> BuildOutcome:
    """Invoke a dbt command against `warehouse`; returns the outcome with failure explanations.

    `on_node(unique_id, status)` hears every finished node (for a progress counter). Colours are off
    when stdout is not a terminal, so cron and CI logs carry no escape codes.
    """
    if not sys.stdout.isatty() and "--no-use-colors" not in args:
        args = [*args, "--no-use-colors"]
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    tmp = warehouse.parent / "tmp"
    tmp.mkdir(exist_ok=True)
    with _env(
        WAREHOUSE_PATH=str(warehouse.resolve()),
        DUCKDB_TEMP_DIRECTORY=str(tmp.resolve()),
        DBT_PROFILES_DIR=str(project_dir),
        DBT_SEND_ANONYMOUS_USAGE_STATS=os.environ.get("DBT_SEND_ANONYMOUS_USAGE_STATS", "false"),
        **(env or {}),
    ):
        try:
            runner = dbtRunner(callbacks=[_node_callback(on_node)] if on_node else None)
            result = runner.invoke([*args, "--project-dir", str(project_dir)])
        finally:
            _release_duckdb()
    outcome = BuildOutcome(success=bool(result.success))
    if result.exception is not None:
        outcome.failures.append(f"dbt raised: {result.exception}")
        return outcome
    for node_result in result.result or []:
        status = str(node_result.status)
        outcome.counts[status] = outcome.counts.get(status, 0) + 1
        node = node_result.node
        source_name = getattr(node, "source_name", None)
        outcome.statuses[f"{source_name}.{node.name}" if source_name else node.name] = status
        if status in ("fail", "error"):
            node = node_result.node
            text = f"{node.resource_type} {node.name}: {status}: {node_result.message}"
            compiled = getattr(node, "compiled_code", None)
            if status == "fail" and node.resource_type == "test" and compiled:
                try:
                    text += "\n" + offending_rows(warehouse, compiled)
                except duckdb.Error as exc:
                    text += f"\n(could not re-run the test query: {exc})"
            outcome.failures.append(text)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    parser.add_argument("dbt_args", nargs="*", help="extra arguments for dbt build (after --)")
    args = parser.parse_args(argv)
    outcome = dbt(["build", *args.dbt_args], args.warehouse)
    for failure in outcome.failures:
        print(f"\n{failure}", file=sys.stderr)
    print(f"dbt build: {outcome.counts}")
    return 0 if outcome.success else 1


if __name__ == "__main__":
    raise SystemExit(main())
