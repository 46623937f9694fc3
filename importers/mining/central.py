"""Inputs of the central-claim model: each unit's own features (``features.UNIT_NAMES``), its role
probabilities, and features relative to the other units of the same document (is it the most
prescriptive, the most central by similarity, first or last of a short text, conclusion-marked at the
end), because the central claim is one unit chosen among the document's units, not a property a
unit has on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from importers.mining import features as F
from importers.mining.model import Array

RELATIVE_NAMES = ["sim_centroid_gap", "sim_centroid_rank", "policy_gap", "value_gap", "fact_gap",
                  "first_short", "last_short", "conclusion_last", "prescriptive_first", "prescriptive_last",
                  "nearest_of", "log_units"]
_POLICY, _VALUE, _FACT = 0, 1, 2  # columns of CDCP_TYPES in the role probabilities


def central_inputs(doc: F.DocFeatures, probs: Array) -> Array:
    """One row per unit: unit features, role probabilities, then ``RELATIVE_NAMES``."""
    n = doc.n
    relative = np.zeros((n, len(RELATIVE_NAMES)), dtype=np.float32)
    if n == 0:
        return np.zeros((0, doc.unit.shape[1] + probs.shape[1] + len(RELATIVE_NAMES)), np.float32)
    unit = doc.unit
    column = {name: unit[:, k] for k, name in enumerate(F.UNIT_NAMES)}
    centrality = column["sim_centroid"]
    relative[:, 0] = centrality - centrality.max()
    # rank 0 for the most central unit, 1 for the least (ties share the better rank)
    relative[:, 1] = (centrality[None, :] > centrality[:, None]).sum(axis=1) / max(n - 1, 1)
    relative[:, 2] = probs[:, _POLICY] - probs[:, _POLICY].max()
    relative[:, 3] = probs[:, _VALUE] - probs[:, _VALUE].max()
    relative[:, 4] = probs[:, _FACT] - probs[:, _FACT].max()
    shortness = 1.0 / np.log2(n + 1)  # 1 for one unit, ~0.39 for 5, ~0.17 for 60: position says more in short texts
    relative[:, 5] = column["is_first"] * shortness
    relative[:, 6] = column["is_last"] * shortness
    relative[:, 7] = column["conclusion_start"] * column["is_last"]
    relative[:, 8] = column["prescriptive"] * column["is_first"]
    relative[:, 9] = column["prescriptive"] * column["is_last"]
    # how many units (within 8 on either side) have this one as their most similar neighbour
    emb = doc.embeddings
    best = np.full(n, -1, dtype=np.int64)
    best_sim = np.full(n, -np.inf, dtype=np.float32)
    for offset in range(1, min(8, n - 1) + 1):
        shifted = np.einsum("ij,ij->i", emb[offset:], emb[:-offset])
        later = shifted > best_sim[offset:]
        best[offset:][later] = np.arange(n - offset)[later]
        best_sim[offset:][later] = shifted[later]
        earlier = shifted > best_sim[:-offset]
        best[:-offset][earlier] = np.arange(offset, n)[earlier]
        best_sim[:-offset][earlier] = shifted[earlier]
    counts = np.bincount(best[best >= 0], minlength=n).astype(np.float32)
    relative[:, 10] = counts / max(n - 1, 1)
    relative[:, 11] = np.log(n)
    return np.hstack([unit, probs, relative]).astype(np.float32)



OPPONENT_PAIR_NAMES = ["src_opponent", "tgt_opponent", "src_opponent_tgt_cc", "src_opponent_tgt_top",
                       "answers_opponent_before"]


def link_inputs(doc: F.DocFeatures, types: Array, cc: Array, pairs: Sequence[tuple[int, int]],
                opponent: Sequence[bool]) -> Array:
    """``features.pair_features`` plus the opposing voice (``pipeline.opponent_units``) at either end: an
    opposing voice argues against the central claim more often than against its neighbour, and the
    unit right after one most often answers it."""
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
    return np.hstack([base, extra])
