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
from dataclasses import replace

from graph import terms
from graph.model import DocumentGraph, StatementKind, Topic, TopicTag, slug
from importers.lexicon import TOPICS as NAMED_TOPICS

MAX_KEY_TOPICS = 5
MAX_WORDS = 3
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*|[.,;:!?()\"“”—–]")
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


def _stop(word: str) -> bool:
    lower = word.lower()
    return lower in _EXTRA_STOP or lower in terms.STOP or len(lower) < 3


def proper_names(text: str) -> frozenset[str]:
    """Words ``text`` capitalises inside a sentence (names: "Mali", "al-Qaeda"), lower-cased."""
    tokens = _TOKEN.findall(text)
    return frozenset(token.lower() for k, token in enumerate(tokens)
                     if (token[:1].isupper() and k > 0 and tokens[k - 1] not in ".!?:\"“")
                     or any(c.isupper() for c in token[1:]))


def phrases(text: str, names: frozenset[str] = frozenset()) -> list[tuple[str, ...]]:
    """Every run of 1..MAX_WORDS content words of ``text`` (lower case), proper names (``names``,
    and words capitalised inside the sentence) excluded."""
    found: list[tuple[str, ...]] = []
    run: list[str] = []
    tokens = _TOKEN.findall(text)
    for k, token in enumerate(tokens):
        proper = token.lower() in names or (token[:1].isupper() and k > 0 and tokens[k - 1] not in ".!?:\"“")
        if not token[0].isalpha() or _stop(token) or proper:
            run = []
            continue
        run.append(token.lower().replace("’", "'"))
        for n in range(1, min(MAX_WORDS, len(run)) + 1):
            found.append(tuple(run[-n:]))
    return found


def _key(phrase: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(terms.stem(w).rstrip("e") or w for w in phrase)  # "charge" and "charges" alike


def key_topics(graph: DocumentGraph) -> list[tuple[Topic, list[str]]]:
    """The document's key topics, best first, each with the ids of the statements that use it."""
    statements = [s for s in graph.statements if s.kind is not StatementKind.QUESTION]
    users: dict[tuple[str, ...], set[str]] = defaultdict(set)
    surface: dict[tuple[str, ...], Counter[tuple[str, ...]]] = defaultdict(Counter)
    names = proper_names(graph.document.source)
    for statement in statements:
        for phrase in phrases(statement.text, names):
            key = _key(phrase)
            users[key].add(statement.id)
            surface[key][phrase] += 1
    least = 2 if len(statements) >= 4 else 1
    scored = []
    for key, ids in users.items():
        if len(ids) < least:
            continue
        rarity = sum(terms.idf(term) for term in key) / len(key)
        scored.append((len(ids) * rarity * len(key), key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[Topic, list[str]]] = []
    taken: set[str] = set()
    named = set(NAMED_TOPICS)
    for _, key in scored:
        if taken & set(key):
            continue
        name = " ".join(surface[key].most_common(1)[0][0])
        topic_id = slug(name)
        if not topic_id or topic_id in named or topic_id.rstrip("s") in named:
            continue
        taken |= set(key)
        chosen.append((Topic(topic_id, name), sorted(users[key])))
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
