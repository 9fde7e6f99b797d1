/**
 * The verdict tables a notebook shows: `claimsTable(...)` (lib/notebook/claims.ts) emits
 * `<section class="claims" data-holds data-fails data-untestable>`. The report puts them first, and the
 * index shows the counts.
 */
import { type Notebook, text } from "./notebook.ts";
import { parseFragment, sanitizeHtml } from "./sanitize.ts";

export interface VerdictCounts {
  holds: number;
  fails: number;
  untestable: number;
}

/** The verdict tables under `root`. */
export function verdictTables(root: Element): Element[] {
  return [...root.querySelectorAll("section.claims")];
}

/** Counts summed over a notebook's claims sections; undefined when it has none. */
export function notebookVerdicts(notebook: Notebook): VerdictCounts | undefined {
  const sections: Element[] = [];
  for (const cell of notebook.cells) {
    for (const output of cell.outputs ?? []) {
      const html = "data" in output ? output.data["text/html"] : undefined;
      if (typeof html !== "string" && !Array.isArray(html)) continue;
      const source = text(html);
      if (source.includes("claims")) {
        // Sanitized first, which refuses nesting deep enough to make the parse slow (sanitize.ts MAX_DEPTH).
        sections.push(...parseFragment(sanitizeHtml(source)).querySelectorAll("section.claims"));
      }
    }
  }
  return countVerdicts(sections);
}

/** Counts summed over the claims sections among `elements`; undefined when there are none. */
export function countVerdicts(elements: Iterable<Element>): VerdictCounts | undefined {
  let counts: VerdictCounts | undefined;
  for (const element of elements) {
    if (!element.matches("section.claims")) continue;
    counts = sumVerdicts(counts, {
      holds: count(element, "data-holds"),
      fails: count(element, "data-fails"),
      untestable: count(element, "data-untestable"),
    });
  }
  return counts;
}

export function sumVerdicts(a?: VerdictCounts, b?: VerdictCounts): VerdictCounts | undefined {
  if (!a || !b) return a ?? b;
  return { holds: a.holds + b.holds, fails: a.fails + b.fails, untestable: a.untestable + b.untestable };
}

/** e.g. "5 hold · 1 does not hold · 1 not testable here", each count in its verdict's colour. */
export function verdictCountsHtml({ holds, fails, untestable }: VerdictCounts): string {
  return [
    `<span class="count-holds">${holds} ${holds === 1 ? "holds" : "hold"}</span>`,
    `<span class="count-fails">${fails} ${fails === 1 ? "does not hold" : "do not hold"}</span>`,
    `<span class="count-untestable">${untestable} not testable here</span>`,
  ].join(" · ");
}

function count(element: Element, attribute: string): number {
  const value = Number(element.getAttribute(attribute));
  return Number.isInteger(value) && value >= 0 ? value : 0;
}
