// Renders executed notebooks as self-contained HTML pages (inline CSS, inline SVG, data: URIs; no
// scripts, fonts or local file references) and the index page that links them.

import { Marked, type Token } from "marked";

/** The subset of nbformat v4 that the renderer reads. Text fields may be split into lines on disk. */
export interface Notebook {
  cells: Cell[];
}

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: MultilineText;
  metadata?: { tags?: string[] };
  outputs?: Output[];
}

export type Output =
  | { output_type: "stream"; name: string; text: MultilineText }
  | { output_type: "display_data" | "execute_result"; data: MimeBundle }
  | { output_type: "error"; ename: string; evalue: string; traceback?: string[] };

type MultilineText = string | string[];
type MimeBundle = Record<string, unknown>;

export interface NotebookSummary {
  title: string;
  /** Plain text of the first paragraph of the first markdown cell ("" if there is none). */
  description: string;
}

export interface RenderOptions {
  /** Shown in the footer, e.g. "notebooks/honey-supply.ipynb"; its stem is the fallback title. */
  fileName: string;
  generatedAt?: Date;
}

export interface IndexEntry extends NotebookSummary {
  /** Relative link to the report, e.g. "honey-supply.html". */
  href: string;
}

const INDEX_TITLE = "Tokenomics notebooks — reports";

const markdown = new Marked({ gfm: true, async: false });

export function summarize(notebook: Notebook, fileName: string): NotebookSummary {
  const markdownCells = notebook.cells.filter((cell) => cell.cell_type === "markdown");
  const tokens = markdownCells.map((cell) => markdown.lexer(text(cell.source)));
  const heading = tokens.flat().find((token) => token.type === "heading");
  const paragraph = tokens[0]?.find((token) => token.type === "paragraph");
  return {
    title: heading ? plainText([heading]) : stem(fileName),
    description: paragraph ? plainText([paragraph]).replace(/\s+/g, " ").trim() : "",
  };
}

export function renderNotebook(
  notebook: Notebook,
  { fileName, generatedAt = new Date() }: RenderOptions,
): string {
  const summary = summarize(notebook, fileName);
  const hasHeading = notebook.cells.some((cell) =>
    cell.cell_type === "markdown" &&
    markdown.lexer(text(cell.source)).some((token) => token.type === "heading")
  );
  const body = [
    hasHeading ? "" : `<h1>${escapeHtml(summary.title)}</h1>`,
    ...notebook.cells.map(renderCell),
  ].join("\n");
  const footer = `Generated ${formatTime(generatedAt)} from <code>${escapeHtml(fileName)}</code>`;
  return page(summary.title, summary.description, body, footer);
}

export function renderIndex(entries: IndexEntry[], generatedAt = new Date()): string {
  const items = entries.map((entry) =>
    `<li><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a>` +
    (entry.description ? `<p>${escapeHtml(entry.description)}</p>` : "") + "</li>"
  );
  const body = `<h1>${escapeHtml(INDEX_TITLE)}</h1>\n` +
    (items.length > 0 ? `<ul class="reports">\n${items.join("\n")}\n</ul>` : "<p>No reports yet.</p>");
  return page(INDEX_TITLE, "", body, `Generated ${formatTime(generatedAt)}`);
}

function renderCell(cell: Cell): string {
  const source = text(cell.source);
  switch (cell.cell_type) {
    case "markdown":
      return `<section class="markdown">${markdown.parse(source, { async: false })}</section>`;
    case "raw":
      return "";
    case "code": {
      if (!source.trim()) return "";
      const code = `<details class="source"><summary>code</summary><pre><code>${
        escapeHtml(source)
      }</code></pre></details>`;
      return code + (cell.outputs ?? []).map(renderOutput).join("\n");
    }
  }
}

function renderOutput(output: Output): string {
  switch (output.output_type) {
    case "stream": {
      const stderr = output.name === "stderr" ? " stderr" : "";
      return `<pre class="output stream${stderr}">${escapeHtml(stripAnsi(text(output.text)))}</pre>`;
    }
    case "error": {
      const traceback = stripAnsi((output.traceback ?? []).join("\n"));
      return `<div class="output error"><strong>${escapeHtml(`${output.ename}: ${output.evalue}`)}</strong>` +
        (traceback ? `<pre>${escapeHtml(traceback)}</pre>` : "") + "</div>";
    }
    case "display_data":
    case "execute_result":
      return renderMimeBundle(output.data);
  }
}

/** Renders the richest representation we can show without scripts, like Jupyter's own preference order. */
function renderMimeBundle(data: MimeBundle): string {
  const get = (mime: string) =>
    typeof data[mime] === "string" || Array.isArray(data[mime])
      ? text(data[mime] as MultilineText)
      : undefined;
  const html = get("text/html");
  if (html !== undefined) return `<div class="output html">${html}</div>`;
  const svg = get("image/svg+xml");
  // An XML declaration or doctype is invalid inside an HTML document, so drop anything before <svg.
  if (svg !== undefined) {
    return `<div class="output svg">${svg.slice(Math.max(0, svg.indexOf("<svg")))}</div>`;
  }
  for (const mime of ["image/png", "image/jpeg"]) {
    const image = get(mime);
    if (image !== undefined) {
      return `<div class="output image"><img alt="" src="data:${mime};base64,${
        image.replace(/\s+/g, "")
      }"></div>`;
    }
  }
  const md = get("text/markdown");
  if (md !== undefined) return `<div class="output markdown">${markdown.parse(md, { async: false })}</div>`;
  const plain = get("text/plain");
  if (plain !== undefined) return `<pre class="output">${escapeHtml(stripAnsi(plain))}</pre>`;
  return "";
}

function page(title: string, description: string, body: string, footer: string): string {
  const meta = description ? `\n<meta name="description" content="${escapeHtml(description)}">` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${meta}
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
<footer>${footer}</footer>
</body>
</html>
`;
}

const CSS = `
:root { --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --code-bg: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main, footer { max-width: 960px; margin: 0 auto; padding: 2rem 1.5rem; }
footer { border-top: 1px solid var(--border); color: var(--muted); font-size: .85rem; padding-top: 1rem; }
a { color: var(--accent); }
h1 { font-size: 2rem; line-height: 1.25; margin: 0 0 1rem; padding-bottom: .3em;
  border-bottom: 1px solid var(--border); }
.markdown h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; padding-bottom: .2em;
  border-bottom: 1px solid var(--border); }
.markdown h3 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
code { background: var(--code-bg); border-radius: 4px; padding: .1em .35em; }
pre { background: var(--code-bg); border-radius: 6px; padding: .75rem 1rem; overflow-x: auto; }
pre code { background: none; padding: 0; }
blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: 4px solid var(--border); }
details.source { margin: 1rem 0 .25rem; }
details.source > summary { cursor: pointer; color: var(--muted); font-size: .8rem; width: max-content; }
details.source > pre { margin-top: .25rem; border: 1px solid var(--border); }
.output { margin: .5rem 0 1.5rem; overflow-x: auto; }
pre.output { background: #fff; border: 1px solid var(--border); }
pre.output.stderr { background: #fff8c5; border-color: #d4a72c; }
.error { border-left: 4px solid #cf222e; background: #ffebe9; padding: .75rem 1rem; border-radius: 4px; }
.error pre { background: transparent; padding: .5rem 0 0; margin: 0; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .875rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--border); padding: .3rem .65rem; text-align: left; }
th { background: var(--code-bg); font-weight: 600; }
tbody tr:nth-child(even) { background: #f9fafb; }
svg, img { max-width: 100%; height: auto; }
figure { margin: 1rem 0; }
figure h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
figure h3 { font-size: .95rem; font-weight: normal; color: var(--muted); margin: 0 0 .5rem; }
figcaption { color: var(--muted); font-size: .875rem; margin-top: .5rem; }
ul.reports { list-style: none; padding: 0; }
ul.reports li { margin: 0 0 1.25rem; }
ul.reports a { font-size: 1.15rem; font-weight: 600; }
ul.reports p { margin: .2rem 0 0; color: var(--muted); }
@media print { details.source { display: none; } }
`;

/** Plain text of markdown tokens: inline markup dropped, entities left as typed. */
function plainText(tokens: Token[]): string {
  return tokens.map((token) => {
    if ("tokens" in token && token.tokens) return plainText(token.tokens);
    return "text" in token && typeof token.text === "string" ? token.text : "";
  }).join("");
}

function text(value: MultilineText): string {
  return Array.isArray(value) ? value.join("") : value;
}

function stem(fileName: string): string {
  return fileName.replace(/^.*\//, "").replace(/\.ipynb$/, "");
}

function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function stripAnsi(value: string): string {
  // deno-lint-ignore no-control-regex
  return value.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
