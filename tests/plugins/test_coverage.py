"""The clause parser, the coverage maps the packages ship, and their checks."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from medconsortium import Registry
from medconsortium.model.errors import InputError
from medconsortium.plugins.coverage import (
    DUTY_WORDS,
    Coverage,
    CoverageMap,
    binding,
    check_map,
    classify,
    document_coverage,
    item_kinds,
    parse_map,
    source_document,
)
from medconsortium.policy.clauses import CLOSING, PREAMBLE, normalize, parse_text

TEXT = """文件

一、工作目标
到2020年，县域内就诊率不低于90%。加强宣传。
（一）组建方式。三级医院牵头建立的医联体应包含二级医院，此前已经建立合作关系的，报主管

部门备案。
1. 牵头医院。承担筹建工作；组织制定章程。
2.各成员单位应当签约；
(二)保障措施。鼓励探索。
抄送：某局。
2020年1月1日印发
附件 2
联盟名单
1. 甲联盟，牵头单位：乙医院；
"""


@pytest.fixture
def parsed():  # type: ignore[no-untyped-def]
    return parse_text(TEXT)


# -- the parser --------------------------------------------------------------------------
def test_clauses_follow_the_numbering_of_the_text(parsed) -> None:  # type: ignore[no-untyped-def]
    assert [(c.path, c.code, c.level) for c in parsed.clauses] == [
        (PREAMBLE, "0", 0),
        ("一", "1", 1),
        ("一（一）", "1.1", 2),
        ("一（一）1", "1.1.1", 3),
        ("一（一）2", "1.1.2", 3),
        ("一（二）", "1.2", 2),
        (CLOSING, "z", 0),
        ("附件2", "a2", 0),
    ]


def test_titles_are_not_sentences(parsed) -> None:  # type: ignore[no-untyped-def]
    assert parsed.clause("一").title == "工作目标"
    assert parsed.clause("一（一）").title == "组建方式"
    assert parsed.clause("一（二）").title == "保障措施"
    assert parsed.clause("附件2").title == "联盟名单"
    assert [s.text for s in parsed.clause("一（二）").sentences] == ["鼓励探索。"]


def test_a_page_break_inside_a_sentence_is_joined(parsed) -> None:  # type: ignore[no-untyped-def]
    (sentence,) = parsed.clause("一（一）").sentences
    assert sentence.text.endswith("报主管部门备案。")


def test_sentences_split_on_full_stop_and_semicolon(parsed) -> None:  # type: ignore[no-untyped-def]
    assert [s.text for s in parsed.clause("一（一）1").sentences] == ["承担筹建工作；", "组织制定章程。"]
    assert [s.anchor for s in parsed.clause("一").sentences] == ["1-1", "1-2"]


def test_end_matter_and_attachments_are_their_own_clauses(parsed) -> None:  # type: ignore[no-untyped-def]
    assert [s.text for s in parsed.clause(CLOSING).sentences] == ["抄送：某局。", "2020年1月1日印发"]
    assert [s.text for s in parsed.clause("附件2").sentences] == ["1. 甲联盟，牵头单位：乙医院；"]


def test_locate_finds_a_quote_over_sentences_and_prefers_its_clause() -> None:
    parsed = parse_text("一、甲\n建立机制。建立机制。\n二、乙\n建立机制。另一句。\n")
    assert [s.clause for s in parsed.locate("建立机制", "二")] == ["二"]
    assert [s.anchor for s in parsed.locate("建立机制。另一句", "二")] == ["2-1", "2-2"]
    assert parsed.locate("建立机制", None)[0].clause == "一"
    assert parsed.locate("不在文中") == ()


def test_markdown_marks_and_spaces_are_not_part_of_the_text() -> None:
    parsed = parse_text(
        "## 一、目标\n\n**（一）加强领导。**各地要在 2019 年 3 月底前完成。\n- 1.建立体系；\n"
    )
    assert parsed.clause("一（一）").sentences[0].text == "各地要在 2019 年 3 月底前完成。"
    assert parsed.clause("一（一）1").sentences[0].text == "建立体系；"
    assert normalize("在 2019 年") == "在2019年"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("加强宣传。", False), ("每年至少一次。", True), ("原则上不牵头。", True), ("组建三大医共体。", True)]
    + [(f"甲{word}乙。", True) for word in DUTY_WORDS],
)
def test_binding_sentences(text: str, expected: bool) -> None:
    assert binding(text) is expected


# -- reading and checking a map ------------------------------------------------------------
MAP = """
document = "X〔2020〕1号"
[[sentence]]
clause = "一"
text = "到2020年，县域内就诊率不低于90%。"
status = "encoded"
items = ["x.rate"]
[[clause]]
clause = "一"
status = "not_a_rule"
reason = "exhortation"
"""


def test_a_map_classifies_sentences_and_a_clause_entry_takes_the_rest(parsed) -> None:  # type: ignore[no-untyped-def]
    cmap = parse_map(MAP, "x.coverage.toml")
    found = {c.sentence.text: c.entry for c in classify(cmap, parsed)}
    first = found["到2020年，县域内就诊率不低于90%。"]
    assert first is not None and first.status is Coverage.ENCODED and first.items == ("x.rate",)
    rest = found["加强宣传。"]
    assert rest is not None and rest.status is Coverage.NOT_A_RULE
    # a clause entry never waves through a binding sentence of another clause
    assert found["三级医院牵头建立的医联体应包含二级医院，此前已经建立合作关系的，报主管部门备案。"] is None


def test_a_clause_entry_never_covers_a_binding_sentence() -> None:
    parsed = parse_text("一、甲\n各地要完成。加强宣传。\n")
    cmap = parse_map('document = "X"\n[[clause]]\nclause = "一"\nstatus = "not_a_rule"\nreason = "r"\n', "m")
    result = document_coverage(cmap, parsed)
    assert [s.text for s in result.unclassified_binding()] == ["各地要完成。"]
    assert result.counts["not_a_rule"] == 1 and result.counts["unclassified"] == 1


def test_percent_counts_pending_as_not_covered(parsed) -> None:  # type: ignore[no-untyped-def]
    lines = ['document = "X"']
    statuses = ["encoded", "qualitative", "pending", "pending", "not_a_rule", "not_checkable"]
    for sentence, status in zip(parsed.sentences(), statuses * 5, strict=False):
        detail = 'items = ["i"]' if status in ("encoded", "qualitative") else 'reason = "r"'
        lines += ["[[sentence]]", f'clause = "{sentence.clause}"', f'text = "{sentence.text}"']
        lines += [f'status = "{status}"', detail]
    result = document_coverage(parse_map("\n".join(lines), "m"), parsed)
    covered = result.counts["encoded"] + result.counts["qualitative"]
    assert result.percent == round(100 * covered / (covered + result.counts["pending"]), 1)
    assert 0 < result.percent < 100


S = 'document = "X"\n[[sentence]]\nclause = "一"\ntext = "a"\n'


@pytest.mark.parametrize(
    ("body", "place", "message"),
    [
        ("", "document", "missing"),
        ('document = "X"\nextra = 1', "extra", "unknown key"),
        (S + 'status = "done"', "sentence[0].status", "not one"),
        (S + 'status = "encoded"', "sentence[0].items", "ids"),
        (S + 'status = "not_a_rule"', "sentence[0].reason", ""),
        (S + 'status = "not_a_rule"\nreason = "r"\nitems = ["a"]', "sentence[0].items", "takes a reason"),
        (
            'document = "X"\n[[clause]]\nclause = "一"\nstatus = "encoded"\nitems = ["a"]',
            "clause[0].status",
            "",
        ),
        (
            'document = "X"\n[[sentence]]\nclause = "一"\nstatus = "pending"\nreason = "r"',
            "sentence[0].text",
            "",
        ),
    ],
)
def test_a_malformed_map_names_the_file_and_the_entry(body: str, place: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_map(body, "x.coverage.toml")
    assert str(info.value).startswith(f"x.coverage.toml: {place}: ")
    assert message in str(info.value)


def test_invalid_toml_is_one_line_naming_the_file() -> None:
    with pytest.raises(InputError, match=r"^x\.coverage\.toml: not valid TOML"):
        parse_map("document = ", "x.coverage.toml")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('clause = "九"\ntext = "a。"', "no clause '九'"),
        ('clause = "一"\ntext = "不在文中。"', "not a sentence of 一"),
    ],
)
def test_a_map_entry_must_be_in_the_text(parsed, entry: str, message: str) -> None:  # type: ignore[no-untyped-def]
    cmap = parse_map(f'document = "X"\n[[sentence]]\n{entry}\nstatus = "pending"\nreason = "r"\n', "m")
    with pytest.raises(InputError, match=message):
        classify(cmap, parsed)


def test_a_sentence_classified_twice_is_an_error(parsed) -> None:  # type: ignore[no-untyped-def]
    one = '[[sentence]]\nclause = "一"\ntext = "加强宣传。"\nstatus = "not_a_rule"\nreason = "r"\n'
    cmap = parse_map('document = "X"\n' + one + one, "m")
    with pytest.raises(InputError, match=r"sentence\[1\]: sentence classified twice \(also sentence\[0\]\)"):
        classify(cmap, parsed)


def test_a_sentence_repeated_in_a_clause_takes_one_entry_per_occurrence() -> None:
    parsed = parse_text("文件\n领导小组\n通知\n领导小组\n一、甲\n加强。\n")
    entry = '[[sentence]]\nclause = "文首"\ntext = "领导小组"\nstatus = "not_a_rule"\nreason = "r"\n'
    twice = document_coverage(parse_map('document = "X"\n' + entry * 2, "m"), parsed)
    assert twice.counts["not_a_rule"] == 2
    with pytest.raises(InputError, match="classified twice"):
        classify(parse_map('document = "X"\n' + entry * 3, "m"), parsed)


# -- the shipped maps ----------------------------------------------------------------------
DOCUMENTS = [
    "国卫医发〔2016〕75号",
    "苏卫医政〔2019〕17号",
    "临政办发〔2017〕60号",
    "芜医改组〔2019〕7号",
    "通政办发〔2024〕20号",
]


@pytest.mark.parametrize("number", DOCUMENTS)
def test_every_binding_sentence_of_the_shipped_text_is_classified(registry: Registry, number: str) -> None:
    source = source_document(registry, number)
    assert source.cmap is not None, f"{number} ships no coverage map"
    coverage = source.coverage
    assert coverage is not None
    unclassified = [f"{s.clause} {s.text}" for s in coverage.unclassified_binding()]
    assert unclassified == []
    assert coverage.counts["unclassified"] == 0


@pytest.mark.parametrize("number", DOCUMENTS)
def test_the_shipped_map_agrees_with_the_text_and_the_registry(registry: Registry, number: str) -> None:
    source = source_document(registry, number)
    assert source.problems(registry) == []
    # every item quotes sentences that exist, and the map attributes each to it
    assert source.items and all(item.sentences for item in source.items)


def test_a_map_that_misses_a_binding_sentence_fails(registry: Registry) -> None:
    source = source_document(registry, "通政办发〔2024〕20号")
    assert source.cmap is not None
    kept = tuple(e for e in source.cmap.entries if "预留20%以上" not in (e.text or ""))
    assert len(kept) == len(source.cmap.entries) - 1
    cropped = attrs.evolve(source.cmap, entries=kept)
    missing = document_coverage(cropped, source.parsed).unclassified_binding()
    assert [s.anchor for s in missing] == ["5.5-3"]
    problems = check_map(cropped, source.parsed, source.items, item_kinds(registry))
    assert any(
        "tongzhou.reserved_inpatient_bed cites 五（五）" in p and "unclassified" in p for p in problems
    )


def test_check_map_names_unknown_ids_and_scored_targets_called_qualitative(registry: Registry) -> None:
    source = source_document(registry, "通政办发〔2024〕20号")
    assert source.cmap is not None
    changed = []
    for e in source.cmap.entries:
        if e.text and e.text.startswith("到2024年底"):
            e = attrs.evolve(e, status=Coverage.QUALITATIVE, items=(*e.items, "tongzhou.no_such_item"))
        changed.append(e)
    cmap = CoverageMap(source.cmap.document, tuple(changed), source.cmap.source)
    problems = check_map(cmap, source.parsed, source.items, item_kinds(registry))
    assert any("unknown item 'tongzhou.no_such_item'" in p for p in problems)
    assert any("'tongzhou.2024.primary_care_coverage' is not an unscored target" in p for p in problems)


def test_the_shipped_maps_quote_each_sentence_verbatim(registry: Registry) -> None:
    for number in DOCUMENTS:
        source = source_document(registry, number)
        assert source.cmap is not None
        texts = {normalize(s.text) for s in source.parsed.sentences()}
        for entry in source.cmap.entries:
            assert entry.text is None or normalize(entry.text) in texts
            # a reason or a note says something: never a placeholder
            assert not re.fullmatch(r"\s*(to classify|todo|tbd)?\s*", entry.reason or entry.note or "x", re.I)


def test_the_readme_records_the_coverage_measured_now(registry: Registry) -> None:
    """The README's table is the computed one: a map changed without the README fails."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for number in DOCUMENTS:
        coverage = source_document(registry, number).coverage
        assert coverage is not None
        counts = [
            coverage.counts[k] for k in ("encoded", "qualitative", "not_checkable", "not_a_rule", "pending")
        ]
        row = re.search(rf"^\| {re.escape(number)} \([A-Za-z]+\) \| (.*) \|$", readme, re.M)
        assert row is not None, number
        assert row.group(1).split(" | ") == [
            str(len(coverage.sentences)),
            *map(str, counts),
            f"{coverage.percent:.1f}%",
        ]
