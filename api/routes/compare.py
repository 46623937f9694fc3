from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.errors import error_responses
from api.params import DocumentsShown, Limit, Offset
from services import compare as comparing
from services.answers import ActorsPublic, ComparisonPublic, TopicsPublic

router = APIRouter(tags=["comparison"])


@router.get("/compare", response_model=ComparisonPublic,
            responses=error_responses(404, 422, on_404="Unknown author or document"))
def compare(
    store: StoreDep,
    a: Annotated[str, Query(min_length=1, max_length=200, description="Author name or document id",
                            examples=["Thurston"])],
    b: Annotated[str, Query(min_length=1, max_length=200, description="Author name or document id",
                            examples=["Devermont"])],
    topic: Annotated[str, Query(min_length=1, max_length=300,
                                description="A named topic's id or name, or any free text: a phrase, a yes/no "
                                            "question or a proposition",
                                examples=["negotiation"])],
) -> ComparisonPublic:
    """Two authors' (or documents') positions on a topic: own vs reported, aligned passages, differences."""
    return comparing.compare_answer(store, a, b, topic)


@router.get("/topics", response_model=TopicsPublic)
def topics(store: StoreDep, limit: Limit = 50, offset: Offset = 0, documents: DocumentsShown = 20) -> TopicsPublic:
    """A page of topics: statements for/against/neutral, overall and in their first documents."""
    return comparing.topics_answer(store, limit, offset, documents)


@router.get("/actors", response_model=ActorsPublic)
def actors(store: StoreDep, limit: Limit = 50, offset: Offset = 0, documents: DocumentsShown = 20) -> ActorsPublic:
    """A page of actors (organisations, states, people, operations, accords) with their mentions."""
    return comparing.actors_answer(store, limit, offset, documents)
