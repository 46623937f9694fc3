"""Background read as an objection (twelfth session; docs/mining-quality.md, "Background read as objections"): a view
reported inside a subordinate clause after the main one ("The rule dates from 1971, when planners assumed ...") is
history the author tells, not a voice. The texts are written for the tests, on other subjects than the fresh texts."""

from __future__ import annotations

from graph.model import DocumentGraph, RelationType, Statement, StatementKind
from importers import parse_document
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
