"""Commands about the installed policy: ``jurisdictions``, ``plugins``, ``rules``,
``compare``."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

import click

from ..engine.listing import compare, policy_listing
from ..model.errors import MedconsortiumError
from ..model.labels import Lang
from ..plugins.registry import Registry
from ..report.choices import SHEET_FORMATS
from ..report.render import Format, dumps, render_comparison, render_jurisdictions, render_listing
from .common import (
    EXIT_NOT_MET,
    _parse_date,
    _registry,
    common_output,
    handles_errors,
    report_output,
    write_output,
)

if TYPE_CHECKING:
    from pathlib import Path


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Also show levels with no policy installed.")
@common_output
@click.pass_context
@handles_errors
def jurisdictions(ctx: click.Context, show_all: bool, fmt: Format, lang: Lang, output: Path | None) -> None:
    """The installed jurisdictions as a tree, with their documents."""
    write_output(render_jurisdictions(_registry(ctx), fmt, lang, show_all), output)


@click.command("plugins")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--check",
    is_flag=True,
    help="Check every quote against the document text its plugin ships; exit 1 on a mismatch.",
)
@click.pass_context
@handles_errors
def plugins_command(ctx: click.Context, fmt: str, check: bool) -> None:
    """The loaded plugins, their versions and what each provides, then which plugin
    registered each jurisdiction and which issue policy for it.

    The core registers the nation and every province: a province's plugin (Jiangsu)
    registers no jurisdiction, it issues the policy for one."""
    from ..report.plugins import jurisdiction_rows, plugin_rows

    registry = _registry(ctx)
    if check:
        _check_quotes(registry, fmt)
        return
    plugins = plugin_rows(registry)
    if fmt == "json":
        # A list of plugins, as before; "registers" and "policy_for" say which jurisdiction
        # each registers and which it issues policy for.
        click.echo(dumps(plugins), nl=False)
        return
    from tabulate import tabulate

    # In text a second table lists the jurisdictions (the core registers the nation and 34
    # provinces: too long for a column).
    shown = [{k: v for k, v in r.items() if k != "registers"} for r in plugins]
    for row in shown:
        row["policy_for"] = " ".join(row["policy_for"])
    click.echo(
        tabulate([list(r.values()) for r in shown], headers=list(shown[0].keys()), disable_numparse=True)
    )
    click.echo()
    places = jurisdiction_rows(registry)
    click.echo(
        tabulate(
            [[p["code"], p["name"]["zh"], p["registered_by"], " ".join(p["policy_from"])] for p in places],
            headers=["jurisdiction", "name", "registered_by", "policy_from"],
            disable_numparse=True,
        )
    )


def _check_quotes(registry: Registry, fmt: str) -> None:
    from ..plugins.quotes import CITED_KINDS, quote_problems

    problems = list(quote_problems(registry))
    checked = sum(len(getattr(registry, attr)) for _, attr in CITED_KINDS)
    maps = _check_maps(registry, problems)
    if fmt == "json":
        data = {
            "checked": checked,
            "maps_checked": maps,
            "problems": [{"item": i, "problem": m} for i, m in problems],
        }
        click.echo(dumps(data), nl=False)
    else:
        for item, message in problems:
            click.echo(f"{item}: {message}")
        click.echo(
            f"{checked} quotes in {len(registry.documents)} documents and {maps} coverage maps checked, "
            f"{len(problems)} problems"
        )
    if problems:
        sys.exit(EXIT_NOT_MET)


def _check_maps(registry: Registry, problems: list[tuple[str, str]]) -> int:
    """Check the coverage map each document ships against its text and the registry
    (:func:`~medconsortium.plugins.coverage.check_map`), adding what is wrong to
    ``problems``; a document without a map is not checked. Returns the maps checked."""
    from ..model.errors import InputError
    from ..plugins.coverage import source_document

    checked = 0
    for number in sorted(registry.documents):
        if registry.documents[number].item.text is None:
            continue
        try:
            source = source_document(registry, number)
        except InputError as exc:  # a map that cannot be read
            problems.append((f"coverage map of {number}", str(exc)))
            continue
        except MedconsortiumError:
            continue  # a text that cannot be read: the quote check reports it
        if source.cmap is None:
            continue
        checked += 1
        problems += [(f"coverage map of {number}", p) for p in source.problems(registry)]
    return checked


@click.command()
@click.argument("jurisdiction")
@click.option("--as-of", callback=_parse_date, help="Only what is in force on this date (YYYY-MM-DD).")
@click.option(
    "--outdated",
    is_flag=True,
    help="Only what is past its review date, or past its deadline with nothing after it (on --as-of).",
)
@click.option(
    "--coverage",
    is_flag=True,
    help="How much of each document that applies is encoded, sentence by sentence (the coverage maps).",
)
@report_output
@click.pass_context
@handles_errors
def rules(
    ctx: click.Context,
    jurisdiction: str,
    as_of: dt.date | None,
    outdated: bool,
    coverage: bool,
    fmt: Format,
    lang: Lang,
    output: Path | None,
) -> None:
    """Everything that applies in JURISDICTION, with citations."""
    registry = _registry(ctx)
    if coverage:
        from ..report.sources import coverage_tables, render_coverage, sources_for

        # A document that ships no text has no sentences to count (the contract reports it).
        applying = registry.documents_for(registry.jurisdiction(jurisdiction).code)
        numbers = [d.item.number for d in applying if d.item.text is not None]
        sources = sources_for(registry, numbers)
        if fmt in SHEET_FORMATS:
            from ..report import formats

            write_output(formats.render_sheets(coverage_tables(sources, lang), fmt, lang, 0), output)
            return
        write_output(render_coverage(sources, fmt, lang), output)
        return
    if outdated:
        day = as_of or dt.date.today()
        # Only this command needs them: imported here, not at every start of the command group.
        from ..engine.outdated import find_outdated
        from ..report.outdated import render_outdated

        found = find_outdated(registry, registry.jurisdiction(jurisdiction), day)
        if fmt in SHEET_FORMATS:
            from ..report import formats
            from ..report.outdated import outdated_tables

            write_output(formats.render_sheets(outdated_tables(found, day, lang), fmt, lang), output)
            return
        write_output(render_outdated(found, day, fmt, lang), output)
        return
    listing = policy_listing(registry, registry.jurisdiction(jurisdiction), as_of)
    if fmt in SHEET_FORMATS:
        from ..report import formats

        write_output(formats.render_listing(listing, registry, fmt, lang), output)
        return
    write_output(render_listing(listing, registry, fmt, lang), output)


@click.command("compare")
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
    if fmt in SHEET_FORMATS:
        from ..report import formats

        write_output(formats.render_comparison(compare(registry, found), fmt, lang), output)
        return
    write_output(render_comparison(compare(registry, found), fmt, lang), output)
