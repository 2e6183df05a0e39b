"""The Python API in a few calls: what the CLI does, as objects.

Every call takes its arguments in one order: the inputs (network, statistics), then the
``registry``, then the ``jurisdiction``, then the year or day. The objects returned
serialise in one call: :meth:`Report.to_dict`, :meth:`Report.to_json` (the documented
JSON contract, as ``--format json`` prints it) and :meth:`Report.records` (flat rows).

>>> from medconsortium import api
>>> registry = api.load_registry()
>>> example = api.example(registry, "national")
>>> report = api.assess_files(example.network, example.statistics, registry, "national", example.year)
>>> report.year, report.jurisdiction.code
(2017, '100000')
>>> report.to_dict()["command"]
'assess'
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, overload

# Re-exported (``X as X``): api.assess and the like keep working for callers.
from .engine.evaluation import Report as Report
from .engine.evaluation import assess as assess
from .engine.evaluation import check_referral as check_referral
from .engine.evaluation import run_rules as run_rules
from .engine.evaluation import validate as validate
from .model.canonical import canonical as _canonical
from .model.errors import UsageError
from .model.jurisdictions import Jurisdiction
from .model.network import Network
from .model.statistics import Statistics
from .plugins.registry import Registry
from .policy.catalog import Example, FactKind

if TYPE_CHECKING:
    from pathlib import Path
    from typing import TypeAlias

    from .model.labels import Lang
    from .report.render import Format

    PathLike: TypeAlias = str | Path

# The readers (YAML, cattrs) and the renderers (tabulate) load on first use, inside the
# calls below: most commands never read a file, and importing the API stays cheap.


def __getattr__(name: str) -> Any:
    # ``PathLike`` (``str | pathlib.Path``, what the calls below take as a file) is made on
    # first use: importing pathlib is a tenth of a command's start-up over a minimal click
    # program, and the command imports this module at every start.
    if name == "PathLike":
        from pathlib import Path

        return str | Path
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_registry(only: Iterable[str] | None = None, strict: bool = True) -> Registry:
    """The national baseline and the installed plugins (``only``: just these, by plugin
    name; the national baseline always loads).

    ``strict``: a plugin that fails to load raises; with ``strict=False`` it is left out
    (:attr:`Registry.broken`) and only a jurisdiction whose chain it belongs to refuses to
    run, as the command does unless ``--strict`` or ``MEDCONSORTIUM_STRICT=1``.

    >>> load_registry(only=()).jurisdiction("national").code
    '100000'
    """
    return Registry.load(only=only, strict=strict)


def _known_facts(registry: Registry) -> dict[str, str]:
    return {
        key: ("department" if e.item.kind is FactKind.DEPARTMENT else "fact")
        for key, e in registry.facts.items()
    }


def open_network(path: PathLike, registry: Registry) -> Network:
    """Load a network file (YAML, JSON or TOML; institutions also from CSV) and check its
    governance facts and division codes against the registry. The network comes in
    canonical order (see :mod:`medconsortium.model.canonical`).

    Raises :class:`~medconsortium.InputError` naming the file and the place.
    """
    from pathlib import Path

    from .io.loading import collector_paused, load_network

    if Path(path).suffix.lower() == ".xlsx":
        from .io.xlsx import load_network_xlsx  # errors placed at their sheet and cell

        return _canonical(load_network_xlsx(path, _known_facts(registry), tuple(registry.jurisdictions)))
    # Checked in file order (errors name the place as written), then put in id order so
    # that reports do not depend on the order of the file.
    with collector_paused():  # the reordered copy is as many objects as the network
        return load_network(path, installed=tuple(registry.jurisdictions), known_facts=_known_facts(registry))


def network_from_dict(
    data: Mapping[str, Any], registry: Registry | None = None, source: str = "<dict>"
) -> Network:
    """A network from plain data, shaped like a network file (see *Input files*), through
    the same strict converter and with the same errors; ``source`` names the data in
    them. With ``registry``, governance facts are checked as for a file.

    >>> data = {
    ...     "institutions": [
    ...         {"id": "h1", "name": "县人民医院", "level": "secondary", "type": "general_hospital",
    ...          "ownership": "government", "division": "130123"},
    ...         {"id": "c1", "name": "镇卫生院", "level": "primary", "type": "township_health_centre",
    ...          "ownership": "government", "division": "130123"},
    ...     ],
    ...     "consortia": [
    ...         {"id": "ccm", "name": "县医共体", "kind": "county_medical_community", "division": "130123",
    ...          "members": [{"institution": "h1", "role": "lead"}, "c1"]},
    ...     ],
    ... }
    >>> network_from_dict(data).consortium("ccm").lead
    'h1'
    >>> data["consortia"][0]["members"].append("nowhere")
    >>> network_from_dict(data)
    Traceback (most recent call last):
    ...
    medconsortium.model.errors.InputError: <dict>: consortia[0].members[2]: unknown institution 'nowhere'
    """
    from .io.loading import check_facts, network_from_data

    installed = tuple(registry.jurisdictions) if registry is not None else None
    network = network_from_data(data, source, installed=installed)
    if registry is not None:
        check_facts(network, _known_facts(registry), source)
    # In the order given, equal to Network.from_dict of the same data; files are read in
    # canonical order (open_network), and medconsortium.model.canonical.canonical gives it.
    return network


def open_statistics(path: PathLike, registry: Registry, network: Network | None = None) -> Statistics:
    """Load a statistics file (YAML, JSON, TOML or wide CSV), refusing metrics no plugin
    declares, values outside their metric's domain and (given the ``network``) ids the
    network does not have."""
    from .io.loading import load_statistics

    declared = {key: entry.item for key, entry in registry.metrics.items()}
    from pathlib import Path

    if Path(path).suffix.lower() == ".xlsx":
        from .io.xlsx import load_statistics_xlsx  # metric columns by id or Chinese name

        return load_statistics_xlsx(path, declared, network)
    return load_statistics(path, declared, network)


def _jurisdiction(registry: Registry, jurisdiction: str | Jurisdiction) -> Jurisdiction:
    if isinstance(jurisdiction, Jurisdiction):
        return jurisdiction
    return registry.jurisdiction(jurisdiction)


def _old_order(call: str, new: str) -> None:
    # FutureWarning, not DeprecationWarning: it is shown by default, to the person who can
    # fix the call, not only under test runners.
    warnings.warn(
        f"{call} with the registry after the jurisdiction is deprecated; call {new}",
        FutureWarning,
        stacklevel=3,
    )


@overload
def validate_file(
    network_path: PathLike,
    registry: Registry,
    jurisdiction: str | Jurisdiction,
    as_of: dt.date | None = None,
) -> Report: ...


@overload
def validate_file(
    network_path: PathLike,
    registry: str | Jurisdiction,
    jurisdiction: Registry,
    as_of: dt.date | None = None,
) -> Report: ...


def validate_file(
    network_path: PathLike,
    registry: Registry | str | Jurisdiction,
    jurisdiction: str | Jurisdiction | Registry,
    as_of: dt.date | None = None,
) -> Report:
    """:func:`validate` over a network file: the governance rules in force on ``as_of``
    (default: today) in ``jurisdiction`` (a code, slug, name or
    :class:`~medconsortium.Jurisdiction`) and the levels above it.

    The order before 0.2, ``validate_file(path, jurisdiction, registry)``, still works and
    warns (``FutureWarning``).
    """
    if isinstance(jurisdiction, Registry):
        _old_order(
            "validate_file(path, jurisdiction, registry)", "validate_file(path, registry, jurisdiction)"
        )
        registry, jurisdiction = jurisdiction, registry
    assert isinstance(registry, Registry) and not isinstance(jurisdiction, Registry)
    j = _jurisdiction(registry, jurisdiction)
    return validate(open_network(network_path, registry), registry, j, as_of)


@overload
def assess_files(
    network_path: PathLike,
    statistics_path: PathLike | None,
    registry: Registry,
    jurisdiction: str | Jurisdiction,
    year: int,
    *,
    referrals: PathLike | None = None,
) -> Report: ...


@overload
def assess_files(
    network_path: PathLike,
    statistics_path: PathLike | None,
    registry: str | Jurisdiction,
    jurisdiction: int,
    year: Registry,
    *,
    referrals: PathLike | None = None,
) -> Report: ...


def assess_files(
    network_path: PathLike,
    statistics_path: PathLike | None,
    registry: Registry | str | Jurisdiction,
    jurisdiction: str | Jurisdiction | int,
    year: int | Registry,
    *,
    referrals: PathLike | None = None,
) -> Report:
    """:func:`assess` over files: the targets due in ``year`` and the rules in force at its
    end, in ``jurisdiction`` and the levels above it.

    ``statistics_path`` may be None (targets then are ``not_assessable``). ``referrals``,
    a referral file (CSV or JSON Lines), is counted into the statistics first, as
    ``assess --referrals`` does.

    The order before 0.2, ``assess_files(network, statistics, jurisdiction, year,
    registry)``, still works and warns (``FutureWarning``).
    """
    if isinstance(year, Registry):
        _old_order(
            "assess_files(network, statistics, jurisdiction, year, registry)",
            "assess_files(network, statistics, registry, jurisdiction, year)",
        )
        registry, jurisdiction, year = year, registry, jurisdiction  # type: ignore[assignment]
    assert isinstance(registry, Registry) and isinstance(year, int)
    assert isinstance(jurisdiction, str | Jurisdiction)
    _check_year(year)
    j = _jurisdiction(registry, jurisdiction)
    network = open_network(network_path, registry)
    statistics = open_statistics(statistics_path, registry, network) if statistics_path else None
    if referrals is not None:
        from .engine.ledger import combine as _combine  # only when a ledger is counted
        from .io.ledger import ledger_from_file

        ledger = ledger_from_file(referrals, network)
        statistics = _combine(statistics, ledger, str(referrals))
    return assess(network, statistics, registry, j, year)


def render(report: Report, fmt: Format = "text", lang: Lang = "zh") -> str:
    """A report as ``text``, ``markdown``, ``html`` or ``json`` (the JSON contract), with
    ``lang`` (``zh`` or ``en``) shown first; the same inputs give the same bytes.

    >>> registry = load_registry(only=())
    >>> ex = example(registry, "national")
    >>> report = assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year)
    >>> render(report, "json") == report.to_json()
    True
    """
    from .report.render import FORMATS, render_report

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    return render_report(report, fmt, lang)


def assess_with_referrals(
    network_path: PathLike,
    statistics_path: PathLike | None,
    referrals_path: PathLike,
    jurisdiction: str,
    year: int,
    registry: Registry,
    now: dt.datetime | None = None,
) -> Report:
    """``assess`` with a referral ledger in place of, or beside, a statistics file;
    ``now`` bounds the referral times (default: the present in China).

    Prefer ``assess_files(network, statistics, registry, jurisdiction, year,
    referrals=...)``, which takes its arguments in the order of every other call.
    """
    _check_year(year)
    j = registry.jurisdiction(jurisdiction)
    network = open_network(network_path, registry)
    statistics = open_statistics(statistics_path, registry, network) if statistics_path else None
    from .engine.ledger import combine as _combine
    from .io.ledger import ledger_from_file

    ledger = ledger_from_file(referrals_path, network, now)
    return assess(network, _combine(statistics, ledger, str(referrals_path)), registry, j, year)


def _check_year(year: int) -> None:
    from .io.limits import check_year

    problem = check_year(year)
    if problem is not None:
        raise UsageError(problem)


def example(registry: Registry, name: str | None = None) -> Example:
    """A bundled example by name, or the one with the highest priority (what ``demo``
    runs): its ``network`` and ``statistics`` files, ``jurisdiction`` and ``year``."""
    if name is not None:
        entry = registry.examples.get(name)
        if entry is None:
            known = ", ".join(sorted(registry.examples))
            raise UsageError(f"unknown example {name!r} (installed: {known})")
        return entry.item
    if not registry.examples:
        raise UsageError("no example is installed")
    return max((e.item for e in registry.examples.values()), key=lambda x: (x.priority, x.name))


# The calls of this module. It also re-exports the ones it is built on (assess, validate,
# check_referral, run_rules, Report), documented with the model.
__all__ = [
    "assess_files",
    "assess_with_referrals",
    "example",
    "load_registry",
    "network_from_dict",
    "open_network",
    "open_statistics",
    "render",
    "validate_file",
]
