"""The command's outer guard: usage errors in one line, Ctrl-C as exit 130.

click prints three lines of usage for a bad option and ``Aborted!`` with exit code 1 for
Ctrl-C, which scripts read as "a rule failed". Here every usage error is the same one
line as any other error (exit 2), and an interrupt is one line with exit code 130 (128 +
SIGINT, the shell's convention). Report files are written atomically, so an interrupted
run leaves ``-o`` files as they were.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

EXIT_ERROR, EXIT_INTERRUPTED = 2, 130


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _stop(message: str, code: int) -> NoReturn:
    click.echo(f"medconsortium: error: {_one_line(message)}", err=True)
    sys.exit(code)


class GuardedGroup(click.Group):
    """A click group whose errors are one line each."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            hint = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            _stop(exc.format_message() + hint, EXIT_ERROR)
        except click.ClickException as exc:
            _stop(exc.format_message(), EXIT_ERROR)
        except (click.Abort, KeyboardInterrupt):
            _stop("interrupted; no report file was written or changed", EXIT_INTERRUPTED)
        sys.exit(result if isinstance(result, int) else 0)
