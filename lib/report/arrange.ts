/**
 * Rearranging a sanitized fragment for readers: "What we found" and the verdict tables are taken out (the
 * page shows them first, in that order),
 * long tables and those marked for the appendix (`data-appendix`, from lib/notebook/table.ts) are taken
 * out (the page shows them in its appendix), and every table gets a scrolling wrapper so a wide one
 * scrolls on its own instead of widening the page.
 */
import { escapeHtml, parseFragment, sanitizeChildren } from "./sanitize.ts";
import { countVerdicts, type VerdictCounts, verdictTables } from "./verdicts.ts";

/** Tables longer than this go to the appendix: a reader skims them, and they push the analyses apart. */
const LONG_TABLE_ROWS = 15;

export interface AppendixEntry {
  id: string;
  /** What the entry is, as the summary line of its <details>. */
  summary: string;
  /** Sanitized HTML. */
  html: string;
}

export interface Arranged {
  /** The fragment without what was taken out, with a pointer where it was. */
  html: string;
  /** Sanitized "What we found" sections (lib/notebook/what_we_found.ts), in order. */
  found: string[];
  /** Sanitized verdict tables, in order. */
  verdicts: string[];
  /** Summed from the claims sections among the verdict tables; undefined when there are none. */
  counts?: VerdictCounts;
  appendix: AppendixEntry[];
}

export interface ArrangeContext {
  /** Names a long table that has no caption, e.g. after the code cell's leading comment. */
  fallbackCaption: string;
  /** False where the fragment is bound for the appendix already. */
  moveLongTables: boolean;
  /** Gives an appendix entry its id, e.g. "appendix-3". */
  nextAppendixId: () => string;
}

/** `html` must be sanitized already; the result is written back by the sanitizer's serializer. */
export function arrangeFragment(html: string, context: ArrangeContext): Arranged {
  if (!/<table|class="claims|class="what-we-found/.test(html)) {
    return { html, found: [], verdicts: [], appendix: [] };
  }
  const root = parseFragment(html);
  const foundElements = [...root.querySelectorAll("section.what-we-found")];
  for (const element of foundElements) element.remove();
  const verdictElements = verdictTables(root);
  for (const element of verdictElements) {
    element.replaceWith(
      pointer(root, `The verdicts are shown <a href="#verdicts">at the top of the page</a>.`),
    );
  }
  const appendix: AppendixEntry[] = [];
  for (const table of root.querySelectorAll("table")) {
    // A table nested in one already taken out goes with it.
    if (!context.moveLongTables || !root.contains(table)) continue;
    // lib/notebook/table.ts wraps a table with its CSV download, and marks one meant for the appendix.
    const unit = table.closest(".data-table") ?? table;
    const rows = bodyRows(table);
    if (rows <= LONG_TABLE_ROWS && !unit.hasAttribute("data-appendix")) continue;
    const id = context.nextAppendixId();
    const caption = table.querySelector("caption")?.textContent?.replace(/\s+/g, " ").trim();
    unit.replaceWith(pointer(
      root,
      `A table of <a href="#${escapeHtml(id)}">${rows} rows</a> is in the appendix` +
        (caption ? `: ${escapeHtml(caption)}.` : "."),
    ));
    appendix.push({
      id,
      summary: `${caption || context.fallbackCaption} (${rows} rows)`,
      html: serializeScrolling(unit),
    });
  }
  wrapTables(root);
  return {
    html: sanitizeChildren(root),
    found: foundElements.map(serializeScrolling),
    verdicts: verdictElements.map(serializeScrolling),
    counts: countVerdicts(verdictElements),
    appendix,
  };
}

/** Wraps every table under `root` in a block that scrolls sideways, so a wide table never widens the page. */
export function wrapTables(root: Element): void {
  for (const table of root.querySelectorAll("table")) {
    const wrapper = table.ownerDocument.createElement("div");
    wrapper.setAttribute("class", "table-scroll");
    table.replaceWith(wrapper);
    wrapper.append(table);
  }
}

/** A detached element, its tables wrapped, as sanitized HTML. */
function serializeScrolling(element: Element): string {
  const holder = element.ownerDocument.createElement("div");
  holder.append(element);
  wrapTables(holder);
  return sanitizeChildren(holder);
}

/** Rows of data: those of its bodies, or, in a table without one, those outside its head and foot. */
function bodyRows(table: Element): number {
  const own = [...table.querySelectorAll("tr")].filter((row) => row.closest("table") === table);
  const bodies = own.filter((row) => row.closest("tbody"));
  return (bodies.length > 0 ? bodies : own.filter((row) => !row.closest("thead, tfoot"))).length;
}

/** A note left where something was taken out, linking to where it went; `html` is escaped already. */
function pointer(root: Element, html: string): Element {
  const paragraph = root.ownerDocument.createElement("p");
  paragraph.setAttribute("class", "moved");
  paragraph.innerHTML = html;
  return paragraph;
}
