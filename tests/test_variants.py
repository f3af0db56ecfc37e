"""One home per formula: under a non-default variant every surface shows kpi_queue_daily's number.

The small center's warehouse is copied, its views and report models are rebuilt with
``--vars '{service_level_variant: of_answered}'``, and then the service level per queue and local day is read
from every surface that shows it:

- ``marts.kpi_queue_daily`` (the KPI macros), checked against plain Python over the contact legs of
  ``marts.fct_contacts`` (answered within each queue's T / answered), never against the SQL;
- ``python -m contact_center summary`` (its printed percentage);
- the dashboard's datasets (``contact_center.dashboard.data.load``: daily, queue comparison, summary);
- MetricFlow (``mf query --metrics service_level``), parsed with the same vars.

The legs must make the variant matter (some queue-day where of_answered differs from the default
excl_short_abandons), so a surface that ignored the var would fail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from contact_center.contract import PROJECT_DIR
from contact_center.dashboard.data import ALL_QUEUES, load
from tests.conftest import Center

VARIANT_VARS = "{service_level_variant: of_answered}"
MF = Path(sys.executable).parent / "mf"
PROJECT_ENTRIES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses")


def _env(center: Center, target: Path, logs: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(logs),
        "WAREHOUSE_PATH": str(center.warehouse),
        "DUCKDB_TEMP_DIRECTORY": str(center.warehouse.parent / "tmp"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


@pytest.fixture(scope="module")
def variant_center(center: Center, tmp_path_factory: pytest.TempPathFactory) -> Center:
    """A copy of the small center with the views and report models rebuilt under the variant."""
    root = tmp_path_factory.mktemp("variant")
    warehouse = root / "warehouse" / center.warehouse.name
    warehouse.parent.mkdir(parents=True)
    warehouse.write_bytes(center.warehouse.read_bytes())
    copy = Center(landing=center.landing, warehouse=warehouse)
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            *("run", "--quiet", "--project-dir", str(PROJECT_DIR)),
            *("--select", "kpi_queue_daily", "path:models/marts/reporting"),
            *("--vars", VARIANT_VARS),
        ],
        env=_env(copy, root / "target", root / "logs"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return copy


def expected_from_legs(center: Center) -> dict[tuple[date, str], dict[str, float | None]]:
    """Both variants per queue x local queue day, from the contact legs (flags and waits per leg)."""
    acc: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for leg in center.dicts("select * from marts.fct_contacts where is_offered"):
        a = acc[(leg["queue_date"], leg["queue_id"])]
        a["offered"] += 1
        a["answered"] += bool(leg["is_answered"])
        a["within_t"] += bool(leg["is_answered"] and leg["wait_seconds"] <= leg["sl_threshold_seconds"])
        a["short"] += bool(leg["is_abandoned"] and leg["wait_seconds"] <= leg["short_abandon_seconds"])
    return {
        key: {
            "of_answered": a["within_t"] / a["answered"] if a["answered"] else None,
            "default": a["within_t"] / (a["offered"] - a["short"]) if a["offered"] - a["short"] else None,
        }
        for key, a in acc.items()
    }


def _view(center: Center) -> dict[tuple[date, str], float | None]:
    rows = center.query(
        "select date_day, queue_id, service_level from marts.kpi_queue_daily where offered > 0"
    )
    return {(d, q): sl for d, q, sl in rows}


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _same(got: float | None, want: float | None, tolerance: float = 1e-9) -> bool:
    return (got is None and want is None) or (
        got is not None and want is not None and abs(got - want) <= tolerance
    )


def test_the_variant_matters_and_kpi_queue_daily_follows_it(variant_center: Center) -> None:
    expected = expected_from_legs(variant_center)
    assert any(
        e["of_answered"] is not None and not _same(e["of_answered"], e["default"], 1e-6)
        for e in expected.values()
    ), "the legs must tell the two variants apart"
    view = _view(variant_center)
    assert set(view) == set(expected)
    bad = [
        (k, view[k], e["of_answered"]) for k, e in expected.items() if not _same(view[k], e["of_answered"])
    ]
    assert not bad, bad[:5]


def test_summary_cli_shows_kpi_queue_daily(variant_center: Center) -> None:
    view = _view(variant_center)
    day = max(d for d, _ in view)
    done = subprocess.run(
        [sys.executable, "-m", "contact_center", "summary", "--warehouse", str(variant_center.warehouse)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_DIR,
    )
    assert done.returncode == 0, done.stderr
    assert f"KPI summary for {day}" in done.stdout
    printed = {}
    for line in done.stdout.splitlines():
        match = re.match(r"^(Q\w+) .*?\s(\S+)\s+\S+$", line)
        if match:
            printed[match.group(1)] = match.group(2)
    queues = sorted(q for d, q in view if d == day)
    assert sorted(printed) == queues
    for q in queues:
        sl = view[(day, q)]
        assert printed[q] == ("-" if sl is None else f"{sl:.1%}"), (q, printed[q], sl)


def test_dashboard_data_shows_kpi_queue_daily(variant_center: Center) -> None:
    view = _view(variant_center)
    data = load(variant_center.warehouse)
    daily = data["daily"]
    shown = {
        (date.fromisoformat(d), q): sl
        for q, d, sl in zip(daily["queue_id"], daily["date_day"], daily["service_level"], strict=True)
        if q != ALL_QUEUES
    }
    for key, sl in view.items():
        assert _same(shown[key], sl), (key, shown[key], sl)
    # the roll-ups use the same variant: whole period per queue and over all queues, from the legs
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for leg in variant_center.dicts("select * from marts.fct_contacts where is_offered"):
        for key in (leg["queue_id"], ALL_QUEUES):
            totals[key]["answered"] += bool(leg["is_answered"])
            totals[key]["within_t"] += bool(
                leg["is_answered"] and leg["wait_seconds"] <= leg["sl_threshold_seconds"]
            )
    for row in data["queue_comparison"]:
        t = totals[row["queue_id"]]
        assert _same(row["service_level"], _ratio(t["within_t"], t["answered"])), row["queue_id"]
    t = totals[ALL_QUEUES]
    assert _same(data["summary"]["service_level"], _ratio(t["within_t"], t["answered"]))


def test_metricflow_service_level_shows_kpi_queue_daily(
    variant_center: Center, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if not MF.exists():
        pytest.skip(f"the MetricFlow CLI is not installed in this environment ({MF})")
    root = tmp_path_factory.mktemp("variant_mf")
    project, logs = root / "mf_project", root / "logs"
    (project / "target").mkdir(parents=True)
    logs.mkdir()
    for entry in PROJECT_ENTRIES:
        (project / entry).symlink_to(PROJECT_DIR / entry)
    env = {**_env(variant_center, project / "target", logs), "DBT_PROJECT_DIR": str(project)}
    parsed = subprocess.run(
        [
            str(MF.parent / "dbt"),
            "parse",
            "--quiet",
            "--project-dir",
            str(PROJECT_DIR),
            "--vars",
            VARIANT_VARS,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    out = logs / "service_level.csv"
    command = [str(MF), "query", "--metrics", "service_level", "--group-by", "metric_time__day,queue"]
    done = subprocess.run(
        [*command, "--csv", str(out)], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    import csv

    with out.open(newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["queue"]]
    view = _view(variant_center)
    compared = 0
    for r in rows:
        key = (date.fromisoformat(r["metric_time__day"][:10]), r["queue"])
        if key not in view:
            continue
        got = None if r["service_level"] in ("", "None") else float(r["service_level"])
        assert _same(got, view[key], 1e-9), (key, got, view[key])
        compared += 1
    assert compared == len(view)
