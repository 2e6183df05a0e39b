"""The canonical order (model/canonical.py) copies a reordered consortium field by field:
the copy must be the consortium ``attrs.evolve`` would build, derived leads included."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from medconsortium.model.canonical import _consortium
from medconsortium.model.consortia import (
    Change,
    Consortium,
    ConsortiumKind,
    Filing,
    Governance,
    Link,
    MemberRole,
    Membership,
)

MEMBERS = st.lists(
    st.builds(
        Membership,
        st.sampled_from(["h1", "h2", "h3", "t1", "t2", "v1"]),
        st.sampled_from(list(MemberRole)),
        st.sampled_from([None, dt.date(2019, 1, 1)]),
    ),
    max_size=6,
)
LINKS = st.lists(
    st.builds(Link, st.sampled_from(["pairs_with", "guides"]), st.sampled_from(["c2", "h9", "c3"])),
    max_size=3,
)
CHANGES = st.lists(
    st.builds(
        Change,
        st.sampled_from([dt.date(2020, 1, 1), dt.date(2019, 5, 1)]),
        st.sampled_from(["merged", "renamed"]),
    ),
    max_size=3,
)


@settings(max_examples=200, deadline=None)
@given(members=MEMBERS, links=LINKS, changes=CHANGES, formed=st.sampled_from([None, dt.date(2018, 1, 1)]))
def test_a_reordered_consortium_is_the_one_evolve_builds(
    members: list[Membership], links: list[Link], changes: list[Change], formed: dt.date | None
) -> None:
    cons = Consortium(
        "c1",
        "医共体",
        ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
        "320612",
        tuple(members),
        grid=frozenset({"镇"}),
        formed=formed,
        governance=Governance(facts={"charter": True}),
        filing=Filing(filed=dt.date(2019, 3, 1)),
        changes=tuple(changes),
        links=tuple(links),
        name_en="Community",
    )
    ordered = _consortium(cons)  # one consortium's part of canonical()
    expected = attrs.evolve(
        cons,
        members=tuple(sorted(cons.members, key=lambda m: m.institution)),
        links=tuple(sorted(cons.links, key=lambda link: (link.relation, link.target))),
        changes=tuple(sorted(cons.changes, key=lambda c: (c.date, c.description))),
    )
    assert ordered == expected
    assert (ordered is cons) == (expected == cons)  # itself when already in order
    assert ordered.leads == expected.leads  # derived, and not compared by ==
    assert [getattr(ordered, a.name) for a in attrs.fields(Consortium)] == [
        getattr(expected, a.name) for a in attrs.fields(Consortium)
    ]
