"""Quotations in statement text, and whether a statement quotes another one's words.

A store links a new document to stored ones (QUOTES) with :func:`plan_links`, inside the
transaction saving it, in both directions, whichever document comes first.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz

from graph.model import DocumentGraph, Relation, RelationType, Statement

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


def search_window(fragment: str) -> str:
    """A short verbatim run of the fragment, to narrow the search (stores do substring search)."""
    words = fragment.split()
    middle = max(0, len(words) // 2 - 2)
    return " ".join(words[middle:middle + 4])


def is_quoted_in(fragment: str, candidate: Statement) -> bool:
    """True when ``candidate`` says ``fragment`` (nearly) verbatim."""
    return fuzz.partial_ratio(fragment.lower(), candidate.text.lower()) >= MATCH_SCORE



CANDIDATES = 20
"""Stored statements containing a quotation's search window that are checked, earliest first."""


@dataclass(frozen=True, slots=True)
class PendingQuote:
    """A stored quotation no stored document says yet: linked when a document saying it arrives."""

    statement_id: str
    document_id: str
    window: str
    """``search_window`` of the fragment, lower-case: looked up by equality among a new document's shingles."""
    fragment: str


class QuoteLookup(Protocol):
    """What a store answers from its indexes, inside the transaction that saves a document."""

    def earliest_containing(self, window: str, exclude_document: str, limit: int) -> list[Statement]:
        """Up to ``limit`` stored statements of other documents whose text contains ``window``
        (case-insensitive), earliest imported first."""

    def pending_quotes(self, windows: Collection[str], exclude_document: str) -> list[PendingQuote]:
        """Stored pending quotations of other documents whose window is one of ``windows``."""


@dataclass(frozen=True, slots=True)
class QuotePlan:
    """What saving a document changes about quotations."""

    links: tuple[Relation, ...]
    """QUOTES from the new document's quotations to their sources, and from stored pending
    quotations to the new document's statements."""
    pending: tuple[PendingQuote, ...]
    """The new document's quotations whose source is not stored (yet)."""
    resolved: tuple[PendingQuote, ...]
    """Stored pending quotations the new document is the source of."""


def shingles(text: str) -> set[str]:
    """Every run of four whitespace-separated words of ``text``, lower-case (how windows are compared)."""
    words = text.lower().split()
    return {" ".join(words[i:i + 4]) for i in range(max(0, len(words) - 3))}


def plan_links(graph: DocumentGraph, lookup: QuoteLookup) -> QuotePlan:
    """Link each quotation to ONE source, the earliest stored statement saying it, whichever
    document comes first: a quotation shared by many documents makes a star (every quoting
    statement -> the first occurrence), never links between every pair. Cost: one index
    lookup per quotation plus one for the new document's shingles, whatever the store's size."""
    document_id = graph.document.id
    links: list[Relation] = []
    pending: list[PendingQuote] = []
    for statement in graph.statements:
        for fragment in quoted_fragments(statement.text):
            window = search_window(fragment).lower()
            source = next((c for c in lookup.earliest_containing(window, document_id, CANDIDATES)
                           if is_quoted_in(fragment, c)), None)
            if source is not None:
                links.append(Relation(statement.id, source.id, RelationType.QUOTES))
            else:
                pending.append(PendingQuote(statement.id, document_id, window, fragment))
    # A stored quotation waits for a statement SAYING the passage: one merely quoting it too is
    # not its source (it was linked to the stored one above), so quoted spans are left out here.
    by_statement = [(statement, shingles(_QUOTED.sub(" ", statement.text))) for statement in graph.statements]
    windows = set().union(*(s for _, s in by_statement)) if by_statement else set()
    resolved: list[PendingQuote] = []
    for waiting in lookup.pending_quotes(windows, document_id) if windows else []:
        target = next((statement for statement, own in by_statement
                       if waiting.window in own and is_quoted_in(waiting.fragment, statement)), None)
        if target is not None:
            links.append(Relation(waiting.statement_id, target.id, RelationType.QUOTES))
            resolved.append(waiting)
    return QuotePlan(tuple(dict.fromkeys(links)), tuple(pending), tuple(resolved))
