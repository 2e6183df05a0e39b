"""The JSON report's indented text (report/jsontext.py) is byte for byte what
``json.dumps(data, ensure_ascii=False, indent=2)`` writes, for any data json can encode, and
raises json's own error for the rest."""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medconsortium.report import render
from medconsortium.report.jsontext import indented


class Colour(enum.IntEnum):
    RED = 1


class Kind(enum.StrEnum):
    LEAD = "lead"


def stdlib(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),  # every code point: control characters, quotes, backslashes, surrogates
    st.sampled_from(["三级医院", 'a"b\\c', "\n\t\x00\x7f\u2028", "[{,}]: ", Colour.RED, Kind.LEAD]),
)
KEYS = st.one_of(
    st.text(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(), st.just(Kind.LEAD)
)
DATA = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.lists(children, max_size=3).map(tuple),
        st.dictionaries(KEYS, children, max_size=5),
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(DATA)
def test_same_text_as_the_standard_library(data: Any) -> None:
    assert indented(data) == stdlib(data)


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [[], {}], "d": ()},
        {"zh": "三级", "en": "tertiary", "n": [1, -2.5, 1e16, 1e-7, float("nan"), float("-inf")]},
        {1: "a", "1": "b", 2.5: None, None: True, False: [0]},
        # the same key in two dicts at one depth, first and later: its line start is kept
        [{"k": 1, "id": 2}, {"id": 3, "k": 4}, {"k": [{"id": 5}]}],
        # a key cached as a string must not stand for 1 or True, which equal each other
        [{"x": 0, 1: "a"}, {"x": 0, True: "b"}, {"x": 0, 1.0: "c"}],
    ],
)
def test_cases(data: Any) -> None:
    assert indented(data) == stdlib(data)


def test_what_json_refuses_raises_its_error() -> None:
    for bad in ({"d": dt.date(2024, 1, 1)}, [{(1, 2): 1}], {"s": {1, 2}}):
        with pytest.raises(TypeError) as ours:
            indented(bad)
        with pytest.raises(TypeError) as theirs:
            stdlib(bad)
        assert str(ours.value) == str(theirs.value)
    circular: list[Any] = [1]
    circular.append({"c": circular})
    with pytest.raises(ValueError, match="Circular reference detected"):
        indented(circular)


def test_every_command_prints_it() -> None:
    data = {"targets": [{"id": "t", "title": {"zh": "题", "en": "title"}, "measured": 0.5}]}
    assert render.dumps(data) == stdlib(data) + "\n"
