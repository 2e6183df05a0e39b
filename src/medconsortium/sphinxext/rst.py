# Longer than 400 lines on purpose: one reStructuredText renderer per directive, over the same escaping
# helpers.
"""reStructuredText for the policy reference, generated from a loaded registry.

Everything here is a pure function of the registry: no Sphinx, no files, no dates, so the
text can be tested on its own and the same plugins always give the same pages. Every piece
of text that comes from a plugin goes through :func:`escape`, so a quote or a title can
never turn into markup.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import inspect
import json
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import Any

import attrs
from docutils.utils import column_width  # type: ignore[import-untyped, unused-ignore]

from .. import api as _api
from ..engine.listing import Comparison, compare, policy_listing
from ..model.errors import UsageError
from ..model.jurisdictions import NATION, Jurisdiction
from ..model.labels import Label
from ..model.statistics import Scope
from ..plugins import hookspecs as _hookspecs
from ..plugins.registry import _HOOKS, Entry, Registry
from ..policy.catalog import ReferenceTable
from ..policy.documents import Citation, PolicyDocument
from ..policy.indicators import Better, Computed, Indicator, Unit
from ..policy.referral_rules import ReferralRule
from ..policy.rules import Rule, RuleException
from ..policy.targets import Basis, Operator, Target, TargetKind, TargetScope
from ..report.render import listing_json, report_json

#: A function giving the document name of a jurisdiction's page (for links), or None
#: when the jurisdiction has no page in this build.
PageOf = Callable[[str], str | None]


def _no_pages(_code: str) -> str | None:
    return None


# -- escaping and small builders -------------------------------------------------------------
_INLINE = re.compile(r"([\\*`_|])")
# A paragraph that starts with an enumerator ("1. ", "a) ", "(i) ") would become a list.
_ENUMERATOR = re.compile(r"^(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?:\s|$)")


def escape(text: str) -> str:
    r"""``text`` as literal reStructuredText, for any place in a paragraph or a cell.

    Inline markup characters are escaped, line breaks become spaces, and a start that
    would make the paragraph something else (a list, a comment, a field list, a doctest,
    a title underline) is neutralised; so is a trailing ``::`` (a literal block).

    >>> print(escape("a*b* `c` x_ |y|"))
    a\*b\* \`c\` x\_ \|y\|
    >>> print(escape("1. 第一"))
    \1. 第一
    >>> print(escape(".. note"))
    \.. note
    >>> print(escape("如下::"))
    如下:\:
    """
    flat = " ".join(text.split())
    out = _INLINE.sub(r"\\\1", flat)
    if out.endswith("::"):
        out = out[:-1] + "\\:"
    if out and not out.startswith("\\") and (out[0] in string.punctuation or _ENUMERATOR.match(out)):
        out = "\\" + out
    return out


def literal(text: str) -> str:
    r"""``text`` as inline literal (code) when it can be one, else escaped text.

    >>> print(literal("tz-017"), literal("a``b"))
    ``tz-017`` a\`\`b
    """
    flat = " ".join(text.split())
    if not flat or "`" in flat or "\\" in flat:
        return escape(flat)
    return f"``{flat}``"


def label(value: Label) -> str:
    """A bilingual label, Chinese first and English beside it, escaped."""
    return escape(value.show("zh"))


def heading(text: str, char: str) -> list[str]:
    """A section title (already escaped) with an underline as wide as it is on screen."""
    return [text, char * max(3, column_width(text)), ""]


def _indent(lines: Iterable[str], by: int) -> list[str]:
    pad = " " * by
    return [pad + line if line else "" for line in lines]


def list_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Sequence[str]]],
    widths: Sequence[int],
    css: str = "mc-table",
) -> list[str]:
    """A ``list-table``: each cell is a list of lines of reStructuredText (already escaped)."""
    out = [
        ".. list-table::",
        "   :header-rows: 1",
        f"   :widths: {' '.join(str(w) for w in widths)}",
        f"   :class: {css}",
        "",
    ]
    for row in [[[h] for h in headers], *rows]:
        for index, cell in enumerate(row):
            lines = list(cell) or ["—"]
            marker = "   * - " if index == 0 else "     - "
            out.append(marker + lines[0])
            out.extend(_indent(lines[1:], 7))
    out.append("")
    return out


def _none() -> list[str]:
    return [label(Label("（无）", "none")), ""]


def _field(name: Label, value: str) -> str:
    return f"{label(name)}: {value}"


# -- vocabulary ---------------------------------------------------------------------------------
_UNIT = {
    Unit.PERCENT: Label("百分比", "percent"),
    Unit.COUNT: Label("数量", "count"),
    Unit.DAYS: Label("天", "days"),
    Unit.RATIO: Label("比值", "ratio"),
}
_BETTER = {
    Better.HIGHER: Label("越高越好", "higher is better"),
    Better.LOWER: Label("越低越好", "lower is better"),
}
_SYMBOL = {
    Operator.AT_LEAST: "≥",
    Operator.AT_MOST: "≤",
    Operator.EQUAL: "=",
}
_SCOPE = {
    Scope.AREA: Label("区域", "area"),
    Scope.CONSORTIUM: Label("医联体", "consortium"),
    Scope.INSTITUTION: Label("医疗机构", "institution"),
}


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else "…"


def _value(value: float, unit: Unit | None) -> str:
    text = f"{value:g}"
    if unit is Unit.PERCENT:
        return text + "%"
    if unit is Unit.DAYS:
        return text + " 天 (days)"
    return text


def _indicator_name(registry: Registry, indicator: str) -> str:
    entry = registry.indicators.get(indicator)
    name = label(entry.item.label) if entry else escape(indicator)
    return f"{name} {literal(indicator)}"


def requirement(target: Target, registry: Registry, short: bool = False) -> str:
    """What a target asks, in words: the comparison, the value with its unit.

    ``short`` leaves out the indicator (for the comparison table, where it is the row).
    """
    found = registry.indicators.get(target.indicator or "")
    unit = found.item.unit if found is not None else None
    kind = target.kind
    if kind is TargetKind.QUALITATIVE:
        return label(Label("定性目标，不评分", "qualitative, not scored"))
    subject = "" if short or target.indicator is None else _indicator_name(registry, target.indicator) + " "
    if kind is TargetKind.MONITORED:
        return subject + label(Label("监测，无阈值", "monitored, no threshold"))
    assert target.operator is not None
    basis = ""
    if target.basis is Basis.YOY_PERCENT:
        basis = label(Label("同比变化", "year-on-year change")) + " "
        unit = Unit.PERCENT
    elif target.basis is Basis.CHANGE_SINCE:
        basis = label(Label(f"较{target.base_year}年变化", f"change since {target.base_year}")) + " "
    if kind is TargetKind.TREND:
        return subject + basis + label(target.operator.label)
    assert target.value is not None
    return f"{subject}{basis}{_SYMBOL[target.operator]} {_value(target.value, unit)}"


def _scope(scope: TargetScope) -> str:
    if scope.description is not None:
        return label(scope.description)
    parts = [label(_SCOPE[scope.subject])]
    if scope.subject is Scope.AREA:
        parts = [
            label(Label("本辖区", "the jurisdiction itself"))
            if scope.area_level is None
            else label(
                Label(f"辖区内每个{scope.area_level.label.zh}区域", f"every {scope.area_level.label.en} area")
            )
        ]
    kinds = sorted(scope.consortium_kinds, key=lambda k: k.value)
    if kinds:
        parts.append(", ".join(label(k.label) for k in kinds))
    if scope.role is not None:
        parts.append(
            label(Label("牵头单位", "lead")) if scope.role.value == "lead" else escape(scope.role.value)
        )
    types = sorted(scope.institution_types, key=lambda t: t.value)
    if types:
        parts.append(", ".join(label(t.label) for t in types))
    return "; ".join(parts)


def _when(target: Target) -> str:
    parts = []
    if target.deadline is not None:
        parts.append(_field(Label("期限", "deadline"), target.deadline.isoformat()))
    period = target.period
    if period.start or period.end:
        parts.append(_field(Label("有效期", "in force"), f"{_date(period.start)} – {_date(period.end)}"))
    return "; ".join(parts) or label(Label("长期有效", "open-ended"))


def quote(citation: Citation) -> list[str]:
    """The source line (document and clause) and the original sentence, verbatim."""
    return [
        f"*{escape(citation.document)}* {escape(citation.clause)}",
        "",
        ".. container:: mc-quote",
        "",
        "   " + escape(citation.text),
    ]


# -- a jurisdiction -------------------------------------------------------------------------------
def policy_jurisdictions(registry: Registry) -> tuple[Jurisdiction, ...]:
    """The jurisdictions the reference has a page for, in hierarchy order: the nation and
    every level at or above a registered document."""
    return tuple(j for _d, j in registry.walk() if j.code == NATION.code or registry.has_policy(j.code))


def _link(jurisdiction: Jurisdiction, page_of: PageOf) -> str:
    text = f"{label(jurisdiction.name)} {jurisdiction.code}"
    page = page_of(jurisdiction.code)
    if page is None:
        return text
    # A :doc: link with an explicit title; angle brackets in names are impossible here.
    return f":doc:`{text} </{page}>`"


def _documents(entries: Sequence[Entry[PolicyDocument]]) -> list[str]:
    if not entries:
        return [
            label(
                Label(
                    "本层级暂无已安装的政策文件，适用的是上级的规定。",
                    "no document installed at this level: the levels above apply.",
                )
            ),
            "",
        ]
    rows = []
    for entry in entries:
        d = entry.item
        title = [escape(d.title)]
        if d.title_en:
            title.append(f"*{escape(d.title_en)}*")
        if d.rests_on:
            title.append(_field(Label("依据", "rests on"), ", ".join(escape(n) for n in d.rests_on)))
        rows.append([[f"**{escape(d.number)}**"], _paragraphs(title), [label(d.issuer)], [d.issued_text]])
    return list_table(
        [
            label(Label("文号", "number")),
            label(Label("标题", "title")),
            label(Label("发布机关", "issuer")),
            label(Label("日期", "date")),
        ],
        rows,
        [20, 45, 20, 15],
    )


def _paragraphs(parts: Sequence[str]) -> list[str]:
    """Cell lines with a blank line between parts, so that each is its own paragraph."""
    out: list[str] = []
    for part in parts:
        if out:
            out.append("")
        out.append(part)
    return out


@attrs.frozen
class Refs:
    """Permalinks of a page: (kind, id) → anchor of each item, and → links back to the
    sentences it quotes (see :mod:`medconsortium.sphinxext.literate`)."""

    anchors: Mapping[tuple[str, str], str] = attrs.field(factory=dict)
    back: Mapping[tuple[str, str], Sequence[str]] = attrs.field(factory=dict)

    def head(self, kind: str, ident: str) -> list[str]:
        found = self.anchors.get((kind, ident))
        if found is None:
            return []
        return [".. raw:: html", "", f'   <span id="{html.escape(found, quote=True)}"></span>', ""]

    def tail(self, kind: str, ident: str) -> list[str]:
        links = self.back.get((kind, ident))
        return ["", " ".join(links)] if links else []


_NO_REFS = Refs()


def _id_title(ident: str, title: Label, kind: str = "", refs: Refs = _NO_REFS) -> list[str]:
    return [*refs.head(kind, ident), literal(ident), "", label(title), *refs.tail(kind, ident)]


def _targets(entries: Sequence[Entry[Target]], registry: Registry, refs: Refs = _NO_REFS) -> list[str]:
    if not entries:
        return _none()
    rows = []
    for entry in entries:
        t = entry.item
        ask = [requirement(t, registry), _when(t), _field(Label("对象", "scope"), _scope(t.scope))]
        if t.note is not None:
            ask.append(_field(Label("说明", "note"), label(t.note)))
        rows.append([_id_title(t.id, t.title, "target", refs), _paragraphs(ask), quote(t.citation)])
    return list_table(
        [label(Label("目标", "target")), label(Label("要求", "requirement")), label(Label("原文", "source"))],
        rows,
        [25, 30, 45],
    )


def _rules(
    entries: Sequence[Entry[Rule]] | Sequence[Entry[ReferralRule]], kind: str = "rule", refs: Refs = _NO_REFS
) -> list[str]:
    if not entries:
        return _none()
    rows = []
    for entry in entries:
        r = entry.item
        what = [_field(Label("约束力", "strength"), label(r.strength.label))]
        if r.description is not None:
            what.append(label(r.description))
        if r.period.start or r.period.end:
            what.append(
                _field(Label("有效期", "in force"), f"{_date(r.period.start)} – {_date(r.period.end)}")
            )
        rows.append([_id_title(r.id, r.title, kind, refs), _paragraphs(what), quote(r.citation)])
    return list_table(
        [
            label(Label("规则", "rule")),
            label(Label("检查内容", "what is checked")),
            label(Label("原文", "source")),
        ],
        rows,
        [25, 30, 45],
    )


def _exceptions(
    entries: Sequence[Entry[RuleException]], registry: Registry, page_of: PageOf, refs: Refs = _NO_REFS
) -> list[str]:
    if not entries:
        return _none()
    rows = []
    for entry in entries:
        x = entry.item
        rule_entry = registry.rules.get(x.rule)
        excepted = [literal(x.rule)]
        if rule_entry is not None:
            excepted.append(label(rule_entry.item.title))
            if rule_entry.level is not None:
                owner = registry.jurisdictions[rule_entry.level].item
                excepted.append(_field(Label("规则所属层级", "rule of"), _link(owner, page_of)))
        subjects = _exception_subjects(x)
        why = [_field(Label("对象", "subjects"), subjects), _field(Label("理由", "reason"), label(x.reason))]
        ident = [*refs.head("exception", x.id), literal(x.id), *refs.tail("exception", x.id)]
        rows.append([ident, _paragraphs(excepted), _paragraphs(why), quote(x.citation)])
    return list_table(
        [
            label(Label("例外", "exception")),
            label(Label("被豁免的规则", "rule excepted")),
            label(Label("对象与理由", "subjects and reason")),
            label(Label("原文", "source")),
        ],
        rows,
        [15, 25, 25, 35],
    )


def _exception_subjects(exc: RuleException) -> str:
    """The named subjects, and a word that a class the reason describes is covered too."""
    named = [literal(s) for s in sorted(exc.subjects)]
    if exc.applies_to is not None:
        named.append(label(Label("理由所述类别", "the class the reason describes")))
    return ", ".join(named)


def _excepted_below(registry: Registry, code: str, page_of: PageOf) -> list[str]:
    """Exceptions that lower levels declare to this level's rules, so that a reader of the
    rule sees where it does not bite."""
    below = []
    for key in sorted(registry.exceptions):
        entry = registry.exceptions[key]
        rule = registry.rules.get(entry.item.rule)
        if rule is None or rule.level != code or entry.level is None:
            continue
        declarer = registry.jurisdictions[entry.level].item
        subjects = _exception_subjects(entry.item)
        below.append(
            f"* {literal(entry.item.rule)}: {_link(declarer, page_of)} "
            f"({literal(entry.item.id)}; {subjects}): {label(entry.item.reason)}"
        )
    if not below:
        return []
    intro = label(Label("下级对本级规则声明的例外：", "Exceptions that levels below declare to these rules:"))
    return [intro, "", *below, ""]


def _reference_table(table: ReferenceTable, char: str, refs: Refs = _NO_REFS) -> list[str]:
    out = heading(label(table.title), char)
    out += refs.head("reference table", table.id)
    out += [literal(table.id), ""]
    rows = [[[escape(cell)] for cell in row] for row in table.rows]
    width = max(1, 100 // max(1, len(table.columns)))
    if rows:
        out += list_table([label(c) for c in table.columns], rows, [width] * len(table.columns))
    else:
        out += _none()
    out += [*quote(table.citation), ""]
    out += [*refs.tail("reference table", table.id)[1:], ""]
    return out


def jurisdiction_rst(
    registry: Registry,
    jurisdiction: Jurisdiction,
    as_of: dt.date | None = None,
    page_of: PageOf = _no_pages,
    section: str = "-",
    subsection: str = "~",
    refs: Refs = _NO_REFS,
    appendix: Sequence[str] = (),
) -> str:
    """A jurisdiction's part of the reference: its place in the hierarchy, documents,
    targets, rules, referral rules, reference tables and the exceptions it declares, each
    item with its clause and quoted sentence; what it inherits is counted and linked.

    ``page_of`` gives the document name of a jurisdiction's page when there is one.
    ``refs`` gives items their permalink anchors and links to their sentences, and
    ``appendix`` (lines of rst) follows the page: the literate reference
    (:func:`medconsortium.sphinxext.literate.page_rst`) passes both.
    """
    listing = policy_listing(registry, jurisdiction, as_of)
    code = jurisdiction.code
    provider = registry.jurisdictions[code].plugin
    out: list[str] = []
    chain = " › ".join(
        _link(j, page_of) if j.code != code else f"**{label(j.name)} {j.code}**" for j in listing.chain
    )
    out += [_field(Label("层级", "hierarchy"), chain), ""]
    out += [
        _field(Label("行政级别", "level"), label(jurisdiction.level.label))
        + f"; ``{code}``; "
        + _field(Label("命令行名称", "CLI name"), literal(jurisdiction.slug))
        + "; "
        + _field(Label("插件", "plugin"), literal(provider)),
        "",
    ]
    if as_of is not None:
        out += [_field(Label("截至", "in force on"), as_of.isoformat()), ""]
    below = [c for c in registry.children(code) if registry.has_policy(c.code)]
    if below:
        out += [_field(Label("下级", "below"), ", ".join(_link(c, page_of) for c in below)), ""]

    inherited = []
    for level in listing.chain[:-1]:
        counts = [
            sum(1 for e in listing.targets if e.level == level.code),
            sum(1 for e in listing.rules if e.level == level.code),
            sum(1 for e in listing.referral_rules if e.level == level.code),
        ]
        if any(counts):
            inherited.append(
                f"* {_link(level, page_of)}: "
                + ", ".join(
                    f"{label(name)} {count}"
                    for name, count in zip(
                        (
                            Label("目标", "targets"),
                            Label("规则", "rules"),
                            Label("转诊规则", "referral rules"),
                        ),
                        counts,
                        strict=True,
                    )
                )
            )
    if inherited:
        out += [label(Label("上级规定同样适用于本辖区：", "What the levels above set applies here too:")), ""]
        out += [*inherited, ""]

    out += heading(label(Label("政策文件", "Documents")), section)
    out += _documents([d for d in listing.documents if d.item.jurisdiction == code])
    out += heading(label(Label("目标", "Targets")), section)
    out += _targets([e for e in listing.targets if e.level == code], registry, refs)
    out += heading(label(Label("规则", "Rules")), section)
    out += _rules([e for e in listing.rules if e.level == code], "rule", refs)
    out += heading(label(Label("转诊规则", "Referral rules")), section)
    out += _rules([e for e in listing.referral_rules if e.level == code], "referral rule", refs)
    out += heading(label(Label("对上级规则的例外", "Exceptions to the rules of the levels above")), section)
    out += _exceptions([e for e in listing.exceptions if e.level == code], registry, page_of, refs)
    out += _excepted_below(registry, code, page_of)
    tables = [e for e in listing.reference_tables if e.level == code]
    out += heading(label(Label("参考名录", "Reference tables")), section)
    if tables:
        for entry in tables:
            out += _reference_table(entry.item, subsection, refs)
    else:
        out += _none()
    out += appendix
    return "\n".join(out).rstrip() + "\n"


# -- comparison -------------------------------------------------------------------------------------
_BASIS = {
    Basis.VALUE: None,
    Basis.YOY_PERCENT: Label("同比变化", "year-on-year change"),
    Basis.CHANGE_SINCE: Label("较基准年变化", "change since a base year"),
}


def comparison_rst(registry: Registry, comparison: Comparison) -> str:
    """The comparison as a table: one row per indicator (and basis), one column per
    jurisdiction; ★ marks the strictest threshold of a row (see
    :func:`~medconsortium.engine.listing.compare`)."""
    out = [
        label(
            Label(
                "每个单元格列出该辖区本级文件设定的目标（不含上级）；★ 表示该行中阈值最严格的一方；"
                "括号内为期限年份。",
                "Each cell lists the targets the jurisdiction's own documents set (not its ancestors'); "
                "★ marks the strictest threshold in the row; the year in brackets is the deadline.",
            )
        ),
        "",
    ]
    if not comparison.rows:
        return "\n".join(out + _none()).rstrip() + "\n"
    rows = []
    for row in comparison.rows:
        head = [_indicator_name(registry, row.indicator)]
        basis = _BASIS[row.basis]
        if basis is not None:
            head += ["", f"({label(basis)})"]
        cells: list[list[str]] = [head]
        for cell in row.cells:
            texts = []
            for t in cell.targets:
                text = requirement(t, registry, short=True)
                if t.deadline is not None:
                    text += f" ({t.deadline.year})"
                texts.append(text)
            lines = _paragraphs(texts) if texts else ["—"]
            if cell.stricter:
                lines[0] = "★ " + lines[0]
            cells.append(lines)
        rows.append(cells)
    count = len(comparison.jurisdictions)
    widths = [28] + [max(8, 72 // max(1, count))] * count
    out += list_table(
        [label(Label("指标", "indicator"))] + [label(j.name) for j in comparison.jurisdictions],
        rows,
        widths,
        css="mc-table mc-comparison",
    )
    return "\n".join(out).rstrip() + "\n"


def compared_jurisdictions(registry: Registry) -> tuple[Jurisdiction, ...]:
    """The jurisdictions that issue documents themselves, in hierarchy order."""
    issuing = {d.item.jurisdiction for d in registry.documents.values()}
    return tuple(j for _d, j in registry.walk() if j.code in issuing)


def default_comparison_rst(registry: Registry) -> str:
    """:func:`comparison_rst` over every jurisdiction that issues documents."""
    return comparison_rst(registry, compare(registry, compared_jurisdictions(registry)))


# -- indicators -------------------------------------------------------------------------------------
def _operand(registry: Registry, name: str) -> str:
    metric = registry.metrics.get(name)
    if metric is None:
        return escape(name)
    return f"{label(metric.item.label)} {literal(name)}"


def definition(indicator: Indicator, registry: Registry) -> list[str]:
    """Numerator, denominator and scale of an indicator, in words (from ``describe()``)."""
    d = indicator.definition
    if isinstance(d, Computed):
        # describe() gives the Chinese words only; the labels carry both languages.
        numerator, denominator = label(d.numerator), (label(d.denominator) if d.denominator else None)
    else:
        num, den = d.describe()
        numerator, denominator = _operand(registry, num), (_operand(registry, den) if den else None)
    if denominator is None:
        return [_field(Label("取值", "value"), numerator)]
    lines = [
        _field(Label("分子", "numerator"), numerator),
        "",
        _field(Label("分母", "denominator"), denominator),
    ]
    scale = getattr(d, "scale", None)
    if isinstance(scale, float) and scale != 1.0:
        lines += ["", _field(Label("系数", "scale"), f"× {scale:g}")]
    return lines


def indicators_rst(registry: Registry) -> str:
    """The indicator catalog: every registered indicator with its definition."""
    if not registry.indicators:
        return "\n".join(_none()).rstrip() + "\n"
    rows = []
    for key in sorted(registry.indicators):
        entry = registry.indicators[key]
        ind = entry.item
        first = [literal(ind.id), "", label(ind.label)]
        if ind.description is not None:
            first += ["", label(ind.description)]
        direction = label(_BETTER[ind.better]) if ind.better else label(Label("不比较", "not compared"))
        rows.append(
            [
                first,
                definition(ind, registry),
                [label(_UNIT[ind.unit])],
                [direction],
                [literal(entry.plugin)],
            ]
        )
    return (
        "\n".join(
            list_table(
                [
                    label(Label("指标", "indicator")),
                    label(Label("定义", "definition")),
                    label(Label("单位", "unit")),
                    label(Label("方向", "direction")),
                    label(Label("插件", "plugin")),
                ],
                rows,
                [28, 40, 10, 12, 10],
            )
        ).rstrip()
        + "\n"
    )


# -- hooks ----------------------------------------------------------------------------------------
def hook_specs(module: ModuleType = _hookspecs) -> list[tuple[str, Callable[..., object]]]:
    """The hook specifications of ``module`` in the order they are written."""
    marker = f"{_hookspecs.PROJECT}_spec"
    found = [
        (name, func)
        for name, func in vars(module).items()
        if inspect.isfunction(func) and hasattr(func, marker) and func.__module__ == module.__name__
    ]
    return sorted(found, key=lambda item: item[1].__code__.co_firstlineno)


def undocumented_hooks(module: ModuleType = _hookspecs) -> list[str]:
    """Names of the hook specifications without a docstring."""
    return [name for name, func in hook_specs(module) if not (inspect.getdoc(func) or "").strip()]


_REGISTERS = {hook: (kind, attr) for hook, kind, attr in _HOOKS}


def hooks_rst(module: ModuleType = _hookspecs) -> str:
    """The hook reference: each specification with its signature and docstring (which is
    reStructuredText already), and for registration hooks the item type and its key."""
    out = [
        f"Plugins register under the entry-point group ``{_hookspecs.PROJECT}`` and set "
        f"``MEDCONSORTIUM_HOOKS_VERSION = {_hookspecs.HOOKSPEC_VERSION}``. Registration hooks are "
        "called once each when the registry loads, in the order below; implement them with "
        ":data:`medconsortium.hookimpl`.",
        "",
    ]
    for name, func in hook_specs(module):
        params = ", ".join(inspect.signature(func).parameters)
        out += [f".. py:function:: {name}({params})", f"   :module: {module.__name__}", ""]
        doc = inspect.getdoc(func) or ""
        out += [*_indent(doc.splitlines(), 3), ""]
        registers = _REGISTERS.get(name)
        if registers is not None:
            kind, attr = registers
            out += [
                f"   :Registers: :class:`~medconsortium.{kind.__name__}` "
                f"(key: ``{attr}``, unique across plugins)",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"


# -- generated pages ----------------------------------------------------------------------------
GENERATED_NOTE = (
    ".. This file is generated by medconsortium.sphinxext from the installed plugins. Do not edit."
)


def page_name(jurisdiction: Jurisdiction) -> str:
    """File stem of a jurisdiction's page: its slug (unique in a registry), so that a
    permalink reads ``…/tongzhou.html#tongzhou.reserved_inpatient_bed``."""
    return jurisdiction.slug


def old_page_name(jurisdiction: Jurisdiction) -> str:
    """File stem the page had before 0.2 (code and slug): the build leaves a redirect there."""
    return f"{jurisdiction.code}-{jurisdiction.slug}"


def page_rst(jurisdiction: Jurisdiction) -> str:
    """A jurisdiction's generated page: a title and the directive that renders it at build
    time (so the content always comes from the plugins loaded by that build)."""
    title = label(jurisdiction.name)
    return "\n".join(
        [
            GENERATED_NOTE,
            "",
            f".. _mc-jurisdiction-{jurisdiction.code}:",
            "",
            *heading(title, "="),
            f".. medconsortium-jurisdiction:: {jurisdiction.code}",
            "",
        ]
    )


def pages(registry: Registry) -> dict[str, str]:
    """File name → text of every jurisdiction page, in hierarchy order."""
    return {f"{page_name(j)}.rst": page_rst(j) for j in policy_jurisdictions(registry)}


# -- enumerations and JSON examples ---------------------------------------------------------------
def enum_rst(cls: type[enum.Enum]) -> str:
    """The values of an enumeration as written in input files and JSON, with their labels
    when the enumeration has them (a ``label`` property giving a :class:`Label`)."""
    rows = []
    for member in cls:
        shown = getattr(member, "label", None)
        rows.append([[literal(str(member.value))], [label(shown) if isinstance(shown, Label) else "—"]])
    headers = [label(Label("取值", "value")), label(Label("含义", "meaning"))]
    return "\n".join(list_table(headers, rows, [35, 65])).rstrip() + "\n"


def _truncate(data: Any, items: int | None) -> Any:
    if isinstance(data, dict):
        return {k: _truncate(v, items) for k, v in data.items()}
    if isinstance(data, list):
        kept = data if items is None else data[:items]
        return [_truncate(v, items) for v in kept]
    return data


def json_example(registry: Registry, command: str, subject: str) -> Any:
    """The JSON that ``medconsortium COMMAND`` prints, as data.

    ``rules``: ``subject`` is a jurisdiction. ``assess`` and ``validate``: ``subject`` is
    a bundled example; validation is as of the last day of the example's year, so the
    output does not depend on the day of the build.
    """
    if command == "rules":
        j = registry.jurisdiction(subject)
        return listing_json(policy_listing(registry, j), registry)
    if command in ("assess", "validate"):
        ex = _api.example(registry, subject)
        if command == "assess":
            report = _api.assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year)
        else:
            report = _api.validate_file(ex.network, registry, ex.jurisdiction, dt.date(ex.year, 12, 31))
        return report_json(report)
    raise UsageError(f"unknown command {command!r} (use rules, assess or validate)")


def json_rst(data: Any, items: int | None = None) -> str:
    """A JSON value as a code block; ``items`` keeps only that many elements of each list."""
    text = json.dumps(_truncate(data, items), ensure_ascii=False, indent=2)
    return "\n".join([".. code-block:: json", "", *_indent(text.splitlines(), 3), ""])


def catalog_rst(registry: Registry, what: str) -> str:
    """The ids input files may use: ``facts`` (governance facts and departments) or
    ``metrics`` (statistics values), each with its label and the plugin that declares it."""
    rows: list[list[list[str]]] = []
    if what == "facts":
        for key in sorted(registry.facts):
            fact_entry = registry.facts[key]
            fact = fact_entry.item
            meaning = [label(fact.label)] + (["", label(fact.description)] if fact.description else [])
            rows.append([[literal(key)], [escape(fact.kind.value)], meaning, [literal(fact_entry.plugin)]])
        headers = [label(Label("标识", "id")), label(Label("类别", "kind")), label(Label("含义", "meaning"))]
        widths = [30, 12, 43, 15]
    elif what == "metrics":
        for key in sorted(registry.metrics):
            metric_entry = registry.metrics[key]
            metric = metric_entry.item
            rows.append(
                [[literal(key)], [escape(metric.unit)], [label(metric.label)], [literal(metric_entry.plugin)]]
            )
        headers = [label(Label("标识", "id")), label(Label("单位", "unit")), label(Label("含义", "meaning"))]
        widths = [35, 10, 40, 15]
    else:
        raise UsageError(f"unknown catalog {what!r} (use facts or metrics)")
    if not rows:
        return "\n".join(_none()).rstrip() + "\n"
    return "\n".join(list_table([*headers, label(Label("插件", "plugin"))], rows, widths)).rstrip() + "\n"


def tree_rst(registry: Registry, page_of: PageOf = _no_pages) -> str:
    """The jurisdictions with policy as a nested list, each with the documents it issued."""
    out: list[str] = []
    shown = {j.code for j in policy_jurisdictions(registry)}
    for depth, j in registry.walk():
        if j.code not in shown:
            continue
        numbers = sorted(d.item.number for d in registry.documents.values() if d.item.jurisdiction == j.code)
        documents = ", ".join(escape(n) for n in numbers) or label(Label("无文件", "no document"))
        pad = "  " * depth
        out += [f"{pad}* {_link(j, page_of)} — {documents}", ""]
    return "\n".join(out).rstrip() + "\n"
