"""Shared pieces of the kit's tests: a small plugin made of parts, and its document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest

from medconsortium import (
    Citation,
    ConsortiumKind,
    Jurisdiction,
    Label,
    Level,
    PolicyDocument,
    Rule,
    Strength,
)
from medconsortium.policy.helpers import facts_rule
from medconsortium.testing import fake_plugin, plugin_registry  # noqa: F401  (fixture)

NUMBER = "测试〔2016〕1号"
TEXT = "一、工作目标\n县域内就诊率逐年提高。\n二、主要任务\n每个县域医共体应当制定章程。"
TEXTS = {NUMBER: TEXT}

COUNTY = Jurisdiction("320685", "kit", Label("测试县", "Kit county"), Level.COUNTY, parent="320000")
DOCUMENT = PolicyDocument(
    NUMBER, "测试文件", Label("测试县卫健委", "Kit health commission"), dt.date(2016, 1, 1), "320685"
)


def cite(text: str = "每个县域医共体应当制定章程", clause: str = "二") -> Citation:
    return Citation(NUMBER, clause, text)


CHARTER = Rule(
    "kit.charter",
    Label("医共体制定章程", "a county medical community has a charter"),
    Strength.MANDATORY,
    cite(),
    facts_rule(("charter",), (ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,)),
)


def _registers(items: Iterable[Any]) -> Any:
    def hook(register: Any) -> None:
        for item in items:
            register(item)

    return hook


def kit_plugin(**parts: Iterable[Any]) -> object:
    """A plugin for the test county: ``kit_plugin(rules=[...], targets=[...])``.

    Jurisdiction, document and the charter rule are there unless a part replaces them.
    """
    defaults: dict[str, Iterable[Any]] = {
        "jurisdictions": [COUNTY],
        "documents": [DOCUMENT],
        "rules": [CHARTER],
    }
    defaults.update(parts)
    return fake_plugin(**{f"register_{name}": _registers(items) for name, items in defaults.items()})


class Kit:
    """What the kit's tests build plugins from (conftest modules cannot be imported)."""

    NUMBER = NUMBER
    TEXTS = TEXTS
    COUNTY = COUNTY
    DOCUMENT = DOCUMENT
    CHARTER = CHARTER
    cite = staticmethod(cite)
    plugin = staticmethod(kit_plugin)


@pytest.fixture
def kit() -> type[Kit]:
    return Kit
