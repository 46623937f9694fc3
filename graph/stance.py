"""Stance of a text toward any free-text topic: a small learned (topic, argument) -> pro/con model.

The topic may be a phrase ("congestion pricing"), a yes/no question ("Should Germany introduce
the death penalty?") or a proposition ("We should ban whaling"); "pro" means the text argues
for the phrase, answers the question yes, or agrees with the proposition.

The model is a logistic regression over features that carry across topics (it was trained and
evaluated on disjoint topics, see ``scripts/train_stance.py``):

* the argument's WordLlama embedding multiplied by the topic's *direction* (-1 when the topic
  proposes to ban / abolish / end something, +1 otherwise): what is said about the target, in
  whichever direction the topic points;
* the embedding product topic * argument;
* whether the argument restates the topic's own terms, and the parity of negations and of
  "ban / abolish"-like words in the clause that restates them ("X should not be banned");
* VADER sentiment (lexicon shipped in its wheel) times the topic's direction;
* hashed words of the argument times the topic's direction;
* the argument's embedding less the topic's, times the direction (what is said beyond the topic);
* whether a clause restates the topic with a modal ("X should (not) ..."), and which way.

Cross-validation over training topics picks which of these groups the committed model uses.

Weights are plain arrays (``graph/models/stance.npz``, no pickle); the model is deterministic.
"""

from __future__ import annotations

import re
import threading
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from graph.similarity import embed
from graph.terms import STOP as _STOP
from graph.terms import stem, words

MODEL_PATH = Path(__file__).parent / "models" / "stance.npz"
HASH_BUCKETS = 2048
EMBEDDING_DIM = 256

_NEGATIONS = frozenset((
    "not", "no", "never", "n't", "nothing", "none", "nobody", "neither", "nor", "without", "cannot", "cant",
    "shouldnt", "wont", "dont", "doesnt", "isnt", "arent", "wasnt", "mustnt", "nowhere", "hardly", "lack", "lacks",
))
# Words that point an action against its object: "ban X", "the abolition of X", "X is harmful".
_AGAINST_STEMS = frozenset((
    "ban", "prohibit", "prohibition", "outlaw", "abolish", "abolition", "end", "stop", "cancel", "close", "limit",
    "restrict", "restriction", "abandon", "oppose", "against", "fight", "criminal", "criminaliz", "forbid",
    "disband", "weaken", "reduc", "eliminat", "remov", "reject", "scrap", "repeal", "halt", "lift", "harm",
    "illegal", "banish", "curb", "terminat", "discontinu", "dismantl", "shut", "prevent", "avoid", "resist",
    "deny", "refus", "bann",
))
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”]|\b(?:because|since|but|although|though|however|while|whereas|so that|"
                           r"therefore|thus|as a result|which|who)\b")
_QUESTION_START = re.compile(r"^(?:should|shall|must|can|could|would|will|is|are|was|were|do|does|did|has|have|"
                             r"ought)\b\s*", re.IGNORECASE)
_TOPIC_PREFIX = re.compile(r"^(?:this house (?:believes that|believes in|believes|would|supports)|we should|"
                           r"it is (?:right|time) to|the question (?:of|is) whether|whether)\s+", re.IGNORECASE)


def _against(word: str) -> bool:
    return word in _AGAINST_STEMS or stem(word) in _AGAINST_STEMS


def proposition(topic: str) -> str:
    """The topic as a statement: "Should Germany introduce the death penalty?" -> "Germany introduce the
    death penalty"; "This house would ban boxing" -> "ban boxing"; a phrase stays as it is."""
    text = " ".join(topic.strip().split()).rstrip("?!. ")
    text = _TOPIC_PREFIX.sub("", text)
    return _QUESTION_START.sub("", text) if topic.strip().endswith("?") or _QUESTION_START.match(text) else text


def topic_direction(topic: str) -> int:
    """-1 when the topic proposes to act against its object (ban, abolish, should not ...), else +1."""
    sign = 1
    for word in words(proposition(topic)):
        if word in _NEGATIONS or _against(word):
            sign = -sign
    return sign


def topic_terms(topic: str) -> frozenset[str]:
    """Stems of the topic's content words (its target), without the action words."""
    return frozenset(stem(w) for w in words(proposition(topic))
                     if w not in _STOP and w not in _NEGATIONS and not _against(w) and len(w) > 2)


@dataclass(frozen=True)
class _Restatement:
    overlap: float  # share of the topic's terms the argument repeats
    clause_overlap: float  # ...in its best clause
    clause_parity: int  # -1 when that clause has an odd number of negations and against-words
    text_parity: int  # the same over the whole argument


def _restatement(terms: frozenset[str], argument: str) -> _Restatement:
    clauses = [c for c in _CLAUSE_BREAK.split(argument.lower()) if c and c.strip()]
    all_stems = {stem(w) for w in words(argument)}
    overlap = len(terms & all_stems) / len(terms) if terms else 0.0
    best, best_parity = 0.0, 1
    for clause in clauses:
        tokens = words(clause)
        found = len(terms & {stem(w) for w in tokens}) / len(terms) if terms else 0.0
        if found > best:
            flips = sum(1 for w in tokens if w in _NEGATIONS or _against(w))
            best, best_parity = found, (-1 if flips % 2 else 1)
    flips = sum(1 for w in words(argument) if w in _NEGATIONS or _against(w))
    return _Restatement(overlap, best, best_parity, -1 if flips % 2 else 1)


@lru_cache(maxsize=1)
def _vader() -> object:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=20_000)
def sentiment(text: str) -> tuple[float, float, float]:
    """VADER (compound, positive, negative) of ``text``."""
    scores = _vader().polarity_scores(text)  # type: ignore[attr-defined]
    return float(scores["compound"]), float(scores["pos"]), float(scores["neg"])


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode()) % HASH_BUCKETS


SCALAR_NAMES = ("bias", "direction", "overlap", "clause_overlap", "restated_agrees", "restated_any_agrees",
                "text_parity_dir", "sentiment_dir", "positive_dir", "negative_dir", "sentiment", "negations",
                "modal_restated")
_MODAL = re.compile(r"\b(?:should|must|ought|need|needs|shall|has to|have to)\b")


def modal_restatement(terms: frozenset[str], argument: str, direction: int) -> int:
    """+1 / -1 when a clause of the argument restates the topic's terms with a modal ("cities should
    (not) introduce congestion pricing"): the parity of its negations and "ban"-like words times the
    topic's direction; 0 when no clause does. (On the training topics: 83% right where it fires.)"""
    for clause in _CLAUSE_BREAK.split(argument.lower()):
        if not clause or not clause.strip() or not _MODAL.search(clause):
            continue
        tokens = words(clause)
        if terms and len(terms & {stem(w) for w in tokens}) / len(terms) >= 0.8:
            flips = sum(1 for w in tokens if w in _NEGATIONS or _against(w))
            return direction * (-1 if flips % 2 else 1)
    return 0


def features(topics: list[str], arguments: list[str]) -> NDArray[np.float32]:
    """One feature row per (topic, argument) pair."""
    props = [proposition(t) for t in topics]
    topic_vectors = embed(props)
    argument_vectors = embed(arguments)
    n = len(arguments)
    scalars = np.zeros((n, len(SCALAR_NAMES)), dtype=np.float32)
    bag = np.zeros((n, HASH_BUCKETS), dtype=np.float32)
    directions = np.zeros(n, dtype=np.float32)
    cache: dict[str, tuple[int, frozenset[str]]] = {}
    for i, (topic, argument) in enumerate(zip(topics, arguments, strict=True)):
        if topic not in cache:
            cache[topic] = (topic_direction(topic), topic_terms(topic))
        direction, terms = cache[topic]
        directions[i] = direction
        r = _restatement(terms, argument)
        compound, positive, negative = sentiment(argument)
        tokens = words(argument)
        negations = sum(1 for w in tokens if w in _NEGATIONS)
        scalars[i] = (1.0, direction, r.overlap, r.clause_overlap, r.clause_overlap * r.clause_parity * direction,
                      r.overlap * r.text_parity * direction, r.text_parity * direction, compound * direction,
                      positive * direction, negative * direction, compound, min(negations, 3) / 3,
                      modal_restatement(terms, argument, direction))
        for token in set(tokens):
            bag[i, _bucket(stem(token))] += direction
        bag[i] /= max(1.0, float(np.sqrt(len(set(tokens)))))
    return np.hstack([scalars, argument_vectors * directions[:, None], topic_vectors * argument_vectors * 4.0,
                      bag, (argument_vectors - topic_vectors) * directions[:, None]]).astype(np.float32)


FEATURE_GROUPS = {"scalars": (0, len(SCALAR_NAMES)),
                  "argument_by_direction": (len(SCALAR_NAMES), len(SCALAR_NAMES) + EMBEDDING_DIM),
                  "topic_times_argument": (len(SCALAR_NAMES) + EMBEDDING_DIM, len(SCALAR_NAMES) + 2 * EMBEDDING_DIM),
                  "words_by_direction": (len(SCALAR_NAMES) + 2 * EMBEDDING_DIM,
                                         len(SCALAR_NAMES) + 2 * EMBEDDING_DIM + HASH_BUCKETS),
                  # the argument's embedding less the topic's: what it says beyond naming the topic
                  "centred_by_direction": (len(SCALAR_NAMES) + 2 * EMBEDDING_DIM + HASH_BUCKETS,
                                           len(SCALAR_NAMES) + 3 * EMBEDDING_DIM + HASH_BUCKETS)}


def columns(groups: tuple[str, ...]) -> NDArray[np.int64]:
    """Feature columns of the named groups."""
    return np.concatenate([np.arange(*FEATURE_GROUPS[g]) for g in groups])


@dataclass(frozen=True)
class StanceModel:
    weights: NDArray[np.float32]
    mean: NDArray[np.float32]
    scale: NDArray[np.float32]
    columns: NDArray[np.int64]
    """Which feature columns the model uses (the groups picked by cross-validation)."""

    def probabilities(self, topics: list[str], arguments: list[str]) -> NDArray[np.float32]:
        """P(pro) of each (topic, argument) pair."""
        if not arguments:
            return np.zeros(0, dtype=np.float32)
        x = (features(topics, arguments)[:, self.columns] - self.mean) / self.scale
        logits = x @ self.weights
        result: NDArray[np.float32] = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
        return result

    def stances(self, topic: str, arguments: list[str]) -> NDArray[np.float32]:
        """Signed stance in [-1, 1] of each argument toward ``topic`` (2 * P(pro) - 1)."""
        return 2.0 * self.probabilities([topic] * len(arguments), arguments) - 1.0

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            np.savez_compressed(f, weights=self.weights, mean=self.mean, scale=self.scale, columns=self.columns,
                                hash_buckets=np.array([HASH_BUCKETS]))


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load(path: Path) -> StanceModel:
    with np.load(path, allow_pickle=False) as data:
        if int(data["hash_buckets"][0]) != HASH_BUCKETS:
            raise ValueError(f"{path} was trained with another feature layout; run `make train-stance`")
        return StanceModel(data["weights"].astype(np.float32), data["mean"].astype(np.float32),
                           data["scale"].astype(np.float32), data["columns"].astype(np.int64))


def model(path: Path = MODEL_PATH) -> StanceModel:
    """The committed stance model (loaded once, offline)."""
    with _LOCK:
        return _load(path)
