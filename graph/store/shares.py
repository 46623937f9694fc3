"""What the stores keep besides the graph, computed from a document's graph alike on both
stores and in the Cypher export: its author keys (author lookup) and its shares of the
topic and actor overviews. No networkx here: the CLI's parse path imports it."""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import DocumentGraph


def topic_counts(graph: DocumentGraph) -> dict[str, tuple[int, int, int]]:
    """Per topic of ``graph``: its statements for, against and neutral (what the overviews add up)."""
    counts: dict[str, list[int]] = {}
    for tag in graph.topic_tags:
        row = counts.setdefault(tag.topic_id, [0, 0, 0])
        row[0 if tag.stance > 0 else 1 if tag.stance < 0 else 2] += 1
    return {topic: (c[0], c[1], c[2]) for topic, c in counts.items()}


def actor_counts(graph: DocumentGraph) -> dict[str, int]:
    """Per actor of ``graph``: the statements mentioning it."""
    counts: dict[str, int] = {}
    for mention in graph.mentions:
        counts[mention.actor_id] = counts.get(mention.actor_id, 0) + 1
    return counts


def author_keys(authors: Iterable[str]) -> set[str]:
    """What finds a document by its byline: each author's full name and each word of it, lower-case
    (so "Thurston" and "alex thurston" both find Alex Thurston's documents)."""
    keys: set[str] = set()
    for name in authors:
        lowered = name.strip().lower()
        if lowered:
            keys.add(lowered)
            keys.update(lowered.split())
    return keys
