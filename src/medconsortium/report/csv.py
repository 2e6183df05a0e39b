"""CSV reports (``--format csv``): one row per result, UTF-8 with a byte-order mark.

The BOM lets Excel open the Chinese text correctly by double-click; the first row holds
the column keys (documented in docs: *Reports for analysts*), so that scripts can rely on
them whatever ``--lang`` says. Lines end with CRLF, as RFC 4180 has it.
"""

from __future__ import annotations

import csv
import io

from .tables import Table


def render_csv(table: Table) -> str:
    """The table as CSV text, BOM first.

    >>> from medconsortium import Label
    >>> from medconsortium.report.tables import Column
    >>> t = Table(Label("x", "x"), (Column("id", Label("编号", "id")),), (("a,b",),))
    >>> render_csv(t)
    '\\ufeffid\\r\\n"a,b"\\r\\n'
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.key for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else v for v in row])
    return "\ufeff" + out.getvalue()
