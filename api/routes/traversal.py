from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.errors import error_responses
from api.params import SEED_EVIDENCE, SEED_RECOMMENDATION, DocumentId, StatementId
from graph.traversal import MAX_DEPTH, Direction
from services import analysis
from services.answers import (
    ChainPublic,
    DocumentStatusPublic,
    PathsPublic,
)

router = APIRouter(tags=["traversal"])
ERRORS = error_responses(404, 422)
Depth = Annotated[int, Query(ge=1, le=MAX_DEPTH, description=f"Levels to follow (1..{MAX_DEPTH})", examples=[5])]


@router.get("/statements/{statement_id}/support-chain", response_model=ChainPublic, responses=ERRORS)
def support_chain(
    statement_id: StatementId,
    store: StoreDep,
    direction: Annotated[Direction, Query(description="down: what supports it; up: what it supports",
                                          examples=["down"])] = Direction.DOWN,
    depth: Depth = 5,
) -> ChainPublic:
    """The tree of SUPPORTS below (or above) a statement."""
    return analysis.support_chain_answer(store, statement_id, direction=direction, depth=depth)


@router.get("/statements/{statement_id}/rebuttal-chain", response_model=ChainPublic, responses=ERRORS)
def rebuttal_chain(statement_id: StatementId, store: StoreDep, depth: Depth = 5) -> ChainPublic:
    """Attackers of a statement, the replies to them, and so on, each with its status."""
    return analysis.rebuttal_chain_answer(store, statement_id, depth=depth)


@router.get("/documents/{document_id}/status", response_model=DocumentStatusPublic, responses=ERRORS)
def document_status(
    document_id: DocumentId,
    store: StoreDep,
    scope: Annotated[Literal["document", "global"], Query(
        description="document: attacks inside the document only; global: attacks from every document",
        examples=["global"])] = "global",
) -> DocumentStatusPublic:
    """Which statements of a document stand: the grounded labelling of the attack graph."""
    return analysis.document_status_answer(store, document_id, scope=scope)

@router.get("/paths", response_model=PathsPublic, responses=ERRORS)
def paths(
    store: StoreDep,
    from_: Annotated[str, Query(alias="from", description="Start statement id", examples=[SEED_EVIDENCE])],
    to: Annotated[str, Query(description="End statement id", examples=[SEED_RECOMMENDATION])],
    max: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Longest path, in edges", examples=[4])] = 4,  # noqa: A002
) -> PathsPublic:
    """Directed SUPPORTS/ATTACKS paths from one statement to another, shortest first."""
    return analysis.paths_answer(store, from_, to, max_length=max)
