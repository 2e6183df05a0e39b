"""Declared exceptions to the national baseline.

The national text has a county medical community led by the county hospital (县医院为龙头);
Wuhu encourages qualified private hospitals to lead one (四（二）). A community so led is
reported as ``excepted`` under the national rule, with this citation, never as a silent pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medconsortium import ConsortiumKind
from medconsortium import Label
from medconsortium import Ownership
from medconsortium import RuleException
from medconsortium import code_within

from .document import CODE
from .document import cite

if TYPE_CHECKING:
    # Only in annotations: the network model is not imported when the plugin loads.
    from medconsortium import Network


def privately_led_county_community(network: Network, subject: str) -> bool:
    """A county medical community of Wuhu whose single lead is a private hospital."""
    cons = network.get_consortium(subject)
    if cons is None or cons.kind is not ConsortiumKind.COUNTY_MEDICAL_COMMUNITY:
        return False
    if not code_within(cons.division, CODE) or cons.lead is None:
        return False
    return network.institution(cons.lead).ownership is Ownership.PRIVATE


PRIVATE_COUNTY_LEAD = RuleException(
    "wuhu.private_county_community_lead",
    "national.county_community_lead",
    frozenset(),
    Label(
        "芜湖鼓励有条件的民营医院牵头县域医共体：由民营医院牵头的医共体不要求以县医院为龙头",
        "Wuhu encourages qualified private hospitals to lead county medical communities: "
        "one led by a private hospital need not be led by the county hospital",
    ),
    cite("四（二）", "鼓励有条件的民营医院参与或牵头县域医共体建设。"),
    applies_to=privately_led_county_community,
)

EXCEPTIONS = (PRIVATE_COUNTY_LEAD,)
