"""Errors the library raises on purpose. Each one renders as one clear line."""

from __future__ import annotations


class MedconsortiumError(Exception):
    """Base of every error raised on purpose by medconsortium."""


class InputError(MedconsortiumError):
    """Bad input: names the file and the place inside it.

    >>> str(InputError("network.yaml", "consortia[2].members[5]", "unknown institution 'tz-017'"))
    "network.yaml: consortia[2].members[5]: unknown institution 'tz-017'"
    """

    def __init__(self, source: str, location: str, message: str) -> None:
        self.source = source
        self.location = location
        self.message = message
        where = f"{source}: {location}" if location else source
        super().__init__(f"{where}: {message}")


class NetworkError(MedconsortiumError):
    """A network that does not hold together (duplicate ids, unresolved references...).

    ``location`` is the path inside the network, e.g. ``consortia[2].members[5]``.
    """

    def __init__(self, location: str, message: str) -> None:
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")


class PluginError(MedconsortiumError):
    """A plugin that raised, returned the wrong thing or provided an invalid item."""

    def __init__(self, plugin: str, message: str, item: str | None = None) -> None:
        self.plugin = plugin
        self.item = item
        self.message = message
        where = f"plugin {plugin!r}" + (f", {item}" if item else "")
        super().__init__(f"{where}: {message}")


#: What the host catches from plugin code and reports naming the plugin: any exception,
#: and a plugin calling ``sys.exit()``; only Ctrl-C (KeyboardInterrupt) goes through.
PLUGIN_FAILURES: tuple[type[BaseException], ...] = (Exception, SystemExit, GeneratorExit)


class UsageError(MedconsortiumError):
    """A request that cannot be answered: unknown jurisdiction, unknown format..."""
