"""Copy a landed and guarded DuckDB warehouse's raw schema into Spark tables of the same names.

Landing (lineage columns, landing-time quarantine) and the guard's row-level quarantine run on
DuckDB; what they leave in schema ``raw`` (every contract table and ``raw.quarantine``) is written
to Parquet and declared as Spark tables in database ``raw``, so dbt-spark reads exactly the rows the
DuckDB build reads. Each table is replaced whole (a refresh re-copies it: raw tables are small next
to the marts, and a replaced table cannot drift from its DuckDB original), except the log dbt itself
writes (``raw._rebuilt_days``, sources with ``meta.written_by: dbt``): Spark's build keeps its own,
created empty on the first copy, since it records what *that* engine's tables rebuilt.

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


def source_tables(project_dir: Path = PROJECT_DIR, written_by: str | None = None) -> list[str]:
    """The raw tables (identifiers) the dbt project declares as sources
    (models/staging/*/_*__sources.yml), or only those whose ``meta.written_by`` is ``written_by``."""
    names: list[str] = []
    for path in sorted((project_dir / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for table in source["tables"]:
                meta = table.get("config", {}).get("meta", {})
                name = table.get("identifier", table["name"])
                if name not in names and written_by in (None, meta.get("written_by")):
                    names.append(name)
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
        # the tables dbt reads (its sources: the contract's, the quarantine, guard logs), not landing's;
        # a log dbt itself writes (raw._rebuilt_days) is Spark's own: created empty once, never copied
        own = set(source_tables(written_by="dbt"))
        existing = {row.tableName for row in spark.sql(f"show tables in {schema}").collect()}
        for name in sorted(own & present - existing):
            folder = landed / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            empty = folder / "rows.parquet"
            con.execute(f"copy (select * from {schema}.{name} limit 0) to '{empty}' (format parquet)")
            spark.sql(f"create table {schema}.{name} using parquet location '{folder}'")
        tables = [name for name in source_tables() if name in present and name not in own]
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
