"""Workforce-planning helpers: Erlang C staffing requirement and greedy 8-hour shift placement."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from contact_center.demo.params import INTERVAL, SHIFT_SECONDS

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]


def erlang_agents(forecast: F64, aht: float, threshold: int, target: float) -> F64:
    """Agents needed per 30-minute interval for a service level target (Erlang C), vectorised."""
    load = forecast * aht / INTERVAL
    need = np.zeros(len(load))
    done = load <= 0
    inv_b = np.ones(len(load))  # 1 / ErlangB(n, load), recursively
    top = int(np.max(load) + 6 * math.sqrt(np.max(load)) + 12) if len(load) else 0
    safe = np.maximum(load, 1e-9)
    for n in range(1, top + 1):
        inv_b = 1 + inv_b * n / safe
        b = 1 / inv_b
        with np.errstate(divide="ignore", invalid="ignore"):
            c = n * b / (n - safe * (1 - b))
            sl = 1 - c * np.exp(-(n - safe) * threshold / aht)
        ok = ~done & (n > safe) & (sl >= target)
        need[ok] = n
        done |= ok
        if done.all():
            break
    need[~done] = top
    return need


def cover_shifts(req: I64) -> list[int]:
    """Greedy placement of 8-hour shifts (start interval indices) covering a requirement curve: each
    step adds one shift at the start whose 8 hours cover the most outstanding requirement."""
    n = len(req)
    per = SHIFT_SECONDS // INTERVAL
    cand = np.arange(max(n - per, 0) + 1)
    ends = np.minimum(cand + per, n)
    deficit = req.astype(np.int64).copy()
    starts: list[int] = []
    while (deficit > 0).any():
        pos = np.maximum(deficit, 0)
        cs = np.concatenate([[0], np.cumsum(pos)])
        s = int(np.argmax(cs[ends] - cs[cand]))
        deficit[s : ends[s]] -= 1
        starts.append(s)
    return sorted(starts)


ON_QUEUE_SHARE = 0.87  # share of a shift on queue (breaks, lunch, occasional meetings)


def required_staff(forecast: F64, aht: float, threshold: int, factor: F64 | float = 1.0) -> I64:
    """Scheduled agents needed per interval (Erlang C at 80 % service level, grossed up for breaks)."""
    need = erlang_agents(forecast, aht, threshold, 0.8)
    return np.maximum(np.ceil(need * factor / ON_QUEUE_SHARE), 1).astype(np.int64)
