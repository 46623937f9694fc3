"""Typed dependencies of the routes; tests swap them with app.dependency_overrides."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, params
from fastapi.dependencies.models import Dependant
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.routing import APIRoute

from api.settings import Settings
from graph.errors import InvalidInput
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


SHOWN_UNKNOWN = 5
"""Unknown query parameters (or form fields) named in a 422 (names cut to NAME_CHARS): the rest are counted."""
NAME_CHARS = 50


def _parameter_names(route: APIRoute) -> tuple[set[str], set[str]]:
    """The query parameters and form fields ``route`` and its dependencies take (their names on
    the wire); a walk over a handful of objects, cheaper than any cache keyed by the (unhashable) route."""
    query: set[str] = set()
    form: set[str] = set()
    pending: list[Dependant] = [route.dependant]
    while pending:
        dependant = pending.pop()
        query.update(param.alias for param in dependant.query_params)
        form.update(param.alias for param in dependant.body_params if isinstance(param.field_info, params.Form))
        pending.extend(dependant.dependencies)
    return query, form


def _is_page(route: APIRoute) -> bool:
    """An HTML page: opened from links, which may carry parameters of their own (e.g. tracking)."""
    response_class = getattr(route.response_class, "value", route.response_class)  # unwrap FastAPI's default
    return isinstance(response_class, type) and issubclass(response_class, (HTMLResponse, FileResponse))


def _refuse_unknown(what: str, sent: Iterable[str], known: set[str], request: Request, route: APIRoute) -> None:
    unknown = sorted(set(sent) - known)
    if unknown:
        shown = ", ".join(repr(name[:NAME_CHARS]) for name in unknown[:SHOWN_UNKNOWN])
        more = f" and {len(unknown) - SHOWN_UNKNOWN} more" if len(unknown) > SHOWN_UNKNOWN else ""
        takes = f"takes {', '.join(sorted(known))}" if known else f"takes no {what}s"
        noun = what if len(unknown) == 1 else f"{what}s"
        raise InvalidInput(f"unknown {noun} {shown}{more}: {request.method} {route.path} {takes}")


async def check_parameter_names(request: Request) -> None:
    """Refuse a query parameter or form field the route does not take (422 naming it and the ones
    it takes): a misspelt filter or field would otherwise be ignored, and the answer would look
    right but be wrong. (JSON bodies refuse unknown members in their models.) HTML pages are left alone."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or _is_page(route):
        return
    query, form = _parameter_names(route)
    _refuse_unknown("query parameter", request.query_params, query, request, route)
    if form and request.headers.get("content-type", "").startswith(("multipart/form-data",
                                                                      "application/x-www-form-urlencoded")):
        # FastAPI has parsed the form already for the route's own fields; this reads its copy.
        _refuse_unknown("form field", (await request.form()).keys(), form, request, route)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
