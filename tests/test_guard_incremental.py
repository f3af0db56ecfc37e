"""The incremental guard equals a full one: after every delivery of a sequence that quarantines,
releases and replaces rows, the quarantine an incremental run leaves is exactly what a full re-check of
every row gives (table, file, row, reason)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from contact_center.pipeline.guard import apply_quarantine, load_rules
from contact_center.pipeline.land import land
from tests.csvfiles import QUEUE, contact, row, write_csv

Quarantine = set[tuple[str, str, int, str]]


def quarantine(warehouse: Path) -> Quarantine:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select table_name, source_file, source_row, reason_code from raw.quarantine"
        ).fetchall()
    return set(rows)


def state(agent: str, start: str, end: str) -> dict[str, str]:
    return row("agent_states", agent_id=agent, state_started_at=start, state_ended_at=end)


def test_incremental_guard_equals_a_full_one_after_every_delivery(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    rules = load_rules()
    q2 = {**QUEUE, "queue_id": "Q02", "queue_name": "Later"}
    steps = [
        # 1: a base delivery with a bad row, and a contact for a queue not yet delivered
        [("queues/q1.csv", "queues", [QUEUE]),
         ("contacts/d1.csv", "contacts", [contact("C1"), contact("C2", hold_seconds="-5"), contact("C3", queue_id="Q02")]),
         ("agent_states/s1.csv", "agent_states", [state("A1", "2026-01-05T13:00:00Z", "2026-01-05T13:30:00Z")])],
        # 2: the same key again in a later file, an overlapping state, a new bad row
        [("contacts/d2.csv", "contacts", [contact("C1"), contact("C4", channel="fax")]),
         ("agent_states/s2.csv", "agent_states", [state("A1", "2026-01-05T13:20:00Z", "2026-01-05T13:40:00Z")])],
        # 3: the missing queue arrives: C3 is released
        [("queues/q2.csv", "queues", [q2])],
        # 4: d1 re-delivered: C2 fixed, C1 withdrawn (so d2's C1 is no longer a re-delivery)
        [("contacts/d1.csv", "contacts", [contact("C2"), contact("C3", queue_id="Q02")])],
        # 5: s1 re-delivered without its span: s2's span no longer overlaps
        [("agent_states/s1.csv", "agent_states", [state("A1", "2026-01-05T10:00:00Z", "2026-01-05T10:30:00Z")])],
        # 6: nothing new
        [],
    ]  # fmt: skip
    modes = []
    for number, files in enumerate(steps, 1):
        for rel, table, rows in files:
            write_csv(landing / rel, table, rows)
        land(landing, warehouse)
        modes.append(apply_quarantine(warehouse, rules))
        incremental = quarantine(warehouse)
        full_copy = tmp_path / f"full_{number}.duckdb"
        shutil.copy2(warehouse, full_copy)
        apply_quarantine(full_copy, rules, full=True)
        assert incremental == quarantine(full_copy), f"after step {number}"
        reasons = {(r[1], r[3]) for r in incremental}
        if number == 2:
            assert {("contacts/d2.csv", "duplicate_across_files"), ("contacts/d1.csv", "unknown_queue"),
                    ("agent_states/s2.csv", "overlapping_state")} <= reasons  # fmt: skip
        if number == 3:
            assert ("contacts/d1.csv", "unknown_queue") not in reasons  # released
        if number == 5:
            assert not {r for r in reasons if r[1] in ("duplicate_across_files", "overlapping_state")}
    assert modes == ["full"] + ["incremental"] * (len(steps) - 1)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from raw._guard_runs").fetchone() == (len(steps),)
