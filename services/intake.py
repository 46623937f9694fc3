"""Every import's front door (HTTP upload and POST, the CLI): an AIF file exported from a stored
document (its ``argmapDocument.documentId`` names it) and edited elsewhere, e.g. in OVA, becomes
corrections to that stored map (one log entry, undoable) instead of a new document; everything
else is imported as a document (services.importing)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from formats.aif import DOCUMENT_FIELD, ID_FIELD, KIND_FIELD
from formats.text import extract_text
from graph.corrections import Change, ChangeKind
from graph.errors import NotFound
from graph.model import DocumentGraph, Relation, RelationType, Statement, statement_id_for
from graph.store.base import GraphStore
from importers import SourceMeta, detect, parse_document
from services import corrections, documents, importing
from services.answers import ImportPublic
from services.settings import ServiceSettings

ARGUMENT_TYPES = (RelationType.SUPPORTS, RelationType.ATTACKS)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _aif_body(data: Any) -> Mapping[str, Any]:
    for candidate in (data, data.get("AIF"), data.get("aif")):
        if isinstance(candidate, Mapping) and isinstance(candidate.get("nodes"), list):
            return candidate
    return {}


def exported_from(store: GraphStore, text: str) -> str | None:
    """The id of the stored document an AIF export came from, or None (not AIF, no such document)."""
    if detect(text) != "aif":
        return None
    data = json.loads(text)
    about = data.get(DOCUMENT_FIELD) or _aif_body(data).get(DOCUMENT_FIELD) or {}
    document_id = about.get("documentId") if isinstance(about, Mapping) else None
    if not isinstance(document_id, str):
        return None
    try:
        store.get_document(document_id)
    except NotFound:
        return None
    return document_id


def aif_changes(store: GraphStore, document_id: str, text: str) -> tuple[list[Change], list[str]]:
    """The simple changes that turn the stored map into the AIF file's map, and the I-node texts
    that match no statement and no exact passage of the stored source (left out)."""
    edited: DocumentGraph = parse_document(text, importer="aif")
    stored = store.get_graph(document_id)
    source = stored.document.source
    by_id = {s.id: s for s in stored.statements}
    by_text = {_flat(s.text): s for s in stored.statements}
    i_nodes = [n for n in _aif_body(json.loads(text)).get("nodes", []) if n.get("type") == "I"]
    ids_in_file = {_flat(str(n.get("text", ""))): n[ID_FIELD] for n in i_nodes if n.get(ID_FIELD) in by_id}
    # A kind is changed only where the file says one (a tool may drop argmap's fields).
    kinds_in_file = {_flat(str(n.get("text", ""))) for n in i_nodes if n.get(KIND_FIELD)}
    # Without argmap's ids the file may come from a tool that dropped what it did not show:
    # then nothing is taken away, only changed or added.
    complete = bool(ids_in_file)

    match: dict[str, Statement] = {}  # the file's statement id -> the stored (or new) statement
    added: list[Statement] = []
    unmatched: list[str] = []
    for statement in edited.statements:
        key = _flat(statement.text)
        found = by_id.get(ids_in_file.get(key, "")) or by_text.get(key)
        if found is None:
            start = source.find(statement.text)
            if start < 0:
                unmatched.append(statement.text)
                continue
            end = start + len(statement.text)
            found = Statement(statement_id_for(document_id, statement.kind, start, end), document_id, statement.kind,
                              statement.text, source[start:end], start, end, None, stored.document.byline,
                              statement.verdict)
            added.append(found)
        match[statement.id] = found

    kept = {s.id for s in match.values()}
    removed = [s for s in stored.statements if complete and s.id not in kept]
    gone = {s.id for s in removed}
    steps: list[Change] = []
    for statement in removed:
        relations = tuple(r for r in stored.relations if statement.id in (r.source, r.target))
        steps.append(Change(ChangeKind.REMOVE_STATEMENT, before=statement, relations=relations))
    for edited_statement in edited.statements:
        target = match.get(edited_statement.id)
        if target is None or target in added or _flat(edited_statement.text) not in kinds_in_file:
            continue
        after = replace(target, kind=edited_statement.kind, verdict=edited_statement.verdict)
        if after != target:
            steps.append(Change(ChangeKind.EDIT_STATEMENT, before=target, after=after))
    steps += [Change(ChangeKind.RESTORE_STATEMENT, after=statement) for statement in added]

    internal = {s.id for s in stored.statements}
    have = {r.key: r for r in stored.relations
            if r.type in ARGUMENT_TYPES and r.source in internal and r.target in internal}
    want: dict[tuple[str, str, str], Relation] = {}
    for relation in edited.relations:
        if relation.type in ARGUMENT_TYPES and relation.source in match and relation.target in match:
            moved = replace(relation, source=match[relation.source].id, target=match[relation.target].id)
            if moved.source != moved.target:
                want[moved.key] = moved
    for relation_key, relation in have.items():
        if relation.source in gone or relation.target in gone:
            continue  # went with its statement
        if (complete and relation_key not in want) or (relation_key in want
                                                       and want[relation_key].mode != relation.mode):
            steps.append(Change(ChangeKind.REMOVE_RELATION, relation=relation))
    for relation_key, relation in want.items():
        if relation_key not in have or have[relation_key].mode != relation.mode:
            steps.append(Change(ChangeKind.ADD_RELATION, relation=relation))
    return steps, unmatched


def import_text(store: GraphStore, text: str, *, settings: ServiceSettings, meta: SourceMeta | None = None,
                importer: str | None = None, analyst: str | None = None) -> ImportPublic:
    """Import ``text`` as a document, or, when it is an AIF export of a stored document, apply it
    to that document as corrections."""
    target = exported_from(store, text) if importer in (None, "aif") else None
    if target is None:
        return documents.import_answer(importing.import_text(store, text, settings=settings, meta=meta,
                                                             importer=importer))
    steps, unmatched = aif_changes(store, target, text)
    summary = documents.document_answer(store.get_document(target))
    left_out = f"; {len(unmatched)} I-node(s) match no passage of the stored text and were left out" \
        if unmatched else ""
    if not steps:
        return ImportPublic(document=summary, created=False, correction=None, left_out=unmatched,
                            message=f"an AIF export of {target}: it matches the stored map, nothing changed"
                            + left_out)
    entry = corrections.record(store, target, Change(ChangeKind.FROM_AIF, steps=tuple(steps)), analyst)
    return ImportPublic(document=documents.document_answer(store.get_document(target)), created=False,
                        correction=entry, left_out=unmatched,
                        message=f"an AIF export of {target}: applied as {len(steps)} correction(s), log entry "
                        f"{entry.seq} (undo reverts them together){left_out}")


def import_bytes(store: GraphStore, data: bytes, *, settings: ServiceSettings, meta: SourceMeta | None = None,
                 importer: str | None = None, content_type: str | None = None,
                 analyst: str | None = None) -> ImportPublic:
    """Extract the text of a file (txt, md, html, pdf, AIF JSON) and import it (see import_text)."""
    meta = meta or SourceMeta()
    text = extract_text(data, filename=meta.filename, content_type=content_type)
    return import_text(store, text, settings=settings, meta=meta, importer=importer, analyst=analyst)
