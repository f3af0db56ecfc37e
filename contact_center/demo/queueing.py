"""Event-driven FCFS multi-server queue simulation of one day of all inbound (voice and chat) queues.

Every queue has its own agents; each agent has a list of on-queue windows separated by scheduled
breaks (break, lunch, meeting, training). Callers are processed in enqueue order across all queues;
each is offered the earliest agent that can still start within an on-queue window. A caller whose wait
would exceed their patience abandons; voice callers facing a long expected wait may instead request a
callback (a later leg that keeps its place in the queue); callers waiting beyond the queue's maximum
flow out; some abandoners redial. Answered voice legs may be transferred to another open voice queue,
creating a second leg handled by an agent of that queue. A break that falls during a contact starts
when the agent is free (so breaks are taken late, as in real adherence data).

This is the only per-contact Python loop of the generator; everything else is vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass
from heapq import heapify, heappop, heappush, heapreplace

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]

# Leg kinds and outcomes.
PLAN, TRANSFER, CALLBACK, REDIAL = 0, 1, 2, 3
HANDLED, TRANSFERRED, ABANDONED, FLOW_OUT, CALLBACK_REQ, DROPPED = range(6)
INF = 1 << 62

CALLBACK_EWT = 120  # a callback is offered when the expected wait exceeds this (voice only)
CALLBACK_ACCEPT = 0.3
REDIAL_AFTER_ABANDON = 0.3
REDIAL_AFTER_FLOW_OUT = 0.15


@dataclass(frozen=True)
class SimQueues:
    is_voice: list[bool]
    max_wait: list[int]
    xfer_p: list[float]
    weight: list[float]  # relative share of transfers a queue receives
    open: list[int]
    close: list[int]
    dyn_base: list[int]  # first pool slot of legs created during the day in each queue
    dyn_cap: list[int]


@dataclass(frozen=True)
class SimAgents:
    queue: list[int]
    win_start: list[list[int]]
    win_end: list[list[int]]
    gap_dur: list[list[int]]
    gap_type: list[list[int]]


@dataclass(frozen=True)
class Pools:
    """Pre-drawn per-slot attributes, flattened over queues (slot = queue's base + rank)."""

    span: list[int]  # connected -> disconnected (talk + hold)
    acw: list[int]
    alert: list[int]
    patience: list[int]
    u_xfer: list[float]
    u_target: list[float]
    u_cb: list[float]
    u_redial: list[float]
    u_delay: list[float]


@dataclass(frozen=True)
class SimResult:
    q: I64
    kind: I64
    parent: I64
    init: I64
    enq: I64
    slot: I64
    agent: I64  # sim agent index or -1
    conn: I64  # -1 if never connected
    disc: I64
    acw_end: I64  # -1 if no agent
    outcome: I64
    brk_agent: I64
    brk_type: I64
    brk_start: I64
    brk_end: I64
    logout: I64


def simulate(
    enq: list[int], q_of: list[int], slot_of: list[int], ident: list[bool], queues: SimQueues,
    agents: SimAgents, pools: Pools,
) -> SimResult:  # fmt: skip
    """Run the day. ``enq`` must be sorted; plan legs keep their input order in the result."""
    n = len(enq)
    nq = len(queues.is_voice)
    lq, lslot, lident = list(q_of), list(slot_of), list(ident)
    lkind, lparent, linit, lenq = [PLAN] * n, [-1] * n, [-1] * n, list(enq)
    r_agent, r_conn, r_disc, r_acw, r_out = [-1] * n, [-1] * n, [0] * n, [-1] * n, [HANDLED] * n

    span, acw, alert, pat_l = pools.span, pools.acw, pools.alert, pools.patience
    u_xfer, u_target, u_cb, u_redial, u_delay = (
        pools.u_xfer, pools.u_target, pools.u_cb, pools.u_redial, pools.u_delay,
    )  # fmt: skip
    is_voice, max_wait, xfer_p, weight = queues.is_voice, queues.max_wait, queues.xfer_p, queues.weight
    q_open, q_close = queues.open, queues.close
    dyn_base, dyn_cap = queues.dyn_base, queues.dyn_cap
    voice_q = [q for q in range(nq) if is_voice[q]]

    win_start, win_end, gap_dur, gap_type = agents.win_start, agents.win_end, agents.gap_dur, agents.gap_type
    na = len(agents.queue)
    cur_end = [w[0] for w in win_end]
    wptr = [0] * na
    logout = [-1] * na
    b_agent: list[int] = []
    b_type: list[int] = []
    b_start: list[int] = []
    b_end: list[int] = []
    heaps: list[list[tuple[int, int]]] = [[] for _ in range(nq)]
    for k in range(na):
        heaps[agents.queue[k]].append((win_start[k][0], k))
    for h in heaps:
        heapify(h)

    dyn: list[tuple[int, int]] = []
    dyn_ptr = [0] * nq

    def new_leg(q: int, kind: int, parent: int, init: int, at: int) -> int:
        leg = len(lq)
        lq.append(q)
        lslot.append(dyn_base[q] + dyn_ptr[q] % dyn_cap[q])
        dyn_ptr[q] += 1
        lident.append(lident[parent])
        lkind.append(kind)
        lparent.append(parent)
        linit.append(init)
        lenq.append(at)
        r_agent.append(-1)
        r_conn.append(-1)
        r_disc.append(0)
        r_acw.append(-1)
        r_out.append(HANDLED)
        heappush(dyn, (at, leg))
        return leg

    i = 0
    while True:
        if dyn and (i >= n or dyn[0][0] < enq[i]):
            t, leg = heappop(dyn)
        elif i < n:
            t = enq[i]
            leg = i
            i += 1
        else:
            break
        q = lq[leg]
        s = lslot[leg]
        kind = lkind[leg]
        heap = heaps[q]
        # Earliest agent able to start within an on-queue window; others move on to their next window.
        while heap:
            f, k = heap[0]
            ce = cur_end[k]
            if (f if f > t else t) < ce:
                break
            bs = f if f > ce else ce
            j = wptr[k] + 1
            ws = win_start[k]
            if j >= len(ws):
                heappop(heap)
                logout[k] = bs
                continue
            be = bs + gap_dur[k][j - 1]
            if be < ws[j]:
                be = ws[j]
            b_agent.append(k)
            b_type.append(gap_type[k][j - 1])
            b_start.append(bs)
            b_end.append(be)
            wptr[k] = j
            cur_end[k] = win_end[k][j]
            heapreplace(heap, (be, k))
        if heap:
            f, k = heap[0]
            ans = (f if f > t else t) + alert[s]
            wait = ans - t
        else:
            k = -1
            ans = wait = INF
        if kind == CALLBACK:
            pat = INF
        elif kind == TRANSFER:
            pat = 2 * pat_l[s]
        else:
            pat = pat_l[s]

        if (
            wait > CALLBACK_EWT
            and is_voice[q]
            and kind in (PLAN, REDIAL)
            and lident[leg]
            and u_cb[s] < CALLBACK_ACCEPT
        ):
            rq = 30 + int(u_delay[s] * 40)
            if pat > rq:
                end = t + rq
                r_disc[leg] = end
                r_out[leg] = CALLBACK_REQ
                new_leg(q, CALLBACK, leg, end, end)
                continue

        if k >= 0 and wait <= pat:
            disc = ans + span[s]
            ac = acw[s]
            out = HANDLED
            if kind != TRANSFER and u_xfer[s] < xfer_p[q]:
                targets = [x for x in voice_q if x != q and q_open[x] <= disc < q_close[x] - 600]
                if targets:
                    out = TRANSFERRED
                    ac //= 3
                    pick = u_target[s] * sum(weight[x] for x in targets)
                    for target in targets:
                        pick -= weight[target]
                        if pick < 0:
                            break
                    new_leg(target, TRANSFER, leg, disc, disc)
            done = disc + ac
            heapreplace(heap, (done, k))
            r_agent[leg] = k
            r_conn[leg] = ans
            r_disc[leg] = disc
            r_acw[leg] = done
            r_out[leg] = out
            continue

        if kind == CALLBACK:
            r_disc[leg] = t + 60
            r_out[leg] = DROPPED
            continue
        mw = max_wait[q]
        if wait > mw and pat > mw:
            end = t + mw
            r_out[leg] = FLOW_OUT
            redial = kind == PLAN and u_redial[s] < REDIAL_AFTER_FLOW_OUT
        else:
            end = t + pat
            r_out[leg] = ABANDONED
            redial = kind == PLAN and u_redial[s] < REDIAL_AFTER_ABANDON
        r_disc[leg] = end
        if redial:
            again = end + 60 + int(u_delay[s] * 1500)
            if again < q_close[q] - 300:
                new_leg(q, REDIAL, leg, again, again + 20 + int(u_delay[s] * 30))

    # Agents still logged in finish their remaining windows idle.
    for q in range(nq):
        for f, k in heaps[q]:
            while True:
                ce = cur_end[k]
                bs = f if f > ce else ce
                j = wptr[k] + 1
                ws = win_start[k]
                if j >= len(ws):
                    logout[k] = bs
                    break
                be = bs + gap_dur[k][j - 1]
                if be < ws[j]:
                    be = ws[j]
                b_agent.append(k)
                b_type.append(gap_type[k][j - 1])
                b_start.append(bs)
                b_end.append(be)
                wptr[k] = j
                cur_end[k] = win_end[k][j]
                f = be

    def a(x: list[int]) -> I64:
        return np.array(x, dtype=np.int64)

    return SimResult(
        q=a(lq), kind=a(lkind), parent=a(lparent), init=a(linit), enq=a(lenq), slot=a(lslot),
        agent=a(r_agent), conn=a(r_conn), disc=a(r_disc), acw_end=a(r_acw), outcome=a(r_out),
        brk_agent=a(b_agent), brk_type=a(b_type), brk_start=a(b_start), brk_end=a(b_end), logout=a(logout),
    )  # fmt: skip
