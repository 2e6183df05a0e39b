"""Renderers: reports, listings, comparisons, batch reports and stale policy as text,
Markdown, HTML and JSON (the JSON shape is the documented contract), and the trace.

May import: everything below it (model, policy, plugins, engine, io); never the CLI.
"""
