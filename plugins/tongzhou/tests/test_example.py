"""The bundled example: the real network of 四（一）, assessed end to end through the CLI."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from click.testing import CliRunner
from medconsortium import InstitutionType
from medconsortium import MemberRole
from medconsortium import Registry
from medconsortium.api import open_network
from medconsortium.api import open_statistics
from medconsortium.cli import main
from medconsortium_tongzhou import EXAMPLE
from medconsortium_tongzhou.exceptions import PINGCHAO
from medconsortium_tongzhou.reference import COMMUNITIES

SYNTHETIC = "合成示例"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    code, out = run("demo", "--format", "json")
    assert code == 1  # some targets are not met and some rules fail: exit status says so
    data: dict[str, Any] = json.loads(out)
    return data


def test_network_has_every_member_exactly_as_the_text_names_them(registry: Registry) -> None:
    net = open_network(EXAMPLE.network, registry)
    by_name = {c.name: c for c in net.consortia}
    assert sorted(by_name) == sorted(name for name, *_ in COMMUNITIES)
    for name, lead, members, _base in COMMUNITIES:
        cons = by_name[name]
        names = {net.institution(m.institution).name: m for m in cons.members}
        assert net.institution(cons.lead or "").name == lead
        real = {n for n in names if SYNTHETIC not in n}
        assert real == {lead, *members}, name
        assert all(names[m].role is MemberRole.MEMBER for m in members)
    # The base ("及下辖村卫生室") is there, as synthetic placeholders labelled as such.
    for cons in net.consortia:
        clinics = [i for i in net.members(cons) if i.type is InstitutionType.VILLAGE_CLINIC]
        assert clinics and all(SYNTHETIC in i.name for i in clinics)
    assert net.get_consortium(PINGCHAO) is not None


def test_statistics_are_marked_synthetic(registry: Registry) -> None:
    assert EXAMPLE.statistics is not None
    data = open_statistics(EXAMPLE.statistics, registry)
    assert data.synthetic
    assert data.years() == (2023, 2024, 2025)
    assert "synthetic" in EXAMPLE.statistics.read_text(encoding="utf-8").splitlines()[0].lower()


def test_demo_runs_tongzhou_with_every_level(demo: dict[str, Any]) -> None:
    assert demo["jurisdiction"]["code"] == "320612"
    assert demo["year"] == 2025
    assert demo["synthetic"] is True
    levels = {f["level"] for f in demo["findings"]} | {t["level"] for t in demo["targets"]}
    assert {"100000", "320000", "320612"} <= levels


def test_demo_shows_met_not_met_and_not_assessable(demo: dict[str, Any]) -> None:
    ours = Counter(t["status"] for t in demo["targets"] if t["plugin"] == "tongzhou")
    assert ours["met"] and ours["not_met"] and ours["not_assessable"] and ours["not_scored"]
    rules = Counter(f["status"] for f in demo["findings"] if f["plugin"] == "tongzhou")
    assert rules["pass"] and rules["fail"] and rules["not_assessable"]


def test_demo_shows_the_pingchao_exceptions(demo: dict[str, Any]) -> None:
    lead_rules = {"national.county_community_lead", "jiangsu.county_community_lead"}
    pingchao = {
        f["rule"]: f for f in demo["findings"] if f["rule"] in lead_rules and f["subjects"] == [PINGCHAO]
    }
    assert set(pingchao) == lead_rules
    for finding in pingchao.values():
        assert finding["status"] == "excepted"
        assert finding["exception"]["citation"]["document"] == "通政办发〔2024〕20号"
    others = [f for f in demo["findings"] if f["rule"] in lead_rules and f["subjects"] != [PINGCHAO]]
    assert others and all(f["status"] == "pass" for f in others)


def test_demo_planted_problems(demo: dict[str, Any]) -> None:
    def status(rule: str, subject: str) -> str:
        (found,) = [f for f in demo["findings"] if f["rule"] == rule and f["subjects"] == [subject]]
        return str(found["status"])

    assert status("tongzhou.stationed_staff", "tz-rm-03") == "fail"  # a gap
    assert status("tongzhou.stationed_staff", "tz-zy-02") == "fail"  # no one stationed
    assert status("tongzhou.stationed_staff", "tz-zy-05") == "fail"  # junior title only
    assert status("tongzhou.posting_length", "tz-rm-07") == "fail"  # 3-month posting
    assert status("tongzhou.posting_length", "tz-pc-03") == "not_assessable"  # open, < 6 months
    assert status("tongzhou.stationed_staff", "tz-rm-01") == "pass"


def test_assess_command_matches_the_demo(demo: dict[str, Any]) -> None:
    assert EXAMPLE.statistics is not None
    code, out = run(
        "assess",
        str(EXAMPLE.network),
        "--stats",
        str(EXAMPLE.statistics),
        "-j",
        "tongzhou",
        "--year",
        "2025",
        "--format",
        "json",
    )
    assert code == 1
    assert json.loads(out) == demo


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_reports_never_show_staff_keys(fmt: str) -> None:
    code, out = run("demo", "tongzhou", "--format", fmt)
    assert code == 1
    assert "平潮区域性医共体" in out
    assert "staff-0" not in out


def test_rules_lists_every_tongzhou_item(registry: Registry) -> None:
    code, out = run("rules", "tongzhou", "--format", "json")
    assert code == 0
    listing = json.loads(out)
    ids = {r["id"] for key in ("rules", "referral_rules", "targets", "exceptions") for r in listing[key]}
    for attr in ("rules", "referral_rules", "targets", "exceptions"):
        ours = {k for k, e in getattr(registry, attr).items() if e.plugin == "tongzhou"}
        assert ours <= ids, attr
    assert {"national.county_community_lead", "jiangsu.county_community_lead"} <= ids
