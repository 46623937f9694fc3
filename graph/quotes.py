"""Cross-document QUOTES links: a statement that quotes another stored document's words.

Found at import time in both directions, whichever document comes first: the new
document's quotations are looked up among stored statements, and stored statements'
quotations are looked up in the new document.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from graph.model import DocumentGraph, Relation, RelationType, Statement
from graph.store import GraphStore, StatementQuery

MIN_QUOTE_WORDS = 6
MATCH_SCORE = 92.0
_QUOTED = re.compile(r"[“\"]([^”\"]{20,}?)[”\"]")
_ELLIPSIS = re.compile(r"\s*(?:\.\s){2,}\.?\s*|…")
_WORD = re.compile(r"[\w’']+")


def quoted_fragments(text: str) -> list[str]:
    """Quoted passages of at least MIN_QUOTE_WORDS words (split at ellipses)."""
    fragments = []
    for match in _QUOTED.finditer(text):
        for piece in _ELLIPSIS.split(match.group(1)):
            piece = piece.strip(" ,.;:")
            if len(_WORD.findall(piece)) >= MIN_QUOTE_WORDS:
                fragments.append(piece)
    return fragments


def _window(fragment: str) -> str:
    """A short verbatim run of the fragment, to narrow the search (stores do substring search)."""
    words = fragment.split()
    middle = max(0, len(words) // 2 - 2)
    return " ".join(words[middle:middle + 4])


def _quotes(fragment: str, candidate: Statement) -> bool:
    return fuzz.partial_ratio(fragment.lower(), candidate.text.lower()) >= MATCH_SCORE


def outgoing_links(store: GraphStore, graph: DocumentGraph) -> list[Relation]:
    """QUOTES from statements of ``graph`` to stored statements of other documents."""
    links = []
    for statement in graph.statements:
        for fragment in quoted_fragments(statement.text):
            found, _ = store.search_statements(StatementQuery(text=_window(fragment), limit=50))
            for candidate in found:
                if candidate.document_id != graph.document.id and _quotes(fragment, candidate):
                    links.append(Relation(statement.id, candidate.id, RelationType.QUOTES))
    return links


def incoming_links(store: GraphStore, graph: DocumentGraph) -> list[Relation]:
    """QUOTES from stored statements of other documents to statements of ``graph``."""
    links = []
    for mark in ("“", '"'):
        offset = 0
        while True:
            page, total = store.search_statements(StatementQuery(text=mark, limit=500, offset=offset))
            for stored in page:
                if stored.document_id == graph.document.id:
                    continue
                for fragment in quoted_fragments(stored.text):
                    window = _window(fragment).lower()
                    for statement in graph.statements:
                        if window in statement.text.lower() and _quotes(fragment, statement):
                            links.append(Relation(stored.id, statement.id, RelationType.QUOTES))
            offset += len(page)
            if not page or offset >= total:
                break
    return list(dict.fromkeys(links))
