"""The cache of attrs' compiled methods: the classes built from it behave as attrs builds
them, the file is written once and read after, and nothing breaks when it cannot be kept."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attr._make
import attrs
import pytest

from medconsortium.model import codecache

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The cache as in a new process, its file in ``tmp_path``; the process's own cache is
    given back after the test."""
    monkeypatch.setenv(codecache.CACHE_ENV, str(tmp_path))
    for name, value in (("_entries", None), ("_used", set()), ("_added", False), ("_file", None)):
        monkeypatch.setattr(codecache, name, value)
    monkeypatch.setattr(codecache.atexit, "register", lambda function: None)  # written by the test
    yield tmp_path


# Only the command line installs the cache in its process: the tests of it install it here.
codecache.install(attr._make)


def _build(compile_and_eval: Any = None) -> Any:
    """A frozen class of two fields, defined as in a module of medconsortium (so that it goes
    through the cache), or compiled by ``compile_and_eval`` when given."""
    if compile_and_eval is not None:
        saved, attr._make._compile_and_eval = attr._make._compile_and_eval, compile_and_eval
    try:

        @attrs.frozen
        class Probe:
            __module__ = "medconsortium.probe"  # what attrs names the code after

            number: int
            name: str = attrs.field(default="x", validator=attrs.validators.instance_of(str))

    finally:
        if compile_and_eval is not None:
            attr._make._compile_and_eval = saved
    return Probe


def test_the_command_line_wraps_the_locked_attrs_and_the_library_does_not() -> None:
    # The locked attrs has the function the cache wraps (a newer attrs without it would
    # leave the cache out, silently: this test says so), and only the command's process
    # wraps it: a program importing the library keeps attrs as it is.
    probe = (
        "import sys, attr._make, medconsortium.api, medconsortium.model.institutions\n"
        "print(hasattr(attr._make._compile_and_eval, '__wrapped__'))\n"
        "import medconsortium.cli\n"
        "import attrs\n"
        "@attrs.frozen\nclass Later:\n    x: int\n"
        "print(hasattr(attr._make._compile_and_eval, '__wrapped__'))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
    assert codecache.install(attr._make) is True


def test_an_attrs_whose_function_changed_is_left_alone() -> None:
    class Make:
        @staticmethod
        def _compile_and_eval(
            script: str, globs: Any, locs: Any = None, filename: str = "", more: int = 0
        ) -> None:
            raise AssertionError

    class Gone:
        pass

    for make in (Make, Gone):
        before = getattr(make, "_compile_and_eval", None)
        assert codecache.install(make) is False
        assert getattr(make, "_compile_and_eval", None) is before


def test_a_class_from_the_cache_is_the_class_attrs_builds(fresh: Path) -> None:
    cold = _build()
    assert codecache._added and len(codecache._entries or {}) == 1
    warm = _build()
    assert len(codecache._entries or {}) == 1  # compiled once, then found
    plain = _build(attr._make._compile_and_eval.__wrapped__)
    for cls in (cold, warm):
        assert hash(cls(1, "a")) == hash(plain(1, "a")) != hash(cls(2, "a"))
        assert repr(cls(1, "a")) == repr(plain(1, "a")) == "Probe(number=1, name='a')"
        assert cls(1) == cls(1, "x") and cls(1) != cls(1, "y")
        with pytest.raises(TypeError):
            cls(1, 2)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            cls(1).number = 2


def test_the_file_is_written_once_and_read_by_the_next_process(fresh: Path) -> None:
    script = "def __init__(self, a):\n    self.a = a\n"
    name = "<attrs generated methods medconsortium.probe.Written>"
    code = codecache.compiled(script, name)
    codecache._write()
    (written,) = fresh.iterdir()
    assert written.name.startswith("attrs-methods-") and codecache._added
    codecache._entries, codecache._added = None, False  # a new process
    assert codecache.compiled(script, name) == code and not codecache._added
    written.write_bytes(b"not marshal data")
    codecache._entries = None
    assert codecache.compiled(script, name) == code and codecache._added  # rebuilt


def test_the_hash_attrs_writes_is_this_process_s(fresh: Path) -> None:
    name = "<attrs generated methods medconsortium.probe.Hashed>"
    number = hash("<attrs generated hash medconsortium.probe.Hashed>")
    script = f"def __hash__(self):\n    return hash((\n        {number},\n        self.a,\n    ))\n"
    space: dict[str, Any] = {}
    code = codecache.compiled(script, name)
    assert code is not None
    exec(code, space)
    assert space["__hash__"].__code__.co_consts.count(number) == 1
    (key,) = codecache._entries or {}
    assert str(number) not in key[1]  # kept with the placeholder, for every process
    # A hash it does not recognise (another attrs, another naming) is left to attrs.
    assert codecache.compiled(script.replace(str(number), "12345"), name) is None


def test_other_packages_classes_are_left_to_attrs(fresh: Path) -> None:
    assert codecache.compiled("x = 1\n", "<attrs generated methods shop.Order>") is None
    assert codecache.compiled("x = 1\n", "<string>") is None
    assert not codecache._entries


def test_off_keeps_no_file(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(codecache.CACHE_ENV, "off")
    assert codecache.compiled("x = 1\n", "<attrs generated methods medconsortium.probe.Off>") is not None
    codecache._write()
    assert not list(fresh.iterdir())


def test_a_folder_named_by_the_variable_is_not_made(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(codecache.CACHE_ENV, str(fresh / "gone"))
    codecache.compiled("x = 1\n", "<attrs generated methods medconsortium.probe.Gone>")
    codecache._write()
    assert not list(fresh.iterdir())


def test_the_test_session_names_the_same_variable() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        import conftest  # the root one
    finally:
        sys.path.remove(str(ROOT))
    assert conftest.CACHE_ENV == codecache.CACHE_ENV


def test_rules_are_the_same_with_the_cache_cold_warm_and_off(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "medconsortium", "rules", "tongzhou", "--format", "json"]
    outputs = []
    for folder in (str(tmp_path), str(tmp_path), "off"):
        env = {**os.environ, codecache.CACHE_ENV: folder}
        outputs.append(subprocess.run(command, env=env, capture_output=True, check=True).stdout)
        if folder != "off":
            assert [p.name for p in tmp_path.glob("attrs-methods-*")]  # written by the first
    assert outputs[0] == outputs[1] == outputs[2] and outputs[0]
    probe = "import medconsortium.cli.policy as _, medconsortium.model.codecache as c; print(c._added)"
    env = {**os.environ, codecache.CACHE_ENV: str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"  # nothing compiled: every class found


def test_hashes_and_reprs_are_attrs_own_with_the_cache_warm_or_off(tmp_path: Path) -> None:
    # The same hash seed in every process: what attrs compiles itself, and what the cache
    # gives back, must hash and print alike (attrs' own classes and validators, ours).
    probe = (
        "import medconsortium.model.labels as labels, attrs, attr\n"
        "@attrs.define(auto_attribs=False)\nclass P:\n    x = attrs.field(default=1)\n"
        "values = [labels.Label('甲', 'a'), attrs.fields(P).x, attr.Factory('abc'),\n"
        "          attrs.validators.in_(('a',))]\n"
        # An Attribute's hash takes in None's, which Python 3.11 takes from its address.
        "print([hash(v) for v in values if not isinstance(v, attr.Attribute)], [repr(v) for v in values])"
    )
    outputs = []
    for folder in (str(tmp_path), str(tmp_path), str(tmp_path), "off"):
        env = {**os.environ, codecache.CACHE_ENV: folder, "PYTHONHASHSEED": "7"}
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        outputs.append(done.stdout)
    assert len(set(outputs)) == 1 and "Label" in outputs[0]
