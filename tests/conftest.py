"""Shared fixtures: a small generated center built end to end in a temporary directory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from scripts.build import dbt
from scripts.generate import generate
from scripts.land import land
from scripts.validate import validate


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


@pytest.fixture(scope="session")
def center(tmp_path_factory: pytest.TempPathFactory) -> Center:
    """A 4-day, 5-queue generated center: generated, landed, validated and built by dbt."""
    root = tmp_path_factory.mktemp("center")
    landing = root / "landing"
    warehouse = root / "warehouse" / "cc.duckdb"
    generate(
        landing,
        seed=11,
        start_date=date(2026, 3, 26),  # spans the Europe DST change on 2026-03-29
        days=4,
        queues=5,
        agents=40,
        contacts_per_day=1200,
        workers=1,
    )
    land(landing, warehouse)
    guard = validate(warehouse)
    assert guard.ok and not guard.failures, guard.failures
    outcome = dbt(["build", "--quiet"], warehouse)
    assert outcome.success, "\n".join(outcome.failures)
    return Center(landing=landing, warehouse=warehouse)
