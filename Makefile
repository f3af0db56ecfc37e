# The front door. `make run` builds the demo warehouse end to end; `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export WAREHOUSE_PATH ?= warehouse/contact_center.duckdb
export LANDING_DIR ?= landing

# Demo center (make run). Override on the command line, e.g. `make run DAYS=90 VOLUME=20000`.
SEED ?= 42
START_DATE ?= 2026-10-26
DAYS ?= 28
QUEUES ?= 6
AGENTS ?= 120
VOLUME ?= 5000
# The demo's next day, generated with the rest and delivered by `make next-day`.
DEMO_HELD ?= build/demo-next

# pytest workers (test modules run in parallel; dbt spends most of its time in single-threaded Python).
PYTEST_WORKERS ?= 2

# Small center built by `make test`.
TEST_DIR := build/test-center
TEST_WAREHOUSE := $(TEST_DIR)/warehouse.duckdb

.PHONY: help venv venv-spark test-spark run next-day land guard build summary publish refresh real docs dashboard report bench test lint test-build pytest lock clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'

venv: $(VENV)/.installed  ## Create the virtualenv with the pinned dependencies

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 11) <= v <= (3, 12) else \
		f"Python 3.11 or 3.12 is needed, {sys.executable} is {v[0]}.{v[1]}: make PYTHON=python3.12 ...")'
	@echo "==> installing pinned dependencies into $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Optional Spark engine (dbt-spark session mode, pyspark, Java 17): its own virtualenv.
VENV_SPARK := .venv-spark
# dbt threads on Spark: more than the 2 local cores, so dbt's own per-node work overlaps Spark's jobs.
SPARK_THREADS ?= 4

venv-spark: $(VENV_SPARK)/.installed  ## Create .venv-spark (the pins plus dbt-spark and pyspark; needs Java 17)

$(VENV_SPARK)/.installed: requirements.txt requirements-spark.txt pyproject.toml
	@echo "==> installing pinned dependencies and the Spark engine into $(VENV_SPARK)"
	$(PYTHON) -m venv $(VENV_SPARK)
	$(VENV_SPARK)/bin/pip install --quiet --disable-pip-version-check -r requirements-spark.txt
	$(VENV_SPARK)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

run: venv  ## Generate a demo center, run the pipeline (land, guard, dbt build, publish), print the KPI summary
	@echo "==> generating the demo center into $(LANDING_DIR) (seed $(SEED), $(DAYS) days, $(VOLUME) contacts/day)"
	rm -rf $(LANDING_DIR) $(WAREHOUSE_PATH) $(WAREHOUSE_PATH).wal
	$(PY) -m contact_center.demo.generate --out $(LANDING_DIR) --seed $(SEED) --start-date $(START_DATE) --days $(DAYS) \
		--queues $(QUEUES) --agents $(AGENTS) --contacts-per-day $(VOLUME) --workers 2 --hold-back 1 --held $(DEMO_HELD)
	@echo "==> pipeline: land, guard, dbt build (with unit tests), publish"
	$(PY) -m contact_center.pipeline.refresh --landing $(LANDING_DIR) --warehouse $(WAREHOUSE_PATH) --unit-tests --no-freshness
	$(PY) -m contact_center.pipeline.summary --warehouse $(WAREHOUSE_PATH)

next-day: venv  ## Demo: deliver the next day's files (held back by make run) into $(LANDING_DIR); then make refresh
	$(PY) -m contact_center.demo.generate --next-day --out $(LANDING_DIR) --held $(DEMO_HELD)

land: venv  ## Land the files in $(LANDING_DIR) into the warehouse's raw schema
	@echo "==> landing $(LANDING_DIR) into $(WAREHOUSE_PATH)"
	$(PY) -m contact_center.pipeline.land --landing $(LANDING_DIR) --warehouse $(WAREHOUSE_PATH)

guard: venv  ## Guard: quarantine bad rows, validate with great-expectations, Data Docs in reports/validation
	@echo "==> guarding raw tables (great-expectations)"
	$(PY) -m contact_center.pipeline.guard --warehouse $(WAREHOUSE_PATH)

build: venv  ## dbt build (models, seeds, data and unit tests)
	@echo "==> dbt build"
	$(PY) -m contact_center.pipeline.build --warehouse $(WAREHOUSE_PATH)

publish: venv  ## Publish the marts for BI tools (read-only DuckDB file + Parquet, atomic swap)
	$(PY) -m contact_center.pipeline.publish --warehouse $(WAREHOUSE_PATH)

refresh: venv  ## Scheduled refresh (the pipeline runner): lock, land new files, guard, dbt build, publish, log the run
	$(PY) -m contact_center.pipeline.refresh --landing $(LANDING_DIR) --warehouse $(WAREHOUSE_PATH)

real: venv  ## Build a warehouse from a real public dataset: make real DATASET=bank|pwc|helpdesk (default: all three)
	@for d in $(or $(DATASET),bank pwc helpdesk); do \
		echo "==> real dataset $$d -> warehouse/real_$$d.duckdb"; \
		$(PY) -m contact_center.real --dataset $$d || exit $$?; \
	done

docs: venv  ## dbt docs site (static HTML in target/static_index.html) for the built warehouse
	$(BIN)/dbt docs generate --static

dashboard: venv  ## Self-contained HTML dashboard from the marts: reports/dashboard.html
	$(PY) -m contact_center.dashboard --warehouse $(WAREHOUSE_PATH) --out reports/dashboard.html

report: dashboard  ## The same as make dashboard

# Benchmark sizes (comma-separated: tiny, 1M, 10M, 100M or DAYS:CONTACTS_PER_DAY:QUEUES:AGENTS) and data root.
BENCH_SIZES ?= 1M,10M
BENCH_ROOT ?= /tmp/bench

bench: venv  ## Benchmark: 1M and 10M contacts vs raw DuckDB and pandas (make bench BENCH_SIZES=100M)
	$(PY) -m contact_center.bench --sizes $(BENCH_SIZES) --root $(BENCH_ROOT) --out $(BENCH_ROOT)/bench.json

summary: venv  ## Print the per-queue KPI summary for the latest day
	$(PY) -m contact_center.pipeline.summary --warehouse $(WAREHOUSE_PATH)

test: venv  ## Lint, dbt build on a small generated center, pytest
	@# lint and the test center's build side by side (one core each), their output kept apart
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint test-build
	@$(MAKE) --no-print-directory pytest CC_TEST_CENTER=$(CURDIR)/$(TEST_DIR)

lint: venv  ## ruff and sqlfluff
	@echo "==> ruff"
	$(BIN)/ruff check contact_center tests
	$(BIN)/ruff format --check contact_center tests
	@echo "==> sqlfluff"
	mkdir -p build/lint
	WAREHOUSE_PATH=build/lint/lint.duckdb DUCKDB_TEMP_DIRECTORY=build/lint/tmp DBT_TARGET_PATH=build/lint/target \
		DBT_LOG_PATH=build/lint/logs $(BIN)/sqlfluff lint models tests/dbt

test-build: venv  ## Build the small test center (tests/center.py) with the dbt CLI; pytest reuses it
	@echo "==> dbt build on a small generated center ($(TEST_DIR))"
	rm -rf $(TEST_DIR)
	$(PY) -m tests.center $(TEST_DIR)/landing
	$(PY) -m contact_center.pipeline.refresh --landing $(TEST_DIR)/landing --warehouse $(TEST_WAREHOUSE) \
		--no-publish --unit-tests --no-freshness -- --quiet --warn-error-options '{"error": ["NoNodesForSelectionCriteria"]}'
	$(PY) -m contact_center.pipeline.summary --warehouse $(TEST_WAREHOUSE)

pytest: venv  ## The pytest suite (builds its own test center unless CC_TEST_CENTER points to one)
	@echo "==> pytest"
	CC_TEST_CENTER=$(CC_TEST_CENTER) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --durations=15 --ignore=tests/spark

test-spark: venv-spark  ## Spark: build the test center on Spark (full, then incremental) and prove every mart equal to DuckDB's
	@echo "==> Spark suite (dbt-spark session, one local Spark process)"
	SPARK_LOCAL_IP=127.0.0.1 DBT_THREADS=$(SPARK_THREADS) $(VENV_SPARK)/bin/pytest tests/spark -p no:cacheprovider -rA --durations=5 -s

lock:  ## Re-pin requirements.txt from requirements.in in a scratch virtualenv
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet -r requirements.in
	build/lock-venv/bin/pip freeze --exclude-editable > requirements.txt

clean:  ## Remove built artefacts (not the virtualenv)
	rm -rf target logs build warehouse landing
