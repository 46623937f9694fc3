"""Importer for "key assumption check" policy briefs (CSIS Briefs and the like).

The genre states its structure in the text, and this importer follows it:

* "The Issue" (or "Key Points", "Summary") bullets are the brief's claims; the bullet
  that prescribes ("should", "must", "it is imperative") is the thesis, the others SUPPORT it;
* "Key Assumption #N: X" headings are assumptions;
* "Key Assumption Check: ..." paragraphs (also glued mid-line after a footnote number)
  are assumption checks with a verdict read from their own wording (see ``verdict_of``),
  linked to the assumption of their section: SUPPORTS when upheld or mixed, ATTACKS
  when challenged;
* the bold-lead paragraphs under "Recommendations" ("A New Peace Deal. ...") are the
  recommendations, each SUPPORTS the thesis and is SUPPORTED by the checks it rests on;
* pull quotes (a quoted line then "— Name, role") are quote statements carrying their speaker;
* every other sentence of the prose (introduction, body, bullets, Key Assumption sections) is
  read by the argument-mining pipeline (``importers.mining``): its role (evidence, claim,
  counterargument, reported speech with its speaker ...) and one link, so each paragraph is a
  small tree whose lead SUPPORTS the section's check (or its assumption), else the thesis.
"""

from __future__ import annotations

import re

from graph.model import DocumentGraph, Statement, StatementKind, Verdict
from importers import lexicon
from importers.base import GraphBuilder, SourceMeta, clean_text
from importers.discourse import Similarity, person_for_attribution
from importers.generic import add_mined
from importers.mining import mine_text
from importers.structure import (
    Block,
    authors_from,
    bio_blocks,
    blocks,
    heading_text,
    is_furniture,
    title_from,
)

NAME = "csis_brief"

_ASSUMPTION = re.compile(r"Key\s+Assumption\s*#?\s*(\d+)\s*[:.\-–—]\s*", re.IGNORECASE)
_CHECK = re.compile(r"Key\s+Assumption\s+Check\s*[:.\-–—]\s*", re.IGNORECASE)


def may_hold_key(text: str) -> bool:
    """Whether ``text`` may hold a match of a case-blind pattern opening with "Key" (``_ASSUMPTION``, ``_CHECK``):
    every character such a pattern matches for "k", "e" or "y" lower-cases to that letter (the Kelvin sign to "k";
    checked over all of Unicode by a test), so a text without "key" in its lower case has no match. A substring
    test on the lower-cased text costs a fraction of the pattern's scan, which tries every place of the text."""
    return "key" in text.lower()

_ISSUE_HEADING = re.compile(r"^(?:the issue|key points|summary|key findings|in brief|overview)$", re.IGNORECASE)
_RECS_HEADING = re.compile(r"^(?:recommendations?|policy recommendations|the way forward|what to do)$", re.IGNORECASE)
_BOLD_LEAD = re.compile(r"(?:[A-Z][\w’'\-]*|a|an|the|of|for|with|and|to|in|on)(?:[ \t]+(?:[A-Z][\w’'\-]*|a|an|the|of|"
                        r"for|with|and|to|in|on)){0,8}\.(?=[ \t]+[A-Z])")
_THESIS_CUE = re.compile(r"\b(?:should|must|it is imperative|need to|needs to|ought to)\b", re.IGNORECASE)

# Verdict cues, read only from the sentences of the check that mention "assumption".
_UPHOLD = re.compile(r"\b(?:validat\w*|confirm\w*|upholds?|upheld|bears? out|borne out|vindicat\w*|holds true|"
                     r"reinforc\w*|is sound)\b", re.IGNORECASE)
_CHALLENGE = re.compile(r"\b(?:casts? doubt|undercut\w*|challeng\w*|neither reflects|does not reflect|refut\w*|"
                        r"undermin\w*|contradict\w*|calls? into question|is (?:flawed|false|faulty|wrong|"
                        r"misguided|outdated)|debunk\w*|invalidat\w*)\b", re.IGNORECASE)
_PARTIAL = re.compile(r"\b(?:partially|partly|in part|only to some extent|somewhat)\b", re.IGNORECASE)


def score(text: str) -> float:
    if not may_hold_key(text):  # most texts: no case-blind scan of the whole text, twice
        return 0.0
    assumptions = len({m.group(1) for m in _ASSUMPTION.finditer(text)})
    checks = len(_CHECK.findall(text))
    if assumptions >= 2 and checks >= 1:
        return 0.95
    if assumptions or checks:
        return 0.3
    return 0.0


def verdict_of(check_text: str) -> Verdict:
    """upheld ("validates"), challenged ("casts doubt", "undercutting", "challenging",
    "neither reflects"), or mixed (both kinds of cue, or "partially validates")."""
    relevant = [s for s in re.split(r"(?<=[.!?])\s+", check_text) if "assumption" in s.lower()] or [check_text]
    joined = " ".join(relevant)
    up, down = bool(_UPHOLD.search(joined)), bool(_CHALLENGE.search(joined))
    if up and down or (up and _PARTIAL.search(joined)):
        return Verdict.MIXED
    if down:
        return Verdict.CHALLENGED
    if up:
        return Verdict.UPHELD
    return Verdict.MIXED


class _Brief:
    def __init__(self, text: str, source: SourceMeta) -> None:
        self.text = text
        self.blocks = blocks(text)
        self.builder = GraphBuilder(
            source=text,
            title=source.title or title_from(text, self.blocks) or source.filename or "untitled",
            authors=source.authors or authors_from(text, self.blocks),
            importer=NAME,
            publisher=source.publisher,
            published=source.published,
            url=source.url,
        )
        self.issue_spans: list[tuple[int, int, str]] = []
        self.issue_claims: list[Statement] = []
        self.thesis: Statement | None = None
        self.assumptions: dict[int, Statement] = {}  # heading offset -> assumption
        self.checks: list[tuple[Statement, int]] = []  # (check, heading offset)
        self.recommendations: list[Statement] = []
        self.rec_group: dict[str, int] = {}  # recommendation id -> which Recommendations section
        self.checks_by_section: dict[int, Statement] = {}
        self.prose: list[Block] = []  # paragraphs and bullets read by the mining pipeline
        self.prose_context: list[tuple[str, int]] = []  # (section, heading offset) per prose block
        self.similarity = Similarity([b.text for b in self.blocks])
        self.topic_vectors: dict[str, dict[str, int]] = {}

    # -- statements ----------------------------------------------------------------------

    def add_check(self, start: int, end: int, marker_end: int, section: str, key: int) -> None:
        body = clean_text(self.text[marker_end:end])
        check = self.builder.add(StatementKind.ASSUMPTION_CHECK, start, end, section=section, text=body,
                                 verdict=verdict_of(body))
        self.checks.append((check, key))

    def walk(self) -> None:
        section = ""
        key = -1  # offset of the current heading: sections with the same title stay apart
        mode = "front"  # front | issue | body | assumption | recommendations | end
        bios = {b.start for b, _ in bio_blocks(self.text, self.blocks)}
        skip_next = False
        recs_sections = 0
        for index, block in enumerate(self.blocks):
            if skip_next:
                skip_next = False
                continue
            if block.start in bios:
                mode = "end"
            if mode == "end":
                title = heading_text(self.text, block) if block.kind == "heading" else ""
                if not (_ISSUE_HEADING.match(title) or _ASSUMPTION.match(title) or _RECS_HEADING.match(title)):
                    continue  # after the bio only a new brief's structure resumes the argument
            if block.kind == "heading":
                section = heading_text(self.text, block)
                key = block.start
                assumption = _ASSUMPTION.match(section)
                if _ISSUE_HEADING.match(section):
                    mode = "issue"
                elif _RECS_HEADING.match(section):
                    mode = "recommendations"
                    recs_sections += 1
                elif assumption:
                    mode = "assumption"
                    label = clean_text(section[assumption.end():])
                    self.assumptions[key] = self.builder.add(
                        StatementKind.ASSUMPTION, block.content_start, block.end, section=section, text=label)
                elif mode != "front" or index > 0:
                    mode = "body" if mode in ("front", "issue") else mode
                continue
            if mode == "front" or is_furniture(block.text):
                continue
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if _is_pull_quote(block, following):
                assert following is not None
                self.builder.add(StatementKind.QUOTE, block.start, block.end, section=section,
                                 speaker=person_for_attribution(following.text))
                skip_next = True
                continue
            if mode == "issue" and block.kind != "bullet" and self.issue_spans:
                mode = "body"  # the Issue is its first run of bullets; prose after it is the introduction
            if mode == "issue" and block.kind == "bullet":
                self.issue_spans.append((block.content_start, block.end, section))
                continue
            # a recommendation is a bold-lead paragraph, or an item of a bulleted or numbered list
            if mode == "recommendations" and (block.kind == "bullet" or _BOLD_LEAD.match(self.text, block.start)):
                rec = self.builder.add(StatementKind.RECOMMENDATION, block.content_start, block.end, section=section)
                self.recommendations.append(rec)
                self.rec_group[rec.id] = recs_sections
                continue
            self.walk_prose(block, section, key)

    def walk_prose(self, block: Block, section: str, key: int) -> None:
        """The block's prose (before a glued "Key Assumption Check") goes to the mining pipeline;
        the check itself is the genre's own statement."""
        check = _CHECK.search(self.text, block.start, block.end)
        prose_end = check.start() if check else block.end
        while prose_end > block.content_start and self.text[prose_end - 1].isspace():
            prose_end -= 1
        if prose_end > block.content_start:
            self.prose.append(Block(block.start, prose_end, self.text[block.start:prose_end], block.kind,
                                    block.content_start))
            self.prose_context.append((section, key))
        if check:
            self.add_check(check.start(), block.end, check.end(), section, key)

    def mine_prose(self) -> None:
        """Roles and links of the prose sentences from the pipeline: each paragraph is a small tree
        whose lead (a bullet's first sentence, a claim, else the best-scoring unit) SUPPORTS the section's
        check (its assumption when it has none), else the thesis."""
        if not self.prose:
            return
        bullets = {n for n, b in enumerate(self.prose) if b.kind == "bullet"}
        if self.thesis is None and not self.assumptions and not self.checks:
            self.mine_plain_brief(bullets)
            return
        mined = mine_text(self.text, self.prose, title=self.builder.title, external_root=True, lead_blocks=bullets)
        leads = {i for i, u in enumerate(mined.units) if u.block in bullets and (i == 0 or mined.units[i - 1].block
                                                                                 != u.block)}
        anchors: list[Statement | None] = []
        sections: list[str | None] = []
        for unit in mined.units:
            section, key = self.prose_context[unit.block]
            sections.append(section)
            anchors.append(self.checks_by_section.get(key) or self.assumptions.get(key) or self.thesis)
        # the brief's recommendations are its bold-lead paragraphs; a "should" in the prose is an assertion
        # a bullet's lead sentence is the claim its bullet argues
        add_mined(self.builder, mined, sections, anchors, recommendations=False, claims=leads)

    def mine_plain_brief(self, bullets: set[int]) -> None:
        """A brief without the genre's own structure (no Issue bullets, no Key Assumption sections), read here when
        the importer is chosen by hand: its prose is one argument around the central claim the pipeline finds (a
        sentence stating the brief's thesis, "This brief argues that ...", when it has one), the thesis that its
        recommendations back; without this every paragraph's lead would link to nothing."""
        mined = mine_text(self.text, self.prose, title=self.builder.title, lead_blocks=bullets)
        sections: list[str | None] = [self.prose_context[unit.block][0] for unit in mined.units]
        statements = add_mined(self.builder, mined, sections, recommendations=False)
        central = mined.mined.central
        if central is not None:
            for rec in self.recommendations:
                self.builder.supports(rec, statements[central])

    # -- relations --------------------------------------------------------------------

    def link(self) -> None:
        b = self.builder
        if self.issue_spans:
            # The thesis is the last Issue bullet that prescribes; without one, the first bullet.
            prescriptive = [span for span in self.issue_spans if _THESIS_CUE.search(self.text[span[0]:span[1]])]
            thesis_span = prescriptive[-1] if prescriptive else self.issue_spans[0]
            self.thesis = b.add(StatementKind.THESIS, thesis_span[0], thesis_span[1], section=thesis_span[2])
            self.issue_claims = [b.add(StatementKind.CLAIM, s, e, section=sec)
                                 for s, e, sec in self.issue_spans if (s, e, sec) != thesis_span]
            for claim in self.issue_claims:
                b.supports(claim, self.thesis)
        # Each check belongs to the assumption whose "Key Assumption #N" section it closes.
        checks_by_section = self.checks_by_section
        for check, section in self.checks:
            assumption = self.assumptions.get(section)
            if assumption is not None:
                checks_by_section[section] = check
                if check.verdict is Verdict.CHALLENGED:
                    b.attacks(check, assumption)
                else:
                    b.supports(check, assumption)
        # Recommendations rest on checks "by content": each check (its text plus its
        # assumption's title) SUPPORTS the one recommendation it is most similar to, where
        # similarity = cosine of topic-cue counts (lexicon topics: governance, negotiation ...)
        # + TF-IDF cosine over the document's own vocabulary; only when the best is >= 0.5
        # and >= 1.3 x the runner-up, so an ambiguous check links to nothing. Position plays
        # no part. On the seed: checks 1 (CT) and 2 (inclusion) -> governance-focused approach,
        # 3 -> new peace deal, 4 -> cautious dialogue, 5 -> smarter international architecture.
        # The candidates are the recommendations of the first "Recommendations" section after
        # the check (several briefs pasted into one file stay apart, and the work stays linear).
        for check, section in self.checks:
            later = [rec for rec in self.recommendations if rec.start > check.end]
            if not later:
                continue
            candidates = [rec for rec in later if self.rec_group[rec.id] == self.rec_group[later[0].id]]
            assumption = self.assumptions.get(section)
            probe = check.text + " " + (assumption.text if assumption else "")
            ranked = sorted(((self.content_score(probe, rec.text), i) for i, rec in enumerate(candidates)),
                            reverse=True)
            best, best_index = ranked[0]
            runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
            if best >= 0.5 and best >= runner_up * 1.3:
                b.supports(check, candidates[best_index])
        if self.thesis is not None:
            for rec in self.recommendations:
                b.supports(rec, self.thesis)

    def content_score(self, a: str, b: str) -> float:
        return lexicon.topic_cosine(self.topic_vector(a), self.topic_vector(b)) + self.similarity.score(a, b)

    def topic_vector(self, text: str) -> dict[str, int]:
        """``lexicon.topic_vector``, once per text: every check is scored against the same recommendations."""
        vector = self.topic_vectors.get(text)
        if vector is None:
            vector = self.topic_vectors[text] = lexicon.topic_vector(text)
        return vector


def _is_pull_quote(block: Block, following: Block | None) -> bool:
    text = block.text.strip()
    return (following is not None and text[:1] in "“\"" and text[-1:] in "”\""
            and following.text.lstrip()[:1] in "—–-" and len(following.text) < 200)


def parse(text: str, *, source: SourceMeta) -> DocumentGraph:
    brief = _Brief(text, source)
    brief.walk()
    brief.link()
    brief.mine_prose()
    lexicon.annotate(brief.builder)
    return brief.builder.build()
