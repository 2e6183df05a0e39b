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

# Search: pages are half Chinese. With "zh" Sphinx cuts Chinese text into words with
# jieba (a docs dependency, requirements/dev.in), so "派驻" finds the pages that use it;
# an English index keeps whole runs of Chinese characters as one "word" and finds nothing.
html_search_language = "zh"
try:  # jieba reports its dictionary loading at DEBUG level on standard error: keep quiet
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # the build still works, without Chinese word search
    pass

# Fonts: furo's stack names no Chinese font, so browsers fall back to whatever they find
# (often a bitmap or a Japanese face). These put the common CJK faces first after the
# Latin ones: PingFang/Hiragino (macOS), Microsoft YaHei (Windows), Noto Sans CJK / Source
# Han Sans (Linux: Debian/Ubuntu package fonts-noto-cjk), then any sans-serif.
_CJK_SANS = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"'
_CJK_MONO = '"Noto Sans Mono CJK SC", "Sarasa Mono SC"'
_FONTS = {
    "font-stack": f"-apple-system, BlinkMacSystemFont, Segoe UI, Helvetica, Arial, {_CJK_SANS}, sans-serif",
    "font-stack--monospace": f"SFMono-Regular, Menlo, Consolas, Liberation Mono, {_CJK_MONO}, monospace",
}
html_theme_options = {"light_css_variables": _FONTS, "dark_css_variables": _FONTS}

# HTML
html_theme = "furo"
html_title = f"medconsortium {release}"
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_static_path: list[str] = []
