"""Helpers of the hostile-input tests: run the CLI, find the shipped examples, check errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from medconsortium import Registry
from medconsortium.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORE_EXAMPLES = ROOT / "src" / "medconsortium" / "national" / "examples"


def example(plugin: str, name: str) -> Path:
    """A file shipped with a plugin (``plugin`` "core" for the core's examples)."""
    if plugin == "core":
        return CORE_EXAMPLES / name
    return ROOT / "plugins" / plugin / "src" / f"medconsortium_{plugin}" / "examples" / name


class Run:
    """Runs the command in-process over the given registry."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def __call__(self, *args: str | Path) -> Result:
        return CliRunner().invoke(
            main, [str(a) for a in args], obj={"registry": self.registry}, prog_name="medconsortium"
        )


def one_error(result: Result, source: str | Path) -> str:
    """The one error line of a run that exited 2, which must name ``source``."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    prefix = f"medconsortium: error: {source}: "
    assert lines[0].startswith(prefix), lines[0]
    return lines[0][len(prefix) :]
