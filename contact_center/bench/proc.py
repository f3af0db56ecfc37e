"""Run one benchmark step in its own process and measure its wall time and peak memory.

Peak memory is measured two ways, both reported:

* ``peak_rss_mb``: the largest sum of resident set sizes over the step's whole process tree (the
  child and every descendant alive at the time, e.g. the generator's worker pool), sampled from
  ``/proc`` every ``interval`` seconds. Pages shared between processes count once per process, so this
  errs high for forked workers.
* ``max_process_rss_mb``: the exact high-water mark of the largest single process of the tree
  (``ru_maxrss`` from ``wait4``), which sampling cannot miss.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass
class Measured:
    """What one step cost: wall seconds, peak memory, exit code, and the step's own figures."""

    seconds: float
    peak_rss_mb: float
    max_process_rss_mb: float
    returncode: int
    cpu_seconds: float = 0.0
    load_average: list[float] = field(default_factory=list)  # 1-minute load average at start and end
    detail: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("seconds", "peak_rss_mb", "max_process_rss_mb", "cpu_seconds"):
            out[key] = round(out[key], 3)
        return out


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process visible in /proc."""
    kids: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:  # noqa: PTH123 (hot loop)
                data = fh.read()
        except OSError:
            continue
        fields = data[data.rfind(b")") + 2 :].split()  # after "(comm)": state, ppid, ...
        kids[int(fields[1])].append(int(entry.name))
    return kids


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:  # noqa: PTH123 (hot loop)
            return int(fh.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_bytes(root: int) -> int:
    """Current RSS of `root` and all its descendants."""
    kids = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_bytes(pid)
        stack.extend(kids.get(pid, ()))
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss_bytes(self.pid))
            self.stop.wait(self.interval)


def run_measured(
    cmd: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    log: Path,
    detail_json: Path | None = None,
    interval: float = 0.1,
) -> Measured:
    """Run `cmd` to completion (stdout and stderr to `log`) and measure it.

    If the step writes `detail_json`, its content becomes the result's ``detail``.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    if detail_json is not None:
        detail_json.unlink(missing_ok=True)
    load_start = os.getloadavg()[0]
    with log.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
        sampler = _Sampler(proc.pid, interval)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    detail: dict[str, Any] = {}
    if detail_json is not None and detail_json.exists():
        detail = json.loads(detail_json.read_text())
    max_process = usage.ru_maxrss * 1024 / MB  # ru_maxrss is in KiB on Linux
    return Measured(
        seconds=seconds,
        peak_rss_mb=max(sampler.peak / MB, max_process),
        max_process_rss_mb=max_process,
        returncode=proc.returncode,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        load_average=[round(load_start, 2), round(os.getloadavg()[0], 2)],
        detail=detail,
    )
