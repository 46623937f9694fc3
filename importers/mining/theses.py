"""Thesis statements and enumerated points: what a text says about its own argument.

A brief, report or paper often states its thesis about itself: "This brief argues that ...", "This report
recommends ...", "In this paper we contend ...", "We conclude that ...". Such a sentence is the author's own
position (never an opposing voice, although "argues that" reports a view elsewhere) and the text's central claim.
A text that enumerates its points ("First, ... Second, ... Finally, ...") sets them side by side: coordinate, as the
items of a list are, not reasons for one another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# what a text calls itself
_SELF = (r"(?:(?:policy|research|issue|briefing|discussion|working|white|position|green)\s+)?"
         r"(?:brief|briefing|report|paper|analysis|study|note|memo|memorandum|article|essay|chapter|piece|review|"
         r"submission|document|commentary|assessment|evaluation)")
_STRONG = (r"(?:argues?|contends?|recommends?|proposes?|concludes?|maintains?|urges?|calls?\s+for|makes?\s+the\s+case|"
           r"sets?\s+out\s+the\s+case|advocates?)")
_WEAK = r"(?:finds?|shows?|demonstrates?)"
_OPEN = r"[\s\"“*_]*"
# "This brief argues that ...", "This policy brief recommends ...", "Our analysis finds ..."
_ITSELF = re.compile(_OPEN + r"(?:(?:in\s+short|in\s+sum|overall|therefore|thus)\s*,\s*)?(?:this|the\s+present|our)\s+"
                     + _SELF + r"\s+(?:therefore\s+|also\s+|further\s+)?(?P<verb>" + _STRONG + "|" + _WEAK + r")\b",
                     re.IGNORECASE)
# "In this paper we contend ...", "We argue that ...", "I conclude that ..."
# "I am here to argue that ...", "We are here today to ask ...": a witness stating what they came to argue
_HERE_TO = r"(?:(?:am|are)\s+here\s+(?:today\s+)?to\s+)?"
_WE = re.compile(_OPEN + r"(?:(?:in|throughout|with|through)\s+this\s+" + _SELF + r"\s*,?\s*)?(?:we|I)\s+"
                 r"(?:therefore\s+|also\s+|further\s+|thus\s+)?" + _HERE_TO + r"(?P<verb>" + _STRONG + "|" + _WEAK
                 + r")\s+(?:that\b|for\b)"
                 # "I urge Congress to ...", "We call on the council to ...", "I am here to ask the Committee to ...":
                 # the author asking someone named to act (a few words, then "to" and a verb)
                 r"|" + _OPEN + r"(?:we|I)\s+(?:therefore\s+|also\s+|strongly\s+|respectfully\s+)?" + _HERE_TO
                 + r"(?P<urge>urge|call\s+on|call\s+upon|ask)\s+(?:[\w’'.-]+,?\s+){1,8}?to\s+(?!be\b)[a-z]",
                 re.IGNORECASE)
# an editorial naming itself: "The Board believes it is time to stop.", "This newspaper supports the levy.", "The
# Editors urge the council to ..." (its "we"; in the dev files no unit opens so)
_EDITORIAL_SELF = re.compile(_OPEN + r"(?:(?:the|this|our)\s+editorial\s+board|(?-i:The\s+Board)(?!\s+of\b)"
                             r"|this\s+(?:newspaper|paper|magazine|publication)|the\s+editors)\s+"
                             r"(?:therefore\s+|also\s+|still\s+|firmly\s+|strongly\s+)?"
                             r"(?P<verb>believes|believe|thinks|think|holds|hold|urges|urge|supports|support|opposes|oppose|"
                             r"recommends|recommend|calls\s+for|call\s+for)\b", re.IGNORECASE)
# "BLUF: The agency should ...", "Bottom line: ...": a memo's label for its own conclusion, stated up front
_BOTTOM_LINE = re.compile(_OPEN + r"(?:BLUF|bottom\s+line(?:\s+up\s+front)?)\s*(?:\(BLUF\)\s*)?[:—–]\s*(?=[\w\"“])",
                          re.IGNORECASE)
_ANNOUNCES = re.compile(r":[\s\"”*_]*$")  # "This report recommends three changes:" announces a list


def thesis_strength(text: str) -> int:
    """2 when ``text`` states the text's own position with a verb of arguing ("This brief argues that ...", "In this
    paper we contend ...", "We recommend that ..."), 1 with a verb of finding ("This paper finds that ...", "We find
    that ..."), 0 when it is no such statement (also a sentence announcing a list, ending with a colon)."""
    found = _ITSELF.match(text) or _WE.match(text) or _BOTTOM_LINE.match(text) or _EDITORIAL_SELF.match(text)
    if found is None or _ANNOUNCES.search(text):
        return 0
    verb = found.groupdict().get("verb")
    return 1 if verb and re.fullmatch(_WEAK, verb, re.IGNORECASE) else 2


# where a sentence may open: the text's start, a line's start (after a list marker or emphasis), after a sentence end
_SENTENCE_OPENING = re.compile(r"(?:^|\n|[.!?][\"”’)]?[ \t]+)[ \t]*(?:(?:[-*•]|\d{1,2}[.)])[ \t]+)?")
_SENTENCE_REST = re.compile(r"[^\n]*?(?:[.!?](?=[\s\"”’)]|$)|\n|$)")


def states_own_thesis(text: str) -> bool:
    """Whether some sentence of ``text`` states the text's own position (``thesis_strength`` > 0), without
    splitting the text into sentences: each place a sentence may open is tried."""
    for opening in _SENTENCE_OPENING.finditer(text):
        at = opening.end()
        if (_ITSELF.match(text, at) or _WE.match(text, at) or _BOTTOM_LINE.match(text, at)
                or _EDITORIAL_SELF.match(text, at)):
            rest = _SENTENCE_REST.match(text, at)
            if thesis_strength(text[at:rest.end() if rest else len(text)].strip()):
                return True
    return False


def thesis_statements(texts: Sequence[str]) -> dict[int, int]:
    """{unit index: ``thesis_strength``} of the units that state the text's own position."""
    return {i: strength for i, text in enumerate(texts) if (strength := thesis_strength(text))}


# a side of a divided body stating its position under its name ("The majority recommends that ...", "A minority of
# the panel believes ..."): in a text giving two sides under headings, the position of the side whose section it opens
_SIDE_VIEW = re.compile(r"[\s\"“*_]*(?:the|a|our)\s+(?:majority|minority)(?:\s+of\s+(?:the\s+)?[\w’'-]+)?\s+"
                        r"(?:(?:therefore|also|firmly|strongly)\s+)?(?:recommends?|urges?|proposes?|concludes?|"
                        r"believes?|finds?|supports?|opposes?|considers?|argues?|holds?|takes\s+the\s+view)\b",
                        re.IGNORECASE)


def side_views(texts: Sequence[str], units: Sequence[int]) -> set[int]:
    """Of ``units``, those where a side of a divided body states its view under its name (``_SIDE_VIEW``)."""
    return {i for i in units if "ority" in texts[i] and _SIDE_VIEW.match(texts[i])}


# "The Board believes ...", "The Institute argues ...": a text signed by an institution names itself by its name's
# head noun (the words here must all be words of an author's name, ``author_views_and_calls``)
_NAMED_SELF = re.compile(_OPEN + r"(?:(?i:in\s+short|in\s+sum|overall|therefore|thus)\s*,\s*)?"
                         # an institution's name with its article, or without one ("Ocean Trust says ...")
                         r"(?:(?:[Tt]he|[Tt]his|[Oo]ur)\s+)?"
                         r"(?P<name>(?:[A-Z][\w’'-]*\s+){1,4}?)(?:therefore\s+|also\s+|still\s+|firmly\s+|strongly\s+|"
                         r"today\s+|now\s+|"
                         r"(?:has|have)\s+(?:long\s+|always\s+)?)?(?P<verb>believes?|argues?|argued|contends?|contended|"
                         r"maintains?|maintained|holds?|thinks?|says?|said|urges?|urged|recommends?|recommended|proposes?|"
                         r"proposed|supports?|supported|opposes?|opposed|favou?rs?|favou?red|welcomes?|welcomed|"
                         r"is\s+convinced|takes?\s+the\s+view|calls?\s+(?:on|for)|called\s+(?:on|for)|"
                         r"(?:is|are)\s+(?:calling\s+(?:on|for)|urging|asking))\b")
# the verbs with which an institution states what it asks for under its name ("Ocean Trust today called on the
# ministry to ...", "The Institute urges ..."): its position, as "We urge the council to ..." is a witness's
_CALLS = re.compile(r"urg|call|recommend|propos|ask", re.IGNORECASE)
_NAME_WORD = re.compile(r"[\w’'-]+")
_LEAD_WORD = re.compile(_OPEN + r"([\w’'-]+)")
_OPENERS = frozenset(("The", "the", "This", "this", "Our", "our"))  # _NAMED_SELF's articles, as written
_OPENING_PHRASES = frozenset(("in", "overall", "therefore", "thus"))  # its opening phrases' first words, any case


def _author_views(texts: Sequence[str], authors: Sequence[str]) -> dict[int, str]:
    """{unit: its verb} of the units where an author states its view under its name (``author_views_and_calls``)."""
    names = [set(_NAME_WORD.findall(author)) for author in authors]
    out: dict[int, str] = {}
    if not names:
        return out
    # the words a match may open with: an article's, an opening phrase's ("In short, ..."), or a name's first word
    openers = set().union(*names) | _OPENERS
    for i, text in enumerate(texts):
        lead = _LEAD_WORD.match(text)
        if lead is None or (lead.group(1) not in openers and lead.group(1).lower() not in _OPENING_PHRASES):
            continue  # (the pattern, tried at every capitalised word, is the costly part)
        found = _NAMED_SELF.match(text)
        if found is not None:
            words = set(_NAME_WORD.findall(found.group("name")))
            if words and any(words <= name for name in names):
                out[i] = found.group("verb")
    return out


def author_views_and_calls(texts: Sequence[str], authors: Sequence[str]) -> tuple[set[int], dict[int, int]]:
    """The units where the text's author, an institution, states its own view under its name: "The Board believes
    ..." in an editorial signed "The Editorial Board", "The Institute argues ..." in a commentary by a "... Institute"
    (every word naming the view's holder is a word of an author's name): the author's voice, never an opposing one;
    and {unit: 2} of those where it asks for something ("Ocean Trust today called on the ministry to ban ...", "The
    Institute urges ..."; not "The Institute believes ..."): the text's own position, as ``thesis_strength`` gives
    "We urge the council to ..." (not a sentence announcing a list, ending with a colon). The units are read once."""
    views = _author_views(texts, authors)
    return set(views), {i: 2 for i, verb in views.items()
                        if _CALLS.match(verb.split()[-1] if verb.split()[0] in ("is", "are") else verb)
                        and not _ANNOUNCES.search(texts[i])}


# a paragraph opening with an ordinal: one point of an enumeration ("First, ...", "Secondly, ...", "Finally, ...")
_ORDINAL = re.compile(r"[\s*_]*(?P<word>first|firstly|second|secondly|third|thirdly|fourth|fourthly|fifth|fifthly|"
                      r"sixth|finally|lastly)\s*[,:]", re.IGNORECASE)


def enumerated(openings: Sequence[str]) -> dict[int, int]:
    """{paragraph number: number of its enumeration} for paragraphs (by their opening text) that open with an
    ordinal, from one opening "First," to the paragraphs after it that open with a later ordinal ("Second,",
    "Third,", "Finally,"); a new "First," starts a new enumeration. A "First," without a follower is no enumeration."""
    out: dict[int, int] = {}
    current: list[int] = []
    count = 0

    def close() -> None:
        nonlocal count
        if len(current) > 1:
            count += 1
            out.update({number: count for number in current})

    for number, opening in enumerate(openings):
        found = _ORDINAL.match(opening)
        if found is None:
            continue
        if found.group("word").lower() in ("first", "firstly"):
            close()
            current = [number]
        elif current:
            current.append(number)
    close()
    return out


__all__ = ["author_views_and_calls", "enumerated", "states_own_thesis", "thesis_statements", "thesis_strength"]
