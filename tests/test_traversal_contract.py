"""Traversal and argument status, identical on both stores (hand-built graphs)."""

from __future__ import annotations

import pytest

from graph.errors import InvalidInput, NotFound
from graph.model import DocumentGraph, Statement, StatementKind
from graph.store.base import GraphStore
from graph.traversal import Direction, Status, TreeNode
from importers.base import GraphBuilder
from services import analysis

LETTERS = "abcdefghij"


def lettered_graph(attacks: str = "", supports: str = "", text_suffix: str = "") -> DocumentGraph:
    """A document of ten one-letter claims; ``attacks="ab bc"`` means a attacks b, b attacks c."""
    source = "\n".join(f"Claim {letter}.{text_suffix}" for letter in LETTERS)
    builder = GraphBuilder(source=source, title="letters" + text_suffix, authors=("Tester",), importer="test")
    by_letter: dict[str, Statement] = {}
    position = 0
    for letter in LETTERS:
        line = f"Claim {letter}.{text_suffix}"
        by_letter[letter] = builder.add(StatementKind.CLAIM, position, position + len(line))
        position += len(line) + 1
    for pair in attacks.split():
        builder.attacks(by_letter[pair[0]], by_letter[pair[1]])
    for pair in supports.split():
        builder.supports(by_letter[pair[0]], by_letter[pair[1]])
    return builder.build()


def ids_by_letter(graph: DocumentGraph) -> dict[str, str]:
    return {letter: st.id for letter, st in zip(LETTERS, graph.normalized().statements, strict=True)}


def letters(graph: DocumentGraph, labels: dict[str, Status]) -> dict[str, str]:
    names = {v: k for k, v in ids_by_letter(graph).items()}
    return {names[i]: status.value[0] for i, status in sorted(labels.items(), key=lambda kv: names[kv[0]])}


# Textbook grounded labellings: a(ccepted) r(ejected) u(ndecided).
GROUNDED_CASES = [
    ("chain", "ab bc cd", {"a": "a", "b": "r", "c": "a", "d": "r"}),
    ("mutual attack", "ab ba bc", {"a": "u", "b": "u", "c": "u"}),
    ("odd cycle", "ab bc ca cd", {"a": "u", "b": "u", "c": "u", "d": "u"}),
    ("defended", "ab cb ec dc", {"a": "a", "b": "r", "c": "r", "d": "a", "e": "a"}),
    ("reinstated", "ab bc dc", {"a": "a", "b": "r", "c": "r", "d": "a"}),
]


@pytest.mark.parametrize(("case", "attacks", "expected"), GROUNDED_CASES, ids=[c[0] for c in GROUNDED_CASES])
def test_document_status_is_the_grounded_labelling(store: GraphStore, case: str, attacks: str,
                                                   expected: dict[str, str]) -> None:
    graph = lettered_graph(attacks)
    store.save(graph)
    labels = letters(graph, analysis.document_status(store, graph.document.id, scope="document"))
    untouched = {letter: "a" for letter in LETTERS if letter not in expected}
    assert labels == {**expected, **untouched}


def test_global_status_counts_attacks_from_other_documents(store: GraphStore) -> None:
    from dataclasses import replace

    from graph.model import Relation, RelationType

    home = lettered_graph("ab")
    store.save(home)
    other = lettered_graph(text_suffix=" (other)")
    home_ids, other_ids = ids_by_letter(home), ids_by_letter(other)
    # A statement of another document attacks "a"; QUOTES-like cross links are stored with it.
    cross = Relation(other_ids["a"], home_ids["a"], RelationType.ATTACKS)
    store.save(replace(other, relations=(cross,)))
    local = letters(home, analysis.document_status(store, home.document.id, scope="document"))
    glob = letters(home, analysis.document_status(store, home.document.id, scope="global"))
    assert (local["a"], local["b"]) == ("a", "r")
    assert (glob["a"], glob["b"]) == ("r", "a")
    with pytest.raises(InvalidInput, match="scope"):
        analysis.document_status(store, home.document.id, scope="galaxy")
    with pytest.raises(NotFound):
        analysis.document_status(store, "doc-nope", scope="document")


def test_a_self_attacking_statement_is_undecided() -> None:
    from graph.argument_graph import ArgumentGraph, Edge, StatementNode
    from graph.model import RelationType
    from graph.traversal import grounded_labelling

    graph = ArgumentGraph()
    for start, name in enumerate("abc"):
        graph.add_statement(StatementNode(name, "doc", StatementKind.CLAIM, start))
    graph.add_relation(Edge("a", "a", RelationType.ATTACKS))
    graph.add_relation(Edge("a", "b", RelationType.ATTACKS))
    graph.add_relation(Edge("c", "a", RelationType.SUPPORTS))
    assert grounded_labelling(graph) == {"a": Status.UNDECIDED, "b": Status.UNDECIDED, "c": Status.ACCEPTED}


def shape(node: TreeNode, names: dict[str, str]) -> object:
    label = names[node.statement_id] + ("*" if node.repeated else "")
    return (label, [shape(c, names) for c in node.children]) if node.children else label


def test_support_chain_down_and_up_with_a_cycle(store: GraphStore) -> None:
    # b, c support a; d supports b; a supports d (a cycle); e supports d
    graph = lettered_graph(supports="ba ca db ad ed")
    store.save(graph)
    ids = ids_by_letter(graph)
    names = {v: k for k, v in ids.items()}
    down = analysis.support_chain(store, ids["a"], direction=Direction.DOWN, depth=5)
    assert shape(down.tree.root, names) == ("a", [("b", [("d", ["a*", "e"])]), "c"])
    shallow = analysis.support_chain(store, ids["a"], direction=Direction.DOWN, depth=1)
    assert shape(shallow.tree.root, names) == ("a", ["b", "c"])
    up = analysis.support_chain(store, ids["e"], direction=Direction.UP, depth=10)
    assert shape(up.tree.root, names) == ("e", [("d", [("b", [("a", ["d*"])])])])
    assert set(down.statements) == {ids[x] for x in "abcde"}
    assert all(node.relation == "SUPPORTS" for node in down.tree.root.children)


def test_rebuttal_chain_alternates_with_statuses(store: GraphStore) -> None:
    # b attacks a; c attacks b (defends a); d attacks c
    graph = lettered_graph("ba cb dc")
    store.save(graph)
    ids = ids_by_letter(graph)
    names = {v: k for k, v in ids.items()}
    chain = analysis.rebuttal_chain(store, ids["a"], depth=2)
    assert shape(chain.tree.root, names) == ("a", [("b", ["c"])])
    # statuses come from the whole attack ancestry, not the cut tree
    assert {names[i]: s.value for i, s in chain.status.items()} == {"a": "rejected", "b": "accepted",
                                                                     "c": "rejected"}


def test_paths_between_statements(store: GraphStore) -> None:
    graph = lettered_graph(attacks="cb", supports="ab bd ad")
    store.save(graph)
    ids = ids_by_letter(graph)
    names = {v: k for k, v in ids.items()}
    found = analysis.paths_between(store, ids["a"], ids["d"], max_length=5)
    assert [[names[s] for s, _ in p] for p in found.paths] == [["a", "d"], ["a", "b", "d"]]
    assert found.paths[1][1] == (ids["b"], "SUPPORTS")
    assert analysis.paths_between(store, ids["c"], ids["d"], max_length=1).paths == []
    assert len(analysis.paths_between(store, ids["c"], ids["d"], max_length=2).paths) == 1


@pytest.mark.parametrize("depth", [0, 11])
def test_depth_out_of_range_is_refused(store: GraphStore, depth: int) -> None:
    graph = lettered_graph("ab")
    store.save(graph)
    with pytest.raises(InvalidInput, match="depth"):
        analysis.support_chain(store, graph.statements[0].id, direction=Direction.DOWN, depth=depth)


def test_unknown_statement_is_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFound):
        analysis.rebuttal_chain(store, "st-nope", depth=3)
