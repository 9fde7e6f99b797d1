/**
 * The parameters only the `reference` variant reads (the original implementation's rules; see
 * docs/models/bitrewards.md, "The reference variant"). Everything the reference rules share with the design
 * under the same meaning is in shared_params.ts. Defaults are the original's (its `SimulationParameters` at
 * commit d219d55).
 */
import { ParamError, paramGroup, type ParamValues } from "../../engine/params.ts";
import { positive, share, type SharedParams } from "./shared_params.ts";

const roiThreshold = (description: string) =>
  ({ kind: "number", default: -0.2, unit: "1", description, min: -1, max: 100 }) as const;

export const referenceParams = paramGroup("of the reference rules only (rules = reference)", {
  creator_base_contribution_probability: share(
    0.3,
    "Probability that an active creator makes one contribution in a step (original: 0.3).",
    "probability",
  ),
  funding_amount_min: positive(
    5,
    "fee units",
    "Lowest amount of one funding, drawn uniformly in [min, max] and capped by the budget; an investor stops " +
      "funding once its budget is below this (original: 5).",
  ),
  funding_amount_max: positive(50, "fee units", "Highest amount of one funding (original: 50)."),
  funding_split_fraction: share(
    0.02,
    "A funding edge is recorded only when this is above 0, with the drawn royalty (investor_royalty_min–max) as " +
      "its split — in the original this is an on/off switch, not a share (original: 0.02).",
  ),
  royalty_accrual_per_usage: positive(
    1,
    "fee units/event",
    "Royalty value each usage event adds to the used contribution's account, paid out in batches (original: 1.0).",
  ),
  royalty_batch_interval: {
    kind: "number",
    default: 30,
    unit: "steps",
    description:
      "Every this many steps each contribution's accrued royalty is distributed from it and reset; 0 never " +
      "(original: 30; its baseline: 5).",
    min: 0,
    max: 1e6,
    integer: true,
  },
  core_base_royalty_share: share(
    1,
    "Fee of an event on a core contribution = gas_fee_share_rate · gross_value · this (original: 1.0).",
  ),
  supporting_base_royalty_share: share(
    1,
    "The same factor for a supporting contribution (original: 1.0).",
  ),
  funding_base_royalty_share: share(
    1,
    "The same factor for a funding contribution (original: 1.0).",
  ),
  creator_roi_exit_threshold: roiThreshold(
    "A creator leaves when its ROI is below this and its low-satisfaction streak has reached " +
      "roi_churn_window (original: −0.2).",
  ),
  investor_roi_exit_threshold: roiThreshold(
    "An investor leaves when its ROI is below this and its low-satisfaction streak has reached " +
      "roi_churn_window (original: −0.2).",
  ),
  roi_churn_window: {
    kind: "number",
    default: 10,
    unit: "steps",
    description: "Consecutive low-satisfaction steps after which a creator or investor with ROI below its " +
      "exit threshold leaves (users use churn_steps) (original: 10; its baseline: 20).",
    min: 1,
    max: 1e6,
    integer: true,
  },
});

/** Everything a reference run reads: the shared parameters and the reference's own. */
export type ReferenceParams = SharedParams & ParamValues<typeof referenceParams>;

/** Refuses reference parameters that contradict each other (the reference rules' check, when a run is planned). */
export function checkReference(p: { funding_amount_min: number; funding_amount_max: number }): void {
  if (p.funding_amount_min > p.funding_amount_max) {
    throw new ParamError(
      `funding_amount_min (${p.funding_amount_min}) must not exceed funding_amount_max (${p.funding_amount_max})`,
    );
  }
}
