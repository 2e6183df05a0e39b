"""The layout of the core, checked: imports go one way, and nothing imports in a circle.

The core is layered (see ``docs/architecture.rst``)::

    model <- policy <- plugins <- national <- engine <- io <- report <- cli, api, sphinxext, testing

A module may import its own package and any package to its left, never one to its right;
the package ``medconsortium`` itself (the public facade, ``__init__.py``) is imported by
no module of the core. The imports are read with :mod:`ast`, not executed, so an import
inside a function, or under ``TYPE_CHECKING``, counts like any other.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "src" / "medconsortium"
PLUGINS = sorted((ROOT / "plugins").glob("*/src/*"))

#: Rank of each top-level part of the core: a module may import ranks up to its own.
LAYERS: dict[str, int] = {
    "model": 0,
    "policy": 1,
    "plugins": 2,
    "national": 3,
    "engine": 4,
    "io": 5,
    "report": 6,
    "api": 7,
    "cli": 7,
    "__main__": 7,  # python -m medconsortium: runs the CLI
    "sphinxext": 7,
    "testing": 7,
    "examples": 7,
    "events": 7,  # the optional extra medconsortium[events] (issue 16)
    "": 8,  # medconsortium/__init__.py, the facade
}

#: What a jurisdiction plugin may import of the core: the facade and the modules that build
#: items. Its ``testing`` module (helpers for its tests) may also use the test kit.
PLUGIN_MAY_IMPORT = (
    "medconsortium",
    "medconsortium.model.",
    "medconsortium.policy.",
    "medconsortium.plugins.hookspecs",
)

Graph = Mapping[str, frozenset[str]]


def modules(root: Path, package: str) -> dict[str, Path]:
    """Every module under ``root`` by dotted name (a package by its own name)."""
    out: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imported(module: str, path: Path, known: Mapping[str, Path]) -> Iterator[str]:
    """The modules ``module`` imports (absolute names), anywhere in its code."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                # ``from pkg import sub`` imports the module pkg.sub when there is one.
                sub = f"{target}.{alias.name}"
                yield sub if sub in known else target


def import_graph(root: Path, package: str) -> dict[str, frozenset[str]]:
    """Module -> the modules of the same package it imports."""
    known = modules(root, package)
    return {
        name: frozenset(t for t in imported(name, path, known) if t in known and t != name)
        for name, path in known.items()
    }


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def against_direction(graph: Graph, layers: Mapping[str, int]) -> list[str]:
    """Each import of a higher layer (or of an undeclared one), as ``a -> b``."""
    problems = []
    for source, targets in sorted(graph.items()):
        if layer(source) not in layers:
            problems.append(f"{source}: package {layer(source)!r} is not in the declared layers")
            continue
        for target in sorted(targets):
            if layers.get(layer(target), len(layers)) > layers[layer(source)]:
                problems.append(f"{source} -> {target}")
    return problems


def cycles(graph: Graph) -> list[list[str]]:
    """The import cycles: strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# -- the core ------------------------------------------------------------------------------
def test_the_core_has_no_import_cycle() -> None:
    assert cycles(import_graph(CORE, "medconsortium")) == []


def test_imports_go_one_way() -> None:
    assert against_direction(import_graph(CORE, "medconsortium"), LAYERS) == []


def test_every_package_says_what_it_holds_and_may_import() -> None:
    for name, path in modules(CORE, "medconsortium").items():
        if path.name != "__init__.py" or name == "medconsortium":
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert "May import" in doc, f"{name}: the package docstring does not say what it may import"


@pytest.mark.parametrize("folder", PLUGINS, ids=lambda p: p.name)
def test_plugins_build_on_the_model_and_policy_only(folder: Path) -> None:
    known = modules(folder, folder.name)
    outside = []
    for name, path in known.items():
        for target in imported(name, path, known):
            if not target.startswith("medconsortium.") and target != "medconsortium":
                continue
            if target.startswith(PLUGIN_MAY_IMPORT) or target in PLUGIN_MAY_IMPORT:
                continue
            if name.endswith(".testing") and target.startswith("medconsortium.testing"):
                continue
            outside.append(f"{name} -> {target}")
    assert outside == []


# -- the checks themselves fail when they should ------------------------------------------
def _package(tmp_path: Path, files: Mapping[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_cycle_is_found_even_through_a_lazy_import(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "model/__init__.py": "",
            "model/a.py": "from . import b\n",
            "model/b.py": "def f():\n    from .c import x\n",
            "model/c.py": "from .a import y\n",
            "model/d.py": "from .a import y\n",
        },
    )
    assert cycles(import_graph(root, "pkg")) == [["pkg.model.a", "pkg.model.b", "pkg.model.c"]]


def test_an_import_against_the_direction_is_named(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "model/__init__.py": "",
            "model/net.py": "from ..engine.run import go\n",
            "engine/__init__.py": "",
            "engine/run.py": "from ..model.net import Net\nimport pkg.model.net\n",
            "stray/__init__.py": "",
        },
    )
    graph = import_graph(root, "pkg")
    assert against_direction(graph, LAYERS) == [
        "pkg.model.net -> pkg.engine.run",
        "pkg.stray: package 'stray' is not in the declared layers",
    ]


def test_importing_the_facade_from_the_core_is_against_the_direction(tmp_path: Path) -> None:
    root = _package(
        tmp_path, {"__init__.py": "", "io/__init__.py": "", "io/read.py": "from .. import Thing\n"}
    )
    assert against_direction(import_graph(root, "pkg"), LAYERS) == ["pkg.io.read -> pkg"]


# -- the architecture page ---------------------------------------------------------------
ARCHITECTURE_RST = ROOT / "docs" / "architecture.rst"


def named_packages(text: str) -> set[str]:
    """Every ``medconsortium.x`` (and ``medconsortium.x.y``) the page names."""

    return set(re.findall(r"medconsortium(?:\.[a-z_]+)+", text))


def missing_modules(names: set[str]) -> list[str]:
    known = set(modules(CORE, "medconsortium"))
    return sorted(name for name in names if name not in known)


def test_the_architecture_page_names_only_packages_that_exist() -> None:
    names = named_packages(ARCHITECTURE_RST.read_text(encoding="utf-8"))
    # Short names (``plugins.hookspecs``) count too: they are read inside medconsortium.
    short = re.findall(r"``([a-z_]+\.[a-z_]+)``", ARCHITECTURE_RST.read_text(encoding="utf-8"))
    names |= {f"medconsortium.{name}" for name in short if not name.startswith("medconsortium.")}
    assert {f"medconsortium.{layer}" for layer in LAYERS if layer and layer != "examples"} <= names
    assert missing_modules(names) == []


def test_a_page_naming_a_missing_package_fails() -> None:
    assert missing_modules(named_packages("see ``medconsortium.engine`` and ``medconsortium.nosuch``")) == [
        "medconsortium.nosuch"
    ]


# -- lazy imports ---------------------------------------------------------------------------
def test_the_command_starts_without_what_only_some_commands_need() -> None:
    import subprocess
    import sys

    code = (
        "import sys, medconsortium.cli, medconsortium.api;"
        "print(sorted(m for m in ('yaml', 'cattrs', 'tabulate', 'tqdm', 'wcwidth', 'pathlib', 'urllib.parse')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


#: What listing the policy (``rules J --format json``) does not need, once the start-up
#: caches are warm: the readers' and other formats' libraries, the entry points'
#: metadata machinery, and what only some commands use.
NOT_FOR_RULES = (
    "yaml",
    "cattrs",
    "openpyxl",
    "tabulate",
    "importlib.metadata",
    "importlib.resources",
    "tempfile",
    "shutil",
    "tomllib",
    "html",
    "chinese_calendar",
    # Paths are strings until one is needed (Example.network, the EXAMPLES_DIR of the
    # national baseline and of each plugin, the commands' path options): pathlib, and
    # urllib.parse with it, were a tenth of the start-up over a minimal click program.
    "pathlib",
    "urllib.parse",
    "calendar",
    # The policy, the plugins and the listing's renderer import the network model, the
    # engine's evaluation and the API only for annotations; the command loads the registry
    # without the API.
    "medconsortium.model.network",
    "medconsortium.engine.evaluation",
    "medconsortium.api",
    # Only reports explain their results.
    "medconsortium.policy.explanations",
)

#: The patterns compiled on first use (functools.cache'd): listing the policy compiles none.
LAZY_PATTERNS = (
    "medconsortium.model.privacy:_patterns",
    "medconsortium.model.referrals:_resident_id",
    "medconsortium.io.limits:_string",
    "medconsortium.io.limits:_toml_token",
)


def test_listing_the_policy_starts_without_what_it_does_not_use(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys, io, contextlib; sys.argv = ['medconsortium', 'rules', 'tongzhou', '--format', 'json']\n"
        "from medconsortium.cli import main\n"
        "try:\n"
        "    with contextlib.redirect_stdout(io.StringIO()): main()\n"
        "except SystemExit: pass\n"
        f"print(sorted(m for m in {NOT_FOR_RULES!r} if m in sys.modules))\n"
        f"for name in {LAZY_PATTERNS!r}:\n"
        "    module, _, function = name.partition(':')\n"
        "    if getattr(sys.modules[module], function).cache_info().currsize: print(name)\n"
    )
    env = {**os.environ, "MEDCONSORTIUM_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert runs[1].stdout.strip() == "[]"  # the second start, with the caches the first wrote


def test_the_lazy_names_of_the_facade_still_import() -> None:
    from medconsortium import load_network, load_statistics

    assert load_network.__module__ == load_statistics.__module__ == "medconsortium.io.loading"


# -- module size ------------------------------------------------------------------------------
MAX_LINES = 400


def long_without_reason(root: Path, package: str, limit: int = MAX_LINES) -> list[str]:
    """Modules over ``limit`` lines whose first line does not say why."""
    out = []
    for name, path in modules(root, package).items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > limit and not text.startswith("# Longer than 400 lines"):
            out.append(f"{name} ({len(text.splitlines())} lines)")
    return out


def test_modules_stay_small_enough_to_read_or_say_why() -> None:
    assert long_without_reason(CORE, "medconsortium") == []


def test_a_long_module_without_a_reason_is_named(tmp_path: Path) -> None:
    root = _package(tmp_path, {"__init__.py": "", "big.py": "x = 1\n" * 401, "ok.py": "x = 1\n" * 400})
    assert long_without_reason(root, "pkg") == ["pkg.big (401 lines)"]


#: What ``assess`` of a JSON network with CSV statistics, reporting JSON to a file, does not
#: need: the readers of the other formats (PyYAML, tomllib, the workbook reader), cattrs
#: (io/direct.py builds the usual records), the duplicate-key locator (only for that error)
#: and the other formats' libraries.
NOT_FOR_JSON_ASSESS = (
    "yaml",
    "tomllib",
    "cattrs",
    "openpyxl",
    "tabulate",
    "jinja2",
    "importlib.metadata",
    "medconsortium.io.yaml_events",
    "medconsortium.io.json_locate",
    "medconsortium.io.xlsx",
    # The policy listing: an assessment's report names its classes in annotations only.
    "medconsortium.engine.listing",
)


def test_assessing_json_starts_without_the_other_readers(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    import yaml

    from medconsortium import Registry, api

    # The national example as its author wrote it, in JSON (dates as their ISO text).
    example = Path(api.example(Registry.load(only=()), "national").network)
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    (tmp_path / "network.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    (tmp_path / "stats.csv").write_text(
        "scope,id,year,residents_visits_in_county,residents_visits_total\narea,130123,2017,90,100\n",
        encoding="utf-8",
    )
    args = [str(tmp_path / "network.json"), "--stats", str(tmp_path / "stats.csv")]
    args += ["-j", "national", "--year", "2017", "--format", "json", "-o", str(tmp_path / "out.json")]
    code = (
        f"import sys; sys.argv = ['medconsortium', '--plugins', '', 'assess', *{args!r}]\n"
        "from medconsortium.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, 1), exc.code\n"
        f"print(sorted(m for m in {NOT_FOR_JSON_ASSESS!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "MEDCONSORTIUM_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("MEDCONSORTIUM_DIVISIONS", None)
    runs = [
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["findings"]
    assert runs[1].stdout.strip() == "[]"  # the second start, with the caches the first wrote
