"""Quotes against the texts the packages ship: every cited sentence must stand in its document.

Each distribution carries the unedited text of the document it encodes
(:attr:`~medconsortium.PolicyDocument.text`). This module reads those texts and checks the
citations of registered items against them, white space aside (the originals wrap lines
and break pages mid-sentence); every other character must match. The plugin contract
(:mod:`medconsortium.testing`) and ``medconsortium plugins --check`` both use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .registry import Registry

_WS = re.compile(r"\s+")

#: The kinds of registered items that carry a citation, and the registry attribute of each.
CITED_KINDS: tuple[tuple[str, str], ...] = (
    ("target", "targets"),
    ("rule", "rules"),
    ("referral rule", "referral_rules"),
    ("exception", "exceptions"),
    ("reference table", "reference_tables"),
)


def normal(text: str) -> str:
    """``text`` without white space: the form in which quotes are compared."""
    return _WS.sub("", text)


def shipped_texts(registry: Registry) -> dict[str, str]:
    """The texts the registered documents ship, by document number.

    Documents that ship no text are left out (:func:`quote_problems` reports them).
    """
    out: dict[str, str] = {}
    for number, entry in sorted(registry.documents.items()):
        try:
            out[number] = entry.item.read_text()
        except LookupError:
            continue
    return out


def quote_problems(
    registry: Registry, plugin: str | None = None, texts: Mapping[str, str] | None = None
) -> tuple[tuple[str, str], ...]:
    """``(item, problem)`` for every quote not found verbatim, and every document of
    ``plugin`` (all plugins when ``None``) that ships no text.

    ``texts`` replaces the shipped texts (document number → text).
    """
    given = texts is not None
    texts = shipped_texts(registry) if texts is None else texts
    normal_texts = {normal(n): normal(t) for n, t in texts.items()}
    out: list[tuple[str, str]] = []
    if not given:
        for number, entry in sorted(registry.documents.items()):
            if (plugin is None or entry.plugin == plugin) and number not in texts:
                out.append((f"document {number}", "ships no text (set PolicyDocument.text)"))
    for kind, attr in CITED_KINDS:
        for key, entry in sorted(getattr(registry, attr).items()):
            if plugin is not None and entry.plugin != plugin:
                continue
            citation = getattr(entry.item, "citation", None)
            if citation is None or not citation.text.strip():
                continue  # the contract reports missing citations and empty quotes itself
            text = normal_texts.get(normal(citation.document))
            if text is None:
                out.append((f"{kind} {key}", f"no text given for {citation.document}"))
            elif normal(citation.text) not in text:
                out.append(
                    (f"{kind} {key}", f"quote not verbatim in {citation.document}: {citation.text[:30]}…")
                )
    return tuple(out)
