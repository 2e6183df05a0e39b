"""五（三）: the two explorations of the drug policy — a linkage between consortia and the
drug purchasing alliance, and in-hospital preparations used across a consortium — as
governance facts of each consortium, advisory: 探索 is never a failure (as the national
baseline's unified drug platform, 国卫医发〔2016〕75号 四（六））. The price negotiations and
the preparations dispensed are not in the data.

>>> [r.strength.value for r in RULES]
['encouraged', 'encouraged']
"""

from __future__ import annotations

from medconsortium import ConsortiumKind
from medconsortium import Fact
from medconsortium import Label
from medconsortium import Rule
from medconsortium import Strength
from medconsortium.policy.helpers import facts_rule

from .document import cite

PROCUREMENT_LINKAGE = "linyi_procurement_alliance_linkage"
PREPARATIONS_SHARED = "linyi_preparations_shared"

FACTS = (
    Fact(
        PROCUREMENT_LINKAGE,
        Label("医联体、药品采购联合体工作联动机制", "a working link with the drug purchasing alliance"),
    ),
    Fact(
        PREPARATIONS_SHARED,
        Label("院内制剂在医联体内调剂使用", "in-hospital preparations used across the consortium"),
    ),
)

RULES = (
    Rule(
        "linyi.procurement_linkage",
        Label(
            "探索医联体、药品采购联合体工作联动机制",
            "a working link between the consortium and the drug purchasing alliance, to explore",
        ),
        Strength.ENCOURAGED,
        cite("五（三）", "探索医联体、药品采购联合体工作联动机制"),
        facts_rule((PROCUREMENT_LINKAGE,), tuple(ConsortiumKind)),
        description=Label(
            "联动机制记为一项事实；价格谈判和采购结果不在数据中",
            "the link is one fact; the price negotiations and purchases are not in the data",
        ),
    ),
    Rule(
        "linyi.preparations_shared",
        Label("探索院内制剂在医联体内调剂使用", "preparations shared in the consortium, to explore"),
        Strength.ENCOURAGED,
        cite("五（三）", "探索院内制剂在医联体内调剂使用。"),
        facts_rule((PREPARATIONS_SHARED,), tuple(ConsortiumKind)),
    ),
)
