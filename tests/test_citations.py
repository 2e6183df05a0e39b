"""Every quoted sentence of every installed plugin appears verbatim in its document.

The check ignores white space only (the texts wrap lines and break pages mid-sentence);
every other character, punctuation included, must match.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from medconsortium import Registry

_WS = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _WS.sub("", text)


def policy_dir() -> Path:
    """The unedited policy texts: $MEDCONSORTIUM_POLICY_DIR, else ../shared/policies."""
    env = os.environ.get("MEDCONSORTIUM_POLICY_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "policies"


def _texts_by_number() -> dict[str, str]:
    folder = policy_dir()
    index = folder / "README.md"
    assert index.is_file(), f"policy texts not found at {folder} (set MEDCONSORTIUM_POLICY_DIR)"
    out: dict[str, str] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 2 and cells[0].endswith(".txt"):
            out[cells[1]] = _normal((folder / cells[0]).read_text(encoding="utf-8"))
    return out


def _numbers_match(a: str, b: str) -> bool:
    # The index writes "国卫医发〔2016〕75号"; tolerate spaces the originals put inside.
    return _normal(a) == _normal(b)


def _cited(registry: Registry) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for what, entries in (
        ("target", registry.targets),
        ("rule", registry.rules),
        ("referral rule", registry.referral_rules),
        ("exception", registry.exceptions),
        ("reference table", registry.reference_tables),
    ):
        for key, entry in entries.items():
            out.append((f"{what} {key}", entry.item.citation))
    return out


def test_every_quote_is_verbatim(registry: Registry) -> None:
    texts = _texts_by_number()
    problems = []
    for name, citation in _cited(registry):
        text = next((t for n, t in texts.items() if _numbers_match(n, citation.document)), None)
        if text is None:
            problems.append(f"{name}: document {citation.document} is not among the policy texts")
        elif _normal(citation.text) not in text:
            problems.append(f"{name}: quote not found verbatim: {citation.text[:40]}…")
    assert not problems, "\n".join(problems)


def test_every_document_is_a_known_text(registry: Registry) -> None:
    texts = _texts_by_number()
    for number in registry.documents:
        assert any(_numbers_match(n, number) for n in texts), number


@pytest.mark.parametrize("quote", ["医联体内依托牵头单位建立医学影像中心、检验检查中心"])
def test_the_check_can_fail(quote: str) -> None:
    texts = _texts_by_number()
    national = next(t for n, t in texts.items() if "75" in n)
    assert _normal(quote) in national
    assert _normal(quote.replace("、", ",")) not in national


def test_policy_dir_exists() -> None:
    assert Path(policy_dir(), "README.md").is_file()
