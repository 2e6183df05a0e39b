"""Testing helpers for plugin authors: the plugin contract, sample data, isolated registries.

Every jurisdiction plugin runs the contract over itself, usually in one test::

    from medconsortium.testing import assert_contract

    def test_contract() -> None:
        assert_contract("linyi")

:func:`contract_problems` checks what the registry cannot check at load time:

- **hooks**: every function named like a hook is marked ``@hookimpl`` (pluggy ignores
  unmarked ones silently), and none is named almost like one (``register_rule``);
- **ids**: unique, lower-case, ``<plugin>.<name>`` for cited items and ``<plugin>_<name>``
  for metrics, indicators and facts, and the same on every load (stable);
- **citations**: every target, rule, referral rule, exception and reference table cites a
  registered document with a clause and a non-empty Chinese quote found verbatim (white
  space aside) in the text the document ships (:attr:`~medconsortium.PolicyDocument.text`),
  or in ``texts`` when given;
- **indicators**: every target names a registered indicator, every indicator reads
  registered metrics;
- **units**: percentages are scaled by 100 and thresholds lie in their unit's range;
- **dates**: deadlines inside the period in force, review dates after the issue date,
  base years before the deadline, exceptions in force while their rule is;
- **exceptions**: each points to an ancestor's rule that exists and names its subjects;
- **rules**: every rule check, run over generated networks (every consortium kind, with
  governance facts true, false and absent, and an empty network), returns
  :class:`~medconsortium.Outcome` objects of the right shape, the same on every run, and
  never a pass on a network with nothing to look at; every referral rule does the same
  on generated referrals.

The rest of the module builds inputs for tests: :func:`make_institution`,
:func:`make_consortium`, :func:`sample_network`, :func:`make_statistics`,
:func:`make_referral`, :func:`fake_plugin`, and :func:`temporary_plugin` to load a plugin
object for one test only. The pytest fixtures :func:`plugin_registry` and
:func:`contract` expose them; import them into a ``conftest.py`` to use them.

May import: everything of the core (it sits at the top, beside the CLI); the core never
imports it. Split into :mod:`.contract`, :mod:`.factories` and :mod:`.plugins`.
"""

from __future__ import annotations

from ..plugins.quotes import shipped_texts
from ..plugins.scaffold import county_in
from .contract import (
    CHECKS,
    ContractError,
    Problem,
    assert_contract,
    contract_problems,
    installed_plugin,
    plugin_ids,
    policy_texts,
)
from .factories import make_consortium, make_institution, make_referral, make_statistics, sample_network
from .plugins import contract, fake_plugin, plugin_registry, temporary_plugin

__all__ = [
    "CHECKS",
    "ContractError",
    "Problem",
    "assert_contract",
    "contract",
    "contract_problems",
    "county_in",
    "fake_plugin",
    "installed_plugin",
    "make_consortium",
    "make_institution",
    "make_referral",
    "make_statistics",
    "plugin_ids",
    "plugin_registry",
    "policy_texts",
    "sample_network",
    "shipped_texts",
    "temporary_plugin",
]
