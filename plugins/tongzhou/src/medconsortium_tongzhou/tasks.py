"""五（三）–（四）: the structures the main tasks name that a network can state of each county
medical community: the lead's system for its experts' regular visits, the shared health
records, the infectious-disease early-warning mechanism and the emergency plan; and the
two explorations of 五（三） (the TCM supply centres of the district, a chief pharmacist in
each community), advisory: 探索 is never a failure.

Each is one governance fact of the community (its lead). What the structures are used
for — the teaching rounds and consultations, the records written, the outbreaks reported
and handled — is activity the network, statistics and referrals do not record. The
sentences carry no 应/要 but state what the community does (设立, 实行, 建立) as the
plugin's other community facts do (the incubation centre, the finance model): mandatory.
"""

from __future__ import annotations

from medconsortium import ConsortiumKind
from medconsortium import Fact
from medconsortium import Label
from medconsortium import Rule
from medconsortium import Strength
from medconsortium.policy.helpers import facts_rule

from .document import cite
from .rules import district_facts_rule

COUNTY = (ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,)

EXPERT_VISITS = "tongzhou_expert_visit_system"
RECORD_SHARING = "tongzhou_health_record_sharing"
TCM_CENTRES = (
    "tongzhou_tcm_decoction_supply_centre",
    "tongzhou_tcm_preparation_centre",
    "tongzhou_shared_tcm_pharmacy",
)
CHIEF_PHARMACIST = "tongzhou_chief_pharmacist_system"
EARLY_WARNING = "tongzhou_infectious_disease_early_warning"
EMERGENCY_PLAN = "tongzhou_public_health_emergency_plan"

FACTS = (
    Fact(
        EXPERT_VISITS,
        Label(
            "牵头医院专家定期深入基层的长期性工作制度和考核机制",
            "the lead's standing system and assessment for its experts' regular visits to members",
        ),
    ),
    Fact(
        RECORD_SHARING,
        Label(
            "县域医共体内信息直联互通，居民电子健康档案及电子病历连续记录和共享",
            "information linked across the community; health records and medical records kept and shared",
        ),
    ),
    Fact(TCM_CENTRES[0], Label("中医中药饮片供应中心", "TCM decoction-piece supply centre")),
    Fact(TCM_CENTRES[1], Label("中药制剂中心", "TCM preparation centre")),
    Fact(TCM_CENTRES[2], Label("共享中药房", "shared TCM pharmacy")),
    Fact(CHIEF_PHARMACIST, Label("县域医共体总药师制度", "a chief-pharmacist system in the community")),
    Fact(
        EARLY_WARNING,
        Label("县域医共体传染病监测预警机制", "infectious-disease surveillance and early warning"),
    ),
    Fact(
        EMERGENCY_PLAN,
        Label("突发公共卫生事件医疗应急处置预案", "a medical response plan for public health emergencies"),
    ),
)

RULES = (
    Rule(
        "tongzhou.expert_visit_system",
        Label(
            "牵头医院专家定期深入基层，建立长期性的工作制度和考核机制",
            "the lead's experts visit the members regularly, under a standing system with assessment",
        ),
        Strength.MANDATORY,
        cite("五（三）", "建立长期性的工作制度和考核机制"),
        facts_rule((EXPERT_VISITS,), COUNTY),
        description=Label(
            "制度和考核机制记为一项事实；专家下基层的次数未记录，文件也未给出（“定期”）",
            "the system is one fact; the visits are not recorded and the text gives no number (定期)",
        ),
    ),
    Rule(
        "tongzhou.health_record_sharing",
        Label(
            "县域医共体内信息直联互通、电子健康档案及电子病历连续记录和共享",
            "health records and medical records kept continuously and shared in the community",
        ),
        Strength.MANDATORY,
        cite("五（三）", "实行县域医共体内信息直联互通、居民电子健康档案及电子病历的连续记录和共享"),
        facts_rule((RECORD_SHARING,), COUNTY),
    ),
    Rule(
        "tongzhou.tcm_supply_centres",
        Label(
            "探索建立中医中药饮片供应中心、中药制剂中心和共享中药房",
            "TCM supply, preparation and shared pharmacy centres, to explore",
        ),
        # 探索: advisory, never a failure (as national.unified_drug_platform).
        Strength.ENCOURAGED,
        cite("五（三）", "探索建立中医中药饮片供应中心、中药制剂中心和共享中药房。"),
        district_facts_rule(TCM_CENTRES),
        description=Label(
            "区级设施：任一医共体记录即可，如县域中心药房",
            "district facilities: stated on any community, as the county central pharmacy",
        ),
    ),
    Rule(
        "tongzhou.chief_pharmacist",
        Label("探索建立总药师制度", "a chief-pharmacist system, to explore"),
        Strength.ENCOURAGED,
        cite("五（三）", "探索建立总药师制度"),
        facts_rule((CHIEF_PHARMACIST,), COUNTY),
    ),
    Rule(
        "tongzhou.infectious_disease_early_warning",
        Label("健全县域医共体传染病监测预警机制", "an infectious-disease early-warning mechanism"),
        Strength.MANDATORY,
        cite("五（四）", "健全县域医共体传染病监测预警机制"),
        facts_rule((EARLY_WARNING,), COUNTY),
        description=Label(
            "机制记为一项事实；疫情报告和监测任务的落实未记录",
            "the mechanism is one fact; the reports and surveillance tasks themselves are not recorded",
        ),
    ),
    Rule(
        "tongzhou.public_health_emergency_plan",
        Label("突发公共卫生事件医疗应急处置预案", "a medical response plan for public health emergencies"),
        Strength.MANDATORY,
        cite("五（四）", "完善突发公共卫生事件医疗应急处置预案"),
        facts_rule((EMERGENCY_PLAN,), COUNTY),
        description=Label(
            "预案记为一项事实；物资储备和应急小分队未记录",
            "the plan is one fact; the reserves and the emergency teams are not recorded",
        ),
    ),
)
