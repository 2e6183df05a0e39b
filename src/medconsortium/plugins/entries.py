"""A registered item with the plugin that provided it and the level it belongs to."""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

T = TypeVar("T")


@attrs.frozen
class Entry(Generic[T]):
    """A registered item, the plugin that provided it and the level it belongs to.

    ``level`` is the division code of the jurisdiction whose document the item cites
    (None for items without a citation, such as metrics).
    """

    item: T
    plugin: str
    level: str | None = None
