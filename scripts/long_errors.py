"""Every missed and every false relation of long documents (op-eds, briefs), by category.

For each AIF file given (gold with paragraphs separated by blank lines) and each predictor (the pipeline on gold
units, on predicted units, and what ``argmap import`` makes of the text), each gold relation the predictor does not
find and each predicted relation the gold does not hold is put in a category:

* ``cross`` / ``inside``: source and target in different paragraphs or in one;
* ``to-central`` / ``elsewhere``: the target is the gold central claim or not (for a false relation: the unit the
  prediction's target matches);
* the gold kinds of source and target (``central`` for the central claim, ``-`` for a predicted unit no gold unit
  matches);
* for a missed relation, what the predictor did with the source instead: ``no-unit`` (no predicted unit matches it),
  ``root`` (no target), ``type`` (right target, wrong type), or where its target went (``->central``, ``->prev``,
  ``->next``, ``->inside`` another unit of its paragraph, ``->other-par``, ``->unmatched``).

    python scripts/long_errors.py corpora/argmap-opeds/dev.json corpora/argmap-briefs/dev.json [--list]
        [--predictor gold|predicted|import]
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from importers.mining.corpora import GoldDoc, read_aif
from importers.mining.evaluate import Prediction, imported, match_units, pipeline


def paragraph(text: str, start: int) -> int:
    return text.count("\n\n", 0, start)


def _kind(doc: GoldDoc, j: int | None) -> str:
    if j is None:
        return "-"
    return "central" if j == doc.central else doc.types[j]


def categorise(doc: GoldDoc, pred: Prediction) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], int, int]:
    """(missed, false, gold count, predicted count): one tuple of categories per relation, its text last."""
    mapping = match_units(doc.text, doc.spans, pred.spans)
    back = {g: p for p, g in mapping.items()}
    gold = set(doc.relations)
    predicted = {(mapping.get(s, -1 - s), mapping.get(t, -1 - t), r) for s, t, r in pred.relations}
    par = [paragraph(doc.text, s) for s, _ in doc.spans]
    pred_par = [paragraph(doc.text, s) for s, _ in pred.spans]
    out_of: dict[int, tuple[int, str]] = {}  # predicted source (in gold numbering or -1-p) -> (target, type)
    for s, t, r in predicted:
        out_of[s] = (t, r)

    def short(j: int) -> str:
        if j >= 0:
            s, e = doc.spans[j]
            return doc.text[s:e].strip()[:70]
        s, e = pred.spans[-1 - j]
        return "[" + doc.text[s:e].strip()[:68] + "]"

    missed: list[tuple[str, ...]] = []
    for s, t, r in sorted(gold - predicted):
        where = "cross" if par[s] != par[t] else "inside"
        to = "to-central" if t == doc.central else "elsewhere"
        if s not in back:
            fate = "no-unit"
        elif s not in out_of:
            fate = "root"
        else:
            to_unit, _ = out_of[s]
            if to_unit == t:
                fate = "type"
            elif to_unit < 0:
                fate = "->unmatched"
            elif to_unit == doc.central:
                fate = "->central"
            elif to_unit == s - 1:
                fate = "->prev"
            elif to_unit == s + 1:
                fate = "->next"
            elif par[to_unit] == par[s]:
                fate = "->inside"
            else:
                fate = "->other-par"
        missed.append((where, to, f"{_kind(doc, s)}>{_kind(doc, t)}", r, fate,
                       f"{doc.id}: {short(s)}  --{r}-->  {short(t)}"))
    false: list[tuple[str, ...]] = []
    for s, t, r in sorted(predicted - gold):
        ps = s if s >= 0 else None
        pt = t if t >= 0 else None
        sp = par[s] if s >= 0 else pred_par[-1 - s]
        tp = par[t] if t >= 0 else pred_par[-1 - t]
        where = "cross" if sp != tp else "inside"
        to = "to-central" if pt is not None and pt == doc.central else "elsewhere"
        gold_target = next(((gt, gr) for gs, gt, gr in doc.relations if gs == s), None)
        if ps is None or pt is None:
            why = "unmatched-end"
        elif gold_target is None:
            why = "gold-root"
        elif gold_target[0] == pt:
            why = "type"
        else:
            why = "gold->" + ("central" if gold_target[0] == doc.central else
                              "other-par" if par[gold_target[0]] != par[ps] else "inside")
        false.append((where, to, f"{_kind(doc, ps)}>{_kind(doc, pt)}", r, why,
                      f"{doc.id}: {short(s)}  --{r}-->  {short(t)}"))
    return missed, false, len(gold), len(predicted)


PREDICT = {
    "gold": lambda d: pipeline(d, list(d.spans)),
    "predicted": lambda d: pipeline(d, None),
    "import": lambda d: imported(d, None),
}


def report(paths: Sequence[Path], predictor: str, listing: bool) -> None:
    for path in paths:
        docs = read_aif(path)
        missed: list[tuple[str, ...]] = []
        false: list[tuple[str, ...]] = []
        n_gold = n_pred = 0
        for doc in docs:
            m, f, g, p = categorise(doc, PREDICT[predictor](doc))
            missed += m
            false += f
            n_gold += g
            n_pred += p
        tp = n_gold - len(missed)
        print(f"== {path} [{predictor}]: gold {n_gold}, predicted {n_pred}, found {tp}, "
              f"missed {len(missed)}, false {len(false)}, labelled F1 {2 * tp / (n_gold + n_pred):.3f}")
        for label, rows in (("missed", missed), ("false", false)):
            print(f"-- {label} by paragraph / target:",
                  dict(Counter(f"{r[0]} {r[1]}" for r in rows).most_common()))
            print(f"-- {label} by kinds:", dict(Counter(f"{r[2]} {r[3][0]}" for r in rows).most_common()))
            print(f"-- {label} by fate:", dict(Counter(f"{r[0]} {r[4]}" for r in rows).most_common()))
            if listing:
                for r in sorted(rows):
                    print("   ", " | ".join(r))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--predictor", choices=sorted(PREDICT), action="append")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    for predictor in args.predictor or ["gold", "predicted", "import"]:
        report(args.files, predictor, args.list)


if __name__ == "__main__":
    main()
