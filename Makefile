# Two commands a newcomer needs (see README.md):
#   make run   installs everything and starts Open SOP
#   make test  installs the test needs and runs linters, type checks and the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app-installed: $(BIN)/python requirements/app.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/app.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.app-installed requirements/test.txt
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@

install: $(VENV)/.app-installed

install-test: $(VENV)/.test-installed

run: install
	$(BIN)/python scripts/demo.py

lint: install-test
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: install-test
	$(BIN)/mypy

pytest: install-test
	$(BIN)/pytest -p no:cacheprovider

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .hypothesis
