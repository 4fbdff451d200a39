# Two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.installed-spark

export DBT_PROFILES_DIR := $(CURDIR)
export RAM_RAW_ROOT ?= data/raw
export RAM_DUCKDB_PATH ?= data/ram.duckdb
export RAM_SPARK_DIR ?= data/spark

# Production builds: the dbt unit tests check the SQL on fixed inputs, not the
# data, so they run in `make test` (as dbt recommends), not in every build.
DBT_BUILD := $(BIN)/dbt build --exclude-resource-type unit_test

.PHONY: install install-spark demo build build-spark report browser test lint pytest pytest-spark bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# pyspark and dbt-spark: large, so only for the Spark target and its tests.
install-spark: $(SPARK_STAMP)

$(SPARK_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	touch $@

demo: install
	$(BIN)/ram-extract demo --raw-root $(RAM_RAW_ROOT)
	$(DBT_BUILD)
	$(BIN)/ram-report table
	$(BIN)/ram-report export
	$(BIN)/ram-report html

# The production build, then the marts as Parquet for BI tools (data/marts/, see docs/bi.md).
build: install
	$(DBT_BUILD)
	$(BIN)/ram-report export

# The offline HTML report (data/report/index.html) and the Parquet exports
# from the current marts, without building.
report: install
	$(BIN)/ram-report export
	$(BIN)/ram-report html

# Debian's chromium for the report's browser test (CI runs as root).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

# The same project on a local Spark session (Java 17), then the same Parquet
# exports (data/marts/) from Spark's marts; see docs/spark.md.
build-spark: install-spark
	$(DBT_BUILD) --target spark
	$(BIN)/ram-report export --target spark

lint: install
	$(BIN)/ruff check extract tests/python bench .sqlfluff_library
	$(BIN)/ruff format --check extract tests/python bench .sqlfluff_library
	$(BIN)/sqlfluff lint models macros tests

# Includes the Spark target's test (tests/python/test_spark.py, about 4 minutes).
pytest: install-spark browser
	$(BIN)/pytest

pytest-spark: install-spark
	$(BIN)/pytest -m spark

test: lint pytest

# A report, not a test: 50,000 models x 730 days, full and incremental builds
# against a straightforward SQL script (see docs/benchmarks.md).
bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf data target logs
