"""Paragraph-level argument building shared by the op-ed and generic importers.

Per paragraph, sentences are classified by cue words (``discourse.classify``) and
attributed (``discourse.speaker_of``); edges are drawn only where the text marks them:

* the paragraph's first sentence, when a claim, SUPPORTS the paragraph anchor (the
  section-heading claim, or the thesis in the generic importer);
* later claims SUPPORT that lead claim, except after a contrast marker (no edge);
  "In fact/Indeed ..." SUPPORTS the sentence before, "in short/therefore" is SUPPORTED by it;
* evidence SUPPORTS the nearest claim, counterargument or rebuttal before it in the paragraph;
* author recommendations SUPPORT the thesis;
* a counterargument ("There are reasons to be skeptical", "what if", a reported position
  followed by "I disagree") ATTACKS the first recommendation that names the same action
  (pause / pull back / suspend ...), else the thesis; later counter cues in its paragraph
  SUPPORT it;
* a rebuttal ("At the same time", "I disagree", "Yet ..." after a counterargument)
  ATTACKS the most similar earlier counterargument, else the nearest one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import Statement, StatementKind
from importers.base import GraphBuilder, clean_text
from importers.discourse import Similarity, classify, speaker_of
from importers.structure import Block, sentences

_DISAGREE = re.compile(r"^(?:i disagree|i (?:do not|don[’']t) agree|this is (?:wrong|mistaken)|that is (?:wrong|"
                       r"mistaken)|i think otherwise)", re.IGNORECASE)
_ACTION = re.compile(r"\b(?:pause|pull(?:ing)?[ -]?back|pullback|suspend\w*|reduce the tempo)\b", re.IGNORECASE)
_MID_CONTRAST = re.compile(r",\s*(?:however|though|nonetheless|nevertheless),", re.IGNORECASE)
_LEAD_IN = re.compile(r"[,:]\s*$")


@dataclass
class Arguer:
    builder: GraphBuilder
    similarity: Similarity
    thesis: Statement | None = None
    recommendations: list[Statement] = field(default_factory=list)
    counters: list[tuple[Statement, int]] = field(default_factory=list)  # (lead counter, paragraph no.)
    rebuttals: list[tuple[Statement, Statement]] = field(default_factory=list)  # (rebuttal, counter)
    paragraph_no: int = 0
    pending_speaker: str | None = None  # "A recent report observed," -> the next paragraph is theirs
    elaborate: bool = False  # generic: uncued sentences after a claim elaborate it (claims)
    taken: set[tuple[int, int]] = field(default_factory=set)  # spans already stated (the generic thesis)

    def paragraph(self, block: Block, section: str | None, anchor: Statement | None) -> None:
        text = self.builder.source
        self.paragraph_no += 1
        if self.pending_speaker:
            quoted = self.builder.add(StatementKind.EVIDENCE, block.content_start, block.end, section=section,
                                      speaker=self.pending_speaker)
            self.pending_speaker = None
            if anchor is not None:
                self.builder.supports(quoted, anchor)
            return
        spans = sentences(text, block.content_start, block.end)
        cleaned = [clean_text(text[s:e]) for s, e in spans]
        cues = [classify(c) for c in cleaned]
        speakers = [speaker_of(c, cleaned[i - 1] if i else "") for i, c in enumerate(cleaned)]
        lead: Statement | None = None
        paragraph_counter: Statement | None = None
        previous: Statement | None = None
        anchor_for_evidence: Statement | None = None
        rebutted_in_paragraph: Statement | None = None
        for i, ((start, end), sentence, cue) in enumerate(zip(spans, cleaned, cues, strict=True)):
            speaker = speakers[i]
            if (start, end) in self.taken:
                if self.thesis is not None and (start, end) == (self.thesis.start, self.thesis.end):
                    lead = previous = anchor_for_evidence = self.thesis
                continue
            if i == len(spans) - 1 and speaker and _LEAD_IN.search(sentence) and '“' not in sentence:
                self.pending_speaker = speaker  # a lead-in to a block quote
                continue
            # a reported position (or plain claim) answered by "I disagree" is a counterargument
            counter = cue.counter or (i + 1 < len(spans) and _DISAGREE.match(cleaned[i + 1]) is not None
                                      and (speaker is not None or not cue.rebuttal_start))
            rebuttal = (cue.rebuttal_start and not cue.counter and self.counters
                        and self.paragraph_no - self.counters[-1][1] <= 2) or bool(_DISAGREE.match(sentence))
            kind = cue.kind
            if kind is None and self.elaborate and previous is not None and previous.kind in (
                    StatementKind.CLAIM, StatementKind.THESIS, StatementKind.RECOMMENDATION):
                kind = StatementKind.CLAIM
            statement: Statement | None = None
            # a sentence right before "Yet/But/However/At the same time" is a concession: no support edge
            concession = i + 1 < len(cues) and (cues[i + 1].contrast or cues[i + 1].rebuttal_start)
            if counter:
                statement = self.builder.add(StatementKind.COUNTERARGUMENT, start, end, section=section,
                                             speaker=speaker, text=sentence)
                if paragraph_counter is None:
                    paragraph_counter = statement
                    self.counters.append((statement, self.paragraph_no))
                else:
                    self.builder.supports(statement, paragraph_counter)
                anchor_for_evidence = statement
            elif rebuttal and self.counters:
                statement = self.builder.add(StatementKind.REBUTTAL, start, end, section=section, speaker=speaker,
                                             text=sentence)
                answered = (previous if _DISAGREE.match(sentence) and previous is not None
                            and previous.kind is StatementKind.COUNTERARGUMENT else self._rebutted(sentence))
                self.rebuttals.append((statement, answered))
                anchor_for_evidence = statement
                rebutted_in_paragraph = statement
            elif speaker is not None:
                reported_kind = StatementKind.EVIDENCE if kind is StatementKind.EVIDENCE else StatementKind.QUOTE
                statement = self.builder.add(reported_kind, start, end, section=section, speaker=speaker,
                                             text=sentence)
            elif kind is StatementKind.RECOMMENDATION:
                statement = self.builder.add(kind, start, end, section=section, text=sentence)
                self.recommendations.append(statement)
                if self.thesis is not None:
                    self.builder.supports(statement, self.thesis)
            elif kind is StatementKind.QUESTION:
                statement = self.builder.add(kind, start, end, section=section, text=sentence)
            elif kind is StatementKind.EVIDENCE:
                statement = self.builder.add(kind, start, end, section=section, text=sentence)
                if anchor_for_evidence is not None and not concession:
                    self.builder.supports(statement, anchor_for_evidence)
            elif kind is StatementKind.CLAIM:
                statement = self.builder.add(kind, start, end, section=section, text=sentence)
                if i == 0:
                    lead = statement
                    if anchor is not None and not concession and not _MID_CONTRAST.search(sentence):
                        self.builder.supports(statement, anchor)
                elif concession or cue.contrast:
                    pass
                elif previous is not None and previous.kind in (StatementKind.RECOMMENDATION, StatementKind.THESIS):
                    self.builder.supports(statement, previous)  # "Doing so would ...": the reason for it
                elif rebutted_in_paragraph is not None:
                    self.builder.supports(statement, rebutted_in_paragraph)
                elif cue.support_marker and previous is not None and previous.kind is not StatementKind.QUESTION:
                    self.builder.supports(statement, previous)
                elif cue.conclusion_marker and previous is not None and previous.kind in (
                        StatementKind.CLAIM, StatementKind.EVIDENCE):
                    self.builder.supports(previous, statement)
                elif paragraph_counter is not None:
                    self.builder.supports(statement, paragraph_counter)
                elif lead is not None:
                    self.builder.supports(statement, lead)
                anchor_for_evidence = statement
            if statement is not None:
                previous = statement

    def _rebutted(self, sentence: str) -> Statement:
        """The counterargument a rebuttal answers: the most similar of the last 20 (>= 0.12), else the last."""
        action = bool(_ACTION.search(sentence))
        recent = self.counters[-20:]  # bounded: a rebuttal answers a nearby counterargument
        scored = [(self.similarity.score(sentence, c.text) + (0.2 if action and _ACTION.search(c.text) else 0.0), n, c)
                  for n, (c, _) in enumerate(recent)]
        best = max(scored, key=lambda item: (item[0], item[1]))
        return best[2] if best[0] >= 0.12 else self.counters[-1][0]

    def finish(self) -> None:
        """Counterarguments attack the recommendation naming their action, else the thesis; rebuttals attack theirs."""
        for counter, _ in self.counters:
            replies = " ".join(r.text for r, c in self.rebuttals if c is counter)
            target = self.thesis
            if _ACTION.search(counter.text + " " + replies):
                # pause / pull back / suspend / reduce the tempo: one action, the first recommendation naming it
                for rec in self.recommendations:
                    if _ACTION.search(rec.text):
                        target = rec
                        break
            if target is not None:
                self.builder.attacks(counter, target)
        for rebuttal, counter in self.rebuttals:
            self.builder.attacks(rebuttal, counter)
