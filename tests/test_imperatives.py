"""Sentence-initial imperatives (``importers.mining.imperatives``): a verb outside any list ("Fund ...", "Publish
...") opens a recommendation, a noun that could be a verb ("Support for ...", "Change is ...") does not."""

from __future__ import annotations

import pytest

from graph.model import StatementKind
from importers import parse_document
from importers.mining import markers
from importers.mining.imperatives import imperative_score, opens_imperative, proposes_action


@pytest.mark.parametrize("sentence", [
    "Fund the flood defences before the next winter.",
    "Publish every inspection report within a month.",
    "Guarantee a place at a nursery for every child.",
    "Expand the scheme to part-time workers.",
    "Restore the bus routes that were cut last year.",
    "Hire more inspectors and train the ones we have.",
    "Please reconsider the closure.",
    "Let parents choose the school.",
    "Don't wait for the next crisis.",
    "Then raise the threshold to the level of the living wage.",
    "1. Create a register of empty shops.",
])
def test_imperatives_outside_the_old_verb_list_are_found(sentence: str) -> None:
    assert opens_imperative(sentence), (sentence, imperative_score(sentence))


@pytest.mark.parametrize("sentence", [
    "Water companies must pay for the clean-up.",
    "Research shows that the scheme works.",
    "Housing costs rose by eight per cent.",
    "Change is coming to the high street.",
    "Demand for care is rising.",
    "The council should publish the figures.",
    "In the past decade, rents doubled.",
    "However, the data tell another story.",
    "Local authorities need more money.",
    "NATO allies spend more on defence.",
    "fund the defences.",  # no sentence start
])
def test_sentences_that_state_are_not_imperatives(sentence: str) -> None:
    assert not opens_imperative(sentence), (sentence, imperative_score(sentence))


def test_an_imperative_conditional_states_a_consequence() -> None:
    assert opens_imperative("Cut the fee, and the small producers would survive.")
    assert not proposes_action("Cut the fee, and the small producers would survive.")
    assert proposes_action("Cut the fee for small producers.")


def test_the_old_verb_list_missed_these() -> None:
    """The point of the lexicon: a policy verb the hand list never held."""
    for sentence in ("Fund the flood defences before the next winter.", "Publish every inspection report."):
        assert markers.IMPERATIVE_START.match(sentence.lower()) is None


OPED = """Our Rivers Need More Than Promises

By Jane Roe

The river through our town failed its water-quality test in each of the last six summers. Anglers have stopped \
coming, and the swimming club moved to an indoor pool.

The water company has known about the overflows for years. Its own monitors recorded sewage spills on ninety days \
last year.

Fund the sewer upgrades before the next price review. Publish every overflow's spill data within a day, so that \
swimmers can check before they go in.

Jane Roe chairs the town's river trust.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_text_s_imperatives_are_recommendations(importer: str) -> None:
    graph = parse_document(OPED, importer=importer)
    kinds = {s.quote.split()[0]: s.kind for s in graph.statements if s.quote.split()[0] in ("Fund", "Publish")}
    assert kinds == {"Fund": StatementKind.RECOMMENDATION, "Publish": StatementKind.RECOMMENDATION}


def test_tokens_are_the_plain_definitions() -> None:
    """``tokens`` (typographic apostrophes replaced in the text before the scan) gives ``tokens_plain``'s tokens (each
    token's replaced): the seeds' paragraphs, CDCP's test comments and written texts mixing both apostrophes."""
    from pathlib import Path

    from importers.mining.corpora import read_cdcp
    from importers.mining.imperatives import tokens, tokens_plain
    from services.settings import PROJECT_ROOT

    texts = [p for path in sorted(Path(PROJECT_ROOT / "seeds").glob("*.txt")) for p in path.read_text().split("\n\n")]
    texts += [d.text for d in read_cdcp(PROJECT_ROOT / "corpora" / "cdcp" / "test")]
    texts += ["Don’t go; don't stay.", "’’ a’b’c ’tis ’", "rock ’n’ roll", "It’S THE Mali’s — “Plan”", "o'’k", ""]
    apostrophes = 0
    for text in texts:
        expected = tokens_plain(text)
        assert tokens(text) == expected, text
        apostrophes += sum("'" in t for t in expected)
    assert apostrophes > 50


def test_imperative_score_is_the_plain_definition() -> None:
    """``imperative_score`` (the tokens read one by one as far as it looks) gives ``imperative_score_plain``'s score
    (every token of the first 120 characters): the sentences of the seeds, CDCP's test comments and dev.json, each
    also with its first letter capitalised, and written openings that skip adverbs or end early."""
    import json
    import math
    from pathlib import Path

    from importers.mining import mine_text
    from importers.mining.corpora import read_cdcp
    from importers.mining.imperatives import imperative_score_plain
    from services.settings import PROJECT_ROOT

    corpora = PROJECT_ROOT / "corpora"
    texts = [p.read_text() for p in sorted(Path(PROJECT_ROOT / "seeds").glob("*.txt"))]
    texts += [d.text for d in read_cdcp(corpora / "cdcp" / "test")][:80]
    texts += [str(d["text"]) for d in json.loads((corpora / "argmap-short" / "dev.json").read_text())["documents"]]
    units = [t[u.start:u.end] for t in texts for u in mine_text(t).units]
    units += [u[:1].upper() + u[1:] for u in units]
    units += ["Then just also simply fund it.", "Never always fund", "Then fund.", "Then", "Fund", "Fund!", "Fund it",
              "Do not wait.", "Don’t wait", "Let’s go", "Please.", "Now then first.", "Just", "Simply x y",
              "Then then then then then then fund the scheme now.", "“Fund the scheme,” she said.", "NATO must act",
              "Instead build " + "very " * 40 + "much", "Then, fund it", "First-time buyers", "A b",
              "Then fund", "Simply act", "Now build", "Instead build", "Then just fund", "Also then fund"]
    finite = 0
    for unit in units:
        expected = imperative_score_plain(unit)
        assert imperative_score(unit) == expected, unit
        finite += math.isfinite(expected)
    assert finite > 300
