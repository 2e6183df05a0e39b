"""The formats of the analysts' renderers, by name only: the command reads these to offer
its options at start-up, and imports the renderers (Jinja2, openpyxl) only to use them."""

from __future__ import annotations

#: Formats of assess, validate and demo drawn by :mod:`.formats` (the rest by :mod:`.render`).
ANALYST_FORMATS: tuple[str, ...] = ("text", "html", "xlsx", "csv")
#: Spreadsheet formats, for every command that gives results.
SHEET_FORMATS: tuple[str, ...] = ("xlsx", "csv")
#: Every format of the commands that give results (assess, validate, rules, compare, referral check).
REPORT_FORMATS: tuple[str, ...] = ("text", "markdown", "html", "json", "xlsx", "csv")
