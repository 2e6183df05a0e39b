"""A user's install: the core and the Tongzhou plugin into a fresh virtual environment.

Wheels are built from the repository with the build backend of this environment (the
locked hatchling, so the build itself needs no network; the session's ``wheel_of``
fixture, shared with the package-data tests); the fresh environment then
installs ``medconsortium-tongzhou`` from those wheels, and pip resolves what it declares:
the core and ``medconsortium-jiangsu`` from the wheel folder, their own dependencies
(attrs, click ...) from the package index as configured. Then the documented in-memory
example (docs/howto/integrator.rst) runs there, as written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_core_and_one_plugin_install_into_a_fresh_environment_and_run_the_docs(
    tmp_path: Path, wheel_of: Callable[[str], Path]
) -> None:
    # Nothing of this environment may leak in: no PYTHONPATH, no plugin allowlist.
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MEDCONSORTIUM_PLUGINS", "VIRTUAL_ENV")
    }
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for folder in (".", "plugins/jiangsu", "plugins/tongzhou"):
        shutil.copy(wheel_of(folder), wheels)
    venv = tmp_path / "fresh"
    created = run([sys.executable, "-m", "venv", venv], tmp_path, env)
    assert created.returncode == 0, created.stderr
    python = venv / "bin" / "python"
    installed = run(
        [
            python,
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "--find-links",
            wheels,
            "medconsortium-tongzhou",
        ],
        tmp_path,
        env,
    )
    assert installed.returncode == 0, installed.stderr
    checked = run([python, "-m", "pip", "check"], tmp_path, env)
    assert checked.returncode == 0, checked.stdout

    where = run([python, "-c", "import medconsortium; print(medconsortium.__file__)"], tmp_path, env)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    version = run([python, "-m", "medconsortium", "--version"], tmp_path, env)
    assert version.returncode == 0 and version.stdout.startswith("medconsortium, version "), version.stderr
    listed = run([venv / "bin" / "medconsortium", "plugins", "--format", "json"], tmp_path, env)
    assert [p["name"] for p in json.loads(listed.stdout)] == ["national", "jiangsu", "tongzhou"]

    # The in-memory example of the integrator how-to, run by doctest in the new environment
    # (from tmp_path, so that the checkout is not on sys.path).
    page = ROOT / "docs" / "howto" / "integrator.rst"
    doc = run([python, "-m", "doctest", "-o", "NORMALIZE_WHITESPACE", "-o", "ELLIPSIS", page], tmp_path, env)
    assert doc.returncode == 0, doc.stdout + doc.stderr
    assert doc.stdout == ""
