"""Prove the Spark build equal to the DuckDB build: every mart, row for row.

For each relation in DuckDB's ``marts`` schema, the Spark table or view of the same name must have the
same columns and the same number of rows, and, rows matched after sorting, equal values: exact for
every column but doubles, doubles within a relative 1e-9 (sums of doubles depend on the order they
are added in; the engines add in different orders). Timestamps are compared as UTC instants (local
wall-clock columns, naive on DuckDB, as their wall-clock value).

Usage: ``python -m contact_center.spark.compare --warehouse W.duckdb`` (the Spark side from the
profile's ``spark`` target; SPARK_WAREHOUSE_DIR says where).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from contact_center.settings import warehouse_path

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

REL_TOL = 1e-9
ABS_TOL = 1e-12  # doubles that should be 0 and carry rounding noise (a difference of equal sums)


@dataclass
class MartComparison:
    name: str
    duckdb_rows: int
    spark_rows: int | None = None
    problems: list[str] = field(default_factory=list)
    max_rel_diff: float = 0.0

    @property
    def equal(self) -> bool:
        return not self.problems


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _sort_key(row: tuple[Any, ...], doubles: set[int]) -> tuple[Any, ...]:
    """Exact columns first (None before values), then doubles rounded, so rows pair up across engines."""
    exact = tuple((v is not None, v) for i, v in enumerate(row) if i not in doubles)
    approx = tuple(_rounded(v) for i, v in enumerate(row) if i in doubles)
    return exact + approx


def _rounded(value: float | None) -> tuple[bool, float]:
    if value is None or math.isnan(value):
        return (False, 0.0)
    return (True, float(f"{value:.6g}"))


def _rows(table: pa.Table, columns: list[str]) -> list[tuple[Any, ...]]:
    data = [table.column(c).to_pylist() for c in columns]
    return [tuple(_canonical(v) for v in row) for row in zip(*data, strict=True)]


def compare_mart(name: str, duck: pa.Table, spark: pa.Table) -> MartComparison:
    result = MartComparison(name=name, duckdb_rows=duck.num_rows, spark_rows=spark.num_rows)
    duck_columns, spark_columns = duck.column_names, spark.column_names
    if sorted(duck_columns) != sorted(spark_columns):
        missing = sorted(set(duck_columns) - set(spark_columns))
        extra = sorted(set(spark_columns) - set(duck_columns))
        result.problems.append(f"columns differ: missing on Spark {missing}, only on Spark {extra}")
        return result
    if duck.num_rows != spark.num_rows:
        result.problems.append(f"row counts differ: DuckDB {duck.num_rows}, Spark {spark.num_rows}")
        return result
    columns = duck_columns
    doubles = {i for i, c in enumerate(columns) if pa.types.is_floating(duck.schema.field(c).type)}
    duck_rows = sorted(_rows(duck, columns), key=lambda r: _sort_key(r, doubles))
    spark_rows = sorted(_rows(spark, columns), key=lambda r: _sort_key(r, doubles))
    mismatched: dict[str, int] = {}
    for a, b in zip(duck_rows, spark_rows, strict=True):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if i in doubles and x is not None and y is not None:
                if math.isnan(x) and math.isnan(y):
                    continue
                if not math.isclose(x, y, rel_tol=REL_TOL, abs_tol=ABS_TOL):
                    mismatched[columns[i]] = mismatched.get(columns[i], 0) + 1
                elif x != y:
                    rel = abs(x - y) / max(abs(x), abs(y))
                    result.max_rel_diff = max(result.max_rel_diff, rel)
            elif x != y:
                mismatched[columns[i]] = mismatched.get(columns[i], 0) + 1
    for column, count in sorted(mismatched.items()):
        result.problems.append(f"{column}: {count} row(s) differ")
    return result


def mart_names(warehouse: Path, schema: str = "marts") -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
            ).fetchall()
        ]


def compare_marts(warehouse: Path, spark: SparkSession, schema: str = "marts") -> list[MartComparison]:
    """Compare every relation of DuckDB's ``schema`` with Spark's relation of the same name."""
    results = []
    spark_tables = {row.tableName for row in spark.sql(f"show tables in {schema}").collect()}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        for name in mart_names(warehouse, schema):
            duck = con.sql(f"select * from {schema}.{name}").to_arrow_table()
            if name not in spark_tables:
                results.append(MartComparison(name, duck.num_rows, problems=["missing on Spark"]))
                continue
            results.append(compare_mart(name, duck, spark.table(f"{schema}.{name}").toArrow()))
    return results


def report(results: list[MartComparison]) -> str:
    lines = [f"{'mart':<34} {'DuckDB rows':>11} {'Spark rows':>11}  max rel diff  result"]
    for r in results:
        spark_rows = "-" if r.spark_rows is None else f"{r.spark_rows:,}"
        verdict = "equal" if r.equal else "; ".join(r.problems)
        diff = f"{r.max_rel_diff:>12.1e}"
        lines.append(f"{r.name:<34} {r.duckdb_rows:>11,} {spark_rows:>11}  {diff}  {verdict}")
    equal = sum(r.equal for r in results)
    lines.append(f"{equal} of {len(results)} marts equal")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    from contact_center.spark.session import spark_session

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, default=warehouse_path(), help="DuckDB warehouse")
    args = parser.parse_args(argv)
    started = time.monotonic()
    results = compare_marts(args.warehouse, spark_session())
    print(report(results))
    print(f"compared in {time.monotonic() - started:.1f}s")
    sys.exit(0 if all(r.equal for r in results) else 1)


if __name__ == "__main__":
    main()
