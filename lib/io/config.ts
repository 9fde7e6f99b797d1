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
 *
 * This module sits below both the command line and the models, which read their scenarios through it.
 */
import { parse, TomlError } from "smol-toml";
import { fileURLToPath } from "node:url";
import type { ModelInfo } from "../engine/model.ts";
import { checkValue, ParamError, type ParamValue, parseDecimal, parseValue } from "../engine/params.ts";
import { clip, escapeControl, quote, shown } from "../engine/quote.ts";
import { rangeInclusive, type SweepLists } from "../engine/sweep.ts";
import { isSeed, SEED_RULE, seedOfText } from "./seed.ts";

/** Where the shipped scenarios live: data/scenarios/<model>/<name>.toml. */
export const SCENARIOS = fileURLToPath(new URL("../../data/scenarios", import.meta.url));

/** Largest configuration file read; far above any real one, and a bound on what a typo can make us read. */
export const MAX_CONFIG_BYTES = 1 << 20;

/** One layer of configuration: a file, or the command line's flags. */
export interface RunConfig {
  /** Where the layer came from (a path, or "the command line"), for messages. */
  readonly source: string;
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

/** A problem with a configuration file or a run option, naming the file or flag and the key. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const TOP_LEVEL = ["description", "steps", "runs", "seed", "product", "zip", "set", "sweep"];

/**
 * Parses a sweep written as `start:stop:step` (stop included) or a comma-separated list. Range bounds
 * are numbers in the one decimal grammar (parseDecimal); list items stay text, for the parameter's
 * own parser. Throws ParamError.
 */
export function parseSweepText(text: string): ParamValue[] {
  const parts = text.split(":");
  if (parts.length !== 3) return text.split(",").map((v) => v.trim());
  try {
    const [start, stop, step] = parts.map((part) => parseDecimal(part));
    return rangeInclusive(start, stop, step);
  } catch (e) {
    throw new ParamError(`range ${quote(text)}: ${(e as Error).message}`);
  }
}

/** Checks a seed as given in a file (or already parsed); `where` names it in the error. */
export function checkSeed(value: unknown, where: string): string | number {
  if (!isSeed(value)) throw new ConfigError(`${where} must be ${SEED_RULE}; got ${shown(value)}`);
  return value;
}

/** A seed typed on the command line (see seedOfText), checked; `where` names it in the error. */
export function parseSeed(text: string, where: string): string | number {
  return checkSeed(seedOfText(text), where);
}

function isPlainValue(v: unknown): v is ParamValue {
  return typeof v === "number" || typeof v === "string" || typeof v === "boolean";
}

/** A TOML table's entries, or an error naming the file and the key. */
function tableEntries(doc: Record<string, unknown>, key: string, source: string): [string, unknown][] {
  const v = doc[key] ?? {};
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new ConfigError(`${source}: '${key}' must be a table ([${key}])`);
  }
  return Object.entries(v);
}

function setEntries(doc: Record<string, unknown>, source: string): [string, ParamValue][] {
  return tableEntries(doc, "set", source).map(([name, v]) => {
    if (!isPlainValue(v)) {
      throw new ConfigError(`${source}: set.${clip(name)} must be a number, string or boolean`);
    }
    return [name, v];
  });
}

function sweepEntries(doc: Record<string, unknown>, source: string): [string, ParamValue[]][] {
  return tableEntries(doc, "sweep", source).map(([name, v]) => {
    let values = v;
    try {
      if (typeof v === "string") values = parseSweepText(v);
    } catch (e) {
      throw new ConfigError(`${source}: sweep.${clip(name)}: ${(e as Error).message}`);
    }
    if (!Array.isArray(values) || values.length === 0 || !values.every(isPlainValue)) {
      throw new ConfigError(
        `${source}: sweep.${clip(name)} must be a non-empty list of values or a "start:stop:step" range`,
      );
    }
    return [name, values];
  });
}

/** Parses and checks the text of a configuration file; `source` names it in errors. */
export function parseConfig(text: string, source: string): RunConfig {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    const where = e instanceof TomlError ? ` at line ${e.line}, column ${e.column}` : "";
    throw new ConfigError(
      `${source}: malformed TOML${where}: ${escapeControl((e as Error).message.split("\n")[0])}`,
    );
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL.includes(key)) {
      throw new ConfigError(
        `${source}: unknown key ${quote(key)}; accepted keys: ${TOP_LEVEL.join(", ")}`,
      );
    }
  }
  const wholeNumber = (key: string, min: number) => {
    const v = doc[key];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) {
      throw new ConfigError(`${source}: '${key}' must be a whole number ≥ ${min}, got ${shown(v)}`);
    }
    return v;
  };
  const set = Object.fromEntries(setEntries(doc, source));
  const sweep = Object.fromEntries(sweepEntries(doc, source));
  for (const name of Object.keys(sweep)) {
    if (Object.hasOwn(set, name)) {
      throw new ConfigError(
        `${source}: ${quote(name)} is both in [set] and in [sweep]; give it one way only`,
      );
    }
  }
  const { description, seed, product } = doc;
  const zip = doc.zip ?? [];
  if (!Array.isArray(zip) || !zip.every((g) => Array.isArray(g) && g.every((k) => typeof k === "string"))) {
    throw new ConfigError(`${source}: 'zip' must be a list of lists of swept parameter names`);
  }
  for (const name of zip.flat() as string[]) {
    if (!Object.hasOwn(sweep, name)) {
      throw new ConfigError(`${source}: zip names ${quote(name)}, which is not swept`);
    }
  }
  if (zip.length > 0 && product !== true) {
    throw new ConfigError(`${source}: 'zip' only applies with product = true`);
  }
  if (description !== undefined && typeof description !== "string") {
    throw new ConfigError(`${source}: 'description' must be a string`);
  }
  if (product !== undefined && typeof product !== "boolean") {
    throw new ConfigError(`${source}: 'product' must be true or false`);
  }
  return {
    source,
    description,
    steps: wholeNumber("steps", 0),
    runs: wholeNumber("runs", 1),
    seed: seed === undefined ? undefined : checkSeed(seed, `${source}: 'seed'`),
    product,
    zip: zip as string[][],
    set,
    sweep,
  };
}

/**
 * At most MAX_CONFIG_BYTES of a regular file, as UTF-8 text. Reads limit + 1 bytes rather than trusting
 * a size from stat, which is 0 for devices such as /dev/zero.
 */
async function readBounded(path: string, source: string): Promise<string> {
  if (!(await Deno.stat(path)).isFile) throw new ConfigError(`configuration ${source} is not a regular file`);
  using file = await Deno.open(path);
  const buffer = new Uint8Array(MAX_CONFIG_BYTES + 1);
  let length = 0;
  while (length < buffer.length) {
    const n = await file.read(buffer.subarray(length));
    if (n === null) break;
    length += n;
  }
  if (length > MAX_CONFIG_BYTES) {
    throw new ConfigError(`configuration ${source} is larger than ${MAX_CONFIG_BYTES} bytes (1 MiB)`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length));
  } catch {
    throw new ConfigError(`configuration ${source} is not UTF-8 text`);
  }
}

/** Reads and parses a configuration file. */
export async function readConfig(path: string): Promise<RunConfig> {
  const source = clip(path, 200);
  let text: string;
  try {
    text = await readBounded(path, source);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`cannot read configuration ${source}: ${(e as Error).message.split(":")[0]}`);
  }
  return parseConfig(text, source);
}

/** A value as the parameter takes it: text parsed as the command line parses it, anything else checked. */
export function typedValue(
  model: Pick<ModelInfo, "name" | "params">,
  name: string,
  v: ParamValue,
): ParamValue {
  return typeof v === "string"
    ? parseValue(model.params, name, v, model.name)
    : checkValue(model.params, name, v, model.name);
}

/** A layer with every value checked against the model's parameters, errors naming the layer's source. */
export function checkConfig(layer: RunConfig, model: Pick<ModelInfo, "name" | "params">): RunConfig {
  const typed = ([name, v]: [string, ParamValue]) => [name, typedValue(model, name, v)];
  const typedList = ([name, vs]: [string, readonly ParamValue[]]) => [
    name,
    vs.map((v) => typedValue(model, name, v)),
  ];
  try {
    return {
      ...layer,
      set: Object.fromEntries(Object.entries(layer.set).map(typed)),
      sweep: Object.fromEntries(Object.entries(layer.sweep).map(typedList)),
    };
  } catch (e) {
    if (e instanceof ParamError) throw new ConfigError(`${layer.source}: ${e.message}`);
    throw e;
  }
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

/** A layer's sweep as groups: zipped as one group, or with `product` each zip group or list its own axis. */
function sweepGroups(layer: RunConfig): SweepLists[] {
  if (Object.keys(layer.sweep).length === 0) return [];
  if (!layer.product) return [layer.sweep];
  const zipped = new Set(layer.zip.flat());
  return [
    ...layer.zip.map((names) => Object.fromEntries(names.map((k) => [k, layer.sweep[k]]))),
    ...Object.entries(layer.sweep).filter(([k]) => !zipped.has(k)).map(([k, v]) => ({ [k]: v })),
  ];
}

/**
 * Plan options from configuration layers, later layers overriding earlier ones (scenario, then --config,
 * then the flags). The last layer to name a parameter, in [set] or [sweep], decides it: a later set
 * value removes an earlier sweep of it and a later sweep an earlier value, so the plan never holds a
 * parameter both ways.
 */
export function planOptionsOf(layers: readonly RunConfig[]): {
  set: Record<string, ParamValue>;
  sweep: SweepLists[];
  steps?: number;
  runs?: number;
  seed?: string | number;
} {
  const owner = new Map<string, number>();
  layers.forEach((layer, i) => {
    for (const name of [...Object.keys(layer.set), ...Object.keys(layer.sweep)]) owner.set(name, i);
  });
  const ownedBy = (i: number) => ([name]: [string, unknown]) => owner.get(name) === i;
  const set = Object.fromEntries(layers.flatMap((layer, i) => Object.entries(layer.set).filter(ownedBy(i))));
  const sweep = layers.flatMap((layer, i) =>
    sweepGroups(layer).map((group) => Object.fromEntries(Object.entries(group).filter(ownedBy(i))))
  ).filter((group) => Object.keys(group).length > 0);
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
