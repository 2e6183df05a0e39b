"""``medconsortium source``: a document in its own structure, with the items that encode it."""

from __future__ import annotations

from pathlib import Path

import click

from ..model.errors import UsageError
from ..model.labels import Lang
from ..plugins.coverage import skeleton
from ..plugins.registry import Registry
from ..report.render import Format
from ..report.sources import render_source, sources_for
from .common import _registry, common_output, handles_errors, write_output


def own_documents(registry: Registry, jurisdiction: str, document: str | None = None) -> list[str]:
    """The numbers of the documents issued at ``jurisdiction``'s own level, or ``document``
    when given (any document that applies there)."""
    j = registry.jurisdiction(jurisdiction)
    applying = [d.item.number for d in registry.documents_for(j.code)]
    if document is not None:
        if document not in applying:
            raise UsageError(
                f"{document!r} does not apply in {j.slug} (documents: {', '.join(applying) or 'none'})"
            )
        return [document]
    own = [d.item.number for d in registry.documents_for(j.code) if d.item.jurisdiction == j.code]
    if not own:
        raise UsageError(
            f"{j.slug} issues no document itself; use --document with one of: {', '.join(applying) or 'none'}"
        )
    return own


@click.command("source")
@click.argument("jurisdiction")
@click.option("--clause", help="Only this clause and the clauses inside it, e.g. 五（五） or 四（三）5.")
@click.option("--document", help="A document that applies there, by number (default: its own documents).")
@click.option(
    "--map-skeleton",
    is_flag=True,
    help="Print a first coverage map (TOML) for the document: every sentence, to classify by hand.",
)
@common_output
@click.pass_context
@handles_errors
def source(
    ctx: click.Context,
    jurisdiction: str,
    clause: str | None,
    document: str | None,
    map_skeleton: bool,
    fmt: Format,
    lang: Lang,
    output: Path | None,
) -> None:
    """The text of JURISDICTION's document clause by clause, each sentence with the items
    that quote it and its coverage.

    With --map-skeleton, a first coverage map instead: save it beside the text as
    NAME.coverage.toml and classify every sentence against the law."""
    registry = _registry(ctx)
    sources = sources_for(registry, own_documents(registry, jurisdiction, document))
    if map_skeleton:
        if len(sources) != 1:
            raise UsageError("--map-skeleton needs one document: name it with --document")
        (one,) = sources
        cited: dict[str, list[str]] = {}
        for item in one.items:
            for s in item.sentences:
                cited.setdefault(s.anchor, []).append(item.id)
        write_output(skeleton(one.parsed, one.number, cited), output)
        return
    write_output(render_source(sources, registry, fmt, lang, clause), output)
