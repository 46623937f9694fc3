"""Generic fallback importer: any text, argued or not, never crashes.

Paragraphs and sentences with exact offsets (``importers.structure``); each sentence's
role from cue words and position (``importers.discourse.classify``); edges from discourse
markers (``importers.argue``). The central claim (thesis) is the first claim or
recommendation of the first paragraph (a title line is not a claim); paragraph-opening
claims support it. Sentences with no argumentative cue (plain narration) are left out
rather than called claims.
"""

from __future__ import annotations

from graph.model import DocumentGraph, StatementKind
from importers import lexicon
from importers.argue import Arguer
from importers.base import GraphBuilder, SourceMeta
from importers.discourse import Similarity, classify
from importers.structure import authors_from, bio_blocks, blocks, heading_text, is_furniture, sentences, title_from

NAME = "generic"


def score(text: str) -> float:
    """Always applicable, preferred only when no genre importer recognises the text."""
    return 0.2


def parse(text: str, *, source: SourceMeta) -> DocumentGraph:
    found = blocks(text)
    title = source.title or title_from(text, found)
    builder = GraphBuilder(
        source=text,
        title=(title or source.filename or "untitled")[:300],
        authors=source.authors or authors_from(text, found),
        importer=NAME,
        publisher=source.publisher,
        published=source.published,
        url=source.url,
    )
    bios = {b.start for b, _ in bio_blocks(text, found)}
    body = [b for b in found if b.kind != "heading" and b.start not in bios and not is_furniture(b.text)]
    arguer = Arguer(builder, Similarity([b.text for b in body]), elaborate=True)
    thesis_found = False
    for block in body[:2]:
        for start, end in sentences(text, block.content_start, block.end):
            kind = classify(text[start:end]).kind
            if kind in (StatementKind.CLAIM, StatementKind.RECOMMENDATION):
                arguer.thesis = builder.add(StatementKind.THESIS, start, end)
                arguer.taken.add((start, end))
                thesis_found = True
                break
        if thesis_found:
            break
    section: str | None = None
    for block in found:
        if block.kind == "heading":
            section = heading_text(text, block)[:200]
            continue
        if block.start in bios or is_furniture(block.text):
            continue
        arguer.paragraph(block, section, arguer.thesis)
    arguer.finish()
    lexicon.annotate(builder)
    return builder.build()
