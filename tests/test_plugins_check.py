"""``medconsortium plugins --check``: every quote against the text its package ships."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from medconsortium.cli import main
from medconsortium.plugins import quotes


def test_the_installed_plugins_pass() -> None:
    result = CliRunner().invoke(main, ["plugins", "--check"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith(", 0 problems")


def test_a_quote_missing_from_a_text_is_reported_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    real = quotes.shipped_texts

    def altered(registry: object) -> dict[str, str]:
        texts = real(registry)  # type: ignore[arg-type]
        texts["通政办发〔2024〕20号"] = texts["通政办发〔2024〕20号"].replace("派驻", "派出")
        return texts

    monkeypatch.setattr(quotes, "shipped_texts", altered)
    result = CliRunner().invoke(main, ["plugins", "--check", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["problems"], data
    assert all("通政办发〔2024〕20号" in p["problem"] for p in data["problems"])
    assert {p["item"].split()[-1].split(".")[0] for p in data["problems"]} == {"tongzhou"}


def test_a_coverage_map_that_disagrees_with_the_registry_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import attrs

    from medconsortium.plugins import coverage

    real = coverage.shipped_map

    def cropped(document: object) -> coverage.CoverageMap | None:
        cmap = real(document)  # type: ignore[arg-type]
        if cmap is None or cmap.document != "通政办发〔2024〕20号":
            return cmap
        kept = tuple(e for e in cmap.entries if "设立全科医学科" not in (e.text or ""))
        return attrs.evolve(cmap, entries=kept)

    monkeypatch.setattr(coverage, "shipped_map", cropped)
    result = CliRunner().invoke(main, ["plugins", "--check", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["maps_checked"] == 5
    # the sentence is cited by the department rule and by the contract-coverage trend
    assert {p["item"] for p in data["problems"]} == {"coverage map of 通政办发〔2024〕20号"}
    assert any(
        "tongzhou.general_practice_department cites 五（五）" in p["problem"] for p in data["problems"]
    )
