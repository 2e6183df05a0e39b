"""The clause-by-clause pass of issue #12: each sentence the audit named as missing and
the pass has since encoded is ``encoded`` in its map, by the items that encode it, and
those items are in the registry with the strength the sentence's words give."""

from __future__ import annotations

import pytest

from medconsortium import Registry, Strength
from medconsortium.plugins.coverage import Coverage, source_document

#: (document, a fragment of the sentence, the items that now encode it, their strength)
ENCODED = [
    ("国卫医发〔2016〕75号", "鼓励将社会力量", ("national.private_participation",), Strength.ENCOURAGED),
    ("国卫医发〔2016〕75号", "派驻管理团队", ("national.urban_rural_secondment",), Strength.MANDATORY),
    ("国卫医发〔2016〕75号", "明确双向转诊服务流程", ("national.referral_procedure",), Strength.MANDATORY),
    (
        "国卫医发〔2016〕75号",
        "鼓励护理院、康复医院",
        ("national.continuing_care_participation",),
        Strength.ENCOURAGED,
    ),
    ("国卫医发〔2016〕75号", "向下转诊通道", ("national.downward_channel",), Strength.MANDATORY),
    ("国卫医发〔2016〕75号", "统一药品管理平台", ("national.unified_drug_platform",), Strength.ENCOURAGED),
    (
        "苏卫医政〔2019〕17号",
        "同时，发挥临床重点专科",
        ("jiangsu.regional_centre_cross_regional_leads",),
        Strength.MANDATORY,
    ),
    ("苏卫医政〔2019〕17号", "南通大学附属医院联系", ("jiangsu.regional_centre_links",), Strength.MANDATORY),
    (
        "苏卫医政〔2019〕17号",
        "对口帮扶设区市级医院",
        ("jiangsu.provincial_hospital_cross_regional_leads",),
        Strength.MANDATORY,
    ),
    ("苏卫医政〔2019〕17号", "应补办报批手续", ("jiangsu.existing_branch_approval",), Strength.MANDATORY),
    (
        "苏卫医政〔2019〕17号",
        "鼓励二、三级民营医院",
        ("jiangsu.private_hospitals_encouraged",),
        Strength.ENCOURAGED,
    ),
    (
        "苏卫医政〔2019〕17号",
        "检查检验互联互通机制",
        ("jiangsu.telemedicine_exam_recognition",),
        Strength.MANDATORY,
    ),
    ("苏卫医政〔2019〕17号", "设立财务管理中心", ("jiangsu.finance_centre",), Strength.ENCOURAGED),
    ("苏卫医政〔2019〕17号", "建立双向转诊绿色通道", ("jiangsu.green_channel",), Strength.MANDATORY),
    (
        "苏卫医政〔2019〕17号",
        "建立专科专病联盟内转诊流程",
        ("jiangsu.specialty_alliance_referral",),
        Strength.MANDATORY,
    ),
    (
        "苏卫医政〔2019〕17号",
        "参与设区市市域紧密型医联体建设",
        ("jiangsu.provincial_hospital_participation",),
        Strength.MANDATORY,
    ),
    (
        "苏卫医政〔2019〕17号",
        "也应参与组建城市医疗集团",
        ("jiangsu.regional_centres_in_city_groups",),
        Strength.MANDATORY,
    ),
    (
        "苏卫医政〔2019〕17号",
        "市级医疗中心还应牵头组建",
        ("jiangsu.city_centre_alliance_telemedicine",),
        Strength.MANDATORY,
    ),
    ("苏卫医政〔2019〕17号", "统一招聘", ("jiangsu.tight_consortium_staffing",), Strength.MANDATORY),
    (
        "临政办发〔2017〕60号",
        "五区内二级公立医院应主动",
        ("linyi.district_secondary_docking",),
        Strength.MANDATORY,
    ),
    ("临政办发〔2017〕60号", "民营医疗机构牵头或参加", ("linyi.private_participation",), Strength.ENCOURAGED),
    (
        "临政办发〔2017〕60号",
        "组建全市远程医疗会诊中心",
        ("linyi.remote_consultation_centre",),
        Strength.MANDATORY,
    ),
    ("临政办发〔2017〕60号", "上转接收", ("linyi.upward_reception",), Strength.MANDATORY),
    ("临政办发〔2017〕60号", "下转接收", ("linyi.downward_reception",), Strength.MANDATORY),
    ("临政办发〔2017〕60号", "双向转诊绿色通道", ("linyi.green_channel",), Strength.MANDATORY),
    (
        "临政办发〔2017〕60号",
        "鼓励护理院、专业康复机构",
        ("linyi.care_and_rehabilitation_members",),
        Strength.ENCOURAGED,
    ),
    (
        "芜医改组〔2019〕7号",
        "建立健全紧密型医共体内部运行管理体系",
        ("wuhu.county_community_internal_management",),
        Strength.MANDATORY,
    ),
    ("芜医改组〔2019〕7号", "向合作的县域医共体内", ("wuhu.urban_rural_telemedicine",), Strength.MANDATORY),
    ("芜医改组〔2019〕7号", "互认共享", ("wuhu.mutual_recognition",), Strength.ENCOURAGED),
    (
        "通政办发〔2024〕20号",
        "全区公办基层医疗卫生机构为成员单位",
        ("tongzhou.public_primary_care_members",),
        Strength.MANDATORY,
    ),
    ("通政办发〔2024〕20号", "疑难危重患者优先转至", ("tongzhou.critical_to_capable",), Strength.ENCOURAGED),
    ("通政办发〔2024〕20号", "制定分级诊疗目录", ("tongzhou.tiered_care_catalogue",), Strength.MANDATORY),
    ("通政办发〔2024〕20号", "在牵头医院建设远程中心", ("tongzhou.remote_centre",), Strength.MANDATORY),
    ("通政办发〔2024〕20号", "独立核算", ("tongzhou.finance_model",), Strength.MANDATORY),
    ("通政办发〔2024〕20号", "用药目录相统一", ("tongzhou.unified_drug_list",), Strength.ENCOURAGED),
    ("通政办发〔2024〕20号", "孵化中心", ("tongzhou.incubation_centre",), Strength.MANDATORY),
    (
        "通政办发〔2024〕20号",
        "医保定点服务协议",
        ("tongzhou.insurance_service_agreement",),
        Strength.MANDATORY,
    ),
    ("通政办发〔2024〕20号", "按规定计算起付线", ("tongzhou.referral_deductible",), Strength.MANDATORY),
    (
        "通政办发〔2024〕20号",
        "设立健康管理服务团队",
        ("tongzhou.health_management_teams",),
        Strength.MANDATORY,
    ),
    ("通政办发〔2024〕20号", "区政府主要领导任主任", ("tongzhou.promotion_mechanism",), Strength.MANDATORY),
    (
        "通政办发〔2024〕20号",
        "组建人民医院医共体",
        ("tongzhou.people_hospital_community",),
        Strength.MANDATORY,
    ),
    ("通政办发〔2024〕20号", "组建中医院医共体", ("tongzhou.tcm_hospital_community",), Strength.MANDATORY),
    ("通政办发〔2024〕20号", "组建平潮区域性医共体", ("tongzhou.pingchao_community",), Strength.MANDATORY),
]


@pytest.mark.parametrize(("number", "fragment", "items", "strength"), ENCODED)
def test_the_pass_encoded_the_sentence(
    registry: Registry, number: str, fragment: str, items: tuple[str, ...], strength: Strength
) -> None:
    coverage = source_document(registry, number).coverage
    assert coverage is not None
    found = [c for c in coverage.sentences if fragment in c.sentence.text]
    assert len(found) == 1, fragment
    entry = found[0].entry
    assert entry is not None and entry.status is Coverage.ENCODED
    assert set(items) <= set(entry.items)
    for item in items:
        rule = registry.rules.get(item) or registry.referral_rules.get(item)
        assert rule is not None, item
        assert rule.item.strength is strength
        assert rule.item.citation.document == number
        assert (
            rule.item.citation.text in found[0].sentence.text
            or found[0].sentence.text in rule.item.citation.text
        )


#: (document, a fragment of the sentence, the trend target that now holds it, its direction)
TRENDS = [
    ("国卫医发〔2016〕75号", "三级医院逐步减少常见病", "national.tertiary_common_chronic_share", "falling"),
    (
        "临政办发〔2017〕60号",
        "不断提高基层医疗卫生机构报销比例",
        "linyi.primary_care_reimbursement",
        "rising",
    ),
    ("苏卫医政〔2019〕17号", "跨省级行政区域流动", "jiangsu.out_of_province_visits", "falling"),
    ("通政办发〔2024〕20号", "稳步提升覆盖率", "tongzhou.contract_coverage", "rising"),
    (
        "通政办发〔2024〕20号",
        "省级基层特色科室的数量",
        "tongzhou.2025.provincial_featured_departments",
        "rising",
    ),
]


@pytest.mark.parametrize(("number", "fragment", "target", "direction"), TRENDS)
def test_the_pass_holds_numberless_goals_as_trends(
    registry: Registry, number: str, fragment: str, target: str, direction: str
) -> None:
    coverage = source_document(registry, number).coverage
    assert coverage is not None
    (found,) = [c for c in coverage.sentences if fragment in c.sentence.text]
    assert found.entry is not None and found.entry.status is Coverage.ENCODED
    assert target in found.entry.items
    item = registry.targets[target].item
    # never an invented number: a trend, no value
    assert item.operator is not None and item.operator.value == direction and item.value is None
