"""The findings of the JSON report written straight from them, byte for byte as
``dumps(report_json(report))`` has them (:func:`~medconsortium.report.render.report_text`).

A province's report holds thousands of findings of a few dozen rules: building each
finding's dictionaries (with its explanation's) and walking them again to indent them was
most of the rendering of ``medconsortium assess --format json``, and repeated the same
title, citation and requirement for every finding of a rule. Here each finding's text is
written at its place in the document (two levels deep) from eight pieces, each written
once for all the findings that share it: a rule's (rule, title, strength, level, plugin,
citation, requirement, permalink), a status's, a subject's (its list and what is read of
it), a message's (with the values measured and expected, and the computation). A finding
then costs a few dictionary look-ups; each string is escaped by json's own C encoder and
encoded to UTF-8 once. At 1x (7,858 findings of 59 rules, 975 single subjects, 1,934
messages) that took the findings' text from 512M to 114M callgrind instructions.

The explanation is :func:`~medconsortium.policy.explanations.explain_finding`'s, as in
:func:`~medconsortium.report.render.report_json`, written from the parts
:func:`~medconsortium.policy.explanations.finding_explanation` is made of
(``subject_read``, ``finding_computation``, ``strength_requirement``). A finding this
writer does not know how to write exactly (an applied exception, a value that is no string
where the contract has one, subjects that are no tuple) is written by the generic path, its
entry of ``report_json`` indented in place; so are the header and the targets.
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from ..model.labels import Label
from ..policy.documents import Citation
from ..policy.findings import Finding, FindingStatus

_encode: Callable[[str], str] = json.encoder.encode_basestring  # C when built

#: What the report is written as: text, or the UTF-8 bytes of a file.
Out = TypeVar("Out", str, bytes)


#: A line break and the indentation of each depth.
_LINES = tuple("\n" + "  " * d for d in range(8))
_IN2, _IN3, _IN4, _IN5, _IN6 = _LINES[2:7]


class _Unusual(Exception):
    """A finding the generic path must write."""


def _optional(value: str | None) -> str:
    # json's C encoder of strings takes a str (or a subclass of it, as the generic path
    # does) and refuses anything else with TypeError: the generic path's then.
    return "null" if value is None else _encode(value)


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


#: A rule's pieces (as the report is written: text or UTF-8): the text from the comma
#: before the finding to its status, between the expected value and the inputs, and from
#: the requirement to the end (the citation as the explanation quotes it, the permalink).
_RulePieces = tuple[Out, Out, Out]


class _Rules(Generic[Out]):
    """What findings share, each piece written once, already as ``out`` makes it (text, or
    its UTF-8 bytes): a rule's pieces once per rule, a status's once per status, what a
    subject is read as once per subject, a message with its values and computation once
    per distinct text. A province's 7,858 findings are of a few dozen rules, a thousand
    subjects and two thousand messages.

    A rule's pieces are found by the identities of its title, strength and citation: the
    finding that first gave them is kept, so that no other object can take those identities
    meanwhile. A subject, status or values are kept only when they are of the contract's
    own types (``str``, a :class:`FindingStatus`), whose text depends on their value alone."""

    def __init__(
        self,
        link: Callable[[str, str], str | None],
        out: Callable[[str], Out],
        day: str,
        names: Mapping[str, str],
    ) -> None:
        # Here, not at the top: listing the policy renders without explanations.
        from ..policy.explanations import finding_computation, strength_requirement, subject_read

        self.link = link
        self.out: Callable[[str], Out] = out
        self.day, self.names = day, names
        self.read, self.computation, self.requirement = (
            subject_read,
            finding_computation,
            strength_requirement,
        )
        self.pieces: dict[tuple[Any, ...], tuple[Finding, _RulePieces[Out]]] = {}
        #: The pieces last found for each rule id, with the finding that gave them.
        self.last: dict[str, tuple[Finding, _RulePieces[Out]]] = {}
        self.statuses: dict[FindingStatus, Out] = {}
        #: One subject's pieces (its subjects list, what is read of it); JSON strings of a
        #: subject and what is read of it in both languages.
        self.one: dict[str, tuple[Out, Out]] = {}
        self.strings: dict[str, tuple[Out, Out, Out]] = {}
        #: A message's piece (with its values measured and expected) and its computation's,
        #: by the message's texts, and the values if there are any.
        self.said: dict[tuple[Any, ...], tuple[Out, Out]] = {}
        #: The text around the strings of those pieces, which are joined (as ``out``
        #: makes them) from strings each encoded once: the subjects list (its start, what
        #: is between two items, its end); what is read of them (start, between, from the
        #: Chinese to the English list, end); the message's label (start, from zh to en,
        #: end with no values); the computation's (start, from zh to en, end).
        self.empty: Out = out("")
        self.subject_list: tuple[Out, ...] = tuple(
            map(out, ("[" + _IN4, "," + _IN4, f'{_IN3}],{_IN3}"message": '))
        )
        self.read_lists: tuple[Out, ...] = tuple(
            map(
                out,
                (
                    "[" + _IN6,
                    "," + _IN6,
                    f'{_IN5}],{_IN5}"en": [{_IN6}',
                    f'{_IN5}]{_IN4}}},{_IN4}"computation": ',
                ),
            )
        )
        self.message_label: tuple[Out, ...] = tuple(
            map(
                out,
                (
                    f'{{{_IN4}"zh": ',
                    f',{_IN4}"en": ',
                    f'{_IN3}}},{_IN3}"measured": null,{_IN3}"expected": null',
                ),
            )
        )
        self.computation_label: tuple[Out, ...] = tuple(
            map(out, (f'{{{_IN5}"zh": ', f',{_IN5}"en": ', _IN4 + "}"))
        )
        #: No subjects: the subjects list and what is read.
        self.none: tuple[Out, Out] = (
            out(f'[],{_IN3}"message": '),
            out(f'[],{_IN5}"en": []{_IN4}}},{_IN4}"computation": '),
        )

    def rule(self, f: Finding) -> _RulePieces[Out]:
        key = (f.rule, id(f.title), id(f.strength), f.level, f.plugin, id(f.citation))
        found = self.pieces.get(key)
        if found is None:
            requirement = _label(self.requirement(f.strength), 4)
            head = (
                f',{_IN2}{{{_IN3}"rule": {_encode(f.rule)},{_IN3}"title": {_label(f.title, 3)},'
                f'{_IN3}"strength": {_encode(f.strength.value)},{_IN3}"status": '
            )
            middle = (
                f',{_IN3}"level": {_encode(f.level)},{_IN3}"plugin": {_encode(f.plugin)},'
                f'{_IN3}"citation": {_quote(f.citation, 3)},{_IN3}"exception": null,'
                f'{_IN3}"explanation": {{{_IN4}"inputs": {{{_IN5}"zh": '
            )
            tail = (
                f',{_IN4}"requirement": {requirement},{_IN4}"text": {_quote(f.citation, 4)},'
                f'{_IN4}"exception": null{_IN3}}},'
                f'{_IN3}"permalink": {_optional(self.link(f.level, f.rule))}{_IN2}}}'
            )
            out = self.out
            found = self.pieces[key] = (f, (out(head), out(middle), out(tail)))
        self.last[f.rule] = found
        return found[1]

    def status(self, status: FindingStatus) -> Out:
        found = self.out(f'{_encode(status.value)},{_IN3}"subjects": ')
        if type(status) is FindingStatus:
            self.statuses[status] = found
        return found

    def subject(self, subject: str) -> tuple[Out, Out, Out]:
        """A subject as a JSON string, and what an explanation reads of it (zh, en)."""
        found = self.strings.get(subject) if type(subject) is str else None
        if found is None:
            zh, en = self.read(subject, self.day, self.names)
            out = self.out
            found = (out(_encode(subject)), out(_encode(zh)), out(_encode(en)))
            if type(subject) is str:
                self.strings[subject] = found
        return found

    def subjects(self, subjects: tuple[str, ...]) -> tuple[Out, Out]:
        """The subjects list (up to the message) and what is read of them (up to the
        computation)."""
        if not subjects:
            return self.none
        strings = [self.subject(s) for s in subjects]
        start, comma, end = self.subject_list
        read, between, english, after = self.read_lists
        join = self.empty.join
        found = (
            join((start, comma.join([s for s, _, _ in strings]), end)),
            join(
                (
                    read,
                    between.join([zh for _, zh, _ in strings]),
                    english,
                    between.join([en for _, _, en in strings]),
                    after,
                )
            ),
        )
        if len(subjects) == 1 and type(subjects[0]) is str:
            self.one[subjects[0]] = found
        return found

    def message(self, message: Label, measured: str | None, expected: str | None) -> tuple[Out, Out]:
        """The message with the values (up to the level) and the computation (up to the
        requirement)."""
        plain = measured is None and expected is None
        key: tuple[Any, ...] = (
            (message.zh, message.en) if plain else (message.zh, message.en, measured, expected)
        )
        # The values are formatted into the computation: kept (and looked up) only if they
        # are strings (or none), whose text is their value.
        kept = plain or all(type(v) is str or v is None for v in key)
        found = self.said.get(key) if kept else None
        if found is None:
            out = self.out
            zh, en = out(_encode(message.zh)), out(_encode(message.en))
            computation = self.computation(message, measured, expected)
            # Without values, the computation's texts are the message's: encoded once.
            zh_c = zh if computation.zh is message.zh else out(_encode(computation.zh))
            en_c = en if computation.en is message.en else out(_encode(computation.en))
            start, english, plain_end = self.message_label
            end = (
                plain_end
                if plain
                else out(
                    f'{_IN3}}},{_IN3}"measured": {_optional(measured)},'
                    f'{_IN3}"expected": {_optional(expected)}'
                )
            )
            join = self.empty.join
            c_start, c_english, c_end = self.computation_label
            found = (
                join((start, zh, english, en, end)),
                join((c_start, zh_c, c_english, en_c, c_end)),
            )
            if kept:
                self.said[key] = found
        return found


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
    of a file: what findings share is then encoded once, not with every finding). Each
    finding is written here, or by ``generic`` (its entry of ``report_json``, two levels
    deep) when this writer cannot write it exactly. ``day`` and ``names`` as
    explain_finding reads them; ``link`` gives each finding's permalink."""
    if not findings:
        return [out("[]")]
    rules = _Rules(link, out, day, names)
    pieces = [out("[")]
    last, statuses, one, said = rules.last.get, rules.statuses.get, rules.one.get, rules.said.get
    for f in findings:
        # One finding's text, two levels deep, from the comma before it, in pieces; or
        # _Unusual (or the TypeError or AttributeError of a value of another type than the
        # contract's) with nothing added.
        try:
            subjects = f.subjects
            if f.exception is not None or type(subjects) is not tuple:
                raise _Unusual
            known = last(f.rule)
            if (
                known is None
                or (g := known[0]).title is not f.title
                or g.strength is not f.strength
                or g.citation is not f.citation
                or g.level != f.level
                or g.plugin != f.plugin
            ):
                head, middle, tail = rules.rule(f)
            else:
                head, middle, tail = known[1]
            status = statuses(f.status) or rules.status(f.status)
            listed, read = (
                len(subjects) == 1 and type(subjects[0]) is str and one(subjects[0])
            ) or rules.subjects(subjects)
            message, measured, expected = f.message, f.measured, f.expected
            values, computation = (
                measured is None and expected is None and said((message.zh, message.en))
            ) or rules.message(message, measured, expected)
        except (_Unusual, AttributeError, TypeError):
            pieces.append(out("," + _IN2 + generic(f)))
        else:
            # In the order of the text: the rule's head, the status, the subjects, the
            # message with the values, the rule's middle, the inputs read, the computation
            # and the rule's tail.
            pieces += (head, status, listed, values, middle, read, computation, tail)
    # Every finding's text starts with the comma that separates it from the one before.
    pieces[1] = pieces[1][1:]
    pieces.append(out(_LINES[1] + "]"))
    return pieces
