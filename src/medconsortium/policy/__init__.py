"""The policy model: what documents say, and the pieces plugins build items with.

Documents and citations, targets, rules and rule exceptions, referral rules, indicators,
the catalog (facts, reference tables, examples), findings and target results, the
vocabulary every plugin shares (:mod:`.vocabulary`) and the helpers for shapes that
recur across documents (:mod:`.helpers`).

May import: :mod:`medconsortium.model`.
"""
