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

import click

from .check import assess, demo, validate
from .policy import compare_command, jurisdictions, plugins_command, rules
from .referral import referral
from .scaffold import new_plugin
from .source import source
from .template import template


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
@click.version_option(package_name="medconsortium")
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


for _command in (
    jurisdictions,
    plugins_command,
    rules,
    validate,
    assess,
    compare_command,
    demo,
    referral,
    new_plugin,
    source,
    template,
):
    main.add_command(_command)
