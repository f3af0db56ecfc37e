"""Write small, hand-made export files in the contract's shape for landing and guard tests."""

from __future__ import annotations

import csv
from pathlib import Path

from contact_center.contract import raw_tables

DEFAULTS: dict[str, dict[str, str]] = {
    "queues": {
        "queue_id": "Q01",
        "queue_name": "Billing",
        "channel": "voice",
        "time_zone": "America/New_York",
        "sl_threshold_seconds": "20",
        "sl_target": "0.8",
        "short_abandon_seconds": "5",
        "updated_at": "2026-01-01T00:00:00Z",
    },
    "agents": {
        "agent_id": "A1",
        "agent_name": "Ada",
        "team": "T1",
        "site": "NYC",
        "hire_date": "2024-01-01",
        "hourly_cost": "25.0",
        "updated_at": "2026-01-01T00:00:00Z",
    },
    "contacts": {
        "contact_id": "C1",
        "channel": "voice",
        "direction": "inbound",
        "initiation_method": "inbound",
        "queue_id": "Q01",
        "agent_id": "A1",
        "customer_id": "K1",
        "initiated_at": "2026-01-05T14:00:00Z",
        "enqueued_at": "2026-01-05T14:00:10Z",
        "connected_at": "2026-01-05T14:00:25Z",
        "disconnected_at": "2026-01-05T14:05:25Z",
        "acw_ended_at": "2026-01-05T14:06:25Z",
        "hold_seconds": "0",
        "hold_count": "0",
        "disconnect_reason": "customer",
        "contact_reason": "BILLING",
        "resolution_status": "resolved",
        "updated_at": "2026-01-05T14:06:25Z",
    },
    "surveys": {
        "survey_response_id": "S1",
        "contact_id": "C1",
        "customer_id": "K1",
        "survey_type": "csat",
        "score": "5",
        "scale_min": "1",
        "scale_max": "5",
        "responded_at": "2026-01-05T15:00:00Z",
    },
    "agent_states": {
        "agent_id": "A1",
        "state": "available",
        "state_started_at": "2026-01-05T13:00:00Z",
        "state_ended_at": "2026-01-05T13:30:00Z",
    },
    "schedules": {
        "agent_id": "A1",
        "starts_at": "2026-01-05T13:00:00Z",
        "ends_at": "2026-01-05T21:00:00Z",
        "activity": "on_queue",
        "queue_id": "Q01",
    },
    "forecasts": {
        "queue_id": "Q01",
        "interval_start": "2026-01-05T14:00:00Z",
        "forecast_created_at": "2026-01-01T00:00:00Z",
        "interval_minutes": "30",
        "forecast_contacts": "12.5",
        "forecast_aht_seconds": "300",
    },
    "tickets": {
        "ticket_id": "T1",
        "channel": "email",
        "queue_id": "Q01",
        "customer_id": "K1",
        "assignee_agent_id": "A1",
        "created_at": "2026-01-05T10:00:00Z",
        "first_agent_reply_at": "2026-01-05T11:00:00Z",
        "status": "open",
        "reopen_count": "0",
        "updated_at": "2026-01-05T11:00:00Z",
    },
    "employee_surveys": {
        "response_id": "E1",
        "agent_id": "A1",
        "responded_at": "2026-01-05T12:00:00Z",
        "esat_score": "4",
        "enps_score": "9",
    },
    "costs": {"cost_date": "2026-01-05", "site": "NYC", "category": "telephony", "amount": "100.0"},
}
QUEUE = DEFAULTS["queues"]


def row(table: str, **overrides: str) -> dict[str, str]:
    """A valid row of `table` with any column overridden."""
    values = dict(DEFAULTS[table])
    values.update(overrides)
    return values


def contact(contact_id: str, **overrides: str) -> dict[str, str]:
    """An answered inbound voice leg on 2026-01-05, with any column overridden."""
    return row("contacts", contact_id=contact_id, initial_contact_id=contact_id, **overrides)


def write_csv(path: Path, table: str, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    """Write rows under the contract's columns (or `columns`, to fake a broken export)."""
    header = columns or list(raw_tables()[table].columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({c: r.get(c, "") for c in header})
    return path
