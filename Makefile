# Everyday commands. The README's two commands need only Python; this file is for developers.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install test fast lint format typecheck bench run

$(PY):
	python3 -m venv $(VENV)

install: $(PY)
	$(PY) -m pip install -e ".[test]"

test: install          ## the whole suite, as CI runs it
	$(PY) -m pytest

fast:                  ## the suite without the slow tests (lint, mypy, concurrency)
	$(PY) -m pytest -m "not slow"

lint:
	$(PY) -m ruff check src tests
	$(PY) -m ruff format --check src tests

format:
	$(PY) -m ruff check --fix src tests
	$(PY) -m ruff format src tests

typecheck:
	$(PY) -m mypy

bench:                 ## the library benchmark at the issue's scale
	$(PY) tests/benchmarks/bench_library.py --articles 100000

run:
	$(VENV)/bin/khabar
