/**
 * Relative links are written from where their source lives (a notebook in notebooks/, a page in
 * docs/models/), as Jupyter and GitHub resolve them: `../docs/models/honey.md` from a notebook. A rendered
 * page lives elsewhere, in a reports folder that is shared on its own, so each such link is resolved to a
 * project path and handed to the caller, who knows which project files are published as pages and where.
 * A link to anything else (the README, code, data) would break once the folder is shared: it is dropped,
 * its text kept.
 */
import { posix } from "node:path";

/**
 * Where a link to a project file goes from a published page, given the file's path from the project root
 * (normalized; "../" first when it is outside the project); undefined when the file is not published.
 */
export type LinkTo = (projectPath: string) => string | undefined;

/** A relative link's target in the page, or undefined to drop the link: see SanitizeOptions.relativeLink. */
export type RelativeLink = (href: string) => string | undefined;

/** Resolves the relative links of a page rendered from the project file `from` through `linkTo`. */
export function relativeLinks(from: string, linkTo: LinkTo): RelativeLink {
  return (href) => {
    // A path from the root of a disk or host ("/x", "//host/x") never leads into the reports folder.
    if (href.startsWith("/")) return undefined;
    const end = href.search(/[?#]/);
    // A query means nothing to a file; the fragment (a heading's anchor) is kept.
    const fragment = href.includes("#") ? href.slice(href.indexOf("#")) : "";
    let path: string;
    try {
      path = decodeURIComponent(end < 0 ? href : href.slice(0, end));
    } catch {
      return undefined; // Malformed escapes name no file.
    }
    const target = linkTo(posix.join(posix.dirname(from), path));
    return target === undefined ? undefined : target + fragment;
  };
}
