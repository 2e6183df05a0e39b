"""medconsortium plugin for wuhu (work in progress)."""

MEDCONSORTIUM_HOOKS_VERSION = 1
