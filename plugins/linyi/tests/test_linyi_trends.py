"""五（二） 不断提高基层医疗卫生机构报销比例 (linyi.primary_care_reimbursement): a rising trend,
never a threshold: met, not met, missing data, out of its domain, the year before the
document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from medconsortium import InputError
from medconsortium import Jurisdiction
from medconsortium import Network
from medconsortium import Registry
from medconsortium import Scope
from medconsortium import Statistics
from medconsortium.cli import main
from medconsortium.io.loading import statistics_from_data

from .test_linyi_targets import results
from .test_linyi_targets import single
from .test_linyi_targets import stats

TARGET = "linyi.primary_care_reimbursement"
METRIC = "linyi_primary_care_reimbursement_ratio"
LINYI = "371300"


def two_years(before: float, after: float) -> Statistics:
    return stats((Scope.AREA, LINYI, 2018, {METRIC: before}), (Scope.AREA, LINYI, 2019, {METRIC: after}))


def status(registry: Registry, linyi: Jurisdiction, data: Statistics | None, year: int = 2019) -> str:
    return single(results(registry, linyi, TARGET, year, Network(()), data)).status.value


def test_rising_is_met_flat_or_falling_is_not(registry: Registry, linyi: Jurisdiction) -> None:
    assert status(registry, linyi, two_years(70.0, 72.5)) == "met"
    assert status(registry, linyi, two_years(70.0, 70.0)) == "not_met"
    assert status(registry, linyi, two_years(70.0, 65.0)) == "not_met"


def test_without_the_year_before_or_any_data_it_is_not_assessable(
    registry: Registry, linyi: Jurisdiction
) -> None:
    only_2019 = stats((Scope.AREA, LINYI, 2019, {METRIC: 72.0}))
    assert status(registry, linyi, only_2019) == "not_assessable"
    assert status(registry, linyi, None) == "not_assessable"


def test_no_number_is_invented(registry: Registry) -> None:
    target = registry.targets[TARGET].item
    assert target.value is None and target.operator is not None and target.operator.value == "rising"
    assert target.citation.clause == "五（二）"


def test_in_force_from_the_document_not_the_year_before(registry: Registry, linyi: Jurisdiction) -> None:
    assert results(registry, linyi, TARGET, 2016, Network(())) == []
    assert len(results(registry, linyi, TARGET, 2017, Network(()))) == 1


def test_a_ratio_above_100_percent_is_bad_input(registry: Registry) -> None:
    data = {"records": [{"scope": "area", "id": LINYI, "year": 2019, "values": {METRIC: 120}}]}
    with pytest.raises(InputError, match=METRIC):
        statistics_from_data(data, "stats.yaml", {k: e.item for k, e in registry.metrics.items()})


@pytest.mark.parametrize(("after", "code"), [(72.0, 0), (68.0, 1)])
def test_exit_code_follows_the_trend(tmp_path: Path, after: float, code: int) -> None:
    """A network with nothing else to judge: the rising ratio exits 0, a falling one 1."""
    network = {
        "institutions": [
            {
                "id": "a",
                "name": "示例镇卫生院",
                "level": "unrated",
                "type": "township_health_centre",
                "ownership": "government",
                "division": "371302",
            }
        ],
        "consortia": [],
    }
    values = [(2018, 70.0), (2019, after)]
    records = [{"scope": "area", "id": LINYI, "year": y, "values": {METRIC: v}} for y, v in values]
    (tmp_path / "n.json").write_text(json.dumps(network, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "s.json").write_text(json.dumps({"records": records}), encoding="utf-8")
    args = [
        "assess",
        str(tmp_path / "n.json"),
        "--stats",
        str(tmp_path / "s.json"),
        "-j",
        "linyi",
        "--year",
        "2019",
    ]
    assert CliRunner().invoke(main, args).exit_code == code
