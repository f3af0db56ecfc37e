"""PwC "Call Centre Trends" (fictional telecom, Q1 2021) onto the raw contract.

One contact per row of ``data/real/pwc_call_center/call_center_dataset.csv``, all in one voice queue ``PWC``:

- Time zone: the sheet names none. Its clock times are landed as if they were UTC and the queue's
  ``time_zone`` is ``UTC``, so local days and intervals in the warehouse are exactly the sheet's.
- ``initiated_at`` = ``enqueued_at`` = Date + Time (the sheet has no IVR stage; every call is offered).
- Answered (``Y``): ``connected_at`` = enqueued + ``Speed of answer in seconds`` (the wait),
  ``disconnected_at`` = connected + ``AvgTalkDuration`` (despite its name, this call's talk time).
- Unanswered (``N``): no ``connected_at`` and no ``disconnected_at``: the sheet does not say when the caller
  gave up, so the wait is unknown (null), never 0. ``disconnect_reason`` stays null (the warehouse reads a
  null reason on an unanswered offered call as a customer abandon).
- ``agent_id`` = Agent on every row: the sheet routes each call, answered or not, to a named agent, which
  is what its per-agent answer rate rests on. An unanswered call is never "handled" (no connection).
- ``contact_reason`` = Topic as an upper-case code (``TECHNICAL_SUPPORT``); ``resolution_status`` =
  Resolved (``Y`` resolved / ``N`` unresolved) for answered calls; null for unanswered calls, which carry
  ``N`` but were never dispositioned by an agent.
- ``Satisfaction rating`` -> one ``surveys`` row (csat, scale 1-5) linked to the call; the sheet has no
  response time, so ``responded_at`` is null (surveys count on the day of the surveyed contact).
- Not in the source, left null: customer, hold, ACW, IVR time, queue SL settings, sale outcome.

Quarantined (reason codes): ``unparseable_value`` (date, time, speed, duration or rating unreadable),
``inconsistent_answer_fields`` (answered without a speed or talk time, or unanswered with one),
``rating_out_of_scale`` and ``duplicate_call_id``. The delivered file has none of these.
"""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from contact_center.real.common import (
    DATA_DIR,
    AdapterResult,
    FileAccount,
    Quarantine,
    record_of,
    write_table,
)

SOURCE_DIR = "pwc_call_center"
SOURCE_FILE = "call_center_dataset.csv"
QUEUE_ID = "PWC"
TIME_ZONE = "UTC"
SCALE = (1, 5)
DURATION = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})")


class Rejected(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def reason_code(topic: str) -> str:
    """Topic as a contact-reason code: ``Technical Support`` -> ``TECHNICAL_SUPPORT``."""
    return re.sub(r"[^A-Z0-9]+", "_", topic.strip().upper()).strip("_")


def _duration(text: str) -> timedelta:
    match = DURATION.fullmatch(text)
    if not match:
        raise Rejected("unparseable_value", f"AvgTalkDuration {text!r} is not hh:mm:ss")
    h, m, s = (int(g) for g in match.groups())
    return timedelta(hours=h, minutes=m, seconds=s)


def map_row(r: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A sheet row as (contacts row, surveys row or None); raises Rejected to quarantine it."""
    try:
        started = datetime.fromisoformat(f"{r['Date']}T{r['Time']}").replace(tzinfo=UTC)
    except ValueError:
        raise Rejected("unparseable_value", f"Date/Time {r['Date']!r} {r['Time']!r} unreadable") from None
    answered = r["Answered (Y/N)"].strip().upper()
    speed, talk, rating = (
        r["Speed of answer in seconds"].strip(),
        r["AvgTalkDuration"].strip(),
        r["Satisfaction rating"].strip(),
    )
    if answered not in ("Y", "N"):
        raise Rejected("unparseable_value", f"Answered {answered!r} is not Y or N")
    if (answered == "Y") != bool(speed) or (answered == "Y") != bool(talk):
        raise Rejected(
            "inconsistent_answer_fields", "speed of answer and talk time must be given iff answered"
        )
    connected = disconnected = None
    if answered == "Y":
        try:
            wait = timedelta(seconds=int(speed))
        except ValueError:
            raise Rejected("unparseable_value", f"speed of answer {speed!r} is not whole seconds") from None
        if wait < timedelta(0):
            raise Rejected("unparseable_value", f"speed of answer {speed!r} is negative")
        connected = started + wait
        disconnected = connected + _duration(talk)
    score: int | None = None
    if rating:
        try:
            score = int(rating)
        except ValueError:
            raise Rejected("unparseable_value", f"rating {rating!r} is not an integer") from None
        if not SCALE[0] <= score <= SCALE[1]:
            raise Rejected("rating_out_of_scale", f"rating {score} outside {SCALE[0]}-{SCALE[1]}")
    resolved = r["Resolved"].strip().upper()
    call_id = r["Call Id"].strip()
    contact = {
        "contact_id": call_id,
        "initial_contact_id": call_id,
        "channel": "voice",
        "direction": "inbound",
        "initiation_method": "inbound",
        "queue_id": QUEUE_ID,
        "agent_id": r["Agent"].strip() or None,
        "initiated_at": started,
        "enqueued_at": started,
        "connected_at": connected,
        "disconnected_at": disconnected,
        "contact_reason": reason_code(r["Topic"]) or None,
        "resolution_status": (
            None if answered == "N" else {"Y": "resolved", "N": "unresolved"}.get(resolved)
        ),
    }
    survey = None
    if score is not None:
        survey = {
            "survey_response_id": f"{call_id}-csat",
            "contact_id": call_id,
            "survey_type": "csat",
            "score": score,
            "scale_min": SCALE[0],
            "scale_max": SCALE[1],
        }
    return contact, survey


def adapt(landing: Path, data_dir: Path = DATA_DIR) -> AdapterResult:
    result = AdapterResult("pwc", landing)
    quarantine = Quarantine()
    account = FileAccount(f"{SOURCE_DIR}/{SOURCE_FILE}", "contacts")
    contacts: list[dict[str, Any]] = []
    surveys: list[dict[str, Any]] = []
    seen: set[str] = set()
    with (data_dir / SOURCE_DIR / SOURCE_FILE).open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        for number, values in enumerate(reader, 1):
            account.rows_in += 1
            record = record_of(header, values)
            try:
                if len(values) != len(header):
                    raise Rejected("unparseable_value", f"{len(values)} fields, header has {len(header)}")
                contact, survey = map_row(record)
                if contact["contact_id"] in seen:
                    raise Rejected(
                        "duplicate_call_id", f"Call Id {contact['contact_id']} seen on an earlier row"
                    )
            except Rejected as rejected:
                quarantine.add(account, number, rejected.code, rejected.reason, record)
                continue
            seen.add(contact["contact_id"])
            contacts.append(contact)
            if survey is not None:
                surveys.append(survey)
            account.landed += 1
    result.accounts.append(account)
    first_seen: dict[str, datetime] = {}
    for c in contacts:
        agent = c["agent_id"]
        if agent is not None and (agent not in first_seen or c["initiated_at"] < first_seen[agent]):
            first_seen[agent] = c["initiated_at"]
    agents = [{"agent_id": a, "agent_name": a, "updated_at": first_seen[a]} for a in sorted(first_seen)]
    queue = {
        "queue_id": QUEUE_ID,
        "queue_name": "Call centre (PwC exercise)",
        "channel": "voice",
        "time_zone": TIME_ZONE,
    }
    stem = Path(SOURCE_FILE).stem
    result.table_rows["contacts"] += write_table(landing, "contacts", stem, contacts)
    result.table_rows["surveys"] += write_table(landing, "surveys", stem, surveys)
    result.table_rows["agents"] += write_table(landing, "agents", "agents", agents)
    result.table_rows["queues"] += write_table(landing, "queues", "queues", [queue])
    result.table_rows["quarantine"] += write_table(landing, "quarantine", "pwc", quarantine.rows)
    result.check()
    return result
