"""The HTML pages, the vendored cytoscape.js, and the Neo4j Browser stylesheet, guide and CORS (no browser)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from api.main import create_app
from api.routes import neo4j_browser
from api.routes.pages import STATIC_DIR
from api.settings import Settings
from graph.model import StatementKind
from graph.store.neo4j import Neo4jStore
from services import importing
from services.settings import PROJECT_ROOT
from tests.conftest import isolated_settings

OUR_FILES = ["index.html", "map.html", "common.js", "home.js", "map.js", "argmap.css"]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(isolated_settings(tmp_path, import_seeds_on_start=True))) as test_client:
        yield test_client


def test_home_and_map_pages_are_served_with_a_strict_policy(client: TestClient) -> None:
    document_id = client.get("/documents").json()["data"][0]["id"]
    for path in ("/", f"/documents/{document_id}/map"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "connect-src 'self'" in policy
        assert "access-control-allow-origin" not in response.headers
    assert "/static/vendor/cytoscape.min.js" in client.get(f"/documents/{document_id}/map").text
    missing = client.get("/documents/doc-nope/map")
    assert missing.status_code == 404 and "doc-nope" in missing.json()["detail"]


def test_the_pages_load_nothing_from_outside() -> None:
    for name in OUR_FILES:
        text = (STATIC_DIR / name).read_text(encoding="utf-8")
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", text), name
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "document.write" not in text, name


def test_cytoscape_is_vendored_with_its_licence_and_pinned_version(client: TestClient) -> None:
    vendor = STATIC_DIR / "vendor"
    version = (vendor / "VERSIONS").read_text().split()[1]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert "The Cytoscape Consortium" in (vendor / "cytoscape.LICENSE").read_text()
    script = client.get("/static/vendor/cytoscape.min.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert f'"{version}"' in script.text
    assert version in Path("scripts/vendor.sh").read_text()


def test_the_layered_layout_is_vendored_with_the_licences_of_what_it_bundles(client: TestClient) -> None:
    vendor = STATIC_DIR / "vendor"
    versions = dict(line.split(" ", 1) for line in (vendor / "VERSIONS").read_text().splitlines())
    dagre_version = versions["cytoscape-dagre"].split()[0]
    assert dagre_version in Path("scripts/vendor.sh").read_text()
    for licence in ("cytoscape-dagre.LICENSE", "dagre.LICENSE", "graphlib.LICENSE"):
        assert "Permission is hereby granted" in (vendor / licence).read_text(), licence
    script = client.get("/static/vendor/cytoscape-dagre.min.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "sourceMappingURL" not in script.text  # no request for a map file that is not shipped
    document_id = client.get("/documents").json()["data"][0]["id"]
    page = client.get(f"/documents/{document_id}/map").text
    assert page.index("cytoscape.min.js") < page.index("cytoscape-dagre.min.js") < page.index("map.js")


def test_the_grass_stylesheet_styles_every_kind_and_relation(client: TestClient) -> None:
    response = client.get("/neo4j/style.grass")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    rules = dict(re.findall(r"^(\S+) \{\n(.*?)^\}", response.text, flags=re.S | re.M))
    colours = {}
    for kind in StatementKind:
        body = rules[f"node.{kind.label}"]
        assert 'caption: "{text}";' in body
        colours[kind] = re.search(r"^  color: (#[0-9a-f]{6});", body, flags=re.M).group(1)  # type: ignore[union-attr]
    assert len(set(colours.values())) == len(StatementKind), "each kind its own colour"
    others = {label: re.search(r"^  color: (\S+);", rules[f"node.{label}"], flags=re.M).group(1)  # type: ignore[union-attr]
              for label in ("Document", "Person", "Actor", "Topic")}
    assert len(set(others.values()) | set(colours.values())) == len(others) + len(colours)
    assert "color: #2e7d32;" in rules["relationship.SUPPORTS"]
    assert "color: #c62828;" in rules["relationship.ATTACKS"]
    # Generic rules first: Neo4j Browser applies the matching rules in order.
    assert list(rules)[:3] == ["node", "relationship", "node.Statement"]


def test_the_browser_guide_has_runnable_cypher_slides(client: TestClient) -> None:
    response = client.get("/neo4j/guide")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    text = response.text
    assert text.startswith('<article class="guide">') and '<carousel class="deck container-fluid">' in text
    slides = re.findall(r'<slide class="row-fluid">(.*?)</slide>', text, flags=re.S)
    assert len(slides) == len(neo4j_browser._GUIDE_SLIDES)
    queries = [html.unescape(q) for q in re.findall(r'<pre mode="cypher" class="[^"]*runnable[^"]*">(.*?)</pre>', text,
                                                     flags=re.S)]
    assert queries == [cypher for _, _, cypher in neo4j_browser._GUIDE_SLIDES]
    assert any(":Recommendation" in q and "SUPPORTS*" in q for q in queries)
    assert any(":Assumption" in q and "ATTACKS" in q for q in queries)
    assert any(":Topic" in q and ":AUTHORED" in q for q in queries)
    # The guide's Cypher picks its examples from the store: no seed title, author or topic in it.
    manifest = json.loads((PROJECT_ROOT / "seeds" / "manifest.json").read_text(encoding="utf-8"))
    names = {word for d in manifest["documents"] for word in [*d["title"].split(), *" ".join(d["authors"]).split()]
             if len(word) >= 5} | {"negotiation"}
    assert not [(name, q) for q in queries for name in names if name.lower() in q.lower()]


@pytest.mark.parametrize("path", ["/neo4j/style.grass", "/neo4j/guide"])
def test_cors_for_neo4j_browser_only_on_its_two_paths(client: TestClient, path: str) -> None:
    for origin in ("http://127.0.0.1:7474", "http://localhost:7474"):
        response = client.get(path, headers={"Origin": origin})
        assert response.headers["access-control-allow-origin"] == origin
        preflight = client.options(path, headers={"Origin": origin, "Access-Control-Request-Method": "GET",
                                                  "Access-Control-Request-Headers": "accept"})
        assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == origin
    assert "access-control-allow-origin" not in client.get(path, headers={"Origin": "http://evil.example"}).headers
    for other in ("/documents", "/health", "/"):
        response = client.get(other, headers={"Origin": "http://localhost:7474"})
        assert "access-control-allow-origin" not in response.headers, other
    preflight = client.options("/documents", headers={"Origin": "http://localhost:7474",
                                                      "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_neo4j_browser_origins_are_configurable(tmp_path: Path) -> None:
    settings = isolated_settings(tmp_path, neo4j_browser_origins=["https://browser.example"])
    with TestClient(create_app(settings)) as custom:
        allowed = custom.get("/neo4j/guide", headers={"Origin": "https://browser.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://browser.example"
        refused = custom.get("/neo4j/guide", headers={"Origin": "http://localhost:7474"})
        assert "access-control-allow-origin" not in refused.headers


def test_neo4j_browser_origins_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_NEO4J_BROWSER_ORIGINS", '["http://127.0.0.1:7402"]')
    assert Settings(_env_file=None).neo4j_browser_origins == ["http://127.0.0.1:7402"]  # type: ignore[call-arg]


@pytest.mark.neo4j
def test_every_guide_query_runs_and_finds_the_seeds(neo4j_store: Neo4jStore) -> None:
    settings = Settings(_env_file=None, store="neo4j")  # type: ignore[call-arg]
    neo4j_store.clear()
    importing.import_seeds(neo4j_store, settings)
    with GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user,
                                                         settings.neo4j_password.get_secret_value())) as driver:
        for title, _, cypher in neo4j_browser._GUIDE_SLIDES:
            records, _, _ = driver.execute_query(cypher, database_=settings.neo4j_database)
            assert records, f"guide slide {title!r} finds nothing"
    neo4j_store.clear()
