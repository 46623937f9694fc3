"""Generic importer: any text, argued or not, never crashes.

Every sentence of the body (paragraphs and bullets; not headings, author bios or furniture)
becomes a statement, split into clause units only where a clause is clearly its own unit
(``importers.mining.units``). Roles, the one central claim (thesis) and one SUPPORTS or
ATTACKS target per statement come from the argument-mining pipeline (``importers.mining``):
learned models plus a global tree decoder, so the map is one connected argument.
Reported speech keeps its speaker (``importers.discourse.speaker_of``).
"""

from __future__ import annotations

import re

from graph.model import UNNAMED_VOICE, DocumentGraph, Statement, StatementKind
from importers import lexicon
from importers.base import GraphBuilder, SourceMeta, cleaned
from importers.discourse import (
    attributes_a_quotation,
    attribution_of_previous,
    group_voice,
    is_person,
    is_question,
    is_whole_quotation,
    person_for_attribution,
    speaker_of,
    surname_speaker,
    view_holder,
)
from importers.mining import ATTACKS, MinedText, body_blocks, mine_text
from importers.mining.imperatives import proposes_action
from importers.mining.voices import names_an_objection, reports_aside, voices_another
from importers.structure import (
    Block,
    announced_lists,
    apparatus,
    authors_from,
    blocks,
    heading_text,
    interview_turns,
    is_byline,
    is_furniture,
    is_labelled_recommendation,
    pull_quotes,
    section_sides,
    side_voices,
    title_from,
    with_question_headings,
    without_attributions,
    without_courtesies,
    without_dateline,
    without_thread_counters,
)

NAME = "generic"
# a heading over what the text recommends; each bullet's lead sentence under it is a recommendation
# (also "Recommendations for the council", "Policy proposals", "What ministers should do", "What needs to change",
# "Next steps")
RECOMMENDATIONS_HEADING = re.compile(
    r"(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?\s+)?(?:(?:(?:our|policy|key|main|summary of)\s+)?(?:recommendations?|proposals)"
    r"(?:\s+(?:for|to)\s+[^.!?]{1,60})?|what\s+(?:\w+\s+){0,3}(?:should|must|needs?\s+to|ought\s+to)\s+(?:do|change)"
    r"(?:\s+\w+){0,2}"
    r"|what (?:should|to) (?:be done|do)|the way forward|next steps|(?:policy\s+|the\s+)?options"
    # the author's requests: "What I am asking", "What we ask of the council", "Our asks"
    r"|what\s+(?:i|we)\s+(?:am\s+|are\s+)?ask(?:ing)?(?:\s+(?:for|of)(?:\s+\w+){1,3})?|(?:my|our)\s+asks"
    r"|options for (?:policy|policymakers|policy-makers|government|action))", re.IGNORECASE)
# a heading over what a brief found or concludes: its paragraphs are parallel points, none a reason for another, each
# for what the text argues ("Key findings", "Findings", "2. Main findings", "What we found", "Conclusions")
POINTS_HEADING = re.compile(r"(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?\s+)?"
                            r"(?:(?:(?:key|main|our|principal|summary\s+of(?:\s+the)?)\s+)?findings"
                            r"|what\s+(?:we|the\s+\w+)\s+found|in\s+conclusion|concluding\s+remarks"
                            # "2.4 Conclusions for policy", "Conclusions for policymakers": a number, an addressee
                            r"|conclusions?(?:\s+for\s+(?:policy|policymakers|policy-makers|government|practice|action))?"
                            r"|(?:(?:our|the)\s+)?analysis|(?:(?:key|main)\s+)?(?:takeaways|points)|highlights)",
                            re.IGNORECASE)
_OWN_VOICE = (StatementKind.CLAIM, StatementKind.RECOMMENDATION)
_PLAIN_LEAD = frozenset(("claim", "evidence", "recommendation"))  # the author's own statement, no opposing voice
_QUOTE_MARKS = re.compile(r"[“\"]")
# a sentence opening with an article, a demonstrative or a pronoun has its subject first: a statement ("A pause is not a
# ban.", "The fund would ..."), never an imperative, whose verb opens it ("Meter every flat by 2030.")
_SUBJECT_FIRST = re.compile(r"[\s\"“(*_]*(?:a|an|the|this|that|these|those|it|its|there|they|their|we|our|he|she|"
                            r"such)\b", re.IGNORECASE)
# the other side answering ("Supporters reply that ...", "The operators countered that ..."): a view reported, not the
# author's (nor, in a debate, the side's writer's); the opening cues of ``voices_another`` hold no verb of replying
_REPLIES = re.compile(r"[\s\"“(]*(?!(?:i|we|you)\b)(?:[\w'’-]+\s+){1,4}(?:reply|replies|replied|respond|responds|"
                      r"responded|counter|counters|countered|retort|retorts|retorted)\s+that\b", re.IGNORECASE)
_SENTENCE_ENDED = re.compile(r"[.!?][”\"’)\]]*\s*$")
# the contrast and concession connectives ``mining.units`` splits a sentence before
_CONTRAST_OPENS = re.compile(r"[\s\"“(]*(?:but|yet|however|although|though|even\s+though|whereas|nevertheless|"
                             r"nonetheless)\b", re.IGNORECASE)


def score(text: str) -> float:
    """Always applicable, preferred only when no genre importer recognises the text."""
    return 0.2


def add_mined(builder: GraphBuilder, found: MinedText, sections: list[str | None],
              anchors: list[Statement | None] | None = None, *,
              block_speakers: dict[int, str] | None = None, block_voices: dict[int, str] | None = None,
              recommendations: bool = True, claims: set[int] | None = None,
              recommended: set[int] | None = None, verbatim: set[int] | None = None,
              asked: set[int] | None = None) -> list[Statement]:
    """Statements for the mined units and their relations. ``sections[i]`` names unit i's section;
    with ``anchors`` (external root), a unit without a parent attaches to ``anchors[i]``;
    ``block_speakers`` gives the speaker of a whole quoted paragraph (by block number), ``block_voices`` the
    speaker whose own argument a paragraph is (an interviewee's answer: its roles stay). Reported
    speech is a quote, except reported evidence without quotation marks (a sourced fact), which stays
    evidence with its source as speaker. Without ``recommendations`` (a genre that states its
    recommendations elsewhere) a prescriptive sentence is a claim; units in ``claims`` (a bullet's lead
    sentence) are claims whatever their role, units in ``recommended`` (the lead of a bullet under a
    "Recommendations" heading) recommendations; a block in ``verbatim`` (a pull quote: one quotation, its speaker in
    ``block_speakers``) is a quote; a question in a block of ``asked`` (a Q/A text's "Q:") is a question."""
    source = builder.source
    mined = found.mined
    statements: list[Statement] = []
    previous = ""
    unnamed_before = False  # the unit before voices someone the text does not name by a proper name
    held_by: str | None = None  # ... and the group it names ("Landlords' associations"), if any
    person_before: str | None = None  # the last person named as speaking
    people: list[str] = []  # every person named as speaking so far
    quoting: str | None = None  # the speaker of the unit before, when it quoted them and ended its sentence
    unit_words = mined.unit_words
    for i, unit in enumerate(found.units):
        quote = source[unit.start:unit.end]
        text, only_blanks = cleaned(quote)
        # the unit's words are the statement's when cleaning only collapsed blanks (no mark dropped between letters)
        words = unit_words[i] if unit_words and (only_blanks or text == " ".join(quote.split())) else None
        kind = StatementKind(mined.kinds[i])
        anchor = anchors[i] if anchors is not None and mined.parents[i] is None else None
        if (anchor is not None and anchor.kind is StatementKind.COUNTERARGUMENT  # a section's answer to a myth heading
                and kind in (StatementKind.CLAIM, StatementKind.EVIDENCE)):
            kind = StatementKind.REBUTTAL
        elif (kind is StatementKind.RECOMMENDATION and not recommendations) or i in (claims or ()):
            kind = StatementKind.CLAIM
        elif i in (recommended or ()):
            kind = StatementKind.RECOMMENDATION
        if unit.block in (asked or ()) and is_question(text):
            kind = StatementKind.QUESTION  # what the interviewer or the reader asks: neither claimed nor recommended
        quoted_block = (block_speakers or {}).get(unit.block)
        # a recommendation opening with its imperative verb, or listed under a Recommendations heading or an
        # announcement, is the author's: the body it names is whom it asks to act ("Direct the Environmental
        # Protection Agency to treat smoke ... when states measure ..." was a quote of the agency, "states" read as
        # a speech verb)
        own = kind is StatementKind.THESIS or (kind is StatementKind.RECOMMENDATION and (
            i in (recommended or ()) or proposes_action(text)))
        # (a block quote's speaker may be nobody named, UNNAMED_VOICE: "As one nurse put it to me:" over "> ...")
        speaker = quoted_block if quoted_block is not None else (None if own else speaker_of(text, previous, words))
        if speaker is None and not own and kind is StatementKind.COUNTERARGUMENT:
            # "He also argues that ...", "Mr. Roe's main claim is that ...": the person named before holds it
            speaker = view_holder(text, person_before)
        if speaker is None and not own and kind is not StatementKind.THESIS:
            # '"...," Marsh said.': the person named before by their full name, now by their surname
            speaker = surname_speaker(text, people)
        if (speaker is None and not own and kind is not StatementKind.THESIS and quoting is not None
                and found.units[i - 1].block == unit.block and is_whole_quotation(text)):
            # '"...," said Jane Roe, a councillor. "We ..."': the quotation goes on, the same person's words
            speaker = quoting
        if (speaker is None and kind is not StatementKind.THESIS and i + 1 < len(found.units)
                and found.units[i + 1].block == unit.block and is_whole_quotation(text)):
            # a quotation standing alone, its speaker named by the next sentence ("That is how X describes it.")
            following = found.units[i + 1]
            speaker = attribution_of_previous(cleaned(source[following.start:following.end])[0])
        nobody_named = False  # the unit voices someone the text names by no proper name
        if speaker is None and ((kind is StatementKind.COUNTERARGUMENT
                                 and (voices_another(text) or reports_aside(text) or _REPLIES.match(text)
                                      or names_an_objection(text)))
                                or (unnamed_before and kind is not StatementKind.REBUTTAL
                                    and found.units[i - 1].block == unit.block
                                    and not _SENTENCE_ENDED.search(previous) and not _CONTRAST_OPENS.match(text))):
            # an objection put in the mouth of nobody named ("Critics say ...", "Some argue ..."), and the rest of
            # its sentence ("..., since ...": the clauses after a reporting verb are the speaker's, as
            # ``mining.units`` keeps them; not "..., but ...", where the authors answer): not the authors' words,
            # and no one to report but a group the text names by what it is ("Landlords' associations contend ...")
            speaker = (held_by if unnamed_before and found.units[i - 1].block == unit.block
                       and not _SENTENCE_ENDED.search(previous) else group_voice(text)) or UNNAMED_VOICE
            nobody_named = True
        if speaker is None and kind is not StatementKind.THESIS and attributes_a_quotation(text):
            speaker = UNNAMED_VOICE  # '"...," said one head teacher': someone's words, the text names no one
        unnamed_before = nobody_named or speaker == UNNAMED_VOICE
        quoting = speaker if speaker and _QUOTE_MARKS.search(quote) and _SENTENCE_ENDED.search(text) else None
        if speaker and kind is not StatementKind.THESIS and is_person(speaker):
            person_before = speaker
            if speaker not in people:
                people.append(speaker)
        held_by = speaker if nobody_named else None
        voice = (block_voices or {}).get(unit.block) if speaker is None else None
        if voice is not None:
            speaker = voice  # the interviewee argues in their own voice: the role stays the model's
        elif quoted_block is not None and unit.block in (verbatim or ()):
            kind = StatementKind.QUOTE  # a pull quote: the speaker's words, verbatim
        elif quoted_block is not None and kind in _OWN_VOICE:
            kind = StatementKind.EVIDENCE  # a paragraph quoted as a block: the source's words
        elif speaker is not None and (kind in _OWN_VOICE or kind is StatementKind.EVIDENCE) and (
                _QUOTE_MARKS.search(quote) or (speaker and not nobody_named and kind in _OWN_VOICE)):
            kind = StatementKind.QUOTE  # reported words (an unnamed voice's only when quoted)
        # the text as add would clean it (blanks around the quote change nothing): cleaned once
        statements.append(builder.add(kind, unit.start, unit.end, section=sections[i], text=text, speaker=speaker))
        previous = text
    for i, statement in enumerate(statements):
        parent = mined.parents[i]
        target = statements[parent] if parent is not None else (anchors[i] if anchors else None)
        if target is None:
            continue
        if mined.relations[i] == ATTACKS or (parent is None and target.kind is StatementKind.COUNTERARGUMENT):
            builder.attacks(statement, target)
        else:
            builder.supports(statement, target)
    return statements


def recommended_units(found: MinedText, body: list[Block], unit_sections: list[str | None],
                      source: str) -> set[int]:
    """The units that open a bullet (or a numbered item) under a "Recommendations" heading: what the text recommends
    ("**Fund storage, not just rules.** A one-off grant ...", "1. Zone for homes near stations."), whatever the
    wording; and the first sentence of a paragraph there that the author states plainly (a claim or evidence to
    the role model, not a question or an opposing voice): recommendations set out as paragraphs, not as a list
    ("Meter every district by 2030. District meters show ...", whose verb the imperative lexicon reads as a noun),
    as a PDF's or a page's list often reaches the importer; and the items of a list a paragraph announces as
    recommendations ("My recommendations are as follows.") or labelled so ("Recommendation 2: ...")."""
    kinds = found.mined.kinds
    announced = announced_lists(source, body)
    return {i for i, u in enumerate(found.units)
            if (i == 0 or found.units[i - 1].block != u.block)
            and ((RECOMMENDATIONS_HEADING.fullmatch(unit_sections[i] or "")
                  and (body[u.block].kind == "bullet"
                       or (body[u.block].kind == "paragraph" and kinds[i] in _PLAIN_LEAD
                           and (kinds[i] == "recommendation" or not _states(source[u.start:u.end])))))
                 or u.block in announced or is_labelled_recommendation(source, body[u.block]))}




def _states(text: str) -> bool:
    """The sentence states something with its subject first ("A pause is not a ban."), unlike a recommendation named
    in a title-cased phrase ("A Cautious Dialogue with Militants.": a run-in heading, most of its longer words
    capitalised)."""
    longer = [w for w in text.split() if len(w) > 3]
    return (_SUBJECT_FIRST.match(text) is not None
            and sum(w[:1].isupper() for w in longer) * 3 < len(longer) * 2)


def pull_quote_speakers(found: list[Block], body: list[Block]) -> dict[int, str]:
    """{number of a body block that is a pull quote: the person its "— Name" line names}."""
    pulled = pull_quotes(found)
    return {number: person_for_attribution(pulled[block.start].attribution)
            for number, block in enumerate(body) if block.start in pulled}


def block_sections(source: str, found: list[Block], body: list[Block]) -> list[str | None]:
    """The heading above each body block."""
    heading_before: dict[int, str | None] = {}
    current: str | None = None
    for number, block in enumerate(found):
        if block.kind == "heading" and not is_furniture(block.text):
            current = heading_text(source, block)[:200]
        elif is_byline(block.text) and number > 0 and found[number - 1].kind != "heading":
            current = None  # a byline under a summary box ("Key takeaways" bullets) opens the text's own body
        heading_before[block.start] = current
    return [heading_before.get(block.start) for block in body]


def sections_of(source: str, found: list[Block], body: list[Block], mined: MinedText) -> list[str | None]:
    """The heading above each unit's block."""
    sections = block_sections(source, found, body)
    return [sections[u.block] for u in mined.units]


def proposal_blocks(body: list[Block], sections: list[str | None], source: str | None = None) -> set[int]:
    """The numbers of the paragraphs and list items under a "Recommendations" heading, and of the paragraphs under
    a "Findings" or "Conclusion" heading: points set out side by side (coordinate, as a list's items are), none a
    reason for the next, each backing what the text as a whole argues for. With ``source``, also the items of a
    list the text announces as its recommendations ("My recommendations to the Committee are as follows.": a
    testimony's list, under no heading; each item had backed the sentence before the announcement)."""
    return {number for number, (block, section) in enumerate(zip(body, sections, strict=True))
            if (block.kind in ("paragraph", "bullet") and RECOMMENDATIONS_HEADING.fullmatch(section or ""))
            or (block.kind in ("paragraph", "bullet") and POINTS_HEADING.fullmatch(section or ""))} | (
        announced_lists(source, body) if source is not None else set())


def parse(text: str, *, source: SourceMeta) -> DocumentGraph:
    found = blocks(text)
    title = source.title or title_from(text, found)
    builder = GraphBuilder(
        source=text,
        title=(title or source.filename or "untitled")[:300],
        authors=source.authors or authors_from(text, found),
        importer=NAME,
        publisher=source.publisher,
        published=source.published,
        url=source.url,
    )
    not_argument = apparatus(text, found)
    argued = [b for b in found if b.start not in not_argument] if not_argument else found
    body = without_thread_counters(text, without_dateline(text, body_blocks(text, argued)))
    body = without_attributions(text, body, pull_quotes(found))
    # questions and answers ("Q: ..." / "A: ...", "**Jane Roe:** ...": an explainer, an interview): the labels are no
    # part of a statement, and leave first, so a turn that only thanks is a courtesy
    body, asked, voices = interview_turns(text, body, builder.title)
    body = without_courtesies(text, body)
    if not asked:  # "## Q: Will it put tourists off?": the heading asks what its section's first sentence answers
        body, asked = with_question_headings(text, argued, body)
    sections = block_sections(text, [b for b in found if b.start not in not_argument], body)
    # a text giving two sides under headings ("Argument in favor" / "Argument against", "Majority view" / "Minority
    # view"): the other side's sections are opposing voices, each its signer's (or nobody named)
    sides = section_sides(text, found, body)
    voices = side_voices(sides) | voices  # a block's own voice (an interview turn's, a debate's) first
    mined = mine_text(text, body, proposals=proposal_blocks(body, sections, text), asked=asked,
                      authors=builder.authors, sides=sides)
    unit_sections = [sections[u.block] for u in mined.units]
    pulled = pull_quote_speakers(found, body)
    add_mined(builder, mined, unit_sections, block_speakers=pulled, block_voices=voices, verbatim=set(pulled),
              asked=asked,
              recommended=recommended_units(mined, body, unit_sections, text))
    lexicon.annotate(builder)
    return builder.build()
