from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import StoreDep
from api.http_schemas import HealthPublic
from graph.errors import StoreUnavailable

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthPublic, responses={503: {"model": HealthPublic}})
def health(store: StoreDep) -> HealthPublic | JSONResponse:
    """Which store is configured and whether it answers (503 when it does not)."""
    try:
        store.ping()
    except StoreUnavailable as exc:
        body = HealthPublic(status="unavailable", store=store.name, detail=str(exc))
        return JSONResponse(body.model_dump(), status_code=503)
    return HealthPublic(status="ok", store=store.name)
