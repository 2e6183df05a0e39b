"""governance._group_value: a group of facts where any one will do (章程或协议)."""

from __future__ import annotations

import itertools

import attrs
import pytest
from medconsortium import examples
from medconsortium.model.consortia import Consortium
from medconsortium.model.consortia import Governance
from medconsortium_jiangsu.governance import _group_value

VALUES = (True, False, None, 1)  # 1: not a recorded bool, so never taken as one


def _with(facts: dict[str, object]) -> Consortium:
    base = examples.national_network().consortium("cn-ccm-1")
    return attrs.evolve(base, governance=Governance(facts=facts))  # type: ignore[arg-type]


def _expected(values: list[object]) -> bool | None:
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


@pytest.mark.parametrize("values", [list(v) for n in (1, 2) for v in itertools.product(VALUES, repeat=n)])
def test_a_group_is_true_if_any_is_false_if_all_are_else_unknown(values: list[object]) -> None:
    group = tuple(f"f{i}" for i in range(len(values)))
    facts = {f: v for f, v in zip(group, values, strict=True) if v is not None}  # None: not recorded
    assert _group_value(_with(facts), group) is _expected(values)
