"""The national baseline's bundled example (synthetic data, real structure)."""

from __future__ import annotations

from pathlib import Path

from ..loading import load_network
from ..network import Network

EXAMPLES = Path(__file__).parent


def national_network() -> Network:
    """The national example network."""
    return load_network(EXAMPLES / "national-network.yaml")
