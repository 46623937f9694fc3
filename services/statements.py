"""Statement look-ups: search and one statement with its neighbours, as the API answers them."""

from __future__ import annotations

import numpy as np

from graph import relevance
from graph.errors import NotFound
from graph.model import Statement, StatementKind
from graph.store.base import GraphStore, StatementQuery
from importers.lexicon import TOPICS as NAMED_TOPICS
from services.answers import NeighbourPublic, StatementDetailPublic, StatementPublic, StatementsPublic

FREE_TOPIC_SCAN = 5000
"""A free-text topic filter scores at most this many statements (those matching the other filters,
in document order): relevance needs each statement's embedding, so the scan is bounded."""
_PAGE = 500


def search_answer(store: GraphStore, *, kind: StatementKind | None = None, document: str | None = None,
                  q: str | None = None, topic: str | None = None, actor: str | None = None,
                  author: str | None = None, limit: int = 50, offset: int = 0) -> StatementsPublic:
    """Statements filtered by kind, document, topic, actor, author and text, in document order.

    ``topic`` is a topic id (a named topic or a document's key topic), or any free text: then the
    statements about it (graph.relevance, measured threshold), most relevant first."""
    # NotFound (404) for an unknown document, actor or author, not an empty page that hides the typo.
    if document is not None:
        store.get_document(document)
    if actor is not None:
        store.get_actor(actor)
    if author is not None:
        wanted = author.strip().lower()
        if not any(wanted == name.lower() for summary in store.documents_by_author(wanted)
                   for name in summary.document.authors):
            raise NotFound(f"no stored document has an author named {author!r}")
    topic_id = _topic_id(store, topic)
    if topic is None or topic_id is not None:
        found, total = store.search_statements(StatementQuery(
            kind=kind, text=q, document_id=document, topic=topic_id, actor=actor, author=author, limit=limit,
            offset=offset))
        return StatementsPublic(data=[StatementPublic.model_validate(s) for s in found], count=total)
    candidates: list[Statement] = []
    while len(candidates) < FREE_TOPIC_SCAN:
        page, total = store.search_statements(StatementQuery(
            kind=kind, text=q, document_id=document, actor=actor, author=author, limit=_PAGE,
            offset=len(candidates)))
        candidates += page
        if not page or len(candidates) >= total:
            break
    scores = relevance.relevance(topic, [s.text for s in candidates])
    relevant = [i for i in np.argsort(-scores, kind="stable") if scores[i] >= relevance.scale().threshold]
    chosen = [candidates[i] for i in relevant[offset:offset + limit]]
    return StatementsPublic(data=[StatementPublic.model_validate(s) for s in chosen], count=len(relevant))


def _topic_id(store: GraphStore, topic: str | None) -> str | None:
    """The id of the stored or named topic ``topic`` names (id or name, any case), None for free text."""
    if topic is None:
        return None
    wanted = " ".join(topic.split()).lower()
    named = {t.id: t for t in NAMED_TOPICS.values()} | {u.topic.id: u.topic for u in store.topic_uses()}
    return next((t.id for t in named.values() if wanted in (t.id, t.name.lower())), None)


def statement_answer(store: GraphStore, statement_id: str) -> StatementDetailPublic:
    """One statement with its source quote, offsets and neighbours."""
    view = store.get_statement(statement_id)
    neighbours = [
        NeighbourPublic(relation=n.relation, direction=n.direction,
                        mode=n.mode, statement=StatementPublic.model_validate(n.statement))
        for n in view.neighbours
    ]
    return StatementDetailPublic(**StatementPublic.model_validate(view.statement).model_dump(), neighbours=neighbours)
