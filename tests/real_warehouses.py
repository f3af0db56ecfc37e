"""Build the real-data warehouses for the test_real_* modules through the CLI, once per session.

Each dataset is run as ``python -m contact_center.real`` in its own subprocess (with its own dbt target and log
folders, so builds do not share state). The first module that needs a warehouse queues the builds of
every real dataset collected in the session and runs them two at a time, and each build's dbt step is
limited to the models its tests read (plus everything upstream), which keeps the whole real suite well
inside its time budget. Expected values in the tests are computed from the source
files in ``data/real/`` with plain Python, never read back from the warehouse.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from contact_center.contract import PROJECT_DIR

DATA = PROJECT_DIR / "data" / "real"
TIMEOUT_SECONDS = 600
PARALLEL = 2  # builds at a time (CI machines have 2 cores)
# What each dataset's tests read, and everything upstream; unit tests need no data (they run in `make test`).
SELECT = {
    "bank": [
        "+fct_agent_queue_daily",
        "+fct_contacts",
        "+stg_counts__interval_arrivals",
        "+stg_wfm__forecasts",
        "+rpt_queue_months",  # the console report (contact_center/real/console.py)
    ],
    "pwc": [
        "+fct_agent_queue_daily",
        "+fct_contacts",
        "+kpi_queue_daily",
        "+stg_surveys__responses",
        "+rpt_queue_months",  # the console report (contact_center/real/console.py)
        "+rpt_agent_periods",
    ],
    "helpdesk": ["+stg_helpdesk__tickets", "+stg_guard__quarantine", "+rpt_ticket_queue_periods"],
}
EXCLUDE = ["test_type:unit"]


@dataclass
class Build:
    dataset: str
    root: Path
    process: subprocess.Popen[bytes]

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def landing(self) -> Path:
        return self.root / "landing"


@dataclass(frozen=True)
class Warehouse:
    dataset: str
    path: Path
    landing: Path
    output: str

    def query(self, sql: str, params: list[object] | None = None) -> list[tuple]:
        with duckdb.connect(str(self.path), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def scalar(self, sql: str, params: list[object] | None = None) -> object:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def dicts(self, sql: str, params: list[object] | None = None) -> list[dict[str, object]]:
        with duckdb.connect(str(self.path), read_only=True) as con:
            cursor = con.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


_builds: dict[str, Build] = {}
_pending: list[str] = []
_done: dict[str, Warehouse] = {}


def _start(dataset: str, base: Path) -> Build:
    root = base / dataset
    root.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        DBT_TARGET_PATH=str(root / "dbt_target"),
        DBT_LOG_PATH=str(root / "dbt_logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        GX_ANALYTICS_ENABLED="false",
    )
    command = [sys.executable, "-m", "contact_center.real", "--dataset", dataset]
    command += ["--warehouse", str(root / "warehouse.duckdb"), "--landing", str(root / "landing"), "--quiet"]
    command += ["--select", *SELECT[dataset], "--exclude", *EXCLUDE]
    with (root / "cli.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    return Build(dataset, root, process)


def _pump(base: Path) -> None:
    """Start pending builds while fewer than PARALLEL are running."""
    running = sum(1 for b in _builds.values() if b.process.poll() is None)
    while _pending and running < PARALLEL:
        name = _pending.pop(0)
        _builds[name] = _start(name, base)
        running += 1


def real_warehouse(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, dataset: str
) -> Warehouse:
    """The built warehouse of `dataset`; fails the caller's tests if the CLI exited non-zero.

    The first call queues a build for every real dataset collected in the session (the longest, the
    bank, first) and runs them PARALLEL at a time.
    """
    if dataset in _done:
        return _done[dataset]
    base = tmp_path_factory.getbasetemp() / "real"
    collected = {Path(str(item.path)).stem for item in request.session.items}
    wanted = {name.removeprefix("test_real_") for name in collected if name.startswith("test_real_")}
    for name in sorted(wanted | {dataset}, key=lambda d: (d != "bank", d)):
        if name in SELECT and name not in _builds and name not in _pending:
            _pending.append(name)
    if dataset in _pending:  # wanted now: next in line
        _pending.remove(dataset)
        _pending.insert(0, dataset)
    deadline = time.monotonic() + TIMEOUT_SECONDS
    _pump(base)
    while dataset not in _builds or _builds[dataset].process.poll() is None:
        if time.monotonic() > deadline:
            for b in _builds.values():
                b.process.kill()
            pytest.fail(f"python -m contact_center.real --dataset {dataset} took over {TIMEOUT_SECONDS} s")
        time.sleep(0.5)
        _pump(base)
    build = _builds[dataset]
    code = build.process.returncode
    output = (build.root / "cli.log").read_text(errors="replace")
    if code != 0:
        pytest.fail(f"python -m contact_center.real --dataset {dataset} exited {code}:\n{output[-6000:]}")
    _done[dataset] = Warehouse(dataset, build.warehouse, build.landing, output)
    return _done[dataset]
