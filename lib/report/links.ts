/**
 * Relative links in Markdown are written from where the Markdown lives (a notebook in notebooks/, a page
 * in docs/models/), as Jupyter and GitHub resolve them; a rendered page lives elsewhere, so they are
 * resolved to project paths and handed to the caller, who knows where the page is published.
 */
import { posix } from "node:path";

/** Where a link to a project file goes from a published page, given the file's path from the project root. */
export type LinkTo = (projectPath: string) => string;

/** Rewrites the relative links under `root`, written from the project file `from`, through `linkTo`. */
export function rewriteLinks(root: Element, from: string, linkTo: LinkTo): void {
  for (const link of root.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href")!;
    // Web links, in-page anchors and absolute paths mean the same from anywhere.
    if (/^[a-z][a-z0-9+.-]*:|^#|^\//i.test(href)) continue;
    const hash = href.includes("#") ? href.indexOf("#") : href.length;
    link.setAttribute(
      "href",
      linkTo(posix.join(posix.dirname(from), href.slice(0, hash))) + href.slice(hash),
    );
  }
}
