"""A text giving two sides under section headings ("Argument in favor" / "Argument against" and their rebuttals,
"Majority report" / "Dissenting opinion", a debate's "POINT:" / "COUNTERPOINT:"): the heading names whose voice a
section is, in whichever importer reads the text (``structure.heading_side``, ``structure.section_sides``,
``mining.with_sides``; docs/importers.md, "Two sides under headings"). The texts are written for the tests."""

from __future__ import annotations

import pytest

from graph.model import UNNAMED_VOICE, DocumentGraph, RelationType, Statement, StatementKind
from importers import parse_document
from importers.structure import blocks, heading_side, section_sides

VOTER_GUIDE = """PROPOSITION 4: HARBOUR FERRY BOND

Summary by the City Attorney

Proposition 4 would let the city borrow $40 million to buy three electric ferries and rebuild two piers. The bonds \
would be repaid from property taxes over twenty years.

Argument in Favor of Proposition 4

The ferries we run today are forty years old and break down every week. Last winter, one in six crossings was \
cancelled, and commuters were left waiting on the pier in the rain.

Electric ferries cost half as much to run as diesel ones. The savings will repay much of the debt.

Vote YES on Proposition 4.

Maria Santos, President, Harbour Commuters Union

Rebuttal to Argument in Favor of Proposition 4

Old boats can be repaired for a fraction of the price. The city has not asked for repair bids.

Paul Grady, Taxpayers for Sound Budgets

Argument Against Proposition 4

Proposition 4 adds $40 million of debt for a service that carries fewer than two thousand riders a day. Every \
homeowner will pay for it, whether or not they ever ride a ferry.

The city should lease modern boats instead, as neighbouring ports have done.

Vote NO on Proposition 4.

Paul Grady, Taxpayers for Sound Budgets

Rebuttal to Argument Against Proposition 4

Leasing costs more over twenty years than owning. Two thousand riders a day are two thousand cars kept off the \
bridge.

Maria Santos, President, Harbour Commuters Union
"""

COMMITTEE = """Report of the Education Committee on the Proposal to Merge Two Primary Schools

Introduction

The school board asked the Committee whether the Hillcrest and Valley Road primary schools should merge on one \
site. The Committee visited both schools and heard from 140 parents. The Committee was divided.

Majority Report

The majority recommends that the board approve the merger, with a new bus route for Valley Road pupils.

Both schools are half empty. A merged school could offer a class for each year group instead of mixed-age classes.

Parents told us they fear longer journeys. A free bus from the Valley Road site would keep every journey under \
twenty minutes. The board should also keep the Valley Road playing field open to the public.

Dissenting Opinion

The minority recommends that the board keep both schools open.

Small schools are not a problem to be solved. Pupils at Valley Road read better than the county average, and the \
school is the only public building left in its village.

Signed for the Committee,
Councillor Janet Moore, Chair
"""


def in_section(graph: DocumentGraph, section: str) -> list[Statement]:
    return [s for s in graph.statements if s.section == section]


def relation(graph: DocumentGraph, source: Statement, target: Statement) -> RelationType | None:
    found = [r.type for r in graph.relations if r.source == source.id and r.target == target.id]
    return found[0] if found else None


def thesis_of(graph: DocumentGraph) -> Statement:
    [thesis] = [s for s in graph.statements if s.kind is StatementKind.THESIS]
    return thesis


def central_of(graph: DocumentGraph) -> Statement:
    """The thesis, or (an op-ed's headline being the thesis) the body's central claim backing it."""
    thesis = thesis_of(graph)
    if thesis.section is not None or thesis.start > 0:
        return thesis
    backing = {r.source for r in graph.relations if r.target == thesis.id and r.type is RelationType.SUPPORTS}
    [central] = [s for s in graph.statements if s.id in backing and s.section is not None]
    return central


@pytest.mark.parametrize("title,side", [
    ("Argument in Favor of Proposition 4", ("pro", False)),
    ("Arguments in favour", ("pro", False)),
    ("The case for a tram", ("pro", False)),
    ("Argument Against Proposition 4", ("con", False)),
    ("Argument in opposition", ("con", False)),
    ("Rebuttal to Argument in Favor of Proposition 4", ("con", True)),
    ("Rebuttal to the Argument Against Proposition 4", ("pro", True)),
    ("Majority Report", ("majority", False)),
    ("Minority view", ("minority", False)),
    ("Dissent", ("minority", False)),
    ("Dissenting Opinion", ("minority", False)),
    ("Pro", ("pro", False)),
    ("Con", ("con", False)),
    ("YES: A tram would pay for itself", ("pro", False)),
    ("COUNTERPOINT: Buses are cheaper", ("con", False)),
    ("Arguments for and against", None),
    ("Introduction", None),
    ("Summary by the City Attorney", None),
    ("Consumer protection", None),
])
def test_a_heading_names_a_side(title: str, side: tuple[str, bool] | None) -> None:
    assert heading_side(title) == side


ESSAY = ("Why the town needs a tram\n\nThe case for\n\nA tram carries more people than a bus.\n\n"
         "Arguments against\n\nSome say it costs too much. It does not: the state pays half.\n")


def test_an_essay_answering_objections_gives_no_two_sides() -> None:
    """An essay's "The case for" / "Arguments against" (the objections it answers): one author, no signers, no
    rebuttal section, no minority: the sections stay the author's; one side alone is no debate either."""
    found = blocks(ESSAY)
    assert section_sides(ESSAY, found, found) == {}
    alone = VOTER_GUIDE.split("Rebuttal to Argument in Favor")[0]
    found = blocks(alone)
    assert section_sides(alone, found, found) == {}


def test_two_signers_show_two_sides() -> None:
    """The same essay with each section signed by its own writer gives two sides."""
    text = ESSAY.replace("than a bus.\n", "than a bus.\n\nAnna Berg, Tram Now\n").replace(
        "pays half.\n", "pays half.\n\nTom Reed, Ratepayers Group\n")
    found = blocks(text)
    sides = section_sides(text, found, found)
    assert {side.voice: side.opposing for side in sides.values()} == {"Anna Berg": False, "Tom Reed": True}


@pytest.mark.parametrize("importer", [None, "oped"])
def test_a_voter_guide_s_sides_are_two_voices(importer: str | None) -> None:
    """The side for the proposal is the text's own (a guide has no single author: the proposal is the map's root,
    as its supporters state it); the other side's sections are opposing voices, each its signer's, attacking what
    they oppose; a rebuttal section answers the section it names."""
    graph = parse_document(VOTER_GUIDE, importer=importer)
    thesis = central_of(graph)
    assert thesis.section == "Argument in Favor of Proposition 4"
    assert thesis.speaker == "Maria Santos"
    against = in_section(graph, "Argument Against Proposition 4")
    assert against and all(s.kind is StatementKind.COUNTERARGUMENT and s.speaker == "Paul Grady" for s in against)
    assert any(relation(graph, s, thesis) is RelationType.ATTACKS for s in against)
    answer = in_section(graph, "Rebuttal to Argument in Favor of Proposition 4")
    assert answer and all(s.kind is StatementKind.COUNTERARGUMENT and s.speaker == "Paul Grady" for s in answer)
    assert any(relation(graph, s, thesis) is RelationType.ATTACKS for s in answer)
    reply = in_section(graph, "Rebuttal to Argument Against Proposition 4")
    assert all(s.speaker == "Maria Santos" for s in reply)
    assert any(s.kind is StatementKind.REBUTTAL and any(relation(graph, s, t) is RelationType.ATTACKS for t in against)
               for s in reply)


@pytest.mark.parametrize("importer", [None, "oped"])
def test_a_committee_s_dissent_opposes_the_majority(importer: str | None) -> None:
    """The majority's position, stated under its name, is the thesis; the dissent's units are opposing voices
    (nobody the text names: the report is signed for the committee) and its position attacks the thesis."""
    graph = parse_document(COMMITTEE, importer=importer)
    thesis = central_of(graph)
    assert thesis.text.startswith("The majority recommends")
    dissent = in_section(graph, "Dissenting Opinion")
    assert dissent and all(s.kind is StatementKind.COUNTERARGUMENT and s.speaker == UNNAMED_VOICE for s in dissent)
    [position] = [s for s in dissent if s.text.startswith("The minority recommends")]
    assert relation(graph, position, thesis) is RelationType.ATTACKS


POINT_COUNTERPOINT = """Should the Town Build a Tram?

Point/Counterpoint

POINT: A tram would carry the town's growth
By Lena Novak

The bus routes into the centre are full at rush hour, and the town will have nine thousand more homes by 2035. A tram \
carries three times as many people as a bus on the same street.

COUNTERPOINT: Buses can do the same for a tenth of the price
By Omar Haddad

A bus lane can be painted in a month. A tram line takes ten years and its cost always grows.
"""


def test_a_debate_s_other_side_argues_against_the_thesis() -> None:
    """The side opposing the question's proposal states a position against the headline, not one backing it."""
    graph = parse_document(POINT_COUNTERPOINT)
    thesis = thesis_of(graph)
    [point] = [s for s in graph.statements if s.text.startswith("A tram would carry")]
    [counterpoint] = [s for s in graph.statements if s.text.startswith("Buses can do the same")]
    assert relation(graph, point, thesis) is RelationType.SUPPORTS
    assert relation(graph, counterpoint, thesis) is RelationType.ATTACKS
    assert counterpoint.speaker == "Omar Haddad"
