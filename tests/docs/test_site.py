"""The project's documentation, built as ``make docs`` builds it, read as a reader would.

One build per test session (about ten seconds): no error boxes on any page, Chinese
search finds Chinese words, every public name is in the API reference, the fonts name a
Chinese face, and the integrator how-to runs as written.
"""

from __future__ import annotations

import doctest
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import medconsortium
from medconsortium import api

DOCS = Path(__file__).resolve().parents[2] / "docs"

# What docutils and Sphinx put in a page for an error they could not stop on (a red box),
# and furo's red "Adding a table of contents" box, which it draws over any `contents`
# directive without its escape class.
_ERROR_MARKS = (
    re.compile(r'class="[^"]*\bsystem-message\b'),
    re.compile(r'class="[^"]*\bproblematic\b'),
    re.compile(r'class="(?![^"]*this-will-duplicate-information)[^"]*\bcontents\b[^"]*"'),
)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-d",
            str(out / "doctrees"),
            str(DOCS),
            str(out / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out / "html"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_shows_an_error_box(site: Path) -> None:
    found = [
        f"{page.relative_to(site)}: {mark.pattern}"
        for page in _pages(site)
        for mark in _ERROR_MARKS
        if mark.search(page.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "html",
    [
        '<div class="system-message"><p class="system-message-title">System Message: ERROR/3</p></div>',
        '<a class="problematic" href="#id1">`broken`_</a>',
        '<nav class="contents local" id="on-this-page">',
    ],
)
def test_the_error_box_check_can_fail(html: str) -> None:
    assert any(mark.search(html) for mark in _ERROR_MARKS)
    escaped = '<nav class="contents this-will-duplicate-information-and-it-is-still-useful-here">'
    assert not any(mark.search(escaped) for mark in _ERROR_MARKS)


def _search_index(site: Path) -> dict[str, Any]:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return data


def search(site: Path, word: str) -> list[str]:
    """The pages Sphinx's search finds for one word: the index maps terms to page numbers."""
    index = _search_index(site)
    hits = index["terms"].get(word, [])
    hits = hits if isinstance(hits, list) else [hits]
    return sorted(index["docnames"][i] for i in hits)


def test_chinese_search_finds_the_tongzhou_page(site: Path) -> None:
    # 派驻 (stationed staff) occurs in Tongzhou's rules; an English index has no such term.
    assert "_generated/jurisdictions/tongzhou" in search(site, "派驻")
    assert "_generated/jurisdictions/tongzhou" in search(site, "平潮")
    # English words are still found, stemmed as the page's script stems a query.
    import snowballstemmer

    assert "tutorial" in search(site, snowballstemmer.stemmer("english").stemWord("integrators"))


def test_the_theme_names_chinese_fonts(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    stacks = re.findall(r"--font-stack: ([^;]+);", page)
    assert stacks and all('"Noto Sans CJK SC"' in s and '"Microsoft YaHei"' in s for s in stacks)
    assert "fonts-noto-cjk" in (DOCS / "getting-started.rst").read_text(encoding="utf-8")


def _anchors(site: Path) -> set[str]:
    return set(re.findall(r'id="(medconsortium\.[\w.]+)"', (site / "api.html").read_text(encoding="utf-8")))


def _public_api_functions() -> list[str]:
    return sorted(
        name
        for name, value in vars(api).items()
        if not name.startswith("_")
        and inspect.isfunction(value)
        and value.__module__.startswith("medconsortium")
    )


def test_every_public_name_is_in_the_api_reference(site: Path) -> None:
    anchors = _anchors(site)
    documented = {a.rsplit(".", 1)[-1] for a in anchors}
    missing = sorted(set(medconsortium.__all__) - documented)
    assert missing == [], f"not in docs/api.rst: {missing}"
    # The api module's own calls under its name; those it re-exports wherever they live.
    for name in _public_api_functions():
        own = getattr(api, name).__module__ == "medconsortium.api"
        assert (f"medconsortium.api.{name}" in anchors) if own else (name in documented), name
    for method in ("to_dict", "to_json", "records"):
        assert f"medconsortium.Report.{method}" in anchors
    assert "medconsortium.Network.from_dict" in anchors
    assert "medconsortium.report.render.report_json" in anchors


def test_the_api_check_sees_a_missing_name(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(medconsortium, "__all__", [*medconsortium.__all__, "not_documented_anywhere"])
    with pytest.raises(AssertionError, match="not_documented_anywhere"):
        test_every_public_name_is_in_the_api_reference(site)


@pytest.mark.parametrize("page", ["howto/integrator.rst"])
def test_how_to_examples_run_as_written(page: str) -> None:
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    result = doctest.testfile(str(DOCS / page), module_relative=False, optionflags=flags, verbose=False)
    assert result.failed == 0
    assert result.attempted >= 20


_DOCS_URL = "https://docs.example/mc"
_LINK = re.compile(re.escape(_DOCS_URL) + r"/([\w/.-]+\.html)#([\w.%-]+)")


def _linked_items(args: list[str], explain: bool = True) -> set[tuple[str, str]]:
    """(page, anchor) of every link the reports of one run give, in every format that
    names results (HTML, Markdown, text, JSON, and Markdown and text with ``--explain``
    when the command has it)."""
    from click.testing import CliRunner

    from medconsortium.cli import main

    found: set[tuple[str, str]] = set()
    runs = [["--format", f] for f in ("html", "markdown", "text", "json")]
    if explain:
        runs += [["--format", f, "--explain"] for f in ("markdown", "text")]
    for extra in runs:
        result = CliRunner().invoke(main, [*args, *extra, "--docs-url", _DOCS_URL + "/"])
        assert result.exit_code in (0, 1), result.output
        links = set(_LINK.findall(result.output))
        assert links, f"{extra}: no permalink in the report"
        if "json" in extra:
            data = json.loads(result.output)
            if data["command"] == "referral check":
                # Every rule count and every finding listed links to its rule.
                failing = [f for f in data["findings"] if f["status"] == "fail"]
                assert failing and all(r["permalink"] for r in [*data["rules"], *data["findings"]])
                assert {r["rule"] for r in data["rules"]} == {
                    r["permalink"].rsplit("#", 1)[1] for r in data["rules"]
                }
            else:
                failing = [f for f in data["findings"] if f["status"] == "fail"]
                failing += [t for t in data["targets"] if t["status"] == "not_met"]
                assert failing and all(r["permalink"] for r in failing)
        found |= links
    return found


def _not_anchors(site: Path, linked: set[tuple[str, str]]) -> list[str]:
    missing = []
    for page, anchor in sorted(linked):
        text = (site / page).read_text(encoding="utf-8") if (site / page).is_file() else ""
        if f'id="{anchor}"' not in text:
            missing.append(f"{page}#{anchor}")
    return missing


@pytest.mark.parametrize("example", ["tongzhou", "jiangsu", "national"])
def test_every_permalink_of_a_report_is_an_anchor_of_the_reference(site: Path, example: str) -> None:
    ex = api.example(api.load_registry(), example)
    args = ["assess", str(ex.network), "--stats", str(ex.statistics), "-j", ex.jurisdiction]
    linked = _linked_items([*args, "--year", str(ex.year)])
    pages = {page for page, _ in linked}
    assert f"_generated/jurisdictions/{api.load_registry().jurisdiction(ex.jurisdiction).slug}.html" in pages
    assert _not_anchors(site, linked) == []


# Tongzhou ships no example referrals: three over its example network (pseudonymous keys),
# which fail, pass and cannot be assessed under rules of all four levels.
_TONGZHOU_REFERRALS = """id,patient,from_institution,to_institution,time,phase,priority
tz-r1,p-0001,tz-rm-04,tz-rmyy,2025-05-06T09:30:00,,false
tz-r2,p-0002,tz-rmyy,tz-rm-04,2025-05-07T10:00:00,postoperative_recovery,
tz-r3,p-0003,tz-zy-01,tz-zyy,2025-05-08T08:30:00,acute,
"""


@pytest.mark.parametrize("example", ["linyi", "tongzhou"])
def test_every_permalink_of_a_referral_check_is_an_anchor_of_the_reference(
    site: Path, example: str, tmp_path: Path
) -> None:
    registry = api.load_registry()
    ex = api.example(registry, example)
    referrals = ex.network.parent / f"{example}-referrals.csv"
    if example == "tongzhou":
        referrals = tmp_path / "tongzhou-referrals.csv"
        referrals.write_text(_TONGZHOU_REFERRALS, encoding="utf-8")
    args = ["referral", "check", str(referrals), "-n", str(ex.network), "-j", ex.jurisdiction]
    linked = _linked_items([*args, "--as-of", "2025-06-30"], explain=False)
    slug = registry.jurisdiction(ex.jurisdiction).slug
    # The jurisdiction's own referral rules are linked, not only the national ones.
    assert any(page == f"_generated/jurisdictions/{slug}.html" for page, _ in linked)
    assert any(anchor.startswith(f"{slug}.") for _, anchor in linked)
    assert _not_anchors(site, linked) == []


def test_the_old_page_names_redirect_keeping_the_anchor(site: Path) -> None:
    old = (site / "_generated/jurisdictions/320612-tongzhou.html").read_text(encoding="utf-8")
    assert 'location.replace("tongzhou.html" + location.hash)' in old
    assert (site / "_generated/jurisdictions/tongzhou.html").is_file()
