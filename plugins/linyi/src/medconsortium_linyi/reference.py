"""Reference tables: the named leads of 四（一） and the three city centres."""

from __future__ import annotations

from medconsortium import Label
from medconsortium import ReferenceTable

from . import leads
from .document import COUNTIES
from .document import cite


def _assignment_row(a: leads.Assignment) -> tuple[str, str, str]:
    scope = []
    if a.division is not None:
        scope.append(COUNTIES[a.division].zh)
    if a.covers:
        scope.append("成员覆盖" + "、".join(COUNTIES[c].zh for c in a.covers))
    if a.county_hospitals:
        scope.append("纳入" + "、".join(COUNTIES[c].zh for c in a.county_hospitals) + "县级综合医院")
    if a.member_types:
        scope.append("含" + "、".join(sorted(t.label.zh for t in a.member_types)))
    return (a.lead, f"{a.duty.zh} {a.duty.en}", "；".join(scope) or "全市")


NAMED_LEADS = ReferenceTable(
    "linyi.named_leads",
    Label("四（一）指定的医联体牵头单位", "lead hospitals named in 四（一）"),
    (Label("牵头单位", "lead"), Label("负责", "leads"), Label("检查的范围", "what is checked")),
    tuple(
        _assignment_row(a)
        for a in leads.GENERAL + leads.TCM + leads.MATERNAL_CHILD + leads.SPECIALTY + leads.REMOTE
    )
    + tuple((leads.GUIDE, "业务指导和帮扶 guidance", name) for name in leads.GUIDED),
    cite("四（一）", "具体安排如下："),
)

CENTRES = ReferenceTable(
    "linyi.city_centres",
    Label("全市同质化管理的三个中心", "the three city centres for uniform management"),
    (Label("中心", "centre"), Label("依托", "built on")),
    (
        ("临沂市病理中心 pathology centre", "临沂市病理质控中心"),
        ("临沂市临床检验中心 clinical laboratory centre", "临沂市临床检验质控中心"),
        ("临沂市医学影像中心 medical imaging centre", "临沂市医学影像质控中心"),
    ),
    cite("四（一）7", "以临沂市病理质控中心、临沂市临床检验质控中心、临沂市医学影像质控中心为基础"),
)

TABLES = (NAMED_LEADS, CENTRES)
