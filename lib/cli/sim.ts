/**
 * `deno task sim <model> [options]`: runs a model's simulation and writes its tables and manifest.
 * Every input is checked before anything is written; a problem exits non-zero with one line.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { accepted, clip, ParamError, type ParamSpec, type ParamValue, parseValue } from "../engine/params.ts";
import { planRuns, type RunPlan } from "../engine/plan.ts";
import { writeTables } from "../io/tables.ts";
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
import { VERSION } from "../version.ts";

const USAGE =
  `usage: deno task sim <model> [--set name=value]... [--sweep name=v1,v2,...|name=start:stop:step]...
         [--steps N] [--runs N] [--seed S] [--scenario NAME] [--config FILE.toml] [--out DIR]
         [--format csv|parquet]
       deno task sim <model> --help     (parameters, units and ranges)
Several --sweep flags are crossed; a start:stop:step range includes stop. Flags override --config,
which overrides --scenario; name each parameter once on the command line.
Models: ${Object.keys(models).join(", ")}`;

/** A problem with what the user asked for (exit code 2). */
class UsageError extends Error {}

export interface SimRequest {
  readonly model: Simulator;
  readonly plan: RunPlan;
  readonly out: string;
  readonly format: "csv" | "parquet";
  readonly scenario?: string;
  readonly config?: string;
}

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
function flagLayer(model: Simulator, values: Flags): RunConfig {
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
    else sweep.push([name, sweepValues(model, name, value)]);
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
  const layers = [...await fileLayers(model, scenario, config), flagLayer(model, values)];
  return {
    model,
    plan: planRuns(model, planOptionsOf(layers)),
    out: once(values.out, "--out") ?? join("data", "out", model.name),
    format,
    scenario,
    config,
  };
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
  const scenarios = scenarioNames(SCENARIOS, model.name);
  if (scenarios.length > 0) lines.push("", `scenarios: ${scenarios.join(", ")}`);
  return lines.join("\n");
}

/** Progress on stderr, only when it is a terminal (no noise in logs and pipes). */
function progressReporter(): ((done: number, total: number) => void) | undefined {
  if (!Deno.stderr.isTerminal()) return undefined;
  const encoder = new TextEncoder();
  let lastShown = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - lastShown < 100) return;
    lastShown = now;
    Deno.stderr.writeSync(encoder.encode(`\rsim: ${done}/${total} runs${done === total ? "\n" : ""}`));
  };
}

/** Fails early, before a long run, when the output directory cannot be created or written. */
async function checkWritable(dir: string): Promise<void> {
  const probe = join(dir, `.${crypto.randomUUID()}.probe`);
  try {
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(probe, "");
    await Deno.remove(probe);
  } catch (e) {
    throw new UsageError(`cannot write to output directory ${dir}: ${(e as Error).message.split(":")[0]}`);
  }
}

/** Runs a checked request and writes its tables; returns the written paths. */
export async function runRequest(request: SimRequest): Promise<string[]> {
  const { model, plan } = request;
  await checkWritable(request.out);
  const { tables, failures } = await model.run(plan, progressReporter());
  for (const failure of failures) console.error(`sim: warning: ${failure}`);
  return await writeTables(request.out, tables, request.format, {
    model: model.name,
    version: VERSION,
    scenario: request.scenario ?? null,
    config: request.config ?? null,
    seed: plan.seed,
    steps: plan.steps,
    runs: plan.runs,
    swept: plan.sweptNames,
    subsets: plan.subsets.map((s) => ({ subset: s.subset, params: s.params })),
    failed_runs: failures,
  });
}

if (import.meta.main) {
  try {
    const request = await parseRequest(Deno.args);
    if (request === "help") {
      if (Deno.args.length === 1) console.log(USAGE);
    } else {
      const files = await runRequest(request);
      console.error(`sim: wrote ${files.join(", ")}`);
    }
  } catch (e) {
    const message = clip((e as Error).message.split("\n")[0], 400);
    console.error(`sim: error: ${message}`);
    Deno.exit(e instanceof UsageError || e instanceof ParamError || e instanceof ConfigError ? 2 : 1);
  }
}
