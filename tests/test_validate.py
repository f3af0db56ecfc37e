"""The great-expectations guard runs against the real warehouse file and catches injected defects."""

from __future__ import annotations

from pathlib import Path

import duckdb

from scripts.build import dbt
from scripts.land import land
from scripts.validate import validate
from tests.csvfiles import QUEUE, contact, write_csv


def test_clean_delivery_passes(tmp_path: Path) -> None:
    write_csv(tmp_path / "l" / "queues" / "q.csv", "queues", [QUEUE])
    write_csv(tmp_path / "l" / "contacts" / "c.csv", "contacts", [contact("C1")])
    land(tmp_path / "l", tmp_path / "wh.duckdb")
    evaluated, failures = validate(tmp_path / "wh.duckdb")
    assert evaluated > 30
    assert failures == []


def test_injected_bad_rows_are_reported_with_table_and_column(tmp_path: Path) -> None:
    rows = [contact("C1"), contact("", channel="fax"), contact("C3", channel="fax")]
    write_csv(tmp_path / "l" / "queues" / "q.csv", "queues", [QUEUE])
    write_csv(tmp_path / "l" / "contacts" / "c.csv", "contacts", rows)
    land(tmp_path / "l", tmp_path / "wh.duckdb")
    _, failures = validate(tmp_path / "wh.duckdb")
    found = {(f.table, f.expectation, f.column): f.detail for f in failures}
    assert set(found) == {
        ("contacts", "expect_column_values_to_not_be_null", "contact_id"),
        ("contacts", "expect_column_values_to_be_in_set", "channel"),
    }
    assert "unexpected_count=1" in found[("contacts", "expect_column_values_to_not_be_null", "contact_id")]
    assert "unexpected_count=2" in found[("contacts", "expect_column_values_to_be_in_set", "channel")]


def test_empty_required_table_fails(tmp_path: Path) -> None:
    write_csv(tmp_path / "l" / "queues" / "q.csv", "queues", [QUEUE])
    land(tmp_path / "l", tmp_path / "wh.duckdb")
    _, failures = validate(tmp_path / "wh.duckdb")
    assert [(f.table, f.expectation) for f in failures] == [
        ("contacts", "expect_table_row_count_to_be_between")
    ]


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
