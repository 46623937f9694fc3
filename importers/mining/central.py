"""Inputs of the central-claim and link models beyond ``features``: the central-claim model sees a unit's
own features and its role probabilities; the link model sees ``features.pair_features`` plus the
opposing voice (``pipeline.opponent_units``) at either end of the pair, and ``TARGET_PAIR_NAMES``: where
the target stands (its position, paragraph opening / closing, similarity to the document centroid, length),
whether the two are clauses of one sentence next to each other, and each end's type by direction.

Measured and dropped (document-level cross-validation, README): features relative to the other units
of the document (similarity rank, most prescriptive unit, first/last of a short text), a
conditional-logit central-claim model, and the target's rank among central-claim candidates in the
link model; none beat the plain inputs on both CDCP and the short texts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from importers.mining import features as F
from importers.mining.model import Array

_TARGET_UNIT_COLUMNS = ["rel_position", "block_first", "block_last", "sim_centroid", "log_words"]
TARGET_PAIR_NAMES = (
    [f"tgt_{name}" for name in _TARGET_UNIT_COLUMNS] + ["same_sentence_next", "same_sentence_previous"]
    + [f"{end}_type{k}_{side}" for k in range(F.N_TYPES) for end, side in
       (("tgt", "before"), ("tgt", "after"), ("src", "before"), ("src", "after"))]
)
_SENTENCE_END = (".", "!", "?")
OPPONENT_PAIR_NAMES = ["src_opponent", "tgt_opponent", "src_opponent_tgt_cc", "src_opponent_tgt_top",
                       "answers_opponent_before"]


def central_inputs(doc: F.DocFeatures, probs: Array) -> Array:
    """One row per unit: ``features.UNIT_NAMES`` then the role probabilities."""
    return np.concatenate((doc.unit, probs), axis=1).astype(np.float32)


def link_inputs(doc: F.DocFeatures, types: Array, cc: Array, pairs: Sequence[tuple[int, int]],
                opponent: Sequence[bool]) -> Array:
    """``features.pair_features``, ``OPPONENT_PAIR_NAMES`` (an opposing voice argues against the central
    claim more often than against its neighbour, and the unit right after one most often answers it)
    and ``TARGET_PAIR_NAMES``."""
    base = F.pair_features(doc, types, cc, pairs)
    extra = np.zeros((len(pairs), len(OPPONENT_PAIR_NAMES)), dtype=np.float32)
    if pairs:
        src, tgt = F.pair_ends(pairs)
        flags = np.asarray(opponent, dtype=np.float32)
        top = int(np.argmax(cc))
        extra[:, 0] = flags[src]
        extra[:, 1] = flags[tgt]
        extra[:, 2] = flags[src] * cc[tgt]
        extra[:, 3] = flags[src] * (tgt == top)
        extra[:, 4] = flags[tgt] * (tgt == src - 1) * (1 - flags[src])
    return np.concatenate((base, extra, _target_pair(doc, types, pairs)), axis=1)


def _target_pair(doc: F.DocFeatures, types: Array, pairs: Sequence[tuple[int, int]]) -> Array:
    """``TARGET_PAIR_NAMES`` per pair. CDCP's links run both ways (a reason before or after its claim) and
    its units are often clauses: the clause right after or before in the same sentence is a likely target."""
    out = np.zeros((len(pairs), len(TARGET_PAIR_NAMES)), dtype=np.float32)
    if not pairs:
        return out
    src, tgt = F.pair_ends(pairs)
    d = tgt - src
    first = len(F.MARKER_NAMES)
    for k, name in enumerate(_TARGET_UNIT_COLUMNS):
        out[:, k] = doc.unit[tgt, first + F.POSITION_NAMES.index(name)]
    k = len(_TARGET_UNIT_COLUMNS)
    open_end = np.asarray([not text.rstrip().endswith(_SENTENCE_END) for text in doc.texts])
    out[:, k] = (d == 1) & open_end[src]  # the source's sentence goes on into the target
    out[:, k + 1] = (d == -1) & open_end[tgt]
    before, after = (d < 0).astype(np.float32), (d > 0).astype(np.float32)
    column = k + 2
    for t in range(F.N_TYPES):
        for values in (types[tgt, t] * before, types[tgt, t] * after, types[src, t] * before, types[src, t] * after):
            out[:, column] = values
            column += 1
    return out
