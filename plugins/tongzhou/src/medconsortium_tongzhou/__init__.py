"""medconsortium plugin for tongzhou (work in progress)."""

MEDCONSORTIUM_HOOKS_VERSION = 1
