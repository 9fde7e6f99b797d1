/**
 * Renders executed notebooks as self-contained, reader-first HTML pages, and the index that links them.
 *
 * A report reads from the top: the title, a summary (the notebook's first markdown paragraph), the
 * verdicts on the documented conclusions (wherever the notebook shows them), the contents, the analyses
 * with the code folded away, and an appendix holding long tables and the cells tagged `appendix`.
 * Everything taken from the notebook is sanitized (sanitize.ts), and the page forbids scripts (page.ts).
 */
import type { Token, Tokens } from "marked";
import { Layout } from "./layout.ts";
import type { LinkTo } from "./links.ts";
import { lex, plainText } from "./markdown.ts";
import { type Cell, hasTag, mentionsModelPage, type Notebook, text } from "./notebook.ts";
import type { ExplorerParts } from "../explore/embed.ts";
import { formatTime, type Link, page } from "./page.ts";
import { escapeHtml } from "./sanitize.ts";
import { type VerdictCounts, verdictCountsHtml } from "./verdicts.ts";

export type { Cell, Notebook, Output } from "./notebook.ts";

export interface NotebookSummary {
  title: string;
  /** Plain text of the first paragraph of the first markdown cell, without a bold lead-in ("" if none). */
  description: string;
}

export interface RenderOptions {
  /** Shown in the footer, e.g. "notebooks/honey-supply.ipynb"; its stem is the fallback title. */
  fileName: string;
  generatedAt?: Date;
  /** Relative link to the index page. */
  indexHref?: string;
  /** Relative link to the model's documentation page, when the notebook names one. */
  docsHref?: string;
  /** Where the relative links of the notebook's Markdown and outputs go from the page; kept without it. */
  linkTo?: LinkTo;
  /**
   * The model's explorer, shown after the verdicts in place of the notebook's cell tagged `explorer`
   * (whose output's script the sanitizer would strip).
   */
  explorer?: ExplorerParts;
}

export interface IndexEntry extends NotebookSummary {
  /** Relative link to the report, e.g. "honey-supply.html". */
  href: string;
  verdicts?: VerdictCounts;
  docsHref?: string;
}

/** A cell that cannot be rendered, e.g. an output nested deeper than the sanitizer accepts. */
export class CellNotRendered extends Error {
  override name = "CellNotRendered";
}

const INDEX_TITLE = "Tokenomics notebooks — reports";
/** About two lines of the index at its widest. */
const BRIEF_LENGTH = 200;

export function summarize(notebook: Notebook, fileName: string): NotebookSummary {
  const { title, summary } = opening(notebook, fileName);
  const tokens = summary?.tokens ?? [];
  // "**What the source document claims.** ..." — a bold label opening the paragraph is not part of it.
  const leadIn = tokens[0]?.type === "strong" && /[.:]\s*$/.test(plainText([tokens[0]]));
  return {
    title,
    description: plainText(leadIn ? tokens.slice(1) : tokens).replace(/\s+/g, " ").trim(),
  };
}

export function renderNotebook(
  notebook: Notebook,
  { fileName, generatedAt = new Date(), indexHref = "index.html", docsHref, linkTo, explorer }: RenderOptions,
): string {
  const inCell = <T>(index: number, render: () => T) => renderingCell(notebook, fileName, index, render);
  const { title, summary, titleCell, rest } = opening(notebook, fileName);
  const layout = new Layout(fileName, linkTo);
  for (const [i, cell] of notebook.cells.entries()) {
    inCell(i, () => {
      if (cell.cell_type === "markdown") layout.addMarkdown(i === titleCell ? rest : text(cell.source));
      // The explorer cell is shown as the explorer section, after the verdicts.
      else if (cell.cell_type === "code" && !(explorer && hasTag(cell, EXPLORER_TAG))) {
        layout.addCode(cell, i);
      }
    });
  }
  const parts = [
    `<h1>${escapeHtml(title)}</h1>`,
    summary ? `<div class="summary">${inCell(titleCell, () => layout.markdown([summary]))}</div>` : "",
    layout.found(),
    layout.verdicts(),
    explorer ? explorerSection(explorer) : "",
    layout.contents(),
    layout.analyses(),
    layout.appendix(),
  ];
  const links: Link[] = [{ href: indexHref, label: "← All reports" }];
  if (docsHref) links.push({ href: docsHref, label: "How the model works" });
  return page({
    title,
    description: summarize(notebook, fileName).description,
    links,
    body: parts.filter(Boolean).join("\n"),
    footer: `Generated ${formatTime(generatedAt)} from <code>${escapeHtml(fileName)}</code>`,
    script: explorer,
  });
}

/** The tag of the notebook cell whose output is the model's explorer. */
export const EXPLORER_TAG = "explorer";

function explorerSection(explorer: ExplorerParts): string {
  return `<section class="explore" aria-labelledby="explorer"><h2 id="explorer">Explore the model</h2>` +
    `<p>The model runs in your browser: change a parameter, the runs or the seed, and the charts and the ` +
    `table follow. The page's address keeps the settings, so a link shows the same view, and the command ` +
    `under the table gives the same numbers.</p>${explorer.html}</section>`;
}

export function renderIndex(
  entries: IndexEntry[],
  { generatedAt = new Date(), docsIndexHref }: { generatedAt?: Date; docsIndexHref?: string } = {},
): string {
  const items = entries.map((entry) =>
    `<li><a class="report" href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a>` +
    (entry.description ? `<p class="brief">${escapeHtml(brief(entry.description))}</p>` : "") +
    (entry.verdicts ? `<p class="verdict-counts">${verdictCountsHtml(entry.verdicts)}</p>` : "") +
    (entry.docsHref ? `<p><a href="${escapeHtml(entry.docsHref)}">How the model works</a></p>` : "") + "</li>"
  );
  const body = `<h1>${escapeHtml(INDEX_TITLE)}</h1>\n` +
    (items.length > 0 ? `<ul class="reports">\n${items.join("\n")}\n</ul>` : "<p>No reports yet.</p>") +
    (docsIndexHref ? `\n<p><a href="${escapeHtml(docsIndexHref)}">Every model's documentation</a></p>` : "");
  return page({ title: INDEX_TITLE, body, footer: `Generated ${formatTime(generatedAt)}` });
}

/** What the page shows apart from the body: the title and the summary paragraph. */
interface Opening {
  title: string;
  summary?: Tokens.Paragraph;
  /** The markdown cell holding the title heading and the summary, if any. */
  titleCell: number;
  /** That cell's tokens without them. */
  rest: Token[];
}

function opening(notebook: Notebook, fileName: string): Opening {
  const titleCell = notebook.cells.findIndex((cell) => cell.cell_type === "markdown");
  const tokens = titleCell < 0
    ? []
    : renderingCell(notebook, fileName, titleCell, () => lex(text(notebook.cells[titleCell].source)));
  const h1 = tokens.find((token): token is Tokens.Heading => token.type === "heading" && token.depth === 1);
  // A line naming the model's page is not a summary: the page links that page at its top.
  const summary = tokens.find((token): token is Tokens.Paragraph =>
    token.type === "paragraph" && !mentionsModelPage(token.raw)
  );
  const heading = h1 ?? firstHeading(notebook.cells);
  return {
    title: heading ? plainText([heading]) : stem(fileName),
    summary,
    titleCell,
    rest: tokens.filter((token) => token !== h1 && token !== summary),
  };
}

/** Runs `render` on the cell at `index` so that, should it fail, the error names the notebook and the cell. */
function renderingCell<T>(notebook: Notebook, fileName: string, index: number, render: () => T): T {
  try {
    return render();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CellNotRendered(
      `${fileName}: cell ${index + 1}/${notebook.cells.length} cannot be rendered: ${reason}`,
      { cause: error },
    );
  }
}

function firstHeading(cells: Cell[]): Token | undefined {
  for (const cell of cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = lex(text(cell.source)).find((token) => token.type === "heading");
    if (heading) return heading;
  }
  return undefined;
}

function brief(description: string): string {
  if (description.length <= BRIEF_LENGTH) return description;
  const cut = description.slice(0, BRIEF_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), BRIEF_LENGTH / 2)).replace(/[\s,;:.(—–-]+$/, "")}…`;
}

function stem(fileName: string): string {
  return fileName.replace(/^.*\//, "").replace(/\.ipynb$/, "");
}
