"""Statement roles: the committed ``roles.npz`` loads for today's features, the modality cues tell a
hedged proposal from a possibility, and the kinds stay consistent with the voices (sentences written
for this test; no corpus or seed sentence)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest

from importers.mining import features as F
from importers.mining import mine_text
from importers.mining import roles as R
from importers.mining.corpora import read_cdcp
from importers.mining.model import Linear

CDCP_TEST = Path(__file__).resolve().parent.parent / "corpora" / "cdcp" / "test"
TEXT = ("Our village should keep its weekly market. It brings farmers and families together every Saturday. "
        "Last year 3,000 visitors came, according to the parish council's count. "
        "Some residents complain that the stalls block the main road. But the road is closed for only four "
        "hours, and shops nearby sell more on market days.")


def test_the_trained_role_model_loads_for_the_current_features() -> None:
    roles = R.load()
    assert roles.kinds == R.ROLE_KINDS
    assert roles.model.weight.shape == (len(R.ROLE_KINDS), len(R.ROLE_NAMES))
    with np.load(R.ROLES, allow_pickle=False) as f:
        again = R.from_arrays({key: f[key] for key in f.files})
    assert np.array_equal(again.model.weight, roles.model.weight)


def test_stale_weights_are_refused() -> None:
    with np.load(R.ROLES, allow_pickle=False) as f:
        data = {key: f[key] for key in f.files}
    data["role_names"] = data["role_names"][:-1]
    with pytest.raises(ValueError, match="make train"):
        R.from_arrays(data)


@pytest.mark.parametrize(("text", "expected"), [
    ("The library could open on Sundays with volunteer staff.", (1.0, 0.0)),
    ("We might start by publishing the waiting times.", (1.0, 0.0)),
    ("Parents could also share the driving.", (1.0, 0.0)),
    ("It could take years to repair the bridge.", (0.0, 1.0)),
    ("Higher fees could lead to fewer applicants.", (0.0, 1.0)),
    ("The plan might be too expensive.", (0.0, 1.0)),
    ("This may mean longer queues.", (0.0, 1.0)),
    ("The shop could not survive another winter.", (0.0, 1.0)),
    ("One could argue that the market is noisy.", (0.0, 0.0)),
    ("The county council might also consider a smaller fee.", (1.0, 0.0)),
    ("Donors could pay half of the cost for three years.", (1.0, 0.0)),
    ("The reports of the Ministry may reassure nobody.", (0.0, 1.0)),
    ("A levy tied to the size of the car could protect poorer drivers.", (0.0, 1.0)),
    ("It might persuade a few owners to sell.", (0.0, 1.0)),
    ("Shops would stay open longer if staff could choose their shifts.", (0.0, 1.0)),
    ("Prices may soon rise again.", (0.0, 1.0)),
    ("Anyone can read the minutes online.", (0.0, 1.0)),
    ("The market is open on Saturdays.", (0.0, 0.0)),
])
def test_modality_tells_a_hedged_proposal_from_a_possibility(text: str, expected: tuple[float, float]) -> None:
    assert R.modality(text) == expected


def test_proposal_phrases() -> None:
    for text in ("One option would be to close the road on market days.", "Why not move the stalls to the square?",
                 "A better approach would be a permit scheme.", "The council might consider a smaller fee."):
        assert R.PROPOSAL_PHRASE.search(text.lower()), text
    assert not R.PROPOSAL_PHRASE.search("the road is a better way into town than the lane.")


def test_moods_of_a_document_are_the_mood_columns() -> None:
    """``moods`` (once per document, each pattern run only where its keys are, the modals found in the lower-cased
    text) gives ``mood_columns``'s numbers: on the sentences of CDCP comments, and on modals written in capitals or
    with a dotless or dotted capital i, a long s or a Kelvin sign."""
    units = [s for d in read_cdcp(CDCP_TEST) for s in d.text.split(". ")] + [
        "Parents COULD share the driving.", "We mıght start by publishing the waiting times.",
        "The council MİGHT consider a smaller fee.", "Why Not move the stalls?", "It WILL rain.", "", "cAn",
        "It won't rain.", "We are going to vote.", "They would do well to wait.", "How about a toll?",
        "Always the answer is to wait.", "The mayor's remedy would be cheaper.", "Shows no way out.",
        "Councils could ſimply publish it.", "Councils could Kindly publish it.", "It COULD NOT Rain.",
        "Donors could QUIETLY pay.", "Shops may simply CLOSE."]
    n = len(units)
    doc = F.DocFeatures(units, [0] * n, np.zeros((n, 256), np.float32), np.zeros((n, len(F.UNIT_NAMES)), np.float32))
    found = R.moods(doc)
    assert np.array_equal(found, R.mood_columns(units))
    assert R.moods(doc) is found and not found.flags.writeable  # kept with the document, shared read-only
    assert found[-18, 0] == 1.0 and found[-17, 0] == 1.0  # "mıght", "MİGHT": the case-insensitive pattern's matches
    assert (found.sum(axis=0) >= 5).all()  # every column is set on some units


def test_the_modal_keys_show_every_character_the_modal_pattern_matches() -> None:
    """Every character the case-insensitive modal pattern takes for a letter of its keys shows that letter once
    lower-cased, but those ``_MODAL_ODD`` lists (then the pattern runs whatever the keys say)."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    letters = "".join(sorted(set("".join(R._MODAL_KEYS))))
    matched = set(re.findall(f"[{letters}]", every, re.IGNORECASE))
    assert {ch for ch in matched if ch.lower() not in letters} == set(R._MODAL_ODD)


def test_a_decision_is_the_most_probable_kind() -> None:
    n = len(R.ROLE_NAMES)
    bias = np.zeros(len(R.ROLE_KINDS), np.float32)
    bias[R.ROLE_KINDS.index("recommendation")] = 5.0
    weight = np.zeros((len(R.ROLE_KINDS), n), np.float32)
    weight[1, 0] = 10.0  # the first input speaks for evidence
    roles = R.Roles(Linear(np.zeros(n, np.float32), np.ones(n, np.float32), weight, bias), R.ROLE_KINDS)
    rows = np.zeros((2, n), np.float32)
    rows[1, 0] = 1.0
    assert roles.decide(rows) == ["recommendation", "evidence"]


def test_kinds_follow_the_voices_and_the_central_claim() -> None:
    found = mine_text(TEXT)
    mined = found.mined
    assert mined.kinds.count("thesis") == 1
    for i, kind in enumerate(mined.kinds):
        assert kind in {"thesis", "question", "counterargument", "rebuttal", *R.ROLE_KINDS}
        assert (kind == "counterargument") == mined.opponent[i]
        target = mined.parents[i]
        # a rebuttal is an author's unit attacking an opposing voice, and every such unit is one (but a
        # question)
        replies = mined.relations[i] == "ATTACKS" and target is not None and mined.opponent[target]
        assert (kind == "rebuttal") == (replies and kind not in {"counterargument", "question"})
    quotes = [found.quote(TEXT, i) for i in range(len(found.units))]
    voice = next(i for i, q in enumerate(quotes) if q.startswith("Some residents"))
    assert mined.kinds[voice] == "counterargument"
    count = next(i for i, q in enumerate(quotes) if q.startswith("Last year 3,000"))
    assert mined.kinds[count] == "evidence"


def test_the_older_mapping_is_kept_to_compare_against() -> None:
    found = mine_text(TEXT, mapped_roles=True)
    assert set(found.mined.kinds) <= {"thesis", "question", "counterargument", "rebuttal", *R.ROLE_KINDS}
    assert R.mapped_kind("policy") == "recommendation" and R.mapped_kind("fact") == "evidence"


def test_a_reply_proposing_an_action_is_a_rebuttal() -> None:
    # as in the gold short texts, an author's unit attacking an opposing voice is a rebuttal even when it
    # proposes an action: a role model that calls everything a recommendation changes no reply's kind
    text = ("Our village should keep its weekly market. It brings farmers and families together every Saturday. "
            "Some residents complain that the stalls block the main road. But the council could simply move the "
            "stalls to the square on market days.")
    n = len(R.ROLE_NAMES)
    always = R.Roles(Linear(np.zeros(n, np.float32), np.ones(n, np.float32), np.zeros((3, n), np.float32),
                            np.asarray([0.0, 0.0, 5.0], np.float32)), R.ROLE_KINDS)
    mined = mine_text(text, roles=always).mined
    replies = [i for i, p in enumerate(mined.parents)
               if p is not None and mined.relations[i] == "ATTACKS" and mined.opponent[p] and not mined.opponent[i]]
    assert replies
    for i, kind in enumerate(mined.kinds):
        if i in replies:
            assert kind == "rebuttal"
        elif kind not in {"thesis", "counterargument", "question"}:
            assert kind == "recommendation"


def test_reported_speech_inputs_name_a_speaker_and_a_verb_of_speaking() -> None:
    texts = ["The head librarian, Tomas Berg, told the committee that the queue starts at nine.",
             "The statistics office found that loans fell by a third.",
             "Residents were told to boil their water.",
             "Opening costs less than one new shelf a month."]
    columns = R.speech(F.doc_features(texts, [0, 0, 0, 0]))
    speaker, marks, utterance = (R.SPEECH_NAMES.index(name) for name in ("speaker_speaks", "quotation_marks",
                                                                          "utterance"))
    assert columns[0, speaker] == 1.0 and columns[0, utterance] == 1.0
    assert columns[1, utterance] == 0.0  # a finding, not someone's words
    assert columns[2, utterance] == 0.0  # an order received
    assert columns[:, marks].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert columns[3].tolist() == [0.0, 0.0, 0.0]


def test_the_speech_columns_gated_by_the_units_words_are_the_plain_columns() -> None:
    """``speech`` runs the verbs' pattern only on units holding one of ``_UTTERANCE_WORDS``: the same columns as the
    pattern on every unit, on CDCP test's and the short texts' units and written ones (capitals, a Kelvin sign, a
    dotted capital I, "put it", an order received); and every alternative of the pattern is one of those words."""
    import json

    texts = [d.text for d in read_cdcp(CDCP_TEST)]
    short = Path(__file__).resolve().parents[1] / "corpora" / "argmap-short" / "dev.json"
    texts += [str(d["text"]) for d in json.loads(short.read_text(encoding="utf-8"))["documents"]]
    documents = [[t[u.start:u.end] for u in mine_text(t).units] for t in texts]
    documents.append(["She SAID no.", "As the mayor put it, \u201cnobody\u201d pays.", "They were told to wait.",
                      "He told us.", "İsaid nothing", "\u212aelly said so.", "Says who?", "said", "put  it",
                      "Critics complain; she complains.", "The figures say otherwise.", "No verb of speaking here."])
    found = 0
    for units in documents:
        doc = F.doc_features(units, [0] * len(units))
        gated = R.speech(doc)
        assert np.array_equal(gated, R.speech(doc, gated=False)), units
        found += int(gated[:, R.SPEECH_NAMES.index("utterance")].sum())
    assert found > 50
    alternatives = R._UTTERANCE.pattern.replace("reckons?", "reckon|reckons").replace(r"put\s+it", "put")
    assert set(re.findall(r"[a-z]+", re.sub(r"\(\?<?[!=][^)]*\)|\\[bs]", " ", alternatives))) == R._UTTERANCE_WORDS


def test_a_named_persons_words_backing_the_author_are_a_quote() -> None:
    text = ("Our library should open on Sundays. Families have no other free indoor space at the weekend. "
            "\"We turn people away every Saturday,\" said the head librarian, Tomas Berg. "
            "Several councillors say the cost is too high. But the extra day costs less than one new shelf a month.")
    found = mine_text(text)
    kinds = {found.quote(text, i): kind for i, kind in enumerate(found.mined.kinds)}
    assert [kind for quote, kind in kinds.items() if "Tomas Berg" in quote] == ["quote"]
    assert "quote" not in [kind for quote, kind in kinds.items() if "Tomas Berg" not in quote]
