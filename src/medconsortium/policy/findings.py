"""Results: findings of rules and results of targets, each with its citation and level."""

from __future__ import annotations

import enum

import attrs

from ..model.labels import Label
from .documents import Citation, Strength


class FindingStatus(enum.Enum):
    """Outcome of a rule for one subject.

    ``excepted``: the rule fails for the subject, but a lower level declared an exception
    for it (with its own citation); shown, never silently dropped.
    """

    PASS = "pass"
    FAIL = "fail"
    NOT_ASSESSABLE = "not_assessable"
    EXCEPTED = "excepted"

    @property
    def label(self) -> Label:
        return {
            FindingStatus.PASS: Label("符合", "pass"),
            FindingStatus.FAIL: Label("不符合", "fail"),
            FindingStatus.NOT_ASSESSABLE: Label("无法评估", "not assessable"),
            FindingStatus.EXCEPTED: Label("例外", "excepted"),
        }[self]


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

    status: FindingStatus
    subjects: tuple[str, ...]
    message: Label
    measured: str | None = None
    expected: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is FindingStatus.EXCEPTED:
            raise ValueError("rules do not return 'excepted': exceptions are applied by the core")


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
