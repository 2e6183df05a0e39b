"""Tracing: which plugin produced which result, printed on standard error.

Switched on by ``medconsortium --trace`` or ``MEDCONSORTIUM_TRACE=1``. Lines name plugins,
levels, items and subject ids (consortia, institutions, areas), never patient keys.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..engine.evaluation import Report

TRACE_ENV = "MEDCONSORTIUM_TRACE"


def trace_enabled(flag: bool | None = None) -> bool:
    """Whether to trace: ``flag`` when given, else ``ctx.obj["trace"]`` of the running
    command, else the ``MEDCONSORTIUM_TRACE`` environment variable."""
    if flag is not None:
        return flag
    ctx = click.get_current_context(silent=True)
    if ctx is not None and isinstance(ctx.obj, dict) and ctx.obj.get("trace") is not None:
        return bool(ctx.obj["trace"])
    return os.environ.get(TRACE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def trace_lines(report: Report) -> list[str]:
    """One line per result: the plugin that produced it, the level, the item, the status.

    Subjects are consortium, institution and area ids, never patient keys.
    """
    lines = []
    for t in report.targets:
        lines.append(f"trace: {t.plugin} [{t.level}] target {t.target} {t.subject or '-'}: {t.status.value}")
    for f in report.findings:
        via = f" (exception {f.exception.id} [{f.exception.level}])" if f.exception else ""
        subjects = ",".join(f.subjects) or "-"
        lines.append(f"trace: {f.plugin} [{f.level}] rule {f.rule} {subjects}: {f.status.value}{via}")
    return lines


def emit_trace(report: Report, flag: bool | None = None) -> None:
    """Print :func:`trace_lines` on standard error when tracing is on (see
    :func:`trace_enabled`). Standard output, and so the report, is untouched."""
    if trace_enabled(flag):
        for line in trace_lines(report):
            click.echo(line, err=True)
