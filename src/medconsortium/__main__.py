"""``python -m medconsortium``: the same command as ``medconsortium``.

Useful where the script directory is not on ``PATH`` (a virtual environment not
activated, ``pipx run``, a Windows install).
"""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    # prog_name: the help and errors say "medconsortium", not "__main__.py".
    main(prog_name="medconsortium")
