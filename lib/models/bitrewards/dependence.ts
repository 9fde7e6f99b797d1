/**
 * How a BITrewards claim depends on the model's uncertain parameters (sensitivity.ts INTERVALS): over a
 * Latin-hypercube sample, the share of the parameter sets where the claim's criterion holds on the set's
 * value, and the parameters that drive that value (PRCC meeting sensitivity.ts DRIVER_CRITERION) — the
 * ones that could flip the verdict. Two samples are read: the sensitivity analysis's, run on the
 * baseline's other settings (`lhsDependence`), and the paired one, a scenario and its control on the same
 * seeds at every set (`pairedDependence`, paired_sample.ts).
 */
import { formatNumber } from "../../analysis/format.ts";
import { sensitivity } from "../../analysis/prcc.ts";
import { median } from "../../analysis/quantiles.ts";
import { readValue } from "../../analysis/robustness.ts";
import type { Criterion, Dependence } from "../../notebook/claims.ts";
import type { SensitivityResult } from "./experiments.ts";
import { type PairedQuantity, type PairedSample, setChanges } from "./paired_sample.ts";
import { CLAIM_OUTCOMES, drivers, INTERVALS, OUTCOMES, PARAMETERS } from "./sensitivity.ts";

/** An outcome recorded per parameter set of the sample. */
export type SetOutcome = typeof OUTCOMES[number] | typeof CLAIM_OUTCOMES[number];

const ranges = (parameters: readonly string[]) =>
  parameters.map((p) => `${p} ${INTERVALS[p][0]}–${INTERVALS[p][1]}`).join(", ");

/**
 * The share of the sets whose value passes `holds`, and the parameters whose PRCC with the value makes
 * them drivers: `values` holds one number per set, `parameters` the sampled values of each parameter.
 */
export function dependenceOver(
  parameters: Readonly<Record<string, readonly number[]>>,
  values: readonly number[],
  holds: (x: number) => boolean,
  sample: string,
): Dependence {
  const share = values.filter(holds).length / values.length;
  const names = Object.keys(parameters);
  const rows = sensitivity({ ...parameters, value: values }, names, ["value"]);
  return {
    share,
    // A parameter flips the verdict only where the sample holds both verdicts.
    flips: share === 0 || share === 1 ? [] : drivers(rows, values.length)[0].drivers.map((d) => d.parameter),
    sample,
  };
}

/** The dependence of a claim read on `outcome` with the test `holds`, over the sample `lhs`. */
export function lhsDependence(
  lhs: SensitivityResult,
  outcome: SetOutcome,
  holds: (x: number) => boolean,
): Dependence {
  const xs = lhs.columns[outcome];
  return dependenceOver(
    Object.fromEntries(PARAMETERS.map((p) => [p, lhs.columns[p]])),
    xs,
    holds,
    `${xs.length} Latin-hypercube sets × ${lhs.plan.runs} runs on the baseline's other settings ` +
      `(${ranges(PARAMETERS)}); each set's outcome averaged over its runs`,
  );
}

/**
 * The dependence of a claim on a scenario against its control (or on the scenario alone), over the paired
 * sample: each set's change, averaged over its pairs of runs, judged by the claim's criterion. A pair or
 * two per set have no interval of their own, so where the criterion reads an end of the 5–95 % interval
 * (`reads` "low" or "high") the set's change is first moved by the distance from the median to that end
 * over `pairs`, the claim's own pairs of runs at the scenario's settings: a set counts when its change
 * would still clear the threshold with the spread the pairs show. Only the parameters the scenario leaves
 * to the sample are ranked: the ones it changes are its definition.
 */
export function pairedDependence(
  sample: PairedSample,
  quantity: PairedQuantity,
  criterion: Pick<Criterion, "test" | "reads">,
  pairs: readonly number[] = [],
): Dependence {
  const { changed, sampled, values } = sample.scenarios[quantity.scenario];
  const interval = criterion.reads === "low" || criterion.reads === "high";
  if (interval && pairs.length === 0) {
    throw new Error("pairedDependence: an interval criterion needs the pairs");
  }
  const shift = interval ? readValue(pairs, criterion.reads!) - median(pairs) : 0;
  const what = quantity.how === "scenario" ? "value in the scenario" : "change from the control";
  return dependenceOver(
    Object.fromEntries(sampled.map((p) => [p, values[p]])),
    setChanges(sample, quantity),
    (x) => criterion.test(x + shift),
    `${sample.sets} Latin-hypercube sets × ${sample.runs} ${sample.runs === 1 ? "pair" : "pairs"} of ` +
      `runs (the scenario and its control on the same seeds; ${ranges(sampled)}; ${
        changed.join(" and ")
      } at the scenario's and the control's values, their sweep's points in turn; each set's ${what}, ` +
      `averaged over its pairs${
        interval
          ? ` and moved by ${formatNumber(shift, { digits: 2 })}, its pairs' distance from the median to ` +
            `the interval's end,`
          : ""
      } judged by the criterion)`,
  );
}
