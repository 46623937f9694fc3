"""General rules found on six fresh texts of the twelfth session (a letter to the editor, a memo with BLUF /
Background / Options / Recommendation, a minister's speech at a second reading, a point-counterpoint with two named
writers, a Markdown blog post, a think-tank report chapter with numbered sections and footnotes; docs/importers.md,
"Six fresh texts, twelfth session"). The texts here are written for the tests, on other subjects than those texts."""

from __future__ import annotations

import pytest

from graph.model import DocumentGraph, RelationType, Statement, StatementKind
from importers import parse_document
from importers.generic import POINTS_HEADING, RECOMMENDATIONS_HEADING
from importers.mining.central import adds_a_point, describes_rule, reports_proposal
from importers.mining.theses import thesis_strength
from importers.mining.units import split_clauses
from importers.structure import authors_from, blocks, is_byline, is_courtesy


def starting(graph: DocumentGraph, words: str) -> list[Statement]:
    return [s for s in graph.statements if s.text.startswith(words)]


REMARKS = """Remarks by the Mayor of Eastgate, Councillor Priya Raman, at the launch of the city's clean air plan

Thank you, Madam Chair.

Air pollution shortens the lives of hundreds of people in this city every year. The clean air zone will cut the \
worst emissions in the centre within two years.

The council should extend the zone to the ring road once the buses are electric.
"""


def test_remarks_by_a_speaker_named_after_their_post_name_the_author_and_argue_nothing() -> None:
    graph = parse_document(REMARKS)
    assert graph.document.authors == ("Priya Raman",)  # was no author: only "Remarks by Dr. X" was read
    assert not starting(graph, "Remarks by")  # the title is no statement (it was a claim)
    assert not starting(graph, "Thank you")  # the courtesy to the chair is no statement (it was a recommendation)
    assert starting(graph, "The council should extend")


@pytest.mark.parametrize(("sentence", "courtesy"), [
    ("Thank you, Madam Speaker.", True),
    ("Thank you, Mr. President.", True),
    ("Thank you, Madam Deputy Speaker.", True),
    ("Thank you, Chair.", True),
    ("Thank you, my lords.", True),
    ("Thank you, Madam Speaker, for nothing: this bill fails the north.", False),
    ("Thank you, ministers, for cutting our buses.", False),
])
def test_thanking_the_speaker_of_a_chamber_is_a_courtesy(sentence: str, courtesy: bool) -> None:
    assert is_courtesy(sentence) is courtesy


@pytest.mark.parametrize(("line", "byline"), [
    ("*Posted by Dr. Helen Marsh, school nurse, on 3 June 2026*", True),
    ("Posted by Tom Reyes, a local councillor, on March 3, 2026", True),
    ("Posted by Tom Reyes on March 3, 2026", True),  # as before
    ("Posted by Tom Reyes, who has lived here for years and thinks the bus lane is a mistake", False),
])
def test_a_posted_by_line_may_give_the_writer_s_role(line: str, byline: bool) -> None:
    assert is_byline(line) is byline


BLOG = """# Why the library should open on Sundays

*Posted by Dr. Helen Marsh, school librarian, on 3 June 2026*

Our town library closes on Sundays, the one day most working families are free. Opening for four hours \
would cost less than a single new computer suite.

The council should open the library on Sunday afternoons from next spring.
"""


def test_a_blog_s_posted_by_line_with_a_role_names_the_author_and_is_no_statement() -> None:
    graph = parse_document(BLOG)
    assert graph.document.authors == ("Helen Marsh",)  # was no author
    assert not starting(graph, "Posted by")  # was evidence


DEBATE = """Should cities ban cars from school streets?

YES: Children deserve clean air at the school gate

By Lena Park

Lena Park chairs the parents' association of Hillside Primary.

Every morning hundreds of cars idle outside our school. Closing the street for half an hour at each end of the day \
would cut the fumes children breathe when they are most exposed.

NO: Closures punish parents who have no other way to get there

By Omar Haddad

Omar Haddad runs a delivery firm and has two children at the school.

Many parents drive because they go straight on to work, and buses do not serve the industrial estate. A closure \
moves the traffic to the next street without removing it.
"""


def test_a_debate_side_s_heading_is_its_writer_s_claim_whatever_its_wording() -> None:
    graph = parse_document(DEBATE, importer="oped")
    yes = starting(graph, "Children deserve clean air")  # no modal: it was only a section name
    no = starting(graph, "Closures punish parents")
    assert len(yes) == 1 and len(no) == 1
    assert yes[0].kind is StatementKind.CLAIM and yes[0].speaker == "Lena Park"
    assert no[0].kind is StatementKind.CLAIM and no[0].speaker == "Omar Haddad"
    assert not starting(graph, "YES:") and not starting(graph, "NO:")  # the label is no part of the position
    thesis = graph.statements[0]
    assert any(r.source == yes[0].id and r.target == thesis.id and r.type is RelationType.SUPPORTS
               for r in graph.relations)


def test_a_debate_writer_s_bio_under_the_byline_is_no_statement_whatever_its_verb() -> None:
    graph = parse_document(DEBATE, importer="oped")
    assert not starting(graph, "Omar Haddad runs")  # "runs": was evidence ("is" / "was" only were bios)
    assert not starting(graph, "Lena Park chairs")


REPORT = """Paying for Care: Options for Reform

Chapter 3: How other countries fund care at home

3.1 The cost of care

Families in the region pay on average a third of their income for care at home. The cost has doubled since 2012.

3.2 Conclusions for policy

The levy should be kept, but in a smaller form. Each region should publish what it spends every year.
"""


def test_a_chapter_line_is_a_heading_not_a_statement() -> None:
    found = blocks(REPORT)
    assert [b.kind for b in found if b.text.startswith("Chapter 3")] == ["heading"]
    graph = parse_document(REPORT)
    assert not starting(graph, "Chapter 3")  # was evidence


@pytest.mark.parametrize(("heading", "points"), [
    ("3.2 Conclusions for policy", True),
    ("Conclusions for policymakers", True),
    ("4.1.2 Findings", True),
    ("Conclusions", True),  # as before
    ("Conclusions drawn by the inquiry", False),
])
def test_a_numbered_conclusions_section_holds_coordinate_points(heading: str, points: bool) -> None:
    assert (POINTS_HEADING.fullmatch(heading) is not None) is points


@pytest.mark.parametrize(("heading", "recommends"), [
    ("What I am asking", True),
    ("What we ask of the council", True),
    ("Our asks", True),
    ("2.3 Recommendations", True),
    ("What I am asking myself about this scheme every day now", False),
])
def test_the_author_s_asks_are_a_recommendations_heading(heading: str, recommends: bool) -> None:
    assert (RECOMMENDATIONS_HEADING.fullmatch(heading) is not None) is recommends


@pytest.mark.parametrize(("sentence", "units"), [
    ("The levy should be kept, but in a smaller form.", 1),
    ("Bus fares will come down, though only very slowly.", 1),
    ("The harbour needs dredging every year, but not by the council alone.", 1),
    ("The levy should be kept, but the rate should fall next year.", 2),  # a clause: as before
    ("The levy should be kept for now, but in practice it funds nothing new.", 2),  # a pronoun subject: a clause
    ("The harbour needs dredging every year, but for the smaller berths a boat every two years is enough.", 2),
])
def test_a_contrast_before_a_phrase_without_a_verb_ends_no_clause(sentence: str, units: int) -> None:
    assert len(split_clauses(sentence, 0, len(sentence))) == units


@pytest.mark.parametrize(("sentence", "strength"), [
    ("BLUF: The council should close the landfill by 2030 and fund a recycling plant.", 2),
    ("Bottom line up front: the harbour needs a new dredger.", 2),
    ("Bottom line: the scheme pays for itself within five years.", 2),
    ("The bottom line is that nobody knows what the scheme costs.", 0),
])
def test_a_memo_s_bottom_line_label_states_its_thesis(sentence: str, strength: int) -> None:
    assert thesis_strength(sentence) == strength


MEMO = """MEMORANDUM

TO: Chief Executive
FROM: Waste Strategy Team
SUBJECT: Options for the Eastfield landfill

BLUF: The council should close the Eastfield landfill by 2030 and fund a recycling plant in its place.

Background

The landfill will be full by 2031. Landfill tax has risen every year since 2015.

Options

Option 1: Extend the landfill. This is cheapest in the short term. However, it only delays the problem.

Option 2: Close the site and build a recycling plant. The plant would pay for itself within twelve years.
"""


def test_a_memo_s_bluf_is_its_central_claim() -> None:
    graph = parse_document(MEMO)
    assert graph.document.authors == ("Waste Strategy Team",)
    theses = [s for s in graph.statements if s.kind is StatementKind.THESIS]
    assert len(theses) == 1 and theses[0].text.startswith("BLUF: The council should close")  # was the subject line


@pytest.mark.parametrize(("sentence", "rule"), [
    ("Under the present law, they must.", True),
    ("Under the current rules, landlords must give two months' notice.", True),
    ("Under existing legislation, councils must publish their accounts.", True),
    ("According to the national code, a builder should file plans first.", True),
    ("Under no circumstances should the council sell the park.", False),
    ("Under my plan, every school should get a nurse.", False),
])
def test_a_modal_under_a_rule_in_force_describes_the_rule(sentence: str, rule: bool) -> None:
    assert describes_rule(sentence) is rule


def test_what_a_rule_in_force_requires_is_no_recommendation() -> None:
    text = """The bus pass should cover the first hour of every journey

Should a cleaner who changes buses twice pay three fares for one trip to work? Under the current rules, she must. \
A one-hour pass would end that.

The pass would cost the council little, since most journeys are short.
"""
    graph = parse_document(text, importer="generic")
    described = starting(graph, "Under the current rules")
    assert len(described) == 1 and described[0].kind is not StatementKind.RECOMMENDATION


@pytest.mark.parametrize(("title", "speaker"), [
    ("Speech by the Secretary of State for Transport, the Rt Hon. Jane Calloway, at the rail summit", "Jane Calloway"),
    ("Address by the President of the Farmers' Union, Dr. Ade Bello", "Ade Bello"),
    ("Remarks by Minister Tom Reyes at the harbour reopening", "Tom Reyes"),
    ("Remarks on the harbour reopening", None),
])
def test_a_speech_title_names_its_speaker_after_their_post(title: str, speaker: str | None) -> None:
    text = f"{title}\n\nThe harbour is open again. It should stay open all year.\n"
    assert authors_from(text, blocks(text)) == ((speaker,) if speaker else ())


@pytest.mark.parametrize(("sentence", "reported"), [
    ("The member for Northbridge told the chamber that landlords should simply be left alone.", True),
    ("The mayor said that the tram should be cut.", True),
    ("This brief argues that councils should share their inspectors.", False),
    ("We argued last year that the council should act.", False),
    ("Landlords should be told that they must register.", False),
    ("The council should publish its accounts.", False),
])
def test_a_proposal_someone_else_made_is_reported(sentence: str, reported: bool) -> None:
    assert reports_proposal(sentence) is reported


def test_a_reported_proposal_is_no_recommendation_of_the_author_s() -> None:
    text = """Keep the rural post offices open

The rural post offices are the last public counter in forty villages. The member for Northbridge told the chamber \
last week that villagers should simply bank online. Half of the villagers over seventy have no internet at home.

The government should fund the counters for another five years.
"""
    graph = parse_document(text, importer="generic")
    reported = starting(graph, "The member for Northbridge")
    assert len(reported) == 1 and reported[0].kind is not StatementKind.RECOMMENDATION  # was a recommendation
    assert starting(graph, "The government should fund")[0].kind in (StatementKind.RECOMMENDATION,
                                                                       StatementKind.THESIS)


def test_a_block_quote_led_in_by_someone_named_by_no_name_is_their_words() -> None:
    text = """# Save the valley's mobile library

*Posted by Joan Pike on 9 April 2026*

The county plans to retire the mobile library van next year. That would leave twelve villages without any library.

The van is the only lending service most older residents can reach. As one driver put it to me:

> Some of our readers have not been to a town in ten years.

The county should keep the van on the road until a better service exists.
"""
    graph = parse_document(text, importer="oped")
    quoted = starting(graph, "Some of our readers")
    assert len(quoted) == 1 and quoted[0].speaker != "Joan Pike"  # was the blogger's own claim
    assert not starting(graph, "As one driver put it")  # the lead-in names the speaker, argues nothing


@pytest.mark.parametrize(("sentence", "adds"), [
    ("The council should also publish the waiting times every month.", True),
    ("It would also save money:", True),
    ("Also, the depot could open at weekends.", True),
    ("Restaurants should keep printed menus, even if they also have a QR code.", False),
    ("The council should publish the waiting times every month.", False),
])
def test_a_point_added_to_another(sentence: str, adds: bool) -> None:
    assert adds_a_point(sentence) is adds


def test_a_point_added_to_another_is_not_the_central_claim() -> None:
    text = """The county's bus depots are running out of room. Since 2019 the fleet has grown by a third and the \
depots not at all, so buses now park on the street overnight.

The county should build a second depot on the old gasworks site. It should also lease the rail yard at Millbrook \
for the three years the building will take.
"""
    graph = parse_document(text, importer="generic")
    [thesis] = [s for s in graph.statements if s.kind is StatementKind.THESIS]
    assert "also" not in thesis.text.split()


@pytest.mark.parametrize(("sentence", "strength"), [
    ("The Board believes the county should keep its libraries open.", 2),
    ("This newspaper supports the tram extension.", 2),
    ("The Editors urge the council to think again.", 2),
    ("The Board of Education believes the exam is fair.", 0),  # another body
    ("The board believes the merger will pay off.", 0),  # lower case: a company's board, reported
])
def test_an_editorial_naming_itself_states_its_thesis(sentence: str, strength: int) -> None:
    assert thesis_strength(sentence) == strength


def test_an_editorial_naming_itself_is_no_objection() -> None:
    text = """Keep the Ferry Running

The Editorial Board

Every winter the island ferry is cut to two crossings a day, and every winter the island's clinic loses staff who \
cannot get home. The Board believes the county should fund a third crossing all year.

A third crossing would cost less than the agency nurses the clinic hires to fill the gaps.
"""
    graph = parse_document(text)
    [own] = starting(graph, "The Board believes")
    assert own.kind is not StatementKind.COUNTERARGUMENT and own.speaker == "Editorial Board"  # was an objection


FAQ = """# The new parking permits, explained

The council will vote in June on replacing the free residents' parking permits with a charge of 40 euros a year. \
We think it should.

## Q: Who would pay?

Every household with a car parked on the street. Households without a car would pay nothing.

## Q: Won't people simply park further away?

Some may. But the zone covers the whole old town, and the streets outside it are already full.

## Q: Where would the money go?

To repairing the old town's pavements, which the council cannot afford today.
"""


def test_an_explainer_s_question_headings_are_questions_their_sections_answer() -> None:
    graph = parse_document(FAQ, importer="generic")
    questions = [s for s in graph.statements if s.kind is StatementKind.QUESTION]
    # the headings were section names only: the answers backed the sentence before
    assert [q.text for q in questions] == ["Who would pay?", "Won't people simply park further away?",
                                           "Where would the money go?"]
    assert not [s for s in graph.statements if s.quote.lstrip("# ").startswith("Q:")]  # the label is no part of it
