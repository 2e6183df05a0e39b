"""Batches in memory: the same report on one process or several, and merging reports."""

from __future__ import annotations

import pytest
from referral_support import ref

import medconsortium.engine.referral_checks as rc
from medconsortium import ClinicalPhase, Network, Referral, Registry
from medconsortium.engine.referral_checks import BatchReport, ReferralChecker, check_batch
from medconsortium.model.records import RecordError
from medconsortium.report.batch import batch_json

DOCS = "https://d.example/mc"


@pytest.fixture(scope="module")
def core() -> Registry:
    return Registry.load(only=())


def _referrals(n: int) -> list[Referral]:
    phases = [ClinicalPhase.ACUTE, ClinicalPhase.ACUTE_RECOVERY, None]
    out: list[Referral] = []
    for i in range(n):
        if i % 97 == 0:
            out.append(ref("ch", "nowhere", id=f"r-{i}"))
        elif i % 2:
            out.append(ref("thc", "ch", id=f"r-{i}", priority=[True, False, None][i % 3]))
        else:
            out.append(ref("ch", "thc", id=f"r-{i}", phase=phases[i % 3]))
    return out


@pytest.mark.parametrize("limit", [None, 10, 5_000])
def test_several_processes_give_the_same_report(
    net: Network, core: Registry, monkeypatch: pytest.MonkeyPatch, limit: int | None
) -> None:
    monkeypatch.setattr(rc, "_CHUNK", 500)  # several slices from a small batch
    referrals = _referrals(2_345)
    j = core.jurisdiction("national")
    one = check_batch(
        referrals, ReferralChecker(net, core, j), BatchReport(j, core.chain(j.code), "m", limit)
    )
    two = check_batch(
        referrals, ReferralChecker(net, core, j), BatchReport(j, core.chain(j.code), "m", limit), processes=2
    )
    assert batch_json(two) == batch_json(one)
    # The rules' levels come back from every process: the permalinks are the same.
    assert batch_json(two, DOCS) == batch_json(one, DOCS)
    assert (
        two.levels
        == one.levels
        == {"national.downward_phase": "100000", "national.upward_priority": "100000"}
    )
    assert (one.records, one.bad) == (2_345, 25)
    assert one.errors[0].line == 1 and one.errors[1].line == 98
    assert one.errors[0].message == "to_institution: unknown institution 'nowhere'"


def test_merge_keeps_the_order_and_the_limit(net: Network, core: Registry) -> None:
    j = core.jurisdiction("national")
    checker = ReferralChecker(net, core, j)
    referrals = _referrals(300)
    whole = check_batch(referrals, checker, BatchReport(j, core.chain(j.code), "m", 7))
    merged = BatchReport(j, core.chain(j.code), "m", 7)
    for start in range(0, 300, 40):
        part = BatchReport(j, core.chain(j.code), "m", 7)
        for index in range(start, min(start + 40, len(referrals))):
            r = referrals[index]
            if r.to_institution == "nowhere":
                part.add_error(RecordError(index + 1, r.id, "to_institution: unknown institution 'nowhere'"))
            else:
                part.add(checker.check(r))
        merged.merge(part)
    assert batch_json(merged) == batch_json(whole)
    assert batch_json(merged, DOCS) == batch_json(whole, DOCS) and merged.levels == whole.levels
    assert len(merged.details) == 7 and merged.omitted_details == whole.omitted_details > 0
