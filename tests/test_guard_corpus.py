"""The bad-input corpus: each defect class lands real files through the normal path and must end in
exactly the expected outcome: a blocking error naming file, table and column, or a quarantine count
with its reason; and always rows delivered = rows kept + rows quarantined, per file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from contact_center.contract import raw_tables
from contact_center.pipeline.build import dbt
from contact_center.pipeline.guard import GuardResult, validate
from contact_center.pipeline.land import LandingError, land
from tests.csvfiles import contact, row, write_csv

# file -> (table, rows, expected quarantine reasons, expected warnings)
CASES: dict[str, tuple[str, list[dict[str, str]], dict[str, int], dict[str, int]]] = {
    "contacts/case_uncastable.csv": (
        "contacts", [contact("U1"), contact("U2", hold_seconds="abc")], {"uncastable_value": 1}, {}),
    "contacts/case_naive_timestamp.csv": (
        "contacts", [contact("N1"), contact("N2", initiated_at="2026-01-05 14:00:00")],
        {"timestamp_without_time_zone": 1}, {}),
    "contacts/case_duplicate_in_file.csv": (
        "contacts", [contact("D1"), contact("D1")], {"duplicate_in_file": 1}, {}),
    "contacts/case_duplicate_across_a.csv": ("contacts", [contact("X1")], {}, {}),
    "contacts/case_duplicate_across_b.csv": ("contacts", [contact("X1")], {"duplicate_across_files": 1}, {}),
    "contacts/case_correction_a.csv": ("contacts", [contact("R1")], {}, {}),
    "contacts/case_correction_b.csv": (
        "contacts", [contact("R1", resolution_status="unresolved", updated_at="2026-01-06T09:00:00Z")], {}, {}),
    "contacts/case_ends_before_start.csv": (
        "contacts", [contact("B1", disconnected_at="2026-01-05T14:00:20Z", acw_ended_at="2026-01-05T14:01:00Z")],
        {"timestamp_order": 1}, {}),
    "contacts/case_negative_hold.csv": ("contacts", [contact("H1", hold_seconds="-5")], {"negative_duration": 1}, {}),
    "contacts/case_hold_exceeds_talk.csv": (
        "contacts", [contact("H2", hold_seconds="400", hold_count="1")], {"hold_exceeds_talk": 1}, {}),
    "contacts/case_future.csv": (
        "contacts",
        [contact("F1", initiated_at="2099-01-05T14:00:00Z", enqueued_at="2099-01-05T14:00:10Z",
                 connected_at="2099-01-05T14:00:25Z", disconnected_at="2099-01-05T14:05:25Z",
                 acw_ended_at="2099-01-05T14:06:25Z", updated_at="2099-01-05T14:06:25Z")],
        {"future_timestamp": 1, "implausible_timestamp": 1}, {}),
    "contacts/case_ends_in_2057.csv": (
        "contacts", [contact("F2", disconnected_at="2057-01-05T14:05:25Z", acw_ended_at="2057-01-05T14:06:25Z")],
        {"future_timestamp": 1, "implausible_timestamp": 1, "implausible_duration": 1}, {}),
    "contacts/case_year_33658.csv": (
        "contacts", [contact("F3", acw_ended_at="33658-01-05T14:06:25Z")],
        {"future_timestamp": 1, "implausible_timestamp": 1, "implausible_duration": 1}, {}),
    "contacts/case_before_the_center.csv": (
        "contacts",
        [contact("F4", initiated_at="1980-01-05T14:00:00Z", enqueued_at="1980-01-05T14:00:10Z",
                 connected_at="1980-01-05T14:00:25Z", disconnected_at="1980-01-05T14:05:25Z",
                 acw_ended_at="1980-01-05T14:06:25Z", updated_at="1980-01-05T14:06:25Z")],
        {"implausible_timestamp": 1}, {}),
    "contacts/case_two_day_call.csv": (
        "contacts", [contact("L1", disconnected_at="2026-01-07T14:05:25Z", acw_ended_at="2026-01-07T14:06:25Z")],
        {"implausible_duration": 1}, {}),
    "contacts/case_hold_1e9.csv": (
        "contacts", [contact("L2", hold_seconds="1000000000")], {"hold_exceeds_talk": 1, "implausible_duration": 1}, {}),
    "forecasts/case_nan.csv": (
        "forecasts", [row("forecasts", forecast_contacts="NaN")], {"non_finite_number": 1}, {}),
    "forecasts/case_infinity.csv": (
        "forecasts", [row("forecasts", forecast_aht_seconds="Infinity")],
        {"non_finite_number": 1, "implausible_duration": 1}, {}),
    "agent_states/case_two_week_span.csv": (
        "agent_states",
        [row("agent_states", agent_id="A2", state_started_at="2026-02-01T00:00:00Z", state_ended_at="2026-02-15T00:00:00Z")],
        {"implausible_duration": 1}, {}),
    "contacts/case_unknown_queue.csv": ("contacts", [contact("Q1", queue_id="Q99")], {"unknown_queue": 1}, {}),
    "contacts/case_invalid_code.csv": ("contacts", [contact("I1", channel="fax")], {"invalid_code": 1}, {}),
    "contacts/case_missing_key.csv": ("contacts", [contact("K0"), contact("")], {"missing_key": 1}, {}),
    "contacts/case_unknown_agent.csv": ("contacts", [contact("G1", agent_id="A404")], {}, {"unknown_agent": 1}),
    "surveys/case_score_11.csv": (
        "surveys", [row("surveys", survey_response_id="S11", score="11", scale_min="1", scale_max="10")],
        {"score_out_of_scale": 1}, {}),
    "surveys/case_bad_scale.csv": (
        "surveys", [row("surveys", survey_response_id="S12", score="3", scale_max="4")], {"invalid_scale": 1}, {}),
    "surveys/case_unknown_contact.csv": (
        "surveys", [row("surveys", survey_response_id="S13", contact_id="C404")], {}, {"unknown_contact": 1}),
    "agent_states/case_overlap.csv": (
        "agent_states",
        [row("agent_states", agent_id="A2", state_started_at="2026-01-05T13:00:00Z", state_ended_at="2026-01-05T13:30:00Z"),
         row("agent_states", agent_id="A2", state_started_at="2026-01-05T13:20:00Z", state_ended_at="2026-01-05T13:40:00Z")],
        {"overlapping_state": 1}, {}),
    "agent_states/case_ends_before_start.csv": (
        "agent_states",
        [row("agent_states", state_started_at="2026-01-05T15:00:00Z", state_ended_at="2026-01-05T14:50:00Z")],
        {"timestamp_order": 1}, {}),
    "schedules/case_ends_before_start.csv": (
        "schedules", [row("schedules", agent_id="A2", ends_at="2026-01-05T12:00:00Z")], {"timestamp_order": 1}, {}),
    "forecasts/case_unknown_queue.csv": ("forecasts", [row("forecasts", queue_id="Q77")], {"unknown_queue": 1}, {}),
    "queues/case_bad_time_zone.csv": (
        "queues", [row("queues", queue_id="Q03", time_zone="Mars/Olympus_Mons")], {"invalid_time_zone": 1}, {}),
    "employee_surveys/case_esat_6.csv": (
        "employee_surveys", [row("employee_surveys", response_id="E6", esat_score="6")], {"score_out_of_scale": 1}, {}),
    "costs/case_negative.csv": ("costs", [row("costs", site="LON", amount="-1")], {"negative_value": 1}, {}),
    "tickets/case_reply_before_created.csv": (
        "tickets", [row("tickets", ticket_id="T2", first_agent_reply_at="2026-01-05T09:00:00Z")],
        {"timestamp_order": 1}, {}),
}  # fmt: skip

RAW_LINE_CASES = {
    # a CSV line with too many fields
    "contacts/case_malformed_line.csv": ('M2,x,y,"z",1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20\r\n', "malformed_line"),
    # a Latin-1 byte in a UTF-8 file
    "contacts/case_wrong_encoding.csv": (None, "invalid_encoding"),
}  # fmt: skip


def _write_raw_line_cases(landing: Path) -> None:
    header = list(raw_tables()["contacts"].columns)
    for rel, (line, _reason) in RAW_LINE_CASES.items():
        good_id = "M1" if line else "W1"
        path = write_csv(landing / rel, "contacts", [contact(good_id)], columns=header)
        with path.open("ab") as fh:
            if line:
                fh.write(line.encode())
            else:
                bad = contact("W2", contact_reason="CAF\xc9")
                fh.write((",".join(bad.get(c, "") for c in header) + "\r\n").encode("latin-1"))


def _schedule_rows(first_day: int, days: int) -> list[dict[str, str]]:
    return [
        row(
            "schedules",
            agent_id="A2",
            starts_at=f"2026-02-{d:02d}T13:00:00Z",
            ends_at=f"2026-02-{d:02d}T21:00:00Z",
        )
        for d in range(first_day, first_day + days)
    ]


VOLUME_FILE = "schedules/vol_big.csv"


def _write_volume_case(landing: Path) -> None:
    """Five usual schedule files of 4 rows, and one of 20: far above the median of 4 (x4 allowed)."""
    for i in range(5):
        write_csv(landing / "schedules" / f"vol_{i}.csv", "schedules", _schedule_rows(1 + 4 * i, 4))
    write_csv(landing / VOLUME_FILE, "schedules", [*_schedule_rows(21, 8), *[
        row("schedules", agent_id="A1", starts_at=f"2026-03-{d:02d}T13:00:00Z", ends_at=f"2026-03-{d:02d}T21:00:00Z")
        for d in range(1, 13)
    ]])  # fmt: skip


@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GuardResult]:
    root = tmp_path_factory.mktemp("corpus")
    landing = root / "landing"
    write_csv(
        landing / "queues" / "base.csv",
        "queues",
        [row("queues"), row("queues", queue_id="Q02", time_zone="Europe/London")],
    )
    write_csv(landing / "agents" / "base.csv", "agents", [row("agents"), row("agents", agent_id="A2")])
    write_csv(
        landing / "contacts" / "base.csv",
        "contacts",
        [contact("C1"), contact("C2"), contact("C3", queue_id="Q02")],
    )
    for table in (
        "surveys",
        "agent_states",
        "schedules",
        "forecasts",
        "tickets",
        "employee_surveys",
        "costs",
    ):
        write_csv(landing / table / "base.csv", table, [row(table)])
    for rel, (table, rows, _q, _w) in CASES.items():
        write_csv(landing / rel, table, rows)
    _write_raw_line_cases(landing)
    _write_volume_case(landing)
    warehouse = root / "wh.duckdb"
    land(landing, warehouse)
    result = validate(warehouse)
    return warehouse, result


def _quarantine_by_file(warehouse: Path) -> dict[str, Counter[str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select source_file, reason_code from raw.quarantine").fetchall()
    found: dict[str, Counter[str]] = {}
    for source_file, reason in rows:
        found.setdefault(source_file, Counter())[reason] += 1
    return found


def test_corpus_covers_at_least_25_defect_classes() -> None:
    classes = {(table, reason) for table, _r, q, w in CASES.values() for reason in [*q, *w]}
    classes |= {("contacts", reason) for _line, reason in RAW_LINE_CASES.values()}
    classes.add(("contacts", "correction_supersedes"))  # the corrected re-delivery, asserted below
    classes.add(("schedules", "volume_anomaly"))
    assert len(classes) + len(BLOCKING) + 1 >= 25  # + the empty required table, in test_validate.py


@pytest.mark.parametrize("rel", sorted(CASES))
def test_row_level_defect_is_quarantined_with_its_reason(dirty, rel: str) -> None:
    warehouse, result = dirty
    table, _rows, expected, warnings = CASES[rel]
    assert dict(_quarantine_by_file(warehouse).get(rel, Counter())) == expected
    for code, count in warnings.items():
        assert result.balances[table].warnings.get(code) == count


@pytest.mark.parametrize("rel", sorted(RAW_LINE_CASES))
def test_unparsable_line_is_quarantined_and_the_rest_lands(dirty, rel: str) -> None:
    warehouse, _ = dirty
    assert dict(_quarantine_by_file(warehouse)[rel]) == {RAW_LINE_CASES[rel][1]: 1}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        landed = con.execute(
            "select contact_id, _source_row from raw.contacts where _source_file = ?", [rel]
        ).fetchall()
        source_row = con.execute(
            "select source_row from raw.quarantine where source_file = ?", [rel]
        ).fetchone()[0]
    assert len(landed) == 1 and landed[0][1] == 1
    assert source_row == 2  # the second data row of the file


def test_volume_anomaly_is_warned_and_kept(dirty) -> None:
    warehouse, result = dirty
    assert result.balances["schedules"].warnings == {"volume_anomaly": 1}
    assert not any(f.table == "_landed_files" and f.action == "block" for f in result.failures)
    assert VOLUME_FILE not in _quarantine_by_file(warehouse)


def test_every_file_balances(dirty) -> None:
    """Per file: rows delivered = rows kept (in raw, not quarantined) + rows quarantined."""
    warehouse, result = dirty
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table_name, source_file, delivered in con.execute(
            "select table_name, source_file, rows_delivered from raw._landed_files"
        ).fetchall():
            quarantined = con.execute(
                "select count(distinct source_row) from raw.quarantine where table_name = ? and source_file = ?",
                [table_name, source_file],
            ).fetchone()[0]
            kept = con.execute(
                f"select count(*) from raw.{table_name} r where _source_file = ? and not exists ("
                "select 1 from raw.quarantine q where q.table_name = ? and q.source_file = r._source_file "
                "and q.source_row = r._source_row)",
                [source_file, table_name],
            ).fetchone()[0]
            assert delivered == kept + quarantined, source_file
    assert all(b.balanced for b in result.balances.values())
    # each case quarantines one row (a row may break several rules: counted once)
    assert result.balances["contacts"].quarantined == sum(
        1 for t, _r, q, _w in CASES.values() if t == "contacts" and q
    ) + len(RAW_LINE_CASES)
    assert result.ok, result.blocking


def test_quarantined_rows_never_reach_staging_and_corrections_do(dirty) -> None:
    warehouse, _ = dirty
    outcome = dbt(["run", "--select", "stg_acd__contacts", "stg_surveys__responses", "--quiet"], warehouse)
    assert outcome.success, outcome.failures
    with duckdb.connect(str(warehouse), read_only=True) as con:
        contacts = dict(
            con.execute("select contact_id, resolution_status from staging.stg_acd__contacts").fetchall()
        )
        surveys = {
            r[0]
            for r in con.execute("select survey_response_id from staging.stg_surveys__responses").fetchall()
        }
    for bad in ("U2", "N2", "B1", "H1", "H2", "F1", "Q1", "I1", "M2", "W2"):
        assert bad not in contacts
    for good in ("C1", "U1", "N1", "D1", "X1", "K0", "G1", "M1", "W1"):
        assert good in contacts
    assert contacts["R1"] == "unresolved"  # the corrected re-delivery supersedes the original
    assert surveys == {"S1", "S13"}  # the unknown-contact survey is kept, the bad scores are not


BLOCKING: dict[str, tuple[str, str]] = {
    "renamed_column": ("contacts", r"missing contract column\(s\) \['hold_seconds'\]; unexpected column\(s\) \['hold_secs'\]"),
    "retyped_column": ("contacts", r"column hold_seconds: no value fits the contract type double \(retyped column\?\)"),
    "unreadable_file": ("contacts", r"file cannot be read"),
    "empty_delivery": ("contacts", r"empty delivery"),
    "parquet_naive_timestamps": ("contacts", r"column initiated_at: timestamps without a time zone"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BLOCKING))
def test_blocking_defect_stops_landing_with_a_clear_message(tmp_path: Path, case: str) -> None:
    landing = tmp_path / "landing"
    write_csv(landing / "queues" / "base.csv", "queues", [row("queues")])
    columns = list(raw_tables()["contacts"].columns)
    target = landing / "contacts" / f"{case}.csv"
    if case == "renamed_column":
        write_csv(
            target,
            "contacts",
            [contact("C1")],
            columns=[c if c != "hold_seconds" else "hold_secs" for c in columns],
        )
    elif case == "retyped_column":
        write_csv(
            target, "contacts", [contact("C1", hold_seconds="short"), contact("C2", hold_seconds="long")]
        )
    elif case == "unreadable_file":
        target = target.with_suffix(".parquet")
        target.parent.mkdir(parents=True)
        target.write_bytes(b"PAR1 this is not parquet")
    elif case == "empty_delivery":
        write_csv(target, "contacts", [])
    else:
        target = target.with_suffix(".parquet")
        target.parent.mkdir(parents=True)
        data = {c: pa.array([contact("C1").get(c)], pa.string()) for c in columns}
        data["initiated_at"] = pa.array([pa.scalar(0, pa.timestamp("us")).as_py()], pa.timestamp("us"))
        pq.write_table(pa.table(data), target)
    warehouse = tmp_path / "wh.duckdb"
    with pytest.raises(LandingError, match=BLOCKING[case][1]) as err:
        land(landing, warehouse)
    assert target.name in str(err.value) and f"table {BLOCKING[case][0]}" in str(err.value)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from raw.contacts").fetchone()[0] == 0
