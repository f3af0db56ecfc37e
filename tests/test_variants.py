"""One home per formula: under the non-default variants every surface shows the kpi_* views' numbers.

The small center's warehouse is copied and its KPI views and report models are rebuilt once with every
variant var flipped away from its default (``VARIANTS``). Then each variant KPI is read from every surface
that shows it and checked:

- the ``kpi_*`` view column against plain Python over contact legs (``marts.fct_contacts``), customer
  contacts (``marts.fct_customer_contacts``) or survey responses (``marts.fct_survey_responses``): per-leg,
  per-contact and per-response flags and scores, never a ratio the SQL computed;
- ``python -m contact_center summary`` (service level and abandonment rate, latest day);
- the dashboard's datasets (``contact_center.dashboard.data.load``): ``daily`` (SL, abandonment per queue
  and all queues x day), ``summary`` (SL, abandonment), ``queue_comparison`` (SL, abandonment, FCR, CSAT),
  ``agents`` (FCR, CSAT), ``surveys`` (CSAT, CES per center day);
- MetricFlow (``mf query --metrics service_level,abandonment_rate,fcr_rate,csat,ces``), parsed with the
  same vars.

For each var the Python expectation of the default value is computed as well, and the data must tell the
two apart somewhere, so a surface that ignored the var would fail.

fcr_variant has two non-default values; one rebuild sets one of them (``disposition``). The other,
``survey``, goes through the same var lookup in kpi_fcr and the fcr_rate metric; its formula is checked
through the always-present ``fcr_survey_rate`` column against Python (as is ``fcr_disposition_rate``).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from contact_center.contract import PROJECT_DIR
from contact_center.dashboard.data import ALL_QUEUES, load
from tests.conftest import Center

# every variant var away from its default (dbt_project.yml), in one rebuild
VARIANTS = {
    "service_level_variant": "of_answered",
    "abandonment_rate_variant": "all",
    "fcr_variant": "disposition",
    "csat_variant": "mean",
    "ces_variant": "low_effort_share",
}
VARIANT_VARS = "{" + ", ".join(f"{k}: {v}" for k, v in VARIANTS.items()) + "}"
MF = Path(sys.executable).parent / "mf"
PROJECT_ENTRIES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses")
MF_METRICS = ("service_level", "abandonment_rate", "fcr_rate", "csat", "ces")

Key = tuple[date, str]
Expected = dict[Any, dict[str, float | None]]


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
    """A copy of the small center with the KPI views and report models rebuilt under the variants."""
    root = tmp_path_factory.mktemp("variant")
    warehouse = root / "warehouse" / center.warehouse.name
    warehouse.parent.mkdir(parents=True)
    warehouse.write_bytes(center.warehouse.read_bytes())
    copy = Center(landing=center.landing, warehouse=warehouse)
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            *("run", "--quiet", "--project-dir", str(PROJECT_DIR)),
            *("--select", "kpi_queue_daily", "kpi_customer_queue_daily", "path:models/marts/reporting"),
            *("--vars", VARIANT_VARS),
        ],
        env=_env(copy, root / "target", root / "logs"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return copy


# ---- plain Python over legs, customer contacts and responses ----------------------------------------


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return None if numerator is None or not denominator else numerator / denominator


def _same(got: float | None, want: float | None, tolerance: float = 1e-9) -> bool:
    return (got is None and want is None) or (
        got is not None and want is not None and abs(got - want) <= tolerance
    )


class _Sums:
    """Component sums with SQL semantics: a sum over NULLs only is NULL, NULLs are skipped otherwise."""

    def __init__(self) -> None:
        self.values: dict[str, float | None] = {}

    def add(self, name: str, value: float | bool | None) -> None:
        old = self.values.get(name)
        if value is None:
            self.values.setdefault(name, None)
        else:
            self.values[name] = (old or 0) + float(value)

    def __getitem__(self, name: str) -> float | None:
        return self.values.get(name)


def _rolled(
    rows: Iterable[dict[str, Any]],
    keys: Callable[[dict[str, Any]], Iterable[Any]],
    components: Callable[[dict[str, Any]], dict[str, float | bool | None]],
    kpis: Callable[[_Sums], dict[str, float | None]],
) -> Expected:
    sums: dict[Any, _Sums] = defaultdict(_Sums)
    for row in rows:
        parts = components(row)
        for key in keys(row):
            for name, value in parts.items():
                sums[key].add(name, value)
    return {key: kpis(s) for key, s in sums.items()}


def _leg_parts(leg: dict[str, Any]) -> dict[str, float | bool | None]:
    wait = leg["wait_seconds"]
    abandoned = bool(leg["is_abandoned"])
    answered = bool(leg["is_answered"])
    return {
        "offered": 1,
        "answered": answered,
        "within_t": answered and wait <= leg["sl_threshold_seconds"],
        "abandoned": abandoned,
        "short": abandoned and wait is not None and wait <= leg["short_abandon_seconds"],
        "untimed": abandoned and wait is None,
    }


def _queue_kpis(s: _Sums) -> dict[str, float | None]:
    timed = not s["untimed"]
    excl_short = s["offered"] - s["short"]
    return {
        "sl_of_answered": _ratio(s["within_t"], s["answered"]),
        "sl_default": _ratio(s["within_t"], excl_short) if timed else None,
        "abandonment_all": _ratio(s["abandoned"], s["offered"]),
        "abandonment_default": _ratio(s["abandoned"] - s["short"], excl_short) if timed else None,
    }


def _legs(center: Center) -> list[dict[str, Any]]:
    return center.dicts("select * from marts.fct_contacts where is_offered")


def _disposition_covered(center: Center) -> set[Key]:
    """Queue-days whose data carry dispositions (a coverage flag, not a KPI)."""
    rows = center.query(
        "select date_day, queue_id from marts.fct_queue_coverage_daily where has_disposition_data"
    )
    return {(d, q) for d, q in rows}


def _fcr_parts(covered: set[Key]) -> Callable[[dict[str, Any]], dict[str, float | bool | None]]:
    def parts(c: dict[str, Any]) -> dict[str, float | bool | None]:
        known = (c["handled_date"], c["queue_id"]) in covered
        return {
            "eligible": c["is_fcr_eligible"] if known else None,
            "resolved": c["is_fcr_resolved"] if known else None,
            "disposition_contacts": c["is_handled_inbound"] if known else None,
            "disposition_resolved": c["is_disposition_resolved"] if known else None,
            "survey_contacts": c["is_survey_fcr_contact"],
            "survey_resolved": c["is_survey_fcr_resolved"],
        }

    return parts


def _fcr_kpis(s: _Sums) -> dict[str, float | None]:
    return {
        "fcr_default": _ratio(s["resolved"], s["eligible"]),
        "fcr_disposition": _ratio(s["disposition_resolved"], s["disposition_contacts"]),
        "fcr_survey": _ratio(s["survey_resolved"], s["survey_contacts"]),
    }


def _customer_contacts(center: Center) -> list[dict[str, Any]]:
    # outcomes count on the final handled leg (its queue, agent and handling day)
    return center.dicts("select * from marts.fct_customer_contacts where final_contact_id is not null")


def _top_box(score: float, low: float, high: float) -> bool:
    # KPI catalog: the top score on a scale of three points or fewer, the top two on longer scales
    return score >= high - (0 if high - low + 1 <= 3 else 1)


def _survey_parts(r: dict[str, Any]) -> dict[str, float | bool | None]:
    csat, ces = bool(r["is_csat"]), bool(r["is_ces"])
    score, low, high = r["score"], r["scale_min"], r["scale_max"]
    return {
        "csat": csat,
        "csat_top": csat and _top_box(score, low, high),
        "csat_norm": (score - low) / (high - low) if csat else 0,
        "ces": ces,
        "ces_sum": score if ces else 0,
        "ces_low_effort": ces and score >= 5,
    }


def _survey_kpis(s: _Sums) -> dict[str, float | None]:
    return {
        "csat_default": _ratio(s["csat_top"], s["csat"]),
        "csat_mean": _ratio(s["csat_norm"], s["csat"]),
        "ces_default": _ratio(s["ces_sum"], s["ces"]),
        "ces_low_effort_share": _ratio(s["ces_low_effort"], s["ces"]),
    }


def _responses(center: Center) -> list[dict[str, Any]]:
    return center.dicts("select * from marts.fct_survey_responses")


def _by(*names: str, also_all: bool = False) -> Callable[[dict[str, Any]], list[Any]]:
    def keys(row: dict[str, Any]) -> list[Any]:
        key = tuple(row[n] for n in names)
        out = [key[0] if len(key) == 1 else key]
        if also_all:
            out.append(ALL_QUEUES)
        return out

    return keys


# the variant column of each KPI and its default, as named in the expectations above
VARIANT_OF = {
    "service_level": ("sl_of_answered", "sl_default"),
    "abandonment_rate": ("abandonment_all", "abandonment_default"),
    "fcr_rate": ("fcr_disposition", "fcr_default"),
    "csat": ("csat_mean", "csat_default"),
    "ces": ("ces_low_effort_share", "ces_default"),
}


@pytest.fixture(scope="module")
def expected(variant_center: Center) -> dict[str, Expected]:
    """Every expectation per queue x day (and the roll-ups the dashboard shows), in plain Python."""
    legs = _legs(variant_center)
    contacts = _customer_contacts(variant_center)
    fcr_parts = _fcr_parts(_disposition_covered(variant_center))
    responses = _responses(variant_center)
    return {
        "queue_day": _rolled(legs, _by("queue_date", "queue_id"), _leg_parts, _queue_kpis),
        "day_all": _rolled(legs, _by("queue_date"), _leg_parts, _queue_kpis),
        "queue_period": _rolled(legs, _by("queue_id", also_all=True), _leg_parts, _queue_kpis),
        "fcr_queue_day": _rolled(contacts, _by("handled_date", "queue_id"), fcr_parts, _fcr_kpis),
        "fcr_queue": _rolled(contacts, _by("queue_id"), fcr_parts, _fcr_kpis),
        "fcr_agent": _rolled(contacts, _by("agent_id"), fcr_parts, _fcr_kpis),
        "survey_queue_day": _rolled(responses, _by("date_day", "queue_id"), _survey_parts, _survey_kpis),
        "survey_day": _rolled(responses, _by("date_day"), _survey_parts, _survey_kpis),
        "survey_queue": _rolled(responses, _by("queue_id"), _survey_parts, _survey_kpis),
        "survey_agent": _rolled(responses, _by("agent_id"), _survey_parts, _survey_kpis),
    }


# ---- the kpi_* views ---------------------------------------------------------------------------


def _queue_view(center: Center) -> dict[Key, dict[str, float | None]]:
    rows = center.dicts(
        "select date_day, queue_id, service_level, abandonment_rate from marts.kpi_queue_daily where offered > 0"
    )
    return {(r["date_day"], r["queue_id"]): r for r in rows}


def _customer_view(center: Center) -> dict[tuple[date, str | None], dict[str, float | None]]:
    rows = center.dicts(
        "select date_day, queue_id, fcr_rate, fcr_disposition_rate, fcr_survey_rate, csat, ces "
        "from marts.kpi_customer_queue_daily"
    )
    return {(r["date_day"], r["queue_id"]): r for r in rows}


def _mismatches(
    shown: dict[Any, dict[str, Any]], column: str, want: Expected, field: str
) -> list[tuple[Any, Any, Any]]:
    """Every key either side: a key missing on one side must be NULL on the other."""
    keys = set(shown) | {k for k, e in want.items() if e[field] is not None}
    return [
        (k, shown.get(k, {}).get(column), want.get(k, {}).get(field))
        for k in sorted(keys, key=str)
        if not _same(shown.get(k, {}).get(column), want.get(k, {}).get(field))
    ]


@pytest.mark.parametrize("kpi", list(VARIANT_OF))
def test_each_variant_matters_on_this_data(expected: dict[str, Expected], kpi: str) -> None:
    """Somewhere the flipped var gives another number than the default, so ignoring it would fail."""
    field, default = VARIANT_OF[kpi]
    grain = {"service_level": "queue_day", "abandonment_rate": "queue_day"}.get(kpi)
    grain = grain or ("fcr_queue_day" if kpi == "fcr_rate" else "survey_queue_day")
    assert any(
        e[field] is not None and not _same(e[field], e[default], 1e-6) for e in expected[grain].values()
    ), f"the data must tell {VARIANTS} apart from the default for {kpi}"


def test_kpi_queue_daily_follows_the_variants(variant_center: Center, expected: dict[str, Expected]) -> None:
    view = _queue_view(variant_center)
    assert set(view) == set(expected["queue_day"])
    for column, field in (("service_level", "sl_of_answered"), ("abandonment_rate", "abandonment_all")):
        bad = _mismatches(view, column, expected["queue_day"], field)
        assert not bad, (column, bad[:5])


def test_kpi_customer_queue_daily_follows_the_variants(
    variant_center: Center, expected: dict[str, Expected]
) -> None:
    view = _customer_view(variant_center)
    assert sum(r["fcr_rate"] is not None for r in view.values()) > 0
    assert sum(r["csat"] is not None for r in view.values()) > 0
    assert sum(r["ces"] is not None for r in view.values()) > 0
    checks = (
        ("fcr_rate", "fcr_queue_day", "fcr_disposition"),
        ("fcr_disposition_rate", "fcr_queue_day", "fcr_disposition"),
        ("fcr_survey_rate", "fcr_queue_day", "fcr_survey"),
        ("csat", "survey_queue_day", "csat_mean"),
        ("ces", "survey_queue_day", "ces_low_effort_share"),
    )
    for column, grain, field in checks:
        bad = _mismatches(view, column, expected[grain], field)
        assert not bad, (column, bad[:5])


# ---- the other surfaces -------------------------------------------------------------------------


def test_summary_cli_shows_kpi_queue_daily(variant_center: Center) -> None:
    view = _queue_view(variant_center)
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
        words = line.split()
        if words and words[0].startswith("Q") and len(words) >= 5:
            # ... abandon ASA SL AHT: the last four columns
            printed[words[0]] = {"abandonment_rate": words[-4], "service_level": words[-2]}
    queues = sorted(q for d, q in view if d == day)
    assert sorted(printed) == queues
    for q in queues:
        for column in ("service_level", "abandonment_rate"):
            value = view[(day, q)][column]
            assert printed[q][column] == ("-" if value is None else f"{value:.1%}"), (q, column, printed[q])


def _summed(columnar: dict[str, list[Any]], kpi: str, keep: Callable[[int], bool]) -> float | None:
    """A KPI over the kept rows of a dashboard view as the page takes it: sum(<kpi>_n) / sum(<kpi>_d)."""
    n = d = None
    ok = True
    for i in range(len(columnar["date_day"])):
        if not keep(i):
            continue
        if columnar[f"{kpi}_n"][i] is not None:
            n = (n or 0) + columnar[f"{kpi}_n"][i]
        if columnar[f"{kpi}_d"][i] is not None:
            d = (d or 0) + columnar[f"{kpi}_d"][i]
        ok = ok and columnar.get(f"{kpi}_ok", [True] * (i + 1))[i] is not False
    return _ratio(n, d) if ok else None


def test_dashboard_data_shows_kpi_views(variant_center: Center, expected: dict[str, Expected]) -> None:
    """The dashboard's per-day parts follow the variants: one day, a whole period, agents, surveys."""
    queue_view = _queue_view(variant_center)
    data = load(variant_center.warehouse)
    days = data["queue_days"]
    queues, dates = days["queue_id"], days["date_day"]

    # one queue x day as kpi_queue_daily, all queues x day from the legs
    for i, q in enumerate(queues):
        day = date.fromisoformat(dates[i])
        for column, field in (("service_level", "sl_of_answered"), ("abandonment_rate", "abandonment_all")):
            got = _summed(days, column, lambda j, i=i: j == i)
            if q == ALL_QUEUES:
                want = expected["day_all"].get(day, {}).get(field)
            else:
                want = queue_view.get((day, q), {}).get(column)
            assert _same(got, want), ("queue_days", column, q, day, got, want)
    shown = {(date.fromisoformat(d), q) for q, d in zip(queues, dates, strict=True)}
    assert set(queue_view) <= shown

    # the whole period, summed over its days as the page does for a date range
    period = expected["queue_period"]
    for q in {*queues}:
        rows = lambda j, q=q: queues[j] == q  # noqa: E731
        assert _same(_summed(days, "service_level", rows), period.get(q, {}).get("sl_of_answered")), q
        assert _same(_summed(days, "abandonment_rate", rows), period.get(q, {}).get("abandonment_all")), q
        if q != ALL_QUEUES:
            assert _same(
                _summed(days, "fcr_rate", rows), expected["fcr_queue"].get(q, {}).get("fcr_disposition")
            ), q
            assert _same(_summed(days, "csat", rows), expected["survey_queue"].get(q, {}).get("csat_mean")), q
    assert any(_summed(days, "fcr_rate", lambda j, q=q: queues[j] == q) is not None for q in queues)

    agents = data["agent_days"]
    assert agents["agent_id"]
    for a in set(agents["agent_id"]):
        rows = lambda j, a=a: agents["agent_id"][j] == a  # noqa: E731
        assert _same(
            _summed(agents, "fcr_rate", rows), expected["fcr_agent"].get(a, {}).get("fcr_disposition")
        ), a
        assert _same(_summed(agents, "csat", rows), expected["survey_agent"].get(a, {}).get("csat_mean")), a
    assert any(v is not None for v in agents["csat_n"])

    # center survey days: the all-queues rows hold every queue's responses and the unmatched ones
    checked = 0
    for day, want in expected["survey_day"].items():
        rows = lambda j, day=day: queues[j] == ALL_QUEUES and dates[j] == day.isoformat()  # noqa: E731
        assert _same(_summed(days, "csat", rows), want["csat_mean"]), ("csat", day)
        assert _same(_summed(days, "ces", rows), want["ces_low_effort_share"]), ("ces", day)
        checked += 1
    assert checked


def _mf_rows(center: Center, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    root = tmp_path_factory.mktemp("variant_mf")
    project, logs = root / "mf_project", root / "logs"
    (project / "target").mkdir(parents=True)
    logs.mkdir()
    for entry in PROJECT_ENTRIES:
        (project / entry).symlink_to(PROJECT_DIR / entry)
    env = {**_env(center, project / "target", logs), "DBT_PROJECT_DIR": str(project)}
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
    out = logs / "variants.csv"
    command = [str(MF), "query", "--metrics", ",".join(MF_METRICS), "--group-by", "metric_time__day,queue"]
    done = subprocess.run(
        [*command, "--csv", str(out)], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    with out.open(newline="") as f:
        return [r for r in csv.DictReader(f) if r["queue"]]


def test_metricflow_shows_kpi_views(variant_center: Center, tmp_path_factory: pytest.TempPathFactory) -> None:
    if not MF.exists():
        pytest.skip(f"the MetricFlow CLI is not installed in this environment ({MF})")
    rows = _mf_rows(variant_center, tmp_path_factory)
    views = {
        "service_level": _queue_view(variant_center),
        "abandonment_rate": _queue_view(variant_center),
        "fcr_rate": _customer_view(variant_center),
        "csat": _customer_view(variant_center),
        "ces": _customer_view(variant_center),
    }
    got: dict[str, dict[Key, float | None]] = {m: {} for m in MF_METRICS}
    for r in rows:
        key = (date.fromisoformat(r["metric_time__day"][:10]), r["queue"])
        for m in MF_METRICS:
            got[m][key] = None if r[m] in ("", "None") else float(r[m])
    for metric, view in views.items():
        compared = 0
        for key, row in view.items():
            if key[1] is None:
                continue  # center-level survey rows: no queue to group by
            value = got[metric].get(key)
            assert _same(value, row[metric], 1e-9), (metric, key, value, row[metric])
            compared += row[metric] is not None
        assert compared > 0, metric
        # and MetricFlow shows no value the view lacks
        extra = [k for k, v in got[metric].items() if v is not None and k not in view]
        assert not extra, (metric, extra[:5])
