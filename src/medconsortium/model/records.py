"""What a referral reader yields for each record: a good one or a bad one with its line.

The readers (:mod:`medconsortium.io.referral_io`) produce them; the engine's batch checks
and the ledger consume them.
"""

from __future__ import annotations

import attrs

from .referrals import Referral
from .workflow import Workflow


@attrs.frozen
class ReferralRecord:
    """A good record: the referral and, when the record gives its steps, its workflow."""

    line: int
    referral: Referral
    workflow: Workflow | None = None


@attrs.frozen
class RecordError:
    """A bad record: its line, its referral id when it could be read, and what is wrong.

    >>> str(RecordError(7, "r-7", "to_institution: unknown institution 'x-9'"))
    "line 7: to_institution: unknown institution 'x-9'"
    """

    line: int
    referral: str | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


RecordResult = ReferralRecord | RecordError
