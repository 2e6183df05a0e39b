"""What a bad referral record may show of itself: its id when that is safe, no value else.

A bad record is named by its line and field. Its referral id is shown only when it is one
plain token without a personal number or the record's patient key in it; a message never
carries the patient key; a row shorter than its header (it may have lost a separator, so
that its cells sit in the wrong columns) shows none of its values.

>>> showable_id({"id": "r-1", "patient": "p-7"}), showable_id({"id": "r-1;p-7;x", "patient": "q"})
('r-1', None)
>>> without_cells("to_institution: unknown institution 'p-secret'", ["r-1", "p-secret"])
"to_institution: unknown institution '[value withheld]'"
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..model.privacy import personal_number, scrub

#: What a referral id shown in a report may look like: one token, no separators that a
#: mis-split row would leave inside (``r-1;p-7f3a;...``).
_SHOWABLE_ID = re.compile(r"[\w.:/#-]{1,64}")


def showable_id(data: Any) -> str | None:
    """The record's referral id if it is safe to print beside an error, else None."""
    if not isinstance(data, Mapping):
        return None
    ref_id, patient = data.get("id"), data.get("patient")
    if not isinstance(ref_id, str) or not _SHOWABLE_ID.fullmatch(ref_id):
        return None
    if personal_number(ref_id) is not None:
        return None
    if isinstance(patient, str) and patient.strip() and patient.strip() in ref_id:
        return None
    return ref_id


def withheld(message: str, data: Any) -> str:
    # Messages name fields, not values; this is the barrier should one slip through.
    patient = data.get("patient") if isinstance(data, Mapping) else None
    if isinstance(patient, str) and len(patient.strip()) >= 3:
        message = message.replace(patient.strip(), "[patient key withheld]")
    return scrub(message)


def _is_time(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def without_cells(message: str, cells: list[str]) -> str:
    # Times identify nobody and say which step is wrong: they stay.
    values = {c.strip() for c in cells if len(c.strip()) >= 3 and not _is_time(c.strip())}
    for cell in sorted(values, key=len, reverse=True):
        message = message.replace(cell, "[value withheld]")
    return message
