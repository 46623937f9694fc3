"""The project's own gold corpora (``corpora/argmap-short/*.json``, ``corpora/argmap-briefs/*.json``,
``corpora/argmap-opeds/*.json``) keep their annotation invariants.

Every file in the folders is checked (dev.json here; test.json too wherever it is present), so a
hand edit that breaks a document fails here rather than silently skewing ``argmap eval``. The op-eds hold text that is
no unit (titles, bylines, headings, pull quotes, closing bios): their units must be exactly what the mined body holds.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from graph.errors import InvalidInput
from importers.mining import body_blocks
from importers.mining.corpora import read_aif_doc

ROOT = Path(__file__).resolve().parent.parent
SHORT_CORPUS = ROOT / "corpora" / "argmap-short"
OPEDS_CORPUS = ROOT / "corpora" / "argmap-opeds"
BRIEFS_CORPUS = ROOT / "corpora" / "argmap-briefs"  # policy briefs with headings and lists, same format and checks
KINDS = {"claim", "evidence", "recommendation", "counterargument", "rebuttal", "question", "quote"}
SCHEMES = {"RA", "CA"}


def _span(doc: dict[str, Any], node: dict[str, Any], cursor: int) -> tuple[int, int]:
    text = doc["text"]
    if "start" in node and "end" in node:
        return int(node["start"]), int(node["end"])
    found = text.find(str(node.get("text", "")), cursor)
    return (found, found + len(str(node.get("text", "")))) if found >= 0 else (-1, -1)


def problems(doc: dict[str, Any], doc_id: str) -> list[str]:
    """What is wrong with one gold document (empty when it keeps every invariant)."""
    found: list[str] = []
    try:
        read_aif_doc(doc, doc_id)
    except (InvalidInput, KeyError, TypeError, ValueError) as error:
        return [f"does not parse: {error}"]
    text: str = doc["text"]
    nodes = {str(n["nodeID"]): n for n in doc["nodes"]}
    if len(nodes) != len(doc["nodes"]):
        found.append("duplicate nodeID")
    units = [n for n in doc["nodes"] if n.get("type") == "I"]
    unit_ids = {str(n["nodeID"]) for n in units}
    cursor = 0
    spans: list[tuple[int, int, str]] = []
    for node in units:
        start, end = _span(doc, node, cursor)
        cursor = max(cursor, end)
        nid = str(node["nodeID"])
        if not 0 <= start < end <= len(text):
            found.append(f"unit {nid}: span {start}-{end} is outside the text")
            continue
        if "text" in node and text[start:end] != node["text"]:
            found.append(f"unit {nid}: its text is not the source's slice {start}-{end}")
        if text[start:end] != text[start:end].strip():
            found.append(f"unit {nid}: span starts or ends with white space")
        if node.get("kind") not in KINDS:
            found.append(f"unit {nid}: unknown kind {node.get('kind')!r}")
        spans.append((start, end, nid))
    spans.sort()
    for (_, end, first), (start, _, second) in zip(spans, spans[1:], strict=False):
        if start < end:
            found.append(f"units {first} and {second} overlap")
    central = [str(n["nodeID"]) for n in units if n.get("central")]
    if len(central) != 1:
        return [*found, f"{len(central)} central claims instead of exactly one"]
    if nodes[central[0]].get("opponent"):
        found.append("the central claim is marked as an opponent unit")
    outgoing: dict[str, list[str]] = {}
    incoming: dict[str, list[str]] = {}
    for edge in doc["edges"]:
        src, tgt = str(edge["fromID"]), str(edge["toID"])
        if src not in nodes or tgt not in nodes:
            found.append(f"edge {src}->{tgt} names a missing node")
            continue
        outgoing.setdefault(src, []).append(tgt)
        incoming.setdefault(tgt, []).append(src)
    parent: dict[str, str] = {}
    for nid, node in nodes.items():
        if node.get("type") in SCHEMES:
            sources, targets = incoming.get(nid, []), outgoing.get(nid, [])
            if len(sources) != 1 or len(targets) != 1 or sources[0] not in unit_ids or targets[0] not in unit_ids:
                found.append(f"scheme {nid} does not link exactly one unit to exactly one unit")
        elif node.get("type") != "I":
            found.append(f"node {nid} has type {node.get('type')!r} (only I, RA, CA)")
    for nid in unit_ids:
        schemes = [s for s in outgoing.get(nid, []) if nodes[s].get("type") in SCHEMES]
        if nid == central[0]:
            if schemes:
                found.append("the central claim has an outgoing relation")
            continue
        if len(schemes) != 1:
            found.append(f"unit {nid} has {len(schemes)} outgoing relations instead of one")
            continue
        targets = outgoing.get(schemes[0], [])
        if len(targets) == 1 and targets[0] in unit_ids:
            parent[nid] = targets[0]
    for nid in sorted(parent):
        seen = {nid}
        node_id = nid
        while node_id in parent:
            node_id = parent[node_id]
            if node_id in seen:
                found.append(f"unit {nid} is on a cycle")
                break
            seen.add(node_id)
        else:
            if node_id != central[0]:
                found.append(f"unit {nid} does not reach the central claim")
    return found


def _files() -> list[Path]:
    # the second annotations in agreement/ too, the briefs' and the op-eds' gold
    return [*sorted(SHORT_CORPUS.rglob("*.json")), *sorted(BRIEFS_CORPUS.glob("*.json")),
            *sorted(OPEDS_CORPUS.glob("*.json"))]


def _documents(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    documents: list[dict[str, Any]] = data["documents"]
    return documents


def test_the_dev_half_is_there() -> None:
    assert (SHORT_CORPUS / "dev.json").is_file()
    assert len(_documents(SHORT_CORPUS / "dev.json")) >= 25
    assert len(_documents(OPEDS_CORPUS / "dev.json")) >= 10 and len(_documents(OPEDS_CORPUS / "validation.json")) >= 6


@pytest.mark.parametrize("path", sorted(OPEDS_CORPUS.glob("*.json")), ids=lambda p: p.name)
def test_the_op_eds_units_are_the_mined_body(path: Path) -> None:
    """Every unit lies in a block ``body_blocks`` keeps, and every such block holds units: titles, bylines,
    headings, pull quotes and bios are no units, and ``argmap eval`` reads the same body."""
    report = {}
    for doc in _documents(path):
        units = [(int(n["start"]), int(n["end"])) for n in doc["nodes"] if n["type"] == "I"]
        body = body_blocks(doc["text"])
        outside = [doc["text"][s:e] for s, e in units if not any(b.start <= s and e <= b.end for b in body)]
        empty = [b.text for b in body if not any(b.start <= s and e <= b.end for s, e in units)]
        if outside or empty:
            report[doc["id"]] = (outside, empty)
    assert report == {}


@pytest.mark.parametrize("path", _files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_document_keeps_the_annotation_invariants(path: Path) -> None:
    documents = _documents(path)
    assert documents
    report = {f"{path.stem}#{n}": problems(doc, f"{path.stem}#{n}") for n, doc in enumerate(documents)}
    assert {doc_id: found for doc_id, found in report.items() if found} == {}


@pytest.mark.parametrize("path", _files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_document_ids_are_unique_within_a_file(path: Path) -> None:
    ids = [doc.get("id") for doc in _documents(path) if "id" in doc]
    assert len(ids) == len(set(ids))


def _broken(kind: str) -> dict[str, Any]:
    doc = copy.deepcopy(_documents(SHORT_CORPUS / "dev.json")[0])
    units = [n for n in doc["nodes"] if n["type"] == "I"]
    central = next(n for n in units if n.get("central"))
    other = next(n for n in units if not n.get("central"))
    if kind == "two central claims":
        other["central"] = True
    elif kind == "no relation":
        scheme = next(e["toID"] for e in doc["edges"] if e["fromID"] == other["nodeID"])
        doc["edges"] = [e for e in doc["edges"] if scheme not in (e["fromID"], e["toID"])]
        doc["nodes"] = [n for n in doc["nodes"] if n["nodeID"] != scheme]
    elif kind == "two relations":
        doc["nodes"].append({"nodeID": "extra", "type": "CA"})
        doc["edges"] += [{"fromID": other["nodeID"], "toID": "extra"}, {"fromID": "extra", "toID": central["nodeID"]}]
    elif kind == "cycle":
        doc["nodes"].append({"nodeID": "extra", "type": "RA"})
        doc["edges"] += [{"fromID": central["nodeID"], "toID": "extra"}, {"fromID": "extra", "toID": other["nodeID"]}]
    elif kind == "overlap":
        other["start"] = central["start"] + 1
        other["end"] = other["start"] + len(other["text"])
        del other["text"]
    elif kind == "outside the text":
        other["end"] = len(doc["text"]) + 5
        del other["text"]
    elif kind == "text not in the source":
        other["text"] = other["text"] + " Indeed."
        del other["start"], other["end"]
    return doc


@pytest.mark.parametrize("kind", ["two central claims", "no relation", "two relations", "cycle", "overlap",
                                  "outside the text", "text not in the source"])
def test_the_checks_catch_a_broken_copy(kind: str) -> None:
    assert problems(_broken(kind), "broken") != []


def _plain_aif(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as a plain AIF corpus would give it: no ``central`` / ``opponent`` flags."""
    plain = copy.deepcopy(doc)
    for node in plain["nodes"]:
        node.pop("central", None)
        node.pop("opponent", None)
    return plain


@pytest.mark.parametrize("path", _files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_plain_aif_gets_the_annotated_central_claim_and_opponents_from_the_structure(path: Path) -> None:
    for n, doc in enumerate(_documents(path)):
        flagged = read_aif_doc(doc, f"{path.stem}#{n}")
        plain = read_aif_doc(_plain_aif(doc), f"{path.stem}#{n}")
        assert (plain.central, plain.opponent) == (flagged.central, flagged.opponent), f"{path.stem}#{n}"
        assert plain.central is not None


def test_plain_aif_with_two_roots_has_no_central_claim_or_opponents() -> None:
    text = "Cities should tax cars. Buses are cheap. Parking is scarce. Parks are nice."
    nodes = [{"nodeID": str(i), "type": "I", "text": t} for i, t in enumerate(
        ["Cities should tax cars.", "Buses are cheap.", "Parking is scarce.", "Parks are nice."])]
    nodes += [{"nodeID": "a", "type": "RA"}, {"nodeID": "b", "type": "CA"}]
    edges = [{"fromID": "1", "toID": "a"}, {"fromID": "a", "toID": "0"},
             {"fromID": "2", "toID": "b"}, {"fromID": "b", "toID": "3"}]
    doc = read_aif_doc({"text": text, "nodes": nodes, "edges": edges}, "two roots")
    assert doc.central is None and doc.opponent == frozenset()
    one_root = read_aif_doc({"text": text, "nodes": nodes,
                             "edges": [*edges, {"fromID": "3", "toID": "a"}]}, "one root")
    assert one_root.central == 0 and one_root.opponent == frozenset({2})


def test_a_node_text_reflowed_by_an_export_is_found_at_its_place_in_the_source() -> None:
    text = "We should act now.\nThe “plan” is\ncheap – and it works. It isn't late."
    nodes = [{"nodeID": "c", "type": "I", "text": "We should act now."},
             {"nodeID": "p", "type": "I", "text": 'The "plan" is cheap - and it  works.'},
             {"nodeID": "q", "type": "I", "text": "It isn’t late."},
             {"nodeID": "r", "type": "RA"}, {"nodeID": "s", "type": "RA"}]
    edges = [{"fromID": "q", "toID": "s"}, {"fromID": "s", "toID": "c"},
             {"fromID": "p", "toID": "r"}, {"fromID": "r", "toID": "c"}]
    doc = read_aif_doc({"text": text, "nodes": nodes, "edges": edges}, "reflowed")
    assert [text[s:e] for s, e in doc.spans] == ["We should act now.", "The “plan” is\ncheap – and it works.",
                                                  "It isn't late."]
    assert doc.central == 0 and doc.relations == [(1, 0, "SUPPORTS"), (2, 0, "SUPPORTS")]
