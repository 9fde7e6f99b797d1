/**
 * The model documentation (docs/models/*.md) as pages beside the reports, in the same style, so a reader
 * of a report can follow its "How the model works" link without a clone or a Markdown viewer.
 */
import { posix } from "node:path";
import { wrapTables } from "./arrange.ts";
import { anchorHeadings, contentsNav, Slugger } from "./contents.ts";
import { type LinkTo, relativeLinks } from "./links.ts";
import { lex, plainText, renderMarkdown } from "./markdown.ts";
import { formatTime, type Link, page } from "./page.ts";
import { escapeHtml, parseFragment, sanitizeChildren } from "./sanitize.ts";

export interface DocsPageOptions {
  /** The page's source from the project root, e.g. "docs/models/honey.md": shown, and links resolve from it. */
  fileName: string;
  generatedAt?: Date;
  linkTo: LinkTo;
  /** Shown above the title, e.g. back to the index and to the reports of this model. */
  links?: Link[];
}

export function renderDocsPage(
  markdown: string,
  { fileName, generatedAt = new Date(), linkTo, links = [] }: DocsPageOptions,
): string {
  const tokens = lex(markdown);
  const h1 = tokens.find((token) => token.type === "heading" && token.depth === 1);
  const title = h1 ? plainText([h1]) : posix.basename(fileName, ".md");
  const root = parseFragment(
    renderMarkdown(tokens.filter((token) => token !== h1), { relativeLink: relativeLinks(fileName, linkTo) }),
  );
  const headings = anchorHeadings(root, new Slugger(["contents"]));
  wrapTables(root);
  return page({
    title,
    links,
    body: `<h1>${escapeHtml(title)}</h1>\n${contentsNav(headings)}\n<div class="document">${
      sanitizeChildren(root)
    }</div>`,
    footer: `Generated ${formatTime(generatedAt)} from <code>${escapeHtml(fileName)}</code>`,
  });
}
