"""The registry: everything the loaded plugins provide, checked, attributed and queryable.

Loading calls each plugin's ``register_*`` hooks with a ``register`` of its own, so each
item is stored with the plugin that provided it (:mod:`.collect`). Every problem (a hook
that raises, an item of the wrong type, a citation to an unknown document, a duplicate id)
is a :class:`~medconsortium.model.errors.PluginError` naming the plugin and the item:
raised at once when loading is strict, else the plugin is left out and listed in
:attr:`Registry.broken`, and only a jurisdiction whose chain it belongs to refuses to run
(:meth:`Registry.jurisdiction`).
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar, cast

import attrs
import pluggy

from ..model.errors import PluginError, UsageError
from ..model.jurisdictions import NATION, Jurisdiction
from ..model.statistics import Metric
from ..policy.catalog import Example, Fact, ReferenceTable
from ..policy.documents import Citation, Period, PolicyDocument
from ..policy.indicators import Indicator
from ..policy.referral_rules import ReferralRule
from ..policy.rules import Rule, RuleException
from ..policy.targets import Target
from . import manager as _plugins
from .collect import HOOKS, collect
from .entries import Entry as Entry  # re-exported: where the API documents it

T = TypeVar("T")


_HOOKS = HOOKS  # the name the docs extension and tests know


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
    jurisdictions: Mapping[str, Entry[Jurisdiction]]
    documents: Mapping[str, Entry[PolicyDocument]]
    metrics: Mapping[str, Entry[Metric]]
    indicators: Mapping[str, Entry[Indicator]]
    facts: Mapping[str, Entry[Fact]]
    targets: Mapping[str, Entry[Target]]
    rules: Mapping[str, Entry[Rule]]
    referral_rules: Mapping[str, Entry[ReferralRule]]
    exceptions: Mapping[str, Entry[RuleException]]
    reference_tables: Mapping[str, Entry[ReferenceTable]]
    examples: Mapping[str, Entry[Example]]

    #: Plugins left out because they failed (only when loading is not strict).
    broken: tuple[_plugins.BrokenPlugin, ...] = ()
    #: What plugins wrote to standard output while loading, one line each, for stderr.
    notes: tuple[str, ...] = ()

    @classmethod
    def load(
        cls, only: Iterable[str] | None = None, extra: Iterable[tuple[str, object]] = (), strict: bool = True
    ) -> Registry:
        """Load the national baseline and the installed plugins (see
        :func:`medconsortium.plugins.manager.load_plugins` for ``only``, ``extra`` and
        ``strict``)."""
        loaded = _plugins.load_plugins(only=only, extra=extra, strict=strict)
        while True:
            c, levels = collect(loaded)
            registry = cls(
                plugins=tuple(loaded.infos),
                jurisdictions=c["register_jurisdictions"],
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
                broken=tuple(loaded.broken),
                notes=tuple(dict.fromkeys(loaded.notes)),
            )
            try:
                registry._check()
            except PluginError as exc:
                # Leave the plugin out and load the others again: what was checked before
                # it may have depended on it.
                loaded.fail(exc, levels.get(exc.plugin, ()))
                loaded.notes.clear()
                continue
            return registry._frozen()

    @classmethod
    def from_plugin_manager(
        cls, pm: pluggy.PluginManager, infos: tuple[_plugins.PluginInfo, ...] = ()
    ) -> Registry:
        """A registry from a plugin manager built elsewhere (strict: the first problem raises)."""
        c, _ = collect(_plugins.Loaded(pm, list(infos)))
        registry = cls(
            plugins=infos,
            jurisdictions=c["register_jurisdictions"],
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
        return registry._frozen()

    def _frozen(self) -> Registry:
        """The same registry with read-only mappings: what plugins provide is not changed
        after loading, by anyone."""
        ro = types.MappingProxyType
        return attrs.evolve(
            self,
            jurisdictions=ro(dict(self.jurisdictions)),
            documents=ro(dict(self.documents)),
            metrics=ro(dict(self.metrics)),
            indicators=ro(dict(self.indicators)),
            facts=ro(dict(self.facts)),
            targets=ro(dict(self.targets)),
            rules=ro(dict(self.rules)),
            referral_rules=ro(dict(self.referral_rules)),
            exceptions=ro(dict(self.exceptions)),
            reference_tables=ro(dict(self.reference_tables)),
            examples=ro(dict(self.examples)),
        )

    # -- consistency -------------------------------------------------------------------
    def _check(self) -> None:
        for code, entry in self.jurisdictions.items():
            parent = entry.item.parent
            if parent is not None and parent not in self.jurisdictions:
                raise PluginError(
                    entry.plugin,
                    _plugins.missing_parent_hint(entry.plugin, parent, self.plugins),
                    item=f"jurisdiction {code}",
                )
        for number, doc_entry in self.documents.items():
            if doc_entry.item.jurisdiction not in self.jurisdictions:
                raise PluginError(
                    doc_entry.plugin,
                    f"issued by unknown jurisdiction {doc_entry.item.jurisdiction}",
                    item=f"document {number}",
                )
        cited: list[tuple[str, Mapping[str, Entry[Any]]]] = [
            ("target", self.targets),
            ("rule", self.rules),
            ("referral rule", self.referral_rules),
            ("exception", self.exceptions),
            ("reference table", self.reference_tables),
        ]
        for what, entries in cited:
            # Still the loader's dicts here: read-only only once checked (see _frozen).
            mutable = cast(dict[str, Entry[Any]], entries)
            for key, entry in list(mutable.items()):
                mutable[key] = self._attribute(what, key, entry)
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
                self._refuse_broken(self.chain(j.code))
                return j
        for broken in self.broken:
            if q == broken.name or q in broken.levels:
                raise PluginError(broken.name, f"failed to load, so {q!r} cannot be checked: {broken.error}")
        known = ", ".join(
            sorted(
                j.item.slug
                for j in self.jurisdictions.values()
                if self.has_policy(j.item.code) or j.item.code == NATION.code
            )
        )
        raise UsageError(f"unknown jurisdiction {query!r} (installed: {known})")

    def _refuse_broken(self, chain: tuple[Jurisdiction, ...]) -> None:
        """A compliance result without a level's rules would be wrong: a broken plugin that
        belongs to the chain stops the run."""
        for broken in self.broken:
            if broken.belongs_to((j.code for j in chain), (j.slug for j in chain)):
                raise PluginError(
                    broken.name,
                    f"failed to load, and {chain[-1].slug} needs it (distribution {broken.distribution!r}): "
                    f"{broken.error.message}",
                )

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
        self, entries: Mapping[str, Entry[T]], code: str, in_force: Callable[[T], bool]
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
