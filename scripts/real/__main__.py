"""Run a real public dataset through the normal path: adapt -> land -> validate -> dbt build -> summary.

Usage: ``python -m scripts.real --dataset bank|pwc|helpdesk [--warehouse PATH] [--landing DIR] [--quiet]
[--select NODE ...] [--exclude NODE ...]`` (defaults ``warehouse/real_<dataset>.duckdb`` and
``build/real/<dataset>/landing``; by default dbt builds and tests everything). Exits non-zero when a
step fails: 2 landing or row accounting, 1 validation or dbt build.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import duckdb

from scripts.build import dbt
from scripts.contract import PROJECT_DIR
from scripts.land import LandingError, land
from scripts.real import ADAPTERS
from scripts.real._common import AccountingError, AdapterResult
from scripts.real.report import render
from scripts.validate import Failure, validate
from scripts.validate import render as render_guard

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


def build_args(quiet: bool, select: list[str] | None, exclude: list[str] | None) -> list[str]:
    """``dbt build`` arguments; a selection keeps only the tests whose parents are all selected."""
    args = ["build", *(["--quiet"] if quiet else [])]
    if select:
        args += ["--select", *select, "--indirect-selection", "cautious"]
    if exclude:
        args += ["--exclude", *exclude]
    return args


def run(
    dataset: str,
    warehouse: Path,
    landing: Path,
    *,
    quiet: bool = False,
    select: list[str] | None = None,
    exclude: list[str] | None = None,
) -> int:
    """The whole path for one dataset; returns the exit code."""
    if landing.exists():
        shutil.rmtree(landing)
    try:
        result = ADAPTERS[dataset](landing)
    except AccountingError as exc:
        print(f"row accounting failed: {exc}", file=sys.stderr)
        return 2
    print(result.render())

    try:
        report = land(landing, warehouse)
    except LandingError as exc:
        print(f"landing failed: {exc}", file=sys.stderr)
        return 2
    print(f"landed {report.files_landed} new or changed file(s) into {warehouse}")
    problems = reconcile(result, warehouse)
    for problem in problems:
        print(f"  RECONCILIATION {problem}", file=sys.stderr)
    if problems:
        return 2

    guard = validate(warehouse)
    print(render_guard(guard))
    blocking = [f for f in guard.blocking if not expected(dataset, f)]
    for f in guard.blocking:
        where = f"raw.{f.table}" + (f".{f.column}" if f.column else "")
        label = "expected (no such data in this dataset)" if f not in blocking else "BLOCKING"
        print(f"  {label} {f.expectation} on {where}: {f.detail}", file=sys.stderr)
    unbalanced = [b.table for b in guard.balances.values() if not b.balanced]
    if blocking or unbalanced:
        print(f"validation failed: {len(blocking)} blocking, unbalanced tables {unbalanced}", file=sys.stderr)
        return 1
    for (table, reason), n in held_back_by_guard(result, warehouse).items():
        print(f"  note: the guard held back {n:,} adapted {table} row(s): {reason}", file=sys.stderr)

    outcome = dbt(build_args(quiet, select, exclude), warehouse)
    for failure in outcome.failures:
        print(f"\n{failure}", file=sys.stderr)
    print(f"dbt build: {outcome.counts}")
    if not outcome.success:
        return 1

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
