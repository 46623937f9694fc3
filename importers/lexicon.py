"""Actors and topics shared by every importer, so documents can be compared.

Actors come from the gazetteer (data files, ``importers.actors``) and from what each document
introduces; they are normalised by alias; their id is ``slug(canonical name)``. The named topics
(data: gazetteers/named-topics.json) have fixed ids (any other topic is free text, see
``graph.topic_stance``). ``annotate(builder)`` adds mentions and topic tags (with a stance) to
every statement of a builder; every importer calls it before ``build()``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from graph.model import Actor, Statement, StatementKind, Topic
from importers.actors import GAZETTEER_DIR, Gazetteer, configured_gazetteer, document_gazetteer, gazetteer_for
from importers.base import GraphBuilder
from importers.regex_parts import ascii_twin, holds_case_blind_odd, top_level_alternatives

# The default gazetteer (data: importers/gazetteers/*.json); an import may use another (ARGMAP_GAZETTEERS).
_GAZETTEER = gazetteer_for()
ACTORS: dict[str, Actor] = _GAZETTEER.actors
_ALIAS_TO_ID: dict[str, str] = _GAZETTEER.alias_to_id


def _canon(match: str) -> str:
    return " ".join(match.replace("’", "'").replace("‘", "'").split())  # a match never starts or ends blank


def actors_in(text: str) -> list[Actor]:
    """Gazetteer actors mentioned in ``text``, each once, in order of first mention."""
    return _GAZETTEER.actors_in(text)


def actor_spans(text: str) -> list[tuple[int, int, Actor]]:
    """Every gazetteer actor mention in ``text`` with its span."""
    return _GAZETTEER.spans(text)


# --- topics and stance ---------------------------------------------------------------

NAMED_TOPICS_PATH = GAZETTEER_DIR / "named-topics.json"
"""The named topics (fixed ids, shortcuts for a free-text topic), their cue patterns and the polarity cues:
data written for the seed documents' region, not code (see the file's "about")."""
_NAMED = json.loads(NAMED_TOPICS_PATH.read_text(encoding="utf-8"))

TOPICS: dict[str, Topic] = {t["id"]: Topic(t["id"], t["name"]) for t in _NAMED["topics"]}


def _first_chars(body: str) -> set[str] | None:
    """Every character a match of the alternation ``body`` can start with, when each alternative plainly
    starts with a letter or digit (or a "(?:...)" group of such alternatives); None when not sure."""
    found: set[str] = set()
    for alternative in top_level_alternatives(body) or [""]:
        if alternative.startswith("(?:"):
            depth, end = 0, -1
            for k, char in enumerate(alternative):  # the group's closing bracket (no brackets inside: else unsure)
                depth += (char == "(") - (char == ")")
                if depth == 0:
                    end = k
                    break
            inner = alternative[3:end] if end > 0 else ""
            if "(" in inner or "[" in inner or "\\" in inner or alternative[end + 1:end + 2] in ("?", "*", "{"):
                return None
            first = _first_chars(inner)
            if first is None:
                return None
            found |= first
        elif alternative[:1].isalnum() and alternative[1:2] not in ("?", "*", "{"):
            found.add(alternative[0])
        else:
            return None
    return found


# an alternative opening with a group of plain words: "(?:could|can) (?:also )?help"
_WORDS_GROUP_FIRST = re.compile(r"\(\?:([a-z]+(?:\|[a-z]+)*)\)(?![?*+{])(.*)", re.DOTALL)


def _spelt_out(alternative: str) -> list[str]:
    """``alternative`` as one alternative per word of a group of plain words it opens with ("(?:could|can) help"
    -> "could help", "can help"): the same matches in the same order of trial (the group's words are tried in
    turn, each followed by the rest), and each then opens with a plain letter."""
    opening = _WORDS_GROUP_FIRST.fullmatch(alternative)
    if opening is None:
        return [alternative]
    return [word + opening.group(2) for word in opening.group(1).split("|")]


def _quick(pattern: str) -> re.Pattern[str]:
    """``pattern`` (``\\b(?:...)``) compiled so that the engine tries few alternatives at each place, with
    the same matches: alternatives that each start with a plain letter (an opening group of plain words spelt
    out: ``_spelt_out``) are grouped by it, in their order ("n(?:egotiat\\w*|o deal)|d(?:ialogues?)"; only
    those can match where that letter is; the polarity cues' scan ~20% faster than by the look-ahead); otherwise
    a look-ahead for the letters any match starts with skips most places with one test."""
    if not (pattern.startswith(r"\b(?:") and pattern.endswith(")")):
        return re.compile(pattern)
    body = pattern.removeprefix(r"\b(?:").removesuffix(")")
    alternatives = top_level_alternatives(body)
    if alternatives is not None:
        alternatives = [spelt for alternative in alternatives for spelt in _spelt_out(alternative)]
    first = _first_chars(body)
    if not first or not alternatives:
        return re.compile(pattern)
    if all(_first_chars(a) == {a[0]} for a in alternatives):
        groups: dict[str, list[str]] = {}
        for alternative in alternatives:
            groups.setdefault(alternative[0], []).append(alternative[1:])
        return re.compile(r"\b(?:" + "|".join(f"{c}(?:{'|'.join(rests)})" for c, rests in groups.items()) + ")")
    return re.compile(r"\b(?=[" + "".join(sorted(first)) + "])(?:" + body + ")")

_I = re.IGNORECASE
_TOPIC_CUES: dict[str, re.Pattern[str]] = {t["id"]: re.compile(t["cues"], _I) for t in _NAMED["topics"]}
_POSITIVE = re.compile(_NAMED["polarity"]["positive"], _I)
_NEGATIVE = re.compile(_NAMED["polarity"]["negative"], _I)
_PRESCRIPTIVE = re.compile(_NAMED["polarity"]["prescriptive"], _I)
_WINDOW = 70
# One pass over a statement for all topics: the topics' alternatives flattened under a single
# \b (about twice as fast as a named group per topic, which makes the regex engine retry every
# group at every position); the topic of a hit is the first whose own pattern matches there,
# which is the group the named-group alternation would have reported.
_TOPIC_L: dict[str, re.Pattern[str]] = {topic_id: re.compile(cue.pattern.lower())
                                        for topic_id, cue in _TOPIC_CUES.items()}
_ANY_TOPIC = _quick(r"\b(?:" + "|".join(cue.pattern.lower().removeprefix(r"\b(?:").removesuffix(")")
                                           for cue in _TOPIC_CUES.values()) + ")")
if not all(cue.pattern.startswith(r"\b(?:") and cue.pattern.endswith(")") for cue in _TOPIC_CUES.values()):
    raise ValueError(f"{NAMED_TOPICS_PATH}: every topic's cues must read \\b(?:...)")


def _topic_at(text: str, pos: int) -> str | None:
    for topic_id, pattern in _TOPIC_L.items():
        if pattern.match(text, pos):
            return topic_id
    return None
_POSITIVE_L = _quick(_POSITIVE.pattern.lower())
_NEGATIVE_L = _quick(_NEGATIVE.pattern.lower())
_PRESCRIPTIVE_L = _quick(_PRESCRIPTIVE.pattern.lower())
# the same patterns for an ASCII text (``regex_parts.ascii_twin``: the same matches, \b tested in a table)
_ANY_TOPIC_A, _POSITIVE_A, _NEGATIVE_A = map(ascii_twin, (_ANY_TOPIC, _POSITIVE_L, _NEGATIVE_L))


# A polarity cue does not reach across a relative pronoun ("suspending its hunt for leaders
# who participate in dialogue": the suspending is not about dialogue) or a contrast ("talking
# to combatants was tolerable, but ... a different calculation"), and cues inside a concessive
# clause ("even if the dialogue ultimately fails") state no position.
_BARRIER_L = re.compile(r"\b(?:who|whom|whose|which|but|whereas|although)\b")
_CONCESSIVE_L = re.compile(r"\b(?:even if|even though)\b[^,;:—.]*")


def _polarity_near(pos: int, hits: list[tuple[int, int]], barriers: list[int]) -> int:
    best: tuple[int, int] | None = None
    for where, sign in hits:
        distance = abs(where - pos)
        if distance <= _WINDOW and (best is None or distance < best[0]):
            low, high = (where, pos) if where < pos else (pos, where)
            if barriers and any(low < b < high for b in barriers):
                continue
            best = (distance, sign)
    return best[1] if best else 0


def _mentions_and_cues(text: str) -> tuple[dict[str, list[int]], list[tuple[int, int]]]:
    """In lower-cased ``text``: each topic's mention offsets, and the polarity cues (offset, +1 / -1) outside an
    "even if" clause (read only when a topic is mentioned)."""
    found: dict[str, list[int]] = {}
    ascii = text.isascii()
    for m in (_ANY_TOPIC_A if ascii else _ANY_TOPIC).finditer(text):
        topic_id = _topic_at(text, m.start())
        if topic_id:
            found.setdefault(topic_id, []).append(m.start())
    if not found:
        return found, []
    positive, negative = (_POSITIVE_A, _NEGATIVE_A) if ascii else (_POSITIVE_L, _NEGATIVE_L)
    hits = [(m.start(), 1) for m in positive.finditer(text)] + [(m.start(), -1) for m in negative.finditer(text)]
    if hits and "even " in text:
        concessive = [(m.start(), m.end()) for m in _CONCESSIVE_L.finditer(text)]
        hits = [(where, sign) for where, sign in hits if not any(s <= where < e for s, e in concessive)]
    return found, hits


def topic_stances(text: str, kind: StatementKind | None = None) -> dict[str, int]:
    """Topics ``text`` touches and its stance on each: +1 for, -1 against, 0 neutral.

    A topic's stance is the sign of the nearest polarity cue (within 70 characters, not
    across a relative pronoun or "but", not inside an "even if" clause) of each of its
    mentions, summed; a mention with no such cue counts +1 in a prescriptive statement
    ("should ...", a recommendation), else the sign all the sentence's cues share when the
    sentence touches only this topic, else 0. (``topic_stances_plain`` is the definition: this one
    looks for barriers only when a cue is near a mention and for a prescriptive phrase only when a
    mention has no near cue; the two scans were ~1/3 of the time, and most statements need neither.)
    """
    text = text.lower()  # the patterns are compiled lower-case: much faster than re.IGNORECASE
    found, hits = _mentions_and_cues(text)
    if not found:
        return {}
    barriers: list[int] | None = None  # read only for a cue within the window of a mention
    prescriptive: bool | None = None  # read only for a mention without a near cue
    # one topic, and every cue of the sentence on the same side: the sentence's side, however far
    signs = {sign for _, sign in hits}
    unanimous = signs.pop() if len(found) == 1 and len(signs) == 1 else 0
    result: dict[str, int] = {}
    for topic_id, positions in found.items():
        total = 0
        for pos in positions:
            if barriers is None and any(abs(where - pos) <= _WINDOW for where, _ in hits):
                barriers = [m.start() for m in _BARRIER_L.finditer(text)]
            sign = _polarity_near(pos, hits, barriers or [])
            if not sign and prescriptive is None:
                prescriptive = kind is StatementKind.RECOMMENDATION or bool(_PRESCRIPTIVE_L.search(text))
            total += sign if sign else (1 if prescriptive else unanimous)
        result[topic_id] = (total > 0) - (total < 0)
    return result


def topic_stances_plain(text: str, kind: StatementKind | None = None) -> dict[str, int]:
    """``topic_stances`` as defined (every scan for every statement touching a topic): tests compare the two.

    A topic's stance is the sign of the nearest polarity cue (within 70 characters, not
    across a relative pronoun or "but", not inside an "even if" clause) of each of its
    mentions, summed; a mention with no such cue counts +1 in a prescriptive statement
    ("should ...", a recommendation), else the sign all the sentence's cues share when the
    sentence touches only this topic, else 0.
    """
    text = text.lower()  # the patterns are compiled lower-case: much faster than re.IGNORECASE
    found, hits = _mentions_and_cues(text)
    if not found:
        return {}
    barriers = [m.start() for m in _BARRIER_L.finditer(text)] if hits else []
    prescriptive = kind is StatementKind.RECOMMENDATION or bool(_PRESCRIPTIVE_L.search(text))
    # one topic, and every cue of the sentence on the same side: the sentence's side, however far
    signs = {sign for _, sign in hits}
    unanimous = signs.pop() if len(found) == 1 and len(signs) == 1 else 0
    result: dict[str, int] = {}
    for topic_id, positions in found.items():
        total = 0
        for pos in positions:
            sign = _polarity_near(pos, hits, barriers)
            total += sign if sign else (1 if prescriptive else unanimous)
        result[topic_id] = (total > 0) - (total < 0)
    return result


# The characters a case-blind pattern matches with an ASCII letter other than by ``str.lower`` (dotted and dotless i,
# long s, Kelvin sign; ``regex_parts.CASE_BLIND_ODD``, checked over all of Unicode by a test): in a text
# without them, ``str.lower`` keeps its length and what \w and \b read, so a topic's lower-case pattern on the
# lower-cased text finds the matches its case-blind one finds in the text.
if any(re.search(r"\\[A-Z]", cue.pattern) for cue in _TOPIC_CUES.values()):
    raise ValueError(f"{NAMED_TOPICS_PATH}: a topic's cues may not use an upper-case escape (lower-cased it changes)")


def topic_vector(text: str) -> dict[str, int]:
    """How often each topic's cues occur in ``text`` (``topic_vector_plain``, the definition: its case-blind patterns
    on ``text``), counted case-sensitively on the lower-cased text (~3x faster) unless it holds one of the
    ``regex_parts.CASE_BLIND_ODD`` characters."""
    if holds_case_blind_odd(text):
        return topic_vector_plain(text)
    low = text.lower()
    return {topic_id: len(cue.findall(low)) for topic_id, cue in _TOPIC_L.items()}


def topic_vector_plain(text: str) -> dict[str, int]:
    """How often each topic's cues occur in ``text``: its case-blind patterns (``topic_vector``'s definition)."""
    return {topic_id: len(cue.findall(text)) for topic_id, cue in _TOPIC_CUES.items()}


def topic_similarity(a: str, b: str) -> float:
    """Cosine of the topic vectors of two texts (0 when either touches no topic)."""
    return topic_cosine(topic_vector(a), topic_vector(b))


def topic_cosine(va: dict[str, int], vb: dict[str, int]) -> float:
    """Cosine of two ``topic_vector`` results (0 when either is all zeros)."""
    dot = sum(va[k] * vb[k] for k in va)
    na = sum(v * v for v in va.values()) ** 0.5
    nb = sum(v * v for v in vb.values()) ** 0.5
    return dot / (na * nb) if na and nb else 0.0


@lru_cache(maxsize=1)
def _topic_objects() -> dict[str, Topic]:
    return dict(TOPICS)


# A statement that continues the one right before it takes that one's side on the topics it
# leaves open: "This proposal surfaced ...", "X echoed this same recommendation", "Y has been
# less forgiving" (than the speaker before). A contrast ("This position, however, ...") does not.
_CONTINUES_START = re.compile(
    r"(?:similarly|likewise)\b|(?:this|that|these|such|the same) (?:same )?(?:proposals?|ideas?|recommendations?|"
    r"positions?|views?|stances?|calls?|demands?|offers?|plans?)\b")
_CONTINUES_ANYWHERE = re.compile(
    r"\b(?:echoed|echoes|echoing) (?:this|that|these|the) (?:same )?(?:proposal|idea|recommendation|position|view|"
    r"stance|call|demand)|\b(?:has been|was|is) (?:even )?less forgiving\b|\bwent (?:even )?further\b")
_CONTRAST_L = re.compile(r"\b(?:however|but|yet|although|though|nevertheless|nonetheless|unlike|whereas)\b")


def _continues(source: str, previous: Statement | None, statement: Statement) -> bool:
    if previous is None or previous.end > statement.start:
        return False
    gap = source[previous.end:statement.start]
    if gap.strip() or gap.count("\n") >= 2:
        return False  # only the sentence right before, in the same paragraph
    low = statement.text.lower()
    if not (_CONTINUES_START.match(low) or (("echo" in low or "forgiving" in low or "further" in low)
                                             and _CONTINUES_ANYWHERE.search(low))):
        return False
    return not _CONTRAST_L.search(low[:60])


def annotate_statement(builder: GraphBuilder, statement: Statement, inherited: dict[str, int] | None = None,
                       gazetteer: Gazetteer | None = None, actors: list[Actor] | None = None) -> dict[str, int]:
    """Tag ``statement`` with its actors and topic stances; ``inherited`` fills the topics it leaves at 0.

    ``gazetteer``: the document's (gazetteer plus the actors the document introduces), else the configured one;
    ``actors``: its ``actors_in`` the statement's text, when the caller has them."""
    if actors is None:
        actors = (gazetteer or configured_gazetteer()).actors_in(statement.text)
    for actor in actors:
        builder.mention(statement, actor)
    topics = _topic_objects()
    stances = topic_stances(statement.text, statement.kind)
    for topic_id, stance in (inherited or {}).items():
        if stance and not stances.get(topic_id):
            stances[topic_id] = stance
    for topic_id, stance in stances.items():
        builder.tag(statement, topics[topic_id], stance)
    return stances


def annotate(builder: GraphBuilder) -> None:
    """Add actor mentions and topic tags (with stance) to every statement of ``builder``."""
    gazetteer = document_gazetteer(builder.source, configured_gazetteer())
    previous: Statement | None = None
    previous_stances: dict[str, int] = {}
    ordered = sorted(builder.statements, key=lambda s: (s.start, s.end))
    mentioned = gazetteer.actors_each([statement.text for statement in ordered])
    for statement, actors in zip(ordered, mentioned, strict=True):
        inherited = previous_stances if _continues(builder.source, previous, statement) else None
        previous_stances = annotate_statement(builder, statement, inherited, gazetteer, actors)
        previous = statement
