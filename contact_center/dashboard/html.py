"""HTML of the KPI dashboard: one self-contained page (inline CSS, JS and data; nothing fetched).

The page is a skeleton of panels; ``assets/charts.js`` fills every panel from the JSON embedded in the
page for the date focus (latest day, last 7 days, any range within the data) and the queue chosen in
the toolbar, and redraws them all when either changes.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).parent / "assets"

# Panels, in page order: (id, title, note). charts.js draws each by id; a panel whose inputs the data
# does not cover is replaced by a one-line reason.
PANELS: tuple[tuple[str, str, str], ...] = (
    (
        "queues",
        "Queues against target",
        "One row per queue over the focus; red misses the queue's target, the grey n/d under each ratio are "
        "the summed numerator and denominator. Click a column to sort, a queue to drill into it.",
    ),
    (
        "tiles",
        "KPIs of the focus",
        "Every KPI family the marts hold, for the queue and dates in focus, against its target.",
    ),
    (
        "sl-heatmap",
        "Service level by 30-minute interval",
        "Per local day and interval of queue entry, cropped to the queue's open hours. Hover a cell for n/d.",
    ),
    (
        "asa-heatmap",
        "ASA by 30-minute interval",
        "Average speed of answer per local day and interval. Hover a cell for the answered count.",
    ),
    (
        "staffing-heatmap",
        "Staffing against Erlang C",
        "Agents scheduled on queue minus the Erlang C agents required for the queue's service-level target "
        "at the volume and AHT that came: red is understaffed, blue overstaffed (real-time queues).",
    ),
    (
        "trends",
        "Daily trends against targets",
        "Per local day of the focus; dashed lines are the queue's targets.",
    ),
    (
        "tickets",
        "Tickets: backlog, first response, resolution",
        "Backlog is the count of open tickets at the end of each day (a snapshot, never summed over days).",
    ),
    (
        "workforce",
        "Workforce: occupancy, adherence, shrinkage",
        "Center level per day (agents work across queues).",
    ),
    (
        "forecast",
        "Forecast against actual",
        "Offered contacts per local day against the latest forecast made before each interval.",
    ),
    (
        "agents",
        "Agent scorecards",
        "Contact KPIs for the queue in focus, time KPIs (occupancy, adherence) over all the agent's queues. "
        "Click a column to sort (click again to reverse); type to filter by agent, team or site.",
    ),
    (
        "customers",
        "Customers",
        "Per calendar month overlapping the focus (month-level KPIs; they do not add over months).",
    ),
)


def _script_json(data: dict[str, Any]) -> str:
    # "</" would end the script element early; "<\/" is the same string to JSON.
    return json.dumps(data, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")


def _panel(panel_id: str, title: str, note: str) -> str:
    return (
        f'<section class="panel" id="panel-{panel_id}" data-panel="{panel_id}">'
        f'<h2>{escape(title)} <span class="focus-label"></span></h2><p class="note">{escape(note)}</p>'
        f'<p class="hidden-reason" hidden></p><div class="panel-body"></div></section>'
    )


def _toolbar(data: dict[str, Any]) -> str:
    days = data["days"]
    first, last = (days[0], days[-1]) if days else ("", "")
    options = [f'<option value="{escape(data["all_queues"])}">All queues</option>'] + [
        f'<option value="{escape(q["queue_id"])}">{escape(q["queue_id"])} {escape(q["queue_name"] or "")} '
        f"({escape(q['channel'] or '')})</option>"
        for q in data["queues"]
    ]
    return (
        '<nav class="toolbar" id="toolbar" aria-label="Focus">'
        '<div class="focus-buttons" role="group" aria-label="Date focus">'
        '<button type="button" data-focus="latest">Latest day</button>'
        '<button type="button" data-focus="week">Last 7 days</button>'
        '<button type="button" data-focus="all">All days</button></div>'
        f'<label>From <input type="date" id="date-from" min="{first}" max="{last}" value="{first}"></label>'
        f'<label>to <input type="date" id="date-to" min="{first}" max="{last}" value="{last}"></label>'
        f'<label>Queue <select id="queue-select">{"".join(options)}</select></label>'
        '<span id="focus-summary" class="focus-summary" aria-live="polite"></span></nav>'
    )


def render(data: dict[str, Any]) -> str:
    """The whole page as one string."""
    days = data["days"]
    period = f"data {days[0]} to {days[-1]}" if days else "no data"
    css = (ASSETS / "report.css").read_text()
    js = (ASSETS / "charts.js").read_text()
    panels = "".join(_panel(*p) for p in PANELS)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Contact-center KPI dashboard</title>"
        f"<style>{css}</style></head><body>"
        "<header><h1>Contact-center KPI dashboard</h1>"
        f"<p>{escape(period)} &middot; warehouse {escape(data['warehouse'])} &middot; generated "
        f"{escape(data['generated'])} &middot; days and intervals are local to each queue</p></header>"
        f"{_toolbar(data)}<main>{panels}</main>"
        "<footer>Every figure is read from the warehouse's dbt report views (rpt_dashboard_*): per day they "
        "carry each KPI's numerator and denominator as the KPI macros define them, and the page shows a date "
        "range as sum(numerator) / sum(denominator) (rule 1 of the KPI catalog, docs/kpi_catalog.md). "
        "n/a: zero denominator or input not delivered.</footer>"
        f'<script id="report-data" type="application/json">{_script_json(data)}</script>'
        f"<script>{js}</script>"
        "</body></html>\n"
    )
