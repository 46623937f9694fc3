"""Request budgets (issue 13): a read stops when its time runs out (503 saying so), when its client
goes away, or when the server is asked to stop; SIGTERM ends the server within seconds.

The long read is real work, not a stub: /paths on a dense layered graph, whose simple paths grow
exponentially with the depth asked for."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.main import create_app
from graph import budget
from graph.errors import BudgetExceeded
from graph.model import (
    Document,
    DocumentGraph,
    Relation,
    RelationType,
    Statement,
    StatementKind,
    document_id_for,
    sha256_hex,
    statement_id_for,
)
from graph.store.embedded import EmbeddedStore
from services.settings import PROJECT_ROOT
from tests.conftest import isolated_settings

LAYERS, WIDTH = 10, 8  # 8**8 = 16.7M paths from the first layer to the last


def dense_graph() -> tuple[DocumentGraph, str, str]:
    """Every claim of a layer supports every claim of the next one; returns the graph and the ids of
    a first-layer and a last-layer claim."""
    sentences = [f"Claim {layer}-{n} holds." for layer in range(LAYERS) for n in range(WIDTH)]
    source = " ".join(sentences)
    document_id = document_id_for(source)
    statements, offset = [], 0
    for sentence in sentences:
        start, end = offset, offset + len(sentence)
        statements.append(Statement(statement_id_for(document_id, StatementKind.CLAIM, start, end), document_id,
                                    StatementKind.CLAIM, sentence, sentence, start, end, None, "A. Writer"))
        offset = end + 1
    layers = [statements[i * WIDTH:(i + 1) * WIDTH] for i in range(LAYERS)]
    relations = tuple(Relation(a.id, b.id, RelationType.SUPPORTS)
                      for upper, lower in zip(layers, layers[1:], strict=False) for a in upper for b in lower)
    document = Document(document_id, "Dense", ("A. Writer",), None, None, "generic", sha256_hex(source), source)
    return DocumentGraph(document, tuple(statements), relations), layers[0][0].id, layers[-1][0].id


@pytest.fixture(scope="module")
def dense_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A data directory holding the dense graph, and the /paths URL that enumerates its paths."""
    data_dir = tmp_path_factory.mktemp("dense") / "data"
    store = EmbeddedStore(data_dir / "argmap.sqlite3")
    graph, first, last = dense_graph()
    store.save(graph)
    store.close()
    return data_dir, f"/paths?from={first}&to={last}&max=10"


def test_a_read_over_its_budget_answers_503(dense_store: tuple[Path, str]) -> None:
    data_dir, url = dense_store
    app = create_app(isolated_settings(data_dir.parent, data_dir=data_dir, request_budget_s=0.5))
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        started = time.monotonic()
        response = client.get(url)
        assert response.status_code == 503, response.text[:300]
        assert "time budget of 0.5 s" in response.json()["detail"]
        assert time.monotonic() - started < 10
        assert client.get("/documents").status_code == 200  # the next request has its own budget


def test_a_read_stops_when_its_client_goes_away(dense_store: tuple[Path, str]) -> None:
    data_dir, url = dense_store
    app = create_app(isolated_settings(data_dir.parent, data_dir=data_dir, request_budget_s=600))
    path, query = url.split("?")
    sent: list[dict[str, Any]] = []

    async def call() -> None:
        messages = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive() -> dict[str, Any]:
            if messages:
                return messages.pop()
            await asyncio.sleep(0.5)  # the client hangs up half a second in
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
                 "headers": [(b"host", b"test")], "client": ("127.0.0.1", 1), "server": ("test", 80), "state": {}}
        lifespan_app: Any = app
        async with app.router.lifespan_context(app):
            await lifespan_app(scope, receive, send)

    started = time.monotonic()
    asyncio.run(call())
    assert time.monotonic() - started < 10, "the work went on for a client that was gone"
    assert sent[0]["status"] == 503
    assert b"client closed the connection" in b"".join(m.get("body", b"") for m in sent[1:])


def test_cancelling_every_budget_interrupts_a_running_query(tmp_path: Path) -> None:
    """What SIGTERM does after the grace period: a query running in another thread stops at SQLite's
    next progress check."""
    store = EmbeddedStore(tmp_path / "argmap.sqlite3")
    outcome: list[BaseException | None] = []

    def endless_query() -> None:
        with budget.limited(600):
            try:
                store._query("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n")
                outcome.append(None)
            except BaseException as exc:  # noqa: BLE001 - the test inspects it
                outcome.append(exc)

    worker = threading.Thread(target=endless_query)
    worker.start()
    time.sleep(0.5)
    assert budget.cancel_all("the server is shutting down") == 1
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert isinstance(outcome[0], BudgetExceeded) and "shutting down" in str(outcome[0])
    store.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_sigterm_stops_the_server_within_seconds_during_a_long_read(dense_store: tuple[Path, str]) -> None:
    data_dir, url = dense_store
    port = _free_port()
    env = {**os.environ, "ARGMAP_DATA_DIR": str(data_dir), "ARGMAP_STORE": "embedded",
           "ARGMAP_REQUEST_BUDGET_S": "600", "ARGMAP_SHUTDOWN_GRACE_S": "1"}
    server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--no-seeds", "--port", str(port)],
                              cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        answers: list[int | str] = []

        def long_read() -> None:
            try:
                answers.append(httpx.get(base + url, timeout=120).status_code)
            except httpx.TransportError as exc:
                answers.append(type(exc).__name__)

        reader = threading.Thread(target=long_read)
        reader.start()
        time.sleep(1.5)  # the read is enumerating paths
        server.send_signal(signal.SIGTERM)
        stopping = time.monotonic()
        server.wait(timeout=60)
        assert time.monotonic() - stopping < 6, "SIGTERM waited for the long read"
        reader.join(timeout=30)
        assert answers and answers[0] in (503, "RemoteProtocolError", "ReadError", "ConnectError"), answers
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate(timeout=30)
