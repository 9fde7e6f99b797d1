/**
 * `deno task sim <model> --help`: what a newcomer needs to ask a model a question without reading its
 * code — every parameter (default, unit, meaning, accepted values), the tables it writes, and what each
 * shipped scenario is for. Nothing is cut: a long parameter list is grouped instead, and every line is
 * wrapped to the terminal.
 */
import { accepted, type ParamSpec } from "../engine/params.ts";
import { readConfig, type RunConfig, scenarioNames, scenarioPath, SCENARIOS } from "../io/config.ts";
import type { Simulator } from "../models/simulator.ts";

/** Width of the text when the output is not a terminal (a file, a pipe, a test). */
const DEFAULT_WIDTH = 100;
/** Parameter lists longer than this are grouped; a short one reads best as it is. */
const GROUPED_ABOVE = 15;
/** Fewest neighbouring parameters sharing a prefix that make a group. */
const GROUP_SIZE = 3;

/** The columns to wrap to: the terminal's, or DEFAULT_WIDTH. */
export function outputWidth(): number {
  try {
    return Deno.stdout.isTerminal() ? Math.max(60, Deno.consoleSize().columns) : DEFAULT_WIDTH;
  } catch {
    return DEFAULT_WIDTH;
  }
}

/** Words of `text` wrapped to `width`, every line indented by `indent` and the following ones by `hang`. */
export function wrap(text: string, width: number, indent: string, hang = indent): string[] {
  const lines: string[] = [];
  let line = indent;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = hang;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

/** The part of a name before its first underscore: the family it belongs to (`usage` of `usage_weight_x`). */
const firstWord = (name: string) => name.split("_")[0];

/** The longest prefix ending in `_` that every name shares (`usage_weight_` of the `usage_weight_*`). */
function sharedPrefix(names: readonly string[]): string {
  let prefix = names[0];
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf("_") + 1);
}

/** A run of parameters shown together: under a heading (`usage_weight_*`) or, with none, one by one. */
export interface ParamGroup {
  readonly heading?: string;
  readonly names: readonly string[];
}

/**
 * The parameters in the schema's order, neighbours that share their first word (at least GROUP_SIZE of
 * them) gathered under their common prefix, for a schema that declares no groups of its own: its order
 * already keeps related parameters together, so grouping neighbours keeps that order intact.
 */
export function groupParams(names: readonly string[]): ParamGroup[] {
  if (names.length <= GROUPED_ABOVE) return [{ names }];
  const groups: ParamGroup[] = [];
  let loose: string[] = [];
  for (let i = 0; i < names.length;) {
    let j = i + 1;
    while (j < names.length && firstWord(names[j]) === firstWord(names[i])) j++;
    const run = names.slice(i, j);
    if (run.length >= GROUP_SIZE) {
      if (loose.length > 0) groups.push({ names: loose });
      groups.push({ heading: `${sharedPrefix(run)}*`, names: run });
      loose = [];
    } else loose.push(...run);
    i = j;
  }
  if (loose.length > 0) groups.push({ names: loose });
  return groups;
}

function paramLines(name: string, spec: ParamSpec, width: number, indent: string): string[] {
  const unit = spec.kind === "number" ? ` [${spec.unit}]` : "";
  const text = `${name} = ${spec.default}${unit}: ${spec.description} Accepts ${accepted(spec)}.`;
  return wrap(text, width, indent, `${indent}    `);
}

/**
 * The parameter lines: under the schema's own groups where it declares them (e.g. the parameters only one
 * rule set reads; ungrouped ones first, under "parameters:"), otherwise one list in which long runs of
 * neighbours sharing a prefix are gathered (see `groupParams`).
 */
function paramSection(schema: Record<string, ParamSpec>, names: readonly string[], width: number): string[] {
  const lines: string[] = [];
  if (names.some((name) => schema[name].group !== undefined)) {
    const groups = new Map<string | undefined, string[]>([[undefined, []]]);
    for (const name of names) {
      const group = schema[name].group;
      groups.set(group, [...(groups.get(group) ?? []), name]);
    }
    for (const [group, members] of groups) {
      if (members.length === 0) continue;
      lines.push("", group === undefined ? "parameters:" : `parameters ${group}:`);
      for (const name of members) lines.push(...paramLines(name, schema[name], width, "  "));
    }
    return lines;
  }
  lines.push("", "parameters:");
  for (const group of groupParams(names)) {
    if (group.heading === undefined) {
      for (const name of group.names) lines.push(...paramLines(name, schema[name], width, "  "));
    } else {
      lines.push(`  ${group.heading} (${group.names.length} parameters)`);
      for (const name of group.names) lines.push(...paramLines(name, schema[name], width, "    "));
    }
  }
  return lines;
}

/** What a scenario file sets up, in a few words: steps, runs, what it sweeps. */
function shapeOf(config: RunConfig): string {
  const parts = [
    config.steps === undefined ? undefined : `${config.steps} steps`,
    config.runs === undefined ? undefined : `${config.runs} run${config.runs === 1 ? "" : "s"}`,
    Object.keys(config.sweep).length === 0 ? undefined : `sweeps ${Object.keys(config.sweep).join(", ")}`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? "" : ` (${parts.join("; ")})`;
}

async function scenarioLines(model: Simulator, width: number): Promise<string[]> {
  const names = scenarioNames(SCENARIOS, model.name);
  if (names.length === 0) return [];
  const lines = ["", "scenarios (--scenario NAME; flags and --config override what they set):"];
  for (const name of names) {
    try {
      const config = await readConfig(scenarioPath(SCENARIOS, model.name, name));
      lines.push(...wrap(`${name}${shapeOf(config)}`, width, "  ", "    "));
      lines.push(...wrap(config.description ?? "(no description)", width, "      "));
    } catch (e) {
      lines.push(`  ${name}: cannot be read: ${(e as Error).message}`);
    }
  }
  return lines;
}

/** The text `deno task sim <model> --help` prints. */
export async function describeModel(model: Simulator, width = outputWidth()): Promise<string> {
  const schema = model.params as Record<string, ParamSpec>;
  const names = Object.keys(schema);
  const lines = [
    ...wrap(`${model.name}: ${model.title}`, width, "", "  "),
    `one timestep = one ${model.timeUnit}; default ${model.steps} steps, ${model.runs} runs`,
    "",
    `${names.length} parameters; set one with --set name=value, vary it with --sweep`,
  ];
  lines.push(...paramSection(schema, names, width));
  lines.push("", "tables (all by default, but those marked on request; choose with --tables):");
  for (const [name, description] of Object.entries(model.tables)) {
    const note = model.onRequest?.includes(name) ? " (on request)" : "";
    lines.push(...wrap(`${name}${note}: ${description}`, width, "  ", "      "));
  }
  lines.push(...await scenarioLines(model, width));
  return lines.join("\n");
}
