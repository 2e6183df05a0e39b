"""One referral record: from its fields to a :class:`~medconsortium.Referral` and its workflow.

The file readers (:mod:`medconsortium.io.referral_io`) turn a CSV row or a JSON object
into fields; this module checks what every record must satisfy, whatever its file:
no value that looks like a personal number, both institutions known to the network, no
time in the future, workflow steps in order. A problem is a :class:`RecordProblem` whose
message names the field, never a value that could identify a patient.

Times are ISO 8601. A time with an offset is converted to China Standard Time, so that
the day a rule or the ledger sees is the day in China; a time without one is taken as
China Standard Time.

>>> referral, workflow = parse_record(
...     {"id": "r-1", "patient": "p-7", "from_institution": "a", "to_institution": "b",
...      "time": "2024-03-01T09:30:00+00:00", "accepted_at": "2024-03-01T18:00"},
...     now=dt.datetime(2025, 1, 1))
>>> referral.time.isoformat(), workflow.status.value if workflow else None
('2024-03-01T17:30:00+08:00', 'accepted')
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Container, Mapping, Sequence
from typing import Any

import cattrs

from ..model.checks import replacer
from ..model.network import Network
from ..model.privacy import personal_number
from ..model.referrals import Referral
from ..model.workflow import ReferralStatus, TransitionError, Workflow
from .converter import converter

#: China Standard Time. Times with an offset are compared in it; times without one are
#: taken as local times in China, where every jurisdiction of this library lies.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")
# Read once, not for each record (EnumType.__getattr__ on Python 3.11).
_REQUESTED, _ACCEPTED, _REJECTED = ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED, ReferralStatus.REJECTED

#: The workflow's steps as record fields (``accepted_at`` ...), beside ``time`` (requested).
EVENT_KEYS: dict[str, ReferralStatus] = {
    f"{status.value}_at": status for status in ReferralStatus if status is not ReferralStatus.REQUESTED
}

#: What a value that is not a date and time is told to be.
EXPECTED_TIME = "a date and time (ISO 8601, e.g. 2024-03-01T09:30)"


class RecordProblem(ValueError):
    """Raised inside record parsing; becomes a :class:`~medconsortium.model.records.RecordError`
    with the line."""


def naive_china_time(value: dt.datetime) -> dt.datetime:
    """A time without offset, in China Standard Time, so that times compare."""
    if value.tzinfo is None:
        return value
    return value.astimezone(CHINA_TZ).replace(tzinfo=None)


def now_in_china() -> dt.datetime:
    """The current time in China Standard Time, without offset."""
    return dt.datetime.now(CHINA_TZ).replace(tzinfo=None)


def personal_number_problem(field: str, kind: str) -> RecordProblem:
    """The problem of a field holding a personal number, which the message never repeats."""
    return RecordProblem(
        f"{field}: looks like a {kind}; use a pseudonymous key (the value is not repeated here)"
    )


def _scan_resident_ids(data: Mapping[str, Any], prefix: str = "") -> None:
    # Every value is scanned, not only the patient key: a resident ID or mobile number put
    # in the id or reason column (or given as a JSON number) must not travel on into reports.
    for key, value in data.items():
        if isinstance(value, Mapping):
            _scan_resident_ids(value, f"{prefix}{key}.")
            continue
        kind = personal_number(value)
        if kind is not None:
            raise personal_number_problem(f"{prefix}{key}", kind)


def _expected(cls: Any) -> str:
    args = [a for a in typing.get_args(cls) if a is not type(None)] or [cls]
    target = args[0]
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return "one of " + ", ".join(m.value for m in target)
    names = {
        dt.datetime: EXPECTED_TIME,
        bool: "true or false",
        int: "a whole number",
        str: "a string",
    }
    return names.get(target, getattr(target, "__name__", str(target)))


def _format_exception(exc: BaseException, cls: Any) -> str:
    # Values are never echoed: a mis-filled column could hold a patient key.
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return "unknown key " + ", ".join(sorted(exc.extra_fields))
    if cls is None or cls is type(None):
        return str(exc)
    return f"invalid value, expected {_expected(cls)}"


def _explain(exc: Exception) -> str:
    if isinstance(exc, cattrs.BaseValidationError):
        # A validator or __attrs_post_init__ of the class itself fails "at $": its message
        # is ours (and never contains the value), so show it as it is.
        for sub in exc.exceptions:
            if isinstance(sub, ValueError | TypeError) and not isinstance(sub, cattrs.BaseValidationError):
                notes = getattr(sub, "__notes__", None)
                if not notes:
                    return str(sub)
        first = cattrs.transform_error(exc, format_exception=_format_exception)[0]
        message, _, where = first.rpartition(" @ ")
        where = where.removeprefix("$").lstrip(".")
        return f"{where}: {message}" if where else message
    return str(exc)


def parse_record(
    data: Mapping[str, Any], network: Network | None = None, now: dt.datetime | None = None
) -> tuple[Referral, Workflow | None]:
    """A referral (and its workflow) from one record in nested form.

    Raises :class:`RecordProblem` with a message naming the field. ``network``, when given,
    must know both institutions; ``now`` (default: the current time in China) bounds
    the times: none may lie after it.
    """
    if not isinstance(data, Mapping):
        raise RecordProblem(f"expected an object, got {type(data).__name__}")
    _scan_resident_ids(data)
    fields = {k: v for k, v in data.items() if k not in EVENT_KEYS}
    try:
        referral = converter.structure(fields, Referral)
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        raise RecordProblem(_explain(exc)) from None
    steps = []
    for key, status in EVENT_KEYS.items():
        if data.get(key) is None:
            continue
        try:
            steps.append((status, converter.structure(data[key], dt.datetime)))
        except (ValueError, TypeError):
            raise RecordProblem(f"{key}: invalid value, expected {EXPECTED_TIME}") from None
    return complete(referral, steps, network, now if now is not None else now_in_china())


class _Ids:
    """A network's institution ids as a container, each looked up in the network (for a
    caller that reads one record, and builds no set of them)."""

    def __init__(self, network: Network) -> None:
        self._get = network.get_institution

    def __contains__(self, institution_id: Any) -> bool:
        return self._get(institution_id) is not None


def institution_ids(network: Network) -> frozenset[str]:
    """The ids of ``network``'s institutions, for :func:`complete`'s ``known``: built once
    by a reader of many records, so that each record's look-ups are set tests."""
    return frozenset(i.id for i in network.institutions)


def complete(
    referral: Referral,
    steps: Sequence[tuple[ReferralStatus, dt.datetime]],
    network: Network | None,
    limit: dt.datetime,
    known: Container[str] | None = None,
) -> tuple[Referral, Workflow | None]:
    """What every record must satisfy once its fields are read, whatever its file: both
    institutions known to ``network`` (when given), no time after ``limit`` (naive, China
    Standard Time), the workflow's ``steps`` (after the request at ``referral.time``) in order.
    ``known``: the network's :func:`institution_ids`, when the caller holds them."""
    if referral.time.tzinfo is not None:
        # Policy days are Chinese days: a referral at 20:00 UTC is made the next day there.
        referral = _at_time(referral, referral.time.astimezone(CHINA_TZ))
    if network is not None:
        if known is None:
            known = _Ids(network)
        if referral.from_institution not in known:
            raise RecordProblem(f"from_institution: unknown institution {referral.from_institution!r}")
        if referral.to_institution not in known:
            raise RecordProblem(f"to_institution: unknown institution {referral.to_institution!r}")
    requested = naive_china_time(referral.time)
    if requested > limit:
        raise RecordProblem(f"time: {requested.isoformat()} is in the future")
    if not steps:
        return referral, None
    events = [(_REQUESTED, requested)]
    for status, time in steps:
        time = naive_china_time(time)
        if time > limit:
            raise RecordProblem(f"{status.value}_at: {time.isoformat()} is in the future")
        events.append((status, time))
    try:
        workflow = Workflow.replay(referral.id, events)
    except TransitionError as exc:
        raise RecordProblem(f"workflow out of order: {exc.message}") from None
    return _answered(referral, workflow), workflow


def _answered(referral: Referral, workflow: Workflow) -> Referral:
    # One answer, not two: the dated steps give it, and an ``accepted`` value may only repeat it.
    steps = {event.status for event in workflow.history}
    answer: bool | None = None
    if _ACCEPTED in steps:
        answer = True
    elif _REJECTED in steps:
        answer = False
    if answer is None or referral.accepted is answer:
        return referral
    if referral.accepted is not None:
        step = "accepted_at" if answer else "rejected_at"
        raise RecordProblem(f"accepted: {str(referral.accepted).lower()} contradicts {step}")
    return _answered_as(referral, answer)


#: A referral at another time, and with another answer (what complete() changes), copied
#: slot by slot: evolve running every field's checks again cost more than reading the row (a
#: file whose times carry their offset, ``+08:00``: 69k instructions more a row, callgrind).
_at_time = replacer(Referral, "time")
_answered_as = replacer(Referral, "accepted")


__all__ = [
    "CHINA_TZ",
    "EVENT_KEYS",
    "EXPECTED_TIME",
    "RecordProblem",
    "complete",
    "institution_ids",
    "naive_china_time",
    "now_in_china",
    "parse_record",
    "personal_number_problem",
]
