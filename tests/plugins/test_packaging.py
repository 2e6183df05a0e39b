"""Plugins as distributions: declared dependencies, the missing-parent error, one version."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from medconsortium import Jurisdiction, Label, Level, PluginError, Registry
from medconsortium.plugins import manager
from medconsortium.plugins.manager import PluginInfo, missing_parent_hint, plugin_requirements
from medconsortium.testing import fake_plugin

ROOT = Path(__file__).resolve().parents[2]
HAIMEN = Jurisdiction("320684", "haimen", Label("海门区", "Haimen"), Level.COUNTY, parent="320600")


def _haimen() -> object:
    return fake_plugin(register_jurisdictions=lambda register: register(HAIMEN))


def test_tongzhou_declares_the_distribution_providing_jiangsu() -> None:
    assert plugin_requirements("medconsortium-tongzhou") == ("medconsortium-jiangsu",)
    assert plugin_requirements("medconsortium-linyi") == ()


def test_a_missing_parent_installed_but_not_loaded_says_which_plugin_to_load() -> None:
    # Nantong (320600) comes from the Tongzhou plugin, installed here but not loaded.
    with pytest.raises(PluginError) as caught:
        Registry.load(only=(), extra=[("haimen", _haimen())])
    assert str(caught.value) == (
        "plugin 'haimen', jurisdiction 320684: parent 320600 is provided by plugin 'tongzhou' "
        "(medconsortium-tongzhou), which is installed but not loaded: load it too (--plugins haimen,tongzhou)"
    )


def test_a_missing_parent_not_installed_names_the_distribution_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(manager, "_installed_provider", lambda code, loaded: None)
    infos = [PluginInfo("national", "medconsortium", "0"), PluginInfo("tz", "medconsortium-tongzhou", "0")]
    assert missing_parent_hint("tz", "320000", infos) == (
        "parent 320000 is not a known jurisdiction: it comes from medconsortium-jiangsu, "
        "which medconsortium-tongzhou requires: pip install medconsortium-jiangsu"
    )
    assert missing_parent_hint("x", "320600", [PluginInfo("x", "<extra>", "0")]) == (
        "parent 320600 is not a known jurisdiction: install the distribution that provides it "
        "(and declare it in the dependencies of <extra>)"
    )


def _pyprojects() -> list[Path]:
    return [ROOT / "pyproject.toml", *sorted((ROOT / "plugins").glob("*/pyproject.toml"))]


@pytest.mark.parametrize("path", _pyprojects(), ids=lambda p: p.parent.name)
def test_every_pyproject_has_one_version_source_license_and_classifiers(path: Path) -> None:
    project = tomllib.loads(path.read_text(encoding="utf-8"))
    meta = project["project"]
    assert "version" not in meta and meta["dynamic"] == ["version"]
    version_file = path.parent / project["tool"]["hatch"]["version"]["path"]
    assert re.search(r'^__version__ = "\d+\.\d+\.\d+"$', version_file.read_text(encoding="utf-8"), re.M)
    assert (
        meta["license"] == "MIT" and (path.parent / "LICENSE").read_text() == (ROOT / "LICENSE").read_text()
    )
    assert "License :: OSI Approved :: MIT License" in meta["classifiers"]
    assert "Natural Language :: Chinese (Simplified)" in meta["classifiers"]
    for requirement in meta.get("dependencies", []):
        if requirement.startswith("medconsortium"):
            assert ">=" in requirement and "<" in requirement, requirement


def test_the_version_is_written_nowhere_else() -> None:
    # "0.1.0"-like literals outside the __version__ lines would drift from them.
    found = []
    for path in [
        *ROOT.glob("src/medconsortium/**/*.py"),
        *ROOT.glob("plugins/*/src/**/*.py"),
        *_pyprojects(),
    ]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r'version\s*=\s*"\d+\.\d+\.\d+"', line) and not line.startswith("__version__ = "):
                found.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert found == []
