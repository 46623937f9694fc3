"""Importing: parse a document, link its quotations to stored documents (QUOTES, both ways), store it;
import many files at once (parsed in parallel, resumable); import the seeds."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from formats.text import extract_text
from graph.errors import ArgmapError, InvalidInput, NotFound, TooLarge
from graph.model import DocumentGraph, canonical_text, document_id_for
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
    return store_graph(store, graph)


def store_graph(store: GraphStore, graph: DocumentGraph) -> SaveResult:
    """Store a parsed document: its quotations are linked to their sources, and stored quotations
    waiting for this document to it, in the transaction that stores it (graph.quotes.plan_links)."""
    result = store.save(graph, link_quotes=True)
    if result.created:
        provenance.log_import(store, graph.document.id, graph.document.importer)
    return result


IMPORTABLE = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")


def importable_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the importable files under the directories named, in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in IMPORTABLE)
        else:
            found.append(path)
    return found


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file read and its text put in canonical form: enough to know its document id."""

    path: Path
    document_id: str | None
    text: str | None
    error: str | None = None


def prepare(path: Path, max_chars: int) -> Prepared:
    """Read a file and compute its document id (run in a worker process)."""
    try:
        text = canonical_text(extract_text(path.read_bytes(), filename=path.name))
        if len(text) > max_chars:
            raise TooLarge(f"the document has {len(text)} characters; the limit is {max_chars}")
        return Prepared(path, document_id_for(text), text)
    except (ArgmapError, OSError) as exc:
        return Prepared(path, None, None, str(exc))


def parse_prepared(prepared: Prepared, importer: str | None, gazetteers: tuple[Path, ...],
                   world_states: bool) -> DocumentGraph | str:
    """The graph of a prepared file, or what went wrong (run in a worker process)."""
    assert prepared.text is not None
    try:
        return parse_document(prepared.text, source=SourceMeta(filename=prepared.path.name), importer=importer,
                              gazetteer=gazetteer_for(gazetteers, world_states))
    except ArgmapError as exc:
        return str(exc)


@dataclass(frozen=True, slots=True)
class BulkProgress:
    done: int
    total: int
    path: Path
    message: str
    documents_per_s: float


def import_files(store: GraphStore, paths: Iterable[Path], *, settings: ServiceSettings, importer: str | None = None,
                 workers: int | None = None, report: Callable[[BulkProgress], None] = lambda _: None,
                 instead: Callable[[Path, str], str | None] = lambda _path, _text: None) -> int:
    """Import many files: read and parsed in parallel on the machine's cores, stored one
    document per transaction in the order given (quotations link as for one import). Files
    whose document is already stored are skipped before parsing (by the id of their
    canonical text), so an interrupted run resumes where it stopped. ``instead`` may take a file
    over (e.g. an AIF export of a stored document, services.intake) and say what it did.
    Returns the number of files that failed."""
    files = importable_files(paths)
    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    failed = 0
    context = multiprocessing.get_context("spawn")  # no fork of a process holding a store connection
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        prepared = list(pool.map(prepare, files, [settings.max_document_chars] * len(files), chunksize=4))
        waiting = []
        skipped = 0
        for item in prepared:
            message = None
            if item.error is not None:
                failed += 1
                message = f"failed: {item.error}"
            elif _stored(store, item.document_id):
                message = f"already stored as {item.document_id} (skipped before parsing)"
            else:
                try:
                    message = instead(item.path, item.text or "")
                except ArgmapError as exc:
                    failed += 1
                    message = f"failed: {exc}"
            if message is None:
                waiting.append(item)
                continue
            skipped += 1
            report(BulkProgress(skipped, len(files), item.path, message, 0.0))
        gazetteers = tuple(settings.gazetteers)
        graphs = pool.map(parse_prepared, waiting, [importer] * len(waiting), [gazetteers] * len(waiting),
                          [settings.world_states] * len(waiting), chunksize=2)
        for number, (item, graph) in enumerate(zip(waiting, graphs, strict=True), 1):
            if isinstance(graph, str):
                failed += 1
                message = f"failed: {graph}"
            else:
                message = import_message(store_graph(store, graph))
            rate = number / (time.perf_counter() - started)
            report(BulkProgress(skipped + number, len(files), item.path, message, rate))
    return failed


def _stored(store: GraphStore, document_id: str | None) -> bool:
    try:
        store.get_document(document_id or "")
    except NotFound:
        return False
    return True


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

