"""Hostile files: nesting bombs, control characters, duplicate keys, numbers for strings,
short CSV rows, directories. Each one line naming the file and the place, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hostile_support import Run, example, one_error

from medconsortium.io.limits import MAX_DEPTH, MAX_YAML_BYTES


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", "[" * 1000 + "]" * 1000),
        ("deep.json", '{"a":' * 5000 + "1" + "}" * 5000),
        ("deep.toml", "a = " + "[" * 500 + "]" * 500),
        ("deep.yaml", "[" * 25000 + "]" * 25000),
        ("deep.yaml", "".join(f"{'  ' * i}k:\n" for i in range(200)) + "  " * 200 + "v\n"),
    ],
)
def test_nesting_is_bounded_before_parsing(run: Run, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    message = one_error(run("validate", path, "-j", "national"), path)
    # YAML says the line where the limit is crossed.
    assert message.endswith(f"nested more than {MAX_DEPTH} levels deep (lists and mappings)")


def test_brackets_inside_strings_do_not_count(run: Run, tmp_path: Path) -> None:
    data = yaml.safe_load(example("core", "national-network.yaml").read_text(encoding="utf-8"))
    data["description"] = "[" * 500 + '\\"{' * 100
    path = tmp_path / "n.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    assert run("validate", path, "-j", "national").exit_code in (0, 1)


def test_an_escape_before_a_closing_quote_hides_no_bracket(run: Run, tmp_path: Path) -> None:
    # The backslash of "\\n" must not be taken for one escaping the quote after it: then
    # every string after it would be read from its closing quote, and its brackets counted.
    data = yaml.safe_load(example("core", "national-network.yaml").read_text(encoding="utf-8"))
    data["description"] = "the first line\n"
    data["institutions"][0]["name"] = "[" * (MAX_DEPTH + 10)
    path = tmp_path / "n.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    assert run("validate", path, "-j", "national").exit_code in (0, 1)


def test_yaml_over_the_size_limit_points_to_json_or_csv(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_YAML_BYTES + 1)
    message = one_error(run("validate", path, "-j", "national"), path)
    assert "over the 256 MiB limit for YAML; write large networks as JSON or CSV" in message


def test_control_character_in_yaml_is_one_line_with_its_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "n.yaml"
    path.write_text("institutions: []\nconsortia:\n  - id: a\x07b\n", encoding="utf-8")
    message = one_error(run("validate", path, "-j", "national"), path)
    assert message.startswith("line 3: invalid YAML: unacceptable character #x0007")


def test_duplicate_json_key_names_path_and_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text(
        '{"institutions": [\n {"id": "a", "name": "x",\n  "id": "b"}\n], "consortia": []}', encoding="utf-8"
    )
    message = one_error(run("validate", path, "-j", "national"), path)
    assert message == "line 3: institutions[0].id: invalid JSON: duplicate key 'id'"


def _network(tmp_path: Path, change: dict[str, object], suffix: str = ".json") -> Path:
    data = yaml.safe_load(example("core", "national-network.yaml").read_text(encoding="utf-8"))
    data["institutions"][0].update(change)
    path = tmp_path / f"n{suffix}"
    text = json.dumps(data, default=str) if suffix == ".json" else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize(("field", "value"), [("name", 12345), ("id", 7)])
def test_a_number_where_a_string_belongs_is_refused(
    run: Run, tmp_path: Path, suffix: str, field: str, value: int
) -> None:
    path = _network(tmp_path, {field: value}, suffix)
    message = one_error(run("validate", path, "-j", "national"), path)
    assert message == f"institutions[0].{field}: expected a string, got a number"


def test_a_division_code_may_still_be_a_number(run: Run, tmp_path: Path) -> None:
    data = yaml.safe_load(example("core", "national-network.yaml").read_text(encoding="utf-8"))
    data["institutions"][0]["division"] = int(data["institutions"][0]["division"])
    path = tmp_path / "n.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run("validate", path, "-j", "national").exit_code in (0, 1)


def test_directory_as_statistics_file(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "stats.csv"
    folder.mkdir()
    network = example("core", "national-network.yaml")
    result = run("assess", network, "--stats", folder, "-j", "national", "--year", "2017")
    assert one_error(result, folder) == "is a directory, expected a file"


@pytest.mark.parametrize("role", ["network", "statistics", "referrals", "referral network"])
def test_directory_without_a_suffix_is_named_as_a_directory(run: Run, tmp_path: Path, role: str) -> None:
    # With no suffix to judge, the reader must not answer "unsupported file type ''".
    folder = tmp_path / "inputs"
    folder.mkdir()
    network = example("core", "national-network.yaml")
    referrals = tmp_path / "r.csv"
    referrals.write_text("referral_id\n", encoding="utf-8")
    args: dict[str, tuple[object, ...]] = {
        "network": ("validate", folder, "-j", "national"),
        "statistics": ("assess", network, "--stats", folder, "-j", "national", "--year", "2017"),
        "referrals": ("referral", "check", "-n", network, "-j", "national", folder),
        "referral network": ("referral", "check", "-n", folder, "-j", "national", referrals),
    }
    assert one_error(run(*args[role]), folder) == "is a directory, expected a file"


def test_institutions_csv_row_with_fewer_cells(run: Run, tmp_path: Path) -> None:
    csv_path = tmp_path / "inst.csv"
    csv_path.write_text(
        "id,name,level,type,ownership,division\n"
        "h,县医院,secondary,county_hospital,government,320612\n"
        "t,镇卫生院,unrated,township_health_centre,government\n",
        encoding="utf-8",
    )
    network = tmp_path / "n.yaml"
    network.write_text("institutions: inst.csv\n", encoding="utf-8")
    message = one_error(run("validate", network, "-j", "national"), csv_path)
    assert message == "line 3: 5 cells where the header has 6 columns"


def test_statistics_csv_row_with_fewer_cells(run: Run, tmp_path: Path) -> None:
    stats = tmp_path / "s.csv"
    stats.write_text(
        "scope,id,year,total_visits,primary_care_visits\narea,100000,2017,10\n", encoding="utf-8"
    )
    network = example("core", "national-network.yaml")
    result = run("assess", network, "--stats", stats, "-j", "national", "--year", "2017")
    assert one_error(result, stats) == "line 2: 4 cells where the header has 5 columns"


def test_yaml_alias_bomb_is_refused(run: Run, tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = tmp_path / "n.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = one_error(run("validate", path, "-j", "national"), path)
    assert message == "line 5: invalid YAML: aliases repeat too much of the document (an alias bomb?)"


def test_a_recursive_yaml_alias_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "n.yaml"
    path.write_text("institutions: &a [*a]\n", encoding="utf-8")
    assert one_error(run("validate", path, "-j", "national"), path) == (
        "line 1: invalid YAML: found undefined alias 'a'"
    )


def test_yaml_anchors_and_merge_keys_still_work(tmp_path: Path) -> None:
    from medconsortium.io.loading import read_structured

    path = tmp_path / "x.yaml"
    path.write_text(
        "base: &b {level: tertiary, type: x}\nitem: {<<: *b, type: y}\nlist: [*b]\n", encoding="utf-8"
    )
    data = read_structured(path)
    assert data["item"] == {"level": "tertiary", "type": "y"}
    assert data["list"][0] is data["base"]


def test_a_mapping_as_a_yaml_key_is_one_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "n.yaml"
    path.write_text("? [a, b]\n: 1\n", encoding="utf-8")
    assert one_error(run("validate", path, "-j", "national"), path) == (
        "line 1: invalid YAML: a mapping or list cannot be a key"
    )


@pytest.mark.parametrize("name", ["", " ", "."])
def test_institutions_naming_no_csv_file_is_said_in_the_network_file(
    run: Run, tmp_path: Path, name: str
) -> None:
    # Found by the fuzz test: "" named the network's folder, and the error named the folder.
    path = tmp_path / "n.json"
    path.write_text(json.dumps({"institutions": name}), encoding="utf-8")
    message = one_error(run("validate", path, "-j", "national"), path)
    assert message == f"institutions: {name!r} is not the name of a CSV file"
