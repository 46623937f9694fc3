"""The argument graph the algorithms of graph.traversal run on: statements as nodes (id,
document, kind, offset) and SUPPORTS / ATTACKS / QUOTES relations between them.

A typed view over a networkx MultiDiGraph and the one place that knows its layout. Stores
build it (the embedded store keeps one of everything, the Neo4j store builds one per query
from what it fetched), so the algorithms never see a store and both stores answer alike.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from graph import budget
from graph.model import AttackMode, RelationType, Statement, StatementKind


@dataclass(frozen=True, slots=True)
class StatementNode:
    """What the algorithms need of a statement: where it is, to list statements in document order."""

    id: str
    document_id: str
    kind: StatementKind
    start: int

    @classmethod
    def of(cls, statement: Statement) -> StatementNode:
        return cls(statement.id, statement.document_id, statement.kind, statement.start)

    @property
    def order(self) -> tuple[str, int, str]:
        """Document order: the order in which statements are listed everywhere."""
        return (self.document_id, self.start, self.id)


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    type: RelationType
    mode: AttackMode | None = None


def _values(types: Collection[RelationType]) -> frozenset[str]:
    return frozenset(str(t) for t in types)


class ArgumentGraph:
    """Statements and the relations between them; a relation's two ends are always nodes.

    Inside, relations are keyed by their type's plain string value: hashing an Enum member runs
    Python code, and the embedded store adds 100k relations when it loads."""

    __slots__ = ("_graph",)

    def __init__(self) -> None:
        self._graph = nx.MultiDiGraph()

    # -- building ---------------------------------------------------------------------

    def add_statement(self, node: StatementNode) -> None:
        self.add_statements((node,))

    def add_statements(self, nodes: Iterable[StatementNode]) -> None:
        add = self._graph.add_node  # one call per node: the embedded store loads 100k at a time
        for node in nodes:
            add(node.id, node=node)

    def add_relation(self, edge: Edge) -> None:
        self.add_relations((edge,))

    def add_relations(self, edges: Iterable[Edge]) -> None:
        """Add ``edges`` (each once per source, target and type); KeyError unless both ends are nodes."""
        graph, add = self._graph, self._graph.add_edge
        for edge in edges:
            if edge.source not in graph or edge.target not in graph:
                raise KeyError(f"relation {edge.source} -> {edge.target}: both ends must be statements of the graph")
            add(edge.source, edge.target, key=edge.type.value, edge=edge)

    def remove_statements(self, statement_ids: Iterable[str]) -> None:
        """Remove the statements and every relation touching them."""
        self._graph.remove_nodes_from(list(statement_ids))

    # -- reading ----------------------------------------------------------------------

    def __contains__(self, statement_id: object) -> bool:
        return statement_id in self._graph

    def __iter__(self) -> Iterator[str]:
        return iter(self._graph)

    def __len__(self) -> int:
        return len(self._graph)

    def node(self, statement_id: str) -> StatementNode:
        node: StatementNode = self._graph.nodes[statement_id]["node"]
        return node

    def nodes(self) -> Iterator[StatementNode]:
        for _, node in self._graph.nodes(data="node"):
            yield node

    def edges(self) -> Iterator[Edge]:
        for *_, edge in self._graph.edges(data="edge"):
            yield edge

    def has_relation(self, source: str, target: str, relation: RelationType) -> bool:
        return bool(self._graph.has_edge(source, target, relation.value))

    def edge(self, source: str, target: str, relation: RelationType) -> Edge:
        edge: Edge = self._graph.edges[source, target, relation.value]["edge"]
        return edge

    def sources(self, statement_id: str, types: Collection[RelationType]) -> set[str]:
        """Statements with a relation of ``types`` to ``statement_id``."""
        wanted = _values(types)
        return {u for u, _, key in self._graph.in_edges(statement_id, keys=True) if key in wanted}

    def targets(self, statement_id: str, types: Collection[RelationType]) -> set[str]:
        """Statements ``statement_id`` has a relation of ``types`` to."""
        wanted = _values(types)
        return {v for _, v, key in self._graph.out_edges(statement_id, keys=True) if key in wanted}

    def statements_of(self, document_id: str) -> list[str]:
        return [n.id for n in self.nodes() if n.document_id == document_id]

    def subgraph(self, statement_ids: Iterable[str]) -> ArgumentGraph:
        """A copy holding the given statements and the relations among them."""
        sub = ArgumentGraph()
        sub._graph = nx.MultiDiGraph(self._graph.subgraph(list(statement_ids)))
        return sub

    def simple_paths(self, source: str, target: str, types: Collection[RelationType], cutoff: int) -> list[list[str]]:
        """Every path from ``source`` to ``target`` along relations of ``types`` that visits no
        statement twice and has at most ``cutoff`` relations, in no particular order."""
        view = nx.DiGraph()
        view.add_nodes_from(self._graph)
        wanted = _values(types)
        view.add_edges_from((u, v) for u, v, key in self._graph.edges(keys=True) if key in wanted)
        paths = []
        # Their number can grow exponentially with the cutoff on a dense graph: the request's
        # budget (graph.budget) is checked as they are enumerated.
        for count, path in enumerate(nx.all_simple_paths(view, source, target, cutoff=cutoff)):
            if count % 1000 == 0:
                budget.check()
            paths.append(list(path))
        return paths
