"""Rendering stale policy (:func:`medconsortium.engine.outdated.find_outdated`) for
``medconsortium rules --outdated``: a table, or JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..engine.outdated import Outdated
from ..model.labels import Label, Lang
from .render import Format, _Doc, dumps
from .tables import Column, Table

OUTDATED_COLUMNS = (
    Column("kind", Label("类别", "kind")),
    Column("id", Label("编号", "id")),
    Column("level", Label("级别", "level")),
    Column("plugin", Label("插件", "plugin")),
    Column("since", Label("日期", "since")),
    Column("reason", Label("原因", "reason"), 60),
)


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


def outdated_tables(items: Iterable[Outdated], today: dt.date, lang: Lang = "zh") -> list[Table]:
    """The outdated items as sheets (``rules J --outdated --format xlsx|csv``): the day
    they are judged on, then one row per item (the CSV).

    >>> summary, table = outdated_tables([], dt.date(2026, 1, 1), "en")
    >>> summary.rows, [c.key for c in table.columns]
    ((('as of (截至)', '2026-01-01'), ('outdated', 0)), ['kind', 'id', 'level', 'plugin', 'since', 'reason'])
    """
    items = tuple(items)
    summary = Table(
        Label("汇总", "summary"),
        (Column("key", Label("项目", "item")), Column("value", Label("内容", "value"), 40)),
        ((Label("截至", "as of").show(lang), today.isoformat()), ("outdated", len(items))),
    )
    rows = tuple((o.kind, o.id, o.level, o.plugin, o.since.isoformat(), o.reason.show(lang)) for o in items)
    return [summary, Table(Label("需复核的政策", "policy to review"), OUTDATED_COLUMNS, rows)]
