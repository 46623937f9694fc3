"""``make train``: rebuild ``importers/mining/weights.npz`` from the CDCP training split copied into
``corpora/cdcp/train`` (never from the test split) and the project's own gold short texts
(``corpora.short_training_files``: every ``corpora/argmap-short/dev*.json``, never a test file).
Deterministic: fixed folds, lbfgs, no random sampling. Needs scikit-learn (the ``train`` extra); inference does not.

    python -m importers.mining.train [--corpus corpora/cdcp/train] [--short corpora/argmap-short/dev*.json]
                                     [--out importers/mining/weights.npz] [--cv] [--check]

What learns from what: the proposition types only from CDCP (the short texts are annotated with
argmap's kinds, not CDCP's types); the central claim and the link (target) scorer from both, the
short texts weighted up because they are the genre argmap imports (one paragraph or a few, a full
tree) while CDCP's "central claim" is only its most-supported unit. ``--cv`` prints document-level
cross-validation (short texts: K folds, the other folds plus all of CDCP trained on; CDCP: K folds)
next to the first / last baselines of the same run, without writing weights.

The central claim of a long text (op-eds, briefs: ``pipeline.LONG_PARAGRAPHS`` paragraphs or more) has its own model,
``central_long``, which learns from the genre dev texts too (``GENRE_FILES``: ``corpora/argmap-opeds/dev.json`` and
``corpora/argmap-briefs/dev.json``, never their validation files); ``--cv`` scores those leave-one-text-out.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from importers.mining import features as F
from importers.mining.central import (
    OPPONENT_PAIR_NAMES,
    SEQUENCE_PAIR_NAMES,
    TARGET_PAIR_NAMES,
    central_inputs,
    link_inputs,
)
from importers.mining.corpora import (
    CDCP_TYPES,
    GoldDoc,
    read_aif,
    read_cdcp,
    read_short_texts,
    short_text_areas,
    short_training_files,
)
from importers.mining.evaluate import Prediction, Predictor
from importers.mining.model import WEIGHTS, Array, Linear, Models, save
from importers.mining.pipeline import GLOBAL_LIMIT, WINDOW, opponent_units
from importers.mining.rebuild import check_rebuild

ROOT = Path(__file__).resolve().parents[2]
FOLDS = 5
ROLE_C, ROLE_SHRINK = 0.2, (256, 0.1)  # chosen by 5-fold macro-F1 on the CDCP training split
CENTRAL_C = 1.0
LINK_C = 0.5
# a short text counts this many times a CDCP comment in the central-claim model, and a short text's unit
# this many times a CDCP unit in the link model's choice of target (chosen by the cross-validation below,
# see docs/mining-quality.md: more weight on short texts helps their links and costs CDCP's, and their
# central claims pull against CDCP's most-supported unit beyond ~3)
CENTRAL_SHORT_WEIGHT = 3.0
LINK_SHORT_WEIGHT = 3.0
# The central claim of a long text (``pipeline.LONG_PARAGRAPHS`` paragraphs or more: op-eds, briefs) is scored by a
# second central-claim model, ``central_long``: the same inputs, learned from the same documents plus the genre
# dev texts (``GENRE_FILES``), each of their units weighing GENRE_WEIGHT. Learned into the one model every text used,
# the genre texts cost the short texts (5-fold CV, short texts' central claim 0.880 -> 0.873 at 10, 0.827 at 20);
# kept to long texts, no short text of under 4 paragraphs moves. Chosen by leave-one-text-out cross-validation over
# the 18 genre texts (op-eds' central claim 6 -> 7 of 10 from 15 up, their labelled relation F1 flat from 20 to 50;
# docs/mining-quality.md, "Long documents: the central claim learned from genre texts").
GENRE_WEIGHT = 20.0
GENRE_FILES = [ROOT / "corpora" / "argmap-opeds" / "dev.json", ROOT / "corpora" / "argmap-briefs" / "dev.json"]

Parts = dict[str, tuple[Array, Array, Array, Array]]
LINK_NAMES = [*F.PAIR_NAMES, *OPPONENT_PAIR_NAMES, *TARGET_PAIR_NAMES, *SEQUENCE_PAIR_NAMES]
# columns of ``central.link_inputs`` the sparse decoder's CDCP-only model leaves out (their weight is stored as
# 0): each end's type by direction, which helps the tree's choice of target but not the per-unit decision
# whether to link (CDCP 5-fold CV, sparse link F1 0.367 with them, 0.371 without; docs/mining-quality.md)
SPARSE_DROP: tuple[str, ...] = tuple(name for name in TARGET_PAIR_NAMES if name.endswith(("_before", "_after")))


@dataclass(frozen=True)
class Example:
    doc: GoldDoc
    feats: F.DocFeatures
    short: bool  # one of the project's short texts (else a CDCP comment)


def unit_texts(doc: GoldDoc) -> tuple[list[str], list[int]]:
    texts = [doc.text[s:e].strip() or doc.text[s:e] for s, e in doc.spans]
    blocks = [doc.text.count("\n\n", 0, s) for s, _ in doc.spans]
    return texts, blocks


def examples(docs: Sequence[GoldDoc], short: bool) -> list[Example]:
    out = []
    for doc in docs:
        texts, blocks = unit_texts(doc)
        out.append(Example(doc, F.doc_features(texts, blocks), short))
    return out


def candidate_pairs(n: int) -> list[tuple[int, int]]:
    limit = n if n <= GLOBAL_LIMIT else WINDOW
    return [(i, j) for i in range(n) for j in range(n) if i != j and abs(i - j) <= limit]


def _standardise(x: Array) -> tuple[Array, Array]:
    mean = x.mean(axis=0).astype(np.float32)
    std = x.std(axis=0).astype(np.float32)
    return mean, np.where(std < 1e-6, 1.0, std).astype(np.float32)


def _fit(x: Array, y: np.ndarray, c: float, balanced: bool, shrink: tuple[int, float] | None = None,
         weight: np.ndarray | None = None) -> tuple[Array, Array, Array, Array]:
    """Standardised logistic regression. ``shrink=(k, a)`` scales the first k standardised columns by a
    (a stronger L2 penalty on them: here the embedding, so the model leans on markers more than on
    CDCP's vocabulary); folded into the stored std, so inference is unchanged."""
    from sklearn.linear_model import LogisticRegression

    mean, std = _standardise(x)
    if shrink is not None:
        std[:shrink[0]] /= shrink[1]
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    clf.fit((x - mean) / std, y, sample_weight=weight)
    return mean, std, clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32)


def _fit_choice(x: Array, group: np.ndarray, y: np.ndarray, c: float,
                weight: np.ndarray) -> tuple[Array, Array, Array, Array]:
    """Conditional logit (a softmax over each group's rows: here one source unit's candidate targets),
    minimising minus the log probability of each group's gold rows (weighted per group) plus the L2
    penalty ||w||^2 / (2c) on the standardised weights; groups without a gold row are left out. It
    learns only which target a unit links to, which is all the tree decoder asks (every unit gets one
    parent; a per-source constant never changes the maximum spanning arborescence), where a binary
    model also spends its weights on whether a unit links at all. Deterministic (L-BFGS from zeros);
    the bias is 0 (it cancels in the softmax)."""
    from scipy.optimize import minimize

    mean, std = _standardise(x)
    z = ((x - mean) / std).astype(np.float64)
    order = np.argsort(group, kind="stable")
    z, group, y, weight = z[order], group[order], y[order].astype(np.float64), weight[order].astype(np.float64)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    gold_per_group = np.add.reduceat(y, starts)
    keep_group = gold_per_group > 0
    keep_rows = np.repeat(keep_group, np.diff(np.r_[starts, len(group)]))
    z, group, y, weight = z[keep_rows], group[keep_rows], y[keep_rows], weight[keep_rows]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    sizes = np.diff(np.r_[starts, len(group)])
    index = np.repeat(np.arange(len(starts)), sizes)
    group_weight = weight[starts]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[index])
        total = np.add.reduceat(e, starts)
        gold = np.add.reduceat(e * y, starts)
        value = float(np.sum(group_weight * (np.log(total) - np.log(gold)))) + float(w @ w) / (2 * c)
        p = e / total[index]
        q = e * y / gold[index]
        grad = z.T @ ((p - q) * group_weight[index]) + w / c
        return value, grad

    result = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 3000})
    weight_row = result.x.astype(np.float32)[None, :]
    return mean, std, weight_row, np.zeros(1, np.float32)


RoleFit = tuple[tuple[Array, Array, Array, Array], Array, list[tuple[Array, Array, Array, Array]]]
_ROLE_CACHE: dict[tuple[str, ...], RoleFit] = {}


def _role_model(cdcp: Sequence[Example]) -> RoleFit:
    """The type model from CDCP comments, their out-of-fold probabilities and the fold models (cached:
    cross-validation refits the other models on the same comments; CDCP fold k is every FOLDS-th
    comment from k, in the same order as the cross-validation's folds)."""
    key = tuple(e.doc.id for e in cdcp)
    if key not in _ROLE_CACHE:
        _ROLE_CACHE.clear()
        _ROLE_CACHE[key] = _fit_role(cdcp)
    return _ROLE_CACHE[key]


def _fit_role(cdcp: Sequence[Example]) -> RoleFit:
    x_role = np.vstack([np.hstack([e.feats.embeddings, e.feats.unit]) for e in cdcp]).astype(np.float32)
    y_role = np.asarray([CDCP_TYPES.index(t) for e in cdcp for t in e.doc.types])
    doc_of_unit = np.asarray([k for k, e in enumerate(cdcp) for _ in range(e.feats.n)])
    # out-of-fold probabilities feed the next models, as they will see predicted (not gold-fitted) types
    oof = np.zeros((len(y_role), len(CDCP_TYPES)), np.float32)
    parts = []
    for fold in range(FOLDS):
        test = doc_of_unit % FOLDS == fold
        parts.append(_fit(x_role[~test], y_role[~test], ROLE_C, True, ROLE_SHRINK))
        oof[test] = Linear(*parts[-1]).softmax(x_role[test])
    return _fit(x_role, y_role, ROLE_C, True, ROLE_SHRINK), oof, parts


def _role_probabilities(train: Sequence[Example], cdcp_fold: int | None = None
                        ) -> tuple[tuple[Array, Array, Array, Array], list[Array]]:
    """The type model (CDCP only) and each example's type probabilities: out-of-fold for CDCP comments
    (the next models must see predicted, not gold-fitted, types), the type model's for short texts.
    With ``cdcp_fold`` (cross-validation on CDCP) the type model is the one that did not see that fold."""
    cdcp = [e for e in train if not e.short]
    if cdcp_fold is not None:
        whole, oof, parts = _role_model(_ALL_CDCP)
        role = parts[cdcp_fold]
        row_of = {}
        start = 0
        for e in _ALL_CDCP:
            row_of[e.doc.id] = start
            start += e.feats.n
    else:
        role, oof, _ = _role_model(cdcp)
    model = Linear(*role)
    probs: list[Array] = []
    start = 0
    for e in train:
        if e.short:
            probs.append(model.softmax(np.hstack([e.feats.embeddings, e.feats.unit]).astype(np.float32)))
        elif cdcp_fold is not None:
            probs.append(oof[row_of[e.doc.id]:row_of[e.doc.id] + e.feats.n])
        else:
            probs.append(oof[start:start + e.feats.n])
            start += e.feats.n
    return role, probs


_ALL_CDCP: list[Example] = []


def _central(train: Sequence[Example], probs: Sequence[Array], short_weight: float,
             genre: Sequence[tuple[Example, Array]] = (),
             genre_weight: float = 0.0) -> tuple[Array, Array, Array, Array]:
    x: list[Array] = []
    y: list[int] = []
    w: list[float] = []
    for e, p, weight in [*((e, p, short_weight if e.short else 1.0) for e, p in zip(train, probs, strict=True)),
                         *((e, p, genre_weight) for e, p in genre)]:
        if e.doc.central is None or weight <= 0:
            continue
        x.append(central_inputs(e.feats, p))
        y.extend(1 if i == e.doc.central else 0 for i in range(e.feats.n))
        w.extend([weight] * e.feats.n)
    return _fit(np.vstack(x).astype(np.float32), np.asarray(y), CENTRAL_C, False, weight=np.asarray(w))


def fit(train: Sequence[Example], central_weight: float = CENTRAL_SHORT_WEIGHT,
        link_weight: float = LINK_SHORT_WEIGHT, log: bool = False, cdcp_fold: int | None = None,
        genre: Sequence[Example] = (), genre_weight: float | None = None) -> tuple[Parts, float]:
    """Every model's parts and the sparse-link threshold from ``train``; ``genre``: long documents the central-claim
    model alone learns from (weight ``genre_weight`` each unit)."""
    from sklearn.metrics import f1_score

    gw = GENRE_WEIGHT if genre_weight is None else genre_weight
    role, probs = _role_probabilities(train, cdcp_fold)
    role_model = Linear(*role)
    genre_rows = [(e, role_model.softmax(np.hstack([e.feats.embeddings, e.feats.unit]).astype(np.float32)))
                  for e in genre]
    central = _central(train, probs, central_weight)
    # the link model sees out-of-fold central-claim scores, as it will see predicted ones
    cc_scores: list[Array] = [np.zeros(0, np.float32)] * len(train)
    for fold in range(FOLDS):
        inside = [k for k in range(len(train)) if k % FOLDS != fold]
        part = Linear(*_central([train[k] for k in inside], [probs[k] for k in inside], central_weight))
        for k in range(fold, len(train), FOLDS):
            cc_scores[k] = part.logits(central_inputs(train[k].feats, probs[k]))[:, 0]
    x_link: list[Array] = []
    y_link: list[int] = []
    w_link: list[float] = []
    short_rows: list[bool] = []
    group_link: list[int] = []
    for e, p, cc in zip(train, probs, cc_scores, strict=True):
        pairs = candidate_pairs(e.feats.n)
        if not pairs:
            continue
        gold = {(s, t) for s, t, _ in e.doc.relations}  # supports and attacks alike: the target choice
        x_link.append(link_inputs(e.feats, p, cc, pairs, opponent_units(e.feats)))
        y_link.extend(1 if pair in gold else 0 for pair in pairs)
        w_link.extend([link_weight if e.short else 1.0] * len(pairs))
        short_rows.extend([e.short] * len(pairs))
        first_group = group_link[-1] + 1 if group_link else 0  # one group per source unit
        group_link.extend(first_group + source for source, _ in pairs)
    x_all, y_all = np.vstack(x_link).astype(np.float32), np.asarray(y_link)
    link = _fit_choice(x_all, np.asarray(group_link), y_all, LINK_C, np.asarray(w_link))
    # the sparse decoder (CDCP-style evaluation, no tree) has its own link model learned from CDCP's sparse
    # maps alone (the short texts' full trees pull every pair's probability up: cross-validation on CDCP,
    # sparse link F1 0.369 alone vs 0.314 with them) and keeps a link above the probability with the best
    # F1 of independent decisions on the CDCP training pairs
    cdcp_rows = ~np.asarray(short_rows, dtype=bool)
    sparse_link = _fit_columns(x_all[cdcp_rows], y_all[cdcp_rows], sparse_columns())
    link_probs = 1 / (1 + np.exp(-Linear(*sparse_link).logits(x_all[cdcp_rows])[:, 0]))
    threshold = max((f1_score(y_all[cdcp_rows], link_probs >= t), -t) for t in np.arange(0.05, 0.6, 0.05))
    link_threshold = round(-float(threshold[1]), 2)
    if log:
        print(f"link threshold {link_threshold} (training F1 {threshold[0]:.3f}); "
              f"{len(y_link)} candidate pairs, {sum(y_link)} gold")
    parts = {"role": role, "central": central, "link": link, "sparse_link": sparse_link}
    if genre_rows and gw > 0:
        parts["central_long"] = _central(train, probs, central_weight, genre_rows, gw)
    return parts, link_threshold


def sparse_columns(drop: Sequence[str] = SPARSE_DROP) -> np.ndarray:
    """Which link inputs the sparse decoder's model reads: every column but those named in ``drop`` (a name, or
    a prefix ending in "*")."""
    def dropped(name: str) -> bool:
        return any(name == d or (d.endswith("*") and name.startswith(d[:-1])) for d in drop)
    return np.asarray([not dropped(name) for name in LINK_NAMES])


def _fit_columns(x: Array, y: np.ndarray, keep: np.ndarray) -> tuple[Array, Array, Array, Array]:
    """The binary link model on the ``keep`` columns only, stored over every column (weight 0 elsewhere), so
    inference reads the same inputs as the tree's model."""
    mean, std = _standardise(x)
    part_mean, part_std, part_weight, bias = _fit(x[:, keep], y, LINK_C, False)
    weight = np.zeros((1, x.shape[1]), np.float32)
    weight[:, keep] = part_weight
    mean[keep], std[keep] = part_mean, part_std
    return mean, std, weight, bias


def as_models(parts: Parts, threshold: float) -> Models:
    return Models(Linear(*parts["role"]), Linear(*parts["central"]), Linear(*parts["link"]), CDCP_TYPES, threshold,
                  Linear(*parts["sparse_link"]), Linear(*parts["central_long"]) if "central_long" in parts else None)


def read_short(files: Sequence[Path]) -> list[GoldDoc]:
    return read_short_texts([path for path in files if path.exists()])


def train(corpus: Path, out: Path, short: Sequence[Path] = (), genre: Sequence[Path] = ()) -> None:
    started = time.perf_counter()
    data = examples(read_cdcp(corpus), False) + examples(read_short(short), True)
    genres = examples(read_genre(genre), False)
    print(f"{sum(not e.short for e in data)} CDCP documents, {sum(e.short for e in data)} short texts, "
          f"{len(genres)} genre texts, {sum(e.feats.n for e in [*data, *genres])} units: features in "
          f"{time.perf_counter() - started:.1f}s")
    parts, threshold = fit(data, log=True, genre=genres)
    save(out, parts, list(CDCP_TYPES), threshold)
    print(f"weights -> {out} ({out.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - started:.1f}s")


def _replay(cached: dict[tuple[str, str], Prediction], units: str) -> Predictor:
    """A predictor that returns the held-out fold's stored prediction of each document."""
    def predict(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
        return cached[(doc.id, units)]
    return predict


def read_genre(files: Sequence[Path]) -> list[GoldDoc]:
    """The genre files' documents, each id prefixed with its corpus's folder (every file numbers its texts
    "dev#0", ...)."""
    return [replace(doc, id=f"{path.parent.name}/{doc.id}") for path in files if path.exists()
            for doc in read_aif(path)]


@contextmanager
def _shipped(models: Models) -> Iterator[None]:
    """``argmap import`` (the importers) mines with ``models`` in place of the shipped weights."""
    from importers.mining import pipeline

    names = vars(pipeline)  # the name every mining call without ``models`` loads the weights by
    before = names["load"]
    names["load"] = lambda *args, **kwargs: models
    try:
        yield
    finally:
        names["load"] = before


def cross_validate(corpus: Path, short: Sequence[Path], folds: int = FOLDS,
                   weights: tuple[float, float] = (CENTRAL_SHORT_WEIGHT, LINK_SHORT_WEIGHT),
                   which: tuple[str, ...] = ("short", "cdcp", "genre"), by_area: bool = False,
                   shuffle: int | None = None, genre: Sequence[Path] = (), genre_weight: float | None = None) -> str:
    """Document-level K-fold scores of the stored tree (on CDCP also the sparse links) on the short texts
    and on CDCP's training split, each next to the first / last baselines on the same held-out
    documents (Markdown). The voices models (opponents, replies, edge types) stay the shipped ones.
    ``shuffle``: the short texts in the order of that seed's permutation (another partition into folds: a few
    texts decide a difference, and which fold a text falls in moves several). ``genre`` (long documents the
    central-claim model learns from) are in every fold's training, and are scored leave-one-text-out: each text by
    models fit on every short text, CDCP and the other genre texts (gold and predicted units, and what
    ``argmap import`` makes of it)."""
    from importers.mining.evaluate import PREDICTORS, imported, markdown, pipeline, score

    cdcp = examples(read_cdcp(corpus), False)
    shorts = examples(read_short(short), True)
    genres = examples(read_genre(genre), False)
    order = list(range(len(shorts))) if shuffle is None else [int(k) for k in
                                                              np.random.RandomState(shuffle).permutation(len(shorts))]
    shorts = [shorts[k] for k in order]
    _ALL_CDCP[:] = cdcp
    out = []
    for name, held_pool, rest, settings in (("short", shorts, cdcp, ("gold", "predicted")),
                                            ("cdcp", cdcp, shorts, ("gold",)),
                                            ("genre", genres, [*cdcp, *shorts], ("gold", "predicted", "import"))):
        if not held_pool or name not in which:
            continue
        cached: dict[tuple[str, str], Prediction] = {}
        fold_of = [k % folds for k in range(len(held_pool))]
        if name == "short" and by_area:  # leave one subject area (of each file) out
            areas = [short_text_areas(short)[k] for k in order]
            names = sorted(set(areas))
            fold_of = [names.index(a) for a in areas]
        if name == "genre":  # leave one text out
            fold_of = list(range(len(held_pool)))
        for fold in sorted(set(fold_of)):
            held = [e for k, e in enumerate(held_pool) if fold_of[k] == fold]
            kept = [e for k, e in enumerate(held_pool) if fold_of[k] != fold]
            if name == "genre":
                models = as_models(*fit(list(rest), *weights, genre=kept, genre_weight=genre_weight))
            else:
                models = as_models(*fit(kept + list(rest), *weights, cdcp_fold=fold if name == "cdcp" else None,
                                        genre=genres, genre_weight=genre_weight))
            for e in held:
                for units in settings:
                    if units == "import":
                        with _shipped(models):
                            cached[(e.doc.id, units)] = imported(e.doc, None)
                        continue
                    spans = list(e.doc.spans) if units == "gold" else None
                    cached[(e.doc.id, units)] = pipeline(e.doc, spans, models=models)
                    if name == "cdcp":  # CDCP-style sparse links, as argmap eval's argmap-sparse
                        cached[(e.doc.id, "sparse " + units)] = pipeline(e.doc, spans, sparse=True, models=models)
        kind = ("leave-one-area-out" if name == "short" and by_area else
                "leave-one-text-out" if name == "genre" else f"{folds}-fold")
        # the short texts also file by file (dev, dev2, ...: each file is a different writer and register)
        files = sorted({e.doc.id.split("#")[0] for e in held_pool}) if name in ("short", "genre") else []
        for part in ["", *files] if len(files) > 1 else [""]:
            docs = [e.doc for e in held_pool if not part or e.doc.id.split("#")[0] == part]
            results: dict[str, object] = {}
            for units in settings:
                by_predictor = {"argmap (CV)": score(docs, _replay(cached, units), "predicted" if units == "import"
                                                     else units)}
                if name == "cdcp":
                    by_predictor["argmap-sparse (CV)"] = score(docs, _replay(cached, "sparse " + units), units)
                if units != "import":
                    for baseline in ("first", "last"):
                        by_predictor[baseline] = score(docs, PREDICTORS[baseline], units)
                results["argmap import, predicted" if units == "import" else units] = by_predictor
            out.append(markdown(results, f"{kind} cross-validation: {part or name}"))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    from threadpoolctl import threadpool_limits

    # one BLAS thread: the fitted floats, and so weights.npz byte for byte, do not depend on the machine's cores
    with threadpool_limits(limits=1):
        _main(argv)


def _main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m importers.mining.train", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "cdcp" / "train")
    parser.add_argument("--short", type=Path, nargs="*", default=short_training_files(),
                        help="gold short-text files (default: every corpora/argmap-short/dev*.json)")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--cv", action="store_true", help="print cross-validation scores, write no weights")
    parser.add_argument("--by-area", action="store_true",
                        help="--cv leaves one subject area of the short texts out per fold (test.json has others)")
    parser.add_argument("--check", action="store_true",
                        help="retrain into a temporary file and fail unless it equals --out byte for byte")
    parser.add_argument("--central-weight", type=float, default=CENTRAL_SHORT_WEIGHT,
                        help="weight of a short text in the central-claim model (--cv experiments)")
    parser.add_argument("--link-weight", type=float, default=LINK_SHORT_WEIGHT,
                        help="weight of a short text in the link model (--cv experiments)")
    parser.add_argument("--cv-corpora", default="short,cdcp,genre",
                        help="which corpora --cv scores: short, cdcp, genre (comma-separated)")
    parser.add_argument("--genre", type=Path, nargs="*", default=GENRE_FILES,
                        help="long documents the central-claim model learns from (default: the op-eds' and briefs' "
                             "dev.json)")
    parser.add_argument("--genre-weight", type=float, default=GENRE_WEIGHT,
                        help="weight of a genre text's unit in the central-claim model (--cv experiments)")
    parser.add_argument("--shuffle", type=int, default=None, metavar="SEED",
                        help="--cv folds the short texts in the order of this seed's permutation (another partition)")
    args = parser.parse_args(argv)
    if args.cv:
        print(cross_validate(args.corpus, args.short, weights=(args.central_weight, args.link_weight),
                             which=tuple(args.cv_corpora.split(",")), by_area=args.by_area, shuffle=args.shuffle,
                             genre=args.genre, genre_weight=args.genre_weight))
    elif args.check:
        check_rebuild(args.out, lambda path: train(args.corpus, path, args.short, args.genre))
    else:
        train(args.corpus, args.out, args.short, args.genre)


if __name__ == "__main__":
    main()

__all__ = ["Models", "cross_validate", "main", "train"]
