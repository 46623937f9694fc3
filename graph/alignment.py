"""Vectorised passage alignment: every pair of two sides' passages scored with matrix products.

score(i, j) = 0.6 * cosine(embeddings) + 0.2 * Jaccard(shared actors) + 0.2 * shared rare terms,
all three computed as numpy matrices (never a Python loop over pairs). Memory is bounded by
``select``: at most ``limit`` passages per side take part, the most relevant to the topic first.
"""

from __future__ import annotations

import math
import re

import numpy as np
from numpy.typing import NDArray

from graph.similarity import embed

COSINE_WEIGHT, ACTORS_WEIGHT, TERMS_WEIGHT = 0.6, 0.2, 0.2
MAX_CANDIDATES = 5000
"""At most this many above-threshold pairs are ranked (the best ones); the greedy pick needs few."""

_TERM = re.compile(r"[A-Za-z][\w’'-]{3,}|\d{4}")
_COMMON = frozenset((
    "that", "this", "with", "have", "from", "their", "they", "there", "were", "which", "would", "could", "should",
    "about", "been", "into", "than", "also", "more", "most", "some", "such", "only", "other", "these", "those",
    "while", "when", "where", "what", "after", "before", "over", "under", "between", "against", "because", "however",
    "through", "still", "even", "many", "much", "very", "just", "being", "does",
))


def terms(text: str) -> frozenset[str]:
    """Content words and years: what a shared passage repeats verbatim."""
    return frozenset(w.lower() for w in _TERM.findall(text) if w.lower() not in _COMMON)


def _incidence(rows: list[frozenset[str]] | list[set[str]], index: dict[str, int]) -> NDArray[np.float32]:
    matrix = np.zeros((len(rows), max(len(index), 1)), dtype=np.float32)
    for i, row in enumerate(rows):
        matrix[i, [index[t] for t in row if t in index]] = 1.0
    return matrix


def scores(texts_a: list[str], texts_b: list[str], actors_a: list[set[str]],
           actors_b: list[set[str]]) -> NDArray[np.float32]:
    """The combined score of every (a, b) pair, an (len(a), len(b)) matrix."""
    cosine = embed(texts_a) @ embed(texts_b).T
    actor_index = {a: k for k, a in enumerate(sorted(set().union(*actors_a, *actors_b)))}
    if actor_index:
        left, right = _incidence(actors_a, actor_index), _incidence(actors_b, actor_index)
        common = left @ right.T
        union = left.sum(axis=1)[:, None] + right.sum(axis=1)[None, :] - common
        jaccard = np.divide(common, union, out=np.zeros_like(common), where=union > 0)
    else:
        jaccard = np.zeros_like(cosine)
    terms_a, terms_b = [terms(t) for t in texts_a], [terms(t) for t in texts_b]
    frequency: dict[str, int] = {}
    for row in (*terms_a, *terms_b):
        for term in row:
            frequency[term] = frequency.get(term, 0) + 1
    term_index = {t: k for k, t in enumerate(sorted(frequency))}
    total = len(texts_a) + len(texts_b)
    rarity = np.array([math.log(total / frequency[t]) for t in sorted(frequency)] or [0.0], dtype=np.float32)
    left, right = _incidence(terms_a, term_index), _incidence(terms_b, term_index)
    shared = (left * rarity) @ right.T
    smaller = np.minimum((left @ rarity)[:, None], (right @ rarity)[None, :])
    lexical = np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
    result: NDArray[np.float32] = (COSINE_WEIGHT * cosine + ACTORS_WEIGHT * jaccard
                                   + TERMS_WEIGHT * lexical).astype(np.float32)
    return result


def candidates(texts_a: list[str], texts_b: list[str], actors_a: list[set[str]], actors_b: list[set[str]],
               threshold: float) -> list[tuple[float, int, int]]:
    """(score, i, j) of the pairs at or above ``threshold``, best first (ties by position)."""
    if not texts_a or not texts_b:
        return []
    matrix = scores(texts_a, texts_b, actors_a, actors_b)
    rows, cols = np.nonzero(matrix >= threshold)
    values = matrix[rows, cols]
    order = np.lexsort((cols, rows, -values))[:MAX_CANDIDATES]
    return [(float(values[k]), int(rows[k]), int(cols[k])) for k in order]


def select(relevance: NDArray[np.float32], limit: int, keep: set[int] | None = None) -> list[int]:
    """Indices of at most ``limit`` passages: ``keep`` first (e.g. tagged with the topic), then the most
    relevant; all of them, in order, when there are no more than ``limit``."""
    n = len(relevance)
    if n <= limit:
        return list(range(n))
    priority = np.array([1 if keep and i in keep else 0 for i in range(n)])
    order = np.lexsort((np.arange(n), -relevance, -priority))[:limit]
    return sorted(int(i) for i in order)
