"""Builders for the core tests: plugins as plain objects, small networks, files, the CLI.

Imported by the test modules as ``core_support`` (tests/conftest.py puts this folder
on ``sys.path``; pytest's importlib mode does not).

Test plugins are modules built on the fly and loaded with
``Registry.load(only=(), extra=[(name, plugin)])``, so no installed plugin is involved.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from medconsortium import (
    Citation,
    Consortium,
    ConsortiumKind,
    Governance,
    Institution,
    InstitutionLevel,
    InstitutionType,
    Jurisdiction,
    Label,
    Level,
    MemberRole,
    Membership,
    Network,
    Ownership,
    PolicyDocument,
    Registry,
    Rule,
    RuleContext,
    Scope,
    Statistics,
    StatRecord,
    Strength,
    hookimpl,
)
from medconsortium.cli import main

# A test city and county under Jiangsu, which core knows (320000).
CITY = Jurisdiction("329900", "testcity", Label("测试市", "Test City"), Level.CITY, "320000")
COUNTY = Jurisdiction("329901", "testcounty", Label("测试县", "Test County"), Level.COUNTY, "329900")
CITY_DOC = PolicyDocument(
    "测市卫〔2016〕1号",
    "测试市医联体文件",
    Label("测试市卫健委", "Test City HC"),
    dt.date(2016, 1, 1),
    "329900",
)
COUNTY_DOC = PolicyDocument(
    "测县卫〔2016〕2号",
    "测试县医共体文件",
    Label("测试县卫健局", "Test County HB"),
    dt.date(2016, 2, 1),
    "329901",
)


def city_cite(text: str = "测试市的句子") -> Citation:
    return Citation(CITY_DOC.number, "一", text)


def county_cite(text: str = "测试县的句子") -> Citation:
    return Citation(COUNTY_DOC.number, "二", text)


def make_plugin(version: object = 1, **hooks: Iterable[object] | Callable[..., Any]) -> types.ModuleType:
    """A plugin module: each keyword is a hook name with the items it registers (or a
    function ``register -> None`` to run as the hook)."""
    module = types.ModuleType("medconsortium_test_plugin")
    module.MEDCONSORTIUM_HOOKS_VERSION = version  # type: ignore[attr-defined]
    for hook, items in hooks.items():
        if callable(items):
            impl = items
        else:

            def impl(register: Any, _items: tuple[object, ...] = tuple(items)) -> None:
                for item in _items:
                    register(item)

        setattr(module, hook, hookimpl(impl))
    return module


def geography(**more: Iterable[object]) -> types.ModuleType:
    """A plugin with the test city and county and their documents (plus ``more`` hooks)."""
    return make_plugin(
        register_jurisdictions=[CITY, COUNTY], register_documents=[CITY_DOC, COUNTY_DOC], **more
    )


def load(*plugins: tuple[str, object]) -> Registry:
    """The national baseline and these plugin objects only."""
    return Registry.load(only=(), extra=list(plugins))


def inst(
    id: str,
    type: InstitutionType = InstitutionType.GENERAL_HOSPITAL,
    level: InstitutionLevel = InstitutionLevel.SECONDARY,
    division: str = "329901",
    ownership: Ownership = Ownership.GOVERNMENT,
) -> Institution:
    return Institution(id, f"机构{id}", level, type, ownership, division)


def cons(
    id: str,
    lead: str,
    members: Sequence[str | Membership] = (),
    kind: ConsortiumKind = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
    division: str = "329901",
    facts: Mapping[str, bool] | None = None,
    formed: dt.date | None = None,
) -> Consortium:
    memberships = [Membership(lead, MemberRole.LEAD)] + [
        m if isinstance(m, Membership) else Membership(m) for m in members
    ]
    return Consortium(
        id,
        f"医联体{id}",
        kind,
        division,
        tuple(memberships),
        governance=Governance(dict(facts or {})),
        formed=formed,
    )


def county_network(facts: Mapping[str, bool] | None = None) -> Network:
    """One well-formed county medical community in the test county."""
    return Network(
        (
            inst("ch", InstitutionType.COUNTY_HOSPITAL),
            inst("thc", InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionLevel.UNRATED),
            inst("vc", InstitutionType.VILLAGE_CLINIC, InstitutionLevel.UNRATED),
        ),
        (cons("ccm", "ch", ["thc", "vc"], facts=facts),),
    )


def stats(*rows: tuple[Scope, str, int, Mapping[str, float]]) -> Statistics:
    return Statistics(tuple(StatRecord(s, i, y, dict(v)) for s, i, y, v in rows))


def rule(
    id: str,
    check: Callable[[RuleContext], Iterable[Any]],
    citation: Citation | None = None,
    strength: Strength = Strength.MANDATORY,
) -> Rule:
    return Rule(id, Label(f"规则{id}", f"rule {id}"), strength, citation or city_cite(), check)


class Files:
    """Writes input files into a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def text(self, name: str, text: str) -> Path:
        path = self.root / name
        path.write_text(text, encoding="utf-8")
        return path

    def yaml(self, name: str, data: Any) -> Path:
        return self.text(name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


class Cli:
    """Runs the command in-process; ``registry`` replaces plugin discovery."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry

    def __call__(self, *args: str | Path, registry: Registry | None = None) -> Result:
        reg = registry or self.registry
        obj = {"registry": reg} if reg is not None else None
        prefix = [] if reg is not None else ["--plugins", ""]
        return CliRunner().invoke(main, [*prefix, *(str(a) for a in args)], obj=obj)


def good_network_data() -> dict[str, Any]:
    """A valid network file's content (the test county)."""
    return {
        "institutions": [
            {"id": "ch", "name": "县医院", "level": "secondary", "type": "county_hospital",
             "ownership": "government", "division": "329901"},
            {"id": "thc", "name": "镇卫生院", "level": "unrated", "type": "township_health_centre",
             "ownership": "government", "division": "329901"},
            {"id": "vc", "name": "村卫生室", "level": "unrated", "type": "village_clinic",
             "ownership": "government", "division": "329901"},
        ],
        "consortia": [
            {"id": "ccm", "name": "县医共体", "kind": "county_medical_community", "division": "329901",
             "members": [{"institution": "ch", "role": "lead"}, "thc", "vc"]},
        ],
    }  # fmt: skip
