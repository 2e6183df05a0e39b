"""The findings of the JSON report written straight from them, byte for byte as
``dumps(report_json(report))`` has them (:func:`~medconsortium.report.render.report_text`).

A province's report holds thousands of findings of a few dozen rules: building each
finding's dictionaries (with its explanation's) and walking them again to indent them was
most of the rendering of ``medconsortium assess --format json``, and repeated the same
title, citation and requirement for every finding of a rule. Here each finding's text is
written at its place in the document (two levels deep) from pieces: what a rule's findings
share (rule, title, strength, level, plugin, citation, permalink) written once per rule,
the rest (status, subjects, message, the explanation's inputs, computation and
requirement) per finding, each string by json's own C encoder.

The explanation is :func:`~medconsortium.policy.explanations.explain_finding`'s, as in
:func:`~medconsortium.report.render.report_json`, written from its parts
(:func:`~medconsortium.policy.explanations.finding_explanation`). A finding this writer does not know how
to write exactly (an applied exception, a value that is no string where the contract has
one, subjects that are no tuple, an explanation citing another sentence than its finding)
is written by the generic path, its entry of ``report_json`` indented in place; so are the
header and the targets.
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..model.labels import Label
from ..policy.documents import Citation
from ..policy.findings import Finding

if TYPE_CHECKING:
    from ..policy.explanations import ExplanationParts

    _Explain = Callable[[Finding, str, Mapping[str, str]], ExplanationParts]

_encode: Callable[[str], str] = json.encoder.encode_basestring  # C when built


#: A line break and the indentation of each depth.
_LINES = tuple("\n" + "  " * d for d in range(8))
_IN2, _IN3, _IN4, _IN5 = _LINES[2:6]


class _Unusual(Exception):
    """A finding the generic path must write."""


def _optional(value: str | None) -> str:
    # json's C encoder of strings takes a str (or a subclass of it, as the generic path
    # does) and refuses anything else with TypeError: the generic path's then.
    return "null" if value is None else _encode(value)


def _texts(values: tuple[str, ...], depth: int) -> str:
    """A list of strings, ``depth`` deep."""
    if not values:
        return "[]"
    inner = _LINES[depth + 1]
    return f"[{inner}{(',' + inner).join(map(_encode, values))}{_LINES[depth]}]"


def _label(label: Label | None, depth: int) -> str:
    if label is None:
        return "null"
    inner = _LINES[depth + 1]
    return f'{{{inner}"zh": {_encode(label.zh)},{inner}"en": {_encode(label.en)}{_LINES[depth]}}}'


def _quote(c: Citation, depth: int) -> str:
    inner = _LINES[depth + 1]
    return (
        f'{{{inner}"document": {_encode(c.document)},{inner}"clause": {_encode(c.clause)},'
        f'{inner}"text": {_encode(c.text)}{_LINES[depth]}}}'
    )


#: A rule's pieces: the text before the status, between the expected value and the inputs,
#: its citation as the explanation quotes it, and its permalink.
_RulePieces = tuple[str, str, str, str]


class _Rules:
    """The pieces the findings of each rule share, written once per rule. The key holds
    the identities of the rule's title, strength and citation: the finding that first gave
    them is kept, so that no other object can take those identities meanwhile."""

    def __init__(self, link: Callable[[str, str], str | None]) -> None:
        self.link = link
        self.pieces: dict[tuple[Any, ...], tuple[_RulePieces, Finding]] = {}
        self.get = self.pieces.get
        #: Labels by their texts, as findings and explanations give them (3 and 4 deep).
        self.labels: tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]] = ({}, {})

    def label(self, label: Label, depth: int) -> str:
        texts = (label.zh, label.en)
        known = self.labels[depth - 3]
        found = known.get(texts)
        if found is None:
            found = known[texts] = _label(label, depth)
        return found

    def add(self, key: tuple[Any, ...], f: Finding) -> _RulePieces:
        head = (
            f'{{{_IN3}"rule": {_encode(f.rule)},{_IN3}"title": {_label(f.title, 3)},'
            f'{_IN3}"strength": {_encode(f.strength.value)},{_IN3}"status": '
        )
        middle = (
            f',{_IN3}"level": {_encode(f.level)},{_IN3}"plugin": {_encode(f.plugin)},'
            f'{_IN3}"citation": {_quote(f.citation, 3)},{_IN3}"exception": null,'
            f'{_IN3}"explanation": {{{_IN4}"inputs": {{{_IN5}"zh": '
        )
        pieces = (head, middle, _quote(f.citation, 4), _optional(self.link(f.level, f.rule)))
        self.pieces[key] = (pieces, f)
        return pieces


def _finding(f: Finding, rules: _Rules, day: str, names: Mapping[str, str], explain: _Explain) -> str:
    """One finding's text, two levels deep, or :class:`_Unusual` (or the TypeError or
    AttributeError of a value of another type than the contract's)."""
    if f.exception is not None or type(f.subjects) is not tuple:
        raise _Unusual
    key = (f.rule, id(f.title), id(f.strength), f.level, f.plugin, id(f.citation))
    found = rules.get(key)
    head, middle, quote, permalink = rules.add(key, f) if found is None else found[0]
    inputs, inputs_en, computation, requirement, citation, exception = explain(f, day, names)
    if exception is not None or citation is not f.citation:
        raise _Unusual
    return (
        f'{head}{_encode(f.status.value)},{_IN3}"subjects": {_texts(f.subjects, 3)},'
        f'{_IN3}"message": {rules.label(f.message, 3)},{_IN3}"measured": {_optional(f.measured)},'
        f'{_IN3}"expected": {_optional(f.expected)}{middle}{_texts(inputs, 5)},'
        f'{_IN5}"en": {_texts(inputs_en, 5)}{_IN4}}},{_IN4}"computation": {rules.label(computation, 4)},'
        f'{_IN4}"requirement": {rules.label(requirement, 4)},{_IN4}"text": {quote},'
        f'{_IN4}"exception": null{_IN3}}},{_IN3}"permalink": {permalink}{_IN2}}}'
    )


def findings_text(
    findings: Sequence[Finding],
    link: Callable[[str, str], str | None],
    day: str,
    names: Mapping[str, str],
    generic: Callable[[Finding], str],
) -> str:
    """The findings' list as it stands in the report (one level deep): each finding
    written here, or by ``generic`` (its entry of ``report_json``, two levels deep) when
    this writer cannot write it exactly. ``day`` and ``names`` as explain_finding reads
    them; ``link`` gives each finding's permalink."""
    if not findings:
        return "[]"
    # Here, not at the top: listing the policy renders without explanations.
    from ..policy.explanations import finding_explanation

    rules = _Rules(link)
    pieces = []
    for f in findings:
        try:
            pieces.append(_finding(f, rules, day, names, finding_explanation))
        except (_Unusual, AttributeError, TypeError):
            pieces.append(generic(f))
    return "[" + _IN2 + ("," + _IN2).join(pieces) + _LINES[1] + "]"
