# Everyday commands. The README's two commands need only Python; this file is for developers.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install test fast lint format typecheck bench bench-sync bench-ui bench-package translations run packages package-test

$(PY):
	python3 -m venv $(VENV)

install: $(PY)
	$(PY) -m pip install -e ".[test]"

test: install          ## the whole suite, as CI runs it
	$(PY) -m pytest

fast:                  ## the suite without the slow tests (lint, mypy, concurrency)
	$(PY) -m pytest -m "not slow"

lint:
	$(PY) -m ruff check src tests packaging
	$(PY) -m ruff format --check src tests packaging

format:
	$(PY) -m ruff check --fix src tests packaging
	$(PY) -m ruff format src tests packaging

typecheck:
	$(PY) -m mypy

bench:                 ## the library benchmark at the issue's scale
	$(PY) tests/benchmarks/bench_library.py --articles 100000

bench-sync:            ## the sync beside newsboat (needs: apt-get install nginx-light newsboat)
	$(PY) tests/benchmarks/bench_sync.py --feeds 100 --items 50 --reference newsboat --full-text
	$(PY) tests/benchmarks/bench_sync.py --feeds 500 --items 50 --reference newsboat

bench-ui:              ## the window at 100,000 articles, and its stalls during a sync (needs nginx)
	$(PY) tests/benchmarks/bench_ui.py --articles 100000

translations:          ## bring the catalogues up to date with the interface's strings
	for lang in ar en; do $(VENV)/bin/pyside6-lupdate -locations none -target-language $$lang \
		src/reader/ui/*.py -ts resources/translations/khabar_$$lang.ts; done

run:
	$(VENV)/bin/khabar

packages:              ## the Linux bundle, its .tar.gz and the .deb in build/packages (packaging/README.md)
	$(PY) -m pip install -e ".[test]"
	$(PY) packaging/build.py all

package-test:          ## build the packages; install (apt-get, as root), run and remove the .deb
	$(PY) -m pip install -e ".[test]"
	$(PY) -m pytest -m package tests/packaging

bench-package:         ## bundle and .deb sizes, the installed app's first paint (after make package-test)
	$(PY) tests/benchmarks/bench_package.py --articles 100000
