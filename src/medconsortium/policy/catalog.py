"""Catalog entries that plugins register besides rules: governance facts, reference
tables and bundled examples."""

from __future__ import annotations

import enum
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from ..model.checks import enum_of
from ..model.labels import Label
from .documents import Citation

if TYPE_CHECKING:
    from pathlib import Path


class FactKind(enum.Enum):
    """A yes/no governance fact, or a management department a consortium may set up."""

    FACT = "fact"
    DEPARTMENT = "department"


@attrs.frozen
class Fact:
    """A governance fact that network files may state (``governance.facts.<id>``) or a
    department id (``governance.departments``)."""

    id: str
    label: Label
    kind: FactKind = attrs.field(default=FactKind.FACT, validator=enum_of(FactKind))
    description: Label | None = None


@attrs.frozen
class ReferenceTable:
    """Reference data a plugin ships (e.g. named lead hospitals), shown in the policy
    reference with its citation."""

    id: str
    title: Label
    columns: tuple[Label, ...]
    rows: tuple[tuple[str, ...], ...]
    citation: Citation

    def __attrs_post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"reference table {self.id}: a row has {len(row)} cells")


def examples_folder(module_file: str, module_name: str) -> tuple[str, Callable[[str], Any]]:
    """The ``examples`` folder beside a plugin's module, as a string, and the module
    ``__getattr__`` that gives it as ``EXAMPLES_DIR``, a :class:`~pathlib.Path` made on
    first use: every command imports every plugin, and :mod:`pathlib` is a tenth of a
    command's start-up over a minimal click program (benchmarks/startup.py). A plugin's
    ``__init__`` writes::

        _EXAMPLES, __getattr__ = examples_folder(__file__, __name__)

    >>> folder, getattr_ = examples_folder("/p/medconsortium_x/__init__.py", "medconsortium_x")
    >>> folder, getattr_("EXAMPLES_DIR")
    ('/p/medconsortium_x/examples', PosixPath('/p/medconsortium_x/examples'))
    >>> getattr_("EXAMPLES")
    Traceback (most recent call last):
    AttributeError: module 'medconsortium_x' has no attribute 'EXAMPLES'
    """
    folder = os.path.join(os.path.dirname(module_file), "examples")

    def __getattr__(name: str) -> Any:
        if name == "EXAMPLES_DIR":
            from pathlib import Path

            return Path(folder)
        raise AttributeError(f"module {module_name!r} has no attribute {name!r}")

    return folder, __getattr__


@attrs.frozen
class Example:
    """A bundled example: a network, its statistics, the jurisdiction and year to assess.

    ``priority`` decides which example ``medconsortium demo`` runs when none is named
    (the highest wins; ties go to the name).

    ``network`` and ``statistics`` are given as paths or strings and read back as
    :class:`~pathlib.Path`: they are kept as given and made paths on first use, so that
    registering an example (every command registers them all) does not import
    :mod:`pathlib`, a tenth of the command's start-up over a minimal click program.

    >>> ex = Example("x", "100000", "net.yaml", None, 2024, Label("例", "example"))
    >>> ex.network, ex.statistics
    (PosixPath('net.yaml'), None)
    """

    name: str
    jurisdiction: str
    _network: str | os.PathLike[str]
    _statistics: str | os.PathLike[str] | None
    year: int
    description: Label
    priority: int = 0

    @property
    def network(self) -> Path:
        """The network file."""
        from pathlib import Path

        return Path(self._network)

    @property
    def statistics(self) -> Path | None:
        """The statistics file, if the example has one."""
        from pathlib import Path

        return None if self._statistics is None else Path(self._statistics)
