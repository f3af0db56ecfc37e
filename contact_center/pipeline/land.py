"""Land export files into the warehouse's ``raw`` schema, quarantining rows that cannot be typed.

Each file in ``<landing>/<table>/`` (Parquet, or CSV with a header, plain or ``.csv.gz``) is appended
to ``raw.<table>`` with its lineage: ``_source_file`` (path relative to the landing folder),
``_source_row`` (1-based data row number in that file) and ``_loaded_at``.

Idempotent: ``raw._landed_files`` records each file's content hash, size and modification time. An
unchanged file is skipped: one whose size and modification time are those recorded is not read again
(the quick check rsync and make rely on: the cost of a run follows the new files, not the folder's
history); any other is hashed, and skipped if its content is the same. A file re-delivered under the
same name with new content replaces the rows (and quarantine entries) it brought before. Corrected
records in a *new* file are appended; staging keeps the latest version of each key, so neither path
duplicates a row downstream.

Any other file in a table folder is refused: not landed, listed with its reason in
``raw._refused_files`` and in every run's report until it is removed, never skipped in silence.

Two outcomes for bad input:
- **blocking** (:class:`LandingError`; the run is one transaction, so nothing of it is landed):
  unreadable file, empty delivery, a missing contract column (a rename shows as missing +
  unexpected), a retyped column (no value of the column fits its contract type), Parquet timestamps
  without a time zone;
- **row level**: a malformed CSV line, bytes that are not UTF-8, a value that does not fit its type,
  or a CSV timestamp without a time zone send that row to ``raw.quarantine`` with a reason; the other
  rows land. Rows delivered = rows landed clean + rows quarantined, recorded per file in the manifest.

Usage: ``python -m contact_center.pipeline.land [--landing DIR] [--warehouse FILE]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from contact_center.contract import RawTable, raw_tables
from contact_center.settings import duckdb_config, landing_dir, warehouse_path

# Delivered file kinds by name ending; any other file in a table folder is refused (reported, not landed).
KINDS = {".parquet": "parquet", ".csv": "csv", ".csv.gz": "csv"}
QUARANTINE = "quarantine"
# A CSV timestamp must end in Z or a UTC offset; anything else would be read in the session zone.
ZONED = r"(Z|z|[+-]\d\d(:?\d\d)?)$"
# Contract types as DuckDB's describe names them.
DUCKDB_TYPE_NAMES = {
    "timestamptz": "TIMESTAMP WITH TIME ZONE",
    "timestamp": "TIMESTAMP",
    "integer": "INTEGER",
    "bigint": "BIGINT",
    "double": "DOUBLE",
    "date": "DATE",
    "varchar": "VARCHAR",
    "boolean": "BOOLEAN",
}

MANIFEST_DDL = """
create table if not exists raw._landed_files (
    source_file varchar primary key,
    table_name varchar not null,
    file_hash varchar not null,
    rows_delivered bigint not null,
    rows_landed bigint not null,
    rows_quarantined bigint not null,
    landed_at timestamptz not null,
    file_size bigint,
    file_mtime_ns bigint
)
"""
# A manifest written before the quick check (file_size, file_mtime_ns) gains the columns; its files are
# hashed once more on the next run and their size and time recorded.
MANIFEST_UPGRADE = (
    "alter table raw._landed_files add column if not exists file_size bigint",
    "alter table raw._landed_files add column if not exists file_mtime_ns bigint",
)


REFUSED_DDL = """
create table if not exists raw._refused_files (
    source_file varchar primary key,
    reason varchar not null,
    seen_at timestamptz not null
)
"""

# Written by dbt (macro record_changed_days): the days each day-rebuilt staging model rebuilt, so the
# models reading it rebuild what follows from them (a day emptied by a withdrawn row included).
# Created with the raw schema, so a warehouse landed without ever running the guard builds too.
REBUILT_DAYS_DDL = """
create table if not exists raw._rebuilt_days (
    model_name varchar not null,
    day date not null,
    rebuilt_at timestamptz not null
)
"""


class LandingError(Exception):
    """A file that cannot be landed at all: the message names the file, table and problem."""


@dataclass
class FileLanding:
    rows_delivered: int
    rows_landed: int
    rows_quarantined: int


@dataclass
class TableLanding:
    table: str
    files_landed: int = 0
    files_replaced: int = 0
    files_unchanged: int = 0
    rows_delivered: int = 0
    rows_landed: int = 0
    rows_quarantined: int = 0


@dataclass
class LandingReport:
    loaded_at: datetime
    tables: dict[str, TableLanding] = field(default_factory=dict)
    # files in a table folder that are not a delivery kind (landing/<table>/<file>, reason): not
    # landed, listed in raw._refused_files and in every report until they are removed
    refused: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rows_landed(self) -> int:
        return sum(t.rows_landed for t in self.tables.values())

    @property
    def rows_quarantined(self) -> int:
        return sum(t.rows_quarantined for t in self.tables.values())

    @property
    def files_landed(self) -> int:
        return sum(t.files_landed + t.files_replaced for t in self.tables.values())


def file_kind(path: Path) -> str | None:
    """'parquet' or 'csv' (plain or gzip-compressed) by the file name's ending; None for anything else."""
    name = path.name.lower()
    for ending, kind in sorted(KINDS.items(), key=lambda item: -len(item[0])):
        if name.endswith(ending):
            return kind
    return None


def file_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _csv_header(path: Path) -> list[str]:
    """The header's column names; a UTF-8 byte-order mark is dropped before parsing, so a fully quoted
    header behind a BOM (Excel, several ACD exports) reads as the names it quotes."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as fh:
            first = next(csv.reader(fh), [])
    except (OSError, EOFError) as exc:  # a truncated or corrupt .gz
        raise LandingError(f"{path}: file cannot be read: {exc}") from exc
    if not first:
        raise LandingError(f"{path}: empty delivery (no header line)")
    return [c.strip().lstrip("\ufeff") for c in first]


def _read_into_incoming(con: duckdb.DuckDBPyConnection, path: Path, table: RawTable) -> int:
    """Read the file into temp table _incoming (+ _source_row); returns the number of rejected lines."""
    leftovers = con.execute(
        "select table_name, table_type from information_schema.tables where table_name in "
        "('_incoming', '_parsed', '_rejects', '_reject_scans', '_rejects_by_line')"
    ).fetchall()
    for name, kind in leftovers:
        con.execute(f"drop {'view' if kind == 'VIEW' else 'table'} {name}")
    where = f"{path}: table {table.name}"
    try:
        if file_kind(path) == "parquet":
            # a view, not a copy: Parquet is columnar and typed, every check below is a cheap scan
            reader = f"read_parquet({_quote(str(path))}, file_row_number = true)"
            con.execute(
                "create temp view _incoming as select * exclude (file_row_number), "
                f"file_row_number + 1 as _source_row from {reader}"
            )
            con.execute("select count(*) from _incoming").fetchone()
            return 0
        # The header gives the columns, so DuckDB does not sniff: a short or broken file is
        # parsed as RFC 4180 with the header's width, and lines that do not fit are rejected.
        header = _csv_header(path)
        columns = "{" + ", ".join(f"{_quote(c)}: 'VARCHAR'" for c in header) + "}"
        con.execute(
            "create temp table _parsed as select *, row_number() over () as _parsed_row "
            f"from read_csv({_quote(str(path))}, header = true, auto_detect = false, columns = {columns}, "
            "delim = ',', quote = '\"', escape = '\"', "
            "store_rejects = true, rejects_table = '_rejects', rejects_scan = '_reject_scans')"
        )
    except (duckdb.OutOfMemoryException, MemoryError):
        raise  # the machine's limit, not the file's fault: the runner reports resources_exhausted
    except duckdb.Error as exc:
        if "No space left on device" in str(exc):
            raise
        raise LandingError(f"{where}: file cannot be read: {exc}") from exc
    con.execute("create temp table _rejects_by_line as select distinct line from _rejects")
    rejected = con.execute("select count(*) from _rejects_by_line").fetchone()[0]
    # Number parsed rows by their line in the file: the k-th parsed row is the k-th line that was
    # not rejected (one record per line; the header is line 1, so data row = line - 1).
    con.execute(
        f"""
        create temp table _incoming as
        with lines as (
            select range as line from range(2, 2 + (select count(*) from _parsed) + {rejected})
        ),
        kept as (
            select line, row_number() over (order by line) as k
            from lines where line not in (select line from _rejects_by_line)
        )
        select p.* exclude (_parsed_row), kept.line - 1 as _source_row
        from _parsed as p join kept on p._parsed_row = kept.k
        """
    )
    con.execute("drop table _rejects_by_line")
    return int(rejected)


def _column_types(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {r[0]: r[1].upper() for r in con.execute("describe _incoming").fetchall()}


def _check_columns(present: dict[str, str], path: Path, table: RawTable) -> None:
    missing = [c for c in table.columns if c not in present]
    if missing:
        extra = [c for c in present if c not in table.columns and c != "_source_row"]
        raise LandingError(
            f"{path}: table {table.name}: expectation expect_table_columns_to_match_set failed: "
            f"missing contract column(s) {missing}"
            + (f"; unexpected column(s) {extra} (renamed?)" if extra else "")
        )


def _row_checks(present: dict[str, str], table: RawTable) -> list[tuple[str, str, str]]:
    """(column, reason_code, SQL predicate true for a bad value) for every contract column."""
    checks = []
    for column, ctype in table.columns.items():
        delivered = present[column]
        if ctype == "timestamptz" and delivered == "VARCHAR":
            checks.append(
                (column, "timestamp_without_time_zone", f"not regexp_matches(trim({column}), '{ZONED}')")
            )
        if delivered != DUCKDB_TYPE_NAMES[ctype]:
            checks.append((column, "uncastable_value", f"try_cast({column} as {ctype}) is null"))
    return [(c, code, f"({c} is not null and {pred})") for c, code, pred in checks]


def _block_on_retyped_columns(
    con: duckdb.DuckDBPyConnection, present: dict[str, str], path: Path, table: RawTable
) -> None:
    for column, ctype in table.columns.items():
        if ctype == "timestamptz" and present[column] == "TIMESTAMP":
            raise LandingError(
                f"{path}: table {table.name}: column {column}: timestamps without a time zone "
                "(Parquet TIMESTAMP, expected TIMESTAMP WITH TIME ZONE / isAdjustedToUTC)"
            )
    checks = _row_checks(present, table)
    if not checks:
        return
    counts = con.execute(
        "select "
        + ", ".join(f"count({c}), count(*) filter (where {p})" for c, _code, p in checks)
        + " from _incoming"
    ).fetchone()
    for i, (column, _code, predicate) in enumerate(checks):
        non_null, bad = counts[2 * i], counts[2 * i + 1]
        if non_null and bad == non_null:
            samples = [
                r[0]
                for r in con.execute(
                    f"select distinct cast({column} as varchar) from _incoming where {predicate} limit 3"
                ).fetchall()
            ]
            raise LandingError(
                f"{path}: table {table.name}: column {column}: no value fits the contract type "
                f"{table.columns[column]} (retyped column?); sample values {samples}"
            )


def land_file(
    con: duckdb.DuckDBPyConnection, path: Path, rel: str, table: RawTable, loaded_at: datetime
) -> FileLanding:
    """Land one file's rows; returns the counts. The caller owns the transaction."""
    rejected = _read_into_incoming(con, path, table)
    present = _column_types(con)
    _check_columns(present, path, table)
    parsed = con.execute("select count(*) from _incoming").fetchone()[0]
    if parsed == 0 and rejected == 0:
        raise LandingError(f"{path}: table {table.name}: empty delivery (no data rows)")
    if parsed == 0:
        raise LandingError(f"{path}: table {table.name}: unreadable: none of its {rejected} line(s) parse")
    _block_on_retyped_columns(con, present, path, table)

    casts = ", ".join(f"try_cast({c} as {t}) as {c}" for c, t in table.columns.items())
    con.execute(
        f"insert into raw.{table.name} select {casts}, ? as _source_file, _source_row, ? as _loaded_at "
        "from _incoming",
        [rel, loaded_at],
    )
    record = "cast(to_json({" + ", ".join(f"'{c}': {c}" for c in table.columns) + "}) as varchar)"
    checks = _row_checks(present, table)
    if checks:
        code = " ".join(f"when {p} then '{code}'" for c, code, p in checks)
        reason = " ".join(
            f"when {p} then '{c}: ' || cast({c} as varchar) || ' "
            + (
                "has no time zone'"
                if code == "timestamp_without_time_zone"
                else f"is not a {table.columns[c]}'"
            )
            for c, code, p in checks
        )
        con.execute(
            f"""
            insert into raw.{QUARANTINE}
            select ?, ?, _source_row, case {code} end, case {reason} end, {record}, ?, _source_row, ?
            from _incoming where {" or ".join(p for _c, _code, p in checks)}
            """,
            [table.name, rel, rel, loaded_at],
        )
    if rejected:
        con.execute(
            f"""
            insert into raw.{QUARANTINE}
            select ?, ?, line - 1,
                case when error_type = 'INVALID ENCODING' then 'invalid_encoding' else 'malformed_line' end,
                error_message, csv_line, ?, line - 1, ?
            from _rejects
            qualify row_number() over (partition by line order by column_idx) = 1
            """,
            [table.name, rel, rel, loaded_at],
        )
    quarantined = con.execute(
        f"select count(distinct source_row) from raw.{QUARANTINE} where _source_file = ? and table_name = ?",
        [rel, table.name],
    ).fetchone()[0]
    clean = parsed - (quarantined - rejected)
    return FileLanding(rows_delivered=parsed + rejected, rows_landed=clean, rows_quarantined=quarantined)


def clean_parquet_rows(probe: duckdb.DuckDBPyConnection, path: Path, table: RawTable) -> int | None:
    """Rows of a Parquet file that can be appended as it is, or None if it needs the per-file checks.

    Reads the footer only: every contract column present with exactly its contract type (so no value
    can fail its cast and no timestamp lacks a zone) and at least one row. Anything else, including
    an unreadable file, takes ``land_file``'s path, which says what is wrong. ``probe`` is a
    connection of its own (in memory): an unreadable file must not abort the landing transaction.
    """
    try:
        described = probe.execute(f"describe select * from read_parquet({_quote(str(path))})").fetchall()
        rows = probe.execute(f"select num_rows from parquet_file_metadata({_quote(str(path))})").fetchone()[0]
    except duckdb.Error:
        return None
    present = {r[0]: r[1].upper() for r in described}
    if any(present.get(c) != DUCKDB_TYPE_NAMES[t] for c, t in table.columns.items()):
        return None
    return int(rows) if rows else None


def append_clean_parquet(
    con: duckdb.DuckDBPyConnection, landing: Path, table: RawTable, paths: list[Path], loaded_at: datetime
) -> None:
    """Append clean Parquet files (see ``clean_parquet_rows``) of one table in one INSERT.

    The same rows and lineage as ``land_file`` (``_source_file`` relative to the landing folder,
    1-based ``_source_row``), without a round of statements per file.
    """
    prefix = len(str(landing)) + 2  # substr() is 1-based; skip "<landing>/"
    listing = "[" + ", ".join(_quote(str(p)) for p in paths) + "]"
    columns = ", ".join(table.columns)
    con.execute(
        f"insert into raw.{table.name} select {columns}, substr(filename, {prefix}) as _source_file, "
        "file_row_number + 1 as _source_row, ? as _loaded_at "
        f"from read_parquet({listing}, filename = true, file_row_number = true, union_by_name = true)",
        [loaded_at],
    )


def discover(landing: Path) -> tuple[list[tuple[RawTable, Path]], list[tuple[str, str]]]:
    """Files to land, in a stable order (by table, then by file name), and the files refused.

    Every file in a table folder is one or the other: a Parquet, CSV or CSV.gz file is landed; anything
    else (a spreadsheet, a half-uploaded ``.part``, a hidden file) is refused with a reason, never
    skipped in silence.
    """
    if not landing.is_dir():
        raise LandingError(
            f"landing folder {landing} does not exist (check --landing / LANDING_DIR): nothing to land"
        )
    tables = raw_tables()
    found, refused = [], []
    for table_dir in sorted(p for p in landing.iterdir() if p.is_dir()):
        if table_dir.name not in tables:
            if not any(table_dir.iterdir()):
                continue  # an empty folder that is not a table (lost+found/): nothing to account for
            raise LandingError(f"{table_dir}: no raw table named {table_dir.name!r} in the contract")
        for path in sorted(table_dir.iterdir()):
            rel = path.relative_to(landing).as_posix()
            if path.is_dir():
                refused.append((rel, "a folder inside a table folder: deliver files, not folders"))
            elif file_kind(path) is None:
                refused.append(
                    (rel, f"not a delivery file ({path.suffix or 'no extension'}): deliver .csv, .csv.gz "
                     "or .parquet")
                )  # fmt: skip
            else:
                found.append((tables[table_dir.name], path))
    return found, refused


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Create schema raw, every contract table and the manifest (idempotent)."""
    con.execute("set TimeZone = 'UTC'")
    con.execute("create schema if not exists raw")
    for table in raw_tables().values():
        con.execute(table.ddl())
    con.execute(MANIFEST_DDL)
    for statement in MANIFEST_UPGRADE:
        con.execute(statement)
    con.execute(REFUSED_DDL)
    con.execute(REBUILT_DAYS_DDL)


def land(landing: Path, warehouse: Path, *, progress: bool = False) -> LandingReport:
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    report = LandingReport(loaded_at=datetime.now(UTC))
    with duckdb.connect(str(warehouse), config=duckdb_config()) as con, duckdb.connect() as probe:
        prepare(con)
        known: dict[str, tuple[str, int | None, int | None]] = {
            rel: (digest, size, mtime_ns)
            for rel, digest, size, mtime_ns in con.execute(
                "select source_file, file_hash, file_size, file_mtime_ns from raw._landed_files"
            ).fetchall()
        }
        files, report.refused = discover(landing)
        # One transaction for the whole run: a blocking file leaves the warehouse exactly as it was,
        # with no half-landed delivery for the next refresh to trip over.
        con.execute("begin transaction")
        try:
            manifest: list[list[object]] = []
            clean: dict[str, list[Path]] = {}
            for i, (table, path) in enumerate(files, 1):
                stats = report.tables.setdefault(table.name, TableLanding(table.name))
                rel = path.relative_to(landing).as_posix()
                stat = path.stat()
                before = known.get(rel)
                if before is not None and before[1:] == (stat.st_size, stat.st_mtime_ns):
                    stats.files_unchanged += 1  # same size and time: not read again
                    continue
                digest = file_hash(path)
                if before is not None and before[0] == digest:
                    stats.files_unchanged += 1  # touched, same content: its size and time recorded
                    con.execute(
                        "update raw._landed_files set file_size = ?, file_mtime_ns = ? where source_file = ?",
                        [stat.st_size, stat.st_mtime_ns, rel],
                    )
                    continue
                if rel in known:
                    con.execute(f"delete from raw.{table.name} where _source_file = ?", [rel])
                    con.execute(f"delete from raw.{QUARANTINE} where _source_file = ?", [rel])
                    con.execute("delete from raw._landed_files where source_file = ?", [rel])
                rows = clean_parquet_rows(probe, path, table) if file_kind(path) == "parquet" else None
                if rows is not None:  # appended below with the table's other clean Parquet files
                    clean.setdefault(table.name, []).append(path)
                    counts = FileLanding(rows_delivered=rows, rows_landed=rows, rows_quarantined=0)
                else:
                    counts = land_file(con, path, rel, table, report.loaded_at)
                manifest.append(
                    [rel, table.name, digest, counts.rows_delivered, counts.rows_landed,
                     counts.rows_quarantined, report.loaded_at, stat.st_size, stat.st_mtime_ns],
                )  # fmt: skip
                if rel in known:
                    stats.files_replaced += 1
                else:
                    stats.files_landed += 1
                stats.rows_delivered += counts.rows_delivered
                stats.rows_landed += counts.rows_landed
                stats.rows_quarantined += counts.rows_quarantined
                if progress and (i % 50 == 0 or i == len(files)):
                    print(f"  checked {i}/{len(files)} files", file=sys.stderr)
            tables = raw_tables()
            for name, paths in clean.items():
                append_clean_parquet(con, landing, tables[name], paths, report.loaded_at)
            if manifest:
                con.executemany(
                    "insert into raw._landed_files (source_file, table_name, file_hash, rows_delivered, "
                    "rows_landed, rows_quarantined, landed_at, file_size, file_mtime_ns) "
                    "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    manifest,
                )
            # the folder's current refusals (a removed file is no longer refused)
            con.execute("delete from raw._refused_files")
            if report.refused:
                con.executemany(
                    "insert into raw._refused_files values (?, ?, ?)",
                    [[rel, reason, report.loaded_at] for rel, reason in report.refused],
                )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--landing", type=Path, default=landing_dir())
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    args = parser.parse_args(argv)
    try:
        report = land(args.landing, args.warehouse, progress=True)
    except LandingError as exc:
        print(f"landing failed (blocking defect, nothing of this file landed): {exc}", file=sys.stderr)
        return 2
    for t in report.tables.values():
        print(
            f"  {t.table:<18} new {t.files_landed:>4}  replaced {t.files_replaced:>3}  "
            f"unchanged {t.files_unchanged:>4}  rows {t.rows_landed:>10,}  "
            f"quarantined {t.rows_quarantined:>6,}"
        )
    for rel, reason in report.refused:
        print(f"  REFUSED {rel}: {reason}", file=sys.stderr)
    print(
        f"landed {report.files_landed} file(s): {report.rows_landed:,} row(s) clean, "
        f"{report.rows_quarantined:,} quarantined, into {args.warehouse}"
        + (f"; {len(report.refused)} file(s) refused" if report.refused else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
