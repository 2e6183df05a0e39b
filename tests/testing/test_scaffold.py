"""``medconsortium new-plugin``: the generated plugin installs, is listed and passes its tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from medconsortium.cli import main
from medconsortium.model.errors import UsageError
from medconsortium.plugins.scaffold import PluginSpec, check_spec, generate, render
from medconsortium.testing import assert_contract, temporary_plugin

ARGS = [
    "kit_county",
    "--code",
    "320685",
    "--parent",
    "320000",
    "--name-zh",
    "测试县",
    "--name-en",
    "Kit County",
]


def new_plugin(*args: str) -> Any:
    # --plugins "": only the core, so plugins being written elsewhere cannot interfere.
    return CliRunner().invoke(main, ["--plugins", "", "new-plugin", *args])


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_a_new_plugin_installs_is_listed_and_passes_its_tests(tmp_path: Path) -> None:
    result = new_plugin(*ARGS, "--output", str(tmp_path))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "medconsortium-kit-county"
    assert result.output.splitlines()[0] == f"created {folder}"

    # Install offline, without touching the project's environment: a wheel built by
    # hatchling from this environment, unpacked into a folder put on PYTHONPATH.
    site = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index"]
    installed = run([*pip, "--target", str(site), str(folder)], tmp_path, dict(os.environ))
    assert installed.returncode == 0, installed.stderr

    env = {**os.environ, "PYTHONPATH": str(site), "MEDCONSORTIUM_PLUGINS": "kit_county"}
    listed = run(
        [
            sys.executable,
            "-c",
            "from medconsortium.cli import main; main()",
            "jurisdictions",
            "--format",
            "json",
        ],
        tmp_path,
        env,
    )
    assert listed.returncode == 0, listed.stderr
    county = {j["code"]: j for j in json.loads(listed.stdout)}["320685"]
    assert county["plugin"] == "kit_county"
    assert county["documents"] == ["示例-kit_county〔2025〕1号"]

    tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], folder, env)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "10 passed" in tests.stdout


@pytest.mark.parametrize(
    ("code", "parent", "jurisdiction"),
    [
        ("320685", "320000", "kit_county"),
        ("320500", "320000", "kit_county"),
        ("330000", "100000", "zhejiang"),
    ],
    ids=["county", "city", "province"],
)
def test_the_generated_plugin_keeps_the_contract_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str, parent: str, jurisdiction: str
) -> None:
    # The same files, loaded without installing: the plugin object is the package module.
    import importlib

    folder = generate(PluginSpec("kit_county", code, parent, "测试"), tmp_path)
    monkeypatch.syspath_prepend(str(folder / "src"))
    module = importlib.import_module("medconsortium_kit_county")
    document = importlib.import_module("medconsortium_kit_county.document")
    try:
        with temporary_plugin("kit_county", module) as registry:
            assert_contract(
                "kit_county", registry, texts={document.NUMBER: document.text()}, plugin_object=module
            )
            assert registry.jurisdiction(jurisdiction).code == code
            assert registry.documents[document.NUMBER].item.jurisdiction == code
            assert registry.examples["kit_county"].item.network.is_file()
            assert registry.examples["kit_county"].item.network.parent == module.EXAMPLES_DIR
    finally:
        for name in [m for m in sys.modules if m.startswith("medconsortium_kit_county")]:
            del sys.modules[name]


def test_a_province_plugin_registers_no_jurisdiction() -> None:
    files = render(PluginSpec("kit_province", "330000", "100000"))
    assert "src/medconsortium_kit_province/jurisdiction.py" not in files
    assert "register_jurisdictions" not in files["src/medconsortium_kit_province/__init__.py"]
    assert "jurisdiction:" not in files["tests/published_ids.txt"]


def test_rendering_is_deterministic() -> None:
    spec = PluginSpec("kit_county", "320685", "320000")
    assert render(spec) == render(spec)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Kit", "--code", "320685", "--parent", "320000"],
            "plugin name 'Kit' must be 2-40 lower-case letters",
        ),
        (["class", "--code", "320685", "--parent", "320000"], "plugin name 'class' must be"),
        (["national", "--code", "320685", "--parent", "320000"], "plugin name 'national' is the core's"),
        (
            ["kit", "--code", "32068", "--parent", "320000"],
            "code '32068' is not a six-digit GB/T 2260 division code",
        ),
        (["kit", "--code", "320685", "--parent", "370000"], "320685 does not lie inside the parent 370000"),
        (["kit", "--code", "100000", "--parent", "100000"], "the nation is the core's"),
        (["kit", "--code", "330000", "--parent", "320000"], "330000 does not lie inside the parent 320000"),
        (["kit", "--code", "320685", "--parent", "320600"], "parent 320600 is not an installed jurisdiction"),
        (
            ["kit", "--code", "320685", "--parent", "100000"],
            "the parent of a city or county is its province or city",
        ),
        (["kit", "--code", "320685", "--parent", "320000"], None),
    ],
)
def test_bad_requests_are_refused_with_a_reason(tmp_path: Path, args: list[str], message: str | None) -> None:
    result = new_plugin(*args, "--output", str(tmp_path))
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2
    assert result.stderr.startswith(f"medconsortium: error: {message}")
    assert not any(tmp_path.iterdir())


def test_an_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "medconsortium-kit-county").mkdir()
    (tmp_path / "medconsortium-kit-county" / "mine.txt").write_text("keep")
    result = new_plugin(*ARGS, "--output", str(tmp_path))
    assert result.exit_code == 2
    assert "already exists and is not empty" in result.stderr
    assert (tmp_path / "medconsortium-kit-county" / "mine.txt").read_text() == "keep"


def test_a_code_or_slug_already_installed_is_refused(kit: Any, tmp_path: Path) -> None:
    with temporary_plugin("kit", kit.plugin()) as registry:
        with pytest.raises(UsageError, match="jurisdiction 320685 is already provided by plugin 'kit'"):
            generate(PluginSpec("other", "320685", "320000"), tmp_path, registry)
        with pytest.raises(UsageError, match="a plugin named 'kit' is already installed"):
            check_spec(PluginSpec("kit", "320686", "320000"), registry)
        with pytest.raises(UsageError, match="slug 'jiangsu' already names jurisdiction 320000"):
            check_spec(PluginSpec("jiangsu", "320686", "320000"), registry)


def test_the_plugin_depends_on_the_distributions_providing_its_parent(tmp_path: Path) -> None:
    # Haimen lies in Nantong: Nantong is registered by the Tongzhou plugin, Jiangsu's
    # policy comes from the Jiangsu plugin; both become dependencies, with a version floor.
    from medconsortium import Registry
    from medconsortium.plugins.scaffold import parent_requirements

    registry = Registry.load(only=("jiangsu", "tongzhou"))
    versions = {info.distribution: info.version for info in registry.plugins}
    expected = (
        f"medconsortium-jiangsu>={versions['medconsortium-jiangsu']}",
        f"medconsortium-tongzhou>={versions['medconsortium-tongzhou']}",
    )
    assert parent_requirements(registry, "320600") == expected
    folder = generate(PluginSpec("haimen", "320684", "320600"), tmp_path, registry)
    pyproject = (folder / "pyproject.toml").read_text(encoding="utf-8")
    core = versions["medconsortium"]
    assert f'dependencies = ["medconsortium>={core}", "{expected[0]}", "{expected[1]}"]' in pyproject
    # Below a province only the core is needed when no plugin gives the province policy.
    assert parent_requirements(Registry.load(only=()), "320000") == ()


def test_replacing_the_sample_breaks_only_the_sample_tests() -> None:
    # Every generated test file but test_sample.py reads what the plugin registers, not
    # the sample's ids, so replacing the sample leaves them working.
    files = render(PluginSpec("kit_county", "320685", "320000"))
    for name in ("tests/test_contract.py", "tests/test_example.py"):
        assert "community_charter" not in files[name] and "county_visit_rate" not in files[name], name
        assert "ccm-" not in files[name], name
    assert "community_charter" in files["tests/test_sample.py"]
    assert "rule:kit_county.community_charter" in files["tests/published_ids.txt"]
