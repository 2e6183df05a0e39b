"""Explanations: how a result came about, in a few lines a reader can check by hand.

Every target result and finding can explain itself: the inputs read (which records, which
subjects, which day), the value computed, the threshold and operator, the quoted sentence,
and the exception that turned a failure into ``excepted``, if any. The evaluation records
what it read on each :class:`~medconsortium.policy.findings.TargetResult`
(:class:`Read` items); :func:`explain_target` and :func:`explain_finding` turn a result
into an :class:`Explanation`, which the reports print with ``--explain`` and the JSON
report carries as ``explanation``.

Patient data never appear here: the inputs are aggregate statistics and network facts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import attrs

from ..model.labels import Label, Lang
from .documents import Citation, Strength
from .findings import AppliedException, Finding, Read, TargetResult


@attrs.frozen
class Explanation:
    """What a result rests on, in both languages.

    ``inputs``: what was read. ``computation``: how the value came from the inputs.
    ``requirement``: what the text asks for. ``citation``: the sentence, verbatim.
    ``exception``: the exception applied, with its own sentence.
    """

    inputs: tuple[str, ...]
    inputs_en: tuple[str, ...]
    computation: Label | None
    requirement: Label | None
    citation: Citation
    exception: AppliedException | None = None

    def lines(self, lang: Lang) -> list[str]:
        """The explanation as a few lines, in ``lang``."""
        out = [Label("读取：", "Read: ").pick(lang) + line for line in self.read(lang)]
        if self.computation is not None:
            out.append(Label("计算：", "Computed: ").pick(lang) + self.computation.pick(lang))
        if self.requirement is not None:
            out.append(Label("要求：", "Required: ").pick(lang) + self.requirement.pick(lang))
        out.append(
            Label("原文：", "Text: ").pick(lang)
            + f"{self.citation.document} {self.citation.clause}「{self.citation.text}」"
        )
        if self.exception is not None:
            x = self.exception
            out.append(
                Label("例外：", "Exception: ").pick(lang)
                + f"{x.id} ({x.level}) {x.reason.pick(lang)} — "
                + f"{x.citation.document} {x.citation.clause}「{x.citation.text}」"
            )
        return out

    def read(self, lang: Lang) -> tuple[str, ...]:
        return self.inputs if lang == "zh" else self.inputs_en

    def to_json(self) -> dict[str, Any]:
        """The ``explanation`` object of the JSON report."""
        return {
            "inputs": {"zh": list(self.inputs), "en": list(self.inputs_en)},
            "computation": _label(self.computation),
            "requirement": _label(self.requirement),
            "text": {
                "document": self.citation.document,
                "clause": self.citation.clause,
                "text": self.citation.text,
            },
            "exception": None
            if self.exception is None
            else {
                "id": self.exception.id,
                "level": self.exception.level,
                "reason": _label(self.exception.reason),
                "document": self.exception.citation.document,
                "clause": self.exception.citation.clause,
                "text": self.exception.citation.text,
            },
        }


def explain_target(result: TargetResult) -> Explanation:
    """How a target result came about, from what the evaluation recorded on it.

    >>> from medconsortium import Citation, Label, TargetStatus
    >>> r = TargetResult("x.t", Label("目标", "t"), 2024, "320612", TargetStatus.MET,
    ...     Label("实际 92", "measured 92"), Citation("文", "一", "不低于90%"), "320612", "x",
    ...     indicator="rate", operator=">=", measured=92.0, expected=90.0, unit="percent",
    ...     inputs=(Read("a", "320612", 2024, 92.0), Read("b", "320612", 2024, 100.0)))
    >>> for line in explain_target(r).lines("en"): print(line)
    Read: a [320612, 2024] = 92
    Read: b [320612, 2024] = 100
    Computed: rate = 92 (percent)
    Required: >= 90
    Text: 文 一「不低于90%」
    """
    inputs = tuple(read.text("zh") for read in result.inputs)
    inputs_en = tuple(read.text("en") for read in result.inputs)
    computation = None
    if result.indicator is not None:
        value = "—" if result.measured is None else _num(result.measured)
        unit = f" ({result.unit})" if result.unit else ""
        computation = Label(f"{result.indicator} = {value}{unit}", f"{result.indicator} = {value}{unit}")
    requirement = None
    if result.operator is not None:
        if result.operator in ("rising", "falling"):
            previous = "—" if result.expected is None else _num(result.expected)
            words = Label("高于", "above") if result.operator == "rising" else Label("低于", "below")
            requirement = Label(
                f"{words.zh}上一参照值 {previous}", f"{words.en} the reference value {previous}"
            )
        else:
            threshold = "—" if result.expected is None else _num(result.expected)
            requirement = Label(f"{result.operator} {threshold}", f"{result.operator} {threshold}")
    return Explanation(inputs, inputs_en, computation, requirement, result.citation)


def explain_finding(finding: Finding, as_of: dt.date, names: Mapping[str, str] | None = None) -> Explanation:
    """How a rule finding came about: the subjects judged, on which day, what the check
    measured against what it expected, the sentence, and any exception.

    >>> from medconsortium import Citation, FindingStatus, Label, Strength
    >>> f = Finding("x.r", Label("规则", "rule"), Strength.MANDATORY, FindingStatus.FAIL, ("c1",),
    ...     Label("未制定章程", "no charter"), Citation("文", "二", "应当制定章程"), "320612", "x")
    >>> for line in explain_finding(f, dt.date(2024, 12, 31), {"c1": "医共体"}).lines("en"): print(line)
    Read: 医共体 [c1] on 2024-12-31
    Computed: no charter
    Required: mandatory (必须)
    Text: 文 二「应当制定章程」
    """
    return Explanation(*finding_explanation(finding, as_of.isoformat(), names or {}))


#: What an explanation's parts are: the inputs in Chinese and in English, the computation,
#: the requirement, the sentence and the exception applied.
ExplanationParts = tuple[tuple[str, ...], tuple[str, ...], Label, Label, Citation, AppliedException | None]


def finding_explanation(finding: Finding, day: str, names: Mapping[str, str]) -> ExplanationParts:
    """The parts of :func:`explain_finding`'s explanation (``day`` in ISO form), which the
    JSON report writes without building it.

    >>> from medconsortium import Citation, FindingStatus, Label, Strength
    >>> f = Finding("x.r", Label("规则", "rule"), Strength.ENCOURAGED, FindingStatus.FAIL, ("c1", "c2"),
    ...     Label("未达标", "short"), Citation("文", "二", "鼓励"), "320612", "x", measured="1", expected="2")
    >>> inputs, inputs_en, computation, requirement, _, _ = finding_explanation(f, "2024-12-31", {"c1": "甲"})
    >>> inputs_en, computation.en, requirement.zh
    (('甲 [c1] on 2024-12-31', 'c2 on 2024-12-31'), 'short (measured 1, expected 2)', '鼓励 (encouraged)')
    """
    reads = [subject_read(s, day, names) for s in finding.subjects]
    return (
        tuple([zh for zh, _ in reads]),
        tuple([en for _, en in reads]),
        finding_computation(finding.message, finding.measured, finding.expected),
        strength_requirement(finding.strength),
        finding.citation,
        finding.exception,
    )


# The three parts below are what finding_explanation is made of; the JSON report calls
# them once per subject, per distinct message and per rule, not once per finding.
def subject_read(subject: str, day: str, names: Mapping[str, str]) -> tuple[str, str]:
    """What an explanation reads of one subject on ``day``, in Chinese and in English.

    >>> subject_read("c1", "2024-12-31", {"c1": "甲"})
    ('甲 [c1] 截至 2024-12-31', '甲 [c1] on 2024-12-31')
    """
    shown = f"{names[subject]} [{subject}]" if subject in names else subject
    return f"{shown} 截至 {day}", f"{shown} on {day}"


def finding_computation(message: Label, measured: str | None, expected: str | None) -> Label:
    """What a finding's explanation says was computed: its message, with the values
    measured and expected if it has any."""
    if measured is None and expected is None and type(message) is Label:
        return message  # a Label is immutable: the message is its own computation
    detail_zh, detail_en = message.zh, message.en
    if measured is not None or expected is not None:
        measured, expected = measured or "—", expected or "—"
        detail_zh += f"（实际 {measured}，要求 {expected}）"
        detail_en += f" (measured {measured}, expected {expected})"
    return Label(detail_zh, detail_en)


def strength_requirement(strength: Strength) -> Label:
    """What a rule of ``strength`` requires, as an explanation says it."""
    requirement = _REQUIREMENTS.get(strength) if type(strength) is Strength else None
    if requirement is None:
        requirement = Label(strength.label.show("zh"), strength.label.show("en"))
    return requirement


#: What each strength requires, as an explanation says it (Labels are immutable: one each).
_REQUIREMENTS = {s: Label(s.label.show("zh"), s.label.show("en")) for s in Strength}


def _num(value: float) -> str:
    if math.isclose(value, round(value), abs_tol=1e-9):
        return str(round(value))
    return f"{value:.6g}"


def _label(label: Label | None) -> dict[str, str] | None:
    return None if label is None else {"zh": label.zh, "en": label.en}


__all__ = [
    "Explanation",
    "ExplanationParts",
    "Read",
    "explain_finding",
    "explain_target",
    "finding_explanation",
]
