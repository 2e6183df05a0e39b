"""What every command shares: exit codes, the one-line error, atomic ``-o`` output, the
common options, the registry loaded once per invocation."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ..engine.heap import starting
from ..io.limits import check_year
from ..model.errors import MedconsortiumError
from ..model.labels import Lang
from ..model.privacy import scrub
from ..plugins.registry import Registry
from ..policy.findings import FailOn
from ..report.choices import ANALYST_FORMATS, REPORT_FORMATS, SHEET_FORMATS
from ..report.render import FORMATS, Format, render_report
from ..report.tracing import emit_trace
from .stdio import PathType, is_dash, restore_names

if TYPE_CHECKING:
    from pathlib import Path

    from ..engine.evaluation import Report

F = TypeVar("F", bound=Callable[..., Any])


EXIT_OK, EXIT_NOT_MET, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> None:
    """Print one error line and exit with code 2."""
    # Scrubbed of anything that looks like a resident ID or mobile number, whatever put
    # it in the message (see medconsortium.model.privacy); always one line.
    click.echo(f"medconsortium: error: {scrub(' '.join(restore_names(message).split()))}", err=True)
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
    if output is None or is_dash(output):
        if isinstance(text, bytes):
            fail("this format is a binary file: name it with -o FILE")
        else:
            click.echo(text, nl=False)
        return
    if output.is_dir():
        fail(f"{output}: is a directory, expected a file")
    from pathlib import Path

    directory = output.parent if str(output.parent) else Path(".")

    try:
        fd, tmp = _temporary(directory, f".{output.name}.")
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        # The temporary file is made 0600; a report gets the usual permissions (umask).
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _temporary(directory: Path, prefix: str) -> tuple[int, str]:
    """A new file of this process only, as :func:`tempfile.mkstemp` makes it (a random name,
    created exclusively, mode 0600, never through a symbolic link), without importing
    tempfile: with shutil, random and the compression modules it pulls in, that import was
    most of writing a report file that is already rendered."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(directory, f"{prefix}{os.urandom(6).hex()}.tmp")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue  # another file has the name: draw again, as mkstemp does
    raise FileExistsError(errno.EEXIST, "no temporary name is free")


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
        type=PathType(allow_dash=True),
        help="Write the report to this file instead of standard output ('-': standard output).",
    )(func)
    return func


#: Set to 1 (or true/yes) to make any broken plugin fatal, as ``--strict`` does.
STRICT_ENV = "MEDCONSORTIUM_STRICT"


def strict_enabled(flag: bool = False) -> bool:
    """``--strict`` given, or MEDCONSORTIUM_STRICT set to 1, true or yes."""
    return flag or os.environ.get(STRICT_ENV, "").strip().lower() in {"1", "true", "yes"}


def _remember_docs_url(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["docs_url"] = value


def docs_url_option(func: F) -> F:
    """``--docs-url URL``: the documentation's address that reports link results to (kept
    in the context, so commands need no parameter for it; :func:`docs_url` reads it)."""
    return click.option(
        "--docs-url",
        metavar="URL",
        expose_value=False,
        callback=_remember_docs_url,
        help="Base address of the documentation: reports link each result they name to its item "
        "in the policy reference there (JSON: each result's permalink).",
    )(func)


def docs_url() -> str | None:
    """The ``--docs-url`` of the running command (``None`` when not given)."""
    ctx = click.get_current_context(silent=True)
    value = ctx.find_object(dict) if ctx is not None else None
    return cast("str | None", (value or {}).get("docs_url"))


def report_output(func: F) -> F:
    """The output options of commands that give results: also Excel and CSV, and the
    documentation's address that HTML reports link rules to."""
    return common_output(docs_url_option(func), REPORT_FORMATS)


def _registry(ctx: click.Context) -> Registry:
    """The registry, loaded once per invocation. A plugin that fails is left out with one
    warning line naming it and its distribution (fatal with ``--strict``); what plugins
    printed while loading is reported here, on standard error, never on standard output."""
    obj = ctx.ensure_object(dict)
    if "registry" not in obj:
        only = obj.get("plugins")
        with starting():  # the plugins and their policy: objects that live as long as the command
            # Registry.load, as api.load_registry: the API (and the engine's evaluation it
            # re-exports) is not imported at start, listing the policy needs neither.
            registry = Registry.load(only=only, strict=strict_enabled(bool(obj.get("strict"))))
        for note in registry.notes:
            click.echo(f"medconsortium: warning: {note}", err=True)
        for broken in registry.broken:
            click.echo(f"medconsortium: warning: {broken.warning()}", err=True)
        obj["registry"] = registry
    return cast(Registry, obj["registry"])


def _store_fail_on(ctx: click.Context, _param: click.Parameter, value: str) -> None:
    ctx.ensure_object(dict)["fail_on"] = FailOn(value)


def fail_on_option(func: F) -> F:
    """``--fail-on``: which findings set exit code 1 (kept in the context, so commands need
    no parameter for it; :func:`fail_on` reads it)."""
    return click.option(
        "--fail-on",
        type=click.Choice([f.value for f in FailOn]),
        default=FailOn.MANDATORY.value,
        show_default=True,
        expose_value=False,
        callback=_store_fail_on,
        help="Exit 1 on: failed mandatory rules (mandatory); also rules that hold in principle "
        "(in_principle); also advisory findings of encouraged and permitted items (any). "
        "Unmet targets always exit 1.",
    )(func)


def fail_on() -> FailOn:
    """The ``--fail-on`` of the running command (``mandatory`` when it has none)."""
    ctx = click.get_current_context(silent=True)
    value = ctx.find_object(dict) if ctx is not None else None
    return cast(FailOn, (value or {}).get("fail_on", FailOn.MANDATORY))


def _store_explain(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.ensure_object(dict)["explain"] = value


def explain_option(func: F) -> F:
    """``--explain``: every result followed by what it rests on (kept in the context)."""
    return click.option(
        "--explain",
        is_flag=True,
        expose_value=False,
        callback=_store_explain,
        help="After every result, what it rests on: the inputs read, the value computed, the "
        "requirement, the sentence and any exception (JSON always carries it).",
    )(func)


def _finish(
    report: Report,
    fmt: Format,
    lang: Lang,
    output: Path | None,
    statistics: Path | None = None,
    audit: tuple[Path | None, Registry, list[Path]] | None = None,
) -> None:
    emit_trace(report)
    ctx = click.get_current_context(silent=True)
    explain = bool(ctx is not None and (ctx.find_object(dict) or {}).get("explain"))
    link_to = docs_url()
    # --explain is drawn by the core's renderers; spreadsheets always come from the analysts'.
    rendered: str | bytes
    if fmt == "json" and output is not None and not is_dash(output):
        rendered = _json_file(report, fmt, lang, link_to)
    elif fmt not in ANALYST_FORMATS or (explain and fmt not in SHEET_FORMATS):
        rendered = render_report(report, fmt, lang, explain=explain, docs_url=link_to)
    else:
        # HTML, text, Excel and CSV come from the analysts' renderers (medconsortium.report.formats),
        # imported here: Jinja2 and openpyxl load only for the commands that use them.
        from ..report import formats
        from ..report.charts import charts_for
        from ..report.text import use_colour

        ctx = click.get_current_context()
        options: dict[str, Any] = {"docs_url": link_to}
        if fmt == "text":
            options["colour"] = output is None and use_colour(sys.stdout)
        if fmt == "html" and statistics is not None:
            from .. import api

            registry = _registry(ctx)
            options["charts"] = charts_for(report, registry, api.open_statistics(statistics, registry))
        rendered = formats.render_report(report, fmt, lang, **options)
    if audit is not None and audit[0] is not None:
        from ..report.audit import audit_json  # hashlib and the digests: only with --audit

        audit_path, audit_registry, inputs = audit
        record = audit_json(
            report.command,
            inputs,
            audit_registry,
            report.jurisdiction.code,
            report.as_of.isoformat(),
            report.counts(),
            report.year,
        )
        write_output(record, audit_path)
    write_output(rendered, output)
    sys.exit(EXIT_NOT_MET if report.failed(fail_on()) else EXIT_OK)


def _json_file(report: Report, fmt: Format, lang: Lang, link_to: str | None) -> str | bytes:
    """The JSON report of a file as the UTF-8 it is written in, built as bytes (a province's
    report is millions of characters, encoding them was a fifth of rendering it); the text
    where UTF-8 cannot hold it, which writing then refuses as before."""
    from ..report.render import report_utf8

    try:
        return report_utf8(report, link_to)
    except UnicodeEncodeError:
        return render_report(report, fmt, lang, docs_url=link_to)


def audit_option(func: F) -> F:
    """``--audit FILE``: also write the run's audit record (see medconsortium.report.audit)."""
    return click.option(
        "--audit",
        "audit",
        type=PathType(),
        help="Also write an audit record (input digests, plugins, rule-set digest, counts) to this file.",
    )(func)


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
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
