"""Reading a regular expression's own text: the importers' fast paths (gates, first-character dispatch) derive
what a pattern can match from its source instead of keeping a second, hand-written list that could drift."""

from __future__ import annotations

import re
from collections.abc import Callable

# The characters a case-blind pattern matches with an ASCII letter other than by ``str.lower`` (dotted and dotless i,
# long s, Kelvin sign; tests/test_mining.py finds them over all of Unicode): in a text without them ``str.lower``
# keeps the text's length and what \w, \s and \b read, so several modules run a case-blind pattern case-sensitively
# on the lower-cased text. ``holds_case_blind_odd`` is the test they ask; this pattern stays its definition.
CASE_BLIND_ODD = re.compile("[\u0130\u0131\u017f\u212a]")


def holds_case_blind_odd(text: str) -> bool:
    """``CASE_BLIND_ODD.search(text) is not None``, by four substring tests: each is O(1) in a Latin-1 text (no
    character of a wider kind can be in it) and a ``memchr`` scan otherwise, where the pattern's class tests every
    character in the regex engine (~40 instructions each; units ask it several times)."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


def top_level_alternatives(body: str) -> list[str] | None:
    """The top-level alternatives of a regex, or None when its brackets do not balance (or a class opens
    with "]", which this reading does not follow)."""
    if "[]" in body or "[^]" in body:
        return None
    parts: list[str] = []
    depth = start = i = 0
    in_class = False
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None  # "a)|(?:b": the brackets around the whole are not one group
        elif char == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    return None if depth or in_class else [*parts, body[start:]]


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` compiled with ``re.ASCII``: on an ASCII text it finds what ``pattern`` finds, faster where it
    reads \\w, \\d or \\b (the engine tests a character's class in a table, not in Unicode's database). The two
    modes differ only in those classes, \\s and case-blind matching; on ASCII characters \\w, \\d and \\b agree
    (tested over all 128), Unicode's \\s also holds \\x1c-\\x1f, and a case-blind pattern's non-ASCII letters match
    ASCII ones (the long s an "s"). So a pattern that could read \\s or \\S, or is case-blind (in part: "(?i:"),
    is refused. Callers pick the twin for an ASCII text: ``(twin if text.isascii() else pattern)``."""
    if (pattern.flags & re.IGNORECASE or re.search(r"\\[sS]", pattern.pattern)
            or re.search(r"\(\?[a-zA-Z-]*i", pattern.pattern)):
        raise ValueError(f"no exact ASCII twin for {pattern.pattern!r}")
    return re.compile(pattern.pattern, (pattern.flags & ~re.UNICODE) | re.ASCII)


def line_anchored(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, checked to be one that ``search_line_starts`` may search: MULTILINE, opening with "^" and
    without a top-level alternation, so that every match opens at a line's start."""
    if not (pattern.flags & re.MULTILINE and pattern.pattern.startswith("^")
            and len(top_level_alternatives(pattern.pattern) or ()) == 1):
        raise ValueError(f"not anchored at a line's start: {pattern.pattern!r}")
    return pattern


def search_line_starts(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a ``line_anchored`` pattern: its match at the first line start where it has
    one (the text's start, then after each "\\n": where a MULTILINE "^" matches). The engine's search tries such a
    pattern at every character, ~100 instructions each; a text has few lines."""
    start = 0
    while True:
        found = pattern.match(text, start)
        if found is not None:
            return found
        start = text.find("\n", start) + 1
        if not start:
            return None


def _class_body(low: int, high: int, keep: Callable[[str], bool]) -> str:
    """The characters from ``low`` to ``high`` that ``keep`` accepts, as a character class's body of ranges."""
    spans: list[tuple[int, int]] = []
    for code in range(low, high + 1):
        if keep(chr(code)):
            if spans and spans[-1][1] == code - 1:
                spans[-1] = (spans[-1][0], code)
            else:
                spans.append((code, code))
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in spans)


# A name's letters beyond Latin-1 ("Žofie Dvořáková", "Łukasz", "Şahin"): the capitals and small letters of Latin
# Extended-A and -B, which the name patterns' "[A-Z]" and "[a-zà-ÿ]" missed (a byline "By Žofie Dvořáková" named no
# author). NAME_CAPITALS adds Latin-1's capitals ("Élodie", "Ørsted") to A-Z; both are class bodies, for "[...]".
# (without the case-blind odd letters, which a case-blind pattern would match with "i", "s" or "k")
NAME_CAPITALS = "A-Z" + _class_body(0xC0, 0x24F, lambda c: c.isupper() and not holds_case_blind_odd(c))
NAME_SMALL_EXTENDED = _class_body(0x100, 0x24F, lambda c: c.islower() and not holds_case_blind_odd(c))
