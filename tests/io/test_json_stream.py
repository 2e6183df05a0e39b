"""A JSON network read as a stream (io/json_stream.py): what the stream reads, it reads as
``json.loads`` does, through any window; anything else it leaves to the whole-document
reader (None), which then gives the same network or the same error as without the stream."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from core_support import good_network_data
from hypothesis import given, settings
from hypothesis import strategies as st

from medconsortium import InputError, load_network
from medconsortium.io import direct, json_stream, limits, loading

#: Every window from a single byte up, so that each boundary falls in every place of the
#: small files below (inside a key, a string, a number, a multi-byte character, an escape).
WINDOWS = [1, 2, 3, 5, 8, 13, 64, json_stream.WINDOW]


def _network() -> dict[str, Any]:
    """A good network with what a stream must read alike: optional fields, escapes,
    brackets, braces and colons inside strings, characters of two, three and four bytes."""
    data = good_network_data()
    first, second, third = data["institutions"]
    first.update(capabilities=["chest_pain_centre", "stroke_centre"], grade="A")
    first["name_en"] = 'Line\n"A" \\ [1]: {x}'
    second.update(township="镇：一", division=329901, provincially_administered=False)
    third.update(name="村卫生室 é 🏥 \u2028", name_en="\\")
    data["consortia"][0]["name"] = '县医共体 [{"a": 1}]'
    data["synthetic"] = True
    data["description"] = "x\\n\\\\: [["
    return data


def _expected(text: str) -> dict[str, Any]:
    """What the stream must answer: json.loads, with the institutions built directly."""
    whole = json.loads(text)
    built = direct.each(direct.institution, whole["institutions"])
    assert built is not None
    whole["institutions"] = list(built)
    return whole


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "network.json"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def _outcome(path: Path) -> str:
    try:
        return repr(load_network(path))
    except InputError as exc:
        return str(exc)


def _same_outcome_with_and_without_stream(path: Path, monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    """load_network gives the same network or error streamed (through ``window``) as read whole."""
    read = json_stream.read_network
    monkeypatch.setattr(json_stream, "STREAM_FROM", 0)
    monkeypatch.setattr(json_stream, "read_network", lambda p: read(p, window))
    streamed = _outcome(path)
    monkeypatch.setattr(json_stream, "read_network", lambda p: None)
    assert streamed == _outcome(path)


TEXTS = {
    "compact": lambda data: json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    "spaced": lambda data: json.dumps(data, ensure_ascii=False),
    "indented, escaped": lambda data: json.dumps(data, indent=2).replace("\n", "\r\n\t"),
}


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("style", list(TEXTS))
def test_a_good_network_is_read_alike_through_any_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, style: str, window: int
) -> None:
    text = TEXTS[style](_network())
    path = _write(tmp_path, text)
    streamed = json_stream.read_network(path, window)
    assert streamed is not None
    assert streamed == _expected(text)
    assert all(type(i).__name__ == "Institution" for i in streamed["institutions"])
    _same_outcome_with_and_without_stream(path, monkeypatch, window)


def _boundary_inside(text: str, part: str, into: int) -> int:
    """The window that ends the first read ``into`` bytes inside ``part`` of ``text``."""
    start = text.encode("utf-8").index(part.encode("utf-8"))
    return start + into


@pytest.mark.parametrize(
    ("part", "into"),
    [('"division"', 4), ('"township"', 9), ("县", 1), ("县", 2), ("🏥", 3), ("\\\\", 1), ('\\"A', 1)],
    ids=["a key", "a key before its quote", "a character, 1 byte in", "2 bytes in", "a 4-byte one",
         "an escaped backslash", "an escaped quote"],
)  # fmt: skip
def test_a_window_boundary_inside_a_key_a_character_or_an_escape_changes_nothing(
    tmp_path: Path, part: str, into: int
) -> None:
    text = TEXTS["spaced"](_network())
    window = _boundary_inside(text, part, into)
    raw = text.encode("utf-8")
    assert part.encode("utf-8") not in raw[:window] and raw[:window].endswith(part.encode("utf-8")[:into])
    assert json_stream.read_network(_write(tmp_path, text), window) == _expected(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"institutions": [], "synthetic": NaN}',
        '{"institutions": [], "x": 123456789012345678901234567890, "y": -1.5e300}',
        '{"institutions": [{"id": "\\ud800", "name": "a", "level": "secondary", "type": "county_hospital",'
        ' "ownership": "government", "division": "329901"}]}',
        ' \r\n{ } \n',
        '{"institutions": "institutions.csv", "consortia": {"not": "a list"}}',
    ],
    ids=["NaN", "a big integer and a small float", "a lone surrogate, as json keeps it", "empty",
         "values that are no lists"],
)  # fmt: skip
@pytest.mark.parametrize("window", [1, 7, json_stream.WINDOW])
def test_what_json_reads_the_stream_reads_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, window: int
) -> None:
    path = _write(tmp_path, text)
    streamed = json_stream.read_network(path, window)
    whole = json.loads(text)
    if isinstance(whole.get("institutions"), list):
        whole = _expected(text)
    assert streamed is not None
    assert repr(streamed) == repr(whole)  # repr: NaN is not equal to itself
    _same_outcome_with_and_without_stream(path, monkeypatch, window)


def _institution(**more: Any) -> str:
    fields = {"id": "h9", "name": "县医院", "level": "secondary", "type": "county_hospital",
              "ownership": "government", "division": "329901"}  # fmt: skip
    return json.dumps({**fields, **more}, ensure_ascii=False)


def _with_institution(inner: str) -> str:
    """A good network with one more institution written as ``inner``."""
    text = TEXTS["spaced"](_network())
    return text.replace('"institutions": [', f'"institutions": [{inner}, ', 1)


def _network_text_with(old: str, new: str, count: int = 1) -> str:
    text = TEXTS["spaced"](_network())
    assert old in text
    return text.replace(old, new, count)


GOOD = TEXTS["spaced"](_network())
DEEP = "[" * 70 + "]" * 70
UNUSUAL: list[tuple[str, str | bytes]] = [
    ("a key twice inside an institution", _with_institution(_institution()[:-1] + ', "name": "又"}')),
    ("the same, the last a good value", _with_institution(_institution()[:-1] + ', "division": "329902"}')),
    ("a key twice inside a membership", _network_text_with('"role": "lead"', '"role": "lead", "role": "x"')),
    ("a key twice at the top", GOOD[:-1] + ', "synthetic": false}'),
    ("nested too deeply inside an institution", _with_institution(_institution()[:-1] + f', "x": {DEEP}}}')),
    ("too deep inside a consortium", _network_text_with('"members": [', f'"x": {DEEP}, "members": [')),
    ("a syntax error at the end", GOOD[:-1]),
    ("more after the mapping", GOOD + " x"),
    ("a comma too many in a list", _network_text_with('"stroke_centre"', '"stroke_centre",,')),
    ("a comma too many at the end of a list", _network_text_with("}], ", "},], ")),
    ("a comma too many at the top", GOOD[:-1] + ",}"),
    ("not UTF-8", GOOD.replace("县", "\udcff", 1).encode("utf-8", "surrogateescape")),
    ("a surrogate encoded in UTF-8", GOOD.replace("县", "\ud800", 1).encode("utf-8", "surrogatepass")),
    ("a byte-order mark", "\ufeff" + GOOD),
    ("a list at the top", "[" + GOOD + "]"),
    ("an institution left to the converter", _with_institution(_institution(id=7))),
    ("a key that is no string", '{"institutions": [], 1: 2}'),
    ("no colon", '{"institutions" []}'),
    ("an empty file", ""),
    ("whitespace", " \n"),
]  # fmt: skip


@pytest.mark.parametrize("window", [1, 7, json_stream.WINDOW])
@pytest.mark.parametrize("text", [c[1] for c in UNUSUAL], ids=[c[0] for c in UNUSUAL])
def test_anything_unusual_is_left_to_the_whole_document_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | bytes, window: int
) -> None:
    path = _write(tmp_path, text)
    assert json_stream.read_network(path, window) is None
    _same_outcome_with_and_without_stream(path, monkeypatch, window)


def test_a_key_twice_inside_an_institution_is_found_by_counting_keys(tmp_path: Path) -> None:
    # The direct builder takes the institution as json keeps it (the last value): only
    # the count of keys in the bytes tells the stream that one was given twice.
    inner = _institution()[:-1] + ', "name": "又一个"}'
    assert direct.institution(json.loads(inner)) is not None
    assert json_stream.read_network(_write(tmp_path, _with_institution(inner))) is None
    assert json_stream.read_network(_write(tmp_path, _with_institution(_institution()))) is not None


@pytest.mark.parametrize("window", [1, 5, json_stream.WINDOW])
def test_the_depth_bound_is_the_whole_documents(tmp_path: Path, window: int) -> None:
    def text(depth: int) -> str:  # the top mapping and a value nested depth - 1 deep
        inner = "[" * (depth - 1) + '"]]"' + "]" * (depth - 1)
        return '{"institutions": [], "x": ' + inner + "}"

    for depth, read in ((limits.MAX_DEPTH, True), (limits.MAX_DEPTH + 1, False)):
        raw = text(depth).encode("utf-8")
        assert limits.depth_of_json(raw) == depth
        assert (json_stream.read_network(_write(tmp_path, raw), window) is not None) is read


# -- the structure, scanned in pieces -------------------------------------------------------
STRINGS = st.text(alphabet=st.sampled_from('ab县🏥[]{}":\\\n,'), max_size=6)
DOCUMENTS = st.recursive(
    st.none() | st.booleans() | st.integers() | STRINGS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(STRINGS, inner, max_size=4),
    max_leaves=12,
)


def _keys_and_depth(value: Any) -> tuple[int, int]:
    if isinstance(value, dict):
        inside = [_keys_and_depth(v) for v in value.values()]
        return len(value) + sum(k for k, _ in inside), 1 + max((d for _, d in inside), default=0)
    if isinstance(value, list):
        inside = [_keys_and_depth(v) for v in value]
        return sum(k for k, _ in inside), 1 + max((d for _, d in inside), default=0)
    return 0, 0


@settings(derandomize=True, deadline=None, max_examples=300)
@given(value=DOCUMENTS, cuts=st.lists(st.integers(0, 400), max_size=8), ascii=st.booleans())
def test_the_structure_of_a_document_in_pieces_is_the_structure_of_the_whole(
    value: Any, cuts: list[int], ascii: bool
) -> None:
    raw = json.dumps(value, ensure_ascii=ascii).encode("utf-8")
    keys, depth = _keys_and_depth(value)
    assert limits.depth_of_json(raw) == depth
    structure = json_stream._Structure()
    bounds = sorted({min(c, len(raw)) for c in cuts} | {0, len(raw)})
    for start, end in itertools.pairwise(bounds):
        structure.feed(raw[start:end])
    structure.feed(b"", final=True)
    assert (structure.keys, structure.depth) == (keys, 0)
    assert structure.deepest >= depth


@settings(derandomize=True, deadline=None, max_examples=300)
@given(value=DOCUMENTS, ascii=st.booleans(), indent=st.sampled_from([None, 1]))
def test_the_structure_outside_strings_is_found_in_what_the_pairs_of_quotes_leave(
    value: Any, ascii: bool, indent: int | None
) -> None:
    # limits.outside_strings matches strings only in what dropping quotes side by side
    # leaves: the same as matching every string of the text, and the scans built on it
    # count what the document holds.
    raw = json.dumps(value, ensure_ascii=ascii, indent=indent).encode("utf-8")
    for keep in (limits._BRACKETS, limits._COLONS):
        quoted = limits.marks(raw, keep)
        assert quoted == raw.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, keep)
        assert limits.outside_strings(quoted) == re.sub(rb'"[^"]*"', b"", quoted)
    assert (limits.keys_of_json(raw), limits.depth_of_json(raw)) == _keys_and_depth(value)


@settings(derandomize=True, deadline=None, max_examples=300)
@given(value=DOCUMENTS, members=st.lists(st.sampled_from(["h1", {"institution": "h2"}, [], 7]), max_size=6))
def test_the_keys_of_a_parsed_document_are_counted_as_its_text_holds_them(
    value: Any, members: list[Any]
) -> None:
    # What the whole-document reader compares with the colons (loading._parse_json), lists
    # of scalars and one kind of container among them (a consortium's members) included.
    document = {"a": value, "members": members, "consortia": [{"members": members, "b": value}]}
    raw = json.dumps(document).encode("utf-8")
    keys, _ = _keys_and_depth(document)
    _, containers = limits.shape_of_json(raw)
    assert loading._keys_parsed(json.loads(raw), containers) == keys == limits.keys_of_json(raw)


def test_one_string_holding_a_bracket_has_only_what_is_left_matched(monkeypatch: pytest.MonkeyPatch) -> None:
    # A URL or a bracket in one name of a large network: the strings are matched in the
    # few bytes the pairs of quotes leave, not in every string of the file.
    names = [{"id": f"h{i}", "name": "县医院", "division": "320612"} for i in range(1000)]
    names[500]["name"] = "县医院[分院] http://example.org"
    raw = json.dumps({"institutions": names}).encode("utf-8")
    subjects: list[int] = []
    pattern = limits._string()
    monkeypatch.setattr(
        limits,
        "_string",
        lambda: SimpleNamespace(sub=lambda by, text: subjects.append(len(text)) or pattern.sub(by, text)),
    )
    assert (limits.depth_of_json(raw), limits.keys_of_json(raw)) == (3, 3001)
    # The structure outside the strings and the one string, not the 6,000 strings.
    quoted = [len(limits.marks(raw, keep)) for keep in (limits._BRACKETS, limits._COLONS)]
    assert len(subjects) == 2
    assert all(subject < whole // 4 for subject, whole in zip(subjects, quoted, strict=True))


@pytest.mark.parametrize("piece", [1, 3, 1000])
def test_a_document_too_deep_is_refused_in_any_pieces(piece: int) -> None:
    raw = b'{"a": ' + b"[" * 64 + b"]" * 64 + b"}"
    structure = json_stream._Structure()
    with pytest.raises(json_stream._Unusual):
        for start in range(0, len(raw), piece):
            structure.feed(raw[start : start + piece])


# -- against the whole-document reader, on networks drawn at random -----------------------
NAMES = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=8)
EDITS = st.sampled_from(["none", "truncate", "insert", "delete"])


@settings(derandomize=True, deadline=None, max_examples=150)
@given(
    names=st.lists(NAMES, min_size=1, max_size=4),
    window=st.integers(1, 40),
    ascii=st.booleans(),
    edit=EDITS,
    at=st.integers(0, 2000),
    char=st.sampled_from([*',:[]{}"\\ 0an', "县"]),
)
def test_a_random_network_is_read_alike_or_left_to_the_whole_document(
    tmp_path_factory: pytest.TempPathFactory,
    names: list[str],
    window: int,
    ascii: bool,
    edit: str,
    at: int,
    char: str,
) -> None:
    data = _network()
    for index, name in enumerate(names):
        data["institutions"].append({**json.loads(_institution(id=f"r{index}")), "name": name})
    data["consortia"][0]["members"].append({"institution": names[0], "role": "lead"})
    text = json.dumps(data, ensure_ascii=ascii)
    at %= len(text)
    text = {
        "none": text,
        "truncate": text[:at],
        "insert": text[:at] + char + text[at:],
        "delete": text[:at] + text[at + 1 :],
    }[edit]
    streamed = json_stream.read_network(_write(tmp_path_factory.mktemp("random"), text), window)
    try:
        expected: Any = json.loads(text)
    except ValueError:
        expected = None  # not JSON: never read
    if not isinstance(expected, dict):
        expected = None
    elif isinstance(expected.get("institutions"), list):
        built = direct.each(direct.institution, expected["institutions"])
        expected = None if built is None else {**expected, "institutions": list(built)}
    if edit == "none":
        assert streamed == expected is not None
    elif expected is None:
        assert streamed is None
    else:  # an edit that leaves JSON: read alike, or left to the whole document
        assert streamed is None or streamed == expected
