"""Typed dependencies of the routes; tests swap them with app.dependency_overrides."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.settings import Settings
from graph.store import GraphStore


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
