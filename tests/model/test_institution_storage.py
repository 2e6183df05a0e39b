"""An Institution is stored compactly (the fields alike across a county in one shared
profile) and behaves as the attrs class it is declared as: fields, defaults, validators,
evolve, equality, hashing, repr, pickling, cattrs."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest

from medconsortium import Institution, InstitutionLevel, InstitutionType, Ownership
from medconsortium.io.converter import converter
from medconsortium.model.institutions import Grade, field_reader


def _full() -> Institution:
    return Institution(
        "h1",
        "县人民医院",
        InstitutionLevel.SECONDARY,
        InstitutionType.COUNTY_HOSPITAL,
        Ownership.GOVERNMENT,
        "320612",
        "西亭镇",
        Grade.A,
        True,
        "County People's Hospital",
        frozenset({"chest_pain_centre"}),
    )


def _plain(ident: str = "c1") -> Institution:
    return Institution(
        ident,
        "村卫生室",
        InstitutionLevel.UNRATED,
        InstitutionType.VILLAGE_CLINIC,
        Ownership.PUBLIC,
        "320612",
    )


def test_the_fields_are_the_declared_ones_with_their_defaults() -> None:
    fields = attrs.fields(Institution)
    assert attrs.has(Institution)
    assert [f.name for f in fields] == [
        "id",
        "name",
        "level",
        "type",
        "ownership",
        "division",
        "township",
        "grade",
        "provincially_administered",
        "name_en",
        "capabilities",
    ]
    assert {f.name: f.default for f in fields if f.default is not attrs.NOTHING} == {
        "township": None,
        "grade": None,
        "provincially_administered": False,
        "name_en": None,
        "capabilities": frozenset(),
    }
    clinic = _plain()
    assert (clinic.township, clinic.grade, clinic.provincially_administered) == (None, None, False)
    assert (clinic.name_en, clinic.capabilities) == (None, frozenset())


def test_every_field_reads_back_and_evolve_changes_one() -> None:
    inst = _full()
    assert attrs.asdict(inst, recurse=False) == {
        "id": "h1",
        "name": "县人民医院",
        "level": InstitutionLevel.SECONDARY,
        "type": InstitutionType.COUNTY_HOSPITAL,
        "ownership": Ownership.GOVERNMENT,
        "division": "320612",
        "township": "西亭镇",
        "grade": Grade.A,
        "provincially_administered": True,
        "name_en": "County People's Hospital",
        "capabilities": frozenset({"chest_pain_centre"}),
    }
    moved = attrs.evolve(inst, township="金沙街道", level=InstitutionLevel.TERTIARY)
    assert (moved.township, moved.level, moved.id, moved.grade) == (
        "金沙街道",
        InstitutionLevel.TERTIARY,
        "h1",
        Grade.A,
    )
    assert inst.township == "西亭镇"  # the original keeps its own


def test_derived_answers_follow_the_fields() -> None:
    hospital, clinic = _full(), _plain()
    assert (hospital.is_primary_care, hospital.is_public, hospital.seniority) == (False, True, 4)
    assert (clinic.is_primary_care, clinic.is_public, clinic.seniority) == (True, True, 0)
    private = attrs.evolve(clinic, ownership=Ownership.PRIVATE)
    assert private.is_public is False
    home = attrs.evolve(hospital, type=InstitutionType.NURSING_HOME)
    assert home.seniority == 1


def test_equality_and_hashing_compare_every_field() -> None:
    a, b = _full(), _full()
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    for change in (
        {"id": "h2"},
        {"township": None},
        {"grade": Grade.B},
        {"provincially_administered": False},
        {"name_en": None},
        {"capabilities": frozenset()},
        {"ownership": Ownership.PUBLIC},
    ):
        other = attrs.evolve(a, **change)
        assert other != a, change
    assert a != "h1"


def test_the_shared_fields_share_one_profile_and_stay_distinct() -> None:
    first, second = _plain("c1"), _plain("c2")
    assert first._profile is second._profile  # what makes a large network smaller
    graded = attrs.evolve(first, grade=Grade.B)
    named = attrs.evolve(first, name_en="Village clinic")
    elsewhere = attrs.evolve(first, division="320623", level=InstitutionLevel.PRIMARY)
    assert (graded.grade, graded.name_en, named.grade, named.name_en) == (
        Grade.B,
        None,
        None,
        "Village clinic",
    )
    assert (elsewhere.division, elsewhere.level, first.division, first.level) == (
        "320623",
        InstitutionLevel.PRIMARY,
        "320612",
        InstitutionLevel.UNRATED,
    )
    assert (first.grade, first.name_en) == (None, None)
    # An institution alike in its shared fields shares the profile; one that is not, not.
    assert attrs.evolve(elsewhere, id="c3")._profile is elsewhere._profile
    assert len({id(i._profile) for i in (first, graded, named, elsewhere)}) == 4


def test_only_values_of_the_declared_types_are_shared() -> None:
    # An equal value of another type (1 == True, a str subclass) keeps its own profile:
    # looked up by value, it would read back as the first institution's.
    class Code(str):
        pass

    plain = _plain()
    truthy = attrs.evolve(plain, provincially_administered=1)
    flagged = attrs.evolve(plain, provincially_administered=True)
    assert type(truthy.provincially_administered) is int and flagged.provincially_administered is True
    assert truthy._profile is not attrs.evolve(plain, provincially_administered=1)._profile
    coded = attrs.evolve(plain, division=Code("320612"))
    assert type(coded.division) is Code and type(plain.division) is str
    assert coded._profile is not plain._profile
    odd = attrs.evolve(plain, capabilities=frozenset({Code("icu")}))
    assert {type(c) for c in odd.capabilities} == {Code}
    assert odd._profile is not attrs.evolve(plain, capabilities=frozenset({Code("icu")}))._profile
    listed = attrs.evolve(plain, capabilities=frozenset({"icu"}))
    assert listed._profile is attrs.evolve(plain, capabilities=frozenset({"icu"}))._profile


def test_field_reader_reads_every_field_where_it_is_kept() -> None:
    inst = _full()
    for field in attrs.fields(Institution):
        assert field_reader(field.name)(inst) == getattr(inst, field.name), field.name
    # Anything else an institution answers, too (a derived property, an unknown name).
    assert field_reader("is_public")(inst) is True
    with pytest.raises(AttributeError):
        field_reader("nickname")(inst)


def test_repr_is_the_attrs_repr() -> None:
    assert repr(_plain()) == (
        "Institution(id='c1', name='村卫生室', level=<InstitutionLevel.UNRATED: 'unrated'>, "
        "type=<InstitutionType.VILLAGE_CLINIC: 'village_clinic'>, ownership=<Ownership.PUBLIC: 'public'>, "
        "division='320612', township=None, grade=None, provincially_administered=False, name_en=None, "
        "capabilities=frozenset())"
    )


def test_frozen_and_without_a_dict() -> None:
    inst = _full()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        inst.name = "改名"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        inst.township = "别处"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        inst.nickname = "x"  # type: ignore[attr-defined]
    plain = attrs.evolve(inst, grade=None, name_en=None)
    for target in (inst, plain):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            target.grade = Grade.A  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            target._profile.grade = Grade.A  # the profile they share is frozen too
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            del target._profile.name_en
        with pytest.raises(AttributeError):
            target.division = "320623"  # type: ignore[misc]
    assert plain.grade is None and attrs.evolve(plain, id="x").grade is None
    assert inst.name == "县人民医院" and inst.township == "西亭镇"


def test_pickle_and_copy_give_equal_institutions() -> None:
    inst = _full()
    assert pickle.loads(pickle.dumps(inst)) == inst
    assert copy.copy(inst) == inst and copy.deepcopy(inst) == inst


def test_validators_refuse_plain_strings_with_their_message() -> None:
    with pytest.raises(TypeError, match=r"Institution\.type: 'village_clinic' is a str"):
        Institution("c1", "村卫生室", InstitutionLevel.UNRATED, "village_clinic", Ownership.PUBLIC, "320612")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Institution\.grade: 'A' is a str"):
        attrs.evolve(_full(), grade="A")


def test_a_value_of_another_type_is_kept_as_given() -> None:
    # attrs keeps what it is given, converting nothing.
    truthy = attrs.evolve(_plain(), provincially_administered=1)
    assert truthy.provincially_administered == 1 and type(truthy.provincially_administered) is int
    assert type(_plain().provincially_administered) is bool


def test_cattrs_round_trip() -> None:
    inst = _full()
    data = converter.unstructure(inst)
    assert data == {
        "id": "h1",
        "name": "县人民医院",
        "level": "secondary",
        "type": "county_hospital",
        "ownership": "government",
        "division": "320612",
        "township": "西亭镇",
        "grade": "A",
        "provincially_administered": True,
        "name_en": "County People's Hospital",
        "capabilities": frozenset({"chest_pain_centre"}),
    }
    # Files give lists where the model holds sets.
    assert converter.structure({**data, "capabilities": ["chest_pain_centre"]}, Institution) == inst


_COUNTY_HOSPITAL = (
    "h1",
    "县医院",
    InstitutionLevel.SECONDARY,
    InstitutionType.COUNTY_HOSPITAL,
    Ownership.GOVERNMENT,
    "320612",
)


def test_built_is_the_constructors_institution() -> None:
    from medconsortium.model import institutions as model

    args = (*_COUNTY_HOSPITAL, "西亭镇")
    made, expected = model.built(*args), Institution(*args)
    assert made.__class__ is Institution and made == expected and hash(made) == hash(expected)
    assert repr(made) == repr(expected) and pickle.loads(pickle.dumps(made)) == expected
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.name = "x"  # type: ignore[misc]
    assert model.built(*args[:6]).township is None


def test_built_falls_back_to_the_constructor(monkeypatch: pytest.MonkeyPatch) -> None:
    from medconsortium.model import institutions as model

    args = _COUNTY_HOSPITAL
    monkeypatch.setattr(model, "DRAFTS", False)
    assert model.built(*args) == Institution(*args)
    monkeypatch.setattr(model, "DRAFTS", True)
    with pytest.raises(TypeError):  # not a level: the constructor's validator says so
        model.built(args[0], args[1], "secondary", *args[3:])  # type: ignore[arg-type]
    assert model._can_become()
