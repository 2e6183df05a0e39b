"""Plugins: the hook specifications (the contract), the pluggy manager that finds and
loads plugins, the registry that stores what they provide (checked and attributed), and
the scaffold that writes a new plugin distribution.

May import: :mod:`medconsortium.model`, :mod:`medconsortium.policy`. The national
baseline (:mod:`medconsortium.national`) is loaded by name, like any plugin.
"""
