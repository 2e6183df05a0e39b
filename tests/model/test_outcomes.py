"""Outcomes built by :func:`medconsortium.policy.findings.outcome`, and the enums that
batches use as keys, hashed by identity."""

from __future__ import annotations

import pickle

import attrs
import pytest

from medconsortium import ClinicalPhase, Direction, FindingStatus, Label, Outcome
from medconsortium.policy import findings
from medconsortium.policy.findings import outcome, verdict

_MESSAGE = Label("已优先接诊", "priority given")


@pytest.mark.parametrize("status", [s for s in FindingStatus if s is not FindingStatus.EXCEPTED])
def test_outcome_is_the_frozen_outcome_the_class_builds(status: FindingStatus) -> None:
    made = outcome(status, ("r-1",), _MESSAGE, "0", "1")
    assert type(made) is Outcome
    assert made == Outcome(status, ("r-1",), _MESSAGE, "0", "1")
    assert hash(made) == hash(Outcome(status, ("r-1",), _MESSAGE, "0", "1"))
    assert repr(made) == repr(Outcome(status, ("r-1",), _MESSAGE, "0", "1"))
    assert pickle.loads(pickle.dumps(made)) == made
    assert outcome(status, ("r-1",), _MESSAGE) == Outcome(status, ("r-1",), _MESSAGE)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.status = FindingStatus.FAIL  # type: ignore[misc]


def test_outcome_refuses_what_the_class_refuses() -> None:
    with pytest.raises(TypeError, match=r"Outcome.status: 'pass' is a str, not a member of FindingStatus"):
        outcome("pass", ("r-1",), _MESSAGE)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="exceptions are applied by the core"):
        outcome(FindingStatus.EXCEPTED, ("r-1",), _MESSAGE)


def test_outcomes_come_from_drafts_where_the_class_allows_it() -> None:
    assert findings._drafts_become_outcomes()


def test_without_drafts_the_class_builds_outcomes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where a draft's class cannot become Outcome (another layout), outcome is the class.
    monkeypatch.setattr(findings, "_FAST_OUTCOMES", False)
    built: list[tuple[object, ...]] = []
    real = findings.Outcome

    class Counting(real):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object) -> None:
            built.append(args)
            super().__init__(*args)

    monkeypatch.setattr(findings, "Outcome", Counting)
    made = outcome(FindingStatus.FAIL, ("r-1",), _MESSAGE)
    assert built == [(FindingStatus.FAIL, ("r-1",), _MESSAGE, None, None)]
    assert made == Counting(FindingStatus.FAIL, ("r-1",), _MESSAGE)


def test_a_layout_outcome_does_not_know_is_built_by_the_class(monkeypatch: pytest.MonkeyPatch) -> None:
    fields = attrs.fields(Outcome)
    monkeypatch.setattr(
        findings.attrs, "fields", lambda cls: fields[:4] if cls is Outcome else attrs.fields(cls)
    )
    assert not findings._drafts_become_outcomes()


def test_verdict_gives_outcomes() -> None:
    passed, failed = ("是", "yes"), ("否", "no")
    assert verdict(["r-1"], True, passed, failed) == Outcome(FindingStatus.PASS, ("r-1",), Label(*passed))
    assert verdict(["r-1"], False, passed, failed, measured="0") == Outcome(
        FindingStatus.FAIL, ("r-1",), Label(*failed), "0"
    )
    assert type(verdict(["r-1"], None, passed, failed, ("?", "?"))) is Outcome


@pytest.mark.parametrize("cls", [FindingStatus, Direction, ClinicalPhase])
def test_batch_keys_hash_by_identity(cls: type[FindingStatus | Direction | ClinicalPhase]) -> None:
    # Members are singletons: hashing by identity keeps equality and works in dicts and
    # across pickling (a forked part's counts come back pickled).
    counts = {member: index for index, member in enumerate(cls)}
    for member in cls:
        assert hash(member) == object.__hash__(member)
        assert counts[cls(member.value)] == list(cls).index(member)
    assert pickle.loads(pickle.dumps(counts)) == counts
