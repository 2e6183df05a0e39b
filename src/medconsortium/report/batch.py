"""Rendering a referral batch report (:class:`~medconsortium.engine.referral_checks.BatchReport`)
as text, Markdown, HTML or JSON.

With the documentation's address (``--docs-url``) every referral rule the report names
links to its item in the policy reference: JSON gives each rule count and finding its
``permalink``; text, Markdown and HTML add a list of the rules with their links. Without
it the report is what it was before permalinks (``permalink`` is ``null`` in JSON).
"""

from __future__ import annotations

from typing import Any

from ..engine.referral_checks import BatchReport
from ..model.labels import Label, Lang
from ..policy.findings import FindingStatus, status_text
from .render import _REFERENCE, Format, _Doc, _Link, chain_linker, dumps, finding_json, jurisdiction_json


def batch_json(report: BatchReport, docs_url: str | None = None) -> dict[str, Any]:
    """The stable JSON shape of a batch report; with ``docs_url`` each rule count and
    finding carries its rule's ``permalink`` in the policy reference."""
    link = chain_linker(report.chain, docs_url)
    return {
        "command": "referral check",
        "jurisdiction": jurisdiction_json(report.jurisdiction),
        "chain": [j.code for j in report.chain],
        "source": report.source,
        "summary": report.summary(),
        "rules": [
            {"rule": rule, "status": status, "count": count, "permalink": link(report.levels[rule], rule)}
            for rule, status, count in report.rule_counts()
        ],
        "findings": [{**finding_json(f), "permalink": link(f.level, f.rule)} for f in report.details],
        "omitted_findings": report.omitted_details,
        "bad_records": [
            {"line": e.line, "referral": e.referral, "message": e.message} for e in report.errors
        ],
        "omitted_bad_records": report.omitted_errors,
    }


def render_batch(
    report: BatchReport, fmt: Format = "text", lang: Lang = "zh", docs_url: str | None = None
) -> str:
    """Render a batch report as text, Markdown, HTML or JSON; with ``docs_url`` (the
    documentation's address) every rule it names links to the policy reference."""
    if fmt == "json":
        return dumps(batch_json(report, docs_url))
    j = report.jurisdiction
    doc = _Doc(f"{j.name.show(lang)} — " + Label("转诊检查", "referral check").show(lang))
    doc.para(
        Label(
            "适用层级：" + " › ".join(c.name.zh for c in report.chain) + f"；文件 {report.source}",
            "Levels: " + " › ".join(c.name.en for c in report.chain) + f"; file {report.source}",
        ).pick(lang)
    )
    doc.para(
        Label("汇总：", "Summary: ").pick(lang) + ", ".join(f"{k}={v}" for k, v in report.summary().items())
    )
    doc.heading(Label("各规则结果", "Results per rule").show(lang))
    doc.table(
        [
            Label("规则", "rule").show(lang),
            Label("状态", "status").show(lang),
            Label("数量", "count").show(lang),
        ],
        [
            [
                report.titles[rule].pick(lang) + f" [{rule}]",
                status_text(FindingStatus(status), report.strengths[rule], lang),
                count,
            ]
            for rule, status, count in report.rule_counts()
        ],
    )
    if docs_url:
        _rule_links(doc, report, lang, docs_url)
    doc.heading(Label("不符合与无法评估", "Failures and not assessable").show(lang))
    doc.table(
        [
            Label("转诊", "referral").show(lang),
            Label("规则", "rule").show(lang),
            Label("状态", "status").show(lang),
            Label("结果", "result").show(lang),
            Label("出处", "source").show(lang),
        ],
        [
            [
                ", ".join(f.subjects),
                f.title.pick(lang),
                status_text(f.status, f.strength, lang),
                f.message.pick(lang),
                f"{f.citation.document} {f.citation.clause}",
            ]
            for f in report.details
        ],
    )
    if report.omitted_details:
        doc.para(
            Label(
                f"另有 {report.omitted_details} 条未列出", f"{report.omitted_details} more not listed"
            ).pick(lang)
        )
    doc.heading(Label("错误记录", "Bad records").show(lang))
    doc.table(
        [
            Label("行", "line").show(lang),
            Label("转诊", "referral").show(lang),
            Label("问题", "problem").show(lang),
        ],
        [[e.line, e.referral or "—", e.message] for e in report.errors],
    )
    if report.omitted_errors:
        doc.para(
            Label(f"另有 {report.omitted_errors} 条未列出", f"{report.omitted_errors} more not listed").pick(
                lang
            )
        )
    return doc.render(fmt)


def _rule_links(doc: _Doc, report: BatchReport, lang: Lang, docs_url: str) -> None:
    """Each rule counted (the findings listed are of these rules too), with the link to its
    item in the policy reference."""
    link = chain_linker(report.chain, docs_url)
    entries: list[tuple[str, list[str | _Link]]] = []
    for rule in sorted(report.titles):
        url = link(report.levels[rule], rule)
        if url is not None:
            entries.append(
                (report.titles[rule].pick(lang) + f" [{rule}]", [_Link(_REFERENCE.pick(lang), url)])
            )
    doc.heading(Label("各规则的政策参考", "Each rule in the policy reference").show(lang))
    doc.items(entries)
