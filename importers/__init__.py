"""Importer registry: every genre module has ``NAME``, ``score(text)`` and
``parse(text, *, source) -> DocumentGraph``; ``parse_document`` picks the best."""

from __future__ import annotations

from types import ModuleType

from graph.errors import InvalidInput
from graph.model import DocumentGraph
from importers import generic
from importers.base import SourceMeta

IMPORTERS: dict[str, ModuleType] = {module.NAME: module for module in (generic,)}


def detect(text: str) -> str:
    """Name of the importer that scores highest on ``text`` (generic when none fits)."""
    return max(IMPORTERS.values(), key=lambda module: module.score(text)).NAME


def parse_document(text: str, *, source: SourceMeta | None = None, importer: str | None = None) -> DocumentGraph:
    """Parse ``text`` with the named importer, or the detected one."""
    if not text.strip():
        raise InvalidInput("the document is empty")
    name = importer or detect(text)
    if name not in IMPORTERS:
        raise InvalidInput(f"unknown importer {name!r}; known: {', '.join(sorted(IMPORTERS))}")
    graph: DocumentGraph = IMPORTERS[name].parse(text, source=source or SourceMeta())
    return graph


__all__ = ["IMPORTERS", "SourceMeta", "detect", "parse_document"]
