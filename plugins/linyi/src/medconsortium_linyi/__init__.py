"""medconsortium plugin for linyi (work in progress)."""

MEDCONSORTIUM_HOOKS_VERSION = 1
