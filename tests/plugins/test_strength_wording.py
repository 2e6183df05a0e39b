"""Every item's strength read against its sentence, across the installed plugins."""

from __future__ import annotations

from medconsortium import Registry, Strength


def test_every_in_principle_rule_says_so_in_both_titles(registry: Registry) -> None:
    rules = [*registry.rules.values(), *registry.referral_rules.values()]
    quiet = [
        e.item.id
        for e in rules
        if e.item.strength is Strength.IN_PRINCIPLE
        and (
            "in principle" not in e.item.title.en
            or not {"原则上", "一般", "主要"} & set(_words(e.item.title.zh))
        )
    ]
    assert quiet == []


def test_advancing_and_exploring_are_not_mandatory(registry: Registry) -> None:
    # "推进/推动" (advance), "重点探索" (explore), "主要模式" (the main model) state no
    # requirement on their own: a rule resting on one of them alone is not mandatory.
    words = ("推进", "推动", "探索", "主要模式")
    mandatory = [
        e.item.id
        for e in registry.rules.values()
        if e.item.strength is Strength.MANDATORY
        and any(w in e.item.citation.text for w in words)
        and not any(m in e.item.citation.text for m in ("必须", "应", "要"))
        and e.item.id not in READ_AS_MANDATORY
    ]
    assert mandatory == []


#: Sentences with such a word whose requirement stands in a clause of its own.
READ_AS_MANDATORY = {
    # "在县區重点推进县、乡、村一体化建设，每个县区建立1至2个医联体": the count is a clause of
    # its own, stated without a softening word.
    "linyi.county_consortium_count",
}


def _words(text: str) -> list[str]:
    return [text[i : i + n] for n in (2, 3) for i in range(len(text) - n + 1)]
