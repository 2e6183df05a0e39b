"""Registration: jurisdictions, document, ids, citations, the contract of the core."""

from __future__ import annotations

from medconsortium import Level
from medconsortium import Registry
from medconsortium.testing import contract_problems
from medconsortium_tongzhou import EXAMPLE
from medconsortium_tongzhou.document import DOC

OWN = ("targets", "rules", "referral_rules", "exceptions", "reference_tables")


def test_jurisdictions(registry: Registry) -> None:
    nantong = registry.jurisdiction("nantong")
    tongzhou = registry.jurisdiction("tongzhou")
    assert (nantong.code, nantong.parent, nantong.level, nantong.name.zh) == (
        "320600",
        "320000",
        Level.CITY,
        "南通市",
    )
    assert (tongzhou.code, tongzhou.parent, tongzhou.level) == ("320612", "320600", Level.COUNTY)
    assert registry.jurisdiction("通州区") == tongzhou
    assert [j.code for j in registry.chain("320612")] == ["100000", "320000", "320600", "320612"]


def test_document(registry: Registry) -> None:
    doc = registry.documents[DOC].item
    assert doc.jurisdiction == "320612"
    assert "国卫基层发〔2023〕41号" in doc.rests_on
    assert "苏政办发〔2024〕1号" in doc.rests_on
    # Named documents are not encoded as documents.
    assert "国卫基层发〔2023〕41号" not in registry.documents


def test_every_item_is_ours_and_cites_the_plan(registry: Registry) -> None:
    for attr in OWN:
        ours = {k: e for k, e in getattr(registry, attr).items() if e.plugin == "tongzhou"}
        assert ours, attr
        for key, entry in ours.items():
            assert key.startswith("tongzhou."), key
            assert entry.item.citation.document == DOC, key
            assert entry.level == "320612", key


def test_counts(registry: Registry) -> None:
    def n(attr: str) -> int:
        return sum(1 for e in getattr(registry, attr).values() if e.plugin == "tongzhou")

    # 17 + the three named communities of 四（一）1–3, 三（一） and 五（五); the clause pass's
    # 四（一） members, 四（三）2, 4, 6, 7, 五（二） and 六（四） facts, and 四（一） critical referrals;
    # the second pass's four 五（三）–（四） structures and two explorations (tasks.py)
    assert (n("rules"), n("referral_rules"), n("exceptions"), n("reference_tables")) == (35, 5, 3, 3)


def test_example_is_the_demo(registry: Registry) -> None:
    best = max(registry.examples.values(), key=lambda e: (e.item.priority, e.item.name))
    assert best.item == EXAMPLE
    assert (EXAMPLE.name, EXAMPLE.jurisdiction, EXAMPLE.year, EXAMPLE.priority) == (
        "tongzhou",
        "320612",
        2025,
        10,
    )
    assert EXAMPLE.network.is_file()
    assert EXAMPLE.statistics is not None and EXAMPLE.statistics.is_file()


def test_core_contract(registry: Registry) -> None:
    assert [str(p) for p in contract_problems("tongzhou", registry)] == []
