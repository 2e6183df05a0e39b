"""Reading network and statistics files (YAML, JSON, TOML, CSV) into the domain model.

Every problem is an :class:`~medconsortium.errors.InputError` with the file and the place
in it (``consortia[2].members[5]``, or ``line 7`` in a CSV file). YAML is read with the
safe loader. Nothing is half-loaded: a file either gives a whole object or an error.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import cattrs
import yaml

from .consortia import Consortium
from .converter import converter
from .errors import InputError, NetworkError
from .institutions import Institution
from .network import Network
from .staffing import Secondment
from .statistics import Scope, Statistics, StatRecord

T = TypeVar("T")

_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml", ".csv": "csv"}


def read_structured(path: Path) -> Any:
    """Parse a YAML, JSON or TOML file into plain data (dicts, lists, scalars)."""
    name = str(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None or fmt == "csv":
        raise InputError(name, "", f"unsupported file type {path.suffix!r} (use .yaml, .json or .toml)")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(name, "", "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, "", f"cannot read: {exc}") from None
    try:
        if fmt == "yaml":
            return yaml.safe_load(text)
        if fmt == "json":
            return json.loads(text)
        return tomllib.loads(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise InputError(name, where, f"invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(name, "", f"invalid YAML: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(name, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(name, "", f"invalid TOML: {exc}") from None


_PATH_PART = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(.*?)\]")


def _path(raw: str) -> str:
    """cattrs' ``$.consortia[2].members`` as ``consortia[2].members``; dict keys as ``.key``."""
    out = raw[1:] if raw.startswith("$") else raw
    out = re.sub(r"\['([^']*)'\]", r".\1", out)
    return out.lstrip(".")


def _first_error(exc: Exception) -> tuple[str, str]:
    messages = cattrs.transform_error(exc)
    first = messages[0] if messages else str(exc)
    message, _, where = first.rpartition(" @ ")
    if not message:
        return "", first
    message = message.replace("extra fields found", "unknown key")
    return _path(where), message


def structure(data: Any, cls: type[T], source: str, prefix: str = "") -> T:
    """Structure plain data into ``cls`` or raise an InputError with the path inside."""
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        where, message = _first_error(exc) if isinstance(exc, cattrs.BaseValidationError) else ("", str(exc))
        full = ".".join(p for p in (prefix, where) if p).replace(".[", "[")
        raise InputError(source, full, message) from None


def _mapping(data: Any, source: str, what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise InputError(source, "", f"expected a mapping at the top ({what}), got {type(data).__name__}")
    return data


# -- CSV --------------------------------------------------------------------------------
def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; blank cells are dropped (missing values)."""
    name = str(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError(name, "", "no such file") from None
    with handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None:
            raise InputError(name, "line 1", "empty CSV file, expected a header row")
        for row in reader:
            if None in row:
                raise InputError(name, f"line {reader.line_num}", "more cells than header columns")
            yield reader.line_num, {k: v.strip() for k, v in row.items() if v is not None and v.strip() != ""}


_LIST_COLUMNS = {"grid"}


def _institution_from_csv(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = dict(row)
    if "provincially_administered" in out:
        value = out["provincially_administered"].lower()
        if value not in ("true", "false"):
            raise ValueError(f"provincially_administered: expected true or false, got {value!r}")
        out["provincially_administered"] = value == "true"
    return out


def load_institutions_csv(path: Path) -> tuple[Institution, ...]:
    """Institutions from a CSV with one column per field (``id,name,level,type,...``)."""
    items = []
    for line, row in _csv_rows(path):
        try:
            data = _institution_from_csv(row)
        except ValueError as exc:
            raise InputError(str(path), f"line {line}", str(exc)) from None
        items.append(structure(data, Institution, str(path), f"line {line}"))
    return tuple(items)


# -- network ----------------------------------------------------------------------------
_NETWORK_KEYS = {"institutions", "consortia", "secondments", "synthetic", "description"}


def load_network(path: str | Path) -> Network:
    """Load a network file. ``institutions`` may be a list or the name of a CSV file next
    to the network file.

    >>> from medconsortium.examples import EXAMPLES
    >>> len(load_network(EXAMPLES / "national-network.yaml").consortia)
    2
    """
    path = Path(path)
    source = str(path)
    data = _mapping(read_structured(path), source, "a network")
    extra = sorted(set(data) - _NETWORK_KEYS)
    if extra:
        raise InputError(source, extra[0], "unknown key")
    raw_institutions = data.get("institutions")
    if raw_institutions is None:
        raise InputError(source, "institutions", "required key missing")
    if isinstance(raw_institutions, str):
        institutions = load_institutions_csv(path.parent / raw_institutions)
    else:
        institutions = structure(raw_institutions, tuple[Institution, ...], source, "institutions")
    consortia = structure(data.get("consortia", []), tuple[Consortium, ...], source, "consortia")
    secondments = structure(data.get("secondments", []), tuple[Secondment, ...], source, "secondments")
    try:
        return Network(institutions, consortia, secondments)
    except NetworkError as exc:
        raise InputError(source, exc.location, exc.message) from None


def check_facts(network: Network, known_facts: Mapping[str, str], source: str) -> None:
    """Refuse governance facts and departments that no plugin declares.

    ``known_facts`` maps fact id to its kind (``fact`` or ``department``).
    """
    for c_index, cons in enumerate(network.consortia):
        for key in sorted(cons.governance.facts):
            if known_facts.get(key) != "fact":
                raise InputError(
                    source,
                    f"consortia[{c_index}].governance.facts.{key}",
                    f"unknown governance fact {key!r}",
                )
        for dept in sorted(cons.governance.departments or ()):
            if known_facts.get(dept) != "department":
                raise InputError(
                    source,
                    f"consortia[{c_index}].governance.departments",
                    f"unknown department {dept!r}",
                )


# -- statistics -------------------------------------------------------------------------
def _check_metrics(record: StatRecord, known: frozenset[str] | None, source: str, where: str) -> None:
    if known is None:
        return
    for key in sorted(record.values):
        if key not in known:
            raise InputError(
                source,
                f"{where}.values.{key}" if not where.startswith("line") else where,
                f"unknown metric {key!r}",
            )


def load_statistics(path: str | Path, metrics: frozenset[str] | None = None) -> Statistics:
    """Load statistics from YAML/JSON/TOML (``records: [{scope, id, year, values}]``) or
    a wide CSV (``scope,id,year,<metric>...``; an empty cell is a missing value).

    ``metrics``, when given, is the set of known metric ids: any other is refused.
    """
    path = Path(path)
    source = str(path)
    records: list[StatRecord] = []
    seen: dict[tuple[Scope, str, int], str] = {}
    synthetic = False
    description = None
    if path.suffix.lower() == ".csv":
        for line, row in _csv_rows(path):
            where = f"line {line}"
            head: dict[str, str] = {k: row.pop(k) for k in ("scope", "id", "year") if k in row}
            try:
                values = {k: float(v) for k, v in row.items()}
            except ValueError:
                bad = next(k for k, v in row.items() if not _is_number(v))
                raise InputError(source, where, f"{bad}: expected a number, got {row[bad]!r}") from None
            if "year" in head:
                if not head["year"].isdigit():
                    raise InputError(source, where, f"year: expected a whole number, got {head['year']!r}")
                head_any: dict[str, Any] = {**head, "year": int(head["year"])}
            else:
                head_any = dict(head)
            record = structure({**head_any, "values": values}, StatRecord, source, where)
            if metrics is not None:
                unknown = sorted(set(values) - metrics)
                if unknown:
                    raise InputError(source, f"line 1: column {unknown[0]}", f"unknown metric {unknown[0]!r}")
            _add(record, records, seen, source, where)
    else:
        data = _mapping(read_structured(path), source, "statistics")
        extra = sorted(set(data) - {"records", "synthetic", "source", "description"})
        if extra:
            raise InputError(source, extra[0], "unknown key")
        synthetic = structure(data.get("synthetic", False), bool, source, "synthetic")
        description = data.get("source")
        raw = data.get("records")
        if not isinstance(raw, list):
            raise InputError(source, "records", "expected a list of records")
        for index, item in enumerate(raw):
            where = f"records[{index}]"
            record = structure(item, StatRecord, source, where)
            _check_metrics(record, metrics, source, where)
            _add(record, records, seen, source, where)
    return Statistics(tuple(records), synthetic=synthetic, source=str(description) if description else None)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _add(
    record: StatRecord,
    records: list[StatRecord],
    seen: dict[tuple[Scope, str, int], str],
    source: str,
    where: str,
) -> None:
    key = (record.scope, record.id, record.year)
    if key in seen:
        raise InputError(
            source,
            where,
            f"duplicate record for {record.scope.value} {record.id!r} in {record.year} "
            f"(first at {seen[key]})",
        )
    seen[key] = where
    records.append(record)
