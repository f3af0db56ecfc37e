"""Write the KPI dashboard: one self-contained HTML file (inline CSS/JS/data, renders offline).

Reads the dashboard's report views (rpt_dashboard_*) of a built or published warehouse on a read-only
DuckDB connection. The page opens on the latest day against target and follows a date focus (latest
day, last 7 days, any range) and a queue: queues against target, every KPI family's tiles, SL / ASA /
staffing heat maps by interval, trends, tickets and backlog, workforce, forecast, sortable agent
scorecards and customers. ``--screenshot`` also renders the page in headless Chromium and saves a PNG.

Usage: ``python -m contact_center.dashboard [--warehouse FILE] [--out reports/dashboard.html]
[--screenshot PNG]``
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from contact_center.contract import PROJECT_DIR
from contact_center.dashboard.data import load
from contact_center.dashboard.html import render
from contact_center.reading import WarehouseUnavailable
from contact_center.settings import warehouse_path


def write_report(warehouse: Path, out: Path) -> Path:
    """Render the dashboard of `warehouse` to `out` (written whole, then renamed into place)."""
    html = render(load(warehouse))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    return out


DASHBOARD_NAME = "dashboard.html"


def publish_dashboard(published: Path, say: Callable[[str], None]) -> str | None:
    """Render the dashboard of a just-published copy next to it (``<publish dir>/dashboard.html``).

    Called by every scheduled refresh after a good publish. The publish stands whatever happens here:
    a failure is logged through `say` and returned as a one-line message (None when it worked), never
    raised, so a dashboard bug cannot fail a refresh whose data is good.
    """
    out = published.parent / DASHBOARD_NAME
    try:
        write_report(published, out)
    except Exception as exc:  # any failure to render leaves the publish as it is
        message = (
            f"dashboard NOT rendered ({type(exc).__name__}: {exc}); the publish stands, {out} is the last one"
        )
        say(f"WARNING: {message}")
        return message
    say(f"dashboard -> {out} ({out.stat().st_size / 1024:,.0f} KiB)")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "reports" / "dashboard.html")
    parser.add_argument(
        "--screenshot", type=Path, help="also save a PNG of the rendered page (needs chromium)"
    )
    args = parser.parse_args(argv)
    try:
        out = write_report(args.warehouse, args.out)
    except WarehouseUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"dashboard written to {out} ({out.stat().st_size / 1024:,.0f} KiB)")
    if args.screenshot:
        from contact_center.dashboard.browser import find_chromium, render_page

        browser = find_chromium()
        if browser is None:
            print("no chromium found (apt-get install -y chromium); screenshot skipped", file=sys.stderr)
            return 1
        result = render_page(browser, out, screenshot=args.screenshot)
        for error in result.errors:
            print(f"browser: {error}", file=sys.stderr)
        print(f"screenshot written to {args.screenshot}")
        return 1 if result.errors else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
