/**
 * `deno task sim <model> [options]`: runs a model's simulation and writes its tables and manifest.
 * Every input is checked before anything is written; a problem exits non-zero with one line.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { accepted, ParamError, type ParamSpec, type ParamValue, parseValue } from "../engine/params.ts";
import { planRuns, type RunPlan } from "../engine/simulate.ts";
import type { SweepLists } from "../engine/sweep.ts";
import { writeTables } from "../io/tables.ts";
import { simulators as models } from "../models/index.ts";
import type { Simulator } from "../models/simulator.ts";
import { VERSION } from "../version.ts";
import {
  ConfigError,
  parseSweepText,
  planOptionsOf,
  readConfig,
  type RunConfig,
  scenarioNames,
  scenarioPath,
  SCENARIOS,
} from "./config.ts";

const USAGE =
  `usage: deno task sim <model> [--set name=value]... [--sweep name=v1,v2,...|name=start:stop:step]...
         [--steps N] [--runs N] [--seed S] [--scenario NAME] [--config FILE.toml] [--out DIR]
         [--format csv|parquet]
       deno task sim <model> --help     (parameters, units and ranges)
Several --sweep flags are crossed; a start:stop:step range includes stop.
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

function splitAssignment(flag: string, text: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`${flag} expects name=value, got '${text}'`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1)];
}

function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) {
    throw new UsageError(`${flag} expects a whole number ≥ ${min}, got '${text}'`);
  }
  return Number(text);
}

/** Turns the command line into a checked run request; reads configuration files, writes nothing. */
export async function parseRequest(argv: string[]): Promise<SimRequest | "help"> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        set: { type: "string", multiple: true },
        sweep: { type: "string", multiple: true },
        steps: { type: "string" },
        runs: { type: "string" },
        seed: { type: "string" },
        scenario: { type: "string" },
        config: { type: "string" },
        out: { type: "string" },
        format: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    if (values.help) return "help";
    throw new UsageError("no model named");
  }
  if (positionals.length > 1) throw new UsageError(`one model at a time, got ${positionals.join(" ")}`);
  const model = models[positionals[0]];
  if (!model) {
    throw new UsageError(`unknown model '${positionals[0]}'; models: ${Object.keys(models).join(", ")}`);
  }
  if (values.help) {
    console.log(describeModel(model));
    return "help";
  }
  const format = values.format ?? "csv";
  if (format !== "csv" && format !== "parquet") {
    throw new UsageError(`--format must be csv or parquet, got '${format}'`);
  }

  const layers: RunConfig[] = [];
  if (values.scenario !== undefined) {
    const names = scenarioNames(SCENARIOS, model.name);
    if (!names.includes(values.scenario)) {
      throw new UsageError(
        `unknown scenario '${values.scenario}' for model ${model.name}; scenarios: ${
          names.join(", ") || "none"
        }`,
      );
    }
    layers.push(await readConfig(scenarioPath(SCENARIOS, model.name, values.scenario)));
  }
  if (values.config !== undefined) layers.push(await readConfig(values.config));

  const fromFiles = planOptionsOf(layers);
  const set: Record<string, ParamValue> = { ...fromFiles.set };
  const groups: SweepLists[] = [...fromFiles.sweep];
  for (const text of values.set ?? []) {
    const [name, value] = splitAssignment("--set", text);
    set[name] = parseValue(model.params, name, value, model.name);
  }
  for (const text of values.sweep ?? []) {
    const [name, list] = splitAssignment("--sweep", text);
    const parsedList = parseSweepText(list);
    if (typeof parsedList === "string") {
      throw new UsageError(`--sweep ${name}: '${list}' is neither a list nor a start:stop:step range`);
    }
    // A parameter swept on the command line replaces its sweep or value from a configuration.
    delete set[name];
    for (const g of groups) delete (g as Record<string, unknown>)[name];
    groups.push({ [name]: parsedList.map((v) => parseValue(model.params, name, String(v), model.name)) });
  }
  const plan = planRuns(model, {
    set,
    sweep: groups.filter((g) => Object.keys(g).length > 0),
    steps: wholeNumber("--steps", values.steps, 0) ?? fromFiles.steps,
    runs: wholeNumber("--runs", values.runs, 1) ?? fromFiles.runs,
    seed: values.seed ?? fromFiles.seed,
  });
  return {
    model,
    plan,
    out: values.out ?? join("data", "out", model.name),
    format,
    scenario: values.scenario,
    config: values.config,
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
    const message = (e as Error).message.split("\n")[0];
    console.error(`sim: error: ${message}`);
    if (e instanceof UsageError) console.error(USAGE.split("\n")[0]);
    Deno.exit(e instanceof UsageError || e instanceof ParamError || e instanceof ConfigError ? 2 : 1);
  }
}
