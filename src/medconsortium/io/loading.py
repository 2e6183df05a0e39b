# Longer than 400 lines on purpose: the network and statistics readers of four formats share one way of
# naming the place of an error.
"""Reading network and statistics files (YAML, JSON, TOML, CSV) into the domain model.

Every problem is an :class:`~medconsortium.model.errors.InputError` with the file and the place
in it (``consortia[2].members[5]``, or ``line 7`` in a CSV file). YAML is read with the
safe loader. Nothing is half-loaded: a file either gives a whole object or an error.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import itertools
import json
import math
import operator
import re
import sys
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import attrs

from ..engine.heap import to_oldest
from ..model import network as _network_module
from ..model.canonical import canonical
from ..model.consortia import Consortium
from ..model.divisions import division_problem, installed_codes
from ..model.domains import bounds as domain_bounds
from ..model.domains import value_checker
from ..model.errors import InputError, NetworkError
from ..model.institutions import Institution, field_reader
from ..model.jurisdictions import is_division_code
from ..model.network import Network, unindexed
from ..model.staffing import Secondment
from ..model.statistics import Metric, Scope, Statistics, StatRecord, built_record
from . import csv_lines, direct, json_stream, limits
from .converter import converter, kind_of, structure_errors

if TYPE_CHECKING:
    from .yaml_events import Item

T = TypeVar("T")

_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml", ".csv": "csv"}


def read_structured(path: Path, item: Item | None = None) -> Any:
    """Parse a YAML, JSON or TOML file into plain data (dicts, lists, scalars).

    The nesting is bounded before the file is parsed (see :mod:`medconsortium.io.limits`).
    YAML is read from the parser's events (:mod:`medconsortium.io.yaml_events`), and
    ``item``, when given, is applied to each finished item of a top-level list there.
    """
    name = str(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None or fmt == "csv":
        if path.is_dir():  # named as a directory, not as an unsupported file type ('')
            limits.input_file(path)
        raise InputError(name, "", f"unsupported file type {path.suffix!r} (use .yaml, .json or .toml)")
    limits.input_file(path)
    if fmt == "yaml":
        try:
            limits.yaml_size(name, path.stat().st_size)
        except OSError as exc:
            raise InputError(name, "", f"cannot read: {exc.strerror or exc}") from None
        return _parse_yaml(path, name, item)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(name, "", f"cannot read: {exc.strerror or exc}") from None
    if fmt == "json":
        return _parse_json(raw, name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(name, f"line {line}", "not UTF-8 text (save the file as UTF-8)") from None
    del raw
    limits.too_deep(name, limits.depth_of_toml(text))
    import tomllib  # only for TOML files: its patterns cost every other run to compile

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_AT.search(message)
        where = f"line {found.group(1)}" if found and found.group(1) else ""
        raise InputError(name, where, f"invalid TOML: {_TOML_AT.sub('', message).strip()}") from None
    except RecursionError:
        # Not reached with the depth bound above; kept so a parser change cannot crash.
        raise InputError(name, "", "invalid TOML: nested too deeply") from None


def _parse_json(raw: bytes, name: str) -> Any:
    depth, containers = limits.shape_of_json(raw)
    limits.too_deep(name, depth)
    # Parsed without a hook first: the hook that refuses a key given twice cost a third of
    # the parse (a call per object, benchmarks/core.py). A parsed object keeps one of a key
    # given twice, so the document has none when its objects hold as many keys as it has
    # colons outside strings (every colon in it, unless a string holds one). Anything else
    # (a key given twice; a syntax error, where the order in the file decides which error
    # is told) is parsed again with the hook, which gives the answer or the error as before.
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError among them
        pass
    else:
        keys = _keys_parsed(data, containers)
        if keys is not None and (raw.count(b":") == keys or limits.keys_of_json(raw) == keys):
            return data
        del data
    try:
        return json.loads(raw, object_pairs_hook=_no_duplicates)
    except UnicodeDecodeError as exc:
        # The whole file was decoded at once: where the decoder stopped is in the file.
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(name, f"line {line}", "not UTF-8 text (save the file as UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise InputError(name, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise InputError(name, "", "invalid JSON: nested too deeply") from None
    except _DuplicateKey as exc:
        from .json_locate import find_duplicate_key  # only on this error: its pattern compiles

        found = find_duplicate_key(raw.decode("utf-8-sig"))
        where = f"line {found[1]}: {found[0]}" if found else ""
        raise InputError(name, where, f"invalid JSON: duplicate key {exc.args[0]!r}") from None


class _DuplicateKey(Exception):
    pass


_SCALARS = frozenset({str, int, float, bool, type(None)})
_OBJECTS = frozenset({dict})


def _keys_parsed(data: Any, containers: int) -> int | None:
    """The keys of every object of parsed JSON that has ``containers`` arrays and objects
    (None if they are not all found, which valid JSON never gives).

    Counted a list at a time, in C: the keys of a list of objects at once, and the values of
    its objects looked at only while some array or object is still to be found, the
    smallest lists first (a province's institutions, a list of flat objects, are counted
    without a look at their values).

    >>> _keys_parsed({"a": [{"b": 1, "c": [{"d": {}}]}, "e", {"f": None}], "g": {"h": 2}}, 8)
    7
    >>> _keys_parsed([{"b": [{"c": 1}]}, {"d": 2}], 5), _keys_parsed([{"b": 1}], 5)
    (3, None)
    """
    keys, found, lists = _walk([data] if type(data) is dict or type(data) is list else [], lazy=True)
    for objects in sorted(lists, key=len):
        if found == containers:
            break
        values = itertools.chain.from_iterable(map(dict.values, objects))
        more, inner, _ = _walk([v for v in values if type(v) is dict or type(v) is list], lazy=False)
        keys += more
        found += inner
    return keys if found == containers else None


def _walk(pending: list[Any], lazy: bool) -> tuple[int, int, list[list[dict[str, Any]]]]:
    """The keys and the arrays and objects found in ``pending`` (all of them, or when
    ``lazy`` all but those inside a list of objects, which are returned unlooked at)."""
    keys = found = 0
    lists: list[list[dict[str, Any]]] = []
    while pending:
        value = pending.pop()
        found += 1
        if type(value) is dict:
            keys += len(value)
            value = list(value.values())
        kinds = set(map(type, value))
        if kinds <= _SCALARS:
            continue
        if kinds == _OBJECTS:
            keys += sum(map(len, value))
            found += len(value)
            if lazy:
                lists.append(value)
                continue
            value = list(itertools.chain.from_iterable(map(dict.values, value)))
            kinds = set(map(type, value))
        inner = kinds - _SCALARS  # the kinds of containers among the values
        if not inner:
            continue
        if len(inner) == 1:
            # One kind among scalars (a consortium's members: ids and a few objects), picked
            # in C, not by a comprehension's turn per item.
            kind = itertools.repeat(inner.pop())
            pending += itertools.compress(value, map(operator.is_, map(type, value), kind))
        else:
            pending += [item for item in value if type(item) is dict or type(item) is list]
    return keys, found, lists


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of duplicate keys silently; a strict loader refuses them. The
    # mapping is built in C and its size compared (a loop over the pairs cost half the
    # parse of a province); the pairs are walked only when one is missing.
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


_TOML_AT = re.compile(r"\(at line (\d+), column \d+\)|\(at end of document\)")


def _parse_yaml(path: Path, name: str, item: Item | None) -> Any:
    # Events, not nodes: safe at any depth, and the file is read as a stream. Tags such as
    # ``!!python/object`` are refused, never constructed. PyYAML is imported here, for
    # YAML files only: its import compiles a dozen patterns (~60M callgrind instructions of a
    # JSON ``assess``, nearly all of it wasted there).
    import yaml

    from .yaml_events import StrictSafeLoader, load_events

    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return load_events(handle, StrictSafeLoader, item)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise InputError(name, where, f"invalid YAML: {exc.problem}") from None
    except yaml.reader.ReaderError as exc:
        # Its text has two lines (the reason, then the position): say it in one.
        first = str(exc).splitlines()[0] if str(exc) else exc.reason
        raise InputError(name, f"line {_line_at(path, exc.position)}", f"invalid YAML: {first}") from None
    except UnicodeDecodeError:
        # Decoded in chunks as the events are read: the line is found by reading again.
        line = limits.undecodable_line(path)
        raise InputError(name, f"line {line}", "not UTF-8 text (save the file as UTF-8)") from None
    except yaml.YAMLError as exc:
        raise InputError(name, "", f"invalid YAML: {_one_line(str(exc))}") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # PyYAML's constructors raise plain errors for values such as ``2020-13-01``.
        raise InputError(name, "", f"invalid YAML: {_one_line(str(exc))}") from None
    except OSError as exc:
        raise InputError(name, "", f"cannot read: {exc.strerror or exc}") from None


def _line_at(path: Path, position: int) -> int:
    """The line of a character position (only on the error path: reads the file again)."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        return handle.read(position).count("\n") + 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _first_error(exc: BaseException, path: str = "") -> tuple[str, str]:
    """(path inside the data, message) of the first problem in a cattrs validation error.

    cattrs notes each nested error with the attribute name or the list index/mapping key
    it happened at; the path is built from those notes (``consortia[2].members[5]``,
    mapping keys as ``.key``). Unknown keys extend the path with the key itself.
    """
    import cattrs  # imported by the converter that raised: here only on an error
    from cattrs.errors import IterableValidationNote

    if isinstance(exc, cattrs.ClassValidationError | cattrs.IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, IterableValidationNote):
                step = f".{note.index}" if isinstance(note.index, str) else f"[{note.index}]"
            else:
                step = f".{note.name}"
            return _first_error(inner, path + step)
        for inner in without:
            return _first_error(inner, path)
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        key = sorted(exc.extra_fields)[0]
        return f"{path}.{key}", "unknown key"
    return path, _describe(exc)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return "required key missing"
    text = str(exc)
    if isinstance(exc, AttributeError) and text.endswith("has no attribute 'items'"):
        return "expected a mapping"
    if isinstance(exc, TypeError) and text.endswith("is not iterable"):
        return "expected a list"
    if isinstance(exc, ValueError | TypeError) and text:
        # The converter's hooks and the model's own checks speak to people already.
        return text
    return f"invalid value ({type(exc).__name__})"


def _join(prefix: str, where: str) -> str:
    where = where.lstrip(".")
    if not prefix:
        return where
    if not where:
        return prefix
    if prefix.startswith("line "):
        # CSV: ``line 7: column id``
        return f"{prefix}: column {where}"
    return prefix + ("" if where.startswith("[") else ".") + where


def structure(data: Any, cls: type[T], source: str, prefix: str = "") -> T:
    """Structure plain data into ``cls`` or raise an InputError with the path inside."""
    try:
        return converter.structure(data, cls)
    except structure_errors() as exc:
        where, message = _first_error(exc)
        raise InputError(source, _join(prefix, where), message) from None


def _mapping(data: Any, source: str, what: str) -> Mapping[str, Any]:
    if data is None:
        raise InputError(source, "", f"the file is empty, expected {what}")
    if not isinstance(data, Mapping):
        raise InputError(source, "", f"expected a mapping at the top ({what}), got {kind_of(data)}")
    return data


def _top_keys(data: Mapping[str, Any], allowed: frozenset[str], source: str) -> None:
    for key in sorted(data, key=str):
        if key not in allowed:
            raise InputError(source, str(key), "unknown key")


# -- CSV --------------------------------------------------------------------------------
def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; blank cells are dropped (missing values).

    The header is line 1; a duplicate or empty column name is refused there.
    """
    rows = _csv_cells(path)
    _line, header = next(rows)
    strip = str.strip
    for line, cells in rows:
        yield line, {k: v for k, v in zip(header, map(strip, cells), strict=True) if v}


def _csv_cells(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(1, the header), then (line number, cells) for each data row, as written (a cell
    empty once stripped is a missing value), with every check of :func:`_csv_rows`."""
    name = str(path)
    line = 1
    try:
        # csv.reader with the header's columns zipped in here: DictReader's per-row work
        # cost a third of reading a statistics file (benchmarks/core.py).
        with _csv_open(path) as handle:
            reader, header = _csv_reader(handle, name)
            yield 1, header
            width = len(header)
            for at, row in csv_lines.rows(handle, reader.line_num):
                if len(row) != width:
                    _csv_blank_or_refused(name, at, row, width)
                    continue
                line = at
                yield line, row
    except (UnicodeDecodeError, csv.Error) as exc:
        raise _csv_error(path, line, exc) from None


def _csv_open(path: Path) -> TextIO:
    """The file of :func:`_csv_cells`, open, past its limits."""
    limits.input_file(path)
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc.strerror or exc}") from None


def _csv_reader(handle: TextIO, name: str) -> tuple[Any, list[str]]:
    """A CSV reader of the open file, and its header row, refused when missing, or with a
    column without a name or twice."""
    reader = csv.reader(handle)
    header = next(reader, None)
    if header is None:
        raise InputError(name, "line 1", "empty CSV file, expected a header row")
    seen: set[str] = set()
    for column in header:
        if not column.strip():
            raise InputError(name, "line 1", "a column has no name")
        if column in seen:
            raise InputError(name, "line 1", f"column {column!r} appears twice")
        seen.add(column)
    return reader, header


def _csv_blank_or_refused(name: str, line: int, row: list[str], width: int) -> None:
    """Let a blank line pass (it has no cells); refuse a row with another number of cells
    than the header has columns."""
    if not row:
        return
    if len(row) > width:
        raise InputError(name, f"line {line}", "more cells than header columns")
    # A cell went missing (a lost separator), which would silently shift or drop values.
    raise InputError(name, f"line {line}", f"{len(row)} cells where the header has {width} columns")


def _csv_error(path: Path, line: int, exc: UnicodeDecodeError | csv.Error) -> InputError:
    """The error of a CSV file that cannot be read past ``line`` (the last row read). Text
    is decoded in chunks of several kilobytes, ahead of the rows read, so bytes that are not
    UTF-8 are placed by reading the file again line by line (limits.undecodable_line)."""
    if isinstance(exc, UnicodeDecodeError):
        return InputError(str(path), f"line {limits.undecodable_line(path)}", "not UTF-8 text")
    return InputError(str(path), f"line {line + 1}", f"invalid CSV: {exc}")


def _csv_header(path: Path) -> tuple[str, ...]:
    """The column names of a CSV file (line 1)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return tuple(next(csv.reader(handle), []))
    except (OSError, UnicodeDecodeError, csv.Error):
        return ()  # _csv_rows reports it with the proper message


_INSTITUTION_FIELDS = tuple(a.name for a in attrs.fields(Institution))
_INSTITUTION_REQUIRED = tuple(a.name for a in attrs.fields(Institution) if a.default is attrs.NOTHING)


#: Fields that repeat across institutions (a county has thousands): one string each.
_SHARED_FIELDS = ("division", "township")


def _shared_strings(data: Any) -> Any:
    """The mapping with its repeated values interned, so that a large network keeps one
    string per county and township rather than one per institution (about a fifth of
    the memory of a CSV network, benchmarks/large_inputs.py)."""
    if isinstance(data, dict):
        for field in _SHARED_FIELDS:
            value = data.get(field)
            if type(value) is str:
                data[field] = sys.intern(value)
    return data


def _institution_from_csv(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = _shared_strings(dict(row))
    if "provincially_administered" in out:
        value = out["provincially_administered"].lower()
        if value not in ("true", "false"):
            raise ValueError(f"column provincially_administered: expected true or false, got {value!r}")
        out["provincially_administered"] = value == "true"
    if "capabilities" in out:
        # Several values in one cell, separated by semicolons.
        out["capabilities"] = [c.strip() for c in out["capabilities"].split(";") if c.strip()]
    return out


def load_institutions_csv(path: Path) -> tuple[Institution, ...]:
    """Institutions from a CSV with one column per field (``id,name,level,type,...``);
    ``capabilities`` holds several values separated by ``;``."""
    return _institutions_csv(path)[0]


def _institutions_csv(path: Path) -> tuple[tuple[Institution, ...], dict[str, Institution] | None]:
    """The institutions of a CSV file, in file order, and their index by id (None when an
    id appears twice, which the network's check reports).

    The index is built as the rows are read (its last growth, when the old table and the
    new one are both alive, comes while a quarter of the file is still unread), and the
    tuple from it at its final size; no line number kept per institution (a large file has
    millions): an error found later names its line through :func:`_csv_line`.
    """
    name = str(path)
    header = _csv_header(path)
    for column in header:
        if column and column not in _INSTITUTION_FIELDS:
            raise InputError(name, f"line 1: column {column}", "unknown column")
    missing = [c for c in _INSTITUTION_REQUIRED if header and c not in header]
    if missing:
        raise InputError(name, "line 1", f"required column {missing[0]!r} missing")
    by_id: dict[str, Institution] = {}
    rows = _institution_rows(path)
    for inst in rows:
        ident = inst.id
        if ident in by_id:
            # Kept in file order with the duplicate, for the network's check to name it.
            return (*by_id.values(), inst, *rows), None
        by_id[ident] = inst
    return tuple(by_id.values()), by_id


def _institution_rows(path: Path) -> Iterator[Institution]:
    name = str(path)
    for line, row in _csv_rows(path):
        try:
            data = _institution_from_csv(row)
        except ValueError as exc:
            raise InputError(name, f"line {line}", str(exc)) from None
        built = direct.institution(data)  # the usual case, without cattrs
        yield built if built is not None else structure(data, Institution, name, f"line {line}")


def _csv_line(path: Path, index: int) -> int:
    """The line of the ``index``-th data row (only on the error path: reads the file again)."""
    for position, (line, _row) in enumerate(_csv_rows(path)):
        if position == index:
            return line
    raise IndexError(index)


_INSTITUTION_AT = re.compile(r"^institutions\[(\d+)\](?:\.(\w+))?$")


# -- network ----------------------------------------------------------------------------
_NETWORK_KEYS = frozenset({"institutions", "consortia", "secondments", "synthetic", "description"})


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Its generational passes grow with the heap, which made loading a province-scale
    network about 30 % slower (benchmarks/core.py); nothing built here forms a cycle.
    What was loaded is then handed to the oldest generation unwalked
    (:func:`medconsortium.engine.heap.to_oldest`): left in the youngest, the first young
    collection after the pause walked every object loaded, 2.5 s for the 16x network
    (two million objects far apart in memory) and 0.4 s for its statistics. Nothing is
    handed over after an error, in a pause within a pause, or in a process that froze
    objects itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    loaded = False
    try:
        yield
        loaded = True
    finally:
        if was_enabled:
            if loaded and not gc.get_freeze_count():
                to_oldest()
            gc.enable()


def load_network(
    path: str | Path,
    installed: Collection[str] | None = None,
    in_file_order: bool = False,
    known_facts: Mapping[str, str] | None = None,
) -> Network:
    """Load a network file. ``institutions`` may be a list or the name of a CSV file next
    to the network file.

    ``installed``, when given, are the jurisdiction codes plugins provide: every division
    code must then be a plausible division (see :mod:`medconsortium.model.divisions`).

    The network comes in canonical order (:mod:`medconsortium.model.canonical`), so that reports
    do not depend on the order of the file; ``in_file_order`` keeps the file's order, for
    further checks that name places in the file. ``known_facts``, when given, are the
    governance facts and departments plugins declare: those of the network are checked
    (:func:`check_facts`) in the file's order, before the canonical one.

    >>> from medconsortium.examples import EXAMPLES
    >>> len(load_network(EXAMPLES / "national-network.yaml").consortia)
    2
    """
    with collector_paused():
        network = _load_network(Path(path), installed, indexed=in_file_order)
        if known_facts is not None:
            check_facts(network, known_facts, str(path))
        # Put in canonical order, the network built is only checked (model.network.unindexed).
        return network if in_file_order else canonical(network)


def _check_divisions(network: Network, installed: Collection[str], codes: list[str] | None = None) -> None:
    """Refuse division codes that are no plausible division (see load_network); ``codes``,
    when given, are the institutions' codes in the order they first come (as the network's
    check gathered them, model.network.unindexed)."""
    vouched = installed_codes(installed)
    # A county has thousands of institutions: each code is judged once, in the order the
    # codes first come (gathered in C; a loop in Python over every institution cost a
    # twentieth of loading a province), and the first place of a bad one is found then.
    # Iterators, not lists: a list of 1.8 million codes is 14 MiB at the peak of loading.
    places: tuple[tuple[str, tuple[Any, ...], Callable[[Any], Any], list[str] | None], ...] = (
        ("institutions", network.institutions, field_reader("division"), codes),
        ("consortia", network.consortia, operator.attrgetter("division"), None),
    )
    for field, items, division, known in places:
        for code in dict.fromkeys(map(division, items)) if known is None else known:
            problem = division_problem(code, vouched)
            if problem is not None:
                index = operator.indexOf(map(division, items), code)
                raise NetworkError(f"{field}[{index}].division", problem)


def _load_network(path: Path, installed: Collection[str] | None, indexed: bool = True) -> Network:
    source = str(path)

    deferred: list[InputError] = []

    def institution(key: str, index: int, value: Any) -> Any:
        # YAML: each institution becomes its model object as soon as it is read, so that
        # the mappings of a large network are never all in memory at once. A bad one is
        # reported after the parse, so that a syntax error further on still comes first.
        if key != "institutions" or deferred:
            return value
        try:
            return structure(_shared_strings(value), Institution, source, f"institutions[{index}]")
        except InputError as exc:
            deferred.append(exc)
            return value

    parts: _Parts | None = None
    if path.suffix.lower() == ".json" and json_stream.worth_streaming(path):
        streamed = json_stream.read_network(path)
        if streamed is not None:
            parts = _parts(streamed, source, path.parent)
        # Anything unusual: the whole document, which gives the answer or the error.
        del streamed
    if parts is None:
        # Handed over, not named here: _parts drops the document as soon as it has what it
        # needs, before it reads a CSV file of institutions beside it.
        parts = _parts(_whole(path, institution, deferred), source, path.parent)
    # The parsed document is gone before the network is built and indexed, the peak of
    # loading: a large network's member ids were as many strings again (the checks keep
    # the institution's own string for each member, see Network).
    return _network(parts, source, installed, indexed)


def _whole(path: Path, item: Item, deferred: list[InputError]) -> Any:
    """The parsed document of a network file (its first bad institution raised, if any)."""
    data = read_structured(path, item)
    if deferred:
        raise deferred[0]
    return data


def network_from_data(
    data: Any, source: str, base: Path | None = None, installed: Collection[str] | None = None
) -> Network:
    """A network from plain data (what a file holds once parsed), with the same checks and
    errors as a file; ``source`` names it in errors, ``base`` is where a CSV file of
    institutions is looked for (default: the current directory); ``installed`` as for
    :func:`load_network`. The network comes in file order."""
    return _network(_parts(data, source, base), source, installed)


@attrs.frozen
class _Parts:
    """A network's parts, structured from its data and not yet checked together."""

    institutions: tuple[Institution, ...]
    consortia: tuple[Consortium, ...]
    secondments: tuple[Secondment, ...]
    csv_file: Path | None
    #: The institutions by id, when their reader built that index (see Network.indexed).
    by_id: dict[str, Institution] | None = None


def _parts(data: Any, source: str, base: Path | None) -> _Parts:
    data = _mapping(data, source, "a network")
    _top_keys(data, _NETWORK_KEYS, source)
    structure(data.get("synthetic", False), bool, source, "synthetic")
    if data.get("description") is not None:
        structure(data["description"], str, source, "description")
    raw_institutions = data.get("institutions")
    if raw_institutions is None:
        raise InputError(source, "institutions", "required key missing")
    csv_file: Path | None = None
    if isinstance(raw_institutions, str):
        csv_file = (base or Path(".")) / raw_institutions
        if not raw_institutions.strip() or csv_file.is_dir():
            # "" would name the network's own folder: say it where the name was written.
            raise InputError(source, "institutions", f"{raw_institutions!r} is not the name of a CSV file")
        # The rest of the document first, then the document is dropped: it is gone before the
        # file's institutions are read (16 MiB of parsed consortia beside 1.8 million of them,
        # benchmarks/large_inputs.py). Its problems come after the file's, as before.
        try:
            consortia, secondments = _rest(data, source)
        except InputError:
            _institutions_csv(csv_file)
            raise
        del data
        institutions, by_id = _institutions_csv(csv_file)
        return _Parts(institutions, consortia, secondments, csv_file, by_id)
    elif isinstance(raw_institutions, list) and all(type(i) is Institution for i in raw_institutions):
        institutions = tuple(raw_institutions)
    else:
        built = _direct_institutions(raw_institutions)
        if built is None:
            built = structure(raw_institutions, tuple[Institution, ...], source, "institutions")
        institutions = built
    consortia, secondments = _rest(data, source)
    return _Parts(institutions, consortia, secondments, csv_file)


def _rest(data: Mapping[str, Any], source: str) -> tuple[tuple[Consortium, ...], tuple[Secondment, ...]]:
    """A network's consortia and secondments."""
    consortia = structure(data.get("consortia", []), tuple[Consortium, ...], source, "consortia")
    secondments = structure(data.get("secondments", []), tuple[Secondment, ...], source, "secondments")
    return consortia, secondments


def _network(parts: _Parts, source: str, installed: Collection[str] | None, indexed: bool = True) -> Network:
    """The network of ``parts``, checked (and ``indexed`` for its queries, see
    :func:`~medconsortium.model.network.unindexed`)."""
    csv_file = parts.csv_file
    try:
        with contextlib.nullcontext() if indexed else unindexed() as codes:
            if parts.by_id is not None:
                network = Network.indexed(parts.institutions, parts.by_id, parts.consortia, parts.secondments)
            else:
                network = Network(parts.institutions, parts.consortia, parts.secondments)
        if installed is not None:
            _check_divisions(network, installed, codes)
    except NetworkError as exc:
        found = _INSTITUTION_AT.match(exc.location)
        if csv_file is not None and found:
            # The institution came from the CSV file: name that file and its line.
            where = f"line {_csv_line(csv_file, int(found.group(1)))}"
            if found.group(2):
                where += f": column {found.group(2)}"
            raise InputError(str(csv_file), where, exc.message) from None
        raise InputError(source, exc.location, exc.message) from None
    return network


def _direct_institutions(raw: Any) -> tuple[Institution, ...] | None:
    """The institutions of a parsed list, each built without cattrs (io/direct.py); None
    as soon as one needs the converter, which then structures the list and reports the
    first bad institution at its place."""
    return direct.institutions(raw) if type(raw) is list else None


# Network.from_dict reads through here; registering keeps the model free of this layer.
_network_module._FROM_DATA = network_from_data


def check_facts(network: Network, known_facts: Mapping[str, str], source: str) -> None:
    """Refuse governance facts and departments that no plugin declares.

    ``known_facts`` maps fact id to its kind (``fact`` or ``department``).
    """
    for c_index, cons in enumerate(network.consortia):
        for key in sorted(cons.governance.facts):
            if known_facts.get(key) != "fact":
                raise InputError(
                    source,
                    f"consortia[{c_index}].governance.facts.{key}",
                    f"unknown governance fact {key!r}",
                )
        for dept in sorted(cons.governance.departments or ()):
            if known_facts.get(dept) != "department":
                raise InputError(
                    source,
                    f"consortia[{c_index}].governance.departments",
                    f"unknown department {dept!r}",
                )


# -- statistics -------------------------------------------------------------------------
# Records are checked by hand rather than through cattrs: a province has hundreds of
# thousands of them, and the checks are few (see benchmarks/core.py).
_RECORD_KEYS = ("scope", "id", "year", "values")
_SCOPES = {s.value: s for s in Scope}
_SCOPE_NAMES = ", ".join(_SCOPES)


def _record(
    scope: Any, subject: Any, year: Any, values: Mapping[str, Any], metrics: Collection[str] | None
) -> tuple[StatRecord | None, str, str]:
    """A record, or (None, field, message) saying what is wrong with it."""
    head, field, message = _head(scope, subject, year)
    if head is None:
        return None, field, message
    clean: dict[str, float] = {}
    for key, value in values.items():
        if not isinstance(key, str):
            return None, "values", f"metric names are strings, got {key!r}"
        if metrics is not None and key not in metrics:
            return None, f"values.{key}", f"unknown metric {key!r}"
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return None, f"values.{key}", f"expected a finite number, got {value!r}"
        clean[key] = float(value)
    return built_record(head[0], head[1], head[2], clean), "", ""


def _head(scope: Any, subject: Any, year: Any) -> tuple[tuple[Scope, str, int] | None, str, str]:
    """The checked (scope, id, year) of a record, or (None, field, message)."""
    found = _SCOPES.get(scope) if isinstance(scope, str) else None
    if found is None:
        return None, "scope", f"{scope!r} is not one of: {_SCOPE_NAMES}"
    if isinstance(subject, int) and not isinstance(subject, bool):
        subject = str(subject)
    if not isinstance(subject, str) or not subject.strip():
        return None, "id", f"expected a non-empty string, got {kind_of(subject)}"
    if found is Scope.AREA and not is_division_code(subject):
        return None, "id", f"{subject!r} is not a GB/T 2260 code"
    if isinstance(year, bool) or not isinstance(year, int):
        return None, "year", f"expected a whole number, got {year!r}"
    if limits.check_year(year) is not None:
        return None, "year", str(limits.check_year(year))
    return (found, subject, year), "", ""


#: Columns of a statistics CSV that are not metrics. ``provenance`` is text saying where
#: the numbers come from (``events aggregate`` writes it); it is read and not interpreted.
_CSV_HEAD = ("scope", "id", "year", "provenance")


#: Where a record was read: its line in a CSV file (a number, made text only for a message:
#: formatting it for every row cost a thirtieth of a load), or ``records[i]``.
_Where = int | str


def _place(where: _Where, column: str, key: str) -> str:
    """The place of a record's field in a message: a CSV file's line and column, or the
    record's key."""
    return f"line {where}: column {column}" if isinstance(where, int) else f"{where}.{key}"


def _line(where: _Where) -> str:
    return f"line {where}" if isinstance(where, int) else where


#: A reader of the metric cells of a row of one shape (see :func:`_shape_reader`).
_ShapeReader = Callable[[list[str]], dict[str, float] | None]


def _shape_reader(
    filled: list[tuple[int, str, float, float, bool]], parts: list[tuple[str, str]], empty: int
) -> _ShapeReader:
    """A function reading the cells of ``filled`` (index, column, minimum, maximum, whole
    numbers only) of a row that has ``empty`` empty cells into a record's values, or giving
    None when the row has another number of them, or a cell of ``filled`` is not a number
    or is out of its bounds, or a part is above its whole (both filled): the checks of
    :func:`_statistics_from_csv`'s loop, which reads such a row again to name its problem.

    Generated for the columns, as attrs generates ``__init__``: the bytecode of a loop over
    the columns and their bounds cost more a cell than its float(). A comparison each way
    with a bound, strict for an infinite one, also refuses an infinity or NaN.
    """
    scope: dict[str, Any] = {}
    names = {column: f"v{i}" for i, (_, column, *_) in enumerate(filled)}
    tests = []
    for i, (_, _, low, high, whole) in enumerate(filled):
        scope[f"low_{i}"], scope[f"high_{i}"] = low, high
        # A finite float bound as its literal (repr() gives it back exactly): a constant, not a
        # name to look up. is_integer() is False for an infinity and NaN, so a whole number's
        # infinite bound is not tested.
        low_text, high_text = (
            repr(bound) if type(bound) is float and math.isfinite(bound) else name
            for bound, name in ((low, f"low_{i}"), (high, f"high_{i}"))
        )
        test = f"v{i}"
        if not (whole and low == -math.inf):
            test = f"{low_text} {'<=' if math.isfinite(low) else '<'} {test}"
        if not (whole and high == math.inf):
            test = f"{test} {'<=' if math.isfinite(high) else '<'} {high_text}"
        if test != f"v{i}":
            tests.append(test)
        if whole:
            tests.append(f"v{i}.is_integer()")
    tests += [f"{names[part]} <= {names[whole]}" for part, whole in parts if part in names and whole in names]
    # The empty cells counted in C: a row with as many as ``filled`` leaves has no other
    # metric cell filled, unless one of ``filled`` is empty, which float() refuses.
    lines = ["def read(cells):", f"    if cells.count('') != {empty}:", "        return None"]
    if filled:
        lines.append("    try:")
        lines += [f"        v{i} = float(cells[{at}])" for i, (at, *_) in enumerate(filled)]
        lines += ["    except ValueError:", "        return None"]
    # The columns' names as literals (repr() of a str is one): a dict display of constant keys.
    values = ", ".join(f"{column!r}: {name}" for column, name in names.items())
    lines += [f"    if {' and '.join(tests) or 'True'}:", f"        return {{{values}}}", "    return None"]
    exec("\n".join(lines), scope)
    read: _ShapeReader = scope["read"]
    return read


def _statistics_from_csv(
    path: Path, metrics: Collection[str] | Mapping[str, Metric] | None, network: Network | None
) -> Statistics:
    """The statistics of a CSV file, each row checked as :func:`_statistics` checks a
    record, in the same loop (a generator between them cost a hand-off per row).

    With the metrics' declarations, each cell is compared with its column's bounds as it is
    read (one pass instead of a second walk over the record); a record outside them, or with
    a part above its whole, is not judged, and :class:`_Kept` names its
    problem with :func:`~medconsortium.model.domains.value_checker` at the same point as for
    other formats. Without them every record is judged.
    """
    source = str(path)
    kept = _Kept(source, metrics, network)
    index, places, records, in_network = kept.index, kept.places, kept.records, kept.in_network
    judging = kept.domains
    header = _csv_header(path)
    for column in ("scope", "id", "year"):
        if header and column not in header:
            raise InputError(source, "line 1", f"required column {column!r} missing")
    for column in header:
        if metrics is not None and column not in _CSV_HEAD and column not in metrics:
            raise InputError(source, f"line 1: column {column}", f"unknown metric {column!r}")
    # The rows are read here, not from _csv_cells: a generator between the reader and
    # this loop cost a hand-off per row (a sixtieth of a load).
    line = 1
    try:
        with _csv_open(path) as handle:
            reader, columns = _csv_reader(handle, source)
            width = len(columns)
            # Columns are found once, not per row: a province has tens of thousands of rows.
            heads = [columns.index(c) for c in ("scope", "id", "year")]
            at_scope, at_id, at_year = heads
            measured = [(i, c) for i, c in enumerate(columns) if c not in _CSV_HEAD]
            everything = (-math.inf, math.inf, False)
            domains = [
                domain_bounds(metrics[c]) if isinstance(metrics, Mapping) else everything for _, c in measured
            ]
            checked = [(at, column, *domain) for (at, column), domain in zip(measured, domains, strict=True)]
            # Parts and their wholes that both have a column: a record may hold both.
            parts = [
                (column, whole_id)
                for _, column in measured
                if isinstance(metrics, Mapping)
                for whole_id in metrics[column].at_most
                if whole_id in columns
            ]
            part_columns = frozenset(column for column, _ in parts)
            isfinite = math.isfinite
            # The checked (scope, year) of each pair of their cells as written: a file has a few
            # (three scopes, a few years), and checking them on every row cost a tenth of a load.
            # Only pairs that passed every check are kept, so a miss takes the checks in order;
            # area rows always do (their ids are checked there too).
            known_heads: dict[tuple[str, str], tuple[Scope, int]] = {}
            # A reader of the rows shaped as the first of each scope (as written): the same
            # metric cells filled (_shape_reader). Made only when every column is a head or a
            # metric, for the count of empty cells in a row to be that of its metric cells.
            shapes: dict[str, _ShapeReader] = {}
            sparse = len(heads) + len(checked) == len(columns)
            # The lines are read here, a line without a quote split at its commas in the
            # loop (io.csv_lines: the same rows as csv.reader's, for two thirds of its
            # instructions; a call per row for it cost another twentieth of a load).
            read, limit = reader.line_num, csv.field_size_limit()
            for text in handle:
                if '"' not in text and "\0" not in text and len(text) <= limit:
                    read += 1
                    text = text.rstrip("\r\n")
                    cells = text.split(",") if text else []
                else:
                    cells, taken = csv_lines.record(text, handle)
                    read += taken
                if len(cells) != width:
                    _csv_blank_or_refused(source, read, cells, width)
                    continue
                line = read
                subject = cells[at_id].strip()
                known = known_heads.get((cells[at_scope], cells[at_year]))
                if known is None or not subject:
                    scope, year = cells[at_scope].strip(), cells[at_year].strip()
                    if not (scope and subject and year):
                        for column, at in zip(("scope", "id", "year"), heads, strict=True):
                            if not cells[at].strip():
                                raise InputError(
                                    source, f"line {line}: column {column}", "empty cell, a value is required"
                                )
                    if not year.isdigit():
                        raise InputError(
                            source, f"line {line}: column year", f"expected a whole number, got {year!r}"
                        )
                # A row shaped as the first of its scope is read by that shape's reader: a turn of
                # this loop for each cell cost an eighth of a load. Should the row have another
                # shape, or a cell be bad or out of its bounds, the reader gives None and the row
                # is read here cell by cell, which names the first bad cell and judges the record.
                shape = shapes.get(cells[at_scope])
                values = None if shape is None else shape(cells)
                judged = True
                if values is None:
                    values = {}
                    for at, column, low, high, whole in checked:
                        cell = cells[at]
                        if not cell:
                            continue  # a missing value
                        # float() skips the blanks around a number, so cells are stripped only when it
                        # refuses one (stripping every cell cost a fifth of reading the file).
                        try:
                            number = float(cell)
                        except ValueError:
                            cell = cell.strip()
                            if not cell:
                                continue  # only blanks: a missing value
                            try:
                                number = float(cell)  # str.strip() knows a few more blanks than float()
                            except ValueError:
                                raise InputError(
                                    source,
                                    f"line {line}: column {column}",
                                    f"expected a number, got {cell!r}",
                                ) from None
                        if not isfinite(number):
                            raise InputError(
                                source,
                                f"line {line}: column {column}",
                                f"expected a finite number, got {cell.strip()}",
                            )
                        # is_integer, not int(): a call of the int type cost a tenth of a load.
                        if number < low or number > high or (whole and not number.is_integer()):
                            judged = False
                        values[column] = number
                    # Most records hold no part (an institution's), and asking for each pair cost a
                    # fifteenth of a load.
                    if not part_columns.isdisjoint(values):
                        for column, whole_id in parts:
                            if column in values and whole_id in values and values[column] > values[whole_id]:
                                judged = False
                    if shape is None and sparse and cells[at_scope] not in shapes:
                        filled = [entry for entry in checked if entry[1] in values]
                        shapes[cells[at_scope]] = _shape_reader(filled, parts, len(checked) - len(filled))
                # The header was checked against the metrics: only the record's head is left.
                if known is None:
                    head, field, message = _head(scope, subject, int(year))
                    if head is None:
                        raise InputError(source, f"line {line}: column {field}", message)
                    known = head[0], head[2]
                    if known[0] is not Scope.AREA:  # whose ids _head checks too: a few rows
                        known_heads[cells[at_scope], cells[at_year]] = known
                record = built_record(known[0], subject, known[1], values)
                if network is not None and subject not in in_network[known[0]]:
                    kept.known(line, record)
                if judging is not None and not judged:
                    kept.judge(line, record)
                # One look-up, not two (a tuple's hash is not kept): a second record for the
                # key finds the first's values there, and is refused.
                if index.setdefault((known[0], subject, known[1]), values) is not values:
                    kept.duplicate(line, record)
                places.append(line)
                records.append(record)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise _csv_error(path, line, exc) from None
    return kept.statistics(False, None)


def _records_from_data(
    raw: Any, source: str, metrics: Collection[str] | None
) -> Iterator[tuple[_Where, StatRecord, bool]]:
    if not isinstance(raw, list):
        raise InputError(source, "records", f"expected a list of records, got {kind_of(raw)}")
    for index, item in enumerate(raw):
        where = f"records[{index}]"
        if not isinstance(item, Mapping):
            raise InputError(source, where, f"expected a mapping, got {kind_of(item)}")
        for key in sorted(item, key=str):
            if key not in _RECORD_KEYS:
                raise InputError(source, f"{where}.{key}", "unknown key")
        for key in _RECORD_KEYS:
            if key not in item:
                raise InputError(source, f"{where}.{key}", "required key missing")
        values = item["values"]
        if not isinstance(values, Mapping):
            raise InputError(source, f"{where}.values", f"expected a mapping, got {kind_of(values)}")
        record, field, message = _record(item["scope"], item["id"], item["year"], values, metrics)
        if record is None:
            raise InputError(source, f"{where}.{field}", message)
        yield where, record, False  # its values are judged by _statistics


def _check_subject(network: Network, record: StatRecord, source: str, where: _Where) -> None:
    # A record for an id the network does not have would be silently ignored: a typo in
    # an id would turn a consortium's figures into "not assessable" without a word.
    if record.scope is Scope.INSTITUTION:
        known = network.get_institution(record.id) is not None
    elif record.scope is Scope.CONSORTIUM:
        known = network.get_consortium(record.id) is not None
    else:
        return
    if not known:
        raise InputError(
            source, _place(where, "id", "id"), f"the network has no {record.scope.value} {record.id!r}"
        )


_STATISTICS_KEYS = frozenset({"records", "synthetic", "source", "description"})


def load_statistics(
    path: str | Path,
    metrics: Collection[str] | Mapping[str, Metric] | None = None,
    network: Network | None = None,
) -> Statistics:
    """Load statistics from YAML/JSON/TOML (``records: [{scope, id, year, values}]``) or
    a wide CSV (``scope,id,year,<metric>...``; an empty cell is a missing value).

    ``metrics``, when given, is the set of known metric ids: any other is refused. Given
    as a mapping to the :class:`~medconsortium.Metric` declarations, every value must also
    lie in its metric's domain (see :mod:`medconsortium.model.domains`). ``network``, when
    given, must have every institution and consortium a record names.
    Area records are identified by their GB/T 2260 code. One subject has at most one
    record per year.
    """
    with collector_paused():
        return _load_statistics(Path(path), metrics, network)


def _load_statistics(
    path: Path, metrics: Collection[str] | Mapping[str, Metric] | None, network: Network | None
) -> Statistics:
    if path.suffix.lower() == ".csv":
        return _statistics_from_csv(path, metrics, network)
    return statistics_from_data(read_structured(path), str(path), metrics, network)


def statistics_from_data(
    data: Any,
    source: str,
    metrics: Collection[str] | Mapping[str, Metric] | None = None,
    network: Network | None = None,
) -> Statistics:
    """Statistics from plain data (``{records: [...]}``, as a YAML file or a workbook
    gives it), with every check and message of :func:`load_statistics`."""
    data = _mapping(data, source, "statistics")
    _top_keys(data, _STATISTICS_KEYS, source)
    description: str | None = None
    synthetic = structure(data.get("synthetic", False), bool, source, "synthetic")
    if data.get("source") is not None:
        description = structure(data["source"], str, source, "source")
    if data.get("description") is not None:
        structure(data["description"], str, source, "description")
    if "records" not in data:
        raise InputError(source, "records", "required key missing")
    found = _records_from_data(data["records"], source, metrics)
    return _statistics(found, source, synthetic, description, metrics, network)


class _Kept:
    """The records of a load as they are checked, with the index of their Statistics
    (built here as duplicates are refused) and the place of each, for the message naming
    the first of two. A loader appends a record to ``records``, its place to ``places`` and
    its values to ``index`` after :meth:`check` (or the same steps inline, as the CSV
    loop does: the generator that handed its records to :func:`_statistics` cost another
    sixtieth of a load)."""

    def __init__(
        self,
        source: str,
        metrics: Collection[str] | Mapping[str, Metric] | None,
        network: Network | None,
    ) -> None:
        self.source = source
        self.network = network
        self.records: list[StatRecord] = []
        self.index: dict[tuple[Scope, str, int], Mapping[str, float]] = {}
        self.places: list[_Where] = []
        self.domains = value_checker(metrics) if isinstance(metrics, Mapping) else None
        # The ids of each scope found in the network: a subject has a record per year, and
        # asking the network again for each cost a twentieth of a load.
        self.in_network: dict[Scope, set[str]] = {scope: set() for scope in Scope}

    def check(self, where: _Where, record: StatRecord, judged: bool) -> None:
        """Refuse a record for a subject the network lacks, outside its domains (unless
        ``judged``), or a second for its (scope, id, year)."""
        if self.network is not None and record.id not in self.in_network[record.scope]:
            self.known(where, record)
        if self.domains is not None and not judged:
            self.judge(where, record)
        if (record.scope, record.id, record.year) in self.index:
            self.duplicate(where, record)

    def known(self, where: _Where, record: StatRecord) -> None:
        """Refuse a record whose subject the network lacks; note it as found otherwise."""
        assert self.network is not None
        _check_subject(self.network, record, self.source, where)
        self.in_network[record.scope].add(record.id)

    def judge(self, where: _Where, record: StatRecord) -> None:
        """Refuse a record outside its metrics' domains."""
        assert self.domains is not None
        problem = self.domains(record.values)
        if problem is not None:
            place = _place(where, problem[0].removeprefix("values."), problem[0])
            raise InputError(
                self.source, place, f"{problem[1]} ({record.scope.value} {record.id!r}, {record.year})"
            )

    def duplicate(self, where: _Where, record: StatRecord) -> None:
        """Refuse a second record for a (scope, id, year), naming the first's place."""
        key = (record.scope, record.id, record.year)
        first = next(
            p for p, r in zip(self.places, self.records, strict=True) if (r.scope, r.id, r.year) == key
        )
        raise InputError(
            self.source,
            _line(where),
            f"duplicate record for {record.scope.value} {record.id!r} in {record.year} "
            f"(first at {_line(first)})",
        )

    def statistics(self, synthetic: bool, description: str | None) -> Statistics:
        return Statistics.indexed(tuple(self.records), self.index, synthetic=synthetic, source=description)


def _statistics(
    found: Iterator[tuple[_Where, StatRecord, bool]],
    source: str,
    synthetic: bool,
    description: str | None,
    metrics: Collection[str] | Mapping[str, Metric] | None,
    network: Network | None,
) -> Statistics:
    kept = _Kept(source, metrics, network)
    for where, record, judged in found:
        kept.check(where, record, judged)
        kept.index[record.scope, record.id, record.year] = record.values
        kept.places.append(where)
        kept.records.append(record)
    return kept.statistics(synthetic, description)
