"""The referral workflow: a small state machine modelled on HL7 FHIR Task statuses.

A referral is *requested* by the sending institution, then *accepted* or *rejected* by
the receiving one; an accepted patient *arrives* and the episode is *completed*. A
request may be *cancelled* until the patient arrives. Every step is kept in the history
with its time; a step the machine does not allow, or one dated before the previous step,
is a :class:`TransitionError`.

>>> import datetime as dt
>>> w = Workflow.start("r-1", dt.datetime(2024, 3, 1, 9, 0))
>>> w = w.advance(ReferralStatus.ACCEPTED, dt.datetime(2024, 3, 1, 10, 0))
>>> w.status.value, [e.status.value for e in w.history]
('accepted', ['requested', 'accepted'])
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable

import attrs

from .checks import enum_of
from .errors import MedconsortiumError
from .labels import Label


class ReferralStatus(enum.Enum):
    """Where a referral stands. ``fhir`` gives the FHIR Task status it corresponds to."""

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ARRIVED = "arrived"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> Label:
        return _STATUS_LABELS[self]

    @property
    def fhir(self) -> str:
        """The FHIR Task status code (``arrived`` is FHIR's ``in-progress``)."""
        return "in-progress" if self is ReferralStatus.ARRIVED else self.value

    @property
    def terminal(self) -> bool:
        """No step can follow this status."""
        return not TRANSITIONS[self]


_STATUS_LABELS = {
    ReferralStatus.REQUESTED: Label("已申请", "requested"),
    ReferralStatus.ACCEPTED: Label("已接收", "accepted"),
    ReferralStatus.REJECTED: Label("已拒绝", "rejected"),
    ReferralStatus.ARRIVED: Label("已到诊", "arrived"),
    ReferralStatus.COMPLETED: Label("已完成", "completed"),
    ReferralStatus.CANCELLED: Label("已取消", "cancelled"),
}

#: The steps allowed from each status. Cancelling is possible until the patient arrives;
#: after that the episode can only be completed (as FHIR: in-progress is not cancelled).
TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.REQUESTED: frozenset(
        {ReferralStatus.ACCEPTED, ReferralStatus.REJECTED, ReferralStatus.CANCELLED}
    ),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.ARRIVED, ReferralStatus.CANCELLED}),
    ReferralStatus.ARRIVED: frozenset({ReferralStatus.COMPLETED}),
    ReferralStatus.REJECTED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.CANCELLED: frozenset(),
}

#: The order statuses are reached in, used to replay events given without an order.
STATUS_ORDER = (
    ReferralStatus.REQUESTED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.REJECTED,
    ReferralStatus.ARRIVED,
    ReferralStatus.COMPLETED,
    ReferralStatus.CANCELLED,
)


#: The first status, read once: on Python 3.11 a member read from its enumeration goes
#: through ``EnumType.__getattr__`` (600 to 1,800 instructions), and a file of referrals
#: replays a workflow for each record.
_REQUESTED = ReferralStatus.REQUESTED


class TransitionError(MedconsortiumError):
    """A workflow step that is not allowed, or dated before the step it follows."""

    def __init__(self, referral: str, message: str) -> None:
        self.referral = referral
        self.message = message
        super().__init__(f"referral {referral!r}: {message}")


@attrs.frozen
class Event:
    """One step of the workflow: the status reached and when."""

    status: ReferralStatus = attrs.field(validator=enum_of(ReferralStatus))
    time: dt.datetime
    note: str | None = None


def _check_history(
    instance: Workflow, attribute: attrs.Attribute[tuple[Event, ...]], value: tuple[Event, ...]
) -> None:
    if not value or value[0].status is not _REQUESTED:
        raise TransitionError(instance.referral, "the history must start with 'requested'")
    for before, after in itertools.pairwise(value):
        _check_step(instance.referral, before, after.status, after.time)


def _check_step(referral: str, last: Event, status: ReferralStatus, time: dt.datetime) -> None:
    if status not in TRANSITIONS[last.status]:
        allowed = ", ".join(s.value for s in STATUS_ORDER if s in TRANSITIONS[last.status]) or "none"
        raise TransitionError(
            referral, f"cannot go from {last.status.value!r} to {status.value!r} (allowed: {allowed})"
        )
    if time < last.time:
        raise TransitionError(
            referral,
            f"{status.value!r} at {time.isoformat()} is before "
            f"{last.status.value!r} at {last.time.isoformat()}",
        )


@attrs.frozen
class Workflow:
    """The history of one referral, first step ``requested``. Immutable: ``advance``
    returns a new workflow, so a history can be shared and never changes under a reader."""

    referral: str
    history: tuple[Event, ...] = attrs.field(validator=_check_history)

    @classmethod
    def start(cls, referral: str, time: dt.datetime, note: str | None = None) -> Workflow:
        """A workflow requested at ``time``."""
        return cls(referral, (Event(ReferralStatus.REQUESTED, time, note),))

    @classmethod
    def replay(cls, referral: str, events: Iterable[tuple[ReferralStatus, dt.datetime]]) -> Workflow:
        """Rebuild a workflow from (status, time) pairs given in any order.

        The pairs are put in workflow order (requested, accepted or rejected, arrived,
        completed, cancelled), then each step is checked; a step whose time is earlier than
        the one before is out of order and raises :class:`TransitionError`.
        """
        ordered = sorted(events, key=lambda e: STATUS_ORDER.index(e[0]))
        if not ordered:
            raise TransitionError(referral, "no event")
        # Built at once: the history's validator checks the first status and each step in
        # order, raising what advancing step by step raised first (a workflow per step,
        # each checking its history again, cost most of a record with dated steps).
        return cls(referral, tuple(Event(status, time) for status, time in ordered))

    @property
    def status(self) -> ReferralStatus:
        """The current status (the last step)."""
        return self.history[-1].status

    @property
    def requested(self) -> dt.datetime:
        return self.history[0].time

    @property
    def answer(self) -> bool | None:
        """The receiving institution's answer: True accepted, False rejected, None not
        given (still requested, or cancelled before an answer).

        >>> w = Workflow.start("r-1", dt.datetime(2024, 3, 1, 9, 0))
        >>> w.answer, w.advance(ReferralStatus.REJECTED, dt.datetime(2024, 3, 1, 10, 0)).answer
        (None, False)
        """
        if self.reached(ReferralStatus.ACCEPTED) is not None:
            return True
        return False if self.reached(ReferralStatus.REJECTED) is not None else None

    def allowed(self) -> frozenset[ReferralStatus]:
        """The statuses the next step may reach."""
        return TRANSITIONS[self.status]

    def advance(self, status: ReferralStatus, time: dt.datetime, note: str | None = None) -> Workflow:
        """This workflow with one more step; raises :class:`TransitionError` when the step
        is not allowed from the current status or is dated before it."""
        _check_step(self.referral, self.history[-1], status, time)
        return Workflow(self.referral, (*self.history, Event(status, time, note)))

    def reached(self, status: ReferralStatus) -> dt.datetime | None:
        """When ``status`` was reached, or None."""
        return next((e.time for e in self.history if e.status is status), None)


__all__ = ["STATUS_ORDER", "TRANSITIONS", "Event", "ReferralStatus", "TransitionError", "Workflow"]
