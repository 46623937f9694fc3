"""Word-level helpers shared by the stance model, topic relevance and key topics (no numpy: the
importers use them while parsing): tokens, a crude stem, stop words, and term rarity over a
background of argument sentences (graph/models/term_df.json, written by `make train-stance`)."""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

TERM_DF_PATH = Path(__file__).parent / "models" / "term_df.json"

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|n['’]t")

STOP = frozenset((
    "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "is", "are", "be", "been", "was", "were", "it",
    "this", "that", "these", "those", "we", "should", "would", "could", "must", "can", "will", "shall", "do",
    "does", "did", "have", "has", "had", "house", "believes", "believe", "supports", "support", "there", "by",
    "with", "as", "at", "from", "its", "their", "our", "us", "you", "i", "he", "she", "they", "them", "his",
    "her", "than", "more", "good", "brings", "bring", "all", "any", "some", "so", "if", "into", "about", "also",
    "only", "what", "which", "who", "whom", "whether", "ought", "introduce", "adopt", "make", "allow", "use",
    "legalize", "legalise", "subsidize", "subsidise", "fund", "permit", "encourage", "promote", "increase",
    "implement", "institute", "reintroduce", "embrace", "require", "pass", "keep", "right", "justified",
))


_SUFFIXES = ("izations", "ization", "isation", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed",
             "es", "s", "ly")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A crude English stem, enough to match "banned"/"banning"/"ban" and "abolition"/"abolish"."""
    if word.endswith(_SUFFIXES):  # one test for the words no suffix ends (a new document's words miss the cache)
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # bann -> ban
    return word


def words(text: str) -> list[str]:
    """Lower-case word tokens; "shouldn't" gives "should" + "n't"."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"(\w)n't\b", r"\1 n't", text).replace("can not", "cannot")
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _background() -> tuple[dict[str, int], int]:
    data = json.loads(TERM_DF_PATH.read_text(encoding="utf-8"))
    return {str(k): int(v) for k, v in data["df"].items()}, int(data["documents"])


@lru_cache(maxsize=100_000)
def idf(term: str) -> float:
    """Inverse document frequency of a stem over the background (unseen stems are rarest); cached per stem (a
    short text's key topics ask for every stem it has)."""
    df, documents = _background()
    return math.log((documents + 1) / (df.get(term, 0) + 1))


@lru_cache(maxsize=50_000)
def stems(text: str) -> frozenset[str]:
    """The stems of ``text``'s words (cached: a comparison asks for the same statements again)."""
    return frozenset(stem(w) for w in words(text))
