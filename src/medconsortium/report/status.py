"""How each status is shown, in every format: the one place to change it.

A finding's status and its rule's strength decide the words, the colour and whether it is
a problem. The words are the core's (:func:`~medconsortium.policy.findings.status_text`):
a failure of a rule that holds in principle (原则上) and an advisory finding (an
encouraged or permitted item not in place) name their strength beside the status, in
every format. Renderers (HTML, text, Excel, CSV) ask :func:`finding_style` and
:func:`target_style`; none decides alone.

>>> finding_style("fail", "in_principle").shown("en")
'fail (不符合) — in principle (原则上)'
>>> finding_style("pass", "mandatory").problem, target_style("not_met").problem
(False, True)
"""

from __future__ import annotations

import attrs

from ..model.labels import Label, Lang
from ..policy.documents import Strength
from ..policy.findings import FindingStatus, TargetStatus, status_text


@attrs.frozen
class StatusStyle:
    """How a status is shown. ``key`` is the JSON value; ``css`` the class of HTML and the
    colour key of text and Excel; ``problem``: listed among the problems, first; ``zh`` and
    ``en``: the words, each with the other language beside it (as ``status_text`` gives)."""

    key: str
    label: Label
    css: str
    problem: bool
    #: order in tables: problems first, then what could not be assessed, then the rest
    rank: int
    zh: str
    en: str

    def shown(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


#: Text colour and fill of each css key (Excel conditional formatting, HTML, terminal).
COLOURS: dict[str, tuple[str, str]] = {
    "bad": ("9C0006", "FFC7CE"),
    "principle": ("9C5700", "FFEB9C"),
    "unknown": ("3F3F76", "E4E4F4"),
    "advisory": ("1F4E79", "DDEBF7"),
    "good": ("006100", "C6EFCE"),
    "excepted": ("375623", "E2EFDA"),
    "neutral": ("404040", "F2F2F2"),
}
#: ANSI colour of each css key, for a terminal.
ANSI: dict[str, str] = {
    "bad": "\033[31;1m",
    "principle": "\033[33;1m",
    "unknown": "\033[35m",
    "advisory": "\033[34m",
    "good": "\033[32m",
    "excepted": "\033[36m",
    "neutral": "",
}

# css key, problem, rank of each finding status (a failure in principle: "principle", 1)
# Problems, as the core's renderers list them too: failures, advisory findings (what an
# encouraged or permitted item describes is not there) and failures a lower level excepts.
_FINDINGS = {
    "fail": ("bad", True, 0),
    "advisory": ("advisory", True, 2),
    "excepted": ("excepted", True, 3),
    "not_assessable": ("unknown", False, 4),
    "pass": ("good", False, 5),
}
_TARGETS = {
    "not_met": ("bad", True, 0),
    "not_assessable": ("unknown", False, 4),
    "met": ("good", False, 5),
    "not_scored": ("neutral", False, 6),
}


def finding_style(status: str, strength: str) -> StatusStyle:
    """The style of a rule's finding (``status`` and ``strength`` as in the JSON report)."""
    found, binding = FindingStatus(status), Strength(strength)
    css, problem, rank = _FINDINGS[status]
    if found is FindingStatus.FAIL and binding is Strength.IN_PRINCIPLE:
        css, rank = "principle", 1
    return StatusStyle(
        status,
        found.label,
        css,
        problem,
        rank,
        status_text(found, binding, "zh"),
        status_text(found, binding, "en"),
    )


def target_style(status: str) -> StatusStyle:
    """The style of a target's result."""
    found = TargetStatus(status)
    css, problem, rank = _TARGETS[status]
    return StatusStyle(
        status, found.label, css, problem, rank, found.label.show("zh"), found.label.show("en")
    )


def strength_label(strength: str) -> Label:
    return Strength(strength).label
