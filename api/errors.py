"""argmap's exceptions as HTTP answers, and the request-size guard."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import (
    ArgmapError,
    BudgetExceeded,
    ExportToolMissing,
    InvalidInput,
    NotFound,
    StoreUnavailable,
    TooLarge,
)

log = logging.getLogger("argmap")

STATUS_BY_ERROR: tuple[tuple[type[ArgmapError], int], ...] = (
    (NotFound, 404),
    (TooLarge, 413),
    (InvalidInput, 422),
    (StoreUnavailable, 503),
    (BudgetExceeded, 503),
    (ExportToolMissing, 503),
)


async def _argmap_error(request: Request, exc: Exception) -> JSONResponse:
    status = next((code for cls, code in STATUS_BY_ERROR if isinstance(exc, cls)), 500)
    if isinstance(exc, StoreUnavailable):
        log.warning("store unavailable: %s", exc)
    return JSONResponse({"detail": str(exc)}, status_code=status)


_SURROGATE = re.compile("[\ud800-\udfff]")
ECHO_CHARS = 200
"""Longest piece of a rejected input echoed back in a 422 (a 1 MB field is not sent back)."""


def _echo(value: Any) -> Any:
    """A rejected input made safe to send back: lone surrogates (invalid in UTF-8) become U+FFFD
    and long strings are cut."""
    if isinstance(value, str):
        clean = _SURROGATE.sub("\ufffd", value)
        return clean if len(clean) <= ECHO_CHARS else clean[:ECHO_CHARS] + f"... ({len(clean)} characters)"
    if isinstance(value, dict):
        return {_echo(k): _echo(v) for k, v in list(value.items())[:20]}
    if isinstance(value, (list, tuple)):
        return [_echo(v) for v in value[:20]]
    return value


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{**error, "input": _echo(error.get("input")), "msg": _echo(error.get("msg", ""))}
              for error in exc.errors()]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:
        # Starlette and FastAPI answer 400 to a body they cannot parse (a malformed multipart body,
        # a form without its boundary): bad input like any other, so 422 saying what is wrong.
        return JSONResponse({"detail": f"the request body cannot be read: {_echo(str(exc.detail))}"},
                            status_code=422)
    return await http_exception_handler(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ArgmapError, _argmap_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


class BodySizeLimit:
    """Answer 413 to a request whose body is over ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(send)
            return
        if declared is None:
            # A chunked body has no length to check up front: read it (up to the limit) before the
            # route does, so an oversized one is answered 413 here and not as a parse error.
            buffered = await self._read_body(receive)
            if buffered is None:
                await self._reject(send)
                return
            receive = self._replay(buffered, receive)
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised while the route reads its body, so the TooLarge handler answers 413.
                    raise TooLarge(f"request body is larger than the limit of {self.max_bytes} bytes")
            return message

        await self.app(scope, limited_receive, send)

    async def _read_body(self, receive: Receive) -> list[Message] | None:
        """The body's messages, or None when it is over the limit."""
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages  # the client went away; the route sees the disconnect
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                return None
            if not message.get("more_body", False):
                return messages

    @staticmethod
    def _replay(messages: list[Message], receive: Receive) -> Receive:
        pending = list(messages)

        async def replay() -> Message:
            return pending.pop(0) if pending else await receive()

        return replay

    async def _reject(self, send: Send) -> None:
        body = json.dumps({"detail": f"request body is larger than the limit of {self.max_bytes} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


_DESCRIPTIONS = {
    404: "Unknown id",
    413: "Body or document over the size limit",
    422: "Bad parameters or unreadable input; the message says what is wrong",
    503: "Store unavailable, or the request ran out of its time budget; nothing was written",
}


def error_responses(*codes: int, **overrides: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers a route can give (body: ErrorPublic)."""
    from api.http_schemas import ErrorPublic

    return {code: {"model": ErrorPublic, "description": overrides.get(f"on_{code}", _DESCRIPTIONS[code])}
            for code in codes}
