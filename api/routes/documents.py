from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile, status

from api.deps import SettingsDep, StoreDep
from api.errors import error_responses
from api.http_schemas import DocumentCreate
from api.params import DocumentId, Limit, Offset
from formats import registry
from importers import SourceMeta
from importers.base import MAX_AUTHOR_CHARS, MAX_AUTHORS, MAX_TITLE_CHARS
from services import documents, intake
from services.answers import DocumentPublic, DocumentsPublic, GraphPublic, ImportPublic

router = APIRouter(prefix="/documents", tags=["documents"])
NOT_FOUND = error_responses(404, on_404="No document with this id")
IMPORT_ERRORS = {
    200: {"model": ImportPublic, "description": "The same content was already stored (nothing changed), or an "
          "AIF export of a stored document was applied to it as corrections"},
    **error_responses(413, 422, 503),
}


def import_public(answer: ImportPublic, response: Response) -> ImportPublic:
    response.status_code = status.HTTP_201_CREATED if answer.created else status.HTTP_200_OK
    return answer


@router.get("", response_model=DocumentsPublic)
def list_documents(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DocumentsPublic:
    """Stored documents, oldest import first."""
    return documents.documents_answer(store, limit=limit, offset=offset)


@router.post("", response_model=ImportPublic, status_code=201, responses=IMPORT_ERRORS)
def create_document(body: DocumentCreate, store: StoreDep, settings: SettingsDep, response: Response) -> ImportPublic:
    """Import a document sent as JSON text (201; 200 when the same content is already stored, or when it
    is an AIF export of a stored document: then it is applied to that map as corrections)."""
    meta = SourceMeta(title=body.title, authors=tuple(body.authors), publisher=body.publisher,
                      published=body.published, url=body.url)
    return import_public(intake.import_text(store, body.text, settings=settings, meta=meta, importer=body.importer),
                         response)


@router.post("/upload", response_model=ImportPublic, status_code=201, responses=IMPORT_ERRORS)
def upload_document(
    file: Annotated[UploadFile, File(description="A .txt, .md, .html or .pdf file")],
    store: StoreDep,
    settings: SettingsDep,
    response: Response,
    title: Annotated[str | None, Form(max_length=MAX_TITLE_CHARS)] = None,
    authors: Annotated[list[str] | None, Form(description=f"Up to {MAX_AUTHORS} names of up to "
                                                      f"{MAX_AUTHOR_CHARS} characters")] = None,
    importer: Annotated[str | None, Form()] = None,
) -> ImportPublic:
    """Import an uploaded file (201; 200 when already stored, or an edited AIF export applied as corrections)."""
    meta = SourceMeta(filename=file.filename, title=title, authors=tuple(authors or ()))
    data = file.file.read()
    answer = intake.import_bytes(store, data, settings=settings, meta=meta, importer=importer,
                                 content_type=file.content_type)
    return import_public(answer, response)


@router.get("/{document_id}", response_model=DocumentPublic, responses=NOT_FOUND)
def get_document(document_id: DocumentId, store: StoreDep) -> DocumentPublic:
    """One document's metadata and counts."""
    return documents.document_answer(store.get_document(document_id))


@router.get("/{document_id}/graph", response_model=GraphPublic, responses=NOT_FOUND)
def get_document_graph(document_id: DocumentId, store: StoreDep) -> GraphPublic:
    """The document's whole argument graph, with its source text."""
    return documents.graph_answer(store, document_id)


EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The graph in the requested format (attachment)",
          "content": {fmt.media_type: {} for fmt in registry.FORMATS.values()}},
    **error_responses(404, 422, 503, on_404="No document with this id",
                      on_503="Store unavailable, or the format's tool (Graphviz for svg/png) is missing"),
}


@router.get("/{document_id}/export", response_class=Response, responses=EXPORT_RESPONSES)
def export_document(
    document_id: DocumentId,
    store: StoreDep,
    format: Annotated[str, Query(description="One of: " + ", ".join(registry.FORMATS), examples=["json"])] = "json",
) -> Response:
    """The document's graph as a file: json, graphml, cypher (a script recreating it in any Neo4j),
    dot, svg, png (Graphviz), aif (AIFdb/OVA JSON) or argdown."""
    exported = documents.export_document(store, document_id, format)
    disposition = f'attachment; filename="{exported.filename}"'
    return Response(exported.content, media_type=exported.media_type, headers={"Content-Disposition": disposition})

@router.delete("/{document_id}", status_code=204, responses=NOT_FOUND)
def delete_document(document_id: DocumentId, store: StoreDep) -> Response:
    """Delete the document, its statements and their relations."""
    store.delete_document(document_id)
    return Response(status_code=204)
