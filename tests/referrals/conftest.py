"""Fixtures of the referral tests; builders live in ``referral_support`` next to this file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from referral_support import network

from medconsortium import Network


@pytest.fixture
def net() -> Network:
    return network()
