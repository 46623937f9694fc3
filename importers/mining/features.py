"""Features of units and of (source, target) unit pairs, shared by training and inference.

Unit features: discourse markers (``markers``), modality, person, reported speech, numbers,
length, position in the document and in its paragraph, and similarity (WordLlama static
embeddings, ``graph.similarity``) to the document centroid, the first and last unit and the
title. The role model also sees the 256-d embedding itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from graph.similarity import embed
from importers.mining import markers as m

Array = NDArray[np.float32]

# (name, pattern, anchored at the start of the unit)
_MARKERS: list[tuple[str, object]] = [
    ("concession_start", m.CONCESSION_START),
    ("contrast_start", m.CONTRAST_START),
    ("cause_start", m.CAUSE_START),
    ("conclusion_start", m.CONCLUSION_START),
    ("addition_start", m.ADDITION_START),
    ("example_start", m.EXAMPLE_START),
    ("opponent_start", m.OPPONENT_START),
    ("opponent_anywhere", m.OPPONENT_ANYWHERE),
    ("refutation", m.REFUTATION_ANYWHERE),
    ("contrast_inside", m.CONTRAST_INSIDE),
    ("cause_inside", m.CAUSE_INSIDE),
    ("conclusion_inside", m.CONCLUSION_INSIDE),
    ("prescriptive", m.PRESCRIPTIVE),
    ("conditional", m.CONDITIONAL),
    ("hedge", m.HEDGE),
    ("negation", m.NEGATION),
    ("first_person", m.FIRST_PERSON),
    ("first_plural", m.FIRST_PLURAL),
    ("opinion", m.OPINION),
    ("evaluative", m.EVALUATIVE),
    ("reported", m.REPORTED),
    ("number", m.NUMBER),
    ("study", m.STUDY),
    ("past", m.PAST),
    ("url", m.URL),
    ("question", m.QUESTION),
    ("exclamation", m.EXCLAMATION),
    ("you", m.YOU),
    ("imperative_start", m.IMPERATIVE_START),
]
MARKER_NAMES = [name for name, _ in _MARKERS]
MARKER_INDEX = {name: i for i, name in enumerate(MARKER_NAMES)}
POSITION_NAMES = ["rel_position", "is_first", "is_last", "block_first", "block_last", "log_words",
                  "short", "sim_centroid", "sim_first", "sim_last", "sim_title", "sim_max_other", "sim_prev",
                  "sim_next"]
UNIT_NAMES = MARKER_NAMES + POSITION_NAMES


def marker_vector(text: str) -> list[float]:
    low = text.lower()
    return [1.0 if pattern.search(low) else 0.0 for _, pattern in _MARKERS]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class DocFeatures:
    """Everything the models need about one document's units."""

    texts: list[str]
    blocks: list[int]
    embeddings: Array  # (n, 256), unit length
    unit: Array  # (n, len(UNIT_NAMES))
    similarity: Array  # (n, n) cosine

    @property
    def n(self) -> int:
        return len(self.texts)

    def marker(self, i: int, name: str) -> bool:
        return bool(self.unit[i, MARKER_INDEX[name]])


def doc_features(texts: Sequence[str], blocks: Sequence[int], title: str | None = None,
                 embeddings: Array | None = None) -> DocFeatures:
    n = len(texts)
    emb = embed(list(texts)) if embeddings is None else embeddings
    if n == 0:
        return DocFeatures([], [], emb, np.zeros((0, len(UNIT_NAMES)), np.float32), np.zeros((0, 0), np.float32))
    centroid = emb.mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    centroid = centroid / norm if norm else centroid
    # pairwise similarity only inside a window: documents can have 100k units
    sim_centroid = emb @ centroid
    title_vec = embed([title])[0] if title else None
    rows = []
    for i, text in enumerate(texts):
        block = blocks[i]
        words = max(1, len(text.split()))
        prev_sim = float(emb[i] @ emb[i - 1]) if i else 0.0
        next_sim = float(emb[i] @ emb[i + 1]) if i + 1 < n else 0.0
        lo, hi = max(0, i - 8), min(n, i + 9)
        window = emb[lo:hi] @ emb[i]
        window[i - lo] = -1.0
        rows.append(marker_vector(text) + [
            i / (n - 1) if n > 1 else 0.0,
            1.0 if i == 0 else 0.0,
            1.0 if i == n - 1 else 0.0,
            1.0 if i == 0 or blocks[i - 1] != block else 0.0,
            1.0 if i == n - 1 or blocks[i + 1] != block else 0.0,
            math.log(words),
            1.0 if words < 6 else 0.0,
            float(sim_centroid[i]),
            float(emb[i] @ emb[0]),
            float(emb[i] @ emb[n - 1]),
            float(emb[i] @ title_vec) if title_vec is not None else 0.0,
            float(window.max()) if hi - lo > 1 else 0.0,
            prev_sim,
            next_sim,
        ])
    return DocFeatures(list(texts), list(blocks), emb, np.asarray(rows, dtype=np.float32), np.zeros((0, 0), np.float32))


# --- pairs -----------------------------------------------------------------------------

_DISTANCE_BINS = [(-10**9, -7), (-6, -4), (-3, -3), (-2, -2), (-1, -1), (1, 1), (2, 2), (3, 3), (4, 6), (7, 10**9)]
_SOURCE_MARKERS = ["concession_start", "contrast_start", "cause_start", "conclusion_start", "addition_start",
                   "example_start", "opponent_start", "cause_inside", "refutation", "prescriptive", "question",
                   "number", "first_person"]
_TARGET_MARKERS = ["conclusion_start", "cause_start", "contrast_start", "example_start", "addition_start",
                   "prescriptive", "opponent_start", "question", "concession_start"]
N_TYPES = 5
PAIR_NAMES = (
    [f"dist_{lo}_{hi}" for lo, hi in _DISTANCE_BINS]
    + ["abs_dist_rel", "same_block", "cosine", "cosine_best", "target_first", "target_last", "source_first",
       "source_last", "target_cc", "source_cc"]
    + [f"src_type{a}_tgt_type{b}" for a in range(N_TYPES) for b in range(N_TYPES)]
    + [f"src_{name}_{side}" for name in _SOURCE_MARKERS for side in ("before", "after")]
    + [f"tgt_{name}_{side}" for name in _TARGET_MARKERS for side in ("before", "after")]
    + ["bias_pair"]
)


def pair_features(doc: DocFeatures, types: Array, cc: Array, pairs: Sequence[tuple[int, int]]) -> Array:
    """One row per (source, target) pair; ``types`` (n, 5) role probabilities, ``cc`` (n,) central-claim scores."""
    n = doc.n
    out = np.zeros((len(pairs), len(PAIR_NAMES)), dtype=np.float32)
    best_target: dict[int, int] = {}
    for src, tgt in pairs:
        prev = best_target.get(src)
        if prev is None or float(doc.embeddings[src] @ doc.embeddings[tgt]) > float(
                doc.embeddings[src] @ doc.embeddings[prev]):
            best_target[src] = tgt
    src_idx = [MARKER_INDEX[name] for name in _SOURCE_MARKERS]
    tgt_idx = [MARKER_INDEX[name] for name in _TARGET_MARKERS]
    base = len(_DISTANCE_BINS)
    type_base = base + 10
    src_base = type_base + N_TYPES * N_TYPES
    tgt_base = src_base + 2 * len(_SOURCE_MARKERS)
    for row, (src, tgt) in enumerate(pairs):
        d = tgt - src
        for b, (lo, hi) in enumerate(_DISTANCE_BINS):
            if lo <= d <= hi:
                out[row, b] = 1.0
                break
        out[row, base] = abs(d) / max(n, 1)
        out[row, base + 1] = 1.0 if doc.blocks[src] == doc.blocks[tgt] else 0.0
        out[row, base + 2] = float(doc.embeddings[src] @ doc.embeddings[tgt])
        out[row, base + 3] = 1.0 if best_target.get(src) == tgt else 0.0
        out[row, base + 4] = 1.0 if tgt == 0 else 0.0
        out[row, base + 5] = 1.0 if tgt == n - 1 else 0.0
        out[row, base + 6] = 1.0 if src == 0 else 0.0
        out[row, base + 7] = 1.0 if src == n - 1 else 0.0
        out[row, base + 8] = float(cc[tgt])
        out[row, base + 9] = float(cc[src])
        out[row, type_base:src_base] = np.outer(types[src], types[tgt]).ravel()
        side = 0 if d < 0 else 1
        for k, idx in enumerate(src_idx):
            out[row, src_base + 2 * k + side] = doc.unit[src, idx]
        for k, idx in enumerate(tgt_idx):
            out[row, tgt_base + 2 * k + side] = doc.unit[tgt, idx]
        out[row, -1] = 1.0
    return out
