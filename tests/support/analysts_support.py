"""Where the Tongzhou example lives (YAML and workbooks), for the analysts' features."""

from __future__ import annotations

from pathlib import Path

import medconsortium_tongzhou

TONGZHOU_EXAMPLES = Path(medconsortium_tongzhou.__file__).parent / "examples"
