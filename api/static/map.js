/* The argument map of one document (GET /documents/{id}/map), drawn with cytoscape.js and
 * laid out in layers by dagre (cytoscape-dagre): what is supported or attacked sits above
 * what supports or attacks it, so the thesis is at the top. Statements related to no other
 * statement of the document are not drawn: they are listed per section in the side panel.
 * Data: /documents/{id}/graph and /documents/{id}/status. All document text is written
 * with textContent; cytoscape draws labels on a canvas. */
"use strict";

const documentId = decodeURIComponent(window.location.pathname.split("/")[2] || "");
const state = { graph: null, statements: new Map(), status: {}, selected: null, codePoints: null,
                onMap: new Set(), searchIds: null, connecting: null };

/* Label metrics: labels are wrapped here (measured on a canvas with the same font) so each
 * node is exactly as tall as its text, and the layout never overlaps labels. */
const FONT_SIZE = 14;
const LINE_HEIGHT = 18;
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
const NODE_WIDTH = 220;
const NODE_PADDING = 10;
const MAX_TEXT_LINES = 5;
/* The smallest zoom at which a 14 px label is still about 11 px on screen: the default view
 * never zooms out further; "Fit all" may (labels then hide below 7 px, boxes stay). */
const READABLE_ZOOM = 0.8;
const VIEW_PADDING = 24;

/* Offsets from the API count Unicode code points (Python); JavaScript strings count
 * UTF-16 units. Map one to the other when the source has characters outside the BMP. */
function utf16Offset(source, codePointOffset) {
  if (state.codePoints === null) {
    state.codePoints = /[\uD800-\uDFFF]/.test(source) ? [] : false;
    if (state.codePoints) {
      let unit = 0;
      for (const ch of source) { state.codePoints.push(unit); unit += ch.length; }
      state.codePoints.push(unit);
    }
  }
  return state.codePoints ? state.codePoints[codePointOffset] : codePointOffset;
}

function shortLabel(text, max = 48) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const measure = document.createElement("canvas").getContext("2d");

/** ``text`` broken into lines no wider than ``width`` px, at most ``maxLines`` (the last ends in "…"). */
function wrapText(text, width, maxLines) {
  measure.font = `${FONT_SIZE}px ${FONT_FAMILY}`;
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  const lines = [];
  let line = "";
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure.measureText(candidate).width <= width || !line) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    let last = lines[maxLines - 1];
    while (last && measure.measureText(`${last}…`).width > width) last = last.slice(0, -1);
    lines[maxLines - 1] = `${last.trimEnd()}…`;
  }
  return lines.map((l) => (measure.measureText(l).width > width ? shortLabel(l, 30) : l));
}

/** ``hex`` mixed with white (``amount`` of the colour): an opaque fill edges cannot show through. */
function tint(hex, amount) {
  const channel = (i) => Math.round(255 - (255 - parseInt(hex.slice(i, i + 2), 16)) * amount);
  return `rgb(${channel(1)},${channel(3)},${channel(5)})`;
}

function kindLine(statement) {
  const status = state.status[statement.id];
  const kind = statement.kind.replace("_", " ").toUpperCase();
  return status && status !== "accepted" ? `${kind} · ${status}` : kind;
}

const STYLE = [
  { selector: "node.statement", style: {
    "shape": "round-rectangle", "width": "data(w)", "height": "data(h)", "label": "data(label)",
    "background-color": "data(fill)", "border-width": 2, "border-color": "data(colour)",
    // Statements above every edge, edges above the section boxes (compound parents).
    "z-compound-depth": "top", "z-index-compare": "manual", "z-index": 20,
    "color": "#1c2326", "font-size": FONT_SIZE, "font-family": FONT_FAMILY, "line-height": LINE_HEIGHT / FONT_SIZE,
    "text-wrap": "wrap", "text-max-width": NODE_WIDTH, "text-valign": "center", "text-halign": "center",
    "text-justification": "left", "min-zoomed-font-size": 7 } },
  { selector: "node.statement[kind = 'thesis']", style: { "border-width": 5 } },
  { selector: "node.statement[status = 'rejected']", style: { "border-style": "dashed" } },
  { selector: "node.section", style: {
    "shape": "round-rectangle", "background-color": "#eceff1", "background-opacity": 0.55, "border-width": 1,
    "border-color": "#b0bec5", "label": "data(label)", "text-valign": "top", "text-halign": "center",
    "text-margin-y": -4, "font-size": 16, "font-weight": "bold", "color": "#455a64", "padding": 16,
    "text-wrap": "wrap", "text-max-width": 600, "min-zoomed-font-size": 7, "events": "no" } },
  { selector: "edge", style: {
    "width": 2.5, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 1.1,
    "line-color": "#9e9e9e", "target-arrow-color": "#9e9e9e",
    "z-compound-depth": "top", "z-index-compare": "manual", "z-index": 10 } },
  { selector: "edge[type = 'SUPPORTS']", style: { "line-color": "#2e7d32", "target-arrow-color": "#2e7d32" } },
  { selector: "edge[type = 'ATTACKS']", style: { "line-color": "#c62828", "target-arrow-color": "#c62828",
                                                 "target-arrow-shape": "tee" } },
  { selector: "edge[mode = 'undercut']", style: { "line-style": "dashed" } },
  { selector: "edge[type = 'QUOTES']", style: { "line-color": "#9e9e9e", "target-arrow-color": "#9e9e9e",
                                                "line-style": "dotted" } },
  { selector: "node.statement:selected", style: { "border-width": 5, "border-color": "#000000" } },
  { selector: ".faded", style: { "opacity": 0.15 } },
  { selector: "node.match", style: { "border-width": 5, "border-color": "#ff6f00", "opacity": 1 } },
  { selector: "node.chain", style: { "border-width": 5, "border-color": "#ffab00", "opacity": 1 } },
  { selector: "edge.chain", style: { "width": 5, "opacity": 1 } },
  { selector: "node.connect-source", style: { "border-width": 6, "border-color": "#ad1457", "border-style": "double" } },
  { selector: "node.candidate", style: { "border-width": 6, "border-color": "#ad1457", "opacity": 1 } },
  { selector: ".filtered", style: { "display": "none" } },
];

/** Ids of the statements related to another statement of the same document: the ones drawn. */
function connectedIds(graph) {
  const ids = new Set();
  for (const r of graph.relations) {
    if (r.source !== r.target && state.statements.has(r.source) && state.statements.has(r.target)) {
      ids.add(r.source);
      ids.add(r.target);
    }
  }
  return ids;
}

function sectionName(statement) {
  return statement.section || "Introduction";
}

function elements(graph) {
  const drawn = graph.statements.filter((s) => state.onMap.has(s.id));
  const sections = [...new Set(drawn.map(sectionName))];
  // A long text split into sections is drawn as one box per section (compound nodes).
  const grouped = sections.length > 1;
  const parents = grouped ? sections.map((name, i) => ({ group: "nodes", classes: "section",
    data: { id: `section-${i}`, label: name } })) : [];
  const parentOf = new Map(sections.map((name, i) => [name, `section-${i}`]));
  const nodes = drawn.map((s) => {
    const lines = wrapText(s.text, NODE_WIDTH - 2 * NODE_PADDING, MAX_TEXT_LINES);
    return { group: "nodes", classes: "statement", data: {
      id: s.id, kind: s.kind, label: [kindLine(s), ...lines].join("\n"), colour: KIND_COLOURS[s.kind] || "#999999",
      fill: tint(KIND_COLOURS[s.kind] || "#999999", 0.12),
      status: state.status[s.id] || "accepted", w: NODE_WIDTH, h: (lines.length + 1) * LINE_HEIGHT + 2 * NODE_PADDING,
      parent: grouped ? parentOf.get(sectionName(s)) : undefined } };
  });
  const edges = graph.relations
    .filter((r) => state.onMap.has(r.source) && state.onMap.has(r.target) && r.source !== r.target)
    .map((r, i) => ({ group: "edges", data: {
      id: `e${i}`, source: r.source, target: r.target, type: r.type, mode: r.mode || "" } }));
  return [...parents, ...nodes, ...edges];
}

const DAGRE = { name: "dagre", rankDir: "BT", nodeSep: 24, rankSep: 56, edgeSep: 12, fit: false, animate: false,
                nodeDimensionsIncludeLabels: false };
const SECTION_GAP = 90;

/** Lay out the map. Without sections: one layered (dagre) drawing; rankDir BT puts an edge's
 * source (the supporter or attacker) below its target. With sections: each section is laid out
 * in layers on its own, and the section boxes flow in rows (the thesis's section first, then in
 * document order) whose width suits the canvas, so a long brief is not one very wide strip. */
function runLayout(cy) {
  const sections = cy.nodes(".section");
  if (!sections.length) {
    cy.elements().layout(DAGRE).run();
    return;
  }
  const boxes = [];
  sections.forEach((section) => {
    const members = section.children();
    members.union(members.edgesWith(members)).layout(DAGRE).run();
    const box = members.boundingBox();
    boxes.push({ section, members, box, first: members.some((n) => n.data("kind") === "thesis") });
  });
  boxes.sort((a, b) => Number(b.first) - Number(a.first));
  const area = boxes.reduce((sum, b) => sum + (b.box.w + SECTION_GAP) * (b.box.h + SECTION_GAP), 0);
  const aspect = Math.max(cy.width() / Math.max(cy.height(), 1), 0.6);
  const rowWidth = Math.max(...boxes.map((b) => b.box.w), Math.sqrt(area * aspect));
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const { members, box } of boxes) {
    if (x > 0 && x + box.w > rowWidth) {
      x = 0;
      y += rowHeight + SECTION_GAP;
      rowHeight = 0;
    }
    const dx = x - box.x1;
    const dy = y - box.y1;
    members.positions((node) => ({ x: node.position("x") + dx, y: node.position("y") + dy }));
    x += box.w + SECTION_GAP;
    rowHeight = Math.max(rowHeight, box.h);
  }
  // A section's title wraps within its own box (the gap above a row leaves room for two lines).
  for (const { section, box } of boxes) section.style("text-max-width", `${Math.max(box.w + 32, 160)}px`);
}

/* --- views ------------------------------------------------------------------------------ */

function statementNodes() {
  return window.cy.nodes(".statement").not(".filtered");
}

/** The whole map if it is readable so; otherwise the readable zoom, showing its top (the thesis). */
function readableView() {
  const cy = window.cy;
  const nodes = statementNodes();
  if (!nodes.length) return;
  cy.fit(nodes, VIEW_PADDING);
  if (cy.zoom() >= READABLE_ZOOM) {
    if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(nodes); }
    return;
  }
  const box = nodes.boundingBox();
  const thesis = nodes.filter("[kind = 'thesis']");
  const anchor = thesis.length ? thesis[0] : nodes.min((n) => n.position("y")).ele;
  cy.zoom(READABLE_ZOOM);
  cy.pan({ x: cy.width() / 2 - anchor.position("x") * READABLE_ZOOM,
           y: VIEW_PADDING + 20 - box.y1 * READABLE_ZOOM });
}

function fitAll() {
  window.cy.fit(statementNodes(), VIEW_PADDING);
}

/** Pan (no zoom change) so ``node`` is inside the viewport. */
function reveal(node) {
  const cy = window.cy;
  const box = node.renderedBoundingBox();
  if (box.x1 < 0 || box.y1 < 0 || box.x2 > cy.width() || box.y2 > cy.height()) cy.center(node);
}

/* --- side panel ----------------------------------------------------------------------- */

function showSource(statement) {
  const pre = document.getElementById("source");
  const source = state.graph.document.source;
  if (!statement) { pre.textContent = source; return null; }
  const start = utf16Offset(source, statement.start);
  const end = utf16Offset(source, statement.end);
  const mark = el("mark", { text: source.slice(start, end), attrs: { id: "quote" } });
  pre.replaceChildren(document.createTextNode(source.slice(0, start)), mark,
                      document.createTextNode(source.slice(end)));
  // Scroll the source box (only it, not the page or the panel) to the quote.
  pre.scrollTop = Math.max(0, mark.offsetTop - pre.clientHeight / 3);
  return mark;
}

function showStatement(id) {
  const s = state.statements.get(id);
  if (!s) return;
  state.selected = s;
  document.getElementById("hint").hidden = true;
  document.getElementById("details").hidden = false;
  document.getElementById("st-kind").replaceWith(Object.assign(kindBadge(s.kind), { id: "st-kind" }));
  document.getElementById("st-text").textContent = s.text;
  // an empty speaker is an opposing voice the text names no one for ("Critics say ..."): graph.model.UNNAMED_VOICE
  document.getElementById("st-speaker").textContent = s.speaker ? s.speaker + (s.reported ? " (reported)" : "")
    : "nobody named (an unnamed voice)";
  document.getElementById("st-status").textContent = state.status[s.id] || "accepted";
  document.getElementById("st-verdict").textContent = s.verdict || "—";
  document.getElementById("st-section").textContent = s.section || "—";
  document.getElementById("st-offsets").textContent = `characters ${s.start}–${s.end}`
    + (state.onMap.has(s.id) ? "" : " · not connected");
  document.getElementById("st-id").textContent = s.id;
  document.getElementById("chain").hidden = true;
  document.getElementById("support-chain").disabled = false;
  document.getElementById("rebuttal-chain").disabled = false;
  for (const item of document.querySelectorAll("#loose-sections button[aria-current]")) {
    item.removeAttribute("aria-current");
  }
  const listed = document.querySelector(`#loose-sections button[data-id="${CSS.escape(id)}"]`);
  if (listed) {
    listed.setAttribute("aria-current", "true");
    listed.closest("details").open = true;
  }
  document.getElementById("announce").textContent = `${s.kind.replace("_", " ")}: ${shortLabel(s.text, 200)}`;
  const origin = s.origin;
  document.getElementById("st-origin").textContent = !origin ? "—" : origin.by === "analyst"
    ? `${origin.name} (analyst), ${origin.at}` : `${origin.name}${origin.at ? `, ${origin.at}` : ""}`;
  fillEditForm(s);
  showRelations(s);
  showSource(s);
  showExternal(s);
}

/** Select a statement: on the map (panned into view) if it is drawn, in the side list otherwise.
 * While connecting, picking a statement makes it the target instead. */
function pick(id) {
  if (state.connecting) { connectTo(id); return; }
  select(id);
}

function select(id) {
  const cy = window.cy;
  cy.elements().unselect();
  const node = cy.getElementById(id);
  if (node.length) {
    node.select();
    reveal(node);
  }
  showStatement(id);
}

/* Relations to statements of other documents (e.g. QUOTES) are not drawn; they are listed. */
async function showExternal(s) {
  const links = state.graph.relations.filter((r) => (r.source === s.id) !== (r.target === s.id)
    && !(state.statements.has(r.source) && state.statements.has(r.target)));
  const box = document.getElementById("external");
  const list = document.getElementById("external-list");
  list.replaceChildren();
  box.hidden = links.length === 0;
  for (const r of links) {
    const outgoing = r.source === s.id;
    const otherId = outgoing ? r.target : r.source;
    const item = el("li", { text: `${outgoing ? r.type + " →" : "← " + r.type} ` });
    list.append(item);
    try {
      const other = await fetchJSON(`/statements/${encodeURIComponent(otherId)}`);
      if (state.selected !== s) return;
      item.append(kindBadge(other.kind), " ", el("a", { text: shortLabel(other.text, 120), attrs: {
        href: `/documents/${encodeURIComponent(other.document_id)}/map` } }));
    } catch (error) {
      item.append(el("span", { text: `${otherId} (${error.message})` }));
    }
  }
}

/** The statements not drawn, as a list per section (collapsed), each a button that selects it. */
function buildLooseList(graph) {
  const loose = graph.statements.filter((s) => !state.onMap.has(s.id));
  const box = document.getElementById("loose-sections");
  box.replaceChildren();
  document.getElementById("loose").hidden = loose.length === 0;
  document.getElementById("loose-title").textContent = `Not connected (${loose.length})`;
  const bySection = new Map();
  for (const s of loose) {
    if (!bySection.has(sectionName(s))) bySection.set(sectionName(s), []);
    bySection.get(sectionName(s)).push(s);
  }
  for (const [name, statements] of bySection) {
    const list = el("ul", { cls: "loose-list" });
    for (const s of statements) {
      const button = el("button", { attrs: { type: "button", "data-id": s.id, "data-kind": s.kind } },
                        kindBadge(s.kind), " ", el("span", { text: shortLabel(s.text, 140) }));
      button.addEventListener("click", () => pick(s.id));
      list.append(el("li", {}, button));
    }
    const summary = el("summary", { text: `${name} ` }, el("span", { cls: "muted", text: `(${statements.length})` }));
    box.append(el("details", { cls: "loose-section" }, summary, list));
  }
}

/* --- chains ---------------------------------------------------------------------------- */

function clearHighlight() {
  window.cy.elements().removeClass("faded chain");
}

function chainItem(node) {
  const s = node.statement;
  const here = state.statements.has(s.id);
  const text = `${node.relation ? node.relation + " · " : ""}${shortLabel(s.text, 90)}`
    + ` [${node.status}]${node.repeated ? " (repeated)" : ""}${here ? "" : " (other document)"}`;
  const item = el("li", {}, kindBadge(s.kind), " ", el("span", { text }));
  if (node.children.length) item.append(el("ul", {}, ...node.children.map(chainItem)));
  return item;
}

async function highlightChain(kind) {
  if (!state.selected) return;
  const id = state.selected.id;
  const url = `/statements/${encodeURIComponent(id)}/${kind}-chain?depth=10`;
  let chain;
  try {
    chain = await fetchJSON(url);
  } catch (error) {
    showError(`Could not load the ${kind} chain: ${error.message}`);
    return;
  }
  const cy = window.cy;
  clearHighlight();
  const ids = new Set();
  const pairs = [];
  (function walk(node, parent) {
    ids.add(node.statement.id);
    if (parent) pairs.push([node.statement.id, parent.statement.id]);
    node.children.forEach((child) => walk(child, node));
  })(chain.root, null);
  cy.elements(".statement, edge").addClass("faded");
  for (const nodeId of ids) cy.getElementById(nodeId).removeClass("faded").addClass("chain");
  for (const [a, b] of pairs) {
    cy.edges().filter((e) => (e.source().id() === a && e.target().id() === b)
                          || (e.source().id() === b && e.target().id() === a))
      .removeClass("faded").addClass("chain");
  }
  document.getElementById("chain-title").textContent =
    `${kind === "support" ? "Support" : "Rebuttal"} chain: ${chain.count} statement(s)`
    + (chain.truncated ? " (truncated)" : "");
  document.getElementById("chain-tree").replaceChildren(chainItem(chain.root));
  document.getElementById("chain").hidden = false;
  document.body.dataset.chain = String(ids.size);
}

/* --- filters --------------------------------------------------------------------------- */

function buildFilters(graph) {
  const counts = {};
  for (const s of graph.statements) counts[s.kind] = (counts[s.kind] || 0) + 1;
  const box = document.getElementById("kind-filter");
  for (const kind of Object.keys(KIND_COLOURS).filter((k) => counts[k])) {
    const input = el("input", { attrs: { type: "checkbox", value: kind } });
    input.checked = true;
    input.addEventListener("change", applyFilters);
    box.append(el("label", { cls: "kind-option" }, input, kindBadge(kind), ` ${counts[kind]}`));
  }
  const select = document.getElementById("topic-filter");
  for (const topic of graph.topics) {
    const n = graph.topic_tags.filter((t) => t.topic_id === topic.id).length;
    const opt = el("option", { text: `${topic.name} (${n})` });
    opt.value = topic.id;
    select.append(opt);
  }
  select.addEventListener("change", applyFilters);
}

/** A free-text topic: the statements of this document the API finds about it (GET /statements?topic=). */
async function applyTopicText() {
  const text = document.getElementById("topic-text").value.trim();
  if (!text) {
    state.topicMatches = null;
  } else {
    const params = new URLSearchParams({ document: documentId, topic: text, limit: "500" });
    const found = await fetchJSON(`/statements?${params}`);
    state.topicMatches = new Set(found.data.map((s) => s.id));
  }
  applyFilters();
  document.body.dataset.topicMatches = state.topicMatches ? String(state.topicMatches.size) : "";
}

function isVisible(statement) {
  const kinds = new Set([...document.querySelectorAll("#kind-filter input:checked")].map((i) => i.value));
  const topic = document.getElementById("topic-filter").value;
  if (!kinds.has(statement.kind)) return false;
  if (state.topicMatches && !state.topicMatches.has(statement.id)) return false;
  return !topic || state.graph.topic_tags.some((t) => t.topic_id === topic && t.statement_id === statement.id);
}

function applyFilters() {
  const cy = window.cy;
  cy.batch(() => {
    cy.nodes(".statement").forEach((node) => node.toggleClass("filtered", !isVisible(state.statements.get(node.id()))));
    cy.nodes(".section").forEach((section) => {
      section.toggleClass("filtered", section.children().not(".filtered").length === 0);
    });
  });
  let listed = 0;
  for (const button of document.querySelectorAll("#loose-sections button[data-id]")) {
    const visible = isVisible(state.statements.get(button.dataset.id));
    button.parentElement.hidden = !visible;
    listed += visible ? 1 : 0;
  }
  document.body.dataset.visible = String(statementNodes().length);
  document.body.dataset.listed = String(listed);
}

/* --- search ---------------------------------------------------------------------------- */

function clearSearch() {
  state.searchIds = null;
  window.cy.nodes().removeClass("match faded");
  document.getElementById("search-results").hidden = true;
  document.getElementById("search-count").textContent = "";
  for (const b of document.querySelectorAll("#loose-sections .match")) b.classList.remove("match");
}

function runSearch() {
  const query = document.getElementById("search").value.trim().toLowerCase();
  if (query.length < 2) { clearSearch(); return; }
  const found = state.graph.statements.filter((s) => s.text.toLowerCase().includes(query));
  state.searchIds = new Set(found.map((s) => s.id));
  const cy = window.cy;
  cy.batch(() => {
    cy.elements().removeClass("match faded chain");
    cy.nodes(".statement").forEach((n) => n.addClass(state.searchIds.has(n.id()) ? "match" : "faded"));
    cy.edges().addClass("faded");
  });
  for (const button of document.querySelectorAll("#loose-sections button[data-id]")) {
    button.classList.toggle("match", state.searchIds.has(button.dataset.id));
  }
  document.getElementById("search-count").textContent = `${found.length} match${found.length === 1 ? "" : "es"}`;
  const list = document.getElementById("search-results");
  list.replaceChildren(...found.slice(0, 30).map((s) => {
    const button = el("button", { attrs: { type: "button", "data-id": s.id } }, kindBadge(s.kind), " ",
                      el("span", { text: shortLabel(s.text, 110) }),
                      el("span", { cls: "muted", text: state.onMap.has(s.id) ? "" : " (not connected)" }));
    button.addEventListener("click", () => { pick(s.id); list.hidden = true; });
    return el("li", {}, button);
  }));
  list.hidden = found.length === 0;
  document.body.dataset.matches = String(found.length);
}

function wireSearch() {
  const input = document.getElementById("search");
  const list = document.getElementById("search-results");
  input.addEventListener("input", runSearch);
  input.addEventListener("keydown", (event) => {
    const first = list.querySelector("button");
    if (event.key === "Enter" && first) { event.preventDefault(); first.click(); document.getElementById("cy").focus(); }
    else if (event.key === "ArrowDown" && first && !list.hidden) { event.preventDefault(); first.focus(); }
    else if (event.key === "Escape") { input.value = ""; clearSearch(); }
  });
  list.addEventListener("keydown", (event) => {
    const buttons = [...list.querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < buttons.length - 1) { event.preventDefault(); buttons[at + 1].focus(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? buttons[at - 1] : input).focus(); }
    else if (event.key === "Escape") { list.hidden = true; input.focus(); }
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); input.select(); }
  });
}

/* --- keyboard on the map ---------------------------------------------------------------- */

/** The node among ``candidates`` nearest to ``from`` horizontally. */
function nearest(from, candidates) {
  if (!candidates.length) return null;
  return candidates.min((n) => Math.abs(n.position("x") - from.position("x"))).ele;
}

function neighbourInDirection(node, key) {
  const visible = statementNodes();
  if (key === "ArrowUp") return nearest(node, node.outgoers("node").intersection(visible));
  if (key === "ArrowDown") return nearest(node, node.incomers("node").intersection(visible));
  const row = visible.filter((n) => Math.abs(n.position("y") - node.position("y")) < 1)
    .sort((a, b) => a.position("x") - b.position("x"));
  const at = row.indexOf(node);
  const next = key === "ArrowLeft" ? row[at - 1] : row[at + 1];
  return next || null;
}

function onMapKey(event) {
  const cy = window.cy;
  if (state.connecting && onConnectKey(event)) return;
  const current = state.selected ? cy.getElementById(state.selected.id) : cy.collection();
  if (event.key === "c" && state.selected) {
    startConnect();
  } else if (event.key === "k" && state.selected) {
    event.preventDefault();
    document.getElementById("edit-kind").focus();
  } else if (event.key.startsWith("Arrow")) {
    event.preventDefault();
    let next;
    if (!current.length || current.hasClass("filtered")) {
      const visible = statementNodes();
      const thesis = visible.filter("[kind = 'thesis']");
      next = thesis.length ? thesis[0] : visible.min((n) => n.position("y")).ele;
    } else {
      next = neighbourInDirection(current, event.key);
    }
    if (next) select(next.id());
  } else if (event.key === "+" || event.key === "=") {
    cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  } else if (event.key === "-") {
    cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  } else if (event.key === "0") {
    readableView();
  } else if (event.key === "f") {
    fitAll();
  } else if (event.key === "Escape") {
    clearHighlight();
    cy.elements().unselect();
  } else {
    return;
  }
  document.body.dataset.zoom = cy.zoom().toFixed(3);
}


/* --- corrections ------------------------------------------------------------------------- */
/* Writes go to PATCH /statements/{id}, POST /relations, DELETE /relations/{id},
 * DELETE /statements/{id} and POST /documents/{id}/undo, the use cases the API and the CLI
 * share. The API key (when the server has one) and the analyst's name are kept in this tab's
 * sessionStorage only, and sent with each write. */

const KEY_STORE = "argmap.apiKey";
const ANALYST_STORE = "argmap.analyst";

function wireAccess() {
  const key = document.getElementById("api-key");
  const analyst = document.getElementById("analyst");
  key.value = sessionStorage.getItem(KEY_STORE) || "";
  analyst.value = sessionStorage.getItem(ANALYST_STORE) || "";
  key.addEventListener("input", () => sessionStorage.setItem(KEY_STORE, key.value));
  analyst.addEventListener("input", () => sessionStorage.setItem(ANALYST_STORE, analyst.value));
}

function notice(text) {
  document.getElementById("edit-status").textContent = text;
}

/** Send one write; the answer's JSON, or null after showing what went wrong. */
async function write(method, url, body) {
  const headers = { "Accept": "application/json" };
  const key = sessionStorage.getItem(KEY_STORE);
  if (key) headers["X-API-Key"] = key;
  const analyst = (sessionStorage.getItem(ANALYST_STORE) || "").trim();
  if (body !== undefined || analyst) {
    headers["Content-Type"] = "application/json";
    body = { ...(body || {}), ...(analyst ? { analyst } : {}) };
  }
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let answer = null;
  try { answer = await response.json(); } catch (_) { /* not JSON */ }
  if (response.status === 401) {
    document.getElementById("key-box").open = true;
    document.getElementById("api-key").focus();
    notice("");
    showError("This server needs its API key for corrections: enter it under “Edit access”, then try again.");
    return null;
  }
  if (!response.ok) {
    const detail = answer && answer.detail;
    showError(`Not saved (${response.status}): ${typeof detail === "string" ? detail
      : (detail || []).map((d) => d.msg).join("; ") || response.statusText}`);
    return null;
  }
  document.getElementById("error").hidden = true;
  return answer;
}

function fillEditForm(s) {
  const kind = document.getElementById("edit-kind");
  if (!kind.options.length) {
    for (const name of Object.keys(KIND_COLOURS)) {
      const option = el("option", { text: name.replace("_", " ") });
      option.value = name;
      kind.append(option);
    }
  }
  kind.value = s.kind;
  document.getElementById("edit-verdict").value = s.verdict || "";
  document.getElementById("edit-speaker").value = s.speaker;
  document.getElementById("edit-start").value = String(s.start);
  document.getElementById("edit-end").value = String(s.end);
  document.getElementById("split-at").value = "";
}

async function saveEdit(event) {
  event.preventDefault();
  const s = state.selected;
  if (!s) return;
  const body = {};
  const kind = document.getElementById("edit-kind").value;
  const verdict = document.getElementById("edit-verdict").value;
  const speaker = document.getElementById("edit-speaker").value.trim();
  const start = Number(document.getElementById("edit-start").value);
  const end = Number(document.getElementById("edit-end").value);
  if (kind !== s.kind) body.kind = kind;
  if (verdict && verdict !== (s.verdict || "")) body.verdict = verdict;
  if (speaker && speaker !== s.speaker) body.speaker = speaker;
  if (start !== s.start) body.start = start;
  if (end !== s.end) body.end = end;
  if (!Object.keys(body).length) { notice("Nothing changed."); return; }
  const answer = await write("PATCH", `/statements/${encodeURIComponent(s.id)}`, body);
  if (answer) await afterWrite(answer, s.id);
}

function showRelations(s) {
  const list = document.getElementById("relation-list");
  list.replaceChildren();
  const mine = state.graph.relations.filter((r) => (r.source === s.id || r.target === s.id)
    && state.statements.has(r.source) && state.statements.has(r.target));
  for (const r of mine) {
    const outgoing = r.source === s.id;
    const other = state.statements.get(outgoing ? r.target : r.source);
    const what = `${r.type.toLowerCase()}${r.mode ? ` (${r.mode})` : ""}`;
    const text = outgoing ? `→ ${what} ${other.kind.replace("_", " ")}: ${shortLabel(other.text, 70)}`
      : `← ${other.kind.replace("_", " ")} ${what} it: ${shortLabel(other.text, 70)}`;
    const remove = el("button", { text: "Remove", attrs: { type: "button", "data-relation": r.id,
                                                            "aria-label": `Remove: ${text}` } });
    remove.addEventListener("click", async () => {
      const answer = await write("DELETE", `/relations/${encodeURIComponent(r.id)}`);
      if (answer) await afterWrite(answer, s.id);
    });
    list.append(el("li", {}, el("span", { text }), remove));
  }
  if (!mine.length) list.append(el("li", { cls: "muted", text: "No relation to another statement of this text." }));
}

function startConnect(action = "connect") {
  if (!state.selected) return;
  state.connecting = { source: state.selected.id, candidate: null, action };
  document.getElementById("connect-what").textContent = action === "merge"
    ? "Pick the statement to merge into this one" : "Pick what this statement answers";
  document.body.dataset.connecting = "true";
  document.getElementById("connect-hint").hidden = false;
  window.cy.getElementById(state.selected.id).addClass("connect-source");
  notice("");
}

function stopConnect() {
  state.connecting = null;
  delete document.body.dataset.connecting;
  document.getElementById("connect-hint").hidden = true;
  window.cy.nodes().removeClass("connect-source candidate");
}

function moveCandidate(node) {
  const cy = window.cy;
  cy.nodes().removeClass("candidate");
  node.addClass("candidate");
  reveal(node);
  state.connecting.candidate = node.id();
  const s = state.statements.get(node.id());
  document.getElementById("announce").textContent =
    `Target: ${s.kind.replace("_", " ")}: ${shortLabel(s.text, 200)}. Enter connects, Escape cancels.`;
}

/** Arrow keys move the target candidate, Enter connects, Escape cancels; true when handled. */
function onConnectKey(event) {
  const cy = window.cy;
  if (event.key === "Escape") { event.preventDefault(); stopConnect(); return true; }
  if (event.key === "Enter") {
    event.preventDefault();
    if (state.connecting.candidate) connectTo(state.connecting.candidate);
    return true;
  }
  if (!event.key.startsWith("Arrow")) return false;
  event.preventDefault();
  const from = state.connecting.candidate ? cy.getElementById(state.connecting.candidate)
    : cy.getElementById(state.connecting.source);
  let next = from.length ? neighbourInDirection(from, event.key) : null;
  if (!from.length) {
    const visible = statementNodes();
    const thesis = visible.filter("[kind = 'thesis']");
    next = thesis.length ? thesis[0] : visible.min((n) => n.position("y")).ele;
  }
  if (next) moveCandidate(next);
  return true;
}

async function connectTo(targetId) {
  const { source, action } = state.connecting;
  stopConnect();
  if (targetId === source) { notice("Pick another statement."); return; }
  if (action === "merge") {
    const merged = await write("POST", `/statements/${encodeURIComponent(source)}/merge`, { other: targetId });
    if (merged) await afterWrite(merged, source);
    return;
  }
  const [type, mode] = document.getElementById("connect-type").value.split(":");
  const answer = await write("POST", "/relations", { source, target: targetId, type, ...(mode ? { mode } : {}) });
  if (answer) await afterWrite(answer, source);
}

async function splitStatement() {
  const s = state.selected;
  const at = Number(document.getElementById("split-at").value);
  if (!s || !document.getElementById("split-at").value) { notice("Give the offset to split at."); return; }
  const answer = await write("POST", `/statements/${encodeURIComponent(s.id)}/split`, { at });
  if (answer) await afterWrite(answer, s.id);
}

/* Text selected in the source box (inside the highlighted statement) gives the split offset. */
function splitOffsetFromSelection() {
  const s = state.selected;
  const selection = window.getSelection();
  if (!s || !selection.rangeCount) return;
  const range = selection.getRangeAt(0);
  const pre = document.getElementById("source");
  if (!pre.contains(range.startContainer)) return;
  const before = document.createRange();
  before.setStart(pre, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const units = before.toString().length;
  // The API counts code points; the page's string counts UTF-16 units.
  const at = [...pre.textContent.slice(0, units)].length;
  if (at > s.start && at < s.end) document.getElementById("split-at").value = String(at);
}

async function markNotArgumentative() {
  const s = state.selected;
  if (!s) return;
  const answer = await write("DELETE", `/statements/${encodeURIComponent(s.id)}`);
  if (answer) await afterWrite(answer, null);
}

async function undoLast() {
  const answer = await write("POST", `/documents/${encodeURIComponent(documentId)}/undo`);
  if (answer) await afterWrite(answer, state.selected && state.selected.id);
}

async function loadHistory() {
  let history;
  try {
    history = await fetchJSON(`/documents/${encodeURIComponent(documentId)}/history`);
  } catch (error) {
    return;
  }
  const undone = new Set(history.data.filter((e) => e.undoes).map((e) => e.undoes));
  document.getElementById("history-count").textContent = `(${history.count})`;
  document.getElementById("history-list").replaceChildren(...history.data.map((e) => el("li", {
    text: `${e.at} · ${e.author}: ${e.summary}${undone.has(e.seq) ? " (undone)" : ""}`,
    attrs: { "data-seq": String(e.seq), "data-kind": e.kind } })));
  const undo = document.getElementById("undo");
  undo.disabled = history.undo === null;
  undo.title = history.undo === null ? "Nothing to undo" : `Undo entry ${history.undo}`;
  document.body.dataset.history = String(history.count);
}

/** Reload the map after a correction, keep the view, and say what happened. */
async function afterWrite(answer, selectId) {
  const relation = answer.relation;
  const describe = (id) => {
    const s = state.statements.get(id);
    return s ? `${s.kind.replace("_", " ")} “${shortLabel(s.text, 40)}”` : id;
  };
  notice(relation ? `Saved: ${answer.kind === "add_relation" ? "added" : "removed"}: ${describe(relation.source)} `
    + `${relation.type.toLowerCase()}${relation.mode ? ` (${relation.mode})` : ""} ${describe(relation.target)}`
    : `Saved: ${answer.summary}`);
  await refresh(selectId);
}

async function refresh(selectId) {
  if (state.searchIds) {  // the redrawn map starts without the old search's highlight
    document.getElementById("search").value = "";
    clearSearch();
  }
  const unchecked = new Set([...document.querySelectorAll("#kind-filter input:not(:checked)")].map((i) => i.value));
  const topic = document.getElementById("topic-filter").value;
  await load();
  const graph = state.graph;
  for (const option of document.querySelectorAll("#kind-filter .kind-option")) option.remove();
  for (const option of [...document.getElementById("topic-filter").options].slice(1)) option.remove();
  buildFilters(graph);
  for (const input of document.querySelectorAll("#kind-filter input")) input.checked = !unchecked.has(input.value);
  document.getElementById("topic-filter").value = topic;
  buildLooseList(graph);
  showMeta(graph);
  const cy = window.cy;
  const viewport = { zoom: cy.zoom(), pan: { ...cy.pan() } };
  cy.elements().remove();
  cy.add(elements(graph));
  runLayout(cy);
  cy.viewport(viewport);
  applyFilters();
  if (selectId && state.statements.has(selectId)) {
    select(selectId);
  } else {
    state.selected = null;
    document.getElementById("details").hidden = true;
    document.getElementById("hint").hidden = false;
  }
  await loadHistory();
  document.body.dataset.revision = String(Number(document.body.dataset.revision || 0) + 1);
}

function wireEditing() {
  wireAccess();
  document.getElementById("edit").addEventListener("submit", saveEdit);
  // Enter on a field of the form saves (a select does not submit on Enter by itself).
  document.getElementById("edit").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.tagName === "SELECT") {
      event.preventDefault();
      document.getElementById("edit").requestSubmit();
    }
  });
  document.getElementById("not-argumentative").addEventListener("click", markNotArgumentative);
  document.getElementById("split").addEventListener("click", splitStatement);
  document.getElementById("merge").addEventListener("click", () => {
    startConnect("merge");
    document.getElementById("cy").focus();
  });
  document.getElementById("source").addEventListener("mouseup", splitOffsetFromSelection);
  document.getElementById("connect").addEventListener("click", () => {
    startConnect();
    document.getElementById("cy").focus();
  });
  document.getElementById("undo").addEventListener("click", undoLast);
}

/* --- start ----------------------------------------------------------------------------- */

async function load() {
  const [graph, status] = await Promise.all([
    fetchJSON(`/documents/${encodeURIComponent(documentId)}/graph`),
    fetchJSON(`/documents/${encodeURIComponent(documentId)}/status`).catch(() => ({ data: [] })),
  ]);
  state.graph = graph;
  state.statements = new Map(graph.statements.map((s) => [s.id, s]));
  state.status = {};
  for (const entry of status.data) state.status[entry.statement_id] = entry.status;
  state.onMap = connectedIds(graph);
}

function showMeta(graph) {
  document.getElementById("doc-meta").textContent =
    [graph.document.authors.join(", "), graph.document.published, `${graph.statements.length} statements`,
     `${graph.relations.length} relations`].filter(Boolean).join(" · ");
}

async function main() {
  await load();
  const graph = state.graph;
  document.title = `argmap · ${graph.document.title}`;
  document.getElementById("doc-title").textContent = graph.document.title;
  showMeta(graph);
  showSource(null);
  buildFilters(graph);
  document.getElementById("topic-text").addEventListener("change", applyTopicText);
  buildLooseList(graph);

  const cy = window.cytoscape({
    container: document.getElementById("cy"),
    elements: elements(graph),
    style: STYLE,
    minZoom: 0.05, maxZoom: 4,
    boxSelectionEnabled: false,
  });
  window.cy = cy;
  runLayout(cy);
  readableView();
  // The container can change size without a window resize (header or controls wrapping).
  new ResizeObserver(() => cy.resize()).observe(document.getElementById("cy"));
  cy.on("tap", "node.statement", (event) => pick(event.target.id()));
  // Zoomed out, an edge's hit area can cover part of a node: a tap inside a node's box means that node.
  cy.on("tap", (event) => {
    if (event.target !== cy && !event.target.isEdge()) return;
    const { x, y } = event.position;
    const hit = statementNodes().filter((n) => {
      const box = n.boundingBox({ includeLabels: false, includeOverlays: false });
      return x >= box.x1 && x <= box.x2 && y >= box.y1 && y <= box.y2;
    });
    if (hit.length) pick(hit.last().id());
  });
  cy.on("zoom", () => { document.body.dataset.zoom = cy.zoom().toFixed(3); });
  document.getElementById("cy").addEventListener("keydown", onMapKey);
  document.getElementById("support-chain").addEventListener("click", () => highlightChain("support"));
  document.getElementById("rebuttal-chain").addEventListener("click", () => highlightChain("rebuttal"));
  document.getElementById("clear-highlight").addEventListener("click", clearHighlight);
  document.getElementById("fit").addEventListener("click", readableView);
  document.getElementById("fit-all").addEventListener("click", fitAll);
  wireSearch();
  wireEditing();
  applyFilters();
  await loadHistory();
  document.body.dataset.zoom = cy.zoom().toFixed(3);
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.getElementById("doc-title").textContent = "Could not load the map";
  showError(error.message);
  document.body.dataset.ready = "error";
});
