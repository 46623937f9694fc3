"""Regression tests of the defects a probe of the running service found (issue 13): each failed
before its fix."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.logs import RedactSecrets
from api.main import create_app
from importers.base import MAX_AUTHOR_CHARS, MAX_AUTHORS
from services.settings import PROJECT_ROOT
from tests.conftest import OPED, isolated_settings

ESSAY = "Mali should negotiate with the armed groups.\n\nTalks worked in 2015 because every party had a seat.\n"
LIMIT = 50_000


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(isolated_settings(tmp_path, max_body_bytes=LIMIT))) as test_client:
        yield test_client


@pytest.mark.parametrize("field", ["text", "title", "authors"])
def test_a_lone_surrogate_in_json_is_a_422_not_a_500(client: TestClient, field: str) -> None:
    raw = '"x \\ud800 y"'
    values = {"text": json.dumps(ESSAY), "title": '"On talks"', "authors": '["A. Writer"]'}
    values[field] = f"[{raw}]" if field == "authors" else raw
    body = "{" + ", ".join(f'"{k}": {v}' for k, v in values.items()) + "}"
    response = client.post("/documents", content=body.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert "unicode" in response.text.lower()
    assert client.get("/documents").json()["count"] == 0


def test_a_rejected_input_is_not_echoed_whole(client: TestClient) -> None:
    response = client.post("/documents", json={"text": ESSAY, "title": "t" * 20_000})
    assert response.status_code == 422
    assert "500 characters" in response.text and len(response.text) < 2_000


@pytest.mark.parametrize(("authors", "message"), [
    (["a" * (MAX_AUTHOR_CHARS + 1)], f"at most {MAX_AUTHOR_CHARS} characters"),
    ([f"Author {n}" for n in range(MAX_AUTHORS + 1)], f"at most {MAX_AUTHORS} items"),
    ([""], "at least 1 character"),
])
def test_author_names_and_lists_are_bounded(client: TestClient, authors: list[str], message: str) -> None:
    response = client.post("/documents", json={"text": ESSAY, "authors": authors})
    assert response.status_code == 422, response.text
    assert message in response.text
    assert client.get("/documents").json()["count"] == 0


@pytest.mark.parametrize(("form", "message"), [
    ({"authors": ["a" * (MAX_AUTHOR_CHARS + 1)]}, f"the limit is {MAX_AUTHOR_CHARS}"),
    ({"authors": [f"Author {n}" for n in range(MAX_AUTHORS + 1)]}, f"at most {MAX_AUTHORS} are accepted"),
    ({"title": "t" * 501}, "at most 500 characters"),
])
def test_upload_metadata_is_bounded(client: TestClient, form: dict[str, object], message: str) -> None:
    response = client.post("/documents/upload", data=form, files={"file": ("essay.txt", ESSAY.encode(), "text/plain")})
    assert response.status_code == 422, response.text
    assert message in response.text


def test_a_chunked_body_over_the_limit_is_a_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(LIMIT // 1000 + 5):
            yield b" " * 1000

    response = client.post("/documents", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413, response.text
    assert f"limit of {LIMIT} bytes" in response.json()["detail"]


def test_a_chunked_body_under_the_limit_is_imported(client: TestClient) -> None:
    body = httpx.Request("POST", "/", json={"text": ESSAY}).content
    response = client.post("/documents", content=iter([body[:10], body[10:]]),
                           headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text


def test_an_empty_api_key_is_refused_at_start_up(tmp_path: Path) -> None:
    for blank in ("", "   "):
        with pytest.raises(ValidationError, match="ARGMAP_API_KEY is set but empty"):
            isolated_settings(tmp_path, api_key=blank)
    env = {**os.environ, "ARGMAP_API_KEY": "", "ARGMAP_DATA_DIR": str(tmp_path)}
    served = subprocess.run([sys.executable, "-m", "api.cli", "serve", "--no-seeds", "--port", "1"], cwd=PROJECT_ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert served.returncode == 2
    assert "ARGMAP_API_KEY is set but empty" in served.stderr


def test_secrets_in_a_query_string_are_redacted() -> None:
    redaction = RedactSecrets(("s3cret/key+1",))
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "GET", "/documents?limit=5&api_key=abc&X-API-Key=def&t=s3cret%2Fkey%2B1",
                                "1.1", 401), None)
    assert redaction.filter(record)
    message = record.getMessage()
    assert "abc" not in message and "def" not in message and "s3cret" not in message
    assert "limit=5" in message and message.count("[redacted]") == 3


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_a_key_in_the_query_string_is_neither_accepted_nor_logged(tmp_path: Path) -> None:
    secret = "probe-secret-4711"
    port = _free_port()
    env = {**os.environ, "ARGMAP_API_KEY": secret, "ARGMAP_DATA_DIR": str(tmp_path), "ARGMAP_STORE": "embedded"}
    server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--no-seeds", "--port", str(port)],
                              cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        written = httpx.post(f"{base}/documents", params={"api_key": secret}, json={"text": OPED.read_text()})
        assert written.status_code == 401
        read = httpx.get(f"{base}/documents?key={secret}&limit=1")  # refused: a parameter /documents does not take
        assert read.status_code == 422 and "'key'" in read.text and secret not in read.text
        assert httpx.get(f"{base}/documents?limit=1").json()["count"] == 0
        with_header = httpx.post(f"{base}/documents", headers={"X-API-Key": secret}, json={"text": ESSAY})
        assert with_header.status_code == 201
    finally:
        server.send_signal(signal.SIGINT)
        log, _ = server.communicate(timeout=30)
    assert "/documents?" in log, log  # the access log is on
    assert secret not in log
    assert "[redacted]" in log


def test_an_unknown_author_lists_a_bounded_number_of_authors(client: TestClient) -> None:
    for number in range(25):
        created = client.post("/documents", json={"text": f"{ESSAY}\nCase {number}.\n",
                                                "authors": [f"Writer {number:02d}"]})
        assert created.status_code == 201, created.text
    response = client.get("/compare", params={"a": "Nobody", "b": "Writer 01", "topic": "negotiation"})
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "Writer 00" in detail and "Writer 24" not in detail and "and 5 more" in detail
