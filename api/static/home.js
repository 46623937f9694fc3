/* Home page: open a document's map; compare two authors on a topic (GET /compare). */
"use strict";

function option(value, label) {
  const node = el("option", { text: label });
  node.value = value;
  return node;
}

function mapUrl(documentId) {
  return `/documents/${encodeURIComponent(documentId)}/map`;
}

async function loadDocuments() {
  const documents = [];
  for (let offset = 0; ; ) {
    const page = await fetchJSON(`/documents?limit=500&offset=${offset}`);
    documents.push(...page.data);
    offset += page.data.length;
    if (!page.data.length || offset >= page.count) break;
  }
  const select = document.getElementById("document-select");
  const body = document.querySelector("#documents tbody");
  for (const doc of documents) {
    select.append(option(doc.id, doc.title));
    const link = el("a", { text: doc.title, attrs: { href: mapUrl(doc.id) } });
    body.append(el("tr", {},
      el("td", {}, link),
      el("td", { text: doc.authors.join(", ") }),
      el("td", { text: doc.published || "" }),
      el("td", { text: doc.statement_count, cls: "num" }),
      el("td", { text: doc.relation_count, cls: "num" })));
  }
  const authors = [...new Set(documents.flatMap((d) => d.authors))].sort();
  const a = document.getElementById("author-a");
  const b = document.getElementById("author-b");
  for (const name of authors) {
    a.append(option(name, name));
    b.append(option(name, name));
  }
  // Default: the first authors of two different documents.
  const firsts = [...new Set(documents.map((d) => d.authors[0]).filter(Boolean))];
  if (firsts.length > 1) { a.value = firsts[firsts.length - 1]; b.value = firsts[0]; }
}

async function loadTopics() {
  const topics = await fetchJSON("/topics");
  // Suggestions only: any free text is a topic too (a phrase, a yes/no question, a proposition).
  const list = document.getElementById("topic-list");
  for (const topic of topics.data) list.append(option(topic.id, topic.name));
  if (topics.data.some((t) => t.id === "negotiation")) document.getElementById("topic").value = "negotiation";
}

function statementItem(item) {
  const stance = item.stance > 0 ? "for" : item.stance < 0 ? "against" : "neutral";
  const s = item.statement;
  return el("li", {}, kindBadge(s.kind), " ", el("span", { text: `(${stance}) `, cls: "stance" }),
    el("a", { text: s.text, attrs: { href: mapUrl(s.document_id) } }));
}

function renderPosition(target, position) {
  target.replaceChildren(
    el("h3", { text: `${position.label}: ${position.stance}` }),
    el("p", { text: position.authors.join(", "), cls: "muted" }),
    el("h4", { text: "Their strongest positions" }),
    el("ul", {}, ...position.strongest.map(statementItem)),
    el("h4", { text: "Others they report" }),
    el("ul", {}, ...position.reported.map((r) => el("li", { text: `${r.speaker}: ${r.stance}` }))));
}

async function compare(event) {
  event.preventDefault();
  document.getElementById("error").hidden = true;
  const params = new URLSearchParams({
    a: document.getElementById("author-a").value,
    b: document.getElementById("author-b").value,
    topic: document.getElementById("topic").value,
  });
  try {
    const result = await fetchJSON(`/compare?${params}`);
    document.getElementById("summary").textContent = result.summary;
    renderPosition(document.getElementById("position-a"), result.a);
    renderPosition(document.getElementById("position-b"), result.b);
    const rows = result.aligned.map((pair) => el("tr", {},
      el("td", { text: pair.relation }),
      el("td", { text: pair.a.statement.text }),
      el("td", { text: pair.b.statement.text }),
      el("td", { text: pair.similarity.toFixed(2), cls: "num" })));
    document.querySelector("#aligned tbody").replaceChildren(...rows);
    document.getElementById("comparison").hidden = false;
    document.body.dataset.compared = "true";
  } catch (error) {
    showError(`Comparison failed: ${error.message}`);
  }
}

document.getElementById("open-map").addEventListener("submit", (event) => {
  event.preventDefault();
  const id = document.getElementById("document-select").value;
  if (id) window.location.assign(mapUrl(id));
});
document.getElementById("compare-form").addEventListener("submit", compare);

Promise.all([loadDocuments(), loadTopics()])
  .then(() => { document.body.dataset.ready = "true"; })
  .catch((error) => showError(`Could not load: ${error.message}`));
