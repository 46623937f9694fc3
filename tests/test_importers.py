"""Importers: the seeds' maps, offsets, ids, detection, formats and robustness."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InvalidInput
from graph.model import DocumentGraph, RelationType, Statement, StatementKind, Verdict, canonical_text
from importers import IMPORTERS, detect, parse_document
from importers.base import SourceMeta, clean_text
from importers.discourse import speaker_of
from importers.lexicon import TOPICS, actors_in, topic_stances
from importers.structure import sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CSIS = SEEDS / "csis-2020-rethinking-crisis-responses-in-the-sahel.txt"
OPED = SEEDS / "wotr-2020-thurston-france-should-give-mali-space-to-negotiate.txt"
K = StatementKind


@pytest.fixture(scope="module")
def csis() -> DocumentGraph:
    return parse_document(CSIS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def oped() -> DocumentGraph:
    return parse_document(OPED.read_text(encoding="utf-8"))


def of_kind(graph: DocumentGraph, kind: StatementKind) -> list[Statement]:
    return [s for s in graph.statements if s.kind is kind]


def edges(graph: DocumentGraph, rel: RelationType) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in graph.relations if r.type is rel}


def reaches(graph: DocumentGraph, source: Statement, target: Statement) -> bool:
    """True when a chain of relations (either type) leads from ``source`` to ``target``."""
    out: dict[str, list[str]] = {}
    for r in graph.relations:
        out.setdefault(r.source, []).append(r.target)
    seen, todo = {source.id}, [source.id]
    while todo:
        for nxt in out.get(todo.pop(), []):
            if nxt == target.id:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def find(graph: DocumentGraph, kind: StatementKind, starts: str) -> Statement:
    found = [s for s in graph.statements if s.kind is kind and s.text.startswith(starts)]
    assert len(found) == 1, (kind, starts, [s.text[:60] for s in found])
    return found[0]


def find_text(graph: DocumentGraph, starts: str) -> Statement:
    """The one statement opening with ``starts``, whatever kind the role model gave it."""
    found = [s for s in graph.statements if s.text.startswith(starts)]
    assert len(found) == 1, (starts, [s.text[:60] for s in found])
    return found[0]


# --- CSIS brief ----------------------------------------------------------------------

ASSUMPTIONS = [
    "Terrorist Groups Are the Root of Instability in the Sahel",
    "Inclusive Governance Is Central to Solving the Crisis",
    "The Algiers Accord Is the Foundation of Future Peace in the Sahel",
    "It Is Dangerous to Negotiate with Terrorists",
    "Increased International Engagement Advances Security and Governance Objectives",
]
# (check opening words, verdict, relation to its assumption)
CHECKS = [
    ("While the international community’s CT efforts have removed", Verdict.CHALLENGED, RelationType.ATTACKS),
    ("The current approach is sensible and validates the assumption", Verdict.UPHELD, RelationType.SUPPORTS),
    ("The Algiers Accord is outdated and lacks critical stakeholder buy-in", Verdict.CHALLENGED, RelationType.ATTACKS),
    ("The assumption that negotiating with terrorists is dangerous neither", Verdict.CHALLENGED, RelationType.ATTACKS),
    ("The current approach to partnerships has failed", Verdict.CHALLENGED, RelationType.ATTACKS),
]
RECOMMENDATIONS = [
    "A Governance-Focused Approach.",
    "A New Peace Deal.",
    "A Cautious Dialogue with Militants.",
    "A Smarter International Architecture.",
]
# check index -> the recommendation index it SUPPORTS (matched by content, not position)
CHECK_SUPPORTS = {0: 0, 1: 0, 2: 1, 3: 2, 4: 3}


def test_csis_detected_and_titled_without_metadata(csis: DocumentGraph) -> None:
    assert csis.document.importer == "csis_brief"
    assert csis.document.title == "Rethinking Crisis Responses in the Sahel"
    assert csis.document.authors == ("Judd Devermont", "Marielle Harris")


def test_csis_assumptions_exact(csis: DocumentGraph) -> None:
    assert [s.text for s in of_kind(csis, K.ASSUMPTION)] == ASSUMPTIONS
    assert [s.quote.split(":")[0] for s in of_kind(csis, K.ASSUMPTION)] == [f"Key Assumption #{n}" for n in range(1, 6)]


@pytest.mark.parametrize(("index", "check"), list(enumerate(CHECKS)))
def test_csis_check_verdict_and_link(csis: DocumentGraph, index: int, check: tuple[str, Verdict, RelationType]) -> None:
    opening, verdict, relation = check
    checks = of_kind(csis, K.ASSUMPTION_CHECK)
    assert len(checks) == 5
    statement = checks[index]
    assert statement.text.startswith(opening)
    assert statement.quote.startswith("Key Assumption Check:")
    assert "Key Assumption Check" not in statement.text
    assert statement.verdict is verdict
    assumption = of_kind(csis, K.ASSUMPTION)[index]
    assert (statement.id, assumption.id) in edges(csis, relation)
    other = RelationType.SUPPORTS if relation is RelationType.ATTACKS else RelationType.ATTACKS
    assert (statement.id, assumption.id) not in edges(csis, other)


def test_csis_glued_check_four_starts_at_marker(csis: DocumentGraph) -> None:
    source = csis.document.source
    check = of_kind(csis, K.ASSUMPTION_CHECK)[3]
    assert source[check.start - 3 : check.start] == ".45"
    paragraph_start = source.rfind("\n", 0, check.start) + 1
    spans = sentences(source, paragraph_start, check.end)
    starts = [start for start, _ in spans]
    before = spans[starts.index(check.start) - 1]  # the segmenter splits at the glued marker
    assert source[before[0] : before[1]].endswith("Arabic-language schools are prioritized.45")
    assert clean_text(source[before[0] : before[1]]).endswith("schools are prioritized.")


def test_csis_recommendations_and_their_checks(csis: DocumentGraph) -> None:
    recs = of_kind(csis, K.RECOMMENDATION)
    assert [r.text.split(".")[0] + "." for r in recs] == RECOMMENDATIONS
    checks = of_kind(csis, K.ASSUMPTION_CHECK)
    supports = edges(csis, RelationType.SUPPORTS)
    for c, check in enumerate(checks):
        linked = [r for r, rec in enumerate(recs) if (check.id, rec.id) in supports]
        assert linked == [CHECK_SUPPORTS[c]], (c, linked)
    thesis = of_kind(csis, K.THESIS)
    assert len(thesis) == 1 and thesis[0].text.startswith("It is imperative to reassess and reset the strategy")
    for rec in recs:
        assert (rec.id, thesis[0].id) in supports


def test_csis_issue_claims_support_thesis(csis: DocumentGraph) -> None:
    thesis = of_kind(csis, K.THESIS)[0]
    dire = find(csis, K.CLAIM, "The situation in the Sahel has never been more dire.")
    doubts = find(csis, K.CLAIM, "There are growing doubts")
    assert {(dire.id, thesis.id), (doubts.id, thesis.id)} <= edges(csis, RelationType.SUPPORTS)


@pytest.mark.parametrize(("opening", "target_kind", "target_opening"), [
    ("In Burkina Faso alone, as of June 2020, nearly one million", K.CLAIM, "There has been a surge in refugees"),
    ("There were almost five million more people suffering", K.CLAIM, "The region has become more food insecure"),
    ("However, only 23 percent of the Accord’s provisions", K.CLAIM, "The Accord’s key pillars have not been"),
    ("Paris currently has some 5,100 troops deployed", K.ASSUMPTION_CHECK, "While the international community’s CT"),
    ("This became reality in October, when Mali’s transitional government released 180 jihadists",
     K.ASSUMPTION_CHECK, "The assumption that negotiating with terrorists"),
])
def test_csis_evidence_links(csis: DocumentGraph, opening: str, target_kind: StatementKind,
                             target_opening: str) -> None:
    # the mining pipeline makes each paragraph a small tree under its bullet claim or its section's check
    evidence = find(csis, K.EVIDENCE, opening)
    target = find(csis, target_kind, target_opening)
    assert reaches(csis, evidence, target)


def test_csis_sourced_evidence_carries_its_source(csis: DocumentGraph) -> None:
    assert find(csis, K.EVIDENCE, "However, only 23 percent").speaker == "Carter Center"
    assert find(csis, K.EVIDENCE, "Halfway through 2020").speaker == "ACLED"
    assert all(name[:1].isupper() for name in csis.speakers())


def test_csis_evidence_texts_are_clean(csis: DocumentGraph) -> None:
    texts = [s.text for s in of_kind(csis, K.EVIDENCE)]
    assert any("some 5,100 troops" in t for t in texts)  # a number's digits are not footnotes
    assert any("first six months" in t for t in texts)  # nor are the letters of "six"
    assert any(t.endswith("Carter Center’s Independent Observer.") for t in texts)  # "Observer.24" cleaned


def test_csis_questions(csis: DocumentGraph) -> None:
    assert [q.text for q in of_kind(csis, K.QUESTION)] == [
        "Is a CT-first approach enabling Sahelian governments to advance governance and the rule of law?",
        "Is inclusivity key to resolving the Sahelian conflict?",
        "Is the Algiers Accord broad enough to address the many facets of Malian insecurity?",
        "Is a no-negotiation policy still valid?",
        "Is greater international coordination useful?",
    ]


PULL_QUOTES = [
    ("“Violent extremist organizations are our first concern.”", "Florence Parly"),
    ("“The key word . . . it’s inclusion.”", "Maman Sidikou"),
    ("“I'm sorry to say . . . but there is no plan B at [this] stage.”", "Angel Losada Fernandez"),
    ("“It’s an entirely different calculation when you’re talking to criminals", "Peter Pham"),
    ("“We are facing a big problem in coordination.", "Angel Losada Fernandez"),
]


@pytest.mark.parametrize(("opening", "speaker"), PULL_QUOTES)
def test_csis_pull_quote_speakers(csis: DocumentGraph, opening: str, speaker: str) -> None:
    quote = find(csis, K.QUOTE, opening)
    assert quote.speaker == speaker and quote.reported
    assert speaker in csis.persons


@pytest.mark.parametrize(("opening", "speaker"), [
    ("France’s foreign minister Jean-Yves Le Drian has been less forgiving", "Jean-Yves Le Drian"),
    ("In 2019, the International Crisis Group argued", "International Crisis Group"),
    ("He added that “talking with jihadists", "Ibrahim Boubacar Keïta"),
    ("In June 2020, U.S. Ambassador to the United Nations Kelly Craft told", "Kelly Craft"),
])
def test_csis_reported_speech_in_prose(csis: DocumentGraph, opening: str, speaker: str) -> None:
    # a reported view is either quoted in support or voiced as the other side: the speaker is the point here
    quote = find_text(csis, opening)
    assert quote.kind in (K.QUOTE, K.COUNTERARGUMENT), quote.kind
    assert quote.speaker == speaker and quote.reported


def test_csis_authors_speak_their_own_statements(csis: DocumentGraph) -> None:
    for kind in (K.THESIS, K.ASSUMPTION, K.ASSUMPTION_CHECK, K.RECOMMENDATION, K.QUESTION):
        for statement in of_kind(csis, kind):
            assert statement.speaker == "Judd Devermont, Marielle Harris" and not statement.reported


# --- CSIS: the body sentences of the Key Assumption sections --------------------------

# (kind, opening): the kind a reader gives each (gold, not the model's output): dated, numbered or reported
# facts are evidence, the authors' evaluations claims; a fact conceded before "But ..." is a counterargument.
# The section test below checks where each sentence lands; how many kinds the model gets right is
# test_seed_sentence_kinds_mostly_right's business.
CSIS_SECTION_SENTENCES = [
    (K.EVIDENCE, "In 2017, the delegates at Mali’s Conference of National Understanding expressed support"),
    (K.EVIDENCE, "France, in particular, has found itself in an intractable conflict with no end in sight"),
    (K.EVIDENCE, "In mid-2012, when al-Qaeda in the Islamic Maghreb (AQIM) and its allies seized control"),
    (K.EVIDENCE, "France—Mali’s former colonial ruler—intervened in 2013, deploying ground troops"),
    (K.EVIDENCE, "In August 2014, France transitioned Serval into Operation Barkhane"),
    (K.COUNTERARGUMENT, "France recently removed key leaders of AQIM, killing Emir Abdelmalek Droukdel in June"),
    (K.EVIDENCE, "Meanwhile, the U.S. Air Force has built a new facility"),
    (K.EVIDENCE, "In 2013, the UN’s first envoy for the Sahel Region, former Italian prime minister Romano Prodi"),
    (K.EVIDENCE, "Fighting between jihadist groups has increased;"),  # a semicolon ends a clause unit
    (K.EVIDENCE, "A few years later, Mali’s Inclusive National Dialogue echoed this same recommendation."),
    (K.EVIDENCE, "Even UN Secretary-General Antonio Gutteres and African Union Peace and Security Commissioner"),
    (K.EVIDENCE, "EUTM entered the picture in 2013, dispatching trainers from 22 EU countries"),
    (K.CLAIM, "Pushing back terrorists is undoubtedly critical."),
    # a rebuttal of the long pledge sentence before it with the dev-only voices models; trained on dev2 too
    # (whose objections are short), that sentence is no longer an opposing voice, so its answer is a claim
    (K.CLAIM, "But it is far from clear that these CT efforts have benefited governance in the region."),
    (K.COUNTERARGUMENT, "These pillars are valuable,"),  # conceded, then answered by "but insufficient"
]


@pytest.mark.parametrize(("kind", "opening"), CSIS_SECTION_SENTENCES)
def test_csis_assumption_sections_yield_their_sentences(csis: DocumentGraph, kind: StatementKind,
                                                        opening: str) -> None:
    statement = find_text(csis, opening)
    assert statement.section is not None and statement.section.startswith("Key Assumption #")
    assert csis.document.source[statement.start : statement.end] == statement.quote
    assert any(statement.id in (r.source, r.target) for r in csis.relations)


def test_csis_section_sentences_keep_the_structure(csis: DocumentGraph) -> None:
    counts = {kind: len(of_kind(csis, kind)) for kind in K}
    structure = (counts[K.ASSUMPTION], counts[K.ASSUMPTION_CHECK], counts[K.RECOMMENDATION], counts[K.THESIS])
    assert structure == (5, 5, 4, 1)
    assert counts[K.EVIDENCE] >= 45 and counts[K.CLAIM] >= 35
    # the pull-quote attributions stay out; every sentence of the prose is a unit, plain narration too
    texts = [s.text for s in csis.statements]
    assert not [t for t in texts if t.startswith("—")]
    assert [t for t in texts if t.startswith("This has had dangerous consequences")]


def test_csis_section_sentences_reach_their_assumption(csis: DocumentGraph) -> None:
    # each paragraph of a Key Assumption section is a tree under the section's check, which
    # SUPPORTS or ATTACKS the assumption: the whole section is one argument about it
    assumptions = {a.section: a for a in of_kind(csis, K.ASSUMPTION)}
    section_statements = [s for s in csis.statements if s.section in assumptions
                          and s.kind not in (K.ASSUMPTION, K.QUOTE) or (s.kind is K.QUOTE and s.section in assumptions
                                                                         and not s.text.startswith("“"))]
    assert len(section_statements) > 60
    for statement in section_statements:
        assert reaches(csis, statement, assumptions[statement.section]), statement.text[:60]
    insisted = find_text(csis, "The Malian government insisted that Mali remain a secular country")
    assert insisted.speaker == "Mali"


def test_seeds_statements_without_relation_at_most_fifteen_percent(csis: DocumentGraph, oped: DocumentGraph) -> None:
    for graph in (csis, oped):
        linked = {r.source for r in graph.relations} | {r.target for r in graph.relations}
        unlinked = [s for s in graph.statements if s.id not in linked]
        assert len(unlinked) <= 0.15 * len(graph.statements), [s.text[:50] for s in unlinked]


def test_csis_statements_before_the_change_keep_their_ids(csis: DocumentGraph) -> None:
    from graph.model import statement_id_for

    for opening in ["Paris currently has some 5,100 troops", "In 2019, the International Crisis Group argued",
                    "This became reality in October"]:
        statement = find_text(csis, opening)
        assert statement.id == statement_id_for(csis.document.id, statement.kind, statement.start, statement.end)
    assert len({s.id for s in csis.statements}) == len(csis.statements)


def test_csis_furniture_is_not_argument(csis: DocumentGraph) -> None:
    texts = " ".join(s.text for s in csis.statements)
    for furniture in ("Source: The Armed Conflict", "is the director of the Africa Program", "All rights reserved",
                      "Please consult the PDF", "CSIS Briefs are produced"):
        assert furniture not in texts


# --- op-ed -----------------------------------------------------------------------------

# the op-ed's five recommendations as a reader counts them (gold, not the model's output). The role model
# finds most of them; it also misreads some sentences as proposals ("Despite French experts' warnings ...,
# France ..." describes what France did; "Negotiating with JNIM could help ..." is a consequence), and
# "... French forces would be wise to pull back ..." answers an objection, so it may come out a rebuttal.
OPED_RECOMMENDATIONS = [
    "In particular, France should publicly commit to suspending its hunt",
    "It would be better, now, to give even an unlikely peace a chance",
    "French authorities could make a public declaration that they will pause their hunt",
    "France could also improve its public image",
    "But however bitter a pill it might be for Paris to swallow, French forces would be wise to pull back",
]


def test_oped_thesis_and_metadata(oped: DocumentGraph) -> None:
    assert oped.document.importer == "oped"
    assert oped.document.title == "France Should Give Mali Space to Negotiate with Jihadists"
    assert oped.document.authors == ("Alex Thurston",)
    assert [t.text for t in of_kind(oped, K.THESIS)] == ["France Should Give Mali Space to Negotiate with Jihadists"]


def test_oped_heading_claims_support_thesis(oped: DocumentGraph) -> None:
    thesis = of_kind(oped, K.THESIS)[0]
    supports = edges(oped, RelationType.SUPPORTS)
    for heading in ("French Military Operations in Mali Aren’t Working", "Potential Dialogue Already a Game-Changer"):
        claim = find(oped, K.CLAIM, heading)
        assert claim.text == heading and (claim.id, thesis.id) in supports
    assert not [s for s in oped.statements if s.text.startswith("The Content — and Possible Pitfalls")]
    assert find(oped, K.QUESTION, "What Would a French Pause").text.endswith("Entail?")


def test_oped_recommendations_support_thesis(oped: DocumentGraph) -> None:
    thesis = of_kind(oped, K.THESIS)[0]
    recs = of_kind(oped, K.RECOMMENDATION)
    found = [rec for rec in recs if rec.text.startswith(tuple(OPED_RECOMMENDATIONS))]
    wrong = [rec.text[:60] for rec in recs if rec not in found]
    # the level the learned roles reach on 2026-11-27: four of the five and three false proposals, F1 0.67 (before
    # the voices models read document-level evidence and CDCP's comments: three of the five, two false, F1 0.60)
    assert len(found) >= 3, [rec.text[:60] for rec in found]
    assert 2 * len(found) / (len(recs) + len(OPED_RECOMMENDATIONS)) >= 0.6, wrong
    for rec in recs:
        assert reaches(oped, rec, thesis)
        assert not rec.reported


def test_oped_counterarguments_and_rebuttals(oped: DocumentGraph) -> None:
    # opposing voices and concessions are found by general English connectives (``importers.mining.markers``)
    counters = of_kind(oped, K.COUNTERARGUMENT)
    attacks = edges(oped, RelationType.ATTACKS)
    assert len(counters) >= 5
    for counter in counters:
        assert len([t for s, t in attacks if s == counter.id]) == 1
    kinds = {s.id: s.kind for s in oped.statements}
    for rebuttal in of_kind(oped, K.REBUTTAL):
        assert [kinds[t] for s, t in attacks if s == rebuttal.id] == [K.COUNTERARGUMENT]
        assert not rebuttal.reported
    # a reported position answered by "I disagree" is a counterargument, the answer its rebuttal
    shurkin = find(oped, K.COUNTERARGUMENT, "RAND Corporation analyst Michael Shurkin has suggested")
    disagree = find(oped, K.REBUTTAL, "I disagree — I think there are a range of options")
    assert (disagree.id, shurkin.id) in attacks
    assert reaches(oped, shurkin, of_kind(oped, K.THESIS)[0])


@pytest.mark.parametrize(("kind", "opening", "speaker"), [
    (K.COUNTERARGUMENT, "RAND Corporation analyst Michael Shurkin", "Michael Shurkin"),
    (K.QUOTE, "Nearly three years later, current Foreign Minister Jean-Yves Le Drian", "Jean-Yves Le Drian"),
    (K.QUOTE, "In 2017, then-Foreign Minister Jean-Marc Ayrault rejected", "Jean-Marc Ayrault"),
    (K.QUOTE, "The jihadists set only one precondition", "JNIM"),
    (K.QUOTE, "In the March 8 communiqué", "JNIM"),
    (K.QUOTE, "In claiming a March 19 attack", "JNIM"),
    # his reported words offered in support: a quote, as the gold short texts' guidelines have it (a sourced fact,
    # evidence, until the role model learned quotes from them)
    (K.QUOTE, "As far back as 2017, Kouffa reportedly stated", "Amadou Kouffa"),
    (K.EVIDENCE, "France now finds itself stuck in the Sahel", "New York Times"),
])
def test_oped_reported_speakers(oped: DocumentGraph, kind: StatementKind, opening: str, speaker: str) -> None:
    statement = find(oped, kind, opening)
    assert statement.speaker == speaker and statement.reported


def test_oped_new_york_times_quote_backs_heading(oped: DocumentGraph) -> None:
    quote = find(oped, K.EVIDENCE, "France now finds itself stuck in the Sahel")
    heading = find(oped, K.CLAIM, "French Military Operations in Mali Aren’t Working")
    assert (quote.id, heading.id) in edges(oped, RelationType.SUPPORTS)


def test_oped_furniture_excluded(oped: DocumentGraph) -> None:
    texts = " ".join(s.quote for s in oped.statements)
    for furniture in ("CORRECTION", "Wikicommons", "Assistant Professor of Political Science", "A recent New York"):
        assert furniture not in texts


def test_oped_author_statements_carry_author(oped: DocumentGraph) -> None:
    assert find(oped, K.RECOMMENDATION, "In particular, France should").speaker == "Alex Thurston"
    assert set(oped.persons) >= {"Michael Shurkin", "Jean-Yves Le Drian", "Jean-Marc Ayrault", "JNIM",
                                 "New York Times"}


SHORT_OPED = """Towns Should Fund Repair Cafes

By Noor Haddad

Our town throws away thousands of kettles, toasters and bicycles every year. The council should fund a repair cafe \
in every ward.

Repairs keep money in local hands. A volunteer fixes a toaster for the price of a coffee.

Critics say the cafes would compete with local repair shops. "Nobody will pay a technician once repairs are free," \
said councillor Jane Roe at the budget hearing. The shops, however, take the jobs the volunteers cannot do.
"""


def test_short_oped_body_is_one_tree_around_its_central_claim() -> None:
    """A body the pipeline decodes as one tree gets its own central claim, which backs the headline: its
    paragraphs are not separate trees under the headline, and the objection argues against that claim."""
    graph = parse_document(SHORT_OPED)
    assert graph.document.importer == "oped"
    thesis = of_kind(graph, K.THESIS)
    assert [t.text for t in thesis] == ["Towns Should Fund Repair Cafes"]
    under_headline = [s for s, t in edges(graph, RelationType.SUPPORTS) | edges(graph, RelationType.ATTACKS)
                      if t == thesis[0].id]
    assert len(under_headline) == 1  # one central claim, not one root per paragraph
    central = next(s for s in graph.statements if s.id == under_headline[0])
    assert central.text.startswith("The council should fund a repair cafe")
    for statement in graph.statements:
        assert reaches(graph, statement, central) or statement in (central, thesis[0])
    critics = find(graph, K.COUNTERARGUMENT, "Critics say the cafes")
    assert (critics.id, central.id) in edges(graph, RelationType.ATTACKS)


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_byline_is_no_section_and_a_bylined_bio_is_no_statement(importer: str) -> None:
    """The byline names the author, so the closing paragraph that introduces that name is the bio even when it
    names no profession; the byline line is not a heading the statements fall under."""
    bio = "Noor Haddad is a former shop owner and writes about towns."
    graph = parse_document(f"{SHORT_OPED}\n{bio}\n", importer=importer)
    assert graph.document.authors == ("Noor Haddad",)
    assert not [s.text for s in graph.statements if "Noor Haddad" in s.quote]
    assert graph.statements and not [s.section for s in graph.statements if s.section and "Haddad" in s.section]
    unbylined = parse_document(f"{SHORT_OPED.replace('By Noor Haddad', 'Opinion')}\n{bio}\n", importer=importer)
    assert [s.text for s in unbylined.statements if "Noor Haddad" in s.quote] == [bio]  # no byline, no cue: prose


@pytest.mark.parametrize(("sentence", "speaker"), [
    ('"Nobody will pay a technician once repairs are free," said councillor Jane Roe at the budget hearing.',
     "Jane Roe"),
    ("“Repairs are a trade,” said Jane Roe, a councillor.", "Jane Roe"),
    ('"Repairs are a trade," Jane Roe said.', "Jane Roe"),
    ('"Repairs are a trade," says the parks director.', None),  # nobody named
    ("He said nothing about the plan.", None),
])
def test_speaker_after_the_quotation(sentence: str, speaker: str | None) -> None:
    assert speaker_of(sentence) == speaker


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("A study by the Urban Institute found that rents rose.", "Urban Institute"),
    ("Leeds City Council said the scheme would go ahead.", "Leeds City Council"),
    ("The Institute for Fiscal Studies reported that the cost had doubled.", "Institute for Fiscal Studies"),
    ("The Bank of England warned that rates would rise.", "Bank of England"),
    ("Dr Jane Roe of Leeds University told the committee that it works.", "Jane Roe"),  # the person, not her employer
    ("In Parliament, the minister said nothing.", None),  # the subject is the minister, unnamed
    ("Council officers said the road would close.", None),  # a word opening the sentence, not a name
    ("Reported crimes fell by a third.", None),
    ("Jane Roe found her keys in the car.", None),
])
def test_speaker_a_named_body_the_gazetteer_does_not_know(sentence: str, speaker: str | None) -> None:
    assert speaker_of(sentence) == speaker


@pytest.mark.parametrize(("sentence", "previous", "speaker"), [
    ("According to the World Bank, incomes fell.", "", "World Bank"),  # at the start of the sentence too
    ("In the view of Jane Roe, the plan fails.", "", "Jane Roe"),
    ("The World Health Organization warns that heat kills.", "", "World Health Organization"),  # present tense
    ("Data from the Census Bureau show that incomes fell.", "", "Census Bureau"),
    ("Experience shows that bans fail.", "", None),  # nobody named: the author's inference
    ("When Orlenia raised tariffs, its finance ministry later estimated that jobs were lost.", "", None),
    ("They don't: the district's own figures show that signs cost little.",  # "they" is not the subject
     "Councillor Jane Roe told the meeting that signs cost a lot.", None),
    ("They said that signs cost a lot.", "Jane Roe visited the site.", "Jane Roe"),
])
def test_speaker_of_reporting_forms(sentence: str, previous: str, speaker: str | None) -> None:
    assert speaker_of(sentence, previous) == speaker


# --- every seed ------------------------------------------------------------------------

@pytest.mark.parametrize("path", [CSIS, OPED], ids=["csis", "oped"])
def test_offsets_exact_and_ids_stable(path: Path) -> None:
    text = canonical_text(path.read_text(encoding="utf-8"))  # offsets point into the canonical text
    first, second = parse_document(text), parse_document(text)
    for statement in first.statements:
        assert text[statement.start : statement.end] == statement.quote
        assert statement.quote == statement.quote.strip() and statement.text
    assert [s.id for s in first.statements] == [s.id for s in second.statements]
    assert first.relations == second.relations and first.topic_tags == second.topic_tags
    assert first.document.id == second.document.id


@pytest.mark.parametrize("path", [CSIS, OPED], ids=["csis", "oped"])
def test_every_importer_keeps_offsets_on_every_seed(path: Path) -> None:
    text = canonical_text(path.read_text(encoding="utf-8"))
    for name in (n for n in IMPORTERS if n != "aif"):  # the prose importers; aif reads AIF JSON only
        graph = parse_document(text, importer=name)
        assert graph.document.importer == name
        assert all(text[s.start : s.end] == s.quote for s in graph.statements)


def test_source_meta_wins_over_text() -> None:
    meta = SourceMeta(title="Given Title", authors=("A. Person",), publisher="P", published="2020-01-01")
    graph = parse_document(OPED.read_text(encoding="utf-8"), source=meta)
    assert graph.document.title == "Given Title" and graph.document.authors == ("A. Person",)
    assert find(graph, K.RECOMMENDATION, "In particular, France should").speaker == "A. Person"


# --- detection and registry ----------------------------------------------------------

GENERIC_TEXT = """Remote work

Companies should keep remote work as the default for office staff. It saves commuting time and widens the hiring pool.

Productivity has not fallen. In fact, a 2023 survey found that 62 percent of managers saw output rise. \
Therefore remote work pays for itself.

Critics argue that remote work weakens company culture. However, culture depends on management, not on desks.

The weather was cloudy on Tuesday.
"""


@pytest.mark.parametrize(("text", "expected"), [
    (CSIS.read_text(encoding="utf-8"), "csis_brief"),
    (OPED.read_text(encoding="utf-8"), "oped"),
    (GENERIC_TEXT, "generic"),
    ("just one line", "generic"),
])
def test_detect(text: str, expected: str) -> None:
    assert detect(text) == expected


def test_the_key_assumption_gate_misses_no_match() -> None:
    """``csis_brief.may_hold_key`` (the brief's and the op-ed's scores skip their case-blind "Key Assumption" scans
    when it is false): every character the case-blind patterns match for "k", "e" or "y" lower-cases to that letter,
    over all of Unicode; and the scores are those of the scans alone on written variants."""
    import sys

    from importers import csis_brief, oped

    for letter in "key":
        pattern = re.compile(letter, re.IGNORECASE)
        assert all(chr(code).lower() == letter for code in range(sys.maxunicode + 1)
                   if not 0xD800 <= code <= 0xDFFF and pattern.fullmatch(chr(code)))
    for text in ("KEY ASSUMPTION #1: x\nKey Assumption 2: y\nKEY ASSUMPTION CHECK: z", "\u212aey Assumption 1. x",
                 "kEy\tassumption check - z", "A key point.", "No such words.", CSIS.read_text(encoding="utf-8")):
        assumptions = len({m.group(1) for m in csis_brief._ASSUMPTION.finditer(text)})
        checks = len(csis_brief._CHECK.findall(text))
        plain = 0.95 if assumptions >= 2 and checks >= 1 else 0.3 if assumptions or checks else 0.0
        assert csis_brief.score(text) == plain, text
        assert csis_brief.may_hold_key(text) or oped._KEY_ASSUMPTION.search(text) is None


def test_importer_override_and_unknown() -> None:
    graph = parse_document(CSIS.read_text(encoding="utf-8"), importer="generic")
    assert graph.document.importer == "generic" and not of_kind(graph, K.ASSUMPTION_CHECK)
    with pytest.raises(InvalidInput, match="unknown importer 'nope'"):
        parse_document("text", importer="nope")
    with pytest.raises(InvalidInput, match="empty"):
        parse_document(" \n\t ")


def test_generic_map() -> None:
    graph = parse_document(GENERIC_TEXT)
    assert len(of_kind(graph, K.THESIS)) == 1
    counter = find(graph, K.COUNTERARGUMENT, "Critics argue")
    rebuttal = find(graph, K.REBUTTAL, "However, culture depends")
    supports, attacks = edges(graph, RelationType.SUPPORTS), edges(graph, RelationType.ATTACKS)
    assert (rebuttal.id, counter.id) in attacks
    assert [t for s, t in attacks if s == counter.id]  # the opposing voice attacks the argument
    assert find(graph, K.THESIS, "Companies should keep remote work").id in {s for s, _ in supports} | {
        t for _, t in supports}
    # every sentence is a unit (none dropped for lacking a cue), and every unit is in the one tree
    assert [s for s in graph.statements if "cloudy" in s.text]
    assert not [s for s in graph.statements if s.text == "Remote work"]  # the title line is not a unit
    linked = {r.source for r in graph.relations} | {r.target for r in graph.relations}
    assert all(s.id in linked for s in graph.statements)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_parse_document_never_raises_anything_but_invalid_input(text: str) -> None:
    for importer in (None, "generic", "oped", "csis_brief"):
        try:
            graph = parse_document(text, importer=importer)
        except InvalidInput:
            continue
        assert all(graph.document.source[s.start : s.end] == s.quote for s in graph.statements)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "Key Assumption #1: X", "Key Assumption Check: It validates the assumption.", "Recommendations",
    "A Plan. We should act.", "  • The Issue bullet should matter.", "The Issue", "“Quote.”", "— Someone Name",
    "What if it fails?", "I disagree — no.", "At the same time, yes.", "Yet it works.", "", "John Doe is a fellow.",
]), max_size=30))
def test_structured_fragments_never_crash(lines: list[str]) -> None:
    text = "\n\n".join(lines)
    for importer in IMPORTERS:
        with contextlib.suppress(InvalidInput):
            parse_document(text, importer=importer)


@pytest.mark.slow
@pytest.mark.slow
def test_twenty_megabytes_parse() -> None:
    # No time bound here: speed is measured by `make bench`, not by timed tests.
    seed = (CSIS.read_text(encoding="utf-8") + "\n\n" + OPED.read_text(encoding="utf-8") + "\n\n")
    text = (seed * (20_000_000 // len(seed) + 1))[:20_000_000]
    graph = parse_document(text)
    assert graph.document.importer == "csis_brief"  # the structure cues still win
    assert len(graph.statements) > 10_000
    assert graph.document.source == canonical_text(text)
    assert all(graph.document.source[s.start:s.end] == s.quote for s in graph.statements)


# --- lexicon ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "actor_id"), [
    ("Jama‘at Nusrat al-Islam wa-l-Muslimin released a statement", "jnim"),
    ("Jama'at Nusrat al-Islam wa-l-Muslimin", "jnim"),
    ("President Keïta spoke", "ibrahim-boubacar-keita"),
    ("IBK spoke", "ibrahim-boubacar-keita"),
    ("Keita spoke", "ibrahim-boubacar-keita"),
    ("Amadou Koufa's men", "amadou-kouffa"),
    ("the Islamic State in the Greater Sahara attacked", "isgs"),
    ("MINUSMA peacekeepers", "minusma"),
    ("Operation Barkhane", "operation-barkhane"),
    ("the G5 Sahel Joint Force", "g5-sahel"),
    ("the 2015 Algiers Accord", "algiers-accord"),
])
def test_actor_aliases(text: str, actor_id: str) -> None:
    assert actor_id in [a.id for a in actors_in(text)]


def test_actor_aliases_do_not_match_inside_words() -> None:
    # "Niger" is not found inside "Nigeria" (which is a state of its own, from the world-states list)
    assert [a.id for a in actors_in("Nigeria and Malians")] == ["nigeria", "mali"]


@pytest.mark.parametrize(("text", "topic", "stance"), [
    ("The international community should cautiously dialogue with militants.", "negotiation", 1),
    ("France has rejected talks with the jihadists.", "negotiation", -1),
    ("The Algiers Accord is outdated.", "peace-process", -1),
    ("Nearly one million people were internally displaced in 2020.", "humanitarian", 0),
    ("French forces would be wise to pull back on counter-terrorism operations.", "counter-terrorism", -1),
])
def test_topic_stances(text: str, topic: str, stance: int) -> None:
    assert topic_stances(text).get(topic) == stance


def test_seed_statements_are_tagged(csis: DocumentGraph, oped: DocumentGraph) -> None:
    rec = find(csis, K.RECOMMENDATION, "A Cautious Dialogue with Militants.")
    tags = {(t.topic_id, t.stance) for t in csis.topic_tags if t.statement_id == rec.id}
    assert ("negotiation", 1) in tags
    ayrault = find(oped, K.QUOTE, "In 2017, then-Foreign Minister Jean-Marc Ayrault")
    assert ("negotiation", -1) in {(t.topic_id, t.stance) for t in oped.topic_tags if t.statement_id == ayrault.id}
    named = {"negotiation", "counter-terrorism", "governance", "peace-process", "international-coordination",
             "humanitarian"}
    # the named topics, plus at most five key topics of the brief's own words (importers.key_topics)
    assert named & {t.id for t in csis.topics} and len({t.id for t in csis.topics} - named) <= 5
    key_tags = [t for t in csis.topic_tags if t.topic_id not in named]
    assert key_tags and all(t.stance == 0 for t in key_tags)
    assert "jnim" in {m.actor_id for m in oped.mentions}


# --- stance on negotiation: the authors' own position and the positions they report ----

# (seed, kind, opening, stance on "negotiation", speaker or None for the author)
NEGOTIATION_STANCES = [
    ("oped", K.THESIS, "France Should Give Mali Space to Negotiate", 1, None),
    ("oped", K.CLAIM, "Negotiating with JNIM could help further divide the jihadist milieu", 1, None),
    ("oped", K.RECOMMENDATION, "In particular, France should publicly commit to suspending its hunt", 1, None),
    ("oped", K.RECOMMENDATION, "It would be better, now, to give even an unlikely peace a chance", 1, None),
    ("oped", K.CLAIM, "Doing so would give the Mali-JNIM dialogue a chance to play out", 1, None),
    ("oped", K.CLAIM, "Yet dialogue does not commit the Malian government", 1, None),
    ("oped", K.CLAIM, "Meanwhile, negotiations can produce some good in and of themselves.", 1, None),
    ("oped", K.CLAIM, "It is already a good sign to see an al-Qaeda affiliate", 1, None),
    ("oped", K.RECOMMENDATION, "France could also improve its public image", 1, None),
    ("oped", K.EVIDENCE, "Specifically, they support negotiations with the Malian-born jihadist leaders", 1, None),
    ("oped", K.EVIDENCE, "This proposal surfaced prominently at Mali’s Conference of National Understanding", 1, None),
    ("oped", K.QUOTE, "In 2017, then-Foreign Minister Jean-Marc Ayrault rejected the idea", -1, "Jean-Marc Ayrault"),
    ("oped", K.QUOTE, "Nearly three years later, current Foreign Minister Jean-Yves", -1, "Jean-Yves Le Drian"),
    ("csis", K.RECOMMENDATION, "A Cautious Dialogue with Militants.", 1, None),
    ("csis", K.EVIDENCE, "In 2017, the delegates at Mali’s Conference of National Understanding", 1, None),
    ("csis", K.EVIDENCE, "A few years later, Mali’s Inclusive National Dialogue echoed", 1, None),
    ("csis", K.QUOTE, "In 2019, the International Crisis Group argued", 1, "International Crisis Group"),
    ("csis", K.QUOTE, "He added that “talking with jihadists", 1, "Ibrahim Boubacar Keïta"),
    ("csis", K.QUOTE, "“It’s an entirely different calculation when you’re talking to criminals", -1, "Peter Pham"),
    ("csis", K.QUOTE, "He said that talking to combatants at a tactical level", -1, "Peter Pham"),
    ("csis", K.QUOTE, "France’s foreign minister Jean-Yves Le Drian has been less forgiving", -1, "Jean-Yves Le Drian"),
    ("csis", K.EVIDENCE, "The Malian government insisted that Mali remain a secular country", -1, "Mali"),
]


@pytest.mark.parametrize(("seed", "kind", "opening", "stance", "speaker"), NEGOTIATION_STANCES)
def test_negotiation_stances(csis: DocumentGraph, oped: DocumentGraph, seed: str, kind: StatementKind,
                             opening: str, stance: int, speaker: str | None) -> None:
    graph = csis if seed == "csis" else oped
    statement = find_text(graph, opening)
    tags = {t.topic_id: t.stance for t in graph.topic_tags if t.statement_id == statement.id}
    assert tags.get("negotiation") == stance, tags
    if speaker is None:
        assert not statement.reported and statement.speaker == graph.document.byline
    else:
        assert statement.reported and statement.speaker == speaker


def test_author_statements_never_oppose_dialogue_in_the_oped(oped: DocumentGraph) -> None:
    against = {t.statement_id for t in oped.topic_tags if t.topic_id == "negotiation" and t.stance < 0}
    author = [s for s in oped.statements if s.id in against and not s.reported
              and s.kind in (K.THESIS, K.RECOMMENDATION, K.REBUTTAL)]
    assert author == []


@pytest.mark.parametrize(("text", "topic", "stance"), [
    # a cue does not reach across a relative pronoun or "but"
    ("France should commit to suspending its hunt for leaders who participate in dialogue.", "negotiation", 1),
    ("Talking to combatants was tolerable, but it is a different calculation for terrorists.", "negotiation", -1),
    # a cue inside "even if ..." states no position
    ("That decision could counter the image of occupiers even if the dialogue ultimately fails.", "negotiation", 0),
    # one topic and every cue on one side: that side, however far the cue
    ("Yet dialogue does not commit the government, or the rebels, to any specific outcome, and offers the best "
     "chance to advance peace.", "negotiation", 1),
    ("Negotiating with the group could help divide the movement.", "negotiation", 1),
])
def test_topic_stance_scopes(text: str, topic: str, stance: int) -> None:
    assert topic_stances(text).get(topic) == stance


def test_continuing_sentences_take_the_side_of_the_one_before() -> None:
    text = ("Talks\n\nBy Jane Roe\n\nThe government should support negotiations with the rebels. This proposal "
            "surfaced at the 2017 national dialogue conference.\n\nThis proposal is discussed again in 2019.\n")
    graph = parse_document(text, importer="generic")

    def stances(opening: str) -> dict[str, int]:
        # (the role model calls the second sentence evidence and, wrongly, the third a recommendation: the
        # inheritance of stances does not depend on the kind)
        statement = next(s for s in graph.statements if s.text.startswith(opening))
        return {t.topic_id: t.stance for t in graph.topic_tags
                if t.statement_id == statement.id and t.topic_id in TOPICS}  # named topics, not key topics

    assert stances("This proposal surfaced") == {"negotiation": 1}  # the sentence right before: inherited
    assert stances("This proposal is discussed") == {}  # a new paragraph inherits nothing


def test_cleaned_says_when_only_blanks_were_collapsed() -> None:
    """``cleaned`` gives ``clean_text``'s text and whether no mark was dropped: then the text is the quote with its
    blanks collapsed (the generic importer then keeps the unit's words without collapsing the quote again)."""
    from importers.base import cleaned

    quotes = ["Plain  text,\n with  blanks.", "under Operation Serval.1", "a [link](https://x.org) here",
              "**bold** move", "> quoted\n> lines", "snake_case and 2 * 3", "x[^3] rose", "*it* works", "", "  ",
              "Nigerien troops.i", "a_b_c", "tab\there"]
    only = 0
    for quote in quotes:
        text, only_blanks = cleaned(quote)
        assert text == clean_text(quote)
        if only_blanks:
            assert text == " ".join(quote.split()), quote
            only += 1
        else:
            assert text != " ".join(quote.split()), quote  # a dropped mark shows
    assert 4 <= only < len(quotes)


def test_clean_text_footnotes() -> None:
    assert clean_text("under Operation Serval.1") == "under Operation Serval."
    assert clean_text("attack in Tongo Tongo6 that") == "attack in Tongo Tongo that"
    assert clean_text("Nigerien troops.i") == "Nigerien troops."
    assert clean_text("some 5,100 troops and 1.5 million in the G5 Sahel, COVID-19, 2020") == \
        "some 5,100 troops and 1.5 million in the G5 Sahel, COVID-19, 2020"


@pytest.mark.parametrize(("quote", "expected"), [
    ("**The system fails.**", "The system fails."),
    ("**A bold run that the clause splitter cut,", "A bold run that the clause splitter cut,"),
    ("It is *very* _clearly_ so.", "It is very clearly so."),
    ("a snake_case_name, 2 * 3 * 4 and __URL__ stay", "a snake_case_name, 2 * 3 * 4 and __URL__ stay"),
])
def test_clean_text_drops_markdown_emphasis(quote: str, expected: str) -> None:
    assert clean_text(quote) == expected


MARKDOWN_OPED = """# Towns Need Repair Cafes

*By Noor Haddad and Ben Ode*

**Our town throws away thousands of kettles every year.** Most of them could be fixed in ten minutes.

## What should be done

The council should fund a repair cafe in every ward. Critics say the cafes would compete with repair shops. \
The shops, however, take the jobs the volunteers cannot do.
"""


def test_markdown_oped_byline_emphasis_and_asking_heading() -> None:
    """Pasted markdown: the emphasised byline names the authors (so the text reads as an op-ed), the bold
    sentence displays without its markers, and a heading that asks without a question mark is a question."""
    graph = parse_document(MARKDOWN_OPED)
    assert graph.document.importer == "oped"
    assert graph.document.authors == ("Noor Haddad", "Ben Ode")
    opening = next(s for s in graph.statements if "kettles" in s.quote)
    assert opening.quote.startswith("**") and opening.text == "Our town throws away thousands of kettles every year."
    assert [s.text for s in of_kind(graph, K.QUESTION)] == ["What should be done"]
    assert not [s for s in graph.statements if s.section and "Haddad" in s.section]


def test_footnote_pattern_finds_the_plain_patterns_matches() -> None:
    """The footnote pattern, rewritten to open with a character set, finds exactly the plain pattern's matches."""
    import re

    from importers.base import _FOOTNOTE, FOOTNOTE_PLAIN

    plain = re.compile(FOOTNOTE_PLAIN)
    cdcp = Path(__file__).resolve().parent.parent / "corpora" / "cdcp" / "test"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted(cdcp.glob("*.txt"))]
    texts += ["Operation Harbor.1 x", "Port Elm6 y", "soldiers.i The", "prioritized.45 A", "5,100 and 1.5 million",
              "end.”12 Next", "x;ii—y", "a)iv\n", "ab123 ", "ab1234 ", "2.3 4,5 a1. b.vii", "ivx.v"]
    found = [[m.span() for m in _FOOTNOTE.finditer(t)] for t in texts]
    assert found == [[m.span() for m in plain.finditer(t)] for t in texts]
    assert sum(map(len, found)) > 20  # the texts do have footnote markers


def test_bylines_are_searched_at_line_starts_as_the_engine_searches() -> None:
    """``regex_parts.search_line_starts`` (the pattern matched at each line's start) finds the match ``search`` finds,
    for the three byline patterns, on every text of the seeds and the dev files (whole and their first 2,000
    characters, as ``_byline_names`` reads a head) and on written heads; a pattern not anchored at a line's start is
    refused."""
    import json
    import re

    import pytest

    from importers import structure
    from importers.regex_parts import line_anchored, search_line_starts
    from services.settings import PROJECT_ROOT

    texts = [p.read_text() for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    for name in ("argmap-short", "argmap-opeds", "argmap-briefs"):
        texts += [str(d["text"]) for d in json.loads((PROJECT_ROOT / "corpora" / name / "dev.json").read_text())[
            "documents"]]
    texts += [t[:2000] for t in texts]
    texts += ["", "\n", "By Jane Roe", "\nBy Jane Roe\n", "Title\n\nBy Jane Roe and John Doe\n\nText.",
              "Title\r\nBy Jane Roe\r\nText", "x By Jane Roe\nBy the way, it rains.", "The Editorial Board\n",
              "Title\n  *The Editors*\n", "Posted on 3 February 2026 by Jane Roe\nText", "Title\n\n",
              "Title\nPublished by Jane Roe on March 3, 2026\n"]
    found = 0
    for pattern in (structure._BYLINE, structure._DATED_BYLINE, structure._BOARD_BYLINE):
        for text in texts:
            expected = pattern.search(text)
            got = search_line_starts(pattern, text)
            assert (got and (got.span(), got.groups())) == (expected and (expected.span(), expected.groups()))
            found += expected is not None
    assert found >= 10
    for pattern in (re.compile("^a|^b", re.MULTILINE), re.compile("^a"), re.compile("a^", re.MULTILINE)):
        with pytest.raises(ValueError):
            line_anchored(pattern)


def test_a_copied_gazetteer_finds_what_one_pattern_of_all_its_aliases_finds() -> None:
    """A document's gazetteer matches with its parent's pattern plus one for the aliases it adds: the
    spans must be those of a single alternation of every alias, longest first."""
    import re

    from graph.model import ActorKind
    from importers.actors import Gazetteer, _alias_pattern, _alias_rank

    base = Gazetteer()
    base.add("Le Drian", ActorKind.PERSON, ("Drian",))
    base.add("Union", ActorKind.ORGANISATION)
    base.spans("warm the parent's pattern")
    copy = base.copy()
    copy.add("Jean-Yves Le Drian", ActorKind.PERSON, ("Jean-Yves",))
    copy.add("African Union", ActorKind.ORGANISATION, ("Le",))
    copy.add("Côte d'Ivoire", ActorKind.STATE)
    assert len(copy.patterns()) == 2
    text = ("Jean-Yves Le Drian met the African Union; Le Drian and the Union, then Drian, Le, and Jean-Yves "
            "in Côte d’Ivoire and Jean-Yves\u00a0Le Drian.")
    aliases = sorted(copy.alias_to_id, key=_alias_rank)
    one = re.compile(r"(?<![\w\-])(?:" + "|".join(_alias_pattern(a) for a in aliases) + r")(?![\w\-]|\.\w)")
    expected = [(m.start(), m.end(), copy.actors[copy.alias_to_id[" ".join(m.group(0).replace("’", "'").split())]])
                for m in one.finditer(text)]
    assert copy.spans(text) == expected
    assert [text[s:e] for s, e, _ in expected][:3] == ["Jean-Yves Le Drian", "African Union", "Le Drian"]


def test_gazetteer_spans_merged_from_its_patterns_are_one_alternations() -> None:
    """The aliases led by a lower-case letter have a pattern per opening word (``_lower_led``) and a document's
    additions theirs: ``spans`` merges the patterns' matches (the winner's next matches from its own scan while
    they end before the others' next ones) into what a single alternation of every alias finds: the seeds'
    sources and statements and the fixtures' texts with their documents' gazetteers, and written texts where the
    patterns' matches overlap, touch and tie."""
    import re

    from graph.model import ActorKind
    from importers.actors import (
        Gazetteer,
        _alias_pattern,
        _alias_rank,
        _normalise,
        configured_gazetteer,
        document_gazetteer,
    )

    def one_alternation(gazetteer: Gazetteer, text: str) -> list[tuple[int, int, str]]:
        aliases = sorted(gazetteer.alias_to_id, key=_alias_rank)
        one = re.compile(r"(?<![\w\-])(?:" + "|".join(map(_alias_pattern, aliases)) + r")(?![\w\-]|\.\w)")
        return [(m.start(), m.end(), gazetteer.alias_to_id[_normalise(m.group(0))]) for m in one.finditer(text)]

    def spans(gazetteer: Gazetteer, text: str) -> list[tuple[int, int, str]]:
        return [(start, end, actor.id) for start, end, actor in gazetteer.spans(text)]

    written = Gazetteer()
    for name, aliases in (("the Accord", ("Accord", "the Accord of Peace")), ("Peace", ()), ("al-Qaeda", ("Qaeda",)),
                          ("the Netherlands", ("Netherlands", "the Dutch")), ("Dutch", ()), ("ag Ghali", ("Ghali",))):
        written.add(name, ActorKind.ORGANISATION, aliases)
    assert len(written.patterns()) == 4  # the capitalised aliases, those opening with "al", "the" and "ag"
    copy = written.copy()
    copy.add("Accord of Peace", ActorKind.ACCORD, ("the Peace", "Qaeda in", "al-Qaeda in Mali"))
    assert len(copy.patterns()) == 7  # and the added ones likewise
    text = ("the Accord of Peace, the Accord, Accord of Peace; al-Qaeda in Mali and al-Qaeda in the Netherlands, "
            "Qaeda in the Dutch-led Dutch force; ag Ghali, Ghali and xag Ghali; the Peace Peace the Netherlands, "
            "non-the Netherlands, x-al-Qaeda, Ghali-ag Ghali, the Accord.x the Accord.")
    for gazetteer in (written, copy):
        assert spans(gazetteer, text) == one_alternation(gazetteer, text)
        assert spans(gazetteer, text[5:]) == one_alternation(gazetteer, text[5:])
    checked = 0
    sources = [(Path(__file__).parent / "fixtures" / "free_topic" / "actors.txt").read_text(encoding="utf-8")] + [
        p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for source in sources:
        gazetteer = document_gazetteer(source, configured_gazetteer())
        assert len(gazetteer.patterns()) > len(configured_gazetteer().patterns()) > 1
        texts = [source, *(s.text for s in parse_document(source).statements)]
        for one in texts:
            expected = one_alternation(gazetteer, one)
            assert spans(gazetteer, one) == expected
            checked += len(expected)
    assert checked > 500


def test_actor_patterns_testing_the_word_start_late_find_what_the_plain_ones_find() -> None:
    import re

    from importers import actors

    plain = {
        "_CAPITALISED": r"\b[A-Z][a-zà-ÿ]+\b",
        "_OPERATION": rf"\b(?P<name>Operation[ \u00a0]+{actors._CAP}(?:[ \u00a0]+{actors._CAP})?)",
        "_REPORTING": actors._REPORTING.pattern.replace(
            rf"(?P<name>[A-Z](?<![\w\.][A-Z]){actors._NAME_TOKEN_TAIL}", rf"(?<![\w\.])(?P<name>{actors._NAME_TOKEN}"),
        "_TITLED": rf"\b(?=[A-Z])(?:{actors._TITLES})\s+(?P<name>{actors._PERSON_NAME})",
        "_ORG_NAME": rf"(?=[A-Z])(?<![\w\-])(?P<name>(?:{actors._CAP}[ \u00a0]+){{0,4}}"
                     rf"(?:{'|'.join(re.escape(w) for w in actors._ORG_HEADS)})"
                     rf"(?:[ \u00a0]+(?:of|for|on|in)(?:[ \u00a0]+the)?[ \u00a0]+{actors._CAP}"
                     rf"(?:[ \u00a0]+{actors._CAP}){{0,3}})?)",
    }
    text = ("xOperation Operation Serval began. Operation Barkhane; _Operation Sabre. Mali said. x.John Smith said "
            "it, éJohn Smith argued, and Jean Dupont, a minister, has said so. AMali Mali-based Malian. Vice President "
            "Ana Lima, Vice-President Ana Lima, xPresident Ana Lima, Deputy Prime Minister Ana Lima, Mrs. Ana Lima and "
            "Mrs Ana, Secretary of State Ana Lima, Dr. Ana Lima; the Green Party of Atlantis, Big Blue Red Green "
            "National Union, x-Party, Union, Peace Accord on Trade and the Fund. Air Force Party Ministry of Health.")
    for name, pattern in plain.items():
        assert pattern != getattr(actors, name).pattern
        assert ([(m.span(), m.groupdict()) for m in getattr(actors, name).finditer(text)]
                == [(m.span(), m.groupdict()) for m in re.finditer(pattern, text)]), name
    aliases = ("Operation Serval", "Malian", "AMali", "Mali")  # each starts with a letter: grouped
    late = actors._compiled(aliases)
    assert "(?<![\\w\\-]M)" in late.pattern
    early = re.compile(r"(?<![\w\-])(?:" + "|".join(actors._alias_pattern(a) for a in aliases) + r")(?![\w\-]|\.\w)")
    assert [m.span() for m in late.finditer(text)] == [m.span() for m in early.finditer(text)]
    assert [text[m.start():m.end()] for m in late.finditer(text)][:2] == ["Operation Serval", "Mali"]


def test_topic_stances_scan_for_barriers_and_prescriptions_only_when_read(csis: DocumentGraph,
                                                                          oped: DocumentGraph) -> None:
    """``topic_stances`` (barriers looked for only when a cue is near a mention, the prescriptive phrase only when a
    mention has no near cue) gives ``topic_stances_plain``'s stances: the seeds' statements, CDCP's test comments
    and dev.json's texts, with and without the statements' kinds, and written edge cases."""
    import json

    from importers.lexicon import topic_stances_plain
    from importers.mining.corpora import read_cdcp
    from services.settings import PROJECT_ROOT

    corpora = PROJECT_ROOT / "corpora"
    texts: list[tuple[str, StatementKind | None]] = [(s.text, s.kind) for g in (csis, oped) for s in g.statements]
    texts += [(d.text, None) for d in read_cdcp(corpora / "cdcp" / "test")]
    texts += [(str(d["text"]), None) for d in json.loads((corpora / "argmap-short" / "dev.json").read_text())[
        "documents"]]
    written = ["We should open talks with the militants.", "Talks with the militants, who reject dialogue, failed.",
               "Even if dialogue fails, the talks were a good sign.", "Negotiations: a dead end, but worth it.",
               "Dialogue.", "A ceasefire should hold; dialogue is useful but talks are doomed."]
    texts += [(text, kind) for text in written for kind in (None, StatementKind.RECOMMENDATION, StatementKind.CLAIM)]
    signed = 0
    for text, kind in texts:
        for asked in {kind, None}:
            expected = topic_stances_plain(text, asked)
            assert topic_stances(text, asked) == expected, text
            signed += sum(1 for stance in expected.values() if stance)
    assert signed >= 50  # stances do get a sign


def test_topic_vector_counts_what_the_case_blind_patterns_count(csis: DocumentGraph, oped: DocumentGraph) -> None:
    """``topic_vector`` (the topics' lower-case patterns on the lower-cased text of a text without a
    ``regex_parts.CASE_BLIND_ODD`` character) gives ``topic_vector_plain``'s counts: the seeds' paragraphs and
    statements, CDCP's test comments, dev.json's texts and written ones in capitals and with the odd characters."""
    import json

    from importers import lexicon
    from importers.mining.corpora import read_cdcp
    from services.settings import PROJECT_ROOT

    corpora = PROJECT_ROOT / "corpora"
    texts = [s.text for g in (csis, oped) for s in g.statements]
    texts += [p for g in (csis, oped) for p in g.document.source.split("\n\n")]
    texts += [d.text for d in read_cdcp(corpora / "cdcp" / "test")]
    texts += [str(d["text"]) for d in json.loads((corpora / "argmap-short" / "dev.json").read_text())["documents"]]
    written = ["GOVERNANCE, Governance and governance", "The DDR and the ddr; CT Operations, ct-first",
               "Talks, TALKS, talking with", "ſignatory groups and ſignatories", "IDPs and İDPs, ıdps",
               "DİALOGUE and dialogue", "Kelvin: \u212a and peace deal", "Dialogue\u0130 and refugees", ""]
    texts += written + [t.upper() for t in written] + [t.lower() for t in written]
    counted = 0
    for text in texts:
        expected = lexicon.topic_vector_plain(text)
        assert lexicon.topic_vector(text) == expected, text
        counted += sum(expected.values())
    assert counted >= 500  # topics do get counted


@pytest.mark.parametrize("pattern", [
    r"\b(?:negotiat\w*|dialogues?|talks?\b|no deal)", r"\b(?:(?:could|can) help|support\w*|open to)",
    r"\b(?:a?b|c)", r"\b(?:\w+ing|x)", r"\b(?:(?:a|)b|c)", r"\b(?:[ab]c|d)", r"\b(?:ab|c*d)", r"\b(?:a)|(?:b)",
    r"\b(?:[]a]b|c)", r"\b(?:(?:a|ab)c|abd|(?:b|d)?d)", r"\b(?:x|(?:abc|ab|a)(?:c|d)|a\w)"])
def test_quick_topic_patterns_find_what_the_plain_ones_find(pattern: str) -> None:
    import re

    from importers.lexicon import _quick

    text = ("no deal: negotiations and talks, could help; support for dialogue, open to abc bd cd d ab dd x "
            "talking walking b c ccd")
    assert [m.span() for m in _quick(pattern).finditer(text)] == [m.span() for m in re.finditer(pattern, text)]


def test_ascii_twins_find_what_their_patterns_find(csis: DocumentGraph, oped: DocumentGraph) -> None:
    """``regex_parts.ascii_twin``: on ASCII characters Unicode's \\w, \\d and \\b are ASCII's (all 128 checked), its
    \\s is not (so a twin of a pattern reading \\s is refused, and of a case-blind one); every twin in use finds its
    pattern's matches on the ASCII texts of the seeds (paragraphs, statements, lower-cased), CDCP's test comments,
    dev.json and written ones."""
    import json
    import re

    from importers import base, key_topics, lexicon
    from importers.mining import features
    from importers.mining.corpora import read_cdcp
    from importers.regex_parts import ascii_twin
    from services.settings import PROJECT_ROOT

    for code in range(128):
        c = chr(code)
        for cls in (r"\w", r"\d", r"\W", r"\D"):
            assert bool(re.match(cls, c)) == bool(re.match(cls, c, re.ASCII)), (cls, code)
        for text in (c, "a" + c, c + "a", "_" + c + "9"):
            assert ([m.span() for m in re.finditer(r"\b", text)]
                    == [m.span() for m in re.finditer(r"\b", text, re.ASCII)]), code
    assert [c for c in map(chr, range(128)) if bool(re.match(r"\s", c)) != bool(re.match(r"\s", c, re.ASCII))] == [
        "\x1c", "\x1d", "\x1e", "\x1f"]
    for refused in (r"a\sb", r"\S+", "(?i)ab", "x(?i:ab)", r"\bab"):
        with pytest.raises(ValueError):
            ascii_twin(re.compile(refused, re.IGNORECASE if refused == r"\bab" else 0))
    twins = [(lexicon._ANY_TOPIC, lexicon._ANY_TOPIC_A), (lexicon._POSITIVE_L, lexicon._POSITIVE_A),
             (lexicon._NEGATIVE_L, lexicon._NEGATIVE_A), (features._WORDS, features._WORDS_A),
             (key_topics._TOKEN, key_topics._TOKEN_A), (base._DIGIT, base._DIGIT_A)]
    corpora = PROJECT_ROOT / "corpora"
    texts = [s.text for g in (csis, oped) for s in g.statements]
    texts += [p for g in (csis, oped) for p in g.document.source.split("\n\n")]
    texts += [d.text for d in read_cdcp(corpora / "cdcp" / "test")]
    texts += [str(d["text"]) for d in json.loads((corpora / "argmap-short" / "dev.json").read_text())["documents"]]
    texts += ["snake_case9 and 3.5 x2 _a_ --b-- it's", "\x1c\x1dword\x1e \x1f1", "", "a", "talks;peace-deal_talks"]
    texts = [t for text in texts for t in (text, text.lower()) if t.isascii()]
    assert len(texts) > 500
    matched = 0
    for plain, twin in twins:
        assert twin.pattern == plain.pattern and twin.flags & re.ASCII and not plain.flags & re.ASCII
        for text in texts:
            expected = [m.span() for m in plain.finditer(text)]
            assert [m.span() for m in twin.finditer(text)] == expected, (plain.pattern[:40], text)
            matched += len(expected)
    assert matched > 10000
    # the callers pick the twin for ASCII texts only: their answers equal those with the twins replaced by the
    # patterns, on every text (most of the seeds' paragraphs are not ASCII: "Keïta", "’")
    every = [s.text for g in (csis, oped) for s in g.statements]
    every += [p for g in (csis, oped) for p in g.document.source.split("\n\n")]
    every += ["Keïta’s talks with Cabo Verde", "naïve café talks; peace-deal", "Mali’s dialogue", "Ａ１ talks",
              "talksé and ïdialogue, talks’ ceasefireš", "Ceasefire: a good sign; it failedé", "ébadly worthé, ok",
              "Port Elm٣ and Mali’s", "In ٢٠١٩, they left’"]
    lows = [t.lower() for t in every]
    # a polarity cue glued to a letter beyond ASCII ("ébadly"): no cue for Unicode's \\b, one for ASCII's
    glued = ["".join("é" + c if k in starts else c for k, c in enumerate(low)) for low in lows
             if (starts := {m.start() for p in (lexicon._POSITIVE_L, lexicon._NEGATIVE_L) for m in p.finditer(low)})
             and lexicon._mentions_and_cues(low)[0]]
    assert len(glued) > 20
    lows += glued
    assert sum(not low.isascii() for low in lows) > 100

    def answers() -> tuple[object, ...]:
        return ([lexicon._mentions_and_cues(low) for low in lows], features._words_and_markers(lows)[0],
                [key_topics._tokens_of(text) for text in every], key_topics.key_topics(csis),
                [base._may_have_footnote(text) for text in every])

    fast = answers()
    with pytest.MonkeyPatch.context() as patch:
        for (plain, twin), (module, name) in zip(twins, [(lexicon, "_ANY_TOPIC_A"), (lexicon, "_POSITIVE_A"),
                                                         (lexicon, "_NEGATIVE_A"), (features, "_WORDS_A"),
                                                         (key_topics, "_TOKEN_A"), (base, "_DIGIT_A")],
                                                        strict=True):
            assert getattr(module, name) is twin
            patch.setattr(module, name, plain)
        assert answers() == fast


def test_quick_patterns_group_or_look_ahead_only_when_sure() -> None:
    from importers.lexicon import _ANY_TOPIC, _first_chars, _quick

    assert _first_chars("ab|cd|(?:ef|gh)i") == {"a", "c", "e", "g"}
    for unsure in ("a?b|c", r"\w+|c", "(?:a|)b", "[ab]c", "c*d", "(?:a(?:b))c", "(?:ab)?c"):
        assert _first_chars(unsure) is None, unsure
    assert _quick(r"\b(?:ab|ac|d)").pattern == r"\b(?:a(?:b|c)|d(?:))"
    assert _quick(r"\b(?:(?:x|y)z|w)").pattern == r"\b(?:x(?:z)|y(?:z)|w(?:))"  # the opening group spelt out
    for not_spelt in (r"\b(?:(?:x|y)?z|w)", r"\b(?:(?:x|y(?:v))z|w)"):  # a quantified group, a group inside
        assert _quick(not_spelt).pattern == not_spelt
    assert _quick(r"\b(?:(?:x|y)z|(?:w|v)+u)").pattern == r"\b(?=[vwxy])(?:(?:x|y)z|(?:w|v)+u)"
    assert _quick(r"\b(?:a?b|c)").pattern == r"\b(?:a?b|c)"
    assert _quick(r"\b(?:a)|(?:b)").pattern == r"\b(?:a)|(?:b)"
    assert "(?=" not in _ANY_TOPIC.pattern and _ANY_TOPIC.pattern.startswith(r"\b(?:")


def test_seed_sentence_kinds_mostly_right(csis: DocumentGraph, oped: DocumentGraph) -> None:
    # the kinds listed above are a reader's; a learned role model misreads some of them, so this checks the
    # share it gets right (35 of 37 on 2026-11-27) rather than pinning each one
    graphs = {"csis": csis, "oped": oped}
    gold = {("csis", opening): kind for kind, opening in CSIS_SECTION_SENTENCES}
    gold |= {(seed, opening): kind for seed, kind, opening, _stance, _speaker in NEGOTIATION_STANCES}
    misses = [(opening[:50], kind.value, find_text(graphs[seed], opening).kind.value)
              for (seed, opening), kind in gold.items() if find_text(graphs[seed], opening).kind is not kind]
    assert len(misses) <= 0.15 * len(gold), misses


@pytest.mark.parametrize(("text", "expected"), [
    # plain sentence ends nupunkt leaves inside one sentence in short texts
    ("It was a ruin. Somebody knows what it looked like.", ["It was a ruin.", "Somebody knows what it looked like."]),
    ("Rents rose by 24 per cent. “Nobody can pay that,” she said.",
     ["Rents rose by 24 per cent.", "“Nobody can pay that,” she said."]),
    # not after an abbreviation, an initial or a number
    ("He lives on Main St. The house is old.", ["He lives on Main St. The house is old."]),
    ("We met at 5 p.m. and talked.", ["We met at 5 p.m. and talked."]),
    ("It cost approx. Twelve pounds were paid.", ["It cost approx. Twelve pounds were paid."]),
])
def test_sentences_end_where_a_reader_ends_them(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == expected


def test_name_scans_near_their_anchors_find_what_the_plain_scans_find() -> None:
    """``actors._finditer_near`` (the acronym, organisation and reporting patterns scanned only in the pieces of a
    text that hold their anchor) finds the same matches as each pattern's plain ``finditer``: on CDCP comments, the
    short texts, the seeds and texts at the pieces' edges."""
    import json

    from importers import actors
    from services.settings import PROJECT_ROOT

    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "corpora" / "cdcp" / "test").glob("*.txt"))]
    for name in ("dev.json", "dev2.json", "dev3.json"):
        path = PROJECT_ROOT / "corpora" / "argmap-short" / name
        texts += [d["text"] for d in json.loads(path.read_text(encoding="utf-8"))["documents"]]
    texts += [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    texts += ["Long Name Group (LNG)", " (LNG)", "(LNG) Long Name (LN)", "X.Y Long Name\n (LN), Other Name\u00a0(ON)",
              "Dr. Ana Pereira, a minister, said so; Ana Pereira said", "Ana Pereira.Said Jones said", "said",
              "Jones\u00a0Smith\tsaid.", "Paul Smith, who Mary Jones said was right, argued it", "the Party",
              "Centre for Urban Policy; Party of the Left Front.Council", "Bank-Party Union of Art", "xParty Union",
              "International Monetary Fund Board,Fund", "Mary Jones saids", "Mary Jones called for it"]
    scans = ((actors._ACRONYM, actors._ACRONYM_NEAR), (actors._ORG_NAME, actors._ORG_NAME_NEAR),
             (actors._REPORTING, actors._REPORTING_NEAR))
    found = [0, 0, 0]
    for text in texts:
        for k, (pattern, near) in enumerate(scans):
            plain = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in actors._finditer_near(pattern, text, near)] == plain, text
            found[k] += len(plain)
    assert min(found) >= 10  # each pattern does match


def test_speaker_of_with_the_sentences_words_is_speaker_of_without() -> None:
    """Given the sentence's lower-cased words, ``speaker_of`` skips the speech-verb scan when none of
    ``SPEECH_WORDS`` is among them: the same speakers as without, on the seeds' and CDCP test's sentences and
    sentences written around each verb (capitalised, hyphenated, after a quote)."""
    import re

    from importers.discourse import _SPEECH_VERB, SPEECH_WORDS
    from importers.mining.corpora import read_cdcp

    root = Path(__file__).resolve().parent.parent
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.rglob("*.md")) + sorted(SEEDS.rglob("*.txt"))]
    texts += [d.text for d in read_cdcp(root / "corpora" / "cdcp" / "test")]
    lines = [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s.strip()]
    for verb in _SPEECH_VERB.removeprefix("(?:").removesuffix(")").split("|"):
        lines += [f"Jane Roe {verb} the plan works.", f"The Council has also {verb} it.", f"“No,” {verb} Jane Roe.",
                  f"They {verb.upper()} so.", f"A pre-{verb} note.", f"Jane Roe, {verb}-ish."]
    found = 0
    for previous, line in zip(["", *lines], lines, strict=False):
        words = set(re.findall(r"\w+", line.lower()))
        expected = speaker_of(line, previous)
        assert speaker_of(line, previous, words) == expected, line
        found += expected is not None and words.isdisjoint(SPEECH_WORDS) is False
    assert found >= 50  # speakers found through a verb were checked


_README_SEED_COUNTS = re.compile(r"\(`(?P<importer>csis_brief|oped)`, (?P<statements>\d+) statements, "
                                 r"(?P<relations>\d+) relations")
_README_KIND_COUNT = re.compile(r"(\d+) (assumptions|assumption checks|recommendations|evidence|claims|"
                                r"counterarguments|rebuttals|quotes|questions)\b")
_README_KINDS = {"assumptions": StatementKind.ASSUMPTION, "assumption checks": StatementKind.ASSUMPTION_CHECK,
                 "recommendations": StatementKind.RECOMMENDATION, "evidence": StatementKind.EVIDENCE,
                 "claims": StatementKind.CLAIM, "counterarguments": StatementKind.COUNTERARGUMENT,
                 "rebuttals": StatementKind.REBUTTAL, "quotes": StatementKind.QUOTE,
                 "questions": StatementKind.QUESTION}


@pytest.mark.parametrize("importer", ["csis_brief", "oped"])
def test_readme_seed_counts_are_what_main_parses(importer: str, csis: DocumentGraph, oped: DocumentGraph) -> None:
    """README's "What the importers make of the seeds" counts each seed's statements, relations and kinds: they
    must be what the importer makes today (they went stale once without a test)."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    paragraph = next(p for p in readme.split("\n\n") if f"(`{importer}`, " in p and "statements" in p)
    header = _README_SEED_COUNTS.search(paragraph)
    assert header is not None
    graph = csis if importer == "csis_brief" else oped
    assert (int(header["statements"]), int(header["relations"])) == (len(graph.statements), len(graph.relations))
    said = {_README_KINDS[name]: int(count) for count, name in _README_KIND_COUNT.findall(paragraph)}
    assert len(said) >= 6
    assert said == {kind: len(of_kind(graph, kind)) for kind in said}


def test_glued_footnote_ends_are_the_plain_patterns() -> None:
    """``structure._glued_footnote_ends`` (the sentence mark first, the letter looked behind for) gives the ends of the
    plain ``_GLUED_FOOTNOTE``'s matches: every paragraph of the seeds and short texts, whole and cut into spans, and
    random strings of the characters the patterns read, spans opening on a mark whose letter is outside included."""
    import json
    import random

    from importers import structure

    def plain(text: str, start: int, end: int) -> list[int]:
        return [m.end() for m in structure._GLUED_FOOTNOTE.finditer(text, start, end)]

    texts = [p.read_text() for p in sorted(Path("seeds").glob("*.txt"))]
    texts += [d["text"] for f in sorted(Path("corpora/argmap-short").glob("dev*.json"))
              for d in json.loads(f.read_text())["documents"]]
    rng = random.Random(7)
    found = 0
    for text in texts:
        for start, end in [(0, len(text)), *((rng.randrange(len(text) + 1), len(text)) for _ in range(5))]:
            end = max(start, end - rng.randrange(20))
            assert structure._glued_footnote_ends(text, start, end) == plain(text, start, end)
            found += len(plain(text, start, end))
    assert found  # the seeds' briefs have glued footnotes
    alphabet = "ab).!?”\"’12ivx AZ“‘(\n"
    for _ in range(100_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert structure._glued_footnote_ends(text, start, end) == plain(text, start, end), (text, start, end)
    assert structure._glued_footnote_ends("a.1 .iA", 3, 7) == plain("a.1 .iA", 3, 7)
    assert structure._glued_footnote_ends("x.12 Yes", 1, 8) == plain("x.12 Yes", 1, 8) == []
