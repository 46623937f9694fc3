"""``make train``: rebuild ``importers/mining/weights.npz`` from the CDCP training split copied
into ``corpora/cdcp/train`` (never from the test split). Deterministic: fixed folds, lbfgs,
no random sampling. Needs scikit-learn (the ``train`` extra); inference does not.

    python -m importers.mining.train [--corpus corpora/cdcp/train] [--out importers/mining/weights.npz]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from importers.mining import features as F
from importers.mining.corpora import CDCP_TYPES, GoldDoc, read_cdcp
from importers.mining.model import WEIGHTS, Array, Linear, Models, save
from importers.mining.pipeline import GLOBAL_LIMIT, WINDOW, Analysis

ROOT = Path(__file__).resolve().parents[2]
FOLDS = 5


def unit_texts(doc: GoldDoc) -> tuple[list[str], list[int]]:
    texts = [doc.text[s:e].strip() or doc.text[s:e] for s, e in doc.spans]
    blocks = [doc.text.count("\n\n", 0, s) for s, _ in doc.spans]
    return texts, blocks


def candidate_pairs(n: int) -> list[tuple[int, int]]:
    limit = n if n <= GLOBAL_LIMIT else WINDOW
    return [(i, j) for i in range(n) for j in range(n) if i != j and abs(i - j) <= limit]


def _standardise(x: Array) -> tuple[Array, Array]:
    mean = x.mean(axis=0).astype(np.float32)
    std = x.std(axis=0).astype(np.float32)
    return mean, np.where(std < 1e-6, 1.0, std).astype(np.float32)


def _fit(x: Array, y: np.ndarray, c: float, balanced: bool,
         shrink: tuple[int, float] | None = None) -> tuple[Array, Array, Array, Array]:
    """Standardised logistic regression. ``shrink=(k, a)`` scales the first k standardised columns by a
    (a stronger L2 penalty on them: here the embedding, so the model leans on markers more than on
    CDCP's vocabulary); folded into the stored std, so inference is unchanged."""
    from sklearn.linear_model import LogisticRegression

    mean, std = _standardise(x)
    if shrink is not None:
        std[:shrink[0]] /= shrink[1]
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    clf.fit((x - mean) / std, y)
    return mean, std, clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32)


def train(corpus: Path, out: Path) -> None:
    started = time.perf_counter()
    docs = read_cdcp(corpus)
    feats = []
    for doc in docs:
        texts, blocks = unit_texts(doc)
        feats.append(F.doc_features(texts, blocks))
    print(f"{len(docs)} documents, {sum(f.n for f in feats)} units: features in {time.perf_counter() - started:.1f}s")
    # 1. proposition type from embedding + unit features
    x_role = np.vstack([np.hstack([f.embeddings, f.unit]) for f in feats]).astype(np.float32)
    y_role = np.asarray([CDCP_TYPES.index(t) for d in docs for t in d.types])
    doc_of_unit = np.asarray([k for k, f in enumerate(feats) for _ in range(f.n)])
    role_c, role_shrink = 0.2, (256, 0.1)  # chosen by 5-fold macro-F1 on the training split
    # out-of-fold probabilities feed the next models, as they will see predicted (not gold-fitted) types
    oof = np.zeros((len(y_role), len(CDCP_TYPES)), np.float32)
    for fold in range(FOLDS):
        test = doc_of_unit % FOLDS == fold
        part = Linear(*_fit(x_role[~test], y_role[~test], role_c, True, role_shrink))
        oof[test] = part.softmax(x_role[test])
    role = _fit(x_role, y_role, role_c, True, role_shrink)
    from sklearn.metrics import f1_score

    print(f"role: {FOLDS}-fold macro-F1 on train {f1_score(y_role, oof.argmax(axis=1), average='macro'):.3f}")
    # 2. central claim (the most-supported unit) from unit features + type probabilities
    x_cc: list[Array] = []
    y_cc: list[int] = []
    start = 0
    for doc, f in zip(docs, feats, strict=True):
        probs = oof[start:start + f.n]
        if doc.central is not None:
            x_cc.append(np.hstack([f.unit, probs]))
            y_cc.extend(1 if i == doc.central else 0 for i in range(f.n))
        start += f.n
    central = _fit(np.vstack(x_cc).astype(np.float32), np.asarray(y_cc), 1.0, False)
    cc_model = Linear(*central)
    # 3. support links between unit pairs
    x_link: list[Array] = []
    y_link: list[int] = []
    start = 0
    for doc, f in zip(docs, feats, strict=True):
        probs = oof[start:start + f.n]
        start += f.n
        cc = cc_model.logits(np.hstack([f.unit, probs]))[:, 0]
        pairs = candidate_pairs(f.n)
        if not pairs:
            continue
        gold = {(s, t) for s, t, _ in doc.relations}
        analysis = Analysis(f, probs, cc)
        x_link.append(F.pair_features(analysis.doc, probs, cc, pairs))
        y_link.extend(1 if p in gold else 0 for p in pairs)
    x_all, y_all = np.vstack(x_link).astype(np.float32), np.asarray(y_link)
    link = _fit(x_all, y_all, 0.5, False)
    # the probability above which a link is kept when a sparse map is wanted (CDCP-style evaluation):
    # the best F1 of independent link decisions on the training pairs
    link_probs = 1 / (1 + np.exp(-Linear(*link).logits(x_all)[:, 0]))
    threshold = max((f1_score(y_all, link_probs >= t), -t) for t in np.arange(0.05, 0.6, 0.05))
    link_threshold = round(-float(threshold[1]), 2)
    print(f"link threshold {link_threshold} (training F1 {threshold[0]:.3f})")
    save(out, {"role": role, "central": central, "link": link}, list(CDCP_TYPES), link_threshold)
    print(f"links: {len(y_link)} candidate pairs, {sum(y_link)} gold; weights -> {out} "
          f"({out.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - started:.1f}s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m importers.mining.train", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "cdcp" / "train")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    train(args.corpus, args.out)


if __name__ == "__main__":
    main()

__all__ = ["Models", "main", "train"]
