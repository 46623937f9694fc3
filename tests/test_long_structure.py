"""The tree of a text of several paragraphs (op-eds, briefs; at least ``pipeline.LONG_PARAGRAPHS``): a paragraph's
opening unit and every proposal back the central claim, the other units a unit of their own paragraph
(``pipeline._paragraph_candidates``); a shorter text is decoded as before. A paragraph decoded on its own (a long
document, or under a genre importer's root) is rooted at its opening unit. Texts on subjects none of the corpora
holds."""

from __future__ import annotations

from graph.model import RelationType, StatementKind
from importers import parse_document
from importers.mining import mine
from importers.mining.pipeline import LONG_PARAGRAPHS, Mined

FERRY = [
    ["The islands lost their winter ferry in 2019.",
     "Since then, anyone who needs a hospital appointment in January has to fly or wait."],
    ["The regional government should restore a daily winter ferry to the outer islands."],
    ["A daily boat keeps young families on the islands.",
     "In the three winters without one, the islands' school rolls fell by a fifth.", "Two shops closed as well."],
    ["Fares alone will never cover the cost of the service.",
     "The subsidy it needs is smaller than the cost of the emergency flights the islands now use."],
    ["The government should sign a five-year contract so that an operator can buy a suitable boat.",
     "It should also publish the timetable a year ahead.", "And it should let residents travel at half fare."],
]
PARKING = [
    ["Every railway station in the county should have secure, covered bicycle parking by 2028."],
    ["Most commuters live within five kilometres of a station.",
     "Many of them drive that short distance because they fear their bike will be stolen.",
     "Station car parks are full by eight in the morning."],
    ["Covered racks with cameras cost little.", "A rack for forty bicycles costs less than four car parking spaces.",
     "It also takes a tenth of the room."],
    ["The county should pay for the racks from its road budget.",
     "It should ask the rail operator to staff the largest ones.", "And it should count their use every year."],
]


def _mine(paragraphs: list[list[str]], external_root: bool = False) -> tuple[list[str], list[int], Mined]:
    texts = [sentence for paragraph in paragraphs for sentence in paragraph]
    blocks = [number for number, paragraph in enumerate(paragraphs) for _ in paragraph]
    return texts, blocks, mine(texts, blocks, external_root=external_root, attack_root=external_root)


def test_proposals_in_a_closing_paragraph_back_the_central_claim_not_each_other() -> None:
    texts, _, mined = _mine(FERRY)
    assert texts[mined.central or 0].startswith("The regional government should restore")
    closing = [i for i, t in enumerate(texts) if t.startswith(("The government should sign", "It should also",
                                                                "And it should"))]
    assert [mined.parents[i] for i in closing] == [mined.central] * 3
    assert [mined.relations[i] for i in closing] == ["SUPPORTS"] * 3


def test_a_paragraph_opening_backs_the_central_claim_not_the_last_unit_before_it() -> None:
    texts, blocks, mined = _mine(PARKING)
    assert mined.central == 0
    openings = [i for i in range(1, len(texts)) if blocks[i] != blocks[i - 1]]
    assert [mined.parents[i] for i in openings] == [0, 0, 0]  # "Covered racks ..." backed "... full by eight ..."


def test_a_unit_inside_a_paragraph_backs_its_paragraph_or_the_central_claim() -> None:
    for paragraphs in (FERRY, PARKING):
        _, blocks, mined = _mine(paragraphs)
        for i, parent in enumerate(mined.parents):
            if parent is not None and not mined.opponent[i]:
                assert blocks[parent] == blocks[i] or parent == mined.central, (i, parent)


def test_a_text_of_fewer_paragraphs_keeps_the_short_texts_tree() -> None:
    # three paragraphs, as many short texts have (a letter, a forum post): the paragraph rules stay out (they cost
    # dev3 out of fold, docs/mining-quality.md "Long documents: one tree, by paragraph count"), and a reason inside a
    # paragraph may still back the central claim directly, pulled by CENTRAL_TARGET_BONUS as in every short text
    texts, blocks, mined = _mine(PARKING[:3])
    assert len(set(blocks)) < LONG_PARAGRAPHS <= len(PARKING)  # PARKING itself is shaped (the tests above)
    assert mined.central == 0
    full = texts.index("Station car parks are full by eight in the morning.")
    assert mined.parents[full] == 0  # with the paragraph rules: "Many of them drive that short distance ..."


def test_paragraphs_decoded_apart_are_rooted_at_their_opening_unit() -> None:
    # under a genre importer's root (its thesis) each paragraph is its own tree: its opening unit is its root,
    # where the most central-looking unit was ("Two shops closed as well.", "Station car parks are full ...")
    for paragraphs in (FERRY, PARKING):
        texts, blocks, mined = _mine(paragraphs, external_root=True)
        for i in range(len(texts)):
            if i == 0 or blocks[i] != blocks[i - 1]:
                assert mined.parents[i] is None, texts[i]


def test_proposals_in_a_paragraph_decoded_apart_back_the_root() -> None:
    texts, _, mined = _mine(FERRY, external_root=True)
    closing = [i for i, t in enumerate(texts) if t.startswith(("It should also", "And it should"))]
    assert [mined.parents[i] for i in closing] == [None, None]  # they chained: "It should also ..." -> "And ..."
    assert [mined.kinds[i] for i in closing] == ["recommendation"] * 2


OPED = ("Bring Back the Winter Ferry\n\nBy Morag Sinclair\n\n" + " ".join(FERRY[0]) + "\n\n" + " ".join(FERRY[1])
        + "\n\nFamilies Are Leaving\n\n" + " ".join(FERRY[2]) + "\n\nThe Subsidy Is Cheaper Than the Flights\n\n"
        + " ".join(FERRY[3]) + "\n\nThe Contract Has to Be Long\n\n" + " ".join(FERRY[4]) + "\n")


def test_an_oped_paragraph_under_a_claim_heading_hangs_from_its_opening() -> None:
    graph = parse_document(OPED)
    assert graph.document.importer == "oped"
    by_text = {s.text: s for s in graph.statements}

    def targets(text: str) -> list[tuple[str, RelationType]]:
        return [(by_text_id[r.target], r.type) for r in graph.relations if r.source == by_text[text].id]

    by_text_id = {s.id: s.text for s in graph.statements}
    assert by_text["Families Are Leaving"].kind is StatementKind.CLAIM
    assert targets("A daily boat keeps young families on the islands.") == [("Families Are Leaving",
                                                                              RelationType.SUPPORTS)]
    for text in ("It should also publish the timetable a year ahead.",
                 "And it should let residents travel at half fare."):
        assert targets(text) == [("The Contract Has to Be Long", RelationType.SUPPORTS)], text


OPED_ONE = "Bring Back the Winter Ferry\n\nBy Morag Sinclair\n\n" + "\n\n".join(" ".join(p) for p in FERRY) + "\n"


def test_an_oped_closing_list_of_proposals_backs_what_the_piece_argues() -> None:
    graph = parse_document(OPED_ONE)
    assert graph.document.importer == "oped"
    by_text = {s.text: s for s in graph.statements}
    central = by_text["The regional government should restore a daily winter ferry to the outer islands."]
    for text in ("It should also publish the timetable a year ahead.",
                 "And it should let residents travel at half fare."):
        statement = by_text[text]
        assert statement.kind is StatementKind.RECOMMENDATION
        targets = [(r.target, r.type) for r in graph.relations if r.source == statement.id]
        assert targets == [(central.id, RelationType.SUPPORTS)], text


def test_a_long_texts_central_claim_is_chosen_by_the_long_model_a_short_texts_by_the_other() -> None:
    """``Models.central_long`` (learned from the genre texts too) scores the central claim of a text whose units fall
    in at least ``LONG_PARAGRAPHS`` paragraphs; every other text keeps ``Models.central``. A long model that only
    likes the text's last unit moves a long text's central claim there and leaves a short text's alone."""
    from dataclasses import replace

    import numpy as np

    from importers.mining import features as F
    from importers.mining.model import Linear, load

    models = load()
    assert models.central_long is not None
    assert models.central_long.weight.shape == models.central.weight.shape
    column = F.UNIT_NAMES.index("is_last")
    weight = np.zeros_like(models.central.weight)
    weight[0, column] = 100.0
    last_only = replace(models, central_long=Linear(np.zeros_like(models.central.mean),
                                                    np.ones_like(models.central.std), weight,
                                                    np.zeros_like(models.central.bias)))
    texts = [sentence for paragraph in FERRY for sentence in paragraph]
    blocks = [number for number, paragraph in enumerate(FERRY) for _ in paragraph]
    assert len(set(blocks)) >= LONG_PARAGRAPHS
    assert mine(texts, blocks).central != len(texts) - 1
    assert mine(texts, blocks, models=last_only).central == len(texts) - 1
    few = [paragraph for paragraph in FERRY[:LONG_PARAGRAPHS - 1]]
    texts = [sentence for paragraph in few for sentence in paragraph]
    blocks = [number for number, paragraph in enumerate(few) for _ in paragraph]
    assert mine(texts, blocks, models=last_only).central == mine(texts, blocks).central != len(texts) - 1


def test_the_genre_texts_the_long_model_learns_from_are_dev_files_with_distinct_ids() -> None:
    from importers.mining import train as T

    assert T.GENRE_FILES and all(path.name == "dev.json" and path.exists() for path in T.GENRE_FILES)
    docs = T.read_genre(T.GENRE_FILES)
    ids = [doc.id for doc in docs]
    assert len(ids) == len(set(ids)) == 18
    assert all(doc.central is not None for doc in docs)
    assert {doc.id.split("/")[0] for doc in docs} == {"argmap-opeds", "argmap-briefs"}
