"""Document use cases: listing, one document, its whole graph, its export, and the
answer types of an import."""

from __future__ import annotations

from dataclasses import dataclass

from formats import argmap_json, registry
from graph.corrections import relation_id
from graph.errors import InvalidInput
from graph.store import records
from graph.store.base import DocumentSummary, GraphStore, SaveResult
from services import provenance
from services.answers import DocumentPublic, DocumentsPublic, GraphPublic, ImportPublic
from services.importing import import_message


def document_answer(summary: DocumentSummary) -> DocumentPublic:
    record = records.document_record(summary.document)
    del record["source"]
    return DocumentPublic(**record, statement_count=summary.statement_count, relation_count=summary.relation_count)


def import_answer(result: SaveResult) -> ImportPublic:
    return ImportPublic(document=document_answer(result.summary), created=result.created,
                        message=import_message(result))


def documents_answer(store: GraphStore, *, limit: int = 50, offset: int = 0) -> DocumentsPublic:
    """A page of stored documents, oldest import first, with the total count."""
    summaries, total = store.list_documents(limit=limit, offset=offset)
    return DocumentsPublic(data=[document_answer(s) for s in summaries], count=total)


def graph_answer(store: GraphStore, document_id: str) -> GraphPublic:
    """The document's whole argument graph, with its source text, relation ids, and who made
    each statement and relation (importer or analyst: services.provenance)."""
    graph = store.get_graph(document_id)
    record = argmap_json.graph_record(graph)
    made = provenance.origins(store, document_id, graph.document.importer)
    for statement in record["statements"]:
        statement["origin"] = made.statements.get(statement["id"], made.default)
    for relation in record["relations"]:
        relation["id"] = relation_id(records.relation_from(relation))
        relation["origin"] = made.relations.get(relation["id"], made.default)
    return GraphPublic.model_validate(record)


@dataclass(frozen=True, slots=True)
class ExportedFile:
    content: bytes
    media_type: str
    filename: str


def export_document(store: GraphStore, document_id: str, format_name: str) -> ExportedFile:
    """The document's graph in one of formats.FORMATS; InvalidInput for an unknown format,
    ExportToolMissing when the format's program (Graphviz) is missing."""
    if format_name not in registry.FORMATS:
        raise InvalidInput(f"unknown export format {format_name!r}; formats: {', '.join(registry.FORMATS)}")
    graph = store.get_graph(document_id)
    content = registry.export(graph, format_name)
    fmt = registry.FORMATS[format_name]
    media_type = fmt.media_type if fmt.binary or fmt.media_type == "image/svg+xml" else \
        f"{fmt.media_type}; charset=utf-8"
    return ExportedFile(content, media_type, registry.filename(graph, format_name))
