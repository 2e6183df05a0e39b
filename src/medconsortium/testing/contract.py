# Longer than 400 lines on purpose: one section per contract check, each short; they share the generated
# networks.
"""The plugin contract: what the registry cannot check at load time (see
:mod:`medconsortium.testing`)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib.metadata import entry_points
from typing import Any

import attrs

from ..model.consortia import ConsortiumKind
from ..model.jurisdictions import Jurisdiction, is_division_code
from ..model.labels import Label
from ..model.network import Network
from ..model.referrals import ClinicalPhase, direction_between
from ..plugins import hookspecs
from ..plugins import manager as _plugins
from ..plugins.quotes import quote_problems
from ..plugins.registry import Entry, Registry
from ..policy.catalog import Fact, FactKind
from ..policy.documents import Citation, Period
from ..policy.findings import FindingStatus, Outcome
from ..policy.indicators import Computed, Indicator, MetricValue, Ratio, Unit
from ..policy.referral_rules import ReferralContext
from ..policy.rules import RuleContext
from ..policy.targets import Basis, Target
from .factories import make_referral, sample_network

#: The day generated networks are checked on, when a rule's period does not decide it.
DEFAULT_DAY = dt.date(2025, 6, 30)

#: The contract's checks, in the order they run.
CHECKS = (
    "hooks",
    "ids",
    "citations",
    "indicators",
    "units",
    "dates",
    "exceptions",
    "rules",
    "referral_rules",
)

_CITED_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_VOCABULARY_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_WS = re.compile(r"\s+")


@attrs.frozen
class Problem:
    """One breach of the contract: which check, which item, what is wrong."""

    check: str
    item: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.item}: {self.message}"


class ContractError(AssertionError):
    """A plugin breaks the contract; the message lists every problem, one per line."""

    def __init__(self, plugin: str, problems: Sequence[Problem]) -> None:
        self.plugin = plugin
        self.problems = tuple(problems)
        lines = [f"plugin {plugin!r} breaks the contract ({len(problems)} problems):"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))


# -- the contract ------------------------------------------------------------------------------
def _normal(text: str) -> str:
    return _WS.sub("", text)


def policy_texts(index: str | Any) -> dict[str, str]:
    """Policy texts by document number, from a README index table (``| file | number |``)
    as in the project's ``policies/README.md``; ``index`` is the README path."""
    from pathlib import Path

    path = Path(index)
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 2 and cells[0].endswith(".txt"):
            out[cells[1]] = (path.parent / cells[0]).read_text(encoding="utf-8")
    return out


def _own(entries: Mapping[str, Entry[Any]], plugin: str) -> list[tuple[str, Entry[Any]]]:
    return sorted((k, e) for k, e in entries.items() if e.plugin == plugin)


_CITED_KINDS: tuple[tuple[str, str], ...] = (
    ("target", "targets"),
    ("rule", "rules"),
    ("referral rule", "referral_rules"),
    ("exception", "exceptions"),
    ("reference table", "reference_tables"),
)
_VOCABULARY_KINDS: tuple[tuple[str, str], ...] = (
    ("metric", "metrics"),
    ("indicator", "indicators"),
    ("fact", "facts"),
)


def plugin_ids(registry: Registry, plugin: str) -> tuple[str, ...]:
    """Every id the plugin provides, as ``kind:id``, sorted: what reports and users rely on.

    A test can compare it with a list kept in the repository, so that renaming or removing
    an id is a decision, not an accident.
    """
    ids: list[str] = []
    for kind, attr in (
        ("jurisdiction", "jurisdictions"),
        ("document", "documents"),
        *_VOCABULARY_KINDS,
        *_CITED_KINDS,
        ("example", "examples"),
    ):
        entries: Mapping[str, Entry[Any]] = getattr(registry, attr)
        ids += [f"{kind}:{key}" for key, _ in _own(entries, plugin)]
    return tuple(sorted(ids))


def installed_plugin(name: str) -> object | None:
    """The object an installed plugin registers (its module), or None if not installed."""
    if name == _plugins.CORE_PLUGIN:
        from .. import national

        return national
    for ep in entry_points(group=_plugins.ENTRY_POINT_GROUP):
        if ep.name == name:
            loaded: object = ep.load()
            return loaded
    return None


_HOOK_NAMES = frozenset(
    name for name in dir(hookspecs) if name.startswith("register_") and callable(getattr(hookspecs, name))
)
_MARK = f"{hookspecs.PROJECT}_impl"  # the attribute pluggy's HookimplMarker sets


def _check_hooks(plugin_object: object | None) -> Iterator[Problem]:
    """Hook functions that pluggy cannot see: unmarked, or named almost like a hook."""
    if plugin_object is None:
        return
    for name in sorted(dir(plugin_object)):
        value = getattr(plugin_object, name, None)
        if name.startswith("_") or not callable(value) or isinstance(value, type):
            continue
        marked = hasattr(value, _MARK)
        if name in _HOOK_NAMES and not marked:
            yield Problem(
                "hooks", f"function {name}", "is not marked @hookimpl: medconsortium never calls it"
            )
        elif name not in _HOOK_NAMES:
            # 0.85 tells a misspelling (register_rule, regster_rules) from a helper's name.
            close = difflib.get_close_matches(name, sorted(_HOOK_NAMES), n=1, cutoff=0.85)
            if close or marked:
                hint = f" (did you mean {close[0]}?)" if close else ""
                yield Problem("hooks", f"function {name}", f"is not a hook{hint}")


def _check_ids(registry: Registry, plugin: str, again: Registry | None) -> Iterator[Problem]:
    for kind, attr in _CITED_KINDS:
        for key, _entry in _own(getattr(registry, attr), plugin):
            if not _CITED_ID.match(key):
                yield Problem("ids", f"{kind} {key}", "id is not lower-case dotted (e.g. 'linyi.lead')")
            elif key.split(".")[0] != plugin:
                yield Problem("ids", f"{kind} {key}", f"id does not start with {plugin + '.'!r}")
    if plugin != _plugins.CORE_PLUGIN:  # the core's metrics and facts are the shared vocabulary
        for kind, attr in _VOCABULARY_KINDS:
            for key, _entry in _own(getattr(registry, attr), plugin):
                if not _VOCABULARY_ID.match(key) or not key.startswith(plugin + "_"):
                    yield Problem("ids", f"{kind} {key}", f"id should be lower-case '{plugin}_<name>'")
    for key, entry in _own(registry.jurisdictions, plugin):
        slug = entry.item.slug
        others = [e.plugin for k, e in registry.jurisdictions.items() if k != key and e.item.slug == slug]
        if others:
            yield Problem("ids", f"jurisdiction {key}", f"slug {slug!r} is also used by plugin {others[0]!r}")
    if again is not None and plugin_ids(again, plugin) != plugin_ids(registry, plugin):
        yield Problem("ids", "plugin", "a second load provides different ids (ids must be stable)")


def _check_citations(registry: Registry, plugin: str, texts: Mapping[str, str] | None) -> Iterator[Problem]:
    for kind, attr in _CITED_KINDS:
        for key, entry in _own(getattr(registry, attr), plugin):
            item = f"{kind} {key}"
            citation = getattr(entry.item, "citation", None)
            if not isinstance(citation, Citation):
                yield Problem("citations", item, "has no Citation")
                continue
            if citation.document not in registry.documents:
                yield Problem("citations", item, f"cites {citation.document!r}, which no plugin registers")
                continue
            if not citation.clause.strip():
                yield Problem("citations", item, "the citation has no clause")
            if not citation.text.strip():
                yield Problem("citations", item, "the citation has an empty quote")
            elif not _CJK.search(citation.text):
                yield Problem("citations", item, "the quote has no Chinese (quote the original)")
    # Quotes against the text each document ships (or ``texts``), white space aside.
    for item, message in quote_problems(registry, plugin, texts):
        yield Problem("citations", item, message)
    for number, doc_entry in _own(registry.documents, plugin):
        doc = doc_entry.item
        if doc.jurisdiction not in registry.jurisdictions:
            yield Problem("citations", f"document {number}", f"unknown jurisdiction {doc.jurisdiction}")
        if number in doc.rests_on:
            yield Problem("citations", f"document {number}", "rests on itself")
        cited_by = [
            k
            for _, attr in _CITED_KINDS
            for k, e in getattr(registry, attr).items()
            if getattr(e.item, "citation", None) is not None and e.item.citation.document == number
        ]
        if not cited_by:
            yield Problem("citations", f"document {number}", "no target, rule or table cites it")


def _metrics_of(indicator: Indicator) -> tuple[str, ...]:
    definition = indicator.definition
    if isinstance(definition, Ratio):
        return (definition.numerator, definition.denominator)
    if isinstance(definition, MetricValue):
        return (definition.metric,)
    return ()


def _check_indicators(registry: Registry, plugin: str) -> Iterator[Problem]:
    for key, entry in _own(registry.targets, plugin):
        target: Target = entry.item
        if target.indicator is not None and target.indicator not in registry.indicators:
            yield Problem("indicators", f"target {key}", f"unknown indicator {target.indicator!r}")
    for key, ind_entry in _own(registry.indicators, plugin):
        indicator: Indicator = ind_entry.item
        if not isinstance(indicator.definition, Ratio | MetricValue | Computed):
            yield Problem("indicators", f"indicator {key}", "not a Ratio, MetricValue or Computed")
        for metric in _metrics_of(indicator):
            if metric not in registry.metrics:
                yield Problem("indicators", f"indicator {key}", f"reads unknown metric {metric!r}")


def _check_units(registry: Registry, plugin: str) -> Iterator[Problem]:
    for key, m_entry in _own(registry.metrics, plugin):
        unit = m_entry.item.unit
        if not isinstance(unit, str) or not _VOCABULARY_ID.match(unit):
            yield Problem("units", f"metric {key}", f"unit {unit!r} is not a short lower-case word")
    for key, i_entry in _own(registry.indicators, plugin):
        indicator: Indicator = i_entry.item
        if not isinstance(indicator.unit, Unit):
            yield Problem("units", f"indicator {key}", f"unit {indicator.unit!r} is not a Unit")
            continue
        definition = indicator.definition
        if isinstance(definition, Ratio):
            if indicator.unit is Unit.PERCENT and definition.scale != 100:
                yield Problem("units", f"indicator {key}", f"percentage scaled by {definition.scale}")
            if indicator.unit is not Unit.PERCENT and definition.scale == 100:
                yield Problem(
                    "units",
                    f"indicator {key}",
                    f"scaled by 100 but in {indicator.unit.value}",
                )
    for key, t_entry in _own(registry.targets, plugin):
        target: Target = t_entry.item
        found = registry.indicators.get(target.indicator or "")
        if target.value is None or found is None:
            continue
        unit = found.item.unit
        if target.basis is Basis.VALUE:
            if unit is Unit.PERCENT and not 0 <= target.value <= 100:
                yield Problem("units", f"target {key}", f"a percentage of {target.value} is outside 0–100")
            elif unit in (Unit.COUNT, Unit.DAYS, Unit.RATIO) and target.value < 0:
                yield Problem("units", f"target {key}", f"a {unit.value} cannot be {target.value}")
        elif target.basis is Basis.YOY_PERCENT and target.value < -100:
            yield Problem("units", f"target {key}", f"a yearly change of {target.value}% is below -100%")


def _period_text(period: Period) -> str:
    return f"{period.start or '…'}–{period.end or '…'}"


def _check_dates(registry: Registry, plugin: str) -> Iterator[Problem]:
    for number, d_entry in _own(registry.documents, plugin):
        doc = d_entry.item
        if doc.review_by is not None and doc.review_by < doc.issued:
            yield Problem("dates", f"document {number}", f"review date {doc.review_by} before issue")
    for kind, attr in (("target", "targets"), ("rule", "rules"), ("referral rule", "referral_rules")):
        for key, entry in _own(getattr(registry, attr), plugin):
            item = entry.item
            document = registry.documents.get(item.citation.document)
            review = getattr(item, "review_by", None)
            if review is not None and document is not None and review < document.item.issued:
                yield Problem(
                    "dates", f"{kind} {key}", f"review date {review} is before the document's issue date"
                )
    for key, t_entry in _own(registry.targets, plugin):
        target: Target = t_entry.item
        period, deadline = target.period, target.deadline
        if deadline is not None and period.end is not None and deadline.year > period.end.year:
            yield Problem(
                "dates",
                f"target {key}",
                f"deadline {deadline} is after the period {_period_text(period)}: it is never assessed",
            )
        if deadline is not None and period.start is not None and deadline < period.start:
            yield Problem(
                "dates",
                f"target {key}",
                f"deadline {deadline} before the period {_period_text(period)}",
            )
        if target.base_year is not None:
            last = deadline.year if deadline is not None else (period.end.year if period.end else None)
            if last is not None and target.base_year >= last:
                yield Problem("dates", f"target {key}", f"base year {target.base_year} is not before {last}")
    for key, x_entry in _own(registry.exceptions, plugin):
        rule_entry = registry.rules.get(x_entry.item.rule)
        if rule_entry is None:
            continue
        mine, theirs = x_entry.item.period, rule_entry.item.period
        if (mine.start is not None and theirs.end is not None and mine.start > theirs.end) or (
            mine.end is not None and theirs.start is not None and mine.end < theirs.start
        ):
            yield Problem(
                "dates",
                f"exception {key}",
                f"in force {_period_text(mine)}, never while its rule is ({_period_text(theirs)})",
            )


def _check_exceptions(registry: Registry, plugin: str) -> Iterator[Problem]:
    for key, entry in _own(registry.exceptions, plugin):
        exc = entry.item
        if not exc.subjects and exc.applies_to is None:
            yield Problem("exceptions", f"exception {key}", "covers no subject")
        rule_entry = registry.rules.get(exc.rule)
        if rule_entry is None:
            yield Problem("exceptions", f"exception {key}", f"excepts unknown rule {exc.rule!r}")
            continue
        if entry.level is None or entry.level not in registry.jurisdictions:
            yield Problem("exceptions", f"exception {key}", "its level is unknown")
            continue
        ancestors = {j.code for j in registry.chain(entry.level)[:-1]}
        if rule_entry.level not in ancestors:
            yield Problem(
                "exceptions",
                f"exception {key}",
                f"rule {exc.rule!r} is at level {rule_entry.level}",
            )


def _check_outcomes(
    outcomes: object, item: str, variant: str, known: frozenset[str], check: str
) -> Iterator[Problem]:
    if not isinstance(outcomes, list):
        return
    for n, outcome in enumerate(outcomes):
        where = f"{variant}, outcome {n}"
        if not isinstance(outcome, Outcome):
            yield Problem(check, item, f"{where}: returned a {type(outcome).__name__}, expected Outcome")
            continue
        if not isinstance(outcome.status, FindingStatus):
            yield Problem(check, item, f"{where}: status {outcome.status!r} is not a FindingStatus")
        if not isinstance(outcome.subjects, tuple) or not outcome.subjects:
            yield Problem(check, item, f"{where}: subjects must be a non-empty tuple")
        else:
            for subject in outcome.subjects:
                if not isinstance(subject, str) or not (subject in known or is_division_code(subject)):
                    # Referral subjects may be patient-related keys: never repeat them.
                    shown = repr(subject) if check == "rules" else "of an outcome"
                    yield Problem(check, item, f"{where}: subject {shown} is not in the network")
        message = outcome.message
        if not isinstance(message, Label) or not message.zh.strip() or not message.en.strip():
            yield Problem(check, item, f"{where}: message needs both a Chinese and an English text")
        for field in ("measured", "expected"):
            value = getattr(outcome, field)
            if value is not None and not isinstance(value, str):
                yield Problem(check, item, f"{where}: {field} should be a str")


def _run(check: Callable[..., Iterable[Outcome]], *args: Any) -> list[Outcome] | str:
    try:
        return list(check(*args))
    except Exception as exc:  # a plugin's bug: report it as a problem, keep checking
        return f"raised {exc!r}"


def _rule_day(period: Period) -> dt.date:
    if period.end is not None and period.end < DEFAULT_DAY:
        return period.end
    if period.start is not None and period.start > DEFAULT_DAY:
        return period.start
    return DEFAULT_DAY


def _facts(registry: Registry, value: bool) -> dict[str, bool]:
    return {k: value for k, e in registry.facts.items() if e.item.kind is FactKind.FACT}


def _departments(registry: Registry) -> frozenset[str]:
    return frozenset(k for k, e in registry.facts.items() if e.item.kind is FactKind.DEPARTMENT)


def _variants(registry: Registry, code: str) -> list[tuple[str, Network]]:
    return [
        (
            "facts true",
            sample_network(code, facts=_facts(registry, True), departments=_departments(registry)),
        ),
        ("facts false", sample_network(code, facts=_facts(registry, False), departments=())),
        ("facts absent", sample_network(code)),
    ]


def _fact_labels(registry: Registry) -> dict[str, Label]:
    labels: dict[str, Label] = {}
    for key, entry in registry.facts.items():
        fact: Fact = entry.item
        labels[key] = fact.label
    return labels


def _rule_context(
    registry: Registry, network: Network, jurisdiction: Jurisdiction, day: dt.date
) -> RuleContext:
    return RuleContext(network, jurisdiction, day, fact_labels=_fact_labels(registry))


def _check_rules(registry: Registry, plugin: str) -> Iterator[Problem]:
    for key, entry in _own(registry.rules, plugin):
        rule = entry.item
        item = f"rule {key}"
        if entry.level is None or entry.level not in registry.jurisdictions:
            yield Problem("rules", item, "its level is unknown")
            continue
        jurisdiction = registry.jurisdictions[entry.level].item
        day = _rule_day(rule.period)
        variants = [*_variants(registry, jurisdiction.code), ("empty network", Network(()))]
        for variant, network in variants:
            known = frozenset(i.id for i in network.institutions) | frozenset(c.id for c in network.consortia)
            ctx = _rule_context(registry, network, jurisdiction, day)
            first = _run(rule.check, ctx)
            if isinstance(first, str):
                yield Problem("rules", item, f"{variant}: check {first}")
                continue
            yield from _check_outcomes(first, item, variant, known, "rules")
            second = _run(rule.check, ctx)
            if second != first:
                yield Problem("rules", item, f"{variant}: not deterministic")
            if variant == "empty network" and any(
                isinstance(o, Outcome) and o.status is FindingStatus.PASS for o in first
            ):
                yield Problem("rules", item, "passes on an empty network (yield nothing)")


def _check_referral_rules(registry: Registry, plugin: str) -> Iterator[Problem]:
    owned = _own(registry.referral_rules, plugin)
    if not owned:
        return
    for key, entry in owned:
        rule = entry.item
        item = f"referral rule {key}"
        if entry.level is None or entry.level not in registry.jurisdictions:
            yield Problem("referral_rules", item, "its level is unknown")
            continue
        jurisdiction = registry.jurisdictions[entry.level].item
        network = sample_network(jurisdiction.code)
        day = dt.datetime.combine(_rule_day(rule.period), dt.time(9, 0))
        kind = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY.value
        pairs = (
            ("up", f"{kind}-m1", f"{kind}-lead", None),
            ("down", f"{kind}-lead", f"{kind}-m1", ClinicalPhase.POSTOPERATIVE_RECOVERY),
            ("across consortia", f"{kind}-m2", f"{ConsortiumKind.CITY_MEDICAL_GROUP.value}-lead", None),
        )
        for name, source_id, target_id, phase in pairs:
            referral = make_referral(f"r-{name.replace(' ', '-')}", source_id, target_id, day, phase=phase)
            source, target = network.institution(source_id), network.institution(target_id)
            shared = tuple(c for c in network.consortia_of(source.id) if c in network.consortia_of(target.id))
            ctx = ReferralContext(
                network, jurisdiction, source, target, direction_between(source, target), shared
            )
            first = _run(rule.check, referral, ctx)
            variant = f"referral {name}"
            if isinstance(first, str):
                yield Problem("referral_rules", item, f"{variant}: check {first}")
                continue
            yield from _check_outcomes(first, item, variant, frozenset({referral.id}), "referral_rules")
            for outcome in first:
                if isinstance(outcome, Outcome) and outcome.subjects != (referral.id,):
                    yield Problem("referral_rules", item, f"{variant}: subjects should be (referral.id,)")
            if _run(rule.check, referral, ctx) != first:
                yield Problem("referral_rules", item, f"{variant}: a second run gives other outcomes")


def contract_problems(
    plugin: str,
    registry: Registry | None = None,
    *,
    texts: Mapping[str, str] | None = None,
    checks: Iterable[str] = CHECKS,
    plugin_object: object | None = None,
) -> tuple[Problem, ...]:
    """Every way ``plugin`` breaks the contract (empty when it keeps it).

    ``registry`` defaults to the installed plugins (honouring ``MEDCONSORTIUM_PLUGINS``);
    it is loaded a second time to check that ids are stable. Quotes are checked verbatim
    (white space aside) against the text each document ships; ``texts``, mapping document
    numbers to text, replaces those.
    ``checks`` picks some of :data:`CHECKS`. ``plugin_object`` is the plugin's module (or
    object) for the ``hooks`` check: by default the installed entry point of that name.
    """
    wanted = tuple(checks)
    unknown = sorted(set(wanted) - set(CHECKS))
    if unknown:
        raise ValueError(f"unknown checks {unknown} (known: {', '.join(CHECKS)})")
    again = None
    if registry is None:
        registry = Registry.load()
        again = Registry.load()
    if plugin not in {p.name for p in registry.plugins} and not any(
        e.plugin == plugin for e in registry.documents.values()
    ):
        return (Problem("ids", "plugin", "is not loaded"),)
    runners: dict[str, Callable[[], Iterator[Problem]]] = {
        "hooks": lambda: _check_hooks(plugin_object or installed_plugin(plugin)),
        "ids": lambda: _check_ids(registry, plugin, again),
        "citations": lambda: _check_citations(registry, plugin, texts),
        "indicators": lambda: _check_indicators(registry, plugin),
        "units": lambda: _check_units(registry, plugin),
        "dates": lambda: _check_dates(registry, plugin),
        "exceptions": lambda: _check_exceptions(registry, plugin),
        "rules": lambda: _check_rules(registry, plugin),
        "referral_rules": lambda: _check_referral_rules(registry, plugin),
    }
    problems: list[Problem] = []
    for name in CHECKS:
        if name in wanted:
            problems.extend(runners[name]())
    return tuple(problems)


def assert_contract(
    plugin: str,
    registry: Registry | None = None,
    *,
    texts: Mapping[str, str] | None = None,
    checks: Iterable[str] = CHECKS,
    plugin_object: object | None = None,
) -> None:
    """Raise :class:`ContractError` listing every problem :func:`contract_problems` finds."""
    problems = contract_problems(plugin, registry, texts=texts, checks=checks, plugin_object=plugin_object)
    if problems:
        raise ContractError(plugin, problems)
