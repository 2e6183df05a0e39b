"""medconsortium plugin for 通州区 (Tongzhou District, Nantong, Jiangsu): 通政办发〔2024〕20号.

Registers Nantong (320600) and Tongzhou (320612), the document, its targets, governance
and referral rules, the exceptions for 平潮区域性医共体, reference tables and the bundled
example of the three real county medical communities (with synthetic statistics).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from medconsortium import Example
from medconsortium import Label
from medconsortium import Provides
from medconsortium.policy.catalog import examples_folder

from .communities import RULES as COMMUNITY_RULES
from .document import DOCUMENT
from .document import JURISDICTIONS
from .document import TONGZHOU_CODE
from .exceptions import EXCEPTIONS
from .facts import FACTS
from .indicators import INDICATORS
from .indicators import METRICS
from .reference import REFERENCE_TABLES
from .referral_rules import REFERRAL_RULES
from .rules import RULES
from .targets import TARGETS
from .tasks import FACTS as TASK_FACTS
from .tasks import RULES as TASK_RULES
from .teams import FACTS as TEAM_FACTS
from .teams import RULES as TEAM_RULES
from .trends import INDICATORS as TREND_INDICATORS
from .trends import METRICS as TREND_METRICS
from .trends import TARGETS as TREND_TARGETS

#: This distribution's version, read by the build (pyproject: [tool.hatch.version]).
__version__ = "0.1.0"

MEDCONSORTIUM_HOOKS_VERSION = 1

# The bundled examples' folder as a string, and EXAMPLES_DIR (a Path) made on first use:
# pathlib is not imported at start-up.
_EXAMPLES, __getattr__ = examples_folder(__file__, __name__)

if TYPE_CHECKING:
    from pathlib import Path

    EXAMPLES_DIR: Path


EXAMPLE = Example(
    "tongzhou",
    TONGZHOU_CODE,
    os.path.join(_EXAMPLES, "tongzhou-network.yaml"),
    os.path.join(_EXAMPLES, "tongzhou-statistics.yaml"),
    2025,
    Label(
        "通州区三大县域医共体（真实名单，合成统计数据）",
        "Tongzhou's three county medical communities (real members, synthetic statistics)",
    ),
    priority=10,
)


PROVIDES = Provides(
    jurisdictions=JURISDICTIONS,
    documents=(DOCUMENT,),
    metrics=(*METRICS, *TREND_METRICS),
    indicators=(*INDICATORS, *TREND_INDICATORS),
    facts=(*FACTS, *TEAM_FACTS, *TASK_FACTS),
    targets=(*TARGETS, *TREND_TARGETS),
    rules=(*RULES, *COMMUNITY_RULES, *TEAM_RULES, *TASK_RULES),
    referral_rules=REFERRAL_RULES,
    exceptions=EXCEPTIONS,
    reference_tables=REFERENCE_TABLES,
    examples=(EXAMPLE,),
)

#: The one hook implementation: everything above, registered kind by kind by the core.
register_policy = PROVIDES.hookimpl()
