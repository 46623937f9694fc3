"""Argumentative discourse units with exact offsets: sentences, split at a clause boundary
only where the clause is clearly its own unit.

A sentence is split (each side at least ``MIN_WORDS`` words) before

* a contrast or concession connective after a comma or semicolon ("X, but Y", "X; however, Y",
  "X, although Y"; not "while", which the gold short texts never split at), and at the comma
  ending a leading concessive clause ("Although X, Y");
* a causal or result connective after a comma ("X, because Y", "X, since Y", "X, so Y", "X, therefore Y",
  "X, which is why Y"; ", so" + a clause is a unit boundary 8 times of 10 in ``corpora/argmap-short/dev.json``,
  "so that" never). Not before a bare "because" ("X because Y"): the gold short texts of dev, dev2 and dev3
  split there 1 time of 7 (CDCP's comments do split there: its train segmentation F1 0.858 -> 0.849);
* a semicolon between two clauses;

but not inside a quotation or after a reporting verb ("He said that X, but Y": one reported unit).

Nothing is ever dropped: every sentence of every block is covered by units, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers.mining.markers import SUBORDINATE_CONCESSIVE
from importers.structure import Block, sentences

MIN_WORDS = 4

_LEADING_CONCESSIVE = re.compile(rf"[\s\"“‘'(]*(?:{SUBORDINATE_CONCESSIVE}|"
                                 r"despite\s+the\s+fact\s+that|granted\s+that)\b", re.IGNORECASE)
_CONNECTIVE_AHEAD = (r"(?=(?:but|yet|however(?=,)|although|though|even\s+though|whereas|nevertheless|nonetheless|"
                     r"therefore|thus|hence|which\s+is\s+why|since|because|so(?!\s+that)(?=\s+[a-z]))\b)")
SPLIT_BEFORE_PLAIN = rf"(?:[,;]\s+|\s+[–—-]\s+){_CONNECTIVE_AHEAD}|;\s+"
"""Where a clause may start: a contrast / cause connective after a comma, semicolon or dash, or a semicolon
(``_SPLIT_BEFORE`` finds the same matches)."""
# SPLIT_BEFORE_PLAIN with each alternative's first character taken first ("[,;\s]", then a look-behind for which
# it was): a pattern opening with a character set lets the engine skip straight to commas, semicolons and blanks
# instead of trying three alternatives at every letter (the same matches, tested)
_SPLIT_BEFORE = re.compile(
    rf"[,;\s](?:(?<=[,;])\s+{_CONNECTIVE_AHEAD}|(?<=\s)\s*[–—-]\s+{_CONNECTIVE_AHEAD}|(?<=;)\s+)",
    re.IGNORECASE,
)
# SPLIT_BEFORE_PLAIN on a sentence without a dash ("–", "—", "-"), where its dash alternative cannot match: a comma
# or semicolon, blanks, a connective after the comma's; both alternatives open with a character, so the engine skips
# straight to commas and semicolons instead of trying the pattern at every blank (the same matches, tested)
_SPLIT_BEFORE_NO_DASH = re.compile(rf";\s+|,\s+{_CONNECTIVE_AHEAD}", re.IGNORECASE)
_DASHES = ("-", "–", "—")
_WORD = re.compile(r"\w+")
# a connective followed directly by a verb: the clause has no subject of its own
_PREDICATE_ONLY = re.compile(r"(?:but|yet|although|though|while|whereas)\s+(?:not\s+)?(?:is|are|was|were|be|been|has|"
                             r"have|had|do|does|did|will|would|can|could|may|might|must|should|remains?|remained|"
                             r"seems?|seemed)\b", re.IGNORECASE)
# a contrast connective before a phrase without a verb ends no clause: "The scheme should continue, but in a different
# form.", "Prices will fall, though only slowly." (a preposition or an adverb, at most five words to the sentence's end,
# no auxiliary and no pronoun that could be a clause's subject); "but for terraced streets the council should ..." and
# "although at midday that power is worth ..." are clauses
_FRAGMENT = re.compile(r"(?:but|yet|though|although)\s+(?:(?:in|at|with|without|for|on|under|within|after|before|by|"
                       r"from|through|only|not|perhaps|probably|still|mostly|rarely)\b)(?:[\s,]+[\w’'-]+){0,4}"
                       r"[\s\"”’)]*[.!?]?[\s\"”’)]*", re.IGNORECASE)
_CLAUSE_WORD = re.compile(r"\b(?:is|are|was|were|be|been|being|am|has|have|had|do|does|did|will|would|shall|should|can|"
                          r"could|may|might|must|i|we|you|he|she|it|they|there|this|that|these|those)\b",
                          re.IGNORECASE)
_REPORTING = re.compile(r"\b(?:said|says|told|tells|argued|argues|claimed|claims|stated|states|added|noted|notes|"
                        r"warned|wrote|writes|explained|insisted|according\s+to)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Unit:
    """``source[start:end]`` is the unit's text; ``block`` numbers the paragraph it is in."""

    start: int
    end: int
    block: int


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _depth_zero_comma(source: str, start: int, end: int) -> int | None:
    """Offset just after the first comma outside brackets and quotes, or None."""
    depth = 0
    for i in range(start, end):
        ch = source[i]
        if ch in "([“":
            depth += 1
        elif ch in ")]”" and depth:
            depth -= 1
        elif ch == "," and depth == 0:
            return i + 1
    return None


def split_clauses(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause units of the sentence ``source[start:end]`` (the whole sentence when no split is clear)."""
    cuts: list[int] = []
    if _LEADING_CONCESSIVE.match(source, start, end):
        comma = _depth_zero_comma(source, start, end)
        if comma is not None:
            cuts.append(comma)
    sentence = source[start:end]
    split_before = _SPLIT_BEFORE if any(dash in sentence for dash in _DASHES) else _SPLIT_BEFORE_NO_DASH
    for m in split_before.finditer(source, start, end):
        before = source[start:m.start()]
        if before.count("“") > before.count("”") or _REPORTING.search(before):
            continue  # inside a quotation or reported speech: both clauses are the speaker's
        if _PREDICATE_ONLY.match(source, m.end(), end):
            continue  # "X appeared to pay off, but were ...": a second predicate of the same subject
        fragment = _FRAGMENT.fullmatch(source, m.end(), end)
        if fragment is not None and _CLAUSE_WORD.search(source, m.end(), end) is None:
            continue  # "..., but in a different form.": no clause of its own
        cuts.append(m.end())
    spans: list[tuple[int, int]] = []
    begin = start
    for cut in sorted(set(cuts)):
        if cut <= begin or cut >= end:
            continue
        if _words(source[begin:cut]) >= MIN_WORDS and _words(source[cut:end]) >= MIN_WORDS:
            spans.append((begin, cut))
            begin = cut
    spans.append((begin, end))
    trimmed = []
    for s, e in spans:
        while s < e and source[s].isspace():
            s += 1
        while e > s and source[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def segment(source: str, found: list[Block], *, clauses: bool = True) -> list[Unit]:
    """Units of the given blocks: every sentence, split into clause units where clear."""
    units: list[Unit] = []
    for number, block in enumerate(found):
        for s, e in sentences(source, block.content_start, block.end):
            if _LETTER_OR_DIGIT.search(source, s, e) is None:
                continue  # "🧵", "***", "—": no words, no statement
            parts = split_clauses(source, s, e) if clauses else [(s, e)]
            units.extend(Unit(ps, pe, number) for ps, pe in parts)
    return units
