"""Arrow helpers of the demo generator: fast id formatting, nullable columns, contract-typed tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from contact_center.contract import raw_tables

I64 = npt.NDArray[np.int64]
NULL = -1  # sentinel for a missing timestamp / index in int64 arrays

ARROW_TYPES: dict[str, pa.DataType] = {
    "varchar": pa.string(),
    "timestamptz": pa.timestamp("us", tz="UTC"),
    "date": pa.date32(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "double": pa.float64(),
}


def schema(table: str) -> pa.Schema:
    """Arrow schema of a raw table, columns in contract order."""
    cols = raw_tables()[table].columns
    return pa.schema([pa.field(c, ARROW_TYPES[t]) for c, t in cols.items()])


def ids(prefix: str, nums: npt.ArrayLike, width: int) -> pa.StringArray:
    """``prefix`` + zero-padded ``nums`` as a string array, built from byte buffers (no Python loop)."""
    v = np.asarray(nums, dtype=np.int64).copy()
    n = len(v)
    head = np.frombuffer(prefix.encode(), dtype=np.uint8)
    size = len(head) + width
    buf = np.empty((n, size), dtype=np.uint8)
    buf[:, : len(head)] = head
    for c in range(size - 1, len(head) - 1, -1):
        buf[:, c] = 48 + v % 10
        v //= 10
    offsets = np.arange(0, (n + 1) * size, size, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(buf))


def take(values: pa.Array, index: npt.ArrayLike) -> pa.Array:
    """``values[index]`` with index ``NULL`` giving null."""
    idx = np.asarray(index, dtype=np.int64)
    return values.take(pa.array(idx, mask=idx < 0))


def labels(names: Sequence[str], codes: npt.ArrayLike) -> pa.Array:
    """Categorical codes to strings (code ``NULL`` gives null)."""
    return take(pa.array(list(names), pa.string()), codes)


def ts(seconds: npt.ArrayLike) -> pa.Array:
    """Epoch seconds to timestamptz (``NULL`` gives null)."""
    s = np.asarray(seconds, dtype=np.int64)
    return pa.array(s * 1_000_000, type=pa.timestamp("us", tz="UTC"), mask=s < 0)


def days(ordinals: npt.ArrayLike) -> pa.Array:
    """Proleptic Gregorian ordinals (``date.toordinal()``) to date32 (``NULL`` gives null)."""
    o = np.asarray(ordinals, dtype=np.int64)
    return pa.array((o - 719163).astype(np.int32), type=pa.date32(), mask=o < 0)


def int32(values: npt.ArrayLike) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.int32), type=pa.int32())


def float64(values: npt.ArrayLike, decimals: int | None = None) -> pa.Array:
    v = np.asarray(values, dtype=np.float64)
    return pa.array(np.round(v, decimals) if decimals is not None else v, type=pa.float64())


def table(name: str, columns: dict[str, pa.Array]) -> pa.Table:
    """Assemble a raw table with exactly the contract's columns, order and types."""
    sch = schema(name)
    missing = set(sch.names) ^ set(columns)
    if missing:
        raise ValueError(f"{name}: columns differ from the contract: {sorted(missing)}")
    arrays = [columns[f.name].cast(f.type) for f in sch]
    return pa.Table.from_arrays(arrays, schema=sch)


def write(tbl: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(tbl, path, compression="zstd", row_group_size=1 << 20)
