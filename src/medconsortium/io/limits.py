"""Bounds on what the readers accept, checked before anything is parsed.

Hostile or broken files must fail with one line, never with a crash: a JSON document
nested 1,000 levels deep overflows the parser's recursion, a YAML one nested 25,000 levels
crashes libyaml's composer (a segmentation fault; YAML is now read from its events, see
:mod:`medconsortium.io.yaml_events`). So every structured file is checked first:

- nesting is at most :data:`MAX_DEPTH` levels of lists and mappings (the deepest input
  the model has is six levels: ``consortia[0].governance.facts``);
- a YAML file is at most :data:`MAX_YAML_BYTES`; larger networks belong in JSON or CSV,
  which are read several times faster (see the README's benchmarks);
- years given on the command line lie in :data:`YEARS`.

>>> depth_of_json(b'{"a": [1, {"b": "[[["}]}'), depth_of_json(b'{"a": [{"b": "c"}, "]"]}')
(3, 3)
>>> MIN_YEAR, MAX_YEAR
(1949, 2100)
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import TYPE_CHECKING

from ..model.errors import InputError

if TYPE_CHECKING:
    from pathlib import Path

#: The deepest nesting of lists and mappings any reader accepts.
MAX_DEPTH = 64

#: The largest YAML file read (256 MiB). YAML is read from its events (a few times its
#: size in memory, see the README), but it is three to four times slower to read than
#: JSON or CSV: a larger network belongs in one of those.
MAX_YAML_BYTES = 256 * 1024 * 1024

#: Years a statistics record or ``--year`` may name: from the founding of the People's
#: Republic (the first year Chinese health statistics cover) to 2100.
MIN_YEAR, MAX_YEAR = 1949, 2100
YEARS = range(MIN_YEAR, MAX_YEAR + 1)


def check_year(year: int) -> str | None:
    """What is wrong with a year, or None.

    >>> check_year(2024), check_year(0)
    (None, 'year 0 is outside 1949..2100')
    """
    if year in YEARS:
        return None
    return f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}"


def input_file(path: Path) -> None:
    """Raise an InputError unless ``path`` names an existing regular file."""
    if path.is_dir():
        raise InputError(str(path), "", "is a directory, expected a file")
    if not path.exists():
        raise InputError(str(path), "", "no such file")


# -- nesting ----------------------------------------------------------------------------
def all_but(keep: bytes) -> bytes:
    """The bytes :func:`marks` deletes to keep the quotes and ``keep``."""
    return bytes(b for b in range(256) if b not in keep + b'"')


_BRACKETS = all_but(b"[]{}")
_SQUARE = bytes.maketrans(b"{}", b"[]")
_STEP = {ord("["): 1, ord("]"): -1}


@functools.cache
def _string() -> re.Pattern[bytes]:
    # Compiled on first use, not at import (every command imports this module; few read
    # a file).
    return re.compile(rb'"[^"]*"')


def marks(data: bytes, delete: bytes) -> bytes:
    """The quotes of JSON text and the bytes that :func:`all_but` keeps, escapes gone.

    Escapes go first: a run of backslashes pairs up from its start, and a lone one left
    escapes the next byte, which only matters when it is a quote (a backslash kept past the
    deletion would take the quote after ``\\n`` for an escaped one). bytes.replace and
    bytes.translate run at memory speed. UTF-8 never puts these ASCII bytes inside a
    multi-byte character, so the bytes can be scanned as they are.
    """
    # Only a backslash before a quote can hide one: with none (most files; those written
    # with every character escaped, ``\u53bf``, too) the escapes are left for the
    # translation to drop (a file of such escapes: 35 → 26 ms). The first search runs at
    # memory speed, and most files have no escape at all.
    if b"\\" in data and b'\\"' in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    return data.translate(None, delete)


def outside_strings(quoted: bytes) -> bytes:
    """What :func:`marks` left, without the strings: the structure outside them.

    >>> outside_strings(b'{"":[""]}'), outside_strings(b'{"":"[["}')
    (b'{:[]}', b'{:}')
    """
    # Without escapes, quotes alternate between opening and closing a string. When no
    # string holds a kept byte, every run of quotes is whole strings, of even length, and
    # dropping the pairs leaves the structure alone; a quote left over means some string
    # holds one, and only then are the strings matched one by one (that match cost as
    # much as parsing a province's network, benchmarks/core.py).
    # Runs of many quotes go first, fewer matches for the same bytes (an institution is 14
    # strings in a row): each match costs more than a few bytes scanned. A run of whole
    # strings is of even length and empties; one that is not (odd) never does.
    skeleton = quoted.replace(b'""""', b"").replace(b'""', b"")
    if b'"' in skeleton:
        # Matched in what is left, not in all of ``quoted``: dropping two quotes side by
        # side (an empty string, or two strings with nothing kept between them made one)
        # leaves the rest alternating as before, each kept byte inside or outside a string
        # as it was. One bracket or colon in one name of a province (a URL, a time of day)
        # cost 98 ms of matching every string of the file; now 0.07 ms.
        skeleton = _string().sub(b"", skeleton)
    return skeleton


def depth_of_json(data: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON document (0 for a scalar).

    Brackets inside strings do not count.

    >>> depth_of_json(rb'["a\\n", "[[", "\\\\", "\\"]"]')
    1
    """
    return _depth(_brackets(data))


def shape_of_json(data: bytes) -> tuple[int, int]:
    """The deepest nesting of a JSON document (:func:`depth_of_json`) and the number of its
    arrays and objects (in valid JSON; one scan of the bytes for both).

    >>> shape_of_json(b'{"a": [1, {"b": "[[["}], "c": {}}')
    (3, 4)
    """
    skeleton = _brackets(data)
    return _depth(skeleton), skeleton.count(b"[")


def _brackets(data: bytes) -> bytes:
    """The brackets outside strings, ``{}`` written ``[]``."""
    return outside_strings(marks(data, _BRACKETS)).translate(_SQUARE)


def _depth(skeleton: bytes) -> int:
    # Balanced brackets nest as deep as the rounds of dropping every innermost pair ("[]")
    # that empty them, each round at memory speed: a bracket at a time in Python cost a
    # third of parsing a province's network (benchmarks/core.py). Unbalanced ones (not
    # JSON), or more rounds than any reader accepts, are counted one by one, exactly.
    rounds, rest = 0, skeleton
    while rest and rounds <= MAX_DEPTH:
        shorter = rest.replace(b"[]", b"")
        if len(shorter) == len(rest):
            break  # no innermost pair: unbalanced
        rest, rounds = shorter, rounds + 1
    if not rest:
        return rounds
    return max(itertools.accumulate(_STEP.get(b, 0) for b in skeleton), default=0)


_COLONS = all_but(b":")


def keys_of_json(data: bytes) -> int:
    """The colons outside the strings of a JSON document: in valid JSON, the keys of all its
    objects, a key given twice counted twice (a parsed object keeps one).

    >>> keys_of_json(b'{"a": {"b": "c:d"}, "a": 1}')
    3
    """
    return outside_strings(marks(data, _COLONS)).count(b":")


def undecodable_line(path: Path) -> int:
    r"""The number of the first line of a file that is not UTF-8 (the usual case: a
    spreadsheet saved as GB 18030), for the message of a reader whose decoding failed:
    text is decoded in large chunks, so where the decoder stopped is not the line. Only
    called once decoding failed, so the second reading costs nothing on good files.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "f.csv")
    ...     _ = path.write_bytes("\ufeffa,b\n1,2\n".encode() + "县".encode("gbk") + b"\n")
    ...     undecodable_line(path)
    3
    """
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    return number
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc.strerror}") from None
    return 1  # not reached: the file failed to decode as a whole


@functools.cache
def _toml_token() -> re.Pattern[str]:
    # Compiled on first use, as the JSON string pattern above.
    return re.compile(
        r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]'
    )


def depth_of_toml(text: str) -> int:
    """The deepest nesting of arrays and inline tables in a TOML document.

    >>> depth_of_toml('a = [[1], {b = "[["}]  # [[[')
    2
    """
    depth = deepest = 0
    for found in _toml_token().finditer(text):
        token = found.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def too_deep(source: str, depth: int) -> None:
    """Raise the InputError of a document nested deeper than :data:`MAX_DEPTH`."""
    if depth > MAX_DEPTH:
        raise InputError(source, "", f"nested more than {MAX_DEPTH} levels deep (lists and mappings)")


def yaml_size(source: str, size: int) -> None:
    """Raise the InputError of a YAML file larger than :data:`MAX_YAML_BYTES`."""
    if size > MAX_YAML_BYTES:
        raise InputError(
            source,
            "",
            f"YAML file of {size / 2**20:.0f} MiB is over the {MAX_YAML_BYTES // 2**20} MiB limit "
            "for YAML; write large networks as JSON or CSV",
        )
