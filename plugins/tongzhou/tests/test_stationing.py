"""Stationed staff (四（三）5): cover all year, posting length, and the lead left out."""

from __future__ import annotations

import datetime as dt

import pytest
from medconsortium import InstitutionType
from medconsortium import Network
from medconsortium import Registry
from medconsortium import Secondment
from medconsortium import Title
from medconsortium_tongzhou.stationing import add_months
from medconsortium_tongzhou.stationing import long_enough
from medconsortium_tongzhou.testing import basic_network
from medconsortium_tongzhou.testing import community
from medconsortium_tongzhou.testing import findings
from medconsortium_tongzhou.testing import inst
from medconsortium_tongzhou.testing import statuses

COVER = "tongzhou.stationed_staff"
LENGTH = "tongzhou.posting_length"
D = dt.date


def post(
    to: str,
    start: dt.date,
    end: dt.date | None,
    title: Title = Title.INTERMEDIATE,
    frm: str = "h",
    person: str = "staff-a",
) -> Secondment:
    return Secondment(person, title, frm, to, start, end)


def full_year(to: str) -> list[Secondment]:
    return [
        post(to, D(2025, 1, 1), D(2025, 6, 30), person=f"{to}-1"),
        post(to, D(2025, 7, 1), D(2025, 12, 31), Title.ASSOCIATE_SENIOR, person=f"{to}-2"),
    ]


def test_centres_covered_all_year_pass(registry: Registry) -> None:
    net = basic_network(secondments=full_year("c1") + full_year("c2"))
    # The village clinic v1 is not a centre: only c1 and c2 are asked.
    assert statuses(findings(registry, net, COVER)) == {("c1",): "pass", ("c2",): "pass"}


def test_gap_in_the_year_fails_and_says_where(registry: Registry) -> None:
    gap = [post("c1", D(2025, 1, 1), D(2025, 6, 30)), post("c1", D(2025, 8, 1), None)]
    net = basic_network(secondments=gap + full_year("c2"))
    by_subject = {f.subjects: f for f in findings(registry, net, COVER)}
    assert by_subject[("c1",)].status.value == "fail"
    assert "2025-07-01–2025-07-31" in by_subject[("c1",)].message.zh
    assert by_subject[("c1",)].measured == "31 days uncovered"
    assert by_subject[("c2",)].status.value == "pass"


@pytest.mark.parametrize(
    "wrong",
    [
        post("c1", D(2025, 1, 1), D(2025, 12, 31), Title.JUNIOR),  # title below intermediate
        post("c1", D(2025, 1, 1), D(2025, 12, 31), frm="other"),  # not from the lead
        post("c1", D(2024, 1, 1), D(2024, 12, 31)),  # not in the assessed year
    ],
)
def test_no_qualifying_cover_fails(registry: Registry, wrong: Secondment) -> None:
    other = inst("other", InstitutionType.GENERAL_HOSPITAL)
    net = basic_network(secondments=[wrong, *full_year("c2")], extra=[other])
    assert statuses(findings(registry, net, COVER))[("c1",)] == "fail"


def test_centre_without_any_record_fails_when_records_exist(registry: Registry) -> None:
    net = basic_network(secondments=full_year("c2"))
    assert statuses(findings(registry, net, COVER)) == {("c1",): "fail", ("c2",): "pass"}


def test_no_secondment_records_is_not_assessable(registry: Registry) -> None:
    net = basic_network()
    assert statuses(findings(registry, net, COVER)) == {("c1",): "not_assessable", ("c2",): "not_assessable"}


def test_cover_is_checked_up_to_the_date(registry: Registry) -> None:
    net = basic_network(secondments=[post("c1", D(2025, 1, 1), D(2025, 6, 30)), *full_year("c2")])
    assert statuses(findings(registry, net, COVER, as_of=D(2025, 6, 30)))[("c1",)] == "pass"
    assert statuses(findings(registry, net, COVER, as_of=D(2025, 7, 1)))[("c1",)] == "fail"


def test_the_lead_centre_is_not_stationed_at_itself(registry: Registry) -> None:
    # 平潮区域性医共体: a central township health centre leads; it is not a subject.
    lead = inst("pc", InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE)
    net = Network(
        (lead, inst("m1")),
        (community("p", "pc", ["m1"]),),
        tuple(post("m1", s, e, frm="pc") for s, e in ((D(2025, 1, 1), D(2025, 12, 31)),)),
    )
    assert statuses(findings(registry, net, COVER)) == {("m1",): "pass"}


def test_posting_length(registry: Registry) -> None:
    ok = full_year("c1")
    short = [post("c2", D(2025, 1, 1), D(2025, 3, 31)), post("c2", D(2025, 4, 1), D(2025, 12, 31))]
    found = {f.subjects: f for f in findings(registry, basic_network(secondments=ok + short), LENGTH)}
    assert found[("c1",)].status.value == "pass"
    assert found[("c2",)].status.value == "fail"
    assert "2025-01-01–2025-03-31" in found[("c2",)].message.zh


def test_open_posting_under_six_months_is_not_assessable(registry: Registry) -> None:
    running = [post("c1", D(2025, 9, 1), None)]
    assert statuses(findings(registry, basic_network(secondments=running), LENGTH)) == {
        ("c1",): "not_assessable"
    }
    long_running = [post("c1", D(2025, 3, 1), None)]
    assert statuses(findings(registry, basic_network(secondments=long_running), LENGTH)) == {("c1",): "pass"}


def test_a_posting_still_running_on_the_day_is_not_a_short_posting(registry: Registry) -> None:
    # Planned to end 2026-02-28 (4 months), but still running on 2025-12-31: not short yet.
    planned = [post("c1", D(2025, 11, 1), D(2026, 2, 28))]
    assert statuses(findings(registry, basic_network(secondments=planned), LENGTH)) == {
        ("c1",): "not_assessable"
    }
    # Asked after it ended, it was short.
    after = findings(registry, basic_network(secondments=planned), LENGTH, as_of=D(2026, 3, 31))
    assert statuses(after) == {("c1",): "fail"}


def test_no_postings_leaves_length_not_assessable(registry: Registry) -> None:
    assert statuses(findings(registry, basic_network(), LENGTH)) == {("320612",): "not_assessable"}


def test_messages_never_show_staff_keys(registry: Registry) -> None:
    net = basic_network(secondments=[post("c1", D(2025, 1, 1), D(2025, 2, 1), person="secret-key-7")])
    for rule in (COVER, LENGTH):
        for f in findings(registry, net, rule):
            assert "secret-key-7" not in f.message.zh + f.message.en + (f.measured or "")


@pytest.mark.parametrize(
    ("start", "last", "ok"),
    [
        (D(2025, 1, 1), D(2025, 6, 30), True),
        (D(2025, 1, 1), D(2025, 6, 29), False),
        (D(2024, 8, 31), D(2025, 2, 27), True),  # six months from 31 August end on 28 February
        (D(2024, 8, 31), D(2025, 2, 26), False),
    ],
)
def test_six_months(start: dt.date, last: dt.date, ok: bool) -> None:
    assert long_enough(start, last) is ok


def test_add_months_crosses_the_year() -> None:
    assert add_months(D(2025, 10, 15), 6) == D(2026, 4, 15)
