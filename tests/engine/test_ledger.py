"""The referral ledger: counts against a hand-counted case, files, and growth targets
(Jiangsu's and Linyi's kind) assessed from a ledger."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path
from typing import Any

import pytest
from referral_support import NOW, csv_file, inst, network, network_file, ref

from medconsortium import (
    Basis,
    Citation,
    Consortium,
    ConsortiumKind,
    InputError,
    Institution,
    Jurisdiction,
    Label,
    Level,
    MemberRole,
    Membership,
    Network,
    Operator,
    PolicyDocument,
    Registry,
    Scope,
    Statistics,
    Target,
    assess,
    hookimpl,
    load_statistics,
)
from medconsortium.api import assess_with_referrals
from medconsortium.engine.ledger import Ledger, area_codes, combine, referral_statistics
from medconsortium.io.ledger import ledger_from_file, statistics_csv
from medconsortium.model.institutions import InstitutionLevel as L
from medconsortium.model.institutions import InstitutionType as T
from medconsortium.model.workflow import ReferralStatus, Workflow
from medconsortium.policy.vocabulary import (
    LEDGER_INDICATORS,
    LEDGER_METRICS,
    register_ledger_indicators,
    register_ledger_metrics,
)

INST, CONS, AREA = Scope.INSTITUTION, Scope.CONSORTIUM, Scope.AREA


def hand_counted(net: Network) -> Statistics:
    """Ten referrals whose counts are written out in the tests below."""
    rejected = ref("thc", "ch", "2024-05-01T09:00")
    return referral_statistics(
        [
            ref("thc", "ch", reserved_resource=True),  # 1 up, within ccm
            ref("vc", "th"),  # 2 up, out of county, no shared consortium
            ref("thc2", "ch", reserved_resource=False),  # 3 up, thc2 in no consortium
            ref("ch", "th"),  # 4 upward from a hospital: not referrals_up; within cmg
            ref("th", "ch"),  # 5 downward to a hospital: not referrals_down; within cmg
            ref("ch", "thc"),  # 6 down to primary care, within ccm
            ref("ch", "rehab"),  # 7 down to continuing care, within ccm
            ref("th", "vc"),  # 8 down to primary care, no shared consortium
            (
                rejected,
                Workflow.start(rejected.id, rejected.time).advance(ReferralStatus.REJECTED, rejected.time),
            ),
            ref("thc", "ch", "2023-06-01T09:00"),  # 10 last year
        ],
        net,
    )


KEYS = (
    "referrals_total",
    "referrals_up",
    "referrals_down",
    "referrals_within_consortium",
    "referrals_down_within_consortium",
    "referrals_out_of_county",
    "referrals_reserved_resource",
    "referrals_reserved_recorded",
)

EXPECTED_2024: dict[tuple[Scope, str], tuple[int, ...]] = {
    (INST, "thc"): (1, 1, 0, 1, 0, 0, 1, 1),
    (INST, "vc"): (1, 1, 0, 0, 0, 1, 0, 0),
    (INST, "thc2"): (1, 1, 0, 0, 0, 0, 0, 1),
    (INST, "ch"): (3, 0, 2, 3, 2, 1, 0, 0),
    (INST, "th"): (2, 0, 1, 1, 0, 2, 0, 0),
    # ccm counts what its members send; within means within ccm (ch→th is within cmg).
    (CONS, "ccm"): (5, 2, 2, 3, 2, 2, 1, 1),
    (CONS, "cmg"): (5, 0, 3, 2, 0, 3, 0, 0),
    (AREA, "320612"): (6, 3, 2, 4, 2, 2, 1, 2),
    (AREA, "320602"): (2, 0, 1, 1, 0, 2, 0, 0),
    (AREA, "320600"): (8, 3, 3, 5, 2, 4, 1, 2),
    (AREA, "320000"): (8, 3, 3, 5, 2, 4, 1, 2),
    (AREA, "100000"): (8, 3, 3, 5, 2, 4, 1, 2),
}


@pytest.mark.parametrize(("subject", "expected"), list(EXPECTED_2024.items()))
def test_counts_match_the_hand_count(
    net: Network, subject: tuple[Scope, str], expected: tuple[int, ...]
) -> None:
    stats = hand_counted(net)
    scope, sid = subject
    assert tuple(stats.value(scope, sid, 2024, k) for k in KEYS) == tuple(float(v) for v in expected)


def test_subjects_and_years_are_exactly_those_seen(net: Network) -> None:
    stats = hand_counted(net)
    assert stats.years() == (2023, 2024)
    assert list(stats.subjects(INST)) == ["ch", "th", "thc", "thc2", "vc"]
    assert list(stats.subjects(CONS)) == ["ccm", "cmg"]
    assert list(stats.subjects(AREA)) == ["100000", "320000", "320600", "320602", "320612"]
    # In a covered year a subject that sent nothing has zeros, not missing data...
    assert stats.value(INST, "th", 2023, "referrals_down") == 0.0
    assert stats.value(INST, "thc", 2023, "referrals_up") == 1.0
    # ...and outside the covered years the data is missing.
    assert stats.value(INST, "thc", 2022, "referrals_up") is None
    assert stats.value(INST, "rehab", 2024, "referrals_total") is None


def test_rejected_and_cancelled_referrals_are_not_counted(net: Network) -> None:
    ledger = Ledger(net)
    r = ref("thc", "ch")
    cancelled = Workflow.start(r.id, r.time).advance(ReferralStatus.CANCELLED, r.time)
    completed = (
        Workflow.start(r.id, r.time)
        .advance(ReferralStatus.ACCEPTED, r.time)
        .advance(ReferralStatus.ARRIVED, r.time)
        .advance(ReferralStatus.COMPLETED, r.time)
    )
    assert ledger.add(r, cancelled) is False
    assert ledger.add(r, completed) is True
    assert ledger.add(r) is True
    assert (ledger.counted, ledger.skipped) == (2, 1)
    assert ledger.statistics().value(INST, "thc", 2024, "referrals_up") == 2.0


def test_unknown_institution_is_refused(net: Network) -> None:
    with pytest.raises(ValueError, match="unknown institution 'nowhere'"):
        Ledger(net).add(ref("thc", "nowhere"))


def test_ledger_indicators_compute_shares(net: Network) -> None:
    from medconsortium import MeasureContext

    stats = hand_counted(net)
    ctx = MeasureContext(stats, net, "320612")
    by_id = {i.id: i for i in LEDGER_INDICATORS}
    assert by_id["within_consortium_referral_share"].measure(ctx, AREA, "320612", 2024) == pytest.approx(
        100 * 4 / 6
    )
    assert by_id["out_of_county_referral_share"].measure(ctx, AREA, "320612", 2024) == pytest.approx(
        100 * 2 / 6
    )
    assert by_id["reserved_resource_share"].measure(ctx, AREA, "320612", 2024) == pytest.approx(50.0)
    # Nothing recorded about reserved resources: no value, never 0 %.
    assert by_id["reserved_resource_share"].measure(ctx, INST, "vc", 2024) is None
    assert by_id["referrals_down_within_consortium"].measure(ctx, CONS, "ccm", 2024) == 2.0


def test_register_helpers_register_every_metric_and_indicator() -> None:
    got: list[Any] = []
    register_ledger_metrics(got.append)
    register_ledger_indicators(got.append)
    assert got == [*LEDGER_METRICS, *LEDGER_INDICATORS]


def test_area_codes() -> None:
    assert area_codes("320612") == ("320612", "320600", "320000", "100000")
    assert area_codes("320600") == ("320600", "320000", "100000")


# -- files --------------------------------------------------------------------------
HEADER = "id,patient,from_institution,to_institution,time,cancelled_at"


def test_ledger_from_file_and_statistics_csv_round_trip(tmp_path: Path, net: Network) -> None:
    path = csv_file(
        tmp_path / "r.csv",
        HEADER,
        "r-1,pk-1,thc,ch,2024-03-01T09:00,",
        "r-2,pk-2,ch,thc,2024-03-02T09:00,",
        "r-3,pk-3,thc,ch,2024-03-03T09:00,2024-03-03T10:00",
    )
    stats = ledger_from_file(path, net, NOW)
    assert stats.value(AREA, "320612", 2024, "referrals_up") == 1.0
    assert stats.value(AREA, "320612", 2024, "referrals_down") == 1.0
    text = statistics_csv(stats, frozenset({"referrals_up", "referrals_down"}))
    assert text.splitlines()[0] == "scope,id,year,referrals_down,referrals_up"
    out = tmp_path / "stats.csv"
    out.write_text(text, encoding="utf-8")
    loaded = load_statistics(out, frozenset({"referrals_up", "referrals_down"}))
    assert loaded.value(AREA, "320612", 2024, "referrals_up") == 1.0
    assert loaded.value(CONS, "ccm", 2024, "referrals_down") == 1.0


def test_ledger_from_file_refuses_any_bad_record(tmp_path: Path, net: Network) -> None:
    path = csv_file(
        tmp_path / "r.csv", HEADER, "r-1,pk-1,thc,ch,2024-03-01T09:00,", "r-2,pk-2,thc,zz,2024-03-01T09:00,"
    )
    with pytest.raises(InputError, match=r"r\.csv: line 3: to_institution: unknown institution 'zz'"):
        ledger_from_file(path, net, NOW)


def test_combine_keeps_both_and_refuses_disagreement(net: Network) -> None:
    ledger = hand_counted(net)
    other = Statistics.from_values([(AREA, "320612", 2024, {"total_visits": 100.0, "referrals_up": 3.0})])
    both = combine(other, ledger)
    assert both.value(AREA, "320612", 2024, "total_visits") == 100.0
    assert both.value(AREA, "320612", 2024, "referrals_down") == 2.0
    assert combine(None, ledger) is ledger
    wrong = Statistics.from_values([(AREA, "320612", 2024, {"referrals_up": 4.0})])
    with pytest.raises(InputError, match="referrals_up: the ledger counts 3, the statistics file says 4"):
        combine(wrong, ledger)


# -- growth targets assessed from a ledger ------------------------------------------
JIANGSU_DOC = PolicyDocument(
    "苏卫医政〔2019〕17号",
    "江苏省医联体文件（测试）",
    Label("江苏省卫生健康委员会", "Jiangsu HC"),
    dt.date(2019, 1, 1),
    "320000",
)
JIANGSU_UP = Target(
    "test.jiangsu.referrals_up_growth",
    Label("上转病人例数增幅每年不超过10%", "upward referrals grow at most 10 % a year"),
    Citation(JIANGSU_DOC.number, "二（一）", "基层医疗卫生机构上转病人例数增幅每年不超过10%"),
    indicator="referrals_up",
    operator=Operator.AT_MOST,
    value=10,
    basis=Basis.YOY_PERCENT,
)
JIANGSU_DOWN = Target(
    "test.jiangsu.referrals_down_growth",
    Label("下转病人例数增幅每年不低于20%", "downward referrals grow at least 20 % a year"),
    Citation(
        JIANGSU_DOC.number,
        "二（一）",
        "由二、三级医院向基层医疗卫生机构、接续性医疗机构下转病人例数增幅每年不低于20%",
    ),
    indicator="referrals_down",
    operator=Operator.AT_LEAST,
    value=20,
    basis=Basis.YOY_PERCENT,
)
LINYI = Jurisdiction("371300", "linyi", Label("临沂市", "Linyi"), Level.CITY, "370000")
LINYI_DOC = PolicyDocument(
    "临政办发〔2017〕60号",
    "临沂市医联体文件（测试）",
    Label("临沂市人民政府办公室", "Linyi GO"),
    dt.date(2017, 10, 26),
    "371300",
)
LINYI_DOWN = Target(
    "test.linyi.2018.referrals_down_growth",
    Label("医联体内下转人数增长率10%以上", "downward referrals within consortia grow 10 % or more"),
    Citation(
        LINYI_DOC.number,
        "一（二）",
        "医联体内由二、三级医院向基层医疗机构、慢性病等医疗机构转诊人数增长率10%以上",
    ),
    indicator="referrals_down_within_consortium",
    operator=Operator.AT_LEAST,
    value=10,
    basis=Basis.YOY_PERCENT,
)


def _registry() -> Registry:
    module = types.ModuleType("medconsortium_test_growth")
    module.MEDCONSORTIUM_HOOKS_VERSION = 1  # type: ignore[attr-defined]
    items: dict[str, list[Any]] = {
        "register_jurisdictions": [LINYI],
        "register_documents": [JIANGSU_DOC, LINYI_DOC],
        "register_targets": [JIANGSU_UP, JIANGSU_DOWN, LINYI_DOWN],
    }
    for hook, values in items.items():

        def impl(register: Any, _values: list[Any] = values) -> None:
            for v in _values:
                register(v)

        setattr(module, hook, hookimpl(impl))
    return Registry.load(only=(), extra=[("growth", module)])


def _nantong(up: tuple[int, int], down: tuple[int, int]) -> Statistics:
    referrals = []
    for year, n_up, n_down in ((2023, up[0], down[0]), (2024, up[1], down[1])):
        referrals += [ref("thc", "ch", f"{year}-05-01T09:00") for _ in range(n_up)]
        referrals += [ref("ch", "thc", f"{year}-05-01T09:00") for _ in range(n_down)]
    return referral_statistics(referrals, network())


def _results(report: Any, subject: str) -> dict[str, tuple[str, float | None]]:
    return {t.target: (t.status.value, t.measured) for t in report.targets if t.subject == subject}


@pytest.mark.parametrize(
    ("up", "down", "expected"),
    [
        ((10, 5), (11, 6), {"up": ("met", 10.0), "down": ("met", 20.0)}),
        ((10, 5), (12, 5), {"up": ("not_met", 20.0), "down": ("not_met", 0.0)}),
    ],
)
def test_jiangsu_growth_targets_from_a_ledger(
    up: tuple[int, int], down: tuple[int, int], expected: dict[str, Any]
) -> None:
    registry = _registry()
    stats = _nantong((up[0], down[0]), (up[1], down[1]))
    report = assess(network(), stats, registry, registry.jurisdiction("320000"), 2024)
    got = _results(report, "320000")
    assert got["test.jiangsu.referrals_up_growth"] == expected["up"]
    assert got["test.jiangsu.referrals_down_growth"] == expected["down"]


def test_jiangsu_growth_not_assessable_without_last_year() -> None:
    registry = _registry()
    stats = referral_statistics(
        [ref("thc", "ch", "2024-05-01T09:00"), ref("ch", "thc", "2024-05-01T09:00")], network()
    )
    report = assess(network(), stats, registry, registry.jurisdiction("320000"), 2024)
    assert {v[0] for v in _results(report, "320000").values()} == {"not_assessable"}


def _linyi_network() -> Network:
    def li(id: str, type: T, level: L) -> Institution:
        return inst(id, type, level, "371302")

    return Network(
        (
            li("lh", T.GENERAL_HOSPITAL, L.TERTIARY),
            li("lc", T.COMMUNITY_HEALTH_CENTRE, L.UNRATED),
            li("lo", T.COMMUNITY_HEALTH_CENTRE, L.UNRATED),
        ),
        (
            Consortium(
                "lcmg",
                "临沂测试医疗集团",
                ConsortiumKind.CITY_MEDICAL_GROUP,
                "371300",
                (Membership("lh", MemberRole.LEAD), Membership("lc")),
            ),
        ),
    )


@pytest.mark.parametrize(("inside", "expected"), [((10, 11), ("met", 10.0)), ((10, 10), ("not_met", 0.0))])
def test_linyi_growth_counts_only_downward_referrals_within_consortia(
    inside: tuple[int, int], expected: tuple[str, float]
) -> None:
    registry = _registry()
    net = _linyi_network()
    referrals = []
    for year, n in zip((2023, 2024), inside, strict=True):
        referrals += [ref("lh", "lc", f"{year}-05-01T09:00") for _ in range(n)]
    # Outside the consortium (lo is in none): many more in 2024, which must not count.
    referrals += [ref("lh", "lo", "2024-05-01T09:00") for _ in range(30)]
    report = assess(net, referral_statistics(referrals, net), registry, registry.jurisdiction("linyi"), 2024)
    assert _results(report, "371300")["test.linyi.2018.referrals_down_growth"] == expected


def test_assess_with_referrals_reads_network_and_ledger_files(tmp_path: Path) -> None:
    registry = _registry()
    rows = [
        f"u{y}-{i},pk-u{y}-{i},thc,ch,{y}-05-01T09:00," for y, n in ((2023, 10), (2024, 11)) for i in range(n)
    ]
    rows += [
        f"d{y}-{i},pk-d{y}-{i},ch,thc,{y}-05-01T09:00," for y, n in ((2023, 5), (2024, 6)) for i in range(n)
    ]
    path = csv_file(tmp_path / "r.csv", HEADER, *rows)
    net_path = network_file(tmp_path / "net.json")
    report = assess_with_referrals(net_path, None, path, "jiangsu", 2024, registry, NOW)
    got = _results(report, "320000")
    assert got["test.jiangsu.referrals_up_growth"] == ("met", 10.0)
    assert got["test.jiangsu.referrals_down_growth"] == ("met", 20.0)
