"""``medconsortium events``: indicators from event-level data (the ``events`` extra).

Nothing here imports Ibis until a command runs, so the CLI starts without the extra; a
command that needs it says which extra to install (exit 2).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..engine.evaluation import Report
from ..model.errors import UsageError
from .common import _registry, handles_errors, write_output

SOURCE_HELP = (
    "Event source: [visits=|referrals=]parquet:GLOB, csv:GLOB, jsonl:GLOB, a file, or an Ibis URL "
    "such as duckdb:///data.db (repeat for several tables)."
)


@click.group("events")
def events() -> None:
    """Indicators from visits and referrals, one row each (Ibis; DuckDB by default)."""


@events.command("aggregate")
@click.argument("sources", nargs=-1, required=True, metavar="EVENTS...")
@click.option("-n", "--network", type=click.Path(path_type=Path), required=True, help="Network file.")
@click.option("-j", "--jurisdiction", required=True, help="Code, slug or Chinese name.")
@click.option("--year", type=int, required=True, help="The last year the events cover.")
@click.option("--since", type=int, help="The first year the events cover (default: --year).")
@click.option(
    "--suppress-below",
    type=click.IntRange(min=2),
    metavar="N",
    help="Blank every count from 1 to N-1 in the file (suggested: 10, see the docs).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the statistics CSV to this file (whole or not at all) instead of standard output.",
)
@click.pass_context
@handles_errors
def aggregate(
    ctx: click.Context,
    sources: tuple[str, ...],
    network: Path,
    jurisdiction: str,
    year: int,
    since: int | None,
    suppress_below: int | None,
    output: Path | None,
) -> None:
    """Aggregate EVENTS into the statistics file that ``assess --stats`` reads."""
    from ..events.progress import Progress
    from ..events.run import aggregate_files

    registry = _registry(ctx)
    with Progress() as step:
        text, blanked = aggregate_files(
            sources, network, jurisdiction, year, registry, since, suppress_below, step
        )
    if suppress_below is not None:
        click.echo(f"medconsortium: {blanked} values below {suppress_below} suppressed", err=True)
    write_output(text, output)
    sys.exit(0)


def assess_events(
    ctx: click.Context,
    network: Path,
    statistics: Path | None,
    sources: tuple[str, ...],
    jurisdiction: str,
    year: int,
    since: int | None,
    referrals: Path | None = None,
) -> Report:
    """``assess --events``: the report, for :func:`medconsortium.cli.assess` to render."""
    if referrals is not None:
        # Two referral counts would have to agree; one source of referrals is clearer.
        raise UsageError(f"--referrals with --events: give the referrals as --events referrals={referrals}")
    from ..events.progress import Progress
    from ..events.run import assess_with_events

    with Progress() as step:
        return assess_with_events(
            network, statistics, sources, jurisdiction, year, _registry(ctx), since, step
        )
