"""PwC "Call Centre Trends" through the real-data CLI, checked against plain Python over the source file."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from tests.real_warehouses import DATA, Warehouse, real_warehouse

SOURCE = DATA / "pwc_call_center" / "call_center_dataset.csv"
AGENT = "Diane"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pwc(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    return real_warehouse(request, tmp_path_factory, "pwc")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with SOURCE.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_every_call_is_landed_or_quarantined(pwc: Warehouse, rows: list[dict[str, str]]) -> None:
    landed = {r[0] for r in pwc.query("select contact_id from raw.contacts")}
    held = pwc.scalar(
        "select count(*) from raw.quarantine where source_file = 'pwc_call_center/call_center_dataset.csv'"
    )
    assert len(rows) == 5_000 == len(landed) + held
    assert held == 0
    assert landed == {r["Call Id"] for r in rows}
    rated = sum(1 for r in rows if r["Satisfaction rating"])
    assert pwc.scalar("select count(*) from raw.surveys") == rated == 4_054


def test_guard_admits_every_call(pwc: Warehouse) -> None:
    """Unanswered calls have no end time in the source; they must reach the marts all the same.

    Needs guard/rules.yml contacts.missing_required to accept a null disconnected_at on a leg that was
    never connected (its abandon time is unknown, which is not a broken record).
    """
    held = pwc.query(
        "select reason_code, count(*) from raw.quarantine where source_file like 'contacts/%' group by 1"
    )
    assert held == [], "the guard held back adapted calls (see the docstring)"
    assert pwc.scalar("select count(*) from marts.fct_contacts") == 5_000


def test_answer_rate_and_csat_for_one_agent(pwc: Warehouse, rows: list[dict[str, str]]) -> None:
    mine = [r for r in rows if r["Agent"] == AGENT]
    answered = sum(r["Answered (Y/N)"] == "Y" for r in mine)
    ratings = [int(r["Satisfaction rating"]) for r in mine if r["Satisfaction rating"]]
    got = pwc.dicts(
        f"""
        select
            count(*) filter (where is_offered) as offered,
            count(*) filter (where is_answered) as answered,
            count(s.score) as responses,
            count(*) filter (where s.score >= 4) as top_box
        from marts.fct_contacts as c
        left join staging.stg_surveys__responses as s on c.contact_id = s.contact_id
        where c.agent_id = '{AGENT}'
        """
    )[0]
    assert got["offered"] == len(mine) == 633
    assert got["answered"] / got["offered"] == pytest.approx(answered / len(mine))
    assert got["responses"] == len(ratings)
    assert got["top_box"] / got["responses"] == pytest.approx(sum(s >= 4 for s in ratings) / len(ratings))


def test_queue_access_matches_source(pwc: Warehouse, rows: list[dict[str, str]]) -> None:
    by_month: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_month[r["Date"][:7]].append(r)
    got = {
        m: (o, a, ab, w, h, t)
        for m, o, a, ab, w, h, t in pwc.query(
            "select strftime(date_day, '%Y-%m'), sum(offered), sum(answered), sum(abandoned), "
            "sum(wait_seconds_answered), sum(handled), sum(talk_seconds) "
            "from marts.fct_agent_queue_daily group by 1"
        )
    }
    for month, calls in by_month.items():
        ans = [r for r in calls if r["Answered (Y/N)"] == "Y"]
        wait = sum(int(r["Speed of answer in seconds"]) for r in ans)
        talk = 0
        for r in ans:
            h, m, s = (int(x) for x in r["AvgTalkDuration"].split(":"))
            talk += h * 3600 + m * 60 + s
        offered, answered, abandoned, wait_got, handled, talk_got = got[month]
        assert (offered, answered, abandoned, handled) == (
            len(calls),
            len(ans),
            len(calls) - len(ans),
            len(ans),
        )
        assert wait_got / answered == pytest.approx(wait / len(ans))  # ASA
        assert talk_got / handled == pytest.approx(talk / len(ans))  # mean talk


def test_unknown_waits_stay_null(pwc: Warehouse) -> None:
    """An unanswered call's wait is unknown: null in the facts, never 0."""
    unanswered = pwc.dicts(
        "select count(*) as calls, count(wait_seconds) as waits, count(disconnected_at) as ends "
        "from marts.fct_contacts where not is_answered"
    )[0]
    assert unanswered == {"calls": 946, "waits": 0, "ends": 0}
    raw = pwc.dicts(
        "select count(customer_id) as customer, count(hold_seconds) as hold, count(acw_ended_at) as acw, "
        "count(disconnect_reason) as reason from raw.contacts"
    )[0]
    assert raw == dict.fromkeys(raw, 0)
    assert pwc.scalar("select count(responded_at) from raw.surveys") == 0


def test_average_abandon_time_is_null(pwc: Warehouse) -> None:
    rows = pwc.query("select avg_abandon_seconds from marts.kpi_queue_daily where abandoned > 0")
    assert rows, "no abandoned calls reached the marts"
    assert {r[0] for r in rows} == {None}


def test_hold_and_acw_kpis_are_null(pwc: Warehouse) -> None:
    rows = pwc.query("select hold_rate, avg_acw_seconds from marts.kpi_queue_daily where handled > 0")
    assert rows
    assert {v for r in rows for v in r} == {None}
