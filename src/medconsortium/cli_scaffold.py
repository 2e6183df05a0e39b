"""``medconsortium new-plugin``: scaffold a jurisdiction plugin distribution."""

from __future__ import annotations

import click


@click.command("new-plugin")
def new_plugin() -> None:
    """Create a new jurisdiction plugin (not yet implemented)."""
    raise click.UsageError("new-plugin is not implemented yet")
