/**
 * `deno task sim <model> --help`: what a newcomer needs to ask a model a question without reading its
 * code — every parameter (default, unit, meaning, accepted values), the tables it writes, and what each
 * shipped scenario is for. Nothing is cut: a long parameter list is grouped instead, and every line is
 * wrapped to the terminal.
 */
import { accepted, type ParamSpec } from "../engine/params.ts";
import { readConfig, type RunConfig, scenarioNames, scenarioPath, SCENARIOS } from "../io/config.ts";
import type { Simulator } from "../models/simulator.ts";
import { declaredGroups, groupParams } from "../engine/param_groups.ts";

export { groupParams, type ParamGroup } from "../engine/param_groups.ts";

/** Width of the text when the output is not a terminal (a file, a pipe, a test). */
const DEFAULT_WIDTH = 100;
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
  const declared = declaredGroups(schema, names);
  if (declared) {
    for (const { heading, names: members } of declared) {
      lines.push("", heading === undefined ? "parameters:" : `parameters ${heading}:`);
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
