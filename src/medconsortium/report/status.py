"""How each status is shown, in every format: the one place to change it.

A finding's status and its rule's strength decide the words, the colour and whether it is
a problem; an in-principle (原则上) failure is a failure that says so. Renderers (HTML,
text, Excel, CSV) ask :func:`finding_style` and :func:`target_style`; none decides alone.

>>> finding_style("fail", "in_principle").label.show("en")
'fail, in principle (不符合（原则上）)'
>>> target_style("not_met").problem, target_style("met").problem
(True, False)
"""

from __future__ import annotations

import attrs

from ..model.labels import Label


@attrs.frozen
class StatusStyle:
    """How a status is shown. ``key`` is the JSON value; ``css`` the class of HTML and the
    colour key of text and Excel; ``problem``: listed among the problems, first."""

    key: str
    label: Label
    css: str
    problem: bool
    #: order in tables: problems first, then what could not be assessed, then the rest
    rank: int


#: Text colour and fill of each css key (Excel conditional formatting, HTML, terminal).
COLOURS: dict[str, tuple[str, str]] = {
    "bad": ("9C0006", "FFC7CE"),
    "principle": ("9C5700", "FFEB9C"),
    "unknown": ("3F3F76", "E4E4F4"),
    "good": ("006100", "C6EFCE"),
    "excepted": ("375623", "E2EFDA"),
    "neutral": ("404040", "F2F2F2"),
}
#: ANSI colour of each css key, for a terminal.
ANSI: dict[str, str] = {
    "bad": "\033[31;1m",
    "principle": "\033[33;1m",
    "unknown": "\033[35m",
    "good": "\033[32m",
    "excepted": "\033[36m",
    "neutral": "",
}

_FINDINGS = {
    "pass": StatusStyle("pass", Label("符合", "pass"), "good", False, 4),
    "fail": StatusStyle("fail", Label("不符合", "fail"), "bad", True, 0),
    "not_assessable": StatusStyle("not_assessable", Label("无法评估", "not assessable"), "unknown", False, 2),
    "excepted": StatusStyle("excepted", Label("例外", "excepted"), "excepted", False, 3),
}
_IN_PRINCIPLE_FAIL = StatusStyle(
    "fail", Label("不符合（原则上）", "fail, in principle"), "principle", True, 1
)
_TARGETS = {
    "met": StatusStyle("met", Label("达标", "met"), "good", False, 4),
    "not_met": StatusStyle("not_met", Label("未达标", "not met"), "bad", True, 0),
    "not_assessable": StatusStyle("not_assessable", Label("无法评估", "not assessable"), "unknown", False, 2),
    "not_scored": StatusStyle("not_scored", Label("不评分", "not scored"), "neutral", False, 5),
}

STRENGTHS: dict[str, Label] = {
    "mandatory": Label("必须", "mandatory"),
    "in_principle": Label("原则上", "in principle"),
    "encouraged": Label("鼓励", "encouraged"),
    "permitted": Label("允许", "permitted"),
}


def finding_style(status: str, strength: str) -> StatusStyle:
    """The style of a rule's finding (``status`` and ``strength`` as in the JSON report)."""
    if status == "fail" and strength == "in_principle":
        return _IN_PRINCIPLE_FAIL
    return _FINDINGS[status]


def target_style(status: str) -> StatusStyle:
    """The style of a target's result."""
    return _TARGETS[status]


def strength_label(strength: str) -> Label:
    return STRENGTHS.get(strength, Label(strength, strength))


def all_labels() -> list[tuple[str, Label]]:
    """(css key, label) of every status shown, for legends and conditional formatting."""
    styles = [*_FINDINGS.values(), _IN_PRINCIPLE_FAIL, *_TARGETS.values()]
    return [(s.css, s.label) for s in styles]
