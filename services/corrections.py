"""Corrections by an analyst, one use case for HTTP, the CLI and the map page: change a
statement (kind, span, verdict, speaker), add or remove a relation, mark a statement as not
argumentative, undo, see the history, and re-import a document with its corrections re-applied.

Every change goes through GraphStore.apply_change: the map changes and the change is logged in
one transaction (graph.corrections). A re-import is one transaction too: GraphStore.replace_graph
writes the new parse, the corrections that still fit and the REIMPORT entry, or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from graph.corrections import (
    Change,
    ChangeKind,
    LogEntry,
    active_corrections,
    parse_relation_id,
    relation_id,
    undoable,
)
from graph.errors import InvalidInput, NotFound
from graph.model import (
    AttackMode,
    Relation,
    RelationType,
    Statement,
    StatementKind,
    Verdict,
    counterpart,
    statement_id_for,
)
from graph.store.base import FollowUp, GraphStore, ReplacedMap
from importers import SourceMeta, parse_document
from importers.base import clean_text
from services import provenance
from services.answers import (
    CorrectionPublic,
    HistoryPublic,
    NoLongerFitsPublic,
    ReimportPublic,
    RelationPublic,
    StatementPublic,
)
from services.documents import document_answer

DEFAULT_ANALYST = "analyst"
MAX_ANALYST_NAME = 200


def _analyst(name: str | None) -> str:
    name = " ".join((name or "").split()) or DEFAULT_ANALYST
    if len(name) > MAX_ANALYST_NAME:
        raise InvalidInput(f"the analyst's name is longer than {MAX_ANALYST_NAME} characters")
    return name


# --- answers ------------------------------------------------------------------------------------

def _short(statement: Statement | None) -> str:
    if statement is None:
        return "?"
    text = statement.text if len(statement.text) <= 60 else statement.text[:59] + "…"
    return f"{statement.kind.value} “{text}”"


def summary(change: Change) -> str:
    """The change in words, for the history view."""
    kind = change.kind
    if kind is ChangeKind.IMPORT or kind is ChangeKind.REIMPORT:
        report = change.report or {}
        words = f"{'imported' if kind is ChangeKind.IMPORT else 're-imported'} by {report.get('importer')}"
        if kind is ChangeKind.REIMPORT:
            words += (f": {len(report.get('reapplied', []))} correction(s) re-applied, "
                      f"{len(report.get('no_longer_fit', []))} no longer fit")
        return words
    if kind is ChangeKind.EDIT_STATEMENT and change.before and change.after:
        before, after = change.before, change.after
        parts = [f"{name} {old} → {new}" for name, old, new in (
            ("kind", before.kind.value, after.kind.value),
            ("span", f"{before.start}–{before.end}", f"{after.start}–{after.end}"),
            ("verdict", before.verdict.value if before.verdict else "none", after.verdict.value if after.verdict
             else "none"),
            ("speaker", before.speaker, after.speaker)) if old != new]
        return f"changed {_short(before)}: " + "; ".join(parts)
    if kind in (ChangeKind.ADD_RELATION, ChangeKind.REMOVE_RELATION) and change.relation:
        relation = change.relation
        mode = f" ({relation.mode.value})" if relation.mode else ""
        verb = "added" if kind is ChangeKind.ADD_RELATION else "removed"
        return f"{verb} {relation.source} {relation.type.value}{mode} {relation.target}"
    if kind is ChangeKind.REMOVE_STATEMENT:
        return f"marked {_short(change.before)} as not argumentative"
    if kind is ChangeKind.SPLIT_STATEMENT:
        pieces = [step.after for step in change.steps if step.after is not None]
        return "split into " + " and ".join(f"{_short(p)} ({p.start}–{p.end})" for p in pieces)
    if kind is ChangeKind.MERGE_STATEMENTS:
        kept = next((step.after for step in change.steps if step.kind is ChangeKind.EDIT_STATEMENT), None)
        gone = next((step.before for step in change.steps if step.kind is ChangeKind.REMOVE_STATEMENT), None)
        return f"merged {_short(gone)} into {_short(kept)}"
    if kind is ChangeKind.FROM_AIF:
        counts: dict[str, int] = {}
        for step in change.steps:
            counts[step.kind.value] = counts.get(step.kind.value, 0) + 1
        return "from an edited AIF file: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
    return f"restored {_short(change.after)}"


def correction_answer(entry: LogEntry) -> CorrectionPublic:
    change = entry.change
    return CorrectionPublic(
        document_id=entry.document_id, seq=entry.seq, kind=change.kind, author=entry.author, at=entry.at,
        undoes=entry.undoes, summary=summary(change), statement_id=change.statement_id,
        before=StatementPublic.model_validate(change.before) if change.before else None,
        after=StatementPublic.model_validate(change.after) if change.after else None,
        relation=RelationPublic(source=change.relation.source, target=change.relation.target,
                                type=change.relation.type, mode=change.relation.mode) if change.relation else None,
        report=dict(change.report) if change.report is not None else None,
    )


def history_answer(store: GraphStore, document_id: str) -> HistoryPublic:
    """The document's correction log, oldest first, and what undo would undo."""
    log = store.history(document_id)
    target = undoable(log)
    return HistoryPublic(document_id=document_id, data=[correction_answer(e) for e in log], count=len(log),
                         undo=target.seq if target else None)


# --- corrections -------------------------------------------------------------------------------

def record(store: GraphStore, document_id: str, change: Change, analyst: str | None,
            undoes: int | None = None) -> CorrectionPublic:
    entry = LogEntry(document_id, change, _analyst(analyst), provenance.now(), undoes=undoes)
    return correction_answer(store.apply_change(entry))


def edit_statement(
    store: GraphStore, statement_id: str, *, kind: StatementKind | None = None, start: int | None = None,
    end: int | None = None, verdict: Verdict | None = None, speaker: str | None = None, analyst: str | None = None,
) -> CorrectionPublic:
    """Change a statement's kind, span (an exact slice of the source, trimmed of blanks), verdict
    (assumption checks only, and always) or speaker; its id stays, so its relations stay."""
    current = store.get_statement(statement_id).statement
    document = store.get_document(current.document_id).document
    new_start = current.start if start is None else start
    new_end = current.end if end is None else end
    quote, text = current.quote, current.text
    if (new_start, new_end) != (current.start, current.end):
        source = document.source
        if new_start >= new_end:
            raise InvalidInput(f"the span {new_start}–{new_end} is empty: start must be before end")
        if not 0 <= new_start < new_end <= len(source):
            raise InvalidInput(f"the span {new_start}–{new_end} is not inside the source (0–{len(source)})")
        while new_start < new_end and source[new_start].isspace():
            new_start += 1
        while new_end > new_start and source[new_end - 1].isspace():
            new_end -= 1
        if new_start == new_end:
            raise InvalidInput("the span holds only blanks")
        quote = source[new_start:new_end]
        text = clean_text(quote)
    new_kind = kind or current.kind
    if new_kind is StatementKind.ASSUMPTION_CHECK:
        new_verdict = verdict or current.verdict
        if new_verdict is None:
            raise InvalidInput("an assumption check needs a verdict: upheld, mixed or challenged")
    elif verdict is not None:
        raise InvalidInput(f"only assumption checks have a verdict, not a {new_kind.value}")
    else:
        new_verdict = None
    new_speaker = " ".join(speaker.split()) if speaker is not None else current.speaker
    if speaker is not None and not new_speaker:  # an unnamed voice (graph.model.UNNAMED_VOICE) may stay one
        raise InvalidInput("the speaker is blank")
    reported = new_speaker not in (*document.authors, document.byline) if speaker is not None else current.reported
    after = replace(current, kind=new_kind, start=new_start, end=new_end, quote=quote, text=text,
                    verdict=new_verdict, speaker=new_speaker, reported=reported)
    if after == current:
        raise InvalidInput("nothing to change: give a different kind, span, verdict or speaker")
    return record(store, current.document_id, Change(ChangeKind.EDIT_STATEMENT, before=current, after=after), analyst)


def add_relation(store: GraphStore, source: str, target: str, relation_type: RelationType,
                 mode: AttackMode | None = None, *, analyst: str | None = None) -> CorrectionPublic:
    """Add SUPPORTS, or ATTACKS (rebut unless undercut), from ``source`` to ``target``."""
    if relation_type is RelationType.QUOTES:
        raise InvalidInput("analysts add SUPPORTS or ATTACKS relations; QUOTES are found by the importer")
    if relation_type is RelationType.SUPPORTS and mode is not None:
        raise InvalidInput("only ATTACKS has a mode (rebut or undercut)")
    if relation_type is RelationType.ATTACKS:
        mode = mode or AttackMode.REBUT
    if source == target:
        raise InvalidInput("a statement cannot support or attack itself")
    found = store.get_statements([source, target])
    for statement_id in (source, target):
        if statement_id not in found:
            raise NotFound(f"no statement with id {statement_id!r}")
    relation = Relation(source, target, relation_type, mode)
    if relation_type is RelationType.ATTACKS and mode is not None:  # another mode of a stored attack: say so
        _, stored = _stored_relations(store, source)
        same = next((r for r in stored if r.key == relation.key), None)
        if same is not None and (same.mode or AttackMode.REBUT) is not mode:
            raise InvalidInput(f"the relation {relation_id(relation)} is already on the map as "
                               f"{(same.mode or AttackMode.REBUT).value}: remove it first to make it {mode.value}")
    return record(store, found[source].document_id, Change(ChangeKind.ADD_RELATION, relation=relation), analyst)


def _stored_relations(store: GraphStore, statement_id: str) -> tuple[Statement, list[Relation]]:
    view = store.get_statement(statement_id)
    relations = []
    for neighbour in view.neighbours:
        mode = AttackMode(neighbour.mode) if neighbour.mode else None
        other = neighbour.statement.id
        pair = (statement_id, other) if neighbour.direction == "out" else (other, statement_id)
        relations.append(Relation(pair[0], pair[1], neighbour.relation, mode))
    return view.statement, relations


def remove_relation(store: GraphStore, relation: str, *, analyst: str | None = None) -> CorrectionPublic:
    """Remove the relation ``SOURCE:TYPE:TARGET``."""
    source, relation_type, target = parse_relation_id(relation)
    statement, relations = _stored_relations(store, source)
    stored = next((r for r in relations if r.source == source and r.target == target and r.type is relation_type),
                  None)
    if stored is None:
        raise NotFound(f"no relation {relation!r}")
    return record(store, statement.document_id, Change(ChangeKind.REMOVE_RELATION, relation=stored), analyst)


def mark_not_argumentative(store: GraphStore, statement_id: str, *, analyst: str | None = None) -> CorrectionPublic:
    """Take the statement (and its relations) off the map; undo brings both back."""
    statement, relations = _stored_relations(store, statement_id)
    change = Change(ChangeKind.REMOVE_STATEMENT, before=statement, relations=tuple(relations))
    return record(store, statement.document_id, change, analyst)


def _slice(source: str, start: int, end: int) -> tuple[int, int, str]:
    """``source[start:end]`` trimmed of blanks at both ends: (start, end, quote); InvalidInput if blank."""
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    if start == end:
        raise InvalidInput("the span holds only blanks")
    return start, end, source[start:end]


def split_statement(store: GraphStore, statement_id: str, at: int, *,
                    analyst: str | None = None) -> CorrectionPublic:
    """Split a statement at source offset ``at``: the first part keeps the id, kind and
    relations; the second part is a new statement of the same kind (undo merges them back)."""
    current = store.get_statement(statement_id).statement
    if not current.start < at < current.end:
        raise InvalidInput(f"split at {at}: the offset must be inside the statement ({current.start}–{current.end})")
    source = store.get_document(current.document_id).document.source
    start, end, quote = _slice(source, current.start, at)
    second_start, second_end, second_quote = _slice(source, at, current.end)
    first = replace(current, start=start, end=end, quote=quote, text=clean_text(quote))
    second_id = statement_id_for(current.document_id, current.kind, second_start, second_end)
    if store.get_statements([second_id]):
        raise InvalidInput(f"a {current.kind.value} over {second_start}–{second_end} is already on the map")
    second = replace(current, id=second_id, start=second_start, end=second_end, quote=second_quote,
                     text=clean_text(second_quote))
    change = Change(ChangeKind.SPLIT_STATEMENT, steps=(
        Change(ChangeKind.EDIT_STATEMENT, before=current, after=first),
        Change(ChangeKind.RESTORE_STATEMENT, after=second)))
    return record(store, current.document_id, change, analyst)


def merge_statements(store: GraphStore, statement_id: str, other_id: str, *,
                     analyst: str | None = None) -> CorrectionPublic:
    """Merge ``other_id`` into ``statement_id``: one statement over both spans (and what lies
    between), keeping the first's id and kind and taking over the other's relations."""
    if statement_id == other_id:
        raise InvalidInput("a statement cannot be merged with itself")
    kept, kept_relations = _stored_relations(store, statement_id)
    gone, gone_relations = _stored_relations(store, other_id)
    if kept.document_id != gone.document_id:
        raise InvalidInput("only statements of the same document can be merged")
    source = store.get_document(kept.document_id).document.source
    start, end, quote = _slice(source, min(kept.start, gone.start), max(kept.end, gone.end))
    merged = replace(kept, start=start, end=end, quote=quote, text=clean_text(quote))
    have = {r.key for r in kept_relations}
    moved = []
    for relation in gone_relations:
        source_id = statement_id if relation.source == other_id else relation.source
        target_id = statement_id if relation.target == other_id else relation.target
        candidate = replace(relation, source=source_id, target=target_id)
        if source_id != target_id and candidate.key not in have:
            have.add(candidate.key)
            moved.append(candidate)
    steps = (Change(ChangeKind.REMOVE_STATEMENT, before=gone, relations=tuple(gone_relations)),
             Change(ChangeKind.EDIT_STATEMENT, before=kept, after=merged),
             *(Change(ChangeKind.ADD_RELATION, relation=r) for r in moved))
    return record(store, kept.document_id, Change(ChangeKind.MERGE_STATEMENTS, steps=steps), analyst)


def undo(store: GraphStore, document_id: str, *, analyst: str | None = None) -> CorrectionPublic:
    """Undo the latest correction still in force (the log keeps both entries)."""
    target = undoable(store.history(document_id))
    if target is None:
        raise InvalidInput(f"nothing to undo in document {document_id!r}")
    return record(store, document_id, target.change.inverse(), analyst, undoes=target.seq)


# --- re-import ---------------------------------------------------------------------------------

class _NoFit(Exception):
    """A logged correction that the new parse gives no place to."""


class _Replay:
    """The new parse as corrections are re-applied to it, to decide whether each still fits: it
    starts from the map as replace_graph wrote it (ReplacedMap, in the same transaction) and follows
    every change decided, so it is what the store holds when the next change is applied."""

    def __init__(self, new_map: ReplacedMap) -> None:
        self.document_id = new_map.document_id
        self.statements = {s.id: s for s in new_map.statements}
        self.relations = {r.key: r for r in new_map.relations}
        self.stored = new_map.get_statements

    def find(self, statement: Statement | None) -> Statement | None:
        """The statement itself (same id), else the one over the same span."""
        if statement is None:
            return None
        return counterpart(statement.id, statement.start, statement.end, self.statements.values())

    def end(self, statement_id: str) -> str:
        """A relation's end: a statement of the new parse, or one of another stored document (a
        cross-document relation: the re-import leaves that document as it is)."""
        if statement_id in self.statements:
            return statement_id
        elsewhere = self.stored([statement_id]).get(statement_id)
        if elsewhere is not None and elsewhere.document_id != self.document_id:
            return statement_id
        raise _NoFit(f"statement {statement_id} is not in the new parse")

    def copy(self) -> _Replay:
        twin = _Replay(ReplacedMap(self.document_id, (), (), self.stored))
        twin.statements, twin.relations = dict(self.statements), dict(self.relations)
        return twin

    def fit(self, change: Change) -> Change | None:
        """The change to apply now, None when the parse already agrees, or _NoFit."""
        kind = change.kind
        if change.steps:
            # All steps fit (each against the map as the earlier ones leave it), or none is applied.
            trial = self.copy()
            fitted = []
            for step in change.steps:
                done = trial.fit(step)
                if done is not None:
                    fitted.append(done)
                    trial.applied(done)
            return Change(kind, steps=tuple(fitted)) if fitted else None
        if kind is ChangeKind.EDIT_STATEMENT:
            target = self.find(change.before)
            if target is None:
                assert change.before is not None
                raise _NoFit(f"{_short(change.before)} at {change.before.start}–{change.before.end} "
                             "is not in the new parse")
            assert change.after is not None
            after = replace(change.after, id=target.id, section=target.section)
            return None if after == target else Change(kind, before=target, after=after)
        if kind in (ChangeKind.ADD_RELATION, ChangeKind.REMOVE_RELATION):
            assert change.relation is not None
            relation = change.relation
            if kind is ChangeKind.REMOVE_RELATION:
                try:
                    source, target_id = self.end(relation.source), self.end(relation.target)
                except _NoFit:
                    return None  # an end is gone, so is the relation
            else:
                source, target_id = self.end(relation.source), self.end(relation.target)
            moved = replace(relation, source=source, target=target_id)
            present = moved.key in self.relations
            if (kind is ChangeKind.ADD_RELATION) == present:
                return None
            return Change(kind, relation=moved)
        if kind is ChangeKind.REMOVE_STATEMENT:
            found = self.find(change.before)
            if found is None:
                return None
            relations = tuple(r for r in self.relations.values() if found.id in (r.source, r.target))
            return Change(kind, before=found, relations=relations)
        assert change.after is not None  # a restore: the new part of a split
        if self.find(change.after) is not None:
            return None
        # The store refuses a statement already stored: one of another document with that id cannot
        # be restored (this document's old statements are gone by the time the restore is applied).
        elsewhere = self.stored([change.after.id]).get(change.after.id)
        if elsewhere is not None and elsewhere.document_id != self.document_id:
            raise _NoFit(f"statement {change.after.id} is on the map of document {elsewhere.document_id}")
        known = {*self.statements, change.after.id}
        return replace(change, relations=tuple(r for r in change.relations
                                               if r.source in known and r.target in known))

    def applied(self, change: Change) -> None:
        for step in change.steps:
            self.applied(step)
        if change.kind is ChangeKind.RESTORE_STATEMENT and change.after:
            self.statements[change.after.id] = change.after
            # The store restores a relation when both its ends are stored and it is not there yet.
            self.relations |= {r.key: r for r in change.relations if r.key not in self.relations
                               and {r.source, r.target} <= self.statements.keys()}
        if change.kind is ChangeKind.EDIT_STATEMENT and change.after:
            self.statements[change.after.id] = change.after
        elif change.kind is ChangeKind.ADD_RELATION and change.relation:
            self.relations[change.relation.key] = change.relation
        elif change.kind is ChangeKind.REMOVE_RELATION and change.relation:
            self.relations.pop(change.relation.key, None)
        elif change.kind is ChangeKind.REMOVE_STATEMENT and change.before:
            removed = change.before.id
            self.statements.pop(removed, None)
            self.relations = {k: r for k, r in self.relations.items() if removed not in (r.source, r.target)}


def _replay_corrections(importer: str, new_map: ReplacedMap) -> FollowUp:
    """Every correction in force that still fits the new map, and the REIMPORT entry reporting
    them: written by replace_graph in its transaction, so all of it lands or none of it. Reads
    only (replace_graph may call it again when the store retries)."""
    replay = _Replay(new_map)
    changes: list[Change] = []
    reapplied: list[int] = []
    satisfied: list[int] = []
    no_fit: list[dict[str, Any]] = []
    for entry in active_corrections(new_map.log):
        try:
            change = replay.fit(entry.change)
        except (_NoFit, NotFound, InvalidInput) as reason:
            no_fit.append({"seq": entry.seq, "reason": str(reason)})
            continue
        if change is None:
            satisfied.append(entry.seq)
            continue
        changes.append(change)
        replay.applied(change)
        reapplied.append(entry.seq)
    report: Mapping[str, Any] = {"importer": importer, "version": provenance.importer_version(),
                                 "reapplied": reapplied, "already_satisfied": satisfied, "no_longer_fit": no_fit}
    return FollowUp(tuple(changes), LogEntry(new_map.document_id, Change(ChangeKind.REIMPORT, report=report),
                                             provenance.importer_author(importer), provenance.now()))


def reimport(store: GraphStore, document_id: str, *, importer: str | None = None) -> ReimportPublic:
    """Parse the stored source again (with ``importer``, or the one that made the map), replace
    the map with the new parse and re-apply every correction in force that still fits; the
    report (also appended to the log) says which did not. All of it is one transaction: when the
    store fails part-way, the map, its log and the totals stay as they were."""
    stored = store.get_document(document_id).document
    meta = SourceMeta(title=stored.title, authors=stored.authors, publisher=stored.publisher,
                      published=stored.published, url=stored.url)
    graph = parse_document(stored.source, source=meta, importer=importer or stored.importer)
    if graph.document.id != document_id:
        raise InvalidInput(f"document {document_id!r} was stored before texts were put in canonical form; "
                           "delete it and import it again")
    graph = replace(graph, document=replace(graph.document, title=stored.title))
    # One transaction: the new parse, its quotations linked both ways (graph.quotes), the relations
    # other documents' statements had to this one's moved onto the new parse, the corrections
    # re-applied (decided against that map and the log as the transaction sees them) and the
    # REIMPORT entry.
    result = store.replace_graph(graph, link_quotes=True,
                                 then=partial(_replay_corrections, graph.document.importer))
    entry = result.logged
    assert entry is not None and entry.change.report is not None  # _replay_corrections always logs
    report = entry.change.report
    return ReimportPublic(document=document_answer(result.summary),
                          reapplied=list(report["reapplied"]), already_satisfied=list(report["already_satisfied"]),
                          no_longer_fit=[NoLongerFitsPublic(seq=int(item["seq"]), reason=str(item["reason"]))
                                         for item in report["no_longer_fit"]],
                          entry=correction_answer(entry))
