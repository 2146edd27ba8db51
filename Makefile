# fieldtui — every target sets itself up, so a fresh clone needs nothing else.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.DEFAULT_GOAL := help
.PHONY: help setup system run test lint bench clean

help: ## List the targets and what they do
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install fieldtui with its test extra

system: ## Install the Debian tools the end-to-end tests use (tmux, age), when root and missing
	@if ! command -v tmux >/dev/null || ! command -v age >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux age >/dev/null; \
	  else echo "note: tmux or age missing; the tests that need them will be skipped"; fi; fi

run: setup ## Open the app on a ready demo study (sandbox in .demo/)
	$(VENV)/bin/fieldtui demo

test: setup system ## Run the whole test suite
	$(PY) -m pytest -q -n 2 --dist loadgroup -p no:cacheprovider

lint: setup ## ruff and mypy
	$(VENV)/bin/ruff check fieldtui tests bench
	$(VENV)/bin/mypy

bench: setup system ## Run the benchmarks and print each figure against its target
	$(PY) -m bench

clean: ## Remove the virtualenv, caches and the demo sandbox
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache .hypothesis
