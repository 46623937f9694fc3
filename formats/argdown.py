"""Argdown text: ``[Title]: text`` and outgoing ``+>`` / ``->`` relations, as ``@argdown/cli`` reads it.
Argdown has no QUOTES, actors or topics: it keeps statements and SUPPORTS / ATTACKS."""

from __future__ import annotations

import re

from formats.common import ARGUMENT_RELATIONS, internal_relations
from graph.model import DocumentGraph, Relation, RelationType, StatementKind

# Characters Argdown's lexer treats as syntax inside statement text: escaped with "\".
# ("/" only starts a comment before "/" or "*"; "." and ":" only start a ".shortcode." or
# ":shortcode:" when a non-space follows; "+", "-" and "_" start relations only at the start of
# a line, and statement text is always one line.)
_ARGDOWN_SPECIAL = re.compile(r"[\\@#*_\[\]<>{}]|/(?=[/*])|[.:](?=\S)")


def argdown_text(text: str) -> str:
    """Statement text for Argdown: whitespace collapsed to single spaces, syntax characters escaped.

    Argdown reads it back (``@argdown/cli json``) as ``" ".join(text.split())``.
    """
    return _ARGDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), " ".join(text.split()))


def argdown_titles(graph: DocumentGraph) -> dict[str, str]:
    """A unique, valid Argdown title per statement id: ``Claim 3``, ``Assumption check 1``..."""
    counts: dict[StatementKind, int] = {}
    titles: dict[str, str] = {}
    for statement in graph.normalized().statements:
        counts[statement.kind] = counts.get(statement.kind, 0) + 1
        titles[statement.id] = f"{statement.kind.value.replace('_', ' ').capitalize()} {counts[statement.kind]}"
    return titles


def to_argdown(graph: DocumentGraph) -> str:
    """Argdown: every statement defined once as ``[Title]: text`` (in source order), followed by its
    outgoing relations, indented: ``+> [Target]`` for SUPPORTS, ``-> [Target]`` for ATTACKS."""
    graph = graph.normalized()
    titles = argdown_titles(graph)
    outgoing: dict[str, list[Relation]] = {}
    for relation in internal_relations(graph, ARGUMENT_RELATIONS):
        outgoing.setdefault(relation.source, []).append(relation)
    title = " ".join(graph.document.title.split()) or graph.document.id
    lines = [f"# {argdown_text(title)}", ""]
    for statement in graph.statements:
        lines.append(f"[{titles[statement.id]}]: {argdown_text(statement.text)}")
        for relation in outgoing.get(statement.id, []):
            arrow = "+>" if relation.type is RelationType.SUPPORTS else "->"
            lines.append(f"  {arrow} [{titles[relation.target]}]")
        lines.append("")
    return "\n".join(lines)
