# Two commands do everything on a fresh machine with Python 3.11+, git and make:
#   make demo   create .venv, install core and plugins, assess the bundled example
#   make test   the whole suite: tests, mypy strict, ruff, docs build
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGINS := plugins/jiangsu plugins/linyi plugins/wuhu plugins/tongzhou
STAMP := $(VENV)/.installed

.PHONY: demo test install lint typecheck unit docs bench fuzz clean lock

install: $(STAMP)

# Locked dependencies first (hashes checked), then our packages without touching the
# network: --no-deps, and the build backend comes from the lock (--no-build-isolation).
$(STAMP): requirements/lock.txt pyproject.toml $(wildcard plugins/*/pyproject.toml)
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . $(addprefix -e ,$(PLUGINS))
	touch $(STAMP)

demo: install
	$(BIN)/medconsortium demo --format text; test $$? -le 1

unit: install
	$(BIN)/pytest -q

typecheck: install
	$(BIN)/mypy

lint: install
	$(BIN)/ruff check src plugins tests benchmarks scripts conftest.py
	$(BIN)/ruff format --check src plugins tests benchmarks scripts conftest.py

docs: install
	$(BIN)/python scripts/docs_assets.py
	@if [ -f docs/conf.py ]; then $(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html; fi

test: unit typecheck lint docs

bench: install
	$(BIN)/python benchmarks/core.py
	$(BIN)/python benchmarks/referrals.py
	$(BIN)/python benchmarks/startup.py

# The long fuzz profile: 1,000 mutated inputs per reader (10 readers), about 12 minutes idle.
# make test runs the short profile (25 per reader, derandomized).
fuzz: install
	HYPOTHESIS_PROFILE=fuzz-long $(BIN)/pytest -q tests/hostile/test_fuzz.py --hypothesis-show-statistics

lock:
	uv pip compile -q --python-version 3.11 --generate-hashes --universal -o requirements/lock.txt requirements/dev.in

clean:
	rm -rf $(VENV) docs/_build
