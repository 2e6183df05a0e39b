"""The ``medconsortium`` command: a thin layer over the Python API.

Exit codes: 0 everything met or passed; 1 a target not met or a rule failed; 2 the
command could not run (bad input, usage, a plugin that misbehaves). Errors are one line on
standard error, never a traceback. A report file (``--output``) is written whole or not
at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from . import api
from .errors import MedconsortiumError
from .evaluation import Report
from .labels import Lang
from .ledger import assess_with_referrals
from .listing import compare, policy_listing
from .outdated import find_outdated, render_outdated
from .registry import Registry
from .reports import (
    FORMATS,
    REPORT_FORMATS,
    Format,
    dumps,
    render_comparison,
    render_jurisdictions,
    render_listing,
    render_report,
)
from .tracing import emit_trace

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_NOT_MET, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> None:
    """Print one error line and exit with code 2."""
    click.echo(f"medconsortium: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def handles_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MedconsortiumError as exc:
            fail(str(exc))
        return None

    return cast(F, wrapper)


def write_output(text: str | bytes, output: Path | None) -> None:
    """Print, or write the file atomically: a temporary file in the same folder, renamed
    over the target only once it is complete, so a reader never sees half a report and an
    error leaves the old file (or none) in place. Bytes (a workbook) need a file."""
    if output is None:
        if isinstance(text, bytes):
            fail("this format is a binary file: name it with -o FILE")
        click.echo(text, nl=False)
        return
    directory = output.parent if str(output.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        # mkstemp creates the file 0600; a report gets the usual permissions (umask).
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def common_output(func: F, formats: tuple[str, ...] = FORMATS) -> F:
    func = click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default="text",
        show_default=True,
        help="Output format.",
    )(func)
    func = click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        help="Language shown first.",
    )(func)
    func = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the report to this file instead of standard output.",
    )(func)
    return func


def _remember_docs_url(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["docs_url"] = value


def report_output(func: F) -> F:
    """The output options of commands that give results: also Excel and CSV, and the
    documentation's address that HTML reports link rules to."""
    func = click.option(
        "--docs-url",
        metavar="URL",
        expose_value=False,
        callback=_remember_docs_url,
        help="Base address of the documentation: HTML reports link each problem to its rule there.",
    )(func)
    return common_output(func, REPORT_FORMATS)


def _registry(ctx: click.Context) -> Registry:
    obj = ctx.ensure_object(dict)
    if "registry" not in obj:
        only = obj.get("plugins")
        obj["registry"] = api.load_registry(only=only)
    return cast(Registry, obj["registry"])


def _finish(
    report: Report, fmt: Format, lang: Lang, output: Path | None, statistics: Path | None = None
) -> None:
    emit_trace(report)
    from .report.text import use_colour

    options: dict[str, Any] = {"docs_url": click.get_current_context().ensure_object(dict).get("docs_url")}
    if fmt == "text":
        options["colour"] = output is None and use_colour(sys.stdout)
    if fmt == "html" and statistics is not None:
        from .report.charts import charts_for

        registry = _registry(click.get_current_context())
        options["charts"] = charts_for(report, registry, api.open_statistics(statistics, registry))
    write_output(render_report(report, fmt, lang, **options), output)
    sys.exit(EXIT_OK if report.ok else EXIT_NOT_MET)


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
@click.version_option(package_name="medconsortium")
@click.pass_context
def main(ctx: click.Context, plugins: str | None, trace: bool) -> None:
    """Check medical consortia (医联体) against the policy of their jurisdiction."""
    ctx.ensure_object(dict)
    if plugins is not None:
        ctx.obj["plugins"] = [p.strip() for p in plugins.split(",") if p.strip()]
    if trace:
        ctx.obj["trace"] = True


@main.command()
@click.option("--all", "show_all", is_flag=True, help="Also show levels with no policy installed.")
@common_output
@click.pass_context
@handles_errors
def jurisdictions(ctx: click.Context, show_all: bool, fmt: Format, lang: Lang, output: Path | None) -> None:
    """The installed jurisdictions as a tree, with their documents."""
    write_output(render_jurisdictions(_registry(ctx), fmt, lang, show_all), output)


@main.command("plugins")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
@handles_errors
def plugins_command(ctx: click.Context, fmt: str) -> None:
    """The loaded plugins, their versions and what each provides."""
    registry = _registry(ctx)
    rows = []
    for info in registry.plugins:
        counts = {
            kind: sum(1 for e in entries.values() if e.plugin == info.name)
            for kind, entries in (
                ("jurisdictions", registry.jurisdictions),
                ("documents", registry.documents),
                ("targets", registry.targets),
                ("rules", registry.rules),
                ("referral_rules", registry.referral_rules),
                ("exceptions", registry.exceptions),
            )
        }
        rows.append({"name": info.name, "distribution": info.distribution, "version": info.version, **counts})
    if fmt == "json":
        click.echo(dumps(rows), nl=False)
        return
    from tabulate import tabulate

    click.echo(tabulate([list(r.values()) for r in rows], headers=list(rows[0].keys())))


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@main.command()
@click.argument("jurisdiction")
@click.option("--as-of", callback=_parse_date, help="Only what is in force on this date (YYYY-MM-DD).")
@click.option(
    "--outdated",
    is_flag=True,
    help="Only what is past its review date, or past its deadline with nothing after it (on --as-of).",
)
@report_output
@click.pass_context
@handles_errors
def rules(
    ctx: click.Context,
    jurisdiction: str,
    as_of: dt.date | None,
    outdated: bool,
    fmt: Format,
    lang: Lang,
    output: Path | None,
) -> None:
    """Everything that applies in JURISDICTION, with citations."""
    registry = _registry(ctx)
    if outdated:
        day = as_of or dt.date.today()
        found = find_outdated(registry, registry.jurisdiction(jurisdiction), day)
        write_output(render_outdated(found, day, fmt, lang), output)
        return
    listing = policy_listing(registry, registry.jurisdiction(jurisdiction), as_of)
    write_output(render_listing(listing, registry, fmt, lang), output)


@main.command()
@click.argument("network", type=click.Path(path_type=Path))
@click.option("-j", "--jurisdiction", required=True, help="Code, slug or Chinese name.")
@click.option("--as-of", callback=_parse_date, help="Date to validate on (default: today).")
@report_output
@click.pass_context
@handles_errors
def validate(
    ctx: click.Context,
    network: Path,
    jurisdiction: str,
    as_of: dt.date | None,
    fmt: Format,
    lang: Lang,
    output: Path | None,
) -> None:
    """Check the governance rules of JURISDICTION over a NETWORK file."""
    report = api.validate_file(network, jurisdiction, _registry(ctx), as_of)
    _finish(report, fmt, lang, output)


@main.command()
@click.argument("network", type=click.Path(path_type=Path))
@click.option("--stats", "statistics", type=click.Path(path_type=Path), help="Statistics file.")
@click.option("-j", "--jurisdiction", required=True, help="Code, slug or Chinese name.")
@click.option("--year", type=int, required=True, help="The year to assess.")
@click.option(
    "--referrals",
    type=click.Path(path_type=Path),
    help="Referral ledger (CSV or JSONL) counted into the statistics, in place of or beside --stats.",
)
@report_output
@click.pass_context
@handles_errors
def assess(
    ctx: click.Context,
    network: Path,
    statistics: Path | None,
    jurisdiction: str,
    year: int,
    referrals: Path | None,
    fmt: Format,
    lang: Lang,
    output: Path | None,
) -> None:
    """Assess a year against the targets and rules of JURISDICTION."""
    registry = _registry(ctx)
    if referrals is not None:
        report = assess_with_referrals(network, statistics, referrals, jurisdiction, year, registry)
    else:
        report = api.assess_files(network, statistics, jurisdiction, year, registry)
    _finish(report, fmt, lang, output, statistics)


@main.command("compare")
@click.argument("jurisdictions", nargs=-1, required=True)
@report_output
@click.pass_context
@handles_errors
def compare_command(
    ctx: click.Context, jurisdictions: tuple[str, ...], fmt: Format, lang: Lang, output: Path | None
) -> None:
    """Targets of several jurisdictions side by side, one indicator per row."""
    registry = _registry(ctx)
    found = [registry.jurisdiction(j) for j in jurisdictions]
    write_output(render_comparison(compare(registry, found), fmt, lang), output)


@main.command()
@click.argument("name", required=False)
@report_output
@click.pass_context
@handles_errors
def demo(ctx: click.Context, name: str | None, fmt: Format, lang: Lang, output: Path | None) -> None:
    """Assess a bundled example (default: the featured one)."""
    registry = _registry(ctx)
    ex = api.example(registry, name)
    report = api.assess_files(ex.network, ex.statistics, ex.jurisdiction, ex.year, registry)
    _finish(report, fmt, lang, output, ex.statistics)


# Command groups that live in their own modules.
from .cli_referral import referral  # noqa: E402
from .cli_scaffold import new_plugin  # noqa: E402
from .cli_template import template  # noqa: E402

main.add_command(referral)
main.add_command(new_plugin)
main.add_command(template)
