"""A report as flat rows: one dict per target result and per subject of a finding.

Rows have the same keys in the same order, values are plain ``str``, ``int``, ``float``,
``bool`` or None, so ``pandas.DataFrame(report.records())`` or ``csv.DictWriter`` takes
them as they are. A finding about several subjects (a rule over two consortia) gives one
row per subject, each with the finding's index in ``finding`` so that rows can be grouped
back; a finding about no subject gives one row with ``subject`` None.

>>> from medconsortium import api
>>> registry = api.load_registry(only=())
>>> ex = api.example(registry, "national")
>>> rows = api.assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year).records()
>>> list(rows[0]) == list(COLUMNS)
True
>>> next(r for r in rows if r["subject"] == "cn-ccm-1")["subject_name"]
'示例县医共体'
"""

from __future__ import annotations

from typing import Any

from ..engine import evaluation as _evaluation
from ..engine.evaluation import Report
from . import render as _render

#: The columns of every row, in order.
COLUMNS: tuple[str, ...] = (
    "kind",  # "target" or "finding"
    "id",  # the target's or rule's id
    "finding",  # index of the finding in report.findings (None for targets)
    "title_zh",
    "title_en",
    "subject",  # a division code, consortium id or institution id (None: the rule as a whole)
    "subject_name",  # its name, when the network or the jurisdictions know it
    "status",
    "strength",  # mandatory / in_principle / encouraged (findings only)
    "year",
    "indicator",
    "operator",
    "measured",  # a number (targets)
    "expected",  # a number (targets; for a trend, the reference year's value)
    "unit",
    "observed",  # what a rule found, as text (findings)
    "required",  # what the rule requires, as text (findings)
    "message_zh",
    "message_en",
    "exception",  # the id of the exception applied (findings shown as excepted)
    "level",  # division code of the level the target or rule comes from
    "plugin",
    "document",
    "clause",
    "jurisdiction",  # the jurisdiction assessed
)


def report_rows(report: Report) -> list[dict[str, Any]]:
    """The rows of ``report``: target results first, then findings, in report order."""
    names = dict(report.names)
    for j in report.chain:
        names.setdefault(j.code, j.name.zh)
    base: dict[str, Any] = dict.fromkeys(COLUMNS)
    rows: list[dict[str, Any]] = []
    for t in report.targets:
        row = dict(base)
        row.update(
            kind="target",
            id=t.target,
            title_zh=t.title.zh,
            title_en=t.title.en,
            subject=t.subject,
            subject_name=names.get(t.subject) if t.subject else None,
            status=t.status.value,
            year=t.year,
            indicator=t.indicator,
            operator=t.operator,
            measured=t.measured,
            expected=t.expected,
            unit=t.unit,
            message_zh=t.message.zh,
            message_en=t.message.en,
            level=t.level,
            plugin=t.plugin,
            document=t.citation.document,
            clause=t.citation.clause,
            jurisdiction=report.jurisdiction.code,
        )
        rows.append(row)
    for index, f in enumerate(report.findings):
        for subject in f.subjects or (None,):
            row = dict(base)
            row.update(
                kind="finding",
                id=f.rule,
                finding=index,
                title_zh=f.title.zh,
                title_en=f.title.en,
                subject=subject,
                subject_name=names.get(subject) if subject else None,
                status=f.status.value,
                strength=f.strength.value,
                year=report.year,
                observed=f.measured,
                required=f.expected,
                message_zh=f.message.zh,
                message_en=f.message.en,
                exception=f.exception.id if f.exception else None,
                level=f.level,
                plugin=f.plugin,
                document=f.citation.document,
                clause=f.citation.clause,
                jurisdiction=report.jurisdiction.code,
            )
            rows.append(row)
    return rows


# Report.to_dict(), to_json() and records() call these; registering here keeps the engine
# free of this layer (it renders the engine's results, not the other way round). Here, not in
# render: listing the policy imports render, and the engine's evaluation is not needed there.
_evaluation.SERIALISERS["dict"] = _render.report_json
_evaluation.SERIALISERS["json"] = _render.report_text
_evaluation.SERIALISERS["records"] = report_rows

__all__ = ["COLUMNS", "report_rows"]
