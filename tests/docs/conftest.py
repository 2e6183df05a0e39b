"""Fixtures for the documentation tests: Sphinx's testing fixtures and the demo plugin.

Sphinx's fixtures are imported here rather than named in ``pytest_plugins``, which pytest
allows only in the top-level conftest.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from sphinx.testing.fixtures import (  # noqa: F401  (fixtures are found by name)
    _shared_result_cache,
    app,
    app_params,
    make_app,
    shared_result,
    sphinx_test_tempdir,
    status,
    test_params,
    warning,
)
from sphinx.testing.fixtures import pytest_configure as _sphinx_markers

from medconsortium import Registry

ROOTS = Path(__file__).parent / "roots"


def pytest_configure(config: pytest.Config) -> None:
    _sphinx_markers(config)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its test projects."""
    return ROOTS


def _module(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOTS / "test-policy" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def demo_plugin() -> ModuleType:
    return _module("demo_plugin")


@pytest.fixture(scope="session")
def demo_registry(demo_plugin: ModuleType) -> Registry:
    """The national baseline and the demo plugin only (Zhejiang › Hangzhou)."""
    return Registry.load(only=(), extra=[("demo", demo_plugin)])
