"""Importer for op-eds and commentary: a prescriptive title, headed sections, one author.

* the title is the thesis;
* section headings that assert something ("The Bypass Isn't Working",
  "Congestion Pricing Already a Success") are claims that SUPPORT the
  thesis; question headings are questions; topic headings ("The History of the
  Bypass") only name the section;
* the paragraphs are read by the argument-mining pipeline (``importers.mining``): roles
  (recommendations, evidence, counterarguments, rebuttals, reported speech with its speaker)
  and one link per sentence: a body of at most ``GLOBAL_LIMIT`` units without claim headings is one
  tree around its own central claim, which SUPPORTS the thesis; otherwise each paragraph is a small
  tree whose lead SUPPORTS its section's heading claim, else the thesis;
* a paragraph quoted as a block after a lead-in ("A recent report observed,") is evidence spoken by
  the source the lead-in names;
* the author bio, corrections and image credits end the argument.
"""

from __future__ import annotations

import re

from graph.model import UNNAMED_VOICE, DocumentGraph, Statement, StatementKind
from importers import lexicon
from importers.base import GraphBuilder, SourceMeta, clean_text
from importers.csis_brief import may_hold_key
from importers.discourse import is_question, speaker_of
from importers.generic import (
    RECOMMENDATIONS_HEADING,
    add_mined,
    proposal_blocks,
    pull_quote_speakers,
    recommended_units,
)
from importers.mining import GLOBAL_LIMIT, MinedText, mine_text
from importers.mining.imperatives import load as imperative_lexicon
from importers.mining.imperatives import proposes_action, tokens
from importers.mining.theses import states_own_thesis
from importers.mining.units import segment
from importers.structure import (
    DOCUMENT_KIND_TITLE,
    Block,
    apparatus,
    authors_from,
    bio_blocks,
    blocks,
    contributor_voices,
    heading_text,
    interview_turns,
    is_byline,
    is_furniture,
    is_labelled_recommendation,
    pull_quotes,
    section_sides,
    sentences,
    side_position,
    side_voices,
    testimony_speaker,
    title_from,
    without_attributions,
    without_courtesies,
    without_dateline,
    without_thread_counters,
)
from importers.structure import title_block as title_block_of

NAME = "oped"

_PRESCRIPTIVE_TITLE = re.compile(r"\b(?:should|must|needs? to|ought to|has to|can|cannot|can[’']t|won[’']t|"
                                 r"is|are|isn[’']t|aren[’']t|will|why|how)\b", re.IGNORECASE)
_CLAIM_HEADING = re.compile(
    r"\b(?:is|are|was|were|isn[’']t|aren[’']t|wasn[’']t|has|have|should|must|can|cannot|can[’']t|will|won[’']t|"
    r"would|does|do|doesn[’']t|don[’']t|already|still|not|never|no longer|works?|fails?|failed|matters?|"
    r"remains?)\b",
    re.IGNORECASE,
)
# a heading that asks without a question mark ("What should be done", "How can Europe respond"); "Why the policy
# fails" states that it fails and stays a claim heading
_QUESTION_HEADING = re.compile(r"^(?:what|why|how|where|when|who|which)\s+(?:should|must|can|could|would|will|is|"
                               r"are|was|were|do|does|did|to|has|have)\b", re.IGNORECASE)
# a heading opening with "What" / "How" that asks nothing ("What works instead", "How the levy works", "What went
# wrong") names its section's topic; it asserts nothing ("Why the policy fails" does: it stays a claim)
_WH_TOPIC = re.compile(r"^(?:what|how)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|I[’']m|I think|I disagree|I believe)\b")
_KEY_ASSUMPTION = re.compile(r"Key\s+Assumption", re.IGNORECASE)
_LEAD_IN = re.compile(r"[,:]\s*$")
# a lead-in that gives someone's words without naming them: "As one nurse put it to me:", "A resident told me:",
# "One teacher wrote:"
_PUT_IT = re.compile(r"\b(?:put\s+it|told\s+(?:me|us)|said|says|wrote|writes|explained|observed|remarked)\b"
                     r"[^.!?]{0,40}:\s*$", re.IGNORECASE)
# a myth-busting explainer's headings and answers: "Myth 1: ...", "Misconception: ...", then "Fact: ...", "Reality: ..."
_MYTH_LABEL = re.compile(r"[*_]{0,2}(?:myth|misconception)(?:[ \t]+(?:(?:no\.?|#)[ \t]*)?(?:\d{1,2}|[A-Z]))?[ \t]*"
                         r"[:.—–][*_]{0,2}[ \t]+(?=\S)", re.IGNORECASE)
_FACT_LABEL = re.compile(r"[*_]{0,2}(?:fact|facts|reality|the reality|the facts|truth|the truth)[ \t]*[:.—–][*_]{0,2}"
                         r"[ \t]+(?=\S)", re.IGNORECASE)
_MYTH_KIND = StatementKind.COUNTERARGUMENT  # the only anchor of that kind: a myth heading


# words after which a title's next word starts no predicate: articles, prepositions, conjunctions, relative and
# question words, possessives ("Tutoring That Works", "Homes for the Cities", "How Towns Grow")
_NO_SUBJECT_BEFORE = frozenset(str.split(
    "a an the of for and or but nor to that which who whom whose what when where why how with without in on at by "
    "from near before after about into onto over under between against our your their its my his her this these "
    "those as than if"))
# the log odds (``imperatives.Lexicon.prior``) above which a word stands as a verb's base form often enough to read
# it as the headline's verb: "make" 0.94, "reduce" 0.23, "cut" -0.2, "work" -0.93 pass; "cost" -1.93, nouns such as
# "bus" -3.8 or "city" -6.8 do not
_VERB_PRIOR = -1.5
_PREPOSITIONS = frozenset(str.split("at in on for of to from with by near across within around under over into"))


def states_a_position(title: str) -> bool:
    """A headline that states something with a verb of its own, no modal or copula: a plural subject and a verb's
    base form ("Parking Minimums Make Housing Dearer", "Front-of-Pack Labels Reduce Sugar Intake") or a verb in "-s"
    and an object or complement ("Streaming Pays Musicians Too Little"); not a noun phrase ("Tutoring That Works",
    "Faster Buses for Mid-Sized Cities", "Flood Defence Plans"), nor a topic before a colon ("Heat Pumps: Straight
    Answers ..."). The verb is read off the imperative lexicon's base-form counts."""
    marks = tokens(title.split(":")[0])  # "Heat Pumps: Straight Answers ...": what comes before a colon names a topic
    words = [w for w in marks if w[0].isalpha()]
    lexicon = imperative_lexicon()
    for number, (before, word) in enumerate(zip(words, words[1:], strict=False)):
        if before in _NO_SUBJECT_BEFORE or "'" in word:
            continue
        after = words[number + 2] if number + 2 < len(words) else None
        stems = [word] if before.endswith("s") and not before.endswith("ss") else []
        # a verb in "-s" after a noun, with an object or complement after it that is no preposition and no participle:
        # "Handover Delays at ...", "Flood Defence Plans", "Council Tax Rises Explained" are noun compounds
        if after is not None and after not in _PREPOSITIONS and not after.endswith("ed"):
            if word.endswith("ies"):
                stems.append(word[:-3] + "y")
            elif word.endswith("es"):
                stems += [word[:-1], word[:-2]]
            elif word.endswith("s") and not word.endswith("ss"):
                stems.append(word[:-1])
        if any(lexicon.prior(stem) > _VERB_PRIOR for stem in stems):
            return True
    return False


def score(text: str) -> float:
    """Op-ed: a title line, an author bio or byline, and an authorial voice (first person or 'should')."""
    if may_hold_key(text) and _KEY_ASSUMPTION.search(text):
        return 0.1
    found = blocks(text)
    if len(found) < 4:
        return 0.0
    if states_own_thesis(text):
        # "This brief argues that ...", "We conclude that ...": the text states its thesis in a sentence, which is
        # its central claim (the generic reading), not the headline
        return 0.1
    if testimony_speaker(text, found):
        return 0.1  # "Testimony of Jane Roe": the title names the witness, no thesis; the text is read as found
    title = title_from(text, found)
    if title is not None and DOCUMENT_KIND_TITLE.match(title):
        return 0.1  # "Response of X to the consultation ...": a document's kind, not a headline's thesis
    has_author = bool(authors_from(text, found))
    headings = [b for b in found[1:] if b.kind == "heading"]
    # a brief that states its recommendations under their own heading speaks in its authors' voice, whatever its
    # wording ("Executive summary", "Key findings", "Recommendations": no "I", no "should")
    voice = (bool(_FIRST_PERSON.search(text)) or bool(re.search(r"\bshould\b", text, re.IGNORECASE))
             or any(RECOMMENDATIONS_HEADING.fullmatch(heading_text(text, b)) for b in headings)
             or any(is_labelled_recommendation(text, b) for b in found))
    points = 0.0
    positioned = title is not None and (_PRESCRIPTIVE_TITLE.search(title) is not None or states_a_position(title))
    points += 0.3 if positioned else (0.1 if title else 0.0)
    points += 0.3 if has_author else 0.0
    points += 0.2 if voice else 0.0
    points += 0.15 if headings else 0.0
    return points if points >= 0.6 else points / 4


def _after_text(found: list[Block], block: Block) -> bool:
    """The block comes after a paragraph or a list item, not right under a heading (a side's byline under "POINT:
    ..." belongs to that heading's section)."""
    number = found.index(block)
    return number > 0 and found[number - 1].kind != "heading"


def parse(text: str, *, source: SourceMeta) -> DocumentGraph:
    found = blocks(text)
    builder = GraphBuilder(
        source=text,
        title=source.title or title_from(text, found) or source.filename or "untitled",
        authors=source.authors or authors_from(text, found),
        importer=NAME,
        publisher=source.publisher,
        published=source.published,
        url=source.url,
    )
    if not found:
        return builder.build()
    # the headline, after the furniture a page may open with (front matter, "Skip to main content")
    title_block = title_block_of(found) or found[0]
    thesis = builder.add(StatementKind.THESIS, title_block.content_start, title_block.end, section=None)
    bios = {b.start for b, _ in bio_blocks(text, found)}
    not_argument = apparatus(text, found)
    debate_voices, contributor_lines = contributor_voices(text, found)
    headed_sides = section_sides(text, found, found)  # a side's heading and its section, by block number
    section: str | None = None
    anchor: Statement = thesis
    body: list[Block] = []
    sections: list[str | None] = []
    anchors: list[Statement] = []
    for number, block in enumerate(found[found.index(title_block) + 1:], found.index(title_block) + 1):
        if block.start in bios:
            break  # author bio: what follows is furniture (corrections, image credits)
        if is_furniture(block.text) or block.start in not_argument or block.start in contributor_lines:
            if is_byline(block.text) and _after_text(found, block):
                section, anchor = None, thesis  # a byline under a summary box ("Key takeaways") opens the body
            continue
        if block.kind == "heading":
            section = heading_text(text, block)
            myth = _MYTH_LABEL.match(text, block.content_start, block.end)
            if myth is not None:
                # "Myth 1: Heat pumps fail in the cold": a view the text sets out to refute, held by nobody named;
                # its section's paragraphs answer it ("Fact: ...")
                anchor = builder.add(StatementKind.COUNTERARGUMENT, myth.end(), block.end, section=section,
                                     speaker=UNNAMED_VOICE)
                builder.attacks(anchor, thesis)
            elif block.start in debate_voices and (position := side_position(text, block)) is not None:
                # "NO: A ban would push payments underground": the side's position, held by its writer, whatever
                # its wording (without the label)
                anchor = builder.add(StatementKind.CLAIM, position, block.end, section=section,
                                     speaker=debate_voices[block.start])
                if number in headed_sides and headed_sides[number].opposing:
                    builder.attacks(anchor, thesis)  # the other side's position argues against the thesis
                else:
                    builder.supports(anchor, thesis)
            elif is_question(section) or _QUESTION_HEADING.match(section):
                builder.supports(builder.add(StatementKind.QUESTION, block.content_start, block.end,
                                             section=section), thesis)
                anchor = thesis
            elif RECOMMENDATIONS_HEADING.fullmatch(section) or _WH_TOPIC.match(section):
                anchor = thesis  # "What the government should do" names the section that recommends: no claim
            elif (asserts := _CLAIM_HEADING.search(section) is not None) or proposes_action(section):
                # a heading that asserts is a claim, one that opens with an imperative ("Fund the Upgrades") a
                # recommendation; either way its section's paragraphs argue for it
                kind = StatementKind.CLAIM if asserts else StatementKind.RECOMMENDATION
                anchor = builder.add(kind, block.content_start, block.end, section=section,
                                     speaker=debate_voices.get(block.start))
                builder.supports(anchor, thesis)
            else:
                anchor = thesis  # a topic heading only names the section
            continue
        fact = _FACT_LABEL.match(text, block.content_start, block.end) if anchor.kind is _MYTH_KIND else None
        if fact is not None:  # "Fact: ..." opening the answer to a myth: a label, no part of the statement
            block = Block(block.start, block.end, block.text, block.kind, fact.end())
        body.append(block)
        sections.append(section)
        anchors.append(anchor)
    body = without_attributions(text, body, pull_quotes(found))
    quoted = _block_quotes(text, body)
    body = [_without_lead_in(text, block) if number + 1 in quoted else block for number, block in enumerate(body)]
    body = without_thread_counters(text, without_dateline(text, body))
    # an interview's labels ("Q:", "**Jane Roe:**") leave first, so a turn that only thanks is a courtesy
    body, asked, voices = interview_turns(text, body, builder.title)
    body = without_courtesies(text, body)
    voices.update({number: debate_voices[block.start] for number, block in enumerate(body)
                   if block.start in debate_voices})
    pulled = pull_quote_speakers(found, body)  # a pull quote is its speaker's ("— Name" names them)
    quoted.update(pulled)
    units = segment(text, body)
    # A body the pipeline can decode as one tree (no claim headings, at most GLOBAL_LIMIT units) gets its own
    # central claim, which supports the headline thesis: the mode `argmap eval` measures, and on gold units
    # it beats per-paragraph trees under the headline even when the headline stands for the gold central
    # claim (labelled relation F1 on validation.json 0.465 -> 0.493, ATTACKS 0.452 -> 0.586; docs/importers.md).
    # Otherwise each paragraph is a tree under its section's claim or the thesis, and an opposing voice a
    # paragraph leaves unanswered argues against that root.
    whole = len(units) <= GLOBAL_LIMIT and all(anchor is thesis for anchor in anchors)
    proposals = proposal_blocks(body, sections, text)
    # a text giving two sides under headings that state no position ("Argument in favor", "Minority view"), decoded
    # as one tree: the other side's sections are opposing voices, each its signer's (or nobody named)
    sides = section_sides(text, found, body) if whole else {}
    voices = side_voices(sides) | voices  # a block's own voice (an interview turn's, a debate's) first
    mined = mine_text(text, body, title=builder.title, external_root=not whole, attack_root=True,
                      central_as_thesis=False, units=units, proposals=proposals, asked=asked,
                      authors=builder.authors, sides=sides)
    unit_sections = [sections[u.block] for u in mined.units]
    # a bulleted list under a "Recommendations" heading: each bullet's lead sentence is what the text recommends
    # ("**Fund storage, not just rules.** A one-off grant ..."), whatever its wording
    recommended = recommended_units(mined, body, unit_sections, text)
    unit_anchors: list[Statement | None] = [anchors[u.block] for u in mined.units]
    if whole:
        _points_back_the_headline(mined, proposals)
    add_mined(builder, mined, unit_sections, unit_anchors, block_speakers=quoted, block_voices=voices,
              recommended=recommended, verbatim=set(pulled), asked=asked)
    lexicon.annotate(builder)
    return builder.build()


def _points_back_the_headline(found: MinedText, proposals: set[int]) -> None:
    """The lead of each paragraph or item set out side by side under a "Findings" / "Recommendations" heading
    (``proposals``) backs what the whole text argues, the headline thesis, not the central claim the pipeline found in
    the body (in a brief without a thesis statement that is one of those points, and the others chained under it).
    ``found``'s parents and relations are updated: no parent (the caller's anchor, the thesis), SUPPORTS."""
    mined = found.mined
    for i, unit in enumerate(found.units):
        if (unit.block in proposals and (i == 0 or found.units[i - 1].block != unit.block) and not mined.opponent[i]
                and mined.kinds[i] not in ("rebuttal", "question")):
            mined.parents[i] = None
            mined.relations[i] = None


def _without_lead_in(text: str, block: Block) -> Block:
    """The paragraph without its last sentence, the lead-in naming the next paragraph's speaker: the
    attribution of a block quote, not a statement (an empty block when it was the whole paragraph)."""
    spans = sentences(text, block.content_start, block.end)
    end = spans[-1][0] if spans else block.end
    while end > block.content_start and text[end - 1].isspace():
        end -= 1
    return Block(block.start, end, text[block.start:end], block.kind, min(block.content_start, end))


def _block_quotes(text: str, body: list[Block]) -> dict[int, str]:
    """Paragraphs quoted as a block: the paragraph before ends with a lead-in naming its speaker
    ("A recent report observed:" / "..., he wrote,"); the quoted paragraph is that speaker's."""
    quoted: dict[int, str] = {}
    for number, block in enumerate(body[:-1]):
        if block.text.rstrip()[-1:] not in (",", ":"):
            continue  # only a paragraph ending in "observed," or "wrote:" leads in to a block quote
        spans = sentences(text, block.content_start, block.end)
        if not spans:
            continue
        last = clean_text(text[spans[-1][0]:spans[-1][1]])
        if _LEAD_IN.search(last) and "“" not in last:
            previous = clean_text(text[spans[-2][0]:spans[-2][1]]) if len(spans) > 1 else ""
            speaker = speaker_of(last, previous)
            if speaker is None and body[number + 1].text[:1] == ">" and _PUT_IT.search(last):
                # "As one school nurse put it to me:" over a "> ..." block quote: someone's words, named by no name
                speaker = UNNAMED_VOICE
            if speaker is not None:
                quoted[number + 1] = speaker
    return quoted
