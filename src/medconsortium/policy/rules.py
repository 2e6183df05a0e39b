# Longer than 400 lines on purpose: RuleContext is one class, each finder beside the memo it
# keeps for the pass, and the rules and exceptions it serves follow it.
"""Rules (规则): checkable requirements over a network, and exceptions to them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from itertools import chain
from typing import TYPE_CHECKING

import attrs

from ..model.checks import enum_of
from ..model.consortia import Consortium, ConsortiumKind
from ..model.institutions import Institution, InstitutionType, Ownership, field_reader
from ..model.jurisdictions import Jurisdiction, code_within
from ..model.labels import Label
from ..model.statistics import Statistics
from .documents import Citation, Period, Strength
from .findings import FindingStatus, Outcome, label, outcome, verdict

#: What a governance fact's failure says before the facts it names (facts_verdict).
MISSING = Label("缺少：", "missing: ")

if TYPE_CHECKING:
    # Only in annotations: listing the policy does not import the network model.
    from ..model.network import Network


@attrs.frozen
class RuleContext:
    """What a rule check receives: the network, the jurisdiction, the date, maybe statistics.

    The helpers restrict the network to the jurisdiction's area, so a rule of Tongzhou
    never judges a consortium of Linyi that happens to be in the same file.
    """

    network: Network
    jurisdiction: Jurisdiction
    as_of: dt.date
    statistics: Statistics | None = None
    year: int | None = None
    fact_labels: Mapping[str, Label] = attrs.field(factory=dict)
    # Institutions of the jurisdiction whose attribute is set, per attribute name: made
    # once per pass for the rules that ask (see institutions_by_id).
    _having: dict[str, tuple[Institution, ...]] = attrs.field(init=False, factory=dict, repr=False, eq=False)
    # The same institutions by type, made once per pass when a rule first asks (of_types).
    _by_type: dict[InstitutionType, list[Institution]] = attrs.field(
        init=False, factory=dict, repr=False, eq=False
    )
    # The same institutions of an ownership, per ownership asked (owned_by).
    _by_ownership: dict[Ownership, list[Institution]] = attrs.field(
        init=False, factory=dict, repr=False, eq=False
    )
    # The institutions whose name is among some names, per set of names asked (named).
    _named: dict[frozenset[str], list[Institution]] = attrs.field(
        init=False, factory=dict, repr=False, eq=False
    )
    # The types of a consortium's members on the day, by the consortium's identity (member_types).
    _member_types: dict[int, tuple[Consortium, frozenset[InstitutionType]]] = attrs.field(
        init=False, factory=dict, repr=False, eq=False
    )
    # The consortia asked for, per (kinds, active) (consortia).
    _consortia: dict[tuple[tuple[ConsortiumKind, ...], bool], tuple[Consortium, ...]] = attrs.field(
        init=False, factory=dict, repr=False, eq=False
    )
    # The status and message of each pattern of governance facts met (facts_verdict), by
    # the facts, their values and the identities of the two labels, which each entry holds
    # (so no other label can take their identities while it stands; hashing a Label is a
    # Python call).
    _fact_verdicts: dict[
        tuple[tuple[str, ...], tuple[bool | None, ...], int, int],
        tuple[FindingStatus, Label, Label | None, Label],
    ] = attrs.field(init=False, factory=dict, repr=False, eq=False)

    def fact_label(self, fact_id: str, lang: str = "zh") -> str:
        """The label of a governance fact for messages (its id when unknown)."""
        label = self.fact_labels.get(fact_id)
        return fact_id if label is None else (label.zh if lang == "zh" else label.en)

    def consortia(self, *kinds: ConsortiumKind, active: bool = True) -> Iterator[Consortium]:
        """Consortia inside the jurisdiction (of ``kinds``, if given), active on ``as_of``
        (all of them, ``active=False``): found once per pass for each question, since most
        rules ask it (a generator over a province's consortia for each rule cost the pass
        a twentieth of its time).

        >>> from medconsortium import examples
        >>> from medconsortium.model.jurisdictions import Jurisdiction, Level
        >>> china = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
        >>> ctx = RuleContext(examples.national_network(), china, dt.date(2024, 3, 1))
        >>> [c.id for c in ctx.consortia(ConsortiumKind.COUNTY_MEDICAL_COMMUNITY)]
        ['cn-ccm-1']
        """
        key = (kinds, active)
        found = self._consortia.get(key)
        if found is None:
            on = self.as_of
            found = self._consortia[key] = tuple(
                cons
                for cons in self.network.consortia_in(self.jurisdiction.code, kinds or None)
                if not active or cons.active_on(on)
            )
        return iter(found)

    def member_types(self, consortium: Consortium) -> frozenset[InstitutionType]:
        """The types of the consortium's members on ``as_of`` (its lead included), worked out
        once per pass: the national and the provincial rules on who a county community
        joins both ask them of every consortium (a set of 40,000 members' types each time).

        >>> from medconsortium import examples
        >>> from medconsortium.model.jurisdictions import Jurisdiction, Level
        >>> china = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
        >>> net = examples.national_network()
        >>> ctx, ccm = RuleContext(net, china, dt.date(2024, 3, 1)), net.consortium("cn-ccm-1")
        >>> ctx.member_types(ccm) == {i.type for i in net.members(ccm, ctx.as_of)}
        True
        >>> ctx.member_types(ccm) is ctx.member_types(ccm)
        True
        """
        kept = self._member_types.get(id(consortium))
        if kept is not None and kept[0] is consortium:
            return kept[1]
        found = frozenset({i.type for i in self.network.members(consortium, self.as_of)})
        self._member_types[id(consortium)] = (consortium, found)
        return found

    def facts_verdict(
        self,
        consortium: Consortium,
        facts: tuple[str, ...],
        passed: Label | None = None,
        missing: Label = MISSING,
    ) -> Outcome:
        """The verdict on one consortium's governance ``facts``: any recorded false fails (the
        missing ones named by their labels after ``missing``), else any not recorded is not
        assessable, else it passes (with ``passed`` as the message, by default the facts
        named). The status and message depend only on which facts are true, false or not
        recorded: each such pattern is worded once per pass (a province's consortia share a
        few), and each consortium's outcome names it with that message.

        >>> from medconsortium import examples
        >>> from medconsortium.model.jurisdictions import Jurisdiction, Level
        >>> china = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
        >>> net = examples.national_network()
        >>> ctx = RuleContext(net, china, dt.date(2017, 12, 31),
        ...     fact_labels={"disinfection_supply_centre": Label("消毒供应中心", "a sterile supply centre")})
        >>> facts = ("imaging_centre", "disinfection_supply_centre")
        >>> out = ctx.facts_verdict(net.consortium("cn-ccm-1"), facts, missing=Label("未建：", "not built: "))
        >>> out.status.value, out.subjects, out.message.zh, out.message.en
        ('fail', ('cn-ccm-1',), '未建：消毒供应中心', 'not built: a sterile supply centre')
        """
        if facts.__class__ is not tuple:  # a list, say: the key must be hashable
            facts = tuple(facts)
        values = tuple(map(consortium.governance.facts.get, facts))  # Governance.fact, in C
        key = (facts, values, id(passed), id(missing))
        found = self._fact_verdicts.get(key)
        if found is None:
            status, message = self._word_facts(facts, values, passed, missing)
            found = self._fact_verdicts[key] = (status, message, passed, missing)
        return outcome(found[0], (consortium.id,), found[1], None, None)

    def _word_facts(
        self,
        facts: tuple[str, ...],
        values: tuple[bool | None, ...],
        passed: Label | None,
        missing: Label,
    ) -> tuple[FindingStatus, Label]:
        absent = [f for f, v in zip(facts, values, strict=True) if v is False]
        if absent:
            return _FAIL, label(
                missing.zh + "、".join(self.fact_label(f) for f in absent),
                missing.en + ", ".join(self.fact_label(f, "en") for f in absent),
            )
        unknown = [f for f, v in zip(facts, values, strict=True) if v is None]
        if unknown:
            return _UNKNOWN, label(
                "未提供：" + "、".join(self.fact_label(f) for f in unknown),
                "not stated: " + ", ".join(self.fact_label(f, "en") for f in unknown),
            )
        if passed is not None:
            return _PASS, passed
        return _PASS, label(
            "均已具备：" + "、".join(self.fact_label(f) for f in facts),
            "all in place: " + ", ".join(self.fact_label(f, "en") for f in facts),
        )

    def institutions(self) -> Iterator[Institution]:
        """Institutions located inside the jurisdiction."""
        return self.network.institutions_in(self.jurisdiction.code)

    def institutions_by_division(self) -> Iterator[tuple[str, tuple[Institution, ...]]]:
        """Institutions located inside the jurisdiction, as (division code, its
        institutions) pairs: :meth:`institutions` place by place, for a rule that judges
        where an institution stands once per place."""
        return self.network.institutions_by_division(self.jurisdiction.code)

    def institutions_by_id(
        self,
        keep: Callable[[Institution], bool],
        having: str | None = None,
        of_types: Collection[InstitutionType] | None = None,
        owned_by: Collection[Ownership] | None = None,
        named: Collection[str] | None = None,
    ) -> list[Institution]:
        """Institutions inside the jurisdiction for which ``keep`` is true, sorted by id.

        The same list as sorting :meth:`institutions` by id and then skipping the others,
        but it filters first, in network order: a rule that concerns a few hundred hospitals
        of a province sorts those, not every village clinic (at 16 times a province, sorting
        them all visited the institutions in id order, far apart in memory).

        ``having`` names an attribute of an institution without which ``keep`` is never
        true (a flag such as ``provincially_administered``, a set such as
        ``capabilities``): ``keep`` then sees only the institutions where it is set, which
        the context lists once per pass (a province has a handful of provincially
        administered hospitals among 40,000 institutions, and every rule about them
        asked each of the 40,000). ``of_types``, in the same way, names the types outside
        which ``keep`` is never true (a rule about hospitals need not ask 37,000 village
        clinics), and ``owned_by`` the ownerships; given both, ``keep`` is asked of the
        institutions of those types and of those ownerships (a rule about nursing homes
        and private institutions asks each of them once; a scan of the province with a
        test per institution cost such a rule 22M instructions). ``named``: the names outside
        which ``keep`` is never true (the regional centres a text names); the institutions so
        named are found once per pass, and ``keep`` asks only them.

        >>> from medconsortium import examples
        >>> from medconsortium.model.jurisdictions import Jurisdiction, Level
        >>> china = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
        >>> ctx = RuleContext(examples.national_network(), china, dt.date(2024, 3, 1))
        >>> [i.id for i in ctx.institutions_by_id(lambda i: i.id.startswith("cn-thc"))]
        ['cn-thc-1', 'cn-thc-2']
        >>> ctx.institutions_by_id(lambda i: True, having="provincially_administered")
        []
        >>> from medconsortium import InstitutionType
        >>> [i.id for i in ctx.institutions_by_id(lambda i: True, of_types=[InstitutionType.VILLAGE_CLINIC])]
        ['cn-vc-1']
        >>> from medconsortium import Ownership
        >>> [i.id for i in ctx.institutions_by_id(lambda i: True, owned_by=[Ownership.PRIVATE])]
        ['cn-rehab-1']
        >>> [i.id for i in ctx.institutions_by_id(lambda i: True, owned_by=[Ownership.PRIVATE],
        ...     of_types=[InstitutionType.REHABILITATION_HOSPITAL, InstitutionType.VILLAGE_CLINIC])]
        ['cn-rehab-1', 'cn-vc-1']
        >>> [i.id for i in ctx.institutions_by_id(lambda i: True, named={"示例市康复医院", "nowhere"})]
        ['cn-rehab-1']
        """
        pool: Iterable[Institution]
        if named is not None:  # the narrowest: any one of the hints makes a pool keep can judge
            names = frozenset(named)
            found_named = self._named.get(names)
            if found_named is None:
                found_named = self._named[names] = [i for i in self.institutions() if i.name in names]
            pool = found_named
        elif having is not None:
            found = self._having.get(having)
            if found is None:
                found = self._having[having] = tuple(filter(field_reader(having), self.institutions()))
            pool = found
            if owned_by is not None:
                types, owners = frozenset(of_types or ()), tuple(owned_by)
                pool = (i for i in pool if i.type in types or i.ownership in owners)
            elif of_types is not None:
                wanted = frozenset(of_types)
                pool = (i for i in pool if i.type in wanted)
        elif owned_by is not None:
            groups = [self._of_type(t) for t in frozenset(of_types or ())]
            groups += [self._of_ownership(o) for o in set(owned_by)]
            # An institution of a type and an ownership asked is in two groups: once here.
            pool = {id(i): i for i in chain.from_iterable(groups)}.values() if of_types else chain(*groups)
        elif of_types is not None:
            pool = chain.from_iterable(self._of_type(t) for t in frozenset(of_types))
        else:
            pool = self.institutions()
        return sorted(filter(keep, pool), key=lambda i: i.id)

    def _of_ownership(self, ownership: Ownership) -> list[Institution]:
        found = self._by_ownership.get(ownership)
        if found is None:
            # Compared by identity in one comprehension: an Ownership's hash is a Python call.
            found = self._by_ownership[ownership] = [
                i for i in self.institutions() if i.ownership is ownership
            ]
        return found

    def _of_type(self, type_: InstitutionType) -> list[Institution]:
        if not self._by_type:
            by_type = self._by_type
            for inst in self.institutions():
                found = by_type.get(inst.type)
                if found is None:
                    by_type[inst.type] = [inst]
                else:
                    found.append(inst)
            if not by_type:  # nothing in the jurisdiction: remember that, too
                by_type[type_] = []
        return self._by_type.get(type_, [])

    def institutions_among(self, ids: Iterable[str]) -> list[Institution]:
        """The institutions inside the jurisdiction whose id is among ``ids``, sorted by id:
        what ``institutions_by_id(lambda i: i.id in ids)`` gives, by looking up each id
        rather than asking every institution (ids the network does not know are skipped).

        >>> from medconsortium import examples
        >>> from medconsortium.model.jurisdictions import Jurisdiction, Level
        >>> china = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
        >>> ctx = RuleContext(examples.national_network(), china, dt.date(2024, 3, 1))
        >>> [i.id for i in ctx.institutions_among(["cn-thc-2", "nowhere", "cn-thc-1"])]
        ['cn-thc-1', 'cn-thc-2']
        """
        code = self.jurisdiction.code
        found = (self.network.get_institution(i) for i in set(ids))
        inside = (i for i in found if i is not None and code_within(i.division, code))
        return sorted(inside, key=lambda i: i.id)

    # Small constructors so that rule bodies read as what they decide. Built by
    # findings.outcome and findings.label (slot stores: the classes' own __init__ was a
    # twentieth of a province's rule pass); anything but measured and expected goes to
    # Outcome itself, which refuses it with its own error.
    @staticmethod
    def passed(subjects: Iterable[str], zh: str, en: str, **kw: str | None) -> Outcome:
        if kw and not _OUTCOME_EXTRAS.issuperset(kw):
            return Outcome(FindingStatus.PASS, tuple(subjects), Label(zh, en), **kw)
        return outcome(_PASS, tuple(subjects), label(zh, en), kw.get("measured"), kw.get("expected"))

    @staticmethod
    def failed(subjects: Iterable[str], zh: str, en: str, **kw: str | None) -> Outcome:
        if kw and not _OUTCOME_EXTRAS.issuperset(kw):
            return Outcome(FindingStatus.FAIL, tuple(subjects), Label(zh, en), **kw)
        return outcome(_FAIL, tuple(subjects), label(zh, en), kw.get("measured"), kw.get("expected"))

    @staticmethod
    def unknown(subjects: Iterable[str], zh: str, en: str, **kw: str | None) -> Outcome:
        if kw and not _OUTCOME_EXTRAS.issuperset(kw):
            return Outcome(FindingStatus.NOT_ASSESSABLE, tuple(subjects), Label(zh, en), **kw)
        return outcome(_UNKNOWN, tuple(subjects), label(zh, en), kw.get("measured"), kw.get("expected"))

    @staticmethod
    def judge(
        subjects: Iterable[str],
        ok: bool | None,
        passed: tuple[str, str],
        failed: tuple[str, str],
        unknown: tuple[str, str] | None = None,
        **kw: str | None,
    ) -> Outcome:
        """The verdict of one check in one call: ``passed`` (zh, en) when ``ok``, ``failed``
        when not, ``unknown`` when ``ok`` is None (missing data is never a pass).
        ``measured`` and ``expected`` go with a failure only.

        >>> RuleContext.judge(["c1"], False, ("由县医院牵头", "led by the county hospital"),
        ...     ("不是县医院", "not the county hospital"), expected="county_hospital").status.value
        'fail'
        """
        return verdict(subjects, ok, passed, failed, unknown, **kw)


_PASS, _FAIL, _UNKNOWN = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.NOT_ASSESSABLE
#: The keywords an outcome's small constructors pass on to :func:`outcome`.
_OUTCOME_EXTRAS = frozenset({"measured", "expected"})

RuleCheck = Callable[[RuleContext], Iterable[Outcome]]


@attrs.frozen
class Rule:
    """A requirement, its strength, how to check it, and the sentence it rests on.

    ``check`` returns outcomes; the core attaches the rule id, level, citation and plugin.
    A check that has nothing to look at must say so with a ``not_assessable`` outcome:
    silence is reported as "not assessable" too, never as a pass.
    """

    id: str
    title: Label
    strength: Strength = attrs.field(validator=enum_of(Strength))
    citation: Citation
    check: RuleCheck
    description: Label | None = None
    period: Period = Period()
    review_by: dt.date | None = None


@attrs.frozen
class RuleException:
    """A lower level's declared exception to an ancestor's rule.

    When ``rule`` fails for subjects that are all covered, the finding becomes ``excepted``
    and carries this exception's citation and reason. A subject is covered when it is listed
    in ``subjects`` (ids fixed outside any bundled file), or when ``applies_to`` recognises
    it as the text identifies it: what the text names (the county medical community in
    通州区 led by 平潮中心卫生院), or a class it describes (county medical communities led by a
    private hospital); ``reason`` says which. Either way the exception is declared,
    cited and shown in every report — never a silent override.
    """

    id: str
    rule: str
    subjects: frozenset[str]
    reason: Label
    citation: Citation
    period: Period = Period()
    applies_to: SubjectTest | None = attrs.field(default=None, kw_only=True)

    def covers(self, network: Network, subject: str) -> bool:
        """Whether this exception covers ``subject`` (an id) in ``network``."""
        if subject in self.subjects:
            return True
        return self.applies_to is not None and self.applies_to(network, subject)


#: Decides whether a subject id, in a network, belongs to the class an exception covers.
SubjectTest = Callable[["Network", str], bool]
