# One-command habits. `make run` and `make test` are the README's two commands.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup setup-test run test test-fast lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[st,test]'
	bash scripts/install-system-deps.sh
	touch $@

setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test

# Main job on embedded defaults: build/refresh the index, then start the app (offline).
run: setup
	$(BIN)/mine-assistant index
	$(BIN)/mine-assistant serve

# Lint and types, the whole test suite, then the regression eval gate.
test: lint
	$(BIN)/python -m pytest -q
	$(BIN)/mine-assistant eval all --check

# The edit loop: unit tests only (fakes, no model, no server, no browser), well under 30 s.
test-fast: setup-test
	$(BIN)/python -m pytest -q -m unit

lint: setup-test
	$(BIN)/ruff check assistant tests benchmarks
	$(BIN)/ruff format --check assistant tests benchmarks
	$(BIN)/mypy

bench: setup-test
	$(BIN)/python benchmarks/bench_index.py

clean:
	rm -rf $(VENV) indexes/default indexes/default.* indexes/.cache
