"""四（一）4: each public second-level hospital of the five districts links up (对接) with a
tertiary hospital of the urban area.

对接 is read as being in a consortium, on the day, together with a tertiary hospital that
stands in the urban districts (:data:`~medconsortium_linyi.document.URBAN_DISTRICTS`); the
network records no other form of it. The rest of the sentence (参与社区卫生服务机构的建设与
帮扶) is support work the data does not show.
"""

from __future__ import annotations

from collections.abc import Iterator

from medconsortium import InstitutionLevel
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength

from .document import URBAN_DISTRICTS
from .document import cite


def check_district_docking(ctx: RuleContext) -> Iterator[Outcome]:
    """Each public secondary hospital of the urban districts shares a consortium with a
    tertiary hospital of the urban districts.

    >>> sorted(URBAN_DISTRICTS)
    ['371302', '371311', '371312']
    """
    for inst in ctx.institutions_by_id(
        lambda i: (
            i.division in URBAN_DISTRICTS
            and i.is_public
            and not i.is_primary_care
            and i.level is InstitutionLevel.SECONDARY
        )
    ):
        partners: set[str] = set()
        via: set[str] = set()
        for cons in ctx.network.consortia_of(inst.id, on=ctx.as_of):
            for other in ctx.network.members(cons, ctx.as_of):
                if other.level is InstitutionLevel.TERTIARY and other.division in URBAN_DISTRICTS:
                    partners.add(other.name)
                    via.add(cons.id)
        yield ctx.judge(
            [inst.id, *sorted(via)],
            bool(partners),
            passed=(
                f"{inst.name}已与市区三级医院对接：{'、'.join(sorted(partners))}",
                f"{inst.name} is linked with urban tertiary hospitals: {', '.join(sorted(partners))}",
            ),
            failed=(
                f"五区内二级公立医院{inst.name}未与市区的三级医院对接（不在同一医联体）",
                f"public secondary hospital {inst.name} of the urban districts shares no consortium "
                "with an urban tertiary hospital",
            ),
            expected="in a consortium with a tertiary hospital of the urban districts",
        )


RULES = (
    Rule(
        "linyi.district_secondary_docking",
        Label(
            "五区内二级公立医院与市区的三级医院对接",
            "public secondary hospitals of the five districts link up with urban tertiary hospitals",
        ),
        Strength.MANDATORY,
        cite("四（一）4", "五区内二级公立医院应主动与市区的三级医院对接"),
        check_district_docking,
        description=Label(
            "对接记为与市区三级医院同属一个医联体；五区即兰山、罗庄、河东三区（两个开发区在其内）",
            "linking up is read as sharing a consortium with a tertiary hospital of the urban districts; "
            "the five districts are Lanshan, Luozhuang and Hedong (the development zones lie inside them)",
        ),
    ),
)
