"""四（一）4: public secondary hospitals of the five districts link up with an urban tertiary
hospital (linyi.district_secondary_docking): pass, fail, no subject, and the day before
the document (2017-10-25), when it is not in force."""

from __future__ import annotations

import datetime as dt

from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Jurisdiction
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import run_rules

from .test_linyi_rules import cons

RULE = "linyi.district_secondary_docking"
AS_OF = dt.date(2018, 12, 31)
BEFORE = dt.date(2017, 10, 25)
LANSHAN = "371302"
JUNAN = "371327"

TERTIARY = Institution(
    "t",
    "临沂市人民医院",
    InstitutionLevel.TERTIARY,
    InstitutionType.GENERAL_HOSPITAL,
    Ownership.GOVERNMENT,
    LANSHAN,
)
SECONDARY = Institution(
    "s",
    "兰山区人民医院",
    InstitutionLevel.SECONDARY,
    InstitutionType.GENERAL_HOSPITAL,
    Ownership.PUBLIC,
    LANSHAN,
)
CHC = Institution(
    "c",
    "社区卫生服务中心",
    InstitutionLevel.UNRATED,
    InstitutionType.COMMUNITY_HEALTH_CENTRE,
    Ownership.GOVERNMENT,
    LANSHAN,
)
COUNTY_TERTIARY = Institution(
    "j",
    "莒南县人民医院",
    InstitutionLevel.TERTIARY,
    InstitutionType.COUNTY_HOSPITAL,
    Ownership.GOVERNMENT,
    JUNAN,
)


def statuses(
    registry: Registry, linyi: Jurisdiction, network: Network, as_of: dt.date = AS_OF
) -> dict[tuple[str, ...], str]:
    return {f.subjects: f.status.value for f in run_rules(network, registry, linyi, as_of) if f.rule == RULE}


def test_in_a_consortium_with_an_urban_tertiary_hospital_passes(
    registry: Registry, linyi: Jurisdiction
) -> None:
    net = Network(
        (TERTIARY, SECONDARY, CHC), (cons("u", ConsortiumKind.CITY_MEDICAL_GROUP, LANSHAN, "t", "s", "c"),)
    )
    assert statuses(registry, linyi, net) == {("s", "u"): "pass"}
    assert statuses(registry, linyi, net, BEFORE) == {}


def test_in_no_consortium_fails(registry: Registry, linyi: Jurisdiction) -> None:
    net = Network(
        (TERTIARY, SECONDARY, CHC), (cons("u", ConsortiumKind.CITY_MEDICAL_GROUP, LANSHAN, "t", "c"),)
    )
    assert statuses(registry, linyi, net) == {("s",): "fail"}


def test_a_county_tertiary_hospital_is_not_the_urban_one(registry: Registry, linyi: Jurisdiction) -> None:
    net = Network(
        (COUNTY_TERTIARY, SECONDARY), (cons("x", ConsortiumKind.SPECIALTY_ALLIANCE, JUNAN, "j", "s"),)
    )
    assert statuses(registry, linyi, net) == {("s",): "fail"}


def test_without_a_public_secondary_hospital_in_the_districts_nothing_is_assessed(
    registry: Registry, linyi: Jurisdiction
) -> None:
    private = Institution(
        "p",
        "民营医院",
        InstitutionLevel.SECONDARY,
        InstitutionType.GENERAL_HOSPITAL,
        Ownership.PRIVATE,
        LANSHAN,
    )
    assert statuses(registry, linyi, Network((TERTIARY, private))) == {("371300",): "not_assessable"}
