"""Importer for op-eds and commentary: a prescriptive title, headed sections, one author.

* the title is the thesis;
* section headings that assert something ("French Military Operations in Mali Aren't
  Working", "Potential Dialogue Already a Game-Changer") are claims that SUPPORT the
  thesis; question headings are questions; topic headings ("The Content ... of a
  Potential Dialogue") only name the section;
* paragraphs are read by ``importers.argue`` (recommendations, evidence, counterarguments,
  rebuttals, reported speech with its speaker);
* the author bio, corrections and image credits end the argument.
"""

from __future__ import annotations

import re

from graph.model import DocumentGraph, Statement, StatementKind
from importers import lexicon
from importers.argue import Arguer
from importers.base import GraphBuilder, SourceMeta
from importers.discourse import Similarity, is_question
from importers.structure import authors_from, bio_blocks, blocks, heading_text, is_furniture, title_from

NAME = "oped"

_PRESCRIPTIVE_TITLE = re.compile(r"\b(?:should|must|needs? to|ought to|has to|can|cannot|can[’']t|won[’']t|"
                                 r"is|are|isn[’']t|aren[’']t|will|why|how)\b", re.IGNORECASE)
_CLAIM_HEADING = re.compile(
    r"\b(?:is|are|was|were|isn[’']t|aren[’']t|wasn[’']t|has|have|should|must|can|cannot|can[’']t|will|won[’']t|"
    r"would|does|do|doesn[’']t|don[’']t|already|still|not|never|no longer|works?|fails?|failed|matters?|"
    r"remains?)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|I[’']m|I think|I disagree|I believe)\b")
_KEY_ASSUMPTION = re.compile(r"Key\s+Assumption", re.IGNORECASE)


def score(text: str) -> float:
    """Op-ed: a title line, an author bio or byline, and an authorial voice (first person or 'should')."""
    if _KEY_ASSUMPTION.search(text):
        return 0.1
    found = blocks(text)
    if len(found) < 4:
        return 0.0
    title = title_from(text, found)
    has_author = bool(authors_from(text, found))
    voice = bool(_FIRST_PERSON.search(text)) or bool(re.search(r"\bshould\b", text))
    headings = sum(1 for b in found[1:] if b.kind == "heading")
    points = 0.0
    points += 0.3 if title and _PRESCRIPTIVE_TITLE.search(title) else (0.1 if title else 0.0)
    points += 0.3 if has_author else 0.0
    points += 0.2 if voice else 0.0
    points += 0.15 if headings else 0.0
    return points if points >= 0.6 else points / 4


def parse(text: str, *, source: SourceMeta) -> DocumentGraph:
    found = blocks(text)
    builder = GraphBuilder(
        source=text,
        title=source.title or title_from(text, found) or source.filename or "untitled",
        authors=source.authors or authors_from(text, found),
        importer=NAME,
        publisher=source.publisher,
        published=source.published,
        url=source.url,
    )
    arguer = Arguer(builder, Similarity([b.text for b in found]))
    if not found:
        return builder.build()
    title_block = found[0]
    arguer.thesis = builder.add(StatementKind.THESIS, title_block.content_start, title_block.end, section=None)
    bios = {b.start for b, _ in bio_blocks(text, found)}
    section: str | None = None
    anchor: Statement | None = None
    for block in found[1:]:
        if block.start in bios:
            break  # author bio: what follows is furniture (corrections, image credits)
        if is_furniture(block.text):
            continue
        if block.kind == "heading":
            section = heading_text(text, block)
            if is_question(section):
                builder.add(StatementKind.QUESTION, block.content_start, block.end, section=section)
                anchor = None
            elif _CLAIM_HEADING.search(section):
                anchor = builder.add(StatementKind.CLAIM, block.content_start, block.end, section=section)
                builder.supports(anchor, arguer.thesis)
            else:
                anchor = None
            continue
        arguer.paragraph(block, section, anchor)
    arguer.finish()
    lexicon.annotate(builder)
    return builder.build()
