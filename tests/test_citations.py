"""Every quoted sentence of every installed plugin appears verbatim in the text it ships.

Each distribution carries the unedited text of its document as package data
(:attr:`medconsortium.PolicyDocument.text`); nothing here reads outside the installed
packages, so a fresh clone anywhere runs the same checks. The comparison ignores white
space only (the texts wrap lines and break pages mid-sentence); every other character,
punctuation included, must match.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest

from medconsortium import Registry
from medconsortium.testing import shipped_texts

_WS = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _WS.sub("", text)


def _cited(registry: Registry) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for what, entries in (
        ("target", registry.targets),
        ("rule", registry.rules),
        ("referral rule", registry.referral_rules),
        ("exception", registry.exceptions),
        ("reference table", registry.reference_tables),
    ):
        for key, entry in entries.items():
            out.append((f"{what} {key}", entry.item.citation))
    return out


def test_every_document_ships_its_text(registry: Registry) -> None:
    texts = shipped_texts(registry)
    assert sorted(texts) == sorted(registry.documents)
    for number, text in texts.items():
        # The text is the document itself: its number stands in it (the originals put
        # spaces inside numbers, hence the white-space-free comparison).
        assert _normal(number) in _normal(text), number


#: SHA-256 of each original as published in the project's policy folder, taken when the
#: texts were copied in: a shipped text that differs by one byte is no longer unedited.
ORIGINALS = {
    "国卫医发〔2016〕75号": "276226508788953cebf29e6052a925a039faaaa94997b91fcf6ba1e9e5058ed0",
    "苏卫医政〔2019〕17号": "ed0afa6f530117d3e9a56cb1fc6db4c3890285e7106758f9fe2911c09977c25e",
    "临政办发〔2017〕60号": "fbc456ea8208b11b21c0c4ac97bd399f0f8df2bc8fcd506aa35e8fcd729ab82e",
    "芜医改组〔2019〕7号": "47e509007d93869c69e44655c1f7cceeed484cadabfc823fb8a43c18e7478193",
    "通政办发〔2024〕20号": "7b4e46a17294b5e713881fc80f271c94937e1836181b9235ed97727c504c08ec",
}


def test_the_shipped_texts_are_the_unedited_originals(registry: Registry) -> None:
    texts = shipped_texts(registry)
    assert set(ORIGINALS) <= set(texts)
    for number, digest in ORIGINALS.items():
        assert hashlib.sha256(texts[number].encode("utf-8")).hexdigest() == digest, number


def test_every_quote_is_verbatim(registry: Registry) -> None:
    texts = {number: _normal(text) for number, text in shipped_texts(registry).items()}
    problems = []
    for name, citation in _cited(registry):
        text = texts.get(citation.document)
        if text is None:
            problems.append(f"{name}: document {citation.document} ships no text")
        elif _normal(citation.text) not in text:
            problems.append(f"{name}: quote not found verbatim: {citation.text[:40]}…")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("quote", ["医联体内依托牵头单位建立医学影像中心、检验检查中心"])
def test_the_check_can_fail(registry: Registry, quote: str) -> None:
    national = _normal(registry.documents["国卫医发〔2016〕75号"].item.read_text())
    assert _normal(quote) in national
    assert _normal(quote.replace("、", ",")) not in national


@pytest.mark.parametrize(
    ("plugin", "package", "name"),
    [
        ("national", "medconsortium.national", "national-guoweiyifa-2016-75.txt"),
        ("jiangsu", "medconsortium_jiangsu", "jiangsu-suweiyizheng-2019-17.txt"),
        ("linyi", "medconsortium_linyi", "linyi-linzhengbanfa-2017-60.txt"),
        ("wuhu", "medconsortium_wuhu", "wuhu-wuyigaizu-2019-7.txt"),
        ("tongzhou", "medconsortium_tongzhou", "tongzhou-tongzhengbanfa-2024-20.txt"),
    ],
)
def test_each_distribution_carries_its_own_text(
    registry: Registry, plugin: str, package: str, name: str
) -> None:
    documents = [e.item for e in registry.documents.values() if e.plugin == plugin]
    assert [(d.text.package, d.text.name) for d in documents if d.text] == [(package, name)]
