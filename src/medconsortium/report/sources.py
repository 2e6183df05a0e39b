"""Reports on the documents themselves: the coverage table, and a document with its items.

``medconsortium rules J --coverage`` prints :func:`render_coverage` and ``medconsortium
source J`` prints :func:`render_source`, in every format. Like the other reports they
depend only on the installed plugins: the same plugins give byte-identical output.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model.errors import UsageError
from ..model.labels import Label, Lang
from ..plugins.coverage import Classified, Coverage, SourceDocument, source_document
from ..plugins.registry import Registry
from ..policy.clauses import Clause, is_within
from .render import Format, _Doc, dumps
from .tables import Column, Table

#: Columns of the coverage table, in order: each status, then the unclassified sentences.
COUNTED: tuple[str, ...] = (*(c.value for c in Coverage), "unclassified")


def _status_label(status: str) -> Label:
    if status == "unclassified":
        return Label("未分类", "unclassified")
    zh, en = Coverage(status).label
    return Label(zh, en)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


# -- coverage ------------------------------------------------------------------------------------
def coverage_json(source: SourceDocument) -> dict[str, Any]:
    """One document's coverage: counts per status, the percentage, the pending sentences.

    A document that ships no map has ``counts``, ``percent`` and the lists ``null``."""
    cov = source.coverage
    if cov is None:
        return {
            "document": source.number,
            "plugin": source.plugin,
            "sentences": len(list(source.parsed.sentences())),
            "counts": None,
            "percent": None,
            "pending": None,
            "unclassified": None,
        }
    return {
        "document": source.number,
        "plugin": source.plugin,
        "sentences": len(cov.sentences),
        "counts": {key: cov.counts[key] for key in COUNTED},
        "percent": cov.percent,
        "pending": [_sentence_json(c) for c in cov.with_status(Coverage.PENDING)],
        "unclassified": [_sentence_json(c) for c in cov.with_status(None)],
    }


def _sentence_json(c: Classified) -> dict[str, Any]:
    entry = c.entry
    return {
        "anchor": c.sentence.anchor,
        "clause": c.sentence.clause,
        "text": c.sentence.text,
        "status": entry.status.value if entry else None,
        "items": list(entry.items) if entry else [],
        "reason": (entry.reason or entry.note) if entry else None,
    }


def render_coverage(sources: Sequence[SourceDocument], fmt: Format = "text", lang: Lang = "zh") -> str:
    """The coverage of each document: a table of counts and percentages, then each
    document's pending sentences (document, clause, sentence, what is missing)."""
    if fmt == "json":
        return dumps({"documents": [coverage_json(s) for s in sources]})
    doc = _Doc(Label("条款覆盖情况", "Coverage of the documents, clause by clause").show(lang), lang)
    doc.para(
        Label(
            "覆盖率 = (已编码 + 定性目标) ÷ (已编码 + 定性目标 + 待编码)：可由数据检查的句子中已编码的比例。",
            "Coverage = (encoded + qualitative) / (encoded + qualitative + pending): of the sentences "
            "the data could check, the share encoded.",
        ).pick(lang)
    )
    rows = []
    for source in sources:
        cov = source.coverage
        if cov is None:
            no_map = Label("未附覆盖图", "no coverage map").pick(lang)
            rows.append(
                [source.number, str(len(list(source.parsed.sentences())))] + ["—"] * len(COUNTED) + [no_map]
            )
            continue
        rows.append(
            [source.number, str(len(cov.sentences))]
            + [str(cov.counts[key]) for key in COUNTED]
            + [_percent(cov.percent)]
        )
    doc.table(
        [Label("文号", "document").show(lang), Label("句数", "sentences").show(lang)]
        + [_status_label(key).show(lang) for key in COUNTED]
        + [Label("覆盖率", "coverage").show(lang)],
        rows,
    )
    for source in sources:
        cov = source.coverage
        if cov is None:
            continue
        pending = cov.with_status(Coverage.PENDING)
        doc.heading(f"{source.number} — " + Label("待编码", "pending").show(lang) + f" ({len(pending)})")
        doc.table(
            [
                Label("条款", "clause").show(lang),
                Label("原文", "sentence").show(lang),
                Label("缺什么", "what is missing").show(lang),
            ],
            [[c.sentence.clause, c.sentence.text, c.entry.reason or "" if c.entry else ""] for c in pending],
            keep_whole=1,
        )
    return doc.render(fmt)


COVERAGE_COLUMNS = (
    Column("document", Label("文号", "document")),
    Column("sentences", Label("句数", "sentences")),
    *(Column(key, _status_label(key)) for key in COUNTED),
    Column("percent", Label("覆盖率（%）", "coverage (%)")),
)
SENTENCE_COLUMNS = (
    Column("document", Label("文号", "document")),
    Column("clause", Label("条款", "clause")),
    Column("status", Label("状态", "status")),
    Column("sentence", Label("原文", "sentence"), 80),
    Column("reason", Label("缺什么", "what is missing"), 50),
)


def coverage_tables(sources: Sequence[SourceDocument], lang: Lang = "zh") -> list[Table]:
    """The coverage as sheets (``rules J --coverage --format xlsx|csv``): the counts per
    document (the CSV), then the pending and unclassified sentences, quotes whole.

    Numbers stay numbers (a filter sorts them); a document without a map has empty counts.

    >>> from medconsortium import api
    >>> registry = api.load_registry()
    >>> counts, sentences = coverage_tables(sources_for(registry, ["国卫医发〔2016〕75号"]), "en")
    >>> [c.key for c in counts.columns][:3], counts.rows[0][0]
    (['document', 'sentences', 'encoded'], '国卫医发〔2016〕75号')
    """
    counts: list[tuple[Any, ...]] = []
    sentences: list[tuple[Any, ...]] = []
    for source in sources:
        cov = source.coverage
        if cov is None:
            counts.append((source.number, len(list(source.parsed.sentences())), *[None] * len(COUNTED), None))
            continue
        counts.append((source.number, len(cov.sentences), *(cov.counts[k] for k in COUNTED), cov.percent))
        for status in (Coverage.PENDING, None):
            shown = _status_label(status.value if status else "unclassified").show(lang)
            for c in cov.with_status(status):
                reason = (c.entry.reason or c.entry.note or "") if c.entry else ""
                sentences.append((source.number, c.sentence.clause, shown, c.sentence.text, reason))
    return [
        Table(Label("条款覆盖情况", "coverage"), COVERAGE_COLUMNS, tuple(counts)),
        Table(Label("待编码与未分类", "pending and unclassified"), SENTENCE_COLUMNS, tuple(sentences)),
    ]


# -- a document with its items ------------------------------------------------------------------
def _clauses(source: SourceDocument, clause: str | None) -> tuple[Clause, ...]:
    if clause is None:
        return source.parsed.clauses
    wanted = clause.strip().replace("(", "（").replace(")", "）")
    found = tuple(c for c in source.parsed.clauses if c.path == wanted or is_within(c.path, wanted))
    if not found:
        known = ", ".join(c.path for c in source.parsed.clauses)
        raise UsageError(f"{source.number} has no clause {clause!r} (clauses: {known})")
    return found


def _cited_by(source: SourceDocument) -> dict[str, list[str]]:
    """Sentence anchor → ids of the items whose quote covers it."""
    out: dict[str, list[str]] = {}
    for item in source.items:
        for s in item.sentences:
            ids = out.setdefault(s.anchor, [])
            if item.id not in ids:
                ids.append(item.id)
    return out


def source_json(source: SourceDocument, clause: str | None = None) -> dict[str, Any]:
    """The document clause by clause, each sentence with its coverage and the items citing it."""
    cited = _cited_by(source)
    classified = {c.sentence.anchor: c for c in (source.coverage.sentences if source.coverage else ())}
    out = []
    for c in _clauses(source, clause):
        sentences = []
        for s in c.sentences:
            entry = classified[s.anchor].entry if s.anchor in classified else None
            sentences.append(
                {
                    "anchor": s.anchor,
                    "text": s.text,
                    "status": entry.status.value if entry else None,
                    "items": list(entry.items) if entry else [],
                    "reason": entry.reason if entry else None,
                    "note": entry.note if entry else None,
                    "cited_by": cited.get(s.anchor, []),
                }
            )
        out.append({"clause": c.path, "code": c.code, "title": c.title, "sentences": sentences})
    return {"document": source.number, "plugin": source.plugin, "clause": clause, "clauses": out}


def render_source(
    sources: Sequence[SourceDocument],
    registry: Registry,
    fmt: Format = "text",
    lang: Lang = "zh",
    clause: str | None = None,
) -> str:
    """Documents in their own structure: every clause and sentence, the sentences items
    quote marked ▶ with those items, and each sentence's coverage."""
    if fmt == "json":
        return dumps({"documents": [source_json(s, clause) for s in sources]})
    numbers = ", ".join(s.number for s in sources)
    doc = _Doc(f"{numbers} — " + Label("原文与条目", "the text and its items").show(lang), lang)
    doc.para(
        Label(
            "▶ 标出被目标、规则、例外或参考名录引用的句子；方括号内为覆盖分类。",
            "▶ marks a sentence that a target, rule, exception or reference table quotes; the "
            "brackets give its coverage.",
        ).pick(lang)
    )
    for source in sources:
        title = registry.documents[source.number].item.title
        doc.heading(f"{source.number} {title}")
        cited = _cited_by(source)
        classified = {c.sentence.anchor: c for c in (source.coverage.sentences if source.coverage else ())}
        for c in _clauses(source, clause):
            doc.heading(c.path + (f" {c.title}" if c.title else ""))
            for s in c.sentences:
                entry = classified[s.anchor].entry if s.anchor in classified else None
                ids = cited.get(s.anchor, [])
                status = _status_label(entry.status.value if entry else "unclassified").pick(lang)
                items = list(dict.fromkeys([*ids, *(entry.items if entry else ())]))
                why = (entry.reason or entry.note) if entry else None
                detail = ", ".join(items) + (" — " if items and why else "") + (why or "")
                # One paragraph for the sentence, one for what the library does with it:
                # item ids stay whole (a table would wrap them mid-word on a terminal).
                doc.para(("▶ " if ids else "") + f"{s.anchor}  {s.text}")
                doc.para(f"→ [{status}] {detail}".rstrip())
    return doc.render(fmt)


def sources_for(registry: Registry, numbers: Sequence[str]) -> tuple[SourceDocument, ...]:
    """The documents, read and parsed (see :func:`medconsortium.plugins.coverage.source_document`)."""
    return tuple(source_document(registry, n) for n in numbers)
