"""Neo4j Browser support: a GraSS stylesheet and a Browser guide for argmap's schema.

In Neo4j Browser (http://127.0.0.1:7474/browser/), with the API running on port 8000::

    :style http://localhost:8000/neo4j/style.grass
    :play http://localhost:8000/neo4j/guide

Browser fetches both cross-origin, so these two paths (and only these) answer CORS
requests from ``Settings.neo4j_browser_origins`` (see :class:`PathCORS`).
"""

from __future__ import annotations

import html

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, PlainTextResponse
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from formats.palette import KIND_COLOURS, RELATION_COLOURS, text_colour
from graph.model import RelationType
from graph.store import cypher as store_cypher

router = APIRouter(prefix="/neo4j", tags=["neo4j browser"])
STYLE_PATH = "/neo4j/style.grass"
GUIDE_PATH = "/neo4j/guide"


OTHER_NODES: dict[str, tuple[str, str, str]] = {
    # label: (colour, caption, diameter)
    "Document": ("#263238", "{title}", "80px"),
    "Person": ("#9e9e9e", "{name}", "45px"),
    "Actor": ("#b0bec5", "{name}", "40px"),
    "Topic": ("#ffd54f", "{name}", "45px"),
}
RELATIONSHIPS: dict[str, tuple[str, str]] = {
    # type: (colour, shaft width)
    "SUPPORTS": (RELATION_COLOURS[RelationType.SUPPORTS], "3px"),
    "ATTACKS": (RELATION_COLOURS[RelationType.ATTACKS], "3px"),
    "QUOTES": (RELATION_COLOURS[RelationType.QUOTES], "2px"),
    "PART_OF": ("#cfd8dc", "1px"),
    "AUTHORED": ("#cfd8dc", "1px"),
    "SAID_BY": ("#bdbdbd", "1px"),
    "MENTIONS": ("#cfd8dc", "1px"),
    "ABOUT": ("#ffe082", "1px"),
}


def _darker(colour: str) -> str:
    value = int(colour[1:], 16)
    r, g, b = (value >> 16) & 255, (value >> 8) & 255, value & 255
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.75) for c in (r, g, b)))


def _rule(selector: str, props: dict[str, str]) -> str:
    body = "".join(f"  {name}: {value};\n" for name, value in props.items())
    return f"{selector} {{\n{body}}}\n"


def grass() -> str:
    """The stylesheet. Generic rules come first: Browser applies matching rules in order."""
    rules = [
        _rule("node", {"diameter": "50px", "color": "#A5ABB6", "border-color": "#9AA1AC", "border-width": "2px",
                       "text-color-internal": "#FFFFFF", "font-size": "10px"}),
        _rule("relationship", {"color": "#A5ABB6", "shaft-width": "1px", "font-size": "8px", "padding": "3px",
                               "text-color-external": "#000000", "text-color-internal": "#FFFFFF",
                               "caption": '"<type>"'}),
        # Browser fits the caption into the circle and cuts it with an ellipsis.
        _rule("node.Statement", {"diameter": "65px", "caption": '"{text}"'}),
    ]
    for kind, colour in KIND_COLOURS.items():
        rules.append(_rule(f"node.{kind.label}", {
            "color": colour, "border-color": _darker(colour),
            "text-color-internal": text_colour(kind),
            "diameter": "65px", "caption": '"{text}"'}))
    for label, (colour, caption, diameter) in OTHER_NODES.items():
        text = "#000000" if label in {"Topic", "Actor", "Person"} else "#FFFFFF"
        rules.append(_rule(f"node.{label}", {"color": colour, "border-color": _darker(colour),
                                             "text-color-internal": text, "diameter": diameter,
                                             "caption": f'"{caption}"'}))
    for rel_type, (colour, width) in RELATIONSHIPS.items():
        rules.append(_rule(f"relationship.{rel_type}", {"color": colour, "shaft-width": width,
                                                       "caption": '"<type>"'}))
    return "\n".join(rules)


# --- the guide --------------------------------------------------------------------------------------------

_GUIDE_SLIDES: list[tuple[str, str, str]] = [
    # (title, explanation (HTML), Cypher)
    ("argmap in Neo4j",
     "<p>Every statement of a document is a <code>:Statement</code> node with a second label for its kind "
     "(<code>:Thesis</code>, <code>:Claim</code>, <code>:Assumption</code>, <code>:AssumptionCheck</code>, "
     "<code>:Evidence</code>, <code>:Counterargument</code>, <code>:Rebuttal</code>, <code>:Recommendation</code>, "
     "<code>:Quote</code>, <code>:Question</code>), tied to its <code>:Document</code> by <code>PART_OF</code> "
     "and to other statements by <code>SUPPORTS</code>, <code>ATTACKS</code> and <code>QUOTES</code>.</p>"
     "<p>Click a query to put it in the editor, then run it. First, the stored documents:</p>",
     store_cypher.GUIDE_DOCUMENTS),
    ("A document's map",
     "<p>The argument map of the first imported document: its statements and the <code>SUPPORTS</code> / "
     "<code>ATTACKS</code> / <code>QUOTES</code> links between them. Write <code>SKIP 1 LIMIT 1</code> for the "
     "next document, or match <code>d.id</code>.</p>",
     store_cypher.GUIDE_DOCUMENT_MAP),
    ("Support chain of a recommendation",
     "<p>Everything that supports a recommendation, directly or through up to four steps of "
     "<code>SUPPORTS</code>, and what attacks those supporters.</p>",
     store_cypher.GUIDE_SUPPORT_CHAIN),
    ("What attacks an assumption",
     "<p>Assumptions, the assumption checks and counterarguments that attack them (with the attack's "
     "<code>mode</code>: <code>rebut</code> or <code>undercut</code>), and the rebuttals of those attackers.</p>",
     store_cypher.GUIDE_ASSUMPTION_ATTACKS),
    ("Assumption checks, as a table",
     "<p>The verdict of each assumption check and how it bears on the assumption it examines.</p>",
     store_cypher.GUIDE_ASSUMPTION_CHECKS),
    ("Two documents on one topic",
     "<p>The topic most documents take up, and what the first two of them say about it, with each "
     "statement's stance (+1 for, -1 against, 0 neutral). Statements whose <code>speaker</code> is not the "
     "author are reported speech (<code>SAID_BY</code> someone else). Match <code>t.id</code> to pick "
     "another topic.</p>",
     store_cypher.GUIDE_TWO_DOCUMENTS_ON_A_TOPIC),
    ("The two documents on the topic, as a graph",
     "<p>The same statements as a graph, with their authors, documents and the topic, and any "
     "<code>QUOTES</code> link between the two documents.</p>",
     store_cypher.GUIDE_TWO_DOCUMENTS_ON_A_TOPIC_GRAPH),
]

def guide() -> str:
    """The guide as Neo4j Browser's `:play` expects it: an article of slides in a carousel."""
    slides = []
    for title, explanation, cypher in _GUIDE_SLIDES:
        slides.append(
            '    <slide class="row-fluid">\n'
            '      <div class="col-sm-12">\n'
            f"        <h3>{html.escape(title)}</h3>\n"
            f"        {explanation}\n"
            "        <figure>\n"
            '          <pre mode="cypher" class="pre-scrollable code runnable">'
            f"{html.escape(cypher, quote=False)}</pre>\n"
            "        </figure>\n"
            "      </div>\n"
            "    </slide>\n")
    return ('<article class="guide">\n'
            '  <carousel class="deck container-fluid">\n'
            + "".join(slides) +
            "  </carousel>\n"
            "</article>\n")


@router.get("/style.grass", response_class=PlainTextResponse)
def style() -> PlainTextResponse:
    """A Neo4j Browser stylesheet (GraSS): `:style http://localhost:8000/neo4j/style.grass`."""
    return PlainTextResponse(grass(), media_type="text/plain; charset=utf-8")


@router.get("/guide", response_class=HTMLResponse)
def browser_guide() -> HTMLResponse:
    """A Neo4j Browser guide of runnable queries: `:play http://localhost:8000/neo4j/guide`."""
    return HTMLResponse(guide())


class PathCORS:
    """CORS for a few exact paths only; every other request passes through untouched."""

    def __init__(self, app: ASGIApp, paths: frozenset[str], origins: list[str]) -> None:
        self.app = app
        self.paths = paths
        self.cors = CORSMiddleware(app, allow_origins=origins, allow_methods=["GET"], allow_headers=["*"])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in self.paths:
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


CORS_PATHS = frozenset({STYLE_PATH, GUIDE_PATH})
