"""The collector while loading (medconsortium.io.loading.collector_paused): paused, then
what was loaded handed to the oldest generation, where young collections do not walk it."""

from __future__ import annotations

import gc

import pytest

from medconsortium.engine.heap import to_oldest
from medconsortium.io import loading
from medconsortium.io.loading import collector_paused


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many objects were waiting for a young collection at each hand-over."""
    seen: list[int] = []

    def watch() -> None:
        seen.append(gc.get_count()[0])
        to_oldest()

    monkeypatch.setattr(loading, "to_oldest", watch)
    return seen


def _in_oldest(thing: object) -> bool:
    return any(o is thing for o in gc.get_objects(generation=2))


def test_what_was_loaded_goes_to_the_oldest_generation() -> None:
    with collector_paused():
        assert not gc.isenabled()
        kept = [[n] for n in range(10_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 700  # no young collection is due to walk them
    assert _in_oldest(kept) and _in_oldest(kept[-1])


def test_handed_over_once_by_the_outer_pause(handed: list[int]) -> None:
    with collector_paused():
        with collector_paused():
            kept = [[n] for n in range(5_000)]
        assert handed == [] and not gc.isenabled()
    assert len(handed) == 1 and handed[0] >= 5_000
    assert len(kept) == 5_000


def test_nothing_handed_over_after_an_error(handed: list[int]) -> None:
    with pytest.raises(ValueError, match="bad row"), collector_paused():
        raise ValueError("bad row")
    assert handed == []
    assert gc.isenabled()


def test_a_caller_that_paused_the_collector_keeps_it_paused(handed: list[int]) -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert handed == []


def test_a_process_that_froze_objects_keeps_them_frozen(handed: list[int]) -> None:
    # Frozen objects are in no generation: gc.get_objects() does not list them. (The freeze
    # count is no witness: frozen objects that are freed meanwhile leave it.)
    sentinel = [object()]
    gc.freeze()
    try:
        assert not any(o is sentinel for o in gc.get_objects())
        with collector_paused():
            kept = [[n] for n in range(1_000)]
        assert gc.get_freeze_count() > 0
        assert not any(o is sentinel for o in gc.get_objects())
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    assert any(o is sentinel for o in gc.get_objects())
    assert handed == []
    assert len(kept) == 1_000


def test_a_loaded_network_is_handed_over(handed: list[int]) -> None:
    from medconsortium.national import EXAMPLES_DIR

    network = loading.load_network(EXAMPLES_DIR / "national-network.yaml")
    assert len(handed) == 1
    assert _in_oldest(network.institutions)
