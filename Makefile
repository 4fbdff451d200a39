# Two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export DBT_PROFILES_DIR := $(CURDIR)
export RAM_RAW_ROOT ?= data/raw
export RAM_DUCKDB_PATH ?= data/ram.duckdb

.PHONY: install demo build test lint pytest bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/ram-extract demo --raw-root $(RAM_RAW_ROOT)
	$(BIN)/dbt build
	$(BIN)/ram-report table

build: install
	$(BIN)/dbt build

lint: install
	$(BIN)/ruff check extract tests/python bench .sqlfluff_library
	$(BIN)/ruff format --check extract tests/python bench .sqlfluff_library
	$(BIN)/sqlfluff lint models macros tests

pytest: install
	$(BIN)/pytest

test: lint pytest

# A report, not a test: 50,000 models x 730 days, full and incremental builds
# against a straightforward SQL script (see docs/benchmarks.md).
bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf data target logs
