"""Build an AIF gold file (``corpora/argmap-short/README.md`` "Format") from a plain-text markup, so that a
hand annotation is written next to its text (used for ``corpora/argmap-opeds/``).

Markup: documents open with ``=== id=... area=... genre=...``. A line ``[N K +M] text`` is unit N of kind K
(C claim, E evidence, R recommendation, A counterargument, B rebuttal, Q question, U quote) supporting (``+M``)
or attacking (``-M``) unit M; ``*`` after K marks the central claim, ``!`` an opponent unit. Unit lines in a row
make one paragraph (joined by a space); a blank line ends a paragraph. Any other line is text that is no unit
(title, byline, heading, pull quote, bio) and is its own paragraph; a line opening with ``|`` continues the
previous such line after a line break (a pull quote's "— Name" line).

    python scripts/gold_markup.py corpora/argmap-opeds/src/dev.txt corpora/argmap-opeds/dev.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

KINDS = {"C": "claim", "E": "evidence", "R": "recommendation", "A": "counterargument", "B": "rebuttal",
         "Q": "question", "U": "quote"}
_UNIT = re.compile(r"^\[(\d+)\s+([CERABQU])([*!]*)\s*(?:([+-])(\d+))?\s*\]\s+(.+)$")


def _document(header: str, lines: list[str]) -> dict[str, Any]:
    meta = dict(part.split("=", 1) for part in header.split()[1:])
    paragraphs: list[list[tuple[str, Any]]] = []  # each: ("unit", (...)) items or one ("text", str)
    current: list[tuple[str, Any]] = []

    def close() -> None:
        nonlocal current
        if current:
            paragraphs.append(current)
        current = []

    for line in lines:
        line = line.rstrip()
        if not line:
            close()
            continue
        unit = _UNIT.match(line)
        if unit:
            if current and current[0][0] != "unit":
                close()
            current.append(("unit", unit.groups()))
        elif line.startswith("|") and current and current[0][0] == "text":
            current[0] = ("text", current[0][1] + "\n" + line[1:].strip())
        else:
            close()
            current = [("text", line)]
    close()
    text = ""
    nodes: list[dict[str, Any]] = []
    relations: list[tuple[str, str, str]] = []
    for paragraph in paragraphs:
        if text:
            text += "\n\n"
        if paragraph[0][0] == "text":
            text += paragraph[0][1]
            continue
        for n, (_, (nid, kind, flags, sign, target, body)) in enumerate(paragraph):
            if n:
                text += " "
            start = len(text)
            text += body
            node: dict[str, Any] = {"nodeID": nid, "type": "I", "text": body, "start": start, "end": len(text),
                                    "kind": KINDS[kind]}
            if "*" in flags:
                node["central"] = True
            if "!" in flags:
                node["opponent"] = True
            nodes.append(node)
            if sign:
                relations.append((nid, target, "RA" if sign == "+" else "CA"))
    edges = []
    for k, (src, tgt, scheme) in enumerate(relations, 1):
        sid = f"{scheme.lower()}{k}"
        nodes.append({"nodeID": sid, "type": scheme, "text": "Default Inference" if scheme == "RA" else
                      "Default Conflict"})
        edges += [{"fromID": src, "toID": sid}, {"fromID": sid, "toID": tgt}]
    return {"id": meta["id"], "area": meta.get("area", ""), "genre": meta.get("genre", ""), "text": text,
            "nodes": nodes, "edges": edges}


def build(source: str) -> dict[str, Any]:
    documents = []
    header, lines = None, []  # type: ignore[var-annotated]
    for line in source.splitlines():
        if line.startswith("=== "):
            if header:
                documents.append(_document(header, lines))
            header, lines = line, []
        elif header:
            lines.append(line)
    if header:
        documents.append(_document(header, lines))
    return {"documents": documents}


if __name__ == "__main__":
    data = build(Path(sys.argv[1]).read_text(encoding="utf-8"))
    Path(sys.argv[2]).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(len(data["documents"]), "documents")
