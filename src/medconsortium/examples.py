"""The national baseline's bundled example, loaded (synthetic data, real structure).

The files ship with the national plugin package (``medconsortium/national/examples``);
doctests and tests load the network from here.
"""

from __future__ import annotations

from .io.loading import load_network
from .model.network import Network
from .national import EXAMPLES_DIR as EXAMPLES


def national_network() -> Network:
    """The national example network."""
    return load_network(EXAMPLES / "national-network.yaml")
