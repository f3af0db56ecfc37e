"""What an operator meets at a first mistake: one clear line and a documented exit code, never a
traceback; the commands that only read never collide with a refresh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from contact_center.contract import PROJECT_DIR
from contact_center.pipeline import EXIT
from contact_center.pipeline.publish import publish
from tests.conftest import Center


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "contact_center", *args],
        cwd=PROJECT_DIR,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def one_clear_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    for word in words:
        assert word in last, last


def test_refresh_with_a_mistyped_landing_folder_exits_2(tmp_path: Path) -> None:
    done = cli(
        "refresh",
        *("--landing", str(tmp_path / "landnig-typo"), "--warehouse", str(tmp_path / "wh.duckdb")),
        *("--publish-dir", str(tmp_path / "publish")),
    )
    assert done.returncode == EXIT["input_blocked"] == 2, done.stdout + done.stderr
    one_clear_line(done, "landnig-typo", "does not exist")
    with duckdb.connect(str(tmp_path / "wh.duckdb"), read_only=True) as con:
        assert con.execute("select outcome from ops.refresh_runs").fetchall() == [("input_blocked",)]
    assert not (tmp_path / "publish" / "contact_center.duckdb").exists()


def test_land_with_a_mistyped_landing_folder_exits_2(tmp_path: Path) -> None:
    done = cli("land", "--landing", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "wh.duckdb"))
    assert done.returncode == 2
    one_clear_line(done, "nope", "does not exist")


def test_summary_without_a_warehouse_says_what_to_run(tmp_path: Path) -> None:
    done = cli("summary", "--warehouse", str(tmp_path / "missing.duckdb"))
    assert done.returncode == 1
    one_clear_line(done, "no warehouse at", "make run")


def test_summary_of_a_landed_but_unbuilt_warehouse_says_what_to_run(tmp_path: Path) -> None:
    duckdb.connect(str(tmp_path / "raw_only.duckdb")).close()
    done = cli("summary", "--warehouse", str(tmp_path / "raw_only.duckdb"))
    assert done.returncode == 1
    one_clear_line(done, "no marts yet")


def test_summary_and_dashboard_during_a_refresh_read_the_published_copy(
    center: Center, tmp_path: Path
) -> None:
    # same file name as the center's: dbt's views name their catalog after the file stem
    build = tmp_path / "build" / center.warehouse.name
    build.parent.mkdir()
    shutil.copy2(center.warehouse, build)
    publish(build, tmp_path / "publish")
    env = {"PUBLISH_DIR": str(tmp_path / "publish")}
    expected = cli("summary", "--warehouse", str(build), env=env)
    assert expected.returncode == 0, expected.stderr
    writer = duckdb.connect(str(build))  # a refresh holds the build file
    try:
        during = cli("summary", "--warehouse", str(build), env=env)
        dashboard = cli("dashboard", "--warehouse", str(build), "--out", str(tmp_path / "d.html"), env=env)
        nothing = cli("summary", "--warehouse", str(build), env={"PUBLISH_DIR": str(tmp_path / "none")})
    finally:
        writer.close()
    assert during.returncode == 0, during.stderr
    assert during.stdout == expected.stdout
    assert "reading the published copy" in during.stderr
    assert dashboard.returncode == 0, dashboard.stderr
    assert (tmp_path / "d.html").stat().st_size > 10_000
    assert nothing.returncode == 1
    one_clear_line(nothing, "being written by another process")


def test_the_console_entry_point_runs_every_command_from_anywhere(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "contact-center"
    assert command.exists(), "make venv installs the project: pip install --no-deps -e ."
    listing = subprocess.run([str(command)], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert listing.returncode == 0
    for name in ("demo", "land", "guard", "build", "publish", "refresh", "summary", "dashboard", "real"):
        assert f"  {name} " in listing.stdout
    done = subprocess.run(
        [str(command), "summary", "--warehouse", str(tmp_path / "none.duckdb")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    one_clear_line(done, "no warehouse at")


def test_a_fresh_clone_has_the_warehouse_folder_dbt_opens() -> None:
    """dbt (profiles.yml) opens warehouse/contact_center.duckdb; without the folder a first `dbt build`
    on a fresh clone was a 234-line traceback. The folder is in git (its .gitkeep), its contents not."""
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", "warehouse/.gitkeep"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert tracked.returncode == 0, tracked.stderr
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "warehouse/contact_center.duckdb"], cwd=PROJECT_DIR, check=False
    )
    assert ignored.returncode == 0


def test_python_3_11_and_3_12_are_both_declared() -> None:
    import tomllib

    from packaging.specifiers import SpecifierSet

    spec = SpecifierSet(
        tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())["project"]["requires-python"]
    )
    assert "3.11.7" in spec and "3.12.1" in spec and "3.13.0" not in spec
    makefile = (PROJECT_DIR / "Makefile").read_text()
    assert "(3, 11) <= v <= (3, 12)" in makefile  # make venv refuses other versions with one line


HOLDER = """
import fcntl, json, os, sys, time
from datetime import UTC, datetime, timedelta
now = datetime.now(UTC)
started, deadline = now - timedelta(hours=float(sys.argv[2])), now + timedelta(hours=float(sys.argv[3]))
fh = open(sys.argv[1], "a+")
fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
fh.seek(0); fh.truncate()
fh.write(json.dumps({"pid": os.getpid(), "started_at": started.isoformat(), "deadline": deadline.isoformat()}))
fh.flush()
print("holding", flush=True)
time.sleep(600)
"""


def hold_lock(lock: Path, started_hours_ago: float, deadline_in_hours: float) -> subprocess.Popen[str]:
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock), str(started_hours_ago), str(deadline_in_hours)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    return holder


def run_log(warehouse: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select outcome, message from ops.refresh_runs order by started_at").fetchall()


def test_a_hung_refresh_is_stopped_at_its_time_limit(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    done = cli(
        "refresh", "--landing", str(tmp_path), "--warehouse", str(warehouse), "--no-publish", "--timeout", "4",
        env={"CONTACT_CENTER_FAULT": "hang:start"},
    )  # fmt: skip
    assert done.returncode == EXIT["timed_out"] == 7, done.stdout + done.stderr
    one_clear_line(done, "timed out", "4 s")
    assert run_log(warehouse) == [
        ("timed_out", "stopped after 4 s (--timeout): the last publish stays in place")
    ]
    from contact_center.pipeline.refresh import exclusive_lock, lock_path

    with exclusive_lock(lock_path(warehouse)):  # released
        duckdb.connect(str(warehouse)).close()  # and the worker's DuckDB file too


def test_a_held_lock_is_reported_with_its_owner_and_age(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    from contact_center.pipeline.refresh import lock_path

    holder = hold_lock(lock_path(warehouse), started_hours_ago=0.5, deadline_in_hours=3)
    try:
        done = cli("refresh", "--landing", str(tmp_path / "nope"), "--warehouse", str(warehouse))
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == EXIT["locked"] == 3
    one_clear_line(done, "refresh skipped", f"pid {holder.pid}", "running 30 min")


def test_the_next_run_stops_a_refresh_hung_past_its_deadline(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    from contact_center.pipeline.refresh import lock_path

    holder = hold_lock(lock_path(warehouse), started_hours_ago=6, deadline_in_hours=-2)
    done = cli("refresh", "--landing", str(tmp_path / "nope"), "--warehouse", str(warehouse))
    assert holder.wait(timeout=60) != 0  # stopped by the next run
    assert f"pid {holder.pid}" in done.stderr and "stopped by the next run" in done.stderr
    assert done.returncode == EXIT["input_blocked"]  # then it ran: the landing folder is missing
    (hung, message), (outcome, _) = run_log(warehouse)
    assert (hung, outcome) == ("timed_out", "input_blocked")
    assert "past its deadline" in message


HOLD_FILE = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
print("open", flush=True)
time.sleep(600)
"""


def test_a_bi_tool_holding_the_build_file_gets_a_clear_exit_8(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    duckdb.connect(str(warehouse)).close()
    for mode in ("ro", "rw"):
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_FILE, str(warehouse), mode], stdout=subprocess.PIPE, text=True
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
            done = cli("refresh", "--landing", str(tmp_path), "--warehouse", str(warehouse))
        finally:
            holder.kill()
            holder.wait()
        assert done.returncode == EXIT["warehouse_busy"] == 8, done.stdout + done.stderr
        one_clear_line(done, "open in another process", f"pid {holder.pid}", "published copy")


def test_running_out_of_memory_is_not_blamed_on_a_file(tmp_path: Path) -> None:
    from tests.csvfiles import QUEUE, contact, write_csv

    write_csv(tmp_path / "landing" / "queues" / "q.csv", "queues", [QUEUE])
    write_csv(
        tmp_path / "landing" / "contacts" / "c.csv", "contacts", [contact(f"C{i}") for i in range(2000)]
    )
    warehouse = tmp_path / "wh.duckdb"
    done = cli(
        "refresh", "--landing", str(tmp_path / "landing"), "--warehouse", str(warehouse), "--no-publish",
        env={"DUCKDB_MEMORY_LIMIT": "1MB"},
    )  # fmt: skip
    assert done.returncode == EXIT["resources_exhausted"] == 9, done.stdout + done.stderr
    one_clear_line(done, "out of memory", "no input file is at fault")
    assert run_log(warehouse)[0][0] == "resources_exhausted"


def test_a_publish_that_fails_midway_leaves_nothing_behind(center: Center, tmp_path: Path) -> None:
    build = tmp_path / "build" / center.warehouse.name
    build.parent.mkdir()
    shutil.copy2(center.warehouse, build)
    target = tmp_path / "publish"
    before = publish(build, target, run_id="good")
    for leftover in (".contact_center.duckdb.killed.tmp", ".contact_center.duckdb.killed.tmp.wal"):
        (target / leftover).write_text("from a publish that was killed")
    done = cli(
        "refresh", "--landing", str(center.landing), "--warehouse", str(build), "--publish-dir", str(target),
        "--full-refresh", "--no-freshness", "--", "--select", "dim_queues",  # a small build, then publish
        env={"CONTACT_CENTER_FAULT": "disk_full:publish"},
    )  # fmt: skip
    assert done.returncode == EXIT["resources_exhausted"], done.stdout + done.stderr
    one_clear_line(done, "publish failed", "out of disk space", "no input file is at fault")
    assert sorted(p.name for p in target.iterdir()) == ["contact_center.duckdb", "parquet"]
    assert sorted(p.name for p in (target / "parquet").iterdir()) == ["current", "good"]
    with duckdb.connect(str(before.database), read_only=True) as con:
        assert con.execute("select run_id from main.publish_info").fetchone() == ("good",)
