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
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..model.labels import Label
from ..policy.documents import Citation
from ..policy.findings import Finding

if TYPE_CHECKING:
    from ..policy.explanations import ExplanationParts

    _Explain = Callable[[Finding, str, Mapping[str, str]], ExplanationParts]

_encode: Callable[[str], str] = json.encoder.encode_basestring  # C when built

#: What the report is written as: text, or the UTF-8 bytes of a file.
Out = TypeVar("Out", str, bytes)


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


#: A rule's pieces (as the report is written: text or UTF-8): the text before the status,
#: between the expected value and the inputs, and after the requirement (its citation as
#: the explanation quotes it, and its permalink).
_RulePieces = tuple[Out, Out, Out]


class _Rules(Generic[Out]):
    """The pieces the findings of each rule share, written once per rule, and labels once
    per distinct text, each already as ``out`` makes it (text, or its UTF-8 bytes). The key
    holds the identities of the rule's title, strength and citation: the finding that first
    gave them is kept, so that no other object can take those identities meanwhile."""

    def __init__(self, link: Callable[[str, str], str | None], out: Callable[[str], Out]) -> None:
        self.link = link
        self.out: Callable[[str], Out] = out
        self.pieces: dict[tuple[Any, ...], tuple[_RulePieces[Out], Finding]] = {}
        self.get: Callable[[tuple[Any, ...]], tuple[_RulePieces[Out], Finding] | None] = self.pieces.get
        #: Labels by their texts, as findings and explanations give them (3 and 4 deep).
        self.labels: tuple[dict[tuple[str, str], Out], dict[tuple[str, str], Out]] = ({}, {})
        #: What stands between the computation and the requirement, and between findings.
        self.requirement: Out = out(f',{_IN4}"requirement": ')
        self.comma: Out = out("," + _IN2)

    def label(self, label: Label, depth: int) -> Out:
        texts = (label.zh, label.en)
        known = self.labels[depth - 3]
        found = known.get(texts)
        if found is None:
            found = known[texts] = self.out(_label(label, depth))
        return found

    def add(self, key: tuple[Any, ...], f: Finding) -> _RulePieces[Out]:
        head = (
            f'{{{_IN3}"rule": {_encode(f.rule)},{_IN3}"title": {_label(f.title, 3)},'
            f'{_IN3}"strength": {_encode(f.strength.value)},{_IN3}"status": '
        )
        middle = (
            f',{_IN3}"level": {_encode(f.level)},{_IN3}"plugin": {_encode(f.plugin)},'
            f'{_IN3}"citation": {_quote(f.citation, 3)},{_IN3}"exception": null,'
            f'{_IN3}"explanation": {{{_IN4}"inputs": {{{_IN5}"zh": '
        )
        tail = (
            f',{_IN4}"text": {_quote(f.citation, 4)},{_IN4}"exception": null{_IN3}}},'
            f'{_IN3}"permalink": {_optional(self.link(f.level, f.rule))}{_IN2}}}'
        )
        out = self.out
        pieces = (out(head), out(middle), out(tail))
        self.pieces[key] = (pieces, f)
        return pieces


def _finding(
    f: Finding, rules: _Rules[Out], day: str, names: Mapping[str, str], explain: _Explain, into: list[Out]
) -> None:
    """One finding's text, two levels deep, appended to ``into`` in pieces, or
    :class:`_Unusual` (or the TypeError or AttributeError of a value of another type than
    the contract's) with nothing appended."""
    if f.exception is not None or type(f.subjects) is not tuple:
        raise _Unusual
    key = (f.rule, id(f.title), id(f.strength), f.level, f.plugin, id(f.citation))
    found = rules.get(key)
    head, middle, tail = rules.add(key, f) if found is None else found[0]
    inputs, inputs_en, computation, requirement, citation, exception = explain(f, day, names)
    if exception is not None or citation is not f.citation:
        raise _Unusual
    out = rules.out
    status = out(f'{_encode(f.status.value)},{_IN3}"subjects": {_texts(f.subjects, 3)},{_IN3}"message": ')
    message = rules.label(f.message, 3)
    values = out(f',{_IN3}"measured": {_optional(f.measured)},{_IN3}"expected": {_optional(f.expected)}')
    read = out(f'{_texts(inputs, 5)},{_IN5}"en": {_texts(inputs_en, 5)}{_IN4}}},{_IN4}"computation": ')
    reckoned, required = rules.label(computation, 4), rules.label(requirement, 4)
    into += (head, status, message, values, middle, read, reckoned, rules.requirement, required, tail)


def findings_text(
    findings: Sequence[Finding],
    link: Callable[[str, str], str | None],
    day: str,
    names: Mapping[str, str],
    generic: Callable[[Finding], str],
    out: Callable[[str], Out],
) -> list[Out]:
    """The findings' list as it stands in the report (one level deep), in pieces to be
    joined, each as ``out`` makes it from text (``str``, or ``str.encode`` for the UTF-8
    of a file: a rule's shared pieces and the labels are then encoded once, not with every
    finding). Each finding is written here, or by ``generic`` (its entry of
    ``report_json``, two levels deep) when this writer cannot write it exactly. ``day``
    and ``names`` as explain_finding reads them; ``link`` gives each finding's permalink."""
    if not findings:
        return [out("[]")]
    # Here, not at the top: listing the policy renders without explanations.
    from ..policy.explanations import finding_explanation

    rules = _Rules(link, out)
    pieces = [out("[" + _IN2)]
    comma = rules.comma
    for index, f in enumerate(findings):
        if index:
            pieces.append(comma)
        try:
            _finding(f, rules, day, names, finding_explanation, pieces)
        except (_Unusual, AttributeError, TypeError):
            pieces.append(out(generic(f)))
    pieces.append(out(_LINES[1] + "]"))
    return pieces
