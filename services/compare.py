"""Comparison use cases: find the two sides and the topic in the store, compare them
(graph.compare), and the topic and actor listings; each also as its answer type."""

from __future__ import annotations

from contextlib import suppress

from graph import compare as comparing
from graph import topic_stance
from graph.compare import Side
from graph.errors import InvalidInput, NotFound
from graph.model import Topic
from graph.store.base import GraphStore, all_documents
from importers.lexicon import TOPICS as NAMED_TOPICS
from services.answers import (
    ActorsPublic,
    ActorSummaryPublic,
    ActorUsePublic,
    AlignedPairPublic,
    ComparisonPublic,
    EvidencePairPublic,
    PositionPublic,
    QuoteLinkPublic,
    ReportedPositionPublic,
    StancedPublic,
    StatementPublic,
    SupportedPublic,
    TopicPublic,
    TopicsPublic,
    TopicSummaryPublic,
    TopicUsePublic,
)

AUTHORS_LISTED = 20
"""Author names a 404 of /compare suggests (the first ones alphabetically, then how many more)."""


def resolve_side(store: GraphStore, name: str) -> Side:
    """A document id, or an author's name (full name or surname, any case)."""
    wanted = name.strip().lower()
    # A document id is looked up directly rather than found by listing every stored document.
    with suppress(NotFound):
        found = store.get_document(name.strip()).document
        return Side(found.title, (store.get_graph(found.id),))

    def by_author(authors: tuple[str, ...]) -> bool:
        return any(wanted == a.lower() or wanted in a.lower().split() for a in authors)

    # From the store's author index: the documents of that author only, not every document.
    documents = [s.document.id for s in store.documents_by_author(wanted)]
    if not documents:
        known, total = store.authors(limit=AUTHORS_LISTED)
        more = f" and {total - len(known)} more" if total > len(known) else ""
        raise NotFound(f"no document id or author {name!r}; authors: {', '.join(known) or 'none'}{more}")
    graphs = tuple(store.get_graph(d) for d in documents)
    matching = sorted({a for g in graphs for a in g.document.authors if by_author((a,))})
    return Side(", ".join(matching), graphs)


def named_topic(topic: str) -> Topic | None:
    """The named topic (shortcut: negotiation, governance ...) ``topic`` is the id or name of, if any."""
    wanted = " ".join(topic.split()).lower()
    for t in NAMED_TOPICS.values():
        if wanted in (t.id, t.name.lower()):
            return t
    return None


def resolve_topic(topic: str) -> tuple[Topic, bool]:
    """A named topic by id or name (any case), else the text itself as a free-text topic; and whether
    it is free text."""
    if not topic.strip():
        raise InvalidInput("the topic is empty: give a topic id (e.g. negotiation) or any phrase or question")
    named = named_topic(topic)
    return (named, False) if named else (topic_stance.free_topic(topic), True)


def compare(store: GraphStore, a: str, b: str, topic: str) -> comparing.Comparison:
    """Compare two sides (author names or document ids) on a topic: a named one (id or name) or any free text."""
    the_topic, free = resolve_topic(topic)
    return comparing.compare_sides(resolve_side(store, a), resolve_side(store, b), the_topic, free)


def stanced(item: comparing.Stanced) -> StancedPublic:
    return StancedPublic(statement=StatementPublic.model_validate(item.statement), stance=item.stance,
                         relevance=None if item.relevance is None else round(item.relevance, 3))


def supported(item: comparing.Supported) -> SupportedPublic:
    return SupportedPublic(statement=StatementPublic.model_validate(item.statement), stance=item.stance,
                           supporters=item.supporters)


def position_answer(position: comparing.Position) -> PositionPublic:
    return PositionPublic(
        label=position.label,
        document_ids=list(position.document_ids),
        authors=list(position.authors),
        stance=position.stance,
        own=[stanced(t) for t in position.own],
        strongest=[supported(s) for s in position.strongest],
        lead=supported(position.lead) if position.lead else None,
        reported=[ReportedPositionPublic(speaker=r.speaker, stance=r.stance,
                                         statements=[stanced(t) for t in r.statements]) for r in position.reported],
    )


def compare_answer(store: GraphStore, a: str, b: str, topic: str) -> ComparisonPublic:
    """Two authors' (or documents') positions on a topic, as the API answers it."""
    result = compare(store, a, b, topic)
    return ComparisonPublic(
        topic=TopicPublic(id=result.topic.id, name=result.topic.name),
        summary=result.summary,
        a=position_answer(result.a),
        b=position_answer(result.b),
        aligned=[AlignedPairPublic(a=stanced(p.a), b=stanced(p.b), relation=p.relation,
                                   similarity=p.similarity, shared_actors=list(p.shared_actors))
                 for p in result.aligned],
        only_a=[stanced(t) for t in result.only_a],
        only_b=[stanced(t) for t in result.only_b],
        shared_evidence=[EvidencePairPublic(a=StatementPublic.model_validate(x), b=StatementPublic.model_validate(y),
                                            similarity=score) for x, y, score in result.shared_evidence],
        quotes=[QuoteLinkPublic(quoting=StatementPublic.model_validate(x), quoted=StatementPublic.model_validate(y))
                for x, y in result.quotes],
    )


def _authors_by_document(store: GraphStore) -> dict[str, list[str]]:
    return {s.document.id: list(s.document.authors) for s in all_documents(store)}


def topics_answer(store: GraphStore, limit: int = 50, offset: int = 0, documents: int = 20) -> TopicsPublic:
    """A page of topics with statement counts and stances, overall and in their first documents."""
    summaries, total = store.topic_summaries(limit=limit, offset=offset, documents=documents)
    data = [TopicSummaryPublic(
        id=t.topic.id, name=t.topic.name, statements=t.statements, document_count=t.document_count,
        documents=[TopicUsePublic(document_id=u.document_id, authors=list(u.authors), statements=u.statements,
                                  **{"for": u.pro}, against=u.con, neutral=u.neutral) for u in t.documents])
        for t in summaries]
    return TopicsPublic(data=data, count=total)


def actors_answer(store: GraphStore, limit: int = 50, offset: int = 0, documents: int = 20) -> ActorsPublic:
    """A page of actors with their mentions, overall and in their first documents."""
    summaries, total = store.actor_summaries(limit=limit, offset=offset, documents=documents)
    data = [ActorSummaryPublic(
        id=a.actor.id, name=a.actor.name, kind=a.actor.kind.value, aliases=list(a.actor.aliases),
        statements=a.statements, document_count=a.document_count,
        documents=[ActorUsePublic(document_id=u.document_id, authors=list(u.authors), statements=u.statements)
                   for u in a.documents])
        for a in summaries]
    return ActorsPublic(data=data, count=total)
