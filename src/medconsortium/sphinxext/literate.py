"""The literate policy reference: each document in full, beside the items that encode it.

Every document a jurisdiction issues is rendered in its own structure (一、（一）、1.),
sentence by sentence. A sentence that an item quotes is marked and links to the item; each
item (target, rule, referral rule, exception, reference table) has a permalink anchor, its
id (``…/tongzhou.html#tongzhou.reserved_inpatient_bed``), and links back to the
sentences it quotes (``#tongzhou-tongzhengbanfa-2024-20.5.5-3``: the document's file stem,
the clause code and the sentence's number in it). Each sentence shows its class in the
coverage map, and the coverage table sums them up.

Anchors are raw HTML ``<span id>`` elements: docutils would turn ``tongzhou.reserved_beds``
into ``tongzhou-reserved-beds``, and a permalink must be the id a reader already knows.
Like :mod:`medconsortium.sphinxext.rst`, everything here is a pure function of the registry.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from ..model.errors import InputError, UsageError
from ..model.jurisdictions import Jurisdiction
from ..model.labels import Label
from ..plugins.coverage import Coverage, DocumentCoverage, SourceDocument, source_document
from ..plugins.registry import Registry
from ..policy.clauses import Clause
from .rst import PageOf, Refs, _no_pages, escape, heading, jurisdiction_rst, label, list_table, literal

#: Kinds of items with an anchor, in the order their ids claim an anchor: a reference
#: table whose id is also a rule's (Jiangsu's ``jiangsu.provincial_alliances``) gets
#: ``<id>.table``.
ANCHORED: tuple[tuple[str, str], ...] = (
    ("target", "targets"),
    ("rule", "rules"),
    ("referral rule", "referral_rules"),
    ("exception", "exceptions"),
    ("reference table", "reference_tables"),
)


def item_anchors(registry: Registry) -> dict[tuple[str, str], str]:
    """(kind, id) → anchor of every item of the registry.

    >>> anchors = item_anchors(Registry.load(only=()))
    >>> anchors[("rule", "national.city_group_lead")]
    'national.city_group_lead'
    """
    taken: set[str] = set()
    out: dict[tuple[str, str], str] = {}
    for kind, attr in ANCHORED:
        for key in sorted(getattr(registry, attr)):
            anchor = key if key not in taken else f"{key}.{kind.split()[-1]}"
            taken.add(anchor)
            out[(kind, key)] = anchor
    return out


def anchor(ident: str) -> list[str]:
    """An HTML anchor with exactly this id (for HTML builders; others ignore it)."""
    return [".. raw:: html", "", f'   <span id="{html.escape(ident, quote=True)}"></span>', ""]


def link(text: str, target: str) -> str:
    """An inline link to ``#target`` on the same page, showing ``text`` (already rst)."""
    return f"`{text} <#{target}>`__"


def document_key(source: SourceDocument, registry: Registry) -> str:
    """The prefix of a document's sentence anchors: its text's file stem."""
    text = registry.documents[source.number].item.text
    name = text.name.rsplit("/", 1)[-1] if text is not None else source.number
    return name[: -len(".txt")] if name.endswith(".txt") else name


def sentence_id(key: str, sentence_anchor: str) -> str:
    """The anchor of a sentence: ``tongzhou-tongzhengbanfa-2024-20.5.5-3``."""
    return f"{key}.{sentence_anchor}"


def own_sources(registry: Registry, code: str) -> tuple[SourceDocument, ...]:
    """The documents the jurisdiction issues that ship a text, read and parsed."""
    out = []
    for entry in registry.documents_for(code):
        if entry.item.jurisdiction == code and entry.item.text is not None:
            try:
                out.append(source_document(registry, entry.item.number))
            except InputError:
                raise  # a malformed coverage map: the build must say so
            except UsageError:
                continue  # a text that cannot be read: the quote check reports it
    return tuple(out)


def backlinks(registry: Registry, code: str) -> dict[tuple[str, str], list[str]]:
    """(kind, id) → rst links to the sentences the item quotes, for the items of
    ``code``'s own documents."""
    out: dict[tuple[str, str], list[str]] = {}
    for source in own_sources(registry, code):
        key = document_key(source, registry)
        for item in source.items:
            out[(item.kind, item.id)] = [
                link(f"↪ {escape(s.clause)} {s.anchor}", sentence_id(key, s.anchor)) for s in item.sentences
            ]
    return out


_STATUS_CSS = {c: f"mc-{c.value.replace('_', '-')}" for c in Coverage}


def _status(c: Coverage | None) -> str:
    if c is None:
        return label(Label("未分类", "unclassified"))
    zh, en = c.label
    return label(Label(zh, en))


def _clause_rst(
    clause: Clause,
    source: SourceDocument,
    key: str,
    coverage: DocumentCoverage | None,
    cited: dict[str, list[tuple[str, str]]],
    anchors: dict[tuple[str, str], str],
) -> list[str]:
    title = escape(clause.path) + (f" {escape(clause.title)}" if clause.title else "")
    out = [f".. rubric:: {title}", ""]
    entries = {c.sentence.anchor: c.entry for c in (coverage.sentences if coverage else ())}
    for s in clause.sentences:
        entry = entries.get(s.anchor)
        quoted = cited.get(s.anchor, [])
        classes = ["mc-sentence"]
        if quoted:
            classes.append("mc-cited")
        if entry is not None:
            classes.append(_STATUS_CSS[entry.status])
        out += anchor(sentence_id(key, s.anchor))
        out += [f".. container:: {' '.join(classes)}", ""]
        out += [f"   {literal(s.anchor)} {'▶ ' if quoted else ''}{escape(s.text)}", ""]
        # The items quoting the sentence, then the others the map names (every kind of
        # item with that id on this page: a rule and a reference table may share one).
        pairs = list(quoted)
        for ident in entry.items if entry else ():
            if not any(i == ident for _k, i in pairs):
                pairs += [key for key in anchors if key[1] == ident] or [("", ident)]
        links = [
            link(escape(anchors[pair]), anchors[pair]) if pair in anchors else literal(pair[1])
            for pair in dict.fromkeys(pairs)
        ]
        detail = f"*{_status(entry.status if entry else None)}*"
        if links:
            detail += ": " + " · ".join(links)
        why = (entry.reason or entry.note) if entry else None
        if why:
            detail += " — " + escape(why)
        out += [f"   {detail}", ""]
    return out


def coverage_rst(coverage: DocumentCoverage) -> list[str]:
    """The coverage of one document: counts per status and the percentage."""
    statuses: Sequence[Coverage | None] = (*Coverage, None)
    counts = [str(coverage.counts[s.value if s else "unclassified"]) for s in statuses]
    percent = "—" if coverage.percent is None else f"{coverage.percent:.1f}%"
    headers = [label(Label("句数", "sentences"))] + [_status(s) for s in statuses]
    headers.append(label(Label("覆盖率", "coverage")))
    rows = [[[str(len(coverage.sentences))], *[[c] for c in counts], [f"**{percent}**"]]]
    return list_table(headers, rows, [10, 12, 12, 12, 12, 12, 12, 18])


def document_rst(registry: Registry, source: SourceDocument, code: str, char: str = "~") -> list[str]:
    """One document in full: its coverage, then every clause and sentence with its items."""
    key = document_key(source, registry)
    anchors = {key: a for key, a in item_anchors(registry).items() if _level_of(registry, *key) == code}
    cited: dict[str, list[tuple[str, str]]] = {}
    for item in source.items:
        for s in item.sentences:
            cited.setdefault(s.anchor, []).append((item.kind, item.id))
    title = registry.documents[source.number].item.title
    out = heading(f"{escape(source.number)} {escape(title)}", char)
    coverage = source.coverage
    if coverage is not None:
        out += [
            label(
                Label(
                    "覆盖率 = (已编码 + 定性目标) ÷ (已编码 + 定性目标 + 待编码)。",
                    "coverage = (encoded + qualitative) / (encoded + qualitative + pending).",
                )
            ),
            "",
        ]
        out += coverage_rst(coverage)
    else:
        out += [label(Label("本文件未附覆盖图。", "this document ships no coverage map.")), ""]
    for clause in source.parsed.clauses:
        out += _clause_rst(clause, source, key, coverage, cited, anchors)
    return out


def _level_of(registry: Registry, kind: str, ident: str) -> str | None:
    attr = dict(ANCHORED)[kind]
    entry = getattr(registry, attr).get(ident)
    return None if entry is None else entry.level


def sources_rst(registry: Registry, code: str, section: str = "-", subsection: str = "~") -> list[str]:
    """The section of a jurisdiction's page with its documents in full (empty when none
    ships a text)."""
    sources = own_sources(registry, code)
    if not sources:
        return []
    out = heading(label(Label("原文与条目对照", "The text beside the code")), section)
    out += [
        label(
            Label(
                "每份文件按其自身条款结构全文呈现；▶ 标出被条目引用的句子，链接到该条目；"
                "每个条目链接回其原文句子。",
                "Each document in full, in its own clause structure; ▶ marks a sentence an item "
                "quotes, linked to the item; each item links back to its sentence.",
            )
        ),
        "",
    ]
    for source in sources:
        out += document_rst(registry, source, code, subsection)
    return out


def page_rst(
    registry: Registry,
    jurisdiction: Jurisdiction,
    as_of: dt.date | None = None,
    page_of: PageOf = _no_pages,
    section: str = "-",
    subsection: str = "~",
) -> str:
    """A jurisdiction's page of the reference (:func:`~medconsortium.sphinxext.rst.jurisdiction_rst`)
    with permalinks on every item and, without ``as_of``, the documents it issues in full,
    each sentence linked to the items that quote it and back. A snapshot on a date shows no
    text: it would link to items not in force then."""
    code = jurisdiction.code
    refs = Refs(item_anchors(registry), backlinks(registry, code) if as_of is None else {})
    appendix = sources_rst(registry, code, section, subsection) if as_of is None else []
    return jurisdiction_rst(registry, jurisdiction, as_of, page_of, section, subsection, refs, appendix)


def coverage_table_rst(registry: Registry) -> str:
    """Every document that ships a text and a map: its coverage in one table."""
    rows = []
    for number in sorted(registry.documents, key=lambda n: (registry.documents[n].item.jurisdiction, n)):
        doc = registry.documents[number].item
        if doc.text is None:
            continue
        source = source_document(registry, number)
        cov = source.coverage
        if cov is None:
            rows.append([[escape(number)], [literal(source.plugin)], ["—"]] + [["—"]] * 7)
            continue
        statuses: Sequence[Coverage | None] = (*Coverage, None)
        percent = "—" if cov.percent is None else f"**{cov.percent:.1f}%**"
        rows.append(
            [[escape(number)], [literal(source.plugin)], [str(len(cov.sentences))]]
            + [[str(cov.counts[s.value if s else "unclassified"])] for s in statuses]
            + [[percent]]
        )
    if not rows:
        return label(Label("（无）", "none")) + "\n"
    statuses_h: Sequence[Coverage | None] = (*Coverage, None)
    headers = [label(Label("文号", "document")), label(Label("插件", "plugin"))]
    headers.append(label(Label("句数", "sentences")))
    headers += [_status(s) for s in statuses_h] + [label(Label("覆盖率", "coverage"))]
    return "\n".join(list_table(headers, rows, [16, 10, 8, 9, 9, 9, 9, 9, 9, 12])).rstrip() + "\n"
