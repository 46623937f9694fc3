"""Importer for AIF JSON (Argument Interchange Format) as AIFdb, OVA and ``formats.exports.to_aif`` write it.

``{"nodes": [{"nodeID", "text", "type"}...], "edges": [{"edgeID", "fromID", "toID"}...], "locutions": [...]}``,
bare or wrapped as xAIF (``{"AIF": {...}}``). I-nodes become statements, RA nodes SUPPORTS
(every premise -> every conclusion), CA nodes ATTACKS; a CA node pointing at another scheme (an RA inference or a CA
attack) is an undercut, stored as an ATTACKS (mode undercut) on that scheme's premises. Other node
types (L, TA, YA, MA, PA) are dialogue or preference structure and are left out.

The document's source text is the I-node texts joined by blank lines, in node order, so every
statement's offsets are exact. Statements are claims unless the node carries argmap's own
kind (``argmapKind``, written by ``formats.exports.to_aif``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from formats.aif import DOCUMENT_FIELD, KIND_FIELD, MODE_FIELD, VERDICT_FIELD
from graph.errors import InvalidInput
from graph.model import AttackMode, DocumentGraph, Statement, StatementKind, Verdict
from importers.base import GraphBuilder, SourceMeta

NAME = "aif"
SEPARATOR = "\n\n"
_SCHEMES = ("RA", "CA")  # the node types whose premises a conflict can undercut


def _aif_body(data: Any) -> Mapping[str, Any] | None:
    """The object holding nodes and edges (bare AIF, or xAIF's "AIF"/"aif" member), if ``data`` is AIF-shaped."""
    if not isinstance(data, Mapping):
        return None
    for candidate in (data, data.get("AIF"), data.get("aif")):
        if not isinstance(candidate, Mapping):
            continue
        nodes, edges = candidate.get("nodes"), candidate.get("edges")
        if not isinstance(nodes, list) or not isinstance(edges, list) or not nodes:
            continue
        if all(isinstance(n, Mapping) and "nodeID" in n and "type" in n for n in nodes) and all(
            isinstance(e, Mapping) and "fromID" in e and "toID" in e for e in edges
        ):
            return candidate
    return None


def _load(text: str) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    body = _aif_body(data)
    return (data, body) if body is not None else None


def is_other_json(text: str) -> bool:
    """Whether ``text`` is JSON (an object or an array) that is not AIF: data, not a document."""
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return _aif_body(data) is None


def score(text: str) -> float:
    """0.99 for JSON with AIF nodes (nodeID, type) and edges (fromID, toID); 0 for anything else."""
    return 0.99 if _load(text) is not None else 0.0


def _text(value: Any) -> str:
    return " ".join(str(value if value is not None else "").split())


def parse(text: str, *, source: SourceMeta) -> DocumentGraph:
    loaded = _load(text)
    if loaded is None:
        raise InvalidInput("not AIF JSON: expected an object with \"nodes\" (nodeID, type) and \"edges\" "
                           "(fromID, toID), or xAIF with an \"AIF\" member")
    data, body = loaded
    about = data.get(DOCUMENT_FIELD) or body.get(DOCUMENT_FIELD) or {}
    if not isinstance(about, Mapping):
        about = {}

    nodes = {str(node["nodeID"]): node for node in body["nodes"]}
    i_nodes = [(node_id, node) for node_id, node in nodes.items()
               if node.get("type") == "I" and _text(node.get("text"))]
    if not i_nodes:
        raise InvalidInput("the AIF graph has no I-nodes with text")
    texts = [_text(node.get("text")) for _, node in i_nodes]
    document_source = SEPARATOR.join(texts) + "\n"

    about_authors = about.get("authors")
    authors = source.authors or tuple(
        str(a) for a in (about_authors if isinstance(about_authors, list) else ()) if str(a).strip()
    )

    def meta(field: str) -> str | None:
        value = getattr(source, field) or about.get(field)
        return str(value) if value else None

    builder = GraphBuilder(
        source=document_source,
        title=(meta("title") or (source.filename or "AIF argument map"))[:300],
        authors=authors,
        importer=NAME,
        publisher=meta("publisher"),
        published=meta("published"),
        url=meta("url"),
    )

    statements: dict[str, Statement] = {}
    offset = 0
    for (node_id, node), statement_text in zip(i_nodes, texts, strict=True):
        kind = StatementKind.CLAIM
        verdict: Verdict | None = None
        if node.get(KIND_FIELD) in StatementKind._value2member_map_:
            kind = StatementKind(node[KIND_FIELD])
        if kind is StatementKind.ASSUMPTION_CHECK:
            if node.get(VERDICT_FIELD) in Verdict._value2member_map_:
                verdict = Verdict(node[VERDICT_FIELD])
            else:
                kind = StatementKind.CLAIM  # a check needs a verdict; without one it is a plain claim
        statements[node_id] = builder.add(kind, offset, offset + len(statement_text), text=statement_text,
                                          verdict=verdict)
        offset += len(statement_text) + len(SEPARATOR)

    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for edge in body["edges"]:
        from_id, to_id = str(edge["fromID"]), str(edge["toID"])
        outgoing.setdefault(from_id, []).append(to_id)
        incoming.setdefault(to_id, []).append(from_id)

    def premises(node_id: str) -> list[Statement]:
        return [statements[i] for i in incoming.get(node_id, []) if i in statements]

    def conclusions(node_id: str) -> list[Statement]:
        return [statements[i] for i in outgoing.get(node_id, []) if i in statements]

    for node_id, node in nodes.items():
        node_type = node.get("type")
        if node_type == "RA":
            for premise in premises(node_id):
                for conclusion in conclusions(node_id):
                    builder.supports(premise, conclusion)
        elif node_type == "CA":
            mode = AttackMode(node[MODE_FIELD]) if node.get(MODE_FIELD) in AttackMode._value2member_map_ else None
            for attacker in premises(node_id):
                for target in conclusions(node_id):
                    builder.attacks(attacker, target, mode)
                # A conflict with another scheme (CA -> RA: an inference, CA -> CA: an attack) disputes that the
                # scheme's premise bears on its conclusion, not the conclusion: an undercut of that premise, as the
                # annotation guidelines (corpora/argmap-short/README.md) have it. Attacking the conclusion would
                # make a rebuttal of an objection attack the very claim it defends.
                for scheme_id in outgoing.get(node_id, []):
                    if nodes.get(scheme_id, {}).get("type") in _SCHEMES:
                        for target in premises(scheme_id):
                            if target is not attacker:
                                builder.attacks(attacker, target, AttackMode.UNDERCUT)
    return builder.build()
