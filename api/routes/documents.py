from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Response, UploadFile, status

from api import service
from api.deps import SettingsDep, StoreDep
from api.errors import error_responses
from api.params import DocumentId, Limit, Offset
from api.schemas import DocumentCreate, DocumentPublic, DocumentsPublic, GraphPublic, ImportPublic
from graph import exports, records
from graph.errors import InvalidInput
from graph.store import DocumentSummary, SaveResult
from importers import SourceMeta
from importers.base import MAX_AUTHOR_CHARS, MAX_AUTHORS, MAX_TITLE_CHARS

router = APIRouter(prefix="/documents", tags=["documents"])
NOT_FOUND = error_responses(404, on_404="No document with this id")
IMPORT_ERRORS = {
    200: {"model": ImportPublic, "description": "The same content was already stored; nothing changed"},
    **error_responses(413, 422, 503),
}


def document_public(summary: DocumentSummary) -> DocumentPublic:
    record = records.document_record(summary.document)
    del record["source"]
    return DocumentPublic(**record, statement_count=summary.statement_count, relation_count=summary.relation_count)


def import_public(result: SaveResult, response: Response) -> ImportPublic:
    response.status_code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
    return ImportPublic(document=document_public(result.summary), created=result.created)


@router.get("", response_model=DocumentsPublic)
def list_documents(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DocumentsPublic:
    """Stored documents, oldest import first."""
    summaries, total = store.list_documents(limit=limit, offset=offset)
    return DocumentsPublic(data=[document_public(s) for s in summaries], count=total)


@router.post("", response_model=ImportPublic, status_code=201, responses=IMPORT_ERRORS)
def create_document(body: DocumentCreate, store: StoreDep, settings: SettingsDep, response: Response) -> ImportPublic:
    """Import a document sent as JSON text (201; 200 when the same content is already stored)."""
    meta = SourceMeta(title=body.title, authors=tuple(body.authors), publisher=body.publisher,
                      published=body.published, url=body.url)
    text = body.text.replace("\r\n", "\n")
    return import_public(service.import_text(store, text, settings=settings, meta=meta, importer=body.importer),
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
    """Import an uploaded file (201; 200 when the same content is already stored)."""
    meta = SourceMeta(filename=file.filename, title=title, authors=tuple(authors or ()))
    data = file.file.read()
    result = service.import_bytes(store, data, settings=settings, meta=meta, importer=importer,
                                  content_type=file.content_type)
    return import_public(result, response)


@router.get("/{document_id}", response_model=DocumentPublic, responses=NOT_FOUND)
def get_document(document_id: DocumentId, store: StoreDep) -> DocumentPublic:
    """One document's metadata and counts."""
    return document_public(store.get_document(document_id))


@router.get("/{document_id}/graph", response_model=GraphPublic, responses=NOT_FOUND)
def get_document_graph(document_id: DocumentId, store: StoreDep) -> GraphPublic:
    """The document's whole argument graph, with its source text."""
    return GraphPublic.model_validate(records.graph_record(store.get_graph(document_id)))


EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The graph in the requested format (attachment)",
          "content": {fmt.media_type: {} for fmt in exports.FORMATS.values()}},
    **error_responses(404, 422, 503, on_404="No document with this id",
                      on_503="Store unavailable, or the format's tool (Graphviz for svg/png) is missing"),
}


@router.get("/{document_id}/export", response_class=Response, responses=EXPORT_RESPONSES)
def export_document(
    document_id: DocumentId,
    store: StoreDep,
    format: Annotated[str, Query(description="One of: " + ", ".join(exports.FORMATS), examples=["json"])] = "json",
) -> Response:
    """The document's graph as a file: json, graphml, cypher (a script recreating it in any Neo4j),
    dot, svg, png (Graphviz), aif (AIFdb/OVA JSON) or argdown."""
    if format not in exports.FORMATS:
        raise InvalidInput(f"unknown export format {format!r}; formats: {', '.join(exports.FORMATS)}")
    graph = store.get_graph(document_id)
    try:
        content = exports.export(graph, format)
    except exports.ExportToolMissing as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from exc
    fmt = exports.FORMATS[format]
    media_type = fmt.media_type if fmt.binary or fmt.media_type == "image/svg+xml" else \
        f"{fmt.media_type}; charset=utf-8"
    disposition = f'attachment; filename="{exports.filename(graph, format)}"'
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


@router.delete("/{document_id}", status_code=204, responses=NOT_FOUND)
def delete_document(document_id: DocumentId, store: StoreDep) -> Response:
    """Delete the document, its statements and their relations."""
    store.delete_document(document_id)
    return Response(status_code=204)
