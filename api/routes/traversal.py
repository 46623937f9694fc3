from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.errors import error_responses
from api.params import SEED_EVIDENCE, SEED_RECOMMENDATION, DocumentId, StatementId
from api.schemas import (
    ChainNodePublic,
    ChainPublic,
    DocumentStatusPublic,
    PathsPublic,
    PathStepPublic,
    StatementPublic,
    StatusEntryPublic,
)
from graph import analysis
from graph.model import RelationType
from graph.traversal import MAX_DEPTH, Direction, Status, TreeNode

router = APIRouter(tags=["traversal"])
ERRORS = error_responses(404, 422)
Depth = Annotated[int, Query(ge=1, le=MAX_DEPTH, description=f"Levels to follow (1..{MAX_DEPTH})", examples=[5])]


def chain_public(chain: analysis.Chain) -> ChainPublic:
    count = 0

    def node(tree_node: TreeNode) -> ChainNodePublic:
        nonlocal count
        count += 1
        return ChainNodePublic(
            statement=StatementPublic.model_validate(chain.statements[tree_node.statement_id]),
            relation=RelationType(tree_node.relation) if tree_node.relation else None,
            status=chain.status.get(tree_node.statement_id, Status.ACCEPTED).value,
            repeated=tree_node.repeated,
            children=[node(child) for child in tree_node.children],
        )

    root = node(chain.tree.root)
    return ChainPublic(root=root, count=count, truncated=chain.tree.truncated)


@router.get("/statements/{statement_id}/support-chain", response_model=ChainPublic, responses=ERRORS)
def support_chain(
    statement_id: StatementId,
    store: StoreDep,
    direction: Annotated[Direction, Query(description="down: what supports it; up: what it supports",
                                          examples=["down"])] = Direction.DOWN,
    depth: Depth = 5,
) -> ChainPublic:
    """The tree of SUPPORTS below (or above) a statement."""
    return chain_public(analysis.support_chain(store, statement_id, direction=direction, depth=depth))


@router.get("/statements/{statement_id}/rebuttal-chain", response_model=ChainPublic, responses=ERRORS)
def rebuttal_chain(statement_id: StatementId, store: StoreDep, depth: Depth = 5) -> ChainPublic:
    """Attackers of a statement, the replies to them, and so on, each with its status."""
    return chain_public(analysis.rebuttal_chain(store, statement_id, depth=depth))


@router.get("/documents/{document_id}/status", response_model=DocumentStatusPublic, responses=ERRORS)
def document_status(
    document_id: DocumentId,
    store: StoreDep,
    scope: Annotated[Literal["document", "global"], Query(
        description="document: attacks inside the document only; global: attacks from every document",
        examples=["global"])] = "global",
) -> DocumentStatusPublic:
    """Which statements of a document stand: the grounded labelling of the attack graph."""
    labels = analysis.document_status(store, document_id, scope=scope)
    statements = store.get_statements(labels)
    ordered = sorted(statements.values(), key=lambda s: (s.start, s.end, s.id))
    data = [StatusEntryPublic(statement_id=s.id, kind=s.kind, text=s.text, status=labels[s.id].value)
            for s in ordered]
    counts = {status.value: sum(1 for e in data if e.status == status.value) for status in Status}
    return DocumentStatusPublic(document_id=document_id, scope=scope, counts=counts, data=data)


@router.get("/paths", response_model=PathsPublic, responses=ERRORS)
def paths(
    store: StoreDep,
    from_: Annotated[str, Query(alias="from", description="Start statement id", examples=[SEED_EVIDENCE])],
    to: Annotated[str, Query(description="End statement id", examples=[SEED_RECOMMENDATION])],
    max: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Longest path, in edges", examples=[4])] = 4,  # noqa: A002
) -> PathsPublic:
    """Directed SUPPORTS/ATTACKS paths from one statement to another, shortest first."""
    found = analysis.paths_between(store, from_, to, max_length=max)
    data = [[PathStepPublic(statement=StatementPublic.model_validate(found.statements[step]),
                            relation=RelationType(rel) if rel else None) for step, rel in path]
            for path in found.paths]
    return PathsPublic(data=data, count=len(data))
