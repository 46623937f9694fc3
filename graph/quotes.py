"""Quotations in statement text, and whether a statement quotes another one's words.

services.importing uses these to link a new document to stored ones (QUOTES) in both
directions, whichever document comes first.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from graph.model import Statement

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

