"""The collector during a pass (medconsortium.engine.heap): young collections only."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from medconsortium.engine.heap import _YOUNG, settled


@pytest.fixture
def generations() -> Iterator[list[int]]:
    """The generation of every collection that starts while the test runs."""
    seen: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(watch)
    try:
        yield seen
    finally:
        gc.callbacks.remove(watch)


def _emptied() -> None:
    """With everything else frozen, a full collection finds the oldest generation empty:
    from then on a pass that let full collections happen starts one within 70,000 objects
    kept alive (each young collection moves them on, and the oldest generation grows past
    a quarter of what the last full collection found)."""
    gc.collect()


def test_a_pass_makes_no_full_collection(generations: list[int]) -> None:
    @settled
    def work() -> int:
        _emptied()
        start = len(generations)
        kept = [[n] for n in range(200_000)]
        during = generations[start:]
        assert 0 in during  # young collections still run (short-lived cycles go)
        assert 2 not in during
        return len(kept)

    assert work() == 200_000


def test_frozen_alone_would_make_full_collections(generations: list[int]) -> None:
    # The situation the threshold guards against: the same pass with the heap frozen only.
    gc.freeze()
    try:
        _emptied()
        start = len(generations)
        kept = [[n] for n in range(200_000)]
        assert 2 in generations[start:]
        assert len(kept) == 200_000
    finally:
        gc.unfreeze()


def test_thresholds_are_given_back_even_after_an_error() -> None:
    before = gc.get_threshold()

    @settled
    def fail() -> None:
        assert gc.get_threshold()[1] == before[1]
        assert gc.get_threshold()[2] > 10**9
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        fail()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_process_that_froze_objects_keeps_its_thresholds() -> None:
    before = gc.get_threshold()

    @settled
    def inside() -> tuple[int, int, int]:
        return gc.get_threshold()

    gc.freeze()
    try:
        assert inside() == before
    finally:
        gc.unfreeze()


def test_a_pass_collects_the_young_generation_rarely(generations: list[int]) -> None:
    # What a pass allocates lives until it ends: a young collection every 700 allocations
    # walked it for nothing. A hundred thousand small objects kept now make none.
    before = gc.get_threshold()

    @settled
    def work() -> tuple[tuple[int, int, int], int]:
        start = len(generations)
        kept = [[n] for n in range(_YOUNG // 2)]
        assert len(kept) == _YOUNG // 2
        return gc.get_threshold(), len(generations) - start

    during, collections = work()
    assert during[0] == _YOUNG > before[0]
    assert collections == 0
    assert gc.get_threshold() == before


def test_a_higher_young_threshold_of_the_process_is_kept() -> None:
    before = gc.get_threshold()
    gc.set_threshold(2 * _YOUNG, before[1], before[2])
    try:
        assert settled(gc.get_threshold)()[0] == 2 * _YOUNG
        assert gc.get_threshold()[0] == 2 * _YOUNG
    finally:
        gc.set_threshold(*before)


def test_the_young_threshold_is_given_back_after_an_error() -> None:
    before = gc.get_threshold()

    @settled
    def fail() -> None:
        assert gc.get_threshold()[0] == max(before[0], _YOUNG)
        raise KeyError("boom")

    with pytest.raises(KeyError):
        fail()
    assert gc.get_threshold() == before
