"""What keeps model objects sound when they are built in memory, as loaded ones are:
read-only mappings, and enum fields that refuse plain strings with a clear error.

>>> from medconsortium import Institution, InstitutionType, Ownership
>>> Institution("h1", "县医院", "secondary", InstitutionType.COUNTY_HOSPITAL, Ownership.GOVERNMENT, "320612")
Traceback (most recent call last):
...
TypeError: Institution.level: 'secondary' is a str, not a member of InstitutionLevel
(write InstitutionLevel('secondary') or InstitutionLevel.<NAME>)
>>> facts = frozen_mapping({"charter": True})
>>> facts["charter"], isinstance(facts, dict)
(True, False)
"""

from __future__ import annotations

import enum
import types
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

E = TypeVar("E", bound=enum.Enum)
A = TypeVar("A", bound=attrs.AttrsInstance)


def frozen_mapping(value: Mapping[str, bool]) -> Mapping[str, bool]:
    """A read-only copy: a frozen object must not share a dict that someone can change."""
    if isinstance(value, types.MappingProxyType):
        return value
    return types.MappingProxyType(dict(value))


def frozen_names(value: Mapping[str, str]) -> Mapping[str, str]:
    """As :func:`frozen_mapping`, for names by id (a report's ``names``)."""
    if isinstance(value, types.MappingProxyType):
        return value
    return types.MappingProxyType(dict(value))


def draft_class(cls: type) -> type:
    """The draft of a frozen slotted attrs class: a subclass with no slots of its own whose
    objects take plain attribute stores, for a builder that fills each slot once and then
    sets the object's class to ``cls`` (calling each slot's ``__set__`` through the frozen
    class's ``__setattr__`` cost a call per field). Both ``__setattr__`` and
    ``__delattr__`` are object's own, so that the type's one setattr slot is object's (a
    store straight into the slot); with only ``__setattr__`` replaced, Python calls it
    through a wrapper.

    >>> @attrs.frozen
    ... class Point:
    ...     x: int
    >>> made = object.__new__(draft_class(Point))
    >>> made.x = 1
    >>> made.__class__ = Point
    >>> made == Point(1), drafts_become(draft_class(Point), Point)
    (True, True)
    """
    body = {"__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__}
    return type(f"_Draft{cls.__name__}", (cls,), {"__module__": cls.__module__, **body})


def plain_fields(cls: type, validated: tuple[str, ...], names: tuple[str, ...] | None = None) -> bool:
    """Whether a builder that stores every field of the attrs class ``cls`` itself misses
    none of its checks: no converter or factory, validators only on the fields named in
    ``validated`` (which the builder applies itself), and, when given, exactly the fields
    ``names``, in that order. The class's ``__attrs_post_init__`` is the builder's to run.

    >>> @attrs.frozen
    ... class Point:
    ...     x: int = attrs.field(validator=attrs.validators.instance_of(int))
    ...     y: int = 0
    >>> plain_fields(Point, ("x",)), plain_fields(Point, ()), plain_fields(Point, ("x",), ("y", "x"))
    (True, False, False)
    """
    fields = attrs.fields(cls)
    factory: type = type(attrs.Factory(list))
    if names is not None and tuple(a.name for a in fields) != names:
        return False
    if any(a.converter is not None or isinstance(a.default, factory) for a in fields):
        return False
    return tuple(a.name for a in fields if a.validator is not None) == validated


def drafts_become(draft: type, cls: type) -> bool:
    """Whether an object of ``draft`` (a class with ``cls``'s slots whose objects are
    filled by plain stores) can have its class set to ``cls``: Python allows it only
    between the same layouts. Checked once, where a module builds frozen objects that way.

    >>> class Point:
    ...     __slots__ = ("x",)
    >>> class Draft(Point):
    ...     __slots__ = ()
    >>> class Wider(Point):
    ...     __slots__ = ("y",)
    >>> drafts_become(Draft, Point), drafts_become(Wider, Point)
    (True, False)
    """
    made: Any = object.__new__(draft)
    try:
        made.__class__ = cls
    except TypeError:
        return False
    return True


def replacer(cls: type[A], *names: str) -> Callable[..., A]:
    """A function ``(obj, *values) -> A`` giving ``attrs.evolve(obj, **dict(zip(names,
    values)))`` for an ``obj`` of the frozen slotted attrs class ``cls``: its other values
    passed their checks when ``obj`` was built, so the copy is stored slot by slot into a
    draft (:func:`draft_class`) that then becomes a ``cls``, and the class's own
    ``__attrs_post_init__`` runs, as in the constructor (evolve running every field's
    checks again cost more than reading a referral's row, callgrind). Generated, as attrs
    generates ``__init__``. Evolve itself when a field named has a validator or converter,
    or a field not set by ``__init__`` has a default (the copy would keep the old value),
    or a draft cannot become a ``cls``.

    >>> @attrs.frozen
    ... class Span:
    ...     start: int
    ...     end: int
    ...     def __attrs_post_init__(self) -> None:
    ...         if self.end < self.start:
    ...             raise ValueError("end before start")
    >>> replacer(Span, "end")(Span(1, 2), 5)
    Span(start=1, end=5)
    >>> replacer(Span, "end")(Span(1, 2), 0)
    Traceback (most recent call last):
    ...
    ValueError: end before start
    """
    fields = attrs.fields(cls)
    draft = draft_class(cls)
    plain = (
        all(
            getattr(fields, name).validator is None and getattr(fields, name).converter is None
            for name in names
        )
        and all(a.init or a.default is attrs.NOTHING for a in fields)
        and drafts_become(draft, cls)
    )
    if not plain:

        def evolved(obj: A, *values: Any) -> A:
            return attrs.evolve(obj, **dict(zip(names, values, strict=True)))  # type: ignore[misc]

        return evolved
    given = {name: f"value{i}" for i, name in enumerate(names)}
    lines = [f"def replaced(obj, {', '.join(given.values())}):", "    made = new(Draft)"]
    lines += [f"    made.{a.name} = {given.get(a.name, 'obj.' + a.name)}" for a in fields if a.init]
    lines.append("    made.__class__ = cls")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    made.__attrs_post_init__()")
    lines.append("    return made")
    scope: dict[str, Any] = {"new": object.__new__, "Draft": draft, "cls": cls}
    exec("\n".join(lines), scope)
    replaced: Callable[..., A] = scope["replaced"]
    return replaced


def enum_of(cls: type[E]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """An attrs validator: the value is a member of ``cls`` (a plain string is refused,
    naming the class and field, instead of failing later with an AttributeError)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, cls):
            raise TypeError(
                f"{type(instance).__name__}.{attribute.name}: {value!r} is a {type(value).__name__}, "
                f"not a member of {cls.__name__} "
                f"(write {cls.__name__}({value!r}) or {cls.__name__}.<NAME>)"
            )

    return check


def optional_enum_of(cls: type[E]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """As :func:`enum_of`, None allowed."""
    inner = enum_of(cls)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return check
