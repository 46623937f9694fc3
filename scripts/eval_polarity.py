"""Which side of an argument a statement is on: the map against the stance model (`make eval-polarity`).

/compare labels two aligned passages agree / disagree from their stances. A statement's stance can
come from its own wording (the stance model, graph.stance) or from the map: what supports a position
shares its stance, what attacks it opposes it (graph.compare.map_polarity). This scores both on the
argmap-short gold, where every unit's side is known: toward the text's central claim, a unit is +1
when its gold path to it holds an even number of attacks, -1 when odd. The central claim's own text
is the topic the stance model is asked about. The map is the pipeline's, predicted on the gold units;
a unit the predicted map does not put under the central claim keeps the stance model's answer, as in
/compare. Baseline from the same run: every unit +1 ("for"). Default files: `validation.json` and
`validation3.json`, which no model was trained or tuned on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import stance  # noqa: E402
from graph.compare import map_polarity  # noqa: E402
from graph.model import Relation, RelationType  # noqa: E402
from importers.mining.corpora import GoldDoc, read_aif  # noqa: E402
from importers.mining.evaluate import pipeline  # noqa: E402

SHORT = ROOT / "corpora" / "argmap-short"


def _relations(relations: list[tuple[int, int, str]]) -> list[Relation]:
    return [Relation(str(s), str(t), RelationType(r)) for s, t, r in relations]


def score(docs: list[GoldDoc]) -> dict[str, float]:
    """Accuracy of each way of telling a unit's side toward the central claim, over every non-central unit."""
    right = {"every unit for": 0, "stance model": 0, "map (stance model outside it)": 0}
    total = 0
    for doc in docs:
        if doc.central is None:
            continue
        root = str(doc.central)
        gold = map_polarity(_relations(doc.relations), root)
        units = [i for i in range(len(doc.spans)) if str(i) in gold and str(i) != root]
        if not units:
            continue
        predicted = map_polarity(_relations(pipeline(doc, doc.spans).relations), root)
        topic = doc.text[slice(*doc.spans[doc.central])]
        worded = stance.model().stances(topic, [doc.text[slice(*doc.spans[i])] for i in units])
        for i, value in zip(units, worded, strict=True):
            side, model_side = gold[str(i)], 1 if value > 0 else -1
            total += 1
            right["every unit for"] += side == 1
            right["stance model"] += model_side == side
            right["map (stance model outside it)"] += predicted.get(str(i), model_side) == side
    return {"units": total, **{name: round(count / max(total, 1), 3) for name, count in right.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path,
                        default=[SHORT / "validation.json", SHORT / "validation3.json"])
    args = parser.parse_args()
    names = ["units", "every unit for", "stance model", "map (stance model outside it)"]
    print("| file | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for path in args.files:
        result = score(read_aif(path))
        print(f"| {path.name} | " + " | ".join(str(result[n]) for n in names) + " |")


if __name__ == "__main__":
    main()
