"""Comparison use cases: find the two sides and the topic in the store, compare them
(graph.compare), and the topic and actor listings; each also as its answer type."""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress

from graph import compare as comparing
from graph.compare import Side
from graph.errors import NotFound
from graph.model import Topic
from graph.store.base import GraphStore, all_documents
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


def resolve_side(store: GraphStore, name: str) -> Side:
    """A document id, or an author's name (full name or surname, any case)."""
    wanted = name.strip().lower()
    # A document id is looked up directly rather than found by listing every stored document.
    with suppress(NotFound):
        found = store.get_document(name.strip()).document
        return Side(found.title, (store.get_graph(found.id),))

    def by_author(authors: tuple[str, ...]) -> bool:
        return any(wanted == a.lower() or wanted in a.lower().split() for a in authors)

    summaries = list(all_documents(store))
    documents = [s.document.id for s in summaries if by_author(s.document.authors)]
    authors = {a for s in summaries for a in s.document.authors}
    if not documents:
        raise NotFound(f"no document id or author {name!r}; authors: {', '.join(sorted(authors)) or 'none'}")
    graphs = tuple(store.get_graph(d) for d in documents)
    matching = sorted({a for g in graphs for a in g.document.authors if by_author((a,))})
    return Side(", ".join(matching), graphs)


def resolve_topic(store: GraphStore, topic: str) -> Topic:
    """A topic by id or name (any case)."""
    known = {use.topic.id: use.topic for use in store.topic_uses()}
    wanted = topic.strip().lower()
    for t in known.values():
        if wanted in (t.id, t.name.lower()):
            return t
    raise NotFound(f"unknown topic {topic!r}; known topics: {', '.join(sorted(known)) or 'none'}")


def compare(store: GraphStore, a: str, b: str, topic: str) -> comparing.Comparison:
    """Compare two sides (author names or document ids) on a topic (id or name)."""
    the_topic = resolve_topic(store, topic)
    return comparing.compare_sides(resolve_side(store, a), resolve_side(store, b), the_topic)


def stanced(item: comparing.Stanced) -> StancedPublic:
    return StancedPublic(statement=StatementPublic.model_validate(item.statement), stance=item.stance)


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


def topics_answer(store: GraphStore) -> TopicsPublic:
    """Topics with statement counts and stances per document."""
    authors = _authors_by_document(store)
    grouped: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    names = {}
    for use in store.topic_uses():
        names[use.topic.id] = use.topic.name
        grouped[use.topic.id][use.document_id][use.stance] = use.statements
    data = []
    for topic_id, by_document in sorted(grouped.items()):
        documents = [TopicUsePublic(document_id=d, authors=authors.get(d, []), statements=sum(counts.values()),
                                    **{"for": counts.get(1, 0)}, against=counts.get(-1, 0), neutral=counts.get(0, 0))
                     for d, counts in sorted(by_document.items())]
        data.append(TopicSummaryPublic(id=topic_id, name=names[topic_id],
                                       statements=sum(d.statements for d in documents), documents=documents))
    return TopicsPublic(data=data, count=len(data))


def actors_answer(store: GraphStore) -> ActorsPublic:
    """Actors with mentions per document."""
    authors = _authors_by_document(store)
    grouped: dict[str, list[ActorUsePublic]] = defaultdict(list)
    known = {}
    for use in store.actor_uses():
        known[use.actor.id] = use.actor
        grouped[use.actor.id].append(ActorUsePublic(document_id=use.document_id,
                                                    authors=authors.get(use.document_id, []),
                                                    statements=use.statements))
    data = [ActorSummaryPublic(id=a.id, name=a.name, kind=a.kind.value, aliases=list(a.aliases),
                               statements=sum(u.statements for u in grouped[a.id]), documents=grouped[a.id])
            for a in sorted(known.values(), key=lambda a: a.id)]
    return ActorsPublic(data=data, count=len(data))
