"""A PDF's text read by its layout: each printed line with the font size and baseline its characters are set at
(pypdf's text visitor), so that headings are told by a larger font and paragraphs by a larger vertical gap, not
guessed from line lengths.

Every threshold is a ratio to the document's own body font size (the size most of its characters are set in) or its
own line pitch (the baseline distance of consecutive body lines): documents are set at 9 to 14 points with line
heights from 1.0 to 1.6 times the font, so absolute points would fit one typesetting and not the next, while the
proportions a reader sees as "a heading" or "a new paragraph" hold across them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# a heading is set clearly larger than the body: typeset heading levels step by 15 % or more (CSS h3 is 1.17 em,
# LaTeX \large 1.2x), while the body's own sizes differ only by rounding; 1.12 sits between the two
_HEADING_SIZE = 1.12
# two lines belong to one font size within 4 %: a size's rounding in the content stream, not a design change
_SAME_SIZE = 1.04
# a gap of a quarter line more than the body's pitch is deliberate spacing (paragraph margin, space before a
# heading): within a paragraph the baselines repeat the pitch exactly, up to rounding (well under 5 %)
_PARAGRAPH_GAP = 1.25
# the lines of one heading sit at the body's leading scaled to the heading's size; a quarter more is a new block
_HEADING_LINE_GAP = 1.25
# a heading is a title or a label: a larger-font block of more lines than this is a standfirst or a pull quote
_HEADING_MAX_LINES = 3
# a bullet glyph or a list number at the start of a line starts an item, gap or no gap
_LIST_ITEM = re.compile(r"(?:[•▪◦‣∙·]|\d{1,2}[.)])\s")  # not a dash: "– and the cost" wraps mid-sentence
_PAGE_COUNTER = re.compile(r"\s(?:page\s+)?\d{1,4}\s*(?:/|of)\s*\d{1,4}$", re.IGNORECASE)
# a paragraph's first line set in by half an em to four ems (typeset text without paragraph spacing)
_INDENT_MIN_EMS = 0.5
_INDENT_MAX_EMS = 4.0
# a list whose bullets a browser draws as shapes (no glyph in the text layer) shows only as its items' lines set in
# from the body's left margin: 1 to 6 ems in. Ems, not points: an indent is set for the eye against the letter size
# (CSS lists and word processors indent by 1.5-3.5 em of the body's size; chromium's fixed 40 px is 2-3.3 em at
# 9-14 pt), so a fixed number of points would be a deep indent in one typesetting and a shallow one in the next;
# under 1 em is the jitter of a justified or italic line's first glyph, over 6 ems a second column
_LIST_INDENT_MIN_EMS = 1.0
_LIST_INDENT_MAX_EMS = 6.0
# lines of one list's items share their left edge within a quarter em (the rounding of positions in the stream)
_SAME_EDGE_EMS = 0.25
# the room a space and the next word need after a line, as a multiple of their advance from the font's glyph widths
# (word and letter spacing, justification and kerning aside): on chromium-printed wrapped body lines the room left
# was at most 0.998x, so a line is only taken as ended on purpose when the next word fits with a tenth to spare
_WORD_WIDTH_SLACK = 1.1
# a sentence's end and the next one's start, at a line's end / start or inside one line
_SENTENCE_CLOSE = re.compile(r"[.!?][”\"’)\]]*$")
_SENTENCE_OPEN = re.compile(r"[“\"‘(]?[A-Z0-9]")
_SENTENCE_INSIDE = re.compile(r"[.!?][”\"’)\]]*\s+[“\"‘(]?[A-Z0-9]")
_FULL_STOP_END = re.compile(r"\.[”\"’)\]]*$")
_EDGE_LINES = 2


@dataclass(frozen=True)
class PdfLine:
    """One printed line: its text, the size most of its characters are set at and where it sits on the page, in
    points (PDF user space: ``y`` is the baseline, larger is higher up)."""

    text: str
    size: float
    x: float
    y: float
    # where the line's last glyph ends, from the font's glyph widths (word and letter spacing aside); None unknown
    right: float | None = None
    # the advance of a space and the line's first word in its font: what the line above needed room for
    opening: float | None = None


@dataclass
class _Block:
    heading: bool
    size: float
    lines: list[PdfLine]


def _glyph_widths(font: Any) -> dict[str, float] | None:
    """The advance width of each character the font maps to text (thousandths of the font size), read from its
    /Widths (a simple font) or its descendant's /W (a composite font, as browsers embed); None when the font does not
    say (a standard font without widths, a broken one): then no line of it gets a right edge."""
    try:
        # pypdf's font reader maps a font's codes to text; a private module (pyproject pins pypdf 7.x), so a pypdf
        # without it only loses the right edges
        from pypdf.generic._font import Font  # noqa: PLC0415

        character_map = Font.from_font_resource(font).character_map
        widths: dict[int, float] = {}
        default: float | None = None  # a composite font's width for the codes its /W leaves out (/DW)
        if font.get("/Subtype") == "/Type0":
            descendant = font["/DescendantFonts"][0].get_object()
            default = float(descendant.get("/DW", 1000))
            entries = list(descendant.get("/W", []))
            index = 0
            while index < len(entries):  # "c [w1 w2 ...]" or "c_first c_last w"
                first = int(entries[index])
                following = entries[index + 1].get_object()
                if isinstance(following, list):
                    widths.update((first + offset, float(width)) for offset, width in enumerate(following))
                    index += 2
                else:
                    widths.update((code, float(entries[index + 2])) for code in range(first, int(following) + 1))
                    index += 3
        else:
            first_code = int(font["/FirstChar"])
            widths.update((first_code + offset, float(width)) for offset, width in enumerate(font["/Widths"]))
        out: dict[str, float] = {}
        for code, text in character_map.items():
            if isinstance(code, str) and len(code) == 1 and isinstance(text, str):
                width = widths.get(ord(code), default)
                if width is not None:
                    out[text] = width
    except Exception:  # noqa: BLE001 - a font dictionary pypdf reads differently is only a missing right edge
        return None
    return out or None


def read_page(page: Any) -> tuple[str, list[PdfLine] | None]:
    """The page's text as pypdf extracts it, and its lines with their sizes and positions (None when a run comes
    without a usable size or position: the caller then reads the text alone)."""
    # the open line's runs: text, size, x, y, where its glyphs end, a space and its first word's advance (None: unknown)
    current: list[tuple[str, float, float, float, float | None, float | None]] = []
    lines: list[PdfLine] = []
    usable = True
    fonts: dict[int, dict[str, float] | None] = {}

    def close_line() -> None:
        text = "".join(run[0] for run in current)
        if text.strip():
            characters: Counter[float] = Counter()
            for run_text, size, *_ in current:
                characters[round(size, 1)] += len(run_text.strip())
            printed = [run for run in current if run[0].strip()]
            widest = max(printed, key=lambda run: len(run[0].strip()))  # a superscript does not move the baseline
            ends = [run[4] for run in printed]
            right = max(end for end in ends if end is not None) if None not in ends else None
            lines.append(PdfLine(text.strip(), characters.most_common(1)[0][0], printed[0][2], widest[3], right,
                                 printed[0][5]))
        current.clear()

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: Any, font_size: float) -> None:
        nonlocal usable
        if not text:
            return
        try:
            a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                          tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            size = float(font_size) * math.sqrt(abs(a * d - b * c))
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            along = float(font_size) * abs(a) / 1000  # a thousandth of the font size, along the line, in points
        except (TypeError, ValueError, IndexError):
            size, x, y, along = 0.0, 0.0, 0.0, 0.0
        if text.strip() and not (size > 0 and math.isfinite(size) and math.isfinite(x) and math.isfinite(y)):
            usable = False
        if font is not None and id(font) not in fonts:
            fonts[id(font)] = _glyph_widths(font)
        widths = fonts.get(id(font)) if font is not None else None
        for number, piece in enumerate(text.split("\n")):
            if number:
                close_line()
            if piece:
                end = opening = None  # a piece after a line break inside the run: its start is not known
                if number == 0 and widths is not None and b == 0 and all(char in widths for char in piece + " "):
                    end = float(x) + along * sum(widths[char] for char in piece)
                    word = piece.lstrip()
                    if " " in word:  # the first word ends inside this run (else it may go on in the next run)
                        opening = along * sum(widths[char] for char in " " + word.split(" ")[0])
                current.append((piece, size, float(x), float(y), end, opening))

    text = page.extract_text(visitor_text=visit) or ""
    close_line()
    return text, lines if usable else None


def _characters_by_size(pages: list[list[PdfLine]]) -> Counter[float]:
    """How many characters the pages set at each font size."""
    characters: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            characters[line.size] += len(line.text)
    return characters


def _mode(values: Counter[float]) -> float:
    return values.most_common(1)[0][0]


def _line_pitch(pages: list[list[PdfLine]], body: float) -> float | None:
    """The baseline distance of consecutive body lines inside a paragraph: the smallest distance between two body
    lines in a row (any paragraph spacing only adds to it); None without two body lines in a row."""
    distances = [above.y - below.y
                 for lines in pages for above, below in zip(lines, lines[1:], strict=False)
                 if _same_size(above.size, body) and _same_size(below.size, body)
                 and 0.5 * body < above.y - below.y < 4 * body]
    return min(distances) if distances else None


def _same_size(one: float, other: float) -> bool:
    return max(one, other) <= min(one, other) * _SAME_SIZE


def layout_paragraphs(pages: list[list[PdfLine]], edge_drop: Callable[[list[list[str]]], list[set[int]]],
                      short_line_break: Callable[[str, str, str, int], bool],
                      sentence_end: re.Pattern[str]) -> str | None:
    """The pages as Markdown: a line set clearly larger than the body starts a heading (``#`` at the largest
    heading size, the title; ``##`` below it), a vertical gap clearly larger than the body's line pitch starts a
    paragraph, lines in between join into one paragraph line. None when the layout tells nothing the text alone
    does not (one font size, no gap larger than the pitch, no first-line indent): the caller then reads line
    lengths."""
    dropped = edge_drop([[line.text for line in _top_down(lines)] for lines in pages])
    overall = _characters_by_size(pages)
    overall_body = _mode(overall) if overall else 0.0
    kept_pages: list[list[PdfLine]] = []
    for lines, drop in zip(pages, dropped, strict=True):
        order = _top_down(lines)
        gone = {id(order[number]) for number in drop}
        # a footer or header in small print that counts pages ("https://... 1/1", "Report title  Page 2 of 9"): page
        # furniture even on a one-page PDF, where it cannot repeat; small print at the very edge only, so a
        # sentence of the text that ends in a fraction stays
        gone |= {id(line) for line in order[:_EDGE_LINES] + order[-_EDGE_LINES:]
                 if _PAGE_COUNTER.search(line.text) and line.size * _SAME_SIZE < overall_body}
        kept_pages.append([line for line in lines if id(line) not in gone])
    characters = _characters_by_size(kept_pages)
    if not characters:
        return None
    body = _mode(characters)
    pitch = _line_pitch(kept_pages, body)
    has_headings = any(size >= body * _HEADING_SIZE for size in characters)
    has_gaps = pitch is not None and any(
        _same_size(above.size, body) and _same_size(below.size, body)
        and above.y - below.y > _PARAGRAPH_GAP * pitch
        for lines in kept_pages for above, below in zip(lines, lines[1:], strict=False))
    has_indents = any(
        _INDENT_MIN_EMS * body < second.x - first.x <= _INDENT_MAX_EMS * body
        and abs(third.x - first.x) < _INDENT_MIN_EMS * body
        for lines in kept_pages for first, second, third in zip(lines, lines[1:], lines[2:], strict=False))
    if not (has_headings or has_gaps or has_indents):
        return None
    leading = (pitch / body) if pitch is not None else 1.2  # 1.2: the common default line height, without a pitch

    def new_block(above: PdfLine, below: PdfLine, after: PdfLine | None, full: int, opening: PdfLine) -> bool:
        above_heading, below_heading = above.size >= body * _HEADING_SIZE, below.size >= body * _HEADING_SIZE
        distance = above.y - below.y
        if above_heading or below_heading:
            return not (above_heading and below_heading and _same_size(above.size, below.size)
                        and 0 < distance <= _HEADING_LINE_GAP * leading * below.size)
        if not _same_size(above.size, below.size):
            return True  # a footnote, a caption, a footer: set apart by its size
        if distance <= 0:  # the next column or a float: the paragraph goes on only mid-sentence
            return bool(sentence_end.search(above.text))
        if _LIST_ITEM.match(below.text):
            return True
        if has_gaps and pitch is not None and distance > _PARAGRAPH_GAP * pitch * below.size / body:
            return True
        if _LIST_ITEM.match(opening.text) and _SAME_EDGE_EMS * body < below.x - opening.x <= _INDENT_MAX_EMS * body:
            return False  # an item's wrapped line hangs under its text, right of its number or glyph: the item goes on
        indent = below.x - above.x
        if (_INDENT_MIN_EMS * body < indent <= _INDENT_MAX_EMS * body and after is not None
                and abs(after.x - above.x) < _INDENT_MIN_EMS * body):
            return True  # a first-line indent: the line after it returns to the margin (a list or quote would not)
        # no gap: where the layout marks nothing (a text set without paragraph spacing, a list whose bullets a
        # browser draws as shapes, a heading set in the body's size) the line lengths still read; inside a
        # paragraph of a spaced text every line but the last is full, so they rarely fire there
        return short_line_break(above.text, below.text, after.text if after is not None else "", full)

    blocks: list[_Block] = []
    for lines in kept_pages:
        if not lines:
            continue
        lengths = sorted(len(line.text) for line in lines if _same_size(line.size, body))
        full = (lengths[int(len(lengths) * 0.75)] if len(lengths) >= 4 else max(lengths)) if lengths else 0
        first = lines[0]
        last = blocks[-1] if blocks else None
        if (last is not None and not last.heading and _same_size(last.size, first.size) and first.size < body *
                _HEADING_SIZE and not sentence_end.search(last.lines[-1].text) and first.text[:1].islower()):
            last.lines.append(first)  # the sentence goes on over the page break
        else:
            blocks.append(_Block(first.size >= body * _HEADING_SIZE, first.size, [first]))
        for number, (above, below) in enumerate(zip(lines, lines[1:], strict=False)):
            after = lines[number + 2] if number + 2 < len(lines) else None
            if new_block(above, below, after, full, blocks[-1].lines[0]):
                blocks.append(_Block(below.size >= body * _HEADING_SIZE, below.size, [below]))
            else:
                blocks[-1].lines.append(below)
    for block in blocks:
        if block.heading and (len(block.lines) > _HEADING_MAX_LINES or _FULL_STOP_END.search(block.lines[-1].text)):
            block.heading = False  # a standfirst or a pull quote set large: a paragraph
    title_size = max((block.size for block in blocks if block.heading), default=0.0)
    margins = _body_margins(kept_pages, body)
    blocks = _split_at_hard_breaks(blocks, kept_pages, margins, body, pitch, sentence_end)
    items = _glyphless_items(blocks, margins, body, pitch)
    cuts = _sentence_item_cuts(blocks, items)
    out: list[str] = []
    for number, block in enumerate(blocks):
        parts = [block.lines[start:end] for start, end in zip([0, *cuts.get(number, [])],
                                                               [*cuts.get(number, []), len(block.lines)], strict=True)]
        for part in parts:
            text = ""
            for line in part:
                text += line.text if not text or text.endswith("-") else " " + line.text
            if block.heading:
                text = ("# " if _same_size(block.size, title_size) else "## ") + text
            elif number in items:
                text = "- " + text
            out.append(text)
    return "\n\n".join(out)


def _sentence_item_cuts(blocks: list[_Block], items: set[int]) -> dict[int, list[int]]:
    """Where items of one glyphless list that ran together part (block number: the numbers of the lines that open a
    new item): in a run of items each of one sentence, a block of several sentences whose every sentence ends at the
    end of a line is that many items, cut after each such line. Only where the run says so: at least two of its
    items are one sentence and no item of it has a sentence ending inside a line (items of several sentences, or a
    sentence the layout cannot see end, leave the run as it is)."""
    cuts: dict[int, list[int]] = {}
    numbers = sorted(items)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        if any(_SENTENCE_INSIDE.search(line.text) for number in run for line in blocks[number].lines):
            continue
        sentences = [[index for index, (above, below) in enumerate(zip(blocks[number].lines,
                                                                       blocks[number].lines[1:], strict=False))
                      if _SENTENCE_CLOSE.search(above.text) and _SENTENCE_OPEN.match(below.text)]
                     for number in run]
        if sum(1 for ends in sentences if not ends) < 2:
            continue
        for number, ends in zip(run, sentences, strict=True):
            if ends:
                cuts[number] = [index + 1 for index in ends]
    return cuts


def _body_margins(pages: list[list[PdfLine]], body: float) -> dict[int, float]:
    """Each line's page's body margin, by the line's id: the leftmost edge two body lines share (a paragraph's lines
    wrap back to it); not the edge most characters start at, which a page mostly of list or quote would move in. A
    page whose own leftmost shared edge lies right of the margin most pages share (a page of list or quote, a heading
    in another size at the margin) takes the common one: a document keeps one margin."""
    own: dict[int, float] = {}
    for number, lines in enumerate(pages):
        edges: Counter[float] = Counter(round(line.x, 1) for line in lines if _same_size(line.size, body))
        shared = [x for x, count in edges.items() if count >= 2]
        if shared:
            own[number] = min(shared)
    if not own:
        return {}
    common = Counter(own.values()).most_common(1)[0][0]
    margins: dict[int, float] = {}
    for number, lines in enumerate(pages):
        margin = min(own.get(number, common), common)
        margins.update((id(line), margin) for line in lines)
    return margins


def _list_edge(block: _Block, margins: dict[int, float], body: float) -> float | None:
    """The block's common left edge when it is set wholly in the body size 1-6 ems in from its page's margin, as a
    list's items are (and a quote), else None."""
    first = block.lines[0]
    if (block.heading or not _same_size(block.size, body) or _LIST_ITEM.match(first.text)
            or id(first) not in margins):
        return None
    if any(not _same_size(line.size, body) or abs(line.x - first.x) > _SAME_EDGE_EMS * body
           for line in block.lines):
        return None
    indent = first.x - margins[id(first)]
    return first.x if _LIST_INDENT_MIN_EMS * body <= indent <= _LIST_INDENT_MAX_EMS * body else None


def _split_at_hard_breaks(blocks: list[_Block], pages: list[list[PdfLine]], margins: dict[int, float], body: float,
                          pitch: float | None, sentence_end: re.Pattern[str]) -> list[_Block]:
    """The blocks, each indented block (a list's items run together, or a quote) cut where a line ends although
    a space and the next line's first word would have fitted after it: a text wraps only when the next word does not
    fit, so such a line was ended on purpose (an item whose last line nearly fills the width, which neither a short
    line nor a gap marks). The room is read against the widest line of the indented blocks that touch it at its edge
    (a list's own right edge, which a quote's or a paragraph's need not share), the word's width from its font; a
    line that ends no sentence (nor a clause with ";") or that the next continues in lower case is never cut.
    ``margins``: ``_body_margins(pages, body)``."""
    edges = [_list_edge(block, margins, body) for block in blocks]
    page_of = {id(line): id(lines[0]) for lines in pages for line in lines if lines}
    out: list[_Block] = []
    number = 0
    while number < len(blocks):
        run_edge = edges[number]
        if run_edge is None:
            out.append(blocks[number])
            number += 1
            continue
        run = [blocks[number]]  # the indented blocks at this edge with no paragraph gap between them
        while (number + len(run) < len(blocks) and (following := edges[number + len(run)]) is not None
               and abs(following - run_edge) <= _SAME_EDGE_EMS * body
               and _touching(run[-1], blocks[number + len(run)], pitch)):
            run.append(blocks[number + len(run)])
        widest: dict[int, float] = {}  # the column's right end on each page, by the page's first line's id
        # a lone indented block (a quote, or a list whose items all ran together) is measured against its own widest
        # line, as a quote is set narrower than the text; two or more blocks at the edge are a list, which a browser
        # sets out to the text's right edge, so the body lines of its pages count too
        measured = [line for block in run for line in block.lines]
        if len(run) >= 2:
            pages_of_run = {page_of.get(id(line)) for line in measured}
            measured += [line for lines in pages if lines and id(lines[0]) in pages_of_run for line in lines
                         if _same_size(line.size, body) and id(line) in margins
                         and abs(line.x - margins[id(line)]) <= _SAME_EDGE_EMS * body]
        for line in measured:
            if line.right is not None:
                page = page_of.get(id(line), 0)
                widest[page] = max(widest.get(page, line.right), line.right)
        for block in run:
            current = _Block(block.heading, block.size, [block.lines[0]])
            for above, below in zip(block.lines, block.lines[1:], strict=False):
                column_right = widest.get(page_of.get(id(above), 0))
                if (column_right is not None and _ended_on_purpose(above, below, column_right)
                        and (sentence_end.search(above.text) or above.text.endswith(";"))):
                    out.append(current)
                    current = _Block(block.heading, block.size, [below])
                else:
                    current.lines.append(below)
            out.append(current)
        number += len(run)
    return out


def _ended_on_purpose(above: PdfLine, below: PdfLine, column_right: float) -> bool:
    """Whether a space and ``below``'s first word would have fitted after ``above`` in the column (so the line was
    broken on purpose, not wrapped)."""
    if above.right is None or below.opening is None or not below.text[:1] or below.text[:1].islower():
        return False
    if below.y >= above.y:  # a page or column break: the room is not on this line
        return False
    return above.right + _WORD_WIDTH_SLACK * below.opening <= column_right


def _touching(above: _Block, below: _Block, pitch: float | None) -> bool:
    """Whether no paragraph gap lies between the two blocks (a page or column break counts as none)."""
    distance = above.lines[-1].y - below.lines[0].y
    if distance <= 0:
        return True
    return pitch is not None and distance <= _PARAGRAPH_GAP * pitch


def _glyphless_items(blocks: list[_Block], margins: dict[int, float], body: float, pitch: float | None) -> set[int]:
    """The numbers of the blocks that are items of a list printed without bullet glyphs: two or more blocks in a row,
    each set wholly in the body size at one left edge 1-6 ems in from its page's body margin, none opening with a
    number or glyph of its own (those read as they are), and no paragraph gap between them (the line-length rules
    split them where an item's last line is short). An indented block quote is one block, so it is no list; the
    paragraphs of a quote are spaced like the text's own paragraphs, so a gap between two indented blocks ends a
    run (items a stylesheet spaces apart stay paragraphs: the layout cannot tell them from a quote's). ``margins``:
    ``_body_margins``."""
    items: set[int] = set()
    run: list[int] = []  # the blocks of the current run, all at ``run_edge``
    run_edge = 0.0
    for number, block_edge in enumerate([*(_list_edge(block, margins, body) for block in blocks), None]):
        if (block_edge is not None and run and abs(block_edge - run_edge) <= _SAME_EDGE_EMS * body
                and _touching(blocks[run[-1]], blocks[number], pitch)):
            run.append(number)
            continue
        if len(run) >= 2:
            items.update(run)
        run = [number] if block_edge is not None else []
        run_edge = block_edge if block_edge is not None else 0.0
    return items


def _top_down(lines: list[PdfLine]) -> list[PdfLine]:
    return sorted(lines, key=lambda line: -line.y)
