"""The referral record: pseudonymous keys, no self-referral, direction, routing."""

from __future__ import annotations

import datetime as dt

import pytest
from referral_support import ref

from medconsortium import Direction, Network, Referral, Routing
from medconsortium.model.referrals import direction_between, looks_like_resident_id
from medconsortium.policy.referral_rules import ReferralContext, restricted_by_routing


@pytest.mark.parametrize(
    "key",
    [
        "11010519491231002X",
        "110105194912310021",
        "11010519491231002x",
        "110105491231002",
        " 110105194912310021 ",
    ],
)
def test_resident_id_like_keys_are_refused_without_repeating_them(key: str) -> None:
    with pytest.raises(ValueError, match="resident ID") as info:
        Referral("r-1", key, "thc", "ch", dt.datetime(2024, 3, 1))
    assert key.strip() not in str(info.value)


@pytest.mark.parametrize("key", ["p-7f3a9c", "1101051949123100", "A10105194912310021", "pk-000001"])
def test_pseudonymous_keys_are_accepted(key: str) -> None:
    assert not looks_like_resident_id(key)
    assert Referral("r-1", key, "thc", "ch", dt.datetime(2024, 3, 1)).patient == key


def test_empty_key_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        Referral("r-1", "  ", "thc", "ch", dt.datetime(2024, 3, 1))


def test_patient_key_is_not_in_repr() -> None:
    assert "pk-secret" not in repr(ref("thc", "ch", patient="pk-secret"))


def test_referral_to_itself_is_refused() -> None:
    with pytest.raises(ValueError, match="itself"):
        ref("thc", "thc")


@pytest.mark.parametrize(
    ("source", "target", "direction"),
    [
        ("thc", "ch", Direction.UPWARD),
        ("vc", "th", Direction.UPWARD),
        ("ch", "th", Direction.UPWARD),
        ("th", "ch", Direction.DOWNWARD),
        ("ch", "thc", Direction.DOWNWARD),
        ("thc", "vc", Direction.LATERAL),
        ("thc", "thc2", Direction.LATERAL),
        # A continuing-care institution ranks below acute hospitals of any level.
        ("sec2", "rehab", Direction.DOWNWARD),
        ("rehab", "sec2", Direction.UPWARD),
        # The grade letter does not count: secondary to secondary (2A) is lateral.
        ("sec2", "ch", Direction.LATERAL),
    ],
)
def test_direction_is_derived_from_the_institutions(
    net: Network, source: str, target: str, direction: Direction
) -> None:
    assert direction_between(net.institution(source), net.institution(target)) is direction


def _ctx(net: Network, source: str, target: str) -> ReferralContext:
    from medconsortium.model.jurisdictions import NATION

    s, t = net.institution(source), net.institution(target)
    return ReferralContext(net, NATION, s, t, direction_between(s, t), ())


def test_routing_restriction_excludes_a_target_outside_it() -> None:
    from referral_support import network

    net = network(Routing(frozenset({"ch"})))
    day = dt.date(2024, 3, 1)
    assert restricted_by_routing(_ctx(net, "thc", "th"), day) is True
    assert restricted_by_routing(_ctx(net, "thc", "ch"), day) is False


def test_unrestricted_routing_restricts_nothing() -> None:
    from referral_support import network

    net = network(Routing(None))
    assert restricted_by_routing(_ctx(net, "thc", "th"), dt.date(2024, 3, 1)) is False


def test_routing_unknown_when_no_consortium_declares_one(net: Network) -> None:
    assert restricted_by_routing(_ctx(net, "thc", "th"), dt.date(2024, 3, 1)) is None
    # thc2 belongs to no consortium at all.
    assert restricted_by_routing(_ctx(net, "thc2", "th"), dt.date(2024, 3, 1)) is None
