"""A JSON network read as a stream, its institutions built as they are read.

``json.loads`` holds the whole document as Python objects, about six times the file
(benchmarks/large_inputs.py), before a single institution is built. Here the file is read
twice with ijson's C parser (yajl2): once for everything but the institutions (nesting
depth, top-level keys, consortia, secondments), then once for the institutions, each
becoming its model object (:mod:`medconsortium.io.direct`) as soon as it is parsed.
Only files from :data:`STREAM_FROM` on are streamed: below it, memory is no concern and
the whole document is three to four times faster to read.

The stream only takes the usual case. Anything else (a syntax error, a duplicate key, a
document nested too deeply, an institution the direct builder leaves to the converter,
a number or escape yajl reads differently from :mod:`json`) answers None, and the caller
reads the file as a whole document, which gives the answer or the error, with its place,
exactly as before. So the two readers cannot disagree on what a file means.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp, "n.json")
...     _ = path.write_text('{"institutions": [{"id": "h1", "name": "县医院", "level": "secondary",'
...         ' "type": "county_hospital", "ownership": "government", "division": "130123"}],'
...         ' "consortia": [], "synthetic": true}', encoding="utf-8")
...     data = read_network(path)
...     _ = path.write_text('{"institutions": [], "institutions": []}', encoding="utf-8")
...     twice = read_network(path)
>>> data["institutions"][0].division, data["synthetic"], twice
('130123', True, None)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any

from ..model.institutions import Institution
from . import direct, limits

#: Escapes of UTF-16 surrogates: yajl turns a lone one into "?", :mod:`json` keeps it.
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_OPEN = frozenset({"start_map", "start_array"})
_CLOSE = frozenset({"end_map", "end_array"})


class _Unusual(Exception):
    """The file is left to the whole-document reader."""


class _Watched:
    """The file as ijson reads it, refusing surrogate escapes on the way (a chunk boundary
    inside one is caught by keeping the last bytes of the chunk before)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        chunk = self._handle.read(size)
        if _SURROGATE.search(self._tail + chunk[:8]) or _SURROGATE.search(chunk):
            raise _Unusual("surrogate escape")
        self._tail = chunk[-8:]
        return chunk


#: Files from this size on are streamed; smaller ones are read whole by ``json.loads``,
#: which holds about six times the file (at most about 200 MiB here) and is three to four
#: times faster than the two streaming passes (benchmarks/core.py).
STREAM_FROM = 32 * 2**20


def worth_streaming(path: Path) -> bool:
    """Whether ``path`` is a file large enough to be read as a stream."""
    try:
        return path.is_file() and path.stat().st_size >= STREAM_FROM
    except OSError:
        return False  # the whole-document reader says what is wrong


#: Stands for the institutions between the two reads.
_STREAMED: Any = object()


def read_network(path: Path) -> dict[str, Any] | None:
    """The network file's top-level mapping, with ``institutions`` (when a list) as
    Institution objects; None when the file must be read as a whole document."""
    import ijson  # on first use: commands that read no JSON network do not pay for it

    if ijson.backend != "yajl2_c":
        return None  # ijson's pure-Python parsers are several times slower than json.loads
    try:
        with path.open("rb") as handle:
            data, keys = _outline(_Watched(handle))
            if data.get("institutions") is _STREAMED:
                handle.seek(0)
                data["institutions"] = _institutions(_Watched(handle), keys)
        return data
    except (_Unusual, ijson.JSONError, OSError, ValueError, SystemError):
        # SystemError: how ijson's C parser may pass on an exception of the file's read.
        return None


def _institutions(handle: _Watched, keys: int) -> list[Institution]:
    """The institutions; ``keys`` is how many keys the first pass saw in them, so that a
    key given twice (which yajl's mappings keep once, silently) is not missed."""
    import ijson

    built: list[Institution] = []
    held = 0
    for value in ijson.items(handle, "institutions.item", use_float=True):
        institution = direct.institution(value)
        if institution is None:
            raise _Unusual("an institution for the converter")
        held += len(value)  # flat: the direct builder takes no nested mapping
        built.append(institution)
    if held != keys:
        raise _Unusual("a key given twice in an institution")
    return built


def _outline(handle: _Watched) -> tuple[dict[str, Any], int]:
    """Everything but the institutions, built from the parser's events, and the number of
    keys inside the institutions; the depth of the whole document checked on the way."""
    import ijson

    events = ijson.basic_parse(handle, use_float=True)
    if next(events, (None, None))[0] != "start_map":
        raise _Unusual("not a mapping at the top")
    top: dict[str, Any] = {}
    stack: list[Any] = [top]
    keys: list[Any] = [None]
    depth, institution_keys = 1, 0
    for event, value in events:
        if event in _OPEN:
            depth += 1
            if depth > limits.MAX_DEPTH:
                raise _Unusual("nested too deeply")
            if depth == 2 and keys[-1] == "institutions" and event == "start_array":
                top["institutions"] = _STREAMED  # read in the second pass
                institution_keys = _skip(events, depth)
                depth -= 1
                continue
            made: Any = {} if event == "start_map" else []
            _put(stack[-1], keys[-1], made)
            stack.append(made)
            keys.append(None)
        elif event in _CLOSE:
            depth -= 1
            stack.pop()
            keys.pop()
        elif event == "map_key":
            if value in stack[-1]:
                raise _Unusual(f"duplicate key {value!r}")
            keys[-1] = value
        else:
            _put(stack[-1], keys[-1], value)
    return top, institution_keys


def _skip(events: Any, depth: int) -> int:
    """Past the end of the list just opened at ``depth``; the keys seen inside it."""
    start, keys = depth, 0
    for event, _value in events:
        if event == "map_key":
            keys += 1
        elif event in _OPEN:
            depth += 1
            if depth > limits.MAX_DEPTH:
                raise _Unusual("nested too deeply")
        elif event in _CLOSE:
            depth -= 1
            if depth < start:
                return keys
    raise _Unusual("the list does not end")


def _put(container: Any, key: Any, value: Any) -> None:
    if type(container) is dict:
        container[key] = value
    else:
        container.append(value)
