"""Out-of-fold error analysis of the argument-mining pipeline over every dev*.json.

The folds of `make cv-roles` (every k-th text; the voices, central / link and roles models refit per fold on
the other folds plus CDCP train): each held-out text is mined by models that never saw it, with predicted
(or gold) units. Prints the scores next to the `first` / `last` baselines of the same run, then counts the
errors by category: the central claim (gold and chosen position), each gold relation (found, source unit not
found, right target but wrong type, wrong target: thesis / unit before / unit after / other), opponent units
(missed, spurious by gold kind) and the role confusions (gold kind -> predicted, central claim left out).

    python scripts/mining_errors.py [--units predicted|gold] [--dump out.json] [--list]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from importers.mining import train as central_train
from importers.mining import train_roles as TR
from importers.mining import train_voices as TV
from importers.mining.corpora import GoldDoc, read_aif, read_short_texts, short_training_files
from importers.mining.evaluate import Prediction, first_baseline, last_baseline, match_units, score


def out_of_fold(docs: Sequence[GoldDoc], units: str, k: int) -> dict[str, Prediction]:
    extra = read_aif(TV.EXTRA)
    cdcp_examples, cdcp_probs = TR.cdcp_inputs(TR.CDCP)
    predictions: dict[str, Prediction] = {}
    for fold in range(k):
        kept = [d for n, d in enumerate(docs) if n % k != fold]
        voices = TV.fit(kept + list(extra))
        models = central_train.as_models(*central_train.fit(central_train.examples(kept, True) + list(cdcp_examples)))
        roles = TR.fit(kept, models.role, extra, (cdcp_examples, cdcp_probs), voices)
        for n in range(fold, len(docs), k):
            predictions[docs[n].id] = TR._predict(docs[n], units, models, voices, roles, False)
    return predictions


def _f1(scores: dict[str, Any], *path: str) -> float:
    value: Any = scores
    for key in path:
        value = (value or {}).get(key) if isinstance(value, dict) else None
    return float(value or 0.0)


def print_scores(parts: dict[str, list[GoldDoc]], predictions: dict[str, Prediction], units: str) -> None:
    for part, docs in parts.items():
        cells = []
        for name, predictor in (("model", lambda d, s: predictions[d.id]), ("first", first_baseline),
                                ("last", last_baseline)):
            scores = score(docs, predictor, units)
            made = {d.id: predictor(d, list(d.spans) if units == "gold" else None) for d in docs}
            cells.append((name, scores, TR.non_central_macro_f1(docs, made)[0]))
        line = [f"{part} ({len(docs)} texts, {units} units):"]
        for name, scores, roles in cells:
            line.append(f"{name}: central {_f1(scores, 'central_claim_accuracy'):.3f}, labelled "
                        f"{_f1(scores, 'relations_labelled', 'f1'):.3f}, ATTACKS "
                        f"{_f1(scores, 'relations_per_type', 'ATTACKS', 'f1'):.3f}, opponent "
                        f"{_f1(scores, 'opponent_units', 'f1'):.3f}, roles {roles:.3f}")
        print("\n  ".join(line))


def _position(j: int | None, n: int) -> str:
    return "unmatched" if j is None else "first" if j == 0 else "last" if j == n - 1 else "middle"


def _direction(source: int, target: int | None, central: int | None) -> str:
    if target is not None and target == central:
        return "thesis"
    return {source - 1: "unit before", source + 1: "unit after"}.get(target if target is not None else -9, "other")


def categories(docs: Sequence[GoldDoc], predictions: dict[str, Prediction],
               listing: bool) -> dict[str, Counter[tuple[str, ...]]]:
    counts: dict[str, Counter[tuple[str, ...]]] = {name: Counter() for name in
                                                   ("central claim", "gold relations", "opponent units", "roles")}
    for doc in docs:
        pred = predictions[doc.id]
        to_gold = match_units(doc.text, doc.spans, pred.spans)
        to_pred = {g: p for p, g in to_gold.items()}
        n = len(doc.spans)
        chosen = to_gold.get(pred.central) if pred.central is not None else None
        if doc.central is not None:
            if chosen == doc.central:
                counts["central claim"]["right", _position(doc.central, n)] += 1
            else:
                counts["central claim"]["wrong", "gold " + _position(doc.central, n),
                                         "chosen " + _position(chosen, n),
                                         "an opponent unit" if chosen in doc.opponent else ""] += 1
                if listing:
                    print(f"{doc.id} central: gold {doc.text[slice(*doc.spans[doc.central])].strip()[:80]!r}")
        predicted_parent = {to_gold[s]: (to_gold.get(t), r) for s, t, r in pred.relations if s in to_gold}
        opponents = {to_gold[i] for i in pred.opponent if i in to_gold}
        side = {True: "opponent's", False: "author's"}
        for s, t, r in doc.relations:
            source = side[s in doc.opponent]
            if s not in to_pred:
                counts["gold relations"]["source unit not found", r] += 1
            elif s not in predicted_parent or predicted_parent[s][0] is None:
                counts["gold relations"]["no predicted target (root or target unit not found)", r] += 1
            elif predicted_parent[s] == (t, r):
                counts["gold relations"]["found", r, source] += 1
            elif predicted_parent[s][0] == t:
                why = ("opponent source missed" if s in doc.opponent and s not in opponents else
                       "opponent target missed" if t in doc.opponent and t not in opponents else
                       "spurious opponent" if (s in opponents) != (s in doc.opponent) or
                       (t in opponents) != (t in doc.opponent) else "other")
                counts["gold relations"]["right target, typed " + predicted_parent[s][1], "gold " + r, why] += 1
            else:
                counts["gold relations"]["wrong target", r, source, "gold: " + _direction(s, t, doc.central),
                                         "chosen: " + _direction(s, predicted_parent[s][0], chosen)] += 1
        for j in set(doc.opponent) - opponents:
            counts["opponent units"]["missed", "unit found" if j in to_pred else "unit not found"] += 1
        for j in opponents - set(doc.opponent):
            counts["opponent units"]["spurious", "gold " + doc.types[j]] += 1
        counts["opponent units"]["found",] += len(opponents & set(doc.opponent))
        for j, kind in enumerate(doc.types):
            if j != doc.central:
                counts["roles"][kind, pred.labels[to_pred[j]] if j in to_pred else "(unit not found)"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", choices=("predicted", "gold"), default="predicted")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--dump", type=Path, help="write the out-of-fold predictions as JSON")
    parser.add_argument("--list", action="store_true", help="also list the texts whose central claim is missed")
    args = parser.parse_args()
    files = short_training_files()
    docs = read_short_texts(files)
    sources = [path.name for path in files for _ in read_aif(path)]
    predictions = out_of_fold(docs, args.units, args.k)
    if args.dump:
        args.dump.write_text(json.dumps({i: {"spans": p.spans, "labels": p.labels, "relations": p.relations,
                                             "central": p.central, "opponent": sorted(p.opponent)}
                                         for i, p in predictions.items()}, indent=1))
    parts = {"all": list(docs)}
    for name in sorted(set(sources)):
        parts[name] = [d for d, source in zip(docs, sources, strict=True) if source == name]
    print_scores(parts, predictions, args.units)
    for title, counts in categories(docs, predictions, args.list).items():
        print(f"\n{title} ({sum(counts.values())}):")
        for key, count in counts.most_common():
            print(f"  {count:4d}  {' / '.join(part for part in key if part)}")


if __name__ == "__main__":
    with threadpool_limits(limits=1):  # the fitted floats do not depend on the machine's cores
        main()
