"""Reference data the plan names: the 19 provincial specialty alliances of 附件2, the six
regional medical centres and the cities they link, and the five treatment-centre systems."""

from __future__ import annotations

from medconsortium import Label
from medconsortium import ReferenceTable

from .document import cite

#: 附件2 省级专科专病联盟组建安排: (alliance, lead institution), in the order of the text.
PROVINCIAL_ALLIANCES: tuple[tuple[str, str], ...] = (
    ("江苏省卒中救治联盟", "南京鼓楼医院"),
    ("江苏省胸痛救治联盟", "江苏省人民医院"),
    ("江苏省创伤救治联盟", "解放军东部战区总医院"),
    ("江苏省高危孕产妇救治联盟", "东南大学附属中大医院"),
    ("江苏省新生儿危急重症救治联盟", "南京市儿童医院"),
    ("江苏省心肺移植联盟", "无锡市人民医院"),
    ("江苏省肝移植联盟", "江苏省人民医院"),
    ("江苏省肾移植联盟", "解放军东部战区总医院"),
    ("江苏省肿瘤专科联盟", "江苏省肿瘤医院"),
    ("江苏省血液病专科联盟", "苏州大学附属第一医院"),
    ("江苏省重症医学专科联盟", "东南大学附属中大医院"),
    ("江苏省儿科专科联盟", "南京市儿童医院"),
    ("江苏省传染病专科联盟", "江苏省传染病医院"),
    ("江苏省康复医学专科联盟", "江苏省人民医院"),
    ("江苏省麻醉专科联盟", "徐州医科大学附属医院"),
    ("江苏省心脏大血管外科专科联盟", "南京市第一医院"),
    ("江苏省呼吸内科专科联盟", "江苏省人民医院"),
    ("江苏省病理科专科联盟", "江苏省人民医院"),
    ("江苏省精神科专科联盟", "南京脑科医院"),
)

#: Lead institution of each provincial alliance, by alliance name.
ALLIANCE_LEADS: dict[str, str] = dict(PROVINCIAL_ALLIANCES)

#: 四（一）1: each provincial regional medical centre and the cities it links.
REGIONAL_CENTRES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("江苏省人民医院", ("南京市", "镇江市", "扬州市")),
    ("苏州大学附属第一医院", ("苏州市", "无锡市")),
    ("东南大学附属中大医院", ("常州市", "泰州市")),
    ("南京鼓楼医院", ("淮安市", "宿迁市")),
    ("徐州医科大学附属医院", ("徐州市", "连云港市")),
    ("南通大学附属医院", ("南通市", "盐城市")),
)

#: 四（三）: the five treatment-centre systems specialty alliances rest on.
TREATMENT_CENTRES: tuple[tuple[str, str], ...] = (
    ("chest_pain", "胸痛"),
    ("stroke", "卒中"),
    ("trauma", "创伤"),
    ("high_risk_maternal", "高危孕产妇"),
    ("neonatal_critical_care", "新生儿危急重症"),
)

ALLIANCES_TABLE = ReferenceTable(
    "jiangsu.provincial_alliances",
    Label("省级专科专病联盟组建安排", "provincial specialty alliances and their lead institutions"),
    (Label("序号", "no."), Label("联盟", "alliance"), Label("牵头单位", "lead institution")),
    tuple((str(n), name, lead) for n, (name, lead) in enumerate(PROVINCIAL_ALLIANCES, start=1)),
    cite("四（三）", "省级专科专病联盟组建安排见附件2。"),
)

REGIONAL_CENTRES_TABLE = ReferenceTable(
    "jiangsu.regional_centres",
    Label("省级区域医疗中心及其联系地区", "regional medical centres and the cities each links"),
    (Label("区域医疗中心", "regional medical centre"), Label("联系地区", "linked cities")),
    tuple((centre, "、".join(cities)) for centre, cities in REGIONAL_CENTRES),
    cite(
        "四（一）1",
        "江苏省人民医院联系南京市、镇江市、扬州市；苏州大学附属第一医院联系苏州市、无锡市；"
        "东南大学附属中大医院联系常州市、泰州市；南京鼓楼医院联系淮安市、宿迁市；"
        "徐州医科大学附属医院联系徐州市、连云港市；南通大学附属医院联系南通市、盐城市。",
    ),
)

TREATMENT_CENTRES_TABLE = ReferenceTable(
    "jiangsu.treatment_centres",
    Label("五大救治中心体系", "the five treatment-centre systems"),
    (Label("代码", "id"), Label("救治中心", "treatment centre")),
    tuple((key, f"{name}救治中心") for key, name in TREATMENT_CENTRES),
    cite("四（三）", "依托胸痛、卒中、创伤、高危孕产妇、新生儿危急重症等五大救治中心体系"),
)

TABLES = (ALLIANCES_TABLE, REGIONAL_CENTRES_TABLE, TREATMENT_CENTRES_TABLE)
