"""Builders for the referral tests: a small network, referrals, files and the CLI.

Imported by the test modules as ``referral_support`` (tests/conftest.py puts this folder on
``sys.path``; pytest's importlib mode does not).

The network lies in Nantong, Jiangsu: a county medical community in Tongzhou (320612)
and a city medical group led by a tertiary hospital in Chongchuan (320602) that the
county hospital joined on 2022-01-01.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from medconsortium import (
    Consortium,
    ConsortiumKind,
    Grade,
    Institution,
    InstitutionLevel,
    InstitutionType,
    MemberRole,
    Membership,
    Network,
    Ownership,
    Referral,
    Registry,
    Routing,
)
from medconsortium.cli import main

#: Referrals in the tests are dated before this; "now" for every read.
NOW = dt.datetime(2025, 6, 30, 12, 0)

T = InstitutionType
L = InstitutionLevel

#: Personal numbers in disguise (resident ID numbers and mobile numbers written full-width,
#: with spaces or hyphens inside, embedded in a longer key, with +86): every reader and
#: every output must treat them as it treats a plain one.
DISGUISED_NUMBERS = (
    "１１０１０５１９４９１２３１００２Ｘ",
    "110105 19491231 002X",
    "110105-19491231-002X",
    "p-11010519491231002X-a",
    "13812345678",
    "+8613812345678",
    "+86 138 1234 5678",
    "pk138-1234-5678",
    "１３８１２３４５６７８",
)


def inst(
    id: str,
    type: InstitutionType,
    level: InstitutionLevel,
    division: str = "320612",
    grade: Grade | None = None,
) -> Institution:
    return Institution(id, f"机构{id}", level, type, Ownership.GOVERNMENT, division, grade=grade)


INSTITUTIONS = (
    inst("th", T.GENERAL_HOSPITAL, L.TERTIARY, "320602", Grade.A),
    inst("ch", T.COUNTY_HOSPITAL, L.SECONDARY, grade=Grade.A),
    inst("sec2", T.GENERAL_HOSPITAL, L.SECONDARY),
    inst("rehab", T.REHABILITATION_HOSPITAL, L.SECONDARY),
    inst("thc", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED),
    inst("vc", T.VILLAGE_CLINIC, L.UNRATED),
    inst("thc2", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED),
)


def network(routing: Routing | None = None) -> Network:
    """The test network; ``routing`` is the county medical community's routing policy."""
    return Network(
        INSTITUTIONS,
        (
            Consortium(
                "ccm",
                "测试医共体",
                ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
                "320612",
                (
                    Membership("ch", MemberRole.LEAD),
                    Membership("thc"),
                    Membership("vc"),
                    Membership("rehab"),
                ),
                formed=dt.date(2020, 1, 1),
                routing=routing,
            ),
            Consortium(
                "cmg",
                "测试城市医疗集团",
                ConsortiumKind.CITY_MEDICAL_GROUP,
                "320600",
                (Membership("th", MemberRole.LEAD), Membership("ch", joined=dt.date(2022, 1, 1))),
                formed=dt.date(2020, 1, 1),
            ),
        ),
    )


_counter = iter(range(1, 10**9))


def ref(
    source: str,
    target: str,
    when: dt.datetime | str = "2024-03-01T09:00",
    id: str | None = None,
    patient: str | None = None,
    **fields: Any,
) -> Referral:
    """A referral with a fresh id and a pseudonymous key unless given."""
    n = next(_counter)
    time = dt.datetime.fromisoformat(when) if isinstance(when, str) else when
    return Referral(id or f"r-{n}", patient or f"pk-{n:06d}", source, target, time, **fields)


def network_file(path: Path, net: Network | None = None) -> Path:
    """The network written as a JSON network file (``path`` should end in .json)."""
    from medconsortium.io.converter import converter

    net = net or network()
    data = {
        "institutions": [converter.unstructure(i) for i in net.institutions],
        "consortia": [converter.unstructure(c) for c in net.consortia],
    }
    # Sets (capabilities, grid) are written as sorted lists, as a person would.
    path.write_text(json.dumps(data, ensure_ascii=False, default=sorted), encoding="utf-8")
    return path


def csv_file(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def jsonl_file(path: Path, records: Iterable[Mapping[str, Any] | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli(registry: Registry, *args: str | Path) -> Result:
    """Run the command in-process with this registry (no plugin discovery)."""
    return CliRunner().invoke(main, [str(a) for a in args], obj={"registry": registry})
