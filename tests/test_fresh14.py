"""General rules found on six fresh texts of the fourteenth session (a ballot-measure voter guide, an FAQ page on a
policy, a consultation response in numbered paragraphs, a panel transcript, a committee report with majority and
minority views, a translated op-ed; docs/importers.md, "Six fresh texts, fourteenth session") and on the thirteenth
session's leftovers. The texts here are written for the tests, on other subjects than those texts."""

from __future__ import annotations

from graph.model import DocumentGraph, RelationType, Statement, StatementKind
from importers import detect, parse_document
from importers.discourse import speaker_of
from importers.mining.imperatives import proposes_action
from importers.structure import authors_from, blocks


def starting(graph: DocumentGraph, words: str) -> list[Statement]:
    return [s for s in graph.statements if s.text.startswith(words)]


def holding(graph: DocumentGraph, words: str) -> list[Statement]:
    return [s for s in graph.statements if words in s.text]


def attacks(graph: DocumentGraph, source: Statement, target: Statement) -> bool:
    return any(r.source == source.id and r.target == target.id and r.type is RelationType.ATTACKS
               for r in graph.relations)


TRANSLATED = """Rivers need room, not higher walls

By Łukasz Wróblewski

Translated from the Polish by Anna Kowalczyk. This article first appeared in Gazeta Regionalna.

Every spring the river floods the lower town, and every spring the council raises the walls again. Higher walls \
only send the water faster to the next village.

Some engineers say that walls are the only proven defence. That is not true. Towns that gave their rivers meadows \
to spill into have had smaller floods since.

The council should buy the riverside fields and let them flood.

Łukasz Wróblewski is a hydrologist at the University of Wrocław.
"""


def test_a_byline_and_a_bio_with_letters_beyond_latin1_name_the_author() -> None:
    found = blocks(TRANSLATED)
    assert authors_from(TRANSLATED, found) == ("Łukasz Wróblewski",)
    graph = parse_document(TRANSLATED)
    assert graph.document.authors == ("Łukasz Wróblewski",)
    assert not holding(graph, "is a hydrologist")  # the bio is no statement


def test_a_translation_credit_is_no_statement() -> None:
    graph = parse_document(TRANSLATED)
    assert not holding(graph, "Translated from") and not holding(graph, "first appeared")


def test_a_speaker_named_with_letters_beyond_latin1_is_found() -> None:
    sentence = "Tomáš Řezníček, who runs a bakery in Ostrava, told me that the new bridge doubled his trade."
    assert speaker_of(sentence) == "Tomáš Řezníček"


CONSULTATION = """Submission of the Eastport Cyclists' Club to the consultation on the Harbour Road scheme

1. Summary

1.1 The Eastport Cyclists' Club speaks for some 900 members who ride Harbour Road every day. We support the scheme \
but oppose the plan to end the cycle lane at the ferry terminal.

1.2 The council should carry the lane through to the town centre.

2. Safety

2.1 Half of the collisions involving cyclists on Harbour Road in the last five years happened at the terminal.

2.2 The ferry operator argues that a lane past the terminal would slow the queues of cars boarding the ferry.

2.3 We do not accept this. Ports that kept a lane past their terminals report no longer queues.

3. Recommendations

3.1 Carry the lane through to the town centre.

3.2 Publish the collision figures for every junction on the road.

Helen Achterberg
Secretary, Eastport Cyclists' Club
"""


def test_a_name_over_a_post_signs_a_text_that_is_no_letter() -> None:
    graph = parse_document(CONSULTATION)
    assert graph.document.authors == ("Helen Achterberg",)
    assert not holding(graph, "Helen Achterberg") and not holding(graph, "Secretary, Eastport")


RESPONSE = """Response of the Millbrook Allotment Society to the council's consultation "Green Spaces for All"

By Derek Amis

We welcome the consultation, but we oppose the plan to sell the Station Road allotments for housing.

The allotments feed over 200 households. The waiting list has grown every year since 2019.

Some councillors say the town needs the land for homes. Homes could be built on the empty depot next door instead.

The council should keep the allotments and build on the depot.
"""


def test_a_title_naming_the_documents_kind_is_no_headline_thesis_and_no_statement() -> None:
    assert detect(RESPONSE) == "generic"
    graph = parse_document(RESPONSE)
    assert not holding(graph, "Response of the") and not holding(graph, "Green Spaces for All")
    assert any(s.kind is StatementKind.THESIS for s in graph.statements)


def test_a_paragraph_turning_down_the_objection_closing_the_one_before_rebuts_it() -> None:
    graph = parse_document(CONSULTATION)
    objection = starting(graph, "The ferry operator argues")
    answer = starting(graph, "We do not accept this")
    assert objection and answer
    assert objection[0].kind is StatementKind.COUNTERARGUMENT
    assert answer[0].kind is StatementKind.REBUTTAL and attacks(graph, answer[0], objection[0])


COMMITTEE = """Report of the Housing Committee on the proposed rent register

Introduction

The Committee heard from tenants, landlords and the council's housing officers over four sessions.

The Committee recommends that the Council create a public register of rents. Tenants cannot tell whether a rent is \
fair without knowing what similar homes cost. The council should publish the register every quarter.

Signed on behalf of the Committee,
Councillor Imogen Pask, Chair
"""


def test_a_report_signed_for_its_committee_names_the_signer_and_the_signature_is_no_statement() -> None:
    graph = parse_document(COMMITTEE)
    assert graph.document.authors == ("Imogen Pask",)
    assert not holding(graph, "Signed on behalf") and not holding(graph, "Imogen Pask")


PANEL = """Transcript: "Should the city close its last coal plant early?"

A roundtable held at the Northgate Energy Forum, 3 May 2027. Panellists: Owen Tull, plant manager at Northgate \
Power; Rhea Sandoval, director of Clean Air Northgate. Moderated by Peter Lomax.

PETER LOMAX: Welcome, everyone. Owen, can the plant close by 2029?

OWEN TULL: Not without new power lines. The grid cannot carry the city's winter peak without the plant.

PETER LOMAX: Rhea, your group wants it closed sooner. What would you do?

RHEA SANDOVAL: The city should close the plant by 2029. The new lines are already funded.

PETER LOMAX: Owen, are the lines funded?

OWEN TULL: Only the first of them. The second has no money yet.

PETER LOMAX: And who should pay for it?

RHEA SANDOVAL: The regional grid company, from its reserves.
"""


def test_a_transcripts_standfirst_of_speakers_and_the_chairs_welcome_are_no_statements() -> None:
    graph = parse_document(PANEL)
    assert not holding(graph, "roundtable") and not holding(graph, "Panellists") and not holding(graph, "Moderated")
    assert not holding(graph, "Welcome") and not holding(graph, "PETER LOMAX")


def test_an_imperative_after_a_leading_time_is_a_proposal() -> None:
    assert proposes_action("From next April, switch off your engine at every level crossing.")
    assert proposes_action("In the meantime, keep your receipts.")
    assert not proposes_action("From next April, prices rise by a tenth.")


THREAD = """The case for a later school start

Our teenagers sleep too little. Surveys in the district find that most sleep under seven hours on school nights.

"But buses cannot run later," you say. But the district already runs two bus rounds, and swapping their order costs \
nothing.

The school board should move the first bell to 9 a.m. from next year.
"""


def test_a_quotation_in_the_readers_mouth_is_an_objection_and_the_next_but_answers_it() -> None:
    graph = parse_document(THREAD)
    objection = starting(graph, '"But buses cannot run later," you say')
    answer = starting(graph, "But the district already runs")
    assert objection and objection[0].kind is StatementKind.COUNTERARGUMENT
    assert answer and answer[0].kind is StatementKind.REBUTTAL and attacks(graph, answer[0], objection[0])


def test_a_source_named_by_a_common_noun_speaks() -> None:
    assert speaker_of("According to the water regulator, leaks fell by a fifth last year.") == "The water regulator"
    assert speaker_of("According to the national statistics agency, wages rose.") == "The national statistics agency"
    assert speaker_of("According to the report, leaks fell by a fifth last year.") is None


GUIDE = """MEASURE K: STREET TREE PARCEL TAX

Argument in Favor of Measure K

Our streets have lost a third of their trees since 2010. Measure K would plant 4,000 trees and water them for five \
years.

Vote YES on Measure K.

Nadia Ferreira, Chair, Greener Streets Coalition
Dr. Samuel Obi, Westside Neighbours

Argument Against Measure K

A parcel tax is the wrong way to pay for trees. The city should plant them from its general fund.

Vote NO on Measure K.

Gregory Lamb, Homeowners for Fair Taxes
"""


def test_signers_under_an_argument_are_no_statement() -> None:
    graph = parse_document(GUIDE)
    assert not holding(graph, "Nadia Ferreira") and not holding(graph, "Samuel Obi")
    assert not holding(graph, "Gregory Lamb")


def test_a_named_asker_speaks_their_own_turn() -> None:
    graph = parse_document(PANEL)
    remark = starting(graph, "Rhea, your group wants it closed sooner")
    assert remark and remark[0].speaker == "Peter Lomax"
    answer = starting(graph, "The new lines are already funded")
    assert answer and answer[0].speaker == "Rhea Sandoval"


def test_a_word_before_a_colon_is_a_label_not_an_imperative() -> None:
    assert not proposes_action("Result: bus journeys in the town fell by a fifth.")
    assert proposes_action("Publish the results every month.")


FAQ = """# Night buses: frequently asked questions

*Published by the Department for Transport, updated 4 June 2027*

From September the city will run buses all night on six routes. We believe night buses are the safest way home for \
shift workers.

## Who will use them?

Most riders will be people finishing late shifts in hospitals, hotels and warehouses. A survey of 1,200 shift \
workers found that a third walk home after midnight.

## Won't they run empty?

Some councillors say the buses will run empty. Trials on two routes last winter carried forty people an hour.

## What should I do?

Check the new timetable before your next late shift.
"""


def test_a_body_publishing_a_page_is_its_author_and_an_faq_title_is_no_headline_thesis() -> None:
    assert authors_from(FAQ, blocks(FAQ)) == ("Department for Transport",)
    assert detect(FAQ) == "generic"
    graph = parse_document(FAQ)
    assert not holding(graph, "frequently asked questions") and not holding(graph, "Published by")


def test_a_chairs_greeting_is_a_courtesy() -> None:
    from importers.structure import is_courtesy
    assert is_courtesy("Welcome, everyone.") and is_courtesy("Good evening, everyone.")
    assert is_courtesy("Welcome to tonight's debate on the harbour wall.")
    assert not is_courtesy("Welcome changes to the bus timetable have cut waiting times.")
