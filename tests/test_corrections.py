"""Corrections and their log: the store contract (apply_change, history, replace_graph) and the
use cases (services.corrections), each run on the embedded store AND a real Neo4j."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.deps import get_store
from api.main import create_app
from graph.corrections import Change, ChangeKind, LogEntry, relation_id
from graph.errors import InvalidInput, NotFound, StoreUnavailable
from graph.model import (
    AttackMode,
    DocumentGraph,
    Relation,
    RelationType,
    Statement,
    StatementKind,
    Verdict,
    statement_id_for,
)
from graph.store.base import FollowUp, GraphStore, ReplacedMap, StatementQuery
from graph.store.embedded import EmbeddedStore
from graph.store.neo4j import Neo4jStore
from importers import SourceMeta, parse_document
from services import analysis, corrections, documents, importing, provenance
from services.settings import PROJECT_ROOT, ServiceSettings
from tests import oped_case
from tests.conftest import CSIS, OPED, isolated_settings

TEXT = """Mali should talk to the armed groups.

Talks ended the 2015 fighting in the north, because every party had a seat.

However, critics say talks reward violence.

Military pressure alone has failed for nine years.

The weather in Bamako was mild that spring.
"""
OTHER = """France should withdraw its troops from Mali.

The operations have failed, because they fuel local grievances.

However, some argue that a withdrawal would embolden the jihadists.

Security has worsened every year since 2013.
"""


def settings(tmp_path: Path) -> ServiceSettings:
    return isolated_settings(tmp_path)


def imported(store: GraphStore, tmp_path: Path, text: str = TEXT) -> DocumentGraph:
    result = importing.import_text(store, text, settings=settings(tmp_path), importer="generic",
                                   meta=SourceMeta(title="On talks", authors=("A. Writer",)))
    return store.get_graph(result.summary.document.id)


def entry(graph: DocumentGraph, change: Change, author: str = "Jane") -> LogEntry:
    return LogEntry(graph.document.id, change, author, "2026-01-01T00:00:00+00:00")


def unrelated_pair(graph: DocumentGraph) -> tuple[Statement, Statement]:
    """Two statements of the graph with no relation between them, the first one not attacked."""
    related = {frozenset((r.source, r.target)) for r in graph.relations}
    attacked = {r.target for r in graph.relations if r.type is RelationType.ATTACKS}
    for a in sorted(graph.statements, key=lambda s: s.id in attacked):
        for b in graph.statements:
            if a.id != b.id and frozenset((a.id, b.id)) not in related:
                return a, b
    raise AssertionError("every pair is related")


# --- the store contract ------------------------------------------------------------------------

def test_an_import_starts_the_log_with_the_importer_and_its_version(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    log = store.history(graph.document.id)
    assert [(e.seq, e.change.kind) for e in log] == [(1, ChangeKind.IMPORT)]
    assert log[0].author == f"importer:generic@{provenance.importer_version()}"
    assert log[0].change.report == {"importer": "generic", "version": provenance.importer_version()}
    with pytest.raises(NotFound):
        store.history("doc-nope")


def test_an_edit_changes_the_stored_statement_and_is_logged(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    before = next(s for s in graph.statements if s.kind is not StatementKind.REBUTTAL)
    after = replace(before, kind=StatementKind.REBUTTAL, speaker="Someone Else", reported=True)
    logged = store.apply_change(entry(graph, Change(ChangeKind.EDIT_STATEMENT, before=before, after=after)))
    assert logged.seq == 2
    assert store.get_statement(before.id).statement == after
    found, _ = store.search_statements(StatementQuery(kind=StatementKind.REBUTTAL, document_id=graph.document.id))
    assert [s.id for s in found] == [before.id]
    assert store.document_subgraph(graph.document.id).node(before.id).kind is StatementKind.REBUTTAL
    history = store.history(graph.document.id)
    assert history[-1] == logged
    assert history[-1].change.before == before and history[-1].change.after == after

    missing = replace(after, id="st-missing")
    with pytest.raises(NotFound):
        store.apply_change(entry(graph, Change(ChangeKind.EDIT_STATEMENT, before=missing, after=missing)))
    assert len(store.history(graph.document.id)) == 2  # a failed change logs nothing


def test_relations_are_added_and_removed_once(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    a, b = unrelated_pair(graph)
    attack = Relation(a.id, b.id, RelationType.ATTACKS, AttackMode.UNDERCUT)
    store.apply_change(entry(graph, Change(ChangeKind.ADD_RELATION, relation=attack)))
    neighbours = store.get_statement(b.id).neighbours
    assert any(n.statement.id == a.id and n.direction == "in" and n.mode == "undercut" for n in neighbours)
    assert store.document_subgraph(graph.document.id).has_relation(a.id, b.id, RelationType.ATTACKS)
    with pytest.raises(InvalidInput, match="already"):
        store.apply_change(entry(graph, Change(ChangeKind.ADD_RELATION, relation=attack)))
    with pytest.raises(NotFound):
        store.apply_change(entry(graph, Change(ChangeKind.ADD_RELATION,
                                               relation=Relation(a.id, "st-nope", RelationType.SUPPORTS))))

    store.apply_change(entry(graph, Change(ChangeKind.REMOVE_RELATION, relation=attack)))
    assert not any(n.statement.id == a.id for n in store.get_statement(b.id).neighbours
                   if n.relation is RelationType.ATTACKS)
    with pytest.raises(NotFound):
        store.apply_change(entry(graph, Change(ChangeKind.REMOVE_RELATION, relation=attack)))
    assert [e.change.kind for e in store.history(graph.document.id)] == [
        ChangeKind.IMPORT, ChangeKind.ADD_RELATION, ChangeKind.REMOVE_RELATION]


def test_a_removed_statement_comes_back_with_its_relations(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    hub = max(graph.statements, key=lambda s: sum(s.id in (r.source, r.target) for r in graph.relations))
    relations = tuple(r for r in graph.relations if hub.id in (r.source, r.target))
    assert relations, "the generic importer relates some statements"
    store.apply_change(entry(graph, Change(ChangeKind.REMOVE_STATEMENT, before=hub, relations=relations)))
    with pytest.raises(NotFound):
        store.get_statement(hub.id)
    assert store.get_document(graph.document.id).statement_count == len(graph.statements) - 1
    store.apply_change(entry(graph, Change(ChangeKind.RESTORE_STATEMENT, after=hub, relations=relations)))
    restored = store.get_graph(graph.document.id)
    assert restored.normalized().statements == graph.normalized().statements
    assert set(restored.relations) == set(graph.relations)
    with pytest.raises(InvalidInput, match="already"):
        store.apply_change(entry(graph, Change(ChangeKind.RESTORE_STATEMENT, after=hub, relations=relations)))


def test_log_false_applies_without_an_entry_and_logs_are_per_document(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    other = imported(store, tmp_path, OTHER)
    a, b = unrelated_pair(graph)
    store.apply_change(entry(graph, Change(ChangeKind.ADD_RELATION,
                                           relation=Relation(a.id, b.id, RelationType.SUPPORTS))), log=False)
    assert len(store.history(graph.document.id)) == 1
    assert any(n.statement.id == a.id for n in store.get_statement(b.id).neighbours)
    x, y = unrelated_pair(other)
    logged = store.apply_change(entry(other, Change(ChangeKind.ADD_RELATION,
                                                    relation=Relation(x.id, y.id, RelationType.SUPPORTS))))
    assert logged.seq == 2 and logged.document_id == other.document.id


def test_replace_graph_keeps_the_document_and_its_log(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    a, b = unrelated_pair(graph)
    store.apply_change(entry(graph, Change(ChangeKind.ADD_RELATION,
                                           relation=Relation(a.id, b.id, RelationType.SUPPORTS))))
    fresh = parse_document(TEXT, importer="generic", source=SourceMeta(title="On talks", authors=("A. Writer",)))
    result = store.replace_graph(fresh)
    assert not result.created and result.summary.statement_count == len(fresh.statements)
    assert store.get_graph(graph.document.id).relations == fresh.normalized().relations
    assert len(store.history(graph.document.id)) == 2
    assert store.list_documents()[1] == 1
    with pytest.raises(NotFound):
        store.replace_graph(parse_document(OTHER, importer="generic"))


def with_statement_changed(graph: DocumentGraph, old: Statement, new: Statement | None) -> DocumentGraph:
    """``graph`` with ``old`` replaced by ``new`` everywhere (None: left out with what refers to it)."""
    def moved(statement_id: str) -> str | None:
        return (new.id if new else None) if statement_id == old.id else statement_id

    relations = tuple(replace(r, source=s, target=t) for r in graph.relations
                      if (s := moved(r.source)) is not None and (t := moved(r.target)) is not None)
    mentions = tuple(replace(m, statement_id=i) for m in graph.mentions if (i := moved(m.statement_id)) is not None)
    tags = tuple(replace(t, statement_id=i) for t in graph.topic_tags if (i := moved(t.statement_id)) is not None)
    statements = tuple(new if s.id == old.id else s for s in graph.statements if new or s.id != old.id)
    return replace(graph, statements=statements, relations=relations, mentions=mentions, topic_tags=tags)


def test_replace_graph_carries_other_documents_relations_in_its_one_transaction(
        store: GraphStore, tmp_path: Path) -> None:
    """Relations from another document's statements follow their target into the new parse (same
    id, else same span) or go with it, in the transaction replacing the graph: when that fails
    midway (after the old statements are gone), nothing stored has changed."""
    graph, other = imported(store, tmp_path), imported(store, tmp_path, OTHER)
    kept, rekinded, dropped = graph.statements[1], graph.statements[4], graph.statements[5]
    theirs = other.statements
    carried = [Relation(theirs[0].id, kept.id, RelationType.SUPPORTS),
               Relation(theirs[1].id, rekinded.id, RelationType.ATTACKS, AttackMode.UNDERCUT),
               Relation(theirs[2].id, dropped.id, RelationType.QUOTES)]
    assert store.link(carried) == 3
    fresh = parse_document(TEXT, importer="generic", source=SourceMeta(title="On talks", authors=("A. Writer",)))
    assert rekinded.kind is not StatementKind.EVIDENCE
    evidence = replace(rekinded, kind=StatementKind.EVIDENCE,
                       id=statement_id_for(graph.document.id, StatementKind.EVIDENCE, rekinded.start, rekinded.end))
    fresh = with_statement_changed(with_statement_changed(fresh, rekinded, evidence), dropped, None)

    def stored() -> tuple[object, ...]:
        return (store.get_graph(graph.document.id).normalized(), store.get_graph(other.document.id).normalized(),
                store.history(graph.document.id), store.topic_summaries(), store.actor_summaries())

    before = stored()
    # A real failure inside the store's transaction: the last new statement has the id of another
    # document's statement (unique), so the write fails after the old statements were deleted.
    clash = replace(fresh, statements=(*fresh.statements[:-1], replace(fresh.statements[-1], id=theirs[3].id)))
    clash = replace(clash, relations=tuple(r for r in clash.relations if fresh.statements[-1].id not in
                                           (r.source, r.target)),
                    mentions=(), topic_tags=(), actors=(), topics=())
    with pytest.raises(InvalidInput, match="conflicts"):
        store.replace_graph(clash)
    assert stored() == before

    store.replace_graph(fresh)
    assert store.get_graph(graph.document.id).normalized() == fresh.normalized()
    assert set(store.get_graph(other.document.id).relations) - set(other.relations) == {
        carried[0], replace(carried[1], target=evidence.id)}
    with pytest.raises(NotFound):
        store.get_statement(dropped.id)


def test_replace_graph_writes_its_follow_up_in_its_one_transaction(store: GraphStore, tmp_path: Path) -> None:
    """``then`` sees the map as replace_graph wrote it (carried relations included) and its
    changes and log entry land with the new parse; when the store refuses one of the changes
    midway (after the new parse and an earlier change were written), nothing stored has changed."""
    graph, other = imported(store, tmp_path), imported(store, tmp_path, OTHER)
    mine, theirs = graph.statements[1], other.statements[0]
    carried = Relation(theirs.id, mine.id, RelationType.SUPPORTS)
    assert store.link([carried]) == 1
    fresh = parse_document(TEXT, importer="generic", source=SourceMeta(title="On talks", authors=("A. Writer",)))
    assert mine in fresh.statements
    edit = Change(ChangeKind.EDIT_STATEMENT, before=mine, after=replace(mine, kind=StatementKind.REBUTTAL))
    unknown = statement_id_for(other.document.id, StatementKind.CLAIM, 0, 1)
    refused = Change(ChangeKind.ADD_RELATION, relation=Relation(mine.id, unknown, RelationType.SUPPORTS))
    reimported = entry(graph, Change(ChangeKind.REIMPORT, report={"reapplied": []}), author="importer:generic")
    seen: list[ReplacedMap] = []

    def follow_up(changes: tuple[Change, ...]) -> Callable[[ReplacedMap], FollowUp]:
        def then(new_map: ReplacedMap) -> FollowUp:
            seen.append(new_map)
            assert new_map.get_statements([theirs.id, unknown]) == {theirs.id: theirs}
            return FollowUp(changes, reimported)
        return then

    def stored() -> tuple[object, ...]:
        return (store.get_graph(graph.document.id).normalized(), store.get_graph(other.document.id).normalized(),
                store.history(graph.document.id), store.topic_summaries(), store.actor_summaries())

    before = stored()
    with pytest.raises(NotFound, match=unknown):
        store.replace_graph(fresh, link_quotes=True, then=follow_up((edit, refused)))
    assert stored() == before
    new_map = seen[-1]
    assert new_map.document_id == graph.document.id and new_map.statements == fresh.statements
    assert set(new_map.relations) == {*fresh.relations, carried}
    assert list(new_map.log) == store.history(graph.document.id) and len(new_map.log) == 1

    result = store.replace_graph(fresh, link_quotes=True, then=follow_up((edit,)))
    assert result.logged is not None and result.logged.seq == 2
    assert store.history(graph.document.id)[-1] == result.logged == replace(reimported, seq=2)
    assert store.get_statement(mine.id).statement == edit.after
    assert any(n.statement.id == theirs.id for n in store.get_statement(mine.id).neighbours)
    with pytest.raises(InvalidInput, match="log entry of document"):
        store.replace_graph(fresh, then=lambda _: FollowUp(entry=replace(reimported, document_id=other.document.id)))


def test_deleting_a_document_deletes_its_log(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    a, b = unrelated_pair(graph)
    store.apply_change(entry(graph, Change(ChangeKind.ADD_RELATION,
                                           relation=Relation(a.id, b.id, RelationType.SUPPORTS))))
    store.delete_document(graph.document.id)
    with pytest.raises(NotFound):
        store.history(graph.document.id)
    again = imported(store, tmp_path)
    assert [e.seq for e in store.history(again.document.id)] == [1]


# --- the use cases -----------------------------------------------------------------------------

def test_edit_statement_checks_kind_verdict_span_and_speaker(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    source = graph.document.source
    target = graph.statements[0]
    with pytest.raises(InvalidInput, match="needs a verdict"):
        corrections.edit_statement(store, target.id, kind=StatementKind.ASSUMPTION_CHECK)
    with pytest.raises(InvalidInput, match="only assumption checks"):
        corrections.edit_statement(store, target.id, verdict=Verdict.UPHELD)
    with pytest.raises(InvalidInput, match="nothing to change"):
        corrections.edit_statement(store, target.id, kind=target.kind)
    with pytest.raises(InvalidInput, match="not inside the source"):
        corrections.edit_statement(store, target.id, start=0, end=len(source) + 1)
    with pytest.raises(InvalidInput, match="20–5 is empty: start must be before end"):
        corrections.edit_statement(store, target.id, start=20, end=5)

    checked = corrections.edit_statement(store, target.id, kind=StatementKind.ASSUMPTION_CHECK,
                                         verdict=Verdict.CHALLENGED, analyst="Jane Analyst")
    assert checked.author == "Jane Analyst" and checked.after is not None
    assert checked.after.verdict is Verdict.CHALLENGED
    back = corrections.edit_statement(store, target.id, kind=StatementKind.CLAIM)
    assert back.after is not None and back.after.verdict is None

    # A new span is an exact slice of the source (blanks at its ends trimmed); the id stays.
    word = source.index("Talks")
    end = source.index(".", word) + 1
    spanned = corrections.edit_statement(store, target.id, start=word - 1, end=end + 1)
    stored = store.get_statement(target.id).statement
    assert (stored.start, stored.end) == (word, end) and stored.quote == source[word:end]
    assert spanned.after is not None and spanned.after.quote == stored.quote

    spoken = corrections.edit_statement(store, target.id, speaker="Iyad Ag Ghaly")
    assert spoken.after is not None and spoken.after.reported
    assert store.get_statement(target.id).statement.speaker == "Iyad Ag Ghaly"


def test_add_and_remove_relations_and_mark_not_argumentative(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    a, b = unrelated_pair(graph)
    with pytest.raises(InvalidInput, match="QUOTES"):
        corrections.add_relation(store, a.id, b.id, RelationType.QUOTES)
    with pytest.raises(InvalidInput, match="only ATTACKS"):
        corrections.add_relation(store, a.id, b.id, RelationType.SUPPORTS, AttackMode.REBUT)
    with pytest.raises(NotFound):
        corrections.add_relation(store, a.id, "st-nope", RelationType.ATTACKS)
    added = corrections.add_relation(store, a.id, b.id, RelationType.ATTACKS)
    assert added.relation is not None and added.relation.mode is AttackMode.REBUT
    rid = relation_id(Relation(a.id, b.id, RelationType.ATTACKS))
    graph_answer = documents.graph_answer(store, graph.document.id)
    new = next(r for r in graph_answer.relations if r.id == rid)
    assert new.origin.by == "analyst" and new.origin.seq == added.seq
    assert all(r.origin.by == "importer" for r in graph_answer.relations if r.id != rid)
    assert {s.origin.name for s in graph_answer.statements} == {
        f"importer:generic@{provenance.importer_version()}"}

    with pytest.raises(InvalidInput, match="already on the map as rebut: remove it first to make it undercut"):
        corrections.add_relation(store, a.id, b.id, RelationType.ATTACKS, AttackMode.UNDERCUT)
    with pytest.raises(InvalidInput, match="already on the map$"):
        corrections.add_relation(store, a.id, b.id, RelationType.ATTACKS, AttackMode.REBUT)

    removed = corrections.remove_relation(store, rid)
    assert removed.kind is ChangeKind.REMOVE_RELATION
    with pytest.raises(NotFound):
        corrections.remove_relation(store, rid)
    with pytest.raises(InvalidInput, match="SOURCE:TYPE:TARGET"):
        corrections.remove_relation(store, "nonsense")

    noise = graph.statements[-1]
    corrections.mark_not_argumentative(store, noise.id)
    with pytest.raises(NotFound):
        store.get_statement(noise.id)


def test_undo_reverts_the_latest_corrections_in_turn(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    with pytest.raises(InvalidInput, match="nothing to undo"):
        corrections.undo(store, graph.document.id)
    hub = max(graph.statements, key=lambda s: sum(s.id in (r.source, r.target) for r in graph.relations))
    a, b = unrelated_pair(replace(graph, statements=tuple(s for s in graph.statements if s.id != hub.id)))
    first = corrections.edit_statement(store, a.id, kind=StatementKind.REBUTTAL)
    second = corrections.add_relation(store, a.id, b.id, RelationType.ATTACKS)
    third = corrections.mark_not_argumentative(store, hub.id)
    assert corrections.history_answer(store, graph.document.id).undo == third.seq

    undone = corrections.undo(store, graph.document.id, analyst="Jane")
    assert undone.undoes == third.seq and undone.kind is ChangeKind.RESTORE_STATEMENT
    assert store.get_statement(hub.id).statement == hub
    assert {(n.statement.id, n.relation) for n in store.get_statement(hub.id).neighbours} >= {
        (r.target if r.source == hub.id else r.source, r.type) for r in graph.relations
        if hub.id in (r.source, r.target) and r.type is not RelationType.QUOTES}
    assert corrections.undo(store, graph.document.id).undoes == second.seq
    assert not any(n.statement.id == a.id for n in store.get_statement(b.id).neighbours
                   if n.relation is RelationType.ATTACKS)
    assert corrections.undo(store, graph.document.id).undoes == first.seq
    assert store.get_statement(a.id).statement == a
    with pytest.raises(InvalidInput, match="nothing to undo"):
        corrections.undo(store, graph.document.id)
    history = corrections.history_answer(store, graph.document.id)
    assert [e.kind for e in history.data] == [
        ChangeKind.IMPORT, ChangeKind.EDIT_STATEMENT, ChangeKind.ADD_RELATION, ChangeKind.REMOVE_STATEMENT,
        ChangeKind.RESTORE_STATEMENT, ChangeKind.REMOVE_RELATION, ChangeKind.EDIT_STATEMENT]
    assert history.undo is None


def test_split_and_merge_keep_spans_exact_and_undo_back(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    source = graph.document.source
    # Split a statement of two clauses after its comma.
    long = next(s for s in graph.statements if ", " in s.quote)
    cut = long.start + long.quote.index(", ") + 1
    with pytest.raises(InvalidInput, match="inside the statement"):
        corrections.split_statement(store, long.id, long.end)
    split = corrections.split_statement(store, long.id, cut, analyst="Jane")
    assert split.kind is ChangeKind.SPLIT_STATEMENT and "split into" in split.summary
    first = store.get_statement(long.id).statement
    assert (first.start, first.end) == (long.start, cut) and first.quote == source[first.start:first.end]
    stored = store.get_graph(graph.document.id)
    second = next(s for s in stored.statements if s.start >= cut and s.end == long.end and s.id != long.id)
    assert second.quote == source[second.start:second.end] and second.kind is long.kind
    assert {r.key for r in stored.relations if long.id in (r.source, r.target)} == {
        r.key for r in graph.relations if long.id in (r.source, r.target)}
    origins = {s.id: s.origin.by for s in documents.graph_answer(store, graph.document.id).statements}
    assert origins[long.id] == origins[second.id] == "analyst"

    # Merging the two parts back, then undoing the merge and the split, gives the import's map.
    merged = corrections.merge_statements(store, long.id, second.id)
    assert merged.kind is ChangeKind.MERGE_STATEMENTS
    assert store.get_statement(long.id).statement == long
    with pytest.raises(NotFound):
        store.get_statement(second.id)
    corrections.undo(store, graph.document.id)
    assert store.get_statement(second.id).statement == second
    corrections.undo(store, graph.document.id)
    assert store.get_graph(graph.document.id).normalized().statements == graph.normalized().statements
    assert set(store.get_graph(graph.document.id).relations) == set(graph.relations)


def test_a_merge_takes_over_the_relations_and_survives_a_reimport(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    related = {end for r in graph.relations for end in (r.source, r.target)}
    kept, other = next((a, b) for a in graph.statements for b in graph.statements
                       if a.id in related and b.id in related and a.id != b.id
                       and not any({r.source, r.target} == {a.id, b.id} for r in graph.relations))
    with pytest.raises(InvalidInput, match="itself"):
        corrections.merge_statements(store, kept.id, kept.id)
    merge = corrections.merge_statements(store, kept.id, other.id)
    after = store.get_statement(kept.id)
    assert after.statement.start == min(kept.start, other.start) and after.statement.end == max(kept.end, other.end)
    assert after.statement.quote == graph.document.source[after.statement.start:after.statement.end]
    taken = {r.target if r.source == other.id else r.source
             for r in graph.relations if other.id in (r.source, r.target)}
    assert taken - {kept.id} <= {n.statement.id for n in after.neighbours}

    report = corrections.reimport(store, graph.document.id)
    assert report.reapplied == [merge.seq] and report.no_longer_fit == []
    assert store.get_statement(kept.id).statement == after.statement
    with pytest.raises(NotFound):
        store.get_statement(other.id)


def test_reimport_reapplies_corrections_that_fit_and_reports_the_rest(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    other = imported(store, tmp_path, OTHER)
    a, b = unrelated_pair(graph)
    kind_change = corrections.edit_statement(store, a.id, kind=StatementKind.REBUTTAL)
    attack = corrections.add_relation(store, a.id, b.id, RelationType.ATTACKS)
    # A cross-document attack whose target is then deleted: it no longer fits.
    lost = corrections.add_relation(store, b.id, other.statements[0].id, RelationType.ATTACKS)
    store.delete_document(other.document.id)
    undone = corrections.add_relation(store, b.id, a.id, RelationType.SUPPORTS)
    corrections.undo(store, graph.document.id)

    report = corrections.reimport(store, graph.document.id)
    assert report.reapplied == [kind_change.seq, attack.seq]
    assert [item.seq for item in report.no_longer_fit] == [lost.seq]
    assert "not in the new parse" in report.no_longer_fit[0].reason
    assert undone.seq not in report.reapplied + report.already_satisfied
    assert store.get_statement(a.id).statement.kind is StatementKind.REBUTTAL
    assert any(n.statement.id == a.id for n in store.get_statement(b.id).neighbours
               if n.relation is RelationType.ATTACKS)
    assert not any(n.statement.id == b.id for n in store.get_statement(a.id).neighbours
                   if n.relation is RelationType.SUPPORTS)
    log = store.history(graph.document.id)
    assert log[-1].change.kind is ChangeKind.REIMPORT and log[-1].seq == report.entry.seq
    assert log[-1].change.report is not None and log[-1].change.report["reapplied"] == report.reapplied

    # Importing the same text again changes nothing and keeps the corrections.
    again = importing.import_text(store, TEXT, settings=settings(tmp_path), importer="generic")
    assert not again.created
    assert store.get_statement(a.id).statement.kind is StatementKind.REBUTTAL
    # Re-importing twice is stable: everything already re-applied fits again.
    assert corrections.reimport(store, graph.document.id).reapplied == report.reapplied
    # Undo after a re-import reverts the latest correction that is on the map.
    assert corrections.undo(store, graph.document.id).undoes == attack.seq


def test_reimport_keeps_relations_to_and_from_other_documents(store: GraphStore, tmp_path: Path) -> None:
    graph = imported(store, tmp_path)
    other = imported(store, tmp_path, OTHER)
    mine, theirs = graph.statements[0], other.statements[0]
    outgoing = corrections.add_relation(store, mine.id, theirs.id, RelationType.ATTACKS, AttackMode.UNDERCUT)
    incoming = corrections.add_relation(store, theirs.id, graph.statements[1].id, RelationType.SUPPORTS)
    assert (outgoing.document_id, incoming.document_id) == (graph.document.id, other.document.id)

    def cross_document() -> set[tuple[str, str, RelationType, str | None]]:
        return {(n.statement.id, n.direction, n.relation, n.mode) for n in store.get_statement(theirs.id).neighbours
                if n.statement.document_id == graph.document.id}

    before = cross_document()
    assert before == {(mine.id, "in", RelationType.ATTACKS, "undercut"),
                      (graph.statements[1].id, "out", RelationType.SUPPORTS, None)}
    report = corrections.reimport(store, graph.document.id)
    assert report.reapplied == [outgoing.seq] and report.no_longer_fit == []
    assert cross_document() == before
    # The other document's log still has its correction in force, and undoing it removes the relation.
    assert corrections.undo(store, other.document.id).undoes == incoming.seq
    assert cross_document() == {(mine.id, "in", RelationType.ATTACKS, "undercut")}


def test_a_merge_that_took_over_another_documents_relation_is_reapplied_by_a_reimport(
        store: GraphStore, tmp_path: Path) -> None:
    graph, other = imported(store, tmp_path), imported(store, tmp_path, OTHER)
    kept, gone = unrelated_pair(graph)
    theirs = other.statements[0]
    corrections.add_relation(store, theirs.id, gone.id, RelationType.SUPPORTS)
    merge = corrections.merge_statements(store, kept.id, gone.id)
    assert any(n.statement.id == theirs.id for n in store.get_statement(kept.id).neighbours)

    report = corrections.reimport(store, graph.document.id)
    # The re-import carried the other document's support over to `kept`: the merge's step adding it
    # is already on the map, which is no reason for the whole merge not to fit.
    assert report.reapplied == [merge.seq] and report.no_longer_fit == []
    assert any(n.statement.id == theirs.id and n.relation is RelationType.SUPPORTS
               for n in store.get_statement(kept.id).neighbours)
    with pytest.raises(NotFound):
        store.get_statement(gone.id)


def failing_on_write(monkeypatch: pytest.MonkeyPatch, store: GraphStore, k: int) -> None:
    """The store goes away (StoreUnavailable) when it applies its ``k``-th change from now on,
    inside whatever transaction is open: everything else about the store is real."""
    store_class = type(store)
    original = inspect.getattr_static(store_class, "_apply")
    apply = original.__func__ if isinstance(original, staticmethod) else original
    calls = 0

    def counting(*args: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == k:
            raise StoreUnavailable("the store went away")
        apply(*args)

    monkeypatch.setattr(store_class, "_apply", staticmethod(counting) if isinstance(original, staticmethod)
                        else counting)


def test_a_reimport_that_fails_part_way_changes_nothing(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All-or-nothing: the store failing while re-applying the third of four corrections leaves
    the map, both logs and the totals exactly as they were (no correction in force is lost)."""
    graph, other = imported(store, tmp_path), imported(store, tmp_path, OTHER)
    a, b = unrelated_pair(graph)
    weather = next(s for s in graph.statements if "weather" in s.text and s.id not in (a.id, b.id))
    made = [corrections.edit_statement(store, a.id, kind=StatementKind.REBUTTAL),
            corrections.add_relation(store, a.id, b.id, RelationType.ATTACKS),
            corrections.add_relation(store, b.id, other.statements[0].id, RelationType.SUPPORTS),
            corrections.mark_not_argumentative(store, weather.id)]

    def stored() -> tuple[object, ...]:
        return (store.get_graph(graph.document.id).normalized(), store.get_graph(other.document.id).normalized(),
                store.history(graph.document.id), store.history(other.document.id), store.topic_summaries(),
                store.actor_summaries(), store.list_documents())

    before = stored()
    with monkeypatch.context() as patch:
        failing_on_write(patch, store, 3)
        with pytest.raises(StoreUnavailable):
            corrections.reimport(store, graph.document.id)
    assert stored() == before

    report = corrections.reimport(store, graph.document.id)
    assert report.reapplied == [c.seq for c in made] and report.no_longer_fit == []
    # The same parse with every correction re-applied is the map as it was, plus the REIMPORT entry.
    after = stored()
    assert after[:2] == before[:2] and after[3:] == before[3:]
    assert after[2][:-1] == before[2] and after[2][-1].seq == report.entry.seq  # type: ignore[index]


@pytest.mark.neo4j
def test_a_reimport_the_driver_runs_again_replays_its_corrections_once(
        neo4j_store: Neo4jStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver runs a write transaction again after a retryable failure (here a session lost
    once the follow-up is written): the replay is decided again against the new attempt's map,
    and what commits is one re-import, each correction applied once and one REIMPORT entry,
    nothing left of the failed attempt."""
    store = neo4j_store
    store.clear()
    graph = imported(store, tmp_path)
    a, b = unrelated_pair(graph)
    made = [corrections.edit_statement(store, a.id, kind=StatementKind.REBUTTAL),
            corrections.add_relation(store, a.id, b.id, RelationType.ATTACKS)]
    map_before, log_before = store.get_graph(graph.document.id).normalized(), store.history(graph.document.id)

    write_follow_up: Callable[..., LogEntry | None] = inspect.getattr_static(Neo4jStore, "_follow_up").__func__
    attempts = 0

    def lost_once_written(tx: neo4j.ManagedTransaction, document_id: str, follow_up: FollowUp) -> LogEntry | None:
        nonlocal attempts
        attempts += 1
        logged = write_follow_up(tx, document_id, follow_up)
        if attempts == 1:
            raise neo4j.exceptions.SessionExpired("the session was lost before the commit")
        return logged

    monkeypatch.setattr(Neo4jStore, "_follow_up", staticmethod(lost_once_written))
    report = corrections.reimport(store, graph.document.id)

    assert attempts == 2
    assert report.reapplied == [c.seq for c in made] and report.no_longer_fit == []
    assert store.get_graph(graph.document.id).normalized() == map_before
    log_after = store.history(graph.document.id)
    assert log_after[:-1] == log_before and log_after[-1].seq == report.entry.seq
    assert [e.change.kind for e in log_after].count(ChangeKind.REIMPORT) == 1


def test_a_reimport_keeps_a_removed_quotation_link_removed_and_a_removal_undoable(
        store: GraphStore, tmp_path: Path) -> None:
    """The replay sees the quotation links replace_graph makes: an analyst's removal of one is
    re-applied (not reported as already satisfied while the link is back), and a statement marked
    not argumentative comes back, after a re-import and an undo, with its QUOTES and ATTACKS."""
    for path in (CSIS, OPED):
        importing.import_bytes(store, path.read_bytes(), settings=settings(tmp_path))
    quoting = store.search_statements(StatementQuery(text="as thurston notes"))[0][0]
    quoted = next(n.statement for n in store.get_statement(quoting.id).neighbours
                  if n.relation is RelationType.QUOTES)

    def neighbours() -> set[tuple[str, str, RelationType]]:
        return {(n.statement.id, n.direction, n.relation) for n in store.get_statement(quoting.id).neighbours}

    linked = neighbours()
    assert (quoted.id, "out", RelationType.QUOTES) in linked
    removal = corrections.remove_relation(store, f"{quoting.id}:QUOTES:{quoted.id}")
    report = corrections.reimport(store, quoting.document_id)
    assert report.reapplied == [removal.seq] and report.already_satisfied == []
    assert neighbours() == linked - {(quoted.id, "out", RelationType.QUOTES)}
    assert corrections.undo(store, quoting.document_id).undoes == removal.seq
    assert neighbours() == linked

    marked = corrections.mark_not_argumentative(store, quoting.id)
    assert corrections.reimport(store, quoting.document_id).reapplied == [marked.seq]
    assert store.get_statements([quoting.id]) == {}
    assert corrections.undo(store, quoting.document_id).undoes == marked.seq
    assert neighbours() == linked


def test_a_split_whose_new_part_is_now_another_documents_statement_no_longer_fits(
        store: GraphStore, tmp_path: Path) -> None:
    """The store refuses to restore a statement id that is stored already; the replay sees that
    in its transaction and reports the correction, rather than the whole re-import failing."""
    graph = imported(store, tmp_path)
    whole = next(s for s in graph.statements if s.quote.startswith("Military pressure"))
    split = corrections.split_statement(store, whole.id, whole.start + whole.quote.index(" has failed"))
    kept = corrections.add_relation(store, graph.statements[0].id, graph.statements[3].id, RelationType.ATTACKS)
    second = next(s for s in store.get_graph(graph.document.id).statements
                  if s.start > whole.start and s.end == whole.end)
    # The new part leaves the map without a log entry, and another document's statement takes its id.
    store.apply_change(entry(graph, Change(ChangeKind.REMOVE_STATEMENT, before=second)), log=False)
    other = parse_document(OTHER, importer="generic")
    last = other.statements[-1]
    other = replace(other, statements=(*other.statements[:-1], replace(last, id=second.id)),
                    relations=tuple(r for r in other.relations if last.id not in (r.source, r.target)),
                    mentions=(), topic_tags=(), actors=(), topics=())
    store.save(other)

    report = corrections.reimport(store, graph.document.id)
    assert report.reapplied == [kept.seq]
    assert [item.seq for item in report.no_longer_fit] == [split.seq]
    assert f"on the map of document {other.document.id}" in report.no_longer_fit[0].reason
    assert store.get_statement(second.id).statement.document_id == other.document.id
    assert store.get_statement(whole.id).statement == whole


def test_answering_the_oped_counterarguments_makes_its_thesis_accepted(store: GraphStore, tmp_path: Path) -> None:
    """The issue's case: the op-ed's thesis is rejected while a counterargument has no reply; an
    analyst adds the author's replies (rebuttals attacking them) and the thesis is accepted."""
    result = importing.import_bytes(store, OPED.read_bytes(), settings=settings(tmp_path),
                                    meta=SourceMeta(filename=OPED.name))
    document_id = result.summary.document.id

    def current() -> tuple[DocumentGraph, list[str], list[tuple[str, str, str]], dict[str, str]]:
        graph = store.get_graph(document_id)
        labels = {i: v.value for i, v in analysis.document_status(store, document_id, scope="document").items()}
        order = [s.id for s in sorted(graph.statements, key=lambda s: s.start)]
        return graph, order, [(r.source, r.target, r.type.value) for r in graph.relations], labels

    graph, order, relations, labels = current()
    thesis = next(s.id for s in graph.statements if s.kind is StatementKind.THESIS)
    if labels[thesis] == "accepted":  # the importers answer every attack already: an analyst raises one
        made = oped_case.counterargument_to_make(order, relations, thesis)
        corrections.edit_statement(store, made, kind=StatementKind.COUNTERARGUMENT)
        corrections.add_relation(store, made, thesis, RelationType.ATTACKS)
        graph, order, relations, labels = current()
    assert labels[thesis] == "rejected"
    replies = []
    for _ in range(5):
        attackers = oped_case.unanswered_attackers(relations, thesis, {i for i, v in labels.items() if v == "accepted"})
        if not attackers:
            break
        for attacker, reply in oped_case.pick_replies(order, relations, thesis, attackers).items():
            if graph.statement(reply).kind is not StatementKind.REBUTTAL:
                corrections.edit_statement(store, reply, kind=StatementKind.REBUTTAL)
            corrections.add_relation(store, reply, attacker, RelationType.ATTACKS, AttackMode.REBUT)
            replies.append(reply)
        graph, order, relations, labels = current()
    assert labels[thesis] == "accepted"

    report = corrections.reimport(store, document_id)
    assert report.no_longer_fit == []
    assert analysis.document_status(store, document_id, scope="document")[thesis].value == "accepted"
    aif = json.loads(documents.export_document(store, document_id, "aif").content)
    assert {n["argmapId"] for n in aif["nodes"] if n.get("argmapKind") == "rebuttal"} >= set(replies)


def test_the_oped_case_is_read_from_any_importer_output() -> None:
    """tests.oped_case on a made-up map: the choices do not depend on the seed's ids."""
    order = ["t", "c1", "x", "c2", "y", "z", "w"]
    relations = [("c1", "t", "ATTACKS"), ("c2", "t", "ATTACKS"), ("x", "c1", "SUPPORTS"), ("y", "x", "ATTACKS"),
                 ("z", "t", "SUPPORTS")]
    assert oped_case.unanswered_attackers(relations, "t", {"c1", "c2", "y", "z", "w"}) == ["c1", "c2"]
    # x supports c1 (so cannot answer it) and is attacked; y is free after c1; w is related to nothing.
    assert oped_case.pick_replies(order, relations, "t", ["c1", "c2"]) == {"c1": "w", "c2": "y"}
    assert oped_case.counterargument_to_make(order, relations, "t") == "y"  # c1, x, c2 are attacked


# --- HTTP and CLI: the same use cases --------------------------------------------------------------

def test_corrections_over_http_need_the_key_and_show_in_graph_status_and_history(
        store: GraphStore, tmp_path: Path) -> None:
    app = create_app(isolated_settings(tmp_path, api_key="s3cret-key"))
    app.dependency_overrides[get_store] = lambda: store
    key = {"X-API-Key": "s3cret-key"}
    graph = imported(store, tmp_path)
    a, b = unrelated_pair(graph)
    with TestClient(app) as client:
        assert client.patch(f"/statements/{a.id}", json={"kind": "rebuttal"}).status_code == 401
        assert client.post("/relations", json={"source": a.id, "target": b.id, "type": "ATTACKS"}).status_code == 401
        assert client.post(f"/documents/{graph.document.id}/undo").status_code == 401

        edited = client.patch(f"/statements/{a.id}", json={"kind": "rebuttal", "analyst": "Jane"}, headers=key)
        assert edited.status_code == 200, edited.text
        assert edited.json()["after"]["kind"] == "rebuttal" and edited.json()["author"] == "Jane"
        assert client.get(f"/statements/{a.id}").json()["kind"] == "rebuttal"
        bad = client.patch(f"/statements/{a.id}", json={"kind": "assumption_check"}, headers=key)
        assert bad.status_code == 422 and "verdict" in bad.json()["detail"]
        assert client.patch("/statements/st-nope", json={"kind": "claim"}, headers=key).status_code == 404
        assert client.patch(f"/statements/{a.id}", json={"colour": "red"}, headers=key).status_code == 422

        added = client.post("/relations", json={"source": a.id, "target": b.id, "type": "ATTACKS"}, headers=key)
        assert added.status_code == 201 and added.json()["relation"]["mode"] == "rebut"
        rid = f"{a.id}:ATTACKS:{b.id}"
        relations = client.get(f"/documents/{graph.document.id}/graph").json()["relations"]
        assert next(r for r in relations if r["id"] == rid)["origin"]["by"] == "analyst"
        status = client.get(f"/documents/{graph.document.id}/status", params={"scope": "document"}).json()
        assert next(e for e in status["data"] if e["statement_id"] == b.id)["status"] == "rejected"

        assert client.delete(f"/relations/{rid}").status_code == 401
        assert client.delete(f"/relations/{rid}", headers=key).status_code == 200
        assert client.delete(f"/relations/{rid}", headers=key).status_code == 404
        assert client.delete(f"/statements/{b.id}", headers=key).status_code == 200
        assert client.get(f"/statements/{b.id}").status_code == 404

        history = client.get(f"/documents/{graph.document.id}/history").json()
        assert [e["kind"] for e in history["data"]] == [
            "import", "edit_statement", "add_relation", "remove_relation", "remove_statement"]
        assert history["undo"] == history["data"][-1]["seq"]
        undone = client.post(f"/documents/{graph.document.id}/undo", json={"analyst": "Jane"}, headers=key)
        assert undone.status_code == 200 and undone.json()["kind"] == "restore_statement"
        assert client.get(f"/statements/{b.id}").status_code == 200

        again = client.post(f"/documents/{graph.document.id}/reimport", headers=key)
        assert again.status_code == 200, again.text
        assert again.json()["reapplied"] and again.json()["no_longer_fit"] == []
        assert client.get(f"/statements/{a.id}").json()["kind"] == "rebuttal"
        aif = client.get(f"/documents/{graph.document.id}/export", params={"format": "aif"}).text
        assert '"rebuttal"' in aif
        argdown = client.get(f"/documents/{graph.document.id}/export", params={"format": "argdown"}).text
        assert f"[Rebuttal 1]: {' '.join(a.text.split())}" in argdown


def test_the_cli_makes_the_same_corrections(tmp_path: Path) -> None:
    env = {**os.environ, "ARGMAP_DATA_DIR": str(tmp_path), "ARGMAP_STORE": "embedded"}

    def run(*args: str) -> dict[str, Any]:
        done = subprocess.run([sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, env=env,
                              cwd=PROJECT_ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        answer: dict[str, Any] = json.loads(done.stdout)
        return answer

    essay = tmp_path / "talks.txt"
    essay.write_text(TEXT, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "api.cli", "import", str(essay), "--importer", "generic"], env=env,
                   cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=120)
    store = EmbeddedStore(tmp_path / "argmap.sqlite3")
    try:
        graph = store.get_graph(store.list_documents()[0][0].document.id)
        a, b = unrelated_pair(graph)
        assert run("edit-statement", a.id, "--kind", "rebuttal", "--analyst", "Jane")["after"]["kind"] == "rebuttal"
        assert run("add-relation", a.id, b.id, "--type", "ATTACKS", "--mode", "undercut")["relation"]["mode"] \
            == "undercut"
        history = run("history", graph.document.id)
        assert [e["kind"] for e in history["data"]] == ["import", "edit_statement", "add_relation"]
        assert run("undo", graph.document.id)["undoes"] == history["data"][-1]["seq"]
        assert run("reimport", graph.document.id)["reapplied"] == [history["data"][1]["seq"]]
        assert store.get_statement(a.id).statement.kind is StatementKind.REBUTTAL
    finally:
        store.close()


def test_an_edited_aif_export_comes_back_as_corrections(store: GraphStore, tmp_path: Path) -> None:
    """An AIF export edited elsewhere (as OVA would) and uploaded again changes the stored map (one
    undoable log entry) instead of becoming a new document."""
    app = create_app(isolated_settings(tmp_path))
    app.dependency_overrides[get_store] = lambda: store
    graph = imported(store, tmp_path)
    a, b = unrelated_pair(graph)
    support = next(r for r in graph.relations if r.type is RelationType.SUPPORTS)
    # the importer keeps every sentence: a phrase inside one is text no statement has on its own
    unused = "the 2015 fighting in the north"
    assert unused in graph.document.source and all(unused != s.text for s in graph.statements)
    with TestClient(app) as client:
        aif = json.loads(client.get(f"/documents/{graph.document.id}/export", params={"format": "aif"}).text)
        nodes = {n["argmapId"]: n for n in aif["nodes"] if n["type"] == "I"}
        nodes[a.id]["argmapKind"] = "rebuttal"
        # An attack drawn in the other tool: a -> CA -> b.
        aif["nodes"].append({"nodeID": "900", "text": "Default Conflict", "type": "CA", "timestamp": ""})
        aif["edges"] += [{"edgeID": "901", "fromID": nodes[a.id]["nodeID"], "toID": "900"},
                         {"edgeID": "902", "fromID": "900", "toID": nodes[b.id]["nodeID"]}]
        # A support deleted there: its RA node goes.
        ra = next(e["toID"] for e in aif["edges"] if e["fromID"] == nodes[support.source]["nodeID"]
                  and any(x["fromID"] == e["toID"] and x["toID"] == nodes[support.target]["nodeID"]
                          for x in aif["edges"]))
        aif["nodes"] = [n for n in aif["nodes"] if n["nodeID"] != ra]
        aif["edges"] = [e for e in aif["edges"] if ra not in (e["fromID"], e["toID"])]
        # A phrase of the text that is no statement of its own, and one that is not in the text at all.
        aif["nodes"] += [{"nodeID": "910", "text": unused, "type": "I", "argmapKind": "evidence"},
                         {"nodeID": "911", "text": "Words typed in the other tool.", "type": "I"}]

        answer = client.post("/documents/upload", files={"file": ("edited.aif.json", json.dumps(aif).encode(),
                                                                  "application/json")})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["created"] is False and body["document"]["id"] == graph.document.id
        assert body["correction"]["kind"] == "from_aif" and "correction" in body["message"]
        assert body["left_out"] == ["Words typed in the other tool."]
        assert client.get("/documents").json()["count"] == 1

        assert store.get_statement(a.id).statement.kind is StatementKind.REBUTTAL
        attackers = {(n.statement.id, n.mode) for n in store.get_statement(b.id).neighbours
                     if n.relation is RelationType.ATTACKS and n.direction == "in"}
        assert (a.id, None) in attackers  # AIF does not say rebut or undercut for a plain conflict
        assert not any(n.statement.id == support.target and n.relation is RelationType.SUPPORTS
                       for n in store.get_statement(support.source).neighbours)
        added = next(s for s in store.get_graph(graph.document.id).statements if s.text == unused)
        assert added.kind is StatementKind.EVIDENCE and added.quote == graph.document.source[added.start:added.end]

        # The same file again: nothing left to change.
        again = client.post("/documents", json={"text": json.dumps(aif)})
        assert again.status_code == 200 and again.json()["correction"] is None
        # Undo takes the whole file back.
        assert client.post(f"/documents/{graph.document.id}/undo").json()["kind"] == "from_aif"
        restored = store.get_graph(graph.document.id)
        assert restored.normalized().statements == graph.normalized().statements
        assert set(restored.relations) == set(graph.relations)

        # Without argmap's fields there is no telling which document it came from: a new document.
        for node in aif["nodes"]:
            for name in [k for k in node if k.startswith("argmap")]:
                del node[name]
        del aif["argmapDocument"]
        foreign = client.post("/documents", json={"text": json.dumps(aif)})
        assert foreign.status_code == 201 and foreign.json()["document"]["importer"] == "aif"
