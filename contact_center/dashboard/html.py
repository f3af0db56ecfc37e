"""HTML of the KPI dashboard: one self-contained page (inline CSS, JS and data; nothing fetched).

Tables (summary tiles, queue comparison, agent scorecards) are written here; the charts are drawn in
the browser by report_assets/charts.js from the JSON embedded in the page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).parent / "assets"

# Chart containers: (data-chart name, section title, note, redrawn when the queue changes).
CHARTS = (
    (
        "sl-heatmap",
        "Service level by 30-minute interval",
        "Answered within the queue's threshold T / (offered - short abandons), per local day and interval of "
        "queue entry. Hover a cell for the counts.",
        True,
    ),
    (
        "asa-heatmap",
        "ASA by 30-minute interval",
        "Average speed of answer: wait of answered contacts / answered, per local day and interval.",
        True,
    ),
    (
        "daily-trends",
        "Daily trends against targets",
        "Per queue and local day; dashed lines are the queue's service-level target and the center's "
        "targets (seed kpi_targets). Queue-access KPIs count on the day of queue entry, AHT on the day "
        "handling ended.",
        False,
    ),
    (
        "queue-comparison",
        "Queue comparison",
        "Whole period, components summed per queue before dividing. Green meets the target, red misses it.",
        False,
    ),
    (
        "agent-scatter",
        "Agents: AHT against contacts handled",
        "One dot per agent, coloured by team; the dashed line is the AHT target. Scorecards below.",
        False,
    ),
    (
        "survey-trends",
        "Survey trends",
        "Center level, per local day of the surveyed contact (responses with no matching contact on the day "
        "they were given). Hover a point for the number of responses.",
        False,
    ),
    (
        "staffing",
        "Staffing: required vs scheduled agents",
        "Per local 30-minute interval: Erlang C agents required for the queue's SL target at the actual "
        "volume and AHT, against agents scheduled on queue (real-time queues).",
        True,
    ),
    (
        "forecast",
        "Forecast vs actual",
        "Offered contacts per local day against the latest forecast made before each interval; hover a point "
        "for WAPE and bias.",
        True,
    ),
)


def _pct(v: Any, digits: int = 1) -> str:
    return "n/a" if v is None else f"{100 * float(v):.{digits}f}%"


def _sec(v: Any) -> str:
    return "n/a" if v is None else f"{float(v):.0f} s"


def _num(v: Any, digits: int = 0) -> str:
    return "n/a" if v is None else f"{float(v):,.{digits}f}"


def _hours(seconds: Any) -> str:
    return "n/a" if seconds is None else f"{float(seconds) / 3600:,.1f} h"


def _tile(label: str, value: str, counts: str) -> str:
    return (
        f'<div class="tile"><div class="label">{escape(label)}</div>'
        f'<div class="value">{escape(value)}</div><div class="counts">{escape(counts)}</div></div>'
    )


def _tiles(summary: dict[str, Any], targets: dict[str, float]) -> str:
    s = summary
    short = s["abandoned_short"] or 0
    tiles = [
        _tile(
            "Offered", _num(s["offered"]), f"{_num(s['answered'])} answered, {_num(s['abandoned'])} abandoned"
        ),
        _tile(
            "Service level",
            _pct(s["service_level"]),
            f"{_num(s['answered_within_t'])} within T / {_num((s['offered'] or 0) - short)}",
        ),
        _tile("ASA", _sec(s["asa_seconds"]), f"over {_num(s['answered'])} answered"),
        _tile(
            "Abandonment rate",
            _pct(s["abandonment_rate"]),
            f"{_num((s['abandoned'] or 0) - short)} of {_num((s['offered'] or 0) - short)} (short excluded)",
        ),
        _tile("AHT", _sec(s["aht_seconds"]), f"over {_num(s['handled'])} handled"),
    ]
    if targets:
        shown = ", ".join(
            f"{k.replace('_', ' ')} {_pct(v, 0) if v <= 1 else _sec(v)}" for k, v in sorted(targets.items())
        )
        tiles.append(_tile("Center targets", "", shown))
    return '<div class="tiles">' + "".join(tiles) + "</div>"


def _cell(value: str, n: str | None = None, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    extra = f'<span class="n">{escape(n)}</span>' if n else ""
    return f"<td{cls}>{escape(value)}{extra}</td>"


def _table(headers: list[str], body: list[str], text_columns: int) -> str:
    head = "".join(
        f'<th class="text">{escape(h)}</th>' if i < text_columns else f"<th>{escape(h)}</th>"
        for i, h in enumerate(headers)
    )
    rows = "".join(body)
    return f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def _miss(value: Any, target: float | None, higher_is_better: bool) -> str:
    if value is None or target is None:
        return ""
    return "" if (value >= target if higher_is_better else value <= target) else "bad"


def _queue_table(rows: list[dict[str, Any]], targets: dict[str, float]) -> str:
    headers = [
        "queue",
        "channel",
        "offered",
        "service level",
        "ASA",
        "abandonment",
        "AHT",
        "transfer rate",
        "FCR",
        "CSAT",
    ]
    body = []
    for r in rows:
        short = r["abandoned_short"] or 0
        body.append(
            "<tr>"
            + f'<td class="text">{escape(r["queue_id"])} {escape(r["queue_name"] or "")}</td>'
            + f'<td class="text">{escape(r["channel"] or "")}</td>'
            + _cell(_num(r["offered"]))
            + _cell(
                _pct(r["service_level"]),
                f"{r['answered_within_t']}/{(r['offered'] or 0) - short}",
                _miss(r["service_level"], r["sl_target"], True),
            )
            + _cell(
                _sec(r["asa_seconds"]),
                f"n={r['answered']}",
                _miss(r["asa_seconds"], targets.get("asa_seconds"), False),
            )
            + _cell(
                _pct(r["abandonment_rate"]),
                f"{(r['abandoned'] or 0) - short}/{(r['offered'] or 0) - short}",
                _miss(r["abandonment_rate"], targets.get("abandonment_rate"), False),
            )
            + _cell(
                _sec(r["aht_seconds"]),
                f"n={r['handled']}",
                _miss(r["aht_seconds"], targets.get("aht_seconds"), False),
            )
            + _cell(_pct(r["transfer_rate"]), f"{r['transferred_out']}/{r['handled']}")
            + _cell(_pct(r["fcr_rate"]), f"{r['fcr_resolved']}/{r['fcr_eligible']}")
            + _cell(_pct(r["csat"]), f"{r['csat_top_box']}/{r['csat_responses']}")
            + "</tr>"
        )
    return _table(headers, body, 2)


def _agent_table(rows: list[dict[str, Any]], targets: dict[str, float]) -> str:
    headers = [
        "agent",
        "team",
        "handled",
        "AHT",
        "hold rate",
        "transfer rate",
        "FCR",
        "CSAT",
        "occupancy",
        "adherence",
        "contacts / hour",
    ]
    body = []
    for r in rows:
        body.append(
            "<tr>"
            + f'<td class="text">{escape(r["agent_id"])} {escape(r["agent_name"] or "")}</td>'
            + f'<td class="text">{escape(r["team"] or "")}</td>'
            + _cell(_num(r["handled"]))
            + _cell(
                _sec(r["aht_seconds"]),
                f"{_hours(r['handle_seconds'])} / {r['handled']}",
                _miss(r["aht_seconds"], targets.get("aht_seconds"), False),
            )
            + _cell(_pct(r["hold_rate"]), f"{r['held']}/{r['handled_hold_known']}")
            + _cell(
                _pct(r["transfer_rate"]),
                f"{r['transferred_out']}/{r['handled']}",
                _miss(r["transfer_rate"], targets.get("transfer_rate"), False),
            )
            + _cell(_pct(r["fcr_rate"]), f"{r['fcr_resolved']}/{r['fcr_eligible']}")
            + _cell(_pct(r["csat"]), f"{r['csat_top_box']}/{r['csat_responses']}")
            + _cell(
                _pct(r["occupancy"]),
                f"{_hours(r['handling_seconds'])} / "
                f"{_hours((r['handling_seconds'] or 0) + (r['available_seconds'] or 0))}",
            )
            + _cell(_pct(r["adherence"]), f"{_hours(r['adherent_seconds'])} / {_hours(r['paid_seconds'])}")
            + _cell(_num(r["contacts_per_hour"], 1), f"{r['handled']} / {_hours(r['logged_in_seconds'])}")
            + "</tr>"
        )
    return _table(headers, body, 2)


def _section(title: str, note: str, inner: str) -> str:
    return f'<section><h2>{escape(title)}</h2><p class="note">{escape(note)}</p>{inner}</section>'


def _chart_section(name: str, title: str, note: str, per_queue: bool) -> str:
    attrs = f'class="chart" id="chart-{name}" data-chart="{name}"' + (" data-per-queue" if per_queue else "")
    suffix = ' <span class="selected-queue"></span>' if per_queue else ""
    return (
        f"<section><h2>{escape(title)}{' -' if per_queue else ''}{suffix}</h2>"
        f'<p class="note">{escape(note)}</p><div {attrs}></div></section>'
    )


def _script_json(data: dict[str, Any]) -> str:
    # "</" would end the script element early; "<\/" is the same string to JSON.
    return json.dumps(data, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")


def render(data: dict[str, Any], now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> str:
    """The whole page as one string."""
    summary = data["summary"]
    targets = data["targets"]
    options = [f'<option value="{escape(data["all_queues"])}">All queues</option>'] + [
        f'<option value="{escape(q["queue_id"])}">{escape(q["queue_id"])} {escape(q["queue_name"] or "")} '
        f"({escape(q['channel'] or '')})</option>"
        for q in data["queues"]
    ]
    charts = {name: _chart_section(name, title, note, per_queue) for name, title, note, per_queue in CHARTS}
    period = f"{summary['first_day']} to {summary['last_day']}" if summary["first_day"] else "no data"
    body = "".join(
        [
            _section(
                "Period at a glance",
                "All queues, whole period; counts behind every ratio.",
                _tiles(summary, targets),
            ),
            '<div class="toolbar">'
            '<label for="queue-select"><b>Queue</b> (heatmaps, staffing, forecast)</label>'
            f'<select id="queue-select">{"".join(options)}</select></div>',
            charts["sl-heatmap"],
            charts["asa-heatmap"],
            charts["daily-trends"],
            charts["queue-comparison"],
            _section(
                "Queue table",
                "Each ratio with its numerator/denominator (grey). Red misses the target.",
                _queue_table(data["queue_comparison"], targets),
            ),
            charts["agent-scatter"],
            _section(
                "Agent scorecards",
                "Whole period. AHT = handle time / handled; occupancy = handling / (handling + available); "
                "adherence = adherent / paid; each with the counts (grey) behind it.",
                _agent_table(data["agents"], targets),
            ),
            charts["survey-trends"],
            charts["staffing"],
            charts["forecast"],
        ]
    )
    css = (ASSETS / "report.css").read_text()
    js = (ASSETS / "charts.js").read_text()
    generated = now().strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Contact-center KPI dashboard</title>"
        f"<style>{css}</style></head><body>"
        "<header><h1>Contact-center KPI dashboard</h1>"
        f"<p>{escape(period)} &middot; warehouse {escape(data['warehouse'])} &middot; generated {generated} "
        "&middot; days and intervals are local to each queue</p></header>"
        f"<main>{body}</main>"
        "<footer>Ratios are computed from summed additive components (rule 1 of the KPI catalog, "
        "docs/kpi_catalog.md) with the formulas of its kpi_* macros; zero denominators show n/a.</footer>"
        f'<script id="report-data" type="application/json">{_script_json(data)}</script>'
        f"<script>{js}</script>"
        "</body></html>\n"
    )
