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
from medconsortium.model.consortia import Membership

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
