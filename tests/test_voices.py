"""Voices and attacks: the committed ``voices.npz`` loads for today's features, and the learned models
find an opposing voice, the attack it makes and the reply attacking it in a text written for this test."""

from __future__ import annotations

import numpy as np
import pytest

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


def test_the_word_gated_cues_are_the_cues_without_gates() -> None:
    """A few cue patterns run only on units holding one of their gate words (``features.unit_words``): the cues and
    the cue-free columns are the same as with every pattern run on every unit, on CDCP test, the short texts and
    units written to hold the gate words at the edges of words, quotes and dashes."""
    import json

    from importers.mining.corpora import read_cdcp
    from services.settings import PROJECT_ROOT

    corpora = PROJECT_ROOT / "corpora"
    texts = [d.text for d in read_cdcp(corpora / "cdcp" / "test")]
    texts += [str(d["text"]) for d in json.loads((corpora / "argmap-short" / "dev.json").read_text())["documents"]]
    written = ["Some residents have long argued that it costs too much.", "They say so.", "Critics-say otherwise.",
               "Retailers keep telling us the plan fails.", "Retailers keep tellingus it fails.", "“Many say” it works",
               "Parents point out that fees rose.", "He said—twice—that it would fail.", "Others find it hard.",
               "It is tempting to agree.", "I don't doubt it.", "No doubt it helps.", "You will hear that it works.",
               "The council's position is that it is fine.", "Shops wanted to stay.", "We are told it pays.",
               "Opponents reckon it will fail.", "Sceptics say: no.", "Ünïcode people saÿ it.", "They say_ it",
               "It is supposedly cheap.", "The so-called plan works.", "In theory it works, on paper too.",
               "Maybe it works.", "It may-be fine.", "We mightn't.", "Supposed to help.", "She was called in.",
               "A paper_trail.", "Mayor Might could"]
    documents = [[t[u.start:u.end] for u in mine_text(t).units] for t in texts] + [written]
    checked = 0
    fired = {"may": 0, "supposed": 0}
    for units in documents:
        doc = F.doc_features(units, [0] * len(units))
        question = doc.unit[:, F.MARKER_INDEX["question"]]
        opponent_start = doc.unit[:, F.MARKER_INDEX["opponent_start"]]
        gated, plain = V._cues_of(units, question, opponent_start, F.unit_words(doc)), V._cues_of(
            units, question, opponent_start)
        assert np.array_equal(gated[0], plain[0]) and np.array_equal(gated[1], plain[1])
        lowered = V._cues_of(units, question, opponent_start, F.unit_words(doc), F.lower_texts(doc))
        assert np.array_equal(lowered[0], plain[0]) and np.array_equal(lowered[1], plain[1])
        # what the stages read per unit from the document's kept lists: the unit's own
        assert F.lower_texts(doc) == [unit.lower() for unit in units]
        for name in ("question", "opponent_start", "contrast_start", "cause_start", "conclusion_start"):
            column = doc.unit[:, F.MARKER_INDEX[name]]
            assert doc.marker_list(name) == [bool(column[i]) for i in range(doc.n)]
            assert all(type(flag) is bool for flag in doc.marker_list(name))
        cue_free = V._cue_free_of(doc, gated=False)
        assert np.array_equal(V._cue_free_of(doc), cue_free)
        checked += int(plain[0][:, [V._TEXT_FLAGS.index("view_start"), V._TEXT_FLAGS.index("third_voice")]].sum())
        checked += int(cue_free[:, [V.CUE_FREE_NAMES.index("own_reported_view"),
                                    V.CUE_FREE_NAMES.index("own_voice_phrase")]].sum())
        for flag in ("may", "supposed"):
            fired[flag] += int(plain[0][:, V._TEXT_FLAGS.index(flag)].sum())
    assert checked >= 40  # the gated cues do fire
    assert fired["may"] >= 20 and fired["supposed"] >= 4


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


def test_an_opponent_units_target_is_the_product_of_the_link_and_objection_models() -> None:
    """The objection model's log-probabilities over an opponent unit's candidates are normalised (and averaged over
    the possible central claims); in the tree they are added to the link scores ``objection_weight`` times, so a
    heavy weight lets the objection model choose and a zero weight leaves the choice to the link model."""
    import dataclasses
    import math

    from importers.mining import pipeline as P
    from importers.mining.model import Linear

    voices = V.load()
    width = len(V.TARGET_NAMES)
    weight = np.zeros((1, width), np.float32)
    weight[0, V.TARGET_NAMES.index("target_just_before")] = 10.0  # an objection model sure of the unit just before
    just_before = dataclasses.replace(voices, target=Linear(np.zeros(width, np.float32), np.ones(width, np.float32),
                                                            weight, np.asarray([-5.0], np.float32)))
    doc = F.doc_features(["Parks need more benches.", "Benches let older people rest on the way to the shops.",
                          "Some residents complain that benches attract noise.", "But the noise comes from the road."],
                         [0, 0, 0, 0])
    opponent = [False, False, True, False]
    centrals = P.central_candidates(np.asarray([3.0, 1.0, -9.0, 0.0], np.float32), [0, 1, 3], 0, top=2)
    assert list(centrals) == [0, 1] and math.isclose(sum(centrals.values()), 1.0, rel_tol=1e-6)
    assert centrals[0] > centrals[1]
    log_probs = P.objection_log_probs(doc, just_before, opponent, np.asarray(opponent, np.float32), centrals)
    assert set(log_probs) == {2} and math.isclose(sum(math.exp(v) for v in log_probs[2].values()), 1.0, rel_tol=1e-4)
    assert max(log_probs[2], key=log_probs[2].__getitem__) == 1

    texts = ["Our village should keep its weekly market.", "It brings farmers and families together every Saturday.",
             "Some residents complain that the stalls block the main road.",
             "But the road is closed for only four hours."]
    link_only = P.mine(texts, [0, 0, 0, 0], voices=dataclasses.replace(just_before, objection_weight=0.0))
    heavy = P.mine(texts, [0, 0, 0, 0], voices=dataclasses.replace(just_before, objection_weight=50.0))
    assert link_only.opponent[2] and heavy.opponent[2] and link_only.central == heavy.central == 0
    assert link_only.parents[2] == 0  # the link model: an objection argues against the thesis
    assert heavy.parents[2] == 1  # the objection model's choice
    assert heavy.parents[3] == link_only.parents[3] == 2  # the reply is the reply model's, whatever the weight


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


def test_target_probabilities_for_several_central_claims_are_each_ones_own() -> None:
    """``target_probs_each`` (the pair features worked out once for every central claim's pairs) gives, bit for bit,
    what ``target_probs`` gives for each central claim alone, and the central claim does change the numbers."""
    from importers.mining.pipeline import objection_candidates

    texts = ["Cities should ban cars from their centres.", "Traffic noise harms the health of residents.",
             "Of course, shop owners fear losing customers who drive.", "Some say the ban would empty the shops.",
             "But car-free streets attract more people on foot.", "Therefore the ban would pay for itself."]
    doc = F.doc_features(texts, [0, 0, 0, 1, 1, 1])
    voices = V.load()
    opponent = np.asarray([0.1, 0.2, 0.9, 0.8, 0.1, 0.0], np.float32)
    pairs_of = {central: [(i, j) for i in (2, 3) if i != central for j in objection_candidates(doc.n, i, central)]
                for central in (0, 5, 1)}
    pairs_of[4] = []
    found = voices.target_probs_each(doc, opponent, pairs_of)
    assert list(found) == list(pairs_of)
    for central, pairs in pairs_of.items():
        alone = voices.target_probs(doc, opponent, pairs, central)
        assert found[central].dtype == alone.dtype and found[central].tobytes() == alone.tobytes()
    shared = (2, 1)
    assert found[0][pairs_of[0].index(shared)] != found[1][pairs_of[1].index(shared)]  # "target_central" counts


def test_an_objection_elaborated_before_its_answer_carries_its_voice() -> None:
    """The second pass: one or two cue-free units between a voiced objection and the author's answer speak for the
    objection; an answer with no reply opening ("That is true, but ...") right after it is the author's."""
    texts = ["The town should keep its library open late.", "Critics say the late hours cost too much.",
             "Staff would need overtime pay.", "That is true, but the council already pays for empty halls.",
             "Students use the library most after six."]
    doc = F.doc_features(texts, [0, 0, 0, 0, 1])
    assert V.objection_runs(doc) == [(1, [2])]
    carried = V.carry_objections(doc, np.asarray([0.1, 0.9, 0.2, 0.8, 0.1], np.float32))
    assert np.allclose(carried, [0.1, 0.9, 0.9, 0.1, 0.1])


@pytest.mark.parametrize("texts", [
    # three cue-free units before the answer: the author may have answered in between
    ["Critics say the late hours cost too much.", "Staff would need overtime.", "Heating costs rise.",
     "Lights stay on.", "However, the council already pays for empty halls."],
    # no answer in the paragraph: the unit after the objection is more often the author's reply
    ["Critics say the late hours cost too much.", "The figures show the opposite.", "Visits doubled."],
    # a subordinate concession is finished by the author's own main clause
    ["While critics say the late hours cost too much,", "the library is full every evening.",
     "But nobody has counted the cost."],
])
def test_no_objection_run_without_a_short_cue_free_elaboration_and_an_answer(texts: list[str]) -> None:
    doc = F.doc_features(texts, [0] * len(texts))
    assert V.objection_runs(doc) == []
    probs = np.linspace(0.9, 0.1, len(texts)).astype(np.float32)
    assert np.array_equal(V.carry_objections(doc, probs), probs)


def test_inner_answer_test_answers_as_the_plain_pattern() -> None:
    """``_mid_answer`` (gated, without the plain pattern's backtracking) finds a "however" answer in exactly the units
    where ``MID_ANSWER_PLAIN`` does: CDCP comments' and the short texts' units, the seeds', and texts at its edges;
    its blank stripping removes every character ``\\s`` matches."""
    import json
    import re
    import sys

    from importers.mining import body_blocks
    from importers.mining.units import segment
    from services.settings import PROJECT_ROOT

    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "corpora" / "cdcp" / "test").glob("*.txt"))]
    for name in ("dev.json", "dev2.json", "dev3.json"):
        path = PROJECT_ROOT / "corpora" / "argmap-short" / name
        texts += [d["text"] for d in json.loads(path.read_text(encoding="utf-8"))["documents"]]
    texts += [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    units = [text[u.start:u.end].lower() for text in texts for u in segment(text, body_blocks(text))]
    units += ["the shops, however, stay open.", "it never happened, though.", "though, however.", ", however,",
              "x; nevertheless!", "x:, however,", "x,however;", "— , however,", "it was, though\n", "a however.",
              "a  though!\n", "a though.  \u2003", "athough.", "a\u00a0however!", "however.", "x; nonetheless .",
              "x, however", "x, however\n,", "x,\nhowever,", "a, b, however,", "a\u3000though.", "a though.\x1c"]
    plain = re.compile(V.MID_ANSWER_PLAIN)
    found = [V._mid_answer(low) for low in units]
    assert found == [plain.search(low) is not None for low in units]
    assert sum(found) >= 20  # the units do answer
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c))]
    assert all(not ("x" + c).rstrip().endswith(c) for c in spaces)


def test_unit_words_are_the_plain_definitions() -> None:
    """``_unit_words`` (the words of three characters or more found by one pattern, or from the unit's ``\\w+`` runs
    when it has no apostrophe) gives each unit its ``unit_words_plain``: on CDCP comments' and the short texts'
    units, the seeds', and texts at the runs' edges."""
    import json

    from importers.mining import body_blocks
    from importers.mining.units import segment
    from services.settings import PROJECT_ROOT

    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "corpora" / "cdcp" / "test").glob("*.txt"))]
    for name in ("dev.json", "dev2.json", "dev3.json"):
        path = PROJECT_ROOT / "corpora" / "argmap-short" / name
        texts += [d["text"] for d in json.loads(path.read_text(encoding="utf-8"))["documents"]]
    texts += [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    units = [text[u.start:u.end] for text in texts for u in segment(text, body_blocks(text))]
    units += ["a'b ab a' 'ab ’’xy x’y", "It's THE Ab-cd e’ef", "", "İstanbul Über ßab", "don't won’t a''", "ab1cd x"]
    # no apostrophe: the words come from the unit's \w+ runs (digits, "_", letters beyond a-z, short words)
    units += ["abc1def gh_ijk café naïve straße x2 ǅemal ﬁxed ab xyz “Quoted” KELVIN\u212a The", "x1 2y _ ab1c"]
    doc = F.doc_features(units, [0] * len(units))
    words = V._unit_words(doc)
    assert words == [V.unit_words_plain(text) for text in units]
    assert sum(map(len, words)) > 10_000  # the units do hold words
