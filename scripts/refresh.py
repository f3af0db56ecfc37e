"""One scheduled refresh: lock, land new files, guard, dbt build, publish, and log the run.

Meant to be called by cron, a systemd timer, Airflow or Dagster. Exit codes:

    0  refreshed and published
    1  dbt build or its tests failed: nothing published, the last good publish stays in place
    2  input blocked (a file could not be landed, or a blocking expectation failed)
    3  another refresh holds the lock (nothing done)
    4  publishing failed after a good build (the last good publish stays in place)

Every run that takes the lock is recorded in ``ops.refresh_runs`` of the warehouse (and published
with the marts): start, end, files and rows landed, rows quarantined, models built, tests passed and
failed, source freshness, outcome and message.

Usage: ``python -m scripts.refresh [--landing DIR] [--warehouse FILE] [--publish-dir DIR] [--full-refresh]``
"""

from __future__ import annotations

import argparse
import fcntl
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from scripts.build import dbt
from scripts.land import LandingError, land
from scripts.publish import publish
from scripts.settings import landing_dir, publish_dir, warehouse_path
from scripts.validate import render, validate

EXIT = {"published": 0, "build_failed": 1, "input_blocked": 2, "locked": 3, "publish_failed": 4}

RUN_LOG_DDL = """
create table if not exists ops.refresh_runs (
    run_id varchar primary key,
    started_at timestamptz not null,
    ended_at timestamptz not null,
    seconds_land double, seconds_validate double, seconds_build double, seconds_publish double,
    files_landed integer, rows_landed bigint, rows_quarantined bigint,
    models_built integer, tests_passed integer, tests_failed integer,
    sources_fresh integer, sources_stale integer,
    full_refresh boolean,
    outcome varchar not null,
    message varchar
)
"""


@dataclass
class RunRecord:
    run_id: str
    started_at: datetime
    ended_at: datetime | None = None
    seconds_land: float | None = None
    seconds_validate: float | None = None
    seconds_build: float | None = None
    seconds_publish: float | None = None
    files_landed: int = 0
    rows_landed: int = 0
    rows_quarantined: int = 0
    models_built: int = 0
    tests_passed: int = 0
    tests_failed: int = 0
    sources_fresh: int | None = 0
    sources_stale: int | None = 0
    full_refresh: bool = False
    outcome: str = "running"
    message: str = ""
    details: list[str] = field(default_factory=list)


class RefreshLocked(Exception):
    pass


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """An advisory lock the kernel releases when the process ends, even by SIGKILL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RefreshLocked(f"another refresh holds {path}") from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def _timed(record: RunRecord, attribute: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        setattr(record, attribute, round(time.perf_counter() - start, 3))


def _log_run(warehouse: Path, record: RunRecord) -> None:
    values = {k: v for k, v in asdict(record).items() if k != "details"}
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists ops")
        con.execute(RUN_LOG_DDL)
        con.execute(
            f"insert into ops.refresh_runs ({', '.join(values)}) values ({', '.join('?' for _ in values)})",
            list(values.values()),
        )


def _freshness(warehouse: Path, record: RunRecord) -> None:
    outcome = dbt(["source", "freshness", "--quiet"], warehouse)
    if not outcome.counts:  # dbt itself failed: unknown, not "0 fresh, 0 stale"
        record.sources_fresh = record.sources_stale = None
        record.details.append("source freshness could not be checked: " + "; ".join(outcome.failures))
        return
    record.sources_fresh = outcome.counts.get("pass", 0)
    record.sources_stale = sum(outcome.counts.get(k, 0) for k in ("warn", "error", "runtime error"))


def refresh(landing: Path, warehouse: Path, target: Path, *, full_refresh: bool = False) -> RunRecord:
    """Run one refresh under the lock; the returned record says how it ended."""
    record = RunRecord(
        run_id=datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ"),
        started_at=datetime.now(UTC),
        full_refresh=full_refresh,
    )
    with exclusive_lock(warehouse.parent / f".{warehouse.name}.refresh.lock"):
        try:
            _run_steps(landing, warehouse, target, record)
        except LandingError as exc:
            record.outcome, record.message = "input_blocked", str(exc)
        except Exception as exc:  # recorded, then re-raised after logging
            record.outcome, record.message = "error", f"{type(exc).__name__}: {exc}"
            raise
        finally:
            record.ended_at = datetime.now(UTC)
            _log_run(warehouse, record)
    return record


def _run_steps(landing: Path, warehouse: Path, target: Path, record: RunRecord) -> None:
    with _timed(record, "seconds_land"):
        landed = land(landing, warehouse)
    record.files_landed, record.rows_landed = landed.files_landed, landed.rows_landed
    with _timed(record, "seconds_validate"):
        guard = validate(warehouse)
    record.rows_quarantined = sum(b.quarantined for b in guard.balances.values())
    record.details.append(render(guard))
    if not guard.ok:
        record.outcome = "input_blocked"
        record.message = "; ".join(f"{f.table}: {f.expectation}: {f.detail}" for f in guard.blocking) or (
            "rows lost: delivered != kept + quarantined"
        )
        return
    _freshness(warehouse, record)
    with _timed(record, "seconds_build"):
        # Unit tests check the SQL's logic, not the data: they ran in CI (`make test`) and do not
        # change between refreshes, so a scheduled run skips them (dbt's own advice for production).
        full = ["--full-refresh"] if record.full_refresh else []
        build = dbt(["build", "--exclude-resource-type", "unit_test", *full], warehouse)
    record.models_built = build.counts.get("success", 0)
    record.tests_passed = build.counts.get("pass", 0)
    record.tests_failed = build.counts.get("fail", 0) + build.counts.get("error", 0)
    if not build.success:
        record.outcome = "build_failed"
        record.message = "\n".join(build.failures)[:4000] or "dbt build failed"
        return
    try:
        with _timed(record, "seconds_publish"):
            published = publish(warehouse, target, record.run_id)
    except (OSError, duckdb.Error) as exc:
        record.outcome, record.message = "publish_failed", str(exc)
        return
    record.outcome = "published"
    record.message = f"{len(published.tables)} relations published to {published.database}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--landing", type=Path, default=landing_dir())
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    parser.add_argument("--publish-dir", type=Path, default=publish_dir())
    parser.add_argument("--full-refresh", action="store_true", help="rebuild incremental models from scratch")
    args = parser.parse_args(argv)
    try:
        record = refresh(args.landing, args.warehouse, args.publish_dir, full_refresh=args.full_refresh)
    except RefreshLocked as exc:
        print(f"refresh skipped: {exc}", file=sys.stderr)
        return EXIT["locked"]
    for block in record.details:
        print(block)
    r = record
    print(
        f"refresh {r.run_id}: {r.outcome} | landed {r.files_landed} files, {r.rows_landed:,} rows, "
        f"{r.rows_quarantined:,} quarantined | {r.models_built} models, {r.tests_passed} tests passed, "
        f"{r.tests_failed} failed | sources fresh {r.sources_fresh}, stale {r.sources_stale} | "
        f"land {r.seconds_land}s validate {r.seconds_validate}s build {r.seconds_build}s "
        f"publish {r.seconds_publish}s"
    )
    if record.outcome != "published":
        print(record.message, file=sys.stderr)
    return EXIT.get(record.outcome, 1)


if __name__ == "__main__":
    raise SystemExit(main())
