"""Shapes met importing texts nobody here had seen (the sixth session's spot check, README "What the importers make
of the seeds"): a bare pull quote with its "— Name" line, a think-tank brief without "Key Assumption" sections, a
letter's salutation, a blog's "Posted on <date> by <name>" line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from formats.text import extract_text
from graph.model import UNNAMED_VOICE, DocumentGraph, RelationType, Statement, StatementKind
from graph.store.base import GraphStore
from importers import parse_document, structure
from importers.discourse import speaker_of
from importers.mining.imperatives import proposes_action
from importers.regex_parts import top_level_alternatives
from importers.structure import blocks, is_byline, is_courtesy, is_furniture
from importers.structure import testimony_speaker as witness_of
from services import corrections, importing
from tests.conftest import isolated_settings
from tests.pdf_writer import multi_page_pdf


def by_quote(graph: DocumentGraph, words: str) -> list[tuple[StatementKind, str | None]]:
    return [(s.kind, s.speaker) for s in graph.statements if words in s.quote]


PULL_QUOTE = """Bring Back the Night Buses

By Jane Roe

Since the night routes were cut in the spring, shift workers at the hospital have had to choose between a taxi \
they cannot afford and a two-hour walk. The council says the routes carried too few passengers to justify the cost.

“Half of my ward’s porters now sleep in their cars between shifts.”

— Ben Ode, a union representative at the hospital

The passenger counts the council relies on were taken in a month when the main route was diverted. A fair count \
would include the weeks when the buses ran normally.

The council should restore the two busiest routes for a year and count again.

Jane Roe is a transport researcher at a university.
"""


# the name line printed right under the quotation, no blank line between (plain text, a PDF's lines)
GLUED_PULL_QUOTE = PULL_QUOTE.replace("shifts.”\n\n— Ben Ode", "shifts.”\n— Dr. Ben Ode")  # and an honorific


# a Markdown block quote (a saved page's <blockquote>), without quotation marks, its name line quoted too
BLOCK_QUOTED = PULL_QUOTE.replace("“Half of my ward’s porters now sleep in their cars between shifts.”\n\n— Ben Ode",
                                  "> Half of my ward’s porters now sleep in their cars between shifts.\n\n> — Ben Ode")
GLUED_BLOCK_QUOTED = BLOCK_QUOTED.replace("shifts.\n\n> — Ben Ode", "shifts.\n> — Ben Ode")


@pytest.mark.parametrize("importer", ["oped", "generic"])
@pytest.mark.parametrize("text", [PULL_QUOTE, GLUED_PULL_QUOTE, BLOCK_QUOTED, GLUED_BLOCK_QUOTED],
                         ids=["own line", "glued", "block quote", "glued block quote"])
def test_a_bare_pull_quote_is_its_speaker_s_quote_and_its_name_line_no_statement(importer: str, text: str) -> None:
    assert text.count("Ben Ode, a union") == 1
    graph = parse_document(text, importer=importer)
    assert by_quote(graph, "porters now sleep") == [(StatementKind.QUOTE, "Ben Ode")]
    assert by_quote(graph, "union representative") == []


REPEATED_PULL_QUOTE = PULL_QUOTE.replace(
    "“Half of my ward’s porters now sleep in their cars between shifts.”",
    "“A fair count would include the weeks when the buses ran normally.”")


def test_a_repeated_pull_quote_and_its_name_line_are_dropped() -> None:
    graph = parse_document(REPEATED_PULL_QUOTE, importer="oped")
    assert by_quote(graph, "union representative") == []
    assert len(by_quote(graph, "A fair count would include")) == 1  # the paragraph's sentence, not the copy


BRIEF = """# Cleaner Air Around Schools

*By Jane Roe and Ben Ode*

## Executive summary

Children breathe the dirtiest air of the day at the school gate, when parents' engines idle outside. Few councils \
measure it, and fewer act on what they measure.

## Key findings

- Nitrogen dioxide at the gates of the sampled schools was twice the level one street away.
- Schools with a traffic-free street at opening and closing times saw levels fall by a third.

## Recommendations

1. Close the street outside every primary school to through traffic at opening and closing times.
2. Put an air-quality monitor at each school gate and publish its readings.
3. A national fund for the signs and cameras the closures need.

## Conclusion

The cheapest measure is also the quickest.

*Jane Roe is a fellow at an environmental institute. Ben Ode is an analyst there.*
"""


def test_a_brief_with_recommendations_but_no_key_assumptions_is_read_as_an_op_ed() -> None:
    graph = parse_document(BRIEF)
    assert graph.document.importer == "oped"
    thesis = [s for s in graph.statements if s.kind is StatementKind.THESIS]
    assert [s.text for s in thesis] == ["Cleaner Air Around Schools"]


@pytest.mark.parametrize("importer", ["oped", "generic", "csis_brief"])
def test_a_brief_s_numbered_recommendations_are_recommendations(importer: str) -> None:
    graph = parse_document(BRIEF, importer=importer)
    for words in ("Close the street", "Put an air-quality monitor", "A national fund"):
        kinds = [kind for kind, _ in by_quote(graph, words)]
        assert kinds and kinds[0] is StatementKind.RECOMMENDATION, (importer, words, kinds)


@pytest.mark.parametrize("line", ["Sir,", "Madam,", "Dear Editor,", "Dear Sir or Madam,", "To the Editor:",
                                  "Dear Councillor Roe,"])
def test_a_letter_s_salutation_is_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["Sir Keir said no.", "Dear readers will know the rest.", "Editors disagree."])
def test_sentences_opening_like_a_salutation_are_not(line: str) -> None:
    assert not is_furniture(line)


LETTER = """Keep the ferry running

Sir,

Your report on the ferry (2 June) said that the crossing loses money. It did not say that the bridge detour adds \
forty minutes to every delivery on the island.

Keep the ferry, and let the island's businesses share its cost.

Yours faithfully,

Jane Roe
"""


def test_a_letter_s_salutation_is_no_statement() -> None:
    graph = parse_document(LETTER)
    assert graph.document.authors == ("Jane Roe",)
    assert by_quote(graph, "Sir,") == []


@pytest.mark.parametrize("line", ["Posted on 3 February 2026 by Jane Roe", "Posted by Jane Roe on March 3, 2026",
                                  "Published 12 May 2025 by Jane Roe and Ben Ode",
                                  "*Posted by Jane Roe · 12 March 2026*", "By Jane Roe | March 3, 2026 | 7 min read"])
def test_a_dated_byline_names_the_authors(line: str) -> None:
    text = (f"Why Every Town Needs a Repair Café\n\n{line}\n\nMost broken toasters need a new fuse, not a new "
            "toaster. A repair café fixes them for free.\n\nOpen one in every library.\n")
    graph = parse_document(text)
    assert graph.document.authors[0] == "Jane Roe"
    assert all(line not in s.quote for s in graph.statements)
    assert any(b.text == line for b in blocks(text)) and is_furniture(line)


@pytest.mark.parametrize("salutation", ["Sir,\n\nYour report", "Sir, your report", "Dear Editor,\n\nYour report"])
@pytest.mark.parametrize("signature", ["Jane Roe", "Jane Roe\nHarbour Street, Westhaven", "Dr Jane Roe\nWesthaven"])
def test_a_letter_signed_with_only_a_name_names_its_writer(salutation: str, signature: str) -> None:
    """A letter to the editor signed with a name (and a town) and no "Yours faithfully": the name line is the author,
    no statement of the argument."""
    text = (LETTER.replace("Sir,\n\nYour report", salutation).replace("Yours faithfully,\n\nJane Roe", signature))
    graph = parse_document(text)
    assert graph.document.authors == ("Jane Roe",)
    assert not [s for s in graph.statements if "Jane Roe" in s.quote or "Westhaven" in s.quote]


def test_a_name_line_ending_a_text_that_is_no_letter_stays_in_the_text() -> None:
    from importers.structure import signature_blocks

    text = LETTER.replace("Sir,\n\n", "").replace("Yours faithfully,\n\nJane Roe", "Jane Roe")
    assert signature_blocks(text, blocks(text)) == []
    letter = LETTER.replace("Yours faithfully,\n\nJane Roe", "Jane Roe")
    assert [b.text for b in signature_blocks(letter, blocks(letter))] == ["Jane Roe"]


def test_a_letters_page_label_is_not_the_letter_s_title() -> None:
    graph = parse_document("Letters to the Editor\n\n" + LETTER)
    assert graph.document.title == "Keep the ferry running"


IMPERATIVE_HEADINGS = """# Our Canals Need a Plan

*By Jane Roe*

The canal network carries more walkers and cyclists than boats, yet its budget still assumes the opposite. \
Towpaths are crumbling and several locks have been closed for a year.

## Fund the towpaths

Most visits to the canals are on foot or by bike. A towpath that floods every winter turns those visitors away, \
and the repairs cost less than a single lock gate.

## Publish the repair backlog

Nobody outside the trust knows which locks are waiting for repair, or for how long. A public list would let \
councils and volunteers plan around it.

Jane Roe is a fellow at a transport institute.
"""


def test_an_imperative_heading_is_a_recommendation_its_paragraphs_argue_for() -> None:
    graph = parse_document(IMPERATIVE_HEADINGS, importer="oped")
    thesis = next(s for s in graph.statements if s.kind is StatementKind.THESIS)
    headings = {s.text: s for s in graph.statements if s.text in ("Fund the towpaths", "Publish the repair backlog")}
    assert {text: s.kind for text, s in headings.items()} == {
        "Fund the towpaths": StatementKind.RECOMMENDATION, "Publish the repair backlog": StatementKind.RECOMMENDATION}
    targets = {(r.source, r.target) for r in graph.relations}
    assert all((s.id, thesis.id) in targets for s in headings.values())
    towpaths = headings["Fund the towpaths"].id
    assert any(t == towpaths for _, t in targets)  # its section's paragraphs back it


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_the_items_of_a_list_do_not_back_one_another(importer: str) -> None:
    graph = parse_document(BRIEF, importer=importer)
    lists = [("Nitrogen dioxide at the gates", "Schools with a traffic-free street"),
             ("Close the street", "Put an air-quality monitor", "A national fund")]
    item_of = {s.id: (number, words) for s in graph.statements for number, items in enumerate(lists)
               for words in items if s.quote.startswith(words)}
    assert len(item_of) == 5
    linked = [(item_of[r.source], item_of[r.target]) for r in graph.relations
              if r.source in item_of and r.target in item_of]
    assert not [pair for pair in linked if pair[0][0] == pair[1][0]], linked


def test_an_html_list_keeps_its_bullets_and_numbers() -> None:
    page = (b"<html><body><article><h1>Cleaner Air Around Schools</h1><p>By Jane Roe</p>"
            b"<h2>Key findings</h2><ul><li>Levels at the gates were twice those a street away.</li>"
            b"<li>Closed streets cut them by a third.</li></ul><h2>Recommendations</h2>"
            b"<ol start=\"3\"><li>Close the street at opening times.</li><li>A monitor at every gate.</li></ol>"
            b"</article></body></html>")
    text = extract_text(page, content_type="text/html")
    assert "- Levels at the gates were twice those a street away." in text.splitlines()
    assert "3. Close the street at opening times." in text.splitlines()
    assert "4. A monitor at every gate." in text.splitlines()
    graph = parse_document(text, importer="oped")
    assert by_quote(graph, "A monitor at every gate.")[0][0] is StatementKind.RECOMMENDATION


def test_a_pdf_s_numbered_items_and_a_heading_after_a_full_line_stand_apart() -> None:
    full = "Councils hold around three thousand hectares of brownfield land near the stations of the region."
    pdf = multi_page_pdf([[
        "Cleaner Air Around Schools", "",
        full,
        "Where towns closed the streets outside schools, levels fell by a third within a year of the change.",
        "The problem",
        "Children breathe the dirtiest air of the day at the gate, when the engines of the parents idle.",
        "Recommendations",
        "1. Close the street outside every primary school at opening and closing times, every school day.",
        "2. Put an air-quality monitor at each school gate and publish the readings every single week.",
    ]])
    paragraphs = extract_text(pdf, filename="brief.pdf").split("\n\n")
    assert "The problem" in paragraphs
    assert any(p.startswith("1. Close the street") and "2. Put" not in p for p in paragraphs)
    assert any(p.startswith("2. Put an air-quality monitor") for p in paragraphs)


@pytest.mark.parametrize("heading", ["Recommendations for councils", "Policy proposals", "What ministers should do now",
                                     "Next steps", "What needs to change", "What the council should change"])
def test_a_recommendations_heading_in_other_words(heading: str) -> None:
    graph = parse_document(BRIEF.replace("## Recommendations", f"## {heading}"), importer="generic")
    assert by_quote(graph, "A national fund")[0][0] is StatementKind.RECOMMENDATION


def test_a_pdf_title_set_large_and_wrapped_over_two_lines_is_one_title() -> None:
    body = "Children breathe the dirtiest air of the day at the school gate, when parents' engines idle outside."
    pdf = multi_page_pdf([[("Cleaner Air Around Our Schools: Closing the", 20), ("Streets at the Gates", 20),
                           "By Jane Roe", body, body.replace("Children", "Pupils"),
                           ("Key findings", 14), body.replace("Children", "Teachers")]])
    text = extract_text(pdf, filename="brief.pdf")
    # read by its layout (formats/pdf_layout.py): the largest font is the Markdown title, a smaller heading "##"
    assert text.split("\n\n")[0] == "# Cleaner Air Around Our Schools: Closing the Streets at the Gates"
    assert "## Key findings" in text.split("\n\n")  # a heading alone on its line stays alone
    assert parse_document(text).document.title == "Cleaner Air Around Our Schools: Closing the Streets at the Gates"


CRITICS = """Keep the Library Open on Sundays

By Jane Roe

The central library closed on Sundays last spring to save money. Sunday was its busiest day for families.

Critics say that Sunday opening costs too much in overtime, since staff are paid double on weekends. The library \
spent less on Sunday overtime than on its new signs.

Opponents of the plan warn that volunteers cannot run a library. Nobody has proposed that they should.

Ben Ode, the finance chief, argues that the savings are needed for the roads budget. The roads budget is \
forty times larger.

The council should reopen the library on Sundays from next month.
"""


def statements_with(graph: DocumentGraph, words: str) -> list[Statement]:
    return [s for s in graph.statements if s.quote.startswith(words)]


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_an_unnamed_critics_objection_is_not_the_authors(importer: str) -> None:
    graph = parse_document(CRITICS, importer=importer)
    for words in ("Critics say that Sunday opening", "since staff are paid double", "Opponents of the plan warn"):
        [statement] = statements_with(graph, words)
        assert statement.kind is not StatementKind.REBUTTAL, (words, statement.kind)
        assert (statement.speaker, statement.reported) == (UNNAMED_VOICE, False), words  # the rest of its sentence too
    [named] = statements_with(graph, "Ben Ode, the finance chief")
    assert (named.speaker, named.reported) == ("Ben Ode", True)  # a named voice stays named
    [answer] = statements_with(graph, "The library spent less")
    assert answer.speaker == "Jane Roe"  # the authors' reply is theirs
    assert "" not in graph.speakers() and "" not in graph.persons


def test_an_unnamed_voice_is_stored_linked_to_nobody_and_can_be_corrected(store: GraphStore, tmp_path: Path) -> None:
    result = importing.import_text(store, CRITICS, settings=isolated_settings(tmp_path), importer="oped")
    graph = store.get_graph(result.summary.document.id)
    [critics] = statements_with(graph, "Critics say that Sunday opening")
    assert store.get_statement(critics.id).statement.speaker == UNNAMED_VOICE
    assert "" not in graph.speakers()
    # its kind can be corrected without naming a speaker; naming one makes it reported speech
    corrections.edit_statement(store, critics.id, kind=StatementKind.CLAIM)
    assert store.get_statement(critics.id).statement.kind is StatementKind.CLAIM
    corrections.edit_statement(store, critics.id, speaker="Library staff union")
    edited = store.get_statement(critics.id).statement
    assert (edited.speaker, edited.reported) == ("Library staff union", True)


QUOTED_THEN_NAMED = """Mend the Pipes Before Building Reservoirs

By Jane Roe

The utility loses a fifth of the water it treats before it reaches a tap.

“We are pumping clean water straight back into the ground.” That is how Ben Ode, an engineer at the utility, \
describes the problem. His team replaces forty kilometres of main a year.

“Every burst costs us a day of work.” Ann Lee, who runs the repair crews, said in March. The crews are short of \
staff.

“Fines come out of the budget for pipes,” the regulator's former chair, Carl Moss, said in September.

“Leakage will fall on its own.” Dan Pike said that the budget would rise next year.

The utility should publish a renewal plan before it asks for a new reservoir.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_quotation_takes_the_speaker_named_after_it(importer: str) -> None:
    graph = parse_document(QUOTED_THEN_NAMED, importer=importer)
    assert by_quote(graph, "We are pumping clean water") == [(StatementKind.QUOTE, "Ben Ode")]  # the next sentence
    assert by_quote(graph, "Every burst costs us") == [(StatementKind.QUOTE, "Ann Lee")]  # "X said in March."
    # the same sentence, the speech verb followed by a time ("said in September"): no participle
    assert by_quote(graph, "Fines come out of the budget") == [(StatementKind.QUOTE, "Carl Moss")]
    # a next sentence that says something of its own does not attribute the quotation before it
    assert [speaker for _, speaker in by_quote(graph, "Leakage will fall")] == ["Jane Roe"]
    assert [speaker for _, speaker in by_quote(graph, "His team replaces")] == ["Jane Roe"]


PARAGRAPH_RECOMMENDATIONS = """# Homes Worth Heating

*By Jane Roe*

## Key findings

Two in five rented flats in the city have no loft insulation. Their tenants spend twice as much on heating as \
owners do.

## Recommendations

We set out three changes below.

Meter every flat in the council's stock by 2030. Meters show tenants what each room costs to heat.

Cap rents on flats below the insulation standard until the landlord brings them up to it. Landlords would then \
bear the cost of their own delay.

Why not simply fine the landlords? Fines have been tried for a decade and the landlords pay them.

Tax empty flats at twice the usual rate.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_paragraph_s_lead_under_a_recommendations_heading_is_a_recommendation(importer: str) -> None:
    leads = ("Meter every flat", "Cap rents on flats", "Tax empty flats")
    assert not any(proposes_action(words + " in the city.") for words in leads)  # verbs the lexicon reads as nouns
    graph = parse_document(PARAGRAPH_RECOMMENDATIONS, importer=importer)
    for words in leads:
        assert by_quote(graph, words)[0][0] is StatementKind.RECOMMENDATION, (importer, words)
    assert by_quote(graph, "Why not simply fine")[0][0] is not StatementKind.RECOMMENDATION  # a question is none
    # the rest of a paragraph, and a paragraph under another heading, are read as before
    assert by_quote(graph, "Meters show tenants")[0][0] is not StatementKind.RECOMMENDATION
    assert by_quote(graph, "Two in five rented flats")[0][0] is not StatementKind.RECOMMENDATION


@pytest.mark.parametrize(("text", "proposes"), [
    ("Publish the figures for every school, so that parents and the council can see where money goes.", True),
    ("Fund the repairs, which the tenants and the council would both welcome.", True),
    ("Cut the fee that farmers pay, and the producers would survive.", False),  # still a condition + consequence
    ("Cut the fee, and the producers would survive.", False),
])
def test_an_and_inside_a_subordinate_clause_is_no_imperative_conditional(text: str, proposes: bool) -> None:
    assert proposes_action(text) is proposes


UNNAMED_QUOTATION = """Lunch for Every Child

By Jane Roe

One in five children who could claim a free lunch never does, because the forms are long.

“The children who need the meal most are the ones whose parents never fill in the form,” said one head teacher \
in the county last year.

Parents call it the “lunchbox test”, a test nobody should have to sit.

The council should offer a free lunch to every primary pupil.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_quotation_said_by_someone_unnamed_is_nobody_s_quote_not_the_author_s(importer: str) -> None:
    graph = parse_document(UNNAMED_QUOTATION, importer=importer)
    [said] = statements_with(graph, "“The children who need the meal most")
    assert (said.kind, said.speaker, said.reported) == (StatementKind.QUOTE, UNNAMED_VOICE, False)
    [term] = statements_with(graph, "Parents call it")  # a quoted term, no quotation anyone speaks
    assert term.speaker == "Jane Roe"


def test_a_recommendations_heading_that_reads_like_a_claim_only_names_its_section() -> None:
    text = BRIEF.replace("## Recommendations", "## What the council should do")
    graph = parse_document(text, importer="oped")
    assert by_quote(graph, "What the council should do") == []  # no claim "What the council should do"
    assert by_quote(graph, "A national fund")[0][0] is StatementKind.RECOMMENDATION


RUN_IN_REPORT = """Public Broadband for Mid-Sized Cities

Policy Report No. 14
Urban Infrastructure Institute
March 2026

1. Findings

2.1 Costs. The first and largest cost is construction. Building fibre past every home cost between $1,200 and \
$2,900 per household.

2.2 Take-up. Networks broke even when a third of the households they passed subscribed. Four of the twelve \
reached that level within three years.

2. Recommendations

3.1 Cities should survey their pole and duct assets before commissioning any feasibility study. Without this \
inventory, cost estimates are guesses.

3.2 Building on that inventory, cities should build first where existing poles can carry the fibre.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_run_in_numbered_subheading_names_its_section_and_is_no_statement(importer: str) -> None:
    graph = parse_document(RUN_IN_REPORT, importer=importer)
    assert not [s.text for s in graph.statements if s.text.startswith(("2.1", "2.2", "Costs", "Take-up"))]
    [first] = statements_with(graph, "The first and largest cost")
    [take_up] = statements_with(graph, "Networks broke even")
    assert (first.section, take_up.section) == ("2.1 Costs", "2.2 Take-up")
    assert all(RUN_IN_REPORT[s.start:s.end] == s.quote for s in graph.statements)


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_paragraphs_numbered_as_subsections_are_items_and_under_recommendations_recommendations(importer: str) -> None:
    graph = parse_document(RUN_IN_REPORT, importer=importer)
    for words in ("Cities should survey", "Building on that inventory"):
        [item] = statements_with(graph, words)  # the number is no part of the statement
        assert item.kind is StatementKind.RECOMMENDATION, (words, item.kind)
    assert not [s for s in graph.statements if s.quote.startswith(("3.1", "3.2"))]


def test_an_imprint_of_short_lines_ending_in_a_date_is_furniture() -> None:
    assert is_furniture("Urban Infrastructure Institute\nMarch 2026")
    assert is_furniture("Policy Report No. 14\nUrban Infrastructure Institute\n12 March 2026")
    assert not is_furniture("The fund was set up in\nMarch 2026 with a grant.")
    graph = parse_document(RUN_IN_REPORT, importer="generic")
    assert not [s for s in graph.statements if "Urban Infrastructure Institute" in s.quote]


FAQ = """# Ending the Clock Change: Your Questions Answered

*By the Sleep Health Policy Project*

A bill before the state legislature would end the clock change and keep standard time all year.

**Q: Why standard time rather than permanent daylight saving time?**

A: Standard time keeps clock time closer to the sun. Under permanent daylight saving time, the sun would not rise \
until after 8:30 a.m. in midwinter.

**Q:** Isn't the clock change just a minor inconvenience?

**A:** No. Studies of hospital records have found more heart attacks in the days after the spring change.

**Q: What should the legislature do?**

A: Pass the bill as written, and coordinate the change with neighbouring states.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_an_explainer_s_emphasised_q_and_a_labels_go_and_its_questions_are_questions(importer: str) -> None:
    graph = parse_document(FAQ, importer=importer)
    assert not [s.text for s in graph.statements if s.text.startswith(("Q:", "A:", "*"))]
    for words in ("Why standard time", "Isn't the clock change", "What should the legislature do"):
        [asked] = [s for s in graph.statements if s.text.startswith(words)]
        assert asked.kind is StatementKind.QUESTION, (words, asked.kind)
    [answer] = [s for s in graph.statements if s.text.startswith("Pass the bill")]
    assert answer.kind is StatementKind.RECOMMENDATION  # the label no longer hides the imperative
    assert graph.document.authors == ("Sleep Health Policy Project",)  # an organisation's byline


def test_a_time_of_day_is_no_footnote_marker_and_the_sun_ends_a_sentence() -> None:
    graph = parse_document(FAQ, importer="generic")
    assert [s.text for s in graph.statements if "8:30 a.m." in s.text]  # "8:" was left of it
    assert [s.text for s in graph.statements if s.text == "Standard time keeps clock time closer to the sun."]


@pytest.mark.parametrize("line", ["By the Editorial Board", "*By the Sleep Health Policy Project*"])
def test_an_organisation_s_byline_is_a_byline(line: str) -> None:
    assert is_byline(line)


TESTIMONY = """Testimony of Dr. Maria Castellanos
Director, Center for Climate Risk and Insurance, Western State University

Before the Subcommittee on Housing and Insurance
U.S. House of Representatives

Hearing on "Wildfire and the Availability of Homeowners Insurance"

April 9, 2026

Thank you, Chairman Whitfield, Ranking Member Osei, and members of the Subcommittee, for the opportunity to testify \
today. My name is Maria Castellanos, and I direct a center for insurance research. The views I express are my own.

Insurers are barred from pricing with catastrophe models, so they set rates from a history of losses that no longer \
describes the risk. When the approved rate is below the expected loss, insurers stop selling.

My recommendations to the Subcommittee are as follows.

1. Require insurers that use catastrophe models to publish the mitigation discounts those models imply.
2. Direct the Federal Insurance Office to collect data on non-renewals and report it to Congress each year.

Thank you. I look forward to your questions.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_testimony_s_witness_is_its_author_and_its_front_matter_and_courtesies_no_statements(importer: str) -> None:
    graph = parse_document(TESTIMONY, importer=importer)
    assert graph.document.authors == ("Maria Castellanos",)
    for words in ("Director, Center", "Before the Subcommittee", "Hearing on", "Thank you", "My name is",
                  "The views I express", "I look forward"):
        assert not [s.text for s in graph.statements
                    if s.quote.startswith(words) and s.kind is not StatementKind.THESIS], words
    assert all(s.section != "Director, Center for Climate Risk and Insurance, Western State University"
               for s in graph.statements)
    assert all(TESTIMONY[s.start:s.end] == s.quote for s in graph.statements)


def test_a_testimony_is_not_read_as_an_op_ed_with_its_witness_as_thesis() -> None:
    graph = parse_document(TESTIMONY)
    assert graph.document.importer == "generic"
    assert not [s for s in graph.statements if s.kind is StatementKind.THESIS and "Castellanos" in s.text]


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_the_items_of_a_list_announced_as_recommendations_are_recommendations(importer: str) -> None:
    graph = parse_document(TESTIMONY, importer=importer)
    assert not proposes_action("Direct the Federal Insurance Office to collect data.")  # the lexicon misses it
    for words in ("Require insurers", "Direct the Federal Insurance Office"):
        [item] = statements_with(graph, words)
        assert item.kind is StatementKind.RECOMMENDATION, (importer, words, item.kind)


@pytest.mark.parametrize("sentence", ["Thank you.", "I look forward to your questions.",
                                      "Please do not hesitate to contact me with any questions.",
                                      "Ahead of Thursday's session, please find below our short briefing on the bill.",
                                      "The views I express are my own."])
def test_courtesies_are_known(sentence: str) -> None:
    assert is_courtesy(sentence)


@pytest.mark.parametrize("sentence", ["Thank you to the nurses who kept the wards open.",
                                      "We look forward to a decision that answers none of these questions."])
def test_sentences_that_argue_are_no_courtesies(sentence: str) -> None:
    assert not is_courtesy(sentence)


def test_every_courtesy_holds_one_of_the_words_that_let_a_paragraph_skip_the_splitter() -> None:
    """``without_courtesies`` splits only paragraphs holding one of ``_COURTESY_WORDS``: each alternative of the
    courtesy pattern must spell one of them literally (a new alternative without one would go unseen)."""
    body = structure._COURTESY.pattern.removeprefix(r"[\s*_]*(?:").removesuffix(r")[\s*_]*")
    alternatives = top_level_alternatives(body)
    assert alternatives is not None and len(alternatives) == 17
    words = structure._COURTESY_WORDS.pattern.split("|")
    for alternative in alternatives:
        # "(?:i|we) (?:look forward to|...) ... questions": the literal text outside the groups and classes
        literal, previous = alternative, ""
        while literal != previous:
            previous, literal = literal, re.sub(r"\(\?:[^()]*\)\??|\[[^]]*\](?:\{[^}]*\}\??)?|\\b", "#", literal)
        assert any(word in literal for word in words), (alternative, literal)
    for sentence in ("Thank you.", "I look forward to your questions.", "The views I express are my own.",
                     "My name is Ana Ruiz."):
        assert is_courtesy(sentence) and structure._COURTESY_WORDS.search(sentence)



def _without_courtesies_plain(source: str, body: list[structure.Block]) -> list[structure.Block]:
    """``structure.without_courtesies`` as defined: every paragraph split into sentences, its courtesies dropped."""
    result = []
    for number, block in enumerate(body):
        spans = structure.sentences(source, block.content_start, block.end) if block.kind == "paragraph" else []
        following = body[number + 1] if number + 1 < len(body) else None
        first, last = 0, len(spans)
        while first < last and is_courtesy(source[spans[first][0]:spans[first][1]]):
            first += 1
        while last > first and (is_courtesy(source[spans[last - 1][0]:spans[last - 1][1]]) or (
                last == len(spans) and structure._announces_list(source, block, following))):
            last -= 1
        if first == last and spans:
            result.append(structure.Block(block.start, block.end, block.text, block.kind, block.end))
        elif (first, last) != (0, len(spans)):
            end = spans[last - 1][1]
            result.append(structure.Block(block.start, end, source[block.start:end], block.kind, spans[first][0]))
        else:
            result.append(block)
    return result


def test_courtesies_are_dropped_as_by_splitting_every_paragraph() -> None:
    """``without_courtesies`` splits only the paragraphs that may hold a courtesy (a word of one, found in the
    lower-cased text, or case-blind when the text holds a letter ``str.lower`` does not match as the pattern does):
    the same body as splitting every paragraph, on this file's texts, the seeds and written courtesies."""
    texts = [value for name, value in globals().items() if name.isupper() and isinstance(value, str)
             and value.count("\n\n") >= 2]
    texts += [path.read_text(encoding="utf-8") for path in sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))]
    closing = ("Trams beat buses on every count.\n\n{}\n\nWe should build them.\n\n"
               "Our recommendations are as follows:\n\n- Build the line.\n")
    texts += [closing.format(courtesy) for courtesy in (
        "The case is clear. THANK YOU.", "Trams are cheap. My name ıs Jo Bloggs.", "I look forward to your QUEſTIONS.",
        "The case is clear. Thank you.", "It works. \u212aeep it. I look forward to your questions.",
        "\u0130 look forward to your questions.", "My Name Is Jo Bloggs. Trams are cheap.", "Trams are cheap.")]
    changed = 0
    for text in texts:
        body = blocks(text)
        expected = _without_courtesies_plain(text, body)
        assert structure.without_courtesies(text, body) == expected, text[:60]
        changed += expected != body
    assert changed >= 6


EMAIL = """From: Rachel Moyo <r.moyo@example.org>
Sent: Tuesday, February 3, 2026 9:14 AM
To: Health Committee Staff
Subject: Briefing note: safe staffing ratios for hospital wards

Dear colleagues,

Ahead of Thursday's session, please find below our short briefing on
the staffing bill.

The problem

Hospitals in the state set their own nurse staffing levels, and on many
medical-surgical wards one nurse now cares for seven or eight patients.

Our recommendations

- Set a maximum of five patients per nurse on medical-surgical wards.
- Require hospitals to publish their actual staffing levels each quarter.

Please do not hesitate to contact me with any questions.

Best regards,

Rachel Moyo
"""

MEMO = """MEMORANDUM

TO: Members, County Library Board
FROM: Samuel Adeyemi, Digital Services Manager
DATE: October 20, 2025
RE: E-book licensing costs and options

BOTTOM LINE

Publishers license e-books to libraries at three to five times the consumer price. The board should join the state \
library consortium's shared collection.

BACKGROUND

Patrons borrowed 41 percent more e-books in 2024 than in 2021.

Attachment: Licensing cost table (FY2021-FY2025)
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
@pytest.mark.parametrize(("text", "title", "author"), [
    (EMAIL, "Briefing note: safe staffing ratios for hospital wards", "Rachel Moyo"),
    (MEMO, "E-book licensing costs and options", "Samuel Adeyemi"),
    (MEMO.replace("FROM: Samuel Adeyemi, Digital Services Manager", "FROM: Office of Digital Services"),
     "E-book licensing costs and options", "Office of Digital Services")], ids=["email", "memo", "memo-office"])
def test_an_email_s_or_memo_s_header_gives_title_and_author_and_is_no_statement(
        importer: str, text: str, title: str, author: str) -> None:
    graph = parse_document(text, importer=importer)
    assert (graph.document.title, graph.document.authors) == (title, (author,))
    for words in ("From:", "Sent:", "To:", "TO:", "FROM:", "DATE:", "MEMORANDUM", "Attachment:", "Dear colleagues",
                  "Please do not hesitate", "Ahead of Thursday"):
        assert not [s.text for s in graph.statements if s.quote.startswith(words)], words
    assert all(text[s.start:s.end] == s.quote for s in graph.statements)


def test_the_sentence_announcing_a_list_of_recommendations_is_no_statement() -> None:
    graph = parse_document(TESTIMONY, importer="generic")
    assert not statements_with(graph, "My recommendations to the Subcommittee")


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Governments at the International Seabed Authority should adopt a pause until independent science can show "
     "that mining will not cause serious harm.", None),  # what science could show: nobody's finding
    ("The International Seabed Authority shows that the plumes spread.", "International Seabed Authority"),
    ("The American Academy of Sleep Medicine has said that standard time best matches human biology.",
     "American Academy of Sleep Medicine"),  # not "Sleep Medicine", a person's name to the old rule
    ("Surveys in Austria found that younger voters' choices matched their stated views.", None),  # an adjective
    ("Officials in Kenya repeated their stated position on the dam.", None),
])
def test_who_reports_a_finding(sentence: str, speaker: str | None) -> None:
    assert speaker_of(sentence) == speaker


POINT_COUNTERPOINT = """Should the City License Shared E-Scooters?

Point/Counterpoint

POINT: Licensing brings order to the sidewalk
By Daniel Okafor

Three years after the first rental scooters appeared downtown, the sidewalks near the transit mall are an obstacle \
course. A licence would let the city cap each operator's fleet and require parking in marked corrals.

Daniel Okafor is a member of the city's accessibility commission.

COUNTERPOINT: A licence is a tax on the cheapest way to get around
By Priya Raman

Scooters replace car trips. A licence fee would be passed on to riders, and the riders who would stop are the ones \
with the least money.

The council should paint the corrals, enforce parking, and leave the licence aside.

Priya Raman is a transport economist.
"""


def test_a_point_counterpoint_s_sides_are_their_writers() -> None:
    graph = parse_document(POINT_COUNTERPOINT)
    assert graph.document.authors == ("Daniel Okafor", "Priya Raman")
    assert [s.speaker for s in statements_with(graph, "Three years after")] == ["Daniel Okafor"]
    assert [s.speaker for s in statements_with(graph, "Scooters replace car trips")] == ["Priya Raman"]
    assert [s.speaker for s in statements_with(graph, "The council should paint")] == ["Priya Raman"]
    # each side's heading states its writer's position, without the label (twelfth session: the point's heading,
    # with no modal, had been only a section name)
    [side] = statements_with(graph, "A licence is a tax")
    assert (side.kind, side.speaker) == (StatementKind.CLAIM, "Priya Raman")
    [point] = statements_with(graph, "Licensing brings order")
    assert (point.kind, point.speaker) == (StatementKind.CLAIM, "Daniel Okafor")
    assert not statements_with(graph, "COUNTERPOINT:") and not statements_with(graph, "POINT:")
    for words in ("By Daniel Okafor", "By Priya Raman", "Daniel Okafor is a member", "Priya Raman is a transport"):
        assert not [s for s in graph.statements if words in s.quote], words
    assert "POINT: Licensing brings order to the sidewalk" in {s.section for s in graph.statements}


def test_the_other_side_replying_in_a_debate_is_not_the_side_s_writer() -> None:
    """"Supporters of the licence reply that ..." in the counterpoint: a view the writer reports to answer it, held
    by nobody named, not the counterpoint writer's own statement."""
    text = POINT_COUNTERPOINT.replace(
        "Scooters replace car trips.", "Scooters replace car trips. Supporters of the licence reply that the fee would "
        "pay for enforcement. It would not: the city already fines riders who park badly.")
    graph = parse_document(text)
    [reply] = statements_with(graph, "Supporters of the licence reply")
    assert (reply.kind, reply.speaker) == (StatementKind.COUNTERARGUMENT, UNNAMED_VOICE)


@pytest.mark.parametrize("point,counterpoint", [("POINT", "COUNTERPOINT"), ("Point", "Counterpoint")])
def test_a_side_heading_that_answers_yes_or_no_in_a_sentence_is_still_a_side_heading(point: str,
                                                                                       counterpoint: str) -> None:
    """"POINT: Yes. Licensing brings order." ends in a period and holds one: still the side's heading over its
    byline, so each side's paragraphs are its writer's and the byline is no statement ("Point:" / "Counterpoint:" in
    title case too)."""
    text = (POINT_COUNTERPOINT.replace("POINT: Licensing brings order to the sidewalk",
                                       f"{point}: Yes. Licensing brings order to the sidewalk.")
            .replace("COUNTERPOINT: A licence is a tax on the cheapest way to get around",
                     f"{counterpoint}: No. A licence is a tax on the cheapest way to get around."))
    graph = parse_document(text)
    assert graph.document.authors == ("Daniel Okafor", "Priya Raman")
    assert [s.speaker for s in statements_with(graph, "Three years after")] == ["Daniel Okafor"]
    assert [s.speaker for s in statements_with(graph, "Scooters replace car trips")] == ["Priya Raman"]
    for words in ("By Daniel Okafor", "By Priya Raman"):
        assert not [s for s in graph.statements if words in s.quote], words


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_recommendation_paragraphs_do_not_chain_one_to_the_next(importer: str) -> None:
    graph = parse_document(PARAGRAPH_RECOMMENDATIONS, importer=importer)
    section = [s for s in graph.statements if s.section == "Recommendations"]
    paragraph_of = {s.id: PARAGRAPH_RECOMMENDATIONS.count("\n\n", 0, s.start) for s in section}
    for words in ("Meter every flat", "Cap rents on flats", "Tax empty flats"):
        [lead] = statements_with(graph, words)
        targets = [r.target for r in graph.relations if r.source == lead.id]
        # what it backs is no sentence of another recommendation paragraph (the next one's lead, its reason)
        assert all(paragraph_of.get(t) in (None, paragraph_of[lead.id]) or t in roots(graph)
                   for t in targets), (importer, words, [s.text for s in graph.statements if s.id in targets])


def roots(graph: DocumentGraph) -> set[str]:
    """What the whole map argues for: the statement that backs nothing (the thesis, else the central claim), and
    under a headline thesis the central claim backing it."""
    sources = {r.source for r in graph.relations}
    top = {s.id for s in graph.statements if s.id not in sources}
    return top | {r.source for r in graph.relations if r.target in top and r.type is RelationType.SUPPORTS}


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_paragraph_emptied_of_courtesies_keeps_the_sections_of_those_after_it(importer: str) -> None:
    graph = parse_document(EMAIL, importer=importer)
    [problem] = statements_with(graph, "Hospitals in the state")
    assert problem.section == "The problem"


@pytest.mark.parametrize("title", ["Statement of Community Involvement", "Evidence from Rural Schools",
                                   "Remarks on Policy Reform", "Testimony of the Board"])
def test_a_title_naming_no_witness_is_no_testimony(title: str) -> None:
    text = TESTIMONY.replace("Testimony of Dr. Maria Castellanos", title)
    assert witness_of(text, blocks(text)) is None


@pytest.mark.parametrize(("title", "witness"), [("Statement of Senator Jane Roe", "Jane Roe"),
                                                ("Prepared Testimony of Ben Ode, Director of a Centre", "Ben Ode")])
def test_a_statement_by_a_titled_witness_is_a_testimony(title: str, witness: str) -> None:
    text = TESTIMONY.replace("Testimony of Dr. Maria Castellanos", title)
    assert witness_of(text, blocks(text)) == witness


LABELLED_RECOMMENDATIONS = """Cleaner Rivers by 2035

By Jane Roe

Sewage spills into rivers rose by a third last year, and the regulator fined only one company.

Recommendation 1: Publish every overflow event within an hour of it starting.

Recommendation 2: Tie executive bonuses to the number of spills.

**Recommendation 3.** The regulator should fund wetlands that filter storm water before it reaches the sewers.

Jane Roe is a fellow at a water policy institute.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_paragraph_labelled_as_a_recommendation_is_one_without_its_label(importer: str) -> None:
    graph = parse_document(LABELLED_RECOMMENDATIONS, importer=importer)
    for words in ("Publish every overflow event", "Tie executive bonuses", "The regulator should fund"):
        [item] = statements_with(graph, words)  # the label is no part of it
        assert item.kind is StatementKind.RECOMMENDATION, (importer, words, item.kind)
    assert not [s.text for s in graph.statements if "Recommendation" in s.text]
    assert parse_document(LABELLED_RECOMMENDATIONS).document.importer == "oped"  # the labels are the authors' voice


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Field trials in Norway, where winters are colder than anywhere in Western Europe, found that they met the "
     "demand.", None),  # a region is no person, and where a finding was made is not who made it
    ("Officials in Kenya said the road was closed.", "Kenya"),  # a state's officials still speak for it
    ("Jane West argued that the scheme works.", "Jane West"),
])
def test_a_region_or_a_place_is_no_speaker_of_a_finding(sentence: str, speaker: str | None) -> None:
    assert speaker_of(sentence) == speaker


MYTHS = """# Three Myths About Heat Pumps

*By Lena Fischer*

Heat pumps now outsell gas boilers in several countries, yet many homeowners still hesitate.

## Myth 1: Heat pumps do not work in cold weather

**Fact:** Modern air-source heat pumps keep working at minus 20 degrees. Field trials in cold countries found that \
they met the full heating demand of ordinary houses.

## Myth 2: You need to rebuild your house first

Reality: Most homes need only larger radiators in a few rooms.

## What the government should do

Offer a grant that covers the gap between a heat pump and a boiler.
"""


def test_a_myth_heading_is_a_view_refuted_and_its_section_answers_it() -> None:
    graph = parse_document(MYTHS)
    assert graph.document.importer == "oped"
    for words, answer in (("Heat pumps do not work in cold weather", "Modern air-source heat pumps"),
                          ("You need to rebuild your house first", "Most homes need only")):
        [myth] = [s for s in graph.statements if s.text == words]  # the label is no part of it
        assert (myth.kind, myth.speaker, myth.reported) == (StatementKind.COUNTERARGUMENT, UNNAMED_VOICE, False)
        attacked_by = {r.source for r in graph.relations if r.target == myth.id and r.type is RelationType.ATTACKS}
        assert attacked_by, words  # its section answers it, no longer backs it
        assert not [r for r in graph.relations if r.target == myth.id and r.type is RelationType.SUPPORTS]
        [fact] = statements_with(graph, answer)  # "Fact:" / "Reality:" labels go
        assert fact.speaker == "Lena Fischer"
    assert not [s for s in graph.statements if s.text.startswith(("Fact", "Reality", "Myth"))]
