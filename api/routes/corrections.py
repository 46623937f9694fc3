"""An analyst's corrections: thin routes over services.corrections (the CLI and the map page
use the same use cases). Writes need the API key when one is set (api.deps.check_api_key)."""

from typing import Annotated

from fastapi import APIRouter, Body, Path

from api.deps import StoreDep
from api.errors import error_responses
from api.http_schemas import AnalystBody, MergeBody, ReimportBody, RelationCreate, SplitBody, StatementPatch
from api.params import DocumentId, StatementId
from graph.model import RelationType
from services import corrections
from services.answers import CorrectionPublic, HistoryPublic, ReimportPublic

router = APIRouter(tags=["corrections"])
ERRORS = error_responses(404, 422, 503)
RelationId = Annotated[str, Path(description="SOURCE:TYPE:TARGET (the id in /documents/{id}/graph)",
                                 max_length=250, examples=["st-df7cb153c1b989f1:SUPPORTS:st-fcca428797cdfab5"])]


@router.patch("/statements/{statement_id}", response_model=CorrectionPublic, responses=ERRORS)
def edit_statement(statement_id: StatementId, body: StatementPatch, store: StoreDep) -> CorrectionPublic:
    """Change a statement's kind, span, verdict or speaker (logged; undo reverts it)."""
    return corrections.edit_statement(store, statement_id, kind=body.kind, start=body.start, end=body.end,
                                      verdict=body.verdict, speaker=body.speaker, analyst=body.analyst)


@router.delete("/statements/{statement_id}", response_model=CorrectionPublic, responses=ERRORS)
def mark_not_argumentative(statement_id: StatementId, store: StoreDep,
                           body: Annotated[AnalystBody | None, Body()] = None) -> CorrectionPublic:
    """Mark a statement as not argumentative: it leaves the map with its relations (undo restores)."""
    return corrections.mark_not_argumentative(store, statement_id, analyst=body.analyst if body else None)


@router.post("/statements/{statement_id}/split", response_model=CorrectionPublic, responses=ERRORS)
def split_statement(statement_id: StatementId, body: SplitBody, store: StoreDep) -> CorrectionPublic:
    """Split a statement in two at a source offset (the first part keeps id and relations)."""
    return corrections.split_statement(store, statement_id, body.at, analyst=body.analyst)


@router.post("/statements/{statement_id}/merge", response_model=CorrectionPublic, responses=ERRORS)
def merge_statements(statement_id: StatementId, body: MergeBody, store: StoreDep) -> CorrectionPublic:
    """Merge another statement into this one (one span over both; relations taken over)."""
    return corrections.merge_statements(store, statement_id, body.other, analyst=body.analyst)


@router.post("/relations", response_model=CorrectionPublic, status_code=201, responses=ERRORS)
def add_relation(body: RelationCreate, store: StoreDep) -> CorrectionPublic:
    """Add a SUPPORTS or ATTACKS relation (ATTACKS: rebut unless mode is undercut)."""
    return corrections.add_relation(store, body.source, body.target, RelationType(body.type), body.mode,
                                    analyst=body.analyst)


@router.delete("/relations/{relation_id}", response_model=CorrectionPublic, responses=ERRORS)
def remove_relation(relation_id: RelationId, store: StoreDep,
                    body: Annotated[AnalystBody | None, Body()] = None) -> CorrectionPublic:
    """Remove a relation (logged; undo restores it)."""
    return corrections.remove_relation(store, relation_id, analyst=body.analyst if body else None)


@router.get("/documents/{document_id}/history", response_model=HistoryPublic, responses=ERRORS)
def history(document_id: DocumentId, store: StoreDep) -> HistoryPublic:
    """The document's log: its import, every correction and undo, re-imports, oldest first."""
    return corrections.history_answer(store, document_id)


@router.post("/documents/{document_id}/undo", response_model=CorrectionPublic, responses=ERRORS)
def undo(document_id: DocumentId, store: StoreDep,
         body: Annotated[AnalystBody | None, Body()] = None) -> CorrectionPublic:
    """Undo the latest correction still in force (422 when there is none)."""
    return corrections.undo(store, document_id, analyst=body.analyst if body else None)


@router.post("/documents/{document_id}/reimport", response_model=ReimportPublic, responses=ERRORS)
def reimport(document_id: DocumentId, store: StoreDep,
             body: Annotated[ReimportBody | None, Body()] = None) -> ReimportPublic:
    """Parse the stored text again and re-apply the corrections that still fit (the rest are reported)."""
    return corrections.reimport(store, document_id, importer=body.importer if body else None)
