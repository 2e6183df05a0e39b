"""Loaders the model and the engine call on first use of what lives in a later layer.

``Network.from_dict`` reads through the io layer, ``Report.to_dict`` and its kin write
through the report layer; neither layer may be imported from below. The package's facade
(``medconsortium/__init__.py``) registers here, when it is imported, the functions that
import them; this module imports nothing, so that registering costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

#: Imports the io layer (which registers the network reader).
READER_LOADER: Callable[[], None] | None = None
#: Imports the report layer (which registers Report's serialisers).
SERIALISER_LOADER: Callable[[], None] | None = None
