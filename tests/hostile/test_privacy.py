"""No patient key, resident ID or mobile number in any output, message or report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_support import Run, example
from referral_support import DISGUISED_NUMBERS

from medconsortium.model.privacy import personal_number, scrub
from medconsortium.report.render import FORMATS

NETWORK = example("wuhu", "wuhu-network.yaml")
HEADER = "id,patient,from_institution,to_institution,time"
GOOD = "wr-01,p-a1f3,wh-chc-jh,wh-h2,2020-05-06T09:10:00"

DISGUISED = DISGUISED_NUMBERS


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _check(run: Run, path: Path, fmt: str = "text") -> tuple[int, str]:
    result = run(
        "referral", "check", path, "-n", NETWORK, "-j", "wuhu", "--as-of", "2024-01-01", "--format", fmt
    )
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("key", DISGUISED)
def test_disguised_personal_numbers_are_refused_and_never_printed(run: Run, tmp_path: Path, key: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        f"{HEADER}\n{GOOD}\nwr-02,{_quoted(key)},wh-chc-jh,wh-h2,2020-05-07T10:00:00\n",
        "utf-8",
    )
    for fmt in FORMATS:
        code, out = _check(run, path, fmt)
        assert code == 1
        assert "looks like a" in out
        assert key not in out and key.replace(" ", "") not in out


@pytest.mark.parametrize("number", [13812345678, 8613812345678, 110105194912310021, 1.3812345678e10])
def test_personal_numbers_as_json_numbers_are_refused(run: Run, tmp_path: Path, number: float) -> None:
    record = {
        "id": "wr-01",
        "patient": "p-a1f3",
        "from_institution": "wh-chc-jh",
        "to_institution": "wh-h2",
        "time": "2020-05-06T09:10:00",
    }
    path = tmp_path / "r.jsonl"
    lines = [json.dumps(record), json.dumps({**record, "id": "wr-02", "reason": number})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = _check(run, path, "json")
    assert code == 1
    assert "reason: looks like a" in out
    assert str(int(number)) not in out


def test_a_malformed_row_is_never_echoed(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    row = "wr-09;p-secret9;wh-chc-jh;wh-h2;2020-05-06T09:10:00;11010519491231002X"
    path.write_text(f"{HEADER}\n{GOOD}\n{row}\n", encoding="utf-8")
    code, out = _check(run, path, "json")
    assert [e["line"] for e in json.loads(out)["bad_records"]] == [3]
    for fmt in FORMATS:
        code, out = _check(run, path, fmt)
        assert code == 1
        for part in ("p-secret9", "11010519491231002X", "wr-09", "p-a1f3"):
            assert part not in out, (fmt, part)


def test_a_shifted_patient_key_is_not_echoed_in_an_unknown_institution(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        f"{HEADER}\n{GOOD}\nwr-03,p-shift7,p-shift7,wh-h2,2020-05-06T09:10:00\n", encoding="utf-8"
    )
    code, out = _check(run, path, "json")
    assert code == 1
    [error] = json.loads(out)["bad_records"]
    assert error["message"] == "from_institution: unknown institution '[patient key withheld]'"
    assert "p-shift7" not in out


def test_no_patient_key_of_the_examples_in_any_format(run: Run) -> None:
    for plugin in ("wuhu", "linyi"):
        path = example(plugin, f"{plugin}-referrals.csv")
        network = example(plugin, f"{plugin}-network.yaml")
        rows = path.read_text(encoding="utf-8").splitlines()
        column = rows[0].split(",").index("patient")
        keys = [r.split(",")[column] for r in rows[1:] if r]
        for fmt in FORMATS:
            result = run("referral", "check", path, "-n", network, "-j", plugin, "--format", fmt)
            assert result.exit_code in (0, 1)
            assert not [k for k in keys if k in result.stdout + result.stderr]


def test_error_lines_are_scrubbed(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "13812345678.yaml"
    result = run("validate", path, "-j", "national")
    assert result.exit_code == 2
    assert "13812345678" not in result.stderr and "[number withheld]" in result.stderr


def test_what_is_not_a_personal_number() -> None:
    for value in ("2024-03-01T09:30:00+08:00", "wh-chc-jh", "r-000123", "12345678901", 2024, True, "1" * 20):
        assert personal_number(value) is None, value
    assert scrub("line 12: year 2024") == "line 12: year 2024"


def test_ascii_text_is_judged_as_any_text() -> None:
    # Text that is all ASCII is first looked at as bytes; a character outside ASCII sends the
    # same text through the regular expressions alone. Both must give the same answer.
    import random

    rng = random.Random(14)
    alphabet = "0123456789" * 4 + "- \t\x0b\x1c\x1f+Xx,:T.ab"
    answers: dict[str | None, int] = {}
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(9, 40)))
        answer = personal_number(text)
        assert personal_number(text + "é") == answer, repr(text)
        assert personal_number("é" + text) == answer, repr(text)
        answers[answer] = answers.get(answer, 0) + 1
    assert set(answers) == {None, "mobile number", "resident ID number"}, answers
    for key in DISGUISED:
        if key.isascii():
            assert personal_number(key) is not None and personal_number(f"r-1,{key},a,b") is not None
    # Ten characters of digits and separators are not enough; eleven are looked at.
    assert personal_number("x2024-04-01T22:18:00") is None
    assert personal_number("x138-1234-5678,") == "mobile number"


def test_ascii_characters_of_a_candidate_are_those_of_the_expression() -> None:
    from medconsortium.model import privacy

    for code in range(256):
        c = chr(code)
        expected = code < 128 and privacy._patterns()[0].fullmatch("0" + c * 10) is not None
        assert privacy._ASCII_CLASS[code] == expected, repr(c)


def test_a_row_that_lost_a_separator_names_no_value(run: Run, tmp_path: Path) -> None:
    # The comma between id and patient is lost: the key lands in the id column.
    path = tmp_path / "r.csv"
    path.write_text(f"{HEADER}\n{GOOD}\nwr-04p-key44,wh-chc-jh,wh-h2,2020-05-06T09:10:00\n", encoding="utf-8")
    code, out = _check(run, path, "json")
    assert code == 1
    [error] = json.loads(out)["bad_records"]
    assert error["referral"] is None and error["line"] == 3
    assert "p-key44" not in out and "wh-h2" not in error["message"]
