"""The schema of the workbooks: one description of every sheet and column drives reading,
writing, the templates and the docs (``scripts/docs_assets.py``)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Literal

import attrs

from ...model.consortia import ConsortiumKind, Integration, MemberRole
from ...model.institutions import Grade, InstitutionLevel, InstitutionType, Ownership
from ...model.staffing import Title
from ...model.statistics import Scope

Kind = Literal["text", "code", "int", "number", "date", "bool", "enum", "list"]


def _choices(cls: type[enum.Enum], names: Mapping[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """(key, Chinese label) of every member of an enumeration."""
    out = []
    for member in cls:
        zh = names[member.value] if names else member.label.zh  # type: ignore[attr-defined]
        out.append((str(member.value), zh))
    if len({zh for _, zh in out}) != len(out):
        raise ValueError(f"{cls.__name__}: two members share a Chinese label")
    return tuple(out)


YES_NO = (("true", "是"), ("false", "否"))


@attrs.frozen
class Column:
    """A column of a sheet: the data key, its Chinese header, how its cells are read."""

    key: str
    zh: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    note: str = ""

    def headers(self) -> frozenset[str]:
        """Every header text that names this column.

        >>> sorted(Column("id", "编码").headers())
        ['id', '编码', '编码 id', '编码(id)', '编码（id）']
        """
        zh, key = self.zh, self.key
        return frozenset({key, zh, f"{zh} {key}", f"{zh}({key})", f"{zh}（{key}）"})


@attrs.frozen
class SheetSpec:
    """A sheet of a workbook. ``wide``: more columns follow, one per metric."""

    key: str
    zh: str
    columns: tuple[Column, ...]
    required: bool = False
    wide: bool = False
    note: str = ""

    def names(self) -> frozenset[str]:
        return Column(self.key, self.zh).headers()


_LEVELS = _choices(InstitutionLevel)
_TYPES = _choices(InstitutionType)
_OWNERSHIP = _choices(Ownership)
_GRADES = _choices(Grade, {"A": "甲等", "B": "乙等", "C": "丙等"})
_KINDS = _choices(ConsortiumKind)
_INTEGRATION = _choices(Integration, {"tight": "紧密型", "loose": "松散型"})
_ROLES = _choices(MemberRole, {"lead": "牵头单位", "member": "成员单位"})
_TITLES = _choices(Title)
_SCOPES = _choices(Scope, {"area": "区域", "consortium": "医联体", "institution": "机构"})

#: ``routing`` cell meaning "referral is not restricted" (``routing: {restricted_to: null}``).
UNRESTRICTED = ("不限", "unrestricted")

INSTITUTIONS = SheetSpec(
    "institutions",
    "机构",
    (
        Column("id", "机构编码", "code", True, note="unique id, e.g. tz-rm-01"),
        Column("name", "机构名称", required=True),
        Column("level", "医院等级", "enum", True, _LEVELS),
        Column("type", "机构类型", "enum", True, _TYPES),
        Column("ownership", "举办主体", "enum", True, _OWNERSHIP),
        Column("division", "区划代码", "code", True, note="county-level GB/T 2260 code"),
        Column("township", "乡镇街道"),
        Column("grade", "等次", "enum", choices=_GRADES),
        Column("provincially_administered", "省管", "bool", choices=YES_NO),
        Column("name_en", "英文名称"),
        Column("capabilities", "能力", "list", note="separated by ;"),
    ),
    required=True,
)
CONSORTIA = SheetSpec(
    "consortia",
    "医联体",
    (
        Column("id", "医联体编码", "code", True),
        Column("name", "医联体名称", required=True),
        Column("kind", "组织形式", "enum", True, _KINDS),
        Column("division", "区划代码", "code", True, note="GB/T 2260 code of the area served"),
        Column("integration", "紧密程度", "enum", choices=_INTEGRATION),
        Column("specialty", "专科"),
        Column("formed", "成立日期", "date"),
        Column("dissolved", "撤销日期", "date"),
        Column("filed", "备案日期", "date"),
        Column("cancelled", "备案注销日期", "date"),
        Column("departments", "管理部门", "list", note="department ids, separated by ;"),
        Column("routing", "转诊去向", "list", note="不限 (unrestricted), or the only institution ids"),
        Column("name_en", "英文名称"),
    ),
    required=True,
)
MEMBERSHIPS = SheetSpec(
    "memberships",
    "成员",
    (
        Column("consortium", "医联体编码", "code", True),
        Column("institution", "机构编码", "code", True),
        Column("role", "角色", "enum", choices=_ROLES, note="blank: member"),
        Column("joined", "加入日期", "date"),
        Column("left", "退出日期", "date"),
    ),
    required=True,
)
GRID = SheetSpec(
    "grid",
    "网格",
    (Column("consortium", "医联体编码", "code", True), Column("township", "乡镇街道", required=True)),
)
LINKS = SheetSpec(
    "links",
    "关联",
    (
        Column("consortium", "医联体编码", "code", True),
        Column("relation", "关系", required=True, note="pairs_with, guides, branch_of ..."),
        Column("target", "对象编码", "code", True),
        Column("agreement", "协议", "bool", choices=YES_NO, note="blank: unknown"),
    ),
)
GOVERNANCE = SheetSpec(
    "governance",
    "治理",
    (
        Column("consortium", "医联体编码", "code", True),
        Column("fact", "治理事项", "code", True, note="fact id, from the policy reference"),
        Column("value", "是否", "bool", True, YES_NO),
    ),
)
CHANGES = SheetSpec(
    "changes",
    "变更",
    (
        Column("consortium", "医联体编码", "code", True),
        Column("date", "变更日期", "date", True),
        Column("description", "变更内容"),
        Column("filed", "报备日期", "date"),
    ),
)
SECONDMENTS = SheetSpec(
    "secondments",
    "派驻",
    (
        Column("person", "人员代码", "code", True, note="pseudonymous staff key, never a name"),
        Column("title", "职称", "enum", True, _TITLES),
        Column("from_institution", "派出机构", "code", True),
        Column("to_institution", "派驻机构", "code", True),
        Column("start", "开始日期", "date", True),
        Column("end", "结束日期", "date", note="blank: ongoing"),
    ),
)
ABOUT = SheetSpec(
    "about",
    "文件信息",
    (Column("key", "项目", "code", True), Column("value", "内容", required=True)),
    note="synthetic (是/否), description; statistics also: source",
)
STATISTICS = SheetSpec(
    "statistics",
    "统计",
    (
        Column("scope", "范围", "enum", True, _SCOPES),
        Column("id", "编码", "code", True, note="area code, consortium or institution id"),
        Column("year", "年份", "int", True),
    ),
    required=True,
    wide=True,
    note="one column per metric: its id or Chinese name",
)

NETWORK_SHEETS = (INSTITUTIONS, CONSORTIA, MEMBERSHIPS, GRID, LINKS, GOVERNANCE, CHANGES, SECONDMENTS, ABOUT)
STATISTICS_SHEETS = (STATISTICS, ABOUT)
