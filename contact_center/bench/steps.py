"""Benchmark steps that need a wrapper process (``python -m contact_center.bench.steps STEP ...``).

Each step runs in its own process (so the bench runner measures its peak memory alone) and writes
its own figures to ``--json``:

* ``validate``: the guard exactly as ``contact_center.pipeline.guard.validate`` runs it (quarantine SQL,
  great-expectations suites, balances), timed per phase;
* ``rules``: every guard rule's SQL once, timed (profiling only, not a pipeline step);
* ``refresh``: the pipeline runner (lock, land, guard, freshness, dbt build, publish, run log);
* ``ref-duckdb``: the hand-written one-pass SQL reference over the landed raw contacts;
* ``ref-pandas``: the notebook-style pandas reference over the landing Parquet files.

The two references compute the agent x queue x local-day components that
``marts.fct_agent_queue_daily`` stores, with the warehouse's definitions (DECISIONLOG.md): queue
access on the local day the leg entered the queue, handling on the local day handling ended.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

T0 = time.perf_counter()

COUNTS = ("offered", "answered", "abandoned", "abandoned_short", "answered_within_t", "handled")
SUMS = ("wait_seconds_answered", "wait_seconds_abandoned", "talk_seconds", "hold_seconds", "acw_seconds")
COMPONENTS = COUNTS + SUMS
KEYS = ("date_day", "queue_id", "agent_id")
DEFAULT_SL_THRESHOLD = 20  # dbt_project.yml vars default_sl_threshold_seconds
DEFAULT_SHORT_ABANDON = 5  # dbt_project.yml vars default_short_abandon_seconds
NOT_ABANDONED_REASONS = ("transfer", "flow_out", "callback_requested")

RAW_DUCKDB_SQL = f"""
with queues as (
    select queue_id, time_zone, sl_threshold_seconds, short_abandon_seconds
    from raw.queues
    qualify row_number() over (
        partition by queue_id order by updated_at desc nulls last, _loaded_at desc, _source_file desc
    ) = 1
),
legs as (
    select
        c.queue_id,
        c.agent_id,
        coalesce(q.time_zone, 'UTC') as tz,
        c.enqueued_at is not null
            and coalesce(lower(trim(c.direction)), 'inbound') = 'inbound'
            and coalesce(lower(trim(c.initiation_method)), 'inbound') = 'inbound' as is_offered,
        c.connected_at is not null as is_connected,
        c.connected_at is not null and c.agent_id is not null as is_handled,
        coalesce(lower(trim(c.disconnect_reason)), 'customer') not in {NOT_ABANDONED_REASONS} as is_lost,
        epoch(coalesce(c.connected_at, c.disconnected_at)) - epoch(c.enqueued_at) as wait_s,
        coalesce(q.sl_threshold_seconds, {DEFAULT_SL_THRESHOLD}) as t_s,
        coalesce(q.short_abandon_seconds, {DEFAULT_SHORT_ABANDON}) as short_s,
        epoch(c.disconnected_at) - epoch(c.connected_at) - coalesce(c.hold_seconds, 0) as talk_s,
        c.hold_seconds as hold_s,
        epoch(c.acw_ended_at) - epoch(c.disconnected_at) as acw_s,
        c.enqueued_at,
        coalesce(c.acw_ended_at, c.disconnected_at) as handling_ended_at
    from raw.contacts as c
    left join queues as q on c.queue_id = q.queue_id
),
attributed as (
    -- one pass: every leg is read once and counted on its queue-access row (k = 0, if offered)
    -- and on its handling row (k = 1, if handled)
    select
        cast(timezone(tz, case when k = 0 then enqueued_at else handling_ended_at end) as date) as date_day,
        queue_id,
        agent_id,
        k = 0 as qa,
        is_connected,
        is_lost,
        wait_s,
        t_s,
        short_s,
        talk_s,
        hold_s,
        acw_s
    from legs, (values (0), (1)) as a(k)
    where (k = 0 and is_offered) or (k = 1 and is_handled)
)
select
    date_day,
    queue_id,
    agent_id,
    count(*) filter (where qa) as offered,
    count(*) filter (where qa and is_connected) as answered,
    count(*) filter (where qa and not is_connected and is_lost) as abandoned,
    count(*) filter (where qa and not is_connected and is_lost and wait_s <= short_s) as abandoned_short,
    count(*) filter (where qa and is_connected and wait_s <= t_s) as answered_within_t,
    count(*) filter (where not qa) as handled,
    sum(case when qa and is_connected then wait_s else 0 end) as wait_seconds_answered,
    sum(case when qa and not is_connected and is_lost then wait_s else 0 end) as wait_seconds_abandoned,
    sum(case when qa then 0 else talk_s end) as talk_seconds,
    sum(case when qa then 0 else hold_s end) as hold_seconds,
    sum(case when qa then 0 else acw_s end) as acw_seconds
from attributed
group by all
"""

PANDAS_COLUMNS = [
    "queue_id",
    "agent_id",
    "direction",
    "initiation_method",
    "disconnect_reason",
    "enqueued_at",
    "connected_at",
    "disconnected_at",
    "acw_ended_at",
    "hold_seconds",
]


@contextmanager
def _timed(phases: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = round(time.perf_counter() - start, 3)


def _write(path: Path, payload: dict[str, Any]) -> None:
    path.write_text(json.dumps(payload, indent=2, default=str))


def step_validate(args: argparse.Namespace) -> int:
    phases: dict[str, float] = {}
    with _timed(phases, "import"):
        from contact_center.pipeline import guard
    phases["startup"] = round(time.perf_counter() - T0, 3)
    with _timed(phases, "load_rules"):
        rules = guard.load_rules()
    with _timed(phases, "quarantine_sql"):
        guard.apply_quarantine(args.warehouse, rules)
    with _timed(phases, "great_expectations"):
        evaluated, failures = guard.run_expectations(args.warehouse, rules, args.docs)
    with _timed(phases, "balances"):
        balances = guard.balances(args.warehouse, rules)
    result = guard.GuardResult(evaluated, failures, balances)
    print(guard.render(result))
    _write(
        args.json,
        {
            "phases": phases,
            "rules": len(rules),
            "expectations": evaluated,
            "failures": len(failures),
            "blocking": len(result.blocking),
            "rows_quarantined": {t: b.quarantined for t, b in balances.items() if b.quarantined},
            "ok": result.ok,
        },
    )
    return 0 if result.ok else 1


def step_rules(args: argparse.Namespace) -> int:
    import duckdb

    from contact_center.pipeline.guard import load_rules

    timings = []
    with duckdb.connect(str(args.warehouse), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        for rule in load_rules():
            start = time.perf_counter()
            rows = con.execute(f"select count(*) from ({rule.sql(f'raw.{rule.table}')})").fetchone()[0]
            timings.append(
                {
                    "table": rule.table,
                    "code": rule.code,
                    "action": rule.action,
                    "rows": rows,
                    "seconds": round(time.perf_counter() - start, 3),
                }
            )
    timings.sort(key=lambda r: -r["seconds"])
    _write(args.json, {"rules": timings, "total_seconds": round(sum(r["seconds"] for r in timings), 3)})
    return 0


def step_refresh(args: argparse.Namespace) -> int:
    from contact_center.pipeline import refresh as r

    extra = tuple(args.dbt_extra.split()) if args.dbt_extra else ()
    startup = round(time.perf_counter() - T0, 3)
    start = time.perf_counter()
    record = r.run(r.Plan(args.landing, args.warehouse, args.publish_dir, dbt_args=extra, force=args.force))
    total = time.perf_counter() - start
    for block in record.details:
        print(block)
    print(record.message)
    steps = {k: getattr(record, k) or 0.0 for k in ("seconds_land", "seconds_validate", "seconds_build")}
    steps["seconds_publish"] = record.seconds_publish or 0.0
    phases = {
        "startup": startup,
        "land": steps["seconds_land"],
        "validate": steps["seconds_validate"],
        # refresh() does not time `dbt source freshness` or its run log: the rest of the run
        "freshness_and_run_log": round(total - sum(steps.values()), 3),
        "dbt_build": steps["seconds_build"],
        "publish": steps["seconds_publish"],
    }
    _write(
        args.json,
        {
            "phases": phases,
            "outcome": record.outcome,
            "files_landed": record.files_landed,
            "rows_landed": record.rows_landed,
            "rows_quarantined": record.rows_quarantined,
            "models_built": record.models_built,
            "tests_passed": record.tests_passed,
            "tests_failed": record.tests_failed,
        },
    )
    return r.EXIT.get(record.outcome, 1)


def step_ref_duckdb(args: argparse.Namespace) -> int:
    import duckdb

    phases: dict[str, float] = {}
    with duckdb.connect(str(args.warehouse), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        with _timed(phases, "query"):
            con.execute(f"create temp table components as {RAW_DUCKDB_SQL}")
        with _timed(phases, "write"):
            con.execute(f"copy components to '{args.output}' (format parquet)")
        rows = con.execute("select count(*) from components").fetchone()[0]
    _write(args.json, {"phases": phases, "rows": rows})
    return 0


def _local_day(ts: Any, zones: Any) -> Any:
    """The local calendar day of UTC instants `ts`, each in its own IANA zone."""
    import pandas as pd

    out = pd.Series(pd.NaT, index=ts.index, dtype="datetime64[us]")
    for zone in zones.unique():
        mask = zones == zone
        out[mask] = ts[mask].dt.tz_convert(zone).dt.tz_localize(None).dt.normalize()
    return out


def pandas_components(landing: Path, phases: dict[str, float] | None = None) -> Any:
    """The components the way an analyst writes them in a notebook: read, merge, compute, groupby."""
    import pandas as pd

    phases = {} if phases is None else phases
    with _timed(phases, "read"):
        contacts = pd.read_parquet(landing / "contacts", columns=PANDAS_COLUMNS)
        queues = pd.read_parquet(landing / "queues")
    with _timed(phases, "compute"):
        queues = queues.sort_values(["queue_id", "updated_at"]).drop_duplicates("queue_id", keep="last")
        c = contacts.merge(
            queues[["queue_id", "time_zone", "sl_threshold_seconds", "short_abandon_seconds"]],
            on="queue_id",
            how="left",
        )
        zone = c["time_zone"].fillna("UTC")
        t = c["sl_threshold_seconds"].fillna(DEFAULT_SL_THRESHOLD)
        short = c["short_abandon_seconds"].fillna(DEFAULT_SHORT_ABANDON)

        def code(column: str, default: str) -> Any:
            return c[column].str.strip().str.lower().fillna(default)

        offered = (
            c["enqueued_at"].notna()
            & (code("direction", "inbound") == "inbound")
            & (code("initiation_method", "inbound") == "inbound")
        )
        connected = c["connected_at"].notna()
        handled = connected & c["agent_id"].notna()
        lost = ~code("disconnect_reason", "customer").isin(NOT_ABANDONED_REASONS)
        wait = (c["connected_at"].fillna(c["disconnected_at"]) - c["enqueued_at"]).dt.total_seconds()
        answered = offered & connected
        abandoned = offered & ~connected & lost

        qa = c.loc[offered, ["queue_id", "agent_id"]].assign(
            date_day=_local_day(c.loc[offered, "enqueued_at"], zone[offered]),
            offered=1,
            answered=answered[offered].astype("int64"),
            abandoned=abandoned[offered].astype("int64"),
            abandoned_short=(abandoned & (wait <= short))[offered].astype("int64"),
            answered_within_t=(answered & (wait <= t))[offered].astype("int64"),
            handled=0,
            wait_seconds_answered=wait.where(answered, 0.0)[offered],
            wait_seconds_abandoned=wait.where(abandoned, 0.0)[offered],
            talk_seconds=0.0,
            hold_seconds=0.0,
            acw_seconds=0.0,
        )
        h = c[handled]
        handling = h[["queue_id", "agent_id"]].assign(
            date_day=_local_day(h["acw_ended_at"].fillna(h["disconnected_at"]), zone[handled]),
            offered=0,
            answered=0,
            abandoned=0,
            abandoned_short=0,
            answered_within_t=0,
            handled=1,
            wait_seconds_answered=0.0,
            wait_seconds_abandoned=0.0,
            talk_seconds=(h["disconnected_at"] - h["connected_at"]).dt.total_seconds()
            - h["hold_seconds"].fillna(0),
            hold_seconds=h["hold_seconds"],
            acw_seconds=(h["acw_ended_at"] - h["disconnected_at"]).dt.total_seconds(),
        )
        rows = pd.concat([qa, handling], ignore_index=True)
        result = (
            rows.groupby(list(KEYS), dropna=False, sort=False)[list(COMPONENTS)]
            .sum(min_count=1)
            .reset_index()
        )
    return result


def step_ref_pandas(args: argparse.Namespace) -> int:
    phases: dict[str, float] = {}
    with _timed(phases, "import"):
        import pandas  # noqa: F401
    result = pandas_components(args.landing, phases)
    with _timed(phases, "write"):
        result.to_parquet(args.output, index=False)
    _write(args.json, {"phases": phases, "rows": len(result)})
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("validate")
    p.add_argument("--warehouse", type=Path, required=True)
    p.add_argument("--docs", type=Path, default=None, help="Data Docs folder (default: none, like refresh)")
    p = sub.add_parser("rules")
    p.add_argument("--warehouse", type=Path, required=True)
    p = sub.add_parser("refresh")
    p.add_argument("--landing", type=Path, required=True)
    p.add_argument("--warehouse", type=Path, required=True)
    p.add_argument("--publish-dir", type=Path, required=True)
    p.add_argument("--dbt-extra", default="", help="extra arguments for the refresh's dbt build")
    p.add_argument("--force", action="store_true", help="run every step though nothing new landed")
    p = sub.add_parser("ref-duckdb")
    p.add_argument("--warehouse", type=Path, required=True)
    p.add_argument("--output", type=Path, required=True)
    p = sub.add_parser("ref-pandas")
    p.add_argument("--landing", type=Path, required=True)
    p.add_argument("--output", type=Path, required=True)
    for name in ("validate", "rules", "refresh", "ref-duckdb", "ref-pandas"):
        sub.choices[name].add_argument("--json", type=Path, required=True, help="write the figures here")
    args = parser.parse_args(argv)
    steps = {
        "validate": step_validate,
        "rules": step_rules,
        "refresh": step_refresh,
        "ref-duckdb": step_ref_duckdb,
        "ref-pandas": step_ref_pandas,
    }
    return steps[args.step](args)


if __name__ == "__main__":
    sys.exit(main())
