"""Every result can explain itself; every failure and exception shows its sentence."""

from __future__ import annotations

import json

from click.testing import CliRunner

from medconsortium.cli import main


def _demo(*more: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["demo", "tongzhou", *more])
    return result.exit_code, result.stdout


def test_failures_and_exceptions_show_their_sentence_without_explain() -> None:
    code, out = _demo("--format", "text")
    assert code in (0, 1)
    section = out.split("问题及其依据原文")[1]
    # The 平潮 exception of the Tongzhou example, with its own sentence.
    assert "例外" in section and "通政办发〔2024〕20号" in section and "「" in section
    # Every listed problem carries a quoted sentence.
    heads = [line for line in section.splitlines() if line.startswith("- ")]
    assert heads and section.count("「") >= len(heads)


def test_explain_prints_inputs_computation_requirement_and_text() -> None:
    _, plain = _demo("--format", "text", "--lang", "en")
    _, explained = _demo("--format", "text", "--lang", "en", "--explain")
    assert "Read: " not in plain
    section = explained.split("Explanations: what each result rests on")[1]
    assert "Read: residents_outpatient_in_county [320612, 2025]" in section
    assert (
        "Computed: " in section and "Required: >= 90" in section and "Text: 通政办发〔2024〕20号" in section
    )


def test_json_carries_an_explanation_for_every_result() -> None:
    _, out = _demo("--format", "json")
    data = json.loads(out)
    results = data["targets"] + data["findings"]
    assert results and all(set(r["explanation"]) >= {"inputs", "text", "exception"} for r in results)
    excepted = [f for f in data["findings"] if f["status"] == "excepted"]
    assert excepted and all(f["explanation"]["exception"]["text"] for f in excepted)
    missing = [t for t in data["targets"] if t["status"] == "not_assessable" and t["indicator"]]
    assert all(any("(not recorded)" in line for line in t["explanation"]["inputs"]["en"]) for t in missing)
