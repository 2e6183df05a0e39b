"""Policy documents and citations: where every target and rule comes from."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ..model.checks import enum_of
from ..model.labels import Label


class DatePrecision(enum.Enum):
    """How much of a date is known: a text may give only the year of issue."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@attrs.frozen
class PolicyText:
    """The unedited text of a document, shipped as package data beside the code.

    ``package`` is the importable package that holds the file and ``name`` its file name.
    Official documents of state organs are not subject to copyright (著作权法 第五条), so
    every distribution carries the text it encodes: quotes are checked against it, and the
    reference renders it, on any machine the package is installed on.

    >>> text = PolicyText("medconsortium.national", "national-guoweiyifa-2016-75.txt")
    >>> "医疗联合体" in text.read()
    True
    """

    package: str
    name: str

    def read(self) -> str:
        """The text, as the file holds it (UTF-8)."""
        # Imported here: importlib.resources brings tempfile and shutil, which no command
        # needs at start.
        from importlib import resources

        try:
            return resources.files(self.package).joinpath(self.name).read_text(encoding="utf-8")
        except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError) as exc:
            raise LookupError(f"policy text {self.name!r} not found in package {self.package!r}") from exc


@attrs.frozen
class PolicyDocument:
    """A policy document, cited by its number (文号) such as ``苏卫医政〔2019〕17号``.

    ``jurisdiction`` is the GB/T 2260 code of the issuing level. ``issued`` is known to
    ``issued_precision``: when a text gives only the year, the date is the year's first day
    and every report shows the year alone, never a made-up day. ``printed`` is the printing
    date (印发) where the text gives one. ``review_by`` is when the plugin's maintainers
    should next check that the document is still in force. ``text`` locates the unedited
    document shipped with the plugin (:class:`PolicyText`); :meth:`read_text` returns it.

    >>> doc = PolicyDocument("苏卫医政〔2019〕17号", "规划", Label("江苏省卫生健康委员会", "Jiangsu"),
    ...     dt.date(2019, 1, 1), "320000", issued_precision=DatePrecision.YEAR)
    >>> doc.issued_text
    '2019'
    """

    number: str
    title: str
    issuer: Label
    issued: dt.date
    jurisdiction: str
    title_en: str | None = None
    rests_on: tuple[str, ...] = ()
    review_by: dt.date | None = None
    issued_precision: DatePrecision = attrs.field(default=DatePrecision.DAY, validator=enum_of(DatePrecision))
    printed: dt.date | None = None
    text: PolicyText | None = None

    def read_text(self) -> str:
        """The unedited text of the document, from the package that ships it.

        Raises :class:`LookupError` when the document declares no text or the file is
        missing from its package.
        """
        if self.text is None:
            raise LookupError(f"{self.number} ships no text (PolicyDocument.text is not set)")
        return self.text.read()

    @property
    def in_force_from(self) -> dt.date:
        """The first day the document's items apply.

        The day of issue where the text gives it; else the printing day (印发) where the
        text gives one; else the first day of the year (or month) of issue, the only date
        the text allows, which :attr:`in_force_basis` names so that reports can say so.

        >>> doc = PolicyDocument("国卫医发〔2016〕75号", "意见", Label("国家卫生计生委", "NHFPC"),
        ...     dt.date(2016, 1, 1), "100000", issued_precision=DatePrecision.YEAR,
        ...     printed=dt.date(2017, 1, 12))
        >>> doc.in_force_from, doc.in_force_basis
        (datetime.date(2017, 1, 12), 'printed')
        """
        if self.issued_precision is DatePrecision.DAY:
            return self.issued
        if self.printed is not None:
            return self.printed
        return self.issued

    @property
    def in_force_basis(self) -> str:
        """Which date :attr:`in_force_from` is: ``issued``, ``printed`` or ``issued_year``
        / ``issued_month`` (the start of the only period the text gives)."""
        if self.issued_precision is DatePrecision.DAY:
            return "issued"
        if self.printed is not None:
            return "printed"
        return "issued_year" if self.issued_precision is DatePrecision.YEAR else "issued_month"

    @property
    def issued_text(self) -> str:
        """The issue date as far as it is known: ``2019``, ``2016-12`` or ``2024-06-22``."""
        if self.issued_precision is DatePrecision.YEAR:
            return f"{self.issued.year}"
        if self.issued_precision is DatePrecision.MONTH:
            return f"{self.issued.year}-{self.issued.month:02d}"
        return self.issued.isoformat()

    def __attrs_post_init__(self) -> None:
        if not self.number.strip() or not self.title.strip():
            raise ValueError("a policy document needs a number and a title")


@attrs.frozen
class Citation:
    """Where in a document a target or rule is written, with the sentence quoted verbatim.

    ``clause`` is the path of headings, e.g. ``三、主要目标`` or ``四（一）``; ``text`` is
    the original Chinese sentence, unedited.

    >>> Citation("国卫医发〔2016〕75号", "三（一）", "以1家三级医院为牵头单位").document
    '国卫医发〔2016〕75号'
    >>> Citation("国卫医发〔2016〕75号", "三（一）", " ")
    Traceback (most recent call last):
    ...
    ValueError: a citation needs a document, a clause and a quoted sentence
    """

    document: str
    clause: str
    text: str

    def __attrs_post_init__(self) -> None:
        if not (self.document.strip() and self.clause.strip() and self.text.strip()):
            raise ValueError("a citation needs a document, a clause and a quoted sentence")


class Strength(enum.Enum):
    """How binding a rule is."""

    MANDATORY = "mandatory"
    IN_PRINCIPLE = "in_principle"
    ENCOURAGED = "encouraged"
    PERMITTED = "permitted"

    @property
    def label(self) -> Label:
        return _STRENGTH_LABELS[self]


# Built once: every finding's explanation asks for its strength's label (two per finding
# of a province's report), and Labels are immutable.
_STRENGTH_LABELS = {
    Strength.MANDATORY: Label("必须", "mandatory"),
    Strength.IN_PRINCIPLE: Label("原则上", "in principle"),
    Strength.ENCOURAGED: Label("鼓励", "encouraged"),
    Strength.PERMITTED: Label("允许", "permitted"),
}


@attrs.frozen
class Period:
    """When an item is in force: from ``start`` to ``end`` inclusive, either open.

    >>> Period(dt.date(2019, 1, 1)).contains(dt.date(2030, 5, 1))
    True
    >>> Period(end=dt.date(2018, 12, 31)).contains(dt.date(2019, 1, 1))
    False
    """

    start: dt.date | None = None
    end: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"period ends {self.end} before it starts {self.start}")

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def not_before(self, day: dt.date) -> Period:
        """The period, starting no earlier than ``day`` (an item is never in force before
        its document). Raises ValueError when the period ends before ``day``.

        >>> Period(end=dt.date(2020, 12, 31)).not_before(dt.date(2019, 6, 25))
        Period(start=datetime.date(2019, 6, 25), end=datetime.date(2020, 12, 31))
        """
        start = day if self.start is None or self.start < day else self.start
        return Period(start, self.end)

    def overlaps_year(self, year: int) -> bool:
        return (self.start is None or self.start.year <= year) and (self.end is None or self.end.year >= year)
