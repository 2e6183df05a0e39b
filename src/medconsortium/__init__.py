"""medconsortium: China's medical-consortium (医联体) policy as executable, cited code.

The public API is re-exported here; see :mod:`medconsortium.api` for the few calls that
load files, validate and assess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: The version of the core, the one place it is written (the build reads it: pyproject
#: [tool.hatch.version]; ``medconsortium --version`` and the docs read the installed metadata).
__version__ = "0.1.0"

from .model import late as _late


def _load_serialisers() -> None:
    # Report.to_dict(), to_json() and records() live in the report layer, which the engine
    # below it cannot import: imported here, on their first call.
    from .report import rows  # noqa: F401


def _load_network_reader() -> None:
    # Network.from_dict reads through the io layer, which the model cannot import (and
    # which loads lazily, see _LAZY): imported here, on its first call.
    from .io import loading  # noqa: F401


_late.SERIALISER_LOADER = _load_serialisers
_late.READER_LOADER = _load_network_reader

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

# Every public name is imported on first use (PEP 562): ``medconsortium --version`` and
# commands that need few layers start without loading the rest (attrs, pluggy, the
# plugins, the readers with YAML and cattrs). ``from medconsortium import Network`` works
# as before; the type checker reads the imports below.
if TYPE_CHECKING:
    from .engine.evaluation import Report, assess, check_referral, run_rules, validate
    from .io.loading import load_network, load_statistics
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

_LAZY: dict[str, str] = {
    "Report": "medconsortium.engine.evaluation",
    "assess": "medconsortium.engine.evaluation",
    "check_referral": "medconsortium.engine.evaluation",
    "run_rules": "medconsortium.engine.evaluation",
    "validate": "medconsortium.engine.evaluation",
    "Change": "medconsortium.model.consortia",
    "Consortium": "medconsortium.model.consortia",
    "ConsortiumKind": "medconsortium.model.consortia",
    "Filing": "medconsortium.model.consortia",
    "Governance": "medconsortium.model.consortia",
    "Integration": "medconsortium.model.consortia",
    "Link": "medconsortium.model.consortia",
    "MemberRole": "medconsortium.model.consortia",
    "Membership": "medconsortium.model.consortia",
    "Routing": "medconsortium.model.consortia",
    "InputError": "medconsortium.model.errors",
    "MedconsortiumError": "medconsortium.model.errors",
    "NetworkError": "medconsortium.model.errors",
    "PluginError": "medconsortium.model.errors",
    "UsageError": "medconsortium.model.errors",
    "Grade": "medconsortium.model.institutions",
    "Institution": "medconsortium.model.institutions",
    "InstitutionLevel": "medconsortium.model.institutions",
    "InstitutionType": "medconsortium.model.institutions",
    "Ownership": "medconsortium.model.institutions",
    "NATION": "medconsortium.model.jurisdictions",
    "Jurisdiction": "medconsortium.model.jurisdictions",
    "Level": "medconsortium.model.jurisdictions",
    "code_within": "medconsortium.model.jurisdictions",
    "Label": "medconsortium.model.labels",
    "Network": "medconsortium.model.network",
    "ClinicalPhase": "medconsortium.model.referrals",
    "Contract": "medconsortium.model.referrals",
    "Direction": "medconsortium.model.referrals",
    "Prescription": "medconsortium.model.referrals",
    "Referral": "medconsortium.model.referrals",
    "Secondment": "medconsortium.model.staffing",
    "Title": "medconsortium.model.staffing",
    "Metric": "medconsortium.model.statistics",
    "Scope": "medconsortium.model.statistics",
    "Statistics": "medconsortium.model.statistics",
    "StatRecord": "medconsortium.model.statistics",
    "HOOKSPEC_VERSION": "medconsortium.plugins.hookspecs",
    "hookimpl": "medconsortium.plugins.hookspecs",
    "Provides": "medconsortium.plugins.provides",
    "Entry": "medconsortium.plugins.registry",
    "Registry": "medconsortium.plugins.registry",
    "Example": "medconsortium.policy.catalog",
    "Fact": "medconsortium.policy.catalog",
    "FactKind": "medconsortium.policy.catalog",
    "ReferenceTable": "medconsortium.policy.catalog",
    "Citation": "medconsortium.policy.documents",
    "DatePrecision": "medconsortium.policy.documents",
    "Period": "medconsortium.policy.documents",
    "PolicyDocument": "medconsortium.policy.documents",
    "PolicyText": "medconsortium.policy.documents",
    "Strength": "medconsortium.policy.documents",
    "AppliedException": "medconsortium.policy.findings",
    "FailOn": "medconsortium.policy.findings",
    "Finding": "medconsortium.policy.findings",
    "FindingStatus": "medconsortium.policy.findings",
    "Outcome": "medconsortium.policy.findings",
    "TargetResult": "medconsortium.policy.findings",
    "TargetStatus": "medconsortium.policy.findings",
    "Better": "medconsortium.policy.indicators",
    "Computed": "medconsortium.policy.indicators",
    "Indicator": "medconsortium.policy.indicators",
    "MeasureContext": "medconsortium.policy.indicators",
    "MetricValue": "medconsortium.policy.indicators",
    "Ratio": "medconsortium.policy.indicators",
    "Unit": "medconsortium.policy.indicators",
    "ReferralContext": "medconsortium.policy.referral_rules",
    "ReferralRule": "medconsortium.policy.referral_rules",
    "Rule": "medconsortium.policy.rules",
    "RuleContext": "medconsortium.policy.rules",
    "RuleException": "medconsortium.policy.rules",
    "Basis": "medconsortium.policy.targets",
    "Operator": "medconsortium.policy.targets",
    "Target": "medconsortium.policy.targets",
    "TargetScope": "medconsortium.policy.targets",
    "load_network": "medconsortium.io.loading",
    "load_statistics": "medconsortium.io.loading",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'medconsortium' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
