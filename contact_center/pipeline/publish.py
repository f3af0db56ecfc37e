"""Publish the marts for BI tools: a read-only DuckDB file and Parquet files, swapped in atomically.

BI tools never open the build file (DuckDB admits one writer *or* many readers, and a dashboard holding
the file would block the nightly build). After a successful build, every relation of schema ``marts``
(and the refresh log) is copied into a new DuckDB file next to the published one, which then replaces
it with one ``rename`` (atomic on POSIX): a reader opening the path gets the old or the new file,
never half of one, and a reader that has the old file open keeps reading it undisturbed. Parquet
copies are written to a new folder per run and ``parquet/current`` is re-pointed the same way.

Usage: ``python -m contact_center.pipeline.publish [--warehouse FILE] [--publish-dir DIR]``
"""

from __future__ import annotations

import argparse
import errno
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from contact_center.reading import PUBLISHED_NAME
from contact_center.settings import duckdb_config, publish_dir, warehouse_path

PARQUET_RUNS_KEPT = 3


@dataclass(frozen=True)
class Published:
    run_id: str
    database: Path
    parquet: Path
    tables: dict[str, int]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def publish(warehouse: Path, target: Path, run_id: str | None = None) -> Published:
    """Copy the marts of `warehouse` into `target`/contact_center.duckdb and Parquet, atomically."""
    run_id = run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target.mkdir(parents=True, exist_ok=True)
    staging = target / f".{PUBLISHED_NAME}.{run_id}.tmp"
    parquet_run = target / "parquet" / run_id
    _remove_leftovers(target)  # of a publish that was killed
    try:
        _fault_disk_full()
        parquet_run.mkdir(parents=True, exist_ok=True)
        tables = _copy(warehouse, staging, parquet_run, run_id)
    except BaseException:
        # a failed publish (a full disk, a database error, an interrupt) cleans up after itself:
        # the published copy and parquet/current were not touched
        for path in (staging, staging.with_name(staging.name + ".wal")):
            path.unlink(missing_ok=True)
        shutil.rmtree(parquet_run, ignore_errors=True)
        raise
    staging.replace(target / PUBLISHED_NAME)  # atomic rename
    link = target / "parquet" / "current"
    tmp_link = target / "parquet" / f".current.{run_id}"
    tmp_link.unlink(missing_ok=True)
    tmp_link.symlink_to(run_id, target_is_directory=True)
    tmp_link.replace(link)  # atomic re-point of the symlink
    _prune_parquet_runs(target / "parquet", keep=PARQUET_RUNS_KEPT)
    return Published(run_id, target / PUBLISHED_NAME, link, tables)


def _fault_disk_full() -> None:
    """Fault injection for the tests: CONTACT_CENTER_FAULT=disk_full:publish fails the copy midway."""
    if os.environ.get("CONTACT_CENTER_FAULT") == "disk_full:publish":
        raise OSError(errno.ENOSPC, "No space left on device (injected)")


def _remove_leftovers(target: Path) -> None:
    """Staging files of a publish that was killed: the database and its write-ahead log."""
    for pattern in (f".{PUBLISHED_NAME}.*.tmp", f".{PUBLISHED_NAME}.*.tmp.wal"):
        for leftover in target.glob(pattern):
            leftover.unlink(missing_ok=True)


def _copy(warehouse: Path, staging: Path, parquet_run: Path, run_id: str) -> dict[str, int]:
    """Write every relation of marts and ops into the staging file and Parquet; returns row counts."""
    tables: dict[str, int] = {}
    with duckdb.connect(config=duckdb_config()) as con:
        # attached under its own name: dbt's views refer to it as <file stem>.marts.<view>
        src = warehouse.stem
        con.execute(f"attach {_quote(warehouse)} as {src} (read_only)")
        con.execute(f"attach {_quote(staging)} as pub")
        relations = [
            (schema, name)
            for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_catalog = ? and table_schema in ('marts', 'ops') order by 1, 2",
                [src],
            ).fetchall()
        ]
        for schema in {s for s, _ in relations}:
            con.execute(f"create schema pub.{schema}")
        for schema, name in relations:
            # views are materialised: the published file must not depend on the build file
            con.execute(f"create table pub.{schema}.{name} as select * from {src}.{schema}.{name}")
            row = con.execute(f"select count(*) from pub.{schema}.{name}").fetchone()
            tables[f"{schema}.{name}"] = row[0] if row else 0
            if schema == "marts":
                con.execute(
                    f"copy pub.{schema}.{name} to {_quote(parquet_run / f'{name}.parquet')} (format parquet)"
                )
        _copy_comments(con, src, relations)
        con.execute(
            "create table pub.main.publish_info as select ? as run_id, now() as published_at", [run_id]
        )
        con.execute("detach pub")
    return tables


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _copy_comments(con: duckdb.DuckDBPyConnection, src: str, relations: list[tuple[str, str]]) -> None:
    """Carry dbt's descriptions (persist_docs: table and column comments) into the published copy,
    so BI tools that show comments (Superset, Metabase, DBeaver) show the dbt docs."""
    wanted = set(relations)
    tables = con.execute(
        "select schema_name, table_name, comment from duckdb_tables() where database_name = ? "
        "and comment is not null union all "
        "select schema_name, view_name, comment from duckdb_views() where database_name = ? "
        "and comment is not null",
        [src, src],
    ).fetchall()
    for schema, name, comment in tables:
        if (schema, name) in wanted:
            con.execute(f"comment on table pub.{schema}.{name} is {_literal(comment)}")
    columns = con.execute(
        "select schema_name, table_name, column_name, comment from duckdb_columns() "
        "where database_name = ? and comment is not null",
        [src],
    ).fetchall()
    for schema, name, column, comment in columns:
        if (schema, name) in wanted:
            con.execute(f'comment on column pub.{schema}.{name}."{column}" is {_literal(comment)}')


def _prune_parquet_runs(folder: Path, keep: int) -> None:
    current = (folder / "current").resolve().name
    runs = sorted(
        p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
    )
    for old in runs[:-keep]:
        if old.name != current:
            shutil.rmtree(old)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    parser.add_argument("--publish-dir", type=Path, default=publish_dir())
    args = parser.parse_args(argv)
    result = publish(args.warehouse, args.publish_dir)
    print(f"published {len(result.tables)} relations to {result.database} and {result.parquet}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
