"""Out-of-fold predictions of the whole pipeline over every dev*.json (every model that learns from short
texts refit per fold, as `make cv-roles`), dumped as JSON for error analysis, with the scores.

python scripts/short5/oof.py OUT.json [--units predicted|gold|both]"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from threadpoolctl import threadpool_limits

from importers.mining import train as central_train
from importers.mining import train_roles as TR
from importers.mining import train_voices as TV
from importers.mining.corpora import read_aif
from importers.mining.evaluate import first_baseline, last_baseline, score
from importers.mining.model import load as load_models


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", default="predicted")
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    files = TR.short_training_files()
    docs = TR.read_short_texts(files)
    sources = [path.name for path in files for _ in read_aif(path)]
    groups = [k % args.k for k in range(len(docs))]
    extra = read_aif(TV.EXTRA)
    cdcp_in = TR.cdcp_inputs(TR.CDCP)
    shipped = load_models()
    settings = ["gold", "predicted"] if args.units == "both" else [args.units]
    preds: dict[str, dict[str, object]] = {u: {} for u in settings}
    for fold in range(args.k):
        kept = [d for d, g in zip(docs, groups) if g != fold]
        held = [d for d, g in zip(docs, groups) if g == fold]
        voices = TV.fit(kept + list(extra))
        models = central_train.as_models(*central_train.fit(central_train.examples(kept, True) + list(cdcp_in[0])))
        roles = TR.fit(kept, (models or shipped).role, extra, cdcp_in, voices, TR.CDCP_WEIGHT, TR.CENTRAL_WEIGHT)
        for doc in held:
            for units in settings:
                preds[units][doc.id] = TR._predict(doc, units, models, voices, roles, False)
        print(f"fold {fold}", file=sys.stderr, flush=True)
    out = {"predictions": {}, "scores": {}}
    parts = {"all": list(docs), **{f: [d for d, s in zip(docs, sources) if s == f] for f in sorted(set(sources))}}
    for units in settings:
        cached = preds[units]
        out["predictions"][units] = {i: {"spans": p.spans, "labels": p.labels, "relations": p.relations,
                                          "central": p.central, "opponent": sorted(p.opponent)}
                                     for i, p in cached.items()}
        for part, pdocs in parts.items():
            row = {}
            for name, pr in (("model", lambda d, s, c=cached: c[d.id]), ("first", first_baseline),
                             ("last", last_baseline)):
                sc = score(pdocs, pr, units)
                baseline = {d.id: pr(d, list(d.spans) if units == "gold" else None) for d in pdocs}
                sc["role_macro_f1_non_central"] = TR.non_central_macro_f1(pdocs, baseline)[0]
                row[name] = sc
            out["scores"][f"{units}/{part}"] = row
    args.out.write_text(json.dumps(out, indent=1, default=list))
    for key, row in out["scores"].items():
        m, f, la = row["model"], row["first"], row["last"]
        def g(s, *path):
            for p in path:
                s = (s or {}).get(p, 0.0) if isinstance(s, dict) else 0.0
            return s
        print(f"{key:22s} cc {m['central_claim_accuracy']:.3f} (f {f['central_claim_accuracy']:.3f} l {la['central_claim_accuracy']:.3f})"
              f" lab {g(m,'relations_labelled','f1'):.3f} (f {g(f,'relations_labelled','f1'):.3f} l {g(la,'relations_labelled','f1'):.3f})"
              f" unl {g(m,'relations_unlabelled','f1'):.3f} att {g(m,'relations_per_type','ATTACKS','f1'):.3f}"
              f" opp {g(m,'opponent_units','f1'):.3f} role {m['role_macro_f1_non_central']:.3f}"
              f" (f {f['role_macro_f1_non_central']:.3f} l {la['role_macro_f1_non_central']:.3f})")


if __name__ == "__main__":
    with threadpool_limits(limits=1):
        main()
