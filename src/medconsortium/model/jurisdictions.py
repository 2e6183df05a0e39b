"""Jurisdictions: the places that issue rules, identified by GB/T 2260 division codes.

The core knows the nation and every provincial-level division, so a plugin for a city or
county names a parent that already exists. A province carries no rules until a plugin
attaches documents to it.
"""

from __future__ import annotations

import enum
import functools

import attrs

from .checks import enum_of
from .labels import Label

NATIONAL_CODE = "100000"


class Level(enum.Enum):
    """Administrative level of a jurisdiction or area."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"

    @property
    def label(self) -> Label:
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    Level.NATIONAL: Label("国家", "national"),
    Level.PROVINCE: Label("省级", "province"),
    Level.CITY: Label("地市级", "city"),
    Level.COUNTY: Label("县（区）级", "county/district"),
}


def _check_code(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not is_division_code(value):
        raise ValueError(f"{attribute.name}: {value!r} is not a six-digit GB/T 2260 code")


def is_division_code(value: str) -> bool:
    """A six-digit GB/T 2260 code in a known province (or the national code 100000).

    >>> is_division_code("320612"), is_division_code("32061"), is_division_code("3206x2")
    (True, False, False)
    >>> is_division_code("990612")  # no province 99
    False
    """
    if len(value) != 6 or not value.isdigit():
        return False
    return value == NATIONAL_CODE or value[:2] in _PROVINCE_PREFIXES


#: The levels read once: on Python 3.11 a member read from its enumeration goes through
#: ``EnumType.__getattr__`` (600 to 1,800 instructions; a module's name costs a few), and the
#: functions below run for every institution and consortium a rule looks at.
_NATIONAL, _PROVINCE, _CITY, _COUNTY = Level.NATIONAL, Level.PROVINCE, Level.CITY, Level.COUNTY


@functools.cache  # a province has a few hundred codes, asked of every institution
def level_of_code(code: str) -> Level:
    """The level a division code names.

    >>> [level_of_code(c).value for c in ("100000", "320000", "320600", "320612")]
    ['national', 'province', 'city', 'county']
    """
    if code == NATIONAL_CODE:
        return _NATIONAL
    if code.endswith("0000"):
        return _PROVINCE
    if code.endswith("00"):
        return _CITY
    return _COUNTY


def code_within(code: str, container: str) -> bool:
    """Whether division ``code`` lies inside (or is) division ``container``.

    >>> code_within("320612", "320000"), code_within("320612", "320600")
    (True, True)
    >>> code_within("320612", "371300"), code_within("371300", NATIONAL_CODE)
    (False, True)
    """
    level = level_of_code(container)
    if level is _NATIONAL:
        return True
    if level is _PROVINCE:
        return code[:2] == container[:2]
    if level is _CITY:
        return code[:4] == container[:4]
    return code == container


def is_city_district(code: str) -> bool:
    """Whether a county-level code is a district of its city (市辖区: GB/T 2260 numbers
    01–20 inside the city; counties are 21–80, county-level cities 81–99).

    >>> is_city_district("320612"), is_city_district("320623"), is_city_district("320681")
    (True, False, False)
    """
    return level_of_code(code) is _COUNTY and 1 <= int(code[4:]) <= 20


def served_by(code: str, area: str) -> bool:
    """Whether a consortium whose ``division`` is ``area`` serves division ``code``.

    A city-level consortium (``area`` a 设区市) serves the city's districts (市辖区), not
    its counties and county-level cities, which have their own county communities; any
    other area serves what lies within it.

    >>> served_by("320612", "320600"), served_by("320623", "320600"), served_by("320623", "320623")
    (True, False, True)
    """
    if level_of_code(area) is _CITY and level_of_code(code) is _COUNTY:
        return code_within(code, area) and is_city_district(code)
    return code_within(code, area)


def area_at(code: str, level: Level) -> str | None:
    """The division of ``level`` that contains ``code`` (None if ``code`` is above it).

    >>> area_at("320612", Level.CITY), area_at("320612", Level.COUNTY), area_at("320600", Level.COUNTY)
    ('320600', '320612', None)
    """
    own = level_of_code(code)
    order = [Level.NATIONAL, Level.PROVINCE, Level.CITY, Level.COUNTY]
    if order.index(own) < order.index(level):
        return None
    if level is Level.NATIONAL:
        return NATIONAL_CODE
    if level is Level.PROVINCE:
        return code[:2] + "0000"
    if level is Level.CITY:
        return code[:4] + "00"
    return code


@attrs.frozen
class Jurisdiction:
    """A level of government that issues medical-consortium policy.

    ``slug`` is the short English name used on the command line (``jiangsu``).
    """

    code: str = attrs.field(validator=_check_code)
    slug: str
    name: Label
    level: Level = attrs.field(validator=enum_of(Level))
    parent: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.level is not level_of_code(self.code):
            raise ValueError(f"jurisdiction {self.code}: level {self.level.value} does not match the code")
        if self.parent is not None and (self.parent == self.code or not code_within(self.code, self.parent)):
            # A parent must strictly contain the child; this also rules out cycles.
            raise ValueError(f"jurisdiction {self.code}: parent {self.parent} does not contain it")
        if self.parent is None and self.level is not Level.NATIONAL:
            raise ValueError(f"jurisdiction {self.code}: only the nation has no parent")


NATION = Jurisdiction(
    NATIONAL_CODE, "national", Label("中华人民共和国", "People's Republic of China"), Level.NATIONAL
)

# GB/T 2260 provincial-level divisions. Only the structure: rules come from plugins.
_PROVINCES = (
    ("110000", "beijing", "北京市", "Beijing"),
    ("120000", "tianjin", "天津市", "Tianjin"),
    ("130000", "hebei", "河北省", "Hebei"),
    ("140000", "shanxi", "山西省", "Shanxi"),
    ("150000", "neimenggu", "内蒙古自治区", "Inner Mongolia"),
    ("210000", "liaoning", "辽宁省", "Liaoning"),
    ("220000", "jilin", "吉林省", "Jilin"),
    ("230000", "heilongjiang", "黑龙江省", "Heilongjiang"),
    ("310000", "shanghai", "上海市", "Shanghai"),
    ("320000", "jiangsu", "江苏省", "Jiangsu"),
    ("330000", "zhejiang", "浙江省", "Zhejiang"),
    ("340000", "anhui", "安徽省", "Anhui"),
    ("350000", "fujian", "福建省", "Fujian"),
    ("360000", "jiangxi", "江西省", "Jiangxi"),
    ("370000", "shandong", "山东省", "Shandong"),
    ("410000", "henan", "河南省", "Henan"),
    ("420000", "hubei", "湖北省", "Hubei"),
    ("430000", "hunan", "湖南省", "Hunan"),
    ("440000", "guangdong", "广东省", "Guangdong"),
    ("450000", "guangxi", "广西壮族自治区", "Guangxi"),
    ("460000", "hainan", "海南省", "Hainan"),
    ("500000", "chongqing", "重庆市", "Chongqing"),
    ("510000", "sichuan", "四川省", "Sichuan"),
    ("520000", "guizhou", "贵州省", "Guizhou"),
    ("530000", "yunnan", "云南省", "Yunnan"),
    ("540000", "xizang", "西藏自治区", "Tibet"),
    ("610000", "shaanxi", "陕西省", "Shaanxi"),
    ("620000", "gansu", "甘肃省", "Gansu"),
    ("630000", "qinghai", "青海省", "Qinghai"),
    ("640000", "ningxia", "宁夏回族自治区", "Ningxia"),
    ("650000", "xinjiang", "新疆维吾尔自治区", "Xinjiang"),
    ("710000", "taiwan", "台湾省", "Taiwan"),
    ("810000", "hongkong", "香港特别行政区", "Hong Kong"),
    ("820000", "macao", "澳门特别行政区", "Macao"),
)

_PROVINCE_PREFIXES = frozenset(code[:2] for code, *_ in _PROVINCES)

PROVINCES: tuple[Jurisdiction, ...] = tuple(
    Jurisdiction(code, slug, Label(zh, en), Level.PROVINCE, NATIONAL_CODE)
    for code, slug, zh, en in _PROVINCES
)
