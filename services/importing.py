"""Importing: parse a document, link its quotations to stored documents (QUOTES, both ways), store it;
import the seeds."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

from formats.text import extract_text
from graph.errors import InvalidInput, TooLarge
from graph.store.base import GraphStore, SaveResult
from importers import SourceMeta, parse_document
from importers.actors import gazetteer_for
from services import provenance
from services.settings import ServiceSettings

log = logging.getLogger("argmap")


def import_text(
    store: GraphStore, text: str, *, settings: ServiceSettings, meta: SourceMeta | None = None,
    importer: str | None = None,
) -> SaveResult:
    """Parse and store one document; nothing is stored unless the whole graph is."""
    if len(text) > settings.max_document_chars:
        raise TooLarge(f"the document has {len(text)} characters; the limit is {settings.max_document_chars}")
    graph = parse_document(text, source=meta or SourceMeta(), importer=importer,
                           gazetteer=gazetteer_for(tuple(settings.gazetteers), settings.world_states))
    # Its quotations are linked to their sources, and stored quotations waiting for this document
    # to it, in the transaction that stores it (graph.quotes.plan_links).
    result = store.save(graph, link_quotes=True)
    if result.created:
        provenance.log_import(store, graph.document.id, graph.document.importer)
    return result


def import_message(result: SaveResult) -> str:
    """The outcome of an import in words (HTTP answer and CLI line say the same)."""
    summary = result.summary
    if result.created:
        return (f"imported as {summary.document.id} ({summary.statement_count} statements, "
                f"{summary.relation_count} relations)")
    return (f"already stored as {summary.document.id} ({summary.statement_count} statements, "
            f"{summary.relation_count} relations): the same text, up to line endings, trailing spaces and "
            "Unicode form, was imported before; nothing changed")


def import_bytes(
    store: GraphStore, data: bytes, *, settings: ServiceSettings, meta: SourceMeta | None = None,
    importer: str | None = None, content_type: str | None = None,
) -> SaveResult:
    """Extract the text of a file (txt, md, html, pdf) and import it."""
    meta = meta or SourceMeta()
    text = extract_text(data, filename=meta.filename, content_type=content_type)
    return import_text(store, text, settings=settings, meta=meta, importer=importer)


def seed_documents(seeds_dir: Path) -> list[tuple[Path, SourceMeta]]:
    """The seed files with their metadata from ``manifest.json``."""
    manifest_path = seeds_dir / "manifest.json"
    if not manifest_path.is_file():
        raise InvalidInput(f"no manifest.json in {seeds_dir}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    seeds = []
    for entry in manifest["documents"]:
        meta = SourceMeta(
            filename=entry["file"],
            title=entry.get("title"),
            authors=tuple(entry.get("authors", ())),
            publisher=entry.get("publisher"),
            published=entry.get("published"),
            url=entry.get("url"),
        )
        seeds.append((seeds_dir / entry["file"], meta))
    return seeds


def import_seeds(store: GraphStore, settings: ServiceSettings) -> list[SaveResult]:
    """Import every seed document (already stored ones are left as they are)."""
    results = []
    for path, meta in seed_documents(settings.seeds_dir):
        result = import_bytes(store, path.read_bytes(), settings=settings, meta=meta)
        log.info("seed %s: %s (%d statements)", path.name, "imported" if result.created else "already stored",
                 result.summary.statement_count)
        results.append(result)
    return results


def meta_with_filename(meta: SourceMeta, filename: str | None) -> SourceMeta:
    return replace(meta, filename=filename) if filename and not meta.filename else meta

