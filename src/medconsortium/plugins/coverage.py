# Longer than 400 lines on purpose: reading the map, checking it against the registry and reporting
# it are one feature (issue 12); its author may split it.
"""The coverage map: every sentence of a document, classified against the items that encode it.

A plugin ships, beside the text of its document, a TOML file that says of each sentence
what the library does with it:

``encoded``
    rules, targets, exceptions or reference tables check or hold it (``items``);
``qualitative``
    an unscored target holds it (``items``: qualitative or monitored targets);
``not_checkable``
    it asks something the library cannot see in the data it reads (``reason``);
``not_a_rule``
    preamble, principle, heading, signature, sanction text (``reason``);
``pending``
    it is checkable and not (or not fully) encoded yet (``reason`` says what is missing;
    ``items`` what already exists). A pending sentence counts as not covered.

The file has ``document = "文号"`` and one ``[[sentence]]`` table per sentence (``clause``,
``text``, ``status``, ``items`` or ``reason``, optional ``note``). A ``[[clause]]`` table
(``clause``, ``status``, ``reason``) classifies the remaining sentences of one clause, but
never a sentence with a number or a duty word: those each need their own line, so that
nothing binding is waved through in bulk.

:func:`check_map` validates a map against the parsed text and the registry: unknown item
ids, sentences that are not in the text, sentences classified twice, and items whose cited
sentence the map does not attribute to them. :func:`document_coverage` counts.

>>> from medconsortium.policy.clauses import parse_text
>>> parsed = parse_text("文件\\n一、目标\\n到2020年，县域内就诊率不低于90%。加强宣传。\\n")
>>> cmap = parse_map('''
... document = "X〔2020〕1号"
... [[sentence]]
... clause = "一"
... text = "到2020年，县域内就诊率不低于90%。"
... status = "pending"
... reason = "no target yet"
... [[clause]]
... clause = "一"
... status = "not_a_rule"
... reason = "exhortation"
... [[clause]]
... clause = "文首"
... status = "not_a_rule"
... reason = "letterhead"
... ''', "x.coverage.toml")
>>> result = document_coverage(cmap, parsed)
>>> result.counts["pending"], result.counts["not_a_rule"], result.percent
(1, 2, 0.0)
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources

import attrs

from ..model.errors import InputError, UsageError
from ..policy.clauses import ParsedText, Sentence, normalize, parse_text
from ..policy.documents import PolicyDocument
from ..policy.targets import Target, TargetKind
from .registry import Registry


class Coverage(enum.Enum):
    """What the library does with a sentence."""

    ENCODED = "encoded"
    QUALITATIVE = "qualitative"
    NOT_CHECKABLE = "not_checkable"
    NOT_A_RULE = "not_a_rule"
    PENDING = "pending"

    @property
    def label(self) -> tuple[str, str]:
        return {
            Coverage.ENCODED: ("已编码", "encoded"),
            Coverage.QUALITATIVE: ("定性目标", "qualitative"),
            Coverage.NOT_CHECKABLE: ("数据无法检查", "not checkable"),
            Coverage.NOT_A_RULE: ("非规则", "not a rule"),
            Coverage.PENDING: ("待编码", "pending"),
        }[self]

    @property
    def covered(self) -> bool:
        """Encoded or held by an unscored target: what the coverage percentage counts."""
        return self in (Coverage.ENCODED, Coverage.QUALITATIVE)

    @property
    def needs_items(self) -> bool:
        return self in (Coverage.ENCODED, Coverage.QUALITATIVE)


#: The words that make a sentence binding or measurable: such a sentence must be
#: classified on its own line of the map.
DUTY_WORDS: tuple[str, ...] = (
    "不低于",
    "不超过",
    "以上",
    "以内",
    "应",
    "须",
    "要",
    "必须",
    "原则上",
    "只能",
    "不得",
    "每年",
    "至少",
    "个工作日",
    "月底",
    "年底",
    "鼓励",
    "可",
)
_NUMBER = re.compile(r"[0-9０-９]|[一二三四五六七八九十两]+[个家名次项类大级天年月]")


def binding(text: str) -> bool:
    """Whether a sentence contains a number or a duty word (see :data:`DUTY_WORDS`).

    >>> binding("加强宣传。"), binding("每年至少一次。"), binding("组建三大医共体。")
    (False, True, True)
    """
    return bool(_NUMBER.search(text)) or any(word in text for word in DUTY_WORDS)


@attrs.frozen
class Entry:
    """One line of a map: a sentence (or, with ``text`` None, the rest of a clause)."""

    clause: str
    text: str | None
    status: Coverage
    items: tuple[str, ...] = ()
    reason: str | None = None
    note: str | None = None
    place: str = ""


@attrs.frozen
class CoverageMap:
    """A document's coverage map as read from its file (``source`` names the file)."""

    document: str
    entries: tuple[Entry, ...]
    source: str


def _problem(source: str, place: str, message: str) -> InputError:
    return InputError(source, place, message)


def parse_map(text: str, source: str) -> CoverageMap:
    """Read a coverage map (TOML). A malformed map is an :class:`~medconsortium.errors.InputError`
    naming the file and the table (``sentence[12]``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _problem(source, "", f"not valid TOML: {exc}") from None
    document = data.get("document")
    if not isinstance(document, str) or not document.strip():
        raise _problem(source, "document", "missing: the document number the map classifies")
    unknown = set(data) - {"document", "sentence", "clause"}
    if unknown:
        raise _problem(source, sorted(unknown)[0], "unknown key (use document, sentence, clause)")
    entries: list[Entry] = []
    for kind in ("sentence", "clause"):
        tables = data.get(kind, [])
        if not isinstance(tables, list):
            raise _problem(source, kind, "must be an array of tables ([[...]])")
        for index, table in enumerate(tables):
            place = f"{kind}[{index}]"
            entries.append(_entry(table, kind, place, source))
    return CoverageMap(document, tuple(entries), source)


_KEYS = {"clause", "text", "status", "items", "reason", "note"}


def _entry(table: object, kind: str, place: str, source: str) -> Entry:
    if not isinstance(table, dict):
        raise _problem(source, place, "must be a table")
    unknown = set(table) - _KEYS
    if unknown:
        raise _problem(source, f"{place}.{sorted(unknown)[0]}", "unknown key")
    clause = table.get("clause")
    if not isinstance(clause, str) or not clause:
        raise _problem(source, f"{place}.clause", "missing")
    text = table.get("text")
    if kind == "sentence" and (not isinstance(text, str) or not text.strip()):
        raise _problem(source, f"{place}.text", "missing: the sentence, verbatim")
    if kind == "clause" and text is not None:
        raise _problem(source, f"{place}.text", "a [[clause]] entry has no text (use [[sentence]])")
    try:
        status = Coverage(table.get("status"))
    except ValueError:
        known = ", ".join(c.value for c in Coverage)
        raise _problem(source, f"{place}.status", f"{table.get('status')!r} is not one of {known}") from None
    items = table.get("items", [])
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise _problem(source, f"{place}.items", "must be a list of item ids")
    reason = table.get("reason")
    note = table.get("note")
    for key, value in (("reason", reason), ("note", note)):
        if value is not None and not isinstance(value, str):
            raise _problem(source, f"{place}.{key}", "must be a string")
    if status.needs_items and not items:
        raise _problem(source, f"{place}.items", f"{status.value} needs the ids of the items that hold it")
    if not status.needs_items and status is not Coverage.PENDING and items:
        raise _problem(source, f"{place}.items", f"{status.value} takes a reason, not items")
    if not status.needs_items and not (reason and reason.strip()):
        raise _problem(source, f"{place}.reason", f"{status.value} needs a short reason")
    if kind == "clause" and status not in (Coverage.NOT_A_RULE, Coverage.NOT_CHECKABLE):
        raise _problem(source, f"{place}.status", "a [[clause]] entry is only not_a_rule or not_checkable")
    return Entry(clause, text if kind == "sentence" else None, status, tuple(items), reason, note, place)


@attrs.frozen
class Classified:
    """A sentence and its entry (None when the map says nothing about it)."""

    sentence: Sentence
    entry: Entry | None


def classify(cmap: CoverageMap, parsed: ParsedText) -> tuple[Classified, ...]:
    """Every sentence of the text with the entry that classifies it.

    Raises :class:`~medconsortium.errors.InputError` for an entry whose sentence or
    clause is not in the text, and for a sentence classified twice.
    """
    # A sentence may occur twice in one clause (a signature repeats the issuer): the
    # entries for it are matched to its occurrences in order.
    by_sentence: dict[tuple[str, str], list[Entry]] = {}
    by_clause: dict[str, Entry] = {}
    paths = {c.path for c in parsed.clauses}
    occurrences: dict[tuple[str, str], int] = {}
    for s in parsed.sentences():
        occurrences[(s.clause, s.key)] = occurrences.get((s.clause, s.key), 0) + 1
    for entry in cmap.entries:
        if entry.clause not in paths:
            raise _problem(cmap.source, entry.place, f"no clause {entry.clause!r} in the text")
        if entry.text is None:
            if entry.clause in by_clause:
                raise _problem(cmap.source, entry.place, f"clause {entry.clause} is classified twice")
            by_clause[entry.clause] = entry
            continue
        key = (entry.clause, normalize(entry.text))
        if key not in occurrences:
            raise _problem(
                cmap.source, entry.place, f"not a sentence of {entry.clause} in the text: {entry.text!r}"
            )
        found = by_sentence.setdefault(key, [])
        if len(found) == occurrences[key]:
            raise _problem(cmap.source, entry.place, f"sentence classified twice (also {found[0].place})")
        found.append(entry)
    out = []
    seen: dict[tuple[str, str], int] = {}
    for s in parsed.sentences():
        key = (s.clause, s.key)
        index = seen.get(key, 0)
        seen[key] = index + 1
        listed = by_sentence.get(key, [])
        found_entry: Entry | None = listed[index] if index < len(listed) else None
        if found_entry is None:
            fallback = by_clause.get(s.clause)
            found_entry = fallback if fallback is not None and not binding(s.text) else None
        out.append(Classified(s, found_entry))
    return tuple(out)


@attrs.frozen
class DocumentCoverage:
    """How much of a document is covered.

    ``counts`` has one key per :class:`Coverage` value and ``unclassified``. ``percent``
    is covered (encoded + qualitative) over covered + pending: of what the library could
    encode, the share it does. None when the document has nothing checkable.
    """

    document: str
    sentences: tuple[Classified, ...]
    counts: Mapping[str, int]

    @property
    def percent(self) -> float | None:
        covered = self.counts[Coverage.ENCODED.value] + self.counts[Coverage.QUALITATIVE.value]
        checkable = covered + self.counts[Coverage.PENDING.value]
        return None if checkable == 0 else round(100.0 * covered / checkable, 1)

    def with_status(self, status: Coverage | None) -> tuple[Classified, ...]:
        """The sentences of one status (None: the unclassified ones)."""
        return tuple(c for c in self.sentences if (c.entry.status if c.entry is not None else None) is status)

    def unclassified_binding(self) -> tuple[Sentence, ...]:
        """Sentences with a number or a duty word that the map does not classify."""
        return tuple(c.sentence for c in self.sentences if c.entry is None and binding(c.sentence.text))


def document_coverage(cmap: CoverageMap, parsed: ParsedText) -> DocumentCoverage:
    """Classify every sentence and count (see :class:`DocumentCoverage`)."""
    classified = classify(cmap, parsed)
    counts = {c.value: 0 for c in Coverage} | {"unclassified": 0}
    for c in classified:
        counts[c.entry.status.value if c.entry is not None else "unclassified"] += 1
    return DocumentCoverage(cmap.document, classified, counts)


@attrs.frozen
class CitedItem:
    """An item of the registry (kind, id) and the sentences its citation quotes."""

    kind: str
    id: str
    clause: str
    quote: str
    sentences: tuple[Sentence, ...]
    unscored: bool = False


def check_map(
    cmap: CoverageMap,
    parsed: ParsedText,
    items: Iterable[CitedItem],
    known: Mapping[str, str],
) -> list[str]:
    """The problems of a map, each one line naming the file and the entry.

    ``items`` are the registry's items that cite the document; ``known`` maps every item id
    of the registry to its kind. Checked: each id a map names exists; ``qualitative`` names
    only unscored targets; every item's cited sentence is attributed to it (so that a new
    rule on a sentence marked ``not_a_rule`` or ``pending`` is noticed).
    """
    problems: list[str] = []
    try:
        classified = classify(cmap, parsed)
    except InputError as exc:
        return [str(exc)]
    cited = list(items)
    unscored = {i.id for i in cited if i.unscored}
    for entry in cmap.entries:
        for ident in entry.items:
            if ident not in known:
                problems.append(f"{cmap.source}: {entry.place}.items: unknown item {ident!r}")
            elif entry.status is Coverage.QUALITATIVE and ident not in unscored:
                problems.append(
                    f"{cmap.source}: {entry.place}.items: {ident!r} is not an unscored target here"
                )
    by_anchor = {c.sentence.anchor: c for c in classified}
    for item in cited:
        if not item.sentences:
            problems.append(
                f"{cmap.source}: {item.kind} {item.id}: its quote is not in the text: {item.quote!r}"
            )
            continue
        for s in item.sentences:
            c = by_anchor[s.anchor]
            if c.entry is None or item.id not in c.entry.items:
                what = "unclassified" if c.entry is None else f"{c.entry.place} ({c.entry.status.value})"
                problems.append(
                    f"{cmap.source}: {item.kind} {item.id} cites {s.clause} “{s.text}”, which is {what}"
                    " and does not list it"
                )
    return problems


def skeleton(parsed: ParsedText, document: str, suggestions: Mapping[str, Sequence[str]]) -> str:
    """A first map for a text: every sentence on its own line, ``pending`` unless an item
    cites it (``suggestions``: sentence anchor → item ids). For plugin authors starting a
    map; every line must then be read against the law."""
    out = [f'document = "{document}"', ""]
    for s in parsed.sentences():
        ids = list(suggestions.get(s.anchor, ()))
        out.append("[[sentence]]")
        out.append(f'clause = "{s.clause}"')
        out.append(f"text = {_toml_string(s.text)}")
        if ids:
            out.append('status = "encoded"')
            out.append("items = [" + ", ".join(f'"{i}"' for i in ids) + "]")
        else:
            out.append('status = "pending"')
            out.append('reason = "to classify"')
        out.append("")
    return "\n".join(out)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- the maps the packages ship ---------------------------------------------------------------
#: The suffix of a coverage map beside its text: ``national-….txt`` → ``national-….coverage.toml``.
MAP_SUFFIX = ".coverage.toml"


def map_name(text_name: str) -> str:
    """The file name of the map beside a text.

    >>> map_name("tongzhou-tongzhengbanfa-2024-20.txt")
    'tongzhou-tongzhengbanfa-2024-20.coverage.toml'
    """
    stem = text_name[: -len(".txt")] if text_name.endswith(".txt") else text_name
    return stem + MAP_SUFFIX


def shipped_map(document: PolicyDocument) -> CoverageMap | None:
    """The coverage map shipped beside a document's text (None when there is none).

    Found through :attr:`~medconsortium.PolicyDocument.text`: the same package, the text's
    file name with ``.coverage.toml`` for ``.txt``. A malformed map is an
    :class:`~medconsortium.errors.InputError` naming the file.
    """
    if document.text is None:
        return None
    name = map_name(document.text.name)
    try:
        raw = resources.files(document.text.package).joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return None
    cmap = parse_map(raw, f"{document.text.package}/{name}")
    if normalize(cmap.document) != normalize(document.number):
        raise _problem(cmap.source, "document", f"classifies {cmap.document}, not {document.number}")
    return cmap


_CITED = (
    ("target", "targets"),
    ("rule", "rules"),
    ("referral rule", "referral_rules"),
    ("exception", "exceptions"),
    ("reference table", "reference_tables"),
)


def cited_items(registry: Registry, number: str, parsed: ParsedText) -> tuple[CitedItem, ...]:
    """The registry's items that cite document ``number``, with the sentences they quote."""
    out: list[CitedItem] = []
    for kind, attr in _CITED:
        entries = getattr(registry, attr)
        for key in sorted(entries):
            item = entries[key].item
            citation = item.citation
            if normalize(citation.document) != normalize(number):
                continue
            unscored = isinstance(item, Target) and item.kind in (
                TargetKind.QUALITATIVE,
                TargetKind.MONITORED,
            )
            spans = parsed.locate(citation.text, citation.clause)
            out.append(CitedItem(kind, key, citation.clause, citation.text, spans, unscored))
    return tuple(out)


def item_kinds(registry: Registry) -> dict[str, str]:
    """Every item id of the registry and its kind (the first kind, when two share an id)."""
    known: dict[str, str] = {}
    for kind, attr in _CITED:
        for key in getattr(registry, attr):
            known.setdefault(key, kind)
    return known


@attrs.frozen
class SourceDocument:
    """A registered document with its parsed text, its map and its cited items."""

    number: str
    plugin: str
    parsed: ParsedText
    cmap: CoverageMap | None
    items: tuple[CitedItem, ...]

    @property
    def coverage(self) -> DocumentCoverage | None:
        return None if self.cmap is None else document_coverage(self.cmap, self.parsed)

    def problems(self, registry: Registry) -> list[str]:
        """What is wrong with the map (see :func:`check_map`); a missing map is a problem."""
        if self.cmap is None:
            return [f"{self.number}: ships no coverage map ({MAP_SUFFIX} beside its text)"]
        return check_map(self.cmap, self.parsed, self.items, item_kinds(registry))


def source_document(registry: Registry, number: str) -> SourceDocument:
    """A registered document, read and parsed, with its map and the items that cite it.

    Raises :class:`~medconsortium.errors.UsageError` when the document is unknown or ships
    no text.
    """
    entry = registry.documents.get(number)
    if entry is None:
        raise UsageError(f"unknown document {number!r}")
    try:
        text = entry.item.read_text()
    except LookupError as exc:
        raise UsageError(str(exc)) from None
    parsed = parse_text(text)
    return SourceDocument(
        number, entry.plugin, parsed, shipped_map(entry.item), cited_items(registry, number, parsed)
    )
