"""Governance rules of 临政办发〔2017〕60号: pass, fail and missing data for each."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Filing
from medconsortium import Finding
from medconsortium import FindingStatus
from medconsortium import Governance
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Jurisdiction
from medconsortium import Link
from medconsortium import MemberRole
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import Secondment
from medconsortium import Title
from medconsortium import run_rules

AS_OF = dt.date(2018, 12, 31)
T = InstitutionType
L = InstitutionLevel
K = ConsortiumKind


def inst(
    id: str,
    type: InstitutionType,
    level: InstitutionLevel,
    division: str,
    name: str | None = None,
    ownership: Ownership = Ownership.GOVERNMENT,
) -> Institution:
    return Institution(id, name or f"示例{id}", level, type, ownership, division)


def cons(
    id: str,
    kind: ConsortiumKind,
    division: str,
    lead: str,
    *members: str,
    facts: dict[str, bool] | None = None,
    formed: dt.date | None = dt.date(2017, 12, 1),
    filing: Filing | None = None,
    links: tuple[Link, ...] = (),
) -> Consortium:
    return Consortium(
        id,
        f"示例医联体{id}",
        kind,
        division,
        (Membership(lead, MemberRole.LEAD), *(Membership(m) for m in members)),
        formed=formed,
        governance=Governance(dict(facts or {})),
        filing=filing or Filing(),
        links=links,
    )


def findings(
    registry: Registry, linyi: Jurisdiction, network: Network, rule: str, as_of: dt.date = AS_OF
) -> list[Finding]:
    return [f for f in run_rules(network, registry, linyi, as_of) if f.rule == rule]


def status_of(found: list[Finding], subject: str) -> FindingStatus:
    matching = [f.status for f in found if subject in f.subjects]
    assert len(matching) == 1, found
    return matching[0]


# A county medical community in 莒南县 that satisfies every composition rule.
H3 = inst("h3", T.GENERAL_HOSPITAL, L.TERTIARY, "371302", "城区三级综合医院")
H2 = inst("h2", T.GENERAL_HOSPITAL, L.SECONDARY, "371302")
CHC = inst("chc", T.COMMUNITY_HEALTH_CENTRE, L.UNRATED, "371302")
THC = inst("thc", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED, "371327")


# -- linyi.urban_lead ---------------------------------------------------------------------------
def test_urban_lead_passes_for_a_tertiary_general_hospital(registry: Registry, linyi: Jurisdiction) -> None:
    net = Network((H3, H2, CHC), (cons("c", K.CITY_MEDICAL_GROUP, "371302", "h3", "h2", "chc"),))
    assert status_of(findings(registry, linyi, net, "linyi.urban_lead"), "c") is FindingStatus.PASS


def test_urban_lead_reads_the_lead_on_the_day(registry: Registry, linyi: Jurisdiction) -> None:
    # h2 led until 2018; h3 leads from then on: on AS_OF the one lead is h3.
    members = (
        Membership("h2", MemberRole.LEAD, left=dt.date(2018, 1, 1)),
        Membership("h3", MemberRole.LEAD, joined=dt.date(2018, 1, 1)),
        Membership("chc"),
    )
    base = cons("c", K.CITY_MEDICAL_GROUP, "371302", "h3", "chc")
    net = Network((H3, H2, CHC), (attrs.evolve(base, members=members),))
    assert status_of(findings(registry, linyi, net, "linyi.urban_lead"), "c") is FindingStatus.PASS


def test_urban_lead_fails_for_a_tertiary_tcm_hospital(registry: Registry, linyi: Jurisdiction) -> None:
    tcm = inst("tcm", T.TCM_HOSPITAL, L.TERTIARY, "371311")
    net = Network((tcm, H2, CHC), (cons("c", K.CITY_MEDICAL_GROUP, "371311", "tcm", "h2", "chc"),))
    found = findings(registry, linyi, net, "linyi.urban_lead")
    assert status_of(found, "c") is FindingStatus.FAIL
    assert found[0].measured == "tertiary/tcm_hospital"


def test_urban_lead_ignores_county_consortia_and_says_so(registry: Registry, linyi: Jurisdiction) -> None:
    county = inst("ch", T.COUNTY_HOSPITAL, L.SECONDARY, "371327")
    net = Network((county, THC), (cons("c", K.COUNTY_MEDICAL_COMMUNITY, "371327", "ch", "thc"),))
    found = findings(registry, linyi, net, "linyi.urban_lead")
    assert [(f.status, f.subjects) for f in found] == [(FindingStatus.NOT_ASSESSABLE, ("371300",))]


# -- linyi.county_consortium_count --------------------------------------------------------------
def test_county_count(registry: Registry, linyi: Jurisdiction) -> None:
    # 莒南县: one community. 兰陵县: an institution but no consortium. 郯城县: its county
    # hospital belongs to the urban consortium, which counts. 平邑县: three consortia.
    py = [inst(f"py{i}", T.COUNTY_HOSPITAL, L.SECONDARY, "371326") for i in range(3)]
    py_thc = [inst(f"pythc{i}", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED, "371326") for i in range(3)]
    net = Network(
        (
            H3,
            inst("jn", T.COUNTY_HOSPITAL, L.SECONDARY, "371327"),
            THC,
            inst("ll-thc", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED, "371324"),
            inst("tc", T.COUNTY_HOSPITAL, L.SECONDARY, "371322"),
            *py,
            *py_thc,
        ),
        (
            cons("jn-ccm", K.COUNTY_MEDICAL_COMMUNITY, "371327", "jn", "thc"),
            cons("urban", K.CITY_MEDICAL_GROUP, "371302", "h3", "tc"),
            *(
                cons(f"py-ccm{i}", K.COUNTY_MEDICAL_COMMUNITY, "371326", f"py{i}", f"pythc{i}")
                for i in range(3)
            ),
        ),
    )
    found = findings(registry, linyi, net, "linyi.county_consortium_count")
    assert status_of(found, "371327") is FindingStatus.PASS
    assert status_of(found, "371322") is FindingStatus.PASS
    assert status_of(found, "371324") is FindingStatus.FAIL
    assert status_of(found, "371326") is FindingStatus.FAIL
    assert next(f for f in found if f.subjects == ("371326",)).measured == "3"
    # Nothing in 蒙阴县: not assessable, never a pass.
    assert status_of(found, "371328") is FindingStatus.NOT_ASSESSABLE


def test_county_count_ignores_specialty_alliances(registry: Registry, linyi: Jurisdiction) -> None:
    onc = inst("onc", T.SPECIALTY_HOSPITAL, L.TERTIARY, "371302")
    jn = inst("jn", T.COUNTY_HOSPITAL, L.SECONDARY, "371327")
    net = Network((onc, jn), (cons("onc-a", K.SPECIALTY_ALLIANCE, "371300", "onc", "jn"),))
    assert (
        status_of(findings(registry, linyi, net, "linyi.county_consortium_count"), "371327")
        is FindingStatus.FAIL
    )


# -- linyi.tertiary_lead_members ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("members", "status"),
    [
        (("h2", "chc"), FindingStatus.PASS),
        (("chc",), FindingStatus.FAIL),
        (("h2",), FindingStatus.FAIL),
    ],
)
def test_tertiary_lead_members(
    registry: Registry, linyi: Jurisdiction, members: tuple[str, ...], status: FindingStatus
) -> None:
    net = Network((H3, H2, CHC), (cons("c", K.CITY_MEDICAL_GROUP, "371302", "h3", *members),))
    assert status_of(findings(registry, linyi, net, "linyi.tertiary_lead_members"), "c") is status


def test_tertiary_lead_members_does_not_judge_secondary_leads(
    registry: Registry, linyi: Jurisdiction
) -> None:
    net = Network((H2, CHC), (cons("c", K.CITY_MEDICAL_GROUP, "371302", "h2", "chc"),))
    found = findings(registry, linyi, net, "linyi.tertiary_lead_members")
    assert [f.status for f in found] == [FindingStatus.NOT_ASSESSABLE]
    assert found[0].subjects == ("371300",)


# -- linyi.prior_cooperation_filed ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("formed", "filing", "status"),
    [
        (dt.date(2016, 5, 1), Filing(filed=dt.date(2017, 12, 1)), FindingStatus.PASS),
        (
            dt.date(2016, 5, 1),
            Filing(filed=dt.date(2016, 6, 1), cancelled=dt.date(2018, 3, 1)),
            FindingStatus.FAIL,
        ),
        (dt.date(2016, 5, 1), Filing(), FindingStatus.NOT_ASSESSABLE),
        (None, Filing(filed=dt.date(2017, 12, 1)), FindingStatus.NOT_ASSESSABLE),
        # Recorded as not filed: a failure; filed on a date not recorded: on file.
        (dt.date(2016, 5, 1), Filing(filed=False), FindingStatus.FAIL),
        (dt.date(2016, 5, 1), Filing(filed=True), FindingStatus.PASS),
        # Filed only after the assessment date (2018-12-31 below): not on file yet.
        (dt.date(2016, 5, 1), Filing(filed=dt.date(2019, 3, 1)), FindingStatus.FAIL),
    ],
)
def test_prior_cooperation_filed(
    registry: Registry, linyi: Jurisdiction, formed: dt.date | None, filing: Filing, status: FindingStatus
) -> None:
    net = Network(
        (H3, H2, CHC),
        (cons("c", K.CITY_MEDICAL_GROUP, "371302", "h3", "h2", "chc", formed=formed, filing=filing),),
    )
    assert status_of(findings(registry, linyi, net, "linyi.prior_cooperation_filed"), "c") is status


def test_consortia_formed_after_the_plan_need_no_prior_filing(
    registry: Registry, linyi: Jurisdiction
) -> None:
    net = Network(
        (H3, H2, CHC),
        (cons("c", K.CITY_MEDICAL_GROUP, "371302", "h3", "h2", "chc", formed=dt.date(2017, 10, 26)),),
    )
    found = findings(registry, linyi, net, "linyi.prior_cooperation_filed")
    assert [(f.status, f.subjects) for f in found] == [(FindingStatus.NOT_ASSESSABLE, ("371300",))]


# -- facts: agreement, affiliation and funding, charter -------------------------------------------
@pytest.mark.parametrize(
    ("rule", "facts"),
    [
        ("linyi.cooperation_agreement", ("agreement",)),
        ("linyi.affiliation_unchanged", ("linyi_affiliation_unchanged", "linyi_funding_unchanged")),
        ("linyi.charter", ("charter",)),
    ],
)
def test_fact_rules(registry: Registry, linyi: Jurisdiction, rule: str, facts: tuple[str, ...]) -> None:
    all_true = dict.fromkeys(facts, True)
    one_false = {**all_true, facts[-1]: False}
    one_missing = {k: v for k, v in all_true.items() if k != facts[0]}
    consortia = (
        cons("ok", K.SPECIALTY_ALLIANCE, "371300", "h3", "h2", facts=all_true),
        cons("bad", K.CITY_MEDICAL_GROUP, "371302", "h2", "chc", facts=one_false),
        cons("unknown", K.COUNTY_MEDICAL_COMMUNITY, "371327", "thc", facts=one_missing),
    )
    net = Network((H3, H2, CHC, THC), consortia)
    found = findings(registry, linyi, net, rule)
    assert status_of(found, "ok") is FindingStatus.PASS
    assert status_of(found, "bad") is FindingStatus.FAIL
    assert status_of(found, "unknown") is FindingStatus.NOT_ASSESSABLE


# -- linyi.staff_secondment ---------------------------------------------------------------------------
def _secondment_network(secondments: tuple[Secondment, ...], facts: dict[str, bool] | None = None) -> Network:
    other_h2 = inst("h2b", T.GENERAL_HOSPITAL, L.SECONDARY, "371312")
    other_chc = inst("chcb", T.COMMUNITY_HEALTH_CENTRE, L.UNRATED, "371312")
    return Network(
        (H3, H2, CHC, other_h2, other_chc),
        (
            cons("c", K.CITY_MEDICAL_GROUP, "371302", "h3", "h2", "chc", facts=facts),
            cons("other", K.CITY_MEDICAL_GROUP, "371312", "h2b", "chcb"),
        ),
        secondments,
    )


def _sec(source: str, target: str, start: dt.date, end: dt.date | None = None) -> Secondment:
    return Secondment("staff-1", Title.INTERMEDIATE, source, target, start, end)


def test_secondment_in_the_year_passes(registry: Registry, linyi: Jurisdiction) -> None:
    net = _secondment_network((_sec("h2", "chc", dt.date(2018, 2, 1), dt.date(2018, 6, 30)),))
    assert status_of(findings(registry, linyi, net, "linyi.staff_secondment"), "c") is FindingStatus.PASS


def test_secondment_ended_before_the_year_does_not_count(registry: Registry, linyi: Jurisdiction) -> None:
    net = _secondment_network((_sec("h2", "chc", dt.date(2017, 2, 1), dt.date(2017, 6, 30)),))
    found = findings(registry, linyi, net, "linyi.staff_secondment")
    # The network records secondments, so a consortium without one fails.
    assert status_of(found, "c") is FindingStatus.FAIL
    assert status_of(found, "other") is FindingStatus.FAIL


def test_secondment_stated_as_a_fact(registry: Registry, linyi: Jurisdiction) -> None:
    found = findings(
        registry, linyi, _secondment_network((), {"linyi_staff_seconded": True}), "linyi.staff_secondment"
    )
    assert status_of(found, "c") is FindingStatus.PASS
    # No records and no statement: not assessable.
    assert status_of(found, "other") is FindingStatus.NOT_ASSESSABLE
    found = findings(
        registry, linyi, _secondment_network((), {"linyi_staff_seconded": False}), "linyi.staff_secondment"
    )
    assert status_of(found, "c") is FindingStatus.FAIL


# -- named leads ----------------------------------------------------------------------------------------
RMYY = inst("rmyy", T.GENERAL_HOSPITAL, L.TERTIARY, "371302", "临沂市人民医院")
COUNTY_HOSPITALS = (
    inst("tc", T.COUNTY_HOSPITAL, L.SECONDARY, "371322", "郯城县人民医院"),
    inst("ls", T.COUNTY_HOSPITAL, L.SECONDARY, "371329", "临沭县人民医院"),
    inst("fx", T.COUNTY_HOSPITAL, L.SECONDARY, "371325", "费县人民医院"),
)


def test_urban_consortium_includes_the_three_county_hospitals(
    registry: Registry, linyi: Jurisdiction
) -> None:
    ok = Network(
        (RMYY, *COUNTY_HOSPITALS), (cons("u", K.CITY_MEDICAL_GROUP, "371302", "rmyy", "tc", "ls", "fx"),)
    )
    assert status_of(findings(registry, linyi, ok, "linyi.named_leads_general"), "rmyy") is FindingStatus.PASS
    short = Network(
        (RMYY, *COUNTY_HOSPITALS), (cons("u", K.CITY_MEDICAL_GROUP, "371302", "rmyy", "tc", "ls"),)
    )
    found = findings(registry, linyi, short, "linyi.named_leads_general")
    assert status_of(found, "rmyy") is FindingStatus.FAIL
    assert "费县" in next(f for f in found if f.subjects == ("rmyy",)).message.zh


def test_named_lead_that_leads_nothing_fails(registry: Registry, linyi: Jurisdiction) -> None:
    jn = inst("jn", T.COUNTY_HOSPITAL, L.TERTIARY, "371327", "莒南县人民医院")
    other = inst("jn2", T.COUNTY_HOSPITAL, L.SECONDARY, "371327")
    net = Network((jn, other, THC), (cons("c", K.COUNTY_MEDICAL_COMMUNITY, "371327", "jn2", "jn", "thc"),))
    assert status_of(findings(registry, linyi, net, "linyi.named_leads_general"), "jn") is FindingStatus.FAIL


def test_county_lead_must_lead_its_own_county(registry: Registry, linyi: Jurisdiction) -> None:
    ll = inst("ll", T.COUNTY_HOSPITAL, L.TERTIARY, "371324", "兰陵县人民医院")
    thc = inst("llthc", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED, "371324")
    right = Network((ll, thc), (cons("c", K.COUNTY_MEDICAL_COMMUNITY, "371324", "ll", "llthc"),))
    wrong = Network((ll, thc), (cons("c", K.COUNTY_MEDICAL_COMMUNITY, "371325", "ll", "llthc"),))
    assert (
        status_of(findings(registry, linyi, right, "linyi.named_leads_general"), "ll") is FindingStatus.PASS
    )
    assert (
        status_of(findings(registry, linyi, wrong, "linyi.named_leads_general"), "ll") is FindingStatus.FAIL
    )


def test_central_hospital_covers_three_counties(registry: Registry, linyi: Jurisdiction) -> None:
    zx = inst("zx", T.GENERAL_HOSPITAL, L.TERTIARY, "371323", "临沂市中心医院")
    members = [inst(f"m{c}", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED, c) for c in ("371323", "371321", "371328")]
    full = Network(
        (zx, *members), (cons("c", K.URBAN_RURAL, "371323", "zx", "m371323", "m371321", "m371328"),)
    )
    part = Network((zx, *members), (cons("c", K.URBAN_RURAL, "371323", "zx", "m371323", "m371321"),))
    assert status_of(findings(registry, linyi, full, "linyi.named_leads_general"), "zx") is FindingStatus.PASS
    assert status_of(findings(registry, linyi, part, "linyi.named_leads_general"), "zx") is FindingStatus.FAIL


def test_named_lead_missing_from_the_network_is_not_assessable(
    registry: Registry, linyi: Jurisdiction
) -> None:
    net = Network((H3, H2, CHC), (cons("c", K.CITY_MEDICAL_GROUP, "371302", "h3", "h2", "chc"),))
    for rule in (
        "linyi.named_leads_general",
        "linyi.named_leads_tcm",
        "linyi.named_leads_maternal_child",
        "linyi.named_leads_specialty",
        "linyi.guidance_of_3b_hospitals",
    ):
        found = findings(registry, linyi, net, rule)
        assert found and all(f.status is FindingStatus.NOT_ASSESSABLE for f in found), rule
        assert all(f.subjects == ("371300",) for f in found)


def test_two_hospitals_with_the_named_name_are_not_assessable(
    registry: Registry, linyi: Jurisdiction
) -> None:
    twins = (RMYY, inst("rmyy2", T.GENERAL_HOSPITAL, L.TERTIARY, "371311", "临沂市人民医院"))
    net = Network(
        (*twins, *COUNTY_HOSPITALS), (cons("u", K.CITY_MEDICAL_GROUP, "371302", "rmyy", "tc", "ls", "fx"),)
    )
    found = findings(registry, linyi, net, "linyi.named_leads_general")
    assert any(f.status is FindingStatus.NOT_ASSESSABLE and "2家" in f.message.zh for f in found)


ZYY = inst("zyy", T.TCM_HOSPITAL, L.TERTIARY, "371302", "临沂市中医医院")
PYZY = inst("pyzy", T.COUNTY_TCM_HOSPITAL, L.SECONDARY, "371326", "平邑县中医院")
ONC = inst("onc", T.SPECIALTY_HOSPITAL, L.TERTIARY, "371302", "临沂市肿瘤医院")
MH = inst("mh", T.SPECIALTY_HOSPITAL, L.SECONDARY, "371302", "临沂市精神卫生中心")


@pytest.mark.parametrize(
    ("rule", "network", "passes", "fails"),
    [
        pytest.param(
            "linyi.named_leads_tcm",
            Network(
                (ZYY, PYZY, inst("pythc", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED, "371326")),
                (
                    cons("tcm", K.SPECIALTY_ALLIANCE, "371300", "zyy", "pyzy"),
                    cons("py-tcm", K.SPECIALTY_ALLIANCE, "371311", "pyzy", "pythc"),
                ),
            ),
            "zyy",
            # 平邑县中医院 leads a consortium, but not one of 平邑县.
            "pyzy",
            id="tcm",
        ),
        pytest.param(
            "linyi.named_leads_specialty",
            Network(
                (ONC, MH, H2, CHC),
                (
                    cons("onc-a", K.SPECIALTY_ALLIANCE, "371300", "onc", "h2"),
                    cons("mh-c", K.CITY_MEDICAL_GROUP, "371302", "mh", "chc"),
                ),
            ),
            "onc",
            # 临沂市精神卫生中心 leads a city medical group, not a specialty alliance.
            "mh",
            id="specialty alliances",
        ),
    ],
)
def test_named_leads_of_a_kind_lead_what_the_text_gives_them(
    registry: Registry, linyi: Jurisdiction, rule: str, network: Network, passes: str, fails: str
) -> None:
    found = findings(registry, linyi, network, rule)
    assert status_of(found, passes) is FindingStatus.PASS
    assert status_of(found, fails) is FindingStatus.FAIL


def test_maternal_child_lead_needs_maternal_child_members(registry: Registry, linyi: Jurisdiction) -> None:
    fety = inst("fety", T.MATERNAL_CHILD, L.TERTIARY, "371302", "临沂市妇女儿童医院")
    mch = inst("mch", T.MATERNAL_CHILD, L.SECONDARY, "371327")
    ok = Network((fety, mch, H2), (cons("m", K.SPECIALTY_ALLIANCE, "371300", "fety", "mch"),))
    bad = Network((fety, mch, H2), (cons("m", K.SPECIALTY_ALLIANCE, "371300", "fety", "h2"),))
    rule = "linyi.named_leads_maternal_child"
    assert status_of(findings(registry, linyi, ok, rule), "fety") is FindingStatus.PASS
    assert status_of(findings(registry, linyi, bad, rule), "fety") is FindingStatus.FAIL


def test_guidance_of_the_3b_hospitals(registry: Registry, linyi: Jurisdiction) -> None:
    guided = (
        inst("ll", T.COUNTY_HOSPITAL, L.TERTIARY, "371324", "兰陵县人民医院"),
        inst("py", T.COUNTY_HOSPITAL, L.TERTIARY, "371326", "平邑县人民医院"),
    )
    # A link of another relation to 平邑 is no guidance (pairs_with would link consortia).
    links = (Link("guides", "ll", True), Link("supports", "py"))
    net = Network(
        (RMYY, H2, *guided), (cons("u", K.CITY_MEDICAL_GROUP, "371302", "rmyy", "h2", links=links),)
    )
    found = findings(registry, linyi, net, "linyi.guidance_of_3b_hospitals")
    assert status_of(found, "ll") is FindingStatus.PASS
    assert status_of(found, "py") is FindingStatus.FAIL
    # 莒南县人民医院 is not in the network.
    assert any(f.status is FindingStatus.NOT_ASSESSABLE and "莒南县人民医院" in f.message.zh for f in found)


def test_a_guidance_link_ended_before_the_day_no_longer_counts(
    registry: Registry, linyi: Jurisdiction
) -> None:
    guided = (inst("ll", T.COUNTY_HOSPITAL, L.TERTIARY, "371324", "兰陵县人民医院"),)
    ended = (Link("guides", "ll", True, until=dt.date(2018, 1, 1)),)
    net = Network(
        (RMYY, H2, *guided), (cons("u", K.CITY_MEDICAL_GROUP, "371302", "rmyy", "h2", links=ended),)
    )
    # Assessed on AS_OF, after the link ended; on a day before, it still counts.
    assert (
        status_of(findings(registry, linyi, net, "linyi.guidance_of_3b_hospitals"), "ll")
        is FindingStatus.FAIL
    )
    before = findings(registry, linyi, net, "linyi.guidance_of_3b_hospitals", dt.date(2017, 12, 1))
    assert status_of(before, "ll") is FindingStatus.PASS
