"""``make train-voices``: rebuild ``importers/mining/voices.npz`` (opponent units, nearby attacks, edge
types; see ``voices``) from the project's gold short texts, every ``corpora/argmap-short/dev*.json``
(never from ``test*.json``, the held-out sets). Deterministic: fixed document folds, lbfgs, no sampling.
Needs scikit-learn (the ``train`` extra); inference does not.

    python -m importers.mining.train_voices [--corpus corpora/argmap-short/dev.json ...] [--out ...voices.npz]
    python -m importers.mining.train_voices --cv 5   # document-level cross-validation, per file, no write
    python -m importers.mining.train_voices --check  # fail unless retraining reproduces voices.npz byte for byte

``--cv K`` trains on K-1 folds of documents and predicts the held-out fold, for the learned models,
the connective rules they replace and the trivial baselines, and prints one Markdown table per file
(and for all files together); every fold holds texts of every file.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from importers.mining import features as F
from importers.mining import mine_spans, mine_text
from importers.mining import voices as V
from importers.mining.corpora import GoldDoc, read_aif, read_cdcp, short_training_files
from importers.mining.evaluate import Prediction, first_baseline, last_baseline, match_units, score, score_table
from importers.mining.model import Array, Linear, Models
from importers.mining.rebuild import check_rebuild

ROOT = Path(__file__).resolve().parents[2]
# the project's two-text gold sample (same guidelines): always in training, never scored in --cv
EXTRA = ROOT / "corpora" / "samples" / "aif-gold-sample.json"
FOLDS = 5  # inner folds: out-of-fold opponent probabilities for the pair models, and the thresholds
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
# CDCP's training comments (no opposing voices annotated: consumers' comments on a regulation) are non-opponent
# examples of another genre at this weight per unit; with the document columns (``voices.DOC_NAMES``) the model
# can tell a text that argues with someone from a personal account (chosen by cross-validation on
# both, docs/mining-quality.md)
CDCP = ROOT / "corpora" / "cdcp" / "train"
CDCP_WEIGHT = 0.015
# whole op-eds, commentaries and blog posts (dev only: validation.json is scored, never learned from): the exchange
# inputs' weights learn from them too (``exchange_weights``)
GENRE = [ROOT / "corpora" / "argmap-opeds" / "dev.json"]
THRESHOLDS = np.round(np.arange(0.2, 0.81, 0.05), 2)


@dataclass(frozen=True)
class Example:
    doc: GoldDoc
    features: F.DocFeatures


def examples(docs: Sequence[GoldDoc]) -> list[Example]:
    out = []
    for doc in docs:
        texts = [doc.text[s:e].strip() or doc.text[s:e] for s, e in doc.spans]
        blocks = [doc.text.count("\n\n", 0, s) for s, _ in doc.spans]
        out.append(Example(doc, F.doc_features(texts, blocks)))
    return out


def _fit(x: Array, y: np.ndarray, c: float, weight: np.ndarray | None = None) -> tuple[Array, Array, Array, Array]:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0).astype(np.float32)
    std = x.std(axis=0).astype(np.float32)
    std = np.where(std < 1e-6, 1.0, std).astype(np.float32)
    if y.min() == y.max():  # a fold without a single positive: a constant model
        bias = np.asarray([10.0 if y[0] else -10.0], np.float32)
        return mean, std, np.zeros((1, x.shape[1]), np.float32), bias
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit((x - mean) / std, y, sample_weight=weight)
    return mean, std, clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32)


def _probs(part: tuple[Array, Array, Array, Array], x: Array) -> Array:
    logits = Linear(*part).logits(x)[:, 0]
    out: Array = (1 / (1 + np.exp(-np.clip(logits, -30, 30)))).astype(np.float32)
    return out


def _f1(y: np.ndarray, predicted: np.ndarray) -> float:
    tp = float(np.sum(predicted & (y == 1)))
    fp = float(np.sum(predicted & (y == 0)))
    fn = float(np.sum(~predicted & (y == 1)))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _oof(rows: list[Array], labels: list[np.ndarray], c: float, weights: Sequence[float] | None = None) -> Array:
    """Out-of-fold probabilities, documents split by index modulo FOLDS; ``weights``: one per document."""
    out = [np.zeros(len(y), np.float32) for y in labels]
    for fold in range(FOLDS):
        train = [k for k in range(len(rows)) if k % FOLDS != fold and len(labels[k])]
        test = [k for k in range(len(rows)) if k % FOLDS == fold and len(labels[k])]
        if not train or not test:
            continue
        part = _fit(np.vstack([rows[k] for k in train]), np.concatenate([labels[k] for k in train]), c,
                    None if weights is None else np.concatenate([np.full(len(labels[k]), weights[k]) for k in train]))
        for k in test:
            out[k] = _probs(part, rows[k])
    return np.concatenate(out) if out else np.zeros(0, np.float32)


def _choose(rows: list[Array], labels: list[np.ndarray], name: str, verbose: bool, scored: int | None = None,
            weights: Sequence[float] | None = None) -> tuple[tuple[Array, Array, Array, Array], float, Array]:
    """C and threshold by the best out-of-fold F1 (ties: the smaller C, then the higher threshold), then one
    fit on everything. Returns (model, threshold, out-of-fold probabilities with the chosen C, of every
    document). Only the first ``scored`` documents (default: all) count in the F1; ``weights`` (one per document)
    weigh the fits."""
    scored = len(rows) if scored is None else scored
    every = np.concatenate(labels)
    y = every[:sum(len(labels[k]) for k in range(scored))]
    best: tuple[float, float, float] | None = None
    chosen_oof = np.zeros(len(every), np.float32)
    curves = {c: _oof(rows, labels, c, weights) for c in C_GRID}
    for c, oof in curves.items():
        for t in THRESHOLDS:
            f1 = _f1(y, oof[:len(y)] >= t)
            if best is None or f1 > best[0] + 1e-9:
                best, chosen_oof = (f1, c, float(t)), oof
    assert best is not None
    f1, c, threshold = best
    # the highest threshold within about one unit's worth of F1 of the best: as good on these texts, and
    # fewer calls on texts of other genres (where opposing voices are rarer than in argumentative texts)
    tolerance = 1.0 / max(1, int(y.sum()))
    threshold = max(float(t) for t in THRESHOLDS if _f1(y, chosen_oof[:len(y)] >= t) >= f1 - tolerance)
    if verbose:
        print(f"{name}: {int(y.sum())} of {len(y)} positive; C={c}, threshold {threshold:.2f}, "
              f"out-of-fold F1 {_f1(y, chosen_oof[:len(y)] >= threshold):.3f} (best {f1:.3f})")
    weight = None if weights is None else np.concatenate([np.full(len(y_k), w) for y_k, w in zip(labels, weights,
                                                                                                  strict=True)])
    return _fit(np.vstack(rows), every, c, weight), threshold, chosen_oof


_OTHER_ROWS: dict[tuple[str, ...], list[Array]] = {}


def _other_rows(others: Sequence[GoldDoc]) -> list[Array]:
    """The opponent model's rows of ``others`` (cached: cross-validation fits on the same comments again)."""
    key = tuple(doc.id for doc in others)
    if key not in _OTHER_ROWS:
        _OTHER_ROWS.clear()
        _OTHER_ROWS[key] = [V.opponent_features(e.features) for e in examples(others)]
    return _OTHER_ROWS[key]


def cdcp_comments(folder: Path = CDCP) -> list[GoldDoc]:
    return read_cdcp(folder) if folder.exists() else []


def fit(docs: Sequence[GoldDoc], verbose: bool = False, others: Sequence[GoldDoc] | None = None,
        others_weight: float = CDCP_WEIGHT, genre: Sequence[GoldDoc] = ()) -> V.Voices:
    """The four models from gold documents (opponent flags, ATTACKS / SUPPORTS relations, objection targets).
    ``others`` (default: CDCP's training comments): texts of another genre that annotate no opposing voice,
    every unit a non-opponent example for the opponent model alone, each weighing ``others_weight`` of a gold
    unit; the opponent model's C and threshold are still chosen by the F1 on ``docs`` alone. The weights of the
    exchange inputs (``exchange_weights``) learn from ``docs`` and ``genre`` (gold documents of another genre, whole
    op-eds), on top of the four models, which learn from ``docs`` alone."""
    data = examples(docs)
    opp_rows = [V.opponent_features(e.features) for e in data]
    opp_labels = [np.asarray([int(i in e.doc.opponent) for i in range(e.features.n)]) for e in data]
    if others is None:
        others = cdcp_comments() if others_weight > 0 else []
    other_rows = _other_rows(others) if others_weight > 0 else []
    opponent, opponent_threshold, oof = _choose(
        opp_rows + other_rows, opp_labels + [np.zeros(len(r), int) for r in other_rows], "opponent", verbose,
        scored=len(opp_rows), weights=[1.0] * len(opp_rows) + [others_weight] * len(other_rows))
    # the pair models see out-of-fold opponent probabilities: what they will get at inference
    offsets = np.cumsum([0] + [e.features.n for e in data])
    rebut_rows, rebut_labels, rel_rows, rel_labels = [], [], [], []
    for k, e in enumerate(data):
        probs = oof[offsets[k]:offsets[k + 1]]
        attacks = {(s, t) for s, t, r in e.doc.relations if r == "ATTACKS"}
        pairs = V.rebuttal_candidates(e.features.n, [bool(p >= opponent_threshold) for p in probs], e.doc.central,
                                      e.features.blocks, V.bridges(e.features))
        rebut_rows.append(V.pair_features(e.features, probs, pairs, e.doc.central)[:, V.REBUT_COLUMNS])
        rebut_labels.append(np.asarray([int(p in attacks) for p in pairs]))
        edges = [(s, t) for s, t, _ in e.doc.relations]
        # the edge type sees the opponent decisions (as at inference), so an edge between two units of
        # the same side is never typed an attack for a doubt about one of them
        flags = (probs >= opponent_threshold).astype(np.float32)
        rel_rows.append(V.pair_features(e.features, flags, edges, e.doc.central)[:, V.RELATION_COLUMNS])
        rel_labels.append(np.asarray([int(r == "ATTACKS") for _, _, r in e.doc.relations]))
    target_rows, target_labels = [], []
    for k, e in enumerate(data):
        probs = oof[offsets[k]:offsets[k + 1]]
        central = e.doc.central
        if central is None:
            continue
        gold_target = {s: t for s, t, _ in e.doc.relations}
        pairs = [(i, j) for i in sorted(e.doc.opponent) if i != central and i in gold_target
                 for j in V.objection_candidates(e.features.n, i, central)]
        if pairs:
            target_rows.append(V.pair_features(e.features, probs, pairs, central)[:, V.TARGET_COLUMNS])
            target_labels.append(np.asarray([int(gold_target[i] == j) for i, j in pairs]))
    target, _, _ = _choose(target_rows, target_labels, "objection target", verbose)
    rebut, rebut_threshold, _ = _choose(rebut_rows, rebut_labels, "nearby attacks", verbose)
    relation, relation_threshold, _ = _choose(rel_rows, rel_labels, "edge type", verbose)
    parts = {"opponent": opponent, "rebut": rebut, "relation": relation, "target": target}
    thresholds = {"opponent": opponent_threshold, "rebut": rebut_threshold, "relation": relation_threshold}
    base = V.from_arrays(V.to_arrays(parts, thresholds, {"opponent": np.zeros(len(V.EXCHANGE_NAMES), np.float32),
                                                         "rebut": np.zeros(len(V.EXCHANGE_PAIR_NAMES), np.float32),
                                                         "target": np.zeros(len(V.EXCHANGE_TARGET_NAMES), np.float32)}))
    exchange = exchange_weights(base, data, oof[:offsets[-1]], examples(genre), verbose)
    return V.from_arrays(V.to_arrays(parts, thresholds, exchange))


# the exchange weights' L2 prior: weak, as the inputs are rare and, where set, nearly always right (5-fold CV over
# dev*.json + argmap-opeds dev.json, 1 / 10 / 100: docs/mining-quality.md)
EXCHANGE_C = 100.0


def _logit(p: Array) -> Array:
    q = np.clip(p.astype(np.float64), 1e-6, 1 - 1e-6)
    out: Array = np.log(q / (1 - q))
    return out


def _stack(rows: list[Array], width: int) -> Array:
    return np.vstack(rows) if rows else np.zeros((0, width), np.float32)


def _offset_fit(x: Array, y: np.ndarray, offset: Array, c: float = EXCHANGE_C) -> Array:
    """Weights w of a logistic regression whose logit is ``offset + x @ w`` (no intercept, L2 prior 1 / c):
    Newton steps in float64, deterministic."""
    w = np.zeros(x.shape[1])
    if not len(y):
        return w.astype(np.float32)
    xd, yd, od = x.astype(np.float64), y.astype(np.float64), offset.astype(np.float64)
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(od + xd @ w, -30, 30)))
        gradient = xd.T @ (p - yd) + w / c
        hessian = xd.T @ (xd * (p * (1 - p))[:, None]) + np.eye(len(w)) / c
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w.astype(np.float32)


def exchange_weights(base: V.Voices, data: Sequence[Example], oof: Array, genre: Sequence[Example],
                     verbose: bool = False) -> dict[str, Array]:
    """The weights of the exchange inputs (``voices.EXCHANGE_NAMES``, ``EXCHANGE_PAIR_NAMES``) on top of the opponent
    and reply models' logits (``base``), learned from the units and pairs where an input is set: the gold texts'
    with their out-of-fold opponent probabilities (``oof``), the ``genre`` documents' with the models' own (they
    never learned from them). The reply model's logits are its own on every document."""
    offsets = np.cumsum([0] + [e.features.n for e in data])
    logits = [_logit(oof[offsets[k]:offsets[k + 1]]) for k in range(len(data))]
    logits += [base.opponent.logits(V.opponent_features(e.features))[:, 0].astype(np.float64) for e in genre]
    every = [*data, *genre]
    rows, labels, offset = [], [], []
    for e, z in zip(every, logits, strict=True):
        opposing = V.carry_objections(e.features, V._sigmoid(z.astype(np.float32))) >= base.opponent_threshold
        x = V.exchange_features(e.features, opposing.astype(np.float32))
        keep = np.abs(x).sum(axis=1) > 0
        rows.append(x[keep])
        labels.append(np.asarray([int(i in e.doc.opponent) for i in range(e.features.n)])[keep])
        offset.append(z[keep])
    opponent = _offset_fit(_stack(rows, len(V.EXCHANGE_NAMES)), np.concatenate([np.zeros(0), *labels]),
                           np.concatenate([np.zeros(0), *offset]))
    pair_rows, pair_labels, pair_offset = [], [], []
    for e, z in zip(every, logits, strict=True):
        opposing = V.carry_objections(e.features, V._sigmoid(z.astype(np.float32))) >= base.opponent_threshold
        probs = V.carry_objections(e.features, V._sigmoid(
            (z + V.exchange_features(e.features, opposing.astype(np.float32)) @ opponent).astype(np.float32)))
        pairs = V.rebuttal_candidates(e.features.n, [bool(p >= base.opponent_threshold) for p in probs], e.doc.central,
                                      e.features.blocks, V.bridges(e.features))
        if not pairs:
            continue
        attacks = {(s, t) for s, t, r in e.doc.relations if r == "ATTACKS"}
        x = V.pair_features(e.features, probs, pairs, e.doc.central, V.EXCHANGE_PAIR_NAMES)
        keep = np.abs(x).sum(axis=1) > 0
        pair_rows.append(x[keep])
        pair_labels.append(np.asarray([int(p in attacks) for p in pairs])[keep])
        pair_offset.append(base.rebut.logits(V.pair_features(e.features, probs, pairs, e.doc.central,
                                                             V.REBUT_NAMES))[:, 0][keep])
    rebut = _offset_fit(_stack(pair_rows, len(V.EXCHANGE_PAIR_NAMES)), np.concatenate([np.zeros(0), *pair_labels]),
                        np.concatenate([np.zeros(0), *pair_offset]))
    # the objection model's input: every opposing unit's candidates, where the input is set
    target_rows, target_labels, target_offset = [], [], []
    for e, z in zip(every, logits, strict=True):
        central = e.doc.central
        if central is None:
            continue
        probs = V._sigmoid(z.astype(np.float32))
        gold_target = {s: t for s, t, _ in e.doc.relations}
        pairs = [(i, j) for i in sorted(e.doc.opponent) if i != central and i in gold_target
                 for j in V.objection_candidates(e.features.n, i, central)]
        if not pairs:
            continue
        x = V.pair_features(e.features, probs, pairs, central, V.EXCHANGE_TARGET_NAMES)
        keep = np.abs(x).sum(axis=1) > 0
        target_rows.append(x[keep])
        target_labels.append(np.asarray([int(gold_target[i] == j) for i, j in pairs])[keep])
        target_offset.append(base.target.logits(V.pair_features(e.features, probs, pairs, central,
                                                                V.TARGET_NAMES))[:, 0][keep])
    target = _offset_fit(_stack(target_rows, len(V.EXCHANGE_TARGET_NAMES)),
                         np.concatenate([np.zeros(0), *target_labels]), np.concatenate([np.zeros(0), *target_offset]))
    if verbose:
        print("exchange inputs: opponent", dict(zip(V.EXCHANGE_NAMES, np.round(opponent, 2).tolist(), strict=True)),
              f"({sum(len(r) for r in rows)} units); reply",
              dict(zip(V.EXCHANGE_PAIR_NAMES, np.round(rebut, 2).tolist(), strict=True)),
              f"({sum(len(r) for r in pair_rows)} pairs); objection target", np.round(target, 2).tolist(),
              f"({sum(len(r) for r in target_rows)} pairs)")
    return {"opponent": opponent, "rebut": rebut, "target": target}


def train(corpus: Sequence[Path], out: Path, extra: Path | None = EXTRA, genre: Sequence[Path] = ()) -> None:
    started = time.perf_counter()
    docs = [doc for path in corpus for doc in read_aif(path)] + (read_aif(extra) if extra else [])
    # with CDCP's training comments at CDCP_WEIGHT (fit's default)
    voices = fit(docs, verbose=True, genre=[doc for path in genre for doc in read_aif(path)])
    arrays = V.to_arrays({"opponent": _parts(voices.opponent), "rebut": _parts(voices.rebut),
                          "relation": _parts(voices.relation), "target": _parts(voices.target)},
                         {"opponent": voices.opponent_threshold, "rebut": voices.rebut_threshold,
                          "relation": voices.relation_threshold},
                         {"opponent": voices.opponent_exchange, "rebut": voices.rebut_exchange,
                          "target": voices.target_exchange})
    np.savez_compressed(out, **arrays)  # type: ignore[arg-type]
    print(f"{len(docs)} documents -> {out} ({out.stat().st_size / 1e3:.1f} kB) in "
          f"{time.perf_counter() - started:.1f}s")


def _parts(model: Linear) -> tuple[Array, Array, Array, Array]:
    return model.mean, model.std, model.weight, model.bias


# --- cross-validation ---------------------------------------------------------------------

def _predictor(voices: V.Voices | None, rules: bool,
               models: Models | None = None) -> Callable[[GoldDoc, list[tuple[int, int]] | None], Prediction]:
    def predict(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
        if spans is None:
            found = mine_text(doc.text, voices=voices, rules=rules, models=models)
            spans = [(u.start, u.end) for u in found.units]
            mined = found.mined
        else:
            mined = mine_spans(doc.text, spans, voices=voices, rules=rules, models=models)
        relations = [(i, p, r) for i, (p, r) in enumerate(zip(mined.parents, mined.relations, strict=True))
                     if p is not None and r is not None]
        return Prediction(spans, mined.kinds, relations, mined.central,
                          frozenset(i for i, k in enumerate(mined.kinds) if k == "counterargument"))
    return predict


def _recorded(predictions: dict[str, Prediction]) -> Callable[[GoldDoc, list[tuple[int, int]] | None], Prediction]:
    """A predictor replaying predictions made fold by fold (``score`` scores them all at once)."""
    def replay(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
        return predictions[doc.id]
    return replay


def rebuttal_counts(doc: GoldDoc, pred: Prediction) -> tuple[int, int, int]:
    """(right, predicted, gold) rebuttals: ATTACKS edges from an author's unit to an opponent unit;
    right when source and target match a gold rebuttal."""
    mapping = match_units(doc.text, doc.spans, pred.spans)
    gold = {(s, t) for s, t, r in doc.relations if r == "ATTACKS" and t in doc.opponent and s not in doc.opponent}
    predicted = {(s, t) for s, t, r in pred.relations if r == "ATTACKS" and t in pred.opponent
                 and s not in pred.opponent}
    mapped = {(mapping.get(s, -1), mapping.get(t, -1)) for s, t in predicted}
    return len(mapped & gold), len(predicted), len(gold)


def cross_validate(files: dict[str, Sequence[GoldDoc]], k: int, extra: Sequence[GoldDoc] = (),
                   cdcp: Path | None = None, settings: Sequence[str] = ("gold", "predicted"),
                   shipped: bool = False, objection_weights: Sequence[float] = (),
                   opponent_shifts: Sequence[float] = (), voices_only: Sequence[str] = (),
                   score_only: Sequence[str] = ()) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """{file (and "all"): {units setting: {predictor: scores}}}: every held-out fold predicted by models fit
    on the others (plus ``extra`` documents, never scored). Each file's documents are dealt into the
    ``k`` folds by their index, so every fold holds texts of every file. With ``cdcp`` (its training split)
    the role / central / link models (``train``, which also learn from the short texts) are refit per fold
    as well, so no model has seen the held-out texts; without it they are the committed ``weights.npz``.
    With ``shipped`` the committed ``voices.npz`` is scored too (it has seen every text it was trained on).
    Files named in ``voices_only`` are dealt into the folds too, but only the voices models learn from their other
    folds (not the role / central / link models); files in ``score_only`` are scored fold by fold and never learned
    from. "all" holds the other files alone."""
    from importers.mining import train as central_train

    fold_of = {doc.id: n % k for docs in files.values() for n, doc in enumerate(docs)}
    every = [doc for docs in files.values() for doc in docs]
    unscored = {doc.id for name in score_only for doc in files[name]}
    voices_docs = [doc for doc in every if doc.id not in unscored]
    base_docs = [doc for name, docs in files.items() if name not in voices_only and name not in score_only
                 for doc in docs]
    folds = [[d for d in every if fold_of[d.id] == fold] for fold in range(k)]
    genre_ids = {doc.id for name in voices_only for doc in files[name]}
    models = [fit([d for d in voices_docs if fold_of[d.id] != fold and d.id not in genre_ids] + list(extra),
                  genre=[d for d in voices_docs if fold_of[d.id] != fold and d.id in genre_ids])
              for fold in range(k)]
    committed = V.load() if shipped else None
    base: list[Models | None] = [None] * k
    if cdcp is not None:
        cdcp_examples = central_train.examples(read_cdcp(cdcp), False)
        for fold in range(k):
            kept = central_train.examples([d for d in base_docs if fold_of[d.id] != fold], True)
            base[fold] = central_train.as_models(*central_train.fit(kept + cdcp_examples))
    groups = {**files, "all": base_docs} if len(base_docs) < len(every) or len(files) > 1 else dict(files)
    results: dict[str, dict[str, dict[str, dict[str, Any]]]] = {name: {} for name in groups}
    for units in settings:
        blends = {f"objection weight {w:g}": w for w in objection_weights}
        shifts = {f"opponent threshold {d:+g}": d for d in opponent_shifts}
        for name in ("learned", *blends, *shifts, *(["shipped"] if shipped else []), "rules", "first (no opponent)",
                     "last"):
            predictions: dict[str, Prediction] = {}
            for fold in range(k):
                if name == "learned":
                    predictor = _predictor(models[fold], False, base[fold])
                elif name in blends:
                    predictor = _predictor(dataclasses.replace(models[fold], objection_weight=blends[name]), False,
                                           base[fold])
                elif name in shifts:  # the fold's chosen opponent threshold, moved
                    moved = models[fold].opponent_threshold + shifts[name]
                    predictor = _predictor(dataclasses.replace(models[fold], opponent_threshold=moved), False,
                                           base[fold])
                elif name == "shipped":
                    predictor = _predictor(committed, False, base[fold])
                elif name == "rules":
                    predictor = _predictor(None, True, base[fold])
                else:
                    predictor = last_baseline if name == "last" else first_baseline
                for doc in folds[fold]:
                    predictions[doc.id] = predictor(doc, list(doc.spans) if units == "gold" else None)
            for group, docs in groups.items():
                scores = score(docs, _recorded(predictions), units)
                right = predicted = gold = 0
                for doc in docs:
                    a, b, c = rebuttal_counts(doc, predictions[doc.id])
                    right, predicted, gold = right + a, predicted + b, gold + c
                p = right / predicted if predicted else 0.0
                r = right / gold if gold else 0.0
                scores["rebuttals"] = {"precision": round(p, 4), "recall": round(r, 4),
                                       "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
                results[group].setdefault(units, {})[name] = scores
    return results


_ROWS: list[tuple[str, Callable[[dict[str, Any]], object]]] = [
    ("opponent-unit F1", lambda s: (s["opponent_units"] or {}).get("f1", 0.0)),
    ("opponent-unit P / R", lambda s: "{:.2f} / {:.2f}".format(
        (s["opponent_units"] or {}).get("precision", 0.0), (s["opponent_units"] or {}).get("recall", 0.0))),
    ("ATTACKS F1", lambda s: (s["relations_per_type"]["ATTACKS"] or {}).get("f1", 0.0)),
    ("ATTACKS P / R", lambda s: "{:.2f} / {:.2f}".format(
        (s["relations_per_type"]["ATTACKS"] or {}).get("precision", 0.0),
        (s["relations_per_type"]["ATTACKS"] or {}).get("recall", 0.0))),
    ("rebuttal edge F1", lambda s: s["rebuttals"]["f1"]),
    ("labelled relation F1", lambda s: s["relations_labelled"]["f1"]),
    ("unlabelled relation F1", lambda s: s["relations_unlabelled"]["f1"]),
    ("central-claim accuracy", lambda s: s["central_claim_accuracy"]),
    ("unit segmentation F1", lambda s: s["segmentation"]["f1"]),
]


def markdown(results: dict[str, dict[str, dict[str, dict[str, Any]]]], k: int) -> str:
    lines = []
    for group, by_units in results.items():
        for units, by_name in by_units.items():
            documents = next(iter(by_name.values()))["documents"]
            lines += [f"{k}-fold document cross-validation: {group} ({documents} texts), {units} units", "",
                      *score_table(by_name, _ROWS), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m importers.mining.train_voices", description=__doc__)
    parser.add_argument("--corpus", type=Path, nargs="+", default=short_training_files(),
                        help="gold AIF files (default: every corpora/argmap-short/dev*.json)")
    parser.add_argument("--out", type=Path, default=V.VOICES)
    parser.add_argument("--extra", type=Path, default=EXTRA, help="more gold documents, always in training")
    parser.add_argument("--genre", type=Path, nargs="*", default=GENRE,
                        help="gold AIF files of other genres the exchange inputs' weights also learn from")
    parser.add_argument("--cv", type=int, default=0, help="K-fold document cross-validation only (no write)")
    parser.add_argument("--voices-corpus", type=Path, nargs="*", default=[],
                        help="with --cv: more gold AIF files in the folds that only the voices models learn from")
    parser.add_argument("--score-corpus", type=Path, nargs="*", default=[],
                        help="with --cv: gold AIF files scored fold by fold, never learned from")
    parser.add_argument("--units", choices=("gold", "predicted", "both"), default="both", help="with --cv")
    parser.add_argument("--check", action="store_true",
                        help="retrain into a temporary file and fail unless it equals --out byte for byte")
    parser.add_argument("--shipped", action="store_true", help="with --cv: score the committed voices.npz too")
    parser.add_argument("--cdcp", type=Path, default=ROOT / "corpora" / "cdcp" / "train",
                        help="with --cv: refit the role / central / link models per fold on this + the other folds")
    parser.add_argument("--committed-weights", action="store_true",
                        help="with --cv: keep the committed weights.npz (faster; it has seen every dev text)")
    parser.add_argument("--objection-weights", type=float, nargs="*", default=[],
                        help="with --cv: score these objection weights too (voices.OBJECTION_WEIGHT is shipped)")
    parser.add_argument("--opponent-shifts", type=float, nargs="*", default=[],
                        help="with --cv: score the opponent threshold moved by these amounts too (e.g. -0.1 -0.05)")
    args = parser.parse_args(argv)
    if any(path.name.startswith("test") for path in [*args.corpus, args.extra, *args.voices_corpus, *args.score_corpus,
                                                     *args.genre]):
        parser.error("test*.json are the held-out sets: never trained or tuned on")
    if args.cv:
        files: dict[str, Sequence[GoldDoc]] = {path.name: read_aif(path) for path in args.corpus}
        more = {f"{path.parent.name}/{path.name}": path for path in [*args.voices_corpus, *args.score_corpus]}
        for name, path in more.items():  # ids of their own: "dev#0" is in more than one corpus
            files[name] = [dataclasses.replace(doc, id=f"{path.parent.name}/{doc.id}") for doc in read_aif(path)]
        cdcp = None if args.committed_weights else args.cdcp
        settings = ("gold", "predicted") if args.units == "both" else (args.units,)
        print(markdown(cross_validate(files, args.cv, read_aif(args.extra), cdcp, settings, args.shipped,
                                      args.objection_weights, args.opponent_shifts,
                                      [f"{p.parent.name}/{p.name}" for p in args.voices_corpus],
                                      [f"{p.parent.name}/{p.name}" for p in args.score_corpus]),
                       args.cv))
    elif args.check:
        check_rebuild(args.out, lambda path: train(args.corpus, path, args.extra, args.genre))
    else:
        train(args.corpus, args.out, args.extra, args.genre)


if __name__ == "__main__":
    main()
