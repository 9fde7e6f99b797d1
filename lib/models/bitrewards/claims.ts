/**
 * The BITrewards expectations and planned-analysis questions as claims: the words and where they are,
 * the quantity that tests each (computed from the runs, with its spread), a criterion fixed before the
 * result, and the verdict the notebook expects. The expected behaviours of the reference scenarios and
 * the planned analyses are in the original repository's documentation, to which its README points; the
 * reward mechanics are in the design document. See docs/models/bitrewards.md for both and for the link to
 * the original repository.
 */
import { formatNumber } from "../../analysis/format.ts";
import { median } from "../../analysis/quantiles.ts";
import {
  above,
  atLeast,
  atMost,
  between,
  type Check,
  check,
  type Claim,
  claim,
  type Criterion,
  type Finding,
  finding,
  replicatedMeasured,
  type Verdict,
} from "../../notebook/claims.ts";
import { CONTROL_CHURN, type SensitivityResult } from "./experiments.ts";
import { churnIncomeRatio } from "./calibration.ts";
import type { PairedSample } from "./paired_sample.ts";
import { BRIEF, scenarioClaims, USAGE, USAGE_DATA, where } from "./scenario_claims.ts";
import { bitrewardsChecks } from "./checks.ts";
import { ALPHA, type PublishedComparison } from "./published.ts";
import { lhsDependence, type SetOutcome } from "./dependence.ts";
import { measuredOf, measuredOfBootstrap, measuredShareOfRuns } from "./measured.ts";
import { type BitrewardsResults, SCENARIOS } from "./outcomes.ts";
import { columnOf } from "./summaries.ts";
import {
  gridsOf,
  LINE_KEYS,
  MAP_KEYS,
  SWEEP_STATISTICS,
  type SweepClaim,
  sweepDependence,
  type SweepSample,
} from "./sweep_sample.ts";
import { bootstrapGrids, gridShape } from "./sweeps.ts";
import { COLLAPSE_SHARE, CRITICAL_STEP_SHARE, MATERIAL, MODEST_ROI, SHARP } from "./thresholds.ts";

/** The verdict each claim is expected to reach with the current model, by claim id. */
export type Expectations = Readonly<Record<string, Verdict>>;

/** The baseline's expectation of churn, in the brief's words: a claim, or a finding where churn cannot happen. */
const SOME_CHURN = "Satisfaction parameters tuned so that: Some creators churn.";

/** What the claims read besides the runs: the calibration they depend on and the published comparison. */
export interface ClaimContext {
  /** The calibrated funding cost, in words, e.g. "funding_cost 0.012, fitted on held-out seeds (root 9000)". */
  readonly calibration: string;
  /** The reference variant against the original's published runs (published.ts `comparePublished`). */
  readonly published: readonly PublishedComparison[];
  /**
   * The usage calibration the collapse and explosion claims read, in words, e.g. "lambda_usage_per_step 5
   * and user_value_share 0.05, set by hand so that …": chosen so that neither outcome is decided in advance.
   */
  readonly usageCalibration: string;
  /** The table's lowest Holm-adjusted p on resampled sets of the reproduced runs (`lowestHolmReplicates`). */
  readonly publishedReplicates: readonly number[];
  /**
   * The baseline's churn rule: its churn_threshold and satisfaction_k. Where no income is low enough for
   * it (calibration.ts `churnIncomeRatio` ≤ 0), no agent of the baseline can ever leave.
   */
  readonly baselineChurn: { readonly threshold: number; readonly k: number };
  /** The Latin-hypercube sensitivity runs, for how the baseline's claims depend on the uncertain parameters. */
  readonly lhs?: SensitivityResult;
  /** The paired sample (paired_sample.ts), for how the scenario claims depend on them. */
  readonly paired?: PairedSample;
  /** The sweep sample (sweep_sample.ts), for how the sweep claims depend on them. */
  readonly sweepSample?: SweepSample;
}

/**
 * The claims (the documents' conclusions), the model checks (true by construction) and the findings (where
 * the documents disagree with their own settings), apart.
 */
export interface BitrewardsVerdicts {
  readonly claims: Claim[];
  readonly checks: Check[];
  readonly findings: Finding[];
}

/** Every expectation and planned-analysis question, tested where the model can, and the model checks. */
export function bitrewardsClaims(
  r: BitrewardsResults,
  expected: Expectations,
  context: ClaimContext,
): BitrewardsVerdicts {
  const expect = (id: string): Verdict => {
    const verdict = expected[id];
    if (!verdict) throw new Error(`no expected verdict for claim '${id}'`);
    return verdict;
  };
  const creators = median(columnOf(r.outcomes, "baseline", "creators"));
  const map = gridShape(r.phase, MAP_KEYS);
  const line = gridShape(r.tracing, LINE_KEYS);
  const sweeps = `the gas fee × funding split map (${map.cells} cells of ${map.runs} runs) and the tracing ` +
    `sweep (${line.cells} points of ${line.runs} runs), medians of the runs`;
  const dependsOn = context.calibration;
  const shareOfRuns = (column: string) =>
    measuredShareOfRuns(SCENARIOS.map((s) => columnOf(r.outcomes, s, column)), column);
  const dependenceOf = (outcome: SetOutcome, holds: (x: number) => boolean) =>
    context.lhs ? lhsDependence(context.lhs, outcome, holds) : undefined;
  // A sweep claim's criterion, its statistic of the main sweeps (bootstrapped) and its dependence over the
  // sweep sample, judged by the same criterion.
  const sweepParts = (id: SweepClaim, unit: string, criterion: Criterion) => {
    const { column, over, statistic } = SWEEP_STATISTICS[id];
    const grids = gridsOf(over, r.phase, r.tracing);
    const main = { map: r.phase, line: r.tracing };
    return {
      criterion,
      measured: measuredOfBootstrap(bootstrapGrids(grids, column, statistic), unit, { scale: 100 }),
      ...(context.sweepSample
        ? { dependence: sweepDependence(context.sweepSample, id, main, criterion.test, 100) }
        : {}),
    };
  };
  const differing = context.published.filter((x) => x.verdict === "differs");
  const lowestP = context.published.reduce((a, b) => (b.pHolm < a.pHolm ? b : a));
  const replicates = context.publishedReplicates;
  // No quantity differs iff the lowest adjusted p is above ALPHA: reading that p shows the margin.
  const published = above(ALPHA);

  // Under the original's baseline rule no agent may ever be able to leave (its threshold below the floor of
  // satisfaction): "many stay active" is then true by construction, a model check, and "some creators churn"
  // the document at odds with its own settings, a finding; only where churn can happen are both tested.
  const rule = context.baselineChurn;
  const churnPossible = churnIncomeRatio(rule.k, rule.threshold) > 0;
  const departed = columnOf(r.outcomes, "baseline", "creators_departed");
  const activeMean = columnOf(r.outcomes, "baseline", "active_creators_mean");
  const churnClaims = () => [
    claim({
      id: "baseline_some_churn",
      title: "Baseline: some creators churn",
      quote: SOME_CHURN,
      where: where(BRIEF, "§4 Baseline"),
      quantity: `creators who left by week 240 (of ${creators}), per baseline run`,
      criterion: atLeast(MATERIAL.creators, "creator"),
      reason: "“some” is at least one: a departure is a whole creator, so the smallest count is the fair one",
      measured: measuredOf(departed, "creators"),
      dependence: dependenceOf("creator_retention", (x) => x < 1),
      expected: expect("baseline_some_churn"),
    }),
    claim({
      id: "baseline_many_active",
      title: "Baseline: many stay active most of the run",
      quote: "Many remain active for most of the run.",
      where: where(BRIEF, "§4 Baseline"),
      quantity: "creators active, averaged over the 240 weeks, as a share of those at the start",
      criterion: atLeast(50, "%"),
      reason:
        "“many” read as at least half of the creators, on average over the whole run (“most of the run”)",
      measured: measuredOf(activeMean, "%", { scale: 100 }),
      dependence: dependenceOf("active_creators_mean", (x) => x >= 0.5),
      expected: expect("baseline_many_active"),
    }),
  ];
  const floor = 1 / (1 + Math.exp(rule.k));
  const ruleWords =
    `satisfaction never falls below 1 / (1 + e^${rule.k}) = ${floor.toPrecision(3)}, above the ` +
    `baseline's churn threshold ${rule.threshold}`;
  const sampled = context.lhs && lhsDependence(context.lhs, "creator_retention", (x) => x < 1);
  const churnChecks = () => [
    check({
      id: "baseline_none_leave",
      title: "Under the baseline's rule no creator leaves",
      what: `every creator is active all 240 weeks in all ${departed.length} baseline runs: ${ruleWords}, ` +
        `so no income is low enough for the rule (calibration.ts churnIncomeRatio)`,
      holds: departed.every((n) => n === 0) && activeMean.every((x) => x === 1),
      detail: `most departures in a run ${Math.max(...departed)}`,
    }),
  ];
  const churnFindings = () => [
    finding({
      id: "baseline_churn_impossible",
      title: "Baseline: tuned for churn that cannot happen",
      kind: "inconsistency",
      quote: SOME_CHURN,
      where: where(BRIEF, "§4 Baseline"),
      says: "the baseline's satisfaction parameters are tuned so that some creators churn",
      model: `no creator leaves in any of the ${departed.length} baseline runs (nor can one: ${ruleWords})` +
        (sampled
          ? `; over the sampled settings (${sampled.sample}), some creator leaves in ` +
            `${formatNumber(100 * sampled.share, { digits: 2 })} % of the sets`
          : ""),
      cause:
        `the original's baseline churn threshold (${rule.threshold}) is below the floor of satisfaction; ` +
        `the other scenarios' rule (${CONTROL_CHURN.churn_threshold}) is above it, so churn can happen there`,
      shows: departed.every((n) => n === 0),
    }),
  ];

  const claims = [
    // The reference scenarios' expected behaviours: the baseline's, then the others against the control.
    ...(churnPossible ? churnClaims() : []),
    claim({
      id: "baseline_modest_roi",
      title: "Baseline: investors' ROI is modest",
      quote: "Baseline: balanced parameters; expect some churn, modest investor ROI.",
      where: USAGE,
      quantity: "investors' median ROI on their budget at week 240, per baseline run",
      criterion: between(MODEST_ROI[0], MODEST_ROI[1], "%"),
      reason: "“modest”: a gain (above 0) but below the 10% the original's brief names as a target return",
      dependsOn,
      measured: measuredOf(columnOf(r.outcomes, "baseline", "median_investor_roi"), "%", { scale: 100 }),
      dependence: dependenceOf("investor_roi", (x) => x >= MODEST_ROI[0] / 100 && x <= MODEST_ROI[1] / 100),
      expected: expect("baseline_modest_roi"),
    }),
    ...scenarioClaims(r, expect, context),

    // The planned analyses.
    claim({
      id: "no_trivial_collapse",
      title: "No trivial collapse",
      quote: "Avoid trivial collapse (everyone churns quickly).",
      where: where(BRIEF, "§5.6 Calibration suggestions"),
      quantity: "reference-scenario runs in which a whole class (creators, investors or users) has left by " +
        "week 240",
      criterion: atMost(0, "%"),
      reason: "a collapse of a whole class in any run is what the calibration is to avoid",
      measured: shareOfRuns("class_gone"),
      dependence: dependenceOf("class_gone", (x) => x <= 0),
      dependsOn: context.usageCalibration,
      expected: expect("no_trivial_collapse"),
    }),
    claim({
      id: "no_trivial_explosion",
      title: "No trivial explosion",
      quote: "Avoid trivial explosion (everyone is happy and rich, no meaningful churn).",
      where: where(BRIEF, "§5.6 Calibration suggestions"),
      quantity: "reference-scenario runs in which at least one agent leaves",
      criterion: atLeast(50, "%"),
      reason: "meaningful churn read as some agent leaving in most runs",
      measured: shareOfRuns("any_left"),
      dependence: dependenceOf("any_left", (x) => x >= 0.5),
      dependsOn: context.usageCalibration,
      expected: expect("no_trivial_explosion"),
    }),
    claim({
      id: "critical_tracing",
      title: "A critical tracing accuracy",
      quote:
        "Identify whether there is a critical range of tracing_accuracy below which the protocol fails to " +
        "reward deep ancestry.",
      where: where(BRIEF, "§5.4 Tracing accuracy and robustness"),
      quantity:
        "largest change of the share of fees reaching upstream creators between neighbouring tracing " +
        "accuracies (0.1 apart), as a share of its whole change from 0 to 1",
      ...sweepParts("critical_tracing", "%", atLeast(100 * CRITICAL_STEP_SHARE, "%")),
      reason: "a critical range is one step carrying three times a straight line's 10% of the whole change",
      expected: expect("critical_tracing"),
    }),
    claim({
      id: "phase_creator_churn",
      title: "Creator churn rises sharply somewhere",
      quote: "Look for parameter boundaries where: Creator churn increases sharply.",
      where: where(BRIEF, "§5.5 Phase transitions"),
      quantity:
        `largest change of the share of creators active at week 240 between neighbouring settings of ${sweeps}`,
      ...sweepParts(
        "phase_creator_churn",
        "percentage points",
        atLeast(SHARP.creatorsPoints, "percentage points"),
      ),
      reason: "sharp: a quarter of the creators leaving between two neighbouring settings",
      expected: expect("phase_creator_churn"),
    }),
    claim({
      id: "phase_investor_roi",
      title: "Investors' ROI collapses somewhere",
      quote: "Look for parameter boundaries where: … Investor ROI collapses.",
      where: where(BRIEF, "§5.5 Phase transitions"),
      quantity: `largest change of investors' median ROI between neighbouring settings as a share of ROI's ` +
        `whole range over the same sweep, the higher of ${sweeps}`,
      ...sweepParts("phase_investor_roi", "% of the range", atLeast(100 * COLLAPSE_SHARE, "% of the range")),
      reason:
        `a collapse is a boundary, not a slope: half of ROI's whole range crossed in one step between ` +
        `neighbours (a straight slope along a 5-point axis moves 25% per step); ROI on the budget stays ` +
        `within a few points, so a fixed 10 points is out of the model's reach`,
      changed: {
        from: `largest change ≥ ${SHARP.roiPoints} percentage points`,
        why: "ROI on the budget stays within a few points, so 10 points could never be reached; judged by " +
          "the share of ROI's own range one step carries instead",
      },
      dependsOn,
      expected: expect("phase_investor_roi"),
    }),
    claim({
      id: "phase_income_shares",
      title: "Role income shares shift sharply somewhere",
      quote: "Look for parameter boundaries where: … Role income shares shift dramatically.",
      where: where(BRIEF, "§5.5 Phase transitions"),
      quantity:
        `largest change of investors' share of royalties (creators' share moves by as much) between ` +
        `neighbouring settings as a share of its whole range over the same sweep, the higher of ${sweeps}`,
      ...sweepParts("phase_income_shares", "% of the range", atLeast(100 * COLLAPSE_SHARE, "% of the range")),
      reason:
        `dramatic: a boundary, not a slope: half of the share's whole range crossed in one step between ` +
        `neighbours (a straight slope along a 5-point axis moves 25% per step)`,
      changed: {
        from: `largest change ≥ ${SHARP.sharePoints} percentage points`,
        why: "investors' share of royalties spans less than 10 points over the whole map, so 10 points in " +
          "one step could never be reached; judged by the share of its own range one step carries instead",
      },
      dependsOn,
      expected: expect("phase_income_shares"),
    }),
    claim({
      id: "investors_dominate",
      title: "Investors dominate somewhere",
      quote: "Analyze tradeoffs: … Regions where investors dominate.",
      where: where(BRIEF, "§5.2 Fairness across roles"),
      quantity: `highest investors' share of royalties over ${sweeps}`,
      ...sweepParts("investors_dominate", "%", atLeast(50, "%")),
      reason: "dominate: more than half of all royalties",
      dependsOn,
      expected: expect("investors_dominate"),
    }),
    claim({
      id: "winner_takes_most",
      title: "A winner-takes-most regime",
      quote: "Are there “winner takes most” regimes.",
      where: where(BRIEF, "§5.3 Inequality inside the creator role"),
      quantity:
        `highest share of creators' royalties earned by the best-paid tenth of creators over ${sweeps}`,
      ...sweepParts("winner_takes_most", "%", atLeast(50, "%")),
      reason: "“most”: more than half of creators' royalties to a tenth of them",
      expected: expect("winner_takes_most"),
    }),
    claim({
      id: "reference_matches_published",
      title: "The reference variant matches the published runs",
      quote: "Reference configs in `configs/` with matching output directories under `data/`",
      where: USAGE_DATA,
      quantity: `the lowest Holm-adjusted p of ${context.published.length} two-sided Mann–Whitney tests, ` +
        `every published quantity the reproduction records in four configurations, the published runs against ` +
        `the reference variant's (${
          lowestP.pHolm < 1
            ? `lowest at ${lowestP.label.toLowerCase()}, ${
              lowestP.scenario.replace("original_", "").replaceAll("_", " ")
            }`
            : "every adjusted p is 1"
        }; ${differing.length} of ${context.published.length} differ)`,
      criterion: { ...published, text: `lowest adjusted p ${published.text}`, short: `p ${published.text}` },
      reason:
        `the reproduction of the original's rules should give runs the published runs could have come ` +
        `from: none different at the family-wise ${100 * ALPHA}% level; the original's configurations fix ` +
        `every parameter, so no uncertain parameter is left to sample`,
      measured: replicatedMeasured(lowestP.pHolm, replicates),
      changed: {
        from: "≤ 0 quantities differing",
        why: "a count of differing quantities has no spread, so neither its margin nor its stability over " +
          "seeds could show; the lowest adjusted p gives the same verdict and shows both",
      },
      expected: expect("reference_matches_published"),
    }),
  ];
  const unknown = Object.keys(expected).filter((id) => !claims.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`expected verdicts for unknown claims: ${unknown.join(", ")}`);
  return {
    claims,
    checks: [...bitrewardsChecks(r), ...(churnPossible ? [] : churnChecks())],
    findings: churnPossible ? [] : churnFindings(),
  };
}
