"""Plugin authors' commands and switches: ``new-plugin``, the trace, outdated policy.

- ``medconsortium new-plugin NAME --code CODE --parent CODE [--output DIR]`` writes a
  complete plugin distribution (see :mod:`medconsortium.plugins.scaffold`).
- :func:`emit_trace` prints, on standard error, which plugin produced each result of a
  report, when ``--trace`` or ``MEDCONSORTIUM_TRACE=1`` asks for it.
- :func:`find_outdated` lists what is past its review date, or past its deadline with
  nothing after it; :func:`render_outdated` prints it for ``rules --outdated``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..model.errors import MedconsortiumError
from ..plugins.registry import Registry
from ..plugins.scaffold import PluginSpec, generate

#: Set to 1 (or true/yes) to print which plugin produced each result, on standard error.


# -- new-plugin ---------------------------------------------------------------------------
@click.command("new-plugin")
@click.argument("name")
@click.option("--code", required=True, metavar="DIVISION_CODE", help="GB/T 2260 code of the jurisdiction.")
@click.option("--parent", required=True, metavar="PARENT_CODE", help="GB/T 2260 code of the level above.")
@click.option("--name-zh", help="Chinese name of the jurisdiction (default: NAME).")
@click.option("--name-en", help="English name of the jurisdiction (default: from NAME).")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to create the plugin's folder (medconsortium-NAME) in.",
)
@click.pass_context
def new_plugin(
    ctx: click.Context,
    name: str,
    code: str,
    parent: str,
    name_zh: str | None,
    name_en: str | None,
    output: Path,
) -> None:
    """Create a jurisdiction plugin NAME for DIVISION_CODE below PARENT_CODE.

    Writes a distribution with a sample document, target and rule (all cited), tests that
    run the plugin contract, and a README saying what to replace. It installs and passes
    its tests as generated:

        medconsortium new-plugin haimen --code 320684 --parent 320600 --name-zh 海门区

        pip install -e ./medconsortium-haimen
    """
    spec = PluginSpec(name, code, parent, name_zh, name_en)
    try:
        registry = Registry.load(only=(ctx.obj or {}).get("plugins"))
        folder = generate(spec, output, registry)
    except MedconsortiumError as exc:
        click.echo(f"medconsortium: error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"medconsortium: error: {output}: cannot write: {exc.strerror}", err=True)
        sys.exit(2)
    # pip reads a bare folder name as a package name: give it a path.
    shown = folder.as_posix() if folder.is_absolute() else "./" + folder.as_posix()
    click.echo(f"created {folder}")
    click.echo(f"next: pip install -e {shown}")
    click.echo(f"      medconsortium rules {name}")
    click.echo(f"      python -m pytest {folder.as_posix()}/tests")
