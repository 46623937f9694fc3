"""Opens the store the settings name (the only module that knows both implementations)."""

from __future__ import annotations

from graph.store.base import GraphStore
from graph.store.settings import StoreSettings


def open_store(settings: StoreSettings) -> GraphStore:
    """The store the settings name; one per process (the API opens it in its lifespan)."""
    if settings.store == "neo4j":
        from graph.store.neo4j import Neo4jStore

        return Neo4jStore.connect(settings)
    from graph.store.embedded import EmbeddedStore

    return EmbeddedStore(settings.embedded_path)
