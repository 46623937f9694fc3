"""General rules found on six fresh texts of the thirteenth session (an advocacy group's press release, an interview
printed with its speakers' names, a news analysis quoting experts who disagree, a public comment letter on a proposed
rule, a numbered social-media thread, a book review; docs/importers.md, "Six fresh texts, thirteenth session"). The
texts here are written for the tests, on other subjects than those texts."""

from __future__ import annotations

import pytest

from graph.model import DocumentGraph, Statement, StatementKind
from importers import parse_document
from importers.discourse import speaker_of, surname_speaker
from importers.mining import central, theses
from importers.mining.central import pends_decision
from importers.mining.theses import author_views_and_calls
from importers.structure import authors_from, blocks, is_courtesy, is_furniture, title_from


def starting(graph: DocumentGraph, words: str) -> list[Statement]:
    return [s for s in graph.statements if s.text.startswith(words)]


def holding(graph: DocumentGraph, words: str) -> list[Statement]:
    return [s for s in graph.statements if words in s.text]


INTERVIEW = """# "Phones out of class": a head teacher on the ban

**Maya Ortiz:** The ministry wants to ban phones in every school from September. Is that the right call?

**Leon Hart:** Yes, but only if schools get help to enforce it. In my school we collected phones at the gate for a \
year, and fights in the corridors fell by a third.

**Maya Ortiz:** Parents say they need to reach their children during the day. What do you tell them?

**Leon Hart:** I understand the worry. The school office can always reach a child, and we give every family its \
number. The ministry should pay for lockers, so that no school has to choose between the ban and its budget.

**Maya Ortiz:** Mr. Hart, thank you.

**Leon Hart:** Thank you.
"""


def test_an_interview_printed_with_its_speakers_names_gives_each_answer_to_its_speaker() -> None:
    graph = parse_document(INTERVIEW)
    assert not holding(graph, "Maya Ortiz") and not holding(graph, "Leon Hart")  # the labels are no statement text
    assert not holding(graph, "thank you") and not starting(graph, "Thank you")  # the courtesies leave
    lockers = starting(graph, "The ministry should pay for lockers")
    assert lockers and lockers[0].speaker == "Leon Hart"
    assert lockers[0].kind in (StatementKind.RECOMMENDATION, StatementKind.THESIS)
    asked = starting(graph, "What do you tell them?")
    assert asked and asked[0].kind is StatementKind.QUESTION and asked[0].speaker != "Leon Hart"


def test_names_opening_paragraphs_without_questions_are_no_interview() -> None:
    text = """Two councillors on the bus lane

Jane Roe: The bus lane has cut journey times by four minutes.

Tom Reyes: The lane has pushed traffic onto residential streets.

Jane Roe: The council should keep it and add a crossing.

Tom Reyes: The council should remove it before the winter.
"""
    graph = parse_document(text)
    assert starting(graph, "Jane Roe: The bus lane")  # nobody asks: the paragraphs are read as before


THREAD = """Thread: our county's ambulances wait too long outside hospitals, and it is fixable. 🧵

1/ Last winter ambulances in the county waited 19,000 hours outside emergency departments.

2/ That is time in which no crew can answer the next call. Response times for strokes doubled.

3/ Critics say the hospitals are simply full. But the hospitals that discharge patients at weekends have no queues.

4/ So the health board should fund weekend discharge teams in every hospital. /end
"""


def test_a_threads_counters_label_and_end_mark_are_no_part_of_its_statements() -> None:
    graph = parse_document(THREAD)
    texts = [s.text for s in graph.statements]
    assert not [t for t in texts if t[:2] in ("1/", "2/", "3/", "4/")]
    assert starting(graph, "Last winter ambulances")
    assert not holding(graph, "/end") and not holding(graph, "🧵")
    assert not starting(graph, "Thread:")
    assert starting(graph, "our county's ambulances wait too long")
    assert starting(graph, "So the health board should fund")[0].kind in (StatementKind.RECOMMENDATION,
                                                                    StatementKind.THESIS)


def test_numbers_and_fractions_opening_paragraphs_are_no_thread() -> None:
    text = """Night buses

24/7 services run on two routes today.

The council should add a third route next year.
"""
    graph = parse_document(text)
    assert starting(graph, "24/7 services")


RELEASE = """PRESS RELEASE

Cycling Alliance Calls for Protected Bike Lanes on Every Main Road

LEEDS, 3 May 2027 — The Cycling Alliance today called on the city council to build protected bike lanes on every \
main road by 2030.

"Paint is not protection," said Ruth Okoye, the Alliance's campaigns director. "Riders need a kerb between them and \
the traffic."

Crash data show that injuries fell by half on the two roads that got protected lanes in 2024.

"Families ride where they feel safe," Okoye said. "That is why the lanes must join up."

The Alliance is asking the council to:

- build protected lanes on every main road by 2030;
- publish a map of the network this year.

Media contact: Sam Lee, press@cyclingalliance.org

About the Cycling Alliance
The Cycling Alliance is a charity that campaigns for safe cycling. It has 40,000 members.

###
"""


def test_a_press_releases_label_dateline_contacts_and_boilerplate_are_furniture() -> None:
    graph = parse_document(RELEASE)
    assert graph.document.title == "Cycling Alliance Calls for Protected Bike Lanes on Every Main Road"
    assert not holding(graph, "PRESS RELEASE") and not holding(graph, "LEEDS")
    assert starting(graph, "The Cycling Alliance today called on the city council")  # without its dateline
    assert not holding(graph, "Media contact") and not holding(graph, "40,000 members")
    assert not holding(graph, "is a charity that campaigns")
    for item in ("build protected lanes", "publish a map"):
        assert starting(graph, item)[0].kind is StatementKind.RECOMMENDATION  # the items of what it asks for


def test_a_spokespersons_surname_and_a_quotation_going_on_keep_the_speaker() -> None:
    graph = parse_document(RELEASE)
    for words in ('"Riders need a kerb', '"Families ride where'):
        found = starting(graph, words)
        assert found and found[0].speaker == "Ruth Okoye", words


@pytest.mark.parametrize(("sentence", "people", "speaker"), [
    ('"It will not work," Okoye said.', ["Ruth Okoye"], "Ruth Okoye"),
    ("Ms. Okoye added that the lanes must join up.", ["Tom Reyes", "Ruth Okoye"], "Ruth Okoye"),
    ("Okoye Street will close in June, the council said.", ["Ruth Okoye"], None),  # the surname names a street
    ('"It will not work," Okoye said.', ["Okoye"], None),  # no full name named before
])
def test_a_person_named_before_by_their_surname(sentence: str, people: list[str], speaker: str | None) -> None:
    assert surname_speaker(sentence, people) == speaker


ANALYSIS = """NEWS ANALYSIS

Should the city charge for parking at the hospital?

By Tom Reyes, Health Correspondent

The hospital trust must decide by June whether to charge visitors for parking. "Charges fall on the sickest \
patients," said Anna Petrov, who chairs the patients' forum. Nurses disagree. "Free parking fills the car park by \
eight," one nurse said. The trust should charge, but exempt patients who come every week.
"""


def test_a_news_analysis_label_and_a_correspondents_post_are_no_title_and_no_author() -> None:
    graph = parse_document(ANALYSIS)
    assert graph.document.title == "Should the city charge for parking at the hospital?"
    assert graph.document.authors == ("Tom Reyes",)
    assert not holding(graph, "NEWS ANALYSIS")


@pytest.mark.parametrize(("sentence", "pending"), [
    ("The hospital trust must decide by June whether to charge visitors for parking.", True),
    ("Voters will choose between the two plans in May.", True),
    ("The court has to rule on whether the ban is lawful.", True),
    ("The trust should decide whether to charge visitors.", False),  # the author's own advice
    ("The trust must charge visitors for parking.", False),
])
def test_a_decision_pending_is_no_proposal(sentence: str, pending: bool) -> None:
    assert pends_decision(sentence) is pending


def test_a_news_ledes_pending_decision_is_no_recommendation() -> None:
    graph = parse_document(ANALYSIS)
    lede = starting(graph, "The hospital trust must decide")
    assert lede and lede[0].kind is not StatementKind.RECOMMENDATION


COMMENT = """Friends of Quiet Streets
48 Mill Road
Cambridge CB1 2AD

9 October 2027

Submitted electronically via the consultation portal

Environmental Health Team
Cambridge City Council
Guildhall, Market Square
Cambridge CB2 3QJ

Re: Consultation No. 2027/14, Proposed Noise Limits for Leaf Blowers

Dear Sir or Madam,

Friends of Quiet Streets, a residents' group of 900 members, appreciates the opportunity to comment on the proposed \
limits. We respectfully urge the Council to adopt them from next spring.

Petrol leaf blowers reach 100 decibels at the operator's ear. The Council should ban them in residential streets \
before 8 a.m.

We thank the Council for its attention to these comments.

Yours faithfully,

Grace Hill
Chair
"""


def test_a_comment_letters_addresses_subject_line_and_courtesies() -> None:
    graph = parse_document(COMMENT)
    assert graph.document.title == "Consultation No. 2027/14, Proposed Noise Limits for Leaf Blowers"
    assert not holding(graph, "Mill Road") and not holding(graph, "Market Square")
    assert not holding(graph, "Submitted electronically")
    assert not holding(graph, "appreciates the opportunity") and not starting(graph, "We thank the Council")
    assert starting(graph, "We respectfully urge the Council")


@pytest.mark.parametrize(("sentence", "courtesy"), [
    ("The Society appreciates the opportunity to comment on the proposed rule.", True),
    ("We appreciate the opportunity to testify today.", True),
    ("We thank the Board for its consideration of these comments.", True),
    ("Dr. Hart, thank you.", True),
    ("Minister, thank you very much.", True),
    ("I'm happy to answer questions below.", True),
    ("The rule wastes the opportunity to comment on safety.", False),
    ("We thank the Board for nothing: the rule fails tenants.", False),
])
def test_courtesies_of_comment_letters_interviews_and_threads(sentence: str, courtesy: bool) -> None:
    assert is_courtesy(sentence) is courtesy


REVIEW = """Too Fast, Too Soon

A review of "The Quiet Road" by Elena Marsh (Northgate Press, 288 pages, $26)

Reviewed by David Osei

Elena Marsh argues that towns should lower speed limits to 20 miles an hour. Her evidence is strong. Councils \
should read the book.
"""


def test_a_book_reviews_details_line_and_reviewer() -> None:
    found = blocks(REVIEW)
    assert authors_from(REVIEW, found) == ("David Osei",)
    assert title_from(REVIEW, found) == "Too Fast, Too Soon"
    graph = parse_document(REVIEW)
    assert not holding(graph, "Northgate Press")


@pytest.mark.parametrize(("line", "furniture"), [
    ("FOR IMMEDIATE RELEASE", True),
    ("NEWS ANALYSIS", True),
    ("###", True),
    ("- ENDS -", True),
    ("Notes to editors", True),
    ("The full report is available at example.org/report.", True),
    ("1200 K Street NW\nWashington, DC 20005", True),
    ('"The Quiet Road" by Elena Marsh (Northgate Press, 2027; 288 pp.)', True),
    ("Analysis", False),  # a section heading in title case
    ("The full report shows that fines fell.", False),
    ("The press release said nothing about costs.", False),
])
def test_press_release_letter_and_review_furniture(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


def test_a_press_release_is_its_issuers_who_state_their_call_and_answer_under_their_name() -> None:
    graph = parse_document(RELEASE.replace(
        "Crash data show", "Drivers' groups argue that the lanes slow traffic. The Cycling Alliance says journey "
        "times did not change. Crash data show"))
    assert graph.document.authors == ("Cycling Alliance",)  # "About the Cycling Alliance" names who issued it
    call = starting(graph, "The Cycling Alliance today called on the city council")
    assert call and call[0].kind is StatementKind.THESIS  # the issuer's call under its name states its position
    says = starting(graph, "The Cycling Alliance says journey times")
    assert says and says[0].kind is not StatementKind.COUNTERARGUMENT  # its own voice, no opposing one


def test_an_about_heading_with_a_long_section_under_it_is_no_boilerplate() -> None:
    text = """Heat pumps for every street

The council should fund heat pumps for every street by 2030. They cut bills by a third.

About Heat Pumps

A heat pump moves heat from the air into the house. It works below freezing. Trials in Oslo found that it halved \
heating bills. Installers say the queue is long. The council should train more installers. Grants should cover \
half the cost.

Costs fall every year. Prices halved since 2020.

Most homes can take one.

Neighbours can share one.
"""
    graph = parse_document(text)
    assert graph.document.authors != ("Heat Pumps",)
    assert starting(graph, "A heat pump moves heat")


STANDFIRST = """# "Trains are the answer": a transport planner on the new line

*Interview by Grace Hill. Dr. Tom Reyes is a transport planner at the University of Leeds. This interview has been \
edited for length and clarity.*

**Grace Hill:** Will the line pay for itself?

**Tom Reyes:** Not in fares alone. The region should build it anyway, because it opens jobs to towns without a car.

**Grace Hill:** Critics say buses would be cheaper. Are they right?

**Tom Reyes:** Buses get stuck in the same traffic as cars.
"""


def test_a_standfirst_of_credits_only_is_no_statement() -> None:
    graph = parse_document(STANDFIRST)
    assert not holding(graph, "Interview by") and not holding(graph, "is a transport planner")
    assert not holding(graph, "edited for length")
    assert starting(graph, "Buses get stuck")[0].speaker == "Tom Reyes"


@pytest.mark.parametrize(("paragraph", "announces"), [
    ("We have two recommendations.", True),
    ("Fines work. I offer three proposals for the Board:", True),
    ("We have two recommendations that the Board ignored for a decade.", False),
    ("We have two recommendations.\n\nSecond, the Board should publish its data.", False),  # no "First" under it
])
def test_a_sentence_counting_the_recommendations_below_is_no_statement(paragraph: str, announces: bool) -> None:
    text = f"""Noise limits for leaf blowers

Petrol leaf blowers reach 100 decibels. The Board should act.

{paragraph}

First, the Board should ban them before 8 a.m. Second, it should fund electric ones.
"""
    graph = parse_document(text)
    assert (not starting(graph, paragraph.split("\n")[0])) is announces


@pytest.mark.parametrize(("sentence", "own", "calls"), [
    ("Safe Streets Now says the evidence points the other way.", True, False),  # its name without an article
    ("Safe Streets Now today called on the council to close the road.", True, True),
    ("The Institute urges the ministry to act.", True, True),
    ("The Institute believes the ministry is wrong.", True, False),
    ("Safe Streets Now is asking the council to:", True, False),  # announces a list
    ("Streets Ahead says the evidence points the other way.", False, False),  # another body
])
def test_an_issuer_states_its_view_and_its_call_under_its_name(sentence: str, own: bool, calls: bool) -> None:
    authors = ["Safe Streets Now", "Policy Institute"]
    views, calls_found = author_views_and_calls([sentence], authors)
    assert (views == {0}) is own
    assert (calls_found == {0: 2}) is calls


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("She cites a Norwegian survey that asked 4,000 drivers and found the same gap.", None),
    ("He quotes a French report that studied ten cities and concluded that fines work.", None),
    ("They note that Norwegian officials said the toll worked.", "Norway"),  # the state still speaks
])
def test_a_state_an_adjective_names_in_a_pronouns_object_is_no_speaker(sentence: str, speaker: str | None) -> None:
    assert speaker_of(sentence, "Her book was published in May.") == speaker


@pytest.mark.parametrize("sentence", [
    "The Trust MUST DECIDE by June whether to charge.", "Voters will choose between two plans.",
    "The court has to rule on whether the ban is lawful.", "Members are to vote on whether to strike.",
    "The council must act now.", "Nobody will decide anything.",
])
def test_the_pending_decision_gate_agrees_with_its_pattern(sentence: str) -> None:
    # pends_decision reads the pattern only when one of _DECIDING is in the sentence: every match holds one
    assert pends_decision(sentence) is (central._PENDING_DECISION.match(sentence) is not None)


def _author_views_plain(texts: list[str], authors: list[str]) -> dict[int, str]:
    """``theses._author_views`` as defined: the pattern tried on every unit."""
    names = [set(theses._NAME_WORD.findall(author)) for author in authors]
    out = {}
    for i, text in enumerate(texts):
        found = theses._NAMED_SELF.match(text)
        if found is not None and names:
            words = set(theses._NAME_WORD.findall(found.group("name")))
            if words and any(words <= name for name in names):
                out[i] = found.group("verb")
    return out


def test_the_issuers_views_gate_agrees_with_its_pattern() -> None:
    texts = ["Safe Streets Now says the road is unsafe.", "The Institute urges the ministry to act.",
             "IN SHORT, the Institute believes it.", "iN sum, Safe Streets Now argues that fines work.",
             "Overall, our Institute recommends a levy.", "“Safe Streets Now today called on the council to act.",
             "Streets Ahead says otherwise.", "Now Safe Streets says the road is unsafe.", "the Institute says so.",
             "Critics say the Institute is wrong.", "*Safe Streets is calling on drivers to slow down.*"]
    authors = ["Safe Streets Now", "Policy Institute"]
    assert theses._author_views(texts, authors) == _author_views_plain(texts, authors)
    assert len(_author_views_plain(texts, authors)) >= 7  # the cases above reach the pattern
