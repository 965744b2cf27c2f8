# Two commands a newcomer needs (see README.md):
#   make run   installs everything, prepares a demo database and serves http://127.0.0.1:8000
#   make test  installs the test needs and runs linters, type checks and the whole suite,
#              on SQLite and on PostgreSQL
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEV_ENV := DJANGO_DEBUG=1
# The suite's second database; CI's machine runs PostgreSQL here with trust auth.
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test install install-test system-packages browser lint typecheck migrations-check package-check pytest pytest-sqlite pytest-postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app-installed: $(BIN)/python requirements/app.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/app.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.app-installed requirements/test.txt | system-packages
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@

install: system-packages $(VENV)/.app-installed

# Debian packages the documents need: the Open SOP document font (Open Sans, with DejaVu Sans
# for the level marks; Typst embeds both), and poppler's pdftotext/pdftoppm for checks.
SYSTEM_PACKAGES := fonts-open-sans fonts-dejavu-core poppler-utils
system-packages:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES))

install-test: $(VENV)/.test-installed

# The browser tests use Debian's Chromium (Playwright cannot download browsers here) and
# axe-core from npm, pinned in package-lock.json.
browser:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	npm ci --silent --no-audit --no-fund

run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --verbosity 0
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@echo "\nOpen SOP draait op http://127.0.0.1:8000 (stoppen: Ctrl+C)\n"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install-test
	$(BIN)/ruff check src tests manage.py
	$(BIN)/ruff format --check src tests manage.py
	$(BIN)/lint-imports --no-cache

# The package as others would install it: build the wheel, install it into a clean virtual
# environment with only its declared dependencies, and run the format tool, Django's checks
# and every migration on SQLite from it (outside the source tree, so nothing is borrowed).
PACKAGE_CHECK_DIR := var/package-check
package-check: $(BIN)/python
	rm -rf $(PACKAGE_CHECK_DIR) && mkdir -p $(PACKAGE_CHECK_DIR)
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir $(PACKAGE_CHECK_DIR)/dist .
	$(PYTHON) -m venv $(PACKAGE_CHECK_DIR)/venv
	$(PACKAGE_CHECK_DIR)/venv/bin/pip install --quiet $(PACKAGE_CHECK_DIR)/dist/opensop-*.whl
	cd $(PACKAGE_CHECK_DIR) && venv/bin/opensop format list
	cd $(PACKAGE_CHECK_DIR) && DJANGO_SETTINGS_MODULE=opensop.settings DJANGO_SECRET_KEY=package-check \
		DATABASE_URL=sqlite:///$(CURDIR)/$(PACKAGE_CHECK_DIR)/db.sqlite3 \
		sh -c 'venv/bin/django-admin check && venv/bin/django-admin migrate --verbosity 0 && venv/bin/django-admin showmigrations --plan | grep -c "\[X\]"'

typecheck: install-test
	DJANGO_SECRET_KEY=typecheck-only $(BIN)/mypy

migrations-check: install-test
	DJANGO_SECRET_KEY=check-only $(BIN)/python manage.py makemigrations --check --dry-run

pytest-sqlite: install-test browser
	$(BIN)/pytest -p no:cacheprovider

pytest-postgres: install-test
	DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/pytest -p no:cacheprovider -m "not browser"

pytest: pytest-sqlite pytest-postgres

test: lint typecheck migrations-check package-check pytest

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .hypothesis opensop.sqlite3 var
