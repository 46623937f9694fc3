"""Inputs of the central-claim and link models beyond ``features``: the central-claim model sees a unit's
own features and its role probabilities; the link model sees ``features.pair_features`` plus the
opposing voice (``pipeline.opponent_units``) at either end of the pair.

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

OPPONENT_PAIR_NAMES = ["src_opponent", "tgt_opponent", "src_opponent_tgt_cc", "src_opponent_tgt_top",
                       "answers_opponent_before"]


def central_inputs(doc: F.DocFeatures, probs: Array) -> Array:
    """One row per unit: ``features.UNIT_NAMES`` then the role probabilities."""
    return np.concatenate((doc.unit, probs), axis=1).astype(np.float32)


def link_inputs(doc: F.DocFeatures, types: Array, cc: Array, pairs: Sequence[tuple[int, int]],
                opponent: Sequence[bool]) -> Array:
    """``features.pair_features`` plus ``OPPONENT_PAIR_NAMES``: an opposing voice argues against the
    central claim more often than against its neighbour, and the unit right after one most often
    answers it."""
    base = F.pair_features(doc, types, cc, pairs)
    extra = np.zeros((len(pairs), len(OPPONENT_PAIR_NAMES)), dtype=np.float32)
    if pairs:
        index = np.asarray(pairs, dtype=np.int64)
        src, tgt = index[:, 0], index[:, 1]
        flags = np.asarray(opponent, dtype=np.float32)
        top = int(np.argmax(cc))
        extra[:, 0] = flags[src]
        extra[:, 1] = flags[tgt]
        extra[:, 2] = flags[src] * cc[tgt]
        extra[:, 3] = flags[src] * (tgt == top)
        extra[:, 4] = flags[tgt] * (tgt == src - 1) * (1 - flags[src])
    return np.concatenate((base, extra), axis=1)
