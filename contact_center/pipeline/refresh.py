"""The pipeline runner: lock, land new files, guard, dbt build, publish, and log the run.

Every chain of the project goes through :func:`run` (``make run``, ``make test``'s center, ``make real``,
``make refresh``, cron, a systemd timer, Airflow or Dagster), so each has the same lock, run log and exit
codes (:data:`contact_center.pipeline.EXIT`):

    0  finished (published, or built when the run does not publish)
    1  dbt build or its tests failed: nothing published, the last good publish stays in place
    2  input blocked (a file could not be landed, a blocking expectation failed, no landing folder)
    3  another run holds the warehouse's lock (nothing done; the holder's pid and age are named)
    4  publishing failed after a good build (the last good publish stays in place)
    5  nothing new: no file landed or changed since the last good run (nothing rebuilt or published;
       a typo in the landing path is exit 2, not this). ``--force`` runs every step anyway.
    6  built and published, but a source is past its freshness threshold (a delivery is missing;
       a table your center never delivers is switched off with ``--vars '{using_<table>: false}'``
       or in dbt_project.yml)
    7  timed out: the run outlived ``--timeout`` (default 4 h) and was stopped (``timed_out``); also
       logged for a hung run that the next run found past its deadline and stopped
    8  the build file is open in another process (a BI tool, a notebook): nothing done, and the
       message names the process (BI tools read the published copy, never the build file)
    9  out of memory or disk: the machine's limits, not the input's fault (the last publish stays)

Every run that takes the lock is recorded in ``ops.refresh_runs`` of the warehouse (and published
with the marts): start, end, files and rows landed, rows quarantined, models built, tests passed and
failed, source freshness, outcome and message.

A scheduled refresh skips dbt's unit tests (they test the SQL, not the data, and ran in CI);
``--unit-tests`` runs them too, ``--no-publish`` stops after the build, ``--no-freshness`` skips
``dbt source freshness`` (historical data is always stale), and arguments after ``--`` go to
``dbt build``.

Usage: ``python -m contact_center.pipeline.refresh [--landing DIR] [--warehouse FILE]
[--publish-dir DIR | --no-publish] [--full-refresh] [--force] [--unit-tests] [--no-freshness] [-- DBT_ARGS]``
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from contact_center.pipeline import EXIT
from contact_center.pipeline.land import LandingError, land
from contact_center.reading import PUBLISHED_NAME
from contact_center.settings import landing_dir, publish_dir, warehouse_path

if TYPE_CHECKING:  # dbt and great-expectations load only in the process that runs the steps
    from contact_center.pipeline.guard import Failure, GuardResult

__all__ = ["EXIT", "Plan", "RefreshLocked", "RunRecord", "exclusive_lock", "main", "refresh", "run"]

DEFAULT_TIMEOUT_SECONDS = 4 * 3600  # a 10M-contact full refresh took ~11 min: generous, yet ends a hang

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


@dataclass(frozen=True)
class Plan:
    """What one run does. The defaults are a scheduled refresh."""

    landing: Path
    warehouse: Path
    publish_dir: Path | None  # None: stop after the build (no BI copy)
    full_refresh: bool = False
    force: bool = False  # build and publish even when nothing new landed (new model code, new rules)
    unit_tests: bool = False  # a scheduled run skips them; CI and `make run` run them
    # Data tests of the big incremental relations cover every row, not only the rows the run rebuilt
    # (which an incremental run after a good build does by default; a --full-refresh tests all).
    all_tests: bool = False
    freshness: bool = True  # `dbt source freshness` (historical datasets are always stale)
    dbt_args: tuple[str, ...] = ()  # extra `dbt build` arguments (--quiet, --select ...)
    dbt_vars: str | None = None  # dbt --vars (YAML) for freshness and build, e.g. source switches
    # Blocking guard failures this caller expects (a real dataset without calls has no contacts).
    tolerated: Callable[[Failure], bool] | None = None
    # Checks after landing, before the guard (a real dataset reconciles its adapter's accounting);
    # each returned line is a problem that blocks the input.
    after_land: Callable[[], list[str]] | None = None
    # Progress lines as the run goes (step banners with elapsed time); None: silent.
    log: Callable[[str], None] | None = None
    verbose: bool = False  # dbt's own line per node (default: a counter on a terminal, then a summary)


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
    sources_fresh: int | None = None  # None: not checked
    sources_stale: int | None = None
    full_refresh: bool = False
    outcome: str = "running"
    message: str = ""
    details: list[str] = field(default_factory=list)
    guard: GuardResult | None = None  # the guard's full result (not logged)
    refused: list[tuple[str, str]] = field(default_factory=list)  # files landing refused (not logged)

    @property
    def exit_code(self) -> int:
        return EXIT.get(self.outcome, 1)

    def render(self) -> str:
        r = self

        def secs(value: float | None) -> str:
            return "-" if value is None else f"{value}s"

        fresh = (
            "freshness not checked"
            if r.sources_fresh is None
            else f"sources fresh {r.sources_fresh}, stale {r.sources_stale}"
        )
        return (
            f"run {r.run_id}: {r.outcome} | landed {r.files_landed} files, {r.rows_landed:,} rows, "
            f"{r.rows_quarantined:,} quarantined | {r.models_built} models, {r.tests_passed} tests passed, "
            f"{r.tests_failed} failed | {fresh} | land {secs(r.seconds_land)} guard "
            f"{secs(r.seconds_validate)} build {secs(r.seconds_build)} publish {secs(r.seconds_publish)}"
        )


class RefreshLocked(Exception):
    def __init__(self, message: str, owner: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.owner = owner or {}


def read_owner(path: Path) -> dict[str, Any]:
    """Who holds the lock, as its holder wrote it (pid, started_at, deadline, worker); {} if unknown."""
    try:
        owner = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):
        return {}
    return owner if isinstance(owner, dict) else {}


def _describe(owner: dict[str, Any]) -> str:
    if not owner.get("started_at"):
        return ""
    started = datetime.fromisoformat(owner["started_at"])
    age = int((datetime.now(UTC) - started).total_seconds())
    since = f"{started:%Y-%m-%d %H:%M:%S} UTC"
    return f" (pid {owner.get('pid')}, started {since}, running {age // 60} min {age % 60} s)"


@contextmanager
def exclusive_lock(
    path: Path, owner: dict[str, Any] | None = None
) -> Iterator[Callable[[dict[str, Any]], None]]:
    """An advisory lock the kernel releases when the process ends, even by SIGKILL.

    The holder's identity (`owner`: pid, start, deadline) is written into the lock file, so a run that
    finds it locked can say by whom and for how long; the yielded function updates it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as fh:  # not "w": a failed attempt must not wipe the holder's identity
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            held_by = read_owner(path)
            raise RefreshLocked(f"another refresh holds {path}{_describe(held_by)}", held_by) from exc

        def write(info: dict[str, Any]) -> None:
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps(info))
            fh.flush()

        write(owner or {"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat()})
        try:
            yield write
        finally:
            write({})
            fcntl.flock(fh, fcntl.LOCK_UN)


def lock_path(warehouse: Path) -> Path:
    return warehouse.parent / f".{warehouse.name}.refresh.lock"


@contextmanager
def _timed(record: RunRecord, attribute: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        setattr(record, attribute, round(time.perf_counter() - start, 3))


class WarehouseBusy(Exception):
    """The build file is open in another process; the message says which."""


def _busy(exc: BaseException) -> str | None:
    """The one-line explanation when `exc` is DuckDB refusing the build file to this process."""
    text = str(exc)
    if isinstance(exc, duckdb.IOException) and "Could not set lock" in text:
        held = re.search(r"Conflicting lock is held in (.+?) \(PID (\d+)\)", text)
        who = f"{held.group(1)} (pid {held.group(2)})" if held else "another process"
        return (
            f"the warehouse is open in another process: {who}. Close it (BI tools and notebooks read the "
            "published copy, never the build file) and run again"
        )
    return None


def _exhausted(exc: BaseException) -> str | None:
    """The one-line explanation when `exc` is the machine running out of memory or disk."""
    text = str(exc)
    if isinstance(exc, (duckdb.OutOfMemoryException, MemoryError)) or "Out of Memory" in text:
        return (
            f"out of memory ({type(exc).__name__}: {text.splitlines()[0][:200]}): raise DUCKDB_MEMORY_LIMIT "
            "or free memory; no input file is at fault"
        )
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "No space left on device" in text:
        return f"out of disk space ({text.splitlines()[0][:200]}): free space; no input file is at fault"
    return None


def _probe_writable(warehouse: Path) -> None:
    """Fail fast, before any step, when another process holds the build file."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    try:
        duckdb.connect(str(warehouse)).close()
    except duckdb.Error as exc:
        reason = _busy(exc)
        if reason:
            raise WarehouseBusy(reason) from exc
        raise


def log_run(warehouse: Path, record: RunRecord) -> None:
    values = {k: v for k, v in asdict(record).items() if k not in ("details", "guard", "refused")}
    try:
        _write_run(warehouse, values)
    except duckdb.Error as exc:  # the run's own outcome matters more than its log row
        print(f"warning: run {record.run_id} could not be logged in ops.refresh_runs: {exc}", file=sys.stderr)


def _write_run(warehouse: Path, values: dict[str, Any]) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists ops")
        con.execute(RUN_LOG_DDL)
        con.execute(
            f"insert into ops.refresh_runs ({', '.join(values)}) values ({', '.join('?' for _ in values)})",
            list(values.values()),
        )


def _vars(plan: Plan) -> list[str]:
    return ["--vars", plan.dbt_vars] if plan.dbt_vars else []


def _freshness(plan: Plan, record: RunRecord) -> list[str]:
    """Run `dbt source freshness`; returns the stale sources (warn, error or failed to check)."""
    from contact_center.pipeline.build import dbt

    outcome = dbt(["source", "freshness", "--quiet", *_vars(plan)], plan.warehouse)
    if not outcome.counts:  # dbt itself failed: unknown, not "0 fresh, 0 stale"
        record.sources_fresh = record.sources_stale = None
        record.details.append("source freshness could not be checked: " + "; ".join(outcome.failures))
        return []
    stale = sorted(n for n, s in outcome.statuses.items() if s in ("warn", "error", "runtime error"))
    record.sources_fresh = outcome.counts.get("pass", 0)
    record.sources_stale = len(stale)
    return stale


class _Say:
    """Step banners with the elapsed time of the run: ``[  12.3s] dbt build``."""

    def __init__(self, log: Callable[[str], None] | None) -> None:
        self.log, self.start = log, time.perf_counter()

    def __call__(self, text: str) -> None:
        if self.log:
            self.log(f"[{time.perf_counter() - self.start:7.1f}s] {text}")


def run(plan: Plan, *, lock: bool = True) -> RunRecord:
    """Run the plan under the warehouse's lock; the returned record says how it ended.

    Raises :class:`RefreshLocked` when another run holds the lock (nothing is done or logged).
    `lock=False` is for the worker of a watchdog (:mod:`contact_center.pipeline.watchdog`), whose
    parent holds the lock for it.
    """
    record = RunRecord(
        run_id=datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ"),
        started_at=datetime.now(UTC),
        full_refresh=plan.full_refresh,
    )
    say = _Say(plan.log)
    with exclusive_lock(lock_path(plan.warehouse)) if lock else nullcontext():
        _probe_writable(plan.warehouse)  # WarehouseBusy: nothing done, nothing logged (it cannot be)
        try:
            _run_steps(plan, record, say)
        except LandingError as exc:
            record.outcome, record.message = "input_blocked", str(exc)
        except Exception as exc:  # recorded, then re-raised after logging unless it is explained
            busy, exhausted = _busy(exc), _exhausted(exc)
            if busy:
                record.outcome, record.message = "warehouse_busy", busy
            elif exhausted:
                record.outcome, record.message = "resources_exhausted", exhausted
            else:
                record.outcome, record.message = "error", f"{type(exc).__name__}: {exc}"
                raise
        finally:
            if record.refused:  # never skipped in silence: every run says so until they are removed
                record.message += f"; {len(record.refused)} file(s) refused: " + ", ".join(
                    f"{rel} ({reason})" for rel, reason in record.refused
                )
            record.ended_at = datetime.now(UTC)
            log_run(plan.warehouse, record)
            say(f"{record.outcome}")
    return record


def refresh(landing: Path, warehouse: Path, target: Path, *, full_refresh: bool = False) -> RunRecord:
    """A scheduled refresh: land, guard, freshness, build without unit tests, publish to `target`."""
    return run(Plan(landing, warehouse, target, full_refresh=full_refresh))


def _guard(plan: Plan, record: RunRecord, say: _Say) -> bool:
    """Check what landed and guard it; False (with the outcome recorded) when the input is blocked."""
    from contact_center.pipeline.guard import render as render_guard
    from contact_center.pipeline.guard import validate

    problems = plan.after_land() if plan.after_land else []
    if problems:
        record.outcome, record.message = "input_blocked", "\n".join(problems)
        return False
    with _timed(record, "seconds_validate"):
        guard = record.guard = validate(plan.warehouse, log=say, full=plan.full_refresh)
    record.rows_quarantined = sum(b.quarantined for b in guard.balances.values())
    record.details.append(render_guard(guard))
    if plan.log:
        plan.log(render_guard(guard))
    blocking = [f for f in guard.blocking if not (plan.tolerated and plan.tolerated(f))]
    for f in guard.blocking:
        where = f"raw.{f.table}" + (f".{f.column}" if f.column else "")
        label = "BLOCKING" if f in blocking else "expected (no such data in this source)"
        record.details.append(f"  {label} {f.expectation} on {where}: {f.detail}")
        if plan.log:
            plan.log(record.details[-1])
    unbalanced = [b.table for b in guard.balances.values() if not b.balanced]
    if blocking or unbalanced:
        record.outcome = "input_blocked"
        record.message = "; ".join(f"{f.table}: {f.expectation}: {f.detail}" for f in blocking) or (
            f"rows lost in {', '.join(unbalanced)}: delivered != kept + quarantined"
        )
        return False
    return True


class _Counter:
    """A one-line node counter on a terminal while dbt builds (nothing when not a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.done, self.failed = enabled, 0, 0

    def __call__(self, unique_id: str, status: str) -> None:
        self.done += 1
        self.failed += status in ("fail", "error")
        if self.enabled:
            print(
                f"\r  dbt: {self.done} nodes done, {self.failed} failed", end="", file=sys.stderr, flush=True
            )

    def close(self) -> None:
        if self.enabled and self.done:
            print(file=sys.stderr)


def _nothing_new(plan: Plan, record: RunRecord) -> bool:
    """True when this run can stop after landing: no file landed since the last good run ended.

    Read from the landing manifest, not from this run's count alone: a run killed after landing (or
    one whose build failed) leaves files that no good run has built yet, and the next run builds them.
    """
    if plan.force or plan.full_refresh or record.files_landed:
        return False
    good = ("published",) if plan.publish_dir else ("published", "built")
    with duckdb.connect(str(plan.warehouse), read_only=True) as con:
        if not _has_run_log(con):
            return False  # the first run
        row = con.execute(
            "select (select max(ended_at) from ops.refresh_runs where list_contains(?, outcome)), "
            "(select max(landed_at) from raw._landed_files)",
            [list(good)],
        ).fetchone()
    last_good, last_landed = row if row else (None, None)
    if last_good is None:
        return False
    if last_landed is not None and last_landed > last_good:
        return False
    return plan.publish_dir is None or (plan.publish_dir / PUBLISHED_NAME).exists()


def _has_run_log(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the warehouse has the run log (ops.refresh_runs): some run got as far as logging."""
    logged = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'ops' "
        "and table_name = 'refresh_runs'"
    ).fetchone()
    return bool(logged and logged[0])


def _built_before(plan: Plan) -> bool:
    """True when a run built this warehouse successfully before (its incremental relations exist)."""
    with duckdb.connect(str(plan.warehouse), read_only=True) as con:
        if not _has_run_log(con):
            return False
        row = con.execute(
            "select count(*) from ops.refresh_runs where outcome in ('published', 'built')"
        ).fetchone()
    return bool(row and row[0])


def _fault(step: str) -> None:
    """Fault injection for the tests: CONTACT_CENTER_FAULT=hang:<step> makes the run hang there."""
    if os.environ.get("CONTACT_CENTER_FAULT") == f"hang:{step}":
        while True:
            time.sleep(60)


def _run_steps(plan: Plan, record: RunRecord, say: _Say) -> None:
    from contact_center.pipeline.build import dbt
    from contact_center.pipeline.publish import publish

    say(f"land {plan.landing} -> {plan.warehouse}")
    with _timed(record, "seconds_land"):
        landed = land(plan.landing, plan.warehouse, progress=plan.log is not None and sys.stderr.isatty())
    record.files_landed, record.rows_landed = landed.files_landed, landed.rows_landed
    record.refused = landed.refused
    for rel, reason in landed.refused:
        say(f"REFUSED {rel}: {reason}")
    say(
        f"landed {landed.files_landed} new or changed file(s), {landed.rows_landed:,} rows "
        f"({landed.rows_quarantined:,} quarantined at landing)"
    )
    if _nothing_new(plan, record):
        record.outcome = "no_new_data"
        record.message = (
            f"nothing new in {plan.landing} since the last good run: nothing rebuilt or published "
            "(--force to run every step anyway)"
        )
        record.sources_fresh = record.sources_stale = None
        return
    if not _guard(plan, record, say):
        return
    stale: list[str] = []
    if plan.freshness:
        say("dbt source freshness")
        stale = _freshness(plan, record)
        say(f"sources fresh {record.sources_fresh}, stale {record.sources_stale}: {', '.join(stale) or '-'}")
    else:
        record.sources_fresh = record.sources_stale = None
    args = ["build", *plan.dbt_args, *_vars(plan)]
    if not plan.unit_tests:
        # Unit tests check the SQL's logic, not the data: they ran in CI (`make test`) and do not
        # change between refreshes, so a scheduled run skips them (dbt's own advice for production).
        args += ["--exclude-resource-type", "unit_test"]
    if plan.full_refresh:
        args.append("--full-refresh")
    scope = "all" if plan.full_refresh or plan.all_tests or not _built_before(plan) else "rebuilt"
    if scope == "rebuilt":
        say("data tests on the big incremental relations: the rows this run rebuilt (--all-tests: every row)")
    if not plan.verbose and "--quiet" not in args:
        args.append("--quiet")  # failures are still printed in full, below
    say(f"dbt {' '.join(args)}")
    _fault("build")
    counter = _Counter(enabled=plan.log is not None and sys.stderr.isatty())
    with _timed(record, "seconds_build"):
        build = dbt(args, plan.warehouse, on_node=counter, env={"CONTACT_CENTER_TEST_SCOPE": scope})
    counter.close()
    record.models_built = build.counts.get("success", 0)
    record.tests_passed = build.counts.get("pass", 0)
    record.tests_failed = build.counts.get("fail", 0) + build.counts.get("error", 0)
    say(
        f"dbt build: {record.models_built} models and seeds built, {record.tests_passed} tests passed, "
        f"{record.tests_failed} failed or errored"
    )
    if not build.success:
        record.outcome = "build_failed"
        record.message = "\n".join(build.failures)[:4000] or "dbt build failed"
        return
    if plan.publish_dir is None:
        record.outcome, record.message = "built", f"built {plan.warehouse} (not published)"
        _flag_stale(record, stale)
        return
    say(f"publish -> {plan.publish_dir}")
    try:
        with _timed(record, "seconds_publish"):
            published = publish(plan.warehouse, plan.publish_dir, record.run_id)
    except (OSError, duckdb.Error) as exc:
        exhausted = _exhausted(exc)
        record.outcome = "resources_exhausted" if exhausted else "publish_failed"
        record.message = f"publish failed, the last publish stays: {exhausted or exc}"
        return
    record.outcome = "published"
    record.message = f"{len(published.tables)} relations published to {published.database}"
    from contact_center.dashboard.build import publish_dashboard

    if failed := publish_dashboard(published.database, say):  # never fails the publish, only logged
        record.message += f"; {failed}"
    _flag_stale(record, stale)


def _flag_stale(record: RunRecord, stale: list[str]) -> None:
    """A good run with stale sources ends `stale_sources` (exit 6), so cron and systemd can alert."""
    if stale:
        record.outcome = "stale_sources"
        record.message += (
            f"; stale sources: {', '.join(stale)} (a delivery is late or missing; a table this center "
            "never delivers is switched off with var using_<table>: false)"
        )


def execute(plan: Plan, *, lock: bool = True) -> int:
    """Run the plan, reporting as it goes on stdout; returns the exit code."""
    if plan.log is None:
        plan = replace(plan, log=lambda line: print(line, flush=True))
    _fault("start")
    try:
        record = run(plan, lock=lock)
    except RefreshLocked as exc:
        print(f"refresh skipped: {exc}", file=sys.stderr)
        return EXIT["locked"]
    except WarehouseBusy as exc:
        print(f"refresh not started: {exc}", file=sys.stderr)
        return EXIT["warehouse_busy"]
    print(record.render())
    if record.outcome not in ("published", "built"):
        print(record.message, file=sys.stderr)  # (no_new_data included: cron mails it)
    return record.exit_code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--landing", type=Path, default=landing_dir())
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    parser.add_argument("--publish-dir", type=Path, default=publish_dir())
    parser.add_argument("--no-publish", action="store_true", help="stop after the build")
    parser.add_argument("--full-refresh", action="store_true", help="rebuild incremental models from scratch")
    parser.add_argument("--force", action="store_true", help="build and publish even when nothing new landed")
    parser.add_argument("--unit-tests", action="store_true", help="also run dbt's unit tests")
    parser.add_argument(
        "--all-tests", action="store_true", help="data tests cover every row, not only the rows rebuilt"
    )
    parser.add_argument("--no-freshness", action="store_true", help="skip dbt source freshness")
    parser.add_argument("--verbose", action="store_true", help="dbt's own line for every node")
    parser.add_argument("--vars", help="dbt --vars (YAML), e.g. '{using_tickets: false}'")
    parser.add_argument(
        "--timeout",
        type=float,
        default=float(os.environ.get("REFRESH_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS)),
        help=f"stop the run after this many seconds (exit 7; default {DEFAULT_TIMEOUT_SECONDS}, 0 = none)",
    )
    parser.add_argument("--watched", action="store_true", help=argparse.SUPPRESS)  # the watchdog's worker
    parser.add_argument("dbt_args", nargs="*", help="extra arguments for dbt build (after --)")
    args = parser.parse_args(argv)
    plan = Plan(
        landing=args.landing,
        warehouse=args.warehouse,
        publish_dir=None if args.no_publish else args.publish_dir,
        full_refresh=args.full_refresh,
        force=args.force,
        unit_tests=args.unit_tests,
        all_tests=args.all_tests,
        freshness=not args.no_freshness,
        dbt_args=tuple(args.dbt_args),
        verbose=args.verbose,
        dbt_vars=args.vars,
    )
    if args.watched:
        return execute(plan, lock=False)
    if args.timeout > 0:
        from contact_center.pipeline.watchdog import watch

        return watch(plan, list(sys.argv[1:] if argv is None else argv), args.timeout)
    return execute(plan)


if __name__ == "__main__":
    raise SystemExit(main())
