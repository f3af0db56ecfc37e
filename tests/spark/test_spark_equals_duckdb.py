"""The same test center built on Spark and on DuckDB gives the same marts, after a full build and after
an incremental refresh that brings a new day and a late correction of an old contact.

Landing and the guard run on DuckDB; the landed raw tables (lineage columns, quarantine) are copied
into Spark (contact_center.spark.raw), and `dbt build --target spark` (models, seeds, data and unit
tests) runs in this process, sharing one SparkSession with the copy and the comparison.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from contact_center.contract import PROJECT_DIR
from contact_center.spark.compare import compare_marts, report
from contact_center.spark.raw import copy_raw
from tests.center import CENTER, write_landing

DAYS = [
    (CENTER["start_date"].fromordinal(CENTER["start_date"].toordinal() + i)).isoformat() for i in range(4)
]
FIRST, LATE = DAYS[:3], DAYS[3]
FAILED = {"error", "fail", "runtime error", "skipped"}  # node statuses (exposures are "no-op")


@dataclass
class Stage:
    root: Path
    source: Path
    landing: Path
    warehouse: Path


def _deliver(stage: Stage, days: list[str]) -> None:
    """Copy the generated files of `days` (and the undated reference files) into the landing folder."""
    for table_dir in stage.source.iterdir():
        target = stage.landing / table_dir.name
        target.mkdir(parents=True, exist_ok=True)
        for path in table_dir.glob("*.parquet"):
            dated = any(path.stem.endswith(f"_{d}") for d in DAYS)
            if not dated or any(path.stem.endswith(f"_{d}") for d in days):
                shutil.copy2(path, target / path.name)


def _correct_first_day(stage: Stage) -> str:
    """A corrected version of a first-day answered contact, delivered late in a file of its own."""
    source = stage.source / "contacts" / f"contacts_{DAYS[0]}.parquet"
    rows = pq.read_table(source).to_pylist()
    leg = next(r for r in rows if r["connected_at"] and r["agent_id"] and r["direction"] == "inbound")
    fixed = dict(leg, hold_seconds=(leg["hold_seconds"] or 0) + 7.0, resolution_status="unresolved")
    fixed["updated_at"] = leg["updated_at"].replace(day=leg["updated_at"].day + 4)
    pq.write_table(
        pa.Table.from_pylist([fixed], schema=pq.read_schema(source)),
        stage.landing / "contacts" / "contacts_correction.parquet",
    )
    return str(leg["contact_id"])


def _duckdb_refresh(stage: Stage) -> None:
    """Land, guard and build on DuckDB with the pipeline runner, in a process of its own."""
    env = {**os.environ, "DBT_TARGET_PATH": str(stage.root / "target-duckdb")}
    subprocess.run(
        [sys.executable, "-m", "contact_center", "refresh", "--landing", str(stage.landing),
         "--warehouse", str(stage.warehouse), "--no-publish", "--unit-tests", "--no-freshness",
         "--timeout", "0", "--", "--quiet"],
        check=True, env=env, cwd=PROJECT_DIR,
    )  # fmt: skip


def _spark_build(stage: Stage, *extra: str) -> None:
    from dbt.cli.main import dbtRunner

    from contact_center.spark.session import spark_session

    started = time.monotonic()
    rows = copy_raw(stage.warehouse, spark_session())
    print(f"copied {sum(rows.values()):,} raw rows into Spark in {time.monotonic() - started:.0f}s")
    started = time.monotonic()
    result = dbtRunner().invoke(
        ["build", "--target", "spark", "--project-dir", str(PROJECT_DIR), "--quiet", *extra]
    )
    nodes = len(result.result or [])
    failed = [str(r.node.name) for r in (result.result or []) if str(r.status) in FAILED]
    print(f"dbt build on Spark: {nodes} nodes in {time.monotonic() - started:.0f}s")
    assert result.success and not failed, f"dbt build on Spark failed: {failed or result.exception}"


def _assert_marts_equal(stage: Stage, when: str) -> None:
    from contact_center.spark.session import spark_session

    started = time.monotonic()
    results = compare_marts(stage.warehouse, spark_session())
    print(f"{when}: compared in {time.monotonic() - started:.0f}s\n{report(results)}")
    assert results, "no marts to compare"
    unequal = [r for r in results if not r.equal]
    assert not unequal, f"{when}: marts differ:\n{report(unequal)}"


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stage]:
    root = tmp_path_factory.mktemp("spark")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["SPARK_WAREHOUSE_DIR"] = str(root / "spark")
    os.environ["DBT_PROFILES_DIR"] = str(PROJECT_DIR)
    os.environ["DBT_TARGET_PATH"] = str(root / "target-spark")
    source = root / "source"
    write_landing(source)
    yield Stage(root=root, source=source, landing=root / "landing", warehouse=root / "warehouse.duckdb")


def test_full_build_equals_duckdb(stage: Stage) -> None:
    _deliver(stage, FIRST)
    _duckdb_refresh(stage)
    _spark_build(stage)
    _assert_marts_equal(stage, f"full build of {FIRST[0]}..{FIRST[-1]}")


def test_incremental_refresh_with_a_late_correction_equals_duckdb(stage: Stage) -> None:
    _deliver(stage, [LATE])
    corrected = _correct_first_day(stage)
    _duckdb_refresh(stage)
    _spark_build(stage, "--exclude-resource-type", "unit_test")  # they ran on the full build
    _assert_marts_equal(stage, f"incremental refresh with {LATE} and a correction of {corrected}")
