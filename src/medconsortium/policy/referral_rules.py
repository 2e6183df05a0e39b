"""Referral rules: what a rule about one referral receives and returns.

A :class:`ReferralRule` checks one :class:`~medconsortium.Referral` in the
:class:`ReferralContext` of the network it was made in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from ..model.checks import enum_of
from ..model.consortia import Consortium
from ..model.institutions import Institution
from ..model.jurisdictions import Jurisdiction
from ..model.labels import Label
from ..model.referrals import Direction, Referral
from .documents import Citation, Period, Strength
from .findings import Outcome

if TYPE_CHECKING:
    # Only in annotations: listing the policy does not import the network model.
    from ..model.network import Network


@attrs.frozen
class ReferralContext:
    """What a referral rule receives besides the referral: the resolved institutions."""

    network: Network
    jurisdiction: Jurisdiction
    source: Institution
    target: Institution
    direction: Direction
    shared_consortia: tuple[Consortium, ...]

    @property
    def within_consortium(self) -> bool:
        """Both institutions belong to at least one common consortium."""
        return bool(self.shared_consortia)


ReferralCheck = Callable[[Referral, ReferralContext], Iterable[Outcome]]


@attrs.frozen
class ReferralRule:
    """A rule applied to each referral. ``check`` may return no outcome when the rule does
    not concern that referral (e.g. a downward rule on an upward referral)."""

    id: str
    title: Label
    strength: Strength = attrs.field(validator=enum_of(Strength))
    citation: Citation
    check: ReferralCheck
    description: Label | None = None
    period: Period = Period()
    review_by: dt.date | None = None


def restricted_by_routing(ctx: ReferralContext, on: dt.date) -> bool | None:
    """Whether a routing policy excludes the referral's target institution.

    The routing policies are those of the consortia the source belongs to on ``on`` (a
    consortium's :class:`~medconsortium.Routing` says where its primary care members may
    refer). True: a declared restriction leaves the target out. False: at least one
    consortium declares a policy and none excludes the target. None: no consortium of the
    source declares a routing policy, so the question cannot be answered.
    """
    declared = [c.routing for c in ctx.network.consortia_of(ctx.source.id, on=on) if c.routing is not None]
    if not declared:
        return None
    return any(r.restricted_to is not None and ctx.target.id not in r.restricted_to for r in declared)
