"""Where a duplicate key sits in a JSON document: its path and line.

The fast parser (``json.loads``) sees duplicates only as lists of pairs, without their
position. When it finds one, this slower walk runs once over the text to say where the
second occurrence is, so the error names the place like every other input error.

>>> find_duplicate_key('{"a": [{"id": 1,\\n "id": 2}]}')
('a[0].id', 2)
>>> find_duplicate_key('{"a": 1}') is None
True
"""

from __future__ import annotations

import json
import re

_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([\[\]{}:,])|([^\s\[\]{}:,"]+))', re.DOTALL)


class _Walk:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.found: tuple[str, int] | None = None

    def token(self) -> tuple[str, int]:
        match = _TOKEN.match(self.text, self.pos)
        if match is None or match.end() == self.pos:
            raise ValueError("unexpected end")
        self.pos = match.end()
        start = match.start(match.lastindex or 0)
        return match.group(match.lastindex or 0), start

    def value(self, path: str) -> None:
        tok, _ = self.token()
        if tok == "{":
            self.mapping(path)
        elif tok == "[":
            self.sequence(path)

    def mapping(self, path: str) -> None:
        seen: set[str] = set()
        while self.found is None:
            tok, start = self.token()
            if tok == "}":
                return
            if tok == ",":
                continue
            key = json.loads(tok)
            where = f"{path}.{key}" if path else key
            if key in seen:
                self.found = (where, self.text.count("\n", 0, start) + 1)
                return
            seen.add(key)
            self.token()  # the colon
            self.value(where)

    def sequence(self, path: str) -> None:
        index = 0
        while self.found is None:
            match = _TOKEN.match(self.text, self.pos)
            if match is None:
                raise ValueError("unexpected end")
            if match.group(2) == "]":
                self.pos = match.end()
                return
            if match.group(2) == ",":
                self.pos = match.end()
                index += 1
                continue
            self.value(f"{path}[{index}]")


def find_duplicate_key(text: str) -> tuple[str, int] | None:
    """(path, line) of the first key that repeats in its object, or None.

    The text must already be valid JSON (and bounded in depth: the walk recurses).
    """
    walk = _Walk(text)
    try:
        walk.value("")
    except (ValueError, RecursionError):
        return None
    return walk.found
