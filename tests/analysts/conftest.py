"""Fixtures of the analysts' features: Excel in and out, reports, the browser."""

from __future__ import annotations

from pathlib import Path

import medconsortium_tongzhou
import pytest

EXAMPLES = Path(medconsortium_tongzhou.__file__).parent / "examples"


@pytest.fixture(scope="session")
def tongzhou_examples() -> Path:
    return EXAMPLES
