"""The HTML pages: home (`/`) and a document's interactive map (`/documents/{id}/map`).

The pages are static files (api/static/); their scripts read the JSON API. Nothing is
loaded from outside the API (cytoscape.js is vendored in api/static/vendor/), and the
Content-Security-Policy below allows scripts from this origin only.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api.deps import StoreDep
from api.errors import error_responses
from api.params import DocumentId

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

# Defence in depth: the scripts already write document text with textContent only.
# Styles may be inline because cytoscape.js sets element styles.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PAGE_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"}

router = APIRouter(tags=["pages"])


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC_DIR / name, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


def static_files() -> StaticFiles:
    """The page assets, mounted at /static."""
    return StaticFiles(directory=STATIC_DIR)


@router.get("/", include_in_schema=False, response_class=FileResponse)
def home() -> FileResponse:
    """Pick a document and open its map; compare two authors on a topic."""
    return _page("index.html")


@router.get("/documents/{document_id}/map", response_class=FileResponse,
            responses={200: {"content": {"text/html": {}}, "description": "The map page"},
                       **error_responses(404, on_404="No document with this id")})
def document_map(document_id: DocumentId, store: StoreDep) -> FileResponse:
    """The document's argument map as an interactive page (HTML)."""
    store.get_document(document_id)  # 404 for an unknown id
    return _page("map.html")
