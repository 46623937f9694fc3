"""The GraphStore contract, run against the embedded store and a real Neo4j."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from graph.corrections import Change, ChangeKind, LogEntry
from graph.errors import InvalidInput, NotFound
from graph.model import DocumentGraph, Relation, RelationType, StatementKind
from graph.store.base import GraphStore, StatementQuery
from importers import parse_document

SMALL_TEXT = """Mali should talk to the armed groups.

Talks ended the 2015 fighting in the north, because every party had a seat.

However, critics say talks reward violence.

I disagree: the alternative, more raids, has failed for nine years.
"""


def small_graph(text: str = SMALL_TEXT) -> DocumentGraph:
    return parse_document(text, importer="generic")


def test_save_round_trips_the_whole_graph(store: GraphStore, csis_graph: DocumentGraph,
                                          oped_graph: DocumentGraph) -> None:
    for graph in (csis_graph, oped_graph):
        result = store.save(graph)
        assert result.created
        assert result.summary.statement_count == len(graph.statements)
        assert result.summary.relation_count == len(graph.relations)
        assert store.get_graph(graph.document.id).normalized() == graph.normalized()


def test_saving_the_same_content_twice_changes_nothing(store: GraphStore, csis_graph: DocumentGraph) -> None:
    first = store.save(csis_graph)
    again = store.save(csis_graph)
    assert first.created and not again.created
    assert again.summary == first.summary
    documents, total = store.list_documents()
    assert total == 1 and [d.document.id for d in documents] == [csis_graph.document.id]
    assert store.search_statements(StatementQuery(limit=500))[1] == len(csis_graph.statements)


def test_concurrent_imports_of_one_document_leave_one_copy(store: GraphStore, oped_graph: DocumentGraph) -> None:
    outcomes: list[bool] = []
    errors: list[BaseException] = []

    def save() -> None:
        try:
            outcomes.append(store.save(oped_graph).created)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(outcomes) == [False, False, False, True]
    assert store.search_statements(StatementQuery(limit=500))[1] == len(oped_graph.statements)


def test_concurrent_first_imports_of_different_documents_all_land(store: GraphStore) -> None:
    """Into an empty store, so the documents' shared bookkeeping (import order) starts in a race too."""
    graphs = [small_graph(f"{SMALL_TEXT}\nThis is version {n} of the argument.\n") for n in range(5)]
    errors: list[BaseException] = []

    def save(graph: DocumentGraph) -> None:
        try:
            assert store.save(graph).created
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(graph,)) for graph in graphs[:4]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert store.save(graphs[4]).created  # a later import still works
    page, total = store.list_documents()
    assert total == 5 and {s.document.id for s in page} == {g.document.id for g in graphs}
    assert page[-1].document.id == graphs[4].document.id


def test_list_documents_pages_in_import_order(store: GraphStore, csis_graph: DocumentGraph,
                                              oped_graph: DocumentGraph) -> None:
    small = small_graph()
    for graph in (oped_graph, small, csis_graph):
        store.save(graph)
    page, total = store.list_documents(limit=2, offset=1)
    assert total == 3
    assert [s.document.id for s in page] == [small.document.id, csis_graph.document.id]
    assert page[0].document.source == small.document.source
    with pytest.raises(InvalidInput, match="limit"):
        store.list_documents(limit=0)
    with pytest.raises(InvalidInput, match="offset"):
        store.list_documents(offset=-1)


def test_unknown_ids_raise_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFound, match="doc-missing"):
        store.get_document("doc-missing")
    with pytest.raises(NotFound):
        store.get_graph("doc-missing")
    with pytest.raises(NotFound):
        store.delete_document("doc-missing")
    with pytest.raises(NotFound, match="st-missing"):
        store.get_statement("st-missing")


def test_delete_removes_exactly_that_document(store: GraphStore, csis_graph: DocumentGraph,
                                              oped_graph: DocumentGraph) -> None:
    store.save(csis_graph)
    store.save(oped_graph)
    store.delete_document(csis_graph.document.id)
    assert [d.document.id for d in store.list_documents()[0]] == [oped_graph.document.id]
    assert store.get_graph(oped_graph.document.id).normalized() == oped_graph.normalized()
    found, total = store.search_statements(StatementQuery(limit=500))
    assert total == len(oped_graph.statements)
    assert {s.document_id for s in found} == {oped_graph.document.id}
    with pytest.raises(NotFound):
        store.get_statement(csis_graph.statements[0].id)
    with pytest.raises(NotFound):
        store.delete_document(csis_graph.document.id)
    # and it can come back whole
    assert store.save(csis_graph).created
    assert store.get_graph(csis_graph.document.id).normalized() == csis_graph.normalized()


def test_statement_neighbours_follow_the_relations(store: GraphStore, csis_graph: DocumentGraph) -> None:
    store.save(csis_graph)
    hub = max(csis_graph.statements,
              key=lambda s: sum(s.id in (r.source, r.target) for r in csis_graph.relations))
    view = store.get_statement(hub.id)
    assert view.statement == hub
    expected = sorted(
        [("out", r.type.value, r.target) for r in csis_graph.relations if r.source == hub.id]
        + [("in", r.type.value, r.source) for r in csis_graph.relations if r.target == hub.id]
    )
    assert expected, "the hub statement must have relations"
    assert sorted((n.direction, n.relation.value, n.statement.id) for n in view.neighbours) == expected
    for neighbour in view.neighbours:
        assert neighbour.statement == csis_graph.statement(neighbour.statement.id)


def test_search_filters_and_pages(store: GraphStore, csis_graph: DocumentGraph, oped_graph: DocumentGraph) -> None:
    store.save(csis_graph)
    store.save(oped_graph)
    every = [*csis_graph.normalized().statements, *oped_graph.normalized().statements]

    found, total = store.search_statements(StatementQuery(kind=StatementKind.RECOMMENDATION, limit=500))
    assert total == len(found) == sum(s.kind is StatementKind.RECOMMENDATION for s in every) > 0
    assert all(s.kind is StatementKind.RECOMMENDATION for s in found)

    found, total = store.search_statements(StatementQuery(text="MALI", document_id=oped_graph.document.id, limit=500))
    expected = [s for s in oped_graph.normalized().statements if "mali" in s.text.lower()]
    assert found == expected and total == len(expected) > 0

    page, total = store.search_statements(StatementQuery(limit=5, offset=3))
    assert total == len(every) and page == every[3:8]

    with pytest.raises(InvalidInput):
        store.search_statements(StatementQuery(limit=501))
    with pytest.raises(InvalidInput, match="blank"):
        store.search_statements(StatementQuery(text="   "))
    for text in ("00\x00", "\x00", "mali\x00"):  # a NUL is in no statement: no match, not an error (FTS5 reads none)
        assert store.search_statements(StatementQuery(text=text)) == ([], 0)


def test_cross_document_quotes_link_and_are_removed_with_their_target(
        store: GraphStore, csis_graph: DocumentGraph) -> None:
    store.save(csis_graph)
    quoting = small_graph()
    quoted = csis_graph.statements[0]
    link = Relation(quoting.statements[1].id, quoted.id, RelationType.QUOTES)
    quoting = replace(quoting, relations=(*quoting.relations, link))
    store.save(quoting)
    assert link in store.get_graph(quoting.document.id).relations
    assert any(n.statement.id == link.source and n.direction == "in"
               for n in store.get_statement(quoted.id).neighbours)
    store.delete_document(csis_graph.document.id)
    assert link not in store.get_graph(quoting.document.id).relations


def test_a_failing_import_writes_nothing(store: GraphStore, csis_graph: DocumentGraph) -> None:
    store.save(csis_graph)
    before = store.get_graph(csis_graph.document.id).normalized()
    broken = small_graph()
    # The last statement reuses an id already stored for another document: the store
    # only notices after writing the document and the first statements.
    clash = replace(broken.statements[-1], id=csis_graph.statements[0].id)
    dropped = broken.statements[-1].id
    broken = replace(broken, statements=(*broken.statements[:-1], clash),
                     relations=tuple(r for r in broken.relations if dropped not in (r.source, r.target)))
    with pytest.raises(InvalidInput, match="conflicts"):
        store.save(broken)
    assert store.list_documents()[1] == 1
    with pytest.raises(NotFound):
        store.get_document(broken.document.id)
    assert store.get_graph(csis_graph.document.id).normalized() == before
    assert store.search_statements(StatementQuery(limit=500))[1] == len(before.statements)


def test_invalid_graphs_are_refused_before_writing(store: GraphStore) -> None:
    graph = small_graph()
    bad_offsets = replace(graph, statements=(replace(graph.statements[0], start=graph.statements[0].start + 1),
                                             *graph.statements[1:]))
    with pytest.raises(InvalidInput, match="quote"):
        store.save(bad_offsets)
    assert store.list_documents()[1] == 0


def test_clear_empties_the_store(store: GraphStore, oped_graph: DocumentGraph) -> None:
    store.save(oped_graph)
    store.clear()
    assert store.list_documents()[1] == 0
    assert store.search_statements(StatementQuery())[1] == 0


def test_huge_offsets_are_refused_not_crashed(store: GraphStore, oped_graph: DocumentGraph) -> None:
    store.save(oped_graph)
    with pytest.raises(InvalidInput, match="offset"):
        store.search_statements(StatementQuery(offset=2**63))
    with pytest.raises(InvalidInput, match="offset"):
        store.list_documents(offset=2**63)
    assert store.search_statements(StatementQuery(offset=10_000_000))[0] == []


def test_link_adds_cross_document_relations_once_and_traversals_see_them(
        store: GraphStore, csis_graph: DocumentGraph) -> None:
    from graph.traversal import Direction

    store.save(csis_graph)
    other = small_graph()
    store.save(other)
    target = csis_graph.statements[0]
    attack = Relation(other.statements[-1].id, target.id, RelationType.ATTACKS)
    before = store.neighbourhood([target.id], (RelationType.ATTACKS,), Direction.DOWN, 1)  # warms any cache
    assert attack.source not in before
    missing = Relation(other.statements[-1].id, "st-not-stored", RelationType.ATTACKS)
    assert store.link([attack, missing]) == 1
    assert store.link([attack]) == 0
    assert store.link([]) == 0
    after = store.neighbourhood([target.id], (RelationType.ATTACKS,), Direction.DOWN, 1)
    assert after.has_relation(attack.source, target.id, RelationType.ATTACKS)
    assert attack in store.get_graph(other.document.id).relations


def test_get_actor_finds_a_mentioned_actor_and_refuses_any_other_id(store: GraphStore,
                                                                    oped_graph: DocumentGraph) -> None:
    store.save(oped_graph)
    actor = oped_graph.actors[0]
    stored = {a.id: a for a in store.get_graph(oped_graph.document.id).actors}
    assert store.get_actor(actor.id) == stored[actor.id]
    with pytest.raises(NotFound, match="actor-nope"):
        store.get_actor("actor-nope")
    # Once no stored statement mentions it (its statements taken off the map), it is not known.
    mentioning = [s for s in oped_graph.statements
                  if any(m.statement_id == s.id and m.actor_id == actor.id for m in oped_graph.mentions)]
    for statement in mentioning:
        store.apply_change(LogEntry(oped_graph.document.id, Change(ChangeKind.REMOVE_STATEMENT, before=statement),
                                    "Jane", "2026-01-01T00:00:00+00:00"))
    with pytest.raises(NotFound, match=actor.id):
        store.get_actor(actor.id)
    store.delete_document(oped_graph.document.id)
    with pytest.raises(NotFound, match=actor.id):
        store.get_actor(actor.id)
