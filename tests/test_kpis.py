"""Every queue-access and handling KPI checked against plain Python over the landed raw rows.

The expected values are computed here from ``raw.contacts`` and ``raw.queues`` with the KPI catalog's
(docs/kpi_catalog.md) definitions (time zones through zoneinfo), never read back from the models under test.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Center

EXCLUDED_FROM_ABANDON = {"transfer", "flow_out", "callback_requested"}


@dataclass
class Components:
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    abandoned_short: int = 0
    answered_within_t: int = 0
    abandoned_within_t: int = 0
    wait_seconds_answered: float = 0.0
    wait_seconds_abandoned: float = 0.0
    max_wait_seconds: float | None = None
    handled: int = 0
    talk_seconds: float = 0.0
    hold_seconds: float = 0.0
    acw_seconds: float = 0.0
    held: int = 0
    transferred_out: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def latest_versions(rows: list[dict[str, object]], key: str) -> list[dict[str, object]]:
    """Keep the latest version of each key: by updated_at, then by load time."""
    best: dict[object, dict[str, object]] = {}
    for row in rows:
        current = best.get(row[key])
        rank = (row.get("updated_at"), row["_loaded_at"], row["_source_file"])
        if current is None or rank > (
            current.get("updated_at"),
            current["_loaded_at"],
            current["_source_file"],
        ):
            best[row[key]] = row
    return list(best.values())


def seconds(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds()


def local_interval(ts: datetime) -> datetime:
    naive = ts.replace(tzinfo=None)
    return naive.replace(minute=naive.minute - naive.minute % 30, second=0, microsecond=0)


def expected_components(center: Center) -> tuple[dict[tuple, Components], dict[tuple, Components]]:
    """(agent x queue x day components, queue x interval components) from the raw rows."""
    queues = {q["queue_id"]: q for q in latest_versions(center.dicts("select * from raw.queues"), "queue_id")}
    contacts = latest_versions(center.dicts("select * from raw.contacts"), "contact_id")
    daily: dict[tuple, Components] = defaultdict(Components)
    intervals: dict[tuple, Components] = defaultdict(Components)
    for c in contacts:
        q = queues.get(c["queue_id"])
        tz = ZoneInfo(q["time_zone"]) if q else ZoneInfo("UTC")
        threshold = q["sl_threshold_seconds"] if q else 20
        short = q["short_abandon_seconds"] if q else 5
        offered = (
            c["enqueued_at"] is not None
            and c["direction"] == "inbound"
            and c["initiation_method"] == "inbound"
        )
        if offered:
            wait = seconds(c["enqueued_at"], c["connected_at"] or c["disconnected_at"])
            answered = c["connected_at"] is not None
            abandoned = not answered and (c["disconnect_reason"] or "customer") not in EXCLUDED_FROM_ABANDON
            local = c["enqueued_at"].astimezone(tz)
            for comp in (
                daily[(local.date(), c["queue_id"], c["agent_id"])],
                intervals[(c["queue_id"], local_interval(local))],
            ):
                comp.offered += 1
                comp.answered += answered
                comp.abandoned += abandoned
                comp.abandoned_short += abandoned and wait <= short
                comp.answered_within_t += answered and wait <= threshold
                comp.abandoned_within_t += abandoned and wait <= threshold
                comp.wait_seconds_answered += wait if answered else 0
                comp.wait_seconds_abandoned += wait if abandoned else 0
                if answered or abandoned:
                    comp.max_wait_seconds = max(comp.max_wait_seconds or 0.0, wait)
        if c["connected_at"] is not None and c["agent_id"] is not None:
            end = c["acw_ended_at"] or c["disconnected_at"]
            local = end.astimezone(tz)
            hold = c["hold_seconds"] or 0.0
            for comp in (
                daily[(local.date(), c["queue_id"], c["agent_id"])],
                intervals[(c["queue_id"], local_interval(local))],
            ):
                comp.handled += 1
                comp.talk_seconds += seconds(c["connected_at"], c["disconnected_at"]) - hold
                comp.hold_seconds += hold
                comp.acw_seconds += (
                    seconds(c["disconnected_at"], c["acw_ended_at"]) if c["acw_ended_at"] else 0.0
                )
                comp.held += (c["hold_count"] or 0) > 0 or hold > 0
                comp.transferred_out += c["disconnect_reason"] == "transfer"
    return daily, intervals


COMPONENTS = [
    "offered", "answered", "abandoned", "abandoned_short", "answered_within_t", "abandoned_within_t",
    "wait_seconds_answered", "wait_seconds_abandoned", "max_wait_seconds", "handled", "talk_seconds",
    "hold_seconds", "acw_seconds", "held", "transferred_out",
]  # fmt: skip


@pytest.fixture(scope="module")
def expected(center: Center) -> tuple[dict[tuple, Components], dict[tuple, Components]]:
    return expected_components(center)


def test_generated_center_exercises_every_path(expected) -> None:
    """Guard against a vacuous pass: the data holds each case the KPIs distinguish."""
    daily, _ = expected
    totals = Components()
    for comp in daily.values():
        for name in COMPONENTS:
            if name != "max_wait_seconds":
                setattr(totals, name, getattr(totals, name) + getattr(comp, name))
    for name in (
        "offered",
        "answered",
        "abandoned",
        "abandoned_short",
        "answered_within_t",
        "held",
        "transferred_out",
    ):
        assert getattr(totals, name) > 0, name
    assert totals.answered_within_t < totals.answered, "some answers must miss the threshold"


def test_agent_queue_day_components_match_raw_rows(center: Center, expected) -> None:
    daily, _ = expected
    actual = {
        (r["date_day"], r["queue_id"], r["agent_id"]): r
        for r in center.dicts(
            f"select date_day, queue_id, agent_id, {', '.join(COMPONENTS)} from marts.fct_agent_queue_daily"
        )
    }
    assert set(actual) == set(daily)
    for key, comp in daily.items():
        for name in COMPONENTS:
            want = getattr(comp, name)
            assert actual[key][name] == pytest.approx(want, abs=1e-6), (key, name)


def test_queue_interval_components_match_raw_rows(center: Center, expected) -> None:
    _, intervals = expected
    actual = {
        (r["queue_id"], r["interval_start_local"]): r
        for r in center.dicts(
            f"select queue_id, interval_start_local, {', '.join(COMPONENTS)} from marts.fct_queue_intervals"
        )
    }
    assert set(actual) == set(intervals)
    for key, comp in intervals.items():
        for name in (
            "offered",
            "answered",
            "abandoned",
            "answered_within_t",
            "handled",
            "talk_seconds",
            "max_wait_seconds",
        ):
            assert actual[key][name] == pytest.approx(getattr(comp, name), abs=1e-6), (key, name)


def ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator


def kpis(c: Components) -> dict[str, float | None]:
    """The catalog's default formulas."""
    return {
        "answer_rate": ratio(c.answered, c.offered),
        "abandonment_rate": ratio(c.abandoned - c.abandoned_short, c.offered - c.abandoned_short),
        "asa_seconds": ratio(c.wait_seconds_answered, c.answered),
        "avg_abandon_seconds": ratio(c.wait_seconds_abandoned, c.abandoned),
        "service_level": ratio(c.answered_within_t, c.offered - c.abandoned_short),
        "aht_seconds": ratio(c.talk_seconds + c.hold_seconds + c.acw_seconds, c.handled),
        "avg_acw_seconds": ratio(c.acw_seconds, c.handled),
        "hold_rate": ratio(c.held, c.handled),
        "avg_hold_seconds": ratio(c.hold_seconds, c.held),
        "transfer_rate": ratio(c.transferred_out, c.handled),
    }


def rollup(parts: list[Components]) -> Components:
    total = Components()
    for p in parts:
        for name in COMPONENTS:
            if name == "max_wait_seconds":
                if p.max_wait_seconds is not None:
                    total.max_wait_seconds = max(total.max_wait_seconds or 0.0, p.max_wait_seconds)
            else:
                setattr(total, name, getattr(total, name) + getattr(p, name))
    return total


def test_queue_day_kpis_match_catalog_formulas(center: Center, expected) -> None:
    daily, _ = expected
    by_queue_day: dict[tuple[date, str], list[Components]] = defaultdict(list)
    for (day, queue, _agent), comp in daily.items():
        by_queue_day[(day, queue)].append(comp)
    rows = center.dicts("select * from marts.kpi_queue_daily")
    assert len(rows) == len(by_queue_day)
    for row in rows:
        want = kpis(rollup(by_queue_day[(row["date_day"], row["queue_id"])]))
        for name, value in want.items():
            if value is None:
                assert row[name] is None, (row["date_day"], row["queue_id"], name)
            else:
                assert row[name] == pytest.approx(value, rel=1e-9), (row["date_day"], row["queue_id"], name)


def test_center_period_rollup_uses_summed_components(center: Center, expected) -> None:
    """A multi-day, all-queue roll-up of the fact equals the ratio of raw totals (not a mean of ratios)."""
    daily, _ = expected
    want = kpis(rollup(list(daily.values())))
    (sl, asa, aht), = center.query(
        "select sum(answered_within_t) / (sum(offered) - sum(abandoned_short)), "
        "sum(wait_seconds_answered) / sum(answered), "
        "(sum(talk_seconds) + sum(hold_seconds) + sum(acw_seconds)) / sum(handled) "
        "from marts.fct_agent_queue_daily"
    )  # fmt: skip
    assert sl == pytest.approx(want["service_level"])
    assert asa == pytest.approx(want["asa_seconds"])
    assert aht == pytest.approx(want["aht_seconds"])
    daily_sl = [
        r[0]
        for r in center.query(
            "select service_level from marts.kpi_queue_daily where service_level is not null"
        )
    ]
    assert sum(daily_sl) / len(daily_sl) != pytest.approx(want["service_level"], rel=1e-6)


def test_interval_starts_are_half_hours(center: Center) -> None:
    minutes = {
        r[0]
        for r in center.query("select distinct minute(interval_start_local) from marts.fct_queue_intervals")
    }
    assert minutes <= {0, 30}
