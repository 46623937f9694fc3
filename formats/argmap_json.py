"""argmap's own JSON of a document graph (CLI ``parse`` / ``export``, HTTP ``/graph`` and the
``json`` export): writer and reader side by side."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from graph.model import DocumentGraph, Mention, Topic, TopicTag
from graph.store.records import (
    actor_from,
    actor_record,
    document_from,
    document_record,
    relation_from,
    relation_record,
    statement_from,
    statement_record,
)


def graph_record(graph: DocumentGraph) -> dict[str, Any]:
    """The JSON shape of a document graph (CLI `parse`/`export`, HTTP /graph)."""
    graph = graph.normalized()
    return {
        "document": document_record(graph.document),
        "statements": [statement_record(s) for s in graph.statements],
        "relations": [relation_record(r) for r in graph.relations],
        "actors": [actor_record(a) for a in graph.actors],
        "topics": [{"id": t.id, "name": t.name} for t in graph.topics],
        "mentions": [{"statement_id": m.statement_id, "actor_id": m.actor_id} for m in graph.mentions],
        "topic_tags": [{"statement_id": t.statement_id, "topic_id": t.topic_id, "stance": t.stance}
                       for t in graph.topic_tags],
        "persons": list(graph.persons),
    }


def graph_from(record: Mapping[str, Any]) -> DocumentGraph:
    """Inverse of graph_record; validates the result."""
    return DocumentGraph(
        document=document_from(record["document"]),
        statements=tuple(statement_from(s) for s in record["statements"]),
        relations=tuple(relation_from(r) for r in record["relations"]),
        actors=tuple(actor_from(a) for a in record.get("actors", ())),
        topics=tuple(Topic(t["id"], t["name"]) for t in record.get("topics", ())),
        mentions=tuple(Mention(m["statement_id"], m["actor_id"]) for m in record.get("mentions", ())),
        topic_tags=tuple(TopicTag(t["statement_id"], t["topic_id"], int(t["stance"]))
                         for t in record.get("topic_tags", ())),
        persons=tuple(record.get("persons", ())),
    ).validate()


def to_json(graph: DocumentGraph) -> str:
    return json.dumps(graph_record(graph), ensure_ascii=False, indent=2) + "\n"
