/**
 * Small displayables for notebook cells: computed prose and the verdict table that sets each documented
 * conclusion beside the reproduced number. Deno's Jupyter kernel shows any value with a
 * `Symbol.for("Jupyter.display")` method as the MIME bundle it returns.
 */
import { marked } from "marked";

const DISPLAY = Symbol.for("Jupyter.display");

/** HTML shown as a cell's output. */
export class Html {
  constructor(readonly html: string) {}
  [DISPLAY](): Record<string, string> {
    return { "text/html": this.html };
  }
}

/** Markdown with computed numbers, rendered to HTML (so reports need no Markdown renderer). */
export function md(text: string): Html {
  return new Html(marked.parse(text, { async: false }) as string);
}

export type Verdict = "holds" | "holds roughly" | "holds partly" | "does not hold as stated";

/** One documented conclusion and what the reproduction found. */
export interface Claim {
  /** The source document's words (or a faithful summary). */
  readonly claim: string;
  /** The reproduced number(s), stated plainly. */
  readonly reproduced: string;
  readonly verdict: Verdict;
}

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(
    /'/g,
    "&#39;",
  );
const escape = escapeHtml;

const COLOURS: Record<Verdict, string> = {
  "holds": "#1a7f37",
  "holds roughly": "#9a6700",
  "holds partly": "#9a6700",
  "does not hold as stated": "#cf222e",
};

/** The claims beside their reproduced numbers and verdicts, as a table. */
export function verdictTable(claims: readonly Claim[]): Html {
  const rows = claims.map((c) =>
    `<tr><td>${escape(c.claim)}</td><td>${escape(c.reproduced)}</td>` +
    `<td style="color:${COLOURS[c.verdict]};font-weight:600">${c.verdict}</td></tr>`
  ).join("");
  return new Html(
    `<table class="verdicts"><thead><tr><th>documented conclusion</th><th>reproduced</th><th>verdict</th></tr>` +
      `</thead><tbody>${rows}</tbody></table>`,
  );
}

/** Throws when a conclusion the notebook claims as reproduced does not hold, so the run fails. */
export function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`reproduction check failed: ${what}`);
}
