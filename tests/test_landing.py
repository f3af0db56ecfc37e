"""Landing: idempotent, lineage kept, clear errors for files that cannot be landed."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import duckdb
import pytest

from contact_center.contract import raw_tables
from contact_center.pipeline import land as landing_module
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


def test_a_file_of_the_same_size_and_time_is_not_read_again(
    landing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick check: a file whose size and modification time are those recorded is skipped unread;
    a touched file is hashed (same content: skipped, its new time recorded); a manifest from before the
    quick check gains the columns and its files are hashed once."""
    warehouse = tmp_path / "wh.duckdb"
    land(landing, warehouse)
    hashed: list[str] = []
    real_hash = landing_module.file_hash
    monkeypatch.setattr(landing_module, "file_hash", lambda path: hashed.append(path.name) or real_hash(path))
    assert land(landing, warehouse).tables["contacts"].files_unchanged == 1
    assert hashed == []  # nothing read
    day1 = landing / "contacts" / "day1.csv"
    os.utime(day1, ns=(day1.stat().st_atime_ns, day1.stat().st_mtime_ns + 10**9))  # touched
    report = land(landing, warehouse)
    assert (report.tables["contacts"].files_unchanged, report.rows_landed, hashed) == (1, 0, ["day1.csv"])
    hashed.clear()
    land(landing, warehouse)
    assert hashed == []  # the touched file's new time was recorded
    with duckdb.connect(str(warehouse)) as con:  # a manifest written before the quick check
        con.execute("alter table raw._landed_files drop column file_size")
        con.execute("alter table raw._landed_files drop column file_mtime_ns")
    report = land(landing, warehouse)
    assert report.rows_landed == 0 and sorted(hashed) == ["day1.csv", "queues.csv"]
    hashed.clear()
    land(landing, warehouse)
    assert hashed == []
    # new content under the same name and the same size, at a new time: replaced
    write_csv(day1, "contacts", [contact("C1"), contact("C3")])
    assert land(landing, warehouse).tables["contacts"].files_replaced == 1
    assert count(warehouse, "select count(*) from raw.contacts where contact_id = 'C3'") == 1


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


def test_gzip_csv_is_landed_and_other_files_are_refused_not_skipped(landing: Path, tmp_path: Path) -> None:
    plain = landing / "contacts" / "day1.csv"
    (landing / "contacts" / "day2.csv.gz").write_bytes(
        gzip.compress(plain.read_bytes().replace(b"C1,", b"C3,").replace(b"C2,", b"C4,"))
    )
    (landing / "contacts" / "day3.xlsx").write_bytes(b"PK\x03\x04 not a delivery")
    (landing / "contacts" / "day4.csv.part").write_text("contact_id\n")
    warehouse = tmp_path / "wh.duckdb"
    report = land(landing, warehouse)
    assert report.rows_landed == 5  # 1 queue + 2 + 2 contacts
    assert (
        count(warehouse, "select count(*) from raw.contacts where _source_file = 'contacts/day2.csv.gz'") == 2
    )
    assert sorted(rel for rel, _ in report.refused) == ["contacts/day3.xlsx", "contacts/day4.csv.part"]
    assert all("deliver .csv, .csv.gz or .parquet" in reason for _, reason in report.refused)
    assert count(warehouse, "select count(*) from raw._refused_files") == 2
    (landing / "contacts" / "day3.xlsx").unlink()
    (landing / "contacts" / "day4.csv.part").unlink()
    assert land(landing, warehouse).refused == []
    assert count(warehouse, "select count(*) from raw._refused_files") == 0


def test_a_bom_and_a_fully_quoted_header_are_read(landing: Path, tmp_path: Path) -> None:
    path = landing / "contacts" / "day1.csv"
    lines = path.read_text().splitlines()
    header = ",".join(f'"{name}"' for name in lines[0].split(","))
    path.write_bytes(("\ufeff" + "\r\n".join([header, *lines[1:]]) + "\r\n").encode("utf-8"))
    report = land(landing, tmp_path / "wh.duckdb")
    assert report.rows_landed == 3 and report.rows_quarantined == 0
    assert (
        count(tmp_path / "wh.duckdb", "select count(*) from raw.contacts where contact_id in ('C1', 'C2')")
        == 2
    )


def test_every_file_under_the_landing_folder_is_landed_or_refused(landing: Path, tmp_path: Path) -> None:
    """The sweep: for every file under a table folder, it is in the landing manifest (rows delivered =
    kept + quarantined) or refused with a reason; nothing else."""
    write_csv(landing / "contacts" / "day2.csv", "contacts", [contact("C5"), contact("C5")])  # a duplicate
    (landing / "contacts" / "notes.txt").write_text("call me")
    (landing / "queues" / ".hidden").write_text("x")
    warehouse = tmp_path / "wh.duckdb"
    land(landing, warehouse)
    files = {p.relative_to(landing).as_posix() for p in landing.rglob("*") if p.is_file()}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        manifest = {
            r[0]: r[1:]
            for r in con.execute(
                "select source_file, rows_delivered, rows_landed, rows_quarantined from raw._landed_files"
            ).fetchall()
        }
        refused = {r[0] for r in con.execute("select source_file from raw._refused_files").fetchall()}
        kept = dict(
            con.execute(
                "select _source_file, count(*) from (select _source_file from raw.contacts "
                "union all select _source_file from raw.queues) group by 1"
            ).fetchall()
        )
    assert files == set(manifest) | refused and not set(manifest) & refused
    assert refused == {"contacts/notes.txt", "queues/.hidden"}
    for rel, (delivered, landed, quarantined) in manifest.items():
        assert delivered == landed + quarantined, rel
        assert kept.get(rel, 0) == landed, rel
