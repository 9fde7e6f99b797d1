/**
 * The subset of nbformat v4 that the renderer reads, and what a report takes from a notebook besides its
 * cells: the model documentation page it names.
 *
 * A notebook names its model's page in its metadata, as a path from the project root:
 *
 * ```json
 * "metadata": { "report": { "docs": "docs/models/honey.md" } }
 * ```
 *
 * or, failing that, by mentioning `docs/models/<model>.md` in its first markdown cell.
 */

export interface Notebook {
  cells: Cell[];
  metadata?: { report?: { docs?: unknown } };
}

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: MultilineText;
  metadata?: { tags?: string[] };
  outputs?: Output[];
}

export type Output =
  | { output_type: "stream"; name: string; text: MultilineText }
  | { output_type: "display_data" | "execute_result"; data: MimeBundle }
  | { output_type: "error"; ename: string; evalue: string; traceback?: string[] };

/** Text fields may be split into lines on disk. */
export type MultilineText = string | string[];
export type MimeBundle = Record<string, unknown>;

const DOCS_PAGE = /^docs\/models\/([a-z0-9][a-z0-9_-]*)\.md$/;
const DOCS_MENTION = /docs\/models\/([a-z0-9][a-z0-9_-]*)\.md/;

export function text(value: MultilineText): string {
  return Array.isArray(value) ? value.join("") : value;
}

/** The model whose page `docs/models/<model>.md` the notebook names, from its metadata or first markdown. */
export function docsModel(notebook: Notebook): string | undefined {
  const declared = notebook.metadata?.report?.docs;
  if (typeof declared === "string") return declared.match(DOCS_PAGE)?.[1];
  const first = notebook.cells.find((cell) => cell.cell_type === "markdown");
  return first ? text(first.source).match(DOCS_MENTION)?.[1] : undefined;
}

export function mentionsModelPage(markdown: string): boolean {
  return DOCS_MENTION.test(markdown);
}

/** Tags that the renderer reads from a code cell, e.g. `appendix`. */
export function hasTag(cell: Cell, tag: string): boolean {
  return cell.metadata?.tags?.includes(tag) ?? false;
}
