"""Sample data for tests: institutions, consortia, networks, statistics, referrals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ..model.consortia import Consortium, ConsortiumKind, Governance, MemberRole, Membership
from ..model.institutions import Institution, InstitutionLevel, InstitutionType, Ownership
from ..model.network import Network
from ..model.referrals import ClinicalPhase, Referral
from ..model.statistics import Scope, Statistics, StatRecord
from ..plugins.scaffold import county_in


def make_institution(
    id: str,
    type: InstitutionType = InstitutionType.GENERAL_HOSPITAL,
    level: InstitutionLevel | None = None,
    division: str = "110101",
    *,
    ownership: Ownership = Ownership.GOVERNMENT,
    name: str | None = None,
    township: str | None = None,
) -> Institution:
    """An institution with sensible defaults: the level follows the type (primary care
    institutions are unrated, county hospitals secondary, other hospitals tertiary)."""
    if level is None:
        if type.is_primary_care or type.is_public_health:
            level = InstitutionLevel.UNRATED
        elif type in (InstitutionType.COUNTY_HOSPITAL, InstitutionType.COUNTY_TCM_HOSPITAL):
            level = InstitutionLevel.SECONDARY
        else:
            level = InstitutionLevel.TERTIARY
    return Institution(
        id=id,
        name=name or f"{type.label.zh}{id}",
        level=level,
        type=type,
        ownership=ownership,
        division=division,
        township=township,
    )


def make_consortium(
    id: str,
    kind: ConsortiumKind,
    lead: str,
    members: Iterable[str] = (),
    division: str = "110101",
    *,
    facts: Mapping[str, bool] | None = None,
    departments: Iterable[str] | None = None,
    name: str | None = None,
    formed: dt.date | None = None,
    specialty: str | None = None,
) -> Consortium:
    """A consortium led by ``lead`` with ``members``; ``facts`` absent means unknown."""
    return Consortium(
        id=id,
        name=name or f"{kind.label.zh}{id}",
        kind=kind,
        division=division,
        members=(Membership(lead, MemberRole.LEAD), *(Membership(m) for m in members)),
        governance=Governance(dict(facts or {}), frozenset(departments) if departments is not None else None),
        formed=formed,
        specialty=specialty,
    )


# The members of one consortium of each kind: (lead type, member types).
_SHAPES: dict[ConsortiumKind, tuple[InstitutionType, tuple[InstitutionType, ...]]] = {
    ConsortiumKind.CITY_MEDICAL_GROUP: (
        InstitutionType.GENERAL_HOSPITAL,
        (
            InstitutionType.REHABILITATION_HOSPITAL,
            InstitutionType.NURSING_HOME,
            InstitutionType.COMMUNITY_HEALTH_CENTRE,
        ),
    ),
    ConsortiumKind.COUNTY_MEDICAL_COMMUNITY: (
        InstitutionType.COUNTY_HOSPITAL,
        (InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionType.VILLAGE_CLINIC),
    ),
    ConsortiumKind.SPECIALTY_ALLIANCE: (
        InstitutionType.SPECIALTY_HOSPITAL,
        (InstitutionType.COUNTY_TCM_HOSPITAL,),
    ),
    ConsortiumKind.TELEMEDICINE_NETWORK: (
        InstitutionType.GENERAL_HOSPITAL,
        (InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE,),
    ),
    ConsortiumKind.URBAN_RURAL: (
        InstitutionType.TCM_HOSPITAL,
        (InstitutionType.COUNTY_TCM_HOSPITAL, InstitutionType.COMMUNITY_HEALTH_STATION),
    ),
}


def sample_network(
    code: str,
    *,
    kinds: Iterable[ConsortiumKind] = tuple(ConsortiumKind),
    facts: Mapping[str, bool] | None = None,
    departments: Iterable[str] | None = None,
) -> Network:
    """One consortium of each of ``kinds`` in a county inside division ``code``.

    Institutions are ``<kind>-lead``, ``<kind>-m1``...; consortia are named by their kind
    (``county_medical_community``...). Every consortium states ``facts`` (absent: unknown)
    and ``departments`` (None: unknown). Leads and members follow the shapes the national
    document describes, so a rule about the shape of a consortium has something to pass.
    """
    division = county_in(code)
    institutions: list[Institution] = []
    consortia: list[Consortium] = []
    for kind in kinds:
        lead_type, member_types = _SHAPES[kind]
        lead = make_institution(f"{kind.value}-lead", lead_type, division=division, township="城关镇")
        members = [
            make_institution(f"{kind.value}-m{n}", t, division=division, township="城关镇")
            for n, t in enumerate(member_types, start=1)
        ]
        institutions += [lead, *members]
        consortia.append(
            make_consortium(
                kind.value,
                kind,
                lead.id,
                [m.id for m in members],
                division,
                facts=facts,
                departments=departments,
                specialty="心血管" if kind is ConsortiumKind.SPECIALTY_ALLIANCE else None,
            )
        )
    return Network(tuple(institutions), tuple(consortia))


def make_statistics(
    values: Mapping[int, Mapping[str, float]],
    subject: str,
    scope: Scope = Scope.AREA,
    *,
    synthetic: bool = True,
) -> Statistics:
    """Statistics for one subject: ``{year: {metric: value}}``.

    >>> s = make_statistics({2024: {"a": 1}, 2025: {"a": 2}}, "320612")
    >>> s.value(Scope.AREA, "320612", 2025, "a")
    2.0
    """
    return Statistics(
        tuple(
            StatRecord(scope, subject, year, {k: float(v) for k, v in sorted(row.items())})
            for year, row in sorted(values.items())
        ),
        synthetic=synthetic,
    )


def make_referral(
    id: str,
    source: str,
    target: str,
    time: dt.datetime = dt.datetime(2025, 6, 30, 9, 0),
    *,
    patient: str = "p-0001",
    phase: ClinicalPhase | None = None,
    priority: bool | None = None,
) -> Referral:
    """A referral between two institutions with a pseudonymous patient key."""
    return Referral(
        id=id,
        patient=patient,
        from_institution=source,
        to_institution=target,
        time=time,
        phase=phase,
        priority=priority,
    )
