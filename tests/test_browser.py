"""Real-browser tests: argmap's own map and home pages, and Neo4j Browser with argmap's style and guide.

Chromium is Debian's (`apt-get install chromium`, /usr/bin/chromium), driven by Playwright
for Python; Playwright never downloads a browser here. If Chromium is missing these tests
FAIL (they are never skipped). The API runs in a thread on a free loopback port, on an
embedded store in a temporary directory with the seeds imported.

Screenshots go to test-artifacts/ (gitignored). With ARGMAP_UPDATE_SCREENSHOTS=1 they are
also copied to docs/screenshots/ (committed; the README shows them).

The Neo4j Browser test (marker `neo4j`) needs the local Neo4j: NEO4J_URI (Bolt) and
ARGMAP_TEST_NEO4J_HTTP_PORT (its HTTP port, where Browser is served; default 7474).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
import uvicorn
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    Route,
    expect,
    sync_playwright,
)

from api.main import create_app
from api.settings import Settings
from formats.palette import KIND_COLOURS
from graph.model import StatementKind, canonical_text
from graph.store.neo4j import Neo4jStore
from services import importing
from services.settings import PROJECT_ROOT
from tests import oped_case
from tests.conftest import isolated_settings

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
DOC_SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NEO4J_HTTP_PORT = int(os.environ.get("ARGMAP_TEST_NEO4J_HTTP_PORT", "7474"))
NEO4J_BROWSER_ORIGIN = f"http://127.0.0.1:{NEO4J_HTTP_PORT}"

HOSTILE = """<script>window.__pwned = 1; alert(1)</script> Mali should negotiate with the armed groups.

Talks ended the fighting in 2015 because every party had a seat at the table 🤝 <img src=x \
onerror="window.__pwned = 2; alert(2)">. Military pressure alone has failed for nine years.

However, critics argue that talks reward violence <svg onload="window.__pwned = 3">.
"""
HOSTILE_TITLE = '<img src=x onerror="window.__pwned = 4">Hostile brief'


def chromium_path() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        pytest.fail("Chromium is not installed: `apt-get install -y chromium` (these tests never skip)")
    return path


def screenshot(page: Page | Locator, name: str, *, publish: bool = True, **kwargs: Any) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), **kwargs)
    if publish and os.environ.get("ARGMAP_UPDATE_SCREENSHOTS") == "1":
        DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOC_SCREENSHOTS / name)
    return path


# --- the API in a thread -----------------------------------------------------------------------------------

class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # not the main thread
        pass


@dataclass
class LiveAPI:
    url: str
    client: httpx.Client
    csis_id: str = ""
    hostile_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@pytest.fixture(scope="module")
def live_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveAPI]:
    settings = isolated_settings(tmp_path_factory.mktemp("browser"), import_seeds_on_start=True,
                                 neo4j_browser_origins=[NEO4J_BROWSER_ORIGIN])
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = _Server(uvicorn.Config(create_app(settings), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the API did not start")
        time.sleep(0.1)
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=url, timeout=60) as client:
        documents = client.get("/documents").json()["data"]
        csis = next(d for d in documents if d["title"] == "Rethinking Crisis Responses in the Sahel")
        hostile = client.post("/documents", json={"text": HOSTILE, "title": HOSTILE_TITLE,
                                                  "authors": ["<b>Mallory</b>"], "importer": "generic"})
        assert hostile.status_code == 201, hostile.text
        yield LiveAPI(url=url, client=client, csis_id=csis["id"], hostile_id=hostile.json()["document"]["id"])
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


# --- the browser ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # Playwright gives every launch a fresh temporary profile (its own --user-data-dir).
    chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
    yield chromium
    chromium.close()


@dataclass
class Watched:
    page: Page
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A page that records console errors, uncaught exceptions, dialogs and requests leaving loopback
    (which are blocked: the machine has no internet and argmap's pages must not need it)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    record = Watched(page)

    def route(r: Route) -> None:
        host = urlparse(r.request.url).hostname
        if r.request.url.startswith("data:") or host in {"127.0.0.1", "localhost"}:
            r.continue_()
        else:
            record.foreign.append(r.request.url)
            r.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            record.errors.append(message.text)

    def on_dialog(dialog: Any) -> None:
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: record.errors.append(f"uncaught: {exc}"))
    page.on("dialog", on_dialog)
    yield record
    context.close()


def open_map(watched: Watched, api: LiveAPI, document_id: str) -> Page:
    page = watched.page
    page.goto(f"{api.url}/documents/{document_id}/map")
    page.locator("body[data-ready]").wait_for(timeout=60_000)
    assert page.evaluate("document.body.dataset.ready") == "true", page.text_content("#error")
    return page


def click_node(page: Page, statement_id: str) -> None:
    """A real mouse click on the node's position on the canvas."""
    for attempt in range(3):
        click_at_node(page, statement_id)
        try:
            expect(page.locator("#st-id")).to_have_text(statement_id, timeout=3_000)
            return
        except AssertionError:
            if attempt == 2:
                screenshot(page, "click-failed.png", publish=False)
                raise


def choose(page: Page, statement_id: str) -> None:
    """Select a statement as a user would: click its node if it is drawn, else its entry in the
    side list of statements that are not connected."""
    if page.evaluate("(id) => cy.getElementById(id).length", statement_id):
        click_node(page, statement_id)
        return
    entry = page.locator(f"#loose-sections button[data-id='{statement_id}']")
    section = entry.locator("xpath=ancestor::details[1]")
    if section.get_attribute("open") is None:
        section.locator("summary").click()
    entry.click()
    expect(page.locator("#st-id")).to_have_text(statement_id)


def connected(graph: dict[str, Any]) -> set[str]:
    """Statements with a relation to another statement of the same document: the ones drawn."""
    ids = {s["id"] for s in graph["statements"]}
    return {end for r in graph["relations"] if r["source"] in ids and r["target"] in ids and r["source"] != r["target"]
            for end in (r["source"], r["target"])}


def assert_readable_at_default_view(page: Page) -> None:
    """Labels at least 11 px on screen, the thesis (or top statement) in view, no two statements overlapping."""
    drawn = page.evaluate("""() => cy.nodes('.statement').map((n) => {
        const b = n.boundingBox({ includeLabels: true }); return [b.x1, b.y1, b.x2, b.y2]; })""")
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], ("overlapping statements", a, b)
    font = page.evaluate("cy.nodes('.statement')[0].renderedStyle('font-size')")
    assert float(font.removesuffix("px")) >= 11, font
    top = page.evaluate("""() => {
        const nodes = cy.nodes('.statement'); const thesis = nodes.filter("[kind = 'thesis']");
        const b = (thesis.length ? thesis[0] : nodes.min((n) => n.position('y')).ele).renderedBoundingBox();
        return [b.x1, b.y1, b.x2, b.y2, cy.width(), cy.height()]; }""")
    assert top[0] >= 0 and top[2] <= top[4] and top[1] >= 0 and top[3] <= top[5], top


# --- argmap's pages ----------------------------------------------------------------------------------------

def test_the_map_draws_the_argument_and_shows_a_quote_in_its_source(watched: Watched, live_api: LiveAPI) -> None:
    graph = live_api.client.get(f"/documents/{live_api.csis_id}/graph").json()
    statements = {s["id"]: s for s in graph["statements"]}
    drawn = connected(graph)
    page = open_map(watched, live_api, live_api.csis_id)

    # Related statements are drawn in layers; the others are listed per section beside the map.
    assert set(page.evaluate("cy.nodes('.statement').map((n) => n.id())")) == drawn
    listed = page.evaluate("[...document.querySelectorAll('#loose-sections button')].map((b) => b.dataset.id)")
    assert sorted(listed) == sorted(set(statements) - drawn)
    sections = {s["section"] or "Introduction" for s in graph["statements"] if s["id"] not in drawn}
    assert page.locator("#loose-sections details").count() == len(sections)
    internal = [r for r in graph["relations"] if r["source"] in statements and r["target"] in statements]
    assert page.evaluate("cy.edges().length") == len(internal)
    # Sections of a long brief are boxes (compound nodes) around their statements.
    if len({statements[i]["section"] for i in drawn}) > 1:
        assert page.evaluate("cy.nodes('.statement').every((n) => n.isChild())")
    assert page.text_content("#doc-title") == graph["document"]["title"]
    # A layered layout: inside a section, SUPPORTS/ATTACKS edges point up (the supported statement is above;
    # only an edge closing a cycle may not).
    rising = page.evaluate("""() => cy.edges().filter((e) => ['SUPPORTS', 'ATTACKS'].includes(e.data('type'))
        && e.source().data('parent') === e.target().data('parent'))
        .map((e) => e.source().position('y') - e.target().position('y'))""")
    assert rising and sum(1 for dy in rising if dy > 0) >= 0.9 * len(rising)
    assert_readable_at_default_view(page)
    screenshot(page, "map.png")

    # Nodes coloured by kind (the kind also written on the node), edges by type.
    thesis = next(s for s in graph["statements"] if s["kind"] == "thesis")
    assert page.evaluate("(id) => cy.getElementById(id).style('border-color')", thesis["id"]) == "rgb(106,27,154)"
    assert page.evaluate("(id) => cy.getElementById(id).data('label')", thesis["id"]).startswith("THESIS")
    assert page.evaluate("cy.edges('[type = \"SUPPORTS\"]')[0].style('line-color')") == "rgb(46,125,50)"
    assert page.evaluate("cy.edges('[type = \"ATTACKS\"]')[0].style('line-color')") == "rgb(198,40,40)"

    # Click the thesis: the side panel shows it, and its quote is highlighted in the source text.
    click_node(page, thesis["id"])
    assert page.text_content("#st-text") == thesis["text"]
    assert page.text_content("#st-kind") == "thesis"
    assert page.text_content("#st-speaker") == thesis["speaker"]
    assert page.text_content("#st-status") in {"accepted", "rejected", "undecided"}
    assert page.text_content("#quote") == thesis["quote"]
    assert page.text_content("#source") == graph["document"]["source"]
    assert page.locator("#source mark").count() == 1
    assert page.locator("#quote").is_visible()

    # Another statement, chosen by a click too: the highlight moves. A listed one, from the side list.
    evidence = next(s for s in graph["statements"] if s["kind"] == "evidence" and s["id"] in drawn)
    click_node(page, evidence["id"])
    assert page.text_content("#quote") == evidence["quote"]
    # an objection voiced by nobody named ("Proponents of ... argue"): the panel says so, not a blank speaker
    unnamed = next(s for s in graph["statements"] if s["speaker"] == "" and s["id"] in drawn)
    click_node(page, unnamed["id"])
    assert page.text_content("#st-speaker") == "nobody named (an unnamed voice)"
    loose = next((s for s in graph["statements"] if s["id"] not in drawn), None)
    if loose is not None:
        choose(page, loose["id"])
        assert page.text_content("#quote") == loose["quote"]
        assert "not connected" in page.text_content("#st-offsets")

    # A relation to another document's statement (QUOTES) is listed with a link to that document's map.
    external = next((r for r in graph["relations"] if r not in internal), None)
    if external is not None:
        here, there = ((external["source"], external["target"]) if external["source"] in statements
                       else (external["target"], external["source"]))
        choose(page, here)
        other = live_api.client.get(f"/statements/{there}").json()
        link = page.locator("#external-list a")
        link.wait_for()
        assert link.get_attribute("href") == f"/documents/{other['document_id']}/map"

    # Highlight the thesis's support chain: exactly the statements of GET /support-chain.
    click_node(page, thesis["id"])
    chain = live_api.client.get(f"/statements/{thesis['id']}/support-chain", params={"depth": 10}).json()
    expected: set[str] = set()

    def walk(node: dict[str, Any]) -> None:
        expected.add(node["statement"]["id"])
        for child in node["children"]:
            walk(child)

    walk(chain["root"])
    page.click("#support-chain")
    page.locator("body[data-chain]").wait_for()
    highlighted = set(page.evaluate("cy.nodes('.chain').map((n) => n.id())"))
    assert highlighted == expected & drawn
    assert len(highlighted) > 1
    assert page.evaluate("cy.edges('.chain').length") >= len(highlighted) - 1
    screenshot(page, "map-support-chain.png", publish=False)

    # The rebuttal chain of an attacked statement.
    attacked = next(r["target"] for r in graph["relations"] if r["type"] == "ATTACKS")
    click_node(page, attacked)
    page.click("#rebuttal-chain")
    expect(page.locator("#chain-title")).to_contain_text("Rebuttal chain")
    assert page.evaluate("cy.nodes('.chain').length") >= 2
    page.click("#clear-highlight")
    assert page.evaluate("cy.nodes('.chain').length") == 0

    # Filters (map and side list alike): by kind, then by topic.
    page.click("#filters summary")
    page.uncheck("#kind-filter input[value='evidence']")
    evidence_ids = {s["id"] for s in graph["statements"] if s["kind"] == "evidence"}
    assert page.evaluate("cy.nodes('.statement').not('.filtered').length") == len(drawn - evidence_ids)
    assert page.evaluate("document.body.dataset.listed") == str(len(set(statements) - drawn - evidence_ids))
    page.check("#kind-filter input[value='evidence']")
    page.select_option("#topic-filter", "negotiation")
    tagged = {t["statement_id"] for t in graph["topic_tags"] if t["topic_id"] == "negotiation"}
    assert set(page.evaluate("cy.nodes('.statement').not('.filtered').map((n) => n.id())")) == tagged & drawn
    assert page.evaluate("document.body.dataset.listed") == str(len(tagged - drawn))
    # ...or any free-text topic: the statements the API finds about it
    page.select_option("#topic-filter", "")
    question = "Should the United States support talks with militants?"
    page.fill("#topic-text", question)
    page.press("#topic-text", "Enter")
    page.locator("body[data-topic-matches]:not([data-topic-matches=''])").wait_for()
    about = {s["id"] for s in live_api.client.get("/statements", params={
        "document": live_api.csis_id, "topic": question, "limit": 500}).json()["data"]}
    assert about and about < set(statements)
    assert set(page.evaluate("cy.nodes('.statement').not('.filtered').map((n) => n.id())")) == about & drawn
    page.fill("#topic-text", "")
    page.press("#topic-text", "Enter")

    assert watched.errors == []
    assert watched.dialogs == []
    assert watched.foreign == [], "the page must not load anything from outside the API"


def test_the_map_works_from_the_keyboard_and_finds_text(watched: Watched, live_api: LiveAPI) -> None:
    graph = live_api.client.get(f"/documents/{live_api.csis_id}/graph").json()
    drawn = connected(graph)
    page = open_map(watched, live_api, live_api.csis_id)
    thesis = next(s for s in graph["statements"] if s["kind"] == "thesis")

    # Tab to the map (past the controls), then the arrow keys walk the argument.
    page.locator("#cy").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#st-id")).to_have_text(thesis["id"])
    page.keyboard.press("ArrowDown")
    below = page.text_content("#st-id")
    assert below in drawn and any(r["source"] == below and r["target"] == thesis["id"] for r in graph["relations"])
    assert page.text_content("#announce").lower().startswith(
        next(s for s in graph["statements"] if s["id"] == below)["kind"].replace("_", " "))
    page.keyboard.press("ArrowUp")
    expect(page.locator("#st-id")).to_have_text(thesis["id"])
    assert page.evaluate("cy.$(':selected').map((n) => n.id())") == [thesis["id"]]
    page.keyboard.press("f")
    page.keyboard.press("0")
    assert float(page.evaluate("document.body.dataset.zoom")) >= 0.75

    # "/" jumps to the search box; matches light up on the map and in a list; Enter selects the first.
    # A statement of the side list if there is one (else one on the map).
    loose = min((s for s in graph["statements"] if len(s["text"].split()) > 4),
                key=lambda s: (s["id"] in drawn, s["start"]))
    words = " ".join(loose["text"].split()[1:4])
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type(words)
    expected = [s["id"] for s in graph["statements"] if words.lower() in s["text"].lower()]
    expect(page.locator("#search-count")).to_have_text(f"{len(expected)} match" + ("" if len(expected) == 1 else "es"))
    assert page.evaluate("[...document.querySelectorAll('#search-results button')].map((b) => b.dataset.id)") \
        == expected[:30]
    assert set(page.evaluate("cy.nodes('.match').map((n) => n.id())")) == set(expected) & drawn
    page.keyboard.press("ArrowDown")
    if expected.index(loose["id"]):
        for _ in range(expected.index(loose["id"])):
            page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#st-id")).to_have_text(loose["id"])
    if loose["id"] not in drawn:
        assert page.locator(f"#loose-sections button[data-id='{loose['id']}']").get_attribute("aria-current") \
            == "true"
    else:
        assert page.evaluate("cy.$(':selected').map((n) => n.id())") == [loose["id"]]
    assert watched.errors == []


def test_the_map_fits_a_phone_screen(browser: Browser, live_api: LiveAPI) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{live_api.url}/documents/{live_api.csis_id}/map")
        page.locator("body[data-ready='true']").wait_for(timeout=60_000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = page.locator("#cy").bounding_box()
        panel = page.locator("#panel").bounding_box()
        assert box is not None and panel is not None
        assert box["width"] <= 390 and box["height"] >= 400 and panel["y"] >= box["y"] + box["height"] - 1
        assert_readable_at_default_view(page)
        page.wait_for_timeout(200)
        screenshot(page, "map-phone.png", full_page=True)
        assert errors == []
    finally:
        context.close()


def test_the_home_page_opens_maps_and_compares_two_authors(watched: Watched, live_api: LiveAPI) -> None:
    page = watched.page
    page.goto(f"{live_api.url}/")
    page.locator("body[data-ready='true']").wait_for(timeout=60_000)
    documents = live_api.client.get("/documents").json()
    assert page.locator("#documents tbody tr").count() == documents["count"]

    assert page.input_value("#topic") == "negotiation"
    a, b, topic = "Alex Thurston", "Judd Devermont", "negotiation"
    page.select_option("#author-a", a)
    page.select_option("#author-b", b)
    page.click("#compare-form button[type=submit]")
    page.locator("body[data-compared='true']").wait_for(timeout=60_000)
    expected = live_api.client.get("/compare", params={"a": a, "b": b, "topic": topic}).json()
    assert page.text_content("#summary") == expected["summary"]
    assert page.locator("#aligned tbody tr").count() == len(expected["aligned"])
    screenshot(page, "home.png")

    page.select_option("#document-select", live_api.csis_id)
    page.click("#open-map button[type=submit]")
    page.wait_for_url(f"**/documents/{live_api.csis_id}/map")
    page.locator("body[data-ready='true']").wait_for(timeout=60_000)

    assert watched.errors == []
    assert watched.foreign == []


def test_a_hostile_document_is_shown_as_text_and_runs_nothing(watched: Watched, live_api: LiveAPI) -> None:
    graph = live_api.client.get(f"/documents/{live_api.hostile_id}/graph").json()
    page = open_map(watched, live_api, live_api.hostile_id)
    assert page.text_content("#doc-title") == HOSTILE_TITLE
    assert page.text_content("#source") == canonical_text(HOSTILE)

    # Click every statement: the markup in quotes stays text, the emoji does not shift the highlight.
    for statement in graph["statements"]:
        choose(page, statement["id"])
        assert page.text_content("#quote") == statement["quote"]
        assert page.text_content("#st-text") == statement["text"]
    assert any("<img" in s["quote"] for s in graph["statements"])
    assert any("🤝" in s["quote"] for s in graph["statements"])

    page.goto(f"{live_api.url}/")
    page.locator("body[data-ready='true']").wait_for(timeout=60_000)
    assert page.locator("#documents tbody a", has_text=HOSTILE_TITLE).count() == 1
    page.wait_for_timeout(500)  # let any injected handler fire

    assert page.evaluate("window.__pwned") is None
    assert watched.dialogs == []
    assert page.evaluate("document.querySelectorAll('main img, main svg, main script, main b').length") == 0
    assert watched.errors == []


def click_at_node(page: Page, statement_id: str) -> None:
    """A real mouse click on a node, expecting nothing in particular (e.g. picking a target)."""
    x, y = page.evaluate("""(id) => {
        const node = cy.getElementById(id);
        cy.resize();
        cy.center(node);
        const p = node.renderedPosition();
        const box = document.getElementById('cy').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", statement_id)
    page.mouse.click(x, y)


def search_and_pick(page: Page, graph: dict[str, Any], statement: dict[str, Any]) -> None:
    """Keyboard only: "/" to the search box, type words of the statement, arrow to it, Enter."""
    words = " ".join(statement["text"].split()[1:6])
    page.locator("#cy").focus()
    page.keyboard.press("/")
    page.keyboard.type(words)
    found = [s["id"] for s in graph["statements"] if words.lower() in s["text"].lower()]
    expect(page.locator("#search-results button").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    for _ in range(found.index(statement["id"])):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def wait_for_revision(page: Page, revision: int) -> int:
    page.locator(f"body[data-revision='{revision + 1}']").wait_for(timeout=30_000)
    return revision + 1


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def keyed_api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveAPI]:
    """The API with an API key (so writes from the page need it), on each store, seeds imported."""
    settings = isolated_settings(tmp_path_factory.mktemp("keyed"), import_seeds_on_start=True, api_key=API_KEY,
                                 store=request.param)
    if request.param == "neo4j":
        emptied = Neo4jStore.connect(settings)
        emptied.clear()
        emptied.close()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = _Server(uvicorn.Config(create_app(settings), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the API did not start")
        time.sleep(0.1)
    with httpx.Client(base_url=f"http://127.0.0.1:{sock.getsockname()[1]}", timeout=60) as client:
        oped = next(d for d in client.get("/documents").json()["data"] if d["title"].startswith("France Should"))
        yield LiveAPI(url=str(client.base_url).rstrip("/"), client=client, csis_id=oped["id"])
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


API_KEY = "map-page-key"


def test_an_analyst_corrects_the_oped_map_with_mouse_and_keyboard(watched: Watched, keyed_api: LiveAPI) -> None:
    """The issue's done-when: read the op-ed's map, correct statements' kinds and add the missing
    rebuttals with mouse and keyboard (sending the API key), see /status change (the thesis accepted
    once its counterarguments are answered), reload, re-import, and find the corrections still there
    and in the AIF export. Which statements play which part is read from the importers' output."""
    api, document_id = keyed_api, keyed_api.csis_id
    key = {"X-API-Key": API_KEY}

    def current() -> tuple[dict[str, dict[str, Any]], list[str], list[tuple[str, str, str]], dict[str, str]]:
        graph = api.client.get(f"/documents/{document_id}/graph").json()
        labels = {e["statement_id"]: e["status"] for e in api.client.get(f"/documents/{document_id}/status")
                  .json()["data"]}
        by_id = {s["id"]: s for s in graph["statements"]}
        order = [s["id"] for s in sorted(graph["statements"], key=lambda s: s["start"])]
        return by_id, order, [(r["source"], r["target"], r["type"]) for r in graph["relations"]], labels

    by_id, order, relations, labels = current()
    thesis = next(i for i, s in by_id.items() if s["kind"] == "thesis")
    if labels[thesis] == "accepted":  # the importers answer every attack already: an analyst raises one
        made = oped_case.counterargument_to_make(order, relations, thesis)
        api.client.patch(f"/statements/{made}", json={"kind": "counterargument"}, headers=key).raise_for_status()
        api.client.post("/relations", json={"source": made, "target": thesis, "type": "ATTACKS"},
                        headers=key).raise_for_status()
        by_id, order, relations, labels = current()
    assert labels[thesis] == "rejected"

    page = open_map(watched, api, document_id)
    assert_readable_at_default_view(page)
    graph = {"statements": list(by_id.values())}

    # A write without the key is refused, and the page says where to enter it.
    page.locator("#cy").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#st-id")).to_have_text(thesis)
    page.keyboard.press("k")
    page.keyboard.type("cla")
    page.keyboard.press("Enter")
    expect(page.locator("#error")).to_contain_text("API key")
    assert page.evaluate("document.activeElement.id") == "api-key"
    page.keyboard.type(API_KEY)
    page.locator("#analyst").fill("Jane Analyst")
    assert api.client.get(f"/statements/{thesis}").json()["kind"] == "thesis"

    revision = 0
    replies: list[str] = []
    for _ in range(5):  # answering one counterargument can free another that it answered
        attackers = oped_case.unanswered_attackers(relations, thesis, {i for i, v in labels.items()
                                                                       if v == "accepted"})
        if not attackers:
            break
        for attacker, reply in oped_case.pick_replies(order, relations, thesis, attackers).items():
            replies.append(reply)
            # Keyboard: find the reply, "k" to its kind, type "reb" for rebuttal, Enter saves.
            search_and_pick(page, graph, by_id[reply])
            expect(page.locator("#st-id")).to_have_text(reply)
            if by_id[reply]["kind"] != "rebuttal":
                page.locator("#cy").focus()
                page.keyboard.press("k")
                assert page.evaluate("document.activeElement.id") == "edit-kind"
                page.keyboard.type("reb")
                assert page.input_value("#edit-kind") == "rebuttal"
                page.keyboard.press("Enter")
                revision = wait_for_revision(page, revision)
                assert api.client.get(f"/statements/{reply}").json()["kind"] == "rebuttal"
                expect(page.locator("#edit-status")).to_contain_text("kind")
            # Mouse: "Connect to…" with "attacks (rebuttal)", then click the counterargument on the map.
            page.select_option("#connect-type", "ATTACKS:rebut")
            page.click("#connect")
            assert page.evaluate("document.body.dataset.connecting") == "true"
            click_at_node(page, attacker)
            revision = wait_for_revision(page, revision)
            assert page.evaluate("(id) => cy.getElementById(id).length", reply) == 1  # drawn now
            edge = page.evaluate("""([a, b]) => cy.edges().filter((e) => e.source().id() === a
                && e.target().id() === b).map((e) => [e.data('type'), e.data('mode')])""", [reply, attacker])
            assert edge == [["ATTACKS", "rebut"]]
        by_id, order, relations, labels = current()

    # Keyboard connect: the first reply also supports the thesis: "c", the arrow keys (from the
    # top of the map: the thesis), Enter.
    if (replies[0], thesis, "SUPPORTS") not in relations:
        search_and_pick(page, graph, by_id[replies[0]])
        page.select_option("#connect-type", "SUPPORTS:")
        page.locator("#cy").focus()
        page.keyboard.press("c")
        page.keyboard.press("ArrowUp")
        while page.evaluate("cy.nodes('.candidate').map((n) => n.id())") != [thesis]:
            page.keyboard.press("ArrowUp")
        page.keyboard.press("Enter")
        revision = wait_for_revision(page, revision)

    by_id, order, relations, labels = current()
    assert labels[thesis] == "accepted", "the thesis stands once its counterarguments are answered"
    assert page.text_content("#st-status") in {"accepted", "rejected", "undecided"}
    page.locator("#history-box summary").click()
    history = api.client.get(f"/documents/{document_id}/history").json()
    corrections_made = [e for e in history["data"] if e["kind"] not in ("import", "reimport")]
    assert page.locator("#history-list li").count() == history["count"]
    assert "Jane Analyst" in page.text_content("#history-list")
    screenshot(page, "map-corrected.png")

    # Reload: the corrections are stored, not kept in the page.
    page.reload()
    page.locator("body[data-ready='true']").wait_for(timeout=60_000)
    for reply in replies:
        assert page.evaluate("(id) => cy.getElementById(id).data('label')", reply).startswith("REBUTTAL")

    # Re-import: parsed again, every correction re-applied, the thesis still accepted.
    report = api.client.post(f"/documents/{document_id}/reimport", headers=key).json()
    assert report["no_longer_fit"] == []
    assert sorted(report["reapplied"] + report["already_satisfied"]) == [e["seq"] for e in corrections_made]
    by_id, order, relations, labels = current()
    assert labels[thesis] == "accepted"
    page.reload()
    page.locator("body[data-ready='true']").wait_for(timeout=60_000)
    for reply in replies:
        assert by_id[reply]["kind"] == "rebuttal"
        assert page.evaluate("(id) => cy.getElementById(id).data('label')", reply).startswith("REBUTTAL")

    # The AIF export carries the corrected map: the replies' kind and a CA node for each new attack.
    aif = json.loads(api.client.get(f"/documents/{document_id}/export", params={"format": "aif"}).text)
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    by_statement = {n["argmapId"]: n for n in aif["nodes"] if n["type"] == "I"}
    for reply in replies:
        assert by_statement[reply]["argmapKind"] == "rebuttal"
        outgoing = [e["toID"] for e in aif["edges"] if e["fromID"] == by_statement[reply]["nodeID"]]
        assert any(nodes[target]["type"] == "CA" for target in outgoing)
    assert all("401" in e for e in watched.errors)
    assert watched.foreign == []


def test_split_and_merge_from_the_map_page(watched: Watched, live_api: LiveAPI) -> None:
    """Split a statement in the page (offset typed in), merge the parts back by picking one, undo twice."""
    document_id = live_api.hostile_id
    graph = live_api.client.get(f"/documents/{document_id}/graph").json()
    target = max(graph["statements"], key=lambda s: len(s["quote"]))
    middle = target["quote"].index(" ", len(target["quote"]) // 2)
    at = target["start"] + len(target["quote"][:middle])  # offsets count code points
    page = open_map(watched, live_api, document_id)
    choose(page, target["id"])
    page.fill("#split-at", str(at))
    page.click("#split")
    page.locator("body[data-revision='1']").wait_for(timeout=30_000)
    after = live_api.client.get(f"/documents/{document_id}/graph").json()
    assert len(after["statements"]) == len(graph["statements"]) + 1
    second = next(s for s in after["statements"] if s["start"] > target["start"] and s["end"] == target["end"])
    assert second["quote"] == after["document"]["source"][second["start"]:second["end"]]
    expect(page.locator("#edit-status")).to_contain_text("split into")

    page.click("#merge")
    assert page.evaluate("document.body.dataset.connecting") == "true"
    choose_target = page.locator(f"#loose-sections button[data-id='{second['id']}']")
    if choose_target.count():
        section = choose_target.locator("xpath=ancestor::details[1]")
        if section.get_attribute("open") is None:
            section.locator("summary").click()
        choose_target.click()
    else:
        click_at_node(page, second["id"])
    page.locator("body[data-revision='2']").wait_for(timeout=30_000)
    assert live_api.client.get(f"/statements/{target['id']}").json()["quote"] == target["quote"]
    assert live_api.client.get(f"/statements/{second['id']}").status_code == 404

    page.locator("#history-box summary").click()
    page.click("#undo")
    page.locator("body[data-revision='3']").wait_for(timeout=30_000)
    page.click("#undo")
    page.locator("body[data-revision='4']").wait_for(timeout=30_000)
    restored = live_api.client.get(f"/documents/{document_id}/graph").json()
    assert sorted((s["id"], s["kind"], s["start"], s["end"]) for s in restored["statements"]) == sorted(
        (s["id"], s["kind"], s["start"], s["end"]) for s in graph["statements"])
    assert watched.errors == []


def test_page_colours_match_the_neo4j_stylesheet() -> None:
    common = (PROJECT_ROOT / "api" / "static" / "common.js").read_text(encoding="utf-8")
    for kind in StatementKind:
        assert f'"{kind.value}": "{KIND_COLOURS[kind]}"' in common


# --- Neo4j Browser -----------------------------------------------------------------------------------------

@pytest.mark.neo4j
def test_neo4j_browser_shows_statements_with_our_style_and_guide(
        neo4j_store: Neo4jStore, watched: Watched, live_api: LiveAPI) -> None:
    settings = Settings(_env_file=None, store="neo4j")  # type: ignore[call-arg]
    neo4j_store.clear()
    importing.import_seeds(neo4j_store, settings)
    csis = next(s for s in neo4j_store.list_documents()[0] if s.document.title.startswith("Rethinking"))
    api_host = f"http://localhost:{urlparse(live_api.url).port}"  # Browser's default allow-list has localhost
    bolt = urlparse(settings.neo4j_uri)

    page = watched.page
    page.goto(f"{NEO4J_BROWSER_ORIGIN}/browser/?dbms=bolt://127.0.0.1:{bolt.port}&preselectAuthMethod=NO_AUTH")
    # Auth is off, so Browser connects at once (its prompt then shows the database: "neo4j$"). Should it
    # show the connect form instead, choose "No authentication" there and connect.
    prompt = page.locator("[data-testid=activeEditor] .active-line-number",
                          has_text=f"{settings.neo4j_database}$")
    connect = page.locator("[data-testid=connect]")
    prompt.or_(connect).first.wait_for(timeout=60_000)
    if not prompt.count():
        page.select_option("[data-testid=authenticationMethod]", "NO_AUTH")
        connect.click()
        prompt.wait_for(timeout=60_000)
    banner = page.get_by_text("To help make Neo4j Browser better")
    if banner.count():
        banner.locator("xpath=ancestor::*[.//button][1]").locator("button").first.click()

    def run(command: str) -> None:
        page.locator("[data-testid=activeEditor]").click()
        page.keyboard.type(command)
        page.keyboard.press("Enter")

    frames = page.locator("[data-testid=frame]")

    # :style and :play fetch from the API cross-origin: CORS for Browser's origin.
    run(f":style {api_host}/neo4j/style.grass")
    page.get_by_text("node.Thesis").first.wait_for(timeout=30_000)
    run(f":play {api_host}/neo4j/guide")
    page.get_by_text("argmap in Neo4j").first.wait_for(timeout=30_000)
    assert page.locator("pre.runnable").count() >= 1

    statement_count = csis.statement_count
    run(f"MATCH (s:Statement)-[:PART_OF]->(:Document {{id: '{csis.document.id}'}}) "
        "OPTIONAL MATCH (s)-[r:SUPPORTS|ATTACKS|QUOTES]->(t:Statement {document_id: s.document_id}) RETURN s, r, t")
    page.locator("svg g.node").first.wait_for(timeout=60_000)
    page.wait_for_timeout(3_000)  # let the force layout settle for the screenshot
    assert page.evaluate("document.querySelectorAll('svg g.node').length") == statement_count
    assert page.locator("[data-testid='property-details-overview-node-label-Thesis']").count() == 1
    # The stylesheet's colours are applied: the thesis is purple, SUPPORTS arrows green.
    fills = set(page.evaluate("[...document.querySelectorAll('svg g.node circle.b-outline')]"
                              ".map((c) => (c.getAttribute('fill') || '').toLowerCase())"))
    assert KIND_COLOURS[StatementKind.THESIS] in fills, fills
    strokes = set(page.evaluate("[...document.querySelectorAll('svg g.relationship path.b-outline')]"
                                ".map((p) => (p.getAttribute('fill') || '').toLowerCase())"))
    assert "#2e7d32" in strokes, strokes
    assert frames.count() >= 3
    screenshot(frames.first, "neo4j-browser-document.png", publish=False)

    # For the README: the connected part of the map, big enough to read.
    run(f"MATCH (s:Statement {{document_id: '{csis.document.id}'}})-[r:SUPPORTS|ATTACKS]->(t:Statement) "
        "RETURN s, r, t")
    # The query's own frame, found by its command text: Browser may put another frame on top meanwhile
    # (a "Connected to Neo4j" notice after a reconnect under load made `frames.first` the wrong one).
    connected_part = frames.filter(has_text="(t:Statement) RETURN s, r, t").first
    expect(connected_part.locator("svg g.relationship").first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(3_000)
    screenshot(connected_part, "neo4j-browser.png")
