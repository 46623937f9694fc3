"""Op-eds, commentaries and blog posts written for the ninth session (``corpora/argmap-opeds/``, docs/importers.md):
concession then answer, names of bodies with two "of" parts, and the other shapes met there, each a general rule."""

from __future__ import annotations

import numpy as np
import pytest

from graph.model import UNNAMED_VOICE, DocumentGraph, RelationType, StatementKind
from importers import parse_document
from importers.discourse import speaker_of
from importers.mining import body_blocks
from importers.mining import features as F
from importers.mining import voices as V
from importers.mining.imperatives import proposes_action
from importers.mining.voices import answers_point, concedes, concedes_explicitly, reports_aside, voices_another
from importers.structure import is_byline, sentences
from tests.mining_case import mine_sentences


def _relation(graph: DocumentGraph, words: str) -> tuple[StatementKind, RelationType | None, str | None]:
    statement = next(s for s in graph.statements if words in s.quote)
    by_id = {s.id: s for s in graph.statements}
    out = [(r.type, by_id[r.target].quote) for r in graph.relations if r.source == statement.id]
    relation, target = out[0] if out else (None, None)
    return statement.kind, relation, target


# ---- concession then answer -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "That is a fair description of the promise.", "There is some truth in that.", "Perhaps they do.", "Fair enough.",
    "That is a serious concern.", "True, a young tree gives little shade at first.", "Those jobs matter.",
    "They are right that urgent cases need protecting.",
    # a double negative grants (written for the eleventh session)
    "I do not doubt that.", "We don't dispute that journeys may take a minute longer.",
    "Nobody denies that the roads are busy."])
def test_a_grant_of_the_point_just_made_concedes(text: str) -> None:
    assert concedes(text)


@pytest.mark.parametrize("text", [
    "That is not true.", "They don't.", "That is true, but it fails.", "They can:",
    "Those figures say nothing about what the trips replaced.", "The sums are small.",
    # a denial in words, a double negative denying again, a reply or a conclusion pointing back in a few words
    "That is wrong,", "That is misleading at best.", "I do not doubt that it will not work.",
    "but it would be a mistake.", "So it is."])
def test_a_denial_or_a_unit_answering_itself_concedes_nothing(text: str) -> None:
    assert not concedes(text)


def test_a_first_person_double_negative_grants_the_objection_it_follows() -> None:
    # written for the eleventh session: "I don't doubt that it does." backs the objection; the answer attacks it
    kinds, parents, relations, opponent = mine_sentences([
        "The museum should drop its entry fee.",
        "The trustees argue that the fee pays for the night guards.",
        "I don't doubt that it does.",
        "But the fee also keeps out the families who would visit most often.",
    ])
    assert (opponent[2], parents[2], relations[2]) == (True, 1, "SUPPORTS")
    assert (kinds[3], parents[3], relations[3]) == ("rebuttal", 1, "ATTACKS")


def test_a_denial_after_an_objection_is_no_grant() -> None:
    # "That is wrong," points back in a few words, as a brief grant does, but denies
    doc = _features(["The depot should stay open.", "Managers say the night buses run empty.", "That is wrong,",
                     "they are not empty on any night of the week."])
    assert not V.exchange_features(doc)[:, V.EXCHANGE_NAMES.index("grant_answered")].any()


PHONES = [  # written for the eleventh session: the objection closes a paragraph, the next grants and answers it
    "The school should let pupils use phones at lunch.",
    "Parents worry that phones will keep children from talking to each other.",
    "That worry is understandable,",
    "but the pupils we asked said the opposite.",
    "Most use their phones at lunch to arrange games and clubs with friends.",
]


def test_a_grant_opening_the_next_paragraph_takes_up_the_objection_closing_the_one_before() -> None:
    blocks = [0, 1, 2, 2, 2]
    doc = F.doc_features(PHONES, blocks)
    assert V.follows_on(doc) == [False, False, True, True, True]
    assert V.bridges(doc) == frozenset({2})
    opponent = [False, True, True, False, False]
    assert (3, 1) in V.rebuttal_candidates(5, opponent, 0, blocks, V.bridges(doc))
    assert (3, 1) not in V.rebuttal_candidates(5, opponent, 0, blocks)
    # a paragraph opening with a point of its own takes up nothing across the break
    plain = F.doc_features([*PHONES[:2], "Lunch is forty minutes long,", *PHONES[3:]], blocks)
    assert V.follows_on(plain)[2] is False and not V.bridges(plain)


def test_the_answer_in_the_next_paragraph_attacks_the_objection_the_grant_takes_up() -> None:
    text = "\n\n".join([PHONES[0], PHONES[1], " ".join(PHONES[2:])])
    kinds, parents, relations, opponent = mine_sentences(PHONES, text)
    assert (opponent[2], parents[2], relations[2]) == (True, 1, "SUPPORTS")
    assert (kinds[3], parents[3], relations[3]) == ("rebuttal", 1, "ATTACKS")


@pytest.mark.parametrize(("text", "answers"), [
    ("It is not a description of the evidence.", True), ("But sick pay needs no fixed schedule.", True),
    ("Still, that is an argument for planting now.", True), ("That does not make it a reason to wait.", True),
    ("The largest trial found no gain.", False), ("It is also cheap.", False)])
def test_an_answer_replies_or_picks_the_point_up_with_a_negation(text: str, answers: bool) -> None:
    assert answers_point(text) is answers


AI_TUTORS = [
    "Schools should slow down on AI tutors until they show results.",
    "Supporters argue that AI tutors give every student the kind of one-on-one attention that only wealthy families "
    "could once afford.",
    "That is a fair description of the promise.",
    "It is not a description of the evidence.",
    "The largest randomized trial so far found no measurable gain in math scores after a full semester of use.",
]


def test_a_concession_backs_the_objection_and_the_answer_attacks_the_objection() -> None:
    kinds, parents, relations, opponent = mine_sentences(AI_TUTORS)
    assert (kinds[2], opponent[2], parents[2], relations[2]) == ("counterargument", True, 1, "SUPPORTS")
    assert (kinds[3], opponent[3], parents[3], relations[3]) == ("rebuttal", False, 1, "ATTACKS")


def test_the_answer_after_a_grant_attacks_the_objection_that_opened_the_exchange() -> None:
    # the objection, its elaboration, the grant, the answer: the answer attacks the objection, not the elaboration
    kinds, parents, relations, opponent = mine_sentences([
        "Delivery firms should pay riders who are too ill to work.",
        "The platforms say riders are independent contractors who value the freedom to log on and off.",
        "Some riders also say they prefer that freedom to any fixed schedule.",
        "Perhaps they do.",
        "But sick pay needs no fixed schedule.",
    ])
    assert (opponent[3], parents[3], relations[3]) == (True, 2, "SUPPORTS")
    assert (kinds[4], parents[4], relations[4]) == ("rebuttal", 1, "ATTACKS")


def test_without_an_answer_after_it_a_short_grant_is_left_to_the_models() -> None:
    # "Perhaps they do." followed by a new point of the author's, not an answer: the rule does not fire
    objection = ["Schools should slow down on AI tutors until they show results.",
                 "Some teachers also say the tools save them hours of grading each week.", "Perhaps they do."]
    with_answer = mine_sentences([*objection, "But time saved on grading is not the same as learning gained."])
    without = mine_sentences([*objection, "The tools cost forty dollars per pupil."])
    assert with_answer[1][3] == 1 and with_answer[2][3] == "ATTACKS"
    assert not (without[1][3] == 1 and without[2][3] == "ATTACKS")


@pytest.mark.parametrize("grant", ["Maybe.", "Perhaps."])
def test_a_bare_maybe_after_an_objection_grants_it_and_the_next_unit_answers_it(grant: str) -> None:
    # a one-word grant has nothing of its own to say: what follows is the author's answer, cue word or not
    kinds, parents, relations, opponent = mine_sentences([
        "Employers should not sell the four-day week as a policy for the whole economy.",
        "Defenders of the idea say hospitals can simply stagger their schedules.",
        grant,
        "Staggering works when there is slack in the rota, and most public services have none.",
        "Try it first where work is measured by results.",
    ])
    assert (opponent[2], parents[2], relations[2]) == (True, 1, "SUPPORTS")
    assert (kinds[3], opponent[3], parents[3], relations[3]) == ("rebuttal", False, 1, "ATTACKS")
    assert concedes_explicitly(grant) and not concedes_explicitly("Maybe they do.")


def test_a_bare_grant_is_never_the_central_claim() -> None:
    # four units, the thesis a plain claim: the central-claim model alone would pick the one-word grant
    kinds, parents, _, _ = mine_sentences(["The four-day week is not a policy for the whole economy.",
                                   "Defenders of the idea say hospitals can simply stagger their schedules.", "Maybe.",
                                   "Staggering works when there is slack in the rota, and most public services have "
                                   "none."])
    assert kinds[2] != "thesis" and parents[2] is not None
    assert kinds[0] == "thesis"


# ---- names of bodies with two "of" parts ------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "speaker"), [
    ("A 2024 survey by the National Council of Teachers of Mathematics reported that two thirds of teachers agreed.",
     "National Council of Teachers of Mathematics"),
    ("The Department of Education of the Northern Province reported that exclusions fell.",
     "Department of Education of the Northern Province"),
    ("The Institute of Fiscal and Labour Studies of Greater Ardmore said that the cost was small.",
     "Institute of Fiscal and Labour Studies of Greater Ardmore"),
    ("The Bank of England said that rates would rise.", "Bank of England"),
    ("The University of Leeds in London said that fees would rise.", "University of Leeds"),
])
def test_a_body_named_with_two_of_parts_keeps_both(sentence: str, speaker: str) -> None:
    assert speaker_of(sentence) == speaker


def test_an_op_ed_gives_the_survey_to_the_whole_body() -> None:
    text = ("Schools Should Slow Down on AI Tutors\n\nBy Maria Kowalczyk\n\nDistricts are buying AI tutoring software "
            "at a remarkable pace. A 2024 survey by the National Council of Teachers of Mathematics reported that two "
            "thirds of teachers had seen students copy AI answers without understanding them.\n\nDistricts should "
            "pilot these tools in a few schools first.\n\nMaria Kowalczyk is a former high school math teacher.\n")
    graph = parse_document(text, importer="oped")
    survey = next(s for s in graph.statements if "survey" in s.quote)
    assert survey.speaker == "National Council of Teachers of Mathematics"


# ---- the other side's voice: asides and group speakers ----------------------------------------------------------

@pytest.mark.parametrize(("text", "aside"), [
    ("A sapling will not shade anyone for a decade, they point out, while misting stations work tomorrow.", True),
    ("If slots were booked a week ahead, they argue, the urgent cases would find nothing left.", True),
    ("A subsidy, critics say, would only keep bad papers alive.", True),
    ("A subsidy, we argue, would keep good papers alive.", False),  # the authors' own aside
    ("They say nothing about what the trips replaced.", False),  # no aside
])
def test_a_view_given_to_a_third_party_in_an_aside_is_reported(text: str, aside: bool) -> None:
    assert reports_aside(text) is aside


HEAT = """Plant Shade Before the Next Heatwave

By Ines Carvalho

The city should plant and water 20,000 street trees in its hottest districts over the next five years.

Critics on the council contend that trees are a slow answer to an urgent problem. A sapling planted this year will \
not shade anyone for a decade, they point out, while cooling centres and misting stations work tomorrow. True, a young \
tree gives little shade at first. Still, that is an argument for planting now, not for waiting.

Ines Carvalho is a retired civil engineer.
"""


def test_an_aside_continues_the_objection_and_nobody_named_holds_it() -> None:
    graph = parse_document(HEAT, importer="oped")
    sapling = next(s for s in graph.statements if "sapling" in s.quote)
    critics = next(s for s in graph.statements if "Critics" in s.quote)
    assert sapling.kind is StatementKind.COUNTERARGUMENT and sapling.speaker == UNNAMED_VOICE
    assert critics.kind is StatementKind.COUNTERARGUMENT and critics.speaker == UNNAMED_VOICE
    assert _relation(graph, "True, a young tree") == (StatementKind.COUNTERARGUMENT, RelationType.SUPPORTS,
                                                      sapling.quote)
    assert _relation(graph, "Still, that is") == (StatementKind.REBUTTAL, RelationType.ATTACKS, critics.quote)


@pytest.mark.parametrize(("text", "another"), [
    ("Critics on the council contend that trees are a slow answer.", True),
    ("The platforms contend that riders value their freedom.", True),
    ("We contend that the trees are worth it.", False),
])
def test_a_group_that_contends_voices_another(text: str, another: bool) -> None:
    assert voices_another(text) is another


# ---- "Why not X? Because Y." --------------------------------------------------------------------------------------

def test_a_why_not_question_answered_by_because_is_no_thesis_and_its_answer_rejects_it() -> None:
    kinds, parents, relations, _ = mine_sentences([
        "The region should allow apartment buildings within a ten-minute walk of every rail station.",
        "Land next to most stations is zoned for detached houses only.",
        "Why not simply build on the edge of the region, where land is cheap?",
        "Because homes on the edge need new roads, new pipes and long commutes.",
    ])
    assert kinds[0] == "thesis" and kinds[2] == "question"
    assert (parents[2], relations[2]) == (0, "ATTACKS")
    assert (kinds[3], parents[3], relations[3]) == ("rebuttal", 2, "ATTACKS")


def test_a_why_not_question_left_unanswered_can_still_be_the_thesis() -> None:
    kinds, _, _, _ = mine_sentences([
        "Half of Europe already asks visitors for a small nightly levy.",
        "The money pays for cleaning the streets the visitors crowd.",
        "So why not do the same here?",
    ])
    assert kinds[2] == "thesis"


# ---- a closing bio in the byline's name -------------------------------------------------------------------------

def test_a_closing_paragraph_opening_with_the_byline_name_and_a_verb_is_a_bio() -> None:
    text = HEAT.replace("Ines Carvalho is a retired civil engineer.",
                        "Ines Carvalho chairs the residents' association of Alto Mercado.")
    graph = parse_document(text, importer="oped")
    assert not [s for s in graph.statements if "Alto Mercado" in s.quote]
    assert graph.document.authors == ("Ines Carvalho",)
    # someone else's name opening the last paragraph is no bio
    other = text.replace("Ines Carvalho chairs", "Mateus Rocha chairs")
    assert [s for s in parse_document(other, importer="oped").statements if "Alto Mercado" in s.quote]


# ---- a statement leading a paragraph under a Recommendations heading ----------------------------------------------

SCOOTERS = """The City Should Pause Its E-Scooter Contracts

By Rafael Dominguez

Two years ago the city let three companies put 6,000 rental e-scooters on its streets. Since then, emergency \
departments have treated more than 900 scooter injuries.

What the city should do

A pause is not a ban. It gives the council time to require parking bays and insurance for every rider.

Fine operators for every scooter left blocking a pavement. The fines would pay for the bays.

Rafael Dominguez is a physiotherapist.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_paragraph_lead_with_its_subject_first_is_no_recommendation(importer: str) -> None:
    graph = parse_document(SCOOTERS, importer=importer)
    kinds = {s.quote: s.kind for s in graph.statements}
    assert kinds["A pause is not a ban."] is not StatementKind.RECOMMENDATION
    assert kinds["Fine operators for every scooter left blocking a pavement."] is StatementKind.RECOMMENDATION
    # a recommendation named in a title-cased phrase (a run-in heading) stays one
    titled = parse_document(SCOOTERS.replace("A pause is not a ban.", "A Pause Before Renewal."), importer=importer)
    assert {s.quote: s.kind for s in titled.statements}["A Pause Before Renewal."] is StatementKind.RECOMMENDATION


# ---- "By the way" is no byline ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "byline"), [
    ("By the way", False), ("By the numbers", False), ("By Jane Roe", True), ("BY JANE ROE", True),
    ("By the Editors", True), ("By the Editorial Board", True), ("By Jean de la Fontaine", True)])
def test_a_byline_names_someone_capitalised(line: str, byline: bool) -> None:
    assert is_byline(line) is byline


def test_a_by_the_way_line_is_a_statement_not_the_author() -> None:
    text = ("Night Buses Matter\n\nPosted on 3 March 2026 by Jane Roe\n\nThe council should restore the night buses. "
            "Shift workers have no other way home.\n\nBy the way\n\nThe last review counted passengers in a month "
            "when the main route was diverted.\n\nJane Roe is a nurse.\n")
    graph = parse_document(text, importer="oped")
    assert graph.document.authors == ("Jane Roe",)


# ---- a quotation mark opening the next sentence ------------------------------------------------------------------

def test_a_straight_quotation_mark_after_a_sentence_opens_the_next_one() -> None:
    text = ('Researchers spend the last nine months writing the next application. "Half of my working life goes into '
            'asking for money," said Carmen Ruiz, a marine biologist. Output rose.')
    found = [text[s:e] for s, e in sentences(text, 0, len(text))]
    assert found == ["Researchers spend the last nine months writing the next application.",
                     '"Half of my working life goes into asking for money," said Carmen Ruiz, a marine biologist.',
                     "Output rose."]


# ---- a "What ..." heading that asks nothing names its section ----------------------------------------------------

def test_a_what_heading_without_a_question_names_its_section() -> None:
    text = ("The 8 a.m. Scramble Has to Go\n\nBy Ruth Amsel\n\nEvery appointment for the day is gone by ten "
            "past eight. It is the least fair way to ration care.\n\nWhat works instead\n\nSeveral practices now ask "
            "patients to fill in a short form at any hour. Every practice should move to this kind of triage.\n\n"
            "Ruth Amsel is a general practitioner.\n")
    graph = parse_document(text, importer="oped")
    assert not [s for s in graph.statements if s.quote == "What works instead"]
    assert [s for s in graph.statements
            if s.quote.startswith("Several practices") and s.section == "What works instead"]


# ---- an explainer's doubts and their answers ---------------------------------------------------------------------

FAQ = """Heat Pumps: Straight Answers

By Greta Holm

If your gas boiler is more than twelve years old, replace it with a heat pump rather than another boiler. With the \
new grant, a heat pump costs about the same to install as a boiler.

Q: Don't heat pumps stop working when it freezes?

A: Modern units keep heating down to minus 20 degrees. Across Scandinavia, more than half of detached homes use one.

Q: How long does the installation take?

A: Most installations take two or three days.

Greta Holm is an energy adviser at a housing cooperative.
"""


@pytest.mark.parametrize("importer", ["oped", "generic"])
def test_a_doubt_asked_in_an_explainer_attacks_and_its_answer_rebuts_it(importer: str) -> None:
    graph = parse_document(FAQ, importer=importer)
    doubt = next(s for s in graph.statements if s.quote.startswith("Don't heat pumps"))
    kind, relation, target = _relation(graph, "Don't heat pumps")
    assert (kind, relation) == (StatementKind.QUESTION, RelationType.ATTACKS)
    assert target is not None and target.startswith("If your gas boiler")
    assert _relation(graph, "Modern units") == (StatementKind.REBUTTAL, RelationType.ATTACKS, doubt.quote)
    # a question asking for a fact voices no doubt: its answer is no rebuttal
    assert _relation(graph, "Most installations")[0] is not StatementKind.REBUTTAL


def test_inline_q_and_a_labels_mark_the_answer_too() -> None:
    kinds, parents, relations, _ = mine_sentences([
        "Replace an old gas boiler with a heat pump rather than another boiler.",
        "A heat pump now costs about the same to install as a boiler.",
        "Q: Won't my electricity bill go up?",
        "A: It will rise, and your gas bill will disappear with it.",
    ])
    assert (kinds[2], parents[2], relations[2]) == ("question", 0, "ATTACKS")
    assert (kinds[3], parents[3], relations[3]) == ("rebuttal", 2, "ATTACKS")


@pytest.mark.parametrize(("text", "proposes"), [
    ("If your gas boiler is more than twelve years old, replace it with a heat pump.", True),
    ("Unless the data improve, stop the trial.", True),
    ("If you cut the fee, the producers would survive.", False),
    ("If prices rise, demand falls.", False),
])
def test_an_imperative_after_a_leading_condition_proposes(text: str, proposes: bool) -> None:
    assert proposes_action(text) is proposes


def test_after_a_grant_in_words_that_only_grant_the_next_unit_answers_without_a_cue() -> None:
    kinds, parents, relations, opponent = mine_sentences([
        "Parliament should fund one reporter for every county that has none.",
        "Critics contend that state money would make journalists dependent on the politicians they cover.",
        "That is a serious concern.",
        "It is also one that other countries have answered.",
    ])
    assert (opponent[2], parents[2], relations[2]) == (True, 1, "SUPPORTS")
    assert (kinds[3], parents[3], relations[3]) == ("rebuttal", 1, "ATTACKS")
    assert concedes_explicitly("That is a serious concern.") and not concedes_explicitly("Perhaps they do.")


def test_the_mined_body_drops_a_pull_quote_as_the_importers_do() -> None:
    text = ("Plant Shade\n\nBy Ines Carvalho\n\nLast July the pavement reached 61 degrees. Heat is now the deadliest "
            "weather this city faces.\n\n“Heat is now the deadliest weather this city faces.”\n\nThe city should "
            "plant 20,000 street trees.\n\nInes Carvalho is a retired civil engineer.\n")
    assert [b.text for b in body_blocks(text)] == [
        "Last July the pavement reached 61 degrees. Heat is now the deadliest weather this city faces.",
        "The city should plant 20,000 street trees."]


@pytest.mark.parametrize(("text", "proposes"), [
    ("Option A: Fund a third more projects, each for the usual three years.", True),
    ("**Option 2:** Keep the number of grants as it is.", True),
    ("Option A: The council keeps the current grants.", False),  # the label hides no imperative
])
def test_an_option_label_hides_no_imperative(text: str, proposes: bool) -> None:
    assert proposes_action(text) is proposes


# ---- the exchange as model inputs (``voices.exchange``; no rule after the models) -------------------------------

def _features(sentences: list[str]) -> F.DocFeatures:
    return F.doc_features(sentences, [0] * len(sentences))


def test_the_exchange_inputs_flag_the_grant_its_answer_and_an_aside() -> None:
    doc = _features(AI_TUTORS)
    rows = V.exchange_features(doc)
    grant, answer = V.EXCHANGE_NAMES.index("grant_answered"), V.EXCHANGE_NAMES.index("answers_grant")
    assert rows[:, grant].tolist() == [0, 0, 1, 0, 0] and rows[:, answer].tolist() == [0, 0, 0, 1, 0]
    # without an answer after it a grant in words that may answer ("Perhaps they do.") is no "grant answered"
    objection = ["Schools should slow down on AI tutors until they show results.",
                 "Some teachers also say the tools save them hours of grading each week.", "Perhaps they do."]
    assert V.exchange_features(_features([*objection, "But time saved is not learning gained."]))[2, grant] == 1
    assert V.exchange_features(_features([*objection, "The tools cost forty dollars per pupil."]))[2, grant] == 0
    # an aside after an objection; the same sentence after the author's own claim is no continued voice
    aside = "A sapling will not shade anyone for a decade, they point out, while a heatwave can come next July."
    voiced = V.exchange_features(_features(["Cities should plant trees.", "Critics contend that trees are slow.",
                                            aside]))
    plain = V.exchange_features(_features(["Cities should plant trees.", "Trees cool streets by several degrees.",
                                           aside]))
    column = V.EXCHANGE_NAMES.index("aside_after_voice")
    assert voiced[2, column] == 1 and plain[2, column] == 0


def test_the_opponent_models_own_decisions_count_as_the_voice_a_grant_answers() -> None:
    # a cue-free objection: only the model's decision says the other side spoke before the grant
    doc = _features(["The rail link should be built.", "The tunnel would cost far more than the budget allows.",
                     "That is a serious concern.", "It is also one the engineers have answered."])
    grant = V.EXCHANGE_NAMES.index("grant_answered")
    assert V.exchange_features(doc)[2, grant] == 0
    assert V.exchange_features(doc, np.asarray([0, 1, 0, 0], np.float32))[2, grant] == 1


def test_the_shipped_models_learned_the_exchange_in_the_direction_of_the_guidelines() -> None:
    voices = V.load()
    weights = dict(zip(V.EXCHANGE_NAMES, voices.opponent_exchange.tolist(), strict=True))
    assert weights["grant_answered"] > 0 and weights["aside_after_voice"] > 0 and weights["answers_grant"] < 0
    reply = dict(zip(V.EXCHANGE_PAIR_NAMES, voices.rebut_exchange.tolist(), strict=True))
    assert reply["after_grant_x_head"] > 0 and reply["target_concedes"] < 0
    target = dict(zip(V.EXCHANGE_TARGET_NAMES, voices.target_exchange.tolist(), strict=True))
    assert target["grants_just_before"] > 0 > target["grants_elsewhere"]


def test_the_exchange_weights_fit_on_top_of_a_fixed_logit() -> None:
    from importers.mining.train_voices import _offset_fit

    x = np.asarray([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]], np.float32)
    y = np.asarray([1, 1, 0, 0])
    offset = np.asarray([-2.0, -1.0, 2.0, 1.0], np.float32)
    w = _offset_fit(x, y, offset, c=10.0)
    assert w[0] > 1 and w[1] < -1
    assert np.array_equal(w, _offset_fit(x, y, offset, c=10.0))  # deterministic
    assert not _offset_fit(np.zeros((0, 2), np.float32), np.zeros(0), np.zeros(0)).any()
