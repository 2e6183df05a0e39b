"""The Wuhu document, its jurisdiction, and the areas it plans consortia for.

芜医改组〔2019〕7号 is the city's plan for medical consortia 2018–2020. It rests on the
national and Anhui documents it names; those are listed in ``rests_on`` and not encoded.
"""

from __future__ import annotations

import datetime as dt

import attrs
from medconsortium import Citation
from medconsortium import Jurisdiction
from medconsortium import Label
from medconsortium import Level
from medconsortium import PolicyDocument
from medconsortium import PolicyText

CODE = "340200"
ANHUI = "340000"
DOC = "芜医改组〔2019〕7号"
ISSUED = dt.date(2019, 6, 25)

JURISDICTION = Jurisdiction(CODE, "wuhu", Label("芜湖市", "Wuhu"), Level.CITY, ANHUI)

DOCUMENT = PolicyDocument(
    number=DOC,
    title="关于印发芜湖市医联体建设发展总体规划 (2018-2020年)的通知",
    title_en="Notice on the overall plan for building medical consortia in Wuhu (2018-2020)",
    issuer=Label("芜湖市深化医药卫生体制改革领导小组", "Wuhu leading group for deepening health-care reform"),
    issued=ISSUED,
    # Dated and printed (印发) the same day, 2019年6月25日.
    printed=ISSUED,
    jurisdiction=CODE,
    rests_on=(
        "国办发〔2017〕32号",
        "皖政办〔2017〕95号",
        "芜政办秘〔2018〕292号",
        "皖政办〔2017〕57号",
    ),
    # The plan runs to 2020: whether a later plan replaced it should be checked.
    review_by=dt.date(2027, 6, 30),
    text=PolicyText("medconsortium_wuhu", "wuhu-wuyigaizu-2019-7.txt"),
)


def cite(clause: str, text: str) -> Citation:
    """A citation of the Wuhu document (``text`` copied verbatim from it)."""
    return Citation(DOC, clause, text)


@attrs.frozen
class Area:
    """An area of the city a city medical group is planned for (市辖区 or 开发区).

    ``codes`` are the division codes that belong to it: 三山区 includes the 长江大桥开发区.
    """

    code: str
    name: Label
    codes: frozenset[str]

    def contains(self, division: str) -> bool:
        return division in self.codes


JINGHU = "340202"
YIJIANG = "340203"
JIUJIANG = "340207"
SANSHAN = "340208"
# Development zones have no GB/T 2260 code; these are the statistical division codes
# (统计用区划代码) the National Bureau of Statistics gives them.
ECONOMIC_ZONE = "340271"
BRIDGE_ZONE = "340272"

CITY_AREAS = (
    Area(JINGHU, Label("镜湖区", "Jinghu District"), frozenset({JINGHU})),
    Area(YIJIANG, Label("弋江区", "Yijiang District"), frozenset({YIJIANG})),
    Area(JIUJIANG, Label("鸠江区", "Jiujiang District"), frozenset({JIUJIANG})),
    Area(
        SANSHAN,
        Label("三山区（含大桥开发区）", "Sanshan District (with the Yangtze Bridge Development Zone)"),
        frozenset({SANSHAN, BRIDGE_ZONE}),
    ),
    Area(
        ECONOMIC_ZONE,
        Label("经济技术开发区", "Economic and Technological Development Zone"),
        frozenset({ECONOMIC_ZONE}),
    ),
)

#: The four counties of 2019 (无为县 became 无为市, 340281, later; both codes are accepted).
COUNTIES = (
    Area("340221", Label("芜湖县", "Wuhu County"), frozenset({"340221"})),
    Area("340222", Label("繁昌县", "Fanchang County"), frozenset({"340222"})),
    Area("340223", Label("南陵县", "Nanling County"), frozenset({"340223"})),
    Area("340225", Label("无为县", "Wuwei County"), frozenset({"340225", "340281"})),
)


def city_area_of(division: str) -> Area | None:
    """The city area (district or development zone) a division code belongs to."""
    return next((a for a in CITY_AREAS if a.contains(division)), None)


def county_of(division: str) -> Area | None:
    """The county a division code belongs to."""
    return next((a for a in COUNTIES if a.contains(division)), None)


@attrs.frozen
class NamedLead:
    """A lead hospital the plan names for a district, with the names it goes by."""

    area: str
    short: str
    names: frozenset[str]

    def matches(self, name: str) -> bool:
        return "".join(name.split()) in self.names


#: 镜湖区、弋江区、鸠江区 are led by 市二院、市中医医院、市一院 (四（一）).
NAMED_LEADS = {
    JINGHU: NamedLead(JINGHU, "市二院", frozenset({"市二院", "芜湖市第二人民医院", "芜湖市二院"})),
    YIJIANG: NamedLead(YIJIANG, "市中医医院", frozenset({"市中医医院", "芜湖市中医医院"})),
    JIUJIANG: NamedLead(JIUJIANG, "市一院", frozenset({"市一院", "芜湖市第一人民医院", "芜湖市一院"})),
}

#: Areas without a tertiary general hospital, which choose their lead among the city's.
CHOOSING_AREAS = frozenset({SANSHAN, ECONOMIC_ZONE})
