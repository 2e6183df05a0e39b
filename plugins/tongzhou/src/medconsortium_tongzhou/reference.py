"""Reference tables: the three county medical communities of 四（一） with every member as
the text names it, the ten management centres of 三（二）, and the centres at 区人民医院
of 五（三）."""

from __future__ import annotations

from medconsortium import Label
from medconsortium import ReferenceTable

from .document import cite

#: (community, lead, members, base) exactly as 四（一）1–3 write them.
COMMUNITIES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    (
        "区人民医院医共体",
        "区人民医院",
        (
            "区第二人民医院（城北社区卫生服务中心）",
            "二甲中心卫生院",
            "石港中心卫生院",
            "二甲镇卫生院",
            "石港镇卫生院",
            "兴仁镇兴仁卫生院",
            "兴仁镇四安卫生院",
            "十总镇骑岸卫生院",
            "西亭镇卫生院",
            "东社镇东社卫生院",
            "兴东街道社区卫生服务中心",
        ),
        "下辖村卫生室和社区卫生服务站",
    ),
    (
        "区中医院医共体",
        "区中医院",
        (
            "十总镇十总卫生院",
            "东社镇五甲卫生院",
            "城区社区卫生服务中心",
            "城南社区卫生服务中心",
            "城西社区卫生服务中心",
            "先锋街道社区卫生服务中心",
            "川姜镇卫生院",
        ),
        "下辖村卫生室和社区卫生服务站",
    ),
    (
        "平潮区域性医共体",
        "平潮中心卫生院",
        (
            "刘桥中心卫生院",
            "刘桥镇卫生院",
            "平潮镇平潮卫生院",
            "平潮镇平东卫生院",
            "五接镇卫生院",
        ),
        "下辖村卫生室",
    ),
)

COMMUNITY_TABLE = ReferenceTable(
    "tongzhou.county_communities",
    Label(
        "通州区三大县域医共体及成员单位", "the three county medical communities of Tongzhou and their members"
    ),
    (Label("医共体", "community"), Label("牵头医院", "lead"), Label("成员单位", "members")),
    tuple((name, lead, "、".join(members) + "及" + base) for name, lead, members, base in COMMUNITIES),
    cite(
        "四（一）",
        "以区人民医院、区中医院、平潮中心卫生院为牵头医院，全区公办基层医疗卫生机构为成员单位，组建三大紧密型县域医共体。",
    ),
)

MANAGEMENT_CENTRES = ReferenceTable(
    "tongzhou.management_centres",
    Label("县域医共体办公室“十大管理中心”", "the ten management centres of the county-community office"),
    (Label("管理中心", "centre"), Label("职责", "duty")),
    (
        ("人力资源管理中心", "负责指导县域医共体人才队伍建设，统筹人员上挂下派等工作"),
        ("绩效考核管理中心", "负责县域医共体人员工资核定、绩效考核等工作"),
        (
            "财务运行管理中心",
            "负责指导县域医共体财务管理工作，专项资金安排建议及监督使用，监管县域医共体运行情况",
        ),
        ("医疗质量管理中心", "负责指导县域医共体医疗质量同质化发展，提升医疗服务能力和医疗安全水平"),
        ("医保资金管理中心", "负责统筹监管县域医共体医保资金使用"),
        ("信息数据管理中心", "负责推进县域医共体信息化建设应用，统计分析、监测评估县域医共体运行数据"),
        (
            "药品耗材管理中心",
            "负责指导县域医共体内部做好用药目录衔接，加强药品、耗材合理规范使用管理，推进药械精细管理水平高效提升",
        ),
        ("后勤安全管理中心", "负责指导县域医共体消毒供应等后勤资源共享，履行行业后勤安全生产工作管理职责"),
        ("医防融合管理中心", "负责县域医共体医防融合工作的组织领导、监督管理和技术指导"),
        ("医教科研管理中心", "负责指导县域医共体医学教育、科技项目垂直化管理工作"),
    ),
    cite(
        "三（二）",
        "县域医共体办公室下设人力资源、绩效考核、财务运行、医疗质量、医保资金、信息数据、药品耗材、后勤安全、医防融合、医教科研“十大管理中心”",
    ),
)

SHARED_CENTRES = ReferenceTable(
    "tongzhou.county_hospital_centres",
    Label("依托区人民医院的“五大资源共享中心”和“五大临床服务中心”", "the centres at 区人民医院"),
    (Label("类别", "kind"), Label("中心", "centres")),
    (
        ("五大资源共享中心", "医学检验、医学影像、心电诊断、病理诊断、消毒供应"),
        ("五大临床服务中心", "肿瘤防治、慢病管理、微创介入、麻醉疼痛诊疗、重症监护"),
    ),
    cite(
        "五（三）",
        "依托区人民医院，建立县域医学检验、医学影像、心电诊断、病理诊断、消毒供应“五大资源共享中心”，县域肿瘤防治、慢病管理、微创介入、麻醉疼痛诊疗、重症监护“五大临床服务中心”。",
    ),
)

REFERENCE_TABLES = (COMMUNITY_TABLE, MANAGEMENT_CENTRES, SHARED_CENTRES)
