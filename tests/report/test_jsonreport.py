"""The JSON report written straight from the findings (report/jsonreport.py) is byte for
byte ``dumps(report_json(report))``: for the bundled examples, with and without the
documentation's address, and for findings of every shape, those it writes itself and those
it leaves to the generic path (an applied exception, values of other types)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medconsortium import api
from medconsortium.engine.evaluation import Report
from medconsortium.model.labels import Label
from medconsortium.plugins.registry import Registry
from medconsortium.policy.documents import Citation, Strength
from medconsortium.policy.findings import AppliedException, Finding, FindingStatus
from medconsortium.report import render
from medconsortium.report.render import (
    dumps,
    finding_entry,
    render_report,
    report_json,
    report_text,
    report_utf8,
)

DOCS = "https://docs.example/mc/"


class Kind(enum.StrEnum):
    LEAD = "c1"


class Level(enum.Enum):
    ONE = 1


def generic(report: Report, docs_url: str | None = None) -> str:
    return dumps(report_json(report, docs_url))


def _example_reports(registry: Registry) -> list[Report]:
    reports = []
    for name in sorted(registry.examples):
        ex = api.example(registry, name)
        reports.append(api.assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year))
    return reports


@pytest.mark.parametrize("docs_url", [None, DOCS])
def test_the_examples_read_the_same(registry: Registry, docs_url: str | None) -> None:
    reports = _example_reports(registry)
    assert reports and any(r.findings for r in reports)
    for report in reports:
        text = report_text(report, docs_url)
        assert text == generic(report, docs_url)
        assert render_report(report, "json", docs_url=docs_url) == text
        assert report_utf8(report, docs_url) == text.encode("utf-8")
    assert reports[0].to_json() == generic(reports[0])


CITATION = Citation("国卫医发〔2016〕75号", "四（三）", '建立"利益共享"\\机制')
TITLE = Label("规则", "a rule")


def _finding(**changes: Any) -> Finding:
    base = Finding(
        "national.r",
        TITLE,
        Strength.MANDATORY,
        FindingStatus.FAIL,
        ("c1",),
        Label("未制定章程", "no charter"),
        CITATION,
        "100000",
        "national",
    )
    return attrs.evolve(base, **changes)


def _report(template: Report, findings: list[Finding], names: dict[str, str]) -> Report:
    return attrs.evolve(template, findings=tuple(findings), names=names)


@pytest.fixture(scope="module")
def template(registry: Registry) -> Report:
    return _example_reports(registry)[0]


EXCEPTION = AppliedException("x.e", "320000", Citation("文", "二", "原文"), Label("因", "why"))

SHAPES: dict[str, dict[str, Any]] = {
    "plain": {},
    "measured": {"measured": "3", "expected": "≥ 5"},
    "only expected": {"expected": "5"},
    "empty measured": {"measured": ""},
    "no subjects": {"subjects": ()},
    "several subjects": {"subjects": ("c1", "c2", "unnamed")},
    "passed": {"status": FindingStatus.PASS, "strength": Strength.ENCOURAGED},
    "another citation": {"citation": Citation("文", "一", "句\n\t\u2028")},
    "excepted": {"status": FindingStatus.EXCEPTED, "exception": EXCEPTION},
    # Not the contract's types: left to the generic path, which writes them as json does.
    "a number measured": {"measured": 3},
    "subjects as a list": {"subjects": ["c1"]},
    "a None subject": {"subjects": (None,)},
    "a number status": {"status": Level.ONE},
    # Written as json writes them, by the same encoder.
    "a string subclass": {"rule": type("Rule", (str,), {})("national.r"), "subjects": (Kind.LEAD,)},
}


@pytest.mark.parametrize("docs_url", [None, DOCS])
def test_every_shape_of_finding_reads_the_same(template: Report, docs_url: str | None) -> None:
    names = {"c1": "医共体", "c2": 'a "quoted" name'}
    findings = [_finding(**changes) for changes in SHAPES.values()]
    # Findings of one rule sharing their title and citation, and equal ones that do not.
    findings += [_finding(title=Label("规则", "a rule")), _finding(subjects=("c2",))]
    report = _report(template, findings, names)
    assert report_text(report, docs_url) == generic(report, docs_url)
    assert report_utf8(report, docs_url) == generic(report, docs_url).encode("utf-8")
    for name, changes in SHAPES.items():
        one = _report(template, [_finding(**changes)], names)
        assert report_text(one, docs_url) == generic(one, docs_url), name
        assert report_utf8(one, docs_url) == generic(one, docs_url).encode("utf-8"), name


def test_what_utf8_cannot_hold(template: Report) -> None:
    # A lone surrogate (from an escape in a JSON input): the text has it, UTF-8 refuses it,
    # as encoding the text would.
    report = _report(template, [_finding(message=Label("\ud800", "x"))], {})
    assert report_text(report) == generic(report)
    with pytest.raises(UnicodeEncodeError):
        report_utf8(report)


def test_no_findings(template: Report) -> None:
    report = _report(template, [], {})
    assert report_text(report) == generic(report)
    assert report_utf8(report) == generic(report).encode("utf-8")


def test_an_error_is_the_generic_paths_own(template: Report) -> None:
    report = _report(template, [_finding(strength="mandatory")], {})
    with pytest.raises(AttributeError) as ours:
        report_text(report)
    with pytest.raises(AttributeError) as theirs:
        generic(report)
    assert str(ours.value) == str(theirs.value)


TEXT = st.text(max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a.r", "b.r"]),
            st.lists(st.sampled_from(["c1", "c2", "c3"]), max_size=3).map(tuple),
            TEXT,
            TEXT,
            st.none() | TEXT,
            st.none() | TEXT,
            st.sampled_from(list(FindingStatus)),
            st.sampled_from(list(Strength)),
        ),
        max_size=6,
    ),
    st.dictionaries(st.sampled_from(["c1", "c2"]), TEXT),
)
def test_random_findings_read_the_same(template: Report, rows: list[Any], names: dict[str, str]) -> None:
    findings = [
        _finding(
            rule=rule,
            subjects=subjects,
            message=Label(zh, en),
            measured=measured,
            expected=expected,
            status=status,
            strength=strength,
        )
        for rule, subjects, zh, en, measured, expected, status, strength in rows
    ]
    report = _report(template, findings, names)
    report = attrs.evolve(report, as_of=dt.date(2024, 12, 31))
    assert report_text(report, DOCS) == generic(report, DOCS)


GENERIC = {"excepted", "a number measured", "subjects as a list", "a None subject", "a number status"}


def test_which_findings_the_generic_path_writes(template: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[Finding] = []

    def counted(f: Finding, report: Report, link: Any) -> dict[str, Any]:
        taken.append(f)
        return finding_entry(f, report, link)

    monkeypatch.setattr(render, "finding_entry", counted)
    for name, changes in SHAPES.items():
        taken.clear()
        report_text(_report(template, [_finding(**changes)], {"c1": "医共体"}))
        assert bool(taken) is (name in GENERIC), name


class Shown(str):
    """A string that formats as another text: its explanation is not an equal str's."""

    def __format__(self, spec: str) -> str:
        return "shown"


def test_what_is_written_once_is_written_as_each_finding_has_it(template: Report) -> None:
    # What the writer keeps (a subject, a message with its values) is found again only for
    # a finding whose text is the same: an equal string of another type that formats
    # otherwise, values measured, a subject alone and among others, a repeated message.
    names = {"c1": "医共体", "c2": "二"}
    findings = [
        _finding(subjects=("c1",)),
        _finding(subjects=(Shown("c1"),)),
        _finding(subjects=("c2", "c1")),
        _finding(subjects=("c1", Shown("c2"))),
        _finding(subjects=("c1",), measured="3", expected="5"),
        _finding(subjects=("c1",), measured=Shown("3"), expected="5"),
        _finding(subjects=("c2",), measured="3", expected="5"),
        _finding(subjects=("c2",), message=Label("未制定章程", Shown("no charter"))),
        _finding(subjects=("c2",), status=FindingStatus.PASS),
        _finding(subjects=("c1",), status=FindingStatus.NOT_ASSESSABLE, measured="", expected=None),
    ]
    report = _report(template, findings * 2, names)
    assert report_text(report, DOCS) == generic(report, DOCS)
    assert report_utf8(report) == generic(report).encode("utf-8")
