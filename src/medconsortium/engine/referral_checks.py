# Longer than 400 lines on purpose: the checker, its batch report and the batch runners share
# the per-finding counting (check, tally, add, merge) that must stay the same in each.
"""Checking referrals in bulk: an indexed checker, a batch report that stays small, and
batches in memory checked on several processes.

:class:`ReferralChecker` gives exactly the findings of
:func:`medconsortium.engine.evaluation.check_referral`, but resolves the rules in force on a
day, the memberships of each institution and the seniority that gives the direction
once, not for every referral; and the rules see an :class:`IndexedNetwork`, which answers
area queries from an index: a hospital information system checks many referrals over one
network.

:class:`BatchReport` accumulates a batch: counts per rule and status, and the details of
every finding that is not a pass and of every bad record, up to a limit (what is left
out is counted and said). Its size does not depend on the number of referrals, so a
file of any length can be checked with constant memory (:func:`check_records` over
:func:`~medconsortium.io.referral_io.read_referrals`). :func:`check_batch` checks referrals
held in memory, on several processes when asked, with the same result.

Reports show referral ids and institutions, never patient keys.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..model.consortia import Consortium
from ..model.errors import PLUGIN_FAILURES, InputError, NetworkError, PluginError
from ..model.jurisdictions import Jurisdiction
from ..model.labels import Label
from ..model.network import Network
from ..model.records import RecordError, RecordResult
from ..model.referrals import Direction, Referral
from ..plugins.registry import Entry, Registry
from ..policy.documents import Strength
from ..policy.findings import BINDING, FailOn, Finding, FindingStatus, Outcome
from ..policy.referral_rules import ReferralCheck, ReferralContext, ReferralRule
from .indexes import IndexedNetwork


class ReferralChecker:
    """Check referrals for one network, registry and jurisdiction.

    Rules see an :class:`IndexedNetwork` built from ``network``: the same network,
    answering the queries they repeat for every referral from indexes.

    >>> from medconsortium import api, examples
    >>> registry = api.load_registry(only=())
    >>> checker = ReferralChecker(examples.national_network(), registry, registry.jurisdiction("national"))
    >>> r = Referral("r-1", "p-7f3a", "cn-thc-1", "cn-county-1", dt.datetime(2024, 3, 1, 9), priority=True)
    >>> [(f.rule, f.status.value) for f in checker.check(r)]
    [('national.upward_priority', 'pass')]
    """

    def __init__(self, network: Network, registry: Registry, jurisdiction: Jurisdiction) -> None:
        self.network = IndexedNetwork.of(network)
        self.registry = registry
        self.jurisdiction = jurisdiction
        self._rules: dict[dt.date, tuple[Entry[ReferralRule], ...]] = {}
        self._plans: dict[dt.date, tuple[_Step, ...]] = {}
        self._seniority = {i.id: i.seniority for i in network.institutions}
        # Per (source, target): the context of the last day asked, with the first and last
        # days of the membership periods of both that it holds for (the same context on
        # every day between them), so that a hit costs two comparisons of days, not two
        # looks at the periods. Cleared when full, so that memory stays flat however many
        # pairs a file holds.
        self._contexts: dict[tuple[str, str], tuple[dt.date, dt.date, ReferralContext]] = {}
        # Per known institution: its consortia in the period of the last day asked (at most
        # one entry per institution of the network).
        self._held: dict[str, tuple[dt.date, dt.date, tuple[Consortium, ...]]] = {}

    def _rules_on(self, day: dt.date) -> tuple[Entry[ReferralRule], ...]:
        found = self._rules.get(day)
        if found is None:
            # One entry per day: a few thousand at most over years of referrals.
            found = self._rules[day] = self.registry.referral_rules_for(self.jurisdiction.code, day)
        return found

    def _plan_on(self, day: dt.date) -> tuple[_Step, ...]:
        """The rules in force on ``day``, with what every finding of each repeats."""
        found = self._plans.get(day)
        if found is None:
            steps = []
            for entry in self._rules_on(day):
                level = entry.level
                assert level is not None  # the registry gives every cited item its level
                rule = entry.item
                steps.append((rule.check, rule, level, entry.plugin, rule.strength in BINDING))
            found = self._plans[day] = tuple(steps)
        return found

    def context(self, referral: Referral, day: dt.date | None = None) -> ReferralContext:
        """The resolved context of a referral; NetworkError for an unknown institution."""
        if day is None:
            day = referral.time.date()
        network = self.network
        source_id, target_id = referral.from_institution, referral.to_institution
        key = (source_id, target_id)
        held = self._contexts.get(key)
        if held is not None and held[0] <= day <= held[1]:
            return held[2]
        source = network.get_institution(source_id)
        target = network.get_institution(target_id)
        if source is None:
            raise NetworkError("from_institution", f"unknown institution {source_id!r}")
        if target is None:
            raise NetworkError("to_institution", f"unknown institution {target_id!r}")
        target_first, target_last, of_target = self._consortia_of(target.id, day)
        first, last, of_source = self._consortia_of(source.id, day)
        shared = tuple(c for c in of_source if c in of_target) if of_target else ()
        # As direction_between, from seniorities computed once.
        up, down = self._seniority[target.id], self._seniority[source.id]
        direction = _UPWARD if up > down else _DOWNWARD if up < down else _LATERAL
        found = ReferralContext(network, self.jurisdiction, source, target, direction, shared)
        if len(self._contexts) >= _CONTEXTS:
            self._contexts.clear()
        self._contexts[key] = (max(first, target_first), min(last, target_last), found)
        return found

    def _consortia_of(
        self, institution_id: str, day: dt.date
    ) -> tuple[dt.date, dt.date, tuple[Consortium, ...]]:
        """The consortia of a known institution on ``day``, with the first and last days of
        its membership period, the days they hold for: a pair's context is built once for
        each pair, but each institution is in many pairs."""
        held = self._held.get(institution_id)
        if held is None or not held[0] <= day <= held[1]:
            first, last = self.network.period_days(institution_id, day)
            held = self._held[institution_id] = (first, last, self.network.consortia_of(institution_id, day))
        return held

    def check(self, referral: Referral) -> tuple[Finding, ...]:
        """The findings of every referral rule in force on the referral's day."""
        day = referral.time.date()
        ctx = self.context(referral, day)
        findings: list[Finding] = []
        for check, rule, level, plugin, binding in self._plan_on(day):
            try:
                outcomes = list(check(referral, ctx))
            except PLUGIN_FAILURES as exc:
                raise PluginError(plugin, f"check raised {exc!r}", item=f"referral rule {rule.id}") from exc
            for outcome in outcomes:
                if not isinstance(outcome, Outcome):
                    raise PluginError(
                        plugin,
                        f"check returned a {type(outcome).__name__}, expected Outcome",
                        item=f"referral rule {rule.id}",
                    )
                status = outcome.status
                if status is _FAIL and not binding:  # as status_for, the strength known once
                    status = _ADVISORY
                # Positional, in Finding's field order: this runs for every finding.
                findings.append(
                    Finding(
                        rule.id,
                        rule.title,
                        rule.strength,
                        status,
                        outcome.subjects,
                        outcome.message,
                        rule.citation,
                        level,
                        plugin,
                        outcome.measured,
                        outcome.expected,
                    )
                )
        return tuple(findings)

    def tally(self, referral: Referral, report: BatchReport) -> None:
        """Count the findings of one referral into ``report``: the same as
        ``report.add(self.check(referral))``, but a :class:`Finding` is built only where the
        report keeps one (a finding that is not a pass, while the report has room for it).

        Batches run this for every referral: most findings are passes or go beyond the
        report's limit, and are only counted.
        """
        day = referral.time.date()
        # context() and _plan_on() where their memos hit, without the two calls.
        held = self._contexts.get((referral.from_institution, referral.to_institution))
        ctx = held[2] if held is not None and held[0] <= day <= held[1] else self.context(referral, day)
        plan = self._plans.get(day)
        if plan is None:
            plan = self._plan_on(day)
        report.records += 1
        report.checked += 1
        per_rule = report.per_rule
        for check, rule, level, plugin, binding in plan:
            try:
                outcomes = check(referral, ctx)
                # Most referrals get one outcome of a rule, or none: a list only when needed.
                if type(outcomes) is not tuple and not isinstance(outcomes, _SEQUENCES):
                    outcomes = list(outcomes)
            except PLUGIN_FAILURES as exc:
                raise PluginError(plugin, f"check raised {exc!r}", item=f"referral rule {rule.id}") from exc
            for outcome in outcomes:
                if type(outcome) is not Outcome and not isinstance(outcome, Outcome):
                    raise PluginError(
                        plugin,
                        f"check returned a {type(outcome).__name__}, expected Outcome",
                        item=f"referral rule {rule.id}",
                    )
                status = outcome.status
                if status is _FAIL and not binding:  # as status_for, the strength known once
                    status = _ADVISORY
                key = (rule.id, status)
                count = per_rule.get(key)
                if count is None:
                    per_rule[key] = 1
                    report.titles.setdefault(rule.id, rule.title)
                    report.strengths.setdefault(rule.id, rule.strength)
                    report.levels.setdefault(rule.id, level)
                else:
                    per_rule[key] = count + 1
                if status is not _PASS:
                    limit = report.limit
                    if limit is None or len(report.details) < limit:
                        report.details.append(
                            Finding(
                                rule.id,
                                rule.title,
                                rule.strength,
                                status,
                                outcome.subjects,
                                outcome.message,
                                rule.citation,
                                level,
                                plugin,
                                outcome.measured,
                                outcome.expected,
                            )
                        )
                    else:
                        report.omitted_details += 1


#: (check, rule, level, plugin, whether a failure binds) of a rule in force on a day.
_Step = tuple[ReferralCheck, ReferralRule, str, str, bool]
#: At most this many resolved contexts are kept (a few MB).
_CONTEXTS = 1 << 16
_FAIL = FindingStatus.FAIL
#: What a check may return as it is (``tuple | list`` would build a union on every call).
_SEQUENCES = (tuple, list)
_PASS = FindingStatus.PASS
_ADVISORY = FindingStatus.ADVISORY
# Read once (a member read from its enumeration calls EnumType.__getattr__ on Python 3.11).
_UPWARD, _DOWNWARD, _LATERAL = Direction.UPWARD, Direction.DOWNWARD, Direction.LATERAL


@attrs.define
class BatchReport:
    """The result of checking a batch of referral records, of bounded size.

    ``limit``: at most this many detailed findings and as many bad records are kept
    (None: all, and memory then grows with the problems found). ``ok``: no rule failed
    and no record was bad.
    """

    jurisdiction: Jurisdiction
    chain: tuple[Jurisdiction, ...]
    source: str
    limit: int | None = 1000
    records: int = 0
    checked: int = 0
    bad: int = 0
    per_rule: dict[tuple[str, FindingStatus], int] = attrs.field(factory=dict)
    titles: dict[str, Label] = attrs.field(factory=dict)
    strengths: dict[str, Strength] = attrs.field(factory=dict)
    #: rule id → code of the level that sets it (where its permalink points).
    levels: dict[str, str] = attrs.field(factory=dict)
    details: list[Finding] = attrs.field(factory=list)
    errors: list[RecordError] = attrs.field(factory=list)
    omitted_details: int = 0
    omitted_errors: int = 0

    def add(self, findings: Iterable[Finding]) -> None:
        """Count the findings of one good record."""
        self.records += 1
        self.checked += 1
        # Runs once per finding of every referral: counts only, keyed by what is at hand.
        per_rule = self.per_rule
        for f in findings:
            key = (f.rule, f.status)
            count = per_rule.get(key)
            if count is None:
                per_rule[key] = 1
                self.titles.setdefault(f.rule, f.title)
                self.strengths.setdefault(f.rule, f.strength)
                self.levels.setdefault(f.rule, f.level)
            else:
                per_rule[key] = count + 1
            if f.status is not FindingStatus.PASS:
                if self.limit is None or len(self.details) < self.limit:
                    self.details.append(f)
                else:
                    self.omitted_details += 1

    def add_error(self, error: RecordError) -> None:
        """Count one bad record."""
        self.records += 1
        self.bad += 1
        if self.limit is None or len(self.errors) < self.limit:
            self.errors.append(error)
        else:
            self.omitted_errors += 1

    def merge(self, other: BatchReport) -> None:
        """Add a report of the records that follow this one's (as if checked here)."""
        self.records += other.records
        self.checked += other.checked
        self.bad += other.bad
        for pair, count in other.per_rule.items():
            self.per_rule[pair] = self.per_rule.get(pair, 0) + count
        for rule, title in other.titles.items():
            self.titles.setdefault(rule, title)
        for rule, strength in other.strengths.items():
            self.strengths.setdefault(rule, strength)
        for rule, level in other.levels.items():
            self.levels.setdefault(rule, level)
        self.omitted_details += other.omitted_details + _take(self.details, other.details, self.limit)
        self.omitted_errors += other.omitted_errors + _take(self.errors, other.errors, self.limit)

    @property
    def statuses(self) -> dict[str, int]:
        """Findings per status, all rules together, sorted by status."""
        out: dict[str, int] = {}
        for (_, status), count in self.per_rule.items():
            out[status.value] = out.get(status.value, 0) + count
        return dict(sorted(out.items()))

    def rule_counts(self) -> list[tuple[str, str, int]]:
        """(rule, status, count), sorted."""
        return sorted((rule, status.value, count) for (rule, status), count in self.per_rule.items())

    @property
    def failed(self) -> int:
        """Findings that count as failures by default: mandatory rules that failed."""
        return self.failures(FailOn.MANDATORY)

    def failures(self, fail_on: FailOn = FailOn.MANDATORY) -> int:
        """Findings that count as failures under ``fail_on``."""
        return sum(
            count
            for (rule, status), count in self.per_rule.items()
            if fail_on.counts(status, self.strengths[rule])
        )

    @property
    def ok(self) -> bool:
        """No mandatory rule failed and no record was bad: exit code 0 by default."""
        return self.failed == 0 and self.bad == 0

    def summary(self) -> dict[str, int]:
        """Records, checked, bad, and findings per status, in a stable order."""
        out = {"records": self.records, "checked": self.checked, "bad_records": self.bad}
        out.update({f"findings.{k}": v for k, v in self.statuses.items()})
        return out


def _take(kept: list[Any], more: list[Any], limit: int | None) -> int:
    """Append as many of ``more`` as ``limit`` leaves room for; how many did not fit."""
    room = len(more) if limit is None else max(0, limit - len(kept))
    kept.extend(more[:room])
    return max(0, len(more) - room)


def check_records(
    results: Iterable[RecordResult],
    checker: ReferralChecker,
    report: BatchReport,
    strict: bool = False,
) -> BatchReport:
    """Check every good record and count every bad one into ``report``.

    With ``strict`` the first bad record raises an InputError naming file and line.
    A referral whose institutions the network does not know is a bad record.
    """
    tally = checker.tally
    for result in results:
        if isinstance(result, RecordError):
            if strict:
                raise InputError(report.source, f"line {result.line}", result.message)
            report.add_error(result)
            continue
        try:
            tally(result.referral, report)
        except NetworkError as exc:
            error = RecordError(result.line, result.referral.id, f"{exc.location}: {exc.message}")
            if strict:
                raise InputError(report.source, f"line {error.line}", error.message) from None
            report.add_error(error)
    return report


# -- referrals in memory, on several processes -------------------------------------------
#: What forked workers inherit: the referrals, the checker and an empty report to copy.
_SHARED: tuple[Sequence[Referral], ReferralChecker, BatchReport] | None = None
_CHUNK = 20_000


def _check_slice(bounds: tuple[int, int]) -> BatchReport:
    assert _SHARED is not None
    referrals, checker, template = _SHARED
    part = BatchReport(template.jurisdiction, template.chain, template.source, template.limit)
    _check_range(referrals, bounds[0], bounds[1], checker, part)
    return part


def _check_range(
    referrals: Sequence[Referral], start: int, stop: int, checker: ReferralChecker, report: BatchReport
) -> None:
    tally = checker.tally
    for index in range(start, stop):
        referral = referrals[index]
        try:
            tally(referral, report)
        except NetworkError as exc:
            report.add_error(RecordError(index + 1, referral.id, f"{exc.location}: {exc.message}"))


def check_batch(
    referrals: Sequence[Referral], checker: ReferralChecker, report: BatchReport, processes: int = 1
) -> BatchReport:
    """Check referrals held in memory into ``report``; the same result for any
    ``processes``. A referral between unknown institutions is a bad record numbered by its
    position (from 1).

    With ``processes`` > 1 (and where processes can be forked, so that workers share the
    referrals and the checker without copying them), slices are checked in parallel
    and their reports merged in order. Plugin rules must then not rely on state shared
    between referrals, which they cannot anyway: each check sees one referral.
    """
    global _SHARED
    if processes <= 1 or len(referrals) <= _CHUNK or "fork" not in mp.get_all_start_methods():
        _check_range(referrals, 0, len(referrals), checker, report)
        return report
    bounds = [(start, min(start + _CHUNK, len(referrals))) for start in range(0, len(referrals), _CHUNK)]
    _SHARED = (referrals, checker, report)
    try:
        with mp.get_context("fork").Pool(processes) as pool:
            for part in pool.imap(_check_slice, bounds):
                report.merge(part)
    finally:
        _SHARED = None
    return report


__all__ = [
    "BatchReport",
    "ReferralChecker",
    "check_batch",
    "check_records",
]
