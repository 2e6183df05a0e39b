"""The analysts' formats: HTML and text reports, Excel and CSV for every command that
gives results (the other formats, and the JSON contract, are :mod:`.render`'s). The CLI
dispatches here; nothing in :mod:`.render` depends on this module."""

from __future__ import annotations

from collections.abc import Sequence

from ..engine.evaluation import Report
from ..engine.listing import Comparison, PolicyListing
from ..engine.referral_checks import BatchReport
from ..model.labels import Lang
from ..plugins.registry import Registry
from .charts import Chart
from .csv import render_csv
from .html import render_report_html
from .tables import (
    Table,
    batch_tables,
    comparison_tables,
    listing_tables,
    report_csv_table,
    report_tables,
)
from .text import render_report_text
from .view import report_view
from .xlsx import render_tables


def render_report(
    report: Report,
    fmt: str,
    lang: Lang = "zh",
    *,
    colour: bool = False,
    charts: Sequence[Chart] = (),
    docs_url: str | None = None,
) -> str | bytes:
    """An assessment or validation report as ``text``, ``html``, ``xlsx`` or ``csv``."""
    if fmt == "html":
        return render_report_html(report, lang, charts, docs_url)
    view = report_view(report, docs_url)
    if fmt == "text":
        return render_report_text(view, lang, colour)
    if fmt == "xlsx":
        return render_tables(report_tables(view, lang), lang)
    return render_csv(report_csv_table(view, lang))


def render_listing(listing: PolicyListing, registry: Registry, fmt: str, lang: Lang = "zh") -> str | bytes:
    return render_sheets(listing_tables(listing, registry, lang), fmt, lang)


def render_comparison(comparison: Comparison, fmt: str, lang: Lang = "zh") -> str | bytes:
    return render_sheets(comparison_tables(comparison, lang), fmt, lang, 0)


def render_sheets(tables: Sequence[Table], fmt: str, lang: Lang = "zh", csv_table: int = -1) -> str | bytes:
    """``tables`` as a workbook, or table ``csv_table`` of them as CSV (the one with a
    row per result); every listing command's spreadsheets go through here."""
    return render_tables(tables, lang) if fmt == "xlsx" else render_csv(tables[csv_table])


def render_batch(report: BatchReport, fmt: str, lang: Lang = "zh") -> str | bytes:
    return render_sheets(batch_tables(report, lang), fmt, lang, 1)
