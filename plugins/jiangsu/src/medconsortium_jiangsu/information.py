"""四（六）: information systems. Every kind of consortium (各级各类医联体) shares residents'
health information among its institutions and joins up its systems so that health files
and medical records are kept continuously within it, both governance facts (要, mandatory).

The sentences after them (健全完善…信息系统建设, 优化…信息服务, 大力推广…; 区域全人口数据库,
网络与信息安全) name directions of effort and the region's own databases: the coverage map
says what data they would need.

>>> [rule.id for rule in RULES]
['jiangsu.shared_health_information', 'jiangsu.continuous_health_records']
"""

from __future__ import annotations

from medconsortium import Fact
from medconsortium import Label
from medconsortium import Rule
from medconsortium import Strength
from medconsortium.policy.helpers import facts_rule

from .document import cite

FACTS = (
    Fact(
        "jiangsu_shared_health_information",
        Label(
            "医联体内不同级别类别医疗机构之间共建共享居民健康信息",
            "residents' health information built and shared among the consortium's institutions",
        ),
    ),
    Fact(
        "jiangsu_continuous_health_records",
        Label(
            "医联体内系统对接，居民电子健康档案和电子病历连续记录",
            "joined-up systems: residents' health files and medical records continuous in the consortium",
        ),
    ),
)

RULES = (
    Rule(
        "jiangsu.shared_health_information",
        Label("医联体内共建共享居民健康信息", "a consortium shares residents' health information"),
        Strength.MANDATORY,
        cite(
            "四（六）",
            "各级各类医联体要以互联互通、务实应用为原则，以居民电子健康档案、电子病历两大数据库建设为基础，"
            "以全民健康信息平台为枢纽，统筹居民个人、服务提供者、监管者三方健康信息应用需求，"
            "在医联体内不同级别类别医疗机构之间共建共享居民健康信息。",
        ),
        # 各级各类医联体: every kind.
        facts_rule(("jiangsu_shared_health_information",), ()),
    ),
    Rule(
        "jiangsu.continuous_health_records",
        Label(
            "医联体内系统对接，电子健康档案和电子病历连续记录",
            "a consortium's systems are joined up and its health records continuous",
        ),
        Strength.MANDATORY,
        cite(
            "四（六）",
            "要加快医联体内不同级别医疗机构间的系统对接工作，实现居民电子健康档案和电子病历在医联体内的连续记录",
        ),
        facts_rule(("jiangsu_continuous_health_records",), ()),
    ),
)
