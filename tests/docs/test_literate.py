"""The literate reference: every document in full, items and sentences linked both ways."""

from __future__ import annotations

import re
from typing import Any

import pytest
from docutils.core import publish_doctree  # type: ignore[import-untyped, unused-ignore]

from medconsortium import Registry
from medconsortium.plugins.coverage import source_document
from medconsortium.sphinxext import literate, rst

_ID = re.compile(r'<span id="([^"]+)"></span>')
_LINK = re.compile(r"<#([^>]+)>`__")

PAGES = {
    "national": "国卫医发〔2016〕75号",
    "jiangsu": "苏卫医政〔2019〕17号",
    "linyi": "临政办发〔2017〕60号",
    "wuhu": "芜医改组〔2019〕7号",
    "tongzhou": "通政办发〔2024〕20号",
}


def page(registry: Registry, slug: str) -> str:
    return literate.page_rst(registry, registry.jurisdiction(slug))


def doctree(text: str) -> Any:
    return publish_doctree(
        text, settings_overrides={"report_level": 2, "halt_level": 2, "warning_stream": False}
    )


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_every_link_of_a_page_lands_on_an_anchor_of_that_page(registry: Registry, slug: str) -> None:
    text = page(registry, slug)
    ids = _ID.findall(text)
    assert len(ids) == len(set(ids)), "an anchor is used twice"
    links = set(_LINK.findall(text))
    assert links and links <= set(ids)


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_items_and_sentences_link_both_ways(registry: Registry, slug: str) -> None:
    text = page(registry, slug)
    ids = set(_ID.findall(text))
    source = source_document(registry, PAGES[slug])
    key = literate.document_key(source, registry)
    anchors = literate.item_anchors(registry)
    # every sentence of the text has its anchor
    for sentence in source.parsed.sentences():
        assert literate.sentence_id(key, sentence.anchor) in ids
    for item in source.items:
        anchor = anchors[(item.kind, item.id)]
        assert anchor in ids, f"{item.kind} {item.id} has no permalink"
        block = _block_of(text, anchor)
        for sentence in item.sentences:
            target = literate.sentence_id(key, sentence.anchor)
            # the item links to its sentence ...
            assert f"<#{target}>`__" in block, (item.id, sentence.anchor)
            # ... and the sentence links back to the item
            assert f"<#{anchor}>`__" in _block_of(text, target), (sentence.anchor, item.id)


def _block_of(text: str, anchor: str) -> str:
    """The rst from an anchor to the next anchor."""
    start = text.index(f'<span id="{anchor}"></span>')
    following = _ID.search(text, start + 1)
    return text[start : following.start() if following else len(text)]


def test_the_permalink_of_an_item_is_its_id(registry: Registry) -> None:
    text = page(registry, "tongzhou")
    assert '<span id="tongzhou.reserved_inpatient_bed"></span>' in text
    assert '<span id="tongzhou.county_communities"></span>' in text
    assert '<span id="tongzhou.pingchao_lead.national"></span>' in text


def test_what_reports_link_to_is_anchored_at_its_own_id(registry: Registry) -> None:
    # Reports link a result by its target's or rule's id (medconsortium.report.permalinks):
    # no target, rule or referral rule may lose its id to another item's anchor.
    anchors = literate.item_anchors(registry)
    linked = [key for key in anchors if key[0] in ("target", "rule", "referral rule")]
    assert len(linked) > 100
    assert [key for key in linked if anchors[key] != key[1]] == []


def test_a_reference_table_sharing_a_rule_s_id_gets_its_own_anchor(registry: Registry) -> None:
    anchors = literate.item_anchors(registry)
    assert anchors[("rule", "jiangsu.provincial_alliances")] == "jiangsu.provincial_alliances"
    assert (
        anchors[("reference table", "jiangsu.provincial_alliances")] == "jiangsu.provincial_alliances.table"
    )
    assert len(set(anchors.values())) == len(anchors)


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_the_page_with_its_text_parses_without_warnings(registry: Registry, slug: str) -> None:
    tree = doctree(page(registry, slug))
    assert "rubric" in tree.pformat()


def test_the_text_is_shown_in_full_in_its_clause_structure(registry: Registry) -> None:
    text = page(registry, "tongzhou")
    source = source_document(registry, "通政办发〔2024〕20号")
    for clause in source.parsed.clauses:
        assert f".. rubric:: {rst.escape(clause.path)}" in text
        for sentence in clause.sentences:
            assert rst.escape(sentence.text) in text
    # clauses in the order of the text
    positions = [text.index(f".. rubric:: {rst.escape(c.path)}") for c in source.parsed.clauses]
    assert positions == sorted(positions)


def test_a_page_without_a_shipped_text_has_no_text_section(demo_registry: Registry) -> None:
    assert "原文与条目对照" not in page(demo_registry, "hangzhou")
    assert "原文与条目对照" in page(demo_registry, "national")


def test_the_coverage_table_lists_every_document_with_its_percentage(registry: Registry) -> None:
    table = literate.coverage_table_rst(registry)
    for number in PAGES.values():
        coverage = source_document(registry, number).coverage
        assert coverage is not None
        assert rst.escape(number) in table and f"**{coverage.percent:.1f}%**" in table
    doctree(table)


def test_a_snapshot_on_a_date_shows_no_text_and_no_dangling_links(registry: Registry) -> None:
    import datetime as dt

    text = literate.page_rst(registry, registry.jurisdiction("tongzhou"), as_of=dt.date(2030, 1, 1))
    assert "原文与条目对照" not in text
    assert set(_LINK.findall(text)) <= set(_ID.findall(text))


def test_a_malformed_map_is_an_error_not_a_page_without_its_text(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medconsortium.model.errors import InputError
    from medconsortium.plugins import coverage

    def broken(_document: object) -> None:
        raise InputError("x.coverage.toml", "sentence[3].status", "'done' is not one of ...")

    monkeypatch.setattr(coverage, "shipped_map", broken)
    with pytest.raises(InputError, match=r"^x\.coverage\.toml: sentence\[3\]\.status"):
        page(registry, "wuhu")
