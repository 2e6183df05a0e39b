"""The registry: everything the loaded plugins provide, checked, attributed and queryable.

Loading calls each plugin's ``register_*`` hooks with a ``register`` of its own, so each
item is stored with the plugin that provided it. Every problem (a hook that raises, an item
of the wrong type, a citation to an unknown document, a duplicate id) is a
:class:`~medconsortium.model.errors.PluginError` naming the plugin and the item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

import attrs
import pluggy

from ..model.errors import PluginError, UsageError
from ..model.jurisdictions import NATION, PROVINCES, Jurisdiction
from ..model.statistics import Metric
from ..policy.catalog import Example, Fact, ReferenceTable
from ..policy.documents import Citation, Period, PolicyDocument
from ..policy.indicators import Indicator
from ..policy.referral_rules import ReferralRule
from ..policy.rules import Rule, RuleException
from ..policy.targets import Target
from . import manager as _plugins

T = TypeVar("T")


@attrs.frozen
class Entry(Generic[T]):
    """A registered item, the plugin that provided it and the level it belongs to.

    ``level`` is the division code of the jurisdiction whose document the item cites
    (None for items without a citation, such as metrics).
    """

    item: T
    plugin: str
    level: str | None = None


# (hook name, item type, attribute holding its id) in the order hooks are called.
_HOOKS: tuple[tuple[str, type, str], ...] = (
    ("register_jurisdictions", Jurisdiction, "code"),
    ("register_documents", PolicyDocument, "number"),
    ("register_metrics", Metric, "id"),
    ("register_indicators", Indicator, "id"),
    ("register_facts", Fact, "id"),
    ("register_targets", Target, "id"),
    ("register_rules", Rule, "id"),
    ("register_referral_rules", ReferralRule, "id"),
    ("register_exceptions", RuleException, "id"),
    ("register_reference_data", ReferenceTable, "id"),
    ("register_examples", Example, "name"),
)


def _collect(pm: pluggy.PluginManager) -> dict[str, dict[str, Entry[Any]]]:
    collected: dict[str, dict[str, Entry[Any]]] = {}
    for hook_name, item_type, id_attr in _HOOKS:
        entries: dict[str, Entry[Any]] = {}
        collected[hook_name] = entries
        caller = getattr(pm.hook, hook_name)
        # get_hookimpls() lists implementations in registration order (pluggy *calls*
        # them in reverse); registration order makes a duplicate blame the later plugin.
        for impl in caller.get_hookimpls():
            plugin = impl.plugin_name

            def register(
                item: object,
                *,
                _plugin: str = plugin,
                _type: type = item_type,
                _hook: str = hook_name,
                _id: str = id_attr,
                _entries: dict[str, Entry[Any]] = entries,
            ) -> None:
                if not isinstance(item, _type):
                    raise PluginError(
                        _plugin,
                        f"{_hook} registered a {type(item).__name__}, expected {_type.__name__}",
                    )
                key = getattr(item, _id)
                if key in _entries:
                    other = _entries[key].plugin
                    raise PluginError(
                        _plugin,
                        f"{_type.__name__} {key!r} is already provided by plugin {other!r}",
                        item=f"{_type.__name__.lower()} {key}",
                    )
                _entries[key] = Entry(item, _plugin)

            try:
                result = impl.function(register=register)
            except PluginError:
                raise
            except Exception as exc:
                raise PluginError(plugin, f"{hook_name} raised {exc!r}") from exc
            if result is not None:
                raise PluginError(plugin, f"{hook_name} returned {type(result).__name__}; call register()")
    return collected


@attrs.frozen
class Registry:
    """Jurisdictions, documents, indicators, targets, rules and exceptions of the loaded
    plugins, each stored with its provider.

    >>> reg = Registry.load(only=())
    >>> reg.jurisdiction("national").code
    '100000'
    >>> [j.code for j in reg.chain("320000")]
    ['100000', '320000']
    """

    plugins: tuple[_plugins.PluginInfo, ...]
    jurisdictions: dict[str, Entry[Jurisdiction]]
    documents: dict[str, Entry[PolicyDocument]]
    metrics: dict[str, Entry[Metric]]
    indicators: dict[str, Entry[Indicator]]
    facts: dict[str, Entry[Fact]]
    targets: dict[str, Entry[Target]]
    rules: dict[str, Entry[Rule]]
    referral_rules: dict[str, Entry[ReferralRule]]
    exceptions: dict[str, Entry[RuleException]]
    reference_tables: dict[str, Entry[ReferenceTable]]
    examples: dict[str, Entry[Example]]

    @classmethod
    def load(cls, only: Iterable[str] | None = None, extra: Iterable[tuple[str, object]] = ()) -> Registry:
        """Load the national baseline and the installed plugins (see
        :func:`medconsortium.plugins.manager.plugin_manager` for ``only`` and ``extra``)."""
        pm, infos = _plugins.plugin_manager(only=only, extra=extra)
        return cls.from_plugin_manager(pm, infos)

    @classmethod
    def from_plugin_manager(
        cls, pm: pluggy.PluginManager, infos: tuple[_plugins.PluginInfo, ...] = ()
    ) -> Registry:
        c = _collect(pm)
        jurisdictions: dict[str, Entry[Jurisdiction]] = {NATION.code: Entry(NATION, _plugins.CORE_PLUGIN)}
        for prov in PROVINCES:
            jurisdictions[prov.code] = Entry(prov, _plugins.CORE_PLUGIN)
        for code, entry in c["register_jurisdictions"].items():
            if code in jurisdictions:
                raise PluginError(
                    entry.plugin,
                    f"jurisdiction {code} is already provided by plugin {jurisdictions[code].plugin!r}",
                )
            jurisdictions[code] = entry
        registry = cls(
            plugins=infos,
            jurisdictions=jurisdictions,
            documents=c["register_documents"],
            metrics=c["register_metrics"],
            indicators=c["register_indicators"],
            facts=c["register_facts"],
            targets=c["register_targets"],
            rules=c["register_rules"],
            referral_rules=c["register_referral_rules"],
            exceptions=c["register_exceptions"],
            reference_tables=c["register_reference_data"],
            examples=c["register_examples"],
        )
        registry._check()
        return registry

    # -- consistency -------------------------------------------------------------------
    def _check(self) -> None:
        for code, entry in self.jurisdictions.items():
            parent = entry.item.parent
            if parent is not None and parent not in self.jurisdictions:
                raise PluginError(
                    entry.plugin,
                    f"parent {parent} is not a known jurisdiction",
                    item=f"jurisdiction {code}",
                )
        for number, doc_entry in self.documents.items():
            if doc_entry.item.jurisdiction not in self.jurisdictions:
                raise PluginError(
                    doc_entry.plugin,
                    f"issued by unknown jurisdiction {doc_entry.item.jurisdiction}",
                    item=f"document {number}",
                )
        cited: list[tuple[str, dict[str, Entry[Any]]]] = [
            ("target", self.targets),
            ("rule", self.rules),
            ("referral rule", self.referral_rules),
            ("exception", self.exceptions),
            ("reference table", self.reference_tables),
        ]
        for what, entries in cited:
            for key, entry in list(entries.items()):
                entries[key] = self._attribute(what, key, entry)
        for key, t_entry in self.targets.items():
            indicator = t_entry.item.indicator
            if indicator is not None and indicator not in self.indicators:
                raise PluginError(t_entry.plugin, f"unknown indicator {indicator!r}", item=f"target {key}")
        for key, x_entry in self.exceptions.items():
            exc = x_entry.item
            rule_entry = self.rules.get(exc.rule)
            assert x_entry.level is not None
            if rule_entry is None:
                raise PluginError(
                    x_entry.plugin, f"excepts unknown rule {exc.rule!r}", item=f"exception {key}"
                )
            if not exc.subjects and exc.applies_to is None:
                raise PluginError(
                    x_entry.plugin,
                    "names no subject and has no applies_to: it would cover nothing",
                    item=f"exception {key}",
                )
            ancestors = {j.code for j in self.chain(x_entry.level)[:-1]}
            if rule_entry.level not in ancestors:
                raise PluginError(
                    x_entry.plugin,
                    f"rule {exc.rule!r} is not an ancestor's rule (it belongs to {rule_entry.level})",
                    item=f"exception {key}",
                )
        for name, e_entry in self.examples.items():
            if e_entry.item.jurisdiction not in self.jurisdictions:
                raise PluginError(
                    e_entry.plugin,
                    f"unknown jurisdiction {e_entry.item.jurisdiction}",
                    item=f"example {name}",
                )

    def _attribute(self, what: str, key: str, entry: Entry[Any]) -> Entry[Any]:
        citation = getattr(entry.item, "citation", None)
        if not isinstance(citation, Citation):
            raise PluginError(entry.plugin, "has no citation", item=f"{what} {key}")
        document = self.documents.get(citation.document)
        if document is None:
            raise PluginError(
                entry.plugin,
                f"cites {citation.document}, which no plugin registers",
                item=f"{what} {key}",
            )
        item = entry.item
        period = getattr(item, "period", None)
        if isinstance(period, Period):
            # An item is in force from its document's date at the earliest, whatever the
            # plugin wrote: a 2019 plan does not judge a 2018 network.
            start = document.item.in_force_from
            try:
                item = attrs.evolve(item, period=period.not_before(start))
            except ValueError:
                raise PluginError(
                    entry.plugin,
                    f"in force until {period.end}, before its document {citation.document} ({start})",
                    item=f"{what} {key}",
                ) from None
        return Entry(item, entry.plugin, document.item.jurisdiction)

    # -- queries ---------------------------------------------------------------------
    def jurisdiction(self, query: str) -> Jurisdiction:
        """Find a jurisdiction by code, slug or Chinese name.

        Raises :class:`~medconsortium.model.errors.UsageError` naming the known ones otherwise.
        """
        q = query.strip()
        for entry in self.jurisdictions.values():
            j = entry.item
            if q in (j.code, j.slug, j.name.zh) or q.lower() == j.name.en.lower():
                return j
        known = ", ".join(
            sorted(
                j.item.slug
                for j in self.jurisdictions.values()
                if self.has_policy(j.item.code) or j.item.code == NATION.code
            )
        )
        raise UsageError(f"unknown jurisdiction {query!r} (installed: {known})")

    def chain(self, code: str) -> tuple[Jurisdiction, ...]:
        """The jurisdiction and its ancestors, nation first."""
        out: list[Jurisdiction] = []
        current: str | None = code
        while current is not None:
            j = self.jurisdictions[current].item
            out.append(j)
            current = j.parent
        return tuple(reversed(out))

    def children(self, code: str) -> tuple[Jurisdiction, ...]:
        return tuple(
            sorted(
                (e.item for e in self.jurisdictions.values() if e.item.parent == code),
                key=lambda j: j.code,
            )
        )

    def has_policy(self, code: str) -> bool:
        """Whether a document was issued at this level or anywhere below it."""
        return any(code in {j.code for j in self.chain(d.item.jurisdiction)} for d in self.documents.values())

    def _applicable(
        self, entries: dict[str, Entry[T]], code: str, in_force: Callable[[T], bool]
    ) -> tuple[Entry[T], ...]:
        levels = [j.code for j in self.chain(code)]
        depth = {c: i for i, c in enumerate(levels)}
        found = [e for e in entries.values() if e.level in depth and in_force(e.item)]
        found.sort(key=lambda e: (depth[e.level or ""], getattr(e.item, "id", "")))
        return tuple(found)

    def targets_for(self, code: str, as_of: dt.date | None = None) -> tuple[Entry[Target], ...]:
        """Targets of the jurisdiction and its ancestors (in force on ``as_of``)."""
        return self._applicable(self.targets, code, lambda t: as_of is None or t.in_force(as_of))

    def rules_for(self, code: str, as_of: dt.date | None = None) -> tuple[Entry[Rule], ...]:
        """Rules of the jurisdiction and its ancestors (in force on ``as_of``)."""
        return self._applicable(self.rules, code, lambda r: as_of is None or r.period.contains(as_of))

    def referral_rules_for(self, code: str, as_of: dt.date | None = None) -> tuple[Entry[ReferralRule], ...]:
        return self._applicable(
            self.referral_rules, code, lambda r: as_of is None or r.period.contains(as_of)
        )

    def exceptions_for(self, code: str, as_of: dt.date | None = None) -> tuple[Entry[RuleException], ...]:
        return self._applicable(self.exceptions, code, lambda x: as_of is None or x.period.contains(as_of))

    def documents_for(self, code: str, as_of: dt.date | None = None) -> tuple[Entry[PolicyDocument], ...]:
        """Documents of the jurisdiction and its ancestors (in force on ``as_of``)."""
        levels = [j.code for j in self.chain(code)]
        return tuple(
            sorted(
                (
                    d
                    for d in self.documents.values()
                    if d.item.jurisdiction in levels and (as_of is None or d.item.in_force_from <= as_of)
                ),
                key=lambda d: (levels.index(d.item.jurisdiction), d.item.number),
            )
        )

    def reference_tables_for(self, code: str) -> tuple[Entry[ReferenceTable], ...]:
        return self._applicable(self.reference_tables, code, lambda _t: True)

    def walk(self) -> Iterator[tuple[int, Jurisdiction]]:
        """Depth-first over the jurisdiction tree: (depth, jurisdiction)."""

        def visit(code: str, depth: int) -> Iterator[tuple[int, Jurisdiction]]:
            yield depth, self.jurisdictions[code].item
            for child in self.children(code):
                yield from visit(child.code, depth + 1)

        return visit(NATION.code, 0)
