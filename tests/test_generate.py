"""Tests of the demo data generator on a tiny center (one week, so weekly volume factors average out)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from contact_center.contract import raw_tables
from contact_center.demo import arrow as ar
from contact_center.demo.generate import DAILY_TABLES, REFERENCE_TABLES, generate
from contact_center.demo.generate import main as gen_main

ARGS = {
    "seed": 7,
    "start_date": date(2026, 10, 26),  # a Monday; the week includes the US DST change (Nov 1)
    "days": 7,
    "queues": 6,
    "agents": 30,
    "contacts_per_day": 800,
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("landing")
    generate(path, workers=1, **ARGS)  # type: ignore[arg-type]
    return path


@pytest.fixture(scope="module")
def db(out: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    con.execute("set timezone = 'UTC'")
    for name in (*DAILY_TABLES, *REFERENCE_TABLES):
        con.execute(f"create view {name} as select * from read_parquet('{out / name}/*.parquet')")
    yield con
    con.close()


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.parquet"))}


def test_deterministic_across_runs_and_workers(out: Path, tmp_path: Path) -> None:
    other = tmp_path / "again"
    counts = generate(other, workers=2, **ARGS)  # type: ignore[arg-type]
    first, second = _files(out), _files(other)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert counts["contacts"] > 0


def test_seed_changes_data(out: Path, tmp_path: Path) -> None:
    generate(tmp_path / "s8", workers=1, **{**ARGS, "seed": 8, "days": 1})  # type: ignore[arg-type]
    a = pq.read_table(out / "contacts" / "contacts_2026-10-26.parquet")
    b = pq.read_table(tmp_path / "s8" / "contacts" / "contacts_2026-10-26.parquet")
    assert not a.equals(b)


def test_files_and_contract_columns(out: Path) -> None:
    contract = raw_tables()
    assert {*DAILY_TABLES, *REFERENCE_TABLES} <= set(contract)
    for name in REFERENCE_TABLES:
        assert [p.name for p in (out / name).iterdir()] == [f"{name}.parquet"]
    days = [f"2026-10-{d}" for d in range(26, 32)] + ["2026-11-01"]
    for name in DAILY_TABLES:
        files = sorted(p.name for p in (out / name).iterdir())
        if name == "employee_surveys":
            assert files and set(files) <= {f"{name}_{d}.parquet" for d in days}
        else:
            assert files == [f"{name}_{d}.parquet" for d in days]
    for name in (*DAILY_TABLES, *REFERENCE_TABLES):
        for path in (out / name).glob("*.parquet"):
            assert pq.read_schema(path).remove_metadata() == ar.schema(name), path


def test_volume_matches_contacts_per_day(db: duckdb.DuckDBPyConnection) -> None:
    n = scalar(db, "select count(*) from contacts")
    target = ARGS["days"] * ARGS["contacts_per_day"]  # type: ignore[operator]
    assert 0.85 * target <= n <= 1.15 * target  # type: ignore[operator]


def test_contact_ids_unique_and_links_valid(db: duckdb.DuckDBPyConnection) -> None:
    assert scalar(db, "select count(*) - count(distinct contact_id) from contacts") == 0
    bad = scalar(
        db,
        """
        select count(*) from contacts c left join contacts p on p.contact_id = c.previous_contact_id
        where c.initiation_method in ('transfer', 'callback')
          and (p.contact_id is null or p.initial_contact_id <> c.initial_contact_id
               or c.initiated_at < p.disconnected_at
               or p.disconnect_reason <> case c.initiation_method when 'transfer' then 'transfer'
                                                                  else 'callback_requested' end)
        """,
    )
    assert bad == 0
    assert scalar(db, "select count(*) from contacts where initiation_method = 'transfer'") > 0
    assert scalar(db, "select count(*) from contacts where initiation_method = 'callback'") > 0
    first_legs = "initiation_method in ('inbound', 'outbound')"
    assert (
        scalar(db, f"select count(*) from contacts where {first_legs} and previous_contact_id is not null")
        == 0
    )
    assert (
        scalar(db, f"select count(*) from contacts where {first_legs} and initial_contact_id <> contact_id")
        == 0
    )
    orphans = scalar(
        db,
        "select count(*) from contacts where initial_contact_id not in (select contact_id from contacts)",
    )
    assert orphans == 0


def test_timestamp_order(db: duckdb.DuckDBPyConnection) -> None:
    bad = scalar(
        db,
        """
        select count(*) from contacts where not (
            initiated_at <= coalesce(enqueued_at, initiated_at)
            and coalesce(enqueued_at, initiated_at) <= coalesce(connected_at, disconnected_at)
            and coalesce(connected_at, initiated_at) <= disconnected_at
            and disconnected_at <= coalesce(acw_ended_at, disconnected_at)
            and epoch(disconnected_at - coalesce(connected_at, disconnected_at)) >= hold_seconds
            and hold_seconds >= 0 and hold_count >= 0 and (hold_count = 0) = (hold_seconds = 0)
            and updated_at = coalesce(acw_ended_at, disconnected_at))
        """,
    )
    assert bad == 0
    whole = "select count(*) from contacts where epoch_us(initiated_at) % 1000000 <> 0"
    assert scalar(db, whole) == 0


def test_agent_presence_matches_outcome(db: duckdb.DuckDBPyConnection) -> None:
    checks = {
        "answered without agent": "connected_at is not null and agent_id is null and direction = 'inbound'",
        "abandoned with agent": "connected_at is null and direction = 'inbound' and agent_id is not null",
        "abandon not by customer": "connected_at is null and enqueued_at is not null"
        " and direction = 'inbound'"
        " and disconnect_reason not in ('customer', 'flow_out', 'callback_requested', 'system')",
        "agent leg without acw end": "agent_id is not null and acw_ended_at is null",
        "outbound without dialer": "direction = 'outbound' and agent_id is null",
        "outbound enqueued": "direction = 'outbound' and enqueued_at is not null",
        "resolution on unanswered": "connected_at is null and resolution_status is not null",
        "answered inbound without resolution": "direction = 'inbound' and agent_id is not null"
        " and resolution_status is null",
        "sale outcome off": "(sale_outcome is not null)"
        " <> (direction = 'outbound' and connected_at is not null)",
    }
    for label, where in checks.items():
        assert scalar(db, f"select count(*) from contacts where {where}") == 0, label


def test_no_agent_double_booked(db: duckdb.DuckDBPyConnection) -> None:
    overlaps = scalar(
        db,
        """
        with busy as (
            select agent_id, case when direction = 'outbound' then initiated_at else connected_at end as s,
                   acw_ended_at as e
            from contacts where agent_id is not null)
        select count(*) from (
            select s, lag(e) over (partition by agent_id order by s, e) as prev_e from busy)
        where prev_e > s
        """,
    )
    assert overlaps == 0


def test_agent_states_contiguous_and_consistent(db: duckdb.DuckDBPyConnection) -> None:
    overlaps = scalar(
        db,
        """
        select count(*) from (
            select state_started_at s, state_ended_at e,
                   lag(state_ended_at) over (partition by agent_id order by state_started_at) prev_e
            from agent_states)
        where prev_e > s or e <= s
        """,
    )
    assert overlaps == 0
    assert scalar(db, "select count(*) - count(distinct (agent_id, state_started_at)) from agent_states") == 0
    on_contact = scalar(db, "select count(*) from agent_states where state = 'on_contact'")
    assert on_contact == scalar(db, "select count(*) from contacts where agent_id is not null")
    acw = scalar(
        db, "select sum(epoch(state_ended_at - state_started_at)) from agent_states where state = 'acw'"
    )
    assert acw == scalar(db, "select sum(epoch(acw_ended_at - disconnected_at)) from contacts")
    states = {r[0] for r in db.execute("select distinct state from agent_states").fetchall()}
    assert {"available", "on_contact", "acw", "break", "lunch"} <= states
    # every agent with a contact has a worked shift in the schedule of that day
    unscheduled = scalar(
        db,
        """
        select count(*) from (select distinct agent_id, disconnected_at::date d from contacts
                              where agent_id is not null) c
        where not exists (select 1 from schedules s where s.agent_id = c.agent_id and s.activity = 'on_queue'
                          and s.starts_at <= c.d + interval 2 day and s.ends_at >= c.d - interval 2 day)
        """,
    )
    assert unscheduled == 0


def test_schedules_and_forecasts(db: duckdb.DuckDBPyConnection) -> None:
    assert (
        scalar(db, "select count(*) from schedules where (activity = 'on_queue') <> (queue_id is not null)")
        == 0
    )
    assert scalar(db, "select count(*) from schedules where ends_at <= starts_at") == 0
    acts = {r[0] for r in db.execute("select distinct activity from schedules").fetchall()}
    assert {"on_queue", "break", "lunch", "time_off"} <= acts
    shift_len = db.execute(
        """
        with rows as (
            select agent_id, starts_at, ends_at,
                   coalesce(lag(ends_at) over (partition by agent_id order by starts_at) <> starts_at, true) as is_new
            from schedules where activity <> 'time_off'),
        shifts as (
            select agent_id, starts_at, ends_at,
                   sum(is_new::int) over (partition by agent_id order by starts_at) shift_no
            from rows)
        select min(h), max(h) from (
            select epoch(max(ends_at) - min(starts_at)) / 3600 h from shifts group by agent_id, shift_no)
        """
    ).fetchone()
    assert shift_len == (8, 8)
    assert scalar(db, "select count(*) from forecasts where epoch(interval_start) % 1800 <> 0") == 0
    assert scalar(db, "select count(*) from forecasts where forecast_created_at >= interval_start") == 0
    assert (
        scalar(db, "select count(*) from forecasts where forecast_contacts < 0 or interval_minutes <> 30")
        == 0
    )


def test_surveys_in_scale(db: duckdb.DuckDBPyConnection) -> None:
    assert scalar(db, "select count(*) from surveys where score < scale_min or score > scale_max") == 0
    scales = db.execute(
        "select distinct scale_min, scale_max from surveys where survey_type = 'csat' order by all"
    ).fetchall()
    assert len(scales) >= 3
    assert scalar(db, "select count(*) from surveys where contact_id is null") > 0
    linked = scalar(
        db,
        """
        select count(*) from surveys s join contacts c using (contact_id)
        where s.responded_at < c.disconnected_at or c.agent_id is null
        """,
    )
    assert linked == 0
    resolved_better = db.execute(
        """
        with x as (select (score - scale_min) / (scale_max - scale_min) as rel, c.resolution_status as res
                   from surveys s join contacts c using (contact_id) where survey_type = 'csat')
        select avg(rel) filter (where res = 'resolved') > avg(rel) filter (where res = 'unresolved') from x
        """
    ).fetchone()
    assert resolved_better == (True,)


def test_kpis_plausible(db: duckdb.DuckDBPyConnection) -> None:
    abandon, sl = db.execute(
        """
        select avg(case when connected_at is null and disconnect_reason = 'customer' then 1 else 0 end),
               avg(case when epoch(connected_at - enqueued_at) <= q.sl_threshold_seconds then 1 else 0 end)
        from contacts c join queues q using (queue_id)
        where c.initiation_method = 'inbound' and enqueued_at is not null
        """
    ).fetchone()  # type: ignore[misc]
    assert 0.01 <= abandon <= 0.25
    assert 0.40 <= sl <= 0.98
    short = scalar(
        db,
        """
        select count(*) from contacts where connected_at is null and disconnect_reason = 'customer'
        and enqueued_at is not null and epoch(disconnected_at - enqueued_at) <= 5
        """,
    )
    assert short > 0  # type: ignore[operator]
    zones = scalar(db, "select count(distinct time_zone) from queues")
    assert zones >= 2  # type: ignore[operator]
    outbound = db.execute(
        "select count(*), count(connected_at), count(*) filter (where sale_outcome = 'sale') "
        "from contacts where direction = 'outbound'"
    ).fetchone()
    assert outbound is not None and outbound[0] > outbound[1] > outbound[2] > 0


def test_reference_and_other_tables(db: duckdb.DuckDBPyConnection) -> None:
    assert scalar(db, "select count(*) from agents") == ARGS["agents"]
    assert scalar(db, "select count(*) - count(distinct customer_id) from customers") == 0
    unknown = scalar(
        db,
        "select count(*) from contacts where customer_id is not null "
        "and customer_id not in (select customer_id from customers)",
    )
    assert unknown == 0
    assert scalar(db, "select count(*) from agents where hourly_cost not between 20 and 35") == 0
    bad_tickets = scalar(
        db,
        """
        select count(*) from tickets where first_agent_reply_at < created_at
            or first_resolved_at < first_agent_reply_at or last_resolved_at < first_resolved_at
            or (status in ('solved', 'closed') and last_resolved_at is null)
            or (status = 'new' and first_agent_reply_at is not null)
            or updated_at < created_at or reopen_count < 0
        """,
    )
    assert bad_tickets == 0
    attributed = scalar(db, "select count(*) from orders where contact_id is not null")
    assert 0 < attributed < scalar(db, "select count(*) from orders")  # type: ignore[operator]
    assert scalar(db, "select count(*) from costs") == ARGS["days"] * 2 * 3  # type: ignore[operator]
    assert scalar(db, "select count(*) from employee_surveys where esat_score not between 1 and 5") == 0


def test_held_back_next_day_continues_the_same_center(tmp_path: Path) -> None:
    """`make run` generates one more day and holds it back; `make next-day` delivers it. The delivered
    files are exactly what a center generated with that day included holds, so a refresh on them is a
    true next day (generating one more day later would change the earlier days)."""
    args = ["--seed", "3", "--start-date", "2026-05-04", "--queues", "2", "--agents", "10"]
    args += ["--contacts-per-day", "150", "--workers", "1"]
    landing, held, whole = tmp_path / "landing", tmp_path / "held", tmp_path / "whole"
    assert (
        gen_main(["--out", str(landing), "--days", "2", "--hold-back", "1", "--held", str(held), *args]) == 0
    )
    assert gen_main(["--out", str(whole), "--days", "3", *args]) == 0
    day3 = "2026-05-06"
    assert not list(landing.glob(f"*/*_{day3}.parquet"))
    held_files = sorted(p.relative_to(held) for p in held.glob("*/*.parquet"))
    assert held_files and all(p.name.endswith(f"_{day3}.parquet") for p in held_files)
    assert "contacts" in {p.parent.name for p in held_files}
    landed_before = {p.relative_to(landing): p.read_bytes() for p in landing.glob("*/*.parquet")}
    assert gen_main(["--next-day", "--out", str(landing), "--held", str(held)]) == 0
    after = {p.relative_to(landing): p.read_bytes() for p in landing.glob("*/*.parquet")}
    assert {k: v for k, v in after.items() if k in landed_before} == landed_before
    assert after == {p.relative_to(whole): p.read_bytes() for p in whole.glob("*/*.parquet")}
    assert gen_main(["--next-day", "--out", str(landing), "--held", str(held)]) == 2  # none left
