"""The one colour per statement kind and per relation type that every view uses: the map page
(api/static/common.js and map.js, kept equal by tests), the Neo4j Browser stylesheet and the
Graphviz pictures."""

from graph.model import RelationType, StatementKind

KIND_COLOURS: dict[StatementKind, str] = {
    StatementKind.THESIS: "#6a1b9a",
    StatementKind.CLAIM: "#1565c0",
    StatementKind.ASSUMPTION: "#ef6c00",
    StatementKind.ASSUMPTION_CHECK: "#f9a825",
    StatementKind.EVIDENCE: "#00838f",
    StatementKind.COUNTERARGUMENT: "#c62828",
    StatementKind.REBUTTAL: "#ad1457",
    StatementKind.RECOMMENDATION: "#2e7d32",
    StatementKind.QUOTE: "#6d4c41",
    StatementKind.QUESTION: "#546e7a",
}

RELATION_COLOURS: dict[RelationType, str] = {
    RelationType.SUPPORTS: "#2e7d32",
    RelationType.ATTACKS: "#c62828",
    RelationType.QUOTES: "#9e9e9e",
}


def text_colour(kind: StatementKind) -> str:
    """Readable text on the kind's fill: dark on the light fills, white on the rest."""
    return "#000000" if kind is StatementKind.ASSUMPTION_CHECK else "#FFFFFF"
