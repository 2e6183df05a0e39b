"""What could not be assessed for want of data: each missing metric, named.

A target result that needed a value nobody recorded is ``not_assessable`` (missing data
is never a pass), and says which years lack data. The analyst who has to fill the gap
needs more: which metric (its Chinese and English name and its id, the column of a
statistics file), for which kind of record (area, consortium, institution), for whom,
and which years. :func:`missing_json` is that list in the JSON report
(``target_result.missing``); :func:`missing_label` is the sentence every other format
prints, built from the same JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model.labels import Label
from ..policy.findings import TargetResult

#: The kinds of record a statistics file holds, as people read them.
SCOPES: Mapping[str, Label] = {
    "area": Label("区域", "area"),
    "consortium": Label("医联体", "consortium"),
    "institution": Label("机构", "institution"),
}

#: Subjects named in one line before "and N more" (a target over every institution of a
#: province may lack data for hundreds).
SHOWN = 3


def missing_json(result: TargetResult) -> list[dict[str, Any]]:
    """The statistics a target result needed and did not find: each metric (id and
    name), the kind of subject whose record lacks it, the subject and the year."""
    return [
        {
            "metric": read.what,
            "name": None if read.label is None else {"zh": read.label.zh, "en": read.label.en},
            "scope": read.scope,
            "subject": read.subject,
            "year": read.year,
        }
        for read in result.inputs
        if read.value is None and read.scope is not None
    ]


def missing_lines(entries: Iterable[Mapping[str, Any]], names: Mapping[str, str]) -> tuple[Label, ...]:
    """One sentence per missing metric, from ``missing`` entries of the JSON report:
    the metric in both languages with its id, the kind of record, whose, which years.

    >>> entry = {"metric": "discharges", "name": {"zh": "出院人次", "en": "discharges"},
    ...          "scope": "institution", "subject": "tz-rm", "year": 2025}
    >>> (line,) = missing_lines([entry, {**entry, "year": 2024}], {"tz-rm": "区人民医院"})
    >>> print(line.zh)
    缺少 出院人次 discharges [discharges]：机构 区人民医院 [tz-rm]，2024、2025年
    >>> print(line.en)
    missing 出院人次 discharges [discharges]: institution 区人民医院 [tz-rm], 2024, 2025
    """
    groups: dict[tuple[str, str], tuple[Mapping[str, str] | None, list[str], set[int]]] = {}
    for entry in entries:
        key = (entry["metric"], entry["scope"] or "")
        _name, subjects, years = groups.setdefault(key, (entry["name"], [], set()))
        subject = entry["subject"]
        if subject is not None and subject not in subjects:
            subjects.append(subject)
        if entry["year"] is not None:
            years.add(entry["year"])
    out = []
    for (metric, scope), (name, subjects, years) in groups.items():
        metric_name = f"{name['zh']} {name['en']} [{metric}]" if name else metric
        shown = [f"{names[s]} [{s}]" if s in names else s for s in subjects[:SHOWN]]
        more = len(subjects) - SHOWN
        kind = SCOPES.get(scope, Label(scope, scope))
        whose_zh = f"{kind.zh} {'、'.join(shown)}" + (f" 等 {len(subjects)} 个" if more > 0 else "")
        whose_en = f"{kind.en} {', '.join(shown)}" + (f" and {more} more" if more > 0 else "")
        ordered = [str(y) for y in sorted(years)]
        out.append(
            Label(
                f"缺少 {metric_name}：{whose_zh}，{'、'.join(ordered)}年",
                f"missing {metric_name}: {whose_en}, {', '.join(ordered)}",
            )
        )
    return tuple(out)


def missing_label(entries: Iterable[Mapping[str, Any]], names: Mapping[str, str]) -> Label | None:
    """:func:`missing_lines` in one sentence (a spreadsheet cell), None when nothing is
    missing.

    >>> missing_label([], {}) is None
    True
    """
    lines = missing_lines(entries, names)
    if not lines:
        return None
    return Label("；".join(line.zh for line in lines), "; ".join(line.en for line in lines))
