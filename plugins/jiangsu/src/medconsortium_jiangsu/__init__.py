"""medconsortium plugin for jiangsu (work in progress)."""

MEDCONSORTIUM_HOOKS_VERSION = 1
