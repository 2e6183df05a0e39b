"""Medical consortia (医联体): their kinds, members, grid, governance and links."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

import attrs

from .checks import drafts_become, enum_of, frozen_mapping, optional_enum_of
from .labels import Label


class ConsortiumKind(enum.Enum):
    """The organisational forms of a medical consortium (国卫医发〔2016〕75号 三)."""

    __hash__ = object.__hash__  # as InstitutionType's: rules ask for kinds in sets

    CITY_MEDICAL_GROUP = "city_medical_group"
    COUNTY_MEDICAL_COMMUNITY = "county_medical_community"
    SPECIALTY_ALLIANCE = "specialty_alliance"
    TELEMEDICINE_NETWORK = "telemedicine_network"
    URBAN_RURAL = "urban_rural"

    @property
    def label(self) -> Label:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ConsortiumKind.CITY_MEDICAL_GROUP: Label("城市医疗集团", "city medical group"),
    ConsortiumKind.COUNTY_MEDICAL_COMMUNITY: Label("县域医共体", "county medical community"),
    ConsortiumKind.SPECIALTY_ALLIANCE: Label("专科联盟", "specialty alliance"),
    ConsortiumKind.TELEMEDICINE_NETWORK: Label("远程医疗协作网", "telemedicine network"),
    ConsortiumKind.URBAN_RURAL: Label("城乡医联体", "urban-rural consortium"),
}


class Integration(enum.Enum):
    """紧密型 (tight, integrated) or 松散型 (loose)."""

    TIGHT = "tight"
    LOOSE = "loose"


class MemberRole(enum.Enum):
    """Role of an institution in a consortium."""

    LEAD = "lead"
    MEMBER = "member"


#: Read once: on Python 3.11 a member read from its enumeration goes through
#: ``EnumType.__getattr__`` (600 to 1,800 instructions), and leads are asked of every consortium.
_LEAD = MemberRole.LEAD


# No slot for weak references (nothing refers to a membership weakly): a large network has
# hundreds of thousands, 8 bytes each (benchmarks/large_inputs.py).
@attrs.frozen(weakref_slot=False)
class Membership:
    """An institution's membership, with the dates it joined and left (both optional)."""

    institution: str
    role: MemberRole = attrs.field(default=MemberRole.MEMBER, validator=enum_of(MemberRole))
    joined: dt.date | None = None
    left: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if self.joined and self.left and self.left < self.joined:
            raise ValueError(f"left {self.left} is before joined {self.joined}")

    def active_on(self, day: dt.date) -> bool:
        """Whether the membership holds on ``day`` (unknown dates count as open)."""
        return (self.joined is None or self.joined <= day) and (self.left is None or day < self.left)


class MembershipDraft:
    """Membership's slots in its layout, set by plain stores, then given its class when
    :data:`MEMBERSHIP_DRAFTS` (io/direct.py builds a province's memberships so: the
    constructor's validator and stores cost more than reading them)."""

    __slots__ = tuple(a.name for a in attrs.fields(Membership))


MEMBERSHIP_DRAFTS = drafts_become(MembershipDraft, Membership)


@attrs.frozen
class Governance:
    """Governance facts of a consortium.

    ``facts`` maps a fact id (from the fact catalog that core and plugins register) to
    ``True``/``False``; a fact that is absent is *unknown*, and a rule that needs it reports
    "not assessable", never a pass. ``departments`` names the management departments
    (管理部门) the consortium has set up, by the department ids of the fact catalog.
    """

    facts: Mapping[str, bool] = attrs.field(factory=dict, converter=frozen_mapping)
    departments: frozenset[str] | None = None

    def fact(self, fact_id: str) -> bool | None:
        return self.facts.get(fact_id)


#: A recorded act (a filing, a cancellation): its date; ``True`` when it was done on a date
#: not recorded; ``False`` when the record says it was not done; None when nothing is
#: recorded. Rules read it through :func:`done_on`.
Recorded = dt.date | bool | None


def done_on(value: Recorded, day: dt.date) -> bool | None:
    """Whether the act was done by ``day``: an act dated after ``day`` is not done yet.

    >>> day = dt.date(2020, 1, 1)
    >>> [done_on(v, day) for v in (dt.date(2019, 5, 1), dt.date(2020, 5, 1), True, False, None)]
    [True, False, True, False, None]
    """
    if isinstance(value, dt.date):
        return value <= day
    return value


def date_of(value: Recorded) -> dt.date | None:
    """The act's date, when one is recorded."""
    return value if isinstance(value, dt.date) else None


@attrs.frozen
class Change:
    """A material change to a consortium (重大变更) and when it was filed (see ``Recorded``)."""

    date: dt.date
    description: str = ""
    filed: Recorded = None


@attrs.frozen
class Filing:
    """The filing record (备案) of a consortium with the health commission.

    ``filed`` and ``cancelled`` are ``Recorded``: a date, ``true`` (done, date not recorded),
    ``false`` (recorded as not done) or absent (not recorded, so not assessable).
    """

    filed: Recorded = None
    cancelled: Recorded = None

    def __attrs_post_init__(self) -> None:
        filed, cancelled = self.filed, self.cancelled
        # Only two dates compare: true/false say done or not, without a day.
        if isinstance(filed, dt.date) and isinstance(cancelled, dt.date) and cancelled < filed:
            raise ValueError(f"cancelled {cancelled} is before filed {filed}")


@attrs.frozen
class Link:
    """A declared relation to another consortium or institution.

    ``relation`` names it (``pairs_with`` for an urban–rural pairing, ``guides`` for
    guidance of a hospital outside the consortium, ``branch_of`` ...); ``agreement`` says
    whether a signed agreement exists (None: unknown). ``since`` and ``until`` date it: a
    link that ended before the day a rule looks at no longer counts.
    """

    relation: str
    target: str
    agreement: bool | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"until {self.until} is before since {self.since}")

    def active_on(self, day: dt.date) -> bool:
        """Whether the link holds on ``day`` (from ``since``, up to but not on ``until``;
        unknown dates count as open, like memberships).

        >>> Link("pairs_with", "c", until=dt.date(2020, 1, 1)).active_on(dt.date(2021, 1, 1))
        False
        """
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


@attrs.frozen
class Routing:
    """Where primary care members may refer patients to (a consortium's routing policy).

    ``restricted_to`` is None when referral is unrestricted; otherwise the only institution
    ids a member may refer to. Rules about a patient's free choice check this.
    """

    restricted_to: frozenset[str] | None = None


def leads_of(members: tuple[Membership, ...]) -> tuple[str, ...]:
    """The institution ids of the members whose role is lead, in the members' order.

    >>> leads_of((Membership("t1"), Membership("h1", MemberRole.LEAD)))
    ('h1',)
    """
    # The roles gathered by a comprehension and compared in C: a county community has
    # hundreds of members and one lead; a generator resumed per member cost a tenth of
    # building a province's consortia, an attrgetter call per member more than the
    # comprehension's slot read.
    lead = _LEAD
    roles = [m.role for m in members]
    if roles.count(lead) == 1:
        return (members[roles.index(lead)].institution,)
    return tuple([m.institution for m in members if m.role is lead])


@attrs.frozen
class Consortium:
    """A medical consortium.

    ``division`` is the GB/T 2260 code of the area it serves (a county/district for a county
    medical community, a city or district for a city medical group). ``grid`` lists the
    townships/streets it is responsible for (网格).
    """

    id: str
    name: str
    kind: ConsortiumKind = attrs.field(validator=enum_of(ConsortiumKind))
    division: str
    members: tuple[Membership, ...]
    integration: Integration | None = attrs.field(default=None, validator=optional_enum_of(Integration))
    grid: frozenset[str] = frozenset()
    specialty: str | None = None
    formed: dt.date | None = None
    dissolved: dt.date | None = None
    governance: Governance = attrs.field(factory=Governance)
    filing: Filing = Filing()
    changes: tuple[Change, ...] = ()
    links: tuple[Link, ...] = ()
    routing: Routing | None = None
    name_en: str | None = None
    # Derived once: rules ask for the lead of every consortium, referral rules per referral.
    _leads: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.formed and self.dissolved and self.dissolved < self.formed:
            raise ValueError(f"dissolved {self.dissolved} is before formed {self.formed}")
        object.__setattr__(self, "_leads", leads_of(self.members))

    @property
    def leads(self) -> tuple[str, ...]:
        """Ids of the lead institutions (normally exactly one)."""
        return self._leads

    @property
    def lead(self) -> str | None:
        """The lead institution when there is exactly one, else None."""
        leads = self.leads
        return leads[0] if len(leads) == 1 else None

    def leads_on(self, day: dt.date) -> tuple[str, ...]:
        """Ids of the leads whose membership holds on ``day`` (a lead that left no longer leads)."""
        # The search stops at the last lead: a county community has hundreds of members and
        # one lead, usually listed first, and rules ask for the lead of every consortium.
        wanted = len(self._leads)
        found: list[str] = []
        lead = _LEAD
        for m in self.members:
            if not wanted:
                break
            if m.role is lead:
                wanted -= 1
                if m.active_on(day):
                    found.append(m.institution)
        return tuple(found)

    def lead_on(self, day: dt.date) -> str | None:
        """The lead on ``day`` when there is exactly one, else None."""
        leads = self.leads_on(day)
        return leads[0] if len(leads) == 1 else None

    def links_on(self, day: dt.date, relation: str | None = None) -> tuple[Link, ...]:
        """The links (of ``relation``, if given) that hold on ``day``."""
        return tuple(
            link
            for link in self.links
            if (relation is None or link.relation == relation) and link.active_on(day)
        )

    def member_ids(self, on: dt.date | None = None) -> tuple[str, ...]:
        """Institution ids of every membership (active on ``on`` when given), lead included."""
        return tuple(m.institution for m in self.members if on is None or m.active_on(on))

    def active_on(self, day: dt.date) -> bool:
        return (self.formed is None or self.formed <= day) and (
            self.dissolved is None or day < self.dissolved
        )
