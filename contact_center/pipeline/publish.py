"""Publish the marts for BI tools: a read-only DuckDB file and Parquet files, swapped in atomically.

BI tools never open the build file (DuckDB admits one writer *or* many readers, and a dashboard holding
the file would block the nightly build). After a successful build, every relation of schemas ``marts``
and ``ops`` (the refresh log) is copied into a new DuckDB file next to the published one, which then
replaces it with one ``rename`` (atomic on POSIX): a reader opening the path gets the old or the new
file, never half of one, and a reader that has the old file open keeps reading it undisturbed. Parquet
copies of the marts are written to a new folder per run (``parquet/<run>/<relation>/<part>.parquet``)
and ``parquet/current`` is re-pointed the same way.

Only what changed is copied. Each relation is cut into parts: the months of its first date column
(``2026-11``; rows without a date in ``undated``), or one part ``all`` for a relation without a date
column. A part's fingerprint is its row count and the sum of its rows' hashes; the fingerprints of the
last publish are kept in the published file (``main.publish_partitions``). A new publish starts from a
copy of the last published file, rewrites the parts whose fingerprint changed (delete, then insert
from the build), and hard-links the unchanged parts' Parquet files from the last run's folder. A
relation whose columns changed is rewritten whole. See DECISIONLOG "Publish by month".

Usage: ``python -m contact_center.pipeline.publish [--warehouse FILE] [--publish-dir DIR]``
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from contact_center.reading import PUBLISHED_NAME, rounded_sql
from contact_center.settings import duckdb_config, publish_dir, warehouse_path

PARQUET_RUNS_KEPT = 3
PARTS_TABLE = "main.publish_partitions"
UNDATED = "undated"
WHOLE = "all"

# part -> (rows, fingerprint)
Parts = dict[str, tuple[int, str]]


@dataclass(frozen=True)
class Published:
    run_id: str
    database: Path
    parquet: Path
    tables: dict[str, int]
    parts_written: int = 0
    parts_kept: int = 0


@dataclass(frozen=True)
class Relation:
    """A relation of the build file to publish, with its columns and the date column its parts follow."""

    schema: str
    name: str
    columns: tuple[tuple[str, str], ...]

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def signature(self) -> str:
        return json.dumps(self.columns)

    @property
    def part_column(self) -> str | None:
        return next((f'"{name}"' for name, kind in self.columns if kind == "DATE"), None)

    def row_hash(self) -> str:
        """The hash of a row, doubles rounded to 10 significant digits (reading.rounded_sql)."""
        values = []
        for name, kind in self.columns:
            column = f'"{name}"'
            values.append(rounded_sql(column) if kind in ("DOUBLE", "FLOAT") else column)
        return f"hash({', '.join(values)})"

    def part_expression(self) -> str:
        column = self.part_column
        if column is None:
            return f"'{WHOLE}'"
        return f"coalesce(strftime({column}, '%Y-%m'), '{UNDATED}')"

    def parts_predicate(self, parts: set[str]) -> str:
        """The rows of `parts`, with literal date bounds (so that the scan can skip the other months)."""
        column = self.part_column
        if column is None or WHOLE in parts:
            return "true"
        terms = [f"{column} is null"] if UNDATED in parts else []
        for part in sorted(parts - {UNDATED}):
            first = date.fromisoformat(part + "-01")
            after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            terms.append(f"({column} >= date '{first}' and {column} < date '{after}')")
        return "(" + " or ".join(terms) + ")" if terms else "false"


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def publish(warehouse: Path, target: Path, run_id: str | None = None) -> Published:
    """Copy the marts of `warehouse` into `target`/contact_center.duckdb and Parquet, atomically,
    rewriting only the parts that changed since the last publish."""
    run_id = run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target.mkdir(parents=True, exist_ok=True)
    staging = target / f".{PUBLISHED_NAME}.{run_id}.tmp"
    parquet_run = target / "parquet" / run_id
    link = target / "parquet" / "current"
    _remove_leftovers(target)  # of a publish that was killed
    previous_parquet = link.resolve() if link.is_symlink() and link.resolve().is_dir() else None
    try:
        _fault_disk_full()
        parquet_run.mkdir(parents=True, exist_ok=True)
        written = _Writer(warehouse, staging, parquet_run, previous_parquet, run_id)
        written.run(target / PUBLISHED_NAME)
    except BaseException:
        # a failed publish (a full disk, a database error, an interrupt) cleans up after itself:
        # the published copy and parquet/current were not touched
        for path in (staging, staging.with_name(staging.name + ".wal")):
            path.unlink(missing_ok=True)
        shutil.rmtree(parquet_run, ignore_errors=True)
        raise
    staging.replace(target / PUBLISHED_NAME)  # atomic rename
    tmp_link = target / "parquet" / f".current.{run_id}"
    tmp_link.unlink(missing_ok=True)
    tmp_link.symlink_to(run_id, target_is_directory=True)
    tmp_link.replace(link)  # atomic re-point of the symlink
    _prune_parquet_runs(target / "parquet", keep=PARQUET_RUNS_KEPT)
    return Published(
        run_id, target / PUBLISHED_NAME, link, written.tables, written.parts_written, written.parts_kept
    )


def _fault_disk_full() -> None:
    """Fault injection for the tests: CONTACT_CENTER_FAULT=disk_full:publish fails the copy midway."""
    if os.environ.get("CONTACT_CENTER_FAULT") == "disk_full:publish":
        raise OSError(errno.ENOSPC, "No space left on device (injected)")


def _remove_leftovers(target: Path) -> None:
    """Staging files of a publish that was killed: the database and its write-ahead log."""
    for pattern in (f".{PUBLISHED_NAME}.*.tmp", f".{PUBLISHED_NAME}.*.tmp.wal"):
        for leftover in target.glob(pattern):
            leftover.unlink(missing_ok=True)


def _previous_parts(published: Path) -> dict[str, tuple[str, Parts]] | None:
    """The fingerprints of the last publish (relation -> (signature, parts)); None when there is no
    usable last publish (none yet, or one written before fingerprints were kept)."""
    if not published.exists() or published.with_name(published.name + ".wal").exists():
        return None
    try:
        with duckdb.connect(str(published), read_only=True, config=duckdb_config()) as con:
            rows = con.execute(
                f"select relation, signature, part, rows, fingerprint from {PARTS_TABLE}"
            ).fetchall()
    except duckdb.Error:
        return None
    found: dict[str, tuple[str, Parts]] = {}
    for relation, signature, part, count, fingerprint in rows:
        found.setdefault(relation, (signature, {}))[1][part] = (count, fingerprint)
    return found


class _Writer:
    """One publish: the staging DuckDB file (from the last publish, or empty) and the run's Parquet folder."""

    def __init__(
        self, warehouse: Path, staging: Path, parquet_run: Path, previous_parquet: Path | None, run_id: str
    ) -> None:
        self.warehouse, self.staging, self.parquet_run = warehouse, staging, parquet_run
        self.previous_parquet, self.run_id = previous_parquet, run_id
        self.tables: dict[str, int] = {}
        self.parts_written = self.parts_kept = 0

    def run(self, published: Path) -> None:
        previous = _previous_parts(published)
        if previous is not None:
            shutil.copyfile(published, self.staging)
        with duckdb.connect(config=duckdb_config()) as con:
            # attached under its own name: dbt's views refer to it as <file stem>.marts.<view>
            src = self.warehouse.stem
            con.execute(f"attach {_quote(self.warehouse)} as {src} (read_only)")
            con.execute(f"attach {_quote(self.staging)} as pub")
            relations = _relations(con, src)
            kept = _drop_stale(con, relations, previous or {})
            for schema in sorted({r.schema for r in relations}):
                con.execute(f"create schema if not exists pub.{schema}")
            fingerprints: dict[str, Parts] = {}
            for relation in relations:
                fingerprints[relation.key] = self._relation(con, src, relation, kept.get(relation.key))
            _copy_comments(con, src, [(r.schema, r.name) for r in relations])
            con.execute(
                f"create or replace table pub.{PARTS_TABLE} "
                "(relation varchar, signature varchar, part varchar, rows bigint, fingerprint varchar)"
            )
            con.executemany(
                f"insert into pub.{PARTS_TABLE} values (?, ?, ?, ?, ?)",
                [
                    (r.key, r.signature, part, count, fingerprint)
                    for r in relations
                    for part, (count, fingerprint) in sorted(fingerprints[r.key].items())
                ],
            )
            con.execute(
                "create or replace table pub.main.publish_info as select ? as run_id, now() as published_at, "
                "? as parts_written, ? as parts_kept",
                [self.run_id, self.parts_written, self.parts_kept],
            )
            con.execute("detach pub")

    def _relation(
        self, con: duckdb.DuckDBPyConnection, src: str, relation: Relation, before: Parts | None
    ) -> Parts:
        """Bring one relation of the staging file up to date; write its Parquet parts (marts)."""
        target = f"pub.{relation.schema}.{relation.name}"
        source = f"{src}.{relation.schema}.{relation.name}"
        if before is None:
            # new, or its columns changed: copied whole (views are materialised: the published file
            # must not depend on the build file), then fingerprinted where it is cheap to read
            con.execute(f"create or replace table {target} as select * from {source}")
            now = _fingerprints(con, target, relation)
            changed = set(now)
        else:
            now = _fingerprints(con, source, relation)
            changed = {part for part in set(now) | set(before) if now.get(part) != before.get(part)}
            if changed:
                where = relation.parts_predicate(changed)
                con.execute(f"delete from {target} where {where}")
                con.execute(f"insert into {target} select * from {source} where {where}")
        self.tables[relation.key] = sum(count for count, _ in now.values())
        self.parts_written += len(changed & set(now))
        self.parts_kept += len(set(now) - changed)
        if relation.schema == "marts":
            self._parquet(con, relation, now, changed)
        return now

    def _parquet(
        self, con: duckdb.DuckDBPyConnection, relation: Relation, now: Parts, changed: set[str]
    ) -> None:
        """One file per part (`<part>.parquet`, more as `<part>.<n>.parquet` if DuckDB splits one):
        unchanged parts hard-linked from the last run's folder, the rest written in one pass."""
        folder = self.parquet_run / relation.name
        folder.mkdir(parents=True, exist_ok=True)
        target = f"pub.{relation.schema}.{relation.name}"
        if not now:
            # an empty relation keeps one (empty) file, so that readers find its columns
            empty = _quote(folder / f"{WHOLE}.parquet")
            con.execute(f"copy (select * from {target} where false) to {empty} (format parquet)")
            return
        to_write = set(now) & changed
        for part in sorted(set(now) - changed):
            if not self._link_part(relation.name, part, folder):
                to_write.add(part)
        if not to_write:
            return
        written = folder / ".written"
        where = "true" if to_write == set(now) else relation.parts_predicate(to_write)
        con.execute(
            f"copy (select *, {relation.part_expression()} as __part from {target} "
            f"where {where}) to {_quote(written)} "
            "(format parquet, partition_by (__part))"
        )
        for part_folder in sorted(written.iterdir()):
            part = part_folder.name.removeprefix("__part=")
            for n, file in enumerate(sorted(part_folder.glob("*.parquet"))):
                file.rename(folder / (f"{part}.parquet" if n == 0 else f"{part}.{n}.parquet"))
        shutil.rmtree(written)

    def _link_part(self, name: str, part: str, folder: Path) -> bool:
        """Hard-link an unchanged part's files from the last run's folder; False if it cannot."""
        if self.previous_parquet is None:
            return False
        old = self.previous_parquet / name
        files = [old / f"{part}.parquet", *sorted(old.glob(f"{part}.*.parquet"))]
        if not files[0].is_file():
            return False
        try:
            for file in files:
                os.link(file, folder / file.name)
        except OSError:
            for file in files:
                (folder / file.name).unlink(missing_ok=True)
            return False  # another file system, or no hard links: written instead
        return True


def _relations(con: duckdb.DuckDBPyConnection, src: str) -> list[Relation]:
    columns: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, name, column, kind in con.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema in ('marts', 'ops') "
        "order by table_schema, table_name, ordinal_position",
        [src],
    ).fetchall():
        columns.setdefault((schema, name), []).append((column, kind))
    return [Relation(schema, name, tuple(cols)) for (schema, name), cols in sorted(columns.items())]


def _drop_stale(
    con: duckdb.DuckDBPyConnection, relations: list[Relation], previous: dict[str, tuple[str, Parts]]
) -> dict[str, Parts]:
    """Drop the staging file's relations that the build no longer has, or whose columns changed;
    returns the last fingerprints of those kept."""
    wanted = {r.key: r for r in relations}
    kept: dict[str, Parts] = {}
    for schema, name in con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = 'pub' and table_schema in ('marts', 'ops')"
    ).fetchall():
        key = f"{schema}.{name}"
        relation = wanted.get(key)
        signature, parts = previous.get(key, (None, {}))
        if relation is not None and signature == relation.signature:
            kept[key] = parts
        else:
            con.execute(f"drop table pub.{schema}.{name}")
    return kept


def _fingerprints(con: duckdb.DuckDBPyConnection, relation_sql: str, relation: Relation) -> Parts:
    """Rows and the sum of the rows' hashes, per part."""
    rows = con.execute(
        f"select {relation.part_expression()} as part, count(*), cast(sum({relation.row_hash()}) as varchar) "
        f"from {relation_sql} group by 1"
    ).fetchall()
    return {part: (count, fingerprint) for part, count, fingerprint in rows}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _copy_comments(con: duckdb.DuckDBPyConnection, src: str, relations: list[tuple[str, str]]) -> None:
    """Carry dbt's descriptions (persist_docs: table and column comments) into the published copy,
    so BI tools that show comments (Superset, Metabase, DBeaver) show the dbt docs."""
    wanted = set(relations)
    tables_sql = (
        "select schema_name, table_name, comment from duckdb_tables() where database_name = ? "
        "and comment is not null union all "
        "select schema_name, view_name, comment from duckdb_views() where database_name = ? "
        "and comment is not null"
    )
    columns_sql = (
        "select schema_name, table_name, column_name, comment from duckdb_columns() "
        "where database_name = ? and comment is not null"
    )
    # only the comments the staging file (a copy of the last publish) does not already carry
    have_tables = set(con.execute(tables_sql, ["pub", "pub"]).fetchall())
    for schema, name, comment in con.execute(tables_sql, [src, src]).fetchall():
        if (schema, name) in wanted and (schema, name, comment) not in have_tables:
            con.execute(f"comment on table pub.{schema}.{name} is {_literal(comment)}")
    have_columns = set(con.execute(columns_sql, ["pub"]).fetchall())
    for schema, name, column, comment in con.execute(columns_sql, [src]).fetchall():
        if (schema, name) in wanted and (schema, name, column, comment) not in have_columns:
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
