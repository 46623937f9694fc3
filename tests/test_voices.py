"""Voices and attacks: the committed ``voices.npz`` loads for today's features, and the learned models
find an opposing voice, the attack it makes and the reply attacking it in a text written for this test."""

from __future__ import annotations

import numpy as np

from importers.mining import features as F
from importers.mining import mine_text
from importers.mining import voices as V

# written for this test; no corpus or seed sentence
TEXT = ("Our village should keep its weekly market. It brings farmers and families together every Saturday. "
        "Some residents complain that the stalls block the main road. But the road is closed for only four "
        "hours, and shops nearby sell more on market days.")


def test_the_trained_voices_load_for_the_current_features() -> None:
    voices = V.load()
    assert voices.opponent.weight.shape == (1, len(V.OPPONENT_NAMES))
    assert voices.rebut.weight.shape == (1, len(V.REBUT_NAMES))
    assert voices.relation.weight.shape == (1, len(V.RELATION_NAMES))
    assert 0 < voices.opponent_threshold < 1 and 0 < voices.rebut_threshold < 1
    with np.load(V.VOICES, allow_pickle=False) as f:
        data = {key: f[key] for key in f.files}
    again = V.from_arrays(data)
    for part in ("opponent", "rebut", "relation"):
        assert np.array_equal(getattr(again, part).weight, getattr(voices, part).weight)


def test_a_short_text_gets_an_opponent_an_attack_and_a_rebuttal() -> None:
    found = mine_text(TEXT)
    mined = found.mined
    quotes = [found.quote(TEXT, i) for i in range(len(found.units))]
    voice = next(i for i, q in enumerate(quotes) if q.startswith("Some residents"))
    reply = next(i for i, q in enumerate(quotes) if q.startswith("But the road"))
    assert mined.opponent[voice] and mined.kinds[voice] == "counterargument"
    assert mined.relations[voice] == "ATTACKS" and mined.parents[voice] is not None
    assert not mined.opponent[reply]
    assert (mined.parents[reply], mined.relations[reply]) == (voice, "ATTACKS")
    # the author's own units are not opposing voices
    assert not any(mined.opponent[i] for i in range(voice))


def test_the_opponent_model_reads_the_markers_not_the_position() -> None:
    # the same sentence without its opposing-voice opening and without the "But" reply is the author's
    plain = TEXT.replace("Some residents complain that the", "The").replace("But the road", "The road")
    found = mine_text(plain)
    assert not any(found.mined.opponent)
    assert "ATTACKS" not in found.mined.relations


def test_features_have_their_names() -> None:
    doc = F.doc_features(["A unit here.", "Critics say it fails.", "But it works."], [0, 0, 0])
    assert V.opponent_features(doc).shape == (3, len(V.OPPONENT_NAMES))
    pairs = [(2, 1), (1, 0)]
    assert V.pair_features(doc, np.asarray([0.1, 0.9, 0.1], np.float32), pairs, 0).shape == (2, len(V.PAIR_NAMES))


def test_opponent_features_read_the_neighbours_of_the_same_paragraph() -> None:
    """A unit's next_/prev_ columns are its neighbour's own markers and cues inside its paragraph, zero at the
    ends and across a paragraph break; the rule columns are the rule of the unit and of its neighbours."""
    texts = ["Some people say the market is too loud.", "But it closes at noon.", "Of course, it costs money.",
             "Yet the council earns more than it spends.", "Many say so."]
    doc = F.doc_features(texts, [0, 0, 0, 1, 1])
    rows = V.opponent_features(doc)
    col = {name: k for k, name in enumerate(V.OPPONENT_NAMES)}
    flags, _ = V._cues(doc)
    rule = V.rule_opponents(doc)
    same_next = [True, True, False, True, False]
    for i in range(doc.n):
        for name in V._NEXT:
            own = doc.marker(i + 1, name) if i + 1 < doc.n else 0.0
            assert rows[i, col[f"next_{name}"]] == (own if same_next[i] else 0.0)
        for name in V._PREV:
            own = doc.marker(i - 1, name) if i else 0.0
            assert rows[i, col[f"prev_{name}"]] == (own if i and same_next[i - 1] else 0.0)
        assert rows[i, col["next_exists"]] == (i + 1 < doc.n)
        assert rows[i, col["next_same_block"]] == same_next[i]
        assert rows[i, col["prev_granting"]] == (flags[i - 1, 0] if i and same_next[i - 1] else 0.0)
        assert rows[i, col["rule"]] == rule[i]
        assert rows[i, col["rule_prev"]] == (rule[i - 1] if i else 0.0)
        assert rows[i, col["rule_next"]] == (rule[i + 1] if i + 1 < doc.n else 0.0)
        assert rows[i, col["rule_prev2"]] == (rule[i - 2] if i >= 2 else 0.0)
    assert rows[0, col["next_same_block"]] == 1 and rows[2, col["next_exists"]] == 1
    assert any(rule) and rows[:, [col[f"own_{name}"] for name in V._OWN]].sum() > 0


def test_the_cue_patterns_run_only_when_a_literal_every_match_holds_is_there() -> None:
    """The gates of the cue patterns are necessary conditions: on every unit where a pattern matches, one of its
    gate's literals is in the text (else the gated cue would miss a match the pattern finds)."""
    from importers.mining.corpora import read_cdcp
    from importers.mining.units import segment
    from importers.structure import blocks
    from services.settings import PROJECT_ROOT

    texts = [d.text for d in read_cdcp(PROJECT_ROOT / "corpora" / "cdcp" / "test")]
    units = [t[u.start:u.end].lower() for t in texts for u in segment(t, blocks(t))]
    units += [s.lower() for s in ("Some residents have long argued that it costs too much.", "They may say so.",
                                  "Critics keep telling us the plan is so-called reform.", "People often worry.",
                                  "The scheme is, supposedly, cheaper on paper; in theory it could work.",
                                  "Retailers point out that they fear losses.", "Many parents find it hard.")]
    gates = [(V._MAY.search, V._MAY_WORDS), (V._SUPPOSED.search, V._SUPPOSED_WORDS)]
    for find, keys in gates:
        matched = [low for low in units if find(low)]
        assert matched, keys  # the check has something to check
        assert all(V._has_any(low, keys) for low in matched), keys


def test_pair_features_of_some_names_are_those_columns_of_all() -> None:
    """Each model asks only for its own columns; they are the same numbers as those columns of the full rows."""
    found = mine_text(TEXT)
    doc = F.doc_features([found.quote(TEXT, i) for i in range(len(found.units))], [u.block for u in found.units])
    opponent = np.asarray(found.mined.opponent, np.float32)
    pairs = [(i, j) for i in range(doc.n) for j in range(doc.n) if i != j]
    full = V.pair_features(doc, opponent, pairs, 0)
    for names, columns in ((V.REBUT_NAMES, V.REBUT_COLUMNS), (V.TARGET_NAMES, V.TARGET_COLUMNS),
                           (V.RELATION_NAMES, V.RELATION_COLUMNS)):
        assert np.array_equal(V.pair_features(doc, opponent, pairs, 0, names), full[:, columns])
    assert full[:, V.PAIR_NAMES.index("between_opponent")].max() > 0  # the window columns are exercised


def test_document_columns_read_the_whole_text_and_are_the_same_for_every_unit() -> None:
    """The document-level columns: whether any unit reports or grants another's view, its share, whether
    anything answers, and the share of first-person units; the same value on every row of one text."""
    col = {name: k for k, name in enumerate(V.OPPONENT_NAMES)}
    arguing = F.doc_features(["Parks need more benches.", "Some residents complain that benches attract noise.",
                              "But the noise comes from the road."], [0, 0, 0])
    personal = F.doc_features(["I called the office twice last week.", "My neighbour waited an hour too.",
                               "The queue was long."], [0, 0, 0])
    for doc in (arguing, personal):
        rows = V.opponent_features(doc)
        for name in V.DOC_NAMES:
            assert len(set(rows[:, col[name]].tolist())) == 1
    a, p = V.opponent_features(arguing)[0], V.opponent_features(personal)[0]
    assert a[col["doc_any_voice"]] == 1 and p[col["doc_any_voice"]] == 0
    assert np.isclose(a[col["doc_voice_share"]], 1 / 3) and p[col["doc_voice_share"]] == 0
    assert a[col["doc_answers"]] == 1 and p[col["doc_answers"]] == 0
    assert a[col["doc_first_person"]] == 0 and np.isclose(p[col["doc_first_person"]], 2 / 3)


def test_an_opponent_units_target_is_the_objection_models_only_when_it_is_sure() -> None:
    """Below ``pipeline.OBJECTION_CONFIDENCE`` the objection model forces no target (the tree's link model
    chooses); above it every opponent unit gets its most probable candidate."""
    import dataclasses

    from importers.mining import pipeline as P
    from importers.mining.model import Linear

    doc = F.doc_features(["Parks need more benches.", "Some residents complain that benches attract noise.",
                          "Others say benches cost too much.", "But benches are cheap and quiet."], [0, 0, 0, 0])
    voices = V.load()
    opponent = [False, True, True, False]
    probs = np.asarray(opponent, np.float32)
    assert 0 < P.OBJECTION_CONFIDENCE < 1

    def constant(p: float) -> V.Voices:
        width = len(V.TARGET_NAMES)
        target = Linear(np.zeros(width, np.float32), np.ones(width, np.float32), np.zeros((1, width), np.float32),
                        np.asarray([np.log(p / (1 - p))], np.float32))
        return dataclasses.replace(voices, target=target)

    unsure = (P.OBJECTION_CONFIDENCE + 0.0) / 2
    sure = (P.OBJECTION_CONFIDENCE + 1.0) / 2
    assert P._objection_targets(doc, constant(unsure), opponent, probs, 0) == {}
    targets = P._objection_targets(doc, constant(sure), opponent, probs, 0)
    assert set(targets) == {1, 2} and all(targets[i] != i for i in targets)


def test_rule_opponents_in_one_step_are_the_unit_by_unit_rules() -> None:
    """The connective rules worked out one step per rule for a document give each unit's rule by rule."""
    import json
    from pathlib import Path

    from importers.mining import body_blocks
    from importers.mining.units import segment

    root = Path(__file__).resolve().parent.parent
    texts = [TEXT, "Yes.", "Is it? Yes, of course it is. But no.", "Of course, it is late, while we wait. However, no."]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "corpora" / "cdcp" / "test").glob("*.txt"))]
    texts += [d["text"] for d in json.loads((root / "corpora" / "argmap-short" / "dev.json").read_text())["documents"]]
    found = 0
    for text in texts:
        units = segment(text, body_blocks(text))
        doc = F.doc_features([text[u.start:u.end] for u in units], [u.block for u in units])
        flags = V._rule_opponents(doc)
        assert flags == V._rule_opponents_plain(doc)
        found += sum(flags)
    assert found > 30  # the rules do fire
