"""Each document's key topics: the phrases its statements keep coming back to.

Candidate phrases are runs of one to three content words inside a statement (split at stop words,
punctuation and proper names: actors are listed apart). A phrase scores by how many statements
use it, times its rarity (mean inverse document frequency of its words over a background of ~40,000
argument sentences, ``graph/models/term_df.json``), times its number of words; a phrase must occur in at
least two statements (one in a document of fewer than four). The best ``MAX_KEY_TOPICS`` that share
no word with a better one become the document's topics (id = slug of the phrase, name = the phrase),
tagged on the statements that use them with stance 0: a key topic says what a document is about,
the stance toward it is /compare's to find (ask it with the phrase).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import chain, compress

from graph import terms
from graph.model import DocumentGraph, Statement, StatementKind, Topic, TopicTag, slug
from importers.lexicon import TOPICS as NAMED_TOPICS
from importers.regex_parts import ascii_twin

MAX_KEY_TOPICS = 5
MAX_WORDS = 3
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*|[.,;:!?()\"“”—–]")
_TOKEN_A = ascii_twin(_TOKEN)  # for an ASCII text: the same tokens (``regex_parts.ascii_twin``)
_EXTRA_STOP = frozenset((
    "not", "no", "never", "also", "however", "because", "therefore", "thus", "while", "although", "though", "yet",
    "but", "very", "just", "even", "still", "already", "much", "many", "most", "more", "less", "few", "other",
    "such", "same", "own", "each", "every", "both", "either", "neither", "own", "may", "might", "shall", "cannot",
    "said", "says", "say", "argue", "argued", "argues", "according", "like", "first", "second", "one", "two",
    "new", "way", "ways", "make", "made", "take", "taken", "get", "got", "give", "given", "need", "needs",
    "time", "times", "year", "years", "instead", "rather", "well", "then", "than", "when", "where", "how", "why",
    "being", "into", "onto", "upon", "over", "under", "between", "against", "after", "before", "since", "until",
    "these", "those", "there", "here", "what", "who", "whom", "whose", "which", "while", "it's", "its", "itself",
    "them", "themselves", "they're", "we're", "i'm", "you", "your", "my", "me", "mine", "ours", "theirs", "him",
    "far", "ever", "often", "only", "really", "simply", "clearly", "let", "lets", "would", "could", "should",
    "must", "will", "can", "do", "does", "did", "done", "is", "are", "was", "were", "be", "been", "am",
    "including", "include", "includes", "within", "without", "among", "across", "around", "through", "toward",
))


_STOP_WORDS = _EXTRA_STOP | terms.STOP
_SENTENCE_OPENERS = ".!?:\"“"  # a capitalised word after one of these starts a sentence: not a name


def _stop(word: str) -> bool:
    lower = word.lower()
    return lower in _STOP_WORDS or len(lower) < 3


def proper_names(text: str) -> frozenset[str]:
    """Words ``text`` capitalises inside a sentence (names: "Kenya", "al-Shabaab"), lower-cased."""
    return _names_of(_TOKEN.findall(text))


def _names_of(tokens: list[str]) -> frozenset[str]:
    """``proper_names`` of the text whose ``_TOKEN`` tokens are ``tokens``."""
    names = {token for previous, token in zip(tokens, tokens[1:], strict=False)
             if token[0].isupper() and previous not in _SENTENCE_OPENERS}  # a token is never empty
    # _capital_inside inlined: the test runs on every distinct word of the document
    names.update(token for token in set(tokens)
                 if not token[1:].islower() and any(c.isupper() for c in token[1:]))
    return frozenset(token.lower() for token in names)


def _capital_inside(token: str) -> bool:
    tail = token[1:]
    return not tail.islower() and any(c.isupper() for c in tail)  # a lower-case tail has no capital: most words


@lru_cache(maxsize=100_000)
def _content_word(token: str) -> tuple[str, str, str] | None:
    """(lower case, phrase word, key word) of a content word; None for punctuation and stop words.
    Cached: a document repeats its words, and this is most of the per-token work."""
    lower = token.lower()
    if not token[0].isalpha() or _stop(token):
        return None
    word = lower.replace("’", "'")
    return lower, word, terms.stem(word).rstrip("e") or word  # "charge" and "charges" alike


def phrase_keys(text: str, names: frozenset[str] = frozenset()) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every run of 1..MAX_WORDS content words of ``text`` (lower case) with its key (each word's stem:
    "charge" and "charges" alike), proper names (``names``, and words capitalised inside the sentence) excluded."""
    phrases, keys = _phrase_runs(text, names)
    return list(zip(phrases, keys, strict=True))


def _phrase_runs(text: str, names: frozenset[str]) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """``phrase_keys`` as two lists, phrases and their keys (a document counts them with C loops)."""
    return _runs_of(_TOKEN.findall(text), names)


def _runs_of(tokens: list[str], names: frozenset[str]) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """``_phrase_runs`` of the text whose ``_TOKEN`` tokens are ``tokens``."""
    phrases: list[tuple[str, ...]] = []
    keys: list[tuple[str, ...]] = []
    add_phrase, add_key = phrases.append, keys.append
    # the run's last two words and keys (MAX_WORDS = 3): the phrases ending at a word are that word
    # alone, then with one and with two words before it
    length = 0
    word1 = word2 = key1 = key2 = ""
    previous = ""  # the token before: a capitalised word after a sentence opener starts a sentence
    for token in tokens:
        content = _content_word(token)
        if (content is None or content[0] in names
                or (token[0].isupper() and previous and previous not in _SENTENCE_OPENERS)):
            length = 0
            previous = token
            continue
        previous = token
        _, word, key = content
        add_phrase((word,))
        add_key((key,))
        if length >= 1:
            add_phrase((word1, word))
            add_key((key1, key))
            if length >= 2:
                add_phrase((word2, word1, word))
                add_key((key2, key1, key))
        word2, key2, word1, key1 = word1, key1, word, key
        length += 1
    return phrases, keys


def phrases(text: str, names: frozenset[str] = frozenset()) -> list[tuple[str, ...]]:
    """Every run of 1..MAX_WORDS content words of ``text`` (lower case), proper names (``names``,
    and words capitalised inside the sentence) excluded."""
    return [phrase for phrase, _ in phrase_keys(text, names)]


def _tokens_of(text: str) -> list[str]:
    """``_TOKEN.findall(text)``, by its ASCII twin when the text is ASCII."""
    return (_TOKEN_A if text.isascii() else _TOKEN).findall(text)


def _source_tokens(source: str, statements: Sequence[Statement], tokens: Sequence[list[str]]) -> list[str]:
    """``_TOKEN.findall(source)`` (what ``proper_names`` reads) from the statements' own tokens: a statement whose
    text is its span of the source and whose span has a blank on each side (or the text's edge) gives its tokens,
    the rest of the source is tokenised anew. No token holds a blank, and ``_TOKEN`` reads nothing before or after
    a match (no look-behind, look-ahead or anchor), so a scan of a piece cut at a blank finds what the scan of the
    whole finds there: the same tokens in the same order (tested against the plain scan). The statements of a
    document are nearly all of it (the seeds: 94% of their characters): the document is scanned once, not twice."""
    found: list[str] = []
    done = 0  # the end of the last statement whose tokens were taken
    last = len(source)
    for k in sorted(range(len(statements)), key=lambda k: (statements[k].start, statements[k].end)):
        statement = statements[k]
        start, end = statement.start, statement.end
        if (start < done or start >= end or end - start != len(statement.text)
                or not source.startswith(statement.text, start)
                or not (start == 0 or source[start - 1].isspace() or source[start].isspace())
                or not (end == last or source[end - 1].isspace() or source[end].isspace())):
            continue
        found += _TOKEN.findall(source, done, start)  # = the scan of source[done:start] (no look-around)
        found += tokens[k]
        done = end
    found += _TOKEN.findall(source, done)
    return found


def key_topics(graph: DocumentGraph) -> list[tuple[Topic, list[str]]]:
    """The document's key topics, best first, each with the ids of the statements that use it."""
    statements = [s for s in graph.statements if s.kind is not StatementKind.QUESTION]
    # how many statements use each key, how often each phrase occurs (first seen first), and its key
    # (a phrase has one: its words' stems); counted with C loops, a document has thousands of phrases
    tokens = [_tokens_of(statement.text) for statement in statements]
    names = _names_of(_source_tokens(graph.document.source, statements, tokens))
    runs = [_runs_of(statement_tokens, names) for statement_tokens in tokens]
    used = [(statement.id, set(keys)) for statement, (_, keys) in zip(statements, runs, strict=True)]  # each's keys
    # one count over the statements' phrases in order: the same counts and first-seen order as one per statement
    counts = Counter(chain.from_iterable(phrases for phrases, _ in runs))
    key_of = dict(zip(chain.from_iterable(phrases for phrases, _ in runs),
                      chain.from_iterable(keys for _, keys in runs), strict=True))
    users = Counter(chain.from_iterable(keys for _, keys in used))
    least = 2 if len(statements) >= 4 else 1
    # most keys are used by one statement: only the others can be chosen, so only theirs need their phrases
    kept = {key: statement_count for key, statement_count in users.items() if statement_count >= least}
    surfaces: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)  # a key's phrases, first seen first
    # the phrases of kept keys picked out in C (a few hundred of a document's thousands), in their order
    for phrase, key in compress(key_of.items(), map(kept.__contains__, key_of.values())):
        surfaces[key].append(phrase)
    scored = []
    idf: dict[str, float] = {}
    for key, statement_count in kept.items():
        for term in key:
            if term not in idf:
                idf[term] = terms.idf(term)
        rarity = sum(map(idf.__getitem__, key)) / len(key)  # the same sum, in order, without a generator
        scored.append((statement_count * rarity * len(key), key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[Topic, list[str]]] = []
    taken: set[str] = set()
    for _, key in scored:
        if taken & set(key):
            continue
        most_used: tuple[str, ...] = max(surfaces[key], key=counts.__getitem__)  # ties: the first seen
        name = " ".join(most_used)
        topic_id = slug(name)
        if not topic_id or topic_id in NAMED_TOPICS or topic_id.rstrip("s") in NAMED_TOPICS:
            continue
        taken |= set(key)
        chosen.append((Topic(topic_id, name), sorted(sid for sid, keys in used if key in keys)))
        if len(chosen) == MAX_KEY_TOPICS:
            break
    return chosen


def with_key_topics(graph: DocumentGraph) -> DocumentGraph:
    """``graph`` with its key topics added (topics and stance-0 tags); named-topic tags stay as they are."""
    found = key_topics(graph)
    if not found:
        return graph
    have = {(t.statement_id, t.topic_id) for t in graph.topic_tags}
    tags = [TopicTag(sid, topic.id, 0) for topic, ids in found for sid in ids if (sid, topic.id) not in have]
    topics = {t.id: t for t in graph.topics}
    for topic, _ in found:
        topics.setdefault(topic.id, topic)
    return replace(graph, topics=tuple(topics.values()), topic_tags=(*graph.topic_tags, *tags))
