"""One local day of the demo center: arrivals, forecasts, schedules, queue simulation, outbound
dialing, agent states, surveys, tickets, orders, costs and employee surveys.

Each day draws from its own random streams keyed by the date, so a day's output is the same whichever
worker makes it. Cross-day effects (repeat contacts within a week) are obtained by re-drawing the few
earlier days' arrival plans, which are cheap and deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from contact_center.demo import arrow as ar
from contact_center.demo import queueing as sq
from contact_center.demo.params import (
    ACTIVITIES,
    ATTEMPTS_PER_SHIFT,
    CHILD_LEGS,
    INTERVAL,
    REASONS,
    SALES_REASON,
    SHIFT_SECONDS,
    ST_ACW,
    ST_AVAILABLE,
    ST_BREAK,
    ST_LUNCH,
    ST_MEETING,
    ST_ON_CONTACT,
    ST_TRAINING,
    STATES,
    TICKET_HANDLE,
    TICKETS_PER_SHIFT,
    WEB_ORDER_SHARE,
    intraday_shape,
    open_hours,
    weekday_factor,
)
from contact_center.demo.staffing import cover_shifts, required_staff
from contact_center.demo.world import DAY, World, customer_ids, epoch, rng, utc_offset

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
BoolA = npt.NDArray[np.bool_]

REPEAT_WINDOW = 6  # days a repeat contact may follow its original
DISCONNECT = ("customer", "agent", "transfer", "flow_out", "callback_requested", "system")
DR_CUSTOMER, DR_AGENT, DR_TRANSFER, DR_FLOW_OUT, DR_CALLBACK, DR_SYSTEM = range(6)
METHODS = ("inbound", "outbound", "transfer", "callback")
RESOLUTION = ("resolved", "unresolved")
SALE = ("sale", "no_sale")
TICKET_STATUS = ("new", "open", "pending", "solved", "closed")
COST_CATEGORIES = ("telephony", "licences", "facilities")
# Shift gaps in their fixed order: meeting, break 1, lunch, training, break 2.
GAP_TYPES = np.array([ST_MEETING, ST_BREAK, ST_LUNCH, ST_TRAINING, ST_BREAK], dtype=np.int64)
ACTIVITY_OF_STATE = {ST_BREAK: 1, ST_LUNCH: 2, ST_TRAINING: 3, ST_MEETING: 4}


@dataclass(frozen=True)
class Calendar:
    ordinal: int
    weekday: int
    midnight: int  # epoch seconds of local midnight
    open: int  # epoch seconds; open == close when closed
    close: int
    open_hour: int


@dataclass
class Plan:
    """Arrival plan of one day: first contacts and the repeat contacts they will cause."""

    q: I64
    t: I64
    cust: I64
    reason: I64
    latent: BoolA  # would be resolved if handled
    c_land: I64
    c_q: I64
    c_t: I64
    c_cust: I64
    c_reason: I64
    c_latent: BoolA


@dataclass
class Shifts:
    """All shifts of the day (every queue), planned and as actually worked."""

    agent: I64
    q: I64
    start: I64
    showed: BoolA
    gap_start: I64  # (S, 5) planned, compacted to the first n_gap columns
    gap_dur: I64
    gap_type: I64
    n_gap: I64
    win_start: I64  # (S, 6) actual on-queue windows (first n_gap + 1 valid)
    win_end: I64
    act_gap_dur: I64  # (S, 5) actual gap durations


def _sorted_cat(u: F64, cum: F64) -> I64:
    """Categorical draw per row: ``cum`` (rows, k) cumulative probabilities."""
    return (u[:, None] > cum).sum(axis=1).astype(np.int64)


class Day:
    """Generator of days for one world; keeps a small cache of arrival plans."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.plans: dict[int, Plan] = {}
        self.reason_cum = np.cumsum(np.array([q.t.reasons for q in world.queues]), axis=1)
        self.reason_cum[:, -1] = 1.0

    # ------------------------------------------------------------------ calendars and arrival rates
    def calendar(self, q: int, ordinal: int) -> Calendar:
        t = self.w.queues[q].t
        wd = date.fromordinal(ordinal).weekday()
        midnight = epoch(ordinal) - utc_offset(t.tz, ordinal)
        hrs = open_hours(t.role, t.channel, wd)
        if hrs is None:
            return Calendar(ordinal, wd, midnight, midnight, midnight, 0)
        return Calendar(ordinal, wd, midnight, midnight + hrs[0] * 3600, midnight + hrs[1] * 3600, hrs[0])

    def rates(self, q: int, ordinal: int) -> tuple[Calendar, F64]:
        """Expected first contacts (tickets: new tickets) per 30-minute interval of the opening hours
        (tickets: of the whole local day)."""
        queue = self.w.queues[q]
        t = queue.t
        cal = self.calendar(q, ordinal)
        if t.role == "ticket":
            start_hour, n_int = 0.0, 48
        else:
            start_hour, n_int = float(cal.open_hour), (cal.close - cal.open) // INTERVAL
        if n_int == 0:
            return cal, np.zeros(0)
        hours = start_hour + (np.arange(n_int) + 0.5) / 2
        shape = intraday_shape(t.role, t.channel, cal.weekday, hours)
        vol = queue.daily_volume * weekday_factor(t.role, t.channel, cal.weekday)
        return cal, vol * shape / shape.sum()

    # ------------------------------------------------------------------ arrival plans
    def plan(self, ordinal: int) -> Plan:
        if ordinal in self.plans:
            return self.plans[ordinal]
        w = self.w
        r = rng(w.seed, "plan", ordinal)
        qs, ts = [], []
        for q in w.inbound:
            cal, lam = self.rates(q, ordinal)
            lam = lam * math.exp(r.normal(0, 0.06)) * np.exp(r.normal(0, 0.08, len(lam)))
            counts = r.poisson(lam)
            starts = cal.open + INTERVAL * np.arange(len(lam))
            ts.append(np.repeat(starts, counts) + r.integers(0, INTERVAL, int(counts.sum())))
            qs.append(np.full(int(counts.sum()), q, dtype=np.int64))
        q_arr = np.concatenate(qs) if qs else np.zeros(0, np.int64)
        t_arr = np.concatenate(ts).astype(np.int64) if ts else np.zeros(0, np.int64)
        n = len(q_arr)
        chat = np.array([w.queues[q].t.channel == "chat" for q in range(len(w.queues))])[q_arr]
        resolve = np.array([x.t.resolve_prob for x in w.queues])
        anon = r.random(n) < np.where(chat, 0.12, 0.05)
        cust = np.where(anon, -1, r.integers(0, w.n_active(ordinal), n))
        reason = _sorted_cat(r.random(n), self.reason_cum[q_arr])
        latent = r.random(n) < resolve[q_arr]
        rep = ~anon & (r.random(n) < np.where(latent, 0.06, 0.35))
        offset = np.where(r.random(n) < 0.35, 0, r.geometric(0.45, n))
        rep &= offset <= REPEAT_WINDOW
        u_time = r.random(n)
        u_slot = r.integers(0, INTERVAL, n)
        c_latent_all = r.random(n) < resolve[q_arr] * 0.9

        close = np.array([self.calendar(q, ordinal).close for q in range(len(w.queues))])[q_arr]
        c_t = np.full(n, -1, dtype=np.int64)
        room = close - 600 - t_arr - 900
        same = rep & (offset == 0) & (room > 0)
        c_t[same] = t_arr[same] + 900 + (u_time[same] * room[same]).astype(np.int64)
        for off in range(1, REPEAT_WINDOW + 1):
            for q in w.inbound:
                m = rep & (offset == off) & (q_arr == q)
                if not m.any():
                    continue
                cal, lam = self.rates(q, ordinal + off)
                if len(lam) == 0:
                    continue
                cdf = np.cumsum(lam) / lam.sum()
                k = np.minimum(np.searchsorted(cdf, u_time[m]), len(lam) - 1)
                c_t[m] = cal.open + INTERVAL * k + u_slot[m]
        has = c_t >= 0
        plan = Plan(
            q=q_arr, t=t_arr, cust=cust, reason=reason, latent=latent,
            c_land=(ordinal + offset)[has], c_q=q_arr[has], c_t=c_t[has], c_cust=cust[has],
            c_reason=reason[has], c_latent=c_latent_all[has],
        )  # fmt: skip
        if len(self.plans) > REPEAT_WINDOW + 2:
            self.plans.pop(min(self.plans))
        self.plans[ordinal] = plan
        return plan

    def arrivals(self, ordinal: int) -> tuple[I64, I64, I64, I64, BoolA]:
        """(queue, initiated, customer, reason, latent) of all first contacts of the day."""
        parts = [self.plan(ordinal)]
        q, t, c, rs, la = [parts[0].q], [parts[0].t], [parts[0].cust], [parts[0].reason], [parts[0].latent]
        for back in range(REPEAT_WINDOW + 1):
            p = self.plan(ordinal - back)
            m = p.c_land == ordinal
            q.append(p.c_q[m])
            t.append(p.c_t[m])
            c.append(p.c_cust[m])
            rs.append(p.c_reason[m])
            la.append(p.c_latent[m])
        return (
            np.concatenate(q),
            np.concatenate(t),
            np.concatenate(c),
            np.concatenate(rs),
            np.concatenate(la),
        )

    # ------------------------------------------------------------------ forecasts
    def forecasts(self, ordinal: int) -> tuple[pa.Table, dict[int, tuple[Calendar, F64, float]]]:
        """Forecast versions of the day, and per queue the latest one used for scheduling."""
        w = self.w
        r = rng(w.seed, "forecast", ordinal)
        rows: dict[str, list[npt.NDArray[np.generic]]] = {
            k: [] for k in ("q", "start", "created", "n", "aht")
        }
        latest: dict[int, tuple[Calendar, F64, float]] = {}
        for q in (*w.inbound, *w.tickets):
            t = w.queues[q].t
            cal, lam = self.rates(q, ordinal)
            if len(lam) == 0:
                continue
            expected = lam * (1 + CHILD_LEGS) if t.role == "inbound" else lam
            start0 = cal.open if t.role == "inbound" else cal.midnight
            starts = start0 + INTERVAL * np.arange(len(lam))
            aht = t.aht if t.role == "inbound" else TICKET_HANDLE
            versions = [(7, 6 * 3600, 0.13, w.fc_bias[q])]
            if r.random() < 0.6:
                versions.append((2, 14 * 3600, 0.07, w.fc_bias[q] / 2))
            for back, hour, sd, bias in versions:
                fc = expected * np.exp(r.normal(bias, sd, len(lam)))
                fa = aht * np.exp(r.normal(0.01, 0.04, len(lam)))
                rows["q"].append(np.full(len(lam), q))
                rows["start"].append(starts)
                rows["created"].append(np.full(len(lam), epoch(ordinal - back) + hour))
                rows["n"].append(fc)
                rows["aht"].append(fa)
                latest[q] = (cal, fc, float(fa.mean()))
        cat = {k: np.concatenate(v) if v else np.zeros(0) for k, v in rows.items()}
        qid = pa.array([x.queue_id for x in w.queues])
        tbl = ar.table(
            "forecasts",
            {
                "queue_id": ar.take(qid, cat["q"]),
                "interval_start": ar.ts(cat["start"]),
                "forecast_created_at": ar.ts(cat["created"]),
                "interval_minutes": ar.int32(np.full(len(cat["q"]), 30)),
                "forecast_contacts": ar.float64(cat["n"], 2),
                "forecast_aht_seconds": ar.float64(cat["aht"], 1),
            },
        )
        return tbl, latest

    # ------------------------------------------------------------------ staffing and schedules
    def shifts(self, ordinal: int, latest: dict[int, tuple[Calendar, F64, float]]) -> tuple[Shifts, I64]:
        """Shifts of every queue following the forecast (with deliberate under/over-staffed blocks),
        assigned to available agents; returns the shifts and the agents on planned time off."""
        w = self.w
        r = rng(w.seed, "staff", ordinal)
        wd = date.fromordinal(ordinal).weekday()
        employed = (w.a_hire <= ordinal) & (ordinal <= w.a_term)
        avail = employed & ~w.a_off[:, wd]
        time_off = avail & (r.random(len(avail)) < 0.035)
        avail &= ~time_off
        s_agent, s_q, s_start = [], [], []
        for q, queue in enumerate(w.queues):
            t = queue.t
            if t.role == "inbound":
                if q not in latest:
                    continue
                cal, fc, aht = latest[q]
                factor = np.full(len(fc), math.exp(r.normal(0, 0.07)))
                for p, f in ((0.4, 0.7), (0.3, 1.3)):
                    hit, length, at = r.random(), int(r.integers(4, 9)), r.random()
                    if hit < p:
                        a = int(at * max(len(fc) - length, 1))
                        factor[a : a + length] *= f
                req = required_staff(fc, aht, t.sl_threshold, factor)
                idx = cover_shifts(req)
                have = int((avail & (w.a_queue == q)).sum())
                scale = have / max(len(idx), 1)
                while len(idx) > have and scale > 0.2:  # short of agents: thin the whole day evenly
                    idx = cover_shifts(np.maximum(np.round(req * scale), 1).astype(np.int64))
                    scale *= 0.95
                starts = cal.open + INTERVAL * np.array(idx, dtype=np.int64)
            else:
                cal = self.calendar(q, ordinal)
                if cal.close - cal.open < SHIFT_SECONDS:
                    continue
                vol = queue.daily_volume * weekday_factor(t.role, t.channel, wd)
                per_shift = ATTEMPTS_PER_SHIFT if t.role == "outbound" else TICKETS_PER_SHIFT
                n = int(vol * math.exp(r.normal(0, 0.05)) / per_shift + r.random())
                n_starts = (cal.close - cal.open - SHIFT_SECONDS) // INTERVAL + 1
                starts = cal.open + INTERVAL * np.sort(r.integers(0, n_starts, n))
            pool = np.flatnonzero(avail & (w.a_queue == q))
            pool = pool[r.permutation(len(pool))]
            if len(pool) < len(starts):
                starts = np.sort(r.choice(starts, len(pool), replace=False))
            s_agent.append(pool[: len(starts)])
            s_q.append(np.full(len(starts), q))
            s_start.append(starts)
        agent = np.concatenate(s_agent).astype(np.int64)
        order = np.argsort(agent, kind="stable")
        agent = agent[order]
        qv = np.concatenate(s_q).astype(np.int64)[order]
        start = np.concatenate(s_start).astype(np.int64)[order]
        return self._shift_details(r, agent, qv, start), np.flatnonzero(time_off)

    @staticmethod
    def _shift_details(r: np.random.Generator, agent: I64, q: I64, start: I64) -> Shifts:
        n = len(agent)
        off = np.empty((n, 5), dtype=np.int64)
        dur = np.array([1800, 900, 1800, 3600, 900], dtype=np.int64)[None, :].repeat(n, 0)
        present = np.ones((n, 5), dtype=bool)
        present[:, 0] = r.random(n) < 0.08
        present[:, 3] = r.random(n) < 0.04
        off[:, 0] = 1800
        off[:, 1] = 5400 + 300 * r.integers(0, 19, n)  # 1:30 - 3:00 into the shift
        off[:, 2] = 12600 + 300 * r.integers(0, 13, n)  # 3:30 - 4:30
        off[:, 3] = off[:, 2] + 1800
        off[:, 4] = 19800 + 300 * r.integers(0, 13, n)  # 5:30 - 6:30
        off[:, 4] = np.where(present[:, 3], np.maximum(off[:, 4], off[:, 3] + 3600 + 1800), off[:, 4])
        order = np.argsort(~present, axis=1, kind="stable")
        rows = np.arange(n)[:, None]
        present, off, dur = present[rows, order], off[rows, order], dur[rows, order]
        gtype = GAP_TYPES[order]
        n_gap = present.sum(axis=1)
        gap_start = start[:, None] + off
        showed = r.random(n) >= 0.03

        # Adherence: late logins, breaks a little late and long, early/late logouts.
        login = start + np.clip(np.round(r.normal(60, 150, n)), -300, 900).astype(np.int64)
        login += np.where(r.random(n) < 0.015, r.integers(600, 2400, n), 0)
        soft = (gtype == ST_BREAK) | (gtype == ST_LUNCH)
        act_start = gap_start + np.where(soft, np.clip(np.round(r.normal(30, 60, (n, 5))), -120, 300), 0)
        act_dur = dur + np.where(soft, np.clip(np.round(r.normal(45, 90, (n, 5))), 0, 600), 0)
        act_start, act_dur = act_start.astype(np.int64), act_dur.astype(np.int64)
        logout = start + SHIFT_SECONDS + np.clip(np.round(r.normal(30, 180, n)), -600, 900).astype(np.int64)
        logout -= np.where(r.random(n) < 0.02, r.integers(1800, 5400, n), 0)
        win_start = np.zeros((n, 6), dtype=np.int64)
        win_end = np.zeros((n, 6), dtype=np.int64)
        win_start[:, 0] = login
        for j in range(5):
            has = j < n_gap
            end_j = np.maximum(act_start[:, j], win_start[:, j] + 60)
            win_end[:, j] = np.where(has, end_j, np.maximum(logout, win_start[:, j] + 60))
            nxt = np.maximum(end_j + act_dur[:, j], end_j + 60)
            win_start[:, j + 1] = np.where(has, nxt, 0)
            act_dur[:, j] = np.where(has, nxt - end_j, 0)
        last = n_gap == 5
        win_end[last, 5] = np.maximum(logout[last], win_start[last, 5] + 60)
        return Shifts(
            agent=agent, q=q, start=start, showed=showed, gap_start=gap_start, gap_dur=dur,
            gap_type=gtype, n_gap=n_gap, win_start=win_start, win_end=win_end, act_gap_dur=act_dur,
        )  # fmt: skip

    def schedules_table(self, sh: Shifts, time_off: I64, ordinal: int) -> pa.Table:
        w = self.w
        n = len(sh.agent)
        cols = np.arange(5)[None, :]
        valid = cols < sh.n_gap[:, None]
        # on-queue blocks: shift start -> first gap, gap ends -> next gap starts, last gap end -> shift end
        gap_end = sh.gap_start + sh.gap_dur
        oq_s = np.concatenate([sh.start[:, None], gap_end], axis=1)
        oq_e = np.concatenate([sh.gap_start, np.zeros((n, 1), dtype=np.int64)], axis=1)
        oq_e[np.arange(n), sh.n_gap] = sh.start + SHIFT_SECONDS
        oq_valid = (np.arange(6)[None, :] <= sh.n_gap[:, None]) & (oq_e > oq_s)
        rep6 = np.repeat(np.arange(n)[:, None], 6, axis=1)
        rep5 = np.repeat(np.arange(n)[:, None], 5, axis=1)
        to_mid = np.array(
            [epoch(ordinal) - utc_offset(w.queues[int(w.a_queue[a])].t.tz, ordinal) for a in time_off],
            dtype=np.int64,
        )
        agent = np.concatenate([sh.agent[rep6[oq_valid]], sh.agent[rep5[valid]], time_off])
        starts = np.concatenate([oq_s[oq_valid], sh.gap_start[valid], to_mid + 9 * 3600])
        ends = np.concatenate([oq_e[oq_valid], gap_end[valid], to_mid + 17 * 3600])
        act = np.concatenate(
            [
                np.zeros(int(oq_valid.sum()), dtype=np.int64),
                np.vectorize(ACTIVITY_OF_STATE.get, otypes=[np.int64])(sh.gap_type[valid]),
                np.full(len(time_off), 5, dtype=np.int64),
            ]
        )
        queue = np.concatenate(
            [sh.q[rep6[oq_valid]], np.full(int(valid.sum()) + len(time_off), -1, dtype=np.int64)]
        )
        order = np.lexsort((starts, agent))
        qid = pa.array([x.queue_id for x in w.queues])
        return ar.table(
            "schedules",
            {
                "agent_id": ar.take(w.agent_ids, agent[order]),
                "starts_at": ar.ts(starts[order]),
                "ends_at": ar.ts(ends[order]),
                "activity": ar.labels(ACTIVITIES, act[order]),
                "queue_id": ar.take(qid, queue[order]),
            },
        )

    # ------------------------------------------------------------------ one whole day
    def generate(self, ordinal: int) -> dict[str, pa.Table]:
        w = self.w
        fc_table, latest = self.forecasts(ordinal)
        sh, time_off = self.shifts(ordinal, latest)
        legs, spans, sessions = self._contacts(ordinal, sh)
        out: dict[str, pa.Table] = {}
        contacts, contact_ids = self._contacts_table(ordinal, legs)
        out["contacts"] = contacts
        out["agent_states"] = _states_table(w, spans, sessions)
        out["schedules"] = self.schedules_table(sh, time_off, ordinal)
        out["forecasts"] = fc_table
        out["surveys"] = self._surveys(ordinal, legs, contact_ids)
        out["tickets"] = self._tickets(ordinal, sh)
        out["orders"] = self._orders(ordinal, legs, contact_ids)
        out["costs"] = self._costs(ordinal, legs, sh)
        es = self._employee_surveys(ordinal)
        if es.num_rows:
            out["employee_surveys"] = es
        return out

    # ------------------------------------------------------------------ contacts
    def _contacts(
        self, ordinal: int, sh: Shifts
    ) -> tuple[dict[str, I64], list[tuple[I64, I64, I64, I64]], tuple[I64, I64, I64]]:
        """Simulate inbound queues and outbound dialing. Returns the legs (column arrays), the agents'
        non-available state spans and their sessions (agent, login, logout)."""
        w = self.w
        r = rng(w.seed, "sim", ordinal)
        nq = len(w.queues)
        q_arr, t_arr, cust, reason, latent = self.arrivals(ordinal)
        n = len(q_arr)
        chan = np.array([x.t.channel for x in w.queues])
        voice = chan[q_arr] == "voice"
        ivr_only = voice & (r.random(n) < 0.03)
        ivr = np.where(voice, r.integers(20, 71, n), r.integers(5, 31, n))
        ivr_end = t_arr + np.where(ivr_only, r.integers(40, 181, n), 0)

        # Plan legs entering the queues, in enqueue order.
        sim_idx = np.flatnonzero(~ivr_only)
        enq = (t_arr + ivr)[sim_idx]
        order = np.lexsort((sim_idx, enq))
        sim_idx, enq = sim_idx[order], enq[order]
        sim_q_global = q_arr[sim_idx]
        loc = np.full(nq, -1, dtype=np.int64)
        loc[list(w.inbound)] = np.arange(len(w.inbound))
        sim_q = loc[sim_q_global]
        nI = len(w.inbound)
        n_plan = np.bincount(sim_q, minlength=nI).astype(np.int64)
        cap = np.maximum(64, (n_plan.sum() // 4 + 1) * np.ones(nI, dtype=np.int64))
        sizes = n_plan + cap
        base = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        rank = np.zeros(len(sim_q), dtype=np.int64)
        for k in range(nI):
            m = sim_q == k
            rank[m] = np.arange(int(m.sum()))
        slot = base[sim_q] + rank
        pools, hold_n, hold_s = self._pools(r, sizes)

        cal = [self.calendar(q, ordinal) for q in w.inbound]
        queues = sq.SimQueues(
            is_voice=[w.queues[q].t.channel == "voice" for q in w.inbound],
            max_wait=[600 if w.queues[q].t.channel == "voice" else 900 for q in w.inbound],
            xfer_p=[w.queues[q].t.transfer_prob for q in w.inbound],
            weight=[w.queues[q].t.weight for q in w.inbound],
            open=[c.open for c in cal],
            close=[c.close for c in cal],
            dyn_base=(base + n_plan).tolist(),
            dyn_cap=cap.tolist(),
        )
        sim_shift = np.flatnonzero(sh.showed & (loc[sh.q] >= 0))
        agents = sq.SimAgents(
            queue=loc[sh.q[sim_shift]].tolist(),
            win_start=[sh.win_start[i, : sh.n_gap[i] + 1].tolist() for i in sim_shift],
            win_end=[sh.win_end[i, : sh.n_gap[i] + 1].tolist() for i in sim_shift],
            gap_dur=[sh.act_gap_dur[i, : sh.n_gap[i]].tolist() for i in sim_shift],
            gap_type=[sh.gap_type[i, : sh.n_gap[i]].tolist() for i in sim_shift],
        )
        res = sq.simulate(
            enq.tolist(), sim_q.tolist(), slot.tolist(), (cust[sim_idx] >= 0).tolist(), queues, agents, pools
        )
        L = len(res.q)
        inbound_arr = np.array(w.inbound, dtype=np.int64)

        # Attributes inherited along parent links (transfer, callback, redial legs).
        l_cust = np.full(L, -1, dtype=np.int64)
        l_reason = np.zeros(L, dtype=np.int64)
        l_latent = np.zeros(L, dtype=bool)
        l_cust[: len(sim_idx)] = cust[sim_idx]
        l_reason[: len(sim_idx)] = reason[sim_idx]
        l_latent[: len(sim_idx)] = latent[sim_idx]
        child = res.kind != sq.PLAN
        xfer_latent = r.random(L) < 0.72
        initial = np.arange(L)
        cont = (res.kind == sq.TRANSFER) | (res.kind == sq.CALLBACK)
        for _ in range(4):
            l_cust[child] = l_cust[res.parent[child]]
            l_reason[child] = l_reason[res.parent[child]]
            l_latent[child] = l_latent[res.parent[child]]
            initial[cont] = initial[res.parent[cont]]
        l_latent = np.where(res.kind == sq.TRANSFER, xfer_latent, l_latent)

        out = res.outcome
        handled = out == sq.HANDLED
        answered = res.agent >= 0
        u = r.random(L)
        dreason = np.select(
            [out == sq.TRANSFERRED, out == sq.FLOW_OUT, out == sq.CALLBACK_REQ, out == sq.DROPPED,
             handled & (u < 0.01), handled & (u < 0.40)],
            [DR_TRANSFER, DR_FLOW_OUT, DR_CALLBACK, DR_SYSTEM, DR_SYSTEM, DR_AGENT],
            DR_CUSTOMER,
        )  # fmt: skip
        resolution = np.where(answered, np.where(handled & l_latent, 0, 1), -1)
        method = np.select([res.kind == sq.TRANSFER, res.kind == sq.CALLBACK], [2, 3], 0)
        shift_agent = np.r_[sh.agent[sim_shift], -1]  # sim agent -> roster agent (-1 -> none)
        agent_global = shift_agent[res.agent]
        init = res.init.copy()
        init[: len(sim_idx)] = t_arr[sim_idx]

        sim_legs = {
            "q": inbound_arr[res.q],
            "agent": agent_global,
            "cust": l_cust,
            "init": init,
            "enq": res.enq,
            "conn": res.conn,
            "disc": res.disc,
            "acw": res.acw_end,
            "hold_s": np.where(answered, hold_s[res.slot], 0),
            "hold_n": np.where(answered, hold_n[res.slot], 0),
            "method": method,
            "outbound": np.zeros(L, dtype=np.int64),
            "dreason": dreason,
            "reason": l_reason,
            "resolution": resolution,
            "sale": np.full(L, -1, dtype=np.int64),
            "initial": initial,
            "previous": np.where(cont, res.parent, -1),
            "kind": res.kind,
        }
        ivr_i = np.flatnonzero(ivr_only)
        m = len(ivr_i)
        ivr_legs = {
            "q": q_arr[ivr_i],
            "agent": np.full(m, -1),
            "cust": cust[ivr_i],
            "init": t_arr[ivr_i],
            "enq": np.full(m, -1),
            "conn": np.full(m, -1),
            "disc": ivr_end[ivr_i],
            "acw": np.full(m, -1),
            "hold_s": np.zeros(m, dtype=np.int64),
            "hold_n": np.zeros(m, dtype=np.int64),
            "method": np.zeros(m, dtype=np.int64),
            "outbound": np.zeros(m, dtype=np.int64),
            "dreason": np.full(m, DR_CUSTOMER),
            "reason": reason[ivr_i],
            "resolution": np.full(m, -1),
            "sale": np.full(m, -1),
            "initial": np.arange(m),
            "previous": np.full(m, -1),
            "kind": np.full(m, sq.PLAN),
        }
        out_legs, out_spans, out_sessions = self._outbound(ordinal, sh)

        # Agent state spans of inbound agents (contacts, breaks) and their sessions.
        a = res.agent >= 0
        spans = [
            (agent_global[a], res.conn[a], res.disc[a], np.full(int(a.sum()), ST_ON_CONTACT)),
            (agent_global[a], res.disc[a], res.acw_end[a], np.full(int(a.sum()), ST_ACW)),
            (shift_agent[res.brk_agent], res.brk_start, res.brk_end, res.brk_type),
            out_spans[0],
            out_spans[1],
            out_spans[2],
        ]
        # Ticket agents: available in their windows, breaks as (actually) scheduled.
        tk = np.flatnonzero(sh.showed & np.isin(sh.q, np.array(w.tickets, dtype=np.int64)))
        gcols = np.arange(5)[None, :] < sh.n_gap[tk][:, None]
        rows5 = np.repeat(tk[:, None], 5, axis=1)[gcols]
        gs = sh.win_end[tk, :5][gcols]
        spans.append((sh.agent[rows5], gs, gs + sh.act_gap_dur[tk, :5][gcols], sh.gap_type[tk, :5][gcols]))
        tk_logout = sh.win_end[tk, sh.n_gap[tk]]
        sessions = (
            np.concatenate([sh.agent[sim_shift], out_sessions[0], sh.agent[tk]]),
            np.concatenate([sh.win_start[sim_shift, 0], out_sessions[1], sh.win_start[tk, 0]]),
            np.concatenate([res.logout, out_sessions[2], tk_logout]),
        )
        legs = {k: np.concatenate([sim_legs[k], ivr_legs[k], out_legs[k]]).astype(np.int64) for k in sim_legs}
        # Re-base link indices of the concatenated parts.
        sizes_parts = [L, m, len(out_legs["q"])]
        offs = np.repeat(np.cumsum([0, *sizes_parts[:-1]]), sizes_parts)
        legs["initial"] = legs["initial"] + offs
        legs["previous"] = np.where(legs["previous"] >= 0, legs["previous"] + offs, -1)
        return legs, spans, sessions

    def _pools(self, r: np.random.Generator, sizes: I64) -> tuple[sq.Pools, I64, I64]:
        """Per-slot service attributes for every inbound queue (slot ranges in queue order)."""
        w = self.w
        tq = [w.queues[q].t for q in w.inbound]
        qr = np.repeat(np.arange(len(tq)), sizes)
        total = int(sizes.sum())

        def p(attr: str) -> F64:
            return np.array([getattr(t, attr) for t in tq], dtype=np.float64)[qr]

        chat = np.array([t.channel == "chat" for t in tq])[qr]
        talk = np.exp(np.log(p("talk_median")) + p("talk_sigma") * r.standard_normal(total))
        hold_n = np.where(r.random(total) < p("hold_prob"), 1 + r.poisson(0.4, total), 0).astype(np.int64)
        hold_s = np.round(r.gamma(np.maximum(hold_n, 1), 1.0, total) * p("hold_mean")).astype(np.int64)
        hold_s = np.where(hold_n > 0, np.maximum(hold_s, 3), 0)
        span = np.maximum(np.round(talk), 15).astype(np.int64) + hold_s
        acw = np.round(r.gamma(2.0, 0.5, total) * p("acw_mean")).astype(np.int64)
        alert = np.where(chat, r.integers(2, 16, total), r.integers(1, 6, total))
        impatient = r.random(total) < np.where(chat, 0.015, 0.02)
        k = 1.2
        pat = 1.5 * p("patience_mean") * r.weibull(k, total) / math.gamma(1 + 1 / k)
        pat = np.where(impatient, r.integers(0, 7, total), np.round(pat) + 1).astype(np.int64)
        pools = sq.Pools(
            span=span.tolist(), acw=acw.tolist(), alert=alert.tolist(), patience=pat.tolist(),
            u_xfer=r.random(total).tolist(), u_target=r.random(total).tolist(), u_cb=r.random(total).tolist(),
            u_redial=r.random(total).tolist(), u_delay=r.random(total).tolist(),
        )  # fmt: skip
        return pools, hold_n, hold_s

    def _outbound(
        self, ordinal: int, sh: Shifts
    ) -> tuple[dict[str, I64], list[tuple[I64, I64, I64, I64]], tuple[I64, I64, I64]]:
        """Predictive-dialer campaign: each agent dials back-to-back within their on-queue windows."""
        w = self.w
        r = rng(w.seed, "outbound", ordinal)
        idx = np.flatnonzero(sh.showed & (sh.q == w.outbound)) if w.outbound >= 0 else np.zeros(0, np.int64)
        S = len(idx)
        n_gap = sh.n_gap[idx]
        ws, we = sh.win_start[idx], sh.win_end[idx]
        cur = ws[:, 0].copy()
        parts: dict[str, list[I64]] = {k: [] for k in ("agent", "dial", "conn", "disc", "acw")}
        b_agent, b_s, b_e, b_t = [], [], [], []
        logout = np.zeros(S, dtype=np.int64)
        for j in range(6):
            if S == 0:
                break
            act = j <= n_gap
            wend = we[:, j]
            longest = int(np.max(np.where(act, wend - cur, 0)))
            M = max(1, longest // 20 + 2)
            pre = r.integers(3, 16, (S, M))
            conn = r.random((S, M)) < 0.35
            ring = np.where(conn, r.integers(8, 26, (S, M)), r.integers(15, 36, (S, M)))
            talk = np.where(conn, np.round(np.exp(np.log(170) + 0.65 * r.standard_normal((S, M)))) + 10, 0)
            wrap = np.where(conn, np.round(r.gamma(2.0, 20.0, (S, M))), r.integers(5, 16, (S, M)))
            cycle = (pre + ring + talk + wrap).astype(np.int64)
            cum = np.cumsum(cycle, axis=1)
            dial = cur[:, None] + cum - cycle + pre
            valid = act[:, None] & (dial < wend[:, None])
            disc = dial + ring + talk.astype(np.int64)
            done = disc + wrap.astype(np.int64)
            rows = np.repeat(np.arange(S)[:, None], M, axis=1)
            parts["agent"].append(sh.agent[idx][rows[valid]])
            parts["dial"].append(dial[valid])
            parts["conn"].append(np.where(conn, dial + ring, -1)[valid])
            parts["disc"].append(disc[valid])
            parts["acw"].append(done[valid])
            last = np.where(valid.any(axis=1), np.max(np.where(valid, done, 0), axis=1), 0)
            busy_end = np.maximum(np.maximum(wend, last), cur)
            ends_here = act & (j == n_gap)
            logout[ends_here] = busy_end[ends_here]
            gap = act & (j < n_gap)
            if j < 5 and gap.any():
                bs = busy_end
                be = np.maximum(bs + sh.act_gap_dur[idx, j], ws[:, min(j + 1, 5)])
                b_agent.append(sh.agent[idx][gap])
                b_s.append(bs[gap])
                b_e.append(be[gap])
                b_t.append(sh.gap_type[idx, j][gap])
                cur = np.where(gap, be, cur)
        cat = {k: np.concatenate(v) if v else np.zeros(0, np.int64) for k, v in parts.items()}
        n = len(cat["dial"])
        connected = cat["conn"] >= 0
        sale = np.where(connected, np.where(r.random(n) < 0.12, 0, 1), -1)
        legs = {
            "q": np.full(n, w.outbound),
            "agent": cat["agent"],
            "cust": r.integers(0, w.n_active(ordinal), n),
            "init": cat["dial"],
            "enq": np.full(n, -1),
            "conn": cat["conn"],
            "disc": cat["disc"],
            "acw": cat["acw"],
            "hold_s": np.zeros(n, dtype=np.int64),
            "hold_n": np.zeros(n, dtype=np.int64),
            "method": np.ones(n, dtype=np.int64),
            "outbound": np.ones(n, dtype=np.int64),
            "dreason": np.where(connected, np.where(r.random(n) < 0.5, DR_AGENT, DR_CUSTOMER), DR_SYSTEM),
            "reason": np.full(n, SALES_REASON),
            "resolution": np.full(n, -1),
            "sale": sale,
            "initial": np.arange(n),
            "previous": np.full(n, -1),
            "kind": np.full(n, sq.PLAN),
        }
        cb = {k: np.concatenate(v) if v else np.zeros(0, np.int64) for k, v in
              (("a", b_agent), ("s", b_s), ("e", b_e), ("t", b_t))}  # fmt: skip
        spans = [
            (cat["agent"], cat["dial"], cat["disc"], np.full(n, ST_ON_CONTACT)),
            (cat["agent"], cat["disc"], cat["acw"], np.full(n, ST_ACW)),
            (cb["a"], cb["s"], cb["e"], cb["t"]),
        ]
        return legs, spans, (sh.agent[idx], ws[:, 0] if S else np.zeros(0, np.int64), logout)

    def _contacts_table(self, ordinal: int, legs: dict[str, I64]) -> tuple[pa.Table, pa.StringArray]:
        """Sort the legs by initiation time, give them ids and build the contacts table (in place)."""
        w = self.w
        n = len(legs["q"])
        order = np.lexsort((np.arange(n), legs["q"], legs["init"]))
        inv = np.empty(n, dtype=np.int64)
        inv[order] = np.arange(n)
        for k in list(legs):
            legs[k] = legs[k][order]
        legs["initial"] = inv[legs["initial"]]
        legs["previous"] = np.where(legs["previous"] >= 0, inv[np.maximum(legs["previous"], 0)], -1)
        day = date.fromordinal(ordinal).strftime("%Y%m%d")
        cid = ar.ids(f"C{day}", np.arange(n), 7)
        qs = w.queues
        chan = np.array([["voice", "chat", "email", "social"].index(q.t.channel) for q in qs])[legs["q"]]
        updated = np.where(legs["acw"] >= 0, legs["acw"], legs["disc"])
        tbl = ar.table(
            "contacts",
            {
                "contact_id": cid,
                "initial_contact_id": ar.take(cid, legs["initial"]),
                "previous_contact_id": ar.take(cid, legs["previous"]),
                "channel": ar.labels(("voice", "chat", "email", "social"), chan),
                "direction": ar.labels(("inbound", "outbound"), legs["outbound"]),
                "initiation_method": ar.labels(METHODS, legs["method"]),
                "queue_id": ar.take(pa.array([q.queue_id for q in qs]), legs["q"]),
                "agent_id": ar.take(w.agent_ids, legs["agent"]),
                "customer_id": customer_ids(legs["cust"]),
                "initiated_at": ar.ts(legs["init"]),
                "enqueued_at": ar.ts(legs["enq"]),
                "connected_at": ar.ts(legs["conn"]),
                "disconnected_at": ar.ts(legs["disc"]),
                "acw_ended_at": ar.ts(legs["acw"]),
                "hold_seconds": ar.float64(legs["hold_s"]),
                "hold_count": ar.int32(legs["hold_n"]),
                "disconnect_reason": ar.labels(DISCONNECT, legs["dreason"]),
                "contact_reason": ar.labels(REASONS, legs["reason"]),
                "resolution_status": ar.labels(RESOLUTION, legs["resolution"]),
                "sale_outcome": ar.labels(SALE, legs["sale"]),
                "updated_at": ar.ts(updated),
            },
        )
        return tbl, cid

    # ------------------------------------------------------------------ surveys, orders, tickets, costs
    def _surveys(self, ordinal: int, legs: dict[str, I64], cid: pa.StringArray) -> pa.Table:
        w = self.w
        r = rng(w.seed, "surveys", ordinal)
        n = len(legs["q"])
        final = (legs["agent"] >= 0) & (legs["outbound"] == 0) & (legs["dreason"] != DR_TRANSFER)
        pick = np.flatnonzero(final & (r.random(n) < 0.15))
        m = len(pick)
        wait = np.where(legs["enq"][pick] >= 0, legs["conn"][pick] - legs["enq"][pick], 0)
        resolved = legs["resolution"][pick] == 0
        z = (
            0.6 + 1.4 * resolved - 0.5 * (wait > 60) - 0.7 * (wait > 300)
            - 0.4 * (legs["method"][pick] == 2) - 0.3 * (legs["method"][pick] == 3)
            + r.normal(0, 1.0, m)
        )  # fmt: skip
        lag = np.minimum(np.exp(r.normal(np.log(1800), 1.6, m)), 10 * DAY).astype(np.int64)
        resp = legs["disc"][pick] + 30 + lag
        scale = np.array([q.t.csat_scale for q in w.queues])[legs["q"][pick]]
        # csat for every pick, nps and ces for some; a few unlinked responses
        types, scores, smin, smax, rows, times = [], [], [], [], [], []
        for kind, share, lo_hi in (("csat", 1.0, None), ("nps", 0.35, (0, 10)), ("ces", 0.25, (1, 7))):
            sel = r.random(m) < share
            zz = z[sel] + r.normal(0, 0.5, int(sel.sum()))
            u = 1 / (1 + np.exp(-zz))
            lo = scale[sel, 0] if lo_hi is None else np.full(int(sel.sum()), lo_hi[0])
            hi = scale[sel, 1] if lo_hi is None else np.full(int(sel.sum()), lo_hi[1])
            scores.append(np.minimum(lo + np.floor(u * (hi - lo + 1)), hi).astype(np.int64))
            smin.append(lo)
            smax.append(hi)
            types.append(np.full(int(sel.sum()), ("csat", "nps", "ces").index(kind)))
            rows.append(pick[sel])
            times.append(resp[sel] + (0 if kind == "csat" else 20))
        k = max(1, m // 30) if m else 0
        types.append(r.integers(0, 3, k))
        lo_u = np.array([1, 0, 1])[types[-1]]
        hi_u = np.array([5, 10, 7])[types[-1]]
        scores.append(lo_u + np.floor(r.random(k) * (hi_u - lo_u + 1)).astype(np.int64))
        smin.append(lo_u)
        smax.append(hi_u)
        rows.append(np.full(k, -1))
        mid = epoch(ordinal)
        times.append(mid + r.integers(8 * 3600, 22 * 3600, k))
        cat = [np.concatenate(x).astype(np.int64) for x in (types, scores, smin, smax, rows, times)]
        # a response after the export was taken has not arrived yet
        arrived = cat[5] <= w.horizon
        t_, sc, lo_, hi_, row, tm = (x[arrived] for x in cat)
        unl_cust = np.where(r.random(len(row)) < 0.5, r.integers(0, w.n_active(ordinal), len(row)), -1)
        cust = np.where(row >= 0, legs["cust"][np.maximum(row, 0)], unl_cust)
        order = np.lexsort((row, t_, tm))
        day = date.fromordinal(ordinal).strftime("%Y%m%d")
        return ar.table(
            "surveys",
            {
                "survey_response_id": ar.ids(f"S{day}", np.arange(len(row)), 6),
                "contact_id": ar.take(cid, row[order]),
                "customer_id": customer_ids(cust[order]),
                "survey_type": ar.labels(("csat", "nps", "ces"), t_[order]),
                "score": ar.int32(sc[order]),
                "scale_min": ar.int32(lo_[order]),
                "scale_max": ar.int32(hi_[order]),
                "responded_at": ar.ts(tm[order]),
            },
        )

    def _orders(self, ordinal: int, legs: dict[str, I64], cid: pa.StringArray) -> pa.Table:
        w = self.w
        r = rng(w.seed, "orders", ordinal)
        n = len(legs["q"])
        sales_q = np.array([q.t.name == "Sales" for q in w.queues])[legs["q"]]
        p_inb = np.where(sales_q, 0.35, 0.12)
        inb = (
            (legs["outbound"] == 0) & (legs["resolution"] == 0) & (legs["reason"] == SALES_REASON)
            & (legs["cust"] >= 0) & (r.random(n) < p_inb)
        )  # fmt: skip
        outb = legs["sale"] == 0
        att = np.flatnonzero(inb | outb)
        t_att = legs["disc"][att] + r.integers(30, 900, len(att))
        amt_att = np.exp(r.normal(np.log(140), 0.7, len(att)))
        wd = date.fromordinal(ordinal).weekday()
        k = int(r.poisson(w.cpd * WEB_ORDER_SHARE * weekday_factor("ticket", "email", wd)))
        tz = w.queues[0].t.tz
        mid = epoch(ordinal) - utc_offset(tz, ordinal)
        hours = np.clip(r.normal(14, 4.5, k), 0, 23.99)
        t_web = mid + (hours * 3600).astype(np.int64)
        amt_web = np.exp(r.normal(np.log(80), 0.8, k))
        row = np.concatenate([att, np.full(k, -1)])
        cust = np.concatenate([legs["cust"][att], r.integers(0, w.n_active(ordinal), k)])
        t = np.concatenate([t_att, t_web])
        amt = np.concatenate([amt_att, amt_web])
        order = np.lexsort((row, t))
        day = date.fromordinal(ordinal).strftime("%Y%m%d")
        return ar.table(
            "orders",
            {
                "order_id": ar.ids(f"O{day}", np.arange(len(t)), 6),
                "customer_id": customer_ids(cust[order]),
                "contact_id": ar.take(cid, row[order]),
                "ordered_at": ar.ts(t[order]),
                "amount": ar.float64(amt[order], 2),
            },
        )

    def _tickets(self, ordinal: int, sh: Shifts) -> pa.Table:
        w = self.w
        r = rng(w.seed, "tickets", ordinal)
        parts: dict[str, list[I64]] = {k: [] for k in ("q", "created", "assignee")}
        for q in w.tickets:
            cal, lam = self.rates(q, ordinal)
            counts = r.poisson(lam * math.exp(r.normal(0, 0.08)))
            n = int(counts.sum())
            created = np.repeat(cal.midnight + INTERVAL * np.arange(48), counts) + r.integers(0, INTERVAL, n)
            on_shift = sh.agent[sh.showed & (sh.q == q)]
            pool = on_shift if len(on_shift) else np.flatnonzero(w.a_queue == q)
            parts["q"].append(np.full(n, q))
            parts["created"].append(created)
            parts["assignee"].append(pool[r.integers(0, len(pool), n)])
        cat = {
            k: np.concatenate(v).astype(np.int64) if v else np.zeros(0, np.int64) for k, v in parts.items()
        }
        n = len(cat["q"])
        q_arr, created = cat["q"], cat["created"]
        mids = np.array([self.calendar(q, ordinal).midnight for q in range(len(w.queues))])[q_arr]
        hrs_open = np.array([open_hours("ticket", "", d)[0] for d in range(7)])  # type: ignore[index]
        wd = date.fromordinal(ordinal).weekday()
        o_today = mids + hrs_open[wd] * 3600
        o_next = mids + DAY + hrs_open[(wd + 1) % 7] * 3600
        c_today = mids + (open_hours("ticket", "", wd) or (8, 20))[1] * 3600
        start = np.where(created < o_today, o_today, np.where(created >= c_today - 1800, o_next, created))
        reply = start + np.exp(r.normal(np.log(5400), 0.9, n)).astype(np.int64)
        one_touch = r.random(n) < 0.15
        res1 = np.where(one_touch, reply, reply + np.exp(r.normal(np.log(6 * 3600), 1.1, n)).astype(np.int64))
        reopen_n = np.select([r.random(n) < 0.03, r.random(n) < 0.13], [2, 1], 0)
        reopen1 = res1 + np.exp(r.normal(np.log(DAY), 0.8, n)).astype(np.int64)
        res2 = reopen1 + np.exp(r.normal(np.log(5 * 3600), 1.0, n)).astype(np.int64)
        reopen2 = res2 + np.exp(r.normal(np.log(DAY), 0.8, n)).astype(np.int64)
        res3 = reopen2 + np.exp(r.normal(np.log(5 * 3600), 1.0, n)).astype(np.int64)
        h = w.horizon
        reopens = (reopen_n >= 1).astype(np.int64) * (reopen1 <= h) + (reopen_n >= 2) * (reopen2 <= h)
        last_res = np.select(
            [reopens == 0, (reopens == 1) & (res2 <= h), reopens == 1, res3 <= h],
            [res1, res2, res1, res3],
            res2,
        )
        replied = reply <= h
        resolved = res1 <= h
        reopened_open = ((reopens == 1) & (res2 > h)) | ((reopens == 2) & (res3 > h))
        pending = r.random(n) < 0.3
        status = np.select(
            [~replied, ~resolved | reopened_open, h - last_res < 4 * DAY], [0, np.where(pending, 2, 1), 3], 4
        )
        events = np.stack(
            [
                created,
                np.where(replied, reply, 0),
                np.where(resolved, res1, 0),
                np.where(reopen1 <= h, reopen1, 0) * (reopen_n >= 1),
                np.where(res2 <= h, res2, 0) * (reopen_n >= 1),
                np.where(reopen2 <= h, reopen2, 0) * (reopen_n >= 2),
                np.where(res3 <= h, res3, 0) * (reopen_n >= 2),
            ]
        )
        updated = events.max(axis=0)
        assignee = np.where(~replied & (r.random(n) < 0.5), -1, cat["assignee"])
        order = np.lexsort((q_arr, created))
        day = date.fromordinal(ordinal).strftime("%Y%m%d")
        chan = [x.t.channel for x in w.queues]
        return ar.table(
            "tickets",
            {
                "ticket_id": ar.ids(f"T{day}", np.arange(n), 6),
                "channel": ar.take(pa.array(chan), q_arr[order]),
                "queue_id": ar.take(pa.array([x.queue_id for x in w.queues]), q_arr[order]),
                "customer_id": customer_ids(r.integers(0, w.n_active(ordinal), n)),
                "assignee_agent_id": ar.take(w.agent_ids, assignee[order]),
                "created_at": ar.ts(created[order]),
                "first_agent_reply_at": ar.ts(np.where(replied, reply, -1)[order]),
                "first_resolved_at": ar.ts(np.where(resolved, res1, -1)[order]),
                "last_resolved_at": ar.ts(np.where(resolved, last_res, -1)[order]),
                "status": ar.labels(TICKET_STATUS, status[order]),
                "reopen_count": ar.int32(np.where(resolved, reopens, 0)[order]),
                "updated_at": ar.ts(updated[order]),
            },
        )

    def _costs(self, ordinal: int, legs: dict[str, I64], sh: Shifts) -> pa.Table:
        w = self.w
        r = rng(w.seed, "costs", ordinal)
        sites = w.sites
        q_site = np.array([sites.index(q.site) for q in w.queues])
        is_voice = np.array([q.t.channel == "voice" for q in w.queues])
        minutes = (legs["disc"] - legs["init"]) / 60.0
        voice_min = np.bincount(
            q_site[legs["q"]], weights=minutes * is_voice[legs["q"]], minlength=len(sites)
        )
        digital = np.bincount(
            q_site[legs["q"]], weights=(~is_voice[legs["q"]]).astype(float), minlength=len(sites)
        )
        a_site = q_site[w.a_queue]
        scheduled = np.bincount(a_site[sh.agent], minlength=len(sites))
        employed = (w.a_hire <= ordinal) & (ordinal <= w.a_term)
        seats = np.bincount(a_site[employed], minlength=len(sites))
        noise = np.exp(r.normal(0, 0.03, (len(sites), 3)))
        amounts = (
            np.stack(
                [25 + 0.012 * voice_min + 0.03 * digital, 120 + 6.5 * scheduled, 300 + 11.0 * seats], axis=1
            )
            * noise
        )
        n = len(sites) * 3
        return ar.table(
            "costs",
            {
                "cost_date": ar.days(np.full(n, ordinal)),
                "site": pa.array([s for s in sites for _ in COST_CATEGORIES]),
                "category": pa.array([c for _ in sites for c in COST_CATEGORIES]),
                "amount": ar.float64(amounts.reshape(-1), 2),
            },
        )

    def _employee_surveys(self, ordinal: int) -> pa.Table:
        """Pulse surveys launched on the 1st and 15th of each month, answered over the next days."""
        w = self.w
        parts: dict[str, list[I64]] = {k: [] for k in ("agent", "launch", "t", "esat", "enps")}
        for back in range(5):
            launch = ordinal - back
            if date.fromordinal(launch).day not in (1, 15):
                continue
            r = rng(w.seed, "esurvey", launch)
            n = len(w.a_queue)
            active = (w.a_hire <= launch) & (launch <= w.a_term)
            responds = active & (r.random(n) < 0.35)
            delay = r.choice(5, n, p=[0.4, 0.25, 0.15, 0.12, 0.08])
            secs = r.integers(9 * 3600, 18 * 3600, n)
            esat = np.clip(np.round(3.6 + 0.7 * w.a_engage + r.normal(0, 0.6, n)), 1, 5)
            enps = np.clip(np.round(7.0 + 1.5 * w.a_engage + r.normal(0, 1.3, n)), 0, 10)
            sel = np.flatnonzero(responds & (delay == back))
            tz = [w.queues[int(w.a_queue[a])].t.tz for a in sel]
            local_mid = np.array([epoch(ordinal) - utc_offset(z, ordinal) for z in tz], dtype=np.int64)
            parts["agent"].append(sel)
            parts["launch"].append(np.full(len(sel), launch))
            parts["t"].append(local_mid + secs[sel])
            parts["esat"].append(esat[sel].astype(np.int64))
            parts["enps"].append(enps[sel].astype(np.int64))
        cat = {
            k: np.concatenate(v).astype(np.int64) if v else np.zeros(0, np.int64) for k, v in parts.items()
        }
        width = max(4, len(str(len(w.a_queue))))
        rid = [
            f"E{date.fromordinal(int(lo)).strftime('%Y%m%d')}-{int(a) + 1:0{width}d}"
            for lo, a in zip(cat["launch"], cat["agent"], strict=True)
        ]
        order = np.lexsort((cat["agent"], cat["t"]))
        return ar.table(
            "employee_surveys",
            {
                "response_id": pa.array(rid, pa.string()).take(pa.array(order)),
                "agent_id": ar.take(w.agent_ids, cat["agent"][order]),
                "responded_at": ar.ts(cat["t"][order]),
                "esat_score": ar.int32(cat["esat"][order]),
                "enps_score": ar.int32(cat["enps"][order]),
            },
        )


# ---------------------------------------------------------------------- helpers
def _states_table(
    w: World, spans: list[tuple[I64, I64, I64, I64]], sessions: tuple[I64, I64, I64]
) -> pa.Table:
    """Agent state spans: the given busy/break spans plus 'available' filling each session's gaps."""
    agent = np.concatenate([s[0] for s in spans]).astype(np.int64)
    start = np.concatenate([s[1] for s in spans]).astype(np.int64)
    end = np.concatenate([s[2] for s in spans]).astype(np.int64)
    code = np.concatenate([s[3] for s in spans]).astype(np.int64)
    s_agent, login, logout = sessions
    # session bounds per span (one session per agent and day)
    pos = np.full(len(w.a_queue), -1, dtype=np.int64)
    pos[s_agent] = np.arange(len(s_agent))
    order = np.lexsort((start, agent))
    agent, start, end, code = agent[order], start[order], end[order], code[order]
    first = np.r_[True, agent[1:] != agent[:-1]] if len(agent) else np.zeros(0, dtype=bool)
    last = np.r_[agent[1:] != agent[:-1], True] if len(agent) else np.zeros(0, dtype=bool)
    prev_end = np.where(first, login[pos[agent]], np.r_[0, end[:-1]] if len(end) else end)
    gap = start > prev_end
    tail = last & (logout[pos[agent]] > end)
    idle_agents = np.setdiff1d(s_agent, agent)
    ia = pos[idle_agents]
    a_all = np.concatenate([agent, agent[gap], agent[tail], idle_agents])
    s_all = np.concatenate([start, prev_end[gap], end[tail], login[ia]])
    e_all = np.concatenate([end, start[gap], logout[pos[agent[tail]]], logout[ia]])
    c_all = np.concatenate([code, np.full(int(gap.sum() + tail.sum()) + len(ia), ST_AVAILABLE)])
    keep = e_all > s_all
    a_all, s_all, e_all, c_all = a_all[keep], s_all[keep], e_all[keep], c_all[keep]
    order = np.lexsort((s_all, a_all))
    return ar.table(
        "agent_states",
        {
            "agent_id": ar.take(w.agent_ids, a_all[order]),
            "state": ar.labels(STATES, c_all[order]),
            "state_started_at": ar.ts(s_all[order]),
            "state_ended_at": ar.ts(e_all[order]),
        },
    )
