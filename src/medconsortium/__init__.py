"""medconsortium: China's medical-consortium (医联体) policy as executable, cited code.

The public API is re-exported here; see :mod:`medconsortium.api` for the few calls that
load files, validate and assess.
"""

from __future__ import annotations

from .catalog import Example, Fact, FactKind, ReferenceTable
from .consortia import (
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
from .errors import InputError, MedconsortiumError, NetworkError, PluginError, UsageError
from .evaluation import Report, assess, check_referral, run_rules, validate
from .findings import AppliedException, Finding, FindingStatus, Outcome, TargetResult, TargetStatus
from .hookspecs import HOOKSPEC_VERSION, hookimpl
from .indicators import Better, Computed, Indicator, MeasureContext, MetricValue, Ratio, Unit
from .institutions import Grade, Institution, InstitutionLevel, InstitutionType, Ownership
from .jurisdictions import NATION, Jurisdiction, Level, code_within
from .labels import Label
from .loading import load_network, load_statistics
from .network import Network
from .policy import Citation, DatePrecision, Period, PolicyDocument, PolicyText, Strength
from .referrals import (
    ClinicalPhase,
    Contract,
    Direction,
    Prescription,
    Referral,
    ReferralContext,
    ReferralRule,
)
from .registry import Entry, Registry
from .rules import Rule, RuleContext, RuleException
from .staffing import Secondment, Title
from .statistics import Metric, Scope, Statistics, StatRecord
from .targets import Basis, Operator, Target, TargetScope

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
