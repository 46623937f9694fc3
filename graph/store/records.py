"""Flat records (dicts of primitives) for domain objects: the one mapping both stores (and the
export formats) use."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from graph.corrections import Change, ChangeKind, LogEntry
from graph.model import (
    Actor,
    ActorKind,
    AttackMode,
    Document,
    Relation,
    RelationType,
    Statement,
    StatementKind,
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



def change_record(change: Change) -> dict[str, Any]:
    """A correction log entry's change as JSON-able data (both stores keep it as JSON text)."""
    return {
        "kind": change.kind.value,
        "before": statement_record(change.before) if change.before else None,
        "after": statement_record(change.after) if change.after else None,
        "relation": relation_record(change.relation) if change.relation else None,
        "relations": [relation_record(r) for r in change.relations],
        "report": dict(change.report) if change.report is not None else None,
        "steps": [change_record(step) for step in change.steps],
    }


def change_from(record: Mapping[str, Any]) -> Change:
    return Change(
        kind=ChangeKind(record["kind"]),
        before=statement_from(record["before"]) if record.get("before") else None,
        after=statement_from(record["after"]) if record.get("after") else None,
        relation=relation_from(record["relation"]) if record.get("relation") else None,
        relations=tuple(relation_from(r) for r in record.get("relations") or ()),
        report=record.get("report"),
        steps=tuple(change_from(step) for step in record.get("steps") or ()),
    )


def log_entry_record(entry: LogEntry) -> dict[str, Any]:
    """A log entry as stored: scalar columns/properties plus the change as JSON text."""
    return {"document_id": entry.document_id, "seq": entry.seq, "author": entry.author, "at": entry.at,
            "undoes": entry.undoes, "change": json.dumps(change_record(entry.change), ensure_ascii=False)}


def log_entry_from(record: Mapping[str, Any]) -> LogEntry:
    return LogEntry(document_id=record["document_id"], change=change_from(json.loads(record["change"])),
                    author=record["author"], at=record["at"],
                    undoes=int(record["undoes"]) if record["undoes"] is not None else None, seq=int(record["seq"]))
