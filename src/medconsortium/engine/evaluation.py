# Longer than 400 lines on purpose: the rule pass, the target pass and the result objects they share are
# read together; issue 18 reshapes them.
"""Evaluation: run rules and targets for a jurisdiction, attach levels and exceptions.

These are the functions the CLI calls; they return plain result objects (a
:class:`Report`), which the renderers turn into text, Markdown, HTML or JSON.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, cast

import attrs

from ..model import late
from ..model.checks import draft_class, drafts_become, frozen_names, plain_fields
from ..model.errors import PLUGIN_FAILURES, NetworkError, PluginError
from ..model.jurisdictions import Jurisdiction, Level, area_at, code_within, level_of_code
from ..model.labels import Label
from ..model.network import Network
from ..model.referrals import Referral, direction_between
from ..model.statistics import Metric, Scope, Statistics
from ..plugins.registry import Entry, Registry
from ..policy.findings import (
    AppliedException,
    FailOn,
    Finding,
    FindingStatus,
    Outcome,
    Read,
    TargetResult,
    TargetStatus,
    status_for,
)
from ..policy.indicators import Indicator, MeasureContext, MetricValue, Ratio
from ..policy.referral_rules import ReferralContext, ReferralRule
from ..policy.rules import Rule, RuleContext, RuleException
from ..policy.targets import Basis, Operator, Target, TargetKind
from .heap import settled
from .passes import WatchedContext, recall, recall_findings, remember
from .vocabulary import check_network, check_statistics

# Comparisons allow for floating-point noise in ratios, nothing more.
_EPSILON = 1e-9


@attrs.frozen
class Report:
    """The result of ``validate`` or ``assess``: every finding and target result, in a
    stable order (level from national down, then id, then subject)."""

    command: str
    jurisdiction: Jurisdiction
    chain: tuple[Jurisdiction, ...]
    as_of: dt.date
    year: int | None
    findings: tuple[Finding, ...]
    targets: tuple[TargetResult, ...] = ()
    synthetic: bool = False
    #: Subject id -> name for the results' subjects; read-only (the report is frozen).
    names: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_names)
    #: How many institutions of the network lie in the jurisdiction (None: not counted).
    #: Zero means nothing was checked: the command line refuses such a run (exit 2).
    institutions_checked: int | None = None

    @property
    def ok(self) -> bool:
        """No target not met and no mandatory rule failed: exit code 0 by default.

        Not assessable does not count as failure here; it is shown and counted in the
        summary. In-principle failures and advisory findings are shown in every format
        and count only with :meth:`failed` ``(FailOn.IN_PRINCIPLE)`` or ``(FailOn.ANY)``.
        """
        return not self.failed(FailOn.MANDATORY)

    def failed(self, fail_on: FailOn = FailOn.MANDATORY) -> bool:
        """Whether a target is not met, or a finding counts as a failure under ``fail_on``."""
        return any(fail_on.counts(f.status, f.strength) for f in self.findings) or any(
            t.status is TargetStatus.NOT_MET for t in self.targets
        )

    def counts(self) -> dict[str, int]:
        """How many results of each status, targets and findings apart."""
        out: dict[str, int] = {}
        for kind, results in (("targets", self.targets), ("findings", self.findings)):
            # Counted by status first, each status's name written once: reading an enum's
            # value per result was most of counting a province's 7,858 findings.
            tally: dict[Any, int] = {}
            for r in results:
                tally[r.status] = tally.get(r.status, 0) + 1
            for status, count in tally.items():
                key = f"{kind}.{status.value}"
                out[key] = out.get(key, 0) + count
        return dict(sorted(out.items()))

    # Serialisation belongs to the report layer, which imports this one: it registers its
    # functions in SERIALISERS when imported (the package's __init__ always imports it).
    def to_dict(self) -> dict[str, Any]:
        """The report as the documented JSON contract, as Python data (docs: *JSON output*)."""
        return cast(dict[str, Any], _serialiser("dict")(self))

    def to_json(self) -> str:
        """The report as JSON text, byte for byte what ``--format json`` prints."""
        return cast(str, _serialiser("json")(self))

    def records(self) -> list[dict[str, Any]]:
        """Flat rows, one per target result and one per subject of a finding, each with the
        subject's name beside its id: ``pandas.DataFrame(report.records())`` takes them as
        they are (see :func:`medconsortium.report.rows.report_rows` for the columns)."""
        return cast(list[dict[str, Any]], _serialiser("records")(self))


#: The report layer's serialisers by name ("dict", "json", "records"), registered by
#: :mod:`medconsortium.report.render` and :mod:`medconsortium.report.rows` on import.
SERIALISERS: dict[str, Callable[[Report], object]] = {}

#: Imports the report layer on first use, so that ``import medconsortium`` does not pay for
#: the renderers (the package's ``__init__`` sets :data:`medconsortium.model.late.SERIALISER_LOADER`;
#: this one, when set, comes first).
SERIALISER_LOADER: Callable[[], None] | None = None


def _serialiser(name: str) -> Callable[[Report], object]:
    loader = SERIALISER_LOADER or late.SERIALISER_LOADER
    if name not in SERIALISERS and loader is not None:
        loader()
    found = SERIALISERS.get(name)
    if found is None:  # only when the engine is used without the package (never in practice)
        raise RuntimeError(f"no {name} serialiser: import medconsortium.report.rows first")
    return found


def subject_names(
    network: Network, findings: Iterable[Finding], targets: Iterable[TargetResult] = ()
) -> dict[str, str]:
    """Names of the institutions and consortia the results mention, for reports."""
    ids = {s for f in findings for s in f.subjects} | {t.subject for t in targets if t.subject}
    names: dict[str, str] = {}
    for sid in sorted(ids):
        found = network.get_institution(sid) or network.get_consortium(sid)
        if found is not None:
            names[sid] = found.name
    return names


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


# -- rules --------------------------------------------------------------------------------
def _apply_exceptions(
    outcome: Outcome, rule_id: str, exceptions: Iterable[Entry[RuleException]], network: Network
) -> AppliedException | None:
    """The exception that covers every subject of a failure, if one does."""
    if outcome.status is not FindingStatus.FAIL or not outcome.subjects:
        return None
    for entry in exceptions:
        exc = entry.item
        if exc.rule != rule_id:
            continue
        try:
            covered = all(exc.covers(network, subject) for subject in outcome.subjects)
        except PLUGIN_FAILURES as error:  # a plugin's subject test failed: name it
            raise PluginError(
                entry.plugin, f"applies_to raised {error!r}", item=f"exception {exc.id}"
            ) from error
        if covered:
            assert entry.level is not None
            return AppliedException(exc.id, entry.level, exc.citation, exc.reason)
    return None


def _finding(
    entry: Entry[Rule] | Entry[ReferralRule],
    outcome: object,
    item: str,
    exceptions: Iterable[Entry[RuleException]] = (),
    network: Network | None = None,
) -> Finding:
    """A rule's outcome attributed to its rule, level, citation and plugin, with the
    exception that applies to it, if any.

    ``outcome`` comes from plugin code: anything but an Outcome names the plugin.
    """
    if not isinstance(outcome, Outcome):
        kind = type(outcome).__name__
        raise PluginError(entry.plugin, f"check returned a {kind}, expected Outcome", item=item)
    rule = entry.item
    assert entry.level is not None
    applied = _apply_exceptions(outcome, rule.id, exceptions, network) if network is not None else None
    return Finding(
        rule=rule.id,
        title=rule.title,
        strength=rule.strength,
        status=FindingStatus.EXCEPTED if applied else status_for(outcome.status, rule.strength),
        subjects=outcome.subjects,
        message=outcome.message,
        citation=rule.citation,
        level=entry.level,
        plugin=entry.plugin,
        measured=outcome.measured,
        expected=outcome.expected,
        exception=applied,
    )


#: A Finding while :func:`_rule_findings` fills its slots (model.checks.draft_class).
_DraftFinding = draft_class(Finding)
_FINDING_FIELDS = (
    "rule",
    "title",
    "strength",
    "status",
    "subjects",
    "message",
    "citation",
    "level",
    "plugin",
    "measured",
    "expected",
    "exception",
)
#: Whether a Finding can be built by plain slot stores: its fields are those
#: :func:`_rule_findings` stores, with no validator, converter or post-init to miss.
_FAST_FINDINGS = (
    plain_fields(Finding, (), _FINDING_FIELDS)
    and not hasattr(Finding, "__attrs_post_init__")
    and drafts_become(_DraftFinding, Finding)
)
_new = object.__new__


def _rule_findings(
    entry: Entry[Rule],
    outcomes: Iterable[object],
    exceptions: Iterable[Entry[RuleException]],
    network: Network,
) -> Iterator[Finding]:
    """What :func:`_finding` makes of each outcome of one rule, with what is the same for
    every outcome worked out once: a province's rule has thousands of outcomes, and only
    the exceptions to this rule can apply to them. Each finding is built as a draft
    (model.checks.draft_class): the frozen class's ``__init__`` stored its twelve fields
    through a call each, a tenth of a province's rule pass."""
    rule = entry.item
    level = entry.level
    assert level is not None
    item = f"rule {rule.id}"
    own = tuple(e for e in exceptions if e.item.rule == rule.id)
    fail = FindingStatus.FAIL
    excepted = FindingStatus.EXCEPTED
    failed_as = status_for(fail, rule.strength)
    rule_id, title, strength, citation, plugin = (
        rule.id,
        rule.title,
        rule.strength,
        rule.citation,
        entry.plugin,
    )
    fast = _FAST_FINDINGS
    for outcome in outcomes:
        if not isinstance(outcome, Outcome):
            kind = type(outcome).__name__
            raise PluginError(entry.plugin, f"check returned a {kind}, expected Outcome", item=item)
        status = outcome.status
        applied = _apply_exceptions(outcome, rule_id, own, network) if own and status is fail else None
        if not fast:
            yield Finding(
                rule=rule_id,
                title=title,
                strength=strength,
                status=excepted if applied else failed_as if status is fail else status,
                subjects=outcome.subjects,
                message=outcome.message,
                citation=citation,
                level=level,
                plugin=plugin,
                measured=outcome.measured,
                expected=outcome.expected,
                exception=applied,
            )
            continue
        made: Any = _new(_DraftFinding)  # its slots set once each, then it is a Finding
        made.rule = rule_id
        made.title = title
        made.strength = strength
        made.status = excepted if applied else failed_as if status is fail else status
        made.subjects = outcome.subjects
        made.message = outcome.message
        made.citation = citation
        made.level = level
        made.plugin = plugin
        made.measured = outcome.measured
        made.expected = outcome.expected
        made.exception = applied
        made.__class__ = Finding
        yield made


def run_rules(
    network: Network,
    registry: Registry,
    jurisdiction: Jurisdiction,
    as_of: dt.date,
    statistics: Statistics | None = None,
    year: int | None = None,
) -> tuple[Finding, ...]:
    """Every rule in force on ``as_of`` for the jurisdiction and its ancestors.

    A rule already run over this network for the same registry, jurisdiction and day is
    not run again when its outcomes hold for these statistics and year (see
    :mod:`medconsortium.engine.passes`): ``assess`` reuses what ``validate`` found.
    """
    ctx = RuleContext(
        network,
        jurisdiction,
        as_of,
        statistics,
        year,
        fact_labels={key: e.item.label for key, e in registry.facts.items()},
    )
    exceptions = registry.exceptions_for(jurisdiction.code, as_of)
    findings: list[Finding] = []
    for entry in registry.rules_for(jurisdiction.code, as_of):
        rule = entry.item
        assert entry.level is not None
        found = recall(network, registry, jurisdiction.code, as_of, rule.id, statistics, year)
        watched: WatchedContext | None = None
        if found is None:
            watched = WatchedContext(ctx)
            try:
                outcomes = list(rule.check(cast(RuleContext, watched)))
            except PLUGIN_FAILURES as exc:  # a plugin's bug: name the plugin and the rule
                raise PluginError(entry.plugin, f"check raised {exc!r}", item=f"rule {rule.id}") from exc
        else:
            made = recall_findings(network, registry, (jurisdiction.code, as_of, rule.id), entry, exceptions)
            if made is not None:
                findings.extend(made)
                continue
            outcomes = list(found)
        kept = tuple(outcomes)
        if not outcomes:
            outcomes = [
                Outcome(
                    FindingStatus.NOT_ASSESSABLE,
                    (jurisdiction.code,),
                    Label("网络中没有本规则适用的对象", "nothing in the network this rule applies to"),
                )
            ]
        made = tuple(_rule_findings(entry, outcomes, exceptions, network))
        if watched is not None:
            remember(
                network,
                registry,
                jurisdiction.code,
                as_of,
                rule.id,
                kept,
                watched,
                statistics,
                year,
                made=(entry, exceptions, made),
            )
        findings.extend(made)
    return tuple(findings)


def _count_in(network: Network, jurisdiction: Jurisdiction) -> int:
    return sum(len(found) for _, found in network.institutions_by_division(jurisdiction.code))


@settled
def validate(
    network: Network,
    registry: Registry,
    jurisdiction: Jurisdiction,
    as_of: dt.date | None = None,
) -> Report:
    """Check the governance rules that apply in ``jurisdiction`` over a network.

    ``as_of`` defaults to today: rules are those in force then, memberships those active.
    """
    day = as_of or dt.date.today()
    check_network(network, registry)
    findings = run_rules(network, registry, jurisdiction, day)
    return Report(
        "validate",
        jurisdiction,
        registry.chain(jurisdiction.code),
        day,
        None,
        findings,
        names=subject_names(network, findings),
        institutions_checked=_count_in(network, jurisdiction),
    )


# -- targets ------------------------------------------------------------------------------
_LEVEL_ORDER = (Level.NATIONAL, Level.PROVINCE, Level.CITY, Level.COUNTY)


def _above(level: Level | None, of: Level) -> bool:
    """Whether ``level`` is a level above ``of`` (None: no level named)."""
    return level is not None and _LEVEL_ORDER.index(level) < _LEVEL_ORDER.index(of)


def _subjects(
    target: Target,
    network: Network,
    statistics: Statistics | None,
    jurisdiction: Jurisdiction,
    day: dt.date,
) -> list[str]:
    scope = target.scope
    if scope.subject is Scope.AREA:
        if scope.area_level is None or scope.area_level is jurisdiction.level:
            return [jurisdiction.code]
        level = scope.area_level
        codes: set[str] = set()
        if statistics is not None:
            codes.update(
                code
                for code in statistics.subjects(Scope.AREA)
                if code_within(code, jurisdiction.code) and level_of_code(code) is level
            )
        # Areas where the network has institutions count too, so that an area without
        # statistics is reported as not assessable instead of silently left out.
        for division in network.divisions():
            if code_within(division, jurisdiction.code):
                area = area_at(division, level)
                if area is not None:
                    codes.add(area)
        return sorted(codes)
    if scope.subject is Scope.CONSORTIUM:
        kinds = scope.consortium_kinds or None
        return sorted(c.id for c in network.consortia_in(jurisdiction.code, kinds) if c.active_on(day))
    found: set[str] = set()
    if scope.consortium_kinds or scope.role is not None:
        kinds = scope.consortium_kinds or None
        for cons in network.consortia_in(jurisdiction.code, kinds):
            if not cons.active_on(day):
                continue
            for m in cons.members:
                if (scope.role is None or m.role is scope.role) and m.active_on(day):
                    inst = network.institution(m.institution)
                    if not scope.institution_types or inst.type in scope.institution_types:
                        found.add(m.institution)
    else:
        found = {
            i.id
            for i in network.institutions_in(jurisdiction.code)
            if not scope.institution_types or i.type in scope.institution_types
        }
    return sorted(found)


def _fmt(value: float | None, against: float | None = None) -> str:
    """A value for a message: whole numbers bare, others to two decimals, and more where
    two decimals would make it look equal to ``against`` (19.998 against 20 is shown as
    19.998, never as 20.00, so that a message never contradicts its status).

    >>> _fmt(90.0), _fmt(19.998, 20.0), _fmt(20.004, 20.0), _fmt(None)
    ('90', '19.998', '20.004', '—')
    """
    if value is None:
        return "—"
    if math.isclose(value, round(value), abs_tol=1e-9):
        return str(round(value))
    for places in range(2, 10):
        shown = f"{value:.{places}f}"
        if against is None or not math.isclose(float(shown), against, abs_tol=1e-12):
            return shown.rstrip("0") if places > 2 else shown
    return repr(value)


def _measure(
    indicator: Indicator,
    target: Target,
    ctx: MeasureContext,
    subject: str,
    year: int,
    raw: dict[int, float | None],
) -> tuple[float | None, float | None, int | None, str]:
    """(compared value, reference value, reference year, which years lack data); the
    indicator's own value in each year measured is left in ``raw`` (for explanations).

    A trend compares the year's value with the reference year's (the year before, or
    ``base_year`` for ``change_since``); a threshold compares the value itself, its
    percent change on the year before (``yoy_percent``) or its change since ``base_year``.
    """
    scope = target.scope.subject
    op = target.operator
    trend = op is not None and op.is_trend
    current = raw[year] = indicator.measure(ctx, scope, subject, year)
    if target.basis is Basis.CHANGE_SINCE:
        ref_year: int | None = target.base_year
    elif target.basis is Basis.YOY_PERCENT or trend:
        ref_year = year - 1
    else:
        ref_year = None
    if ref_year is None:
        return current, None, None, "" if current is not None else f"{year}"
    reference = raw[ref_year] = indicator.measure(ctx, scope, subject, ref_year)
    if current is None or reference is None:
        missing = [str(y) for y, v in sorted(((ref_year, reference), (year, current))) if v is None]
        return None, None, ref_year, "/".join(missing)
    if trend:
        return current, reference, ref_year, ""
    if target.basis is Basis.CHANGE_SINCE:
        return current - reference, reference, ref_year, ""
    if reference == 0:
        return None, None, ref_year, f"{ref_year}=0"
    return 100.0 * (current - reference) / reference, reference, ref_year, ""


def _compare(op: Operator, measured: float, threshold: float | None, previous: float | None) -> bool:
    if op is Operator.AT_LEAST:
        assert threshold is not None
        return measured >= threshold - _EPSILON
    if op is Operator.AT_MOST:
        assert threshold is not None
        return measured <= threshold + _EPSILON
    if op is Operator.EQUAL:
        assert threshold is not None
        return abs(measured - threshold) <= _EPSILON
    assert previous is not None
    return measured > previous if op is Operator.RISING else measured < previous


def _reads(
    indicator: Indicator,
    ctx: MeasureContext,
    scope: Scope,
    subject: str,
    raw: dict[int, float | None],
    catalog: Mapping[str, Entry[Metric]],
) -> tuple[Read, ...]:
    """What measuring ``indicator`` for ``subject`` read, year by year (for explanations,
    and to name the data missing); ``raw`` holds the values :func:`_measure` computed, so
    no measure runs twice; ``catalog`` gives the metrics' names."""
    definition = indicator.definition
    out: list[Read] = []
    for year in sorted(raw):
        if isinstance(definition, Ratio | MetricValue):
            metrics = (
                (definition.numerator, definition.denominator)
                if isinstance(definition, Ratio)
                else (definition.metric,)
            )
            for metric in metrics:
                value = ctx.statistics.value(scope, subject, year, metric) if ctx.statistics else None
                entry = catalog.get(metric)
                label = entry.item.label if entry is not None else None
                out.append(Read(metric, subject, year, value, label=label, scope=scope.value))
        else:
            out.append(Read(f"{indicator.id} (network)", subject, year, raw[year], ctx.on(year)))
    return tuple(out)


def evaluate_target(
    entry: Entry[Target],
    registry: Registry,
    network: Network,
    statistics: Statistics | None,
    jurisdiction: Jurisdiction,
    year: int,
) -> Iterator[TargetResult]:
    """Results of one target for every subject it applies to in ``year``."""
    target = entry.item
    assert entry.level is not None
    day = target.measured_on(year)
    base = {
        "target": target.id,
        "title": target.title,
        "year": year,
        "citation": target.citation,
        "level": entry.level,
        "plugin": entry.plugin,
        "indicator": target.indicator,
        "operator": target.operator.value if target.operator else None,
        "expected": target.value,
    }
    if _above(target.scope.area_level, jurisdiction.level):
        # A duty of a higher authority (e.g. the province's own assessments, "我委…"): it is
        # assessed at that authority's level, not in the jurisdictions below it.
        return
    if target.kind is TargetKind.QUALITATIVE:
        yield TargetResult(
            subject=None,
            status=TargetStatus.NOT_SCORED,
            message=Label("定性目标，不评分", "qualitative target: shown, not scored"),
            **base,  # type: ignore[arg-type]
        )
        return
    assert target.indicator is not None
    indicator = registry.indicators[target.indicator].item
    unit = "percent" if target.basis is Basis.YOY_PERCENT else indicator.unit.value
    ctx = MeasureContext(statistics, network, jurisdiction.code, day)
    subjects = _subjects(target, network, statistics, jurisdiction, day)
    if not subjects:
        yield TargetResult(
            subject=None,
            status=TargetStatus.NOT_ASSESSABLE,
            message=Label(
                "没有可评估的对象", "no subject to assess (no matching area, consortium or institution)"
            ),
            unit=unit,
            **base,  # type: ignore[arg-type]
        )
        return
    for subject in subjects:
        try:
            raw: dict[int, float | None] = {}
            measured, reference, ref_year, missing = _measure(indicator, target, ctx, subject, year, raw)
        except PLUGIN_FAILURES as exc:
            raise PluginError(
                registry.indicators[target.indicator].plugin,
                f"measuring raised {exc!r}",
                item=f"indicator {target.indicator}",
            ) from exc
        if measured is None:
            status = TargetStatus.NOT_ASSESSABLE
            message = Label(f"缺少数据（{missing}年）", f"data missing ({missing})")
        elif target.operator is None:
            status = TargetStatus.NOT_SCORED
            message = Label(f"监测值 {_fmt(measured)}", f"monitored value {_fmt(measured)}")
        else:
            ok = _compare(target.operator, measured, target.value, reference)
            status = TargetStatus.MET if ok else TargetStatus.NOT_MET
            if target.operator.is_trend:
                message = Label(
                    f"{ref_year}年 {_fmt(reference)} → {year}年 {_fmt(measured, reference)}",
                    f"{ref_year}: {_fmt(reference)} → {year}: {_fmt(measured, reference)}",
                )
            else:
                message = Label(
                    f"实际 {_fmt(measured, target.value)}，要求 {target.operator.value} {_fmt(target.value)}",
                    f"measured {_fmt(measured, target.value)}, required {target.operator.value} "
                    f"{_fmt(target.value)}",
                )
        fields = dict(base)
        if target.operator is not None and target.operator.is_trend:
            fields["expected"] = reference
        yield TargetResult(
            subject=subject,
            status=status,
            message=message,
            measured=measured,
            unit=unit,
            inputs=_reads(indicator, ctx, target.scope.subject, subject, raw, registry.metrics),
            **fields,  # type: ignore[arg-type]
        )


@settled
def assess(
    network: Network,
    statistics: Statistics | None,
    registry: Registry,
    jurisdiction: Jurisdiction,
    year: int,
) -> Report:
    """Targets due in ``year`` and rules in force at its end, for ``jurisdiction`` and its
    ancestors."""
    day = _year_end(year)
    check_network(network, registry)
    if statistics is not None:
        check_statistics(statistics, registry)
    results: list[TargetResult] = []
    for entry in registry.targets_for(jurisdiction.code):
        if entry.item.due_in(year):
            results.extend(evaluate_target(entry, registry, network, statistics, jurisdiction, year))
    findings = run_rules(network, registry, jurisdiction, day, statistics, year)
    return Report(
        "assess",
        jurisdiction,
        registry.chain(jurisdiction.code),
        day,
        year,
        findings,
        tuple(results),
        synthetic=bool(statistics and statistics.synthetic),
        names=subject_names(network, findings, results),
        institutions_checked=_count_in(network, jurisdiction),
    )


# -- referrals ----------------------------------------------------------------------------
def check_referral(
    referral: Referral, network: Network, registry: Registry, jurisdiction: Jurisdiction
) -> tuple[Finding, ...]:
    """Findings of every referral rule that applies in ``jurisdiction`` for one referral.

    Raises :class:`~medconsortium.model.errors.NetworkError` when an institution is unknown.
    """
    source = network.get_institution(referral.from_institution)
    target = network.get_institution(referral.to_institution)
    for field, inst in (("from_institution", source), ("to_institution", target)):
        if inst is None:
            raise NetworkError(field, f"unknown institution {getattr(referral, field)!r}")
    assert source is not None and target is not None
    day = referral.time.date()
    shared = tuple(
        c for c in network.consortia_of(source.id, on=day) if c in network.consortia_of(target.id, on=day)
    )
    ctx = ReferralContext(network, jurisdiction, source, target, direction_between(source, target), shared)
    findings: list[Finding] = []
    for entry in registry.referral_rules_for(jurisdiction.code, day):
        rule = entry.item
        assert entry.level is not None
        try:
            outcomes = list(rule.check(referral, ctx))
        except PLUGIN_FAILURES as exc:
            raise PluginError(entry.plugin, f"check raised {exc!r}", item=f"referral rule {rule.id}") from exc
        findings.extend(_finding(entry, outcome, f"referral rule {rule.id}") for outcome in outcomes)
    return tuple(findings)


__all__ = ["Report", "assess", "check_referral", "evaluate_target", "run_rules", "validate"]
