"""Statement roles of the author's units that are neither the central claim, a question, nor a
rebuttal: claim, evidence, recommendation or quote (someone's reported words offered in support).

The other kinds follow the structure, as in the gold short texts (``corpora/argmap-short``): the
central claim is the thesis; an opponent unit is a counterargument (the graph has no other mark of
the opposing side: its stance is read from the kind); an author's unit that attacks an opponent
unit is a rebuttal (all 151 such units of the dev*.json files but 3 questions, those proposing an
action too, and no other unit, are rebuttals there); a question stays a question.

The rest is one small multinomial logistic regression (``roles.npz``, plain arrays, built by
``train_roles``) over what the other models already know of a unit: CDCP's proposition-type
probabilities, the discourse markers and position of ``features``, the modality of the clause
(prescriptive, conditional, a hedged proposal "X could do Y" with an agent as subject, or a mere
possibility "it could lead to ..."), reported speech (a named speaker, quotation marks, a verb of
speaking), and the voices models' output (opponent probability, whether a neighbour is an opposing voice
or a reply). It learns from the gold short texts and from CDCP's
training comments (their types as kinds); the older fixed mapping (policy -> recommendation,
value -> claim, fact / testimony / reference -> evidence; ``mapped_kind``) is kept to compare against.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from importers.discourse import speaker_of
from importers.mining import features as F
from importers.mining.model import Array, Linear
from importers.mining.voices import continues_clause
from importers.regex_parts import holds_case_blind_odd

ROLES = Path(__file__).with_name("roles.npz")
ROLE_KINDS = ("claim", "evidence", "recommendation", "quote")
CDCP_TYPE_NAMES = ("policy", "value", "fact", "testimony", "reference")
_KIND_OF_TYPE = {"policy": "recommendation", "value": "claim", "fact": "evidence", "testimony": "evidence",
                 "reference": "evidence"}

# --- modality --------------------------------------------------------------------------------
# A hedged modal ("could", "might", "may") proposes an action when its subject is an agent and its
# verb an action ("The council could publish ...", "We might start by ...", "Donors could pay ...");
# it states a possibility or a consequence when its subject is a thing ("it", "this", "the change",
# "a subsidy") or its verb says what may happen ("could be", "might lead to", "may rise"); "can"
# states an ability. Without a parser: the head word before the modal in its clause and the verb
# after it.
_MODAL = re.compile(r"\b(could|might|may|can)\b(?:\s+(?:also|instead|simply|still|then|now|just|even|soon|already|"
                    r"eventually|yet|first|well|quite|rather|at\s+least|in\s+turn|[a-z]+ly))*"
                    r"\s+(not\b|n't\b)?\s*([A-Za-z'’]+)", re.IGNORECASE)
_MODAL_LOWER = re.compile(_MODAL.pattern)  # on the lower-cased text: its letters are lower case but for [A-Za-z...]
_CLAUSE_BREAK = re.compile(r"[,;:()—–\"“”]|\b(?:that|and|but|so|or|if|when|because|since|while|unless|which|who)\b",
                           re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SKIPPED = _words("also instead simply easily still then now just even perhaps first well quite rather "
                  "surely certainly")
# who can choose to act: people, their groups and institutions (general English nouns); plural
# nouns of people ("donors", "employers", "reviewers") and a capitalised name count too
_AGENTS = _words(
    "we you they i one someone anyone everyone everybody people others "
    "council councils government governments ministry ministries minister ministers parliament parliaments congress "
    "senate assembly legislature administration cabinet authority authorities agency agencies regulator state "
    "states country countries nation nations city cities town towns region regions municipality municipalities "
    "county department departments committee committees board boards commission court courts judge judges police "
    "army navy military mayor president officials office service company companies firm firms business businesses "
    "industry school schools university universities college colleges hospital hospitals library libraries museum "
    "museums gallery union unions bank banks landlord landlords owner owners parent parents teacher teachers "
    "resident residents citizen citizens voter voters user users shop shops operator operators platform platforms "
    "club clubs charity charities trust team management staff community communities society government's "
    "family families household households student students")
_THINGS = _words("it this that there which what these those such something anything nothing everything")
# a modal inside a condition ("if workers could change employer") states a possibility
_CONDITION = re.compile(r"\b(?:if|unless|whether|when|once)\b[^,;:]*$", re.IGNORECASE)
_PREPOSITIONS = _words("of in for from with on at by to about under between among across within without into "
                       "over after before like tied")
_PERSON_PLURAL = re.compile(r"(?:ers|ors|ists|ians)$")
_NOT_PERSONS = _words("others matters")  # plurals in -ers that name no one who acts
# verbs of what may happen to someone or something, not of what an agent may choose to do
_HAPPENING = _words(
    "be have become get lead cause result mean happen prove end turn rise fall increase decrease grow drop shrink "
    "suffer lose fail seem appear backfire trigger undermine worsen affect cost hurt harm damage threaten expose "
    "discourage encourage push drive force leave face risk depend look sound feel come go take")
# verbs of saying or thinking: "one could argue" voices a view, it proposes nothing
_SAYING = _words("argue say claim object point reply think believe imagine expect agree suggest wonder ask "
                 "complain insist fear worry doubt")


def _agent(words: list[str]) -> bool:
    """Whether the subject whose last word is ``words[-1]`` names someone who can act (a capitalised
    head is a name: "Parliament could ...", "The Treasury might ...")."""
    # the head of "the depictions of X" / "a subsidy tied to X" is the word before the first preposition
    cut = next((k for k, w in enumerate(words) if k and w.lower() in _PREPOSITIONS), len(words))
    if not cut:
        return False
    word = words[cut - 1]
    head = word.lower()
    if head in _THINGS:
        return False
    return (head in _AGENTS or word[:1].isupper()
            or (_PERSON_PLURAL.search(head) is not None and head not in _NOT_PERSONS))


PROPOSAL_PHRASE = re.compile(
    r"\b(?:one|another|an?(?:\s+(?:better|simpler|cheaper|fairer|obvious|sensible|good|first|more\s+\w+))?|"
    r"the\s+(?:best|better|obvious|simplest|only))\s+(?:option|alternative|answer|solution|approach|way|step|start|"
    r"idea|remedy|fix|course|compromise)\s+(?:would|could|might|may|is|will)\b"
    r"|\b(?:an\s+alternative|the\s+alternative|the\s+answer|the\s+solution|the\s+remedy|a\s+compromise)\s+"
    r"(?:would|could|might|may|is)\s+(?:be\s+)?(?:to|for)\b"
    r"|\bwhy\s+not\b|\bhow\s+about\b|\bwould\s+do\s+well\s+to\b"
    r"|\bit\s+(?:would|might|may|could)\s+(?:make\s+(?:more\s+)?sense|be\s+worth|help\s+if|be\s+(?:a\s+)?good\s+idea)\b"
    r"|\b(?:could|might|may)\s+(?:consider|try|look\s+at|explore|start\s+by|begin\s+by)\b")
FUTURE = re.compile(r"\b(?:will|won't|shall)\b|\bgoing\s+to\b")


def modality(text: str, lower: str | None = None) -> tuple[float, float]:
    """(hedged proposal, hedged possibility): whether the unit has a modal whose subject is an agent
    doing an action, and whether it has one stating what may happen, be, or be done (an ability). ``lower``:
    ``text.lower()`` when the caller has it (the modals are then found case-sensitively in it, the same matches
    at the same places, unless the text holds a character the case-blind pattern matches otherwise: tested)."""
    proposal = possibility = 0.0
    modals = _MODAL.finditer(text) if lower is None or holds_case_blind_odd(text) else _MODAL_LOWER.finditer(lower)
    for match in modals:
        modal, negated, verb = match.group(1).lower(), match.group(2), match.group(3).lower()
        words = [w for w in _CLAUSE_BREAK.split(text[:match.start()])[-1].split() if w.lower() not in _SKIPPED]
        if verb in _SAYING:
            continue
        action = (not negated and verb not in _HAPPENING and not verb.endswith("ed")
                  and _CONDITION.search(text[:match.start()]) is None)
        if modal != "can" and action and _agent(words):
            proposal = 1.0
        else:
            possibility = 1.0
    return proposal, possibility


MOOD_NAMES = ["hedged_proposal", "hedged_possibility", "proposal_phrase", "future"]


def mood_columns(texts: Sequence[str]) -> Array:
    """``MOOD_NAMES`` per unit: ``modality``, a proposal phrase ("one option would be", "why not") and a
    future. The roles model and the central-claim model (``central.central_inputs``) both read them: the
    definition ``moods`` computes once per document, the patterns run only where their keys are."""
    out = np.zeros((len(texts), len(MOOD_NAMES)), np.float32)
    for i, text in enumerate(texts):
        lower = text.lower()
        out[i] = (*modality(text), float(PROPOSAL_PHRASE.search(lower) is not None),
                  float(FUTURE.search(lower) is not None))
    return out


# Words one of which every match of a pattern holds as a whole word (a run of word characters; "won't" holds
# "won"): the pattern runs only when the unit's lower-cased words (``features.unit_words``) hold one (a set test costs
# a fraction of a search). _MODAL is case-insensitive: besides the ASCII capitals, re.IGNORECASE matches "i" with "ı"
# and "İ" (no other character matches a letter of its keys, tested over all of Unicode), whose str.lower() hides the
# word: a unit holding one of them runs the pattern.
_MODAL_KEYS = ("could", "might", "may", "can")
_MODAL_ODD = ("\u0131", "\u0130")
_MODAL_WORDS = frozenset(_MODAL_KEYS)
_PROPOSAL_WORDS = frozenset(("option", "alternative", "answer", "solution", "approach", "way", "step", "start", "idea",
                             "remedy", "fix", "course", "compromise", "why", "how", "well", "would", "might", "may",
                             "could"))
_FUTURE_WORDS = frozenset(("will", "won", "shall", "going"))


def moods(doc: F.DocFeatures) -> Array:
    """``mood_columns(doc.texts)``, worked out once per document (read-only: the central-claim and roles models
    both read it), each pattern run only on the units holding one of its words."""
    found: Array | None = doc.derived.get("roles.moods")
    if found is None:
        rows = []
        for text, lower, words in zip(doc.texts, F.lower_texts(doc), F.unit_words(doc), strict=True):
            rows.append((*(modality(text, lower) if not words.isdisjoint(_MODAL_WORDS)
                           or any(map(text.__contains__, _MODAL_ODD)) else (0.0, 0.0)),
                         not words.isdisjoint(_PROPOSAL_WORDS) and PROPOSAL_PHRASE.search(lower) is not None,
                         not words.isdisjoint(_FUTURE_WORDS) and FUTURE.search(lower) is not None))
        found = doc.derived["roles.moods"] = np.array(rows, np.float32).reshape(len(doc.texts), len(MOOD_NAMES))
        found.setflags(write=False)
    return found


def speech(doc: F.DocFeatures, gated: bool = True) -> Array:
    """``SPEECH_NAMES`` per unit: whether it names who speaks in it (the unit before resolves a pronoun) with a
    verb of speaking or a quotation, whether it holds a quotation mark, and whether a verb of speaking. The verbs'
    pattern runs only on units holding one of its words (``_UTTERANCE_WORDS``; without ``gated``: on every unit,
    the definition)."""
    out = np.zeros((doc.n, len(SPEECH_NAMES)), np.float32)
    for i, (text, words) in enumerate(zip(doc.texts, F.unit_words(doc), strict=True)):
        marks = holds_quotation_mark(text)
        utterance = (not gated or not words.isdisjoint(_UTTERANCE_WORDS)) and _UTTERANCE.search(text) is not None
        if marks or utterance:  # else the row stays zeros
            # a speaker only with words of theirs: "according to the audit office" reports an office's figures
            speaks = speaker_of(text, doc.texts[i - 1] if i else "", words) is not None
            out[i] = (float(speaks), float(marks), float(utterance))
    return out


# --- features ------------------------------------------------------------------------------
_POSITION = ["rel_position", "is_first", "is_last", "block_first", "block_last", "log_words", "short",
             "sim_centroid", "sim_first", "sim_last", "sim_max_other", "sim_prev", "sim_next"]
# reported speech: a quote (someone's words offered in support) names who speaks ("X told the inquiry that ...",
# "according to X"; ``importers.discourse.speaker_of``, the importers' own reading of a speaker), or quotes them
SPEECH_NAMES = ["speaker_speaks", "quotation_marks", "utterance"]
_QUOTATION_MARKS = re.compile(r"[\"“”]")


def holds_quotation_mark(text: str) -> bool:
    """``_QUOTATION_MARKS.search(text) is not None`` by three substring tests (a ``memchr`` scan each, where the
    class is tested character by character in the regex engine, ~40 instructions each)."""
    return '"' in text or "“" in text or "”" in text


# a verb of speaking (someone's words), not of finding ("found", "shows", "according to": an office's figures);
# "were told to" is an order received, not words reported
_UTTERANCE = re.compile(r"\b(?:said|says|say|saying|tells|tell|telling|wrote|writes|reckons?|put\s+it|insisted|insists|"
                        r"explained|explains|added|warned|warns|replied|recalled|remarked|stated|admitted|admits|"
                        r"testified|complained|complains)\b|(?<!\bwere\s)(?<!\bwas\s)\btold\b(?!\s+to\b)")
# A match of _UTTERANCE is one of these lower-case words, whole (``put`` of "put it"), so one of the unit's lower-cased
# words (``features.unit_words``: ``str.lower`` keeps each character a word character or not but four letters, and
# the match's neighbours are no letters). The pattern tries its look-behinds at every place (~13 us a unit); a set
# test skips most units.
_UTTERANCE_WORDS = frozenset(str.split(
    "said says say saying tells tell telling wrote writes reckon reckons put insisted insists explained explains "
    "added warned warns replied recalled remarked stated admitted admits testified complained complains told"))
_VOICES = ["opponent_prob", "opponent", "prev_opponent", "next_opponent", "reply", "continues_reply",
           "after_reply", "first_after_opponent"]
ROLE_NAMES = ([f"type_{t}" for t in CDCP_TYPE_NAMES] + list(F.MARKER_NAMES) + _POSITION
              + MOOD_NAMES + SPEECH_NAMES + _VOICES)
_POS = [len(F.MARKER_NAMES) + F.POSITION_NAMES.index(name) for name in _POSITION]


def role_features(doc: F.DocFeatures, type_probs: Array, opponent_probs: Array, opponent: Sequence[bool],
                  replies: Mapping[int, int]) -> Array:
    """One row per unit (``ROLE_NAMES``). ``replies`` maps an author's unit to the opponent unit it
    answers (the voices reply model's decisions)."""
    n = doc.n
    out = np.zeros((n, len(ROLE_NAMES)), np.float32)
    if n == 0:
        return out
    flags = np.asarray(opponent, np.float32)
    blocks = np.asarray(doc.blocks)
    same_prev = np.zeros(n, np.float32)
    same_prev[1:] = blocks[1:] == blocks[:-1]
    same_next = np.zeros(n, np.float32)
    same_next[:-1] = blocks[1:] == blocks[:-1]
    prev_opp = np.zeros(n, np.float32)
    prev_opp[1:] = flags[:-1]
    next_opp = np.zeros(n, np.float32)
    next_opp[:-1] = flags[1:]
    reply = np.asarray([float(i in replies) for i in range(n)], np.float32)
    after_reply = np.zeros(n, np.float32)
    after_reply[1:] = reply[:-1]
    continues = np.asarray([float(continues_clause(t)) for t in doc.texts], np.float32)
    blocks_of_columns = [type_probs.astype(np.float32), doc.unit[:, :len(F.MARKER_NAMES)], doc.unit[:, _POS],
                         moods(doc), speech(doc)]
    voice_columns = [opponent_probs.astype(np.float32), flags, prev_opp * same_prev, next_opp * same_next, reply,
                     continues * after_reply * same_prev, after_reply * same_prev * (1 - reply),
                     prev_opp * same_prev * (1 - flags)]
    # written into ``out`` block by block and column by column: np.hstack / np.stack's values, without their copies
    at = 0
    for block in blocks_of_columns:
        out[:, at:at + block.shape[1]] = block
        at += block.shape[1]
    for column in voice_columns:
        out[:, at] = column
        at += 1
    if at != out.shape[1]:
        raise ValueError(f"role features: {at} columns written, {out.shape[1]} named")
    return out


# --- the model -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Roles:
    model: Linear  # softmax over ROLE_KINDS
    kinds: tuple[str, ...]

    def probs(self, rows: Array) -> Array:
        if len(rows) == 0:
            return np.zeros((0, len(self.kinds)), np.float32)
        return self.model.softmax(rows)

    def decide(self, rows: Array) -> list[str]:
        """The most probable kind of each row."""
        return self.most_probable(self.probs(rows))

    def most_probable(self, probs: Array) -> list[str]:
        """The most probable kind of each row of ``probs`` (from ``probs``)."""
        return [self.kinds[int(k)] for k in probs.argmax(axis=1)] if len(probs) else []


def mapped_kind(cdcp_type: str) -> str:
    """The older fixed mapping of a CDCP proposition type to a kind (the baseline the model replaced)."""
    return _KIND_OF_TYPE.get(cdcp_type, "claim")


def to_arrays(part: tuple[Array, Array, Array, Array], kinds: Sequence[str]) -> dict[str, Array]:
    mean, std, weight, bias = part
    return {"role_names": np.asarray(ROLE_NAMES), "kinds": np.asarray(list(kinds)), "mean": mean.astype(np.float32),
            "std": std.astype(np.float32), "weight": weight.astype(np.float32), "bias": bias.astype(np.float32)}


def from_arrays(data: Mapping[str, Array]) -> Roles:
    if [str(x) for x in data["role_names"]] != ROLE_NAMES:
        raise ValueError("roles.npz was built for other features: run `make train`")
    model = Linear(*(np.asarray(data[key], np.float32) for key in ("mean", "std", "weight", "bias")))
    return Roles(model, tuple(str(x) for x in data["kinds"]))


@lru_cache(maxsize=1)
def load(path: Path = ROLES) -> Roles:
    with np.load(path, allow_pickle=False) as f:
        return from_arrays({key: f[key] for key in f.files})
