"""Graphviz: DOT text, and SVG / PNG rendered by Graphviz's ``dot`` program (Debian package
``graphviz``); without it they raise graph.errors.ExportToolMissing."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import textwrap

from formats.common import internal_relations
from formats.palette import KIND_COLOURS, RELATION_COLOURS, text_colour
from graph.errors import ExportToolMissing
from graph.model import DocumentGraph, RelationType, Statement

EDGE_STYLES: dict[RelationType, str] = {
    RelationType.SUPPORTS: 'color="{0}", fontcolor="{0}"'.format(RELATION_COLOURS[RelationType.SUPPORTS]),
    RelationType.ATTACKS: 'color="{0}", fontcolor="{0}", arrowhead=tee'.format(RELATION_COLOURS[RelationType.ATTACKS]),
    RelationType.QUOTES: f'color="{RELATION_COLOURS[RelationType.QUOTES]}", style=dashed',
}
LABEL_WIDTH = 40
LABEL_MAX_CHARS = 240


def dot_string(value: str) -> str:
    """A double-quoted DOT string whose text is ``value`` (no escape sequences: ``\\`` stays ``\\``)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", " ", escaped) + '"'


def _label(statement: Statement) -> str:
    text = " ".join(statement.text.split())
    if len(text) > LABEL_MAX_CHARS:
        text = text[: LABEL_MAX_CHARS - 1].rstrip() + "…"
    kind = statement.kind.value.replace("_", " ")
    if statement.verdict:
        kind += f" ({statement.verdict.value})"
    return "\n".join([kind.upper(), *textwrap.wrap(text, LABEL_WIDTH)])


def _dot_label(text: str) -> str:
    # In a DOT label "\n" (backslash n) is a centred line break; every other backslash is literal.
    lines = [line.replace("\\", "\\\\").replace('"', '\\"') for line in text.split("\n")]
    return '"' + re.sub(r"[\x00-\x1f\x7f]", " ", "\\n".join(lines)) + '"'


def to_dot(graph: DocumentGraph) -> str:
    """Graphviz DOT: a box per statement coloured by kind, SUPPORTS green, ATTACKS red (tee), QUOTES grey."""
    graph = graph.normalized()
    lines = [
        "digraph argmap {",
        f"  label={dot_string(graph.document.title)}; labelloc=t; fontname=Helvetica;",
        "  rankdir=LR; newrank=true; ranksep=0.5; nodesep=0.2;",
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=10, margin="0.15,0.08"];',
        "  edge [fontname=Helvetica, fontsize=9];",
    ]
    for statement in graph.statements:
        lines.append(f"  {dot_string(statement.id)} [label={_dot_label(_label(statement))}, "
                     f"tooltip={dot_string(statement.text)}, fillcolor={dot_string(KIND_COLOURS[statement.kind])}, "
                     f"fontcolor={dot_string(text_colour(statement.kind))}];")
    relations = internal_relations(graph, RelationType)
    for relation in relations:
        label = relation.type.value.lower() + (f" ({relation.mode.value})" if relation.mode else "")
        lines.append(f"  {dot_string(relation.source)} -> {dot_string(relation.target)} "
                     f"[{EDGE_STYLES[relation.type]}, tooltip={dot_string(label)}];")
    # Statements without relations would all sit side by side on one rank (an image tens of
    # thousands of pixels long): lay them out in short chains of invisible edges instead.
    linked = {r.source for r in relations} | {r.target for r in relations}
    isolated = [s.id for s in graph.statements if s.id not in linked]
    height = max(4, math.isqrt(len(isolated)))
    for column in range(0, len(isolated), height):
        chain = isolated[column: column + height]
        if len(chain) > 1:
            lines.append("  " + " -> ".join(dot_string(i) for i in chain) + " [style=invis];")
    lines.append("}")
    return "\n".join(lines) + "\n"


DOT_TIMEOUT_S = 60.0


def render_dot(dot: str, output_format: str, *, timeout: float = DOT_TIMEOUT_S) -> bytes:
    """Run Graphviz's ``dot -T<output_format>`` on ``dot``; ExportToolMissing when it is missing or fails."""
    program = shutil.which("dot")
    if program is None:
        raise ExportToolMissing(f"{output_format} export needs Graphviz's `dot` program; install it "
                                "(Debian/Ubuntu: apt-get install graphviz)")
    try:
        result = subprocess.run([program, f"-T{output_format}"], input=dot.encode("utf-8"), capture_output=True,
                                timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ExportToolMissing(f"Graphviz `dot` did not finish within {timeout:g} s") from exc
    if result.returncode != 0 or not result.stdout:
        message = result.stderr.decode("utf-8", "replace").strip()[:500]
        raise ExportToolMissing(f"Graphviz `dot -T{output_format}` failed (exit {result.returncode}): {message}")
    return result.stdout


def to_svg(graph: DocumentGraph) -> bytes:
    return render_dot(to_dot(graph), "svg")


def to_png(graph: DocumentGraph) -> bytes:
    return render_dot(to_dot(graph), "png")
