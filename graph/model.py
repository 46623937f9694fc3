"""Domain model of an argument map: frozen dataclasses and enums, no I/O.

A document is parsed into a :class:`DocumentGraph`: statements tied to exact
character spans of the source text, linked by SUPPORTS / ATTACKS relations,
tagged with actors and topics. Stores persist it; the HTTP layer converts it
to Pydantic schemas only at the edge.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from graph.errors import InvalidInput


class StatementKind(StrEnum):
    THESIS = "thesis"
    CLAIM = "claim"
    ASSUMPTION = "assumption"
    ASSUMPTION_CHECK = "assumption_check"
    EVIDENCE = "evidence"
    COUNTERARGUMENT = "counterargument"
    REBUTTAL = "rebuttal"
    RECOMMENDATION = "recommendation"
    QUOTE = "quote"
    QUESTION = "question"

    @property
    def label(self) -> str:
        """The Neo4j label of this kind, e.g. ``AssumptionCheck``."""
        return "".join(part.capitalize() for part in self.value.split("_"))


class Verdict(StrEnum):
    UPHELD = "upheld"
    MIXED = "mixed"
    CHALLENGED = "challenged"


class RelationType(StrEnum):
    SUPPORTS = "SUPPORTS"
    ATTACKS = "ATTACKS"
    QUOTES = "QUOTES"


class AttackMode(StrEnum):
    REBUT = "rebut"
    UNDERCUT = "undercut"


class ActorKind(StrEnum):
    ORGANISATION = "organisation"
    STATE = "state"
    PERSON = "person"
    OPERATION = "operation"
    ACCORD = "accord"


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII identifier for a name: ``"Keïta"`` -> ``"keita"``."""
    # ASCII text is its own NFKD form (most names: a parse slugs each key topic it weighs)
    ascii_text = text if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")  # compiled once (re.sub looks it up per call)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_text(text: str) -> str:
    """The one form a document's text is stored, hashed and parsed in, so text that differs only
    in line endings (CRLF, CR), trailing blanks, blank lines at either end, a byte-order mark or
    Unicode composition (NFC) is the same document."""
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def document_id_for(source: str) -> str:
    """Stable document id: derived from the source text only, never from the parse."""
    return document_id_from_sha256(sha256_hex(source))


def document_id_from_sha256(sha256: str) -> str:
    """``document_id_for`` the source whose ``sha256_hex`` is ``sha256`` (a parse hashes its source once)."""
    return "doc-" + sha256[:16]


def statement_id_for(document_id: str, kind: StatementKind, start: int, end: int) -> str:
    """Stable statement id: same document, kind and span always give the same id."""
    return "st-" + sha256_hex(f"{document_id}:{kind.value}:{start}:{end}")[:16]


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    authors: tuple[str, ...]
    publisher: str | None
    published: str | None
    importer: str
    sha256: str
    source: str
    url: str | None = None

    @property
    def byline(self) -> str:
        """The authors as one speaker string, used for statements the authors make."""
        return ", ".join(self.authors) if self.authors else "unknown author"


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    document_id: str
    kind: StatementKind
    text: str
    quote: str
    start: int
    end: int
    section: str | None
    speaker: str
    verdict: Verdict | None = None
    reported: bool = False
    """True when the speaker is not the document's author (reported speech)."""


UNNAMED_VOICE = ""
"""The speaker of an opposing view or a quotation the text gives to nobody it names ("Critics say ...", "Some
argue ...", '"...," said one head teacher'): neither the authors' own words nor reported speech (``reported`` stays
False: there is no one to link it to)."""


@dataclass(frozen=True, slots=True)
class Relation:
    source: str
    target: str
    type: RelationType
    mode: AttackMode | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type.value)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Mention:
    statement_id: str
    actor_id: str


@dataclass(frozen=True, slots=True)
class TopicTag:
    statement_id: str
    topic_id: str
    stance: int  # +1 for, -1 against, 0 neutral


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """Everything one import produces; saved atomically as one unit."""

    document: Document
    statements: tuple[Statement, ...]
    relations: tuple[Relation, ...] = ()
    actors: tuple[Actor, ...] = ()
    topics: tuple[Topic, ...] = ()
    mentions: tuple[Mention, ...] = ()
    topic_tags: tuple[TopicTag, ...] = ()
    persons: tuple[str, ...] = field(default=())
    """Names of everyone who speaks: authors plus quoted speakers."""

    def validate(self) -> DocumentGraph:
        """Raise InvalidInput unless the graph is internally consistent; return self."""
        doc = self.document
        sha256 = sha256_hex(doc.source)
        if document_id_from_sha256(sha256) != doc.id or sha256 != doc.sha256:
            raise InvalidInput("document id/sha256 do not match its source text")
        ids: set[str] = set()
        for st in self.statements:
            if st.id in ids:
                raise InvalidInput(f"duplicate statement id {st.id}")
            ids.add(st.id)
            if st.document_id != doc.id:
                raise InvalidInput(f"statement {st.id} belongs to another document")
            if not (0 <= st.start <= st.end <= len(doc.source)) or doc.source[st.start : st.end] != st.quote:
                raise InvalidInput(f"statement {st.id}: source[start:end] != quote")
            if (st.verdict is not None) != (st.kind is StatementKind.ASSUMPTION_CHECK):
                raise InvalidInput(f"statement {st.id}: verdict only (and always) on assumption checks")
        for rel in self.relations:
            if rel.source not in ids:
                raise InvalidInput(f"relation source {rel.source} is not in the document")
            # A target outside the document is a cross-document link (QUOTES, or an attack
            # on another author's statement); stores keep it only if that statement is stored.
            if rel.source == rel.target:
                raise InvalidInput(f"relation {rel.type} from {rel.source} to itself")
        actor_ids = {a.id for a in self.actors}
        topic_ids = {t.id for t in self.topics}
        for mention in self.mentions:
            if mention.statement_id not in ids or mention.actor_id not in actor_ids:
                raise InvalidInput(f"mention {mention} refers to an unknown statement or actor")
        for tag in self.topic_tags:
            if tag.statement_id not in ids or tag.topic_id not in topic_ids or tag.stance not in (-1, 0, 1):
                raise InvalidInput(f"topic tag {tag} is invalid")
        return self

    def normalized(self) -> DocumentGraph:
        """The same graph with every collection in a canonical order, for comparison and export."""
        return DocumentGraph(
            document=self.document,
            statements=tuple(sorted(self.statements, key=lambda s: (s.start, s.end, s.kind.value, s.id))),
            relations=tuple(sorted(self.relations, key=lambda r: r.key)),
            actors=tuple(sorted(self.actors, key=lambda a: a.id)),
            topics=tuple(sorted(self.topics, key=lambda t: t.id)),
            mentions=tuple(sorted(self.mentions, key=lambda m: (m.statement_id, m.actor_id))),
            topic_tags=tuple(sorted(self.topic_tags, key=lambda t: (t.statement_id, t.topic_id))),
            persons=tuple(sorted(set(self.persons))),
        )

    def speakers(self) -> tuple[str, ...]:
        """Authors and reported speakers, each once, in order of appearance."""
        return tuple(dict.fromkeys([*self.document.authors, *self.persons,
                                    *(s.speaker for s in self.statements if s.reported)]))

    def statement(self, statement_id: str) -> Statement:
        for st in self.statements:
            if st.id == statement_id:
                return st
        raise KeyError(statement_id)


def unique(items: Iterable[Relation]) -> tuple[Relation, ...]:
    """Relations without duplicates (same source, target, type), first one kept."""
    seen: dict[tuple[str, str, str], Relation] = {}
    for rel in items:
        seen.setdefault(rel.key, rel)
    return tuple(seen.values())


class Counterparts:
    """Where an earlier parse's statements went in a new parse of their document: the statement
    with the same id, else the first one over the same span. Corrections and other documents'
    relations follow statements this way through a re-import."""

    def __init__(self, statements: Iterable[Statement]) -> None:
        self._by_id: dict[str, Statement] = {}
        self._by_span: dict[tuple[int, int], Statement] = {}
        for statement in statements:
            self._by_id[statement.id] = statement
            self._by_span.setdefault((statement.start, statement.end), statement)

    def of(self, statement_id: str, start: int, end: int) -> Statement | None:
        """The counterpart of the earlier statement ``statement_id`` over ``start``–``end``, or None."""
        return self._by_id.get(statement_id) or self._by_span.get((start, end))


def counterpart(statement_id: str, start: int, end: int, statements: Iterable[Statement]) -> Statement | None:
    """The counterpart among ``statements`` of one earlier statement (see Counterparts)."""
    return Counterparts(statements).of(statement_id, start, end)


@dataclass(frozen=True, slots=True)
class CarriedRelation:
    """A relation from another document's statement to one of a document's statements, with the
    span its target had, so that a re-import can move it onto the target's counterpart."""

    relation: Relation
    target_start: int
    target_end: int


def carry_over(carried: Iterable[CarriedRelation], statements: Iterable[Statement]) -> tuple[Relation, ...]:
    """``carried`` moved onto the counterparts of their targets among ``statements`` (a new parse of
    the targets' document); one whose target has no counterpart is left out."""
    counterparts = Counterparts(statements)
    moved = []
    for item in carried:
        found = counterparts.of(item.relation.target, item.target_start, item.target_end)
        if found is not None and found.id != item.relation.source:
            moved.append(replace(item.relation, target=found.id))
    return unique(moved)
