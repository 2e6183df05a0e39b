"""Building small Sphinx projects with the extension and looking at the output."""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from medconsortium.plugins import hookspecs
from medconsortium.sphinxext import _load

PAGES = Path("_generated") / "jurisdictions"


@pytest.fixture(autouse=True)
def _fresh_registry_cache() -> None:
    # Each test sees the plugins as they are now (some tests break one on purpose).
    _load.cache_clear()


def html(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_build_is_clean_and_generates_a_page_per_jurisdiction(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    generated = sorted(p.name for p in (Path(app.srcdir) / PAGES).iterdir())
    assert generated == ["hangzhou.rst", "national.rst", "zhejiang.rst"]
    # The style sheet exists before the pages are written, so even a first build links it
    # with its checksum.
    assert (Path(app.outdir) / "_static" / "medconsortium.css").is_file()
    assert 'href="_static/medconsortium.css?v=' in html(app, "index.html")
    # The toctree lists them in hierarchy order.
    toc = html(app, "jurisdictions.html")
    hierarchy = ["national", "zhejiang", "hangzhou"]
    positions = [toc.index(f"{PAGES.as_posix()}/{name}.html") for name in hierarchy]
    assert positions == sorted(positions)


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_jurisdiction_page_quotes_verbatim(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, f"{PAGES.as_posix()}/hangzhou.html")
    assert "<h1>杭州市 (Hangzhou)" in page
    # The tricky sentence survives: no markup, no smart quotes, no en dash.
    assert "1. 第*一*条：`代码` |替换| 链接_ &quot;原样&quot; -- 保留 \\ 反斜杠" in page
    assert '<div class="mc-quote docutils container">\n<p>基层诊疗量占比达到70%</p>' in page
    # Sections for every kind of item.
    for title in ("政策文件 (Documents)", "目标 (Targets)", "规则 (Rules)", "转诊规则 (Referral rules)"):
        assert f'{title}<a class="headerlink"' in page
    assert "hz.exception" in page and "national.city_group_lead" in page
    # Ancestors link to their pages.
    assert 'href="national.html"' in page and 'href="zhejiang.html"' in page


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_the_national_text_is_rendered_with_permalinks_both_ways(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = html(app, f"{PAGES.as_posix()}/national.html")
    sentence = "national-guoweiyifa-2016-75.3.1-2"
    # The rule's permalink is its id, verbatim (docutils would make it national-city-group-lead).
    assert '<span id="national.city_group_lead"></span>' in page
    assert f'<span id="{sentence}"></span>' in page
    rule = page[page.index('<span id="national.city_group_lead">') :]
    assert f'href="#{sentence}"' in rule[: rule.index("</tr>")]
    quoted = page[page.index(f'<span id="{sentence}">') :]
    assert 'href="#national.city_group_lead"' in quoted[: quoted.index("</div>")]
    assert "以1家三级医院为牵头单位" in quoted[: quoted.index("</div>")]
    # The page's name before 0.2 redirects here, keeping the anchor.
    old = html(app, f"{PAGES.as_posix()}/100000-national.html")
    assert 'location.replace("national.html" + location.hash)' in old
    assert '<meta http-equiv="refresh" content="0; url=national.html">' in old


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_comparison_indicators_and_hooks(app: SphinxTestApp) -> None:
    app.build()
    comparison = html(app, "comparison.html")
    assert "★ ≥ 70% (2025)" in comparison
    assert "★ ≥ 65%" not in comparison
    indicators = html(app, "indicators.html")
    assert "primary_care_visit_share" in indicators and "分子 (numerator)" in indicators
    hooks = html(app, "hooks.html")
    for name in ("register_jurisdictions", "register_targets", "register_exceptions"):
        assert f'id="medconsortium.plugins.hookspecs.{name}"' in hooks


@pytest.mark.sphinx("html", testroot="errors", freshenv=True)
def test_directive_errors_name_the_cause_not_a_traceback(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings
    assert "index.rst:4: ERROR: medconsortium-jurisdiction: unknown jurisdiction 'atlantis'" in warnings
    assert "medconsortium-comparison: unknown jurisdiction 'nowhere'" in warnings
    assert "medconsortium-pages: medconsortium_pages is None" in warnings
    assert "medconsortium-enum: cannot import 'medconsortium.NoSuchThing'" in warnings
    assert "medconsortium-catalog: unknown catalog 'nonsense'" in warnings
    assert "medconsortium-json: unknown jurisdiction 'atlantis'" in warnings
    assert "2019-13-45" in warnings and "is not a date" in warnings


@pytest.mark.sphinx(
    "html",
    testroot="policy",
    freshenv=True,
    confoverrides={"medconsortium_extra_plugins": {"demo": "demo_plugin", "broken": "broken_plugin"}},
)
def test_a_plugin_that_fails_is_an_error_naming_it(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings
    assert (
        "cannot load the plugins: plugin 'broken': register_targets raised RuntimeError('boom')" in warnings
    )
    assert "hangzhou.rst:4: ERROR: medconsortium-jurisdiction" in warnings


@pytest.mark.sphinx(
    "html",
    testroot="policy",
    freshenv=True,
    confoverrides={"medconsortium_extra_plugins": {"ghost": "no_such_module_anywhere"}},
)
def test_a_plugin_that_cannot_be_imported_is_named(app: SphinxTestApp) -> None:
    app.build()
    assert "plugin 'ghost': cannot import 'no_such_module_anywhere'" in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_a_hook_without_documentation_fails_the_build(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hookspecs.register_facts, "__doc__", None)
    app.build()
    assert "hook 'register_facts' has no documentation" in app.warning.getvalue()


def test_build_is_reproducible(make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        src = tmp_path / name
        shutil.copytree(rootdir / "test-policy", src)
        app = make_app("html", srcdir=src, freshenv=True)
        app.build()
        assert app.warning.getvalue() == ""
        outputs.append(Path(app.outdir))
        app.cleanup()
    compared = filecmp.dircmp(outputs[0], outputs[1], ignore=[".doctrees"])
    differing: list[str] = []

    def walk(cmp: Any, prefix: str) -> None:
        differing.extend(prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only)
        for sub, child in cmp.subdirs.items():
            walk(child, f"{prefix}{sub}/")

    walk(compared, "")
    assert differing == []
    # filecmp compares shallowly by size and time first; check the pages byte for byte.
    for page in Path(outputs[0]).rglob("*.html"):
        other = Path(outputs[1]) / page.relative_to(outputs[0])
        assert page.read_bytes() == other.read_bytes(), page


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_pages_using_the_directives_are_read_again_on_every_build(app: SphinxTestApp) -> None:
    app.build()
    app.status.truncate(0)
    app.status.seek(0)
    app.build()
    # Nothing changed on disk, yet the directive pages are read again (the plugins may
    # have changed, which Sphinx cannot see); plain pages are not.
    reading = [line for line in strip_colors(app.status.getvalue()).splitlines() if "reading sources" in line]
    read = {line.rsplit(" ", 1)[-1] for line in reading}
    assert "hangzhou" in read and "comparison" in read and "hooks" in read
    assert "_generated/jurisdictions/hangzhou" in read
    assert "index" not in read
