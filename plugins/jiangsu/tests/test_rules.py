"""Every governance rule of the plugin: the passing, the failing and the missing-data case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from typing import ClassVar

import pytest
from medconsortium import Change
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Filing
from medconsortium import Governance
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Integration
from medconsortium import Link
from medconsortium import MemberRole
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import run_rules
from medconsortium.model.consortia import Recorded
from medconsortium_jiangsu.reference import PROVINCIAL_ALLIANCES

AS_OF = dt.date(2020, 12, 31)
NO_FILING = Filing()
CMG = ConsortiumKind.CITY_MEDICAL_GROUP
CCM = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY
ALLIANCE = ConsortiumKind.SPECIALTY_ALLIANCE
TELE = ConsortiumKind.TELEMEDICINE_NETWORK


def inst(
    id: str,
    type: InstitutionType = InstitutionType.GENERAL_HOSPITAL,
    level: InstitutionLevel = InstitutionLevel.TERTIARY,
    *,
    division: str = "320924",
    township: str | None = None,
    ownership: Ownership = Ownership.GOVERNMENT,
    provincial: bool = False,
) -> Institution:
    return Institution(
        id,
        f"机构{id}",
        level,
        type,
        ownership,
        division,
        township=township,
        provincially_administered=provincial,
    )


def cons(
    id: str,
    kind: ConsortiumKind,
    lead: str,
    members: Iterable[str] = (),
    *,
    division: str = "320924",
    grid: Iterable[str] = (),
    facts: Mapping[str, bool] | None = None,
    departments: Iterable[str] | None = None,
    integration: Integration | None = Integration.TIGHT,
    formed: dt.date | None = None,
    dissolved: dt.date | None = None,
    filing: Filing = NO_FILING,
    changes: tuple[Change, ...] = (),
    links: tuple[Link, ...] = (),
    name: str | None = None,
) -> Consortium:
    return Consortium(
        id,
        name or f"医联体{id}",
        kind,
        division,
        (Membership(lead, MemberRole.LEAD), *(Membership(m) for m in members)),
        integration=integration,
        grid=frozenset(grid),
        formed=formed,
        dissolved=dissolved,
        governance=Governance(dict(facts or {}), None if departments is None else frozenset(departments)),
        filing=filing,
        changes=changes,
        links=links,
    )


def results(
    registry: Registry,
    network: Network,
    rule: str,
    as_of: dt.date = AS_OF,
    jurisdiction: str = "jiangsu",
) -> dict[tuple[str, ...], str]:
    """Status of ``rule`` per subject tuple."""
    findings = run_rules(network, registry, registry.jurisdiction(jurisdiction), as_of)
    return {f.subjects: f.status.value for f in findings if f.rule == rule}


def county_community_results(
    registry: Registry, rule: str, facts: Mapping[str, bool], integration: Integration, before: dt.date
) -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str]]:
    """Status of ``rule`` over one county community of :data:`COUNTY` with ``facts`` and
    ``integration``, on the day and on ``before`` (a day before the rule was in force)."""
    net = Network(COUNTY, (cons("c", CCM, "hosp", ["thc", "vc"], facts=facts, integration=integration),))
    return results(registry, net, rule), results(registry, net, rule, as_of=before)


def messages(registry: Registry, network: Network, rule: str, as_of: dt.date = AS_OF) -> list[str]:
    findings = run_rules(network, registry, registry.jurisdiction("jiangsu"), as_of)
    return [f.message.en for f in findings if f.rule == rule]


# A small county: county hospital, township health centre, village clinic.
COUNTY = (
    inst("hosp", InstitutionType.COUNTY_HOSPITAL, InstitutionLevel.SECONDARY, township="城关镇"),
    inst("thc", InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionLevel.UNRATED, township="城关镇"),
    inst("vc", InstitutionType.VILLAGE_CLINIC, InstitutionLevel.UNRATED, township="城关镇"),
)
CITY = (
    inst("t1", division="320902", township="五星街道"),
    inst(
        "chc",
        InstitutionType.COMMUNITY_HEALTH_CENTRE,
        InstitutionLevel.UNRATED,
        division="320902",
        township="五星街道",
    ),
)
NOTHING = Network((inst("alone"),))
#: A county community led by the county hospital, with a township centre and a village clinic.
FULL_COUNTY = Network(COUNTY, (cons("c", CCM, "hosp", ["thc", "vc"]),))
NOT_ASSESSABLE_HERE = {("320000",): "not_assessable"}


@pytest.mark.parametrize(
    "rule",
    [
        "jiangsu.city_group_lead",
        "jiangsu.county_community_lead",
        "jiangsu.city_group_members",
        "jiangsu.county_community_members",
        "jiangsu.provincial_hospital_lead",
        "jiangsu.grid",
    ],
)
def test_with_nothing_it_applies_to_a_rule_is_not_assessable(registry: Registry, rule: str) -> None:
    # No city group, county community, provincial hospital or township: silence is not a pass.
    assert results(registry, NOTHING, rule) == NOT_ASSESSABLE_HERE


# -- leads ---------------------------------------------------------------------------------
class TestCityGroupLead:
    RULE = "jiangsu.city_group_lead"

    def test_a_city_tertiary_general_hospital_passes(self, registry: Registry) -> None:
        net = Network(CITY, (cons("g", CMG, "t1", ["chc"], division="320902"),))
        assert results(registry, net, self.RULE) == {("g",): "pass"}

    def test_a_secondary_hospital_fails(self, registry: Registry) -> None:
        net = Network(
            (inst("s", level=InstitutionLevel.SECONDARY, division="320902"),),
            (cons("g", CMG, "s", division="320902"),),
        )
        assert results(registry, net, self.RULE) == {("g",): "fail"}

    def test_a_tertiary_specialty_hospital_fails(self, registry: Registry) -> None:
        net = Network(
            (inst("s", InstitutionType.SPECIALTY_HOSPITAL, division="320902"),), (cons("g", CMG, "s"),)
        )
        assert results(registry, net, self.RULE) == {("g",): "fail"}

    def test_a_provincially_administered_hospital_is_not_a_city_hospital(self, registry: Registry) -> None:
        net = Network((inst("p", provincial=True),), (cons("g", CMG, "p"),))
        assert results(registry, net, self.RULE) == {("g",): "fail"}

    def test_a_private_secondary_hospital_may_lead(self, registry: Registry) -> None:
        net = Network(
            (inst("p", level=InstitutionLevel.SECONDARY, ownership=Ownership.PRIVATE),),
            (cons("g", CMG, "p"),),
        )
        assert results(registry, net, self.RULE) == {("g",): "pass"}

    def test_two_leads_fail(self, registry: Registry) -> None:
        two = Consortium(
            "g",
            "双牵头",
            CMG,
            "320902",
            (Membership("t1", MemberRole.LEAD), Membership("chc", MemberRole.LEAD)),
        )
        assert results(registry, Network(CITY, (two,)), self.RULE) == {("g",): "fail"}


class TestCountyCommunityLead:
    RULE = "jiangsu.county_community_lead"

    def test_the_county_hospital_passes(self, registry: Registry) -> None:
        assert results(registry, FULL_COUNTY, self.RULE) == {("c",): "pass"}

    def test_a_county_tcm_hospital_passes(self, registry: Registry) -> None:
        net = Network((inst("tcm", InstitutionType.COUNTY_TCM_HOSPITAL),), (cons("c", CCM, "tcm"),))
        assert results(registry, net, self.RULE) == {("c",): "pass"}

    def test_a_township_centre_fails(self, registry: Registry) -> None:
        net = Network(COUNTY, (cons("c", CCM, "thc", ["vc"]),))
        assert results(registry, net, self.RULE) == {("c",): "fail"}

    def test_a_private_tertiary_hospital_may_lead(self, registry: Registry) -> None:
        net = Network((inst("p", ownership=Ownership.PRIVATE),), (cons("c", CCM, "p"),))
        assert results(registry, net, self.RULE) == {("c",): "pass"}

    def test_a_private_clinic_may_not(self, registry: Registry) -> None:
        clinic = inst(
            "p", InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionLevel.UNRATED, ownership=Ownership.PRIVATE
        )
        net = Network((clinic,), (cons("c", CCM, "p"),))
        assert results(registry, net, self.RULE) == {("c",): "fail"}


# -- members -------------------------------------------------------------------------------
def test_city_group_members(registry: Registry) -> None:
    rule = "jiangsu.city_group_members"
    with_chc = Network(CITY, (cons("g", CMG, "t1", ["chc"]),))
    without = Network(CITY, (cons("g", CMG, "t1"),))
    assert results(registry, with_chc, rule) == {("g",): "pass"}
    assert results(registry, without, rule) == {("g",): "fail"}


def test_county_community_members(registry: Registry) -> None:
    rule = "jiangsu.county_community_members"
    no_village = Network(COUNTY, (cons("c", CCM, "hosp", ["thc"]),))
    assert results(registry, FULL_COUNTY, rule) == {("c",): "pass"}
    assert results(registry, no_village, rule) == {("c",): "fail"}
    assert messages(registry, no_village, rule) == ["no member of type: village clinic"]


def test_private_hospitals_may_join_and_are_shown(registry: Registry) -> None:
    rule = "jiangsu.private_hospital_participation"
    private = inst("p", level=InstitutionLevel.SECONDARY, ownership=Ownership.PRIVATE)
    net = Network((*CITY, private), (cons("g", CMG, "t1", ["chc", "p"]),))
    assert results(registry, net, rule) == {("g", "p"): "pass"}
    # Nothing private in the network: the permission has nothing to show.
    assert results(registry, Network(CITY, (cons("g", CMG, "t1", ["chc"]),)), rule) == NOT_ASSESSABLE_HERE


# -- provincially administered hospitals ---------------------------------------------------
class TestProvincialHospitalLead:
    RULE = "jiangsu.provincial_hospital_lead"
    HOSPITAL = (inst("p", provincial=True),)

    def status(self, registry: Registry, consortium: Consortium) -> dict[tuple[str, ...], str]:
        return results(registry, Network(self.HOSPITAL, (consortium,)), self.RULE)

    def test_a_new_tight_consortium_fails(self, registry: Registry) -> None:
        got = self.status(registry, cons("g", CMG, "p", grid=["甲"], formed=dt.date(2020, 5, 11)))
        assert got == {("g", "p"): "fail"}

    def test_one_built_before_the_plan_continues_inside_the_grid(self, registry: Registry) -> None:
        got = self.status(registry, cons("g", CMG, "p", grid=["甲"], formed=dt.date(2017, 5, 2)))
        assert got == {("g", "p"): "pass"}

    def test_one_built_before_the_plan_must_join_the_grid(self, registry: Registry) -> None:
        got = self.status(registry, cons("g", CMG, "p", formed=dt.date(2017, 5, 2)))
        assert got == {("g", "p"): "fail"}

    @pytest.mark.parametrize("formed", [None, dt.date(2019, 5, 1)])
    def test_an_unplaceable_date_is_not_assessable(self, registry: Registry, formed: dt.date | None) -> None:
        got = self.status(registry, cons("g", CMG, "p", grid=["甲"], formed=formed))
        assert got == {("g", "p"): "not_assessable"}

    def test_a_hospital_leading_only_a_loose_consortium_complies_and_says_so(
        self, registry: Registry
    ) -> None:
        # The subject is present (a provincially administered hospital): it is reported on,
        # never as "nothing in the network this rule applies to".
        loose = cons("g", CMG, "p", integration=Integration.LOOSE, formed=dt.date(2020, 5, 11))
        assert self.status(registry, loose) == {("p",): "pass"}

    def test_a_hospital_leading_nothing_complies(self, registry: Registry) -> None:
        net = Network((*self.HOSPITAL, *CITY), (cons("g", CMG, "t1", ["chc"], division="320902"),))
        assert results(registry, net, self.RULE) == {("p",): "pass"}


class TestProvincialBranchConsent:
    RULE = "jiangsu.provincial_branch_consent"
    BOTH: ClassVar[dict[str, bool]] = {
        "jiangsu_city_commission_consent": True,
        "jiangsu_provincial_commission_consent": True,
    }

    def test_both_consents_pass(self, registry: Registry) -> None:
        net = Network((inst("p", provincial=True),), (cons("g", CMG, "p", facts=self.BOTH),))
        assert results(registry, net, self.RULE) == {("g",): "pass"}

    def test_a_refused_consent_fails(self, registry: Registry) -> None:
        facts = {**self.BOTH, "jiangsu_provincial_commission_consent": False}
        net = Network((inst("p", provincial=True),), (cons("g", CMG, "p", facts=facts),))
        assert results(registry, net, self.RULE) == {("g",): "fail"}
        # The consent is named by its label, never by the fact id.
        assert messages(registry, net, self.RULE) == [
            "no consent: consent of the provincial health commission"
        ]

    def test_an_unstated_consent_is_not_assessable(self, registry: Registry) -> None:
        facts = {"jiangsu_city_commission_consent": True}
        net = Network((inst("p", provincial=True),), (cons("g", CMG, "p", facts=facts),))
        assert results(registry, net, self.RULE) == {("g",): "not_assessable"}
        assert messages(registry, net, self.RULE) == [
            "not stated: consent of the provincial health commission"
        ]

    def test_a_declared_branch_is_concerned_too(self, registry: Registry) -> None:
        branch = cons("b", TELE, "h", links=(Link("branch_of", "p"),), integration=None)
        net = Network((inst("p", provincial=True), inst("h")), (branch,))
        assert results(registry, net, self.RULE) == {("b",): "not_assessable"}

    def test_a_branch_link_ended_before_the_day_no_longer_concerns(self, registry: Registry) -> None:
        ended = Link("branch_of", "p", until=dt.date(2019, 12, 31))
        branch = cons("b", TELE, "h", links=(ended,), integration=None)
        net = Network((inst("p", provincial=True), inst("h")), (branch,))
        assert results(registry, net, self.RULE) == NOT_ASSESSABLE_HERE
        assert results(registry, net, self.RULE, dt.date(2019, 6, 30)) == {("b",): "not_assessable"}

    def test_a_city_hospital_needs_no_consent(self, registry: Registry) -> None:
        net = Network(CITY, (cons("g", CMG, "t1", ["chc"]),))
        assert results(registry, net, self.RULE) == NOT_ASSESSABLE_HERE


# -- the grid ------------------------------------------------------------------------------
class TestGrid:
    RULE = "jiangsu.grid"
    TOWNS = (
        inst("h", InstitutionType.COUNTY_HOSPITAL, InstitutionLevel.SECONDARY, township="城关镇"),
        inst("a", InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionLevel.UNRATED, township="城关镇"),
        inst("b", InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionLevel.UNRATED, township="临海镇"),
        inst(
            "c", InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE, InstitutionLevel.UNRATED, township="海河镇"
        ),
    )

    def test_every_township_in_exactly_one_grid_passes(self, registry: Registry) -> None:
        net = Network(
            self.TOWNS,
            (
                cons("x", CCM, "h", ["a", "b"], grid=["城关镇", "临海镇"]),
                cons("y", CCM, "c", grid=["海河镇"]),
            ),
        )
        assert results(registry, net, self.RULE) == {("320924",): "pass"}

    def test_overlaps_and_gaps_are_named(self, registry: Registry) -> None:
        net = Network(
            self.TOWNS,
            (cons("x", CCM, "h", ["a"], grid=["城关镇", "临海镇"]), cons("y", CCM, "b", grid=["临海镇"])),
        )
        assert results(registry, net, self.RULE) == {("320924",): "fail"}
        assert messages(registry, net, self.RULE) == ["overlaps: 临海镇 (x, y); not covered: 海河镇"]

    def test_a_grid_not_stated_leaves_gaps_unknown(self, registry: Registry) -> None:
        net = Network(
            self.TOWNS, (cons("x", CCM, "h", ["a", "b"], grid=["城关镇", "临海镇"]), cons("y", CCM, "c"))
        )
        assert results(registry, net, self.RULE) == {("320924",): "not_assessable"}

    def test_a_loose_consortium_claims_no_grid(self, registry: Registry) -> None:
        net = Network(
            self.TOWNS,
            (
                cons("x", CCM, "h", ["a", "b"], grid=["城关镇", "临海镇", "海河镇"]),
                cons("y", CCM, "c", grid=["海河镇"], integration=Integration.LOOSE),
            ),
        )
        assert results(registry, net, self.RULE) == {("320924",): "pass"}

    def test_a_city_wide_group_claims_in_each_district(self, registry: Registry) -> None:
        towns = (
            inst("t1", division="320902", township="五星街道"),
            inst("t2", division="320903", township="五星街道"),
        )
        city_wide = cons("g", CMG, "t1", ["t2"], division="320900", grid=["五星街道"])
        district = cons("d", CMG, "t2", division="320903", grid=["五星街道"])
        net = Network(towns, (city_wide, district))
        assert results(registry, net, self.RULE) == {
            ("320900",): "pass",
            ("320902",): "pass",
            ("320903",): "fail",
        }

    def test_a_city_wide_group_does_not_claim_in_a_county(self, registry: Registry) -> None:
        # 320924 is a county of the city: a city-level group serves the districts only, so a
        # county community claiming the same name there is no overlap.
        towns = (
            inst("t1", division="320902", township="五星街道"),
            inst("hosp", InstitutionType.COUNTY_HOSPITAL, division="320924", township="五星街道"),
        )
        city_wide = cons("g", CMG, "t1", division="320900", grid=["五星街道"])
        county = cons("c", CCM, "hosp", division="320924", grid=["五星街道"])
        net = Network(towns, (city_wide, county))
        assert results(registry, net, self.RULE) == {
            ("320900",): "pass",
            ("320902",): "pass",
            ("320924",): "pass",
        }


class TestOneTightConsortium:
    RULE = "jiangsu.one_tight_consortium"

    def test_each_in_exactly_one_passes(self, registry: Registry) -> None:
        # Complying institutions are counted in one pass for their county.
        assert results(registry, FULL_COUNTY, self.RULE) == {("320924",): "pass"}

    def test_in_two_or_in_none_fails(self, registry: Registry) -> None:
        net = Network(COUNTY, (cons("c", CCM, "hosp", ["thc"]), cons("d", CCM, "thc")))
        assert results(registry, net, self.RULE) == {
            ("320924",): "pass",
            ("thc", "c", "d"): "fail",
            ("vc",): "fail",
        }

    def test_a_loose_or_ended_consortium_does_not_count(self, registry: Registry) -> None:
        net = Network(
            COUNTY,
            (
                cons("c", CCM, "hosp", ["thc", "vc"]),
                cons("d", CCM, "thc", integration=Integration.LOOSE),
                cons("e", CCM, "vc", dissolved=dt.date(2020, 1, 1)),
            ),
        )
        assert set(results(registry, net, self.RULE).values()) == {"pass"}

    def test_a_membership_ended_is_not_named_among_several(self, registry: Registry) -> None:
        # thc left e before the day: it is named in c and d only; hosp, still in e, in c and e.
        ended = cons("e", CCM, "hosp")
        ended = Consortium(
            ended.id,
            ended.name,
            CCM,
            ended.division,
            (*ended.members, Membership("thc", left=dt.date(2020, 6, 30))),
            integration=Integration.TIGHT,
        )
        net = Network(COUNTY, (cons("c", CCM, "hosp", ["thc", "vc"]), cons("d", CCM, "thc"), ended))
        assert results(registry, net, self.RULE) == {
            ("320924",): "pass",
            ("hosp", "c", "e"): "fail",
            ("thc", "c", "d"): "fail",
        }

    def test_a_member_in_another_county_is_counted_where_it_stands(self, registry: Registry) -> None:
        # c, of 320924, has two members in 320981: thc2 is also in d there (two), vc2 is not.
        elsewhere = (
            inst("hosp2", InstitutionType.COUNTY_HOSPITAL, InstitutionLevel.SECONDARY, division="320981"),
            inst("thc2", InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionLevel.UNRATED, division="320981"),
            inst("vc2", InstitutionType.VILLAGE_CLINIC, InstitutionLevel.UNRATED, division="320981"),
        )
        net = Network(
            (*COUNTY, *elsewhere),
            (
                cons("c", CCM, "hosp", ["thc", "vc", "thc2", "vc2"]),
                cons("d", CCM, "hosp2", ["thc2"], division="320981"),
            ),
        )
        assert results(registry, net, self.RULE) == {
            ("320924",): "pass",
            ("320981",): "pass",
            ("thc2", "c", "d"): "fail",
        }

    def test_private_public_health_and_provincial_institutions_are_left_out(self, registry: Registry) -> None:
        others = (
            inst("cdc", InstitutionType.CDC, InstitutionLevel.UNRATED),
            inst("priv", ownership=Ownership.PRIVATE),
            inst("prov", provincial=True),
            inst("city", division="320900"),
        )
        assert results(registry, Network(others), self.RULE) == NOT_ASSESSABLE_HERE


# -- governance facts ----------------------------------------------------------------------
CITY_FACTS = {"management_committee", "party_committee", "jiangsu_council_president_system", "charter"}
COUNTY_FACTS = {
    "management_committee",
    "party_committee",
    "jiangsu_council_president_system",
    "sole_legal_representative",
    "charter",
    "jiangsu_unified_infrastructure",
    "jiangsu_unified_finance",
    "jiangsu_unified_procurement",
    "jiangsu_unified_equipment",
}
DEPARTMENTS = (
    "medical",
    "human_resources",
    "finance",
    "medical_insurance",
    "public_health",
    "information",
    "logistics",
)
ALLIANCE_FACTS = {
    "charter",
    "council",
    "jiangsu_council_regular_meetings",
    "jiangsu_members_status_unchanged",
}
TELE_FACTS = {
    "charter",
    "dedicated_office",
    "jiangsu_remote_consultation_centre",
    "jiangsu_remote_imaging_centre",
    "jiangsu_remote_pathology_centre",
    "jiangsu_remote_ecg_centre",
    "jiangsu_remote_training_centre",
}

# (rule, kind, the facts every consortium of that kind has, the fact the rule needs)
GOVERNANCE = [
    ("jiangsu.city_group_committees", CMG, CITY_FACTS, "party_committee"),
    ("jiangsu.city_group_committees", CMG, CITY_FACTS, "management_committee"),
    ("jiangsu.city_group_council", CMG, CITY_FACTS, "jiangsu_council_president_system"),
    ("jiangsu.city_group_charter", CMG, CITY_FACTS, "charter"),
    ("jiangsu.county_community_committee", CCM, COUNTY_FACTS, "management_committee"),
    ("jiangsu.county_community_leadership", CCM, COUNTY_FACTS, "sole_legal_representative"),
    ("jiangsu.county_community_leadership", CCM, COUNTY_FACTS, "party_committee"),
    ("jiangsu.county_community_charter_departments", CCM, COUNTY_FACTS, "charter"),
    ("jiangsu.county_community_unified_management", CCM, COUNTY_FACTS, "jiangsu_unified_procurement"),
    ("jiangsu.county_community_unified_management", CCM, COUNTY_FACTS, "jiangsu_unified_equipment"),
    ("jiangsu.specialty_alliance_council", ALLIANCE, ALLIANCE_FACTS, "jiangsu_council_regular_meetings"),
    ("jiangsu.specialty_alliance_council", ALLIANCE, ALLIANCE_FACTS, "council"),
    (
        "jiangsu.specialty_alliance_members_unchanged",
        ALLIANCE,
        ALLIANCE_FACTS,
        "jiangsu_members_status_unchanged",
    ),
    ("jiangsu.telemedicine_office", TELE, TELE_FACTS, "dedicated_office"),
    ("jiangsu.telemedicine_centres", TELE, TELE_FACTS, "jiangsu_remote_pathology_centre"),
    ("jiangsu.telemedicine_centres", TELE, TELE_FACTS, "jiangsu_remote_training_centre"),
]


def _governed(kind: ConsortiumKind, facts: Mapping[str, bool], departments: Iterable[str] | None) -> Network:
    return Network((inst("h"),), (cons("x", kind, "h", facts=facts, departments=departments),))


@pytest.mark.parametrize(("rule", "kind", "all_facts", "needed"), GOVERNANCE)
def test_governance_facts(
    registry: Registry, rule: str, kind: ConsortiumKind, all_facts: set[str], needed: str
) -> None:
    full = dict.fromkeys(all_facts, True)
    assert results(registry, _governed(kind, full, DEPARTMENTS), rule) == {("x",): "pass"}
    assert results(registry, _governed(kind, {**full, needed: False}, DEPARTMENTS), rule) == {("x",): "fail"}
    unstated = {k: v for k, v in full.items() if k != needed}
    assert results(registry, _governed(kind, unstated, DEPARTMENTS), rule) == {("x",): "not_assessable"}


def test_county_community_departments(registry: Registry) -> None:
    rule = "jiangsu.county_community_charter_departments"
    facts = {"charter": True}
    assert results(registry, _governed(CCM, facts, DEPARTMENTS), rule) == {("x",): "pass"}
    short = _governed(CCM, facts, ("medical", "finance"))
    assert results(registry, short, rule) == {("x",): "fail"}
    assert "department logistics" in messages(registry, short, rule)[0]
    assert results(registry, _governed(CCM, facts, None), rule) == {("x",): "not_assessable"}


@pytest.mark.parametrize(
    ("kind", "rule"),
    [(ALLIANCE, "jiangsu.specialty_alliance_charter"), (TELE, "jiangsu.telemedicine_charter")],
)
def test_a_charter_or_an_agreement(registry: Registry, kind: ConsortiumKind, rule: str) -> None:
    def status(facts: dict[str, bool]) -> dict[tuple[str, ...], str]:
        return results(registry, _governed(kind, facts, None), rule)

    assert status({"charter": True}) == {("x",): "pass"}
    assert status({"charter": False, "agreement": True}) == {("x",): "pass"}
    assert status({"charter": False, "agreement": False}) == {("x",): "fail"}
    assert status({"charter": False}) == {("x",): "not_assessable"}
    assert status({}) == {("x",): "not_assessable"}


# -- provincial specialty alliances --------------------------------------------------------
def _alliances(skip: int | None = None, wrong_lead: int | None = None) -> Network:
    leads = sorted({lead for _, lead in PROVINCIAL_ALLIANCES})
    institutions = tuple(
        Institution(
            f"h{i}",
            name,
            InstitutionLevel.TERTIARY,
            InstitutionType.GENERAL_HOSPITAL,
            Ownership.PUBLIC,
            "320000",
        )
        for i, name in enumerate(leads)
    )
    by_name = {i.name: i.id for i in institutions}
    consortia = []
    for n, (name, lead) in enumerate(PROVINCIAL_ALLIANCES, start=1):
        if n == skip:
            continue
        lead_id = by_name["江苏省人民医院"] if n == wrong_lead else by_name[lead]
        consortia.append(cons(f"a{n:02d}", ALLIANCE, lead_id, division="320000", name=name, integration=None))
    return Network(institutions, tuple(consortia))


class TestProvincialAlliances:
    RULE = "jiangsu.provincial_alliances"

    def test_all_nineteen_with_their_leads_pass(self, registry: Registry) -> None:
        got = results(registry, _alliances(), self.RULE)
        assert len(got) == 20 and set(got.values()) == {"pass"}

    def test_a_wrong_lead_fails(self, registry: Registry) -> None:
        got = results(registry, _alliances(wrong_lead=9), self.RULE)
        assert got[("a09",)] == "fail" and got[("320000",)] == "pass"

    def test_a_missing_alliance_fails(self, registry: Registry) -> None:
        net = _alliances(skip=19)
        assert results(registry, net, self.RULE)[("320000",)] == "fail"
        assert "江苏省精神科专科联盟" in messages(registry, net, self.RULE)[-1]

    def test_below_the_province_absence_proves_nothing(self, county_registry: Registry) -> None:
        local = Network((inst("h"),), (cons("x", ALLIANCE, "h", name="江苏省卒中救治联盟"),))
        got = results(county_registry, local, self.RULE, jurisdiction="320924")
        assert got == {("x",): "fail"}  # wrong lead, but no claim that the other 18 are missing
        empty = results(county_registry, NOTHING, self.RULE, jurisdiction="320924")
        assert empty == {("320924",): "not_assessable"}


# -- filing --------------------------------------------------------------------------------
class TestFiling:
    RULE = "jiangsu.filing"

    def status(
        self, registry: Registry, formed: dt.date | None, filed: Recorded, as_of: dt.date = AS_OF
    ) -> str:
        net = Network(COUNTY, (cons("c", CCM, "hosp", formed=formed, filing=Filing(filed)),))
        return results(registry, net, self.RULE, as_of)[("c",)]

    def test_filed_on_the_fifth_working_day_across_spring_festival(self, registry: Registry) -> None:
        assert self.status(registry, dt.date(2019, 1, 31), dt.date(2019, 2, 12)) == "pass"

    def test_filed_a_day_after_the_deadline_fails(self, registry: Registry) -> None:
        assert self.status(registry, dt.date(2019, 1, 31), dt.date(2019, 2, 13)) == "fail"

    def test_across_national_day_with_its_make_up_day(self, registry: Registry) -> None:
        assert self.status(registry, dt.date(2019, 10, 8), dt.date(2019, 10, 14)) == "pass"
        assert self.status(registry, dt.date(2019, 9, 27), dt.date(2019, 10, 11)) == "fail"

    def test_a_filing_recorded_as_not_made_fails_with_its_due_date(self, registry: Registry) -> None:
        net = Network(COUNTY, (cons("c", CCM, "hosp", formed=dt.date(2019, 5, 6), filing=Filing(False)),))
        assert results(registry, net, self.RULE) == {("c",): "fail"}
        assert messages(registry, net, self.RULE) == ["no filing after formation, due 2019-05-13"]

    def test_a_filing_not_recorded_is_not_assessable(self, registry: Registry) -> None:
        # Missing data is never a pass, nor a failure: the file may simply not record it.
        net = Network(COUNTY, (cons("c", CCM, "hosp", formed=dt.date(2019, 5, 6)),))
        assert results(registry, net, self.RULE) == {("c",): "not_assessable"}
        assert messages(registry, net, self.RULE) == ["filing after formation not recorded (due 2019-05-13)"]

    def test_filed_on_a_date_not_recorded_is_not_assessable(self, registry: Registry) -> None:
        assert self.status(registry, dt.date(2019, 5, 6), True) == "not_assessable"

    def test_a_filing_dated_after_the_as_of_date_is_not_a_filing_yet(self, registry: Registry) -> None:
        # Filed on time (2019-05-10), but the network is asked about 2019-05-08: not filed
        # yet, and not yet due.
        assert self.status(registry, dt.date(2019, 5, 6), dt.date(2019, 5, 10), dt.date(2019, 5, 8)) == "pass"
        # Filed late (2019-06-01), asked about 2019-05-20: not filed by then, and overdue.
        assert self.status(registry, dt.date(2019, 5, 6), dt.date(2019, 6, 1), dt.date(2019, 5, 20)) == "fail"
        assert messages(
            registry,
            Network(
                COUNTY,
                (cons("c", CCM, "hosp", formed=dt.date(2019, 5, 6), filing=Filing(dt.date(2019, 6, 1))),),
            ),
            self.RULE,
            dt.date(2019, 5, 20),
        ) == ["no filing after formation, due 2019-05-13"]

    def test_not_yet_due_is_not_a_failure(self, registry: Registry) -> None:
        assert self.status(registry, dt.date(2019, 5, 6), None, as_of=dt.date(2019, 5, 10)) == "pass"

    def test_a_consortium_formed_later_is_not_yet_concerned(self, registry: Registry) -> None:
        net = Network(COUNTY, (cons("c", CCM, "hosp", formed=dt.date(2021, 3, 1)),))
        assert results(registry, net, self.RULE, dt.date(2020, 12, 31)) == NOT_ASSESSABLE_HERE

    def test_an_unknown_formation_date_is_not_assessable(self, registry: Registry) -> None:
        assert self.status(registry, None, dt.date(2019, 2, 12)) == "not_assessable"

    def test_a_date_outside_the_calendar_is_not_assessable(self, registry: Registry) -> None:
        assert self.status(registry, dt.date(2003, 6, 2), dt.date(2003, 6, 3)) == "not_assessable"


class TestFilingCancellation:
    RULE = "jiangsu.filing_cancellation"

    def network(
        self, dissolved: dt.date | None, cancelled: Recorded, changes: tuple[Change, ...] = ()
    ) -> Network:
        return Network(
            COUNTY,
            (
                cons(
                    "c",
                    CCM,
                    "hosp",
                    formed=dt.date(2018, 1, 2),
                    dissolved=dissolved,
                    filing=Filing(dt.date(2018, 1, 3), cancelled),
                    changes=changes,
                ),
            ),
        )

    def test_cancelled_in_time_passes(self, registry: Registry) -> None:
        net = self.network(dt.date(2020, 9, 30), dt.date(2020, 10, 14))
        assert results(registry, net, self.RULE) == {("c",): "pass"}

    def test_cancelled_late_fails(self, registry: Registry) -> None:
        net = self.network(dt.date(2020, 9, 30), dt.date(2020, 10, 15))
        assert results(registry, net, self.RULE) == {("c",): "fail"}

    def test_recorded_as_never_cancelled_fails_with_its_due_date(self, registry: Registry) -> None:
        net = self.network(dt.date(2020, 7, 1), False)
        assert messages(registry, net, self.RULE) == [
            "no cancellation of the filing after termination, due 2020-07-08"
        ]

    def test_a_cancellation_not_recorded_is_not_assessable(self, registry: Registry) -> None:
        net = self.network(dt.date(2020, 7, 1), None)
        assert results(registry, net, self.RULE) == {("c",): "not_assessable"}

    def test_a_material_change_reported_late_fails(self, registry: Registry) -> None:
        late = (Change(dt.date(2019, 1, 31), "成员调整", filed=dt.date(2019, 2, 13)),)
        on_time = (Change(dt.date(2019, 1, 31), "成员调整", filed=dt.date(2019, 2, 12)),)
        assert results(registry, self.network(None, None, late), self.RULE) == {("c",): "fail"}
        assert results(registry, self.network(None, None, on_time), self.RULE) == {("c",): "pass"}

    def test_a_change_outside_the_calendar_is_not_assessable(self, registry: Registry) -> None:
        old = (Change(dt.date(2003, 1, 6), "成员调整", filed=dt.date(2003, 1, 7)),)
        assert results(registry, self.network(None, None, old), self.RULE, dt.date(2020, 12, 31)) == {
            ("c",): "not_assessable"
        }

    def test_nothing_ended_or_changed_is_not_concerned(self, registry: Registry) -> None:
        assert results(registry, self.network(None, None), self.RULE) == NOT_ASSESSABLE_HERE
