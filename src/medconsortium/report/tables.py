"""Results as tables: the sheets of the Excel report and the rows of the CSV report.

Each command's result becomes a few :class:`Table` objects (a summary, targets, rules,
exceptions, citations...). :mod:`.xlsx` writes each as a sheet, :mod:`.csv` writes the
one table that holds a row per result. Column keys are the documented CSV columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ..engine.listing import Comparison, PolicyListing
from ..engine.referral_checks import BatchReport
from ..model.labels import Label, Lang
from ..plugins.registry import Registry
from .render import _comparison_text, _requirement
from .status import StatusStyle, finding_style, strength_label
from .view import Item, ReportView


@attrs.frozen
class Column:
    key: str
    label: Label
    width: int = 0  # 0: fit the content; otherwise a fixed width with wrapped text


@attrs.frozen
class Table:
    """A sheet: its name, columns and rows; ``status``: the column (key) holding status
    labels, coloured by conditional formatting."""

    name: Label
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    status: str | None = None
    styles: tuple[StatusStyle, ...] = ()


_C = Column
RESULT_COLUMNS = (
    _C("kind", Label("类别", "kind")),
    _C("id", Label("编号", "id")),
    _C("title", Label("名称", "title"), 40),
    _C("level", Label("层级", "level")),
    _C("subject", Label("对象", "subject"), 40),
    _C("status", Label("状态", "status")),
    _C("status_key", Label("状态代码", "status key")),
    _C("strength", Label("约束力", "strength")),
    _C("measured", Label("实际", "measured")),
    _C("expected", Label("要求", "expected")),
    _C("message", Label("说明", "explanation"), 50),
    _C("document", Label("文件", "document")),
    _C("clause", Label("条款", "clause")),
    _C("quote", Label("原文", "quote"), 80),
    _C("exception", Label("例外", "exception"), 40),
    _C("missing", Label("缺少的数据", "data missing"), 50),
)


def _item_row(item: Item, lang: Lang) -> tuple[Any, ...]:
    exception = ""
    if item.exception:
        x = item.exception
        exception = f"{x['reason'][lang]} ({x['citation']['document']} {x['citation']['clause']})"
    return (
        Label("目标", "target").pick(lang) if item.kind == "target" else Label("规则", "rule").pick(lang),
        item.id,
        item.title.pick(lang),
        item.level.pick(lang),
        "; ".join(item.subjects),
        item.style.shown(lang),
        item.style.key,
        item.strength.show(lang) if item.strength else "",
        item.measured,
        item.expected,
        item.message.pick(lang),
        item.citation["document"],
        item.citation["clause"],
        item.citation["text"],
        exception,
        item.missing.pick(lang) if item.missing is not None else "",
    )


def report_tables(view: ReportView, lang: Lang) -> list[Table]:
    """Summary, targets, rules, exceptions, citations."""
    summary_rows: list[tuple[Any, ...]] = [
        (Label("报告", "report").show(lang), view.title.pick(lang)),
        (Label("适用层级", "levels").show(lang), view.levels.pick(lang)),
    ]
    if view.synthetic:
        summary_rows.append(
            (Label("注意", "note").show(lang), Label("统计数据为合成示例数据", "synthetic data").show(lang))
        )
    summary_rows += [(Label("结论", "summary").show(lang), s.pick(lang)) for s in view.sentences()]
    summary_rows += [(key, value) for key, value in view.counts.items()]
    for gap in view.gaps:
        missing = "".join(f" — {line.pick(lang)}" for line in gap.missing)
        summary_rows.append(
            (
                Label("无法评估", "not assessable").show(lang),
                f"{gap.title.pick(lang)} ×{gap.count}: {gap.reason.pick(lang)}{missing}",
            )
        )
    styles = tuple({i.style.zh: i.style for i in view.items}.values())
    tables = [
        Table(
            Label("汇总", "summary"),
            (_C("key", Label("项目", "item")), _C("value", Label("内容", "value"), 100)),
            tuple(summary_rows),
        ),
        Table(
            Label("目标", "targets"),
            RESULT_COLUMNS,
            tuple(_item_row(i, lang) for i in view.targets),
            "status",
            styles,
        ),
        Table(
            Label("规则", "rules"),
            RESULT_COLUMNS,
            tuple(_item_row(i, lang) for i in view.findings),
            "status",
            styles,
        ),
        Table(
            Label("例外", "exceptions"),
            RESULT_COLUMNS,
            tuple(_item_row(i, lang) for i in view.findings if i.exception),
            "status",
            styles,
        ),
        citation_table(view.items),
    ]
    if not view.targets:
        del tables[1]
    return tables


def citation_table(items: Sequence[Item]) -> Table:
    seen: dict[tuple[str, str, str], list[str]] = {}
    for item in items:
        c = item.citation
        seen.setdefault((c["document"], c["clause"], c["text"]), [])
        if item.id not in seen[(c["document"], c["clause"], c["text"])]:
            seen[(c["document"], c["clause"], c["text"])].append(item.id)
    return Table(
        Label("出处", "citations"),
        (
            _C("document", Label("文件", "document")),
            _C("clause", Label("条款", "clause")),
            _C("quote", Label("原文", "quote"), 80),
            _C("used_by", Label("引用于", "used by"), 40),
        ),
        tuple((d, c, t, "; ".join(ids)) for (d, c, t), ids in sorted(seen.items())),
    )


def report_csv_table(view: ReportView, lang: Lang) -> Table:
    return Table(Label("结果", "results"), RESULT_COLUMNS, tuple(_item_row(i, lang) for i in view.items))


LISTING_COLUMNS = (
    _C("kind", Label("类别", "kind")),
    _C("id", Label("编号", "id")),
    _C("title", Label("名称", "title"), 40),
    _C("level", Label("层级", "level")),
    _C("strength", Label("约束力", "strength")),
    _C("requirement", Label("要求", "requirement"), 30),
    _C("deadline", Label("期限", "deadline")),
    _C("document", Label("文件", "document")),
    _C("clause", Label("条款", "clause")),
    _C("quote", Label("原文", "quote"), 80),
)


def listing_tables(listing: PolicyListing, registry: Registry, lang: Lang) -> list[Table]:
    names = {j.code: j.name.pick(lang) for j in listing.chain}
    rows: list[tuple[Any, ...]] = []
    for t in listing.targets:
        target = t.item
        rows.append(
            (
                Label("目标", "target").pick(lang),
                target.id,
                target.title.pick(lang),
                names.get(t.level or "", ""),
                "",
                _requirement(target, lang),
                target.deadline.isoformat() if target.deadline else "",
                target.citation.document,
                target.citation.clause,
                target.citation.text,
            )
        )
    for kind, entries in (
        (Label("规则", "rule"), listing.rules),
        (Label("转诊规则", "referral rule"), listing.referral_rules),
    ):
        for r in entries:
            rule = r.item
            rows.append(
                (
                    kind.pick(lang),
                    rule.id,
                    rule.title.pick(lang),
                    names.get(r.level or "", ""),
                    strength_label(rule.strength.value).show(lang),
                    "",
                    "",
                    rule.citation.document,
                    rule.citation.clause,
                    rule.citation.text,
                )
            )
    for x in listing.exceptions:
        exc = x.item
        rows.append(
            (
                Label("例外", "exception").pick(lang),
                exc.id,
                exc.reason.pick(lang),
                names.get(x.level or "", ""),
                "",
                exc.rule,
                "",
                exc.citation.document,
                exc.citation.clause,
                exc.citation.text,
            )
        )
    documents = Table(
        Label("政策文件", "documents"),
        (
            _C("number", Label("文号", "number")),
            _C("title", Label("标题", "title"), 60),
            _C("issuer", Label("发布机关", "issuer")),
            _C("issued", Label("日期", "date")),
            _C("level", Label("层级", "level")),
        ),
        tuple(
            (
                d.item.number,
                d.item.title,
                d.item.issuer.pick(lang),
                d.item.issued_text,
                names.get(d.item.jurisdiction, ""),
            )
            for d in listing.documents
        ),
    )
    summary = Table(
        Label("汇总", "summary"),
        (_C("key", Label("项目", "item")), _C("value", Label("内容", "value"), 80)),
        (
            (Label("辖区", "jurisdiction").show(lang), listing.jurisdiction.name.show(lang)),
            (Label("适用层级", "levels").show(lang), " › ".join(j.name.pick(lang) for j in listing.chain)),
            (Label("截至", "as of").show(lang), listing.as_of.isoformat() if listing.as_of else "—"),
            ("targets", len(listing.targets)),
            ("rules", len(listing.rules)),
            ("referral_rules", len(listing.referral_rules)),
            ("exceptions", len(listing.exceptions)),
        ),
    )
    return [summary, documents, Table(Label("目标与规则", "targets and rules"), LISTING_COLUMNS, tuple(rows))]


COMPARISON_COLUMNS = (
    _C("indicator", Label("指标", "indicator")),
    _C("basis", Label("口径", "basis")),
    _C("jurisdiction", Label("辖区", "jurisdiction")),
    _C("requirement", Label("要求", "requirement"), 40),
    _C("strictest", Label("最严格", "strictest")),
    _C("document", Label("文件", "document")),
    _C("quote", Label("原文", "quote"), 80),
)


def comparison_tables(comparison: Comparison, lang: Lang) -> list[Table]:
    rows: list[tuple[Any, ...]] = []
    for row in comparison.rows:
        for j, cell in zip(comparison.jurisdictions, row.cells, strict=True):
            for t in cell.targets:
                requirement = _comparison_text(t, lang) + (f" ({t.deadline.year})" if t.deadline else "")
                rows.append(
                    (
                        row.indicator,
                        row.basis.value,
                        j.name.pick(lang),
                        requirement,
                        "★" if cell.stricter else "",
                        f"{t.citation.document} {t.citation.clause}",
                        t.citation.text,
                    )
                )
    return [Table(Label("目标对比", "comparison"), COMPARISON_COLUMNS, tuple(rows))]


BATCH_COLUMNS = (
    _C("kind", Label("类别", "kind")),
    _C("rule", Label("规则", "rule"), 40),
    _C("status", Label("状态", "status")),
    _C("status_key", Label("状态代码", "status key")),
    _C("count", Label("数量", "count")),
    _C("referral", Label("转诊", "referral")),
    _C("message", Label("说明", "explanation"), 50),
    _C("document", Label("文件", "document")),
    _C("clause", Label("条款", "clause")),
    _C("quote", Label("原文", "quote"), 80),
)


def batch_tables(report: BatchReport, lang: Lang) -> list[Table]:
    rows: list[tuple[Any, ...]] = []
    styles = []
    for rule, status, count in report.rule_counts():
        # Every rule counted has its strength in the report (the details may be cut by --limit).
        style = finding_style(status, report.strengths[rule].value)
        styles.append(style)
        rows.append(
            (
                Label("计数", "count").pick(lang),
                report.titles[rule].pick(lang) + f" [{rule}]",
                style.shown(lang),
                status,
                count,
                "",
                "",
                "",
                "",
                "",
            )
        )
    for f in report.details:
        style = finding_style(f.status.value, f.strength.value)
        styles.append(style)
        rows.append(
            (
                Label("明细", "detail").pick(lang),
                f.title.pick(lang) + f" [{f.rule}]",
                style.shown(lang),
                f.status.value,
                1,
                ", ".join(f.subjects),
                f.message.pick(lang),
                f.citation.document,
                f.citation.clause,
                f.citation.text,
            )
        )
    summary = Table(
        Label("汇总", "summary"),
        (_C("key", Label("项目", "item")), _C("value", Label("内容", "value"), 80)),
        ((Label("文件", "file").show(lang), report.source), *report.summary().items()),
    )
    errors = Table(
        Label("错误记录", "bad records"),
        (
            _C("line", Label("行", "line")),
            _C("referral", Label("转诊", "referral")),
            _C("problem", Label("问题", "problem"), 80),
        ),
        tuple((e.line, e.referral or "", e.message) for e in report.errors),
    )
    unique = tuple({s.zh: s for s in styles}.values())
    return [
        summary,
        Table(Label("转诊检查", "referral check"), BATCH_COLUMNS, tuple(rows), "status", unique),
        errors,
    ]
