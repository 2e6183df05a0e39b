"""The Tongzhou clause pass (issue 12): the community facts of 四（三）2, 4, 6, 7, 五（二） and
六（四）, every public primary care institution a member (四（一）), the 2024 coverage counted
over county medical communities only (二), critical patients to a capable institution
(四（一）, encouraged), 逐步实现统一管理 as a qualitative target: pass, fail or advisory, not
stated, the day before the document, strengths and exit code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import InstitutionType
from medconsortium import MemberRole
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Referral
from medconsortium import Registry
from medconsortium import Strength
from medconsortium import check_referral
from medconsortium.cli import main
from medconsortium_tongzhou import EXAMPLES_DIR
from medconsortium_tongzhou import facts as F
from medconsortium_tongzhou import tasks as T
from medconsortium_tongzhou.document import IN_FORCE
from medconsortium_tongzhou.referral_rules import FIVE_CENTRE_IDS
from medconsortium_tongzhou.testing import TONGZHOU
from medconsortium_tongzhou.testing import basic_network
from medconsortium_tongzhou.testing import community
from medconsortium_tongzhou.testing import findings
from medconsortium_tongzhou.testing import hospital
from medconsortium_tongzhou.testing import inst
from medconsortium_tongzhou.testing import results
from medconsortium_tongzhou.testing import statuses

DAY_BEFORE = IN_FORCE - dt.timedelta(days=1)

COMMUNITY_FACTS = [
    # rule, facts, status when one is false
    ("tongzhou.tiered_care_catalogue", (F.TIERED_CARE_CATALOGUE, F.REFERRAL_RULES), "fail"),
    ("tongzhou.remote_centre", (F.REMOTE_CENTRE,), "fail"),
    ("tongzhou.finance_model", (F.FINANCE_MODEL,), "fail"),
    ("tongzhou.unified_drug_list", (F.UNIFIED_DRUG_LIST,), "advisory"),
    ("tongzhou.incubation_centre", (F.INCUBATION_CENTRE,), "fail"),
    ("tongzhou.insurance_service_agreement", (F.INSURANCE_AGREEMENT,), "fail"),
    # the second pass (五（三）–（四）): structures the main tasks name
    ("tongzhou.expert_visit_system", (T.EXPERT_VISITS,), "fail"),
    ("tongzhou.health_record_sharing", (T.RECORD_SHARING,), "fail"),
    ("tongzhou.chief_pharmacist", (T.CHIEF_PHARMACIST,), "advisory"),
    ("tongzhou.infectious_disease_early_warning", (T.EARLY_WARNING,), "fail"),
    ("tongzhou.public_health_emergency_plan", (T.EMERGENCY_PLAN,), "fail"),
]


@pytest.mark.parametrize(("rule", "facts", "when_false"), COMMUNITY_FACTS)
def test_community_facts(registry: Registry, rule: str, facts: tuple[str, ...], when_false: str) -> None:
    all_true = dict.fromkeys(facts, True)
    assert statuses(findings(registry, basic_network(all_true), rule)) == {("cc",): "pass"}
    one_false = {**all_true, facts[-1]: False}
    assert statuses(findings(registry, basic_network(one_false), rule)) == {("cc",): when_false}
    assert statuses(findings(registry, basic_network({}), rule)) == {("cc",): "not_assessable"}
    # not in force the day before the document
    assert findings(registry, basic_network(one_false), rule, DAY_BEFORE) == []
    assert statuses(findings(registry, basic_network(one_false), rule, IN_FORCE)) == {("cc",): when_false}


def test_tcm_supply_centres_are_district_facts_to_explore(registry: Registry) -> None:
    rule = "tongzhou.tcm_supply_centres"
    all_true = dict.fromkeys(T.TCM_CENTRES, True)
    assert statuses(findings(registry, basic_network(all_true), rule)) == {(TONGZHOU,): "pass"}
    one_false = {**all_true, T.TCM_CENTRES[-1]: False}
    # 探索: a centre stated as absent is advisory, never a failure
    assert statuses(findings(registry, basic_network(one_false), rule)) == {(TONGZHOU,): "advisory"}
    assert statuses(findings(registry, basic_network({}), rule)) == {(TONGZHOU,): "not_assessable"}
    assert findings(registry, basic_network(one_false), rule, DAY_BEFORE) == []
    assert registry.rules[rule].item.strength is Strength.ENCOURAGED


def test_strengths_follow_the_words(registry: Registry) -> None:
    rules = {k: e.item for k, e in (*registry.rules.items(), *registry.referral_rules.items())}
    for rule, _facts, when_false in COMMUNITY_FACTS:
        expected = Strength.ENCOURAGED if when_false == "advisory" else Strength.MANDATORY
        assert rules[rule].strength is expected, rule
    assert rules["tongzhou.public_primary_care_members"].strength is Strength.MANDATORY
    assert rules["tongzhou.critical_to_capable"].strength is Strength.ENCOURAGED
    # the working groups quote a 设立…组 sentence, no longer the 逐步实现 goal
    assert rules["tongzhou.working_groups"].citation.clause == "四（三）2"
    assert "设立医疗服务组" in rules["tongzhou.working_groups"].citation.text


# -- 四（一） 全区公办基层医疗卫生机构为成员单位 -----------------------------------------------------
def test_every_public_primary_care_institution_is_a_member(registry: Registry) -> None:
    rule = "tongzhou.public_primary_care_members"
    outside = inst("c9")
    private = inst("p1", ownership=Ownership.PRIVATE)
    net = basic_network(extra=(outside, private))
    found = statuses(findings(registry, net, rule))
    assert found[("c9",)] == "fail"  # public, in no community
    assert ("p1",) not in found  # privately run: not asked
    assert found[("c1",)] == found[("c2",)] == found[("v1",)] == "pass"
    assert findings(registry, net, rule, DAY_BEFORE) == []


#: A city medical group led by h with c9: a consortium, not a county medical community.
CITY_GROUP = Consortium(
    "g",
    "城市医疗集团g",
    ConsortiumKind.CITY_MEDICAL_GROUP,
    TONGZHOU,
    (Membership("h", MemberRole.LEAD), Membership("c9")),
)


def test_a_member_of_another_kind_of_consortium_is_not_in_a_community(registry: Registry) -> None:
    group = CITY_GROUP
    net = Network((hospital(), inst("c9")), (group,))
    assert statuses(findings(registry, net, "tongzhou.public_primary_care_members")) == {("c9",): "fail"}


# -- 二 纳入县域医共体建设全覆盖 ---------------------------------------------------------------------
def test_2024_coverage_counts_county_communities_only(registry: Registry) -> None:
    group = CITY_GROUP
    in_group_only = Network((*basic_network().institutions, inst("c9")), (*basic_network().consortia, group))
    (result,) = results(registry, in_group_only, None, "tongzhou.2024.primary_care_coverage", 2024)
    assert result.status.value == "not_met"  # c9 is in a consortium, not in a county community
    (full,) = results(registry, basic_network(), None, "tongzhou.2024.primary_care_coverage", 2024)
    assert full.status.value == "met"
    (nothing,) = results(registry, Network((hospital(),)), None, "tongzhou.2024.primary_care_coverage", 2024)
    assert nothing.status.value == "not_assessable"


def test_unified_management_is_qualitative(registry: Registry) -> None:
    target = registry.targets["tongzhou.unified_management"].item
    assert target.indicator is None and target.value is None and target.citation.clause == "四（三）"


# -- 四（一） 疑难危重患者优先转至区域内有救治能力的医疗机构 ------------------------------------------------
def network() -> Network:
    return Network(
        (
            hospital("h", capabilities=FIVE_CENTRE_IDS),
            hospital("t", InstitutionType.COUNTY_TCM_HOSPITAL, capabilities={"stroke_centre"}),
            hospital("n", InstitutionType.COUNTY_TCM_HOSPITAL),
            hospital("x", InstitutionType.GENERAL_HOSPITAL, division="320602", capabilities=FIVE_CENTRE_IDS),
            inst("c1"),
            inst("c2"),
        ),
        (community("a", "h", ["c1"]), community("b", "t", ["c2"])),
    )


def critical_status(
    registry: Registry, frm: str, to: str, day: dt.date = dt.date(2025, 5, 6), **kw: object
) -> str | None:
    ref = Referral("r1", "p-3f9a", frm, to, dt.datetime.combine(day, dt.time(9, 30)), **kw)  # type: ignore[arg-type]
    found = [
        f
        for f in check_referral(ref, network(), registry, registry.jurisdiction(TONGZHOU))
        if f.rule == "tongzhou.critical_to_capable"
    ]
    assert len(found) <= 1
    return found[0].status.value if found else None


def test_critical_patients_to_a_capable_institution(registry: Registry) -> None:
    # to the other community's lead, which has the five centres: passes (across communities)
    assert critical_status(registry, "c2", "h", critical=True) == "pass"
    # without them, or outside the district: advisory, never a failure
    assert critical_status(registry, "c1", "t", critical=True) == "advisory"
    assert critical_status(registry, "c1", "x", critical=True) == "advisory"
    # capabilities not recorded: not assessable
    assert critical_status(registry, "c1", "n", critical=True) == "not_assessable"
    # not critical, the patient's choice, or before the document: nothing to say
    assert critical_status(registry, "c1", "t") is None
    assert critical_status(registry, "c1", "t", critical=True, patient_choice=True) is None
    assert critical_status(registry, "c1", "t", DAY_BEFORE, critical=True) is None


def test_exit_codes_on_the_example(tmp_path: Path) -> None:
    """The example's 区人民医院医共体 states every new fact: denying the unified drug list
    (encouraged) leaves the findings advisory, denying the remote centre fails (exit 1)."""
    text = (EXAMPLES_DIR / "tongzhou-network.yaml").read_text(encoding="utf-8")

    def report(changed: str) -> dict[str, set[str]]:
        path = tmp_path / "n.yaml"
        path.write_text(changed, encoding="utf-8")
        args = ["validate", str(path), "-j", "tongzhou", "--as-of", "2025-12-31", "--format", "json"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 1), result.output
        out: dict[str, set[str]] = {}
        for f in json.loads(result.output)["findings"]:
            out.setdefault(f["rule"], set()).add(f["status"])
        return out

    drug = report(text.replace("tongzhou_unified_drug_list: true", "tongzhou_unified_drug_list: false"))
    assert (
        "advisory" in drug["tongzhou.unified_drug_list"] and "fail" not in drug["tongzhou.unified_drug_list"]
    )
    remote = report(text.replace("tongzhou_lead_remote_centre: true", "tongzhou_lead_remote_centre: false"))
    assert "fail" in remote["tongzhou.remote_centre"]
    # the explorations (探索) denied: advisory, never a failure
    for rule, fact in (
        ("tongzhou.chief_pharmacist", T.CHIEF_PHARMACIST),
        ("tongzhou.tcm_supply_centres", T.TCM_CENTRES[0]),
    ):
        assert "pass" in report(text)[rule], rule
        explored = report(text.replace(f"{fact}: true", f"{fact}: false"))[rule]
        assert "advisory" in explored and "fail" not in explored, rule
    for rule, fact in (
        ("tongzhou.expert_visit_system", T.EXPERT_VISITS),
        ("tongzhou.health_record_sharing", T.RECORD_SHARING),
        ("tongzhou.infectious_disease_early_warning", T.EARLY_WARNING),
        ("tongzhou.public_health_emergency_plan", T.EMERGENCY_PLAN),
    ):
        assert "pass" in report(text)[rule], rule
        assert "fail" in report(text.replace(f"{fact}: true", f"{fact}: false"))[rule], rule


#: A district of three: 区人民医院 with the five centres, 区中医院 with one of them, a township centre.
CRITICAL_NETWORK = """\
institutions:
  - {id: h, name: 区人民医院, level: tertiary, type: county_hospital, ownership: government,
     division: "320612", capabilities: [chest_pain_centre, stroke_centre, trauma_centre,
     critical_maternal_centre, critical_neonatal_centre]}
  - {id: t, name: 区中医院, level: tertiary, type: county_tcm_hospital, ownership: government,
     division: "320612", capabilities: [stroke_centre]}
  - {id: c1, name: 石港镇卫生院, level: unrated, type: township_health_centre, ownership: government,
     division: "320612"}
consortia:
  - {id: a, name: 区人民医院医共体, kind: county_medical_community, division: "320612",
     members: [{institution: h, role: lead}, {institution: c1}]}
"""


def _referral_check(tmp_path: Path, to: str, flags: str) -> tuple[int, dict[str, str]]:
    (tmp_path / "n.yaml").write_text(CRITICAL_NETWORK, encoding="utf-8")
    line = (
        f'{{"id": "r-1", "patient": "pk-7f3a9c", "from_institution": "c1", "to_institution": "{to}", '
        f'"time": "2025-05-06T09:30", "accepted_at": "2025-05-06T10:00", {flags}}}\n'
    )
    (tmp_path / "r.jsonl").write_text(line, encoding="utf-8")
    args = ["referral", "check", str(tmp_path / "r.jsonl"), "-n", str(tmp_path / "n.yaml")]
    result = CliRunner().invoke(main, [*args, "-j", "tongzhou", "--format", "json"])
    # per rule, its statuses counted (passes are counted, not listed one by one)
    found = {r["rule"]: r["status"] for r in json.loads(result.output)["rules"] if r["count"]}
    return result.exit_code, found


def test_exit_codes_of_the_encouraged_critical_referral(tmp_path: Path) -> None:
    """疑难危重患者优先转至… is encouraged: a critical patient sent to a hospital without the
    five centres is advisory and the check exits 0; sent to 区人民医院 it passes, exit 0."""
    code, found = _referral_check(tmp_path, "t", '"phase": "critical"')
    assert found.get("tongzhou.critical_to_capable") == "advisory" and code == 0
    code, found = _referral_check(tmp_path, "h", '"phase": "critical"')
    assert found.get("tongzhou.critical_to_capable") == "pass" and code == 0
    # the same referral flagged critical also meets the mandatory five-centre routing, which fails: 1
    code, found = _referral_check(tmp_path, "t", '"critical": true')
    assert found.get("tongzhou.critical_to_capable") == "advisory"
    assert found.get("tongzhou.critical_routing") == "fail" and code == 1
