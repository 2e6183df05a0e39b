"""The one cattrs converter: strict structuring of input files into the domain model.

Unknown keys are refused (``forbid_extra_keys``), and scalars are not coerced: ``"yes"``
is not a boolean and ``1.5`` is not a date. Division codes may be written as numbers in
YAML (``320612``) and are read as the six-digit string.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn

from .consortia import Membership

converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)


def _str(value: Any, _: type) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return str(value)


def _bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError("expected a date, got a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise TypeError(f"expected a date (YYYY-MM-DD), got {value!r}")


def _datetime(value: Any, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    raise TypeError(f"expected a date and time (ISO 8601), got {value!r}")


converter.register_structure_hook(str, _str)
converter.register_structure_hook(bool, _bool)
converter.register_structure_hook(int, _int)
converter.register_structure_hook(float, _float)
converter.register_structure_hook(dt.date, _date)
converter.register_structure_hook(dt.datetime, _datetime)

_membership = make_dict_structure_fn(Membership, converter, _cattrs_forbid_extra_keys=True)


def _membership_hook(value: Any, cls: type) -> Membership:
    # A bare id is shorthand for an ordinary member.
    if isinstance(value, str):
        return Membership(value)
    return _membership(value, cls)


converter.register_structure_hook(Membership, _membership_hook)
converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
converter.register_unstructure_hook(dt.datetime, lambda d: d.isoformat())
