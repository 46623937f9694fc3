"""Argument mining: units, the pipeline's tree, the evaluation's numbers and ``argmap eval``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from api.cli import main
from importers import parse_document
from importers.mining import mine_spans, mine_text
from importers.mining.corpora import GoldDoc, read_aif, read_aif_doc, read_cdcp
from importers.mining.evaluate import Prediction, first_baseline, last_baseline, match_units, score
from importers.mining.features import DocFeatures, doc_features
from importers.mining.units import split_clauses

ROOT = Path(__file__).resolve().parent.parent
AIF_SAMPLE = ROOT / "corpora" / "samples" / "aif-gold-sample.json"
CDCP_TEST = ROOT / "corpora" / "cdcp" / "test"

SHORT = ("Cities should ban cars from their centres. Traffic noise harms the health of residents. "
         "Of course, shop owners fear losing customers who drive. But car-free streets attract more "
         "people on foot. Therefore the ban would pay for itself.")


def test_units_cover_every_sentence_with_exact_offsets() -> None:
    text = "A title\n\n" + SHORT + "\n\nThe weather was cloudy on Tuesday."
    found = mine_text(text)
    words = " ".join(text[u.start:u.end] for u in found.units).split()
    assert words == text.split()[2:]  # every word after the title line, in order: nothing dropped
    for unit in found.units:
        quote = text[unit.start:unit.end]
        assert quote == quote.strip() and quote


@pytest.mark.parametrize(("sentence", "parts"), [
    ("Although practice helps children remember facts, young pupils need time to play.", 2),
    ("The plan is cheap, but it will not work in rural areas.", 2),
    ("We should act now, because the costs keep rising every year.", 2),
    # the gold short texts split at "because" after a comma; without one it is a unit boundary 1 time of 7
    ("We should act now because the costs keep rising every year.", 1),
    ("The plan is cheap and it works.", 1),
    ("Cheap, but slow.", 1),  # a clause needs a few words to be its own unit
])
def test_clause_splitting(sentence: str, parts: int) -> None:
    spans = split_clauses(sentence, 0, len(sentence))
    assert len(spans) == parts
    assert "".join(sentence[s:e] for s, e in spans).replace(" ", "") == sentence.replace(" ", "")


def test_pipeline_makes_one_connected_tree_with_attacks() -> None:
    found = mine_text(SHORT)
    mined = found.mined
    assert mined.kinds.count("thesis") == 1 and mined.central is not None
    assert mined.kinds[mined.central] == "thesis"
    for i in range(len(found.units)):  # every unit reaches the central claim
        node: int | None = i
        for _ in range(len(found.units)):
            if node is None or node == mined.central:
                break
            node = mined.parents[node]
        assert node == mined.central
    concession = next(i for i in range(len(found.units)) if found.quote(SHORT, i).startswith("Of course"))
    answer, conclusion = concession + 1, concession + 2
    assert mined.kinds[concession] == "counterargument" and mined.relations[concession] == "ATTACKS"
    # "But X. Therefore Y.": the conclusion answers the objection, and the reply is its reason
    assert mined.kinds[conclusion] == "rebuttal"
    assert (mined.parents[conclusion], mined.relations[conclusion]) == (concession, "ATTACKS")
    assert (mined.parents[answer], mined.relations[answer]) == (conclusion, "SUPPORTS")


def test_generic_import_is_connected_and_deterministic() -> None:
    first, second = parse_document(SHORT), parse_document(SHORT)
    assert first.relations == second.relations and [s.id for s in first.statements] == [s.id for s in second.statements]
    linked = {r.source for r in first.relations} | {r.target for r in first.relations}
    assert all(s.id in linked for s in first.statements)


def _perfect(doc: GoldDoc, spans: list[tuple[int, int]] | None) -> Prediction:
    return Prediction(list(doc.spans), list(doc.types), list(doc.relations), doc.central, doc.opponent)


def test_perfect_prediction_scores_one() -> None:
    docs = read_aif(AIF_SAMPLE)
    result = score(docs, _perfect, "gold")
    assert result["segmentation"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["central_claim_accuracy"] == 1.0 and result["role_macro_f1"] == 1.0
    assert result["relations_labelled"]["f1"] == 1.0 and result["opponent_units"]["f1"] == 1.0


def _as_map(doc: GoldDoc, central: int | None) -> Prediction:
    """Gold kinds, but the map's label ``thesis`` on the unit chosen as the central claim."""
    labels = ["thesis" if i == central else kind for i, kind in enumerate(doc.types)]
    return Prediction(list(doc.spans), labels, list(doc.relations), central, doc.opponent)


def test_role_score_leaves_the_found_thesis_to_central_claim_accuracy() -> None:
    docs = read_aif(AIF_SAMPLE)
    right = score(docs, lambda doc, spans: _as_map(doc, doc.central), "gold")
    assert right["role_macro_f1"] == 1.0 and right["central_claim_accuracy"] == 1.0
    # a wrong thesis costs the kind of the unit it was put on, and the central-claim accuracy
    wrong = score(docs, lambda doc, spans: _as_map(doc, 1 if doc.central != 1 else 0), "gold")
    assert wrong["role_macro_f1"] < 1.0 and wrong["central_claim_accuracy"] == 0.0


def test_aif_gold_undercuts_attack_the_premise() -> None:
    """A conflict with a scheme is scored as an attack on that scheme's premise, as the guidelines annotate it:
    a rebuttal undercutting an objection's attack attacks the objection, not the claim it defends."""
    text = "Cities should tax cars. Traffic halves. Shops will close. They did not close elsewhere. Rain varies."
    units = [u.strip() + "." for u in text.split(".") if u.strip()]
    nodes = [{"nodeID": f"i{k}", "type": "I", "text": u} for k, u in enumerate(units)]
    nodes += [{"nodeID": s, "type": t} for s, t in (("ra", "RA"), ("ca", "CA"), ("ca2", "CA"), ("ca3", "CA"))]
    edges = [("i1", "ra"), ("ra", "i0"), ("i2", "ca"), ("ca", "i0"), ("i3", "ca2"), ("ca2", "ca"),
             ("i4", "ca3"), ("ca3", "ra")]
    doc = read_aif_doc({"text": text, "nodes": nodes,
                        "edges": [{"fromID": a, "toID": b} for a, b in edges]}, "undercuts")
    assert doc.relations == [(1, 0, "SUPPORTS"), (2, 0, "ATTACKS"), (3, 2, "ATTACKS"), (4, 1, "ATTACKS")]


def test_baselines_are_computed_on_the_gold_units() -> None:
    docs = read_aif(AIF_SAMPLE)
    assert [len(d.relations) for d in docs] == [4, 4]
    first = score(docs, first_baseline, "gold")
    # doc 1: the central claim is unit 0 and units 1, 4 support it (2 of the 4 baseline edges are right);
    # doc 2: the central claim is the last unit, only unit 3 -> 0 is a gold support
    assert first["central_claim_accuracy"] == 0.5
    assert first["relations_labelled"] == {"precision": 0.375, "recall": 0.375, "f1": 0.375}
    last = score(docs, last_baseline, "gold")
    assert last["relations_labelled"]["f1"] == 0.125 and last["central_claim_accuracy"] == 0.5
    assert first["relations_per_type"]["ATTACKS"]["f1"] == 0.0


def test_unit_matching_needs_half_of_each() -> None:
    text = "Alpha beta gamma. Delta epsilon zeta."
    assert len(match_units(text, [(0, 17), (18, 37)], [(0, 37)])) == 1  # one-to-one
    assert match_units(text, [(0, 37)], [(0, 10)]) == {}  # less than half of the gold unit
    assert match_units(text, [(0, 17), (18, 37)], [(0, 17), (18, 30)]) == {0: 0, 1: 1}


def test_eval_cli_on_cdcp_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "cdcp"
    corpus.mkdir()
    for path in sorted(CDCP_TEST.glob("*.txt"))[:12]:
        shutil.copy(path, corpus / path.name)
        shutil.copy(path.with_suffix(".ann.json"), corpus / path.with_suffix(".ann.json").name)
    assert len(read_cdcp(corpus)) == 12
    out = tmp_path / "scores.json"
    assert main(["eval", str(corpus), "--json", str(out)]) == 0
    table = capsys.readouterr().out
    assert "| relations labelled F1 |" in table and "| argmap | argmap-sparse | first | last |" in table
    scores = json.loads(out.read_text(encoding="utf-8"))
    gold = scores["gold"]
    assert gold["argmap"]["segmentation"]["f1"] == 1.0
    # the model beats the majority-type baseline on proposition types by far
    assert gold["argmap"]["role_macro_f1"] > gold["first"]["role_macro_f1"] + 0.2
    assert 0.0 <= scores["predicted"]["argmap"]["relations_labelled"]["f1"] <= 1.0


def test_fast_embeddings_equal_the_shared_ones() -> None:
    from graph.similarity import embed as shared
    from importers.mining.features import embed

    texts = ["The plan is cheap, but it will not work.", "Hello world", "Ünïcode — and “quotes”."]
    assert abs(shared(texts) - embed(texts)).max() < 1e-5
    assert not embed([""]).any()


def test_embeddings_are_each_texts_rows_summed_in_order() -> None:
    """A document's embeddings, bit for bit: each text's token rows (``encode``'s ids) summed in order, the mean,
    unit length; texts of one token, many, none, and texts tokenised whole; a short document and a long one (its
    ids in one array, its texts gathered one by one)."""
    import numpy as np

    from importers.mining import features as F

    table = F._table()
    texts = [SHORT, "x", "", "Hello  world", " leading blank", "Ünïcode — and “quotes”.", *SHORT.split(". ") * 3,
             " ".join(["word"] * 300)]
    texts += texts * 4
    assert len(texts) > F._FEW_TEXTS and len(" ".join(texts).split()) > F._ONE_GATHER_ROWS  # the long document's path
    expected = np.zeros((len(texts), table.shape[1]), np.float32)
    for row, text in enumerate(texts):
        ids = F._tokenizer().encode(text, add_special_tokens=False).ids
        if ids:
            expected[row] = table[ids].sum(axis=0) / np.float32(len(ids))
    norms = np.linalg.norm(expected, axis=1, keepdims=True)
    expected = (expected / np.where(norms == 0, 1, norms)).astype(np.float32)
    assert np.array_equal(F.embed(texts), expected)
    assert np.array_equal(F.embed(texts[:12]), expected[:12])  # a short document's path


def _plain_markers(text: str) -> list[float]:
    """The markers by their plain definition: a word-set marker when one of its words is a word of the text,
    a gated marker when one of its sure words is a word of the text or one of its keys is in the text, and its
    pattern matches, else its pattern."""
    import re

    from importers.mining import features as f

    low = text.lower()
    words = set(re.findall(r"\w+", low))
    values = []
    for name, pattern in f._MARKERS:
        if name == "past":
            hit = bool(words & f._PAST_WORDS) or any(len(w) >= 5 and w.endswith("ed") for w in words)
        elif name == "number":
            hit = (any(c.isdigit() for c in low) or bool(words & f._NUMBER_WORDS) or "%" in low
                   or "per cent" in low)
        elif name in f._WORD_SETS:
            hit = bool(words & f._WORD_SETS[name]) or (name == "negation" and "n't" in low)
        else:
            run = pattern.match if name.endswith("_start") else pattern.search  # type: ignore[attr-defined]
            gate = (name not in f._KEYS or not words.isdisjoint(f._sure_words(pattern.pattern))  # type: ignore
                    or any(key in low for key in f._KEYS[name]))
            hit = gate and run(low) is not None
        values.append(1.0 if hit else 0.0)
    return values


@pytest.mark.parametrize("text", [
    SHORT, "We must act now; it's time to stop.", "Have\nto go, but one might argue otherwise!",
    "Some people say it is not true. http://example.org", "I don't agree: prices rose 5 per cent.",
    "Is this short-sighted?", "THE STUDY WAS PUBLISHED. Therefore, prices fell.", "", "Ünïcode naïve ² café."])
def test_marker_vector_is_the_plain_definition(text: str) -> None:
    from importers.mining.features import marker_vector

    assert marker_vector(text) == _plain_markers(text)


def test_marker_vector_on_cdcp_sentences_is_the_plain_definition() -> None:
    from importers.mining.features import marker_vector

    texts = [d.text for d in read_cdcp(CDCP_TEST)][:60]
    assert [marker_vector(t) for t in texts] == [_plain_markers(t) for t in texts]
    assert sum(sum(marker_vector(t)) for t in texts) > 60  # the texts do set markers


def test_marker_bits_by_document_are_the_plain_definition(monkeypatch: pytest.MonkeyPatch) -> None:
    """The markers of a document's units, its new words worked out in one scan (kept, bounded), are each unit's
    plain markers; the words' bits are ``_word_bits``'s, also for words holding several keys or a key twice."""
    from importers.mining import features as f

    texts = [d.text for d in read_cdcp(CDCP_TEST)][:40]
    units = [unit for text in texts for unit in text.split(". ")] + ["", "reportedly restated claims", "2²", "æ"]
    monkeypatch.setattr(f, "_WORD_BITS", {})
    monkeypatch.setattr(f, "_WORD_BITS_LIMIT", 200)
    for start in range(0, len(units), 9):  # documents of a few units; the store fills and is emptied
        batch = units[start:start + 9]
        assert f._markers_of([u.lower() for u in batch]) == [
            sum(int(v) << k for k, v in enumerate(_plain_markers(u))) for u in batch]
    assert 0 < len(f._WORD_BITS) <= 200 + 9 * 60
    assert all(bits == f._word_bits(word) for word, bits in f._WORD_BITS.items())
    assert sum(map(bool, f._WORD_BITS.values())) > 5  # the words do set markers


def test_sure_words_alone_set_their_markers() -> None:
    """A gated marker's sure words are the plain words of a top-level ``\\b(?:...)\\b`` part of its pattern, each
    a match by itself; the gated markers (keys and sure words) are their plain patterns on real units."""
    import re

    from importers.mining import features as f

    assert f._sure_words(r"\b(?:ab|c\s+d|ef)\b|^x|\b(?:gh)\b") == {"ab", "ef", "gh"}
    for unsure in (r"\b(?:ab)|(?:cd)\b", r"\b(?:ab)c(?:de)\b", r"\b(?:ab|cd)", r"(?:ab|cd)\b", r"\b(?:a[b|c]d)\b",
                   r"\b(?:Ab|a\.b|ab?)\b"):
        assert f._sure_words(unsure) == set(), unsure
    patterns = {name: pattern for name, pattern in f._MARKERS if name in f._GATED}
    sure = {name: f._sure_words(pattern.pattern) for name, pattern in patterns.items()}  # type: ignore[attr-defined]
    assert {"should", "said", "because", "if", "therefore", "critics"} <= set().union(*sure.values())
    for name, words in sure.items():
        for word in words:
            for text in (word, f"x {word}, y", f"“{word.capitalize()}” y"):
                assert patterns[name].search(text.lower()) is not None, (name, word)  # type: ignore[attr-defined]
                assert f.marker_vector(text)[f.MARKER_INDEX[name]] == 1.0, (name, text)
    texts = [d.text for d in read_cdcp(CDCP_TEST)]
    texts += [str(d["text"]) for d in json.loads((ROOT / "corpora" / "argmap-short" / "dev.json").read_text())[
        "documents"]]
    lows = [unit.lower() for text in texts for unit in re.split(r"(?<=[.!?])\s+", text)] + [
        "life is different", "in case it rains", "as a result", "accordingly", "according to them", "thus",
        "it is said", "someone could argue", "shouldn't", "we must", "that's why", "short-sighted"]
    bits = f._markers_of(lows)
    hits = 0
    for name, pattern in patterns.items():
        column = [bool(b >> f.MARKER_INDEX[name] & 1) for b in bits]
        assert column == [pattern.search(low) is not None for low in lows], name  # type: ignore[attr-defined]
        hits += sum(column)
    assert hits > 300  # the units do set gated markers


def test_clause_split_pattern_finds_the_plain_patterns_matches() -> None:
    """The clause-split pattern, rewritten to open with a character set, finds exactly the plain pattern's matches."""
    import re

    from importers.mining.units import _SPLIT_BEFORE, SPLIT_BEFORE_PLAIN

    plain = re.compile(SPLIT_BEFORE_PLAIN, re.IGNORECASE)
    texts = [d.text for d in read_cdcp(CDCP_TEST)] + [
        "a , but b", "x;  y", "x - but y", "x\n– though y", "x —  Nevertheless y", "a because b", "a  Because b",
        "a,\tso we go", "a, so that b", "a; however, b", "a;however b", "a, however b", "; ;", " because", ",because"]
    found = [[m.span() for m in _SPLIT_BEFORE.finditer(t)] for t in texts]
    assert found == [[m.span() for m in plain.finditer(t)] for t in texts]
    assert sum(map(len, found)) > 50  # the texts do have clause boundaries


def test_clause_split_pattern_without_a_dash_finds_the_plain_patterns_matches() -> None:
    """On a text without a dash the comma-and-semicolon pattern finds the plain pattern's matches; ``split_clauses``
    (which picks it for a sentence without a dash) cuts every sentence where it cuts with the full pattern."""
    import re

    import pytest

    from importers.mining import units
    from importers.mining.units import _SPLIT_BEFORE_NO_DASH, SPLIT_BEFORE_PLAIN, split_clauses

    plain = re.compile(SPLIT_BEFORE_PLAIN, re.IGNORECASE)
    written = ["a , but b", "x;  y", "x - but y", "x\n– though y", "x —  Nevertheless y", "a because b", "a  Because b",
               "a,\tso we go", "a, so that b", "a; however, b", "a;however b", "a, however b", "; ;", " because",
               ",because", "one two three four, but five six seven eight - yet nine ten eleven twelve",
               "one two three four; five six seven eight – although nine ten eleven twelve",
               "one two three four —  whereas five six seven eight, since nine ten eleven twelve"]
    texts = [d.text for d in read_cdcp(CDCP_TEST)] + written
    dashless = [re.sub("[-–—]", " ", t) for t in texts]
    found = [[m.span() for m in _SPLIT_BEFORE_NO_DASH.finditer(t)] for t in dashless]
    assert found == [[m.span() for m in plain.finditer(t)] for t in dashless]
    assert sum(map(len, found)) > 50
    sentences = [t[s:e] for t in texts for s, e in _sentence_spans(t)] + written
    assert sum(any(dash in t for dash in "-–—") for t in sentences) > 20
    cut = [split_clauses(t, 0, len(t)) for t in sentences]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(units, "_SPLIT_BEFORE_NO_DASH", units._SPLIT_BEFORE)  # the full pattern for every sentence
        assert [split_clauses(t, 0, len(t)) for t in sentences] == cut
    assert sum(len(spans) > 1 for spans in cut) > 20  # sentences are cut


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    from importers.structure import sentences

    return list(sentences(text, 0, len(text)))


def test_speech_verb_pattern_finds_the_plain_patterns_matches() -> None:
    """The speech-verb pattern, its alternatives grouped by first letter, finds exactly the plain pattern's matches."""
    import re

    from importers.discourse import _SPEECH, SPEECH_PLAIN

    plain = re.compile(SPEECH_PLAIN)
    texts = [d.text for d in read_cdcp(CDCP_TEST)] + [(ROOT / "seeds" / name).read_text(encoding="utf-8") for name in (
        "csis-2020-rethinking-crisis-responses-in-the-sahel.txt",
        "wotr-2020-thurston-france-should-give-mali-space-to-negotiate.txt")] + [
        "He has also said so.", "they had then has suggested it", "She said", "unsaid", "he says,"]
    found = [[m.span() for m in _SPEECH.finditer(t)] for t in texts]
    assert found == [[m.span() for m in plain.finditer(t)] for t in texts]
    assert sum(map(len, found)) > 20  # the texts do report speech


def test_prediction_pattern_finds_the_plain_patterns_matches() -> None:
    """The voices' prediction pattern, rewritten to open with its letter, finds exactly the plain pattern's matches."""
    import re

    from importers.mining.voices import _WILL, WILL_PLAIN

    plain = re.compile(WILL_PLAIN)
    texts = [d.text.lower() for d in read_cdcp(CDCP_TEST)] + [
        "will", "won't", "would.", "twill", "xwould", "swill will", "w", "willing", "wouldn't", "-will", "_will"]
    found = [[m.span() for m in _WILL.finditer(t)] for t in texts]
    assert found == [[m.span() for m in plain.finditer(t)] for t in texts]
    assert sum(map(len, found)) > 20


def test_voice_phrase_pattern_finds_the_plain_patterns_matches() -> None:
    """The voices' phrase pattern, its alternatives opening with a letter, finds exactly the plain pattern's matches."""
    from importers.mining.voices import _VOICE_PHRASE, _VOICE_PHRASE_QUICK

    texts = [d.text.lower() for d in read_cdcp(CDCP_TEST)] + [
        "no doubt", "uno doubt", "i see why", "hi see why", "the fear that", "it is said", "is often said.",
        "they will point out", "swill say", "you will hear", "i don't doubt", "tempting to"]
    found = [[m.span() for m in _VOICE_PHRASE_QUICK.finditer(t)] for t in texts]
    assert found == [[m.span() for m in _VOICE_PHRASE.finditer(t)] for t in texts]
    assert sum(map(len, found)) > 10


def test_faster_marker_alternations_answer_as_the_plain_patterns() -> None:
    """The anywhere markers by alternations that open with a letter (``markers.FASTER``) match in exactly the texts
    where the plain patterns match: CDCP comments and their sentences, the seeds, and texts at word edges."""
    from importers.mining import markers
    from importers.mining.features import _MARKERS

    plain = dict(_MARKERS)
    texts = [d.text for d in read_cdcp(CDCP_TEST)]
    texts += [s for t in texts for s in t.split(". ")] + [
        (ROOT / "seeds" / name).read_text(encoding="utf-8") for name in (
            "csis-2020-rethinking-crisis-responses-in-the-sahel.txt",
            "wotr-2020-thurston-france-should-give-mali-space-to-negotiate.txt")] + [
        "should", "xshould", "_should", "shoulder", "5must", "it's high time  that", "it is vital for", "we need",
        " \"let's go", "the council would be wise to", "it would be better, all things considered, to wait",
        "if", "wif", "  unless", "as if", "provided that", "critics", "uncritics", "the view that", "some may",
        "it is often said", "it'sargued", "this is a myth", "that argument fails", "such a plan was naive",
        "far from it", "i don't agree", "according to", "accordingly", "said", "unsaid", "é said", "said_"]
    lows = [t.lower() for t in texts]
    for name, faster in markers.FASTER.items():
        pattern = plain[name]
        found = [faster(low) for low in lows]
        assert found == [pattern.search(low) is not None for low in lows], name  # type: ignore[attr-defined]
        assert sum(found) >= 10, name  # the texts do hold the marker


def test_token_ids_are_the_tokenizers_own() -> None:
    """The embedding's tokenisation calls the BPE model on the normalised text: the same ids as ``encode``."""
    from importers.mining.features import _token_ids, _tokenizer

    fast = _token_ids()
    assert fast.__name__ == "fast"  # the tokenizer file still has the normaliser the fast path follows
    texts = [SHORT, "", " ", "  two  spaces ", "tab\there\nnew line", "<s> an added token", "a</s>b", "‘quotes’ — ﬁ ß",
             "\u00a0no-break space", "▁already▁", "😀 emoji"] + [d.text for d in read_cdcp(CDCP_TEST)][:20]
    encode = _tokenizer().encode
    assert [fast(t) for t in texts] == [encode(t, add_special_tokens=False).ids for t in texts]


def test_token_ids_by_words_are_the_tokenizers_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The embedding tokenises a document's new words in one call and a text as its words: the same ids as
    ``encode`` on the whole text, also for texts it tokenises whole (two spaces, a leading space, "▁", an added
    token) and after the word store was emptied (bounded)."""
    from importers.mining import features
    from importers.mining.features import _tokenizer, _word_ids

    by_words = _word_ids()
    assert by_words is not None  # the tokenizer's vocabulary still allows it
    encode = _tokenizer().encode
    texts = [SHORT, "", " ", "x", "  two  spaces ", "trailing ", " leading", "tab\there\nnew line",
             "<s> an added token", "a</s>b", "‘quotes’ — ﬁ ß", "\u00a0no-break space", "▁already▁", "😀 emoji",
             "the the the"]
    texts += [d.text for d in read_cdcp(CDCP_TEST)][:40]
    texts += [sentence for text in texts[-40:] for sentence in text.split(". ")]
    monkeypatch.setattr(features, "_WORD_IDS_LIMIT", 300)
    for start in range(0, len(texts), 7):  # documents of a few units; the store fills and is emptied
        batch = texts[start:start + 7]
        expected = [encode(t, add_special_tokens=False).ids for t in batch]
        assert by_words(batch) == expected
        features._WORD_IDS.clear()  # the flat ids learn the words themselves
        ids, counts = by_words.flat(batch)
        assert ids.tolist() == [i for e in expected for i in e] and counts.tolist() == [len(e) for e in expected]
        plain = [t for t in batch if t and t[0] != " " and "  " not in t and "▁" not in t and "<" not in t]
        ids, counts = by_words.flat(plain)  # by words only
        assert ids.tolist() == [i for t in plain for i in encode(t, add_special_tokens=False).ids]
        assert counts.tolist() == [len(encode(t, add_special_tokens=False).ids) for t in plain]
    assert 0 < len(features._WORD_IDS) <= 300


def test_link_inputs_mark_opposing_voices_and_the_sparse_decoder_has_its_own_model() -> None:
    """The link model sees an opposing voice at either end of a pair; the CDCP-style sparse decoder scores
    with the link model learned from CDCP alone, the stored tree with the one that also saw short texts."""
    import numpy as np

    from importers.mining.central import OPPONENT_PAIR_NAMES, SEQUENCE_PAIR_NAMES, TARGET_PAIR_NAMES, link_inputs
    from importers.mining.features import PAIR_NAMES
    from importers.mining.model import load
    from importers.mining.pipeline import analyse, link_logits, opponent_units

    texts = SHORT.split(". ")
    analysis = analyse(texts, [0] * len(texts))
    flags = opponent_units(analysis.doc)
    assert flags[2] and not flags[3]  # "Of course, shop owners fear ..." is answered by "But ..."
    pairs = [(2, 0), (3, 2), (1, 0)]
    rows = link_inputs(analysis.doc, analysis.type_probs, analysis.central, pairs, flags)
    assert rows.shape == (3, len(PAIR_NAMES) + len(OPPONENT_PAIR_NAMES) + len(TARGET_PAIR_NAMES)
                          + len(SEQUENCE_PAIR_NAMES))
    extra = {name: rows[:, len(PAIR_NAMES) + k] for k, name in enumerate(OPPONENT_PAIR_NAMES)}
    assert list(extra["src_opponent"]) == [1, 0, 0]
    assert list(extra["tgt_opponent"]) == [0, 1, 0]
    assert list(extra["answers_opponent_before"]) == [0, 1, 0]
    models = load()
    assert models.sparse_link.weight.shape == models.link.weight.shape == (1, rows.shape[1])
    assert not np.allclose(models.sparse_link.weight, models.link.weight)
    assert not np.allclose(link_logits(analysis, pairs, sparse=True), link_logits(analysis, pairs))


def test_link_rows_in_one_array_and_the_most_similar_candidate_without_the_sort_are_the_plain_steps(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``link_inputs`` writes its four blocks into one array: the same rows as ``pair_features``, ``_target_pair``
    and ``_sequence_pair`` on their own; the most similar candidate found run by run (``most_similar``) is the sort's,
    ties (also -0.0 against 0.0) to the first pair, for pairs in any order; the link logits of scratch rows
    standardised in place are the plain ones."""
    import numpy as np

    from importers.mining import features as F
    from importers.mining.central import (
        OPPONENT_PAIR_NAMES,
        TARGET_PAIR_NAMES,
        _sequence_pair,
        _target_pair,
        link_inputs,
    )
    from importers.mining.model import load
    from importers.mining.pipeline import analyse, opponent_units, window_pairs

    for text in [SHORT, *(p.read_text(encoding="utf-8") for p in sorted(CDCP_TEST.glob("*.txt"))[:30])]:
        texts = [t for t in text.split(". ") if t]
        analysis = analyse(texts, [k // 3 for k in range(len(texts))])
        pairs = window_pairs(len(texts))
        if not pairs:
            continue
        rows = link_inputs(analysis.doc, analysis.type_probs, analysis.central, pairs, opponent_units(analysis.doc))
        ends = F.pair_ends(pairs)
        base = F.pair_features(analysis.doc, analysis.type_probs, analysis.central, pairs)
        assert np.array_equal(rows[:, :len(F.PAIR_NAMES)], base)
        target_start = len(F.PAIR_NAMES) + len(OPPONENT_PAIR_NAMES)
        assert np.array_equal(rows[:, target_start:target_start + len(TARGET_PAIR_NAMES)],
                              _target_pair(analysis.doc, analysis.type_probs, ends))
        assert np.array_equal(rows[:, target_start + len(TARGET_PAIR_NAMES):], _sequence_pair(analysis.doc, ends))
        plain = load().link.logits(rows)
        assert np.array_equal(load().link.logits(rows.copy(), overwrite=True), plain)
    rng = np.random.default_rng(7)
    for size, sort_below in ((0, 2), (1, 2), (2, 2), (5, 2), (40, 2), (300, 2), (700, F._SORT_BELOW),
                             (2500, F._SORT_BELOW)):
        monkeypatch.setattr(F, "_SORT_BELOW", sort_below)  # the runs also on a few pairs
        src = np.sort(rng.integers(0, 12 + size // 20, size)).astype(np.int64)
        cosine = rng.choice(np.asarray([-0.0, 0.0, 0.25, 0.5, 0.5, 1.0], np.float32), size)
        assert np.array_equal(F.most_similar(src, cosine), F.most_similar_plain(src, cosine))
        shuffled = rng.permutation(size)
        assert np.array_equal(F.most_similar(src[shuffled], cosine[shuffled]),
                              F.most_similar_plain(src[shuffled], cosine[shuffled]))
    monkeypatch.setattr(F, "_SORT_BELOW", 2)
    with_nan = np.asarray([0.5, np.nan, 0.2, 0.1], np.float32)
    src = np.asarray([0, 0, 1, 1], np.int64)
    assert np.array_equal(F.most_similar(src, with_nan), F.most_similar_plain(src, with_nan))


def test_link_inputs_mark_the_clause_next_to_the_source_in_its_sentence_and_where_the_target_stands() -> None:
    from importers.mining.central import OPPONENT_PAIR_NAMES, TARGET_PAIR_NAMES, link_inputs
    from importers.mining.features import PAIR_NAMES
    from importers.mining.pipeline import analyse, opponent_units

    texts = ["Cities should ban cars from their centres,", "because traffic noise harms residents.",
             "Shop owners fear losing customers.", "Car-free streets attract people on foot."]
    analysis = analyse(texts, [0, 0, 0, 1])
    pairs = [(0, 1), (1, 0), (2, 1), (1, 2), (0, 3)]
    rows = link_inputs(analysis.doc, analysis.type_probs, analysis.central, pairs, opponent_units(analysis.doc))
    first = len(PAIR_NAMES) + len(OPPONENT_PAIR_NAMES)
    column = {name: rows[:, first + k] for k, name in enumerate(TARGET_PAIR_NAMES)}
    assert list(column["same_sentence_next"]) == [1, 0, 0, 0, 0]  # "..., because ..." goes on into the target
    assert list(column["same_sentence_previous"]) == [0, 1, 0, 0, 0]
    assert list(column["tgt_block_first"]) == [0, 1, 0, 0, 1]
    assert list(column["tgt_block_last"]) == [0, 0, 0, 1, 1]
    # the target's type probabilities, on the side of the source the target stands
    after, before = column["tgt_type0_after"], column["tgt_type0_before"]
    assert after[1] == before[0] == 0
    assert after[0] == analysis.type_probs[1, 0] and before[1] == analysis.type_probs[0, 0]


def test_link_inputs_mark_an_addition_opening_by_how_far_back_and_a_personal_account_by_neighbour() -> None:
    """An addition opening ("Also ...") apart for the unit just before and for one further back; the share of
    first-person units times "the target is the unit just before / after" (0 in a text with no first person)."""
    import numpy as np

    from importers.mining.central import SEQUENCE_PAIR_NAMES, link_inputs
    from importers.mining.pipeline import analyse, opponent_units

    texts = ["I think the council should reopen the pool.", "I swam there every week as a child.",
             "Also, the nearest other pool is an hour away by bus.", "Children need somewhere to learn to swim."]
    analysis = analyse(texts, [0, 0, 0, 0])
    pairs = [(2, 1), (2, 0), (2, 3), (1, 2), (3, 2), (3, 0), (1, 0)]
    rows = link_inputs(analysis.doc, analysis.type_probs, analysis.central, pairs, opponent_units(analysis.doc))
    column = {name: rows[:, -len(SEQUENCE_PAIR_NAMES) + k] for k, name in enumerate(SEQUENCE_PAIR_NAMES)}
    assert list(column["addition_previous"]) == [1, 0, 0, 0, 0, 0, 0]
    assert list(column["addition_further_back"]) == [0, 1, 0, 0, 0, 0, 0]
    assert np.allclose(column["first_person_share_previous"], [0.5, 0, 0, 0, 0.5, 0, 0.5])  # 2 of 4 units say "I"
    assert np.allclose(column["first_person_share_next"], [0, 0, 0.5, 0.5, 0, 0, 0])
    impersonal = analyse(["The council should reopen the pool.", "The nearest other pool is an hour away."], [0, 0])
    rows = link_inputs(impersonal.doc, impersonal.type_probs, impersonal.central, [(1, 0), (0, 1)],
                       opponent_units(impersonal.doc))
    assert not rows[:, -2:].any()


@pytest.mark.parametrize(("text", "proposes"), [
    ("Why not hand the hall to the community trust?", True),
    ("So why doesn't the council do the same?", True),
    ("Why do people keep buying bottled water?", False),  # asks for a reason: no proposal
    ("Why not?", True),
    ("Why not hand the hall to the trust.", False),  # not a question
])
def test_proposal_questions(text: str, proposes: bool) -> None:
    from importers.mining.central import proposal_question

    assert proposal_question(text) is proposes


def test_central_claim_candidates_skip_continuing_clauses_and_plain_questions() -> None:
    from importers.mining.central import central_eligible, continues_sentence
    from importers.mining.features import doc_features

    texts = ["Parking fees went up twice last year,", "so fewer people shop in town.",
             "What will the council do?", "Why not make the first hour free?", "Shops would fill again."]
    doc = doc_features(texts, [0, 0, 0, 0, 1])
    assert [continues_sentence(doc, i) for i in range(5)] == [False, True, False, False, False]
    assert central_eligible(doc, [False] * 5) == [0, 3, 4]
    assert central_eligible(doc, [True, False, False, False, True]) == [3]
    # nothing eligible by the strict rule: the author's non-questions, then every unit
    assert central_eligible(doc_features(texts[:2], [0, 0]), [True, False]) == [1]
    assert central_eligible(doc_features(texts[2:3], [0]), [False]) == [0]


def test_in_degree_sums_each_sources_softmax_over_its_candidates() -> None:
    import math

    import numpy as np

    from importers.mining.central import in_degree

    pairs = [(0, 1), (0, 2), (1, 0), (1, 2), (2, 1)]
    logits = np.asarray([0.0, math.log(3.0), 5.0, 5.0, -2.0], np.float32)
    degree = in_degree(3, pairs, logits)
    assert np.allclose(degree, [0.5, 0.25 + 1.0, 0.75 + 0.5], atol=1e-6)
    assert math.isclose(float(degree.sum()), 3.0, rel_tol=1e-6)  # every source spreads one unit of mass
    assert list(in_degree(2, [], np.zeros(0, np.float32))) == [0.0, 0.0]


def test_window_pair_ends_in_array_steps_are_the_window_pairs() -> None:
    """``window_ends`` gives the source and target arrays of ``window_pairs`` (every pair of a short text, those at
    most ``WINDOW`` apart in a long one), in the same order and type."""
    import numpy as np

    from importers.mining.features import pair_ends
    from importers.mining.pipeline import GLOBAL_LIMIT, window_ends, window_pairs

    for n in (*range(0, 12), GLOBAL_LIMIT - 1, GLOBAL_LIMIT, GLOBAL_LIMIT + 1, 2 * GLOBAL_LIMIT + 7):
        src, tgt = window_ends(n)
        plain_src, plain_tgt = pair_ends(window_pairs(n))
        assert np.array_equal(src, plain_src) and np.array_equal(tgt, plain_tgt), n
        assert src.dtype == plain_src.dtype and tgt.dtype == plain_tgt.dtype
    assert len(window_ends(GLOBAL_LIMIT + 1)[0]) < GLOBAL_LIMIT * (GLOBAL_LIMIT + 1)  # the window does narrow


def test_window_cosines_from_the_neighbours_are_the_pairs_own_products() -> None:
    """A long document's window pairs take their cosines from the neighbours' cosines the unit features kept: bit
    for bit the products of the pairs' gathered rows, in the pairs' order; None when they were not kept."""
    import numpy as np

    from importers.mining import features as F
    from importers.mining.pipeline import GLOBAL_LIMIT, WINDOW, window_ends

    rng = np.random.default_rng(3)
    sentences = [s for p in sorted(CDCP_TEST.glob("*.txt"))[:40] for s in p.read_text(encoding="utf-8").split(". ")]
    for n in (2, 9, 10, 30, GLOBAL_LIMIT + 1, 150):
        texts = [sentences[k % len(sentences)] for k in range(n)]
        random = rng.standard_normal((n, 256)).astype(np.float32)
        for doc in (F.doc_features(texts, [k // 4 for k in range(n)]),
                    F.doc_features(texts, [0] * n, embeddings=random / np.linalg.norm(random, axis=1)[:, None])):
            src, tgt = window_ends(n)
            gathered = np.einsum("ij,ij->i", doc.embeddings[src], doc.embeddings[tgt])
            limit = n if n <= GLOBAL_LIMIT else WINDOW
            found = F.window_cosines(doc, limit)
            if min(limit, n - 1) > F.NEIGHBOURS:
                assert found is None
            else:
                assert found is not None and found.dtype == gathered.dtype
                assert found.tobytes() == gathered.tobytes()
    doc = F.doc_features(sentences[:70], [0] * 70)
    doc.derived.pop(F.NEIGHBOUR_COSINES)
    assert F.window_cosines(doc, WINDOW) is None


def test_pair_ends_are_the_plain_steps() -> None:
    """``features.pair_ends`` reads the same integers as ``np.asarray`` on the list of pairs."""
    import numpy as np

    from importers.mining import features as F

    rng = np.random.default_rng(5)
    for count in (1, 5, 64, 3000):
        pairs = list(zip(rng.integers(0, 150, count).tolist(), rng.integers(0, 150, count).tolist(), strict=True))
        ends = F.pair_ends(pairs)
        plain = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        assert np.array_equal(ends[0], plain[:, 0]) and np.array_equal(ends[1], plain[:, 1])
        assert ends[0].dtype == plain.dtype
    assert F.pair_ends([])[0].shape == (0,)


def test_central_claim_is_the_unit_the_others_point_to() -> None:
    """The choice adds the link model's in-degree to the central-claim score: the chosen unit's combined
    score is the best of the eligible units."""
    import numpy as np

    from importers.mining.central import IN_DEGREE_WEIGHT, central_eligible
    from importers.mining.pipeline import analyse, central_scores, mine

    texts = SHORT.split(". ")
    mined = mine(texts, [0] * len(texts))
    analysis = analyse(texts, [0] * len(texts))
    scores = central_scores(analysis)
    eligible = central_eligible(analysis.doc, mined.opponent)
    assert mined.central == max(eligible, key=lambda i: (float(scores[i]), -i))
    degree = (scores - analysis.central) / IN_DEGREE_WEIGHT
    assert np.all(degree >= 0) and np.isclose(float(degree.sum()), len(texts), rtol=1e-4)


def test_the_sparse_decoders_model_leaves_out_the_columns_cdcp_cross_validation_dropped() -> None:
    """``train.SPARSE_DROP`` names link inputs the sparse decoder's CDCP-only model does not read: their stored
    weight is 0 (the tree's model reads them), every other column keeps a weight."""
    import numpy as np

    from importers.mining import train as T
    from importers.mining.model import load

    keep = T.sparse_columns()
    assert len(keep) == len(T.LINK_NAMES) and 0 < keep.sum() < len(keep)
    dropped = [name for name, kept in zip(T.LINK_NAMES, keep, strict=True) if not kept]
    assert dropped and all(name in T.SPARSE_DROP for name in dropped)
    models = load()
    assert np.all(models.sparse_link.weight[0, ~keep] == 0)
    assert np.count_nonzero(models.sparse_link.weight[0, keep]) > keep.sum() // 2
    assert np.count_nonzero(models.link.weight[0, ~keep]) > 0
    assert T.sparse_columns(("tgt_type0_before", "src_type*")).sum() == len(T.LINK_NAMES) - 1 - sum(
        name.startswith("src_type") for name in T.LINK_NAMES)


def test_a_proposing_question_chosen_as_central_claim_is_the_thesis() -> None:
    # written for this test: the question is what the rest argues for
    text = ("Why not let the village trust run the old hall? The trust already runs the library on volunteers. "
            "Its accounts show a surplus every year. The council spends more on the hall than it earns.")
    found = mine_text(text)
    central = found.mined.central
    assert central is not None and found.mined.kinds[central] == "thesis"
    assert found.mined.kinds.count("thesis") == 1


def test_the_clause_after_a_colon_backs_the_clause_before_it() -> None:
    """Given units split at a colon (as gold units may be), the clause after it is the reason for the one before."""
    text = ("The council should keep the night bus. It would also save money: each taxi voucher costs more than "
            "a year of fares. Drivers agree.")
    spans = [(0, 38), (39, 64), (65, 115), (116, 130)]
    assert [text[s:e] for s, e in spans][1:3] == ["It would also save money:",
                                                 "each taxi voucher costs more than a year of fares."]
    mined = mine_spans(text, spans)
    assert mined.parents[2] == 1 and mined.relations[2] == "SUPPORTS"


def test_the_main_clause_after_a_leading_concession_may_be_the_thesis() -> None:
    # written for this test: "Although X, | Y" splits, and Y is its sentence's main clause, not a continuation
    text = ("Although the bypass cost a fortune, the council should open it to buses now. Bus journeys into town "
            "would be ten minutes shorter. Fewer cars would then cross the high street.")
    found = mine_text(text)
    assert [text[u.start:u.end] for u in found.units][:2] == ["Although the bypass cost a fortune,",
                                                              "the council should open it to buses now."]
    assert found.mined.central == 1 and found.mined.kinds[1] == "thesis"


def test_word_stores_stay_right_when_parses_run_in_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server parses in worker threads: with small bounds the stores are emptied often, and one thread's
    emptying must not break another's lookup (each result is still the plain definition's)."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from importers.mining import features as f

    by_words = f._word_ids()
    assert by_words is not None
    encode = f._tokenizer().encode
    texts = [d.text for d in read_cdcp(CDCP_TEST)][:24]
    batches = [[unit for unit in text.split(". ") if unit] for text in texts]
    expected_ids = [[encode(u, add_special_tokens=False).ids for u in batch] for batch in batches]
    expected_bits = [[sum(int(v) << k for k, v in enumerate(_plain_markers(u))) for u in batch] for batch in batches]
    monkeypatch.setattr(f, "_WORD_IDS", {})
    monkeypatch.setattr(f, "_WORD_BITS", {})
    monkeypatch.setattr(f, "_WORD_IDS_LIMIT", 40)
    monkeypatch.setattr(f, "_WORD_BITS_LIMIT", 40)

    def work(k: int) -> tuple[list[list[int]], list[int]]:
        batch = batches[k % len(batches)]
        return by_words(batch), f._markers_of([u.lower() for u in batch])

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(work, range(8 * len(batches))))
    finally:
        sys.setswitchinterval(interval)
    for k, (ids, bits) in enumerate(results):
        assert ids == expected_ids[k % len(batches)]
        assert bits == expected_bits[k % len(batches)]


def test_a_contracted_cycle_never_takes_the_id_of_a_target_outside_the_group() -> None:
    """A paragraph's tree may keep a target in the next paragraph (an objection's forced target): contracting a
    cycle must not name the merged node after that unit (it was ``max(nodes) + 1``, the next paragraph's first)."""
    from importers.mining.pipeline import _edmonds

    # units 1 and 2 prefer each other (a cycle); 1 may also point at unit 3, the next paragraph's first
    edges = {(0, 1): 0.0, (0, 2): 0.0, (2, 1): 5.0, (1, 2): 5.0, (3, 1): 4.0}
    assert _edmonds({0, 1, 2}, 0, edges) == {1: 3, 2: 1}  # 4 + 5, the best arborescence


def test_mining_runs_on_one_blas_thread_with_the_same_numbers() -> None:
    """Once a parse has mined, numpy's BLAS has one thread, in the server's worker threads too; the models' products
    are the same numbers on one thread as on several."""
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np

    from importers.mining import model

    parse_document(SHORT)
    libraries = model.one_blas_thread()
    assert libraries, "threadpoolctl finds numpy's BLAS (a dependency since this test: run make install)"
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert set(pool.map(lambda _: tuple(library.num_threads for library in libraries), range(4))) == {
            (1,) * len(libraries)}
    link, role = model.load().link, model.load().role
    rows = np.random.default_rng(0).normal(size=(4000, link.mean.shape[0])).astype(np.float32)  # big enough to thread
    role_rows = np.random.default_rng(1).normal(size=(4000, role.mean.shape[0])).astype(np.float32)
    single = link.logits(rows), role.softmax(role_rows)
    try:
        for library in libraries:
            library.set_num_threads(2)
        several = link.logits(rows), role.softmax(role_rows)
    finally:
        for library in libraries:
            library.set_num_threads(1)
    assert all(np.array_equal(a, b) for a, b in zip(single, several, strict=True))


def test_eval_against_a_second_annotation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(AIF_SAMPLE.read_text(encoding="utf-8"))
    same = tmp_path / "same.json"
    same.write_text(json.dumps(data), encoding="utf-8")
    assert main(["eval", str(AIF_SAMPLE), "--against", str(same), "--json", str(tmp_path / "same-scores.json")]) == 0
    agreed = json.loads((tmp_path / "same-scores.json").read_text(encoding="utf-8"))["predicted"]
    assert set(agreed) == {"same", "first", "last"}  # the second annotation replaces the pipeline
    assert agreed["same"]["relations_labelled"]["f1"] == 1.0 and agreed["same"]["central_claim_accuracy"] == 1.0
    assert agreed["same"]["documents"] == len(data["documents"])

    # the second annotator reads one support as an attack: one relation of the first document disagrees
    first_doc = data["documents"][0]
    scheme = next(n for n in first_doc["nodes"] if n["type"] == "RA")
    scheme["type"] = "CA"
    differ = tmp_path / "differ.json"
    differ.write_text(json.dumps({"documents": [first_doc]}), encoding="utf-8")
    assert main(["eval", str(AIF_SAMPLE), "--against", str(differ), "--json", str(tmp_path / "s.json")]) == 0
    scores = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["predicted"]["differ"]
    relations = len(read_aif(AIF_SAMPLE)[0].relations)
    assert scores["documents"] == 1  # only the texts both annotate
    assert scores["relations_labelled"]["f1"] == pytest.approx(round((relations - 1) / relations, 4))
    assert scores["relations_unlabelled"]["f1"] == 1.0

    other = tmp_path / "other.json"
    first_doc["text"] = first_doc["text"].replace("Our town", "Our city")
    for node in (n for n in first_doc["nodes"] if n["type"] == "I"):
        node["text"] = node["text"].replace("Our town", "Our city")
    other.write_text(json.dumps({"documents": [first_doc]}), encoding="utf-8")
    capsys.readouterr()
    assert main(["eval", str(AIF_SAMPLE), "--against", str(other)]) == 2
    assert "share no document text" in capsys.readouterr().err


def test_eval_refuses_importers_and_against_together(capsys: pytest.CaptureFixture[str]) -> None:
    # each replaces what is scored: together one would be ignored without a word
    assert main(["eval", str(AIF_SAMPLE), "--importers", "--against", str(AIF_SAMPLE)]) == 2
    assert "give one of them" in capsys.readouterr().err


def test_the_figure_column_runs_its_pattern_only_where_a_figure_may_be() -> None:
    """``central.statement_columns`` scans for figures only in units with a digit or a number word (or a character
    the case-blind pattern matches with an ASCII letter other than by ``str.lower``), and for the evaluative predicate
    case-sensitively in the lower-cased text of a unit with a copula (the case-blind pattern on a unit with such a
    character): the same columns as the case-blind patterns on every unit, on CDCP test, the short texts and written
    units; and those characters are all of Unicode's (elsewhere ``str.lower`` keeps \\w and \\s)."""
    import re
    import sys

    import numpy as np

    from importers.mining import central
    from importers.mining import features as F
    from importers.regex_parts import CASE_BLIND_ODD
    from services.settings import PROJECT_ROOT

    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    word = re.compile(r"\w")
    space = re.compile(r"\s")
    odd = set()
    for code in range(128, sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        low = c.lower()
        if (len(low) != 1 or bool(word.match(c)) != bool(word.match(low)) or ascii_letter.fullmatch(c)
                or low.isascii()):
            odd.add(c)
        assert bool(space.match(c)) == bool(space.match(low)) and c.isdecimal() == low.isdecimal(), hex(code)
    assert odd == set(CASE_BLIND_ODD.pattern[1:-1])  # the one pattern every lower-case path asks about
    corpora = PROJECT_ROOT / "corpora"
    texts = [d.text for d in read_cdcp(corpora / "cdcp" / "test")]
    texts += [str(d["text"]) for d in json.loads((corpora / "argmap-short" / "dev.json").read_text())["documents"]]
    written = ["Two cats and three dogs.", "TWENTY-one pupils, 4 classes.", "ſix and ſeven", "Kelvin: 2 K, ten K",
               "İki bin? Two, then one.", "Fifteenth place, twice.", "A half of it, and 1.5 million more.",
               "²³ and ½ and ten", "Dozens, hundreds", "No figures here at all.", "three_two five", "x2 and y3",
               "The plan IS Simply WRONG.", "It was not a mistake.", "Taxes remain unfair", "being   a  Failure",
               "It ſeems unfair.", "This iſ bad", "It İs bad", "Wrong, it is.", "It is wrongly done",
               "He is a fine man",
               "Thiswas bad", "It is\tsafe", "the risk is great", "It is a problem_x", "IS IT FAIR? It seems fair.",
               "TWO Or THREE", "ſix and two", "Two K and ten", "Eleven, TWELVE, 3",
               "In 2019, 1,200 (3.5%) left.", "Only 7 stayed.", "٣ and ٤ are digits too", "1.2.3 and 4,5"]
    written += [f"{number.title()} or {number}." for number in str.split(  # each number word alone, twice
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
        "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion "
        "dozen half twice")]
    documents = [[t[u.start:u.end] for u in mine_text(t).units] for t in texts] + [written]
    fired = judged = 0
    for units in documents:
        doc = F.doc_features(units, [0] * len(units))
        plain = central.statement_columns(doc, gated=False)
        assert np.array_equal(central.statement_columns(doc), plain)
        fired += int(plain[:, 1].sum())
        judged += int(plain[:, 0].sum())
    assert fired >= 20  # units with several figures were checked
    assert judged >= 20  # and units with an evaluative predicate


def test_holds_case_blind_odd_answers_as_its_pattern() -> None:
    """``regex_parts.holds_case_blind_odd`` (four substring tests) answers ``CASE_BLIND_ODD.search``: on every
    character of Unicode alone and inside ASCII, Latin-1 and wider texts, and on the seeds and the short texts."""
    import sys

    from importers.regex_parts import CASE_BLIND_ODD, holds_case_blind_odd
    from services.settings import PROJECT_ROOT

    found = 0
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        for text in (c, f"ab{c}cd", f"é{c}", f"{c}’s", f"“{c}"):
            expected = CASE_BLIND_ODD.search(text) is not None
            assert holds_case_blind_odd(text) == expected, hex(code)
            found += expected
    assert found == 4 * 5
    texts = [p.read_text() for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    texts += [str(d["text"]) for d in json.loads((PROJECT_ROOT / "corpora" / "argmap-short" / "dev.json").read_text())[
        "documents"]]
    texts += [t + odd for t in texts[:3] for odd in ("\u0130", "\u0131", "\u017f", "\u212a")]
    assert [holds_case_blind_odd(t) for t in texts] == [CASE_BLIND_ODD.search(t) is not None for t in texts]
    assert sum(map(holds_case_blind_odd, texts)) >= 12


def test_quotation_marks_by_substring_tests_as_by_their_class() -> None:
    """``roles.holds_quotation_mark`` answers ``_QUOTATION_MARKS.search``: every character alone and in a text, the
    seeds' paragraphs and the short texts."""
    import sys

    from importers.mining import roles
    from services.settings import PROJECT_ROOT

    texts = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]
    texts += [f"He said {t} and left." for t in texts[:0x3000]]
    for path in sorted((PROJECT_ROOT / "seeds").glob("*.txt")):
        texts += path.read_text().split("\n\n")
    texts += [str(d["text"]) for d in json.loads((PROJECT_ROOT / "corpora" / "argmap-short" / "dev.json").read_text())[
        "documents"]]
    answers = [roles.holds_quotation_mark(t) for t in texts]
    assert answers == [roles._QUOTATION_MARKS.search(t) is not None for t in texts]
    assert sum(answers) >= 20


def test_the_closing_unit_that_proposes_or_judges_and_words_of_verdict() -> None:
    """``central.closing_columns`` marks only the text's last unit, when it proposes or judges and does not voice
    another's view; ``VERDICT_WORDS`` widen the evaluative predicate ("has been a mistake"), not the marker."""
    from importers.mining import central
    from importers.mining import features as F

    def closing(units: list[str]) -> list[float]:
        doc = F.doc_features(units, [0] * len(units))
        return central.closing_columns(doc, central.statement_columns(doc))[:, 0].tolist()

    opening = "The canal towpath was resurfaced in 2019 at a cost of two million pounds."
    assert closing([opening, "Cyclists now use it every day.", "The county should light it at night."]) == [0, 0, 1]
    assert closing([opening, "The lighting plan has been a mistake."]) == [0, 1]  # a verdict
    assert closing([opening, "The county could simply light the worst stretch."]) == [0, 1]  # a hedged proposal
    assert closing([opening, "Cyclists now use it every day."]) == [0, 0]  # closes on a report
    assert closing([opening, "Critics say the county should close it at night."]) == [0, 0]  # another's view
    assert closing(["The county should light the towpath."]) == [0]  # one unit: nothing closes it

    doc = F.doc_features(["The lighting plan has been a mistake.", "The plan was a failure."], [0, 0])
    assert central.statement_columns(doc)[:, 0].tolist() == [1, 1]
    assert not doc.marker(0, "evaluative")  # the marker the other models read is unchanged


def test_the_unwrapped_numpy_steps_are_numpys_own() -> None:
    """``features.mean_of`` is ``ndarray.mean`` and ``features.einsum`` is ``np.einsum``, bit for bit, on float32
    arrays of many shapes and magnitudes (a short text's parse calls them a few dozen times)."""
    import numpy as np

    from importers.mining import features as F

    rng = np.random.default_rng(7)
    for rows in (1, 2, 3, 7, 64, 301):
        for scale in (1e-3, 1.0, 1e4):
            x = (rng.standard_normal((rows, 256)) * scale).astype(np.float32)
            assert np.array_equal(F.mean_of(x, axis=0), x.mean(axis=0))
            column = x[:, 3].copy()
            assert F.mean_of(column) == column.mean() and type(F.mean_of(column)) is type(column.mean())
            y = (rng.standard_normal((rows, 256)) * scale).astype(np.float32)
            assert np.array_equal(F.einsum("ij,ij->i", x, y), np.einsum("ij,ij->i", x, y))
    flags = np.asarray([0.0, 1.0, 1.0], np.float32)
    assert F.mean_of(flags) == flags.mean()


def _doc(texts: list[str]) -> DocFeatures:
    return doc_features(texts, [0] * len(texts))


def test_a_reply_to_a_brief_grant_answers_the_objection_it_grants() -> None:
    # written for this test: "They are," grants the objection before it; the reply answers that objection
    from importers.mining.pipeline import _answered_objections
    from importers.mining.voices import grants_briefly

    texts = ["The town should close the high street to cars.", "Shop owners say deliveries would suffer.",
             "They would, a little,", "but vans can still come before ten.",
             "Drivers argue that the car parks are already full.", "The council's own counts show a fall in visitors "
             "from the car parks since the market moved.", "But the counts were taken in August."]
    opponent = [False, True, True, False, True, True, False]
    assert grants_briefly(texts[2]) and not grants_briefly(texts[5])
    replies = _answered_objections(_doc(texts), opponent, {3: 2, 6: 5})
    assert replies == {3: 1, 6: 5}  # the elaborating figure keeps its reply


def test_a_conclusion_after_a_reply_answers_the_objection_and_the_reply_backs_it() -> None:
    # written for this test: "But X, | so Y": Y answers the objection, X is its reason
    from importers.mining.pipeline import _conclusions_carry_replies

    texts = ["The school should install solar panels.", "Some governors think the money should buy textbooks.",
             "But the grant can only be spent on energy,", "so it is not a choice between the two.",
             "The panels would also teach the pupils something."]
    opponent = [False, True, False, False, False]
    replies, forced = {2: 1}, {2: 1}
    _conclusions_carry_replies(_doc(texts), opponent, [False] * 5, 0, replies, forced)
    assert replies == {3: 1} and forced == {3: 1, 2: 3}
    replies, forced = {2: 1}, {2: 1}  # no conclusion after the reply: nothing moves
    _conclusions_carry_replies(_doc(texts[:3] + texts[4:]), opponent[:4], [False] * 4, 0, replies, forced)
    assert replies == {2: 1} and forced == {2: 1}


def test_an_objection_right_after_the_opening_argues_against_the_thesis() -> None:
    from importers.mining.pipeline import objection_targets

    opponent = [False, True, False, False, False]
    assert objection_targets(1, [0, 2, 3, 4], 4, opponent) == [2, 3, 4]
    assert objection_targets(1, [0, 2, 3, 4], 0, opponent) == [0, 2, 3, 4]  # the opening is the thesis
    assert objection_targets(2, [0, 1, 3, 4], 4, [False, False, True, False, False]) == [0, 1, 3, 4]
    assert objection_targets(1, [0, 2, 3, 4], 4, [True, True, False, False, False]) == [0, 2, 3, 4]  # a voice too


@pytest.mark.parametrize(("word", "flagged"), [("so", (2,)), ("so", (1, 2)), ("because", (2,)), ("because", (1, 2))])
def test_a_reason_inside_its_sentence_backs_its_clause_whoever_the_voices_model_says_speaks(
        word: str, flagged: tuple[int, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    # written for this test: "X, | so Y" and "X | because Y" tie two clauses of one sentence; an opposing-voice flag
    # (here set, as the voices model may give it) on the clause that gives the reason or on both leaves the reason
    # backing its clause, and no attack (on main the flagged reason went to the thesis, as ATTACKS)
    import numpy as np

    from importers.mining.voices import Voices

    def flags(self: Voices, doc: DocFeatures) -> np.ndarray:
        out = np.zeros(doc.n, np.float32)
        out[list(flagged)] = 1.0
        return out

    monkeypatch.setattr(Voices, "opponent_probs", flags)
    texts = {"so": "The village should keep its post office. Half the residents have no car, so they cannot reach the "
                   "town branch. The shop next door would lose trade as well.",
             "because": "The village should keep its post office. Some say the branch will close anyway because "
                        "hardly anyone uses it. The shop next door would lose trade as well."}
    text = texts[word]
    cut = text.index(f" {word} ") + 1
    end = text.index(".", cut) + 1
    spans = [(0, 40), (41, cut - 1), (cut, end), (end + 1, len(text))]
    assert [text[s:e] for s, e in spans][0] == "The village should keep its post office."
    mined = mine_spans(text, spans)
    assert [mined.opponent[i] for i in (1, 2)] == [i in flagged for i in (1, 2)]
    reason, claim = (1, 2) if word == "so" else (2, 1)
    assert mined.parents[reason] == claim and mined.relations[reason] == "SUPPORTS"


def test_best_parents_without_the_sort_are_the_sorted_scans() -> None:
    """``_best_in`` (each node's highest weight, ties to the smaller parent, no sort) gives the parents of the plain
    sorted scan ``_best_in_plain``: random edge sets with many ties, self-loops, edges into the root, -0.0 against
    0.0 and NaN weights (the sorted scan itself then)."""
    import random

    from importers.mining.pipeline import _best_in, _best_in_plain

    rng = random.Random(13)
    values = [0.0, -0.0, 1.0, 1.0, -2.5, 3.25, float("nan")]
    for trial in range(3000):
        nodes = rng.randint(1, 9)
        edges: dict[tuple[int, int], float] = {}
        for _ in range(rng.randint(0, nodes * nodes)):
            weight = rng.choice(values[:-1] if trial % 3 else values) if trial % 2 else rng.uniform(-1, 1)
            edges[(rng.randrange(nodes + 1), rng.randrange(nodes))] = weight
        items = list(edges.items())
        rng.shuffle(items)  # the plain scan sorts; the fast one reads the edges as they come
        shuffled = dict(items)
        root = rng.randrange(nodes)
        assert _best_in(root, shuffled) == _best_in_plain(root, shuffled)
    # a tie goes to the smaller parent whichever edge comes first
    assert _best_in(0, {(3, 1): 2.0, (2, 1): 2.0, (0, 1): 1.0}) == {1: 2}
    assert _best_in(0, {(2, 1): -0.0, (3, 1): 0.0}) == {1: 2}


def test_adds_a_point_gated_by_also_is_the_pattern() -> None:
    """``adds_a_point(text, low)`` (no scan for a text whose lower-cased form lacks "also" and holds none of the
    case-blind odd letters) answers as the pattern does on every unit of CDCP's test comments, the short texts and
    the seeds, and on written ones in capitals, with the long s and with "also" glued to an underscore."""
    import json
    from pathlib import Path

    from importers.mining import central
    from services.settings import PROJECT_ROOT

    corpora = PROJECT_ROOT / "corpora"
    texts = [d.text for d in read_cdcp(CDCP_TEST)]
    texts += [str(d["text"]) for d in json.loads((corpora / "argmap-short" / "dev.json").read_text())["documents"]]
    texts += [p.read_text() for p in sorted(Path(PROJECT_ROOT / "seeds").glob("*.txt"))]
    units = [t[u.start:u.end] for t in texts for u in mine_text(t).units]
    units += ["ALSO, we should act.", "It SHOULD ALSO help.", "It should alſo help.", "Alſo, this.", "_also here",
              "*Also* true", "They have\talso won", "Calso no", "It should also.", "It needs to also do it",
              "It ſhould also help", "also"]
    added = 0
    for unit in units:
        expected = central._ADDS_A_POINT.search(unit) is not None
        assert central.adds_a_point(unit, unit.lower()) == expected == central.adds_a_point(unit), unit
        added += expected
    assert added >= 10
