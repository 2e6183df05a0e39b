"""The ``medconsortium`` command: a thin layer over the Python API, one module per command
group (:mod:`.policy`, :mod:`.check`, :mod:`.referral`, :mod:`.scaffold`, :mod:`.source`,
:mod:`.template`; shared pieces in :mod:`.common`).

Exit codes: 0 everything met or passed; 1 a target not met or a rule failed; 2 the
command could not run (bad input, usage, a plugin that misbehaves). Errors are one line on
standard error, never a traceback. A report file (``--output``) is written whole or not
at all.

May import: everything (it is the top, beside :mod:`medconsortium.api`); nothing imports it
but the ``medconsortium`` entry point.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import sys

from ..model import codecache as _codecache

# Before anything builds an attrs class: the command's own process, not a program that
# imports the library, has attrs' compiled methods from the cache (model/codecache.py).
_codecache.install_when_attrs_loads()

# The last thing the process does before the interpreter shuts down (handlers run last
# registered first): what it built is frozen, so the full collections of the shut-down
# walk none of it (after ``assess`` of a province, every object the command kept: 53M
# callgrind instructions of 6,400M). Nothing is left to collect that matters then.
atexit.register(gc.freeze)

import click  # noqa: E402

from .guard import GuardedGroup  # noqa: E402

#: Each command by name, and where it lives: a command's module (and the layers it needs)
#: is imported when that command runs, so that ``medconsortium --version`` imports none.
COMMANDS: dict[str, tuple[str, str]] = {
    "jurisdictions": (".policy", "jurisdictions"),
    "plugins": (".policy", "plugins_command"),
    "rules": (".policy", "rules"),
    "validate": (".check", "validate"),
    "assess": (".check", "assess"),
    "compare": (".policy", "compare_command"),
    "demo": (".check", "demo"),
    "referral": (".referral", "referral"),
    "events": (".events", "events"),
    "new-plugin": (".scaffold", "new_plugin"),
    "source": (".source", "source"),
    "template": (".template", "template"),
}


class _LazyGroup(GuardedGroup):
    """A group whose commands are imported on first use (listed in :data:`COMMANDS`);
    its errors are one line each (:class:`~medconsortium.cli.guard.GuardedGroup`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is None and cmd_name in COMMANDS:
            from ..engine.heap import starting

            module, attr = COMMANDS[cmd_name]
            with starting():  # the command's module imports the layers it needs
                found = getattr(importlib.import_module(module, __name__), attr)
            assert isinstance(found, click.Command)
            self.add_command(found, cmd_name)
        return found


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--plugins",
    metavar="NAMES",
    help="Load only these plugins (comma-separated); default: MEDCONSORTIUM_PLUGINS, else all installed.",
)
@click.option(
    "--trace",
    is_flag=True,
    help="Print which plugin produced each result, on standard error (also MEDCONSORTIUM_TRACE=1).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Stop on any plugin that fails to load, not only on one the jurisdiction needs "
    "(also MEDCONSORTIUM_STRICT=1).",
)
# The version as the package writes it, which the build gives the installed metadata: the
# same text, without importing importlib.metadata at start. The package is imported before
# any of its subpackages, so it is there to read (an import of it would go against the layers).
@click.version_option(sys.modules["medconsortium"].__version__, package_name="medconsortium")
@click.pass_context
def main(ctx: click.Context, plugins: str | None, trace: bool, strict: bool) -> None:
    """Check medical consortia (医联体) against the policy of their jurisdiction."""
    ctx.ensure_object(dict)
    if strict:
        ctx.obj["strict"] = True
    if plugins is not None:
        ctx.obj["plugins"] = [p.strip() for p in plugins.split(",") if p.strip()]
    if trace:
        ctx.obj["trace"] = True
