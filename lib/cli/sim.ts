/**
 * `deno task sim <model> [options]`: runs a model's simulation and writes its tables and manifest.
 * Every input is checked before anything is written; a problem exits non-zero with one line.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { ParamError, type ParamValue, parseDecimal, parseValue } from "../engine/params.ts";
import { clip, quote } from "../engine/quote.ts";
import { ModelError } from "../engine/model.ts";
import { DEFAULT_SEED, planRuns } from "../engine/plan.ts";
import { type Intervals, latinHypercube } from "../analysis/lhs.ts";
import { didYouMean } from "../engine/suggest.ts";
import { DatasetError } from "../io/dataset.ts";
import { UsageError } from "../system/usage.ts";
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
import { describeModel } from "./help.ts";
import { formatBytes, parseBytes, type RunRequest, runRequest, SizeError } from "./sim_run.ts";
import { summarise } from "./summary.ts";

/**
 * Most worker threads a run may ask for: more than the largest single machines have cores. Each worker is
 * a thread with its own JavaScript heap and copy of the model (measured: 15–20 MB each for honey and
 * dataDAO), so past the machine's cores more workers add memory and start-up time, not speed; beyond one
 * machine, --shard splits the work.
 */
export const MAX_WORKERS = 256;

const USAGE =
  `usage: deno task sim <model> [--set name=value]... [--sweep name=v1,v2,...|name=start:stop:step]...
         [--steps N] [--runs N] [--seed S] [--scenario NAME] [--config FILE.toml] [--out DIR]
         [--format csv|parquet] [--tables t1,t2] [--workers N] [--shard I/N] [--max-output SIZE]
         [--lhs N]            (with --lhs, each --sweep name=lo:hi is an interval sampled N times)
         [--summary]          (then print each table's rows, ranges, medians and final-step medians)
       deno task sim <model> --help     (parameters, units, ranges, tables and scenarios)
Several --sweep flags are crossed; a start:stop:step range includes stop. Flags override --config,
which overrides --scenario; name each parameter once on the command line. --workers defaults to the
machine's cores (at most ${MAX_WORKERS}: past the cores, workers add memory, not speed); --shard I/N runs
shard I (0-based, or 'env' for SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX) of N into DIR/shards/I for
'deno task merge DIR'.
Models:
${Object.values(models).map((m) => `  ${m.name.padEnd(12)}${m.title}`).join("\n")}`;

/** A checked request: what `runRequest` runs, and whether to summarise what it wrote. */
export type SimRequest = RunRequest & { readonly summary: boolean };

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
  summary: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type OptionName = keyof typeof OPTIONS;

/** The option a flag names (`--seed`, `-h`), or undefined when it names none. */
function optionOf(flag: string): OptionName | undefined {
  const name = Object.entries(OPTIONS).find(([name, option]) =>
    flag === `--${name}` || ("short" in option && flag === `-${option.short}`)
  );
  return name?.[0] as OptionName | undefined;
}

/**
 * The command line with every option's value joined to its flag (`--seed -3` becomes `--seed=-3`), so
 * that a value starting with '-' reaches the option's own check, which names the problem, rather than
 * parseArgs' "argument is ambiguous". Unknown options and options missing their value are refused here.
 */
function joinValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") return [...out, ...argv.slice(i)];
    if (!arg.startsWith("-") || arg === "-") {
      out.push(arg);
      continue;
    }
    const flag = arg.split("=")[0];
    const option = optionOf(flag);
    if (option === undefined) {
      const known = Object.keys(OPTIONS).map((name) => `--${name}`);
      throw new UsageError(`unknown option ${quote(flag)}${suggestion(flag, known)} (--help for usage)`);
    }
    if (OPTIONS[option].type === "string" && flag === arg) {
      const value = argv[i + 1];
      if (value === undefined || optionOf(value.split("=")[0]) !== undefined) {
        throw new UsageError(`${flag} needs a value`);
      }
      out.push(`${flag}=${value}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function parseCommandLine(argv: string[]) {
  const args = joinValues(argv);
  try {
    return parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

type Flags = ReturnType<typeof parseCommandLine>["values"];

/** The value of an option that may be given at most once. */
export function once(values: readonly string[] | undefined, flag: string): string | undefined {
  if (values !== undefined && values.length > 1) throw new UsageError(`${flag} is given more than once`);
  return values?.[0];
}

export function splitAssignment(flag: string, text: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`${flag} expects name=value, got ${quote(text)}`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1)];
}

export function wholeNumber(
  flag: string,
  text: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d{1,15}$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${flag} expects a whole number ${range}, got ${quote(text)}`);
  }
  return n;
}

/** `; did you mean …?` when a known name is close to the unknown one, else nothing. */
export function suggestion(name: string, known: readonly string[]): string {
  const text = didYouMean(name, known);
  return text === undefined ? "" : `; ${text}`;
}

/** The model named on the command line; looked up as an own key so that 'constructor' is unknown too. */
export function modelNamed(name: string): Simulator {
  if (!Object.hasOwn(models, name)) {
    const known = Object.keys(models);
    throw new UsageError(
      `unknown model ${quote(name)}${suggestion(name, known)}; models: ${known.join(", ")}`,
    );
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
        `unknown scenario ${quote(scenario)} for model ${model.name}${suggestion(scenario, names)}; ` +
          `scenarios: ${names.join(", ") || "none"} (--help says what each is for)`,
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
        `parameter ${quote(name)} is given twice on the command line (${earlier} and ${flag})`,
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
    console.log(await describeModel(model));
    return "help";
  }
  const format = once(values.format, "--format") ?? "csv";
  if (format !== "csv" && format !== "parquet") {
    throw new UsageError(`--format must be csv or parquet, got ${quote(format)}`);
  }
  const scenario = once(values.scenario, "--scenario");
  const config = once(values.config, "--config");
  const tables = tablesOf(model, once(values.tables, "--tables"));
  const workers = wholeNumber("--workers", once(values.workers, "--workers"), 1, MAX_WORKERS) ??
    Math.min(navigator.hardwareConcurrency, MAX_WORKERS);
  const shard = shardOf(once(values.shard, "--shard"));
  const maxText = once(values["max-output"], "--max-output");
  const maxBytes = maxText === undefined ? DEFAULT_MAX_OUTPUT : parseBytes(maxText);
  if (maxBytes === undefined) {
    throw new UsageError(`--max-output expects a size such as 500MB or 20GB, got ${quote(maxText!)}`);
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
    summary: values.summary ?? false,
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
        `--tables: model ${model.name} writes no table ${quote(name)}${suggestion(name, known)}; ` +
          `tables: ${known.join(", ")}`,
      );
    }
    if (asked.indexOf(name) !== i) throw new UsageError(`--tables names ${quote(name)} twice`);
  }
  return known.filter((name) => asked.includes(name));
}

/** With --lhs, a --sweep gives an interval `lo:hi` to sample from. */
function intervalOf(name: string, text: string): [number, number] {
  const parts = text.split(":");
  if (parts.length !== 2) {
    throw new UsageError(`--sweep ${clip(name)}: with --lhs give an interval lo:hi, got ${quote(text)}`);
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
  const parts = text.trim().split("/");
  if (parts.length !== 2) {
    throw new UsageError(`--shard expects I/N (e.g. 0/4, or env/4), got ${quote(text)}`);
  }
  const whole = (part: string) => /^\d{1,9}$/.test(part) ? Number(part) : NaN;
  const count = whole(parts[1]);
  if (!(count >= 1)) {
    throw new UsageError(
      `--shard ${clip(text)}: the shard count must be a whole number ≥ 1, got ${quote(parts[1])}`,
    );
  }
  let given = `--shard ${clip(text)}: the shard index`;
  let indexText = parts[0];
  if (indexText === "env") {
    const variable = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"].find((v) =>
      Deno.env.get(v) !== undefined
    );
    if (variable === undefined) {
      throw new UsageError("--shard env/N: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set");
    }
    indexText = Deno.env.get(variable)!;
    given = `--shard env/${count}: the shard index in ${variable}`;
  }
  const index = whole(indexText);
  if (!(index >= 0)) throw new UsageError(`${given} must be a whole number ≥ 0, got ${quote(indexText)}`);
  if (index >= count) {
    throw new UsageError(`${given} must be below the count, from 0 to ${count - 1}; got ${index}`);
  }
  return { index, count };
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
          `sim: warning: run ${failure.run} of subset ${failure.subset} failed: ${
            clip(failure.message, 400)
          }`,
        );
      }
      const size = formatBytes(files.reduce((n, f) => n + f.bytes, 0));
      console.error(
        `sim: wrote ${clip(target, 200)}: ${files.map((f) => f.file).join(", ")}, manifest.json (${size})`,
      );
      if (request.summary) console.log(await summarise(target));
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
