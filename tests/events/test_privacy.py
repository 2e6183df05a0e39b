"""Only aggregates leave the engine: no patient key or visit id in any output; small
counts can be suppressed; the core works without the extra; the progress line."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from medconsortium.cli import main

from .helpers import REFERRAL_FILE, TONGZHOU_NETWORK, VISIT_FILE

EVENTS = [str(VISIT_FILE), f"referrals={REFERRAL_FILE}"]
AGGREGATE = ["events", "aggregate", *EVENTS, "-n", str(TONGZHOU_NETWORK), "-j", "tongzhou", "--year", "2025"]


def test_no_patient_key_or_visit_id_in_any_output() -> None:
    outputs = [CliRunner().invoke(main, [*AGGREGATE, "--since", "2024"]).output]
    for fmt in ("text", "json", "html", "markdown"):
        result = CliRunner().invoke(
            main,
            [
                "assess",
                str(TONGZHOU_NETWORK),
                *(f"--events={e}" for e in EVENTS),
                *("--since", "2024", "-j", "tongzhou", "--year", "2025", "--format", fmt),
            ],
        )
        assert result.exit_code in (0, 1)
        outputs.append(result.output)
    assert VISIT_FILE.read_text().count("syn-p") > 1000  # the inputs are full of keys
    for text in outputs:
        assert "syn-p" not in text and "SYN-V" not in text and "SYN-R" not in text


def test_suppression_blanks_small_counts(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [*AGGREGATE, "--since", "2024", "--suppress-below", "10"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "values below 10 suppressed" in lines[0]
    header = lines[1].split(",")
    cells = [dict(zip(header, line.split(","), strict=True)) for line in lines[2:]]
    numbers = [
        float(v)
        for row in cells
        for k, v in row.items()
        if k not in ("scope", "id", "year", "provenance") and v
    ]
    assert numbers and all(n == 0 or n >= 10 for n in numbers)
    blanks = sum(1 for row in cells for v in row.values() if v == "")
    assert blanks > 0
    # Without the option the same cells hold their small counts.
    plain = CliRunner().invoke(main, [*AGGREGATE, "--since", "2024"]).output
    assert any(0 < float(v) < 10 for line in plain.splitlines()[1:] for v in line.split(",")[3:-1] if v)


def test_the_core_works_without_the_extra(tmp_path: Path) -> None:
    # ibis made unimportable: the library, the CLI and assess work; events says what to install.
    code = (
        "import sys; sys.modules['ibis'] = None\n"
        "from medconsortium.cli import main\n"
        f"main({[*AGGREGATE[:3], *AGGREGATE[4:]]!r})\n"
    )
    events = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert events.returncode == 2, events.stderr
    assert events.stderr.strip().splitlines() == [
        "medconsortium: error: event-level indicators need the 'events' extra: "
        "pip install 'medconsortium[events]'"
    ]
    demo = "import sys; sys.modules['ibis'] = None\nfrom medconsortium.cli import main\nmain(['demo'])\n"
    result = subprocess.run([sys.executable, "-c", demo], capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    assert "通州" in result.stdout or "assessment" in result.stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_only_on_a_terminal() -> None:
    from medconsortium.events.progress import Progress

    terminal = _Terminal()
    with Progress(terminal) as step:
        step("visits: one pass of the engine")
    assert "medconsortium: visits: one pass of the engine" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")
    piped = io.StringIO()
    with Progress(piped) as step:
        step("visits: one pass of the engine")
    assert piped.getvalue() == ""
