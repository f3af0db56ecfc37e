"""Anonymous Bank (Israel, 1999): call log and 6-minute arrival counts onto the raw contract.

Call log (``data/real/anonymous_bank_1999/*.txt``), one contact per call:

- queue = service ``type`` (time zone Asia/Jerusalem; source clock times are local and land as UTC). SL
  threshold, target and short-abandon threshold are not in the source and stay null (warehouse defaults).
- ``initiated_at`` = ``vru_entry``; ``enqueued_at`` = ``q_start``. ``q_start = 0:00:00`` (with ``q_exit``
  0:00:00 and ``q_time`` 0) is the source's "did not wait in a queue": a ``HANG`` then hung up in the VRU
  (never queued, not offered), while an ``AGENT`` call left the VRU straight to an agent (the source's
  documentation: "vru_exit: exit from the VRU either to the queue, or directly to receive service"), so it
  is offered with its queue entry at ``vru_exit`` and a wait of (practically) zero.
- Served (``AGENT``): ``connected_at`` = the later of ``ser_start`` and the moment the call left the queue
  (``q_exit``, or ``vru_exit`` for a direct call); ``disconnected_at`` = ``connected_at`` + (``ser_exit`` -
  ``ser_start``). The agent clock runs up to a few seconds behind the queue clock (``ser_start`` is usually
  1-2 s before ``q_exit``), so taking ``ser_start`` as is would cut waits short or make them negative; this
  keeps the wait equal to the source's ``q_time`` and the talk time equal to ``ser_time``.
- ``HANG`` in the queue: abandoned, ``disconnected_at`` = ``q_exit``, ``disconnect_reason`` customer. Service
  fields on a HANG record with ``NO_SERVER`` (the source's own "no service was provided") are ignored.
- ``TT`` calls are callbacks the bank placed and then held in the queue: ``initiation_method`` callback, so
  they are handled work but not offers (offered counts a customer's first queued inbound leg).
- ``customer_id`` 0 (not identified) lands as null; priority has no contract column; hold, ACW,
  disposition and sale fields are not in the source and stay null.
- Times past midnight belong to the next day: a clock time more than 12 h before ``vru_entry`` is rolled
  forward one day.

Quarantined (reason codes): ``phantom_call`` (outcome PHANTOM, "a virtual call to be ignored"),
``agent_without_server`` (AGENT but NO_SERVER: no agent can be credited and the documentation says no
service was provided), ``agent_without_service_time`` (AGENT with no service start), ``hang_with_server``
(HANG but a named server), ``unknown_outcome``, ``malformed_row``, ``unparseable_value``,
``negative_duration`` and ``nonexistent_local_time``.
Repaired (landed, counted per rule): ``space_instead_of_tab`` (two October lines with spaces between
``priority`` and ``type``: split on the spaces), ``negative_vru_time`` (``vru_entry`` after ``vru_exit``:
``initiated_at`` = ``vru_exit``, the queue fields are consistent and kept), ``queue_entry_before_vru_exit``
(``q_start`` a few seconds before the VRU times: ``initiated_at`` = ``q_start``) and
``hang_service_fields_ignored``.
The missing January days (1999-01-11, 1999-01-12) have no rows to land; KPIs for them are simply absent.

6-minute counts (``data/real/anonymous_bank_1999_6min_counts/``): landed as ``interval_arrivals`` for the
center (``BANK``); the day 1999-05-23, whose values are the mean of its two neighbouring days (hence the x.5
counts), is landed flagged ``is_imputed``; local times the DST change skipped (1999-04-02 02:00-02:54) are
quarantined. ``forecasts`` for the center-level queue ``BANK``: a seasonal naive forecast per local 30-minute
interval = the arrivals of the same interval one week earlier (from 1999-01-08; none where either interval
does not exist on the local clock), AHT not forecast (null).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from contact_center.real.common import (
    DATA_DIR,
    AdapterResult,
    FileAccount,
    NonexistentLocalTime,
    Quarantine,
    day_start,
    local_to_utc,
    record_of,
    write_table,
)

CALLS_DIR = "anonymous_bank_1999"
CALL_FILES = ("january.txt", "february.txt", "october.txt")
COUNTS_DIR = "anonymous_bank_1999_6min_counts"
COUNTS_FILE = "callcenter_6min_counts_1999.csv"
TIME_ZONE = "Asia/Jerusalem"
CENTER_ID = "BANK"
HEADER = (
    "vru+line",
    "call_id",
    "customer_id",
    "priority",
    "type",
    "date",
    "vru_entry",
    "vru_exit",
    "vru_time",
    "q_start",
    "q_exit",
    "q_time",
    "outcome",
    "ser_start",
    "ser_exit",
    "ser_time",
    "server",
)
SERVICE_TYPES = {
    "PS": "Regular activity",
    "PE": "Regular activity in English",
    "IN": "Internet consulting",
    "NE": "Stock exchange activity",
    "NW": "Prospective customers",
    "TT": "Callbacks held in queue",
}
CALLBACK_TYPES = frozenset({"TT"})
NO_TIME = "0:00:00"
NO_SERVER = "NO_SERVER"
ROLLOVER = timedelta(hours=12)
SPACED = re.compile(r"(\d+) +([A-Z]{2})")
CLOCK = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})")
FORECAST_SLOT = timedelta(minutes=30)
SEASON = timedelta(days=7)


class Rejected(Exception):
    """A call that is quarantined: reason code and explanation."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def split_line(line: str) -> tuple[list[str] | None, bool]:
    """The 17 fields of a call line and whether the space-for-tab repair was needed (None if malformed)."""
    fields = line.split("\t")
    if len(fields) == len(HEADER):
        return fields, False
    if len(fields) == len(HEADER) - 1:
        spaced = SPACED.fullmatch(fields[3])
        if spaced:
            return [*fields[:3], spaced[1], spaced[2], *fields[4:]], True
    return None, False


@cache
def _clock(text: str) -> timedelta:
    match = CLOCK.fullmatch(text)
    if not match:
        raise Rejected("unparseable_value", f"time {text!r} is not h:mm:ss")
    h, m, s = (int(g) for g in match.groups())
    if h > 23 or m > 59 or s > 59:
        raise Rejected("unparseable_value", f"time {text!r} is out of range")
    return timedelta(hours=h, minutes=m, seconds=s)


@cache
def _midnight(text: str) -> datetime:
    try:
        return day_start(datetime.strptime(text, "%y%m%d").date())
    except ValueError:
        raise Rejected("unparseable_value", f"date {text!r} is not yymmdd") from None


def _int(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise Rejected("unparseable_value", f"{name} {text!r} is not an integer") from None


@dataclass
class Mapped:
    contact: dict[str, Any]
    repairs: list[str]


def map_call(f: dict[str, str], file_stem: str, zone: ZoneInfo) -> Mapped:
    """One call record (fields by header name) as a contacts row; raises Rejected to quarantine it."""
    outcome, server = f["outcome"], f["server"]
    if outcome == "PHANTOM":
        raise Rejected("phantom_call", "outcome PHANTOM: a virtual call with no real caller (source docs)")
    if outcome not in ("AGENT", "HANG"):
        raise Rejected("unknown_outcome", f"outcome {outcome!r} is neither AGENT nor HANG")
    if outcome == "AGENT" and server == NO_SERVER:
        raise Rejected(
            "agent_without_server",
            "outcome AGENT but server NO_SERVER: no agent to credit and, per the source, no service given",
        )
    service_missing = f["ser_start"] == NO_TIME and _int(f["ser_time"], "ser_time") == 0
    if outcome == "AGENT" and service_missing:
        raise Rejected("agent_without_service_time", "outcome AGENT but no service start (ser_start 0:00:00)")
    if outcome == "HANG" and server != NO_SERVER:
        raise Rejected("hang_with_server", f"outcome HANG but server {server!r}: outcome and server disagree")

    midnight = _midnight(f["date"])
    entry = midnight + _clock(f["vru_entry"])

    def at(text: str) -> datetime:
        local = midnight + _clock(text)
        return local + timedelta(days=1) if local < entry - ROLLOVER else local

    repairs: list[str] = []
    vru_exit = at(f["vru_exit"])
    if _int(f["vru_time"], "vru_time") < 0 or vru_exit < entry:
        repairs.append("negative_vru_time")
    queued = not (f["q_start"] == NO_TIME and f["q_exit"] == NO_TIME and _int(f["q_time"], "q_time") == 0)
    enqueued = at(f["q_start"]) if queued else None
    queue_exit = at(f["q_exit"]) if queued else None
    if enqueued is not None and queue_exit is not None and queue_exit < enqueued:
        raise Rejected("negative_duration", "q_exit before q_start")
    initiated = min(entry, vru_exit)
    if enqueued is not None and enqueued < initiated:
        repairs.append("queue_entry_before_vru_exit")
        initiated = enqueued

    connected: datetime | None = None
    agent: str | None = None
    reason: str | None = None
    if outcome == "AGENT":
        service_start, service_end = at(f["ser_start"]), at(f["ser_exit"])
        if service_end < service_start:
            raise Rejected("negative_duration", "ser_exit before ser_start")
        handoff = queue_exit if queue_exit is not None else vru_exit
        if enqueued is None:  # straight from the VRU to an agent
            enqueued = vru_exit
        connected = max(service_start, handoff)
        disconnected = connected + (service_end - service_start)
        agent = server
    else:
        disconnected = queue_exit if queue_exit is not None else vru_exit
        reason = "customer"
        if not service_missing:
            repairs.append("hang_service_fields_ignored")

    def utc(local: datetime | None) -> datetime | None:
        if local is None:
            return None
        try:
            return local_to_utc(local, zone)
        except NonexistentLocalTime as exc:
            raise Rejected("nonexistent_local_time", str(exc)) from None

    contact_id = f"{file_stem}-{f['vru+line']}-{f['call_id']}"
    contact = {
        "contact_id": contact_id,
        "initial_contact_id": contact_id,
        "channel": "voice",
        "direction": "inbound",
        "initiation_method": "callback" if f["type"] in CALLBACK_TYPES else "inbound",
        "queue_id": f["type"],
        "agent_id": agent,
        "customer_id": None if f["customer_id"] in ("", "0") else f["customer_id"],
        "initiated_at": utc(initiated),
        "enqueued_at": utc(enqueued),
        "connected_at": utc(connected),
        "disconnected_at": utc(disconnected),
        "disconnect_reason": reason,
    }
    return Mapped(contact, repairs)


def adapt_calls(
    path: Path, source_file: str, zone: ZoneInfo, quarantine: Quarantine
) -> tuple[FileAccount, list[dict[str, Any]]]:
    account = FileAccount(source_file, "contacts")
    contacts: list[dict[str, Any]] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].rstrip("\r").split("\t")
    if tuple(header) != HEADER:
        raise ValueError(f"{path}: unexpected header {header}")
    for number, raw in enumerate(lines[1:], 1):
        line = raw.rstrip("\r")
        if not line:
            continue
        account.rows_in += 1
        fields, spaced = split_line(line)
        if fields is None:
            quarantine.add(account, number, "malformed_row", "not 17 tab-separated fields", {"line": line})
            continue
        record = record_of(HEADER, fields)
        try:
            mapped = map_call(record, path.stem, zone)
        except Rejected as rejected:
            quarantine.add(
                account, number, rejected.code, rejected.reason, record_of(HEADER, line.split("\t"))
            )
            continue
        contacts.append(mapped.contact)
        account.landed += 1
        if spaced:
            account.repaired["space_instead_of_tab"] += 1
        for repair in mapped.repairs:
            account.repaired[repair] += 1
    return account, contacts


def adapt_counts(
    path: Path, source_file: str, zone: ZoneInfo, quarantine: Quarantine
) -> tuple[FileAccount, list[dict[str, Any]], dict[datetime, float]]:
    """Arrival counts per 6 minutes; also returns the landed counts by local interval start."""
    account = FileAccount(source_file, "interval_arrivals")
    parsed: list[tuple[int, dict[str, str], datetime, float]] = []
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        for number, values in enumerate(reader, 1):
            account.rows_in += 1
            record = record_of(header, values)
            try:
                local = datetime.fromisoformat(record["interval_start"])
                calls = float(record["calls"])
            except (KeyError, ValueError):
                quarantine.add(
                    account, number, "unparseable_value", "interval_start or calls unreadable", record
                )
                continue
            if not calls >= 0:  # also rejects NaN
                quarantine.add(account, number, "invalid_count", f"calls {record['calls']!r} < 0", record)
                continue
            parsed.append((number, record, local, calls))
    imputed_days = {local.date() for _, _, local, calls in parsed if calls != int(calls)}
    rows: list[dict[str, Any]] = []
    by_local: dict[datetime, float] = {}
    for number, record, local, calls in parsed:
        try:
            start = local_to_utc(local, zone)
        except NonexistentLocalTime as exc:
            quarantine.add(account, number, "nonexistent_local_time", str(exc), record)
            continue
        imputed = local.date() in imputed_days
        rows.append(
            {
                "center_id": CENTER_ID,
                "interval_start": start,
                "interval_minutes": 6,
                "time_zone": zone.key,
                "arrivals": calls,
                "is_imputed": imputed,
            }
        )
        by_local[local] = calls
        account.landed += 1
        if imputed:
            account.repaired["imputed_day_flagged"] += 1
    return account, rows, by_local


def seasonal_forecasts(by_local: dict[datetime, float], zone: ZoneInfo) -> list[dict[str, Any]]:
    """Forecast per local 30-minute interval = arrivals of the same interval one week earlier."""
    slots: dict[datetime, list[float]] = defaultdict(list)
    for local, calls in by_local.items():
        minute = local.hour * 60 + local.minute
        slots[day_start(local.date()) + timedelta(minutes=minute - minute % 30)].append(calls)
    complete = {start: sum(v) for start, v in slots.items() if len(v) == 5}
    if not complete:
        return []
    first, last = min(complete).date(), max(complete).date()
    rows = []
    day: date = first + SEASON
    while day <= last:
        created = local_to_utc(day_start(day), zone)
        for k in range(48):
            target = day_start(day) + k * FORECAST_SLOT
            basis = complete.get(target - SEASON)
            if basis is None:
                continue
            try:
                start = local_to_utc(target, zone)
            except NonexistentLocalTime:
                continue
            rows.append(
                {
                    "queue_id": CENTER_ID,
                    "interval_start": start,
                    "forecast_created_at": created,
                    "interval_minutes": 30,
                    "forecast_contacts": basis,
                }
            )
        day += timedelta(days=1)
    return rows


def queue_rows(types: set[str]) -> list[dict[str, Any]]:
    rows = [
        {
            "queue_id": t,
            "queue_name": SERVICE_TYPES.get(t, f"Undocumented service type {t}"),
            "channel": "voice",
            "time_zone": TIME_ZONE,
        }
        for t in sorted(types)
    ]
    rows.append(
        {
            "queue_id": CENTER_ID,
            "queue_name": "Whole center (arrival counts and forecasts only)",
            "channel": "voice",
            "time_zone": TIME_ZONE,
        }
    )
    return rows


def agent_rows(contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One roster row per server name; its version time is the agent's first connection in the data."""
    first: dict[str, datetime] = {}
    for c in contacts:
        agent, at = c["agent_id"], c["connected_at"]
        if agent is not None and (agent not in first or at < first[agent]):
            first[agent] = at
    return [{"agent_id": a, "agent_name": a, "updated_at": first[a]} for a in sorted(first)]


def adapt(landing: Path, data_dir: Path = DATA_DIR) -> AdapterResult:
    zone = ZoneInfo(TIME_ZONE)
    result = AdapterResult("bank", landing)
    quarantine = Quarantine()
    contacts: list[dict[str, Any]] = []
    for name in CALL_FILES:
        account, rows = adapt_calls(data_dir / CALLS_DIR / name, f"{CALLS_DIR}/{name}", zone, quarantine)
        result.accounts.append(account)
        result.table_rows["contacts"] += write_table(landing, "contacts", Path(name).stem, rows)
        contacts.extend(rows)
    counts_account, arrivals, by_local = adapt_counts(
        data_dir / COUNTS_DIR / COUNTS_FILE, f"{COUNTS_DIR}/{COUNTS_FILE}", zone, quarantine
    )
    result.accounts.append(counts_account)
    result.table_rows["interval_arrivals"] += write_table(
        landing, "interval_arrivals", Path(COUNTS_FILE).stem, arrivals
    )
    result.table_rows["forecasts"] += write_table(
        landing, "forecasts", "seasonal_naive_weekly", seasonal_forecasts(by_local, zone)
    )
    result.table_rows["queues"] += write_table(
        landing, "queues", "queues", queue_rows({c["queue_id"] for c in contacts})
    )
    result.table_rows["agents"] += write_table(landing, "agents", "agents", agent_rows(contacts))
    result.table_rows["quarantine"] += write_table(landing, "quarantine", "bank", quarantine.rows)
    result.check()
    return result
