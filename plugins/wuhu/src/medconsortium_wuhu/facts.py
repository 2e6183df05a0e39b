"""Governance facts the Wuhu rules read from network files (``governance.facts``)."""

from __future__ import annotations

from medconsortium import Fact
from medconsortium import Label

DISTRICT_AGREEMENT = "wuhu_district_agreement"
REFERRAL_MECHANISM = "wuhu_referral_mechanism"
FAMILY_DOCTOR_TEAMS = "wuhu_family_doctor_teams"
TELEMEDICINE_SERVICE = "wuhu_telemedicine_service"
HEALTH_COMMISSION_APPROVAL = "wuhu_health_commission_approval"
INTERNAL_MANAGEMENT = "wuhu_internal_management_system"
PARTNER_TELEMEDICINE = "wuhu_partner_telemedicine"
HEALTH_CARD = "wuhu_health_card_one_card"

#: The five unifications (五个统一) of the city's telemedicine platform, in the text's order.
UNIFIED_CALL_INTERFACE = "wuhu_unified_call_interface"
UNIFIED_FEES = "wuhu_unified_fees"
UNIFIED_SERVICE_NORMS = "wuhu_unified_service_norms"
UNIFIED_PROCEDURES = "wuhu_unified_procedures"
UNIFIED_DATA_MAINTENANCE = "wuhu_unified_data_maintenance"
FIVE_UNIFICATIONS = (
    UNIFIED_CALL_INTERFACE,
    UNIFIED_FEES,
    UNIFIED_SERVICE_NORMS,
    UNIFIED_PROCEDURES,
    UNIFIED_DATA_MAINTENANCE,
)

FACTS = (
    Fact(
        DISTRICT_AGREEMENT,
        Label(
            "区人民政府（经开区管委会）与牵头医院签订合作协议",
            "district government's agreement with the lead",
        ),
    ),
    Fact(REFERRAL_MECHANISM, Label("牵头建立双向转诊机制", "two-way referral mechanism set up by the lead")),
    Fact(FAMILY_DOCTOR_TEAMS, Label("“1+1+1”家庭医生服务团队", "'1+1+1' family-doctor teams")),
    Fact(
        TELEMEDICINE_SERVICE,
        Label("远程医疗服务覆盖本医联体", "the telemedicine platform serves this consortium"),
    ),
    Fact(
        HEALTH_COMMISSION_APPROVAL,
        Label("经市卫健委审查同意", "approved by the city health commission"),
    ),
    Fact(
        INTERNAL_MANAGEMENT,
        Label(
            "紧密型医共体内部运行管理体系", "the tight community's internal operating and management system"
        ),
    ),
    Fact(
        PARTNER_TELEMEDICINE,
        Label(
            "城市三级医院向合作县域医共体内各级各类医疗机构提供远程医疗服务",
            "the city tertiary hospital gives telemedicine to every institution of its partner communities",
        ),
    ),
    Fact(
        HEALTH_CARD,
        Label(
            "使用居民健康卡（电子健康卡）实现基层首诊、远程会诊、双向转诊“一卡通”",
            "one resident health card (electronic) for first contact, remote consultation and referral",
        ),
    ),
    Fact(UNIFIED_CALL_INTERFACE, Label("统一远程呼叫接口", "unified telemedicine call interface")),
    Fact(UNIFIED_FEES, Label("统一远程收费标准", "unified telemedicine fees")),
    Fact(UNIFIED_SERVICE_NORMS, Label("统一远程服务规范", "unified telemedicine service norms")),
    Fact(UNIFIED_PROCEDURES, Label("统一远程操作流程", "unified telemedicine procedures")),
    Fact(UNIFIED_DATA_MAINTENANCE, Label("统一远程数据维护", "unified telemedicine data maintenance")),
)
