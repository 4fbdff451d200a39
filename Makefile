# Two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export DBT_PROFILES_DIR := $(CURDIR)
export RAM_RAW_ROOT ?= data/raw
export RAM_DUCKDB_PATH ?= data/ram.duckdb

.PHONY: install demo build report browser test lint pytest bench clean

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
	$(BIN)/ram-report export
	$(BIN)/ram-report html

# dbt build, then the marts as Parquet for BI tools (data/marts/, see docs/bi.md).
build: install
	$(BIN)/dbt build
	$(BIN)/ram-report export

# The offline HTML report (data/report/index.html) and the Parquet exports
# from the current marts, without building.
report: install
	$(BIN)/ram-report export
	$(BIN)/ram-report html

# Debian's chromium for the report's browser test (CI runs as root).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

lint: install
	$(BIN)/ruff check extract tests/python bench .sqlfluff_library
	$(BIN)/ruff format --check extract tests/python bench .sqlfluff_library
	$(BIN)/sqlfluff lint models macros tests

pytest: install browser
	$(BIN)/pytest

test: lint pytest

# A report, not a test: 50,000 models x 730 days, full and incremental builds
# against a straightforward SQL script (see docs/benchmarks.md).
bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf data target logs
