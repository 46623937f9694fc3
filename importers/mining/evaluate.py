"""``argmap eval``: score the argument-mining pipeline on an annotated corpus (CDCP's format or
AIF JSON with gold), next to the trivial baselines "every unit supports the first" and "every
unit supports the last", computed in the same run on the same units.

Two settings: ``predicted`` units (the pipeline segments the raw text, as ``parse_document``
does) and ``gold`` units (the corpus's own units are given, as in the CDCP literature). A
predicted unit matches a gold unit when their character ranges overlap by at least half of
each (one-to-one, in text order). Relations count when both ends match; "labelled" also needs
the same type (SUPPORTS / ATTACKS).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.mining import mine_spans, mine_text
from importers.mining.corpora import CDCP_TO_KIND, CDCP_TYPES, GoldDoc, read_aif, read_cdcp
from importers.mining.model import Models, load
from importers.mining.pipeline import analyse, sparse_links
from importers.mining.units import segment
from importers.structure import blocks


@dataclass(frozen=True)
class Prediction:
    spans: list[tuple[int, int]]
    labels: list[str]  # CDCP types when the gold has them, else statement kinds
    relations: list[tuple[int, int, str]]
    central: int | None
    opponent: frozenset[int]


Predictor = Callable[[GoldDoc, list[tuple[int, int]] | None], Prediction]


def _gold_is_cdcp(doc: GoldDoc) -> bool:
    return all(t in CDCP_TYPES for t in doc.types)


def pipeline(doc: GoldDoc, spans: list[tuple[int, int]] | None, sparse: bool = False,
             models: Models | None = None) -> Prediction:
    """The stored tree (or with ``sparse`` the independent links) of the given weights (default: the shipped ones)."""
    if spans is None:
        found = mine_text(doc.text, models=models)
        spans = [(u.start, u.end) for u in found.units]
        mined = found.mined
    else:
        mined = mine_spans(doc.text, spans, models=models)
    labels = mined.types if _gold_is_cdcp(doc) else mined.kinds
    relations = [(i, p, r) for i, (p, r) in enumerate(zip(mined.parents, mined.relations, strict=True))
                 if p is not None and r is not None]
    if sparse:
        texts = [doc.text[s:e].strip() or doc.text[s:e] for s, e in spans]
        models = models or load()
        analysis = analyse(texts, [doc.text.count("\n\n", 0, s) for s, _ in spans], models=models)
        relations = [(i, j, "ATTACKS" if mined.opponent[i] else "SUPPORTS")
                     for i, j in sparse_links(analysis, models.link_threshold, models)]
    return Prediction(spans, labels, relations, mined.central,
                      frozenset(i for i, k in enumerate(mined.kinds) if k == "counterargument"))


def _sentences(doc: GoldDoc) -> list[tuple[int, int]]:
    return [(u.start, u.end) for u in segment(doc.text, blocks(doc.text), clauses=False)]


def _majority(doc: GoldDoc) -> str:
    return "value" if _gold_is_cdcp(doc) else "claim"


def first_baseline(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
    spans = _sentences(doc) if spans is None else spans
    return Prediction(spans, [_majority(doc)] * len(spans), [(i, 0, "SUPPORTS") for i in range(1, len(spans))],
                      0 if spans else None, frozenset())


def last_baseline(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
    spans = _sentences(doc) if spans is None else spans
    last = len(spans) - 1
    return Prediction(spans, [_majority(doc)] * len(spans), [(i, last, "SUPPORTS") for i in range(last)],
                      last if spans else None, frozenset())


def sparse_pipeline(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
    """Each unit's most likely target when its learned probability reaches the threshold chosen on the
    training data, no tree: CDCP-style sparse maps (imports always keep the connected tree)."""
    return pipeline(doc, spans, sparse=True)


def imported(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
    """What ``argmap import`` makes of the raw text (the detected importer, with its headings, lists, title thesis
    and genre rules): its statements as units (their own, the given ones are ignored), their kinds, relations, the
    thesis as the central claim and the counterarguments as opponent units."""
    from importers import parse_document  # the importers use this package: imported when scored

    graph = parse_document(doc.text)
    statements = sorted((s for s in graph.statements if 0 <= s.start < s.end <= len(doc.text)),
                        key=lambda s: (s.start, s.end))
    index = {s.id: i for i, s in enumerate(statements)}
    relations = [(index[r.source], index[r.target], r.type.value) for r in graph.relations
                 if r.source in index and r.target in index]
    central = next((i for i, s in enumerate(statements) if s.kind.value == "thesis"), None)
    return Prediction([(s.start, s.end) for s in statements], [s.kind.value for s in statements], relations, central,
                      frozenset(i for i, s in enumerate(statements) if s.kind.value == "counterargument"))


PREDICTORS: dict[str, Predictor] = {"argmap": pipeline, "argmap-sparse": sparse_pipeline, "first": first_baseline,
                                    "last": last_baseline}


def match_units(text: str, gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> dict[int, int]:
    """predicted index -> gold index, for ranges overlapping by at least half of each (blanks ignored)."""

    def core(span: tuple[int, int]) -> tuple[int, int]:
        s, e = span
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return s, e

    g = [core(x) for x in gold]
    mapping: dict[int, int] = {}
    used: set[int] = set()
    j0 = 0
    for i, span in enumerate(pred):
        ps, pe = core(span)
        while j0 < len(g) and g[j0][1] <= ps:
            j0 += 1
        for j in range(j0, len(g)):
            gs, ge = g[j]
            if gs >= pe:
                break
            overlap = min(pe, ge) - max(ps, gs)
            if j not in used and overlap * 2 >= (pe - ps) and overlap * 2 >= (ge - gs):
                mapping[i] = j
                used.add(j)
                break
    return mapping


class _Counts:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: set[object], gold: set[object]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score(docs: Sequence[GoldDoc], predictor: Predictor, units: str) -> dict[str, object]:
    seg, labelled, unlabelled, opponent = _Counts(), _Counts(), _Counts(), _Counts()
    per_type = {"SUPPORTS": _Counts(), "ATTACKS": _Counts()}
    label_counts: dict[str, _Counts] = {}
    central_hits = central_total = 0
    for doc in docs:
        pred = predictor(doc, list(doc.spans) if units == "gold" else None)
        mapping = match_units(doc.text, doc.spans, pred.spans)
        seg.add({mapping[i] for i in mapping}, set(range(len(doc.spans))))
        seg.fp += len(pred.spans) - len(mapping)
        gold_rel = set(doc.relations)
        pred_rel = {(mapping[s], mapping[t], r) for s, t, r in pred.relations if s in mapping and t in mapping}
        pred_unmatched = sum(1 for s, t, _ in pred.relations if s not in mapping or t not in mapping)
        labelled.add(set(pred_rel), set(gold_rel))
        labelled.fp += pred_unmatched
        unlabelled.add({(s, t) for s, t, _ in pred_rel}, {(s, t) for s, t, _ in gold_rel})
        unlabelled.fp += pred_unmatched
        for kind, counts in per_type.items():
            counts.add({x for x in pred_rel if x[2] == kind}, {x for x in gold_rel if x[2] == kind})
            counts.fp += sum(1 for s, t, r in pred.relations if r == kind and (s not in mapping or t not in mapping))
        if doc.central is not None:
            central_total += 1
            central_hits += int(pred.central is not None and mapping.get(pred.central) == doc.central)
        if doc.opponent or units == "predicted" or pred.opponent:
            opponent.add({mapping.get(i, -1 - i) for i in pred.opponent}, set(doc.opponent))
        for i, j in mapping.items():
            if j == doc.central and not _gold_is_cdcp(doc):
                continue  # the thesis is scored by central-claim accuracy; CDCP's derived one keeps its type
            gold_label, pred_label = doc.types[j], pred.labels[i]
            for label in {gold_label, pred_label}:
                counts = label_counts.setdefault(label, _Counts())
                counts.tp += int(gold_label == pred_label == label)
                counts.fp += int(pred_label == label != gold_label)
                counts.fn += int(gold_label == label != pred_label)
    gold_labels = sorted({t for d in docs for j, t in enumerate(d.types) if j != d.central or _gold_is_cdcp(d)})
    gold_kinds = {r for d in docs for _, _, r in d.relations}
    annotates_opponent = any(d.opponent for d in docs)
    role_f1 = {label: label_counts.get(label, _Counts()).prf()["f1"] for label in gold_labels}
    return {
        "documents": len(docs),
        "segmentation": seg.prf(),
        "central_claim_accuracy": round(central_hits / central_total, 4) if central_total else None,
        "role_macro_f1": round(sum(role_f1.values()) / len(role_f1), 4) if role_f1 else None,
        "role_f1": role_f1,
        "relations_labelled": labelled.prf(),
        "relations_unlabelled": unlabelled.prf(),
        # a measure the corpus does not annotate (CDCP has no attacks, no opponent units) is None, not 0
        "relations_per_type": {kind: counts.prf() if kind in gold_kinds else None for kind, counts in per_type.items()},
        "opponent_units": opponent.prf() if annotates_opponent else None,
    }


def annotation(other: Sequence[GoldDoc]) -> Predictor:
    """A second annotation of the same texts as a predictor, for agreement between annotators: its own units,
    kinds, relations, central claim and opponent units (the units it is given are ignored). Documents are
    matched by their text, which the offsets of both annotations point into."""
    by_text = {doc.text: doc for doc in other}

    def predict(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
        second = by_text[doc.text]
        return Prediction(list(second.spans), list(second.types), list(second.relations), second.central,
                          second.opponent)

    return predict


def shared_documents(gold: Sequence[GoldDoc], other: Sequence[GoldDoc]) -> list[GoldDoc]:
    """The gold documents whose exact text the other annotation also annotates; ValueError when none is."""
    texts = {doc.text for doc in other}
    shared = [doc for doc in gold if doc.text in texts]
    if not shared:
        raise ValueError("the two annotations share no document text")
    return shared


def evaluate(docs: Sequence[GoldDoc], settings: Sequence[str] = ("predicted", "gold"),
             predictors: dict[str, Predictor] | None = None) -> dict[str, object]:
    """Every predictor (default: the pipeline's and the baselines) in every unit setting:
    ``{setting: {predictor: scores}}``."""
    chosen = PREDICTORS if predictors is None else predictors
    return {units: {name: score(docs, predictor, units) for name, predictor in chosen.items()}
            for units in settings}


def load_corpus(path: Path, fmt: str = "auto") -> list[GoldDoc]:
    if fmt == "auto":
        fmt = "aif" if path.suffix == ".json" or (path.is_dir() and not list(path.glob("*.ann.json"))) else "cdcp"
    return read_aif(path) if fmt == "aif" else read_cdcp(path)


_ROWS: list[tuple[str, Callable[[Any], object]]] = [
    ("unit segmentation F1", lambda s: s["segmentation"]["f1"]),
    ("central-claim accuracy", lambda s: s["central_claim_accuracy"]),
    ("role macro-F1 (all but the central claim)", lambda s: s["role_macro_f1"]),
    ("relations labelled F1", lambda s: s["relations_labelled"]["f1"]),
    ("relations labelled P / R", lambda s: f"{s['relations_labelled']['precision']:.3f} / "
                                           f"{s['relations_labelled']['recall']:.3f}"),
    ("relations unlabelled F1", lambda s: s["relations_unlabelled"]["f1"]),
    ("SUPPORTS F1", lambda s: (s["relations_per_type"]["SUPPORTS"] or {}).get("f1")),
    ("ATTACKS F1", lambda s: (s["relations_per_type"]["ATTACKS"] or {}).get("f1")),
    ("opponent-unit F1", lambda s: (s["opponent_units"] or {}).get("f1")),
]


def markdown(results: dict[str, object], title: str = "argmap eval") -> str:
    lines = [f"### {title}", ""]
    for units, by_predictor in results.items():
        assert isinstance(by_predictor, dict)
        docs = next(iter(by_predictor.values()))["documents"]
        lines += [f"{units} units ({docs} documents)", "", *score_table(by_predictor, _ROWS), ""]
    return "\n".join(lines)


def score_table(by_name: dict[str, Any], rows: Sequence[tuple[str, Callable[[Any], Any]]]) -> list[str]:
    """Markdown rows: one column per predictor (``by_name``), one row per measure (label, getter)."""
    names = list(by_name)
    lines = ["| measure | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for label, get in rows:
        cells = []
        for name in names:
            value = get(by_name[name])
            cells.append("n/a" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value)))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def run(path: Path, fmt: str = "auto", settings: Sequence[str] = ("predicted", "gold"),
        against: Path | None = None, importers: bool = False) -> tuple[str, str]:
    """(JSON, Markdown) for the corpus at ``path``; with ``against``, that second annotation of the same
    texts is scored instead of the pipeline (inter-annotator agreement, on its own units), next to the
    baselines on the same documents; with ``importers``, what ``argmap import`` makes of each text (``imported``:
    the detected importer's statements and links) is scored on predicted units next to the pipeline and the
    baselines."""
    if importers and against is not None:
        raise ValueError("--importers scores the importers against the corpus, --against a second annotation: "
                         "give one of them")
    docs = load_corpus(path, fmt)
    if importers:
        results = evaluate(docs, ("predicted",), {"import": imported, **PREDICTORS})
        return json.dumps(results, indent=2, sort_keys=True), markdown(results, f"argmap eval --importers: {path.name}")
    if against is None:
        results = evaluate(docs, settings)
        return json.dumps(results, indent=2, sort_keys=True), markdown(results, f"argmap eval: {path.name}")
    other = load_corpus(against, fmt)
    docs = shared_documents(docs, other)
    results = evaluate(docs, ("predicted",), {against.stem: annotation(other), "first": first_baseline,
                                              "last": last_baseline})
    return (json.dumps(results, indent=2, sort_keys=True),
            markdown(results, f"argmap eval: {against.name} against {path.name}"))


__all__ = ["CDCP_TO_KIND", "PREDICTORS", "Prediction", "annotation", "evaluate", "imported", "load_corpus",
           "markdown",
           "match_units", "run", "score", "shared_documents"]
