"""The HTML report a commission circulates: one self-contained file, Jinja2 templates.

Summary in plain words first (zh with en beside it), then the problems, each with its
quote, clause, measured and expected values, explanation and (with ``docs_url``) a link
to the policy reference; charts of indicators over the years; everything else folded
(``<details>``). CSS is inline, nothing is fetched, and the page prints on A4.
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from ..engine.evaluation import Report
from ..model.labels import Label, Lang
from .charts import HEIGHT, LEFT, RIGHT, TOP, WIDTH, Chart
from .status import COLOURS
from .view import number, report_view

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("medconsortium.report", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def render_report_html(
    report: Report, lang: Lang = "zh", charts: Sequence[Chart] = (), docs_url: str | None = None
) -> str:
    """The report as one HTML page.

    >>> from medconsortium import api
    >>> registry = api.load_registry()
    >>> ex = api.example(registry, "national")
    >>> report = api.assess_files(ex.network, ex.statistics, registry, "national", ex.year)
    >>> page = render_report_html(report, "en")
    >>> page.startswith('<!DOCTYPE html>') and 'id="summary"' in page and "http" not in page
    True
    """
    view = report_view(report, docs_url)
    other: Lang = "en" if lang == "zh" else "zh"
    return _ENV.get_template("report.html.j2").render(
        view=view,
        lang=lang,
        other=other,
        L=Label,
        charts=charts,
        colours=COLOURS,
        number=number,
        geometry={
            "width": WIDTH,
            "height": HEIGHT,
            "left": LEFT,
            "right": WIDTH - RIGHT,
            "top": TOP,
            "bottom": HEIGHT - 40,
        },
    )
