"""The hook specifications every medconsortium plugin implements.

A plugin is a module (or object) registered under the entry-point group
``medconsortium``. Each hook here is called once per plugin when the registry loads, with
a ``register`` callable; the plugin calls ``register(item)`` for each item it provides.
Because the core hands each plugin its own ``register``, every item is attributed to the
plugin that provided it, and errors name that plugin.

The level an item belongs to is the jurisdiction of the document its citation names, so
a plugin cannot attach a rule to a level without citing that level's document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

PROJECT = "medconsortium"

#: Version of these hook specifications. A plugin built for another major version is
#: refused at load time (it declares ``MEDCONSORTIUM_HOOKS_VERSION`` in its module).
HOOKSPEC_VERSION = 1

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

Register = Callable[[Any], None]


@hookspec
def register_jurisdictions(register: Register) -> None:
    """Provide jurisdictions.

    Receives ``register``; call it with one :class:`~medconsortium.Jurisdiction` per
    division the plugin adds (a city or county below a province the core already knows).
    Called once when the registry loads, before every other hook. Returns nothing.
    A code registered twice is an error naming both plugins.
    """


@hookspec
def register_documents(register: Register) -> None:
    """Provide policy documents.

    Receives ``register``; call it with one :class:`~medconsortium.PolicyDocument` per
    document the plugin encodes. Each document names the jurisdiction that issued it,
    which must be registered. Called once when the registry loads. Returns nothing.
    """


@hookspec
def register_metrics(register: Register) -> None:
    """Provide statistics metrics.

    Receives ``register``; call it with one :class:`~medconsortium.Metric` per raw
    quantity the plugin's indicators read from statistics files. Statistics files may only
    use registered metrics. Called once when the registry loads. Returns nothing.
    """


@hookspec
def register_indicators(register: Register) -> None:
    """Provide indicators.

    Receives ``register``; call it with one :class:`~medconsortium.Indicator` per
    indicator the plugin defines beyond the core catalog. Called once when the registry
    loads. Returns nothing.
    """


@hookspec
def register_facts(register: Register) -> None:
    """Provide governance facts and management departments.

    Receives ``register``; call it with one :class:`~medconsortium.Fact` per governance
    fact or department id that the plugin's rules read from network files. Network files
    may only state registered facts. Called once when the registry loads. Returns nothing.
    """


@hookspec
def register_targets(register: Register) -> None:
    """Provide targets.

    Receives ``register``; call it with one :class:`~medconsortium.Target` per target
    the plugin's documents set, each with a :class:`~medconsortium.Citation` to a
    registered document and an indicator that exists. Called once when the registry loads.
    Returns nothing.
    """


@hookspec
def register_rules(register: Register) -> None:
    """Provide governance rules.

    Receives ``register``; call it with one :class:`~medconsortium.Rule` per rule, each
    with a :class:`~medconsortium.Citation`. Called once when the registry loads; each
    rule's ``check`` is then called with a :class:`~medconsortium.RuleContext` whenever a
    network is validated or assessed for the jurisdiction or one below it. Returns nothing.
    """


@hookspec
def register_referral_rules(register: Register) -> None:
    """Provide referral rules.

    Receives ``register``; call it with one :class:`~medconsortium.ReferralRule` per rule
    about individual referrals. Called once when the registry loads; each rule's ``check``
    is then called for every referral checked in the jurisdiction or one below it, with the
    referral and a :class:`~medconsortium.ReferralContext`. Returns nothing.
    """


@hookspec
def register_exceptions(register: Register) -> None:
    """Provide declared exceptions to ancestors' rules.

    Receives ``register``; call it with one :class:`~medconsortium.RuleException` per
    exception: the id of an ancestor's rule, the subjects it covers, the reason and the
    citation that allows it. Called once when the registry loads. Returns nothing.
    """


@hookspec
def register_reference_data(register: Register) -> None:
    """Provide reference tables.

    Receives ``register``; call it with one :class:`~medconsortium.ReferenceTable` per
    table of named institutions or structures the plugin's documents list. They appear in
    the policy reference. Called once when the registry loads. Returns nothing.
    """


@hookspec
def register_examples(register: Register) -> None:
    """Provide bundled examples.

    Receives ``register``; call it with one :class:`~medconsortium.Example` per example
    network (with statistics) the plugin ships. ``medconsortium demo`` runs the one with
    the highest priority. Called once when the registry loads. Returns nothing.
    """


@hookspec
def register_policy(register: Register) -> None:
    """Provide items of any kind at once: what a plugin declares as data.

    Receives ``register``; call it with every item the plugin provides (jurisdictions,
    documents, metrics, indicators, facts, targets, rules, referral rules, exceptions,
    reference tables, examples), in any order: the core sorts them by type and registers
    each kind as the hook of that kind would. A plugin rarely writes this hook itself: it
    declares a :class:`~medconsortium.Provides` and assigns ``register_policy =
    PROVIDES.hookimpl()``. Called once when the registry loads, after the plugin's other
    ``register_*`` hooks. Returns nothing.
    """
