"""Background read as an objection (twelfth session; docs/mining-quality.md, "Background read as objections"): a view
reported inside a subordinate clause after the main one ("The rule dates from 1971, when planners assumed ...") is
history the author tells, not a voice; an institution signing the text that states its view under its own name ("The
Board believes ...") is the author. The texts are written for the tests, on other subjects than the fresh texts."""

from __future__ import annotations

from graph.model import DocumentGraph, RelationType, Statement, StatementKind
from importers import parse_document
from importers.mining.theses import author_views_and_calls
from importers.mining.voices import reports_view


def starting(graph: DocumentGraph, words: str) -> Statement:
    found = [s for s in graph.statements if s.text.startswith(words)]
    assert len(found) == 1, [s.text for s in graph.statements]
    return found[0]


def attacks_from(graph: DocumentGraph, statement: Statement) -> list[str]:
    return [r.target for r in graph.relations if r.source == statement.id and r.type is RelationType.ATTACKS]


def test_a_view_in_a_subordinate_clause_after_the_main_one_is_no_reported_view() -> None:
    assert not reports_view("the levy dates from 1988, when ministers assumed that empty homes were rare.")
    assert not reports_view("the charge was set in 2004, because the council believed that parking was cheap.")
    # the main clause's view, however it opens
    assert reports_view("councillor ames told the meeting that the levy would fail.")
    assert reports_view("when asked, the minister said that the levy would fail.")
    assert reports_view("the operator, which runs both ferries, warned that fares would rise.")


FERRY = """The island ferry timetable should be rewritten around commuters.

The timetable dates from 1987, when planners assumed that few islanders would work on the mainland. Today a third \
of working islanders cross every morning.

The first boat leaves at nine, so nurses and teachers cannot reach their shifts on time. An earlier sailing would \
cost little, because the crew is already on board for the freight run.

The operator should add a seven o'clock sailing this summer.
"""


def test_the_history_of_a_rule_is_background_not_an_objection() -> None:
    graph = parse_document(FERRY)
    history = starting(graph, "The timetable dates from 1987")
    assert history.kind is not StatementKind.COUNTERARGUMENT
    assert attacks_from(graph, history) == []
    # the present state the author sets against it answers no objection either
    assert starting(graph, "Today a third").kind is not StatementKind.REBUTTAL


def test_an_institution_naming_itself_states_the_authors_view() -> None:
    texts = ["The Board believes it is time to end them.", "The board votes on the plan in June.",
             "The Council believes fines work.", "The Institute has long argued that deposits work.",
             "The Board of Governors believes fines work.", "Therefore, the Board urges the council to act."]
    assert author_views_and_calls(texts, ["Editorial Board"])[0] == {0, 5}
    assert author_views_and_calls(texts, ["Circular Economy Institute"])[0] == {3}
    assert author_views_and_calls(texts, [])[0] == set()
    assert author_views_and_calls(texts, ["Jane Roe"])[0] == set()


COMMENTARY = """Night buses would pay for themselves

Commentary by the Harbour Transport Institute

Every weekend thousands of hospital and hotel workers finish their shifts after the last bus has gone.

The Institute believes the city should run night buses on its four busiest routes.

A night service would cost about two million a year. Fares and the fall in taxi subsidies for shift workers would \
cover most of it, and late-night trade would grow.

Some councillors argue that the buses would run empty. That may be true in the first months. But every city that \
started night routes saw riders double within two years.

The council should approve a two-year trial this spring.
"""


def test_an_institute_s_own_view_under_its_name_is_no_objection() -> None:
    """A think-tank signing its commentary states its view as "The Institute believes ..." (an editorial's "The
    Board believes ..." is read as its thesis since fresh12, ``theses._EDITORIAL_SELF``; here any institution the
    byline names)."""
    graph = parse_document(COMMENTARY)
    assert graph.document.authors == ("Harbour Transport Institute",)
    own = starting(graph, "The Institute believes")
    assert own.kind is not StatementKind.COUNTERARGUMENT
    assert attacks_from(graph, own) == []
    # the councillors' view stays an objection, answered
    objection = starting(graph, "Some councillors argue")
    assert objection.kind is StatementKind.COUNTERARGUMENT
    assert any(r.type is RelationType.ATTACKS and r.target == objection.id for r in graph.relations)
