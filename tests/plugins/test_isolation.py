"""A broken plugin does not take the host down: outside the chain of the jurisdiction asked
for it is one warning line and the run goes on; inside it the run stops (exit 2) naming
it; ``--strict`` or MEDCONSORTIUM_STRICT=1 makes any broken plugin fatal. What a plugin
prints while loading never reaches standard output (issues 13 and 19)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

import pytest
from click.testing import CliRunner, Result

from medconsortium import (
    Citation,
    Jurisdiction,
    Label,
    Level,
    PluginError,
    PolicyDocument,
    Registry,
    Rule,
    Strength,
)
from medconsortium.cli import main
from medconsortium.plugins.manager import ENTRY_POINT_GROUP
from medconsortium.policy.helpers import facts_rule
from medconsortium.testing import fake_plugin

INSTALLED = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name)


class Dist:
    def __init__(self, name: str) -> None:
        self.name = name


class FakeEntryPoint:
    """An installed plugin whose loading does what ``load`` does."""

    def __init__(self, name: str, load: Callable[[], object]) -> None:
        self.name = name
        self.dist = Dist(f"medconsortium-{name}")
        self._load = load

    def load(self) -> object:
        return self._load()


def install(monkeypatch: pytest.MonkeyPatch, *fakes: FakeEntryPoint, without: str | None = None) -> None:
    """The real plugins (but ``without``) and the fake ones, as if installed."""
    points = [ep for ep in INSTALLED if ep.name != without] + list(fakes)
    monkeypatch.setattr("medconsortium.plugins.manager.entry_points", lambda group: points)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def fails_to_import() -> object:
    raise ImportError("No module named 'medconsortium_zz.rules'")


def exits() -> object:
    sys.exit(0)


def prints() -> object:
    print("hello from a plugin")
    return fake_plugin()


BROKEN = FakeEntryPoint("zz", fails_to_import)
WARNING = (
    "medconsortium: warning: plugin 'zz' (distribution 'medconsortium-zz') was not loaded: failed to "
    "import: ImportError(\"No module named 'medconsortium_zz.rules'\")\n"
)


# -- outside the chain: one warning line, the run goes on ---------------------------------
def test_a_plugin_that_fails_to_import_is_one_warning_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    install(monkeypatch, BROKEN)
    result = run("rules", "linyi", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == WARNING
    assert json.loads(result.stdout)["jurisdiction"]["slug"] == "linyi"


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_strict_makes_any_broken_plugin_fatal(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    install(monkeypatch, BROKEN)
    if how == "flag":
        result = run("--strict", "rules", "linyi")
    else:
        monkeypatch.setenv("MEDCONSORTIUM_STRICT", "1")
        result = run("rules", "linyi")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "medconsortium: error: plugin 'zz': failed to import: "
        "ImportError(\"No module named 'medconsortium_zz.rules'\")\n"
    )


# -- inside the chain: exit 2 naming it ------------------------------------------------------
def test_a_broken_plugin_of_a_level_in_the_chain_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # Jiangsu's plugin fails to import: a result for Jiangsu would lack the provincial rules.
    install(monkeypatch, FakeEntryPoint("jiangsu", fails_to_import), without="jiangsu")
    result = run("validate", "network.yaml", "-j", "jiangsu")
    assert result.exit_code == 2
    assert result.stdout == ""
    error = result.stderr.splitlines()[-1]
    assert error == (
        "medconsortium: error: plugin 'jiangsu': failed to load, and jiangsu needs it (distribution "
        "'medconsortium-jiangsu'): failed to import: "
        "ImportError(\"No module named 'medconsortium_zz.rules'\")"
    )
    # Tongzhou's plugin excepts a Jiangsu rule: without Jiangsu it is left out too, and said.
    assert (
        "plugin 'tongzhou' (distribution 'medconsortium-tongzhou') was not loaded: excepts unknown rule"
        in (result.stderr)
    )
    # Linyi does not lie in Jiangsu: it runs.
    assert run("rules", "linyi").exit_code == 0


def test_a_broken_plugin_at_an_ancestor_level_stops_the_levels_below() -> None:
    # "prov" registered a Jiangsu document before its rules raised; "kit" (a county of
    # Jiangsu) is healthy, but a result for it would miss what "prov" says for Jiangsu.
    jiangsu_doc = PolicyDocument(
        "苏测〔2025〕1号", "测试", Label("江苏", "Jiangsu"), dt.date(2025, 1, 1), "320000"
    )
    prov = fake_plugin(register_documents=registers(jiangsu_doc), register_rules=raises)
    registry = isolated(("prov", prov), ("kit", kit()))
    assert [b.name for b in registry.broken] == ["prov"]
    with pytest.raises(PluginError) as err:
        registry.jurisdiction("kit")
    assert str(err.value).startswith("plugin 'prov': failed to load, and kit needs it")
    assert registry.jurisdiction("linyi").slug == "linyi"


def test_asking_for_the_broken_plugins_own_jurisdiction_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, FakeEntryPoint("tongzhou", fails_to_import), without="tongzhou")
    result = run("rules", "tongzhou")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(
        "medconsortium: error: plugin 'tongzhou': failed to load, so 'tongzhou' cannot be checked:"
    )


# -- standard output and sys.exit while loading -------------------------------------------------
def test_what_a_plugin_prints_while_loading_goes_to_stderr_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, FakeEntryPoint("noisy", prints))
    result = run("rules", "linyi", "--format", "json")
    assert result.exit_code == 0
    json.loads(result.stdout)  # standard output is the report alone
    assert result.stderr == (
        "medconsortium: warning: plugin 'noisy' wrote to standard output while loading (kept off it): "
        "'hello from a plugin'\n"
    )


def test_sys_exit_while_loading_is_caught_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, FakeEntryPoint("quitter", exits))
    result = run("rules", "linyi")
    assert result.exit_code == 0
    assert result.stderr == (
        "medconsortium: warning: plugin 'quitter' (distribution 'medconsortium-quitter') was not loaded: "
        "importing it called sys.exit(0)\n"
    )
    strict = run("--strict", "rules", "linyi")
    assert (strict.exit_code, strict.stderr) == (
        2,
        "medconsortium: error: plugin 'quitter': importing it called sys.exit(0)\n",
    )


def test_ctrl_c_in_a_plugin_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted() -> object:
        raise KeyboardInterrupt

    install(monkeypatch, FakeEntryPoint("slow", interrupted))
    with pytest.raises(KeyboardInterrupt):
        Registry.load(strict=False)


# -- misbehaving hooks, in the registry ------------------------------------------------------------
KIT = Jurisdiction("320685", "kit", Label("测试县", "Kit county"), Level.COUNTY, parent="320000")
NUMBER = "测试〔2025〕1号"
DOCUMENT = PolicyDocument(NUMBER, "测试文件", Label("测试县卫健委", "Kit"), dt.date(2025, 1, 1), "320685")
RULE = Rule(
    "kit.charter",
    Label("医共体制定章程", "charter"),
    Strength.MANDATORY,
    Citation(NUMBER, "二", "每个县域医共体应当制定章程"),
    facts_rule(("charter",), ()),
)


def registers(*items: Any) -> Callable[[Any], None]:
    def hook(register: Any) -> None:
        for item in items:
            register(item)

    return hook


def raises(register: Any) -> None:
    raise RuntimeError("boom")


def hook_exits(register: Any) -> None:
    sys.exit(3)


def kit(**hooks: Callable[[Any], None]) -> object:
    parts: dict[str, Callable[[Any], None]] = {
        "register_jurisdictions": registers(KIT),
        "register_documents": registers(DOCUMENT),
        "register_rules": registers(RULE),
    }
    parts.update(hooks)
    return fake_plugin(**parts)


def isolated(*plugins: tuple[str, object]) -> Registry:
    return Registry.load(only=("linyi",), extra=list(plugins), strict=False)


@pytest.mark.parametrize(
    ("hooks", "message"),
    [
        ({"register_rules": raises}, "register_rules raised RuntimeError('boom')"),
        ({"register_rules": hook_exits}, "register_rules called sys.exit(3)"),
        ({"register_rules": registers("kit.charter")}, "register_rules registered a str, expected Rule"),
        ({"register_policy": registers(42)}, "register_policy registered a int, which is no kind of item"),
    ],
    ids=["raising hook", "sys.exit in a hook", "wrong type", "wrong type in register_policy"],
)
def test_a_misbehaving_hook_leaves_the_plugin_out_whole(hooks: dict[str, Any], message: str) -> None:
    registry = isolated(("kit", kit(**hooks)))
    (broken,) = registry.broken
    assert (broken.name, broken.error.message) == ("kit", message)
    # Nothing it registered before failing stays behind.
    assert "320685" not in registry.jurisdictions and NUMBER not in registry.documents
    # The others are there, and a chain it does not belong to runs...
    assert registry.jurisdiction("linyi").code == "371300"
    # ...while one it belongs to (its documents are at 320685, in Jiangsu) refuses.
    with pytest.raises(PluginError) as err:
        registry.jurisdiction("320685")
    assert err.value.plugin == "kit"


def test_a_duplicate_code_leaves_the_later_plugin_out() -> None:
    registry = isolated(("first", kit()), ("second", kit()))
    assert [b.name for b in registry.broken] == ["second"]
    assert str(registry.broken[0].error) == (
        "plugin 'second', jurisdiction 320685: Jurisdiction '320685' is already provided by plugin 'first'"
    )
    assert registry.jurisdictions["320685"].plugin == "first"


def test_a_duplicate_slug_is_refused_naming_both_plugins() -> None:
    other = Jurisdiction("320686", "kit", Label("另一县", "Other county"), Level.COUNTY, parent="320000")
    second = fake_plugin(register_jurisdictions=registers(other))
    with pytest.raises(PluginError) as err:
        Registry.load(
            only=(),
            extra=[("first", kit()), ("second", fake_plugin(register_jurisdictions=registers(other)))],
        )
    assert str(err.value) == (
        "plugin 'second', jurisdiction 320686: jurisdiction 320686 has the slug 'kit' of jurisdiction "
        "320685, provided by plugin 'first'"
    )
    registry = isolated(("first", kit()), ("second", second))
    assert [b.name for b in registry.broken] == ["second"]
    assert registry.jurisdiction("kit").code == "320685"


def test_an_item_that_fails_the_registry_checks_leaves_its_plugin_out() -> None:
    orphan = Rule("kit.orphan", RULE.title, Strength.MANDATORY, Citation("无此文", "一", "应当"), RULE.check)
    registry = isolated(("kit", kit(register_rules=registers(RULE, orphan))), ("ok", fake_plugin()))
    assert [(b.name, b.error.message) for b in registry.broken] == [
        ("kit", "cites 无此文, which no plugin registers")
    ]
    assert "kit.charter" not in registry.rules
    assert [p.name for p in registry.plugins] == ["national", "linyi", "ok"]


def test_strict_loading_raises_the_first_problem() -> None:
    with pytest.raises(PluginError) as err:
        Registry.load(only=(), extra=[("kit", kit(register_rules=raises))])
    assert str(err.value) == "plugin 'kit': register_rules raised RuntimeError('boom')"


def test_no_warning_when_nothing_is_broken() -> None:
    result = run("rules", "linyi")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_rule_that_calls_sys_exit_is_named_not_obeyed() -> None:
    from medconsortium import Network, run_rules

    def quits(ctx: Any) -> Any:
        sys.exit(0)

    rule = Rule("kit.quits", RULE.title, Strength.MANDATORY, RULE.citation, quits)
    loaded = Registry.load(only=(), extra=[("kit", kit(register_rules=registers(rule)))])
    with pytest.raises(PluginError) as err:
        run_rules(Network((), ()), loaded, loaded.jurisdiction("kit"), dt.date(2025, 6, 30))
    assert str(err.value) == "plugin 'kit', rule kit.quits: check raised SystemExit(0)"
