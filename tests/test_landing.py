"""Landing: idempotent, lineage kept, clear errors for files that cannot be landed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from contact_center.contract import raw_tables
from contact_center.pipeline.build import dbt
from contact_center.pipeline.land import LandingError, land
from tests.csvfiles import QUEUE, contact, write_csv


def count(warehouse: Path, sql: str) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    root = tmp_path / "landing"
    write_csv(root / "queues" / "queues.csv", "queues", [QUEUE])
    write_csv(root / "contacts" / "day1.csv", "contacts", [contact("C1"), contact("C2")])
    return root


def test_lineage_columns_and_manifest(landing: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    report = land(landing, warehouse)
    assert report.rows_landed == 3
    with duckdb.connect(str(warehouse), read_only=True) as con:
        files = con.execute("select distinct _source_file from raw.contacts").fetchall()
        manifest = con.execute(
            "select source_file, rows_delivered, rows_landed, rows_quarantined from raw._landed_files order by 1"
        ).fetchall()
        loaded = con.execute("select count(*) from raw.contacts where _loaded_at is null").fetchone()[0]
    assert files == [("contacts/day1.csv",)]
    assert manifest == [("contacts/day1.csv", 2, 2, 0), ("queues/queues.csv", 1, 1, 0)]
    assert loaded == 0


def test_landing_the_same_files_twice_adds_nothing(landing: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    land(landing, warehouse)
    second = land(landing, warehouse)
    assert second.rows_landed == 0
    assert second.tables["contacts"].files_unchanged == 1
    assert count(warehouse, "select count(*) from raw.contacts") == 2


def test_redelivered_file_replaces_its_rows(landing: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    land(landing, warehouse)
    write_csv(landing / "contacts" / "day1.csv", "contacts", [contact("C1", hold_seconds="42")])
    report = land(landing, warehouse)
    assert report.tables["contacts"].files_replaced == 1
    assert count(warehouse, "select count(*) from raw.contacts") == 1
    assert count(warehouse, "select hold_seconds from raw.contacts where contact_id = 'C1'") == 42


def test_corrected_record_in_a_new_file_is_deduplicated_in_staging(landing: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    land(landing, warehouse)
    correction = contact("C1", resolution_status="unresolved", updated_at="2026-01-06T09:00:00Z")
    write_csv(landing / "contacts" / "day1_corrections.csv", "contacts", [correction])
    land(landing, warehouse)
    assert count(warehouse, "select count(*) from raw.contacts where contact_id = 'C1'") == 2
    outcome = dbt(["run", "--select", "stg_acd__contacts", "--quiet"], warehouse)
    assert outcome.success, outcome.failures
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select contact_id, resolution_status from staging.stg_acd__contacts order by 1"
        ).fetchall()
    assert rows == [("C1", "unresolved"), ("C2", "resolved")]


def test_missing_column_is_a_clear_error_and_lands_nothing(landing: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    columns = [c if c != "hold_seconds" else "hold_secs" for c in raw_tables()["contacts"].columns]
    write_csv(landing / "contacts" / "day2.csv", "contacts", [contact("C9")], columns=columns)
    with pytest.raises(LandingError) as err:
        land(landing, warehouse)
    message = str(err.value)
    assert "day2.csv" in message and "contacts" in message
    assert "['hold_seconds']" in message and "hold_secs" in message
    assert count(warehouse, "select count(*) from raw.contacts where contact_id = 'C9'") == 0


def test_empty_delivery_is_an_error(landing: Path, tmp_path: Path) -> None:
    write_csv(landing / "contacts" / "day2.csv", "contacts", [])
    with pytest.raises(LandingError, match="empty delivery"):
        land(landing, tmp_path / "wh.duckdb")


def test_unknown_table_folder_is_an_error(landing: Path, tmp_path: Path) -> None:
    (landing / "calls").mkdir()
    (landing / "calls" / "calls.csv").write_text("call_id\n1\n")
    with pytest.raises(LandingError, match="no raw table named 'calls'"):
        land(landing, tmp_path / "wh.duckdb")


def test_a_missing_landing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LandingError, match="does not exist"):
        land(tmp_path / "landnig-typo", tmp_path / "wh.duckdb")


def test_an_empty_folder_that_is_not_a_table_is_ignored(landing: Path, tmp_path: Path) -> None:
    (landing / "lost+found").mkdir()
    report = land(landing, tmp_path / "wh.duckdb")
    assert report.rows_landed == 3
    (landing / "lost+found" / "stray.csv").write_text("a\n1\n")
    with pytest.raises(LandingError, match="lost\\+found"):  # a folder with files is still refused
        land(landing, tmp_path / "wh2.duckdb")
