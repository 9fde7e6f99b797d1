/**
 * The paired Latin-hypercube sample: how the claims that set a scenario against its control depend on the
 * model's uncertain parameters. Each set of the sample (sensitivity.ts INTERVALS) runs a scenario and its
 * control on the same seeds (common random numbers): the parameters the scenario changes stay at the
 * scenario's and the control's values (its 2 × 2 sweep's points in turn, set by set), every other sampled
 * parameter takes the set's value on both sides. experiments.ts `runPairedSample` runs it; this module
 * builds the two sides' sweeps and reads each set's change.
 */
import pl from "nodejs-polars";
import type { ParamValue } from "../../engine/params.ts";
import type { Subset } from "../../engine/plan.ts";
import type { SweepLists } from "../../engine/sweep.ts";
import { runOutcomes } from "./outcomes.ts";
import { PARAMETERS } from "./sensitivity.ts";
import { pairedChange } from "./summaries.ts";
import type { BitrewardsTables } from "./tables.ts";

/** The scenarios the claims compare with the control. */
export const PAIRED = ["low_tracing_accuracy", "high_funding_share", "high_investor_share"] as const;
export type Paired = typeof PAIRED[number];

/** The model parameters a sampled parameter is written to (the funding split to both royalty bounds). */
const WRITTEN: Readonly<Record<string, readonly string[]>> = {
  funding_split: ["investor_royalty_min", "investor_royalty_max"],
};
const writtenTo = (name: string) => WRITTEN[name] ?? [name];

/** The two sides of one scenario's paired sample, as sweeps zipped set by set. */
export interface PairedSides {
  /** The sampled parameters the scenario changes from the control: held at each side's own values. */
  readonly changed: readonly string[];
  /** The sampled parameters left to the sample, the same on both sides. */
  readonly sampled: readonly string[];
  readonly scenario: SweepLists;
  readonly control: SweepLists;
}

/**
 * The sweeps of a scenario and its control over a sample (one value per set of every parameter of
 * PARAMETERS): set k takes the scenario's and the control's point k mod points for the parameters the
 * scenario changes, and the set's values for the others. Refuses a scenario whose point differs from the
 * control's in a parameter the sample does not cover, since the pair would then differ in more than the
 * scenario's change.
 */
export function pairedSides(
  sample: Readonly<Record<string, readonly number[]>>,
  scenarioPoints: readonly Subset[],
  controlPoints: readonly Subset[],
): PairedSides {
  if (scenarioPoints.length !== controlPoints.length || scenarioPoints.length === 0) {
    throw new Error("pairedSides: the scenario and the control need the same sweep points");
  }
  const covered = new Set(PARAMETERS.flatMap(writtenTo));
  scenarioPoints.forEach((point, j) => {
    const other = controlPoints[j].params;
    const loose = Object.keys(point.params).find((p) => !covered.has(p) && point.params[p] !== other[p]);
    if (loose) throw new Error(`pairedSides: the scenario also changes '${loose}', which is not sampled`);
  });
  const differs = (name: string) =>
    scenarioPoints.some((point, j) =>
      writtenTo(name).some((p) => point.params[p] !== controlPoints[j].params[p])
    );
  const changed = PARAMETERS.filter(differs);
  const sets = sample[PARAMETERS[0]].length;
  const side = (points: readonly Subset[]): SweepLists =>
    Object.fromEntries(PARAMETERS.flatMap((name) =>
      writtenTo(name).map((p): [string, ParamValue[]] => [
        p,
        Array.from(
          { length: sets },
          (_, k) => changed.includes(name) ? points[k % points.length].params[p] : sample[name][k],
        ),
      ])
    ));
  return {
    changed,
    sampled: PARAMETERS.filter((name) => !changed.includes(name)),
    scenario: side(scenarioPoints),
    control: side(controlPoints),
  };
}

/** One scenario's paired sample, run: the parameters it leaves to the sample and both sides' runs. */
export interface PairedRuns {
  readonly changed: readonly string[];
  readonly sampled: readonly string[];
  /** The sampled value of every parameter, one per set. */
  readonly values: Readonly<Record<string, readonly number[]>>;
  /** One row per run (runOutcomes) with its set (`subset`), both sides with the same run_ids. */
  readonly scenario: pl.DataFrame;
  readonly control: pl.DataFrame;
}

export interface PairedSample {
  readonly sets: number;
  /** Pairs of runs per set. */
  readonly runs: number;
  readonly scenarios: Readonly<Record<Paired, PairedRuns>>;
}

/** Per-run outcomes of one side (labelled with its scenario's name, or "control"), with each run's set. */
export function sideOutcomes(tables: BitrewardsTables, label: string): pl.DataFrame {
  const subsets = tables.run_summary.select("run_id", "subset");
  return runOutcomes(tables, label).join(subsets, { on: "run_id" });
}

/** Per set (in set order), the mean over its runs of some per-run values given in run_id order. */
function perSet(subsets: readonly number[], values: readonly number[]): number[] {
  const sets = new Map<number, number[]>();
  subsets.forEach((s, i) => sets.set(s, [...(sets.get(s) ?? []), values[i]]));
  return [...sets.entries()].sort((a, b) => a[0] - b[0])
    .map(([, xs]) => xs.reduce((a, b) => a + b, 0) / xs.length);
}

/** What a claim reads on a paired sample: a column, as a change from the control or on the scenario alone. */
export interface PairedQuantity {
  readonly scenario: Paired;
  readonly column: string;
  /** "ratio" or "difference" from the control, run by run; "scenario" for the scenario's own value. */
  readonly how: "ratio" | "difference" | "scenario";
  /** Factor to the claim's unit (100 for percentage points). */
  readonly scale?: number;
}

/** Per set, the mean over its pairs of runs of the quantity, in the claim's unit. */
export function setChanges(sample: PairedSample, q: PairedQuantity): number[] {
  const { scenario, control } = sample.scenarios[q.scenario];
  const ordered = scenario.sort("run_id");
  const values = q.how === "scenario"
    ? (ordered.getColumn(q.column).toArray() as number[]).map(Number)
    : pairedChange(pl.concat([scenario, control]), q.scenario, "control", q.column, q.how);
  const subsets = (ordered.getColumn("subset").toArray() as number[]).map(Number);
  return perSet(subsets, values.map((v) => v * (q.scale ?? 1)));
}
