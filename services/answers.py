"""The answer types of argmap's queries: Pydantic models that are the JSON both the HTTP
API and the CLI print (the domain stays in graph.model as frozen dataclasses).

HTTP-only bodies (request bodies, health, errors) are in api.http_schemas."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.compare import Agreement, Stance
from graph.corrections import ChangeKind
from graph.model import AttackMode, RelationType, StatementKind, Verdict
from graph.store.base import NeighbourDirection
from graph.traversal import Status

StatusScope = Literal["document", "global"]
"""Which attacks count for a document's status: its own only, or every stored document's."""


class DocumentBase(BaseModel):
    id: str
    title: str
    authors: list[str]
    publisher: str | None
    published: str | None
    importer: str
    sha256: str
    url: str | None


class DocumentPublic(DocumentBase):
    statement_count: int
    relation_count: int


class DocumentsPublic(BaseModel):
    data: list[DocumentPublic]
    count: int


class ImportPublic(BaseModel):
    document: DocumentPublic
    created: bool = Field(description="False when the same content was already stored (nothing changed).")
    message: str = Field(description="What happened, in words: imported, or already stored under this id.")
    correction: CorrectionPublic | None = Field(
        default=None, description="An AIF export of a stored document comes back as corrections to it: the log entry")
    left_out: list[str] = Field(default_factory=list,
                                description="AIF I-node texts that match no passage of the stored text")


class StatementPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    document_id: str
    kind: StatementKind
    text: str
    quote: str = Field(description="The exact source slice: source[start:end] == quote.")
    start: int
    end: int
    section: str | None
    speaker: str
    verdict: Verdict | None
    reported: bool


class StatementsPublic(BaseModel):
    data: list[StatementPublic]
    count: int


class NeighbourPublic(BaseModel):
    relation: RelationType
    direction: NeighbourDirection
    mode: AttackMode | None
    statement: StatementPublic


class StatementDetailPublic(StatementPublic):
    neighbours: list[NeighbourPublic]


class RelationPublic(BaseModel):
    source: str
    target: str
    type: RelationType
    mode: AttackMode | None


class ActorPublic(BaseModel):
    id: str
    name: str
    kind: str
    aliases: list[str]


class TopicPublic(BaseModel):
    id: str
    name: str


class MentionPublic(BaseModel):
    statement_id: str
    actor_id: str


class TopicTagPublic(BaseModel):
    statement_id: str
    topic_id: str
    stance: int


class SourceDocumentPublic(DocumentBase):
    source: str = Field(description="The text every statement's start/end offsets point into")


class OriginPublic(BaseModel):
    by: Literal["importer", "analyst"]
    name: str = Field(description="importer:NAME@VERSION, or the analyst's name")
    at: str | None = Field(description="When (ISO 8601, UTC); null for maps imported before logs were kept")
    seq: int | None = Field(description="The log entry (GET /documents/{id}/history) that made it")


class GraphStatementPublic(StatementPublic):
    origin: OriginPublic


class GraphRelationPublic(RelationPublic):
    id: str = Field(description="SOURCE:TYPE:TARGET, for DELETE /relations/{id}")
    origin: OriginPublic


class GraphPublic(BaseModel):
    document: SourceDocumentPublic
    statements: list[GraphStatementPublic]
    relations: list[GraphRelationPublic]
    actors: list[ActorPublic]
    topics: list[TopicPublic]
    mentions: list[MentionPublic]
    topic_tags: list[TopicTagPublic]
    persons: list[str]




class CorrectionPublic(BaseModel):
    """One entry of a document's correction log."""

    document_id: str
    seq: int
    kind: ChangeKind
    author: str = Field(description="The analyst, or importer:NAME@VERSION")
    at: str
    undoes: int | None = Field(description="The seq of the entry this one undoes")
    summary: str = Field(description="The change in words")
    statement_id: str | None
    before: StatementPublic | None = Field(description="edit: the statement before; removal: what was removed")
    after: StatementPublic | None = Field(description="edit: the statement after; restore: what came back")
    relation: RelationPublic | None
    report: dict[str, Any] | None = Field(description="import/reimport: importer, version and what was re-applied")


class HistoryPublic(BaseModel):
    document_id: str
    data: list[CorrectionPublic]
    count: int
    undo: int | None = Field(description="The seq POST /documents/{id}/undo would undo (null: nothing)")


class NoLongerFitsPublic(BaseModel):
    seq: int
    reason: str


class ReimportPublic(BaseModel):
    document: DocumentPublic
    reapplied: list[int] = Field(description="Corrections (seq) applied again to the new parse")
    already_satisfied: list[int] = Field(description="Corrections the new parse already agrees with")
    no_longer_fit: list[NoLongerFitsPublic] = Field(description="Corrections that do not fit the new parse")
    entry: CorrectionPublic


class ChainNodePublic(BaseModel):
    statement: StatementPublic
    relation: RelationType | None = Field(description="Relation to the parent node (null at the root)")
    status: Status = Field(
        description="Grounded status over every stored document")
    repeated: bool = Field(description="Already on the path from the root (a cycle): not expanded again")
    children: list[ChainNodePublic]


class ChainPublic(BaseModel):
    root: ChainNodePublic
    count: int = Field(description="Nodes in the tree")
    truncated: bool = Field(description="True when the tree was cut at its size limit")


class StatusEntryPublic(BaseModel):
    statement_id: str
    kind: StatementKind
    text: str
    status: Status


class DocumentStatusPublic(BaseModel):
    document_id: str
    scope: StatusScope
    counts: dict[str, int]
    data: list[StatusEntryPublic]


class PathStepPublic(BaseModel):
    statement: StatementPublic
    relation: RelationType | None = Field(description="Relation from the previous step (null at the start)")


class PathsPublic(BaseModel):
    data: list[list[PathStepPublic]]
    count: int


class StancedPublic(BaseModel):
    statement: StatementPublic
    stance: int = Field(description="+1 for the topic, -1 against, 0 neutral")
    relevance: float | None = Field(default=None, description="How much the statement is about a free-text topic "
                                                      "(graph.relevance; null on a named topic)")


class SupportedPublic(StancedPublic):
    supporters: int = Field(description="Statements supporting it, directly or transitively")


class ReportedPositionPublic(BaseModel):
    speaker: str
    stance: Stance
    statements: list[StancedPublic]


class PositionPublic(BaseModel):
    label: str
    document_ids: list[str]
    authors: list[str]
    stance: Stance
    own: list[StancedPublic] = Field(description="What the authors themselves say on the topic")
    strongest: list[SupportedPublic] = Field(description="Their best-supported positions")
    reported: list[ReportedPositionPublic] = Field(description="Positions of others the side reports")
    lead: SupportedPublic | None = Field(description="Its best-supported recommendation on the topic, "
                                                     "else its strongest claim")


class AlignedPairPublic(BaseModel):
    a: StancedPublic
    b: StancedPublic
    relation: Agreement
    similarity: float
    shared_actors: list[str]


class EvidencePairPublic(BaseModel):
    a: StatementPublic
    b: StatementPublic
    similarity: float


class QuoteLinkPublic(BaseModel):
    quoting: StatementPublic
    quoted: StatementPublic


class ComparisonPublic(BaseModel):
    topic: TopicPublic
    summary: str
    a: PositionPublic
    b: PositionPublic
    aligned: list[AlignedPairPublic]
    only_a: list[StancedPublic]
    only_b: list[StancedPublic]
    shared_evidence: list[EvidencePairPublic]
    quotes: list[QuoteLinkPublic]


class TopicUsePublic(BaseModel):
    document_id: str
    authors: list[str]
    statements: int
    for_: int = Field(alias="for")
    against: int
    neutral: int

    model_config = ConfigDict(populate_by_name=True)


class TopicSummaryPublic(BaseModel):
    id: str
    name: str
    statements: int
    document_count: int = Field(description="Documents taking up the topic")
    documents: list[TopicUsePublic] = Field(description="The first of them, in import order (see `documents=`)")


class TopicsPublic(BaseModel):
    data: list[TopicSummaryPublic]
    count: int


class ActorUsePublic(BaseModel):
    document_id: str
    authors: list[str]
    statements: int


class ActorSummaryPublic(ActorPublic):
    statements: int
    document_count: int = Field(description="Documents mentioning the actor")
    documents: list[ActorUsePublic] = Field(description="The first of them, in import order (see `documents=`)")


class ActorsPublic(BaseModel):
    data: list[ActorSummaryPublic]
    count: int


ImportPublic.model_rebuild()  # its correction field names a class defined further down
