"""Every way a plugin can fail to load says so in one line naming the plugin(s)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from medconsortium import HOOKSPEC_VERSION, PluginError, Registry, hookimpl
from medconsortium.cli import main
from medconsortium.plugins.manager import ALLOWLIST_ENV
from medconsortium.testing import fake_plugin, temporary_plugin


def load_error(*extra: tuple[str, object]) -> str:
    with pytest.raises(PluginError) as err:
        Registry.load(only=(), extra=list(extra))
    return str(err.value)


def test_duplicate_jurisdiction_code_names_both_plugins(kit: Any) -> None:
    message = load_error(("first", kit.plugin()), ("second", kit.plugin()))
    # Which of the two is named first depends on the order hooks run; both are named.
    named = {"plugin 'first'": "plugin 'second'", "plugin 'second'": "plugin 'first'"}
    culprit, other = next((k, v) for k, v in named.items() if message.startswith(k))
    assert message == f"{culprit}, jurisdiction 320685: Jurisdiction '320685' is already provided by {other}"


def test_a_code_the_core_provides_names_the_core(kit: Any) -> None:
    from medconsortium.model.jurisdictions import PROVINCES

    jiangsu = next(p for p in PROVINCES if p.code == "320000")
    message = load_error(("kit", kit.plugin(jurisdictions=[jiangsu])))
    assert message == "plugin 'kit': jurisdiction 320000 is already provided by plugin 'national'"


def _fake_distribution(root: Path, name: str, entry_point: str) -> None:
    info = root / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[medconsortium]\n{entry_point} = {entry_point}_module\n")


def test_duplicate_entry_point_name_names_both_distributions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_distribution(tmp_path, "kit-one", "kitdup")
    _fake_distribution(tmp_path, "kit-two", "kitdup")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError) as err:
        Registry.load(only=())
    message = str(err.value)
    assert message.startswith("plugin 'kitdup': entry point name is provided by both ")
    assert "'kit-one'" in message and "'kit-two'" in message


def test_an_entry_point_named_like_the_core_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_distribution(tmp_path, "kit-core", "national")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError) as err:
        Registry.load(only=())
    assert (
        str(err.value)
        == "plugin 'national': entry point name is provided by both 'medconsortium' and 'kit-core'"
    )


def test_a_misspelt_hook_implementation_is_caught_at_load(kit: Any) -> None:
    misspelt = fake_plugin(register_rule=lambda register: None)
    message = load_error(("kit", misspelt))
    assert message.startswith("plugin 'kit': unknown hook 'register_rule' in plugin")


def test_a_misspelt_hook_in_a_module_is_caught_too() -> None:
    import types

    module = types.ModuleType("kit_module")
    module.MEDCONSORTIUM_HOOKS_VERSION = HOOKSPEC_VERSION  # type: ignore[attr-defined]

    @hookimpl
    def register_target(register: Any) -> None:
        """Misspelt: the hook is register_targets."""

    module.register_target = register_target  # type: ignore[attr-defined]
    assert load_error(("kit", module)).startswith("plugin 'kit': unknown hook 'register_target'")


@pytest.mark.parametrize("declared", [HOOKSPEC_VERSION + 1, 0, "1"])
def test_an_incompatible_hook_version_is_refused(kit: Any, declared: object) -> None:
    message = load_error(("kit", fake_plugin(version=declared)))
    assert message == (
        f"plugin 'kit': built for hook specifications version {declared!r}, this medconsortium provides "
        f"version {HOOKSPEC_VERSION} (set MEDCONSORTIUM_HOOKS_VERSION = {HOOKSPEC_VERSION} after updating)"
    )


def test_a_plugin_without_a_hook_version_is_refused() -> None:
    message = load_error(("kit", fake_plugin(version=None)))
    assert message.startswith("plugin 'kit': built for hook specifications version None")


def test_an_allowlist_naming_a_missing_plugin() -> None:
    with pytest.raises(PluginError) as err:
        Registry.load(only=["nosuch"])
    assert str(err.value) == "plugin 'nosuch': named in the allowlist but not installed"


def test_the_allowlist_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOWLIST_ENV, "nosuch, national")
    with pytest.raises(PluginError) as err:
        Registry.load()
    assert str(err.value) == "plugin 'nosuch': named in the allowlist but not installed"
    monkeypatch.setenv(ALLOWLIST_ENV, "national")
    assert [p.name for p in Registry.load().plugins] == ["national"]


def test_the_allowlist_on_the_command_line() -> None:
    result = CliRunner().invoke(main, ["--plugins", "nosuch", "jurisdictions"])
    assert result.exit_code == 2
    assert (
        result.stderr == "medconsortium: error: plugin 'nosuch': named in the allowlist but not installed\n"
    )


def test_a_temporary_plugin_does_not_leak(kit: Any) -> None:
    with temporary_plugin("kit", kit.plugin()) as registry:
        assert registry.jurisdictions["320685"].plugin == "kit"
    assert "320685" not in Registry.load(only=()).jurisdictions


def test_the_fixture_loads_plugins_for_one_test(kit: Any, plugin_registry: Any) -> None:
    registry = plugin_registry(("kit", kit.plugin()))
    assert [p.name for p in registry.plugins] == ["national", "kit"]
    assert registry.rules["kit.charter"].plugin == "kit"
