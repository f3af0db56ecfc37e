"""The help-desk event log through the real-data CLI, checked against plain Python over the source file."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.real_warehouses import DATA, Warehouse, real_warehouse

SOURCE = DATA / "helpdesk_italian_company" / "helpdesk_event_log.csv"
ROME = ZoneInfo("Europe/Rome")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def helpdesk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    return real_warehouse(request, tmp_path_factory, "helpdesk")


@pytest.fixture(scope="module")
def events() -> tuple[list[str], list[list[str]]]:
    with SOURCE.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, list(reader)


def deduplicated(rows: list[list[str]]) -> tuple[dict[int, list[str]], set[int]]:
    seen: set[tuple[str, ...]] = set()
    kept, duplicates = {}, set()
    for number, row in enumerate(rows, 1):
        if tuple(row) in seen:
            duplicates.add(number)
        else:
            seen.add(tuple(row))
            kept[number] = row
    return kept, duplicates


def hours(start: str, end: str) -> float:
    def utc(s: str) -> datetime:
        return datetime.strptime(s, "%Y/%m/%d %H:%M:%S.%f").replace(tzinfo=ROME).astimezone(UTC)

    return (utc(end) - utc(start)).total_seconds() / 3600


def test_every_event_is_landed_or_quarantined(
    helpdesk: Warehouse, events: tuple[list[str], list[list[str]]]
) -> None:
    _, rows = events
    kept, duplicates = deduplicated(rows)
    held = dict(
        helpdesk.query(
            "select source_row, reason_code from raw.quarantine "
            "where source_file = 'helpdesk_italian_company/helpdesk_event_log.csv'"
        )
    )
    tickets = {r[0] for r in helpdesk.query("select ticket_id from raw.tickets")}
    assert len(rows) == 21_348 == len(kept) + len(held)
    assert set(held) == duplicates and set(held.values()) == {"duplicate_event"} and len(held) == 127
    for number, row in kept.items():
        assert number not in held and row[0] in tickets
    assert tickets == {row[0] for row in rows} and len(tickets) == 4_580


def test_ticket_counts_and_times_match_source(
    helpdesk: Warehouse, events: tuple[list[str], list[list[str]]]
) -> None:
    header, rows = events
    kept, _ = deduplicated(rows)
    case, activity, stamp = (
        header.index("Case ID"),
        header.index("Activity"),
        header.index("Complete Timestamp"),
    )
    section = header.index("support_section")
    per_case: dict[str, list[list[str]]] = defaultdict(list)
    for row in kept.values():
        per_case[row[case]].append(row)
    resolved = reopens = responded = 0
    frt_hours = full_hours = 0.0
    by_section: dict[str, int] = defaultdict(int)
    for evs in per_case.values():
        evs.sort(key=lambda r: r[stamp])
        by_section[evs[0][section]] += 1
        created = evs[0][stamp]
        taken = [r[stamp] for r in evs if r[activity] == "Take in charge ticket"]
        resolutions = [r[stamp] for r in evs if r[activity] == "Resolve ticket"]
        if taken:
            responded += 1
            frt_hours += hours(created, taken[0])
        if resolutions:
            resolved += 1
            reopens += len(resolutions) - 1
            full_hours += hours(created, resolutions[-1])
    got = helpdesk.dicts(
        """
        select
            count(*) as tickets,
            count(first_agent_reply_at) as responded,
            count(first_resolved_at) as resolved,
            sum(reopen_count) as reopens,
            avg((epoch(first_agent_reply_at) - epoch(created_at)) / 3600) as frt_hours,
            avg((epoch(last_resolved_at) - epoch(created_at)) / 3600) as full_hours
        from staging.stg_helpdesk__tickets
        """
    )[0]
    assert got["tickets"] == len(per_case) == 4_580
    assert got["responded"] == responded
    assert got["resolved"] == resolved
    assert got["reopens"] == reopens
    assert got["frt_hours"] == pytest.approx(frt_hours / responded)
    assert got["full_hours"] == pytest.approx(full_hours / resolved)
    queues = dict(helpdesk.query("select queue_id, count(*) from staging.stg_helpdesk__tickets group by 1"))
    assert queues == {f"SECTION_{s.removeprefix('Value ')}": n for s, n in by_section.items()}


def test_unsupported_fields_are_null(helpdesk: Warehouse) -> None:
    assert helpdesk.scalar("select count(channel) from raw.tickets") == 0
    assert helpdesk.scalar("select count(*) from raw.contacts") == 0
    assert helpdesk.scalar("select count(*) from raw.quarantine where source_file like 'tickets/%'") == 0
