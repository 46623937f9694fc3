"""Argument algorithms: free functions over an :class:`~graph.argument_graph.ArgumentGraph`.

Each store hands these functions a graph (the embedded store its in-memory graph, the
Neo4j store the neighbourhood it fetched with Cypher), so both give the same answers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from graph.argument_graph import ArgumentGraph
from graph.model import RelationType

MAX_DEPTH = 10
MAX_TREE_NODES = 2000
MAX_PATHS = 100


class Direction(StrEnum):
    DOWN = "down"  # towards what supports/attacks the root (incoming edges)
    UP = "up"  # towards what the root supports/attacks (outgoing edges)


class Status(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class TreeNode:
    statement_id: str
    relation: RelationType | None  # relation to the parent; None at the root
    children: tuple[TreeNode, ...]
    repeated: bool = False
    """True when the statement is already on the path from the root (a cycle): not expanded again."""


@dataclass(frozen=True, slots=True)
class Tree:
    root: TreeNode
    truncated: bool
    """True when the tree was cut at MAX_TREE_NODES nodes."""

    def statement_ids(self) -> set[str]:
        ids: set[str] = set()
        stack = [self.root]
        while stack:
            node = stack.pop()
            ids.add(node.statement_id)
            stack.extend(node.children)
        return ids


PathStep = tuple[str, RelationType | None]
"""A statement id on a path and the relation that led to it (None at the start)."""


def neighbours(graph: ArgumentGraph, node: str, types: Collection[RelationType], direction: Direction) -> list[str]:
    """Statements one ``types`` edge away from ``node``, in document order."""
    found = graph.sources(node, types) if direction is Direction.DOWN else graph.targets(node, types)
    return sorted(found, key=lambda n: graph.node(n).order)


def reachable(graph: ArgumentGraph, seeds: Iterable[str], types: Collection[RelationType], direction: Direction,
              depth: int | None) -> ArgumentGraph:
    """The subgraph of everything within ``depth`` ``types`` edges of ``seeds`` (breadth first),
    with those edges. ``depth=None`` means no bound."""
    seen = {s for s in seeds if s in graph}
    frontier = deque((s, 0) for s in sorted(seen))
    edges = []
    while frontier:
        node, level = frontier.popleft()
        if depth is not None and level >= depth:
            continue
        for other in neighbours(graph, node, types, direction):
            source, target = (other, node) if direction is Direction.DOWN else (node, other)
            edges += [graph.edge(source, target, t) for t in types if graph.has_relation(source, target, t)]
            if other not in seen:
                seen.add(other)
                frontier.append((other, level + 1))
    sub = ArgumentGraph()
    for n in seen:
        sub.add_statement(graph.node(n))
    for edge in edges:
        sub.add_relation(edge)
    return sub


def chain_tree(graph: ArgumentGraph, root: str, types: Collection[RelationType], direction: Direction,
               depth: int) -> Tree:
    """The tree of ``types`` edges from ``root``, ``depth`` levels deep (depth first, children
    in document order). A statement reached twice on one branch is shown once more, marked
    ``repeated``, and not expanded, so cycles end."""
    budget = [MAX_TREE_NODES - 1]
    truncated = [False]

    def grow(node: str, relation: RelationType | None, path: frozenset[str], level: int) -> TreeNode:
        children: list[TreeNode] = []
        if level < depth:
            for other in neighbours(graph, node, types, direction):
                if budget[0] <= 0:
                    truncated[0] = True
                    break
                budget[0] -= 1
                rel = _relation(graph, other, node, types) if direction is Direction.DOWN \
                    else _relation(graph, node, other, types)
                if other in path:
                    children.append(TreeNode(other, rel, (), repeated=True))
                else:
                    children.append(grow(other, rel, path | {other}, level + 1))
        return TreeNode(node, relation, tuple(children))

    return Tree(grow(root, None, frozenset({root}), 0), truncated[0])


def _relation(graph: ArgumentGraph, source: str, target: str, types: Collection[RelationType]) -> RelationType:
    return next(t for t in sorted(types) if graph.has_relation(source, target, t))


def grounded_labelling(graph: ArgumentGraph) -> dict[str, Status]:
    """Dung's grounded labelling of the ATTACKS edges of ``graph``.

    A statement is accepted when every attacker is rejected (so an unattacked one is
    accepted), rejected when some attacker is accepted, undecided otherwise (e.g. in an
    odd attack cycle). SUPPORTS edges do not change labels: support is shown in the
    support chain, and only an explicit attack can defeat a statement. Linear time.
    """
    attackers: dict[str, set[str]] = {n: set() for n in graph}
    attacked: dict[str, set[str]] = {n: set() for n in graph}
    for edge in graph.edges():
        if edge.type is RelationType.ATTACKS:
            attackers[edge.target].add(edge.source)
            attacked[edge.source].add(edge.target)
    undefeated_attackers = {n: len(a) for n, a in attackers.items()}
    label: dict[str, Status] = {}
    queue = deque(sorted(n for n, count in undefeated_attackers.items() if count == 0))
    while queue:
        node = queue.popleft()
        if node in label:
            continue
        label[node] = Status.ACCEPTED
        for victim in sorted(attacked[node]):
            if victim in label:
                continue
            label[victim] = Status.REJECTED
            for next_victim in sorted(attacked[victim]):
                if next_victim in label:
                    continue
                undefeated_attackers[next_victim] -= 1
                if undefeated_attackers[next_victim] == 0:
                    queue.append(next_victim)
    return {n: label.get(n, Status.UNDECIDED) for n in graph}


ARGUMENT_RELATIONS = (RelationType.SUPPORTS, RelationType.ATTACKS)


def argument_paths(graph: ArgumentGraph, source: str, target: str, max_length: int,
                   types: Collection[RelationType] = ARGUMENT_RELATIONS) -> list[list[PathStep]]:
    """Simple directed paths from ``source`` to ``target`` along ``types`` edges, at most
    ``max_length`` edges long, shortest first (then in document order), at most MAX_PATHS."""
    if source not in graph or target not in graph or source == target:
        return []
    raw = graph.simple_paths(source, target, types, max_length)
    raw.sort(key=lambda p: (len(p), [graph.node(n).order for n in p]))
    paths = []
    for nodes in raw[:MAX_PATHS]:
        steps: list[PathStep] = [(nodes[0], None)]
        steps += [(v, _relation(graph, u, v, types)) for u, v in zip(nodes, nodes[1:], strict=False)]
        paths.append(steps)
    return paths
