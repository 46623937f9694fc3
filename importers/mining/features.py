"""Features of units and of (source, target) unit pairs, shared by training and inference.

Unit features: discourse markers (``markers``), modality, person, reported speech, numbers,
length, position in the document and in its paragraph, and similarity (WordLlama static
embeddings, the same numbers as ``graph.similarity``) to the document centroid, the first and last unit and the
title. The role model also sees the 256-d embedding itself.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import accumulate, chain, compress, islice
from operator import or_
from pathlib import Path
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from importers.mining import markers as m
from importers.regex_parts import ascii_twin, top_level_alternatives

Array = NDArray[np.float32]

# numpy's einsum without its Python wrapper: np.einsum calls this C function when it does not optimise (the
# default), so the same numbers; a parse of a short text calls it a few dozen times, the wrapper costs as much
einsum: Callable[..., Any]
try:
    from numpy._core.multiarray import c_einsum as einsum
except ImportError:  # another numpy layout: its public einsum
    einsum = np.einsum


def mean_of(x: Array, axis: int | None = None) -> Any:
    """``x.mean(axis)`` of a float32 array by the steps of numpy's own ``_mean`` (the sum, then a true division by
    the count as ``np.intp``), without its Python wrapper: the same numbers (tested)."""
    total = np.add.reduce(x, axis=axis)
    if axis is None:  # a scalar: numpy divides it by the count in float64, as Python's float does (not a scalar step)
        return total.dtype.type(float(total) / x.size)
    return np.true_divide(total, np.intp(x.shape[axis]), out=total, casting="unsafe", subok=False)

# (name, pattern, anchored at the start of the unit)
_MARKERS: list[tuple[str, object]] = [
    ("concession_start", m.CONCESSION_START),
    ("contrast_start", m.CONTRAST_START),
    ("cause_start", m.CAUSE_START),
    ("conclusion_start", m.CONCLUSION_START),
    ("addition_start", m.ADDITION_START),
    ("example_start", m.EXAMPLE_START),
    ("opponent_start", m.OPPONENT_START),
    ("opponent_anywhere", m.OPPONENT_ANYWHERE),
    ("refutation", m.REFUTATION_ANYWHERE),
    ("contrast_inside", m.CONTRAST_INSIDE),
    ("cause_inside", m.CAUSE_INSIDE),
    ("conclusion_inside", m.CONCLUSION_INSIDE),
    ("prescriptive", m.PRESCRIPTIVE),
    ("conditional", m.CONDITIONAL),
    ("hedge", m.HEDGE),
    ("negation", m.NEGATION),
    ("first_person", m.FIRST_PERSON),
    ("first_plural", m.FIRST_PLURAL),
    ("opinion", m.OPINION),
    ("evaluative", m.EVALUATIVE),
    ("reported", m.REPORTED),
    ("number", m.NUMBER),
    ("study", m.STUDY),
    ("past", m.PAST),
    ("url", m.URL),
    ("question", m.QUESTION),
    ("exclamation", m.EXCLAMATION),
    ("you", m.YOU),
    ("imperative_start", m.IMPERATIVE_START),
]
MARKER_NAMES = [name for name, _ in _MARKERS]
MARKER_INDEX = {name: i for i, name in enumerate(MARKER_NAMES)}
POSITION_NAMES = ["rel_position", "is_first", "is_last", "block_first", "block_last", "log_words",
                  "short", "sim_centroid", "sim_first", "sim_last", "sim_title", "sim_max_other", "sim_prev",
                  "sim_next"]
UNIT_NAMES = MARKER_NAMES + POSITION_NAMES


def _wordllama_files() -> Path:
    """The folder of the installed wordllama wheel, found without importing it (its import pulls in
    pydantic and more, which a plain ``argmap parse`` does not need)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("wordllama is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _tokenizer_file() -> Path:
    return _wordllama_files() / "tokenizers" / "l2_supercat_tokenizer_config.json"


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """WordLlama's tokenizer file, without padding or truncation."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_tokenizer_file()))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


# WordLlama's tokenizer: a BPE model behind two normalisers (prepend "▁" to a non-empty text, every
# space to "▁"), no pre-tokeniser; ``encode`` first splits off its added tokens ("<s>", ...).
_NORMALISER = {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "\u2581"},
                                                   {"type": "Replace", "pattern": {"String": " "},
                                                    "content": "\u2581"}]}


@lru_cache(maxsize=1)
def _token_ids() -> Any:
    """``text -> token ids``, the ids of ``encode(text, add_special_tokens=False)``: the BPE model called on
    the text normalised as the tokenizer's normalisers do (half the time: no offsets, alignments or
    Encoding object). Only while the tokenizer file has exactly that normaliser and no pre-tokeniser, and
    ``encode`` itself for a text holding an added token."""
    import json

    config = json.loads(_tokenizer_file().read_text(encoding="utf-8"))
    tokenizer = _tokenizer()

    def encode(text: str) -> list[int]:
        ids: list[int] = tokenizer.encode(text, add_special_tokens=False).ids
        return ids

    if config.get("normalizer") != _NORMALISER or config.get("pre_tokenizer") is not None:
        return encode
    added = tuple(str(token["content"]) for token in config.get("added_tokens", []))
    tokenize = tokenizer.model.tokenize

    def fast(text: str) -> list[int]:
        if not text:
            return []
        if any(token in text for token in added):
            return encode(text)
        return [token.id for token in tokenize("\u2581" + text.replace(" ", "\u2581"))]

    return fast


# Token ids per word, kept across documents (a vocabulary repeats; a text does not): in the normalised text
# ("▁" + text, spaces to "▁") every word opens with "▁", and no vocabulary token holds "▁" after
# another character except runs of "▁" alone, so a text whose words are separated by single spaces tokenises
# as its words do one by one (``_word_ids`` checks the vocabulary; tested against ``encode``).
_WORD_IDS: dict[str, list[int]] = {}
# parses run in the server's worker threads: one parse's clearing must not empty the store under another's lookup
_WORD_IDS_LOCK = threading.Lock()
_WORD_IDS_LIMIT = 200_000
_SPACE = "\u2581"


def _remember(known: dict[str, Any], words: set[str], limit: int, learn: Callable[[list[str]], None]) -> None:
    """Have ``learn`` add the ``words`` new to the word store ``known`` in one call (sorted: the same call whatever
    the hash seed), first forgetting the words of earlier documents when the store would pass ``limit``. The
    caller holds the store's lock."""
    if len(known) + len(words) > limit:
        known.clear()
    new = sorted(words.difference(known))
    if new:
        learn(new)


@lru_cache(maxsize=1)
def _word_ids() -> Any:
    """``texts -> token ids of each``, by the ids of their words; None when the tokenizer's vocabulary or
    normaliser does not allow it (then ``_token_ids`` tokenises each text whole)."""
    tokenizer = _tokenizer()
    if _token_ids().__name__ != "fast" or any(set(token) != {_SPACE} for token in tokenizer.get_vocab()
                                              if _SPACE in token[1:]):
        return None
    import json

    added = tuple(str(token["content"]) for token in json.loads(
        _tokenizer_file().read_text(encoding="utf-8")).get("added_tokens", []))
    tokenize = tokenizer.model.tokenize
    whole = _token_ids()
    known = _WORD_IDS

    # whether each id's token opens with "▁" (a BPE token's value is its vocabulary entry): read by id, not from
    # each token's value (a Python string made per token)
    vocabulary = tokenizer.get_vocab()
    opens_word = [False] * (max(vocabulary.values(), default=-1) + 1)
    for token, token_id in vocabulary.items():
        opens_word[token_id] = token[:1] == _SPACE

    def learn(words: list[str]) -> None:
        """Tokenise new words in one call: their tokens, in order, each word's opening with "▁"."""
        ids = [token.id for token in tokenize("".join(_SPACE + w for w in words))]
        opens = list(compress(range(len(ids)), map(opens_word.__getitem__, ids)))
        opens.append(len(ids))
        for k, word in enumerate(words):
            known[word] = ids[opens[k]:opens[k + 1]]

    def whole_text(text: str) -> bool:
        return not text or _SPACE in text or "  " in text or text[0] == " " or any(token in text for token in added)

    def ids_of(texts: list[str]) -> list[list[int]]:
        # a text with "▁", two spaces in a row, a leading space or an added token is tokenised whole (a separator
        # none of these holds: when the joined texts have none, no text has one)
        joined = "\x00".join(texts)
        if _SPACE in joined or "  " in joined or any(token in joined for token in added):
            split = [None if whole_text(text) else text.split(" ") for text in texts]
        else:
            split = [text.split(" ") if text and text[0] != " " else None for text in texts]
        words = set(chain.from_iterable(words for words in split if words))
        words.discard("")
        with _WORD_IDS_LOCK:
            _remember(known, words, _WORD_IDS_LIMIT, learn)
            if "" not in known:
                known[""] = [token.id for token in tokenize(_SPACE)]
            by_word = [None if words is None else list(chain.from_iterable(map(known.__getitem__, words)))
                       for words in split]
        return [whole(text) if ids is None else ids for text, ids in zip(texts, by_word, strict=True)]

    def flat(texts: list[str]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """``ids_of(texts)`` one text after another, and each text's count, without a list per text: the words'
        ids looked up in one step (the store learns the new ones first)."""
        joined = "\x00".join(texts)  # as ids_of: the texts tokenised whole, the others by their words
        if _SPACE in joined or "  " in joined or any(token in joined for token in added):
            split = [None if whole_text(text) else text.split(" ") for text in texts]
        else:
            split = [text.split(" ") if text and text[0] != " " else None for text in texts]
        words = list(chain.from_iterable(words for words in split if words is not None))
        with _WORD_IDS_LOCK:
            found: list[Any] = list(map(known.get, words))
            if None in found:  # as ids_of: the store bounded by the document's words, "" (a trailing blank) apart
                new = set(words)
                new.discard("")
                _remember(known, new, _WORD_IDS_LIMIT, learn)
                if "" not in known:
                    known[""] = [token.id for token in tokenize(_SPACE)]
                found = list(map(known.__getitem__, words))
        # a text's pieces: its words' ids, or its own ids when tokenised whole (one piece, maybe empty)
        if None in split:
            pieces, per_text = [], []
            by_word = iter(found)
            for text, text_words in zip(texts, split, strict=True):
                if text_words is None:
                    pieces.append(whole(text))
                    per_text.append(1)
                else:
                    pieces.extend(islice(by_word, len(text_words)))
                    per_text.append(len(text_words))
            found = pieces
        else:
            per_text = list(map(len, cast("list[list[str]]", split)))  # a text has one word or more
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        ids = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=int(lengths.sum()))
        bounds = np.zeros(len(found) + 1, dtype=np.int64)
        np.cumsum(lengths, out=bounds[1:])
        pieces_each = np.asarray(per_text, dtype=np.int64)
        ends = np.cumsum(pieces_each)
        return ids, bounds[ends] - bounds[ends - pieces_each]

    return _WordTokens(ids_of, flat)


@dataclass(frozen=True)
class _WordTokens:
    """``_word_ids()``: called, each text's token ids (lists); ``flat``, all of them in one array and each text's
    count (what the embedding reads)."""

    ids_of: Callable[[list[str]], list[list[int]]]
    flat: Callable[[list[str]], tuple[NDArray[np.int64], NDArray[np.int64]]]

    def __call__(self, texts: list[str]) -> list[list[int]]:
        return self.ids_of(texts)


@lru_cache(maxsize=1)
def _table() -> Array:
    """WordLlama's 256-d token embedding table, read from the wheel's safetensors file (never a hub)."""
    from safetensors import safe_open

    with safe_open(str(_wordllama_files() / "weights" / "l2_supercat_256.safetensors"), framework="np",
                   device="cpu") as f:
        table: Array = np.ascontiguousarray(f.get_tensor("embedding.weight"), dtype=np.float32)
    return table


@lru_cache(maxsize=1)
def _vocabulary_fits() -> bool:
    return bool(_tokenizer().get_vocab_size(with_added_tokens=True) <= _table().shape[0])


_ONE_GATHER_ROWS = 2048  # tokens (rows of 1 kB): up to this many, a document's rows are gathered in one step
_FEW_TEXTS = 32  # up to this many texts, their ids as a list each (the flat ids' array steps cost more)


def embed(texts: list[str]) -> Array:
    """Unit-length WordLlama embeddings, the same numbers as ``graph.similarity.embed`` (the mean of the
    token vectors, tested), without padding every text to the longest of its batch."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    table = _table()
    by_words = _word_ids()
    # no thread pool fighting for shared cores: the document's new words in one call, else one text at a time
    if by_words is not None and len(texts) > _FEW_TEXTS:
        ids, counts = by_words.flat(texts)
    else:
        encodings = by_words(texts) if by_words is not None else [_token_ids()(text) for text in texts]
        counts = np.fromiter(map(len, encodings), dtype=np.int64, count=len(encodings))
        ids = np.fromiter(chain.from_iterable(encodings), dtype=np.int64, count=int(np.add.reduce(counts)))
    vectors = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    if not _vocabulary_fits():  # token ids are never negative, and below the table's size when the vocabulary fits
        ids = np.clip(ids, 0, table.shape[0] - 1)
    # each text's rows summed on their own, in order (segment sums, np.add.reduceat, add in another order). A long
    # document's texts are gathered one by one: a text's few rows stay in the cache between the two steps, where one
    # gather for the document (~9 MB for a long one) is written to fresh memory and read back (the sums 3.2 -> 1.8 ms
    # on the seeds' units); a short one's in one gather (a step per text costs more than its few rows)
    ends = counts.cumsum().tolist()  # the method: np.cumsum's own step, without its Python wrapper
    add = np.add.reduce  # what ndarray.sum calls, without its Python wrapper: the same sums
    if len(ids) > _ONE_GATHER_ROWS:
        take = table.take
        for row, (end, count) in enumerate(zip(ends, counts.tolist(), strict=True)):
            if count:
                add(take(ids[end - count:end], axis=0), axis=0, out=vectors[row])
    else:
        rows = table[ids]
        for row, (end, count) in enumerate(zip(ends, counts.tolist(), strict=True)):
            if count:
                add(rows[end - count:end], axis=0, out=vectors[row])
    np.divide(vectors, counts.astype(np.float32)[:, None], out=vectors, where=counts[:, None] > 0)  # the mean
    norms = np.sqrt(np.add.reduce(vectors * vectors, axis=1, keepdims=True))  # np.linalg.norm's steps, no wrapper
    unit: Array = (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)
    return unit


# Literal keys, one of which any match contains unless the text holds one of the marker's sure words (``_sure_words``:
# "should" sets the prescriptive marker by itself): the regex runs only when one is in the text (a substring test
# costs far less than Python's regex engine on long alternations). A sure word needs no key ("if" was one for the
# conditional marker: in "life", "different", ... it ran the pattern for nothing).
_KEYS: dict[str, tuple[str, ...]] = {
    "prescriptive": ("ought", "need", "have to", "has to", "had better", "time",
                     "necessary", "essential", "vital", "crucial", "important", "imperative", "urgent", "let",
                     "urge", "recommend", "propose", "suggest", "call on", "ask", "wise", "advised", "better",
                     "best", "preferable", "only", "do well"),
    "opponent_anywhere": ("some", "many", "most", "several", "other", "certain", "supporters", "advocates",
                          "defenders", "those",
                          "it is", "it's", "one ", "you ", "someone", "be ", "people", "argument", "claim",
                          "objection", "idea", "view", "notion", "there are"),
    "refutation": ("not", "wrong", "false", "mistaken", "untrue", "myth", "nonsense", "misleading", "short-sighted",
                   "naive", "fails", "ignores", "overlooks", "misses", "flawed", "far from", "contrary", "disagree",
                   "don't agree", "accept", "reject", "dispute", "anticipate"),
    "opinion": ("think", "believe", "feel", "convinced", "hold", "maintain", "consider", "find", "doubt", "agree",
                "in my"),
    "conditional": ("should", "were", "had", "provided", "assuming", "in case", "when"),
    "url": ("http", "www.", "url"),
    "conclusion_inside": ("which is why", "that is why", "that's why"),
    "cause_inside": ("as a result", "due to", "given that", "owing to"),
    "contrast_inside": ("but", "however", "yet", "nevertheless", "nonetheless", "though", "while", "whereas"),
    "reported": ("according",),
}


# Markers that are single words: a set intersection with the unit's words, no regex at all.
_WORD_SETS: dict[str, frozenset[str]] = {
    "hedge": frozenset(str.split("would could might may perhaps maybe possibly probably likely seem seems appear "
                                 "appears")),
    "negation": frozenset(str.split("not no never nothing none nobody neither nor cannot without")),
    "first_person": frozenset(str.split("i my me mine myself")),
    "first_plural": frozenset(str.split("we our us ours ourselves")),
    "evaluative": frozenset(m.EVALUATIVE.pattern[5:-3].split("|")),
    "study": frozenset(str.split("study studies research survey surveys data statistics report reports evidence "
                                 "expert experts scientist scientists researchers figures poll polls")),
    "you": frozenset(str.split("you your yours yourself")),
}
_WORDS = re.compile(r"\w+")
_WORDS_A = ascii_twin(_WORDS)  # for an ASCII text: the same words (``regex_parts.ascii_twin``), ~10% faster


_PAST_WORDS = frozenset(str.split("was were had did went got came told paid called received sent took"))
_NUMBER_WORDS = frozenset(str.split("percent million billion thousand hundred half twice dozen"))


# Most markers are decided by the unit's words (``\w+`` tokens of its lower-cased text): whether a word
# is in a marker's word set, looks past ("-ed"), is a number word, or holds one of a gated marker's
# keys. What a word says is worked out once (``_word_bits``, cached: texts share their words) as bits,
# and a unit ORs its words' bits. A key of word characters only is in the text exactly when it is
# inside one of its words; the other keys ("have to", "it's", "www.") are looked for in the whole text.
_BIT = {name: 1 << k for k, (name, _) in enumerate(_MARKERS)}
_GATED = [name for name, _ in _MARKERS if name in _KEYS]
_IN_WORD_KEYS = [(_BIT[name], tuple(key for key in _KEYS[name] if _WORDS.fullmatch(key))) for name in _GATED]
_OTHER_KEYS = [(key, _BIT[name]) for name in _GATED for key in _KEYS[name] if not _WORDS.fullmatch(key)]
_WORD_SET_BITS = [(_BIT[name], words_of) for name, words_of in _WORD_SETS.items()]


def _sure_words(pattern: str) -> frozenset[str]:
    """Words that alone make ``pattern`` match in any text holding one as a whole word (a ``\\w+`` run): the plain
    lower-case words among the alternatives of a top-level part ``\\b(?:...)\\b`` of its alternation
    (``\\bshould\\b`` matches wherever "should" is a word of the text)."""
    found: set[str] = set()
    for part in top_level_alternatives(pattern) or []:
        if part.startswith(r"\b(?:") and part.endswith(r")\b"):
            inner = top_level_alternatives(part[len(r"\b(?:"):-len(r")\b")])  # None unless the part is one group
            found.update(word for word in inner or () if word.isascii() and word.isalpha() and word.islower())
    return frozenset(found)


# A gated marker's sure words ("should" for the prescriptive marker, "said" for the reported one): a unit holding
# one has the marker without a search. A word's bits for them sit _SURE_SHIFT places above the markers' own.
_SURE_SHIFT = 32
_SURE_WORD_BITS = [(_BIT[name] << _SURE_SHIFT, words_of) for name, pattern in _MARKERS if name in _GATED
                   if (words_of := _sure_words(pattern.pattern))]  # type: ignore[attr-defined]
# anchored at the start (``match``) or anywhere (``search``; some by ``markers.FASTER``'s alternations, the same
# answers), run only when their keys are there (gated)
_RUNS: list[tuple[int, Callable[[str], object]]] = [
    (_BIT[name], m.FASTER.get(name) or (pattern.match if name.endswith("_start")  # type: ignore[attr-defined]
                                         else pattern.search))  # type: ignore[attr-defined]
    for name, pattern in _MARKERS if name not in _WORD_SETS and name not in ("past", "number")]


def _word_bits(word: str) -> int:
    """The markers ``word`` alone sets (word sets, past, number words), plus the gated markers whose key it holds:
    the plain definition (``_learn_words`` works it out for many words at once)."""
    bits = _own_word_bits(word)
    for bit, keys in _IN_WORD_KEYS:
        for key in keys:
            if key in word:
                bits |= bit
                break
    return bits


def _own_word_bits(word: str) -> int:
    bits = 0
    for bit, words_of in _WORD_SET_BITS:
        if word in words_of:
            bits |= bit
    for bit, words_of in _SURE_WORD_BITS:
        if word in words_of:
            bits |= bit
    if word in _PAST_WORDS or (len(word) >= 5 and word.endswith("ed")):
        bits |= _BIT["past"]
    if word in _NUMBER_WORDS or any(map(str.isdigit, word)):  # every digit is a word character: in a word
        bits |= _BIT["number"]
    return bits


# The in-word keys as one pattern that reports, at each place of a text, the longest key starting there
# (keys grouped by first letter, longest first); a key's bits are those of every key inside it, so the places'
# bits together are those of every key the text holds (keys starting at one place are prefixes of the longest).
_KEY_BITS: dict[str, int] = {}
for _bit, _keys in _IN_WORD_KEYS:
    for _key in _keys:
        _KEY_BITS[_key] = _KEY_BITS.get(_key, 0) | _bit
_KEY_HELD = {key: reduce(or_, (bit for other, bit in _KEY_BITS.items() if other in key), 0) for key in _KEY_BITS}
_KEYS_BY_FIRST: dict[str, list[str]] = {}
for _key in sorted(_KEY_BITS, key=lambda key: (-len(key), key)):
    _KEYS_BY_FIRST.setdefault(_key[0], []).append(_key)
_KEY_AT = re.compile("(?=(" + "|".join(f"{re.escape(first)}(?:{'|'.join(re.escape(key[1:]) for key in keys)})"
                                       for first, keys in _KEYS_BY_FIRST.items()) + "))")
# What each word says, kept across documents (texts share their words), bounded
_WORD_BITS: dict[str, int] = {}
_WORD_BITS_LOCK = threading.Lock()  # as _WORD_IDS_LOCK
_WORD_BITS_LIMIT = 100_000


def _learn_words(words: list[str]) -> None:
    """``_word_bits`` of new words into ``_WORD_BITS``: the keys found by one scan over the words (joined by
    spaces, which no key holds)."""
    starts = list(accumulate((len(word) + 1 for word in words[:-1]), initial=0))
    key_bits = [0] * len(words)
    for place in _KEY_AT.finditer(" ".join(words)):
        key_bits[bisect_right(starts, place.start()) - 1] |= _KEY_HELD[place.group(1)]
    for word, bits in zip(words, key_bits, strict=True):
        _WORD_BITS[word] = _own_word_bits(word) | bits


_GATE_BITS = sum(_BIT[name] for name in _GATED)
_UNGATED_BITS = (1 << len(_MARKERS)) - 1 & ~_GATE_BITS
if len(_MARKERS) > _SURE_SHIFT or _SURE_SHIFT + len(_MARKERS) > 63:
    raise ValueError("a word's bits (markers', sure words') must fit an int64, below and above _SURE_SHIFT")


def _markers_of(lows: Sequence[str]) -> list[int]:
    """Each lower-cased text's marker bits; the words new to ``_WORD_BITS`` are worked out together."""
    return _words_and_markers(lows)[1]


def _words_and_markers(lows: Sequence[str]) -> tuple[list[set[str]], list[int]]:
    """Each lower-cased text's words (``\\w+`` runs) and ``_markers_of``."""
    words = [set((_WORDS_A if low.isascii() else _WORDS).findall(low)) for low in lows]
    known = _WORD_BITS
    every = set().union(*words)
    with _WORD_BITS_LOCK:
        _remember(known, every, _WORD_BITS_LIMIT, _learn_words)
        word_bits = [reduce(or_, map(known.__getitem__, unit_words), 0) for unit_words in words]
    text_bits = _text_key_bits(lows)
    return words, [_marker_bits(low, bits | more) for low, bits, more in zip(lows, word_bits, text_bits, strict=True)]


# Literal text that sets a marker wherever it is (not only inside a word): the keys beyond a word, and the
# negation and number signs
_TEXT_KEYS = [*_OTHER_KEYS, ("n't", _BIT["negation"]), ("%", _BIT["number"]), ("per cent", _BIT["number"])]


def _text_key_bits(lows: Sequence[str]) -> list[int]:
    """Each text's bits of the ``_TEXT_KEYS`` it holds, by one search per key over the document's texts joined
    (a key holds no separator, so no match spans two texts): most keys are in few of a document's texts, and a
    test per text and key costs more than the searches. A text holding a key is skipped by that key's search."""
    bits = [0] * len(lows)
    if not lows:
        return bits
    joined = "\n".join(lows)
    starts = list(accumulate((len(low) + 1 for low in lows[:-1]), initial=0))
    ends = [*starts[1:], len(joined) + 1]  # where the next text starts
    find = joined.find
    for key, bit in _TEXT_KEYS:
        place = find(key)
        while place != -1:
            k = bisect_right(starts, place) - 1
            bits[k] |= bit
            place = find(key, ends[k])
    return bits


_UNGATED_RUNS = [(bit, run) for bit, run in _RUNS if not bit & _GATE_BITS]
_GATED_RUN = {bit: run for bit, run in _RUNS if bit & _GATE_BITS}


def _marker_bits(low: str, bits: int) -> int:
    """The marker bits of ``low`` given the OR of its words' ``_word_bits`` and its ``_TEXT_KEYS``' bits."""
    sure = bits >> _SURE_SHIFT & _GATE_BITS  # gated markers one of the unit's words sets alone
    found = bits & _UNGATED_BITS | sure  # another gated marker counts only when its pattern matches too
    for bit, run in _UNGATED_RUNS:
        if run(low):
            found |= bit
    gated = bits & _GATE_BITS & ~sure
    while gated:  # only the gated markers whose keys are there (a unit has one or two): lowest bit first
        bit = gated & -gated
        gated ^= bit
        if _GATED_RUN[bit](low):
            found |= bit
    return found


def marker_vector(text: str) -> list[float]:
    bits = _markers_of([text.lower()])[0]
    return [1.0 if bits >> k & 1 else 0.0 for k in range(len(_MARKERS))]


_MARKER_LIST = "features.marker_list."  # ``doc.derived`` key, the marker's name appended: ``DocFeatures.marker_list``


@dataclass(frozen=True)
class DocFeatures:
    """Everything the models need about one document's units."""

    texts: list[str]
    blocks: list[int]
    embeddings: Array  # (n, 256), unit length
    unit: Array  # (n, len(UNIT_NAMES))
    derived: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)
    """What later stages work out from these features once per document (each stage under its own key)."""

    @property
    def n(self) -> int:
        return len(self.texts)

    def marker(self, i: int, name: str) -> bool:
        return self.marker_list(name)[i]

    def marker_list(self, name: str) -> list[bool]:
        """Each unit's marker ``name`` as a Python bool (``bool(unit[i, column])``), once per document and marker:
        the pipeline reads markers unit by unit, and a numpy scalar per read cost more than the column's list.
        Shared: callers copy it before changing it."""
        key = _MARKER_LIST + name
        found: list[bool] | None = self.derived.get(key)
        if found is None:
            found = self.derived[key] = (self.unit[:, MARKER_INDEX[name]] != 0).tolist()
        return found


def doc_features(texts: Sequence[str], blocks: Sequence[int], title: str | None = None,
                 embeddings: Array | None = None) -> DocFeatures:
    n = len(texts)
    emb = embed(list(texts)) if embeddings is None else embeddings
    if n == 0:
        return DocFeatures([], [], emb, np.zeros((0, len(UNIT_NAMES)), np.float32))
    centroid = mean_of(emb, axis=0)
    norm = float(np.sqrt(centroid.dot(centroid)))  # np.linalg.norm's steps for a vector
    centroid = centroid / norm if norm else centroid
    # each unit's marker bits (29 < 63: they fit an int64), unpacked into columns in one step
    unit = np.zeros((n, len(UNIT_NAMES)), dtype=np.float32)  # the markers' columns, then the position's
    lows = [text.lower() for text in texts]
    word_sets, marker_bits = _words_and_markers(lows)
    bits = np.asarray(marker_bits, dtype=np.int64)
    unit[:, :len(_MARKERS)] = (bits[:, None] >> np.arange(len(_MARKERS))) & 1
    position = unit[:, len(_MARKERS):]
    index = np.arange(n)
    block = np.asarray(blocks)
    words = np.maximum(1, np.fromiter((len(t.split()) for t in texts), dtype=np.int64, count=n))
    position[:, 0] = index / (n - 1) if n > 1 else 0.0
    position[0, 1] = 1.0
    position[n - 1, 2] = 1.0
    new_block = block[1:] != block[:-1]
    position[0, 3] = 1.0
    position[1:, 3] = new_block
    position[:-1, 4] = new_block
    position[n - 1, 4] = 1.0
    position[:, 5] = np.log(words)
    position[:, 6] = words < 6
    position[:, 7] = emb @ centroid
    position[:, 8] = emb @ emb[0]
    position[:, 9] = emb @ emb[n - 1]
    if title:
        position[:, 10] = emb @ embed([title])[0]
    # the most similar other unit within 8 on either side (pairwise similarity only inside a window:
    # documents can have 100k units), and the neighbours' similarity
    nearest = np.empty(n, dtype=np.float32)
    nearest.fill(-np.inf)  # np.full's steps, without its Python wrapper
    neighbours = []
    for offset in range(1, min(NEIGHBOURS, n - 1) + 1):
        shifted = einsum("ij,ij->i", emb[offset:], emb[:-offset])
        neighbours.append(shifted)
        nearest[offset:] = np.maximum(nearest[offset:], shifted)
        nearest[:-offset] = np.maximum(nearest[:-offset], shifted)
        if offset == 1:
            position[1:, 12] = shifted
            position[:-1, 13] = shifted
    position[:, 11] = np.where(np.isfinite(nearest), nearest, 0.0)
    doc = DocFeatures(list(texts), list(blocks), emb, unit)
    doc.derived[NEIGHBOUR_COSINES] = neighbours
    doc.derived[UNIT_WORDS] = word_sets
    doc.derived[LOWER_TEXTS] = lows
    return doc


UNIT_WORDS = "features.unit_words"
"""``doc.derived`` key: each unit's words, the ``\\w+`` runs of its lower-cased text (a set each), as the markers
read them; later stages test for words in them (``unit_words``)."""


def unit_words(doc: DocFeatures) -> list[set[str]]:
    """Each unit's words (``UNIT_WORDS``): those ``doc_features`` kept, else worked out now."""
    words: list[set[str]] | None = doc.derived.get(UNIT_WORDS)
    if words is None:
        words = doc.derived[UNIT_WORDS] = [set(_WORDS.findall(text.lower())) for text in doc.texts]
    return words


LOWER_TEXTS = "features.lower_texts"
"""``doc.derived`` key: each unit's text lower-cased, as the markers read it (``lower_texts``)."""


def lower_texts(doc: DocFeatures) -> list[str]:
    """Each unit's ``text.lower()``: those ``doc_features`` kept (half a dozen stages read them; one ``lower`` per
    unit and stage cost ~1% of a parse), else worked out now. Shared: read only."""
    lows: list[str] | None = doc.derived.get(LOWER_TEXTS)
    if lows is None:
        lows = doc.derived[LOWER_TEXTS] = [text.lower() for text in doc.texts]
    return lows


NEIGHBOURS = 8
NEIGHBOUR_COSINES = "features.neighbour_cosines"
"""``doc.derived`` key: the cosines of units ``offset`` apart, one array per offset 1..``NEIGHBOURS`` (element i:
units i + offset and i), as ``doc_features`` worked them out; a long document's window pairs read them."""


def window_cosines(doc: DocFeatures, limit: int) -> Array | None:
    """The cosine of every pair at most ``limit`` units apart, in the order of their (source, target) ends by
    source, then target (``pipeline.window_ends``), from the neighbours' cosines ``doc_features`` kept: the same
    numbers as the pairs' rows gathered and multiplied (the same products summed in the same order; a product
    does not depend on which factor comes first); None when they were not kept that far."""
    neighbours: list[Array] | None = doc.derived.get(NEIGHBOUR_COSINES)
    n = doc.n
    if neighbours is None or len(neighbours) < min(limit, n - 1):
        return None
    grid = np.zeros((n, 2 * limit), np.float32)  # column of an offset: -limit .. -1, then 1 .. limit
    for offset, values in enumerate(neighbours[:limit], start=1):
        grid[:n - offset, limit + offset - 1] = values  # the pair (i, i + offset)
        grid[offset:, limit - offset] = values  # the pair (i + offset, i)
    offsets = np.concatenate((np.arange(-limit, 0), np.arange(1, limit + 1)))
    targets = np.arange(n)[:, None] + offsets
    found: Array = grid[(targets >= 0) & (targets < n)]
    return found


# --- pairs -----------------------------------------------------------------------------


def most_similar_plain(src: NDArray[np.int64], cosine: Array) -> Array:
    """1 for each source's most similar candidate (the first of its pairs with the highest ``cosine``), else 0:
    sorted by source, then by similarity (highest first), the order stable."""
    order = np.lexsort((-cosine, src))
    first = np.empty(len(order), dtype=bool)  # np.ones's steps, without its Python wrapper (a short text's path)
    first[:1] = True
    first[1:] = src[order][1:] != src[order][:-1]
    best = np.zeros(len(src), dtype=np.float32)
    best[order[first]] = 1.0
    return best


_SORT_BELOW = 600  # pairs: below, sorting them is faster (measured: ~5 µs for 30 pairs against ~19 µs)


def most_similar(src: NDArray[np.int64], cosine: Array) -> Array:
    """``most_similar_plain`` without the sort when the pairs come source by source (every caller's do): each
    source's run of pairs, its highest value, the first pair holding it. The sort for other pairs, a NaN, or a
    few hundred pairs (a short text: the sort's few steps cost less than these)."""
    if len(src) < _SORT_BELOW or not (src[1:] >= src[:-1]).all():
        return most_similar_plain(src, cosine)
    starts = np.flatnonzero(np.concatenate(([True], src[1:] != src[:-1])))
    peak = np.maximum.reduceat(cosine, starts)
    if np.isnan(peak).any():
        return most_similar_plain(src, cosine)
    run = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(src))))
    at_peak = np.flatnonzero(cosine == peak[run])  # == as the sort compares: -0.0 and 0.0 tie, the first wins
    first = np.ones(len(at_peak), dtype=bool)
    first[1:] = run[at_peak][1:] != run[at_peak][:-1]
    best = np.zeros(len(src), dtype=np.float32)
    best[at_peak[first]] = 1.0
    return best

_DISTANCE_BINS = [(-10**9, -7), (-6, -4), (-3, -3), (-2, -2), (-1, -1), (1, 1), (2, 2), (3, 3), (4, 6), (7, 10**9)]
_SOURCE_MARKERS = ["concession_start", "contrast_start", "cause_start", "conclusion_start", "addition_start",
                   "example_start", "opponent_start", "cause_inside", "refutation", "prescriptive", "question",
                   "number", "first_person"]
_TARGET_MARKERS = ["conclusion_start", "cause_start", "contrast_start", "example_start", "addition_start",
                   "prescriptive", "opponent_start", "question", "concession_start"]
_BIN_LOW = np.asarray([lo for lo, _ in _DISTANCE_BINS], dtype=np.int64)
_BIN_HIGH = np.asarray([hi for _, hi in _DISTANCE_BINS], dtype=np.int64)
_SOURCE_COLUMNS = np.asarray([MARKER_INDEX[name] for name in _SOURCE_MARKERS])
_TARGET_COLUMNS = np.asarray([MARKER_INDEX[name] for name in _TARGET_MARKERS])
N_TYPES = 5
PAIR_NAMES = (
    [f"dist_{lo}_{hi}" for lo, hi in _DISTANCE_BINS]
    + ["abs_dist_rel", "same_block", "cosine", "cosine_best", "target_first", "target_last", "source_first",
       "source_last", "target_cc", "source_cc"]
    + [f"src_type{a}_tgt_type{b}" for a in range(N_TYPES) for b in range(N_TYPES)]
    + [f"src_{name}_{side}" for name in _SOURCE_MARKERS for side in ("before", "after")]
    + [f"tgt_{name}_{side}" for name in _TARGET_MARKERS for side in ("before", "after")]
    + ["bias_pair"]
)


def pair_ends(pairs: Sequence[tuple[int, int]]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The source and target unit indices of ``pairs`` as two integer arrays."""
    # the ends one after another, read as they come: np.asarray reads the tuples' structure first (4x slower)
    index = np.fromiter(chain.from_iterable(pairs), dtype=np.int64, count=2 * len(pairs)).reshape(-1, 2)
    return index[:, 0], index[:, 1]


def pair_features(doc: DocFeatures, types: Array, cc: Array, pairs: Sequence[tuple[int, int]],
                  ends: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None, out: Array | None = None,
                  cosine: Array | None = None) -> Array:
    """One row per (source, target) pair; ``types`` (n, 5) role probabilities, ``cc`` (n,) central-claim scores;
    ``ends``: ``pair_ends(pairs)`` when the caller has them; ``out``: the (pairs, ``PAIR_NAMES``) array to write
    them into (every column is written), else a new one; ``cosine``: the pairs' cosines (``window_cosines``)."""
    n = doc.n
    if out is None:
        out = np.zeros((len(pairs), len(PAIR_NAMES)), dtype=np.float32)
    if not pairs:
        return out
    src, tgt = pair_ends(pairs) if ends is None else ends
    d = tgt - src
    out[:, :len(_DISTANCE_BINS)] = (d[:, None] >= _BIN_LOW) & (d[:, None] <= _BIN_HIGH)
    base = len(_DISTANCE_BINS)
    if cosine is None:
        cosine = einsum("ij,ij->i", doc.embeddings[src], doc.embeddings[tgt])
    best = most_similar(src, cosine)
    blocks = np.asarray(doc.blocks)
    out[:, base] = np.abs(d) / max(n, 1)
    out[:, base + 1] = blocks[src] == blocks[tgt]
    out[:, base + 2] = cosine
    out[:, base + 3] = best
    out[:, base + 4] = tgt == 0
    out[:, base + 5] = tgt == n - 1
    out[:, base + 6] = src == 0
    out[:, base + 7] = src == n - 1
    out[:, base + 8] = cc[tgt]
    out[:, base + 9] = cc[src]
    type_base = base + 10
    src_base = type_base + N_TYPES * N_TYPES
    tgt_base = src_base + 2 * len(_SOURCE_MARKERS)
    out[:, type_base:src_base] = (types[src][:, :, None] * types[tgt][:, None, :]).reshape(len(pairs), -1)
    before, after = (d < 0).astype(np.float32)[:, None], (d > 0).astype(np.float32)[:, None]
    # each marker's (before, after) column pair: all the source markers at once, then the target's
    source = doc.unit[:, _SOURCE_COLUMNS][src]  # the columns first (n rows), then the pairs' rows: the same values
    out[:, src_base:tgt_base:2] = source * before
    out[:, src_base + 1:tgt_base:2] = source * after
    target = doc.unit[:, _TARGET_COLUMNS][tgt]
    end = tgt_base + 2 * len(_TARGET_MARKERS)
    out[:, tgt_base:end:2] = target * before
    out[:, tgt_base + 1:end:2] = target * after
    out[:, -1] = 1.0
    return out
