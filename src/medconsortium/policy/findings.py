"""Results: findings of rules and results of targets, each with its citation and level."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable
from typing import Any

import attrs

from ..model.checks import draft_class, drafts_become, enum_of, plain_fields
from ..model.labels import Label, Lang
from .documents import Citation, Strength


class FindingStatus(enum.Enum):
    """Outcome of a rule for one subject.

    ``excepted``: the rule fails for the subject, but a lower level declared an exception
    for it (with its own citation); shown, never silently dropped. ``advisory``: what an
    encouraged (鼓励) or permitted (可, 允许) item describes is not there; the text asks
    nothing, so it is never a failure and never sets the exit code (the core turns a
    rule's ``fail`` into ``advisory`` by the rule's strength).
    """

    # By identity, as InstitutionType's: a batch counts every finding under its
    # (rule, status) key, and Enum's own __hash__ is a Python call.
    __hash__ = object.__hash__

    PASS = "pass"
    FAIL = "fail"
    NOT_ASSESSABLE = "not_assessable"
    EXCEPTED = "excepted"
    ADVISORY = "advisory"

    @property
    def label(self) -> Label:
        return {
            FindingStatus.PASS: Label("符合", "pass"),
            FindingStatus.FAIL: Label("不符合", "fail"),
            FindingStatus.NOT_ASSESSABLE: Label("无法评估", "not assessable"),
            FindingStatus.EXCEPTED: Label("例外", "excepted"),
            FindingStatus.ADVISORY: Label("倡导项未落实", "advisory"),
        }[self]


#: Strengths whose failures the text makes binding: anything else is advisory.
BINDING = frozenset({Strength.MANDATORY, Strength.IN_PRINCIPLE})


def status_for(outcome: FindingStatus, strength: Strength) -> FindingStatus:
    """The status a rule's outcome takes by the rule's strength.

    >>> status_for(FindingStatus.FAIL, Strength.ENCOURAGED)
    <FindingStatus.ADVISORY: 'advisory'>
    >>> status_for(FindingStatus.FAIL, Strength.IN_PRINCIPLE)
    <FindingStatus.FAIL: 'fail'>
    """
    if outcome is FindingStatus.FAIL and strength not in BINDING:
        return FindingStatus.ADVISORY
    return outcome


def status_text(status: FindingStatus, strength: Strength, lang: str = "zh") -> str:
    """A finding's status as every human-readable format shows it: a failure of a rule
    that holds in principle (原则上) and an advisory finding name their strength beside the
    status, so that no reader takes one for a failure of a mandatory rule.

    >>> status_text(FindingStatus.FAIL, Strength.IN_PRINCIPLE, "en")
    'fail (不符合) — in principle (原则上)'
    >>> status_text(FindingStatus.FAIL, Strength.MANDATORY)
    '不符合 (fail)'
    """
    text = status.label.show("en" if lang == "en" else "zh")
    if (
        status is FindingStatus.FAIL and strength is Strength.IN_PRINCIPLE
    ) or status is FindingStatus.ADVISORY:
        return f"{text} — {strength.label.show('en' if lang == 'en' else 'zh')}"
    return text


class FailOn(enum.Enum):
    """Which findings set exit code 1 (``--fail-on``); unmet targets always do.

    ``mandatory`` (the default): failures of mandatory rules (必须, 应, 要).
    ``in_principle``: also failures of rules that hold in principle (原则上).
    ``any``: also advisory findings of encouraged and permitted items.
    """

    MANDATORY = "mandatory"
    IN_PRINCIPLE = "in_principle"
    ANY = "any"

    def counts(self, status: FindingStatus, strength: Strength) -> bool:
        """Whether a finding of ``status`` for a rule of ``strength`` is a failure here.

        >>> FailOn.MANDATORY.counts(FindingStatus.FAIL, Strength.IN_PRINCIPLE)
        False
        >>> FailOn.IN_PRINCIPLE.counts(FindingStatus.FAIL, Strength.IN_PRINCIPLE)
        True
        >>> FailOn.ANY.counts(FindingStatus.ADVISORY, Strength.ENCOURAGED)
        True
        """
        if status is FindingStatus.FAIL:
            return strength is Strength.MANDATORY or self is not FailOn.MANDATORY
        return status is FindingStatus.ADVISORY and self is FailOn.ANY


class TargetStatus(enum.Enum):
    """Outcome of a target for one subject. ``not_scored``: qualitative or monitored."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_ASSESSABLE = "not_assessable"
    NOT_SCORED = "not_scored"

    @property
    def label(self) -> Label:
        return {
            TargetStatus.MET: Label("达标", "met"),
            TargetStatus.NOT_MET: Label("未达标", "not met"),
            TargetStatus.NOT_ASSESSABLE: Label("无法评估", "not assessable"),
            TargetStatus.NOT_SCORED: Label("不评分", "not scored"),
        }[self]


@attrs.frozen
class Outcome:
    """What a rule check says about some subjects; the core adds rule, level and citation.

    ``subjects`` are the ids the outcome is about (consortia, institutions, areas).
    ``measured`` and ``expected`` are short texts for the report.
    """

    status: FindingStatus = attrs.field(validator=enum_of(FindingStatus))
    subjects: tuple[str, ...]
    message: Label
    measured: str | None = None
    expected: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is FindingStatus.EXCEPTED:
            raise ValueError("rules do not return 'excepted': exceptions are applied by the core")


#: An Outcome while :func:`outcome` fills its slots (model.checks.draft_class).
_DraftOutcome = draft_class(Outcome)


def _drafts_become_outcomes() -> bool:
    """Whether :func:`outcome` can build an Outcome as it does: Outcome's fields are the
    five it sets, with a validator on ``status`` only (which it applies itself)."""
    fields = ("status", "subjects", "message", "measured", "expected")
    return plain_fields(Outcome, ("status",), fields) and drafts_become(_DraftOutcome, Outcome)


_new = object.__new__
#: Read once: on Python 3.11 a member read from its enumeration goes through
#: ``EnumType.__getattr__`` (600 to 1,800 instructions), and verdicts run for every item checked.
_EXCEPTED, _PASS, _FAIL, _UNKNOWN = (
    FindingStatus.EXCEPTED,
    FindingStatus.PASS,
    FindingStatus.FAIL,
    FindingStatus.NOT_ASSESSABLE,
)
_FAST_OUTCOMES = _drafts_become_outcomes()


def outcome(
    status: FindingStatus,
    subjects: tuple[str, ...],
    message: Label,
    measured: str | None = None,
    expected: str | None = None,
) -> Outcome:
    """``Outcome(status, subjects, message, measured, expected)``: the same frozen object
    with the same checks, built by plain slot stores in a third of the time. For checks
    that run for every referral of a batch, where building outcomes was a third of a
    referral's checks and an eighth of its whole cost (``benchmarks/referrals.py``).

    >>> given = Label("已优先接诊", "priority given")
    >>> made = outcome(FindingStatus.PASS, ("r-1",), given)
    >>> type(made) is Outcome, made == Outcome(FindingStatus.PASS, ("r-1",), given)
    (True, True)
    >>> outcome("pass", ("r-1",), given)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: Outcome.status: 'pass' is a str, not a member of FindingStatus ...
    """
    if status.__class__ is not FindingStatus or status is _EXCEPTED or not _FAST_OUTCOMES:
        # The class's own checks raise their own errors.
        return Outcome(status, subjects, message, measured, expected)
    made: Any = _new(_DraftOutcome)  # a draft: its slots are set once, then it is frozen
    made.status = status
    made.subjects = subjects
    made.message = message
    made.measured = measured
    made.expected = expected
    made.__class__ = Outcome  # every slot set: the draft is an Outcome now
    result: Outcome = made
    return result


#: A Label while :func:`label` fills its slots (model.checks.draft_class).
_DraftLabel = draft_class(Label)
_FAST_LABELS = (
    plain_fields(Label, (), ("zh", "en"))
    and not hasattr(Label, "__attrs_post_init__")
    and drafts_become(_DraftLabel, Label)
)


def label(zh: str, en: str) -> Label:
    """``Label(zh, en)``, the same frozen object built by two slot stores in half the time:
    a province's rule pass makes a message for each of its thousands of outcomes.

    >>> label("符合", "pass") == Label("符合", "pass"), type(label("符合", "pass")) is Label
    (True, True)
    """
    if not _FAST_LABELS:
        return Label(zh, en)
    made: Any = _new(_DraftLabel)
    made.zh = zh
    made.en = en
    made.__class__ = Label
    result: Label = made
    return result


@attrs.frozen
class AppliedException:
    """The exception that turned a failure into ``excepted``."""

    id: str
    level: str
    citation: Citation
    reason: Label


@attrs.frozen
class Finding:
    """One rule's outcome for some subjects, attributed to its level, document and plugin."""

    rule: str
    title: Label
    strength: Strength
    status: FindingStatus
    subjects: tuple[str, ...]
    message: Label
    citation: Citation
    level: str
    plugin: str
    measured: str | None = None
    expected: str | None = None
    exception: AppliedException | None = None


@attrs.frozen
class Read:
    """One input a target read: a metric of a subject in a year, or a network measure.

    ``value`` is ``None`` when the input was not recorded (the reason a result is not
    assessable).
    """

    what: str
    subject: str | None
    year: int | None
    value: float | None
    day: dt.date | None = None
    #: a metric's name, and the kind of subject its record describes (area, consortium,
    #: institution): what a report names when the value was not recorded
    label: Label | None = None
    scope: str | None = None

    def text(self, lang: Lang) -> str:
        value = "—" if self.value is None else _num(self.value)
        missing = Label("（未记录）", " (not recorded)").pick(lang) if self.value is None else ""
        where = []
        if self.subject is not None:
            where.append(self.subject)
        if self.year is not None:
            where.append(Label(f"{self.year}年", str(self.year)).pick(lang))
        if self.day is not None:
            where.append(Label(f"截至 {self.day.isoformat()}", f"on {self.day.isoformat()}").pick(lang))
        return f"{self.what} [{', '.join(where)}] = {value}{missing}"


@attrs.frozen
class TargetResult:
    """One target's result for one subject in one year."""

    target: str
    title: Label
    year: int
    subject: str | None
    status: TargetStatus
    message: Label
    citation: Citation
    level: str
    plugin: str
    indicator: str | None = None
    operator: str | None = None
    measured: float | None = None
    expected: float | None = None
    unit: str | None = None
    #: What the evaluation read to reach this result (for :func:`explain_target`).
    inputs: tuple[Read, ...] = ()


def _num(value: float) -> str:
    if math.isclose(value, round(value), abs_tol=1e-9):
        return str(round(value))
    return f"{value:.6g}"


def verdict(
    subjects: Iterable[str],
    ok: bool | None,
    passed: tuple[str, str],
    failed: tuple[str, str],
    unknown: tuple[str, str] | None = None,
    **kw: str | None,
) -> Outcome:
    """The verdict of one check in one call: ``passed`` (zh, en) when ``ok``, ``failed``
    when not, ``unknown`` when ``ok`` is None (missing data is never a pass); for a fact
    recorded yes, recorded no, or not recorded. ``measured`` and ``expected`` go with a
    failure only.

    >>> verdict(["r-1"], None, ("已优先", "priority given"), ("未优先", "no priority"),
    ...     ("未记录", "not recorded")).status.value
    'not_assessable'
    """
    # label() for a (zh, en) pair; Label's own call, and its own error, for anything else.
    if ok is None:
        if unknown is None:
            raise ValueError("verdict: ok is None and no unknown message is given")
        said = label(*unknown) if len(unknown) == 2 else Label(*unknown)
        return outcome(_UNKNOWN, tuple(subjects), said)
    if ok:
        return outcome(_PASS, tuple(subjects), label(*passed) if len(passed) == 2 else Label(*passed))
    return outcome(_FAIL, tuple(subjects), label(*failed) if len(failed) == 2 else Label(*failed), **kw)
