"""The registry and plugin loading: misbehaving plugins fail the run, naming plugin and item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from core_support import (
    CITY,
    CITY_DOC,
    COUNTY,
    COUNTY_DOC,
    city_cite,
    county_cite,
    county_network,
    geography,
    load,
    make_plugin,
    rule,
)

from medconsortium import (
    Citation,
    Label,
    Outcome,
    PluginError,
    Registry,
    RuleContext,
    RuleException,
    Target,
    run_rules,
)
from medconsortium.national import DOC
from medconsortium.plugins.hookspecs import hookimpl
from medconsortium.plugins.manager import ALLOWLIST_ENV

DAY = dt.date(2024, 6, 30)


def _passes(ctx: RuleContext) -> Iterator[Outcome]:
    yield ctx.passed(["ccm"], "好", "fine")


def test_a_plugin_item_is_attributed_to_its_plugin_and_level() -> None:
    reg = load(("geo", geography(register_rules=[rule("geo.r", _passes, county_cite())])))
    entry = reg.rules["geo.r"]
    assert (entry.plugin, entry.level) == ("geo", COUNTY.code)
    assert reg.jurisdictions[CITY.code].plugin == "geo"
    assert [j.code for j in reg.chain(COUNTY.code)] == ["100000", "320000", "329900", "329901"]
    assert [p.name for p in reg.plugins] == ["national", "geo"]


def test_a_hook_that_raises_names_the_plugin_and_hook() -> None:
    def broken(register: Any) -> None:
        raise RuntimeError("boom")

    with pytest.raises(PluginError) as info:
        load(("bad", make_plugin(register_rules=broken)))
    assert info.value.plugin == "bad"
    assert str(info.value) == "plugin 'bad': register_rules raised RuntimeError('boom')"


def test_a_hook_that_returns_something_is_refused() -> None:
    def returns(register: Any) -> Any:
        return [1]

    with pytest.raises(PluginError, match=r"plugin 'bad': register_rules returned list; call register\(\)"):
        load(("bad", make_plugin(register_rules=returns)))


def test_wrong_type_names_plugin_and_type() -> None:
    with pytest.raises(PluginError) as info:
        load(("bad", make_plugin(register_rules=[CITY_DOC])))
    assert str(info.value) == "plugin 'bad': register_rules registered a PolicyDocument, expected Rule"


def test_item_without_citation() -> None:
    # attrs does not check types at run time: a plugin can hand over citation=None.
    bare = attrs.evolve(rule("geo.bare", _passes), citation=None)  # type: ignore[arg-type]
    with pytest.raises(PluginError) as info:
        load(("geo", geography(register_rules=[bare])))
    assert str(info.value) == "plugin 'geo', rule geo.bare: has no citation"


def test_citation_must_be_a_citation_with_text() -> None:
    with pytest.raises(ValueError, match="a citation needs a document, a clause and a quoted sentence"):
        Citation(DOC, "三", "  ")


def test_citation_to_an_unknown_document() -> None:
    target = Target("geo.t", Label("目标", "target"), Citation("无此文〔2024〕9号", "一", "句子"))
    with pytest.raises(PluginError) as info:
        load(("geo", geography(register_targets=[target])))
    assert str(info.value) == "plugin 'geo', target geo.t: cites 无此文〔2024〕9号, which no plugin registers"


def test_target_with_unknown_indicator() -> None:
    target = Target("geo.t", Label("目标", "target"), city_cite(), indicator="happiness")
    with pytest.raises(PluginError, match=r"plugin 'geo', target geo\.t: unknown indicator 'happiness'"):
        load(("geo", geography(register_targets=[target])))


def test_duplicate_id_names_both_plugins() -> None:
    one = geography(register_rules=[rule("geo.r", _passes)])
    two = make_plugin(register_rules=[rule("geo.r", _passes)])
    with pytest.raises(PluginError) as info:
        load(("geo", one), ("other", two))
    message = str(info.value)
    assert "'geo'" in message and "'other'" in message
    assert "Rule 'geo.r' is already provided by plugin" in message


def test_duplicate_id_with_the_national_baseline() -> None:
    clash = make_plugin(register_rules=[rule("national.city_group_lead", _passes, Citation(DOC, "三", "x"))])
    with pytest.raises(PluginError) as info:
        load(("clash", clash))
    assert "'national'" in str(info.value) and "'clash'" in str(info.value)


def test_duplicate_jurisdiction_code_with_core() -> None:
    from medconsortium import Jurisdiction, Level

    again = Jurisdiction("320000", "js2", Label("江苏", "Jiangsu"), Level.PROVINCE, "100000")
    with pytest.raises(PluginError) as info:
        load(("dup", make_plugin(register_jurisdictions=[again])))
    assert str(info.value) == "plugin 'dup': jurisdiction 320000 is already provided by plugin 'national'"


def test_duplicate_jurisdiction_code_between_plugins() -> None:
    with pytest.raises(PluginError) as info:
        load(("geo", geography()), ("geo2", make_plugin(register_jurisdictions=[CITY])))
    assert "'geo'" in str(info.value) and "'geo2'" in str(info.value)


def test_jurisdiction_with_unknown_parent() -> None:
    from medconsortium import Jurisdiction, Level

    orphan = Jurisdiction("329901", "orphan", Label("孤县", "Orphan"), Level.COUNTY, "329900")
    with pytest.raises(PluginError, match=r"plugin 'o', jurisdiction 329901: parent 329900 is not a known"):
        load(("o", make_plugin(register_jurisdictions=[orphan])))


def test_document_of_unknown_jurisdiction() -> None:
    with pytest.raises(
        PluginError, match=r"document 测市卫〔2016〕1号: issued by unknown jurisdiction 329900"
    ):
        load(("d", make_plugin(register_documents=[CITY_DOC])))


# -- exceptions ---------------------------------------------------------------------------
def _exception(rule_id: str, citation: Citation) -> RuleException:
    return RuleException("geo.x", rule_id, frozenset({"ccm"}), Label("理由", "reason"), citation)


def test_exception_to_an_ancestor_rule_is_accepted() -> None:
    x = _exception("national.resource_sharing_centres", county_cite())
    reg = load(("geo", geography(register_exceptions=[x])))
    assert reg.exceptions["geo.x"].level == COUNTY.code


def test_exception_to_own_level_rule_is_refused() -> None:
    own = rule("geo.r", _passes, county_cite())
    x = _exception("geo.r", county_cite())
    with pytest.raises(PluginError) as info:
        load(("geo", geography(register_rules=[own], register_exceptions=[x])))
    assert str(info.value) == (
        "plugin 'geo', exception geo.x: rule 'geo.r' is not an ancestor's rule (it belongs to 329901)"
    )


def test_exception_to_a_descendant_rule_is_refused() -> None:
    county_rule = rule("geo.county", _passes, county_cite())
    x = _exception("geo.county", city_cite())
    with pytest.raises(PluginError, match="is not an ancestor's rule"):
        load(("geo", geography(register_rules=[county_rule], register_exceptions=[x])))


def test_exception_to_unknown_rule() -> None:
    x = _exception("national.no_such_rule", county_cite())
    with pytest.raises(PluginError, match=r"exception geo\.x: excepts unknown rule 'national\.no_such_rule'"):
        load(("geo", geography(register_exceptions=[x])))


# -- versions, allowlist, hook names --------------------------------------------------------
def test_hook_version_mismatch() -> None:
    with pytest.raises(PluginError) as info:
        load(("old", make_plugin(version=0)))
    assert str(info.value).startswith("plugin 'old': built for hook specifications version 0")


def test_missing_hook_version() -> None:
    plugin = make_plugin()
    del plugin.MEDCONSORTIUM_HOOKS_VERSION
    with pytest.raises(PluginError, match="built for hook specifications version None"):
        load(("nover", plugin))


def test_misspelt_hookimpl_is_caught() -> None:
    plugin = make_plugin()

    @hookimpl
    def register_rule(register: Any) -> None:  # the spec is register_rules
        raise AssertionError("never called")

    plugin.register_rule = register_rule  # type: ignore[attr-defined]
    with pytest.raises(PluginError) as info:
        load(("typo", plugin))
    assert info.value.plugin == "typo"
    assert "register_rule" in str(info.value)


def test_hookimpl_with_wrong_argument_is_caught() -> None:
    plugin = make_plugin()

    @hookimpl
    def register_rules(add: Any) -> None:
        raise AssertionError("never called")

    plugin.register_rules = register_rules  # type: ignore[attr-defined]
    with pytest.raises(PluginError) as info:
        load(("args", plugin))
    assert info.value.plugin == "args"


def test_two_extras_with_one_name() -> None:
    with pytest.raises(PluginError, match="a plugin of that name is already loaded"):
        load(("geo", geography()), ("geo", make_plugin()))


def test_extra_cannot_take_the_national_name() -> None:
    with pytest.raises(PluginError, match="plugin 'national': a plugin of that name is already loaded"):
        load(("national", make_plugin()))


def test_allowlist_argument_loads_only_national() -> None:
    reg = Registry.load(only=())
    assert [p.name for p in reg.plugins] == ["national"]
    assert {e.plugin for e in reg.rules.values()} == {"national"}


def test_allowlist_argument_with_unknown_plugin() -> None:
    with pytest.raises(PluginError) as info:
        Registry.load(only=["atlantis"])
    assert str(info.value) == "plugin 'atlantis': named in the allowlist but not installed"


def test_allowlist_environment_variable_with_unknown_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOWLIST_ENV, " atlantis , ")
    with pytest.raises(PluginError, match="plugin 'atlantis': named in the allowlist but not installed"):
        Registry.load()


class FakeEntryPoint:
    """Stands for an installed plugin's entry point; records when it is loaded."""

    def __init__(self, name: str, loaded: list[str]) -> None:
        self.name = name
        self.dist = None
        self.loaded = loaded

    def load(self) -> object:
        self.loaded.append(self.name)
        return make_plugin()


def _fake_installed(monkeypatch: pytest.MonkeyPatch, *names: str) -> list[str]:
    loaded: list[str] = []
    points = [FakeEntryPoint(n, loaded) for n in names]
    monkeypatch.setattr("medconsortium.plugins.manager.entry_points", lambda group: points)
    return loaded


def test_environment_allowlist_restricts_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _fake_installed(monkeypatch, "bb", "aa")
    monkeypatch.setenv(ALLOWLIST_ENV, "bb")
    reg = Registry.load()
    assert loaded == ["bb"]
    assert [p.name for p in reg.plugins] == ["national", "bb"]


def test_no_allowlist_loads_every_entry_point_in_name_order(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _fake_installed(monkeypatch, "bb", "aa")
    monkeypatch.delenv(ALLOWLIST_ENV, raising=False)
    assert [p.name for p in Registry.load().plugins] == ["national", "aa", "bb"]
    assert loaded == ["aa", "bb"]


def test_blank_allowlist_environment_variable_means_all(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _fake_installed(monkeypatch, "aa", "bb")
    monkeypatch.setenv(ALLOWLIST_ENV, "  ")
    Registry.load()
    assert loaded == ["aa", "bb"]


def test_allowlist_argument_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _fake_installed(monkeypatch, "aa", "bb")
    monkeypatch.setenv(ALLOWLIST_ENV, "bb")
    Registry.load(only=["aa"])
    assert loaded == ["aa"]


def test_entry_point_that_fails_to_import(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        name = "broken"
        dist = None

        def load(self) -> object:
            raise ImportError("no module named medconsortium_broken")

    monkeypatch.setattr("medconsortium.plugins.manager.entry_points", lambda group: [Broken()])
    with pytest.raises(PluginError) as info:
        Registry.load(only=["broken"])
    assert str(info.value).startswith("plugin 'broken': failed to import: ImportError(")


# -- rule checks that misbehave ---------------------------------------------------------------
def _raises(ctx: RuleContext) -> Iterator[Outcome]:
    raise KeyError("nope")
    yield  # pragma: no cover


def _wrong(ctx: RuleContext) -> Iterator[Any]:
    yield "pass"


def _returns_none(ctx: RuleContext) -> Any:
    return None


@pytest.mark.parametrize(
    ("check", "message"),
    [
        (_raises, "plugin 'geo', rule geo.r: check raised KeyError('nope')"),
        (_wrong, "plugin 'geo', rule geo.r: check returned a str, expected Outcome"),
        (_returns_none, "plugin 'geo', rule geo.r: check raised TypeError("),
    ],
)
def test_misbehaving_rule_check_names_plugin_and_rule(check: Any, message: str) -> None:
    reg = load(("geo", geography(register_rules=[rule("geo.r", check, county_cite())])))
    with pytest.raises(PluginError) as info:
        run_rules(county_network(), reg, reg.jurisdiction("testcounty"), DAY)
    assert str(info.value).startswith(message)


def test_misbehaving_rule_fails_the_cli_with_exit_2(cli: Any, files: Any) -> None:
    from core_support import good_network_data

    reg = load(("geo", geography(register_rules=[rule("geo.r", _raises, county_cite())])))
    path = files.yaml("network.yaml", good_network_data())
    out = files.root / "report.json"
    result = cli("validate", path, "-j", "testcounty", "--format", "json", "-o", out, registry=reg)
    assert result.exit_code == 2
    assert result.stderr == "medconsortium: error: plugin 'geo', rule geo.r: check raised KeyError('nope')\n"
    assert result.stdout == ""
    assert not out.exists()  # nothing is half-reported


# -- queries ---------------------------------------------------------------------------
def test_rules_for_a_level_include_ancestors_not_siblings() -> None:
    city_rule = rule("geo.city", _passes, city_cite())
    county_rule = rule("geo.county", _passes, county_cite())
    reg = load(("geo", geography(register_rules=[county_rule, city_rule])))
    at_city = [e.item.id for e in reg.rules_for(CITY.code)]
    at_county = [e.item.id for e in reg.rules_for(COUNTY.code)]
    assert "geo.county" not in at_city and "geo.city" in at_city
    # national first, then the city, then the county
    assert at_county[-2:] == ["geo.city", "geo.county"]
    assert all(i.startswith("national.") for i in at_county[:-2])
    assert reg.rules_for("320000") == reg.rules_for("100000")


def test_rules_as_of_a_date() -> None:
    from medconsortium import Period

    old = attrs.evolve(rule("geo.old", _passes, city_cite()), period=Period(end=dt.date(2020, 12, 31)))
    new = attrs.evolve(rule("geo.new", _passes, city_cite()), period=Period(dt.date(2021, 1, 1)))
    reg = load(("geo", geography(register_rules=[old, new])))
    ids = {e.item.id for e in reg.rules_for(CITY.code, dt.date(2020, 6, 1))}
    assert "geo.old" in ids and "geo.new" not in ids
    ids = {e.item.id for e in reg.rules_for(CITY.code, dt.date(2021, 1, 1))}
    assert "geo.new" in ids and "geo.old" not in ids
    assert {"geo.old", "geo.new"} <= {e.item.id for e in reg.rules_for(CITY.code)}


def test_jurisdiction_lookup() -> None:
    reg = load(("geo", geography()))
    for query in ("329901", "testcounty", "测试县", "TEST COUNTY"):
        assert reg.jurisdiction(query) == COUNTY
    from medconsortium import UsageError

    with pytest.raises(UsageError, match=r"unknown jurisdiction 'atlantis' \(installed: .*testcounty"):
        reg.jurisdiction("atlantis")


def test_documents_for_follow_the_chain() -> None:
    reg = load(("geo", geography()))
    assert [d.item.number for d in reg.documents_for(COUNTY.code)] == [
        DOC,
        CITY_DOC.number,
        COUNTY_DOC.number,
    ]
    assert [d.item.number for d in reg.documents_for(CITY.code)] == [DOC, CITY_DOC.number]


def test_loading_twice_gives_the_same_registry() -> None:
    a = load(("geo", geography()))
    b = load(("geo", geography()))
    assert list(a.rules) == list(b.rules) and list(a.jurisdictions) == list(b.jurisdictions)


def test_plugins_are_called_in_registration_order() -> None:
    # national first, then the others in load order: the later plugin is the duplicate.
    first = geography(register_rules=[rule("geo.r", _passes)])
    second = make_plugin(register_rules=[rule("geo.r", _passes)])
    with pytest.raises(PluginError) as info:
        load(("geo", first), ("other", second))
    assert str(info.value) == "plugin 'other', rule geo.r: Rule 'geo.r' is already provided by plugin 'geo'"
    reg = load(("geo", geography()))
    assert list(reg.documents) == [DOC, CITY_DOC.number, COUNTY_DOC.number]
