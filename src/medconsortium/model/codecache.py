"""The methods attrs writes for the classes of medconsortium and its plugins (and for attrs'
own validators), compiled once and kept, as the interpreter keeps a module's bytecode.

attrs builds each class's ``__init__``, ``__eq__``, ``__hash__`` and ``__repr__`` from
source text it writes when the class is defined, and compiles that text: some seventy
classes are defined on every command's path, and compiling their methods was about a
seventh of ``medconsortium rules``' start-up (27-29 ms; loading the same code objects with
:mod:`marshal` takes under 1 ms). The code compiled from a given text never changes, so it
is kept in a file of the user's cache folder (beside the plugin entry-point cache of
:mod:`medconsortium.plugins.discovery`, the same ``MEDCONSORTIUM_CACHE_DIR``; ``off`` turns
both off), one file per environment, checked against the interpreter's and attrs' versions,
each entry keyed on the file name attrs gives the code and the text itself: a class that
changes writes another text, which is compiled and added. A file that is missing,
unreadable or from another version is rebuilt; one that cannot be written is not kept.

The one part of the text that differs from one process to the next is the number attrs
writes into each ``__hash__``, the hash of a string (randomised per process): it is
replaced by a placeholder before the look-up, and the code given back carries this
process's number, so every method is the one attrs would have compiled.

attrs has no public hook for this: :func:`install` wraps its private
``attr._make._compile_and_eval`` (``tests/model/test_codecache.py`` checks that the locked
attrs has it and that a class built through the cache behaves as one built without), and an
attrs without that function, or whose function takes other arguments, is left alone.
Classes of other packages are compiled by attrs as always. Only the command line
(:mod:`medconsortium.cli`) calls :func:`install_when_attrs_loads`, in its own process: a
program that imports the library keeps attrs untouched, whatever attrs it runs. attrs itself
is imported only by what needs it (``medconsortium --version`` does not).
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import sys
from collections.abc import Callable, Mapping
from types import CodeType
from typing import Any

#: The folder of the start-up caches (this one and the plugin entry points'); ``off`` turns
#: them off.
CACHE_ENV = "MEDCONSORTIUM_CACHE_DIR"

_FORMAT = 1
_PREFIX = "<attrs generated "
#: Whose classes: medconsortium's and its plugins', and attrs' own (its validators and the
#: classes of its class builder, built when attrs is imported: 10-14 ms of compiling).
_OURS = ("medconsortium", "attr.")
#: Stands for the hash attrs writes into ``__hash__``: outside the range of hash(), so no
#: hash attrs writes is ever mistaken for it.
_PLACEHOLDER = 2**64 + 1
#: More entries than this (classes edited many times over): the file keeps only this run's.
_LIMIT = 2000

_Key = tuple[str, str]

_entries: dict[_Key, CodeType] | None = None
_used: set[_Key] = set()
_added = False
_file: str | None = None
#: Whether the folder may be made: the user's cache folder, not one named by the variable
#: (a test session's, removed before the process ends).
_may_make = False


def cache_folder() -> str | None:
    """The folder of the start-up caches: ``MEDCONSORTIUM_CACHE_DIR``, else the user's cache
    folder; ``None`` when the variable says ``off``."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None and chosen.strip().lower() == "off":
        return None
    if chosen:
        return chosen
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "medconsortium")


def _version() -> list[Any]:
    # attrs' version is read from its installed metadata (importlib.metadata, slow to
    # import): its class builder's file, which an upgrade rewrites, stands for it.
    make = getattr(sys.modules.get(_MAKE), "__file__", None) or ""
    try:
        found = os.stat(make)
        return [sys.version, make, found.st_mtime_ns, found.st_size]
    except OSError:
        return [sys.version, make, None, None]


def _load() -> dict[_Key, CodeType]:
    global _entries, _file, _may_make
    if _entries is not None:
        return _entries
    _entries = {}
    folder = cache_folder()
    if folder is None:
        return _entries
    import zlib

    # One file per environment, as for the entry points: several share a home folder.
    _may_make = os.environ.get(CACHE_ENV) is None
    _file = os.path.join(folder, f"attrs-methods-{zlib.crc32(sys.prefix.encode()):08x}.marshal")
    _entries.update(_read(_file))
    return _entries


def _read(path: str) -> Mapping[_Key, CodeType]:
    try:
        with open(path, "rb") as handle:
            data = marshal.loads(handle.read())
        if data[0] == _FORMAT and data[1] == _version() and isinstance(data[2], dict):
            return data[2]
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        pass  # no cache yet, another version's, or damaged: rebuilt as classes are built
    return {}


def _write() -> None:
    if not _added or _file is None or _entries is None:
        return
    # Another process may have added entries meanwhile: keep them too.
    entries = {**_read(_file), **_entries}
    if len(entries) > _LIMIT:
        entries = {key: code for key, code in _entries.items() if key in _used}
    folder = os.path.dirname(_file)
    temporary = f"{_file}.{os.getpid()}.tmp"
    try:
        if _may_make:
            os.makedirs(folder, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(marshal.dumps((_FORMAT, _version(), entries)))
        os.replace(temporary, _file)  # whole or not at all, whoever reads it meanwhile
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _with_hash(code: CodeType, number: int) -> CodeType:
    """``code`` with the placeholder replaced by ``number``, in the functions it defines too."""
    consts = tuple(
        number
        if type(const) is int and const == _PLACEHOLDER
        else _with_hash(const, number)
        if isinstance(const, CodeType)
        else const
        for const in code.co_consts
    )
    return code.replace(co_consts=consts)


def compiled(script: str, filename: str) -> CodeType | None:
    """The code of an attrs-written ``script`` (``filename`` as attrs names it) from the
    cache, compiled and added on a miss; ``None`` when it is not a script of ours."""
    if not filename.startswith(_PREFIX):
        return None
    _function, _, target = filename[len(_PREFIX) : -1].partition(" ")
    if not target.startswith(_OURS):
        return None
    # attrs writes hash(_generate_unique_filename(cls, "hash")) into __hash__.
    number = hash(f"{_PREFIX}hash {target}>")
    written = f" {number},"
    count = script.count(written)
    if count > 1 or (not count and "def __hash__" in script):
        return None  # not written as attrs writes it today: compiled by attrs as it is
    text = script.replace(written, f" {_PLACEHOLDER},") if count else script
    entries = _load()
    key = (filename, text)
    code = entries.get(key)
    if code is None:
        global _added
        code = compile(text, filename, "exec")
        entries[key] = code
        if not _added:
            _added = True
            atexit.register(_write)
    _used.add(key)
    return _with_hash(code, number) if count else code


def _compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
    """:func:`compile`, through the cache for an attrs-written script of ours."""
    if mode == "exec" and not args and not kwargs and isinstance(source, str) and isinstance(filename, str):
        code = compiled(source, filename)
        if code is not None:
            return code
    return compile(source, filename, mode, *args, **kwargs)


def _wrap(original: Callable[..., None]) -> Callable[..., None]:
    def compile_and_eval(
        script: str,
        globs: dict[str, Any] | None,
        locs: Mapping[str, object] | None = None,
        filename: str = "",
    ) -> None:
        code = compiled(script, filename)
        if code is None:
            original(script, globs, locs, filename)
            return
        eval(code, globs, locs)  # as attrs does with what it compiled

    compile_and_eval.__wrapped__ = original  # type: ignore[attr-defined]
    return compile_and_eval


def install(make: Any = None) -> bool:
    """Route the compiling of attrs' class builder (``attr._make``, imported if not given)
    through the cache, once; ``False`` when it has no ``_compile_and_eval`` to wrap, or one
    that takes other arguments than :data:`_ARGUMENTS`."""
    if make is None:
        from attr import _make as make
    original = getattr(make, "_compile_and_eval", None)
    code = getattr(original, "__code__", None)
    if original is None or code is None or code.co_varnames[: code.co_argcount] != _ARGUMENTS:
        return False  # gone, or changed in another attrs: attrs compiles as it does
    if not hasattr(original, "__wrapped__"):
        make._compile_and_eval = _wrap(original)
    return True


class _WhenAttrsLoads:
    """A finder that finds nothing of its own: it lets the path finder find attrs' class
    builder and installs the cache as soon as that module has run, before any class is
    built with it."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != _MAKE:
            return None
        sys.meta_path.remove(self)
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None  # found some other way: imported as usual, without the cache
        run = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            # attrs builds a few classes of its own while _make runs, before there is a
            # function to wrap: for that while the module's own name ``compile`` (looked up
            # before the built-in) is the cache's.
            module.__dict__["compile"] = _compile
            try:
                run(module)
            finally:
                module.__dict__.pop("compile", None)
            install(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


_MAKE = "attr._make"
#: The arguments of the wrapped function, as the locked attrs (26.1) names them.
_ARGUMENTS = ("script", "globs", "locs", "filename")


def install_when_attrs_loads() -> None:
    """:func:`install` now if attrs is imported already, else when it is."""
    if _MAKE in sys.modules:
        install(sys.modules[_MAKE])
    elif not any(isinstance(finder, _WhenAttrsLoads) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenAttrsLoads())


__all__ = ["CACHE_ENV", "cache_folder", "compiled", "install", "install_when_attrs_loads"]
