/**
 * Small displayables for notebook cells: HTML and computed prose. Deno's Jupyter kernel shows any value
 * with a `Symbol.for("Jupyter.display")` method as the MIME bundle it returns. (The verdict table of a
 * source document's claims is lib/notebook/claims.ts.)
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

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(
    /'/g,
    "&#39;",
  );
