"""Is a six-digit code a real division? What can be checked without the full GB/T 2260 table.

The library ships no complete table of China's ~2,800 county-level divisions: it changes
every year, and no maintained package publishes it. What is checked instead:

1. the province part (first two digits) is one of the 34 provincial-level divisions;
2. the city part (digits 3-4) is one GB/T 2260 allows: ``00`` (the province itself, whose
   county part must then be ``00``), ``01``-``70`` (prefecture-level cities, prefectures,
   autonomous prefectures and leagues) or ``90`` (county-level divisions administered by
   the province);
3. a code inside an installed jurisdiction (the test city ``329900`` of a plugin, say) is
   accepted whatever its parts, since a plugin vouches for it.

So ``139999`` (no city 99 in Hebei) is refused, while ``320699`` passes: Nantong (3206)
exists and 99 is a valid county number, and only the full table could say that Nantong has
no county 99. Statistical codes of development zones (``340271``) pass for the same reason.

>>> division_problem("139999", ()), division_problem("320612", ())
("'139999' is not a division of a known city (city part 99)", None)
>>> division_problem("320012", ())
"'320012' is not a division code (a province code ends in 0000)"
>>> division_problem("329901", ("329900",))
"""

from __future__ import annotations

from collections.abc import Collection

from .jurisdictions import Level, code_within, is_division_code, level_of_code


def division_problem(code: str, installed: Collection[str]) -> str | None:
    """What is wrong with a division code, or None; ``installed`` are jurisdiction codes
    (below the provinces) that plugins provide."""
    if not is_division_code(code):
        return f"{code!r} is not a GB/T 2260 code"
    if any(code_within(code, known) for known in installed):
        return None
    city, county = code[2:4], code[4:6]
    if city == "00":
        if county != "00":
            return f"{code!r} is not a division code (a province code ends in 0000)"
        return None
    if not ("01" <= city <= "70" or city == "90"):
        return f"{code!r} is not a division of a known city (city part {city})"
    return None


def installed_codes(codes: Collection[str]) -> tuple[str, ...]:
    """The codes of jurisdictions below the provincial level, which vouch for the codes
    inside them."""
    return tuple(sorted(c for c in codes if level_of_code(c) in (Level.CITY, Level.COUNTY)))
