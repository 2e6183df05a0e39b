"""Test project for medconsortium.sphinxext: only the national baseline and the demo plugin."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

extensions = ["medconsortium.sphinxext"]
exclude_patterns = ["_build"]
medconsortium_plugins: list[str] = []
medconsortium_extra_plugins = {"demo": "demo_plugin"}
