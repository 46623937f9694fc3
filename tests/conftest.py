"""Fixtures: every store test runs against the embedded store AND a real Neo4j.

Neo4j is the server `make neo4j-start` runs (NEO4J_URI, default bolt://127.0.0.1:7687).
If it does not answer, the Neo4j half of the suite fails; it is never skipped.
Run `pytest -m "not neo4j"` to leave it out on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.settings import Settings
from graph.errors import StoreUnavailable
from graph.model import DocumentGraph
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore
from graph.store.neo4j import Neo4jStore
from importers import SourceMeta, parse_document
from services.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"
CSIS = SEEDS / "csis-2020-rethinking-crisis-responses-in-the-sahel.txt"
OPED = SEEDS / "wotr-2020-thurston-france-should-give-mali-space-to-negotiate.txt"


def isolated_settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings isolated from the developer's environment file."""
    values: dict[str, object] = {"data_dir": tmp_path / "data", "import_seeds_on_start": False, **overrides}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def neo4j_store() -> Iterator[Neo4jStore]:
    settings = Settings(_env_file=None, store="neo4j")  # type: ignore[call-arg]
    store = Neo4jStore.connect(settings)
    try:
        store.ping()
    except StoreUnavailable as exc:
        store.close()
        pytest.fail(f"Neo4j does not answer at {settings.neo4j_uri} ({exc}); start it with `make neo4j-start`")
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each kind."""
    if request.param == "embedded":
        embedded = EmbeddedStore(tmp_path / "argmap.sqlite3")
        yield embedded
        embedded.close()
    else:
        neo4j_store: Neo4jStore = request.getfixturevalue("neo4j_store")
        neo4j_store.clear()
        yield neo4j_store
        neo4j_store.clear()


@pytest.fixture(scope="session")
def csis_graph() -> DocumentGraph:
    return parse_document(CSIS.read_text(encoding="utf-8"), source=SourceMeta(filename=CSIS.name))


@pytest.fixture(scope="session")
def oped_graph() -> DocumentGraph:
    return parse_document(OPED.read_text(encoding="utf-8"), source=SourceMeta(filename=OPED.name))
