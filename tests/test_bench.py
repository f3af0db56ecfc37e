"""The benchmark (contact_center/bench/runner.py) at a tiny size, to keep it working.

Runs ``python -m contact_center.bench.runner --sizes tiny`` once (3 days + 1 held-back day, ~1,200 contacts a day)
with the dbt builds narrowed to the contact facts (``+fct_agent_queue_daily``, no unit tests) so it stays
fast, then checks that the JSON has every step with positive timings and memory, and that the raw
DuckDB and pandas references equal ``marts.fct_agent_queue_daily``: as reported by the benchmark, and
recomputed here on the final (incrementally refreshed) warehouse, exact on counts and within 1e-6 on
sums.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from contact_center.bench.runner import STEPS
from contact_center.bench.steps import COMPONENTS, COUNTS, KEYS, RAW_DUCKDB_SQL, SUMS, pandas_components
from contact_center.contract import PROJECT_DIR

pytestmark = pytest.mark.slow

QUICK_DBT_ARGS = "--select +fct_agent_queue_daily --indirect-selection cautious"


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path, float]:
    root = tmp_path_factory.mktemp("bench")
    out = root / "bench.json"
    cmd = [
        sys.executable, "-m", "contact_center.bench.runner", "--sizes", "tiny", "--root", str(root), "--out", str(out),
        "--no-profile", "--dbt-args", QUICK_DBT_ARGS,
    ]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=900, check=False)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, f"{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    return json.loads(out.read_text()), root / "tiny", seconds


def test_every_step_is_timed(bench):
    report, size_dir, seconds = bench
    size = report["sizes"]["tiny"]
    assert "error" not in size
    for step, _title in STEPS:
        figures = size["steps"][step]
        assert figures["seconds"] > 0, step
        assert figures["peak_rss_mb"] > 0, step
        assert figures["returncode"] == 0, step
    assert size["rows"]["contacts"] > 0 and size["rows"]["contacts_heldback_day"] > 0
    # bytes on disk after the refresh, against the files themselves (nothing writes them afterwards)
    disk = size["steps"]["refresh_incremental"]["disk"]
    build_file = size_dir / "warehouse" / "cc.duckdb"
    assert disk["build_mb"] == round(build_file.stat().st_size / 2**20, 1)
    assert disk["build_bytes_per_leg"] == round(build_file.stat().st_size / size["rows"]["contacts"], 1)
    assert disk["publish_mb"] > 0
    # the forced first refresh (nothing new) publishes again; the measured one lands the held-back day
    assert size["steps"]["refresh_first"]["detail"]["rows_landed"] == 0
    incremental = size["steps"]["refresh_incremental"]["detail"]
    assert incremental["outcome"] == "published"
    assert incremental["rows_landed"] > 0
    derived = size["derived"]
    assert derived["build_over_duckdb"] > 0 and derived["pandas_over_build"] > 0
    assert set(derived["targets"]) == {
        "full_refresh_seconds", "full_refresh_over_duckdb", "incremental_seconds", "peak_memory_mb",
    }  # fmt: skip
    print(f"benchmark at tiny size: {seconds:.0f}s")


def test_benchmark_reports_references_equal(bench):
    report, _, _ = bench
    for name in ("duckdb", "pandas", "duckdb_after_incremental"):
        check = report["sizes"]["tiny"]["check"][name]
        assert check["equal"], (name, check)
        assert check["rows_reference"] == check["rows_warehouse"] > 0


def _warehouse_components(con: duckdb.DuckDBPyConnection) -> dict[tuple, dict[str, float]]:
    cursor = con.execute(
        f"select cast(date_day as date), queue_id, agent_id, {', '.join(COMPONENTS)} "
        "from marts.fct_agent_queue_daily"
    )
    return {row[:3]: dict(zip(COMPONENTS, row[3:], strict=True)) for row in cursor.fetchall()}


def _assert_same(reference: dict[tuple, dict[str, float]], warehouse: dict[tuple, dict[str, float]]) -> None:
    assert reference.keys() == warehouse.keys()
    for key, expected in warehouse.items():
        got = reference[key]
        for c in COUNTS:
            assert got[c] == expected[c], (key, c, got[c], expected[c])
        for c in SUMS:
            if expected[c] is None:
                assert got[c] is None, (key, c, got[c])
            else:
                assert math.isclose(got[c], expected[c], rel_tol=0, abs_tol=1e-6), (
                    key,
                    c,
                    got[c],
                    expected[c],
                )


def test_references_equal_the_incrementally_refreshed_fact(bench):
    """Recomputed here, on all N+1 days, against the fact after the incremental refresh."""
    _, work, _ = bench
    with duckdb.connect(str(work / "warehouse" / "cc.duckdb"), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        warehouse = _warehouse_components(con)
        cursor = con.execute(RAW_DUCKDB_SQL)
        names = [d[0] for d in cursor.description]
        raw = {}
        for row in cursor.fetchall():
            record = dict(zip(names, row, strict=True))
            raw[tuple(record[k] for k in KEYS)] = {c: record[c] for c in COMPONENTS}
    _assert_same(raw, warehouse)

    frame = pandas_components(work / "landing")
    notebook = {}
    for record in frame.to_dict("records"):
        key = (
            record["date_day"].date(),
            record["queue_id"],
            None if not isinstance(record["agent_id"], str) else record["agent_id"],
        )
        notebook[key] = {
            c: (int(record[c]) if c in COUNTS else (None if math.isnan(record[c]) else float(record[c])))
            for c in COMPONENTS
        }
    _assert_same(notebook, warehouse)
