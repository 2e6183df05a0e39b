"""JSON text indented by two at the C encoder's speed, byte for byte what
``json.dumps(data, ensure_ascii=False, indent=2)`` writes.

Python 3.11 indents only in its pure-Python encoder, whose nested generators pass every
piece of text up through each level: a fifth of ``medconsortium assess --format json`` on
a province went there (a cProfile of the process). Here one plain recursive function
appends the pieces to one list, the strings encoded by json's own C function and each
key's line start and quoted key made once per depth. Measured on the 1x province's
report (10.7 MB): about 3× faster than ``json.dumps(indent=2)``, as fast as
``json.dumps`` without indentation (the C encoder). The C encoder called per container,
with the indentation in its separator, was tried first: its set-up per call costs more
than the Python it saves.

The output is the standard library's: the same encoder of strings, ``int.__repr__`` and
``float.__repr__`` (``NaN``, ``Infinity``), the same keys (numbers, ``true``, ``null``
turned into strings) in the same order. For anything else (an object ``json`` cannot
encode, a circular or too deep structure) the standard library itself is called, so its
error is the one raised.

>>> import json
>>> data = {"zh": "三级", "n": [1, 2.5, None, True], "e": {}, "l": [[]], 1: {"x": float("nan")}, True: 0}
>>> indented(data) == json.dumps(data, ensure_ascii=False, indent=2)
True
>>> print(indented({"a": [1, {"b": "c"}]}))
{
  "a": [
    1,
    {
      "b": "c"
    }
  ]
}
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any

__all__ = ["indented"]

_INDENT = "  "
_encode_str: Callable[[str], str] = json.encoder.encode_basestring  # C when built

_CONTAINERS = (list, tuple, dict)


class _Unusual(Exception):
    """Something the standard library must judge (and name in its own error)."""


def _float(value: float) -> str:
    # json.encoder's floatstr with allow_nan (the default): the same spellings.
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


_INFINITY = float("inf")


def _plain(value: Any) -> str:
    """A value that is not a container, in the order of ``json.encoder``'s checks."""
    if isinstance(value, str):
        return _encode_str(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise _Unusual


def _key(key: Any) -> str:
    """A dict key as ``json.encoder`` turns it into a string (``skipkeys`` off)."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise _Unusual


def _pieces(data: Any, depth: int = 0) -> list[str]:
    """The text of a container as pieces, as it stands ``depth`` levels deep: one plain
    recursive walk, the strings encoded by json's C function, each key's line start and
    quoted key kept per depth (a report repeats a few dozen keys thousands of times)."""
    out: list[str] = []
    append = out.append
    encode = _encode_str
    plain = _plain
    lines: list[str] = []  # lines[d]: a line break and the indentation of depth d
    keys: list[dict[str, str]] = []  # keys[d][k]: ',\n<indent>"k": ' (the first item's without ',')

    def walk(value: Any, depth: int) -> None:
        while len(lines) <= depth + 1:
            lines.append("\n" + _INDENT * len(lines))
            keys.append({})
        inner = lines[depth + 1]
        if isinstance(value, dict):
            if not value:
                append("{}")
                return
            known = keys[depth + 1]
            append("{")
            first = True
            for k, v in value.items():
                if first:
                    first = False
                    append(inner + encode(k if type(k) is str else _key(k)) + ": ")
                elif type(k) is str:
                    start = known.get(k)
                    if start is None:
                        start = known[k] = "," + inner + encode(k) + ": "
                    append(start)
                else:  # not kept: 1, 1.0 and True are one key of a dict, three in JSON
                    append("," + inner + encode(_key(k)) + ": ")
                t = type(v)
                if t is str:
                    append(encode(v))
                elif t is int:
                    append(int.__repr__(v))
                elif v is None:
                    append("null")
                elif t is dict or t is list or isinstance(v, _CONTAINERS):
                    walk(v, depth + 1)
                else:
                    append(plain(v))
            append(lines[depth] + "}")
            return
        if not value:
            append("[]")
            return
        append("[")
        separator = inner
        for v in value:
            append(separator)
            separator = "," + inner
            t = type(v)
            if t is str:
                append(encode(v))
            elif t is dict or t is list or isinstance(v, _CONTAINERS):
                walk(v, depth + 1)
            else:
                append(plain(v))
        append(lines[depth] + "]")

    walk(data, depth)
    return out


def indented(data: Any, depth: int = 0) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, the same text, faster. With
    ``depth``, the text of ``data`` as it stands that many levels deep in a larger
    document: its inner lines indented by two more spaces per level.

    >>> indented([]), indented("a\\n"), indented({True: 1})
    ('[]', '"a\\\\n"', '{\\n  "true": 1\\n}')
    >>> indented({"a": [1]}, depth=1)
    '{\\n    "a": [\\n      1\\n    ]\\n  }'
    """
    if not isinstance(data, _CONTAINERS):
        return json.dumps(data, ensure_ascii=False, indent=2)
    try:
        return "".join(_pieces(data, depth))
    except (_Unusual, RecursionError):
        # The standard library's own answer or error (not serialisable, circular, deep);
        # its only line breaks are the layout's (a string's are escaped).
        return json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n" + _INDENT * depth)
