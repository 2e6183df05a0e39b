"""Declared exceptions to the national baseline: 四（一）5 lets a private hospital lead.

The national text has a city medical group led by a tertiary hospital (三（一）) and a
county medical community led by the county hospital (三（二）). Jiangsu's 四（一）5 lets
qualified private secondary and tertiary hospitals (二、三级民营医院) lead a city medical
group or a county medical community. A consortium of Jiangsu so led is reported as
``excepted`` under the national lead rules, with this citation: Jiangsu's own lead rules
pass it, and the national rule must not fail it a second time, nor pass it silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from medconsortium import ConsortiumKind
from medconsortium import Label
from medconsortium import RuleException
from medconsortium import code_within

from .document import JIANGSU
from .document import cite
from .rules import is_private_hospital

if TYPE_CHECKING:
    # Only in annotations: the network model is not imported when the plugin loads.
    from medconsortium import Network

_CITATION = cite(
    "四（一）5",
    "有条件的二、三级民营医院可以以履行社会义务为出发点牵头组建或加入城市医疗集团或县域医共体。",
)


def privately_led(kind: ConsortiumKind) -> Callable[[Network, str], bool]:
    """A subject test: a consortium of ``kind`` in Jiangsu whose one lead is a private
    secondary or tertiary hospital."""

    def test(network: Network, subject: str) -> bool:
        cons = network.get_consortium(subject)
        if cons is None or cons.kind is not kind or not code_within(cons.division, JIANGSU):
            return False
        lead = None if cons.lead is None else network.get_institution(cons.lead)
        return lead is not None and is_private_hospital(lead)

    return test


PRIVATE_CITY_GROUP_LEAD = RuleException(
    "jiangsu.private_city_group_lead",
    "national.city_group_lead",
    frozenset(),
    Label(
        "四（一）5允许有条件的二、三级民营医院牵头组建城市医疗集团：由二、三级民营医院牵头的医疗集团不要求以三级医院牵头",
        "四（一）5 lets qualified private secondary or tertiary hospitals lead a city medical group: "
        "one so led need not be led by a tertiary hospital",
    ),
    _CITATION,
    applies_to=privately_led(ConsortiumKind.CITY_MEDICAL_GROUP),
)
PRIVATE_COUNTY_COMMUNITY_LEAD = RuleException(
    "jiangsu.private_county_community_lead",
    "national.county_community_lead",
    frozenset(),
    Label(
        "四（一）5允许有条件的二、三级民营医院牵头组建县域医共体：由二、三级民营医院牵头的医共体不要求以县医院为龙头",
        "四（一）5 lets qualified private secondary or tertiary hospitals lead a county medical "
        "community: one so led need not be led by the county hospital",
    ),
    _CITATION,
    applies_to=privately_led(ConsortiumKind.COUNTY_MEDICAL_COMMUNITY),
)

EXCEPTIONS = (PRIVATE_CITY_GROUP_LEAD, PRIVATE_COUNTY_COMMUNITY_LEAD)
