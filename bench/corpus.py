"""A synthetic corpus at any size, built from the seeds.

The seeds are parsed once (``importers.parse_document``); every further document is a
copy of one of them with its own source text, so its own document id and statement ids:

* a header line naming the copy is put in front of the source (offsets shift by its length),
* a few place names are swapped for others of the same length, chosen per copy, so the
  text differs from copy to copy while every ``source[start:end] == quote`` stays exact,
* the byline is one of a small pool of authors (so author search and compare have
  several documents per author),
* a few random ATTACKS point from the copy's statements at statements of documents
  generated (and saved) before it: cross-document links, which ``DocumentGraph.validate``
  accepts because their targets are already stored.

Documents must be saved in the order given, so every cross-document target exists.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.model import (
    AttackMode,
    Document,
    DocumentGraph,
    Mention,
    Relation,
    RelationType,
    Statement,
    TopicTag,
    document_id_for,
    sha256_hex,
    statement_id_for,
    unique,
)
from importers import parse_document
from importers.actors import world_states
from services.importing import seed_documents
from services.settings import PROJECT_ROOT

PUBLISHER = "argmap bench corpus"
"""Every generated document carries this publisher (the bench refuses to clear a Neo4j holding anything else)."""


@lru_cache(maxsize=1)
def _swaps() -> tuple[dict[str, tuple[str, ...]], re.Pattern[str]]:
    """Every one-word state name (pycountry, via importers.actors) with the one-word state names of the
    same length, so spans do not move; and the pattern finding them."""
    names = sorted({name for name, _ in world_states() if name.isalpha()})
    by_length: dict[int, list[str]] = {}
    for name in names:
        by_length.setdefault(len(name), []).append(name)
    return ({name: tuple(by_length[len(name)]) for name in names},
            re.compile(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b"))
_AUTHORS = ("Ada Mensah", "Bruno Keita", "Claire Diallo", "Dawit Bekele", "Elena Sow", "Farid Toure",
            "Grace Ouedraogo", "Hugo Traore")


@dataclass(frozen=True)
class Corpus:
    documents: tuple[DocumentGraph, ...]
    statements: int
    relations: int
    cross_attacks: int
    source_bytes: int

    def prefix(self, statements: int) -> Corpus:
        """The first documents holding at least ``statements`` statements (all of them if fewer)."""
        taken: list[DocumentGraph] = []
        count = 0
        for graph in self.documents:
            if count >= statements:
                break
            taken.append(graph)
            count += len(graph.statements)
        return _corpus(taken)


def _corpus(documents: list[DocumentGraph]) -> Corpus:
    cross = 0
    for graph in documents:
        own = {s.id for s in graph.statements}
        cross += sum(1 for r in graph.relations if r.target not in own)
    return Corpus(
        documents=tuple(documents),
        statements=sum(len(g.statements) for g in documents),
        relations=sum(len(g.relations) for g in documents),
        cross_attacks=cross,
        source_bytes=sum(len(g.document.source.encode("utf-8")) for g in documents),
    )


@lru_cache(maxsize=1)
def seed_graphs() -> tuple[DocumentGraph, ...]:
    """The seeds, parsed once with their manifest metadata."""
    graphs = []
    for path, meta in seed_documents(PROJECT_ROOT / "seeds"):
        graphs.append(parse_document(path.read_text(encoding="utf-8"), source=meta))
    return tuple(graphs)


def seed_texts() -> list[tuple[str, str]]:
    """(file name, text) of every seed."""
    return [(path.name, path.read_text(encoding="utf-8")) for path, _ in seed_documents(PROJECT_ROOT / "seeds")]


def variant(graph: DocumentGraph, copy: int, rng: random.Random) -> DocumentGraph:
    """Copy ``copy`` of a parsed document: new source, ids and byline, same structure."""
    options, pattern = _swaps()
    choice: dict[str, str] = {}  # one replacement per name and copy, drawn when the name first occurs

    def pick(match: re.Match[str]) -> str:
        word = match.group(1)
        if word not in choice:
            choice[word] = options[word][rng.randrange(len(options[word]))]
        return choice[word]

    def swap(text: str) -> str:
        return pattern.sub(pick, text)

    header = f"[argmap bench corpus, copy {copy:07d}]\n\n"
    shift = len(header)
    source = header + swap(graph.document.source)
    doc_id = document_id_for(source)
    authors = (_AUTHORS[copy % len(_AUTHORS)],) if copy >= 2 else graph.document.authors
    document = Document(
        id=doc_id, title=f"{graph.document.title} (copy {copy})", authors=authors, publisher=PUBLISHER,
        published=graph.document.published, importer=graph.document.importer, sha256=sha256_hex(source),
        source=source, url=None,
    )
    ids: dict[str, str] = {}
    statements: list[Statement] = []
    for st in graph.statements:
        start, end = st.start + shift, st.end + shift
        new_id = statement_id_for(doc_id, st.kind, start, end)
        ids[st.id] = new_id
        speaker = st.speaker if st.reported else document.byline
        statements.append(replace(st, id=new_id, document_id=doc_id, text=swap(st.text), quote=source[start:end],
                                  start=start, end=end, speaker=speaker))
    relations = tuple(replace(r, source=ids[r.source], target=ids[r.target]) for r in graph.relations
                      if r.source in ids and r.target in ids)
    return DocumentGraph(
        document=document,
        statements=tuple(statements),
        relations=relations,
        actors=graph.actors,
        topics=graph.topics,
        mentions=tuple(Mention(ids[m.statement_id], m.actor_id) for m in graph.mentions),
        topic_tags=tuple(TopicTag(ids[t.statement_id], t.topic_id, t.stance) for t in graph.topic_tags),
        persons=tuple(dict.fromkeys([*authors, *(s.speaker for s in statements if s.reported)])),
    )


def generate(statements: int, *, seed: int = 42, attack_rate: float = 0.02) -> Corpus:
    """Documents, in save order, until there are at least ``statements`` statements.

    About ``attack_rate`` of each copy's statements attack a random statement of an
    earlier document (at least one attack per copy after the first)."""
    rng = random.Random(seed)
    seeds = seed_graphs()
    documents: list[DocumentGraph] = []
    earlier: list[str] = []  # statement ids of the documents generated so far
    count = 0
    copy = 0
    while count < statements:
        graph = variant(seeds[copy % len(seeds)], copy, rng)
        if earlier:
            attacks = [Relation(rng.choice(graph.statements).id, rng.choice(earlier), RelationType.ATTACKS,
                                AttackMode.REBUT)
                       for _ in range(max(1, round(len(graph.statements) * attack_rate)))]
            graph = replace(graph, relations=unique([*graph.relations, *attacks]))
        documents.append(graph.validate())
        earlier.extend(s.id for s in graph.statements)
        count += len(graph.statements)
        copy += 1
    return _corpus(documents)
