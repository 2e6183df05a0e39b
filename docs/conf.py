"""Sphinx configuration for the medconsortium documentation.

The policy reference is generated at build time from the installed plugins by
``medconsortium.sphinxext``; the pages it writes go to ``_generated/`` (not committed).
The build is reproducible: no dates or times in the output.
"""

from __future__ import annotations

from importlib.metadata import version as _version

project = "medconsortium"
author = "medconsortium authors"
copyright = "medconsortium authors"  # no year: the output must not depend on the build date
release = _version("medconsortium")
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx_click",
    "medconsortium.sphinxext",
]

language = "en"
root_doc = "index"
exclude_patterns = ["_build"]
templates_path: list[str] = []

# The policy reference: every installed plugin; one page per jurisdiction.
medconsortium_plugins = None
medconsortium_pages = "_generated/jurisdictions"

# Python API
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
add_module_names = False

# HTML
html_theme = "furo"
html_title = f"medconsortium {release}"
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_static_path: list[str] = []
