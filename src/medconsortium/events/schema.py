"""The event schema: the columns of the visits and referrals tables, and their checks.

A **visit** is one outpatient or emergency visit, or one inpatient stay (its admission),
per row. A **referral** row is a referral as the referral file format defines it (the
columns of :data:`medconsortium.referral_io.CSV_COLUMNS`); the events path reads the few
it needs and accepts the others.

>>> [c.name for c in VISIT_COLUMNS if c.required]
['visit_id', 'patient_key', 'institution_id', 'visit_date', 'kind', 'first_visit', 'residence_county']
>>> check_columns("visits.csv", {"visit_id": "string"}, VISIT_COLUMNS, frozenset())
Traceback (most recent call last):
...
medconsortium.model.errors.InputError: visits.csv: column patient_key: required column missing
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..io.referral_io import CSV_COLUMNS
from ..model.errors import InputError

#: The kinds of visit row. An inpatient row is the stay: admitted on ``visit_date``,
#: discharged on ``discharge_date`` (empty while the patient is still in hospital).
OUTPATIENT, EMERGENCY, INPATIENT = "outpatient", "emergency", "inpatient"
VISIT_KINDS = (OUTPATIENT, EMERGENCY, INPATIENT)

# Ibis type families a column may have. Dates may come as dates or timestamps (the day
# in China Standard Time is used); codes and keys are text, so that leading zeros and
# codes such as 110101 stay what they are.
DATE = ("date", "timestamp")
STRING = ("string",)
BOOLEAN = ("boolean",)


@attrs.frozen
class Column:
    """One column of an event table: its name, accepted types and whether it must exist."""

    name: str
    types: tuple[str, ...]
    required: bool
    description: str


VISIT_COLUMNS = (
    Column("visit_id", STRING, True, "the visit's id in the source system (never output)"),
    Column("patient_key", STRING, True, "pseudonymous patient key (never output; resident IDs refused)"),
    Column("institution_id", STRING, True, "institution id as in the network file"),
    Column("visit_date", DATE, True, "day of the visit, or of the admission for an inpatient stay"),
    Column("kind", STRING, True, "outpatient, emergency or inpatient"),
    Column("first_visit", BOOLEAN, True, "首诊: the patient's first visit for this episode (outpatient)"),
    Column("residence_county", STRING, True, "GB/T 2260 code of the patient's county of residence"),
    Column("discharge_date", DATE, False, "day of discharge of an inpatient stay (empty: not yet)"),
    Column(
        "institution_county",
        STRING,
        False,
        "county code of an institution outside the network (visits residents made elsewhere)",
    ),
)

#: The referral columns the events path reads; the referral format's other columns are
#: accepted and ignored.
REFERRAL_COLUMNS = (
    Column("id", STRING, True, "referral id (never output)"),
    Column("patient", STRING, True, "pseudonymous patient key (never output; resident IDs refused)"),
    Column("from_institution", STRING, True, "sending institution id, as in the network file"),
    Column("to_institution", STRING, True, "receiving institution id, as in the network file"),
    Column("time", DATE, True, "when the referral was requested (its day counts)"),
    Column("reserved_resource", BOOLEAN, False, "an upward referral used reserved resources"),
    Column("rejected_at", DATE, False, "the receiving institution rejected it (not counted)"),
    Column("cancelled_at", DATE, False, "cancelled (not counted)"),
)

#: Every column a referral table may have: the referral file format's.
REFERRAL_ALLOWED = frozenset(CSV_COLUMNS)
VISIT_ALLOWED = frozenset(c.name for c in VISIT_COLUMNS)


def type_family(dtype: str) -> str:
    """The family of an Ibis type name: ``timestamp('UTC')`` → ``timestamp``, ``!string``
    (not nullable) → ``string``, ``int64`` → ``int64``.

    >>> type_family("!timestamp('Asia/Shanghai', 6)"), type_family("string")
    ('timestamp', 'string')
    """
    return dtype.lstrip("!").split("(")[0]


def check_columns(
    source: str, schema: Mapping[str, str], columns: tuple[Column, ...], allowed: frozenset[str]
) -> None:
    """Refuse a missing required column, a column of the wrong type, and (when
    ``allowed`` is not empty) a column the format does not know."""
    for column in columns:
        if column.name not in schema:
            if column.required:
                raise InputError(source, f"column {column.name}", "required column missing")
            continue
        family = type_family(schema[column.name])
        if family not in column.types and family != "null":
            expected = " or ".join(column.types)
            raise InputError(source, f"column {column.name}", f"expected {expected}, got {family}")
    if allowed:
        for name in sorted(schema):
            if name not in allowed:
                raise InputError(source, f"column {name}", "unknown column")
