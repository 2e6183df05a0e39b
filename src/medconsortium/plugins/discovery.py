"""The installed plugins' entry points, found once per installation and kept in a cache.

Finding entry points through :mod:`importlib.metadata` reads the metadata of every
installed distribution and imports the e-mail and zip machinery that metadata needs: a
good share of a command's start-up. The answer changes only when distributions are
installed, removed or upgraded, and that changes the directories they are installed in.
So the answer is kept in a small JSON file in the user's cache folder, keyed on the
interpreter and on every directory of :data:`sys.path` with its modification time; any
change of the key, a missing, unreadable or malformed file, rebuilds it, and a cache that
cannot be written is simply not kept. ``MEDCONSORTIUM_CACHE_DIR`` names another folder;
``MEDCONSORTIUM_CACHE_DIR=off`` turns the cache off. The first directory of the path is the
starting script's (the console script's, a benchmark's, the working directory for
``python -m``): the file keeps the answers of the last few keys, so that starting in
turns from two of them does not rebuild it at every start.

What the cache gives back behaves like the entry points themselves for the loader: a
``name``, ``load()`` and a ``dist`` with its ``name`` and ``version``.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..model.codecache import CACHE_ENV, cache_folder

_FORMAT = 2
#: Keys the file keeps, the latest first: one per way of starting, a few at once.
_KEEP = 8


@attrs.frozen
class CachedDistribution:
    """The distribution an entry point came from: its name and version."""

    name: str
    version: str | None


@attrs.frozen
class CachedEntryPoint:
    """An entry point as the cache keeps it (``value`` is ``module:attribute``).

    >>> CachedEntryPoint("json", "json:dumps", CachedDistribution("std", None)).load()([1])
    '[1]'
    """

    name: str
    value: str
    dist: CachedDistribution

    def load(self) -> Any:
        """Import the module and look the attribute up, as ``EntryPoint.load`` does."""
        module, _, attribute = self.value.partition(":")
        found: Any = importlib.import_module(module.strip())
        for part in filter(None, attribute.strip().split(".")):
            found = getattr(found, part)
        return found


def _cache_file() -> str | None:
    folder = cache_folder()  # the attrs methods' cache keeps its file there too
    if folder is None:
        return None
    # One file per environment: several virtual environments share a home folder. A string,
    # not a pathlib.Path: pathlib is not imported at start-up.
    return os.path.join(folder, f"entry-points-{zlib.crc32(sys.prefix.encode()):08x}.json")


def _key() -> list[Any]:
    # Installing, removing or upgrading a distribution adds, removes or renames its
    # metadata folder, which changes the modification time of the directory holding it.
    dirs = []
    for entry in sys.path:
        try:
            dirs.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            dirs.append([entry, None])
    return [_FORMAT, sys.executable, sys.version, dirs]


def entry_points_cached(group: str, discover: Callable[[str], Iterable[Any]]) -> list[Any]:
    """The entry points of ``group``: from the cache when its key still holds, else from
    ``discover`` (``importlib.metadata.entry_points``), then kept for the next start."""
    path = _cache_file()
    key = _key()
    kept: list[Any] = []
    if path is not None:
        try:
            with open(path, encoding="utf-8") as handle:
                kept = json.load(handle)["entries"]
            for entry in kept:
                if entry["key"] == key and group in entry["groups"]:
                    return [
                        CachedEntryPoint(name, value, CachedDistribution(dist, version))
                        for name, value, dist, version in entry["groups"][group]
                    ]
            kept = [entry for entry in kept if entry["key"] != key]
        except (OSError, ValueError, KeyError, TypeError):
            kept = []  # no cache yet, or another version's: rebuilt below
    found = list(discover(group))
    if path is None:
        return found
    rows = [
        [ep.name, ep.value, getattr(ep.dist, "name", "?"), getattr(ep.dist, "version", None)] for ep in found
    ]
    import tempfile  # only when the cache is written, not at every start

    entries = [{"key": key, "groups": {group: rows}}, *kept[: _KEEP - 1]]
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False) as out:
            json.dump({"entries": entries}, out)
        os.replace(out.name, path)  # whole or not at all, whoever reads it meanwhile
    except OSError:
        pass  # a read-only home: no cache, the same answer
    return found


__all__ = ["CACHE_ENV", "CachedDistribution", "CachedEntryPoint", "entry_points_cached"]
