// factcheck's page: sends the statement to POST /v1/check on this server
// and shows the verdict. Every text from the answer is put in the page as
// text (textContent), never as HTML. `/?statement=...` checks at once
// (a link an editor can share, and how the browser test drives the page).
"use strict";

const LABELS = {
  supported: { word: "Supported", sign: "✓" },
  conflicting: { word: "Conflicting", sign: "✗" },
  not_enough_info: { word: "Not enough info", sign: "?" },
};
const ROLES = { supports: "supports", conflicts: "conflicts", related: "related" };

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function badge(verdict) {
  const label = LABELS[verdict] || { word: verdict, sign: "" };
  return el("span", { class: "badge " + verdict },
    el("span", { "aria-hidden": "true" }, label.sign + " "), label.word);
}

// JavaScript strings count UTF-16 units; the API's offsets are UTF-8 bytes.
function byteToIndex(text, byte) {
  let bytes = 0;
  let index = 0;
  for (const char of text) {
    if (bytes >= byte) break;
    const code = char.codePointAt(0);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    index += char.length;
  }
  return index;
}

// `text` with the spans [start, end) (UTF-16 indices) marked, each with a
// hidden note for screen readers.
function marked(text, spans) {
  const fragment = document.createDocumentFragment();
  const sorted = spans
    .filter((s) => s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    fragment.append(text.slice(at, span.start));
    fragment.append(el("mark", { class: "conflict" }, text.slice(span.start, span.end)));
    fragment.append(el("span", { class: "sr-only" }, " (" + span.note + ")"));
    at = span.end;
  }
  fragment.append(text.slice(at));
  return fragment;
}

// Where a conflict's statement side is in `claim`: its byte offsets when
// they hold its text, else the first place the text appears.
function statementSpan(claim, conflict) {
  const start = byteToIndex(claim, conflict.claim_start);
  const end = byteToIndex(claim, conflict.claim_end);
  if (claim.slice(start, end) === conflict.claim_text) return { start, end };
  const found = claim.indexOf(conflict.claim_text);
  return found < 0 ? null : { start: found, end: found + conflict.claim_text.length };
}

function statementWithMarks(claim, conflicts) {
  const spans = [];
  for (const conflict of conflicts) {
    const span = statementSpan(claim, conflict);
    if (span) spans.push({ ...span, note: "conflicts with the corpus: " + conflict.evidence_text });
  }
  return el("p", { class: "statement" }, marked(claim, spans));
}

function evidenceWithMarks(evidence, conflicts) {
  const spans = [];
  for (const conflict of conflicts) {
    if (conflict.document !== evidence.document) continue;
    if (conflict.evidence_start < evidence.start || conflict.evidence_end > evidence.end) continue;
    // Offsets are bytes in the document; the passage starts at evidence.start.
    const start = byteToIndex(evidence.text, conflict.evidence_start - evidence.start);
    const end = byteToIndex(evidence.text, conflict.evidence_end - evidence.start);
    if (evidence.text.slice(start, end) !== conflict.evidence_text) continue;
    spans.push({ start, end, note: "the statement says " + conflict.claim_text });
  }
  const role = ROLES[evidence.role] || "related";
  return el("figure", {},
    el("blockquote", { class: role }, marked(evidence.text, spans)),
    el("figcaption", { class: "where" },
      `${role} · ${evidence.document}, paragraph ${evidence.paragraph}, sentence ${evidence.sentence}` +
      (evidence.claim ? ` · compared with the claim “${evidence.claim}”` : "")));
}

// One verdict (a record, or a part of a compound statement).
function verdictBlock(record, heading) {
  const block = el("article", { class: "record" });
  block.append(el(heading, { class: "verdict" }, badge(record.verdict),
    " ", el("span", { class: "quiet" }, `confidence ${Math.round(record.confidence * 100)}%`)));
  block.append(statementWithMarks(record.claim, record.conflicts || []));
  if (record.explanation) block.append(el("p", {}, record.explanation));
  const evidence = record.evidence || [];
  if (evidence.length) {
    block.append(el("h3", {}, evidence.length === 1 ? "Evidence" : `Evidence (${evidence.length} passages)`));
    for (const item of evidence) block.append(evidenceWithMarks(item, record.conflicts || []));
  }
  return block;
}

function showRecord(result, record) {
  if (record.error) {
    result.append(el("p", { class: "error", role: "alert" }, "Could not check it: " + record.error));
    return;
  }
  result.append(el("h2", { id: "verdict-heading", tabindex: "-1" }, "Verdict"));
  result.append(verdictBlock(record, "p"));
  for (const part of record.parts || []) {
    result.append(el("h3", {}, "Part: " + part.claim));
    result.append(verdictBlock(part, "p"));
  }
  if (record.review) {
    const review = record.review;
    result.append(el("p", {}, "A fact-checker reviewed this claim: ", badge(review.verdict),
      ` “${review.claim}”` + (review.source ? ` (${review.source})` : "")));
  }
}

function headers() {
  const headers = { "content-type": "application/json" };
  const token = document.getElementById("token").value.trim();
  if (token) headers.authorization = "Bearer " + token;
  return headers;
}

async function post(statement, format) {
  const response = await fetch("/v1/check?format=" + encodeURIComponent(format), {
    method: "POST",
    headers: headers(),
    body: JSON.stringify({ statement }),
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      const error = JSON.parse(text);
      message = `${error.message} (${error.error})`;
    } catch (_) { /* not JSON: show as is */ }
    throw new Error(`${response.status}: ${message}`);
  }
  return { text, version: response.headers.get("factcheck-index-version") };
}

async function check(statement, format) {
  const result = document.getElementById("result");
  const button = document.getElementById("submit");
  result.replaceChildren(el("p", { class: "quiet" }, "Checking…"));
  result.setAttribute("aria-busy", "true");
  button.disabled = true;
  try {
    const json = await post(statement, "json");
    const records = JSON.parse(json.text);
    result.replaceChildren();
    for (const record of records) showRecord(result, record);
    const raw = format === "json" ? json : await post(statement, format);
    const details = el("details", { open: "" }, el("summary", {}, `As ${format}`), el("pre", { id: "raw" }, raw.text));
    result.append(details);
    result.append(el("p", { class: "where" }, `Answered with index version ${json.version}.`));
    const heading = document.getElementById("verdict-heading");
    if (heading) heading.focus();
  } catch (err) {
    result.replaceChildren(el("p", { class: "error", role: "alert" }, "The check failed: " + err.message));
  } finally {
    result.setAttribute("aria-busy", "false");
    button.disabled = false;
  }
}

// The draft's text with each checked claim marked by its verdict (in
// words too, for screen readers), then each claim with its evidence in a
// <details> a click away.
function showDraft(result, report, text) {
  const claims = (report.claims || []).filter((c) => c.end > c.start);
  const counts = {};
  for (const claim of claims) counts[claim.label || "error"] = (counts[claim.label || "error"] || 0) + 1;
  result.append(el("h2", { id: "verdict-heading", tabindex: "-1" }, "Draft"));
  result.append(el("p", { class: "summary" }, `${claims.length} claims checked: ` +
    Object.entries(counts).map(([label, n]) => `${n} ${(LABELS[label] || { word: label }).word.toLowerCase()}`).join(", ") +
    `; ${(report.skipped || []).length} sentences skipped.`));
  const marks = document.createDocumentFragment();
  let at = 0;
  claims.sort((a, b) => a.start - b.start).forEach((claim, n) => {
    const start = byteToIndex(text, claim.start);
    const end = byteToIndex(text, claim.end);
    if (start < at) return;
    const label = claim.label || "error";
    marks.append(text.slice(at, start));
    marks.append(el("a", { class: "claim " + label, href: "#claim-" + n },
      text.slice(start, end), el("span", { class: "sr-only" }, ` (${(LABELS[label] || { word: label }).word})`)));
    at = end;
  });
  marks.append(text.slice(at));
  result.append(el("p", { class: "draft-text" }, marks));
  claims.forEach((claim, n) => {
    const details = el("details", { id: "claim-" + n },
      el("summary", {}, badge(claim.label || "error"), " ", claim.claim));
    if (claim.error) details.append(el("p", { class: "error" }, claim.error));
    else details.append(verdictBlock({ ...claim, verdict: claim.label }, "p"));
    result.append(details);
  });
}

async function checkDraft(text) {
  const result = document.getElementById("result");
  const button = document.getElementById("submit-draft");
  result.replaceChildren(el("p", { class: "quiet" }, "Checking the draft…"));
  result.setAttribute("aria-busy", "true");
  button.disabled = true;
  try {
    const response = await fetch("/v1/draft?format=json", {
      method: "POST",
      headers: { ...headers(), "content-type": "text/plain; charset=utf-8" },
      body: text,
    });
    const body = await response.text();
    if (!response.ok) {
      let message = body;
      try { const error = JSON.parse(body); message = `${error.message} (${error.error})`; } catch (_) { /* as is */ }
      throw new Error(`${response.status}: ${message}`);
    }
    result.replaceChildren();
    showDraft(result, JSON.parse(body), text);
    result.append(el("p", { class: "where" }, `Answered with index version ${response.headers.get("factcheck-index-version")}.`));
    document.getElementById("verdict-heading").focus();
  } catch (err) {
    result.replaceChildren(el("p", { class: "error", role: "alert" }, "The draft check failed: " + err.message));
  } finally {
    result.setAttribute("aria-busy", "false");
    button.disabled = false;
  }
}

async function describeCorpus() {
  try {
    const response = await fetch("/v1/corpus", { headers: headers() });
    if (!response.ok) return;
    const corpus = await response.json();
    document.getElementById("corpus").textContent =
      `Checking against ${corpus.corpus}: ${corpus.documents} documents, ${corpus.passages} passages, ` +
      `${corpus.claims} claims (index version ${corpus.index_version}, built ${corpus.built_at}).`;
  } catch (_) { /* the line above stays as it was */ }
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("check");
  const statement = document.getElementById("statement");
  const format = document.getElementById("format");
  const token = document.getElementById("token");
  token.value = sessionStorage.getItem("factcheck-token") || "";
  token.addEventListener("change", () => {
    sessionStorage.setItem("factcheck-token", token.value);
    describeCorpus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = statement.value.trim();
    if (!text) { statement.focus(); return; }
    const url = new URL(window.location.href);
    url.searchParams.set("statement", text);
    url.searchParams.set("format", format.value);
    history.replaceState(null, "", url);
    check(text, format.value);
  });
  statement.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  const draftForm = document.getElementById("draft-form");
  const draft = document.getElementById("draft");
  draftForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!draft.value.trim()) { draft.focus(); return; }
    checkDraft(draft.value);
  });
  describeCorpus();
  const params = new URLSearchParams(window.location.search);
  if (params.get("draft")) {
    draft.value = params.get("draft");
    checkDraft(draft.value);
  }
  if (params.has("format") && [...format.options].some((o) => o.value === params.get("format"))) {
    format.value = params.get("format");
  }
  if (params.get("statement")) {
    statement.value = params.get("statement");
    check(statement.value.trim(), format.value);
  }
});
