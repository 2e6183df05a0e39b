"""The numberless trends (issue 12): Tongzhou's contract coverage and provincial featured
departments rising, and the national tertiary hospitals' share of common and stable chronic
patients falling, assessed for Tongzhou: met, not met, missing data, and not before the
document."""

from __future__ import annotations

import pytest
from medconsortium import Registry
from medconsortium import Scope
from medconsortium import Statistics
from medconsortium_tongzhou.testing import TONGZHOU
from medconsortium_tongzhou.testing import basic_network
from medconsortium_tongzhou.testing import results
from medconsortium_tongzhou.testing import stats

A = Scope.AREA

CASES = [
    # target, numerator, denominator (None: a count), the better direction (+1 rising)
    ("tongzhou.contract_coverage", "tongzhou_contracted_residents", "tongzhou_resident_population", 1),
    ("tongzhou.2025.provincial_featured_departments", "tongzhou_provincial_featured_departments", None, 1),
    ("national.tertiary_common_chronic_share", "tertiary_common_chronic_visits", "tertiary_visits", -1),
]


def two_years(numerator: str, denominator: str | None, before: float, after: float) -> Statistics:
    def values(v: float) -> dict[str, float]:
        return {numerator: v} | ({denominator: 100.0} if denominator else {})

    return stats((A, TONGZHOU, 2024, values(before)), (A, TONGZHOU, 2025, values(after)))


def status(registry: Registry, data: Statistics | None, target: str, year: int = 2025) -> str:
    (result,) = results(registry, basic_network(), data, target, year)
    return result.status.value


@pytest.mark.parametrize(("target", "numerator", "denominator", "sign"), CASES)
def test_trend(registry: Registry, target: str, numerator: str, denominator: str | None, sign: int) -> None:
    assert status(registry, two_years(numerator, denominator, 30, 30 + sign), target) == "met"
    assert status(registry, two_years(numerator, denominator, 30, 30), target) == "not_met"
    assert status(registry, two_years(numerator, denominator, 30, 30 - sign), target) == "not_met"
    only_2025 = stats((A, TONGZHOU, 2025, {numerator: 31.0} | ({denominator: 100.0} if denominator else {})))
    assert status(registry, only_2025, target) == "not_assessable"
    assert status(registry, None, target) == "not_assessable"


@pytest.mark.parametrize(
    ("target", "before"),
    [("tongzhou.contract_coverage", 2023), ("national.tertiary_common_chronic_share", 2016)],
)
def test_not_assessed_before_the_document(registry: Registry, target: str, before: int) -> None:
    assert results(registry, basic_network(), None, target, before) == []


def test_featured_departments_are_a_2025_goal(registry: Registry) -> None:
    assert (
        results(registry, basic_network(), None, "tongzhou.2025.provincial_featured_departments", 2026) == []
    )
