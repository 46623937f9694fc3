"""How relevant a statement is to a free-text topic: embeddings plus shared rare terms.

``relevance(topic, texts)`` = ``cosine_weight * cosine(topic, text) + terms_weight * shared``, where
``shared`` is the share of the topic's term weight (inverse document frequency over a background
of ~40,000 argument sentences, ``graph/models/term_df.json``) that the text repeats. The weights
and the threshold (``graph/models/relevance.json``) were measured by ``scripts/train_stance.py``
on IBM ArgQ-30k / ArgKP / Claim Stance topic-argument pairs (relevant = an argument written for
this topic, irrelevant = one written for another topic): picked on training topics, reported on
the unseen evaluation topics.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from graph import stance, terms
from graph.similarity import embed
from graph.terms import TERM_DF_PATH, idf

__all__ = ["TERM_DF_PATH", "RelevanceScale", "components", "idf", "relevance", "scale", "shared_terms",
           "topic_weights"]

MODELS = Path(__file__).parent / "models"
RELEVANCE_PATH = MODELS / "relevance.json"


@dataclass(frozen=True)
class RelevanceScale:
    cosine_weight: float
    terms_weight: float
    threshold: float
    """Score at or above which a text counts as about the topic (measured, see the module doc)."""


@lru_cache(maxsize=1)
def scale() -> RelevanceScale:
    data = json.loads(RELEVANCE_PATH.read_text(encoding="utf-8"))
    return RelevanceScale(float(data["cosine_weight"]), float(data["terms_weight"]), float(data["threshold"]))


def topic_weights(topic: str) -> dict[str, float]:
    """The topic's terms with their rarity."""
    return {term: idf(term) for term in stance.topic_terms(topic)}


def shared_terms(weights: dict[str, float], text: str) -> float:
    """Share of the topic's term weight that ``text`` repeats (0..1)."""
    total = sum(weights.values())
    if not total:
        return 0.0
    present = terms.stems(text)
    return sum(w for term, w in weights.items() if term in present) / total


def components(topic: str, texts: list[str],
               vectors: NDArray[np.float32] | None = None) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """(cosine to the topic, shared rare terms) of each text."""
    if not texts:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32)
    topic_vector = embed([stance.proposition(topic)])[0]
    cosine = (vectors if vectors is not None else embed(texts)) @ topic_vector
    weights = topic_weights(topic)
    lexical = np.array([shared_terms(weights, t) for t in texts], dtype=np.float32)
    return cosine.astype(np.float32), lexical


def relevance(topic: str, texts: list[str], vectors: NDArray[np.float32] | None = None) -> NDArray[np.float32]:
    """Relevance of each text to ``topic``; ``scale().threshold`` and above counts as about it.

    ``vectors`` are the texts' unit embeddings when the caller has them already."""
    cosine, lexical = components(topic, texts, vectors)
    weights = scale()
    result: NDArray[np.float32] = (weights.cosine_weight * cosine + weights.terms_weight * lexical).astype(np.float32)
    return result
