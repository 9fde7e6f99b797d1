/**
 * How a BITrewards claim depends on the model's uncertain parameters: over the Latin-hypercube sample of
 * the sensitivity analysis (sensitivity.ts INTERVALS, run on the baseline's other settings), the share of
 * the parameter sets where the claim's criterion holds on the set's outcome, and the parameters that drive
 * that outcome (PRCC meeting sensitivity.ts DRIVER_CRITERION) — the ones that could flip the verdict.
 */
import { sensitivity } from "../../analysis/prcc.ts";
import type { Dependence } from "../../notebook/claims.ts";
import type { SensitivityResult } from "./experiments.ts";
import { CLAIM_OUTCOMES, drivers, INTERVALS, OUTCOMES, PARAMETERS } from "./sensitivity.ts";

/** An outcome recorded per parameter set of the sample. */
export type SetOutcome = typeof OUTCOMES[number] | typeof CLAIM_OUTCOMES[number];

/** The dependence of a claim read on `outcome` with the test `holds`, over the sample `lhs`. */
export function lhsDependence(
  lhs: SensitivityResult,
  outcome: SetOutcome,
  holds: (x: number) => boolean,
): Dependence {
  const xs = lhs.columns[outcome];
  const share = xs.filter(holds).length / xs.length;
  const rows = sensitivity(lhs.columns, PARAMETERS, [outcome]);
  return {
    share,
    // A parameter flips the verdict only where the sample holds both verdicts.
    flips: share === 0 || share === 1 ? [] : drivers(rows, xs.length)[0].drivers.map((d) => d.parameter),
    sample: `${xs.length} Latin-hypercube sets × ${lhs.plan.runs} runs on the baseline's other settings ` +
      `(${PARAMETERS.map((p) => `${p} ${INTERVALS[p][0]}–${INTERVALS[p][1]}`).join(", ")}); each set's ` +
      `outcome averaged over its runs`,
  };
}
