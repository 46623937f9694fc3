"""Train and evaluate argmap's stance model (graph/stance.py): `make train-stance`.

Data (corpora/, each with its license): IBM ArgQ-30k, IBM Claim Stance, IBM ArgKP-2021:
(topic, argument, pro/con). Evaluation is on topics never seen in training: the ArgQ-30k test
topics and the Claim Stance test topics; every training topic close to any of them (sharing
half its target terms, or a proposition embedding cosine >= 0.85) is left out of training too.
Hyper-parameters are picked on held-out *training* topics (the ArgQ dev topics), never on the
evaluation topics. Writes graph/models/stance.npz, graph/models/stance_metrics.json and a small
evaluation sample tests/fixtures/stance_eval_sample.json (drawn from the evaluation topics).

Deterministic: fixed data order, fixed seeds, full-batch training.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import relevance, stance, terms, topic_stance  # noqa: E402
from graph.model import Statement, StatementKind  # noqa: E402
from graph.similarity import embed  # noqa: E402

CORPORA = ROOT / "corpora"
SAMPLE_PATH = ROOT / "tests" / "fixtures" / "stance_eval_sample.json"
METRICS_PATH = ROOT / "graph" / "models" / "stance_metrics.json"
FOLDS = 3
PARSIMONY = 0.01
CANDIDATE_GROUPS = (
    ("scalars", "argument_by_direction"),
    ("scalars", "centred_by_direction"),
    ("scalars", "argument_by_direction", "centred_by_direction"),
    ("scalars", "argument_by_direction", "topic_times_argument", "words_by_direction", "centred_by_direction"),
)


@dataclass(frozen=True)
class Example:
    source: str
    split: str  # train | dev | test
    topic: str
    argument: str
    label: int  # +1 pro, -1 con


def _zip_rows(path: Path, member: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(path) as archive, archive.open(member) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))


def load() -> list[Example]:
    examples = []
    for row in _zip_rows(CORPORA / "ibm-argq-30k" / "arg_quality_rank_30k.zip", "arg_quality_rank_30k.csv"):
        if row["stance_WA"] in ("1", "-1"):
            examples.append(Example("argq", row["set"], row["topic"], row["argument"].strip(), int(row["stance_WA"])))
    with (CORPORA / "ibm-claim-stance" / "claim_stance_dataset_v1.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            label = {"PRO": 1, "CON": -1}.get(row["claims.stance"])
            if label:
                examples.append(Example("claim-stance", row["split"], row["topicText"],
                                        row["claims.claimCorrectedText"].strip(), label))
    seen = set()
    for row in _zip_rows(CORPORA / "ibm-argkp-2021" / "ArgKP-2021.zip", "ArgKP-2021_dataset.csv"):
        key = (row["topic"], row["argument"])
        if key not in seen:
            seen.add(key)
            examples.append(Example("argkp", "train", row["topic"], row["argument"].strip(), int(row["stance"])))
    return examples


def _close(a: str, b: str, cosine: float) -> bool:
    ta, tb = stance.topic_terms(a), stance.topic_terms(b)
    shared = len(ta & tb) / min(len(ta), len(tb)) if ta and tb else 0.0
    return shared >= 0.5 or cosine >= 0.85


def split(examples: list[Example]) -> tuple[list[Example], list[Example], list[str]]:
    """Training examples and evaluation examples (unseen topics), and the training topics left out."""
    evaluation = [e for e in examples if e.split == "test" and e.source in ("argq", "claim-stance")]
    eval_topics = sorted({e.topic for e in evaluation})
    train_topics = sorted({e.topic for e in examples} - set(eval_topics))
    cosine = embed([stance.proposition(t) for t in train_topics]) @ embed(
        [stance.proposition(t) for t in eval_topics]).T
    excluded = [t for i, t in enumerate(train_topics)
                if any(_close(t, e, float(cosine[i, j])) for j, e in enumerate(eval_topics))]
    training = [e for e in examples if e.topic in train_topics and e.topic not in excluded]
    return training, evaluation, excluded


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-3
    mean[0], scale[0] = 0.0, 1.0  # the bias column stays 1
    return mean.astype(np.float32), scale.astype(np.float32)


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 400) -> np.ndarray:
    """L2-regularised logistic regression, full-batch Adam (deterministic)."""
    w = np.zeros(x.shape[1], dtype=np.float32)
    m, v = np.zeros_like(w), np.zeros_like(w)
    target = (y > 0).astype(np.float32)
    for step in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - target) / np.float32(len(y)) + np.float32(l2) * np.r_[np.float32(0.0), w[1:]]
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w.astype(np.float32)


def accuracy(w: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.sign(x @ w + 1e-9) == y))


def timed(what: str, function, *args):  # type: ignore[no-untyped-def]
    started = time.time()
    result = function(*args)
    print(f"{what}: {time.time() - started:.0f}s", flush=True)
    return result


def background_frequencies(training: list[Example]) -> None:
    """Document frequency of each stem over the training topics' texts: the rarity of shared terms."""
    df: Counter[str] = Counter()
    texts = sorted({e.argument for e in training} | {e.topic for e in training})
    for text in texts:
        df.update({terms.stem(w) for w in terms.words(text)})
    kept = {term: count for term, count in sorted(df.items()) if count >= 2}
    relevance.TERM_DF_PATH.write_text(json.dumps({
        "about": "Document frequency of word stems over the training topics' arguments of IBM ArgQ-30k, Claim "
                 "Stance, ArgKP-2021 (c) IBM, CC-BY-SA 3.0 / CDLA-Sharing 1.0; see corpora/README.md.",
        "documents": len(texts), "df": kept}, separators=(",", ":")) + "\n", encoding="utf-8")
    terms._background.cache_clear()


def _pairs(examples: list[Example], seed: int, per_topic: int = 150) -> tuple[list[str], list[str], np.ndarray]:
    """(topic, argument, relevant?) pairs: arguments of the topic and as many of other topics."""
    rng = random.Random(seed)
    by_topic: dict[str, list[str]] = {}
    for e in examples:
        by_topic.setdefault(e.topic, []).append(e.argument)
    topics, arguments, labels = [], [], []
    names = sorted(by_topic)
    for topic in names:
        own = rng.sample(by_topic[topic], min(per_topic, len(by_topic[topic])))
        others = [rng.choice(by_topic[rng.choice([n for n in names if n != topic])]) for _ in own]
        for argument, label in [*((a, 1) for a in own), *((a, 0) for a in others)]:
            topics.append(topic)
            arguments.append(argument)
            labels.append(label)
    return topics, arguments, np.array(labels)


def _balanced_accuracy(score: np.ndarray, labels: np.ndarray, threshold: float) -> float:
    predicted = score >= threshold
    return float((np.mean(predicted[labels == 1]) + np.mean(~predicted[labels == 0])) / 2)


def measure_relevance(training: list[Example], evaluation: list[Example]) -> dict[str, object]:
    """Pick the relevance weights and threshold on training topics; report them on the unseen topics."""
    scored = {}
    for name, examples, seed in (("training", training, 1), ("evaluation", evaluation, 2)):
        topics, arguments, labels = _pairs(examples, seed)
        vectors = embed(arguments)
        cosine, lexical = [], []
        for topic in sorted(set(topics)):
            rows = [i for i, t in enumerate(topics) if t == topic]
            c, w = relevance.components(topic, [arguments[i] for i in rows], vectors[rows])
            cosine += list(zip(rows, c, strict=True))
            lexical += list(zip(rows, w, strict=True))
        scored[name] = (np.array([c for _, c in sorted(cosine)]), np.array([w for _, w in sorted(lexical)]), labels)
    best = None
    for terms_weight in (0.0, 0.25, 0.5, 1.0):
        c, w, labels = scored["training"]
        score = c + terms_weight * w
        for threshold in np.round(np.arange(0.0, 1.2, 0.01), 2):
            quality = _balanced_accuracy(score, labels, float(threshold))
            if best is None or quality > best[0]:
                best = (quality, terms_weight, float(threshold))
    assert best is not None
    quality, terms_weight, threshold = best
    c, w, labels = scored["evaluation"]
    result = {"cosine_weight": 1.0, "terms_weight": terms_weight, "threshold": threshold,
              "training_topics_balanced_accuracy": round(quality, 4),
              "unseen_topics_balanced_accuracy": round(_balanced_accuracy(c + terms_weight * w, labels, threshold), 4),
              "unseen_topics_cosine_only_balanced_accuracy": round(max(
                  _balanced_accuracy(c, labels, float(t)) for t in np.arange(0.0, 1.0, 0.01)), 4),
              "trivial_baseline_balanced_accuracy": 0.5,
              "pairs": int(len(labels))}
    relevance.RELEVANCE_PATH.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    relevance.scale.cache_clear()
    print("relevance:", result, flush=True)
    return result


def as_question(topic: str) -> str:
    """"We should ban whaling" -> "Should we ban whaling?"; "This house would ban boxing" -> "Should we ban
    boxing?"; "Homeschooling should be banned" -> "Should homeschooling be banned?"."""
    text = re.sub(r"^This house (?:believes that |believes in |believes |would |supports )", "", topic.strip())
    if topic.startswith(("This house would", "This house supports", "This house believes in")):
        text = "we should " + ("" if topic.startswith("This house would") else "support ") + text
    match = re.match(r"^(.*?) should (.*)$", text, flags=re.IGNORECASE)
    if match:
        subject = match.group(1)
        subject = "we" if subject.lower() == "we" else subject[:1].lower() + subject[1:]
        return f"Should {subject} {match.group(2)}?"
    return f"Is it true that {text[:1].lower() + text[1:]}?"


def evaluate_documents(evaluation: list[Example], per_topic: int = 3, size: int = 4) -> dict[str, object]:
    """Pairs of opposite pseudo-documents (``size`` arguments each, all pro or all con) on the unseen
    topics, the topic asked as a yes/no question: is each side's stance (graph.topic_stance) right?"""
    rng = random.Random(7)
    by_topic: dict[str, dict[int, list[str]]] = {}
    for e in evaluation:
        by_topic.setdefault(e.topic, {1: [], -1: []})[e.label].append(e.argument)
    right = sides = pairs_right = pairs = 0
    examples = []
    for topic in sorted(by_topic):
        question = as_question(topic)
        for _ in range(per_topic):
            if min(len(v) for v in by_topic[topic].values()) < size:
                break
            verdicts = {}
            for label in (1, -1):
                arguments = rng.sample(by_topic[topic][label], size)
                statements = [Statement(id=f"st-{k}", document_id="doc-eval", kind=StatementKind.CLAIM, text=a,
                                        quote=a, start=0, end=len(a), section=None, speaker="author")
                              for k, a in enumerate(arguments)]
                verdicts[label] = topic_stance.verdict(topic_stance.score(question, statements))[0]
            ok = {label: verdicts[label] == ("for" if label > 0 else "against") for label in (1, -1)}
            right += sum(ok.values())
            sides += 2
            pairs_right += all(ok.values())
            pairs += 1
            if len(examples) < 8:
                examples.append({"question": question, "pro_side": verdicts[1], "con_side": verdicts[-1]})
    result = {"pairs": pairs, "side_accuracy": round(right / sides, 4), "pair_accuracy": round(pairs_right / pairs, 4),
              "baseline_side_accuracy_always_for": 0.5, "examples": examples}
    print("documents:", result, flush=True)
    return result


def main() -> None:
    started = time.time()
    examples = load()
    training, evaluation, excluded = split(examples)
    background_frequencies(training)
    relevance_metrics = measure_relevance(training, evaluation)
    if "relevance" in sys.argv[1:]:
        return
    print(f"{len(training)} training examples on {len({e.topic for e in training})} topics; "
          f"{len(evaluation)} evaluation examples on {len({e.topic for e in evaluation})} unseen topics")
    print("training topics left out as close to an evaluation topic:", *excluded, sep="\n  ")
    x_train = timed("training features", stance.features, [e.topic for e in training], [e.argument for e in training])
    y_train = np.array([e.label for e in training], dtype=np.float32)
    x_eval = timed("evaluation features", stance.features, [e.topic for e in evaluation],
                   [e.argument for e in evaluation])
    y_eval = np.array([e.label for e in evaluation], dtype=np.float32)
    print(f"features: {x_train.shape[1]} ({time.time() - started:.0f}s)", flush=True)

    # Pick the feature groups and the L2 strength by cross-validation over *training topics*
    # (three folds of whole topics), then refit on all training topics.
    topics = sorted({e.topic for e in training})
    fold_of = {t: i % FOLDS for i, t in enumerate(topics)}
    folds = np.array([fold_of[e.topic] for e in training])
    choices: dict[tuple[tuple[str, ...], float], float] = {}
    for groups in CANDIDATE_GROUPS:
        cols = stance.columns(groups)
        for l2 in (0.3, 0.03):
            scores = []
            for fold in range(FOLDS):
                train_rows, test_rows = folds != fold, folds == fold
                x_fit = x_train[np.ix_(train_rows, cols)]
                mean, scale = standardise(x_fit)
                w = fit((x_fit - mean) / scale, y_train[train_rows], l2)
                scores.append(accuracy(w, (x_train[np.ix_(test_rows, cols)] - mean) / scale, y_train[test_rows]))
            choices[(groups, l2)] = float(np.mean(scores))
            print(f"  {'+'.join(groups)} l2={l2}: cross-validated accuracy on held-out training topics "
                  f"{choices[(groups, l2)]:.3f}", flush=True)
    # Parsimony: the smallest feature set (then the strongest L2) within PARSIMONY of the best
    # cross-validated accuracy; extra feature groups must earn their place.
    top = max(choices.values())
    best_groups, best_l2 = min((k for k, v in choices.items() if v >= top - PARSIMONY),
                               key=lambda k: (len(stance.columns(k[0])), -k[1]))
    cols = stance.columns(best_groups)
    mean, scale = standardise(x_train[:, cols])
    weights = fit((x_train[:, cols] - mean) / scale, y_train, best_l2)
    stance.StanceModel(weights, mean, scale, cols).save()
    x_eval_model = (x_eval[:, cols] - mean) / scale

    metrics: dict[str, object] = {
        "documents_on_unseen_questions": evaluate_documents(evaluation),
        "relevance": relevance_metrics, "feature_groups": list(best_groups), "l2": best_l2,
        "cross_validation": {f"{'+'.join(g)} l2={l2}": round(v, 4) for (g, l2), v in choices.items()},
        "training_examples": len(training), "training_topics": len({e.topic for e in training}),
        "excluded_training_topics": excluded, "evaluation": {}}
    rule = x_eval[:, stance.SCALAR_NAMES.index("restated_agrees")]
    for source in ("argq", "claim-stance", "all"):
        rows = np.array([source in ("all", e.source) for e in evaluation])
        y = y_eval[rows]
        majority = max(float(np.mean(y > 0)), float(np.mean(y < 0)))
        train_majority = 1 if np.mean(y_train > 0) >= 0.5 else -1
        result = {
            "examples": int(rows.sum()),
            "topics": len({e.topic for e, r in zip(evaluation, rows, strict=True) if r}),
            "accuracy": round(accuracy(weights, x_eval_model[rows], y), 4),
            "majority_class_baseline": round(majority, 4),
            "training_majority_baseline": round(float(np.mean(y == train_majority)), 4),
            "restatement_rule_baseline": round(float(np.mean(np.where(rule[rows] > 0, 1, -1) == y)), 4),
        }
        metrics["evaluation"][source] = result  # type: ignore[index]
        print(f"{source}: {result}")
    METRICS_PATH.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")

    # A small committed sample of the evaluation topics for the offline test.
    rng = random.Random(11)
    sample = rng.sample(evaluation, 300)
    SAMPLE_PATH.parent.mkdir(parents=True, exist_ok=True)
    SAMPLE_PATH.write_text(json.dumps({
        "about": "Random sample of argmap's stance evaluation (topics unseen in training), from IBM "
                 "ArgQ-30k and IBM Claim Stance (c) IBM 2014, CC-BY-SA 3.0; see corpora/README.md.",
        "label_counts": dict(Counter(e.label for e in sample)),
        "examples": [{"source": e.source, "topic": e.topic, "argument": e.argument, "label": e.label}
                     for e in sample],
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"done in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
