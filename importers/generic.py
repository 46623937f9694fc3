"""Generic fallback importer: any English text, one thesis plus paragraph claims.

Minimal version for the walking skeleton; issue "Importers" replaces it with
sentence segmentation and discourse-marker relations.
"""

from __future__ import annotations

import re

from graph.model import DocumentGraph, StatementKind
from importers.base import GraphBuilder, SourceMeta

NAME = "generic"
_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", re.DOTALL)


def score(text: str) -> float:
    """Always applicable, never preferred."""
    return 0.01


def parse(text: str, *, source: SourceMeta) -> DocumentGraph:
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    first_line = text.strip().splitlines()[0].strip() if text.strip() else ""
    builder = GraphBuilder(
        source=text,
        title=source.title or first_line[:200] or (source.filename or "untitled"),
        authors=source.authors,
        importer=NAME,
        publisher=source.publisher,
        published=source.published,
        url=source.url,
    )
    if not paragraphs:
        return builder.build()
    thesis = builder.add(StatementKind.THESIS, *paragraphs[0])
    for start, end in paragraphs[1:]:
        claim = builder.add(StatementKind.CLAIM, start, end)
        builder.supports(claim, thesis)
    return builder.build()
