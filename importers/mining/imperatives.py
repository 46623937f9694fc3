"""Whether a sentence opens with an imperative verb ("Fund the grid upgrades before 2030."), by counts from
openly licensed argument corpora, not by a list of verbs.

The data (``imperatives.tsv``, rebuilt by ``python -m importers.mining.build_imperatives``, ``make imperatives``)
holds, for each word of the IBM Debater corpora (Claim Stance, ArgQ-30k, ArgKP-2021), CDCP's training comments and
the project's dev*.json short texts, how often it stands where English puts a verb's base form (after "should",
"must", "will", "can", "please", or an infinitive's "to") against how often it occurs at all; and how often each
word follows (and, for frequent words, stands two after) a word in that position against any other word. A
sentence's first word is an imperative when the naive-Bayes log odds, its prior (its base-form share; an unseen word
gets the rare words' share for its ending) plus the log likelihood ratios of the next two words, pass ``THRESHOLD``:
"Support the bill" (a verb two times in five, then "the") is one, "Change is coming" (then "is") is not; closed-class
words ("In", "However") occur often and almost never in the verb position. Measured on hand-labelled CDCP units next
to the older verb list (``build_imperatives --eval``, docs/importers.md "Imperatives").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("imperatives.tsv")

# the words after which English puts a verb's base form (a modal, the infinitive's "to", a negated auxiliary)
BASE_CONTEXT = frozenset((
    "should", "must", "shall", "will", "would", "can", "could", "may", "might", "cannot", "to", "please",
    "don't", "doesn't", "didn't", "won't", "can't", "couldn't", "wouldn't", "shouldn't", "mustn't"))
END = "</s>"
SUFFIX = 3  # the rare words' base-form share by their last letters: a rare "-ing" word is no base form
THRESHOLD = -1.0  # the best F1 on the labelled units of CDCP's training split (docs/importers.md: the sweep)
OTHER = "<other>"

TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|[,;:.!?()\"“”—–-]")
# a sentence's opening: quotation marks, a bullet or a list number before its first word
_OPENING = re.compile(r"^[\s\"“‘'(\[*•·\-–—]*(?:\d{1,2}[.)]\s+)?[\s\"“‘'(\[*]*")


def tokens(text: str) -> list[str]:
    """Lower-cased words (with an apostrophe's contraction) and punctuation marks, typographic apostrophes as
    ASCII ones (``tokens_plain``: each token's replaced; here the text's, before the scan: ``TOKEN`` reads both
    apostrophes alike and neither outside a word, so the tokens are the same)."""
    return TOKEN.findall(text.lower().replace("’", "'"))


def tokens_plain(text: str) -> list[str]:
    """``tokens``' definition: the tokens of the lower-cased text, each token's typographic apostrophes replaced."""
    return [t.replace("’", "'") for t in TOKEN.findall(text.lower())]


def log_ratios(verb: dict[str, int], other: dict[str, int]) -> dict[str, float]:
    """log P(word | verb) - log P(word | other) for each listed word and OTHER, each add-one smoothed."""
    verb_mass = sum(verb.values()) + len(verb)
    other_mass = sum(other.values()) + len(other)
    return {word: math.log((verb[word] + 1) / verb_mass) - math.log((other.get(word, 0) + 1) / other_mass)
            for word in verb}


@dataclass(frozen=True)
class Lexicon:
    base: dict[str, int]  # word -> occurrences in the base-form position
    total: dict[str, int]  # word -> occurrences (words seen at least ``min_total`` times)
    rare_base: int  # the same two counts summed over the rarer words
    rare_total: int
    next_ratios: dict[str, float]  # next word (OTHER: any unlisted) -> log ratio after a verb / after another word
    second_ratios: dict[str, float]  # the same for the word after next
    suffixes: dict[str, tuple[int, int]]  # the rare words' two counts by their last SUFFIX letters
    smoothing: float  # pseudo-occurrences at the rare words' rate added to a word's counts

    def rate(self, word: str) -> float:
        """The base-form share of the rare words ending like ``word`` (all rare words when too few do)."""
        overall = (self.rare_base + 1) / (self.rare_total + 2)
        base, total = self.suffixes.get(word[-SUFFIX:], (0, 0)) if len(word) > SUFFIX + 1 else (0, 0)
        return (base + self.smoothing * overall) / (total + self.smoothing)

    def prior(self, word: str) -> float:
        """Log odds that ``word`` stands as a verb's base form."""
        rate = self.rate(word)
        base, total = self.base.get(word, 0), self.total.get(word, 0)
        return math.log((base + self.smoothing * rate) / (total - base + self.smoothing * (1 - rate)))

    def likelihood(self, next_word: str) -> float:
        """Log ratio of ``next_word`` following a verb against following any other word."""
        ratio = self.next_ratios.get(next_word)
        return self.next_ratios[OTHER] if ratio is None else ratio

    def second(self, word: str) -> float:
        """Log ratio of ``word`` standing two after a verb against two after another word ("Call centres provide")."""
        ratio = self.second_ratios.get(word)
        return self.second_ratios[OTHER] if ratio is None else ratio

    def score(self, word: str, next_word: str, second: str = END) -> float:
        return self.prior(word) + self.likelihood(next_word) + self.second(second)


def read(path: Path = DATA) -> Lexicon:
    base: dict[str, int] = {}
    total: dict[str, int] = {}
    after_verb: dict[str, int] = {}
    after_other: dict[str, int] = {}
    second_verb: dict[str, int] = {}
    second_other: dict[str, int] = {}
    suffixes: dict[str, tuple[int, int]] = {}
    settings: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == "setting":
            settings[fields[1]] = float(fields[2])
        elif fields[0] == "word":
            total[fields[1]] = int(fields[3])
            if int(fields[2]):
                base[fields[1]] = int(fields[2])
        elif fields[0] == "suffix":
            suffixes[fields[1]] = (int(fields[2]), int(fields[3]))
        elif fields[0] == "next":
            after_verb[fields[1]] = int(fields[2])
            after_other[fields[1]] = int(fields[3])
        elif fields[0] == "second":
            second_verb[fields[1]] = int(fields[2])
            second_other[fields[1]] = int(fields[3])
    return Lexicon(base, total, int(settings["rare_base"]), int(settings["rare_total"]),
                   log_ratios(after_verb, after_other), log_ratios(second_verb, second_other), suffixes,
                   settings["smoothing"])


@lru_cache(maxsize=1)
def load() -> Lexicon:
    return read()


# a sentence opening with "Don't", "Do not", "Let" or "Please" is an imperative whatever follows; an adverb
# ("Never", "Then", "Just") is skipped to the verb it precedes
_ALWAYS = frozenset(("let", "let's", "lets", "please"))
_SKIPPED = frozenset(("never", "always", "just", "also", "then", "now", "first", "simply", "instead"))


def imperative_score(text: str, lexicon: Lexicon | None = None) -> float:
    """Log odds that ``text`` opens a sentence with an imperative verb (minus infinity when it cannot: no capital
    first word, an acronym, a one-word text). ``imperative_score_plain`` is the definition: this one reads the
    tokens of the text's first 120 characters one by one as far as it looks (three or four of a sentence's ~25)."""
    opening = _OPENING.match(text)
    rest = text[opening.end() if opening else 0:]
    if not rest[:1].isupper() or rest[:2].isupper():  # no sentence start, or an acronym ("NATO")
        return -math.inf
    found = TOKEN.finditer(rest[:120].lower().replace("’", "'"))  # ``tokens``' scan, read lazily
    words: list[str] = []

    def has(k: int) -> bool:
        """Whether the text has a token ``k`` (counting from 0), read up to it."""
        while len(words) <= k:
            m = next(found, None)
            if m is None:
                return False
            words.append(m.group())
        return True

    if not has(1) or not words[0][0].isalpha():
        return -math.inf
    if words[0] == "don't" or words[:2] == ["do", "not"]:
        return math.inf
    if words[0] in _ALWAYS:  # "Let councils keep the levy", "Please reconsider."
        return math.inf
    lexicon = lexicon or load()
    start = 0
    while has(start + 2) and words[start] in _SKIPPED and lexicon.prior(words[start + 1]) > lexicon.prior(
            words[start]):
        start += 1
    word, next_word = words[start], words[start + 1]
    if not word[0].isalpha() or "'" in word or next_word == ":":
        return -math.inf  # (a word before a colon is a label: "Result: water levels fell ...", "Note: ...")
    if next_word in (".", "!", "?"):
        return lexicon.score(word, END)
    second = words[start + 2] if has(start + 2) else END
    return lexicon.score(word, next_word, END if second in (".", "!", "?") else second)


def imperative_score_plain(text: str, lexicon: Lexicon | None = None) -> float:
    """``imperative_score``'s definition: the tokens of the text's first 120 characters, all of them."""
    opening = _OPENING.match(text)
    rest = text[opening.end() if opening else 0:]
    if not rest[:1].isupper() or rest[:2].isupper():  # no sentence start, or an acronym ("NATO")
        return -math.inf
    words = tokens(rest[:120])
    if len(words) < 2 or not words[0][0].isalpha():
        return -math.inf
    if words[0] == "don't" or words[:2] == ["do", "not"]:
        return math.inf
    if words[0] in _ALWAYS:  # "Let councils keep the levy", "Please reconsider."
        return math.inf
    lexicon = lexicon or load()
    start = 0
    while start < len(words) - 2 and words[start] in _SKIPPED and lexicon.prior(words[start + 1]) > lexicon.prior(
            words[start]):
        start += 1
    word, next_word = words[start], words[start + 1]
    if not word[0].isalpha() or "'" in word or next_word == ":":
        return -math.inf  # (a word before a colon is a label: "Result: water levels fell ...", "Note: ...")
    if next_word in (".", "!", "?"):
        return lexicon.score(word, END)
    second = words[start + 2] if start + 2 < len(words) else END
    return lexicon.score(word, next_word, END if second in (".", "!", "?") else second)


def opens_imperative(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether ``text`` opens a sentence with an imperative verb: its first word (capitalised, as a sentence's
    is) scores above ``THRESHOLD`` as a verb's base form, given the word after it."""
    return imperative_score(text, lexicon) > THRESHOLD


# "Cut the charge, and the books would look healthier": an imperative followed by "and" and a clause with its own
# subject and a modal states a condition and its consequence (a claim), it proposes nothing
_CONDITIONAL = re.compile(r"\band\s+(?:the|a|an|it|you|we|they|this|that|these|those|your|our|their|there|[A-Z]\w*)\b"
                          r"[^,.;:!?]{0,80}?\b(?:will|would|won['’]t|wouldn['’]t|could|can|should)\b|['’]ll\b")


# a subordinate clause, up to the comma or semicolon that closes it: "Publish the figures, so that buyers and the
# public can see ..." proposes (its "and" joins two subjects inside the purpose clause); "Cut the fee that farmers
# pay, and the producers would survive" is still a condition and its consequence
_SUBORDINATE = re.compile(r"\b(?:so\s+that|in\s+order\s+to|which|who|whom|whose|that|because|since|until|unless|"
                          r"where|when|while|whereas|although|though|if|as)\b[^,;]*", re.IGNORECASE)


# a leading condition before the main clause: "If your boiler is more than twelve years old, replace it ..."
# or a time it applies from: "From October 2028, keep your empties ...", "After the vote, write to ...", "In the
# meantime, check ..."
_LEADING_CONDITION = re.compile(r"[\s\"“(]*(?:(?:if|when|unless|once|before|until|whenever|wherever|from|after|"
                                r"starting|beginning)\b[^,;:.!?]{3,120}|in\s+the\s+meantime|meanwhile|until\s+then|"
                                r"for\s+now),\s+(?=[a-z])", re.IGNORECASE)


# a label naming one of several options or proposals before its words: "Option A:", "Option 2.", "Alternative B:",
# "Proposal 3:", "Recommendation 1:" (also bold)
_OPTION_LABEL = re.compile(r"[\s*_]*(?:option|alternative|proposal|recommendation|scenario)\s+(?:[A-Z]|\d{1,2})"
                           r"[*_]*\s*[:.—–-][*_]*\s+(?=[A-Z])", re.IGNORECASE)


def proposes_action(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether ``text`` is a sentence-initial imperative that proposes something ("Fund the upgrades before
    2030.", also after a leading condition, "If your boiler is old, replace it.", or an option's label, "Option A:
    Fund ..."), not the condition of an
    imperative conditional ("Take away the grant and the goodwill goes with it" is a claim about a consequence)."""
    label = _OPTION_LABEL.match(text)
    if label is not None:  # "Option A: Fund a third more projects ...": the label hides the imperative
        text = text[label.end():]
    if not opens_imperative(text, lexicon):
        condition = _LEADING_CONDITION.match(text)
        if condition is None:
            return False
        text = text[condition.end():]
        if not opens_imperative(text[:1].upper() + text[1:], lexicon):
            return False
    own_clause = _SUBORDINATE.sub(" ", text) if _SUBORDINATE.search(text) else text  # the imperative's own clause
    return _CONDITIONAL.search(own_clause) is None
