"""The argument-mining pipeline every prose importer uses: units -> roles -> central claim ->
relations, decoded globally into a connected tree.

1. Role probabilities (CDCP's proposition types: policy / value / fact / testimony / reference)
   and a central-claim score per unit come from the learned linear models (``model``).
2. Opponent voice: a unit opening with a concession ("Admittedly", "Of course", "Although ...")
   or an opposing voice ("Critics argue", "Some people say"), or a unit directly answered by a
   contrast connective ("But", "However"), is a counterargument. A contrast-led or refuting unit
   right after a counterargument is a rebuttal and attacks it. These are rules over the general
   connective lists of ``markers``: no corpus at hand annotates attacks (see the docs/mining-quality.md).
3. The central claim is the unit with the best central-claim score plus in-degree under the link model
   (``central_scores``) that is neither a counterargument, a question (unless it proposes: "Why not ...?")
   nor a clause continuing a sentence.
4. Every other unit gets one target: a maximum spanning arborescence (Chu-Liu/Edmonds)
   over the learned support-link scores, rooted at the central claim; long documents
   are decoded paragraph by paragraph (each paragraph's opening unit attaches to the root, and a proposal
   inside it too) so the cost stays linear. In a text of several paragraphs (an op-ed, a brief: at least
   ``LONG_PARAGRAPHS``) an author's unit opening a paragraph or proposing an action backs the central claim, and
   the other units back a unit of their own paragraph or the central claim (``_paragraph_candidates``).
   Counterarguments ATTACK their target, rebuttals ATTACK their
   counterargument, everything else SUPPORTS.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from importers.mining import features as F
from importers.mining.central import (
    IN_DEGREE_WEIGHT,
    answered_question,
    central_eligible,
    central_inputs,
    denies_proposal,
    describes_rule,
    in_degree,
    link_inputs,
    pends_decision,
    reports_proposal,
)
from importers.mining.imperatives import proposes_action
from importers.mining.model import Array, Models, load
from importers.mining.roles import Roles, mapped_kind, role_features
from importers.mining.roles import load as load_roles
from importers.mining.theses import author_views_and_calls, side_views, thesis_statements
from importers.mining.voices import (
    Voices,
    bridges,
    continues_clause,
    exchange,
    grants_briefly,
    objection_candidates,
    reader_objections,
    rebuttal_candidates,
    rule_opponents,
)
from importers.mining.voices import load as load_voices

SUPPORTS = "SUPPORTS"
ATTACKS = "ATTACKS"
# one tree over the whole text up to this many units; beyond, one tree per paragraph
GLOBAL_LIMIT = 60
WINDOW = 8  # candidate targets per side inside a long paragraph
# an opponent unit's target weighs the objection model's view of "the central claim" over this many of the best
# central-claim candidates (softmax of their scores): the central claim is wrong in about one text in five, and
# an objection then still argues against the real one (5-fold CV over dev*.json, docs/mining-quality.md)
OBJECTION_CENTRALS = 3
# Added to the link logit of an author's unit towards the chosen central claim: the link model scores every target
# before the central claim is chosen (it sees only each unit's central-claim logit), and without this the tree
# chains a reason to the unit just before it where the gold attaches it to the thesis (the most frequent target
# error in 5-fold CV over dev*.json: 109 of 347 wrong targets). The largest value that costs CDCP's tree nothing in
# the same CV (short texts gain most at 1.0, but CDCP's maps are not built around a thesis; docs/mining-quality.md).
# In a long text (``LONG_PARAGRAPHS``) only a unit of the central claim's paragraph has it: a unit opening another
# paragraph backs the central claim by rule, and the others back a unit of their paragraph 231 times out of 303 in
# the dev files (the bonus pulled them to the central claim; docs/mining-quality.md, "Long documents: paragraphs").
CENTRAL_TARGET_BONUS = 0.5
# Subtracted from the link logit of an author's unit towards another author's unit, times the roles model's probability
# that the target is evidence or a quote (``roles``: the kind it would give that unit). A reason backs a claim, the
# thesis or a rebuttal, seldom a piece of evidence: in dev*.json 10 of the 554 author's claims and evidence that have a
# target back evidence, while the tree, which cannot tell a claim from a fact, chained reasons to the evidence before
# them (a claim whose gold target is the thesis sent to a fact 24 times out of fold). Chosen on 5-fold and by-area
# cross-validation over dev*.json with every model refit per fold (docs/mining-quality.md, "Reasons back claims").
TARGET_EVIDENCE_PENALTY = 1.0
# A text decoded as one tree is shaped by its paragraphs (``_paragraph_candidates``; the central claim's bonus only in
# its own paragraph) when its units fall in at least this many: an op-ed or a brief (the genre corpora's dev files: 4
# to 8, more with headline and headings), not a short text's few (1 to 4 in dev*.json), whose paragraph openings back
# the central claim less surely, so that the rule sent them to a wrong central claim. Chosen on 5-fold
# cross-validation over dev*.json (``make cv-roles``): at 2 or 3 dev3 lost a link, at 4 every short-text cell is flat
# or better and the genre dev files keep their whole gain (docs/mining-quality.md, "Long documents: one tree, by
# paragraph count").
LONG_PARAGRAPHS = 4
_SENTENCE_CLOSE = (".", "!", "?", ":", ";")  # a unit ending so closes its sentence: the next is no clause of it
_ANSWER = re.compile(r"[\s\"“]*(?:yes|no|sure|certainly|of course)\b", re.IGNORECASE)
_PLAIN_KINDS = ("claim", "evidence")  # the role model's kinds an imperative turns into a recommendation
_TRAILING_CONTRAST = re.compile(r"[\s\"“]*(?:while|whilst|whereas)\b")  # lower case: a clause after a comma
# a reader's question voicing a doubt about what the text argues: a negated auxiliary ("Don't heat pumps stop working
# when it freezes?", "Won't my bill go up?", "Aren't they noisy?") or "What if ...?", after an optional "Q:" label
_DOUBT = re.compile(r"[\s\"“(*_]*(?:q\s*[:.][*_]*\s*)?(?:(?:don|doesn|didn|won|wouldn|isn|aren|wasn|weren|can|couldn|"
                    r"shouldn|haven|hasn)['’]t\b|what\s+if\b)", re.IGNORECASE)
_ANSWER_LABEL = re.compile(r"[\s*_]*a\s*[:.][*_]*\s+\S", re.IGNORECASE)  # "A: ..." answering the question before


@dataclass(frozen=True)
class Mined:
    """The analysis of one document's units (indices into the unit list)."""

    kinds: list[str]  # thesis | claim | evidence | recommendation | quote | counterargument | rebuttal | question
    types: list[str]  # most likely CDCP proposition type
    type_probs: Array
    central: int | None  # index of the central claim (None when the caller supplies the root)
    parents: list[int | None]  # target of each unit; None: a root, or (with a caller's root) attached to it
    relations: list[str | None]  # SUPPORTS / ATTACKS per unit; None for a root, ATTACKS for an unanswered
    # opposing voice attacking the caller's root
    link_probs: list[float | None]  # the link model's probability of each unit's target among its candidates
    # (None: a root, or set by a rule)
    opponent: list[bool]
    unit_words: list[set[str]] = field(default_factory=list, compare=False, repr=False)
    """Each unit's lower-cased words (``features.unit_words``), for the importers' word tests; empty: not kept."""


# ``doc.derived`` key: a long text's central-claim logits under ``Models.central_long`` (``analyse``)
_LONG_CENTRAL = "pipeline.long_central"


@dataclass(frozen=True)
class Analysis:
    doc: F.DocFeatures
    type_probs: Array
    central: Array  # central-claim logit per unit


def analyse(texts: Sequence[str], blocks: Sequence[int], title: str | None = None,
            models: Models | None = None) -> Analysis:
    models = models or load()
    doc = F.doc_features(texts, blocks, title)
    if doc.n == 0:
        return Analysis(doc, np.zeros((0, len(models.role_labels)), np.float32), np.zeros(0, np.float32))
    probs = models.role.softmax(np.concatenate((doc.embeddings, doc.unit), axis=1))
    rows = central_inputs(doc, probs)
    central = models.central.logits(rows)[:, 0]
    if models.central_long is not None and len(set(doc.blocks)) >= LONG_PARAGRAPHS:
        doc.derived[_LONG_CENTRAL] = models.central_long.logits(rows)[:, 0]
    return Analysis(doc, probs, central)


def link_logits(analysis: Analysis, pairs: Sequence[tuple[int, int]], models: Models | None = None,
                sparse: bool = False, ends: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None,
                cosine: Array | None = None) -> Array:
    """The tree's link score of each (source, target) pair; with ``sparse`` the sparse decoder's. ``ends``:
    ``features.pair_ends(pairs)`` and ``cosine`` the pairs' cosines when the caller has them."""
    models = models or load()
    if not pairs:
        return np.zeros(0, np.float32)
    rows = link_inputs(analysis.doc, analysis.type_probs, analysis.central, pairs, opponent_units(analysis.doc),
                       ends, cosine)
    out: Array = (models.sparse_link if sparse else models.link).logits(rows, overwrite=True)[:, 0]
    return out


def window_pairs(n: int) -> list[tuple[int, int]]:
    """Every (source, target) pair of a text up to GLOBAL_LIMIT units, else those at most WINDOW apart:
    the candidates the link model learns from."""
    limit = n if n <= GLOBAL_LIMIT else WINDOW
    return [(i, j) for i in range(n) for j in range(max(0, i - limit), min(n, i + limit + 1)) if i != j]


def window_ends(n: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """``features.pair_ends(window_pairs(n))`` in a few array steps (a long document has thousands of pairs; the
    list of tuples and its conversion cost more): each source's targets by offset, in order, those inside the text."""
    limit = n if n <= GLOBAL_LIMIT else WINDOW
    offsets = np.arange(-limit, limit + 1, dtype=np.int64)
    offsets = offsets[offsets != 0]
    sources = np.arange(n, dtype=np.int64)
    targets = (sources[:, None] + offsets).ravel()
    inside = (targets >= 0) & (targets < n)
    return sources.repeat(len(offsets))[inside], targets[inside]  # the method: no np.repeat wrapper


def central_scores(analysis: Analysis, models: Models | None = None,
                   pair_scores: dict[tuple[int, int], float] | None = None) -> Array:
    """What the central claim is chosen by: the central-claim model's logit plus ``IN_DEGREE_WEIGHT`` times
    the unit's in-degree under the link model over ``window_pairs`` (the central claim is what the rest of
    the text points to; 5-fold cross-validation over dev + dev2 + dev3, docs/mining-quality.md); in a text whose units
    fall in ``LONG_PARAGRAPHS`` paragraphs or more the logit is ``Models.central_long``'s (learned from the genre
    texts too; only the choice reads it, the link inputs keep ``Models.central``'s). ``pair_scores``, when
    given, receives every window pair's link logit (the tree reuses them)."""
    n = analysis.doc.n
    ends = window_ends(n)
    pairs = list(zip(ends[0].tolist(), ends[1].tolist(), strict=True))  # window_pairs(n)
    # a long document's window is the neighbours' the unit features compared (a short one: all its pairs)
    cosine = F.window_cosines(analysis.doc, WINDOW) if n > GLOBAL_LIMIT else None
    logits = link_logits(analysis, pairs, models, ends=ends, cosine=cosine)
    if pair_scores is not None:
        pair_scores.update(zip(pairs, logits.tolist(), strict=True))
    degree = in_degree(analysis.doc.n, pairs, logits, ends)
    own = analysis.doc.derived.get(_LONG_CENTRAL, analysis.central)  # set by ``analyse`` for a long text
    out: Array = (own + IN_DEGREE_WEIGHT * degree).astype(np.float32)
    return out


def sparse_links(analysis: Analysis, threshold: float, models: Models | None = None) -> list[tuple[int, int]]:
    """Each unit's most likely target when the learned probability reaches ``threshold``: independent
    decisions, no tree (CDCP-style sparse maps, where most units link to nothing), scored by the link
    model learned from those sparse maps alone."""
    n = analysis.doc.n
    pairs = window_pairs(n)
    logits = link_logits(analysis, pairs, models, sparse=True)
    cut = math.log(threshold / (1 - threshold))
    best: dict[int, tuple[float, int]] = {}
    for (i, j), value in zip(pairs, logits, strict=True):
        if value >= cut and value > best.get(i, (-math.inf, -1))[0]:
            best[i] = (float(value), j)
    return sorted((i, j) for i, (_, j) in best.items())


def opponent_units(doc: F.DocFeatures) -> list[bool]:
    """Counterarguments by the connective rules alone (``voices.rule_opponents``); ``mine`` uses the
    learned model, which sees these rules as features."""
    return rule_opponents(doc)


def _best_in_plain(root: int, edges: dict[tuple[int, int], float]) -> dict[int, int]:
    """Each node's best parent: the edges scanned in sorted order, a later parent taking a node only with a higher
    weight (so ties go to the smaller parent). The definition ``_best_in`` follows."""
    best_in: dict[int, int] = {}
    for (parent, child), weight in sorted(edges.items()):
        if child != root and parent != child and (
                child not in best_in or weight > edges[(best_in[child], child)]):
            best_in[child] = parent
    return best_in


def _best_in(root: int, edges: dict[tuple[int, int], float]) -> dict[int, int]:
    """``_best_in_plain`` without sorting the edges: each node's highest weight, a tie to the smaller parent (the
    parent the sorted scan meets first and keeps). The same parents (the dict's order may differ: its readers look
    nodes up or sort them); the sorted scan itself when a weight is NaN (with a NaN the scan's choice depends on
    the order it meets the edges in)."""
    best: dict[int, tuple[float, int]] = {}
    for (parent, child), weight in edges.items():
        if child == root or parent == child:
            continue
        held = best.get(child)
        if held is None or weight > held[0] or (weight == held[0] and parent < held[1]):
            best[child] = (weight, parent)
        elif weight != weight:
            return _best_in_plain(root, edges)
    if any(weight != weight for weight, _ in best.values()):
        return _best_in_plain(root, edges)
    return {child: parent for child, (_, parent) in best.items()}


def _edmonds(nodes: set[int], root: int, edges: dict[tuple[int, int], float]) -> dict[int, int]:
    """Chu-Liu/Edmonds maximum spanning arborescence: ``edges[(parent, child)] = weight`` in, the
    parent of every node but ``root`` out. Ties go to the smaller parent, so results are stable."""
    best_in = _best_in(root, edges)
    cycle: list[int] = []
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    for start in sorted(best_in):
        path = []
        node: int | None = start
        while node is not None and node != root and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = best_in.get(node)
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node):]
        for visited in path:
            state[visited] = 2
        if cycle:
            break
    if not cycle:
        return best_in
    members = set(cycle)
    merged = max(nodes | {parent for parent, _ in edges}) + 1  # never the id of a parent outside the group
    contracted: dict[tuple[int, int], float] = {}
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for (parent, child), weight in sorted(edges.items()):
        if parent in members and child in members:
            continue
        if child in members:
            key, value = (parent, merged), weight - edges[(best_in[child], child)]
        elif parent in members:
            key, value = (merged, child), weight
        else:
            key, value = (parent, child), weight
        if key not in contracted or value > contracted[key]:
            contracted[key] = value
            origin[key] = (parent, child)
    sub = _edmonds((nodes - members) | {merged}, root, contracted)
    result: dict[int, int] = {}
    entered = -1
    for child, parent in sub.items():
        real_parent, real_child = origin[(parent, child)]
        result[real_child] = real_parent
        if child == merged:
            entered = real_child
    for node in members:
        if node != entered:
            result[node] = best_in[node]
    return result


def _arborescence(nodes: list[int], root: int, candidates: dict[int, list[int]],
                  score: dict[tuple[int, int], float]) -> dict[int, int]:
    """Parent of every node but ``root``: the maximum spanning arborescence (exact for groups up to
    GLOBAL_LIMIT units, greedy without cycles for bigger ones)."""
    if len(nodes) <= GLOBAL_LIMIT:
        edges = {(parent, child): score[(child, parent)] for child in nodes if child != root
                 for parent in candidates[child]}
        return _edmonds(set(nodes), root, edges)
    parents: dict[int, int] = {}

    def reaches(start: int, goal: int) -> bool:
        node: int | None = start
        while node is not None:
            if node == goal:
                return True
            node = parents.get(node)
        return False

    order = sorted((n for n in nodes if n != root),
                   key=lambda c: -max(score[(c, p)] for p in candidates[c]))
    for child in order:
        for parent in sorted(candidates[child], key=lambda p: (-score[(child, p)], p)):
            if not reaches(parent, child):
                parents[child] = parent
                break
        else:
            parents[child] = root
    return parents


def _rule_rebuttals(doc: F.DocFeatures, opponent: list[bool], question: list[bool],
                    central: int | None) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """The connective rules (``rules=True``, kept to compare against): contrast-led or refuting units
    right after a counterargument, or the main clause after a leading concessive clause, attack that
    counterargument; a unit between the two continues the opposing voice (``opponent`` is updated)."""
    n = doc.n
    rebuts: dict[int, int] = {}
    for i in range(n):
        if opponent[i] or i == central:
            continue
        for j in (i - 1, i - 2):
            if j >= 0 and opponent[j] and doc.blocks[j] == doc.blocks[i] and (
                    doc.marker(i, "contrast_start") or doc.marker(i, "refutation")
                    or (j == i - 1 and doc.marker(j, "concession_start") and doc.texts[j].rstrip().endswith(","))):
                rebuts[i] = j
                break
        else:  # a paragraph opening with "But/Yet ..." answers an opposing voice closing the one before
            j = i - 1
            if (j >= 0 and doc.blocks[j] != doc.blocks[i] and opponent[j] and doc.marker(i, "contrast_start")
                    and (doc.marker(j, "concession_start") or doc.marker(j, "opponent_start"))):
                rebuts[i] = j
    forced: dict[int, int] = dict(rebuts)
    backing: set[int] = set()
    for i, j in rebuts.items():
        if i - j == 2 and not opponent[j + 1] and j + 1 != central and not question[j + 1]:
            opponent[j + 1] = True
            forced[j + 1] = j
            backing.add(j + 1)
    return rebuts, forced, backing


def _learned_rebuttals(doc: F.DocFeatures, voices: Voices, opponent: list[bool], opponent_probs: Array,
                       central: int | None) -> dict[int, int]:
    """Replies the learned pair model is sure of: an author's unit attacking an opponent unit shortly
    before it (source -> target). Each objection gets one reply sentence, the most probable, plus the
    clauses continuing it ("But X, and Y"): so the gold short texts answer an objection (24 of 28 with
    one unit, 3 more with a continued clause)."""
    pairs = rebuttal_candidates(doc.n, opponent, central, doc.blocks, bridges(doc))
    probs = voices.rebut_probs(doc, opponent_probs, pairs, central)
    best: dict[int, tuple[float, int]] = {}
    for (i, j), p in zip(pairs, probs, strict=True):
        if p >= voices.rebut_threshold and p > best.get(i, (-1.0, -1))[0]:
            best[i] = (float(p), j)
    replies: dict[int, int] = {}
    answered: set[int] = set()
    for i, (_, j) in sorted(best.items(), key=lambda item: (-item[1][0], item[0])):
        continues = replies.get(i - 1) == j and continues_clause(doc.texts[i])
        if j not in answered or continues:
            replies[i] = j
            answered.add(j)
    for i in sorted(best):  # a continuing clause is accepted once the reply it continues is
        j = best[i][1]
        if i not in replies and replies.get(i - 1) == j and continues_clause(doc.texts[i]):
            replies[i] = j
    # an objection closing its paragraph, turned down by the next paragraph's opening ("3.1 The airport argues that
    # ... | 3.2 We do not accept this."): a numbered or one-point-a-paragraph text answers across the break, where the
    # reply model looks for no answer (``rebuttal_candidates``)
    for i in range(1, doc.n):
        j = i - 1
        if (opponent[j] and not opponent[i] and i != central and doc.blocks[i] != doc.blocks[j] and j not in answered
                and i not in replies and doc.marker(i, "refutation")):
            replies[i] = j
            answered.add(j)
    # the reader's objection ('"But ...," you say.') is answered by the author's first "But ..." / refutation after
    # it in its paragraph (the reply model, trained on objections by third parties, scores this pair low)
    for j, reader in enumerate(reader_objections(doc.texts)):
        if not reader or j in answered or not opponent[j]:
            continue
        for i in range(j + 1, min(doc.n, j + 4)):
            if doc.blocks[i] != doc.blocks[j] or opponent[i] or i == central:
                break
            if i not in replies and (doc.marker(i, "contrast_start") or doc.marker(i, "refutation")):
                replies[i] = j
                answered.add(j)
                break
    return dict(sorted(replies.items()))


def _answered_objections(doc: F.DocFeatures, opponent: Sequence[bool], replies: dict[int, int]) -> dict[int, int]:
    """The replies (author's unit -> the objection it answers), where a reply to a short unit of the opposing voice
    that grants or restates the objection just before it ("Some say X. They are, | but ...", "Those jobs matter, |
    but ...") answers that objection instead: in dev*.json all 9 replies after such a unit attack the objection before
    it, while of the 25 after a longer second unit (an elaboration, a figure) 12 attack that unit, 11 the one before.
    (Tried and left out: "X, | but Y" after an opposing voice's clause X as a reply to X, as all 6 such clauses of
    dev*.json are; it cost CDCP's tree, whose comments grant their own points so: "I am not a lawyer, | but ...".)"""
    return {i: j - 1 if j > 0 and opponent[j - 1] and doc.blocks[j - 1] == doc.blocks[j]
            and grants_briefly(doc.texts[j]) else j for i, j in sorted(replies.items())}


def _conclusions_carry_replies(doc: F.DocFeatures, opponent: Sequence[bool], question: Sequence[bool],
                               central: int | None, replies: dict[int, int], forced: dict[int, int]) -> None:
    """A reply followed by a conclusion of the author's in its paragraph ("But X, | so Y", "Yet X. | Y is therefore
    ...") gives the conclusion's reason: the conclusion answers the objection, the reply backs the conclusion (all 5
    such pairs of dev*.json; the reply model scores only the first unit after the objection). ``replies`` and
    ``forced`` (each unit's fixed target) are updated."""
    for i, j in sorted(replies.items()):
        k = i + 1
        if (k < doc.n and doc.blocks[k] == doc.blocks[i] and not opponent[k] and k != central and not question[k]
                and k not in replies
                and (doc.marker(k, "conclusion_start") or doc.marker(k, "conclusion_inside"))):
            del replies[i]
            replies[k] = forced[k] = j
            forced[i] = k


def objection_targets(i: int, candidates: list[int], central: int | None, opponent: Sequence[bool]) -> list[int]:
    """The targets the opponent unit ``i`` may take among ``candidates``: not the text's opening when ``i`` follows it
    and neither the opening nor the objection is the central claim (a report, a figure, an event the author starts
    from): an objection there argues against the thesis (dev*.json: 9 of 13 such objections, 2 the opening)."""
    if i == 1 and central not in (0, None) and not opponent[0] and central in candidates:
        return [j for j in candidates if j != 0]
    return candidates


def central_candidates(root_score: Array, eligible: Sequence[int], central: int,
                       top: int = OBJECTION_CENTRALS) -> dict[int, float]:
    """The chosen central claim and the next best eligible units, ``top`` in all, each with its softmax weight
    over their central-claim scores."""
    best = [central, *sorted((i for i in eligible if i != central), key=lambda i: (-float(root_score[i]), i))]
    best = best[:top]
    peak = max(float(root_score[i]) for i in best)
    weights = [math.exp(float(root_score[i]) - peak) for i in best]
    return {i: w / sum(weights) for i, w in zip(best, weights, strict=True)}


def objection_log_probs(doc: F.DocFeatures, voices: Voices, opponent: Sequence[bool], opponent_probs: Array,
                        centrals: dict[int, float]) -> dict[int, dict[int, float]]:
    """log P(target) of every opponent unit's candidates (``voices.objection_candidates``) by the objection model,
    normalised over the candidates and averaged over the possible central claims (``central_candidates``): the
    second expert of the product the tree decodes for an opponent unit."""
    sources = [i for i in range(doc.n) if opponent[i] and i not in centrals]
    mixed: dict[int, dict[int, float]] = {i: {} for i in sources}
    pairs_of = {central: [(i, j) for i in sources for j in objection_candidates(doc.n, i, central)]
                for central in centrals}
    probs_of = voices.target_probs_each(doc, opponent_probs, pairs_of)  # target_probs per central claim, at once
    for central, weight in centrals.items():
        pairs, probs = pairs_of[central], probs_of[central]
        by_source: dict[int, list[tuple[int, float]]] = {}
        for (i, j), p in zip(pairs, probs, strict=True):
            by_source.setdefault(i, []).append((j, float(p)))
        for i, scored in by_source.items():
            total = sum(p for _, p in scored)
            for j, p in scored:
                mixed[i][j] = mixed[i].get(j, 0.0) + weight * p / total
    return {i: {j: math.log(max(p, 1e-6)) for j, p in by_target.items()} for i, by_target in mixed.items()}


def learned_voices(doc: F.DocFeatures, voices: Voices, choose_central: Callable[[list[int]], int | None],
                   own: set[int] | None = None,
                   opposing: set[int] | None = None) -> tuple[Array, list[bool], int | None, dict[int, int]]:
    """(P(opponent) per unit, opponent decisions, the central claim, replies: author's unit -> the
    objection it answers) by the voices models; ``choose_central`` picks the central claim among the
    eligible units (``central.central_eligible``: not an opponent, ...) or returns None (a caller's root).
    Units in ``own`` (the text's statements of its own thesis) are the author's: P(opponent) 0; units in ``opposing``
    (the other side's section of a text giving two sides) opposing voices: P(opponent) 1."""
    question = doc.marker_list("question")  # read only
    opponent_probs = voices.opponent_probs(doc)
    if own:
        opponent_probs[sorted(own)] = 0.0
    if opposing:
        opponent_probs[sorted(opposing)] = 1.0
    # a question asks; whose side it takes is its answer's (none of the gold questions is an opponent unit)
    opponent = [bool(p >= voices.opponent_threshold) and not question[i] for i, p in enumerate(opponent_probs)]
    # a quotation put in the reader's mouth ('"But ...," you say.') is the other side's, whatever its opening word
    for i, reader in enumerate(reader_objections(doc.texts)):
        if reader:
            opponent[i] = True
    central = choose_central(central_eligible(doc, opponent))
    if central is not None:
        opponent[central] = False
    return opponent_probs, opponent, central, _learned_rebuttals(doc, voices, opponent, opponent_probs, central)


def _penalise_evidence_targets(plans: Sequence[tuple[list[int], int, int | None, dict[int, list[int]]]],
                               role_probs: Array, kinds: Sequence[str], forced: dict[int, int],
                               objection: dict[int, dict[int, float]], opponent: Sequence[bool],
                               question: Sequence[bool], rebuts: dict[int, int], central: int | None,
                               score: dict[tuple[int, int], float]) -> None:
    """Lower each author's unit's link to an author's unit the roles model takes for evidence or a quote by
    ``TARGET_EVIDENCE_PENALTY`` times that probability (``score`` is updated). Left alone: a unit whose target a rule
    fixes, an opposing voice (the objection model weighs its targets), and targets whose kind the structure gives
    (the central claim, an opposing voice, a question, a reply to an objection: evidence backs a rebuttal often)."""
    if not TARGET_EVIDENCE_PENALTY:
        return
    weak = np.zeros(len(role_probs), np.float32)
    for k, kind in enumerate(kinds[:role_probs.shape[1]]):  # a model may lack a kind (the tests' do)
        if kind in ("evidence", "quote"):
            weak += role_probs[:, k]
    # each target's cost once, as the pairs would work it out (``tolist`` gives float(weak[j]); a pair's test and
    # numpy scalar read cost ~0.5 us, and a short text has hundreds of pairs)
    cost = [TARGET_EVIDENCE_PENALTY * w for w in weak.tolist()]
    penalised = [j != central and not opponent[j] and not question[j] and j not in rebuts for j in range(len(weak))]
    for _, _, _, candidates in plans:
        for i, js in candidates.items():
            if i in forced or opponent[i] or i in objection:
                continue
            for j in js:
                if penalised[j]:
                    score[(i, j)] -= cost[j]


def _paragraph_candidates(doc: F.DocFeatures, i: int, central: int, window: list[int], proposes: bool) -> list[int]:
    """The targets an author's unit ``i`` of a text decoded as one tree may take, by its paragraph: a proposal, and
    the unit opening a paragraph other than the central claim's, back the central claim; any other unit backs a unit
    of its own paragraph or the central claim. So the gold of every dev file links (dev*.json, argmap-opeds and
    argmap-briefs dev: of the author's units outside the central claim's paragraph, 63 of 74 paragraph openings back
    the central claim, 1 the unit before it; 8 of the 303 others back a unit of another paragraph but the central
    claim; all 48 recommendations back the central claim), where the link model, which scores neighbours high
    whatever lies between them, chained an opening to the last unit of the paragraph before and a proposal to the
    next (docs/mining-quality.md, "Long documents: paragraphs")."""
    if proposes or (doc.blocks[i] != doc.blocks[central] and (i == 0 or doc.blocks[i] != doc.blocks[i - 1])):
        return [central]
    return [j for j in window if doc.blocks[j] == doc.blocks[i] or j == central] or [central]


def mine(texts: Sequence[str], blocks: Sequence[int], *, title: str | None = None,
         external_root: bool = False, leads: set[int] | None = None, attack_root: bool = False,
         models: Models | None = None, voices: Voices | None = None, rules: bool = False,
         roles: Roles | None = None, mapped_roles: bool = False, central_as_thesis: bool = True,
         lists: dict[int, int] | None = None, proposals: set[int] | None = None,
         answers: dict[int, int] | None = None, authors: Sequence[str] = (),
         sides: tuple[set[int], set[int]] | None = None) -> Mined:
    """Roles and one target per unit. With ``external_root`` (a genre importer's thesis or section
    claim is the root) no unit is made the central claim and each paragraph's lead unit has no
    parent; otherwise exactly one unit is the central claim and the result is one connected tree.
    ``leads`` are units that must be their paragraph's root (a bullet's lead sentence). With
    ``attack_root`` an opposing voice its paragraph leaves unanswered attacks the caller's root.
    Opponent units, attacks between nearby units and the type of every edge come from the learned
    ``voices`` models; ``rules=True`` uses the older connective rules instead (to compare against).
    The kind of every unit but the central claim and the questions comes from the learned ``roles``
    model; ``mapped_roles=True`` uses the older fixed mapping of CDCP types instead (to compare against).
    Without ``central_as_thesis`` (a genre whose thesis is elsewhere, an op-ed's headline) the central claim
    keeps the kind the role model gives it. ``lists`` maps the blocks that are items of a bulleted or numbered list
    to that list's number: a unit of one item never backs another item of its list ("Key findings", the
    recommendations: coordinate points, which the link model would chain one to the next). ``proposals`` are
    the blocks of a section that sets out recommendations as paragraphs: coordinate as a list's items, and each
    paragraph's lead backs the root (the next paragraph's recommendation is no reason for it, nor a finding outside
    the section). ``answers`` maps a unit to the question it answers (an explainer's "A:" after its "Q:", whose
    labels the importer has taken off); a unit labelled "A:" right after a question answers it too. A question that
    voices a doubt ("Don't heat pumps stop working when it freezes?") attacks the central claim and its answer
    attacks the question. ``authors``: the text's authors (an importer's byline); a unit where an institution
    signing the text states its view under its name ("The Board believes ...", ``theses.author_views_and_calls``) is the
    author's voice. ``sides`` (a text giving two sides under headings, ``structure.section_sides``): the units of the
    text's own side, of which one is the central claim, and those of the other side, opposing voices."""
    leads = leads or set()
    proposed = proposals or set()
    in_list = dict(lists or {})
    in_list.update({block: -1 for block in proposed})  # one more list, numbered apart from the real ones
    models = models or load()
    analysis = analyse(texts, blocks, title, models)
    doc = analysis.doc
    n = doc.n
    labels = models.role_labels
    types = [labels[int(k)] for k in analysis.type_probs.argmax(axis=1)] if n else []
    if n == 0:
        return Mined([], [], analysis.type_probs, None, [], [], [], [])
    question = doc.marker_list("question")  # read only
    objection: dict[int, dict[int, float]] = {}  # opponent unit -> log P of its candidates by the objection model
    score: dict[tuple[int, int], float] = {}  # link logit of each (source, target) pair scored so far
    root_score = None if external_root else central_scores(analysis, models, score)
    # a unit that states the text's own position ("This brief argues that ...", "We conclude that ..."): the
    # author's voice, and the central claim when the text has one (the strongest verb first: "argues" over "finds")
    stated = thesis_statements(doc.texts)
    # ... or that the author, an institution, asks for under its name ("Ocean Trust today called on the ministry to")
    views, calls = author_views_and_calls(doc.texts, authors)
    stated.update({i: strength for i, strength in calls.items() if i not in stated})
    # ... and the author's view under its own name (an institution signing the text): never an opposing voice
    own_voice = set(stated) | views
    own_side, opposing = sides or (set(), set())
    own_voice -= opposing
    # ... and, in a text giving two sides, the own side's statement of its position under its name ("The majority
    # recommends that ...")
    for i in side_views(doc.texts, sorted(own_side)):
        stated[i] = 2
        own_voice.add(i)

    def choose_central(eligible: list[int]) -> int | None:
        if root_score is None:
            return None
        if own_side:  # a two-sided text's central claim is its own side's, if that side has an eligible unit
            eligible = [i for i in eligible if i in own_side] or eligible
        own = [i for i in eligible if i in stated]
        if own:
            strongest = max(stated[i] for i in own)
            eligible = [i for i in own if stated[i] == strongest]
        return max(eligible, key=lambda i: (float(root_score[i]), -i))

    rejected: dict[int, int] = {}  # a question raised to be answered ("Because ...", a doubt's "A: ..."): its answer
    if rules:
        opponent = [(o and i not in own_voice) or i in opposing for i, o in enumerate(opponent_units(doc))]
        central = choose_central(central_eligible(doc, opponent))
        rebuts, forced, backing = _rule_rebuttals(doc, opponent, question, central)
        opponent_probs = np.asarray(opponent, np.float32)
    else:
        voices = voices or load_voices()
        opponent_probs, opponent, central, rebuts = learned_voices(doc, voices, choose_central, own_voice,
                                                                      opposing)
        # (concession then answer: the grant of the point just made, its answer and an aside continuing the voice
        # are inputs of the voices models, ``voices.exchange``)
        rebuts = _answered_objections(doc, opponent, rebuts)
        forced, backing = dict(rebuts), set[int]()
        # "Why not X? | Because Y.": X is an alternative the author rejects (it argues against the central claim) and
        # Y the reason against it
        for q in range(doc.n - 1):
            if central is not None and q != central and q + 1 != central and q + 1 not in forced and q not in forced \
                    and answered_question(doc, q) and not opponent[q + 1]:
                forced[q] = central
                forced[q + 1] = q
                rejected[q] = q + 1
        # an explainer's doubts and their answers: "Q: Won't my bill go up?" | "A: It will rise, and ..."
        asked = dict(answers or {})
        asked.update({k: k - 1 for k in range(1, doc.n) if question[k - 1] and _ANSWER_LABEL.match(doc.texts[k])})
        for k, q in sorted(asked.items()):
            if (central is not None and central not in (q, k) and q not in forced and k not in forced
                    and question[q] and not opponent[k] and _DOUBT.match(doc.texts[q])):
                forced[q] = central
                forced[k] = q
                rejected[q] = k
        _conclusions_carry_replies(doc, opponent, question, central, rebuts, forced)
        if central is not None and root_score is not None:  # each opposing voice's candidates by the objection model
            # a thesis the text states about itself ("This brief argues that ...") is the central claim for certain:
            # the objection model weighs no other candidate (the most central-looking unit may be a recommendation)
            centrals = ({central: 1.0} if central in stated
                        else central_candidates(root_score, central_eligible(doc, opponent), central))
            objection = objection_log_probs(doc, voices, opponent, opponent_probs, centrals)
    # The reason a sentence gives inside itself, in one voice: a clause backs another clause of its sentence whoever
    # speaks (an opposing voice's reason backs the opposing claim; a clause the voices model flags on its own is no
    # answer to the clause it gives the reason of). Such a link involving an opposing unit is SUPPORTS (``reasons``),
    # not an attack; the older connective rules (``rules``) keep their author-only reading, to compare against.
    # Out of fold: short texts flat or better on every file, CDCP train's tree +0.003 (docs/mining-quality.md,
    # "Reasons inside a sentence, whoever speaks").
    voice_blind = not rules
    reasons: set[int] = set()
    # the clause that gives the reason of the clause before it: "X, because Y" (a cause clause split off X's
    # sentence) and "X: Y" (all 31 units after a colon in dev*.json back the clause before)
    for i in range(1, n):
        if i in forced or i == central or doc.blocks[i] != doc.blocks[i - 1]:
            continue
        before = doc.texts[i - 1].rstrip()
        if before.endswith(":") or (doc.marker(i, "cause_start") and (voice_blind or not opponent[i])
                                    and not before.endswith(_SENTENCE_CLOSE)):
            forced[i] = i - 1
            if voice_blind and (opponent[i] or opponent[i - 1]):
                reasons.add(i)
    # "X, so Y": the clause before a conclusion clause split off its sentence is that conclusion's reason (all 12
    # such author pairs of dev*.json; the tree sent 8 of them elsewhere), unless that would close a loop
    for i in range(n - 1):
        j = i + 1
        if (i not in forced and i != central and (voice_blind or not opponent[i] and not opponent[j])
                and doc.blocks[i] == doc.blocks[j]
                and doc.marker(j, "conclusion_start") and not doc.texts[i].rstrip().endswith(_SENTENCE_CLOSE)):
            node = j
            while node in forced and node != i:
                node = forced[node]
            if node != i:
                forced[i] = j
                if voice_blind and (opponent[i] or opponent[j]):
                    reasons.add(i)
    # groups: the whole text, or one per paragraph
    if n <= GLOBAL_LIMIT and not external_root:
        groups = [list(range(n))]
    else:
        by_block: dict[int, list[int]] = {}
        for i in range(n):
            by_block.setdefault(doc.blocks[i], []).append(i)
        groups = list(by_block.values())
    parents: list[int | None] = [None] * n
    link_probs: list[float | None] = [None] * n
    plans: list[tuple[list[int], int, int | None, dict[int, list[int]]]] = []  # (group, root, outside, candidates)
    role_probs = None
    if not mapped_roles:
        roles = roles or load_roles()
        role_probs = roles.probs(role_features(doc, analysis.type_probs, opponent_probs, opponent, rebuts))
    imperative: dict[int, bool] = {}  # both the proposals here and the kinds below ask it of a unit: worked out once

    def opens_proposal(i: int) -> bool:
        """The unit opens with an imperative that proposes an action (``proposes_action``, a capital first)."""
        if i not in imperative:
            imperative[i] = doc.texts[i][:1].isupper() and proposes_action(doc.texts[i])
        return imperative[i]

    # the author's units that propose an action (the kind the roles model gives, or an opening imperative: as
    # ``kinds`` below), and those a rule or a model gives no target of their own: in dev*.json and the genre
    # corpora's dev files every recommendation but the central claim backs the central claim (48 of 48)
    most_probable = roles.most_probable(role_probs) if roles is not None and role_probs is not None else None

    def proposing(i: int) -> bool:
        """The unit's kind is a recommendation: the roles model's most probable kind, or a claim or evidence opening
        with an imperative (as the kinds below are given); asked only where a rule reads it."""
        return most_probable is not None and (most_probable[i] == "recommendation"
                                              or most_probable[i] in _PLAIN_KINDS and opens_proposal(i))

    free = [not opponent[i] and not question[i] and i not in rebuts and i not in forced and i not in objection
            for i in range(n)]
    long_text = len(set(doc.blocks)) >= LONG_PARAGRAPHS
    # under a caller's root no unit is the central claim, but the most central-looking of the author's units (the one
    # restating the caller's thesis, as a body's central claim does its headline) stays its paragraph's root
    likeliest = None
    if central is None:
        eligible = [i for i in range(n) if not opponent[i] and not question[i] and i not in rebuts]
        likeliest = max(eligible, key=lambda i: (float(analysis.central[i]), -i)) if eligible else None
    for group in groups:  # groups are runs of consecutive units
        first, last = group[0], group[-1]
        pool = [i for i in group if not opponent[i] and not question[i] and i not in rebuts] or group
        outside = forced.get(first)
        if outside is not None and first <= outside <= last:
            outside = None
        if central is not None and first <= central <= last:
            root = central
        elif outside is not None:
            root = first  # the paragraph answers the one before: its opening is its root
        elif first in leads:
            root = first
        elif likeliest is not None and first <= likeliest <= last:
            root = likeliest
        elif pool[0] == first:
            # a paragraph's opening unit is its root when the author speaks it (not a question or a reply): the unit
            # that backs the central claim (in the dev files 63 of the author's 74 openings outside the central
            # claim's paragraph back it); the most central-looking unit was chosen before, often a fact or a
            # proposal further in (docs/mining-quality.md, "Long documents: paragraphs")
            root = first
        else:
            root = max(pool, key=lambda i: (float(analysis.central[i]), -i))
        limit = n if len(group) <= GLOBAL_LIMIT else WINDOW
        candidates: dict[int, list[int]] = {}
        for i in group:
            if i == root:
                continue
            if i in forced:
                candidates[i] = [forced[i]]
                continue
            if i in objection:  # what the objection model may choose (the root too: a tree must exist)
                candidates[i] = objection_targets(i, [*objection[i], *([] if root in objection[i] else [root])],
                                                  central, opponent)
                continue
            window = [j for j in range(max(first, i - limit), min(last, i + limit) + 1) if j != i]
            if opponent[i]:  # an opposing voice argues against the author; it may back the objection just before
                window = [j for j in window if not opponent[j] or (not rules and j == i - 1)] or [root]
            elif not rules:  # the author answers an objection through the reply model only
                window = [j for j in window if not opponent[j]] or [root]
            if doc.blocks[i] in proposed and (i == 0 or doc.blocks[i - 1] != doc.blocks[i]) and not opponent[i]:
                candidates[i] = [root]  # a recommendation paragraph's lead: what the text as a whole argues for
                continue
            if root == central and free[i] and long_text:
                window = _paragraph_candidates(doc, i, root, window, proposing(i))
            if in_list.get(doc.blocks[i]) is not None:  # the items of one list are coordinate: none backs another
                window = [j for j in window if in_list.get(doc.blocks[j]) != in_list[doc.blocks[i]]
                          or doc.blocks[j] == doc.blocks[i]] or [root]
            if root not in window:
                window.append(root)
            candidates[i] = window
        plans.append((group, root, outside, candidates))
    # one scoring pass for every pair the central claim's choice has not scored: the features are cheaper
    # in bulk (scored among all of a source's window pairs, as the link model learned them)
    pairs = [(i, j) for _, _, _, candidates in plans for i, js in candidates.items() for j in js
             if (i, j) not in score]
    score.update(zip(pairs, link_logits(analysis, pairs, models).tolist(), strict=True))
    if role_probs is not None:
        assert roles is not None
        _penalise_evidence_targets(plans, role_probs, roles.kinds, forced, objection, opponent, question, rebuts,
                                   central, score)
    for i in range(n):
        if central is None or (i, central) not in score or i in objection:
            continue
        # an opposing voice most often argues against the main claim; an author's unit most often backs it (an
        # opponent unit the objection model scores has no bonus: that model weighs the central claim itself)
        # (in a long text, an author's unit of another paragraph backs its paragraph: see above)
        if opponent[i] or not long_text or doc.blocks[i] == doc.blocks[central]:
            score[(i, central)] += 1.0 if opponent[i] else CENTRAL_TARGET_BONUS
    if objection:
        # an opponent unit's target: the product of two experts, the link model and the objection model to the
        # power ``voices.objection_weight`` (a log-linear blend; the root, when the objection model has no
        # opinion on it, gets the unit's least likely candidate's)
        assert voices is not None
        for _, _, _, candidates in plans:
            for i, js in candidates.items():
                if i in objection:
                    floor = min(objection[i].values())
                    for j in js:
                        score[(i, j)] += voices.objection_weight * objection[i].get(j, floor)
    for group, root, outside, candidates in plans:
        tree = _arborescence(group, root, candidates, score)
        for child, parent in tree.items():
            parents[child] = parent
            if child not in forced:  # the link model is a softmax over the unit's candidate targets
                values = [score[(child, j)] for j in candidates[child]]
                top = max(values)
                link_probs[child] = math.exp(score[(child, parent)] - top) / sum(math.exp(v - top) for v in values)
        if outside is not None and root == group[0]:
            parents[root] = outside
        elif central is not None and root != central:
            parents[root] = central
        if central is None or not group[0] <= central <= group[-1]:
            # a paragraph decoded on its own: a proposal in it backs the central claim (None: the caller's root), its
            # paragraph's reasons for it still backing it (it chained to the next proposal of its paragraph)
            for i in group:
                if i != root and free[i] and proposing(i):
                    parents[i] = central
                    link_probs[i] = None
    edges = [(i, p) for i, p in enumerate(parents) if p is not None]
    if not rules and edges:
        assert voices is not None
        attack_probs = dict(zip(edges, voices.attack_probs(doc, np.asarray(opponent, np.float32), edges, central),
                                strict=True))
        # an opposing unit granting the point of the opposing unit just before it (``voices.exchange``) that the
        # edge-type model has back that unit is part of that objection, not one of its own
        conceding = exchange(doc)[3]
        backing |= {i for (i, p) in edges if opponent[i] and opponent[p] and p == i - 1 and conceding[i]
                    and attack_probs[(i, p)] < voices.relation_threshold}
    # With a caller's root, an opposing voice its paragraph leaves unanswered argues against that root
    # (the section's claim or the thesis): parent None, relation ATTACKS.
    answered = {j for i, j in rebuts.items() if opponent[j] and not opponent[i]}
    unanswered = {i for i in range(n) if external_root and attack_root and opponent[i] and i not in answered
                  and i not in backing and i not in reasons}
    relations: list[str | None] = []
    decided: list[str] = []
    if role_probs is not None:
        assert roles is not None
        decided = roles.most_probable(role_probs)
    kinds: list[str] = []
    for i in range(n):
        target = parents[i]
        if i in unanswered:
            parents[i] = None
            link_probs[i] = None
            relations.append(ATTACKS)
        elif target is None:
            relations.append(None)
        elif i in rebuts and target == rebuts[i]:
            relations.append(ATTACKS)
        elif (i in rejected and target == central) or (target in rejected and rejected[target] == i):
            relations.append(ATTACKS)  # "Why not X?" against the central claim, "Because Y" against X
        elif i in reasons and target == forced[i]:
            relations.append(SUPPORTS)  # a reason inside its sentence
        elif not rules:
            assert voices is not None
            relations.append(ATTACKS if attack_probs[(i, target)] >= voices.relation_threshold else SUPPORTS)
        elif i in backing and parents[i] == forced[i]:
            relations.append(SUPPORTS)
        elif opponent[i]:
            relations.append(ATTACKS)
        else:
            relations.append(SUPPORTS)
        if i == central and central_as_thesis:  # the map's root is its thesis whatever its form ("Why not ...?"
            kinds.append("thesis")  # too; the gold keeps such a question's kind, but a reader looks for the thesis)
        elif opponent[i]:
            kinds.append("counterargument")
        elif question[i]:
            kinds.append("question")  # a rhetorical question may answer an objection; it stays a question
        elif not mapped_roles:
            # an author's unit attacking an opposing voice is a rebuttal: every such unit of the gold short
            # texts is one, those proposing an action too ("the answer is to ...", "they should be dealt
            # with directly"), so the role model's kind counts only for the other units
            replies = relations[i] == ATTACKS and target is not None and (opponent[target] or target in rejected)
            kind = "rebuttal" if replies else decided[i]
            # a sentence opening with an imperative verb proposes an action whatever the role model makes of its
            # other words ("Fund the grid upgrades before 2030."): CDCP and the short texts hold too few
            # imperatives for the model to learn them (docs/importers.md, "Imperatives")
            if kind in _PLAIN_KINDS and opens_proposal(i):
                kind = "recommendation"
            elif kind == "recommendation" and (denies_proposal(doc.texts[i]) or describes_rule(doc.texts[i])
                                               or reports_proposal(doc.texts[i]) or pends_decision(doc.texts[i])):
                kind = "claim"
            kinds.append(kind)
        elif relations[i] == ATTACKS and target is not None and opponent[target] and types[i] == "value":
            kinds.append("rebuttal")  # the older mapping: a recommendation or a fact keeps its kind
        else:
            kinds.append(mapped_kind(types[i]))
    return Mined(kinds, types, analysis.type_probs, central, parents, relations, link_probs, opponent,
                 F.unit_words(doc))
