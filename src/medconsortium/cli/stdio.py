"""Standard input and output for the command: ``-`` as an input file, ``-o -``.

The readers work on files (they name the file and line in every error, and the network
reader finds a CSV file of institutions next to the network file). Standard input is
therefore copied, in chunks, to a private temporary file whose suffix is sniffed from the
first bytes, and errors name it ``<stdin>`` again. A referral batch is copied as it comes,
so memory stays flat however long the stream.

Sniffing: ``{`` first is JSON (JSON Lines for referrals, when a second line starts with
``{`` too or the first object ends its line); ``[`` first is a JSON list of referrals;
a statistics or referral stream whose first line is a CSV header is CSV; a network or
statistics stream that parses as TOML is TOML; anything else is YAML.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import click

if TYPE_CHECKING:
    from pathlib import Path
    from typing import TypeAlias

    Callback: TypeAlias = Callable[[click.Context, click.Parameter, Path | None], Path | None]

Kind = Literal["network", "statistics", "referrals"]

#: What error messages call standard input.
STDIN_NAME = "<stdin>"

# Spooled file → the name shown in messages; consulted by the command's error handler.
_SPOOLED: dict[str, str] = {}
_HEAD = 64 * 1024


def is_dash(value: object) -> bool:
    return value is not None and str(value) == "-"


def restore_names(message: str) -> str:
    """An error message with spooled files named ``<stdin>`` again."""
    for path, name in _SPOOLED.items():
        message = message.replace(path, name)
    return message


def _suffix(kind: Kind, head: bytes) -> str:
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    first_line = text.split("\n", 1)[0].strip()
    if kind == "referrals":
        if text.startswith("["):
            return ".json"
        return ".jsonl" if text.startswith("{") else ".csv"
    if text.startswith("{"):
        return ".json"
    if kind == "statistics" and first_line.startswith("scope,"):
        return ".csv"
    import tomllib  # only when standard input is read, not at every start

    try:
        tomllib.loads(head.decode("utf-8-sig", errors="replace"))
    except tomllib.TOMLDecodeError:
        return ".yaml"
    # An empty stream parses as TOML too; YAML then says what is missing.
    return ".toml" if text else ".yaml"


def spool_stdin(ctx: click.Context, kind: Kind) -> Path:
    """Copy standard input to a temporary file the readers can open; removed when the
    command ends. Only one input per command can come from standard input."""
    import shutil
    import tempfile

    root = ctx.find_root()
    obj = root.ensure_object(dict)
    if obj.get("stdin_used"):
        raise click.UsageError("only one input can be read from standard input ('-')")
    obj["stdin_used"] = True
    from pathlib import Path

    stream = sys.stdin.buffer
    head = stream.read(_HEAD)
    folder = Path(tempfile.mkdtemp(prefix="medconsortium-stdin-"))
    path = folder / f"stdin{_suffix(kind, head)}"

    def cleanup() -> None:
        _SPOOLED.pop(str(path), None)
        shutil.rmtree(folder, ignore_errors=True)

    # On the outermost context, and before the copy: a later option that fails to parse
    # (a second '-', a missing file) or an interrupt while copying stops the command before
    # its own context closes, but the outermost one closes however the command ends.
    root.call_on_close(cleanup)
    _SPOOLED[str(path)] = STDIN_NAME
    with path.open("wb") as handle:
        handle.write(head)
        shutil.copyfileobj(stream, handle)
    return path


class PathType(click.Path["Path"]):
    """``click.Path(path_type=pathlib.Path, ...)``, but :mod:`pathlib` is imported when a
    value is converted, not when the option is declared: declaring the commands' options
    is on every start, and pathlib is a tenth of ``rules``' start-up over a minimal click
    program (``benchmarks/startup.py``).

    >>> PathType(allow_dash=True).convert("report.txt", None, None)
    PosixPath('report.txt')
    """

    def coerce_path_result(self, value: str | os.PathLike[str]) -> Path:
        from pathlib import Path

        return value if isinstance(value, Path) else Path(value)


def input_file() -> PathType:
    """The click type of an input file that may be ``-``."""
    return PathType(allow_dash=True)


def stdin_callback(kind: Kind) -> Callback:
    """A click callback turning ``-`` into a spooled copy of standard input."""

    def callback(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
        if is_dash(value):
            return spool_stdin(ctx, kind)
        return value

    return callback


__all__ = ["STDIN_NAME", "input_file", "is_dash", "restore_names", "spool_stdin", "stdin_callback"]
