"""medconsortium plugin for 临沂市 (371300): 临政办发〔2017〕60号.

Registers the jurisdiction, the document, its targets, governance rules, referral rules,
reference tables and a bundled example. See the README of the distribution.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from medconsortium import Example
from medconsortium import Label
from medconsortium import Provides
from medconsortium.policy.catalog import examples_folder

from .docking import RULES as DOCKING_RULES
from .document import CODE
from .document import DOCUMENT
from .document import JURISDICTION
from .drugs import FACTS as DRUG_FACTS
from .drugs import RULES as DRUG_RULES
from .indicators import FACTS
from .indicators import INDICATORS
from .indicators import METRICS
from .information import FACTS as INFORMATION_FACTS
from .information import RULES as INFORMATION_RULES
from .information import TARGETS as INFORMATION_TARGETS
from .reception import RULES as RECEPTION_RULES
from .reference import TABLES
from .referral_rules import REFERRAL_RULES
from .rules import RULES
from .targets import TARGETS
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
    "linyi",
    CODE,
    os.path.join(_EXAMPLES, "linyi-network.yaml"),
    os.path.join(_EXAMPLES, "linyi-statistics.yaml"),
    2018,
    Label(
        "临沂市示例：文件指定的牵头医院，合成统计数据",
        "Linyi example: the lead hospitals the text names, synthetic statistics",
    ),
    priority=0,
)


PROVIDES = Provides(
    jurisdictions=(JURISDICTION,),
    documents=(DOCUMENT,),
    metrics=(*METRICS, *TREND_METRICS),
    indicators=(*INDICATORS, *TREND_INDICATORS),
    facts=(*FACTS, *DRUG_FACTS, *INFORMATION_FACTS),
    targets=(*TARGETS, *INFORMATION_TARGETS, *TREND_TARGETS),
    rules=(*RULES, *DOCKING_RULES, *DRUG_RULES, *INFORMATION_RULES),
    # In clause order: 四（三） who receives, then 四（四） the referrals themselves.
    referral_rules=(*RECEPTION_RULES, *REFERRAL_RULES),
    reference_tables=TABLES,
    examples=(EXAMPLE,),
)

#: The one hook implementation: everything above, registered kind by kind by the core.
register_policy = PROVIDES.hookimpl()
