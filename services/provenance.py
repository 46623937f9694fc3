"""Who made each part of a map: the importer (with its version) or an analyst (with when).

The importer version is a digest of the importer package's files (code and model weights),
so any change to what the importers produce gives a new version without anyone bumping it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import importers
from graph.corrections import Change, ChangeKind, LogEntry, active_corrections, relation_id
from graph.store.base import GraphStore
from services.answers import OriginPublic

IMPORTER_FILES = ("*.py", "*.json", "*.npz")


@lru_cache(maxsize=1)
def importer_version() -> str:
    """12 hex digits of the SHA-256 of every importer file (sorted by path)."""
    root = Path(importers.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for pattern in IMPORTER_FILES for p in root.rglob(pattern)):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def importer_author(importer: str) -> str:
    return f"importer:{importer}@{importer_version()}"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def log_import(store: GraphStore, document_id: str, importer: str) -> LogEntry:
    """The first entry of a document's log: which importer (and version) drafted the map."""
    change = Change(ChangeKind.IMPORT, report={"importer": importer, "version": importer_version()})
    return store.apply_change(LogEntry(document_id, change, importer_author(importer), now()))


@dataclass(frozen=True, slots=True)
class Origins:
    statements: dict[str, OriginPublic]
    relations: dict[str, OriginPublic]
    default: OriginPublic


def origins(store: GraphStore, document_id: str, importer: str) -> Origins:
    """Who made each statement and relation of the stored map: the last correction in force that
    touched it, else the importer of the last (re-)import."""
    log = store.history(document_id)
    default = OriginPublic(by="importer", name=f"importer:{importer}", at=None, seq=None)
    for entry in log:
        if entry.change.kind in (ChangeKind.IMPORT, ChangeKind.REIMPORT):
            default = OriginPublic(by="importer", name=entry.author, at=entry.at, seq=entry.seq)
    statements: dict[str, OriginPublic] = {}
    relations: dict[str, OriginPublic] = {}
    for entry in active_corrections(log):
        origin = OriginPublic(by="analyst", name=entry.author, at=entry.at, seq=entry.seq)
        for change in (entry.change, *entry.change.steps):
            if change.kind in (ChangeKind.EDIT_STATEMENT, ChangeKind.RESTORE_STATEMENT) and change.after:
                statements[change.after.id] = origin
            elif change.kind is ChangeKind.ADD_RELATION and change.relation:
                relations[relation_id(change.relation)] = origin
    return Origins(statements, relations, default)
