"""The GraphStore contract both stores implement, and the record types it answers with.

The contract is defined by tests/test_store_contract.py, run against every store.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from graph.argument_graph import ArgumentGraph
from graph.corrections import Change, LogEntry
from graph.errors import InvalidInput
from graph.model import (
    Actor,
    AttackMode,
    Document,
    DocumentGraph,
    Relation,
    RelationType,
    Statement,
    StatementKind,
    Topic,
)
from graph.traversal import Direction

MAX_PAGE = 500
MAX_OFFSET = 10_000_000


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    document: Document
    statement_count: int
    relation_count: int


@dataclass(frozen=True, slots=True)
class SaveResult:
    summary: DocumentSummary
    created: bool
    """False when a document with the same content was already stored (nothing changed)."""
    logged: LogEntry | None = None
    """replace_graph: the log entry its follow-up appended (with its seq), if any."""


@dataclass(frozen=True, slots=True)
class ReplacedMap:
    """A document's map as replace_graph has just written it, seen from inside its transaction:
    what a re-import decides its corrections against, so that the decision and the writes agree."""

    document_id: str
    statements: tuple[Statement, ...]
    """The new parse's statements."""
    relations: tuple[Relation, ...]
    """Every relation touching them: the parse's own, quotation links in both directions, and
    the relations carried over from other documents' statements."""
    get_statements: Callable[[Iterable[str]], dict[str, Statement]]
    """Stored statements by id (unknown ids left out), read inside the same transaction: call it
    only while replace_graph's ``then`` runs."""
    log: tuple[LogEntry, ...] = ()
    """The document's correction log, oldest first, read inside the same transaction (a
    correction committed while the re-import parsed is replayed, not lost)."""


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What replace_graph writes after the new parse, in the same transaction."""

    changes: tuple[Change, ...] = ()
    """Applied in order without log entries (as apply_change with ``log=False``)."""
    entry: LogEntry | None = None
    """Appended to the document's log (given the next seq)."""

    def check(self, document_id: str) -> None:
        """Raise InvalidInput unless every change is complete and the entry is of ``document_id``."""
        for change in self.changes:
            change.validate()
        if self.entry is not None:
            self.entry.change.validate()
        if self.entry is not None and self.entry.document_id != document_id:
            raise InvalidInput(f"a log entry of document {self.entry.document_id!r} after replacing {document_id!r}")


class NeighbourDirection(StrEnum):
    OUT = "out"  # statement -> neighbour
    IN = "in"  # neighbour -> statement


@dataclass(frozen=True, slots=True)
class Neighbour:
    relation: RelationType
    direction: NeighbourDirection
    statement: Statement
    mode: AttackMode | None = None


@dataclass(frozen=True, slots=True)
class StatementView:
    statement: Statement
    neighbours: tuple[Neighbour, ...]


@dataclass(frozen=True, slots=True)
class StatementQuery:
    kind: StatementKind | None = None
    text: str | None = None
    document_id: str | None = None
    topic: str | None = None
    actor: str | None = None
    author: str | None = None
    """A name in the document's byline (exact, case-insensitive)."""
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class TopicUse:
    """How one document's statements take up a topic."""

    topic: Topic
    document_id: str
    stance: int
    statements: int


@dataclass(frozen=True, slots=True)
class TopicDocument:
    """One document's statements on a topic, by stance."""

    document_id: str
    authors: tuple[str, ...]
    pro: int
    con: int
    neutral: int

    @property
    def statements(self) -> int:
        return self.pro + self.con + self.neutral


@dataclass(frozen=True, slots=True)
class TopicSummary:
    """A topic over every stored document: totals kept as documents are saved and deleted, and the
    first documents (import order) taking it up."""

    topic: Topic
    document_count: int
    pro: int
    con: int
    neutral: int
    documents: tuple[TopicDocument, ...]

    @property
    def statements(self) -> int:
        return self.pro + self.con + self.neutral


@dataclass(frozen=True, slots=True)
class ActorDocument:
    document_id: str
    authors: tuple[str, ...]
    statements: int


@dataclass(frozen=True, slots=True)
class ActorSummary:
    actor: Actor
    document_count: int
    statements: int
    documents: tuple[ActorDocument, ...]


@dataclass(frozen=True, slots=True)
class ActorUse:
    actor: Actor
    document_id: str
    statements: int


class GraphStore(Protocol):
    """Persistence of argument maps. Every method raises graph.errors on failure:
    NotFound for unknown ids, InvalidInput for bad arguments, StoreUnavailable
    when the database cannot be reached (and then nothing was written)."""

    name: str

    def ping(self) -> None:
        """Raise StoreUnavailable unless the store answers."""

    def save(self, graph: DocumentGraph, *, link_quotes: bool = False) -> SaveResult:
        """Store a whole document graph atomically; same content twice stores it once. With
        ``link_quotes``, its quotations are linked to their sources (graph.quotes.plan_links, in
        both directions) in the same transaction: all of it is stored, or none."""

    def list_documents(self, *, limit: int = 50, offset: int = 0) -> tuple[list[DocumentSummary], int]:
        """A page of stored documents, oldest import first, and the total count."""

    def get_document(self, document_id: str) -> DocumentSummary: ...

    def get_actor(self, actor_id: str) -> Actor:
        """An actor some stored statement mentions (NotFound for any other id)."""

    def link(self, relations: Iterable[Relation]) -> int:
        """Add relations between already stored statements (e.g. cross-document QUOTES);
        ones whose ends are not both stored are skipped. Returns how many were new."""

    def get_graph(self, document_id: str) -> DocumentGraph:
        """The stored graph of one document, as it was saved."""

    def delete_document(self, document_id: str) -> None:
        """Remove the document, its statements and every relation touching them."""

    def get_statement(self, statement_id: str) -> StatementView: ...

    def search_statements(self, query: StatementQuery) -> tuple[list[Statement], int]:
        """Statements matching every given filter (text: case-insensitive), ordered by
        document then offset, and the total count before paging."""

    def get_statements(self, statement_ids: Iterable[str]) -> dict[str, Statement]:
        """The stored statements among ``statement_ids``, by id (unknown ids are left out)."""

    def neighbourhood(self, seeds: Iterable[str], types: Collection[RelationType], direction: Direction,
                      depth: int | None) -> ArgumentGraph:
        """Everything within ``depth`` edges of ``types`` from ``seeds`` (see traversal.reachable)."""

    def document_subgraph(self, document_id: str) -> ArgumentGraph:
        """The statements of one document and the relations among them."""

    def documents_by_author(self, name: str) -> list[DocumentSummary]:
        """Documents with ``name`` (any case) as an author's full name or one word of it, in
        import order; from an index (author_keys), not by reading every document."""

    def authors(self, *, limit: int = 50) -> tuple[list[str], int]:
        """The first ``limit`` author names in alphabetical order, and how many there are."""

    def topic_summaries(self, *, limit: int = 50, offset: int = 0,
                        documents: int = 20) -> tuple[list[TopicSummary], int]:
        """A page of topics by id with their totals and first ``documents`` documents, and how many
        topics there are; from aggregates kept at save and delete, so the cost does not grow with
        the number of documents."""

    def actor_summaries(self, *, limit: int = 50, offset: int = 0,
                        documents: int = 20) -> tuple[list[ActorSummary], int]:
        """A page of actors by id, as topic_summaries."""

    def topic_uses(self) -> list[TopicUse]:
        """Statement counts per topic, document and stance, ordered by topic, document, stance."""

    def actor_uses(self) -> list[ActorUse]:
        """Statements mentioning each actor per document, ordered by actor, document."""

    def replace_graph(self, graph: DocumentGraph, *, link_quotes: bool = False,
                      then: Callable[[ReplacedMap], FollowUp] | None = None) -> SaveResult:
        """Swap a stored document's statements, relations, mentions and topic tags for those of
        ``graph`` (a new parse of the same source), atomically; the document and its correction
        log stay. Relations from other documents' statements to the document's (an analyst's
        SUPPORTS/ATTACKS, another document's QUOTES) follow their target in the same transaction
        (graph.model.carry_over: same id, else same span; dropped when it has no counterpart).
        NotFound when the document is not stored. ``link_quotes`` as for save, in the same
        transaction. ``then`` is called with the map as written (ReplacedMap) and its FollowUp
        (changes, then a log entry: SaveResult.logged) is written in the same transaction too, so a
        re-import is all-or-nothing: when any part fails (a change the store refuses: NotFound /
        InvalidInput as for apply_change; StoreUnavailable), nothing stored has changed. ``then``
        may be called more than once (a store retrying a transient failure): it must only read."""

    def apply_change(self, entry: LogEntry, *, log: bool = True) -> LogEntry:
        """Apply ``entry.change`` to the stored map and append ``entry`` to its document's log
        (given the next seq), in one transaction; ``log=False`` applies it without a new entry
        (a re-import re-applying logged corrections). NotFound for a statement, relation or
        document that is not stored; InvalidInput for a relation or statement already there."""

    def history(self, document_id: str) -> list[LogEntry]:
        """The document's correction log, oldest first (NotFound for an unknown document)."""

    def clear(self) -> None:
        """Remove everything (tests and `argmap reset`)."""

    def close(self) -> None: ...


def all_documents(store: GraphStore) -> Iterator[DocumentSummary]:
    """Every stored document, page by page, in import order."""
    offset = 0
    while True:
        page, total = store.list_documents(limit=MAX_PAGE, offset=offset)
        yield from page
        offset += len(page)
        if not page or offset >= total:
            return


def neighbour_order(neighbour: Neighbour) -> tuple[int, str, str, int, str]:
    """The one order both stores list a statement's neighbours in."""
    n = neighbour.statement
    return (0 if neighbour.direction is NeighbourDirection.OUT else 1, neighbour.relation.value, n.document_id, n.start,
            n.id)


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit must be between 1 and {MAX_PAGE}, got {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput(f"offset must be between 0 and {MAX_OFFSET}, got {offset}")

