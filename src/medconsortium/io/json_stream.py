"""A JSON network read as a stream, its institutions built as they are read.

``json.loads`` holds the whole document as Python objects, about six times the file
(benchmarks/large_inputs.py), before a single institution is built. Here the file is read
once, a window of :data:`WINDOW` bytes at a time, decoded as UTF-8 as it comes: the
top-level mapping is walked here, and each of its values is decoded by :mod:`json`'s own
scanner (the C one that ``json.loads`` and ``JSONDecoder.raw_decode`` call, so numbers,
escapes and strings are read alike). The lists at the top are decoded item by item; the
institutions, small flat mappings, a window's worth of whole items in one call of the
scanner, each becoming its model object (:mod:`medconsortium.io.direct`) as soon as its
window is decoded. So memory holds the institutions and one window, not the document.
Only files from :data:`STREAM_FROM` on are streamed: below it, memory is no concern.

Every byte is scanned as it is read, before it is decoded (:class:`_Structure`): the
nesting depth is bounded as for the whole document (:func:`medconsortium.io.limits.
depth_of_json`), and the keys outside strings are counted, so that a key given twice in
an institution (which a plain ``dict`` keeps once, silently) is found by comparing that
count with the keys decoded; everything else is decoded with a hook that refuses a key
given twice.

The stream only takes the usual case. Anything else (a syntax error, a duplicate key, a
document nested too deeply, text that is not UTF-8, a byte-order mark, an institution the
direct builder leaves to the converter) answers None, and the caller reads the file as a
whole document, which gives the answer or the error, with its place, exactly as before.
So the two readers cannot disagree on what a file means.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp, "n.json")
...     _ = path.write_text('{"institutions": [{"id": "h1", "name": "县医院", "level": "secondary",'
...         ' "type": "county_hospital", "ownership": "government", "division": "130123"}],'
...         ' "consortia": [], "synthetic": true}', encoding="utf-8")
...     data = read_network(path, window=16)
...     _ = path.write_text('{"institutions": [], "institutions": []}', encoding="utf-8")
...     twice = read_network(path)
>>> data["institutions"][0].division, data["synthetic"], twice
('130123', True, None)
"""

from __future__ import annotations

import codecs
import itertools
import json
import json.scanner
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, cast

from ..model.institutions import Institution
from . import direct, limits

#: Files from this size on are streamed; smaller ones are read whole by ``json.loads``,
#: which holds about six times the file (at most about 200 MiB here).
STREAM_FROM = 32 * 2**20

#: Bytes read at a time: the text held besides what is built from it. Large enough that
#: the calls per window cost nothing beside decoding it; a test passes a tiny one.
WINDOW = 2**20


def worth_streaming(path: Path) -> bool:
    """Whether ``path`` is a file large enough to be read as a stream."""
    try:
        return path.is_file() and path.stat().st_size >= STREAM_FROM
    except OSError:
        return False  # the whole-document reader says what is wrong


def read_network(path: Path, window: int = WINDOW) -> dict[str, Any] | None:
    """The network file's top-level mapping, with ``institutions`` (when a list) as
    Institution objects; None when the file must be read as a whole document."""
    try:
        with path.open("rb") as handle:
            return _Reader(handle, max(1, window)).network()
    except (_Unusual, OSError, ValueError, RecursionError):
        # ValueError: text that is not UTF-8 (UnicodeDecodeError) among others.
        return None


class _Unusual(Exception):
    """The file is left to the whole-document reader."""


# -- the structure of the bytes, scanned before they are decoded -------------------------
# What limits.depth_of_json does for a whole document, done a piece at a time, keeping the
# colons too: a backslash at the end of a piece waits for the next, and a piece ending
# inside a string has that string closed there and opened again at the start of the next,
# so that the quotes of every piece pair up on their own.
_MARKS = limits.all_but(b"[]{}:")
_SQUARE = bytes.maketrans(b"{}", b"[]")
_STEP = {ord("["): 1, ord("]"): -1}


class _Structure:
    """The bracket structure of a JSON text read in pieces: the depth is kept within
    :data:`~medconsortium.io.limits.MAX_DEPTH` (or :class:`_Unusual` is raised) and the
    keys (colons outside strings) are counted; ``deepest`` is never below the deepest
    nesting so far, and exact once over the limit. Exact for valid JSON; anything else the
    scanner that decodes the text refuses anyway.

    >>> s = _Structure()
    >>> for piece in (b'{"a', b'": [', b'"[', b'", {"b": 1}]}', b""):
    ...     s.feed(piece, final=not piece)
    >>> s.keys, s.depth, s.deepest
    (2, 0, 3)
    """

    def __init__(self) -> None:
        self._carry = b""
        self._inside = False  # whether the last piece ended inside a string
        self.depth = 0
        self.deepest = 0
        self.keys = 0

    def feed(self, piece: bytes, final: bool = False) -> None:
        data = self._carry + piece if self._carry else piece
        if not final:
            kept = data.rstrip(b"\\")
            data, self._carry = kept, data[len(kept) :]
        quoted = limits.marks(data, _MARKS)
        if self._inside:
            quoted = b'"' + quoted
        self._inside = quoted.count(b'"') % 2 == 1
        if self._inside:
            quoted += b'"'
        skeleton = limits.outside_strings(quoted)
        self.keys += skeleton.count(b":")
        brackets = skeleton.translate(_SQUARE, b":")
        start = self.depth
        self.depth = start + brackets.count(b"[") - brackets.count(b"]")
        # Within the piece the depth stays below the higher end plus the height of its
        # balanced parts (rounds of dropping innermost pairs); counted one by one only
        # when that bound is over the limit.
        height, rest = 0, brackets
        while b"[]" in rest and max(start, self.depth) + height <= limits.MAX_DEPTH:
            rest = rest.replace(b"[]", b"")
            height += 1
        if max(start, self.depth) + height > limits.MAX_DEPTH:
            steps = itertools.accumulate((_STEP[b] for b in brackets), initial=start)
            self.deepest = max(self.deepest, max(steps))
            if self.deepest > limits.MAX_DEPTH:
                raise _Unusual("nested too deeply")
        else:
            self.deepest = max(self.deepest, max(start, self.depth) + height)


# -- the text, decoded a window at a time --------------------------------------------------
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, no more (json.loads skips these)
_Scan = Callable[[str, int], tuple[Any, int]]


class _Reader:
    def __init__(self, handle: IO[bytes], window: int) -> None:
        self._handle = handle
        self._window = window
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._structure = _Structure()
        self._text = ""
        self._pos = 0
        self._eof = False
        #: Keys of the mappings decoded: each institution's, and the hook's count of all
        #: others; compared with the keys the structure counted in the bytes.
        self._keys = 0
        # json's own scanner (C), as json.loads and JSONDecoder.raw_decode call it.
        self._plain: _Scan = json.scanner.make_scanner(cast(Any, json.JSONDecoder()))
        self._checked: _Scan = json.scanner.make_scanner(
            cast(Any, json.JSONDecoder(object_pairs_hook=self._no_duplicates))
        )

    def _no_duplicates(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            raise _Unusual("a key given twice")
        self._keys += len(out)
        return out

    def _more(self) -> None:
        """Read on: at least a window, and at least as much as is held (so that a long
        value is decoded again only a few times, not once a window)."""
        if self._eof:
            raise _Unusual("the document ends too early")
        held = len(self._text) - self._pos
        piece = self._handle.read(max(self._window, held))
        self._eof = not piece
        self._structure.feed(piece, self._eof)  # before a byte of it is decoded
        self._text = self._text[self._pos :] + self._utf8.decode(piece, self._eof)
        self._pos = 0

    def _skip(self) -> str:
        """Past whitespace: the next character ("" at the end of the document)."""
        while True:
            self._pos = _SPACE.match(self._text, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._text):
                return self._text[self._pos]
            if self._eof:
                return ""
            self._more()

    def _next(self) -> str:
        """Past whitespace and the character after it, which is returned ("" at the end)."""
        char = self._skip()
        self._pos += len(char)
        return char

    def _value(self, scan: _Scan) -> Any:
        """The value at the current place, decoded whole."""
        while True:
            keys = self._keys
            try:
                value, end = scan(self._text, self._pos)
                # A number or a word at the end of the text may go on in the next window.
                if end < len(self._text) or self._eof:
                    self._pos = end
                    return value
            except (StopIteration, ValueError):
                if self._eof:
                    raise _Unusual("not JSON") from None
            self._keys = keys  # counted again when decoded again
            self._more()

    def _items(self) -> list[Any] | None:
        """The whole institutions from the current place to the last "}" of the text, or
        to the end of their list before it, decoded in one call of the scanner (they are
        flat mappings: the last "}" nearly always closes one); None when they are not
        whole (that brace sits inside a string, or the text ends inside an item)."""
        text, pos = self._text, self._pos
        last = text.rfind("}", pos)
        if last < 0:
            return None
        chunk = "[" + text[pos : last + 1] + "]"
        try:
            items, end = self._plain(chunk, 0)
        except (StopIteration, ValueError):
            return None
        if not items:
            return None  # a "]" where an item belongs: a comma too many, not JSON
        # Up to the "]" that closed them: the one added, or the end of the list in the text.
        self._pos = pos + end - 2
        return items  # type: ignore[no-any-return]

    def _sequence(self, scan: _Scan, build: Callable[[list[Any]], list[Any]], batched: bool) -> list[Any]:
        """The list at the current place, its items decoded one at a time or (``batched``)
        a window's at a time, and passed through ``build``."""
        self._pos += 1  # the "["
        out: list[Any] = []
        if self._skip() == "]":
            self._pos += 1
            return out
        alone = None  # the text in which a batch was not whole: items one at a time there
        while True:
            items = self._items() if batched and self._text is not alone else None
            if items is None:
                alone = self._text
                items = [self._value(scan)]
            out += build(items)
            following = self._next()
            if following == "]":
                return out
            if following != ",":
                raise _Unusual("not JSON")
            self._skip()

    def _institutions(self, items: list[Any]) -> list[Institution]:
        built = direct.institutions(items)
        if built is None:
            raise _Unusual("an institution for the converter")
        self._keys += sum(map(len, items))  # flat: the direct builder takes no nested mapping
        return list(built)

    def network(self) -> dict[str, Any]:
        """The top-level mapping; the whole document is read and checked."""
        if self._next() != "{":
            raise _Unusual("not a mapping at the top")  # a byte-order mark among others
        top: dict[str, Any] = {}
        if self._skip() == "}":
            self._pos += 1
        else:
            while True:
                if self._skip() != '"':
                    raise _Unusual("not JSON")
                key = self._value(self._plain)
                if key in top:
                    raise _Unusual(f"duplicate key {key!r}")
                if self._next() != ":":
                    raise _Unusual("not JSON")
                opening = self._skip()
                if key == "institutions" and opening == "[":
                    top[key] = self._sequence(self._plain, self._institutions, batched=True)
                elif opening == "[":
                    top[key] = self._sequence(self._checked, _same, batched=False)
                else:
                    top[key] = self._value(self._checked)
                self._keys += 1
                following = self._next()
                if following == "}":
                    break
                if following != ",":
                    raise _Unusual("not JSON")
        if self._skip() != "":
            raise _Unusual("more after the mapping")
        if self._keys != self._structure.keys:
            raise _Unusual("a key given twice in an institution")
        return top


def _same(value: Any) -> Any:
    return value
