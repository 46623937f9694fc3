"""Statement look-ups: search and one statement with its neighbours, as the API answers them."""

from __future__ import annotations

from graph.model import StatementKind
from graph.store.base import GraphStore, StatementQuery
from services.answers import NeighbourPublic, StatementDetailPublic, StatementPublic, StatementsPublic


def search_answer(store: GraphStore, *, kind: StatementKind | None = None, document: str | None = None,
                  q: str | None = None, topic: str | None = None, actor: str | None = None,
                  author: str | None = None, limit: int = 50, offset: int = 0) -> StatementsPublic:
    """Statements filtered by kind, document, topic, actor, author and text, in document order."""
    found, total = store.search_statements(StatementQuery(
        kind=kind, text=q, document_id=document, topic=topic, actor=actor, author=author, limit=limit, offset=offset))
    return StatementsPublic(data=[StatementPublic.model_validate(s) for s in found], count=total)


def statement_answer(store: GraphStore, statement_id: str) -> StatementDetailPublic:
    """One statement with its source quote, offsets and neighbours."""
    view = store.get_statement(statement_id)
    neighbours = [
        NeighbourPublic(relation=n.relation, direction=n.direction,
                        mode=n.mode, statement=StatementPublic.model_validate(n.statement))
        for n in view.neighbours
    ]
    return StatementDetailPublic(**StatementPublic.model_validate(view.statement).model_dump(), neighbours=neighbours)
