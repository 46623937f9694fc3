"""PDFs read by their layout (formats/pdf_layout.py): a line set clearly larger than the body is a heading, a
vertical gap clearly larger than the body's line pitch starts a paragraph, ratios to the document's own sizes;
real PDFs printed by Debian's chromium from HTML pages written here, and hand-written ones (tests/pdf_writer.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from formats.pdf_layout import PdfLine, layout_paragraphs
from formats.text import _SENTENCE_END, _edge_furniture, _short_line_ends_block, extract_text
from graph.model import DocumentGraph, StatementKind
from importers import parse_document
from tests.pdf_writer import laid_out_pdf, multi_page_pdf

TITLE = "Why Tidal Lagoons Deserve a Second Look From the Treasury at the Next Spending Review"
PILOTS = ("Three small lagoon pilots have now run for four winters each. Their turbines turned on every tide, their "
          "output matched the forecasts to within a few per cent, and not one of them stopped for longer than a "
          "fortnight.")
ENGINEERS = ("Engineers who doubted the sluice gates have changed their minds, because the gates opened on time "
             "through two winters of storms.")
CREWS = "Fishing crews reported fewer losses than they had feared."
DELAY = ("£40 million a year is what the delay costs in grid balancing alone, because gas plants are kept warm for "
         "the evening peak that a lagoon could cover on a predictable tide.")
SKILLS = ("Every year without a decision also scatters the skilled crews who built the pilots to offshore wind and "
          "to work abroad.")
CONTRACT = "Ministers should offer a contract for difference sized for a lagoon's sixty-year life."
GRID = "The grid operator should publish what predictable tidal output is worth to it."
LIFETIME = ("A lagoon costs more than a wind farm to build, but it lasts twice as long and its output can be "
            "scheduled years ahead.")
FOOTER = "Published by the Estuary Energy Forum, a registered charity. Views are the author's own."

BRIEF = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tidal lagoons brief</title>
<style>{{style}} .next {{{{ break-before: page; }}}}</style></head><body>
<h1>{TITLE}</h1>
<p>By Carys Penhallow</p>
<h2>What the pilots showed</h2>
<p>{PILOTS}</p>
<p>{ENGINEERS}</p>
<p>{CREWS}</p>
<h2>The cost of waiting</h2>
<p>{DELAY}</p>
<p>{SKILLS}</p>
<h2 class="next">What ministers should do</h2>
<ul><li>{CONTRACT}</li><li>{GRID}</li></ul>
<p>{LIFETIME}</p>
<footer>{FOOTER}</footer>
</body></html>"""

# two typesettings of the same brief: a serif body at 11 points with tight paragraph spacing, and a sans body at
# 13 points, airy lines and headings only 1.25 times the body; the reading must not depend on either
STYLES = {
    "serif-11pt": ('body { font-family: "Liberation Serif", serif; font-size: 11pt; line-height: 1.35; '
                   "margin: 0 1cm; } h1 { font-size: 24pt; margin: 0 0 8pt 0; } "
                   "h2 { font-size: 15pt; margin: 16pt 0 6pt 0; } p { margin: 0 0 9pt 0; } "
                   "footer { font-size: 8pt; margin-top: 20pt; }"),
    "sans-13pt": ('body { font-family: "Liberation Sans", sans-serif; font-size: 13pt; line-height: 1.6; '
                  "margin: 0 2cm; } h1 { font-size: 20pt; } h2 { font-size: 16.25pt; } "
                  "p { margin: 0 0 0.6em 0; } footer { font-size: 10pt; }"),
}


def print_pdf(html: str, folder: Path) -> bytes:
    """The page printed to PDF by Debian's chromium (headless), with its default header and footer (the page's
    title and date at the top, its address and "n/m" at the foot of every page)."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail("Chromium is not installed: `apt-get install -y chromium` (these tests never skip)")
    page, pdf = folder / "brief.html", folder / "brief.pdf"
    page.write_text(html, encoding="utf-8")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", str(page)],
                   check=True, capture_output=True, timeout=120)
    return pdf.read_bytes()


@pytest.fixture(scope="module", params=sorted(STYLES))
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    data = print_pdf(BRIEF.format(style=STYLES[request.param]), tmp_path_factory.mktemp(request.param))
    return extract_text(data, filename="lagoons.pdf")


def test_a_title_wrapped_over_two_lines_is_one_markdown_title(printed: str) -> None:
    # the title's lines are short by character count (a large font): line lengths split it in two
    assert printed.split("\n\n")[0] == f"# {TITLE}"


def test_section_headings_stand_alone_even_before_a_line_that_continues_nothing(printed: str) -> None:
    paragraphs = printed.strip().split("\n\n")
    assert {"## What the pilots showed", "## The cost of waiting", "## What ministers should do"} <= set(paragraphs)
    # "£40 million" starts neither upper-case nor with a digit: line lengths glued the heading to it
    assert DELAY in paragraphs


def test_paragraph_boundaries_follow_the_vertical_gaps(printed: str) -> None:
    paragraphs = printed.strip().split("\n\n")
    # the first paragraph's last line nearly fills the width: line lengths ran it into the next paragraph
    for paragraph in (PILOTS, ENGINEERS, CREWS, SKILLS, LIFETIME, "By Carys Penhallow"):
        assert paragraph in paragraphs


def test_list_items_footer_and_running_header_are_kept_apart_or_dropped(printed: str) -> None:
    paragraphs = printed.strip().split("\n\n")
    # the browser draws the bullets as shapes (no glyph in the text): the items' indent makes them Markdown items
    assert f"- {CONTRACT}" in paragraphs and f"- {GRID}" in paragraphs
    assert FOOTER in paragraphs  # set smaller: never part of the paragraph above it
    assert "file://" not in printed and "1/2" not in printed and "Tidal lagoons brief" not in printed


def lagoon_graph(printed: str) -> DocumentGraph:
    return parse_document(printed)


def test_the_imported_graph_has_the_title_the_sections_and_no_statement_across_a_heading(printed: str) -> None:
    graph = lagoon_graph(printed)
    assert graph.document.title == TITLE
    assert graph.document.authors == ("Carys Penhallow",)
    assert {"What the pilots showed", "The cost of waiting", "What ministers should do"} <= {
        s.section for s in graph.statements}
    by_section = {s.quote: s.section for s in graph.statements}
    assert any(quote.startswith("£40 million") and section == "The cost of waiting"
               for quote, section in by_section.items())
    for statement in graph.statements:
        assert "waiting" not in statement.quote or statement.section == "The cost of waiting"
        assert not ("fortnight" in statement.quote and "Engineers" in statement.quote)
    assert {s.quote for s in graph.statements if s.kind is StatementKind.RECOMMENDATION} >= {CONTRACT, GRID}


def test_a_word_processor_pdf_with_sizes_and_gaps_reads_the_same_way() -> None:
    # a hand-written PDF (lines placed with Tm as word processors do): 20 pt title over two lines, 10 pt body at a
    # 12 pt pitch, 20 pt between paragraphs, a 14 pt heading; the last line of the first paragraph is full
    lines = [(20, 700, "Allotments Are"), (20, 676, "Infrastructure Too"),
             (10, 640, "Councils should count allotment plots as green infrastructure in every local plan,"),
             (10, 628, "because waiting lists now run to twelve years in many towns and the plots feed"),
             (10, 616, "thousands of households every summer across the whole of the country today."),
             (10, 596, "A plot is cheaper than a park and it grows food as well as trees, say the societies."),
             (14, 570, "Where the land comes from"),
             (10, 550, "surplus school playing fields could be leased to allotment societies on long terms.")]
    assert extract_text(laid_out_pdf(lines)).split("\n\n") == [
        "# Allotments Are Infrastructure Too",
        "Councils should count allotment plots as green infrastructure in every local plan, because waiting lists "
        "now run to twelve years in many towns and the plots feed thousands of households every summer across the "
        "whole of the country today.",
        "A plot is cheaper than a park and it grows food as well as trees, say the societies.",
        "## Where the land comes from",
        "surplus school playing fields could be leased to allotment societies on long terms.\n"]


def read(lines: list[PdfLine]) -> str | None:
    return layout_paragraphs([lines], _edge_furniture, _short_line_ends_block, _SENTENCE_END)


def page(scale: float) -> list[PdfLine]:
    """One page's lines, every size and distance multiplied by ``scale``."""
    spec = [(18, 0, "Night Buses for Shift Workers"),
            (9, 30, "Hospitals and warehouses run all night, but most city bus networks stop at midnight,"),
            (9, 41, "which leaves cleaners and porters paying for taxis they cannot afford each week."),
            (9, 58, "Three cities that tried a night network kept it."),
            (12, 80, "Costs"),
            (9, 96, "A night route costs about a fifth of its daytime equivalent to run.")]
    return [PdfLine(text, size * scale, 50 * scale, (700 - drop) * scale) for size, drop, text in spec]


@pytest.mark.parametrize("scale", [0.6, 1.0, 1.7])
def test_thresholds_are_ratios_to_the_documents_own_sizes(scale: float) -> None:
    assert read(page(scale)) == (
        "# Night Buses for Shift Workers\n\nHospitals and warehouses run all night, but most city bus networks stop "
        "at midnight, which leaves cleaners and porters paying for taxis they cannot afford each week.\n\nThree "
        "cities that tried a night network kept it.\n\n## Costs\n\nA night route costs about a fifth of its daytime "
        "equivalent to run.")


def test_a_large_standfirst_ending_a_sentence_is_a_paragraph_not_a_heading() -> None:
    lines = [PdfLine("Ferries Need Their Own Budget", 20, 50, 700),
             PdfLine("Island councils spend a third of their roads money on ferries.", 12, 50, 670),
             PdfLine("Body text of the brief starts here and goes on for the whole of the line,", 10, 50, 640),
             PdfLine("then ends.", 10, 50, 628)]
    assert read(lines) == ("# Ferries Need Their Own Budget\n\nIsland councils spend a third of their roads money on "
                           "ferries.\n\nBody text of the brief starts here and goes on for the whole of the line, "
                           "then ends.")


def test_one_size_and_one_spacing_falls_back_to_line_lengths() -> None:
    # the layout says nothing here (every line 10 pt, 14 pt apart): the line-length rules still find paragraphs
    lines = [PdfLine(text, 10, 72, 740 - 14 * number) for number, text in enumerate([
        "Libraries that open on Sunday afternoons see more families than on any weekday evening,",
        "and the staff cost is small.", "Opening hours should follow the visitors."])]
    assert read(lines) is None
    text = extract_text(multi_page_pdf([[line.text for line in lines]]))
    assert text == ("Libraries that open on Sunday afternoons see more families than on any weekday evening, and "
                    "the staff cost is small.\n\nOpening hours should follow the visitors.\n")


HOURS = [
    "Visitor counts from forty branch libraries show the busiest hours are not the ones most branches keep open. "
    "Saturday mornings and weekday afternoons after school fill the reading rooms, while Monday mornings are nearly "
    "empty in almost every branch counted across two years.",
    "Families with young children are the largest single group of visitors, and most of them cannot come before "
    "four in the afternoon on a weekday because of work and school hours.",
    "Moving hours rather than adding them costs little. A branch that closes on Monday morning and opens on Thursday "
    "evening instead pays the same staff for the same number of hours.",
    "Councils should publish visitor counts by hour for every branch, and review opening hours against them every "
    "two years.",
]


def test_a_two_column_page_reads_column_by_column(tmp_path: Path) -> None:
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Hours</title><style>body { font-family: serif; '
            "font-size: 10.5pt; line-height: 1.3; } .cols { column-count: 2; column-gap: 1cm; } "
            "h1 { font-size: 20pt; } "
            "h2 { font-size: 13pt; margin: 10pt 0 4pt; } p { margin: 0 0 7pt; text-align: justify; }</style></head>"
            "<body><h1>Library Opening Hours Should Follow Their Visitors</h1><div class='cols'>"
            f"<h2>Who comes, and when</h2><p>{HOURS[0]}</p><p>{HOURS[1]}</p><h2>What it would cost</h2>"
            f"<p>{HOURS[2]}</p><h2>Recommendations</h2><p>{HOURS[3]}</p></div></body></html>")
    paragraphs = extract_text(print_pdf(page, tmp_path)).strip().split("\n\n")
    assert paragraphs[0] == "# Library Opening Hours Should Follow Their Visitors"
    assert [p for p in paragraphs if p.startswith("##")] == [
        "## Who comes, and when", "## What it would cost", "## Recommendations"]
    assert set(HOURS) <= set(paragraphs)
    # a one-page print: chromium's footer ("file:///.../brief.html 1/1") cannot repeat, its page count gives it away
    assert not [p for p in paragraphs if "file://" in p or p.endswith("1/1")]


def test_first_line_indents_start_paragraphs_in_a_text_without_paragraph_spacing() -> None:
    # typeset as books and journals are: no space between paragraphs, each paragraph's first line set in by 1.5 em;
    # the first paragraph's last line is full, so line lengths ran the two together
    lines: list[tuple[float, float, str, float]] = [
        (10, 700, "Rural post offices close at a rate of about one a week, and the counters that survive open", 87),
        (10, 688, "fewer hours each year than the year before, because the fee paid per transaction no longer", 72),
        (10, 676, "covers the wages of a part-time clerk in a village shop anywhere in the region at all today.", 72),
        (10, 664, "A flat fee per counter, paid whatever the number of transactions, would keep the smallest", 87),
        (10, 652, "counters open at little cost to the network as a whole.", 72)]
    assert extract_text(laid_out_pdf(lines)).split("\n\n") == [
        "Rural post offices close at a rate of about one a week, and the counters that survive open fewer hours each "
        "year than the year before, because the fee paid per transaction no longer covers the wages of a part-time "
        "clerk in a village shop anywhere in the region at all today.",
        "A flat fee per counter, paid whatever the number of transactions, would keep the smallest counters open at "
        "little cost to the network as a whole.\n"]


def test_a_block_quote_or_list_indented_as_a_whole_is_no_first_line_indent() -> None:
    lines = [PdfLine("The review heard from sixty sub-postmasters across the region over the whole of one year.",
                     10, 72, 700),
             PdfLine("We cannot keep the counter open on the fee we are paid now, and the shop alone", 10, 100, 688),
             PdfLine("does not make enough to carry it through the winter months without it.", 10, 100, 676),
             PdfLine("Most of them said much the same thing in their written evidence to the review panel.", 10, 72,
                     664)]
    assert read(lines) is None  # one size, one pitch, no first-line indent: nothing for the layout to read


LIST_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Post offices</title><style>{style}</style>
</head><body><h2>Recommendations</h2>
<p>The review makes three recommendations to the council, in the order of their cost to its budget next year.</p>
<ul><li>{items[0]}</li><li>{items[1]}</li><li>{items[2]}</li></ul>
<p>The panel heard from sixty sub-postmasters across the region, and one put the case plainly to it.</p>
<blockquote>{quote}</blockquote>
<ol><li>{numbered[0]}</li><li>{numbered[1]}</li></ol>
<p>The council answers in the spring.</p></body></html>"""
ITEMS = ("The council should pay a flat fee per counter, whatever the number of transactions, so that the smallest "
         "counters in the villages stay open through the winter months.",
         "Neighbouring villages should share one clerk.",
         "The network should publish its fees.")
QUOTE = ("We cannot keep the counter open on the fee we are paid now, and the shop alone does not make enough to carry "
         "it through the winter months without it, whatever the council may believe about it.")
NUMBERED = ("1. Publish the fee schedule for every counter in the network, with what each counter was paid in each of "
            "the last five years and the number of transactions it handled in each of them.",
            "2. Review it every year.")


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_list_printed_without_bullet_glyphs_reads_as_markdown_items_and_a_block_quote_does_not(
        style: str, tmp_path: Path) -> None:
    page = LIST_PAGE.format(style=STYLES[style], items=ITEMS, quote=QUOTE,
                            numbered=[item.split(" ", 1)[1] for item in NUMBERED])
    text = extract_text(print_pdf(page, tmp_path), filename="offices.pdf")
    paragraphs = text.strip().split("\n\n")
    assert [f"- {item}" for item in ITEMS] == [p for p in paragraphs if p.startswith("- ")]
    assert QUOTE in paragraphs  # indented as a list is, but one block of wrapped lines: no item
    # the numbers are text: the items read as they are, a wrapped line hanging under an item's text part of it
    assert set(NUMBERED) <= set(paragraphs)
    graph = parse_document(text)
    assert {s.quote for s in graph.statements if s.kind is StatementKind.RECOMMENDATION} >= set(ITEMS)


def indented(scale: float, gap_between_items: float) -> list[tuple[float, float, str, float]]:
    """A word processor's page at ``scale``: a paragraph, three list items without bullet glyphs set in by 2.5 em
    (``gap_between_items`` pitches between them), a paragraph, a one-paragraph block quote at the same indent."""
    body, pitch, margin = 10 * scale, 12 * scale, 72 * scale
    rows = [(margin, "Sub-postmasters told the review that the fee per transaction no longer covers the"),
            (margin, "wages of a clerk, and asked for three changes to the way the network pays its counters."),
            None,
            (margin + 25 * scale, "A flat fee per counter, paid whatever the number of transactions that the"),
            (margin + 25 * scale, "counter handles in a year."),
            "item",
            (margin + 25 * scale, "One clerk shared between neighbouring villages."),
            "item",
            (margin + 25 * scale, "A published fee schedule."),
            None,
            (margin, "One of them put the case to the panel in words that most of the others repeated to it."),
            None,
            (margin + 25 * scale, "We cannot keep the counter open on the fee we are paid now, and the shop"),
            (margin + 25 * scale, "alone does not make enough to carry it through the winter months without it."),
            (margin + 25 * scale, "That is the whole of it."),
            None,
            (margin, "The review agreed with them on every point that they had made to the panel that year.")]
    lines: list[tuple[float, float, str, float]] = []
    baseline = 700 * scale
    for row in rows:
        if row is None:
            baseline -= pitch
        elif row == "item":
            baseline -= gap_between_items * pitch - pitch
        else:
            left, text = row
            lines.append((body, baseline, text, left))
            baseline -= pitch
    return lines


@pytest.mark.parametrize("scale", [0.6, 1.0, 1.7])
def test_indented_lines_each_starting_a_block_are_list_items_at_any_scale(scale: float) -> None:
    paragraphs = extract_text(laid_out_pdf(indented(scale, 1.0))).strip().split("\n\n")
    assert paragraphs == [
        "Sub-postmasters told the review that the fee per transaction no longer covers the wages of a clerk, and asked "
        "for three changes to the way the network pays its counters.",
        "- A flat fee per counter, paid whatever the number of transactions that the counter handles in a year.",
        "- One clerk shared between neighbouring villages.",
        "- A published fee schedule.",
        "One of them put the case to the panel in words that most of the others repeated to it.",
        # the quote's lines share the items' indent, but they are one block: a quote, not a list of one
        "We cannot keep the counter open on the fee we are paid now, and the shop alone does not make enough to "
        "carry it through the winter months without it. That is the whole of it.",
        "The review agreed with them on every point that they had made to the panel that year."]


def test_indented_blocks_spaced_like_paragraphs_are_a_quotes_paragraphs_not_items() -> None:
    # the same indented blocks a paragraph gap apart: the paragraphs of a quote, which the layout cannot tell from a
    # spaced list, so they stay paragraphs
    paragraphs = extract_text(laid_out_pdf(indented(1.0, 2.0))).strip().split("\n\n")
    assert "One clerk shared between neighbouring villages." in paragraphs
    assert not [p for p in paragraphs if p.startswith("- ")]


def test_a_numbered_items_wrapped_line_hanging_under_its_text_stays_in_the_item() -> None:
    # a word processor's numbered list with a hanging indent: the number at 90 pt, the item's text and its wrapped
    # lines at 104 pt; the wrapped line looked like a first-line indent (the next line back at the number's edge)
    lines: list[tuple[float, float, str, float]] = [
        (10, 700, "The review asks the network for two changes to the way it pays its counters in the villages.", 72),
        (10, 680, "1. A flat fee per counter, paid whatever the number of transactions that the counter", 90),
        (10, 668, "handles.", 104),
        (10, 656, "2. A published fee schedule.", 90),
        (10, 636, "The network answers in the spring, after the review has reported to the board in full.", 72)]
    assert extract_text(laid_out_pdf(lines)).strip().split("\n\n") == [
        "The review asks the network for two changes to the way it pays its counters in the villages.",
        "1. A flat fee per counter, paid whatever the number of transactions that the counter handles.",
        "2. A published fee schedule.",
        "The network answers in the spring, after the review has reported to the board in full."]


FERRY_ITEMS = ("The council should fund the ferry crossing for the whole of the winter timetable, at the fare set in "
               "spring.", "Map the routes.", "Publish what each crossing costs to run.")
FERRY_QUOTE = "We were promised a ferry, and we got a timetable. Every winter the boat stops for weeks at a time."
# a monospaced page 60 characters wide, so the lines break where this test says: the first item's last line (51 of
# the list's 56 characters) is too long for the line-length rules to end it and no gap follows it, but "Map" would
# have fitted after it; the quote (52 characters wide) wraps "Every", which would have fitted on the list's width
FERRY_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferries</title><style>
body {{ font-family: "Liberation Mono", monospace; font-size: {size}pt; line-height: {height}; width: 60ch; }}
blockquote {{ margin: 0 4ch {size}pt 4ch; }} ul {{ padding-left: 4ch; margin: 0 0 {size}pt 0; }}
p {{ margin: 0 0 {size}pt 0; }}</style></head><body>
<p>The islands asked the council for three things before the winter, and the council has agreed to two of them
so far.</p>
<ul>{items}</ul>
<blockquote>{quote}</blockquote>
<p>The ferry company answers in the spring, once the council has set its budget for the whole of the next year.</p>
</body></html>"""


@pytest.mark.parametrize(("size", "height"), [(11, 1.3), (13, 1.6)])
def test_an_item_whose_last_line_nearly_fills_the_width_ends_where_the_next_word_would_have_fitted(
        size: int, height: float, tmp_path: Path) -> None:
    page = FERRY_PAGE.format(size=size, height=height, quote=FERRY_QUOTE,
                             items="".join(f"<li>{item}</li>" for item in FERRY_ITEMS))
    paragraphs = extract_text(print_pdf(page, tmp_path), filename="ferries.pdf").strip().split("\n\n")
    assert [f"- {item}" for item in FERRY_ITEMS] == [p for p in paragraphs if p.startswith("- ")]
    assert FERRY_QUOTE in paragraphs  # measured against its own width, its wrapped line was no hard break


def test_a_wrapped_line_is_no_hard_break_and_a_line_the_next_word_fitted_after_is() -> None:
    # an indented list (a gap above and below it) as a word processor sets it, each line's right end and its first
    # word's advance known: a line ending a sentence with room for the next line's first word ends an item (the
    # line-length rules see full lines), one without room wraps
    lines = [PdfLine("The review heard the sub-postmasters of the region over one year, and its panel", 10, 72, 700,
                     472.0, 20.0),
             PdfLine("asked the network for changes to the way it pays the counters in the villages.", 10, 72, 688,
                     470.0, 14.0),
             PdfLine("A flat fee per counter, paid whatever the number of transactions that it makes;", 10, 97, 668,
                     472.0, 12.0),
             PdfLine("Royal Mail should share one clerk between the villages from next spring on.", 10, 97, 656,
                     420.0, 60.0),
             PdfLine("Published fees, so that every sub-postmaster can check what the others are paid.", 10, 97, 644,
                     455.0, 45.0),
             PdfLine("Soon.", 10, 97, 632, 122.0, 14.0),
             PdfLine("The network answers in the spring, after the review has reported to its board.", 10, 72, 612,
                     465.0, 15.0)]
    text = layout_paragraphs([lines], _edge_furniture, _short_line_ends_block, _SENTENCE_END)
    assert text is not None
    assert [p for p in text.split("\n\n") if p.startswith("- ")] == [
        # 472 + 60 > 472 (the list's widest line): " Royal" did not fit, the sentence wrapped onto the next line
        "- A flat fee per counter, paid whatever the number of transactions that it makes; Royal Mail should share "
        "one clerk between the villages from next spring on.",
        # 420 + 45 <= 472 and 455 + 14 <= 472: " Published" and " Soon." would have fitted: the lines were ended
        "- Published fees, so that every sub-postmaster can check what the others are paid.",
        "- Soon."]


def list_of_sentences(second_item: str) -> list[PdfLine]:
    """A paragraph, then a glyphless list (2.5 em in, a gap above and below it) whose lines all fill the width, so
    neither a short line nor room for the next word marks where the last three items end (the first two end in short
    lines); ``second_item`` the fourth item's text."""
    rows = [(72, 700, "The review asked the network for changes to the way it pays the counters in the villages."),
            (72, 688, "It heard from sixty sub-postmasters across the whole of the region over one full year."),
            (97, 668, "Every counter should be paid a flat fee, whatever the number of its transactions in a"),
            (97, 656, "year."),
            (97, 644, "Counters should open on Saturdays."),
            (97, 632, "Neighbouring villages should share one clerk between them from the spring onwards."),
            (97, 620, second_item),
            (97, 608, "The network should publish its fees, so that every sub-postmaster can compare them."),
            (72, 588, "The network answers in the spring, after the review has reported to its board in full.")]
    return [PdfLine(text, 10, left, baseline, 472.0, 80.0) for left, baseline, text in rows]


def test_in_a_list_of_one_sentence_items_a_sentence_ending_a_full_line_ends_its_item() -> None:
    second = "Fees should be reviewed by the network every year, and the review should be published."
    text = layout_paragraphs([list_of_sentences(second)], _edge_furniture, _short_line_ends_block, _SENTENCE_END)
    assert text is not None
    assert [p for p in text.split("\n\n") if p.startswith("- ")] == [
        "- Every counter should be paid a flat fee, whatever the number of its transactions in a year.",
        "- Counters should open on Saturdays.",
        "- Neighbouring villages should share one clerk between them from the spring onwards.",
        f"- {second}",
        "- The network should publish its fees, so that every sub-postmaster can compare them."]


def test_a_list_whose_items_hold_several_sentences_is_not_cut_at_sentence_ends() -> None:
    # a sentence ends inside a line of the run: its items are not one sentence each, so a sentence ending a line
    # says nothing about where an item ends
    second = "Fees should be reviewed every year. The review should be published by the network."
    text = layout_paragraphs([list_of_sentences(second)], _edge_furniture, _short_line_ends_block, _SENTENCE_END)
    assert text is not None
    assert "- Neighbouring villages should share one clerk between them from the spring onwards. " + second + \
        " The network should publish its fees, so that every sub-postmaster can compare them." in text.split("\n\n")
