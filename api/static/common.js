/* Shared helpers of argmap's pages. Document text only ever reaches the DOM as
 * textContent (never as HTML), so a document cannot inject markup or script. */
"use strict";

/* One colour per statement kind; the same as the Neo4j Browser stylesheet
 * (graph/palette.py KIND_COLOURS; a test keeps them equal). */
const KIND_COLOURS = {
  "thesis": "#6a1b9a",
  "claim": "#1565c0",
  "assumption": "#ef6c00",
  "assumption_check": "#f9a825",
  "evidence": "#00838f",
  "counterargument": "#c62828",
  "rebuttal": "#ad1457",
  "recommendation": "#2e7d32",
  "quote": "#6d4c41",
  "question": "#546e7a",
};

/** Create an element; `text` is set as textContent, children are appended. */
function el(tag, { text, cls, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

async function fetchJSON(url) {
  const response = await fetch(url, { headers: { "Accept": "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (_) { /* not JSON */ }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

function showError(message) {
  const box = document.getElementById("error");
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
}

function kindBadge(kind) {
  const badge = el("span", { text: kind.replace("_", " "), cls: "kind-badge" });
  badge.style.backgroundColor = KIND_COLOURS[kind] || "#999";
  return badge;
}
