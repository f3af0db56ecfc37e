"""Shared pieces of the real-data adapters: row accounting, quarantine rows, local time and Parquet output.

Every adapter reads its source files from ``data/real/`` and writes contract-shaped Parquet files into a
landing folder (``<landing>/<table>/<name>.parquet``), which the pipeline then lands like any export.
A source row is either landed (possibly after a documented repair) or written to ``quarantine`` with a
reason code, and the adapter checks ``rows in = rows landed + rows quarantined`` for every file it reads.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.parquet as pq

from contact_center.contract import PROJECT_DIR, raw_tables

DATA_DIR = PROJECT_DIR / "data" / "real"

ARROW_TYPES: dict[str, pa.DataType] = {
    "varchar": pa.string(),
    "timestamptz": pa.timestamp("us", tz="UTC"),
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
}


class AccountingError(AssertionError):
    """A source file whose rows do not add up to rows landed plus rows quarantined."""


class NonexistentLocalTime(ValueError):
    """A local wall-clock time that the zone skipped (the gap of a daylight-saving change)."""


@dataclass
class FileAccount:
    """Row accounting of one source file: every data row is landed or quarantined, never both or neither."""

    source_file: str  # relative to data/real/
    table: str  # raw table its rows are meant for
    rows_in: int = 0
    landed: int = 0
    quarantined: Counter[str] = field(default_factory=Counter)  # reason_code -> rows
    repaired: Counter[str] = field(default_factory=Counter)  # repair rule -> landed rows it changed

    @property
    def quarantined_total(self) -> int:
        return sum(self.quarantined.values())

    def check(self) -> None:
        if self.rows_in != self.landed + self.quarantined_total:
            raise AccountingError(
                f"{self.source_file}: {self.rows_in} rows in != {self.landed} landed + "
                f"{self.quarantined_total} quarantined"
            )


@dataclass
class AdapterResult:
    """What an adapter wrote: per-file accounting and rows per raw table."""

    dataset: str
    landing: Path
    accounts: list[FileAccount] = field(default_factory=list)
    table_rows: Counter[str] = field(default_factory=Counter)

    def check(self) -> None:
        for account in self.accounts:
            account.check()

    def render(self) -> str:
        lines = [f"adapted {self.dataset} into {self.landing}"]
        for a in self.accounts:
            quarantined = ", ".join(f"{k} {v:,}" for k, v in sorted(a.quarantined.items())) or "none"
            repaired = ", ".join(f"{k} {v:,}" for k, v in sorted(a.repaired.items())) or "none"
            lines.append(
                f"  {a.source_file}: {a.rows_in:,} rows in = {a.landed:,} landed ({a.table}) + "
                f"{a.quarantined_total:,} quarantined [{quarantined}]; repaired: {repaired}"
            )
        lines.append("  rows written: " + ", ".join(f"{t} {n:,}" for t, n in sorted(self.table_rows.items())))
        return "\n".join(lines)


class Quarantine:
    """Collects quarantine rows (raw table ``quarantine``) and counts them on their file's account."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(
        self, account: FileAccount, source_row: int, reason_code: str, reason: str, record: Mapping[str, Any]
    ) -> None:
        self.rows.append(
            {
                "table_name": account.table,
                "source_file": account.source_file,
                "source_row": source_row,
                "reason_code": reason_code,
                "reason": reason,
                "record": json.dumps(record, ensure_ascii=False, sort_keys=False),
            }
        )
        account.quarantined[reason_code] += 1


def record_of(header: Sequence[str], values: Sequence[str]) -> dict[str, str]:
    """The source row as a JSON-ready mapping; a repeated header name gets a ``#2`` suffix."""
    if len(values) == len(header) and len(set(header)) == len(header):
        return dict(zip(header, values, strict=True))
    seen: Counter[str] = Counter()
    out: dict[str, str] = {}
    for i, value in enumerate(values):
        name = header[i] if i < len(header) else f"extra_{i + 1}"
        seen[name] += 1
        out[name if seen[name] == 1 else f"{name}#{seen[name]}"] = value
    return out


def local_to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """A naive local wall-clock time as a UTC instant.

    A time repeated by a daylight-saving change (the fold) is read as its first occurrence; a time the
    zone skipped raises NonexistentLocalTime, so the caller can quarantine it rather than guess.
    """
    offset = _hour_offset(local.replace(minute=0, second=0, microsecond=0), zone)
    if offset is not None:
        return (local - offset).replace(tzinfo=UTC)
    instant = local.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != local:
        raise NonexistentLocalTime(f"{local} does not exist in {zone.key}")
    return instant


@cache
def _hour_offset(hour: datetime, zone: ZoneInfo) -> timedelta | None:
    """The UTC offset of a local hour with no offset change near it; None near a change (checked per call)."""
    offsets = {
        (hour + timedelta(minutes=m)).replace(tzinfo=zone, fold=f).utcoffset()
        for m in (-60, 0, 59, 120)
        for f in (0, 1)
    }
    return offsets.pop() if len(offsets) == 1 else None


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def seconds(delta: timedelta) -> float:
    return delta.total_seconds()


def write_table(landing: Path, table: str, name: str, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write rows as ``<landing>/<table>/<name>.parquet`` with the contract's columns and types.

    Columns a row does not carry are written as nulls. Nothing is written for zero rows (landing refuses
    empty deliveries). Returns the number of rows written.
    """
    columns = raw_tables()[table].columns
    materialised = list(rows)
    if not materialised:
        return 0
    arrays = [
        pa.array([row.get(col) for row in materialised], type=ARROW_TYPES[dtype])
        for col, dtype in columns.items()
    ]
    schema = pa.schema([pa.field(c, ARROW_TYPES[t]) for c, t in columns.items()])
    path = landing / table / f"{name}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)
    return len(materialised)
