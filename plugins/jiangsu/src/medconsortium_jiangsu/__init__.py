"""medconsortium plugin for 江苏省 (320000): 苏卫医政〔2019〕17号, the Jiangsu medical
consortium construction plan (trial).

Targets (grid layout, coverage, the 2020 indicators, the falling cross-province flow of
patients), governance rules (leads, members, the grid, the regional medical centres and
provincially administered hospitals, specialty alliances, telemedicine networks, filing
within 5 working days), the exceptions 四（一）5 makes to the national lead rules
(private secondary and tertiary hospitals may lead), reference tables (附件2, regional
medical centres, the five treatment-centre systems) and a synthetic example. The province
itself is registered by the core, so this plugin registers no jurisdiction.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from medconsortium import Example
from medconsortium import Label
from medconsortium import Provides
from medconsortium.policy.catalog import examples_folder

from .catalog import FACTS
from .catalog import INDICATORS
from .catalog import METRICS
from .centres import RULES as CENTRE_RULES
from .document import DOCUMENT
from .document import JIANGSU
from .duties import OTHER_FACTS
from .duties import RULES as DUTY_RULES
from .duties import STAFFING_FACTS
from .exceptions import EXCEPTIONS
from .information import FACTS as INFORMATION_FACTS
from .information import RULES as INFORMATION_RULES
from .reference import TABLES
from .referrals import ALLIANCE_REFERRAL_FACTS
from .referrals import REFERRAL_RULES
from .referrals import RULES as REFERRAL_FACT_RULES
from .rules import RULES
from .targets import TARGETS

#: This distribution's version, read by the build (pyproject: [tool.hatch.version]).
__version__ = "0.1.0"

MEDCONSORTIUM_HOOKS_VERSION = 1

# The bundled examples' folder as a string, and EXAMPLES_DIR (a Path) made on first use:
# pathlib is not imported at start-up.
_EXAMPLES, __getattr__ = examples_folder(__file__, __name__)

if TYPE_CHECKING:
    from pathlib import Path

    EXAMPLES_DIR: Path


EXAMPLES = (
    Example(
        "jiangsu",
        JIANGSU,
        os.path.join(_EXAMPLES, "jiangsu-network.yaml"),
        os.path.join(_EXAMPLES, "jiangsu-statistics.yaml"),
        2020,
        Label(
            "江苏省示例：一个设区市及其区县，含各类违规（合成数据）",
            "Jiangsu example: one city and its counties, with violations (synthetic data)",
        ),
        priority=0,
    ),
    Example(
        "jiangsu-compliant",
        JIANGSU,
        os.path.join(_EXAMPLES, "jiangsu-compliant-network.yaml"),
        os.path.join(_EXAMPLES, "jiangsu-compliant-statistics.yaml"),
        2020,
        Label(
            "江苏省示例：符合规划的变体（合成数据）",
            "Jiangsu example: a compliant variant (synthetic data)",
        ),
        priority=0,
    ),
)


PROVIDES = Provides(
    documents=(DOCUMENT,),
    metrics=METRICS,
    indicators=INDICATORS,
    facts=(*FACTS, *ALLIANCE_REFERRAL_FACTS, *STAFFING_FACTS, *OTHER_FACTS, *INFORMATION_FACTS),
    targets=TARGETS,
    rules=(*RULES, *CENTRE_RULES, *REFERRAL_FACT_RULES, *DUTY_RULES, *INFORMATION_RULES),
    referral_rules=REFERRAL_RULES,
    exceptions=EXCEPTIONS,
    reference_tables=TABLES,
    examples=EXAMPLES,
)

#: The one hook implementation: everything above, registered kind by kind by the core.
register_policy = PROVIDES.hookimpl()
