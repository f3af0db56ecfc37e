"""The scheduled refresh (contact_center/pipeline/refresh.py) end to end, driven through its CLI like cron would.

A small generated center is fed to a landing folder one day at a time. The module fixture lands the
reference files and day 1 and runs a first (``--full-refresh``) refresh; the tests then, in order:

1. run a refresh for day 2 while a separate BI-style process (SQLAlchemy + duckdb-engine, read-only,
   a fresh connection per query) queries the published file: no error, and every answer is the totals
   of exactly one publish;
2. SIGKILL a refresh of day 3 in the middle of ``dbt build``: the publish stays intact, the next run
   exits 0 and publishes day 3;
3. refresh with no new files: exit 5 (``no_new_data``), nothing published; with ``--force``: exit 0,
   no mart row changes;
4. refresh while the lock is held: exit 3, nothing happens;
5. a file with a renamed column: exit 2 (``input_blocked``), nothing published changes;
6. a correction row that passes the guard but fails a dbt test: exit 1 (``build_failed``), the last good
   publish stays;
7. ``ops.refresh_runs`` records files and rows landed, quarantined rows, models built, tests passed and
   failed, source freshness and timings for every run.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from contact_center.contract import PROJECT_DIR, raw_tables
from contact_center.dashboard.build import DASHBOARD_NAME
from contact_center.demo.generate import DAILY_TABLES, REFERENCE_TABLES, generate
from contact_center.pipeline.land import file_hash
from contact_center.pipeline.publish import PUBLISHED_NAME
from contact_center.pipeline.refresh import EXIT, exclusive_lock

pytestmark = pytest.mark.slow

DAYS = 3
TOTALS_SQL = "select count(*), sum(offered), sum(handled) from marts.fct_agent_queue_daily"
OPTIONAL_TABLES = ("schedules", "forecasts", "agents", "employee_surveys", "surveys", "tickets", "customers")
OPTIONAL_TABLES += ("orders", "costs")
REFRESH_TIMEOUT = 900  # seconds, per refresh (generous: the machine may be shared)
FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")
READER_PAUSE = 0.05  # seconds between the reader's queries: busy, but leaves CPU to the refresh

# The BI client: what Superset / Metabase do on every dashboard refresh, as a separate process.
READER = """
import json
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

database, out, stop = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
totals_sql, pause = sys.argv[4], float(sys.argv[5])
engine = create_engine(f"duckdb:///{database}", connect_args={"read_only": True}, poolclass=NullPool)
with out.open("w") as fh:
    while not stop.exists():
        try:
            with engine.connect() as conn:  # NullPool: a new DuckDB connection every time
                run_id = conn.execute(text("select run_id from main.publish_info")).scalar()
                totals = conn.execute(text(totals_sql)).one()
            answer = {"run_id": run_id, "totals": [int(v) for v in totals]}
        except Exception as exc:
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        fh.write(json.dumps(answer) + "\\n")
        fh.flush()
        time.sleep(pause)
"""


@dataclass(frozen=True)
class Publish:
    """What a BI tool would see in the publish folder right now."""

    run_id: str
    totals: tuple[int, ...]
    digest: str  # of the whole published DuckDB file
    parquet_current: str  # the run folder parquet/current points to
    parquet_totals: tuple[int, ...]


@dataclass
class Run:
    label: str
    returncode: int
    seconds: float
    stdout: str
    stderr: str
    pending_files: int  # new or changed files in the landing folder when the run started
    pending_rows: int
    row: dict[str, Any] | None = None  # its ops.refresh_runs row, if it wrote one

    def explain(self) -> str:
        return f"exit {self.returncode}\n--- stdout (tail)\n{self.stdout[-3000:]}\n--- stderr\n{self.stderr[-3000:]}"


@dataclass
class Site:
    generated: Path
    landing: Path
    warehouse: Path
    publish: Path
    env: dict[str, str]
    days: list[date]
    delivered: list[date] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    switches: str = ""  # dbt --vars switching off the tables this center never delivers

    @property
    def published_file(self) -> Path:
        return self.publish / PUBLISHED_NAME

    @property
    def lock(self) -> Path:
        return self.warehouse.parent / f".{self.warehouse.name}.refresh.lock"

    def command(self, *extra: str, switches: bool = True) -> list[str]:
        return [
            sys.executable, "-m", "contact_center.pipeline.refresh", "--landing", str(self.landing),
            "--warehouse", str(self.warehouse), "--publish-dir", str(self.publish), *extra,
            *(["--vars", self.switches] if switches and self.switches else []),
        ]  # fmt: skip

    def deliver_reference(self) -> None:
        for table in REFERENCE_TABLES:
            self._deliver(self.generated / table / f"{table}.parquet")

    def deliver_next_day(self, *, one_bad_hold: bool = False, one_nan_forecast: bool = False) -> date:
        """Copy the next day's files (empty ones are not delivered) into the landing folder."""
        day = self.days[len(self.delivered)]
        for table in DAILY_TABLES:
            src = self.generated / table / f"{table}_{day.isoformat()}.parquet"
            if not src.exists() or pq.read_metadata(src).num_rows == 0:
                continue
            if table == "contacts" and one_bad_hold:
                # one row with negative hold seconds: the guard quarantines it (negative_duration)
                first = f"contact_id = (select min(contact_id) from read_parquet({_q(src)}))"
                self._deliver(src, f"case when {first} then -5.0 else hold_seconds end as hold_seconds")
            elif table == "forecasts" and one_nan_forecast:
                # a poison row: NaN forecast contacts (it once hung the Erlang C iteration)
                nan = "case when row_number() over () = 1 then 'NaN'::double else forecast_contacts end"
                self._deliver(src, f"{nan} as forecast_contacts")
            else:
                self._deliver(src)
        self.delivered.append(day)
        return day

    def _deliver(self, src: Path, replace: str | None = None) -> None:
        """Copy a generated file into the landing folder, with one column `replace`d if given."""
        dst = self.landing / src.parent.name / src.name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if replace is None:
            shutil.copyfile(src, dst)
            return
        with duckdb.connect() as con:
            con.execute(
                f"copy (select * replace ({replace}) from read_parquet({_q(src)})) to {_q(dst)} (format parquet)"
            )

    def pending(self) -> tuple[int, int]:
        """Files (and their rows) in the landing folder that the warehouse has not landed yet."""
        known: dict[str, str] = {}
        if self.warehouse.exists():
            with duckdb.connect(str(self.warehouse), read_only=True) as con:
                landed = con.execute(
                    "select count(*) from information_schema.tables "
                    "where table_schema = 'raw' and table_name = '_landed_files'"
                ).fetchone()[0]
                if landed:
                    known = dict(
                        con.execute("select source_file, file_hash from raw._landed_files").fetchall()
                    )
        files = rows = 0
        for path in sorted(self.landing.glob("*/*.parquet")):
            if known.get(path.relative_to(self.landing).as_posix()) != file_hash(path):
                files += 1
                rows += pq.read_metadata(path).num_rows
        return files, rows

    def refresh(self, label: str, *extra: str, switches: bool = True) -> Run:
        logged = len(self.run_log())
        files, rows = self.pending()
        start = time.perf_counter()
        done = subprocess.run(
            self.command(*extra, switches=switches),
            cwd=PROJECT_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=REFRESH_TIMEOUT,
            check=False,
        )
        run = Run(label, done.returncode, time.perf_counter() - start, done.stdout, done.stderr, files, rows)
        log = self.run_log()
        if len(log) > logged:
            run.row = log[-1]
        self.runs.append(run)
        return run

    def run_log(self) -> list[dict[str, Any]]:
        if not self.warehouse.exists():
            return []
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            exists = con.execute(
                "select count(*) from information_schema.tables "
                "where table_schema = 'ops' and table_name = 'refresh_runs'"
            ).fetchone()[0]
            if not exists:
                return []
            cursor = con.execute("select * from ops.refresh_runs order by started_at")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def published(self) -> Publish:
        with duckdb.connect(str(self.published_file), read_only=True) as con:
            run_id = con.execute("select run_id from main.publish_info").fetchone()[0]
            totals = tuple(int(v) for v in con.execute(TOTALS_SQL).fetchone())
        with self.published_file.open("rb") as fh:
            digest = hashlib.file_digest(fh, "blake2b").hexdigest()
        current = self.publish / "parquet" / "current"
        parquet = current / "fct_agent_queue_daily" / "*.parquet"
        with duckdb.connect() as con:
            parquet_totals = tuple(
                int(v)
                for v in con.execute(
                    TOTALS_SQL.replace("marts.fct_agent_queue_daily", _q(parquet))
                ).fetchone()
            )
        return Publish(run_id, totals, digest, current.readlink().name, parquet_totals)

    def published_dates(self) -> set[date]:
        with duckdb.connect(str(self.published_file), read_only=True) as con:
            return {
                r[0]
                for r in con.execute("select distinct date_day from marts.fct_agent_queue_daily").fetchall()
            }


def _q(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def mart_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The relations of schema marts, by name."""
    query = "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
    return [r[0] for r in con.execute(query).fetchall()]


def mart_rows(database: Path) -> dict[str, list[tuple]]:
    """Every row of every published mart, in a stable order."""
    with duckdb.connect(str(database), read_only=True) as con:
        tables = mart_names(con)
        rows = {}
        for table in tables:
            columns = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'marts' and table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            order = ", ".join(f'round("{c}", 6)' if t in FLOAT_TYPES else f'"{c}"' for c, t in columns)
            rows[table] = con.execute(f"select * from marts.{table} order by {order}").fetchall()
        return rows


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def mart_differences(before: Path, after: Path) -> tuple[list[str], dict[str, int]]:
    """Rows that differ (doubles compared to 1e-9), and per table how many doubles differ in their last bits."""
    old, new = mart_rows(before), mart_rows(after)
    problems: list[str] = []
    if sorted(old) != sorted(new):
        problems.append(f"mart tables differ: {sorted(set(old) ^ set(new))}")
    last_bits: dict[str, int] = {}
    for table in sorted(set(old) & set(new)):
        if len(old[table]) != len(new[table]):
            problems.append(f"{table}: {len(old[table])} rows before, {len(new[table])} after")
            continue
        for a, b in zip(old[table], new[table], strict=True):
            if not all(_same(x, y) for x, y in zip(a, b, strict=True)):
                problems.append(f"{table}: {a} != {b}")
            bits = sum(1 for x, y in zip(a, b, strict=True) if isinstance(x, float) and x != y)
            if bits:
                last_bits[table] = last_bits.get(table, 0) + bits
    return problems, last_bits


def wait_for_log_line(
    proc: subprocess.Popen[bytes], log: Path, pattern: re.Pattern[str], timeout: float
) -> str | None:
    """Follow dbt's log file until `pattern` appears (returns the match); None if the process ends or
    time runs out first."""
    deadline = time.monotonic() + timeout
    tail = ""
    handle = None
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if handle is None and log.exists():
                handle = log.open(encoding="utf-8", errors="replace")
            if handle is not None:
                tail = tail[-4096:] + handle.read()
                found = pattern.search(tail)
                if found:
                    return found.group(0)
            time.sleep(0.05)
        return None
    finally:
        if handle is not None:
            handle.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("refresh")
    first = date.today() - timedelta(days=DAYS + 2)  # in the past: the guard quarantines future contacts
    generate(
        root / "generated",
        seed=23,
        start_date=first,
        days=DAYS,
        queues=4,
        agents=30,
        contacts_per_day=600,
        workers=1,
    )
    env = {
        **os.environ,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
    }
    # dbt's target and log folders: the caller's (DBT_TARGET_PATH / DBT_LOG_PATH), else private ones
    env.setdefault("DBT_TARGET_PATH", str(root / "dbt-target"))
    env.setdefault("DBT_LOG_PATH", str(root / "dbt-logs"))
    site = Site(
        generated=root / "generated",
        landing=root / "landing",
        warehouse=root / "warehouse" / "cc.duckdb",
        publish=root / "publish",
        env=env,
        days=[first + timedelta(days=i) for i in range(DAYS)],
    )
    # tables this small center never delivers (no tickets queue, no employee survey) are switched off,
    # as an adopter would: otherwise their freshness fails and every refresh ends stale_sources (exit 6)
    never = [t for t in OPTIONAL_TABLES if not any((site.generated / t).glob("*.parquet"))]
    assert "tickets" in never
    site.switches = "{" + ", ".join(f"using_{t}: false" for t in never) + "}"
    site.deliver_reference()
    site.deliver_next_day(one_bad_hold=True)
    run = site.refresh("first refresh (reference + day 1, --full-refresh)", "--full-refresh")
    assert run.returncode == EXIT["published"], run.explain()
    return site


def _dashboard_days(page: Path) -> list[str]:
    """The days of data in a dashboard file (its embedded JSON)."""
    embedded = re.search(
        r'<script id="report-data" type="application/json">(.*?)</script>', page.read_text(), re.S
    )
    assert embedded, page
    return json.loads(embedded.group(1).replace("<\\/", "</"))["days"]


def test_bi_reader_sees_whole_publishes_through_refreshes(site: Site, tmp_path: Path) -> None:
    expected = {}
    first = site.published()
    expected[first.run_id] = first.totals
    dashboard_days = _dashboard_days(site.publish / DASHBOARD_NAME)
    script, out, stop = tmp_path / "reader.py", tmp_path / "answers.jsonl", tmp_path / "STOP"
    script.write_text(READER)
    reader = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(site.published_file),
            str(out),
            str(stop),
            TOTALS_SQL,
            str(READER_PAUSE),
        ],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not (out.exists() and out.read_text()) and time.monotonic() < deadline:
            assert reader.poll() is None, reader.stderr.read() if reader.stderr else ""
            time.sleep(0.1)
        day = site.deliver_next_day(one_nan_forecast=True)
        run = site.refresh(f"one-day refresh ({day}) under a BI reader")
        assert run.returncode == EXIT["published"], run.explain()
        # the poison row is quarantined, the rest published
        with duckdb.connect(str(site.warehouse), read_only=True) as con:
            held = con.execute(
                "select count(*) from raw.quarantine where reason_code = 'non_finite_number' "
                "and source_file = ?",
                [f"forecasts/forecasts_{day.isoformat()}.parquet"],
            ).fetchone()
        assert held == (1,)
        now = site.published()
        assert now.parquet_totals == now.totals  # parquet/current agrees with the DuckDB file
        # the refresh regenerated the dashboard next to the published copy, from what it published
        shown = _dashboard_days(site.publish / DASHBOARD_NAME)
        assert shown[-1] >= day.isoformat() and len(shown) > len(dashboard_days), run.explain()
        expected[now.run_id] = now.totals
        deadline = time.monotonic() + 60  # let the reader see the last publish too
        while now.run_id not in out.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.touch()
        try:
            reader.wait(timeout=60)
        except subprocess.TimeoutExpired:
            reader.kill()
            reader.wait()
    assert reader.returncode == 0, reader.stderr.read() if reader.stderr else ""

    answers = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    errors = [a["error"] for a in answers if "error" in a]
    mixed = [a for a in answers if "error" not in a and expected.get(a["run_id"]) != tuple(a["totals"])]
    seen = {a["run_id"] for a in answers if "error" not in a}
    print(f"\nBI reader: {len(answers)} queries, {len(errors)} errors, {len(seen)} publishes seen")
    assert not errors, errors[:5]
    assert len(answers) >= 100  # it kept asking through the whole refresh
    assert not mixed, f"answers matching no single publish: {mixed[:5]} (publishes: {expected})"
    assert seen == set(expected)  # it saw the first publish and the new one
    order = list(expected)  # publish order
    positions = [order.index(a["run_id"]) for a in answers]
    assert positions == sorted(positions)  # once the new publish is visible, no query gets the older one
    assert len(set(expected.values())) == 2  # the new day changed the totals


def test_sigkill_mid_build_leaves_publish_intact_and_next_run_recovers(site: Site, tmp_path: Path) -> None:
    before = site.published()
    day = site.deliver_next_day()
    logs = tmp_path / "dbt-logs"  # this run's own dbt log, followed to find the build phase
    with (tmp_path / "refresh.out").open("w") as out:
        proc = subprocess.Popen(
            site.command(),
            cwd=PROJECT_DIR,
            env={**site.env, "DBT_LOG_PATH": str(logs)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            # past landing, guard and source freshness: dbt build has started a mart
            building = wait_for_log_line(
                proc, logs / "dbt.log", re.compile(r"START sql \w+ model marts\.\w+"), REFRESH_TIMEOUT
            )
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
    assert building, (tmp_path / "refresh.out").read_text()[-3000:]
    assert proc.returncode == -signal.SIGKILL
    print(f"\nSIGKILL sent at dbt log line: {building}")

    assert site.published() == before  # same bytes, same run_id, same totals, same parquet/current
    assert not list(site.publish.glob(f".{PUBLISHED_NAME}.*.tmp"))
    with exclusive_lock(site.lock):  # the kernel released the killed run's lock
        pass

    run = site.refresh(f"refresh after SIGKILL ({day})")
    assert run.returncode == EXIT["published"], run.explain()
    after = site.published()
    assert after.run_id != before.run_id
    assert day in site.published_dates()
    assert after.totals[1] > before.totals[1]  # the new day's contacts are offered
    assert run.row is not None
    assert run.row["files_landed"] == 0  # the killed run had landed day 3; this one only built it


def test_refresh_without_new_files_says_so_and_publishes_nothing(site: Site) -> None:
    before = site.published()
    run = site.refresh("refresh with no new files")
    assert run.returncode == EXIT["no_new_data"] == 5, run.explain()
    assert "nothing new" in run.stderr
    assert run.row is not None and run.row["outcome"] == "no_new_data"
    assert run.row["seconds_build"] is None
    assert site.published() == before


def test_forced_refresh_without_new_files_changes_no_mart_row(site: Site, tmp_path: Path) -> None:
    """Also without the source switches: the never-delivered tickets are stale, so the run publishes
    and ends `stale_sources` (exit 6), naming the table; switching a table off changes no mart row."""
    snapshot = tmp_path / "before.duckdb"
    shutil.copyfile(site.published_file, snapshot)
    before = site.published()
    run = site.refresh("forced refresh, no new files, no switches", "--force", switches=False)
    assert run.returncode == EXIT["stale_sources"] == 6, run.explain()
    assert run.row is not None and run.row["outcome"] == "stale_sources"
    assert "helpdesk.tickets" in run.row["message"] and "using_<table>" in run.stderr
    assert run.row is not None
    assert (run.row["files_landed"], run.row["rows_landed"]) == (0, 0)
    after = site.published()
    assert after.run_id != before.run_id
    problems, last_bits = mart_differences(snapshot, site.published_file)
    print(f"\nno-op refresh: doubles differing only in their last bits, per mart: {last_bits or 'none'}")
    assert not problems, problems[:10]


def test_refresh_exits_3_while_another_holds_the_lock(site: Site) -> None:
    before, log_before, pending = site.published(), site.run_log(), site.pending()
    # a file that would block the run (exit 2) if it got past the lock
    renamed = site.landing / "queues" / "queues_locked_out.parquet"
    table = pq.read_table(site.generated / "queues" / "queues.parquet")
    pq.write_table(
        table.rename_columns(["name" if c == "queue_name" else c for c in table.column_names]), renamed
    )
    try:
        with exclusive_lock(site.lock):
            run = site.refresh("refresh while locked")
    finally:
        renamed.unlink()
    assert run.returncode == EXIT["locked"], run.explain()
    assert "refresh skipped" in run.stderr
    assert site.published() == before
    assert site.run_log() == log_before  # not even a run-log row
    assert site.pending() == pending


def test_blocked_input_exits_2_and_publishes_nothing(site: Site) -> None:
    before = site.published()
    src = site.generated / "contacts" / f"contacts_{site.days[0].isoformat()}.parquet"
    table = pq.read_table(src)
    renamed = site.landing / "contacts" / "contacts_renamed_column.parquet"
    pq.write_table(
        table.rename_columns(["queue" if c == "queue_id" else c for c in table.column_names]), renamed
    )
    try:
        run = site.refresh("renamed column")
        with duckdb.connect(str(site.warehouse), read_only=True) as con:
            landed = con.execute(
                "select count(*) from raw._landed_files where source_file = 'contacts/contacts_renamed_column.parquet'"
            ).fetchone()[0]
    finally:
        renamed.unlink()
    assert run.returncode == EXIT["input_blocked"], run.explain()
    assert landed == 0
    assert site.published() == before
    assert run.row is not None
    assert run.row["outcome"] == "input_blocked"
    assert "contacts_renamed_column.parquet" in run.row["message"]
    assert "queue_id" in run.row["message"]
    assert run.row["seconds_build"] is None


def test_failed_build_exits_1_and_keeps_last_good_publish(site: Site) -> None:
    before = site.published()
    # A correction of one contact with a disposition code the catalog does not know: the guard has no
    # rule on resolution_status, the dbt test accepted_values on stg_acd__contacts fails.
    src = site.generated / "contacts" / f"contacts_{site.days[0].isoformat()}.parquet"
    correction = site.landing / "contacts" / "contacts_correction.parquet"
    with duckdb.connect() as con:
        con.execute(
            "copy (select * replace ('escalated' as resolution_status, updated_at + interval 1 hour as updated_at) "
            f"from read_parquet({_q(src)}) where agent_id is not null order by contact_id limit 1) "
            f"to {_q(correction)} (format parquet)"
        )
    run = site.refresh("failing dbt test")
    assert run.returncode == EXIT["build_failed"], run.explain()
    assert site.published() == before
    assert run.row is not None
    assert run.row["outcome"] == "build_failed"
    assert "resolution_status" in run.row["message"]
    assert run.row["tests_failed"] >= 1
    assert run.row["seconds_build"] is not None
    assert run.row["seconds_publish"] is None


def test_run_log_records_landing_guard_build_freshness_and_timings(site: Site) -> None:
    log = site.run_log()
    assert len({r["run_id"] for r in log}) == len(log)
    assert all(r["started_at"] <= r["ended_at"] for r in log)
    by_id = {r["run_id"]: r for r in log}
    delivered = {p.parent.name for p in site.landing.glob("*/*.parquet")}
    never_delivered = set(raw_tables()) - delivered - {"quarantine", "interval_arrivals"}
    assert {f"using_{t}: false" for t in never_delivered} == set(site.switches.strip("{}").split(", "))
    logged = [run for run in site.runs if run.row is not None]
    for run in site.runs:  # logs fit for cron: no colour codes, dbt's per-node lines summarised
        assert "\x1b[" not in run.stdout + run.stderr, run.label
        assert not re.search(r"\d+ of \d+ (START|OK|PASS)", run.stdout), run.label
        assert "INFO:great_expectations" not in run.stdout + run.stderr, run.label
        if "] dbt build --" in run.stdout:  # the guard's report comes before dbt's output
            assert run.stdout.index("delivered") < run.stdout.index("] dbt build --"), run.label
            assert re.search(r"^\[ *\d+\.\ds\] dbt build: \d+ models", run.stdout, re.M), run.label
            # data tests: every row on the first (full) build, the rebuilt rows on later incremental ones
            scoped = "the rows this run rebuilt" in run.stdout
            assert scoped == ("--full-refresh" not in run.stdout), run.label
    for run in logged:
        assert by_id[run.row["run_id"]] == run.row
        row = run.row
        assert EXIT[row["outcome"]] == run.returncode, run.label
        if row["outcome"] in ("published", "stale_sources", "build_failed"):
            # files and rows landed: exactly the files new in the landing folder at the start of the run
            assert (row["files_landed"], row["rows_landed"]) == (run.pending_files, run.pending_rows), (
                run.label
            )
            assert row["rows_quarantined"] >= 1  # the negative hold of day 1 (a warehouse total)
            assert row["models_built"] > 0
            assert row["tests_passed"] > 0
            # source freshness: contacts and queues were delivered within the hour, so fresh; a source
            # that never got a row (tickets: the small center has none) is stale unless switched off
            assert row["sources_fresh"] >= 2, run.label
            assert (row["sources_stale"] >= 1) == (row["outcome"] == "stale_sources"), run.label
            assert all(row[f"seconds_{step}"] >= 0 for step in ("land", "validate", "build")), run.label
        if row["outcome"] in ("published", "stale_sources"):
            assert row["tests_failed"] == 0
            assert row["seconds_publish"] >= 0
            assert "relations published" in row["message"]
    first = site.runs[0].row
    assert first is not None
    assert first["full_refresh"] is True
    assert first["rows_quarantined"] == 1
    print("\nrefresh timings (wall s | land / validate / build / publish s):")
    for run in site.runs:
        r = run.row or {}
        steps = " / ".join(str(r.get(f"seconds_{s}")) for s in ("land", "validate", "build", "publish"))
        print(f"  {run.label:<55} exit {run.returncode}  {run.seconds:6.1f} | {steps}")
