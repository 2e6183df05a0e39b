"""RuleContext.consortia answers each question once per pass: whatever rules ask, and in
whatever order, each answer must be the consortia of those kinds, active that day or not,
inside the jurisdiction, in the network's order."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from medconsortium.model.consortia import Consortium, ConsortiumKind, MemberRole, Membership
from medconsortium.model.institutions import Institution, InstitutionLevel, InstitutionType, Ownership
from medconsortium.model.jurisdictions import Jurisdiction, Level
from medconsortium.model.labels import Label
from medconsortium.model.network import Network
from medconsortium.policy.rules import RuleContext

DAY = dt.date(2024, 3, 1)
KINDS = list(ConsortiumKind)
DIVISIONS = ["320612", "320613", "340202"]  # two counties of Nantong, one of Wuhu
NANTONG = Jurisdiction("320600", "nantong", Label("南通市", "Nantong"), Level.CITY, parent="320000")
DATES = st.sampled_from([None, dt.date(2020, 1, 1), dt.date(2024, 3, 1), dt.date(2025, 1, 1)])
CONSORTIA = st.lists(
    st.tuples(st.sampled_from(KINDS), st.sampled_from(DIVISIONS), DATES, DATES).filter(
        lambda c: c[2] is None or c[3] is None or c[2] <= c[3]
    ),
    max_size=6,
)
ASKS = st.lists(
    st.tuples(st.lists(st.sampled_from(KINDS), max_size=2, unique=True), st.booleans()),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(consortia=CONSORTIA, asks=ASKS)
def test_each_answer_is_what_a_fresh_look_finds(
    consortia: list[tuple[ConsortiumKind, str, dt.date | None, dt.date | None]],
    asks: list[tuple[list[ConsortiumKind], bool]],
) -> None:
    hospitals = tuple(
        Institution(f"h{d}", "医院", InstitutionLevel.SECONDARY, InstitutionType.GENERAL_HOSPITAL,
                    Ownership.GOVERNMENT, d)
        for d in DIVISIONS
    )  # fmt: skip
    built = tuple(
        Consortium(f"c{n}", "医联体", kind, division, (Membership(f"h{division}", MemberRole.LEAD),),
                   formed=formed, dissolved=dissolved)
        for n, (kind, division, formed, dissolved) in enumerate(consortia)
    )  # fmt: skip
    ctx = RuleContext(Network(hospitals, built), NANTONG, DAY)
    for kinds, active in asks + asks:  # each question asked twice
        expected = [
            c.id
            for c in built
            if c.division.startswith("3206")
            and (not kinds or c.kind in kinds)
            and (not active or c.active_on(DAY))
        ]
        assert sorted(c.id for c in ctx.consortia(*kinds, active=active)) == sorted(expected)
