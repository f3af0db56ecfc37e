"""Help-desk event log of an Italian software company (2010-2014) onto the raw contract (``tickets``).

``data/real/helpdesk_italian_company/helpdesk_event_log.csv`` has one row per ticket event; every event
row that is not quarantined is folded into its ticket (``Case ID``), one ``tickets`` row per case:

- Time zone Europe/Rome: the timestamps are local and land as UTC (a time repeated by the autumn change is
  read as its first occurrence).
- ``created_at`` = the first event; ``first_agent_reply_at`` = the first ``Take in charge ticket`` (the log
  has no replies; taking the ticket in charge is the first agent action the customer sees);
  ``first_resolved_at`` / ``last_resolved_at`` = the first / last ``Resolve ticket``; ``reopen_count`` =
  resolutions - 1 (0 without a resolution); ``updated_at`` = the last event.
- ``status``: ``closed`` if the ticket has a ``Closed`` event, else ``solved`` if it has a resolution, else
  ``open``. The contract has no closing time; ``Closed`` shows only in the status.
- Queue = ``support_section`` (constant within every case, unlike ``workgroup`` which changes within 5
  cases): queue ``SECTION_<n>`` for ``Value <n>``, time zone Europe/Rome, channel unknown (null).
- ``assignee_agent_id`` = ``Resource`` of the last ``Take in charge ticket``; ``customer_id`` = ``customer``
  of the first event. Channel is not in the source and stays null.

Quarantined event rows (reason codes): ``duplicate_event`` (an exact copy of an earlier row: 127 rows, 88 of
them ``Resolve ticket`` that would otherwise count as reopens), ``missing_case_id``, ``unparseable_value``
(timestamp) and ``nonexistent_local_time``.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from contact_center.real.common import (
    DATA_DIR,
    AdapterResult,
    FileAccount,
    NonexistentLocalTime,
    Quarantine,
    local_to_utc,
    record_of,
    write_table,
)

SOURCE_DIR = "helpdesk_italian_company"
SOURCE_FILE = "helpdesk_event_log.csv"
TIME_ZONE = "Europe/Rome"
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S.%f"
TAKE_IN_CHARGE = "Take in charge ticket"
RESOLVE = "Resolve ticket"
CLOSED = "Closed"
VALUE = re.compile(r"Value (\d+)")


@dataclass(frozen=True)
class Event:
    row: int
    at: datetime  # UTC
    activity: str
    resource: str
    customer: str
    section: str


def queue_id(section: str) -> str:
    match = VALUE.fullmatch(section)
    return f"SECTION_{match[1]}" if match else f"SECTION_{re.sub(r'[^A-Za-z0-9]+', '_', section).upper()}"


def ticket_row(case: str, events: list[Event]) -> dict[str, Any]:
    events = sorted(events, key=lambda e: (e.at, e.row))
    taken = [e for e in events if e.activity == TAKE_IN_CHARGE]
    resolved = [e.at for e in events if e.activity == RESOLVE]
    closed = any(e.activity == CLOSED for e in events)
    return {
        "ticket_id": case,
        "queue_id": queue_id(events[0].section),
        "customer_id": events[0].customer or None,
        "assignee_agent_id": (taken[-1].resource or None) if taken else None,
        "created_at": events[0].at,
        "first_agent_reply_at": taken[0].at if taken else None,
        "first_resolved_at": resolved[0] if resolved else None,
        "last_resolved_at": resolved[-1] if resolved else None,
        "status": "closed" if closed else ("solved" if resolved else "open"),
        "reopen_count": max(len(resolved) - 1, 0),
        "updated_at": events[-1].at,
    }


def adapt(landing: Path, data_dir: Path = DATA_DIR) -> AdapterResult:
    zone = ZoneInfo(TIME_ZONE)
    result = AdapterResult("helpdesk", landing)
    quarantine = Quarantine()
    account = FileAccount(f"{SOURCE_DIR}/{SOURCE_FILE}", "tickets")
    cases: dict[str, list[Event]] = defaultdict(list)
    first_copy: dict[tuple[str, ...], int] = {}
    with (data_dir / SOURCE_DIR / SOURCE_FILE).open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        column = {
            name: header.index(name) for name in ("Case ID", "Activity", "Resource", "Complete Timestamp")
        }
        column |= {name: header.index(name) for name in ("customer", "support_section")}
        for number, values in enumerate(reader, 1):
            account.rows_in += 1
            key = tuple(values)
            if key in first_copy:
                quarantine.add(
                    account,
                    number,
                    "duplicate_event",
                    f"exact duplicate of data row {first_copy[key]}",
                    record_of(header, values),
                )
                continue
            first_copy[key] = number
            if len(values) != len(header) or not values[column["Case ID"]].strip():
                quarantine.add(
                    account,
                    number,
                    "missing_case_id",
                    "no Case ID (or a short row)",
                    record_of(header, values),
                )
                continue
            stamp = values[column["Complete Timestamp"]]
            try:
                at = local_to_utc(datetime.strptime(stamp, TIMESTAMP_FORMAT), zone)
            except NonexistentLocalTime as exc:
                quarantine.add(account, number, "nonexistent_local_time", str(exc), record_of(header, values))
                continue
            except ValueError:
                quarantine.add(
                    account, number, "unparseable_value", f"timestamp {stamp!r}", record_of(header, values)
                )
                continue
            cases[values[column["Case ID"]].strip()].append(
                Event(
                    row=number,
                    at=at,
                    activity=values[column["Activity"]].strip(),
                    resource=values[column["Resource"]].strip(),
                    customer=values[column["customer"]].strip(),
                    section=values[column["support_section"]].strip(),
                )
            )
            account.landed += 1
    result.accounts.append(account)
    tickets = [ticket_row(case, events) for case, events in cases.items()]
    first_seen: dict[str, datetime] = {}
    for events in cases.values():
        for e in events:
            if e.resource and (e.resource not in first_seen or e.at < first_seen[e.resource]):
                first_seen[e.resource] = e.at
    agents = [{"agent_id": a, "agent_name": a, "updated_at": first_seen[a]} for a in sorted(first_seen)]
    queues = [
        {
            "queue_id": q,
            "queue_name": f"Support section {section}",
            "time_zone": TIME_ZONE,
        }
        for q, section in sorted({(queue_id(e[0].section), e[0].section) for e in cases.values()})
    ]
    stem = Path(SOURCE_FILE).stem
    result.table_rows["tickets"] += write_table(landing, "tickets", stem, tickets)
    result.table_rows["agents"] += write_table(landing, "agents", "agents", agents)
    result.table_rows["queues"] += write_table(landing, "queues", "queues", queues)
    result.table_rows["quarantine"] += write_table(landing, "quarantine", "helpdesk", quarantine.rows)
    result.check()
    return result
