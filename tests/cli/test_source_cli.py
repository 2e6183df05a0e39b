"""``rules --coverage``, ``source`` and the named lists of ``rules``, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from medconsortium import Registry
from medconsortium.cli import main
from medconsortium.plugins.coverage import Coverage, source_document
from medconsortium.report.render import FORMATS


def run(registry: Registry, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), obj={"registry": registry})


@pytest.mark.parametrize("fmt", FORMATS)
def test_coverage_shows_each_document_of_the_chain_with_its_percentage(registry: Registry, fmt: str) -> None:
    result = run(registry, "rules", "tongzhou", "--coverage", "--format", fmt)
    assert result.exit_code == 0, result.output
    for number in ("国卫医发〔2016〕75号", "苏卫医政〔2019〕17号", "通政办发〔2024〕20号"):
        coverage = source_document(registry, number).coverage
        assert coverage is not None and coverage.percent is not None
        assert number in result.output
        shown = str(coverage.percent) if fmt == "json" else f"{coverage.percent:.1f}%"
        assert shown in result.output
        # the pending sentences are listed (whichever the clause pass has left)
        for entry in coverage.with_status(Coverage.PENDING):
            assert entry.sentence.text in result.output


def test_coverage_json_counts_add_up(registry: Registry) -> None:
    result = run(registry, "rules", "linyi", "--coverage", "--format", "json")
    data = json.loads(result.output)
    assert [d["document"] for d in data["documents"]] == ["国卫医发〔2016〕75号", "临政办发〔2017〕60号"]
    for doc in data["documents"]:
        assert sum(doc["counts"].values()) == doc["sentences"]
        assert len(doc["pending"]) == doc["counts"]["pending"]
        covered = doc["counts"]["encoded"] + doc["counts"]["qualitative"]
        assert doc["percent"] == round(100 * covered / (covered + doc["counts"]["pending"]), 1)


@pytest.mark.parametrize("fmt", FORMATS)
def test_source_shows_a_clause_with_its_items(registry: Registry, fmt: str) -> None:
    result = run(registry, "source", "tongzhou", "--clause", "五（五）", "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "在专家号源、住院床位和预约检查等方面预留20%以上的资源优先保障家庭医生转诊的患者" in out
    assert "tongzhou.reserved_inpatient_bed" in out and "tongzhou.general_practice_department" in out
    # only that clause
    assert "强化医保协议管理" not in out and "组建三大县域医共体" not in out


def test_source_json_marks_what_items_cite(registry: Registry) -> None:
    result = run(registry, "source", "tongzhou", "--clause", "五（五）", "--format", "json")
    (doc,) = json.loads(result.output)["documents"]
    (clause,) = doc["clauses"]
    assert clause["clause"] == "五（五）" and clause["title"] == "做好健康管理"
    by_anchor = {s["anchor"]: s for s in clause["sentences"]}
    assert by_anchor["5.5-3"]["cited_by"] == [
        "tongzhou.reserved_booked_examination",
        "tongzhou.reserved_inpatient_bed",
        "tongzhou.reserved_specialist_slot",
    ]
    assert by_anchor["5.5-1"] == by_anchor["5.5-1"] | {
        "cited_by": ["tongzhou.health_management_teams"],
        "status": "encoded",
    }


def test_source_of_the_whole_document_has_every_sentence(registry: Registry) -> None:
    result = run(registry, "source", "national", "--format", "json")
    (doc,) = json.loads(result.output)["documents"]
    parsed = source_document(registry, "国卫医发〔2016〕75号").parsed
    assert sum(len(c["sentences"]) for c in doc["clauses"]) == len(list(parsed.sentences()))


def test_source_items_of_a_subclause_are_included(registry: Registry) -> None:
    result = run(registry, "source", "tongzhou", "--clause", "四（三）", "--format", "json")
    (doc,) = json.loads(result.output)["documents"]
    paths = [c["clause"] for c in doc["clauses"]]
    assert paths == ["四（三）", *(f"四（三）{n}" for n in range(1, 9))]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["source", "tongzhou", "--clause", "九"], "has no clause '九'"),
        (["source", "nantong"], "nantong issues no document itself"),
        (["source", "tongzhou", "--document", "临政办发〔2017〕60号"], "does not apply in tongzhou"),
    ],
)
def test_source_errors_are_one_line_and_exit_2(registry: Registry, args: list[str], message: str) -> None:
    result = run(registry, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_source_of_an_ancestor_s_document(registry: Registry) -> None:
    result = run(registry, "source", "tongzhou", "--document", "苏卫医政〔2019〕17号", "--clause", "附件2")
    assert result.exit_code == 0
    assert "江苏省精神科专科联盟，牵头单位：南京脑科医院" in result.output


def test_source_is_deterministic(registry: Registry, tmp_path: Path) -> None:
    outputs = []
    for name in ("a.html", "b.html"):
        path = tmp_path / name
        assert run(registry, "source", "jiangsu", "--format", "html", "-o", str(path)).exit_code == 0
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]


# -- the named lists in ``rules`` -------------------------------------------------------------
NAMED = {
    "jiangsu": ["江苏省精神科专科联盟", "南京脑科医院", "南通大学附属医院", "南通市、盐城市"],
    "linyi": ["临沂市中心医院", "沂水县、沂南县和蒙阴县的医联体", "平邑县中医院"],
    "wuhu": ["镜湖区", "市二院", "鸠江区", "市一院"],
    "tongzhou": ["平潮区域性医共体", "平潮中心卫生院", "五接镇卫生院", "兴东街道社区卫生服务中心"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("jurisdiction", sorted(NAMED))
def test_rules_lists_the_named_lists_in_every_format(registry: Registry, jurisdiction: str, fmt: str) -> None:
    result = run(registry, "rules", jurisdiction, "--format", fmt)
    assert result.exit_code == 0
    for name in NAMED[jurisdiction]:
        assert name in result.output, name


def test_rules_json_has_every_row_of_the_named_lists(registry: Registry) -> None:
    data = json.loads(run(registry, "rules", "jiangsu", "--format", "json").output)
    tables = {t["id"]: t for t in data["reference_tables"]}
    alliances = tables["jiangsu.provincial_alliances"]
    assert len(alliances["rows"]) == 19 and alliances["rows"][18] == [
        "19",
        "江苏省精神科专科联盟",
        "南京脑科医院",
    ]
    assert len(tables["jiangsu.regional_centres"]["rows"]) == 6
    assert alliances["citation"]["clause"] == "四（三）" and alliances["level"] == "320000"


def test_a_map_skeleton_lists_every_sentence_and_round_trips(registry: Registry) -> None:
    from medconsortium.plugins.coverage import check_map, document_coverage, item_kinds, parse_map

    result = run(registry, "source", "wuhu", "--map-skeleton")
    assert result.exit_code == 0
    source = source_document(registry, "芜医改组〔2019〕7号")
    cmap = parse_map(result.output, "skeleton.toml")
    coverage = document_coverage(cmap, source.parsed)
    assert coverage.counts["unclassified"] == 0
    assert len(cmap.entries) == len(list(source.parsed.sentences()))
    # the sentences items quote start as encoded by them; everything else is to classify
    assert check_map(cmap, source.parsed, source.items, item_kinds(registry)) == []
    assert coverage.counts["encoded"] + coverage.counts["pending"] == len(cmap.entries)


def test_coverage_of_a_document_without_a_map_says_so(registry: Registry) -> None:
    import attrs

    from medconsortium.report.sources import coverage_json, render_coverage

    source = attrs.evolve(source_document(registry, "芜医改组〔2019〕7号"), cmap=None)
    data = coverage_json(source)
    assert data["counts"] is None and data["percent"] is None and data["sentences"] == 69
    text = render_coverage([source], "text", "en")
    assert "芜医改组〔2019〕7号" in text and "no coverage map" in text
