"""The FastAPI application: one store per process, opened in the lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from api.budget import RequestBudget
from api.deps import check_api_key, check_parameter_names
from api.errors import BodySizeLimit, install_error_handlers
from api.logs import ACCESS_LOGGER, RedactSecrets
from api.routes import compare, corrections, documents, health, neo4j_browser, pages, statements, traversal
from api.settings import Settings, get_settings
from graph.errors import StoreUnavailable
from graph.store.factory import open_store
from services import importing

log = logging.getLogger("argmap")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    access_log = logging.getLogger(ACCESS_LOGGER)  # configured by uvicorn before the lifespan starts
    redaction = RedactSecrets(tuple(s.get_secret_value() for s in (settings.api_key,) if s is not None))
    access_log.addFilter(redaction)
    store = app.state.store = open_store(settings)  # the one store (and Neo4j driver) of the process
    if settings.import_seeds_on_start:
        try:
            if store.list_documents(limit=1)[1] == 0:
                importing.import_seeds(store, settings)
        except StoreUnavailable as exc:
            log.warning("seeds not imported, the store is unavailable: %s", exc)
    try:
        yield
    finally:
        store.close()
        app.state.store = None
        access_log.removeFilter(redaction)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="argmap",
        version="0.1.0",
        summary="Argument maps of policy writing: statements, support and attack, traversal and comparison.",
        lifespan=lifespan,
        dependencies=[Depends(check_api_key), Depends(check_parameter_names)],
    )
    app.state.settings = settings
    app.state.store = None
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestBudget, seconds=settings.request_budget_s)
    for module in (health, documents, statements, corrections, traversal, compare, pages, neo4j_browser):
        app.include_router(module.router)
    app.mount("/static", pages.static_files(), name="static")
    app.add_middleware(neo4j_browser.PathCORS, paths=neo4j_browser.CORS_PATHS,
                       origins=list(settings.neo4j_browser_origins))
    return app
