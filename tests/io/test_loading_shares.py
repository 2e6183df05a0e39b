"""A loaded network keeps one string per institution id (members name the institution's
own string) and indexes that answer like dicts, whatever the format of the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medconsortium.io.loading import load_network

INSTITUTIONS = [
    {"id": "h1", "name": "县人民医院", "level": "secondary", "type": "county_hospital",
     "ownership": "government", "division": "320612"},
    {"id": "c1", "name": "镇卫生院", "level": "unrated", "type": "township_health_centre",
     "ownership": "government", "division": "320612", "township": "西亭镇"},
    {"id": "c2", "name": "镇卫生院二", "level": "unrated", "type": "township_health_centre",
     "ownership": "government", "division": "320623"},
]  # fmt: skip
CONSORTIUM = {
    "id": "ccm",
    "name": "县医共体",
    "kind": "county_medical_community",
    "division": "320612",
    "members": [{"institution": "h1", "role": "lead"}, "c1"],
}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_members_name_the_institutions_own_id_strings(tmp_path: Path, fmt: str) -> None:
    if fmt == "csv":
        columns = ("id", "name", "level", "type", "ownership", "division", "township")
        lines = [",".join(columns)] + [",".join(i.get(c, "") for c in columns) for i in INSTITUTIONS]
        (tmp_path / "institutions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        institutions: object = "institutions.csv"
    else:
        institutions = INSTITUTIONS
    path = tmp_path / "network.json"
    path.write_text(json.dumps({"institutions": institutions, "consortia": [CONSORTIUM]}), encoding="utf-8")
    net = load_network(path, in_file_order=True)
    for member in net.consortium("ccm").members:
        assert member.institution is net.institution(member.institution).id
    assert [c.id for c, _ in net.memberships_of("c1")] == ["ccm"]
    assert net.memberships_of("c2") == ()
    assert [i.id for i in net.institutions_in("320612")] == ["h1", "c1"]
    assert [i.id for i in net.institutions_in("320600")] == ["h1", "c1", "c2"]
    assert list(net.institutions_in("320681")) == []
    assert net.divisions() == ("320612", "320623")
