# One-command entry points. Every target installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

ARGDOWN_STAMP := tools/argdown/node_modules/.installed

.PHONY: install system-deps graphviz serve test test-embedded lint bench train eval eval-polarity neo4j-start neo4j-stop clean vendor \
	train-stance train-all calibrate-alignment train-voices cv-voices train-check cv-central cv-roles \
	imperatives imperatives-check imperatives-eval eval-pdf

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Debian packages the tests need (chromium, graphviz, node/npm, docker-compose, Java/Maven), only if missing.
system-deps:
	bash scripts/system-deps.sh

## Graphviz's `dot` (svg/png exports), only if missing: what `make serve` needs besides Python.
graphviz:
	bash scripts/system-deps.sh graphviz

## @argdown/cli (pinned by tools/argdown/package-lock.json): tests/test_exports.py validates the Argdown export with it.
$(ARGDOWN_STAMP): tools/argdown/package.json tools/argdown/package-lock.json
	npm ci --prefix tools/argdown --no-audit --no-fund --loglevel=error
	touch $(ARGDOWN_STAMP)

## Run the API on the embedded store (seeds imported on first start): http://127.0.0.1:8000/docs
## Installs Graphviz first when it is missing, so svg/png exports work on a fresh machine.
## Another port or host: make serve SERVE_ARGS="--port 8091" (argmap serve's options).
SERVE_ARGS ?=
serve: $(STAMP) graphviz
	$(BIN)/argmap serve $(SERVE_ARGS)

## All tests, both stores: starts the local Neo4j first (and leaves it running for the next run).
test: system-deps $(STAMP) $(ARGDOWN_STAMP) neo4j-start
	$(BIN)/python -m pytest

## Only the embedded half (no Java needed); CI always runs `make test`.
test-embedded: system-deps $(STAMP) $(ARGDOWN_STAMP)
	$(BIN)/python -m pytest -m "not neo4j"

## Benchmarks (bench/): prints a Markdown report and writes bench/results/latest.md. CLEARS the Neo4j it
## measures (NEO4J_URI, default bolt://127.0.0.1:7687). E.g. BENCH_ARGS="--sizes 1000 --stores embedded".
BENCH_ARGS ?= --sizes 1000,10000,100000 --stores embedded,neo4j
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

## Rebuild importers/mining/weights.npz from corpora/cdcp/train and corpora/argmap-short/dev*.json (the long texts'
## central-claim model also from corpora/argmap-opeds/dev.json and corpora/argmap-briefs/dev.json; deterministic,
## under a minute on 2 cores), then voices.npz (train-voices).
train: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python -m importers.mining.train
	$(BIN)/python -m importers.mining.train_voices
	$(BIN)/python -m importers.mining.train_roles

## Fail unless retraining reproduces the committed weights.npz, voices.npz and roles.npz byte for byte (nothing is
## overwritten).
train-check: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python -m importers.mining.train --check
	$(BIN)/python -m importers.mining.train_voices --check
	$(BIN)/python -m importers.mining.train_roles --check
	$(BIN)/python -m importers.mining.build_imperatives --check

## importers/mining/imperatives.tsv (the counts that tell a sentence-initial imperative verb) from the IBM corpora,
## CDCP train and the dev*.json short texts in corpora/ (deterministic, seconds); -check: fail unless it rebuilds
## byte for byte; -eval: precision / recall on the hand-labelled CDCP units next to the older verb list.
imperatives: $(STAMP)
	$(BIN)/python -m importers.mining.build_imperatives

imperatives-check: $(STAMP)
	$(BIN)/python -m importers.mining.build_imperatives --check

imperatives-eval: $(STAMP)
	$(BIN)/python -m importers.mining.build_imperatives --eval

## 5-fold document cross-validation of the central-claim and link models (dev*.json and CDCP train), and the genre dev
## texts (argmap-opeds, argmap-briefs) leave-one-text-out.
cv-central: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python -m importers.mining.train --cv

## Rebuild importers/mining/voices.npz (opponent units, nearby attacks, edge types) from the project's gold
## short texts, every corpora/argmap-short/dev*.json (never test*.json), and for the concession-then-answer inputs'
## weights corpora/argmap-opeds/dev.json too; deterministic, well under a minute.
train-voices: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python -m importers.mining.train_voices

## 5-fold document cross-validation of the voices models on every dev*.json (per file) next to the rules and baselines;
## argmap-opeds/dev.json in the same folds (the concession-then-answer inputs learn from it; scored per file).
cv-voices: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python -m importers.mining.train_voices --cv 5 --voices-corpus corpora/argmap-opeds/dev.json

## 5-fold document cross-validation of the statement-role model on the short texts (every model refit per
## fold) next to the older CDCP-type mapping and the majority kind; then the kinds on CDCP train.
cv-roles: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python -m importers.mining.train_roles --cv 5
	$(BIN)/python -m importers.mining.train_roles --cv 5 --by-area

## Score the argument mining on the CDCP test split (never trained on) next to the baselines.
eval: $(STAMP)
	$(BIN)/argmap eval corpora/cdcp/test

## How a PDF's paragraphs and headings are read back: 25 briefs from the argmap-short dev texts printed by chromium
## in three typesettings, the layout reader next to the line-length reader and a trivial baseline (docs/importers.md "PDF layout").
eval-pdf: $(STAMP)
	$(BIN)/python -m bench.pdf_layout_eval

## The stance model and topic relevance (graph/models/: stance.npz, relevance.json, term_df.json,
## stance_metrics.json) from the IBM corpora in corpora/: trains, evaluates on unseen topics, a few minutes on CPU.
train-stance: $(STAMP)
	$(BIN)/python scripts/train_stance.py

## /compare's alignment threshold from IBM ArgKP-2021 (graph/models/alignment.json; graph/compare.py keeps it).
calibrate-alignment: $(STAMP)
	$(BIN)/python scripts/calibrate_alignment.py

## /compare's statement stances: the map against the stance model on argmap-short gold (docs/mining-quality.md).
eval-polarity: $(STAMP)
	$(BIN)/python scripts/eval_polarity.py

## Every model: the argument-mining weights, then the stance model.
train-all: train train-stance

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## Re-fetch the vendored cytoscape.js and cytoscape-dagre (api/static/vendor/, committed) from the npm
## registry; only to change a pinned version: `make vendor` or `make vendor CYTOSCAPE_VERSION=3.35.0`.
vendor:
	bash scripts/vendor.sh $(CYTOSCAPE_VERSION) $(CYTOSCAPE_DAGRE_VERSION)

neo4j-start:
	bash deploy/neo4j-local/start.sh

neo4j-stop:
	bash deploy/neo4j-local/stop.sh

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
