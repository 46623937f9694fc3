from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.errors import error_responses
from api.params import SEED_DOCUMENT, Limit, Offset, StatementId
from graph.model import StatementKind
from services import statements
from services.answers import StatementDetailPublic, StatementsPublic

router = APIRouter(prefix="/statements", tags=["statements"])


@router.get("", response_model=StatementsPublic, responses=error_responses(404, on_404="No document with this id"))
def search_statements(
    store: StoreDep,
    kind: Annotated[StatementKind | None, Query(examples=["recommendation"])] = None,
    document: Annotated[str | None, Query(description="Document id", max_length=100,
                                          examples=[SEED_DOCUMENT])] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Text to find (case-insensitive)",
                                   examples=["dialogue"])] = None,
    topic: Annotated[str | None, Query(min_length=1, max_length=300,
                                       description="Topic id, or any free text (then most relevant first)",
                                       examples=["negotiation"])] = None,
    actor: Annotated[str | None, Query(max_length=100, description="Actor id", examples=["jnim"])] = None,
    author: Annotated[str | None, Query(max_length=200, description="Author's full name",
                                        examples=["Alex Thurston"])] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> StatementsPublic:
    """Statements filtered by kind, document, topic (id or free text), actor, author and text."""
    return statements.search_answer(store, kind=kind, document=document, q=q, topic=topic, actor=actor,
                                    author=author, limit=limit, offset=offset)


@router.get("/{statement_id}", response_model=StatementDetailPublic,
            responses=error_responses(404, on_404="No statement with this id"))
def get_statement(statement_id: StatementId, store: StoreDep) -> StatementDetailPublic:
    """One statement with its source quote, offsets and neighbours."""
    return statements.statement_answer(store, statement_id)
