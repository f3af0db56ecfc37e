"""Customer-facing KPIs (resolution, surveys, tickets, revenue, customers) checked against plain Python.

Every expected value is computed here from the landed raw rows (``raw.contacts``, ``raw.surveys``,
``raw.tickets``, ``raw.orders``, ``raw.customers``, ``raw.queues``) with the KPI catalog's (docs/kpi_catalog.md)
definitions and the choices recorded in DECISIONLOG.md, never read back from the models under test.

The module builds its own center: 12 days (so the default 7-day FCR window passes for the first days),
6 queues (every CSAT scale: 1-3, 1-5, 1-7, 1-10), across both 2026 DST changes and a month boundary.
It is built twice, like a nightly refresh: first with the first 8 days landed, then with all 12, so
the test can show that repeats arriving later update the earlier days.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from contact_center.demo.generate import generate
from contact_center.pipeline.build import dbt
from contact_center.pipeline.land import land

START = date(2026, 10, 24)
DAYS = 12
FIRST_BUILD_DAYS = 8
WINDOW = timedelta(days=7)  # var fcr_repeat_window_days (default)
UTC_ZONE = ZoneInfo("UTC")  # var center_time_zone (default)
# The catalog's top box per CSAT scale, written out rather than derived.
CSAT_TOP_BOX = {(1, 3): {3}, (1, 5): {4, 5}, (1, 7): {6, 7}, (1, 10): {9, 10}}
SELECT = [
    "--select",
    "+path:models/marts/customer",
    "+fct_agent_queue_daily",
    "+fct_queue_intervals",
    "+fct_contacts",
]

CONTACT_OUTCOMES = [
    "handled", "handled_outbound", "resolved", "sales", "orders_attributed", "revenue_amount",
    "fcr_eligible", "fcr_resolved", "repeat_within_n", "fcr_disposition_contacts", "fcr_disposition_resolved",
    "fcr_survey_contacts", "fcr_survey_resolved", "handled_disposition_known", "fcr_eligible_dispositioned",
]  # fmt: skip
# Components that need dispositions: NULL (not 0) on a queue-day none of whose handled legs has one.
DISPOSITION_COMPONENTS = {
    "resolved", "fcr_resolved", "fcr_disposition_contacts", "fcr_disposition_resolved",
    "handled_disposition_known", "fcr_eligible_dispositioned",
}  # fmt: skip
SURVEY_COMPONENTS = [
    "survey_responses", "survey_responses_unmatched", "survey_responses_invalid", "csat_responses", "csat_top_box",
    "csat_score_sum", "nps_responses", "nps_promoters", "nps_passives", "nps_detractors", "ces_responses",
    "ces_score_sum", "ces_low_effort",
]  # fmt: skip
TICKET_COMPONENTS = [
    "tickets_created", "tickets_replied", "first_response_seconds", "tickets_first_resolved",
    "first_resolution_seconds", "tickets_reopened", "ticket_reopens", "tickets_fully_resolved",
    "full_resolution_seconds", "backlog_tickets",
]  # fmt: skip


# --------------------------------------------------------------------------------------------- raw rows
def rows(warehouse: Path, sql: str) -> list[dict[str, object]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def latest(records: list[dict[str, object]], key: str) -> list[dict[str, object]]:
    """The latest version of each key: by updated_at (when the table has it), then load, then file."""
    best: dict[object, dict[str, object]] = {}
    floor = datetime.min.replace(tzinfo=UTC)
    for r in records:
        rank = (r.get("updated_at") or floor, r["_loaded_at"], r["_source_file"])
        cur = best.get(r[key])
        if cur is None or rank > (cur.get("updated_at") or floor, cur["_loaded_at"], cur["_source_file"]):
            best[r[key]] = r
    return list(best.values())


@dataclass
class Raw:
    queues: dict[str, dict[str, object]]
    contacts: list[dict[str, object]]
    surveys: list[dict[str, object]]
    tickets: list[dict[str, object]]
    customers: list[dict[str, object]]
    orders: list[dict[str, object]]

    def zone(self, queue_id: object) -> ZoneInfo:
        q = self.queues.get(queue_id)
        return ZoneInfo(q["time_zone"]) if q else UTC_ZONE


def load_raw(warehouse: Path) -> Raw:
    def table(name: str, key: str) -> list[dict[str, object]]:
        return latest(rows(warehouse, f"select * from raw.{name}"), key)

    return Raw(
        queues={q["queue_id"]: q for q in table("queues", "queue_id")},
        contacts=table("contacts", "contact_id"),
        surveys=table("surveys", "survey_response_id"),
        tickets=table("tickets", "ticket_id"),
        customers=table("customers", "customer_id"),
        orders=table("orders", "order_id"),
    )


def local_day(ts: datetime, zone: ZoneInfo) -> date:
    return ts.astimezone(zone).date()


# --------------------------------------------------------------------------------- expected components
@dataclass
class Leg:
    row: dict[str, object]
    zone: ZoneInfo
    handled: bool = field(init=False)
    handled_date: date | None = field(init=False)

    def __post_init__(self) -> None:
        r = self.row
        self.handled = r["connected_at"] is not None and r["agent_id"] is not None
        end = r["acw_ended_at"] or r["disconnected_at"]
        self.handled_date = local_day(end, self.zone) if self.handled else None

    @property
    def handling_end(self) -> datetime:
        return self.row["acw_ended_at"] or self.row["disconnected_at"]

    @property
    def attribution_day(self) -> date:
        """The day a survey of this leg counts on: handling day, else queue entry, else start."""
        r = self.row
        if self.handled_date is not None:
            return self.handled_date
        return local_day(r["enqueued_at"] or r["initiated_at"], self.zone)


@dataclass
class CustomerContact:
    initial_id: str
    first: Leg
    final: Leg | None
    next_at: datetime | None = None
    csat_top_box: bool | None = None  # latest valid CSAT response of any leg; None if none


@dataclass
class Expected:
    watermark: datetime
    contacts: dict[str, CustomerContact]
    contact_daily: dict[tuple, dict[str, float]]
    survey_daily: dict[tuple, dict[str, float]]
    ticket_daily: dict[tuple, dict[str, float]]
    mix_daily: dict[tuple, int]
    months: dict[date, dict[str, object]]
    # (local day, queue) with no disposition on any handled leg: disposition components are NULL there
    uncovered: frozenset[tuple] = frozenset()


def is_csat(s: dict[str, object]) -> bool:
    return s["survey_type"] == "csat" and s["scale_min"] <= s["score"] <= s["scale_max"]


def expected_from_raw(raw: Raw) -> Expected:
    legs = {c["contact_id"]: Leg(c, raw.zone(c["queue_id"])) for c in raw.contacts}

    # customer contacts: the legs sharing initial_contact_id, counted on the final handled leg
    grouped: dict[str, list[Leg]] = defaultdict(list)
    for leg in legs.values():
        grouped[leg.row["initial_contact_id"] or leg.row["contact_id"]].append(leg)
    contacts: dict[str, CustomerContact] = {}
    for initial, group in grouped.items():
        first = min(
            group, key=lambda g: (g.row["contact_id"] != initial, g.row["initiated_at"], g.row["contact_id"])
        )
        handled = [g for g in group if g.handled]
        final = max(handled, key=lambda g: (g.handling_end, g.row["contact_id"])) if handled else None
        contacts[initial] = CustomerContact(initial, first, final)

    # the customer's next inbound contact (any channel) or ticket
    events: dict[object, list[tuple]] = defaultdict(list)
    for cc in contacts.values():
        r = cc.first.row
        if r["customer_id"] is not None and (r["direction"] or "inbound") == "inbound":
            events[r["customer_id"]].append((r["initiated_at"], "contact", cc.initial_id))
    for t in raw.tickets:
        if t["customer_id"] is not None:
            events[t["customer_id"]].append((t["created_at"], "ticket", t["ticket_id"]))
    for seq in events.values():
        seq.sort()
        for (_, source, ident), (next_at, _, _) in pairwise(seq):
            if source == "contact":
                contacts[ident].next_at = next_at
    last_contact = max(c["initiated_at"] for c in raw.contacts)
    last_ticket = max((t["created_at"] for t in raw.tickets), default=last_contact)
    watermark = min(last_contact, last_ticket)

    # survey-based FCR: the latest valid CSAT response on any leg of the contact
    latest_csat: dict[str, tuple] = {}
    for s in raw.surveys:
        leg = legs.get(s["contact_id"])
        if leg is None or not is_csat(s):
            continue
        initial = leg.row["initial_contact_id"] or leg.row["contact_id"]
        rank = (s["responded_at"], s["survey_response_id"])
        if initial not in latest_csat or rank > latest_csat[initial][0]:
            top = s["score"] in CSAT_TOP_BOX[(s["scale_min"], s["scale_max"])]
            latest_csat[initial] = (rank, top)
    for initial, (_, top) in latest_csat.items():
        contacts[initial].csat_top_box = top

    contact_daily: dict[tuple, dict[str, float]] = defaultdict(lambda: dict.fromkeys(CONTACT_OUTCOMES, 0))
    orders_by_leg: dict[str, list[float]] = defaultdict(list)
    for o in raw.orders:
        orders_by_leg[o["contact_id"]].append(o["amount"])
    for leg in legs.values():
        if not leg.handled:
            continue
        r = leg.row
        comp = contact_daily[(leg.handled_date, r["queue_id"], r["agent_id"])]
        comp["handled"] += 1
        comp["handled_disposition_known"] += 1
        comp["handled_outbound"] += r["direction"] == "outbound"
        comp["resolved"] += r["resolution_status"] == "resolved"
        comp["sales"] += r["direction"] == "outbound" and r["sale_outcome"] == "sale"
        comp["orders_attributed"] += len(orders_by_leg[r["contact_id"]])
        comp["revenue_amount"] += sum(orders_by_leg[r["contact_id"]])
    for cc in contacts.values():
        if cc.final is None or (cc.first.row["direction"] or "inbound") != "inbound":
            continue
        f = cc.final.row
        comp = contact_daily[(cc.final.handled_date, f["queue_id"], f["agent_id"])]
        start = cc.first.row["initiated_at"]
        repeat = cc.next_at is not None and cc.next_at <= start + WINDOW
        eligible = cc.first.row["customer_id"] is not None and start + WINDOW <= watermark
        resolved = f["resolution_status"] == "resolved"
        comp["fcr_eligible"] += eligible
        comp["fcr_eligible_dispositioned"] += eligible
        comp["fcr_resolved"] += eligible and resolved and not repeat
        comp["repeat_within_n"] += eligible and repeat
        comp["fcr_disposition_contacts"] += 1
        comp["fcr_disposition_resolved"] += resolved
        comp["fcr_survey_contacts"] += cc.csat_top_box is not None
        comp["fcr_survey_resolved"] += cc.csat_top_box is True

    survey_daily: dict[tuple, dict[str, float]] = defaultdict(lambda: dict.fromkeys(SURVEY_COMPONENTS, 0))
    for s in raw.surveys:
        leg = legs.get(s["contact_id"])
        if leg is None:
            key = (local_day(s["responded_at"], UTC_ZONE), None, None)
        else:
            key = (leg.attribution_day, leg.row["queue_id"], leg.row["agent_id"] if leg.handled else None)
        comp = survey_daily[key]
        comp["survey_responses"] += 1
        comp["survey_responses_unmatched"] += leg is None
        scale, score, kind = (s["scale_min"], s["scale_max"]), s["score"], s["survey_type"]
        if is_csat(s):
            comp["csat_responses"] += 1
            comp["csat_top_box"] += score in CSAT_TOP_BOX[scale]
            comp["csat_score_sum"] += (score - scale[0]) / (scale[1] - scale[0])
        elif kind == "nps" and scale == (0, 10) and 0 <= score <= 10:
            comp["nps_responses"] += 1
            comp["nps_promoters"] += score >= 9
            comp["nps_passives"] += score in (7, 8)
            comp["nps_detractors"] += score <= 6
        elif kind == "ces" and scale == (1, 7) and 1 <= score <= 7:
            comp["ces_responses"] += 1
            comp["ces_score_sum"] += score
            comp["ces_low_effort"] += score >= 5
        else:
            comp["survey_responses_invalid"] += 1

    ticket_daily = expected_tickets(raw)

    mix_daily: dict[tuple, int] = defaultdict(int)
    for cc in contacts.values():
        r = cc.first.row
        if (r["direction"] or "inbound") == "inbound":
            day = local_day(r["initiated_at"], cc.first.zone)
            mix_daily[(day, r["queue_id"], r["channel"], r["contact_reason"], "acd")] += 1
    for t in raw.tickets:
        day = local_day(t["created_at"], raw.zone(t["queue_id"]))
        mix_daily[(day, t["queue_id"], t["channel"], None, "helpdesk")] += 1

    dispositioned = {
        (leg.handled_date, leg.row["queue_id"])
        for leg in legs.values()
        if leg.handled and leg.row["resolution_status"] is not None
    }
    uncovered = frozenset(
        (day, queue) for day, queue, _ in contact_daily if (day, queue) not in dispositioned
    ) | frozenset(
        (leg.attribution_day, leg.row["queue_id"])
        for leg in legs.values()
        if (leg.attribution_day, leg.row["queue_id"]) not in dispositioned
    )
    return Expected(
        watermark,
        contacts,
        contact_daily,
        survey_daily,
        ticket_daily,
        mix_daily,
        expected_months(raw, legs),
        uncovered,
    )


def expected_tickets(raw: Raw) -> dict[tuple, dict[str, float]]:
    daily: dict[tuple, dict[str, float]] = defaultdict(lambda: dict.fromkeys(TICKET_COMPONENTS, 0))
    latest_event = max(
        ts
        for t in raw.tickets
        for ts in (t["created_at"], t["first_agent_reply_at"], t["first_resolved_at"], t["last_resolved_at"],
                   t["updated_at"])
        if ts is not None
    )  # fmt: skip
    open_spans: dict[tuple, list[tuple[date, date | None]]] = defaultdict(list)
    for t in raw.tickets:
        zone = raw.zone(t["queue_id"])
        key = (t["queue_id"], t["assignee_agent_id"])
        created = t["created_at"]
        daily[(local_day(created, zone), *key)]["tickets_created"] += 1
        if t["first_agent_reply_at"] is not None:
            comp = daily[(local_day(t["first_agent_reply_at"], zone), *key)]
            comp["tickets_replied"] += 1
            comp["first_response_seconds"] += (t["first_agent_reply_at"] - created).total_seconds()
        if t["first_resolved_at"] is not None:
            comp = daily[(local_day(t["first_resolved_at"], zone), *key)]
            comp["tickets_first_resolved"] += 1
            comp["first_resolution_seconds"] += (t["first_resolved_at"] - created).total_seconds()
            comp["tickets_reopened"] += (t["reopen_count"] or 0) > 0
            comp["ticket_reopens"] += t["reopen_count"] or 0
        closed_at = None
        if t["status"] in ("solved", "closed"):
            closed_at = t["last_resolved_at"] or t["first_resolved_at"] or t["updated_at"]
        if closed_at is not None:
            comp = daily[(local_day(closed_at, zone), *key)]
            comp["tickets_fully_resolved"] += 1
            comp["full_resolution_seconds"] += (closed_at - created).total_seconds()
        open_spans[key].append((local_day(created, zone), local_day(closed_at, zone) if closed_at else None))
    for key, spans in open_spans.items():
        day = min(s[0] for s in spans)
        last = local_day(latest_event, raw.zone(key[0]))
        while day <= last:
            backlog = sum(1 for opened, closed in spans if opened <= day and (closed is None or closed > day))
            if backlog:
                daily[(day, *key)]["backlog_tickets"] += backlog
            day += timedelta(days=1)
    return daily


def month_start(d: date) -> date:
    return d.replace(day=1)


def next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def expected_months(raw: Raw, legs: dict[str, Leg]) -> dict[date, dict[str, object]]:
    activity = [c["initiated_at"] for c in raw.contacts] + [o["ordered_at"] for o in raw.orders]
    first_day, last_day = (local_day(min(activity), UTC_ZONE), local_day(max(activity), UTC_ZONE))
    months: dict[date, dict[str, object]] = {}
    m = month_start(first_day)
    while m <= last_day:
        start = datetime(m.year, m.month, m.day, tzinfo=UTC_ZONE)
        nm = next_month(m)
        end = datetime(nm.year, nm.month, nm.day, tzinfo=UTC_ZONE)

        def active(at: datetime) -> int:
            return sum(
                1
                for c in raw.customers
                if c["became_customer_at"] is not None
                and c["became_customer_at"] < at
                and (c["churned_at"] is None or c["churned_at"] >= at)
            )

        orders = [o for o in raw.orders if start <= o["ordered_at"] < end]
        attributed = [o for o in orders if o["contact_id"] in legs and legs[o["contact_id"]].handled]
        months[m] = {
            "customers_start": active(start),
            "customers_end": active(end),
            "new_customers": sum(
                1 for c in raw.customers if c["became_customer_at"] and start <= c["became_customer_at"] < end
            ),
            "churned_customers": sum(
                1
                for c in raw.customers
                if c["churned_at"] and c["became_customer_at"] and start <= c["churned_at"] < end
            ),
            "orders": len(orders),
            "orders_contact_attributed": len(attributed),
            "revenue_amount": sum(o["amount"] for o in orders),
            "revenue_amount_contact_attributed": sum(o["amount"] for o in attributed),
            "is_partial_month": m < first_day or nm - timedelta(days=1) > last_day,
        }
        m = nm
    return months


# ------------------------------------------------------------------------------------------------ fixture
@dataclass(frozen=True)
class Build:
    warehouse: Path
    expected: Expected

    def dicts(self, sql: str) -> list[dict[str, object]]:
        return rows(self.warehouse, sql)

    def scalar(self, sql: str) -> object:
        return self.dicts(sql)[0]

    def fact(self, model: str, keys: list[str], columns: list[str]) -> dict[tuple, dict[str, object]]:
        sql = f"select {', '.join(keys + columns)} from marts.{model}"
        return {tuple(r[k] for k in keys): r for r in self.dicts(sql)}


@dataclass(frozen=True)
class Refresh:
    first: Build
    second: Build
    first_build_contact_daily: dict[tuple, dict[str, object]]


def copy_first_days(landing: Path, target: Path, last_day: date) -> None:
    """The landing folder as it stood after `last_day`: daily files up to it, reference files whole."""
    for path in landing.rglob("*"):
        if not path.is_file():
            continue
        stamp = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
        if stamp and date.fromisoformat(stamp.group(1)) > last_day:
            continue
        dest = target / path.relative_to(landing)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)


@pytest.fixture(scope="module")
def refresh(tmp_path_factory: pytest.TempPathFactory) -> Refresh:
    root = tmp_path_factory.mktemp("customer_center")
    landing = root / "landing"
    warehouse = root / "warehouse" / "cx.duckdb"
    generate(
        landing, seed=23, start_date=START, days=DAYS, queues=6, agents=48, contacts_per_day=700, workers=1
    )

    early = root / "landing_first_days"
    copy_first_days(landing, early, START + timedelta(days=FIRST_BUILD_DAYS - 1))
    land(early, warehouse)
    outcome = dbt(
        ["build", "--quiet", "--resource-type", "model", "--resource-type", "seed", *SELECT], warehouse
    )
    assert outcome.success, "\n".join(outcome.failures)
    first = Build(warehouse, expected_from_raw(load_raw(warehouse)))
    first_daily = first.fact("fct_agent_queue_daily", ["date_day", "queue_id", "agent_id"], CONTACT_OUTCOMES)
    first_check = {key: dict(comp) for key, comp in first.expected.contact_daily.items()}

    land(landing, warehouse)  # the remaining days arrive; files already landed are skipped
    # data tests of the selected models too; unit tests run in `make test-build`
    outcome = dbt(
        [
            "build",
            "--quiet",
            "--indirect-selection",
            "cautious",
            "--exclude-resource-type",
            "unit_test",
            *SELECT,
        ],
        warehouse,
    )
    assert outcome.success, "\n".join(outcome.failures)
    second = Build(warehouse, expected_from_raw(load_raw(warehouse)))
    first_frozen = Build(
        first.warehouse,
        Expected(first.expected.watermark, {}, first_check, {}, {}, {}, {}, first.expected.uncovered),
    )
    return Refresh(first_frozen, second, first_daily)


@pytest.fixture(scope="module")
def center(refresh: Refresh) -> Build:
    return refresh.second


# -------------------------------------------------------------------------------------------------- tests
def assert_components_match(
    actual: dict[tuple, dict],
    expected: dict[tuple, dict],
    columns: list[str],
    uncovered: frozenset[tuple] = frozenset(),
) -> None:
    for key in set(actual) | set(expected):
        for name in columns:
            if name in DISPOSITION_COMPONENTS and (key[0], key[1]) in uncovered:
                assert actual.get(key, {}).get(name) is None, (key, name, "NULL: no disposition data")
                continue
            want = expected.get(key, {}).get(name, 0)
            got = actual.get(key, {}).get(name, 0)
            assert got == pytest.approx(want, abs=1e-6), (key, name, got, want)


def test_generated_center_exercises_every_path(center: Build) -> None:
    """Guard against a vacuous pass: the data holds every case the definitions distinguish."""
    exp = center.expected
    totals: dict[str, float] = defaultdict(float)
    for comp in (*exp.contact_daily.values(), *exp.survey_daily.values(), *exp.ticket_daily.values()):
        for name, value in comp.items():
            totals[name] += value
    for name in [*CONTACT_OUTCOMES, *SURVEY_COMPONENTS, *TICKET_COMPONENTS]:
        if name != "survey_responses_invalid":
            assert totals[name] > 0, name
    assert 0 < totals["fcr_resolved"] < totals["fcr_eligible"] < totals["fcr_disposition_contacts"]
    transferred = [c for c in exp.contacts.values() if c.final and c.final.row["contact_id"] != c.initial_id]
    assert transferred, "some customer contacts must end on another leg (transfers, callbacks)"
    ticket_repeats = [c for c in exp.contacts.values() if c.next_at and c.first.row["customer_id"]]
    assert ticket_repeats
    scales = {
        (s["scale_min"], s["scale_max"])
        for s in center.dicts("select * from raw.surveys")
        if s["survey_type"] == "csat"
    }
    assert set(CSAT_TOP_BOX) <= scales, scales
    assert len(exp.months) >= 2, "the center spans a month boundary"
    assert exp.uncovered, "some queue-day carries no dispositions (outbound queue): its components are NULL"


def test_contact_outcomes_match_raw_rows(center: Build) -> None:
    actual = center.fact("fct_agent_queue_daily", ["date_day", "queue_id", "agent_id"], CONTACT_OUTCOMES)
    assert_components_match(
        actual, center.expected.contact_daily, CONTACT_OUTCOMES, center.expected.uncovered
    )


def test_survey_components_match_raw_rows(center: Build) -> None:
    actual = center.fact(
        "fct_survey_agent_queue_daily", ["date_day", "queue_id", "agent_id"], SURVEY_COMPONENTS
    )
    assert set(actual) == set(center.expected.survey_daily)
    assert_components_match(actual, center.expected.survey_daily, SURVEY_COMPONENTS)
    delivered = center.scalar("select count(*) as n from raw.surveys")["n"]
    counted = center.scalar("select sum(survey_responses) as n from marts.fct_survey_agent_queue_daily")["n"]
    unmatched = center.scalar(
        "select sum(survey_responses_unmatched) as n from marts.fct_survey_agent_queue_daily where queue_id is null"
    )["n"]
    assert counted == delivered
    assert unmatched > 0, "responses with no contact are kept at center level"


def test_ticket_components_match_raw_rows(center: Build) -> None:
    actual = center.fact(
        "fct_ticket_agent_queue_daily", ["date_day", "queue_id", "agent_id"], TICKET_COMPONENTS
    )
    assert set(actual) == set(center.expected.ticket_daily)
    assert_components_match(actual, center.expected.ticket_daily, TICKET_COMPONENTS)


def test_contact_mix_matches_raw_rows(center: Build) -> None:
    keys = ["date_day", "queue_id", "channel", "contact_reason", "contact_source"]
    actual = {k: r["contacts"] for k, r in center.fact("fct_contact_mix_daily", keys, ["contacts"]).items()}
    assert actual == dict(center.expected.mix_daily)


def test_customer_months_match_raw_rows(center: Build) -> None:
    months = {r["month_start_date"]: r for r in center.dicts("select * from marts.fct_customers_monthly")}
    assert set(months) == set(center.expected.months)
    for m, want in center.expected.months.items():
        for name, value in want.items():
            if isinstance(value, bool):
                assert months[m][name] is value, (m, name)
            else:
                assert months[m][name] == pytest.approx(value), (m, name)
    kpis = {r["month_start_date"]: r for r in center.dicts("select * from marts.kpi_customers_monthly")}
    for m, c in center.expected.months.items():
        s, e, n, churned = (
            c["customers_start"],
            c["customers_end"],
            c["new_customers"],
            c["churned_customers"],
        )
        apv = c["revenue_amount"] / c["orders"]
        frequency = c["orders"] / ((s + e) / 2)
        lifespan = s / churned
        assert kpis[m]["customer_retention_pct"] == pytest.approx((e - n) / s * 100)
        assert kpis[m]["new_customer_share"] == pytest.approx(n / s)
        assert kpis[m]["customer_lifetime_value"] == pytest.approx(apv * frequency * lifespan)


def ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator


def queue_day_kpis(contact: dict, survey: dict, ticket: dict) -> dict[str, float | None]:
    """The catalog's default formulas over summed components."""
    return {
        "call_resolution_rate": ratio(contact["resolved"], contact["handled_disposition_known"]),
        "fcr_rate": ratio(contact["fcr_resolved"], contact["fcr_eligible_dispositioned"]),
        "fcr_disposition_rate": ratio(
            contact["fcr_disposition_resolved"], contact["fcr_disposition_contacts"]
        ),
        "fcr_survey_rate": ratio(contact["fcr_survey_resolved"], contact["fcr_survey_contacts"]),
        "repeat_contact_rate": ratio(contact["repeat_within_n"], contact["fcr_eligible"]),
        "revenue_per_call": ratio(contact["revenue_amount"], contact["handled"]),
        "outbound_conversion_rate": ratio(contact["sales"], contact["handled_outbound"]),
        "csat": ratio(survey["csat_top_box"], survey["csat_responses"]),
        "csat_mean_normalised": ratio(survey["csat_score_sum"], survey["csat_responses"]),
        "nps": None
        if survey["nps_responses"] == 0
        else (survey["nps_promoters"] - survey["nps_detractors"]) / survey["nps_responses"] * 100,
        "ces": ratio(survey["ces_score_sum"], survey["ces_responses"]),
        "ces_low_effort_share": ratio(survey["ces_low_effort"], survey["ces_responses"]),
        "avg_first_response_seconds": ratio(ticket["first_response_seconds"], ticket["tickets_replied"]),
        "avg_first_resolution_seconds": ratio(
            ticket["first_resolution_seconds"], ticket["tickets_first_resolved"]
        ),
        "avg_full_resolution_seconds": ratio(
            ticket["full_resolution_seconds"], ticket["tickets_fully_resolved"]
        ),
        "ticket_reopen_rate": ratio(ticket["tickets_reopened"], ticket["tickets_first_resolved"]),
    }


def rollup(parts: list[dict[str, float]], names: list[str]) -> dict[str, float]:
    return {n: sum(p.get(n, 0) for p in parts) for n in names}


def grouped(daily: dict[tuple, dict], key_of) -> dict[object, list[dict]]:
    out: dict[object, list[dict]] = defaultdict(list)
    for key, comp in daily.items():
        out[key_of(key)].append(comp)
    return out


def test_queue_day_kpis_match_catalog_formulas(center: Build) -> None:
    exp = center.expected
    contact = grouped(exp.contact_daily, lambda k: (k[0], k[1]))
    survey = grouped(exp.survey_daily, lambda k: (k[0], k[1]))
    ticket = grouped(exp.ticket_daily, lambda k: (k[0], k[1]))
    view = center.dicts("select * from marts.kpi_customer_queue_daily")
    assert {(r["date_day"], r["queue_id"]) for r in view} == set(contact) | set(survey) | set(ticket)
    for r in view:
        key = (r["date_day"], r["queue_id"])
        want = queue_day_kpis(
            rollup(contact.get(key, []), CONTACT_OUTCOMES),
            rollup(survey.get(key, []), SURVEY_COMPONENTS),
            rollup(ticket.get(key, []), TICKET_COMPONENTS),
        )
        if key in exp.uncovered:  # no dispositions on this queue-day: NULL, not 0
            want.update(call_resolution_rate=None, fcr_rate=None, fcr_disposition_rate=None)
        for name, value in want.items():
            if value is None:
                assert r[name] is None, (key, name)
            else:
                assert r[name] == pytest.approx(value, rel=1e-9), (key, name)


def test_period_from_daily_components_equals_contact_level_facts(center: Build) -> None:
    """Each queue's whole period from summed daily components = the same period from contact-level
    facts = Python over the raw rows; and a mean of daily ratios is not the period's KPI."""
    daily = center.dicts(
        "select queue_id, sum(fcr_resolved) / sum(fcr_eligible) as fcr, "
        "sum(repeat_within_n) / sum(fcr_eligible) as repeat_rate, sum(resolved) / sum(handled) as crr, "
        "sum(revenue_amount) / sum(handled) as revenue_per_call "
        "from marts.fct_agent_queue_daily group by queue_id having sum(fcr_eligible) > 0"
    )  # fmt: skip
    contact_level = {
        r["queue_id"]: r
        for r in center.dicts(
            "select queue_id, avg(case when is_fcr_resolved then 1.0 else 0.0 end) as fcr, "
            "avg(case when is_repeat_counted then 1.0 else 0.0 end) as repeat_rate "
            "from marts.fct_customer_contacts where is_fcr_eligible group by queue_id"
        )
    }  # fmt: skip
    legs = {
        r["queue_id"]: r
        for r in center.dicts(
            "with o as (select contact_id, sum(amount) as amount from raw.orders group by contact_id) "
            "select c.queue_id, avg(case when c.resolution_status = 'resolved' then 1.0 else 0.0 end) as crr, "
            "sum(coalesce(o.amount, 0)) / count(*) as revenue_per_call "
            "from marts.fct_contacts as c left join o on c.contact_id = o.contact_id "
            "where c.is_handled group by c.queue_id"
        )
    }  # fmt: skip
    by_queue = grouped(center.expected.contact_daily, lambda k: k[1])
    assert daily
    for r in daily:
        q = r["queue_id"]
        want = queue_day_kpis(rollup(by_queue[q], CONTACT_OUTCOMES), defaultdict(int), defaultdict(int))
        assert r["fcr"] == pytest.approx(contact_level[q]["fcr"]) == pytest.approx(want["fcr_rate"])
        assert r["repeat_rate"] == pytest.approx(contact_level[q]["repeat_rate"])
        assert r["repeat_rate"] == pytest.approx(want["repeat_contact_rate"])
        assert r["crr"] == pytest.approx(legs[q]["crr"]) == pytest.approx(want["call_resolution_rate"])
        assert r["revenue_per_call"] == pytest.approx(legs[q]["revenue_per_call"])
        assert r["revenue_per_call"] == pytest.approx(want["revenue_per_call"])

    csat_daily = center.scalar(
        "select sum(csat_top_box) / sum(csat_responses) as csat, sum(nps_promoters) as promoters "
        "from marts.fct_survey_agent_queue_daily"
    )
    csat_responses = center.scalar(
        "select avg(case when is_csat_top_box then 1.0 else 0.0 end) as csat, "
        "sum(case when is_nps_promoter then 1 else 0 end) as promoters "
        "from marts.fct_survey_responses where is_csat or is_nps"
    )
    assert csat_daily["promoters"] == csat_responses["promoters"]
    csat_level = center.scalar(
        "select avg(case when is_csat_top_box then 1.0 else 0.0 end) as csat "
        "from marts.fct_survey_responses where is_csat"
    )["csat"]
    assert csat_daily["csat"] == pytest.approx(csat_level)
    frt_daily = center.scalar(
        "select sum(first_response_seconds) / sum(tickets_replied) as frt from marts.fct_ticket_agent_queue_daily"
    )["frt"]
    frt_tickets = center.scalar("select avg(first_response_seconds) as frt from marts.fct_tickets")["frt"]
    assert frt_daily == pytest.approx(frt_tickets)

    daily_fcr = [
        r["fcr_rate"]
        for r in center.dicts(
            "select fcr_rate from marts.kpi_customer_queue_daily where fcr_rate is not null"
        )
    ]
    total = rollup(list(center.expected.contact_daily.values()), CONTACT_OUTCOMES)
    period_fcr = total["fcr_resolved"] / total["fcr_eligible"]
    assert sum(daily_fcr) / len(daily_fcr) != pytest.approx(period_fcr, rel=1e-6)


def test_first_build_matched_its_own_data(refresh: Refresh) -> None:
    """The first (8-day) build was right for the data it had: windows still open were not eligible."""
    assert_components_match(
        refresh.first_build_contact_daily,
        refresh.first.expected.contact_daily,
        CONTACT_OUTCOMES,
        refresh.first.expected.uncovered,
    )


def test_later_repeats_update_earlier_days(refresh: Refresh) -> None:
    """Contacts whose window was open at the first build become final at the second, and repeats that
    arrived only with the later files are counted on the original contact's (earlier) day."""
    first_watermark = refresh.first.expected.watermark
    second = refresh.second
    late = [
        c
        for c in second.expected.contacts.values()
        if c.final is not None
        and c.first.row["customer_id"] is not None
        and c.next_at is not None
        and c.next_at > first_watermark
        and c.next_at <= c.first.row["initiated_at"] + WINDOW
        and c.first.row["initiated_at"] + WINDOW <= second.expected.watermark
        and c.final.handled_date <= local_day(first_watermark, c.final.zone)
    ]
    assert late, "the data must hold repeats that arrive after the first build"
    now = second.fact("fct_agent_queue_daily", ["date_day", "queue_id", "agent_id"], CONTACT_OUTCOMES)
    before = refresh.first_build_contact_daily
    for c in late:
        key = (c.final.handled_date, c.final.row["queue_id"], c.final.row["agent_id"])
        assert now[key]["repeat_within_n"] > before.get(key, {}).get("repeat_within_n", 0), key
    changed_days = {k[0] for k in before if before[k]["fcr_eligible"] != now.get(k, {}).get("fcr_eligible")}
    assert changed_days, "contacts whose window passed between the builds become eligible on their own days"
