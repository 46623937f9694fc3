from collections import defaultdict
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.errors import error_responses
from api.schemas import (
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
from graph import compare as comparing
from graph.store import GraphStore, all_documents

router = APIRouter(tags=["comparison"])


def stanced(item: comparing.Stanced) -> StancedPublic:
    return StancedPublic(statement=StatementPublic.model_validate(item.statement), stance=item.stance)


def supported(item: comparing.Supported) -> SupportedPublic:
    return SupportedPublic(statement=StatementPublic.model_validate(item.statement), stance=item.stance,
                           supporters=item.supporters)


def position_public(position: comparing.Position) -> PositionPublic:
    return PositionPublic(
        label=position.label,
        document_ids=list(position.document_ids),
        authors=list(position.authors),
        stance=position.stance,  # type: ignore[arg-type]
        own=[stanced(t) for t in position.own],
        strongest=[supported(s) for s in position.strongest],
        lead=supported(position.lead) if position.lead else None,
        reported=[ReportedPositionPublic(speaker=r.speaker, stance=r.stance,
                                         statements=[stanced(t) for t in r.statements]) for r in position.reported],
    )


@router.get("/compare", response_model=ComparisonPublic,
            responses=error_responses(404, 422, on_404="Unknown author, document or topic"))
def compare(
    store: StoreDep,
    a: Annotated[str, Query(min_length=1, max_length=200, description="Author name or document id",
                            examples=["Thurston"])],
    b: Annotated[str, Query(min_length=1, max_length=200, description="Author name or document id",
                            examples=["Devermont"])],
    topic: Annotated[str, Query(min_length=1, max_length=100, description="Topic id or name",
                                examples=["negotiation"])],
) -> ComparisonPublic:
    """Two authors' (or documents') positions on a topic: own vs reported, aligned passages, differences."""
    result = comparing.compare(store, a, b, topic)
    return ComparisonPublic(
        topic=TopicPublic(id=result.topic.id, name=result.topic.name),
        summary=result.summary,
        a=position_public(result.a),
        b=position_public(result.b),
        aligned=[AlignedPairPublic(a=stanced(p.a), b=stanced(p.b), relation=p.relation,  # type: ignore[arg-type]
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


@router.get("/topics", response_model=TopicsPublic)
def topics(store: StoreDep) -> TopicsPublic:
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


@router.get("/actors", response_model=ActorsPublic)
def actors(store: StoreDep) -> ActorsPublic:
    """Actors (organisations, states, people, operations, accords) with mentions per document."""
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
