"""Bundled SYNTHETIC event files for the Tongzhou example (2024–2025).

Every row is invented by :mod:`medconsortium.events.examples.generate` (seeded, so the
files are reproduced byte for byte): no real patient, visit or referral is in them.
Institution ids are those of the Tongzhou plugin's example network; ``syn-out-*`` are
invented institutions outside the district, given with their county code.

May import: what :mod:`medconsortium.events` may (the generator reads the Tongzhou
plugin's network through ``io``).

>>> sorted(p.name for p in EXAMPLES.glob("*.csv"))
['synthetic-tongzhou-referrals.csv', 'synthetic-tongzhou-visits.csv']
"""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).parent
VISITS = EXAMPLES / "synthetic-tongzhou-visits.csv"
REFERRALS = EXAMPLES / "synthetic-tongzhou-referrals.csv"
