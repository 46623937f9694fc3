"""A Cypher script recreating a document in any Neo4j 5, a statement per line (cypher-shell,
Neo4j Browser, a driver). The Cypher itself lives in graph.store.cypher, next to what the
store sends, so the script and the store write the same schema."""

from __future__ import annotations

import re
from typing import Any

from formats.common import without_none
from graph.model import DocumentGraph, RelationType, StatementKind
from graph.store import cypher as schema
from graph.store import records
from graph.store.shares import actor_counts, author_keys, topic_counts

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
    document = without_none(records.document_record(doc))
    lines = [
        f"// argmap export of {doc.id}: {len(graph.statements)} statements, {len(graph.relations)} relations.",
        "// One statement per line; safe to run again (MERGE).",
        *(f"{statement};" for statement in schema.SCHEMA),
        f"{schema.export_document(cypher_string(doc.id), cypher_literal(document))};",
    ]
    lines += _unwind([{"document_id": doc.id, "name": author} for author in doc.authors],
                     schema.EXPORT_AUTHOR_ROW)
    lines += _unwind([{"document_id": doc.id, "key": key} for key in sorted(author_keys(doc.authors))],
                     schema.EXPORT_AUTHOR_KEY_ROW)
    for kind in StatementKind:
        rows = [without_none({**records.statement_record(s), "search": s.text.lower()})
                for s in graph.statements if s.kind is kind]
        lines += _unwind(rows, schema.export_statement_row(kind))
    lines += _unwind([{"id": s.id, "speaker": s.speaker} for s in graph.statements if s.reported],
                     schema.SPEAKER_ROW)
    lines += _unwind([records.actor_record(a) for a in graph.actors],
                     schema.ACTOR_ROW)
    lines += _unwind([{"id": t.id, "name": t.name} for t in graph.topics],
                     schema.TOPIC_ROW)
    for relation_type in RelationType:
        rows = [records.relation_record(r) for r in graph.relations if r.type is relation_type]
        lines += _unwind(rows, schema.export_relation_row(relation_type))
    lines += _unwind([{"statement_id": m.statement_id, "actor_id": m.actor_id} for m in graph.mentions],
                     schema.MENTION_ROW)
    lines += _unwind([{"statement_id": t.statement_id, "topic_id": t.topic_id, "stance": t.stance}
                      for t in graph.topic_tags],
                     schema.TOPIC_TAG_ROW)
    lines += _unwind([{"document_id": doc.id, "topic_id": t, "pro": c[0], "con": c[1], "neutral": c[2]}
                      for t, c in sorted(topic_counts(graph).items())], schema.EXPORT_TOPIC_SHARE_ROW)
    lines += _unwind([{"document_id": doc.id, "actor_id": a, "statements": n}
                      for a, n in sorted(actor_counts(graph).items())], schema.EXPORT_ACTOR_SHARE_ROW)
    return "\n".join(lines) + "\n"


def cypher_statements(script: str) -> list[str]:
    """The statements of a :func:`to_cypher` script (one per line), without the final ``;``."""
    return [line.rstrip().removesuffix(";") for line in script.splitlines()
            if line.strip() and not line.lstrip().startswith("//")]
