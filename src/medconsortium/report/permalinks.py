"""Where an item lives in the policy reference: the permalinks reports link to.

The reference (:mod:`medconsortium.sphinxext`) gives each jurisdiction with policy one
page, named by its slug, in :data:`REFERENCE_PAGES`, and each target, rule, referral rule,
exception and reference table on it an HTML anchor that is its id, verbatim. A report
given the documentation's address (``--docs-url``) links every result it names there.
"""

from __future__ import annotations

#: Where the policy reference puts a jurisdiction's page (docs/conf.py ``medconsortium_pages``).
REFERENCE_PAGES = "_generated/jurisdictions"


def permalink(docs_url: str | None, slug: str | None, item_id: str) -> str | None:
    """The address of an item in the policy reference: its level's page (named by the
    level's slug), at the item's anchor (its id). ``None`` without a documentation address
    or a level.

    >>> permalink("https://d.example/mc/", "tongzhou", "tongzhou.reserved_inpatient_bed")
    'https://d.example/mc/_generated/jurisdictions/tongzhou.html#tongzhou.reserved_inpatient_bed'
    >>> permalink(None, "tongzhou", "tongzhou.reserved_inpatient_bed") is None
    True
    """
    if not docs_url or slug is None:
        return None
    # Only with --docs-url: urllib.parse (and the ipaddress module it imports) is not
    # imported at every start.
    import urllib.parse

    # Ids are ASCII letters, digits, dots and underscores; anything else is escaped.
    return f"{docs_url.rstrip('/')}/{REFERENCE_PAGES}/{slug}.html#{urllib.parse.quote(item_id, safe='._-')}"
