"""The KPI dashboard, driven in real headless Chromium as an operations manager would use it.

The page is opened from disk, the date focus and queue are changed with the toolbar, tables are sorted by
clicking their headers and filtered by typing, and the figures the page then shows are compared with
values computed here independently, in plain Python over the contact legs, agent intervals and tickets
of the marts (not the report views the page reads).

Chromium comes from Debian (`apt-get install -y chromium`). When it is missing the test installs it if
it runs as root with apt-get (set REPORT_TEST_INSTALL_CHROMIUM=0 to forbid that), else the browser tests
are skipped with the reason.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from contact_center.dashboard.browser import Page, find_chromium, render_page
from contact_center.dashboard.build import DASHBOARD_NAME, main, publish_dashboard, write_report
from contact_center.dashboard.data import ALL_QUEUES, load
from tests.conftest import Center

pytestmark = pytest.mark.slow

PANEL_IDS = {
    "panel-queues",
    "panel-tiles",
    "panel-sl-heatmap",
    "panel-asa-heatmap",
    "panel-staffing-heatmap",
    "panel-trends",
    "panel-tickets",
    "panel-workforce",
    "panel-forecast",
    "panel-agents",
    "panel-customers",
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Reads a table of the page: one dict per body row, {key, <kpi>: data-value or text}, in shown order.
TABLE_JS = """(function (id) {
  return JSON.stringify(Array.from(document.querySelectorAll('#' + id + ' tbody tr')).map(function (tr) {
    var row = {key: tr.getAttribute('data-key')};
    Array.from(tr.querySelectorAll('td')).forEach(function (td) {
      var v = td.getAttribute('data-value');
      row[td.getAttribute('data-kpi')] = v === null ? td.textContent : Number(v);
    });
    return row;
  }));
})(%s)"""
TILES_JS = """JSON.stringify(Array.from(document.querySelectorAll('#panel-tiles [data-tile]')).reduce(function (o, t) {
  var v = t.getAttribute('data-value'); o[t.getAttribute('data-tile')] = v === null ? null : Number(v); return o;
}, {}))"""


def _chromium() -> str:
    browser = find_chromium()
    may_install = os.environ.get("REPORT_TEST_INSTALL_CHROMIUM", "1") == "1"
    if browser is None and may_install and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        command = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
        done = subprocess.run(command, env=env, capture_output=True, timeout=1200)
        if done.returncode != 0:  # a fresh image has no package lists yet
            subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600)
            subprocess.run(command, env=env, capture_output=True, timeout=1200)
        browser = find_chromium()
    if browser is None:
        pytest.skip("chromium is not installed and could not be installed here: apt-get install -y chromium")
    return browser


@pytest.fixture(scope="module")
def dashboard(center: Center, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(center.warehouse, tmp_path_factory.mktemp("report") / "dashboard.html")


@pytest.fixture(scope="module")
def page(dashboard: Path) -> Iterator[Page]:
    with Page(_chromium(), dashboard) as p:
        yield p
        errors, external = p.problems()
        assert not errors, errors
        assert not external, external


@pytest.fixture(scope="module")
def legs(center: Center) -> list[dict[str, Any]]:
    return center.dicts("select * from marts.fct_contacts")


def _table(page: Page, table_id: str) -> list[dict[str, Any]]:
    return page.json(TABLE_JS % json.dumps(table_id))


def _close(got: Any, want: float | None, what: object) -> None:
    if want is None:
        assert got is None or got == "n/a", (what, got, want)
    else:
        assert isinstance(got, float | int) and math.isclose(got, want, rel_tol=1e-9), (what, got, want)


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator


def _access(legs: list[dict[str, Any]], days: set[date], queue: str | None) -> dict[str, float | None]:
    """Queue access on the day of queue entry, handling on the day handling ended: plain Python."""
    acc: dict[str, float] = defaultdict(float)
    for leg in legs:
        if queue is not None and leg["queue_id"] != queue:
            continue
        if leg["is_offered"] and leg["queue_date"] in days:
            acc["offered"] += 1
            acc["answered"] += bool(leg["is_answered"])
            acc["abandoned"] += bool(leg["is_abandoned"])
            acc["short"] += bool(leg["is_abandoned"] and leg["wait_seconds"] <= leg["short_abandon_seconds"])
            acc["within_t"] += bool(leg["is_answered"] and leg["wait_seconds"] <= leg["sl_threshold_seconds"])
            acc["wait"] += leg["wait_seconds"] if leg["is_answered"] else 0
        if leg["is_handled"] and leg["handled_date"] in days:
            acc["handled"] += 1
            acc["handle"] += leg["talk_seconds"] + (leg["hold_seconds"] or 0) + (leg["acw_seconds"] or 0)
    return {
        "offered": acc["offered"],
        "handled": acc["handled"],
        "service_level": _ratio(acc["within_t"], acc["offered"] - acc["short"]),
        "abandonment_rate": _ratio(acc["abandoned"] - acc["short"], acc["offered"] - acc["short"]),
        "asa_seconds": _ratio(acc["wait"], acc["answered"]),
        "aht_seconds": _ratio(acc["handle"], acc["handled"]),
    }


def _days(center: Center) -> list[date]:
    """The local days with contacts offered or handled, or tickets created."""
    rows = center.query(
        "select queue_date from marts.fct_contacts where is_offered union "
        "select handled_date from marts.fct_contacts where is_handled union "
        "select created_date from marts.fct_tickets"
    )
    return sorted({r[0] for r in rows if r[0] is not None})


def _sl_targets(center: Center) -> dict[str, float]:
    return {q: t for q, t in center.query("select queue_id, sl_target from marts.dim_queues")}


# ---- the file -------------------------------------------------------------------------------------


def test_dashboard_is_self_contained(dashboard: Path) -> None:
    html = dashboard.read_text()
    assert html.startswith("<!doctype html>")
    assert not re.search(r"<script[^>]+src=", html), "scripts must be inline"
    assert not re.search(r"<link[^>]+href=", html), "styles must be inline"
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "no CDN or remote asset"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html), "no remote CSS resources"
    for panel in PANEL_IDS:
        assert f'id="{panel}"' in html


def test_report_cli_writes_the_file(center: Center, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "dashboard.html"
    assert main(["--warehouse", str(center.warehouse), "--out", str(out)]) == 0
    assert out.stat().st_size > 10_000
    assert main(["--warehouse", str(tmp_path / "missing.duckdb"), "--out", str(out)]) == 1


def test_data_restates_no_formula() -> None:
    """The Python side only selects rows: no division, no KPI arithmetic."""
    source = (Path(__file__).parents[1] / "contact_center" / "dashboard" / "data.py").read_text()
    code = re.sub(r'""".*?"""', "", source, flags=re.S)
    assert not re.search(r"[^/]/[^/]", re.sub(r"#.*", "", code).replace("://", "")), "a division in data.py"


def test_days_are_the_days_with_activity(center: Center) -> None:
    assert load(center.warehouse)["days"] == [d.isoformat() for d in _days(center)]


# ---- in the browser -------------------------------------------------------------------------------


def test_page_draws_every_panel_offline_for_every_queue(dashboard: Path, tmp_path: Path) -> None:
    shot = tmp_path / "dashboard.png"
    result = render_page(_chromium(), dashboard, screenshot=shot)
    assert not result.errors, result.errors
    assert not result.external_requests, f"the page must render offline: {result.external_requests}"
    assert set(result.panels) == PANEL_IDS
    assert ALL_QUEUES in result.panels_per_queue and len(result.panels_per_queue) >= 5
    for panel in PANEL_IDS:  # every panel draws for some queue; a hidden one always says why
        assert any(not p[panel]["hidden"] for p in result.panels_per_queue.values()), panel
        for queue, panels in result.panels_per_queue.items():
            drawn = panels[panel]
            if drawn["hidden"]:
                assert drawn["reason"].startswith("Hidden: ") and len(drawn["reason"]) > 30, (queue, drawn)
            else:
                assert drawn["marks"] or drawn["rows"] or drawn["tiles"], (queue, drawn)
    assert shot.read_bytes().startswith(PNG_SIGNATURE)
    assert result.page_width == 1400


def test_page_fits_a_phone(dashboard: Path) -> None:
    with Page(_chromium(), dashboard, width=414) as phone:
        phone.click('[data-focus="all"]')
        width, height = phone.size()
        assert width == 414, "nothing may widen the page past the screen (tables scroll inside their panel)"
        assert height > 2000
        errors, external = phone.problems()
        assert not errors and not external, (errors, external)


def test_latest_day_against_target(page: Page, center: Center, legs: list[dict[str, Any]]) -> None:
    """The page opens on the latest day: each queue's figures, and which queues missed service level."""
    latest = _days(center)[-1]
    assert page.evaluate("document.body.getAttribute('data-from')") == latest.isoformat()
    page.choose("#queue-select", ALL_QUEUES)
    page.click('[data-focus="latest"]')
    rows = {r["key"]: r for r in _table(page, "queue-table")}
    targets = _sl_targets(center)
    missed = []
    for queue in [*targets, ALL_QUEUES]:
        want = _access(legs, {latest}, None if queue == ALL_QUEUES else queue)
        if queue not in rows:
            assert want["offered"] == 0 and want["handled"] == 0, queue
            continue
        for kpi in ("service_level", "abandonment_rate", "asa_seconds", "aht_seconds"):
            _close(rows[queue][kpi], want[kpi], (queue, kpi))
        offered = rows[queue]["offered"]
        assert (0 if offered == "n/a" else offered) == want["offered"], queue
        if (
            queue != ALL_QUEUES
            and want["service_level"] is not None
            and want["service_level"] < targets[queue]
        ):
            missed.append(queue)
    assert missed, "the test center misses service level somewhere on its latest day"
    shown = page.evaluate("document.getElementById('sl-missed').getAttribute('data-queues')").split()
    assert shown == sorted(missed)


def test_date_range_and_queue_drill(page: Page, center: Center, legs: list[dict[str, Any]]) -> None:
    """A custom range and one queue: the tiles, the heat map and the agent table follow both."""
    days = _days(center)
    first, second = days[0], days[1]
    queue = "Q01"
    page.click('[data-focus="all"]')
    page.click(f'#queue-table [data-drill="{queue}"]')  # drill from the center to the queue
    assert page.evaluate("document.getElementById('queue-select').value") == queue
    page.choose("#date-from", first.isoformat())
    page.choose("#date-to", second.isoformat())
    assert page.evaluate("document.body.getAttribute('data-to')") == second.isoformat()

    tiles = page.json(TILES_JS)
    want = _access(legs, {first, second}, queue)
    for kpi in ("service_level", "abandonment_rate", "asa_seconds", "aht_seconds"):
        _close(tiles[kpi], want[kpi], kpi)

    # the heat map: one row per day of the range, columns cropped to the queue's open hours
    cells = page.json(
        "JSON.stringify(Array.from(document.querySelectorAll('#panel-sl-heatmap rect.cell')).map("
        "function (r) { return [r.getAttribute('data-day'), r.getAttribute('data-time'),"
        " r.getAttribute('data-value')]; }))"
    )
    assert {c[0] for c in cells} == {first.isoformat(), second.isoformat()}
    times = sorted({c[1] for c in cells})
    offered_times = sorted(
        {
            leg["queue_interval_start_local"].strftime("%H:%M")
            for leg in legs
            if leg["queue_id"] == queue and leg["is_offered"]
        }
    )
    assert times[0] <= offered_times[0] and times[-1] >= offered_times[-1] and len(times) < 48
    by_interval: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for leg in legs:
        if leg["queue_id"] == queue and leg["is_offered"] and leg["queue_date"] in (first, second):
            key = (leg["queue_date"].isoformat(), leg["queue_interval_start_local"].strftime("%H:%M"))
            by_interval[key].append(leg)
    checked = 0
    for day, time_of_day, value in cells:
        group = by_interval.get((day, time_of_day), [])
        short = sum(
            bool(g["is_abandoned"] and g["wait_seconds"] <= g["short_abandon_seconds"]) for g in group
        )
        within = sum(bool(g["is_answered"] and g["wait_seconds"] <= g["sl_threshold_seconds"]) for g in group)
        expected = _ratio(within, len(group) - short)
        _close(None if value is None else float(value), expected, (day, time_of_day))
        checked += value is not None
    assert checked > 10

    # agents of the queue in the range: AHT over the queue's legs only
    handled: dict[str, list[float]] = defaultdict(list)
    for leg in legs:
        if leg["queue_id"] == queue and leg["is_handled"] and leg["handled_date"] in (first, second):
            handled[leg["agent_id"]].append(
                leg["talk_seconds"] + (leg["hold_seconds"] or 0) + (leg["acw_seconds"] or 0)
            )
    agents = {r["key"]: r for r in _table(page, "agent-table")}
    assert set(agents) == set(handled)
    for agent, times_ in handled.items():
        assert agents[agent]["handled"] == len(times_)
        _close(agents[agent]["aht_seconds"], sum(times_) / len(times_), agent)


def test_agent_table_sorts_and_filters(page: Page, center: Center) -> None:
    """Bottom agents by adherence in two clicks; adherence from the agent intervals, independently."""
    page.choose("#queue-select", ALL_QUEUES)
    page.click('[data-focus="week"]')
    days = _days(center)[-7:]
    adherent: dict[str, float] = defaultdict(float)
    paid: dict[str, float] = defaultdict(float)
    for agent, day, adh, pay in center.query(
        "select agent_id, date_day, adherent_seconds, paid_seconds from marts.fct_agent_intervals"
    ):
        if day in days:
            adherent[agent] += adh or 0
            paid[agent] += pay or 0
    want = {a: adherent[a] / paid[a] for a in paid if paid[a] > 0}

    for direction in ("ascending", "descending"):
        header = "document.querySelector('#agent-table th[data-sort=adherence]').getAttribute('aria-sort')"
        if page.evaluate(header) != direction:
            page.click("#agent-table th[data-sort=adherence] button")
        rows = _table(page, "agent-table")
        shown = [r["adherence"] for r in rows if isinstance(r["adherence"], float | int)]
        assert shown == sorted(shown, reverse=direction == "descending"), direction
        for row in rows:
            if row["key"] in want:
                _close(row["adherence"], want[row["key"]], row["key"])
        ranked = sorted((v, a) for a, v in want.items() if a in {r["key"] for r in rows})
        assert rows[0]["key"] == (ranked[0] if direction == "ascending" else ranked[-1])[1]

    below = sum(1 for a, v in want.items() if v < 0.9)  # kpi_targets: adherence target 0.90
    assert (
        int(page.evaluate("document.getElementById('adherence-summary').getAttribute('data-count')")) == below
    )

    team = center.query("select team from marts.dim_agents where team is not null order by agent_id limit 1")[
        0
    ][0]
    page.type_text("#agent-filter", team)
    filtered = _table(page, "agent-table")
    teams = dict(center.query("select agent_id, team from marts.dim_agents"))
    assert filtered and all(teams[r["key"]] == team for r in filtered)
    page.type_text("#agent-filter", "")
    everyone = _table(page, "agent-table")
    assert len(everyone) > len(filtered)
    # drill to one agent: clicking the name keeps that agent's row
    page.click(f'#agent-table button[data-agent="{everyone[-1]["key"]}"]')
    assert [r["key"] for r in _table(page, "agent-table")] == [everyone[-1]["key"]]
    page.type_text("#agent-filter", "")


def test_email_backlog(page: Page, center: Center) -> None:
    """Is the email backlog growing: open tickets at the end of the first and last day of the focus."""
    (queue,) = center.query("select queue_id from marts.dim_queues where channel = 'email'")[0]
    tickets = center.query(
        "select created_date, fully_resolved_date from marts.fct_tickets where queue_id = ?", [queue]
    )
    days = _days(center)

    def open_at_end(day: date) -> int:
        return sum(1 for c, r in tickets if c <= day and (r is None or max(c, r) > day))

    page.choose("#queue-select", queue)
    page.click('[data-focus="all"]')
    (row,) = _table(page, "ticket-table")
    assert row["key"] == queue
    assert row["backlog_start"] == open_at_end(days[0]) and row["backlog_end"] == open_at_end(days[-1])
    assert row["backlog_change"] == open_at_end(days[-1]) - open_at_end(days[0])
    assert row["created"] == sum(1 for c, _ in tickets if days[0] <= c <= days[-1])
    # the email queue has no calls: the call panels are hidden with their reason, never empty boxes
    hidden = page.evaluate("document.querySelector('#panel-sl-heatmap .hidden-reason').textContent")
    assert hidden.startswith("Hidden: no inbound contacts offered")


def test_outbound_queue_hides_access_panels(page: Page, center: Center, legs: list[dict[str, Any]]) -> None:
    (queue,) = center.query("select queue_id from marts.dim_queues where queue_name ilike '%outbound%'")[0]
    assert not any(leg["is_offered"] for leg in legs if leg["queue_id"] == queue)
    page.choose("#queue-select", queue)
    page.click('[data-focus="all"]')
    family = page.evaluate("document.querySelector('[data-family=access]').getAttribute('data-hidden')")
    assert family == "true"
    for panel in ("sl-heatmap", "asa-heatmap", "staffing-heatmap"):
        assert (
            page.evaluate(f"document.getElementById('panel-{panel}').getAttribute('data-hidden')") == "true"
        )
    handled = sum(1 for leg in legs if leg["queue_id"] == queue and leg["is_handled"])
    assert handled > 0
    assert _table(page, "queue-table")  # the table still lists every queue


def test_range_sums_equal_the_kpi_macros_over_the_period(page: Page, center: Center) -> None:
    """Rule 1 on the page (sum n / sum d over days) equals the KPI macros over the whole period."""
    page.choose("#queue-select", ALL_QUEUES)
    page.click('[data-focus="all"]')
    rows = {r["key"]: r for r in _table(page, "queue-table")}
    for queue, sl, asa, aht, fcr, csat in center.query(
        f"select coalesce(queue_id, '{ALL_QUEUES}'), service_level, asa_seconds, aht_seconds, fcr_rate, csat "
        "from marts.rpt_queue_periods where offered > 0 or handled > 0"
    ):
        for kpi, want in (
            ("service_level", sl),
            ("asa_seconds", asa),
            ("aht_seconds", aht),
            ("fcr_rate", fcr),
            *([("csat", csat)] if queue != ALL_QUEUES else []),
        ):
            _close(rows[queue][kpi], want, (queue, kpi))
    # the center's CSAT also counts the responses matched to no contact (rpt_queue_periods leaves them out)
    responses = center.query("select is_csat, is_csat_top_box from marts.fct_survey_responses where is_csat")
    assert responses
    _close(rows[ALL_QUEUES]["csat"], sum(bool(top) for _, top in responses) / len(responses), "center csat")


def test_focus_buttons(page: Page, center: Center) -> None:
    days = _days(center)
    page.click('[data-focus="week"]')
    assert page.evaluate("document.body.getAttribute('data-from')") == days[max(0, len(days) - 7)].isoformat()
    page.click('[data-focus="latest"]')
    assert page.evaluate("document.body.getAttribute('data-from')") == days[-1].isoformat()
    # a range outside the data is clamped to it
    page.choose("#date-from", (days[0] - timedelta(days=30)).isoformat())
    assert page.evaluate("document.body.getAttribute('data-from')") == days[0].isoformat()
    hidden = page.evaluate("document.getElementById('panel-trends').getAttribute('data-hidden')")
    assert hidden == "false"  # more than one day in focus: trends are drawn


# ---- regenerated by each scheduled refresh ---------------------------------------------------------


def test_publish_dashboard_writes_next_to_the_copy_and_never_raises(center: Center, tmp_path: Path) -> None:
    copy = tmp_path / "publish" / center.warehouse.name  # the views name their catalog after the file stem
    copy.parent.mkdir()
    shutil.copy2(center.warehouse, copy)
    said: list[str] = []
    assert publish_dashboard(copy, said.append) is None
    written = copy.parent / DASHBOARD_NAME
    assert written.read_text().startswith("<!doctype html>") and said[-1].startswith("dashboard -> ")
    before = written.read_bytes()

    broken = tmp_path / "broken" / "contact_center.duckdb"
    broken.parent.mkdir()
    broken.write_bytes(b"not a database")
    (broken.parent / DASHBOARD_NAME).write_bytes(before)
    failed = publish_dashboard(broken, said.append)
    assert failed and "dashboard NOT rendered" in failed and said[-1] == f"WARNING: {failed}"
    assert (broken.parent / DASHBOARD_NAME).read_bytes() == before  # the last good dashboard stays
