"""Neo4j store: the official driver, one per process, all Cypher from graph.store.cypher."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import replace
from typing import Any, LiteralString, TypeVar

import neo4j
from neo4j import (
    GraphDatabase,
    NotificationDisabledClassification,
    NotificationMinimumSeverity,
    Query,
    RoutingControl,
)
from neo4j import exceptions as neo4j_errors

from graph import budget, quotes
from graph.argument_graph import ArgumentGraph, Edge, StatementNode
from graph.corrections import CORRECTION_KINDS, Change, ChangeKind, LogEntry, relation_id
from graph.errors import InvalidInput, NotFound, StoreUnavailable
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
from graph.store import cypher, records
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
from graph.store.settings import StoreSettings
from graph.store.shares import actor_counts, author_keys, topic_counts
from graph.traversal import Direction

T = TypeVar("T")
URI_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})


@contextmanager
def _translated_errors() -> Iterator[None]:
    """Driver failures become argmap errors; messages never carry credentials."""
    try:
        yield
    except neo4j_errors.ResultFailedError as exc:
        # After a failed query the driver's rollback can raise this in place of the server's error
        # (when the connection cannot be reset in time): the server's error is what happened.
        cause = exc.__cause__
        if not isinstance(cause, neo4j_errors.Neo4jError):
            raise
        with _translated_errors():
            raise cause  # noqa: B904 - cause is the original; chaining it to exc would make a cycle
    except neo4j_errors.AuthError as exc:
        raise StoreUnavailable("Neo4j refused the configured credentials") from exc
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
        raise StoreUnavailable(f"Neo4j is unavailable: {type(exc).__name__}") from exc
    except neo4j_errors.TransientError as exc:
        raise StoreUnavailable(f"Neo4j could not complete the request in time ({exc.code})") from exc
    except neo4j_errors.ClientError as exc:
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise StoreUnavailable(f"Neo4j has no such database ({exc.message}): check NEO4J_DATABASE") from exc
        if exc.code and "Timeout" in exc.code or "TimedOut" in (exc.code or ""):
            raise StoreUnavailable(f"Neo4j query timed out ({exc.code})") from exc
        raise


def _properties(statement: Statement) -> dict[str, Any]:
    """A statement node's properties: its record, and its lower-case text for the TEXT index."""
    return {**records.statement_record(statement), "search": statement.text.lower()}


def _statement(properties: Mapping[str, Any]) -> Statement:
    return records.statement_from({field: properties.get(field) for field in records.STATEMENT_FIELDS})


def _node(properties: Mapping[str, Any]) -> StatementNode:
    return StatementNode(properties["id"], properties["document_id"], StatementKind(properties["kind"]),
                         properties["start"])


def _edge(row: Mapping[str, Any] | neo4j.Record) -> Edge:
    mode = AttackMode(row["mode"]) if row["mode"] else None
    return Edge(row["source"], row["target"], RelationType(row["type"]), mode)


class Neo4jStore:
    """GraphStore on a Neo4j server (bolt:// or neo4j:// URI)."""

    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, *, database: str, timeout_s: float, retry_time_s: float = 5.0) -> None:
        self._driver = driver
        self._database = database
        self._timeout_s = timeout_s
        self._retry_time_s = retry_time_s  # how long a transient write failure is retried
        self._schema_ready = False

    @classmethod
    def connect(cls, settings: StoreSettings) -> Neo4jStore:
        """Open the process's one driver, check the server answers and ensure the schema."""
        scheme = settings.neo4j_uri.split("://", 1)[0].lower()
        if scheme not in URI_SCHEMES:
            raise InvalidInput(f"bad NEO4J_URI {settings.neo4j_uri!r}: use bolt:// or neo4j:// (or +s / +ssc)")
        try:
            driver = GraphDatabase.driver(
                settings.neo4j_uri,
                auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
                connection_timeout=settings.neo4j_connect_timeout_s,
                max_transaction_retry_time=settings.neo4j_connect_timeout_s,
                # "property does not exist" notes fire for optional properties such as ATTACKS.mode.
                notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
                # Informational notes (e.g. "constraint already exists", at every start) are logged at
                # INFO, many lines each, by every CLI command and server start; warnings still are.
                notifications_min_severity=NotificationMinimumSeverity.WARNING,
            )
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise InvalidInput(f"bad NEO4J_URI {settings.neo4j_uri!r}: use bolt:// or neo4j://") from exc
        store = cls(driver, database=settings.neo4j_database, timeout_s=settings.neo4j_query_timeout_s,
                    retry_time_s=settings.neo4j_connect_timeout_s)
        # The server may come up later: every call retries the schema first, and answers 503 until then.
        with suppress(StoreUnavailable):
            store.ensure_schema()
        return store

    # -- plumbing ---------------------------------------------------------------------

    def _read(self, query: LiteralString, **params: Any) -> list[neo4j.Record]:
        budget.check()
        self.ensure_schema()
        with _translated_errors():
            result = self._driver.execute_query(
                Query(query, timeout=budget.remaining(self._timeout_s)), params,
                database_=self._database, routing_=RoutingControl.READ,
            )
        return list(result.records)

    def _write(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        """Run ``work`` in one write transaction: all of it commits, or none of it.

        The driver retries transient failures (deadlocks, lock timeouts) itself, but when a query
        fails and the connection cannot be reset in time (a loaded machine), its rollback raises
        ResultFailedError in place of the server's error, which it does not retry. A transient
        failure behind one is run again here; any other is raised as the server's error
        (_translated_errors), so callers see ConstraintError and the like as usual.
        """
        self.ensure_schema()
        unit = neo4j.unit_of_work(timeout=self._timeout_s)(work)
        deadline = time.monotonic() + self._retry_time_s
        delay_s = 0.05
        while True:
            with _translated_errors():
                try:
                    with self._driver.session(database=self._database) as session:
                        return session.execute_write(unit)
                except neo4j_errors.ResultFailedError as exc:
                    transient = isinstance(exc.__cause__, neo4j_errors.Neo4jError) and exc.__cause__.is_retryable()
                    if not (transient and time.monotonic() < deadline):
                        raise
            time.sleep(delay_s)
            delay_s = min(2 * delay_s, 1.0)

    def ensure_schema(self) -> None:
        """Create constraints and indexes (idempotent), once per process."""
        if self._schema_ready:
            return
        with _translated_errors():
            for statement in (cypher.FOLD_COUNTER_COPIES, *cypher.SCHEMA):
                self._driver.execute_query(statement, database_=self._database)
        self._schema_ready = True

    # -- contract ---------------------------------------------------------------------

    def ping(self) -> None:
        self._read(cypher.PING)

    def save(self, graph: DocumentGraph, *, link_quotes: bool = False) -> SaveResult:
        graph.validate()
        original = graph

        def work(tx: neo4j.ManagedTransaction) -> bool:
            if not tx.run(cypher.CLAIM_DOCUMENT, id=original.document.id).single(strict=True)["created"]:
                return False  # stored already, perhaps by a concurrent import of it that committed first
            graph, plan = self._with_quotes(tx, original) if link_quotes else (original, None)
            document = records.document_record(graph.document)
            tx.run(cypher.CREATE_DOCUMENT, document=document, authors=document["authors"],
                   author_keys=sorted(author_keys(graph.document.authors))).consume()
            self._create_statements(tx, graph)
            tx.run(cypher.ADD_TOPIC_SHARES, id=graph.document.id, rows=[
                {"topic_id": t, "pro": c[0], "con": c[1], "neutral": c[2]} for t, c in topic_counts(graph).items()
            ]).consume()
            tx.run(cypher.ADD_ACTOR_SHARES, id=graph.document.id, rows=[
                {"actor_id": a, "statements": n} for a, n in actor_counts(graph).items()]).consume()
            if plan is not None:
                self._record_quotes(tx, graph, plan)
            return True

        try:
            created = self._write(work)
        except neo4j_errors.ConstraintError as exc:
            if not self._read(cypher.DOCUMENT_EXISTS, id=graph.document.id)[0]["exists"]:
                raise InvalidInput(f"the graph conflicts with stored data: {exc.message}") from exc
            created = False  # another client stored the same document first; the constraint kept one copy
        return SaveResult(self.get_document(graph.document.id), created)

    @staticmethod
    def _with_quotes(tx: neo4j.ManagedTransaction,
                     graph: DocumentGraph) -> tuple[DocumentGraph, quotes.QuotePlan]:
        """The graph with its quotations' links to their sources, and the whole plan."""
        plan = quotes.plan_links(graph, _QuoteLookup(tx))
        own = {s.id for s in graph.statements}
        outgoing = [r for r in plan.links if r.source in own]
        return (replace(graph, relations=unique([*graph.relations, *outgoing])) if outgoing else graph), plan

    @staticmethod
    def _record_quotes(tx: neo4j.ManagedTransaction, graph: DocumentGraph, plan: quotes.QuotePlan) -> None:
        """Incoming links and the quotations still waiting for their source, in the save's transaction."""
        own = {s.id for s in graph.statements}
        incoming = [records.relation_record(r) for r in plan.links if r.source not in own]
        if incoming:
            tx.run(cypher.LINK_RELATIONS[RelationType.QUOTES], rows=incoming).consume()
        tx.run(cypher.DELETE_PENDING_QUOTES, rows=[{"statement_id": p.statement_id, "window": p.window}
                                                   for p in plan.resolved]).consume()
        tx.run(cypher.CREATE_PENDING_QUOTES, rows=[
            {"statement_id": p.statement_id, "document_id": p.document_id, "window": p.window,
             "fragment": p.fragment} for p in plan.pending]).consume()

    @staticmethod
    def _create_statements(tx: neo4j.ManagedTransaction, graph: DocumentGraph) -> None:
        """Everything of ``graph`` but the Document node: statements, relations, actors, topics."""
        tx.run(cypher.CREATE_STATEMENTS, rows=[{"label": s.kind.label, "properties": _properties(s)}
                                               for s in graph.statements]).consume()
        reported = [{"id": s.id, "speaker": s.speaker} for s in graph.statements if s.reported]
        tx.run(cypher.LINK_SPEAKERS, rows=reported).consume()
        tx.run(cypher.MERGE_ACTORS, rows=[records.actor_record(a) for a in graph.actors]).consume()
        tx.run(cypher.MERGE_TOPICS, rows=[{"id": t.id, "name": t.name} for t in graph.topics]).consume()
        Neo4jStore._link(tx, graph.relations)
        tx.run(cypher.CREATE_MENTIONS,
               rows=[{"statement_id": m.statement_id, "actor_id": m.actor_id} for m in graph.mentions]).consume()
        tx.run(cypher.CREATE_TOPIC_TAGS,
               rows=[{"statement_id": t.statement_id, "topic_id": t.topic_id, "stance": t.stance}
                     for t in graph.topic_tags]).consume()

    @staticmethod
    def _link(tx: neo4j.ManagedTransaction, relations: Iterable[Relation]) -> int:
        """Relations between stored statements, one UNWIND batch per type; how many were new."""
        rows_by_type: dict[RelationType, list[dict[str, Any]]] = {}
        for relation in relations:
            rows_by_type.setdefault(relation.type, []).append(records.relation_record(relation))
        return sum(tx.run(cypher.LINK_RELATIONS[t], rows=rows).single(strict=True)["added"]
                   for t, rows in rows_by_type.items())

    def link(self, relations: Iterable[Relation]) -> int:
        wanted = list(relations)
        return self._write(lambda tx: self._link(tx, wanted)) if wanted else 0

    @staticmethod
    def _summary(record: neo4j.Record) -> DocumentSummary:
        properties = record["document"]
        document = records.document_from({field: properties.get(field) for field in records.DOCUMENT_FIELDS})
        return DocumentSummary(document, record["statement_count"], record["relation_count"])

    def list_documents(self, *, limit: int = 50, offset: int = 0) -> tuple[list[DocumentSummary], int]:
        check_page(limit, offset)
        rows = self._read(cypher.LIST_DOCUMENTS, limit=limit, offset=offset)
        total = self._read(cypher.COUNT_DOCUMENTS)[0]["total"]
        return [self._summary(r) for r in rows], total

    def get_document(self, document_id: str) -> DocumentSummary:
        rows = self._read(cypher.GET_DOCUMENT, id=document_id)
        if not rows:
            raise NotFound(f"no document with id {document_id!r}")
        return self._summary(rows[0])

    def get_actor(self, actor_id: str) -> Actor:
        rows = self._read(cypher.GET_ACTOR, id=actor_id)
        if not rows:
            raise NotFound(f"no actor with id {actor_id!r}")
        return records.actor_from(rows[0]["actor"])

    def get_graph(self, document_id: str) -> DocumentGraph:
        document = self.get_document(document_id).document
        statements = tuple(_statement(r["statement"]) for r in self._read(cypher.GRAPH_STATEMENTS, id=document_id))
        relations = tuple(records.relation_from(r) for r in self._read(cypher.GRAPH_RELATIONS, id=document_id))
        mention_rows = self._read(cypher.GRAPH_MENTIONS, id=document_id)
        actors = {r["actor"]["id"]: records.actor_from(r["actor"]) for r in mention_rows}
        tag_rows = self._read(cypher.GRAPH_TOPIC_TAGS, id=document_id)
        topics = {r["topic_id"]: Topic(r["topic_id"], r["name"]) for r in tag_rows}
        return DocumentGraph(
            document=document,
            statements=statements,
            relations=relations,
            actors=tuple(sorted(actors.values(), key=lambda a: a.id)),
            topics=tuple(sorted(topics.values(), key=lambda t: t.id)),
            mentions=tuple(Mention(r["statement_id"], r["actor"]["id"]) for r in mention_rows),
            topic_tags=tuple(TopicTag(r["statement_id"], r["topic_id"], r["stance"]) for r in tag_rows),
            persons=tuple(dict.fromkeys(s.speaker for s in statements if s.reported)),
        )

    def delete_document(self, document_id: str) -> None:
        def work(tx: neo4j.ManagedTransaction) -> int:
            tx.run(cypher.DELETE_PENDING_QUOTES_OF_DOCUMENT, id=document_id).consume()
            tx.run(cypher.REMOVE_SHARES, id=document_id).consume()
            deleted: int = tx.run(cypher.DELETE_DOCUMENT, id=document_id).single(strict=True)["deleted"]
            tx.run(cypher.DELETE_CORRECTIONS, id=document_id).consume()
            tx.run(cypher.DELETE_ORPHANS).consume()
            return deleted

        if not self._write(work):
            raise NotFound(f"no document with id {document_id!r}")

    def get_statement(self, statement_id: str) -> StatementView:
        rows = self._read(cypher.GET_STATEMENT, id=statement_id)
        if not rows:
            raise NotFound(f"no statement with id {statement_id!r}")
        neighbours = [
            Neighbour(RelationType(n["type"]), NeighbourDirection(n["direction"]), _statement(n["statement"]),
                      AttackMode(n["mode"]) if n["mode"] else None)
            for n in rows[0]["neighbours"]
        ]
        return StatementView(_statement(rows[0]["statement"]), tuple(sorted(neighbours, key=neighbour_order)))

    def search_statements(self, query: StatementQuery) -> tuple[list[Statement], int]:
        check_page(query.limit, query.offset)
        text = query.text.strip().lower() if query.text is not None else None
        if text == "":
            raise InvalidInput("the text to search for is blank")
        params = {"kind": query.kind.value if query.kind else None, "document_id": query.document_id, "text": text,
                  "topic": query.topic, "actor": query.actor,
                  "author": query.author.strip().lower() if query.author is not None else None}
        count, search = ((cypher.COUNT_STATEMENTS, cypher.SEARCH_STATEMENTS) if text is None else
                         (cypher.COUNT_STATEMENTS_WITH_TEXT, cypher.SEARCH_STATEMENTS_WITH_TEXT))
        total = self._read(count, **params)[0]["total"]
        rows = self._read(search, **params, limit=query.limit, offset=query.offset)
        return [_statement(r["statement"]) for r in rows], total

    def get_statements(self, statement_ids: Iterable[str]) -> dict[str, Statement]:
        rows = self._read(cypher.GET_STATEMENTS, ids=list(dict.fromkeys(statement_ids)))
        return {r["statement"]["id"]: _statement(r["statement"]) for r in rows}

    def neighbourhood(self, seeds: Iterable[str], types: Collection[RelationType], direction: Direction,
                      depth: int | None) -> ArgumentGraph:
        """Breadth first, one Cypher query per level inside one read transaction, so the work
        is bounded by the edges visited (a variable-length pattern would enumerate every path)."""
        query = cypher.EXPAND_INCOMING if direction is Direction.DOWN else cypher.EXPAND_OUTGOING
        seed_ids = list(dict.fromkeys(seeds))
        type_names = [RelationType(t).value for t in types]

        def work(tx: neo4j.ManagedTransaction) -> ArgumentGraph:
            graph = ArgumentGraph()
            for row in tx.run(cypher.STATEMENT_NODES, ids=seed_ids):
                graph.add_statement(_node(row["node"]))
            frontier = sorted(graph)
            level = 0
            while frontier and (depth is None or level < depth):
                budget.check()
                found = []
                for row in tx.run(query, frontier=frontier, types=type_names):
                    other = row["other"]
                    if other["id"] not in graph:
                        graph.add_statement(_node(other))
                        found.append(other["id"])
                    graph.add_relation(_edge(row))
                frontier = sorted(set(found))
                level += 1
            return graph

        self.ensure_schema()
        with _translated_errors(), self._driver.session(database=self._database,
                                                        default_access_mode=neo4j.READ_ACCESS) as session:
            graph: ArgumentGraph = session.execute_read(
                neo4j.unit_of_work(timeout=budget.remaining(self._timeout_s))(work))
        return graph

    def document_subgraph(self, document_id: str) -> ArgumentGraph:
        rows = self._read(cypher.DOCUMENT_GRAPH_NODES, id=document_id)
        if not rows:
            self.get_document(document_id)  # NotFound for an unknown id
        graph = ArgumentGraph()
        for row in rows:
            graph.add_statement(_node(row["node"]))
        for row in rows:
            for edge in row["edges"]:
                if edge is not None:
                    graph.add_relation(_edge({**edge, "source": row["node"]["id"]}))
        return graph

    def documents_by_author(self, name: str) -> list[DocumentSummary]:
        return [self._summary(r) for r in self._read(cypher.DOCUMENTS_BY_AUTHOR, key=name.strip().lower())]

    def authors(self, *, limit: int = 50) -> tuple[list[str], int]:
        names = [r["name"] for r in self._read(cypher.AUTHORS, limit=limit)]
        return names, self._read(cypher.COUNT_AUTHORS)[0]["total"]

    def topic_summaries(self, *, limit: int = 50, offset: int = 0,
                        documents: int = 20) -> tuple[list[TopicSummary], int]:
        check_page(limit, offset)
        rows = self._read(cypher.TOPIC_SUMMARIES, limit=limit, offset=offset, documents=documents)
        summaries = [TopicSummary(Topic(r["id"], r["name"]), r["documents"], r["pro"], r["con"], r["neutral"],
                                  tuple(TopicDocument(u["document_id"], tuple(u["authors"]), u["pro"], u["con"],
                                                      u["neutral"]) for u in r["uses"])) for r in rows]
        return summaries, self._read(cypher.COUNT_TOPICS)[0]["total"]

    def actor_summaries(self, *, limit: int = 50, offset: int = 0,
                        documents: int = 20) -> tuple[list[ActorSummary], int]:
        check_page(limit, offset)
        rows = self._read(cypher.ACTOR_SUMMARIES, limit=limit, offset=offset, documents=documents)
        summaries = [ActorSummary(records.actor_from(r["actor"]), r["documents"], r["statements"],
                                  tuple(ActorDocument(u["document_id"], tuple(u["authors"]), u["statements"])
                                        for u in r["uses"])) for r in rows]
        return summaries, self._read(cypher.COUNT_ACTORS)[0]["total"]

    def topic_uses(self) -> list[TopicUse]:
        return [TopicUse(Topic(r["id"], r["name"]), r["document_id"], r["stance"], r["n"])
                for r in self._read(cypher.TOPIC_USES)]

    def actor_uses(self) -> list[ActorUse]:
        rows = self._read(cypher.ACTOR_USES)
        return [ActorUse(records.actor_from(r["actor"]), r["document_id"], r["n"]) for r in rows]

    def clear(self) -> None:
        self.ensure_schema()
        with _translated_errors(), self._driver.session(database=self._database) as session:
            for statement in cypher.CLEAR:
                session.run(statement).consume()

    def close(self) -> None:
        self._driver.close()

    # -- corrections ------------------------------------------------------------------

    def replace_graph(self, graph: DocumentGraph, *, link_quotes: bool = False,
                      then: Callable[[ReplacedMap], FollowUp] | None = None) -> SaveResult:
        graph.validate()
        original = graph

        def work(tx: neo4j.ManagedTransaction) -> LogEntry | None:
            updated = tx.run(cypher.SET_DOCUMENT_IMPORTER, id=original.document.id,
                             importer=original.document.importer).single(strict=True)["updated"]
            if not updated:
                raise NotFound(f"no document with id {original.document.id!r}")
            carried = [CarriedRelation(records.relation_from(row), row["start"], row["end"])
                       for row in tx.run(cypher.INCOMING_FROM_OTHER_DOCUMENTS, id=original.document.id)]
            tx.run(cypher.DELETE_DOCUMENT_STATEMENTS, id=original.document.id).consume()
            tx.run(cypher.DELETE_PENDING_QUOTES_OF_DOCUMENT, id=original.document.id).consume()
            graph, plan = self._with_quotes(tx, original) if link_quotes else (original, None)
            self._create_statements(tx, graph)
            self._link(tx, carry_over(carried, graph.statements))
            if plan is not None:
                self._record_quotes(tx, graph, plan)
            logged = None
            if then is not None:
                logged = self._follow_up(tx, graph.document.id, then(self._replaced_map(tx, graph)))
            tx.run(cypher.REMOVE_SHARES, id=graph.document.id).consume()
            tx.run(cypher.RECOUNT_SHARES, id=graph.document.id).consume()
            tx.run(cypher.DELETE_ORPHANS).consume()
            return logged

        try:
            logged = self._write(work)
        except neo4j_errors.ConstraintError as exc:
            raise InvalidInput(f"the graph conflicts with stored data: {exc.message}") from exc
        return SaveResult(self.get_document(graph.document.id), False, logged)

    @staticmethod
    def _replaced_map(tx: neo4j.ManagedTransaction, graph: DocumentGraph) -> ReplacedMap:
        """The document's new map as this transaction has written it (queries in the
        transaction see its own writes)."""
        relations = tuple(records.relation_from(row)
                          for row in tx.run(cypher.RELATIONS_TOUCHING_DOCUMENT, id=graph.document.id))

        def get_statements(statement_ids: Iterable[str]) -> dict[str, Statement]:
            rows = tx.run(cypher.GET_STATEMENTS, ids=list(dict.fromkeys(statement_ids)))
            return {r["statement"]["id"]: _statement(r["statement"]) for r in rows}

        log = tuple(records.log_entry_from(dict(r["entry"])) for r in tx.run(cypher.CORRECTIONS, id=graph.document.id))
        return ReplacedMap(graph.document.id, graph.statements, relations, get_statements, log)

    @staticmethod
    def _follow_up(tx: neo4j.ManagedTransaction, document_id: str, follow_up: FollowUp) -> LogEntry | None:
        """A replace_graph's follow-up, in its transaction: the changes, then the log entry."""
        follow_up.check(document_id)
        for change in follow_up.changes:
            Neo4jStore._apply(tx, document_id, change)
        return None if follow_up.entry is None else Neo4jStore._append_log(tx, follow_up.entry)

    @staticmethod
    def _append_log(tx: neo4j.ManagedTransaction, entry: LogEntry) -> LogEntry:
        record = records.log_entry_record(entry)
        del record["seq"]
        seq = tx.run(cypher.APPEND_CORRECTION, entry=record).single(strict=True)["seq"]
        return replace(entry, seq=seq)

    def apply_change(self, entry: LogEntry, *, log: bool = True) -> LogEntry:
        change = entry.change.validate()

        def work(tx: neo4j.ManagedTransaction) -> LogEntry:
            if not tx.run(cypher.DOCUMENT_EXISTS, id=entry.document_id).single(strict=True)["exists"]:
                raise NotFound(f"no document with id {entry.document_id!r}")
            self._apply(tx, entry.document_id, change)
            if change.kind in CORRECTION_KINDS:  # the document's statements changed: recount its shares
                tx.run(cypher.REMOVE_SHARES, id=entry.document_id).consume()
                tx.run(cypher.RECOUNT_SHARES, id=entry.document_id).consume()
            return self._append_log(tx, entry) if log else entry

        try:
            return self._write(work)
        except neo4j_errors.ConstraintError as exc:
            raise InvalidInput(f"the change conflicts with stored data: {exc.message}") from exc

    @staticmethod
    def _apply(tx: neo4j.ManagedTransaction, document_id: str, change: Change) -> None:
        kind = change.kind
        for step in change.steps:  # a split or merge: its simple changes, in this one transaction
            Neo4jStore._apply(tx, document_id, step)
        if kind is ChangeKind.EDIT_STATEMENT:
            assert change.after is not None
            after = change.after
            updated = tx.run(cypher.UPDATE_STATEMENT, properties=_properties(after),
                             kind_labels=[k.label for k in StatementKind],
                             label=after.kind.label).single(strict=True)["updated"]
            if not updated:
                raise NotFound(f"no statement with id {after.id!r} in document {document_id!r}")
            if after.reported:
                tx.run(cypher.LINK_SPEAKERS, rows=[{"id": after.id, "speaker": after.speaker}]).consume()
            tx.run(cypher.DELETE_ORPHANS).consume()
        elif kind is ChangeKind.ADD_RELATION:
            assert change.relation is not None
            relation = change.relation
            found = {r["id"] for r in tx.run(cypher.STATEMENT_DOCUMENTS, ids=[relation.source, relation.target])}
            for end in (relation.source, relation.target):
                if end not in found:
                    raise NotFound(f"no statement with id {end!r}")
            added = tx.run(cypher.LINK_RELATIONS[relation.type],
                           rows=[records.relation_record(relation)]).single(strict=True)["added"]
            if not added:
                raise InvalidInput(f"the relation {relation_id(relation)} is already on the map")
        elif kind is ChangeKind.REMOVE_RELATION:
            assert change.relation is not None
            relation = change.relation
            deleted = tx.run(cypher.DELETE_RELATION[relation.type], source=relation.source,
                             target=relation.target).single(strict=True)["deleted"]
            if not deleted:
                raise NotFound(f"no relation {relation_id(relation)!r}")
        elif kind is ChangeKind.REMOVE_STATEMENT:
            assert change.before is not None
            deleted = tx.run(cypher.DELETE_STATEMENT, id=change.before.id,
                             document_id=document_id).single(strict=True)["deleted"]
            if not deleted:
                raise NotFound(f"no statement with id {change.before.id!r} in document {document_id!r}")
            tx.run(cypher.DELETE_ORPHANS).consume()
        elif kind is ChangeKind.RESTORE_STATEMENT:
            assert change.after is not None
            after = change.after
            if tx.run(cypher.STATEMENT_DOCUMENTS, ids=[after.id]).single() is not None:
                raise InvalidInput(f"the statement {after.id!r} is already on the map")
            tx.run(cypher.CREATE_STATEMENTS,
                   rows=[{"label": after.kind.label, "properties": _properties(after)}]).consume()
            if after.reported:
                tx.run(cypher.LINK_SPEAKERS, rows=[{"id": after.id, "speaker": after.speaker}]).consume()
            for relation_type in RelationType:
                rows = [records.relation_record(r) for r in change.relations if r.type is relation_type]
                if rows:
                    tx.run(cypher.LINK_RELATIONS[relation_type], rows=rows).consume()

    def history(self, document_id: str) -> list[LogEntry]:
        self.get_document(document_id)  # NotFound for an unknown id
        return [records.log_entry_from(dict(r["entry"])) for r in self._read(cypher.CORRECTIONS, id=document_id)]


class _QuoteLookup:
    """graph.quotes.QuoteLookup inside the transaction saving a document."""

    def __init__(self, tx: neo4j.ManagedTransaction) -> None:
        self._tx = tx

    def earliest_containing(self, window: str, exclude_document: str, limit: int) -> list[Statement]:
        return [_statement(r["statement"]) for r in self._tx.run(
            cypher.EARLIEST_CONTAINING, window=window, document_id=exclude_document, limit=limit)]

    def pending_quotes(self, windows: Collection[str], exclude_document: str) -> list[quotes.PendingQuote]:
        return [quotes.PendingQuote(r["statement_id"], r["document_id"], r["window"], r["fragment"])
                for r in self._tx.run(cypher.PENDING_QUOTES, windows=sorted(windows), document_id=exclude_document)]
