"""Every export format by name: media type, file extension, and the function writing it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from formats.aif import to_aif
from formats.argdown import to_argdown
from formats.argmap_json import to_json
from formats.cypher_script import to_cypher
from formats.graphml import to_graphml
from formats.graphviz import to_dot, to_png, to_svg
from graph.model import DocumentGraph


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    binary: bool
    render: Callable[[DocumentGraph], str | bytes]


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("json", "application/json", "json", False, to_json),
        ExportFormat("graphml", "application/graphml+xml", "graphml", False, to_graphml),
        ExportFormat("cypher", "application/x-cypher-query", "cypher", False, to_cypher),
        ExportFormat("dot", "text/vnd.graphviz", "dot", False, to_dot),
        ExportFormat("svg", "image/svg+xml", "svg", True, to_svg),
        ExportFormat("png", "image/png", "png", True, to_png),
        ExportFormat("aif", "application/json", "json", False, to_aif),
        ExportFormat("argdown", "text/plain", "argdown", False, to_argdown),
    )
}


def export(graph: DocumentGraph, format_name: str) -> bytes:
    """The graph in ``format_name`` as bytes (text formats UTF-8); KeyError for an unknown format."""
    rendered = FORMATS[format_name].render(graph)
    return rendered.encode("utf-8") if isinstance(rendered, str) else rendered


def filename(graph: DocumentGraph, format_name: str) -> str:
    """A download name, e.g. ``doc-4821be2a80a2cfa2.aif.json``."""
    fmt = FORMATS[format_name]
    extension = "aif.json" if fmt.name == "aif" else fmt.extension
    return f"{graph.document.id}.{extension}"
