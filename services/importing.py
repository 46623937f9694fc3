"""Importing: parse a document, link its quotations to stored documents (QUOTES, both ways), store it;
import the seeds."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

from formats.text import extract_text
from graph import quotes
from graph.errors import InvalidInput, TooLarge
from graph.model import DocumentGraph, Relation, RelationType, unique
from graph.store.base import GraphStore, SaveResult, StatementQuery
from importers import SourceMeta, parse_document
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
    graph = parse_document(text, source=meta or SourceMeta(), importer=importer)
    # Quotations of stored documents travel with the graph (saved atomically with it);
    # stored documents quoting this one are linked once it is stored.
    outgoing = outgoing_quote_links(store, graph)
    if outgoing:
        graph = replace(graph, relations=unique([*graph.relations, *outgoing]))
    result = store.save(graph)
    if result.created:
        store.link(incoming_quote_links(store, graph))
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


def outgoing_quote_links(store: GraphStore, graph: DocumentGraph) -> list[Relation]:
    """QUOTES from statements of ``graph`` to stored statements of other documents."""
    links = []
    for statement in graph.statements:
        for fragment in quotes.quoted_fragments(statement.text):
            found, _ = store.search_statements(StatementQuery(text=quotes.search_window(fragment), limit=50))
            for candidate in found:
                if candidate.document_id != graph.document.id and quotes.is_quoted_in(fragment, candidate):
                    links.append(Relation(statement.id, candidate.id, RelationType.QUOTES))
    return links


def incoming_quote_links(store: GraphStore, graph: DocumentGraph) -> list[Relation]:
    """QUOTES from stored statements of other documents to statements of ``graph``."""
    links = []
    for mark in ("“", '"'):
        offset = 0
        while True:
            page, total = store.search_statements(StatementQuery(text=mark, limit=500, offset=offset))
            for stored in page:
                if stored.document_id == graph.document.id:
                    continue
                for fragment in quotes.quoted_fragments(stored.text):
                    window = quotes.search_window(fragment).lower()
                    for statement in graph.statements:
                        if window in statement.text.lower() and quotes.is_quoted_in(fragment, statement):
                            links.append(Relation(stored.id, statement.id, RelationType.QUOTES))
            offset += len(page)
            if not page or offset >= total:
                break
    return list(dict.fromkeys(links))
