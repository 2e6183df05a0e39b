"""Shared fixtures: the registry of installed plugins, the policy texts, example paths.

The tests are arranged like the core's packages (``tests/model``, ``tests/engine``, ...).
Their builders live in ``tests/support`` (``core_support``, ``referral_support``), put on
``sys.path`` here because pytest's importlib mode does not.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))

from core_support import Cli, Files, geography, load
from referral_support import network

from medconsortium import Network, Registry

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def wheel_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The wheel of a distribution of the repository (``"."`` the core, ``"plugins/jiangsu"``
    ...), built once per test session with the locked build backend (no network): the
    package-data and install tests share the builds instead of each making its own."""
    built: dict[str, Path] = {}

    def build(folder: str) -> Path:
        if folder not in built:
            out = tmp_path_factory.mktemp("wheel")
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "wheel",
                    "-q",
                    "--no-deps",
                    "--no-build-isolation",
                    "-w",
                    str(out),
                    ".",
                ],
                cwd=ROOT / folder,
                check=True,
                capture_output=True,
            )
            (built[folder],) = out.glob("*.whl")
        return built[folder]

    return build


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="session")
def core_registry() -> Registry:
    """Only the national baseline in core."""
    return Registry.load(only=())


@pytest.fixture
def files(tmp_path: Path) -> Files:
    return Files(tmp_path)


@pytest.fixture(scope="session")
def geo_registry() -> Registry:
    """National baseline plus the test city and county (documents only)."""
    return load(("geo", geography()))


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def net() -> Network:
    return network()
