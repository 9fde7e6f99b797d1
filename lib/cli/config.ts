/**
 * Run configurations from TOML: the scenario files shipped in `data/scenarios/<model>/<name>.toml` and
 * any file passed with `--config`. Both have the same shape:
 *
 * ```toml
 * description = "what this configuration is for"
 * steps = 120          # timesteps
 * runs = 10            # Monte Carlo runs per parameter subset
 * seed = 42            # root seed
 * product = true       # cross the swept lists (default: zip them, as cadCAD does)
 * zip = [["a", "b"]]    # with product: these swept lists move together, zipped, as one axis
 * [set]
 * productivity = 0.88
 * [sweep]
 * throttle = [0.002, 0.004]              # a list of values, or
 * target_reserve_ratio = "0.1:0.3:0.025" # start:stop:step, stop included
 * ```
 */
import { parse, TomlError } from "smol-toml";
import { fileURLToPath } from "node:url";
import type { ParamValue } from "../engine/params.ts";
import { rangeInclusive, type SweepLists } from "../engine/sweep.ts";

/** Where the shipped scenarios live: data/scenarios/<model>/<name>.toml. */
export const SCENARIOS = fileURLToPath(new URL("../../data/scenarios", import.meta.url));

export interface RunConfig {
  readonly description?: string;
  readonly steps?: number;
  readonly runs?: number;
  readonly seed?: string | number;
  readonly product?: boolean;
  /** With `product`: groups of swept parameters zipped together and crossed as one axis. */
  readonly zip: readonly (readonly string[])[];
  readonly set: Readonly<Record<string, ParamValue>>;
  readonly sweep: Readonly<Record<string, readonly ParamValue[]>>;
}

/** A problem with a configuration file, naming the file and the key. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const TOP_LEVEL = ["description", "steps", "runs", "seed", "product", "zip", "set", "sweep"];

/** Parses a sweep written as `start:stop:step` (stop included) or a comma-separated list. */
export function parseSweepText(text: string): ParamValue[] | string {
  const range = text.split(":");
  if (range.length === 3) {
    const [start, stop, step] = range.map((x) => x.trim() === "" ? NaN : Number(x));
    if ([start, stop, step].some(Number.isNaN)) return text;
    return rangeInclusive(start, stop, step);
  }
  return text.split(",").map((v) => v.trim());
}

function isPlainValue(v: unknown): v is ParamValue {
  return typeof v === "number" || typeof v === "string" || typeof v === "boolean";
}

/** Parses and checks the text of a configuration file; `source` names it in errors. */
export function parseConfig(text: string, source: string): RunConfig {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    const where = e instanceof TomlError ? ` at line ${e.line}, column ${e.column}` : "";
    throw new ConfigError(`${source}: malformed TOML${where}: ${(e as Error).message.split("\n")[0]}`);
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL.includes(key)) {
      throw new ConfigError(`${source}: unknown key '${key}'; accepted keys: ${TOP_LEVEL.join(", ")}`);
    }
  }
  const wholeNumber = (key: string, min: number) => {
    const v = doc[key];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
      throw new ConfigError(`${source}: '${key}' must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const table = (key: string) => {
    const v = doc[key] ?? {};
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      throw new ConfigError(`${source}: '${key}' must be a table ([${key}])`);
    }
    return v as Record<string, unknown>;
  };
  const set: Record<string, ParamValue> = {};
  for (const [name, v] of Object.entries(table("set"))) {
    if (!isPlainValue(v)) throw new ConfigError(`${source}: set.${name} must be a number, string or boolean`);
    set[name] = v;
  }
  const sweep: Record<string, ParamValue[]> = {};
  for (const [name, v] of Object.entries(table("sweep"))) {
    const values = typeof v === "string" ? parseSweepText(v) : v;
    if (!Array.isArray(values) || values.length === 0 || !values.every(isPlainValue)) {
      throw new ConfigError(
        `${source}: sweep.${name} must be a non-empty list of values or a "start:stop:step" range`,
      );
    }
    sweep[name] = values;
  }
  const { description, seed, product } = doc;
  const zip = doc.zip ?? [];
  if (!Array.isArray(zip) || !zip.every((g) => Array.isArray(g) && g.every((k) => typeof k === "string"))) {
    throw new ConfigError(`${source}: 'zip' must be a list of lists of swept parameter names`);
  }
  for (const name of zip.flat() as string[]) {
    if (!Object.hasOwn(sweep, name)) {
      throw new ConfigError(`${source}: zip names '${name}', which is not swept`);
    }
  }
  if (zip.length > 0 && product !== true) {
    throw new ConfigError(`${source}: 'zip' only applies with product = true`);
  }
  if (description !== undefined && typeof description !== "string") {
    throw new ConfigError(`${source}: 'description' must be a string`);
  }
  if (seed !== undefined && typeof seed !== "string" && typeof seed !== "number") {
    throw new ConfigError(`${source}: 'seed' must be a number or a string`);
  }
  if (product !== undefined && typeof product !== "boolean") {
    throw new ConfigError(`${source}: 'product' must be true or false`);
  }
  return {
    description,
    steps: wholeNumber("steps", 0),
    runs: wholeNumber("runs", 1),
    seed,
    product,
    zip: zip as string[][],
    set,
    sweep,
  };
}

/** Reads and parses a configuration file. */
export async function readConfig(path: string): Promise<RunConfig> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new ConfigError(`cannot read configuration ${path}: ${(e as Error).message}`);
  }
  return parseConfig(text, path);
}

/** The path of a shipped scenario. */
export function scenarioPath(scenariosDir: string, model: string, name: string): string {
  return `${scenariosDir}/${model}/${name}.toml`;
}

/** Names of the shipped scenarios of a model. */
export function scenarioNames(scenariosDir: string, model: string): string[] {
  try {
    return [...Deno.readDirSync(`${scenariosDir}/${model}`)]
      .filter((e) => e.isFile && e.name.endsWith(".toml"))
      .map((e) => e.name.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/** A product configuration's axes: each `zip` group zipped as one axis, every other swept list its own. */
function productGroups(layer: RunConfig): SweepLists[] {
  const zipped = new Set(layer.zip.flat());
  return [
    ...layer.zip.map((names) => Object.fromEntries(names.map((k) => [k, layer.sweep[k]]))),
    ...Object.entries(layer.sweep).filter(([k]) => !zipped.has(k)).map(([k, v]) => ({ [k]: v })),
  ];
}

/** Plan options from configuration layers, later layers overriding earlier ones. */
export function planOptionsOf(layers: readonly RunConfig[]): {
  set: Record<string, ParamValue>;
  sweep: SweepLists[];
  steps?: number;
  runs?: number;
  seed?: string | number;
} {
  const set: Record<string, ParamValue> = {};
  const sweep: SweepLists[] = [];
  for (const layer of layers) {
    Object.assign(set, layer.set);
    if (Object.keys(layer.sweep).length > 0) {
      sweep.push(...(layer.product ? productGroups(layer) : [layer.sweep]));
    }
  }
  const last = <K extends "steps" | "runs" | "seed">(key: K) =>
    layers.map((l) => l[key]).filter((v) => v !== undefined).at(-1);
  return {
    set,
    sweep,
    steps: last("steps") as number | undefined,
    runs: last("runs") as number | undefined,
    seed: last("seed"),
  };
}

/** A shipped scenario's configuration. */
export function loadScenario(model: string, name: string): Promise<RunConfig> {
  return readConfig(scenarioPath(SCENARIOS, model, name));
}
