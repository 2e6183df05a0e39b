"""Personal numbers: recognised in any disguise, refused as input, never printed.

Patients appear only as pseudonymous keys. A resident identity number (居民身份证号, 18
characters, or the old 15 digits) or a mobile number (11 digits from 13 to 19, with or
without +86) is refused wherever a referral record carries it, also when it hides:
full-width digits (１１０１…), spaces or hyphens inside (``110105 1949…``), embedded in a
longer key (``p-11010519491231002X``), or written as a JSON number.

:func:`scrub` is the last barrier on the way out: every error line and every bad-record
message passes through it, and any run of eleven or more digits is withheld, whatever
put it there.

>>> personal_number("p-7f3a9c") is None
True
>>> personal_number("１１０１０５１９４９１２３１００２Ｘ"), personal_number("+86 138-1234-5678")
('resident ID number', 'mobile number')
>>> personal_number("p-11010519491231002X-a"), personal_number(13812345678)
('resident ID number', 'mobile number')
>>> scrub("line 3: key 110105-19491231-002X is bad")
'line 3: key [number withheld] is bad'
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Cheap first look, on the text as it is: eleven digits (ASCII or full-width) in a row,
# spaces and hyphens allowed between them. Most values (times, institution ids) fail it.
_DIGIT = "[0-9０-９]"
_SEPARATOR = r"[\s\-－‐‑–—]*"

# The same look for text that is all ASCII, as bytes: each character of the candidate
# pattern's class (an ASCII digit, hyphen or whitespace) becomes 1, any other 0, and a
# candidate needs eleven 1s in a row. One translate of the whole text, where the regular
# expression starts a match at every digit (a referral row's time and ids hold dozens): a
# fraction of its cost. Only text that holds such a run is looked at with the expressions.
_ASCII_CLASS = bytes(
    1 if b < 128 and (chr(b).isdigit() or chr(b).isspace() or chr(b) == "-") else 0 for b in range(256)
)
_ASCII_RUN = b"\x01" * 11
#: What personal_number reads as a number (``int | float`` would build a union on every call).
_NUMBERS = (int, float)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns, compiled on first use: every command imports this module (errors are
    scrubbed) and few look at a number; compiling these and the other modules' patterns at
    import was 2% of ``rules``' start-up (callgrind)."""
    long_run = re.compile(f"{_DIGIT}(?:{_SEPARATOR}{_DIGIT}){{10,}}(?:{_SEPARATOR}[XxＸｘ])?")
    # What every match of long_run contains: eleven characters, digits or separators,
    # from a digit on. One character class repeated, so the engine never backtracks into
    # groups: several times faster on the usual values (times, ids with short runs of
    # digits), which it turns away before long_run is tried.
    candidate = re.compile(r"[0-9０-９][\s\-－‐‑–—0-9０-９]{10}")
    # After normalising (full-width to ASCII, separators between digits removed):
    inner_separator = re.compile(r"(?<=\d)[\s\-‐‑–—]+(?=[\dXx])")
    resident_id = re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{15})(?!\d)")
    mobile = re.compile(r"(?<!\d)(?:86)?1[3-9]\d{9}(?!\d)")
    return candidate, long_run, inner_separator, resident_id, mobile


def personal_number(value: object) -> str | None:
    """What kind of personal number ``value`` contains ("resident ID number" or
    "mobile number"), or None. Strings and numbers are looked at; anything else is None.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, _NUMBERS):
        text = str(value) if isinstance(value, int) else repr(value).split(".")[0]
    elif isinstance(value, str):
        text = value
    else:
        return None
    if len(text) < 11:
        return None
    # find, not in: bytes' in first tries its operand as an integer (a TypeError raised and
    # cleared on every call).
    if text.isascii() and text.encode("ascii").translate(_ASCII_CLASS).find(_ASCII_RUN) < 0:
        return None
    candidate, long_run, inner_separator, resident_id, mobile = _patterns()
    if not candidate.search(text) or not long_run.search(text):
        return None
    normal = inner_separator.sub("", unicodedata.normalize("NFKC", text))
    if resident_id.search(normal):
        return "resident ID number"
    if mobile.search(normal):
        return "mobile number"
    return None


def scrub(text: str) -> str:
    """``text`` with every run of eleven or more digits withheld."""
    if len(text) < 11:
        return text
    candidate, long_run, *_ = _patterns()
    if not candidate.search(text):
        return text
    return long_run.sub("[number withheld]", text)
