"""Print the compact KPI summary: per queue, the latest local day in the warehouse.

Reads ``marts.kpi_queue_daily`` read-only (the ratios come from the warehouse's KPI macros; this
script only formats them).

Usage: ``python -m contact_center.pipeline.summary [--warehouse FILE] [--date YYYY-MM-DD]``
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from contact_center.reading import WarehouseUnavailable, open_read_only
from contact_center.settings import warehouse_path

COLUMNS = (
    "queue_id",
    "queue_name",
    "channel",
    "offered",
    "answered",
    "abandonment_rate",
    "asa_seconds",
    "service_level",
    "aht_seconds",
)


def latest_day_kpis(warehouse: Path, day: date | None = None) -> tuple[date | None, list[dict[str, object]]]:
    with open_read_only(warehouse) as con:
        if day is None:
            row = con.execute("select max(date_day) from marts.kpi_queue_daily where offered > 0").fetchone()
            day = row[0] if row else None
        if day is None:
            return None, []
        cursor = con.execute(
            f"select {', '.join(COLUMNS)} from marts.kpi_queue_daily "
            "where date_day = ? and offered > 0 order by queue_id",
            [day],
        )
        names = [d[0] for d in cursor.description]
        return day, [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _fmt(value: object, kind: str) -> str:
    if value is None:
        return "-"
    if kind == "pct":
        return f"{float(value):.1%}"  # type: ignore[arg-type]
    if kind == "sec":
        return f"{float(value):.0f}s"  # type: ignore[arg-type]
    return str(value)


def render(day: date | None, rows: list[dict[str, object]]) -> str:
    if day is None:
        return "no offered contacts in the warehouse yet"
    header = (
        f"{'queue':<24} {'channel':<7} {'offered':>8} {'answered':>8} "
        f"{'abandon':>8} {'ASA':>6} {'SL':>7} {'AHT':>6}"
    )
    lines = [f"KPI summary for {day} (local day per queue)", header, "-" * len(header)]
    for r in rows:
        name = f"{r['queue_id']} {r['queue_name'] or ''}"[:24]
        lines.append(
            f"{name:<24} {r['channel'] or '':<7} {r['offered']:>8} {r['answered']:>8} "
            f"{_fmt(r['abandonment_rate'], 'pct'):>8} {_fmt(r['asa_seconds'], 'sec'):>6} "
            f"{_fmt(r['service_level'], 'pct'):>7} {_fmt(r['aht_seconds'], 'sec'):>6}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    parser.add_argument("--date", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    try:
        print(render(*latest_day_kpis(args.warehouse, args.date)))
    except WarehouseUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
