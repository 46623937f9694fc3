"""Typed dependencies of the routes; tests swap them with app.dependency_overrides."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from api.settings import Settings
from graph.store.base import GraphStore


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def check_api_key(
    request: Request,
    x_api_key: Annotated[str | None, Header(description="Needed for writes when the server has an API key",
                                            examples=["your-api-key"])] = None,
) -> None:
    """Refuse a write (or, if configured, a read) without the configured API key."""
    settings = get_settings(request)
    if settings.api_key is None:
        return
    if request.method not in WRITE_METHODS and not settings.api_key_for_reads:
        return
    expected = settings.api_key.get_secret_value().encode()
    if x_api_key is None or not secrets.compare_digest(x_api_key.encode(), expected):
        raise HTTPException(status_code=401, detail="a valid X-API-Key header is required",
                            headers={"WWW-Authenticate": "ApiKey"})


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
