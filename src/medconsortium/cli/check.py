"""Commands that check a network: ``validate``, ``assess``, ``demo``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .. import api
from ..engine.evaluation import Report
from ..io import limits
from ..model.errors import InputError
from ..model.labels import Lang
from ..report.render import Format
from .common import (
    _finish,
    _parse_date,
    _registry,
    audit_option,
    explain_option,
    fail_on_option,
    handles_errors,
    report_output,
)
from .stdio import input_file, stdin_callback


def _require_something_checked(report: Report, network: Path) -> None:
    """A run over a file with no institution in the jurisdiction checked nothing: it would
    read as "all passed", so it is refused (exit 2) with one line saying so."""
    if report.institutions_checked == 0:
        j = report.jurisdiction
        raise InputError(
            str(network),
            "",
            f"no institution lies in {j.name.zh} {j.name.en} ({j.code}): nothing was checked",
        )


@click.command()
@click.argument("network", type=input_file(), callback=stdin_callback("network"))
@click.option("-j", "--jurisdiction", required=True, help="Code, slug or Chinese name.")
@click.option("--as-of", callback=_parse_date, help="Date to validate on (default: today).")
@fail_on_option
@explain_option
@report_output
@audit_option
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
    audit: Path | None,
) -> None:
    """Check the governance rules of JURISDICTION over a NETWORK file."""
    registry = _registry(ctx)
    report = api.validate_file(network, registry, jurisdiction, as_of)
    _require_something_checked(report, network)
    _finish(report, fmt, lang, output, None, (audit, registry, [network]))


@click.command()
@click.argument("network", type=input_file(), callback=stdin_callback("network"))
@click.option(
    "--stats",
    "statistics",
    type=input_file(),
    callback=stdin_callback("statistics"),
    help="Statistics file ('-': standard input).",
)
@click.option("-j", "--jurisdiction", required=True, help="Code, slug or Chinese name.")
@click.option(
    "--year",
    type=click.IntRange(limits.MIN_YEAR, limits.MAX_YEAR),
    required=True,
    help=f"The year to assess ({limits.MIN_YEAR}..{limits.MAX_YEAR}).",
)
@click.option(
    "--referrals",
    type=input_file(),
    callback=stdin_callback("referrals"),
    help="Referral ledger (CSV or JSONL) counted into the statistics, in place of or beside --stats.",
)
@click.option(
    "--events",
    multiple=True,
    metavar="SOURCE",
    help="Event-level visits/referrals (see 'events aggregate'), in place of or beside --stats.",
)
@click.option("--since", type=int, help="With --events: the first year the events cover (default: --year).")
@fail_on_option
@explain_option
@report_output
@audit_option
@click.pass_context
@handles_errors
def assess(
    ctx: click.Context,
    network: Path,
    statistics: Path | None,
    jurisdiction: str,
    year: int,
    referrals: Path | None,
    events: tuple[str, ...],
    since: int | None,
    fmt: Format,
    lang: Lang,
    output: Path | None,
    audit: Path | None,
) -> None:
    """Assess a year against the targets and rules of JURISDICTION."""
    registry = _registry(ctx)
    if events:
        from .events import assess_events

        report = assess_events(ctx, network, statistics, events, jurisdiction, year, since, referrals)
    else:
        report = api.assess_files(network, statistics, registry, jurisdiction, year, referrals=referrals)
    _require_something_checked(report, network)
    inputs = [p for p in (network, statistics, referrals) if p is not None]
    _finish(report, fmt, lang, output, statistics, (audit, registry, inputs))


@click.command()
@click.argument("name", required=False)
@fail_on_option
@explain_option
@report_output
@click.pass_context
@handles_errors
def demo(ctx: click.Context, name: str | None, fmt: Format, lang: Lang, output: Path | None) -> None:
    """Assess a bundled example (default: the featured one)."""
    registry = _registry(ctx)
    ex = api.example(registry, name)
    report = api.assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year)
    _finish(report, fmt, lang, output, ex.statistics)
