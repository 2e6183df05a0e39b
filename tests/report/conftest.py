"""The Tongzhou example's folder, for the Excel and report tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysts_support import TONGZHOU_EXAMPLES


@pytest.fixture(scope="session")
def tongzhou_examples() -> Path:
    return TONGZHOU_EXAMPLES
