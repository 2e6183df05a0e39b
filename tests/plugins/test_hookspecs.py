"""Every hook specification documents what it receives, what it returns and when it is called."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import pytest

from medconsortium.plugins import hookspecs
from medconsortium.plugins.registry import _HOOKS

SPECS: dict[str, Callable[..., Any]] = {
    name: fn
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(fn, f"{hookspecs.PROJECT}_spec")
}

# What each docstring must say, as patterns: the caller reads only the docstring.
REQUIRED = {
    "what it receives": re.compile(r"\bReceives\b"),
    "what it returns": re.compile(r"\bReturns\b"),
    "when it is called": re.compile(r"\bCalled\b[^.]*\b(once|when|whenever|for every|before|after)\b"),
}


def problems(fn: Callable[..., Any]) -> list[str]:
    """What the docstring of a hook specification fails to say."""
    doc = inspect.getdoc(fn)
    if not doc:
        return ["no docstring"]
    found = [f"does not say {what}" for what, pattern in REQUIRED.items() if not pattern.search(doc)]
    for arg in inspect.signature(fn).parameters:
        if f"``{arg}``" not in doc:
            found.append(f"does not name its argument ``{arg}``")
    return found


def test_hookspecs_are_found() -> None:
    # Every hook the registry calls is a specification here, and nothing else is.
    assert set(SPECS) >= {name for name, _type, _id in _HOOKS}
    assert len(SPECS) >= 11


@pytest.mark.parametrize("name", sorted(SPECS))
def test_hookspec_docstring(name: str) -> None:
    assert problems(SPECS[name]) == []


def test_the_check_catches_bad_docstrings() -> None:
    def undocumented(register: Any) -> None:
        pass

    def vague(register: Any) -> None:
        """Provide things."""

    def no_when(register: Any) -> None:
        """Receives ``register``; call it per item. Returns nothing."""

    assert problems(undocumented) == ["no docstring"]
    assert problems(vague) == [
        "does not say what it receives",
        "does not say what it returns",
        "does not say when it is called",
        "does not name its argument ``register``",
    ]
    assert problems(no_when) == ["does not say when it is called"]


def test_module_docstring_explains_registration() -> None:
    doc = inspect.getdoc(hookspecs) or ""
    assert "register(item)" in doc and "entry-point group" in doc
