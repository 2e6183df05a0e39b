"""四（三）1–2: the lead accepts the critical patients its lower members refer up
(linyi.upward_reception), the members accept the stable and recovering patients referred
down (linyi.downward_reception): accepted, refused, not recorded, outside the
consortium, the day before the document, strength and exit code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from medconsortium import ClinicalPhase
from medconsortium import FindingStatus
from medconsortium import Jurisdiction
from medconsortium import Referral
from medconsortium import Registry
from medconsortium import Strength
from medconsortium.cli import main
from medconsortium_linyi import EXAMPLES_DIR

from .test_linyi_referrals import referral
from .test_linyi_referrals import status

UP = "linyi.upward_reception"
DOWN = "linyi.downward_reception"
A = FindingStatus


# In the test network, consortium jn is led by h3 with members h2, thc and ll-h2; out3 and
# ll-thc belong to none.
@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"critical": True, "accepted": True}, A.PASS),
        ({"critical": True, "accepted": False}, A.FAIL),
        ({"critical": True}, A.NOT_ASSESSABLE),
        ({"phase": ClinicalPhase.CRITICAL, "accepted": False}, A.FAIL),
        # Not recorded as critical: not the lead's 疑难危重 duty.
        ({"accepted": False}, None),
        ({"phase": ClinicalPhase.ACUTE, "accepted": False}, None),
    ],
)
def test_upward_reception(
    registry: Registry, linyi: Jurisdiction, fields: dict[str, Any], expected: FindingStatus | None
) -> None:
    assert status(registry, linyi, referral("thc", "h3", **fields), UP) is expected


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("thc", "h2"),  # up, but to a member that does not lead
        ("thc", "out3"),  # up, to a hospital of no consortium of the sender
        ("h3", "thc"),  # down
    ],
)
def test_upward_reception_concerns_only_the_lead_of_a_shared_consortium(
    registry: Registry, linyi: Jurisdiction, source: str, target: str
) -> None:
    ref = referral(source, target, critical=True, accepted=False)
    assert status(registry, linyi, ref, UP) is None


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"phase": ClinicalPhase.POSTOPERATIVE_RECOVERY, "accepted": True}, A.PASS),
        ({"phase": ClinicalPhase.CHRONIC_STABLE, "accepted": False}, A.FAIL),
        ({"phase": ClinicalPhase.ACUTE_RECOVERY, "accepted": False}, A.FAIL),
        ({"phase": ClinicalPhase.CRITICAL_STABLE}, A.NOT_ASSESSABLE),
        # The phase decides whether the duty applies: unknown unless accepted anyway.
        ({"accepted": False}, A.NOT_ASSESSABLE),
        ({}, A.NOT_ASSESSABLE),
        ({"accepted": True}, A.PASS),
        # An acute patient is not the member's to receive: refusing is no breach of 四（三）2.
        ({"phase": ClinicalPhase.ACUTE, "accepted": False}, None),
    ],
)
def test_downward_reception(
    registry: Registry, linyi: Jurisdiction, fields: dict[str, Any], expected: FindingStatus | None
) -> None:
    assert status(registry, linyi, referral("h3", "thc", **fields), DOWN) is expected


def test_downward_reception_only_within_a_consortium(registry: Registry, linyi: Jurisdiction) -> None:
    ref = referral("out3", "thc", phase=ClinicalPhase.CHRONIC_STABLE, accepted=False)
    assert status(registry, linyi, ref, DOWN) is None
    ref = referral("h3", "thc", phase=ClinicalPhase.CHRONIC_STABLE, accepted=False)
    assert status(registry, linyi, ref, DOWN) is A.FAIL


def test_not_in_force_the_day_before_the_document(registry: Registry, linyi: Jurisdiction) -> None:
    day_before = dt.datetime(2017, 10, 25, 9, 0)
    for rule, ref in (
        (UP, Referral("r-1", "p-7f3a9c", "thc", "h3", day_before, critical=True, accepted=False)),
        (
            DOWN,
            Referral(
                "r-1", "p-7f3a9c", "h3", "thc", day_before, phase=ClinicalPhase.CHRONIC_STABLE, accepted=False
            ),
        ),
    ):
        assert status(registry, linyi, ref, rule) is None
        on_the_day = attrs.evolve(ref, time=dt.datetime(2017, 10, 26, 9, 0))
        assert status(registry, linyi, on_the_day, rule) is A.FAIL


def test_both_are_mandatory_and_cite_the_sentence(registry: Registry, linyi: Jurisdiction) -> None:
    rules = {e.item.id: e.item for e in registry.referral_rules_for(linyi.code)}
    assert rules[UP].strength is rules[DOWN].strength is Strength.MANDATORY
    assert (rules[UP].citation.clause, rules[DOWN].citation.clause) == ("四（三）1", "四（三）2")
    assert "上转接收" in rules[UP].citation.text and "下转接收" in rules[DOWN].citation.text


def _check(tmp_path: Path, accepted: str) -> tuple[int, dict[str, Any]]:
    # 莒南县人民医院 (ly-jn, the lead) refers a recovering patient down to a member.
    path = tmp_path / "r.csv"
    path.write_text(
        "id,patient,from_institution,to_institution,time,phase,pooling_area,accepted\n"
        f"r-1,pk-7f3a9c,ly-jn,ly-jn-thc,2018-03-12T15:00:00,postoperative_recovery,371327,{accepted}\n",
        encoding="utf-8",
    )
    network = str(EXAMPLES_DIR / "linyi-network.yaml")
    result = CliRunner().invoke(
        main, ["referral", "check", str(path), "-n", network, "-j", "linyi", "--format", "json"]
    )
    counts = {r["status"]: r["count"] for r in json.loads(result.output)["rules"] if r["rule"] == DOWN}
    return result.exit_code, counts


def test_refused_exits_1_and_accepted_passes(tmp_path: Path) -> None:
    assert _check(tmp_path, "false") == (1, {"fail": 1})
    assert _check(tmp_path, "true")[1] == {"pass": 1}
    assert _check(tmp_path, "")[1] == {"not_assessable": 1}
