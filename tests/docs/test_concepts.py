"""The examples in docs/concepts.rst run, and say what the library does."""

from __future__ import annotations

import doctest
from pathlib import Path

CONCEPTS = Path(__file__).resolve().parents[2] / "docs" / "concepts.rst"


def test_the_examples_in_concepts_run() -> None:
    result = doctest.testfile(
        str(CONCEPTS), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.attempted >= 10
    assert result.failed == 0
