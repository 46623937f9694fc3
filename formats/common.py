"""What several formats share: which relations a per-document format draws."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.model import DocumentGraph, Relation, RelationType

ARGUMENT_RELATIONS = (RelationType.SUPPORTS, RelationType.ATTACKS)


def internal_relations(graph: DocumentGraph, types: Iterable[RelationType]) -> list[Relation]:
    """Relations of ``types`` whose both ends are statements of this document, in canonical order."""
    ids = {s.id for s in graph.statements}
    wanted = set(types)
    return [r for r in graph.normalized().relations if r.type in wanted and r.source in ids and r.target in ids]


def without_none(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}
