"""medconsortium: China's medical-consortium (医联体) policy as executable, cited code.

The public API is re-exported here; see :mod:`medconsortium.api` for the few calls that
load files, validate and assess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .engine.evaluation import Report, assess, check_referral, run_rules, validate
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
