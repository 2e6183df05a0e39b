"""medconsortium: China's medical-consortium (医联体) policy as executable, cited code.

The public API is re-exported here; see :mod:`medconsortium.api` for the few calls that
load files, validate and assess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: The version of the core, the one place it is written (the build reads it: pyproject
#: [tool.hatch.version]; ``medconsortium --version`` and the docs read the installed metadata).
__version__ = "0.1.0"

from .engine import evaluation as _evaluation
from .engine.evaluation import Report, assess, check_referral, run_rules, validate
from .model import network as _network
from .model.consortia import (
    Change,
    Consortium,
    ConsortiumKind,
    Filing,
    Governance,
    Integration,
    Link,
    MemberRole,
    Membership,
    Routing,
)
from .model.errors import InputError, MedconsortiumError, NetworkError, PluginError, UsageError
from .model.institutions import Grade, Institution, InstitutionLevel, InstitutionType, Ownership
from .model.jurisdictions import NATION, Jurisdiction, Level, code_within
from .model.labels import Label
from .model.network import Network
from .model.referrals import ClinicalPhase, Contract, Direction, Prescription, Referral
from .model.staffing import Secondment, Title
from .model.statistics import Metric, Scope, Statistics, StatRecord
from .plugins.hookspecs import HOOKSPEC_VERSION, hookimpl
from .plugins.provides import Provides
from .plugins.registry import Entry, Registry
from .policy.catalog import Example, Fact, FactKind, ReferenceTable
from .policy.documents import Citation, DatePrecision, Period, PolicyDocument, PolicyText, Strength
from .policy.findings import (
    AppliedException,
    FailOn,
    Finding,
    FindingStatus,
    Outcome,
    TargetResult,
    TargetStatus,
)
from .policy.indicators import Better, Computed, Indicator, MeasureContext, MetricValue, Ratio, Unit
from .policy.referral_rules import ReferralContext, ReferralRule
from .policy.rules import Rule, RuleContext, RuleException
from .policy.targets import Basis, Operator, Target, TargetScope


def _load_serialisers() -> None:
    # Report.to_dict(), to_json() and records() live in the report layer, which the engine
    # below it cannot import: imported here, on their first call.
    from .report import rows  # noqa: F401


def _load_network_reader() -> None:
    # Network.from_dict reads through the io layer, which the model cannot import (and
    # which loads lazily, see _LAZY): imported here, on its first call.
    from .io import loading  # noqa: F401


_evaluation.SERIALISER_LOADER = _load_serialisers
_network.READER_LOADER = _load_network_reader

__all__ = [
    "HOOKSPEC_VERSION",
    "NATION",
    "AppliedException",
    "Basis",
    "Better",
    "Change",
    "Citation",
    "ClinicalPhase",
    "Computed",
    "Consortium",
    "ConsortiumKind",
    "Contract",
    "DatePrecision",
    "Direction",
    "Entry",
    "Example",
    "Fact",
    "FactKind",
    "FailOn",
    "Filing",
    "Finding",
    "FindingStatus",
    "Governance",
    "Grade",
    "Indicator",
    "InputError",
    "Institution",
    "InstitutionLevel",
    "InstitutionType",
    "Integration",
    "Jurisdiction",
    "Label",
    "Level",
    "Link",
    "MeasureContext",
    "MedconsortiumError",
    "MemberRole",
    "Membership",
    "Metric",
    "MetricValue",
    "Network",
    "NetworkError",
    "Operator",
    "Outcome",
    "Ownership",
    "Period",
    "PluginError",
    "PolicyDocument",
    "PolicyText",
    "Prescription",
    "Provides",
    "Ratio",
    "ReferenceTable",
    "Referral",
    "ReferralContext",
    "ReferralRule",
    "Registry",
    "Report",
    "Routing",
    "Rule",
    "RuleContext",
    "RuleException",
    "Scope",
    "Secondment",
    "StatRecord",
    "Statistics",
    "Strength",
    "Target",
    "TargetResult",
    "TargetScope",
    "TargetStatus",
    "Title",
    "Unit",
    "UsageError",
    "assess",
    "check_referral",
    "code_within",
    "hookimpl",
    "load_network",
    "load_statistics",
    "run_rules",
    "validate",
]

# The readers pull in YAML and cattrs, which only commands that read files need: they are
# imported on first use (PEP 562), so that ``medconsortium rules`` starts without them.
if TYPE_CHECKING:
    from .io.loading import load_network, load_statistics

_LAZY = {"load_network": "medconsortium.io.loading", "load_statistics": "medconsortium.io.loading"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'medconsortium' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
