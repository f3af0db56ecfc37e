"""The Anonymous Bank (1999) through the real-data CLI, checked against plain Python over the source files."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from tests.real_warehouses import DATA, Warehouse, real_warehouse

CALLS = DATA / "anonymous_bank_1999"
COUNTS = DATA / "anonymous_bank_1999_6min_counts" / "callcenter_6min_counts_1999.csv"
FILES = ("january.txt", "february.txt", "october.txt")
NONE = "0:00:00"
DAY = 86_400

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bank(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    return real_warehouse(request, tmp_path_factory, "bank")


def source_rows(name: str) -> list[list[str]]:
    """Data rows of a call file as field lists (the two space-separated October lines split on spaces)."""
    with (CALLS / name).open(newline="", encoding="utf-8") as fh:
        lines = [line.rstrip("\r\n") for line in fh]
    rows = []
    for line in lines[1:]:
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) == 16:
            priority, kind = fields[3].split()
            fields = [*fields[:3], priority, kind, *fields[4:]]
        rows.append(fields)
    return rows


def header() -> list[str]:
    with (CALLS / "january.txt").open(encoding="utf-8") as fh:
        return fh.readline().strip().split("\t")


def expected_reason(r: dict[str, str]) -> str | None:
    if r["outcome"] == "PHANTOM":
        return "phantom_call"
    if r["outcome"] == "AGENT" and r["server"] == "NO_SERVER":
        return "agent_without_server"
    if r["outcome"] == "AGENT" and r["ser_start"] == NONE and r["ser_time"] == "0":
        return "agent_without_service_time"
    if r["outcome"] == "HANG" and r["server"] != "NO_SERVER":
        return "hang_with_server"
    return None


def secs(clock: str) -> int:
    h, m, s = (int(x) for x in clock.split(":"))
    return h * 3600 + m * 60 + s


@dataclass
class Access:
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    abandoned_short: int = 0
    answered_within_20s: int = 0
    wait_answered: int = 0
    handled: int = 0
    talk: int = 0


def queue_access(name: str, queue: str, month: int) -> Access:
    """Offered/answered/abandoned/wait per the documented rules, attributed to the local enqueue day."""
    out = Access()
    names = header()
    for fields in source_rows(name):
        r = dict(zip(names, fields, strict=True))
        if r["type"] != queue or expected_reason(r) is not None:
            continue
        day = datetime.strptime(r["date"], "%y%m%d").date()
        entry = secs(r["vru_entry"])

        def t(clock: str, entry: int = entry) -> int:
            s = secs(clock)
            return s + DAY if s < entry - DAY // 2 else s

        queued = not (r["q_start"] == NONE and r["q_exit"] == NONE and r["q_time"] == "0")
        if r["outcome"] == "AGENT":
            enqueue = t(r["q_start"]) if queued else t(r["vru_exit"])
            handoff = t(r["q_exit"]) if queued else t(r["vru_exit"])
            connect = max(t(r["ser_start"]), handoff)
            end = connect + t(r["ser_exit"]) - t(r["ser_start"])
            if (day + timedelta(seconds=end)).month == month:
                out.handled += 1
                out.talk += end - connect
        elif queued:
            enqueue = t(r["q_start"])
        else:
            continue  # hung up in the VRU: never offered
        if (day + timedelta(seconds=enqueue)).month != month:
            continue
        out.offered += 1
        if r["outcome"] == "AGENT":
            wait = connect - enqueue
            out.answered += 1
            out.wait_answered += wait
            out.answered_within_20s += wait <= 20
        else:
            out.abandoned += 1
            out.abandoned_short += t(r["q_exit"]) - enqueue <= 5
    return out


def test_every_call_is_landed_or_quarantined(bank: Warehouse) -> None:
    names = header()
    for name in FILES:
        rows = source_rows(name)
        stem = name.removesuffix(".txt")
        ids = [f"{stem}-{f[0]}-{f[1]}" for f in rows]
        landed = {
            r[0]
            for r in bank.query(
                "select contact_id from raw.contacts where _source_file = ?", [f"contacts/{stem}.parquet"]
            )
        }
        held = dict(
            bank.query(
                "select source_row, reason_code from raw.quarantine where source_file = ?",
                [f"anonymous_bank_1999/{name}"],
            )
        )
        assert len(rows) == len(landed) + len(held), name
        for number, (contact_id, fields) in enumerate(zip(ids, rows, strict=True), 1):
            assert (contact_id in landed) != (number in held), (name, number)
            assert held.get(number) == expected_reason(dict(zip(names, fields, strict=True))), (name, number)


def test_quarantine_reasons(bank: Warehouse) -> None:
    found = dict(
        bank.query(
            "select reason_code, count(*) from raw.quarantine "
            "where source_file = 'anonymous_bank_1999/january.txt' group by 1"
        )
    )
    assert found == {
        "phantom_call": 240,
        "agent_without_server": 490,
        "agent_without_service_time": 42,
        "hang_with_server": 1,
    }
    total = bank.scalar("select count(*) from raw.quarantine where source_file like 'anonymous_bank_1999/%'")
    assert total == 773 + 819 + 687
    # nothing the adapter landed is held back by landing or by the guard's rules
    assert bank.scalar("select count(*) from raw.quarantine where source_file like 'contacts/%'") == 0


def test_repairs_are_landed(bank: Warehouse) -> None:
    spaced = bank.query(
        "select contact_id, queue_id from raw.contacts "
        "where contact_id in ('october-AA0108-3892', 'october-AA0116-10486') order by 1"
    )
    assert spaced == [("october-AA0108-3892", "NW"), ("october-AA0116-10486", "IN")]
    # negative vru_time: initiated at vru_exit, i.e. never after the queue entry
    assert bank.scalar("select count(*) from raw.contacts where enqueued_at < initiated_at") == 0
    assert bank.scalar("select count(*) from raw.contacts where connected_at < enqueued_at") == 0


@pytest.mark.parametrize("queue", ["PS", "NW"])
def test_january_queue_access_matches_source(bank: Warehouse, queue: str) -> None:
    want = queue_access("january.txt", queue, 1)
    got = bank.dicts(
        "select sum(offered) as offered, sum(answered) as answered, sum(abandoned) as abandoned, "
        "sum(abandoned_short) as abandoned_short, sum(answered_within_20s) as answered_within_20s, "
        "sum(wait_seconds_answered) as wait_answered, sum(handled) as handled, sum(talk_seconds) as talk "
        "from marts.fct_agent_queue_daily "
        "where queue_id = ? and date_day between '1999-01-01' and '1999-01-31'",
        [queue],
    )[0]
    assert got["offered"] == want.offered
    assert got["answered"] == want.answered
    assert got["abandoned"] == want.abandoned
    assert got["abandoned_short"] == want.abandoned_short
    assert got["answered_within_20s"] == want.answered_within_20s
    assert got["wait_answered"] / got["answered"] == pytest.approx(want.wait_answered / want.answered)
    assert got["handled"] == want.handled
    assert got["talk"] / got["handled"] == pytest.approx(want.talk / want.handled)


def test_january_ps_spot_values() -> None:
    """Pinned numbers (README table), so a change of rule shows up here as well as in the mart."""
    ps = queue_access("january.txt", "PS", 1)
    assert (ps.offered, ps.answered, ps.abandoned) == (21_743, 20_084, 1_659)
    assert ps.wait_answered / ps.answered == pytest.approx(32.8, abs=0.05)


def test_supported_kpis_present_unsupported_null(bank: Warehouse) -> None:
    row = bank.dicts(
        "select sum(offered) as offered, sum(answered) as answered, sum(handled) as handled, "
        "sum(wait_seconds_answered) as wait, sum(talk_seconds) as talk from marts.fct_agent_queue_daily"
    )[0]
    assert all(v for v in row.values())
    # columns the call log does not have stay null in raw, whatever the models do with them
    nulls = bank.dicts(
        "select count(hold_seconds) as hold, count(hold_count) as holds, count(acw_ended_at) as acw, "
        "count(resolution_status) as resolution, count(contact_reason) as reason, "
        "count(sale_outcome) as sale, count(updated_at) as version from raw.contacts"
    )[0]
    assert nulls == dict.fromkeys(nulls, 0)
    anonymous = bank.scalar("select count(*) from raw.contacts where customer_id = '0'")
    assert anonymous == 0
    # TT (callbacks) are handled work, never offered
    assert bank.scalar("select sum(offered) from marts.fct_agent_queue_daily where queue_id = 'TT'") == 0


def test_interval_counts_and_forecast(bank: Warehouse) -> None:
    with COUNTS.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    gap = [r for r in rows if r["interval_start"].startswith("1999-04-02 02:")]
    assert len(rows) == 87_600 and len(gap) == 10
    landed = bank.scalar("select count(*) from raw.interval_arrivals")
    held = dict(
        bank.query(
            "select reason_code, count(*) from raw.quarantine "
            "where source_file = 'anonymous_bank_1999_6min_counts/callcenter_6min_counts_1999.csv' group by 1"
        )
    )
    assert landed + sum(held.values()) == len(rows)
    assert held == {"nonexistent_local_time": 10}
    imputed_days = {r["interval_start"][:10] for r in rows if float(r["calls"]) != int(float(r["calls"]))}
    assert imputed_days == {"1999-05-23"}
    flagged = bank.query(
        "select cast(interval_start_local as date), count(*) from staging.stg_counts__interval_arrivals "
        "where is_imputed group by 1"
    )
    assert flagged == [(date(1999, 5, 23), 240)]
    january = sum(float(r["calls"]) for r in rows if r["interval_start"].startswith("1999-01"))
    got = bank.scalar(
        "select sum(arrivals) from staging.stg_counts__interval_arrivals "
        "where interval_start_local < '1999-02-01'"
    )
    assert got == pytest.approx(january)
    # forecast for Friday 1999-01-15 10:00 local (08:00 UTC) = arrivals of 1999-01-08 10:00-10:29
    basis = sum(
        float(r["calls"])
        for r in rows
        if r["interval_start"][:13] == "1999-01-08 10" and int(r["interval_start"][14:16]) < 30
    )
    forecast = bank.scalar(
        "select forecast_contacts from staging.stg_wfm__forecasts "
        "where queue_id = 'BANK' and interval_start_at = '1999-01-15 08:00:00+00'"
    )
    assert forecast == pytest.approx(basis)
    per_day = Counter(
        str(d)
        for (d,) in bank.query(
            "select cast(timezone('Asia/Jerusalem', interval_start_at) as date) from staging.stg_wfm__forecasts"
        )
    )
    assert min(per_day) == "1999-01-08" and per_day["1999-01-08"] == 48
    assert per_day["1999-04-02"] == 46 and per_day["1999-04-09"] == 46  # the skipped hour, either side
