"""A side's stance toward a free-text topic, from its own statements.

Statements are first filtered by relevance to the topic (``graph.relevance``: embeddings plus
shared rare terms, measured threshold), then scored by the stance model (``graph.stance``). A
side's stance is the relevance- and kind-weighted mean of its statements' stances: the thesis
and the recommendations weigh most, a counterargument the author brings up to answer counts
against the author's side, questions not at all. Reported voices are scored apart, one speaker
at a time, and never enter the author's own stance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from graph import relevance, stance
from graph.model import DocumentGraph, Statement, StatementKind, Topic, slug
from graph.similarity import embed

KIND_WEIGHT: dict[StatementKind, float] = {
    StatementKind.THESIS: 3.0,
    StatementKind.RECOMMENDATION: 2.0,
    StatementKind.CLAIM: 1.0,
    StatementKind.REBUTTAL: 1.0,
    StatementKind.ASSUMPTION_CHECK: 1.0,
    StatementKind.EVIDENCE: 0.5,
    StatementKind.QUOTE: 0.5,
    StatementKind.ASSUMPTION: 0.5,
    StatementKind.COUNTERARGUMENT: -0.5,  # raised to be answered: the author's side is the opposite
    StatementKind.QUESTION: 0.0,
}
MIXED_MARGIN = 0.05
"""A weighted mean stance within +-MIXED_MARGIN of zero is "mixed" (or "neutral" with no stance on
either side): a side must lean clearly one way to be called for or against."""
STATEMENT_MARGIN = 0.2
"""A statement's own stance counts as +1 / -1 beyond P(pro) = 0.5 +- STATEMENT_MARGIN / 2."""
MAX_STATEMENTS = 150
"""At most this many statements per side (the most relevant) are scored for stance: a side's stance
on a topic does not need its 151st most relevant sentence, and scoring costs a few ms a statement."""


def free_topic(text: str) -> Topic:
    """A free-text topic (phrase, yes/no question or proposition) as a Topic: its text is its name."""
    name = " ".join(text.split())
    return Topic(id=slug(name)[:80] or "topic", name=name)


@dataclass(frozen=True)
class Scored:
    statement: Statement
    relevance: float
    stance: float  # 2 * P(pro) - 1, in [-1, 1]

    @property
    def sign(self) -> int:
        """+1 / -1 when the statement leans clearly, else 0."""
        return 1 if self.stance > STATEMENT_MARGIN else -1 if self.stance < -STATEMENT_MARGIN else 0


def score(topic: str, statements: list[Statement], limit: int = MAX_STATEMENTS) -> list[Scored]:
    """The statements about ``topic`` (relevance at or above the measured threshold), most relevant first,
    each with its stance; at most ``limit``."""
    candidates = [s for s in statements if s.kind is not StatementKind.QUESTION]
    if not candidates:
        return []
    texts = [s.text for s in candidates]
    relevant = relevance.relevance(topic, texts, embed(texts))
    keep = np.flatnonzero(relevant >= relevance.scale().threshold)
    keep = keep[np.argsort(-relevant[keep], kind="stable")][:limit]
    if not len(keep):
        return []
    values = stance.model().stances(topic, [texts[i] for i in keep])
    return [Scored(candidates[i], float(relevant[i]), _attributed(candidates[i], float(v)))
            for i, v in zip(keep, values, strict=True)]


# "X complained that France opposed dialogue": the opposition is France's; the complaining speaker
# holds the opposite view. Said of reported statements, whose speaker is not the embedded subject.
_COMPLAINT = re.compile(r"\b(?:complain\w*|criticiz\w*|criticis\w*|condemn\w*|accus\w*|blam\w*|denounc\w*|"
                        r"lament\w*|deplor\w*|protest\w*)\b(?:\s+\w+){0,3}?\s+(?:that|of|for)\b", re.IGNORECASE)


def _attributed(statement: Statement, value: float) -> float:
    if statement.reported and _COMPLAINT.search(statement.text):
        return -value
    return value


def complaint_flips(statement: Statement) -> bool:
    """True when a reported statement complains about someone else's position ("complaining that
    France opposed dialogue"): its polarity cues are the other's, the speaker's stance their opposite."""
    return statement.reported and _COMPLAINT.search(statement.text) is not None


HEADLINE_KINDS = (StatementKind.THESIS, StatementKind.RECOMMENDATION)


def verdict(items: list[Scored]) -> tuple[str, float]:
    """for / against / mixed / neutral / silent, and the weighted mean stance in [-1, 1].

    The side's thesis and recommendations about the topic decide when they lean clearly one way
    (a long document's many side remarks do not outvote its thesis); otherwise every statement
    about the topic counts, weighted by kind and relevance."""
    headline = [i for i in items if i.statement.kind in HEADLINE_KINDS and i.sign != 0]
    if headline:
        word, mean = _weighted(headline)
        if word in ("for", "against"):
            return word, mean
    return _weighted(items)


def _weighted(items: list[Scored]) -> tuple[str, float]:
    if not items:
        return "silent", 0.0
    weights = np.array([KIND_WEIGHT.get(i.statement.kind, 1.0) * max(i.relevance, 0.0) for i in items])
    values = np.array([i.stance for i in items])
    norm = float(np.abs(weights).sum())
    if norm == 0:
        return "neutral", 0.0
    mean = float((weights * values).sum() / norm)
    if mean > MIXED_MARGIN:
        return "for", mean
    if mean < -MIXED_MARGIN:
        return "against", mean
    signs = {i.sign for i in items} - {0}
    return ("mixed" if len(signs) == 2 else "neutral"), mean


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")


def unmapped_sentences(graph: DocumentGraph) -> list[Statement]:
    """The document's sentences that no statement covers (the importer left them out as narration),
    as the authors' own claims; used only when the statements leave a side's stance unclear."""
    source, covered = graph.document.source, [(s.start, s.end) for s in graph.statements]
    found: list[Statement] = []
    start = 0
    for match in [*_SENTENCE_END.finditer(source), None]:
        end = match.start() if match else len(source)
        text = " ".join(source[start:end].split())
        if len(text.split()) >= 4 and not any(a < end and start < b for a, b in covered):
            found.append(Statement(id=f"{graph.document.id}:sentence:{start}", document_id=graph.document.id,
                                   kind=StatementKind.CLAIM, text=text, quote=source[start:end], start=start,
                                   end=end, section=None, speaker=graph.document.byline))
        start = match.end() if match else len(source)
    return found


def by_speaker(items: list[Scored]) -> dict[str, list[Scored]]:
    """Reported statements grouped by their speaker."""
    grouped: dict[str, list[Scored]] = {}
    for item in items:
        if item.statement.reported:
            grouped.setdefault(item.statement.speaker, []).append(item)
    return grouped
