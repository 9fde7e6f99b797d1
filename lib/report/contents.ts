/** Heading anchors and the table of contents built from them. */
import { escapeHtml } from "./sanitize.ts";

export interface Heading {
  id: string;
  level: number;
  text: string;
}

/**
 * Ids from heading text, as GitHub makes them (lowercase, punctuation dropped, spaces as hyphens, "-1",
 * "-2"... for repeats), so links written against a document on GitHub keep working in its rendered page,
 * and an id stays the same as long as its heading does.
 */
export class Slugger {
  readonly #used: Set<string>;

  /** `reserved`: ids the page itself uses, which headings must not take. */
  constructor(reserved: Iterable<string> = []) {
    this.#used = new Set(reserved);
  }

  slug(text: string): string {
    const base = text.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M} _-]/gu, "").replace(/ /g, "-") ||
      "section";
    let id = base;
    for (let n = 1; this.#used.has(id); n++) id = `${base}-${n}`;
    this.#used.add(id);
    return id;
  }
}

/** Gives every heading under `root` an id and returns them in document order. */
export function anchorHeadings(root: Element, slugger: Slugger): Heading[] {
  return [...root.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((element) => {
    const text = (element.textContent ?? "").replace(/\s+/g, " ").trim();
    const id = slugger.slug(text);
    element.setAttribute("id", id);
    return { id, level: Number(element.localName.slice(1)), text };
  });
}

/** A nested list of the level-2 headings, each with the level-3 headings that follow it. */
export function contentsNav(headings: Heading[]): string {
  const groups: { heading?: Heading; subheadings: Heading[] }[] = [];
  for (const heading of headings) {
    if (heading.level === 2) groups.push({ heading, subheadings: [] });
    else if (heading.level === 3) {
      if (groups.length === 0) groups.push({ subheadings: [] });
      groups.at(-1)!.subheadings.push(heading);
    }
  }
  if (groups.length === 0) return "";
  const link = ({ id, text }: Heading) => `<a href="#${escapeHtml(id)}">${escapeHtml(text)}</a>`;
  const items = groups.map(({ heading, subheadings }) =>
    `<li>${heading ? link(heading) : ""}` +
    (subheadings.length > 0 ? `<ol>${subheadings.map((sub) => `<li>${link(sub)}</li>`).join("")}</ol>` : "") +
    "</li>"
  );
  return `<nav class="contents" aria-labelledby="contents"><h2 id="contents">Contents</h2>` +
    `<ol>${items.join("")}</ol></nav>`;
}
