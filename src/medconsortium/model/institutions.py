"""Medical institutions (医疗机构): what they are, their grade, who runs them and where."""

from __future__ import annotations

import enum

import attrs

from .checks import enum_of, optional_enum_of
from .labels import Label


class InstitutionLevel(enum.Enum):
    """Hospital grade (医院等级). Primary care institutions are usually ``primary`` or ``unrated``."""

    TERTIARY = "tertiary"
    SECONDARY = "secondary"
    PRIMARY = "primary"
    UNRATED = "unrated"

    @property
    def rank(self) -> int:
        """Higher is more senior; used to derive referral direction and lead seniority."""
        return _LEVEL_RANK[self]

    @property
    def label(self) -> Label:
        return _LEVEL_LABELS[self]


_LEVEL_RANK = {
    InstitutionLevel.TERTIARY: 3,
    InstitutionLevel.SECONDARY: 2,
    InstitutionLevel.PRIMARY: 1,
    InstitutionLevel.UNRATED: 0,
}
_LEVEL_LABELS = {
    InstitutionLevel.TERTIARY: Label("三级医院", "tertiary hospital"),
    InstitutionLevel.SECONDARY: Label("二级医院", "secondary hospital"),
    InstitutionLevel.PRIMARY: Label("一级医院", "primary-grade hospital"),
    InstitutionLevel.UNRATED: Label("未定级", "unrated"),
}


class Grade(enum.Enum):
    """Sub-grade within a level: 甲等 (A), 乙等 (B), 丙等 (C)."""

    A = "A"
    B = "B"
    C = "C"


class InstitutionType(enum.Enum):
    """Kind of institution, named as in the glossary."""

    # Members are singletons, equal only to themselves: hashing by identity is the same
    # equality at C speed (Enum's own __hash__ is Python code, and rules ask "is it
    # primary care" of every institution of a province, benchmarks/core.py).
    __hash__ = object.__hash__

    GENERAL_HOSPITAL = "general_hospital"
    COUNTY_HOSPITAL = "county_hospital"
    TCM_HOSPITAL = "tcm_hospital"
    COUNTY_TCM_HOSPITAL = "county_tcm_hospital"
    MATERNAL_CHILD = "maternal_child"
    SPECIALTY_HOSPITAL = "specialty_hospital"
    REHABILITATION_HOSPITAL = "rehabilitation_hospital"
    NURSING_HOME = "nursing_home"
    TOWNSHIP_HEALTH_CENTRE = "township_health_centre"
    CENTRAL_TOWNSHIP_HEALTH_CENTRE = "central_township_health_centre"
    COMMUNITY_HEALTH_CENTRE = "community_health_centre"
    COMMUNITY_HEALTH_STATION = "community_health_station"
    VILLAGE_CLINIC = "village_clinic"
    CDC = "cdc"
    PUBLIC_HEALTH = "public_health"

    @property
    def label(self) -> Label:
        return _TYPE_LABELS[self]

    @property
    def is_primary_care(self) -> bool:
        """基层医疗卫生机构: township and community centres, stations and village clinics."""
        return self in PRIMARY_CARE_TYPES

    @property
    def is_continuing_care(self) -> bool:
        """接续性医疗机构: rehabilitation hospitals and nursing homes."""
        return self in (InstitutionType.REHABILITATION_HOSPITAL, InstitutionType.NURSING_HOME)

    @property
    def is_public_health(self) -> bool:
        return self in (InstitutionType.CDC, InstitutionType.PUBLIC_HEALTH)


_TYPE_LABELS = {
    InstitutionType.GENERAL_HOSPITAL: Label("综合医院", "general hospital"),
    InstitutionType.COUNTY_HOSPITAL: Label("县级医院", "county hospital"),
    InstitutionType.TCM_HOSPITAL: Label("中医医院", "TCM hospital"),
    InstitutionType.COUNTY_TCM_HOSPITAL: Label("县中医院", "county TCM hospital"),
    InstitutionType.MATERNAL_CHILD: Label("妇幼保健机构", "maternal and child health institution"),
    InstitutionType.SPECIALTY_HOSPITAL: Label("专科医院", "specialty hospital"),
    InstitutionType.REHABILITATION_HOSPITAL: Label("康复医院", "rehabilitation hospital"),
    InstitutionType.NURSING_HOME: Label("护理院", "nursing home"),
    InstitutionType.TOWNSHIP_HEALTH_CENTRE: Label("乡镇卫生院", "township health centre"),
    InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE: Label("中心卫生院", "central township health centre"),
    InstitutionType.COMMUNITY_HEALTH_CENTRE: Label("社区卫生服务中心", "community health service centre"),
    InstitutionType.COMMUNITY_HEALTH_STATION: Label("社区卫生服务站", "community health service station"),
    InstitutionType.VILLAGE_CLINIC: Label("村卫生室", "village clinic"),
    InstitutionType.CDC: Label("疾控中心", "CDC"),
    InstitutionType.PUBLIC_HEALTH: Label("公共卫生机构", "public health institution"),
}

PRIMARY_CARE_TYPES = frozenset(
    {
        InstitutionType.TOWNSHIP_HEALTH_CENTRE,
        InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE,
        InstitutionType.COMMUNITY_HEALTH_CENTRE,
        InstitutionType.COMMUNITY_HEALTH_STATION,
        InstitutionType.VILLAGE_CLINIC,
    }
)


class Ownership(enum.Enum):
    """Who runs the institution: 政府办, 公办 (other public), 民营/社会办."""

    GOVERNMENT = "government"
    PUBLIC = "public"
    PRIVATE = "private"

    @property
    def label(self) -> Label:
        return {
            Ownership.GOVERNMENT: Label("政府办", "government-run"),
            Ownership.PUBLIC: Label("公办", "public"),
            Ownership.PRIVATE: Label("社会办", "private"),
        }[self]


@attrs.frozen
class Institution:
    """A medical or public-health institution.

    ``division`` is the county-level GB/T 2260 code of where it stands; ``township`` the
    township or street (乡镇/街道) inside it, which grids are made of. ``capabilities``
    names what it is equipped for (e.g. ``chest_pain_centre``), as plugins define them.
    """

    id: str
    name: str
    level: InstitutionLevel = attrs.field(validator=enum_of(InstitutionLevel))
    type: InstitutionType = attrs.field(validator=enum_of(InstitutionType))
    ownership: Ownership = attrs.field(validator=enum_of(Ownership))
    division: str
    township: str | None = None
    grade: Grade | None = attrs.field(default=None, validator=optional_enum_of(Grade))
    provincially_administered: bool = False
    name_en: str | None = None
    capabilities: frozenset[str] = frozenset()

    @property
    def is_primary_care(self) -> bool:
        return self.type.is_primary_care

    @property
    def is_public(self) -> bool:
        """Government-run or other public ownership."""
        return self.ownership is not Ownership.PRIVATE

    @property
    def seniority(self) -> int:
        """Rank that orders institutions for referral direction.

        Primary care ranks lowest, then continuing-care institutions (rehabilitation
        hospitals, nursing homes: the glossary's 下转 goes "to primary care and
        continuing-care institutions"), then other hospitals by level. The grade letter
        (甲/乙) does not count: a referral between two secondary hospitals is lateral.
        """
        if self.is_primary_care:
            return 0
        if self.type.is_continuing_care:
            return 1
        return 2 + self.level.rank
