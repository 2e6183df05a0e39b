"""model.checks.replacer: attrs.evolve for values already checked, copied slot by slot, and
evolve itself wherever the copy could differ from it."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from medconsortium import examples
from medconsortium.model.checks import replacer
from medconsortium.model.consortia import Consortium, MemberRole, Membership


def _consortium() -> Consortium:
    return examples.national_network().consortium("cn-ccm-1")


def test_a_copy_is_what_evolve_gives_and_runs_the_classs_own_check() -> None:
    cons = _consortium()
    members = (*cons.members[::-1], Membership("x1", MemberRole.LEAD))
    copied = replacer(Consortium, "members")(cons, members)
    assert copied == attrs.evolve(cons, members=members)
    assert type(copied) is Consortium
    assert copied.leads == attrs.evolve(cons, members=members).leads  # set again by its check
    with pytest.raises(ValueError, match="before formed"):
        replacer(Consortium, "dissolved")(cons, dt.date(1900, 1, 1))


def test_a_field_with_a_validator_is_left_to_evolve() -> None:
    cons = _consortium()
    with pytest.raises(TypeError, match="not a member of ConsortiumKind"):
        replacer(Consortium, "kind")(cons, "county_medical_community")


def test_a_field_evolve_would_set_to_its_default_is_left_to_evolve() -> None:
    @attrs.frozen
    class Counted:
        name: str
        seen: int = attrs.field(init=False, default=0)

    made = Counted("a")
    object.__setattr__(made, "seen", 5)
    copied = replacer(Counted, "name")(made, "b")
    assert (copied.name, copied.seen) == (attrs.evolve(made, name="b").name, 0)
