"""Paths made on first use (pathlib is off the start-up): what users read stays a Path."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from medconsortium import Label, api
from medconsortium.cli.stdio import PathType
from medconsortium.policy.catalog import Example

PACKAGES = [
    "medconsortium.national",
    "medconsortium_jiangsu",
    "medconsortium_linyi",
    "medconsortium_tongzhou",
    "medconsortium_wuhu",
]


@pytest.mark.parametrize("given", ["net.yaml", Path("net.yaml")])
def test_an_example_gives_its_files_as_paths_whether_given_strings_or_paths(given: str | Path) -> None:
    example = Example("x", "100000", given, given, 2024, Label("例", "example"))
    assert isinstance(example.network, Path) and example.network == Path("net.yaml")
    assert isinstance(example.statistics, Path) and example.statistics == Path("net.yaml")
    assert Example("x", "100000", given, None, 2024, Label("例", "example")).statistics is None


def test_an_example_is_built_by_keyword_and_evolves_as_before() -> None:
    import attrs

    label = Label("例", "e")
    example = Example(
        name="x", jurisdiction="100000", network="a.yaml", statistics=None, year=2024, description=label
    )
    assert attrs.evolve(example, network="b.yaml").network == Path("b.yaml")


@pytest.mark.parametrize("package", PACKAGES)
def test_each_examples_dir_is_a_path_to_the_bundled_examples(package: str) -> None:
    module = importlib.import_module(package)
    folder = module.EXAMPLES_DIR
    assert isinstance(folder, Path) and folder == Path(module.__file__ or "").parent / "examples"
    assert folder.is_dir() and any(folder.iterdir())
    examples = [v for v in vars(module).values() if isinstance(v, Example)]
    for value in vars(module).values():
        if isinstance(value, tuple):
            examples += [e for e in value if isinstance(e, Example)]
    assert examples and all(e.network.parent == folder and e.network.is_file() for e in examples)
    with pytest.raises(AttributeError, match="no attribute 'EXAMPLES_DIRS'"):
        module.EXAMPLES_DIRS  # noqa: B018


def test_the_path_options_give_paths_and_keep_a_given_path() -> None:
    kind = PathType(allow_dash=True)
    assert kind.convert("out.json", None, None) == Path("out.json")
    given = Path("out.json")
    assert kind.convert(given, None, None) is given
    assert kind.convert("-", None, None) == Path("-")


def test_the_api_path_alias_is_str_or_path() -> None:
    assert api.PathLike == str | Path
    with pytest.raises(AttributeError):
        api.NoSuchName  # noqa: B018
