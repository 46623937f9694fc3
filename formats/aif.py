"""AIF JSON (Argument Interchange Format) as AIFdb and OVA read it (I, RA and CA nodes).

The writer is here; the reader is the ``aif`` importer (importers/aif.py), which takes
argmap's own field names from this module. AIF has no QUOTES, actors or topics: it keeps
statements and the SUPPORTS / ATTACKS relations between statements of the document.
"""

from __future__ import annotations

import json
import re
from typing import Any

from formats.common import ARGUMENT_RELATIONS, internal_relations, without_none
from graph.model import DocumentGraph, RelationType

# argmap's own fields, written here and read by importers/aif.py; AIF tools ignore fields they do not know.
KIND_FIELD = "argmapKind"
"""Field of an I-node carrying argmap's statement kind."""
ID_FIELD = "argmapId"
"""Field of an I-node carrying argmap's statement id."""
VERDICT_FIELD = "argmapVerdict"
"""Field of an assumption check's I-node carrying its verdict."""
MODE_FIELD = "argmapMode"
"""Field of a CA node carrying the attack mode (rebut/undercut)."""
DOCUMENT_FIELD = "argmapDocument"
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
        extra: dict[str, str] = {KIND_FIELD: statement.kind.value, ID_FIELD: statement.id}
        if statement.verdict:
            extra[VERDICT_FIELD] = statement.verdict.value
        node_ids[statement.id] = new_node(text=statement.text, type="I", **extra)
    for relation in internal_relations(graph, ARGUMENT_RELATIONS):
        if relation.type is RelationType.SUPPORTS:
            scheme = new_node(text="Default Inference", type="RA")
        elif relation.mode:
            scheme = new_node(text="Default Conflict", type="CA", **{MODE_FIELD: relation.mode.value})
        else:
            scheme = new_node(text="Default Conflict", type="CA")
        new_edge(node_ids[relation.source], scheme)
        new_edge(scheme, node_ids[relation.target])
    doc = graph.document
    about = without_none({"documentId": doc.id, "title": doc.title, "authors": list(doc.authors),
                           "publisher": doc.publisher, "published": doc.published, "url": doc.url})
    aif = {"nodes": nodes, "edges": edges, "locutions": [], DOCUMENT_FIELD: about}
    return json.dumps(aif, ensure_ascii=False, indent=2) + "\n"
