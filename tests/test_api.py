"""The HTTP API over both stores (the store swapped in with dependency_overrides)."""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

import api.routes
from api.deps import get_store
from api.main import create_app
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore
from importers import SourceMeta
from services import importing
from tests.conftest import CSIS, OPED, isolated_settings

ESSAY = """Mali should negotiate with the armed groups.

Talks ended the fighting in 2015 because every party had a seat at the table. Military pressure alone has failed for \
nine years.

However, critics argue that talks reward violence.
"""


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(isolated_settings(tmp_path, max_body_bytes=200_000))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as test_client:
        yield test_client


def test_import_read_and_delete_a_document(client: TestClient) -> None:
    created = client.post("/documents", json={"text": ESSAY, "title": "On talks", "authors": ["A. Writer"]})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["created"] is True
    document = body["document"]
    assert document["title"] == "On talks" and document["authors"] == ["A. Writer"]
    assert document["statement_count"] >= 3

    again = client.post("/documents", json={"text": ESSAY, "title": "On talks", "authors": ["A. Writer"]})
    assert again.status_code == 200 and again.json()["created"] is False

    listing = client.get("/documents").json()
    assert listing["count"] == 1 and listing["data"][0]["id"] == document["id"]
    assert client.get(f"/documents/{document['id']}").json() == document

    graph = client.get(f"/documents/{document['id']}/graph").json()
    source = graph["document"]["source"]
    assert source == ESSAY.strip("\n")  # stored in canonical form: no blank lines at either end
    assert len(graph["statements"]) == document["statement_count"]
    for statement in graph["statements"]:
        assert source[statement["start"]:statement["end"]] == statement["quote"]

    related = {r["source"] for r in graph["relations"]} | {r["target"] for r in graph["relations"]}
    statement_id = sorted(related)[0]
    detail = client.get(f"/statements/{statement_id}").json()
    assert detail["quote"] == source[detail["start"]:detail["end"]]
    assert detail["neighbours"], "a statement with relations lists its neighbours"

    assert client.delete(f"/documents/{document['id']}").status_code == 204
    assert client.get(f"/documents/{document['id']}").status_code == 404
    assert client.get(f"/statements/{statement_id}").status_code == 404
    assert client.get("/documents").json()["count"] == 0


def test_the_same_text_through_post_upload_and_cli_is_one_document(client: TestClient, store: GraphStore,
                                                                    tmp_path: Path) -> None:
    """Line endings, trailing blanks, a BOM and Unicode composition do not make a new document."""
    text = ESSAY + "Côte d’Ivoire and Niger watched the talks closely.\n"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    first = client.post("/documents", json={"text": text, "title": "On talks"})
    assert first.status_code == 201, first.text
    document_id = first.json()["document"]["id"]
    assert first.json()["message"].startswith(f"imported as {document_id}")

    crlf = text.replace("\n", "\r\n").encode("utf-8")
    uploaded = client.post("/documents/upload", files={"file": ("talks.txt", crlf, "text/plain")})
    assert uploaded.status_code == 200, uploaded.text
    assert uploaded.json()["created"] is False and uploaded.json()["document"]["id"] == document_id
    assert uploaded.json()["message"].startswith(f"already stored as {document_id}")

    trailing = "\ufeff\n" + "\n".join(line + " \t" for line in decomposed.split("\n")) + "\n\n"
    again = client.post("/documents", json={"text": trailing, "title": "On talks"})
    assert again.status_code == 200 and again.json()["document"]["id"] == document_id

    # The CLI's path (files read as bytes).
    cli_file = tmp_path / "talks.md"
    cli_file.write_bytes(decomposed.replace("\n", "\r").encode("utf-8"))
    result = importing.import_bytes(store, cli_file.read_bytes(), settings=isolated_settings(tmp_path),
                                  meta=SourceMeta(filename=cli_file.name))
    assert not result.created and result.summary.document.id == document_id

    assert client.get("/documents").json()["count"] == 1
    # A real change of wording is a new document.
    changed = client.post("/documents", json={"text": text.replace("closely", "warily")})
    assert changed.status_code == 201 and changed.json()["document"]["id"] != document_id


def test_upload_a_file(client: TestClient) -> None:
    response = client.post("/documents/upload", files={"file": (OPED.name, OPED.read_bytes(), "text/plain")})
    assert response.status_code == 201, response.text
    assert response.json()["document"]["title"].startswith("France Should Give Mali Space")


def test_search_statements_over_http(client: TestClient) -> None:
    client.post("/documents/upload", files={"file": (CSIS.name, CSIS.read_bytes(), "text/plain")})
    response = client.get("/statements", params={"q": "Sahel", "limit": 3})
    assert response.status_code == 200
    body = response.json()
    assert len(body["data"]) == 3 and body["count"] > 3
    assert all("sahel" in s["text"].lower() for s in body["data"])


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "message"),
    [
        ("get", "/documents/doc-nope", {}, 404, "doc-nope"),
        ("get", "/documents/doc-nope/graph", {}, 404, "doc-nope"),
        ("delete", "/documents/doc-nope", {}, 404, "doc-nope"),
        ("get", "/statements/st-nope", {}, 404, "st-nope"),
        ("get", "/statements?document=doc-nope", {}, 404, "doc-nope"),
        ("get", "/statements?document=doc-nope&topic=free%20text", {}, 404, "doc-nope"),
        ("get", "/statements?actor=actor-nope", {}, 404, "actor-nope"),
        ("get", "/statements?actor=actor-nope&topic=free%20text", {}, 404, "actor-nope"),
        ("get", "/statements?author=Nobody%20Known", {}, 404, "Nobody Known"),
        ("get", "/documents?limit=0", {}, 422, "limit"),
        ("get", "/documents?limit=abc", {}, 422, "integer"),
        ("get", "/statements?offset=9223372036854775808", {}, 422, "offset"),
        ("get", "/statements?kind=opinion", {}, 422, "thesis"),
        ("post", "/documents", {"json": {"text": ""}}, 422, "text"),
        ("post", "/documents", {"json": {"text": "   \n  "}}, 422, "empty"),
        ("post", "/documents", {"json": {"text": ESSAY, "importer": "nope"}}, 422, "unknown importer"),
        ("post", "/documents", {"json": {"txt": ESSAY}}, 422, "text"),
        ("post", "/documents/upload", {"files": {"file": ("x.txt", b"ok \xff\xfe bad", "text/plain")}}, 422,
         "byte 3"),
        ("post", "/documents", {"json": {"text": "x" * 300_000}}, 413, "limit"),
        # A misspelt parameter is named, with the ones the route takes (it was ignored: a wrong answer).
        ("get", "/statements?documnet=doc-nope", {}, 422, "'documnet': GET /statements takes actor, author"),
        ("get", "/documents/doc-nope/export?fromat=svg", {}, 422, "'fromat'"),
        ("post", "/documents?title=x", {"json": {"text": ESSAY}}, 422, "takes no query parameters"),
        ("post", "/documents/upload", {"files": {"file": ("essay.txt", ESSAY.encode(), "text/plain")},
                                       "data": {"titel": "On talks"}}, 422,
         "unknown form field 'titel': POST /documents/upload takes authors, file, importer, title"),
        ("post", "/documents/upload", {"files": {"file": ("map.json", b'{"nodes": [', "application/json")}}, 422,
         "not valid JSON: Expecting value at line 1, column 12"),
        # A body that cannot be parsed is bad input, not a 400.
        ("post", "/documents/upload", {"content": b"x", "headers": {"content-type": "multipart/form-data"}}, 422,
         "cannot be read: Missing boundary"),
        ("post", "/documents/upload", {"content": b"x", "headers": {"content-type": "multipart/form-data; boundary=b"}},
         422, "cannot be read"),
    ],
)
def test_bad_requests_get_clear_answers(client: TestClient, method: str, path: str, kwargs: dict[str, object],
                                        status: int, message: str) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status, response.text
    assert message in response.text
    assert client.get("/documents").json()["count"] == 0


def test_health_reports_the_store(client: TestClient, store: GraphStore) -> None:
    assert client.get("/health").json() == {"status": "ok", "store": store.name, "detail": None}


def test_a_neo4j_that_is_down_answers_503(tmp_path: Path) -> None:
    # A real driver against a loopback port where nothing listens.
    settings = isolated_settings(tmp_path, store="neo4j", neo4j_uri="bolt://127.0.0.1:9", neo4j_connect_timeout_s=1)
    with TestClient(create_app(settings)) as down:
        health = down.get("/health")
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
        assert down.get("/documents").status_code == 503
        response = down.post("/documents", json={"text": ESSAY})
        assert response.status_code == 503
        assert "argmap-password" not in response.text


def test_a_full_disk_under_the_embedded_store_answers_503_and_changes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "argmap.sqlite3")
    app = create_app(isolated_settings(tmp_path))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app, raise_server_exceptions=False) as client:
        created = client.post("/documents", json={"text": ESSAY}).json()["document"]
        before = client.get(f"/documents/{created['id']}/graph").json()
        # SQLite's own cap on the file's size, at its size now: the next write fails in the real engine
        # as on a full disk (SQLITE_FULL), after the transaction has begun.
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        bigger = (ESSAY + "\n").replace("Mali", "Niger") * 40
        upload = {"file": ("essay.txt", bigger.encode(), "text/plain")}
        for response in (client.post("/documents", json={"text": bigger}),
                         client.post("/documents/upload", files=upload)):
            assert response.status_code == 503, response.text
            assert "cannot write" in response.json()["detail"]
        assert client.get("/documents").json()["count"] == 1
        assert client.get(f"/documents/{created['id']}/graph").json() == before
    store.close()


def test_pages_ignore_query_parameters_the_json_api_refuses(client: TestClient) -> None:
    """A link to a page may carry parameters of its own (e.g. tracking): the page still opens."""
    assert client.get("/", params={"utm_source": "mail"}).status_code == 200
    assert client.get("/neo4j/guide", params={"utm_source": "mail"}).status_code == 200
    assert client.get("/topics", params={"utm_source": "mail"}).status_code == 422


# A request each route takes (path ids unknown, bodies valid): with the store down, every route that
# uses the store answers 503, whatever it would have answered otherwise.
PATH_VALUES = {"document_id": "doc-0000000000000000", "statement_id": "st-0000000000000000",
               "relation_id": "st-0000000000000000:SUPPORTS:st-0000000000000001"}
REQUESTS: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/documents"): {"json": {"text": ESSAY}},
    ("POST", "/documents/upload"): {"files": {"file": ("essay.txt", ESSAY.encode(), "text/plain")}},
    ("GET", "/paths"): {"params": {"from": PATH_VALUES["statement_id"], "to": "st-1"}},
    ("GET", "/compare"): {"params": {"a": "Thurston", "b": "Devermont", "topic": "negotiation"}},
    ("PATCH", "/statements/{statement_id}"): {"json": {"kind": "claim"}},
    ("POST", "/statements/{statement_id}/split"): {"json": {"at": 3}},
    ("POST", "/statements/{statement_id}/merge"): {"json": {"other": "st-1"}},
    ("POST", "/relations"): {"json": {"source": "st-1", "target": "st-2", "type": "SUPPORTS"}},
}


def test_every_route_that_uses_a_store_that_is_down_answers_503(tmp_path: Path) -> None:
    # A short connect timeout: it is also how long the driver retries a write before giving up.
    settings = isolated_settings(tmp_path, store="neo4j", neo4j_uri="bolt://127.0.0.1:9",
                                 neo4j_connect_timeout_s=0.1)
    app = create_app(settings)
    calls = [(method, route) for route in api_routes() for method in sorted(route.methods)]
    with TestClient(app) as down, ThreadPoolExecutor(8) as pool:  # each waits ~1 s: the driver's retry delay
        answers = pool.map(lambda call: down.request(call[0], call[1].path.format(**PATH_VALUES),
                                                     **REQUESTS.get((call[0], call[1].path), {})), calls)
        for (method, route), response in zip(calls, answers, strict=True):
            if any(d.call is get_store for d in flat_dependencies(route.dependant)):
                assert response.status_code == 503, (method, route.path, response.text)
                assert "unavailable" in response.text.lower()
            else:
                assert response.status_code == 200, (method, route.path, response.text)
    checked = {(method, route.path) for method, route in calls}
    documented = {(method.upper(), path) for path, operations in app.openapi()["paths"].items()
                  for method in operations}
    assert documented <= checked and ("GET", "/") in checked


def api_routes() -> list[APIRoute]:
    """Every route of the modules in api/routes (the app includes each module's router)."""
    found = []
    for module in pkgutil.iter_modules(api.routes.__path__):
        router = getattr(importlib.import_module(f"api.routes.{module.name}"), "router", None)
        if router is not None:
            found += [route for route in router.routes if isinstance(route, APIRoute)]
    return found


def flat_dependencies(dependant: Dependant) -> list[Dependant]:
    found, pending = [], [dependant]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(current.dependencies)
    return found


def test_the_service_imports_the_seeds_into_an_empty_store(tmp_path: Path) -> None:
    settings = isolated_settings(tmp_path, import_seeds_on_start=True)
    with TestClient(create_app(settings)) as fresh:
        titles = sorted(d["title"] for d in fresh.get("/documents").json()["data"])
    assert titles == ["France Should Give Mali Space to Negotiate with Jihadists",
                      "Rethinking Crisis Responses in the Sahel"]
    assert (tmp_path / "data" / "argmap.sqlite3").is_file()
    with TestClient(create_app(settings)) as restarted:
        assert restarted.get("/documents").json()["count"] == 2


def test_writes_need_the_api_key_when_one_is_set(store: GraphStore, tmp_path: Path) -> None:
    app = create_app(isolated_settings(tmp_path, api_key="s3cret-key"))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as client:
        refused = client.post("/documents", json={"text": ESSAY})
        assert refused.status_code == 401 and "X-API-Key" in refused.json()["detail"]
        wrong = client.post("/documents", json={"text": ESSAY}, headers={"X-API-Key": "s3cret-kez"})
        assert wrong.status_code == 401
        assert client.get("/documents").json()["count"] == 0  # reads stay open, nothing was written
        created = client.post("/documents", json={"text": ESSAY}, headers={"X-API-Key": "s3cret-key"})
        assert created.status_code == 201
        document_id = created.json()["document"]["id"]
        assert client.delete(f"/documents/{document_id}").status_code == 401
        assert client.delete(f"/documents/{document_id}", headers={"X-API-Key": "s3cret-key"}).status_code == 204


def test_reads_can_be_protected_too(store: GraphStore, tmp_path: Path) -> None:
    app = create_app(isolated_settings(tmp_path, api_key="k" * 20, api_key_for_reads=True))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as client:
        assert client.get("/documents").status_code == 401
        assert client.get("/documents", headers={"X-API-Key": "k" * 20}).status_code == 200


def test_openapi_documents_every_parameter_with_an_example(tmp_path: Path) -> None:
    spec = create_app(isolated_settings(tmp_path)).openapi()
    missing = [
        f"{method.upper()} {path} {parameter['name']}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if not ({"example", "examples"} & (set(parameter) | set(parameter.get("schema", {}))))
    ]
    assert missing == []
    undocumented = [f"{m.upper()} {p}" for p, ops in spec["paths"].items() for m, op in ops.items()
                    if not op.get("description") and not op.get("summary")]
    assert undocumented == []
