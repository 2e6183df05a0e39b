"""``medconsortium referral ...``: checking referrals one by one or in batches."""

from __future__ import annotations

import click


@click.group()
def referral() -> None:
    """Two-way referrals (双向转诊)."""
