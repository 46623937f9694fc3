"""General rules found on six fresh texts of the eleventh session (a testimony, an editorial, a Q&A explainer, a
report's executive summary, a reply op-ed, a think-tank commentary; docs/importers.md, "Six fresh texts, eleventh
session"). The texts here are written for the tests, on other subjects than those texts."""

from __future__ import annotations

import pytest

from graph.model import UNNAMED_VOICE, DocumentGraph, RelationType, Statement, StatementKind
from importers import parse_document
from importers.discourse import group_voice, view_holder
from importers.mining.central import denies_proposal
from importers.mining.theses import thesis_strength
from importers.mining.voices import names_an_objection, voices_another
from importers.structure import authors_from, blocks, is_byline, is_courtesy, sentences, title_from


def starting(graph: DocumentGraph, words: str) -> list[Statement]:
    return [s for s in graph.statements if s.text.startswith(words)]


def test_no_before_a_capital_ends_a_sentence_and_before_a_numeral_abbreviates() -> None:
    text = "Does the toll pay for itself? The audit says no. Vienna charges more and collects less. See no. 4 below."
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == [
        "Does the toll pay for itself?", "The audit says no.", "Vienna charges more and collects less.",
        "See no. 4 below."]


STACKED_TESTIMONY = """Testimony of Mr. Owen Price, Chief Engineer, Northern Harbour Authority
Before the House Committee on Transportation and Infrastructure
Hearing on the Maintenance of Federal Navigation Channels
March 3, 2026

Chair Lopez, Ranking Member Grant, and members of the Committee, thank you for the opportunity to testify today.

Our harbour channels have silted up faster than the dredging budget allows. Ships now wait for high tide to enter, \
and two shipping lines have moved their calls to other ports.

I am here to ask Congress to restore the dredging budget to its 2015 level and to let ports carry unspent funds \
into the next year.

Thank you. I look forward to your questions.
"""

STACKED_REPORT = """Fewer Buses, Longer Waits: Rural Transport in the Valley
Executive summary

Bus services in the valley's villages have been cut by half since 2015. This report concludes that the county \
should restore a daily service to every village before it funds any new route.
"""


@pytest.mark.parametrize("importer", ["generic", "oped"])
def test_a_title_stacked_over_its_front_matter_without_blank_lines(importer: str) -> None:
    graph = parse_document(STACKED_TESTIMONY, importer=importer)
    assert graph.document.title.startswith("Testimony of Mr. Owen Price")
    assert graph.document.authors == ("Owen Price",)  # was no author: the block was no title, a later line was
    # (forced through ``oped`` the title is the headline thesis, as for a testimony with blank lines)
    for words in ("Testimony of" if importer == "generic" else "Chair", "Before the House", "Hearing on", "March 3",
                  "Chair Lopez", "Thank you"):
        assert not starting(graph, words), words
    report = parse_document(STACKED_REPORT, importer="generic")
    assert report.document.title == "Fewer Buses, Longer Waits: Rural Transport in the Valley"
    assert not starting(report, "Fewer Buses") and not starting(report, "Executive summary")


def test_a_paragraph_wrapped_at_the_top_stays_one_block() -> None:
    wrapped = "The council has cut the valley's buses\nby half since 2015, and the villages\nnow wait all day.\n"
    assert len(blocks(wrapped)) == 1
    title_wrapped = "A Plan for Buses\nthat the Valley Can Afford\n\nThe council has cut the buses by half.\n"
    assert len(blocks(title_wrapped)) == 2  # its second line continues in lower case: one title


def test_a_title_with_its_byline_glued_under_it() -> None:
    text = "Tolls Will Not Fix the Bridge\nBy Jane Roe\n\nThe bridge needs money, and a toll is the wrong way to pay.\n"
    found = blocks(text)
    assert title_from(text, found) == "Tolls Will Not Fix the Bridge"
    assert authors_from(text, found) == ("Jane Roe",)


def test_a_witness_s_vocative_before_thank_you_is_a_courtesy() -> None:
    assert is_courtesy("Madam Chair, Ranking Member Holt, and members of the Committee, thank you for the "
                       "opportunity to appear before you today.")
    assert is_courtesy("Chairman Diaz, thank you for the invitation to testify.")
    assert not is_courtesy("Chairman Diaz, the dredging budget has fallen for a decade.")


@pytest.mark.parametrize(("line", "byline"), [
    ("*Commentary by the Harbour Policy Centre*", True),
    ("Analysis by Jane Roe", True),
    ("Prepared by the Transport Data Unit", True),
    ("The Editorial Board", True),
    ("Analysis by the Treasury shows that costs are rising.", False),
    ("The Editorial Board met on Tuesday.", False),
])
def test_publication_lines_without_an_article_and_a_board_s_signature_are_bylines(line: str, byline: bool) -> None:
    assert is_byline(line) is byline


def test_an_editorial_signed_by_its_board_names_the_board_as_author() -> None:
    text = ("End the Toll on the Old Bridge\n\nThe Editorial Board\n\nThe toll on the old bridge raises less than it "
            "costs to collect. The council should scrap it this year.\n")
    assert parse_document(text).document.authors == ("Editorial Board",)


KEY_TAKEAWAYS = """# Cities should price kerbside space for deliveries

**Key takeaways**

- Delivery vans spend a third of their stops double-parked.
- A fee per kerbside booking cuts double-parking where it has been tried.
- The city should introduce bookable delivery bays by next year.

*By Jane Roe*

Delivery vans block bus lanes and cycle lanes every morning. A booking fee would change that.
"""


def test_an_emphasised_line_is_a_heading_and_key_takeaways_are_coordinate_points() -> None:
    graph = parse_document(KEY_TAKEAWAYS)
    assert not starting(graph, "Key takeaways")  # it was a claim the bullets chained to
    bullets = [s for s in graph.statements if s.section == "Key takeaways"]
    assert len(bullets) == 3
    ids = {s.id for s in bullets}
    assert not [r for r in graph.relations if r.source in ids and r.target in ids]  # none backs another


@pytest.mark.parametrize(("sentence", "strength"), [
    ("I am here to ask Congress to restore the dredging budget.", 2),
    ("We urge the ministry to publish the figures.", 2),
    ("I call on the council to scrap the toll.", 2),
    ("I am here to argue that the toll should go.", 2),
    ("Critics urge the council to wait.", 0),
    ("I asked the engineers to check the channel.", 0),
    ("I ask you to be patient with us.", 0),
])
def test_a_witness_stating_what_they_ask_for_states_the_thesis(sentence: str, strength: int) -> None:
    assert thesis_strength(sentence) == strength


def test_the_testimony_s_request_is_its_thesis() -> None:
    graph = parse_document(STACKED_TESTIMONY, importer="generic")
    [thesis] = [s for s in graph.statements if s.kind is StatementKind.THESIS]
    assert thesis.text.startswith("I am here to ask Congress")


@pytest.mark.parametrize(("sentence", "denies"), [
    ("No one is suggesting that museums should charge children.", True),
    ("None of this means that every road should be tolled.", True),
    ("This does not mean the council must act alone.", True),
    ("Children ride free, and nobody proposes that they should pay.", True),
    ("This does not mean we should wait, but we should start small.", False),
    ("We should act now, and nobody suggests otherwise.", False),
    ("No driver should pay twice.", False),
])
def test_a_modal_in_what_a_negated_clause_reports_proposes_nothing(sentence: str, denies: bool) -> None:
    assert denies_proposal(sentence) is denies


DENIED = """Museums should stay free for children.

Free entry brings in families who would never pay. No one is suggesting that museums should charge children. \
None of this means that every exhibition should be free for adults.
"""


def test_a_denied_proposal_is_no_recommendation() -> None:
    graph = parse_document(DENIED, importer="generic")
    for words in ("No one is suggesting", "None of this means"):
        [statement] = starting(graph, words)
        assert statement.kind not in (StatementKind.RECOMMENDATION, StatementKind.THESIS), words


ANNOUNCED = """Testimony of Dr. Jane Roe

Thank you for the opportunity to testify.

Our harbours are silting up faster than we can dredge them. The rule requiring a separate permit for each \
dredging season was written for smaller ports. Nobody suggests that dredging should go unregulated.

My recommendations to the Committee are as follows.

1. Fund dredging crews all year round, so that work does not stop each winter.
2. Direct the Federal Maritime Administration to issue permits for five years when states certify the sites.
3. Establish a fund for ports harmed by delays.
"""


def test_an_announced_list_s_items_back_the_root_and_are_the_author_s() -> None:
    graph = parse_document(ANNOUNCED, importer="generic")
    items = [s for s in graph.statements if s.text.startswith(("Fund dredging", "Direct the Federal", "Establish a"))]
    assert [s.kind for s in items] == [StatementKind.RECOMMENDATION] * 3
    # "Direct the Federal Maritime Administration ... when states ...": was a quote of the Administration
    assert {s.speaker for s in items} == {"Jane Roe"}
    ids = {s.id for s in items}
    targets = {r.target for r in graph.relations if r.source in ids}
    assert len(targets) == 1 and not targets & ids  # coordinate, each backing the same root


@pytest.mark.parametrize(("sentence", "named"), [
    ("Another objection is that drivers will use the old road instead.", True),
    ("Noise is the other concern.", True),
    ("The main objection is that tolls fall hardest on the poor.", True),
    ("Several residents have raised the concern that the toll booths will cause queues.", True),
    ("We have raised the concern that the toll is too high.", False),
    ("The toll is the obvious answer.", False),
    ("My objection is that the toll is too low.", False),
])
def test_an_objection_named_by_a_noun(sentence: str, named: bool) -> None:
    assert names_an_objection(sentence) is named


NAMED_OBJECTIONS = """The city should charge a toll on the old bridge.

A toll would pay for the repairs within ten years, and it would cut traffic in the old town.

Another objection is that drivers will simply use the ring road instead. The ring road is already full at peak \
times, and a toll can be set low enough to keep most drivers on the bridge.
"""


def test_an_objection_named_by_a_noun_is_nobody_named_s_counterargument() -> None:
    graph = parse_document(NAMED_OBJECTIONS, importer="generic")
    [objection] = starting(graph, "Another objection")
    assert (objection.kind, objection.speaker) == (StatementKind.COUNTERARGUMENT, UNNAMED_VOICE)
    assert [r for r in graph.relations if r.target == objection.id and r.type is RelationType.ATTACKS]


def test_a_pronoun_or_a_possessive_names_the_person_whose_view_is_reported() -> None:
    assert view_holder("He also argues that tolls cut traffic.", "Jane Roe") == "Jane Roe"
    assert view_holder("She writes that the bridge is safe.", "Jane Roe") == "Jane Roe"
    assert view_holder("Ms. Roe's main claim is that the bridge is safe.", "Jane Roe") == "Jane Roe"
    assert view_holder("Mr. Tan's argument is that tolls are unfair.", None) is None  # one word: no person
    assert view_holder("The toll also argues for itself.", "Jane Roe") is None
    assert view_holder("He also argues that tolls cut traffic.", None) is None


REPLY = """Tolls are the wrong way to fix the bridge

By Jane Roe

Last week in these pages, Tom Hale argued that the city should put a toll on the old bridge to pay for repairs. \
His case deserves an answer. But a toll would push traffic into the old town and raise far less than he expects.

Mr. Hale's main claim is that a toll would raise four million a year. That figure assumes no driver changes route. \
Cities that tolled one bridge of several saw traffic fall by a third.

He also argues that tolls are fair because drivers cause the wear. They are not. Lorries cause most of it, and a \
flat toll charges a car as much as a lorry.

The council should repair the bridge from the road budget and charge lorries by weight.
"""


def test_a_reply_s_opponent_holds_the_views_the_reply_answers() -> None:
    graph = parse_document(REPLY)
    [opening] = starting(graph, "Last week in these pages")
    assert opening.kind is not StatementKind.THESIS
    assert not [r for r in graph.relations if r.source == opening.id and r.type is RelationType.SUPPORTS]
    for words in ("Mr. Hale's main claim", "He also argues"):
        [view] = starting(graph, words)
        assert (view.kind, view.speaker) == (StatementKind.COUNTERARGUMENT, "Tom Hale"), words


@pytest.mark.parametrize(("sentence", "group"), [
    ("Council officers have argued that the branch was little used.", "Council officers"),
    ("Staff in the maternity unit have argued that the rota is unsafe.", "Staff in the maternity unit"),
    ("Officials at the ministry warn that the scheme will cost more.", "Officials at the ministry"),
    ("Hospital managers say the beds are needed.", "Hospital managers"),
    ("Officials say the scheme will cost more.", None),  # nobody in particular
    ("Some teachers fear the change.", None),
    ("Members of the public say the queue is too long.", None),
])
def test_people_named_by_their_post_in_an_institution_hold_their_view_as_a_group(sentence: str,
                                                                                  group: str | None) -> None:
    assert group_voice(sentence) == group


@pytest.mark.parametrize(("sentence", "another"), [
    ("The evidence says otherwise.", False),  # the author's appeal to the evidence
    ("The data show that tolls cut traffic.", False),
    ("Critics say that tolls cut traffic.", True),
    ("The council says that tolls cut traffic.", True),
])
def test_evidence_speaking_is_no_other_voice(sentence: str, another: bool) -> None:
    assert voices_another(sentence) is another
