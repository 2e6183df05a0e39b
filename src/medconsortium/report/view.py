"""What a report shows, in the order people read it: summary, problems, everything else.

Built from the JSON report (:func:`~medconsortium.reports.report_json`), so that every
format for people shows the same data as the documented contract. The HTML, text, Excel
and CSV renderers all take a :class:`ReportView`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..engine.evaluation import Report
from ..model.labels import Label
from .missing import missing_label, missing_lines
from .render import report_json
from .status import StatusStyle, finding_style, strength_label, target_style


def number(value: float | None) -> str:
    """A measured or expected value as people read it: at most two decimals.

    >>> number(88.598), number(90.0), number(None), number(13.1959)
    ('88.6', '90', '—', '13.2')
    """
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "") if abs(value) < 10000 else text


_UNITS = {"percent": "%", "count": "", "days": " 天 (days)", "ratio": ""}


@attrs.frozen
class Item:
    """One result (a rule's finding or a target's result) ready to show."""

    kind: str  # "rule" or "target"
    id: str
    title: Label
    style: StatusStyle
    strength: Label | None
    subjects: tuple[str, ...]
    message: Label
    measured: str
    expected: str
    level: Label
    citation: Mapping[str, str]
    exception: Mapping[str, Any] | None
    link: str | None
    indicator: str | None = None
    #: the ``missing`` entries of a target result in the JSON report: the data to record,
    #: and the sentence that names them
    missing_entries: tuple[Mapping[str, Any], ...] = ()
    missing: Label | None = None

    @property
    def cite(self) -> str:
        return f"{self.citation['document']} {self.citation['clause']}"


@attrs.frozen
class Gap:
    """Results that could not be assessed for one reason: what, how many, why."""

    title: Label
    count: int
    reason: Label
    kind: str = "rule"
    #: per metric missing (zh with en, and its id): the kind of record, whose, which years
    missing: tuple[Label, ...] = ()


@attrs.frozen
class ReportView:
    title: Label
    levels: Label
    synthetic: bool
    data: Mapping[str, Any]
    problems: tuple[Item, ...]
    targets: tuple[Item, ...]
    findings: tuple[Item, ...]
    mandatory_failed: int
    principle_failed: int
    advisory: int
    not_met: tuple[Item, ...]
    gaps: tuple[Gap, ...]
    counts: Mapping[str, int]

    @property
    def items(self) -> tuple[Item, ...]:
        return self.targets + self.findings

    def sentences(self) -> list[Label]:
        """The summary in plain words."""
        out = [
            Label(
                f"必须遵守的规则中有 {self.mandatory_failed} 项不符合；"
                f"“原则上”规则中有 {self.principle_failed} 项不符合。",
                f"{self.mandatory_failed} mandatory rule results fail; "
                f"{self.principle_failed} in-principle (原则上) results fail.",
            )
        ]
        if self.advisory:
            out.append(
                Label(
                    f"另有 {self.advisory} 项鼓励或允许的事项尚未落实（倡导项，不算不符合）。",
                    f"{self.advisory} encouraged or permitted items are not in place "
                    "(advisory, never a failure).",
                )
            )
        scored = sum(1 for t in self.targets if t.style.key in ("met", "not_met"))
        out.append(
            Label(
                f"{scored} 项量化目标中有 {len(self.not_met)} 项未达标。",
                f"{len(self.not_met)} of {scored} scored targets are not met.",
            )
        )
        gaps = sum(g.count for g in self.gaps)
        out.append(
            Label(
                f"{gaps} 项无法评估（缺少数据或没有适用对象，见下）；缺少数据从不算作符合。",
                f"{gaps} results could not be assessed (missing data or nothing to apply to, "
                "see below); missing data never counts as a pass.",
            )
        )
        return out


def _level(code: str, chain: Sequence[Mapping[str, Any]]) -> Label:
    for j in chain:
        if j["code"] == code:
            return Label(j["name"]["zh"], j["name"]["en"])
    return Label(code, code)


def _subject(subject: str | None, names: Mapping[str, str]) -> str:
    if subject is None:
        return "—"
    name = names.get(subject)
    return f"{name} [{subject}]" if name else subject


def _lab(data: Mapping[str, str] | None) -> Label:
    return Label("", "") if data is None else Label(data["zh"], data["en"])


def _gap_title(item: Item) -> Label:
    """What could not be assessed; a target names the indicator whose data is missing."""
    if item.kind != "target" or item.indicator is None:
        return item.title
    return Label(f"{item.title.zh}（指标 {item.indicator}）", f"{item.title.en} (indicator {item.indicator})")


def _merge_gaps(gaps: list[Gap]) -> tuple[Gap, ...]:
    """One line per reason that many results share (e.g. rules with nothing to apply to),
    so that the summary names the missing data instead of repeating a reason."""
    by_reason: dict[str, list[Gap]] = {}
    for gap in gaps:
        # a target's title names its indicator: targets stay listed one by one
        by_reason.setdefault(
            gap.reason.zh if gap.kind == "rule" else f"{gap.kind}:{gap.title.zh}", []
        ).append(gap)
    out = []
    for group in by_reason.values():
        if len(group) > 3:
            n = sum(g.count for g in group)
            out.append(
                Gap(Label(f"{len(group)} 项规则或目标", f"{len(group)} rules or targets"), n, group[0].reason)
            )
        else:
            out.extend(group)
    return tuple(out)


def report_view(report: Report, docs_url: str | None = None) -> ReportView:
    """The view of an assessment or validation report."""
    data = report_json(report, docs_url)
    chain_json = [
        {"code": j.code, "slug": j.slug, "name": {"zh": j.name.zh, "en": j.name.en}} for j in report.chain
    ]
    # Areas by their jurisdiction's name, institutions and consortia by theirs.
    names = {**{j.code: j.name.zh for j in report.chain}, **report.names}
    targets = []
    for t in data["targets"]:
        unit = _UNITS.get(t["unit"] or "", "")
        op = t["operator"] or ""
        targets.append(
            Item(
                "target",
                t["id"],
                _lab(t["title"]),
                target_style(t["status"]),
                None,
                (_subject(t["subject"], names),),
                _lab(t["message"]),
                number(t["measured"]) + (unit if t["measured"] is not None else ""),
                (f"{op} {number(t['expected'])}{unit}" if t["expected"] is not None else op or "—").strip(),
                _level(t["level"], chain_json),
                t["citation"],
                None,
                t["permalink"],
                t["indicator"],
                tuple(t["missing"]),
                missing_label(t["missing"], names),
            )
        )
    findings = []
    for f in data["findings"]:
        findings.append(
            Item(
                "rule",
                f["rule"],
                _lab(f["title"]),
                finding_style(f["status"], f["strength"]),
                strength_label(f["strength"]),
                tuple(_subject(s, names) for s in f["subjects"]),
                _lab(f["message"]),
                f["measured"] or "—",
                f["expected"] or "—",
                _level(f["level"], chain_json),
                f["citation"],
                f["exception"],
                f["permalink"],
            )
        )
    everything = targets + findings
    problems = sorted((i for i in everything if i.style.problem), key=lambda i: i.style.rank)
    gaps: dict[tuple[str, str], tuple[Item, list[Item]]] = {}
    for item in everything:
        if item.style.key == "not_assessable":
            gaps.setdefault((item.title.zh, item.message.zh), (item, []))[1].append(item)
    j = report.jurisdiction
    what = Label("评估", "assessment") if report.command == "assess" else Label("校验", "validation")
    year = f" {report.year}" if report.year else ""
    return ReportView(
        # Both languages in each, the chosen one first: pick(lang) gives the heading.
        title=Label(
            f"{j.name.show('zh')} — {what.show('zh')}{year}", f"{j.name.show('en')} — {what.show('en')}{year}"
        ),
        levels=Label(
            " › ".join(c.name.zh for c in report.chain) + f"；截至 {report.as_of.isoformat()}",
            " › ".join(c.name.en for c in report.chain) + f"; as of {report.as_of.isoformat()}",
        ),
        synthetic=report.synthetic,
        data=data,
        problems=tuple(problems),
        targets=tuple(targets),
        findings=tuple(findings),
        mandatory_failed=sum(1 for f in findings if f.style.key == "fail" and f.style.css == "bad"),
        principle_failed=sum(1 for f in findings if f.style.css == "principle"),
        advisory=sum(1 for f in findings if f.style.key == "advisory"),
        not_met=tuple(t for t in targets if t.style.key == "not_met"),
        gaps=_merge_gaps(
            [
                Gap(
                    _gap_title(item),
                    len(group),
                    item.message,
                    item.kind,
                    missing_lines((m for i in group for m in i.missing_entries), names),
                )
                for item, group in gaps.values()
            ]
        ),
        counts=data["summary"],
    )
