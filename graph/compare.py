"""Two authors (or documents) compared on one topic: pure functions over their document graphs.

Each side's own position (statements its authors make, with their stance and the
statements that hold them up) is kept apart from positions it merely reports (a
quoted minister's view is not the author's). Passages of the two sides are aligned
by embedding similarity plus shared actors and rare terms (vectorised: graph.alignment),
then classified by stance: same stance -> agree, opposite -> disagree, otherwise related.

A named topic (negotiation, governance ...) uses the stances the importers tagged; any other
topic is free text (a phrase, a yes/no question, a proposition): statements are matched to it by
relevance and their stance comes from the learned stance model (graph.topic_stance).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property

import numpy as np

from graph import alignment, relevance, topic_stance
from graph.model import DocumentGraph, Relation, RelationType, Statement, StatementKind, Topic
from graph.similarity import cosine_matrix

ALIGN_THRESHOLD = 0.39
"""Combined score from which two passages count as aligned: the lowest threshold at which an aligned
pair is right at least half the time on IBM ArgKP-2021's (argument, key point) matches, calibrated on
21 topics and measured on 10 others (precision 0.51, recall 0.26; every-pair baseline precision 0.22):
`make calibrate-alignment` writes graph/models/alignment.json, and a test keeps this value equal to it."""
EVIDENCE_THRESHOLD = 0.6
MAX_ALIGNED = 20
MAX_PARTNERS = 2
MAX_PASSAGES = 400
"""At most this many statements per side take part in the alignment (the topic's first, then the most
relevant): the score matrices stay at most 400 x 400 whatever the sides' size."""
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
        return list(self._statements)

    @cached_property
    def _statements(self) -> tuple[Statement, ...]:
        # computed once per comparison: sorting every document's statements again for each use
        # (positions, alignment, evidence, quotes) cost more than the alignment itself on large sides
        return tuple(s for g in self.documents for s in g.normalized().statements)


@dataclass(frozen=True)
class Stanced:
    statement: Statement
    stance: int
    relevance: float | None = None
    """How much the statement is about a free-text topic (graph.relevance); None on a named topic."""


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


def tag_stances(side: Side, topic: Topic) -> dict[str, int]:
    """Statement id -> stance from the importer's tags of a named topic. A reported statement that
    complains about someone else's position ("complaining that France opposed dialogue") carries
    that other's cues: its speaker's stance is their opposite."""
    stances: dict[str, int] = {}
    for graph in side.documents:
        by_id = {s.id: s for s in graph.statements}
        for tag in graph.topic_tags:
            if tag.topic_id == topic.id and tag.statement_id in by_id:
                flip = topic_stance.complaint_flips(by_id[tag.statement_id])
                stances[tag.statement_id] = -tag.stance if flip else tag.stance
    return stances


def speaker_names(*sides: Side) -> dict[str, str]:
    """A speaker named by surname alone -> the full name of the one speaker (or author) of these sides
    it can be ("Santos" -> "Maria Santos"), across their documents."""
    names = {s.speaker for side in sides for s in side.statements() if s.reported}
    names |= {a for side in sides for g in side.documents for a in g.document.authors}
    full = [n for n in names if len(n.split()) >= 2]
    mapping = {}
    for name in names:
        owners = [f for f in full if f.split()[-1] == name] if len(name.split()) == 1 else []
        if len(owners) == 1:
            mapping[name] = owners[0]
    return mapping


def free_stances(side: Side, topic: Topic,
                 names: dict[str, str]) -> tuple[dict[str, int], dict[str, float], Stance, dict[str, Stance]]:
    """For a free-text topic: statement id -> stance (+1/-1/0) of the statements about it, their
    relevance, the side's own stance and each reported speaker's (graph.topic_stance)."""
    scored = topic_stance.score(topic.name, side.statements())
    own = [s for s in scored if not s.statement.reported]
    by_speaker: dict[str, list[topic_stance.Scored]] = defaultdict(list)
    for speaker, items in topic_stance.by_speaker(scored).items():
        by_speaker[names.get(speaker, speaker)] += items
    reported = {speaker: Stance(topic_stance.verdict(items)[0]) for speaker, items in by_speaker.items()}
    own_stance = Stance(topic_stance.verdict(own)[0])
    if own_stance not in (Stance.FOR, Stance.AGAINST):
        # The statements leave it open: the authors' other sentences (narration to the importer) decide.
        extra = [x for g in side.documents for x in topic_stance.unmapped_sentences(g)]
        more = topic_stance.score(topic.name, extra) if extra else []
        if more and topic_stance.verdict(own + more)[0] in ("for", "against"):
            own_stance = Stance(topic_stance.verdict(own + more)[0])
    return ({s.statement.id: s.sign for s in scored}, {s.statement.id: s.relevance for s in scored},
            own_stance, reported)


def _ranked(own: list[Stanced], support: dict[str, int], relevance_of: dict[str, float], topic: Topic,
            free: bool, side_stance: Stance | None) -> list[Stanced]:
    """The side's own positions on the topic, best supported and most on-topic first, those taking the
    side's stance (when the stance model gave one) before the others."""
    positional = [t for t in own if t.statement.kind in POSITION_KINDS and t.stance != 0]
    # Best supported and most on-topic first: a recommendation held up by five checks but
    # about governance should not lead a comparison on negotiation.
    relevance = ([relevance_of[t.statement.id] for t in positional] if free else
                 cosine_matrix([topic.name], [t.statement.text for t in positional])[0] if positional else [])
    weight = {t.statement.id: float(r) * math.log(2 + support.get(t.statement.id, 0))
              * (2.0 if t.statement.kind is StatementKind.THESIS else 1.0)
              for t, r in zip(positional, relevance, strict=True)}
    ranked = sorted(positional, key=lambda t: (-weight[t.statement.id], t.statement.start))
    if side_stance in (Stance.FOR, Stance.AGAINST):  # the evidence shown is for the side's stance
        sign = 1 if side_stance is Stance.FOR else -1
        ranked = [t for t in ranked if t.stance == sign] + [t for t in ranked if t.stance != sign]
    return ranked


def map_polarity(relations: Iterable[Relation], root: str) -> dict[str, int]:
    """+1 / -1 for each statement whose SUPPORTS / ATTACKS path leads to ``root`` (``root`` itself +1):
    -1 when the path holds an odd number of attacks. The shortest path decides (breadth first), so a
    relation an analyst added does not make a statement both."""
    into: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for rel in relations:
        if rel.type in (RelationType.SUPPORTS, RelationType.ATTACKS):
            into[rel.target].append((rel.source, -1 if rel.type is RelationType.ATTACKS else 1))
    polarity = {root: 1}
    frontier = [root]
    while frontier:
        following = []
        for node in frontier:
            for source, sign in into.get(node, ()):
                if source not in polarity:
                    polarity[source] = polarity[node] * sign
                    following.append(source)
        frontier = following
    return polarity


def _stances_from_map(side: Side, ranked: list[Stanced]) -> dict[str, int]:
    """Statement id -> the stance its document's leading position (its first in ``ranked``) gives it
    through the map (map_polarity), for the statements under that position."""
    leading: dict[str, Stanced] = {}
    for t in ranked:
        leading.setdefault(t.statement.document_id, t)
    stances: dict[str, int] = {}
    for graph in side.documents:
        if (lead := leading.get(graph.document.id)) is not None:
            polarity = map_polarity(graph.relations, lead.statement.id)
            stances.update((sid, lead.stance * sign) for sid, sign in polarity.items())
    return stances


def position(side: Side, topic: Topic, free: bool = False,
             names: dict[str, str] | None = None) -> tuple[Position, list[Stanced]]:
    """The side's own and reported positions on the topic, and every statement about it.

    A named topic (``free`` False) takes the importer's tags; a free-text topic is matched by
    relevance and scored by the stance model (see graph.topic_stance). ``names`` maps a reported
    speaker's surname to the full name it stands for (speaker_names)."""
    names = names or {}
    if free:
        stance_of, relevance_of, own_stance, reported_stance = free_stances(side, topic, names)
    else:
        stance_of, relevance_of, own_stance, reported_stance = tag_stances(side, topic), {}, None, {}
    tagged: list[Stanced] = []
    support: dict[str, int] = {}
    for graph in side.documents:
        tagged += [Stanced(s, stance_of[s.id], relevance_of.get(s.id)) for s in graph.normalized().statements
                   if s.id in stance_of]
        support.update(_support_counts(graph))
    own = [t for t in tagged if not t.statement.reported]
    side_stance = own_stance or _stance_word([t.stance for t in own])
    ranked = _ranked(own, support, relevance_of, topic, free, own_stance)
    # The map says more about a statement's side than the statement's own wording does: what supports
    # an on-topic position shares its stance and what attacks it opposes it. Toward the thesis the
    # predicted maps are right ~0.84 of the time, the stance model ~0.51 (all-for 0.76; `make
    # eval-polarity`), so each document's own statements under its leading position take that stance.
    resigned = _stances_from_map(side, ranked)
    if resigned:
        tagged = [replace(t, stance=resigned[t.statement.id])
                  if not t.statement.reported and t.statement.id in resigned else t for t in tagged]
        own = [t for t in tagged if not t.statement.reported]
        ranked = _ranked(own, support, relevance_of, topic, free, own_stance)
    strongest = ranked[:3]
    lead = next((t for t in ranked if t.statement.kind is StatementKind.RECOMMENDATION), ranked[0] if ranked else None)
    if free and ranked and ranked[0].statement.kind is StatementKind.THESIS:
        lead = ranked[0]
    by_speaker: dict[str, list[Stanced]] = defaultdict(list)
    for t in tagged:
        if t.statement.reported:
            by_speaker[names.get(t.statement.speaker, t.statement.speaker)].append(t)
    reported = tuple(ReportedPosition(speaker, reported_stance.get(speaker) or _stance_word([t.stance for t in items]),
                                      tuple(items))
                     for speaker, items in sorted(by_speaker.items()))
    return Position(
        label=side.label,
        document_ids=tuple(g.document.id for g in side.documents),
        authors=tuple(dict.fromkeys(a for g in side.documents for a in g.document.authors)),
        stance=side_stance,
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


def align(a: list[Stanced], b: list[Stanced], actors_a: dict[str, set[str]],
          actors_b: dict[str, set[str]]) -> list[AlignedPair]:
    """Greedy alignment of the two sides' passages, best score first (scores: graph.alignment,
    one matrix for all pairs)."""
    if not a or not b:
        return []
    candidates = alignment.candidates(
        [t.statement.text for t in a], [t.statement.text for t in b],
        [actors_a.get(t.statement.id, set()) for t in a], [actors_b.get(t.statement.id, set()) for t in b],
        ALIGN_THRESHOLD)
    # A passage may align with up to MAX_PARTNERS passages of the other side: one
    # author's sentence often sums up what the other spreads over two.
    used_a: Counter[int] = Counter()
    used_b: Counter[int] = Counter()
    pairs = []
    for score, i, j in candidates:
        if used_a[i] >= MAX_PARTNERS or used_b[j] >= MAX_PARTNERS:
            continue
        used_a[i] += 1
        used_b[j] += 1
        sa, sb = a[i].stance, b[j].stance
        relation = Agreement.AGREE if sa * sb > 0 else Agreement.DISAGREE if sa * sb < 0 else Agreement.RELATED
        shared = tuple(sorted(actors_a.get(a[i].statement.id, set()) & actors_b.get(b[j].statement.id, set())))
        pairs.append(AlignedPair(a[i], b[j], relation, round(score, 3), shared))
        if len(pairs) == MAX_ALIGNED:
            break
    return pairs


def shared_evidence(side_a: Side, side_b: Side, topic: Topic) -> list[tuple[Statement, Statement, float]]:
    evidence_a = _bounded(topic, [s for s in side_a.statements() if s.kind is StatementKind.EVIDENCE], set())
    evidence_b = _bounded(topic, [s for s in side_b.statements() if s.kind is StatementKind.EVIDENCE], set())
    if not evidence_a or not evidence_b:
        return []
    cosine = cosine_matrix([s.text for s in evidence_a], [s.text for s in evidence_b])
    rows, cols = np.nonzero(cosine >= EVIDENCE_THRESHOLD)
    values = cosine[rows, cols]
    order = np.lexsort((cols, rows, -values))[:MAX_ALIGNED]
    return [(evidence_a[rows[k]], evidence_b[cols[k]], round(float(values[k]), 3)) for k in order]


def _bounded(topic: Topic, statements: list[Statement], keep: set[str]) -> list[Statement]:
    """At most MAX_PASSAGES statements (those about the topic first, then the most relevant), so that
    a comparison of two large sides stays bounded in time and memory."""
    if len(statements) <= MAX_PASSAGES:
        return statements
    scores = relevance.relevance(topic.name, [s.text for s in statements])
    chosen = alignment.select(scores, MAX_PASSAGES, {i for i, s in enumerate(statements) if s.id in keep})
    return [statements[i] for i in chosen]


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
    if topic.name.rstrip().endswith("?"):  # a yes/no question: "for" is yes
        answer = {Stance.FOR: "answers yes to", Stance.AGAINST: "answers no to", Stance.MIXED: "is divided on",
                  Stance.NEUTRAL: "gives no clear answer to", Stance.SILENT: "is silent on"}
        parts = [f"{a.label} {answer[a.stance]} \u201c{topic.name.strip()}\u201d; {b.label} {answer[b.stance]} it."]
    elif a.stance == b.stance:
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


def _with_stances(side: Side, tagged: list[Stanced], topic: Topic) -> list[Stanced]:
    stance = {t.statement.id: t.stance for t in tagged}
    return [Stanced(s, stance.get(s.id, 0)) for s in _bounded(topic, side.statements(), set(stance))]


def compare_sides(side_a: Side, side_b: Side, the_topic: Topic, free: bool = False) -> Comparison:
    """Compare two resolved sides on a topic: a named one (its tags), or free text (``free``)."""
    names = speaker_names(side_a, side_b)
    position_a, tagged_a = position(side_a, the_topic, free, names)
    position_b, tagged_b = position(side_b, the_topic, free, names)
    # Shared passages need not be tagged with the topic (the same fact can serve two
    # arguments), so every statement takes part; stances are the topic's where tagged.
    aligned = align(_with_stances(side_a, tagged_a, the_topic), _with_stances(side_b, tagged_b, the_topic),
                    _actors(side_a), _actors(side_b))
    aligned_a = {p.a.statement.id for p in aligned}
    aligned_b = {p.b.statement.id for p in aligned}
    return Comparison(
        topic=the_topic,
        a=position_a,
        b=position_b,
        aligned=tuple(aligned),
        only_a=tuple(t for t in position_a.own if t.statement.id not in aligned_a and t.stance != 0),
        only_b=tuple(t for t in position_b.own if t.statement.id not in aligned_b and t.stance != 0),
        shared_evidence=tuple(shared_evidence(side_a, side_b, the_topic)),
        quotes=tuple(quote_links(side_a, side_b)),
        summary=summarise(the_topic, position_a, position_b, aligned),
    )
