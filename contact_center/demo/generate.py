"""Deterministic, vectorised demo data generator for the contact-center warehouse.

Writes every raw table of the contract (``models/staging/*/_*__sources.yml``) as Parquet:

* daily tables, one file per local day: ``<out>/<table>/<table>_<YYYY-MM-DD>.parquet``
  (contacts, agent_states, schedules, forecasts, surveys, tickets, orders, costs, and
  employee_surveys on the days that have responses);
* reference tables, one file each: ``<out>/<table>/<table>.parquet`` (queues, agents, customers).

``--hold-back N`` generates N more days and keeps their files aside (``--held``); ``--next-day`` then
delivers them one day at a time into the landing folder, to try ``make refresh`` on the demo.

The same arguments always give the same data, whatever ``--workers``: every day draws from random
streams keyed by its date (``numpy.random.SeedSequence`` spawn keys) and is written by one worker.

    python -m contact_center.demo.generate --out landing --seed 42 --start-date 2026-10-26 --days 28 \\
        --queues 6 --agents 120 --contacts-per-day 5000 --workers 2
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from contact_center.demo import arrow as ar
from contact_center.demo.day import Day
from contact_center.demo.world import World, agents_table, build_world, customers_table, queues_table

DAILY_TABLES = (
    "contacts",
    "agent_states",
    "schedules",
    "forecasts",
    "surveys",
    "tickets",
    "orders",
    "costs",
    "employee_surveys",
)
REFERENCE_TABLES = ("queues", "agents", "customers")

_DAY: Day | None = None


def _init_worker(world: World) -> None:
    global _DAY
    _DAY = Day(world)


def _write_day(task: tuple[str, int]) -> dict[str, int]:
    out, ordinal = task
    assert _DAY is not None
    tables = _DAY.generate(ordinal)
    iso = date.fromordinal(ordinal).isoformat()
    for name, tbl in tables.items():
        # a day without rows sends no file: the landing guard treats an empty delivery as a defect
        if tbl.num_rows:
            ar.write(tbl, Path(out) / name / f"{name}_{iso}.parquet")
    return {name: tbl.num_rows for name, tbl in tables.items()}


def _log(msg: str) -> None:
    print(f"[generate] {msg}", file=sys.stderr, flush=True)


def generate(
    out: Path,
    *,
    seed: int,
    start_date: date,
    days: int,
    queues: int,
    agents: int,
    contacts_per_day: int,
    workers: int = 1,
) -> dict[str, int]:
    """Generate the demo landing files under ``out``; returns the rows written per table.

    Existing ``*.parquet`` files of the generated tables under ``out`` are removed first, so a
    shorter run never leaves stale days behind.
    """
    t0 = time.perf_counter()
    out = Path(out)
    world = build_world(seed, start_date, days, queues, agents, contacts_per_day)
    for name in (*DAILY_TABLES, *REFERENCE_TABLES):
        for old in (out / name).glob("*.parquet"):
            old.unlink()
    counts = {name: 0 for name in (*REFERENCE_TABLES, *DAILY_TABLES)}
    for name, build in (("queues", queues_table), ("agents", agents_table), ("customers", customers_table)):
        tbl = build(world)
        ar.write(tbl, out / name / f"{name}.parquet")
        counts[name] = tbl.num_rows
    _log(
        f"reference data: {len(world.queues)} queues, {agents} agents, {counts['customers']} customers "
        f"({time.perf_counter() - t0:.1f}s)"
    )

    tasks = [(str(out), world.start + i) for i in range(days)]
    t1 = time.perf_counter()
    step = max(1, days // 20)

    def progress(done: int, day_counts: dict[str, int]) -> None:
        for name, n in day_counts.items():
            counts[name] += n
        if done % step == 0 or done == days:
            el = time.perf_counter() - t1
            _log(f"days {done}/{days}: {counts['contacts']:,} contacts ({el:.1f}s, {el / done:.2f}s/day)")

    if workers <= 1:
        _init_worker(world)
        for i, task in enumerate(tasks, 1):
            progress(i, _write_day(task))
    else:
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        ctx = mp.get_context(method)
        chunk = max(1, min(8, days // (workers * 4)))
        with ctx.Pool(workers, initializer=_init_worker, initargs=(world,)) as pool:
            for i, day_counts in enumerate(pool.imap(_write_day, tasks, chunksize=chunk), 1):
                progress(i, day_counts)
    _log(f"done: {sum(counts.values()):,} rows in {time.perf_counter() - t0:.1f}s -> {out}")
    return counts


def hold_back(out: Path, held: Path, days: list[date]) -> int:
    """Move the daily files of `days` from `out` to `held` (same layout); returns the files moved.

    The demo's "next day's delivery": generated with the rest (the simulated world depends on the
    number of days, so generating one more day later would change the earlier ones), released by
    :func:`release_next_day` to try a refresh.
    """
    moved = 0
    for day in days:
        for path in sorted(out.glob(f"*/*_{day.isoformat()}.parquet")):
            target = held / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            moved += 1
    return moved


def release_next_day(held: Path, out: Path) -> date | None:
    """Move the earliest held-back day's files into the landing folder `out`; returns that day."""
    stamps = sorted({p.stem.rsplit("_", 1)[-1] for p in held.glob("*/*.parquet")})
    if not stamps:
        return None
    day = date.fromisoformat(stamps[0])
    for path in sorted(held.glob(f"*/*_{stamps[0]}.parquet")):
        target = out / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        path.replace(target)
    return day


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=Path("landing"), help="output directory (default: landing)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument(
        "--start-date", type=date.fromisoformat, default=date(2026, 10, 26), help="first local day"
    )
    p.add_argument("--days", type=int, default=28)
    p.add_argument("--queues", type=int, default=6)
    p.add_argument("--agents", type=int, default=120)
    p.add_argument("--contacts-per-day", type=int, default=5000)
    p.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="worker processes (output is identical)",
    )
    p.add_argument(
        "--hold-back",
        type=int,
        default=0,
        help="also generate this many later days, kept in --held for --next-day (default 0)",
    )
    p.add_argument("--held", type=Path, default=Path("build/demo-next"), help="where held-back days wait")
    p.add_argument(
        "--next-day", action="store_true", help="deliver the next held-back day into --out, then stop"
    )
    a = p.parse_args(argv)
    if a.next_day:
        day = release_next_day(a.held, a.out)
        if day is None:
            print(
                f"no held-back day left in {a.held}: generate with --hold-back N (make run does 1)",
                file=sys.stderr,
            )
            return 2
        print(f"delivered {day.isoformat()} into {a.out}; now run the refresh (make refresh)")
        return 0
    if a.hold_back < 0:
        print("generate: --hold-back must be 0 or more", file=sys.stderr)
        return 2
    try:
        counts = generate(
            a.out,
            seed=a.seed,
            start_date=a.start_date,
            days=a.days + a.hold_back,
            queues=a.queues,
            agents=a.agents,
            contacts_per_day=a.contacts_per_day,
            workers=a.workers,
        )
    except ValueError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    print(" ".join(f"{k}={v}" for k, v in counts.items()), file=sys.stderr)
    if a.hold_back:
        if a.held.exists():
            shutil.rmtree(a.held)
        later = [a.start_date + timedelta(days=a.days + i) for i in range(a.hold_back)]
        moved = hold_back(a.out, a.held, later)
        print(
            f"held back {moved} file(s) of {len(later)} later day(s) in {a.held} (--next-day)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
