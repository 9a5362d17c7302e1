// The query box: runs SPARQL against /sparql (the SPARQL 1.1 Protocol, POST form) and
// shows the answer as a table; IRIs of the graph link to their pages.
"use strict";
const BASE = "https://w3id.org/govkg/";
const PAGES = /^(person|body|org|post|event|article)\//;

function pageOf(iri) {
  const path = iri.startsWith(BASE) ? iri.slice(BASE.length) : null;
  return path && PAGES.test(path) ? "/" + path : null;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  const href = term.type === "uri" ? pageOf(term.value) : null;
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = term.value.slice(BASE.length);
    td.appendChild(a);
  } else {
    td.textContent = term.value;
  }
  return td;
}

function showTable(data, target) {
  if ("boolean" in data) {
    target.textContent = data.boolean ? "true" : "false";
    return 1;
  }
  const vars = data.head.vars;
  const table = document.createElement("table");
  table.id = "results-table";
  const head = table.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const v of vars) row.appendChild(cell(binding[v]));
  }
  target.replaceChildren(table);
  return data.results.bindings.length;
}

async function run(event) {
  event.preventDefault();
  const status = document.getElementById("status");
  const target = document.getElementById("results");
  const query = document.getElementById("query").value;
  status.textContent = "running…";
  const started = performance.now();
  const response = await fetch("/sparql", {
    method: "POST",
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9",
              "Content-Type": "application/x-www-form-urlencoded"},
    body: new URLSearchParams({query}),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const text = await response.text();
  if (!response.ok) {
    status.textContent = `error ${response.status}`;
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = text;
    target.replaceChildren(p);
    return;
  }
  if ((response.headers.get("Content-Type") || "").startsWith("text/turtle")) {
    const pre = document.createElement("pre");
    pre.className = "graph-result";
    pre.textContent = text;
    target.replaceChildren(pre);
    status.textContent = `graph in ${seconds} s`;
    return;
  }
  const n = showTable(JSON.parse(text), target);
  const cut = response.headers.get("Govkg-Results-Truncated");
  status.textContent = `${n} result${n === 1 ? "" : "s"} in ${seconds} s` + (cut ? ` (${cut})` : "");
}

async function chooseQuestion() {
  const name = document.getElementById("question").value;
  if (!name) return;
  const response = await fetch("/questions/" + encodeURIComponent(name));
  document.getElementById("query").value = await response.text();
}

document.getElementById("query-form").addEventListener("submit", run);
document.getElementById("question").addEventListener("change", chooseQuestion);
