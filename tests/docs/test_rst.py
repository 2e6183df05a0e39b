"""The reStructuredText generator on its own: no Sphinx build, docutils only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from docutils import nodes  # type: ignore[import-untyped, unused-ignore]
from docutils.core import publish_doctree  # type: ignore[import-untyped, unused-ignore]

from medconsortium import (
    Basis,
    Citation,
    ConsortiumKind,
    Label,
    MemberRole,
    Operator,
    Registry,
    Scope,
    Target,
    TargetScope,
)
from medconsortium.engine.listing import compare
from medconsortium.plugins import hookspecs as real_hookspecs
from medconsortium.sphinxext import rst, write_pages

CITE = Citation("杭测〔2024〕2号", "三", "原文")


def doctree(text: str) -> Any:
    """Parse with docutils, turning every warning into an exception."""
    return publish_doctree(
        text,
        settings_overrides={"report_level": 2, "halt_level": 2, "warning_stream": False},
    )


def plain(text: str) -> str:
    tree = doctree(text)
    # Informational messages (level 1) are dropped from the output by docutils' writers.
    for message in list(tree.findall(nodes.system_message)):
        message.parent.remove(message)
    return " ".join(tree.astext().split())


# -- escaping --------------------------------------------------------------------------------
NASTY = [
    '1. 第*一*条：`代码` |替换| 链接_ "原样" -- 保留 \\ 反斜杠',
    "1. 一",
    "a) 一",
    "(i) 一",
    "#. 一",
    "* 一",
    "- 一",
    "-a 选项",
    "+ 一",
    ".. 注释",
    ":字段: 值",
    ">>> 1 + 1",
    "----",
    "====",
    "如下::",
    "[1]_ 脚注",
    "`链接 <http://example.org>`_",
    "|替换|",
    "**粗体**",
    "\\",
    "_目标",
    "多\n行\n  文本",
]


@pytest.mark.parametrize("text", NASTY)
def test_escape_keeps_text_literal(text: str) -> None:
    assert plain(rst.escape(text)) == " ".join(text.split())


@pytest.mark.parametrize("text", NASTY)
def test_escape_inside_a_table_cell(text: str) -> None:
    table = "\n".join(rst.list_table(["h"], [[[rst.escape(text)]]], [100]))
    assert plain(table) == "h " + " ".join(text.split())


def test_literal_falls_back_to_escaped_text_when_backticks_inside() -> None:
    assert rst.literal("tz-017") == "``tz-017``"
    assert plain(rst.literal("a``b")) == "a``b"


def test_label_puts_chinese_first() -> None:
    assert (
        rst.label(Label("县域医共体", "county medical community")) == "县域医共体 (county medical community)"
    )


def test_heading_underline_covers_wide_characters() -> None:
    title, underline, _ = rst.heading("通州区 (Tongzhou)", "=")
    assert len(underline) == 6 + 11
    assert doctree("\n".join([title, underline, "", "x"]))[0].astext().startswith("通州区")


# -- a jurisdiction ------------------------------------------------------------------------------
def test_jurisdiction_shows_own_items_with_verbatim_quotes(
    demo_registry: Registry, demo_plugin: ModuleType
) -> None:
    text = rst.jurisdiction_rst(demo_registry, demo_registry.jurisdiction("hangzhou"))
    out = plain(text)
    # Every own item, each with its clause and verbatim sentence.
    for ident in ("hz.primary_share", "hz.alos", "hz.tricky", "hz.referral", "hz.exception"):
        assert ident in out
    assert demo_plugin.TRICKY in out
    assert "杭测〔2024〕2号 四（二）" in out
    assert "基层诊疗量占比达到70%" in out
    # Ancestors' items are counted, not repeated.
    assert "zj.primary_share" not in out
    assert "national.city_group_lead" in out  # only as the rule the exception names
    assert "浙江省 (Zhejiang) 330000: 目标 (targets) 1, 规则 (rules) 0, 转诊规则 (referral rules) 0" in out
    # Hierarchy, from the nation down.
    assert (
        "层级 (hierarchy): 中华人民共和国 (People's Republic of China) 100000 › 浙江省 (Zhejiang) 330000"
        in out
    )


def test_jurisdiction_exception_names_rule_level_subjects_and_reason(demo_registry: Registry) -> None:
    out = plain(rst.jurisdiction_rst(demo_registry, demo_registry.jurisdiction("330100")))
    section = out[out.index("对上级规则的例外") :]
    assert "national.city_group_lead 城市医联体以1家三级医院牵头" in section
    assert "规则所属层级 (rule of): 中华人民共和国" in section
    assert "对象 (subjects): hz-cmg-1, hz-cmg-2" in section  # sorted
    assert "理由 (reason): 由两家医院共同牵头 (led jointly by two hospitals)" in section
    assert "允许两家三级医院共同牵头" in section


def test_jurisdiction_requirements_in_words(demo_registry: Registry) -> None:
    out = plain(rst.jurisdiction_rst(demo_registry, demo_registry.jurisdiction("hangzhou")))
    assert "primary_care_visit_share ≥ 70%" in out
    assert "期限 (deadline): 2025-12-31" in out
    assert "alos 逐年下降 (falling year on year)" in out


def test_level_without_documents_says_so(core_registry: Registry) -> None:
    out = plain(rst.jurisdiction_rst(core_registry, core_registry.jurisdiction("jiangsu")))
    assert "本层级暂无已安装的政策文件" in out
    targets = out[out.index("目标 (Targets)") : out.index("规则 (Rules)")]
    assert "（无） (none)" in targets


def test_as_of_keeps_only_what_is_in_force(core_registry: Registry) -> None:
    nation = core_registry.jurisdiction("national")
    everything = plain(rst.jurisdiction_rst(core_registry, nation))
    later = plain(rst.jurisdiction_rst(core_registry, nation, as_of=dt.date(2019, 6, 1)))
    assert "national.2017.primary_care_visit_share" in everything
    assert "national.2017.primary_care_visit_share" not in later
    assert "national.2020.tiered_care" in later
    assert "截至 (in force on): 2019-06-01" in later


def test_links_only_to_pages_that_exist(demo_registry: Registry) -> None:
    hangzhou = demo_registry.jurisdiction("hangzhou")
    without = rst.jurisdiction_rst(demo_registry, hangzhou)
    assert ":doc:" not in without
    with_pages = rst.jurisdiction_rst(
        demo_registry, hangzhou, page_of=lambda code: f"p/{code}" if code == "330000" else None
    )
    assert ":doc:`浙江省 (Zhejiang) 330000 </p/330000>`" in with_pages
    assert ":doc:`中华人民共和国" not in with_pages


def test_every_generated_text_parses_without_warnings(demo_registry: Registry) -> None:
    for j in rst.policy_jurisdictions(demo_registry):
        doctree(rst.jurisdiction_rst(demo_registry, j))
    doctree(rst.default_comparison_rst(demo_registry))
    doctree(rst.indicators_rst(demo_registry))
    doctree(rst.catalog_rst(demo_registry, "facts"))
    doctree(rst.catalog_rst(demo_registry, "metrics"))
    doctree(rst.enum_rst(ConsortiumKind))


def test_output_is_deterministic(demo_registry: Registry, demo_plugin: ModuleType) -> None:
    again = Registry.load(only=(), extra=[("demo", demo_plugin)])
    j = demo_registry.jurisdiction("hangzhou")
    assert rst.jurisdiction_rst(demo_registry, j) == rst.jurisdiction_rst(
        again, again.jurisdiction("hangzhou")
    )


# -- requirements ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"indicator": "alos", "operator": Operator.AT_MOST, "value": 9.5}, "≤ 9.5 天 (days)"),
        ({"indicator": "referrals_up", "operator": Operator.AT_LEAST, "value": 10.0}, "≥ 10"),
        (
            {
                "indicator": "referrals_up",
                "operator": Operator.AT_LEAST,
                "value": 10.0,
                "basis": Basis.YOY_PERCENT,
            },
            "同比变化 (year-on-year change) ≥ 10%",
        ),
        (
            {
                "indicator": "county_visit_rate",
                "operator": Operator.AT_LEAST,
                "value": 5.0,
                "basis": Basis.CHANGE_SINCE,
                "base_year": 2017,
            },
            "较2017年变化 (change since 2017) ≥ 5%",
        ),
        ({"indicator": "county_visit_rate"}, "监测，无阈值 (monitored, no threshold)"),
        ({}, "定性目标，不评分 (qualitative, not scored)"),
    ],
)
def test_requirement(core_registry: Registry, kwargs: dict[str, Any], expected: str) -> None:
    target = Target("t", Label("目标", "target"), CITE, **kwargs)
    assert plain(rst.requirement(target, core_registry, short=True)) == expected


def test_scope_in_words() -> None:
    leads = TargetScope(Scope.INSTITUTION, consortium_kinds=frozenset({ConsortiumKind.CITY_MEDICAL_GROUP}))
    leads = TargetScope(
        Scope.INSTITUTION,
        consortium_kinds=frozenset({ConsortiumKind.CITY_MEDICAL_GROUP}),
        role=MemberRole.LEAD,
    )
    assert (
        plain(rst._scope(leads))
        == "医疗机构 (institution); 城市医疗集团 (city medical group); 牵头单位 (lead)"
    )
    described = TargetScope(description=Label("每个医共体", "each community"))
    assert plain(rst._scope(described)) == "每个医共体 (each community)"


# -- comparison -----------------------------------------------------------------------------------
def test_comparison_marks_the_stricter_threshold(demo_registry: Registry) -> None:
    zhejiang, hangzhou = demo_registry.jurisdiction("zhejiang"), demo_registry.jurisdiction("hangzhou")
    tree = doctree(rst.comparison_rst(demo_registry, compare(demo_registry, [zhejiang, hangzhou])))
    rows = [
        [" ".join(entry.astext().split()) for entry in row.children]
        for row in tree.findall(lambda n: n.tagname == "row")
    ]
    assert rows[0] == ["指标 (indicator)", "浙江省 (Zhejiang)", "杭州市 (Hangzhou)"]
    by_indicator = {row[0].split()[-1]: row[1:] for row in rows[1:]}
    assert by_indicator["primary_care_visit_share"] == ["≥ 65% (2025)", "★ ≥ 70% (2025)"]
    # A trend does not compare: no star, and a jurisdiction without a target shows a dash.
    assert by_indicator["alos"] == ["—", "逐年下降 (falling year on year)"]


def test_default_comparison_has_one_column_per_issuing_jurisdiction(demo_registry: Registry) -> None:
    assert [j.code for j in rst.compared_jurisdictions(demo_registry)] == ["100000", "330000", "330100"]


# -- indicators -------------------------------------------------------------------------------------
def test_indicator_definitions(core_registry: Registry) -> None:
    out = plain(rst.indicators_rst(core_registry))
    for key in core_registry.indicators:
        assert key in out
    # A ratio: numerator and denominator named by their metric labels, and the scale.
    assert "分子 (numerator): 居民县域内就诊人次" in out
    assert "residents_visits_total" in out
    assert "× 100" in out
    # A computed measure: its words in both languages.
    assert "government-run institutions in a consortium at year end" in out
    # A single metric.
    assert "取值 (value): 上转" in out or "取值 (value):" in out


def test_definition_of_each_kind(core_registry: Registry) -> None:
    ratio = plain("\n".join(rst.definition(core_registry.indicators["alos"].item, core_registry)))
    assert "分子 (numerator):" in ratio and "bed_days" in ratio and "discharges" in ratio
    assert "系数" not in ratio  # scale 1 is not shown
    single = plain("\n".join(rst.definition(core_registry.indicators["referrals_up"].item, core_registry)))
    assert single.startswith("取值 (value):") and "referrals_up" in single


# -- hooks ----------------------------------------------------------------------------------------
def test_every_hook_is_documented() -> None:
    assert rst.undocumented_hooks() == []


def test_hook_reference_lists_every_hookspec_in_order() -> None:
    names = [name for name, _ in rst.hook_specs()]
    assert names[0] == "register_jurisdictions"
    spec_names = {
        name for name in dir(real_hookspecs) if hasattr(getattr(real_hookspecs, name), "medconsortium_spec")
    }
    assert set(names) == spec_names
    text = rst.hooks_rst()
    for name in names:
        assert f".. py:function:: {name}(register)" in text or f".. py:function:: {name}(" in text
    assert ":Registers: :class:`~medconsortium.Jurisdiction` (key: ``code``" in text


def test_undocumented_hook_is_found() -> None:
    module = ModuleType("fake_hookspecs")
    source = (
        "from medconsortium.plugins.hookspecs import hookspec\n"
        "@hookspec\n"
        "def documented(register):\n"
        "    '''Has words.'''\n"
        "@hookspec\n"
        "def silent(register):\n"
        "    pass\n"
    )
    exec(compile(source, "fake_hookspecs.py", "exec"), module.__dict__)
    assert [name for name, _ in rst.hook_specs(module)] == ["documented", "silent"]
    assert rst.undocumented_hooks(module) == ["silent"]


# -- generated pages ---------------------------------------------------------------------------------
def test_pages_one_per_jurisdiction_in_hierarchy_order(demo_registry: Registry) -> None:
    pages = rst.pages(demo_registry)
    assert list(pages) == ["national.rst", "zhejiang.rst", "hangzhou.rst"]
    page = pages["hangzhou.rst"]
    assert page.startswith(rst.GENERATED_NOTE)
    assert ".. _mc-jurisdiction-330100:" in page
    assert ".. medconsortium-jurisdiction:: 330100" in page
    assert "杭州市 (Hangzhou)\n=================" in page


def test_write_pages_removes_stale_pages_and_keeps_hand_written_ones(
    tmp_path: Path, demo_registry: Registry
) -> None:
    folder = tmp_path / "gen"
    folder.mkdir()
    (folder / "999999-gone.rst").write_text(rst.GENERATED_NOTE + "\nold\n", encoding="utf-8")
    (folder / "notes.rst").write_text("Hand written\n============\n", encoding="utf-8")
    written = write_pages(tmp_path, "gen", demo_registry)
    assert sorted(p.name for p in written) == [
        "hangzhou.rst",
        "national.rst",
        "zhejiang.rst",
    ]
    assert sorted(p.name for p in folder.iterdir()) == [
        "hangzhou.rst",
        "national.rst",
        "notes.rst",
        "zhejiang.rst",
    ]
    # Unchanged pages are not rewritten (Sphinx would read them again).
    assert write_pages(tmp_path, "gen", demo_registry) == []


# -- catalogs, enumerations, JSON -------------------------------------------------------------------
def test_catalogs(core_registry: Registry) -> None:
    facts = plain(rst.catalog_rst(core_registry, "facts"))
    assert "charter 章程 (charter)" in facts.replace("fact ", "")
    metrics = plain(rst.catalog_rst(core_registry, "metrics"))
    assert "total_visits" in metrics and "总诊疗人次 (total visits)" in metrics
    with pytest.raises(Exception, match="unknown catalog"):
        rst.catalog_rst(core_registry, "nonsense")


def test_enum_values_with_labels() -> None:
    out = plain(rst.enum_rst(ConsortiumKind))
    assert "county_medical_community 县域医共体 (county medical community)" in out


def test_json_examples(core_registry: Registry) -> None:
    listing = rst.json_example(core_registry, "rules", "national")
    assert listing["jurisdiction"]["code"] == "100000"
    report = rst.json_example(core_registry, "validate", "national")
    assert report["command"] == "validate" and report["as_of"] == "2017-12-31"
    block = rst.json_rst(listing, items=1)
    assert block.startswith(".. code-block:: json")
    # one target, one rule, one referral rule, one reference table
    assert block.count('"id": "national.') == 4
    with pytest.raises(Exception, match="unknown command"):
        rst.json_example(core_registry, "frobnicate", "national")


def test_tree_nests_levels_and_names_documents(demo_registry: Registry) -> None:
    text = rst.tree_rst(demo_registry)
    lines = [line for line in text.splitlines() if line]
    assert lines == [
        "* 中华人民共和国 (People's Republic of China) 100000 — 国卫医发〔2016〕75号",
        "  * 浙江省 (Zhejiang) 330000 — 浙测〔2024〕1号",
        "    * 杭州市 (Hangzhou) 330100 — 杭测〔2024〕2号",
    ]
    tree = doctree(text)
    assert len(list(tree.findall(nodes.bullet_list))) == 3


def test_ancestor_page_shows_exceptions_declared_below(demo_registry: Registry) -> None:
    out = plain(rst.jurisdiction_rst(demo_registry, demo_registry.jurisdiction("national")))
    assert (
        "national.city_group_lead: 杭州市 (Hangzhou) 330100 (hz.exception; hz-cmg-1, hz-cmg-2): "
        "由两家医院共同牵头 (led jointly by two hospitals)"
    ) in out
    # Zhejiang's rules are not excepted by anyone.
    assert "下级对本级规则声明的例外" not in plain(
        rst.jurisdiction_rst(demo_registry, demo_registry.jurisdiction("zhejiang"))
    )
