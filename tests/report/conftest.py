"""The Tongzhou example's folder and its assessment's command line, for the Excel and
report tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysts_support import TONGZHOU_EXAMPLES


@pytest.fixture(scope="session")
def tongzhou_examples() -> Path:
    return TONGZHOU_EXAMPLES


@pytest.fixture(scope="session")
def assess_args(tongzhou_examples: Path) -> list[str]:
    """``assess`` of the Tongzhou example for 2025, without a format."""
    return [
        "assess", str(tongzhou_examples / "tongzhou-network.yaml"),
        "--stats", str(tongzhou_examples / "tongzhou-statistics.yaml"),
        "-j", "tongzhou", "--year", "2025",
    ]  # fmt: skip
