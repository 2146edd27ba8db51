# fieldtui — every target sets itself up, so a fresh clone needs nothing else.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3
OFFLINE := dist/fieldtui-offline
# pip-compile, pinned: `make lock` installs it on demand (not needed to run or test fieldtui).
PIP_TOOLS := pip-tools==7.6.2

.DEFAULT_GOAL := help
.PHONY: help setup system run test lint lock offline bench clean i18n

help: ## List the targets and what they do
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,analysis,postgres,xlsform]'
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install fieldtui with its test, analysis, postgres and xlsform extras

system: ## Install the Debian tools the tests use (tmux, age, chromium, postgresql), when root and missing
	@if ! command -v tmux >/dev/null || ! command -v age >/dev/null || ! command -v chromium >/dev/null \
	    || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux age chromium postgresql >/dev/null; \
	  else echo "note: tmux, age, chromium or postgresql missing; the tests that need them will be skipped"; fi; fi

run: setup ## Open the app on a ready demo study (sandbox in .demo/)
	$(VENV)/bin/fieldtui demo

# The offline folder is built first (the only step that needs the package index or pip's
# cache); in CI a failure to build it fails the run, elsewhere its tests are skipped.
test: setup system ## Build the offline folder, then run the whole test suite
	@$(MAKE) --no-print-directory offline || { [ -z "$$CI" ] && \
	  echo "note: could not build $(OFFLINE); the offline install tests will be skipped"; }
	$(PY) -m pytest -q -n 2 --dist loadgroup -p no:cacheprovider

lint: setup ## ruff, mypy and the import contracts (lint-imports)
	$(VENV)/bin/ruff check fieldtui tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Keeps the pins already in requirements.lock that still fit (LOCK_ARGS=--upgrade to move
# them all); re-run after any change to the dependencies in pyproject.toml.
# The interface's catalogs: extract the marked texts and the commands' help (babel.cfg) and
# click's own words (its installed source: "Usage:", "No such option"), merge them into each
# language's .po (translate what is new there), and compile the .mo files that ship.
CLICK_SRC = $(shell $(PY) -c 'import click, os; print(os.path.dirname(click.__file__))')
i18n: setup ## Extract, update and compile the interface's translations (fieldtui/locale)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 -k en_zh --no-location \
	  --sort-output --project fieldtui --copyright-holder fieldtui \
	  -o fieldtui/locale/fieldtui.pot fieldtui $(CLICK_SRC)
	$(VENV)/bin/pybabel update -D fieldtui -i fieldtui/locale/fieldtui.pot -d fieldtui/locale \
	  --ignore-obsolete --no-fuzzy-matching
	$(VENV)/bin/pybabel compile -D fieldtui -d fieldtui/locale --statistics

lock: setup ## Pin every dependency with hashes in requirements.lock
	$(PY) -m pip install -q $(PIP_TOOLS)
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(LOCK_ARGS) \
	  --output-file requirements.lock pyproject.toml packaging/offline.in

offline: $(OFFLINE)/install.sh ## Build dist/fieldtui-offline/ to install on a laptop with no network

$(OFFLINE)/install.sh: $(STAMP) requirements.lock packaging/install.sh packaging/build_offline.sh \
		$(shell find fieldtui -type f -not -path '*/__pycache__/*')
	packaging/build_offline.sh $(PY) $(OFFLINE)

bench: setup system ## Run the benchmarks and print each figure against its target
	$(PY) -m bench

clean: ## Remove the virtualenv, caches and the demo sandbox
	rm -rf $(VENV) $(OFFLINE) .demo .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .hypothesis
