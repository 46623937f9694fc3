"""Embedded store: one SQLite file (WAL, one transaction per import).

Every read goes to SQLite, so what another process committed is always seen, and
memory does not grow with the store: traversals fetch the neighbourhood they need one
breadth-first level per query (as the Neo4j store does). Text search and quotation
lookup use an FTS5 trigram index; quotations still waiting for their source are kept in
``pending_quotes``, looked up by window.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from graph import budget, quotes
from graph.argument_graph import ArgumentGraph, Edge, StatementNode
from graph.corrections import CORRECTION_KINDS, Change, ChangeKind, LogEntry, relation_id
from graph.errors import BudgetExceeded, InvalidInput, NotFound, StoreUnavailable
from graph.model import (
    Actor,
    AttackMode,
    CarriedRelation,
    DocumentGraph,
    Mention,
    Relation,
    RelationType,
    Statement,
    StatementKind,
    Topic,
    TopicTag,
    carry_over,
    unique,
)
from graph.store import records
from graph.store.base import (
    ActorDocument,
    ActorSummary,
    ActorUse,
    DocumentSummary,
    FollowUp,
    Neighbour,
    NeighbourDirection,
    ReplacedMap,
    SaveResult,
    StatementQuery,
    StatementView,
    TopicDocument,
    TopicSummary,
    TopicUse,
    check_page,
    neighbour_order,
)
from graph.store.shares import actor_counts, author_keys, topic_counts
from graph.traversal import Direction

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL, authors TEXT NOT NULL, publisher TEXT, published TEXT,
    importer TEXT NOT NULL, sha256 TEXT NOT NULL, source TEXT NOT NULL, url TEXT
);
CREATE TABLE IF NOT EXISTS statements (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, text TEXT NOT NULL, quote TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    section TEXT, speaker TEXT NOT NULL, verdict TEXT, reported INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_by_document ON statements(document_id, start);
CREATE INDEX IF NOT EXISTS statements_by_kind ON statements(kind);
CREATE TABLE IF NOT EXISTS relations (
    source TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    target TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    type TEXT NOT NULL, mode TEXT,
    PRIMARY KEY (source, target, type)
);
CREATE INDEX IF NOT EXISTS relations_by_target ON relations(target);
CREATE TABLE IF NOT EXISTS actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    PRIMARY KEY (statement_id, actor_id)
);
CREATE INDEX IF NOT EXISTS mentions_by_actor ON mentions(actor_id);
CREATE TABLE IF NOT EXISTS topics (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS topic_tags (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    topic_id TEXT NOT NULL REFERENCES topics(id),
    stance INTEGER NOT NULL,
    PRIMARY KEY (statement_id, topic_id)
);
CREATE INDEX IF NOT EXISTS topic_tags_by_topic ON topic_tags(topic_id);
CREATE TABLE IF NOT EXISTS pending_quotes (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    search_window TEXT NOT NULL,
    fragment TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_quotes_by_window ON pending_quotes(search_window);
CREATE INDEX IF NOT EXISTS pending_quotes_by_statement ON pending_quotes(statement_id);
CREATE TABLE IF NOT EXISTS author_keys (
    key TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (key, document_id)
);
CREATE INDEX IF NOT EXISTS author_keys_by_document ON author_keys(document_id);
CREATE TABLE IF NOT EXISTS topic_documents (
    topic_id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    document_seq INTEGER NOT NULL,
    pro INTEGER NOT NULL, con INTEGER NOT NULL, neutral INTEGER NOT NULL,
    PRIMARY KEY (topic_id, document_seq)
);
CREATE INDEX IF NOT EXISTS topic_documents_by_document ON topic_documents(document_id);
CREATE TABLE IF NOT EXISTS topic_totals (
    topic_id TEXT PRIMARY KEY, documents INTEGER NOT NULL,
    pro INTEGER NOT NULL, con INTEGER NOT NULL, neutral INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS actor_documents (
    actor_id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    document_seq INTEGER NOT NULL,
    statements INTEGER NOT NULL,
    PRIMARY KEY (actor_id, document_seq)
);
CREATE INDEX IF NOT EXISTS actor_documents_by_document ON actor_documents(document_id);
CREATE TABLE IF NOT EXISTS actor_totals (
    actor_id TEXT PRIMARY KEY, documents INTEGER NOT NULL, statements INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL, undoes INTEGER,
    change TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
"""

# Fills the overview aggregates of a file written before they existed.
BACKFILL_AGGREGATES = """
BEGIN IMMEDIATE;
INSERT OR IGNORE INTO topic_documents (topic_id, document_id, document_seq, pro, con, neutral)
SELECT t.topic_id, d.id, d.seq, sum(t.stance > 0), sum(t.stance < 0), sum(t.stance = 0)
FROM topic_tags t JOIN statements s ON s.id = t.statement_id JOIN documents d ON d.id = s.document_id
GROUP BY t.topic_id, d.id;
INSERT OR REPLACE INTO topic_totals (topic_id, documents, pro, con, neutral)
SELECT topic_id, count(*), sum(pro), sum(con), sum(neutral) FROM topic_documents GROUP BY topic_id;
INSERT OR IGNORE INTO actor_documents (actor_id, document_id, document_seq, statements)
SELECT m.actor_id, d.id, d.seq, count(*)
FROM mentions m JOIN statements s ON s.id = m.statement_id JOIN documents d ON d.id = s.document_id
GROUP BY m.actor_id, d.id;
INSERT OR REPLACE INTO actor_totals (actor_id, documents, statements)
SELECT actor_id, count(*), sum(statements) FROM actor_documents GROUP BY actor_id;
COMMIT;
"""

# Statement text, trigram-indexed: a substring search (any case) reads only the rows holding
# the substring's trigrams. External content: the text is stored once, in statements.
SEARCH_INDEX = """
BEGIN IMMEDIATE;
CREATE VIRTUAL TABLE IF NOT EXISTS statement_search USING fts5(
    text, content='statements', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER IF NOT EXISTS statement_search_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statement_search(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS statement_search_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statement_search(statement_search, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER IF NOT EXISTS statement_search_update AFTER UPDATE OF text ON statements BEGIN
    INSERT INTO statement_search(statement_search, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO statement_search(rowid, text) VALUES (new.rowid, new.text);
END;
INSERT INTO statement_search(statement_search) VALUES ('rebuild');
COMMIT;
"""

TRIGRAM = 3
"""Shortest text the trigram index can look up; shorter searches scan."""
BUSY_SLICE_MS = 100
"""SQLite waits for another process's lock in slices this long, checking the request budget between."""
BUSY_TIMEOUT_S = 30.0
PROGRESS_STEPS = 20_000
"""SQLite checks the request budget every this many virtual-machine steps of a running query."""

_STATEMENT_COLUMNS = 'id, document_id, kind, text, quote, start, "end", section, speaker, verdict, reported'
_QUALIFIED_STATEMENT_COLUMNS = ", ".join(f"s.{c.strip()}" for c in _STATEMENT_COLUMNS.split(","))
_DOCUMENT_COLUMNS = "id, title, authors, publisher, published, importer, sha256, source, url"
_SUMMARY_SQL = f"""
SELECT {_DOCUMENT_COLUMNS},
       (SELECT count(*) FROM statements s WHERE s.document_id = d.id) AS statement_count,
       (SELECT count(*) FROM relations r JOIN statements s ON s.id = r.source
         WHERE s.document_id = d.id) AS relation_count
FROM documents d
"""


# Dict look-ups rather than Enum calls: loading the cache turns 100k rows into nodes and edges.
_KINDS = {kind.value: kind for kind in StatementKind}
_RELATIONS = {relation.value: relation for relation in RelationType}
_MODES = {mode.value: mode for mode in AttackMode}


def _node(row: sqlite3.Row) -> StatementNode:
    return StatementNode(row["id"], row["document_id"], _KINDS[row["kind"]], row["start"])


def _edge(row: sqlite3.Row) -> Edge:
    return Edge(row["source"], row["target"], _RELATIONS[row["type"]], _MODES[row["mode"]] if row["mode"] else None)


class EmbeddedStore:
    """GraphStore on a local SQLite file; safe to share between threads of one process."""

    name = "embedded"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None,
                                         timeout=BUSY_TIMEOUT_S)
            self._conn.row_factory = sqlite3.Row
            self._set_up(self._conn)
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_SLICE_MS}")
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open the embedded store at {path}: {exc}") from exc
        self._lock = threading.RLock()
        # A running query stops at the next check once its request's budget is spent (graph.budget).
        self._conn.set_progress_handler(self._over_budget, PROGRESS_STEPS)

    @classmethod
    def _set_up(cls, conn: sqlite3.Connection) -> None:
        """WAL mode and the schema. Several processes opening a new file at once can get "database is
        locked" at once, without SQLite's busy wait (switching to WAL, or a read lock that must become a
        write lock, is refused rather than waited for, to avoid a deadlock): every step is idempotent,
        so the whole set-up is tried again until BUSY_TIMEOUT_S."""
        give_up = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA synchronous=NORMAL")
                cls._create_schema(conn)
                return
            except sqlite3.OperationalError as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > give_up:
                    raise
                time.sleep(0.02 + random.random() * 0.05)  # jitter: the openers do not retry in step

    @staticmethod
    def _create_schema(conn: sqlite3.Connection) -> None:
        """Tables and indexes; a file written by an older argmap gets the newer indexes built."""
        had_author_keys = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'author_keys'").fetchone()
        had_aggregates = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'topic_totals'").fetchone()
        conn.executescript(SCHEMA)
        if had_aggregates is None:
            conn.executescript(BACKFILL_AGGREGATES)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'statement_search'").fetchone() is None:
            conn.executescript(SEARCH_INDEX)
        if had_author_keys is None:
            conn.execute("BEGIN IMMEDIATE")
            for row in conn.execute("SELECT id, authors FROM documents").fetchall():
                conn.executemany("INSERT OR IGNORE INTO author_keys (key, document_id) VALUES (?, ?)",
                                 [(key, row["id"]) for key in author_keys(json.loads(row["authors"]))])
            conn.execute("COMMIT")

    @staticmethod
    def _over_budget() -> int:
        current = budget.current()
        return 1 if current is not None and current.problem() is not None else 0

    # -- plumbing ---------------------------------------------------------------------

    def _patiently(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Execute, waiting for another process's lock in short slices (SQLite's own busy wait
        cannot be interrupted), so a request whose budget runs out stops waiting."""
        waited_until = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                return self._conn.execute(sql, params)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                budget.check()
                if time.monotonic() > waited_until:
                    raise StoreUnavailable(f"the embedded store is busy: {exc}") from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back whole."""
        with self._lock:
            try:
                self._patiently("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreUnavailable(f"the embedded store is busy: {exc}") from exc
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:  # SQLite rolls back by itself after some errors (a full disk)
                    self._conn.execute("ROLLBACK")
                if _is_store_failure(exc):
                    raise StoreUnavailable(f"the embedded store cannot write: {exc}") from exc
                raise

    def _query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        budget.check()
        with self._lock:
            try:
                return self._patiently(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                if not _is_store_failure(exc):
                    raise
                if "interrupted" in str(exc):
                    budget.check()
                    raise BudgetExceeded("the query was interrupted") from exc
                raise StoreUnavailable(f"embedded store error: {exc}") from exc

    # -- contract ---------------------------------------------------------------------

    def ping(self) -> None:
        self._query("SELECT 1")

    def save(self, graph: DocumentGraph, *, link_quotes: bool = False) -> SaveResult:
        graph.validate()
        doc = graph.document
        try:
            with self._transaction() as conn:
                created = conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone() is None
                if created:
                    graph, plan = self._with_quotes(conn, graph) if link_quotes else (graph, None)
                    self._insert(conn, graph)
                    if plan is not None:
                        self._record_quotes(conn, graph, plan)
        except sqlite3.IntegrityError as exc:
            raise InvalidInput(f"the graph conflicts with stored data: {exc}") from exc
        return SaveResult(self.get_document(doc.id), created)

    @staticmethod
    def _with_quotes(conn: sqlite3.Connection, graph: DocumentGraph) -> tuple[DocumentGraph, quotes.QuotePlan]:
        """The graph with its quotations' links to their sources, and the whole plan."""
        plan = quotes.plan_links(graph, _QuoteLookup(conn))
        own = {s.id for s in graph.statements}
        outgoing = [link for link in plan.links if link.source in own]
        return (replace(graph, relations=unique([*graph.relations, *outgoing])) if outgoing else graph), plan

    @staticmethod
    def _record_quotes(conn: sqlite3.Connection, graph: DocumentGraph, plan: quotes.QuotePlan) -> None:
        """Incoming links (stored quotations this document is the source of) and the quotations
        still waiting for theirs; in the save's transaction."""
        own = {s.id for s in graph.statements}
        conn.executemany("INSERT OR IGNORE INTO relations (source, target, type, mode) VALUES (?, ?, ?, NULL)",
                         [(r.source, r.target, r.type.value) for r in plan.links if r.source not in own])
        conn.executemany("DELETE FROM pending_quotes WHERE statement_id = ? AND search_window = ?",
                         [(p.statement_id, p.window) for p in plan.resolved])
        conn.executemany("INSERT INTO pending_quotes (statement_id, document_id, search_window, fragment) "
                         "VALUES (?, ?, ?, ?)", [(p.statement_id, p.document_id, p.window, p.fragment)
                                                 for p in plan.pending])

    def _insert(self, conn: sqlite3.Connection, graph: DocumentGraph) -> None:
        row = records.document_record(graph.document)
        row["authors"] = json.dumps(row["authors"])
        conn.execute(f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES "
                     "(:id, :title, :authors, :publisher, :published, :importer, :sha256, :source, :url)", row)
        self._insert_statements(conn, graph)
        conn.executemany("INSERT OR IGNORE INTO author_keys (key, document_id) VALUES (?, ?)",
                         [(key, graph.document.id) for key in author_keys(graph.document.authors)])
        self._add_to_overviews(conn, graph)

    def _insert_statements(self, conn: sqlite3.Connection, graph: DocumentGraph) -> None:
        """Everything of ``graph`` but the document row: statements, relations, actors, topics."""
        conn.executemany(
            f"INSERT INTO statements ({_STATEMENT_COLUMNS}) VALUES (:id, :document_id, :kind, :text, :quote, "
            ":start, :end, :section, :speaker, :verdict, :reported)",
            [records.statement_record(s) for s in graph.statements],
        )
        # A QUOTES link to a statement not stored (yet) is dropped, as on Neo4j.
        conn.executemany(
            "INSERT INTO relations (source, target, type, mode) SELECT :source, :target, :type, :mode "
            "WHERE EXISTS (SELECT 1 FROM statements WHERE id = :target)",
            [records.relation_record(r) for r in graph.relations],
        )
        for actor in graph.actors:
            existing = conn.execute("SELECT aliases FROM actors WHERE id = ?", (actor.id,)).fetchone()
            aliases = list(dict.fromkeys([*(json.loads(existing["aliases"]) if existing else []), *actor.aliases]))
            conn.execute(
                "INSERT INTO actors (id, name, kind, aliases) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET aliases = excluded.aliases",
                (actor.id, actor.name, actor.kind.value, json.dumps(aliases)),
            )
        conn.executemany("INSERT OR IGNORE INTO topics (id, name) VALUES (?, ?)",
                         [(t.id, t.name) for t in graph.topics])
        conn.executemany("INSERT INTO mentions (statement_id, actor_id) VALUES (?, ?)",
                         [(m.statement_id, m.actor_id) for m in graph.mentions])
        conn.executemany("INSERT INTO topic_tags (statement_id, topic_id, stance) VALUES (?, ?, ?)",
                         [(t.statement_id, t.topic_id, t.stance) for t in graph.topic_tags])

    @staticmethod
    def _add_to_overviews(conn: sqlite3.Connection, graph: DocumentGraph) -> None:
        """The document's share of /topics and /actors, kept so that they never aggregate everything."""
        doc_id = graph.document.id
        seq = conn.execute("SELECT seq FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        topics = topic_counts(graph)
        conn.executemany("INSERT INTO topic_documents (topic_id, document_id, document_seq, pro, con, neutral) "
                         "VALUES (?, ?, ?, ?, ?, ?)", [(t, doc_id, seq, *c) for t, c in topics.items()])
        conn.executemany("INSERT INTO topic_totals (topic_id, documents, pro, con, neutral) VALUES (?, 1, ?, ?, ?) "
                         "ON CONFLICT(topic_id) DO UPDATE SET documents = documents + 1, pro = pro + excluded.pro, "
                         "con = con + excluded.con, neutral = neutral + excluded.neutral",
                         [(t, *c) for t, c in topics.items()])
        actors = actor_counts(graph)
        conn.executemany("INSERT INTO actor_documents (actor_id, document_id, document_seq, statements) "
                         "VALUES (?, ?, ?, ?)", [(a, doc_id, seq, n) for a, n in actors.items()])
        conn.executemany("INSERT INTO actor_totals (actor_id, documents, statements) VALUES (?, 1, ?) "
                         "ON CONFLICT(actor_id) DO UPDATE SET documents = documents + 1, "
                         "statements = statements + excluded.statements", list(actors.items()))

    @classmethod
    def _refresh_overviews(cls, conn: sqlite3.Connection, document_id: str) -> None:
        """Recount a document's share of /topics and /actors after its statements changed in place."""
        cls._remove_from_overviews(conn, document_id)
        conn.execute("DELETE FROM topic_documents WHERE document_id = ?", (document_id,))
        conn.execute("DELETE FROM actor_documents WHERE document_id = ?", (document_id,))
        conn.execute("INSERT INTO topic_documents (topic_id, document_id, document_seq, pro, con, neutral) "
                     "SELECT t.topic_id, d.id, d.seq, sum(t.stance > 0), sum(t.stance < 0), sum(t.stance = 0) "
                     "FROM topic_tags t JOIN statements s ON s.id = t.statement_id JOIN documents d ON d.id = ? "
                     "WHERE s.document_id = d.id GROUP BY t.topic_id", (document_id,))
        conn.execute("INSERT INTO topic_totals (topic_id, documents, pro, con, neutral) "
                     "SELECT topic_id, 1, pro, con, neutral FROM topic_documents WHERE document_id = ? "
                     "ON CONFLICT(topic_id) DO UPDATE SET documents = documents + 1, pro = pro + excluded.pro, "
                     "con = con + excluded.con, neutral = neutral + excluded.neutral", (document_id,))
        conn.execute("INSERT INTO actor_documents (actor_id, document_id, document_seq, statements) "
                     "SELECT m.actor_id, d.id, d.seq, count(*) FROM mentions m "
                     "JOIN statements s ON s.id = m.statement_id JOIN documents d ON d.id = ? "
                     "WHERE s.document_id = d.id GROUP BY m.actor_id", (document_id,))
        conn.execute("INSERT INTO actor_totals (actor_id, documents, statements) "
                     "SELECT actor_id, 1, statements FROM actor_documents WHERE document_id = ? "
                     "ON CONFLICT(actor_id) DO UPDATE SET documents = documents + 1, "
                     "statements = statements + excluded.statements", (document_id,))

    @staticmethod
    def _remove_from_overviews(conn: sqlite3.Connection, document_id: str) -> None:
        conn.execute("UPDATE topic_totals SET documents = documents - 1, "
                     "pro = pro - (SELECT pro FROM topic_documents u WHERE u.topic_id = topic_totals.topic_id "
                     "AND u.document_id = :d), "
                     "con = con - (SELECT con FROM topic_documents u WHERE u.topic_id = topic_totals.topic_id "
                     "AND u.document_id = :d), "
                     "neutral = neutral - (SELECT neutral FROM topic_documents u "
                     "WHERE u.topic_id = topic_totals.topic_id AND u.document_id = :d) "
                     "WHERE topic_id IN (SELECT topic_id FROM topic_documents WHERE document_id = :d)",
                     {"d": document_id})
        conn.execute("UPDATE actor_totals SET documents = documents - 1, "
                     "statements = statements - (SELECT statements FROM actor_documents u "
                     "WHERE u.actor_id = actor_totals.actor_id AND u.document_id = :d) "
                     "WHERE actor_id IN (SELECT actor_id FROM actor_documents WHERE document_id = :d)",
                     {"d": document_id})
        conn.execute("DELETE FROM topic_totals WHERE documents <= 0")
        conn.execute("DELETE FROM actor_totals WHERE documents <= 0")

    def link(self, relations: Iterable[Relation]) -> int:
        wanted = list(relations)
        if not wanted:
            return 0
        with self._transaction() as conn:
            added = []
            for relation in wanted:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO relations (source, target, type, mode) "
                    "SELECT :source, :target, :type, :mode "
                    "WHERE EXISTS (SELECT 1 FROM statements WHERE id = :target) "
                    "AND EXISTS (SELECT 1 FROM statements WHERE id = :source)", records.relation_record(relation))
                if cursor.rowcount:
                    added.append(relation)
        return len(added)

    def list_documents(self, *, limit: int = 50, offset: int = 0) -> tuple[list[DocumentSummary], int]:
        check_page(limit, offset)
        rows = self._query(_SUMMARY_SQL + " ORDER BY d.seq LIMIT ? OFFSET ?", (limit, offset))
        total = self._query("SELECT count(*) FROM documents")[0][0]
        return [self._summary(row) for row in rows], total

    @staticmethod
    def _summary(row: sqlite3.Row) -> DocumentSummary:
        record = dict(row)
        record["authors"] = json.loads(record["authors"])
        return DocumentSummary(records.document_from(record), row["statement_count"], row["relation_count"])

    def get_document(self, document_id: str) -> DocumentSummary:
        rows = self._query(_SUMMARY_SQL + " WHERE d.id = ?", (document_id,))
        if not rows:
            raise NotFound(f"no document with id {document_id!r}")
        return self._summary(rows[0])

    def get_actor(self, actor_id: str) -> Actor:
        rows = self._query("SELECT id, name, kind, aliases FROM actors a WHERE id = ? "
                           "AND EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id = a.id)", (actor_id,))
        if not rows:
            raise NotFound(f"no actor with id {actor_id!r}")
        return records.actor_from({**dict(rows[0]), "aliases": json.loads(rows[0]["aliases"])})

    def get_graph(self, document_id: str) -> DocumentGraph:
        with self._lock:
            document = self.get_document(document_id).document
            statements = tuple(
                records.statement_from(r) for r in self._query(
                    f"SELECT {_STATEMENT_COLUMNS} FROM statements WHERE document_id = ? "
                    "ORDER BY start, \"end\", kind", (document_id,)))
            relations = tuple(
                records.relation_from(r) for r in self._query(
                    "SELECT r.source, r.target, r.type, r.mode FROM relations r "
                    "JOIN statements s ON s.id = r.source WHERE s.document_id = ? "
                    "ORDER BY r.source, r.target, r.type", (document_id,)))
            actors = tuple(
                records.actor_from({**dict(r), "aliases": json.loads(r["aliases"])}) for r in self._query(
                    "SELECT DISTINCT a.id, a.name, a.kind, a.aliases FROM actors a "
                    "JOIN mentions m ON m.actor_id = a.id JOIN statements s ON s.id = m.statement_id "
                    "WHERE s.document_id = ? ORDER BY a.id", (document_id,)))
            mentions = tuple(
                Mention(r["statement_id"], r["actor_id"]) for r in self._query(
                    "SELECT m.statement_id, m.actor_id FROM mentions m JOIN statements s ON s.id = m.statement_id "
                    "WHERE s.document_id = ? ORDER BY m.statement_id, m.actor_id", (document_id,)))
            tag_rows = self._query(
                "SELECT t.statement_id, t.topic_id, t.stance, p.name FROM topic_tags t "
                "JOIN topics p ON p.id = t.topic_id JOIN statements s ON s.id = t.statement_id "
                "WHERE s.document_id = ? ORDER BY t.statement_id, t.topic_id", (document_id,))
        topics = {r["topic_id"]: Topic(r["topic_id"], r["name"]) for r in tag_rows}
        return DocumentGraph(
            document=document,
            statements=statements,
            relations=relations,
            actors=actors,
            topics=tuple(sorted(topics.values(), key=lambda t: t.id)),
            mentions=mentions,
            topic_tags=tuple(TopicTag(r["statement_id"], r["topic_id"], r["stance"]) for r in tag_rows),
            persons=tuple(dict.fromkeys(s.speaker for s in statements if s.reported)),
        )

    def delete_document(self, document_id: str) -> None:
        with self._transaction() as conn:
            self._remove_from_overviews(conn, document_id)
            if conn.execute("DELETE FROM documents WHERE id = ?", (document_id,)).rowcount == 0:
                raise NotFound(f"no document with id {document_id!r}")
            conn.execute("DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM mentions)")
            conn.execute("DELETE FROM topics WHERE id NOT IN (SELECT topic_id FROM topic_tags)")

    def get_statement(self, statement_id: str) -> StatementView:
        rows = self._query(f"SELECT {_STATEMENT_COLUMNS} FROM statements WHERE id = ?", (statement_id,))
        if not rows:
            raise NotFound(f"no statement with id {statement_id!r}")
        columns = _QUALIFIED_STATEMENT_COLUMNS
        neighbour_rows = self._query(
            f"SELECT 'out' AS direction, r.type AS rel_type, r.mode AS rel_mode, {columns} "
            "FROM relations r JOIN statements s ON s.id = r.target WHERE r.source = :id "
            f"UNION ALL SELECT 'in', r.type, r.mode, {columns} "
            "FROM relations r JOIN statements s ON s.id = r.source WHERE r.target = :id",
            {"id": statement_id},
        )
        neighbours = tuple(sorted(
            (Neighbour(RelationType(r["rel_type"]), NeighbourDirection(r["direction"]), records.statement_from(r),
                       AttackMode(r["rel_mode"]) if r["rel_mode"] else None)
             for r in neighbour_rows),
            key=neighbour_order,
        ))
        return StatementView(records.statement_from(rows[0]), neighbours)

    def search_statements(self, query: StatementQuery) -> tuple[list[Statement], int]:
        check_page(query.limit, query.offset)
        where, params = [], []
        if query.kind is not None:
            where.append("s.kind = ?")
            params.append(query.kind.value)
        if query.document_id is not None:
            where.append("s.document_id = ?")
            params.append(query.document_id)
        if query.topic is not None:
            where.append("EXISTS (SELECT 1 FROM topic_tags t WHERE t.statement_id = s.id AND t.topic_id = ?)")
            params.append(query.topic)
        if query.actor is not None:
            where.append("EXISTS (SELECT 1 FROM mentions m WHERE m.statement_id = s.id AND m.actor_id = ?)")
            params.append(query.actor)
        if query.author is not None:
            where.append("EXISTS (SELECT 1 FROM json_each(d.authors) a WHERE lower(a.value) = ?)")
            params.append(query.author.strip().lower())
        if query.text is not None:
            needle = query.text.strip().lower()
            if not needle:
                raise InvalidInput("the text to search for is blank")
            if "\x00" in needle:  # no statement holds a NUL (a document with one is refused); FTS5 cannot read one
                where.append("0")
            elif len(needle) >= TRIGRAM:
                where.append("s.rowid IN (SELECT rowid FROM statement_search WHERE statement_search MATCH ?)")
                params.append(fts_phrase(needle))
            else:
                where.append("instr(lower(s.text), ?) > 0")
                params.append(needle)
        clause = " WHERE " + " AND ".join(where) if where else ""
        total = self._query(f"SELECT count(*) FROM statements s JOIN documents d ON d.id = s.document_id{clause}",
                            tuple(params))[0][0]
        rows = self._query(
            f"SELECT {_QUALIFIED_STATEMENT_COLUMNS} FROM statements s JOIN documents d ON d.id = s.document_id{clause} "
            "ORDER BY d.seq, s.start, s.\"end\", s.kind LIMIT ? OFFSET ?",
            (*params, query.limit, query.offset),
        )
        return [records.statement_from(r) for r in rows], total

    def get_statements(self, statement_ids: Iterable[str]) -> dict[str, Statement]:
        ids = list(dict.fromkeys(statement_ids))
        found: dict[str, Statement] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            marks = ",".join("?" * len(part))
            for row in self._query(f"SELECT {_STATEMENT_COLUMNS} FROM statements WHERE id IN ({marks})", tuple(part)):
                found[row["id"]] = records.statement_from(row)
        return found

    def neighbourhood(self, seeds: Iterable[str], types: Collection[RelationType], direction: Direction,
                      depth: int | None) -> ArgumentGraph:
        """Breadth first, one query per level (as the Neo4j store), inside one read transaction
        so every level sees the same data: the cost is the edges visited, not the store's size."""
        seed_ids = list(dict.fromkeys(seeds))
        wanted = sorted({RelationType(t).value for t in types})
        near, far = ("target", "source") if direction is Direction.DOWN else ("source", "target")
        graph = ArgumentGraph()
        with self._lock, self._snapshot():
            for row in self._rows_for_ids(f"SELECT {_NODE_COLUMNS} FROM statements WHERE id IN ", seed_ids):
                graph.add_statement(_node(row))
            frontier = sorted(graph)
            level = 0
            while frontier and (depth is None or level < depth):
                found = []
                type_marks = ",".join("?" * len(wanted))
                sql = (f"SELECT r.source, r.target, r.type, r.mode, {_NODE_COLUMNS_OF_S} FROM relations r "
                       f"JOIN statements s ON s.id = r.{far} WHERE r.type IN ({type_marks}) AND r.{near} IN ")
                for row in self._rows_for_ids(sql, frontier, tuple(wanted)):
                    if row["id"] not in graph:
                        graph.add_statement(_node(row))
                        found.append(row["id"])
                    graph.add_relation(_edge(row))
                frontier = sorted(set(found))
                level += 1
        return graph

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """One read transaction: the queries inside see one state of the file."""
        self._patiently("BEGIN")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    def _rows_for_ids(self, sql: str, ids: list[str], params: tuple[Any, ...] = ()) -> Iterator[sqlite3.Row]:
        """``sql`` ending in ``IN `` run for ``ids`` in chunks (SQLite bounds a query's parameters)."""
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            yield from self._query(sql + "(" + ",".join("?" * len(part)) + ")", (*params, *part))

    def document_subgraph(self, document_id: str) -> ArgumentGraph:
        graph = ArgumentGraph()
        with self._lock, self._snapshot():
            for row in self._query(f"SELECT {_NODE_COLUMNS} FROM statements WHERE document_id = ?", (document_id,)):
                graph.add_statement(_node(row))
            if not len(graph):
                self.get_document(document_id)  # NotFound for an unknown id
            for row in self._query(
                    "SELECT r.source, r.target, r.type, r.mode FROM relations r "
                    "JOIN statements a ON a.id = r.source JOIN statements b ON b.id = r.target "
                    "WHERE a.document_id = ? AND b.document_id = ?", (document_id, document_id)):
                graph.add_relation(_edge(row))
        return graph

    def documents_by_author(self, name: str) -> list[DocumentSummary]:
        key = name.strip().lower()
        rows = self._query(_SUMMARY_SQL + " WHERE d.id IN (SELECT document_id FROM author_keys WHERE key = ?) "
                           "ORDER BY d.seq", (key,))
        return [self._summary(row) for row in rows]

    def authors(self, *, limit: int = 50) -> tuple[list[str], int]:
        rows = self._query("SELECT DISTINCT a.value AS name FROM documents d, json_each(d.authors) a "
                           "ORDER BY name LIMIT ?", (limit,))
        total = self._query("SELECT count(DISTINCT a.value) FROM documents d, json_each(d.authors) a")[0][0]
        return [r["name"] for r in rows], total

    def topic_summaries(self, *, limit: int = 50, offset: int = 0,
                        documents: int = 20) -> tuple[list[TopicSummary], int]:
        check_page(limit, offset)
        with self._lock, self._snapshot():
            rows = self._query("SELECT p.id, p.name, t.documents, t.pro, t.con, t.neutral FROM topic_totals t "
                               "JOIN topics p ON p.id = t.topic_id ORDER BY p.id LIMIT ? OFFSET ?", (limit, offset))
            total = self._query("SELECT count(*) FROM topic_totals")[0][0]
            summaries = []
            for row in rows:
                uses = tuple(TopicDocument(u["document_id"], tuple(json.loads(u["authors"])), u["pro"], u["con"],
                                           u["neutral"]) for u in self._query(
                    "SELECT u.document_id, d.authors, u.pro, u.con, u.neutral FROM topic_documents u "
                    "JOIN documents d ON d.id = u.document_id WHERE u.topic_id = ? ORDER BY u.document_seq LIMIT ?",
                    (row["id"], documents)))
                summaries.append(TopicSummary(Topic(row["id"], row["name"]), row["documents"], row["pro"],
                                              row["con"], row["neutral"], uses))
        return summaries, total

    def actor_summaries(self, *, limit: int = 50, offset: int = 0,
                        documents: int = 20) -> tuple[list[ActorSummary], int]:
        check_page(limit, offset)
        with self._lock, self._snapshot():
            rows = self._query("SELECT a.id, a.name, a.kind, a.aliases, t.documents, t.statements FROM actor_totals t "
                               "JOIN actors a ON a.id = t.actor_id ORDER BY a.id LIMIT ? OFFSET ?", (limit, offset))
            total = self._query("SELECT count(*) FROM actor_totals")[0][0]
            summaries = []
            for row in rows:
                uses = tuple(ActorDocument(u["document_id"], tuple(json.loads(u["authors"])), u["statements"])
                             for u in self._query(
                    "SELECT u.document_id, d.authors, u.statements FROM actor_documents u "
                    "JOIN documents d ON d.id = u.document_id WHERE u.actor_id = ? ORDER BY u.document_seq LIMIT ?",
                    (row["id"], documents)))
                actor = records.actor_from({**dict(row), "aliases": json.loads(row["aliases"])})
                summaries.append(ActorSummary(actor, row["documents"], row["statements"], uses))
        return summaries, total

    def topic_uses(self) -> list[TopicUse]:
        rows = self._query(
            "SELECT p.id, p.name, s.document_id, t.stance, count(*) AS n FROM topic_tags t "
            "JOIN topics p ON p.id = t.topic_id JOIN statements s ON s.id = t.statement_id "
            "GROUP BY p.id, s.document_id, t.stance ORDER BY p.id, s.document_id, t.stance")
        return [TopicUse(Topic(r["id"], r["name"]), r["document_id"], r["stance"], r["n"]) for r in rows]

    def actor_uses(self) -> list[ActorUse]:
        rows = self._query(
            "SELECT a.id, a.name, a.kind, a.aliases, s.document_id, count(*) AS n FROM mentions m "
            "JOIN actors a ON a.id = m.actor_id JOIN statements s ON s.id = m.statement_id "
            "GROUP BY a.id, s.document_id ORDER BY a.id, s.document_id")
        return [ActorUse(records.actor_from({**dict(r), "aliases": json.loads(r["aliases"])}), r["document_id"],
                         r["n"]) for r in rows]

    def clear(self) -> None:
        with self._transaction() as conn:
            for table in ("pending_quotes", "author_keys", "topic_documents", "topic_totals", "actor_documents",
                          "actor_totals", "topic_tags", "mentions", "relations", "statements",
                          "documents", "actors", "topics"):
                conn.execute(f"DELETE FROM {table}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


    # -- corrections ------------------------------------------------------------------

    def replace_graph(self, graph: DocumentGraph, *, link_quotes: bool = False,
                      then: Callable[[ReplacedMap], FollowUp] | None = None) -> SaveResult:
        graph.validate()
        doc = graph.document
        logged = None
        try:
            with self._transaction() as conn:
                if conn.execute("UPDATE documents SET importer = ? WHERE id = ?", (doc.importer, doc.id)).rowcount == 0:
                    raise NotFound(f"no document with id {doc.id!r}")
                rows = conn.execute(
                    'SELECT r.source, r.target, r.type, r.mode, t.start, t."end" FROM relations r '
                    "JOIN statements t ON t.id = r.target JOIN statements s ON s.id = r.source "
                    "WHERE t.document_id = :d AND s.document_id <> :d", {"d": doc.id}).fetchall()
                carried = [CarriedRelation(records.relation_from(row), row["start"], row["end"]) for row in rows]
                conn.execute("DELETE FROM statements WHERE document_id = ?", (doc.id,))
                graph, plan = self._with_quotes(conn, graph) if link_quotes else (graph, None)
                self._insert_statements(conn, graph)
                conn.executemany("INSERT OR IGNORE INTO relations (source, target, type, mode) "
                                 "VALUES (:source, :target, :type, :mode)",
                                 [records.relation_record(r) for r in carry_over(carried, graph.statements)])
                if plan is not None:
                    self._record_quotes(conn, graph, plan)
                if then is not None:
                    logged = self._follow_up(conn, doc.id, then(self._replaced_map(conn, graph)))
                self._refresh_overviews(conn, doc.id)
                conn.execute("DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM mentions)")
                conn.execute("DELETE FROM topics WHERE id NOT IN (SELECT topic_id FROM topic_tags)")
        except sqlite3.IntegrityError as exc:
            raise InvalidInput(f"the graph conflicts with stored data: {exc}") from exc
        return SaveResult(self.get_document(doc.id), False, logged)

    @staticmethod
    def _replaced_map(conn: sqlite3.Connection, graph: DocumentGraph) -> ReplacedMap:
        """The document's new map as this transaction has written it (reads on the same
        connection see the transaction's own writes)."""
        rows = conn.execute(
            "SELECT r.source, r.target, r.type, r.mode FROM relations r JOIN statements s ON s.id = r.source "
            "WHERE s.document_id = :d UNION "
            "SELECT r.source, r.target, r.type, r.mode FROM relations r JOIN statements t ON t.id = r.target "
            "WHERE t.document_id = :d", {"d": graph.document.id}).fetchall()

        def get_statements(statement_ids: Iterable[str]) -> dict[str, Statement]:
            wanted = json.dumps(list(dict.fromkeys(statement_ids)))
            found = conn.execute(f"SELECT {_STATEMENT_COLUMNS} FROM statements "
                                 "WHERE id IN (SELECT value FROM json_each(?))", (wanted,)).fetchall()
            return {row["id"]: records.statement_from(row) for row in found}

        log = conn.execute("SELECT document_id, seq, author, at, undoes, change FROM corrections "
                           "WHERE document_id = ? ORDER BY seq", (graph.document.id,)).fetchall()
        return ReplacedMap(graph.document.id, graph.statements, tuple(records.relation_from(row) for row in rows),
                           get_statements, tuple(records.log_entry_from(dict(row)) for row in log))

    def _follow_up(self, conn: sqlite3.Connection, document_id: str, follow_up: FollowUp) -> LogEntry | None:
        """A replace_graph's follow-up, in its transaction: the changes, then the log entry."""
        follow_up.check(document_id)
        for change in follow_up.changes:
            self._apply(conn, document_id, change)
        return None if follow_up.entry is None else self._append_log(conn, follow_up.entry)

    @staticmethod
    def _append_log(conn: sqlite3.Connection, entry: LogEntry) -> LogEntry:
        seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM corrections WHERE document_id = ?",
                           (entry.document_id,)).fetchone()[0]
        entry = replace(entry, seq=seq)
        conn.execute("INSERT INTO corrections (document_id, seq, author, at, undoes, change) "
                     "VALUES (:document_id, :seq, :author, :at, :undoes, :change)",
                     records.log_entry_record(entry))
        return entry

    def apply_change(self, entry: LogEntry, *, log: bool = True) -> LogEntry:
        change = entry.change.validate()
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (entry.document_id,)).fetchone() is None:
                raise NotFound(f"no document with id {entry.document_id!r}")
            self._apply(conn, entry.document_id, change)
            if change.kind in CORRECTION_KINDS:
                self._refresh_overviews(conn, entry.document_id)
            if log:
                entry = self._append_log(conn, entry)
        return entry

    def _apply(self, conn: sqlite3.Connection, document_id: str, change: Change) -> None:
        kind = change.kind
        for step in change.steps:  # a split or merge: its simple changes, in this one transaction
            self._apply(conn, document_id, step)
        if kind is ChangeKind.EDIT_STATEMENT:
            assert change.after is not None
            row = records.statement_record(change.after)
            updated = conn.execute(
                'UPDATE statements SET kind = :kind, text = :text, quote = :quote, start = :start, "end" = :end, '
                "section = :section, speaker = :speaker, verdict = :verdict, reported = :reported "
                "WHERE id = :id AND document_id = :document_id", row).rowcount
            if not updated:
                raise NotFound(f"no statement with id {change.after.id!r} in document {document_id!r}")
        elif kind is ChangeKind.ADD_RELATION:
            assert change.relation is not None
            relation = change.relation
            found = {r[0] for r in conn.execute("SELECT id FROM statements WHERE id IN (?, ?)",
                                                 (relation.source, relation.target))}
            for end in (relation.source, relation.target):
                if end not in found:
                    raise NotFound(f"no statement with id {end!r}")
            try:
                conn.execute("INSERT INTO relations (source, target, type, mode) "
                             "VALUES (:source, :target, :type, :mode)", records.relation_record(relation))
            except sqlite3.IntegrityError as exc:
                raise InvalidInput(f"the relation {relation_id(relation)} is already on the map") from exc
        elif kind is ChangeKind.REMOVE_RELATION:
            assert change.relation is not None
            if not conn.execute("DELETE FROM relations WHERE source = :source AND target = :target AND type = :type",
                                records.relation_record(change.relation)).rowcount:
                raise NotFound(f"no relation {relation_id(change.relation)!r}")
        elif kind is ChangeKind.REMOVE_STATEMENT:
            assert change.before is not None
            if not conn.execute("DELETE FROM statements WHERE id = ? AND document_id = ?",
                                (change.before.id, document_id)).rowcount:
                raise NotFound(f"no statement with id {change.before.id!r} in document {document_id!r}")
            conn.execute("DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM mentions)")
            conn.execute("DELETE FROM topics WHERE id NOT IN (SELECT topic_id FROM topic_tags)")
        elif kind is ChangeKind.RESTORE_STATEMENT:
            assert change.after is not None
            try:
                conn.execute(
                    f"INSERT INTO statements ({_STATEMENT_COLUMNS}) VALUES (:id, :document_id, :kind, :text, :quote, "
                    ":start, :end, :section, :speaker, :verdict, :reported)", records.statement_record(change.after))
            except sqlite3.IntegrityError as exc:
                raise InvalidInput(f"the statement {change.after.id!r} is already on the map") from exc
            conn.executemany(
                "INSERT OR IGNORE INTO relations (source, target, type, mode) SELECT :source, :target, :type, :mode "
                "WHERE EXISTS (SELECT 1 FROM statements WHERE id = :target) "
                "AND EXISTS (SELECT 1 FROM statements WHERE id = :source)",
                [records.relation_record(r) for r in change.relations])

    def history(self, document_id: str) -> list[LogEntry]:
        self.get_document(document_id)  # NotFound for an unknown id
        rows = self._query("SELECT document_id, seq, author, at, undoes, change FROM corrections "
                           "WHERE document_id = ? ORDER BY seq", (document_id,))
        return [records.log_entry_from(dict(row)) for row in rows]


def _is_store_failure(exc: BaseException) -> bool:
    """An error of the database file or engine (full disk, I/O error, damaged file, lock), not of
    what was asked: a conflict with stored data (IntegrityError) or a bug (ProgrammingError)."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(
        exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError))


_NODE_COLUMNS = "id, document_id, kind, start"
_NODE_COLUMNS_OF_S = "s.id, s.document_id, s.kind, s.start"


def fts_phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: with the trigram tokenizer, the rows containing it (any case)."""
    return '"' + text.replace('"', '""') + '"'


class _QuoteLookup:
    """graph.quotes.QuoteLookup inside the save's transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def earliest_containing(self, window: str, exclude_document: str, limit: int) -> list[Statement]:
        rows = self._conn.execute(
            f"SELECT {_QUALIFIED_STATEMENT_COLUMNS} FROM statement_search f JOIN statements s ON s.rowid = f.rowid "
            "WHERE statement_search MATCH ? AND s.document_id <> ? ORDER BY f.rowid LIMIT ?",
            (fts_phrase(window), exclude_document, limit)).fetchall()
        return [records.statement_from(r) for r in rows]

    def pending_quotes(self, windows: Collection[str], exclude_document: str) -> list[quotes.PendingQuote]:
        rows = self._conn.execute(
            "SELECT statement_id, document_id, search_window, fragment FROM pending_quotes "
            "WHERE search_window IN (SELECT value FROM json_each(?)) AND document_id <> ? "
            "ORDER BY rowid", (json.dumps(sorted(windows)), exclude_document)).fetchall()
        return [quotes.PendingQuote(r["statement_id"], r["document_id"], r["search_window"], r["fragment"])
                for r in rows]
