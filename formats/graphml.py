"""GraphML: statements and SUPPORTS/ATTACKS/QUOTES edges with their attributes, as networkx,
Gephi, yEd and Cytoscape read it."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from formats.common import internal_relations, without_none
from graph.model import DocumentGraph, RelationType
from graph.store import records

if TYPE_CHECKING:
    import networkx as nx  # imported where used: the CLI loads every format's module at start


def to_networkx(graph: DocumentGraph) -> nx.MultiDiGraph:
    """Statements as nodes (their record minus None values, plus ``label``), relations inside the
    document as edges keyed by type (``type``, and ``mode`` when set); document metadata on the graph."""
    import networkx as nx

    graph = graph.normalized()
    doc = graph.document
    g = nx.MultiDiGraph()
    g.graph.update(without_none({
        "document_id": doc.id, "title": doc.title, "authors": "; ".join(doc.authors), "publisher": doc.publisher,
        "published": doc.published, "importer": doc.importer, "sha256": doc.sha256, "url": doc.url,
    }))
    for statement in graph.statements:
        attributes = without_none(records.statement_record(statement))
        del attributes["id"]
        g.add_node(statement.id, label=statement.text, **attributes)
    for relation in internal_relations(graph, RelationType):
        mode = relation.mode.value if relation.mode else None
        g.add_edge(relation.source, relation.target, key=relation.type.value,
                   **without_none({"type": relation.type.value, "mode": mode}))
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
