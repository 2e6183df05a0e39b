"""medconsortium plugin for Wuhu (芜湖市, 340200): 芜医改组〔2019〕7号.

One city medical group per district, the named district leads, tight county medical
communities, the urban–rural caps, free choice of referral, one specialty alliance per
specialty, the telemedicine platform's five unifications, and the assessment indicators.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING
from typing import TypeVar

import attrs
from medconsortium import Example
from medconsortium import Label
from medconsortium import Period
from medconsortium import Provides
from medconsortium import ReferralRule
from medconsortium import Rule
from medconsortium.policy.catalog import examples_folder

from . import exceptions
from . import facts
from . import indicators
from . import reference
from . import referral_rules
from . import routing
from . import rules
from . import targets
from . import urban_rural
from .document import CODE
from .document import DOCUMENT
from .document import ISSUED
from .document import JURISDICTION

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
        "wuhu",
        CODE,
        os.path.join(_EXAMPLES, "wuhu-network.yaml"),
        os.path.join(_EXAMPLES, "wuhu-statistics.yaml"),
        2020,
        Label(
            "芜湖市示例：含违规情形（合成数据）",
            "Wuhu example with violations (synthetic data, real districts and named leads)",
        ),
        priority=0,
    ),
    Example(
        "wuhu-compliant",
        CODE,
        os.path.join(_EXAMPLES, "wuhu-compliant-network.yaml"),
        os.path.join(_EXAMPLES, "wuhu-statistics.yaml"),
        2020,
        Label("芜湖市示例：合规情形（合成数据）", "Wuhu example, compliant variant (synthetic data)"),
        # Below the featured examples: ``medconsortium demo`` should not pick it by default.
        priority=-1,
    ),
)


R = TypeVar("R", Rule, ReferralRule)


def _from_issue(rule: R) -> R:
    """The rule in force from the day the plan was issued. No end: the plan covers 2018-2020,
    but no later text repeals its rules (the document's ``review_by`` asks to check)."""
    return attrs.evolve(rule, period=Period(ISSUED))


PROVIDES = Provides(
    jurisdictions=(JURISDICTION,),
    documents=(DOCUMENT,),
    indicators=indicators.INDICATORS,
    facts=facts.FACTS,
    targets=targets.TARGETS,
    rules=(_from_issue(rule) for rule in (*rules.RULES, *urban_rural.RULES, *routing.RULES)),
    referral_rules=(_from_issue(rule) for rule in referral_rules.REFERRAL_RULES),
    exceptions=exceptions.EXCEPTIONS,
    reference_tables=reference.REFERENCE_TABLES,
    examples=EXAMPLES,
)

#: The one hook implementation: everything above, registered kind by kind by the core.
register_policy = PROVIDES.hookimpl()
