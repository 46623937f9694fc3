# One-command entry points. Every target installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve test test-embedded lint neo4j-start neo4j-stop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Run the API on the embedded store (seeds imported on first start): http://127.0.0.1:8000/docs
serve: $(STAMP)
	$(BIN)/argmap serve

## All tests, both stores: starts the local Neo4j first (and leaves it running for the next run).
test: $(STAMP) neo4j-start
	$(BIN)/python -m pytest

## Only the embedded half (no Java needed); CI always runs `make test`.
test-embedded: $(STAMP)
	$(BIN)/python -m pytest -m "not neo4j"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

neo4j-start:
	bash deploy/neo4j-local/start.sh

neo4j-stop:
	bash deploy/neo4j-local/stop.sh

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
