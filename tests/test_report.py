"""The KPI dashboard: self-contained, drawn without errors in headless Chromium, numbers right.

Chromium comes from Debian (`apt-get install -y chromium`). When it is missing the test installs it if
it runs as root with apt-get (set REPORT_TEST_INSTALL_CHROMIUM=0 to forbid that), else it is skipped
with the reason.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from contact_center.dashboard.browser import find_chromium, render_page
from contact_center.dashboard.build import main, write_report
from contact_center.dashboard.data import ALL_QUEUES, load
from tests.conftest import Center

pytestmark = pytest.mark.slow

CHART_IDS = {
    "chart-sl-heatmap",
    "chart-asa-heatmap",
    "chart-daily-trends",
    "chart-queue-comparison",
    "chart-agent-scatter",
    "chart-survey-trends",
    "chart-staffing",
    "chart-forecast",
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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


def test_dashboard_is_self_contained(dashboard: Path) -> None:
    html = dashboard.read_text()
    assert html.startswith("<!doctype html>")
    assert not re.search(r"<script[^>]+src=", html), "scripts must be inline"
    assert not re.search(r"<link[^>]+href=", html), "styles must be inline"
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "no CDN or remote asset"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html), "no remote CSS resources"
    for chart in CHART_IDS:
        assert f'id="{chart}"' in html


def test_dashboard_draws_every_chart_without_errors(dashboard: Path, tmp_path: Path) -> None:
    shot = tmp_path / "dashboard.png"
    result = render_page(_chromium(), dashboard, screenshot=shot)
    assert not result.errors, result.errors
    assert not result.external_requests, f"the page must render offline: {result.external_requests}"
    assert set(result.charts) == CHART_IDS
    for chart, drawn in result.charts.items():  # all queues: every chart has SVG marks
        assert drawn["svgs"] >= 1 and drawn["marks"] >= 1, (chart, drawn)
    # every queue of the selector redraws without errors; each per-queue chart draws for some queue
    assert ALL_QUEUES in result.charts_per_queue and len(result.charts_per_queue) >= 3
    for chart in CHART_IDS:
        assert any(per_queue[chart]["marks"] >= 1 for per_queue in result.charts_per_queue.values()), chart
    assert shot.read_bytes().startswith(PNG_SIGNATURE)
    assert result.page_height > 2000


def test_report_cli_writes_the_file(center: Center, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "dashboard.html"
    assert main(["--warehouse", str(center.warehouse), "--out", str(out)]) == 0
    assert out.stat().st_size > 10_000
    assert main(["--warehouse", str(tmp_path / "missing.duckdb"), "--out", str(out)]) == 1


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator


def test_dashboard_numbers_match_contact_legs(center: Center) -> None:
    """The tiles, queue table and agent scorecards against plain Python over the contact legs."""
    data = load(center.warehouse)
    legs = center.dicts("select * from marts.fct_contacts")
    total: dict[str, float] = defaultdict(float)
    queues: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    agents: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for leg in legs:
        for acc in (total, queues[leg["queue_id"]]):
            if leg["is_offered"]:
                acc["offered"] += 1
                acc["answered"] += bool(leg["is_answered"])
                acc["abandoned"] += bool(leg["is_abandoned"])
                acc["short"] += bool(
                    leg["is_abandoned"] and leg["wait_seconds"] <= leg["short_abandon_seconds"]
                )
                answered_in_t = leg["is_answered"] and leg["wait_seconds"] <= leg["sl_threshold_seconds"]
                acc["within_t"] += bool(answered_in_t)
                acc["wait"] += leg["wait_seconds"] if leg["is_answered"] else 0
        if leg["is_handled"]:
            handle = leg["talk_seconds"] + (leg["hold_seconds"] or 0) + (leg["acw_seconds"] or 0)
            for acc in (total, queues[leg["queue_id"]], agents[leg["agent_id"]]):
                acc["handled"] += 1
                acc["handle"] += handle
                acc["transferred_out"] += bool(leg["is_transferred_out"])

    summary = data["summary"]
    assert summary["offered"] == total["offered"] and summary["handled"] == total["handled"]
    assert math.isclose(summary["service_level"], total["within_t"] / (total["offered"] - total["short"]))
    assert math.isclose(summary["asa_seconds"], total["wait"] / total["answered"])
    assert math.isclose(summary["aht_seconds"], total["handle"] / total["handled"])

    assert data["queue_comparison"]
    for row in data["queue_comparison"]:
        q = queues[row["queue_id"]]
        assert (row["offered"], row["answered"], row["handled"]) == (
            q["offered"],
            q["answered"],
            q["handled"],
        )
        for got, want in (
            (row["service_level"], _ratio(q["within_t"], q["offered"] - q["short"])),
            (row["abandonment_rate"], _ratio(q["abandoned"] - q["short"], q["offered"] - q["short"])),
            (row["asa_seconds"], _ratio(q["wait"], q["answered"])),
            (row["aht_seconds"], _ratio(q["handle"], q["handled"])),
            (row["transfer_rate"], _ratio(q["transferred_out"], q["handled"])),
        ):
            assert (got is None and want is None) or math.isclose(got, want), (row["queue_id"], got, want)

    assert len(data["agents"]) == len([a for a in agents if a is not None])
    for row in data["agents"]:
        a = agents[row["agent_id"]]
        assert row["handled"] == a["handled"] and row["transferred_out"] == a["transferred_out"]
        assert math.isclose(row["aht_seconds"], a["handle"] / a["handled"])
        assert math.isclose(row["handle_seconds"], a["handle"])
