"""Declared exceptions: 平潮区域性医共体 is led by a central township health centre.

The national text (国卫医发〔2016〕75号 三（二）) and Jiangsu's have a county-level hospital
lead each county medical community. Tongzhou's 四（一）3 makes 平潮中心卫生院 the lead of
平潮区域性医共体, so the failure of those lead rules for that community is reported as
``excepted``, with this citation, never as a silent pass.
"""

from __future__ import annotations

from medconsortium import Label
from medconsortium import RuleException

from .document import cite

#: The id of 平潮区域性医共体 in the bundled network (examples/tongzhou-network.yaml).
PINGCHAO = "tz-ccm-pingchao"

NATIONAL_LEAD_RULE = "national.county_community_lead"
JIANGSU_LEAD_RULE = "jiangsu.county_community_lead"

_CITATION = cite(
    "四（一）3",
    "由平潮中心卫生院牵头，联合刘桥中心卫生院、刘桥镇卫生院、平潮镇平潮卫生院、平潮镇平东卫生院、五接镇卫生院及下辖村卫生室组建平潮区域性医共体。",
)
_REASON = Label(
    "平潮区域性医共体由平潮中心卫生院（中心卫生院）牵头，非县级医院",
    "平潮区域性医共体 is led by 平潮中心卫生院, a central township health centre, not a county hospital",
)

NATIONAL_LEAD_EXCEPTION = RuleException(
    "tongzhou.pingchao_lead.national",
    NATIONAL_LEAD_RULE,
    frozenset({PINGCHAO}),
    _REASON,
    _CITATION,
)
JIANGSU_LEAD_EXCEPTION = RuleException(
    "tongzhou.pingchao_lead.jiangsu",
    JIANGSU_LEAD_RULE,
    frozenset({PINGCHAO}),
    _REASON,
    _CITATION,
)

#: Both are registered. The core refuses an exception to a rule nobody registers: the
#: Jiangsu plugin (a dependency of this one) must be loaded too.
EXCEPTIONS = (NATIONAL_LEAD_EXCEPTION, JIANGSU_LEAD_EXCEPTION)
