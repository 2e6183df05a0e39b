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
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from typing import Any, TypeVar

import attrs

from ..model.consortia import MemberRole, Membership
from ..model.institutions import Grade, Institution, InstitutionLevel, InstitutionType, Ownership

E = TypeVar("E", bound=enum.Enum)


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


def _date(value: Any) -> dt.date | bool | None:
    """A membership date: the date, None for none, False when the converter must judge it."""
    if value is None or type(value) is dt.date:
        return value
    if type(value) is str:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return False
    return False


def membership(data: Any) -> Membership | None:
    """The membership of a bare institution id or a mapping, or None when the converter
    must judge it."""
    if type(data) is str:
        return Membership(data)
    if not isinstance(data, dict) or not _MEMBERSHIP_KEYS.issuperset(data):
        return None
    ident = data.get("institution")
    if type(ident) is not str:
        return None
    role = data.get("role")
    if role is None:
        if "role" in data:
            return None
        role = MemberRole.MEMBER
    else:
        role = _member(_ROLES, role)
        if role is None:
            return None
    joined, left = _date(data.get("joined")), _date(data.get("left"))
    if joined is False or left is False:
        return None
    try:
        return Membership(ident, role, joined, left)  # type: ignore[arg-type]
    except ValueError:  # left before joined: the converter reports it at its place
        return None
