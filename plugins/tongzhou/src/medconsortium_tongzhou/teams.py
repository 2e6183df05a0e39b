"""三（一）: the district's promotion mechanism; 五（五）: health-management teams at the
township health centres, with the lead hospital's staff in them.

The network records facts per community, not per township centre: a community states
``tongzhou_health_management_teams`` when each of its 镇卫生院（社区卫生服务中心） has a team
covering every village clinic, and ``tongzhou_lead_staff_in_teams`` when its lead has
staff in them. The promotion mechanism is the district's (stated on any community, as
the district's office is).
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

PROMOTION_MECHANISM = "tongzhou_district_promotion_mechanism"
HEALTH_TEAMS = "tongzhou_health_management_teams"
LEAD_STAFF_IN_TEAMS = "tongzhou_lead_staff_in_teams"

FACTS = (
    Fact(
        PROMOTION_MECHANISM,
        Label(
            "区政府主要领导任主任的县域医共体推进机制",
            "the district's promotion mechanism, chaired by the district head",
        ),
    ),
    Fact(
        HEALTH_TEAMS,
        Label(
            "镇卫生院（社区卫生服务中心）健康管理服务团队，包干联系村卫生室全覆盖",
            "health-management teams at every township (community) centre, covering every village clinic",
        ),
    ),
    Fact(
        LEAD_STAFF_IN_TEAMS,
        Label("牵头医院派员加入健康管理服务团队", "the lead hospital's staff in the health-management teams"),
    ),
)

RULES = (
    Rule(
        "tongzhou.promotion_mechanism",
        Label("建立县域医共体推进机制", "the district's promotion mechanism for county communities"),
        Strength.MANDATORY,
        cite(
            "三（一）",
            "建立由区政府主要领导任主任，区政府分管领导任副主任，区政府办公室、区委组织部、区委宣传部分管负责人和"
            "区委机构编制委员会办公室、区发展和改革委员会、区财政局、区人力资源和社会保障局、区卫生健康委员会、"
            "区市场监督管理局、区医疗保障局等相关部门主要负责人任成员的推进机制",
        ),
        district_facts_rule((PROMOTION_MECHANISM,)),
        description=Label(
            "推进机制的成员构成记为一项事实，不逐一核对部门",
            "the mechanism is one fact; its member departments are not checked one by one",
        ),
    ),
    Rule(
        "tongzhou.health_management_teams",
        Label(
            "镇卫生院设立健康管理服务团队，牵头医院派员加入",
            "health-management teams at township centres, with the lead's staff in them",
        ),
        Strength.MANDATORY,
        cite(
            "五（五）",
            "镇卫生院（社区卫生服务中心）设立健康管理服务团队，以村卫生室为单位做到团队服务包干联系全覆盖，"
            "开展巡回医疗、重点人群健康管理以及村卫生室服务等村级巡诊服务，县域医共体牵头医院要派员加入健康管理服务团队。",
        ),
        facts_rule((HEALTH_TEAMS, LEAD_STAFF_IN_TEAMS), (ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,)),
        description=Label(
            "巡回医疗、巡诊服务本身未记录", "the tours and village visits themselves are not recorded"
        ),
    ),
)
