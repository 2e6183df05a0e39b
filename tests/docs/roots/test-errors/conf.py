"""Test project whose directives ask for what does not exist."""

extensions = ["medconsortium.sphinxext"]
exclude_patterns = ["_build"]
medconsortium_plugins: list[str] = []
medconsortium_pages = None
