"""Workforce KPIs checked against plain Python over the landed raw rows.

Every expected value is computed here from ``raw.*`` with the KPI catalog's (docs/kpi_catalog.md) definitions (time zones
through zoneinfo, intervals on a one-minute grid rather than the models' 15-minute buckets, Erlang C
through scipy's Poisson distribution rather than the Erlang B recursion), never read back from the
models under test.
"""

from __future__ import annotations

import math
import shutil
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from dbt.cli.main import dbtRunner
from scipy.stats import poisson

from contact_center.contract import PROJECT_DIR
from contact_center.pipeline.build import _release_duckdb, dbt
from tests.conftest import Center

STATE_ACTIVITY = {
    "available": "on_queue",
    "on_contact": "on_queue",
    "acw": "on_queue",
    "break": "break",
    "lunch": "lunch",
    "training": "training",
    "meeting": "meeting",
}
HANDLING_STATES = {"on_contact", "acw"}
LOGGED_OUT_STATES = {"offline", "logged_out"}
SHIFT_ACTIVITIES = {"on_queue", "break", "lunch", "training", "meeting"}
REALTIME_CHANNELS = {"voice", "chat", "sms", "social"}
TOLERANCE_AGENTS = 0.5
INTERVAL = 1800
EPS = 1e-6
COMPONENTS = [
    "logged_in_seconds", "handling_seconds", "available_seconds", "auxiliary_seconds",
    "actual_on_queue_seconds", "scheduled_seconds", "paid_seconds", "scheduled_on_queue_seconds",
    "adherent_seconds", "exception_not_logged_in_seconds", "exception_wrong_state_seconds",
    "unscheduled_logged_in_seconds", "scheduled_unavailable_seconds",
]  # fmt: skip


# ---------------------------------------------------------------------------------------- raw rows
def admitted(con: duckdb.DuckDBPyConnection, table: str) -> list[dict[str, object]]:
    """Rows of raw.<table> that were not quarantined, as dicts with UTC-aware timestamps."""
    cursor = con.execute(
        f"""
        select * from raw.{table} as d
        where not exists (
            select 1 from raw.quarantine as q
            where q.table_name = '{table}' and q.source_file = d._source_file and q.source_row = d._source_row
        )
        """
    )
    names = [c[0] for c in cursor.description]
    rows = []
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        for k, v in row.items():
            if isinstance(v, datetime):
                row[k] = v.astimezone(UTC)
        rows.append(row)
    return rows


def latest(rows: list[dict[str, object]], key: tuple[str, ...], version: tuple[str, ...] = ()) -> list[dict]:
    """One row per key: the greatest (version columns..., _loaded_at, _source_file)."""
    best: dict[tuple, dict] = {}
    for row in rows:
        k = tuple(row[c] for c in key)
        rank = (*(row[c] for c in version), row["_loaded_at"], row["_source_file"])
        if k not in best or rank > best[k][0]:
            best[k] = (rank, row)
    return [row for _, row in best.values()]


@dataclass
class Raw:
    queues: dict[str, dict]
    contacts: list[dict]
    states: list[dict]
    schedules: list[dict]
    forecasts: list[dict]
    versions: dict[str, list[dict]]  # agent -> roster versions by updated_at
    current: dict[str, dict]
    surveys: list[dict]
    costs: list[dict]


def load_raw(warehouse: Path) -> Raw:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        queues = latest(admitted(con, "queues"), ("queue_id",), ("updated_at",))
        contacts = latest(admitted(con, "contacts"), ("contact_id",), ("updated_at",))
        states = latest(admitted(con, "agent_states"), ("agent_id", "state_started_at"))
        schedules = latest(admitted(con, "schedules"), ("agent_id", "starts_at"))
        forecasts = latest(admitted(con, "forecasts"), ("queue_id", "interval_start", "forecast_created_at"))
        agents = latest(admitted(con, "agents"), ("agent_id", "updated_at"))
        surveys = latest(admitted(con, "employee_surveys"), ("response_id",))
        costs = latest(admitted(con, "costs"), ("cost_date", "site", "category"))
    versions: dict[str, list[dict]] = defaultdict(list)
    for a in agents:
        versions[a["agent_id"]].append(a)
    for v in versions.values():
        v.sort(key=lambda r: (r["updated_at"], r["_loaded_at"]))
    current = {agent: v[-1] for agent, v in versions.items()}
    for q in queues:
        q["channel"] = (q["channel"] or "").strip().lower()
    for s in states:
        s["state"] = (s["state"] or "").strip().lower()
    for s in schedules:
        s["activity"] = (s["activity"] or "").strip().lower()
    return Raw(
        queues={q["queue_id"]: q for q in queues},
        contacts=contacts,
        states=states,
        schedules=schedules,
        forecasts=forecasts,
        versions=dict(versions),
        current=current,
        surveys=surveys,
        costs=costs,
    )


def version_at(raw: Raw, agent: str, instant: datetime) -> dict | None:
    """Roster version in effect just before `instant`: the last updated before it, else the first."""
    versions = raw.versions.get(agent)
    if not versions:
        return None
    before = [v for v in versions if v["updated_at"] < instant]
    return before[-1] if before else versions[0]


def end_of_day(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC) + timedelta(days=1)


# ------------------------------------------------------------------------------ time zones, splitting
def agent_time_zones(raw: Raw) -> dict[str, str]:
    """Agent -> zone: most-scheduled on_queue queue, else most-handled queue, else the site's
    majority among agents placed so, else UTC."""
    scheduled: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for s in raw.schedules:
        if s["activity"] == "on_queue" and s["queue_id"] in raw.queues:
            scheduled[s["agent_id"]][s["queue_id"]] += (s["ends_at"] - s["starts_at"]).total_seconds()
    handled: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in raw.contacts:
        if c["agent_id"] is not None and c["connected_at"] is not None and c["queue_id"] in raw.queues:
            handled[c["agent_id"]][c["queue_id"]] += 1
    agents = set(raw.current) | {s["agent_id"] for s in raw.schedules} | {s["agent_id"] for s in raw.states}
    agents |= {c["agent_id"] for c in raw.contacts if c["agent_id"] is not None and c["connected_at"]}

    def top(counts: dict[str, float]) -> str | None:
        if not counts:
            return None
        return min(counts, key=lambda q: (-counts[q], q))

    zones: dict[str, str | None] = {}
    for a in agents:
        q = top(scheduled.get(a, {})) or top(handled.get(a, {}))
        zones[a] = raw.queues[q]["time_zone"] if q else None
    by_site: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a, z in zones.items():
        site = raw.current.get(a, {}).get("site")
        if z and site:
            by_site[site][z] += 1
    out = {}
    for a, z in zones.items():
        site = raw.current.get(a, {}).get("site")
        out[a] = z or (top(by_site[site]) if site in by_site else None) or "UTC"
    return out


def state_horizon(raw: Raw) -> datetime:
    """The latest agent-state end: schedules count only up to it."""
    return max(
        s["state_ended_at"]
        for s in raw.states
        if s["state_ended_at"] and s["state_ended_at"] > s["state_started_at"]
    )


def contact_horizon(raw: Raw) -> datetime:
    """The latest event in the contact data: later intervals are not yet measurable."""
    events = ("initiated_at", "enqueued_at", "connected_at", "disconnected_at", "acw_ended_at")
    return max(max(c[e] for e in events if c[e] is not None) for c in raw.contacts)


def minute_pieces(start: datetime, end: datetime, zone: ZoneInfo) -> Iterator[tuple[datetime, date, float]]:
    """(local 30-minute label, local day, seconds) of [start, end) on a one-minute UTC grid."""
    t = start
    while t < end:
        nxt = min(end, t.replace(second=0, microsecond=0) + timedelta(minutes=1))
        local = t.astimezone(zone)
        label = local.replace(tzinfo=None, minute=local.minute - local.minute % 30, second=0, microsecond=0)
        yield label, local.date(), (nxt - t).total_seconds()
        t = nxt


def local_label(ts: datetime, zone: ZoneInfo) -> datetime:
    local = ts.astimezone(zone)
    return local.replace(tzinfo=None, minute=local.minute - local.minute % 30, second=0, microsecond=0)


# ------------------------------------------------------------------------------------ agent time
def agent_time(raw: Raw, zones: dict[str, str]) -> tuple[dict[tuple, dict], dict[tuple, dict]]:
    """(per agent x local interval, per agent x local day) components."""
    by_interval: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    by_day: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def add(agent: str, start: datetime, end: datetime, amounts: dict[str, float]) -> None:
        zone = ZoneInfo(zones[agent])
        for label, day, secs in minute_pieces(start, end, zone):
            for k, sign in amounts.items():
                by_interval[(agent, label)][k] += sign * secs
                by_day[(agent, day)][k] += sign * secs

    states_by_agent: dict[str, list[dict]] = defaultdict(list)
    for s in raw.states:
        if s["state_ended_at"] is None or s["state_ended_at"] <= s["state_started_at"]:
            continue
        states_by_agent[s["agent_id"]].append(s)
        logged_in = s["state"] not in LOGGED_OUT_STATES
        handling = s["state"] in HANDLING_STATES
        available = s["state"] == "available"
        add(
            s["agent_id"],
            s["state_started_at"],
            s["state_ended_at"],
            {
                "logged_in_seconds": logged_in,
                "handling_seconds": handling,
                "available_seconds": available,
                "auxiliary_seconds": logged_in and not handling and not available,
                "actual_on_queue_seconds": STATE_ACTIVITY.get(s["state"]) == "on_queue",
                "unscheduled_logged_in_seconds": logged_in,
            },
        )
    for spans in states_by_agent.values():
        spans.sort(key=lambda s: s["state_started_at"])

    horizon = state_horizon(raw)
    for s in raw.schedules:
        if s["ends_at"] <= s["starts_at"] or s["starts_at"] >= horizon:
            continue
        shift = s["activity"] in SHIFT_ACTIVITIES
        add(
            s["agent_id"],
            s["starts_at"],
            min(s["ends_at"], horizon),
            {
                "scheduled_seconds": 1,
                "paid_seconds": shift,
                "scheduled_on_queue_seconds": s["activity"] == "on_queue",
                "exception_not_logged_in_seconds": shift,
                "scheduled_unavailable_seconds": 1,
            },
        )
        spans = states_by_agent.get(s["agent_id"], [])
        i = max(bisect_left([t["state_started_at"] for t in spans], s["starts_at"]) - 1, 0)
        for t in spans[i:]:
            if t["state_started_at"] >= s["ends_at"]:
                break
            start, end = max(s["starts_at"], t["state_started_at"]), min(s["ends_at"], t["state_ended_at"])
            if end <= start:
                continue
            activity = STATE_ACTIVITY.get(t["state"])
            logged_in = t["state"] not in LOGGED_OUT_STATES
            adherent = shift and activity == s["activity"]
            add(
                s["agent_id"],
                start,
                end,
                {
                    "adherent_seconds": adherent,
                    "exception_not_logged_in_seconds": -(shift and logged_in),
                    "exception_wrong_state_seconds": (shift and logged_in) - adherent,
                    "unscheduled_logged_in_seconds": -(shift and logged_in),
                    "scheduled_unavailable_seconds": -(activity == "on_queue"),
                },
            )
    return by_interval, by_day


def handled_contacts(raw: Raw) -> list[dict]:
    """Handled legs with their queue-local handling-end day and interval and handle seconds."""
    out = []
    for c in raw.contacts:
        if c["connected_at"] is None or c["agent_id"] is None:
            continue
        q = raw.queues.get(c["queue_id"])
        zone = ZoneInfo(q["time_zone"] if q else "UTC")
        end = c["acw_ended_at"] or c["disconnected_at"]
        hold = c["hold_seconds"] or 0.0
        talk = (c["disconnected_at"] - c["connected_at"]).total_seconds() - hold
        acw = (c["acw_ended_at"] - c["disconnected_at"]).total_seconds() if c["acw_ended_at"] else 0.0
        handle = talk + hold + acw
        out.append(
            {
                "agent_id": c["agent_id"],
                "queue_id": c["queue_id"],
                "day": end.astimezone(zone).date(),
                "label": local_label(end, zone),
                "handle_seconds": handle,
            }
        )
    return out


def offered_contacts(raw: Raw) -> dict[tuple[str, datetime], int]:
    """Offered per (queue, local interval of queue entry): first queued inbound legs."""
    out: dict[tuple[str, datetime], int] = defaultdict(int)
    for c in raw.contacts:
        if c["enqueued_at"] is None or c["direction"] != "inbound" or c["initiation_method"] != "inbound":
            continue
        q = raw.queues.get(c["queue_id"])
        out[(c["queue_id"], local_label(c["enqueued_at"], ZoneInfo(q["time_zone"] if q else "UTC")))] += 1
    return out


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def close(actual: float | None, expected: float | None, tol: float = 1e-9) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return math.isclose(actual, expected, rel_tol=tol, abs_tol=tol)


@pytest.fixture(scope="module")
def raw(center: Center) -> Raw:
    return load_raw(center.warehouse)


@pytest.fixture(scope="module")
def zones(raw: Raw) -> dict[str, str]:
    return agent_time_zones(raw)


@pytest.fixture(scope="module")
def expected_agent_time(raw: Raw, zones: dict[str, str]) -> tuple[dict, dict]:
    return agent_time(raw, zones)


# ------------------------------------------------------------------------------------------ tests
def test_center_exercises_the_workforce_paths(raw: Raw, zones: dict[str, str]) -> None:
    """The generated center has what the comparisons below need, so they cannot pass vacuously."""
    assert len({zones[a] for a in zones}) >= 2, "agents in at least two time zones"
    crossing = [
        s
        for s in raw.states
        if s["state_ended_at"]
        and local_label(s["state_started_at"], ZoneInfo(zones[s["agent_id"]]))
        != local_label(s["state_ended_at"] - timedelta(microseconds=1), ZoneInfo(zones[s["agent_id"]]))
    ]
    assert len(crossing) > 100, "state spans crossing interval boundaries"
    assert {s["activity"] for s in raw.schedules} >= {"on_queue", "break", "lunch"}
    assert {s["state"] for s in raw.states} >= {"available", "on_contact", "acw", "break", "lunch"}
    created = defaultdict(set)
    for f in raw.forecasts:
        created[(f["queue_id"], f["interval_start"])].add(f["forecast_created_at"])
    assert any(len(v) > 1 for v in created.values()), "several forecast versions for some intervals"
    assert raw.costs, "finance costs"


def test_agent_interval_components_match_raw_states_and_schedules(
    center: Center, expected_agent_time: tuple[dict, dict]
) -> None:
    expected, _ = expected_agent_time
    rows = center.dicts("select * from marts.fct_agent_intervals")
    actual = {(r["agent_id"], r["interval_start_local"]): r for r in rows}
    assert set(actual) == set(expected)
    bad = [
        (key, c, actual[key][c], expected[key].get(c, 0.0))
        for key in expected
        for c in COMPONENTS
        if abs(actual[key][c] - expected[key].get(c, 0.0)) > EPS
    ]
    assert not bad, bad[:10]


def test_agent_day_components_and_ratios_match_raw(
    center: Center, raw: Raw, expected_agent_time: tuple[dict, dict]
) -> None:
    _, expected = expected_agent_time
    handled: dict[tuple, int] = defaultdict(int)
    for h in handled_contacts(raw):
        handled[(h["agent_id"], h["day"])] += 1
    rows = {(r["agent_id"], r["date_day"]): r for r in center.dicts("select * from marts.fct_agent_daily")}
    assert set(rows) == set(expected) | set(handled)
    for key, exp in expected.items():
        for c in COMPONENTS:
            assert abs(rows[key][c] - exp.get(c, 0.0)) <= EPS, (key, c)
    for key, n in handled.items():
        assert rows[key]["handled"] == n, key

    kpis = {
        (r["agent_id"], r["date_day"]): r
        for r in center.dicts("select * from marts.kpi_agent_workforce_daily")
    }
    checked = 0
    for key, e in expected.items():
        k = kpis[key]
        g = defaultdict(float, e)
        assert close(
            k["occupancy"], ratio(g["handling_seconds"], g["handling_seconds"] + g["available_seconds"])
        )
        assert close(k["utilization"], ratio(g["handling_seconds"], g["paid_seconds"]))
        assert close(k["adherence"], ratio(g["adherent_seconds"], g["paid_seconds"]))
        assert close(k["conformance"], ratio(g["actual_on_queue_seconds"], g["scheduled_on_queue_seconds"]))
        assert close(k["shrinkage"], ratio(g["scheduled_unavailable_seconds"], g["scheduled_seconds"]))
        assert close(k["contacts_per_hour"], ratio(handled.get(key, 0), g["logged_in_seconds"] / 3600))
        checked += k["adherence"] is not None
    assert checked > 50


def test_forecast_accuracy_matches_raw(center: Center, raw: Raw) -> None:
    forecast: dict[tuple[str, datetime], float] = defaultdict(float)
    chosen: dict[tuple, dict] = {}
    for f in raw.forecasts:
        if f["forecast_created_at"] >= f["interval_start"]:
            continue
        key = (f["queue_id"], f["interval_start"])
        if key not in chosen or f["forecast_created_at"] > chosen[key]["forecast_created_at"]:
            chosen[key] = f
    for (queue, start), f in chosen.items():
        zone = ZoneInfo(raw.queues[queue]["time_zone"] if queue in raw.queues else "UTC")
        forecast[(queue, local_label(start, zone))] += f["forecast_contacts"] or 0.0
    offered = offered_contacts(raw)
    horizon = contact_horizon(raw)
    days: dict[tuple[str, date], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for key in set(forecast) | set(offered):
        if key[1] > local_label(horizon, ZoneInfo(raw.queues[key[0]]["time_zone"])):
            continue
        f, a = forecast.get(key, 0.0), offered.get(key, 0)
        d = days[(key[0], key[1].date())]
        d["forecast"] += f
        d["actual"] += a
        d["abs_error"] += abs(f - a)
        if a > 0:
            d["ape"] += abs(f - a) / a
            d["mape_intervals"] += 1
        elif key in forecast:
            d["zero_actual"] += 1
    kpis = {
        (r["queue_id"], r["date_day"]): r
        for r in center.dicts("select * from marts.kpi_queue_workforce_daily")
    }
    assert sum(d["zero_actual"] for d in days.values()) > 0, "zero-actual intervals are exercised"
    for key, d in days.items():
        k = kpis[key]
        assert close(k["actual_offered"], d["actual"]) and close(k["forecast_offered"], d["forecast"]), key
        assert close(k["wape"], ratio(d["abs_error"], d["actual"])), key
        assert close(k["forecast_accuracy"], None if not d["actual"] else 1 - d["abs_error"] / d["actual"]), (
            key
        )
        assert close(k["mape"], ratio(d["ape"], d["mape_intervals"])), key
        assert close(k["forecast_bias"], ratio(d["forecast"] - d["actual"], d["actual"])), key
        assert k["zero_actual_intervals"] == d["zero_actual"], key


def erlang_c_agents(traffic: float, aht: float, threshold: float, target: float) -> int:
    """Smallest N > A with SL >= target; Erlang B from the Poisson distribution (scipy)."""
    n = math.floor(traffic) + 1
    while True:
        b = poisson.pmf(n, traffic) / poisson.cdf(n, traffic)
        pw = n * b / (n - traffic * (1 - b))
        if 1 - pw * math.exp(-(n - traffic) * threshold / aht) >= target:
            return n
        n += 1


def test_erlang_c_staffing_matches_scipy_and_raw_schedules(center: Center, raw: Raw) -> None:
    offered = offered_contacts(raw)
    handle: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0])
    handle_day: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0])
    for h in handled_contacts(raw):
        for bucket, key in ((handle, (h["queue_id"], h["label"])), (handle_day, (h["queue_id"], h["day"]))):
            bucket[key][0] += h["handle_seconds"]
            bucket[key][1] += 1
    scheduled: dict[tuple, float] = defaultdict(float)
    for s in raw.schedules:
        if s["activity"] == "on_queue" and s["queue_id"] in raw.queues:
            zone = ZoneInfo(raw.queues[s["queue_id"]]["time_zone"])
            for label, _, secs in minute_pieces(s["starts_at"], s["ends_at"], zone):
                scheduled[(s["queue_id"], label)] += secs
    fc_work: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0])
    chosen: dict[tuple, dict] = {}
    for f in raw.forecasts:
        key = (f["queue_id"], f["interval_start"])
        if f["forecast_created_at"] < f["interval_start"] and (
            key not in chosen or f["forecast_created_at"] > chosen[key]["forecast_created_at"]
        ):
            chosen[key] = f
    for (queue, start), f in chosen.items():
        label = local_label(start, ZoneInfo(raw.queues[queue]["time_zone"]))
        fc_work[(queue, label)][0] += f["forecast_contacts"] * f["forecast_aht_seconds"]
        fc_work[(queue, label)][1] += f["forecast_contacts"]

    workload_queues = {q for (q, _), n in offered.items() if n > 0} | {q for q, _ in chosen}
    realtime = {q for q in workload_queues if raw.queues[q]["channel"] in REALTIME_CHANNELS}
    keys = {k for k in offered if k[0] in realtime} | {k for k in fc_work if k[0] in realtime}
    keys |= {k for k in handle if k[0] in realtime} | {k for k in scheduled if k[0] in realtime}
    horizon = contact_horizon(raw)
    keys = {k for k in keys if k[1] <= local_label(horizon, ZoneInfo(raw.queues[k[0]]["time_zone"]))}

    rows = {
        (r["queue_id"], r["interval_start_local"]): r
        for r in center.dicts("select * from marts.fct_queue_workforce_intervals where is_realtime")
    }
    assert set(rows) == keys
    days: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    sized = 0
    for key in keys:
        queue, label = key
        q = raw.queues[queue]
        secs, n = handle.get(key, (0.0, 0))
        day_secs, day_n = handle_day.get((queue, label.date()), (0.0, 0))
        work, fc = fc_work.get(key, (0.0, 0.0))
        aht = secs / n if n else (day_secs / day_n if day_n else (work / fc if fc else None))
        a = offered.get(key, 0)
        required = None if aht is None else (0 if a == 0 else None)
        if aht is not None and a > 0:
            required = erlang_c_agents(a * aht / INTERVAL, aht, q["sl_threshold_seconds"], q["sl_target"])
            sized += 1
        row = rows[key]
        assert row["required_agents"] == required, (key, a, aht)
        sched = scheduled.get(key, 0.0) / INTERVAL
        assert abs(row["scheduled_agents"] - sched) < EPS, key
        d = days[(queue, label.date())]
        d["scheduled_seconds"] += scheduled.get(key, 0.0)
        if required is not None:
            d["required_seconds"] += required * INTERVAL
            d["staffing"] += 1
            d["under"] += sched < required - TOLERANCE_AGENTS
            d["over"] += sched > required + TOLERANCE_AGENTS
    assert sized > 50
    kpis = {
        (r["queue_id"], r["date_day"]): r
        for r in center.dicts("select * from marts.kpi_queue_workforce_daily")
    }
    for key, d in days.items():
        k = kpis[key]
        assert close(k["staffing_coverage"], ratio(d["scheduled_seconds"], d["required_seconds"])), key
        assert close(k["understaffed_share"], ratio(d["under"], d["staffing"])), key
        assert close(k["overstaffed_share"], ratio(d["over"], d["staffing"])), key


def test_cost_per_contact_matches_raw(center: Center, raw: Raw, zones: dict[str, str]) -> None:
    handled = handled_contacts(raw)
    paid: dict[tuple, float] = defaultdict(float)
    on_queue: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    horizon = state_horizon(raw)
    for s in raw.schedules:
        zone = ZoneInfo(zones[s["agent_id"]])
        for _, day, secs in minute_pieces(s["starts_at"], s["ends_at"], zone):
            if s["activity"] == "on_queue" and s["queue_id"] is not None:
                on_queue[(s["agent_id"], day)][s["queue_id"]] += secs  # allocation weights: whole schedule
        if s["activity"] in SHIFT_ACTIVITIES and s["starts_at"] < horizon:
            for _, day, secs in minute_pieces(s["starts_at"], min(s["ends_at"], horizon), zone):
                paid[(s["agent_id"], day)] += secs  # labour: paid time observed so far
    handle_w: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for h in handled:
        handle_w[(h["agent_id"], h["day"])][h["queue_id"]] += h["handle_seconds"]
    handle_w = {k: {q: w for q, w in v.items() if w > 0} for k, v in handle_w.items()}
    handle_w = {k: v for k, v in handle_w.items() if v}

    queue_cost: dict[tuple, float] = defaultdict(float)
    center_cost: dict[date, float] = defaultdict(float)

    def allocate(amount: float, day: date, weights: dict[str, float]) -> None:
        center_cost[day] += amount
        total = sum(weights.values())
        for q, w in weights.items():
            queue_cost[(q, day)] += amount * w / total

    for (agent, day), secs in paid.items():
        version = version_at(raw, agent, end_of_day(day))
        if version is None or version["hourly_cost"] is None:
            continue
        allocate(
            secs / 3600 * version["hourly_cost"],
            day,
            handle_w.get((agent, day)) or on_queue.get((agent, day), {}),
        )
    site_w: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for (agent, day), weights in handle_w.items():
        version = version_at(raw, agent, end_of_day(day))
        if version and version["site"]:
            for q, w in weights.items():
                site_w[(version["site"], day)][q] += w
    for c in raw.costs:
        if c["amount"] is not None:
            allocate(c["amount"], c["cost_date"], site_w.get((c["site"], c["cost_date"]), {}))

    handled_q: dict[tuple, int] = defaultdict(int)
    handled_day: dict[date, int] = defaultdict(int)
    for h in handled:
        handled_q[(h["queue_id"], h["day"])] += 1
        handled_day[h["day"]] += 1
    kpis = {
        (r["queue_id"], r["date_day"]): r
        for r in center.dicts("select * from marts.kpi_queue_workforce_daily")
    }
    checked = 0
    for key, n in handled_q.items():
        assert close(kpis[key]["cost_per_contact"], queue_cost.get(key, 0.0) / n, 1e-9), key
        checked += 1
    assert checked > 10
    center_kpis = {r["date_day"]: r for r in center.dicts("select * from marts.kpi_center_workforce_daily")}
    for day, n in handled_day.items():
        assert close(center_kpis[day]["cost_per_contact"], center_cost[day] / n, 1e-9), day


# ------------------------------------------------------------------- people and Erlang C via dbt
@pytest.fixture(scope="module")
def amended_center(center: Center, tmp_path_factory: pytest.TempPathFactory) -> Center:
    """A copy of the center with rows added to its raw tables for what the generated center lacks:
    employee surveys (no pulse-survey day in it), roster changes (a team transfer, leavers, a hire)
    and an agent state and schedule across local midnight. Everything downstream is rebuilt and
    re-tested by dbt."""
    root = tmp_path_factory.mktemp("people")
    warehouse = root / center.warehouse.name  # same stem: the copied views name their catalog by it
    shutil.copy(center.warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        # employed agents only, so the roster changes below are real changes
        agents = [
            r[0]
            for r in con.execute(
                "select distinct agent_id from raw.agents where termination_date is null order by 1"
            ).fetchall()
        ]
        loaded = "timestamptz '2026-04-30 00:00:00+00'"
        # roster changes: a team transfer, two leavers (one on a month's last day), a hire in April
        con.execute(
            f"""
            insert into raw.agents by name
            with cur as (
                select * from raw.agents
                qualify row_number() over (partition by agent_id order by updated_at desc, _loaded_at desc) = 1
            )
            select agent_id, agent_name, 'T-TRANSFER' as team, site, hire_date, termination_date,
                termination_reason, hourly_cost + 1 as hourly_cost,
                timestamptz '2026-03-27 12:00:00+00' as updated_at,
                'test/agents_transfer.csv' as _source_file, 1 as _source_row, {loaded} as _loaded_at
            from cur where agent_id = '{agents[0]}'
            union all
            select agent_id, agent_name, team, site, hire_date, date '2026-03-31', 'voluntary', hourly_cost,
                timestamptz '2026-03-31 17:00:00+00', 'test/agents_leaver.csv', 1, {loaded}
            from cur where agent_id = '{agents[1]}'
            union all
            select agent_id, agent_name, team, site, hire_date, date '2026-04-10', 'involuntary', hourly_cost,
                timestamptz '2026-04-10 17:00:00+00', 'test/agents_leaver.csv', 2, {loaded}
            from cur where agent_id = '{agents[2]}'
            union all
            select 'A9001', 'New Hire', team, site, date '2026-04-06', null, null, 25.0,
                timestamptz '2026-04-01 09:00:00+00', 'test/agents_hire.csv', 1, {loaded}
            from cur where agent_id = '{agents[3]}'
            """
        )
        # pulse survey answers in March and April, scores across both scales (one ESAT out of range);
        # 23:30Z on 31 March is already April in London (BST) but still March in New York
        values = []
        for i, agent in enumerate(agents):
            for month, stamp in ((3, "2026-03-31 23:30:00+00"), (4, "2026-04-15 22:30:00+00")):
                esat = 7 if i == 5 and month == 4 else 1 + (i * 3 + month) % 5
                enps = (i * 7 + month * 3) % 11
                values.append(
                    f"('ES{month}{i:04d}', '{agent}', timestamptz '{stamp}', "
                    f"{esat}, {enps}, 'test/esurvey.csv', {len(values) + 1}, {loaded})"
                )
        con.execute(
            "insert into raw.employee_surveys (response_id, agent_id, responded_at, esat_score, enps_score, "
            f"_source_file, _source_row, _loaded_at) values {', '.join(values)}"
        )
        # a New York agent available 23:50-00:20 local on 27/28 March, scheduled on_queue 23:45-00:15
        agent, queue = con.execute(
            """
            select s.agent_id, any_value(s.queue_id)
            from raw.schedules as s
            inner join raw.queues as q on s.queue_id = q.queue_id
            where q.time_zone = 'America/New_York' and s.activity = 'on_queue'
            group by s.agent_id
            order by sum(epoch(s.ends_at) - epoch(s.starts_at)) desc, s.agent_id
            limit 1
            """
        ).fetchone()
        con.execute(
            f"""
            insert into raw.agent_states (agent_id, state, state_started_at, state_ended_at,
                _source_file, _source_row, _loaded_at)
            values ('{agent}', 'available', timestamptz '2026-03-28 03:50:00+00',
                timestamptz '2026-03-28 04:20:00+00', 'test/states.csv', 1, {loaded})
            """
        )
        con.execute(
            f"""
            insert into raw.schedules (agent_id, starts_at, ends_at, activity, queue_id,
                _source_file, _source_row, _loaded_at)
            values ('{agent}', timestamptz '2026-03-28 03:45:00+00', timestamptz '2026-03-28 04:15:00+00',
                'on_queue', '{queue}', 'test/schedules.csv', 1, {loaded}),
                -- published ahead: a shift a week after the data ends, with its forecast
                ('{agent}', timestamptz '2026-04-06 13:00:00+00', timestamptz '2026-04-06 21:00:00+00',
                'on_queue', '{queue}', 'test/schedules.csv', 2, {loaded})
            """
        )
        con.execute(
            f"""
            insert into raw.forecasts (queue_id, interval_start, forecast_created_at, interval_minutes,
                forecast_contacts, forecast_aht_seconds, _source_file, _source_row, _loaded_at)
            values ('{queue}', timestamptz '2026-04-06 14:00:00+00', timestamptz '2026-03-30 06:00:00+00', 30,
                40, 300, 'test/forecasts.csv', 1, {loaded})
            """
        )
    # rows written into raw directly (not landed and guarded, so not in the guard's change log) reach
    # the day-rebuilt staging tables through a full refresh, as for any other loader that skips the log
    outcome = dbt(
        ["build", "--quiet", "--full-refresh", "--select", "int_agent_roster_versioned+", "int_agents_current+",
         "int_agent_time_zones_assigned+", "stg_acd__agent_states+", "stg_wfm__schedules+",
         "assert_workforce_headcount_rolls_forward"],
        warehouse,
    )  # fmt: skip
    assert outcome.success, "\n".join(outcome.failures)
    return Center(landing=center.landing, warehouse=warehouse)


def test_state_and_schedule_across_local_midnight_count_on_both_days(amended_center: Center) -> None:
    raw = load_raw(amended_center.warehouse)
    zones = agent_time_zones(raw)
    agent = next(s["agent_id"] for s in raw.states if s["_source_file"] == "test/states.csv")
    assert zones[agent] == "America/New_York"
    day1, day2 = date(2026, 3, 27), date(2026, 3, 28)
    split = defaultdict(float)
    for day, secs in amended_center.query(
        "select date_day, piece_seconds from intermediate.int_agent_states_split "
        "where agent_id = ? and state_started_at = timestamptz '2026-03-28 03:50:00+00'",
        [agent],
    ):
        split[day] += secs
    assert split == {day1: 600.0, day2: 1200.0}
    _, expected = agent_time(raw, zones)
    rows = {
        r["date_day"]: r
        for r in amended_center.dicts(f"select * from marts.fct_agent_daily where agent_id = '{agent}'")
    }
    for day in (day1, day2):
        for c in COMPONENTS:
            assert abs(rows[day][c] - expected[(agent, day)].get(c, 0.0)) <= EPS, (day, c)
    # the midnight block: 23:45-00:15 scheduled, 23:50-00:20 available
    interval = {
        r["interval_start_local"]: r
        for r in amended_center.dicts(
            f"select * from marts.fct_agent_intervals where agent_id = '{agent}' "
            "and interval_start_local in ('2026-03-27 23:30:00', '2026-03-28 00:00:00')"
        )
    }
    late, early = interval[datetime(2026, 3, 27, 23, 30)], interval[datetime(2026, 3, 28, 0, 0)]
    assert (late["scheduled_on_queue_seconds"], late["adherent_seconds"]) == (900.0, 600.0)
    assert (late["exception_not_logged_in_seconds"], early["unscheduled_logged_in_seconds"]) == (300.0, 300.0)
    assert (early["scheduled_on_queue_seconds"], early["adherent_seconds"]) == (900.0, 900.0)
    # the shift and forecast published for 6 April, after the data ends, are not measured yet
    assert not amended_center.query("select * from marts.fct_agent_daily where date_day >= '2026-04-01'")
    assert not amended_center.query(
        "select * from marts.fct_queue_workforce_intervals where date_day >= '2026-04-01'"
    )
    assert (
        amended_center.query(
            f"select count(*) from intermediate.int_schedules_split where agent_id = '{agent}' and date_day = '2026-04-06'"
        )[0][0]
        == 32
    )


def test_people_kpis_match_raw(amended_center: Center) -> None:
    raw = load_raw(amended_center.warehouse)
    zones = agent_time_zones(raw)
    first_day, last_day = amended_center.query("select min(date_day), max(date_day) from marts.dim_date")[0]
    months: set[date] = {first_day.replace(day=1), last_day.replace(day=1)}
    responses = []
    for s in raw.surveys:
        local = s["responded_at"].astimezone(ZoneInfo(zones.get(s["agent_id"], "UTC")))
        responses.append((local.date().replace(day=1), s))
        months.add(local.date().replace(day=1))
    month = min(months)
    spine = []
    while month <= max(months):
        spine.append(month)
        month = (month + timedelta(days=32)).replace(day=1)

    expected: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def team(agent: str, instant: datetime) -> str | None:
        v = version_at(raw, agent, instant)
        return v["team"] if v else None

    for agent, cur in raw.current.items():
        hire = cur["hire_date"] or date(1900, 1, 1)
        term = cur["termination_date"]
        for m in spine:
            m_end = (m + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            if hire < m and (term is None or term >= m):
                expected[(team(agent, datetime(m.year, m.month, 1, tzinfo=UTC)), m)]["headcount_start"] += 1
            if hire <= m_end and (term is None or term > m_end):
                expected[(team(agent, end_of_day(m_end)), m)]["headcount_end"] += 1
            if m <= hire <= m_end:
                expected[(team(agent, end_of_day(hire)), m)]["hires"] += 1
            if term is not None and m <= term <= m_end and hire <= m_end:
                e = expected[(team(agent, end_of_day(term)), m)]
                e["leavers"] += 1
                e["leavers_voluntary"] += cur["termination_reason"] == "voluntary"
    for m, s in responses:
        e = expected[(team(s["agent_id"], s["responded_at"]), m)]
        esat, enps = s["esat_score"], s["enps_score"]
        if esat is not None and 1 <= esat <= 5:
            e["esat_responses"] += 1
            e["esat_top_box"] += esat >= 4
            e["esat_score_sum"] += esat
        if enps is not None and 0 <= enps <= 10:
            e["enps_responses"] += 1
            e["enps_promoters"] += enps >= 9
            e["enps_passives"] += 7 <= enps <= 8
            e["enps_detractors"] += enps <= 6

    rows = {
        (r["team"], r["month_start_date"]): r
        for r in amended_center.dicts("select * from marts.fct_team_monthly")
    }
    assert set(rows) == set(expected)
    assert (
        sum(e["leavers"] for e in expected.values()) >= 2 and sum(e["hires"] for e in expected.values()) >= 1
    )
    assert any(k[0] == "T-TRANSFER" for k in expected)
    for key, e in expected.items():
        for c in ("esat_responses", "esat_top_box", "esat_score_sum", "enps_responses", "enps_promoters",
                  "enps_passives", "enps_detractors", "headcount_start", "headcount_end", "hires", "leavers",
                  "leavers_voluntary"):  # fmt: skip
            assert rows[key][c] == e[c], (key, c)
    kpis = {
        (r["team"], r["month_start_date"]): r
        for r in amended_center.dicts("select * from marts.kpi_team_monthly")
    }
    for key, e in expected.items():
        k = kpis[key]
        average = (e["headcount_start"] + e["headcount_end"]) / 2
        assert close(k["esat"], ratio(e["esat_top_box"], e["esat_responses"])), key
        assert close(
            k["enps"], ratio(100 * (e["enps_promoters"] - e["enps_detractors"]), e["enps_responses"])
        ), key
        assert close(k["attrition_rate"], ratio(e["leavers"], average)), key
        assert close(k["attrition_rate_annualised"], ratio(12 * e["leavers"], average)), key


def test_erlang_c_macro_catalog_vector_and_ten_thousand_erlangs(
    amended_center: Center, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The staffing macro itself, run by dbt, against scipy: the catalog's vector and A = 10,000."""
    sql = """
        with inputs as (
            select 'catalog' as k, 100 * 180.0 / 1800 as traffic_erlangs, 180.0 as aht_seconds,
                20 as sl_threshold_seconds, 0.8 as sl_target
            union all select 'catalog_79', 10.0, 180.0, 20, 0.79
            union all select 'large', 100000 * 180.0 / 1800, 180.0, 20, 0.8
        ),
        staffed as ({{ erlang_c_staffing('inputs', ['k']) }})
        select * from staffed
    """
    monkeypatch.setenv("WAREHOUSE_PATH", str(amended_center.warehouse.resolve()))
    monkeypatch.setenv("DUCKDB_TEMP_DIRECTORY", str((amended_center.warehouse.parent / "tmp").resolve()))
    monkeypatch.setenv("DBT_PROFILES_DIR", str(PROJECT_DIR))
    try:
        result = dbtRunner().invoke(
            ["show", "--inline", sql, "--limit", "10", "--quiet", "--project-dir", str(PROJECT_DIR)]
        )
    finally:
        _release_duckdb()
    assert result.success
    table = result.result.results[0].agate_table
    got = {row["k"]: {c: row[c] for c in table.column_names} for row in table.rows}

    def scipy_figures(n: int, a: float) -> tuple[float, float, float]:
        b = poisson.pmf(n, a) / poisson.cdf(n, a)
        pw = n * b / (n - a * (1 - b))
        return pw, 1 - pw * math.exp(-(n - a) * 20 / 180), pw * 180 / (n - a)

    catalog = got["catalog"]
    assert catalog["required_agents_on_queue"] == 14 == erlang_c_agents(10, 180, 20, 0.8)
    assert round(float(catalog["service_level"]), 3) == 0.888
    assert round(float(catalog["wait_probability"]), 3) == 0.174
    assert round(float(catalog["asa_seconds"]), 1) == 7.8
    assert round(float(catalog["occupancy"]), 3) == 0.714
    assert got["catalog_79"]["required_agents_on_queue"] == 13
    assert round(float(got["catalog_79"]["service_level"]), 3) == 0.796
    assert scipy_figures(13, 10)[1] < 0.8 <= scipy_figures(14, 10)[1]

    large = got["large"]
    n = erlang_c_agents(10_000, 180, 20, 0.8)
    assert large["required_agents_on_queue"] == n
    pw, sl, asa = scipy_figures(n, 10_000)
    assert math.isclose(float(large["wait_probability"]), pw, rel_tol=1e-9)
    assert math.isclose(float(large["service_level"]), sl, rel_tol=1e-9)
    assert math.isclose(float(large["asa_seconds"]), asa, rel_tol=1e-9)
    assert 0 < float(large["erlang_b"]) < 1
