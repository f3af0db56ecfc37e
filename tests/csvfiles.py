"""Write small, hand-made export files in the contract's shape for landing tests."""

from __future__ import annotations

import csv
from pathlib import Path

from scripts.contract import raw_tables

QUEUE = {
    "queue_id": "Q01",
    "queue_name": "Billing",
    "channel": "voice",
    "time_zone": "America/New_York",
    "sl_threshold_seconds": "20",
    "sl_target": "0.8",
    "short_abandon_seconds": "5",
    "updated_at": "2026-01-01T00:00:00Z",
}


def contact(contact_id: str, **overrides: str) -> dict[str, str]:
    """An answered inbound voice leg on 2026-01-05, with any column overridden."""
    row = {
        "contact_id": contact_id,
        "initial_contact_id": contact_id,
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
    }
    row.update(overrides)
    return row


def write_csv(path: Path, table: str, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    """Write rows under the contract's columns (or `columns`, to fake a broken export)."""
    header = columns or list(raw_tables()[table].columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in header})
    return path
