/**
 * `deno task sensitivity <model> --sweep a=lo:hi … --outcome COLUMN [--method prcc|sobol] …`: which
 * parameters drive an outcome, ranked. The outcome is a numeric column of the model's main table (the
 * timeseries, or its first table) at the final step, the median over the runs of each parameter set.
 *
 * - `prcc` (default): N parameter sets by Latin-hypercube sampling (lib/analysis/lhs.ts), ranked by
 *   partial rank correlation (lib/analysis/prcc.ts), with the 5–95 % interval of the PRCC over bootstrap
 *   resamples of the N sets. Monotone effects only: an effect that rises then falls can show as ~0.
 * - `sobol`: Saltelli's design of N base samples, N·(k + 2) parameter sets (lib/analysis/sobol.ts), and
 *   every parameter's first- and total-order index with their bootstrap intervals.
 *
 * The sets run in this process through the engine as a zipped sweep, so they are seeded like any run
 * (unit i of set s draws from `<seed>/<s>/<i>`); only each unit's final-step outcome is kept, so memory
 * does not grow with the number of sets.
 */
import pl from "nodejs-polars";
import { bootstrap, resample } from "../analysis/bootstrap.ts";
import { formatNumber as format } from "../analysis/format.ts";
import { type Intervals, latinHypercube } from "../analysis/lhs.ts";
import { prcc } from "../analysis/prcc.ts";
import { median, quantile } from "../analysis/quantiles.ts";
import { saltelliDesign, type SobolDesign, sobolIndices } from "../analysis/sobol.ts";
import { inProcess, runRange } from "../engine/executor.ts";
import { frames } from "../engine/frame.ts";
import {
  accepted,
  checkValue,
  ParamError,
  parseDecimal,
  parseValue,
  unknownParameter,
} from "../engine/params.ts";
import { DEFAULT_SEED, planRuns, type RunPlan } from "../engine/plan.ts";
import { clip, quote } from "../engine/quote.ts";
import { didYouMean } from "../engine/suggest.ts";
import type { Shard } from "../engine/shard.ts";
import type { SweepLists } from "../engine/sweep.ts";
import { ConfigError, parseSeed } from "../io/config.ts";
import { simulators as models } from "../models/index.ts";
import type { Simulator } from "../models/simulator.ts";
import { UsageError } from "../system/usage.ts";
import { commandLine } from "./args.ts";
import { outputWidth, wrap } from "./help.ts";
import { modelNamed, splitAssignment, wholeNumber } from "./sim.ts";
import { progressReporter } from "./sim_run.ts";
import { isKey, mainTable, stepColumn, timeColumnOf } from "./final_step.ts";
import { renderTable } from "./summary.ts";

/** Samples when --samples is not given: enough for PRCC's ranks to settle and Sobol's intervals to mean something. */
const DEFAULT_SAMPLES = { prcc: 100, sobol: 64 } as const;
/** Fewest Sobol base samples: the bootstrap over fewer rows says little. */
const MIN_SOBOL_SAMPLES = 8;
/** Fewest LHS samples, besides PRCC's own minimum of k + 3. */
const MIN_PRCC_SAMPLES = 10;
/** Bootstrap resamples for the intervals of both methods. */
export const RESAMPLES = 200;
/** Rows per chunk of units run at once: bounds the memory of one shard's tables. */
const CHUNK_ROWS = 200_000;

const USAGE =
  `usage: deno task sensitivity <model> --sweep name=lo:hi [--sweep name=lo:hi]... --outcome COLUMN
         [--method prcc|sobol] [--samples N] [--seed S] [--runs R] [--steps N] [--set name=value]...
Ranks what drives an outcome: COLUMN of the model's main table at the final step, the median over R runs of
each parameter set. prcc (default): partial rank correlation over N Latin-hypercube samples (default
${DEFAULT_SAMPLES.prcc}); sobol: first- and total-order Sobol indices from Saltelli's design, N base samples
(default ${DEFAULT_SAMPLES.sobol}) giving N·(k + 2) parameter sets for k swept parameters. Intervals are the
5–95% of ${RESAMPLES} bootstrap resamples. 'deno task sim <model> --help' lists parameters and tables.
Models: ${Object.keys(models).join(", ")}`;

const OPTIONS = {
  sweep: { type: "string", multiple: true },
  set: { type: "string", multiple: true },
  outcome: { type: "string" },
  method: { type: "string" },
  samples: { type: "string" },
  seed: { type: "string" },
  runs: { type: "string" },
  steps: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export type Method = "prcc" | "sobol";

/** A checked request. */
export interface SensitivityRequest {
  readonly model: Simulator;
  readonly method: Method;
  readonly intervals: Intervals;
  readonly set: Readonly<Record<string, unknown>>;
  readonly outcome: string;
  readonly table: string;
  readonly samples: number;
  readonly seed: string | number;
  readonly runs: number;
  readonly steps: number;
}

/** `name=lo:hi`, a number parameter of the model, both ends in its range and lo < hi. */
function intervalOf(model: Simulator, text: string): [string, [number, number]] {
  const [name, value] = splitAssignment("--sweep", text);
  if (!Object.hasOwn(model.params, name)) {
    throw new ParamError(unknownParameter(model.params, name, model.name));
  }
  const spec = model.params[name];
  if (spec.kind !== "number") throw new UsageError(`--sweep ${name}: only number parameters can be sampled`);
  const parts = value.split(":");
  if (parts.length !== 2) {
    throw new UsageError(`--sweep ${name}: give an interval lo:hi, got ${quote(value)}`);
  }
  let ends: [number, number];
  try {
    ends = [parseDecimal(parts[0]), parseDecimal(parts[1])];
  } catch (e) {
    throw new UsageError(`--sweep ${name}: ${(e as Error).message}`);
  }
  if (!(ends[0] < ends[1])) throw new UsageError(`--sweep ${name}: lo must be below hi, got ${quote(value)}`);
  for (const end of ends) {
    // An interval end is a value the parameter may take (a whole number's ends may be any number in range).
    if ((spec.min !== undefined && end < spec.min) || (spec.max !== undefined && end > spec.max)) {
      throw new ParamError(`--sweep ${name}: ${end} is out of range; expected ${accepted(spec)}`);
    }
  }
  return [name, ends];
}

/** The numeric value columns of the model's main table, from a pilot of one unit over one step. */
function outcomeColumns(model: Simulator, table: string, set: Readonly<Record<string, unknown>>): string[] {
  const plan = planRuns(model, { set, runs: 1, steps: 1 });
  const shard = runRange(model.model, plan, 0, 1, model.record([table]));
  if (shard.failures.length > 0) {
    throw new Error(`a one-step pilot run of ${model.name} failed: ${shard.failures[0].message}`);
  }
  const frame = tableOf(model, table, plan, shard);
  return frame.columns.filter((c) =>
    !isKey(c, timeColumnOf(model)) && !Object.hasOwn(model.params, c) &&
    /^(Int|UInt|Float)/.test(frame.getColumn(c).dtype.variant)
  );
}

/** One shard's rows of the main table, as the model writes them. */
function tableOf(model: Simulator, table: string, plan: RunPlan, shard: Shard): pl.DataFrame {
  return model.output(frames({ plan, tables: shard.tables, failures: [] }), plan)[table];
}

/** Turns the command line into a checked request; runs nothing but a one-step pilot to list the columns. */
export function parseRequest(argv: readonly string[]): SensitivityRequest | "help" {
  const { values, positionals } = commandLine(argv, OPTIONS);
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? `no model named; models: ${Object.keys(models).join(", ")} (--help for usage)`
        : `one model at a time, got ${clip(positionals.join(" "))}`,
    );
  }
  const model = modelNamed(positionals[0]);
  const method = values.method ?? "prcc";
  if (method !== "prcc" && method !== "sobol") {
    throw new UsageError(`--method must be prcc or sobol, got ${quote(method)}`);
  }
  const sweeps = values.sweep ?? [];
  if (sweeps.length === 0) throw new UsageError("give at least one --sweep name=lo:hi to rank");
  const intervals: Record<string, [number, number]> = {};
  for (const text of sweeps) {
    const [name, ends] = intervalOf(model, text);
    if (Object.hasOwn(intervals, name)) throw new UsageError(`--sweep ${name} is given twice`);
    intervals[name] = ends;
  }
  const set: Record<string, unknown> = {};
  for (const text of values.set ?? []) {
    const [name, value] = splitAssignment("--set", text);
    if (Object.hasOwn(intervals, name) || Object.hasOwn(set, name)) {
      throw new UsageError(`parameter ${quote(name)} is given twice (--set and --sweep name each once)`);
    }
    set[name] = parseValue(model.params, name, value, model.name);
  }
  const k = Object.keys(intervals).length;
  const least = method === "prcc" ? Math.max(MIN_PRCC_SAMPLES, k + 3) : MIN_SOBOL_SAMPLES;
  const samples = wholeNumber("--samples", values.samples, 1) ?? DEFAULT_SAMPLES[method];
  if (samples < least) {
    throw new UsageError(
      `--samples ${samples} is too few for ${method} with ${k} parameter(s): at least ${least}` +
        (method === "prcc" ? " (PRCC needs k + 3, and its ranks settle only from about 10)" : ""),
    );
  }
  const table = mainTable(Object.keys(model.tables));
  if (values.outcome === undefined) {
    throw new UsageError(`name the outcome: --outcome COLUMN of ${model.name}'s ${table}`);
  }
  const columns = outcomeColumns(model, table, set);
  if (!columns.includes(values.outcome)) {
    const hint = didYouMean(values.outcome, columns);
    throw new UsageError(
      `--outcome: ${model.name}'s ${table} has no numeric column ${quote(values.outcome)}` +
        `${hint ? `; ${hint}` : ""} (columns: ${columns.join(", ")})`,
    );
  }
  return {
    model,
    method,
    intervals,
    set,
    outcome: values.outcome,
    table,
    samples,
    seed: values.seed === undefined ? DEFAULT_SEED : parseSeed(values.seed, "--seed"),
    runs: wholeNumber("--runs", values.runs, 1) ?? model.runs,
    steps: wholeNumber("--steps", values.steps, 1) ?? model.steps,
  };
}

/** The parameter sets to run: LHS samples, or Saltelli's design (whole-number parameters rounded). */
function design(request: SensitivityRequest): { lists: SweepLists; sobol?: SobolDesign } {
  const { model, intervals, samples, seed } = request;
  if (request.method === "prcc") return { lists: latinHypercube(model.params, intervals, samples, seed) };
  const sobol = saltelliDesign(intervals, samples, seed);
  const lists = Object.fromEntries(
    Object.entries(sobol.columns).map(([name, values]) => {
      const spec = model.params[name];
      const integer = spec.kind === "number" && spec.integer;
      return [
        name,
        values.map((v) => checkValue(model.params, name, integer ? Math.round(v) : v, model.name)),
      ];
    }),
  );
  return { lists, sobol };
}

/** The outcome of every parameter set: the median over its runs of the final step's value. */
export async function outcomes(request: SensitivityRequest, plan: RunPlan): Promise<number[]> {
  const { model, outcome, steps } = request;
  const values: number[][] = plan.subsets.map(() => []);
  const failures: string[] = [];
  const rowsPerUnit = model.rowsPerUnit(plan.subsets[0].params, steps)[request.table] ?? steps + 1;
  const chunk = Math.max(1, Math.floor(CHUNK_ROWS / Math.max(1, rowsPerUnit)));
  await inProcess(model.model, chunk).run(plan, (shard) => {
    for (const { failure } of shard.failures) failures[failure.subset] ??= failure.message;
    let frame = tableOf(model, request.table, plan, shard);
    const step = stepColumn(frame.columns, timeColumnOf(model));
    if (step !== undefined) frame = frame.filter(pl.col(step).eq(steps));
    const subsets = frame.getColumn("subset").toArray() as number[];
    const column = frame.getColumn(outcome).cast(pl.Float64).toArray() as (number | null)[];
    subsets.forEach((s, i) => values[s].push(column[i] ?? NaN));
  }, { ...model.record([request.table]), onProgress: progressReporter(rowsPerUnit, "sensitivity") });
  return values.map((runs, s) => {
    const m = median(runs);
    if (!Number.isFinite(m)) {
      const why = failures[s]
        ? `its runs failed: ${failures[s]}`
        : `${outcome} is not a finite number in any run`;
      const params = plan.sweptNames.map((n) => `${n} ${plan.subsets[s].swept[n]}`).join(", ");
      throw new Error(`parameter set ${s} (${params}): ${why}`);
    }
    return m;
  });
}

const formatNumber = (x: number) => format(x, { digits: 3 });
const between = ([lo, hi]: readonly [number, number]) => `${formatNumber(lo)} – ${formatNumber(hi)}`;

/** PRCC of each parameter with its bootstrap 5–95 % interval over resamples of the parameter sets. */
export function prccRanking(
  inputs: Readonly<Record<string, readonly number[]>>,
  output: readonly number[],
  seed: string | number,
): { parameter: string; prcc: number; interval: readonly [number, number] }[] {
  const names = Object.keys(inputs);
  const point = prcc(inputs, output);
  const rows = output.map((_, i) => i);
  const draws = bootstrap((rng) => {
    const pick = resample(rows, rng);
    return prcc(
      Object.fromEntries(names.map((n) => [n, pick.map((i) => inputs[n][i])])),
      pick.map((i) => output[i]),
    );
  }, { resamples: RESAMPLES, seed });
  return names.map((parameter) => {
    const d = draws.map((x) => x[parameter]);
    return { parameter, prcc: point[parameter], interval: [quantile(d, 0.05), quantile(d, 0.95)] as const };
  }).sort((a, b) => Math.abs(b.prcc) - Math.abs(a.prcc));
}

/** Runs the request and returns its ranked table as text. */
export async function sensitivity(request: SensitivityRequest, width = outputWidth()): Promise<string> {
  const { model, intervals, seed, runs, steps, samples, outcome } = request;
  const { lists, sobol } = design(request);
  const plan = planRuns(model, { set: request.set, sweep: lists, runs, steps, seed });
  const output = await outcomes(request, plan);
  const k = Object.keys(intervals).length;
  const range = (name: string) => between(intervals[name]);
  const sets = plan.subsets.length.toLocaleString("en-US");
  const lines = [
    `${model.name}: what drives ${outcome} (${request.table} at timestep ${steps}, the median of ${runs} ` +
    `run${runs === 1 ? "" : "s"} per parameter set), seed ${seed}`,
  ];
  let header: string[];
  let rows: string[][];
  if (sobol === undefined) {
    lines.push(
      `PRCC (partial rank correlation) over ${samples} Latin-hypercube samples; 5–95% interval of ${RESAMPLES} ` +
        "bootstrap resamples of the samples; the sign is the direction of the effect",
    );
    const inputs = Object.fromEntries(
      Object.keys(intervals).map((n) => [n, plan.subsets.map((s) => Number(s.swept[n]))]),
    );
    header = ["parameter", "interval", "PRCC", "5%–95%"];
    rows = prccRanking(inputs, output, seed).map((r) => [
      r.parameter,
      range(r.parameter),
      formatNumber(r.prcc),
      between(r.interval),
    ]);
  } else {
    lines.push(
      `Sobol indices from Saltelli's design: ${samples} base samples × (k + 2) = ${sets} parameter sets for ` +
        `k = ${k}; first order = the share of the variance a parameter explains alone, total = with its ` +
        `interactions (≈ 0: it does not matter over its interval); 5–95% interval of ${RESAMPLES} bootstrap ` +
        "resamples",
    );
    const indices = sobolIndices(sobol, output, { resamples: RESAMPLES, seed })
      .sort((a, b) => b.total - a.total);
    header = ["parameter", "interval", "first", "5%–95%", "total", "5%–95%"];
    rows = indices.map((i) => [
      i.parameter,
      range(i.parameter),
      formatNumber(i.first),
      between(i.firstInterval!),
      formatNumber(i.total),
      between(i.totalInterval!),
    ]);
  }
  const text = lines.flatMap((line) => wrap(line, width, ""));
  return [
    ...text,
    `${sets} parameter sets × ${runs} runs = ${(plan.subsets.length * runs).toLocaleString("en-US")} units`,
    ...renderTable(header, rows, width),
  ].join("\n");
}

if (import.meta.main) {
  try {
    const request = parseRequest(Deno.args);
    if (request === "help") console.log(USAGE);
    else console.log(await sensitivity(request));
  } catch (e) {
    console.error(`sensitivity: error: ${clip((e as Error).message.split("\n")[0], 400)}`);
    const refused = [UsageError, ParamError, ConfigError].some((c) => e instanceof c);
    Deno.exit(refused ? 2 : 1);
  }
}
