"""Shared fixtures: a small generated center built end to end in a temporary directory."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from contact_center.pipeline.refresh import Plan, run
from tests.center import write_landing


@dataclass(frozen=True)
class Center:
    landing: Path
    warehouse: Path

    def query(self, sql: str, params: list[object] | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def dicts(self, sql: str) -> list[dict[str, object]]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            cursor = con.execute(sql)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.fixture(scope="session", autouse=True)
def dbt_artifacts(tmp_path_factory: pytest.TempPathFactory) -> None:
    """dbt's target/ and logs/ per test session (and per xdist worker), never the repository's:
    two workers compiling into one target/ would overwrite each other's manifest."""
    root = tmp_path_factory.mktemp("dbt")
    os.environ.setdefault("DBT_TARGET_PATH", str(root / "target"))
    os.environ.setdefault("DBT_LOG_PATH", str(root / "logs"))


@pytest.fixture(scope="session")
def center(tmp_path_factory: pytest.TempPathFactory) -> Center:
    """A 4-day, 5-queue generated center (tests/center.py): generated, landed, validated, built.

    Under `make test` it was already built by the dbt CLI (CC_TEST_CENTER); a copy of that
    warehouse is used. Otherwise it is built here through dbt's programmatic runner.
    """
    root = tmp_path_factory.mktemp("center")
    # same file name as the prebuilt one: dbt's views name their catalog after the file stem
    warehouse = root / "warehouse" / "warehouse.duckdb"
    prebuilt = os.environ.get("CC_TEST_CENTER")
    if prebuilt:
        warehouse.parent.mkdir(parents=True)
        shutil.copy2(Path(prebuilt) / "warehouse.duckdb", warehouse)
        return Center(landing=Path(prebuilt) / "landing", warehouse=warehouse)
    landing = root / "landing"
    write_landing(landing)
    record = run(Plan(landing, warehouse, None, unit_tests=True, freshness=False, dbt_args=("--quiet",)))
    assert record.outcome == "built", record.message
    assert record.guard is not None and not record.guard.failures, record.guard
    return Center(landing=landing, warehouse=warehouse)


# The slowest modules (whole seconds under `make test`, 2 workers), run first: `--dist loadfile` hands
# each worker one module at a time in collection order, so the longest last would leave the other worker
# idle at the end. Order only; every module runs.
SLOW_FIRST = (
    "test_refresh.py",
    "test_incremental.py",
    "test_configure.py",
    "test_semantic.py",
    "test_real_bank.py",
    "test_bench.py",
    "test_operators.py",
    "test_real_helpdesk.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_FIRST.index(name) if name in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: the order within a module is kept
