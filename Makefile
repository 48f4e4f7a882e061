# Entente: `make run` builds the warehouse, `make test` runs the suite. Both create .venv first.
PYTHON ?= python3
# `make bench`: the size of the benchmark's feeds (see bench/run_benchmark.py).
BENCH_ARTICLES ?= 10000
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/.dagster
# `dagster dev` re-parses the dbt project with the `dbt` it finds on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)
DBT_SOURCES := $(shell find dbt_project/models dbt_project/macros dbt_project/seeds dbt_project/tests -type f 2>/dev/null) dbt_project/dbt_project.yml
MANIFEST := dbt_project/target/manifest.json
# The file `make run` builds into (dbt's profile reads it); `make docs` reads the catalog from it.
ENTENTE_BUILD_WAREHOUSE ?= $(CURDIR)/data/warehouse.build.duckdb
DBT := cd dbt_project && ENTENTE_BUILD_WAREHOUSE=$(ENTENTE_BUILD_WAREHOUSE) ../$(BIN)/dbt

.PHONY: setup chromium run test test-quick ui docs docs-serve bench clean

setup: $(VENV)/.installed $(MANIFEST) $(DAGSTER_HOME)/dagster.yaml chromium

# The browser tests (the report, `entente review`) drive Debian's Chromium; nothing downloads a browser.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "make setup: no /usr/bin/chromium, so the browser tests will skip (as root: apt-get install chromium)" >&2; fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Entente needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,cluster]"
	touch $@

# dagster-dbt reads the dbt manifest when the definitions load; parse it whenever the dbt project changes.
$(MANIFEST): $(VENV)/.installed $(DBT_SOURCES)
	$(DBT) parse --quiet --profiles-dir .

$(DAGSTER_HOME)/dagster.yaml: orchestration/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp orchestration/dagster.yaml $@

run: setup
	$(BIN)/entente run

test: setup
	$(BIN)/pytest

# The tests that need no warehouse build, dbt run or browser: the suite to run while you work (under 3 minutes).
test-quick: setup
	$(BIN)/pytest -m "not end_to_end"

bench: setup
	$(BIN)/python -m bench.run_benchmark --articles $(BENCH_ARTICLES)

ui: setup
	$(BIN)/dagster dev -h 127.0.0.1 -p 3000 -m orchestration.definitions

# The dbt docs (models, columns, tests, exposures, lineage) with the catalog of the built
# warehouse: `make run` first, so the tables exist. Artifacts land in dbt_project/target/.
docs: setup
	@test -f $(ENTENTE_BUILD_WAREHOUSE) || { echo "make docs: no built warehouse at $(ENTENTE_BUILD_WAREHOUSE); run 'make run' first" >&2; exit 1; }
	$(DBT) docs generate --profiles-dir .

docs-serve: docs
	$(DBT) docs serve --profiles-dir . --host 127.0.0.1 --port 8080

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs .dagster data/*.duckdb
