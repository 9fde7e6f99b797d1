/**
 * A notebook's parameters, as papermill has them: the first code cell, tagged `parameters`, holds the
 * notebook's knobs as `let name = value;` lines (a JSON value, `_` digit separators allowed, a comment
 * after it), and `deno task report --set name=value [--config FILE]` runs the notebook with other values
 * by adding a cell after it, tagged `injected-parameters`, that assigns them. A Markdown cell before that
 * one states, in the notebook and its report, every parameter used and which differ from the defaults.
 *
 * Values are read with the command line's grammar: numbers in plain decimal notation (lib/engine/params.ts
 * parseDecimal), lists as `a,b,c` or `start:stop:step` (stop included) or JSON, `true`/`false`, and text
 * as written; each must have the shape of the knob's default (a number for a number, a list of numbers for
 * a list of numbers...). The notebook's own checks (lib/notebook/settings.ts) judge the values further.
 */
import { parse, TomlError } from "smol-toml";
import { type Cell, hasTag, type Notebook, text } from "./notebook.ts";
import { escapeHtml } from "./sanitize.ts";
import { parseDecimal } from "../engine/params.ts";
import { quote } from "../engine/quote.ts";
import { didYouMean } from "../engine/suggest.ts";
import { MAX_CONFIG_BYTES, parseSweepText } from "../io/config.ts";
import { UsageError } from "../system/usage.ts";

export const PARAMETERS_TAG = "parameters";
export const INJECTED_TAG = "injected-parameters";

/** One knob of a parameters cell. */
export interface Knob {
  readonly name: string;
  readonly default: Json;
}

/** A knob with the value a run uses. */
export interface Parameter extends Knob {
  readonly value: Json;
  /** Given on the command line or in a --config file (perhaps equal to the default). */
  readonly given: boolean;
  readonly changed: boolean;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const KNOB = /^let ([A-Za-z_$][\w$]*) = (.+?);(\s*\/\/.*)?$/;

/** The index of the notebook's parameters cell (its first code cell, tagged `parameters`) and its knobs. */
export function notebookKnobs(notebook: Notebook, where: string): { index: number; knobs: Knob[] } {
  const index = notebook.cells.findIndex((cell) => cell.cell_type === "code");
  const cell = notebook.cells[index];
  if (!cell || !hasTag(cell, PARAMETERS_TAG)) {
    throw new UsageError(`${where} has no parameters cell (a first code cell tagged '${PARAMETERS_TAG}')`);
  }
  const knobs: Knob[] = [];
  for (const line of text(cell.source).split("\n")) {
    const match = line.match(KNOB);
    if (match) {
      knobs.push({ name: match[1], default: JSON.parse(match[2].replace(/(\d)_(?=\d)/g, "$1")) });
    } else if (!/^\s*(\/\/.*)?$/.test(line)) {
      throw new UsageError(
        `${where}: its parameters cell has a line that is not 'let name = value;': ${line}`,
      );
    }
  }
  return { index, knobs };
}

/**
 * The parameters of a run: the knobs' defaults, replaced by the `--config` file's values (TOML, its keys
 * the knobs' names) and then by each `--set name=value`. An unknown name, a name set twice on the command
 * line, or a value not of the default's shape is a UsageError naming it.
 */
export function resolveParameters(
  knobs: readonly Knob[],
  sets: readonly string[],
  config: { text: string; source: string } | undefined,
  where: string,
): Parameter[] {
  const byName = new Map(knobs.map((knob) => [knob.name, knob]));
  const known = (name: string, from: string) => {
    const knob = byName.get(name);
    if (knob) return knob;
    const hint = didYouMean(name, knobs.map((k) => k.name));
    throw new UsageError(`${from}: ${where} has no parameter ${quote(name)}${hint ? `; ${hint}` : ""}`);
  };
  const values = new Map<string, Json>();
  if (config) {
    for (const [name, value] of Object.entries(parseConfig(config.text, config.source))) {
      const knob = known(name, config.source);
      values.set(name, checkShape(value as Json, knob.default, `${config.source}: ${name}`));
    }
  }
  const onCommandLine = new Set<string>();
  for (const set of sets) {
    const eq = set.indexOf("=");
    if (eq <= 0) throw new UsageError(`--set ${quote(set)}: expected name=value`);
    const name = set.slice(0, eq).trim();
    const knob = known(name, `--set ${quote(set)}`);
    if (onCommandLine.has(name)) throw new UsageError(`--set: ${name} is given twice`);
    onCommandLine.add(name);
    values.set(name, parseKnobValue(knob, set.slice(eq + 1), `--set ${name}`));
  }
  return knobs.map((knob) => {
    const given = values.has(knob.name);
    const value = given ? values.get(knob.name)! : knob.default;
    return { ...knob, value, given, changed: JSON.stringify(value) !== JSON.stringify(knob.default) };
  });
}

/** A value written on the command line, read as the knob's default is shaped. */
export function parseKnobValue(knob: Knob, written: string, where: string): Json {
  const fail = (why: string): never => {
    throw new UsageError(`${where}: ${why}`);
  };
  try {
    const d = knob.default;
    let value: Json;
    if (typeof d === "number") value = parseDecimal(written);
    else if (typeof d === "boolean") {
      if (written !== "true" && written !== "false") fail(`${quote(written)} is not true or false`);
      value = written === "true";
    } else if (typeof d === "string") value = written;
    else if (Array.isArray(d) && Array.isArray(d[0]) && !written.trim().startsWith("[")) {
      return fail(
        `${quote(written)}: a list of lists is written as JSON, e.g. ${JSON.stringify(d.slice(0, 2))}`,
      );
    } else if (Array.isArray(d) && !written.trim().startsWith("[")) {
      const items = parseSweepText(written);
      const numbers = d.length === 0 || typeof d[0] === "number";
      value = items.map((item) => numbers && typeof item === "string" ? parseDecimal(item) : item as Json);
    } else {
      try {
        value = JSON.parse(written);
      } catch {
        return fail(`${quote(written)} is not a list (a,b,c or start:stop:step) or JSON`);
      }
    }
    return checkShape(value, d, where);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return fail((error as Error).message);
  }
}

/** `value` if it has the shape of `like` (numbers finite); otherwise a UsageError naming `where`. */
function checkShape(value: Json, like: Json, where: string): Json {
  const describe = (v: Json, many = false): string => {
    if (Array.isArray(v)) {
      return `${many ? "lists" : "a list"}${v.length > 0 ? ` of ${describe(v[0], true)}` : ""}`;
    }
    const kind = v === null ? "null" : typeof v === "object" ? "table" : typeof v;
    return many ? `${kind}s` : kind === "table" ? "a table" : `a ${kind}`;
  };
  const fits = (v: Json, l: Json): boolean => {
    if (typeof v === "number") return typeof l === "number" && Number.isFinite(v);
    if (Array.isArray(l)) return Array.isArray(v) && (l.length === 0 || v.every((item) => fits(item, l[0])));
    if (l !== null && typeof l === "object") return v !== null && typeof v === "object" && !Array.isArray(v);
    return typeof v === typeof l;
  };
  if (!fits(value, like)) {
    throw new UsageError(
      `${where}: ${quote(JSON.stringify(value))} is not ${describe(like)}, as the default is`,
    );
  }
  return value;
}

function parseConfig(text: string, source: string): Record<string, unknown> {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new UsageError(`${source}: larger than ${MAX_CONFIG_BYTES} bytes`);
  }
  try {
    return parse(text);
  } catch (error) {
    const line = error instanceof TomlError ? ` (line ${error.line})` : "";
    throw new UsageError(`${source}: not valid TOML${line}`);
  }
}

/**
 * The notebook with its parameters stated and injected after its parameters cell: a Markdown cell (the
 * report's "Parameters" section) and a code cell assigning the given values, as papermill does.
 */
export function injectParameters(
  notebook: Notebook,
  index: number,
  parameters: readonly Parameter[],
): Notebook {
  const given = parameters.filter((p) => p.given);
  const changed = parameters.filter((p) => p.changed);
  const code = (value: Json) => `<code>${escapeHtml(JSON.stringify(value))}</code>`;
  const rows = parameters.map((p) =>
    `<tr${p.changed ? ' class="changed"' : ""}><td>${escapeHtml(p.name)}</td><td>${code(p.value)}</td>` +
    `<td>${p.changed ? code(p.default) : "same"}</td></tr>`
  ).join("\n");
  const verdicts = changed.length > 0
    ? "The expected verdicts are stated for the defaults: here a verdict that differs from its expected one " +
      "is shown as a change, not an error."
    : "Every value is the default, so the expected verdicts are enforced.";
  // nbformat 4.5 cells carry ids; these are new and unique in any notebook that has no other injected cells.
  const statement: Cell & { id: string } = {
    id: "injected-parameters-statement",
    cell_type: "markdown",
    metadata: { tags: [INJECTED_TAG] },
    source:
      `## Parameters\n\nThis report ran with ${given.length} parameter value(s) given to \`deno task report\` ` +
      `(${changed.length} differing from the notebook's defaults: ${
        changed.map((p) => `\`${p.name}\``).join(", ") || "none"
      }). ${verdicts}\n\n` +
      `<table class="parameters"><thead><tr><th>parameter</th><th>value used</th><th>default</th></tr></thead>` +
      `<tbody>\n${rows}\n</tbody></table>\n`,
  };
  const assignments: Cell & { id: string; execution_count: null } = {
    id: "injected-parameters",
    cell_type: "code",
    execution_count: null,
    metadata: { tags: [INJECTED_TAG, "no-output"] },
    outputs: [],
    source: `// Injected by \`deno task report\`: the parameter values given for this run.\n` +
      given.map((p) => `${p.name} = ${JSON.stringify(p.value)};\n`).join(""),
  };
  const cells = notebook.cells.map((cell, i) => i === titleCell(notebook) ? retitled(cell, given) : cell);
  cells.splice(index + 1, 0, statement, assignments);
  return { ...notebook, cells };
}

/** The first Markdown cell, whose `# heading` titles the notebook and its report. */
function titleCell(notebook: Notebook): number {
  return notebook.cells.findIndex((cell) => cell.cell_type === "markdown");
}

/** The title cell with the given values after its `# heading`, so the report list tells the reports apart. */
function retitled(cell: Cell, given: readonly Parameter[]): Cell {
  const values = given.map((p) => `${p.name} = ${JSON.stringify(p.value)}`).join(", ");
  const suffix = values.length <= 60 ? ` (${values})` : ` (${given.length} parameters given)`;
  const source = text(cell.source).replace(
    /^# .*$/m,
    (heading) => `${heading}${suffix.replace(/[\\`*_[\]<>#]/g, "\\$&")}`,
  );
  return { ...cell, source };
}

/** Longest stem of a parameterised report named after its values; longer ones are named by a hash. */
const MAX_STEM = 120;

/**
 * The file stem of a report run with given parameters, distinct from the default report's: e.g.
 * `honey-supply.seed=7.sweepRuns=5`, or `honey-supply.parameters-<hash>` when that is too long.
 */
export async function parameterisedStem(stem: string, parameters: readonly Parameter[]): Promise<string> {
  const given = parameters.filter((p) => p.given);
  // Lists as a,b,c; anything but letters, digits and . , = + - as _ (no path separators, no ':').
  const slug = (value: Json) =>
    JSON.stringify(value).replace(/^[["]|[\]"]$/g, "").replace(/[^\w.,=+-]/g, "_");
  const named = [stem, ...given.map((p) => `${p.name}=${slug(p.value)}`)].join(".");
  if (named.length <= MAX_STEM) return named;
  const bytes = new TextEncoder().encode(JSON.stringify(given.map((p) => [p.name, p.value])));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = [...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${stem}.parameters-${hex}`;
}
