/**
 * The files `deno task new` writes, from the template trees in templates/: templates/state/ for a
 * state-update model, templates/agents/ for an agent-based one. Each tree mirrors the project: a template's
 * path, with `__name__` replaced and `.tmpl` dropped, is where its file goes, so the trees are the one list
 * of what the scaffold writes.
 *
 * In a template (path or text), `__name__` stands for the model's name (`demo`) and `__Name__` for the
 * same capitalised (`Demo`), as types take it. A notebook template (`*.ipynb.tmpl`) is its cells as plain
 * text, each opened by a line `%% markdown` or `%% code`, the latter followed by the cell's tags
 * (`%% code parameters`, `%% code no-output`); it becomes the notebook's JSON, every cell's source ending
 * with a newline, as `deno fmt --check` wants.
 */
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** A state-update model (lib/engine/model.ts) or an agent-based one (lib/engine/agents.ts). */
export type ModelKind = "state" | "agents";

export interface GeneratedFile {
  /** From the project's root, with `/` separators. */
  readonly path: string;
  readonly text: string;
}

const TEMPLATES = fileURLToPath(new URL("./templates/", import.meta.url));
const SUFFIX = ".tmpl";
const PLACEHOLDER = /__[A-Za-z]+__/;

/** The templates of a kind, by their path in the tree (`lib/models/__name__/model.ts.tmpl`). */
export async function templates(kind: ModelKind): Promise<Map<string, string>> {
  const root = join(TEMPLATES, kind);
  const found = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (entry.name.endsWith(SUFFIX)) {
        found.set(relative(root, path).split(sep).join("/"), await Deno.readTextFile(path));
      }
    }
  };
  await walk(root);
  return found;
}

/** Every file of a new model `name` of this kind, with its path and text, in path order. */
export async function generatedFiles(name: string, kind: ModelKind): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const [template, source] of await templates(kind)) {
    const path = fill(template.slice(0, -SUFFIX.length), name);
    const text = fill(source, name);
    files.push({ path, text: path.endsWith(".ipynb") ? notebookJson(text, name) : text });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The folders and files a new model owns, which must not exist before it is written: each template path
 * cut after its first part that holds `__name__` (`lib/models/demo`, `notebooks/demo.ipynb`), each once.
 */
export async function ownedPaths(name: string, kind: ModelKind): Promise<string[]> {
  const owned = new Set<string>();
  for (const template of (await templates(kind)).keys()) {
    const parts = template.slice(0, -SUFFIX.length).split("/");
    const first = parts.findIndex((part) => part.includes("__name__"));
    if (first < 0) throw new Error(`the template ${template} is not the model's: no __name__ in its path`);
    owned.add(fill(parts.slice(0, first + 1).join("/"), name));
  }
  return [...owned].sort();
}

/** The template's text or path for the model `name`; throws if a placeholder is left (a template's typo). */
export function fill(template: string, name: string): string {
  const text = template.replaceAll("__Name__", name[0].toUpperCase() + name.slice(1))
    .replaceAll("__name__", name);
  const left = text.match(PLACEHOLDER);
  if (left) throw new Error(`a template holds the unknown placeholder ${left[0]}`);
  return text;
}

export interface TemplateCell {
  readonly type: "markdown" | "code";
  readonly tags: readonly string[];
  /** Its lines, each ending with a newline. */
  readonly lines: readonly string[];
}

/** The cells of a notebook template. */
export function templateCells(text: string): TemplateCell[] {
  const cells: { type: "markdown" | "code"; tags: string[]; lines: string[] }[] = [];
  for (const line of text.split("\n")) {
    const marker = line.match(/^%% (markdown|code)\b(.*)$/);
    if (marker) {
      const tags = marker[2].trim().split(/\s+/).filter((tag) => tag !== "");
      cells.push({ type: marker[1] as "markdown" | "code", tags, lines: [] });
    } else if (cells.length > 0) {
      cells.at(-1)!.lines.push(`${line}\n`);
    } else if (line.trim() !== "") {
      throw new Error(`a notebook template must open with a '%% markdown' or '%% code' line, not '${line}'`);
    }
  }
  // Blank lines before the next marker (or the file's end) separate cells; they belong to none.
  for (const cell of cells) {
    while (cell.lines.length > 0 && cell.lines.at(-1)!.trim() === "") cell.lines.pop();
  }
  return cells;
}

/** A notebook for the Deno kernel, from a filled notebook template, linked to the model's page. */
function notebookJson(text: string, name: string): string {
  const cells = templateCells(text).map((cell, i) => ({
    cell_type: cell.type,
    id: `cell-${String(i + 1).padStart(2, "0")}`,
    metadata: cell.tags.length > 0 ? { tags: cell.tags } : {},
    ...(cell.type === "code" ? { execution_count: null, outputs: [] } : {}),
    source: cell.lines,
  }));
  const notebook = {
    cells,
    metadata: {
      kernelspec: { display_name: "Deno", language: "typescript", name: "deno" },
      language_info: {
        name: "typescript",
        file_extension: ".ts",
        mimetype: "text/x.typescript",
        codemirror_mode: "typescript",
        nbconvert_exporter: "script",
        pygments_lexer: "typescript",
      },
      report: { docs: `docs/models/${name}.md` },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  // Jupyter's own layout (one-space indent), which `deno fmt` keeps.
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
