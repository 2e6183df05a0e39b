"""Time: every item is in force from its document's date, never the day before.

A document's items apply from the day of issue where the text gives it, else from its
printing day (印发), else from the first day of the only period the text gives (Jiangsu's
text gives its year alone). These tests run over every item every installed plugin
registers, so an item added later is covered without a new test.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files
from typing import Any

import pytest
from click.testing import CliRunner

from medconsortium import Referral, Registry, api, check_referral, validate
from medconsortium.cli import main

ONE_DAY = dt.timedelta(days=1)

KINDS = ("targets", "rules", "referral_rules", "exceptions")


def _items(registry: Registry) -> list[tuple[str, str, Any]]:
    return [
        (kind, key, entry.item) for kind in KINDS for key, entry in sorted(getattr(registry, kind).items())
    ]


def test_every_item_starts_no_earlier_than_its_document(registry: Registry) -> None:
    items = _items(registry)
    assert len(items) > 100  # the five documents' items, not an empty loop
    for kind, key, item in items:
        document = registry.documents[item.citation.document].item
        first = document.in_force_from
        assert item.period.start is not None and item.period.start >= first, f"{kind} {key}"
        assert not item.period.contains(first - ONE_DAY), f"{kind} {key} applies the day before"


@pytest.mark.parametrize(
    ("number", "day", "basis"),
    [
        ("国卫医发〔2016〕75号", dt.date(2017, 1, 12), "printed"),  # 2016 only; printed 2017-01-12
        ("苏卫医政〔2019〕17号", dt.date(2019, 1, 1), "issued_year"),  # the year alone
        ("临政办发〔2017〕60号", dt.date(2017, 10, 26), "issued"),
        ("芜医改组〔2019〕7号", dt.date(2019, 6, 25), "issued"),
        ("通政办发〔2024〕20号", dt.date(2024, 6, 22), "issued"),
    ],
)
def test_each_document_is_in_force_from_the_date_its_text_gives(
    registry: Registry, number: str, day: dt.date, basis: str
) -> None:
    document = registry.documents[number].item
    assert (document.in_force_from, document.in_force_basis) == (day, basis)


def _listed(as_of: dt.date, jurisdiction: str = "tongzhou") -> dict[str, Any]:
    result = CliRunner().invoke(
        main, ["rules", jurisdiction, "--as-of", as_of.isoformat(), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def _cited_documents(listing: dict[str, Any]) -> set[str]:
    return {
        item["citation"]["document"]
        for key in ("targets", "rules", "referral_rules", "exceptions")
        for item in listing.get(key, [])
    }


@pytest.mark.parametrize(
    ("number", "first", "jurisdiction"),
    [
        ("国卫医发〔2016〕75号", dt.date(2017, 1, 12), "national"),
        ("临政办发〔2017〕60号", dt.date(2017, 10, 26), "linyi"),
        ("芜医改组〔2019〕7号", dt.date(2019, 6, 25), "wuhu"),
        ("通政办发〔2024〕20号", dt.date(2024, 6, 22), "tongzhou"),
    ],
)
def test_rules_as_of_the_day_before_lists_nothing_of_the_document(
    number: str, first: dt.date, jurisdiction: str
) -> None:
    before = _listed(first - ONE_DAY, jurisdiction)
    on = _listed(first, jurisdiction)
    assert number not in _cited_documents(before)
    assert number not in {d["number"] for d in before["documents"]}
    assert number in _cited_documents(on)
    assert number in {d["number"] for d in on["documents"]}


def test_validate_the_day_before_applies_none_of_the_document(registry: Registry) -> None:
    example = files("medconsortium_tongzhou").joinpath("examples", "tongzhou-network.yaml")
    network = api.open_network(str(example), registry)
    tongzhou = registry.jurisdiction("tongzhou")
    before = validate(network, registry, tongzhou, as_of=dt.date(2024, 6, 21))
    on = validate(network, registry, tongzhou, as_of=dt.date(2024, 6, 22))
    assert not [f for f in before.findings if f.citation.document == "通政办发〔2024〕20号"]
    assert [f for f in on.findings if f.citation.document == "通政办发〔2024〕20号"]


def test_a_referral_dated_before_a_document_is_not_judged_by_it(registry: Registry) -> None:
    example = files("medconsortium_tongzhou").joinpath("examples", "tongzhou-network.yaml")
    network = api.open_network(str(example), registry)
    tongzhou = registry.jurisdiction("tongzhou")
    # A downward referral from the lead to a township centre of its own community.
    # Named, not the first in the network: networks come in id order, not file order.
    lead = network.consortium("tz-ccm-rmyy")
    member = "tz-rm-01"

    def referral(day: dt.date) -> Referral:
        return Referral("r1", "p-0001", lead.leads[0], member, dt.datetime.combine(day, dt.time(9)))

    def documents(day: dt.date) -> set[str]:
        return {f.citation.document for f in check_referral(referral(day), network, registry, tongzhou)}

    assert "通政办发〔2024〕20号" not in documents(dt.date(2024, 6, 21))
    assert "国卫医发〔2016〕75号" not in documents(dt.date(2017, 1, 11))
    assert "国卫医发〔2016〕75号" in documents(dt.date(2017, 1, 12))
