"""The HTML report in a real browser: headless Chromium (Debian's), over DevTools.

The set-up installs chromium and fonts-noto-cjk with apt-get when they are absent.
"""

from __future__ import annotations

import importlib.util
import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from medconsortium.cli import main

ROOT = Path(__file__).resolve().parents[2]
A4_POINTS = (595, 842)


def _browser_module() -> Any:
    spec = importlib.util.spec_from_file_location("mc_browser", ROOT / "scripts/browser.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory, tongzhou_examples: Path) -> Path:
    path = tmp_path_factory.mktemp("html") / "tongzhou.html"
    result = CliRunner().invoke(
        main,
        [
            "assess", str(tongzhou_examples / "tongzhou-network.xlsx"),
            "--stats", str(tongzhou_examples / "tongzhou-statistics.xlsx"),
            "-j", "tongzhou", "--year", "2025", "--format", "html", "-o", str(path),
        ],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    return path


@pytest.fixture(scope="module")
def browser(report_page: Path) -> Iterator[Any]:
    with _browser_module().Browser() as b:
        b.open(report_page, 1280, 800)
        yield b


def test_no_console_errors(browser: Any) -> None:
    assert browser.evaluate("document.readyState") == "complete"
    assert browser.errors() == []


def test_summary_is_in_the_first_screen(browser: Any) -> None:
    box = browser.evaluate(
        "(() => { const s = document.querySelector('#summary .sentences');"
        " const r = s.getBoundingClientRect(); return [r.top, r.bottom, innerHeight,"
        " getComputedStyle(document.getElementById('summary')).visibility]; })()"
    )
    top, bottom, height, visibility = box
    assert 0 <= top < bottom <= height and visibility == "visible"
    first = browser.evaluate("document.querySelector('main > section').id")
    assert first == "summary"


def test_every_chart_has_a_title_and_a_text_alternative(browser: Any) -> None:
    charts = browser.evaluate(
        "[...document.querySelectorAll('figure.chart svg')].map(s => {"
        " const ids = (s.getAttribute('aria-labelledby') || '').split(' ');"
        " return {role: s.getAttribute('role'), title: s.querySelector('title')?.textContent || '',"
        " desc: s.querySelector('desc')?.textContent || '',"
        " labelled: ids.every(i => document.getElementById(i)),"
        " caption: s.closest('figure').querySelector('figcaption')?.textContent || ''}; })"
    )
    assert len(charts) >= 3  # the example has several years for many indicators
    for chart in charts:
        assert chart["role"] == "img" and chart["labelled"]
        assert chart["title"].strip() and chart["desc"].strip() and chart["caption"].strip()
        assert any(ch.isdigit() for ch in chart["desc"])  # the values themselves, in words


def test_chinese_is_drawn_with_a_cjk_font(browser: Any) -> None:
    for selector in ("h1", "#summary .sentences li", "blockquote p"):
        fonts = browser.fonts(selector)
        cjk = [f for f in fonts if "CJK" in f["familyName"] and f["glyphCount"] > 0]
        assert cjk, (selector, fonts)


def test_prints_on_a4_without_cut_tables(browser: Any) -> None:
    # A4 less the @page margins (12 mm each side) at 96 px per inch: 703 px.
    browser.call(
        "Emulation.setDeviceMetricsOverride", width=703, height=1000, deviceScaleFactor=1, mobile=False
    )
    browser.call("Emulation.setEmulatedMedia", media="print")
    tables = browser.evaluate(
        "[...document.querySelectorAll('table')].map(t => [t.scrollWidth, t.parentElement.clientWidth,"
        " t.getBoundingClientRect().right, document.documentElement.clientWidth,"
        " getComputedStyle(t.querySelector('tbody tr')).breakInside,"
        " t.closest('details') ? getComputedStyle(t).display : 'table'])"
    )
    assert len(tables) >= 3
    for scroll, room, right, page, row_break, display in tables:
        assert scroll <= room and right <= page, "a table is wider than the A4 page"
        assert row_break == "avoid" and display != "none"
    browser.call("Emulation.setEmulatedMedia", media="")
    pdf = PdfReader(io.BytesIO(browser.pdf()))
    assert len(pdf.pages) > 1
    for page in pdf.pages:
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert size == A4_POINTS
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in pdf.pages))
    # the folded tables print too, down to their last row
    last_rule = browser.evaluate(
        "[...document.querySelectorAll('details table tbody tr')].pop().querySelector('td').textContent"
    )
    assert "全部结果" in text and last_rule.split()[0][:8] in text.replace("\n", "")
