"""The HTTP API over both stores (the store swapped in with dependency_overrides)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.deps import get_store
from api.main import create_app
from graph.store.base import GraphStore
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
