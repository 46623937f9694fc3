"""Actors found in any text: a gazetteer plus what the text itself says.

* **Gazetteer** (data, not code): the files named by the ``ARGMAP_GAZETTEERS`` setting (by default
  every file in ``importers/gazetteers/actors/``; services pass it to ``parse_document``), plus the
  world's states from pycountry (ISO 3166-1) with the names and irregular demonyms of
  ``importers/gazetteers/states.json``; regular demonyms are derived from the state names
  ("Kenyan" -> Kenya, "German" -> Germany, "Japanese" -> Japan).
* **Found in the text**: acronyms the text defines ("Long Name (LN)"), names after a title or
  honorific ("Foreign Minister Ana Pereira", "Dr. Maria Santos"), names that say, argue or
  write something, and capitalised names ending in an organisation, operation or accord word
  ("Centre for Urban Policy", "Operation Serval", "Paris Agreement"). A surname alone ("Santos")
  is the person whose full name the document used earlier.
* **Kind** from the text's own evidence (title -> person, "Ministry"/"Party" -> organisation,
  "Operation" -> operation, "Treaty"/"Accord" -> accord) or the gazetteer's.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from graph.errors import InvalidInput
from graph.model import Actor, ActorKind, slug

GAZETTEER_DIR = Path(__file__).parent / "gazetteers"
ACTOR_GAZETTEER_DIR = GAZETTEER_DIR / "actors"
DEFAULT_GAZETTEERS = tuple(sorted(ACTOR_GAZETTEER_DIR.glob("*.json")))  # a region is a file dropped in
STATES_PATH = GAZETTEER_DIR / "states.json"


@lru_cache(maxsize=65_536)  # asked for every alias match: a document names the same actors again and again
def _normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def _alias_pattern(alias: str) -> str:
    escaped = re.escape(_normalise(alias))
    return escaped.replace("'", "['’‘]").replace(r"\ ", r"\s+")


@dataclass
class Gazetteer:
    """Actors by id and the aliases that name them (matched case-sensitively, as whole words)."""

    actors: dict[str, Actor] = field(default_factory=dict)
    alias_to_id: dict[str, str] = field(default_factory=dict)
    # Compiled patterns, each over a run of aliases in insertion order (aliases are only ever added, and a
    # copy keeps the order), with how many aliases they cover: a document's copy of the gazetteer reuses
    # its parent's patterns and compiles only the aliases the document adds (one pattern over all 500
    # aliases takes ~20 ms to build, and sorting them per statement cost more than the matching). A run's
    # aliases opening with a lower-case letter get a pattern per opening word (``_lower_led``).
    _patterns: list[re.Pattern[str]] = field(default_factory=list, init=False, repr=False, compare=False)
    _covered: int = field(default=0, init=False, repr=False, compare=False)

    def add(self, name: str, kind: ActorKind, aliases: tuple[str, ...] = ()) -> Actor:
        actor_id = slug(name)
        existing = self.actors.get(actor_id)
        if existing is None:
            existing = Actor(id=actor_id, name=name, kind=kind, aliases=tuple(a for a in aliases if a != name))
        else:
            merged = tuple(dict.fromkeys([*existing.aliases, *(a for a in aliases if a != existing.name)]))
            existing = Actor(existing.id, existing.name, existing.kind, merged)
        self.actors[actor_id] = existing
        for alias in (name, *aliases):
            self.alias_to_id.setdefault(_normalise(alias), actor_id)
        return existing

    def copy(self) -> Gazetteer:
        twin = Gazetteer(dict(self.actors), dict(self.alias_to_id))
        twin._patterns, twin._covered = list(self.patterns()), len(self.alias_to_id)
        return twin

    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Patterns that together match every alias (see ``spans`` for how their matches combine)."""
        if self._covered < len(self.alias_to_id):
            added = sorted(list(self.alias_to_id)[self._covered:], key=_alias_rank)
            others = tuple(alias for alias in added if not _lower_led(alias))
            by_word: dict[str, list[str]] = {}  # the lower-led aliases by their opening word, in rank order
            for alias in added:
                if _lower_led(alias):
                    by_word.setdefault(_opening_word(alias), []).append(alias)
            self._patterns.extend([_compiled(others)] if others else [])
            self._patterns.extend(_word_led(word, tuple(aliases)) for word, aliases in by_word.items())
            self._covered = len(self.alias_to_id)
        return tuple(self._patterns)

    def spans(self, text: str) -> list[tuple[int, int, Actor]]:
        """Every mention in ``text`` with its span, longest alias first: what one alternation of all the
        aliases sorted by ``_alias_rank`` finds, scanning left to right."""
        if not self.alias_to_id:
            return []
        patterns = self.patterns()
        matches = patterns[0].finditer(text) if len(patterns) == 1 else _leftmost_first(patterns, text)
        found = []
        for m in matches:
            actor_id = self.alias_to_id.get(_normalise(m.group(0)))
            if actor_id is not None:
                found.append((m.start(), m.end(), self.actors[actor_id]))
        return found

    def actors_in(self, text: str) -> list[Actor]:
        """Actors mentioned in ``text``, each once, in order of first mention."""
        return list({a.id: a for _, _, a in self.spans(text)}.values())

    def actors_each(self, texts: Sequence[str]) -> list[list[Actor]]:
        """``actors_in`` of each text, from one scan over the texts joined by NUL (a document's statements: one
        search per pattern instead of one per pattern and statement). No alias holds a NUL and no pattern matches
        one, and the patterns' edge tests read it as they read a text's start or end (neither a word character nor
        "-" nor "."), so no mention spans two texts and each text's mentions are its own, in order."""
        joined = "\x00".join(texts)
        if joined.count("\x00") > len(texts) - 1:  # a text holds one itself
            return [self.actors_in(text) for text in texts]
        starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        found: list[dict[str, Actor]] = [{} for _ in texts]
        for start, _, actor in self.spans(joined):
            found[bisect_right(starts, start) - 1].setdefault(actor.id, actor)
        return [list(actors.values()) for actors in found]


def _alias_rank(alias: str) -> tuple[int, str]:
    return -len(alias), alias


def _lower_led(alias: str) -> bool:
    """Whether ``alias`` opens with a lower-case letter ("al-Qaeda", "the Netherlands"). The engine tries a
    pattern's whole alternation at every character that can open one of its aliases: a lower-case letter opens
    most words of a text, so a handful of such aliases among ~500 capitalised ones made it try all of them at
    every "a" and "t" (about half of the scan's work). They get a pattern per opening word instead
    (``_word_led``), which the engine skips to as a literal; the patterns' matches merge into the single
    alternation's (``_leftmost_first``)."""
    return alias[:1].islower()


def _opening_word(alias: str) -> str:
    """The letters and digits ``alias`` opens with ("the" of "the Accord", "al" of "al-Qaeda")."""
    opening = re.match(r"[^\W_]*", alias)
    return opening.group() if opening else ""


@lru_cache(maxsize=64)
def _word_led(word: str, aliases: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of ``aliases`` in the given order, each opening with ``word`` (a run of letters and
    digits): the word first, then the word-start test behind it, so the engine skips to the word's occurrences.
    Aliases of different opening words never match at one place (where one word ends the other goes on with a
    letter or digit), so each word's aliases keep their own order and the merge needs no tie-break among them."""
    patterns = [_alias_pattern(alias) for alias in aliases]
    if not all(pattern.startswith(word) for pattern in patterns):  # not as written: the plain alternation
        return _compiled(aliases)
    rests = "|".join(pattern[len(word):] for pattern in patterns)
    return re.compile(rf"{word}(?<![\w\-]{word})(?:{rests})(?![\w\-]|\.\w)")


def _leftmost_first(patterns: tuple[re.Pattern[str], ...], text: str) -> Iterator[re.Match[str]]:
    """The matches of the alternation of all the patterns' aliases: at each step the leftmost match, and
    at the same position the best-ranked alias (an alternation tries its aliases in rank order; a match
    normalises back to its alias)."""
    pending = {k: m for k, p in enumerate(patterns) if (m := p.search(text)) is not None}  # each one's next match
    while len(pending) > 1:
        # the leftmost match; the alias ranks (a normalised copy of each match) only break a tie
        leftmost = min(m.start() for m in pending.values())
        tied = [k for k, m in pending.items() if m.start() == leftmost]
        won = tied[0] if len(tied) == 1 else min(tied, key=lambda k: _alias_rank(_normalise(pending[k].group(0))))
        best = pending.pop(won)
        yield best
        # a pattern's next match found from an earlier position is still its next one if it starts later
        for k, m in list(pending.items()):
            if m.start() < best.end():
                if (later := patterns[k].search(text, best.end())) is None:
                    del pending[k]
                else:
                    pending[k] = later
        # The winner's next matches that end before every other pattern's next match starts would each be the
        # leftmost, alone, at its step (and leave the others' next matches as they are): taken from its own scan
        # (one pattern usually holds most of a text's matches; a step per match cost as much as the scan).
        bound = min((m.start() for m in pending.values()), default=len(text) + 1)
        for m in patterns[won].finditer(text, best.end()):
            if m.end() > bound:
                pending[won] = m
                break
            yield m
    for k, m in pending.items():  # one pattern left (or none): its matches from here on are all the rest
        yield m
        yield from patterns[k].finditer(text, m.end())


@lru_cache(maxsize=64)
def _compiled(aliases: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of ``aliases`` in the given order. Aliases starting with a letter or digit are
    grouped by that character ("M(?:ali|auritania|...)"): at a word start the engine then tries the
    aliases of one character instead of all ~500 (5x faster). Only aliases sharing the first character
    can match at the same place, and each group keeps their order, so the matches are the same. The
    word-start test comes after the first character ("M(?<![\\w\\-]M)"): a pattern whose alternatives all
    start with a literal lets the engine skip to the places holding one of those characters."""
    patterns = [_alias_pattern(a) for a in aliases]
    if not all(a[:1].isalnum() and p.startswith(a[0]) for a, p in zip(aliases, patterns, strict=True)):
        return re.compile(r"(?<![\w\-])(?:" + "|".join(patterns) + r")(?![\w\-]|\.\w)")
    groups: dict[str, list[str]] = {}
    for alias, pattern in zip(aliases, patterns, strict=True):
        groups.setdefault(alias[0], []).append(pattern[1:])
    alternation = "|".join(re.escape(first) + r"(?<![\w\-]" + re.escape(first) + ")(?:" + "|".join(rests) + ")"
                           for first, rests in groups.items())
    return re.compile(r"(?:" + alternation + r")(?![\w\-]|\.\w)")


def _demonym_candidates(name: str) -> list[str]:
    """Regular demonyms of a state's name: Kenya -> Kenyan, Germany -> German, China -> Chinese."""
    stems = [name]
    if name[-1] in "aeiouy":
        stems.append(name[:-1])
    return [stem + suffix for stem in stems for suffix in ("n", "an", "ian", "ese", "i", "ish")
            if not (stem == name and name[-1] in "aeiouy" and suffix in ("i", "ish"))]


@lru_cache(maxsize=1)
def world_states() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(name, aliases) of every state in ISO 3166-1, with common names and demonyms."""
    import pycountry

    extra = json.loads(STATES_PATH.read_text(encoding="utf-8"))
    states: dict[str, list[str]] = {}
    for country in pycountry.countries:
        official = country.name
        name = getattr(country, "common_name", None) or official
        if "," in name or "(" in name:
            continue
        aliases = [a for a in (official,) if "," not in a and "(" not in a and a != name]
        aliases += extra["names"].get(official, []) + extra["names"].get(name, [])
        states[name] = aliases
    for official, aliases in extra["names"].items():
        if official not in states and not any(official in a for a in states.values()):
            states[aliases[0]] = aliases[1:]
    canonical = {n: n for n in states} | {a: n for n, aliases in states.items() for a in aliases}
    for demonym, state in extra["demonyms"].items():
        owner = canonical.get(state, state)
        if owner in states and demonym not in states[owner]:
            states[owner].append(demonym)
    return tuple((name, tuple(aliases)) for name, aliases in sorted(states.items()))


@lru_cache(maxsize=1)
def derived_demonyms() -> dict[str, str]:
    """Regular demonyms (and their plurals) derived from one-word state names, each naming one state only."""
    derived: dict[str, set[str]] = {}
    for name, _ in world_states():
        if " " not in name:
            for candidate in _demonym_candidates(name):
                for form in (candidate, candidate + "s"):
                    derived.setdefault(form, set()).add(name)
    return {demonym: next(iter(owners)) for demonym, owners in derived.items() if len(owners) == 1}


def _gazetteer_entries(path: Path) -> list[tuple[str, ActorKind, tuple[str, ...]]]:
    """A gazetteer file's actors; InvalidInput naming the file and what is wrong (it comes from
    ARGMAP_GAZETTEERS, so a typo there must read as one clear line, not a traceback)."""
    shape = '{"actors": [{"name": ..., "kind": ..., "aliases": [...]}]}'
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput(f"gazetteer {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise InvalidInput(f"gazetteer {path}: not JSON ({exc})") from exc
    actors = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(actors, list):
        raise InvalidInput(f"gazetteer {path}: expected {shape}")
    entries = []
    kinds = ", ".join(kind.value for kind in ActorKind)
    for number, entry in enumerate(actors, 1):
        name = entry.get("name") if isinstance(entry, dict) else None
        aliases = entry.get("aliases", []) if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip() or not isinstance(aliases, list) \
                or not all(isinstance(alias, str) for alias in aliases):
            raise InvalidInput(f"gazetteer {path}: actor {number} needs a name and a list of aliases; expected {shape}")
        try:
            kind = ActorKind(entry.get("kind"))
        except ValueError as exc:
            raise InvalidInput(f"gazetteer {path}: actor {number} ({name}): kind must be one of {kinds}") from exc
        entries.append((name, kind, tuple(aliases)))
    return entries


def load_gazetteer(paths: tuple[Path, ...] = DEFAULT_GAZETTEERS, include_world_states: bool = True) -> Gazetteer:
    """The gazetteer files in order (an earlier file's alias wins), then the world's states."""
    gazetteer = Gazetteer()
    for path in paths:
        for name, kind, aliases in _gazetteer_entries(Path(path)):
            gazetteer.add(name, kind, aliases)
    if include_world_states:
        for name, aliases in world_states():
            if _normalise(name) in gazetteer.alias_to_id:  # a gazetteer file already names the state
                actor_id = gazetteer.alias_to_id[_normalise(name)]
                actor = gazetteer.actors[actor_id]
                gazetteer.add(actor.name, actor.kind, tuple(a for a in aliases if _normalise(a) not in
                                                             gazetteer.alias_to_id))
            else:
                gazetteer.add(name, ActorKind.STATE, tuple(a for a in aliases if _normalise(a) not in
                                                           gazetteer.alias_to_id))
    return gazetteer


@lru_cache(maxsize=8)
def gazetteer_for(paths: tuple[Path, ...] = DEFAULT_GAZETTEERS, include_world_states: bool = True) -> Gazetteer:
    """The gazetteer of these files (loaded once per combination)."""
    return load_gazetteer(paths, include_world_states)


_ACTIVE: ContextVar[Gazetteer | None] = ContextVar("argmap_gazetteer", default=None)


def configured_gazetteer() -> Gazetteer:
    """The gazetteer of the import in progress (``use_gazetteer``), else the default one."""
    return _ACTIVE.get() or gazetteer_for()


@contextmanager
def use_gazetteer(gazetteer: Gazetteer | None) -> Iterator[None]:
    """Parse with ``gazetteer`` (from the ARGMAP_GAZETTEERS setting) inside this block."""
    token = _ACTIVE.set(gazetteer)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


# --- actors the text introduces ---------------------------------------------------------------

# The word-start tests sit after a pattern's first character ("[A-Z](?<!\w[A-Z])" for "\b[A-Z]"): a
# pattern starting with a character class or a literal lets the engine skip straight to where one is.
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-zà-ÿ]+\b")
_CAP = r"[A-Z][\w'’\.\-]*[\w]"
_PARTICLE = r"(?:de|da|del|der|di|du|la|le|van|von|bin|ibn|al|ag|el|of|the|for|and|in|on|wa|l)"
_NAME = rf"{_CAP}(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+)*{_CAP}){{0,5}}"
_NAME_TOKEN = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*"
_NAME_TOKEN_TAIL = _NAME_TOKEN.removeprefix("[A-Z]")  # after its first letter
_LOWER_PARTICLE = r"(?:de|da|del|di|du|la|le|van|von|bin|ibn|al|ag|el)"
_PERSON_NAME = rf"{_NAME_TOKEN}(?:[ \u00a0]+(?:{_LOWER_PARTICLE}[ \u00a0]+)?{_NAME_TOKEN}){{0,3}}"
_TITLES = (r"(?:Vice[ -])?President|(?:Prime|Foreign|Defen[cs]e|Interior|Finance|Health|Deputy|Prime) Minister|"
           r"Minister|Secretary(?: of State| General)?|Senator|Sen\.|Representative|Rep\.|Governor|Gov\.|Mayor|"
           r"Chancellor|King|Queen|Prince|Princess|General|Gen\.|Colonel|Col\.|Lieutenant|Captain|Admiral|Dr\.|"
           r"Mr\.|Mrs\.|Ms\.|Mr|Mrs|Ms|Dr|Professor|Prof\.|Ambassador|Judge|Justice|Imam|Sheikh|Pope|Chairman|"
           r"Chairwoman|Commissioner|Director|Envoy|Spokesman|Spokeswoman|Spokesperson|Sir|Dame|Lord|Lady")
# _TITLES one by one (each optional part spelt out): grouped by first letter, with the word-start test after it
# ("P(?<!\wP)(?:resident|rime Minister|...)"), the engine skips straight to the capitals that start a title
_TITLE_ALTERNATIVES = (
    "Vice[ -]President", "President", "Prime Minister", "Foreign Minister", "Defen[cs]e Minister", "Interior Minister",
    "Finance Minister", "Health Minister", "Deputy Minister", "Minister", "Secretary(?: of State| General)?",
    "Senator", r"Sen\.", "Representative", r"Rep\.", "Governor", r"Gov\.", "Mayor", "Chancellor", "King", "Queen",
    "Prince", "Princess", "General", r"Gen\.", "Colonel", r"Col\.", "Lieutenant", "Captain", "Admiral", r"Dr\.",
    r"Mr\.", r"Mrs\.", r"Ms\.", "Mr", "Mrs", "Ms", "Dr", "Professor", r"Prof\.", "Ambassador", "Judge", "Justice",
    "Imam", "Sheikh", "Pope", "Chairman", "Chairwoman", "Commissioner", "Director", "Envoy", "Spokesman",
    "Spokeswoman", "Spokesperson", "Sir", "Dame", "Lord", "Lady")


def _by_first_letter(alternatives: tuple[str, ...], before: str) -> str:
    """The alternation of ``alternatives`` (each starting with a literal letter), each letter's in their order:
    at one place only the alternatives of its letter can match, so the matches are the alternation's; ``before``
    is the character class that may not precede the first letter (the word-start test)."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?<!{before}{first})(?:{'|'.join(rests)})" for first, rests in groups.items())


_TITLE_START = _by_first_letter(_TITLE_ALTERNATIVES, r"\w")
_TITLED = re.compile(rf"(?:{_TITLE_START})\s+(?P<name>{_PERSON_NAME})")
_REPORTING = re.compile(
    rf"(?P<name>[A-Z](?<![\w\.][A-Z]){_NAME_TOKEN_TAIL}"
    rf"(?:[ \u00a0]+(?:{_LOWER_PARTICLE}[ \u00a0]+)?{_NAME_TOKEN}){{1,3}})"
    rf"(?:,[^,.;]{{1,80}},)?\s+(?:has |had |also |once )?(?:said|says|argued|argues|"
    rf"wrote|writes|told|stated|states|warned|warns|insisted|insists|claimed|claims|noted|notes|added|explained|"
    rf"believes|contends|contended|maintains|maintained|suggested|suggests|asked|asks|replied|countered|"
    rf"acknowledged|admitted|urged|urges|called for)\b")
_ACRONYM = re.compile(rf"(?P<name>{_NAME})\s+\((?P<acronym>[A-Z][A-Za-z0-9&\-]*[A-Z0-9])\)")
_ORG_WORDS = ("Party", "Group", "Organization", "Organisation", "Union", "Council", "Ministry", "Department",
              "Bank", "Institute", "Institution", "Movement", "Front", "Army", "Forces", "Force", "Corporation",
              "Company", "Agency", "Commission", "Committee", "Association", "Foundation", "Center", "Centre",
              "University", "Court", "Parliament", "Assembly", "Congress", "Senate", "Government", "Coalition",
              "Alliance", "League", "Federation", "Fund", "Office", "Network", "Brigade", "Battalion", "Police",
              "Times", "Post", "Journal", "Review", "Council", "Board", "Authority", "Service", "Institute",
              "Society", "Trust", "Watch", "Programme", "Program", "Initiative", "Caucus", "Club", "Inc.", "Ltd",
              "Corp.", "LLC", "Press", "Herald", "Guardian", "Tribune", "Network", "Brotherhood", "Taliban")
_OPERATION_WORDS = ("Operation", "Mission", "Task Force")
_ACCORD_WORDS = ("Accord", "Accords", "Agreement", "Treaty", "Protocol", "Convention", "Act", "Charter", "Pact",
                 "Declaration")
# "(?:{_CAP} )*{0,4} OrgWord ...", its first capital matched first (the engine skips to capitals): then the rest
# of a capitalised word and up to three more before the organisation word, or the rest of an organisation word
# (that letter's, in their order: "(?<=P)(?:arty|arliament|...)")
_ORG_HEADS = (*_ORG_WORDS, *_ACCORD_WORDS)
_ORG_NAME = re.compile(
    rf"(?P<name>[A-Z](?<![\w\-][A-Z])(?:[\w'’\.\-]*[\w][ \u00a0]+(?:{_CAP}[ \u00a0]+){{0,3}}"
    rf"(?:{'|'.join(re.escape(w) for w in _ORG_HEADS)})|"
    + "|".join(f"(?<={re.escape(first)})(?:{'|'.join(re.escape(w[1:]) for w in _ORG_HEADS if w[0] == first)})"
               for first in dict.fromkeys(w[0] for w in _ORG_HEADS))
    + rf")(?:[ \u00a0]+(?:of|for|on|in)(?:[ \u00a0]+the)?[ \u00a0]+{_CAP}(?:[ \u00a0]+{_CAP}){{0,3}}"
    # a second "of" / "for" part: "National Council of Teachers of Mathematics", "University of the South of France"
    rf"(?:[ \u00a0]+(?:of|for)(?:[ \u00a0]+the)?[ \u00a0]+{_CAP}(?:[ \u00a0]+{_CAP}){{0,3}})?)?)")
_OPERATION = re.compile(rf"(?P<name>Operation(?<!\wOperation)[ \u00a0]+{_CAP}(?:[ \u00a0]+{_CAP})?)")
# Each pattern's matches hold only the characters of a class (``inside``) and each a match of an anchor: a match
# never crosses another character, so ``pattern.finditer(text)`` is the concatenation of finditer over the pieces
# of the text between such characters, and a piece without an anchor has no match (``_finditer_near``: the engine
# tried every capital of a document before, ~0.8 ms each on a 38 kB one). Tested against the plain finditer.
@dataclass(frozen=True)
class _Near:
    anchor: re.Pattern[str]
    inside: str  # the characters a match may hold, as a class
    outside: str  # the other characters, as a class

    def runs(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """A run of ``inside`` (matched on the reversed text: the run before a place) and one ``outside``."""
        return re.compile(f"{self.inside}*"), re.compile(self.outside)


def _words_by_first_letter(words: Sequence[str]) -> str:
    """An alternation of ``words`` grouped by first letter (the engine tries one group at a place, not each word)."""
    firsts = dict.fromkeys(w[0] for w in words)
    return "|".join(f"{re.escape(first)}(?:{'|'.join(re.escape(w[1:]) for w in words if w[0] == first)})"
                    for first in firsts)


# the acronym's "(" first: the engine skips to it
_ACRONYM_NEAR = _Near(re.compile(r"\((?<=\s\()[A-Z][A-Za-z0-9&\-]*[A-Z0-9]\)"), r"[\w'’.\-\s()&]",
                      r"[^\w'’.\-\s()&]")
_ORG_NAME_NEAR = _Near(re.compile(_words_by_first_letter(tuple(dict.fromkeys(_ORG_HEADS)))), r"[\w'’.\- \u00a0]",
                       r"[^\w'’.\- \u00a0]")
_REPORTING_VERBS = ("said", "says", "argued", "argues", "wrote", "writes", "told", "stated", "states", "warned",
                    "warns", "insisted", "insists", "claimed", "claims", "noted", "notes", "added", "explained",
                    "believes", "contends", "contended", "maintains", "maintained", "suggested", "suggests", "asked",
                    "asks", "replied", "countered", "acknowledged", "admitted", "urged", "urges", "called for")
_REPORTING_NEAR = _Near(re.compile(rf"\s(?:{_words_by_first_letter(_REPORTING_VERBS)})\b"), "[^.;]", "[.;]")
_SENTENCE_START_WORDS = frozenset((
    "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "For", "But", "And", "If", "When", "While",
    "It", "Its", "Their", "Our", "We", "They", "He", "She", "His", "Her", "As", "After", "Before", "Since", "Yet",
    "However", "Moreover", "Still", "Critics", "Supporters", "Some", "Many", "Most", "Both", "Such", "Even", "Instead",
    "Despite", "Although", "Though", "Because", "So", "Then", "There", "Here", "What", "Why", "How", "Who", "Some",
    "Meanwhile", "Today", "Yesterday", "Last", "Next", "Every", "Each", "All", "No", "Not", "One", "Two", "Key",
))


def kind_of(name: str, fallback: ActorKind = ActorKind.ORGANISATION) -> ActorKind:
    """The kind a name's head word says: Operation X / X Mission, X Treaty / Accord on X, Republic of X,
    X Party / Ministry of X; ``fallback`` when it says none."""
    words = name.split()
    head_end = next((k for k, w in enumerate(words) if k and w in ("of", "on", "for", "in")), len(words))
    head = words[head_end - 1] if head_end else ""
    if words and words[0] == "Operation" or head == "Mission" or "Task Force" in name:
        return ActorKind.OPERATION
    if head in _ACCORD_WORDS:
        return ActorKind.ACCORD
    if head in ("Republic", "Kingdom", "Emirates", "Federation", "States") and not any(
            w in words for w in _ORG_WORDS):
        return ActorKind.STATE
    if head in _ORG_WORDS or any(w in words for w in _ORG_WORDS):
        return ActorKind.ORGANISATION
    return fallback


def _initials_fit(name: str, acronym: str) -> bool:
    """The acronym's first letter starts the name or one of its words; most of its letters start words."""
    initials = [w[0].upper() for w in re.split(r"[\s\-]+", name) if w]
    letters = [c for c in acronym.upper() if c.isalpha()]
    if not letters or letters[0] not in initials:
        return False
    return sum(1 for c in letters if c in initials) >= max(1, len(letters) // 2)


_TITLE_WORD = re.compile(rf"^(?:{_TITLES}|Executive|Former|Then|Deputy|Acting|Chief|Special|Senior|Foreign|Defen[cs]e|"
                         r"Interior|Finance|Health|Prime|Vice)$")


def _trim(name: str) -> str:
    """The name without a leading sentence word, title or "French-led", trailing particles or possessive."""
    name = re.sub(r"['’]s$", "", name.strip())
    words = name.split()
    while words and (words[0] in _SENTENCE_START_WORDS or words[0].lower() in ("of", "the", "and", "for")
                     or _TITLE_WORD.match(words[0]) or re.match(r"^[\w]+-[a-z]+$", words[0])):
        words = words[1:]
    while words and words[-1].lower() in ("of", "the", "and", "for", "in", "on"):
        words = words[:-1]
    return " ".join(words).rstrip(".,;:")


def _finditer_near(pattern: re.Pattern[str], text: str, near: _Near) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, the same matches, for a pattern whose matches hold only ``near.inside``
    characters and each a match of ``near.anchor``: finditer over each piece between ``near.outside`` characters
    that holds an anchor (the pieces' ends are the text's own places: lookbehinds and word edges read the same)."""
    run_back, outside = _near_runs(near)
    reverse = ""
    done = 0  # the end of the last piece scanned
    for found in near.anchor.finditer(text):
        at = found.start()
        if at < done:
            continue
        if not reverse:
            reverse = text[::-1]
        run = run_back.match(reverse, len(text) - at)  # the piece's characters before the anchor, backwards
        start = at - (run.end() - run.start() if run else 0)
        after = outside.search(text, at)
        done = after.start() if after else len(text)
        yield from pattern.finditer(text, start, done)


@lru_cache(maxsize=8)
def _near_runs(near: _Near) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return near.runs()


def document_gazetteer(text: str, base: Gazetteer | None = None) -> Gazetteer:
    """The gazetteer extended with the actors ``text`` introduces, and surnames of its people."""
    gazetteer = (base or configured_gazetteer()).copy()
    known = gazetteer.alias_to_id
    demonyms = derived_demonyms()
    for word in set(_CAPITALISED.findall(text)):
        state = demonyms.get(word)
        if state and word not in known and _normalise(state) in known:
            actor = gazetteer.actors[known[_normalise(state)]]
            gazetteer.add(actor.name, actor.kind, (word,))

    def add(name: str, kind: ActorKind, aliases: tuple[str, ...] = ()) -> None:
        name = _trim(name)
        if len(name) < 3 or not name[0].isupper():
            return
        if _normalise(name) in known:
            actor_id = known[_normalise(name)]
            actor = gazetteer.actors[actor_id]
            new = tuple(a for a in aliases if _normalise(a) not in known)
            if new:
                gazetteer.add(actor.name, actor.kind, new)
            return
        gazetteer.add(name, kind, tuple(a for a in aliases if _normalise(a) not in known))

    for m in _finditer_near(_ACRONYM, text, _ACRONYM_NEAR):
        name, acronym = _trim(m.group("name")), m.group("acronym")
        # "... by the Armed Conflict Location & Event Data Project (ACLED)": keep the words the acronym spells
        words = name.split()
        for start in range(len(words)):
            candidate = " ".join(words[start:])
            if _initials_fit(candidate, acronym) and candidate[0].upper() == acronym[0]:
                name = candidate
                break
        if _initials_fit(name, acronym):
            add(name, kind_of(name), (acronym,))
    for m in _OPERATION.finditer(text) if "Operation" in text else ():
        add(m.group("name"), ActorKind.OPERATION)
    for m in _finditer_near(_ORG_NAME, text, _ORG_NAME_NEAR):
        name = _trim(m.group("name"))
        if len(name.split()) >= 2:
            add(name, kind_of(name))
    people: list[str] = []
    for m in _TITLED.finditer(text):
        people.append(_trim(m.group("name")))
    for m in _finditer_near(_REPORTING, text, _REPORTING_NEAR):
        name = _trim(m.group("name"))
        if len(name.split()) >= 2 and name.split()[0] not in _SENTENCE_START_WORDS:
            people.append(name)
    for name in people:
        words = name.split()
        titles = [k for k, w in enumerate(words) if _TITLE_WORD.match(w)]
        if titles:  # "Transport Minister Lena Vogel": the person is after the title
            words = words[titles[-1] + 1:]
        # "United Nations Kelly Craft": a known actor's name before a person's is not part of it
        for cut in range(len(words) - 1, 0, -1):
            if _normalise(" ".join(words[:cut])) in known:
                words = words[cut:]
                break
        name = " ".join(words)
        if len(words) < 2 or _normalise(name) in known:
            continue  # a surname alone is the person named in full before, or nobody known
        if any(w in name.split() for w in (*_ORG_WORDS, *_ACCORD_WORDS)):
            continue
        surname = name.split()[-1]
        aliases = (surname,) if len(name.split()) >= 2 and len(surname) >= 3 and _normalise(surname) not in known \
            else ()
        add(name, ActorKind.PERSON, aliases)
    return gazetteer
