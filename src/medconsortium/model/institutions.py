# Longer than 400 lines on purpose: the compact storage (shared profiles, drafts, readers)
# sits beside the classes it stores, so that one module knows how an institution is kept.
"""Medical institutions (医疗机构): what they are, their grade, who runs them and where.

:class:`Institution` is declared as an attrs class (its fields, defaults and validators are
what ``attrs.fields``, ``attrs.evolve``, cattrs and mypy see) but stored more compactly: a
province's list has millions of institutions. The fields that rules read of every
institution (id, name, type, ownership, township) are plain slots, as fast to read as
before; the others (level, division, provincially_administered, capabilities, grade,
name_en) are kept in one shared profile, one object for all the institutions alike (a
county's village clinics), read through properties, or at C speed through
:func:`field_reader` where a loop reads them of every institution. No slot is kept for
weak references: 80 bytes an institution instead of 128 (benchmarks/large_inputs.py).

>>> a = Institution("h1", "县医院", InstitutionLevel.SECONDARY, InstitutionType.COUNTY_HOSPITAL,
...                 Ownership.GOVERNMENT, "320612", "西亭镇")
>>> b = attrs.evolve(a, id="h2", grade=Grade.A)
>>> (b.id, b.township, b.grade), a == attrs.evolve(b, id="h1", grade=None)
(('h2', '西亭镇', <Grade.A: 'A'>), True)
>>> [f.name for f in attrs.fields(Institution)][:3], attrs.has(Institution)
(['id', 'name', 'level'], True)
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .checks import drafts_become, enum_of, optional_enum_of
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


# -- compact storage ----------------------------------------------------------------------
#: Kept together in one shared object, read through properties. Which fields: those rules
#: read of at most a few institutions, or read through :func:`field_reader` (counted over a
#: province's validate and assess, benchmarks/core.py 1x: type 249,000 reads, ownership
#: 164,000, id 127,000, name 89,000, township 80,000 stay slots; provincially_administered
#: 81,000 and capabilities 40,000, all but 40,000 through the rule context's field_reader,
#: level 3,000, division 200). A slot is read in about 50 instructions, a property in 650.
_SHARED = ("level", "division", "provincially_administered", "capabilities", "grade", "name_en")
_STORED = tuple(a.name for a in attrs.fields(Institution) if a.name not in _SHARED)


class _Profile:
    """The shared fields of an institution: one object for all the institutions alike (a
    county's village clinics have the same level, division and none of the rest)."""

    __slots__ = _SHARED

    def __init__(self, *values: object) -> None:
        # The values of _SHARED, in its order (typed where they are made, in _profile).
        for name, value in zip(_SHARED, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        # Shared by every institution alike: changing one would change them all.
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError


#: The shared profiles, by (level name, division, provincially_administered, capabilities):
#: only values of exactly these types are looked up (an equal value of another type, such
#: as ``1`` for ``True``, would read back as the profile's), and only without grade or
#: English name (rare, and an English name is one institution's own). A few thousand at
#: most: a country has about 3,000 counties.
_PROFILES: dict[tuple[str, str, bool, frozenset[str]], _Profile] = {}


def _profile(
    level: InstitutionLevel,
    division: str,
    provincially_administered: bool,
    capabilities: frozenset[str],
    grade: Grade | None,
    name_en: str | None,
) -> _Profile:
    if (
        grade is None
        and name_en is None
        and division.__class__ is str
        and provincially_administered.__class__ is bool
        and capabilities.__class__ is frozenset
        and (not capabilities or all(c.__class__ is str for c in capabilities))
    ):
        key = (level._name_, division, provincially_administered, capabilities)
        found = _PROFILES.get(key)
        if found is None:
            found = _PROFILES[key] = _Profile(
                level, division, provincially_administered, capabilities, None, None
            )
        return found
    return _Profile(level, division, provincially_administered, capabilities, grade, name_en)


_READERS = {name: operator.attrgetter(f"_profile.{name}") for name in _SHARED}


def divisions_of(institutions: Iterable[Institution]) -> list[str]:
    """The division of each institution, in order: ``[i.division for i in institutions]``,
    read from the shared profiles in one comprehension (a network's check and index each
    read a province's 40,000: the property costs 650 instructions an institution, an
    ``attrgetter`` call about 400, the comprehension's two slot reads far less).

    >>> i = Institution("h1", "县医院", InstitutionLevel.SECONDARY, InstitutionType.COUNTY_HOSPITAL,
    ...                 Ownership.GOVERNMENT, "320612")
    >>> divisions_of([i, i])
    ['320612', '320612']
    """
    return [i._profile.division for i in institutions]  # type: ignore[attr-defined]


def field_reader(name: str) -> Callable[[Institution], Any]:
    """A function reading the field (or any attribute) ``name`` of an institution: for a
    field kept in the shared profile, read there directly (one C call, about as fast as a
    slot, instead of the property's three), so that a loop over a province's institutions
    costs the same whichever field it asks.

    >>> i = Institution("h1", "县医院", InstitutionLevel.SECONDARY, InstitutionType.COUNTY_HOSPITAL,
    ...                 Ownership.GOVERNMENT, "320612", capabilities=frozenset({"icu"}))
    >>> [field_reader(f)(i) for f in ("division", "capabilities", "township", "is_primary_care")]
    ['320612', frozenset({'icu'}), None, False]
    """
    found = _READERS.get(name)
    return found if found is not None else operator.attrgetter(name)


def _compact(declared: type[Any]) -> type[Any]:
    """A class with the declared class's fields, methods and attrs metadata, storing
    :data:`_STORED` in slots and :data:`_SHARED` in one shared :class:`_Profile`."""
    fields = attrs.fields(declared)
    validators = tuple((a, a.validator) for a in fields if a.validator is not None)
    names = {a.name for a in fields}
    namespace: dict[str, Any] = {
        key: value
        for key, value in vars(declared).items()
        if key not in ("__slots__", "__dict__", "__weakref__", "__init__", "__getstate__", "__setstate__")
        and key not in names
    }
    namespace["__slots__"] = (*_STORED, "_profile")
    for name in _SHARED:
        namespace[name] = property(_READERS[name])
    defaults = {a.name: a.default for a in fields if a.default is not attrs.NOTHING}
    setattr_ = object.__setattr__

    def __init__(
        self: Any,
        id: str,
        name: str,
        level: InstitutionLevel,
        type: InstitutionType,
        ownership: Ownership,
        division: str,
        township: str | None = None,
        grade: Grade | None = None,
        provincially_administered: bool = False,
        name_en: str | None = None,
        capabilities: frozenset[str] = frozenset(),
    ) -> None:
        if not (
            level.__class__ is InstitutionLevel
            and type.__class__ is InstitutionType
            and ownership.__class__ is Ownership
            and grade is None
        ):
            # Anything else: the declared validators judge it, with their messages.
            given = {"level": level, "type": type, "ownership": ownership, "grade": grade}
            for attribute, validator in validators:
                validator(self, attribute, given[attribute.name])
        setattr_(self, "id", id)
        setattr_(self, "name", name)
        setattr_(self, "type", type)
        setattr_(self, "ownership", ownership)
        setattr_(self, "township", township)
        setattr_(
            self,
            "_profile",
            _profile(level, division, provincially_administered, capabilities, grade, name_en),
        )

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return (cls, tuple(getattr(self, a.name) for a in fields))

    namespace["__init__"] = __init__
    namespace["__reduce__"] = __reduce__
    cls = type(declared.__name__, declared.__bases__, namespace)
    # The signature above is the one attrs generates from the declaration: keep them one.
    signature = ("township", "grade", "provincially_administered", "name_en", "capabilities")
    assert defaults == dict(zip(signature, __init__.__defaults__ or (), strict=True)), defaults
    # ... and the validators are those of the fields it checks.
    assert {a.name for a, _ in validators} == {"level", "type", "ownership", "grade"}, validators
    __init__.__qualname__ = f"{declared.__qualname__}.__init__"
    return cls


if not TYPE_CHECKING:
    Institution = _compact(Institution)


_NO_CAPABILITIES: frozenset[str] = frozenset()


class _Draft:
    """Institution's slots in its layout, set by plain stores, then given its class."""

    __slots__ = (*_STORED, "_profile")


def _can_become() -> bool:
    return drafts_become(_Draft, Institution)


DRAFTS = _can_become()  #: whether built() may build through _Draft


def built(id: str, name: str, level: InstitutionLevel, type: InstitutionType, ownership: Ownership,
          division: str, township: str | None = None) -> Institution:  # fmt: skip
    """``Institution(id, name, level, type, ownership, division, township)``, built without the
    constructor's call and its six ``object.__setattr__`` (5,200 instructions fewer each).

    >>> a = built("h1", "县医院", InstitutionLevel.SECONDARY, InstitutionType.COUNTY_HOSPITAL,
    ...           Ownership.GOVERNMENT, "320612", "西亭镇")
    >>> a.__class__ is Institution, a == Institution(*attrs.astuple(a, recurse=False)[:7])
    (True, True)
    """
    if not (DRAFTS and level.__class__ is InstitutionLevel and type.__class__ is InstitutionType
            and ownership.__class__ is Ownership):  # fmt: skip
        return Institution(id, name, level, type, ownership, division, township)
    draft: Any = object.__new__(_Draft)
    draft.id, draft.name, draft.type, draft.ownership, draft.township = id, name, type, ownership, township
    draft._profile = _profile(level, division, False, _NO_CAPABILITIES, None, None)
    draft.__class__ = Institution
    return draft  # type: ignore[no-any-return]


#: For a reader building many in one loop as built() does, when DRAFTS (io/direct.py).
Draft, shared_profile = _Draft, _profile
