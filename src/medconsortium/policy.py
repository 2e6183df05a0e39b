"""Policy documents and citations: where every target and rule comes from."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from .labels import Label


@attrs.frozen
class PolicyDocument:
    """A policy document, cited by its number (文号) such as ``苏卫医政〔2019〕17号``.

    ``jurisdiction`` is the GB/T 2260 code of the issuing level. ``review_by`` is when the
    plugin's maintainers should next check that the document is still in force.
    """

    number: str
    title: str
    issuer: Label
    issued: dt.date
    jurisdiction: str
    title_en: str | None = None
    rests_on: tuple[str, ...] = ()
    review_by: dt.date | None = None

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
        return {
            Strength.MANDATORY: Label("必须", "mandatory"),
            Strength.IN_PRINCIPLE: Label("原则上", "in principle"),
            Strength.ENCOURAGED: Label("鼓励", "encouraged"),
            Strength.PERMITTED: Label("允许", "permitted"),
        }[self]


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

    def overlaps_year(self, year: int) -> bool:
        return (self.start is None or self.start.year <= year) and (self.end is None or self.end.year >= year)
