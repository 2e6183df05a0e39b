"""The direct builders (io/direct.py) take only what the strict converter takes, and give the
same object: for any mapping, either the converter refuses it and the builder leaves it to
the converter (None), or both build equal objects."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medconsortium import Institution
from medconsortium.io import converter as converter_module
from medconsortium.io import direct
from medconsortium.model.consortia import Consortium, Membership

# Values of every type a YAML or JSON file can give, the right ones among them.
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 400000),
    st.floats(allow_nan=True),
    st.sampled_from(["", "h1", "县医院", "320612", "130123", "2020-01-01", "2020-13-01", "20200101"]),
    st.sampled_from(["secondary", "tertiary", "county_hospital", "village_clinic", "government"]),
    st.sampled_from(["private", "A", "B", "lead", "member", "chest_pain_centre", "Lead"]),
    st.just(dt.date(2020, 1, 1)),
    st.just(dt.datetime(2020, 1, 1, 8, 0)),
    st.lists(st.sampled_from(["chest_pain_centre", "stroke_centre", 7, None]), max_size=3),
    st.just({"a": 1}),
    st.just(("x",)),
)
INSTITUTION_KEYS = [
    "id", "name", "level", "type", "ownership", "division", "township", "grade",
    "provincially_administered", "name_en", "capabilities", "colour",
]  # fmt: skip
GOOD_INSTITUTION = {
    "id": "h1",
    "name": "县医院",
    "level": "secondary",
    "type": "county_hospital",
    "ownership": "government",
    "division": "320612",
}


def _through_cattrs(monkeypatch: pytest.MonkeyPatch, data: Any, cls: type) -> Any:
    """What the converter alone makes of ``data``: the object, or the exception."""
    monkeypatch.setattr(direct, "institution", lambda value: None)
    monkeypatch.setattr(direct, "membership", lambda value: None)
    monkeypatch.setattr(direct, "consortium", lambda value: None)
    plain = converter_module.make_converter()
    try:
        return plain.structure(data, cls)
    except Exception as exc:  # every refusal counts the same here
        return exc


@settings(max_examples=150, deadline=None)
@given(
    changes=st.dictionaries(st.sampled_from(INSTITUTION_KEYS), ANY_VALUE, max_size=5),
    dropped=st.sets(st.sampled_from(list(GOOD_INSTITUTION)), max_size=2),
)
def test_an_institution_is_built_as_the_converter_builds_it(
    changes: dict[str, Any], dropped: set[str]
) -> None:
    data = {k: v for k, v in {**GOOD_INSTITUTION, **changes}.items() if k not in dropped}
    built = direct.institution(data)
    with pytest.MonkeyPatch.context() as monkeypatch:
        expected = _through_cattrs(monkeypatch, data, Institution)
    if built is not None:
        assert built == expected
        assert type(built.division) is str
    else:  # left to the converter, which may still accept it (a str subclass, say)
        assert isinstance(expected, Exception | Institution)


@settings(max_examples=150, deadline=None)
@given(
    data=st.one_of(
        ANY_VALUE,
        st.dictionaries(st.sampled_from(["institution", "role", "joined", "left", "rank"]), ANY_VALUE),
    )
)
def test_a_membership_is_built_as_the_converter_builds_it(data: Any) -> None:
    built = direct.membership(data)
    with pytest.MonkeyPatch.context() as monkeypatch:
        expected = _through_cattrs(monkeypatch, data, Membership)
    if built is not None:
        assert built == expected


def test_the_usual_institution_is_built_directly() -> None:
    built = direct.institution({**GOOD_INSTITUTION, "division": 320612, "capabilities": ["a", "b"]})
    assert built is not None
    assert (built.division, built.capabilities) == ("320612", frozenset({"a", "b"}))
    assert direct.institution({**GOOD_INSTITUTION, "colour": "red"}) is None


# Institutions as a province's file lists them: runs of the same level, division, type and
# ownership, broken by other values, wrong ones among them (an empty string, a level that
# is no level), and now and then a township or an optional field.
ONE_OF_A_RUN = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["h1", "h2", "t1"]),
        "name": st.just("卫生院"),
        "level": st.sampled_from(["secondary", "secondary", "primary", "", "high"]),
        "type": st.sampled_from(["county_hospital", "county_hospital", "township_health_centre", ""]),
        "ownership": st.sampled_from(["government", "government", "private", ""]),
        "division": st.sampled_from(["320612", "320612", "320613", "", 320612]),
    },
    optional={"township": st.sampled_from(["镇", "乡", 7]), "grade": st.sampled_from(["A", "Z"])},
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ONE_OF_A_RUN, max_size=12))
def test_a_list_of_institutions_is_built_as_one_by_one(items: list[dict[str, Any]]) -> None:
    # institutions() remembers what the last values gave; each(institution, ...) does not.
    together, alone = direct.institutions(items), direct.each(direct.institution, items)
    assert together == alone
    if together is not None and alone is not None:
        for one, other in zip(together, alone, strict=True):
            fields = ("type", "ownership", "level", "division", "township")
            assert [getattr(one, f) for f in fields] == [getattr(other, f) for f in fields]
            assert type(one) is type(other) is Institution


# Members as a province's file may write them: ids, and mappings with the days they joined
# and left, a few days repeated (read once, then remembered), wrong ones among them.
DAYS = st.sampled_from(["2020-01-01", "2019-05-01", "2020-13-01", "", dt.date(2020, 1, 1), None])
A_MEMBER = st.one_of(
    st.sampled_from(["h1", "h2", "t1"]),
    st.fixed_dictionaries(
        {"institution": st.sampled_from(["h1", "h2", "t1"])},
        optional={"role": st.sampled_from(["lead", "member", "Lead", None]), "joined": DAYS, "left": DAYS},
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(A_MEMBER, max_size=12))
def test_a_list_of_members_is_built_as_one_by_one(items: list[Any]) -> None:
    # memberships() remembers the days it has read; membership() alone does not, and each
    # membership it builds is the converter's (test above).
    together, alone = direct.memberships(items), direct.each(direct.membership, items)
    assert together == alone
    if together is not None:
        assert all(type(m) is Membership for m in together)


def test_a_member_who_left_before_joining_is_left_to_the_converter() -> None:
    late = {"institution": "h1", "joined": "2020-05-01", "left": "2020-01-01"}
    assert direct.membership(late) is None
    assert direct.memberships(["h2", late]) is None
    assert direct.membership({**late, "left": "2020-05-01"}) == Membership(
        "h1", joined=dt.date(2020, 5, 1), left=dt.date(2020, 5, 1)
    )


GOOD_CONSORTIUM = {
    "id": "c1",
    "name": "医共体",
    "kind": "county_medical_community",
    "division": "320612",
    "members": [{"institution": "h1", "role": "lead"}, "t1"],
}
# The parts of a consortium, each right or wrong in the ways a file can be.
DATES = st.sampled_from([None, "2019-01-01", "2021-06-30", "2020-13-01", dt.date(2020, 1, 1), True, 7])
CONSORTIUM_PARTS: dict[str, Any] = {
    "id": ANY_VALUE,
    "name": ANY_VALUE,
    "kind": st.one_of(ANY_VALUE, st.sampled_from(["urban_rural", "specialty_alliance", "URBAN_RURAL"])),
    "division": ANY_VALUE,
    "members": st.one_of(
        ANY_VALUE,
        st.lists(
            st.one_of(
                st.sampled_from(["h1", "t1", "t2", 7]),
                st.fixed_dictionaries(
                    {"institution": st.sampled_from(["h1", "t2"])},
                    optional={"role": st.sampled_from(["lead", "member", None, "boss"]), "joined": DATES},
                ),
            ),
            max_size=3,
        ),
    ),
    "integration": st.one_of(ANY_VALUE, st.sampled_from(["tight", "loose"])),
    "grid": ANY_VALUE,
    "specialty": ANY_VALUE,
    "name_en": ANY_VALUE,
    "formed": DATES,
    "dissolved": DATES,
    "governance": st.one_of(
        ANY_VALUE,
        st.fixed_dictionaries(
            {},
            optional={
                "facts": st.one_of(
                    ANY_VALUE, st.dictionaries(st.sampled_from(["charter", "council"]), ANY_VALUE, max_size=2)
                ),
                "departments": ANY_VALUE,
                "board": ANY_VALUE,
            },
        ),
    ),
    "filing": st.one_of(
        ANY_VALUE,
        st.fixed_dictionaries({}, optional={"filed": DATES, "cancelled": DATES, "by": ANY_VALUE}),
    ),
    "links": st.one_of(
        ANY_VALUE,
        st.lists(
            st.one_of(
                ANY_VALUE,
                st.fixed_dictionaries(
                    {"relation": st.sampled_from(["pairs_with", 7]), "target": st.sampled_from(["c2", None])},
                    optional={"agreement": ANY_VALUE, "since": DATES, "until": DATES, "kind": ANY_VALUE},
                ),
            ),
            max_size=2,
        ),
    ),
    "changes": st.one_of(ANY_VALUE, st.just([{"date": "2021-01-01", "description": "合并"}])),
    "routing": st.one_of(ANY_VALUE, st.just({"restricted_to": ["h1"]})),
    "colour": ANY_VALUE,
}


@settings(max_examples=200, deadline=None)
@given(
    changes=st.lists(st.sampled_from(list(CONSORTIUM_PARTS)), max_size=5, unique=True).flatmap(
        lambda keys: st.fixed_dictionaries({key: CONSORTIUM_PARTS[key] for key in keys})
    ),
    dropped=st.sets(st.sampled_from(list(GOOD_CONSORTIUM)), max_size=1),
)
def test_a_consortium_is_built_as_the_converter_builds_it(changes: dict[str, Any], dropped: set[str]) -> None:
    data = {k: v for k, v in {**GOOD_CONSORTIUM, **changes}.items() if k not in dropped}
    built = direct.consortium(data)
    with pytest.MonkeyPatch.context() as monkeypatch:
        expected = _through_cattrs(monkeypatch, data, Consortium)
    if built is not None:
        assert built == expected
        assert type(built.division) is str


# Right values only: every consortium of these is built directly, and must equal the converter's.
GOOD_DATES = st.sampled_from([None, "2018-01-01", "2019-01-01", dt.date(2020, 1, 1)])
WELL_FORMED_PARTS: dict[str, Any] = {
    "kind": st.sampled_from(["urban_rural", "specialty_alliance", "city_medical_group"]),
    "division": st.sampled_from(["320612", 320612, "130123"]),
    "members": st.lists(
        st.one_of(
            st.sampled_from(["t1", "t2"]),
            st.fixed_dictionaries(
                {"institution": st.sampled_from(["h1", "t3"])},
                optional={"role": st.sampled_from(["lead", "member"]), "joined": GOOD_DATES},
            ),
        ),
        max_size=3,
    ),
    "integration": st.sampled_from(["tight", "loose", None]),
    "grid": st.lists(st.sampled_from(["镇0", "镇1"]), max_size=2),
    "specialty": st.sampled_from(["cardiology", None]),
    "name_en": st.sampled_from(["County group", None]),
    "formed": GOOD_DATES,
    "governance": st.fixed_dictionaries(
        {},
        optional={
            "facts": st.dictionaries(st.sampled_from(["charter", "council"]), st.booleans(), max_size=2),
            "departments": st.one_of(st.none(), st.lists(st.sampled_from(["medical_affairs", "finance"]))),
        },
    ),
    "filing": st.fixed_dictionaries(
        {}, optional={"filed": st.sampled_from([None, True, False, "2019-06-01"]), "cancelled": st.none()}
    ),
    "links": st.lists(
        st.fixed_dictionaries(
            {"relation": st.sampled_from(["pairs_with", "guides"]), "target": st.just("c2")},
            optional={"agreement": st.sampled_from([None, True, False]), "since": GOOD_DATES},
        ),
        max_size=2,
    ),
}


@settings(max_examples=100, deadline=None)
@given(
    changes=st.lists(st.sampled_from(list(WELL_FORMED_PARTS)), max_size=6, unique=True).flatmap(
        lambda keys: st.fixed_dictionaries({key: WELL_FORMED_PARTS[key] for key in keys})
    )
)
def test_a_well_formed_consortium_is_built_directly_as_the_converter_builds_it(
    changes: dict[str, Any],
) -> None:
    data = {**GOOD_CONSORTIUM, **changes}
    built = direct.consortium(data)
    with pytest.MonkeyPatch.context() as monkeypatch:
        expected = _through_cattrs(monkeypatch, data, Consortium)
    assert built is not None and built == expected


def test_the_usual_consortium_is_built_directly() -> None:
    data = {
        **GOOD_CONSORTIUM,
        "division": 320612,
        "integration": "tight",
        "formed": "2019-01-01",
        "grid": ["镇0", "镇1"],
        "governance": {"facts": {"charter": True}, "departments": ["medical_affairs"]},
        "filing": {"filed": True},
        "links": [{"relation": "pairs_with", "target": "c2", "since": "2020-01-01"}],
    }
    built = direct.consortium(data)
    assert built is not None
    assert (built.division, built.leads, built.grid) == ("320612", ("h1",), frozenset({"镇0", "镇1"}))
    assert built.links[0].since == dt.date(2020, 1, 1) and built.filing.filed is True
    assert direct.consortium({**data, "changes": []}) is None  # changes are the converter's
