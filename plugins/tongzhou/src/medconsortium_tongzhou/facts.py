"""Governance facts and departments that Tongzhou's rules read from network files.

Facts the core already declares are reused where the meaning is the same:
``dedicated_office`` (the community's office, 四（三）1), ``imaging_centre``,
``laboratory_centre`` and ``disinfection_supply_centre`` (three of the five
resource-sharing centres, 五（三）), and the departments ``medical``, ``public_health``,
``information``, ``human_resources``, ``finance``, ``medical_insurance`` and ``logistics``
(the working groups of 四（三）).
"""

from __future__ import annotations

from medconsortium import Fact
from medconsortium import FactKind
from medconsortium import Label

#: The "seven unchanged" of 四（三）, in the order of the text.
SEVEN_UNCHANGED = (
    ("tongzhou_unchanged_sponsor", "举办主体", "sponsor"),
    ("tongzhou_unchanged_legal_status", "法人地位", "legal status"),
    ("tongzhou_unchanged_functions", "机构职能", "functions"),
    ("tongzhou_unchanged_property", "产权关系", "property relations"),
    ("tongzhou_unchanged_staff_status", "人员身份", "staff status"),
    ("tongzhou_unchanged_funding_policy", "投入政策", "funding policy"),
    ("tongzhou_unchanged_legal_liability", "法律责任", "legal liability"),
)

#: Facts about the district, not one community: see rules.district_facts_rule.
DISTRICT_OFFICE = "tongzhou_district_community_office"
MANAGEMENT_CENTRES = "tongzhou_ten_management_centres"
CENTRAL_PHARMACY = "tongzhou_county_central_pharmacy"
REFERRAL_DEDUCTIBLE = "tongzhou_referral_deductible_as_regulated"
DIFFERENTIATED_PAYMENT = "tongzhou_level_differentiated_payment"

#: Facts of each community (its lead), 四（三）2–7, 五（二）, 六（四）.
TIERED_CARE_CATALOGUE = "tongzhou_tiered_care_catalogue"
REFERRAL_RULES = "tongzhou_referral_management_rules"
REMOTE_CENTRE = "tongzhou_lead_remote_centre"
FINANCE_MODEL = "tongzhou_finance_model"
UNIFIED_DRUG_LIST = "tongzhou_unified_drug_list"
INCUBATION_CENTRE = "tongzhou_featured_department_incubation_centre"
INSURANCE_AGREEMENT = "tongzhou_insurance_service_agreement"

#: 五（三）: the five resource-sharing centres at 区人民医院 (three are core facts).
RESOURCE_SHARING_CENTRES = (
    "laboratory_centre",
    "imaging_centre",
    "tongzhou_ecg_centre",
    "tongzhou_pathology_centre",
    "disinfection_supply_centre",
)
#: 五（三）: the five clinical service centres at 区人民医院.
CLINICAL_SERVICE_CENTRES = (
    "tongzhou_oncology_centre",
    "tongzhou_chronic_disease_centre",
    "tongzhou_minimally_invasive_centre",
    "tongzhou_anaesthesia_pain_centre",
    "tongzhou_intensive_care_centre",
)

GENERAL_PRACTICE = "tongzhou_lead_general_practice_department"

#: The department for 药械管理组; the other working groups map to core departments.
DRUGS_AND_DEVICES = "tongzhou_drugs_and_devices"

FACTS = (
    *(
        Fact(fid, Label(f"{zh}不变", f"{en} unchanged"), description=Label("七个不变", "the seven unchanged"))
        for fid, zh, en in SEVEN_UNCHANGED
    ),
    Fact(DISTRICT_OFFICE, Label("区县域医共体办公室", "the district's county-community office")),
    Fact(MANAGEMENT_CENTRES, Label("县域医共体办公室“十大管理中心”", "the office's ten management centres")),
    Fact(CENTRAL_PHARMACY, Label("县域中心药房", "county central pharmacy")),
    Fact(
        REFERRAL_DEDUCTIBLE,
        Label(
            "符合规定的转诊住院患者按规定计算起付线",
            "deductible of compliant referral admissions computed as the rules say",
        ),
    ),
    Fact(TIERED_CARE_CATALOGUE, Label("分级诊疗目录", "tiered-care catalogue")),
    Fact(REFERRAL_RULES, Label("转诊管理办法", "referral management rules")),
    Fact(REMOTE_CENTRE, Label("牵头医院远程中心", "remote centre at the lead hospital")),
    Fact(
        FINANCE_MODEL,
        Label(
            "“统一领导、独立核算、集中管理”财务模式",
            "finance: unified lead, separate accounts, central management",
        ),
    ),
    Fact(
        UNIFIED_DRUG_LIST,
        Label(
            "卫生院、社区卫生服务中心与牵头医院用药目录相统一", "drug list shared by the members and the lead"
        ),
    ),
    Fact(
        INCUBATION_CENTRE,
        Label(
            "牵头医院基层特色科室“孵化中心”",
            "incubation centre for primary care featured departments at the lead",
        ),
    ),
    Fact(
        INSURANCE_AGREEMENT,
        Label(
            "牵头医院与医保经办机构签订医保定点服务协议",
            "the lead's designated-provider agreement with the insurance agency",
        ),
    ),
    Fact(
        DIFFERENTIATED_PAYMENT,
        Label("对不同层级医疗机构实行差别化支付政策", "level-differentiated insurance payment"),
    ),
    Fact("tongzhou_ecg_centre", Label("心电诊断中心", "ECG diagnosis centre")),
    Fact("tongzhou_pathology_centre", Label("病理诊断中心", "pathology diagnosis centre")),
    Fact("tongzhou_oncology_centre", Label("县域肿瘤防治中心", "cancer prevention and treatment centre")),
    Fact("tongzhou_chronic_disease_centre", Label("慢病管理中心", "chronic disease management centre")),
    Fact(
        "tongzhou_minimally_invasive_centre", Label("微创介入中心", "minimally invasive intervention centre")
    ),
    Fact("tongzhou_anaesthesia_pain_centre", Label("麻醉疼痛诊疗中心", "anaesthesia and pain centre")),
    Fact("tongzhou_intensive_care_centre", Label("重症监护中心", "intensive care centre")),
    Fact(
        GENERAL_PRACTICE,
        Label("牵头医院设立全科医学科", "the lead hospital has a general practice department"),
    ),
    Fact(DRUGS_AND_DEVICES, Label("药械管理", "drugs and devices"), FactKind.DEPARTMENT),
)
