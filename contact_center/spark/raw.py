"""Copy a landed and guarded DuckDB warehouse's raw schema into Spark tables of the same names.

Landing (lineage columns, landing-time quarantine) and the guard's row-level quarantine run on
DuckDB; what they leave in schema ``raw`` (every contract table and ``raw.quarantine``) is written
to Parquet and saved as Spark tables in database ``raw``, so dbt-spark reads exactly the rows the
DuckDB build reads. Each table is replaced whole (a refresh re-copies it: raw tables are small next
to the marts, and a replaced table cannot drift from its DuckDB original).

Usage: ``python -m contact_center.spark.raw --warehouse W.duckdb`` (settings from profiles.yml's
``spark`` target; SPARK_WAREHOUSE_DIR says where the Spark tables live).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from contact_center.contract import raw_tables
from contact_center.settings import warehouse_path

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def copy_raw(warehouse: Path, spark: SparkSession, schema: str = "raw") -> dict[str, int]:
    """Replace Spark's ``schema`` tables with the DuckDB warehouse's; returns rows per table."""
    staging = Path(tempfile.mkdtemp(prefix="cc-spark-raw-"))
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            con.execute("set TimeZone = 'UTC'")
            present = {
                name
                for (name,) in con.execute(
                    "select table_name from information_schema.tables where table_schema = ?", [schema]
                ).fetchall()
            }
            # the tables dbt reads (sources): the contract's and the quarantine, not landing's own logs
            tables = [name for name in [*raw_tables(), "quarantine"] if name in present]
            for name in tables:
                con.execute(f"copy {schema}.{name} to '{staging / name}.parquet' (format parquet)")
        spark.sql(f"create database if not exists {schema}")
        rows: dict[str, int] = {}
        for name in tables:
            frame = spark.read.parquet(str(staging / f"{name}.parquet"))
            frame.write.mode("overwrite").format("parquet").saveAsTable(f"{schema}.{name}")
            rows[name] = spark.table(f"{schema}.{name}").count()
        return rows
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    from contact_center.spark.session import spark_session

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, default=warehouse_path(), help="landed DuckDB warehouse")
    args = parser.parse_args(argv)
    started = time.monotonic()
    rows = copy_raw(args.warehouse, spark_session())
    for name, count in rows.items():
        print(f"  raw.{name:<24} {count:>10,}")
    print(f"copied {len(rows)} raw tables into Spark in {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    main()
