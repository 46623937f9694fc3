"""Questions users ask of a store: support and rebuttal chains, which statements stand,
paths between statements. Each asks the store for a neighbourhood, then runs the
free functions of graph.traversal on it, so both stores answer alike; the ``*_answer``
functions give the result as the API (and the CLI) answers it."""

from __future__ import annotations

from dataclasses import dataclass

from graph.argument_graph import ArgumentGraph
from graph.errors import InvalidInput, NotFound
from graph.model import RelationType, Statement
from graph.store.base import GraphStore
from graph.traversal import (
    MAX_DEPTH,
    Direction,
    PathStep,
    Status,
    Tree,
    TreeNode,
    argument_paths,
    chain_tree,
    grounded_labelling,
)
from services.answers import (
    ChainNodePublic,
    ChainPublic,
    DocumentStatusPublic,
    PathsPublic,
    PathStepPublic,
    StatementPublic,
    StatusEntryPublic,
    StatusScope,
)

SUPPORTS = (RelationType.SUPPORTS,)
ATTACKS = (RelationType.ATTACKS,)
ARGUMENT_EDGES = (RelationType.ATTACKS, RelationType.SUPPORTS)


@dataclass(frozen=True, slots=True)
class Chain:
    tree: Tree
    statements: dict[str, Statement]
    status: dict[str, Status]


@dataclass(frozen=True, slots=True)
class Paths:
    paths: list[list[PathStep]]
    statements: dict[str, Statement]


def _require(graph: ArgumentGraph, statement_id: str) -> None:
    if statement_id not in graph:
        raise NotFound(f"no statement with id {statement_id!r}")


def check_depth(depth: int, name: str = "depth") -> None:
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"{name} must be between 1 and {MAX_DEPTH}, got {depth}")


def statuses(store: GraphStore, statement_ids: list[str]) -> dict[str, Status]:
    """Grounded labels of the given statements over the whole store (across documents).

    A statement's label depends only on its attackers, their attackers and so on, so
    the attack ancestry of the statements is all that has to be fetched."""
    ancestry = store.neighbourhood(statement_ids, ATTACKS, Direction.DOWN, None)
    labels = grounded_labelling(ancestry)
    return {i: labels[i] for i in statement_ids if i in labels}


def support_chain(store: GraphStore, statement_id: str, *, direction: Direction, depth: int) -> Chain:
    """What supports the statement, transitively (down), or what it supports (up)."""
    check_depth(depth)
    sub = store.neighbourhood([statement_id], SUPPORTS, direction, depth)
    _require(sub, statement_id)
    tree = chain_tree(sub, statement_id, SUPPORTS, direction, depth)
    ids = sorted(tree.statement_ids())
    return Chain(tree, store.get_statements(ids), statuses(store, ids))


def rebuttal_chain(store: GraphStore, statement_id: str, *, depth: int) -> Chain:
    """The statement's attackers, the attacks on them, and so on (a dialectical tree)."""
    check_depth(depth)
    ancestry = store.neighbourhood([statement_id], ATTACKS, Direction.DOWN, None)
    _require(ancestry, statement_id)
    labels = grounded_labelling(ancestry)
    tree = chain_tree(ancestry, statement_id, ATTACKS, Direction.DOWN, depth)
    ids = sorted(tree.statement_ids())
    return Chain(tree, store.get_statements(ids), {i: labels[i] for i in ids})


def document_status(store: GraphStore, document_id: str, *, scope: str) -> dict[str, Status]:
    """Grounded labels of a document's statements: ``document`` counts only attacks inside
    the document, ``global`` counts attacks from every stored document."""
    sub = store.document_subgraph(document_id)
    if scope == "document":
        return grounded_labelling(sub)
    if scope == "global":
        return statuses(store, sorted(sub))
    raise InvalidInput(f"scope must be 'document' or 'global', got {scope!r}")


def paths_between(store: GraphStore, source: str, target: str, *, max_length: int) -> Paths:
    """Directed SUPPORTS/ATTACKS paths from ``source`` to ``target``, shortest first."""
    check_depth(max_length, "max")
    sub = store.neighbourhood([source], ARGUMENT_EDGES, Direction.UP, max_length)
    _require(sub, source)
    if target not in sub and target not in store.get_statements([target]):
        raise NotFound(f"no statement with id {target!r}")
    found = argument_paths(sub, source, target, max_length, ARGUMENT_EDGES)
    ids = sorted({step for path in found for step, _ in path} | {source, target})
    return Paths(found, store.get_statements(ids))


def chain_answer(chain: Chain) -> ChainPublic:
    count = 0

    def node(tree_node: TreeNode) -> ChainNodePublic:
        nonlocal count
        count += 1
        return ChainNodePublic(
            statement=StatementPublic.model_validate(chain.statements[tree_node.statement_id]),
            relation=tree_node.relation,
            status=chain.status.get(tree_node.statement_id, Status.ACCEPTED),
            repeated=tree_node.repeated,
            children=[node(child) for child in tree_node.children],
        )

    root = node(chain.tree.root)
    return ChainPublic(root=root, count=count, truncated=chain.tree.truncated)


def support_chain_answer(store: GraphStore, statement_id: str, *, direction: Direction, depth: int) -> ChainPublic:
    return chain_answer(support_chain(store, statement_id, direction=direction, depth=depth))


def rebuttal_chain_answer(store: GraphStore, statement_id: str, *, depth: int) -> ChainPublic:
    return chain_answer(rebuttal_chain(store, statement_id, depth=depth))


def document_status_answer(store: GraphStore, document_id: str, *, scope: StatusScope) -> DocumentStatusPublic:
    """Which statements of a document stand, in document order, with counts per status."""
    labels = document_status(store, document_id, scope=scope)
    statements = store.get_statements(labels)
    ordered = sorted(statements.values(), key=lambda s: (s.start, s.end, s.id))
    data = [StatusEntryPublic(statement_id=s.id, kind=s.kind, text=s.text, status=labels[s.id])
            for s in ordered]
    counts = {status.value: sum(1 for e in data if e.status == status.value) for status in Status}
    return DocumentStatusPublic(document_id=document_id, scope=scope, counts=counts, data=data)


def paths_answer(store: GraphStore, source: str, target: str, *, max_length: int) -> PathsPublic:
    found = paths_between(store, source, target, max_length=max_length)
    data = [[PathStepPublic(statement=StatementPublic.model_validate(found.statements[step]),
                            relation=rel) for step, rel in path]
            for path in found.paths]
    return PathsPublic(data=data, count=len(data))
