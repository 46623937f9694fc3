"""Error categories of an out-of-fold dump (scripts/short5/oof.py)."""
from __future__ import annotations

import json
import sys
from collections import Counter

from importers.mining import train_roles as TR
from importers.mining.corpora import read_aif
from importers.mining.evaluate import match_units

dump = json.load(open(sys.argv[1]))
units = sys.argv[2] if len(sys.argv) > 2 else "predicted"
verbose = "-v" in sys.argv
files = TR.short_training_files()
docs = [(p.name, d) for p in files for d in read_aif(p)]
P = dump["predictions"][units]
cc = Counter(); rel = Counter(); opp = Counter(); roles = Counter(); spur = Counter()
for fname, doc in docs:
    p = P[doc.id]
    spans = [tuple(s) for s in p["spans"]]
    m = match_units(doc.text, doc.spans, spans)  # pred -> gold
    inv = {g: q for q, g in m.items()}
    n = len(doc.spans)
    def pos(j, n=n):
        return "first" if j == 0 else "last" if j == n - 1 else "mid"
    gc = doc.central
    pc = m.get(p["central"]) if p["central"] is not None else None
    if gc is not None:
        if pc == gc:
            cc["right", pos(gc)] += 1
        else:
            key = ("wrong", "gold " + pos(gc), "pred " + (pos(pc) if pc is not None else "unmatched"),
                   "pred-opp" if pc in doc.opponent else "")
            cc[key] += 1
            if verbose:
                print(fname, doc.id, "CC gold:", doc.text[slice(*doc.spans[gc])].strip()[:90], "| pred:",
                      doc.text[slice(*doc.spans[pc])].strip()[:90] if pc is not None else None)
    prel = {}
    for s, t, r in p["relations"]:
        if s in m and t in m:
            prel[m[s]] = (m[t], r)
    gpar = {s: (t, r) for s, t, r in doc.relations}
    popp = {m[i] for i in p["opponent"] if i in m}
    for s, (t, r) in gpar.items():
        srcop = "opp" if s in doc.opponent else "auth"
        if s not in inv:
            rel["src unmatched", r] += 1; continue
        if s not in prel:
            rel["src no pred rel (root/unmatched tgt)", r] += 1; continue
        pt, pr = prel[s]
        if pt == t and pr == r:
            rel["OK", r, srcop] += 1
        elif pt == t:
            why = ""
            if r == "ATTACKS":
                why = "opp missed" if (s in doc.opponent and s not in popp) else (
                    "tgt opp missed" if (t in doc.opponent and t not in popp) else "other")
            else:
                why = "spurious opp src" if s in popp and s not in doc.opponent else (
                    "spurious opp tgt" if t in popp and t not in doc.opponent else "other")
            rel["type wrong", f"gold {r}", why] += 1
        else:
            gk = "gold->central" if t == gc else ("gold->prev" if t == s - 1 else ("gold->next" if t == s + 1 else "gold->other"))
            pk = "pred->central" if pt == pc else ("pred->prev" if pt == s - 1 else ("pred->next" if pt == s + 1 else "pred->other"))
            rel["target wrong", r, srcop, gk, pk] += 1
    gold_op = set(doc.opponent)
    for j in gold_op - popp:
        opp["missed", "unmatched" if j not in inv else "matched"] += 1
    for j in popp - gold_op:
        opp["spurious", doc.types[j]] += 1
    opp["tp"] += len(gold_op & popp)
    for j, kind in enumerate(doc.types):
        if j == gc:
            continue
        pk = p["labels"][inv[j]] if j in inv else "(unmatched)"
        roles[kind, pk] += 1
def show(title, c):
    print("==", title, sum(c.values()))
    for k, v in c.most_common():
        print(f"  {v:4d}  {k}")
show("central claim", cc); show("relations (gold edges)", rel); show("opponent", opp)
print("== roles gold -> pred (non-central)")
kinds = sorted({k for k, _ in roles} | {p for _, p in roles})
print("gold\\pred".ljust(16) + "".join(k[:8].rjust(9) for k in kinds))
for g in sorted({k for k, _ in roles}):
    print(g[:15].ljust(16) + "".join(str(roles[g, k]).rjust(9) for k in kinds))
