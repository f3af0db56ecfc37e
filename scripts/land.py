"""Land export files into the warehouse's ``raw`` schema.

Each file in ``<landing>/<table>/`` (Parquet or CSV with a header) is appended to ``raw.<table>``
with its lineage (``_source_file``: the path relative to the landing folder, ``_loaded_at``).
A manifest, ``raw._landed_files``, records every file's content hash, which makes landing
idempotent: an unchanged file is skipped, and a file re-delivered under the same name with new
content replaces the rows it brought last time. Corrected records delivered in a *new* file are
appended; staging keeps the latest version of each key, so neither path duplicates a row downstream.

Usage: ``python -m scripts.land [--landing DIR] [--warehouse FILE]``
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from scripts.contract import RawTable, raw_tables
from scripts.settings import landing_dir, warehouse_path

SUFFIXES = {".parquet": "parquet", ".csv": "csv"}

MANIFEST_DDL = """
create table if not exists raw._landed_files (
    source_file varchar primary key,
    table_name varchar not null,
    file_hash varchar not null,
    file_rows bigint not null,
    landed_at timestamptz not null
)
"""


class LandingError(Exception):
    """A file that cannot be landed: the message names the file, table and problem."""


@dataclass
class TableLanding:
    table: str
    files_landed: int = 0
    files_replaced: int = 0
    files_unchanged: int = 0
    rows_landed: int = 0


@dataclass
class LandingReport:
    loaded_at: datetime
    tables: dict[str, TableLanding] = field(default_factory=dict)

    @property
    def rows_landed(self) -> int:
        return sum(t.rows_landed for t in self.tables.values())

    @property
    def files_landed(self) -> int:
        return sum(t.files_landed + t.files_replaced for t in self.tables.values())


def file_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _reader(path: Path) -> str:
    quoted = str(path).replace("'", "''")
    if SUFFIXES[path.suffix.lower()] == "parquet":
        return f"read_parquet('{quoted}')"
    # All columns as text first: types are applied by the contract below, so a CSV's guessed
    # types can never silently differ from the contract.
    return f"read_csv('{quoted}', header = true, all_varchar = true, auto_detect = true)"


def _check_columns(con: duckdb.DuckDBPyConnection, path: Path, table: RawTable) -> None:
    reader = _reader(path)
    try:
        present = [row[0] for row in con.execute(f"describe select * from {reader}").fetchall()]
    except duckdb.Error as exc:
        raise LandingError(f"{path}: table {table.name}: file cannot be read: {exc}") from exc
    missing = [c for c in table.columns if c not in present]
    if missing:
        extra = [c for c in present if c not in table.columns]
        raise LandingError(
            f"{path}: table {table.name}: missing contract column(s) {missing}"
            + (f"; unexpected column(s) {extra} (renamed?)" if extra else "")
        )


def land_file(
    con: duckdb.DuckDBPyConnection, path: Path, rel: str, table: RawTable, loaded_at: datetime
) -> int:
    """Append one file's rows to raw.<table>; returns the row count. Caller owns the transaction."""
    _check_columns(con, path, table)
    casts = ", ".join(f"cast({c} as {t}) as {c}" for c, t in table.columns.items())
    sql = (
        f"insert into raw.{table.name} select {casts}, ? as _source_file, ? as _loaded_at "
        f"from {_reader(path)}"
    )
    try:
        inserted = con.execute(sql, [rel, loaded_at]).fetchone()
    except duckdb.Error as exc:
        raise LandingError(f"{path}: table {table.name}: values do not fit the contract: {exc}") from exc
    rows = int(inserted[0]) if inserted else 0
    if rows == 0:
        raise LandingError(f"{path}: table {table.name}: empty delivery (no data rows)")
    return rows


def discover(landing: Path) -> list[tuple[RawTable, Path]]:
    """Files to land, in a stable order: by table, then by file name."""
    tables = raw_tables()
    found = []
    for table_dir in sorted(p for p in landing.iterdir() if p.is_dir()) if landing.exists() else []:
        if table_dir.name not in tables:
            raise LandingError(f"{table_dir}: no raw table named {table_dir.name!r} in the contract")
        for path in sorted(table_dir.iterdir()):
            if path.suffix.lower() in SUFFIXES:
                found.append((tables[table_dir.name], path))
    return found


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Create schema raw, every contract table and the manifest (idempotent)."""
    con.execute("set TimeZone = 'UTC'")
    con.execute("create schema if not exists raw")
    for table in raw_tables().values():
        con.execute(table.ddl())
    con.execute(MANIFEST_DDL)


def land(landing: Path, warehouse: Path, *, progress: bool = False) -> LandingReport:
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    report = LandingReport(loaded_at=datetime.now(UTC))
    with duckdb.connect(str(warehouse)) as con:
        prepare(con)
        known = dict(con.execute("select source_file, file_hash from raw._landed_files").fetchall())
        files = discover(landing)
        for i, (table, path) in enumerate(files, 1):
            stats = report.tables.setdefault(table.name, TableLanding(table.name))
            rel = path.relative_to(landing).as_posix()
            digest = file_hash(path)
            if known.get(rel) == digest:
                stats.files_unchanged += 1
                continue
            con.execute("begin transaction")
            try:
                if rel in known:
                    con.execute(f"delete from raw.{table.name} where _source_file = ?", [rel])
                    con.execute("delete from raw._landed_files where source_file = ?", [rel])
                rows = land_file(con, path, rel, table, report.loaded_at)
                con.execute(
                    "insert into raw._landed_files values (?, ?, ?, ?, ?)",
                    [rel, table.name, digest, rows, report.loaded_at],
                )
                con.execute("commit")
            except Exception:
                con.execute("rollback")
                raise
            if rel in known:
                stats.files_replaced += 1
            else:
                stats.files_landed += 1
            stats.rows_landed += rows
            if progress and (i % 50 == 0 or i == len(files)):
                print(f"  landed {i}/{len(files)} files", file=sys.stderr)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--landing", type=Path, default=landing_dir())
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    args = parser.parse_args(argv)
    try:
        report = land(args.landing, args.warehouse, progress=True)
    except LandingError as exc:
        print(f"landing failed: {exc}", file=sys.stderr)
        return 2
    for t in report.tables.values():
        print(
            f"  {t.table:<18} new {t.files_landed:>4}  replaced {t.files_replaced:>3}  "
            f"unchanged {t.files_unchanged:>4}  rows {t.rows_landed:>10,}"
        )
    print(f"landed {report.files_landed} file(s), {report.rows_landed:,} row(s) into {args.warehouse}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
