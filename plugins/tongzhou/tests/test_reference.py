"""Reference tables: the names and duties they list are copied verbatim from the plan."""

from __future__ import annotations

import re

import pytest
from medconsortium import Registry
from medconsortium_tongzhou.document import DOCUMENT
from medconsortium_tongzhou.reference import COMMUNITIES
from medconsortium_tongzhou.reference import COMMUNITY_TABLE
from medconsortium_tongzhou.reference import MANAGEMENT_CENTRES
from medconsortium_tongzhou.reference import SHARED_CENTRES


def _plan_text() -> str:
    """The plan as the package ships it, white space removed."""
    return re.sub(r"\s+", "", DOCUMENT.read_text())


@pytest.fixture(scope="module")
def plan() -> str:
    return _plan_text()


def test_members_are_listed_as_in_the_text(plan: str) -> None:
    for name, lead, members, base in COMMUNITIES:
        assert f"由{lead}牵头，联合" + "、".join(members) + f"及{base}组建" in plan, name
    assert sum(len(members) for *_x, members, _b in COMMUNITIES) == 11 + 7 + 5


def test_community_table_rows(plan: str) -> None:
    assert [row[0] for row in COMMUNITY_TABLE.rows] == [
        "区人民医院医共体",
        "区中医院医共体",
        "平潮区域性医共体",
    ]
    for _name, _lead, members in COMMUNITY_TABLE.rows:
        assert members in plan


def test_management_centre_duties_are_verbatim(plan: str) -> None:
    assert len(MANAGEMENT_CENTRES.rows) == 10
    for centre, duty in MANAGEMENT_CENTRES.rows:
        assert f"{centre}{duty}" in plan, centre


def test_shared_centres_are_those_of_the_text(plan: str) -> None:
    for kind, centres in SHARED_CENTRES.rows:
        assert f"{centres}“{kind}”" in plan, kind


def test_tables_are_registered_for_tongzhou(registry: Registry) -> None:
    tables = {e.item.id for e in registry.reference_tables_for("320612") if e.plugin == "tongzhou"}
    assert tables == {
        "tongzhou.county_communities",
        "tongzhou.management_centres",
        "tongzhou.county_hospital_centres",
    }
