"""The naive Neo4j import the batched ``Neo4jStore.save`` is measured against.

Same data, same graph shape (labels, PART_OF, SAID_BY, actors, topics, MENTIONS, ABOUT,
SUPPORTS/ATTACKS/QUOTES), same one write transaction per document, but one Cypher query
per statement, relation, mention and tag instead of one UNWIND per kind.
"""

from __future__ import annotations

from typing import Any, LiteralString

import neo4j

from graph.model import DocumentGraph, StatementKind
from graph.store import cypher, records
from graph.store.shares import author_keys


def _create_statement(kind: StatementKind) -> LiteralString:
    label: LiteralString = kind.label
    return ("MATCH (d:Document {id: $row.document_id}) "
            "CREATE (s:Statement:" + label + ") SET s = $row "
            "CREATE (s)-[:PART_OF]->(d)")


_CREATE_STATEMENT = {kind: _create_statement(kind) for kind in StatementKind}
_SPEAKER: LiteralString = ("MATCH (s:Statement {id: $id}) MERGE (p:Person {name: $speaker}) "
                           "MERGE (s)-[:SAID_BY]->(p)")
_ACTOR: LiteralString = ("MERGE (a:Actor {id: $row.id}) "
                         "ON CREATE SET a.name = $row.name, a.kind = $row.kind, a.aliases = $row.aliases "
                         "ON MATCH SET a.aliases = a.aliases + [x IN $row.aliases WHERE NOT x IN a.aliases]")
_TOPIC: LiteralString = "MERGE (t:Topic {id: $id}) ON CREATE SET t.name = $name"
_MENTION: LiteralString = ("MATCH (s:Statement {id: $statement_id}) MATCH (a:Actor {id: $actor_id}) "
                           "MERGE (s)-[:MENTIONS]->(a)")
_TAG: LiteralString = ("MATCH (s:Statement {id: $statement_id}) MATCH (t:Topic {id: $topic_id}) "
                       "MERGE (s)-[r:ABOUT]->(t) SET r.stance = $stance")


def _relation(rel_type: str) -> LiteralString:
    return ("MATCH (a:Statement {id: $source}) MATCH (b:Statement {id: $target}) "
            "MERGE (a)-[r:" + rel_type + "]->(b) SET r.mode = $mode")


_RELATION = {t: _relation(t) for t in ("SUPPORTS", "ATTACKS", "QUOTES")}


def save_naive(driver: neo4j.Driver, database: str, graph: DocumentGraph) -> int:
    """Store one document with one query per item; returns the number of queries sent."""

    def work(tx: neo4j.ManagedTransaction) -> int:
        queries = 2
        document = records.document_record(graph.document)
        tx.run(cypher.CLAIM_DOCUMENT, id=graph.document.id).consume()
        tx.run(cypher.CREATE_DOCUMENT, document=document, authors=document["authors"],
               author_keys=sorted(author_keys(graph.document.authors))).consume()
        for st in graph.statements:
            tx.run(_CREATE_STATEMENT[st.kind], row=records.statement_record(st)).consume()
            queries += 1
        for st in graph.statements:
            if st.reported:
                tx.run(_SPEAKER, id=st.id, speaker=st.speaker).consume()
                queries += 1
        for actor in graph.actors:
            tx.run(_ACTOR, row=records.actor_record(actor)).consume()
            queries += 1
        for topic in graph.topics:
            tx.run(_TOPIC, id=topic.id, name=topic.name).consume()
            queries += 1
        for rel in graph.relations:
            row: dict[str, Any] = records.relation_record(rel)
            tx.run(_RELATION[rel.type.value], **row).consume()
            queries += 1
        for mention in graph.mentions:
            tx.run(_MENTION, statement_id=mention.statement_id, actor_id=mention.actor_id).consume()
            queries += 1
        for tag in graph.topic_tags:
            tx.run(_TAG, statement_id=tag.statement_id, topic_id=tag.topic_id, stance=tag.stance).consume()
            queries += 1
        return queries

    with driver.session(database=database) as session:
        return session.execute_write(work)
