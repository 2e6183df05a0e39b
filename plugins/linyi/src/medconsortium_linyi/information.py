"""四（一）8 and 五（五）: the telemedicine service network the city forms step by step, and
the health and medical records shared within each consortium.

四（一）8 sets a goal with no date and no number (逐步形成…实现远程医疗服务全覆盖): a
qualitative target, shown and never scored; the city remote consultation centre the same
clause names is checked by ``linyi.remote_consultation_centre``. 五（五） has no duty word
(充分发挥…统筹推进…实现): the sharing of records within a consortium is a governance fact,
advisory (as Wuhu's mutual recognition of results, 五（二） of its plan), never a failure.
The information platforms themselves are not in the data.

>>> TARGETS[0].kind.value, RULES[0].strength.value
('qualitative', 'encouraged')
"""

from __future__ import annotations

from medconsortium import ConsortiumKind
from medconsortium import Fact
from medconsortium import Label
from medconsortium import Period
from medconsortium import Rule
from medconsortium import Strength
from medconsortium.policy.helpers import facts_rule
from medconsortium.policy.shapes import qualitative

from .document import ISSUED
from .document import cite

RECORD_SHARING = "linyi_health_record_sharing"

FACTS = (
    Fact(
        RECORD_SHARING,
        Label(
            "医联体内电子健康档案、电子病历记录等诊疗信息互通共享",
            "health records and medical records shared within the consortium",
        ),
    ),
)

TARGETS = (
    qualitative(
        "linyi.telemedicine_full_coverage",
        Label(
            "逐步形成远程医疗服务网络，实现远程医疗服务全覆盖",
            "a telemedicine service network formed step by step, covering everyone",
        ),
        cite(
            "四（一）8",
            "逐步形成融合、共享的远程医疗服务网络和远程医疗服务体系，开展远程会诊、远程影像诊断、远程心电图诊断、"
            "远程病理诊断、远程监护、远程教育、双向转诊服务，实现远程医疗服务全覆盖。",
        ),
        period=Period(ISSUED),
        note=Label(
            "“逐步形成”“全覆盖”未给出期限和覆盖的计量：定性目标，不评分",
            "'step by step' and 'full coverage' give no date and no measure: qualitative",
        ),
    ),
)

RULES = (
    Rule(
        "linyi.health_record_sharing",
        Label(
            "医联体内电子健康档案、电子病历等诊疗信息互通共享",
            "health records and medical records shared within the consortium",
        ),
        # 充分发挥…统筹推进…实现: a goal, no duty word (应/要/必须): advisory.
        Strength.ENCOURAGED,
        cite("五（五）", "实现医联体内电子健康档案、电子病历记录等诊疗信息的互通共享"),
        facts_rule((RECORD_SHARING,), tuple(ConsortiumKind)),
        description=Label(
            "互通共享记为每个医联体的一项事实；信息平台本身不在数据中",
            "the sharing is one fact of each consortium; the platforms themselves are not in the data",
        ),
    ),
)
