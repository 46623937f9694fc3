"""Long-form inputs as users bring them (reports with numbered sections and notes, Markdown briefs and blog posts,
web pages saved as HTML or pasted as text, PDFs, letters): the genre's and the format's furniture is not
argument, its headings are sections, its authors are the document's authors (README "What the importers make of
the seeds", the spot check of fresh texts)."""

from __future__ import annotations

import pytest

from formats.text import extract_text
from graph.model import UNNAMED_VOICE, DocumentGraph, StatementKind
from importers import parse_document
from importers.base import clean_text
from importers.discourse import speaker_of
from importers.structure import blocks, is_furniture
from tests.pdf_writer import multi_page_pdf


def quotes(graph: DocumentGraph) -> list[str]:
    return [s.quote for s in graph.statements]


def sections(graph: DocumentGraph) -> set[str | None]:
    return {s.section for s in graph.statements}


def holding(graph: DocumentGraph, words: str) -> list[str]:
    return [s.quote for s in graph.statements if words in s.quote]


REPORT = """Working Less, Producing More? The Four-Day Week Trials

Jane Roe and Ben Ode

September 2025

1. Introduction

Organised pilots of a shorter week have taken place in six countries since 2022. Proponents argue that output per \
hour rises enough to offset the lost day.

2. Method

We collected every trial report published in English. Eleven reports met our criteria.

2.1 Outcomes considered

We recorded wellbeing, staff turnover and revenue. The firms supplied the revenue figures themselves.

Table 1. Trials reporting a productivity measure

Trial          Firms   Measure            Change
UK 2022        61      Revenue            +1.4%
US 2023        41      Revenue            +8.0%

3. Conclusion

The trials show that many office firms can cut hours without obvious harm. The next trial should be randomised.

Notes

1. J. M. Keynes, Essays in Persuasion (London: Macmillan, 1931).
2. See the appendix for a list of trial reports.
"""


def test_numbered_section_headings_are_sections_and_notes_tables_captions_dates_are_no_statements() -> None:
    graph = parse_document(REPORT)
    assert {"1. Introduction", "2. Method", "2.1 Outcomes considered", "3. Conclusion"} <= sections(graph)
    assert not [q for q in quotes(graph) if q in ("Introduction", "Method", "Outcomes considered")]
    assert "September 2025" not in sections(graph)
    for furniture in ("Keynes", "appendix", "Table 1", "UK 2022", "Trial "):
        assert not holding(graph, furniture), furniture
    assert holding(graph, "The next trial should be randomised.")


def test_a_numbered_list_stays_a_list() -> None:
    text = "Our Plan for Buses\n\nThe council should act now on three fronts:\n\n1. Lower fares\n2. More routes\n" \
           "3. Later services\n\nEach of these pays for itself within five years.\n"
    assert [b.kind for b in blocks(text)][2:5] == ["bullet", "bullet", "bullet"]


MARKDOWN_BRIEF = """# Phones Out of the Classroom

**Policy Brief No. 14 | January 2026**

*By Dr. Jane Roe and Ben Ode*

---

## Key findings

- **Partial bans are hard to enforce.** Teachers reported spending eleven minutes a day on phone incidents.

| Policy type | Share of schools |
|-------------|------------------|
| No policy   | 13%              |
| Full ban    | 23%              |

![Pupils in a classroom](/img/class.jpg)

A [2023 study by the Hollins Institute](https://example.org/study) found no effect on grades overall. Ministers \
should still act, because the gains in attention are large.

> “The pressure to be reachable comes from peers, not from the devices.”
> — a head teacher in Leeds

A ban is cheap and enforceable. Most pupils say they want one.

---

*Dr. Jane Roe is director of education policy at the Hollins Institute. Ben Ode writes about schools.*

*© 2026 Hollins Institute. All rights reserved.*
"""


def test_markdown_brief_rules_tables_images_links_quotes_and_an_emphasised_bio() -> None:
    graph = parse_document(MARKDOWN_BRIEF)
    assert graph.document.authors == ("Jane Roe", "Ben Ode")  # the honorific is no part of the name
    for furniture in ("---", "Policy Brief", "| No policy", "![", "— a head teacher", "Hollins Institute. Ben",
                      "©", "All rights reserved"):
        assert not holding(graph, furniture), furniture
    study = holding(graph, "found no effect")[0]
    assert next(s.text for s in graph.statements if s.quote == study).startswith(
        "A 2023 study by the Hollins Institute found no effect")
    peers = next(s for s in graph.statements if "pressure to be reachable" in s.quote)
    assert peers.quote.startswith(">") and not peers.text.startswith(">")


def test_clean_text_shows_links_as_their_words_and_drops_images_and_quote_marks() -> None:
    assert clean_text("See [the report](https://x.org/a_(b)) ![chart](c.png) now.") == "See the report now."
    assert clean_text("> First line\n> second line") == "First line second line"
    assert clean_text("3 > 2 and [brackets] stay (as they are).") == "3 > 2 and [brackets] stay (as they are)."


PASTED_PAGE = """Skip to main content
Menu
Opinion

The Pension Age Should Rise More Slowly
A higher pension age hits hardest those who can least afford it.

By Gareth Evans-Mwangi
Published 5 May 2025, 6:00am BST
Updated 5 May 2025, 9:14am BST

Listen to this article
4 min

Advertisement

The government’s review of the pension age is due this summer, and it is expected to call for a faster rise. \
The case for that looks simple, but averages hide the gap in healthy years between rich and poor areas.

According to the Office for National Statistics, men in the poorest areas can expect far fewer years in good \
health. A higher pension age therefore takes most from those who live shortest.

> “A higher pension age hits hardest those who can least afford it.”

The government should keep the rise on its current timetable and not accelerate it.

Gareth Evans-Mwangi is a former actuary and a columnist for the paper.

This article was amended on 6 May 2025.
"""


def test_a_web_page_pasted_as_text_keeps_its_headline_and_drops_its_chrome() -> None:
    graph = parse_document(PASTED_PAGE)
    assert graph.document.title == "The Pension Age Should Rise More Slowly"
    assert graph.document.authors == ("Gareth Evans-Mwangi",)
    thesis = [s.quote for s in graph.statements if s.kind is StatementKind.THESIS]
    assert thesis == ["The Pension Age Should Rise More Slowly"]
    for furniture in ("Skip to", "Menu", "Published", "Listen", "4 min", "Advertisement", "> “A higher"):
        assert not holding(graph, furniture), furniture  # the pull quote repeats the standfirst
    assert holding(graph, "A higher pension age hits hardest")  # the standfirst itself stays


LETTER = """Response to the Consultation on Pavement Parking

Submitted by the Coalition for Accessible Streets

Date: 14 June 2025

Contact: policy@streets.example.org

We strongly support a national ban on pavement parking. Cars on the pavement force wheelchair users into the \
road, and a single national rule is the only one drivers can understand.

Some motoring groups argue that a ban would block narrow roads. The exemptions in the proposal exist for those \
streets.

Yours faithfully,

Dr. Imogen Treadwell
Chair, Coalition for Accessible Streets
"""


def test_a_letters_metadata_sign_off_and_signature_are_no_statements_and_the_signer_is_the_author() -> None:
    graph = parse_document(LETTER)
    assert graph.document.authors == ("Imogen Treadwell",)
    for furniture in ("Submitted by", "Date:", "Contact:", "Yours faithfully", "Treadwell", "Chair,"):
        assert not holding(graph, furniture), furniture
    assert not {section for section in sections(graph) if section and ("Date" in section or "Submitted" in section)}


def test_an_interview_byline_is_no_section_and_the_editors_note_no_statement() -> None:
    text = ("We Have Been Too Timid on Nuclear Power\n\nInterview by Daniel Fairweather\n\n"
            "Q: You opposed nuclear power for twenty years. What changed?\n\n"
            "A: The arithmetic changed. Wind and solar cannot decarbonise industry alone without storage.\n\n"
            "This interview has been edited for length and clarity.\n")
    graph = parse_document(text, importer="oped")
    assert graph.document.authors == ("Daniel Fairweather",)
    assert not [s for s in sections(graph) if s and "Fairweather" in s]
    assert not holding(graph, "edited for length")


@pytest.mark.parametrize("line", ["12 March 2026", "September 2025", "Published 5 May 2025, 6:00am BST",
                                  "*Posted on 18 February 2026 by [Jo Pryce](/about) · 7 min read*", "* * *",
                                  "Box 1.", "Figure 2: Rents by region", "© 2026 The Civic Review Ltd."])
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["12 March 2026 will be remembered as the day the library closed.",
                                  "Figure 3 shows that rents rose.", "Search engines are not neutral.",
                                  "Sign language interpreters are scarce."])
def test_sentences_that_open_like_furniture_stay_prose(line: str) -> None:
    assert not is_furniture(line)


def test_double_barrelled_and_apostrophe_names_are_whole_speakers() -> None:
    assert speaker_of("Joanna Pryce-Whitfield said the plan would fail.") == "Joanna Pryce-Whitfield"
    assert speaker_of("Sinead O’Brien argued that the plan works.") == "Sinead O’Brien"


WEB_PAGE = b"""<!DOCTYPE html><html><head><title>Cities should stop building car parks | The Civic Review</title>
<script>var tracking = 1;</script></head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept all</button></div>
<header class="site-header"><a href="/">The Civic Review</a><nav><ul><li><a href="/p">Politics</a></li>
<li><a href="/c">Cities</a></li></ul></nav></header>
<main><article>
<div class="kicker">Opinion | Urban policy</div>
<h1>Cities should stop building car parks</h1>
<div class="byline">By <a href="/a/lm">Lena Marchetti</a></div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Email</a></div>
<figure><img src="/i.jpg" alt=""><figcaption>A car park. Photograph: James Dunmore</figcaption></figure>
<p>A new car park is sold as a favour to the high street. Shoppers who walk spend more over a month.</p>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Bus franchising, one year on</a></li></ul></aside>
<blockquote><p>Every new car park locks in a generation of traffic.</p></blockquote>
<p>Councils should stop approving them and fund buses instead.</p>
</article>
<section class="comments"><h2>Comments (48)</h2><p>Sign in to join the conversation.</p></section>
</main>
<footer><p>About us</p><p>Privacy policy</p></footer>
</body></html>"""


def test_a_saved_web_page_is_its_article_without_the_pages_furniture() -> None:
    text = extract_text(WEB_PAGE, filename="car-parks.html")
    assert text.startswith("Cities should stop building car parks\n")
    for furniture in ("cookies", "Accept", "Politics", "The Civic Review", "Opinion |", "Share on", "Photograph",
                      "Related", "Bus franchising", "Comments", "Sign in", "Privacy", "tracking"):
        assert furniture not in text, furniture
    assert "> Every new car park locks in a generation of traffic." in text.splitlines()
    graph = parse_document(text)
    assert graph.document.title == "Cities should stop building car parks"
    assert graph.document.authors == ("Lena Marchetti",)
    assert holding(graph, "Councils should stop approving them")


def test_a_page_without_an_article_keeps_its_title_and_body() -> None:
    text = extract_text(b"<html><head><title>Tax Land, Not Homes</title></head><body><nav>Home</nav>"
                        b"<p>Cities should tax land.</p></body></html>")
    assert text == "Tax Land, Not Homes\n\nCities should tax land.\n"


PDF_PAGES = [
    ["Marine Policy Unit Discussion Paper 7 - November 2025",
     "Fishing for a Future: Reforming Quota Allocation",
     "in the North Sea",
     "Author: Fiona MacAskill-Reyes",
     "1. Introduction",
     "Leaving the European Union was supposed to transform the prospects of fishing",
     "communities. Five years on, many harbours report that little has changed. The reason lies",
     "less in the trade agreement than in how quota is shared.",
     "Quota is allocated on the basis of units distributed in 1999 according to catches in the",
     "early 1990s. Those units can be bought and sold, and they have concentrated in the",
     "1"],
    ["Marine Policy Unit Discussion Paper 7 - November 2025",
     "hands of a few large operators, several of them foreign-owned.",
     "2. Recommendations",
     "The government should allocate at least half of all new quota to vessels under twelve",
     "metres, and it should publish a register of who holds quota every year.",
     "2"],
]


def test_a_pdf_reads_as_paragraphs_without_running_headers_or_page_numbers() -> None:
    text = extract_text(multi_page_pdf(PDF_PAGES), filename="quota.pdf")
    assert "Marine Policy Unit" not in text and "\n1\n" not in text and not text.rstrip().endswith("2")
    paragraphs = text.strip().split("\n\n")
    assert paragraphs[0] == "Fishing for a Future: Reforming Quota Allocation in the North Sea"
    assert "1. Introduction" in paragraphs and "2. Recommendations" in paragraphs
    assert ("Quota is allocated on the basis of units distributed in 1999 according to catches in the early "
            "1990s. Those units can be bought and sold, and they have concentrated in the hands of a few large "
            "operators, several of them foreign-owned.") in paragraphs  # over the page break
    graph = parse_document(text)
    assert graph.document.title == "Fishing for a Future: Reforming Quota Allocation in the North Sea"
    assert graph.document.authors == ("Fiona MacAskill-Reyes",)
    assert {"1. Introduction", "2. Recommendations"} <= sections(graph)


def test_pdf_ligatures_become_letters() -> None:
    from formats.text import _pdf_paragraphs

    assert _pdf_paragraphs(["The oﬃce ﬁgures are ﬁnal and ﬂawless."]) == "The office figures are final and flawless."


INTERVIEW = """Cheap Rail Fares Are Worth the Money: An Interview with Dr. Ines Kovac

The transport economist talks to our editor about subsidies, crowding and what Germany learned.

By Tom Hale

Ines Kovac has studied rail pricing for fifteen years. We spoke in Vienna in March.

Q: Germany's flat-rate ticket cost billions. Was it worth it?

A: Yes. Ridership rose by a quarter in the first year, and most new trips replaced car journeys.

The cost is real, but it is smaller than the cost of new roads.

Q: Critics say the trains became too crowded. Is that fair?

A: Crowding is a sign of success. The answer is more trains, not higher fares.
"""


def test_interview_answers_are_the_interviewees_and_the_labels_no_part_of_a_statement() -> None:
    graph = parse_document(INTERVIEW, importer="oped")
    assert graph.document.authors == ("Tom Hale",)
    assert not [q for q in quotes(graph) if q.startswith(("Q:", "A:"))]
    answers = [s for s in graph.statements if any(w in s.quote for w in ("Ridership", "smaller than", "more trains"))]
    assert len(answers) == 3 and {s.speaker for s in answers} == {"Ines Kovac"}
    assert all(s.reported for s in answers)
    questions = [s for s in graph.statements if "worth it" in s.quote or "too crowded" in s.quote]
    # the interviewer's, never the interviewee's: the critics he cites are nobody named (tests/test_fresh_inputs.py)
    assert questions and {s.speaker for s in questions} <= {"Tom Hale", UNNAMED_VOICE}
    assert [s.speaker for s in questions if "worth it" in s.quote] == ["Tom Hale"]


def test_the_lead_of_each_bullet_under_a_recommendations_heading_is_a_recommendation() -> None:
    text = ("# Fixing the Pavements\n\n*By Jane Roe*\n\nBroken pavements keep older people at home. I think the "
            "council should act.\n\n## Recommendations\n\n- **Map every broken slab.** Residents can report them "
            "with an app.\n- **Repair the worst streets first.** The worst tenth causes most falls.\n- Publish the "
            "repair list every month.\n")
    graph = parse_document(text)
    leads = [s for s in graph.statements if s.quote.startswith(("**Map", "**Repair", "Publish the"))]
    assert len(leads) == 3 and {s.kind for s in leads} == {StatementKind.RECOMMENDATION}


def test_an_html_data_table_is_one_table_and_a_layout_table_stays_prose() -> None:
    page = (b"<html><body><article><h1>Heat Pumps for Every Home</h1><p>By Aisha Karimova</p>"
            b"<p><a href='/r.pdf'>Download the full report (PDF, 2.4MB)</a></p>"
            b"<p>A heat pump is three times as efficient as a boiler. Electricity costs four times as much.</p>"
            b"<table><caption>Table 2. Annual running cost</caption><tr><th>System</th><th>Cost</th></tr>"
            b"<tr><td>Gas boiler</td><td>1,050</td></tr><tr><td>Heat pump</td><td>1,120</td></tr></table>"
            b"<p>The levies on electricity should move to general taxation.</p></article></body></html>")
    text = extract_text(page, content_type="text/html")
    assert "| Gas boiler | 1,050 |" in text.splitlines()
    graph = parse_document(text)
    for furniture in ("Gas boiler", "1,120", "System", "Table 2", "Download"):
        assert not holding(graph, furniture), furniture
    assert "System" not in sections(graph)
    layout = extract_text(b"<html><body><table><tr><td><p>Cities should tax land.</p><p>Land cannot move.</p>"
                          b"</td></tr></table></body></html>")
    assert layout == "Cities should tax land.\n\nLand cannot move.\n"


def test_a_dateline_is_no_part_of_the_first_statement() -> None:
    text = ("Leeds Should Keep Its Libraries Open\n\nBy Jane Roe\n\nLEEDS — The council will vote on Tuesday to "
            "close six branch libraries. I think that would be a mistake, because the branches cost little.\n\n"
            "Visits have risen for three years. The council should find the money elsewhere.\n")
    graph = parse_document(text)
    assert not [q for q in quotes(graph) if q.startswith("LEEDS")]
    assert holding(graph, "The council will vote on Tuesday")


DEBATE = """Should Cities Ban Cars from Their Centres?

Two planners argue it out.

YES: Clean air is worth the inconvenience

Dr. Maria Ekdahl, transport planner at Nordplan

Traffic fumes shorten lives in every large city. A car-free centre cuts them within months.

NO: Bans punish those with no alternative

Samuel Okafor, chair of the Small Traders Association

A ban hurts disabled people and small shops first. Better buses should come before any ban.

Rebuttal: Dr. Ekdahl

Exemptions for disabled drivers are part of every scheme I have designed.
"""


def test_a_debates_sections_are_spoken_by_their_named_contributors() -> None:
    graph = parse_document(DEBATE, importer="oped")
    speakers = {s.quote: s.speaker for s in graph.statements}
    assert speakers["Traffic fumes shorten lives in every large city."] == "Maria Ekdahl"
    assert speakers["A ban hurts disabled people and small shops first."] == "Samuel Okafor"
    assert speakers["Exemptions for disabled drivers are part of every scheme I have designed."] == "Maria Ekdahl"
    assert "YES: Clean air is worth the inconvenience" in sections(graph)
    assert not holding(graph, "transport planner at") and not holding(graph, "chair of the Small")


def test_a_state_name_ending_an_organisations_name_is_that_organisation() -> None:
    assert speaker_of("Water UK argues that the network was never designed for this.") == "Water UK"
    assert speaker_of("The UK argues that the deal is fair.") == "United Kingdom"
    assert speaker_of("Neighbouring Niger said that it would close the border.") == "Niger"


def test_markdown_footnotes_are_out_of_statements() -> None:
    text = ("# Rents Are Rising Faster Than Wages\n\n*By Jane Roe*\n\nRents rose by nine per cent last year.[^1] "
            "Wages rose by four.[^2] I think the council should build more social housing.\n\n"
            "[^1]: Office for National Statistics, 2025.\n\n[^2]: Bank of England, 2025.\n")
    graph = parse_document(text)
    assert not holding(graph, "Office for National") and not holding(graph, "Bank of England")
    rents = next(s for s in graph.statements if "nine per cent" in s.quote)
    assert rents.text == "Rents rose by nine per cent last year."


def test_html_nested_thousands_deep_or_with_unclosed_paragraphs_is_read_not_a_crash() -> None:
    unclosed = b"<html><body><h1>Old Page</h1>" + b"<p>One more paragraph of text. " * 3000 + b"</body></html>"
    text = extract_text(unclosed, content_type="text/html")
    assert text.count("One more paragraph of text.") == 3000 and "\n\n" in text
    assert extract_text(b"<div>" * 5000 + b"deep" + b"</div>" * 5000, content_type="text/html") == "deep\n"
    assert extract_text(b"<ul><li>a<li>b</ul><p>x<div>y</div>", content_type="text/html") == "- a\n\n- b\n\nx\n\ny\n"


def test_a_pull_quote_repeating_part_of_a_quoted_paragraph_is_no_statement() -> None:
    text = ("Rivers Will Not Clean Themselves\n\nBy Jane Roe\n\n“We have built a system in which it is cheaper to "
            "pollute than to invest,” says Alan Reddish, a hydrologist.\n\n> “It is cheaper to pollute than to "
            "invest.”\n\nThe regulator should make the fines automatic.\n")
    graph = parse_document(text)
    assert [q for q in quotes(graph) if "cheaper to pollute" in q] == [
        "“We have built a system in which it is cheaper to pollute than to invest,” says Alan Reddish, a hydrologist."]
