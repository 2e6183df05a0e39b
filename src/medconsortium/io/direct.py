# Longer than 400 lines on purpose: each builder sits beside the others whose checks it
# shares, and all of them must accept exactly what the converter accepts.
"""Model objects built straight from parsed data, without cattrs: the usual case, fast.

A province has tens of thousands of institutions and memberships; structuring each through
cattrs' generated functions cost more than parsing the file (benchmarks/core.py). The
builders here accept only what the strict converter (:mod:`medconsortium.io.converter`)
accepts, and give the same object; for anything else (a wrong type, an unknown key, a bad
date) they answer None, and the converter structures the value instead, raising its error
with the path. So every check and every message stays the converter's.

>>> institution({"id": "h1", "name": "县医院", "level": "secondary", "type": "county_hospital",
...              "ownership": "government", "division": 320612}).division
'320612'
>>> institution({"id": 7, "name": "县医院", "level": "secondary", "type": "county_hospital",
...              "ownership": "government", "division": "320612"}) is None
True
>>> membership("h1").role.value, membership({"institution": "h1", "joined": "2020-01-01"}).joined
('member', datetime.date(2020, 1, 1))
>>> data = {"id": "c1", "name": "医共体", "kind": "county_medical_community", "division": "320612",
...         "members": [{"institution": "h1", "role": "lead"}, "t1"],
...         "governance": {"facts": {"charter": True}}}
>>> c = consortium(data)
>>> c.leads, c.governance.fact("charter"), consortium({**data, "routing": {}}) is None
(('h1',), True, True)
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from ..model.consortia import (
    MEMBERSHIP_DRAFTS,
    Consortium,
    ConsortiumKind,
    Filing,
    Governance,
    Integration,
    Link,
    MemberRole,
    Membership,
    MembershipDraft,
    Recorded,
)
from ..model.institutions import (
    DRAFTS,
    Draft,
    Grade,
    Institution,
    InstitutionLevel,
    InstitutionType,
    Ownership,
    built,
    shared_profile,
)

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


def _values(cls: type[E]) -> dict[str, E]:
    return {member.value: member for member in cls}


_LEVELS = _values(InstitutionLevel)
_TYPES = _values(InstitutionType)
_OWNERSHIPS = _values(Ownership)
_GRADES = _values(Grade)
_ROLES = _values(MemberRole)
_INSTITUTION_KEYS = frozenset(a.name for a in attrs.fields(Institution))
_MEMBERSHIP_KEYS = frozenset(a.name for a in attrs.fields(Membership))
_NO_CAPABILITIES: frozenset[str] = frozenset()
_NO_FACTS: dict[str, bool] = {}
#: Read once: on Python 3.11 a member read from its enumeration goes through
#: ``EnumType.__getattr__`` (600 to 1,800 instructions; a name in the module costs a few).
_MEMBER = MemberRole.MEMBER


def _member(table: dict[str, E], value: Any) -> E | None:
    return table.get(value) if type(value) is str else None


def institution(data: Any) -> Institution | None:
    """The institution of a mapping read from a file, or None when the converter must judge it.

    Division and township strings are interned: a county has thousands of institutions,
    and one string each keeps a large network smaller (benchmarks/large_inputs.py).
    """
    if not isinstance(data, dict) or not _INSTITUTION_KEYS.issuperset(data):
        return None
    get = data.get
    ident, name, division = get("id"), get("name"), get("division")
    if type(ident) is not str or type(name) is not str:
        return None
    if type(division) is int:
        division = str(division)  # a code written as a number, as the converter reads it
    elif type(division) is not str:
        return None
    level, kind, ownership = (
        _member(_LEVELS, get("level")),
        _member(_TYPES, get("type")),
        _member(_OWNERSHIPS, get("ownership")),
    )
    if level is None or kind is None or ownership is None:
        return None
    township, name_en, grade = get("township"), get("name_en"), get("grade")
    if township is not None:
        if type(township) is not str:
            return None
        township = sys.intern(township)
    if name_en is not None and type(name_en) is not str:
        return None
    if grade is not None:
        grade = _member(_GRADES, grade)
        if grade is None:
            return None
    provincial = get("provincially_administered", False)
    if type(provincial) is not bool:
        return None
    capabilities = get("capabilities")
    if capabilities is None:
        if "capabilities" in data:
            return None  # null is not a list: the converter says so
        if grade is None and name_en is None and provincial is False:
            # The usual institution: built without the constructor's call (same object).
            return built(ident, name, level, kind, ownership, sys.intern(division), township)
        capabilities = _NO_CAPABILITIES
    elif type(capabilities) is list or type(capabilities) is tuple:
        if not all(type(c) is str for c in capabilities):
            return None
        capabilities = frozenset(capabilities)
    else:
        return None
    return Institution(
        ident,
        name,
        level,
        kind,
        ownership,
        sys.intern(division),
        township,
        grade,
        provincial,
        name_en,
        capabilities,
    )


#: The fields every institution has, read from its mapping in one call; the usual institution
#: has these and at most a township, which :func:`institutions` builds in its own loop.
_REQUIRED = operator.itemgetter("id", "name", "level", "type", "ownership", "division")


def institutions(items: Any) -> tuple[Institution, ...] | None:
    """``each(institution, items)``: the same institutions, or None as soon as one is left
    to the converter.

    The usual institution (strings for its ids, names and codes, no optional field but the
    township) is built here in one loop, as :func:`~medconsortium.model.institutions.built`
    builds it, its profile looked up once per level and division: a call per institution
    and per field cost more than parsing the file (benchmarks/core.py). Any other item goes
    through :func:`institution`.

    >>> data = {"id": "h1", "name": "县医院", "level": "secondary", "type": "county_hospital",
    ...         "ownership": "government", "division": "320612"}
    >>> items = [data, {**data, "id": "h2", "township": "镇"}, {**data, "id": "h3", "grade": "A"}]
    >>> institutions(items) == each(institution, items)
    True
    >>> institutions([data, {**data, "level": "high"}]), institutions([{**data, "rank": 1}]), institutions({})
    (None, None, None)
    """
    if not (type(items) is list or type(items) is tuple):
        return None
    if not DRAFTS:
        return each(institution, items)
    out: list[Institution] = []
    append, required, new, intern = out.append, _REQUIRED, object.__new__, sys.intern
    levels, kinds, ownerships = _LEVELS, _TYPES, _OWNERSHIPS
    cls, no_capabilities = Institution, _NO_CAPABILITIES
    # The shared profiles met, by level and division: a county's institutions share a few.
    profiles: dict[str, dict[str, Any]] = {}
    # The last values met and what they gave: a file lists a county's institutions together,
    # and comparing two short strings costs less than hashing one read from the file (its
    # hash is not computed yet) for each lookup (callgrind, benchmarks/core.py 1x).
    # (None first: unequal to any string, an empty one included.)
    last_level: str | None = None
    last_division: str | None = None
    last_kind: str | None = None
    last_ownership: str | None = None
    profile: Any = None
    kind_found: Any = None
    ownership_found: Any = None
    for data in items:
        if type(data) is dict:
            count = len(data)
            try:
                ident, name, level, kind, ownership, division = required(data)
            except KeyError:
                count = 0
            # Six keys are the required ones; a seventh must be the township. A division
            # written as a number is left to institution(), which reads it.
            if (count == 6 or (count == 7 and "township" in data)) and type(division) is str:
                township = data["township"] if count == 7 else None
                # Anything else amiss here makes institution() answer None, and so this.
                if not (
                    type(ident) is str
                    and type(name) is str
                    and type(level) is str
                    and type(kind) is str
                    and type(ownership) is str
                    and (township is None or type(township) is str)
                ):
                    return None
                if kind != last_kind:
                    kind_found = kinds.get(kind)
                    if kind_found is None:
                        return None
                    last_kind = kind
                if ownership != last_ownership:
                    ownership_found = ownerships.get(ownership)
                    if ownership_found is None:
                        return None
                    last_ownership = ownership
                if division != last_division or level != last_level:
                    try:
                        profile = profiles[level][division]
                    except KeyError:
                        if level not in levels:
                            return None
                        profile = profiles.setdefault(level, {})[division] = shared_profile(
                            levels[level], intern(division), False, no_capabilities, None, None
                        )
                    last_level, last_division = level, division
                # One store a statement: a tuple assignment of four builds and unpacks a tuple.
                draft: Any = new(Draft)
                draft.id = ident
                draft.name = name
                draft.type = kind_found
                draft.ownership = ownership_found
                draft.township = township if township is None else intern(township)
                draft._profile = profile
                draft.__class__ = cls
                append(draft)
                continue
        one = institution(data)
        if one is None:
            return None
        append(one)
    return tuple(out)


def _day(value: Any, days: dict[str, dt.date]) -> dt.date | bool | None:
    """A date read from a file: the date, None for none, False when the converter must
    judge it; each string read once, kept in ``days`` (a consortium's members joined on a
    few days)."""
    if type(value) is str:
        found = days.get(value)
        if found is None:
            try:
                found = days[value] = dt.date.fromisoformat(value)
            except ValueError:
                return False
        return found
    if value is None or type(value) is dt.date:
        return value
    return False


def _date(value: Any) -> dt.date | bool | None:
    """:func:`_day` of a date read alone (a consortium's, a link's)."""
    return _day(value, {})


def membership(data: Any, days: dict[str, dt.date] | None = None) -> Membership | None:
    """The membership of a bare institution id or a mapping, or None when the converter
    must judge it. ``days``: the dates read so far, by their text (see :func:`memberships`)."""
    if type(data) is str:
        return Membership(data)
    if not isinstance(data, dict) or not _MEMBERSHIP_KEYS.issuperset(data):
        return None
    get = data.get
    ident = get("institution")
    if type(ident) is not str:
        return None
    role = get("role")
    if role is None:
        if "role" in data:
            return None
        role = _MEMBER
    else:
        role = _member(_ROLES, role)
        if role is None:
            return None
    if days is None:
        days = {}
    joined, left = _day(get("joined"), days), _day(get("left"), days)
    if joined is False or left is False:
        return None
    if not MEMBERSHIP_DRAFTS:
        try:
            return Membership(ident, role, joined, left)  # type: ignore[arg-type]
        except ValueError:  # left before joined: the converter reports it at its place
            return None
    # The constructor's stores and its validator of the role (found in _ROLES above) cost
    # more than reading the mapping (a province whose members are written with the day
    # they joined); the model's own check runs as in the constructor.
    draft: Any = object.__new__(MembershipDraft)
    draft.institution = ident
    draft.role = role
    draft.joined = joined
    draft.left = left
    draft.__class__ = Membership
    try:
        draft.__attrs_post_init__()
    except ValueError:  # left before joined: the converter reports it at its place
        return None
    made: Membership = draft
    return made


def memberships(items: Any) -> tuple[Membership, ...] | None:
    """``each(membership, items)``, a bare institution id built in this loop without the
    constructor's call (a province has tens of thousands).

    >>> items = ["h1", {"institution": "h2", "role": "lead"}, {"institution": "h3", "joined": "2020-01-01"}]
    >>> memberships(items) == each(membership, items)
    True
    >>> memberships(["h1", 7]), memberships("h1")
    (None, None)
    """
    if not (type(items) is list or type(items) is tuple):
        return None
    if not MEMBERSHIP_DRAFTS:
        return each(membership, items)
    out: list[Membership] = []
    append, new, cls, member = out.append, object.__new__, Membership, _MEMBER
    days: dict[str, dt.date] = {}
    for item in items:
        if type(item) is str:
            draft: Any = new(MembershipDraft)
            # One store a statement, as in institutions().
            draft.institution = item
            draft.role = member
            draft.joined = None
            draft.left = None
            draft.__class__ = cls
            append(draft)
            continue
        one = membership(item, days)
        if one is None:
            return None
        append(one)
    return tuple(out)


#: Parts of a consortium built here; any other key present (changes, routing) leaves the
#: consortium to the converter.
_CONSORTIUM_DIRECT = frozenset(
    {
        "id",
        "name",
        "kind",
        "division",
        "members",
        "integration",
        "grid",
        "specialty",
        "formed",
        "dissolved",
        "governance",
        "filing",
        "links",
        "name_en",
    }
)
_GOVERNANCE_KEYS = frozenset({"facts", "departments"})
_FILING_KEYS = frozenset({"filed", "cancelled"})
_LINK_KEYS = frozenset(a.name for a in attrs.fields(Link))
_KINDS = _values(ConsortiumKind)
_INTEGRATIONS = _values(Integration)


def _strings(value: Any) -> frozenset[str] | None:
    """A list of strings as a set, or None when the converter must judge it."""
    if (type(value) is list or type(value) is tuple) and all(type(v) is str for v in value):
        return frozenset(value)
    return None


def _recorded(value: Any) -> Recorded | str:
    """A recorded act (a date, true, false or None), or "" when the converter must judge it."""
    if value is None or value is True or value is False:
        return value
    found = _date(value)
    return "" if found is False else found


def each(build: Callable[[Any], T | None], items: Any) -> tuple[T, ...] | None:
    """``build`` applied to every item of the list ``items``; None when ``items`` is not a
    list or tuple, or as soon as one item is left to the converter.

    >>> each(lambda x: x if x > 0 else None, [1, 2]), each(lambda x: x if x > 0 else None, [1, 0])
    ((1, 2), None)
    """
    if not (type(items) is list or type(items) is tuple):
        return None
    built = []
    for item in items:
        one = build(item)
        if one is None:
            return None
        built.append(one)
    return tuple(built)


def consortium(data: Any) -> Consortium | None:
    """The consortium of a mapping read from a file, or None when the converter must judge
    it (a wrong type, an unknown key, a part built only by the converter, a bad date)."""
    if not isinstance(data, dict) or not _CONSORTIUM_DIRECT.issuperset(data):
        return None
    get = data.get
    ident, name, division = get("id"), get("name"), get("division")
    if type(ident) is not str or type(name) is not str:
        return None
    if type(division) is int:
        division = str(division)
    elif type(division) is not str:
        return None
    kind = _member(_KINDS, get("kind"))
    raw_members = get("members")
    if kind is None or not (type(raw_members) is list or type(raw_members) is tuple):
        return None
    members = memberships(raw_members)
    if members is None:
        return None
    extra: dict[str, Any] = {}
    integration = get("integration")
    if integration is not None:
        integration = _member(_INTEGRATIONS, integration)
        if integration is None:
            return None
    for key in ("specialty", "name_en"):
        value = get(key)
        if value is not None:
            if type(value) is not str:
                return None
            extra[key] = value
    for key in ("formed", "dissolved"):
        if key in data:
            day = _date(data[key])
            if day is False:
                return None
            extra[key] = day
    for key, build in _PARTS:
        if key in data:
            part = build(data[key])
            if part is None:
                return None
            extra[key] = part
    try:
        return Consortium(ident, name, kind, division, members, integration, **extra)
    except ValueError:  # dissolved before formed: the converter reports it at its place
        return None


def _governance(value: Any) -> Governance | None:
    if not isinstance(value, dict) or not _GOVERNANCE_KEYS.issuperset(value):
        return None
    facts = value.get("facts", _NO_FACTS)
    if not isinstance(facts, dict) or not all(
        type(k) is str and (v is True or v is False) for k, v in facts.items()
    ):
        return None
    departments = value.get("departments")
    if departments is not None:
        departments = _strings(departments)
        if departments is None:
            return None
    return Governance(facts, departments)


def _filing(value: Any) -> Filing | None:
    if not isinstance(value, dict) or not _FILING_KEYS.issuperset(value):
        return None
    filed, cancelled = _recorded(value.get("filed")), _recorded(value.get("cancelled"))
    if filed == "" or cancelled == "":
        return None
    try:
        return Filing(filed, cancelled)  # type: ignore[arg-type]
    except ValueError:
        return None


def _links(value: Any) -> tuple[Link, ...] | None:
    if not (type(value) is list or type(value) is tuple):
        return None
    links = []
    for item in value:
        if not isinstance(item, dict) or not _LINK_KEYS.issuperset(item):
            return None
        relation, target, agreement = item.get("relation"), item.get("target"), item.get("agreement")
        if type(relation) is not str or type(target) is not str:
            return None
        if not (agreement is None or agreement is True or agreement is False):
            return None
        since, until = _date(item.get("since")), _date(item.get("until"))
        if since is False or until is False:
            return None
        try:
            links.append(Link(relation, target, agreement, since, until))  # type: ignore[arg-type]
        except ValueError:
            return None
    return tuple(links)


#: The optional parts of a consortium built by a reader of their own, in this order.
_PARTS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("grid", _strings),
    ("governance", _governance),
    ("filing", _filing),
    ("links", _links),
)
