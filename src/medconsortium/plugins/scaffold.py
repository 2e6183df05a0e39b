# Longer than 400 lines on purpose: most of it is the templates of the files a new plugin starts from.
"""The plugin scaffold behind ``medconsortium new-plugin``: templates and the generator.

:func:`render` turns a :class:`PluginSpec` into the files of a complete plugin
distribution (pyproject with the entry point, a package with a sample document, target
and rule, their tests, a README); :func:`generate` writes them. The sample is marked as a
sample everywhere: its document number, its text and its titles say so, and the README
lists what to replace. Out of the box the plugin installs, its jurisdiction appears in
``medconsortium jurisdictions`` and its tests pass, so an author starts from green.

>>> spec = PluginSpec("demo_county", "320685", "320600")
>>> spec.package, spec.distribution, spec.level.value
('medconsortium_demo_county', 'medconsortium-demo-county', 'county')
>>> sorted(render(spec))[:3]
['.gitignore', 'README.md', 'pyproject.toml']
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from string import Template

import attrs

from ..model.errors import UsageError
from ..model.jurisdictions import NATIONAL_CODE, Level, code_within, is_division_code, level_of_code
from .hookspecs import HOOKSPEC_VERSION
from .manager import CORE_PLUGIN
from .registry import Registry

_SLUG = re.compile(r"^[a-z][a-z0-9_]{1,39}$")

#: The sample document's dates: fixed, so that the generated files never depend on today.
SAMPLE_YEAR = 2025


@attrs.frozen
class PluginSpec:
    """What ``new-plugin`` is asked for: a slug, the division code and its parent's code.

    ``name_zh``/``name_en`` are the jurisdiction's names (default: the slug).
    """

    slug: str
    code: str
    parent: str
    name_zh: str | None = None
    name_en: str | None = None
    #: Requirements on the plugin distributions that provide the parent levels (their
    #: jurisdictions or their policy), e.g. ``("medconsortium-tongzhou>=0.1.0",)``; found
    #: by :func:`parent_requirements` from the installed plugins.
    requires: tuple[str, ...] = ()

    @property
    def package(self) -> str:
        return f"medconsortium_{self.slug}"

    @property
    def distribution(self) -> str:
        return f"medconsortium-{self.slug.replace('_', '-')}"

    @property
    def level(self) -> Level:
        return level_of_code(self.code)

    @property
    def registers_jurisdiction(self) -> bool:
        """A province is already known to the core; a city or county is new."""
        return self.level in (Level.CITY, Level.COUNTY)

    @property
    def document_number(self) -> str:
        return f"示例-{self.slug}〔{SAMPLE_YEAR}〕1号"

    @property
    def zh(self) -> str:
        return self.name_zh or self.slug

    @property
    def en(self) -> str:
        return self.name_en or self.slug.replace("_", " ").title()


def county_in(code: str) -> str:
    """A county-level division code inside ``code`` (``code`` itself for a county), for
    sample networks.

    >>> county_in("320612"), county_in("320600"), county_in("320000"), county_in("100000")
    ('320612', '320601', '320101', '110101')
    """
    level = level_of_code(code)
    if level is Level.COUNTY:
        return code
    if level is Level.CITY:
        return code[:4] + "01"
    if level is Level.PROVINCE:
        return code[:2] + "0101"
    return "110101"


def parent_requirements(registry: Registry, parent: str) -> tuple[str, ...]:
    """The plugin distributions a new plugin below ``parent`` needs: those that register
    ``parent`` or an ancestor, or issue a document at one of those levels, each with the
    installed version as its floor (the core is always required and not listed).

    >>> parent_requirements(Registry.load(only=()), "320000")
    ()
    """
    if parent not in registry.jurisdictions:
        return ()
    plugins: list[str] = []
    for level in registry.chain(parent):
        providers = [registry.jurisdictions[level.code].plugin]
        documents = registry.documents.values()
        providers += sorted(e.plugin for e in documents if e.item.jurisdiction == level.code)
        plugins += [name for name in providers if name != CORE_PLUGIN and name not in plugins]
    infos = {info.name: info for info in registry.plugins}
    out: list[str] = []
    for name in plugins:
        info = infos.get(name)
        if info is None or info.distribution.startswith("<"):
            continue  # a plugin registered in-process has no distribution to depend on
        floor = f">={info.version}" if info.version[:1].isdigit() else ""
        requirement = f"{info.distribution}{floor}"
        if requirement not in out:
            out.append(requirement)
    return tuple(out)


def check_spec(spec: PluginSpec, registry: Registry | None = None) -> None:
    """Refuse a spec that would not load, with a message saying why.

    Without ``registry`` only the spec itself is checked; with it, also that the parent is
    installed and that neither the code nor the slug is taken.

    >>> check_spec(PluginSpec("kit", "320685", "370000"))
    Traceback (most recent call last):
    ...
    medconsortium.model.errors.UsageError: 320685 does not lie inside the parent 370000
    """
    if not _SLUG.match(spec.slug) or keyword.iskeyword(spec.slug):
        raise UsageError(
            f"plugin name {spec.slug!r} must be 2-40 lower-case letters, digits or '_', "
            "starting with a letter (it becomes the entry-point name and the package medconsortium_NAME)"
        )
    if spec.slug == CORE_PLUGIN:
        raise UsageError(f"plugin name {spec.slug!r} is the core's")
    for what, code in (("code", spec.code), ("parent", spec.parent)):
        if not is_division_code(code):
            raise UsageError(f"{what} {code!r} is not a six-digit GB/T 2260 division code")
    if spec.code == NATIONAL_CODE:
        raise UsageError("the nation is the core's: choose a province, city or county code")
    if spec.code == spec.parent or not code_within(spec.code, spec.parent):
        raise UsageError(f"{spec.code} does not lie inside the parent {spec.parent}")
    if spec.level is not Level.PROVINCE and spec.parent == NATIONAL_CODE:
        raise UsageError("the parent of a city or county is its province or city, not the nation")
    if spec.level is Level.PROVINCE and spec.parent != NATIONAL_CODE:
        raise UsageError(f"a province's parent is the nation ({NATIONAL_CODE}), not {spec.parent}")
    if registry is None:
        return
    if spec.parent not in registry.jurisdictions:
        raise UsageError(
            f"parent {spec.parent} is not an installed jurisdiction "
            "(install the plugin that provides it first)"
        )
    existing = registry.jurisdictions.get(spec.code)
    if existing is not None and spec.registers_jurisdiction:
        raise UsageError(f"jurisdiction {spec.code} is already provided by plugin {existing.plugin!r}")
    if spec.slug in {p.name for p in registry.plugins}:
        raise UsageError(f"a plugin named {spec.slug!r} is already installed")
    for entry in registry.jurisdictions.values():
        if entry.item.slug == spec.slug and entry.item.code != spec.code:
            raise UsageError(f"slug {spec.slug!r} already names jurisdiction {entry.item.code}")


def render(spec: PluginSpec) -> dict[str, str]:
    """The plugin's files: relative path → content, for :func:`generate` to write."""
    level = {Level.PROVINCE: "PROVINCE", Level.CITY: "CITY", Level.COUNTY: "COUNTY"}[spec.level]
    dependencies = ", ".join(f'"{d}"' for d in (f"medconsortium>={_core_version()}", *spec.requires))
    values = {
        "dependencies": dependencies,
        "slug": spec.slug,
        "code": spec.code,
        "parent": spec.parent,
        "package": spec.package,
        "distribution": spec.distribution,
        "name_zh": spec.zh,
        "name_en": spec.en,
        "level": level,
        "number": spec.document_number,
        "year": str(SAMPLE_YEAR),
        "last_year": str(SAMPLE_YEAR - 1),
        "ids_jurisdiction": f"jurisdiction:{spec.code}\n" if spec.registers_jurisdiction else "",
        "review_year": str(SAMPLE_YEAR + 2),
        "hooks_version": str(HOOKSPEC_VERSION),
        "county": county_in(spec.code),
        "jurisdiction_import": _JURISDICTION_IMPORT if spec.registers_jurisdiction else "",
        "jurisdiction_hook": _JURISDICTION_HOOK if spec.registers_jurisdiction else "",
    }
    files = {
        ".gitignore": _GITIGNORE,
        "README.md": _README,
        "pyproject.toml": _PYPROJECT,
        f"src/{spec.package}/__init__.py": _INIT,
        f"src/{spec.package}/examples/network.yaml": _NETWORK,
        f"src/{spec.package}/examples/statistics.yaml": _STATISTICS,
        f"src/{spec.package}/py.typed": "",
        f"src/{spec.package}/document.py": _DOCUMENT,
        f"src/{spec.package}/policy/document.txt": _TEXT,
        f"src/{spec.package}/targets.py": _TARGETS,
        f"src/{spec.package}/rules.py": _RULES,
        "tests/test_contract.py": _TEST_CONTRACT,
        "tests/published_ids.txt": _PUBLISHED_IDS,
        "tests/test_sample.py": _TEST_SAMPLE,
        "tests/test_example.py": _TEST_EXAMPLE,
    }
    if spec.registers_jurisdiction:
        files[f"src/{spec.package}/jurisdiction.py"] = _JURISDICTION
    return {path: Template(text).substitute(values) for path, text in sorted(files.items())}


def generate(spec: PluginSpec, output: Path, registry: Registry | None = None) -> Path:
    """Write the plugin into ``output/<distribution>`` and return that folder.

    Checks the spec first (against ``registry`` when given). Refuses to write into a
    folder that exists and is not empty, so nothing of the author's is ever overwritten.
    """
    check_spec(spec, registry)
    if registry is not None and not spec.requires:
        spec = attrs.evolve(spec, requires=parent_requirements(registry, spec.parent))
    target = output / spec.distribution
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} already exists and is not empty")
    for path, content in render(spec).items():
        dest = target / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(content, encoding="utf-8")
    return target


def _core_version() -> str:
    # The installed core's version is the floor the plugin is written against.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("medconsortium")
    except PackageNotFoundError:  # a bare checkout, not installed: no floor to give
        return "0"


# -- templates (string.Template: $name is substituted, $$ is a dollar) --------------------------
_GITIGNORE = """\
__pycache__/
*.egg-info/
build/
dist/
.venv/
"""

_PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "$distribution"
# The version is written once, in the package: $package.__version__.
dynamic = ["version"]
description = "medconsortium plugin: $name_zh ($name_en), GB/T 2260 $code"
readme = "README.md"
requires-python = ">=3.11"
# The core, and the plugins that provide the levels above $code (their jurisdictions
# and policy): installing this plugin installs them.
dependencies = [$dependencies]

# The entry point is how medconsortium finds the plugin: name = the plugin's name.
[project.entry-points.medconsortium]
$slug = "$package"

[tool.hatch.version]
path = "src/$package/__init__.py"

[tool.hatch.build.targets.wheel]
packages = ["src/$package"]

[tool.pytest.ini_options]
testpaths = ["tests"]
addopts = "--import-mode=importlib -p no:cacheprovider"
"""

_README = """\
# $distribution

A medconsortium plugin for **$name_zh** ($name_en, GB/T 2260
`$code`, below `$parent`). Generated by `medconsortium new-plugin`.

## Try it

    pip install -e .
    medconsortium jurisdictions          # $name_zh appears under its parent
    medconsortium rules $slug            # the sample target and rule, with citations
    python -m pytest                     # the contract test and the sample's tests

## Make it yours

Everything marked 示例 (sample) is a placeholder. Replace, in this order:

1. `src/$package/policy/document.txt`: the full original text of your document, unedited.
2. `src/$package/document.py`: its number (文号), title, issuer, issue date and review date.
3. `src/$package/targets.py` and `rules.py`: one `Target` or `Rule` per requirement, each
   with a `cite(clause, sentence)` whose sentence is copied verbatim from the text.
   A sentence without a number is a trend (`rising`/`falling`) or qualitative target:
   never invent a threshold.
4. `tests/`: for every rule and target, a passing, a failing and a missing-data case.
   `tests/test_sample.py` tests the sample rule and target: delete it with them, and
   write such cases for yours. `tests/test_contract.py` runs medconsortium's plugin
   contract (ids, citations, verbatim quotes, indicators, units, dates, exceptions, rule
   outcomes) and `tests/test_example.py` runs the bundled example: both read whatever the
   plugin registers, so they keep working; keep them. `tests/published_ids.txt` lists the
   ids reports rely on: update it on purpose when they change.
5. The version is `__version__` in `src/$package/__init__.py`, written once.

Ids: `$slug.<name>` for targets, rules and exceptions; `${slug}_<name>` for metrics,
indicators and facts of your own. The guide (docs: "Writing a plugin") explains each step.
"""

_INIT = '''\
"""medconsortium plugin for $name_zh ($name_en), GB/T 2260 $code.

Everything it provides is declared once, in ``PROVIDES``; medconsortium registers each kind
and attributes it to this plugin (see ``medconsortium.Provides``).
"""

from __future__ import annotations

import os

from medconsortium import Example, Label, Provides
from medconsortium.policy.catalog import examples_folder

from .document import DOCUMENT
${jurisdiction_import}from .rules import RULES
from .targets import TARGETS

#: This distribution's version, read by the build (pyproject: [tool.hatch.version]).
__version__ = "0.1.0"

#: The hook specifications this plugin was written for (medconsortium refuses others).
MEDCONSORTIUM_HOOKS_VERSION = $hooks_version

# The bundled examples' folder as a string, and EXAMPLES_DIR (a Path) made on first use:
# every command imports every plugin, and pathlib is not imported at start-up.
_EXAMPLES, __getattr__ = examples_folder(__file__, __name__)

EXAMPLE = Example(
    "$slug",
    "$code",
    os.path.join(_EXAMPLES, "network.yaml"),
    os.path.join(_EXAMPLES, "statistics.yaml"),
    $year,
    Label("$name_zh示例（合成数据）", "$name_en example (synthetic data)"),
)

PROVIDES = Provides(
${jurisdiction_hook}    documents=(DOCUMENT,),
    targets=TARGETS,
    rules=RULES,
    examples=(EXAMPLE,),
)

#: The one hook implementation: everything above, registered kind by kind.
register_policy = PROVIDES.hookimpl()
'''

_JURISDICTION_IMPORT = "from .jurisdiction import JURISDICTION\n"

_JURISDICTION_HOOK = "    jurisdictions=(JURISDICTION,),\n"

_NETWORK = """\
# 示例 (sample): a synthetic network. Institutions and numbers are invented; replace them.
# Three county medical communities: one states a charter, one states it has none, one
# says nothing, so the sample rule passes, fails and is not assessable.
synthetic: true
description: 合成示例：三个县域医共体 (synthetic example)
institutions:
  - {id: ${slug}-h1, name: 示例第一人民医院, level: secondary, type: county_hospital,
     ownership: government, division: "$county"}
  - {id: ${slug}-h2, name: 示例中医院, level: secondary, type: county_tcm_hospital,
     ownership: government, division: "$county"}
  - {id: ${slug}-h3, name: 示例第二人民医院, level: secondary, type: county_hospital,
     ownership: government, division: "$county"}
  - {id: ${slug}-t1, name: 示例甲镇卫生院, level: unrated, type: township_health_centre,
     ownership: government, division: "$county", township: 甲镇}
  - {id: ${slug}-t2, name: 示例乙镇卫生院, level: unrated, type: township_health_centre,
     ownership: government, division: "$county", township: 乙镇}
  - {id: ${slug}-t3, name: 示例丙镇卫生院, level: unrated, type: township_health_centre,
     ownership: government, division: "$county", township: 丙镇}
  - {id: ${slug}-v1, name: 示例甲村卫生室, level: unrated, type: village_clinic,
     ownership: government, division: "$county", township: 甲镇}
  - {id: ${slug}-v2, name: 示例乙村卫生室, level: unrated, type: village_clinic,
     ownership: government, division: "$county", township: 乙镇}
  - {id: ${slug}-v3, name: 示例丙村卫生室, level: unrated, type: village_clinic,
     ownership: government, division: "$county", township: 丙镇}
consortia:
  - id: ${slug}-ccm-1
    name: 示例第一人民医院医共体
    kind: county_medical_community
    division: "$county"
    members: [{institution: ${slug}-h1, role: lead}, ${slug}-t1, ${slug}-v1]
    governance: {facts: {charter: true}}
  - id: ${slug}-ccm-2
    name: 示例中医院医共体
    kind: county_medical_community
    division: "$county"
    members: [{institution: ${slug}-h2, role: lead}, ${slug}-t2, ${slug}-v2]
    governance: {facts: {charter: false}}
  - id: ${slug}-ccm-3
    name: 示例第二人民医院医共体
    kind: county_medical_community
    division: "$county"
    members: [{institution: ${slug}-h3, role: lead}, ${slug}-t3, ${slug}-v3]
"""

_STATISTICS = """\
# 示例 (sample): synthetic statistics, invented numbers, not real figures.
synthetic: true
source: 合成数据 (synthetic)
records:
  - {scope: area, id: "$code", year: $last_year,
     values: {residents_visits_in_county: 80, residents_visits_total: 100}}
  - {scope: area, id: "$code", year: $year,
     values: {residents_visits_in_county: 85, residents_visits_total: 100}}
"""

_JURISDICTION = '''\
"""The jurisdiction this plugin adds below $parent."""

from __future__ import annotations

from medconsortium import Jurisdiction, Label, Level

CODE = "$code"

JURISDICTION = Jurisdiction(CODE, "$slug", Label("$name_zh", "$name_en"), Level.$level, parent="$parent")
'''

_DOCUMENT = '''\
"""The policy document this plugin encodes, and how to cite it.

示例 (sample): replace the number, title, issuer and dates with your document's, and
policy/document.txt with its original text.
"""

from __future__ import annotations

import datetime as dt

from medconsortium import Citation, DatePrecision, Label, PolicyDocument, PolicyText

NUMBER = "$number"

DOCUMENT = PolicyDocument(
    number=NUMBER,
    title="$name_zh医疗联合体建设实施方案（示例）",
    title_en="$name_en: plan for building medical consortia (sample)",
    issuer=Label("$name_zh卫生健康委员会（示例）", "$name_en health commission (sample)"),
    # Replace with the real date of issue; the year alone is shown until then.
    issued=dt.date($year, 1, 1),
    issued_precision=DatePrecision.YEAR,
    jurisdiction="$code",
    review_by=dt.date($review_year, 12, 31),
    # The unedited text, shipped in the wheel: the contract checks every quote against it.
    text=PolicyText("$package", "policy/document.txt"),
)


def text() -> str:
    """The document's original text, shipped inside the package."""
    return DOCUMENT.read_text()


def cite(clause: str, sentence: str) -> Citation:
    """A citation of this document: the clause path and a sentence copied verbatim."""
    return Citation(NUMBER, clause, sentence)
'''

_TEXT = """\
示例文件：本文件由 medconsortium new-plugin 生成，不是正式文件。
请用$name_zh正式文件的原文替换本文件的全部内容，
并相应修改 document.py 中的文号、标题、发文机关和日期，
以及 targets.py、rules.py 中的条款和引文。

$name_zh医疗联合体建设实施方案（示例）

一、工作目标
县域内就诊率逐年提高。

二、主要任务
（一）规范医共体管理。每个县域医共体应当制定章程，明确牵头单位与成员单位的责任、权利和义务。
"""

_TARGETS = '''\
"""Targets of the document: what an indicator must reach, by when, for whom.

示例 (sample): "逐年提高" gives no number, so it is a trend target (rising), not a threshold.
"""

from __future__ import annotations

import datetime as dt

from medconsortium import Label, Operator, Period, Target

from .document import cite

TARGETS = (
    Target(
        "$slug.county_visit_rate",
        Label("县域内就诊率逐年提高", "the county visit rate rises every year"),
        cite("一、工作目标", "县域内就诊率逐年提高"),
        indicator="county_visit_rate",
        operator=Operator.RISING,
        period=Period(dt.date($year, 1, 1)),
        note=Label("“逐年提高”未给出数值，按逐年上升评估", "no number given: assessed as a rising trend"),
    ),
)
'''

_RULES = '''\
"""Governance rules of the document, each checked over a network.

示例 (sample): a rule that reads a governance fact. ``facts_rule`` passes when the fact is
true, fails when it is false and is not assessable when the network does not say.
"""

from __future__ import annotations

from medconsortium import ConsortiumKind, Label, Rule, Strength
from medconsortium.national import facts_rule

from .document import cite

RULES = (
    Rule(
        "$slug.community_charter",
        Label("县域医共体制定章程", "each county medical community has a charter"),
        Strength.MANDATORY,
        cite("二（一）", "每个县域医共体应当制定章程"),
        facts_rule(("charter",), (ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,)),
    ),
)
'''

_TEST_CONTRACT = '''\
"""medconsortium's plugin contract, run over this plugin."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medconsortium import Registry
from medconsortium.cli import main
from medconsortium.testing import assert_contract, plugin_ids
from $package.document import DOCUMENT

PLUGIN = "$slug"
PUBLISHED = Path(__file__).with_name("published_ids.txt")


def test_contract() -> None:
    # Quotes are checked against the text the package ships (DOCUMENT.text).
    assert_contract(PLUGIN)


def test_published_ids() -> None:
    # Reports and users rely on these ids: change published_ids.txt on purpose, never by
    # accident (one id a line, as this test prints them when they differ).
    listed = tuple(line for line in PUBLISHED.read_text(encoding="utf-8").splitlines() if line.strip())
    assert plugin_ids(Registry.load(), PLUGIN) == listed


def test_listed_in_jurisdictions() -> None:
    result = CliRunner().invoke(main, ["jurisdictions", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = {j["code"]: j for j in json.loads(result.output)}
    assert DOCUMENT.number in listed["$code"]["documents"]
'''

_PUBLISHED_IDS = """\
document:$number
example:$slug
${ids_jurisdiction}rule:$slug.community_charter
target:$slug.county_visit_rate
"""

_TEST_SAMPLE = '''\
"""The sample rule and target: passing, failing and missing-data cases.

These are the only tests tied to the sample: delete this file when you replace the sample,
and write the same three cases for each of your rules and targets.
"""

from __future__ import annotations

import datetime as dt

import pytest

from medconsortium import (
    ConsortiumKind,
    Finding,
    FindingStatus,
    Registry,
    TargetResult,
    TargetStatus,
    assess,
    run_rules,
)
from medconsortium.testing import make_statistics, sample_network

RULE = "$slug.community_charter"
TARGET = "$slug.county_visit_rate"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


def findings(registry: Registry, facts: dict[str, bool]) -> list[Finding]:
    network = sample_network("$code", kinds=[ConsortiumKind.COUNTY_MEDICAL_COMMUNITY], facts=facts)
    found = run_rules(network, registry, registry.jurisdiction("$code"), dt.date($year, 6, 30))
    return [f for f in found if f.rule == RULE]


def test_rule_passes_with_a_charter(registry: Registry) -> None:
    [finding] = findings(registry, {"charter": True})
    assert finding.status is FindingStatus.PASS
    assert finding.subjects == ("county_medical_community",)


def test_rule_fails_without_a_charter(registry: Registry) -> None:
    [finding] = findings(registry, {"charter": False})
    assert finding.status is FindingStatus.FAIL


def test_rule_not_assessable_when_not_stated(registry: Registry) -> None:
    [finding] = findings(registry, {})
    assert finding.status is FindingStatus.NOT_ASSESSABLE


def results(registry: Registry, in_county: dict[int, float]) -> list[TargetResult]:
    # Synthetic numbers: residents' visits in the county out of 100 visits in all.
    rows = {y: {"residents_visits_in_county": v, "residents_visits_total": 100} for y, v in in_county.items()}
    stats = make_statistics(rows, "$code")
    report = assess(sample_network("$code"), stats, registry, registry.jurisdiction("$code"), $year)
    return [r for r in report.targets if r.target == TARGET]


def test_target_met_when_rising(registry: Registry) -> None:
    [result] = results(registry, {$last_year: 80, $year: 85})
    assert result.status is TargetStatus.MET
    assert result.subject == "$code"


def test_target_not_met_when_falling(registry: Registry) -> None:
    [result] = results(registry, {$last_year: 80, $year: 75})
    assert result.status is TargetStatus.NOT_MET


def test_target_not_assessable_without_last_year(registry: Registry) -> None:
    [result] = results(registry, {$year: 85})
    assert result.status is TargetStatus.NOT_ASSESSABLE
'''

_TEST_EXAMPLE = '''\
"""The bundled example, end to end through the command line.

Reads whatever the plugin registers, so it keeps passing when the sample is replaced:
every rule and every target of this plugin due in the example's year shows up in the
report, and the report says its data are synthetic.
"""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from medconsortium import Registry
from medconsortium.cli import main

PLUGIN = "$slug"


def test_the_example_reports_every_rule_and_target_of_the_plugin() -> None:
    registry = Registry.load()
    example = registry.examples[PLUGIN].item
    result = CliRunner().invoke(main, ["demo", PLUGIN, "--format", "json"])
    assert result.exit_code in (0, 1), result.output  # 1: a target not met or a rule failed
    report = json.loads(result.output)
    assert report["synthetic"] is True
    in_force = registry.rules_for(example.jurisdiction, dt.date.fromisoformat(report["as_of"]))
    rules = {e.item.id for e in in_force if e.plugin == PLUGIN}
    assert rules <= {f["rule"] for f in report["findings"]}
    due = registry.targets_for(example.jurisdiction)
    targets = {e.item.id for e in due if e.plugin == PLUGIN and e.item.due_in(example.year)}
    assert targets <= {t["id"] for t in report["targets"]}
    assert rules or targets, "the plugin registers no rule and no target"
'''
