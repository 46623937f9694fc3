"""Build dev.json / validation.json from the marked-up briefs in src/dev and src/validation.

A unit is written inline as [[id kind S>target|text]] (S: supports, A: attacks; flags after the target:
c = central claim, o = opponent unit); everything outside the brackets (title, headings, bylines, list markers)
is text but no unit. Run: python3 corpora/argmap-briefs/src/build.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNIT = re.compile(r"\[\[(\w+) (\w+)(?: ([SA])>(\w+))?((?: [co]+)?)\|(.*?)\]\]")


def build(path: Path) -> dict[str, object]:
    marked = path.read_text(encoding="utf-8").rstrip("\n")
    text, units, cursor = [], [], 0
    length = 0
    for match in UNIT.finditer(marked):
        before = marked[cursor:match.start()]
        text.append(before)
        length += len(before)
        uid, kind, rel, target, flags, body = match.groups()
        units.append((uid, kind, rel, target, flags.strip(), length, length + len(body), body))
        text.append(body)
        length += len(body)
        cursor = match.end()
    text.append(marked[cursor:])
    source = "".join(text)
    nodes: list[dict[str, object]] = []
    edges: list[dict[str, str]] = []
    for uid, kind, rel, target, flags, start, end, body in units:
        assert source[start:end] == body
        node: dict[str, object] = {"nodeID": uid, "type": "I", "text": body, "start": start, "end": end, "kind": kind}
        if "c" in flags:
            node["central"] = True
        if "o" in flags:
            node["opponent"] = True
        nodes.append(node)
        if rel:
            scheme = f"{uid}-{'RA' if rel == 'S' else 'CA'}"
            nodes.append({"nodeID": scheme, "type": "RA" if rel == "S" else "CA"})
            edges += [{"fromID": uid, "toID": scheme}, {"fromID": scheme, "toID": target}]
    name = path.stem
    return {"id": name, "area": name.split("-", 1)[1], "genre": "brief", "text": source, "nodes": nodes,
            "edges": edges}


def main() -> None:
    for split in ("dev", "validation"):
        documents = [build(p) for p in sorted((HERE / split).glob("*.txt"))]
        out = HERE.parent / f"{split}.json"
        out.write_text(json.dumps({"documents": documents}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(out, len(documents), sum(sum(n["type"] == "I" for n in d["nodes"]) for d in documents), "units")


if __name__ == "__main__":
    main()
