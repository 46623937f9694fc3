"""Inputs of the central-claim and link models beyond ``features``: the central-claim model sees a unit's own
features, its role probabilities, the mood of its clause (``roles.MOOD_NAMES``) and what the statement does
(``STATEMENT_NAMES``: a judgement in the predicate, several figures); the link model sees
``features.pair_features`` plus the opposing voice (``pipeline.opponent_units``) at either end of the pair, and
``TARGET_PAIR_NAMES``: where the target stands (its position, paragraph opening / closing, similarity to the
document centroid, length), whether the two are clauses of one sentence next to each other, and each end's type
by direction; and ``SEQUENCE_PAIR_NAMES``: an addition opening ("Also ...") by how far back the target is, and the
document's share of first-person units by "the target is a neighbour".

Measured and dropped (document-level cross-validation, docs/mining-quality.md): features relative to the
other units of the document (similarity rank, most prescriptive unit, first/last of a short text), a conditional-logit
central-claim model, the target's rank among central-claim candidates in the link model, position-by-type
inputs (first / last unit times each CDCP type probability) and a root that links to nothing under the sparse
link model; none beat the plain inputs on both CDCP and the short texts. For the central claim also: a finite past
tense, a past time expression ("last year", "in March", "ago"), "should" apart from "must / have to", "X, not Y",
and a stacked claim-vs-evidence score learned from the short texts' kinds; and (sixth session) inputs relative to
the rest of the text: the first unit's gap to the most claim-like later unit, a later unit that proposes or judges
after an opening that does not, the text's most policy-like unit, similarity to the other author's units, the
last unit times the opening's factualness (docs/mining-quality.md, "How the text closes").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from importers.mining import features as F
from importers.mining.markers import EVALUATIVE, SUBORDINATE_CONCESSIVE
from importers.mining.model import Array
from importers.mining.roles import MOOD_NAMES, moods
from importers.mining.voices import rule_opponents
from importers.regex_parts import holds_case_blind_odd

_TARGET_UNIT_COLUMNS = ["rel_position", "block_first", "block_last", "sim_centroid", "log_words"]
_TARGET_UNIT_INDEX = np.asarray([len(F.MARKER_NAMES) + F.POSITION_NAMES.index(name) for name in _TARGET_UNIT_COLUMNS])
TARGET_PAIR_NAMES = (
    [f"tgt_{name}" for name in _TARGET_UNIT_COLUMNS] + ["same_sentence_next", "same_sentence_previous"]
    + [f"{end}_type{k}_{side}" for k in range(F.N_TYPES) for end, side in
       (("tgt", "before"), ("tgt", "after"), ("src", "before"), ("src", "after"))]
)
# Whether a reason backs its neighbour or a claim further back (2026-11-27, seventh session; 5-fold CV on
# CDCP train and the short texts, docs/mining-quality.md). A unit opening with an addition connective ("And ...",
# "Also ...", "Moreover ...": ``markers.ADDITION``) adds a co-reason to the claim its neighbour backs, so it seldom
# backs that neighbour itself: the source's addition opening apart for the unit just before and for one further back
# (the existing input by side cannot tell them). And a personal account (first-person units: CDCP's comments,
# median share 0.25, against 0 in 114 of the 150 short texts) chains its reasons from one unit to the next, where
# an edited argument sends them to its thesis: the document's share of first-person units times "the target is the
# unit just before / after". The link model learns the weights; the sparse decoder's CDCP-only model reads them too.
SEQUENCE_PAIR_NAMES = ["addition_previous", "addition_further_back", "first_person_share_previous",
                       "first_person_share_next"]
_ADDITION, _FIRST_PERSON = F.MARKER_INDEX["addition_start"], F.MARKER_INDEX["first_person"]
_SENTENCE_END = (".", "!", "?")
OPPONENT_PAIR_NAMES = ["src_opponent", "tgt_opponent", "src_opponent_tgt_cc", "src_opponent_tgt_top",
                       "answers_opponent_before"]
LINK_WIDTH = len(F.PAIR_NAMES) + len(OPPONENT_PAIR_NAMES) + len(TARGET_PAIR_NAMES) + len(SEQUENCE_PAIR_NAMES)


# The central claim is chosen by the central-claim model's logit plus IN_DEGREE_WEIGHT times the unit's
# in-degree under the link model (how many units would send their link to it: the sum over the other
# units of the probability that it is their target), among the units ``central_eligible`` allows. The
# weight was chosen by 5-fold document cross-validation over dev + dev2 + dev3 (flat from 0.3 to 0.8).
IN_DEGREE_WEIGHT = 0.5
# a question that proposes ("Why not X?", "Why doesn't the council Y?"): rhetorical, it says what should be
# done (all 3 such questions in dev*.json are the thesis; none of the 9 other questions is)
_PROPOSAL_QUESTION = re.compile(r"^[\s\"“‘'(]*(?:(?:and|so|then)\s+)?why\s+(?:not|(?:don't|doesn't|do\s+not|"
                                r"does\s+not|won't|will\s+not|can't|cannot|shouldn't|wouldn't)\b)", re.IGNORECASE)
_SENTENCE_END_QUOTED = (".", "!", "?", '."', '!"', '?"', ".”", "!”", "?”")


def proposal_question(text: str) -> bool:
    """A question putting forward what should be done ("Why not ...?", "Why doesn't X ...?")."""
    return text.rstrip().endswith(("?", '?"', "?”")) and _PROPOSAL_QUESTION.match(text) is not None


_BECAUSE = re.compile(r"[\s\"“‘'(]*because\b", re.IGNORECASE)


def answered_question(doc: F.DocFeatures, i: int) -> bool:
    """Unit ``i`` is a question the next unit of its paragraph answers with "Because ...": "Why not simply build on
    the edge? Because homes there need new roads ...": raised to be answered, so it proposes nothing."""
    return (i + 1 < doc.n and doc.blocks[i + 1] == doc.blocks[i] and doc.texts[i].rstrip().endswith(("?", '?"', "?”"))
            and _BECAUSE.match(doc.texts[i + 1]) is not None)


def continues_sentence(doc: F.DocFeatures, i: int) -> bool:
    """Unit ``i`` goes on with the sentence of the unit before it in its paragraph (a clause split off:
    ", so Y", "and that Y", ", but Y")."""
    return i > 0 and doc.blocks[i] == doc.blocks[i - 1] and not doc.texts[i - 1].rstrip().endswith(_SENTENCE_END_QUOTED)


# a leading subordinate clause ("Although X, | Y", "If X, | Y"): the clause after it is its sentence's main clause
_LEADING_SUBORDINATE = re.compile(rf"[\s\"“‘'(]*(?:{SUBORDINATE_CONCESSIVE}|despite|granted\s+that|if|unless|when|once|"
                                  r"since|because|as\s+long\s+as)\b", re.IGNORECASE)


def main_clause_after_subordinate(doc: F.DocFeatures, i: int) -> bool:
    """Unit ``i`` continues a sentence whose first unit is a leading subordinate clause: it is the main clause."""
    return continues_sentence(doc, i) and _LEADING_SUBORDINATE.match(doc.texts[i - 1]) is not None


_GRANT_ONLY = re.compile(r"[\s\"“(]*(?:maybe|perhaps|true|yes|sure|granted|agreed|admittedly|certainly|indeed|"
                         r"of\s+course|fair\s+enough|true\s+enough|point\s+taken)\s*[.!;,]?[\s\"”)]*", re.IGNORECASE)


def bare_grant(text: str) -> bool:
    """A grant in a word or two and nothing else ("Maybe.", "Fair enough.", "True."): it concedes a point and claims
    nothing (a pronoun's short answer, "They do.", may be a thesis: it is not one of these)."""
    return _GRANT_ONLY.fullmatch(text) is not None


# A modal inside what a negated clause reports or implies proposes nothing: "Nobody suggests that agencies should burn
# without oversight.", "No one is proposing that X should ...", "None of this means that every forest should be
# treated.", "This does not mean we must wait.", "I am not saying that ...", "..., and nobody proposes that children
# should vote.": the sentence denies a proposal (a claim),
# while the role model reads "should" as one. Not when the sentence goes on to propose ("..., but we should act").
_DENIES_PROPOSAL = re.compile(
    r"[\s\"“*_]*(?:(?P<before>[^;:!?]*?),\s*(?:and|but)\s+)?(?:(?:nobody|no\s+one|none\s+of\s+(?:this|that|these|those|us|them))\b[^,;:.!?]{0,60}?\b"
    r"(?:suggests?|proposes?|argues?|says?|claims?|thinks?|believes?|means?|implies|wants?|expects?|"
    r"is\s+(?:suggesting|proposing|arguing|saying|claiming|asking))"
    r"|(?:this|that|it|which)\s+(?:does|did|need|should)\s*(?:not|n['’]t)\s+(?:mean|imply|suggest)"
    r"|(?:this|that)\s+is\s+not\s+to\s+say"
    r"|(?:i|we)\s+(?:am|are|was|were)\s*(?:not|n['’]t)\s+(?:suggesting|saying|arguing|proposing|claiming))\b"
    r"(?P<rest>[^;!?]*)$", re.IGNORECASE)
_OWN_MODAL = re.compile(r"\b(?:should|must|ought|need\s+to|have\s+to|has\s+to)\b", re.IGNORECASE)
_PROPOSES_AGAIN = re.compile(r"\b(?:but|instead|rather|yet)\b", re.IGNORECASE)


def denies_proposal(text: str) -> bool:
    """The sentence denies that anyone proposes (or that something implies) what its modal says
    (``_DENIES_PROPOSAL``)."""
    found = _DENIES_PROPOSAL.match(text)
    return (found is not None and _PROPOSES_AGAIN.search(found.group("rest")) is None
            and _OWN_MODAL.search(found.group("before") or "") is None)


# a modal under a rule in force states what that rule requires, not what the author proposes: "Under the present law,
# they must.", "Under the current rules, landlords must give two months' notice." (in dev*.json one unit opens so,
# "Under the rule, producers face no pressure ...", a claim)
_UNDER_RULE = re.compile(
    r"[\s\"“*_]*(?:under|according\s+to)\s+(?:the|this|that|our|its|their|current|present|existing|today['’]s)\s+"
    r"(?:(?:current|present|existing|old|national|federal|state|local)\s+)*"
    r"(?:law|laws|rules?|act|regulations?|statute|code|constitution|treaty|system|legislation)\s*,", re.IGNORECASE)


def describes_rule(text: str) -> bool:
    """The sentence says what a rule in force requires (``_UNDER_RULE``): its modal proposes nothing."""
    return _UNDER_RULE.match(text) is not None


# a decision pending, a news lede's deadline: "The government must decide by December whether to ...", "Voters will
# choose between ...", "The court has to rule on whether ...": the modal says who decides, not what the author proposes
_PENDING_DECISION = re.compile(
    r"(?:(?!\b(?:should|ought)\b)[^.!?:;]){0,100}?\b(?:must|has\s+to|have\s+to|needs?\s+to|will|is\s+to|are\s+to)\s+"
    r"(?:(?:now|soon|still|also|finally|shortly)\s+)?(?:decide|choose|determine|rule|vote)\b"
    r"[^.!?:;]{0,60}?\b(?:whether|if|between)\b", re.IGNORECASE)


_DECIDING = ("decide", "choose", "determine", "rule", "vote")  # a word every match of _PENDING_DECISION holds


def pends_decision(text: str) -> bool:
    """The sentence says that someone is to decide whether or between (``_PENDING_DECISION``): no proposal."""
    low = text.lower()
    return any(word in low for word in _DECIDING) and _PENDING_DECISION.match(text) is not None


# someone else's proposal, reported: "The member for Westmarch told the House last week that manual workers should
# simply be retrained." (the author reports it, to answer it); not the author's ("We argued that ...", "This brief
# argues that councils should ...": its own thesis; in dev*.json the one other such unit is an opposing voice)
_REPORTED_PROPOSAL = re.compile(
    r"(?![\s\"“*_]*(?:i|we|this|the\s+present|our|my)\b)"
    r"(?:(?!\b(?:should|must|ought|needs?|ha(?:s|ve)\s+to|will|would|can|could|may|might)\b)[^.!?]){0,120}?"
    r"\b(?:told|said|says|argued|argues|claimed|claims|"
    r"suggested|suggests|insisted|insists|contended|contends|proposed|proposes)\b[^.!?]{0,60}\bthat\b[^.!?]*?"
    r"\b(?:should|must|ought\s+to|needs?\s+to|ha(?:s|ve)\s+to)\b", re.IGNORECASE)


def reports_proposal(text: str) -> bool:
    """The sentence reports a proposal someone else made (``_REPORTED_PROPOSAL``): its modal is no recommendation of
    the author's."""
    return _REPORTED_PROPOSAL.match(text) is not None


# a point added to one made before: "The ministry should also fund ...", "It would also save money:", "Also, ..." (in
# dev*.json, argmap-opeds and argmap-briefs dev 29 units, none the central claim)
_ADDS_A_POINT = re.compile(r"^[\s\"“*_]*also\b|\b(?:should|must|will|would|can|could|may|might|is|are|was|were|has|"
                           r"have|had|do|does|did|needs?\s+to|ought\s+to)\s+also\b", re.IGNORECASE)


def adds_a_point(text: str, low: str | None = None) -> bool:
    """The unit adds a point to one made before (``_ADDS_A_POINT``): it is no text's central claim. Given ``low``
    (``text.lower()``), a text whose lower-cased form has no "also" is answered without the scan: every match holds
    "also" case-blind, and without a ``regex_parts.CASE_BLIND_ODD`` character ``str.lower`` keeps the text's length
    and turns each letter the pattern takes for "a", "l", "s" or "o" into that letter (checked over all of
    Unicode)."""
    if low is not None and "also" not in low and not holds_case_blind_odd(text):
        return False
    return _ADDS_A_POINT.search(text) is not None


def central_eligible(doc: F.DocFeatures, opponent: Sequence[bool]) -> list[int]:
    """The units that may be the central claim: the author's (not an opposing voice), not a question unless
    it proposes and is not answered by "Because ..." (``answered_question``), not a clause continuing a
    sentence unless it answers with "but / yet" (in dev*.json none
    of the 90 other continuing clauses is the thesis, 1 of the 7 "..., but Y" is: "X may suit Z, but
    we should ...") or is the main clause after a leading subordinate one ("Although X, | Y": CDCP's train
    comments make 7 of 48 such clauses their central claim, about the rate of any unit; dev*.json has 1,
    not central), not a bare grant ("Maybe."), not a point added to another ("It should also ...");
    failing any, the author's non-questions; else all."""
    question = doc.marker_list("question")  # read only
    lows = F.lower_texts(doc)
    eligible = [i for i in range(doc.n) if not opponent[i]
                and (not continues_sentence(doc, i) or doc.marker(i, "contrast_start")
                     or main_clause_after_subordinate(doc, i))
                and (not question[i] or proposal_question(doc.texts[i]) and not answered_question(doc, i))
                and not bare_grant(doc.texts[i]) and not adds_a_point(doc.texts[i], lows[i])]
    return eligible or [i for i in range(doc.n) if not opponent[i] and not question[i]] or list(range(doc.n))


def in_degree(n: int, pairs: Sequence[tuple[int, int]], logits: Array,
              ends: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None) -> Array:
    """Each unit's expected number of units linking to it: the link model is a softmax over each source's
    candidate targets, and a unit's in-degree sums its probability as the target over the sources. ``ends``:
    ``features.pair_ends(pairs)`` when the caller has them."""
    out = np.zeros(n, np.float64)
    if not pairs:
        return out.astype(np.float32)
    src, tgt = F.pair_ends(pairs) if ends is None else ends
    values = logits.astype(np.float64)
    top = np.empty(n)
    top.fill(-np.inf)  # np.full's steps, without its Python wrapper
    np.maximum.at(top, src, values)
    e = np.exp(values - top[src])
    total = np.zeros(n)
    np.add.at(total, src, e)
    np.add.at(out, tgt, e / total[src])
    return out.astype(np.float32)


# What a statement does, beyond the markers: judge something, or report figures. A judgement puts an evaluative
# word (``markers.EVALUATIVE``) in the predicate, after a copula ("it would be unfair", "the tax is simply the
# better option", "this is not a sensible use of money"); the marker alone also fires on a word inside a described
# fact ("a serious accident happened"). Author's units: dev*.json 47.6% of the 21 with one are the gold central
# claim (all: 17.2%), CDCP train 17.0% of 100 (all: 10.8%). Two figures or more in one unit (numerals or number
# words from "two" up; "one" is mostly a pronoun) report a state of affairs: dev*.json 5.7% of 174 are the central
# claim, CDCP train 6.0% of 116, where a unit with any digit is 6.4% / 9.6%: one figure is often part of
# a claim ("cut it to six months"), several rarely are.
#
# Since 2026-11-27 (sixth session) the predicate also takes a word of verdict beyond the "evaluative" marker's
# (``VERDICT_WORDS``: "X has been a mistake", "the plan is misguided", "this is a scandal"; the marker, which the
# other models read, is unchanged): dev*.json 5 of the 6 author's units this adds are the central claim, CDCP train 2
# of 18 (about its rate for any unit, 10.8%). 5-fold CV, docs/mining-quality.md.
STATEMENT_NAMES = ["evaluative_predicate", "several_figures"]
VERDICT_WORDS = frozenset(str.split(
    "mistake mistakes error failure misguided misplaced mistaken foolish reckless irresponsible pointless wasteful "
    "unjust unjustified justified outrageous scandal disgrace shameful inappropriate appropriate senseless worthwhile "
    "counterproductive unnecessary excessive disproportionate inadequate flawed unworkable cruel dishonest "
    "indefensible overdue premature unsafe safe fine nonsense waste madness folly"))
_EVALUATIVE_WORDS = EVALUATIVE.pattern.removeprefix(r"\b(?:").removesuffix(r")\b")
_EVALUATIVE_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|seems?|remains?)\s+"
    r"(?:(?:\w+ly|simply|just|only|not|no|still|also|far|much|too|so|very|quite|rather)\s+)*"
    r"(?:(?:a|an|the)\s+)?(?:(?:more|less|most|least)\s+)?(?:" + _EVALUATIVE_WORDS + "|"
    + "|".join(sorted(VERDICT_WORDS, key=lambda word: (-len(word), word))) + r")\b", re.IGNORECASE)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                     r"ninety|hundred|thousand|million|billion|dozen|half|twice)\b", re.IGNORECASE)


def several_figures(text: str) -> bool:
    """Whether ``text`` gives two figures or more."""
    found = _FIGURE.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


# A figure is a digit (a unit with one has the "number" marker) or a number word, a whole word: in the unit's
# lower-cased words (``features.unit_words``) unless the unit holds one of the characters that the case-blind
# pattern matches with an ASCII letter other than by ``str.lower`` (Kelvin sign, long s, dotted and dotless i;
# checked over all of Unicode by a test). Most units have neither, and the pattern scans the whole unit; a unit with
# digits but no number word needs only the digits' alternative, which the engine skips to.
_FIGURE_WORDS = frozenset(str.split(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
    "nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen half twice"))
_DIGIT_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")  # _FIGURE's first alternative: its matches where no number word is
# The evaluative predicate on a unit's lower-cased text, case-sensitively (2-3x faster than case-blind), when the unit
# holds none of those characters: its letters are all lower case, and elsewhere ``str.lower`` keeps a text's length
# and what \w, \s and \b read (tested over all of Unicode); a match opens with a copula, a whole word of the unit.
_EVALUATIVE_PREDICATE_LOWER = re.compile(_EVALUATIVE_PREDICATE.pattern)
if _EVALUATIVE_PREDICATE.pattern.lower() != _EVALUATIVE_PREDICATE.pattern:
    raise ValueError("the evaluative predicate's words must be lower case")
_COPULAS = frozenset(("is", "are", "was", "were", "be", "been", "being", "seem", "seems", "remain", "remains"))


_FIGURE_LOWER = re.compile(_FIGURE.pattern)  # on the lower-cased text of a unit without those characters
if _FIGURE.pattern.lower() != _FIGURE.pattern:
    raise ValueError("the figures' words must be lower case")


def evaluative_predicate(text: str, low: str, words: set[str]) -> bool:
    """``_EVALUATIVE_PREDICATE.search(text) is not None``, given ``low = text.lower()`` and its words."""
    if holds_case_blind_odd(text):
        return _EVALUATIVE_PREDICATE.search(text) is not None
    return not words.isdisjoint(_COPULAS) and _EVALUATIVE_PREDICATE_LOWER.search(low) is not None


def statement_columns(doc: F.DocFeatures, gated: bool = True) -> Array:
    """``STATEMENT_NAMES`` per unit; the predicate pattern runs only on units with an evaluative word (the
    "evaluative" marker: the same words) or a word of verdict (``VERDICT_WORDS``; both are part of the definition),
    on the lower-cased text of a unit with a copula (``evaluative_predicate``), the figures' only on units that may
    hold a figure (without ``gated``: the case-blind patterns on every unit, the definition)."""
    out = np.zeros((doc.n, len(STATEMENT_NAMES)), np.float32)
    number = doc.unit[:, F.MARKER_INDEX["number"]]
    words = F.unit_words(doc)
    lows = F.lower_texts(doc)
    for i, text in enumerate(doc.texts):
        if doc.marker(i, "evaluative") or not words[i].isdisjoint(VERDICT_WORDS):
            out[i, 0] = (evaluative_predicate(text, lows[i], words[i]) if gated
                         else _EVALUATIVE_PREDICATE.search(text) is not None)
        if not gated or holds_case_blind_odd(text):
            out[i, 1] = several_figures(text)
        elif not words[i].isdisjoint(_FIGURE_WORDS):  # the same matches, case-sensitively on the lower-cased text
            found = _FIGURE_LOWER.finditer(lows[i])
            out[i, 1] = next(found, None) is not None and next(found, None) is not None
        elif number[i]:  # digits only: the second alternative matches nowhere, the first opens with a digit
            found = _DIGIT_FIGURE.finditer(text)
            out[i, 1] = next(found, None) is not None and next(found, None) is not None
    return out


# How the text closes: its last unit proposes or judges (the "prescriptive" marker, a hedged proposal or a proposal
# phrase of ``roles.MOOD_NAMES``, or an evaluative predicate) and does not voice another's view (the connective rules,
# ``voices.rule_opponents``). A text that opens on a report, a figure or an event and closes on what should be done
# or on a verdict puts its thesis last; the position inputs alone (the last unit's prior against the first's) and
# the signals alone (every unit's) cannot say so. Author's last units of texts with two units or more: dev*.json 44
# of the 63 with it are the central claim, 5 of the 85 without; CDCP train 31 of 125 and 23 of 298 (5-fold CV,
# docs/mining-quality.md).
CLOSING_NAMES = ["closing_proposal_or_verdict"]


def closing_columns(doc: F.DocFeatures, statements: Array) -> Array:
    """``CLOSING_NAMES`` per unit (``statements``: ``statement_columns(doc)``)."""
    out = np.zeros((doc.n, len(CLOSING_NAMES)), np.float32)
    last = doc.n - 1
    if last > 0 and not rule_opponents(doc)[last]:
        mood = moods(doc)[last]
        out[last, 0] = bool(doc.marker(last, "prescriptive") or mood[_HEDGED_PROPOSAL] or mood[_PROPOSAL_PHRASE]
                            or statements[last, 0])
    return out


_HEDGED_PROPOSAL, _PROPOSAL_PHRASE = MOOD_NAMES.index("hedged_proposal"), MOOD_NAMES.index("proposal_phrase")


def central_inputs(doc: F.DocFeatures, probs: Array) -> Array:
    """One row per unit: ``features.UNIT_NAMES``, the role probabilities, ``roles.MOOD_NAMES``,
    ``STATEMENT_NAMES``, then ``CLOSING_NAMES``. A thesis in the policy register is often a hedged proposal ("The
    ministry could create ...", "One option would be ...") that neither the "should / must" marker nor CDCP's policy
    type reads as one, or a judgement ("X would be absurd"), and without them a factual opening near the document
    centroid wins, a figure or an event (5-fold CV, docs/mining-quality.md)."""
    statements = statement_columns(doc)
    return np.concatenate((doc.unit, probs, moods(doc), statements, closing_columns(doc, statements)),
                          axis=1).astype(np.float32)


def link_inputs(doc: F.DocFeatures, types: Array, cc: Array, pairs: Sequence[tuple[int, int]],
                opponent: Sequence[bool], ends: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None,
                cosine: Array | None = None) -> Array:
    """``features.pair_features``, ``OPPONENT_PAIR_NAMES`` (an opposing voice argues against the central
    claim more often than against its neighbour, and the unit right after one most often answers it),
    ``TARGET_PAIR_NAMES`` and ``SEQUENCE_PAIR_NAMES`` (``LINK_WIDTH`` columns in all); ``ends``:
    ``features.pair_ends(pairs)`` and ``cosine`` the pairs' cosines when the caller has them."""
    if not pairs:
        return np.zeros((0, LINK_WIDTH), dtype=np.float32)
    if ends is None:
        ends = F.pair_ends(pairs)  # once: a long document has thousands of pairs
    src, tgt = ends
    # the four blocks written into one array (concatenating them copied a long document's rows once more)
    rows = np.zeros((len(pairs), LINK_WIDTH), np.float32)
    F.pair_features(doc, types, cc, pairs, ends, rows[:, :len(F.PAIR_NAMES)], cosine)
    extra = rows[:, len(F.PAIR_NAMES):len(F.PAIR_NAMES) + len(OPPONENT_PAIR_NAMES)]
    flags = np.asarray(opponent, dtype=np.float32)
    top = int(cc.argmax())
    extra[:, 0] = flags[src]
    extra[:, 1] = flags[tgt]
    extra[:, 2] = flags[src] * cc[tgt]
    extra[:, 3] = flags[src] * (tgt == top)
    extra[:, 4] = flags[tgt] * (tgt == src - 1) * (1 - flags[src])
    target_start = len(F.PAIR_NAMES) + len(OPPONENT_PAIR_NAMES)
    _target_pair(doc, types, ends, rows[:, target_start:target_start + len(TARGET_PAIR_NAMES)])
    _sequence_pair(doc, ends, rows[:, target_start + len(TARGET_PAIR_NAMES):])
    return rows


def _sequence_pair(doc: F.DocFeatures, ends: tuple[NDArray[np.int64], NDArray[np.int64]],
                   out: Array | None = None) -> Array:
    """``SEQUENCE_PAIR_NAMES`` per pair (into ``out`` when given: every column is written)."""
    src, tgt = ends
    if out is None:
        out = np.zeros((len(src), len(SEQUENCE_PAIR_NAMES)), dtype=np.float32)
    d = tgt - src
    previous, further_back = d == -1, d <= -2
    addition = doc.unit[:, _ADDITION][src]
    out[:, 0] = addition * previous
    out[:, 1] = addition * further_back
    share: float | None = doc.derived.get("central.first_person_share")  # once per document (a parse links thrice)
    if share is None:
        share = float(F.mean_of(doc.unit[:, _FIRST_PERSON])) if doc.n else 0.0
        doc.derived["central.first_person_share"] = share
    out[:, 2] = share * previous
    out[:, 3] = share * (d == 1)
    return out


def _target_pair(doc: F.DocFeatures, types: Array, ends: tuple[NDArray[np.int64], NDArray[np.int64]],
                 out: Array | None = None) -> Array:
    """``TARGET_PAIR_NAMES`` per pair (into ``out`` when given: every column is written). CDCP's links run both ways
    (a reason before or after its claim) and its units are often clauses: the clause right after or before in the
    same sentence is a likely target."""
    src, tgt = ends
    if out is None:
        out = np.zeros((len(src), len(TARGET_PAIR_NAMES)), dtype=np.float32)
    d = tgt - src
    k = len(_TARGET_UNIT_COLUMNS)
    out[:, :k] = doc.unit[:, _TARGET_UNIT_INDEX][tgt]  # the columns first, then the pairs' rows: the same values
    open_end: NDArray[np.bool_] | None = doc.derived.get("central.open_end")  # once per document
    if open_end is None:
        open_end = doc.derived["central.open_end"] = np.asarray(
            [not text.rstrip().endswith(_SENTENCE_END) for text in doc.texts], bool)
    out[:, k] = (d == 1) & open_end[src]  # the source's sentence goes on into the target
    out[:, k + 1] = (d == -1) & open_end[tgt]
    before, after = (d < 0).astype(np.float32)[:, None], (d > 0).astype(np.float32)[:, None]
    # per type: the target's probability before / after, then the source's (one step for all the types)
    target_types, source_types = types[tgt], types[src]
    sides = (target_types * before, target_types * after, source_types * before, source_types * after)
    for side, values in enumerate(sides):  # column k + 2 + 4 * type + side (np.stack(sides, axis=2) flattened)
        out[:, k + 2 + side::4] = values
    return out
