"""Flat records (dicts of primitives) for domain objects: the one mapping both stores use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.model import (
    Actor,
    ActorKind,
    AttackMode,
    Document,
    DocumentGraph,
    Mention,
    Relation,
    RelationType,
    Statement,
    StatementKind,
    Topic,
    TopicTag,
    Verdict,
)

DOCUMENT_FIELDS = ("id", "title", "authors", "publisher", "published", "importer", "sha256", "source", "url")
STATEMENT_FIELDS = ("id", "document_id", "kind", "text", "quote", "start", "end", "section", "speaker", "verdict",
                    "reported")


def document_record(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "authors": list(document.authors),
        "publisher": document.publisher,
        "published": document.published,
        "importer": document.importer,
        "sha256": document.sha256,
        "source": document.source,
        "url": document.url,
    }


def document_from(record: Mapping[str, Any]) -> Document:
    return Document(
        id=record["id"],
        title=record["title"],
        authors=tuple(record["authors"] or ()),
        publisher=record["publisher"],
        published=record["published"],
        importer=record["importer"],
        sha256=record["sha256"],
        source=record["source"],
        url=record["url"],
    )


def statement_record(statement: Statement) -> dict[str, Any]:
    return {
        "id": statement.id,
        "document_id": statement.document_id,
        "kind": statement.kind.value,
        "text": statement.text,
        "quote": statement.quote,
        "start": statement.start,
        "end": statement.end,
        "section": statement.section,
        "speaker": statement.speaker,
        "verdict": statement.verdict.value if statement.verdict else None,
        "reported": statement.reported,
    }


def statement_from(record: Mapping[str, Any] | Any) -> Statement:
    return Statement(
        id=record["id"],
        document_id=record["document_id"],
        kind=StatementKind(record["kind"]),
        text=record["text"],
        quote=record["quote"],
        start=int(record["start"]),
        end=int(record["end"]),
        section=record["section"],
        speaker=record["speaker"],
        verdict=Verdict(record["verdict"]) if record["verdict"] else None,
        reported=bool(record["reported"]),
    )


def relation_record(relation: Relation) -> dict[str, Any]:
    return {
        "source": relation.source,
        "target": relation.target,
        "type": relation.type.value,
        "mode": relation.mode.value if relation.mode else None,
    }


def relation_from(record: Mapping[str, Any] | Any) -> Relation:
    return Relation(
        source=record["source"],
        target=record["target"],
        type=RelationType(record["type"]),
        mode=AttackMode(record["mode"]) if record["mode"] else None,
    )


def actor_record(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind.value, "aliases": list(actor.aliases)}


def actor_from(record: Mapping[str, Any]) -> Actor:
    return Actor(id=record["id"], name=record["name"], kind=ActorKind(record["kind"]),
                 aliases=tuple(record["aliases"] or ()))


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
