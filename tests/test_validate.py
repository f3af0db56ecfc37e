"""The great-expectations guard runs against the real warehouse file and catches injected defects."""

from __future__ import annotations

from pathlib import Path

import duckdb

from contact_center.pipeline.build import dbt
from contact_center.pipeline.guard import validate
from contact_center.pipeline.land import land
from tests.csvfiles import QUEUE, contact, row, write_csv


def test_clean_delivery_passes(tmp_path: Path) -> None:
    write_csv(tmp_path / "l" / "queues" / "q.csv", "queues", [QUEUE])
    write_csv(tmp_path / "l" / "agents" / "a.csv", "agents", [row("agents")])
    write_csv(tmp_path / "l" / "contacts" / "c.csv", "contacts", [contact("C1")])
    land(tmp_path / "l", tmp_path / "wh.duckdb")
    result = validate(tmp_path / "wh.duckdb")
    assert result.evaluated > 30
    assert result.failures == []
    assert result.ok


def test_injected_bad_rows_are_reported_by_great_expectations(tmp_path: Path) -> None:
    rows = [contact("C1"), contact("", channel="fax"), contact("C3", channel="fax")]
    write_csv(tmp_path / "l" / "queues" / "q.csv", "queues", [QUEUE])
    write_csv(tmp_path / "l" / "agents" / "a.csv", "agents", [row("agents")])
    write_csv(tmp_path / "l" / "contacts" / "c.csv", "contacts", rows)
    land(tmp_path / "l", tmp_path / "wh.duckdb")
    result = validate(tmp_path / "wh.duckdb", docs=tmp_path / "docs")
    found = {(f.table, f.expectation, f.action): f.detail for f in result.failures}
    assert set(found) == {
        ("contacts", "missing_key", "quarantine"),
        ("contacts", "invalid_code", "quarantine"),
    }
    assert "observed_value=1" in found[("contacts", "missing_key", "quarantine")]
    assert "observed_value=2" in found[("contacts", "invalid_code", "quarantine")]
    assert result.balances["contacts"].by_reason == {"missing_key": 1, "invalid_code": 2}
    assert (result.balances["contacts"].kept, result.balances["contacts"].quarantined) == (1, 2)
    assert result.ok  # quarantined rows do not block the run
    pages = list((tmp_path / "docs").rglob("*.html"))
    assert any("raw_contacts" in p.name or "raw_contacts" in str(p) for p in pages)


def test_empty_required_table_fails(tmp_path: Path) -> None:
    write_csv(tmp_path / "l" / "queues" / "q.csv", "queues", [QUEUE])
    land(tmp_path / "l", tmp_path / "wh.duckdb")
    result = validate(tmp_path / "wh.duckdb")
    assert [(f.table, f.expectation, f.action) for f in result.failures] == [
        ("contacts", "expect_table_row_count_to_be_between", "block")
    ]
    assert not result.ok


def test_validation_does_not_hold_the_write_lock(tmp_path: Path) -> None:
    """After validating, a writer (dbt) can open the file: GX connected read-only and let go."""
    write_csv(tmp_path / "l" / "queues" / "q.csv", "queues", [QUEUE])
    write_csv(tmp_path / "l" / "contacts" / "c.csv", "contacts", [contact("C1")])
    land(tmp_path / "l", tmp_path / "wh.duckdb")
    validate(tmp_path / "wh.duckdb")
    with duckdb.connect(str(tmp_path / "wh.duckdb")) as con:
        con.execute("create table raw.lock_probe as select 1 as x")


def test_failed_dbt_test_prints_offending_rows(tmp_path: Path) -> None:
    write_csv(tmp_path / "l" / "queues" / "q.csv", "queues", [QUEUE])
    write_csv(tmp_path / "l" / "contacts" / "c.csv", "contacts", [contact("C1", direction="sideways")])
    land(tmp_path / "l", tmp_path / "wh.duckdb")
    outcome = dbt(["build", "--select", "stg_acd__contacts", "--quiet"], tmp_path / "wh.duckdb")
    assert not outcome.success
    (failure,) = [f for f in outcome.failures if "accepted_values" in f]
    assert "sideways" in failure
