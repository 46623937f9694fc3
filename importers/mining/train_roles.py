"""``make train`` (roles part): rebuild ``importers/mining/roles.npz``, the statement-role model of
``roles``, from the project's gold short texts (``corpora.short_training_files``: every
``corpora/argmap-short/dev*.json``, never a test file). Deterministic: fixed document folds, lbfgs.
Needs scikit-learn (the ``train`` extra); inference does not.

    python -m importers.mining.train_roles [--out importers/mining/roles.npz] [--check]
    python -m importers.mining.train_roles --cv 5 [--by-area]   # cross-validation only, no write
    python -m importers.mining.train_roles --score FILE  # the committed models on a gold file not trained on

The model's inputs are what it will see at inference: CDCP type probabilities of the shipped type
model (learned from CDCP alone, so it has not seen the short texts) and the voices models'
decisions, which for every training text come from voices models that did not see it (5-fold,
out-of-fold), with the gold central claim. Regularisation and class weighting are chosen by the
out-of-fold macro-F1 of those rows (inner document folds).

``--cv`` scores, on held-out documents, the roles of the whole pipeline: every model that learns
from short texts (voices, role, and unless ``--committed-weights`` the central-claim and link
models of ``train``) is refit on the other folds; next to it, in the same run and on the same
units, the older fixed mapping of CDCP types (with the same fold models) and the majority kind.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from importers.mining import features as F
from importers.mining import mine_spans, mine_text
from importers.mining import roles as R
from importers.mining import train_voices as TV
from importers.mining.corpora import (
    CDCP_TO_KIND,
    GoldDoc,
    read_aif,
    read_cdcp,
    read_short_texts,
    short_text_areas,
    short_training_files,
)
from importers.mining.evaluate import Prediction, match_units, score, score_table
from importers.mining.model import WEIGHTS, Array, Linear, Models
from importers.mining.model import load as load_models
from importers.mining.pipeline import learned_voices
from importers.mining.rebuild import check_rebuild
from importers.mining.voices import Voices

ROOT = Path(__file__).resolve().parents[2]
CDCP = ROOT / "corpora" / "cdcp" / "train"
FOLDS = 5
C_GRID = (0.03, 0.1, 0.3, 1.0)
# class weighting: every kind the same total weight. Unweighted fits were a choice as well until the quote kind
# (15 of the 3,521 training units) joined: balanced was chosen in every fold and for the shipped model before, and
# unweighted, where a near tie picks it, never names a quote (docs/mining-quality.md, "Quotes")
BALANCED = (True,)
# a CDCP unit counts as much as a short text's unit, and so does a short text's central claim. CDCP's
# policy units teach what a recommendation looks like, which dev.json shows almost only in its central
# claims. Measured by the cross-validation in the docs/mining-quality.md: with dev.json alone a CDCP weight of 0.1 lost
# 0.010 kind macro-F1 on CDCP's folds against the older mapping and 0.3 gained 0.008; with dev2 and dev3
# as well, every weight stays below the mapping there (0.3: -0.022, 1.0: -0.017, 3.0: -0.011 but 0.011
# less on the short texts' folds).
CDCP_WEIGHT = 1.0
CENTRAL_WEIGHT = 1.0
Part = tuple[Array, Array, Array, Array]


def _type_inputs(doc: F.DocFeatures) -> Array:
    return np.hstack([doc.embeddings, doc.unit]).astype(np.float32)


def _rows(features: F.DocFeatures, type_model: Linear, voices: Voices, central: int | None) -> Array:
    """The role inputs of one gold document as inference builds them, with the gold central claim."""
    probs, opponent, _, replies = learned_voices(features, voices, lambda eligible: central)
    return R.role_features(features, type_model.softmax(_type_inputs(features)), probs, opponent, replies)


@dataclass(frozen=True)
class Rows:
    """Role inputs and gold kinds of some documents, one array per document."""

    x: list[Array]
    kinds: list[list[str]]
    weight: list[np.ndarray]  # per unit: how much it counts in training (0: not trained on)
    scored: list[np.ndarray]  # per unit: whether inner cross-validation scores it (a decision the model makes)

    def stack(self, docs: Sequence[int]) -> tuple[Array, np.ndarray, Array]:
        keep = [self.weight[k] > 0 for k in docs]
        empty = np.zeros((0, len(R.ROLE_NAMES)), np.float32)
        x = np.vstack([self.x[k][m] for k, m in zip(docs, keep, strict=True)] or [empty])
        y = np.asarray([R.ROLE_KINDS.index(self.kinds[k][i]) for k, m in zip(docs, keep, strict=True)
                        for i in np.flatnonzero(m)], dtype=np.int64)
        w = np.concatenate([self.weight[k][m] for k, m in zip(docs, keep, strict=True)] or [np.zeros(0)])
        return x.astype(np.float32), y, w.astype(np.float32)


def short_rows(docs: Sequence[GoldDoc], type_model: Linear, extra: Sequence[GoldDoc] = (),
               central_weight: float = CENTRAL_WEIGHT, folds: int = FOLDS) -> Rows:
    """Role inputs of gold short texts, the voices models fit on the other folds plus ``extra``. Trained on:
    the author's units of a kind the model decides (claim, evidence, recommendation, quote: not the opposing
    voices, rebuttals, questions), the central claim with ``central_weight`` (it shows what a
    claim or a recommendation looks like, although inference names it the thesis); scored (inner
    cross-validation): the same units but the central claim."""
    data = TV.examples(docs)
    rows: list[Array] = [np.zeros((0, len(R.ROLE_NAMES)), np.float32)] * len(docs)
    for fold in range(folds):
        voices = TV.fit([d for k, d in enumerate(docs) if k % folds != fold] + list(extra))
        for k in range(fold, len(docs), folds):
            rows[k] = _rows(data[k].features, type_model, voices, docs[k].central)
    kinds = [list(d.types) for d in docs]
    scored = [np.asarray([i != e.doc.central and i not in e.doc.opponent and not e.features.marker(i, "question")
                          and e.doc.types[i] in R.ROLE_KINDS for i in range(e.features.n)], bool) for e in data]
    weight = [np.where(s, 1.0, 0.0) for s in scored]
    for e, w in zip(data, weight, strict=True):
        c = e.doc.central
        if c is not None and e.doc.types[c] in R.ROLE_KINDS:
            w[c] = central_weight
    return Rows(rows, kinds, weight, scored)


def cdcp_rows(examples: Sequence[Any], type_probs: Sequence[Array], voices: Voices, weight: float) -> Rows:
    """Role inputs of CDCP comments (type probabilities out of fold), their gold types as kinds. A unit
    the voices models take for an opposing voice or a reply is left out: CDCP does not annotate those."""
    rows: list[Array] = []
    kinds: list[list[str]] = []
    weights: list[np.ndarray] = []
    for e, probs in zip(examples, type_probs, strict=True):
        gold_central: int | None = e.doc.central
        opp, opponent, central, replies = learned_voices(e.feats, voices, lambda eligible: gold_central)  # noqa: B023
        rows.append(R.role_features(e.feats, probs, opp, opponent, replies))
        kinds.append([CDCP_TO_KIND[t] for t in e.doc.types])
        weights.append(np.asarray([weight * (i != central and not opponent[i] and i not in replies
                                             and not e.feats.marker(i, "question")) for i in range(e.feats.n)]))
    return Rows(rows, kinds, weights, [w > 0 for w in weights])


def _fit(x: Array, y: np.ndarray, w: Array, c: float, balanced: bool) -> Part:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0).astype(np.float32)
    std = x.std(axis=0).astype(np.float32)
    std = np.where(std < 1e-6, 1.0, std).astype(np.float32)
    if balanced:  # every kind the same total weight
        totals = {int(k): float(w[y == k].sum()) for k in np.unique(y)}
        w = w * np.asarray([sum(totals.values()) / (len(totals) * totals[int(k)]) for k in y], np.float32)
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit((x - mean) / std, y, sample_weight=w)
    weight = np.zeros((len(R.ROLE_KINDS), x.shape[1]), np.float32)
    bias = np.full(len(R.ROLE_KINDS), -30.0, np.float32)  # a kind absent from the training rows is never chosen
    if len(clf.classes_) == 2:  # one logit for the second class against the first
        first, second = (int(label) for label in clf.classes_)
        weight[second], bias[second], bias[first] = clf.coef_[0], clf.intercept_[0], 0.0
    else:
        for k, label in enumerate(clf.classes_):
            weight[int(label)], bias[int(label)] = clf.coef_[k], clf.intercept_[k]
    return mean, std, weight, bias


def _macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def _combined(parts: Sequence[tuple[Rows, Sequence[int]]]) -> tuple[Array, np.ndarray, Array]:
    stacks = [rows.stack(docs) for rows, docs in parts]
    return (np.vstack([s[0] for s in stacks]), np.concatenate([s[1] for s in stacks]),
            np.concatenate([s[2] for s in stacks]))


def fit_rows(short: Rows, other: Rows | None = None, verbose: bool = False) -> R.Roles:
    """C and class weighting by the out-of-fold macro-F1 of the decisions on the short texts (inner
    document folds; ``other`` rows, CDCP's, always train), ties to the smaller C; then one fit on every row."""
    every = list(range(len(short.x)))
    always = [(other, list(range(len(other.x))))] if other is not None else []
    best: tuple[float, float, bool] | None = None
    for balanced in BALANCED:
        for c in C_GRID:
            gold: list[str] = []
            predicted: list[str] = []
            for fold in range(FOLDS):
                inside = [k for k in every if k % FOLDS != fold]
                held = [k for k in every if k % FOLDS == fold]
                model = R.Roles(Linear(*_fit(*_combined([(short, inside), *always]), c, balanced)), R.ROLE_KINDS)
                for k in held:
                    mask = short.scored[k]
                    if mask.any():
                        gold += [short.kinds[k][i] for i in np.flatnonzero(mask)]
                        predicted += model.decide(short.x[k][mask])
            f1 = _macro_f1(gold, predicted)
            if verbose:
                print(f"roles: C={c} balanced={balanced}: inner out-of-fold macro-F1 {f1:.3f}")
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, c, balanced)
    assert best is not None
    x, y, w = _combined([(short, every), *always])
    if verbose:
        print(f"roles: chosen C={best[1]} balanced={best[2]} ({len(y)} units, weight {w.sum():.0f})")
    return R.Roles(Linear(*_fit(x, y, w, best[1], best[2])), R.ROLE_KINDS)


def cdcp_inputs(cdcp: Path) -> tuple[list[Any], list[Array]]:
    """CDCP's training comments (``train.Example``) and their out-of-fold type probabilities."""
    from importers.mining import train as central_train

    examples = central_train.examples(read_cdcp(cdcp), False)
    _, oof, _ = central_train._role_model(examples)
    offsets = np.cumsum([0] + [e.feats.n for e in examples])
    return examples, [oof[offsets[k]:offsets[k + 1]] for k in range(len(examples))]


def fit(docs: Sequence[GoldDoc], type_model: Linear, extra: Sequence[GoldDoc] = (),
        cdcp: tuple[Sequence[Any], Sequence[Array]] | None = None, voices: Voices | None = None,
        cdcp_weight: float = CDCP_WEIGHT, central_weight: float = CENTRAL_WEIGHT, verbose: bool = False) -> R.Roles:
    """The role model from gold short texts and, when given, CDCP comments (``cdcp_inputs``; their voices
    inputs from ``voices``, default the models fit on all of ``docs``)."""
    short = short_rows(docs, type_model, extra, central_weight)
    other = None
    if cdcp is not None and cdcp_weight > 0:
        other = cdcp_rows(cdcp[0], cdcp[1], voices or TV.fit(list(docs) + list(extra)), cdcp_weight)
    return fit_rows(short, other, verbose)


def _parts(roles: R.Roles) -> Part:
    m = roles.model
    return m.mean, m.std, m.weight, m.bias


def train(files: Sequence[Path], out: Path, extra: Path | None = TV.EXTRA, weights: Path = WEIGHTS,
          cdcp: Path | None = CDCP) -> None:
    started = time.perf_counter()
    docs = read_short_texts(files)
    roles = fit(docs, load_models(weights).role, read_aif(extra) if extra else [],
                cdcp_inputs(cdcp) if cdcp is not None else None, verbose=True)
    np.savez_compressed(out, **R.to_arrays(_parts(roles), roles.kinds))  # type: ignore[arg-type]
    print(f"{len(docs)} short texts -> {out} ({out.stat().st_size / 1e3:.1f} kB) in "
          f"{time.perf_counter() - started:.1f}s")


# --- cross-validation ---------------------------------------------------------------------

def _prediction(mined_spans: list[tuple[int, int]], kinds: list[str], mined: Any) -> Prediction:
    relations = [(i, p, r) for i, (p, r) in enumerate(zip(mined.parents, mined.relations, strict=True))
                 if p is not None and r is not None]
    return Prediction(mined_spans, kinds, relations, mined.central,
                      frozenset(i for i, k in enumerate(kinds) if k == "counterargument"))


def _predict(doc: GoldDoc, units: str, models: Models | None, voices: Voices, roles: R.Roles | None,
             mapped: bool) -> Prediction:
    if units == "gold":
        spans = list(doc.spans)
        mined = mine_spans(doc.text, spans, voices=voices, models=models, roles=roles, mapped_roles=mapped)
    else:
        found = mine_text(doc.text, voices=voices, models=models, roles=roles, mapped_roles=mapped)
        spans = [(u.start, u.end) for u in found.units]
        mined = found.mined
    return _prediction(spans, list(mined.kinds), mined)


def _replies_rebut(pred: Prediction) -> Prediction:
    """The mapping's kinds with every author's unit attacking an opponent unit a rebuttal (as the learned
    decision does): what the role model adds beyond that rule."""
    labels = list(pred.labels)
    for s, t, r in pred.relations:
        if r == "ATTACKS" and t in pred.opponent and labels[s] in R.ROLE_KINDS:
            labels[s] = "rebuttal"
    return Prediction(pred.spans, labels, pred.relations, pred.central, pred.opponent)


def non_central_macro_f1(docs: Sequence[GoldDoc], predictions: dict[str, Prediction]) -> tuple[float, dict[str, float]]:
    """Role macro-F1 over the gold units that are not the central claim (the units the role model
    decides; a unit predicted as the thesis counts as a wrong kind), with the F1 of each kind."""
    gold: list[str] = []
    predicted: list[str] = []
    for doc in docs:
        pred = predictions[doc.id]
        mapping = {g: p for p, g in match_units(doc.text, doc.spans, pred.spans).items()}
        for j, kind in enumerate(doc.types):
            if j != doc.central:
                gold.append(kind)
                predicted.append(pred.labels[mapping[j]] if j in mapping else "(unmatched)")
    per_kind = {}
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        per_kind[label] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    return round(_macro_f1(gold, predicted), 4), per_kind


def cross_validate(docs: Sequence[GoldDoc], groups: Sequence[str], sources: Sequence[str],
                   extra: Sequence[GoldDoc] = (), cdcp: Path | None = CDCP, refit_central: bool = True,
                   cdcp_weight: float = CDCP_WEIGHT, central_weight: float = CENTRAL_WEIGHT
                   ) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """{part of the corpus: {units: {predictor: scores}}}: every group held out once, predicted by
    models fit on the other groups. Parts: "all" and, with several files, each file (``sources``)."""
    from importers.mining import train as central_train

    names = sorted(set(groups))
    cdcp_in = cdcp_inputs(cdcp) if cdcp is not None else None
    # the genre texts the shipped central-claim model of long texts learns from (never held out here: no short text)
    genre = central_train.examples(central_train.read_genre(central_train.GENRE_FILES), False)
    shipped = load_models()
    predictions: dict[str, dict[str, dict[str, Prediction]]] = {
        units: {"learned": {}, "mapping": {}, "mapping, every reply a rebuttal": {}, "majority": {}}
        for units in ("gold", "predicted")}
    for name in names:
        kept = [d for d, g in zip(docs, groups, strict=True) if g != name]
        held = [d for d, g in zip(docs, groups, strict=True) if g == name]
        voices = TV.fit(kept + list(extra))
        models = (central_train.as_models(*central_train.fit(central_train.examples(kept, True) + list(cdcp_in[0]),
                                                             genre=genre))
                  if cdcp_in is not None and refit_central else None)
        roles = fit(kept, (models or shipped).role, extra, cdcp_in, voices, cdcp_weight, central_weight)
        majority = max(R.ROLE_KINDS, key=lambda kind: (sum(t == kind for d in kept for t in d.types), kind))
        for doc in held:
            for units in ("gold", "predicted"):
                learned = _predict(doc, units, models, voices, roles, False)
                predictions[units]["learned"][doc.id] = learned
                mapped = _predict(doc, units, models, voices, None, True)
                predictions[units]["mapping"][doc.id] = mapped
                predictions[units]["mapping, every reply a rebuttal"][doc.id] = _replies_rebut(mapped)
                predictions[units]["majority"][doc.id] = Prediction(
                    learned.spans, [majority] * len(learned.spans), [], None, frozenset())
        print(f"  fold {name}: {len(held)} held out", flush=True)
    parts = {"all": list(docs)}
    files = sorted(set(sources))
    if len(files) > 1:
        for file in files:
            parts[file] = [d for d, source in zip(docs, sources, strict=True) if source == file]
    results: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for part, part_docs in parts.items():
        results[part] = {}
        for units, by_name in predictions.items():
            results[part][units] = {}
            for predictor, cached in by_name.items():
                scores = score(part_docs, _replay(cached), units)
                f1, per_kind = non_central_macro_f1(part_docs, cached)
                scores["role_macro_f1_non_central"] = f1
                scores["role_f1_non_central"] = per_kind
                results[part][units][predictor] = scores
    return results


def _replay(cached: dict[str, Prediction]) -> Callable[[GoldDoc, list[tuple[int, int]] | None], Prediction]:
    def replay(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
        return cached[doc.id]
    return replay


def _subset(rows: Rows, docs: Sequence[int]) -> Rows:
    return Rows([rows.x[k] for k in docs], [rows.kinds[k] for k in docs], [rows.weight[k] for k in docs],
                [rows.scored[k] for k in docs])


def cdcp_check(files: Sequence[Path], extra: Sequence[GoldDoc] = (), cdcp: Path = CDCP,
               cdcp_weight: float = CDCP_WEIGHT, central_weight: float = CENTRAL_WEIGHT) -> dict[str, dict[str, Any]]:
    """Kinds on CDCP's training split (gold types mapped to kinds), 5-fold: for each fold, a role model
    trained on all the short texts and the other CDCP folds, against the fixed mapping; type
    probabilities out of fold (each comment's type model did not see it); central, link and voices
    models as shipped (trained on CDCP train and the short texts, no CDCP fold held out)."""
    from importers.mining import train as central_train

    docs = read_short_texts(files)
    shipped = load_models()
    examples, probs = cdcp_inputs(cdcp)
    _, _, parts = central_train._role_model(examples)
    short = short_rows(docs, shipped.role, extra, central_weight)
    voices = TV.fit(list(docs) + list(extra))
    other = cdcp_rows(examples, probs, voices, cdcp_weight) if cdcp_weight > 0 else None
    fold_of = [k % central_train.FOLDS for k in range(len(examples))]
    results: dict[str, dict[str, Any]] = {}
    for name, mapped in (("learned", False), ("mapping", True)):
        cached: dict[str, Prediction] = {}
        for fold in range(central_train.FOLDS):
            roles = None
            if not mapped:
                kept = [k for k in range(len(examples)) if fold_of[k] != fold]
                roles = fit_rows(short, _subset(other, kept) if other is not None else None)
            models = Models(Linear(*parts[fold]), shipped.central, shipped.link, shipped.role_labels,
                            shipped.link_threshold, shipped.sparse_link)
            for k in range(fold, len(examples), central_train.FOLDS):
                e = examples[k]
                mined = mine_spans(e.doc.text, list(e.doc.spans), models=models, voices=voices, roles=roles,
                                   mapped_roles=mapped)
                cached[e.doc.id] = _prediction(list(e.doc.spans), list(mined.kinds), mined)
        kind_docs = [GoldDoc(e.doc.id, e.doc.text, e.doc.spans, [CDCP_TO_KIND[t] for t in e.doc.types],
                             e.doc.relations, e.doc.central) for e in examples]
        scores = score(kind_docs, _replay(cached), "gold")
        f1, per_kind = non_central_macro_f1(kind_docs, cached)
        results[name] = {"role_macro_f1": scores["role_macro_f1"], "role_f1": scores["role_f1"],
                         "role_macro_f1_non_central": f1, "role_f1_non_central": per_kind}
    return results


_ROWS: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
    ("role macro-F1 (as argmap eval: matched units, the central claim left out)", lambda s: s["role_macro_f1"]),
    ("role macro-F1, all but the central claim, unmatched wrong", lambda s: s["role_macro_f1_non_central"]),
    *[(f"F1 {kind} (not central)", lambda s, kind=kind: s["role_f1_non_central"].get(kind))
      for kind in ("claim", "evidence", "recommendation", "rebuttal", "counterargument", "question", "quote")],
    ("central-claim accuracy", lambda s: s["central_claim_accuracy"]),
    ("labelled relation F1", lambda s: s["relations_labelled"]["f1"]),
    ("ATTACKS F1", lambda s: (s["relations_per_type"]["ATTACKS"] or {}).get("f1")),
    ("opponent-unit F1", lambda s: (s["opponent_units"] or {}).get("f1")),
    ("unit segmentation F1", lambda s: s["segmentation"]["f1"]),
]


def markdown(results: dict[str, dict[str, dict[str, dict[str, Any]]]], title: str) -> str:
    lines = [f"### {title}", ""]
    for part, by_units in results.items():
        for units, by_name in by_units.items():
            docs = next(iter(by_name.values()))["documents"]
            lines += [f"{part}, {units} units ({docs} texts)", "", *score_table(by_name, _ROWS), ""]
    return "\n".join(lines)


def score_file(path: Path, trained_on: Sequence[Path]) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """The committed models (weights.npz, voices.npz, roles.npz) on one gold file none of them learned
    from, next to the older mapping and the majority kind (the kind most frequent in the training files)."""
    from importers.mining.voices import load as load_voices

    docs = read_short_texts([path])
    voices = load_voices()
    trained = [t for d in read_short_texts(trained_on) for t in d.types]
    majority = max(R.ROLE_KINDS, key=lambda kind: (trained.count(kind), kind))
    results: dict[str, dict[str, dict[str, Any]]] = {}
    for units in ("gold", "predicted"):
        cached: dict[str, dict[str, Prediction]] = {
            "learned": {}, "mapping": {}, "mapping, every reply a rebuttal": {}, "majority": {}}
        for doc in docs:
            learned = _predict(doc, units, None, voices, None, False)
            mapped = _predict(doc, units, None, voices, None, True)
            cached["learned"][doc.id] = learned
            cached["mapping"][doc.id] = mapped
            cached["mapping, every reply a rebuttal"][doc.id] = _replies_rebut(mapped)
            cached["majority"][doc.id] = Prediction(learned.spans, [majority] * len(learned.spans), [], None,
                                                    frozenset())
        results[units] = {}
        for name, by_doc in cached.items():
            scores = score(docs, _replay(by_doc), units)
            scores["role_macro_f1_non_central"], scores["role_f1_non_central"] = non_central_macro_f1(docs, by_doc)
            results[units][name] = scores
    return {path.name: results}


def main(argv: list[str] | None = None) -> None:
    from threadpoolctl import threadpool_limits

    # one BLAS thread: the fitted floats, and so roles.npz byte for byte, do not depend on the machine's cores
    with threadpool_limits(limits=1):
        _main(argv)


def _main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m importers.mining.train_roles", description=__doc__)
    parser.add_argument("--short", type=Path, nargs="*", default=None,
                        help="gold short-text files (default: every corpora/argmap-short/dev*.json)")
    parser.add_argument("--out", type=Path, default=R.ROLES)
    parser.add_argument("--extra", type=Path, default=TV.EXTRA, help="more gold documents, always in training")
    parser.add_argument("--cv", type=int, default=0, help="K-fold document cross-validation only (no write)")
    parser.add_argument("--by-area", action="store_true",
                        help="--cv folds of whole subject areas (each file's areas, sorted, dealt to the K folds)")
    parser.add_argument("--cdcp", type=Path, default=CDCP, help="CDCP's training split (its comments train too)")
    parser.add_argument("--committed-weights", action="store_true",
                        help="--cv keeps the committed central / link models (faster; they have seen every text)")
    parser.add_argument("--cdcp-weight", type=float, default=CDCP_WEIGHT, help="--cv experiments")
    parser.add_argument("--central-weight", type=float, default=CENTRAL_WEIGHT, help="--cv experiments")
    parser.add_argument("--check", action="store_true", help="fail unless retraining reproduces --out byte for byte")
    parser.add_argument("--json", type=Path, help="--cv / --score: also write the scores as JSON")
    parser.add_argument("--score", type=Path,
                        help="score the committed models (trained on --short) on this gold file (no training)")
    args = parser.parse_args(argv)
    files = args.short if args.short else short_training_files()
    if args.score:
        if args.score.resolve() in [path.resolve() for path in files]:
            parser.error(f"{args.score} is one of the training files: use --cv")
        scored = score_file(args.score, files)
        print(markdown(scored, f"committed models on {args.score.name} (not trained on)"))
        if args.json:
            args.json.write_text(json.dumps(scored, indent=2, sort_keys=True))
    elif args.cv:
        docs = read_short_texts(files)
        sources = [path.name for path in files for _ in read_aif(path)]
        # k-fold: every k-th text across the files, so each fold holds texts of every file
        if args.by_area:  # K folds of whole subject areas: area j (of every file, sorted) in fold j % K
            areas = short_text_areas(files)
            names = sorted(set(areas))
            groups = [f"areas {names.index(a) % args.cv}" for a in areas]
        else:
            groups = [str(k % args.cv) for k in range(len(docs))]
        extra = read_aif(args.extra) if args.extra else []
        weights = {"cdcp_weight": args.cdcp_weight, "central_weight": args.central_weight}
        results = cross_validate(docs, groups, sources, extra, args.cdcp, not args.committed_weights, **weights)
        kind = f"{args.cv}-fold by subject area" if args.by_area else f"{args.cv}-fold"
        print(markdown(results, f"roles, {kind} document cross-validation ({', '.join(p.name for p in files)})"))
        check = cdcp_check(files, extra, args.cdcp, **weights)
        print("CDCP train, 5-fold (581 comments, gold types as kinds):")
        for name, scores in check.items():
            print(f"  {name}: role macro-F1 {scores['role_macro_f1']:.3f}, units other than the central claim "
                  f"{scores['role_macro_f1_non_central']:.3f} {scores['role_f1_non_central']}")
        if args.json:
            args.json.write_text(json.dumps({"cv": results, "cdcp": check}, indent=2, sort_keys=True))
    elif args.check:
        check_rebuild(args.out, lambda path: train(files, path, args.extra, cdcp=args.cdcp))
    else:
        train(files, args.out, args.extra, cdcp=args.cdcp)


if __name__ == "__main__":
    main()
