"""Run a real public dataset through the normal path: adapt, then the pipeline runner, then its report.

The adapter writes contract-shaped files; the runner (:mod:`contact_center.pipeline.refresh`) lands,
reconciles them with the adapter's accounting, guards and builds, under the same lock, run log and exit
codes as a scheduled refresh (no publish, no source freshness: the data is historical).

Usage: ``python -m contact_center.real --dataset bank|pwc|helpdesk [--warehouse PATH] [--landing DIR]
[--quiet]
[--select NODE ...] [--exclude NODE ...]`` (defaults ``warehouse/real_<dataset>.duckdb`` and
``build/real/<dataset>/landing``; by default dbt builds and tests everything). Exits non-zero when a
step fails, with the runner's exit codes (2 landing, accounting or guard, 1 dbt build).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import duckdb

from contact_center.contract import PROJECT_DIR
from contact_center.pipeline import EXIT
from contact_center.pipeline.guard import Failure
from contact_center.pipeline.refresh import Plan, execute
from contact_center.real import ADAPTERS
from contact_center.real.common import AccountingError, AdapterResult
from contact_center.real.console import render

# Raw tables a dataset cannot fill although validation requires them (the help desk has no calls).
EXPECTED_EMPTY = {"helpdesk": {"contacts"}}
ROW_COUNT_EXPECTATION = "expect_table_row_count_to_be_between"


def reconcile(result: AdapterResult, warehouse: Path) -> list[str]:
    """Check the warehouse against the adapter's accounting; returns the mismatches.

    Per source file, the quarantine rows in ``raw.quarantine`` must equal those the adapter counted; per
    landed file, ``raw.<table>`` must hold exactly the rows written. Together with the adapter's own
    ``rows in = landed + quarantined`` this proves every source row was landed or quarantined.
    """
    problems = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for account in result.accounts:
            row = con.execute(
                "select count(*) from raw.quarantine where source_file = ?", [account.source_file]
            ).fetchone()
            found = row[0] if row else 0
            if found != account.quarantined_total:
                problems.append(
                    f"{account.source_file}: {found} quarantined in raw, "
                    f"adapter counted {account.quarantined_total}"
                )
        for table in sorted(result.table_rows):
            for path in sorted((result.landing / table).glob("*.parquet")):
                rel = path.relative_to(result.landing).as_posix()
                row = con.execute(
                    f"select count(*) from raw.{table} where _source_file = ?", [rel]
                ).fetchone()
                written = con.execute(f"select count(*) from read_parquet('{path.as_posix()}')").fetchone()
                if (row[0] if row else 0) != (written[0] if written else 0):
                    problems.append(f"{rel}: raw.{table} holds {row} rows, the file has {written}")
    return problems


def expected(dataset: str, failure: Failure) -> bool:
    return (
        failure.table in EXPECTED_EMPTY.get(dataset, set()) and failure.expectation == ROW_COUNT_EXPECTATION
    )


def held_back_by_guard(result: AdapterResult, warehouse: Path) -> dict[tuple[str, str], int]:
    """Rows the adapter landed that landing or the guard's rules then quarantined, by (table, reason)."""
    files = [
        path.relative_to(result.landing).as_posix()
        for table in result.table_rows
        for path in (result.landing / table).glob("*.parquet")
    ]
    if not files:
        return {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select table_name, reason_code, count(distinct (source_file, source_row)) from raw.quarantine "
            "where list_contains(?, source_file) group by all order by all",
            [files],
        ).fetchall()
    return {(t, r): n for t, r, n in rows}


def dbt_args(quiet: bool, select: list[str] | None, exclude: list[str] | None) -> tuple[str, ...]:
    """Extra ``dbt build`` arguments; a selection keeps only the tests whose parents are all selected."""
    args = ["--quiet"] if quiet else []
    if select:
        args += ["--select", *select, "--indirect-selection", "cautious"]
    if exclude:
        args += ["--exclude", *exclude]
    return tuple(args)


def run(
    dataset: str,
    warehouse: Path,
    landing: Path,
    *,
    quiet: bool = False,
    select: list[str] | None = None,
    exclude: list[str] | None = None,
) -> int:
    """Adapt the dataset, then the pipeline runner (no publish, no freshness); returns the exit code."""
    if landing.exists():
        shutil.rmtree(landing)
    try:
        result = ADAPTERS[dataset](landing)
    except AccountingError as exc:
        print(f"row accounting failed: {exc}", file=sys.stderr)
        return EXIT["input_blocked"]
    print(result.render())
    plan = Plan(
        landing=landing,
        warehouse=warehouse,
        publish_dir=None,
        unit_tests=True,
        freshness=False,  # historical data: always stale
        dbt_args=dbt_args(quiet, select, exclude),
        tolerated=lambda failure: expected(dataset, failure),
        after_land=lambda: [f"RECONCILIATION {p}" for p in reconcile(result, warehouse)],
    )
    code = execute(plan)
    if code != 0:
        return code
    for (table, reason), n in held_back_by_guard(result, warehouse).items():
        print(f"  note: the guard held back {n:,} adapted {table} row(s): {reason}", file=sys.stderr)
    print()
    print(render(dataset, warehouse))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", required=True, choices=sorted(ADAPTERS))
    parser.add_argument(
        "--warehouse", type=Path, default=None, help="default warehouse/real_<dataset>.duckdb"
    )
    parser.add_argument("--landing", type=Path, default=None, help="default build/real/<dataset>/landing")
    parser.add_argument("--quiet", action="store_true", help="dbt build --quiet")
    parser.add_argument("--select", nargs="+", help="build only these dbt nodes (default: everything)")
    parser.add_argument("--exclude", nargs="+", help="dbt nodes to leave out, e.g. test_type:unit")
    args = parser.parse_args(argv)
    warehouse = args.warehouse or PROJECT_DIR / "warehouse" / f"real_{args.dataset}.duckdb"
    landing = args.landing or PROJECT_DIR / "build" / "real" / args.dataset / "landing"
    return run(args.dataset, warehouse, landing, quiet=args.quiet, select=args.select, exclude=args.exclude)


if __name__ == "__main__":
    raise SystemExit(main())
