"""File formats: one module per format, its writer (and, where argmap reads it, its reader or
field names) side by side; formats.registry lists the exports by name.

| module | format | read by |
|---|---|---|
| ``argmap_json`` | ``json``: argmap's own graph JSON (writer ``graph_record``, reader ``graph_from``) | argmap |
| ``graphml`` | ``graphml``: statements and SUPPORTS/ATTACKS/QUOTES edges with their attributes | networkx, Gephi, yEd |
| ``cypher_script`` | ``cypher``: a script recreating the document in any Neo4j 5 | cypher-shell, a driver |
| ``graphviz`` | ``dot`` / ``svg`` / ``png`` (svg, png rendered by Graphviz's ``dot``) | browsers, Graphviz |
| ``aif`` | ``aif``: AIF JSON as AIFdb and OVA read it (reader: the ``aif`` importer) | AIFdb, OVA, argmap |
| ``argdown`` | ``argdown``: ``[Title]: text`` and ``+>`` / ``->`` relations | ``@argdown/cli`` |
| ``text`` | reading txt, md, html and pdf files into text (imports) | |
| ``palette`` | the one colour per statement kind and relation type every picture uses | |

Only ``svg`` and ``png`` need anything outside Python: Graphviz's ``dot`` (Debian package
``graphviz``); without it they raise graph.errors.ExportToolMissing (HTTP 503).
"""
