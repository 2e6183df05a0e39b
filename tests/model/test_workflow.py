"""The workflow state machine: allowed steps, refused steps, history, order in time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medconsortium.model.errors import MedconsortiumError
from medconsortium.model.workflow import (
    STATUS_ORDER,
    TRANSITIONS,
    Event,
    ReferralStatus,
    TransitionError,
    Workflow,
)

S = ReferralStatus
T0 = dt.datetime(2024, 3, 1, 9, 0)


def at(hours: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


@pytest.mark.parametrize(
    "path",
    [
        [S.ACCEPTED, S.ARRIVED, S.COMPLETED],
        [S.REJECTED],
        [S.CANCELLED],
        [S.ACCEPTED, S.CANCELLED],
    ],
)
def test_allowed_paths_keep_their_history(path: list[ReferralStatus]) -> None:
    flow = Workflow.start("r-1", T0)
    for hour, status in enumerate(path, start=1):
        flow = flow.advance(status, at(hour), note=f"step {hour}")
    assert flow.status is path[-1]
    assert [e.status for e in flow.history] == [S.REQUESTED, *path]
    assert [e.time for e in flow.history] == [at(h) for h in range(len(path) + 1)]
    assert flow.history[-1].note == f"step {len(path)}"
    assert flow.status.terminal is (path[-1] is not S.ACCEPTED)


ALL_PAIRS = [(a, b) for a in S for b in S]


@pytest.mark.parametrize(("before", "after"), [p for p in ALL_PAIRS if p[1] not in TRANSITIONS[p[0]]])
def test_every_step_not_in_the_table_is_refused(before: ReferralStatus, after: ReferralStatus) -> None:
    route = {
        S.REQUESTED: [],
        S.ACCEPTED: [S.ACCEPTED],
        S.REJECTED: [S.REJECTED],
        S.ARRIVED: [S.ACCEPTED, S.ARRIVED],
        S.COMPLETED: [S.ACCEPTED, S.ARRIVED, S.COMPLETED],
        S.CANCELLED: [S.CANCELLED],
    }[before]
    flow = Workflow.start("r-9", T0)
    for hour, status in enumerate(route, start=1):
        flow = flow.advance(status, at(hour))
    with pytest.raises(TransitionError, match=f"cannot go from '{before.value}' to '{after.value}'") as info:
        flow.advance(after, at(10))
    assert info.value.referral == "r-9"
    assert isinstance(info.value, MedconsortiumError)
    # The refused step left the workflow as it was.
    assert flow.status is before


def test_the_table_allows_cancel_only_before_arrival() -> None:
    assert S.CANCELLED in TRANSITIONS[S.REQUESTED] and S.CANCELLED in TRANSITIONS[S.ACCEPTED]
    assert S.CANCELLED not in TRANSITIONS[S.ARRIVED]


def test_a_step_dated_before_the_previous_one_is_refused() -> None:
    flow = Workflow.start("r-1", at(5))
    with pytest.raises(TransitionError, match="before 'requested'"):
        flow.advance(S.ACCEPTED, at(4))
    assert flow.advance(S.ACCEPTED, at(5)).status is S.ACCEPTED  # same time is fine


def test_history_must_start_with_requested_and_be_valid() -> None:
    with pytest.raises(TransitionError, match="start with 'requested'"):
        Workflow("r-1", (Event(S.ACCEPTED, T0),))
    with pytest.raises(TransitionError, match="start with 'requested'"):
        Workflow("r-1", ())
    with pytest.raises(TransitionError, match="cannot go from 'requested' to 'arrived'"):
        Workflow("r-1", (Event(S.REQUESTED, T0), Event(S.ARRIVED, at(1))))


def test_replay_orders_events_by_workflow_not_by_input() -> None:
    flow = Workflow.replay(
        "r-1", [(S.COMPLETED, at(3)), (S.REQUESTED, T0), (S.ARRIVED, at(2)), (S.ACCEPTED, at(1))]
    )
    assert [e.status for e in flow.history] == [S.REQUESTED, S.ACCEPTED, S.ARRIVED, S.COMPLETED]
    assert flow.reached(S.ARRIVED) == at(2)
    assert flow.reached(S.REJECTED) is None
    assert flow.requested == T0


def test_replay_refuses_times_out_of_order_and_impossible_sets() -> None:
    with pytest.raises(TransitionError, match=r"'arrived' at .* is before 'accepted'"):
        Workflow.replay("r-1", [(S.REQUESTED, T0), (S.ACCEPTED, at(3)), (S.ARRIVED, at(2))])
    with pytest.raises(TransitionError, match="cannot go from 'rejected' to 'arrived'"):
        Workflow.replay("r-1", [(S.REQUESTED, T0), (S.REJECTED, at(1)), (S.ARRIVED, at(2))])
    with pytest.raises(TransitionError, match="no event"):
        Workflow.replay("r-1", [])


def test_allowed_and_fhir_codes() -> None:
    flow = Workflow.start("r-1", T0)
    assert flow.allowed() == {S.ACCEPTED, S.REJECTED, S.CANCELLED}
    assert S.ARRIVED.fhir == "in-progress"
    assert [s.fhir for s in S if s is not S.ARRIVED] == [
        "requested",
        "accepted",
        "rejected",
        "completed",
        "cancelled",
    ]
    assert S.ARRIVED.label.zh == "已到诊"


def test_workflow_is_immutable() -> None:
    flow = Workflow.start("r-1", T0)
    nxt = flow.advance(S.ACCEPTED, at(1))
    assert flow.status is S.REQUESTED and nxt.status is S.ACCEPTED


def _step_by_step(referral: str, events: list[tuple[S, dt.datetime]]) -> Workflow | str:
    """What replaying meant before it was built at once: the first event, then a step at a
    time (the workflow or the message of the first refusal)."""
    ordered = sorted(events, key=lambda e: STATUS_ORDER.index(e[0]))
    try:
        flow = Workflow(referral, (Event(*ordered[0]),))
        for status, time in ordered[1:]:
            flow = flow.advance(status, time)
    except TransitionError as exc:
        return exc.message
    return flow


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(S)), st.integers(0, 4).map(at)), min_size=1, max_size=6))
def test_replay_is_the_workflow_advanced_a_step_at_a_time(events: list[tuple[S, dt.datetime]]) -> None:
    try:
        replayed: Workflow | str = Workflow.replay("r-1", events)
    except TransitionError as exc:
        replayed = exc.message
    assert replayed == _step_by_step("r-1", events)
