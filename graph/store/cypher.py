"""Every Cypher text argmap has, in one place: what the Neo4j store sends, the bodies of
the Cypher export script (formats.cypher_script) and the Neo4j Browser guide's queries.

Values the store sends always travel as parameters, and so do statement labels (dynamic
labels, Neo4j 5.26+). The only strings spliced into queries are relationship types and
labels taken from argmap's own enums, where a pattern needs a fixed one.
"""

from __future__ import annotations

from typing import LiteralString

from graph.model import RelationType, StatementKind

SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE",
    "CREATE CONSTRAINT person_name IF NOT EXISTS FOR (p:Person) REQUIRE p.name IS UNIQUE",
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (t:Topic) REQUIRE t.id IS UNIQUE",
    "CREATE INDEX statement_document IF NOT EXISTS FOR (s:Statement) ON (s.document_id)",
    "CREATE INDEX statement_kind IF NOT EXISTS FOR (s:Statement) ON (s.kind)",
    "CREATE FULLTEXT INDEX statement_text IF NOT EXISTS FOR (s:Statement) ON EACH [s.text]",
    # s.search is the lower-case text: a TEXT index (trigrams) answers CONTAINS from the index, so
    # search and quotation lookup read only the statements holding the substring.
    "CREATE TEXT INDEX statement_search IF NOT EXISTS FOR (s:Statement) ON (s.search)",
    "CREATE INDEX pending_quote_window IF NOT EXISTS FOR (q:PendingQuote) ON (q.window)",
    "CREATE INDEX pending_quote_document IF NOT EXISTS FOR (q:PendingQuote) ON (q.document_id)",
    "CREATE CONSTRAINT author_key IF NOT EXISTS FOR (k:AuthorKey) REQUIRE k.key IS UNIQUE",
    "CREATE CONSTRAINT correction_key IF NOT EXISTS FOR (c:Correction) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX correction_document IF NOT EXISTS FOR (c:Correction) ON (c.document_id)",
    # Unique, so concurrent first imports MERGE one counter: without it each could create its own,
    # and with two counters every later import would create its Document twice and fail.
    "CREATE CONSTRAINT counter_name IF NOT EXISTS FOR (c:ArgmapCounter) REQUIRE c.name IS UNIQUE",
)

# Run before SCHEMA: copies of a counter that such a race left in a database made before the
# counter_name constraint are folded into one (keeping the highest value), so it can be created.
FOLD_COUNTER_COPIES: LiteralString = """
MATCH (c:ArgmapCounter)
WITH c.name AS name, max(c.value) AS value, collect(c) AS counters WHERE size(counters) > 1
FOREACH (extra IN counters[1..] | DELETE extra)
WITH counters[0] AS kept, value
SET kept.value = value
"""

PING: LiteralString = "RETURN 1 AS ok"

DOCUMENT_EXISTS: LiteralString = "MATCH (d:Document {id: $id}) RETURN count(d) > 0 AS exists"

# The first query of a save. MERGE on the uniquely constrained id takes the id's index lock, so
# concurrent imports of one document queue here: the first creates the node (no seq yet), the
# others wait for its commit and then find the stored document. Nobody hits the constraint.
CLAIM_DOCUMENT: LiteralString = """
MERGE (d:Document {id: $id})
RETURN d.seq IS NULL AS created
"""

# Fills the node CLAIM_DOCUMENT created in the same transaction.
CREATE_DOCUMENT: LiteralString = """
MATCH (d:Document {id: $document.id})
MERGE (c:ArgmapCounter {name: 'documents'})
SET c.value = coalesce(c.value, 0) + 1
SET d = $document, d.seq = c.value, d.imported_at = datetime()
WITH d
CALL (d) {
  UNWIND $author_keys AS key
  MERGE (k:AuthorKey {key: key})
  MERGE (k)-[:NAMES]->(d)
}
WITH d
UNWIND $authors AS name
MERGE (p:Person {name: name})
MERGE (p)-[:AUTHORED]->(d)
"""


# Each kind gets its own label as well as :Statement, for natural Browser queries. The label
# (StatementKind.label) travels as a parameter (a dynamic label, Neo4j 5.26+), so every
# kind is created in one round trip instead of one query per kind.
CREATE_STATEMENTS: LiteralString = """
UNWIND $rows AS row
MATCH (d:Document {id: row.properties.document_id})
CREATE (s:Statement:$(row.label)) SET s = row.properties
CREATE (s)-[:PART_OF]->(d)
"""

# Row bodies shared by the store (which sends the rows as $rows) and the Cypher export
# (formats.cypher_script, which writes them as literal lists), so both write one schema.
ROWS: LiteralString = "UNWIND $rows AS row "
SPEAKER_ROW: LiteralString = (
    "MATCH (s:Statement {id: row.id}) MERGE (p:Person {name: row.speaker}) MERGE (s)-[:SAID_BY]->(p)")
ACTOR_ROW: LiteralString = (
    "MERGE (a:Actor {id: row.id}) "
    "ON CREATE SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases "
    "ON MATCH SET a.aliases = a.aliases + [alias IN row.aliases WHERE NOT alias IN a.aliases]")
TOPIC_ROW: LiteralString = "MERGE (t:Topic {id: row.id}) ON CREATE SET t.name = row.name"
MENTION_ROW: LiteralString = (
    "MATCH (s:Statement {id: row.statement_id}) MATCH (a:Actor {id: row.actor_id}) MERGE (s)-[:MENTIONS]->(a)")
TOPIC_TAG_ROW: LiteralString = (
    "MATCH (s:Statement {id: row.statement_id}) MATCH (t:Topic {id: row.topic_id}) "
    "MERGE (s)-[r:ABOUT]->(t) SET r.stance = row.stance")

LINK_SPEAKERS: LiteralString = ROWS + SPEAKER_ROW


def _link_relations(relation: RelationType) -> LiteralString:
    rel_type: LiteralString = relation.value
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Statement {id: row.source}) "
        "MATCH (b:Statement {id: row.target}) "
        "WHERE NOT EXISTS { (a)-[:" + rel_type + "]->(b) } "
        "CREATE (a)-[r:" + rel_type + "]->(b) SET r.mode = row.mode "
        "RETURN count(r) AS added"
    )


# Relations between stored statements, each once: used by save (inside a new document)
# and by link (cross-document links added later).
LINK_RELATIONS: dict[RelationType, LiteralString] = {rel: _link_relations(rel) for rel in RelationType}


MERGE_ACTORS: LiteralString = ROWS + ACTOR_ROW

MERGE_TOPICS: LiteralString = ROWS + TOPIC_ROW

CREATE_MENTIONS: LiteralString = ROWS + MENTION_ROW

CREATE_TOPIC_TAGS: LiteralString = ROWS + TOPIC_TAG_ROW

_SUMMARY: LiteralString = """
RETURN d {.*} AS document,
       COUNT { (:Statement {document_id: d.id}) } AS statement_count,
       COUNT { MATCH (s:Statement {document_id: d.id})-[:SUPPORTS|ATTACKS|QUOTES]->(:Statement) } AS relation_count
"""

LIST_DOCUMENTS: LiteralString = """
MATCH (d:Document)
WITH d ORDER BY d.seq SKIP $offset LIMIT $limit
""" + _SUMMARY

COUNT_DOCUMENTS: LiteralString = "MATCH (d:Document) RETURN count(d) AS total"

GET_DOCUMENT: LiteralString = "MATCH (d:Document {id: $id})\n" + _SUMMARY

GET_ACTOR: LiteralString = """
MATCH (a:Actor {id: $id}) WHERE EXISTS { (:Statement)-[:MENTIONS]->(a) }
RETURN a {.id, .name, .kind, .aliases} AS actor
"""

GRAPH_STATEMENTS: LiteralString = """
MATCH (s:Statement {document_id: $id})
RETURN s {.*} AS statement ORDER BY s.start, s.end, s.kind
"""

GRAPH_RELATIONS: LiteralString = """
MATCH (a:Statement {document_id: $id})-[r:SUPPORTS|ATTACKS|QUOTES]->(b:Statement)
RETURN a.id AS source, b.id AS target, type(r) AS type, r.mode AS mode
ORDER BY source, target, type
"""

GRAPH_MENTIONS: LiteralString = """
MATCH (s:Statement {document_id: $id})-[:MENTIONS]->(a:Actor)
RETURN s.id AS statement_id, a {.*} AS actor
ORDER BY statement_id, a.id
"""

GRAPH_TOPIC_TAGS: LiteralString = """
MATCH (s:Statement {document_id: $id})-[r:ABOUT]->(t:Topic)
RETURN s.id AS statement_id, t.id AS topic_id, t.name AS name, r.stance AS stance
ORDER BY statement_id, topic_id
"""

DELETE_PENDING_QUOTES_OF_DOCUMENT: LiteralString = "MATCH (q:PendingQuote {document_id: $id}) DELETE q"

# The overviews' aggregates (/topics, /actors): each document's share on a relationship to the
# topic or actor, the totals on the node, added at save and taken away at delete.
ADD_TOPIC_SHARES: LiteralString = """
UNWIND $rows AS row
MATCH (d:Document {id: $id}) MATCH (t:Topic {id: row.topic_id})
CREATE (d)-[:USES_TOPIC {seq: d.seq, pro: row.pro, con: row.con, neutral: row.neutral}]->(t)
SET t.documents = coalesce(t.documents, 0) + 1, t.pro = coalesce(t.pro, 0) + row.pro,
    t.con = coalesce(t.con, 0) + row.con, t.neutral = coalesce(t.neutral, 0) + row.neutral
"""

ADD_ACTOR_SHARES: LiteralString = """
UNWIND $rows AS row
MATCH (d:Document {id: $id}) MATCH (a:Actor {id: row.actor_id})
CREATE (d)-[:MENTIONS_ACTOR {seq: d.seq, statements: row.statements}]->(a)
SET a.documents = coalesce(a.documents, 0) + 1, a.statements = coalesce(a.statements, 0) + row.statements
"""

REMOVE_SHARES: LiteralString = """
MATCH (d:Document {id: $id})
CALL (d) {
  MATCH (d)-[u:USES_TOPIC]->(t:Topic)
  SET t.documents = t.documents - 1, t.pro = t.pro - u.pro, t.con = t.con - u.con, t.neutral = t.neutral - u.neutral
  DELETE u
}
CALL (d) {
  MATCH (d)-[u:MENTIONS_ACTOR]->(a:Actor)
  SET a.documents = a.documents - 1, a.statements = a.statements - u.statements
  DELETE u
}
"""

# A document's shares counted again from its statements (after corrections changed them).
RECOUNT_SHARES: LiteralString = """
MATCH (d:Document {id: $id})
CALL (d) {
  MATCH (s:Statement {document_id: d.id})-[r:ABOUT]->(t:Topic)
  WITH d, t, sum(CASE WHEN r.stance > 0 THEN 1 ELSE 0 END) AS pro,
       sum(CASE WHEN r.stance < 0 THEN 1 ELSE 0 END) AS con, sum(CASE WHEN r.stance = 0 THEN 1 ELSE 0 END) AS neutral
  CREATE (d)-[:USES_TOPIC {seq: d.seq, pro: pro, con: con, neutral: neutral}]->(t)
  SET t.documents = coalesce(t.documents, 0) + 1, t.pro = coalesce(t.pro, 0) + pro,
      t.con = coalesce(t.con, 0) + con, t.neutral = coalesce(t.neutral, 0) + neutral
}
CALL (d) {
  MATCH (s:Statement {document_id: d.id})-[:MENTIONS]->(a:Actor)
  WITH d, a, count(s) AS n
  CREATE (d)-[:MENTIONS_ACTOR {seq: d.seq, statements: n}]->(a)
  SET a.documents = coalesce(a.documents, 0) + 1, a.statements = coalesce(a.statements, 0) + n
}
"""

TOPIC_SUMMARIES: LiteralString = """
MATCH (t:Topic) WHERE t.documents > 0
WITH t ORDER BY t.id SKIP $offset LIMIT $limit
CALL (t) {
  MATCH (d:Document)-[u:USES_TOPIC]->(t)
  WITH d, u ORDER BY u.seq LIMIT $documents
  RETURN collect({document_id: d.id, authors: d.authors, pro: u.pro, con: u.con, neutral: u.neutral}) AS uses
}
RETURN t.id AS id, t.name AS name, t.documents AS documents, t.pro AS pro, t.con AS con, t.neutral AS neutral, uses
ORDER BY id
"""

COUNT_TOPICS: LiteralString = "MATCH (t:Topic) WHERE t.documents > 0 RETURN count(t) AS total"

ACTOR_SUMMARIES: LiteralString = """
MATCH (a:Actor) WHERE a.documents > 0
WITH a ORDER BY a.id SKIP $offset LIMIT $limit
CALL (a) {
  MATCH (d:Document)-[u:MENTIONS_ACTOR]->(a)
  WITH d, u ORDER BY u.seq LIMIT $documents
  RETURN collect({document_id: d.id, authors: d.authors, statements: u.statements}) AS uses
}
RETURN a {.id, .name, .kind, .aliases} AS actor, a.documents AS documents, a.statements AS statements, uses
ORDER BY actor.id
"""

COUNT_ACTORS: LiteralString = "MATCH (a:Actor) WHERE a.documents > 0 RETURN count(a) AS total"

DELETE_DOCUMENT: LiteralString = """
MATCH (d:Document {id: $id})
OPTIONAL MATCH (s:Statement)-[:PART_OF]->(d)
DETACH DELETE s, d
RETURN count(DISTINCT d) AS deleted
"""

# Actors, topics and persons exist only through what refers to them.
DELETE_ORPHANS: LiteralString = """
MATCH (n) WHERE (n:Actor OR n:Topic OR n:Person OR n:AuthorKey) AND NOT (n)--()
DELETE n
"""

GET_STATEMENT: LiteralString = """
MATCH (s:Statement {id: $id})
OPTIONAL MATCH (s)-[r:SUPPORTS|ATTACKS|QUOTES]-(n:Statement)
RETURN s {.*} AS statement,
       [x IN collect(CASE WHEN r IS NULL THEN NULL ELSE {
            type: type(r), mode: r.mode, statement: n {.*},
            direction: CASE WHEN startNode(r) = s THEN 'out' ELSE 'in' END} END) WHERE x IS NOT NULL]
       AS neighbours
"""

_OTHER_FILTERS: LiteralString = """
WHERE ($kind IS NULL OR s.kind = $kind)
  AND ($document_id IS NULL OR s.document_id = $document_id)
  AND ($topic IS NULL OR EXISTS { (s)-[:ABOUT]->(:Topic {id: $topic}) })
  AND ($actor IS NULL OR EXISTS { (s)-[:MENTIONS]->(:Actor {id: $actor}) })
  AND ($author IS NULL OR any(name IN d.authors WHERE toLower(name) = $author))
"""
_SEARCH_FILTER: LiteralString = "MATCH (s:Statement)-[:PART_OF]->(d:Document)\n" + _OTHER_FILTERS
# With a text: the statements holding it come from the TEXT index first.
_SEARCH_TEXT_FILTER: LiteralString = """
MATCH (s:Statement) WHERE s.search CONTAINS $text
MATCH (s)-[:PART_OF]->(d:Document)
""" + _OTHER_FILTERS

_PAGE: LiteralString = """
RETURN s {.*} AS statement
ORDER BY d.seq, s.start, s.end, s.kind
SKIP $offset LIMIT $limit
"""

COUNT_STATEMENTS: LiteralString = _SEARCH_FILTER + "RETURN count(s) AS total"
SEARCH_STATEMENTS: LiteralString = _SEARCH_FILTER + _PAGE
COUNT_STATEMENTS_WITH_TEXT: LiteralString = _SEARCH_TEXT_FILTER + "RETURN count(s) AS total"
SEARCH_STATEMENTS_WITH_TEXT: LiteralString = _SEARCH_TEXT_FILTER + _PAGE

# Quotations (graph.quotes), inside the transaction saving a document.
EARLIEST_CONTAINING: LiteralString = """
MATCH (s:Statement) WHERE s.search CONTAINS $window AND s.document_id <> $document_id
MATCH (s)-[:PART_OF]->(d:Document)
RETURN s {.*} AS statement
ORDER BY d.seq, s.start, s.end, s.kind
LIMIT $limit
"""

PENDING_QUOTES: LiteralString = """
UNWIND $windows AS window
MATCH (q:PendingQuote {window: window}) WHERE q.document_id <> $document_id
RETURN q.statement_id AS statement_id, q.document_id AS document_id, q.window AS window, q.fragment AS fragment
ORDER BY statement_id, window
"""

CREATE_PENDING_QUOTES: LiteralString = "UNWIND $rows AS row CREATE (q:PendingQuote) SET q = row"

DELETE_PENDING_QUOTES: LiteralString = """
UNWIND $rows AS row
MATCH (q:PendingQuote {window: row.window, statement_id: row.statement_id})
DELETE q
"""

DOCUMENTS_BY_AUTHOR: LiteralString = """
MATCH (:AuthorKey {key: $key})-[:NAMES]->(d:Document)
WITH d ORDER BY d.seq
""" + _SUMMARY

AUTHORS: LiteralString = """
MATCH (p:Person) WHERE EXISTS { (p)-[:AUTHORED]->(:Document) }
RETURN p.name AS name ORDER BY name LIMIT $limit
"""

COUNT_AUTHORS: LiteralString = """
MATCH (p:Person) WHERE EXISTS { (p)-[:AUTHORED]->(:Document) }
RETURN count(p) AS total
"""

# Relationships first, in bounded batches: DETACH DELETE of a topic or actor node with
# 100k+ relationships in one batch exhausts Neo4j's transaction memory pool.
CLEAR: tuple[LiteralString, ...] = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)

# One breadth-first step of a traversal: neighbours of the frontier along the given types.
EXPAND_INCOMING: LiteralString = """
UNWIND $frontier AS id
MATCH (n:Statement {id: id})<-[r]-(m:Statement)
WHERE type(r) IN $types
RETURN m.id AS source, n.id AS target, type(r) AS type, r.mode AS mode,
       m {.id, .document_id, .kind, .start} AS other
"""

EXPAND_OUTGOING: LiteralString = """
UNWIND $frontier AS id
MATCH (n:Statement {id: id})-[r]->(m:Statement)
WHERE type(r) IN $types
RETURN n.id AS source, m.id AS target, type(r) AS type, r.mode AS mode,
       m {.id, .document_id, .kind, .start} AS other
"""

STATEMENT_NODES: LiteralString = """
UNWIND $ids AS id
MATCH (s:Statement {id: id})
RETURN s {.id, .document_id, .kind, .start} AS node
"""

GET_STATEMENTS: LiteralString = """
UNWIND $ids AS id
MATCH (s:Statement {id: id})
RETURN s {.*} AS statement
"""

DOCUMENT_GRAPH_NODES: LiteralString = """
MATCH (s:Statement {document_id: $id})
OPTIONAL MATCH (s)-[r:SUPPORTS|ATTACKS|QUOTES]->(t:Statement {document_id: $id})
RETURN s {.id, .document_id, .kind, .start} AS node,
       collect(CASE WHEN r IS NULL THEN NULL ELSE {target: t.id, type: type(r), mode: r.mode} END) AS edges
"""

TOPIC_USES: LiteralString = """
MATCH (s:Statement)-[r:ABOUT]->(t:Topic)
RETURN t.id AS id, t.name AS name, s.document_id AS document_id, r.stance AS stance, count(*) AS n
ORDER BY id, document_id, stance
"""

ACTOR_USES: LiteralString = """
MATCH (s:Statement)-[:MENTIONS]->(a:Actor)
RETURN a {.*} AS actor, s.document_id AS document_id, count(*) AS n
ORDER BY actor.id, document_id
"""


# -- the Cypher export script (formats.cypher_script) ------------------------------------
# A script has no parameters: formats.cypher_script writes the rows as literal lists in front
# of these bodies (``UNWIND [...] AS row <body>``). Everything is MERGEd, so running a script
# twice changes nothing, and labels are static (SET s:Label), so it runs on any Neo4j 5.


def export_document(document_id: str, properties: str) -> str:
    """The script's document line; both arguments are Cypher literals."""
    return ("MERGE (c:ArgmapCounter {name: 'documents'}) "
            f"MERGE (d:Document {{id: {document_id}}}) "
            "ON CREATE SET c.value = coalesce(c.value, 0) + 1, d.seq = c.value, d.imported_at = datetime() "
            f"SET d += {properties}")


EXPORT_AUTHOR_KEY_ROW = ("MATCH (d:Document {id: row.document_id}) MERGE (k:AuthorKey {key: row.key}) "
                         "MERGE (k)-[:NAMES]->(d)")
# A share is counted into the totals only when its relationship is created: running a script twice
# changes nothing.
EXPORT_TOPIC_SHARE_ROW = (
    "MATCH (d:Document {id: row.document_id}) MATCH (t:Topic {id: row.topic_id}) "
    "MERGE (d)-[u:USES_TOPIC]->(t) "
    "ON CREATE SET u.seq = d.seq, u.pro = row.pro, u.con = row.con, u.neutral = row.neutral, "
    "t.documents = coalesce(t.documents, 0) + 1, t.pro = coalesce(t.pro, 0) + row.pro, "
    "t.con = coalesce(t.con, 0) + row.con, t.neutral = coalesce(t.neutral, 0) + row.neutral")
EXPORT_ACTOR_SHARE_ROW = (
    "MATCH (d:Document {id: row.document_id}) MATCH (a:Actor {id: row.actor_id}) "
    "MERGE (d)-[u:MENTIONS_ACTOR]->(a) "
    "ON CREATE SET u.seq = d.seq, u.statements = row.statements, "
    "a.documents = coalesce(a.documents, 0) + 1, a.statements = coalesce(a.statements, 0) + row.statements")

EXPORT_AUTHOR_ROW = ("MATCH (d:Document {id: row.document_id}) MERGE (p:Person {name: row.name}) "
                     "MERGE (p)-[:AUTHORED]->(d)")


def export_statement_row(kind: StatementKind) -> str:
    return ("MATCH (d:Document {id: row.document_id}) MERGE (s:Statement {id: row.id}) "
            f"SET s:{kind.label}, s = row MERGE (s)-[:PART_OF]->(d)")


def export_relation_row(relation: RelationType) -> str:
    return ("MATCH (a:Statement {id: row.source}) MATCH (b:Statement {id: row.target}) "
            f"MERGE (a)-[r:{relation.value}]->(b) SET r.mode = row.mode")


# --- corrections (graph.corrections): the analyst's changes and the per-document log ----------

STATEMENT_DOCUMENTS: LiteralString = """
UNWIND $ids AS id
MATCH (s:Statement {id: id})
RETURN s.id AS id, s.document_id AS document_id
"""

# The kind label is replaced too (every kind label removed, the new one set), so Browser
# queries by label see the corrected kind.
UPDATE_STATEMENT: LiteralString = """
MATCH (s:Statement {id: $properties.id, document_id: $properties.document_id})
REMOVE s:$($kind_labels)
SET s += $properties, s:$($label)
WITH s
OPTIONAL MATCH (s)-[said:SAID_BY]->(:Person)
DELETE said
RETURN count(DISTINCT s) AS updated
"""


def _delete_relation(relation: RelationType) -> LiteralString:
    rel_type: LiteralString = relation.value
    return (
        "MATCH (a:Statement {id: $source})-[r:" + rel_type + "]->(b:Statement {id: $target}) "
        "DELETE r RETURN count(r) AS deleted"
    )


DELETE_RELATION: dict[RelationType, LiteralString] = {rel: _delete_relation(rel) for rel in RelationType}

DELETE_STATEMENT: LiteralString = """
MATCH (s:Statement {id: $id, document_id: $document_id})
DETACH DELETE s
RETURN count(s) AS deleted
"""

# The document's statements and what hangs on them, for a re-import (the Document node and
# its correction log stay).
DELETE_DOCUMENT_STATEMENTS: LiteralString = """
MATCH (s:Statement {document_id: $id})
DETACH DELETE s
"""

# Relations from other documents' statements to the document's, with their target's span: a
# re-import moves them onto the new parse's statements (graph.model.carry_over).
INCOMING_FROM_OTHER_DOCUMENTS: LiteralString = """
MATCH (a:Statement)-[r:SUPPORTS|ATTACKS|QUOTES]->(b:Statement {document_id: $id})
WHERE a.document_id <> $id
RETURN a.id AS source, b.id AS target, type(r) AS type, r.mode AS mode, b.start AS start, b.end AS end
"""

# Both directions; UNION drops the relations whose two ends are the document's (found twice).
RELATIONS_TOUCHING_DOCUMENT: LiteralString = """
MATCH (a:Statement {document_id: $id})-[r:SUPPORTS|ATTACKS|QUOTES]->(b:Statement)
RETURN a.id AS source, b.id AS target, type(r) AS type, r.mode AS mode
UNION
MATCH (a:Statement)-[r:SUPPORTS|ATTACKS|QUOTES]->(b:Statement {document_id: $id})
RETURN a.id AS source, b.id AS target, type(r) AS type, r.mode AS mode
"""

SET_DOCUMENT_IMPORTER: LiteralString = """
MATCH (d:Document {id: $id})
SET d.importer = $importer
RETURN count(d) AS updated
"""

APPEND_CORRECTION: LiteralString = """
MATCH (d:Document {id: $entry.document_id})
OPTIONAL MATCH (c:Correction {document_id: $entry.document_id})
WITH d, coalesce(max(c.seq), 0) + 1 AS seq
CREATE (e:Correction)
SET e = $entry, e.seq = seq, e.key = d.id + ':' + toString(seq)
CREATE (e)-[:CORRECTS]->(d)
RETURN seq
"""

CORRECTIONS: LiteralString = """
MATCH (c:Correction {document_id: $id})
RETURN c {.document_id, .seq, .author, .at, .undoes, .change} AS entry
ORDER BY c.seq
"""

DELETE_CORRECTIONS: LiteralString = """
MATCH (c:Correction {document_id: $id})
DETACH DELETE c
"""

# -- the Neo4j Browser guide (api/routes/neo4j_browser.py) ---------------------------------
# Shown to people and run as they are, so they name no document, author or topic: each picks
# its example from what is stored (the first document imported, the topic most documents share).

GUIDE_DOCUMENTS = """MATCH (d:Document)
OPTIONAL MATCH (p:Person)-[:AUTHORED]->(d)
WITH d, collect(p.name) AS authors ORDER BY d.seq
RETURN d.id AS id, d.title AS title, authors, d.published AS published"""

GUIDE_DOCUMENT_MAP = """MATCH (d:Document)
WITH d ORDER BY d.seq LIMIT 1
MATCH (s:Statement)-[:PART_OF]->(d)
OPTIONAL MATCH (s)-[r:SUPPORTS|ATTACKS|QUOTES]->(t:Statement)
RETURN s, r, t"""

GUIDE_SUPPORT_CHAIN = """MATCH (rec:Recommendation)
WITH rec ORDER BY rec.document_id, rec.start LIMIT 1
MATCH p = (s:Statement)-[:SUPPORTS*1..4]->(rec)
OPTIONAL MATCH q = (:Statement)-[:ATTACKS]->(s)
RETURN p, q"""

GUIDE_ASSUMPTION_ATTACKS = """MATCH p = (x:Statement)-[a:ATTACKS]->(asm:Assumption)
OPTIONAL MATCH q = (:Statement)-[:ATTACKS]->(x)
RETURN p, q"""

GUIDE_ASSUMPTION_CHECKS = """MATCH (c:AssumptionCheck)-[r:SUPPORTS|ATTACKS]->(a:Assumption)
RETURN c.verdict AS verdict, type(r) AS relation, r.mode AS mode, a.text AS assumption
ORDER BY a.start"""

_GUIDE_SHARED_TOPIC = """MATCH (d:Document)<-[:PART_OF]-(:Statement)-[:ABOUT]->(t:Topic)
WITH t, d ORDER BY d.seq
WITH t, collect(DISTINCT d) AS documents WHERE size(documents) >= 2
WITH t, documents ORDER BY size(documents) DESC, t.id LIMIT 1
UNWIND documents[0..2] AS d
"""

GUIDE_TWO_DOCUMENTS_ON_A_TOPIC = _GUIDE_SHARED_TOPIC + """\
MATCH (d)<-[:PART_OF]-(s:Statement)-[a:ABOUT]->(t)
RETURN t.name AS topic, d.title AS document, d.authors AS authors, s.kind AS kind, a.stance AS stance,
       s.reported AS reported, s.speaker AS speaker, s.text AS statement
ORDER BY d.seq, s.start"""

GUIDE_TWO_DOCUMENTS_ON_A_TOPIC_GRAPH = _GUIDE_SHARED_TOPIC + """\
MATCH (p:Person)-[au:AUTHORED]->(d)<-[po:PART_OF]-(s:Statement)-[a:ABOUT]->(t)
OPTIONAL MATCH q = (s)-[:QUOTES]-(:Statement)
RETURN p, au, d, po, s, a, t, q"""
