"""Strength: what a failure of each kind of item is, how every format shows it, and the
exit code it sets (``--fail-on``).

必须/应/要 → mandatory: ``fail``, exit 1. 原则上 → in principle: ``fail`` that says so in
every format; exit 1 only with ``--fail-on in_principle`` or ``any``. 鼓励/可/允许 →
encouraged or permitted: ``advisory``, never ``fail``; exit 1 only with ``--fail-on any``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from core_support import Cli, Files, geography, good_network_data, load, rule

from medconsortium import FailOn, FindingStatus, Outcome, Registry, RuleContext, Strength, validate

STRENGTHS = list(Strength)
EXPECTED = {
    Strength.MANDATORY: FindingStatus.FAIL,
    Strength.IN_PRINCIPLE: FindingStatus.FAIL,
    Strength.ENCOURAGED: FindingStatus.ADVISORY,
    Strength.PERMITTED: FindingStatus.ADVISORY,
}


def _fails(ctx: RuleContext) -> Iterator[Outcome]:
    yield ctx.failed(["ccm"], "没有做到", "not done")


def _registry(*strengths: Strength) -> Registry:
    rules = [rule(f"geo.{s.value}", _fails, strength=s) for s in strengths]
    return load(("geo", geography(register_rules=rules)))


@pytest.mark.parametrize("strength", STRENGTHS)
def test_a_failure_takes_the_status_of_its_strength(strength: Strength) -> None:
    from core_support import county_network

    registry = _registry(strength)
    report = validate(county_network(), registry, registry.jurisdiction("testcounty"))
    (finding,) = [f for f in report.findings if f.rule == f"geo.{strength.value}"]
    assert finding.status is EXPECTED[strength]
    assert finding.strength is strength


# The exit code of ``validate`` with one failing rule of each strength, by --fail-on.
EXIT = {
    Strength.MANDATORY: {"mandatory": 1, "in_principle": 1, "any": 1},
    Strength.IN_PRINCIPLE: {"mandatory": 0, "in_principle": 1, "any": 1},
    Strength.ENCOURAGED: {"mandatory": 0, "in_principle": 0, "any": 1},
    Strength.PERMITTED: {"mandatory": 0, "in_principle": 0, "any": 1},
}


@pytest.mark.parametrize("strength", STRENGTHS)
@pytest.mark.parametrize("fail_on", [None, *(f.value for f in FailOn)])
def test_exit_code_by_strength_and_fail_on(tmp_path: Path, strength: Strength, fail_on: str | None) -> None:
    network = Files(tmp_path).yaml("net.yaml", good_network_data())
    more = [] if fail_on is None else ["--fail-on", fail_on]
    result = Cli(_registry(strength))("validate", network, "-j", "testcounty", "--format", "json", *more)
    assert result.exit_code == EXIT[strength][fail_on or "mandatory"], result.output
    statuses = {f["rule"]: f["status"] for f in json.loads(result.stdout)["findings"]}
    assert statuses[f"geo.{strength.value}"] == EXPECTED[strength].value


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_in_principle_and_advisory_say_so_in_every_format(tmp_path: Path, fmt: str) -> None:
    network = Files(tmp_path).yaml("net.yaml", good_network_data())
    registry = _registry(Strength.MANDATORY, Strength.IN_PRINCIPLE, Strength.ENCOURAGED)
    for lang, in_principle, encouraged in (("zh", "原则上", "鼓励"), ("en", "in principle", "encouraged")):
        result = Cli(registry)("validate", network, "-j", "testcounty", "--format", fmt, "--lang", lang)
        lines = result.stdout.splitlines()

        def lines_of(rule_id: str, lines: list[str] = lines) -> list[str]:
            # The rules table and the list of problems each name the rule once.
            found = [line for line in lines if f"geo.{rule_id}" in line]
            assert len(found) == 2, found
            return found

        advisory = FindingStatus.ADVISORY.label.pick(lang)  # type: ignore[arg-type]
        assert all(in_principle in line for line in lines_of("in_principle"))
        assert all(encouraged in line and advisory in line for line in lines_of("encouraged"))
        assert not any(in_principle in line for line in lines_of("mandatory"))


def test_the_fail_on_option_is_refused_when_misspelt(tmp_path: Path) -> None:
    network = Files(tmp_path).yaml("net.yaml", good_network_data())
    result = Cli(_registry(Strength.MANDATORY))("validate", network, "-j", "testcounty", "--fail-on", "some")
    assert result.exit_code == 2
