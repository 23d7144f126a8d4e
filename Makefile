# The README's two commands: `make run` and `make test`. Each sets itself up
# (virtualenv, install) on a fresh machine with Python 3.11+.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) example_site/manage.py

.PHONY: run test test-slow install lint format docs clean

# The virtualenv, and what each command needs in it: the demo the package
# and its event stream's engine (the push extra); the tests their tools too.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[push]"
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[push,testing]"
	touch $@

$(VENV)/.installed-docs: pyproject.toml $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[docs]"
	touch $@

install: $(VENV)/.installed-test

# Migrate and seed in one process (printing the blog, the admin login and an
# API token), then serve: runserver plus publish_scheduled every 30 s, so
# that scheduled updates go live (example_site/home/management/commands/).
run: $(VENV)/.installed-run
	PORT=$(PORT) $(MANAGE) seed_demo --migrate
	PORT=$(PORT) $(MANAGE) serve_demo --nostatic 127.0.0.1:$(PORT)

# axe-core for the accessibility tests, when npm is available (they skip,
# saying so, without it).
tests/browser/node_modules/.package-lock.json: tests/browser/package-lock.json
	-command -v npm >/dev/null && npm ci --prefix tests/browser --no-audit --no-fund --silent

# The suite, on every core (pytest-xdist), but for the slow tests, which
# start subprocesses (brand-new sites, the example site, the wheel, gunicorn
# and Pushpin), and the malformed-input sweeps (hundreds of posts each):
# `make test-slow` runs the slow ones, one at a time; `.ci/run` all three.
# `make test PYTEST_ARGS=...` replaces the options (`PYTEST_ARGS="-k poll -x"`).
PYTEST_ARGS ?= -n auto -m "not slow and not sweep"

test: $(VENV)/.installed-test tests/browser/node_modules/.package-lock.json
	@if command -v node >/dev/null; then node --test tests/js/; \
	else echo "SKIPPED tests/js: node is not installed (the reader script's module tests)"; fi
	$(PY) -m pytest $(PYTEST_ARGS)

test-slow: $(VENV)/.installed-test tests/browser/node_modules/.package-lock.json
	$(PY) -m pytest -m slow $(SLOW_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

docs: $(VENV)/.installed-docs
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

clean:
	rm -rf $(VENV) build dist site example_site/db.sqlite3 example_site/media
