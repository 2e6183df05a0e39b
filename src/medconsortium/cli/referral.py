"""``medconsortium referral ...``: checking referrals one by one or in batches.

``referral check`` streams the file: records are read, checked and counted one at a
time, so memory does not depend on the file's length. Exit codes as for ``validate``:
0 every rule passed and every record was good; 1 a rule failed or a record was bad
(the report lists it with its line); 2 the command could not run, or, with
``--strict``, a record was bad.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from .. import api
from ..engine.referral_checks import BatchReport, ReferralChecker
from ..io.limits import check_year
from ..model.labels import Lang
from ..report.audit import audit_json
from ..report.batch import render_batch
from ..report.choices import REPORT_FORMATS, SHEET_FORMATS
from ..report.render import Format
from .common import (
    EXIT_NOT_MET,
    EXIT_OK,
    _registry,
    docs_url,
    docs_url_option,
    fail_on,
    fail_on_option,
    handles_errors,
    write_output,
)
from .stdio import input_file, restore_names, stdin_callback

if TYPE_CHECKING:
    from ..io.referral_io import RecordResult, RecordStream


#: Records between two looks at how far the reader has got (a look is cheap, a bar's
#: refresh is not; tqdm itself redraws at most every half second).
_PROGRESS_EVERY = 1024


def _progress(
    results: RecordStream, enabled: bool, file: TextIO | None = None, mininterval: float = 0.5
) -> Iterator[RecordResult]:
    """``results`` with a progress bar on standard error (or ``file``) when ``enabled``,
    redrawn at most every ``mininterval`` seconds.

    When the reader knows how much there is to read (a file's size in bytes, the length of
    a JSON list), the bar counts that, so it shows the percentage done and the time left;
    otherwise it counts referrals and shows the rate.
    """
    # A bar only on a terminal: in a pipe or a log file it would be noise. Without one,
    # the records themselves, not a generator around them resumed for each.
    if not enabled:
        return results
    return _with_bar(results, file, mininterval)


def _with_bar(results: RecordStream, file: TextIO | None, mininterval: float) -> Iterator[RecordResult]:
    from tqdm import tqdm

    out = file if file is not None else sys.stderr
    if results.total is None:
        yield from tqdm(results, unit=" referrals", file=out, leave=False, mininterval=mininterval)
        return
    in_bytes = results.unit == "B"
    with tqdm(
        total=results.total,
        unit="B" if in_bytes else results.unit,
        unit_scale=in_bytes,
        unit_divisor=1024,
        file=out,
        leave=False,
        mininterval=mininterval,
        miniters=1,  # the updates come every _PROGRESS_EVERY records already
    ) as bar:
        done = 0
        for count, result in enumerate(results, start=1):
            yield result
            if count % _PROGRESS_EVERY == 0:
                now = results.position()
                bar.update(now - done)
                done = now
        bar.update(results.total - done)  # the end: everything read (the file is closed now)
        bar.refresh()


def _parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None
    problem = check_year(day.year)
    if problem is not None:
        raise click.BadParameter(problem)
    return day


# The options both referral commands take, declared once.
_network_option = click.option(
    "-n",
    "--network",
    "network_path",
    type=input_file(),
    callback=stdin_callback("network"),
    required=True,
    help="Network file ('-': standard input).",
)
_as_of_option = click.option(
    "--as-of",
    callback=_parse_day,
    help="Times after the end of this day are in the future (default: now, China Standard Time).",
)


@click.group()
def referral() -> None:
    """Two-way referrals (双向转诊)."""


@referral.command("check")
@click.argument("referrals", type=input_file(), callback=stdin_callback("referrals"))
@_network_option
@click.option("-j", "--jurisdiction", required=True, help="Code, slug or Chinese name.")
@click.option("--strict", is_flag=True, help="Stop at the first bad record (exit code 2).")
@fail_on_option
@_as_of_option
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="List at most this many findings and bad records (0: all); the rest are counted.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: only when standard error is a terminal).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
)
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language shown first."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Write the report to this file instead of standard output ('-': standard output).",
)
@docs_url_option
@click.option(
    "--audit",
    type=click.Path(path_type=Path),
    help="Also write an audit record (input digests, plugins, rule-set digest, counts) to this file.",
)
@click.pass_context
def check_command(
    ctx: click.Context,
    referrals: Path,
    network_path: Path,
    jurisdiction: str,
    strict: bool,
    as_of: dt.date | None,
    limit: int,
    progress: bool | None,
    fmt: Format,
    lang: Lang,
    output: Path | None,
    audit: Path | None,
) -> None:
    """Check the referrals in REFERRALS (CSV, JSON Lines, or JSON for one) against the
    referral rules of JURISDICTION, over the institutions of a network file."""

    # The readers load only for this command.
    from ..io.referral_io import now_in_china
    from ..io.referral_parts import check_file

    @handles_errors
    def run() -> None:
        registry = _registry(ctx)
        j = registry.jurisdiction(jurisdiction)
        network = api.open_network(network_path, registry)
        now = dt.datetime.combine(as_of, dt.time.max) if as_of is not None else None
        show = sys.stderr.isatty() if progress is None else progress
        report = BatchReport(j, registry.chain(j.code), restore_names(str(referrals)), limit or None)
        checker = ReferralChecker(network, registry, j)
        # A large CSV file is checked in two parts on two processes, with the same report.
        check_file(referrals, network, now, checker, report, strict, lambda results: _progress(results, show))
        if fmt in SHEET_FORMATS:
            from ..report import formats

            text: str | bytes = formats.render_batch(report, fmt, lang)
        else:
            text = render_batch(report, fmt, lang, docs_url())
        if audit is not None:
            day = as_of or now_in_china().date()
            record = audit_json(
                "referral check",
                [referrals, network_path],
                registry,
                j.code,
                day.isoformat(),
                batch_counts(report),
            )
            write_output(record, audit)
        write_output(text, output)
        sys.exit(EXIT_NOT_MET if report.failures(fail_on()) or report.bad else EXIT_OK)

    run()


def batch_counts(report: BatchReport) -> dict[str, int]:
    """Counts by status of a batch, for the audit record."""
    counts = {"records.read": report.records, "records.checked": report.checked}
    counts["records.bad"] = report.bad
    for (_rule, status), count in report.per_rule.items():
        key = f"findings.{status.value}"
        counts[key] = counts.get(key, 0) + count
    return counts


@referral.command("ledger")
@click.argument("referrals", type=input_file(), callback=stdin_callback("referrals"))
@_network_option
@_as_of_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Write the statistics to this file instead of standard output ('-': standard output).",
)
@click.pass_context
def ledger_command(
    ctx: click.Context, referrals: Path, network_path: Path, as_of: dt.date | None, output: Path | None
) -> None:
    """Count the referrals in REFERRALS into a statistics CSV (``scope,id,year,...``) that
    ``assess --stats`` reads. Only metrics the loaded plugins register are written, so the
    file loads as it is; any bad record stops the command (exit code 2)."""

    from ..io.ledger import ledger_from_file, statistics_csv  # the readers load only here

    @handles_errors
    def run() -> None:
        registry = _registry(ctx)
        network = api.open_network(network_path, registry)
        now = dt.datetime.combine(as_of, dt.time.max) if as_of is not None else None
        stats = ledger_from_file(referrals, network, now)
        write_output(statistics_csv(stats, frozenset(registry.metrics)), output)

    run()
