"""Two authors (or documents) compared on one topic: pure functions over their document graphs.

Each side's own position (statements its authors make, with their stance and the
statements that hold them up) is kept apart from positions it merely reports (a
quoted minister's view is not the author's). Passages of the two sides are aligned
by embedding similarity plus shared actors, then classified by stance: same stance
-> agree, opposite -> disagree, otherwise related.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from graph.model import DocumentGraph, RelationType, Statement, StatementKind, Topic
from graph.similarity import cosine_matrix

ALIGN_THRESHOLD = 0.5
"""Combined score above which two passages count as aligned (tuned on the seeds: the
shared passages score 0.55-0.8, unrelated pairs on the same topic stay under 0.45)."""
EVIDENCE_THRESHOLD = 0.6
MAX_ALIGNED = 20
MAX_PARTNERS = 2
POSITION_KINDS = (StatementKind.THESIS, StatementKind.RECOMMENDATION, StatementKind.CLAIM,
                  StatementKind.ASSUMPTION_CHECK, StatementKind.REBUTTAL)


class Stance(StrEnum):
    """A side's overall stance on a topic, from the stances of its statements."""

    FOR = "for"
    AGAINST = "against"
    MIXED = "mixed"
    NEUTRAL = "neutral"
    SILENT = "silent"


class Agreement(StrEnum):
    """How two aligned passages relate: same stance, opposite stances, or no stance to compare."""

    AGREE = "agree"
    DISAGREE = "disagree"
    RELATED = "related"


@dataclass(frozen=True)
class Side:
    label: str
    documents: tuple[DocumentGraph, ...]

    def statements(self) -> list[Statement]:
        return [s for g in self.documents for s in g.normalized().statements]


@dataclass(frozen=True)
class Stanced:
    statement: Statement
    stance: int


@dataclass(frozen=True)
class Supported:
    statement: Statement
    stance: int
    supporters: int
    """Statements that support it, directly or through others."""


@dataclass(frozen=True)
class ReportedPosition:
    speaker: str
    stance: Stance
    statements: tuple[Stanced, ...]


@dataclass(frozen=True)
class Position:
    label: str
    document_ids: tuple[str, ...]
    authors: tuple[str, ...]
    stance: Stance
    own: tuple[Stanced, ...]
    strongest: tuple[Supported, ...]
    reported: tuple[ReportedPosition, ...]
    lead: Supported | None
    """What the side recommends on the topic (its best-supported recommendation), else its strongest claim."""


@dataclass(frozen=True)
class AlignedPair:
    a: Stanced
    b: Stanced
    relation: Agreement
    similarity: float
    shared_actors: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    topic: Topic
    a: Position
    b: Position
    aligned: tuple[AlignedPair, ...]
    only_a: tuple[Stanced, ...]
    only_b: tuple[Stanced, ...]
    shared_evidence: tuple[tuple[Statement, Statement, float], ...]
    quotes: tuple[tuple[Statement, Statement], ...]
    summary: str = field(default="")


def _stance_word(stances: list[int]) -> Stance:
    if not stances:
        return Stance.SILENT
    pro, con = sum(1 for s in stances if s > 0), sum(1 for s in stances if s < 0)
    if pro == con:
        return Stance.NEUTRAL if pro == 0 else Stance.MIXED
    return Stance.FOR if pro > con else Stance.AGAINST

def _support_counts(graph: DocumentGraph) -> dict[str, int]:
    supporters: dict[str, set[str]] = defaultdict(set)
    for rel in graph.relations:
        if rel.type is RelationType.SUPPORTS:
            supporters[rel.target].add(rel.source)

    def closure(node: str) -> set[str]:
        seen: set[str] = set()
        stack = [node]
        while stack:
            for other in supporters.get(stack.pop(), ()):
                if other not in seen and other != node:
                    seen.add(other)
                    stack.append(other)
        return seen

    return {s.id: len(closure(s.id)) for s in graph.statements}


def position(side: Side, topic: Topic) -> tuple[Position, list[Stanced]]:
    """The side's own and reported positions on the topic, and every tagged statement."""
    tagged: list[Stanced] = []
    support: dict[str, int] = {}
    for graph in side.documents:
        stance_of = {t.statement_id: t.stance for t in graph.topic_tags if t.topic_id == topic.id}
        tagged += [Stanced(s, stance_of[s.id]) for s in graph.normalized().statements if s.id in stance_of]
        support.update(_support_counts(graph))
    own = [t for t in tagged if not t.statement.reported]
    positional = [t for t in own if t.statement.kind in POSITION_KINDS and t.stance != 0]
    # Best supported and most on-topic first: a recommendation held up by five checks but
    # about governance should not lead a comparison on negotiation.
    relevance = cosine_matrix([topic.name], [t.statement.text for t in positional])[0] if positional else []
    weight = {t.statement.id: float(r) * math.log(2 + support.get(t.statement.id, 0))
              for t, r in zip(positional, relevance, strict=True)}
    ranked = sorted(positional, key=lambda t: (-weight[t.statement.id], t.statement.start))
    strongest = ranked[:3]
    lead = next((t for t in ranked if t.statement.kind is StatementKind.RECOMMENDATION), ranked[0] if ranked else None)
    by_speaker: dict[str, list[Stanced]] = defaultdict(list)
    for t in tagged:
        if t.statement.reported:
            by_speaker[t.statement.speaker].append(t)
    reported = tuple(ReportedPosition(speaker, _stance_word([t.stance for t in items]), tuple(items))
                     for speaker, items in sorted(by_speaker.items()))
    return Position(
        label=side.label,
        document_ids=tuple(g.document.id for g in side.documents),
        authors=tuple(dict.fromkeys(a for g in side.documents for a in g.document.authors)),
        stance=_stance_word([t.stance for t in own]),
        own=tuple(own),
        strongest=tuple(Supported(t.statement, t.stance, support.get(t.statement.id, 0)) for t in strongest),
        reported=reported,
        lead=Supported(lead.statement, lead.stance, support.get(lead.statement.id, 0)) if lead else None,
    ), tagged


def _actors(side: Side) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for graph in side.documents:
        for mention in graph.mentions:
            found[mention.statement_id].add(mention.actor_id)
    return found


_TERM = re.compile(r"[A-Za-z][\w’'-]{3,}|\d{4}")
_COMMON = frozenset((
    "that", "this", "with", "have", "from", "their", "they", "there", "were", "which", "would", "could", "should",
    "about", "been", "into", "than", "also", "more", "most", "some", "such", "only", "other", "these", "those",
    "while", "when", "where", "what", "after", "before", "over", "under", "between", "against", "because", "however",
    "through", "still", "even", "many", "much", "very", "just", "being", "does",
))


def _terms(text: str) -> frozenset[str]:
    """Content words and years: what a shared passage repeats verbatim."""
    return frozenset(w.lower() for w in _TERM.findall(text) if w.lower() not in _COMMON)


def _shared_terms(left: frozenset[str], right: frozenset[str], rarity: dict[str, float]) -> float:
    """Overlap of two term sets, rare terms counting most (a shared "Conference of National
    Understanding" says more than a shared "Mali")."""
    weight_left, weight_right = sum(rarity[t] for t in left), sum(rarity[t] for t in right)
    if not weight_left or not weight_right:
        return 0.0
    return sum(rarity[t] for t in left & right) / min(weight_left, weight_right)


def align(a: list[Stanced], b: list[Stanced], actors_a: dict[str, set[str]],
          actors_b: dict[str, set[str]]) -> list[AlignedPair]:
    """Greedy alignment of the two sides' passages, best score first."""
    if not a or not b:
        return []
    cosine = cosine_matrix([t.statement.text for t in a], [t.statement.text for t in b])
    terms_a = [_terms(t.statement.text) for t in a]
    terms_b = [_terms(t.statement.text) for t in b]
    frequency = Counter(term for terms in [*terms_a, *terms_b] for term in terms)
    rarity = {term: math.log((len(a) + len(b)) / count) for term, count in frequency.items()}
    candidates = []
    for i, left in enumerate(a):
        for j, right in enumerate(b):
            common = actors_a.get(left.statement.id, set()) & actors_b.get(right.statement.id, set())
            union = actors_a.get(left.statement.id, set()) | actors_b.get(right.statement.id, set())
            jaccard = len(common) / len(union) if union else 0.0
            lexical = _shared_terms(terms_a[i], terms_b[j], rarity)
            score = 0.6 * float(cosine[i, j]) + 0.2 * jaccard + 0.2 * lexical
            if score >= ALIGN_THRESHOLD:
                candidates.append((score, i, j, tuple(sorted(common))))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    # A passage may align with up to MAX_PARTNERS passages of the other side: one
    # author's sentence often sums up what the other spreads over two.
    used_a: Counter[int] = Counter()
    used_b: Counter[int] = Counter()
    pairs = []
    for score, i, j, shared in candidates:
        if used_a[i] >= MAX_PARTNERS or used_b[j] >= MAX_PARTNERS:
            continue
        used_a[i] += 1
        used_b[j] += 1
        sa, sb = a[i].stance, b[j].stance
        relation = Agreement.AGREE if sa * sb > 0 else Agreement.DISAGREE if sa * sb < 0 else Agreement.RELATED
        pairs.append(AlignedPair(a[i], b[j], relation, round(score, 3), shared))
        if len(pairs) == MAX_ALIGNED:
            break
    return pairs


def shared_evidence(side_a: Side, side_b: Side) -> list[tuple[Statement, Statement, float]]:
    evidence_a = [s for s in side_a.statements() if s.kind is StatementKind.EVIDENCE]
    evidence_b = [s for s in side_b.statements() if s.kind is StatementKind.EVIDENCE]
    if not evidence_a or not evidence_b:
        return []
    cosine = cosine_matrix([s.text for s in evidence_a], [s.text for s in evidence_b])
    found = [(evidence_a[i], evidence_b[j], round(float(cosine[i, j]), 3))
             for i in range(len(evidence_a)) for j in range(len(evidence_b)) if cosine[i, j] >= EVIDENCE_THRESHOLD]
    return sorted(found, key=lambda t: -t[2])[:MAX_ALIGNED]


def quote_links(side_a: Side, side_b: Side) -> list[tuple[Statement, Statement]]:
    by_id = {s.id: s for s in [*side_a.statements(), *side_b.statements()]}
    links = []
    for graph in [*side_a.documents, *side_b.documents]:
        for rel in graph.relations:
            if rel.type is RelationType.QUOTES and rel.source in by_id and rel.target in by_id \
                    and by_id[rel.source].document_id != by_id[rel.target].document_id:
                links.append((by_id[rel.source], by_id[rel.target]))
    return links


def _clip(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def summarise(topic: Topic, a: Position, b: Position, aligned: list[AlignedPair]) -> str:
    """One paragraph built from the comparison's data."""
    name = topic.name[:1].lower() + topic.name[1:]
    verb = {Stance.FOR: "in favour of", Stance.AGAINST: "against", Stance.MIXED: "divided on",
            Stance.NEUTRAL: "neutral on", Stance.SILENT: "silent on"}
    if a.stance == b.stance:
        parts = [f"Both {a.label} and {b.label} are {verb[a.stance]} {name}."]
    else:
        parts = [f"{a.label} is {verb[a.stance]} {name}; {b.label} is {verb[b.stance]} it."]
    for pos in (a, b):
        if pos.lead is not None:
            parts.append(f"{pos.label}: \u201c{_clip(pos.lead.statement.text)}\u201d")
    counts = Counter(p.relation for p in aligned)
    if aligned:
        parts.append(f"{len(aligned)} aligned passages ({counts[Agreement.AGREE]} agree, "
                     f"{counts[Agreement.DISAGREE]} disagree, {counts[Agreement.RELATED]} related).")
    for pos in (a, b):
        if pos.reported:
            views = ", ".join(f"{r.speaker} ({r.stance})" for r in pos.reported)
            parts.append(f"{pos.label} reports the views of {views}.")
    return " ".join(parts)


def _with_stances(side: Side, tagged: list[Stanced]) -> list[Stanced]:
    stance = {t.statement.id: t.stance for t in tagged}
    return [Stanced(s, stance.get(s.id, 0)) for s in side.statements()]


def compare_sides(side_a: Side, side_b: Side, the_topic: Topic) -> Comparison:
    """Compare two resolved sides on a topic."""
    position_a, tagged_a = position(side_a, the_topic)
    position_b, tagged_b = position(side_b, the_topic)
    # Shared passages need not be tagged with the topic (the same fact can serve two
    # arguments), so every statement takes part; stances are the topic's where tagged.
    aligned = align(_with_stances(side_a, tagged_a), _with_stances(side_b, tagged_b), _actors(side_a),
                    _actors(side_b))
    aligned_a = {p.a.statement.id for p in aligned}
    aligned_b = {p.b.statement.id for p in aligned}
    return Comparison(
        topic=the_topic,
        a=position_a,
        b=position_b,
        aligned=tuple(aligned),
        only_a=tuple(t for t in position_a.own if t.statement.id not in aligned_a and t.stance != 0),
        only_b=tuple(t for t in position_b.own if t.statement.id not in aligned_b and t.stance != 0),
        shared_evidence=tuple(shared_evidence(side_a, side_b)),
        quotes=tuple(quote_links(side_a, side_b)),
        summary=summarise(the_topic, position_a, position_b, aligned),
    )
