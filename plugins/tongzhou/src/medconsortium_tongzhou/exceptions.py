"""Declared exceptions: 平潮区域性医共体 is led by a central township health centre.

The national text (国卫医发〔2016〕75号 三（二）) and Jiangsu's have a county-level hospital
lead each county medical community. Tongzhou's 四（一）3 makes 平潮中心卫生院 the lead of
平潮区域性医共体, so the failure of those lead rules for that community is reported as
``excepted``, with this citation, never as a silent pass.

The community is identified as the text identifies it: a county medical community in
通州区 whose one lead is 平潮中心卫生院 (by the lead's name, the way 四（一）3 names it),
under whatever id a user's network gives it. A community that happens to carry the bundled
example's id but is led by another institution is not excepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medconsortium import ConsortiumKind
from medconsortium import Label
from medconsortium import RuleException
from medconsortium import code_within

from .document import TONGZHOU_CODE
from .document import cite

if TYPE_CHECKING:
    # Only in annotations: the network model is not imported when the plugin loads.
    from medconsortium import Network

#: The id of 平潮区域性医共体 in the bundled network (examples/tongzhou-network.yaml).
#: Only the example uses it: the exception matches by the lead the text names.
PINGCHAO = "tz-ccm-pingchao"

#: The lead 四（一）3 names, as the text writes it.
PINGCHAO_LEAD_NAME = "平潮中心卫生院"


def is_pingchao_community(network: Network, subject: str) -> bool:
    """A county medical community in 通州区 led by 平潮中心卫生院 (四（一）3).

    >>> from medconsortium_tongzhou.testing import community, inst
    >>> from medconsortium import Institution, InstitutionLevel, InstitutionType, Network, Ownership
    >>> lead = Institution("x", "平潮中心卫生院", InstitutionLevel.UNRATED,
    ...     InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE, Ownership.GOVERNMENT, "320612")
    >>> is_pingchao_community(Network((lead, inst("m")), (community("any-id", "x", ["m"]),)), "any-id")
    True
    """
    cons = network.get_consortium(subject)
    if cons is None or cons.kind is not ConsortiumKind.COUNTY_MEDICAL_COMMUNITY:
        return False
    if not code_within(cons.division, TONGZHOU_CODE) or cons.lead is None:
        return False
    lead = network.get_institution(cons.lead)
    return lead is not None and lead.name.strip() == PINGCHAO_LEAD_NAME


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
    frozenset(),
    _REASON,
    _CITATION,
    applies_to=is_pingchao_community,
)
JIANGSU_LEAD_EXCEPTION = RuleException(
    "tongzhou.pingchao_lead.jiangsu",
    JIANGSU_LEAD_RULE,
    frozenset(),
    _REASON,
    _CITATION,
    applies_to=is_pingchao_community,
)


# -- 四（二）: members keep their legal personality -----------------------------------------
#: Jiangsu's 四（五）2 asks a county community for a sole legal representative
#: (落实唯一法定代表人组织架构); Tongzhou's 四（二） keeps each member's legal personality in
#: principle. The Jiangsu rule also asks for the party committee and the council system,
#: which Tongzhou does not set aside: the exception covers a Tongzhou community only when
#: those two are recorded in place and the sole legal representative is recorded absent.
JIANGSU_LEADERSHIP_RULE = "jiangsu.county_community_leadership"
_SET_ASIDE = "sole_legal_representative"
_STILL_REQUIRED = ("party_committee", "jiangsu_council_president_system")


def keeps_members_legal_personality(network: Network, subject: str) -> bool:
    """A Tongzhou county community that fails Jiangsu's leadership rule only for having no
    sole legal representative."""
    cons = network.get_consortium(subject)
    if cons is None or cons.kind is not ConsortiumKind.COUNTY_MEDICAL_COMMUNITY:
        return False
    if not code_within(cons.division, TONGZHOU_CODE):
        return False
    facts = cons.governance
    return facts.fact(_SET_ASIDE) is False and all(facts.fact(f) is True for f in _STILL_REQUIRED)


LEGAL_PERSONALITY_EXCEPTION = RuleException(
    "tongzhou.members_keep_legal_personality",
    JIANGSU_LEADERSHIP_RULE,
    frozenset(),
    Label(
        "通州区县域医共体成员单位法人资格原则上保持不变：不要求唯一法定代表人（党委和理事会决策仍须具备）",
        "in Tongzhou the members of a county medical community keep their legal personality in "
        "principle: no sole legal representative is required (the party committee and the council "
        "system still are)",
    ),
    cite(
        "四（二）",
        "县域医共体成员单位法人资格原则上保持不变，县域医共体负责人由区卫生健康委员会提名，根据干部管理权限实施任免。",
    ),
    applies_to=keeps_members_legal_personality,
)

#: All are registered. The core refuses an exception to a rule nobody registers: the
#: Jiangsu plugin (a dependency of this one) must be loaded too.
EXCEPTIONS = (NATIONAL_LEAD_EXCEPTION, JIANGSU_LEAD_EXCEPTION, LEGAL_PERSONALITY_EXCEPTION)
