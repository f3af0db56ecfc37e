"""Static parameters of the demo contact center: queue catalogue, opening hours, arrival curves.

Everything here is plain data; the random parts of the simulation live in ``world`` (reference
data) and ``day`` (one local day of activity).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]

REASONS = ("BILLING", "TECH", "SALES", "ACCOUNT", "OTHER")
SALES_REASON = 2

# Agent-state codes; 3..6 double as the codes of scheduled off-queue activities.
STATES = ("available", "on_contact", "acw", "break", "lunch", "training", "meeting")
ST_AVAILABLE, ST_ON_CONTACT, ST_ACW, ST_BREAK, ST_LUNCH, ST_TRAINING, ST_MEETING = range(7)
ACTIVITIES = ("on_queue", "break", "lunch", "training", "meeting", "time_off")

SITES = {"America/New_York": "New York", "Europe/London": "London"}
SITE_CODES = {"New York": "NYC", "London": "LON"}

SHIFT_SECONDS = 8 * 3600
INTERVAL = 1800

# Volume mix, as fractions of --contacts-per-day.
OUTBOUND_SHARE = 0.12  # outbound dial attempts (when an outbound campaign queue exists)
TICKET_SHARE = 0.04  # help-desk tickets (not contacts) per day
TICKET_HANDLE = 420.0  # agent seconds per ticket
TICKETS_PER_SHIFT = 7 * 3600 * 0.8 / TICKET_HANDLE
ATTEMPTS_PER_SHIFT = 200.0  # outbound dial attempts per 8-hour shift
WEB_ORDER_SHARE = 0.08  # orders placed without a contact
# Expected extra inbound legs per planned first contact: repeats, transfers, callbacks, redials.
CHILD_LEGS = 0.19

# Weekday volume factors (Mon..Sun), each averaging 1 over a week except outbound (no Sundays).
WEEKDAY = {
    "voice": (1.22, 1.10, 1.05, 1.03, 0.98, 0.85, 0.77),
    "chat": (1.10, 1.05, 1.00, 1.00, 1.00, 0.95, 0.90),
    "ticket": (1.15, 1.10, 1.05, 1.00, 0.95, 0.90, 0.85),
    "outbound": (1.10, 1.10, 1.10, 1.10, 1.00, 0.60, 0.0),
}


@dataclass(frozen=True)
class QueueTemplate:
    """One queue of the catalogue; the first ``--queues`` of them are used."""

    name: str
    short: str
    channel: str  # voice, chat, email, social
    role: str  # inbound (simulated), outbound (dialer campaign), ticket (help desk)
    tz: str
    weight: float  # share of its role's volume
    talk_median: float = 0.0  # seconds
    talk_sigma: float = 0.0
    hold_prob: float = 0.0
    hold_mean: float = 0.0
    acw_mean: float = 0.0
    patience_mean: float = 0.0
    transfer_prob: float = 0.0
    resolve_prob: float = 0.0
    reasons: tuple[float, float, float, float, float] = (0.2, 0.2, 0.2, 0.2, 0.2)
    csat_scale: tuple[int, int] = (1, 5)

    @property
    def sl_threshold(self) -> int:
        return {"voice": 20, "chat": 60}.get(self.channel, 3600) if self.role != "outbound" else 20

    @property
    def aht(self) -> float:
        """Expected handle time (talk + hold + after-contact work) in seconds."""
        talk = self.talk_median * math.exp(self.talk_sigma**2 / 2)
        return talk + self.hold_prob * 1.4 * self.hold_mean + self.acw_mean


NY = "America/New_York"
LON = "Europe/London"

CATALOGUE: tuple[QueueTemplate, ...] = (
    # name, short, channel, role, zone, weight;
    # talk median (s), talk sigma, hold probability, mean hold (s), mean ACW (s), mean patience (s),
    # transfer probability, resolve probability; contact-reason mix; CSAT scale
    QueueTemplate(
        "Billing",
        "BIL",
        "voice",
        "inbound",
        NY,
        0.24,
        180,
        0.55,
        0.25,
        45,
        30,
        150,
        0.07,
        0.80,
        (0.70, 0.04, 0.04, 0.14, 0.08),
        (1, 5),
    ),
    QueueTemplate(
        "Tech Support",
        "TEC",
        "voice",
        "inbound",
        LON,
        0.20,
        250,
        0.60,
        0.30,
        60,
        40,
        180,
        0.08,
        0.70,
        (0.05, 0.78, 0.02, 0.08, 0.07),
        (1, 10),
    ),
    QueueTemplate(
        "Web Chat",
        "CHT",
        "chat",
        "inbound",
        LON,
        0.12,
        280,
        0.60,
        0.0,
        0,
        20,
        300,
        0.0,
        0.75,
        (0.25, 0.30, 0.15, 0.15, 0.15),
        (1, 3),
    ),
    QueueTemplate(
        "Outbound Sales",
        "OUT",
        "voice",
        "outbound",
        NY,
        1.0,
        170,
        0.65,
        0.05,
        40,
        40,
        0,
        0.0,
        0.0,
        (0.0, 0.0, 1.0, 0.0, 0.0),
        (1, 5),
    ),
    QueueTemplate("Email Support", "EML", "email", "ticket", LON, 0.7),
    QueueTemplate(
        "Sales",
        "SAL",
        "voice",
        "inbound",
        NY,
        0.14,
        210,
        0.60,
        0.15,
        45,
        35,
        200,
        0.05,
        0.78,
        (0.05, 0.03, 0.78, 0.08, 0.06),
        (1, 7),
    ),
    QueueTemplate(
        "General Enquiries",
        "GEN",
        "voice",
        "inbound",
        LON,
        0.14,
        150,
        0.55,
        0.15,
        40,
        25,
        140,
        0.10,
        0.74,
        (0.20, 0.20, 0.15, 0.25, 0.20),
        (1, 5),
    ),
    QueueTemplate("Social Care", "SOC", "social", "ticket", NY, 0.3),
    QueueTemplate(
        "Retention",
        "RET",
        "voice",
        "inbound",
        NY,
        0.06,
        330,
        0.55,
        0.30,
        60,
        50,
        220,
        0.04,
        0.65,
        (0.15, 0.05, 0.10, 0.60, 0.10),
        (1, 10),
    ),
    QueueTemplate(
        "Chat US",
        "CUS",
        "chat",
        "inbound",
        NY,
        0.08,
        320,
        0.60,
        0.0,
        0,
        25,
        300,
        0.0,
        0.76,
        (0.30, 0.25, 0.20, 0.15, 0.10),
        (1, 5),
    ),
    QueueTemplate(
        "Premium Support",
        "PRM",
        "voice",
        "inbound",
        NY,
        0.07,
        280,
        0.55,
        0.30,
        60,
        45,
        240,
        0.06,
        0.82,
        (0.20, 0.50, 0.05, 0.20, 0.05),
        (1, 7),
    ),
    QueueTemplate(
        "Collections",
        "COL",
        "voice",
        "inbound",
        LON,
        0.05,
        240,
        0.55,
        0.20,
        50,
        40,
        130,
        0.05,
        0.60,
        (0.80, 0.0, 0.0, 0.15, 0.05),
        (1, 5),
    ),
)


def queue_templates(n: int) -> list[QueueTemplate]:
    """The first ``n`` queues; beyond the catalogue, extra inbound voice overflow queues alternate sites."""
    out = list(CATALOGUE[:n])
    for i in range(len(CATALOGUE), n):
        k = i - len(CATALOGUE) + 1
        out.append(
            QueueTemplate(
                f"Overflow {k}", f"O{k:02d}"[-3:], "voice", "inbound", (NY, LON)[k % 2], 0.04, 200, 0.55, 0.2,
                50, 35, 150, 0.05, 0.75, (0.25, 0.25, 0.15, 0.2, 0.15), ((1, 5), (1, 10), (1, 7))[k % 3],
            )
        )  # fmt: skip
    return out


def open_hours(role: str, channel: str, weekday: int) -> tuple[int, int] | None:
    """Local opening hours (start, end) of a queue on a weekday (0 = Monday); None when closed."""
    if role == "outbound":
        return (9, 19) if weekday < 5 else ((10, 18) if weekday == 5 else None)
    if role == "ticket":  # agent hours; tickets themselves arrive around the clock
        return (8, 20) if weekday < 5 else (9, 17)
    if channel == "chat":
        return (8, 22) if weekday < 5 else ((9, 18) if weekday == 5 else (10, 18))
    return (8, 20) if weekday < 5 else ((9, 18) if weekday == 5 else (10, 18))


def intraday_shape(role: str, channel: str, weekday: int, hours: F64) -> F64:
    """Relative arrival rate at local clock times ``hours`` (double-peaked during the day)."""
    if role == "ticket":
        return 0.15 + np.exp(-(((hours - 11.0) / 3.0) ** 2)) + 0.6 * np.exp(-(((hours - 20.0) / 2.5) ** 2))
    if channel == "chat":
        return 0.3 + 0.7 * np.exp(-(((hours - 12.5) / 2.0) ** 2)) + np.exp(-(((hours - 19.5) / 1.8) ** 2))
    if weekday >= 5:
        return 0.5 + np.exp(-(((hours - 12.5) / 2.5) ** 2))
    return 0.6 + np.exp(-(((hours - 10.5) / 2.0) ** 2)) + 0.8 * np.exp(-(((hours - 14.5) / 2.2) ** 2))


def weekday_factor(role: str, channel: str, weekday: int) -> float:
    key = role if role in ("ticket", "outbound") else ("chat" if channel == "chat" else "voice")
    return WEEKDAY[key][weekday]


FIRST_NAMES = (
    "Aisha", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jamal", "Kate", "Liam",
    "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Will", "Xena",
    "Yusuf", "Zoe", "Amir", "Bea", "Chris", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jade",
)  # fmt: skip
LAST_NAMES = (
    "Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jones", "Khan",
    "Lopez", "Murphy", "Nguyen", "Okafor", "Patel", "Quist", "Rossi", "Smith", "Taylor", "Usman",
    "Varga", "Walsh", "Xu", "Young", "Zimmer", "Brown", "Clarke", "Novak", "Silva",
)  # fmt: skip
SEGMENTS = ("consumer", "small_business", "enterprise", "vip")
SEGMENT_P = (0.70, 0.20, 0.07, 0.03)
