"""Incremental facts: landing day by day and refreshing each time gives the same marts, row for row,
as one full build of the same data; corrections to old days, withdrawn rows, a contact released from
quarantine and closing FCR windows are picked up; a refresh with nothing new changes nothing."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from contact_center.demo.generate import generate
from contact_center.pipeline.build import dbt
from contact_center.pipeline.guard import validate
from contact_center.pipeline.land import land

DAYS = [f"2026-10-{d}" for d in range(26, 32)]  # six local days
REFERENCE = ("queues", "agents", "customers")
# every incremental relation, compared between the day-by-day and the one-shot builds
COMPARED = (
    "intermediate.int_agent_queue_days_summed",  # fct_agent_queue_daily is a view over it
    "intermediate.int_queue_intervals_summed",  # fct_queue_intervals is a view over it
    "staging.stg_acd__contacts",
    "intermediate.int_contact_legs_measured",
    "staging.stg_acd__agent_states",
    "intermediate.int_agent_states_split",
    "staging.stg_wfm__schedules",
    "intermediate.int_schedules_split",
    "intermediate.int_agent_intervals_summed",
    "intermediate.int_customer_contacts_sequenced",
    "intermediate.int_contact_days_covered",
    "intermediate.int_customer_contacts_resolved",
)
# columns that say when a row was landed or built, which differ between the two builds by design
BUILD_TIMES = (
    "loaded_through_at",
    "loaded_at",
    "changes_through_at",
    "rebuilt_through_at",
    "observed_until_at",
)
# Three days whose agent states never arrive (an ACD outage), after a first day whose last state reaches
# into the second morning: the outage's schedules count only up to that state's end until a later day's
# states move the agent-state horizon past them, in a refresh whose splits rebuild neither of the first
# two outage days (a state's local days reach a day before its UTC day).
OUTAGE = (DAYS[1], DAYS[2], DAYS[3])
# A short FCR window and a lookback just longer than it, so days outside the lookback exist and
# must already be final when they leave it.
VARS = "{fcr_repeat_window_days: 1, incremental_lookback_days: 2}"
SELECT = [
    "--select",
    "+fct_agent_queue_daily",
    "+fct_queue_intervals",
    "+int_agent_states_split",
    "+int_schedules_split",
    "+int_agent_intervals_summed",
]
SELECT += ["--vars", VARS, "--quiet"]


def _copy_day(source: Path, landing: Path, day: str) -> None:
    for table_dir in source.iterdir():
        if table_dir.name == "agent_states" and day in OUTAGE:
            continue
        target = landing / table_dir.name
        target.mkdir(parents=True, exist_ok=True)
        for path in table_dir.glob(f"*_{day}.parquet"):
            shutil.copy2(path, target / path.name)


def _long_state(landing: Path) -> None:
    """A state of an agent the roster does not know, from late on the first day into the second
    morning, added to the first day's delivery: the latest state end before the outage."""
    path = landing / "agent_states" / f"agent_states_{DAYS[0]}.parquet"
    table = pq.read_table(path)
    late = dict(table.slice(0, 1).to_pylist()[0], agent_id="A-NIGHT", state="available")
    late["state_started_at"] = datetime(2026, 10, 26, 23, tzinfo=UTC)
    late["state_ended_at"] = datetime(2026, 10, 27, 10, tzinfo=UTC)
    pq.write_table(pa.Table.from_pylist([*table.to_pylist(), late], schema=table.schema), path)


def _refresh(landing: Path, warehouse: Path, *extra: str) -> None:
    land(landing, warehouse)
    assert validate(warehouse).ok
    outcome = dbt(["run", *SELECT, *extra], warehouse)
    assert outcome.success, outcome.failures


def _differences(a: Path, b: Path, relation: str) -> tuple[int, int, int]:
    """(rows in a, rows only in a, rows only in b) of `relation` (schema.table), doubles compared to
    1e-6 (sums of doubles depend on the order they are added in), build-time columns left out."""
    schema, table = relation.split(".")
    x, y = a.stem, b.stem  # attached under their own names: a view names its database by the stem
    with duckdb.connect() as con:
        con.execute(f"attach '{a}' as \"{x}\" (read_only)")
        con.execute(f"attach '{b}' as \"{y}\" (read_only)")
        rows = con.execute(f'select count(*) from "{x}".{relation}').fetchone()[0]
        columns = con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_catalog = ? and table_schema = ? and table_name = ? order by ordinal_position",
            [x, schema, table],
        ).fetchall()
        select = ", ".join(
            f"round({c}, 6) as {c}" if t == "DOUBLE" else c for c, t in columns if c not in BUILD_TIMES
        )

        def minus(left: str, right: str) -> int:
            return con.execute(
                f'select count(*) from (select {select} from "{left}".{relation} '
                f'except all select {select} from "{right}".{relation})'
            ).fetchone()[0]

        return rows, minus(x, y), minus(y, x)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inc") / "generated"
    generate(out, seed=5, start_date=date(2026, 10, 26), days=len(DAYS), queues=5, agents=40,
             contacts_per_day=700, workers=1)  # fmt: skip
    return out


def _correction(source: Path, landing: Path) -> tuple[str, float]:
    """A corrected version of a first-day answered contact (another customer, a longer hold, now
    unresolved), delivered in a new file at the end."""
    first = pq.read_table(source / "contacts" / f"contacts_{DAYS[0]}.parquet").to_pylist()
    leg = next(r for r in first if r["connected_at"] and r["agent_id"] and r["direction"] == "inbound")
    # and moved to another customer: both customers' repeat sequences change
    other = next(r["customer_id"] for r in first if r["customer_id"] not in (None, leg["customer_id"]))
    fixed = dict(leg, hold_seconds=(leg["hold_seconds"] or 0) + 7.0, resolution_status="unresolved")
    fixed["customer_id"] = other
    fixed["updated_at"] = leg["updated_at"].replace(year=2026, month=11, day=2)
    schema = pq.read_schema(source / "contacts" / f"contacts_{DAYS[0]}.parquet")
    pq.write_table(
        pa.Table.from_pylist([fixed], schema=schema), landing / "contacts" / "contacts_correction.parquet"
    )
    return str(leg["contact_id"]), fixed["hold_seconds"]


def _withdraw(source: Path, landing: Path, keep: str) -> tuple[str, str]:
    """The first day's contacts file delivered again under its name without one inbound contact (a
    day outside the lookback): the contact must leave the legs, fct_contacts and its day's counts."""
    path = landing / "contacts" / f"contacts_{DAYS[0]}.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    linked = {
        r[k] for r in rows for k in ("initial_contact_id", "previous_contact_id") if r[k] != r["contact_id"]
    }
    gone = next(
        r
        for r in rows
        if r["direction"] == "inbound"
        and r["initiation_method"] == "inbound"
        and r["contact_id"] not in linked
        and r["contact_id"] != keep
    )  # a contact with no transfer or callback legs of its own, and not the corrected one
    kept = [r for r in rows if r["contact_id"] != gone["contact_id"]]
    pq.write_table(pa.Table.from_pylist(kept, schema=table.schema), path)
    return str(gone["contact_id"]), DAYS[0]


def _standalone(rows: list[dict], day: str, answered: bool, avoid: set[str]) -> dict:
    """An inbound contact of `day` with no transfer or callback legs, answered or abandoned."""
    linked = {
        r[k] for r in rows for k in ("initial_contact_id", "previous_contact_id") if r[k] != r["contact_id"]
    }
    return next(
        r
        for r in rows
        if r["direction"] == "inbound"
        and r["initiation_method"] == "inbound"
        and bool(r["connected_at"]) == answered
        and r["contact_id"] not in linked | avoid
        and r["enqueued_at"].astimezone(UTC).date().isoformat() == day
    )


def _late_file(source: Path, landing: Path) -> list[str]:
    """A late multi-day file: new abandoned contact A on the second day (the only row of that day in
    the file) and new contact B on the last day. Returns their ids."""
    schema = pq.read_schema(source / "contacts" / f"contacts_{DAYS[1]}.parquet")
    late = []
    for day, contact_id in ((DAYS[1], "LATE-A"), (DAYS[-1], "LATE-B")):
        rows = pq.read_table(source / "contacts" / f"contacts_{day}.parquet").to_pylist()
        original = _standalone(rows, day, answered=False, avoid=set())
        late.append(
            dict(original, contact_id=contact_id, initial_contact_id=contact_id, previous_contact_id=None)
        )
    pq.write_table(pa.Table.from_pylist(late, schema=schema), landing / "contacts" / "contacts_late.parquet")
    # and a late agent-state file: one state alone on a day before the first (nothing else falls on
    # that UTC day) and one on the last day
    states = pq.read_table(source / "agent_states" / f"agent_states_{DAYS[0]}.parquet")
    first = states.slice(0, 1).to_pylist()[0]
    lone = dict(first, state="training", state_started_at=datetime(2026, 10, 24, 9, tzinfo=UTC))
    lone["state_ended_at"] = lone["state_started_at"] + timedelta(minutes=30)
    kept = dict(lone, state_started_at=datetime(2026, 11, 6, 9, tzinfo=UTC))
    kept["state_ended_at"] = kept["state_started_at"] + timedelta(minutes=30)
    pq.write_table(
        pa.Table.from_pylist([lone, kept], schema=states.schema),
        landing / "agent_states" / "agent_states_late.parquet",
    )
    # and a late schedule file: an activity alone on a day before the first, and a time off from late
    # on the fourth day into the fifth (its pieces fall on both local days)
    schedules = pq.read_table(source / "schedules" / f"schedules_{DAYS[0]}.parquet")
    first_activity = schedules.slice(0, 1).to_pylist()[0]
    lone_activity = dict(first_activity, activity="training", queue_id=None)
    lone_activity["starts_at"] = datetime(2026, 10, 24, 9, tzinfo=UTC)
    lone_activity["ends_at"] = lone_activity["starts_at"] + timedelta(hours=1)
    time_off = dict(first_activity, activity="time_off", queue_id=None)
    time_off["starts_at"] = datetime(2026, 10, 29, 23, 45, tzinfo=UTC)
    time_off["ends_at"] = time_off["starts_at"] + timedelta(hours=20)
    pq.write_table(
        pa.Table.from_pylist([lone_activity, time_off], schema=schedules.schema),
        landing / "schedules" / "schedules_late.parquet",
    )
    # and contact Q on the third day, for a queue not delivered yet: quarantined (unknown_queue) until
    # the queue arrives (_release)
    rows = pq.read_table(source / "contacts" / f"contacts_{DAYS[2]}.parquet").to_pylist()
    held = dict(_standalone(rows, DAYS[2], answered=True, avoid=set()), queue_id="Q-LATE")
    held.update(contact_id="LATE-Q", initial_contact_id="LATE-Q", previous_contact_id=None)
    pq.write_table(
        pa.Table.from_pylist([held], schema=schema), landing / "contacts" / "contacts_held.parquet"
    )
    return ["LATE-A", "LATE-B"]


def _release(landing: Path) -> None:
    """A queues file bringing queue Q-LATE: the guard releases contact LATE-Q from quarantine, its file
    unchanged (its rows keep their old load time)."""
    queues = pq.read_table(next((landing / "queues").glob("*.parquet")))
    late = dict(queues.to_pylist()[0], queue_id="Q-LATE", queue_name="Late queue")
    pq.write_table(
        pa.Table.from_pylist([late], schema=queues.schema), landing / "queues" / "queues_late.parquet"
    )


def _redeliver_late_file(source: Path, landing: Path, avoid: set[str]) -> str:
    """The late file delivered again under its name: A withdrawn (its day has no other row in the
    file, so no new leg falls on it), B kept, and a corrected version of a third-day contact that
    moves it to the next day (its old day has no new leg either); the late states and schedules
    without their lone row. Returns the moved contact's id."""
    path = landing / "contacts" / "contacts_late.parquet"
    table = pq.read_table(path)
    b = next(r for r in table.to_pylist() if r["contact_id"] == "LATE-B")
    rows = pq.read_table(source / "contacts" / f"contacts_{DAYS[2]}.parquet").to_pylist()
    moved = _standalone(rows, DAYS[2], answered=True, avoid=avoid)
    shifted = {
        k: (v + timedelta(days=1) if k.endswith("_at") and v is not None else v) for k, v in moved.items()
    }
    shifted["updated_at"] = moved["updated_at"] + timedelta(days=9)
    pq.write_table(pa.Table.from_pylist([b, shifted], schema=table.schema), path)
    states_path = landing / "agent_states" / "agent_states_late.parquet"
    states = pq.read_table(states_path)  # the lone state withdrawn: its day must empty
    pq.write_table(states.slice(1, 1), states_path)
    schedules_path = landing / "schedules" / "schedules_late.parquet"
    schedules = pq.read_table(schedules_path)  # the lone activity withdrawn: its day must empty
    pq.write_table(schedules.slice(1, 1), schedules_path)
    return str(moved["contact_id"])


def test_day_by_day_refreshes_equal_one_full_build(source: Path, tmp_path: Path) -> None:
    daily_landing, daily = tmp_path / "daily", tmp_path / "daily.duckdb"
    for table in REFERENCE:
        shutil.copytree(source / table, daily_landing / table)
    for day in DAYS:
        _copy_day(source, daily_landing, day)
        if day == DAYS[0]:
            _long_state(daily_landing)
        _refresh(daily_landing, daily)
    corrected, corrected_hold = _correction(source, daily_landing)
    late = _late_file(source, daily_landing)
    _refresh(daily_landing, daily)
    with duckdb.connect(str(daily), read_only=True) as con:  # held for its unknown queue
        assert con.execute(
            "select count(*) from staging.stg_acd__contacts where contact_id = 'LATE-Q'"
        ).fetchone() == (0,)
    withdrawn, _ = _withdraw(source, daily_landing, keep=corrected)
    moved = _redeliver_late_file(source, daily_landing, avoid={corrected, withdrawn})
    _release(daily_landing)
    with duckdb.connect(str(daily), read_only=True) as con:
        withdrawn_day, was_offered = con.execute(
            "select queue_date, is_offered from intermediate.int_contact_legs_measured where contact_id = ?",
            [withdrawn],
        ).fetchone()
        withdrawn_offered_before = con.execute(
            "select sum(offered) from marts.fct_agent_queue_daily where date_day = ?", [withdrawn_day]
        ).fetchone()[0]
    assert was_offered
    _refresh(daily_landing, daily)

    full_landing, full = tmp_path / "full", tmp_path / "full.duckdb"
    shutil.copytree(daily_landing, full_landing)
    _refresh(full_landing, full, "--full-refresh")

    for relation in COMPARED:
        rows, only_daily, only_full = _differences(daily, full, relation)
        assert rows >= (len(DAYS) if relation.endswith("_days_covered") else 100)  # one row per day there
        assert (only_daily, only_full) == (0, 0), relation
    with duckdb.connect(str(daily), read_only=True) as con:
        hold, status = con.execute(
            "select hold_seconds, resolution_status from intermediate.int_contact_legs_measured where contact_id = ?",
            [corrected],
        ).fetchone()
        old_days = con.execute(
            "select count(distinct date_day) from marts.fct_agent_queue_daily where date_day < ?", [DAYS[-3]]
        ).fetchone()[0]
    assert (hold, status) == (
        corrected_hold,
        "unresolved",
    )  # the correction of a day outside the lookback reached the facts
    assert old_days >= 3  # days that had left the lookback window were compared too
    with duckdb.connect(str(daily), read_only=True) as con:  # the withdrawn contact left everything
        assert con.execute(  # (fct_contacts is a view over the legs)
            "select count(*) from intermediate.int_contact_components_attributed where contact_id = ?",
            [withdrawn],
        ).fetchone() == (0,)
        assert con.execute(
            "select count(*) from intermediate.int_contact_legs_measured where contact_id = ?", [withdrawn]
        ).fetchone() == (0,)
        offered = con.execute(
            "select sum(offered) from marts.fct_agent_queue_daily where date_day = ?", [withdrawn_day]
        ).fetchone()[0]
    assert offered == withdrawn_offered_before - 1
    with duckdb.connect(str(daily), read_only=True) as con:  # the late file's A withdrawn, B kept
        kept = con.execute(
            "select contact_id from intermediate.int_contact_legs_measured where contact_id in (?, ?, ?, ?)",
            [*late, "LATE-Q", moved],
        ).fetchall()
        logged = con.execute(
            "select count(distinct date_day) from intermediate.int_contact_legs_superseded_days"
        ).fetchone()[0]
    assert sorted(kept) == sorted([("LATE-B",), ("LATE-Q",), (moved,)])  # Q released from quarantine
    assert logged >= 2  # A's day and the moved contact's old day, at least
    with duckdb.connect(str(daily), read_only=True) as con:  # the lone state's day emptied
        assert con.execute(
            "select count(*) from staging.stg_acd__agent_states where state_date = date '2026-10-24'"
        ).fetchone() == (0,)

    before = tmp_path / "before.duckdb"
    shutil.copy2(daily, before)
    _refresh(daily_landing, daily)  # nothing new
    for relation in COMPARED:
        assert _differences(daily, before, relation)[1:] == (0, 0)
