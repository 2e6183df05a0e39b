"""Reference tables: the district leads, the urban–rural caps, the five unifications."""

from __future__ import annotations

from medconsortium import Label
from medconsortium import ReferenceTable

from .document import CITY_AREAS
from .document import NAMED_LEADS
from .document import cite

_CHOICE = "与五家三级综合医院双向自主选择"

CITY_GROUP_LEADS = ReferenceTable(
    "wuhu.city_group_leads",
    Label("城市医联体牵头医院", "lead hospitals of the city medical groups"),
    (Label("区域", "area"), Label("区划代码", "division code"), Label("牵头医院", "lead hospital")),
    tuple(
        (
            area.name.zh,
            ", ".join(sorted(area.codes)),
            NAMED_LEADS[area.code].short if area.code in NAMED_LEADS else _CHOICE,
        )
        for area in CITY_AREAS
    ),
    cite(
        "四（一）",
        "区域内有三级综合医院的镜湖区、弋江区、鸠江区城市医联体建设，分别由市二院、市中医医院、市一院牵头；",
    ),
)

URBAN_RURAL_CAPS = ReferenceTable(
    "wuhu.urban_rural_caps",
    Label("城乡医联体结对上限", "caps on urban-rural pairings"),
    (Label("对象", "who"), Label("结对对象", "paired with"), Label("上限", "at most")),
    (
        ("每个县域医共体", "城市三级医院", "1"),
        ("每家城市三级医院", "县医院牵头的县域医共体", "2"),
        ("每家城市三级医院", "县中医院牵头的县域医共体", "1"),
    ),
    cite("四（三）", "原则上一家城市三级医院最多与两家县医院和一家县中医院牵头的县域医共体合作。"),
)

FIVE_UNIFICATIONS = ReferenceTable(
    "wuhu.telemedicine_unifications",
    Label("远程医疗服务平台“五个统一”", "the five unifications of the telemedicine platform"),
    (Label("统一", "unified"), Label("治理事实", "governance fact")),
    (
        ("统一远程呼叫接口", "wuhu_unified_call_interface"),
        ("统一远程收费标准", "wuhu_unified_fees"),
        ("统一远程服务规范", "wuhu_unified_service_norms"),
        ("统一远程操作流程", "wuhu_unified_procedures"),
        ("统一远程数据维护", "wuhu_unified_data_maintenance"),
    ),
    cite(
        "四（四）",
        "实现“五个统一”（统一远程呼叫接口、统一远程收费标准、统一远程服务规范、统一远程操作流程、统一远程数据维护）",
    ),
)

REFERENCE_TABLES = (CITY_GROUP_LEADS, URBAN_RURAL_CAPS, FIVE_UNIFICATIONS)
