"""Exports (formats/) and the AIF importer, checked by the real tools that read them:
@argdown/cli parses the Argdown, Neo4j runs the Cypher, Graphviz draws svg/png, networkx reads
the GraphML, importers.aif reads the AIF back.

A missing tool fails these tests in CI (.ci/run installs Graphviz and tools/argdown); on a
developer machine without it they are skipped with the command that installs it.
"""

from __future__ import annotations

import collections
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.deps import get_store
from api.main import create_app
from api.settings import Settings
from formats import argdown, cypher_script, graphml, graphviz, registry
from formats.argmap_json import graph_from, graph_record
from graph.errors import ExportToolMissing, InvalidInput
from graph.model import AttackMode, DocumentGraph, RelationType, Statement, StatementKind, Verdict
from graph.store.embedded import EmbeddedStore
from graph.store.neo4j import Neo4jStore
from importers import IMPORTERS, SourceMeta, detect, parse_document
from importers import aif as aif_importer
from importers.base import GraphBuilder
from services.settings import PROJECT_ROOT
from tests.conftest import CSIS, OPED, isolated_settings

IN_CI = bool(os.environ.get("CI"))
ARGDOWN_DIR = PROJECT_ROOT / "tools" / "argdown"
ARGDOWN = ARGDOWN_DIR / "node_modules" / ".bin" / "argdown"
SEEDS = pytest.mark.parametrize("seed", ["csis", "oped"])

ADVERSARIAL = [
    "It's \"quoted\" and 'single' — “curly” ‘quotes’.",
    "Back\\slash at the end \\",
    "\\' and \\\" and \\\\ and \\u0041 and \\n stay literal.",
    "Line one\nline two\r\nline three\ttabbed.",
    "'; MATCH (n) DETACH DELETE n; // injection",
    "/* not a comment */ // nor this, <!-- nor this -->",
    "Control \x00 \x07 \x1b[31m \x7f \x85 chars and separators \u2028 \u2029 \ufeff.",
    "Unicode: Keïta, e\u0301, 𝔘𝔫𝔦, 🎉, 中文, العربية.",
    "Markup: *stars* **bold** _under_ __score__ #tag #(long tag) @mention @[Claim 1] [Claim 2] <Argument>",
    "Links [text](http://x.y) {data: 1} ${param} `backticks` 3.5 10:30 U.S. :smile: .therefore.",
    "+> [Claim 1] -> [Claim 2] <+ <- >< _> leading relation syntax",
    "Dashes - and -- and ->; pluses + and ++; underscores_in_words and snake_case.",
]


def require(path: str | Path | None, what: str, install: str) -> str:
    """The tool's path; fail in CI when it is missing (skip on a developer machine)."""
    if path is not None and Path(path).exists():
        return str(path)
    message = f"{what} is not installed; {install}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def dot_program() -> str:
    return require(shutil.which("dot"), "Graphviz's dot", "run `apt-get install graphviz`")


def argdown_program() -> str:
    require(shutil.which("node"), "node", "run `apt-get install nodejs npm`")
    return require(ARGDOWN, "@argdown/cli", "run `npm ci --prefix tools/argdown`")


@pytest.fixture(scope="module")
def graphs() -> dict[str, DocumentGraph]:
    return {name: parse_document(path.read_text(encoding="utf-8"), source=SourceMeta(filename=path.name))
            for name, path in (("csis", CSIS), ("oped", OPED))}


def adversarial_graph() -> DocumentGraph:
    """One statement per adversarial text, of varied kinds, with supports, attacks and an undercut."""
    source = "\n\n".join(ADVERSARIAL) + "\n"
    builder = GraphBuilder(source=source, title='A "title" with \\ and \n newline', authors=("O'Brien",),
                           importer="generic", publisher="Pub \"lisher\"", url="http://x.y/?a=1&b='2'")
    kinds = list(StatementKind)
    statements = []
    offset = 0
    for number, text in enumerate(ADVERSARIAL):
        kind = kinds[number % len(kinds)]
        verdict = Verdict.MIXED if kind is StatementKind.ASSUMPTION_CHECK else None
        statements.append(builder.add(kind, offset, offset + len(text), text=text, verdict=verdict,
                                      speaker="Reported Speaker" if number == 3 else None))
        offset += len(text) + 2
    for first, second in zip(statements, statements[1:], strict=False):
        builder.supports(second, first)
    builder.attacks(statements[5], statements[0])
    builder.attacks(statements[6], statements[1], AttackMode.UNDERCUT)
    builder.attacks(statements[7], statements[2], AttackMode.REBUT)
    return builder.build()


def argument_relations(graph: DocumentGraph) -> list[tuple[str, str, str]]:
    ids = {s.id for s in graph.statements}
    return [(r.source, r.target, r.type.value) for r in graph.relations
            if r.type is not RelationType.QUOTES and r.source in ids and r.target in ids]


# ----------------------------------------------------------------------------------- json


@SEEDS
def test_json_export_is_the_graph_record(graphs: dict[str, DocumentGraph], seed: str) -> None:
    graph = graphs[seed]
    assert graph_from(json.loads(registry.export(graph, "json"))) == graph.normalized()


# ----------------------------------------------------------------------------------- graphml


@SEEDS
def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(graphs: dict[str, DocumentGraph],
                                                                      seed: str) -> None:
    graph = graphs[seed]
    text = registry.export(graph, "graphml")
    assert b"None" not in text
    read = nx.read_graphml(io.BytesIO(text), force_multigraph=True)
    expected = graphml.to_networkx(graph)
    assert set(read.nodes) == {s.id for s in graph.statements}
    for statement in graph.statements:
        attributes = read.nodes[statement.id]
        assert attributes == expected.nodes[statement.id]
        assert attributes["text"] == statement.text and attributes["kind"] == statement.kind.value
        assert attributes["start"] == statement.start and isinstance(attributes["start"], int)
        assert attributes["reported"] is statement.reported
        assert attributes.get("verdict") == (statement.verdict.value if statement.verdict else None)
    edges = sorted((u, v, data["type"], data.get("mode")) for u, v, data in read.edges(data=True))
    assert edges == sorted((r.source, r.target, r.type.value, r.mode.value if r.mode else None)
                           for r in graph.relations)
    assert read.graph["document_id"] == graph.document.id and read.graph["title"] == graph.document.title


def test_graphml_keeps_adversarial_text() -> None:
    graph = adversarial_graph()
    read = nx.read_graphml(io.BytesIO(registry.export(graph, "graphml")), force_multigraph=True)
    # XML 1.0 cannot hold most control characters (they become U+FFFD); everything else survives exactly.
    for statement in graph.statements:
        assert read.nodes[statement.id]["text"] == graphml.xml_safe(statement.text)
    assert any("\ufffd" in read.nodes[s.id]["text"] for s in graph.statements)


# ----------------------------------------------------------------------------------- cypher


@pytest.fixture(scope="module")
def neo4j_driver() -> Iterator[neo4j.Driver]:
    settings = Settings(_env_file=None, store="neo4j")  # type: ignore[call-arg]
    driver = neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user,
                                                                  settings.neo4j_password.get_secret_value()))
    try:
        driver.verify_connectivity()
    except Exception as exc:  # noqa: BLE001 - any failure to connect means the same thing here
        driver.close()
        pytest.fail(f"Neo4j does not answer at {settings.neo4j_uri} ({exc}); start it with `make neo4j-start`")
    yield driver
    driver.close()


def neo4j_return(driver: neo4j.Driver, literal: str) -> Any:
    records_, _, _ = driver.execute_query(f"RETURN {literal} AS value")  # type: ignore[arg-type]
    return records_[0]["value"]


def test_cypher_string_is_one_printable_line() -> None:
    for text in ADVERSARIAL:
        literal = cypher_script.cypher_string(text)
        assert literal.startswith("'") and literal.endswith("'")
        assert "\n" not in literal and "\r" not in literal and "\x00" not in literal
        body = literal[1:-1]
        # every quote inside is escaped: removing escape pairs leaves no quote
        stripped = body.replace("\\\\", "").replace("\\'", "")
        assert "'" not in stripped


@pytest.mark.neo4j
def test_cypher_string_literals_round_trip_through_neo4j(neo4j_driver: neo4j.Driver) -> None:
    for text in ADVERSARIAL:
        assert neo4j_return(neo4j_driver, cypher_script.cypher_string(text)) == text, text
    values = [ADVERSARIAL, {"key": "v'al\\ue", "n": 3, "ok": True, "none": None, "f": 1.5}, -7]
    assert neo4j_return(neo4j_driver, cypher_script.cypher_literal(values)) == values


@pytest.mark.neo4j
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60))
def test_any_text_survives_as_a_cypher_literal(neo4j_driver: neo4j.Driver, text: str) -> None:
    assert neo4j_return(neo4j_driver, cypher_script.cypher_string(text)) == text


def neo4j_counts(driver: neo4j.Driver) -> tuple[dict[str, int], dict[str, int]]:
    labels, _, _ = driver.execute_query("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")
    types, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    return {r["label"]: r["n"] for r in labels}, {r["type"]: r["n"] for r in types}


def run_script(driver: neo4j.Driver, script: str) -> int:
    statements = cypher_script.cypher_statements(script)
    with driver.session() as session:
        for statement in statements:
            session.run(statement).consume()  # type: ignore[arg-type]
    return len(statements)


@pytest.mark.neo4j
@pytest.mark.parametrize("seed", ["csis", "oped", "adversarial"])
def test_cypher_script_recreates_what_the_neo4j_store_saves(graphs: dict[str, DocumentGraph], seed: str,
                                                           neo4j_store: Neo4jStore,
                                                           neo4j_driver: neo4j.Driver) -> None:
    graph = adversarial_graph() if seed == "adversarial" else graphs[seed]
    neo4j_store.clear()
    try:
        neo4j_store.save(graph)
        saved_counts = neo4j_counts(neo4j_driver)
        saved_graph = neo4j_store.get_graph(graph.document.id)
        neo4j_store.clear()

        script = registry.export(graph, "cypher").decode("utf-8")
        lines = script.splitlines()
        assert all(line.startswith("//") or line.endswith(";") for line in lines), "one statement per line"
        assert run_script(neo4j_driver, script) == sum(not line.startswith("//") for line in lines)
        loaded_counts = neo4j_counts(neo4j_driver)
        assert loaded_counts == saved_counts
        labels, types = loaded_counts
        assert labels["Statement"] == len(graph.statements) and labels["Document"] == 1
        assert sum(types.get(t.value, 0) for t in RelationType) == len(graph.relations)
        assert graph_record(neo4j_store.get_graph(graph.document.id)) == graph_record(saved_graph)
        assert graph_record(saved_graph)["statements"] == graph_record(graph)["statements"]

        run_script(neo4j_driver, script)  # MERGE: running it again changes nothing
        assert neo4j_counts(neo4j_driver) == saved_counts
        assert graph_record(neo4j_store.get_graph(graph.document.id)) == graph_record(saved_graph)
    finally:
        neo4j_store.clear()


# ----------------------------------------------------------------------------------- svg / png

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("seed", ["csis", "oped", "adversarial"])
def test_svg_is_xml_with_one_node_per_statement(graphs: dict[str, DocumentGraph], seed: str) -> None:
    dot_program()
    graph = adversarial_graph() if seed == "adversarial" else graphs[seed]
    root = ET.fromstring(registry.export(graph, "svg"))
    assert root.tag == f"{SVG}svg"
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert len(nodes) == len(graph.statements)
    assert sorted(g.findtext(f"{SVG}title") or "" for g in nodes) == sorted(s.id for s in graph.statements)
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    colours = collections.Counter(path.get("stroke") for edge in edges for path in edge.iter(f"{SVG}path"))
    counts = collections.Counter(r.type for r in graph.relations)
    assert colours["#2e7d32"] == counts[RelationType.SUPPORTS] and colours["#c62828"] == counts[RelationType.ATTACKS]


@SEEDS
def test_png_is_a_png_of_sane_size(graphs: dict[str, DocumentGraph], seed: str) -> None:
    dot_program()
    png = registry.export(graphs[seed], "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert 200 <= width <= 8000 and 200 <= height <= 8000, (width, height)
    assert len(png) < 10_000_000


def test_missing_graphviz_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphviz.shutil, "which", lambda name: None)
    with pytest.raises(ExportToolMissing, match="apt-get install graphviz"):
        registry.export(adversarial_graph(), "svg")


# ----------------------------------------------------------------------------------- aif


def graph_by_text(graph: DocumentGraph) -> tuple[collections.Counter[Any], collections.Counter[Any]]:
    """Statements as (text, kind, verdict) and relations as (source text, target text, type, mode); texts
    compared in their canonical form (NFC, as every import stores them)."""
    by_id = {s.id: s for s in graph.statements}

    def text(statement: Statement) -> str:
        return unicodedata.normalize("NFC", " ".join(statement.text.split()))

    statements = collections.Counter((text(s), s.kind, s.verdict) for s in graph.statements)
    relations = collections.Counter(
        (text(by_id[r.source]), text(by_id[r.target]), r.type, r.mode)
        for r in graph.relations if r.type is not RelationType.QUOTES and r.target in by_id)
    return statements, relations


@pytest.mark.parametrize("seed", ["csis", "oped", "adversarial"])
def test_aif_round_trip_keeps_statements_kinds_and_relations(graphs: dict[str, DocumentGraph], seed: str) -> None:
    graph = adversarial_graph() if seed == "adversarial" else graphs[seed]
    text = registry.export(graph, "aif").decode("utf-8")
    aif = json.loads(text)
    types = collections.Counter(node["type"] for node in aif["nodes"])
    relation_types = collections.Counter(r.type for r in graph.relations)
    assert types == +collections.Counter({"I": len(graph.statements), "RA": relation_types[RelationType.SUPPORTS],
                                          "CA": relation_types[RelationType.ATTACKS]})
    node_ids = {node["nodeID"] for node in aif["nodes"]}
    assert all(isinstance(n["nodeID"], str) and {"text", "type", "timestamp"} <= set(n) for n in aif["nodes"])
    assert all(e["fromID"] in node_ids and e["toID"] in node_ids for e in aif["edges"])
    assert aif["locutions"] == []

    assert detect(text) == "aif"
    imported = parse_document(text)
    assert imported.document.importer == "aif"
    assert graph_by_text(imported) == graph_by_text(graph)
    assert imported.document.title == graph.document.title and imported.document.authors == graph.document.authors
    for statement in imported.statements:  # offsets are exact in the joined source
        assert imported.document.source[statement.start:statement.end] == statement.quote


def test_aif_from_aifdb_without_argmap_fields() -> None:
    """AIFdb-style input (integer ids, xAIF wrapper, L and YA nodes, undercuts of an inference and of an attack):
    claims and relations."""
    data = {"AIF": {
        "nodes": [
            {"nodeID": 1, "text": "Mali should negotiate.", "type": "I"},
            {"nodeID": 2, "text": "Talks ended the 2015 fighting.", "type": "I"},
            {"nodeID": 3, "text": "Default Inference", "type": "RA", "scheme": "Argument From Example"},
            {"nodeID": 4, "text": "Talks reward violence.", "type": "I"},
            {"nodeID": 5, "text": "Default Conflict", "type": "CA"},
            {"nodeID": 6, "text": "The 2015 accord was never implemented.", "type": "I"},
            {"nodeID": 7, "text": "Default Conflict", "type": "CA"},
            {"nodeID": 8, "text": "Bob: talks reward violence", "type": "L"},
            {"nodeID": 9, "text": "Asserting", "type": "YA"},
            {"nodeID": 10, "text": "Refusing talks rewarded violence more.", "type": "I"},
            {"nodeID": 11, "text": "Default Conflict", "type": "CA"},
        ],
        "edges": [
            {"edgeID": 1, "fromID": 2, "toID": 3}, {"edgeID": 2, "fromID": 3, "toID": 1},
            {"edgeID": 3, "fromID": 4, "toID": 5}, {"edgeID": 4, "fromID": 5, "toID": 1},
            {"edgeID": 5, "fromID": 6, "toID": 7}, {"edgeID": 6, "fromID": 7, "toID": 3},
            {"edgeID": 7, "fromID": 8, "toID": 9}, {"edgeID": 8, "fromID": 9, "toID": 4},
            {"edgeID": 9, "fromID": 10, "toID": 11}, {"edgeID": 10, "fromID": 11, "toID": 5},
        ],
        "locutions": [{"nodeID": 8, "personID": 1}],
    }, "text": "", "OVA": {}}
    text = json.dumps(data)
    assert aif_importer.score(text) > max(m.score(text) for n, m in IMPORTERS.items() if n != "aif")
    graph = parse_document(text, source=SourceMeta(title="Talks"))
    assert graph.document.title == "Talks"
    assert [s.text for s in graph.statements] == ["Mali should negotiate.", "Talks ended the 2015 fighting.",
                                                   "Talks reward violence.", "The 2015 accord was never implemented.",
                                                   "Refusing talks rewarded violence more."]
    assert {s.kind for s in graph.statements} == {StatementKind.CLAIM}
    by_text = {s.id: s.text for s in graph.statements}
    # an undercut of an inference attacks its premise; of an attack, the objection: never the conclusion
    # (a rebuttal would attack the very claim it defends)
    assert sorted((by_text[r.source], by_text[r.target], r.type.value, r.mode) for r in graph.relations) == [
        ("Refusing talks rewarded violence more.", "Talks reward violence.", "ATTACKS", AttackMode.UNDERCUT),
        ("Talks ended the 2015 fighting.", "Mali should negotiate.", "SUPPORTS", None),
        ("Talks reward violence.", "Mali should negotiate.", "ATTACKS", None),
        ("The 2015 accord was never implemented.", "Talks ended the 2015 fighting.", "ATTACKS", AttackMode.UNDERCUT),
    ]


def test_aif_scores_zero_on_other_text() -> None:
    for text in (CSIS.read_text(encoding="utf-8"), '{"nodes": []}', "{not json", '{"nodes": [{"a": 1}], "edges": []}',
                 '[{"nodeID": 1}]', json.dumps({"nodes": [{"nodeID": 1, "type": "I", "text": "x"}]})):
        assert aif_importer.score(text) == 0.0
    assert detect(CSIS.read_text(encoding="utf-8")) == "csis_brief"
    assert detect(OPED.read_text(encoding="utf-8")) == "oped"


@pytest.mark.parametrize("text", [
    (PROJECT_ROOT / "corpora" / "samples" / "aif-gold-sample.json").read_text(encoding="utf-8"),  # eval gold, not AIF
    '{"nodes": [{"a": 1}], "edges": []}', '[{"nodeID": 1}]', '{"title": "Cities should build lanes."}',
], ids=["gold-corpus", "nodes-without-ids", "array", "object"])
def test_json_that_is_not_aif_is_refused_not_read_as_prose(text: str) -> None:
    """Read as prose, JSON became a map of its own brackets and keys (the gold sample: 16 'statements')."""
    with pytest.raises(InvalidInput, match="JSON that is not AIF"):
        parse_document(text)
    assert parse_document(text, importer="generic").statements  # asking for it by name still reads it as text
    assert parse_document("[Draft] Cities should build protected lanes. They save lives.\n").statements


# ----------------------------------------------------------------------------------- argdown


def argdown_json(tmp_path: Path, text: str) -> dict[str, Any]:
    """Run the real @argdown/cli json export on ``text``; it must succeed without parser errors."""
    program = argdown_program()
    source = tmp_path / "map.argdown"
    source.write_text(text, encoding="utf-8")
    result = subprocess.run([program, "json", str(source), str(tmp_path / "out")], capture_output=True, text=True,
                            timeout=180, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr
    parsed: dict[str, Any] = json.loads((tmp_path / "out" / "map.json").read_text(encoding="utf-8"))
    return parsed


@pytest.mark.parametrize("seed", ["csis", "oped", "adversarial"])
def test_argdown_cli_parses_the_export_with_the_same_statements_and_relations(
    graphs: dict[str, DocumentGraph], seed: str, tmp_path: Path
) -> None:
    graph = adversarial_graph() if seed == "adversarial" else graphs[seed]
    parsed = argdown_json(tmp_path, registry.export(graph, "argdown").decode("utf-8"))
    titles = argdown.argdown_titles(graph)
    assert len(set(titles.values())) == len(graph.statements)
    assert parsed["arguments"] == {}
    assert set(parsed["statements"]) == set(titles.values())
    texts = {title: [m["text"] for m in ec["members"] if not m.get("isReference")]
             for title, ec in parsed["statements"].items()}
    for statement in graph.statements:
        assert texts[titles[statement.id]] == [" ".join(statement.text.split())], statement.text
    ours = sorted((titles[s], titles[t], {"SUPPORTS": "support", "ATTACKS": "attack"}[kind])
                  for s, t, kind in argument_relations(graph))
    theirs = sorted((r["from"], r["to"], r["relationType"]) for r in parsed["relations"])
    assert theirs == ours
    assert len(parsed["statements"]) == len(graph.statements) and len(parsed["relations"]) == len(ours)


# ----------------------------------------------------------------------------------- HTTP and CLI

MEDIA_TYPES = {"json": "application/json", "graphml": "application/graphml+xml",
               "cypher": "application/x-cypher-query", "dot": "text/vnd.graphviz", "svg": "image/svg+xml",
               "png": "image/png", "aif": "application/json", "argdown": "text/plain"}


@pytest.fixture
def embedded_client(tmp_path: Path, graphs: dict[str, DocumentGraph]) -> Iterator[tuple[TestClient, EmbeddedStore]]:
    store = EmbeddedStore(tmp_path / "argmap.sqlite3")
    store.save(graphs["oped"])
    app = create_app(isolated_settings(tmp_path))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as client:
        yield client, store
    store.close()


@pytest.mark.parametrize("format_name", list(registry.FORMATS))
def test_http_export_in_every_format(embedded_client: tuple[TestClient, EmbeddedStore], format_name: str,
                                     graphs: dict[str, DocumentGraph]) -> None:
    if format_name in ("svg", "png"):
        dot_program()
    client, _ = embedded_client
    graph = graphs["oped"]
    response = client.get(f"/documents/{graph.document.id}/export", params={"format": format_name})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == MEDIA_TYPES[format_name]
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=") and graph.document.id in disposition
    assert response.content == registry.export(graph, format_name)


def test_http_export_errors(embedded_client: tuple[TestClient, EmbeddedStore],
                            graphs: dict[str, DocumentGraph]) -> None:
    client, _ = embedded_client
    unknown = client.get(f"/documents/{graphs['oped'].document.id}/export", params={"format": "docx"})
    assert unknown.status_code == 422
    assert all(name in unknown.json()["detail"] for name in registry.FORMATS)
    missing = client.get("/documents/doc-nope/export", params={"format": "json"})
    assert missing.status_code == 404 and "doc-nope" in missing.json()["detail"]
    assert client.get(f"/documents/{graphs['oped'].document.id}/export").headers["content-type"].startswith(
        "application/json")


def test_cli_exports_text_and_binary_formats(tmp_path: Path, graphs: dict[str, DocumentGraph]) -> None:
    dot_program()
    env = {**os.environ, "ARGMAP_DATA_DIR": str(tmp_path), "ARGMAP_STORE": "embedded"}
    store = EmbeddedStore(tmp_path / "argmap.sqlite3")
    store.save(graphs["oped"])
    store.close()
    document_id = graphs["oped"].document.id

    def argmap(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "api.cli", "export", document_id, *args], capture_output=True,
                              cwd=PROJECT_ROOT, env=env, timeout=120)

    png = argmap("--format", "png")
    assert png.returncode == 0, png.stderr and png.stdout == registry.export(graphs["oped"], "png")
    written = argmap("--format", "png", "-o", str(tmp_path / "map.png"))
    assert written.returncode == 0 and (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for name in ("cypher", "argdown", "aif", "graphml"):
        result = argmap("--format", name)
        assert result.returncode == 0, result.stderr
        assert result.stdout == registry.export(graphs["oped"], name)
    bad = argmap("--format", "docx")
    assert bad.returncode == 2 and b"invalid choice" in bad.stderr


def test_make_serve_installs_graphviz_before_starting_the_api() -> None:
    """svg/png need Graphviz's `dot`: `make serve` provides it on a fresh machine (installs it when
    missing) instead of leaving those exports to answer 503."""
    dry_run = subprocess.run(["make", "-n", "-B", "serve"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                             timeout=60, check=True).stdout.splitlines()
    install = next(i for i, line in enumerate(dry_run) if "scripts/system-deps.sh graphviz" in line)
    serve = next(i for i, line in enumerate(dry_run) if line.rstrip().endswith("argmap serve"))
    assert install < serve
    script = (PROJECT_ROOT / "scripts" / "system-deps.sh").read_text(encoding="utf-8")
    assert 'command -v dot >/dev/null && exit 0' in script and "need=(graphviz)" in script
