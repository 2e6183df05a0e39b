"""Plugin authors' commands and switches: ``new-plugin``, the trace, outdated policy.

- ``medconsortium new-plugin NAME --code CODE --parent CODE [--output DIR]`` writes a
  complete plugin distribution (see :mod:`medconsortium.scaffold`).
- :func:`emit_trace` prints, on standard error, which plugin produced each result of a
  report, when ``--trace`` or ``MEDCONSORTIUM_TRACE=1`` asks for it.
- :func:`find_outdated` lists what is past its review date, or past its deadline with
  nothing after it; :func:`render_outdated` prints it for ``rules --outdated``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import click

from .errors import MedconsortiumError
from .evaluation import Report
from .jurisdictions import Jurisdiction
from .labels import Label, Lang
from .registry import Entry, Registry
from .reports import Format, _Doc, dumps
from .scaffold import PluginSpec, generate
from .targets import Target

#: Set to 1 (or true/yes) to print which plugin produced each result, on standard error.
TRACE_ENV = "MEDCONSORTIUM_TRACE"


# -- new-plugin ---------------------------------------------------------------------------
@click.command("new-plugin")
@click.argument("name")
@click.option("--code", required=True, metavar="DIVISION_CODE", help="GB/T 2260 code of the jurisdiction.")
@click.option("--parent", required=True, metavar="PARENT_CODE", help="GB/T 2260 code of the level above.")
@click.option("--name-zh", help="Chinese name of the jurisdiction (default: NAME).")
@click.option("--name-en", help="English name of the jurisdiction (default: from NAME).")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to create the plugin's folder (medconsortium-NAME) in.",
)
@click.pass_context
def new_plugin(
    ctx: click.Context,
    name: str,
    code: str,
    parent: str,
    name_zh: str | None,
    name_en: str | None,
    output: Path,
) -> None:
    """Create a jurisdiction plugin NAME for DIVISION_CODE below PARENT_CODE.

    Writes a distribution with a sample document, target and rule (all cited), tests that
    run the plugin contract, and a README saying what to replace. It installs and passes
    its tests as generated:

        medconsortium new-plugin haimen --code 320684 --parent 320600 --name-zh 海门区

        pip install --no-build-isolation -e ./medconsortium-haimen
    """
    spec = PluginSpec(name, code, parent, name_zh, name_en)
    try:
        registry = Registry.load(only=(ctx.obj or {}).get("plugins"))
        folder = generate(spec, output, registry)
    except MedconsortiumError as exc:
        click.echo(f"medconsortium: error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"medconsortium: error: {output}: cannot write: {exc.strerror}", err=True)
        sys.exit(2)
    # pip reads a bare folder name as a package name: give it a path.
    shown = folder.as_posix() if folder.is_absolute() else "./" + folder.as_posix()
    click.echo(f"created {folder}")
    click.echo(f"next: pip install --no-build-isolation -e {shown}")
    click.echo(f"      medconsortium rules {name}")
    click.echo(f"      python -m pytest {folder.as_posix()}/tests")


# -- trace ----------------------------------------------------------------------------------
def trace_enabled(flag: bool | None = None) -> bool:
    """Whether to trace: ``flag`` when given, else ``ctx.obj["trace"]`` of the running
    command, else the ``MEDCONSORTIUM_TRACE`` environment variable."""
    if flag is not None:
        return flag
    ctx = click.get_current_context(silent=True)
    if ctx is not None and isinstance(ctx.obj, dict) and ctx.obj.get("trace") is not None:
        return bool(ctx.obj["trace"])
    return os.environ.get(TRACE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def trace_lines(report: Report) -> list[str]:
    """One line per result: the plugin that produced it, the level, the item, the status.

    Subjects are consortium, institution and area ids, never patient keys.
    """
    lines = []
    for t in report.targets:
        lines.append(f"trace: {t.plugin} [{t.level}] target {t.target} {t.subject or '-'}: {t.status.value}")
    for f in report.findings:
        via = f" (exception {f.exception.id} [{f.exception.level}])" if f.exception else ""
        subjects = ",".join(f.subjects) or "-"
        lines.append(f"trace: {f.plugin} [{f.level}] rule {f.rule} {subjects}: {f.status.value}{via}")
    return lines


def emit_trace(report: Report, flag: bool | None = None) -> None:
    """Print :func:`trace_lines` on standard error when tracing is on (see
    :func:`trace_enabled`). Standard output, and so the report, is untouched."""
    if trace_enabled(flag):
        for line in trace_lines(report):
            click.echo(line, err=True)


# -- outdated policy ---------------------------------------------------------------------------
@attrs.frozen
class Outdated:
    """A document, target or rule that needs its maintainers' attention.

    ``since`` is the date that passed (review date, deadline or end of the period).
    """

    kind: str
    id: str
    plugin: str
    level: str
    since: dt.date
    reason: Label


def _due(target: Target) -> dt.date | None:
    """When a target stops asking anything new: its deadline, else the end of its period."""
    if target.deadline is not None:
        return target.deadline
    return target.period.end


def _later(other: Target, due: dt.date, today: dt.date) -> bool:
    other_due = _due(other)
    if other_due is None:
        return other.period.end is None or other.period.end >= today
    return other_due > due


def find_outdated(
    registry: Registry, jurisdiction: Jurisdiction | None, today: dt.date
) -> tuple[Outdated, ...]:
    """What is past its review date, or past its deadline with nothing after it, on ``today``.

    For ``jurisdiction`` and its ancestors (every level when None). A target is past its
    deadline when its deadline (else the end of its period) is before ``today``; something
    comes after it when another target of the same level measures the same indicator (or,
    for qualitative targets, is qualitative too) with a later deadline or none. A rule is
    past when its period ended and no rule of its level starts later.
    """
    levels = (
        [j.code for j in registry.chain(jurisdiction.code)]
        if jurisdiction is not None
        else sorted(registry.jurisdictions)
    )
    depth = {code: n for n, code in enumerate(levels)}
    out: list[Outdated] = []

    def review(kind: str, key: str, entry: Entry[Any], level: str) -> None:
        review_by = getattr(entry.item, "review_by", None)
        if review_by is not None and review_by < today:
            out.append(
                Outdated(
                    kind, key, entry.plugin, level, review_by, Label("已过复核日期", "review date passed")
                )
            )

    for number, doc in registry.documents.items():
        if doc.item.jurisdiction in depth:
            review("document", number, doc, doc.item.jurisdiction)
    targets = [(k, e) for k, e in registry.targets.items() if e.level in depth]
    for key, t_entry in targets:
        assert t_entry.level is not None
        review("target", key, t_entry, t_entry.level)
        target = t_entry.item
        due = _due(target)
        if due is None or due >= today:
            continue
        successors = [
            k
            for k, e in targets
            if k != key
            and e.level == t_entry.level
            and e.item.indicator == target.indicator
            and _later(e.item, due, today)
        ]
        if not successors:
            out.append(
                Outdated(
                    "target",
                    key,
                    t_entry.plugin,
                    t_entry.level,
                    due,
                    Label("已过期限，无后续目标", "past its deadline, nothing after it"),
                )
            )
    for kind, entries in (("rule", registry.rules), ("referral rule", registry.referral_rules)):
        owned = [(k, e) for k, e in entries.items() if e.level in depth]
        for key, r_entry in owned:
            assert r_entry.level is not None
            review(kind, key, r_entry, r_entry.level)
            end = r_entry.item.period.end
            if end is None or end >= today:
                continue
            if not any(
                e.level == r_entry.level and e.item.period.start is not None and e.item.period.start > end
                for _, e in owned
            ):
                out.append(
                    Outdated(
                        kind,
                        key,
                        r_entry.plugin,
                        r_entry.level,
                        end,
                        Label("已过施行期，无后续规则", "period ended, nothing after it"),
                    )
                )
    kinds = {"document": 0, "target": 1, "rule": 2, "referral rule": 3}
    out.sort(key=lambda o: (depth[o.level], kinds[o.kind], o.id, o.since))
    return tuple(out)


def outdated_json(items: Iterable[Outdated]) -> list[dict[str, Any]]:
    return [
        {
            "kind": o.kind,
            "id": o.id,
            "plugin": o.plugin,
            "level": o.level,
            "since": o.since.isoformat(),
            "reason": {"zh": o.reason.zh, "en": o.reason.en},
        }
        for o in items
    ]


def render_outdated(
    items: Iterable[Outdated], today: dt.date, fmt: Format = "text", lang: Lang = "zh"
) -> str:
    """The outdated items as a table (or JSON), for ``medconsortium rules --outdated``."""
    items = tuple(items)
    if fmt == "json":
        return dumps({"as_of": today.isoformat(), "outdated": outdated_json(items)})
    doc = _Doc(
        Label(f"需复核的政策（{today.isoformat()}）", f"Policy to review ({today.isoformat()})").show(lang)
    )
    doc.table(
        [
            Label("类别", "kind").show(lang),
            "id",
            Label("级别", "level").show(lang),
            Label("插件", "plugin").show(lang),
            Label("日期", "since").show(lang),
            Label("原因", "reason").show(lang),
        ],
        [[o.kind, o.id, o.level, o.plugin, o.since.isoformat(), o.reason.show(lang)] for o in items],
    )
    return doc.render(fmt)
