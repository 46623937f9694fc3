/* The argument map of one document (GET /documents/{id}/map), drawn with cytoscape.js.
 * Data: /documents/{id}/graph (statements, relations, topics, source text) and
 * /documents/{id}/status (grounded status of each statement). All document text is
 * written with textContent; cytoscape draws labels on a canvas. */
"use strict";

const documentId = decodeURIComponent(window.location.pathname.split("/")[2] || "");
const state = { graph: null, statements: new Map(), status: {}, selected: null, codePoints: null };

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

const STYLE = [
  { selector: "node", style: {
    "background-color": "data(colour)", "label": "data(label)", "width": 22, "height": 22,
    "font-size": 7, "color": "#263238", "text-wrap": "wrap", "text-max-width": 110,
    "text-valign": "bottom", "text-margin-y": 3, "border-width": 1, "border-color": "#37474f" } },
  { selector: "node[kind = 'thesis']", style: { "width": 40, "height": 40, "shape": "hexagon" } },
  { selector: "node[kind = 'recommendation']", style: { "width": 32, "height": 32, "shape": "round-rectangle" } },
  { selector: "node[kind = 'assumption']", style: { "shape": "diamond", "width": 28, "height": 28 } },
  { selector: "node[status = 'rejected']", style: { "border-style": "dashed", "border-width": 2,
                                                    "border-color": "#c62828" } },
  { selector: "edge", style: {
    "width": 2, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.8,
    "line-color": "#9e9e9e", "target-arrow-color": "#9e9e9e" } },
  { selector: "edge[type = 'SUPPORTS']", style: { "line-color": "#2e7d32", "target-arrow-color": "#2e7d32" } },
  { selector: "edge[type = 'ATTACKS']", style: { "line-color": "#c62828", "target-arrow-color": "#c62828",
                                                 "target-arrow-shape": "tee" } },
  { selector: "edge[mode = 'undercut']", style: { "line-style": "dashed" } },
  { selector: "edge[type = 'QUOTES']", style: { "line-color": "#9e9e9e", "target-arrow-color": "#9e9e9e",
                                                "line-style": "dotted" } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#000000" } },
  { selector: ".faded", style: { "opacity": 0.12 } },
  { selector: "node.chain", style: { "border-width": 4, "border-color": "#ffab00", "opacity": 1 } },
  { selector: "edge.chain", style: { "width": 5, "opacity": 1 } },
  { selector: ".filtered", style: { "display": "none" } },
];

function elements(graph) {
  const nodes = graph.statements.map((s) => ({ group: "nodes", data: {
    id: s.id, kind: s.kind, label: shortLabel(s.text), colour: KIND_COLOURS[s.kind] || "#999",
    status: state.status[s.id] || "accepted" } }));
  const known = new Set(graph.statements.map((s) => s.id));
  const edges = graph.relations
    .filter((r) => known.has(r.source) && known.has(r.target))
    .map((r, i) => ({ group: "edges", data: {
      id: `e${i}`, source: r.source, target: r.target, type: r.type, mode: r.mode || "" } }));
  return nodes.concat(edges);
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
  document.getElementById("st-speaker").textContent = s.speaker + (s.reported ? " (reported)" : "");
  document.getElementById("st-status").textContent = state.status[s.id] || "accepted";
  document.getElementById("st-verdict").textContent = s.verdict || "—";
  document.getElementById("st-section").textContent = s.section || "—";
  document.getElementById("st-offsets").textContent = `characters ${s.start}–${s.end}`;
  document.getElementById("st-id").textContent = s.id;
  document.getElementById("chain").hidden = true;
  document.getElementById("support-chain").disabled = false;
  document.getElementById("rebuttal-chain").disabled = false;
  showSource(s);
  showExternal(s);
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
  cy.elements().addClass("faded");
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

function applyFilters() {
  const kinds = new Set([...document.querySelectorAll("#kind-filter input:checked")].map((i) => i.value));
  const topic = document.getElementById("topic-filter").value;
  const tagged = new Set(state.graph.topic_tags.filter((t) => t.topic_id === topic).map((t) => t.statement_id));
  window.cy.batch(() => {
    window.cy.nodes().forEach((node) => {
      const visible = kinds.has(node.data("kind")) && (!topic || tagged.has(node.id()));
      node.toggleClass("filtered", !visible);
    });
  });
  document.body.dataset.visible = String(window.cy.nodes().not(".filtered").length);
}

/* --- start ----------------------------------------------------------------------------- */

async function main() {
  const [graph, status] = await Promise.all([
    fetchJSON(`/documents/${encodeURIComponent(documentId)}/graph`),
    fetchJSON(`/documents/${encodeURIComponent(documentId)}/status`).catch(() => ({ data: [] })),
  ]);
  state.graph = graph;
  for (const s of graph.statements) state.statements.set(s.id, s);
  for (const entry of status.data) state.status[entry.statement_id] = entry.status;

  document.title = `argmap · ${graph.document.title}`;
  document.getElementById("doc-title").textContent = graph.document.title;
  document.getElementById("doc-meta").textContent =
    [graph.document.authors.join(", "), graph.document.published, `${graph.statements.length} statements`,
     `${graph.relations.length} relations`].filter(Boolean).join(" · ");
  showSource(null);
  buildFilters(graph);

  const cy = window.cytoscape({
    container: document.getElementById("cy"),
    elements: elements(graph),
    style: STYLE,
    layout: { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: false,
              componentSpacing: 60, nodeRepulsion: () => 6000, idealEdgeLength: () => 50, numIter: 1500 },
    minZoom: 0.1, maxZoom: 4,
  });
  window.cy = cy;
  // The container can change size without a window resize (header or controls wrapping).
  new ResizeObserver(() => cy.resize()).observe(document.getElementById("cy"));
  cy.on("tap", "node", (event) => showStatement(event.target.id()));
  // Zoomed out, an edge's hit area can cover the middle of a small node, and cytoscape's hit test
  // misses some points inside concave shapes: a tap inside a node's box means that node.
  cy.on("tap", (event) => {
    if (event.target !== cy && !event.target.isEdge()) return;
    const { x, y } = event.position;
    const hit = cy.nodes().not(".filtered").filter((n) => {
      const box = n.boundingBox({ includeLabels: false, includeOverlays: false });
      return x >= box.x1 && x <= box.x2 && y >= box.y1 && y <= box.y2;
    });
    if (hit.length) {
      cy.elements().unselect();
      hit.last().select();
      showStatement(hit.last().id());
    }
  });
  document.getElementById("support-chain").addEventListener("click", () => highlightChain("support"));
  document.getElementById("rebuttal-chain").addEventListener("click", () => highlightChain("rebuttal"));
  document.getElementById("clear-highlight").addEventListener("click", clearHighlight);
  document.getElementById("fit").addEventListener("click", () => cy.fit(undefined, 20));
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.getElementById("doc-title").textContent = "Could not load the map";
  showError(error.message);
  document.body.dataset.ready = "error";
});
