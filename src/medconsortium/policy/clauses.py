"""A policy text in its own structure: clauses (一、（一）、1.) and their sentences.

Chinese official documents number their parts in three levels: ``一、`` (a part),
``（一）`` (a section, often written with half-width brackets ``(一)``) and ``1.`` (an
item). :func:`parse_text` reads a shipped text into that structure and splits each
clause's body into sentences on ``。`` and ``；``, so that a coverage map can classify
every sentence and the policy reference can show the law beside the code.

The texts are the originals, with the traces of how they were copied: page breaks in the
middle of a sentence, Markdown marks (``#``, ``**``, ``---``, ``- ``) and stray spaces.
Lines that do not end a sentence are joined to the next one; marks are dropped; nothing
else is changed, so every sentence is the document's own words. What comes before the
first part (the letterhead, the number, the title, the addressees, the cover letter and
the preamble) is the clause ``文首``; what follows the body (抄送, 印发, 校对) is ``文尾``;
attachments are ``附件`` (the list) and ``附件1``, ``附件2``...

>>> text = '''文件
... 一、工作目标
... 到2020年，形成体系。县域内就诊率不低于90%；
... （一）组建方式。三级医院牵头建立的医联体应包含二级医院，此前已经建立合作关系的，报主管
...
... 部门备案。
... 1. 牵头医院。承担筹建工作；组织制定章程。
... '''
>>> parsed = parse_text(text)
>>> [(c.path, c.title) for c in parsed.clauses]
[('文首', None), ('一', '工作目标'), ('一（一）', '组建方式'), ('一（一）1', '牵头医院')]
>>> [s.text for s in parsed.clause("一").sentences]
['到2020年，形成体系。', '县域内就诊率不低于90%；']
>>> parsed.clause("一（一）").sentences[0].text
'三级医院牵头建立的医联体应包含二级医院，此前已经建立合作关系的，报主管部门备案。'
>>> [s.anchor for s in parsed.clause("一（一）1").sentences]
['1.1.1-1', '1.1.1-2']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

PREAMBLE = "文首"
CLOSING = "文尾"
ATTACHMENTS = "附件"


def chinese_number(text: str) -> int:
    """The value of a Chinese numeral up to 99.

    >>> [chinese_number(t) for t in ("五", "十", "十二", "二十", "二十三")]
    [5, 10, 12, 20, 23]
    """
    if "十" not in text:
        return _NUMERALS[text]
    tens, _, units = text.partition("十")
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[units] if units else 0)


def normalize(text: str) -> str:
    """Text for comparison: white space and Markdown marks dropped, nothing else changed.

    Quotes are compared this way with the shipped text, so a quote may keep or lose the
    spaces and the page breaks of the original (``5 个工作日`` is ``5个工作日``).

    >>> normalize("于 5 个工作日内\\n**报**备")
    '于5个工作日内报备'
    """
    return re.sub(r"[\s*#]", "", text)


_NUM = "[一二三四五六七八九十]+"
_PART = re.compile(rf"^({_NUM})、\s*(.*)$")
_SECTION = re.compile(rf"^[（(]({_NUM})[）)]\s*(.*)$")
_ITEM = re.compile(r"^(\d{1,2})[.．](?!\d)\s*(.*)$")
_ATTACHMENT = re.compile(r"^附件\s*(\d+)\s*$")
_ATTACHMENT_LIST = re.compile(r"^附件\s*[:：]\s*(.*)$")
_CLOSING = re.compile(r"^(?:[（(](?:信息公开形式|此件公开)|抄送|校对)|印发[)）]?$")
# A sentence ends with 。 or ； (closing quotes and brackets stay with it).
_SENTENCE = re.compile(r"[^。；！？]*[。；！？][”’）)》]*|[^。；！？]+$")
# A line that ends one of these is complete; any other line was broken by the page.
_LINE_END = ("。", "；", "：", ":", "！", "？", "”", "）", ")")
# A title of a part or section, before its body on the same line: short, ends with 。.
_TITLE_MAX = 40
# An item's title (``1. 牵头医院。``) is shorter; a longer first sentence is its content
# (``2. 临沂市中医医院牵头负责全市中医医联体建设。``).
_ITEM_TITLE_MAX = 14


@attrs.frozen
class Sentence:
    """One sentence of a clause, verbatim (marks and page breaks removed).

    ``anchor`` is a stable identifier made of the clause code and the sentence's place in
    the clause (``5.5-3``: the third sentence of 五（五）), used for links.
    """

    clause: str
    index: int
    text: str
    code: str

    @property
    def anchor(self) -> str:
        return f"{self.code}-{self.index}"

    @property
    def key(self) -> str:
        """The text as compared with quotes and coverage maps (see :func:`normalize`)."""
        return normalize(self.text)


@attrs.frozen
class Clause:
    """A part, section or item of a document: its path (``四（三）5``), an ASCII code
    (``4.3.5``) for anchors, its level (0 for 文首, 文尾 and attachments), its title when
    it has one, and its sentences."""

    path: str
    code: str
    level: int
    title: str | None
    sentences: tuple[Sentence, ...]

    @property
    def parent(self) -> str | None:
        """The path of the enclosing clause (None for a part)."""
        if self.level <= 1:
            return None
        cut = re.match(rf"^(.*?)(?:[（(]{_NUM}[）)]|\d+)$", self.path)
        return cut.group(1) if cut else None


@attrs.frozen
class ParsedText:
    """A document as clauses in the order of the text."""

    clauses: tuple[Clause, ...]

    def clause(self, path: str) -> Clause:
        for clause in self.clauses:
            if clause.path == path:
                return clause
        raise KeyError(path)

    def sentences(self) -> Iterator[Sentence]:
        for clause in self.clauses:
            yield from clause.sentences

    def within(self, path: str) -> Iterator[Clause]:
        """The clause ``path`` and every clause inside it."""
        for clause in self.clauses:
            if clause.path == path or (clause.level > 0 and is_within(clause.path, path)):
                yield clause

    def locate(self, quote: str, clause: str | None = None) -> tuple[Sentence, ...]:
        """The sentences a quote spans, compared without white space and marks.

        A quote may be part of a sentence or run over several. When it occurs more than
        once, the occurrence inside ``clause`` (a citation's clause, e.g. ``二、工作目标``
        or ``四（三）5``) is preferred. Empty when the quote is not in the text.
        """
        wanted = normalize(quote)
        if not wanted:
            return ()
        sentences = list(self.sentences())
        starts: list[int] = []
        stream = ""
        for s in sentences:
            starts.append(len(stream))
            stream += s.key
        found: list[tuple[Sentence, ...]] = []
        at = stream.find(wanted)
        while at >= 0:
            end = at + len(wanted)
            found.append(
                tuple(
                    s
                    for s, start in zip(sentences, starts, strict=True)
                    if start < end and start + len(s.key) > at
                )
            )
            at = stream.find(wanted, at + 1)
        if not found:
            return ()
        if clause is not None:
            path = clause_path(clause)
            for spans in found:
                if path and all(is_within(s.clause, path) for s in spans):
                    return spans
        return found[0]


def is_within(path: str, ancestor: str) -> bool:
    """Whether clause ``path`` is ``ancestor`` or inside it (``四（三）5`` is in ``四``).

    >>> is_within("四（三）5", "四"), is_within("四（三）5", "四（三）"), is_within("四（三）", "四（三）5")
    (True, True, False)
    >>> is_within("十一", "十")
    False
    """
    if path == ancestor:
        return True
    if not path.startswith(ancestor):
        return False
    rest = path[len(ancestor) :]
    # 十一 is not inside 十, nor 四（一）12 inside 四（一）1.
    return rest[0] in "（(" or (rest[0].isdigit() and not ancestor[-1].isdigit())


_CITED = re.compile(rf"^({_NUM})(?:、[^（(\d]*)?(?:([（(]{_NUM}[）)])[^\d]*)?(\d+)?")


def clause_path(citation_clause: str) -> str:
    """The clause path a citation's clause names, its titles dropped.

    >>> [clause_path(c) for c in ("二、工作目标", "四（三）5", "一（二）工作目标", "三", "(二)")]
    ['二', '四（三）5', '一（二）', '三', '']
    """
    m = _CITED.match(citation_clause.strip())
    if not m:
        return ""
    section = m.group(2) or ""
    section = section.replace("(", "（").replace(")", "）")
    return m.group(1) + section + (m.group(3) or "")


def _clean(line: str) -> str | None:
    """A line without Markdown marks, or None for a line that is only a mark."""
    s = line.strip()
    if not s or re.fullmatch(r"-{3,}|\*{3,}", s):
        return None
    s = re.sub(r"^#+\s*", "", s)
    s = re.sub(r"^-\s+", "", s)
    s = s.replace("**", "").strip()
    return s or None


def _split_title(rest: str, longest: int = _TITLE_MAX, alone: bool = True) -> tuple[str | None, str]:
    """The title of a clause and the body that follows it on the same line.

    A title ends at the first 。 within ``longest`` characters; a line without 。 is all
    title when ``alone`` (a part or section heading such as ``（一）合理确定牵头医院及其职责``).
    """
    if not rest:
        return None, ""
    cut = rest.find("。")
    if cut < 0:
        return (rest, "") if alone else (None, rest)
    if cut <= longest and "；" not in rest[:cut]:
        return rest[:cut], rest[cut + 1 :].strip()
    return None, rest


@attrs.define
class _Builder:
    path: str
    code: str
    level: int
    title: str | None = None
    units: list[str] = attrs.field(factory=list)
    # In 文首 and 文尾 every line stands alone (letterhead, number, signature, date).
    line_by_line: bool = False
    pending: str = ""

    def add(self, text: str) -> None:
        if not text:
            return
        if self.line_by_line:
            self.units.append(text)
            return
        self.pending += text
        if self.pending.endswith(_LINE_END):
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.units.append(self.pending)
            self.pending = ""

    def build(self) -> Clause:
        self.flush()
        sentences: list[Sentence] = []
        for unit in self.units:
            for part in _SENTENCE.findall(unit):
                part = part.strip()
                if part:
                    sentences.append(Sentence(self.path, len(sentences) + 1, part, self.code))
        return Clause(self.path, self.code, self.level, self.title, tuple(sentences))


def parse_text(text: str) -> ParsedText:
    """Read a document into clauses and sentences (see the module documentation)."""
    clauses: list[Clause] = []
    current = _Builder(PREAMBLE, "0", 0, line_by_line=True)
    part = section = ""
    part_code = section_code = ""
    in_body = closed = attachment_title = False

    def start(builder: _Builder) -> _Builder:
        clauses.append(current.build())
        return builder

    for raw in text.splitlines():
        line = _clean(raw)
        if line is None:
            continue
        if m := _ATTACHMENT.match(line):
            current = start(_Builder(f"{ATTACHMENTS}{m.group(1)}", f"a{m.group(1)}", 0))
            closed = attachment_title = True
            continue
        if attachment_title:
            current.title = line
            attachment_title = False
            continue
        if m := _ATTACHMENT_LIST.match(line):
            current = start(_Builder(ATTACHMENTS, "a", 0, line_by_line=True))
            current.add(m.group(1))
            closed = True
            continue
        if in_body and not closed and _CLOSING.search(line):
            current = start(_Builder(CLOSING, "z", 0, line_by_line=True))
            closed = True
        if not closed:
            if m := _PART.match(line):
                in_body = True
                part = m.group(1)
                part_code = str(chinese_number(part))
                section = section_code = ""
                title, body = _split_title(m.group(2))
                current = start(_Builder(part, part_code, 1, title))
                current.add(body)
                continue
            if in_body and (m := _SECTION.match(line)):
                section = f"（{m.group(1)}）"
                section_code = f"{part_code}.{chinese_number(m.group(1))}"
                title, body = _split_title(m.group(2))
                current = start(_Builder(part + section, section_code, 2, title))
                current.add(body)
                continue
            if in_body and (m := _ITEM.match(line)):
                parent_code = section_code or part_code
                title, body = _split_title(m.group(2), _ITEM_TITLE_MAX, alone=False)
                current = start(
                    _Builder(part + section + m.group(1), f"{parent_code}.{m.group(1)}", 3, title)
                )
                current.add(body)
                continue
        current.add(line)
    clauses.append(current.build())
    return ParsedText(tuple(c for c in clauses if c.sentences or c.title or c.level > 0))
