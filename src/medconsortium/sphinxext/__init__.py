# Longer than 400 lines on purpose: Sphinx wants each directive registered from the extension module.
"""Sphinx extension: the policy reference, generated from the installed plugins.

Add ``"medconsortium.sphinxext"`` to ``extensions`` in ``conf.py``. Each directive loads
the registry (the national baseline and the installed plugins) and renders it, so the
reference cannot drift from the code:

``.. medconsortium-jurisdiction:: CODE``
    A jurisdiction (code, slug or Chinese name): its place in the hierarchy, documents,
    targets, rules, referral rules, reference tables and declared exceptions, each with
    its clause and quoted sentence. Option ``:as-of: YYYY-MM-DD`` keeps only what is in
    force on that day.
``.. medconsortium-comparison:: [J1 J2 ...]``
    The targets of several jurisdictions side by side (default: every jurisdiction that
    issues documents), the strictest threshold of each row marked.
``.. medconsortium-indicators::``
    The indicator catalog with definitions.
``.. medconsortium-hooks::``
    The hook reference for plugin authors (a hook without a docstring is an error).
``.. medconsortium-pages::``
    The generated jurisdiction pages: a hidden toctree (for the navigation) and the
    hierarchy as a nested list of links, each level with the documents it issued.
``.. medconsortium-catalog:: facts`` (or ``metrics``)
    The governance facts and departments (or statistics metrics) input files may use.
``.. medconsortium-enum:: medconsortium.ConsortiumKind``
    The values of an enumeration, with their labels.
``.. medconsortium-json:: rules JURISDICTION`` (or ``assess EXAMPLE``, ``validate EXAMPLE``)
    What the command prints with ``--format json``; ``:items: N`` shortens the lists.
``.. medconsortium-coverage::``
    Every document's coverage map summed up: sentences per class and the percentage.

Each jurisdiction page also shows the documents the jurisdiction issues in full, clause by
clause, every quoted sentence linked to its items and every item to its sentences, with a
permalink anchor per item (its id) and per sentence (see :mod:`.literate`).

At ``builder-inited`` one page per jurisdiction with policy is written into
``medconsortium_pages`` (default ``_generated/jurisdictions``, inside the source folder),
so installing a plugin and rebuilding adds its page without editing the documentation.
A page is named by the jurisdiction's slug (``tongzhou.html``); the HTML builder leaves
at the name it had before 0.2 (``320612-tongzhou.html``) a page that redirects there,
keeping the anchor.

Configuration: ``medconsortium_plugins`` (None: every installed plugin, else only these
names; a comma-separated string is accepted for ``-D`` on the command line),
``medconsortium_extra_plugins`` (name → importable module, registered besides the
installed ones; for tests and embedding), ``medconsortium_pages`` (None: no pages).

A problem (an unknown jurisdiction, a plugin that fails to load) is a Sphinx error with
the file and line of the directive and the cause, never a traceback.

May import: everything of the core (it sits at the top, beside the CLI and the API).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import html
import importlib
import os
from pathlib import Path
from typing import Any, ClassVar

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

from ..engine.listing import compare
from ..model.errors import MedconsortiumError
from ..plugins.manager import ALLOWLIST_ENV
from ..plugins.registry import Registry
from . import literate, rst

__all__ = ["load_registry", "setup"]

logger = logging.getLogger(__name__)

#: Where the jurisdiction pages go by default, relative to the source folder.
DEFAULT_PAGES = "_generated/jurisdictions"


@functools.lru_cache(maxsize=16)
def _load(
    only: tuple[str, ...] | None, extra: tuple[tuple[str, str], ...], allow_env: str | None
) -> Registry | str:
    # allow_env is part of the cache key only: Registry.load reads the variable itself.
    plugins: list[tuple[str, object]] = []
    for name, module in extra:
        try:
            plugins.append((name, importlib.import_module(module)))
        except Exception as exc:  # the plugin's own import failed: name it
            return f"plugin {name!r}: cannot import {module!r}: {exc!r}"
    try:
        return Registry.load(only=only, extra=plugins)
    except MedconsortiumError as exc:
        return str(exc)
    except Exception as exc:  # a bug in a plugin or the core must still not be a traceback
        return f"loading the plugins failed: {exc!r}"


def load_registry(config: Config) -> Registry | str:
    """The registry for a build's configuration, or the reason it cannot be loaded.

    Loaded once per build (the cache is cleared when a build starts) and configuration:
    every directive of a build shares it.
    """
    only = config.medconsortium_plugins
    if isinstance(only, str):
        # From the command line: ``-D medconsortium_plugins=jiangsu,tongzhou`` ("" = none).
        only = [name.strip() for name in only.split(",") if name.strip()]
    extra = config.medconsortium_extra_plugins or {}
    return _load(
        None if only is None else tuple(only),
        tuple(sorted((str(k), str(v)) for k, v in extra.items())),
        os.environ.get(ALLOWLIST_ENV),
    )


def _pages_dir(config: Config) -> str | None:
    value = config.medconsortium_pages
    return str(value).strip("/") if value else None


def _page_docname(config: Config, registry: Registry, code: str) -> str | None:
    folder = _pages_dir(config)
    if folder is None:
        return None
    for j in rst.policy_jurisdictions(registry):
        if j.code == code:
            return f"{folder}/{rst.page_name(j)}"
    return None


class _PolicyDirective(SphinxDirective):
    """Common ground: load the registry, report problems as errors, parse generated text."""

    name: ClassVar[str] = "medconsortium"

    def run(self) -> list[Any]:
        _note_user(self.env, self.env.docname)
        return self.render()

    def render(self) -> list[Any]:
        raise NotImplementedError

    def _registry(self) -> Registry | None:
        loaded = load_registry(self.config)
        if isinstance(loaded, str):
            self._error(f"cannot load the plugins: {loaded}")
            return None
        return loaded

    def _error(self, message: str) -> None:
        logger.error(f"{self.name}: {message}", location=self.get_location(), type="medconsortium")

    def _parse(self, text: str, what: str) -> list[Any]:
        parsed = nested_parse_to_nodes(
            self.state, text, source=f"<{self.name} {what}>", allow_section_headings=True
        )
        for node in parsed:
            # Quotes are verbatim: smart quotes must not curl their ASCII quotation marks
            # or turn "--" into a dash (Sphinx honours this attribute on any ancestor).
            attributes = getattr(node, "attributes", None)
            if isinstance(attributes, dict):
                attributes["support_smartquotes"] = False
        return parsed


def _as_of(argument: str) -> dt.date:
    try:
        return dt.date.fromisoformat(argument.strip())
    except ValueError:
        raise ValueError(f"{argument!r} is not a date (YYYY-MM-DD)") from None


class JurisdictionDirective(_PolicyDirective):
    """``.. medconsortium-jurisdiction:: CODE``: one jurisdiction's part of the reference."""

    name = "medconsortium-jurisdiction"
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {"as-of": _as_of}

    def render(self) -> list[Any]:
        registry = self._registry()
        if registry is None:
            return []
        try:
            jurisdiction = registry.jurisdiction(self.arguments[0])
        except MedconsortiumError as exc:
            self._error(str(exc))
            return []
        try:
            text = literate.page_rst(
                registry,
                jurisdiction,
                as_of=self.options.get("as-of"),
                page_of=lambda code: _page_docname(self.config, registry, code),
            )
        except MedconsortiumError as exc:  # e.g. a coverage map that does not parse
            self._error(str(exc))
            return []
        return self._parse(text, jurisdiction.code)


class ComparisonDirective(_PolicyDirective):
    """``.. medconsortium-comparison:: [J1 J2 ...]``: targets side by side."""

    name = "medconsortium-comparison"
    optional_arguments = 20

    def render(self) -> list[Any]:
        registry = self._registry()
        if registry is None:
            return []
        if not self.arguments:
            return self._parse(rst.default_comparison_rst(registry), "all")
        try:
            found = [registry.jurisdiction(arg) for arg in self.arguments]
        except MedconsortiumError as exc:
            self._error(str(exc))
            return []
        return self._parse(rst.comparison_rst(registry, compare(registry, found)), " ".join(self.arguments))


class IndicatorsDirective(_PolicyDirective):
    """``.. medconsortium-indicators::``: the indicator catalog."""

    name = "medconsortium-indicators"

    def render(self) -> list[Any]:
        registry = self._registry()
        if registry is None:
            return []
        return self._parse(rst.indicators_rst(registry), "indicators")


class HooksDirective(_PolicyDirective):
    """``.. medconsortium-hooks::``: the hook specifications, each with its docstring."""

    name = "medconsortium-hooks"

    def render(self) -> list[Any]:
        for hook in rst.undocumented_hooks():
            self._error(
                f"hook {hook!r} has no documentation (write its docstring in medconsortium.plugins.hookspecs)"
            )
        return self._parse(rst.hooks_rst(), "hooks")


class PagesDirective(_PolicyDirective):
    """``.. medconsortium-pages::``: a toctree of the generated jurisdiction pages."""

    name = "medconsortium-pages"
    option_spec: ClassVar[dict[str, Any]] = {"maxdepth": int}

    def render(self) -> list[Any]:
        registry = self._registry()
        if registry is None:
            return []
        folder = _pages_dir(self.config)
        if folder is None:
            self._error("medconsortium_pages is None: no jurisdiction pages are generated")
            return []
        # The toctree (hidden) puts the pages in the navigation; the tree shows the hierarchy.
        lines = [".. toctree::", "   :hidden:", f"   :maxdepth: {self.options.get('maxdepth', 1)}", ""]
        lines += [f"   /{folder}/{rst.page_name(j)}" for j in rst.policy_jurisdictions(registry)]
        tree = rst.tree_rst(registry, lambda code: _page_docname(self.config, registry, code))
        return self._parse("\n".join(lines) + "\n\n" + tree, "pages")


# Documents that use a directive are read again on every build: what they show comes from
# the installed plugins, which Sphinx cannot see change.
_USERS = "medconsortium_documents"


def _users(env: BuildEnvironment) -> set[str]:
    found: set[str] | None = getattr(env, _USERS, None)
    if found is None:
        found = set()
        setattr(env, _USERS, found)
    return found


def _note_user(env: BuildEnvironment, docname: str) -> None:
    _users(env).add(docname)


def _purge(_app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _users(env).discard(docname)


def _merge(_app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _users(env).update(_users(other) & set(docnames))


def _outdated(
    _app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    return sorted(_users(env) - removed - added - changed)


class EnumDirective(_PolicyDirective):
    """``.. medconsortium-enum:: medconsortium.ConsortiumKind``: an enumeration's values."""

    name = "medconsortium-enum"
    required_arguments = 1

    def render(self) -> list[Any]:
        path = self.arguments[0]
        module, _, attr = path.rpartition(".")
        try:
            cls = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError, ValueError):
            self._error(f"cannot import {path!r}")
            return []
        if not (isinstance(cls, type) and issubclass(cls, enum.Enum)):
            self._error(f"{path!r} is not an enumeration")
            return []
        return self._parse(rst.enum_rst(cls), path)


class CatalogDirective(_PolicyDirective):
    """``.. medconsortium-catalog:: facts`` (or ``metrics``): the ids input files may use."""

    name = "medconsortium-catalog"
    required_arguments = 1

    def render(self) -> list[Any]:
        registry = self._registry()
        if registry is None:
            return []
        try:
            text = rst.catalog_rst(registry, self.arguments[0])
        except MedconsortiumError as exc:
            self._error(str(exc))
            return []
        return self._parse(text, self.arguments[0])


class JsonDirective(_PolicyDirective):
    """``.. medconsortium-json:: rules national`` (or ``assess EXAMPLE``, ``validate
    EXAMPLE``): what the command prints with ``--format json``. Option ``:items: N`` keeps
    the first N elements of each list."""

    name = "medconsortium-json"
    required_arguments = 2
    option_spec: ClassVar[dict[str, Any]] = {"items": int}

    def render(self) -> list[Any]:
        registry = self._registry()
        if registry is None:
            return []
        command, subject = self.arguments
        try:
            data = rst.json_example(registry, command, subject)
        except MedconsortiumError as exc:
            self._error(str(exc))
            return []
        return self._parse(rst.json_rst(data, self.options.get("items")), f"{command} {subject}")


class CoverageDirective(_PolicyDirective):
    """``.. medconsortium-coverage::``: the coverage of every document that ships a text."""

    name = "medconsortium-coverage"

    def render(self) -> list[Any]:
        registry = self._registry()
        if registry is None:
            return []
        try:
            text = literate.coverage_table_rst(registry)
        except MedconsortiumError as exc:
            self._error(str(exc))
            return []
        return self._parse(text, "coverage")


def write_pages(srcdir: Path, folder: str, registry: Registry) -> list[Path]:
    """Write the jurisdiction pages into ``srcdir/folder``; remove pages of jurisdictions
    that are gone. Unchanged files are not rewritten, so Sphinx does not re-read them.

    Returns the files written.
    """
    target = srcdir / folder
    target.mkdir(parents=True, exist_ok=True)
    wanted = rst.pages(registry)
    written = []
    for name, text in wanted.items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    for stale in sorted(target.glob("*.rst")):
        # Only our own files: a hand-written file in the folder is left alone.
        if stale.name not in wanted and stale.read_text(encoding="utf-8").startswith(rst.GENERATED_NOTE):
            stale.unlink()
    return written


def _generate(app: Sphinx) -> None:
    # One load per build: a long-lived process (sphinx-autobuild) sees plugins change.
    _load.cache_clear()
    folder = _pages_dir(app.config)
    if folder is None:
        return
    loaded = load_registry(app.config)
    if isinstance(loaded, str):
        logger.error(f"medconsortium: no jurisdiction pages generated: cannot load the plugins: {loaded}")
        return
    write_pages(Path(app.srcdir), folder, loaded)


_CSS = """\
.mc-quote { border-left: 3px solid var(--color-brand-primary, #2962ff); padding-left: .6em;
  margin: .3em 0 .2em; }
table.mc-table { width: 100%; }
table.mc-table td, table.mc-table th { vertical-align: top; }
table.mc-table code { overflow-wrap: anywhere; }
table.mc-table td p { margin: .2em 0; }
table.mc-comparison td { white-space: normal; }
.mc-sentence { margin: .4em 0; padding-left: .6em; border-left: 3px solid #ddd; }
.mc-sentence p { margin: .1em 0; }
.mc-sentence.mc-cited { border-left-color: var(--color-brand-primary, #2962ff); }
.mc-sentence.mc-pending { border-left-color: #e8a33d; }
.mc-sentence.mc-not-a-rule, .mc-sentence.mc-not-checkable { color: var(--color-foreground-secondary, #555); }
:target { scroll-margin-top: 4em; background: #fff3c4; }
"""


_REDIRECT = """\
<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{page}">
<script>location.replace("{page}" + location.hash);</script>
<meta http-equiv="refresh" content="0; url={page}">
</head>
<body><p>本页已移至 (this page has moved to) <a href="{page}">{page}</a>.</p></body>
</html>
"""


def redirect_html(title: str, page: str) -> str:
    """A page that sends its reader to ``page``, keeping the ``#anchor`` of the address
    (a script; browsers without one follow the refresh to the top of the page)."""
    return _REDIRECT.format(title=html.escape(title), page=html.escape(page, quote=True))


def _write_redirects(app: Sphinx, exception: BaseException | None) -> None:
    # Before 0.2 the pages were named <code>-<slug>.html: links to them keep working.
    folder = _pages_dir(app.config)
    if exception is not None or folder is None or app.builder.name != "html":
        return
    loaded = load_registry(app.config)
    if isinstance(loaded, str):
        return  # already reported when the pages were generated
    target = Path(app.outdir) / folder
    for j in rst.policy_jurisdictions(loaded):
        old, new = rst.old_page_name(j), rst.page_name(j)
        if old != new and target.is_dir():
            (target / f"{old}.html").write_text(redirect_html(j.name.zh, f"{new}.html"), encoding="utf-8")


def _add_css(app: Sphinx) -> None:
    # Written before any page, so that every page (even of a first build) links the same
    # file with the same checksum: the output does not depend on the build history.
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "medconsortium.css").write_text(_CSS, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the configuration values and the page generator."""
    app.add_config_value(
        "medconsortium_plugins", None, "env", types=frozenset({list, tuple, str, type(None)})
    )
    app.add_config_value("medconsortium_extra_plugins", {}, "env", types=frozenset({dict}))
    app.add_config_value("medconsortium_pages", DEFAULT_PAGES, "env", types=frozenset({str, type(None)}))
    for directive in (
        JurisdictionDirective,
        ComparisonDirective,
        IndicatorsDirective,
        HooksDirective,
        PagesDirective,
        EnumDirective,
        CatalogDirective,
        JsonDirective,
        CoverageDirective,
    ):
        app.add_directive(directive.name, directive)
    app.connect("builder-inited", _generate)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.add_css_file("medconsortium.css")
    app.connect("builder-inited", _add_css)
    app.connect("build-finished", _write_redirects)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
