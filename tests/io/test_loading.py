"""Input files: every kind of bad input is one line naming the file and the place in it."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from core_support import Cli, Files, good_network_data

from medconsortium import InputError, Registry, Scope, api, load_network, load_statistics
from medconsortium.io.loading import _institutions_csv

Edit = Callable[[dict[str, Any]], object]


def _set(path: str, value: Any) -> Edit:
    """An edit that sets ``a.b[2].c`` in the network data."""

    def edit(data: dict[str, Any]) -> None:
        parts = path.replace("[", ".").replace("]", "").split(".")
        node: Any = data
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return edit


def _append(path: str, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for part in path.replace("[", ".").replace("]", "").split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        node.append(value)

    return edit


def _public_health_lead(data: dict[str, Any]) -> None:
    cdc = {"id": "cdc", "name": "疾控中心", "level": "unrated", "type": "cdc", "ownership": "government"}
    data["institutions"].append({**cdc, "division": "329901"})
    data["consortia"][0]["members"] = [{"institution": "cdc", "role": "lead"}, "thc"]


NETWORK_CASES: list[tuple[str, Edit, str, str]] = [
    ("unknown key", _set("consortia[0].colour", "red"), "consortia[0].colour", "unknown key"),
    ("unknown top-level key", _set("colour", 1), "colour", "unknown key"),
    (
        "unknown key in a membership",
        _set("consortia[0].members[1]", {"institution": "thc", "rank": 1}),
        "consortia[0].members[1].rank",
        "unknown key",
    ),
    (
        "wrong type: list for a string",
        _set("consortia[0].division", [1]),
        "consortia[0].division",
        "expected a string, got a list",
    ),
    (
        "wrong type: string for a boolean",
        _set("institutions[1].provincially_administered", "yes"),
        "institutions[1].provincially_administered",
        "expected true or false, got 'yes'",
    ),
    (
        "wrong type: string for a list",
        _set("consortia[0].grid", "镇一"),
        "consortia[0].grid",
        "expected a list, got a string",
    ),
    (
        "wrong type: string for a mapping",
        _set("consortia[0].governance", "yes"),
        "consortia[0].governance",
        "expected a mapping, got a string",
    ),
    (
        "wrong type: institutions not a list",
        _set("institutions", {"id": "x"}),
        "institutions",
        "expected a list, got a mapping",
    ),
    (
        "wrong fact value",
        _set("consortia[0].governance", {"facts": {"charter": "yes"}}),
        "consortia[0].governance.facts.charter",
        "expected true or false, got 'yes'",
    ),
    (
        "unknown enum value",
        _set("consortia[0].kind", "galaxy"),
        "consortia[0].kind",
        "'galaxy' is not one of: city_medical_group, county_medical_community, specialty_alliance, "
        "telemedicine_network, urban_rural",
    ),
    (
        "required key missing",
        lambda d: d["consortia"][0].pop("kind"),
        "consortia[0].kind",
        "required key missing",
    ),
    (
        "unknown reference",
        _append("consortia[0].members", "tz-017"),
        "consortia[0].members[3]",
        "unknown institution 'tz-017'",
    ),
    (
        "unknown link target",
        _set("consortia[0].links", [{"relation": "pairs_with", "target": "nowhere"}]),
        "consortia[0].links[0].target",
        "unknown consortium or institution 'nowhere'",
    ),
    (
        "duplicate institution id",
        _set("institutions[2].id", "ch"),
        "institutions[2].id",
        "duplicate institution id 'ch'",
    ),
    (
        "duplicate consortium id",
        lambda d: d["consortia"].append(copy.deepcopy(d["consortia"][0])),
        "consortia[1].id",
        "duplicate id 'ccm'",
    ),
    (
        "member listed twice",
        _append("consortia[0].members", "vc"),
        "consortia[0].members[3]",
        "institution 'vc' is listed twice",
    ),
    (
        "no lead",
        _set("consortia[0].members", ["ch", "thc"]),
        "consortia[0].members",
        "no member has the role 'lead'",
    ),
    (
        "a public-health lead",
        _public_health_lead,
        "consortia[0].members",
        "lead 'cdc' is a public-health institution, which cannot lead",
    ),
    (
        "membership dates out of order",
        _set("consortia[0].members[1]", {"institution": "thc", "joined": "2020-01-01", "left": "2019-01-01"}),
        "consortia[0].members[1]",
        "left 2019-01-01 is before joined 2020-01-01",
    ),
    (
        "consortium dates out of order",
        lambda d: d["consortia"][0].update(formed="2020-01-01", dissolved="2019-06-30"),
        "consortia[0]",
        "dissolved 2019-06-30 is before formed 2020-01-01",
    ),
    (
        "a date that does not exist",
        _set("consortia[0].formed", "2020-02-30"),
        "consortia[0].formed",
        "'2020-02-30' is not a date (YYYY-MM-DD)",
    ),
    (
        "a date and time for a date",
        _set("consortia[0].formed", 20200101),
        "consortia[0].formed",
        "expected a date (YYYY-MM-DD), got a number",
    ),
    (
        "bad division code (too short)",
        _set("institutions[0].division", "32990"),
        "institutions[0].division",
        "'32990' is not a GB/T 2260 code",
    ),
    (
        "division code in no province",
        _set("institutions[0].division", "990101"),
        "institutions[0].division",
        "'990101' is not a GB/T 2260 code",
    ),
    (
        "bad division code (letters)",
        _set("consortia[0].division", "3299x1"),
        "consortia[0].division",
        "'3299x1' is not a GB/T 2260 code",
    ),
    (
        "secondment to an unknown institution",
        _set(
            "secondments",
            [
                {
                    "person": "s-1",
                    "title": "senior",
                    "from_institution": "ch",
                    "to_institution": "zz",
                    "start": "2024-01-01",
                }
            ],
        ),
        "secondments[0].to_institution",
        "unknown institution 'zz'",
    ),
    (
        "secondment ending before it starts",
        _set(
            "secondments",
            [
                {
                    "person": "s-1",
                    "title": "senior",
                    "from_institution": "ch",
                    "to_institution": "thc",
                    "start": "2024-01-01",
                    "end": "2023-01-01",
                }
            ],
        ),
        "secondments[0]",
        "end 2023-01-01 is before start 2024-01-01",
    ),
]


@pytest.mark.parametrize(
    ("edit", "where", "message"), [c[1:] for c in NETWORK_CASES], ids=[c[0] for c in NETWORK_CASES]
)
def test_bad_network_is_one_line_naming_file_and_path(
    files: Files, edit: Edit, where: str, message: str
) -> None:
    data = good_network_data()
    edit(data)
    path = files.yaml("network.yaml", data)
    with pytest.raises(InputError) as info:
        load_network(path)
    assert str(info.value) == f"{path}: {where}: {message}"
    assert "\n" not in str(info.value)


def test_the_good_network_loads(files: Files) -> None:
    net = load_network(files.yaml("network.yaml", good_network_data()))
    assert [c.id for c in net.consortia] == ["ccm"]
    assert net.consortium("ccm").lead == "ch"


@pytest.mark.parametrize("suffix", ["json", "toml", "yaml"])
def test_same_network_in_every_format(files: Files, suffix: str) -> None:
    data = good_network_data()
    if suffix == "json":
        path = files.text("n.json", json.dumps(data, ensure_ascii=False))
    elif suffix == "toml":
        lines = []
        for i in data["institutions"]:
            lines.append("[[institutions]]")
            lines += [f'{k} = "{v}"' for k, v in i.items()]
        lines += [
            "[[consortia]]",
            'id = "ccm"',
            'name = "县医共体"',
            'kind = "county_medical_community"',
            'division = "329901"',
            'members = [{institution = "ch", role = "lead"}, "thc", "vc"]',
        ]
        path = files.text("n.toml", "\n".join(lines) + "\n")
    else:
        path = files.yaml("n.yaml", data)
    assert load_network(path) == load_network(files.yaml("ref.yaml", data))


SYNTAX_CASES = [
    ("n.yaml", "institutions: [a, b\n", "line 2: invalid YAML: did not find expected ',' or ']'"),
    ("n.json", '{"institutions": [\n', "line 2: invalid JSON: Expecting value"),
    ("n.toml", "institutions = [\nx\n", "line 2: invalid TOML: Invalid value"),
    ("n.yaml", "institutions:\n  - {formed: 2020-13-01}\n",
     "line 2: invalid YAML: '2020-13-01' is not a valid date"),
    ("n.yaml", "- a\n", "expected a mapping at the top (a network), got a list"),
    ("n.yaml", "", "the file is empty, expected a network"),
    ("n.yaml", "institutions: []\nconsortia: []\ninstitutions: []\n",
     "line 3: invalid YAML: duplicate key 'institutions'"),
    ("n.json", '{"institutions": [], "institutions": []}',
     "line 1: institutions: invalid JSON: duplicate key 'institutions'"),
    ("n.toml", "a = 1\na = 2\n", "line 2: invalid TOML: Cannot overwrite a value"),
    ("n.xml", "<x/>", "unsupported file type '.xml' (use .yaml, .json or .toml)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "message"), SYNTAX_CASES)
def test_unparsable_files(files: Files, name: str, text: str, message: str) -> None:
    path = files.text(name, text)
    with pytest.raises(InputError) as info:
        load_network(path)
    assert str(info.value).startswith(f"{path}: {message}")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.yaml: no such file$"):
        load_network(tmp_path / "nope.yaml")


def test_yaml_is_loaded_safely(files: Files, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = files.text(
        "n.yaml",
        f"institutions: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    with pytest.raises(InputError, match="could not determine a constructor"):
        load_network(path)
    assert not marker.exists()
    path = files.text("m.yaml", "institutions: !!python/object:collections.OrderedDict {}\n")
    with pytest.raises(InputError, match=r"m\.yaml: line 1: invalid YAML"):
        load_network(path)


# -- governance facts (checked against the registry) -----------------------------------
def test_unknown_governance_fact(files: Files, geo_registry: Registry) -> None:
    data = good_network_data()
    data["consortia"][0]["governance"] = {"facts": {"charter": True, "flying": True}}
    path = files.yaml("network.yaml", data)
    with pytest.raises(InputError) as info:
        api.open_network(path, geo_registry)
    assert (
        str(info.value) == f"{path}: consortia[0].governance.facts.flying: unknown governance fact 'flying'"
    )


def test_department_is_not_a_fact(files: Files, geo_registry: Registry) -> None:
    data = good_network_data()
    data["consortia"][0]["governance"] = {"facts": {"finance": True}}
    path = files.yaml("network.yaml", data)
    with pytest.raises(InputError, match="unknown governance fact 'finance'"):
        api.open_network(path, geo_registry)


def test_unknown_department(files: Files, geo_registry: Registry) -> None:
    data = good_network_data()
    data["consortia"][0]["governance"] = {"departments": ["finance", "astrology"]}
    path = files.yaml("network.yaml", data)
    with pytest.raises(InputError) as info:
        api.open_network(path, geo_registry)
    assert str(info.value) == f"{path}: consortia[0].governance.departments: unknown department 'astrology'"


def test_known_facts_and_departments_load(files: Files, geo_registry: Registry) -> None:
    data = good_network_data()
    data["consortia"][0]["governance"] = {"facts": {"charter": False}, "departments": ["finance"]}
    net = api.open_network(files.yaml("network.yaml", data), geo_registry)
    assert net.consortium("ccm").governance.fact("charter") is False
    assert net.consortium("ccm").governance.fact("council") is None


def test_load_network_checks_known_facts_in_file_order(files: Files) -> None:
    # The place of an unknown fact is the file's, though the network comes in id order.
    data = good_network_data()
    second = {"id": "a-ccm", "name": "医联体", "kind": "county_medical_community", "division": "329901",
              "members": [{"institution": "thc", "role": "lead"}],
              "governance": {"facts": {"flying": True}}}  # fmt: skip
    data["consortia"].append(second)
    path = files.yaml("network.yaml", data)
    assert [c.id for c in load_network(path).consortia] == ["a-ccm", "ccm"]
    with pytest.raises(InputError) as info:
        load_network(path, known_facts={"charter": "fact"})
    assert (
        str(info.value) == f"{path}: consortia[1].governance.facts.flying: unknown governance fact 'flying'"
    )


@pytest.mark.parametrize("in_file_order", [False, True])
def test_a_network_in_canonical_order_is_queryable(files: Files, in_file_order: bool) -> None:
    # Already in id order, the canonical copy is built from the checked network's parts,
    # which were not indexed (model.network.unindexed): its queries answer all the same.
    net = load_network(files.yaml("network.yaml", good_network_data()), in_file_order=in_file_order)
    assert [c.id for c in net.consortia_of("vc")] == ["ccm"]
    assert [i.id for i in net.members(net.consortium("ccm"))] == ["ch", "thc", "vc"]
    assert [i.id for i in net.institutions_in("329901")] == ["ch", "thc", "vc"]


# -- CSV institutions -----------------------------------------------------------------
HEADER = "id,name,level,type,ownership,division,provincially_administered,capabilities\n"


def _csv_network(files: Files, rows: str, header: str = HEADER) -> Path:
    files.text("institutions.csv", header + rows)
    data = good_network_data()
    data["institutions"] = "institutions.csv"
    return files.yaml("network.yaml", data)


def test_csv_institutions_load(files: Files) -> None:
    rows = (
        "ch,县医院,secondary,county_hospital,government,329901,false,chest_pain_centre;stroke_centre\n"
        "thc,镇卫生院,unrated,township_health_centre,government,329901,,\n"
        "vc,村卫生室,unrated,village_clinic,government,329901,,\n"
    )
    net = load_network(_csv_network(files, rows))
    assert net.institution("ch").capabilities == frozenset({"chest_pain_centre", "stroke_centre"})
    assert net.institution("thc").provincially_administered is False


CSV_CASES = [
    ("ch,县医院,secondary,county_hospital,government,329901,false,\nthc,镇,unrated,spaceport,government,329901,,\n",
     HEADER, "line 3: column type", "'spaceport' is not one of:"),
    ("ch,县医院,secondary,county_hospital,government,329901,maybe,\n",
     HEADER, "line 2", "column provincially_administered: expected true or false, got 'maybe'"),
    ("ch,县医院,secondary,county_hospital,government,3299,false,\n",
     HEADER, "line 2: column division", "'3299' is not a GB/T 2260 code"),
    ("ch,县医院,secondary,county_hospital,government,329901,false,,extra\n",
     HEADER, "line 2", "more cells than header columns"),
    ("ch,县医院,secondary,county_hospital,government,329901\n",
     "id,name,level,type,ownership,division,colour\n", "line 1: column colour", "unknown column"),
    ("ch,县医院,secondary,county_hospital,329901\n",
     "id,name,level,type,division\n", "line 1", "required column 'ownership' missing"),
    ("ch,县医院,secondary,county_hospital,government,329901\n",
     "id,name,level,type,ownership,division,id\n", "line 1", "column 'id' appears twice"),
    (",县医院,secondary,county_hospital,government,329901,false,\n",
     HEADER, "line 2: column id", "required key missing"),
]  # fmt: skip


@pytest.mark.parametrize(("rows", "header", "where", "message"), CSV_CASES)
def test_bad_csv_institutions_name_the_line(
    files: Files, rows: str, header: str, where: str, message: str
) -> None:
    path = _csv_network(files, rows, header)
    with pytest.raises(InputError) as info:
        load_network(path)
    assert str(info.value).startswith(f"{path.parent / 'institutions.csv'}: {where}: {message}")


def test_csv_institutions_unknown_reference_is_reported_in_the_network_file(files: Files) -> None:
    path = _csv_network(files, "ch,县医院,secondary,county_hospital,government,329901,false,\n")
    with pytest.raises(InputError) as info:
        load_network(path)
    assert str(info.value) == f"{path}: consortia[0].members[1]: unknown institution 'thc'"


def test_csv_network_problems_of_the_file_come_before_those_of_the_consortia(files: Files) -> None:
    # The consortia are read before the CSV file (the document is dropped before the
    # institutions are in memory), but a bad row is still reported first, as before.
    good = "ch,县医院,secondary,county_hospital,government,329901,false,\n"
    bad_row = "ch,县医院,secondary,spaceport,government,329901,false,\n"
    for rows, where in (
        (bad_row, "institutions.csv: line 2: column type"),
        (good, "network.yaml: consortia[0].kind"),
    ):
        files.text("institutions.csv", HEADER + rows)
        data = good_network_data()
        data["institutions"] = "institutions.csv"
        data["consortia"][0]["kind"] = "spaceport"
        with pytest.raises(InputError) as info:
            load_network(files.yaml("network.yaml", data))
        assert str(info.value).startswith(str(files.root / where)), str(info.value)


def test_csv_institutions_are_indexed_as_they_are_read(files: Files) -> None:
    rows = (
        "ch,县医院,secondary,county_hospital,government,329901,false,\n"
        "thc,镇卫生院,unrated,township_health_centre,government,329901,,\n"
        "vc,村卫生室,unrated,village_clinic,government,329901,,\n"
    )
    path = _csv_network(files, rows)
    institutions, by_id = _institutions_csv(path.parent / "institutions.csv")
    assert by_id is not None and tuple(by_id.values()) == institutions
    assert [i.id for i in institutions] == ["ch", "thc", "vc"]
    net = load_network(path, in_file_order=True)
    assert net.institutions == institutions and dict(net._by_id) == by_id
    assert net.institution("vc").type.value == "village_clinic"
    # A duplicate id: no index, every row kept in file order for the network's check.
    files.text("institutions.csv", HEADER + rows + rows.splitlines(keepends=True)[1] + rows)
    institutions, by_id = _institutions_csv(path.parent / "institutions.csv")
    assert by_id is None
    assert [i.id for i in institutions] == ["ch", "thc", "vc", "thc", "ch", "thc", "vc"]


@pytest.mark.parametrize("good_rows", [0, 3, 2000])
def test_csv_not_utf8_names_its_line(files: Files, good_rows: int) -> None:
    # Text is decoded in chunks of kilobytes ahead of the rows read: the message names the
    # line that holds the bytes, not the row the reader had reached (2,000 rows is past
    # the first chunk).
    row = "县医院,secondary,county_hospital,government,329901,false,\n"
    good = "".join(f"ch{i},{row}" for i in range(good_rows))
    bad = f"ch,{row}".encode("gbk")
    (files.root / "institutions.csv").write_bytes((HEADER + good).encode() + bad)
    data = good_network_data()
    data["institutions"] = "institutions.csv"
    path = files.yaml("network.yaml", data)
    with pytest.raises(InputError) as info:
        load_network(path)
    assert str(info.value) == f"{files.root / 'institutions.csv'}: line {good_rows + 2}: not UTF-8 text"


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("good_lines", [0, 3, 2000])
def test_structured_file_not_utf8_names_its_line(files: Files, suffix: str, good_lines: int) -> None:
    # JSON is decoded whole (the decoder's offset is in the file); YAML in chunks as its
    # events are read, so its line is found by reading the file again.
    pad = "".join(f"# {i}\n" for i in range(good_lines)) if suffix == ".yaml" else "\n" * good_lines
    if suffix == ".yaml":
        head, tail = "institutions:\n  - id: a\n    name: ", "\n"
    else:
        head, tail = '{"institutions": [{"id": "a",\n"name": "', '"}]}\n'
    path = files.root / f"network{suffix}"
    path.write_bytes((pad + head).encode() + "县".encode("gbk") + tail.encode())
    with pytest.raises(InputError) as info:
        load_network(path)
    line = good_lines + (3 if suffix == ".yaml" else 2)
    assert str(info.value) == f"{path}: line {line}: not UTF-8 text (save the file as UTF-8)"


@pytest.mark.parametrize("good_rows", [0, 3, 2000])
def test_statistics_csv_not_utf8_names_its_line(files: Files, good_rows: int) -> None:
    good = "".join(f"institution,h{i},2023,{i}\n" for i in range(good_rows))
    path = files.root / "stats.csv"
    path.write_bytes(f"scope,id,year,total_visits\n{good}".encode() + "area,县,2023,1\n".encode("gbk"))
    with pytest.raises(InputError) as info:
        load_statistics(path, METRICS)
    assert str(info.value) == f"{path}: line {good_rows + 2}: not UTF-8 text"


# -- statistics -------------------------------------------------------------------------
METRICS = frozenset({"total_visits", "primary_care_visits"})


def test_statistics_load_yaml_and_csv_alike(files: Files) -> None:
    y = files.yaml(
        "s.yaml",
        {
            "synthetic": True,
            "source": "合成",
            "records": [
                {"scope": "area", "id": "329901", "year": 2023, "values": {"total_visits": 10}},
                {"scope": "institution", "id": "ch", "year": 2023, "values": {"primary_care_visits": 2.5}},
            ],
        },
    )
    c = files.text(
        "s.csv",
        "scope,id,year,total_visits,primary_care_visits\narea,329901,2023,10,\ninstitution,ch,2023,,2.5\n",
    )
    a, b = load_statistics(y, METRICS), load_statistics(c, METRICS)
    assert a.synthetic and a.source == "合成" and not b.synthetic
    for s in (a, b):
        assert s.value(Scope.AREA, "329901", 2023, "total_visits") == 10.0
        assert s.value(Scope.AREA, "329901", 2023, "primary_care_visits") is None  # blank cell: missing
        assert s.value(Scope.INSTITUTION, "ch", 2023, "primary_care_visits") == 2.5


def _record(**over: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {"scope": "area", "id": "329901", "year": 2023, "values": {"total_visits": 1}}
    rec.update(over)
    return rec


STAT_CASES = [
    ({"records": [_record(values={"visits_on_mars": 3})]}, "records[0].values.visits_on_mars",
     "unknown metric 'visits_on_mars'"),
    ({"records": [_record(), _record(scope="planet")]}, "records[1].scope",
     "'planet' is not one of: area, consortium, institution"),
    ({"records": [_record(year="2023")]}, "records[0].year", "expected a whole number, got '2023'"),
    ({"records": [_record(values={"total_visits": "many"})]}, "records[0].values.total_visits",
     "expected a finite number, got 'many'"),
    ({"records": [_record(values={"total_visits": float("nan")})]}, "records[0].values.total_visits",
     "expected a finite number, got nan"),
    ({"records": [_record(values={"total_visits": True})]}, "records[0].values.total_visits",
     "expected a finite number, got True"),
    ({"records": [_record(id="32990")]}, "records[0].id", "'32990' is not a GB/T 2260 code"),
    ({"records": [_record(colour=1)]}, "records[0].colour", "unknown key"),
    ({"records": [{"scope": "area", "id": "329901", "year": 2023}]}, "records[0].values",
     "required key missing"),
    ({"records": [_record(), _record()]}, "records[1]",
     "duplicate record for area '329901' in 2023 (first at records[0])"),
    ({"records": {"a": 1}}, "records", "expected a list of records, got a mapping"),
    ({}, "records", "required key missing"),
    ({"records": [], "synthetic": "yes"}, "synthetic", "expected true or false, got 'yes'"),
    ({"records": [], "year": 2023}, "year", "unknown key"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "where", "message"), STAT_CASES)
def test_bad_statistics(files: Files, data: dict[str, Any], where: str, message: str) -> None:
    path = files.yaml("stats.yaml", data)
    with pytest.raises(InputError) as info:
        load_statistics(path, METRICS)
    assert str(info.value) == f"{path}: {where}: {message}"


STAT_CSV_CASES = [
    ("scope,id,year,total_visits,visits_on_mars\n", "line 1: column visits_on_mars",
     "unknown metric 'visits_on_mars'"),
    ("scope,id,total_visits\n", "line 1", "required column 'year' missing"),
    ("scope,id,year,total_visits\narea,329901,2023,1\narea,329901,20x3,1\n", "line 3: column year",
     "expected a whole number, got '20x3'"),
    ("scope,id,year,total_visits\narea,329901,2023,lots\n", "line 2: column total_visits",
     "expected a number, got 'lots'"),
    ("scope,id,year,total_visits\narea,329901,2023,inf\n", "line 2: column total_visits",
     "expected a finite number, got inf"),
    ("scope,id,year,total_visits\narea,,2023,1\n", "line 2: column id", "empty cell, a value is required"),
    ("scope,id,year,total_visits\nplanet,329901,2023,1\n", "line 2: column scope",
     "'planet' is not one of: area, consortium, institution"),
    ("scope,id,year,total_visits\narea,329901,2023,1\n\narea,329901,2023,2\n", "line 4",
     "duplicate record for area '329901' in 2023 (first at line 2)"),
    ("", "line 1", "empty CSV file, expected a header row"),
    ("scope,id,year,total_visits\narea,329901,2023, lots \n", "line 2: column total_visits",
     "expected a number, got 'lots'"),
    ("scope,id,year,total_visits\narea,329901,2023, -inf\t\n", "line 2: column total_visits",
     "expected a finite number, got -inf"),
    ("scope,id,year,total_visits\narea, ,2023,1\n", "line 2: column id", "empty cell, a value is required"),
]  # fmt: skip


def test_blanks_around_statistics_cells_are_not_part_of_them(files: Files) -> None:
    # \x1c is a blank to str.strip() but not to float().
    text = "scope,id,year,total_visits,primary_care_visits\n area , 329901 , 2023 ,\t12 ,\x1c2.5\u3000\n"
    text += "area,329902,2024,  ,\x1c\n"
    stats = load_statistics(files.text("stats.csv", text), METRICS)
    assert stats.value(Scope.AREA, "329901", 2023, "total_visits") == 12.0
    assert stats.value(Scope.AREA, "329901", 2023, "primary_care_visits") == 2.5
    assert [r.values for r in stats.records][1] == {}  # blank cells are missing values


@pytest.mark.parametrize(("text", "where", "message"), STAT_CSV_CASES)
def test_bad_statistics_csv_names_the_line(files: Files, text: str, where: str, message: str) -> None:
    path = files.text("stats.csv", text)
    with pytest.raises(InputError) as info:
        load_statistics(path, METRICS)
    assert str(info.value) == f"{path}: {where}: {message}"


def test_statistics_metrics_are_checked_against_the_registry(files: Files, core_registry: Registry) -> None:
    path = files.yaml("s.yaml", {"records": [_record(values={"visits_on_mars": 1})]})
    with pytest.raises(InputError, match="unknown metric 'visits_on_mars'"):
        api.open_statistics(path, core_registry)
    ok = files.yaml("t.yaml", {"records": [_record(values={"total_visits": 1})]})
    assert api.open_statistics(ok, core_registry).years() == (2023,)


# -- through the command: exit code 2, one line, no traceback ------------------------------
@pytest.mark.parametrize(
    ("edit", "where", "message"),
    [c[1:] for c in NETWORK_CASES[::3]],
    ids=[c[0] for c in NETWORK_CASES[::3]],
)
def test_cli_bad_network_exit_2_one_line(
    cli: Cli, files: Files, edit: Edit, where: str, message: str
) -> None:
    data = good_network_data()
    edit(data)
    path = files.yaml("network.yaml", data)
    result = cli("validate", path, "-j", "national", "--as-of", "2024-06-30")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"medconsortium: error: {path}: {where}: {message}\n"


@pytest.mark.parametrize(("name", "text", "message"), SYNTAX_CASES)
def test_cli_unparsable_exit_2(cli: Cli, files: Files, name: str, text: str, message: str) -> None:
    path = files.text(name, text)
    result = cli("validate", path, "-j", "national")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"medconsortium: error: {path}: {message}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_cli_bad_statistics_exit_2(geo_registry: Registry, files: Files) -> None:
    # The test county 329901 is a division only because the geography plugin installs it.
    cli = Cli(geo_registry)
    net = files.yaml("network.yaml", good_network_data())
    stats = files.text("stats.csv", "scope,id,year,visits_on_mars\n")
    result = cli("assess", net, "--stats", stats, "-j", "national", "--year", "2024")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"medconsortium: error: {stats}: line 1: column visits_on_mars: unknown metric 'visits_on_mars'\n"
    )


def test_csv_duplicate_institution_names_the_csv_line(files: Files) -> None:
    rows = (
        "ch,县医院,secondary,county_hospital,government,329901,false,\n"
        "thc,镇卫生院,unrated,township_health_centre,government,329901,,\n"
        "ch,又一个县医院,secondary,county_hospital,government,329901,,\n"
    )
    path = _csv_network(files, rows)
    with pytest.raises(InputError) as info:
        load_network(path)
    assert (
        str(info.value)
        == f"{path.parent / 'institutions.csv'}: line 4: column id: duplicate institution id 'ch'"
    )


# -- a recorded act: a date, done on a date not recorded, recorded as not done, not recorded --
@pytest.mark.parametrize(
    ("written", "read"),
    [("2019-05-10", dt.date(2019, 5, 10)), (True, True), (False, False), (None, None)],
    ids=["date", "done, date not recorded", "recorded not done", "not recorded"],
)
def test_a_filing_states_each_of_the_four_cases(files: Files, written: Any, read: Any) -> None:
    data = good_network_data()
    data["consortia"][0]["filing"] = {} if written is None else {"filed": written}
    data["consortia"][0]["links"] = [
        {"relation": "guides", "target": "thc", "since": "2019-01-01", "until": "2020-01-01"}
    ]
    cons = load_network(files.yaml("network.yaml", data)).consortium("ccm")
    assert cons.filing.filed == read
    assert cons.links[0].until == dt.date(2020, 1, 1)


def test_a_filing_that_is_neither_a_date_nor_true_or_false_is_one_line(files: Files) -> None:
    data = good_network_data()
    data["consortia"][0]["filing"] = {"filed": "soon"}
    path = files.yaml("network.yaml", data)
    with pytest.raises(InputError) as info:
        load_network(path)
    assert str(info.value).startswith(
        f"{path}: consortia[0].filing.filed: expected a date (YYYY-MM-DD), true"
    )


# -- JSON read as a stream (io/json_stream.py) -------------------------------------------
def _whole_document(monkeypatch: pytest.MonkeyPatch) -> None:
    from medconsortium.io import json_stream

    monkeypatch.setattr(json_stream, "read_network", lambda path: None)


def _streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stream every JSON network, however small (by default only large files are)."""
    from medconsortium.io import json_stream

    monkeypatch.setattr(json_stream, "STREAM_FROM", 0)


def test_a_json_network_is_streamed_only_from_its_size_on(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medconsortium.io import json_stream

    path = _json_file(files, good_network_data())
    streamed: list[Path] = []
    stream = json_stream.read_network
    monkeypatch.setattr(json_stream, "read_network", lambda p: streamed.append(p) or stream(p))
    whole = load_network(path)
    assert streamed == []  # a small file is read whole
    monkeypatch.setattr(json_stream, "STREAM_FROM", path.stat().st_size)
    assert load_network(path) == whole
    assert streamed == [path]


def _json_file(files: Files, data: dict[str, Any]) -> Path:
    return files.text("network.json", json.dumps(data, ensure_ascii=False, default=str))


@pytest.mark.parametrize(
    ("edit", "where", "message"), [c[1:] for c in NETWORK_CASES], ids=[c[0] for c in NETWORK_CASES]
)
def test_a_streamed_json_network_fails_as_the_whole_document_does(
    files: Files, monkeypatch: pytest.MonkeyPatch, edit: Edit, where: str, message: str
) -> None:
    data = good_network_data()
    edit(data)
    path = _json_file(files, data)
    _streaming(monkeypatch)
    with pytest.raises(InputError) as streamed:
        load_network(path)
    _whole_document(monkeypatch)
    with pytest.raises(InputError) as whole:
        load_network(path)
    assert str(streamed.value) == str(whole.value)


def test_a_good_json_network_is_streamed_and_gives_the_same_network(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medconsortium.io import json_stream

    data = good_network_data()
    data["institutions"][0]["capabilities"] = ["chest_pain_centre"]
    data["institutions"][1]["division"] = 329901  # a number, read as the code
    path = _json_file(files, data)
    streamed = json_stream.read_network(path)
    assert streamed is not None and all(type(i).__name__ == "Institution" for i in streamed["institutions"])
    _streaming(monkeypatch)
    ours = load_network(path)
    _whole_document(monkeypatch)
    assert ours == load_network(path)


UNUSUAL_JSON = [
    ('{"institutions": [{"id": "a", "id": "b"}]}', "a key twice inside an institution"),
    ('{"institutions": [], "institutions": []}', "a key twice at the top"),
    ('{"institutions": [' + "[" * 70 + "]" * 70 + "]}", "nested too deeply"),
    ("\ufeff" + '{"institutions": []}', "a byte-order mark"),
    ('[{"institutions": []}]', "a list at the top"),
    ('{"institutions": [{"id": 7}]}', "an institution left to the converter"),
]


@pytest.mark.parametrize(("text", "why"), UNUSUAL_JSON, ids=[c[1] for c in UNUSUAL_JSON])
def test_unusual_json_is_left_to_the_whole_document_reader(
    files: Files, monkeypatch: pytest.MonkeyPatch, text: str, why: str
) -> None:
    from medconsortium.io import json_stream

    path = files.text("network.json", text)
    assert json_stream.read_network(path) is None, why
    _streaming(monkeypatch)

    def outcome() -> str:
        try:
            return repr(load_network(path))
        except InputError as exc:
            return str(exc)

    ours = outcome()
    _whole_document(monkeypatch)
    assert ours == outcome()
