"""A progress line on standard error for long event runs, only on a terminal.

The engine's pass over a province's visits takes minutes; the line says which step is
running and for how long, rewritten in place every second, and is cleared at the end.
Redirected to a file or a pipe, nothing is printed (logs get no carriage returns).
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


class Progress:
    """Call it with each step's text; use it as a context manager.

    >>> import io
    >>> with Progress(io.StringIO()) as step:  # not a terminal: silent
    ...     step("visits: one pass of the engine")
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self.text = ""
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def __call__(self, text: str) -> None:
        with self._lock:
            self.text = text
        self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        with self._lock:
            elapsed = time.monotonic() - self.started
            self.stream.write(f"\r\x1b[Kmedconsortium: {self.text} … {elapsed:.0f} s")
            self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            self._draw()

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
