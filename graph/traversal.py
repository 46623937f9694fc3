"""Argument algorithms: free functions over a networkx MultiDiGraph of statements.

Nodes are statement ids with attributes ``document_id``, ``kind`` and ``start``;
edges are keyed by relation type ("SUPPORTS", "ATTACKS", "QUOTES"). Each store
hands these functions a graph (the embedded store its in-memory graph, the Neo4j
store the neighbourhood it fetched with Cypher), so both give the same answers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from graph import budget

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
    relation: str | None  # relation to the parent; None at the root
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


def order_key(graph: nx.MultiDiGraph, node: str) -> tuple[str, int, str]:
    """Document order: the order in which neighbours are listed everywhere."""
    data = graph.nodes[node]
    return (data.get("document_id", ""), data.get("start", 0), node)


def neighbours(graph: nx.MultiDiGraph, node: str, types: Collection[str], direction: Direction) -> list[str]:
    """Statements one ``types`` edge away from ``node``, in document order."""
    if direction is Direction.DOWN:
        found = {u for u, _, key in graph.in_edges(node, keys=True) if key in types}
    else:
        found = {v for _, v, key in graph.out_edges(node, keys=True) if key in types}
    return sorted(found, key=lambda n: order_key(graph, n))


def reachable(graph: nx.MultiDiGraph, seeds: Iterable[str], types: Collection[str], direction: Direction,
              depth: int | None) -> nx.MultiDiGraph:
    """The subgraph of everything within ``depth`` ``types`` edges of ``seeds`` (breadth first),
    with those edges. ``depth=None`` means no bound."""
    seen = {s for s in seeds if s in graph}
    frontier = deque((s, 0) for s in sorted(seen))
    edges: list[tuple[str, str, str]] = []
    while frontier:
        node, level = frontier.popleft()
        if depth is not None and level >= depth:
            continue
        for other in neighbours(graph, node, types, direction):
            edge_types = [t for t in types if (graph.has_edge(other, node, t) if direction is Direction.DOWN
                                                else graph.has_edge(node, other, t))]
            for t in edge_types:
                edges.append((other, node, t) if direction is Direction.DOWN else (node, other, t))
            if other not in seen:
                seen.add(other)
                frontier.append((other, level + 1))
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in seen)
    for u, v, t in edges:
        sub.add_edge(u, v, key=t, **graph.edges[u, v, t])
    return sub


def chain_tree(graph: nx.MultiDiGraph, root: str, types: Collection[str], direction: Direction,
               depth: int) -> Tree:
    """The tree of ``types`` edges from ``root``, ``depth`` levels deep (depth first, children
    in document order). A statement reached twice on one branch is shown once more, marked
    ``repeated``, and not expanded, so cycles end."""
    budget = [MAX_TREE_NODES - 1]
    truncated = [False]

    def grow(node: str, relation: str | None, path: frozenset[str], level: int) -> TreeNode:
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


def _relation(graph: nx.MultiDiGraph, source: str, target: str, types: Collection[str]) -> str:
    return next(t for t in sorted(types) if graph.has_edge(source, target, t))


def grounded_labelling(graph: nx.MultiDiGraph) -> dict[str, Status]:
    """Dung's grounded labelling of the ATTACKS edges of ``graph``.

    A statement is accepted when every attacker is rejected (so an unattacked one is
    accepted), rejected when some attacker is accepted, undecided otherwise (e.g. in an
    odd attack cycle). SUPPORTS edges do not change labels: support is shown in the
    support chain, and only an explicit attack can defeat a statement. Linear time.
    """
    attackers: dict[str, set[str]] = {n: set() for n in graph}
    attacked: dict[str, set[str]] = {n: set() for n in graph}
    for u, v, key in graph.edges(keys=True):
        if key == "ATTACKS":
            attackers[v].add(u)
            attacked[u].add(v)
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


def argument_paths(graph: nx.MultiDiGraph, source: str, target: str, max_length: int,
                   types: Collection[str] = ("SUPPORTS", "ATTACKS")) -> list[list[tuple[str, str | None]]]:
    """Simple directed paths from ``source`` to ``target`` along ``types`` edges, at most
    ``max_length`` edges long, shortest first (then in document order), at most MAX_PATHS.
    Each path is a list of (statement id, relation that led to it)."""
    view = nx.DiGraph()
    view.add_nodes_from(graph.nodes(data=True))
    view.add_edges_from((u, v) for u, v, key in graph.edges(keys=True) if key in types)
    if source not in view or target not in view:
        return []
    raw = []
    if source != target:
        # The number of simple paths can grow exponentially with max_length on a dense graph:
        # the request's budget (graph.budget) is checked as they are enumerated.
        for count, path in enumerate(nx.all_simple_paths(view, source, target, cutoff=max_length)):
            if count % 1000 == 0:
                budget.check()
            raw.append(path)
    raw.sort(key=lambda p: (len(p), [order_key(graph, n) for n in p]))
    paths = []
    for nodes in raw[:MAX_PATHS]:
        steps: list[tuple[str, str | None]] = [(nodes[0], None)]
        steps += [(v, _relation(graph, u, v, types)) for u, v in zip(nodes, nodes[1:], strict=False)]
        paths.append(steps)
    return paths
