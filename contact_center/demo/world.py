"""Reference data of the demo center (queues, agent roster, customer base) and the shared random streams.

A :class:`World` is built once from the CLI arguments; it is small and picklable so that worker
processes can generate any day from it alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from contact_center.demo import arrow as ar
from contact_center.demo.params import (
    ATTEMPTS_PER_SHIFT,
    CHILD_LEGS,
    FIRST_NAMES,
    LAST_NAMES,
    OUTBOUND_SHARE,
    SEGMENT_P,
    SEGMENTS,
    SITE_CODES,
    SITES,
    TICKET_SHARE,
    TICKETS_PER_SHIFT,
    QueueTemplate,
    intraday_shape,
    open_hours,
    queue_templates,
    weekday_factor,
)
from contact_center.demo.staffing import cover_shifts, required_staff

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
BoolA = npt.NDArray[np.bool_]

DAY = 86400
EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
NEVER = 10**7  # ordinal far in the future (no termination)

STREAMS = {
    "agents": 1,
    "customers": 2,
    "world": 3,
    "plan": 10,
    "forecast": 11,
    "staff": 12,
    "sim": 13,
    "outbound": 14,
    "post": 15,
    "surveys": 16,
    "tickets": 17,
    "orders": 18,
    "costs": 19,
    "esurvey": 20,
}

# Weekly days-off patterns (pairs of weekdays, Monday = 0) and their shares; weekends are thin.
DAYS_OFF = ((5, 6), (6, 0), (4, 5), (1, 2), (2, 3), (3, 4), (0, 1), (6, 2))
DAYS_OFF_P = (0.30, 0.08, 0.10, 0.14, 0.14, 0.14, 0.05, 0.05)
OUTBOUND_CYCLE = 125.0  # mean seconds per dial attempt incl. pacing, ringing, talk and wrap-up


def rng(seed: int, stream: str, key: int = 0) -> np.random.Generator:
    """Independent generator per (stream, key), e.g. key = a day's ordinal: results never depend on
    which worker or in which order days are generated."""
    return np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=(STREAMS[stream], key)))


def epoch(ordinal: int) -> int:
    """Epoch seconds of UTC midnight of a date ordinal."""
    return (ordinal - EPOCH_ORDINAL) * DAY


@cache
def utc_offset(tz: str, ordinal: int) -> int:
    """UTC offset in seconds of a zone at local noon of a date (opening hours never span a DST switch)."""
    d = date.fromordinal(ordinal)
    off = datetime(d.year, d.month, d.day, 12, tzinfo=ZoneInfo(tz)).utcoffset()
    assert off is not None
    return int(off.total_seconds())


@dataclass(frozen=True)
class Queue:
    idx: int
    queue_id: str
    t: QueueTemplate
    site: str
    daily_volume: float  # expected first contacts / dial attempts / tickets on an average day


@dataclass(frozen=True)
class World:
    seed: int
    start: int  # ordinal of the first day
    days: int
    cpd: int
    queues: tuple[Queue, ...]
    inbound: tuple[int, ...]
    outbound: int  # -1 when there is no outbound campaign
    tickets: tuple[int, ...]
    agent_ids: pa.StringArray
    a_queue: I64
    a_hire: I64  # ordinal
    a_term: I64  # ordinal of the last day, NEVER while employed
    a_off: BoolA  # (agents, 7) weekly days off
    a_engage: F64  # latent engagement, drives employee survey scores
    a_cost: F64
    fc_bias: F64  # per-queue forecast bias (log scale)
    active_base: int  # ordinal of active_customers[0]
    active_customers: I64  # customers existing at UTC midnight of each ordinal from active_base
    horizon: int  # epoch seconds at which the help-desk snapshot is taken

    def n_active(self, ordinal: int) -> int:
        i = min(max(ordinal - self.active_base, 0), len(self.active_customers) - 1)
        return int(self.active_customers[i])

    @property
    def sites(self) -> tuple[str, ...]:
        return tuple(sorted({q.site for q in self.queues}))


def _allocate(total: int, weights: F64, minimum: I64) -> I64:
    """Split ``total`` proportionally to ``weights`` (largest remainder) with per-item minimums."""
    if total < int(minimum.sum()):
        raise ValueError(f"--agents must be at least {int(minimum.sum())} for this queue mix")
    share = weights / weights.sum() * (total - minimum.sum())
    base = np.floor(share).astype(np.int64)
    rest = total - int(minimum.sum()) - int(base.sum())
    order = np.argsort(-(share - base), kind="stable")
    base[order[:rest]] += 1
    return base + minimum


def _expected_inbound_shifts(t: QueueTemplate, volume: float) -> float:
    """Average shifts per day an inbound queue needs to meet 80 % service level (forecast = expectation)."""
    total = 0.0
    for wd in range(7):
        hrs = open_hours(t.role, t.channel, wd)
        if hrs is None:
            continue
        n_int = (hrs[1] - hrs[0]) * 2
        shape = intraday_shape(t.role, t.channel, wd, hrs[0] + (np.arange(n_int) + 0.5) / 2)
        lam = volume * (1 + CHILD_LEGS) * weekday_factor(t.role, t.channel, wd) * shape / shape.sum()
        total += len(cover_shifts(required_staff(lam, t.aht, t.sl_threshold)))
    return total / 7


def _customer_became(seed: int, start: int, days: int, cpd: int) -> I64:
    """Sorted became-customer instants of the whole customer base (ids are in this order)."""
    r = rng(seed, "customers")
    n = max(1000, cpd * 40)
    n_new = int(n * min(0.25, 0.15 * days / 365 + 0.002))
    age_days = np.minimum(r.exponential(3 * 365, n - n_new), 10 * 365) + 1
    old = epoch(start) - (age_days * DAY).astype(np.int64)
    new = epoch(start) + r.integers(0, days * DAY, n_new)
    return np.sort(np.concatenate([old, new]))


def build_world(seed: int, start: date, days: int, queues: int, agents: int, cpd: int) -> World:
    if queues < 1 or days < 1 or agents < 1 or cpd < 1:
        raise ValueError("queues, days, agents and contacts-per-day must be positive")
    templates = queue_templates(queues)
    s0 = start.toordinal()
    roles = [t.role for t in templates]
    inbound_w = sum(t.weight for t in templates if t.role == "inbound")
    ticket_w = sum(t.weight for t in templates if t.role == "ticket")
    out_share = OUTBOUND_SHARE if "outbound" in roles else 0.0
    first_contacts = cpd * (1 - out_share) / (1 + CHILD_LEGS)

    qs: list[Queue] = []
    shifts: list[float] = []  # expected scheduled shifts per day, the basis of the agent pools
    for i, t in enumerate(templates):
        if t.role == "inbound":
            vol = first_contacts * t.weight / inbound_w
            shifts.append(_expected_inbound_shifts(t, vol))
        elif t.role == "outbound":
            vol = cpd * out_share
            shifts.append(vol * 6.5 / 7 / ATTEMPTS_PER_SHIFT)
        else:
            vol = cpd * TICKET_SHARE * t.weight / ticket_w
            shifts.append(vol / TICKETS_PER_SHIFT)
        qs.append(Queue(i, f"Q{i + 1:02d}", t, SITES[t.tz], vol))

    minimum = np.array([2 if t.role == "inbound" else 1 for t in templates], dtype=np.int64)
    pool = _allocate(agents, np.array(shifts), minimum)
    a_queue = np.repeat(np.arange(len(qs)), pool).astype(np.int64)

    r = rng(seed, "agents")
    n = agents
    new_hire = r.random(n) < min(0.3, 0.3 * days / 365)
    hire = np.where(
        new_hire,
        s0 + r.integers(0, max(days, 1), n),
        s0 - 30 - np.minimum(r.exponential(700, n), 15 * 365).astype(np.int64),
    ).astype(np.int64)
    term = np.full(n, NEVER, dtype=np.int64)
    gone = r.random(n) < min(0.3, 0.3 * days / 365)
    term[gone] = s0 + r.integers(0, days, int(gone.sum()))
    before = (r.random(n) < 0.03) & ~new_hire
    term[before] = s0 - 1 - r.integers(0, 200, int(before.sum()))
    term = np.where(term < NEVER, np.maximum(term, hire + 1), term)
    pattern = r.choice(len(DAYS_OFF), size=n, p=DAYS_OFF_P)
    off = np.zeros((n, 7), dtype=bool)
    pairs = np.array(DAYS_OFF)
    off[np.arange(n), pairs[pattern, 0]] = True
    off[np.arange(n), pairs[pattern, 1]] = True
    outbound_agents = np.array([templates[q].role == "outbound" for q in a_queue], dtype=bool)
    off[outbound_agents] = False
    off[outbound_agents, 6] = True
    off[outbound_agents, r.choice(np.array([5, 0, 2]), int(outbound_agents.sum()))] = True
    site_ny = np.array([qs[q].site == "New York" for q in a_queue])
    cost = np.round(np.where(site_ny, r.uniform(24, 35, n), r.uniform(20, 30, n)), 2)
    engage = r.normal(0, 1, n)

    w = rng(seed, "world")
    became = _customer_became(seed, s0, days, cpd)
    base = s0 - 8
    ords = np.arange(base, s0 + days + 8)
    active = np.searchsorted(became, (ords - EPOCH_ORDINAL) * DAY, side="left").astype(np.int64)
    width = max(4, len(str(agents)))
    return World(
        seed=seed,
        start=s0,
        days=days,
        cpd=cpd,
        queues=tuple(qs),
        inbound=tuple(q.idx for q in qs if q.t.role == "inbound"),
        outbound=next((q.idx for q in qs if q.t.role == "outbound"), -1),
        tickets=tuple(q.idx for q in qs if q.t.role == "ticket"),
        agent_ids=ar.ids("A", np.arange(1, n + 1), width),
        a_queue=a_queue,
        a_hire=hire,
        a_term=term,
        a_off=off,
        a_engage=engage,
        a_cost=cost,
        fc_bias=w.normal(0.02, 0.04, len(qs)),
        active_base=base,
        active_customers=np.maximum(active, 1),
        horizon=epoch(s0 + days) + 6 * 3600,
    )


def queues_table(world: World) -> pa.Table:
    qs = world.queues
    return ar.table(
        "queues",
        {
            "queue_id": pa.array([q.queue_id for q in qs]),
            "queue_name": pa.array([q.t.name for q in qs]),
            "channel": pa.array([q.t.channel for q in qs]),
            "time_zone": pa.array([q.t.tz for q in qs]),
            "sl_threshold_seconds": ar.int32([q.t.sl_threshold for q in qs]),
            "sl_target": ar.float64([0.8] * len(qs)),
            "short_abandon_seconds": ar.int32([5] * len(qs)),
            "updated_at": ar.ts([epoch(world.start - 90) + 9 * 3600] * len(qs)),
        },
    )


def agents_table(world: World) -> pa.Table:
    r = rng(world.seed, "agents", 1)
    n = len(world.a_queue)
    first = np.array(FIRST_NAMES)[r.integers(0, len(FIRST_NAMES), n)]
    last = np.array(LAST_NAMES)[r.integers(0, len(LAST_NAMES), n)]
    names = np.char.add(np.char.add(first, " "), last)
    team = []
    rank = np.zeros(n, dtype=np.int64)
    for q in range(len(world.queues)):
        members = np.flatnonzero(world.a_queue == q)
        rank[members] = np.arange(len(members))
    for i in range(n):
        q = world.queues[int(world.a_queue[i])]
        team.append(f"{SITE_CODES[q.site]}-{q.t.short}-{int(rank[i]) // 12 + 1}")
    terminated = world.a_term < NEVER
    reason = np.where(r.random(n) < 0.75, 0, 1)
    updated = np.where(
        terminated,
        (world.a_term - EPOCH_ORDINAL) * DAY + 17 * 3600,
        (np.minimum(world.a_hire, world.start - 1) - EPOCH_ORDINAL) * DAY + 8 * 3600,
    )
    return ar.table(
        "agents",
        {
            "agent_id": world.agent_ids,
            "agent_name": pa.array(names.tolist(), pa.string()),
            "team": pa.array(team, pa.string()),
            "site": pa.array([world.queues[int(q)].site for q in world.a_queue], pa.string()),
            "hire_date": ar.days(world.a_hire),
            "termination_date": ar.days(np.where(terminated, world.a_term, ar.NULL)),
            "termination_reason": ar.labels(
                ("voluntary", "involuntary"), np.where(terminated, reason, ar.NULL)
            ),
            "hourly_cost": ar.float64(world.a_cost),
            "updated_at": ar.ts(updated),
        },
    )


def customers_table(world: World) -> pa.Table:
    became = _customer_became(world.seed, world.start, world.days, world.cpd)
    n = len(became)
    r = rng(world.seed, "customers", 1)
    churn = became + ((60 + r.exponential(900, n)) * DAY).astype(np.int64)
    churned = (r.random(n) < 0.15) & (churn < world.horizon)
    churn = np.where(churned, churn, ar.NULL)
    seg = r.choice(len(SEGMENTS), size=n, p=SEGMENT_P)
    return ar.table(
        "customers",
        {
            "customer_id": customer_ids(np.arange(n)),
            "became_customer_at": ar.ts(became),
            "churned_at": ar.ts(churn),
            "segment": ar.labels(SEGMENTS, seg),
            "updated_at": ar.ts(np.maximum(became, churn)),
        },
    )


def customer_ids(index: npt.ArrayLike) -> pa.Array:
    """Customer id strings; index ``NULL`` gives null (anonymous)."""
    idx = np.asarray(index, dtype=np.int64)
    return ar.take(ar.ids("CU", np.maximum(idx, 0), 8), np.where(idx < 0, ar.NULL, np.arange(len(idx))))
