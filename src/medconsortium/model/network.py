# Longer than 400 lines on purpose: the network's check and its helpers sit beside the
# indexes it builds and the queries that read them.
"""The network: institutions, consortia and secondments, checked to hold together."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from typing import Any, TypeVar, cast

import attrs

from . import late
from .consortia import Consortium, ConsortiumKind, Membership
from .errors import NetworkError
from .institutions import Institution, InstitutionType, divisions_of
from .jurisdictions import Level, code_within, is_division_code, level_of_code
from .network_index import Pair, by_key, held, hold
from .staffing import Secondment

T = TypeVar("T")

#: The strict reader of network data, ``(data, source) -> Network``, registered by
#: :mod:`medconsortium.io.loading` (the model cannot import the io layer).
_FROM_DATA: Callable[[Any, str], Network] | None = None

#: Imports the io layer on first use of Network.from_dict (set by the package's
#: ``__init__``; the io layer loads lazily so that commands that read no file skip it).
READER_LOADER: Callable[[], None] | None = None

_SET = object.__setattr__
#: Writes a membership's institution id into its slot, past the frozen class's __setattr__:
#: the slot's own descriptor, called in C, costs 600 instructions a member against 1,050
#: through object.__setattr__ (which looks the descriptor up again for each).
_INSTITUTION_SLOT = Membership.__dict__.get("institution")
_SET_INSTITUTION: Callable[[Membership, str], None] = (
    _INSTITUTION_SLOT.__set__
    if isinstance(_INSTITUTION_SLOT, types.MemberDescriptorType)
    else lambda member, ident: _SET(member, "institution", ident)
)

#: Set while :meth:`Network.reordered` builds a network from a checked one's parts, and
#: while :meth:`Network.indexed` builds one with the index by id its reader built.
_REORDERED = contextvars.ContextVar("_REORDERED", default=False)
_BY_ID: contextvars.ContextVar[dict[str, Institution] | None] = contextvars.ContextVar("_BY_ID", default=None)
#: Set while :func:`unindexed` builds networks that are checked and not indexed: the list
#: that receives the division codes of their institutions.
_UNINDEXED: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("_UNINDEXED", default=None)

#: Read once (a member read from its enumeration costs a call of ``EnumType.__getattr__``
#: on Python 3.11): the queries by division ask it for every division they are given.
_COUNTY = Level.COUNTY

#: The relation of an urban–rural pairing (城乡医联体结对): from a consortium to another.
PAIRS_WITH = "pairs_with"


@contextlib.contextmanager
def unindexed() -> Iterator[list[str]]:
    """Networks built inside are checked as any other, but not indexed for their queries:
    each is only to be put in canonical order (:func:`~medconsortium.model.canonical.canonical`),
    which indexes the network it gives, the same one or a reordered copy. A reader that puts
    what it read in that order at once skips indexing the file's order too (its memberships
    and divisions, 82M instructions of the 1,919M of loading a province).

    The list given receives the division codes of the institutions checked, in the order
    they first come: the check reads every institution's, and a reader that judges them
    again need not (31M instructions for a province)."""
    codes: list[str] = []
    token = _UNINDEXED.set(codes)
    try:
        yield codes
    finally:
        _UNINDEXED.reset(token)


def _check_dates(cons: Consortium, where: str) -> None:
    # Nothing of a consortium can happen before it exists: such a date is a typo, and
    # rules that count days (filing deadlines, membership on a day) would judge it.
    formed = cons.formed
    if formed is None:
        return
    if isinstance(cons.filing.filed, dt.date) and cons.filing.filed < formed:
        raise NetworkError(
            f"{where}.filing.filed",
            f"filed {cons.filing.filed} is before the consortium was formed ({formed})",
        )
    if not any([m.joined for m in cons.members]):  # a date is true: none joined on a date
        return
    for m_index, member in enumerate(cons.members):
        if member.joined is not None and member.joined < formed:
            raise NetworkError(
                f"{where}.members[{m_index}].joined",
                f"joined {member.joined} is before the consortium was formed ({formed})",
            )


def _check_pairing(cons: Consortium, target: str, consortia: Mapping[str, Consortium], where: str) -> None:
    """A pairing links two consortia, never one to itself or to an institution, and two
    urban–rural consortia do not pair with each other (each pairs with the communities)."""
    if target == cons.id:
        raise NetworkError(f"{where}.target", "a consortium cannot pair with itself")
    other = consortia.get(target)
    if other is None:
        raise NetworkError(f"{where}.target", f"{target!r} is an institution; pairs_with links two consortia")
    if (
        cons.kind is ConsortiumKind.URBAN_RURAL
        and other.kind is ConsortiumKind.URBAN_RURAL
        and any(link.relation == PAIRS_WITH and link.target == cons.id for link in other.links)
    ):
        raise NetworkError(
            f"{where}.target", f"urban-rural consortia {cons.id!r} and {target!r} pair with each other"
        )


def _member_problem(member_ids: list[str], by_id: Mapping[str, Institution], where: str) -> None:
    """Raise the first problem of a consortium's members: one unknown, or listed twice."""
    seen: set[str] = set()
    for m_index, ident in enumerate(member_ids):
        if by_id.get(ident) is None:
            raise NetworkError(f"{where}.members[{m_index}]", f"unknown institution {ident!r}")
        if ident in seen:
            raise NetworkError(f"{where}.members[{m_index}]", f"institution {ident!r} is listed twice")
        seen.add(ident)


def _file(memberships_of: dict[str, Any], cons: Consortium) -> None:
    """:func:`~medconsortium.model.network_index.hold` of each membership of ``cons``, in one
    call (a call per membership cost a sixth of building a province's network): the pair
    alone for an institution's first, then a tuple of its pairs."""
    first = memberships_of.setdefault
    for member in cons.members:
        pair = (cons, member)
        found = first(member.institution, pair)
        if found is not pair:
            hold(memberships_of, member.institution, pair)


@attrs.frozen
class Network:
    """Institutions and the consortia they form, with every reference resolved.

    Building a Network checks it: unique ids, members that exist and appear once per
    consortium, division codes that are GB/T 2260 codes, secondments between known
    institutions. A problem raises :class:`~medconsortium.model.errors.NetworkError` naming the
    place, e.g. ``consortia[2].members[5]``.

    >>> from medconsortium import examples
    >>> net = examples.national_network()
    >>> sorted(c.id for c in net.consortia_of("cn-thc-1"))
    ['cn-ccm-1']
    """

    institutions: tuple[Institution, ...]
    consortia: tuple[Consortium, ...] = ()
    secondments: tuple[Secondment, ...] = ()
    _by_id: Mapping[str, Institution] = attrs.field(init=False, repr=False, eq=False)
    _consortia_by_id: Mapping[str, Consortium] = attrs.field(init=False, repr=False, eq=False)
    # Indexes built once, so that queries cost what they return, not the network's size.
    _memberships_of: Mapping[str, Pair | tuple[Pair, ...]] = attrs.field(init=False, repr=False, eq=False)
    _institutions_by_division: Mapping[str, tuple[Institution, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _consortia_by_division: Mapping[str, tuple[Consortium, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )
    # Answers of members_on, per (day, kinds): coverage indicators ask once per institution.
    _members_on: dict[tuple[dt.date, frozenset[ConsortiumKind] | None], frozenset[str]] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )
    # Answers of members, per day and then per consortium id, for this network's consortia.
    _members: dict[dt.date | None, dict[str, tuple[Institution, ...]]] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict>") -> Network:
        """A network from plain data shaped like a network file, through the same strict
        converter as files, with the same :class:`~medconsortium.InputError`
        (``source`` names the data in it). See :func:`medconsortium.api.network_from_dict`,
        which also checks governance facts against a registry.

        >>> net = Network.from_dict({"institutions": [{"id": "h1", "name": "县医院",
        ...     "level": "secondary", "type": "county_hospital", "ownership": "government",
        ...     "division": "130123"}]})
        >>> net.institution("h1").division
        '130123'
        """
        # The converter lives in the io layer, which imports this one: it registers its
        # reader here when imported (the package's __init__ always imports it).
        loader = READER_LOADER or late.READER_LOADER
        if _FROM_DATA is None and loader is not None:
            loader()
        if _FROM_DATA is None:  # only when the model is used without the package
            raise RuntimeError("no network reader: import medconsortium.io.loading first")
        return _FROM_DATA(data, source)

    @classmethod
    def reordered(
        cls,
        institutions: tuple[Institution, ...],
        consortia: tuple[Consortium, ...],
        secondments: tuple[Secondment, ...],
        of: Network | None = None,
    ) -> Network:
        """A checked network's parts in another order (what :func:`~medconsortium.model.canonical.canonical`
        gives): indexed, not checked again, since no order makes a sound network unsound.
        The caller vouches that the parts are those of a built Network (``of``, when given:
        its index by id is shared, not built again)."""
        token = _REORDERED.set(True)
        index = _BY_ID.set(None if of is None else of._by_id)  # type: ignore[arg-type]
        try:
            return cls(institutions, consortia, secondments)
        finally:
            _BY_ID.reset(index)
            _REORDERED.reset(token)

    @classmethod
    def indexed(
        cls,
        institutions: tuple[Institution, ...],
        by_id: dict[str, Institution],
        consortia: tuple[Consortium, ...] = (),
        secondments: tuple[Secondment, ...] = (),
    ) -> Network:
        """A network checked as any other, indexed by its reader's ``{i.id: i for i in institutions}``."""
        if len(by_id) != len(institutions):
            raise ValueError("by_id must index every institution once")
        token = _BY_ID.set(by_id)
        try:
            return cls(institutions, consortia, secondments)
        finally:
            _BY_ID.reset(token)

    def __attrs_post_init__(self) -> None:
        if _REORDERED.get():
            prebuilt = _BY_ID.get()  # the checked network's: the same institutions
            by_id = {inst.id: inst for inst in self.institutions} if prebuilt is None else prebuilt
            consortia_by_id = {cons.id: cons for cons in self.consortia}
            memberships_of: dict[str, Any] = {}
            for cons in self.consortia:
                _file(memberships_of, cons)
            divisions: list[str] | None = None  # the reordered tuple's, found by _index
        else:
            by_id, consortia_by_id, memberships_of, divisions = self._check()
        self._index(by_id, consortia_by_id, memberships_of, divisions)

    def _check(self) -> tuple[dict[str, Institution], dict[str, Consortium], dict[str, Any], list[str]]:
        # A county has thousands of institutions: each code is judged once. Places are
        # only spelled out for an error (formatting one per institution cost a tenth of
        # loading a province, benchmarks/core.py).
        # Ids and codes are gathered in C, and walked one by one only to find the first
        # problem: a loop in Python over a province's institutions cost more than all its
        # consortia (benchmarks/core.py). The first institution with a problem is told, its
        # id before its code, as a walk in file order finds them.
        institutions, prebuilt = self.institutions, _BY_ID.get()  # prebuilt: no duplicate id
        unindexed_codes = _UNINDEXED.get()
        filing = unindexed_codes is None  # the memberships are filed for their queries
        # Read by comprehensions, here and for ids and member ids below: 3.11's specialised
        # attribute reads cost less than an attrgetter call per item (−29M instructions a
        # province, callgrind).
        divisions = divisions_of(institutions)
        count = len(divisions)
        codes = dict.fromkeys(divisions)
        if unindexed_codes is not None:
            unindexed_codes += codes
        bad = next((code for code in codes if not is_division_code(code)), None)
        bad_at = count if bad is None else divisions.index(bad)  # codes come in file order
        if prebuilt is None:
            ids = [i.id for i in institutions]
            by_id = dict(zip(ids, institutions, strict=True))
            if len(by_id) != count:
                seen: set[str] = set()
                for i, ident in enumerate(ids[: bad_at + 1]):
                    if ident in seen:
                        raise NetworkError(f"institutions[{i}].id", f"duplicate institution id {ident!r}")
                    seen.add(ident)
        else:
            by_id = prebuilt
        if bad_at < count:
            raise NetworkError(f"institutions[{bad_at}].division", f"{bad!r} is not a GB/T 2260 code")
        consortia_by_id: dict[str, Consortium] = {}
        memberships_of: dict[str, Any] = {}  # see network_index.hold
        for c_index, cons in enumerate(self.consortia):
            where = f"consortia[{c_index}]"
            if cons.id in consortia_by_id or cons.id in by_id:
                raise NetworkError(f"{where}.id", f"duplicate id {cons.id!r}")
            if not is_division_code(cons.division):
                raise NetworkError(f"{where}.division", f"{cons.division!r} is not a GB/T 2260 code")
            if not cons.leads:
                raise NetworkError(f"{where}.members", "no member has the role 'lead'")
            _check_dates(cons, where)
            # As for institutions: gathered in C (an institution is always true), walked
            # only to tell the first problem.
            members = cons.members
            member_ids = [m.institution for m in members]
            known = list(map(by_id.get, member_ids))
            if not all(known) or len(set(member_ids)) != len(member_ids):
                _member_problem(member_ids, by_id, where)
            # One string per id: a member read from a file holds its own copy of the
            # institution's id (a large network has hundreds of thousands, 64 bytes each,
            # benchmarks/large_inputs.py). The two are equal, so nothing the membership
            # means changes; only the copy is dropped.
            # (every one known by now: _member_problem raised otherwise)
            for _ in map(_SET_INSTITUTION, members, [i.id for i in cast(list[Institution], known)]):
                pass
            if filing:
                _file(memberships_of, cons)
            for lead in cons.leads:
                if by_id[lead].type.is_public_health:
                    raise NetworkError(
                        f"{where}.members",
                        f"lead {lead!r} is a public-health institution, which cannot lead",
                    )
            consortia_by_id[cons.id] = cons
        for c_index, cons in enumerate(self.consortia):
            for l_index, link in enumerate(cons.links):
                if link.target not in consortia_by_id and link.target not in by_id:
                    raise NetworkError(
                        f"consortia[{c_index}].links[{l_index}].target",
                        f"unknown consortium or institution {link.target!r}",
                    )
                if link.relation == PAIRS_WITH:
                    _check_pairing(
                        cons, link.target, consortia_by_id, f"consortia[{c_index}].links[{l_index}]"
                    )
            if cons.routing and cons.routing.restricted_to:
                for target in sorted(cons.routing.restricted_to):
                    if target not in by_id:
                        raise NetworkError(
                            f"consortia[{c_index}].routing.restricted_to",
                            f"unknown institution {target!r}",
                        )
        for s_index, sec in enumerate(self.secondments):
            for field in ("from_institution", "to_institution"):
                ref = getattr(sec, field)
                if ref not in by_id:
                    raise NetworkError(f"secondments[{s_index}].{field}", f"unknown institution {ref!r}")
        return by_id, consortia_by_id, memberships_of, divisions

    def _index(
        self,
        by_id: dict[str, Institution],
        consortia_by_id: dict[str, Consortium],
        memberships_of: dict[str, Any],
        divisions: list[str] | None,
    ) -> None:
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_consortia_by_id", consortia_by_id)
        if _UNINDEXED.get() is not None and not _REORDERED.get():
            return  # see unindexed: the indexes by id are kept, for the reordered copy
        object.__setattr__(self, "_memberships_of", memberships_of)
        if divisions is None:  # not read by _check: a reordered network's, in its order
            divisions = divisions_of(self.institutions)
        object.__setattr__(self, "_institutions_by_division", by_key(self.institutions, divisions))
        object.__setattr__(
            self, "_consortia_by_division", by_key(self.consortia, [c.division for c in self.consortia])
        )

    def _queryable(self) -> bool:
        """Whether the network is indexed for its queries (every network is, but those built
        :func:`unindexed`)."""
        try:
            self._memberships_of  # noqa: B018 (unset in a network built unindexed)
        except AttributeError:
            return False
        return True

    def institution(self, institution_id: str) -> Institution:
        """The institution with that id (KeyError if there is none)."""
        return self._by_id[institution_id]

    def get_institution(self, institution_id: str) -> Institution | None:
        return self._by_id.get(institution_id)

    def consortium(self, consortium_id: str) -> Consortium:
        """The consortium with that id (KeyError if there is none)."""
        return self._consortia_by_id[consortium_id]

    def get_consortium(self, consortium_id: str) -> Consortium | None:
        return self._consortia_by_id.get(consortium_id)

    def consortia_of(self, institution_id: str, on: dt.date | None = None) -> tuple[Consortium, ...]:
        """Consortia the institution belongs to (on ``on``, when given: the consortium and
        the membership both active that day)."""
        pairs = self.memberships_of(institution_id)
        return tuple(c for c, m in pairs if on is None or (c.active_on(on) and m.active_on(on)))

    def members_on(self, day: dt.date, kinds: Iterable[ConsortiumKind] | None = None) -> frozenset[str]:
        """Ids of the institutions that belong, on ``day``, to at least one active
        consortium (of ``kinds``, when given). Same answer as asking :meth:`consortia_of`
        for each institution, at the cost of one pass over the memberships."""
        wanted = frozenset(kinds) if kinds is not None else None
        key = (day, wanted)
        found = self._members_on.get(key)
        if found is None:
            found = frozenset(
                m.institution
                for c in self.consortia
                if (wanted is None or c.kind in wanted) and c.active_on(day)
                for m in c.members
                if m.active_on(day)
            )
            if len(self._members_on) >= 32:  # a few days are asked at a time; stay small
                self._members_on.clear()
            self._members_on[key] = found
        return found

    def memberships_of(self, institution_id: str) -> tuple[tuple[Consortium, Membership], ...]:
        """(consortium, membership) pairs of an institution, in network order."""
        return held(self._memberships_of.get(institution_id))

    def members(self, consortium: Consortium, on: dt.date | None = None) -> Iterator[Institution]:
        """The member institutions of a consortium, lead included."""
        if self._consortia_by_id.get(consortium.id) is not consortium:
            return (self._by_id[member_id] for member_id in consortium.member_ids(on))
        # Kept per day, the last 4 days asked: rules ask for the same members rule after rule.
        answers = self._members.get(on)
        if answers is None:
            if len(self._members) >= 4:  # validate asks one day, assess its year's last
                del self._members[next(iter(self._members))]  # the day first asked
            answers = self._members[on] = {}
        found = answers.get(consortium.id)
        if found is None:
            # member_ids(on) in one list comprehension (a member without dates holds on any
            # day), looked up among the institutions of its place first if most are members
            # (a county community's few hundred: the network's 640,000 at 16x missed caches).
            here = self._institutions_by_division.get(consortium.division, ())
            mostly = len(here) <= 2 * len(consortium.members)
            local = ({i.id: i for i in here} if mostly else {}).get
            by_id = self._by_id
            found = answers[consortium.id] = tuple(
                [
                    local(m.institution) or by_id[m.institution]
                    for m in consortium.members
                    if on is None or (m.joined is None and m.left is None) or m.active_on(on)
                ]
            )
        return iter(found)

    def members_of_type(
        self, consortium: Consortium, types: Iterable[InstitutionType]
    ) -> tuple[Institution, ...]:
        wanted = frozenset(types)
        return tuple(i for i in self.members(consortium) if i.type in wanted)

    def _divisions_within(self, index: Mapping[str, tuple[T, ...]], division: str) -> Iterator[T]:
        if level_of_code(division) is _COUNTY:
            return iter(index.get(division, ()))
        # A city or province: every division inside it (few compared with institutions),
        # chained in C: a generator resumed once per institution cost a rule scanning a
        # province a fifth of its time.
        return chain.from_iterable(items for _, items in self._groups_within(index, division))

    @staticmethod
    def _groups_within(
        index: Mapping[str, tuple[T, ...]], division: str
    ) -> Iterator[tuple[str, tuple[T, ...]]]:
        if level_of_code(division) is _COUNTY:
            found = index.get(division)
            return iter(((division, found),) if found else ())
        return ((key, items) for key, items in index.items() if code_within(key, division))

    def divisions(self) -> tuple[str, ...]:
        """The division codes where the network has institutions, sorted."""
        return tuple(sorted(self._institutions_by_division))

    def institutions_in(self, division: str) -> Iterator[Institution]:
        """Institutions located inside a division (a province, city or county code),
        grouped by county in the order counties first appear in the network."""
        return self._divisions_within(self._institutions_by_division, division)

    def institutions_by_division(self, division: str) -> Iterator[tuple[str, tuple[Institution, ...]]]:
        """The institutions inside a division as (division code, its institutions) pairs: the
        same institutions in the same order as :meth:`institutions_in`, so that a rule that
        judges institutions by where they stand judges each place once, not each institution.

        >>> from medconsortium import examples
        >>> net = examples.national_network()
        >>> [(code, len(found)) for code, found in net.institutions_by_division("100000")]
        [('130102', 4), ('130123', 4)]
        """
        return self._groups_within(self._institutions_by_division, division)

    def consortia_in(
        self, division: str, kinds: Iterable[ConsortiumKind] | None = None
    ) -> Iterator[Consortium]:
        """Consortia whose area lies inside a division, optionally of some kinds only."""
        wanted = frozenset(kinds) if kinds is not None else None
        return (
            c
            for c in self._divisions_within(self._consortia_by_division, division)
            if wanted is None or c.kind in wanted
        )
