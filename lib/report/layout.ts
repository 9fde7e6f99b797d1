/**
 * A report's parts as its cells are laid out in order: the analyses (markdown with anchored headings, code
 * folded away, outputs), and what is taken out of them for the page to show elsewhere — the verdict
 * tables, which open the page, and the appendix of long tables and cells tagged `appendix`.
 */
import type { Token } from "marked";
import { type AppendixEntry, arrangeFragment, wrapTables } from "./arrange.ts";
import { anchorHeadings, contentsNav, type Heading, Slugger } from "./contents.ts";
import { type LinkTo, relativeLinks } from "./links.ts";
import { renderMarkdown } from "./markdown.ts";
import { type Cell, hasTag, text } from "./notebook.ts";
import { renderOutput } from "./outputs.ts";
import { escapeHtml, parseFragment, sanitizeChildren, type SanitizeOptions } from "./sanitize.ts";
import { sumVerdicts, type VerdictCounts, verdictCountsHtml } from "./verdicts.ts";

/** Tag of code cells whose outputs (and code) belong in the appendix rather than among the analyses. */
const APPENDIX_TAG = "appendix";
/** Ids the page's own parts use, which headings must not take. */
const PAGE_IDS = ["what-we-found", "verdicts", "explorer", "contents", "appendix"];

export class Layout {
  /**
   * `fileName`: the notebook's project path, from which its links are written; `linkTo`: where they go
   * from the page (unchanged without it).
   */
  constructor(fileName: string, linkTo?: LinkTo) {
    this.#sanitize = linkTo ? { relativeLink: relativeLinks(fileName, linkTo) } : {};
  }

  readonly #sanitize: SanitizeOptions;
  readonly #slugger = new Slugger(PAGE_IDS);
  readonly #headings: Heading[] = [];
  readonly #analyses: string[] = [];
  readonly #found: string[] = [];
  readonly #verdicts: string[] = [];
  #counts?: VerdictCounts;
  readonly #appendix: AppendixEntry[] = [];
  #appendixCount = 0;
  /** The latest level-2 or level-3 heading, to name what has no caption of its own. */
  #section = "";

  /** Markdown outside the analyses (the summary): sanitized, links rewritten, headings left alone. */
  markdown(source: string | Token[]): string {
    return renderMarkdown(source, this.#sanitize);
  }

  addMarkdown(source: string | Token[]): void {
    const root = parseFragment(renderMarkdown(source, this.#sanitize));
    const headings = anchorHeadings(root, this.#slugger);
    this.#headings.push(...headings);
    this.#section = headings.findLast((heading) => heading.level <= 3)?.text ?? this.#section;
    wrapTables(root);
    const html = sanitizeChildren(root);
    if (html.trim()) this.#analyses.push(`<section class="markdown">${html}</section>`);
  }

  /** `index` (0-based) names the cell when nothing else does. */
  addCode(cell: Cell, index: number): void {
    const source = text(cell.source);
    if (!source.trim()) return;
    const inAppendix = hasTag(cell, APPENDIX_TAG);
    const caption = leadingComment(source) ||
      (this.#section
        ? `${inAppendix ? "Output" : "Table"} in “${this.#section}”`
        : `Output of cell ${index + 1}`);
    const outputs = (cell.outputs ?? []).map((output) => {
      const arranged = arrangeFragment(renderOutput(output, this.#sanitize), {
        fallbackCaption: caption,
        moveLongTables: !inAppendix,
        nextAppendixId: () => this.#nextAppendixId(),
      });
      this.#found.push(...arranged.found);
      this.#verdicts.push(...arranged.verdicts);
      this.#counts = sumVerdicts(this.#counts, arranged.counts);
      this.#appendix.push(...arranged.appendix);
      return arranged.html;
    }).join("\n");
    const code = `<details class="code"><summary>Code</summary><pre><code>${
      escapeHtml(source)
    }</code></pre></details>`;
    if (!inAppendix) {
      this.#analyses.push(code + outputs);
      return;
    }
    const id = this.#nextAppendixId();
    const what = outputCaption(outputs) ?? caption;
    this.#appendix.push({ id, summary: what, html: code + outputs });
    this.#analyses.push(
      `<p class="moved">This cell's output is <a href="#${id}">in the appendix</a>: ${escapeHtml(what)}.</p>`,
    );
  }

  /** "What we found", computed from the verdicts, or "" when the notebook shows none: the page opens with it. */
  found(): string {
    if (this.#found.length === 0) return "";
    return `<section class="found" aria-labelledby="what-we-found"><h2 id="what-we-found">What we found</h2>` +
      this.#found.join("\n") + "</section>";
  }

  /** The verdict tables with their counts, or "" when the notebook shows none. */
  verdicts(): string {
    if (this.#verdicts.length === 0) return "";
    return `<section class="verdicts" aria-labelledby="verdicts"><h2 id="verdicts">Verdicts</h2>` +
      (this.#counts ? `<p class="verdict-counts">${verdictCountsHtml(this.#counts)}</p>` : "") +
      this.#verdicts.join("\n") + "</section>";
  }

  contents(): string {
    const appendix = this.#appendix.length > 0 ? [{ id: "appendix", level: 2, text: "Appendix" }] : [];
    return contentsNav([...this.#headings, ...appendix]);
  }

  analyses(): string {
    return `<div class="analyses">\n${this.#analyses.join("\n")}\n</div>`;
  }

  /** Each entry folded, its caption as the summary; "" when there is none. */
  appendix(): string {
    if (this.#appendix.length === 0) return "";
    const items = this.#appendix.map(({ id, summary, html }) =>
      `<details id="${escapeHtml(id)}"><summary>${escapeHtml(summary)}</summary>${html}</details>`
    );
    return `<section class="appendix" aria-labelledby="appendix"><h2 id="appendix">Appendix</h2>\n${
      items.join("\n")
    }\n</section>`;
  }

  #nextAppendixId(): string {
    return this.#slugger.slug(`appendix ${++this.#appendixCount}`);
  }
}

/** A chart's title or a table's caption among sanitized outputs, to name them in the appendix. */
function outputCaption(html: string): string | undefined {
  if (!/<(?:caption|figure)/.test(html)) return undefined;
  const element = parseFragment(html).querySelector("caption, figure > h2, figcaption");
  return element?.textContent?.replace(/\s+/g, " ").trim() || undefined;
}

/** The `//` comment lines a code cell opens with, as one sentence: how its author described it. */
function leadingComment(source: string): string {
  const lines: string[] = [];
  for (const line of source.trimStart().split("\n")) {
    const comment = line.match(/^\s*\/\/\s?(.*)$/);
    if (!comment) break;
    lines.push(comment[1].trim());
  }
  return lines.join(" ").replace(/[.:]\s*$/, "");
}
