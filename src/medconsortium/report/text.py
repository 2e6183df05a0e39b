"""The text report, in the order of the HTML one: summary, problems, then everything else.

Colour (ANSI) only when asked: the CLI asks on a terminal, never in a pipe or a file,
and never when ``NO_COLOR`` is set (https://no-color.org).
"""

from __future__ import annotations

import os
from typing import IO

from wcwidth import wcswidth

from ..model.labels import Label, Lang
from .render import _Doc
from .status import ANSI, StatusStyle
from .view import ReportView

_RESET = "\033[0m"


def use_colour(stream: IO[str] | None) -> bool:
    """Colour for this stream: a terminal, and NO_COLOR unset or empty."""
    if os.environ.get("NO_COLOR"):
        return False
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


#: Widest line of the summary's wrapped sentences, in terminal columns.
WIDTH = 100


def wrap(text: str, indent: str, width: int = WIDTH) -> str:
    """``text`` in lines of at most ``width`` terminal columns (a CJK character takes
    two), each after ``indent``; broken at spaces, or inside a word longer than a line.

    >>> print(wrap("缺少 出院人次 discharges [discharges]", "  ", 16))
      缺少 出院人次
      discharges
      [discharges]
    """
    room = max(width - wcswidth(indent), 10)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        while wcswidth(word) > room:  # no space to break at (Chinese): break in the word
            cut = len(word)
            while wcswidth(word[:cut]) > room:
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if wcswidth(candidate) > room and current:
            lines.append(current)
            candidate = word
        current = candidate
    if current:
        lines.append(current)
    return "\n".join(indent + line for line in lines)


def _status(style: StatusStyle, lang: Lang, colour: bool) -> str:
    text = style.shown(lang)
    code = ANSI.get(style.css, "")
    return f"{code}{text}{_RESET}" if colour and code else text


def render_report_text(view: ReportView, lang: Lang = "zh", colour: bool = False) -> str:
    """Summary, problems (with their quotes, whole), then the tables of every result."""
    other: Lang = "en" if lang == "zh" else "zh"
    doc = _Doc(view.title.pick(lang), lang)
    doc.para(Label("适用层级：", "Levels: ").pick(lang) + view.levels.pick(lang))
    if view.synthetic:
        doc.para(
            Label(
                "注意：统计数据为合成示例数据，不是真实统计。",
                "Note: the statistics are synthetic example data, not real figures.",
            ).pick(lang)
        )
    doc.heading(Label("结论", "Summary").show(lang))
    lines = [f"- {s.pick(lang)}\n  {s.pick(other)}" for s in view.sentences()]
    for t in view.not_met:
        lines.append(
            f"- {Label('未达标：', 'not met: ').pick(lang)}{t.title.pick(lang)} — "
            f"{', '.join(t.subjects)}: {t.measured} ({Label('要求', 'required').pick(lang)} {t.expected})"
        )
    for g in view.gaps:
        lines.append(
            f"- {Label('无法评估', 'not assessable').pick(lang)} ×{g.count}: "
            f"{g.title.pick(lang)} — {g.reason.pick(lang)}"
        )
        lines += [wrap(line.pick(lang), "    ") for line in g.missing]
    doc.para("\n".join(lines))
    doc.para(Label("汇总：", "Summary: ").pick(lang) + ", ".join(f"{k}={v}" for k, v in view.counts.items()))
    doc.heading(
        Label("问题及其依据原文", "Problems and the text they rest on").show(lang)
        + f" ({len(view.problems)})"
    )
    for p in view.problems:
        block = [
            f"- [{_status(p.style, lang, colour)}] {p.title.pick(lang)} [{p.id}]",
            f"   {Label('对象', 'subject').pick(lang)}: {', '.join(p.subjects)}",
            f"   {Label('实际', 'measured').pick(lang)}: {p.measured}   "
            f"{Label('要求', 'expected').pick(lang)}: {p.expected}",
            f"   {p.message.pick(lang)}",
            f"   {p.cite}「{p.citation['text']}」 — {p.level.pick(lang)}",
        ]
        if p.exception:
            x = p.exception
            block.append(
                f"   {Label('例外：', 'exception: ').pick(lang)}{x['reason'][lang]} "
                f"{x['citation']['document']} {x['citation']['clause']}「{x['citation']['text']}」"
            )
        if p.link:
            block.append(f"   {Label('政策参考', 'policy reference').pick(lang)}: {p.link}")
        if p.strength is not None:
            block.insert(2, f"   {Label('约束力', 'strength').pick(lang)}: {p.strength.show(lang)}")
        doc.para("\n".join(block))
    if not view.problems:
        doc.para(Label("没有问题。", "No problems.").pick(lang))
    doc.heading(Label("全部结果", "All results").show(lang))
    for heading, items in ((Label("目标", "Targets"), view.targets), (Label("规则", "Rules"), view.findings)):
        if not items:
            continue
        doc.para(heading.show(lang))
        doc.table(
            [
                Label(*h).show(lang)
                for h in (
                    ("层级", "level"),
                    ("名称", "title"),
                    ("对象", "subject"),
                    ("状态", "status"),
                    ("结果", "result"),
                    ("出处", "source"),
                )
            ],
            [
                [
                    i.level.pick(lang),
                    i.title.pick(lang),
                    ", ".join(i.subjects),
                    _status(i.style, lang, colour),
                    i.message.pick(lang)
                    + (
                        " — " + Label("例外：", "exception: ").pick(lang) + i.exception["reason"][lang]
                        if i.exception
                        else ""
                    ),
                    i.cite,
                ]
                for i in items
            ],
        )
    return doc.render("text")
