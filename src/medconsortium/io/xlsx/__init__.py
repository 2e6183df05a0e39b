"""Excel workbooks (.xlsx) in and out: network and statistics workbooks, templates.

A workbook is read into the same plain data a YAML file gives (``institutions: [...]``,
``records: [...]``) and handed to the one strict converter
(:func:`~medconsortium.io.loading.network_from_data`,
:func:`~medconsortium.io.loading.statistics_from_data`): the same model, the same checks,
the same messages. Only the place changes: every value remembers its cell, and an error
at ``consortia[2].members[5]`` is reported at ``成员!C17``.

What real workbooks hold is read as a person means it (docs: *Input formats*):

- a sheet and a column may be named in Chinese or by the English key (``成员`` or
  ``memberships``, ``机构编码`` or ``institution``);
- title rows above the header are skipped, and header cells may be merged (a header
  merged over two rows, or a group heading above its columns);
- blank rows, hidden rows (filtered out or hidden by hand: what you see is what is read),
  and rows whose first cell starts with ``#`` (notes) are skipped;
- numbers stored as text (``"890,000"``), full-width digits (``３２０６１２``) and
  trailing spaces are read as the number or code they show;
- a cell formatted as a percentage holds a fraction: ``90%`` is stored as 0.9 and read as
  **90** (percent), the unit every percentage metric uses; text ``"90%"`` reads as 90 too;
- dates may be date cells, Excel serial numbers (``45474``) or text (``2024-07-01``,
  ``2024/7/1``, ``2024年7月1日``);
- enumerations take the key or the Chinese label (``county_medical_community`` or
  ``县域医共体``), yes/no cells ``TRUE``/``FALSE``, ``是``/``否`` or ``true``/``false``,
  lists are separated by ``;`` ``；`` ``,`` ``，`` or ``、``.

Written workbooks (templates, report workbooks) have fixed metadata and zip entry dates:
the same content gives the same bytes.

The parts: :mod:`.schema` (the sheets and columns, which drive everything else),
:mod:`.cells` (reading a sheet in one pass, and a cell as a person means it),
:mod:`.book` (an opened workbook: rows by the schema, the cell of every value),
:mod:`.reader` (network and statistics workbooks through the converter) and
:mod:`.writer` (workbooks from data, templates, fixed bytes).

May import: what :mod:`medconsortium.io` may (the model, policy, plugins, engine), and
:mod:`medconsortium.io.loading` for the converter.

>>> [sheet.zh for sheet in NETWORK_SHEETS][:3]
['机构', '医联体', '成员']
"""

from __future__ import annotations

from .reader import (
    load_network_xlsx,
    load_statistics_xlsx,
    metric_headers,
    network_data,
    statistics_data,
)
from .schema import NETWORK_SHEETS, STATISTICS_SHEETS, UNRESTRICTED, Column, Kind, SheetSpec
from .writer import (
    FIXED_TIME,
    TEMPLATE_ROWS,
    display_width,
    fit_columns,
    network_template,
    network_workbook,
    statistics_template,
    statistics_workbook,
    target_metrics,
    workbook_bytes,
)

__all__ = [
    "FIXED_TIME",
    "NETWORK_SHEETS",
    "STATISTICS_SHEETS",
    "TEMPLATE_ROWS",
    "UNRESTRICTED",
    "Column",
    "Kind",
    "SheetSpec",
    "display_width",
    "fit_columns",
    "load_network_xlsx",
    "load_statistics_xlsx",
    "metric_headers",
    "network_data",
    "network_template",
    "network_workbook",
    "statistics_data",
    "statistics_template",
    "statistics_workbook",
    "target_metrics",
    "workbook_bytes",
]
