# Longer than 400 lines on purpose: every format goes through one document builder (_Doc), so text,
# Markdown, HTML and JSON agree.
"""Rendering results as text, Markdown, HTML or JSON.

The JSON shapes are the documented, stable contract (docs/json.rst). The other formats
are for people: labels in both languages (the ``lang`` one first), quotes in Chinese.
Output depends only on the inputs: no timestamps, stable ordering, so the same inputs
give byte-identical reports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..model.jurisdictions import Jurisdiction
from ..model.labels import Label, Lang
from ..plugins.registry import Entry, Registry
from ..policy.catalog import ReferenceTable
from ..policy.documents import Citation, PolicyDocument
from ..policy.findings import (
    AppliedException,
    Finding,
    FindingStatus,
    TargetResult,
    TargetStatus,
    status_text,
)
from ..policy.targets import Target
from .jsonreport import Out, findings_text
from .jsontext import indented
from .missing import missing_json, missing_lines
from .permalinks import permalink

if TYPE_CHECKING:
    # Only annotations: listing the policy (``rules``) renders without the engine's
    # evaluation, which is not imported at its start; an assessment renders without the
    # listing's classes, which it never builds.
    from ..engine.evaluation import Report
    from ..engine.listing import Comparison, PolicyListing

Format = Literal["text", "markdown", "html", "json"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html", "json")

_TABLEFMT = {"text": "simple", "markdown": "pipe", "html": "html"}


def _escape(text: str, quote: bool = True) -> str:
    import html  # only HTML needs it (with its table of entities): not imported at every start

    return html.escape(text, quote)


# -- JSON pieces -------------------------------------------------------------------------
def _label(label: Label | None) -> dict[str, str] | None:
    return None if label is None else {"zh": label.zh, "en": label.en}


def citation_json(c: Citation) -> dict[str, str]:
    return {"document": c.document, "clause": c.clause, "text": c.text}


def jurisdiction_json(j: Jurisdiction) -> dict[str, Any]:
    return {
        "code": j.code,
        "slug": j.slug,
        "name": _label(j.name),
        "level": j.level.value,
        "parent": j.parent,
    }


def document_json(d: PolicyDocument) -> dict[str, Any]:
    return {
        "number": d.number,
        "title": d.title,
        "issuer": _label(d.issuer),
        "issued": d.issued_text,
        "printed": d.printed.isoformat() if d.printed else None,
        "jurisdiction": d.jurisdiction,
        "rests_on": list(d.rests_on),
    }


def target_json(entry: Entry[Target], registry: Registry) -> dict[str, Any]:
    t = entry.item
    scope = t.scope
    return {
        "id": t.id,
        "title": _label(t.title),
        "kind": t.kind.value,
        "indicator": t.indicator,
        "operator": t.operator.value if t.operator else None,
        "value": t.value,
        "unit": _target_unit(t, registry),
        "basis": t.basis.value,
        "base_year": t.base_year,
        "deadline": t.deadline.isoformat() if t.deadline else None,
        "effective": {
            "start": t.period.start.isoformat() if t.period.start else None,
            "end": t.period.end.isoformat() if t.period.end else None,
        },
        "scope": {
            "subject": scope.subject.value,
            "area_level": scope.area_level.value if scope.area_level else None,
            "consortium_kinds": sorted(k.value for k in scope.consortium_kinds),
            "role": scope.role.value if scope.role else None,
            "institution_types": sorted(k.value for k in scope.institution_types),
        },
        "note": _label(t.note),
        "level": entry.level,
        "plugin": entry.plugin,
        "citation": citation_json(t.citation),
    }


def _target_unit(t: Target, registry: Registry) -> str | None:
    if t.basis.value == "yoy_percent":
        return "percent"
    if t.indicator is None:
        return None
    return registry.indicators[t.indicator].item.unit.value


def rule_json(entry: Entry[Any]) -> dict[str, Any]:
    r = entry.item
    return {
        "id": r.id,
        "title": _label(r.title),
        "strength": r.strength.value,
        "description": _label(r.description),
        "level": entry.level,
        "plugin": entry.plugin,
        "citation": citation_json(r.citation),
    }


def _exception_json(x: AppliedException | None) -> dict[str, Any] | None:
    if x is None:
        return None
    return {"id": x.id, "level": x.level, "reason": _label(x.reason), "citation": citation_json(x.citation)}


def finding_json(f: Finding) -> dict[str, Any]:
    """A finding as the ``finding`` object of the JSON contract (docs/json.rst)."""
    return {
        "rule": f.rule,
        "title": _label(f.title),
        "strength": f.strength.value,
        "status": f.status.value,
        "subjects": list(f.subjects),
        "message": _label(f.message),
        "measured": f.measured,
        "expected": f.expected,
        "level": f.level,
        "plugin": f.plugin,
        "citation": citation_json(f.citation),
        "exception": _exception_json(f.exception),
    }


def target_result_json(r: TargetResult) -> dict[str, Any]:
    """A target result as the ``target_result`` object of the JSON contract."""
    return {
        "id": r.target,
        "title": _label(r.title),
        "subject": r.subject,
        "status": r.status.value,
        "indicator": r.indicator,
        "operator": r.operator,
        "measured": r.measured,
        "expected": r.expected,
        "unit": r.unit,
        "message": _label(r.message),
        "missing": missing_json(r),
        "level": r.level,
        "plugin": r.plugin,
        "citation": citation_json(r.citation),
    }


_REFERENCE = Label("政策参考：", "policy reference: ")


def _problems_and_their_text(
    doc: _Doc, report: Report, lang: Lang, link: Callable[[str, str], str | None]
) -> None:
    doc.heading(Label("问题及其依据原文", "Problems and the text they rest on").show(lang))
    entries: list[tuple[str, list[str | _Link]]] = []
    for t in report.targets:
        if t.status is TargetStatus.NOT_MET:
            head = f"{t.title.pick(lang)} — {_subject(t.subject, report.names)}: {t.status.label.show(lang)}"
            details = [t.message.pick(lang), _quote(t.citation)]
            entries.append((head, [*details, *_link_line(link, t.level, t.target, lang)]))
    for f in report.findings:
        if f.status in _PROBLEMS:
            subjects = ", ".join(_subject(s, report.names) for s in f.subjects)
            head = f"{f.title.pick(lang)} — {subjects}: {finding_status(f, lang)}"
            details = [f.message.pick(lang), _quote(f.citation)]
            if f.exception is not None:
                details.append(
                    Label("例外：", "exception: ").pick(lang)
                    + f"{f.exception.reason.pick(lang)} {_quote(f.exception.citation)}"
                )
            entries.append((head, [*details, *_link_line(link, f.level, f.rule, lang)]))
    doc.items(entries)


@attrs.frozen
class _Link:
    """A detail line that is a link: a real link in HTML, an autolink in Markdown."""

    text: str
    url: str

    def render(self, fmt: Format) -> str:
        if fmt == "html":
            url = _escape(self.url, quote=True)
            return f'{_escape(self.text)}<a href="{url}">{url}</a>'
        return f"{self.text}<{self.url}>" if fmt == "markdown" else f"{self.text}{self.url}"


def _link_line(link: Callable[[str, str], str | None], level: str, ident: str, lang: Lang) -> list[_Link]:
    """The line that links a result to its item in the policy reference, if there is an address."""
    url = link(level, ident)
    return [] if url is None else [_Link(_REFERENCE.pick(lang), url)]


def _explanations(doc: _Doc, report: Report, lang: Lang, link: Callable[[str, str], str | None]) -> None:
    # Reports only: listing the policy renders no explanation, and does not import them.
    from ..policy.explanations import explain_finding, explain_target

    doc.heading(Label("说明：每项结果的依据", "Explanations: what each result rests on").show(lang))
    entries: list[tuple[str, list[str | _Link]]] = []
    for t in report.targets:
        subject = _subject(t.subject, report.names)
        head = f"{t.title.pick(lang)} [{t.target}] — {subject}: {t.status.label.show(lang)}"
        entries.append((head, [*explain_target(t).lines(lang), *_link_line(link, t.level, t.target, lang)]))
    for f in report.findings:
        subjects = ", ".join(_subject(s, report.names) for s in f.subjects)
        head = f"{f.title.pick(lang)} [{f.rule}] — {subjects}: {finding_status(f, lang)}"
        lines = explain_finding(f, report.as_of, report.names).lines(lang)
        entries.append((head, [*lines, *_link_line(link, f.level, f.rule, lang)]))
    doc.items(entries)


def _quote(c: Citation) -> str:
    return f"{c.document} {c.clause}「{c.text}」"


def report_json(report: Report, docs_url: str | None = None) -> dict[str, Any]:
    """The JSON renderer of ``assess`` and ``validate``: a report as the ``report`` object
    of the JSON contract, as Python data (``Report.to_dict()`` calls it). With
    ``docs_url`` each result carries its ``permalink`` in the policy reference."""
    link = _linker(report, docs_url)
    data = report_head(report, link)
    data["findings"] = [finding_entry(f, report, link) for f in report.findings]
    return data


def report_text(report: Report, docs_url: str | None = None) -> str:
    """``dumps(report_json(report, docs_url))``, the same text, its findings written
    straight from them (:mod:`medconsortium.report.jsonreport`)."""
    return "".join(_report_pieces(report, docs_url, str))


def report_utf8(report: Report, docs_url: str | None = None) -> bytes:
    """:func:`report_text` as UTF-8, what a report file holds, written in bytes from the
    start: what the findings of a rule share is encoded once, not once per finding, and the
    whole text is never encoded again (on the 1x province, encoding the 11.8M characters
    was 154M callgrind instructions). ``UnicodeEncodeError`` where the text holds what
    UTF-8 cannot (a lone surrogate), as encoding :func:`report_text` would."""
    return b"".join(_report_pieces(report, docs_url, str.encode))


def _report_pieces(report: Report, docs_url: str | None, out: Callable[[str], Out]) -> list[Out]:
    link = _linker(report, docs_url)
    head = report_head(report, link)
    head["findings"] = []
    text = indented(head)
    # As explain_finding reads them (report_json's explanations).
    day, names = report.as_of.isoformat(), report.names or {}

    def generic(f: Finding) -> str:
        return indented(finding_entry(f, report, link), 2)

    pieces = [out(text[: -len("[]\n}")])]
    pieces += findings_text(report.findings, link, day, names, generic, out)
    # The findings are the last member: their empty list ends the header's text.
    pieces.append(out("\n}\n"))
    return pieces


def report_head(report: Report, link: Callable[[str, str], str | None]) -> dict[str, Any]:
    """The ``report`` object up to its findings (they come last): the header and the targets."""
    from ..policy.explanations import explain_target  # as in _explanations

    return {
        "command": report.command,
        "jurisdiction": jurisdiction_json(report.jurisdiction),
        "chain": [j.code for j in report.chain],
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "synthetic": report.synthetic,
        "summary": report.counts(),
        "targets": [
            {
                **target_result_json(t),
                "explanation": explain_target(t).to_json(),
                "permalink": link(t.level, t.target),
            }
            for t in report.targets
        ],
    }


def finding_entry(f: Finding, report: Report, link: Callable[[str, str], str | None]) -> dict[str, Any]:
    """A finding as it stands in the ``report`` object: with its explanation and permalink."""
    from ..policy.explanations import explain_finding  # as in _explanations

    return {
        **finding_json(f),
        "explanation": explain_finding(f, report.as_of, report.names).to_json(),
        "permalink": link(f.level, f.rule),
    }


def _linker(report: Report, docs_url: str | None) -> Callable[[str, str], str | None]:
    """(level code, item id) → the item's permalink (``None`` without ``docs_url``)."""
    return chain_linker(report.chain, docs_url)


def chain_linker(chain: Sequence[Jurisdiction], docs_url: str | None) -> Callable[[str, str], str | None]:
    """(level code, item id) → the item's permalink on the page of its level in ``chain``
    (``None`` without ``docs_url``); every report that names results links through this.

    >>> from medconsortium import Registry
    >>> registry = Registry.load(only=())
    >>> link = chain_linker(registry.chain("100000"), "https://d.example/mc")
    >>> link("100000", "national.upward_priority")
    'https://d.example/mc/_generated/jurisdictions/national.html#national.upward_priority'
    >>> chain_linker(registry.chain("100000"), None)("100000", "national.upward_priority") is None
    True
    """
    slugs = {j.code: j.slug for j in chain}
    return lambda level, ident: permalink(docs_url, slugs.get(level), ident)


def listing_json(listing: PolicyListing, registry: Registry) -> dict[str, Any]:
    """A policy listing (``rules``) as the ``listing`` object of the JSON contract."""
    return {
        "jurisdiction": jurisdiction_json(listing.jurisdiction),
        "chain": [j.code for j in listing.chain],
        "as_of": listing.as_of.isoformat() if listing.as_of else None,
        "documents": [document_json(d.item) for d in listing.documents],
        "targets": [target_json(t, registry) for t in listing.targets],
        "rules": [rule_json(r) for r in listing.rules],
        "referral_rules": [rule_json(r) for r in listing.referral_rules],
        "exceptions": [
            {
                "id": x.item.id,
                "rule": x.item.rule,
                "subjects": sorted(x.item.subjects),
                "reason": _label(x.item.reason),
                "level": x.level,
                "plugin": x.plugin,
                "citation": citation_json(x.item.citation),
            }
            for x in listing.exceptions
        ],
        "reference_tables": [reference_table_json(t) for t in listing.reference_tables],
    }


def reference_table_json(entry: Entry[ReferenceTable]) -> dict[str, Any]:
    """A named list of a document (lead hospitals, alliances, members), row by row."""
    t = entry.item
    return {
        "id": t.id,
        "title": _label(t.title),
        "columns": [_label(c) for c in t.columns],
        "rows": [list(row) for row in t.rows],
        "level": entry.level,
        "plugin": entry.plugin,
        "citation": citation_json(t.citation),
    }


def dumps(data: Any) -> str:
    """JSON text as every command prints it: UTF-8 characters unescaped, indented by two,
    a final newline; keys in the order the renderers build them."""
    return indented(data) + "\n"


# -- people's formats ---------------------------------------------------------------------
#: Findings listed with their sentence in every report.
_PROBLEMS = frozenset({FindingStatus.FAIL, FindingStatus.EXCEPTED, FindingStatus.ADVISORY})


@attrs.frozen
class _Doc:
    """A document for people: a title, paragraphs and tables, rendered per format."""

    title: str
    lang: Lang = "zh"
    blocks: list[tuple[str, Any]] = attrs.field(factory=list)

    def para(self, text: str) -> None:
        self.blocks.append(("p", text))

    def heading(self, text: str) -> None:
        self.blocks.append(("h", text))

    def items(self, entries: Sequence[tuple[str, Sequence[str | _Link]]]) -> None:
        """A list of entries, each a line with indented detail lines (quotes stay whole)."""
        self.blocks.append(("l", [(head, list(details)) for head, details in entries]))

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[Any]], keep_whole: int | None = None
    ) -> None:
        """A table; in text, long cells wrap, except column ``keep_whole`` (a quote, which
        must stay one searchable line)."""
        self.blocks.append(("t", (list(headers), [list(r) for r in rows], keep_whole)))

    def render(self, fmt: Format) -> str:
        from tabulate import tabulate  # only the text, Markdown and HTML formats need it

        out: list[str] = []
        if fmt == "html":
            out.append(
                f'<!DOCTYPE html>\n<html lang="{self.lang}">\n'
                '<head>\n<meta charset="utf-8">\n'
                f"<title>{_escape(self.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
                f"<h1>{_escape(self.title)}</h1>"
            )
        elif fmt == "markdown":
            out.append(f"# {self.title}")
        else:
            out.append(self.title)
            out.append("=" * min(78, _width(self.title)))
        for kind, content in self.blocks:
            if kind == "p":
                out.append(f"<p>{_escape(content)}</p>" if fmt == "html" else content)
            elif kind == "l":
                out.append(_render_items(content, fmt))
            elif kind == "h":
                if fmt == "html":
                    out.append(f"<h2>{_escape(content)}</h2>")
                elif fmt == "markdown":
                    out.append(f"## {content}")
                else:
                    out.append(f"{content}\n{'-' * min(78, _width(content))}")
            else:
                headers, rows, keep_whole = content
                if not rows:
                    out.append("(none)" if fmt != "html" else "<p>(none)</p>")
                    continue
                if fmt == "markdown":
                    rows = [[_md_cell(c) for c in row] for row in rows]
                out.append(
                    tabulate(
                        rows,
                        headers=headers,
                        tablefmt=_TABLEFMT[fmt],
                        disable_numparse=True,
                        # keeps the indentation of the jurisdiction tree
                        preserve_whitespace=True,
                        # a terminal table wraps long cells instead of running off the screen
                        maxcolwidths=_text_widths(len(headers), keep_whole) if fmt == "text" else None,
                    )
                )
        if fmt == "html":
            out.append("</body>\n</html>")
        return "\n\n".join(out) + "\n"


def _render_items(entries: list[tuple[str, list[str | _Link]]], fmt: Format) -> str:
    if not entries:
        return "<p>(none)</p>" if fmt == "html" else "(none)"
    if fmt == "html":
        parts = []
        for head, details in entries:
            inner = "".join(
                f"<li>{d.render(fmt) if isinstance(d, _Link) else _escape(d)}</li>" for d in details
            )
            parts.append(f"<li>{_escape(head)}" + (f"<ul>{inner}</ul>" if inner else "") + "</li>")
        return "<ul>\n" + "\n".join(parts) + "\n</ul>"
    lines = []
    for head, details in entries:
        lines.append(f"- {_md_cell(head) if fmt == 'markdown' else head}")
        shown = (d.render(fmt) if isinstance(d, _Link) else d for d in details)
        lines.extend(f"    - {d}" if fmt == "markdown" else f"    {d}" for d in shown)
    return "\n".join(lines)


#: Widest cell of a text table, in terminal columns (a CJK character takes two).
_TEXT_CELL_WIDTH = 30


def _text_widths(columns: int, keep_whole: int | None) -> list[int | None]:
    return [None if i == keep_whole else _TEXT_CELL_WIDTH for i in range(columns)]


_CSS = (
    "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em;line-height:1.4}"
    "table{border-collapse:collapse;margin:1em 0;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;text-align:left}"
    "th{background:#f3f3f3}"
)


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _md_cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _level_name(code: str, chain: Sequence[Jurisdiction], lang: Lang) -> str:
    for j in chain:
        if j.code == code:
            return j.name.pick(lang)
    return code


def _cite_short(c: Citation) -> str:
    return f"{c.document} {c.clause}"


_HEAD = {
    "level": Label("层级", "level"),
    "target": Label("目标", "target"),
    "rule": Label("规则", "rule"),
    "subject": Label("对象", "subject"),
    "status": Label("状态", "status"),
    "result": Label("结果", "result"),
    "source": Label("出处", "source"),
    "strength": Label("约束力", "strength"),
    "quote": Label("原文", "quote"),
    "indicator": Label("指标", "indicator"),
    "requirement": Label("要求", "requirement"),
    "deadline": Label("期限", "deadline"),
}


def finding_status(f: Finding, lang: Lang) -> str:
    """A finding's status as the text, Markdown and HTML reports show it
    (:func:`~medconsortium.findings.status_text`: in principle and advisory say so)."""
    return status_text(f.status, f.strength, lang)


def _h(key: str, lang: Lang) -> str:
    return _HEAD[key].show(lang)


def _subject(subject: str | None, names: Mapping[str, str]) -> str:
    if subject is None:
        return "—"
    name = names.get(subject)
    return f"{name} [{subject}]" if name else subject


def render_report(
    report: Report,
    fmt: Format = "text",
    lang: Lang = "zh",
    explain: bool = False,
    docs_url: str | None = None,
) -> str:
    """Render an assessment or validation report.

    Every failure, unmet target, exception and advisory finding is listed with the sentence
    it rests on; ``explain`` adds, for every result, what was read and computed
    (:mod:`medconsortium.policy.explanations`). JSON always carries the explanations.
    With ``docs_url`` (the documentation's address) each problem and explanation links to
    its item in the policy reference, and JSON gives each result's ``permalink``.
    """
    if fmt == "json":
        return report_text(report, docs_url)
    link = _linker(report, docs_url)
    names = report.names
    j = report.jurisdiction
    what = Label("评估", "assessment") if report.command == "assess" else Label("校验", "validation")
    title = f"{j.name.show(lang)} — {what.show(lang)}" + (f" {report.year}" if report.year else "")
    doc = _Doc(title, lang)
    doc.para(
        Label(
            "适用层级：" + " › ".join(c.name.zh for c in report.chain) + f"；截至 {report.as_of.isoformat()}",
            "Levels: " + " › ".join(c.name.en for c in report.chain) + f"; as of {report.as_of.isoformat()}",
        ).pick(lang)
    )
    if report.synthetic:
        doc.para(
            Label(
                "注意：统计数据为合成示例数据，不是真实统计。",
                "Note: the statistics are synthetic example data, not real figures.",
            ).pick(lang)
        )
    summary = ", ".join(f"{k}={v}" for k, v in report.counts().items())
    doc.para(Label("汇总：", "Summary: ").pick(lang) + summary)
    if report.command == "assess":
        doc.heading(Label("目标", "Targets").show(lang))
        doc.table(
            [
                _h("level", lang),
                _h("target", lang),
                _h("subject", lang),
                _h("status", lang),
                _h("result", lang),
                _h("source", lang),
            ],
            [
                [
                    _level_name(t.level, report.chain, lang),
                    t.title.pick(lang),
                    _subject(t.subject, names),
                    t.status.label.show(lang),
                    t.message.pick(lang),
                    _cite_short(t.citation),
                ]
                for t in report.targets
            ],
        )
    doc.heading(Label("规则", "Rules").show(lang))
    doc.table(
        [
            _h("level", lang),
            _h("rule", lang),
            _h("subject", lang),
            _h("status", lang),
            _h("result", lang),
            _h("source", lang),
        ],
        [
            [
                _level_name(f.level, report.chain, lang),
                f.title.pick(lang),
                ", ".join(_subject(s, names) for s in f.subjects),
                finding_status(f, lang),
                f.message.pick(lang)
                + (
                    " — "
                    + Label("例外：", "exception: ").pick(lang)
                    + f.exception.reason.pick(lang)
                    + f" ({_cite_short(f.exception.citation)})"
                    if f.exception
                    else ""
                ),
                _cite_short(f.citation),
            ]
            for f in report.findings
        ],
    )
    _missing_data(doc, report, lang)
    _problems_and_their_text(doc, report, lang, link)
    if explain:
        _explanations(doc, report, lang, link)
    return doc.render(fmt)


def _missing_data(doc: _Doc, report: Report, lang: Lang) -> None:
    """The targets not assessable for want of data, each with the metrics to record
    (the JSON report's ``missing``)."""
    entries = []
    names = {**{j.code: j.name.zh for j in report.chain}, **report.names}
    for t in report.targets:
        lines = [line.pick(lang) for line in missing_lines(missing_json(t), names)]
        if lines:
            entries.append((f"{t.title.pick(lang)} — {_subject(t.subject, report.names)}", lines))
    if entries:
        doc.heading(Label("无法评估：缺少的数据", "Not assessable: the data missing").show(lang))
        doc.items(entries)


def render_listing(
    listing: PolicyListing, registry: Registry, fmt: Format = "text", lang: Lang = "zh"
) -> str:
    """Render what applies in a jurisdiction, every item with its quoted sentence."""
    if fmt == "json":
        return dumps(listing_json(listing, registry))
    j = listing.jurisdiction
    doc = _Doc(
        f"{j.name.show(lang)} — " + Label("适用的目标与规则", "targets and rules that apply").show(lang), lang
    )
    chain = listing.chain
    doc.para(" › ".join(f"{c.name.show(lang)} {c.code}" for c in chain))
    if listing.as_of:
        doc.para(Label("截至 ", "In force on ").pick(lang) + listing.as_of.isoformat())
    doc.heading(Label("政策文件", "Documents").show(lang))
    doc.table(
        [
            _h("level", lang),
            Label("文号", "number").show(lang),
            Label("标题", "title").show(lang),
            Label("发布机关", "issuer").show(lang),
            Label("日期", "date").show(lang),
        ],
        [
            [
                _level_name(d.item.jurisdiction, chain, lang),
                d.item.number,
                d.item.title,
                d.item.issuer.pick(lang),
                d.item.issued_text,
            ]
            for d in listing.documents
        ],
    )
    for level in chain:
        if not any(d.item.jurisdiction == level.code for d in listing.documents):
            doc.para(
                Label(
                    f"{level.name.zh}：本层级暂无已安装的政策文件。",
                    f"{level.name.en}: no document installed at this level.",
                ).pick(lang)
            )
    doc.heading(Label("目标", "Targets").show(lang))
    doc.table(
        [
            _h("level", lang),
            "id",
            _h("target", lang),
            _h("requirement", lang),
            _h("deadline", lang),
            _h("source", lang),
            _h("quote", lang),
        ],
        [
            [
                _level_name(t.level or "", chain, lang),
                t.item.id,
                t.item.title.pick(lang),
                _requirement(t.item, lang),
                t.item.deadline.isoformat() if t.item.deadline else _period(t.item, lang),
                _cite_short(t.item.citation),
                t.item.citation.text,
            ]
            for t in listing.targets
        ],
        keep_whole=6,
    )
    for heading, entries in (
        (Label("规则", "Rules"), listing.rules),
        (Label("转诊规则", "Referral rules"), listing.referral_rules),
    ):
        doc.heading(heading.show(lang))
        doc.table(
            [
                _h("level", lang),
                "id",
                _h("rule", lang),
                _h("strength", lang),
                _h("source", lang),
                _h("quote", lang),
            ],
            [
                [
                    _level_name(r.level or "", chain, lang),
                    r.item.id,
                    r.item.title.pick(lang),
                    r.item.strength.label.show(lang),
                    _cite_short(r.item.citation),
                    r.item.citation.text,
                ]
                for r in entries
            ],
            keep_whole=5,
        )
    doc.heading(Label("声明的例外", "Declared exceptions").show(lang))
    doc.table(
        [
            _h("level", lang),
            "id",
            _h("rule", lang),
            _h("subject", lang),
            Label("理由", "reason").show(lang),
            _h("source", lang),
            _h("quote", lang),
        ],
        [
            [
                _level_name(x.level or "", chain, lang),
                x.item.id,
                x.item.rule,
                ", ".join(
                    [*sorted(x.item.subjects)]
                    + (
                        [Label("理由所述类别", "the class the reason describes").pick(lang)]
                        if x.item.applies_to
                        else []
                    )
                ),
                x.item.reason.pick(lang),
                _cite_short(x.item.citation),
                x.item.citation.text,
            ]
            for x in listing.exceptions
        ],
        keep_whole=6,
    )
    _reference_tables(doc, listing, lang)
    return doc.render(fmt)


def _reference_tables(doc: _Doc, listing: PolicyListing, lang: Lang) -> None:
    """The named lists the documents give, each as its own table with its source."""
    doc.heading(Label("参考名录", "Reference tables").show(lang))
    if not listing.reference_tables:
        doc.para("(none)")
    for entry in listing.reference_tables:
        t = entry.item
        doc.para(
            f"{t.title.show(lang)} [{t.id}] — {_level_name(entry.level or '', listing.chain, lang)}, "
            f"{_cite_short(t.citation)}: {t.citation.text}"
        )
        doc.table([c.show(lang) for c in t.columns], [list(row) for row in t.rows])


def _period(t: Target, lang: Lang) -> str:
    if t.period.start is None and t.period.end is None:
        return "—"
    start = t.period.start.isoformat() if t.period.start else ""
    end = t.period.end.isoformat() if t.period.end else Label("起每年", "onwards, each year").pick(lang)
    return f"{start} – {end}" if t.period.end else f"{start} {end}".strip()


def _requirement(t: Target, lang: Lang) -> str:
    """A target's requirement in words, e.g. ``county_visit_rate >= 90``."""
    if t.indicator is None:
        return _comparison_text(t, lang)
    return f"{t.indicator} {_comparison_text(t, lang)}"


def _comparison_text(t: Target, lang: Lang) -> str:
    """The requirement without the indicator: ``>= 90``, ``YoY change % <= -10``,
    ``monitored`` for an indicator without threshold, ``qualitative`` for a goal in words."""
    if t.operator is None:
        if t.indicator is None:
            return Label("定性", "qualitative").pick(lang)
        return Label("监测，无阈值", "monitored, no threshold").pick(lang)
    basis = {
        "value": "",
        "yoy_percent": Label("同比变化% ", "YoY change % ").pick(lang),
        "change_since": Label(f"较{t.base_year}年变化 ", f"change since {t.base_year} ").pick(lang),
    }[t.basis.value]
    value = "" if t.value is None else f" {t.value:g}"
    return f"{basis}{t.operator.value}{value}"


def render_comparison(comparison: Comparison, fmt: Format = "text", lang: Lang = "zh") -> str:
    """A comparison of targets across jurisdictions (``compare``) in any format."""
    if fmt == "json":
        return dumps(
            {
                "jurisdictions": [jurisdiction_json(j) for j in comparison.jurisdictions],
                "rows": [
                    {
                        "indicator": row.indicator,
                        "basis": row.basis.value,
                        "cells": [
                            {
                                "targets": [
                                    {
                                        "id": t.id,
                                        "operator": t.operator.value if t.operator else None,
                                        "value": t.value,
                                        "deadline": t.deadline.isoformat() if t.deadline else None,
                                        "citation": citation_json(t.citation),
                                    }
                                    for t in cell.targets
                                ],
                                "stricter": cell.stricter,
                            }
                            for cell in row.cells
                        ],
                    }
                    for row in comparison.rows
                ],
            }
        )
    doc = _Doc(Label("目标对比", "Targets compared").show(lang), lang)
    doc.para(
        Label("★ 表示该行中要求最严格的一方。", "★ marks the strictest requirement in the row.").pick(lang)
    )
    headers = [_h("indicator", lang)] + [j.name.show(lang) for j in comparison.jurisdictions]
    rows = []
    for row in comparison.rows:
        cells = []
        for cell in row.cells:
            text = (
                "; ".join(
                    _comparison_text(t, lang) + (f" ({t.deadline.year})" if t.deadline else "")
                    for t in cell.targets
                )
                or "—"
            )
            cells.append(("★ " if cell.stricter else "") + text)
        rows.append([row.indicator + ("" if row.basis.value == "value" else f" [{row.basis.value}]"), *cells])
    doc.table(headers, rows)
    return doc.render(fmt)


def _tree_prefix(depth: int) -> str:
    # Ideographic spaces: HTML and Markdown keep them, unlike ASCII spaces.
    return "" if depth == 0 else "\u3000" * (depth - 1) + "└ "


def render_jurisdictions(
    registry: Registry, fmt: Format = "text", lang: Lang = "zh", show_all: bool = False
) -> str:
    """The jurisdiction tree; by default only levels with policy (or below which there is)."""
    items = [(d, j) for d, j in registry.walk() if show_all or registry.has_policy(j.code)]
    if fmt == "json":
        return dumps(
            [
                {
                    **jurisdiction_json(j),
                    "depth": d,
                    "documents": [
                        e.item.number for e in registry.documents.values() if e.item.jurisdiction == j.code
                    ],
                    "plugin": registry.jurisdictions[j.code].plugin,
                }
                for d, j in items
            ]
        )
    doc = _Doc(Label("已安装的辖区", "Installed jurisdictions").show(lang), lang)
    rows = []
    for depth, j in items:
        docs = [e.item.number for e in registry.documents.values() if e.item.jurisdiction == j.code]
        rows.append(
            [
                _tree_prefix(depth) + j.name.show(lang),
                j.code,
                j.slug,
                ", ".join(docs) or Label("（无文件）", "(no document)").pick(lang),
            ]
        )
    doc.table(
        [Label("辖区", "jurisdiction").show(lang), "code", "slug", Label("文件", "documents").show(lang)],
        rows,
    )
    return doc.render(fmt)
