"""Think-tank briefs that are not "Key Assumption" briefs (issue #10, ninth session): a thesis the brief states about
itself, findings enumerated or under a "Findings" heading, an opposing view answered, a numbered recommendation
list (docs/importers.md, "Briefs"). Every text here is written for these tests; the gold briefs the rules were
measured on are in corpora/argmap-briefs/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.model import DocumentGraph, RelationType, Statement, StatementKind
from importers import detect, parse_document
from importers.generic import proposal_blocks
from importers.mining import list_items
from importers.mining.evaluate import run
from importers.mining.theses import enumerated, states_own_thesis, thesis_strength
from importers.structure import authors_from, blocks, is_byline

ROOT = Path(__file__).resolve().parent.parent

BRIEF = """Cleaner Air Around Schools

By the Urban Health Trust

Summary

Nitrogen dioxide near city primary schools exceeds the legal limit on most school mornings. This brief argues that \
councils should close the streets outside primary schools to through traffic at drop-off and pick-up times.

Findings

First, school-street closures cut pollution where children breathe. Monitors at trial schools recorded a fall of \
about a fifth in morning nitrogen dioxide.

Second, closures change how families travel. Walking and cycling to the trial schools rose within one term.

Some local businesses argue that closures will push traffic onto neighbouring roads. The evidence suggests \
otherwise: traffic counts on the surrounding roads barely changed.

Recommendations

1. Councils should close the streets outside every primary school on a main road by 2028.
2. The transport department should fund the cameras that enforce the closures.
"""


def _statement(graph: DocumentGraph, words: str) -> Statement:
    return next(s for s in graph.statements if words in s.text)


def _targets(graph: DocumentGraph, source: Statement) -> list[tuple[RelationType, Statement]]:
    by_id = {s.id: s for s in graph.statements}
    return [(r.type, by_id[r.target]) for r in graph.relations if r.source == source.id]


@pytest.mark.parametrize("sentence,strength", [
    ("This brief argues that the state should act.", 2),
    ("This policy brief recommends that ministers act.", 2),
    ("In this paper we contend that storage is cheaper.", 2),
    ("We conclude that the cap should stay.", 2),
    ("Our analysis makes the case for a levy.", 2),
    ("This report finds that tutoring works.", 1),
    ("We find that waiting times doubled.", 1),
    ("This report recommends three changes:", 0),  # announces a list
    ("The council's report argues that the cap should go.", 0),  # another text's thesis
    ("Some economists argue that the cap should go.", 0),
    ("We recommend the following:", 0),
])
def test_a_thesis_statement_is_a_sentence_about_the_text_itself(sentence: str, strength: int) -> None:
    assert thesis_strength(sentence) == strength


def test_a_thesis_statement_is_found_in_a_whole_text_without_splitting_it() -> None:
    assert states_own_thesis(BRIEF)
    assert states_own_thesis("Title\n\n1. We argue that the fee should go.")
    assert not states_own_thesis(BRIEF.replace("This brief argues that", "Some say that"))
    assert not states_own_thesis("A long text. The report argues that x. This report recommends these steps:\n- x")


def test_the_thesis_statement_is_the_central_claim_not_a_counterargument() -> None:
    graph = parse_document(BRIEF)
    thesis = [s for s in graph.statements if s.kind is StatementKind.THESIS]
    assert [s.text for s in thesis] == ["This brief argues that councils should close the streets outside primary "
                                        "schools to through traffic at drop-off and pick-up times."]
    assert _targets(graph, thesis[0]) == []  # the root of the map


def test_a_brief_that_states_its_thesis_is_not_read_under_its_headline() -> None:
    # a byline and a Recommendations heading made it an op-ed, whose thesis is the title
    assert detect(BRIEF) == "generic"
    no_statement = BRIEF.replace("This brief argues that councils", "Councils").replace(
        "Cleaner Air Around Schools", "Councils Should Close School Streets")
    assert detect(no_statement) == "oped"  # no thesis sentence: the title states the position, as before


def test_enumerated_findings_are_siblings_not_reasons_for_each_other() -> None:
    assert enumerated(["First, a.", "b.", "Second, c.", "Finally: d.", "First, e."]) == {0: 1, 2: 1, 3: 1}
    assert enumerated(["First, a lone point.", "Then more."]) == {}
    text = BRIEF.replace("Findings\n", "Analysis\n")  # no Findings heading: the ordinals alone make the list
    body = [b for b in blocks(text) if b.kind != "heading"]
    numbers = {n for n, b in enumerate(body) if b.text.startswith(("First,", "Second,"))}
    assert len(numbers) == 2 and len({list_items(body)[n] for n in numbers}) == 1  # one list
    graph = parse_document(text)
    first = _statement(graph, "First, school-street closures")
    second = _statement(graph, "Second, closures change")
    assert [target for _, target in _targets(graph, second)] != [first]
    assert [target for _, target in _targets(graph, first)] != [second]


def test_an_opposing_view_that_contends_is_answered_by_the_author() -> None:
    text = BRIEF.replace("Some local businesses argue that", "Some local business groups contend that")
    graph = parse_document(text)
    objection = _statement(graph, "contend that closures")
    answer = _statement(graph, "The evidence suggests otherwise")
    # a group the text names by what it is holds the view (it was nobody named before the tenth session)
    assert (objection.kind, objection.speaker) == (StatementKind.COUNTERARGUMENT, "Local business groups")
    assert answer.kind is StatementKind.REBUTTAL
    assert _targets(graph, answer) == [(RelationType.ATTACKS, objection)]


def test_paragraphs_under_findings_conclusion_and_recommendations_headings_are_coordinate_points() -> None:
    body = [b for b in blocks(BRIEF) if b.kind != "heading"]
    sections = ["Summary", "Findings", "2. Key findings", "Background", "Recommendations", "Policy Options"]
    assert proposal_blocks(body[:6], sections) == {1, 2, 4, 5}  # not the summary, not the background
    assert proposal_blocks(body[:2], ["Introduction", "Conclusion"]) == {1}


def test_findings_and_recommendations_under_their_headings_back_the_thesis() -> None:
    text = BRIEF.replace("First, school-street", "School-street").replace("Second, closures", "Closures")
    graph = parse_document(text)
    thesis = next(s for s in graph.statements if s.kind is StatementKind.THESIS)
    for words in ("School-street closures cut", "Closures change how", "every primary school on a main road",
                  "fund the cameras"):
        assert _targets(graph, _statement(graph, words)) == [(RelationType.SUPPORTS, thesis)], words
    assert _statement(graph, "fund the cameras").kind is StatementKind.RECOMMENDATION


def test_a_publication_line_names_who_issued_the_brief() -> None:
    text = BRIEF.replace("By the Urban Health Trust", "*A policy brief from the Urban Health Trust*")
    assert is_byline("*A policy brief from the Urban Health Trust*")
    assert not is_byline("A new report from the council shows that traffic fell.")
    assert authors_from(text, blocks(text)) == ("Urban Health Trust",)
    assert not any("policy brief from" in s.text for s in parse_document(text).statements)


def test_the_key_assumption_importer_links_a_plain_brief_when_chosen_by_hand() -> None:
    graph = parse_document(BRIEF, importer="csis_brief")
    linked = {r.source for r in graph.relations}
    thesis = [s for s in graph.statements if s.kind is StatementKind.THESIS]
    assert len(thesis) == 1 and thesis[0].text.startswith("This brief argues")
    assert [s.text for s in graph.statements if s.id not in linked and s.kind is not StatementKind.THESIS] == []
    recommendations = [s for s in graph.statements if s.kind is StatementKind.RECOMMENDATION]
    assert len(recommendations) == 2 and not recommendations[0].text.startswith("1.")


def test_argmap_eval_scores_what_the_importers_make_of_the_gold_briefs() -> None:
    as_json, as_markdown = run(ROOT / "corpora" / "argmap-briefs" / "dev.json", importers=True)
    assert "| central-claim accuracy |" in as_markdown
    scores = json.loads(as_json)["predicted"]
    assert set(scores) == {"import", "argmap", "argmap-sparse", "first", "last"}
    # every dev brief states its thesis or has a title that states it: the import finds more than the baseline
    assert scores["import"]["central_claim_accuracy"] > scores["first"]["central_claim_accuracy"]
    assert scores["import"]["documents"] == 8


FINDINGS_FIRST = """Quieter Streets at Night

A policy brief from the Civic Noise Forum

Key findings

- Night-time noise above 55 decibels affects one resident in seven in the city centre.
- Complaints about late deliveries have tripled since 2020.
- Towns that limited night deliveries saw complaints fall by half within a year.

Background

Most deliveries to city-centre shops arrive between midnight and six. This brief argues that the council should \
limit heavy deliveries in residential streets to daytime hours.

Some retailers contend that daytime deliveries would add to congestion. The trial towns found the opposite: lorries \
moved faster outside the morning peak.

Recommendations

1. The council should ban heavy deliveries on residential streets between 11 p.m. and 6 a.m.
2. Retailers should receive a year to adjust their schedules.
3. The council should publish noise readings for every district each quarter.
"""


def test_bulleted_key_findings_back_the_thesis_not_a_recommendation() -> None:
    """Bullets under a "Key findings" heading are findings as paragraphs there are (guideline 3): each backs the thesis,
    wherever the thesis stands, and none backs a recommendation set out after it."""
    graph = parse_document(FINDINGS_FIRST)
    thesis = next(s for s in graph.statements if s.kind is StatementKind.THESIS)
    assert thesis.text.startswith("This brief argues")
    for words in ("one resident in seven", "have tripled", "fall by half"):
        assert _targets(graph, _statement(graph, words)) == [(RelationType.SUPPORTS, thesis)], words


@pytest.mark.parametrize("sentence,group", [
    ("Landlords' associations contend that a levy punishes owners between tenants.", "Landlords' associations"),
    ("Some growers' associations contend that the payments come too late.", "Growers' associations"),
    ("Residents' groups, for their part, insist that the streets will fill with cars.", "Residents' groups"),
    ("The council says the pool loses money.", "The council"),
    ("Trade unions have long argued that the rule protects jobs.", "Trade unions"),
    ("The county council responds that the pool loses money.", "The county council"),
    ("Critics say the levy is unfair.", None),
    ("Some argue that the levy is unfair.", None),
    ("They say the levy is unfair.", None),
    ("Business groups in the city are divided.", None),
    ("Critics on the council contend that trees are a slow answer.", None),
])
def test_a_group_named_by_what_it_is_holds_the_view_it_reports(sentence: str, group: str | None) -> None:
    from importers.discourse import group_voice

    assert group_voice(sentence) == group


def test_an_objection_by_a_named_group_and_the_rest_of_its_sentence_are_that_group_s() -> None:
    text = BRIEF.replace("Some local businesses argue that closures will push traffic onto neighbouring roads.",
                         "Shopkeepers' associations argue that closures will push traffic onto neighbouring roads, "
                         "since drivers will look for other routes.")
    graph = parse_document(text)
    objection = _statement(graph, "argue that closures")
    assert (objection.kind, objection.speaker) == (StatementKind.COUNTERARGUMENT, "Shopkeepers' associations")
    assert _statement(graph, "since drivers will look").speaker == "Shopkeepers' associations"


# a brief written for the tenth session's check on fresh texts (fresh10): key findings as bullets before the thesis
# statement, objections in a section of their own, options, numbered recommendations
VACANCY_BRIEF = """Putting Empty Homes Back to Work: The Case for a Vacancy Levy

A policy brief from the Northfield Housing Institute

Key findings

- One home in every twenty-six in the city stood empty for more than six months last year, about 9,400 \
dwellings in all.
- Two thirds of long-term empty homes are owned by people or companies that own at least three other \
properties.
- Rents in the three central districts rose by 31 per cent over five years, twice the rise in wages.
- Cities that introduced a levy on long-term vacancy saw the number of empty homes fall by between 15 and 25 \
per cent within two years.

Background

The city's housing shortage is usually described as a shortage of building. That description is incomplete. \
While the council struggles to approve two thousand new homes a year, several times that number already exist \
and stand unused. Some are between tenants or under renovation, and no policy should penalise that. Many \
others are held empty for years because their owners expect prices to keep rising and find letting them more \
trouble than it is worth.

This brief argues that the city should introduce an annual levy on homes left empty for more than twelve \
months, and use the revenue to bring neglected properties back into use.

Analysis

A levy changes the arithmetic of holding a home empty. At present an owner pays the same council tax whether a \
 flat is occupied or not, so the cost of waiting is close to zero. A charge of 1 per cent of assessed value a \
year would cost the owner of a typical central flat about 3,200 pounds, more than two months' rent. \
Vancouver's experience suggests that most owners respond by letting or selling rather than paying.

The levy would also raise money where it is most needed. Even after the expected fall in vacancies, the \
institute estimates revenue of 11 to 14 million pounds a year, enough to fund the council's empty homes team \
several times over.

Objections

Landlords' associations contend that a levy punishes owners who are caught between tenants or stuck in \
probate. That concern is legitimate, but it is met by the design. Homes empty for less than a year, homes in \
probate and homes under an active building permit would be exempt.

Others warn that the levy will be easy to dodge, since an owner can move a relative in for a few weeks or sign \
 a sham lease. Enforcement is indeed the hard part. Yet the city already holds the data it needs: water use, \
electoral rolls and council tax records together identify most empty homes, and audits in other cities found \
that false declarations were rare once fines were published.

Options

Option A: Keep the current voluntary scheme, which offers grants to owners who bring a home back into use. It \
has returned fewer than 200 homes in four years.

Option B: Introduce a flat annual levy on homes empty for more than twelve months, with the exemptions above.

Option C: Introduce a levy that rises with each year a home stays empty, starting at 1 per cent and reaching 3 \
 per cent after three years.

Recommendations

1. The council should adopt Option C, because a rising charge targets the homes left empty longest.
2. Revenue should be ring-fenced for the empty homes team and for renovation loans.
3. The council should publish the number of empty homes by district every year.
"""


def test_objections_attack_a_stated_thesis_not_the_last_recommendation() -> None:
    """The text states its thesis ("This brief argues that ..."), so the objection model weighs that one central claim
    only: the objections attack it (they had attacked the last recommendation, the unit that looked most central)."""
    graph = parse_document(VACANCY_BRIEF)
    thesis = next(s for s in graph.statements if s.kind is StatementKind.THESIS)
    assert thesis.text.startswith("This brief argues")
    for words in ("Landlords' associations contend", "Others warn that the levy"):
        assert _targets(graph, _statement(graph, words)) == [(RelationType.ATTACKS, thesis)], words


POSITION_TITLE = """Raised Crossings Cut Speeds Near Schools

Policy Brief No. 7 | March 2026

Key findings

- Two in five collisions involving children on foot happen within 300 metres of a school gate.
- Average speeds on roads with painted crossings barely differ from roads without them.
- Raised crossings cut average speeds by a fifth in every trial reviewed.

Analysis

A raised table slows every car, not only the careful ones. Drivers brake for it whether or not a child is waiting.

The lower speed also matters when a collision still happens. The force of an impact falls steeply with speed.

Recommendations

1. The city should replace the painted crossings outside every primary school with raised tables.
2. The transport department should publish speed data before and after each table is built.
"""


@pytest.mark.parametrize("title,states", [
    ("Raised Crossings Cut Speeds Near Schools", True), ("Front-of-Pack Labels Reduce Sugar Intake", True),
    ("Streaming Pays Musicians Too Little", True), ("Price Caps Protect Consumers", True),
    ("Tutoring That Works", False), ("Faster Buses for Mid-Sized Cities", False), ("Keeping Rural Births Safe", False),
    ("Heat Pumps: Straight Answers for Sceptical Homeowners", False), ("Flood Defence Plans", False),
    ("Ambulance Handover Delays at Riverside General", False), ("Short-Term Rentals and the Housing Shortage", False),
])
def test_a_headline_states_a_position_with_a_verb_of_its_own(title: str, states: bool) -> None:
    from importers.oped import states_a_position

    assert states_a_position(title) is states


def test_a_brief_without_a_thesis_statement_argues_the_position_its_title_states() -> None:
    """No "This brief argues ...": the title that states a position ("... Cut Speeds ...", no modal, no copula) is the
    thesis (guideline 2), and the findings, the analysis paragraphs and the recommendations each back it directly
    (guideline 3, 6), rather than the point the pipeline would pick as the body's central claim."""
    graph = parse_document(POSITION_TITLE)
    thesis = next(s for s in graph.statements if s.kind is StatementKind.THESIS)
    assert thesis.text == "Raised Crossings Cut Speeds Near Schools"
    for words in ("Two in five collisions", "barely differ", "cut average speeds", "A raised table slows",
                  "The lower speed also matters", "replace the painted crossings", "publish speed data"):
        assert _targets(graph, _statement(graph, words)) == [(RelationType.SUPPORTS, thesis)], words


def test_paragraphs_under_an_analysis_heading_are_coordinate_points() -> None:
    body = [b for b in blocks(BRIEF) if b.kind != "heading"]
    assert proposal_blocks(body[:3], ["Summary", "Analysis", "Background"]) == {1}


def test_paragraphs_under_an_options_heading_are_coordinate_points() -> None:
    """"Options" ("Option A: ...", "Option B: ...") sets out alternatives side by side, as "Policy options" does: none
    is a reason for the next."""
    body = [b for b in blocks(BRIEF) if b.kind != "heading"]
    assert proposal_blocks(body[:3], ["Background", "Options", "The options"]) == {1, 2}
