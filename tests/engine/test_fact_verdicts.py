"""RuleContext.facts_verdict words each pattern of governance facts once per pass: every
consortium must still get the verdict and message of its own facts, and of the labels its
rule passes, in whatever order the consortia and rules ask."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from medconsortium import examples
from medconsortium.model.consortia import Governance
from medconsortium.model.jurisdictions import Jurisdiction, Level
from medconsortium.model.labels import Label
from medconsortium.policy.findings import FindingStatus
from medconsortium.policy.rules import MISSING, RuleContext

FACTS = ("charter", "imaging_centre", "referral_procedure")
LABELS = {"charter": Label("章程", "a charter")}
CHINA = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
PASSED = Label("已具备", "in place")
NOT_BUILT = Label("未建：", "not built: ")


def expected(
    values: dict[str, bool], facts: tuple[str, ...], passed: Label | None, missing: Label
) -> tuple[str, str]:
    """The status and Chinese message, worded from scratch."""
    name = {f: LABELS[f].zh if f in LABELS else f for f in facts}
    absent = [name[f] for f in facts if values.get(f) is False]
    unknown = [name[f] for f in facts if f not in values]
    if absent:
        return "fail", missing.zh + "、".join(absent)
    if unknown:
        return "not_assessable", "未提供：" + "、".join(unknown)
    return "pass", passed.zh if passed is not None else "均已具备：" + "、".join(name[f] for f in facts)


ASKS = st.lists(
    st.tuples(
        st.dictionaries(st.sampled_from(FACTS), st.booleans()),
        st.sampled_from([FACTS[:1], FACTS[1:2], FACTS, FACTS[1:]]),
        st.sampled_from([None, PASSED, Label("已具备", "in place")]),  # an equal label, not the same one
        st.sampled_from([MISSING, NOT_BUILT]),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(asks=ASKS)
def test_each_consortium_gets_the_verdict_of_its_own_facts(
    asks: list[tuple[dict[str, bool], tuple[str, ...], Label | None, Label]],
) -> None:
    net = examples.national_network()
    base = net.consortium("cn-ccm-1")
    ctx = RuleContext(net, CHINA, dt.date(2024, 3, 1), fact_labels=LABELS)
    for n, (values, facts, passed, missing) in enumerate(asks):
        cons = attrs.evolve(base, id=f"c{n}", governance=Governance(facts=values))
        out = ctx.facts_verdict(cons, facts, passed, missing)
        assert (out.status.value, out.message.zh) == expected(values, facts, passed, missing)
        assert out.subjects == (f"c{n}",)
        assert out.status in (FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.NOT_ASSESSABLE)


def test_facts_given_as_a_list_are_read_as_the_tuple() -> None:
    net = examples.national_network()
    ctx = RuleContext(net, CHINA, dt.date(2024, 3, 1), fact_labels=LABELS)
    cons = attrs.evolve(net.consortium("cn-ccm-1"), governance=Governance(facts={"charter": False}))
    listed = ctx.facts_verdict(cons, ["charter", "imaging_centre"])  # type: ignore[arg-type]
    assert (listed.status.value, listed.message.zh) == ("fail", "缺少：章程")
    assert ctx.facts_verdict(cons, ("charter", "imaging_centre")).message == listed.message
