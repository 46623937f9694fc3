"""Layout of a plain-text document: blocks (paragraphs, bullets, headings), sentences,
title, authors and the furniture (bios, credits, corrections) that is not argument.

Everything works on character offsets into the one source string, so statements built
from these spans always satisfy ``source[start:end] == quote``.

Sentence segmentation: nupunkt (pure Python, no model download) over the whole text,
then cut at block boundaries and at footnote numbers glued between sentences
("Union.3 In addition", "prioritized.45Key"). Measured on the seeds x10 (193 kB):
nupunkt ~11 MB/s, pysbd with char_span ~0.25 MB/s; both split "U.S." and
"p.m." correctly, both merge sentences across glued footnotes, which the fix-ups
below repair. pysbd is too slow for the 1 MB/s target, so nupunkt is used.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import nupunkt

from graph.model import UNNAMED_VOICE
from importers.regex_parts import (
    NAME_CAPITALS,
    NAME_SMALL_EXTENDED,
    holds_case_blind_odd,
    line_anchored,
    search_line_starts,
)

_BULLET = re.compile(r"[ \t]*(?:[•▪◦‣∙·\-\*]|\d{1,2}[.)])[ \t]+")
_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
# a numbered section heading of a report ("1. Introduction", "2.1 Outcomes considered", "IV. Options"): a section
# number, then a short title without sentence punctuation
_NUMBERED_HEADING = re.compile(r"(?:\d{1,2}\.(?:\d{1,2}\.?)*|[IVX]{1,4}\.)[ \t]+[A-Z][^.!?;:,\n]{0,90}(?<![.!?;:,])")
_SUBSECTION_NUMBER = re.compile(r"\d{1,2}\.\d{1,2}")
# a chapter's or part's heading, a line of its own: "Chapter 2: What the evidence says", "PART II - Costs",
# "Appendix B", "Section 3. Options" (never a sentence: no full stop at its end)
_CHAPTER_HEADING = re.compile(r"(?:Chapter|CHAPTER|Part|PART|Section|SECTION|Annex|ANNEX|Appendix|APPENDIX)[ \t]+"
                              r"(?:\d{1,3}|[IVXLC]{1,6}|[A-Z])"
                              r"(?:[ \t]*[:.—–-][ \t]*[A-Z“\"‘'][^\n]{0,110}(?<![.!;:,]))?")
# a run-in subheading opening a paragraph: "2.1 Costs. The first and largest cost ..." (a report's numbered
# subsection whose short title ends with a full stop and runs on into the first sentence)
_RUN_IN_HEADING = re.compile(r"(?:\d{1,2}\.(?:\d{1,2}\.?)*|[IVX]{1,4}\.)[ \t]+(?P<name>[A-Z][^.!?;:,\n]{0,60})\."
                             r"[ \t]+(?=[“\"‘(]?[A-Z])")
# a paragraph labelled as a recommendation, "Recommendation 1: Publish ...", "Proposal B. Fund ...": an item of a list
# of recommendations, the label no part of its statement
_LABELLED_RECOMMENDATION = re.compile(r"[*_]{0,2}(?:recommendation|proposal)[ \t]+(?:\d{1,2}(?:\.\d{1,2})?|[A-Z])"
                                      r"[ \t]*[:.—–][*_]{0,2}[ \t]+(?=[“\"‘(*_]?[A-Z])", re.IGNORECASE)
# a paragraph numbered as a subsection, "3.2 Cities should build ...": an item of a numbered list ("3. ..." is one)
_SUBSECTION_ITEM = re.compile(r"\d{1,2}\.\d{1,2}\.?[ \t]+(?=[“\"‘(]?[A-Z])")
_BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")
# A sentence end followed by a glued footnote number, then the next sentence:
# "Union.3 In addition", "prioritized.45Key Assumption", "soldiers.i\n".
_GLUED_FOOTNOTE = re.compile(r"[a-z\)][.!?][”\"’]?(?:\d{1,3}|[ivx]{1,4})(?=\s+[“\"‘(]?[A-Z]|[A-Z])")
# the same with the sentence mark first and the letter before it looked behind for: the engine skips straight to
# the marks instead of trying the rest at every lower-case letter (~2x faster). Each match ends where the plain
# pattern's does; only a mark opening the scanned span could match where the plain pattern cannot (its letter is
# before the span), and ``_glued_footnote_ends`` scans such a span with the plain pattern (tested)
_GLUED_FOOTNOTE_MARK_FIRST = re.compile(
    r"[.!?](?<=[a-z\)][.!?])[”\"’]?(?:\d{1,3}|[ivx]{1,4})(?=\s+[“\"‘(]?[A-Z]|[A-Z])")
_LEADING_CLOSERS = re.compile(r"[”\"’)\]]+(?:\d{1,3})?")
# nupunkt misses many plain sentence ends in short texts ("It was a ruin. Somebody knows." stays one
# sentence): a lower-case word of two letters or more, a full stop, "!" or "?", a space and a capital is a
# sentence end unless the word is a common lower-case abbreviation. On the gold short texts and CDCP train
# this only adds right boundaries (segmentation F1 up on every file; README "Argument mining quality").
_MISSED_END = re.compile(r"[.!?](?<=[a-z][a-z][.!?])[”\"’)]*(?=\s+[“\"‘(]*[A-Z])")
# A month's or weekday's abbreviation is capitalised ("Sun.", "Mar."): in lower case "the sun." or "they sat." ends a
# sentence. "no." / "nos." abbreviate "number(s)" only before a numeral ("no. 5"), which no capital follows: before a
# capital the word ends a sentence ("The evidence says no. Amsterdam ...").
_LOWER_ABBREVIATION = re.compile(
    r"\b(?:(?i:etc|approx|vs|cf|al|fig|figs|vol|vols|pp|ed|eds|op|cit|ibid|esp|incl|dept|est|govt|min|max|ch|"
    r"sec|art|para|paras|mr|mrs|ms|dr|st|jr|sr|prof|gen|col|lt|sgt|rev|hon|co|inc|ltd|corp|bros)|"
    r"(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC|MON|TUE|WED|THU|FRI|SAT|SUN)|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun))$")
_ABBREVIATION_END = re.compile(r"(?:\bU\.S\.|\bU\.N\.|\bU\.K\.|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|"
                               r"No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$")
_ONLY_CLOSERS = re.compile(r"[\s”\"’)\]]*(?:\d{1,3})?[\s\xa0]*")
_SMALL_WORDS = frozenset(str.split(
    "a an the and or nor but of in on at to for with by from as vs via into over under than is are be")
)
FURNITURE = re.compile(
    r"(?:(?:image|photo|photograph|picture|credit|source|correction|editor[’']s note|note|disclaimer|"
    r"please consult|available downloads|csis briefs|all rights reserved|copyright|share this|"
    r"related|read more|subscribe|this publication has been produced|this article|"
    r"(?:submitted|prepared|published|produced|compiled|commissioned) by|"
    # a translation's credit: "Translated from the Czech by Jane Roe", "Translated by Jane Roe"
    r"translated(?: from(?: the)? [\w\-]+)? by|"
    r"this (?:interview|conversation|transcript|story|piece|post|essay) (?:has been|was|is) "
    r"(?:edited|condensed|amended|updated|corrected|adapted|translated)|"
    # a press release's labels, contacts and pointers: "FOR IMMEDIATE RELEASE", "Embargoed until ...", "Media contact:
    # ...", "For more information, contact ...", "Notes to editors", "The full analysis is available at ..."
    r"for immediate release|embargoed (?:until|for)|(?:media|press) (?:contacts?|enquiries|inquiries|office)|"
    r"for (?:more|further) information|notes? (?:to|for) editors|"
    r"(?:the )?(?:full|complete) (?:report|analysis|study|text|paper|data(?:set)?|findings|results)"
    r"(?: [a-z]+){0,3} (?:is|are|can be) (?:available|found|read|downloaded)|"
    r"submitted (?:electronically|online|via))\b|©)",
    re.IGNORECASE,
)
# the page furniture of a web page pasted as text, a line of its own: "Skip to main content", "Advertisement",
# "Listen to this article", "Sign up to our newsletter", "Comments are closed", "Topics: ..."
_CHROME_LINE = re.compile(
    r"(?:skip to (?:main )?content|advertisement|sponsored|listen to this (?:article|story)|"
    r"\d+ min(?:ute)?s?(?: read)?$|sign (?:up|in)\b|log ?in\b|comments? (?:are closed|\(\d+\))|"
    r"most (?:popular|read)|more from|follow us|"
    r"print this|share(?: on|:)|topics:|tags:|filed under|menu$|search$|comments$|download\b)", re.IGNORECASE)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DATE = (rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+)?(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH}\.?,?"
         rf"[ \t]+\d{{4}}|{_MONTH}\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}|{_MONTH}[ \t]+\d{{4}}|"
         r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})")
# a line that dates the piece ("12 March 2026", "Published 5 May 2025, 6:00am BST", "Updated: March 3, 2026",
# "Posted on 18 February 2026 by ... · 7 min read"): what follows the date is a time, a place, a byline, never a
# sentence
_DATE_LINE = re.compile(rf"(?:(?:first |last )?(?:published|updated|posted|dated?|issued|submitted)(?:[ \t]+on)?"
                        rf"[ \t]*:?[ \t]*)?{_DATE}\b(?P<rest>[^.!?]{{0,80}})", re.IGNORECASE)
# a caption or label of a table, figure or box: "Table 1. ...", "Figure 2: ...", "Box 1." (not "Figure 3 shows")
_CAPTION = re.compile(r"(?:table|figure|fig\.|chart|graph|box|exhibit|map)[ \t]+[A-Z]?\d{1,2}(?:\.\d{1,2})?"
                      r"[ \t]*[.:—–-]", re.IGNORECASE)
# a line that is only a rule ("---", "* * *", "___") or a Markdown image
_RULE_OR_IMAGE = re.compile(r"[-*_=~•·—– \t]{3,}|!\[[^\]\n]*\]\([^)\n]*\)")
# a letter's salutation ("Sir,", "Dear Editor,", "To the Editor:"): the letter's address, not its argument
_SALUTATION = re.compile(r"(?:dear[ \t]+[^,:\n]{1,60}|sir|madam|sir[ \t]+or[ \t]+madam|(?:to[ \t]+)?the[ \t]+editors?|"
                         r"editors?)[ \t]*[,:]", re.IGNORECASE)
# the page's label over a letter ("Letters to the Editor", "Letters"): not its title
_LETTERS_LABEL = re.compile(r"(?:your |readers[’']? )?letters?(?:[ \t]+to[ \t]+the[ \t]+editors?)?", re.IGNORECASE)
# an e-mail's or memo's header field, a line of its own at the top: "From: Jane Roe <jane@...>", "TO: Members of the
# Board", "Sent: Tuesday, ...", "Subject: ..." / "RE: ..." (the subject is the title); a "MEMORANDUM" label over them
_HEADER_FIELD = re.compile(r"(?P<field>from|to|cc|bcc|sent|date|subject|re|attn|attention|memorandum for|memo to|"
                           r"attachments?|enclosures?)"
                           r"[ \t]*:[ \t]*(?P<value>\S[^\n]{0,150})", re.IGNORECASE)
_SUBJECT_FIELDS = ("subject", "re")
_MEMO_LABEL = re.compile(r"(?:memorandum|memo|briefing note|e-?mail)", re.IGNORECASE)
_CONTACT_LINE = re.compile(r"(?:[A-Za-z][\w ]{0,20}:[ \t]*)?(?:\S+@\S+\.\w+|https?://\S+|www\.\S+)")
# a line of a postal address: a street ("1200 K Street NW, Suite 400", "12 Quay Road"), or a town with a US ZIP code
# ("Washington, DC 20590") or a UK postcode ("Leeds LS1 4AB")
_ADDRESS_LINE = re.compile(r"^\d{1,5}[A-Z]?[ \t]+(?:[A-Z][\w.’'\-]*[ \t]+){1,4}"
                           r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|"
                           r"Boulevard|Blvd\.?|Lane|Drive|Way|Place|Square|Court|Parkway|Terrace|Row)\b"
                           r"|,[ \t]*[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?$|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]+\d[A-Z]{2}$")
# a table: every line a Markdown row ("| a | b |"), or every line of two or more split into three or more columns
# by runs of blanks (a sentence's double space after a full stop is no column gap)
_MD_TABLE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*")
_COLUMN_GAP = re.compile(r"(?<![.!?:;,])(?:[ ]{2,}|\t)(?=\S)")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, a bullet item or a heading; ``start:end`` trimmed of blanks."""

    start: int
    end: int
    text: str
    kind: str  # "paragraph" | "bullet" | "heading"
    content_start: int  # after a bullet or Markdown heading marker


def _trim(source: str, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


def _is_heading_text(line: str) -> bool:
    """Short title-like line without sentence punctuation: "The Issue", "Key Assumption #1: ..."."""
    if len(line) > 110 or not line[:1].isalnum() or not (line[0].isupper() or line[0].isdigit()):
        return False
    if line[-1] in ".,;:!”\"’)" and not line.endswith("?"):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z’'\-]*", line)
    if not words or len(words) > 14:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.6


def _glued_heading(line: str, following: str) -> bool:
    following = following.strip()
    return (following[:1].isupper() and len(line) <= 0.8 * len(following) and not _BULLET.match(following)
            and not _BULLET.match(line) and _is_heading_text(line) and not is_byline(line))


def blocks(source: str) -> list[Block]:
    """Split ``source`` into blocks: blank lines end a paragraph, bullets and headings stand alone."""
    result: list[Block] = []
    pos = 0
    n = len(source)
    # Walk line by line; a block is a run of non-blank lines, split at bullet lines and headings.
    lines: list[tuple[int, int]] = []
    while pos <= n:
        nl = source.find("\n", pos)
        if nl == -1:
            nl = n
        lines.append((pos, nl))
        pos = nl + 1
    current: list[tuple[int, int]] = []

    def flush(heading: bool = False) -> None:
        if not current:
            return
        start, end = _trim(source, current[0][0], current[-1][1])
        current.clear()
        if start >= end:
            return
        text = source[start:end]
        if heading:
            result.append(Block(start, end, text, "heading", start))
            return
        bullet = _BULLET.match(source, start)
        if bullet and bullet.end() < end:
            result.append(Block(start, end, text, "bullet", bullet.end()))
            return
        md = _MD_HEADING.match(source, start)
        if md and "\n" not in text:
            result.append(Block(start, end, text, "heading", md.end()))
            return
        if "\n" not in text and (_is_heading_text(text) or _SIDE_HEADING.fullmatch(text)
                                 or _CHAPTER_HEADING.fullmatch(text)):
            result.append(Block(start, end, text, "heading", start))
            return
        run_in = _RUN_IN_HEADING.match(source, start, end)
        if (run_in and len(run_in.group("name").split()) <= _SHORT_HEADING_WORDS
                and _is_heading_text(run_in.group("name"))):
            # the subheading names the section; the paragraph is the sentences after it
            result.append(Block(start, run_in.end("name"), source[start:run_in.end("name")], "heading", start))
            start = run_in.end()
            text = source[start:end]
        item = _SUBSECTION_ITEM.match(source, start, end) or _LABELLED_RECOMMENDATION.match(source, start, end)
        if item:
            result.append(Block(start, end, text, "bullet", item.end()))
            return
        result.append(Block(start, end, text, "paragraph", start))

    def blank(number: int) -> bool:
        return not (0 <= number < len(lines)) or not source[lines[number][0]:lines[number][1]].strip(" \t\r\xa0\f\v")

    for number, (line_start, line_end) in enumerate(lines):
        line = source[line_start:line_end]
        if not line.strip(" \t\r\xa0\f\v"):
            flush()
            continue
        stripped_start = line_start + (len(line) - len(line.lstrip()))
        first = source[stripped_start:stripped_start + 1]
        numbered = (first.isdigit() or first in "IVX") and _NUMBERED_HEADING.fullmatch(line.strip())
        # a numbered heading stands on its own line: "1. Introduction" between blank lines, not one item of a
        # numbered list ("1. Lower fares" directly above "2. More buses"); "2.1 ..." numbers a subsection
        if numbered and len(line.split()) <= 13 and (
                _SUBSECTION_NUMBER.match(line.strip())
                or ((blank(number - 1) or not _BULLET.match(source, lines[number - 1][0]))
                    and (blank(number + 1) or (not _BULLET.match(source, lines[number + 1][0])
                                               and source[lines[number + 1][0]:lines[number + 1][1]].lstrip()[:1]
                                               .isupper())))):
            flush()
            current.append((line_start, line_end))
            flush(heading=True)
            continue
        if not current and not blank(number + 1) and first.isupper() and _SIDE_HEADING.fullmatch(line.strip()):
            current.append((line_start, line_end))  # "POINT: ..." over its byline, no blank line between
            flush(heading=True)
            continue
        if not current and not blank(number + 1) and _glued_heading(line.strip(), source[slice(*lines[number + 1])]):
            # a heading pasted without the blank line after it ("Skip the Bypass\nThe council voted ..."), as web
            # pages copied as text and PDF text layers give them: a title-like line clearly shorter than the
            # line below it, which starts a sentence (a wrapped paragraph's first line is as long as the next)
            current.append((line_start, line_end))
            flush(heading=True)
            continue
        field = _HEADER_FIELD.fullmatch(line.strip()) if first.isalpha() else None
        if field is not None and not any(b.kind != "heading" and not is_furniture(b.text) for b in result):
            # a header field above the text (nothing but headings and furniture before it) stands alone; the
            # subject names the text, a heading whose words start after its label
            flush()
            value = stripped_start + field.start("value")
            subject = field.group("field").lower() in _SUBJECT_FIELDS
            result.append(Block(stripped_start, stripped_start + len(line.strip()), line.strip(),
                                "heading" if subject else "paragraph", value if subject else stripped_start))
            continue
        if current and _ATTRIBUTION.match(line):
            flush()  # "> — Jane Roe": the attribution under a block quote is no part of the quote
        if _BULLET.match(source, line_start) or _MD_HEADING.match(source, stripped_start):
            flush()
            current.append((line_start, line_end))
            if _MD_HEADING.match(source, stripped_start):
                flush()
            continue
        current.append((line_start, line_end))
    flush()
    result = _stacked_front_matter(source, result)
    # a heading in sentence case ("Key findings", "About us"): a short line of its own, without sentence
    # punctuation, between the title and a longer paragraph or list below it; in Markdown it may be set in bold
    # ("**Key takeaways**", as a heading, not a claim)
    for number in range(1, len(result) - 1):
        block, below = result[number], result[number + 1]
        bare = _EMPHASISED_LINE.fullmatch(block.text)
        text = bare.group(1) if bare else block.text
        if (block.kind == "paragraph" and len(text) <= 80 and "\n" not in text
                and len(text.split()) <= _SHORT_HEADING_WORDS
                and text[:1].isupper() and text[-1:].isalnum() and below.kind != "heading"
                and len(below.text) >= 2 * len(text) and not is_furniture(text)):
            result[number] = Block(block.start, block.end, block.text, "heading", block.start)
    return result


_EMPHASISED_LINE = re.compile(r"(?:\*\*|__)([^*_\n]+)(?:\*\*|__)")
_STACKED_LINES = 6


def _stacked_front_matter(source: str, found: list[Block]) -> list[Block]:
    """A text's first block made of short lines none of which ends a sentence, each opening with a capital or a
    digit ("Testimony of Dr. Jane Roe, ... / Before the Committee on ... / June 4, 2026", "Title / Executive
    summary"): a title stacked over its front matter without blank lines, as a printed page's first lines are. Each
    line is a block of its own, so the title is the first line's and the lines under it are read as headings,
    dates or furniture; before, the whole block was a paragraph, no title, and a later line was taken for it. A
    wrapped paragraph ends a sentence and its lines run on in lower case; a title wrapped onto two lines ("A Plan for
    / the City") continues in lower case, so it stays one block; a web page's chrome ("Skip to main content / Menu /
    Opinion") stays one block of furniture."""
    if not found or found[0].kind != "paragraph" or "\n" not in found[0].text:
        return found
    first = found[0]
    lines = [line for line in first.text.split("\n") if line.strip()]
    if not 2 <= len(lines) <= _STACKED_LINES or any(
            len(line.strip()) > 110 or line.rstrip(" \t*_”\"’)")[-1:] in ".!?;,"
            or _CHROME_LINE.match(line.strip(" \t#*_>")) is not None  # a web page's chrome ("Skip to ... / Menu")
            or not (line.strip(" \t*_#")[:1].isupper() or line.strip(" \t*_#")[:1].isdigit()) for line in lines):
        return found
    split: list[Block] = []
    pos = first.start
    for line in first.text.split("\n"):
        start = source.index(line, pos)
        pos = start + len(line)
        ts, te = _trim(source, start, pos)
        if ts < te:
            text = source[ts:te]
            split.append(Block(ts, te, text, "heading" if _is_heading_text(text) else "paragraph", ts))
    return split + found[1:]


_SHORT_HEADING_WORDS = 6


def _glued_footnote_ends(text: str, start: int, end: int) -> list[int]:
    """The ends of ``_GLUED_FOOTNOTE``'s matches in ``text[start:end]`` (``finditer(text, start, end)``), found by
    ``_GLUED_FOOTNOTE_MARK_FIRST``."""
    ends = []
    for m in _GLUED_FOOTNOTE_MARK_FIRST.finditer(text, start, end):
        if m.start() == start:  # the letter before the mark is outside the span: the plain pattern decides
            return [m.end() for m in _GLUED_FOOTNOTE.finditer(text, start, end)]
        ends.append(m.end())
    return ends


def sentences(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``source[start:end]``, trimmed, in order, footnote-aware."""
    text = source[start:end]
    spans: list[tuple[int, int]] = []
    for s, e in nupunkt.sent_spans(text) if text.strip() else []:
        # nupunkt keeps line breaks inside a sentence; split at blank lines just in case.
        cut = s
        for m in _BLANK_LINE.finditer(text, s, e):
            spans.append((cut, m.start()))
            cut = m.end()
        spans.append((cut, e))
    fixed: list[tuple[int, int]] = []
    for s, e in spans:
        cut = s
        ends = _glued_footnote_ends(text, s, e)
        ends += [m.end() for m in _MISSED_END.finditer(text, s, e)
                 if not _LOWER_ABBREVIATION.search(text, max(s, m.start() - 8), m.start())]
        for end_at in sorted(set(ends)):
            if cut < end_at < e:
                fixed.append((cut, end_at))
                cut = end_at
        fixed.append((cut, e))
    merged: list[tuple[int, int]] = []
    for s, e in fixed:
        ts, te = _trim(text, s, e)
        if ts >= te:
            continue
        if merged:
            if _ONLY_CLOSERS.fullmatch(text, ts, te):
                merged[-1] = (merged[-1][0], te)  # '”12' belongs to the sentence before it
                continue
            lead = _LEADING_CLOSERS.match(text, ts, te)
            if lead:  # '”27 The UN Security Council ...': the closer ends the sentence before
                merged[-1] = (merged[-1][0], lead.end())
                ts, te = _trim(text, lead.end(), te)
                if ts >= te:
                    continue
            prev_start, prev_end = merged[-1]
            # the abbreviations are at most 5 characters: search only the end of the sentence before
            if text[prev_end - 1] == "." and _ABBREVIATION_END.search(text, max(prev_start, prev_end - 8), prev_end):
                merged[-1] = (merged[-1][0], te)  # "U.S. | Ambassador": not a sentence end
                continue
        merged.append((ts, te))
    for k in range(len(merged) - 1) if '"' in text or "“" in text else ():  # no mark: nothing to move
        # 'application. "' | 'Half of my ...," said X.': a quotation mark after a space opens the next sentence
        (s0, e0), (s1, e1) = merged[k], merged[k + 1]
        if e0 - s0 > 2 and text[e0 - 1] in "\"“" and text[e0 - 2].isspace() and e0 <= s1:
            merged[k] = _trim(text, s0, e0 - 1)
            merged[k + 1] = (e0 - 1, e1)
    return [(start + s, start + e) for s, e in merged]


# --- title, authors, furniture ------------------------------------------------------

_NAME = (rf"[{NAME_CAPITALS}][a-zà-ÿ{NAME_SMALL_EXTENDED}{NAME_CAPITALS}’'\.\-]+"
         r"(?:[ \t]+(?:(?:de|da|van|von|der|le|la|al-|bin|ag|ibn)[ \t]+){0,2}"
         rf"[{NAME_CAPITALS}][a-zà-ÿ{NAME_SMALL_EXTENDED}{NAME_CAPITALS}’'\-]+){{1,3}}")
_AND = r"(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*)"
# a blog's byline may carry the date after a separator: "By Jane Roe · 12 March 2026", "Posted by Jane Roe | March 3,
# 2026 | 7 min read"
_DATE_TAIL = rf"[ \t]*[·|•–—][ \t]*(?i:{_DATE})(?:[ \t]*[·|•–—][^\n·|•–—]{{1,30}})?"
# markdown emphasis or a quote marker may wrap the line ("*By A and B*")
# an organisation signing as the author: "By the Editorial Board", "By the Sleep Health Policy Project"
_BODY_NAME = r"the[ \t]+(?-i:[A-Z][\w’'\-]+(?:[ \t]+(?:(?:of|for|on|the)[ \t]+)*[A-Z][\w’'\-]+){0,6})"
# also a publication line naming who issued it: "A policy brief from the Clean Power Lab", "A report by Jane Roe"; names
# are capitalised: "By the way" is no byline
_BYLINE = re.compile(rf"^[ \t#*_>]*(?:by|"
                     r"(?:written|interview|interviewed|reviewed|words|text|reporting|story|prepared) by|"
                     r"authors?:|(?:an?[ \t]+(?:[\w’'\-]+[ \t]+){0,3}?)?(?:brief|briefing|report|paper|note|memo|"
                     r"analysis|study|commentary|opinion|essay)[ \t]+(?:from|by))"
                     rf"[ \t]+((?-i:{_NAME})(?:{_AND}(?-i:{_NAME}))*|{_BODY_NAME})(?:{_DATE_TAIL})?[ \t*_]*$",
                     re.IGNORECASE | re.MULTILINE)
# a blog's or news page's date line that names the author: "Posted on 3 February 2026 by Jane Roe", "Published by
# Jane Roe on March 3, 2026" (the date line is furniture; its name is the author)
_DATED_BYLINE = re.compile(rf"^[ \t*_]*(?i:(?:posted|published|written)(?:[ \t]+on)?[ \t]+{_DATE}[ \t]+by|"
                           rf"(?:posted|published|written)[ \t]+by)[ \t]+({_NAME}(?:{_AND}{_NAME})*|{_BODY_NAME})"
                           rf"(?:(?:,[ \t]+[^,\n*_]{{1,80}}?,?)?(?i:[ \t]+on[ \t]+{_DATE})|{_DATE_TAIL}"
                           rf"|,[ \t]+(?i:(?:last[ \t]+)?(?:updated|revised)(?:[ \t]+on)?)[ \t]+(?i:{_DATE})"
                           r")?[ \t*_]*$",
                           re.MULTILINE)  # "Posted by Dr. Jane Roe, community dentist, on 2 May 2027"
# (also a body: "Published by the Department for Environment, updated 3 March 2027", an FAQ page's or a notice's)
_BIO = re.compile(rf"(?:^|(?<=[.!?][ \t]))({_NAME}) (?:(?:is|was|serves as|has been) (?:an? |the |[A-Z]|"
                  r"(?:director|head|chair|professor|editor|president|dean|founder|co-founder|senior|chief|deputy|"
                  r"executive|associate|assistant|lecturer|reader|principal|partner)\b)|"
                  r"writes (?:about|on|for) |works (?:at|for|as|on) |teaches )")
_BIO_CUE = re.compile(
    r"\b(?:director|professor|fellow|associate|analyst|researcher|editor|author|journalist|correspondent|"
    r"lecturer|scholar|chair|founder|program|programme|university|institute|center|centre|school|"
    r"book|ph\.?d|writer|officer|adviser|advisor)\b",
    re.IGNORECASE,
)
_NAME_AT_START = re.compile(_NAME)
_THIRD_PERSON_VERB = re.compile(r"(?:also\s+)?[a-z]{2,}s\b(?<!ss)")  # "chairs", "runs", "also leads"; not "across"
_NOT_NAME_START = frozenset(str.split(
    "The This That These Those It Its A An In On At If When While As Our Their His Her We They He She Key")
)


_HONORIFIC = re.compile(r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame)\.?[ \t]+(?=[A-Z])")
# a testimony's or statement's title names who speaks: "Testimony of Dr. Jane Roe", "Prepared Statement of Jane Roe,
# Director ...", "Remarks by Jane Roe"
# ("Statement of Community Involvement", "Remarks on Policy" are no witness: a statement or remarks need the
# witness's title, "Statement of Senator Jane Roe", "Remarks by Dr. Jane Roe")
_WITNESS_TITLE = (r"(?:Rt\.?[ \t]+Hon|Right[ \t]+Honou?rable|Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame|Hon|Honou?rable|"
                  r"Senator|Representative|Rep|Sen|Governor|Gov|"
                  r"Mayor|Minister|Secretary|Commissioner|Councillor|Councilmember|Ambassador|President|Premier|"
                  r"Chancellor)\.?")
# a speaker named after their post: "Remarks by the Minister for Social Security, the Hon. Jane Roe, at ...",
# "Speech by the Mayor of Eastgate, Councillor Jane Roe"
_POST_BEFORE_NAME = r"(?:the[ \t]+[A-Z][^,\n]{2,80},[ \t]+(?:the[ \t]+)?)?"
_TESTIMONY_TITLE = re.compile(
    rf"[ \t#*_]*(?:(?i:(?:(?:prepared|written|oral|opening)[ \t]+)?testimony[ \t]+(?:of|by))[ \t]+"
    rf"(?:{_WITNESS_TITLE}[ \t]+)?|(?i:(?:(?:prepared|written|opening)[ \t]+)?(?:statement|remarks|speech|address)"
    rf"[ \t]+(?:of|by))"
    rf"[ \t]+{_POST_BEFORE_NAME}{_WITNESS_TITLE}[ \t]+)({_NAME})"
    rf"(?:,[^\n]{{0,150}}|[ \t]+(?:at|to|on|before)[ \t][^\n]{{0,150}})?"
    r"[ \t*_]*")


_SENTENCE_ENDS = re.compile(r"[a-z0-9%)][.!?][”\"’)]*(?:\s|$)")


def testimony_speaker(source: str, found: list[Block]) -> str | None:
    """Who gives the testimony its title names ("Testimony of Dr. Jane Roe" -> "Jane Roe"), if it is one."""
    block = title_block(found)
    if block is None:
        return None
    named = _TESTIMONY_TITLE.fullmatch(source[block.content_start:block.end].split("\n")[0])
    return without_honorific(named.group(1)) if named else None


def testimony_front_matter(source: str, found: list[Block]) -> set[int]:
    """Starts of a testimony's front matter: the lines between its title and its first sentence (the witness's
    post, the committee, the hearing, the date), none of them an argument."""
    if testimony_speaker(source, found) is None:
        return set()
    title = title_block(found)
    # the title itself: "Remarks by the Minister ..., the Hon. Jane Roe, at ..." names who speaks, argues nothing
    result: set[int] = {title.start} if title is not None else set()
    for block in found[found.index(title) + 1 if title in found else 0:]:
        if block.kind != "heading" and _SENTENCE_ENDS.search(block.text):
            break
        result.add(block.start)
    return result


# a title that names what kind of document the text is, and whose: "Response of the X Association to the consultation
# ...", "Report of the Public Safety Committee on ...", "Submission to the Inquiry into ...", "Transcript: ...",
# "Minutes of ...", an FAQ page (no headline stating a thesis: the text states its position in its body; no statement
# either)
DOCUMENT_KIND_TITLE = re.compile(r"[ \t#*_]*(?:(?:the|a|an|our|joint)[ \t]+)?(?:(?:consultation|written|formal|final|"
                                 r"interim|annual)[ \t]+)?(?:(?:response|submission|comments?|report|minutes|"
                                 r"transcript|representations?)[ \t]+(?:of|to|from|by|on|for)\b|"
                                 r"(?:transcript|minutes)[ \t]*:|"
                                 # an FAQ page: "Bottle deposits: frequently asked questions", "FAQ: the new levy"
                                 r"[^\n]{0,80}?\b(?:frequently[ \t]+asked[ \t]+questions|faqs?)\b)", re.IGNORECASE)


def title_block(found: list[Block]) -> Block | None:
    """The block that titles the text: a heading or a single line among its first three blocks, after the
    furniture a page may open with (front matter, "Skip to main content", a date line)."""
    start = 0
    while start < len(found) - 1 and is_furniture(found[start].text):
        start += 1
    for block in found[start:start + 8]:
        # a letter's "Re: ..." / "Subject: ..." line under its letterhead and addresses names what it is about
        if block.kind == "heading" and block.content_start > block.start and block.text[:1] in "RrSs":
            field = _HEADER_FIELD.fullmatch(block.text.strip())
            if field is not None and field.group("field").lower() in _SUBJECT_FIELDS:
                return block
    for block in found[start:start + 3]:
        if block.kind == "heading" or ("\n" not in block.text and len(block.text) <= 200):
            return block
    return None


def title_from(source: str, found: list[Block]) -> str | None:
    block = title_block(found)
    return (source[block.content_start:block.end].strip() or None) if block is not None else None




def without_honorific(name: str) -> str:
    """"Dr. Jane Roe" -> "Jane Roe": the title is no part of the name a byline and a bio share."""
    return _HONORIFIC.sub("", name, count=1) if name[:1] in "DPMS" and " " in name else name


# an editorial signed by its board on a line of its own, with no "By": "The Editorial Board", "The Editors"
_BOARD_BYLINE = re.compile(r"^[ \t#*_>]*(?:the[ \t]+)?(editorial[ \t]+board|editors)[ \t*_]*$",
                           re.IGNORECASE | re.MULTILINE)


for _pattern in (_BYLINE, _DATED_BYLINE, _BOARD_BYLINE):
    line_anchored(_pattern)


# a post after a byline's name, no second author: "By Jane Roe, Energy Correspondent", "By Jane Roe, Staff Writer"
_BYLINE_POST = re.compile(r"(?:[\w’'\-]+[ \t]+){0,3}(?:correspondent|editor|reporter|writer|columnist|contributor|"
                          r"critic|staff|desk|bureau|chief|director|fellow|professor|analyst|researcher|lecturer|"
                          r"officer|adviser|advisor|president|chair|economist|scientist|producer)s?", re.IGNORECASE)


def _split_names(names: str) -> list[str]:
    return [without_honorific(n.strip()) for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names)
            if n.strip() and not _BYLINE_POST.fullmatch(n.strip())]


def _byline_names(source: str, found: list[Block]) -> list[str]:
    """The names of a byline near the top ("By A and B"), if there is one."""
    head = source[: found[min(len(found), 12) - 1].end] if found else ""
    # each pattern matched at the head's line starts only (``search_line_starts``: the same match as its search)
    m = search_line_starts(_BYLINE, head) or search_line_starts(_DATED_BYLINE, head)
    if m is None:
        board = search_line_starts(_BOARD_BYLINE, head)
        if board:
            return [" ".join(w.capitalize() for w in board.group(1).split())]
    if m and re.match(_BODY_NAME, m.group(1), re.IGNORECASE):
        return [m.group(1)[4:].strip()]  # one organisation: its name, whatever words it holds
    return _split_names(m.group(1)) if m else []


def is_byline(text: str) -> bool:
    """A line that only names the authors ("By A and B"): furniture, not a section heading."""
    bare = text.strip(" \t#*_>")
    return (_BYLINE.fullmatch(bare) is not None or _DATED_BYLINE.fullmatch(bare) is not None
            or _BOARD_BYLINE.fullmatch(bare) is not None)


def bio_blocks(source: str, found: list[Block]) -> list[tuple[Block, list[str]]]:
    """Author-bio paragraphs in the last third of the text, with the names they introduce: a name the
    byline gives ("Jane Roe is a former county commissioner.") or one whose sentence names a profession
    or an institution."""
    result: list[tuple[Block, list[str]]] = []
    bylined: set[str] | None = None
    tail_from = int(len(source) * 0.6)
    for block in found:
        if block.start < tail_from or block.kind != "paragraph":
            continue
        # an italic or bold bio ("*Jane Roe is a fellow ...*") is read without its emphasis markers
        text = block.text.lstrip("*_") if block.text[:1] in "*_" else block.text
        if not _NAME_AT_START.match(text):
            continue  # a bio starts with the name it introduces: skip the regex scan of the paragraph
        names = []
        for m in _BIO.finditer(text):
            name = without_honorific(m.group(1))
            if name.split()[0] in _NOT_NAME_START:
                continue
            sentence_end = text.find(". ", m.end())
            sentence = text[m.start(): sentence_end if sentence_end != -1 else len(text)]
            if bylined is None:
                bylined = set(_byline_names(source, found))
            if name in bylined or _BIO_CUE.search(sentence):
                names.append(name)
        if not names:
            # "Ines Carvalho chairs the residents' association ...": the byline's name and a verb in the third person
            # (the body never speaks of its author so); other verbs than _BIO's need the byline
            if bylined is None:
                bylined = set(_byline_names(source, found))
            plain = without_honorific(text)
            names = [name for name in bylined if plain.startswith(name + " ")
                     and _THIRD_PERSON_VERB.match(plain, len(name) + 1) is not None][:1]
        if names and without_honorific(text).startswith(names[0]):
            result.append((block, names))
    return result


def _side_bylines(found: list[Block]) -> list[str]:
    """The names of the bylines right under a debate's side headings ("POINT: ..." then "By Jane Roe"), in order."""
    names: list[str] = []
    for heading, below in zip(found, found[1:], strict=False):
        bylined = _BYLINE.fullmatch(below.text.strip(" \t*_")) if heading.kind == "heading" else None
        if bylined and names_a_side(heading.text):
            names.extend(name for name in _split_names(bylined.group(1)) if name not in names)
    return names


# an office or body sending a memo, named in capitalised words joined by "of" / "for" / "and" ("Office of Patient Flow",
# "The Policy Unit", "Department for Transport"): a name, unlike a person's, may hold those small words
_SENDING_BODY = re.compile(r"(?:[Tt]he[ \t]+)?[A-Z][\w’'&-]*"
                           r"(?:[ \t]+(?:(?:of|for|and|on|the)[ \t]+)*[A-Z][\w’'&-]*){1,7}")


def authors_from(source: str, found: list[Block]) -> tuple[str, ...]:
    """Authors from a byline near the top ("By A and B"), bio lines at the end ("A is ...") or the signature
    under a letter's sign-off ("Yours faithfully, / Jane Roe")."""
    bylined = _byline_names(source, found)
    if bylined:
        sides = _side_bylines(found)  # "POINT: ..." / "By A", "COUNTERPOINT: ..." / "By B": both write the piece
        return tuple(sides) if len(sides) > 1 and bylined[0] in sides else tuple(bylined)
    witness = testimony_speaker(source, found)
    if witness:
        return (witness,)
    for block in found[:12]:  # "From: Jane Roe <jane@...>", "FROM: Jane Roe, Director of ...": the sender
        field = _HEADER_FIELD.fullmatch(block.text) if "\n" not in block.text else None
        if field is not None and field.group("field").lower() == "from":
            value = field.group("value").strip(" \t*_")
            sender = _NAME_AT_START.match(value)
            if sender:
                return (without_honorific(sender.group(0)),)
            office = _SENDING_BODY.fullmatch(value.split(",")[0].split("<")[0].strip())
            if office:  # "From: Office of Patient Flow", "FROM: The Policy Unit": an office sends it
                return (office.group(0).removeprefix("the ").removeprefix("The "),)
    names: list[str] = []
    for _, found_names in bio_blocks(source, found):
        names.extend(n for n in found_names if n not in names)
    if not names:
        for number, block in enumerate(found):
            if _signs_off(block.text):
                # the name under the sign-off, in its block ("Signed for the Committee, / Councillor Jane Roe") or the
                # next, without the title before it
                below = block.text.strip(" \t*_").partition("\n")[2] or (
                    found[number + 1].text if number + 1 < len(found) else "")
                signer = _NAME_AT_START.match(_SIGNER_TITLE.sub("", below.lstrip(" \t*_"), count=1))
                if signer:
                    names.append(without_honorific(signer.group(0).split("\n")[0].strip()))
                break
    if not names:
        signature = signature_blocks(source, found)
        if signature:
            names.append(without_honorific(signature[0].text.split("\n")[0].strip(" \t*_")))
    if not names:
        issuer = boilerplate_issuer(source, found)
        if issuer:  # "About Ocean Trust" closing a press release: the body that issued it
            names.append(issuer)
    return tuple(names)


def _boilerplate_heading(source: str, found: list[Block]) -> int | None:
    """The number of the "About X" heading closing a text with at most three blocks under it (a press release's
    boilerplate: who issued it), if there is one."""
    headings = [number for number, block in enumerate(found) if block.kind == "heading"]
    if headings and len(found) - headings[-1] - 1 <= _ABOUT_BLOCKS and _ABOUT_HEADING.fullmatch(
            heading_text(source, found[headings[-1]])):
        return headings[-1]
    return None


def boilerplate_issuer(source: str, found: list[Block]) -> str | None:
    """The organisation a closing "About X" section names by a proper name ("About Ocean Trust" -> "Ocean Trust";
    not "About us" or "About the author"), if the text has one."""
    number = _boilerplate_heading(source, found)
    if number is None:
        return None
    named = _ABOUT_HEADING.fullmatch(heading_text(source, found[number]))
    name = named.group("name") if named is not None else None
    return name.removeprefix("the ").removeprefix("The ") if name else None


# the sections of a text's scholarly apparatus ("Notes", "References") and a letter's sign-off
_APPARATUS_HEADING = re.compile(r"(?:end|foot)?notes|references|bibliography|sources|works cited|further reading|"
                                r"(?:notes|sources) and (?:references|sources|notes)|acknowledge?ments", re.IGNORECASE)
_SIGN_OFF = re.compile(r"(?:yours (?:faithfully|sincerely|truly)|(?:with )?(?:kind|best|warm|warmest) "
                       r"(?:regards|wishes)|sincerely(?: yours)?|regards|respectfully(?: submitted| yours)?|"
                       # a body's report signed by its chair: "Signed for the Committee,", "Signed on behalf of X,"
                       r"signed (?:for|on behalf of) [^,\n]{3,80}),?",
                       re.IGNORECASE)


def _signs_off(text: str) -> bool:
    """The block is a sign-off ("Yours faithfully,"), or one over the signer's name and post, at most two short lines
    that end no sentence ("Signed for the Committee, / Councillor Jane Roe, Chair")."""
    first, _, rest = text.strip(" \t*_").partition("\n")
    if not _SIGN_OFF.fullmatch(first.strip(" \t*_")):
        return False
    lines = [line.strip(" \t*_") for line in rest.split("\n")] if rest else []
    return len(lines) <= 2 and all(line and len(line) <= 80 and line[-1:] not in ".!?:;\"”" for line in lines)
_ABOUT_HEADING = re.compile(r"(?i:about)[ \t]+(?:(?i:us|the[ \t]+authors?|the[ \t]+organi[sz]ation)|"
                            r"(?P<name>(?:the[ \t]+)?[A-Z][\w&’'.\-]*"
                            r"(?:[ \t]+(?:(?:of|for|and|on|the|&)[ \t]+)*[A-Z][\w&’'.\-]*){0,6}))")
_ABOUT_BLOCKS = 3
# the attribution line of a Markdown block quote ("> — Jane Roe, a councillor"); a bare "— Name" line under a quoted
# line stays with the genres that read it (csis_brief's pull quotes)
_ATTRIBUTION = re.compile(r"[ \t]*>[ \t]*[—–―][ \t]*\S")
# a letter's signature without a sign-off: the writer's name on a line of its own, and at most two short lines under it
# (a town, a role) that end no sentence ("Margaret Doyle / Eastgate", "Dr Jane Roe / Professor of History, Leeds")
_SIGNER_TITLE = re.compile(rf"{_WITNESS_TITLE}[ \t]+(?=[A-Z])")
_SIGNATURE_NAME = re.compile(rf"(?:{_HONORIFIC.pattern})?{_NAME}")
# the post under a signature's name: "Chair, Harbourside Residents' Association", "Director of Policy", "Executive
# Director, Clean Air Now" (a text signed so is signed, letter or not: a consultation response, a committee's report)
_SIGNATURE_POST = re.compile(r"(?:(?:vice|deputy|acting|interim|executive|senior|co-?)[ \t-]?)?"
                             r"(?:chair(?:man|woman|person)?|president|director|secretary|chief[ \t]+executive|"
                             r"treasurer|convenor|convener|coordinator|head|manager|founder|spokes(?:person|man|woman)|"
                             r"ceo|general[ \t]+counsel|clerk)\b(?:[ \t]+(?:of|for)\b|,|$)", re.IGNORECASE)
_LETTER_OPENING = re.compile(r"[ \t*_]*(?:dear[ \t]+[^,:\n]{1,60}|sir|madam|sir[ \t]+or[ \t]+madam|"
                             r"(?:to[ \t]+)?the[ \t]+editors?)[ \t]*[,:]", re.IGNORECASE)


_SIGNER_LINE = re.compile(rf"(?:{_HONORIFIC.pattern}|(?:Rev|Revd|Cllr|Councillor|Senator|Rep)\.?[ \t]+)?"
                          rf"({_NAME}),[ \t]+[^.!?\n]{{3,120}}")


def _signs_lines(text: str) -> bool:
    """Every line of the block names a signer and their post or body ("Jane Roe, Chair, Friends of the Library"),
    ending no sentence."""
    lines = [line.strip(" \t*_") for line in text.split("\n")]
    return all(line[-1:] not in ".!?:;\"”" and len(line.split()) <= 16 and _SIGNER_LINE.fullmatch(line)
               for line in lines)


def _signer_blocks(found: list[Block]) -> set[int]:
    """The numbers of the blocks right under a paragraph whose every line names a signer (``_signs_lines``): the
    signatures under an argument, a line each ("Jane Roe, Chair, Friends of the Library / Rev. John Doe, Parents
    Association"). Alone on its line a signature may read as a heading, so any kind of block counts."""
    return {number for number, (previous, block) in enumerate(zip(found, found[1:], strict=False), 1)
            if previous.kind == "paragraph" and block.text.count("\n") <= 3 and "," in block.text
            and _signs_lines(block.text)}


def signature_blocks(source: str, found: list[Block]) -> list[Block]:
    """The last blocks of a letter (a text addressed "Sir," / "Dear Editor," / "To the editor:", or under a "Letters"
    label) when they only sign it: a name line, and at most two short lines under it that end no sentence (in its
    block or the next: a name line over a longer one reads as a heading of its own). Letters to a newspaper are
    signed so, with no "Yours faithfully" above the name. The first line of the first block is the name."""
    if len(found) < 3:
        return []
    for signed in (found[-1:], found[-2:]):
        lines = [line.strip(" \t*_") for block in signed for line in block.text.split("\n")]
        if (len(lines) > 3 or not _SIGNATURE_NAME.fullmatch(lines[0]) or len(lines[0].split()) > 5
                or any(len(line) > 80 or line[-1:] in ".!?:;\"”" or not line for line in lines)
                or any(block.kind == "heading" and "\n" in block.text for block in signed)):
            continue
        letter = any(_LETTERS_LABEL.fullmatch(block.text.strip(" \t#*_")) or _LETTER_OPENING.match(block.text)
                     for block in found[:6])
        return signed if letter or (len(lines) > 1 and _SIGNATURE_POST.match(lines[1])) else []
    return []


_QUOTE_OPENERS = "“\"‘'«"
_NON_WORD = re.compile(r"[\W_]+")
_PULL_QUOTE_REACH = 40  # blocks each side: a pull quote repeats a sentence of the text near it


def _words(text: str) -> str:
    return " " + " ".join(_NON_WORD.sub(" ", text.lower()).split()) + " "


# a pull quote: a paragraph that is one quotation, then a short line naming who said it ("— Jane Roe, a councillor");
# the line is its attribution, never a statement (csis_brief reads the same shape)
_QUOTE_CLOSERS = "”\"’'»"
_DASHES = "—–―"


@dataclass(frozen=True, slots=True)
class PullQuote:
    quote_end: int  # where the quotation ends (the block's end, or its first line's when the name line is glued)
    attribution: str  # the "— Name, role" line
    attribution_block: Block | None  # that line's own block, when it is one


def _is_quotation(line: str) -> bool:
    text = line.strip(" \t*_>")
    return text[:1] in _QUOTE_OPENERS and text[-1:] in _QUOTE_CLOSERS


def _is_attribution(line: str) -> bool:
    text = line.strip(" \t*_>")
    return text[:1] in _DASHES and len(text) <= 200 and text[1:].strip()[:1].isupper()


def pull_quotes(found: list[Block]) -> dict[int, PullQuote]:
    """{start of a paragraph that is one quotation (in quotation marks, or a '>' block quote): its "— Name, role"
    line}: the next block, or the paragraph's last line when they were printed without a blank line between."""
    out: dict[int, PullQuote] = {}
    for number, block in enumerate(found):
        opening = block.text.lstrip(" \t*_")[:1]
        if block.kind != "paragraph" or (opening not in _QUOTE_OPENERS and opening != ">"):
            continue
        lines = block.text.split("\n")
        marked = all(line.lstrip()[:1] == ">" for line in lines)  # a Markdown block quote, every line
        following = found[number + 1] if number + 1 < len(found) else None
        if len(lines) >= 2 and _is_attribution(lines[-1]) and (marked or (len(lines) == 2 and _is_quotation(lines[0]))):
            quoted = "\n".join(lines[:-1]).rstrip()
            out[block.start] = PullQuote(block.start + len(quoted), lines[-1].strip(" \t*_>"), None)
        elif ((marked or (len(lines) == 1 and _is_quotation(lines[0]))) and following is not None
              and following.kind == "paragraph" and "\n" not in following.text and _is_attribution(following.text)):
            out[block.start] = PullQuote(block.end, following.text.strip(" \t*_>"), following)
    return out


def without_attributions(source: str, body: list[Block], pulled: dict[int, PullQuote]) -> list[Block]:
    """``body`` with each pull quote cut to its quotation (a name line glued under it is no statement)."""
    out = []
    for block in body:
        quote = pulled.get(block.start)
        if quote is not None and quote.quote_end < block.end:
            block = Block(block.start, quote.quote_end, source[block.start:quote.quote_end], block.kind,
                          block.content_start)
        out.append(block)
    return out


_STANDFIRST_REACH = 5
# a standfirst of credits opens with a byline's words or a notice: "Interview by", "By", "Reporting by", "This
# interview"
_CREDIT_START = re.compile(r"[ \t*_>]*(?:(?:interview(?:ed)?|written|reporting|words|reviewed|compiled|edited)[ \t]+by|"
                           r"translated[ \t]+(?:from|by)|"
                           # a transcript's standfirst: "A panel held at the X Forum, 18 May 2027. Speakers: ..."
                           r"(?:an?|the)[ \t]+(?:panel|roundtable|webinar|public[ \t]+meeting)(?:[ \t]+discussion)?"
                           r"[ \t]+(?:held|recorded|hosted|organi[sz]ed)|"
                           r"(?:speakers|panel+ists|participants|guests)[ \t]*:[ \t]*(?=(?-i:[A-Z]))|"
                           r"by|"
                           r"this[ \t]+(?:interview|conversation|transcript))\b", re.IGNORECASE)


def _is_credit(sentence: str) -> bool:
    """The sentence credits the text (a byline, "Interview by Jane Roe."), introduces someone ("Dr. Tom Reyes is a
    surgeon at ...") or is a notice ("This interview has been edited for length and clarity.")."""
    bare = sentence.strip(" \t*_>").rstrip(".").strip(" \t*_")
    return is_furniture(bare) or _BIO.match(bare) is not None or _CREDIT_START.match(bare) is not None or (
        _PANEL_CHAIR.match(bare) is not None)


# who chairs a transcript's panel, in its standfirst: "Chair: Jane Roe", "Moderated by Jane Roe, BBC"
_PANEL_CHAIR = re.compile(r"(?:chair|chaired[ \t]+by|moderator|moderated[ \t]+by|host|hosted[ \t]+by)[ \t]*:?[ \t]+"
                          rf"(?-i:{_NAME})", re.IGNORECASE)


def apparatus(source: str, found: list[Block]) -> set[int]:
    """Starts of the blocks that are prose but not the argument: a testimony's front matter, a notes or references
    section (its heading and what follows up to the next heading), a letter's sign-off and what follows it, a pull
    quote (a quoted or '>'-marked line that repeats words of a paragraph near it) and a pull quote's
    "— Name" attribution line."""
    result: set[int] = testimony_front_matter(source, found)
    notes = False
    signed = False
    for block in found:
        if block.kind == "heading":
            notes = _APPARATUS_HEADING.fullmatch(heading_text(source, block)) is not None
        elif _signs_off(block.text):
            signed = True
        if notes or signed:
            result.add(block.start)
    # a standfirst of credits only: "*Interview by Jane Roe. Dr. Tom Reyes is a surgeon at ... This interview has been
    # edited for length and clarity.*" (each sentence a byline, a bio or a notice)
    for block in found[:_STANDFIRST_REACH]:
        if (block.kind == "paragraph" and len(block.text) <= 600 and _CREDIT_START.match(block.text)
                and len(_SENTENCE_ENDS.findall(block.text)) >= 2):  # two sentences at least: a byline line is one
            spans = sentences(source, block.content_start, block.end)
            if len(spans) >= 2 and all(_is_credit(source[s:e]) for s, e in spans):
                result.add(block.start)
    # a press release's boilerplate closing it: "About Ocean Trust" (a name) or "About us" / "About the author(s)", the
    # last heading, with at most three blocks under it: who issued the text, not what it argues
    boilerplate = _boilerplate_heading(source, found)
    if boilerplate is not None:
        result.update(block.start for block in found[boilerplate:])
    # "Margaret Doyle / Eastgate" under a letter: who wrote it, not what it argues
    result.update(block.start for block in signature_blocks(source, found))
    # the signers under an argument, a line each ("Jane Roe, Chair, Friends of the Library / Rev. John Doe, Parents
    # Association"): a voter guide's or a joint statement's signatures, not a statement of its argument
    result.update(found[number].start for number in _signer_blocks(found) if found[number].kind == "paragraph")
    for previous, block in zip(found, found[1:], strict=False):
        if _ATTRIBUTION.match(block.text) and len(block.text) <= 200 and previous.text[:1] == ">":
            result.add(block.start)  # "> — a librarian in Leeds": the block quote's attribution line
    # "— Jane Roe, a councillor" under a pull quote
    result.update(quote.attribution_block.start for quote in pull_quotes(found).values() if quote.attribution_block)
    candidates = [number for number, block in enumerate(found)
                  if block.kind == "paragraph" and "\n" not in block.text and len(block.text) <= 300
                  and (block.text[:1] == ">" or block.text.lstrip(" \t>*_")[:1] in _QUOTE_OPENERS)]
    if candidates:
        plain = {number: _words(found[number].text) for number in candidates}
        words_of: dict[int, str] = {}  # each block's words, made once: the reaches of nearby quotes overlap

        lowered: dict[int, str] = {}

        def repeats(quote: str, longest: str, other: int) -> bool:
            if other not in lowered:
                lowered[other] = found[other].text.lower()
            if longest not in lowered[other]:
                return False  # the quote's longest word is not there: no need to read the block's words
            if other not in words_of:
                words_of[other] = _words(found[other].text)
            return quote in words_of[other]

        for number in candidates:
            if len(plain[number].split()) < 4:
                continue
            near = range(max(0, number - _PULL_QUOTE_REACH), min(len(found), number + _PULL_QUOTE_REACH + 1))
            # the words repeated in a paragraph, or in a longer quoted line, not in a copy of the same pull quote
            longest = max(plain[number].split(), key=len)
            if any(other != number and (other not in plain or len(plain[other]) > len(plain[number]))
                   and found[other].kind != "heading" and repeats(plain[number], longest, other) for other in near):
                result.add(found[number].start)
    return result


# a label over a whole text, a line of its own: "PRESS RELEASE", "NEWS ANALYSIS", "OPINION" (in capitals: "Analysis" or
# "Opinion" in title case heads a section); a press release's end mark: "###", "-30-", "- ENDS -", "ENDS"
_RUBRIC = re.compile(r"(?i:(?:press|news|media) release|news analysis)|(?:NEWS |)(?:OPINION|COMMENTARY|EDITORIAL|"
                     r"OP-ED|GUEST ESSAY|PERSPECTIVE|ANALYSIS|EXPLAINER|INTERVIEW|REVIEW|BOOK REVIEW|THREAD)"
                     r"|[-–—]+[ \t]*(?i:ends?|30)[ \t]*[-–—]+|ENDS?")


# the details of a book under review, a line of its own: '"Shorter Days" by Jane Roe (Harbour Press, 312 pages, $28)',
# "A review of ... (Yale University Press, 2027; 288 pp.)"
_BOOK_DETAILS = re.compile(r"[^\n]{0,200}\((?:[^()\n]{0,80}[,;][ \t]*)?\d{2,4}[ \t]+(?:pages|pp\.?)"
                           r"(?:[,;][^()\n]{0,40})?\)"
                           r"[ \t.]*", re.IGNORECASE)


def is_furniture(text: str) -> bool:
    """Credits, corrections, notices, download links and bylines; date lines, rules, images, captions, tables,
    contact lines and a web page's chrome pasted as text: not part of the argument."""
    bare = text.strip(" \t#*_>")
    if FURNITURE.match(bare) or is_byline(text) or (len(bare) <= 30 and _RUBRIC.fullmatch(bare)):
        return True
    if "\n" in text:
        rows = [line for line in text.split("\n") if line.strip()]
        return ((text.lstrip()[:1] == "|" and all(_MD_TABLE_ROW.fullmatch(row) for row in rows))
                or (("  " in text or "\t" in text) and all(len(_COLUMN_GAP.findall(row.strip())) >= 2 for row in rows))
                or (text[:3] == "---" and _FRONT_MATTER.fullmatch(text) is not None)
                # an imprint, a line each: "Urban Transport Institute / March 2026" (as "Series | date" on one line)
                or (all(len(row.split()) <= 8 and row.rstrip()[-1:] not in ".!?:;,”\"" for row in rows)
                    and any(_is_date_line(row.strip(" \t*_")) for row in rows))
                # a postal address, a line each: "Office of the Secretary / 1200 New Jersey Avenue SE / Washington,
                # DC 20590", "Harbour House / 12 Quay Street / Leeds LS1 4AB" (a letter's letterhead or addressee)
                or (len(rows) <= 6 and all(len(row) <= 80 and row.rstrip()[-1:] not in ".!?:;”\"" for row in rows)
                    and any(_ADDRESS_LINE.search(row.strip(" \t*_")) for row in rows))
                # lines pasted from a page's header: "Skip to main content / Menu / Opinion", "By A / Published ..."
                or (all(len(row) <= _SHORT_LINE for row in rows)
                    and all(_KICKER.fullmatch(row.strip(" \t*_")) or is_furniture(row) for row in rows)
                    and not all(_KICKER.fullmatch(row.strip(" \t*_")) for row in rows)))
    if bare[:2] == "![" and _RULE_OR_IMAGE.fullmatch(bare):
        return True  # an image line, however long its address
    if bare[:2] == "[^" and _MD_FOOTNOTE_DEFINITION.match(bare):
        return True  # "[^3]: Office for National Statistics, 2024.": a Markdown footnote's text
    if len(bare) > _SHORT_LINE:
        return False  # a date, caption, contact, rule or chrome line is short; a paragraph is not furniture
    if not bare or _RULE_OR_IMAGE.fullmatch(bare) or _CONTACT_LINE.fullmatch(bare) or _MD_TABLE_ROW.fullmatch(text):
        return True
    if _SALUTATION.fullmatch(bare) or _LETTERS_LABEL.fullmatch(bare) or _MEMO_LABEL.fullmatch(bare):
        return True
    field = _HEADER_FIELD.fullmatch(bare)
    if field is not None and field.group("field").lower() not in _SUBJECT_FIELDS:
        return True
    if _CAPTION.match(bare) or ("(" in bare and _BOOK_DETAILS.fullmatch(bare)):
        return True
    if _is_date_line(bare):
        return True
    fields = _FIELD_SEPARATOR.split(bare)
    if len(fields) > 1 and all(len(f.split()) <= 8 for f in fields) and any(_is_date_line(f) for f in fields):
        return True  # "Policy Brief No. 14 | January 2026": a series label and a date
    return len(bare) <= 80 and _CHROME_LINE.match(bare) is not None


_SHORT_LINE = 200
_MD_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]\s]{1,20}\]:")


# the label of a newspaper's section above a headline, furniture only among other furniture lines
_KICKER = re.compile(r"(?:opinion|analysis|commentary|comment|editorial|op-ed|guest essay|perspective|news|features?|"
                     r"home|world|politics|business|economy|culture|science)", re.IGNORECASE)
_FIELD_SEPARATOR = re.compile(r"[ \t]+[|·•][ \t]+")


def _is_date_line(line: str) -> bool:
    date = _DATE_LINE.match(line)
    return date is not None and len(date.group("rest").split()) <= 10 and date.end() == len(line)


# Markdown front matter: "---", "key: value" lines, "---"
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?:[\w-]+[ \t]*:.*\n|[ \t]+.*\n|-[ \t].*\n)+---[ \t]*")


def heading_text(source: str, block: Block) -> str:
    return source[block.content_start:block.end].strip().strip("#*_ ").strip()


# an interview printed as questions and answers: "Q: ..." / "A: ..." opening a paragraph
# (emphasised in Markdown: "**Q:** ...", "**Q: ...?**")
_QA_LABEL = re.compile(r"(?:\*\*|__|[*_])?(?P<side>Q|A)[ \t]*:(?:\*\*|__|[*_])?[ \t]+(?=\S)")
_INTERVIEWEE = re.compile(rf"(?i:\binterview with|\bin conversation with|\bconversation with|\bq&a with|"
                          rf"\bquestions for)[ \t]+({_NAME})")


_TURN_LABEL_REACH = 100  # a name label's colon comes within this many characters of the paragraph's start
# an interview printed with its speakers' names as labels: "**Clara Jensen:** ...", "Jane Roe: ...", "DR. ROE: ..."
# (a person's name: two to four capitalised words, or an honorific and a surname)
_NAMED_TURN = re.compile(rf"(?=[^:\n]{{1,{_TURN_LABEL_REACH}}}:)"
                         rf"(?:\*\*|__)?(?P<name>(?:{_HONORIFIC.pattern})?{_NAME}|{_HONORIFIC.pattern}[A-Z][\w’'\-]+"
                         r"|[A-Z][A-Z’'\-]{1,}(?:[ \t]+[A-Z][A-Z’'\-]+){0,2})"
                         r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+(?=\S)")
_QUESTION_END = re.compile(r"\?[”\"’)*_ \t]*$")


def _named_turns(source: str, body: list[Block]) -> tuple[list[re.Match[str] | None], str | None]:
    """An interview whose turns open with the speakers' names ("**Clara Jensen:** ...", two names at least, each
    opening two turns at least, one of them asking: at least half of that name's turns end in a question mark):
    each block's label (None where a block opens with none) and the asker's name. Anything else: no labels."""
    # (a paragraph without a colon near its start opens with no label: the pattern is not tried)
    labels = [_NAMED_TURN.match(source, block.content_start, block.end)
              if block.kind == "paragraph" and source.find(
                  ":", block.content_start, min(block.end, block.content_start + _TURN_LABEL_REACH + 1)) >= 0
              else None for block in body]
    turns: dict[str, list[int]] = {}
    for number, label in enumerate(labels):
        if label is not None:
            turns.setdefault(label.group("name"), []).append(number)
    turns = {name: numbers for name, numbers in turns.items() if len(numbers) >= 2}
    if len(turns) < 2:
        return [None] * len(body), None

    def asks(name: str) -> float:
        # the turn's paragraph (a turn may run on over unlabelled paragraphs: its question ends one of them)
        return sum(_QUESTION_END.search(source, body[n].content_start, body[n].end) is not None
                   for n in turns[name]) / len(turns[name])

    asker = max(turns, key=asks)
    if asks(asker) < 0.5 or sorted(asks(name) for name in turns)[-2] >= 0.5:
        return [None] * len(body), None  # nobody asks, or several do: no interview
    return [label if label is not None and label.group("name") in turns else None for label in labels], asker


def _turn_sides(source: str, body: list[Block]) -> list[tuple[str, int, str | None] | None]:
    """Each block's Q/A side, where its label ends and, when the label names the speaker, that name (None for a
    block opening with no label), when the text is an interview printed as "Q:" / "A:" labels or as its speakers'
    names (``_named_turns``); otherwise no sides."""
    labels = [_QA_LABEL.match(source, block.content_start) for block in body]
    asked = [m.group("side") for m in labels if m]
    if asked.count("Q") >= 2 and asked.count("A") >= 2:
        return [(m.group("side"), m.end(), None) if m else None for m in labels]
    named, asker = _named_turns(source, body)
    if asker is None:
        return [None] * len(body)

    def speaker(name: str) -> str:
        name = name.strip("*_ ")
        return without_honorific(name.title() if name.isupper() else name)

    return [("Q" if m.group("name") == asker else "A", m.end(), speaker(m.group("name"))) if m else None
            for m in named]


def interview_turns(source: str, body: list[Block], title: str) -> tuple[list[Block], set[int], dict[int, str]]:
    """An interview printed as Q/A (two questions and two answers at least) or with its speakers' names opening
    their turns ("**Jane Roe:** ..."): the body blocks without their "Q:" / "A:" or name labels (no part of a
    statement), and the interviewee's name for every answer block (an answer runs on over unlabelled paragraphs
    until the next question): the name labelling the answer, or, under "Q:" / "A:" labels, the one the title or
    the first paragraphs name as interviewed ("An Interview with X", "in conversation with X"), and a named asker's
    for their own turns (a chair's remark before the question is theirs); and the numbers of
    the blocks that ask (what is asked, not argued). Anything else comes back unchanged, nothing asked."""
    sides = _turn_sides(source, body)
    if not any(sides):
        return body, set(), {}
    asked = {number for number, side in enumerate(sides) if side is not None and side[0] == "Q"}
    interviewee = None
    if not any(side is not None and side[2] is not None for side in sides):  # "Q:" / "A:" labels name nobody
        named = _INTERVIEWEE.search(title) or next(
            (m for m in (_INTERVIEWEE.search(block.text) for block in body[:3]) if m), None)
        interviewee = without_honorific(named.group(1)) if named else None
    unlabelled: list[Block] = []
    voices: dict[int, str] = {}
    answerer: str | None = None
    for number, (block, side) in enumerate(zip(body, sides, strict=True)):
        if side is not None:
            # a named asker speaks their own turn too: a chair's remark before the question ("Ruth, your institute
            # has just published its results.") is theirs, not the unknown author's
            answerer = (side[2] or interviewee) if side[0] == "A" else side[2]
            block = Block(block.start, block.end, block.text, block.kind, side[1])
        if answerer is not None:
            voices[number] = answerer
        unlabelled.append(block)
    return unlabelled, asked, voices


# an explainer's question set as a heading: "## Q: Will it put tourists off?", "**Q: Who pays?**"
_QUESTION_HEADING_LABEL = re.compile(r"[ \t#*_]*Q[ \t]*[:.][ \t]*(?=\S[^\n]*\?[ \t*_]*$)")


def with_question_headings(source: str, found: list[Block], body: list[Block]) -> tuple[list[Block], set[int]]:
    """An explainer whose questions are headings ("## Q: Will it put tourists off?", two at least): the body with
    each such heading as a block of its own (the question without its label) in its place, and those blocks'
    numbers, as ``interview_turns`` gives a "Q:" paragraph's: the section's first sentence answers it. Anything else
    comes back unchanged."""
    questions = []
    for block in found:
        if block.kind == "heading":
            label = _QUESTION_HEADING_LABEL.match(source, block.start, block.end)
            if label is not None:
                end = block.end
                while end > label.end() and source[end - 1] in " \t*_":
                    end -= 1
                questions.append(Block(block.start, end, source[block.start:end], "paragraph", label.end()))
    if len(questions) < 2:
        return body, set()
    merged = sorted([*body, *questions], key=lambda b: b.start)
    return merged, {number for number, block in enumerate(merged) if block in questions}


# a news dateline opening the first paragraph: "MANCHESTER — ", "WASHINGTON (Reuters) - ", "NEW YORK, March 3 — "
_DATELINE = re.compile(r"[A-Z][A-Z’'.\-]{2,}(?:[ \t]+[A-Z][A-Z’'.\-]+){0,3}"
                       # a press release's date after the place: "PORTSMOUTH, April 14, 2027 — ", "LEEDS, 3 May 2027 -"
                       rf"(?:,[ \t]*(?i:{_DATE})|,[ \t]*[A-Z][A-Za-z.]*(?:[ \t]+[\w.]+){{0,2}})?"
                       r"(?:[ \t]*\([A-Za-z .]{2,30}\))?"
                       r"(?:[ \t]*[—–][ \t]*|[ \t]+--?[ \t]+)(?=[“\"‘]?[A-Z])")


def without_dateline(source: str, body: list[Block]) -> list[Block]:
    """The body with the dateline opening one of its first paragraphs ("MANCHESTER — On a grey Tuesday ...") out
    of the paragraph's content: where the piece was filed is no part of its first statement."""
    for number, block in enumerate(body[:3]):  # after a standfirst or an image credit at most
        dateline = _DATELINE.match(source, block.content_start, block.end) if block.kind == "paragraph" else None
        if dateline is not None:
            dated = Block(block.start, block.end, block.text, block.kind, dateline.end())
            return [*body[:number], dated, *body[number + 1:]]
    return body


# a thread of numbered posts: "1/ Farmers pumped ...", "2/10 Wells that ...", "(3/7) ..." opening a paragraph; the
# thread's label over its first post ("Thread: ...", "A thread:") and its closing mark ("/end", "(end)", "/fin")
_THREAD_COUNTER = re.compile(r"[ \t*_]*\(?(?P<n>\d{1,3})[ \t]*/(?:[ \t]*\d{1,3})?\)?(?:[ \t]+|$)")
_THREAD_LABEL = re.compile(r"[ \t*_]*(?:a[ \t]+)?(?:thread|🧵)[ \t]*[:.—–-]?[ \t]*(?:🧵[ \t]*)?"
                           r"(?:\(?\d{1,3}[ \t]*/[ \t]*\d{0,3}\)?[ \t]*)?",
                           re.IGNORECASE)
_THREAD_END = re.compile(r"[ \t]*(?:/[ \t]*(?:end|fin)|\((?:end|fin)\)|\[(?:end|fin)\])[ \t.*_]*$", re.IGNORECASE)
_THREAD_POSTS = 3


def without_thread_counters(source: str, body: list[Block]) -> list[Block]:
    """A thread of numbered posts (three paragraphs at least opening with "1/", "2/", ... in rising order): each
    post without its counter, the first without the "Thread:" label over it, the last without its "/end" mark
    (where a post stands in the thread is no part of its statement). Anything else comes back unchanged."""
    counters = [_THREAD_COUNTER.match(source, block.content_start, block.end) if block.kind == "paragraph" else None
                for block in body]
    numbers = [int(m.group("n")) for m in counters if m is not None]
    if len(numbers) < _THREAD_POSTS or numbers != sorted(set(numbers)):
        return body
    first = next(number for number, counter in enumerate(counters) if counter is not None)
    result: list[Block] = []
    for number, (block, counter) in enumerate(zip(body, counters, strict=True)):
        start, end = block.content_start, block.end
        if counter is not None:
            start = counter.end()
        elif number < first:
            label = _THREAD_LABEL.match(source, start, end)
            start = label.end() if label is not None and label.end() > start else start
        if number >= first:
            closing = _THREAD_END.search(source, start, end)
            end = closing.start() if closing is not None and closing.start() > start else end
        if (start, end) != (block.content_start, block.end):
            block = Block(block.start, end, source[block.start:end], block.kind, start)
        result.append(block)
    return result


# the courtesies that open or close a testimony, a briefing e-mail or a speech: "Thank you, Chairman X, ... for the
# opportunity to testify today.", "Thank you.", "I look forward to your questions.", "Please do not hesitate to contact
# me ...", "Please find below our briefing ...", "My name is ...", "The views I express are my own." (the whole
# sentence, nothing argued in it)
_COURTESY = re.compile(
    r"[\s*_]*(?:thank you(?: (?:very|so) much)?(?:,? (?:again|all|everyone))?[.!]"
    # the speaker addressed, as a speech in a chamber opens: "Thank you, Madam Speaker.", "Thank you, Mr. President."
    r"|thank you(?: (?:very|so) much)?, (?:madam|madame|mister|mr\.?|deputy|vice|chair(?:man|woman|person)?"
    r"|presiding|lord|lady|my lords?)"
    r"(?: (?:deputy |vice )?(?:speaker|president|chair(?:man|woman|person)?|mayor|officer|chancellor|members?"
    r"|colleagues))?[.!]"
    # the interviewer closing: "Dr. Roe, thank you.", "Minister, thank you very much."
    r"|(?:(?:dr|mr|mrs|ms|mx|prof|professor)\.?[ ])?[a-z][\w’'\-]+(?:[ ][a-z][\w’'\-]+)?, thank you"
    r"(?: (?:very|so) much)?(?:,? (?:again|both))?[.!]"
    r"|(?:[^.!?]{0,160}?,[ ]?)?thank you\b[^.!?]{0,250}?\bfor (?:the|this) (?:opportunity|invitation|chance) to "
    r"(?:testify|appear|speak|"
    r"comment|present|be here|submit)[^.!?]{0,120}[.!]"
    r"|(?:(?:i[’']?m|i am|we[’']re|we are|always) )?(?:happy|glad) to (?:answer|take) (?:any )?questions"
    r"[^.!?]{0,80}[.!]"
    r"|(?:i|we) (?:look forward to|would be (?:happy|glad|pleased) to|welcome|am happy to|are happy to) "
    r"(?:answering |taking |responding to |discussing )?(?:your|any) questions[^.!?]{0,80}[.!]"
    r"|(?:please )?(?:do not|don[’']t) hesitate to (?:contact|get in touch with|reach out to) (?:me|us)[^.!?]{0,80}[.!]"
    r"|(?:please )?feel free to (?:contact|get in touch with|reach out to) (?:me|us)[^.!?]{0,80}[.!]"
    r"|(?:[^.!?]{0,80}?,[ ]?)?please find (?:below|attached|enclosed|herewith)\b[^.!?]{0,160}[.]"
    # a comment letter's or a witness's opening and close: "X, a nonprofit ..., appreciates the opportunity to comment
    # on the proposed rule.", "We thank the Department for its attention to these comments."
    r"|[^.!?]{0,200}?\bappreciates? (?:the|this) opportunity to "
    r"(?:comment|testify|submit|respond|appear|present|provide)[^.!?]{0,200}[.!]"
    r"|(?:i|we) (?:also )?thank the [^.!?]{1,80}? for (?:its|your|their|the) (?:attention|consideration|time"
    r"|review)[^.!?]{0,200}[.!]"
    # a chair opening a panel or a hearing: "Welcome, everyone.", "Welcome to this evening's debate.", "Good evening."
    r"|welcome(?: back)?(?:,? (?:everyone|everybody|all|all of you)| to (?:the|this|our|today[’']s|tonight[’']s) "
    r"[^.!?]{1,80})[.!]|good morning(?:,? (?:everyone|everybody|all))?[.!]"
    r"|good afternoon(?:,? (?:everyone|everybody|all))?[.!]|good evening(?:,? (?:everyone|everybody|all))?[.!]"
    r"|my name is [^.!?]{1,200}[.]"  # the witness introducing themself: who speaks, said by the title already
    r"|the views (?:i|we) (?:express|present|set out|offer)(?: here| today| in this [a-z]+)? are (?:my|our) own"
    r"[^.!?]{0,120}[.!])[\s*_]*", re.IGNORECASE)
# Words each courtesy holds as written (one per alternative of _COURTESY, case-blind alike): a paragraph without any
# of them opens and closes on no courtesy, so ``without_courtesies`` need not split it into sentences (the splitter
# cost ~5% of a short text's parse there). Tested: every alternative of _COURTESY holds one of them.
_COURTESY_WORDS = re.compile(r"thank you|questions|hesitate|feel free|please find|my name is|the views|appreciate|"
                             r"thank the|welcome|good morning|good afternoon|good evening", re.IGNORECASE)
_COURTESY_WORDS_LOWER = tuple(_COURTESY_WORDS.pattern.split("|"))


def is_labelled_recommendation(source: str, block: Block) -> bool:
    """The block opens with a recommendation's label ("Recommendation 2: ...", "Proposal B. ...")."""
    return block.kind == "bullet" and _LABELLED_RECOMMENDATION.match(source, block.start, block.end) is not None


def is_courtesy(sentence: str) -> bool:
    """The sentence only thanks, invites questions or disclaims ("Thank you.", "I look forward to your questions.")."""
    return _COURTESY.fullmatch(sentence) is not None


# a sentence announcing the list under it as what the text recommends: "My recommendations to the Subcommittee are as
# follows.", "We recommend the following:", "We propose three steps:", "I urge the council to:"
_ANNOUNCES_RECOMMENDATIONS = re.compile(
    # also what the author asks for: "Ocean Trust is asking the ministry to:", "We call on the council to:", "three asks
    # for the legislature:"
    r"\b(?:recommend(?:s|ed|ations?)?|propos(?:e|es|als?)|urge|(?:is|are|am)[ \t]+(?:asking|calling[ \t]+on)|"
    r"calls?[ \t]+on|(?:our|my|two|three|four|five|six|\d)[ \t]+(?:main[ \t]+|key[ \t]+)?asks)\b[^.!?\n]{0,120}"
    r"(?::|\bas follows[.:]|\bthe following[.:]|\bfollowing (?:steps|measures|actions|changes)[.:])[ \t*_]*$",
    re.IGNORECASE)


# a sentence counting the recommendations the paragraphs under it set out, "First, ...", "Second, ...": "We have two
# recommendations.", "I offer three proposals:" (the count, nothing argued)
_COUNTS_RECOMMENDATIONS = re.compile(
    r"(?:^|[.!?:][ \t]+)(?:i|we)[ \t]+(?:have|make|offer|submit|propose)[ \t]+(?:two|three|four|five|six|several|a few|"
    r"\d{1,2})[ \t]+(?:(?:specific|brief|main|further)[ \t]+)?(?:recommendations|proposals|requests|suggestions)"
    r"(?:[ \t]+(?:for|to)[ \t]+[^.!?:\n]{1,60})?[.:][ \t*_]*$", re.IGNORECASE)
_FIRST = re.compile(r"[ \t*_]*(?:first|firstly)\b", re.IGNORECASE)


def _announces_list(source: str, block: Block, following: Block | None) -> bool:
    """The paragraph's last sentence announces the list right under it as recommendations, or counts the
    recommendations of the paragraphs under it, the first opening "First"."""
    if following is None or block.kind == "bullet":
        return False
    if following.kind == "bullet":
        tail = max(block.content_start, block.end - 300)
        return _ANNOUNCES_RECOMMENDATIONS.search(source, tail, block.end) is not None
    if following.kind != "paragraph" or _FIRST.match(source, following.content_start) is None:
        return False
    # the whole paragraph when short (its "^" is the paragraph's start), else its last 150 characters (where "^",
    # the string's start, never matches: the count must follow a sentence's end)
    short = block.end - block.content_start <= 150
    return (_COUNTS_RECOMMENDATIONS.search(source[block.content_start:block.end]) if short
            else _COUNTS_RECOMMENDATIONS.search(source, block.end - 150, block.end)) is not None


def announced_lists(source: str, body: list[Block]) -> set[int]:
    """The numbers of the bullet blocks of a list that the text right above it announces as recommendations (the
    announcing sentence itself may have left the body: ``without_courtesies``)."""
    result: set[int] = set()
    for number, block in enumerate(body):
        if block.kind != "bullet":
            continue
        if number > 0 and body[number - 1].kind == "bullet" and number - 1 in result:
            result.add(number)
            continue
        above = source[max(0, block.start - 300):block.start].rstrip()
        if _ANNOUNCES_RECOMMENDATIONS.search(above) is not None:
            result.add(number)
    return result


def without_courtesies(source: str, body: list[Block]) -> list[Block]:
    """The body without the courtesy sentences opening or closing its paragraphs (a paragraph of nothing else empty):
    a testimony's "Thank you, Chairman ..., for the opportunity to testify." is no statement of its argument; nor is
    the sentence announcing the recommendations listed under it ("My recommendations are as follows.")."""
    result: list[Block] = []
    # without a ``regex_parts.CASE_BLIND_ODD`` character the lower-cased text has the same offsets and holds a word
    # where the case-blind pattern finds it; ``str.find`` there is ~4x faster than that scan
    low = source.lower() if not holds_case_blind_odd(source) else None

    def may_hold_courtesy(start: int, end: int) -> bool:
        if low is None:
            return _COURTESY_WORDS.search(source, start, end) is not None
        return any(low.find(word, start, end) >= 0 for word in _COURTESY_WORDS_LOWER)

    for number, block in enumerate(body):
        following = body[number + 1] if number + 1 < len(body) else None
        if block.kind != "paragraph" or (not may_hold_courtesy(block.content_start, block.end)
                                         and not _announces_list(source, block, following)):
            result.append(block)  # no sentence of it is a courtesy, and it announces no list
            continue
        spans = sentences(source, block.content_start, block.end)
        first, last = 0, len(spans)
        while first < last and is_courtesy(source[spans[first][0]:spans[first][1]]):
            first += 1
        while last > first and (is_courtesy(source[spans[last - 1][0]:spans[last - 1][1]]) or (
                last == len(spans) and _announces_list(source, block, following))):
            last -= 1
        if first == last and spans:
            # nothing left: an empty block (no units), so the body keeps its numbering (sections, anchors)
            result.append(Block(block.start, block.end, block.text, block.kind, block.end))
            continue
        if (first, last) != (0, len(spans)):
            end = spans[last - 1][1]
            block = Block(block.start, end, source[block.start:end], block.kind, spans[first][0])
        result.append(block)
    return result


# a debate's sides: "YES: It is fairer than the alternative", "AGAINST — Accountability cannot be automated",
# "POINT: Licensing brings order", "COUNTERPOINT: ...", also "Point: ..." / "Counterpoint: ..." (the other labels only
# in capitals: "Yes: the council can ..." opens an answer)
_SIDE = r"(?:YES|NO|FOR|AGAINST|PRO|CON|POINT|COUNTER-?POINT|Point|Counter-?point)[ \t]*[:—–][ \t]*"  # its label
_SIDE_HEADING = re.compile(_SIDE + r"(?:(?:Yes|No)[.!,][ \t]+)?[A-Z][^.!?\n]{0,100}[.?]?")
_SIDE_LABEL = re.compile(r"[ \t#*_]*" + _SIDE)


# a section heading naming the side whose voice the section is (in any importer): "Argument in Favor of Measure K",
# "Arguments against", "The case for", "In opposition", "Rebuttal to the Argument Against ...", "Majority view",
# "Minority opinion", "Dissent", "Pro" / "Con", "Yes" / "No", and a debate's labels above ("YES: ...", "POINT: ...")
_PRO_WORDS = r"(?:in[ \t]+favou?r|for|in[ \t]+support|supporting|pro|yes)"
_CON_WORDS = r"(?:against|in[ \t]+opposition|opposing|con|no)"
_NAMED_SIDE = re.compile(
    r"(?:(?P<reply>(?:rebuttal|response|reply)[ \t]+to[ \t]+(?:the[ \t]+)?)?"
    rf"(?:(?:the[ \t]+)?(?:arguments?|case|statement)[ \t]+(?:(?P<pro>{_PRO_WORDS})|(?P<con>{_CON_WORDS}))"
    r"(?![ \t]+(?:and|or)\b)"
    r"(?:[ \t]+(?:of|to)?[ \t]*[^.!?\n]{1,80})?"
    r"|(?P<pro_alone>in[ \t]+favou?r|pros?|yes)|(?P<con_alone>in[ \t]+opposition|opposition|cons?|no))"
    r"|(?:the[ \t]+)?(?P<majority>majority)(?:[ \t]+(?:view|opinion|report|position|statement)s?)?"
    r"|(?:the[ \t]+)?(?P<minority>minority(?:[ \t]+(?:view|opinion|report|position|statement)s?)?"
    r"|dissent(?:ing[ \t]+(?:view|opinion|statement|report)s?)?))[ \t]*:?", re.IGNORECASE)
_PRO_LABEL = re.compile(r"[ \t#*_]*(?:YES|FOR|PRO|POINT|Point)\b")


def heading_side(title: str) -> tuple[str, bool] | None:
    """The side a section heading names: ("pro" | "con" | "majority" | "minority", answers the other side's section
    before it: "Rebuttal to the argument in favor" is the con side answering the pro side), or None."""
    if len(title) > 120:
        return None
    if _SIDE_HEADING.fullmatch(title):
        return ("pro" if _PRO_LABEL.match(title) else "con"), False
    match = _NAMED_SIDE.fullmatch(title)
    if match is None:
        return None
    if match.group("majority"):
        return "majority", False
    if match.group("minority"):
        return "minority", False
    pro = bool(match.group("pro") or match.group("pro_alone"))
    if match.group("reply"):
        return ("con" if pro else "pro"), True
    return ("pro" if pro else "con"), False


def names_a_side(heading: str) -> bool:
    """The heading (a block's text, marks and all) names a side (``heading_side``)."""
    return heading_side(heading.strip(" \t#*_")) is not None


@dataclass(frozen=True)
class SectionSide:
    """A block's place in a text that gives two sides under headings: its section (the number of the side heading
    above it), whether that side opposes the text's own, and the section it answers (a rebuttal's), if any."""
    section: int
    opposing: bool
    answers: int | None
    voice: str | None  # who signs the section ("Jane Roe, Chair, X" under it), if anyone


def side_voices(sides: dict[int, SectionSide]) -> dict[int, str]:
    """Who speaks each block of a two-sided text (``section_sides``): its section's signer, or nobody named for an
    unsigned section of the other side; the own side's unsigned sections are the author's (absent)."""
    return {number: side.voice or UNNAMED_VOICE for number, side in sides.items() if side.voice or side.opposing}


def section_sides(source: str, found: list[Block], body: list[Block]) -> dict[int, SectionSide]:
    """For each body block (by number) under a heading that names a side (``heading_side``), its ``SectionSide``;
    empty unless the text gives both sides (and shows it: below). Which side is the text's own: a committee's
    majority (its minority or dissent opposes it; a dissent alone opposes the unlabelled rest, the majority's
    report); otherwise the side for the proposal the text is about (a voter guide, a debate: the proposal is the
    map's root, the other side attacks it).
    A section runs to the next heading; the first name of a signature in it (a line each, "Jane Roe, Chair, X"
    under its last paragraph) is its voice."""
    headings = [(number, block) for number, block in enumerate(found) if block.kind == "heading"]
    if len(headings) < 2:
        return {}
    named = {number: named_side for number, block in headings
             if (named_side := heading_side(heading_text(source, block))) is not None}
    kinds = {side for side, _ in named.values()}
    if "minority" in kinds:
        own = "majority"
    elif "pro" in kinds and "con" in kinds:
        own = "pro"
    elif "majority" in kinds and ("con" in kinds or "minority" in kinds):
        own = "majority"
    else:
        return {}
    # a signature under a section's last paragraph, a line each ("Jane Roe, Chair, X"; alone on its line it may read
    # as a heading): it signs the section, it opens none
    signatures = _signer_blocks(found)
    headings = [(number, block) for number, block in headings if number not in signatures]
    starts = [block.start for _, block in headings]
    result: dict[int, SectionSide] = {}
    last_of: dict[str, int] = {}  # the last section of each side that answers nobody
    sections: dict[int, SectionSide] = {}
    signers: dict[int, str] = {}  # section -> the first name signing it
    number = -1
    for index, block in enumerate(found):
        if block.kind == "heading" and index not in signatures:
            number = index
        elif index in signatures and number in named and number not in signers:
            signers[number] = without_honorific(block.text.split(",", 1)[0].strip(" \t*_"))
    # the text gives two sides, not one author's case and the objections it answers ("The case for" / "Arguments
    # against" in an essay): a minority or dissent, a section answering the other side, two signers, or a debate's
    # labels ("YES: ...", "POINT: ...")
    if not ("minority" in kinds or any(replies for _, replies in named.values()) or len(set(signers.values())) > 1
            or any(_SIDE_HEADING.fullmatch(heading_text(source, found[number])) for number in named)):
        return {}
    for number, (side, replies) in sorted(named.items()):
        opposing = side != own and not (own == "majority" and side == "pro")
        answered = last_of.get("pro" if side in ("con", "minority") else "con") if replies else None
        if not replies:
            last_of["pro" if side in ("pro", "majority") else "con"] = number
        sections[number] = SectionSide(number, opposing, answered, signers.get(number))
    by_start = {block.start: number for number, block in headings}
    for index, block in enumerate(body):
        above = bisect.bisect_right(starts, block.start) - 1
        if above >= 0:
            number = by_start[starts[above]]
            if number in sections:
                result[index] = sections[number]
    return result


def side_position(source: str, block: Block) -> int | None:
    """Where the position a debate side's heading states begins ("NO: A ban would push payments underground" -> "A
    ban ..."), if the block is a side's heading."""
    if block.kind != "heading" or not _SIDE_HEADING.fullmatch(block.text.strip(" \t#*_")):
        return None
    label = _SIDE_LABEL.match(source, block.start, block.end)
    return label.end() if label is not None and label.end() < block.end else None


# a contributor line under a debate's heading: "Dr. Kwame Asante, chief scientist at HireWell", "Helen Marsh, Faculty
# of Law"; a reply heading names one of them again: "Rebuttal: Dr. Asante", "Response from Professor Marsh"
_CONTRIBUTOR = re.compile(rf"(?:{_HONORIFIC.pattern})?({_NAME}),[ \t]+[^.!?\n]{{3,150}}")
_REPLY_HEADING = re.compile(r"(?:rebuttal|response|reply|right of reply|responds?)\b", re.IGNORECASE)


def contributor_voices(source: str, found: list[Block]) -> tuple[dict[int, str], set[int]]:
    """A debate in which two named contributors or more each write a section ("YES: ..." then "Dr. A, role"): the
    contributor whose own argument each block is (by block start), and the starts of the contributor lines
    (furniture). A reply heading ("Rebuttal: Dr. A") gives its section to the contributor it names. Anything else:
    nothing."""
    contributors: dict[int, str] = {}
    for number, block in enumerate(found):
        line = block.text.strip(" \t*_")
        if "\n" in line or len(line.split()) > 16 or line[-1:] in ".!?:":
            continue
        match = _CONTRIBUTOR.fullmatch(line)
        if match:
            contributors[block.start] = without_honorific(match.group(1))
        elif number > 0 and found[number - 1].kind == "heading" and names_a_side(found[number - 1].text):
            bylined = _BYLINE.fullmatch(line)  # "POINT: ..." then "By Jane Roe": the side's writer
            names = _split_names(bylined.group(1)) if bylined else []
            if len(names) == 1:
                contributors[block.start] = names[0]
    if len(set(contributors.values())) < 2:
        return {}, set()
    # a contributor's bio where their side ends ("Jane Roe is a member of ..."): no part of either argument
    lines = set(contributors)
    for previous, block in zip([None, *found], found, strict=False):
        if block.kind != "paragraph" or len(sentences(source, block.start, block.end)) != 1:
            continue
        if any(block.text.startswith(name + " is ") or block.text.startswith(name + " was ")
               for name in contributors.values()):
            lines.add(block.start)
        elif previous is not None and previous.start in contributors and block.text.startswith(
                contributors[previous.start] + " ") and _THIRD_PERSON_VERB.match(
                block.text, len(contributors[previous.start]) + 1) is not None:
            lines.add(block.start)  # right under the byline: "Jane Roe advises councils on ..."
    voices: dict[int, str] = {}
    voice: str | None = None
    for block in found:
        if block.start in contributors:
            voice = contributors[block.start]
            continue
        if block.kind == "heading":
            title = heading_text(source, block)
            named = [name for name in dict.fromkeys(contributors.values()) if name.split()[-1] in title]
            voice = named[0] if _REPLY_HEADING.search(title) and len(named) == 1 else None
            continue
        if voice is not None and block.start not in lines:
            voices[block.start] = voice
    for heading, below in zip(found, found[1:], strict=False):
        if heading.kind == "heading" and below.start in contributors:
            voices[heading.start] = contributors[below.start]  # the side's heading states its writer's claim
    return voices, lines
