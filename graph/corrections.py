"""Corrections an analyst makes to an imported map, kept as an append-only log per document.

Each log entry says what changed (a :class:`Change`), who did it (an analyst, or an importer
with its version for the import itself), when, and whether it undoes an earlier entry. The
stores apply a change and append its entry in one transaction; the log is never rewritten:
undo appends the inverse change, and a re-import appends a report of which corrections it
re-applied. Pure domain: no I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graph.errors import InvalidInput
from graph.model import Relation, RelationType, Statement


class ChangeKind(StrEnum):
    IMPORT = "import"
    """The importer's draft was stored (nothing changes; the entry records who made it)."""
    REIMPORT = "reimport"
    """The source was parsed again and the corrections re-applied (the entry carries the report)."""
    EDIT_STATEMENT = "edit_statement"
    """Kind, span (an exact slice of the source), verdict or speaker of one statement."""
    ADD_RELATION = "add_relation"
    REMOVE_RELATION = "remove_relation"
    REMOVE_STATEMENT = "remove_statement"
    """Not argumentative: the statement and its relations leave the map."""
    RESTORE_STATEMENT = "restore_statement"
    """Undo of a removal (or the new part of a split): the statement and its relations come back."""
    SPLIT_STATEMENT = "split_statement"
    """One statement becomes two at an offset: the first keeps the id and the relations."""
    MERGE_STATEMENTS = "merge_statements"
    """Two statements become one over both spans: the first keeps its id, takes the second's relations."""
    FROM_AIF = "from_aif"
    """The changes an AIF export of the document, edited elsewhere (OVA), makes to the map."""


CORRECTION_KINDS = frozenset({ChangeKind.EDIT_STATEMENT, ChangeKind.ADD_RELATION, ChangeKind.REMOVE_RELATION,
                              ChangeKind.REMOVE_STATEMENT, ChangeKind.RESTORE_STATEMENT,
                              ChangeKind.SPLIT_STATEMENT, ChangeKind.MERGE_STATEMENTS, ChangeKind.FROM_AIF})
# Compound kinds and the kind of their inverse (whose steps are the inverses, in reverse order).
COMPOUND_INVERSE = {ChangeKind.SPLIT_STATEMENT: ChangeKind.MERGE_STATEMENTS,
                    ChangeKind.MERGE_STATEMENTS: ChangeKind.SPLIT_STATEMENT,
                    ChangeKind.FROM_AIF: ChangeKind.FROM_AIF}
COMPOUND_KINDS = frozenset(COMPOUND_INVERSE)


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    before: Statement | None = None
    """edit: the statement as it was; remove_statement: the statement removed."""
    after: Statement | None = None
    """edit: the statement as it becomes (same id); restore_statement: the statement restored."""
    relation: Relation | None = None
    """add_relation / remove_relation."""
    relations: tuple[Relation, ...] = ()
    """remove_statement / restore_statement: every relation the statement had."""
    report: Mapping[str, Any] | None = None
    """import / reimport: what happened (importer version; corrections re-applied or not)."""
    steps: tuple[Change, ...] = ()
    """split / merge: the simple changes it is made of, applied in order in one transaction."""

    @property
    def statement_id(self) -> str | None:
        statement = self.after or self.before or next(
            (s.after or s.before for s in self.steps if s.after or s.before), None)
        return statement.id if statement else None

    def inverse(self) -> Change:
        """The change that undoes this one."""
        if self.kind in COMPOUND_KINDS:
            return Change(COMPOUND_INVERSE[self.kind], steps=tuple(step.inverse() for step in reversed(self.steps)))
        if self.kind is ChangeKind.EDIT_STATEMENT:
            return Change(ChangeKind.EDIT_STATEMENT, before=self.after, after=self.before)
        if self.kind is ChangeKind.ADD_RELATION:
            return Change(ChangeKind.REMOVE_RELATION, relation=self.relation)
        if self.kind is ChangeKind.REMOVE_RELATION:
            return Change(ChangeKind.ADD_RELATION, relation=self.relation)
        if self.kind is ChangeKind.REMOVE_STATEMENT:
            return Change(ChangeKind.RESTORE_STATEMENT, after=self.before, relations=self.relations)
        if self.kind is ChangeKind.RESTORE_STATEMENT:
            return Change(ChangeKind.REMOVE_STATEMENT, before=self.after, relations=self.relations)
        raise InvalidInput(f"a {self.kind.value} entry cannot be undone")

    def validate(self) -> Change:
        """Raise InvalidInput unless the change has what its kind needs; return self."""
        needs = {
            ChangeKind.EDIT_STATEMENT: self.before is not None and self.after is not None
            and self.before.id == self.after.id and self.before.document_id == self.after.document_id,
            ChangeKind.ADD_RELATION: self.relation is not None,
            ChangeKind.REMOVE_RELATION: self.relation is not None,
            ChangeKind.REMOVE_STATEMENT: self.before is not None,
            ChangeKind.RESTORE_STATEMENT: self.after is not None,
            ChangeKind.IMPORT: True,
            ChangeKind.REIMPORT: True,
            ChangeKind.SPLIT_STATEMENT: bool(self.steps),
            ChangeKind.MERGE_STATEMENTS: bool(self.steps),
            ChangeKind.FROM_AIF: bool(self.steps),
        }
        if any(step.kind in COMPOUND_KINDS or step.kind not in CORRECTION_KINDS for step in self.steps):
            raise InvalidInput("a compound correction is made of simple corrections only")
        for step in self.steps:
            step.validate()
        if not needs[self.kind]:
            raise InvalidInput(f"an incomplete {self.kind.value} change")
        if self.relation is not None and self.relation.source == self.relation.target:
            raise InvalidInput("a relation from a statement to itself")
        return self


@dataclass(frozen=True, slots=True)
class LogEntry:
    document_id: str
    change: Change
    author: str
    """An analyst's name, or ``importer:NAME@VERSION`` for imports."""
    at: str
    """When, ISO 8601 in UTC."""
    undoes: int | None = None
    """The seq of the entry this one undoes."""
    seq: int = 0
    """Position in the document's log, 1, 2, ...; given by the store when it appends the entry."""


def relation_id(relation: Relation) -> str:
    """The id of a relation in URLs and answers: ``SOURCE:TYPE:TARGET``."""
    return f"{relation.source}:{relation.type.value}:{relation.target}"


def parse_relation_id(value: str) -> tuple[str, RelationType, str]:
    parts = value.split(":")
    if len(parts) != 3 or parts[1] not in RelationType.__members__:
        raise InvalidInput(f"bad relation id {value!r}: expected SOURCE:TYPE:TARGET, e.g. st-1:ATTACKS:st-2")
    return parts[0], RelationType(parts[1]), parts[2]


def active_corrections(log: Iterable[LogEntry]) -> list[LogEntry]:
    """The corrections in force, in log order: not undone, and not themselves undo entries."""
    entries = list(log)
    undone = {e.undoes for e in entries if e.undoes is not None}
    return [e for e in entries if e.change.kind in CORRECTION_KINDS and e.undoes is None and e.seq not in undone]


def undoable(log: Iterable[LogEntry]) -> LogEntry | None:
    """The latest correction in force that the current map still carries, or None.

    A correction a re-import reported as no longer fitting is not on the map, so it is skipped."""
    entries = list(log)
    not_applied: set[int] = set()
    for entry in entries:
        if entry.change.kind is ChangeKind.REIMPORT and entry.change.report is not None:
            not_applied = {int(item["seq"]) for item in entry.change.report.get("no_longer_fit", ())}
    active = [e for e in active_corrections(entries) if e.seq not in not_applied]
    return active[-1] if active else None
