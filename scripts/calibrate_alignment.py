"""Calibrate /compare's passage-alignment threshold on IBM ArgKP-2021: `make calibrate-alignment`.

ArgKP-2021 labels (argument, key point) pairs of one debate topic as "makes this point" (1) or not
(0): the same question /compare asks of two passages. Per topic, every argument is scored against
every key point with ``graph.alignment.scores`` exactly as /compare scores two sides (rarity over the
topic's own texts; no actors, so the actor term adds nothing here and the threshold errs on the
strict side). The rule, a product choice made before looking at any number: an aligned pair shown to
an analyst should be right more often than not, so the threshold is the lowest one whose precision on
the calibration topics (the first 21 of the 31, sorted by name) is at least MIN_PRECISION; it is
written to graph/models/alignment.json. Precision, recall and F1 on the other 10 topics, never looked
at for the choice, are reported next to two baselines from the same run: "every pair aligned" and
cosine similarity alone with its own threshold chosen by the same rule.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import alignment  # noqa: E402
from graph.similarity import embed  # noqa: E402

DATA = ROOT / "corpora" / "ibm-argkp-2021" / "ArgKP-2021.zip"
OUTPUT = ROOT / "graph" / "models" / "alignment.json"
CALIBRATION_TOPICS = 21
MIN_PRECISION = 0.5


def _pairs() -> dict[str, list[tuple[str, str, int]]]:
    by_topic: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    with zipfile.ZipFile(DATA) as archive, archive.open("ArgKP-2021_dataset.csv") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            by_topic[row["topic"]].append((row["argument"].strip(" `"), row["key_point"].strip(), int(row["label"])))
    return by_topic


def _scored(rows: list[tuple[str, str, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(combined score, cosine, gold) of each labelled pair of one topic."""
    arguments = sorted({a for a, _, _ in rows})
    points = sorted({k for _, k, _ in rows})
    a_index = {a: i for i, a in enumerate(arguments)}
    k_index = {k: j for j, k in enumerate(points)}
    combined = alignment.scores(arguments, points, [set() for _ in arguments], [set() for _ in points])
    cosine = embed(arguments) @ embed(points).T
    i = np.array([a_index[a] for a, _, _ in rows])
    j = np.array([k_index[k] for _, k, _ in rows])
    return combined[i, j], cosine[i, j], np.array([label for _, _, label in rows])


def _f1(predicted: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    tp = float(np.sum(predicted & (gold == 1)))
    precision = tp / max(float(predicted.sum()), 1.0)
    recall = tp / max(float((gold == 1).sum()), 1.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _threshold(values: np.ndarray, gold: np.ndarray) -> float:
    """The lowest threshold on a 0.01 grid whose precision reaches MIN_PRECISION."""
    for t in np.round(np.arange(0.20, 0.95, 0.01), 2):
        if _f1(values >= t, gold)["precision"] >= MIN_PRECISION:
            return float(t)
    raise SystemExit("no threshold reaches the precision asked for")


def main() -> None:
    by_topic = _pairs()
    topics = sorted(by_topic)
    split = {"calibration": topics[:CALIBRATION_TOPICS], "test": topics[CALIBRATION_TOPICS:]}
    data = {}
    for name, names in split.items():
        parts = [_scored(by_topic[t]) for t in names]
        data[name] = tuple(np.concatenate([p[k] for p in parts]) for k in range(3))
    combined_cal, cosine_cal, gold_cal = data["calibration"]
    combined_test, cosine_test, gold_test = data["test"]
    threshold = _threshold(combined_cal, gold_cal)
    cosine_threshold = _threshold(cosine_cal, gold_cal)
    result = {
        "threshold": threshold,
        "rule": f"lowest threshold with precision >= {MIN_PRECISION} on the calibration topics",
        "data": "IBM ArgKP-2021 (c) IBM 2021, CDLA-Sharing 1.0: (argument, key point, match) pairs",
        "calibration_topics": len(split["calibration"]),
        "test_topics": len(split["test"]),
        "test_pairs": int(gold_test.size),
        "test": {
            "combined_score": _f1(combined_test >= threshold, gold_test),
            "baseline_every_pair_aligned": _f1(np.ones_like(gold_test, dtype=bool), gold_test),
            "baseline_cosine_only": {**_f1(cosine_test >= cosine_threshold, gold_test),
                                     "threshold": cosine_threshold},
        },
    }
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
