/**
 * The page every report, documentation page and the index share: one self-contained HTML file (inline CSS,
 * inline SVG, data: images), laid out for reading on a phone, a laptop or paper.
 */
import { explorerPolicy } from "../explore/page.ts";
import { escapeHtml } from "./sanitize.ts";

/**
 * Nothing may run, load or be submitted: no script-src (so no script of any kind, inline or not), images
 * only from data: URIs, styles only inline. Pages need no script (folding is <details>), so this is a
 * second wall behind the sanitizer, not a replacement for it.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** A script the page runs (an explorer's): its element, the CSP source allowing it alone, its styles. */
export interface PageScript {
  readonly script: string;
  readonly scriptSource: string;
  readonly css: string;
}

export interface Link {
  href: string;
  label: string;
}

export interface PageParts {
  title: string;
  /** For the description meta tag: what the page is about, in a sentence or two. */
  description?: string;
  /** Links shown above the page's title, e.g. back to the index. */
  links?: Link[];
  /** The body's HTML, already sanitized or escaped. */
  body: string;
  /** The footer's HTML, already escaped. */
  footer: string;
  /**
   * The one script the page may run (a model's explorer), allowed by its hash alone and a worker from a
   * Blob URL (explorerPolicy): still no other script, no inline handler, no eval, no request.
   */
  script?: PageScript;
}

export function page({ title, description, links = [], body, footer, script }: PageParts): string {
  const policy = script ? explorerPolicy(script.scriptSource) : CONTENT_SECURITY_POLICY;
  const meta = description ? `\n<meta name="description" content="${escapeHtml(description)}">` : "";
  const nav = links.length > 0
    ? `<nav class="top">${
      links.map(({ href, label }) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`).join("")
    }</nav>\n`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">${meta}
<title>${escapeHtml(title)}</title>
<style>${CSS}${script?.css ?? ""}</style>
</head>
<body>
<main>
${nav}${body}
</main>
<footer>${footer}</footer>
${script?.script ?? ""}
</body>
</html>
`;
}

export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const CSS = `
:root { --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --code-bg: #f6f8fa; --accent: #0969da;
  --holds: #1a7f37; --fails: #cf222e; --untestable: #9a6700; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: #fff;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main, footer { max-width: 960px; margin: 0 auto; padding: 1.5rem 1.25rem; }
main { overflow-wrap: break-word; }
footer { border-top: 1px solid var(--border); color: var(--muted); font-size: .85rem; padding-top: 1rem; }
a { color: var(--accent); }
nav.top { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; font-size: .9rem; margin-bottom: 1.25rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 1rem; padding-bottom: .3em;
  border-bottom: 1px solid var(--border); }
h2 { font-size: 1.45rem; line-height: 1.3; margin: 2.5rem 0 .75rem; padding-bottom: .2em;
  border-bottom: 1px solid var(--border); }
h3 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
p.summary { font-size: 1.05rem; }
.verdicts-summary { font-weight: 600; }
.count-holds { color: var(--holds); }
.count-fails { color: var(--fails); }
.count-untestable { color: var(--untestable); }
td.verdict { font-weight: 600; }
td.verdict-holds { color: var(--holds); }
td.verdict-does-not-hold { color: var(--fails); }
td.verdict-not-testable-here { color: var(--untestable); }
/* The verdict table stays about a screen high: one line per claim, each claim's source, quantity, reason
   and robustness in full folded under its title, a scenario named once above its claims. */
table.verdicts, table.checks, table.findings { width: 100%; line-height: 1.4; }
table.verdicts { table-layout: fixed; }
/* The findings: the document's few words and the cause narrower than what the model gives. */
table.findings { table-layout: fixed; }
table.findings thead th:nth-child(1) { width: 22%; }
table.findings thead th:nth-child(2) { width: 22%; }
table.findings thead th:nth-child(3) { width: 30%; }
table.findings thead th:nth-child(4) { width: 26%; }
table.verdicts th, table.verdicts td, table.checks td, table.findings td { padding-top: .2rem;
  padding-bottom: .2rem; }
table.verdicts thead th:nth-child(1) { width: 31%; }
table.verdicts thead th:nth-child(2) { width: 24%; }
table.verdicts thead th:nth-child(3) { width: 14%; }
table.verdicts thead th:nth-child(4) { width: 14%; }
table.verdicts thead th:nth-child(5) { width: 17%; }
/* On a wide screen the verdict table takes up to 1200 px, centred on the text: it is the page's widest
   table, and the width keeps each claim on one line; the findings table beside it, so it stays short. */
@media (min-width: 1100px) {
  section.verdicts .table-scroll:has(> table.verdicts), section.verdicts .table-scroll:has(> table.findings) {
    --wide: min(1200px, 100vw - 3rem);
    width: var(--wide); margin-left: calc((100% - var(--wide)) / 2); }
}
td.claim details { display: inline; font-size: .8rem; }
td.claim summary { display: inline; color: var(--muted); cursor: pointer; margin-left: .35rem; }
td.claim details[open] { display: block; font-weight: normal; }
td.claim details p { margin: .25rem 0; }
td.measured .value, td.measured .spread { white-space: nowrap; }
td.measured .spread { color: var(--muted); }
tr.group th { background: #fff; border-left: 0; border-right: 0; padding-top: .5rem; }
td.robustness { font-size: .8rem; }
td.robustness-fragile, td.robustness-depends { color: var(--fails); }
section.found p { font-size: 1.05rem; }
.method-notes { font-size: .85rem; color: var(--muted); }
nav.contents { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px;
  padding: .25rem 1.25rem .75rem; margin: 2rem 0; }
nav.contents h2 { font-size: 1.1rem; border: 0; margin: .75rem 0 .25rem; }
nav.contents ol { margin: 0; padding-left: 1.25rem; }
nav.contents ol ol { font-size: .92rem; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
code { background: var(--code-bg); border-radius: 4px; padding: .1em .35em; }
pre { background: var(--code-bg); border-radius: 6px; padding: .75rem 1rem; overflow-x: auto; }
pre code { background: none; padding: 0; }
blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: 4px solid var(--border); }
details.code { margin: .75rem 0 .25rem; }
details.code > summary { cursor: pointer; color: var(--muted); font-size: .8rem; width: max-content; }
details.code > pre { margin-top: .25rem; border: 1px solid var(--border); }
.output { margin: .5rem 0 1.5rem; }
pre.output { background: #fff; border: 1px solid var(--border); }
pre.output.stderr { background: #fff8c5; border-color: #d4a72c; }
.error { border-left: 4px solid var(--fails); background: #ffebe9; padding: .75rem 1rem; border-radius: 4px; }
.error pre { background: transparent; padding: .5rem 0 0; margin: 0; }
p.moved { color: var(--muted); font-size: .9rem; font-style: italic; }
.table-scroll { overflow-x: auto; margin: .5rem 0 1rem; border: 1px solid var(--border); border-radius: 6px;
  scrollbar-width: auto; scrollbar-color: #8c959f #eef1f4; container-type: inline-size; }
.table-scroll > table { margin: 0; border-style: hidden; }
/* A wide table scrolls, its caption does not: it stays in view, wrapped to the scrolling block's width. */
.table-scroll > table > caption { position: sticky; left: 0; max-width: 100cqw; box-sizing: border-box; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .875rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; color: var(--muted); padding: .5rem .65rem; }
th, td { border: 1px solid var(--border); padding: .3rem .65rem; text-align: left; vertical-align: top; }
th { background: var(--code-bg); font-weight: 600; }
tbody tr:nth-child(even) { background: #f9fafb; }
svg, img { max-width: 100%; height: auto; }
figure { margin: 1.5rem 0; max-width: 100%; }
figure h2 { font-size: 1.1rem; border: 0; margin: 0 0 .25rem; padding: 0; }
figure h3 { font-size: .95rem; font-weight: normal; color: var(--muted); margin: 0 0 .5rem; }
figcaption { color: var(--muted); font-size: .875rem; margin-top: .5rem; }
section.appendix details { margin: .75rem 0; border: 1px solid var(--border); border-radius: 6px;
  padding: .5rem .75rem; }
section.appendix summary { cursor: pointer; font-weight: 600; }
ul.reports { list-style: none; padding: 0; }
ul.reports li { margin: 0 0 1.5rem; }
ul.reports a.report { font-size: 1.15rem; font-weight: 600; }
ul.reports p { margin: .2rem 0 0; }
ul.reports p.brief { color: var(--muted); }
@media (max-width: 600px) {
  main, footer { padding: 1rem .75rem; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.25rem; }
  /* On a phone each claim becomes a card, so its verdict is not scrolled out of sight. The labels follow
     the columns of lib/notebook/claims.ts: claim, measured, criterion, verdict, robustness; and, for the
     findings, finding, the document, the model, driven by. */
  section.claims .table-scroll { overflow: visible; }
  section.claims table, section.claims caption, section.claims tbody, section.claims tr, section.claims td {
    display: block; }
  section.claims thead { display: none; }
  section.claims tr { padding: .5rem .75rem; border-top: 1px solid var(--border); background: #fff; }
  section.claims td { border: 0; padding: .1rem 0; }
  section.claims td:first-child { font-weight: 600; }
  section.claims tr.group { border-top: 0; padding-bottom: 0; }
  section.claims tr.group th { display: block; border: 0; padding: .5rem 0 0; }
  table.verdicts td:nth-child(2)::before { content: "Measured: "; color: var(--muted); }
  table.verdicts td:nth-child(3)::before { content: "Criterion: "; color: var(--muted); }
  table.verdicts td.robustness::before { content: "Robustness: "; color: var(--muted); }
  section.claims td.verdict::before { content: "Verdict: "; color: var(--muted); font-weight: normal; }
  table.findings td:nth-child(2)::before { content: "The document: "; color: var(--muted); }
  table.findings td:nth-child(3)::before { content: "The model: "; color: var(--muted); }
  table.findings td:nth-child(4)::before { content: "Driven by: "; color: var(--muted); }
}
@media print {
  nav.top, details.code { display: none; }
  main { max-width: none; padding: 0; }
  .table-scroll { overflow: visible; border: 0; }
  table { width: 100%; font-size: 8pt; }
  th { overflow-wrap: anywhere; }
  td.verdict { white-space: normal; }
  figure, .output.svg, .output.image { break-inside: avoid; }
  h2, h3, figure h2, caption { break-after: avoid; }
  section.appendix details::details-content { content-visibility: visible; display: block; }
}
`;
