"""Readers for annotated argument corpora: CDCP's ``*.txt`` + ``*.ann.json`` and AIF JSON with gold.

Both give :class:`GoldDoc`: the text, the gold units (offsets and type), the relations
between units (SUPPORTS / ATTACKS, by unit index) and the central claim when the corpus has
one (CDCP has none: the unit with the most direct and indirect supporters stands for it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InvalidInput

SHORT_TEXTS = Path(__file__).resolve().parents[2] / "corpora" / "argmap-short"


def short_training_files(folder: Path = SHORT_TEXTS) -> list[Path]:
    """The project's gold short texts that models may learn from: every ``dev*.json`` in ``folder``, in
    name order (``test*.json`` are held out: nothing trains, tunes or evaluates on them but the lead;
    ``validation.json`` is scored to check choices, never learned from)."""
    return sorted(folder.glob("dev*.json"))


def read_short_texts(files: Sequence[Path]) -> list[GoldDoc]:
    """The documents of gold short-text files, in file then document order; a held-out file is refused."""
    docs: list[GoldDoc] = []
    for path in files:
        if path.name.startswith("test"):
            raise InvalidInput(f"{path} is held out: nothing trains, tunes or evaluates on it but the lead")
        docs += read_aif(path)
    return docs


def short_text_areas(files: Sequence[Path]) -> list[str]:
    """Each short text's ``file:subject area``, in ``read_short_texts`` order (the grouping of a
    leave-one-area-out cross-validation: one group per area of each file)."""
    out: list[str] = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data.get("documents", [data]) if isinstance(data, dict) else data
        out += [f"{path.stem}:{item.get('area', '')}" for item in items]
    return out


# CDCP proposition types and what argmap calls them
CDCP_TYPES = ("policy", "value", "fact", "testimony", "reference")
CDCP_TO_KIND = {"policy": "recommendation", "value": "claim", "fact": "evidence", "testimony": "evidence",
                "reference": "evidence"}


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    spans: list[tuple[int, int]]
    types: list[str]  # per unit: a CDCP type, or an argmap statement kind for AIF
    relations: list[tuple[int, int, str]]  # (source unit, target unit, "SUPPORTS" | "ATTACKS")
    central: int | None = None
    opponent: frozenset[int] = field(default_factory=frozenset)


def _most_supported(n: int, relations: list[tuple[int, int, str]]) -> int | None:
    """The unit with the most direct and indirect supporters (ties: the earliest), None without relations."""
    children: dict[int, list[int]] = {}
    for src, tgt, _ in relations:
        children.setdefault(tgt, []).append(src)
    if not children:
        return None

    def count(node: int, seen: set[int]) -> int:
        total = 0
        for child in children.get(node, []):
            if child not in seen:
                seen.add(child)
                total += 1 + count(child, seen)
        return total

    scores = {node: count(node, {node}) for node in children}
    return max(sorted(scores), key=lambda node: scores[node])


def read_cdcp_doc(txt: Path) -> GoldDoc:
    text = txt.read_text(encoding="utf-8")
    ann = json.loads(txt.with_suffix(".ann.json").read_text(encoding="utf-8"))
    spans = [(int(s), int(e)) for s, e in ann["prop_offsets"]]
    relations: list[tuple[int, int, str]] = []
    for key in ("reasons", "evidences"):
        for (first, last), target in ann.get(key) or []:
            for src in range(int(first), int(last) + 1):
                if src != int(target):
                    relations.append((src, int(target), "SUPPORTS"))
    relations = sorted(set(relations))
    return GoldDoc(txt.stem, text, spans, list(ann["prop_labels"]), relations,
                   _most_supported(len(spans), relations))


def read_cdcp(folder: Path) -> list[GoldDoc]:
    """Every ``NNNNN.txt`` with its ``NNNNN.ann.json`` in ``folder``, in file-name order."""
    docs = [read_cdcp_doc(p) for p in sorted(folder.glob("*.txt")) if p.with_suffix(".ann.json").exists()]
    if not docs:
        raise InvalidInput(f"no CDCP documents (NNNNN.txt + NNNNN.ann.json) in {folder}")
    return docs


# --- AIF ---------------------------------------------------------------------------------

_AIF_SCHEMES = {"RA": "SUPPORTS", "CA": "ATTACKS"}


# typographic variants a converted corpus may have changed between the source and a node's text
_SAME_CHARACTER = {"'": "['‘’]", "‘": "['‘’]", "’": "['‘’]",
                   '"': '["“”]', "“": '["“”]', "”": '["“”]',
                   "-": "[-–—]", "–": "[-–—]", "—": "[-–—]"}


def _find_quote(text: str, quote: str, cursor: int) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` from ``cursor``: verbatim, else up to whitespace and typographic
    quotes and dashes (AIF exports often re-flow a node's text), else from the start (nodes listed out of
    order)."""
    found = text.find(quote, cursor)
    if found >= 0:
        return found, found + len(quote)
    words = quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join("".join(_SAME_CHARACTER.get(c, re.escape(c)) for c in w) for w in words))
    match = pattern.search(text, cursor) or pattern.search(text)
    return (match.start(), match.end()) if match else None


def _structural_central(relations: list[tuple[int, int, str]]) -> int | None:
    """The root of the map: the one unit that others point to and that points nowhere (the central claim of a
    connected argument); None when there is no such single unit."""
    roots = sorted({tgt for _, tgt, _ in relations} - {src for src, _, _ in relations})
    return roots[0] if len(roots) == 1 else None


def _structural_opponents(central: int, relations: list[tuple[int, int, str]]) -> frozenset[int]:
    """The units on the other side of the central claim: an odd number of attacks on the way to it (what
    attacks the thesis, what supports that, what attacks an answer to it)."""
    # a unit with two targets follows the earlier one
    parent = {src: (tgt, kind) for src, tgt, kind in sorted(relations, reverse=True)}
    opponents = set()
    for unit in parent:
        side, node, seen = False, unit, set()
        while node in parent and node not in seen:
            seen.add(node)
            node, kind = parent[node]
            side ^= kind == "ATTACKS"
        if side and node == central:
            opponents.add(unit)
    return frozenset(opponents)


def read_aif_doc(data: dict[str, object], doc_id: str) -> GoldDoc:
    """One AIF JSON document with gold: ``text`` (the source), I-nodes with ``start``/``end`` offsets
    (or a ``text`` found in the source, verbatim or up to spacing and typographic quotes) and optional
    ``kind`` / ``central`` / ``opponent``; RA nodes are supports, CA nodes attacks, linked through ``edges``
    (fromID -> toID). A CA node pointing at another scheme (an undercut of an inference, or a rebuttal of an
    attack) attacks that scheme's premise, as the annotation guidelines (``corpora/argmap-short/README.md``)
    and ``importers.aif`` read it. A corpus without ``central`` flags (plain AIF) gets its map's single root as
    the central claim, and one without ``opponent`` flags the units an odd number of attacks away from it:
    both agree with the flags on every unit of the project's annotated files (``tests/test_short_corpus.py``)."""
    text = data.get("text")
    nodes = data.get("nodes")
    edges = data.get("edges")
    if not isinstance(text, str) or not isinstance(nodes, list) or not isinstance(edges, list):
        raise InvalidInput(f"{doc_id}: AIF gold needs 'text', 'nodes' and 'edges'")
    inodes = [n for n in nodes if isinstance(n, dict) and n.get("type") == "I"]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for node in inodes:
        if "start" in node and "end" in node:
            start, end = int(node["start"]), int(node["end"])
        else:
            found = _find_quote(text, str(node.get("text", "")), cursor)
            if found is None:
                raise InvalidInput(f"{doc_id}: I-node {node.get('nodeID')} text is not in the source")
            start, end = found
        cursor = end
        spans.append((start, end))
    order = sorted(range(len(inodes)), key=lambda i: spans[i])
    index = {str(inodes[i]["nodeID"]): rank for rank, i in enumerate(order)}
    kinds = {str(n.get("nodeID")): str(n.get("type")) for n in nodes if isinstance(n, dict)}
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for edge in edges:
        if isinstance(edge, dict):
            src, tgt = str(edge.get("fromID")), str(edge.get("toID"))
            outgoing.setdefault(src, []).append(tgt)
            incoming.setdefault(tgt, []).append(src)
    relations: list[tuple[int, int, str]] = []
    for scheme, kind in kinds.items():
        if kind not in _AIF_SCHEMES:
            continue
        sources = [s for s in incoming.get(scheme, []) if s in index]
        targets = [t for t in outgoing.get(scheme, []) if t in index]
        if not targets:  # an undercut (a conflict with another scheme): it attacks that scheme's premise
            targets = sorted((t2 for t in outgoing.get(scheme, []) if kinds.get(t) in _AIF_SCHEMES
                              for t2 in incoming.get(t, []) if t2 in index), key=index.__getitem__)
        relations += [(index[s], index[t], _AIF_SCHEMES[kind]) for s in sources for t in targets[:1] if s != t]
    relations = sorted(set(relations))
    ordered = [inodes[i] for i in order]
    if any("central" in n for n in ordered):
        central = next((r for r, n in enumerate(ordered) if n.get("central")), None)
    else:
        central = _structural_central(relations)
    if any("opponent" in n for n in ordered):
        opponent = frozenset(r for r, n in enumerate(ordered) if n.get("opponent"))
    else:
        opponent = _structural_opponents(central, relations) if central is not None else frozenset()
    types = [str(n.get("kind", "claim")) for n in ordered]
    return GoldDoc(doc_id, text, [spans[i] for i in order], types, relations, central, opponent)


def read_aif(path: Path) -> list[GoldDoc]:
    """An AIF JSON file (one document, or ``{"documents": [...]}``) or a folder of them."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    docs: list[GoldDoc] = []
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        items = data.get("documents", [data]) if isinstance(data, dict) else data
        for n, item in enumerate(items):
            docs.append(read_aif_doc(item, f"{file.stem}#{n}" if len(items) > 1 else file.stem))
    return docs
