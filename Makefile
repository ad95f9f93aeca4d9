# The two commands of the README: `make demo` (install + ingest the bundled samples) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= demo.db

.PHONY: demo serve test test-postgres lint install install-dev bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/policywatch ingest samples/ --db $(DB)
	$(BIN)/policywatch briefs --db $(DB)
	$(BIN)/policywatch search "storage" --db $(DB) --limit 3
	$(BIN)/policywatch targets --db $(DB)
	$(BIN)/policywatch policies --db $(DB)
	@echo
	@echo "Stored in $(DB). Try:  $(BIN)/policywatch search 机器人 --db $(DB)"
	@echo "                       $(BIN)/policywatch target 1 --db $(DB)"
	@echo "Browse it:             $(BIN)/policywatch serve --db $(DB)   then open http://127.0.0.1:8000/"

serve: install
	$(BIN)/policywatch serve --db $(DB)

# The whole suite on SQLite, then every test that opens a store a second time against a real PostgreSQL
# server (scripts/with_postgres.sh starts a throw-away one when the server programs are installed).
test: install-dev
	$(BIN)/python -m pytest -q
	scripts/with_postgres.sh $(BIN)/python -m pytest -q -m store

test-postgres: install-dev
	scripts/with_postgres.sh $(BIN)/python -m pytest -q -m store

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: install-dev
	$(BIN)/python bench/parse_ingest.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache
