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

import re
from dataclasses import dataclass

import nupunkt

_BULLET = re.compile(r"[ \t]*(?:[•▪◦‣∙·\-\*]|\d{1,2}[.)])[ \t]+")
_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
_BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")
# A sentence end followed by a glued footnote number, then the next sentence:
# "Union.3 In addition", "prioritized.45Key Assumption", "soldiers.i\n".
_GLUED_FOOTNOTE = re.compile(r"[a-z\)][.!?][”\"’]?(?:\d{1,3}|[ivx]{1,4})(?=\s+[“\"‘(]?[A-Z]|[A-Z])")
_LEADING_CLOSERS = re.compile(r"[”\"’)\]]+(?:\d{1,3})?")
# nupunkt misses many plain sentence ends in short texts ("It was a ruin. Somebody knows." stays one
# sentence): a lower-case word of two letters or more, a full stop, "!" or "?", a space and a capital is a
# sentence end unless the word is a common lower-case abbreviation. On the gold short texts and CDCP train
# this only adds right boundaries (segmentation F1 up on every file; README "Argument mining quality").
_MISSED_END = re.compile(r"[.!?](?<=[a-z][a-z][.!?])[”\"’)]*(?=\s+[“\"‘(]*[A-Z])")
_LOWER_ABBREVIATION = re.compile(
    r"\b(?:etc|approx|vs|cf|al|fig|figs|vol|vols|pp|ed|eds|op|cit|ibid|esp|incl|dept|est|govt|min|max|no|nos|ch|"
    r"sec|art|para|paras|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|mr|mrs|"
    r"ms|dr|st|jr|sr|prof|gen|col|lt|sgt|rev|hon|co|inc|ltd|corp|bros)$", re.IGNORECASE)
_ABBREVIATION_END = re.compile(r"(?:\bU\.S\.|\bU\.N\.|\bU\.K\.|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|"
                               r"No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$")
_ONLY_CLOSERS = re.compile(r"[\s”\"’)\]]*(?:\d{1,3})?[\s\xa0]*")
_SMALL_WORDS = frozenset(str.split(
    "a an the and or nor but of in on at to for with by from as vs via into over under than is are be")
)
FURNITURE = re.compile(
    r"(?:image|photo|photograph|picture|credit|source|correction|editor[’']s note|note|disclaimer|"
    r"please consult|available downloads|csis briefs|all rights reserved|copyright|©|share this|"
    r"related|read more|subscribe|this publication has been produced|this article)\b",
    re.IGNORECASE,
)


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

    def flush() -> None:
        if not current:
            return
        start, end = _trim(source, current[0][0], current[-1][1])
        current.clear()
        if start >= end:
            return
        text = source[start:end]
        bullet = _BULLET.match(source, start)
        if bullet and bullet.end() < end:
            result.append(Block(start, end, text, "bullet", bullet.end()))
            return
        md = _MD_HEADING.match(source, start)
        if md and "\n" not in text:
            result.append(Block(start, end, text, "heading", md.end()))
            return
        if "\n" not in text and _is_heading_text(text):
            result.append(Block(start, end, text, "heading", start))
            return
        result.append(Block(start, end, text, "paragraph", start))

    for line_start, line_end in lines:
        line = source[line_start:line_end]
        if not line.strip(" \t\r\xa0\f\v"):
            flush()
            continue
        stripped_start = line_start + (len(line) - len(line.lstrip()))
        if _BULLET.match(source, line_start) or _MD_HEADING.match(source, stripped_start):
            flush()
            current.append((line_start, line_end))
            if _MD_HEADING.match(source, stripped_start):
                flush()
            continue
        current.append((line_start, line_end))
    flush()
    return result


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
        ends = [m.end() for m in _GLUED_FOOTNOTE.finditer(text, s, e)]
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
    return [(start + s, start + e) for s, e in merged]


# --- title, authors, furniture ------------------------------------------------------

_NAME = (r"[A-Z][a-zà-ÿA-Z’'\.\-]+(?:[ \t]+(?:(?:de|da|van|von|der|le|la|al-|bin|ag|ibn)[ \t]+)?"
         r"[A-Z][a-zà-ÿA-Z’'\-]+){1,3}")
_AND = r"(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*)"
# markdown emphasis or a quote marker may wrap the line ("*By A and B*")
_BYLINE = re.compile(rf"^[ \t#*_>]*(?:by|written by|authors?:)[ \t]+({_NAME}(?:{_AND}{_NAME})*)[ \t*_]*$",
                     re.IGNORECASE | re.MULTILINE)
_BIO = re.compile(rf"(?:^|(?<=[.!?][ \t]))({_NAME}) (?:is|was|serves as|has been) (?:an? |the |[A-Z])")
_BIO_CUE = re.compile(
    r"\b(?:director|professor|fellow|associate|analyst|researcher|editor|author|journalist|correspondent|"
    r"lecturer|scholar|chair|founder|program|programme|university|institute|center|centre|school|"
    r"book|ph\.?d|writer|officer|adviser|advisor)\b",
    re.IGNORECASE,
)
_NAME_AT_START = re.compile(_NAME)
_NOT_NAME_START = frozenset(str.split(
    "The This That These Those It Its A An In On At If When While As Our Their His Her We They He She Key")
)


def title_from(source: str, found: list[Block]) -> str | None:
    for block in found[:3]:
        if block.kind == "heading" or ("\n" not in block.text and len(block.text) <= 200):
            return source[block.content_start:block.end].strip() or None
    return None


def _split_names(names: str) -> list[str]:
    return [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names) if n.strip()]


def _byline_names(source: str, found: list[Block]) -> list[str]:
    """The names of a byline near the top ("By A and B"), if there is one."""
    head = source[: found[min(len(found), 12) - 1].end] if found else ""
    m = _BYLINE.search(head)
    return _split_names(m.group(1)) if m else []


def is_byline(text: str) -> bool:
    """A line that only names the authors ("By A and B"): furniture, not a section heading."""
    return _BYLINE.fullmatch(text.strip(" \t#*_>")) is not None


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
        if not _NAME_AT_START.match(block.text):
            continue  # a bio starts with the name it introduces: skip the regex scan of the paragraph
        names = []
        for m in _BIO.finditer(block.text):
            name = m.group(1)
            if name.split()[0] in _NOT_NAME_START:
                continue
            sentence_end = block.text.find(". ", m.end())
            sentence = block.text[m.start(): sentence_end if sentence_end != -1 else len(block.text)]
            if bylined is None:
                bylined = set(_byline_names(source, found))
            if name in bylined or _BIO_CUE.search(sentence):
                names.append(name)
        if names and block.text.startswith(names[0]):
            result.append((block, names))
    return result


def authors_from(source: str, found: list[Block]) -> tuple[str, ...]:
    """Authors from a byline near the top ("By A and B") or bio lines at the end ("A is ...")."""
    bylined = _byline_names(source, found)
    if bylined:
        return tuple(bylined)
    names: list[str] = []
    for _, found_names in bio_blocks(source, found):
        names.extend(n for n in found_names if n not in names)
    return tuple(names)


def is_furniture(text: str) -> bool:
    """Credits, corrections, notices, download links and bylines: not part of the argument."""
    return bool(FURNITURE.match(text.lstrip(" \t#*_>"))) or is_byline(text)


def heading_text(source: str, block: Block) -> str:
    return source[block.content_start:block.end].strip().strip("#*_ ").strip()
