"""Sentence-level helpers shared by the importers: questions, reported speech (who said it)
and a TF-IDF similarity.

Roles and links are the argument-mining pipeline's (``importers.mining``); the cue-word
classifier that used to live here is gone with its seed-tuned phrase lists.
All functions are pure and work on one sentence string.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from graph.model import ActorKind
from importers.actors import derived_demonyms, world_states
from importers.lexicon import ACTORS, actor_spans, actors_in
from importers.regex_parts import NAME_CAPITALS, NAME_SMALL_EXTENDED
from importers.structure import without_honorific

_I = re.IGNORECASE


QUESTION_END = re.compile(r"\?[”\"’)\]]*(?:\d{1,3})?\s*$")

_SPEECH_VERB = (
    r"(?:said|says|stated|states|argued|argues|noted|notes|told|warned|added|judged|reflected|observed|"
    r"stressed|suggested|has suggested|claimed|contended|insisted|complained|declared|announced|wrote|"
    r"explained|acknowledged|opined|described|describes|concluded|concludes|pointed out|reaffirmed|rejected|"
    r"saying|stating|complaining|opining|arguing|warning|noting|claiming|insisting|emphasized|emphasised|"
    r"warns|observes|explains|stresses|suggests|contends|insists|claims|declares|announces|writes|acknowledges|"
    r"emphasizes|emphasises|"
    r"reports that|reported that|found that|finds that|estimates that|estimated that|shows that|show that|"
    r"showed that|shown that)"
)
_SPEECH_PREFIX = "(?:has |have |had |also |publicly |reportedly |bluntly |then )"
SPEECH_PLAIN = rf"\b(?=[a-z]){_SPEECH_PREFIX}*{_SPEECH_VERB}\b"
"""A speech verb and the words that may lead it ("has also said"); ``_SPEECH`` finds the same matches."""


def _by_first_letter(group: str) -> str:
    """``(?:a|b|...)`` of plain words with the alternatives grouped by first letter, each group in their order:
    only one letter's alternatives can match at a place, so the matches are the same, and the engine tries a
    few alternatives instead of all of them at every word."""
    groups: dict[str, list[str]] = {}
    for word in group.removeprefix("(?:").removesuffix(")").split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()) + ")"


# "(?=[a-z])": every alternative starts with a lower-case letter; checking that first skips word ends and
# capitalised words without trying each verb
_SPEECH = re.compile(rf"\b(?=[a-z]){_by_first_letter(_SPEECH_PREFIX)}*{_by_first_letter(_SPEECH_VERB)}\b")
# Every match of _SPEECH holds the longest word of one verb alternative as a whole word (a ``\w+`` run: the verbs'
# words are plain words between blanks and word ends): a sentence whose words hold none has no speech verb
SPEECH_WORDS = frozenset(max(verb.split(" "), key=len)
                         for verb in _SPEECH_VERB.removeprefix("(?:").removesuffix(")").split("|"))
_ACCORDING = re.compile(r"\b(?:[Aa]ccording to|[Ii]n the view of|[Ii]n the words of) ([^,.;:]{3,80}?)(?=[,.;:]|$)")
_AS_NOTES = re.compile(r"\b[Aa]s ([A-Z][^,.;:]{2,60}?) (?:notes|noted|pointed out|said|says|argues|argued|concludes|"
                       r"observed|explains|suggested|put it)\b")
# a double-barrelled or O'-name goes on after its hyphen or apostrophe ("Pryce-Whitfield", "O’Brien")
_NAME_WORD = (rf"[{NAME_CAPITALS}][a-zà-ÿ{NAME_SMALL_EXTENDED}’'\-]+"
              rf"(?:(?<=[-’'])[{NAME_CAPITALS}][a-zà-ÿ{NAME_SMALL_EXTENDED}’'\-]+)*")
_PERSON_NAME = re.compile(rf"\b({_NAME_WORD}(?:\s+(?:ag|al-|de|Le|bin|van|von)?\s*{_NAME_WORD}){{1,3}})\b")
_ROLE_WORDS = frozenset(str.split(
    "Minister Foreign Defense Defence President Prime Secretary Ambassador Special Envoy Representative General "
    "Executive Commissioner Director Managing Analyst Corporation Interim Senior Emir Then Current Former U.S. "
    "UN EU African Union Peace Security Council Region In At On As The A An This That It He She They We "
    "United Nations States Ambassador Undersecretary Chief Spokesman Spokeswoman Professor Dr Mr Mrs Ms "
    "Even Some Several When While If After Before Since Although Though Because Once Unless Until Whether But And "
    "Yet So")
)
_ORG_WORDS = frozenset(str.split(
    "Mission Council Group Center Centre Union Force Forces Operation Ministry Department Office Agency Army Bank "
    "Program Programme Summit Conference Dialogue Accord Agreement Institute University Times Post Corporation "
    "Nations States Coalition Alliance Front Movement Movements Party Government Committee Commission Service "
    "Project Database Initiative Battalion Province Task Fund Court Assembly Parliament Congress")
)
# a capitalised name ending in a word that names a body which speaks (an institute, a council, a ministry, ...)
_NAMED_BODY = re.compile(
    r"\b((?:[A-Z][\w&’'-]*\s+){0,5}(?:Institute|Council|Centre|Center|Ministry|"
    r"Department|Office|Agency|Authority|Bank|University|Commission|Committee|Foundation|Association|Federation|"
    r"Society|Trust|Board|Bureau|Union|Party|Court|Parliament|Assembly|Congress|Fund|Service|Corporation|Group|"
    r"Coalition|Alliance|Observatory|Laboratory|School|Academy|Academie|College|Administration|Organisation|"
    r"Organization|Institution|Network|Project|Programme|Forum|Panel)s?(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w&’'-]*"
    r"(?:\s+(?:and\s+)?[A-Z][\w&’'-]*)*){0,2})\b")  # two "of" parts: "Council of Teachers of Mathematics"
_LEADING_WORDS = frozenset(["The", "A", "An", "In", "At", "On", "By", "For", "From", "As", "This", "That", "Its",
                            "Their", "Our"])
_ADJECTIVAL_AFTER = re.compile(r"\s+(?:at|in|on|by|for|during|from|with|under|since)\b")
# a modal right before a verb of finding ("can show that", "could find that"): a possibility, not a report of what
# someone found ("might argue" still gives the view to someone)
_MODAL_BEFORE = re.compile(r"\b(?:can|cannot|could|may|might|must|should)(?:n[’']t)?(?:\s+not)?(?:\s+\w+ly)?\s+$",
                           re.IGNORECASE)
# a determiner or possessive right before the verb: the participle qualifies a noun ("their stated views")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|their|its|his|her|our|my|your)\s+$", re.IGNORECASE)
_QUOTE_CLOSED = re.compile(r"[,.!?]?\s*[”\"]\s*,?\s*$")  # the speech verb follows a closed quotation
# a quotation closes before the verb, its speaker between them ('"...," the chief, Jane Roe, said in May'): the verb
# attributes it (a quoted name right before a participle, '"Coalition for X," announced at ...', does not)
_QUOTATION_BEFORE = re.compile(r"[,.!?]\s*[”\"](?!\s*,?\s*$)")
_COLON_QUOTE = re.compile(r":\s*[“\"][^”\"]+[”\"][.!?]?\s*$")
# an anaphoric subject: a pronoun, or a definite collective ("the group", "the rebels", "the authorities")
# that names again the person or organisation of the sentence before
_PRONOUN_SUBJECT = re.compile(
    # also right after a quotation it attributes: '"...," she said.'
    r"(?:^|[,;][”\"’]?\s*|\b(?:and|but|then)\s+)"
    r"(?:it|he|she|they|the (?:group|organi[sz]ation|movement|[a-z]{3,}s))\b", _I)


_LAST_CLAUSE = re.compile(r"[;:]\s")
_PRONOUN_OPENING = re.compile(r"[\s\"“(]*(?:he|she|they)\s+[a-z]+s?\b(?!\s+(?:that|to)\b)", _I)


def is_question(text: str) -> bool:
    return bool(QUESTION_END.search(text.rstrip()))


_COMPASS = frozenset(str.split("North South East West Northern Southern Eastern Western Central Sub-Saharan"))


def _person_in(prefix: str) -> str | None:
    for actor in actors_in(prefix):
        if actor.kind is ActorKind.PERSON:
            return actor.name
    taken = [(s, e) for s, e, _ in actor_spans(prefix)] + [m.span(1) for m in _NAMED_BODY.finditer(prefix)]
    for m in _PERSON_NAME.finditer(prefix):
        begin = m.start()
        if any(s < m.end() < e for s, e in taken):
            continue  # part of a known organisation's name ("Armed Conflict Locations and Events Database")
        for s, e in taken:
            if s < m.end() and begin < e:
                begin = max(begin, e)  # "United Nations Kelly Craft" -> "Kelly Craft"
        words = prefix[begin:m.end()].split()
        if words and not words[0][:1].isupper():
            continue  # "(Carter Center)’s Independent Observer": what is left is not a name
        while words and (words[0] in _ROLE_WORDS or words[0] in place_words()):
            words.pop(0)
        if words and words[0] in _COMPASS and words[-1] in place_words():
            continue  # "Western Europe", "North Africa": a region, not a person
        if 2 <= len(words) <= 4 and not actors_in(" ".join(words)) and not _ORG_WORDS.intersection(words):
            return " ".join(words)
    return None


# a word before a state's name that describes the state ("Neighbouring Paraguay", "Landlocked Bolivia", "Northern
# Ghana"), not an organisation's first word
_ADJECTIVE_ENDINGS = ("ing", "ed", "ern", "ful", "ous", "ic", "al")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|across|from|throughout|within|outside|of|near|at)[ \t]+(?:the[ \t]+)?$")
_WORD_BEFORE = re.compile(r"([A-Z][\w’'&-]*)[ \t]+$")


def _organisation_in(prefix: str, allow_states: bool, skip_possessive: bool = True,
                     finding: bool = False) -> str | None:
    for start, end, actor in actor_spans(prefix):
        if skip_possessive and re.match(r"[’']s\b", prefix[end:end + 2]):
            continue  # "al-Qaeda’s affiliate ...": a modifier, not the subject
        if actor.kind is ActorKind.ORGANISATION:
            return actor.name
        if allow_states and actor.kind is ActorKind.STATE:
            if finding and _PLACE_PREPOSITION.search(prefix, 0, start):
                continue  # "Field trials in Norway found that": where it was found, not who
            before = _WORD_BEFORE.search(prefix, 0, start)
            if (before and before.group(1) not in _ROLE_WORDS and before.group(1) not in place_words()
                    and not before.group(1).endswith(_ADJECTIVE_ENDINGS)):
                return prefix[before.start(1):end]  # "Water UK", "Universities UK": an organisation's name
            return actor.name
    return _named_body(prefix)


def _named_body(prefix: str) -> str | None:
    """A body the gazetteer does not know, in the last clause before the speech verb: "A study by the Urban
    Institute", "Leeds City Council", "the Institute for Fiscal Studies" (not "In Parliament, the minister")."""
    clause = re.split(r"[,;:]\s", prefix)[-1]
    found = [m.group(1) for m in _NAMED_BODY.finditer(clause)]
    if not found:
        return None
    words = found[-1].split()
    while words and words[0] in _LEADING_WORDS:
        words.pop(0)
    return " ".join(words) if len(words) > 1 else None  # a bare "Council officers said": a word, not a name


def speaker_of(sentence: str, previous: str = "", words: AbstractSet[str] | None = None) -> str | None:
    """Who the sentence reports, when it reports someone: "X said/argued/noted ...", "according to X".

    The speaker is a named person, else a named organisation (or a state for explicit
    statements), found before the speech verb; "it"/"he"/"they" before the verb refer to
    the first named person or organisation of ``previous`` (the sentence before).
    Returns None for the author's own voice. ``words``: the sentence's lower-cased words (runs of word
    characters) when the caller has them (a sentence holding no ``SPEECH_WORDS`` is not scanned for a speech verb).
    """
    as_notes = ("as " in sentence or "As " in sentence) and _AS_NOTES.search(sentence) is not None
    unscanned = as_notes or (words is not None and words.isdisjoint(SPEECH_WORDS))
    for m in _SPEECH.finditer(sentence) if not unscanned else ():
        prefix = sentence[: m.start()]
        if _ADJECTIVAL_AFTER.match(sentence, m.end()) and not _QUOTATION_BEFORE.search(prefix):
            continue  # "announced at the Pau summit": a participle, not someone speaking ('"...," X said in May' is)
        if m.group(0).endswith(" that") and _MODAL_BEFORE.search(prefix):
            continue  # "until independent science can show that ...": what could be shown, nobody's finding
        if _DETERMINER_BEFORE.search(prefix):
            continue  # "their stated views", "the declared aim": a participle as an adjective, nobody speaking
        # the subject of the speech verb is in the last clause before it ("..., saying" keeps the whole)
        speaker = _person_in(prefix) or _organisation_in(prefix, allow_states=False)
        # the pronoun must be in the verb's own clause: "They don't: the figures show that" is not "they" speaking
        if speaker is None and _PRONOUN_SUBJECT.search(_LAST_CLAUSE.split(prefix)[-1]):
            speaker = _person_in(previous) or _organisation_in(previous, allow_states=False)
        if speaker is None and _QUOTE_CLOSED.search(prefix):
            # the attribution after the quotation: '"...," said councillor Jane Roe at the hearing.'
            after = sentence[m.end():][:120].split(",")[0]
            speaker = _person_in(after) or _organisation_in(after, allow_states=False)
        if speaker is None and _PRONOUN_OPENING.match(prefix) is None:
            # (not when a pronoun is the sentence's subject: "She cites a Scottish study that ... found ...": the
            # state an adjective names in her object made no finding of its own)
            states = {a.id for a in actors_in(prefix) if a.kind is ActorKind.STATE}
            speaker = (_organisation_in(prefix, allow_states=True, finding=m.group(0).endswith(" that"))
                       if len(states) == 1 else None)
        if speaker:
            return speaker
    colon_quote = _COLON_QUOTE.search(sentence)
    if colon_quote and _PRONOUN_SUBJECT.search(sentence[: colon_quote.start()]):
        return _person_in(previous) or _organisation_in(previous, allow_states=False)
    according = _ACCORDING.finditer(sentence) if ("ccording to" in sentence or "n the " in sentence) else ()
    for m2 in (*according, *(_AS_NOTES.finditer(sentence) if as_notes else ())):
        name = m2.group(1)
        # "according to the Carter Center’s Independent Observer": the owner is the source
        speaker = (_person_in(name) or _organisation_in(name, allow_states=False, skip_possessive=False)
                   or _common_source(name))
        if speaker:
            return speaker
    return None


# a source named by what it is, not by a proper name: "according to the grid operator", "according to the national
# statistics agency", "in the view of the regulator" (not "according to the report" or "to the latest figures": a
# document or a number says nothing of its own)
_COMMON_SOURCE = re.compile(r"the\s+((?:[a-z][\w'’-]*\s+){0,3}?(?:operator|regulator|authority|agency|ministry|"
                            r"department|council|government|company|industry|police|commission|committee|board|"
                            r"union|association|institute|watchdog|inspectorate|office|service|utility|"
                            r"administration|treasury|court|bank|manufacturer|developer|airport|hospital|"
                            r"university|charity|insurer|owner|landlord|employer|trade\s+body))")


def _common_source(name: str) -> str | None:
    """``_COMMON_SOURCE``'s source, capitalised with its article ("The grid operator"), if ``name`` is one."""
    found = _COMMON_SOURCE.fullmatch(name.strip())
    return "The " + found.group(1) if found is not None else None


# "He also argues that ...", "She writes that ...": a pronoun opening a reported view (``speaker_of`` reads it off the
# sentence before, which may not name the person)
_PRONOUN_VIEW = re.compile(r"[\s\"“]*(?:he|she)\s+(?:[a-z]+ly\s+|also\s+|then\s+|further\s+|goes\s+on\s+to\s+)?"
                           r"(?=[a-z])", re.IGNORECASE)
# "Mr. Roe's main claim is that ...", "Jane Roe's argument is that ...": whose view the possessive names
_POSSESSED_VIEW = re.compile(r"[\s\"“]*(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Professor)\.?\s+)?"
                             r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
                             r"[’']s\s+(?:[a-z]+\s+){0,2}(?:claim|argument|case|view|position|proposal|point|objection)\s+"
                             r"(?:is|was)\s+that\b")


def view_holder(sentence: str, person_before: str | None) -> str | None:
    """Who holds the view a sentence reports when it names them only by a pronoun or a possessive: "He also argues
    that ..." -> ``person_before`` (the last person the text named as speaking, however many sentences back), "Mr.
    Roe's main claim is that ..." -> the person of that surname named before ("Jane Roe"), else the name itself
    when it is a person's."""
    if person_before and _PRONOUN_VIEW.match(sentence):
        return speaker_of(sentence, person_before)
    possessed = _POSSESSED_VIEW.match(sentence)
    if possessed is None:
        return None
    name = possessed.group(1)
    if person_before and person_before.split()[-1] == name.split()[-1]:
        return person_before
    return _person_in(name)


_SURNAME_HONORIFIC = re.compile(r"(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Professor)\.?\s+)?$")


def surname_speaker(sentence: str, people: Sequence[str]) -> str | None:
    """The person of ``people`` (full names of the people named as speaking before, the last the latest) whose surname
    alone is the subject of the sentence's speech verb ('"...," Marsh said.', "Ms. Roe added that ..."), opening the
    sentence or its clause or right after the quotation it attributes; else None."""
    for person in reversed(people):
        surname = person.split()[-1]
        if " " not in person or surname not in sentence:
            continue
        for m in _SPEECH.finditer(sentence):
            prefix = sentence[:m.start()].rstrip()
            if not prefix.endswith(surname):
                continue
            before = prefix[:len(prefix) - len(surname)]
            before = before[:_SURNAME_HONORIFIC.search(before).start()].rstrip()  # type: ignore[union-attr]
            if not before or before[-1] in ",;:”\"’":
                return person
    return None


def is_person(name: str) -> bool:
    """The name is a person's (not an organisation's or a state's)."""
    return _person_in(name) == name


# a group that holds a view, named by what it is rather than by a proper name: "Landlords' associations contend ...",
# "Some local business groups argue ...", "Residents' groups, for their part, insist ...", "The council says ...": the
# subject before the reporting verb, its head a collective (an association, a group, a union, a lobby, a council ...)
_GROUP_HEAD = (r"(?:associations?|groups?|unions?|federations?|lobby|lobbies|organi[sz]ations?|bodies|councils?|"
               r"charities|campaigners|chambers\s+of\s+commerce|industry|industries|trade\s+bodies)")
# a preposition before the head: the subject's head came earlier ("Critics on the council", "Staff in the unit")
_PREPOSITION = r"on|in|of|at|from|for|with|by|across|among|within|inside|outside|near|around|under|over"
_REPORTING_AFTER_GROUP = (
    r"(?:\s*,\s*[^,.;:]{1,40},)?\s+(?:(?:have|has|had)\s+)?(?:(?:long|also|often|still|now)\s+)?"
    r"(?:say|says|said|argue|argues|argued|claim|claims|claimed|contend|contends|contended|insist|insists|insisted|"
    r"warn|warns|warned|maintain|maintains|maintained|object|objects|objected|complain|complains|complained|"
    r"believe|believes|fear|fears|worry|worries|point\s+out|points\s+out|pointed\s+out|reply|replies|replied|"
    r"counter|counters|countered|respond|responds|responded)\b")
_GROUP_VOICE = re.compile(
    r"^[\s\"“(]*(?:(?:some|many|most|several|other|the|a\s+few|a\s+number\s+of)\s+)*"
    rf"(?P<group>(?:(?!(?:i|we|you|they|it|he|she|this|that|there|{_PREPOSITION})\b)[\w'’-]+\s+){{0,3}}?"
    rf"{_GROUP_HEAD})" + _REPORTING_AFTER_GROUP, re.IGNORECASE)
# people named by their post in an institution the text names, a group too: "Council officers have argued ...",
# "Hospital managers say ...", "Staff in the emergency department have argued ...", "Officials at the ministry
# warn ..." (a plain "Officials say", "Some teachers fear" stays nobody named)
_INSTITUTION = (r"(?:council|city|county|town|municipal|hospital|school|ministry|department|government|treasury|agency|"
                r"company|university|police|party|cabinet|board|trust|court|parliamentary|state|federal|regional|"
                r"central\s+bank|health\s+service|health\s+board)")
_POST = (r"(?:officers|officials|staff|managers|employees|engineers|planners|doctors|nurses|teachers|leaders|"
         r"executives|inspectors|administrators|economists|scientists|lawyers|advisers|advisors|members)")
_ROLE_GROUP_VOICE = re.compile(
    r"^[\s\"“(]*(?:(?:some|many|most|several|the|senior|a\s+few)\s+)*"
    rf"(?P<group>{_INSTITUTION}\s+{_POST}|{_POST}\s+(?:in|at|of|from)\s+(?:the|our|this|its|their)\s+(?!public\b)"
    r"(?:[\w'’-]+\s+){0,3}?[\w'’-]+)" + _REPORTING_AFTER_GROUP, re.IGNORECASE)


def group_voice(sentence: str) -> str | None:
    """The group a reported view is given to when the text names it by what it is, not by a proper name
    ("Landlords' associations contend that ..." -> "Landlords' associations", "Some local business groups argue" ->
    "Local business groups", "The council says" -> "The council"); None when the subject is nobody in particular
    ("Critics say", "Some argue")."""
    found = _GROUP_VOICE.match(sentence) or _ROLE_GROUP_VOICE.match(sentence)
    if found is None:
        return None
    group = found.group("group")
    if sentence.lstrip(" \t\"“(").lower().startswith("the ") and not group.lower().startswith("the "):
        group = "the " + group
    return group[:1].upper() + group[1:]


# a sentence that opens by pointing back at what came before ("That is how X describes it", "Those were X's words")
_POINTS_BACK = re.compile(r"[\s\"“(]*(?:that|this|those|these|such|so|thus)\b", _I)
_WHOLE_QUOTATION = re.compile(r"[\s(]*[“\"][^“”\"]+[”\"][\s)]*$|[\s(]*[“\"][^“”\"]+[.!?…][”\"]?[\s)]*$")


def is_whole_quotation(text: str) -> bool:
    """The sentence is one quotation and nothing else ('“We are pumping water into the ground.”'): its speaker, if
    anyone's, is named around it."""
    return _WHOLE_QUOTATION.match(text) is not None


# a quoted clause closing right before the verb, its punctuation inside or a comma after ('"...," said', '"...", said');
# a quoted term ('the "mini-Miranda" warning') has none
_QUOTED_CLAUSE_CLOSED = re.compile(r"(?:[,.!?]\s*[”\"]\s*,?|[”\"]\s*,)\s*$")


def attributes_a_quotation(sentence: str) -> bool:
    """A speech verb attributes a quotation of the sentence to someone ('"...," said one head teacher.', '"...," a
    nurse told us.', 'One resident put it simply: "..."'), named or not."""
    if "”" not in sentence and sentence.count('"') < 2:
        return False
    for m in _SPEECH.finditer(sentence):
        prefix = sentence[:m.start()]
        if _ADJECTIVAL_AFTER.match(sentence, m.end()) and not _QUOTATION_BEFORE.search(prefix):
            continue  # '"Coalition for X," announced at the summit': a participle after a quoted name
        if (_QUOTED_CLAUSE_CLOSED.search(prefix) or _QUOTATION_BEFORE.search(prefix)
                or _COLON_QUOTE.search(sentence, m.end())):
            return True
    return False


def attribution_of_previous(sentence: str) -> str | None:
    """The speaker a sentence names for the quotation just before it: one that points back ("That is how Jane Roe,
    an engineer, describes the problem.", "This, Jane Roe said, is the point.") or that only attributes (a speech
    verb with at most a time or an addressee after it, no clause of its own: "Jane Roe said in March.", "the
    chief executive, Jane Roe, told the committee."). None when it names no one or says something new."""
    if _POINTS_BACK.match(sentence):
        return speaker_of(sentence)
    verbs = list(_SPEECH.finditer(sentence))
    if not verbs:
        return None
    after = sentence[verbs[-1].end():]
    if len(after.split()) > 4 or re.search(r"\bthat\b", after, _I):
        return None  # "Jane Roe said that the budget would rise": a statement of its own
    # up to the verb: "said in March" after a name is no participle here, the sentence only attributes
    return speaker_of(sentence[:verbs[-1].end()])


def person_for_attribution(line: str) -> str:
    """Name in a pull-quote attribution line: "— French defense minister Florence Parly" -> "Florence Parly"."""
    body = without_honorific(line.lstrip(" \t—–-").split(",")[0].strip())  # "— Dr. Jane Roe, surgeon"
    for actor in actors_in(body):
        if actor.kind is ActorKind.PERSON:
            return actor.name
    return _trailing_name(body) or body


def _trailing_name(body: str) -> str | None:
    words = body.split()
    name: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() and word not in _ROLE_WORDS and word not in place_words() and "." not in word[:-1]:
            name.insert(0, word)
            if len(name) == 4:
                break
        elif word in ("ag", "al-", "de", "bin", "van", "von") and name:
            name.insert(0, word)
        else:
            break
    return " ".join(name) if len(name) >= 2 else None


_CONTINENTS = frozenset({"Africa", "African", "Asia", "Asian", "Europe", "European", "America", "American",
                         "Americas", "Oceania", "Antarctica", "Arctic", "Region", "Middle", "East", "West", "North",
                         "South", "Central"})


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """One-word names of places, states and their demonyms (the gazetteer and the world's states, never one
    document's words): "Kenyan President X" and "French Foreign Minister Y" lose the place word, not the name.
    Built on first use: the world-state list costs an import of pycountry that short parses need not pay."""
    gazetteer = {alias for actor in ACTORS.values() for alias in (actor.name, *actor.aliases)
                 if " " not in alias and actor.kind is not ActorKind.PERSON}
    states = {word for name, aliases in world_states() for word in (name, *aliases) if " " not in word}
    return frozenset(gazetteer | states | set(derived_demonyms()) | _CONTINENTS)


# --- content similarity ---------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
_WORD_LOWER = re.compile(r"[a-z][a-z\-]+")
_STOP = frozenset(str.split(
    "the a an and or nor but of in on at to for with by from as is are was were be been being this that these those "
    "it its their there they them we our us he she his her which who whom what when where how why than then so such "
    "not no also more most less very can could should would will may might must has have had do does did into over "
    "under about between after before while if as well other others any all each only even just both some many much "
    "own same one two three first second third new key")
)


def stems(text: str) -> list[str]:
    """Lower-cased content words cut to 6 letters: a crude stemmer, enough for overlap."""
    if text.isascii():  # lower-case once: the same words as lower-casing each one
        return [w[:6] for w in _WORD_LOWER.findall(text.lower()) if len(w) > 2 and w not in _STOP]
    words = [w.lower() for w in _WORD.findall(text) if len(w) > 2]  # each word lower-cased once
    return [w[:6] for w in words if w not in _STOP]


class Similarity:
    """TF-IDF cosine between texts, the IDF taken over the document's own paragraphs."""

    def __init__(self, corpus: list[str]) -> None:
        self._corpus: list[str] | None = corpus[:2000]  # enough for the IDF; computed on first use
        self._idf: dict[str, float] = {}
        self._default = 0.0
        self._cache: dict[str, dict[str, float]] = {}

    def _prepare(self) -> None:
        import math

        corpus, self._corpus = self._corpus or [], None
        df: dict[str, int] = {}
        for text in corpus:
            for stem in set(stems(text)):
                df[stem] = df.get(stem, 0) + 1
        n = max(len(corpus), 1)
        self._idf = {stem: math.log((n + 1) / (count + 0.5)) for stem, count in df.items()}
        self._default = math.log(n + 1)

    def vector(self, text: str) -> dict[str, float]:
        if self._corpus is not None:
            self._prepare()
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        vec: dict[str, float] = {}
        for stem in stems(text):
            vec[stem] = vec.get(stem, 0.0) + self._idf.get(stem, self._default)
        if len(self._cache) < 4096:
            self._cache[text] = vec
        return vec

    def score(self, a: str, b: str) -> float:
        va, vb = self.vector(a), self.vector(b)
        dot = sum(w * vb.get(s, 0.0) for s, w in va.items())
        na = sum(w * w for w in va.values()) ** 0.5
        nb = sum(w * w for w in vb.values()) ** 0.5
        return dot / (na * nb) if na and nb else 0.0
