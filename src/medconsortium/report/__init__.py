"""Renderers: reports, listings, comparisons, batch reports and stale policy as text,
Markdown, HTML and JSON (the JSON shape is the documented contract), and the trace; for analysts
(:mod:`.formats`): the HTML report (Jinja2 templates, charts), the text report in the same
order, Excel and CSV; every status drawn through :mod:`.status`.

May import: everything below it (model, policy, plugins, engine, io); never the CLI.
"""
