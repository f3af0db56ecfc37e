"""The refresh's watchdog: a time limit for the whole run, and the end of runs that hang.

The command-line refresh runs as two processes: this watchdog takes the warehouse's lock, writes its
identity and deadline into the lock file, and starts the run itself as a worker process (the same
command with ``--watched``). When the worker outlives the time limit it is stopped (SIGTERM, then
SIGKILL), the run is logged ``timed_out`` in ``ops.refresh_runs`` and the exit code is 7. A killed
worker leaves the last publish intact (publishing is an atomic rename), and the kernel releases its
DuckDB file with the process.

A run that finds the lock taken by a holder past its deadline (its watchdog was stopped or frozen, so
nobody ended the hang) stops that holder, logs it ``timed_out`` and takes over; a holder within its
deadline is reported with its pid and age, and the run exits 3.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from contact_center.pipeline import EXIT
from contact_center.pipeline.refresh import (
    Plan,
    RefreshLocked,
    RunRecord,
    exclusive_lock,
    lock_path,
    log_run,
)

GRACE_SECONDS = 15  # between SIGTERM and SIGKILL
HUNG_AFTER_DEADLINE = timedelta(minutes=5)  # a holder this far past its deadline is hung


def _stop(pid: int) -> None:
    """SIGTERM, then SIGKILL after the grace period; a process already gone is fine."""
    for sig, wait in ((signal.SIGTERM, GRACE_SECONDS), (signal.SIGKILL, 5)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                finished, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:  # not our child: poll for its end
                if not _alive(pid):
                    return
                finished = 0
            if finished:
                return
            time.sleep(0.2)


def _alive(pid: int) -> bool:
    """True while the process runs (a zombie, ended but not yet reaped by its parent, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _log_timed_out(plan: Plan, started: datetime, message: str) -> None:
    record = RunRecord(
        run_id=started.strftime("%Y%m%dT%H%M%S%fZ"),
        started_at=started,
        ended_at=datetime.now(UTC),
        full_refresh=plan.full_refresh,
        outcome="timed_out",
        message=message,
        sources_fresh=None,
        sources_stale=None,
    )
    log_run(plan.warehouse, record)


def _end_hung_holder(plan: Plan, owner: dict[str, Any]) -> str | None:
    """Stop a lock holder past its deadline; returns what was done, None when it is not hung."""
    deadline = owner.get("deadline")
    if not deadline or datetime.now(UTC) < datetime.fromisoformat(deadline) + HUNG_AFTER_DEADLINE:
        return None
    pids = [int(p) for p in (owner.get("worker"), owner.get("pid")) if p]
    for pid in pids:
        if _alive(pid):
            _stop(pid)
    started = datetime.fromisoformat(owner["started_at"])
    message = (
        f"a refresh started {started:%Y-%m-%d %H:%M:%S} UTC (pid {owner.get('pid')}) was still running "
        f"past its deadline {deadline}: stopped by the next run"
    )
    _log_timed_out(plan, started, message)
    return message


def watch(plan: Plan, argv: list[str], timeout: float) -> int:
    """Run the refresh command `argv` as a watched worker under the lock; returns its exit code."""
    started = datetime.now(UTC)
    owner = {
        "pid": os.getpid(),
        "started_at": started.isoformat(),
        "deadline": (started + timedelta(seconds=timeout)).isoformat(),
    }
    for attempt in (1, 2):
        try:
            with exclusive_lock(lock_path(plan.warehouse), owner) as update_owner:
                worker = subprocess.Popen(
                    [sys.executable, "-m", "contact_center.pipeline.refresh", "--watched", *argv]
                )
                update_owner({**owner, "worker": worker.pid})
                try:
                    return worker.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    _stop(worker.pid)
                    message = f"stopped after {timeout:.0f} s (--timeout): the last publish stays in place"
                    _log_timed_out(plan, started, message)
                    print(f"refresh timed out: {message}", file=sys.stderr)
                    return EXIT["timed_out"]
                except KeyboardInterrupt:
                    _stop(worker.pid)
                    raise
        except RefreshLocked as exc:
            ended = _end_hung_holder(plan, exc.owner) if attempt == 1 else None
            if ended is None:
                print(f"refresh skipped: {exc}", file=sys.stderr)
                return EXIT["locked"]
            print(f"note: {ended}", file=sys.stderr)
    return EXIT["locked"]


__all__ = ["watch"]

if __name__ == "__main__":  # pragma: no cover - the refresh command is the entry point
    raise SystemExit("run `python -m contact_center.pipeline.refresh`")
