"""Embedded store: one SQLite file (WAL, one transaction per import) plus an in-memory
ArgumentGraph of every statement and relation for traversal.

SQLite is the source of truth. The ArgumentGraph is a cache rebuilt whenever
SQLite's ``data_version`` says another connection committed, and patched in
place after this store's own writes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from graph import traversal
from graph.argument_graph import ArgumentGraph, Edge, StatementNode
from graph.corrections import CORRECTION_KINDS, Change, ChangeKind, LogEntry, relation_id
from graph.errors import InvalidInput, NotFound, StoreUnavailable
from graph.model import (
    AttackMode,
    DocumentGraph,
    Mention,
    Relation,
    RelationType,
    Statement,
    StatementKind,
    Topic,
    TopicTag,
)
from graph.store import records
from graph.store.base import (
    ActorUse,
    DocumentSummary,
    Neighbour,
    NeighbourDirection,
    SaveResult,
    StatementQuery,
    StatementView,
    TopicUse,
    check_page,
    neighbour_order,
)
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
CREATE TABLE IF NOT EXISTS corrections (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL, undoes INTEGER,
    change TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
"""

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


def _edge(row: sqlite3.Row) -> Edge:
    mode = AttackMode(row["mode"]) if row["mode"] else None
    return Edge(row["source"], row["target"], RelationType(row["type"]), mode)


class EmbeddedStore:
    """GraphStore on a local SQLite file; safe to share between threads of one process."""

    name = "embedded"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open the embedded store at {path}: {exc}") from exc
        self._lock = threading.RLock()
        self._nx: ArgumentGraph | None = None
        self._data_version = -1

    # -- plumbing ---------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back whole."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreUnavailable(f"the embedded store is busy: {exc}") from exc
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                raise StoreUnavailable(f"embedded store error: {exc}") from exc

    def graph(self) -> ArgumentGraph:
        """Every stored statement and relation, reloaded if another process changed the file."""
        with self._lock:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            if self._nx is None or version != self._data_version:
                self._nx = self._load_graph()
                self._data_version = version
            return self._nx

    def _load_graph(self) -> ArgumentGraph:
        g = ArgumentGraph()
        for row in self._conn.execute("SELECT id, document_id, kind, start FROM statements"):
            g.add_statement(StatementNode(row["id"], row["document_id"], StatementKind(row["kind"]), row["start"]))
        for row in self._conn.execute("SELECT source, target, type, mode FROM relations"):
            g.add_relation(_edge(row))
        return g

    # -- contract ---------------------------------------------------------------------

    def ping(self) -> None:
        self._query("SELECT 1")

    def save(self, graph: DocumentGraph) -> SaveResult:
        graph.validate()
        doc = graph.document
        try:
            with self._transaction() as conn:
                created = conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone() is None
                if created:
                    self._insert(conn, graph)
        except sqlite3.IntegrityError as exc:
            raise InvalidInput(f"the graph conflicts with stored data: {exc}") from exc
        if created and self._nx is not None:
            self._patch_graph_after_save(graph)
        return SaveResult(self.get_document(doc.id), created)

    def _insert(self, conn: sqlite3.Connection, graph: DocumentGraph) -> None:
        row = records.document_record(graph.document)
        row["authors"] = json.dumps(row["authors"])
        conn.execute(f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES "
                     "(:id, :title, :authors, :publisher, :published, :importer, :sha256, :source, :url)", row)
        self._insert_statements(conn, graph)

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

    def _patch_graph_after_save(self, graph: DocumentGraph) -> None:
        with self._lock:
            assert self._nx is not None
            for st in graph.statements:
                self._nx.add_statement(StatementNode.of(st))
            for rel in graph.relations:
                if rel.target in self._nx:
                    self._nx.add_relation(Edge(rel.source, rel.target, rel.type, rel.mode))
            self._data_version = self._conn.execute("PRAGMA data_version").fetchone()[0]

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
        with self._lock:
            if self._nx is not None:
                for rel in added:
                    self._nx.add_relation(Edge(rel.source, rel.target, rel.type, rel.mode))
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
            if conn.execute("DELETE FROM documents WHERE id = ?", (document_id,)).rowcount == 0:
                raise NotFound(f"no document with id {document_id!r}")
            conn.execute("DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM mentions)")
            conn.execute("DELETE FROM topics WHERE id NOT IN (SELECT topic_id FROM topic_tags)")
        with self._lock:
            if self._nx is not None:
                self._nx.remove_statements(self._nx.statements_of(document_id))
                self._data_version = self._conn.execute("PRAGMA data_version").fetchone()[0]

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
        with self._lock:
            return traversal.reachable(self.graph(), seeds, types, direction, depth)

    def document_subgraph(self, document_id: str) -> ArgumentGraph:
        with self._lock:
            graph = self.graph()
            nodes = graph.statements_of(document_id)
            if not nodes:
                self.get_document(document_id)  # NotFound for an unknown id
            return graph.subgraph(nodes)

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
            for table in ("topic_tags", "mentions", "relations", "statements", "documents", "actors", "topics"):
                conn.execute(f"DELETE FROM {table}")
        with self._lock:
            self._nx = None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- corrections ------------------------------------------------------------------

    def replace_graph(self, graph: DocumentGraph) -> SaveResult:
        graph.validate()
        doc = graph.document
        try:
            with self._transaction() as conn:
                if conn.execute("UPDATE documents SET importer = ? WHERE id = ?", (doc.importer, doc.id)).rowcount == 0:
                    raise NotFound(f"no document with id {doc.id!r}")
                conn.execute("DELETE FROM statements WHERE document_id = ?", (doc.id,))
                self._insert_statements(conn, graph)
                conn.execute("DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM mentions)")
                conn.execute("DELETE FROM topics WHERE id NOT IN (SELECT topic_id FROM topic_tags)")
        except sqlite3.IntegrityError as exc:
            raise InvalidInput(f"the graph conflicts with stored data: {exc}") from exc
        self._forget_graph()
        return SaveResult(self.get_document(doc.id), False)

    def apply_change(self, entry: LogEntry, *, log: bool = True) -> LogEntry:
        change = entry.change.validate()
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (entry.document_id,)).fetchone() is None:
                raise NotFound(f"no document with id {entry.document_id!r}")
            self._apply(conn, entry.document_id, change)
            if log:
                seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM corrections WHERE document_id = ?",
                                   (entry.document_id,)).fetchone()[0]
                entry = replace(entry, seq=seq)
                conn.execute("INSERT INTO corrections (document_id, seq, author, at, undoes, change) "
                             "VALUES (:document_id, :seq, :author, :at, :undoes, :change)",
                             records.log_entry_record(entry))
        if change.kind in CORRECTION_KINDS:
            self._forget_graph()
        return entry

    def _apply(self, conn: sqlite3.Connection, document_id: str, change: Change) -> None:
        kind = change.kind
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

    def _forget_graph(self) -> None:
        """Drop the networkx cache after a write that changed statements in place."""
        with self._lock:
            self._nx = None
