"""The JSON report's text written straight from the findings, byte for byte
``dumps(report_json(report))``.

A province's report holds thousands of findings of a few dozen rules: building each
finding's dictionaries (with its explanation's) and walking them again to indent them was
most of the rendering of ``medconsortium assess --format json``, and repeated the same
title, citation and requirement for every finding of a rule. Here each finding's text is
written at its place in the document (two levels deep) from pieces: what a rule's findings
share (rule, title, strength, level, plugin, citation, permalink) written once per rule,
labels and quoted sentences once per distinct text, the rest (status, subjects, message,
the explanation's inputs and computation) per finding.

The explanation is :func:`~medconsortium.policy.explanations.explain_finding`'s, as in
:func:`~medconsortium.report.render.report_json`. A finding this writer does not know how
to write exactly (an applied exception, a field of another type than the contract's, an
explanation citing another sentence than its finding) is written by the generic path, its
entry of ``report_json`` indented in place; so are the header and the targets.
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..model.labels import Label
from ..policy.documents import Citation
from ..policy.findings import Finding
from .jsontext import indented
from .render import chain_linker, finding_entry, report_head

if TYPE_CHECKING:
    from ..engine.evaluation import Report

_encode: Callable[[str], str] = json.encoder.encode_basestring  # C when built


#: A line break and the indentation of each depth.
_LINES = tuple("\n" + "  " * d for d in range(8))
_IN2, _IN3, _IN4, _IN5 = _LINES[2:6]


class _Unusual(Exception):
    """A value the generic path must write."""


def _text(value: object) -> str:
    if type(value) is str:
        return _encode(value)
    raise _Unusual


def _optional(value: object) -> str:
    return "null" if value is None else _text(value)


def _texts(values: tuple[str, ...] | list[str], depth: int) -> str:
    """A list of strings, ``depth`` deep."""
    if not values:
        return "[]"
    inner = _LINES[depth + 1]
    return f"[{inner}{(',' + inner).join([_text(v) for v in values])}{_LINES[depth]}]"


class _Pieces:
    """What the findings of one report share, written once each."""

    def __init__(self, link: Callable[[str, str], str | None]) -> None:
        self.link = link
        self.rules: dict[tuple[Any, ...], tuple[str, str, str, Finding]] = {}
        self.labels: dict[tuple[int, str, str], str] = {}
        self.quotes: dict[tuple[int, str, str, str], str] = {}
        self.values: dict[int, tuple[object, str]] = {}

    def label(self, label: Label | None, depth: int) -> str:
        if label is None:
            return "null"
        zh, en = label.zh, label.en
        key = (depth, zh, en)
        found = self.labels.get(key)
        if found is None:
            inner = _LINES[depth + 1]
            found = f'{{{inner}"zh": {_text(zh)},{inner}"en": {_text(en)}{_LINES[depth]}}}'
            self.labels[key] = found
        return found

    def quote(self, c: Citation, depth: int) -> str:
        key = (depth, c.document, c.clause, c.text)
        found = self.quotes.get(key)
        if found is None:
            inner = _LINES[depth + 1]
            found = (
                "{" + inner + '"document": ' + _text(c.document) + "," + inner + '"clause": '
                + _text(c.clause) + "," + inner + '"text": ' + _text(c.text) + _LINES[depth] + "}"
            )  # fmt: skip
            self.quotes[key] = found
        return found

    def value(self, member: Any) -> str:
        """An enumeration's ``value``, encoded (kept by identity; the member is held)."""
        found = self.values.get(id(member))
        if found is None:
            found = self.values[id(member)] = (member, _text(member.value))
        return found[1]

    def rule(self, f: Finding) -> tuple[str, str, str]:
        """A rule's shared pieces: the text before the status, between the expected value
        and the inputs, and the permalink (the finding that first gave them is held, so
        that the identities in the key stay its own)."""
        key = (f.rule, id(f.title), id(f.strength), f.level, f.plugin, id(f.citation))
        found = self.rules.get(key)
        if found is None:
            head = (
                "{" + _IN3 + '"rule": ' + _text(f.rule) + "," + _IN3 + '"title": ' + self.label(f.title, 3)
                + "," + _IN3 + '"strength": ' + self.value(f.strength) + "," + _IN3 + '"status": '
            )  # fmt: skip
            middle = (
                "," + _IN3 + '"level": ' + _text(f.level) + "," + _IN3 + '"plugin": ' + _text(f.plugin)
                + "," + _IN3 + '"citation": ' + self.quote(f.citation, 3) + "," + _IN3
                + '"exception": null,' + _IN3 + '"explanation": {' + _IN4 + '"inputs": {' + _IN5 + '"zh": '
            )  # fmt: skip
            found = self.rules[key] = (head, middle, _optional(self.link(f.level, f.rule)), f)
        return found[0], found[1], found[2]


def _finding(f: Finding, shared: _Pieces, as_of: Any, names: Mapping[str, str]) -> str:
    """One finding's text, two levels deep, or :class:`_Unusual`."""
    from ..policy.explanations import explain_finding

    if f.exception is not None:
        raise _Unusual
    head, middle, permalink = shared.rule(f)
    e = explain_finding(f, as_of, names)
    if e.exception is not None or e.citation is not f.citation:
        raise _Unusual
    subjects = f.subjects
    if type(subjects) is not tuple:
        raise _Unusual
    return (
        f'{head}{shared.value(f.status)},{_IN3}"subjects": {_texts(subjects, 3)},{_IN3}"message": '
        f'{shared.label(f.message, 3)},{_IN3}"measured": {_optional(f.measured)},{_IN3}"expected": '
        f'{_optional(f.expected)}{middle}{_texts(e.inputs, 5)},{_IN5}"en": {_texts(e.inputs_en, 5)}{_IN4}}},'
        f'{_IN4}"computation": {shared.label(e.computation, 4)},{_IN4}"requirement": '
        f'{shared.label(e.requirement, 4)},{_IN4}"text": {shared.quote(e.citation, 4)},'
        f'{_IN4}"exception": null'
        f'{_IN3}}},{_IN3}"permalink": {permalink}{_IN2}}}'
    )


def report_text(report: Report, docs_url: str | None = None) -> str:
    """``dumps(report_json(report, docs_url))``, the same text, written from the findings."""
    link = chain_linker(report.chain, docs_url)
    head = report_head(report, link)
    head["findings"] = []
    text = indented(head)
    if not report.findings:
        return text + "\n"
    shared = _Pieces(link)
    as_of, names = report.as_of, report.names
    pieces = []
    for f in report.findings:
        try:
            pieces.append(_finding(f, shared, as_of, names))
        except (_Unusual, AttributeError, TypeError):
            pieces.append(indented(finding_entry(f, report, link), 2))
    # The findings are the last member: their empty list closes the header's text.
    return text[: -len("[]\n}")] + "[" + _IN2 + ("," + _IN2).join(pieces) + "\n  ]\n}\n"
