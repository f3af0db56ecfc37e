"""Copy a landed and guarded DuckDB warehouse's raw schema into Spark tables of the same names.

Landing (lineage columns, landing-time quarantine) and the guard's row-level quarantine run on
DuckDB; what they leave in schema ``raw`` (every contract table and ``raw.quarantine``) is written
to Parquet and declared as Spark tables in database ``raw``, so dbt-spark reads exactly the rows the
DuckDB build reads. Each table is replaced whole (a refresh re-copies it: raw tables are small next
to the marts, and a replaced table cannot drift from its DuckDB original).

Usage: ``python -m contact_center.spark.raw --warehouse W.duckdb`` (settings from profiles.yml's
``spark`` target; SPARK_WAREHOUSE_DIR says where the Spark tables live).
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import yaml

from contact_center.contract import PROJECT_DIR
from contact_center.settings import warehouse_path

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def source_tables(project_dir: Path = PROJECT_DIR) -> list[str]:
    """Every raw table the dbt project declares as a source (models/staging/*/_*__sources.yml)."""
    names: list[str] = []
    for path in sorted((project_dir / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            names += [table["name"] for table in source["tables"] if table["name"] not in names]
    return names


def copy_raw(warehouse: Path, spark: SparkSession, schema: str = "raw") -> dict[str, int]:
    """Replace Spark's ``schema`` tables with the DuckDB warehouse's; returns rows per table.

    Each table is written once, by DuckDB, as Parquet under the Spark warehouse folder
    (``<spark.sql.warehouse.dir>/../landed/<table>/``) and declared to Spark as an external Parquet table
    over it: no Spark job copies the rows again (saving them as managed tables took 7 s a table).
    """
    landed = Path(spark.conf.get("spark.sql.warehouse.dir").removeprefix("file:")).parent / "landed"
    rows: dict[str, int] = {}
    spark.sql(f"create database if not exists {schema}")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        present = {
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = ?", [schema]
            ).fetchall()
        }
        # the tables dbt reads (its sources: the contract's, the quarantine, guard logs), not landing's
        tables = [name for name in source_tables() if name in present]
        for name in tables:
            spark.sql(f"drop table if exists {schema}.{name}")
            folder = landed / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            con.execute(f"copy {schema}.{name} to '{folder / 'rows.parquet'}' (format parquet)")
            rows[name] = con.execute(f"select count(*) from {schema}.{name}").fetchone()[0]
    for name in tables:
        spark.sql(f"create table {schema}.{name} using parquet location '{landed / name}'")
    return rows


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
