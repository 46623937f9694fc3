"""Importer registry: every genre module has ``NAME``, ``score(text)`` and
``parse(text, *, source) -> DocumentGraph``; ``parse_document`` picks the best."""

from __future__ import annotations

from types import ModuleType

from graph.errors import InvalidInput
from graph.model import DocumentGraph, canonical_text
from importers import aif, csis_brief, generic, oped
from importers.actors import Gazetteer, use_gazetteer
from importers.base import SourceMeta, is_valid_unicode
from importers.key_topics import with_key_topics

IMPORTERS: dict[str, ModuleType] = {module.NAME: module for module in (csis_brief, oped, generic, aif)}


def detect(text: str) -> str:
    """Name of the importer that scores highest on ``text`` (generic when none fits; ties go to the first)."""
    best = max(IMPORTERS.values(), key=lambda module: module.score(text))
    return str(best.NAME)


def parse_document(text: str, *, source: SourceMeta | None = None, importer: str | None = None,
                   gazetteer: Gazetteer | None = None) -> DocumentGraph:
    """Parse ``text`` (in its canonical form: see graph.model.canonical_text) with the named
    importer, or the detected one; actors from ``gazetteer`` (default: the files in
    importers/gazetteers/actors/ and the world's states) plus those the text introduces."""
    if not isinstance(text, str):
        raise InvalidInput("the document must be text (decode it with formats.text.extract_text)")
    text = canonical_text(text)
    if not text.strip():
        raise InvalidInput("the document is empty")
    if "\x00" in text:
        raise InvalidInput("the document contains NUL characters: binary data, not text")
    if not is_valid_unicode(text):
        raise InvalidInput("the document contains lone surrogates: not valid Unicode text")
    if source is not None:
        source.check()
    name = importer or detect(text)
    if importer is None and name != aif.NAME and aif.is_other_json(text):
        # Read as prose, JSON would become a map of its own brackets and keys.
        raise InvalidInput("JSON that is not AIF: a JSON document must be AIF (\"nodes\" with nodeID and type, "
                           "\"edges\" with fromID and toID) or xAIF ({\"AIF\": {...}})")
    if name not in IMPORTERS:
        raise InvalidInput(f"unknown importer {name!r}; known: {', '.join(sorted(IMPORTERS))}")
    with use_gazetteer(gazetteer):
        graph: DocumentGraph = IMPORTERS[name].parse(text, source=source or SourceMeta())
    return with_key_topics(graph)


__all__ = ["IMPORTERS", "SourceMeta", "detect", "parse_document"]
