"""Voices and attacks: which units speak for the opponent (counterarguments, concessions), which
unit rebuts which counterargument, and whether a tree edge ATTACKS or SUPPORTS its target.

Four small logistic regressions over discourse-marker features of a unit and its neighbours
(``markers``), trained by ``train_voices`` on the project's own gold short texts
(``corpora/argmap-short/dev*.json``) and stored as plain arrays in ``voices.npz``:

* ``opponent``: P(unit i is the opponent's voice). The connective rules that decided this before
  (``rule_opponents``: a concession or opposing-voice opening, a unit answered by "But/However")
  are features here, next to the neighbours' markers, position, modality and negation, and signs that
  need no cue word in the unit itself (``CUE_FREE_NAMES``): how the next unit answers it.
* ``rebut``: P(unit i attacks the earlier unit j), for j one to three units before i: the reply to
  an objection, the objection to the claim just before it.
* ``relation``: P(ATTACKS) for a tree edge (child, parent): mostly whether the two ends speak for
  different sides, plus the child's contrast / refutation markers.
* ``target``: which unit an opponent unit argues against (the central claim, a unit nearby, or the
  opposing voice it backs).

Concession then answer (``exchange``: a grant of the point just voiced that the author answers, the answer, an aside
continuing the voice, the head of the objection run a grant closes) are inputs added to the opponent, reply and
objection models' logits, with weights learned on top of them (``train_voices.exchange_weights``, also from the op-eds
of ``corpora/argmap-opeds/dev.json``), not rules after them.

``opponent_probs`` ends with a second pass over the opponent model's probabilities (``carry_objections``): the
cue-free units elaborating an objection before the author's answer take its voice.

Inference is numpy only (``model.Linear``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from string import ascii_lowercase
from typing import Any

import numpy as np

from importers.mining import features as F
from importers.mining.markers import SUBORDINATE_CONCESSIVE, letters_first
from importers.mining.model import Array, Linear

VOICES = Path(__file__).with_name("voices.npz")

_ANSWER = re.compile(r"[\s\"“]*(?:yes|no|sure|certainly|of course)\b", re.IGNORECASE)
_TRAILING_CONTRAST = re.compile(r"[\s\"“]*(?:while|whilst|whereas)\b")  # lower case: a clause after a comma
# a concession that grants the other side a point ("Of course", "Admittedly", "Yes, ..."), as
# opposed to a subordinate concessive clause ("Although X," / "Even if X,")
_GRANTING = re.compile(r"^[\s\"“(]*(?:admittedly|granted|of\s+course|to\s+be\s+sure|it\s+is\s+true|it's\s+true|"
                       r"true|yes|sure|no\s+doubt|undoubtedly|certainly|i\s+admit|i\s+concede|agreed)\b")
_SUBORDINATE = re.compile(rf"^[\s\"“(]*(?:{SUBORDINATE_CONCESSIVE}|despite|in\s+spite\s+of|granted\s+that)\b")
# a modal or hypothetical voice: "Some may find ...", "One could object ...", "It might be argued ..."
_MAY = re.compile(r"\b(?:may|might|could)\b")
# third parties who hold a view ("Opponents say", "Many parents fear")
_THIRD_VOICE = re.compile(r"\b(?:they|he|she|some|many|others|critics|opponents|people|proponents|supporters)\s+"
                          r"(?:\w+\s+)?(?:say|says|argue|argues|claim|claims|believe|believes|think|thinks|fear|"
                          r"fears|worry|worries|object|objects|complain|complains|insist|insists|point|points|"
                          r"find|finds|feel|feels|contend|contends)\b")
# a view reported in the present tense near the start: "Retailers say ...", "The council says ...",
# "Business lobbies keep telling us ..." (who holds a view the author is about to answer)
_VIEW_START = re.compile(r"^[\s\"“(]*(?!(?:i|we|you|i'm|i’m)\b)"
                         # evidence speaking is the author's appeal to it ("The evidence says no.", "The data show")
                         r"(?!(?:the\s+|our\s+)?(?:evidence|data|figures|numbers|research|record|facts|science|history)\s)"
                         r"(?:[\w'’-]+\s+){1,5}"
                         r"(?<!\bto\s)(?<!\bnot\s)(?<!\bcannot\s)(?<!n't\s)(?<!n’t\s)(?<!\bi\s)(?<!\bwe\s)(?<!\byou\s)"
                         r"(?:(?:will|would|may|might|often|also|keep|still)\s+)?"
                         r"(?:(?:has|have)\s+(?:long\s+|often\s+|also\s+)?(?:suggested|argued|claimed|said|warned|insisted|"
                         r"maintained|contended|proposed|objected)\b|"
                         r"(?:say|says|saying|argue|argues|arguing|claim|claims|insist|insists|believe|believes|think|"
                         r"thinks|fear|fears|worry|worries|object|objects|complain|complains|point\s+out|warn|warns|"
                         r"prefer|prefers|doubt|doubts|oppose|opposes|reckon|reckons|expect|expected|"
                         r"points\s+out|telling\s+us|tell\s+us|tells\s+us|maintain|maintains|contend|contends)\b)")
# "supposed to" reports a view the author is about to correct
_SUPPOSED = re.compile(r"\b(?:supposed\s+to|supposedly|allegedly|so-called|in\s+theory|on\s+paper)\b")
# a unit that continues the clause before it ("..., and Y", "..., so Y")
_CONTINUES = re.compile(r"^[\s\"“(]*(?:and|or|so|which|while|nor)\b|^[\s\"“(]*[a-z]")
# cue-free signs that the next unit answers this one (most implicit objections of dev2.json have no cue
# word of their own; their answer does): an elliptical reply that picks up the claim with a pronoun and
# an auxiliary ("They do, and ...", "It wouldn't need them.", "They can:"), a flat denial ("Nobody
# asked for ...", "Only if ..."), or a correction ("In fact", "Actually", "That is not ...")
_ELLIPTIC = re.compile(r"^[\s\"“(]*(?:(?:they|it|he|she|that|this|we|you|which)\s+(?:\w+\s+)?"
                       r"(?:do|does|did|can|could|will|would|is|are|was|were|has|have|had|may|might|must|should)(?:n't|n’t|\s+not)?\b(?!\s+\w+ing\b)"
                       r"|(?:they|it|he|she|that|this)\s+(?:don't|doesn't|didn't|can't|won't|wouldn't|isn't|aren't|wasn't|"
                       r"cannot|never)\b)")
_DENIAL = re.compile(r"^[\s\"“(]*(?:nobody|no\s+one|none|not|only\s+if|only\s+when|hardly|far\s+from|quite\s+the\s+"
                     r"opposite|on\s+the\s+contrary|in\s+fact|actually|in\s+reality|the\s+truth\s+is|the\s+opposite|"
                     r"that\s+is\s+not|that's\s+not|this\s+is\s+not|that\s+is\s+rather|rather|"
                     # the writer turning the point down: "We do not accept this.", "I reject that."
                     r"(?:i|we)\s+(?:(?:do\s+not|don't|cannot|can't)\s+accept|reject|dispute)\s+(?:this|that|it))\b")
# a view held by someone else, reported in any tense: "Councillor X told the meeting that", "Mr Y wrote
# last week that", "The organisers want to", "Supporters reply that", "It's tempting to think that"
_REPORTED_VIEW = re.compile(r"^[\s\"“(]*(?!(?:i|we|you)\b)(?:[\w'’,.-]+\s+){1,7}?(?<!\bi\s)(?<!\bwe\s)"
                            r"(?:said|wrote|told\s+(?:\w+\s+){0,3}that|replied|reply|replies|insisted|argued|claimed|"
                            r"wants?\s+to|wanted\s+to|hears?|believed|assumed|assumes|assume|suggested|feared|"
                            r"complained|objected|notes?|noted|concedes?|conceded|points?\s+out|pointed\s+out|warns?|warned|"
                            r"presents?|position\s+is\s+that|"
                            # an objection named by a noun, its content after "is that": "Another objection is
                            # that ...", "Mr. X's main claim is that ..." (not "My / Our argument is that ...")
                            r"(?<!\bmy\s)(?<!\bour\s)(?:objection|concern|worry|complaint|criticism|claim|argument|"
                            r"fear)s?\s+(?:is|was)\s+that)\b")
# a clause after the main one that a subordinating conjunction opens ("The rule dates from 1971, when planners assumed
# ..."): a view reported there is told as part of the main clause's story (history, a cause), not voiced by the unit
_SUBORDINATE_AFTER = re.compile(r",\s*(?:when|where|while|whilst|because|since|after|before|until|as|if|once|unless|"
                                r"whereas)\s")


def reports_view(low: str) -> bool:
    """The lower-cased unit ``low`` reports a view someone else holds (``_REPORTED_VIEW``) in its main clause, not in
    a subordinate clause after it ("..., when planners assumed ...")."""
    found = _REPORTED_VIEW.match(low)
    return found is not None and _SUBORDINATE_AFTER.search(low, 0, found.end()) is None


_VOICE_PHRASE = re.compile(r"\b(?:tempting\s+to|the\s+(?:fear|argument|worry|objection|idea|claim|complaint|"
                           r"assumption)\s+that|i\s+(?:understand|see|hear|know)\s+(?:why|that|the)|i\s+don't\s+doubt|"
                           r"i\s+do\s+not\s+doubt|no\s+doubt|it\s+is\s+said|we\s+are\s+told|you\s+will\s+hear|"
                           r"is\s+often\s+said|would\s+say|will\s+say|will\s+object|will\s+argue|will\s+point\s+out|"
                           r"is\s+the\s+(?:other|second|third|main|first|last|final|usual|obvious|biggest|chief)\s+"
                           r"(?:objection|concern|worry|complaint|criticism))\b")
# _VOICE_PHRASE with its alternatives opening with a letter (``markers.letters_first``): the same matches (tested),
# 1.4x faster (the same for _THIRD_VOICE gains nothing: it reads a unit's first eight words)
_VOICE_PHRASE_QUICK = letters_first([
    r"tempting\s+to", r"the\s+(?:fear|argument|worry|objection|idea|claim|complaint|assumption)\s+that",
    r"i\s+(?:understand|see|hear|know)\s+(?:why|that|the)", r"i\s+don't\s+doubt", r"i\s+do\s+not\s+doubt",
    r"no\s+doubt", r"it\s+is\s+said", r"we\s+are\s+told", r"you\s+will\s+hear", r"is\s+often\s+said", r"would\s+say",
    r"will\s+say", r"will\s+object", r"will\s+argue", r"will\s+point\s+out",
    r"is\s+the\s+(?:other|second|third|main|first|last|final|usual|obvious|biggest|chief)\s+"
    r"(?:objection|concern|worry|complaint|criticism)"], r"\b")
WILL_PLAIN = r"\b(?:will|won't|would)\b"  # a prediction: "People will just book elsewhere"
# WILL_PLAIN with its "w" first and the word-start test after it: the engine skips straight to the w's (the same
# matches, tested; 6x faster)
_WILL = re.compile(r"w(?<!\ww)(?:ill|on't|ould)\b")
# Gates: words one of which every match of a pattern holds as a whole word, a ``\w+`` run of the lower-cased unit
# (in every alternative the word follows a blank and ends at a word end): the pattern runs only on the units holding
# one (``features.unit_words``, the markers' words), most units hold none; ``_cues_of`` and ``_cue_free_of`` without
# them stay the definition, tested
_VIEW_START_WORDS = frozenset(str.split(
    "suggested argued claimed said warned insisted maintained contended proposed objected say says saying argue argues "
    "arguing claim claims insist insists believe believes think thinks fear fears worry worries object objects "
    "complain complains point warn warns prefer prefers doubt doubts oppose opposes reckon reckons expect expected "
    "points telling tell tells maintain maintains contend contends"))
_THIRD_VOICE_WORDS = frozenset(str.split(
    "say says argue argues claim claims believe believes think thinks fear fears worry worries object objects complain "
    "complains insist insists point points find finds feel feels contend contends"))
_REPORTED_VIEW_WORDS = frozenset(str.split(
    "said wrote told replied reply replies insisted argued claimed want wants wanted hear hears believed assumed "
    "assumes assume suggested feared complained objected note notes noted concede concedes conceded point points "
    "pointed warn warns warned present presents position objection objections concern concerns worry worries "
    "complaint complaints criticism criticisms claim claims argument arguments fear fears"))
_VOICE_PHRASE_WORDS = frozenset(str.split(
    "tempting fear argument worry objection idea claim complaint assumption understand see hear know doubt said told "
    "say object argue point concern criticism"))
# a unit that opens by pointing back ("This adds up to ...", "They were sold", "That is why ...")
_ANAPHOR = re.compile(r"^[\s\"“(]*(?:(?:and|but|so)\s+)?(?:this|that|these|those|it|they|such|he|she)\b")
_WORD = re.compile(r"[a-z][a-z'’]+")
# _WORD's matches of three characters or more: a match runs to the end of its run of letters and apostrophes, so
# these are the same words as _WORD's longer matches (``unit_words_plain``, tested), without a test per word
_WORD3 = re.compile(r"[a-z][a-z'’]{2,}")
_FUNCTION = frozenset(("the", "and", "that", "this", "with", "for", "are", "was", "were", "has", "have", "had", "not",
                       "but", "from", "they", "them", "their", "its", "it's", "his", "her", "our", "your", "you", "who",
                       "which", "what", "will", "would", "can", "could", "should", "may", "might", "been", "be", "is",
                       "of", "to", "in", "on", "at", "by", "as", "an", "or", "so", "if", "all", "any", "one", "there"))
_REPLY = re.compile(r"^[\s\"“(]*(?:but|however|yet|nevertheless|nonetheless|still|even\s+so|that\s+said|"
                    r"on\s+the\s+contrary)\b")
# answers that do not open with a reply word: a "however" / "though" inside the sentence ("The shops, however,
# ...", "It never happened, though."), or granting the point just made with a pronoun ("That is true, but ...",
# "That may be so.", "Fair enough."; not "It is true that X": that states a new concession)
MID_ANSWER_PLAIN = (r"^[^,;:]*?\w[^,;:]*[,;]\s*(?:however|though|nevertheless|nonetheless)\s*[,.;:!]"
                    r"|\w\s+(?:however|though)[.!]\s*$")
# MID_ANSWER_PLAIN without its backtracking: the lazy "[^,;:]*?\w" retried the rest of the first clause from every
# place of it (quadratic: ~50 µs on a 150-character unit, ~13% of a seed's parse). The first clause must hold a
# word character (the look-ahead) and end at a "," or ";" (the first of ",;:": "[^,;:]*" can stop nowhere else);
# the possessive runs give nothing back, as no shorter run can be followed by what follows them. The second
# alternative is searched only in a unit ending (blanks aside) with one of its words and "." or "!".
# ``_mid_answer`` runs them on the units holding one of the words; tested against the plain pattern.
_MID_CLAUSE = re.compile(r"(?=[^,;:]*?\w)[^,;:]*+[,;]\s*+(?:however|though|nevertheless|nonetheless)\s*[,.;:!]")
_MID_END = re.compile(r"\w\s+(?:however|though)[.!]\s*$")
_MID_ENDINGS = ("however.", "however!", "though.", "though!")


def _mid_answer(low: str) -> bool:
    """``MID_ANSWER_PLAIN`` found in the lower-cased unit ``low``."""
    if not ("however" in low or "though" in low or "theless" in low):  # "nevertheless", "nonetheless"
        return False
    return _MID_CLAUSE.match(low) is not None or (
        low.rstrip().endswith(_MID_ENDINGS) and _MID_END.search(low) is not None)  # rstrip: every \s is a space


# a new concession of the author's ("It is also true that ..."): it opens the next exchange
_NEW_CONCESSION = re.compile(r"^[\s\"“(]*(?:and\s+)?(?:it\s+is|it's|it’s)\s+(?:\w+\s+)?"
                             r"(?:true|undeniable|clear|fair\s+to\s+say)\s+that\b")
_PRONOUN_GRANT = re.compile(r"^[\s\"“(]*(?:(?:that|this|it|they|he|she)(?:'s|’s|\s+(?:is|was|are|were|may\s+be|"
                            r"might\s+be|could\s+be|sounds|seems))\s+(?:\w+\s+){0,2}?(?:true|right|fair|correct|so|reasonable|"
                            r"understandable|the\s+case)\b(?!\s+that\b)|(?:fair\s+enough|true\s+enough|perhaps|maybe)\s*[,.;:!])")


# a short unit (as the "short" flag: under 7 words) that points back or grants: "They are,", "Those jobs matter,",
# "He is probably right,", "I agree with them in principle."
_BRIEF_GRANT = re.compile(r"^[\s\"“(]*(?:i\s+(?:agree|accept|admit|concede)\b)")


def grants_briefly(text: str) -> bool:
    """A short unit that points back ("They are,", "Those promises were real,") or grants ("I agree ...",
    "Admittedly, ..."): what follows an objection to grant or restate it, not to elaborate it."""
    low = text.lower()
    return len(text.split()) < 7 and (_ANAPHOR.match(low) is not None or _GRANTING.match(low) is not None
                                      or _BRIEF_GRANT.match(low) is not None)


# A unit granting the point the other side has just made, before the author answers it: "That is a fair description of
# the promise.", "There is some truth in that.", "Perhaps they do.", "Fair enough.", "That is a serious concern.",
# "True, a young tree gives little shade at first." (``concedes``); never a denial ("That is not true.") nor an
# answer of its own ("That is true, but ...", "They can:").
_AFFIRMS = re.compile(r"^[\s\"“(]*(?:(?:perhaps|maybe|no\s+doubt|probably|possibly|certainly|indeed|sometimes|often)"
                      r"\s*,?\s+)?(?:they|it|he|she|some|many|that|this|so)\s+(?:do|does|did|can|could|will|would|may|"
                      r"might|is|are|was|were|has|have|had|must)(?:\s+(?:so|well|indeed|too|sometimes|often))?\s*[.,;!]")
_TRUTH_IN = re.compile(r"^[\s\"“(]*there(?:\s+is|'s|’s)\s+(?:some|something|a\s+lot\s+of|much|a\s+grain\s+of|"
                       r"more\s+than\s+a\s+little)\s+(?:truth|sense|merit|force)\s+(?:in|to)\b")
_FAIR_POINT = re.compile(r"^[\s\"“(]*(?:that|this|it|these|those)\s+(?:is|are|was|were|remains?)\s+(?:a|an)\s+"
                         r"(?:\w+\s+){0,2}?(?:fair|serious|real|reasonable|legitimate|genuine|valid|good|important|"
                         r"understandable|honest|accurate)\s+(?:point|points|concern|concerns|worry|question|description|"
                         r"objection|argument|fear|criticism|complaint|account|summary)\b")
_RIGHT = re.compile(r"^[\s\"“(]*(?:they|he|she|critics|supporters|opponents|sceptics|skeptics)\s+(?:are|is)\s+"
                    r"(?:\w+\s+)?(?:right|correct)\s+(?:that|to|about|in)\b")  # "They are right that ..."
_NOT = re.compile(r"\b(?:not|no|never|nothing|nobody|none|cannot|hardly|why)\b|n['’]t\b")
_OWN_ANSWER = re.compile(r"[,;]\s*(?:but|yet|though|although|however)\b|[:]\s*$|\b(?:however|though)\b")
# the author's answer right after such a grant: a reply word ("But", "Still", "Yet", "however"), a denial ("In fact",
# "Nobody ..."), or a pronoun and a negated verb picking the point up ("It is not a description of the evidence.",
# "That does not make it ...")
_NEGATED_PICKUP = re.compile(r"^[\s\"“(]*(?:(?:and|but)\s+)?(?:it|that|this|they|these|those|he|she)\s+"
                             r"(?:(?:is|are|was|were|does|do|did|has|have|would|will|can|could|should|must)(?:\s+(?:not|never|no)\b|n['’]t\b)|"
                             r"(?:isn|aren|wasn|weren|doesn|don|didn|hasn|haven|wouldn|won|can|couldn)['’]t\b|cannot\b)")


# a grant in a double negative: "I do not doubt that ...", "We don't dispute it.", "Nobody denies that ..." (not
# "No doubt ...": a sentence adverb, "surely" or "probably", as often a guess or an irony as a grant; with it the
# folds' op-eds lost a reply, docs/mining-quality.md)
_LITOTES = re.compile(r"^[\s\"“(]*(?:and\s+)?(?:(?:i|we)\s+(?:do\s+not|don['’]t|cannot|can['’]t|would\s+not|"
                      r"wouldn['’]t)\s+(?:doubt|deny|dispute)|(?:nobody|no\s+one)\s+(?:doubts|denies|disputes))\b")
# a unit opening as a reply ("But it would be a mistake.", "Yet they do.") or a conclusion ("So it is.") answers or
# concludes: it grants nothing, though it may point back ("but it ...") in a few words
_ANSWER_OPENING = re.compile(r"^[\s\"“(]*(?:but|however|yet|nevertheless|nonetheless|still|even\s+so|that\s+said|"
                             r"on\s+the\s+contrary|so)\b")
# a denial in words rather than a negation: "That is wrong,", "This is false.", "That is misleading at best."
_DENIED = re.compile(r"\b(?:wrong|false|untrue|mistaken|nonsense|misleading|myth)\b")


def concedes(text: str) -> bool:
    """The unit grants the point just made (see ``_AFFIRMS`` above): a pronoun's short affirmation, "There is some
    truth in that", "That is a fair point / a serious concern", a granting opening ("True, ...", "Admittedly, ..."),
    "Fair enough." / "That is true.", a double negative ("I do not doubt that ..."), or a short unit pointing back
    ("Those jobs matter."); not a denial ("That is not true.", "That is wrong,"), not a unit that answers itself
    ("That is true, but ...") or announces what follows ("They can:"), nor one opening as a reply or a conclusion
    ("But it would be a mistake.", "So it is.")."""
    low = text.lower()
    litotes = _LITOTES.match(low)  # its negation grants; any other denies
    if (_NOT.search(low if litotes is None else low[litotes.end():]) is not None
            or _OWN_ANSWER.search(low.rstrip()) is not None or _ANSWER_OPENING.match(low) is not None
            or _DENIED.search(low) is not None):
        return False
    return (litotes is not None or _PRONOUN_GRANT.match(low) is not None or _AFFIRMS.match(low) is not None
            or _RIGHT.match(low) is not None
            or _TRUTH_IN.match(low) is not None or _FAIR_POINT.match(low) is not None
            or _GRANTING.match(low) is not None or grants_briefly(text))


# ... and a bare "Maybe." / "Perhaps." right after an objection: a grudging grant, nothing of its own to say
_GRANT_WORDS = re.compile(r"^[\s\"“(]*(?:(?:fair\s+enough|true\s+enough|point\s+taken|granted|agreed)\s*[.!;]|"
                          r"(?:maybe|perhaps)\s*[.!]\s*$)")


def concedes_explicitly(text: str) -> bool:
    """``concedes`` in words that can only grant ("That is a serious concern.", "There is some truth in that.", "They
    are right that ...", "Fair enough."): what follows it is the author's answer, cue word or not (a pronoun's short
    affirmation, "They do, ...", may itself be the answer)."""
    low = text.lower()
    return concedes(text) and (_FAIR_POINT.match(low) is not None or _TRUTH_IN.match(low) is not None
                               or _RIGHT.match(low) is not None or _GRANT_WORDS.match(low) is not None)


def answers_point(text: str) -> bool:
    """The unit answers the point before it: a reply word ("But", "Still", "however"), a denial, or a pronoun and a
    negated verb ("It is not a description of the evidence.")."""
    low = text.lower()
    return (_REPLY.match(low) is not None or _mid_answer(low) or _DENIAL.match(low) is not None
            or _NEGATED_PICKUP.match(low) is not None)


# a view attributed in an aside to a third party: "A sapling will not shade anyone for a decade, they point out, while
# ...", "If slots were booked ahead, they argue, ...", "A subsidy, critics say, would ..." (the opening cues read only
# the first words; the aside can come late)
_ASIDE = re.compile(r",\s*(?:they|he|she|critics|opponents|supporters|proponents|sceptics|skeptics|some|others|many)\s+"
                    r"(?:\w+\s+)?(?:say|says|argue|argues|claim|claims|contend|contends|insist|insists|warn|warns|"
                    r"point\s+out|points\s+out|add|adds|reckon|reckons|fear|fears|believe|believes|maintain|maintains)"
                    r"\s*[,.;!?]")
_FIRST_PERSON_WORDS = re.compile(r"\b(?:i|we|my|our|us|me)\b")


def reports_aside(text: str) -> bool:
    """The unit gives its view to a third party in an aside (", they point out,", ", critics say,"), and holds no
    first person: someone else's view, wherever the aside stands."""
    low = text.lower()
    return _ASIDE.search(low) is not None and _FIRST_PERSON_WORDS.search(low) is None


def continues_clause(text: str) -> bool:
    """The unit continues the clause before it ("..., and Y", a lower-case start)."""
    return _CONTINUES.match(text) is not None


# an opening that holds no one: a dummy or demonstrative subject ("There are growing doubts", "This casts doubt",
# "It's amazing what ... will say"), a denial ("No doubt", "Nobody can expect") or a subordinate clause first
# ("Once the fear of ...", "If critics say ..."): the view word after it is a noun or not the main clause's verb
_NOBODY_OPENS = re.compile(rf"^[\s\"“(]*(?:there|this|that|it|it's|it’s|no|nobody|none|once|if|unless|when|because|"
                           rf"as|{SUBORDINATE_CONCESSIVE})\b")


# an objection named by a noun, nobody named as holding it: "Another objection is that ...", "Air quality is the other
# concern.", "Some members have raised the concern that ..." (a possessive names who holds it: "Mr. X's main claim is
# that ...")
_NAMED_OBJECTION = re.compile(
    r"^[\s\"“(]*(?:(?:another|a\s+(?:second|third|further|final|common|related)|the\s+(?:other|second|third|main|"
    r"first|last|final|usual|obvious|biggest|chief|most\s+common))\s+(?:objection|concern|worry|complaint|criticism)s?\s+"
    r"(?:is|was)\s+that\b|[^.;:!?]{1,60}\bis\s+the\s+(?:other|second|third|main|first|last|final|usual|obvious|"
    r"biggest|chief)\s+(?:objection|concern|worry|complaint|criticism)\b"
    # "Some members have raised the concern that ...": someone voicing it, not the author
    r"|(?!(?:i|we|you)\b)[^.;:!?]{1,60}\b(?:has|have|had)\s+(?:also\s+|often\s+|repeatedly\s+)?(?:raised|voiced|"
    r"expressed)\s+(?:the|a|an|their|its|his|her)?\s*(?:concern|objection|worry|fear|complaint)s?\s+that\b)")


def names_an_objection(text: str) -> bool:
    """The unit names an objection held by nobody named (``_NAMED_OBJECTION``)."""
    return _NAMED_OBJECTION.match(text.lower()) is not None


def voices_another(text: str) -> bool:
    """The unit opens by reporting a view someone else holds ("Critics say ...", "Some argue that ...",
    "Opponents of the plan warn ...", "Others point to ..."; never "I" / "we" / "you"): the opening cues of the
    opponent model (``_VIEW_START``, ``_THIRD_VOICE``), its subject someone (``_NOBODY_OPENS``)."""
    low = text.lower()
    return (_NOBODY_OPENS.match(low) is None
            and (_VIEW_START.match(low) is not None or _THIRD_VOICE.search(_opening(low)) is not None))


def rule_opponents(doc: F.DocFeatures) -> list[bool]:
    """The connective rules for counterarguments (a feature of the learned model, and its fallback):
    concession or opposing-voice openings, or units answered by "But/However". Worked out once per document
    (the opponent model and the link model both ask); each caller gets its own list."""
    flags: list[bool] | None = doc.derived.get("voices.rule_opponents")
    if flags is None:
        flags = doc.derived["voices.rule_opponents"] = _rule_opponents(doc)
    return list(flags)


def _rule_opponents(doc: F.DocFeatures) -> list[bool]:
    """``rule_opponents``, one step per rule for the whole document: a concession opening (not a trailing
    "..., while Y") or an opposing-voice opening, unless it answers the question before it ("Yes, ..."); or a unit
    the next one of its paragraph refutes, or answers with "But/However" (not "However, critics say ...": then the
    next is the opponent) when neither is itself a contrast or a question; never a refuting unit."""
    n = doc.n
    if n == 0:
        return []

    def marker(name: str) -> Any:
        return doc.unit[:, F.MARKER_INDEX[name]] != 0

    question, contrast, opponent_start = marker("question"), marker("contrast_start"), marker("opponent_start")
    refutation = marker("refutation")
    trailing_contrast = np.asarray([_TRAILING_CONTRAST.match(text) is not None for text in doc.texts], bool)
    own = (marker("concession_start") & ~trailing_contrast) | opponent_start
    for i in (own[1:] & question[:-1]).nonzero()[0] + 1:  # np.flatnonzero's step (1-d), no wrapper
        if _ANSWER.match(doc.texts[i]):
            own[i] = False  # "Yes, ..." answering the question before it is the author's answer, not a concession
    blocks = np.asarray(doc.blocks)
    answered = np.zeros(n, bool)
    answered[:-1] = (blocks[1:] == blocks[:-1]) & (refutation[1:] | (
        contrast[1:] & ~opponent_start[1:] & ~contrast[:-1] & ~question[:-1]))
    flags: list[bool] = ((own | answered) & ~refutation).tolist()
    return flags


# a quotation the writer puts in the reader's mouth: '"But cutting water means cutting jobs," you say.', '"Why should
# I pay?" you might ask.' (the reader's objection, an opposing voice whatever its first word)
_READER_OBJECTION = re.compile(r"[\s*_]*[\"“][^\"”]{3,400}[,?!][\"”]\s+you\s+(?:(?:might|may|will|could|would)\s+)?"
                               r"(?:say|ask|object|reply|protest|answer|think|argue|insist)\b")


def reader_objections(texts: Sequence[str]) -> list[bool]:
    """Per unit: it is a quotation given to the reader (``_READER_OBJECTION``); tested only where " you " follows a
    closing quotation mark."""
    return [("” you " in text or '" you ' in text) and _READER_OBJECTION.match(text) is not None for text in texts]


def _rule_opponents_plain(doc: F.DocFeatures) -> list[bool]:
    """``_rule_opponents`` unit by unit: the definition the one-step version is tested against."""
    n = doc.n
    flags = []
    for i in range(n):
        trailing_contrast = _TRAILING_CONTRAST.match(doc.texts[i]) is not None  # "..., while Y": a contrast
        own = (doc.marker(i, "concession_start") and not trailing_contrast) or doc.marker(i, "opponent_start")
        if own and i and doc.marker(i - 1, "question") and _ANSWER.match(doc.texts[i]):
            own = False  # "Yes, ..." answering the question before it is the author's answer, not a concession
        refuted = i + 1 < n and doc.blocks[i + 1] == doc.blocks[i] and doc.marker(i + 1, "refutation")
        answered = refuted or (i + 1 < n and doc.blocks[i + 1] == doc.blocks[i] and doc.marker(i + 1, "contrast_start")
                    and not doc.marker(i + 1, "opponent_start")  # "However, critics say ...": the next is the opponent
                    and not doc.marker(i, "contrast_start") and not doc.marker(i, "question"))
        flags.append(bool(own or answered) and not doc.marker(i, "refutation"))
    return flags


_OWN = ["concession_start", "contrast_start", "opponent_start", "opponent_anywhere", "refutation", "cause_start",
        "conclusion_start", "addition_start", "example_start", "prescriptive", "conditional", "hedge", "negation",
        "question", "first_person", "first_plural", "opinion", "evaluative", "reported", "you", "imperative_start",
        "number"]
# (the next unit's contrast opening and its refutation are pooled into "next_answers": each alone is rare)
_NEXT = ["opponent_start", "concession_start", "conclusion_start", "opinion", "first_person", "negation",
         "cause_start", "addition_start"]
_PREV = ["concession_start", "opponent_start", "question", "contrast_start", "refutation", "conclusion_start"]
_TEXT_FLAGS = ["granting", "subordinate", "may", "third_voice", "ends_comma", "trailing_contrast", "answers_question",
               "view_start", "supposed", "continues", "short", "any_voice"]
# signs of an implicit objection that need no cue word in the unit itself (see ``_cue_free``)
# (measured on dev + dev2 and left out: the next unit's opposite negation, a reply opening the next
# paragraph, the unit's place in its paragraph: no change in cross-validated F1)
CUE_FREE_NAMES = ["next_elliptic", "next_denial", "next_overlap", "next_number", "next_answers_any",
                  "own_reported_view", "own_voice_phrase", "own_will"]
# the whole text's evidence that anyone but the author speaks in it: any unit reporting or granting a view
# (its share and whether there is one), whether anything in it answers, and the share of first-person units
# (a personal account, as most of CDCP's comments, rarely stages an opponent; the gold short texts rarely say
# "I"): cue-free signs such as the next unit picking up the words mean an objection only in a text that argues
# with someone
DOC_NAMES = ["doc_any_voice", "doc_voice_share", "doc_answers", "doc_first_person"]
# a concession-then-answer exchange (``exchange``): the unit continues the voice before it in an aside ("..., they
# point out, ..."), grants the point just voiced and is answered ("That is a fair description of the promise." |
# "It is not a description of the evidence."), or is that answer
EXCHANGE_NAMES = ["aside_after_voice", "grant_answered", "answers_grant"]
_POSITION = ["rel_position", "is_first", "is_last", "log_words", "sim_centroid", "sim_first", "sim_prev", "sim_next"]
OPPONENT_NAMES = (
    ["rule", "rule_prev", "rule_next", "rule_prev2", "voice_and_answered", "voice_or_answered"]
    + [f"own_{m}" for m in _OWN] + [f"own_{t}" for t in _TEXT_FLAGS]
    + [f"next_{m}" for m in _NEXT] + ["next_answers", "next_same_block", "next_exists", "next_granting",
                                      "next_view_start"]
    + [f"prev_{m}" for m in _PREV] + ["prev_granting", "prev_subordinate", "prev_ends_comma"]
    # position in the text, not in the paragraph nor the text's length: the gold texts are short and
    # mostly one paragraph, so those would only extrapolate on long documents
    + _POSITION + CUE_FREE_NAMES + DOC_NAMES
)
_POS = {name: len(F.MARKER_NAMES) + k for k, name in enumerate(F.POSITION_NAMES)}


def _opening(low: str, words: int = 8) -> str:
    """The first few words: a voice the author answers is introduced there ("Many parents fear ...");
    deeper in a long sentence "he believes" is more often narration."""
    return " ".join(low.split()[:words])


def _text_flags(texts: Sequence[str], doc: F.DocFeatures) -> Array:
    return _cues(doc)[0]


def _cues(doc: F.DocFeatures) -> tuple[Array, Array]:
    """(``_TEXT_FLAGS`` per unit, whether each unit opens as a reply), worked out once per document (kept
    with its features): the opponent model and the three pair models all read them."""
    cues: tuple[Array, Array] | None = doc.derived.get("voices.cues")
    if cues is None:
        cues = doc.derived["voices.cues"] = _cues_of(doc.texts, doc.unit[:, F.MARKER_INDEX["question"]],
                                                     doc.unit[:, F.MARKER_INDEX["opponent_start"]],
                                                     F.unit_words(doc), F.lower_texts(doc))
    return cues


# Literal text every match of a pattern holds (a word of its alternation): the pattern runs only when one is in
# the unit, as the markers' keys do (a few substring tests cost less than a search with a word-start test)
_MAY_WORDS = ("may", "might", "could")
_SUPPOSED_WORDS = ("suppos", "allegedly", "so-called", "theory", "paper")
# By the unit's words (``features.unit_words``, the ``\w+`` runs of the lower-cased text): _MAY matches exactly when
# one of its words is one of them (no regex at all); every match of _SUPPOSED holds one of these as a whole word
# ("so-called": "called")
_MAY_WHOLE = frozenset(_MAY_WORDS)
_SUPPOSED_WHOLE = frozenset(("supposed", "supposedly", "allegedly", "called", "theory", "paper"))


def _has_any(low: str, keys: tuple[str, ...]) -> bool:
    return any(map(low.__contains__, keys))  # no generator frame per key


def _cues_of(texts: Sequence[str], question: Array, opponent_start: Array,
             words: Sequence[set[str]] | None = None, lows: Sequence[str] | None = None) -> tuple[Array, Array]:
    """The cues; ``words``: each text's ``features.unit_words``, the gates of a few patterns (None: no gates);
    ``lows``: each text lower-cased, when the caller has them."""
    rows: list[tuple[bool, ...]] = []
    replies: list[bool] = []
    question_before = [False, *map(bool, question[:-1])]
    gates = words if words is not None else [None] * len(texts)
    lowered = lows if lows is not None else [text.lower() for text in texts]
    for i, (text, low, opponent_opening, held) in enumerate(zip(texts, lowered, map(bool, opponent_start), gates,
                                                                strict=True)):
        granting = _GRANTING.match(low) is not None
        view = (held is None or not held.isdisjoint(_VIEW_START_WORDS)) and _VIEW_START.match(low) is not None
        third = ((held is None or not held.isdisjoint(_THIRD_VOICE_WORDS))
                 and _THIRD_VOICE.search(_opening(low)) is not None)
        if held is None:
            may = _has_any(low, _MAY_WORDS) and _MAY.search(low) is not None
            supposed = _has_any(low, _SUPPOSED_WORDS) and _SUPPOSED.search(low) is not None
        else:
            may = not held.isdisjoint(_MAY_WHOLE)
            supposed = not held.isdisjoint(_SUPPOSED_WHOLE) and _SUPPOSED.search(low) is not None
        rows.append((granting, _SUBORDINATE.match(low) is not None, may, third, text.rstrip().endswith(","),
                     _TRAILING_CONTRAST.match(text) is not None,
                     question_before[i] and _ANSWER.match(text) is not None, view, supposed,
                     _CONTINUES.match(text) is not None, len(text.split()) < 7,
                     # any sign of a voice other than the author's, pooled: each cue alone is rare in the data
                     view or third or opponent_opening or granting))
        replies.append(_REPLY.match(low) is not None)
    # one array from the rows (writing each row into an array costs more than its regexes)
    out = np.fromiter(chain.from_iterable(rows), np.float32, len(rows) * len(_TEXT_FLAGS)).reshape(
        len(texts), len(_TEXT_FLAGS))  # the flags read as they come (np.array reads the rows' structure first)
    reply = np.array(replies, np.float32)
    out.setflags(write=False)  # shared by every reader of the document's cues
    reply.setflags(write=False)
    return out, reply


def unit_words_plain(text: str) -> frozenset[str]:
    """A unit's content words: lower case, three characters or more, no function words."""
    return frozenset(w for w in set(_WORD.findall(text.lower())).difference(_FUNCTION) if len(w) > 2)


def _unit_words(doc: F.DocFeatures) -> list[frozenset[str]]:
    """Each unit's ``unit_words_plain``, once per document."""
    words: list[frozenset[str]] | None = doc.derived.get("voices.words")
    if words is None:
        words = doc.derived["voices.words"] = list(map(_content_words, F.lower_texts(doc), F.unit_words(doc)))
    return words


_SHORT_OR_FUNCTION = _FUNCTION | {a + b for a in ["", *ascii_lowercase] for b in ascii_lowercase}
"""The function words and every word of one or two of a-z: none is a content word (``_content_words``)."""


def _content_words(low: str, words: set[str]) -> frozenset[str]:
    """``unit_words_plain`` of a unit from its lower-cased text ``low`` and its ``\\w+`` runs ``words``
    (``features.unit_words``: the markers found them already). Without an apostrophe a ``_WORD3`` match is a run of
    three or more of a-z that no other of a-z touches, and such a run lies inside one ``\\w+`` run (a-z are word
    characters): a word of ASCII letters alone (a-z: ``low`` is lower case) is one if three letters long or more,
    and another word (digits, "_", other letters) holds those ``_WORD3`` finds in it. A text with an apostrophe (a
    match may run across it) is scanned whole."""
    if "'" in low or "’" in low:
        return frozenset(_WORD3.findall(low)).difference(_FUNCTION)
    letters = set(filter(str.isalpha, words))
    if not low.isascii():
        letters.difference_update([word for word in letters if not word.isascii()])
    found = letters.difference(_SHORT_OR_FUNCTION)
    if len(letters) < len(words):  # the rare words with digits, "_" or other letters
        for word in words.difference(letters):
            found.update(_WORD3.findall(word))
        found.difference_update(_FUNCTION)
    return frozenset(found)


def _cue_free(doc: F.DocFeatures) -> Array:
    """``CUE_FREE_NAMES`` per unit: how the next unit of its paragraph answers it (an elliptical reply, a
    denial, the same words picked up, figures against a claim, any reply sign), a view reported in any
    tense or named as someone's ("the fear that"), and a third party's prediction. Once per document (the
    opponent features and the second pass read them)."""
    cue_free: Array | None = doc.derived.get("voices.cue_free")
    if cue_free is None:
        cue_free = doc.derived["voices.cue_free"] = _cue_free_of(doc)
        cue_free.setflags(write=False)
    return cue_free


def _cue_free_of(doc: F.DocFeatures, gated: bool = True) -> Array:
    """``_cue_free``; without ``gated`` every unit runs the patterns the unit words gate (the definition)."""
    n = doc.n
    out = np.zeros((n, len(CUE_FREE_NAMES)), np.float32)
    lows = F.lower_texts(doc)
    words = _unit_words(doc)
    number = doc.unit[:, F.MARKER_INDEX["number"]]
    answers = _answers(doc)
    elliptic = np.asarray([_ELLIPTIC.match(t) is not None for t in lows], np.float32)
    denial = np.asarray([_DENIAL.match(t) is not None for t in lows], np.float32)
    answers_any = np.maximum(np.maximum(elliptic, denial), answers)
    # the next unit's columns where it is in the same paragraph, zeros elsewhere; then the unit's own
    same_next = [i + 1 < n and doc.blocks[i + 1] == doc.blocks[i] for i in range(n)]
    overlap = [len(words[i] & words[i + 1]) / len(union) if same_next[i] and (union := words[i] | words[i + 1])
               else 0.0 for i in range(n)]  # each union worked out once
    follows = np.asarray(same_next[:-1], np.float32)
    out[:-1, 0] = elliptic[1:] * follows
    out[:-1, 1] = denial[1:] * follows
    out[:, 2] = overlap
    out[:-1, 3] = number[1:] * (1 - number[:-1]) * follows
    out[:-1, 4] = answers_any[1:] * follows
    first_person = doc.unit[:, F.MARKER_INDEX["first_person"]]
    held = F.unit_words(doc) if gated else [None] * n
    out[:, 5:] = np.fromiter(chain.from_iterable(
        ((unit_held is None or not unit_held.isdisjoint(_REPORTED_VIEW_WORDS))
         and reports_view(low),
         (unit_held is None or not unit_held.isdisjoint(_VOICE_PHRASE_WORDS))
         and _VOICE_PHRASE_QUICK.search(low) is not None,
         _WILL.search(low) is not None and not first_person[i])
        for i, (low, unit_held) in enumerate(zip(lows, held, strict=True))), np.float32, 3 * n).reshape(n, 3)
    return out


@lru_cache(maxsize=64)
def _marker_columns(names: tuple[str, ...]) -> Any:
    return np.asarray([F.MARKER_INDEX[m] for m in names])


# the marker columns and cue flags the features read, looked up once (not per document)
_OWN_COLUMNS, _NEXT_COLUMNS, _PREV_COLUMNS = (_marker_columns(tuple(names)) for names in (_OWN, _NEXT, _PREV))
_ANSWER_COLUMNS = _marker_columns(("refutation", "contrast_start"))
_VOICE_OPENING_COLUMNS = _marker_columns(("concession_start", "opponent_start"))
_FIRST_PERSON_COLUMN = F.MARKER_INDEX["first_person"]
_OPPONENT_START_COLUMN = F.MARKER_INDEX["opponent_start"]
_ANY_VOICE, _GRANTING_FLAG, _VIEW_START_FLAG, _SUBORDINATE_FLAG, _ENDS_COMMA_FLAG = (
    _TEXT_FLAGS.index(name) for name in ("any_voice", "granting", "view_start", "subordinate", "ends_comma"))
_OWN_REPORTED_VIEW, _OWN_VOICE_PHRASE = CUE_FREE_NAMES.index("own_reported_view"), CUE_FREE_NAMES.index(
    "own_voice_phrase")


def _answers(doc: F.DocFeatures) -> Array:
    """Whether each unit opens as a reply ("But ...", "However ...") or refutes ("I disagree"), pooled (each alone
    is rare), once per document: the opponent features and the pair features read it."""
    answers: Array | None = doc.derived.get("voices.answers")
    if answers is None:
        answers = doc.derived["voices.answers"] = np.maximum(
            _cues(doc)[1], np.maximum.reduce(doc.unit[:, _ANSWER_COLUMNS], axis=1))
        answers.setflags(write=False)
    return answers


def opponent_features(doc: F.DocFeatures) -> Array:
    """One row per unit (``OPPONENT_NAMES``), written column block by column block into one array (a
    neighbour's column is a shifted slice; zeros beyond the ends)."""
    n = doc.n
    out = np.zeros((n, len(OPPONENT_NAMES)), np.float32)
    if n == 0:
        return out
    rule = np.asarray(rule_opponents(doc), np.float32)
    flags, reply = _cues(doc)
    any_voice = flags[:, _ANY_VOICE]
    blocks = np.asarray(doc.blocks)
    same_next = np.zeros(n, np.float32)
    same_next[:-1] = blocks[1:] == blocks[:-1]
    same_prev = np.zeros(n, np.float32)
    same_prev[1:] = blocks[1:] == blocks[:-1]
    # answered: the next unit of the paragraph replies ("But ...", "However ...") or refutes ("I disagree")
    replies = _answers(doc)
    answered = np.zeros(n, np.float32)
    answered[:-1] = replies[1:] * same_next[:-1]
    # rules
    out[:, 0] = rule
    out[1:, 1] = rule[:-1]
    out[:-1, 2] = rule[1:]
    out[2:, 3] = rule[:-2]
    out[:, 4] = any_voice * answered
    out[:, 5] = np.maximum(any_voice, answered)
    at = 6
    out[:, at:at + len(_OWN)] = doc.unit[:, _OWN_COLUMNS]
    at += len(_OWN)
    out[:, at:at + len(_TEXT_FLAGS)] = flags
    at += len(_TEXT_FLAGS)
    out[:-1, at:at + len(_NEXT)] = doc.unit[:, _NEXT_COLUMNS][1:] * same_next[:-1, None]
    at += len(_NEXT)
    out[:, at] = answered
    out[:, at + 1] = same_next
    out[:-1, at + 2] = 1.0  # a next unit exists
    out[:-1, at + 3] = flags[1:, _GRANTING_FLAG] * same_next[:-1]
    out[:-1, at + 4] = flags[1:, _VIEW_START_FLAG] * same_next[:-1]
    at += 5
    out[1:, at:at + len(_PREV)] = doc.unit[:, _PREV_COLUMNS][:-1] * same_prev[1:, None]
    at += len(_PREV)
    out[1:, at] = flags[:-1, _GRANTING_FLAG] * same_prev[1:]
    out[1:, at + 1] = flags[:-1, _SUBORDINATE_FLAG] * same_prev[1:]
    out[1:, at + 2] = flags[:-1, _ENDS_COMMA_FLAG] * same_prev[1:]
    at += 3
    out[:, at:at + len(_OPPONENT_POSITION)] = doc.unit[:, _OPPONENT_POSITION]
    at += len(_OPPONENT_POSITION)
    out[:, at:at + len(CUE_FREE_NAMES)] = _cue_free(doc)
    at += len(CUE_FREE_NAMES)
    voice = _own_voice(doc)
    # ndarray.max and .mean's own steps, without their Python wrappers
    out[:, at] = np.maximum.reduce(voice)
    out[:, at + 1] = F.mean_of(voice)
    out[:, at + 2] = np.maximum.reduce(replies)
    out[:, at + 3] = F.mean_of(doc.unit[:, _FIRST_PERSON_COLUMN])
    return out


def exchange_features(doc: F.DocFeatures, opposing: Array | None = None) -> Array:
    """One row per unit (``EXCHANGE_NAMES``): the concession-then-answer inputs the opponent model adds to its
    logit (``Voices.opponent_exchange``); ``opposing``: the opponent model's own decisions (``exchange``)."""
    out = np.zeros((doc.n, len(EXCHANGE_NAMES)), np.float32)
    if doc.n == 0:
        return out
    _, aside, grant, _ = exchange(doc, opposing)
    out[:, 0] = aside
    out[:, 1] = grant
    out[1:, 2] = grant[:-1]
    return out


def _own_voice(doc: F.DocFeatures) -> Array:
    """A sign of a voice other than the author's in the unit itself, cue words or none; once per document (the
    opponent features and the objection runs read it)."""
    voice: Array | None = doc.derived.get("voices.own_voice")
    if voice is None:
        cue_free = _cue_free(doc)
        voice = doc.derived["voices.own_voice"] = np.maximum.reduce(
            [_cues(doc)[0][:, _ANY_VOICE], cue_free[:, _OWN_REPORTED_VIEW], cue_free[:, _OWN_VOICE_PHRASE],
             np.maximum.reduce(doc.unit[:, _VOICE_OPENING_COLUMNS], axis=1)])
        voice.setflags(write=False)
    return voice


def exchange(doc: F.DocFeatures, opposing: Array | None = None) -> tuple[Array, Array, Array, Array]:
    """The signs of a concession-then-answer exchange the models read, per unit, once per document:
    (voiced before: the unit it takes up (``follows_on``: the one before it in its paragraph, or across a paragraph
    break for a unit pointing back) voices another's view, a cue, a reported view, an aside;
    an aside: the unit gives its view to a third party in an aside after such a unit (``reports_aside``);
    a grant answered: the unit grants the point just voiced (``concedes``) and the author's next unit in its
    paragraph answers it (``answers_point``; after a grant in words that only grant, ``concedes_explicitly``, any
    unit but a question); a grant's concession in words only, the same without its answer). ``opposing``: the
    opponent model's decisions before these inputs (1: the other side's), which also voice a view: given, the signs
    are worked out again and kept for the pair models of the same document; else the kept ones (or the cues')."""
    context: tuple[Array, Array, Array, Array] | None = doc.derived.get("voices.exchange")
    if context is None or opposing is not None:
        context = doc.derived["voices.exchange"] = _exchange_of(doc, opposing)
    return context


def _grants(doc: F.DocFeatures, units: Sequence[int] | None = None) -> tuple[Array, Array]:
    """(the unit grants a point, ``concedes``; and the author's next unit in its paragraph answers the grant,
    ``answers_point``, or any unit but a question does after a grant in words that only grant,
    ``concedes_explicitly``) per unit, never a question; worked out for ``units`` alone (None: every unit), zeros
    elsewhere: the readers multiply them by signs most units lack (each unit's answer kept once per document)."""
    known: dict[int, tuple[bool, bool]] = doc.derived.setdefault("voices.grants", {})
    n = doc.n
    conceding = np.zeros(n, np.float32)
    answered = np.zeros(n, np.float32)
    for j in range(n) if units is None else units:
        if j not in known:
            known[j] = _grant_of(doc, j)
        conceding[j], answered[j] = known[j]
    return conceding, answered


def _grant_of(doc: F.DocFeatures, j: int) -> tuple[bool, bool]:
    texts, blocks = doc.texts, doc.blocks
    question = doc.unit[:, F.MARKER_INDEX["question"]]
    if question[j] or not concedes(texts[j]):
        return False, False
    k = j + 1
    return True, bool(k < doc.n and blocks[k] == blocks[j] and (
        answers_point(texts[k]) or (concedes_explicitly(texts[j]) and not question[k])))


def follows_on(doc: F.DocFeatures) -> list[bool]:
    """Per unit: it takes up the unit just before it, what the exchange inputs read as the point it may grant or
    continue: the unit before it in its paragraph, or, for a unit opening its paragraph by pointing back ("That fear is
    understandable, | but ..."), the last unit of the paragraph before (an objection closing a paragraph, granted and
    answered in the next). Once per document."""
    out: list[bool] | None = doc.derived.get("voices.follows_on")
    if out is None:
        lows = F.lower_texts(doc)
        out = doc.derived["voices.follows_on"] = [
            j > 0 and (doc.blocks[j] == doc.blocks[j - 1] or _ANAPHOR.match(lows[j]) is not None)
            for j in range(doc.n)]
    return out


def bridges(doc: F.DocFeatures) -> frozenset[int]:
    """The units opening a paragraph that grant the point closing the paragraph before (``exchange``): the objection
    they grant may be answered in their paragraph (``rebuttal_candidates``)."""
    conceding = exchange(doc)[3]
    return frozenset(j for j in range(1, doc.n) if doc.blocks[j] != doc.blocks[j - 1] and conceding[j])


def _exchange_of(doc: F.DocFeatures, opposing: Array | None) -> tuple[Array, Array, Array, Array]:
    n = doc.n
    texts = doc.texts
    aside = np.asarray(["," in t and reports_aside(t) for t in texts], np.float32)  # (every aside opens with a comma)
    voice = np.maximum.reduce([np.asarray(rule_opponents(doc), np.float32), _own_voice(doc), aside,
                               np.zeros(n, np.float32) if opposing is None else opposing.astype(np.float32)])
    voiced_before = np.zeros(n, np.float32)
    after = follows_on(doc)
    for j in range(1, n):
        if after[j]:
            voiced_before[j] = voice[j - 1]
    conceding, answered = _grants(doc, voiced_before.nonzero()[0].tolist())
    grant = answered * voiced_before
    conceding = conceding * voiced_before
    out = (voiced_before, aside * voiced_before, grant, conceding)
    for array in out:
        array.setflags(write=False)
    return out


# An objection the other side elaborates before the author answers ("Critics say X. Shops would close. That is
# true, but ..."): at most this many cue-free units between the voiced objection and the answer speak for it. In
# dev*.json all 10 units of such runs of one or two are opposing voices (the opponent model, which pushes the
# unit after an objection towards the author, found 6 of them out of fold); of the 7 units of the two longer
# runs, 3 (the author answers in between without a marker).
OBJECTION_RUN = 2


def objection_runs(doc: F.DocFeatures) -> list[tuple[int, list[int]]]:
    """(voiced objection, the units after it) for every paragraph where a unit voicing another's view (a reported
    view, "Critics say", a concession) is followed by one to ``OBJECTION_RUN`` units that neither voice a view
    nor answer, and then by the author's answer: a reply opening, a refutation, a "however" inside the sentence, or
    granting the point with a pronoun ("That is true, but ..."). Worked out once per document."""
    runs: list[tuple[int, list[int]]] | None = doc.derived.get("voices.runs")
    if runs is None:
        runs = doc.derived["voices.runs"] = _objection_runs(doc)
    return runs


def _objection_runs(doc: F.DocFeatures) -> list[tuple[int, list[int]]]:
    n = doc.n
    if n < 3:  # a run is a voiced objection, a unit or two after it, then the answer
        return []
    flags, _ = _cues(doc)
    lows = F.lower_texts(doc)
    # a new concession ("It is also true that ...") opens the next exchange: the answer after it is its own
    voiced = ((_own_voice(doc) > 0) | np.asarray([_NEW_CONCESSION.match(t) is not None for t in lows], bool))
    # a subordinate concession ("While X, | Y") is finished by the author's own main clause
    starts = (voiced & (flags[:, _SUBORDINATE_FLAG] == 0)).nonzero()[0].tolist()  # np.flatnonzero's step (1-d)
    if not starts:  # most documents: no answers to look for
        return []
    mid = np.zeros(n, bool)
    mid[_inner_answers(doc)] = True
    answer = ((_answers(doc) > 0) | mid).tolist()
    voiced_list = voiced.tolist()
    opponent_start = (doc.unit[:, _OPPONENT_START_COLUMN] > 0).tolist()
    blocks = doc.blocks
    runs = []
    for j in starts:
        if answer[j] and not opponent_start[j]:  # an objection may open with a reply word itself ("However,
            continue  # critics say ..."): it answers the author
        k = j + 1
        while k < n and blocks[k] == blocks[j] and not answer[k] and not voiced_list[k]:
            k += 1
        if 1 < k - j <= OBJECTION_RUN + 1 and k < n and blocks[k] == blocks[j] and answer[k]:
            runs.append((j, list(range(j + 1, k))))
    return runs


def _inner_answers(doc: F.DocFeatures) -> list[int]:
    """The units that answer without a reply opening: a "however" inside, granting the point with a pronoun."""
    answers: list[int] | None = doc.derived.get("voices.inner_answers")
    if answers is None:
        answers = doc.derived["voices.inner_answers"] = [
            i for i, low in enumerate(F.lower_texts(doc))
            if _mid_answer(low) or _PRONOUN_GRANT.match(low) is not None]
    return answers


def carry_objections(doc: F.DocFeatures, probs: Array) -> Array:
    """The second pass over the neighbours' probabilities (``probs``: P(opponent) per unit; returns a new array),
    in two configurations only: each unit of an objection's run (``objection_runs``) speaks for the opponent at
    least as surely as the objection itself; and a unit that answers without a reply opening (a "however" inside
    it, "That is true, but ...") right after a unit of its paragraph is the opponent's at most as surely as that
    unit is not (in dev*.json 7 of the 8 such units are the author's; the opponent model took 2 of them for
    objections, both right after one)."""
    out = np.array(probs, np.float32)
    for j, run in objection_runs(doc):
        out[run] = np.maximum(out[run], out[j])
    blocks = doc.blocks
    inner = _inner_answers(doc)
    granted = _grants(doc, inner)[1]
    for k in inner:
        # (a grant the author's next unit answers is the other side's, not an answer: ``exchange``)
        if k and blocks[k - 1] == blocks[k] and not granted[k]:
            out[k] = min(out[k], 1 - out[k - 1])
    return out


_OPPONENT_POSITION = [_POS[name] for name in _POSITION]


REBUT_DISTANCE = 3  # a reply answers one of the three units before it
_PAIR_SRC = ["contrast_start", "refutation", "negation", "concession_start", "opponent_start", "cause_start",
             "conclusion_start", "addition_start", "example_start", "prescriptive", "opinion", "question"]
_PAIR_TGT = ["concession_start", "opponent_start", "contrast_start", "question", "prescriptive", "hedge",
             "negation"]
PAIR_NAMES = (
    ["source_opponent", "target_opponent", "sides_differ", "source_opp_target_not", "source_not_target_opp",
     "both_opponent", "distance_1", "distance_2", "distance_3", "same_block", "cosine", "target_central",
     "target_is_first", "source_reply", "target_granting", "target_subordinate", "target_ends_comma",
     "between_opponent", "target_before", "source_continues", "source_after_reply", "target_view_start",
     "source_answers"]
    + [f"src_{m}" for m in _PAIR_SRC] + [f"tgt_{m}" for m in _PAIR_TGT]
    + [f"reply_x_{x}" for x in ("target_opponent", "sides_differ")]
    + ["continues_after_reply", "new_sentence_after_reply", "first_after"]
    + ["overlap", "target_just_before", "opponent_just_before", "target_ends_colon", "source_anaphor",
       "anaphor_just_before", "source_short"]
    + ["opens_paragraph_x_just_before", "target_answers", "target_after_opponent"]
    # concession then answer (``exchange``): the source answers a grant just before it, and the target heads the
    # run of opposing units the grant closes (the objection that opened the exchange); the target grants the point
    # of the opposing unit before it; the source (an opposing unit) grants the point of the unit just before it, or
    # points elsewhere
    + ["source_after_grant", "after_grant_x_head", "target_concedes", "grants_just_before", "grants_elsewhere"]
)


_PairContext = tuple[dict[str, Array], Array, Array, Array, Array, Array, Array]


def _pair_context(doc: F.DocFeatures) -> _PairContext:
    """What the pair features read per unit, worked out once per document (three pair models ask)."""
    context: _PairContext | None = doc.derived.get("voices.pairs")
    if context is None:
        flags, reply = _cues(doc)
        flag = {name: flags[:, k] for k, name in enumerate(_TEXT_FLAGS)}
        answers = _answers(doc)
        blocks = np.asarray(doc.blocks)
        after_reply = np.zeros(doc.n, np.float32)  # the unit before is a "But ..." reply in the same paragraph
        after_reply[1:] = reply[:-1] * (blocks[1:] == blocks[:-1])
        context = doc.derived["voices.pairs"] = (flag, reply, answers, blocks, after_reply,
                                                 doc.unit[:, _PAIR_SRC_COLUMNS], doc.unit[:, _PAIR_TGT_COLUMNS])
    return context


def pair_features(doc: F.DocFeatures, opponent: Array, pairs: Sequence[tuple[int, int]],
                  central: int | None = None, names: Sequence[str] = PAIR_NAMES) -> Array:
    """One row per (source, target) pair, one column per name of ``names`` (default: all of ``PAIR_NAMES``, as
    training builds them); ``opponent`` holds P(opponent) per unit. Only the named columns are worked out: each
    model reads a third of them."""
    out = np.zeros((len(pairs), len(names)), np.float32)
    if not pairs:
        return out
    flag, reply, answers, blocks, after_reply, source_columns, target_columns = _pair_context(doc)
    src, tgt = F.pair_ends(pairs)
    po, pt = opponent[src].astype(np.float32), opponent[tgt].astype(np.float32)
    distance = np.abs(src - tgt)
    worked_out: dict[str, Array] = {}
    words, anaphor, ends_colon = _pickup_context(doc)
    just_before = (tgt == src - 1).astype(np.float32)

    def between() -> Array:
        """The most opponent-like unit strictly between the two ends (pairs are at most a few units apart), and
        whether every unit between them speaks for the opponent (``first_after``)."""
        if "between" not in worked_out:
            most = np.zeros(len(pairs), np.float32)
            first_after = np.empty(len(pairs), np.float32)
            first_after.fill(1.0)  # np.ones's steps; below, ndarray.max's (no Python wrappers)
            lo = np.minimum(src, tgt)
            for step in range(1, int(np.maximum.reduce(distance, initial=1))):
                inside = step < distance
                most[inside] = np.maximum(most[inside], opponent[lo[inside] + step])
                first_after[inside] = np.minimum(first_after[inside], opponent[lo[inside] + step])
            worked_out["between"], worked_out["first_after"] = most, first_after
        return worked_out["between"]

    def first_after() -> Array:
        between()
        return worked_out["first_after"]

    def after_grant() -> tuple[Array, Array]:
        """(the unit before the source is a grant it answers, the target opens its run: the unit before it in its
        paragraph is not the opponent's)"""
        if "after_grant" not in worked_out:
            grant = exchange(doc)[2]
            worked_out["after_grant"] = np.where(src > 0, grant[np.maximum(src - 1, 0)], 0.0).astype(np.float32)
            before = np.maximum(tgt - 1, 0)
            worked_out["heads"] = np.where((tgt > 0) & (blocks[before] == blocks[tgt]), 1 - opponent[before],
                                           1.0).astype(np.float32)
        return worked_out["after_grant"], worked_out["heads"]

    def differ() -> Array:
        if "differ" not in worked_out:
            worked_out["differ"] = po * (1 - pt) + (1 - po) * pt
        return worked_out["differ"]

    columns: dict[str, Callable[[], Any]] = {
        "source_opponent": lambda: po, "target_opponent": lambda: pt, "sides_differ": differ,
        "source_opp_target_not": lambda: po * (1 - pt), "source_not_target_opp": lambda: (1 - po) * pt,
        "both_opponent": lambda: po * pt, "distance_1": lambda: distance == 1, "distance_2": lambda: distance == 2,
        "distance_3": lambda: distance >= 3, "same_block": lambda: blocks[src] == blocks[tgt],
        "cosine": lambda: F.einsum("ij,ij->i", doc.embeddings[src], doc.embeddings[tgt]),
        "target_central": lambda: tgt == (-1 if central is None else central), "target_is_first": lambda: tgt == 0,
        "source_reply": lambda: reply[src], "target_granting": lambda: flag["granting"][tgt],
        "target_subordinate": lambda: flag["subordinate"][tgt], "target_ends_comma": lambda: flag["ends_comma"][tgt],
        "between_opponent": between, "target_before": lambda: tgt < src,
        "source_continues": lambda: flag["continues"][src], "source_after_reply": lambda: after_reply[src],
        "target_view_start": lambda: flag["view_start"][tgt], "source_answers": lambda: answers[src],
        "reply_x_target_opponent": lambda: reply[src] * pt, "reply_x_sides_differ": lambda: reply[src] * differ(),
        # "But X, and Y": the clause continuing a reply answers the same objection; a new sentence after
        # the reply more often backs the reply than answers the objection again
        "continues_after_reply": lambda: flag["continues"][src] * after_reply[src],
        "new_sentence_after_reply": lambda: (1 - flag["continues"][src]) * after_reply[src],
        "first_after": first_after,
        # what the source picks up from the target: the same content words, or "this / they" right after it
        "overlap": lambda: _overlaps(words, src.tolist(), tgt.tolist()),
        "target_just_before": lambda: just_before, "opponent_just_before": lambda: just_before * pt,
        "target_ends_colon": lambda: ends_colon[tgt], "source_anaphor": lambda: anaphor[src],
        "anaphor_just_before": lambda: anaphor[src] * just_before, "source_short": lambda: flag["short"][src],
        # an objection opening a paragraph argues against the thesis, not the last point of the paragraph
        # before; one inside a paragraph right after the author's reply to an objection answers that reply
        "opens_paragraph_x_just_before": lambda: just_before * (blocks[src] != blocks[np.maximum(src - 1, 0)]),
        "target_answers": lambda: answers[tgt],
        "target_after_opponent": lambda: np.where((tgt > 0) & (blocks[tgt] == blocks[np.maximum(tgt - 1, 0)]),
                                                  opponent[np.maximum(tgt - 1, 0)], 0.0),
        "source_after_grant": lambda: after_grant()[0],
        "after_grant_x_head": lambda: after_grant()[0] * pt * after_grant()[1] * np.where(distance > 1, first_after(),
                                                                                           1.0),
        "target_concedes": lambda: _grants(doc, sorted(set(tgt.tolist())))[0][tgt] * np.where(
            np.asarray(follows_on(doc))[tgt], opponent[np.maximum(tgt - 1, 0)], 0.0),
        "grants_just_before": lambda: exchange(doc)[3][src] * just_before,
        "grants_elsewhere": lambda: exchange(doc)[3][src] * (1 - just_before),
    }
    for k, name in enumerate(names):  # one column at a time: np.stack costs more than the columns
        if name in columns:
            out[:, k] = columns[name]()
        elif name.startswith("src_"):
            out[:, k] = source_columns[src, _PAIR_SRC_INDEX[name]]
        else:
            out[:, k] = target_columns[tgt, _PAIR_TGT_INDEX[name]]
    return out


def _overlaps(words: list[frozenset[str]], sources: list[int], targets: list[int]) -> list[float]:
    """The share of content words each pair's ends have in common (Python indices: numpy's scalars index lists
    slowly; each union worked out once)."""
    return [len(words[i] & words[j]) / len(union) if (union := words[i] | words[j]) else 0.0
            for i, j in zip(sources, targets, strict=True)]


def _pickup_context(doc: F.DocFeatures) -> tuple[list[frozenset[str]], Array, Array]:
    """(content words, opens with an anaphor, ends with a colon) per unit, once per document."""
    context: tuple[list[frozenset[str]], Array, Array] | None = doc.derived.get("voices.pickup")
    if context is None:
        context = doc.derived["voices.pickup"] = (
            _unit_words(doc), np.asarray([_ANAPHOR.match(low) is not None for low in F.lower_texts(doc)], np.float32),
            np.asarray([t.rstrip().endswith(":") for t in doc.texts], np.float32))
    return context


_PAIR_SRC_INDEX = {f"src_{m}": k for k, m in enumerate(_PAIR_SRC)}
_PAIR_SRC_COLUMNS, _PAIR_TGT_COLUMNS = _marker_columns(tuple(_PAIR_SRC)), _marker_columns(tuple(_PAIR_TGT))
_PAIR_TGT_INDEX = {f"tgt_{m}": k for k, m in enumerate(_PAIR_TGT)}


# the edge-type model sees only which side each end speaks for and the source's reply markers: with
# a few hundred edges to learn from, more columns fit the training texts rather than the task
RELATION_NAMES = ["source_opponent", "target_opponent", "sides_differ", "source_opp_target_not",
                  "source_not_target_opp", "both_opponent", "source_reply", "src_contrast_start", "src_refutation",
                  "src_negation", "target_central", "distance_1", "source_continues"]
RELATION_COLUMNS = np.asarray([PAIR_NAMES.index(name) for name in RELATION_NAMES])
EXCHANGE_PAIR_NAMES = ["source_after_grant", "after_grant_x_head", "target_concedes"]
# the objection model's: the opposing unit grants the point of the unit just before it (it backs that unit)
EXCHANGE_TARGET_NAMES = ["grants_just_before", "grants_elsewhere"]
# the reply model: is the source the first of the author's units after the objection, or a clause
# continuing that reply, and does it open as a reply; how far apart they are only through these
REBUT_NAMES = ["first_after", "continues_after_reply", "new_sentence_after_reply", "source_answers", "src_negation",
               "src_prescriptive", "src_conclusion_start", "src_cause_start", "src_example_start", "src_addition_start",
               "target_granting", "target_subordinate",
               "target_ends_comma", "cosine", "target_opponent", "between_opponent"]
REBUT_COLUMNS = np.asarray([PAIR_NAMES.index(name) for name in REBUT_NAMES])
# the objection model: which unit an opponent unit argues against (49 of 61 gold objections attack the
# central claim itself) or backs (an opposing voice continuing the one before it)
TARGET_NAMES = ["target_central", "target_opponent", "distance_1", "distance_2", "distance_3", "same_block",
                "cosine", "target_before", "target_is_first", "source_continues", "tgt_concession_start",
                "tgt_opponent_start", "src_cause_start", "src_example_start", "src_addition_start",
                "overlap", "target_just_before", "opponent_just_before", "target_ends_colon", "source_anaphor",
                "anaphor_just_before", "source_short", "opens_paragraph_x_just_before", "target_answers",
                "target_after_opponent"]
TARGET_COLUMNS = np.asarray([PAIR_NAMES.index(name) for name in TARGET_NAMES])
_TARGET_CENTRAL = TARGET_NAMES.index("target_central")


# chosen by 5-fold cross-validation over dev*.json (``train_voices --cv 5 --objection-weights``,
# docs/mining-quality.md): 1 and 3 sent fewer objections to their gold target
OBJECTION_WEIGHT = 2.0


def objection_candidates(n: int, i: int, central: int) -> list[int]:
    """Where the opponent unit ``i`` may point: the central claim or a unit at most three away."""
    near = [j for j in range(max(0, i - REBUT_DISTANCE), min(n, i + REBUT_DISTANCE + 1)) if j != i]
    return near if central in near or central == i else [central, *near]


def rebuttal_candidates(n: int, opponent: Sequence[bool], central: int | None, blocks: Sequence[int],
                        bridged: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """(author's unit, opponent unit) pairs: who may answer whom. Every rebuttal of the gold short texts
    follows its objection in the same paragraph, at most ``REBUT_DISTANCE`` units later; or in the next paragraph,
    when that opens with an opposing unit granting the objection (``bridged``: ``bridges``, units opening their
    paragraph; none in the gold texts)."""
    return [(i, j) for j in range(n) if opponent[j] for i in range(j + 1, min(n, j + REBUT_DISTANCE + 1))
            if i != central and not opponent[i] and (blocks[i] == blocks[j] or (
                j + 1 in bridged and opponent[j + 1] and blocks[i] == blocks[j + 1]))]


@dataclass(frozen=True)
class Voices:
    opponent: Linear
    rebut: Linear
    relation: Linear
    target: Linear
    opponent_threshold: float
    rebut_threshold: float
    relation_threshold: float
    # weights of the concession-then-answer inputs added to the opponent and reply models' logits
    # (``EXCHANGE_NAMES``, ``EXCHANGE_PAIR_NAMES``; learned on top of those models, ``train_voices``)
    opponent_exchange: Array
    rebut_exchange: Array
    target_exchange: Array
    # the objection model's exponent in an opponent unit's target, a product with the link model (``pipeline``)
    objection_weight: float = OBJECTION_WEIGHT

    def opponent_probs(self, doc: F.DocFeatures) -> Array:
        if doc.n == 0:
            return np.zeros(0, np.float32)
        return carry_objections(doc, _sigmoid(self.opponent_logits(doc)))

    def opponent_logits(self, doc: F.DocFeatures) -> Array:
        """The opponent model's logits with the exchange inputs (before ``carry_objections``), which read the
        model's own decisions without them."""
        base = self.opponent.logits(opponent_features(doc))[:, 0]
        opposing = (carry_objections(doc, _sigmoid(base)) >= self.opponent_threshold).astype(np.float32)
        return (base + exchange_features(doc, opposing) @ self.opponent_exchange).astype(np.float32)

    def rebut_probs(self, doc: F.DocFeatures, opponent: Array, pairs: Sequence[tuple[int, int]],
                    central: int | None) -> Array:
        """P(source attacks target) for (author's unit, opponent unit) pairs."""
        if not pairs:
            return np.zeros(0, np.float32)
        return _sigmoid(self.rebut_logits(doc, opponent, pairs, central))

    def rebut_logits(self, doc: F.DocFeatures, opponent: Array, pairs: Sequence[tuple[int, int]],
                     central: int | None) -> Array:
        """The reply model's logits with the exchange inputs."""
        return (self.rebut.logits(pair_features(doc, opponent, pairs, central, REBUT_NAMES))[:, 0]
                + pair_features(doc, opponent, pairs, central, EXCHANGE_PAIR_NAMES) @ self.rebut_exchange
                ).astype(np.float32)

    def target_probs(self, doc: F.DocFeatures, opponent: Array, pairs: Sequence[tuple[int, int]],
                     central: int | None) -> Array:
        """P(the opponent unit points at this candidate) for (opponent unit, candidate) pairs."""
        if not pairs:
            return np.zeros(0, np.float32)
        return _sigmoid(self.target.logits(pair_features(doc, opponent, pairs, central, TARGET_NAMES))[:, 0]
                        + pair_features(doc, opponent, pairs, central, EXCHANGE_TARGET_NAMES) @ self.target_exchange)

    def target_probs_each(self, doc: F.DocFeatures, opponent: Array,
                          pairs_of: dict[int, list[tuple[int, int]]]) -> dict[int, Array]:
        """``target_probs(doc, opponent, pairs, central)`` for each ``central, pairs`` of ``pairs_of`` (the same
        numbers, tested): no pair feature but "target_central" depends on the central claim, so the features of
        every pair are worked out once and each central claim's rows gathered from them."""
        every = list(dict.fromkeys(pair for pairs in pairs_of.values() for pair in pairs))
        rows = pair_features(doc, opponent, every, None, TARGET_NAMES)
        added = pair_features(doc, opponent, every, None, EXCHANGE_TARGET_NAMES) @ self.target_exchange
        place = {pair: k for k, pair in enumerate(every)}
        out: dict[int, Array] = {}
        for central, pairs in pairs_of.items():
            if not pairs:
                out[central] = np.zeros(0, np.float32)
                continue
            at = np.fromiter(map(place.__getitem__, pairs), np.int64, len(pairs))
            chosen = rows[at]
            chosen[:, _TARGET_CENTRAL] = F.pair_ends(pairs)[1] == central
            out[central] = _sigmoid(self.target.logits(chosen)[:, 0] + added[at])
        return out

    def attack_probs(self, doc: F.DocFeatures, opponent: Array, edges: Sequence[tuple[int, int]],
                     central: int | None) -> Array:
        """P(ATTACKS) of tree edges (child, parent); ``opponent`` holds the opponent decisions (0 / 1)."""
        if not edges:
            return np.zeros(0, np.float32)
        rows = pair_features(doc, opponent, edges, central, RELATION_NAMES)
        return _sigmoid(self.relation.logits(rows)[:, 0])


def _sigmoid(x: Array) -> Array:
    # np.minimum / np.maximum: np.clip's values without its Python wrappers
    out: Array = (1 / (1 + np.exp(-np.minimum(np.maximum(x, -30), 30)))).astype(np.float32)
    return out


def _linear(data: dict[str, Array], prefix: str) -> Linear:
    return Linear(data[f"{prefix}_mean"].astype(np.float32), data[f"{prefix}_std"].astype(np.float32),
                  data[f"{prefix}_weight"].astype(np.float32), data[f"{prefix}_bias"].astype(np.float32))


def from_arrays(data: dict[str, Array]) -> Voices:
    if ([str(x) for x in data["opponent_names"]] != OPPONENT_NAMES or [str(x) for x in data["pair_names"]] != PAIR_NAMES
            or [str(x) for x in data["relation_names"]] != RELATION_NAMES
            or [str(x) for x in data["rebut_names"]] != REBUT_NAMES
            or [str(x) for x in data["target_names"]] != TARGET_NAMES
            or [str(x) for x in data["exchange_names"]] != EXCHANGE_NAMES
            or [str(x) for x in data["exchange_pair_names"]] != EXCHANGE_PAIR_NAMES
            or [str(x) for x in data["exchange_target_names"]] != EXCHANGE_TARGET_NAMES):
        raise ValueError("voices.npz was built for other features: run `make train-voices`")
    return Voices(_linear(data, "opponent"), _linear(data, "rebut"), _linear(data, "relation"), _linear(data, "target"),
                  float(data["opponent_threshold"]), float(data["rebut_threshold"]), float(data["relation_threshold"]),
                  data["opponent_exchange"].astype(np.float32), data["rebut_exchange"].astype(np.float32),
                  data["target_exchange"].astype(np.float32))


@lru_cache(maxsize=1)
def load(path: Path = VOICES) -> Voices:
    with np.load(path, allow_pickle=False) as f:
        return from_arrays({key: f[key] for key in f.files})


def to_arrays(parts: dict[str, tuple[Array, Array, Array, Array]], thresholds: dict[str, float],
              exchange: dict[str, Array]) -> dict[str, Array]:
    """``exchange``: the "opponent", "rebut" and "target" weights of the exchange inputs."""
    arrays: dict[str, Array] = {"opponent_names": np.asarray(OPPONENT_NAMES), "pair_names": np.asarray(PAIR_NAMES),
                                "relation_names": np.asarray(RELATION_NAMES), "rebut_names": np.asarray(REBUT_NAMES),
                                "target_names": np.asarray(TARGET_NAMES), "exchange_names": np.asarray(EXCHANGE_NAMES),
                                "exchange_pair_names": np.asarray(EXCHANGE_PAIR_NAMES),
                                "exchange_target_names": np.asarray(EXCHANGE_TARGET_NAMES)}
    for prefix, weights in exchange.items():
        arrays[f"{prefix}_exchange"] = np.asarray(weights, np.float32)
    for prefix, (mean, std, weight, bias) in parts.items():
        arrays[f"{prefix}_mean"] = mean.astype(np.float32)
        arrays[f"{prefix}_std"] = std.astype(np.float32)
        arrays[f"{prefix}_weight"] = weight.astype(np.float32)
        arrays[f"{prefix}_bias"] = bias.astype(np.float32)
    for name, value in thresholds.items():
        arrays[f"{name}_threshold"] = np.asarray(value, np.float32)
    return arrays
