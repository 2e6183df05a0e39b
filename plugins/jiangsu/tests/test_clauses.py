"""The clause-by-clause pass (issue 12): the green channel of 二（三）, the alliance's
referral facts of 四（三）, the duties of 四（一）2–3 and the unified staffing of 五（二）.

Each item: pass, fail, missing data, and the day before the plan (2018-12-31), when it
is not in force.
"""

from __future__ import annotations

import datetime as dt

import pytest
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Integration
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Referral
from medconsortium import Registry
from medconsortium import check_referral
from medconsortium_jiangsu.duties import CITY_MEDICAL_CENTRE
from medconsortium_jiangsu.duties import NATIONAL_REGIONAL_CENTRE
from medconsortium_jiangsu.duties import PROVINCIAL_REGIONAL_CENTRE
from medconsortium_jiangsu.duties import STAFFING_FACTS
from medconsortium_jiangsu.referrals import ALLIANCE_REFERRAL_FACTS

from .test_rules import ALLIANCE
from .test_rules import CCM
from .test_rules import CMG
from .test_rules import COUNTY
from .test_rules import TELE
from .test_rules import cons
from .test_rules import county_community_results
from .test_rules import inst
from .test_rules import results

BEFORE = dt.date(2018, 12, 31)
CITY = "320902"


def centre(id: str, capability: str, *, provincial: bool = False) -> Institution:
    base = inst(id, division=CITY, provincial=provincial)
    return Institution(
        base.id,
        base.name,
        base.level,
        base.type,
        base.ownership,
        base.division,
        provincially_administered=provincial,
        capabilities=frozenset({capability}),
    )


# -- 二（三） the green channel, on referrals ---------------------------------------------------
def _referral_findings(
    registry: Registry, priority: bool | None, *, up: bool = True, day: dt.date
) -> dict[str, str]:
    net = Network(COUNTY, (cons("c", CCM, "hosp", ["thc", "vc"]),))
    source, target = ("thc", "hosp") if up else ("hosp", "thc")
    referral = Referral(
        "r1", "p-0001", source, target, dt.datetime.combine(day, dt.time(9)), priority=priority
    )
    found = check_referral(referral, net, registry, registry.jurisdiction("jiangsu"))
    return {f.rule: f.status.value for f in found if f.rule == "jiangsu.green_channel"}


@pytest.mark.parametrize("up", [True, False])
@pytest.mark.parametrize(("priority", "status"), [(True, "pass"), (False, "fail"), (None, "not_assessable")])
def test_green_channel_both_ways(registry: Registry, up: bool, priority: bool | None, status: str) -> None:
    found = _referral_findings(registry, priority, up=up, day=dt.date(2020, 3, 2))
    assert found == {"jiangsu.green_channel": status}


def test_green_channel_is_not_asked_outside_a_consortium(registry: Registry) -> None:
    net = Network(COUNTY)
    referral = Referral("r1", "p-0001", "thc", "hosp", dt.datetime(2020, 3, 2, 9), priority=False)
    found = check_referral(referral, net, registry, registry.jurisdiction("jiangsu"))
    assert "jiangsu.green_channel" not in {f.rule for f in found}


def test_green_channel_not_before_the_plan(registry: Registry) -> None:
    assert _referral_findings(registry, False, day=BEFORE) == {}


# -- 四（三） the alliance's referral procedure, green channel, drug list, records ---------------
ALLIANCE_FACTS = [f.id for f in ALLIANCE_REFERRAL_FACTS]


def _alliance(facts: dict[str, bool]) -> Network:
    return Network(
        (inst("a1", division=CITY), inst("a2", division=CITY)),
        (cons("s", ALLIANCE, "a1", ["a2"], division=CITY, facts=facts),),
    )


@pytest.mark.parametrize(
    ("facts", "status"),
    [
        (dict.fromkeys(ALLIANCE_FACTS, True), "pass"),
        ({**dict.fromkeys(ALLIANCE_FACTS, True), "jiangsu_shared_drug_list": False}, "fail"),
        ({**dict.fromkeys(ALLIANCE_FACTS[:3], True)}, "not_assessable"),
    ],
)
def test_alliance_referral_facts(registry: Registry, facts: dict[str, bool], status: str) -> None:
    rule = "jiangsu.specialty_alliance_referral"
    assert results(registry, _alliance(facts), rule) == {("s",): status}
    assert results(registry, _alliance(facts), rule, as_of=BEFORE) == {}


def test_alliance_referral_names_what_is_missing(registry: Registry) -> None:
    from .test_rules import messages

    facts = {**dict.fromkeys(ALLIANCE_FACTS, True), "jiangsu_referral_green_channel": False}
    assert messages(registry, _alliance(facts), "jiangsu.specialty_alliance_referral") == [
        "missing: jiangsu_referral_green_channel"
    ]


# -- 四（一）2 provincially administered hospitals take part in the city's tight consortia -----
class TestProvincialParticipation:
    RULE = "jiangsu.provincial_hospital_participation"
    PROVINCIAL = inst("p", division=CITY, provincial=True)
    CITY_HOSPITAL = inst("t1", division=CITY)
    CHC = inst("chc", InstitutionType.COMMUNITY_HEALTH_CENTRE, InstitutionLevel.UNRATED, division=CITY)

    def test_a_member_of_a_city_group_passes(self, registry: Registry) -> None:
        net = Network(
            (self.PROVINCIAL, self.CITY_HOSPITAL, self.CHC),
            (cons("g", CMG, "t1", ["p", "chc"], division=CITY),),
        )
        assert results(registry, net, self.RULE) == {("p", "g"): "pass"}
        assert results(registry, net, self.RULE, as_of=BEFORE) == {}

    def test_outside_the_city_groups_fails(self, registry: Registry) -> None:
        net = Network(
            (self.PROVINCIAL, self.CITY_HOSPITAL, self.CHC),
            (cons("g", CMG, "t1", ["chc"], division=CITY),),
        )
        assert results(registry, net, self.RULE) == {("p",): "fail"}

    def test_a_loose_group_does_not_count(self, registry: Registry) -> None:
        net = Network(
            (self.PROVINCIAL, self.CITY_HOSPITAL, self.CHC),
            (
                cons("g", CMG, "t1", ["chc"], division=CITY),
                cons("l", CMG, "t1", ["p"], division=CITY, integration=Integration.LOOSE),
            ),
        )
        assert results(registry, net, self.RULE) == {("p",): "fail"}

    def test_a_city_without_tight_consortia_in_the_network_is_not_assessable(
        self, registry: Registry
    ) -> None:
        assert results(registry, Network((self.PROVINCIAL,)), self.RULE) == {("p",): "not_assessable"}


# -- 四（一）3 regional centres in city medical groups; the city centre leads -----------------
class TestRegionalCentres:
    RULE = "jiangsu.regional_centres_in_city_groups"

    @pytest.mark.parametrize("capability", [NATIONAL_REGIONAL_CENTRE, PROVINCIAL_REGIONAL_CENTRE])
    def test_a_centre_in_a_city_group_passes(self, registry: Registry, capability: str) -> None:
        net = Network(
            (centre("rc", capability), inst("t1", division=CITY)),
            (cons("g", CMG, "t1", ["rc"], division=CITY),),
        )
        assert results(registry, net, self.RULE) == {("rc", "g"): "pass"}
        assert results(registry, net, self.RULE, as_of=BEFORE) == {}

    def test_a_centre_in_no_city_group_fails(self, registry: Registry) -> None:
        net = Network(
            (centre("rc", NATIONAL_REGIONAL_CENTRE), inst("t1", division=CITY)),
            (cons("s", ALLIANCE, "rc", ["t1"], division=CITY),),
        )
        assert results(registry, net, self.RULE) == {("rc",): "fail"}

    def test_a_provincially_administered_centre_is_not_city_run(self, registry: Registry) -> None:
        net = Network((centre("rc", NATIONAL_REGIONAL_CENTRE, provincial=True),))
        assert results(registry, net, self.RULE) == {("320000",): "not_assessable"}

    def test_no_designation_recorded_is_not_assessable(self, registry: Registry) -> None:
        assert results(registry, Network((inst("t1", division=CITY),)), self.RULE) == {
            ("320000",): "not_assessable"
        }


class TestCityCentreLeads:
    RULE = "jiangsu.city_centre_alliance_telemedicine"

    def _net(self, *kinds: ConsortiumKind) -> Network:
        institutions = (centre("mc", CITY_MEDICAL_CENTRE), inst("t1", division=CITY))
        return Network(
            institutions, tuple(cons(f"k{i}", k, "mc", ["t1"], division=CITY) for i, k in enumerate(kinds))
        )

    def test_leading_both_passes(self, registry: Registry) -> None:
        net = self._net(ALLIANCE, TELE)
        assert results(registry, net, self.RULE) == {("mc", "k0", "k1"): "pass"}
        assert results(registry, net, self.RULE, as_of=BEFORE) == {}

    def test_no_telemedicine_network_fails(self, registry: Registry) -> None:
        assert results(registry, self._net(ALLIANCE), self.RULE) == {("mc", "k0"): "fail"}

    def test_leading_neither_fails(self, registry: Registry) -> None:
        assert results(registry, self._net(CMG), self.RULE) == {("mc",): "fail"}

    def test_no_city_centre_recorded_is_not_assessable(self, registry: Registry) -> None:
        assert results(registry, Network((inst("t1", division=CITY),)), self.RULE) == {
            ("320000",): "not_assessable"
        }


# -- 五（二） unified staffing of a tight consortium --------------------------------------------
STAFF = [f.id for f in STAFFING_FACTS]


@pytest.mark.parametrize(
    ("facts", "integration", "status"),
    [
        (dict.fromkeys(STAFF, True), Integration.TIGHT, {("c",): "pass"}),
        (
            {**dict.fromkeys(STAFF, True), "jiangsu_unified_recruitment": False},
            Integration.TIGHT,
            {("c",): "fail"},
        ),
        (dict.fromkeys(STAFF[1:], True), Integration.TIGHT, {("c",): "not_assessable"}),
        ({}, Integration.LOOSE, {("320000",): "not_assessable"}),
    ],
)
def test_tight_consortium_staffing(
    registry: Registry, facts: dict[str, bool], integration: Integration, status: dict[tuple[str, ...], str]
) -> None:
    # In force on the day; before its document, the rule is not there at all.
    assert county_community_results(
        registry, "jiangsu.tight_consortium_staffing", facts, integration, BEFORE
    ) == (status, {})


def test_private_ownership_is_untouched_by_the_duties(registry: Registry) -> None:
    # A private hospital recorded with no designation is no subject of 四（一）2–3.
    net = Network((inst("x", division=CITY, ownership=Ownership.PRIVATE),))
    for rule in ("jiangsu.provincial_hospital_participation", "jiangsu.regional_centres_in_city_groups"):
        assert results(registry, net, rule) == {("320000",): "not_assessable"}
