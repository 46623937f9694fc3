"""A document graph in other tools' formats: pure functions, DocumentGraph -> str or bytes.

| format | what | read by |
|---|---|---|
| ``json`` | :func:`graph.records.graph_record` | argmap (``graph_from``) |
| ``graphml`` | statements and SUPPORTS/ATTACKS/QUOTES edges with their attributes | networkx, Gephi, yEd, Cytoscape |
| ``cypher`` | a script recreating the document in any Neo4j 5, a statement per line | cypher-shell, a driver |
| ``dot`` / ``svg`` / ``png`` | a Graphviz drawing (svg, png rendered by Graphviz's ``dot``) | browsers, Graphviz |
| ``aif`` | AIF JSON as AIFdb and OVA read it (I, RA and CA nodes) | AIFdb, OVA, ``importers.aif`` |
| ``argdown`` | Argdown text: ``[Title]: text`` and outgoing ``+>`` / ``->`` relations | Argdown (``@argdown/cli``) |

Only ``svg`` and ``png`` need anything outside Python: Graphviz's ``dot`` (Debian
package ``graphviz``); without it they raise :class:`ExportToolMissing`.

AIF and Argdown have no equivalent of QUOTES, actors or topics: those exports keep
statements and the SUPPORTS / ATTACKS relations between statements of the document.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph import cypher as schema_cypher
from graph import records
from graph.errors import ArgmapError
from graph.model import DocumentGraph, Relation, RelationType, Statement, StatementKind
from graph.palette import KIND_COLOURS, text_colour

if TYPE_CHECKING:
    import networkx as nx  # imported where used: `argmap parse` and the CLI's start need not load it


class ExportToolMissing(ArgmapError):
    """An external program a format needs (Graphviz ``dot``) is not installed or failed."""


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    binary: bool
    render: Callable[[DocumentGraph], str | bytes]


# --------------------------------------------------------------------------- helpers


def _internal_relations(graph: DocumentGraph, types: Iterable[RelationType]) -> list[Relation]:
    """Relations of ``types`` whose both ends are statements of this document, in canonical order."""
    ids = {s.id for s in graph.statements}
    wanted = set(types)
    return [r for r in graph.normalized().relations if r.type in wanted and r.source in ids and r.target in ids]


ARGUMENT_RELATIONS = (RelationType.SUPPORTS, RelationType.ATTACKS)


# --------------------------------------------------------------------------- json


def to_json(graph: DocumentGraph) -> str:
    return json.dumps(records.graph_record(graph), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- graphml


def _without_none(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}


def to_networkx(graph: DocumentGraph) -> nx.MultiDiGraph:
    """Statements as nodes (their record minus None values, plus ``label``), relations inside the
    document as edges keyed by type (``type``, and ``mode`` when set); document metadata on the graph."""
    import networkx as nx

    graph = graph.normalized()
    doc = graph.document
    g = nx.MultiDiGraph()
    g.graph.update(_without_none({
        "document_id": doc.id, "title": doc.title, "authors": "; ".join(doc.authors), "publisher": doc.publisher,
        "published": doc.published, "importer": doc.importer, "sha256": doc.sha256, "url": doc.url,
    }))
    for statement in graph.statements:
        attributes = _without_none(records.statement_record(statement))
        del attributes["id"]
        g.add_node(statement.id, label=statement.text, **attributes)
    for relation in _internal_relations(graph, RelationType):
        mode = relation.mode.value if relation.mode else None
        g.add_edge(relation.source, relation.target, key=relation.type.value,
                   **_without_none({"type": relation.type.value, "mode": mode}))
    return g


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` as XML 1.0 reads it back: characters it cannot hold (most C0 controls) become
    U+FFFD, and line ends become "\\n" (an XML parser turns "\\r\\n" and "\\r" into "\\n" anyway)."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def to_graphml(graph: DocumentGraph) -> str:
    """GraphML of :func:`to_networkx`, its text passed through :func:`xml_safe`."""
    g = to_networkx(graph)
    for attributes in [g.graph, *(data for _, data in g.nodes(data=True)), *(d for *_, d in g.edges(data=True))]:
        for key, value in attributes.items():
            if isinstance(value, str):
                attributes[key] = xml_safe(value)
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


# --------------------------------------------------------------------------- cypher

_CYPHER_ESCAPES = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                   "\b": "\\b", "\f": "\\f"}


def _cypher_char(char: str) -> str:
    if char in _CYPHER_ESCAPES:
        return _CYPHER_ESCAPES[char]
    code = ord(char)
    # Control and format characters, line/paragraph separators and lone surrogates become
    # \\uXXXX escapes, so a literal is always one printable line.
    if code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF) or 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return char


_NEEDS_ESCAPE = re.compile(r"[\\'\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def cypher_string(value: str) -> str:
    """A single-quoted Cypher string literal whose value is exactly ``value``."""
    return "'" + _NEEDS_ESCAPE.sub(lambda m: _cypher_char(m.group()), value) + "'"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a string, int, float, bool, None, list or string-keyed dict."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"no Cypher literal for {value}")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{_key(k)}`: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def _key(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"not a property key argmap writes: {name!r}")
    return name


CYPHER_ROWS_PER_STATEMENT = 100


def _unwind(rows: list[dict[str, Any]], body: str) -> list[str]:
    """``UNWIND [<rows as literals>] AS row <body>;`` lines, at most CYPHER_ROWS_PER_STATEMENT rows each."""
    return [f"UNWIND {cypher_literal(rows[i: i + CYPHER_ROWS_PER_STATEMENT])} AS row {body};"
            for i in range(0, len(rows), CYPHER_ROWS_PER_STATEMENT)]


def to_cypher(graph: DocumentGraph) -> str:
    """A Cypher script recreating the document with argmap's schema (README "graph schema").

    One statement per line, each ending with ``;`` (comment lines start with ``//``): run it
    with ``cypher-shell -f``, paste it into Neo4j Browser, or send each non-comment line through a
    driver (:func:`cypher_statements`). Every value is an escaped literal (a script has no
    parameters); rows go in batches (``UNWIND [...] AS row``) so the server plans a few dozen
    statements, not thousands. Nodes and relationships are MERGEd: running the script again
    changes nothing. The result is what ``Neo4jStore.save`` stores, so argmap can read it.
    """
    graph = graph.normalized()
    doc = graph.document
    document = _without_none(records.document_record(doc))
    lines = [
        f"// argmap export of {doc.id}: {len(graph.statements)} statements, {len(graph.relations)} relations.",
        "// One statement per line; safe to run again (MERGE).",
        *(f"{statement};" for statement in schema_cypher.SCHEMA),
        "MERGE (c:ArgmapCounter {name: 'documents'}) "
        f"MERGE (d:Document {{id: {cypher_string(doc.id)}}}) "
        "ON CREATE SET c.value = coalesce(c.value, 0) + 1, d.seq = c.value, d.imported_at = datetime() "
        f"SET d += {cypher_literal(document)};",
    ]
    lines += _unwind([{"document_id": doc.id, "name": author} for author in doc.authors],
                     "MATCH (d:Document {id: row.document_id}) MERGE (p:Person {name: row.name}) "
                     "MERGE (p)-[:AUTHORED]->(d)")
    for kind in StatementKind:
        rows = [_without_none(records.statement_record(s)) for s in graph.statements if s.kind is kind]
        lines += _unwind(rows, "MATCH (d:Document {id: row.document_id}) MERGE (s:Statement {id: row.id}) "
                               f"SET s:{kind.label}, s = row MERGE (s)-[:PART_OF]->(d)")
    lines += _unwind([{"id": s.id, "speaker": s.speaker} for s in graph.statements if s.reported],
                     "MATCH (s:Statement {id: row.id}) MERGE (p:Person {name: row.speaker}) MERGE (s)-[:SAID_BY]->(p)")
    lines += _unwind([records.actor_record(a) for a in graph.actors],
                     "MERGE (a:Actor {id: row.id}) "
                     "ON CREATE SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases "
                     "ON MATCH SET a.aliases = a.aliases + [alias IN row.aliases WHERE NOT alias IN a.aliases]")
    lines += _unwind([{"id": t.id, "name": t.name} for t in graph.topics],
                     "MERGE (t:Topic {id: row.id}) ON CREATE SET t.name = row.name")
    for relation_type in RelationType:
        rows = [records.relation_record(r) for r in graph.relations if r.type is relation_type]
        lines += _unwind(rows, "MATCH (a:Statement {id: row.source}) MATCH (b:Statement {id: row.target}) "
                               f"MERGE (a)-[r:{relation_type.value}]->(b) SET r.mode = row.mode")
    lines += _unwind([{"statement_id": m.statement_id, "actor_id": m.actor_id} for m in graph.mentions],
                     "MATCH (s:Statement {id: row.statement_id}) MATCH (a:Actor {id: row.actor_id}) "
                     "MERGE (s)-[:MENTIONS]->(a)")
    lines += _unwind([{"statement_id": t.statement_id, "topic_id": t.topic_id, "stance": t.stance}
                      for t in graph.topic_tags],
                     "MATCH (s:Statement {id: row.statement_id}) MATCH (t:Topic {id: row.topic_id}) "
                     "MERGE (s)-[r:ABOUT]->(t) SET r.stance = row.stance")
    return "\n".join(lines) + "\n"


def cypher_statements(script: str) -> list[str]:
    """The statements of a :func:`to_cypher` script (one per line), without the final ``;``."""
    return [line.rstrip().removesuffix(";") for line in script.splitlines()
            if line.strip() and not line.lstrip().startswith("//")]


# --------------------------------------------------------------------------- dot / svg / png

EDGE_STYLES: dict[RelationType, str] = {
    RelationType.SUPPORTS: 'color="#2e7d32", fontcolor="#2e7d32"',
    RelationType.ATTACKS: 'color="#c62828", fontcolor="#c62828", arrowhead=tee',
    RelationType.QUOTES: 'color="#757575", style=dashed',
}
LABEL_WIDTH = 40
LABEL_MAX_CHARS = 240


def dot_string(value: str) -> str:
    """A double-quoted DOT string whose text is ``value`` (no escape sequences: ``\\`` stays ``\\``)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", " ", escaped) + '"'


def _label(statement: Statement) -> str:
    text = " ".join(statement.text.split())
    if len(text) > LABEL_MAX_CHARS:
        text = text[: LABEL_MAX_CHARS - 1].rstrip() + "…"
    kind = statement.kind.value.replace("_", " ")
    if statement.verdict:
        kind += f" ({statement.verdict.value})"
    return "\n".join([kind.upper(), *textwrap.wrap(text, LABEL_WIDTH)])


def _dot_label(text: str) -> str:
    # In a DOT label "\n" (backslash n) is a centred line break; every other backslash is literal.
    lines = [line.replace("\\", "\\\\").replace('"', '\\"') for line in text.split("\n")]
    return '"' + re.sub(r"[\x00-\x1f\x7f]", " ", "\\n".join(lines)) + '"'


def to_dot(graph: DocumentGraph) -> str:
    """Graphviz DOT: a box per statement coloured by kind, SUPPORTS green, ATTACKS red (tee), QUOTES grey."""
    graph = graph.normalized()
    lines = [
        "digraph argmap {",
        f"  label={dot_string(graph.document.title)}; labelloc=t; fontname=Helvetica;",
        "  rankdir=LR; newrank=true; ranksep=0.5; nodesep=0.2;",
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=10, margin="0.15,0.08"];',
        "  edge [fontname=Helvetica, fontsize=9];",
    ]
    for statement in graph.statements:
        lines.append(f"  {dot_string(statement.id)} [label={_dot_label(_label(statement))}, "
                     f"tooltip={dot_string(statement.text)}, fillcolor={dot_string(KIND_COLOURS[statement.kind])}, "
                     f"fontcolor={dot_string(text_colour(statement.kind))}];")
    relations = _internal_relations(graph, RelationType)
    for relation in relations:
        label = relation.type.value.lower() + (f" ({relation.mode.value})" if relation.mode else "")
        lines.append(f"  {dot_string(relation.source)} -> {dot_string(relation.target)} "
                     f"[{EDGE_STYLES[relation.type]}, tooltip={dot_string(label)}];")
    # Statements without relations would all sit side by side on one rank (an image tens of
    # thousands of pixels long): lay them out in short chains of invisible edges instead.
    linked = {r.source for r in relations} | {r.target for r in relations}
    isolated = [s.id for s in graph.statements if s.id not in linked]
    height = max(4, math.isqrt(len(isolated)))
    for column in range(0, len(isolated), height):
        chain = isolated[column: column + height]
        if len(chain) > 1:
            lines.append("  " + " -> ".join(dot_string(i) for i in chain) + " [style=invis];")
    lines.append("}")
    return "\n".join(lines) + "\n"


DOT_TIMEOUT_S = 60.0


def render_dot(dot: str, output_format: str, *, timeout: float = DOT_TIMEOUT_S) -> bytes:
    """Run Graphviz's ``dot -T<output_format>`` on ``dot``; ExportToolMissing when it is missing or fails."""
    program = shutil.which("dot")
    if program is None:
        raise ExportToolMissing(f"{output_format} export needs Graphviz's `dot` program; install it "
                                "(Debian/Ubuntu: apt-get install graphviz)")
    try:
        result = subprocess.run([program, f"-T{output_format}"], input=dot.encode("utf-8"), capture_output=True,
                                timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ExportToolMissing(f"Graphviz `dot` did not finish within {timeout:g} s") from exc
    if result.returncode != 0 or not result.stdout:
        message = result.stderr.decode("utf-8", "replace").strip()[:500]
        raise ExportToolMissing(f"Graphviz `dot -T{output_format}` failed (exit {result.returncode}): {message}")
    return result.stdout


def to_svg(graph: DocumentGraph) -> bytes:
    return render_dot(to_dot(graph), "svg")


def to_png(graph: DocumentGraph) -> bytes:
    return render_dot(to_dot(graph), "png")


# --------------------------------------------------------------------------- aif

AIF_KIND_FIELD = "argmapKind"
"""Field of an I-node carrying argmap's statement kind; AIF tools ignore fields they do not know."""
AIF_ID_FIELD = "argmapId"
AIF_DOCUMENT_FIELD = "argmapDocument"
"""Top-level field with the exported document's title, authors, publisher, published and url."""


def to_aif(graph: DocumentGraph) -> str:
    """AIF JSON in AIFdb's shape: ``{"nodes": [...], "edges": [...], "locutions": []}``.

    An I-node per statement (its text), an RA node ("Default Inference") per SUPPORTS and a
    CA node ("Default Conflict") per ATTACKS, linked premise -> RA/CA -> conclusion. Node
    and edge ids are decimal strings as AIFdb writes them. I-nodes also carry ``argmapKind``
    and ``argmapId`` (and ``argmapVerdict`` on assumption checks), CA nodes ``argmapMode``
    (rebut/undercut) when set, and the top level ``argmapDocument`` (title, authors...), so
    ``importers.aif`` restores what argmap knows; AIF tools ignore fields they do not know.
    """
    graph = graph.normalized()
    timestamp = (graph.document.published or "")[:10]
    timestamp = f"{timestamp} 00:00:00" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", timestamp) else ""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    node_ids: dict[str, str] = {}

    def new_node(**fields: Any) -> str:
        node_id = str(len(nodes) + 1)
        nodes.append({"nodeID": node_id, **fields, "timestamp": timestamp})
        return node_id

    def new_edge(from_id: str, to_id: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": from_id, "toID": to_id, "formEdgeID": None})

    for statement in graph.statements:
        extra: dict[str, str] = {AIF_KIND_FIELD: statement.kind.value, AIF_ID_FIELD: statement.id}
        if statement.verdict:
            extra["argmapVerdict"] = statement.verdict.value
        node_ids[statement.id] = new_node(text=statement.text, type="I", **extra)
    for relation in _internal_relations(graph, ARGUMENT_RELATIONS):
        if relation.type is RelationType.SUPPORTS:
            scheme = new_node(text="Default Inference", type="RA")
        elif relation.mode:
            scheme = new_node(text="Default Conflict", type="CA", argmapMode=relation.mode.value)
        else:
            scheme = new_node(text="Default Conflict", type="CA")
        new_edge(node_ids[relation.source], scheme)
        new_edge(scheme, node_ids[relation.target])
    doc = graph.document
    about = _without_none({"documentId": doc.id, "title": doc.title, "authors": list(doc.authors),
                           "publisher": doc.publisher, "published": doc.published, "url": doc.url})
    aif = {"nodes": nodes, "edges": edges, "locutions": [], AIF_DOCUMENT_FIELD: about}
    return json.dumps(aif, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- argdown

# Characters Argdown's lexer treats as syntax inside statement text: escaped with "\".
# ("/" only starts a comment before "/" or "*"; "." and ":" only start a ".shortcode." or
# ":shortcode:" when a non-space follows; "+", "-" and "_" start relations only at the start of
# a line, and statement text is always one line.)
_ARGDOWN_SPECIAL = re.compile(r"[\\@#*_\[\]<>{}]|/(?=[/*])|[.:](?=\S)")


def argdown_text(text: str) -> str:
    """Statement text for Argdown: whitespace collapsed to single spaces, syntax characters escaped.

    Argdown reads it back (``@argdown/cli json``) as ``" ".join(text.split())``.
    """
    return _ARGDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), " ".join(text.split()))


def argdown_titles(graph: DocumentGraph) -> dict[str, str]:
    """A unique, valid Argdown title per statement id: ``Claim 3``, ``Assumption check 1``..."""
    counts: dict[StatementKind, int] = {}
    titles: dict[str, str] = {}
    for statement in graph.normalized().statements:
        counts[statement.kind] = counts.get(statement.kind, 0) + 1
        titles[statement.id] = f"{statement.kind.value.replace('_', ' ').capitalize()} {counts[statement.kind]}"
    return titles


def to_argdown(graph: DocumentGraph) -> str:
    """Argdown: every statement defined once as ``[Title]: text`` (in source order), followed by its
    outgoing relations, indented: ``+> [Target]`` for SUPPORTS, ``-> [Target]`` for ATTACKS."""
    graph = graph.normalized()
    titles = argdown_titles(graph)
    outgoing: dict[str, list[Relation]] = {}
    for relation in _internal_relations(graph, ARGUMENT_RELATIONS):
        outgoing.setdefault(relation.source, []).append(relation)
    title = " ".join(graph.document.title.split()) or graph.document.id
    lines = [f"# {argdown_text(title)}", ""]
    for statement in graph.statements:
        lines.append(f"[{titles[statement.id]}]: {argdown_text(statement.text)}")
        for relation in outgoing.get(statement.id, []):
            arrow = "+>" if relation.type is RelationType.SUPPORTS else "->"
            lines.append(f"  {arrow} [{titles[relation.target]}]")
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- registry

FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("json", "application/json", "json", False, to_json),
        ExportFormat("graphml", "application/graphml+xml", "graphml", False, to_graphml),
        ExportFormat("cypher", "application/x-cypher-query", "cypher", False, to_cypher),
        ExportFormat("dot", "text/vnd.graphviz", "dot", False, to_dot),
        ExportFormat("svg", "image/svg+xml", "svg", True, to_svg),
        ExportFormat("png", "image/png", "png", True, to_png),
        ExportFormat("aif", "application/json", "json", False, to_aif),
        ExportFormat("argdown", "text/plain", "argdown", False, to_argdown),
    )
}


def export(graph: DocumentGraph, format_name: str) -> bytes:
    """The graph in ``format_name`` as bytes (text formats UTF-8); KeyError for an unknown format."""
    rendered = FORMATS[format_name].render(graph)
    return rendered.encode("utf-8") if isinstance(rendered, str) else rendered


def filename(graph: DocumentGraph, format_name: str) -> str:
    """A download name, e.g. ``doc-2be405d455b86339.aif.json``."""
    fmt = FORMATS[format_name]
    extension = "aif.json" if fmt.name == "aif" else fmt.extension
    return f"{graph.document.id}.{extension}"
