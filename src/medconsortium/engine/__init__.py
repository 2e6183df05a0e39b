"""The engine: evaluating rules and targets for a jurisdiction (one pass), checking
referrals one by one or in batches, the indexes those checks use, the referral ledger,
policy listings and comparisons, and stale-policy detection.

May import: :mod:`medconsortium.model`, :mod:`medconsortium.policy`,
:mod:`medconsortium.plugins` (the registry). Never the readers, reports or CLI.
"""
