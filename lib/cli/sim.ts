/**
 * `deno task sim <model> [options]`: runs a model's simulation and writes its tables and manifest.
 * Every input is checked before anything is written; a problem exits non-zero with one line.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import {
  accepted,
  clip,
  ParamError,
  type ParamSpec,
  type ParamValue,
  parseDecimal,
  parseValue,
} from "../engine/params.ts";
import { ModelError } from "../engine/model.ts";
import { DEFAULT_SEED, planRuns } from "../engine/plan.ts";
import { type Intervals, latinHypercube } from "../engine/sample.ts";
import { DatasetError } from "../io/dataset.ts";
import {
  checkConfig,
  ConfigError,
  parseSeed,
  parseSweepText,
  planOptionsOf,
  readConfig,
  type RunConfig,
  scenarioNames,
  scenarioPath,
  SCENARIOS,
  typedValue,
} from "../io/config.ts";
import { simulators as models } from "../models/index.ts";
import type { Simulator } from "../models/simulator.ts";
import { formatBytes, parseBytes, type RunRequest, runRequest, SizeError } from "./sim_run.ts";

const USAGE =
  `usage: deno task sim <model> [--set name=value]... [--sweep name=v1,v2,...|name=start:stop:step]...
         [--steps N] [--runs N] [--seed S] [--scenario NAME] [--config FILE.toml] [--out DIR]
         [--format csv|parquet] [--tables t1,t2] [--workers N] [--shard I/N] [--max-output SIZE]
         [--lhs N]            (with --lhs, each --sweep name=lo:hi is an interval sampled N times)
       deno task sim <model> --help     (parameters, units, ranges and tables)
Several --sweep flags are crossed; a start:stop:step range includes stop. Flags override --config,
which overrides --scenario; name each parameter once on the command line. --workers defaults to the
machine's cores; --shard I/N runs shard I (0-based, or 'env' for SLURM_ARRAY_TASK_ID or
JOB_COMPLETION_INDEX) of N into DIR/shards/I for 'deno task merge DIR'.
Models: ${Object.keys(models).join(", ")}`;

/** A problem with what the user asked for (exit code 2). */
class UsageError extends Error {}

/** A checked request: what `runRequest` runs. */
export type SimRequest = RunRequest;

/** Default limit of the estimated output, refused above unless --max-output raises it. */
const DEFAULT_MAX_OUTPUT = 20e9;

// Every option is collected as a list so that one given twice is refused instead of silently replaced.
const OPTIONS = {
  set: { type: "string", multiple: true },
  sweep: { type: "string", multiple: true },
  steps: { type: "string", multiple: true },
  runs: { type: "string", multiple: true },
  seed: { type: "string", multiple: true },
  scenario: { type: "string", multiple: true },
  config: { type: "string", multiple: true },
  out: { type: "string", multiple: true },
  format: { type: "string", multiple: true },
  tables: { type: "string", multiple: true },
  workers: { type: "string", multiple: true },
  shard: { type: "string", multiple: true },
  "max-output": { type: "string", multiple: true },
  lhs: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

type Flags = ReturnType<typeof parseCommandLine>["values"];

/** The value of an option that may be given at most once. */
function once(values: readonly string[] | undefined, flag: string): string | undefined {
  if (values !== undefined && values.length > 1) throw new UsageError(`${flag} is given more than once`);
  return values?.[0];
}

function splitAssignment(flag: string, text: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`${flag} expects name=value, got '${clip(text)}'`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1)];
}

function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d{1,15}$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= min)) throw new UsageError(`${flag} expects a whole number ≥ ${min}, got '${clip(text)}'`);
  return n;
}

/** The model named on the command line; looked up as an own key so that 'constructor' is unknown too. */
function modelNamed(name: string): Simulator {
  if (!Object.hasOwn(models, name)) {
    throw new UsageError(`unknown model '${clip(name)}'; models: ${Object.keys(models).join(", ")}`);
  }
  return models[name];
}

/** The scenario and --config files, in that order, every value checked against the model. */
async function fileLayers(model: Simulator, scenario?: string, config?: string): Promise<RunConfig[]> {
  const paths: string[] = [];
  if (scenario !== undefined) {
    const names = scenarioNames(SCENARIOS, model.name);
    if (!names.includes(scenario)) {
      throw new UsageError(
        `unknown scenario '${clip(scenario)}' for model ${model.name}; scenarios: ${
          names.join(", ") || "none"
        }`,
      );
    }
    paths.push(scenarioPath(SCENARIOS, model.name, scenario));
  }
  if (config !== undefined) paths.push(config);
  const layers: RunConfig[] = [];
  for (const path of paths) layers.push(checkConfig(await readConfig(path), model));
  return layers;
}

function sweepValues(model: Simulator, name: string, text: string): ParamValue[] {
  let values: ParamValue[];
  try {
    values = parseSweepText(text);
  } catch (e) {
    throw new UsageError(`--sweep ${clip(name)}: ${(e as Error).message}`);
  }
  return values.map((v) => typedValue(model, name, v));
}

/**
 * The flags as the last configuration layer, overriding the files. Several --sweep flags are crossed;
 * a parameter may be named once, by one --set or one --sweep.
 */
function flagLayer(model: Simulator, values: Flags, intervals = false): RunConfig {
  const given = [
    ...(values.set ?? []).map((text) => ["--set", text]),
    ...(values.sweep ?? []).map((text) => ["--sweep", text]),
  ];
  const named = new Map<string, string>();
  const set: [string, ParamValue][] = [];
  const sweep: [string, ParamValue[]][] = [];
  for (const [flag, text] of given) {
    const [name, value] = splitAssignment(flag, text);
    const earlier = named.get(name);
    if (earlier !== undefined) {
      throw new UsageError(
        `parameter '${clip(name)}' is given twice on the command line (${earlier} and ${flag})`,
      );
    }
    named.set(name, flag);
    if (flag === "--set") set.push([name, parseValue(model.params, name, value, model.name)]);
    else sweep.push([name, intervals ? intervalOf(name, value) : sweepValues(model, name, value)]);
  }
  const seed = once(values.seed, "--seed");
  return {
    source: "the command line",
    product: true,
    zip: [],
    set: Object.fromEntries(set),
    sweep: Object.fromEntries(sweep),
    steps: wholeNumber("--steps", once(values.steps, "--steps"), 0),
    runs: wholeNumber("--runs", once(values.runs, "--runs"), 1),
    seed: seed === undefined ? undefined : parseSeed(seed, "--seed"),
  };
}

/** Turns the command line into a checked run request; reads configuration files, writes nothing. */
export async function parseRequest(argv: string[]): Promise<SimRequest | "help"> {
  const { values, positionals } = parseCommandLine(argv);
  if (positionals.length === 0) {
    if (values.help) return "help";
    throw new UsageError(`no model named; models: ${Object.keys(models).join(", ")} (--help for usage)`);
  }
  if (positionals.length > 1) throw new UsageError(`one model at a time, got ${clip(positionals.join(" "))}`);
  const model = modelNamed(positionals[0]);
  if (values.help) {
    console.log(describeModel(model));
    return "help";
  }
  const format = once(values.format, "--format") ?? "csv";
  if (format !== "csv" && format !== "parquet") {
    throw new UsageError(`--format must be csv or parquet, got '${clip(format)}'`);
  }
  const scenario = once(values.scenario, "--scenario");
  const config = once(values.config, "--config");
  const tables = tablesOf(model, once(values.tables, "--tables"));
  const workers = wholeNumber("--workers", once(values.workers, "--workers"), 1) ??
    navigator.hardwareConcurrency;
  const shard = shardOf(once(values.shard, "--shard"));
  const maxText = once(values["max-output"], "--max-output");
  const maxBytes = maxText === undefined ? DEFAULT_MAX_OUTPUT : parseBytes(maxText);
  if (maxBytes === undefined) {
    throw new UsageError(`--max-output expects a size such as 500MB or 20GB, got '${clip(maxText!)}'`);
  }
  const files = await fileLayers(model, scenario, config);
  const lhs = wholeNumber("--lhs", once(values.lhs, "--lhs"), 2);
  let flags = flagLayer(model, values, lhs !== undefined);
  if (lhs !== undefined) flags = sampledLayer(model, flags, lhs, planOptionsOf([...files, flags]).seed);
  return {
    model,
    plan: planRuns(model, planOptionsOf([...files, flags])),
    out: once(values.out, "--out") ?? join("data", "out", model.name),
    format,
    tables,
    workers,
    shard,
    maxBytes,
    scenario,
    config,
  };
}

/** The tables to write: the model's (but those it writes only on request), or those listed (each known, none twice). */
function tablesOf(model: Simulator, text: string | undefined): string[] {
  const known = Object.keys(model.tables);
  if (text === undefined) return known.filter((name) => !model.onRequest?.includes(name));
  const asked = text.split(",").map((t) => t.trim());
  for (const [i, name] of asked.entries()) {
    if (!Object.hasOwn(model.tables, name)) {
      throw new UsageError(
        `--tables: model ${model.name} writes no table '${clip(name)}'; tables: ${known.join(", ")}`,
      );
    }
    if (asked.indexOf(name) !== i) throw new UsageError(`--tables names '${name}' twice`);
  }
  return known.filter((name) => asked.includes(name));
}

/** With --lhs, a --sweep gives an interval `lo:hi` to sample from. */
function intervalOf(name: string, text: string): [number, number] {
  const parts = text.split(":");
  if (parts.length !== 2) {
    throw new UsageError(`--sweep ${clip(name)}: with --lhs give an interval lo:hi, got '${clip(text)}'`);
  }
  try {
    return [parseDecimal(parts[0]), parseDecimal(parts[1])];
  } catch (e) {
    throw new UsageError(`--sweep ${clip(name)}: ${(e as Error).message}`);
  }
}

/**
 * The command line's layer with its intervals replaced by N Latin-hypercube samples, zipped (one
 * subset per sample), drawn from the plan's seed so that the same command gives the same samples.
 */
function sampledLayer(
  model: Simulator,
  flags: RunConfig,
  n: number,
  seed: string | number | undefined,
): RunConfig {
  const intervals = flags.sweep as unknown as Intervals;
  return {
    ...flags,
    product: false,
    sweep: latinHypercube(model.params, intervals, n, seed ?? DEFAULT_SEED),
  };
}

/** `--shard I/N`: I from 0 to N − 1, or `env` for the scheduler's index (SLURM array or Kubernetes). */
function shardOf(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{1,9}|env)\/(\d{1,9})$/.exec(text.trim());
  if (!match) throw new UsageError(`--shard expects I/N (e.g. 0/4, or env/4), got '${clip(text)}'`);
  const count = Number(match[2]);
  let index: string | undefined = match[1];
  if (index === "env") {
    index = Deno.env.get("SLURM_ARRAY_TASK_ID") ?? Deno.env.get("JOB_COMPLETION_INDEX");
    if (index === undefined || !/^\d{1,9}$/.test(index)) {
      throw new UsageError(
        "--shard env/N: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX holds an index",
      );
    }
  }
  if (!(count >= 1 && Number(index) < count)) {
    throw new UsageError(`--shard ${index}/${count}: the index must be from 0 to ${count - 1}`);
  }
  return { index: Number(index), count };
}

/** The parameter table shown by `--help`. */
export function describeModel(model: Simulator): string {
  const lines = [
    `${model.name}: ${model.title}`,
    `one timestep = one ${model.timeUnit}; default ${model.steps} steps, ${model.runs} runs`,
    "",
    "parameters:",
  ];
  for (const [name, spec] of Object.entries(model.params as Record<string, ParamSpec>)) {
    const unit = spec.kind === "number" ? ` [${spec.unit}]` : "";
    lines.push(`  ${name} = ${spec.default}${unit}: ${spec.description} Accepts ${accepted(spec)}.`);
  }
  lines.push("", "tables (all by default, but those marked on request; choose with --tables):");
  for (const [name, description] of Object.entries(model.tables)) {
    lines.push(`  ${name}${model.onRequest?.includes(name) ? " (on request)" : ""}: ${description}`);
  }
  const scenarios = scenarioNames(SCENARIOS, model.name);
  if (scenarios.length > 0) lines.push("", `scenarios: ${scenarios.join(", ")}`);
  return lines.join("\n");
}

if (import.meta.main) {
  try {
    const request = await parseRequest(Deno.args);
    if (request === "help") {
      if (Deno.args.length === 1) console.log(USAGE);
    } else {
      const { files, failures, target } = await runRequest(request);
      for (const failure of failures) {
        console.error(
          `sim: warning: run ${failure.run} of subset ${failure.subset} failed: ${failure.message}`,
        );
      }
      const size = formatBytes(files.reduce((n, f) => n + f.bytes, 0));
      console.error(`sim: wrote ${target}: ${files.map((f) => f.file).join(", ")}, manifest.json (${size})`);
    }
  } catch (e) {
    const message = clip((e as Error).message.split("\n")[0], 400);
    console.error(`sim: error: ${message}`);
    const refused = [UsageError, ParamError, ConfigError, SizeError, DatasetError, ModelError].some((c) =>
      e instanceof c
    );
    Deno.exit(refused ? 2 : 1);
  }
}
