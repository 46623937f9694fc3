"""Corpus scale (issue 13), on both stores: quotations linked through indexes to one source, the
whole import one transaction, indexed search with one answer on both stores, author lookup,
fresh reads across processes, and request budgets."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.model import RelationType
from graph.store.base import GraphStore, StatementQuery
from graph.store.embedded import EmbeddedStore
from services import analysis, importing
from services.settings import PROJECT_ROOT
from tests.conftest import CSIS, OPED, isolated_settings

PASSAGE = "lasting peace requires patient talks with every armed group in the region"
SOURCE = ("Why talks matter\n\nMali should open talks with the armed groups. Lasting peace requires patient talks "
          "with every armed group in the region, because military pressure alone has failed for nine years.\n")


def quoting(number: int) -> str:
    """A document quoting PASSAGE, different from every other one."""
    return (f"Response {number}\n\nThe government must reject talks with armed groups. The commission claimed "
            f"that “{PASSAGE},” but this is wrong because talks reward violence in case {number}.\n")


def import_text(store: GraphStore, text: str, tmp_path: Path) -> str:
    return importing.import_text(store, text, settings=isolated_settings(tmp_path)).summary.document.id


def quotes_out(store: GraphStore, statement_id: str) -> list[str]:
    return [n.statement.id for n in store.get_statement(statement_id).neighbours
            if n.relation is RelationType.QUOTES and n.direction == "out"]


def quoting_statement(store: GraphStore, document_id: str) -> str:
    found, _ = store.search_statements(StatementQuery(text="the commission claimed", document_id=document_id))
    assert len(found) == 1
    return found[0].id


def count_quotes(store: GraphStore, document_ids: list[str]) -> int:
    return sum(1 for d in document_ids for r in store.get_graph(d).relations if r.type is RelationType.QUOTES)


@pytest.mark.parametrize("source_first", [True, False], ids=["source-first", "source-last"])
def test_a_shared_quotation_links_each_quoting_statement_once_never_every_pair(
        store: GraphStore, tmp_path: Path, source_first: bool) -> None:
    copies = 6
    documents: list[str] = []
    if source_first:
        source = import_text(store, SOURCE, tmp_path)
    documents = [import_text(store, quoting(n), tmp_path) for n in range(copies)]
    if not source_first:
        source = import_text(store, SOURCE, tmp_path)
    # the statement holding the quoted words ("X, because Y" is two units: the quotation is X)
    passage, _ = store.search_statements(StatementQuery(text="lasting peace requires", document_id=source))
    # One link per quoting statement (a star), not one per pair of documents sharing the passage.
    assert count_quotes(store, [source, *documents]) == copies
    for document in documents:
        assert len(quotes_out(store, quoting_statement(store, document))) == 1
    if source_first:  # every quotation points at the source passage itself
        assert all(quotes_out(store, quoting_statement(store, d)) == [passage[0].id] for d in documents)
    else:  # the earliest quotation waited for the source; the later ones point at the earliest
        first = quoting_statement(store, documents[0])
        assert quotes_out(store, first) == [passage[0].id]
        assert all(quotes_out(store, quoting_statement(store, d)) == [first] for d in documents[1:])


def test_deleting_a_source_leaves_no_dangling_quotation(store: GraphStore, tmp_path: Path) -> None:
    quote = import_text(store, quoting(1), tmp_path)
    source = import_text(store, SOURCE, tmp_path)
    assert count_quotes(store, [quote]) == 1
    store.delete_document(source)
    assert count_quotes(store, [quote]) == 0
    store.delete_document(quote)
    assert store.list_documents()[1] == 0


SEARCHES = ["sahel", "MALI", "negotiat", "jnim", "the military", "’s", "a", "e", "élite", "nothing like this"]


def test_search_answers_alike_on_every_store(store: GraphStore, csis_graph: object, oped_graph: object) -> None:
    """Indexed search (FTS5 trigram / Neo4j TEXT index) finds exactly the statements containing the
    text, any case, in document order: the same answer as a scan, on both stores."""
    graphs = [csis_graph, oped_graph]
    for graph in graphs:
        store.save(graph)  # type: ignore[arg-type]
    order = {g.document.id: n for n, g in enumerate(graphs)}  # type: ignore[attr-defined]
    everything = sorted((s for g in graphs for s in g.statements),  # type: ignore[attr-defined]
                        key=lambda s: (order[s.document_id], s.start, s.end, s.kind.value))
    for text in SEARCHES:
        expected = [s.id for s in everything if text.lower() in s.text.lower()]
        found, total = store.search_statements(StatementQuery(text=text, limit=500))
        assert [s.id for s in found] == expected, text
        assert total == len(expected)
        page, _ = store.search_statements(StatementQuery(text=text, limit=3, offset=2))
        assert [s.id for s in page] == expected[2:5]


def test_authors_resolve_from_the_index(store: GraphStore, tmp_path: Path) -> None:
    settings = isolated_settings(tmp_path)
    for path in (CSIS, OPED):
        importing.import_bytes(store, path.read_bytes(), settings=settings)
    thurston = store.documents_by_author("Thurston")
    assert [s.document.authors for s in thurston] == [("Alex Thurston",)]
    assert store.documents_by_author("  ALEX THURSTON ") == thurston
    assert store.documents_by_author("Alex Thurst") == []
    names, total = store.authors(limit=1)
    assert total >= 2 and len(names) == 1
    store.delete_document(thurston[0].document.id)
    assert store.documents_by_author("thurston") == []


KILLED_IMPORT = textwrap.dedent("""
    import sys, time
    from graph.store.embedded import EmbeddedStore
    from services import importing
    from tests.conftest import isolated_settings
    from pathlib import Path

    record = EmbeddedStore._record_quotes

    def slow(conn, graph, plan):
        record(conn, graph, plan)
        print("document, links and pending quotations written, not committed", len(plan.links), flush=True)
        time.sleep(60)

    EmbeddedStore._record_quotes = staticmethod(slow)
    store = EmbeddedStore(sys.argv[1])
    importing.import_text(store, sys.argv[2], settings=isolated_settings(Path(sys.argv[3])))
""")


def test_killing_an_import_loses_no_quotation_link(tmp_path: Path) -> None:
    """The document, its outgoing and incoming QUOTES and the pending quotations are one transaction:
    a kill -9 before the commit leaves the store as it was, and importing again links everything."""
    path = tmp_path / "argmap.sqlite3"
    store = EmbeddedStore(path)
    early = import_text(store, quoting(1), tmp_path)  # waits for its source
    store.close()
    child = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(path), SOURCE, str(tmp_path)],
                             cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith("document, links and pending quotations written"), line
    assert line.split()[-1] == "1"  # the early quotation was about to be linked to the source
    child.kill()
    child.wait(timeout=30)

    reopened = EmbeddedStore(path)
    assert [s.document.id for s in reopened.list_documents()[0]] == [early]
    assert count_quotes(reopened, [early]) == 0
    source = import_text(reopened, SOURCE, tmp_path)  # the pending quotation survived the kill
    passage, _ = reopened.search_statements(StatementQuery(text="lasting peace requires", document_id=source))
    assert quotes_out(reopened, quoting_statement(reopened, early)) == [passage[0].id]
    reopened.close()


def test_a_store_sees_what_another_process_imported(tmp_path: Path) -> None:
    """Stale reads: a long-lived store (the server's) answers about a document another process
    (the CLI) imported after it had already answered traversals."""
    settings = isolated_settings(tmp_path)
    server_side = EmbeddedStore(settings.embedded_path)
    first = importing.import_bytes(server_side, CSIS.read_bytes(), settings=settings).summary.document.id
    assert any(analysis.document_status(server_side, first, scope="global").values())
    env = {**os.environ, "ARGMAP_DATA_DIR": str(settings.data_dir), "ARGMAP_STORE": "embedded"}
    cli = subprocess.run([sys.executable, "-m", "api.cli", "import", str(OPED)], cwd=PROJECT_ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    second = next(s.document.id for s in server_side.list_documents()[0] if s.document.id != first)
    status = analysis.document_status(server_side, second, scope="global")
    assert len(status) == server_side.get_document(second).statement_count > 0
    quote, _ = server_side.search_statements(StatementQuery(text="as thurston notes"))
    assert quotes_out(server_side, quote[0].id), "the CLI's import linked the quotation, and the server sees it"
    server_side.close()


def test_topic_and_actor_overviews_are_kept_aggregates(store: GraphStore, csis_graph: object,
                                                      oped_graph: object) -> None:
    """/topics and /actors read totals kept at save and delete: the same numbers as counting every
    tag and mention, paged, with each item's first documents in import order."""
    graphs = [csis_graph, oped_graph]
    for graph in graphs:
        store.save(graph)  # type: ignore[arg-type]

    def expected_topics() -> dict[str, tuple[int, int, int, int]]:
        counted: dict[str, list[int]] = {}
        for use in store.topic_uses():
            row = counted.setdefault(use.topic.id, [0, 0, 0, 0])
            row[0 if use.stance > 0 else 1 if use.stance < 0 else 2] += use.statements
        for use in {(u.topic.id, u.document_id) for u in store.topic_uses()}:
            counted[use[0]][3] += 1
        return {t: (c[0], c[1], c[2], c[3]) for t, c in counted.items()}

    def expected_actors() -> dict[str, tuple[int, int]]:
        counted: dict[str, list[int]] = {}
        for use in store.actor_uses():
            row = counted.setdefault(use.actor.id, [0, 0])
            row[0] += use.statements
            row[1] += 1
        return {a: (c[0], c[1]) for a, c in counted.items()}

    for _ in range(2):
        topics, total = store.topic_summaries(limit=500)
        assert total == len(topics) == len(expected_topics())
        assert {t.topic.id: (t.pro, t.con, t.neutral, t.document_count) for t in topics} == expected_topics()
        actors, total = store.actor_summaries(limit=500, documents=1)
        assert total == len(actors) == len(expected_actors())
        assert {a.actor.id: (a.statements, a.document_count) for a in actors} == expected_actors()
        assert all(len(a.documents) == min(1, a.document_count) for a in actors)
        shared = next(a for a in actors if a.document_count == 2) if len(graphs) == 2 else None
        if shared is not None:
            assert shared.documents[0].document_id == graphs[0].document.id  # type: ignore[attr-defined]
        page, _ = store.topic_summaries(limit=2, offset=1)
        assert [t.topic.id for t in page] == sorted(expected_topics())[1:3]
        store.delete_document(graphs.pop(0).document.id)  # type: ignore[attr-defined]
    assert store.topic_summaries()[1] == 0 and store.actor_summaries()[1] == 0


def test_corrections_keep_the_search_index_and_the_overviews_true(store: GraphStore, tmp_path: Path) -> None:
    from dataclasses import replace

    from graph.corrections import Change, ChangeKind, LogEntry

    document = import_text(store, SOURCE, tmp_path)
    before = next(s for s in store.get_graph(document).statements if "pressure" in s.text)
    after = replace(before, text=before.text.replace("pressure", "zqxjvw"))
    store.apply_change(LogEntry(document, Change(ChangeKind.EDIT_STATEMENT, before=before, after=after), "Jane",
                                "2026-01-01T00:00:00+00:00"))
    assert [s.id for s in store.search_statements(StatementQuery(text="ZQXJVW"))[0]] == [before.id]
    assert store.search_statements(StatementQuery(text="military pressure"))[1] == 0
    store.apply_change(LogEntry(document, Change(ChangeKind.REMOVE_STATEMENT, before=after), "Jane",
                                "2026-01-01T00:00:01+00:00"))
    assert store.search_statements(StatementQuery(text="zqxjvw"))[1] == 0
    counted = {u.topic.id: 0 for u in store.topic_uses()}
    for use in store.topic_uses():
        counted[use.topic.id] += use.statements
    assert {t.topic.id: t.statements for t in store.topic_summaries()[0]} == counted
