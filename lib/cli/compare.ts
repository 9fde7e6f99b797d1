/**
 * `deno task compare DIR_A DIR_B [--subset I:J] [--seed S]`: how two datasets of one model differ — the
 * parameters, seed and steps that differ, and for every numeric model column of the main table (the
 * timeseries, or the model's first table) at the final step, one value per run: each dataset's median
 * and 5–95 %, and the difference of medians B − A with a bootstrap interval.
 *
 * Subsets are paired by their swept values: two datasets of one subset each are compared as they are;
 * two sweeps are compared subset by subset when every subset of A has exactly one of B with the same
 * swept values, and otherwise `--subset I:J` names the pair. Matching by swept values (not by number)
 * keeps a pair meaningful; anything cleverer (nearest values, subsets of a sweep) would guess.
 *
 * The tables are scanned lazily, and only the final step's rows are collected (subsets × runs rows).
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { bootstrap, resampledMedian } from "../analysis/bootstrap.ts";
import { median, quantile } from "../analysis/quantiles.ts";
import { spreadOf } from "../analysis/spread.ts";
import { ParamError } from "../engine/params.ts";
import { DEFAULT_SEED } from "../engine/plan.ts";
import { clip, quote } from "../engine/quote.ts";
import { ConfigError, parseSeed } from "../io/config.ts";
import { DatasetError, type FileEntry, readManifest } from "../io/dataset.ts";
import { UsageError } from "../system/usage.ts";
import { commandLine } from "./args.ts";
import { outputWidth, wrap } from "./help.ts";
import { isKey, mainTable, stepColumn, timeColumnOf } from "./final_step.ts";
import { formatNumber, numericColumns, renderTable, scan } from "./summary.ts";

/** Bootstrap resamples of each dataset's runs for the interval of the difference of medians. */
export const RESAMPLES = 2_000;
/** The percentile interval: 5th to 95th percentile of the resampled differences. */
const LOW = 0.05;
const HIGH = 0.95;

const USAGE = `usage: deno task compare DIR_A DIR_B [--subset I:J] [--seed S]
Compares two datasets of one model written by 'deno task sim': the parameters, seed and steps that
differ, and per numeric column of the main table at the final step (one value per run) each dataset's
median and 5–95%, and the difference of medians B − A with a ${RESAMPLES}-resample bootstrap 90% interval.
Sweeps are compared subset by subset when both have the same swept values; otherwise --subset I:J
compares subset I of A with subset J of B (0-based, as the tables number them).`;

const OPTIONS = {
  subset: { type: "string" },
  seed: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

interface SubsetRecord {
  readonly subset: number;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A dataset as its manifest describes it, with the file of its main table. */
interface Dataset {
  readonly label: "A" | "B";
  readonly dir: string;
  readonly model: string;
  readonly seed: unknown;
  readonly steps: number;
  readonly runs: number;
  readonly swept: readonly string[];
  readonly subsets: readonly SubsetRecord[];
  readonly tables: readonly string[];
  readonly files: readonly FileEntry[];
}

async function openDataset(dir: string, label: "A" | "B"): Promise<Dataset> {
  const where = `${label} (${clip(dir, 200)})`;
  try {
    if (!(await Deno.stat(dir)).isDirectory) throw new DatasetError(`${where} is not a folder`);
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(`${where} does not exist or cannot be read`);
  }
  const manifest = await readManifest(dir);
  if (manifest === undefined) {
    throw new DatasetError(
      `${where} is not a dataset written by 'deno task sim' (no manifest.json of this tool)`,
    );
  }
  const files = (manifest.files ?? []) as FileEntry[];
  return {
    label,
    dir,
    model: String(manifest.model),
    seed: manifest.seed,
    steps: Number(manifest.steps),
    runs: Number(manifest.runs),
    swept: (manifest.swept ?? []) as string[],
    subsets: (manifest.subsets ?? []) as SubsetRecord[],
    tables:
      (manifest.tables ?? files.filter((f) => f.rows !== undefined).map((f) => stem(f.file))) as string[],
    files,
  };
}

const stem = (file: string) => file.replace(/\.[^.]*$/, "");

/** The path of a dataset's table file, checked to be listed and present. */
async function tablePath(d: Dataset, table: string): Promise<string> {
  const entry = d.files.find((f) => f.rows !== undefined && stem(f.file) === table);
  if (entry === undefined) {
    throw new DatasetError(
      `${d.label} (${clip(d.dir, 200)}) has no table ${quote(table)}; it has ${
        d.tables.join(", ") || "none"
      }`,
    );
  }
  const path = join(d.dir, entry.file);
  try {
    await Deno.stat(path);
  } catch {
    throw new DatasetError(`${clip(path, 200)} is missing (the manifest of ${d.label} lists it)`);
  }
  return path;
}

const shown = (v: unknown) => typeof v === "string" ? v : JSON.stringify(v);

/** The swept values of a subset, as a key that pairs it with the subset of the other dataset with the same. */
const sweptKey = (d: Dataset, s: SubsetRecord) => JSON.stringify(d.swept.map((name) => s.params[name]));

type Pair = readonly [SubsetRecord, SubsetRecord];

/** The subsets to compare, paired (see the module's comment). */
export function pairSubsets(a: Dataset, b: Dataset, choice?: string): Pair[] {
  if (choice !== undefined) {
    const match = /^(\d{1,9}):(\d{1,9})$/.exec(choice.trim());
    if (!match) throw new UsageError(`--subset expects I:J (subset I of A, J of B), got ${quote(choice)}`);
    const pick = (d: Dataset, text: string) => {
      const s = d.subsets.find((s) => s.subset === Number(text));
      if (s === undefined) {
        throw new UsageError(
          `--subset ${choice}: ${d.label} has subsets 0 to ${d.subsets.length - 1}, not ${text}`,
        );
      }
      return s;
    };
    return [[pick(a, match[1]), pick(b, match[2])]];
  }
  if (a.subsets.length === 1 && b.subsets.length === 1) return [[a.subsets[0], b.subsets[0]]];
  const sameNames = [...a.swept].sort().join() === [...b.swept].sort().join();
  const inB = new Map(b.subsets.map((s) => [sweptKey(b, s), s]));
  const pairs = a.subsets.map((s) => [s, inB.get(sweptKey(a, s))] as const);
  if (!sameNames || a.subsets.length !== b.subsets.length || pairs.some(([, t]) => t === undefined)) {
    throw new UsageError(
      `A has ${a.subsets.length} subset(s) and B ${b.subsets.length}, without the same swept values; ` +
        "name the pair to compare with --subset I:J (subset I of A, J of B)",
    );
  }
  return pairs as Pair[];
}

/** `name a → b` for every parameter whose values differ between the two subsets. */
function paramDifferences(a: SubsetRecord, b: SubsetRecord): string[] {
  const names = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])];
  return names.filter((n) => shown(a.params[n]) !== shown(b.params[n]))
    .map((n) => `${n} ${shown(a.params[n] ?? "—")} → ${shown(b.params[n] ?? "—")}`);
}

/** Per subset, per column, the final step's values of its runs (non-finite values left out). */
function finalValues(
  d: Dataset,
  path: string,
  columns: readonly string[],
  subsets: ReadonlySet<number>,
): Map<number, Record<string, number[]>> {
  const table = scan(path);
  const names = table.head(0).collectSync().columns;
  if (!names.includes("subset")) throw new DatasetError(`${clip(path, 200)} has no column 'subset'`);
  const step = stepColumn(names, timeColumnOf(d.model));
  const rows = step === undefined ? table : table.filter(pl.col(step).eq(d.steps));
  const frame = rows.filter(pl.col("subset").isIn([...subsets]))
    .select(pl.col("subset"), ...columns.map((c) => pl.col(c).cast(pl.Float64)))
    .collectSync({ engine: "streaming" });
  const subsetOf = frame.getColumn("subset").toArray() as number[];
  const out = new Map<number, Record<string, number[]>>();
  for (const s of subsets) out.set(s, Object.fromEntries(columns.map((c) => [c, []])));
  for (const c of columns) {
    const values = frame.getColumn(c).toArray() as (number | null)[];
    values.forEach((v, i) => {
      if (v !== null && Number.isFinite(v)) out.get(subsetOf[i])![c].push(v);
    });
  }
  return out;
}

/** One column's comparison: both spreads and the bootstrap interval of the difference of medians. */
export interface ColumnComparison {
  readonly column: string;
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly difference: number;
  /** Undefined when either side has fewer than 2 values (no resample varies). */
  readonly interval?: readonly [number, number];
}

/**
 * The difference of medians B − A, with the 5th–95th percentile of its bootstrap distribution: each
 * resample draws A's and B's runs with replacement, independently, from the stream `<seed>/bootstrap`.
 */
export function compareValues(
  column: string,
  a: readonly number[],
  b: readonly number[],
  seed: string | number,
  resamples = RESAMPLES,
): ColumnComparison {
  const difference = median(b) - median(a);
  if (a.length < 2 || b.length < 2) return { column, a, b, difference };
  const [sortedA, sortedB] = [Float64Array.from(a).sort(), Float64Array.from(b).sort()];
  const [countsA, countsB] = [new Uint32Array(a.length), new Uint32Array(b.length)];
  const draws = bootstrap(
    (rng) => resampledMedian(sortedB, rng, countsB) - resampledMedian(sortedA, rng, countsA),
    { resamples, seed },
  );
  return { column, a, b, difference, interval: [quantile(draws, LOW), quantile(draws, HIGH)] };
}

const range = (lo: number, hi: number) => `${formatNumber(lo)} – ${formatNumber(hi)}`;

function spreadCells(values: readonly number[]): [string, string] {
  if (values.length === 0) return ["—", "—"];
  const s = spreadOf(values);
  return [formatNumber(s.median), range(s.lo, s.hi)];
}

function comparisonRows(comparisons: readonly ColumnComparison[]): string[][] {
  return comparisons.map((c) => {
    const excludes = c.interval === undefined ? "—" : c.interval[0] > 0 || c.interval[1] < 0 ? "yes" : "no";
    return [
      c.column,
      ...spreadCells(c.a),
      ...spreadCells(c.b),
      formatNumber(c.difference),
      c.interval === undefined ? "—" : range(...c.interval),
      excludes,
    ];
  });
}

const HEADER = ["column", "A median", "A 5%–95%", "B median", "B 5%–95%", "B − A", "90% interval", "excl. 0"];

/** The comparison of the datasets in `dirA` and `dirB`, as text. */
export async function compare(
  dirA: string,
  dirB: string,
  options: { subset?: string; seed?: string | number; width?: number } = {},
): Promise<string> {
  const a = await openDataset(dirA, "A");
  const b = await openDataset(dirB, "B");
  if (a.model !== b.model) {
    throw new DatasetError(`A is a dataset of model ${a.model}, B of model ${b.model}: compare one model's`);
  }
  const table = mainTable(a.tables);
  const [pathA, pathB] = [await tablePath(a, table), await tablePath(b, table)];
  const pairs = pairSubsets(a, b, options.subset);
  const seed = options.seed ?? DEFAULT_SEED;
  const width = options.width ?? outputWidth();

  const swept = new Set([...a.swept, ...b.swept]);
  const time = timeColumnOf(a.model);
  const outputs = (path: string) =>
    numericColumns(scan(path)).filter((c) => !swept.has(c) && !isKey(c, time));
  const [inA, inB] = [outputs(pathA), outputs(pathB)];
  const columns = inA.filter((c) => inB.includes(c));
  if (columns.length === 0) throw new DatasetError(`the ${table} tables of A and B share no numeric column`);
  const valuesA = finalValues(a, pathA, columns, new Set(pairs.map(([s]) => s.subset)));
  const valuesB = finalValues(b, pathB, columns, new Set(pairs.map(([, t]) => t.subset)));

  const setting = (name: string, x: unknown, y: unknown) =>
    shown(x) === shown(y) ? [] : [`${name} ${shown(x)} → ${shown(y)}`];
  const general = [...setting("seed", a.seed, b.seed), ...setting("steps", a.steps, b.steps)];
  // Parameters that differ the same way in every pair are said once, at the top; else pair by pair.
  const perPair = pairs.map(([s, t]) => paramDifferences(s, t));
  const shared = perPair.every((d) => d.join() === perPair[0].join());
  const differs = [...general, ...(shared ? perPair[0] : [])];
  const nothing = shared ? "nothing (same parameters, seed and steps)" : "see each subset";
  const onlyIn = (label: string, names: string[]) =>
    names.length > 0 ? [`only in ${label}: ${names.join(", ")}`] : [];
  const lines = [
    `${a.model}: A = ${clip(dirA, 200)}, B = ${clip(dirB, 200)}`,
    `differ: ${differs.length > 0 ? differs.join(" · ") : nothing}`,
    ...wrap(
      `${table} at the final step, one value per run; B − A is the difference of medians, its 90% interval ` +
        `the 5th–95th percentile of ${RESAMPLES.toLocaleString("en-US")} bootstrap resamples of each ` +
        `dataset's runs (seed ${seed}); "excl. 0" says whether it excludes 0`,
      width,
      "",
    ),
    ...onlyIn("A", inA.filter((c) => !columns.includes(c))),
    ...onlyIn("B", inB.filter((c) => !inA.includes(c))),
  ];
  pairs.forEach(([s, t], i) => {
    const [va, vb] = [valuesA.get(s.subset)!, valuesB.get(t.subset)!];
    const runs = (v: Record<string, number[]>) => Math.max(0, ...columns.map((c) => v[c].length));
    for (const [d, subset, v] of [[a, s, va], [b, t, vb]] as const) {
      if (runs(v) === 0) {
        throw new DatasetError(
          `${d.label}'s subset ${subset.subset} has no rows at its final step (step ${d.steps})`,
        );
      }
    }
    const values = a.swept.map((n) => `${n} ${shown(s.params[n])}`).join(", ");
    const own = shared || perPair[i].length === 0 ? "" : `; differ: ${perPair[i].join(" · ")}`;
    lines.push(
      "",
      `subset ${s.subset} of A${values ? ` (${values})` : ""} vs subset ${t.subset} of B: ` +
        `${runs(va)} vs ${runs(vb)} runs, timestep ${a.steps} vs ${b.steps}${own}`,
      ...renderTable(HEADER, comparisonRows(columns.map((c) => compareValues(c, va[c], vb[c], seed))), width),
    );
  });
  return lines.join("\n");
}

if (import.meta.main) {
  try {
    const { values, positionals } = commandLine(Deno.args, OPTIONS);
    if (values.help) {
      console.log(USAGE);
    } else {
      if (positionals.length !== 2) {
        throw new UsageError(
          `compare takes two dataset folders, DIR_A and DIR_B; got ${positionals.length} (--help)`,
        );
      }
      const seed = values.seed === undefined ? undefined : parseSeed(values.seed, "--seed");
      console.log(await compare(positionals[0], positionals[1], { subset: values.subset, seed }));
    }
  } catch (e) {
    console.error(`compare: error: ${clip((e as Error).message.split("\n")[0], 400)}`);
    const refused = [UsageError, DatasetError, ConfigError, ParamError].some((c) => e instanceof c);
    Deno.exit(refused ? 2 : 1);
  }
}
