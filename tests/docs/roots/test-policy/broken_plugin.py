"""A plugin whose hook raises: the documentation build must name it, not crash."""

from __future__ import annotations

from medconsortium import hookimpl
from medconsortium.plugins.hookspecs import Register

MEDCONSORTIUM_HOOKS_VERSION = 1


@hookimpl
def register_targets(register: Register) -> None:
    raise RuntimeError("boom")
