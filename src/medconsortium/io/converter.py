"""The one cattrs converter: strict structuring of input files into the domain model.

Unknown keys are refused (``forbid_extra_keys``), and scalars are not coerced: ``"yes"``
is not a boolean, ``1.5`` is not a date and a string is not a list (cattrs would
otherwise turn ``grid: "abc"`` into ``{"a", "b", "c"}``), and a number is not a string
(``name: 12345``, ``id: 7``). Division codes are the exception: they may be written as
numbers in YAML (``division: 320612``) and are read as the six-digit string.

Every hook raises ``TypeError``/``ValueError`` with a message meant for people; the
loaders print it after the path of the offending value.

cattrs itself is imported, and the converter built, on the first value that needs them
(:data:`converter`): a network whose consortia io/direct.py builds, with no secondments,
asks only for answers it can give without them (importing cattrs and building the
converter were ~50M callgrind instructions of a JSON ``medconsortium assess`` of the
benchmark province).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast, get_args, get_origin

import attrs

from ..model.consortia import Consortium, Membership, Recorded
from ..model.institutions import Institution
from ..model.staffing import Secondment
from . import direct

if TYPE_CHECKING:
    import cattrs

T = TypeVar("T")


def kind_of(value: Any) -> str:
    """How a value from an input file is called in messages (YAML/JSON words, not Python's).

    >>> kind_of("x"), kind_of([1]), kind_of({}), kind_of(None), kind_of(True), kind_of(1.5)
    ('a string', 'a list', 'a mapping', 'nothing (null)', 'a boolean', 'a number')
    """
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple | set | frozenset):
        return "a list"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    return type(value).__name__


def _str(value: Any, _: type) -> str:
    # A number is not a string: ``name: 12345`` or ``id: 7`` is a mistake in the file,
    # and quietly turning 007 into "7" would change an id. Division codes are the one
    # exception, handled where they occur (see _DIVISION_FIELDS).
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {kind_of(value)}")
    return value


#: Fields that hold a GB/T 2260 code, which YAML users write as a bare number (320612).
_DIVISION_FIELDS = ("division",)


def _division_numbers(value: Mapping[str, Any]) -> Mapping[str, Any]:
    if not any(type(value.get(f)) is int for f in _DIVISION_FIELDS):
        return value
    fixed = dict(value)
    for field in _DIVISION_FIELDS:
        if type(fixed.get(field)) is int:
            fixed[field] = str(fixed[field])
    return fixed


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
    number = float(value)
    # NaN compares false with everything: it would turn a missing value into "not met".
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError("expected a date, got a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None
    raise TypeError(f"expected a date (YYYY-MM-DD), got {kind_of(value)}")


def _datetime(value: Any, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date and time (ISO 8601)") from None
    raise TypeError(f"expected a date and time (ISO 8601), got {kind_of(value)}")


def _recorded(value: Any, _: type) -> Recorded:
    """A recorded act: a date, true (done, date not recorded) or false (not done)."""
    if value is None or isinstance(value, bool):
        return value
    try:
        return _date(value, dt.date)
    except (TypeError, ValueError):
        raise TypeError(
            f"expected a date (YYYY-MM-DD), true (done, date not recorded) or false (not done), got {value!r}"
        ) from None


def _is_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def _enum_factory(cls: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    by_value = {member.value: member for member in cls}
    allowed = ", ".join(str(v) for v in by_value)

    def hook(value: Any, _: type) -> enum.Enum:
        found = by_value.get(value) if type(value) is str else None  # the usual case, at once
        if found is not None:
            return found
        if isinstance(value, str | int) and not isinstance(value, bool) and value in by_value:
            return by_value[value]
        raise ValueError(f"{value!r} is not one of: {allowed}")

    return hook


def _is_collection(cls: Any) -> bool:
    origin = get_origin(cls)
    args = get_args(cls)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin in (frozenset, list) and len(args) == 1


def _collection_factory(cls: Any, converter: cattrs.Converter) -> Callable[[Any, type], Any]:
    from cattrs.cols import homogenous_tuple_structure_factory

    origin = get_origin(cls)
    item = get_args(cls)[0]
    as_tuple: Any = tuple[item, ...]  # type: ignore[valid-type]
    # cattrs' own tuple hook keeps the per-index error notes (``members[5]``).
    base = homogenous_tuple_structure_factory(as_tuple, converter)

    def hook(value: Any, _: type) -> Any:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {kind_of(value)}")
        items = base(value, as_tuple)
        return items if origin is tuple else origin(items)

    return hook


def _is_record(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls)


def _lazy_structure_fn(cls: type, converter: cattrs.Converter) -> Callable[[Any, type], Any]:
    """cattrs' structuring function of ``cls``, generated on its first call: the records read
    most (institutions, consortia, members) are built without it (io/direct.py), and
    generating theirs at the first look-up compiled seven functions and resolved their
    annotations in every process that read a network (32M callgrind instructions of
    ``medconsortium assess`` on the benchmark province); only a record left to cattrs
    pays for it now."""
    made: list[Callable[[Any, type], Any]] = []

    def structure(value: Any, target: type) -> Any:
        if not made:
            from cattrs.gen import make_dict_structure_fn

            made.append(make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True))
        return made[0](value, target)

    return structure


def _record_factory(cls: type, converter: cattrs.Converter) -> Callable[[Any, type], Any]:
    base = _lazy_structure_fn(cls, converter)
    has_division = any(a.name in _DIVISION_FIELDS for a in attrs.fields(cls))
    fast: Callable[[Any], Any] | None = (
        direct.institution if cls is Institution else direct.consortium if cls is Consortium else None
    )

    def hook(value: Any, _: type) -> Any:
        if fast is not None:
            built = fast(value)  # the usual case, without cattrs (io/direct.py)
            if built is not None:
                return built
        # Without this, a string where a mapping belongs fails on every field at once.
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a mapping, got {kind_of(value)}")
        return base(_division_numbers(value) if has_division else value, cls)

    return hook


def _membership_factory(cls: type, converter: cattrs.Converter) -> Callable[[Any, type], Membership]:
    base = _lazy_structure_fn(Membership, converter)

    def hook(value: Any, _: type) -> Membership:
        built = direct.membership(value)  # the usual case, without cattrs (io/direct.py)
        if built is not None:
            return built
        # A bare id is shorthand for an ordinary member.
        if isinstance(value, str):
            return Membership(value)
        if not isinstance(value, Mapping):
            raise TypeError(f"expected an institution id or a mapping, got {kind_of(value)}")
        member: Membership = base(value, Membership)
        return member

    return hook


def make_converter(detailed: bool = True) -> cattrs.Converter:
    """A strict converter. ``detailed`` records where each error happened, which the
    loaders need for their messages (measured: no slower on a province-scale network)."""
    import cattrs

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(dt.datetime, _datetime)
    conv.register_structure_hook_func(lambda cls: cls == Recorded, _recorded)
    conv.register_structure_hook_factory(_is_enum, _enum_factory)
    conv.register_structure_hook_factory(_is_collection, _collection_factory)
    conv.register_structure_hook_factory(_is_record, _record_factory)
    conv.register_structure_hook_factory(lambda cls: cls is Membership, _membership_factory)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(dt.datetime, lambda d: d.isoformat())
    return conv


def structure_errors() -> tuple[type[Exception], ...]:
    """What the converter raises at a bad value: ``ValueError``, ``TypeError`` and cattrs'
    own errors, imported here (by then the converter that raised one has imported cattrs)."""
    import cattrs

    return (cattrs.BaseValidationError, cattrs.ForbiddenExtraKeysError, ValueError, TypeError)


_UNSURE: Any = object()


def _each(build: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def plain(value: Any) -> Any:
        built = direct.each(build, value)
        return _UNSURE if built is None else built

    return plain


#: What the strict converter gives, where it is plain to see without it: the value itself
#: for a boolean or a string that is one, and the records io/direct.py builds (as the
#: converter's own hooks would, through the same builders); otherwise _UNSURE.
_PLAIN: dict[Any, Callable[[Any], Any]] = {
    bool: lambda value: value if type(value) is bool else _UNSURE,
    str: lambda value: value if type(value) is str else _UNSURE,
    tuple[Consortium, ...]: _each(direct.consortium),
    tuple[Secondment, ...]: _each(lambda _value: None),  # an empty list only
}


class _OnFirstUse:
    """The strict converter (:func:`make_converter`), built when a value first needs it."""

    def __init__(self) -> None:
        self._built: cattrs.Converter | None = None

    def built(self) -> cattrs.Converter:
        if self._built is None:
            self._built = make_converter(detailed=True)
        return self._built

    def structure(self, value: Any, cls: type[T]) -> T:
        plain = _PLAIN.get(cls)
        if plain is not None:
            try:
                found = plain(value)
            except Exception:  # the converter raises it again, with its place
                found = _UNSURE
            if found is not _UNSURE:
                return cast(T, found)
        return self.built().structure(value, cls)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.built(), name)


#: The converter of input files: every error is reported with its path.
converter = _OnFirstUse()
