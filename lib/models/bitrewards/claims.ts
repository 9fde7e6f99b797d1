/**
 * The BITrewards expectations and planned-analysis questions as claims: the words and where they are,
 * the quantity that tests each (computed from the runs, with its spread), a criterion fixed before the
 * result, and the verdict the notebook expects. The expected behaviours of the reference scenarios and
 * the planned analyses are in the original repository's documentation, to which its README points; the
 * reward mechanics are in the design document. See docs/models/bitrewards.md for both and for the link to
 * the original repository.
 */
import { median } from "../../analysis/quantiles.ts";
import {
  atLeast,
  atMost,
  between,
  type Claim,
  claim,
  type Measured,
  notTestable,
  type Verdict,
} from "../../notebook/claims.ts";
import { measuredOf, measuredOfBootstrap } from "./measured.ts";
import { type BitrewardsResults, SCENARIOS } from "./outcomes.ts";
import { columnOf, pairedChange } from "./summaries.ts";
import {
  bootstrapGrids,
  type Grid,
  gridShape,
  type GridStatistic,
  largestJumpOf,
  largestStepShare,
} from "./sweeps.ts";

/**
 * The smallest changes that count, fixed before any result: a scenario's change against the control
 * counts only when it reaches these sizes (smaller ones are within what the runs' noise and rounding make).
 */
export const MATERIAL = {
  /** Shares of royalties or fees, and ROI: percentage points. */
  points: 1,
  /** Satisfaction, on its 0–1 scale. */
  satisfaction: 0.01,
  /** Incomes: relative change (5%). */
  income: 0.05,
  /** Departures: creators. */
  creators: 1,
} as const;

/**
 * What makes a sharp change between neighbouring points of a sweep (a "phase transition"), fixed before
 * the results: a quarter of the creators leaving, ROI moving by 10 percentage points, or the investors'
 * share of royalties moving by 10 percentage points between two neighbouring settings.
 */
export const SHARP = { creatorsPoints: 25, roiPoints: 10, sharePoints: 10 } as const;

/**
 * A critical tracing accuracy: one step of 0.1 in tracing accounting for at least this share of the whole
 * change of what ancestors receive from tracing 0 to 1 — three times a straight line's 10%.
 */
export const CRITICAL_STEP_SHARE = 0.3;

/** "Modest" investor ROI: positive, and below the 10% the same brief names as a target return. */
export const MODEST_ROI = [0, 10] as const;

/** Float rounding: sums of some thousand fees agree to far better than this when value is conserved. */
export const ROUNDING = 1e-9;

/** The original repository's documents, at the commits that held the words quoted. */
const BRIEF = "docs/kosmos_brief.md";
const BRIEF_COMMIT = "original repository, commit 1732b38";
const USAGE = "docs/usage.md, Scenarios (original repository, commit d219d55)";
const DESIGN = "design document";
const where = (source: string, section: string) =>
  source === BRIEF ? `${BRIEF} ${section} (${BRIEF_COMMIT})` : `${source}, ${section}`;

/** A scenario's run-by-run change from the control, as a claim's measured value over the pairs of runs. */
const paired = (
  r: BitrewardsResults,
  scenario: string,
  column: string,
  how: "ratio" | "difference",
  unit: string,
  scale = 1,
): Measured => {
  const changes = pairedChange(r.outcomes, scenario, "control", column, how);
  return {
    ...measuredOf(changes, unit, { scale }),
    spreadLabel: `median; 5–95% of ${changes.length} pairs of runs`,
  };
};

/** The verdict each claim is expected to reach with the current model, by claim id. */
export type Expectations = Readonly<Record<string, Verdict>>;

/** Every expectation and planned-analysis question, tested where the model can. */
export function bitrewardsClaims(r: BitrewardsResults, expected: Expectations): Claim[] {
  const expect = (id: string): Verdict => {
    const verdict = expected[id];
    if (!verdict) throw new Error(`no expected verdict for claim '${id}'`);
    return verdict;
  };
  const creators = median(columnOf(r.outcomes, "baseline", "creators"));
  const investors = median(columnOf(r.outcomes, "baseline", "investors"));
  const grids: Grid[] = [
    { outcomes: r.phase, keys: ["gas_fee_share_rate", "investor_royalty_max"] },
    { outcomes: r.tracing, keys: ["tracing_accuracy"] },
  ];
  const jump = largestJumpOf(grids.map((g) => g.keys));
  const highest: GridStatistic = (cells) => Math.max(...cells.flat().map((c) => c.value));
  const [map, line] = grids.map((g) => gridShape(g.outcomes, g.keys));
  const sweeps = `the gas fee × funding split map (${map.cells} cells of ${map.runs} runs) and the tracing ` +
    `sweep (${line.cells} points of ${line.runs} runs), medians of the runs`;

  // Shares of the reference scenarios' runs, with the lowest and highest scenario as the spread.
  const shareOfRuns = (column: string): Measured => {
    const perScenario = SCENARIOS.map((s) => columnOf(r.outcomes, s, column));
    const all = perScenario.flat();
    const means = perScenario.map((xs) => (100 * xs.reduce((a, b) => a + b, 0)) / xs.length);
    return {
      value: (100 * all.reduce((a, b) => a + b, 0)) / all.length,
      unit: "%",
      spread: [Math.min(...means), Math.max(...means)],
      spreadLabel: `of ${all.length} runs; lowest–highest of the 4 scenarios`,
    };
  };

  const tracing0 = r.untraced.getColumn("upstream_creator_share").toArray() as number[];
  const allGaps = [r.outcomes, r.tracing, r.phase, r.untraced].flatMap((f) =>
    f.getColumn("royalty_gap").toArray() as number[]
  );

  const claims = [
    // The reference scenarios' expected behaviours.
    claim({
      id: "baseline_some_churn",
      quote: "Satisfaction parameters tuned so that: Some creators churn.",
      where: where(BRIEF, "§4 Baseline"),
      quantity: `creators who left by week 240 (of ${creators}), per baseline run`,
      criterion: atLeast(MATERIAL.creators, "creator"),
      measured: measuredOf(columnOf(r.outcomes, "baseline", "creators_departed"), "creators"),
      expected: expect("baseline_some_churn"),
    }),
    claim({
      id: "baseline_many_active",
      quote: "Many remain active for most of the run.",
      where: where(BRIEF, "§4 Baseline"),
      quantity: "creators active, averaged over the 240 weeks, as a share of those at the start " +
        "(“many”: at least half)",
      criterion: atLeast(50, "%"),
      measured: measuredOf(columnOf(r.outcomes, "baseline", "active_creators_mean"), "%", { scale: 100 }),
      expected: expect("baseline_many_active"),
    }),
    claim({
      id: "baseline_modest_roi",
      quote: "Baseline: balanced parameters; expect some churn, modest investor ROI.",
      where: USAGE,
      quantity:
        "investors' median ROI on their budget at week 240, per baseline run (“modest”: positive and " +
        "below the 10% the original's brief names as a target return)",
      criterion: between(MODEST_ROI[0], MODEST_ROI[1], "%"),
      measured: measuredOf(columnOf(r.outcomes, "baseline", "median_investor_roi"), "%", { scale: 100 }),
      expected: expect("baseline_modest_roi"),
    }),
    claim({
      id: "low_tracing_local",
      quote: "Rewards become more “local”.",
      where: where(BRIEF, "§4 LowTracing, hypothesis"),
      quantity: "share of fees paid to ancestors of the used contribution, low tracing minus control, " +
        "run by run",
      criterion: atMost(-MATERIAL.points, "percentage points"),
      measured: paired(r, "low_tracing_accuracy", "upstream_share", "difference", "percentage points", 100),
      expected: expect("low_tracing_local"),
    }),
    claim({
      id: "low_tracing_upstream_income",
      quote: "Investors and upstream contributors see lower ROI and income.",
      where: where(BRIEF, "§4 LowTracing, hypothesis"),
      quantity: "royalties creators receive as ancestors of the used contribution, low tracing ÷ control, " +
        "run by run",
      criterion: atMost(1 - MATERIAL.income, "× the control"),
      measured: paired(r, "low_tracing_accuracy", "upstream_creator_income", "ratio", "× the control"),
      expected: expect("low_tracing_upstream_income"),
    }),
    claim({
      id: "low_tracing_investor_income",
      quote: "Investors and upstream contributors see lower ROI and income.",
      where: where(BRIEF, "§4 LowTracing, hypothesis"),
      quantity: "royalties per investor, low tracing ÷ control, run by run",
      criterion: atMost(1 - MATERIAL.income, "× the control"),
      measured: paired(r, "low_tracing_accuracy", "income_per_investor", "ratio", "× the control"),
      expected: expect("low_tracing_investor_income"),
    }),
    claim({
      id: "low_tracing_investor_roi",
      quote: "Low tracing accuracy: reduced tracing_accuracy; expect upstream rewards and ROI to drop.",
      where: USAGE,
      quantity: "investors' median ROI, low tracing minus control, run by run",
      criterion: atMost(-MATERIAL.points, "percentage points"),
      measured: paired(
        r,
        "low_tracing_accuracy",
        "median_investor_roi",
        "difference",
        "percentage points",
        100,
      ),
      expected: expect("low_tracing_investor_roi"),
    }),
    notTestable({
      id: "low_tracing_upstream_roi",
      quote: "Investors and upstream contributors see lower ROI and income.",
      where: where(BRIEF, "§4 LowTracing, hypothesis"),
      reason:
        "upstream contributors' ROI: creators spend nothing in the design, so they have no return on an " +
        "outlay; their income is tested above",
      expected: expect("low_tracing_upstream_roi"),
    }),
    claim({
      id: "high_funding_roi",
      quote: "Investor ROI improves.",
      where: where(BRIEF, "§4 HighFundingShare, hypothesis"),
      quantity: "investors' median ROI, high funding share minus control, run by run",
      criterion: atLeast(MATERIAL.points, "percentage points"),
      measured: paired(
        r,
        "high_funding_share",
        "median_investor_roi",
        "difference",
        "percentage points",
        100,
      ),
      expected: expect("high_funding_roi"),
    }),
    claim({
      id: "high_funding_creator_share",
      quote: "Creator income share and satisfaction may decrease.",
      where: where(BRIEF, "§4 HighFundingShare, hypothesis"),
      quantity: "creators' share of royalties, high funding share minus control, run by run",
      criterion: atMost(-MATERIAL.points, "percentage points"),
      measured: paired(r, "high_funding_share", "creator_share", "difference", "percentage points", 100),
      expected: expect("high_funding_creator_share"),
    }),
    claim({
      id: "high_funding_creator_satisfaction",
      quote: "Creator income share and satisfaction may decrease.",
      where: where(BRIEF, "§4 HighFundingShare, hypothesis"),
      quantity: "creators' mean satisfaction at week 240 (0–1), high funding share minus control, run by run",
      criterion: atMost(-MATERIAL.satisfaction),
      measured: paired(r, "high_funding_share", "creator_satisfaction", "difference", ""),
      expected: expect("high_funding_creator_satisfaction"),
    }),
    claim({
      id: "high_funding_creator_churn",
      quote: "Creator churn may rise if aspiration is not adjusted.",
      where: where(BRIEF, "§4 HighFundingShare, hypothesis"),
      quantity: "creators who left by week 240, high funding share minus control, run by run",
      criterion: atLeast(MATERIAL.creators, "creator"),
      measured: paired(r, "high_funding_share", "creators_departed", "difference", "creators"),
      expected: expect("high_funding_creator_churn"),
    }),
    claim({
      id: "high_investor_creators_earn_more",
      quote: "Everyone earns more, but investors capture a disproportionate share.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity: "royalties per creator, high investor share ÷ control, run by run",
      criterion: atLeast(1 + MATERIAL.income, "× the control"),
      measured: paired(r, "high_investor_share", "income_per_creator", "ratio", "× the control"),
      expected: expect("high_investor_creators_earn_more"),
    }),
    claim({
      id: "high_investor_investors_earn_more",
      quote: "Everyone earns more, but investors capture a disproportionate share.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity: "royalties per investor, high investor share ÷ control, run by run",
      criterion: atLeast(1 + MATERIAL.income, "× the control"),
      measured: paired(r, "high_investor_share", "income_per_investor", "ratio", "× the control"),
      expected: expect("high_investor_investors_earn_more"),
    }),
    notTestable({
      id: "high_investor_users_earn_more",
      quote: "Everyone earns more, but investors capture a disproportionate share.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      reason:
        "users: in the design users pay the fees and receive no royalties, so a higher fee share cannot " +
        "pay them more; “everyone” is tested for creators and investors",
      expected: expect("high_investor_users_earn_more"),
    }),
    claim({
      id: "high_investor_capture_rises",
      quote:
        "High investor share: higher fee share plus higher funding split; total rewards grow, investor " +
        "capture rises.",
      where: USAGE,
      quantity: "investors' share of royalties, high investor share minus control, run by run",
      criterion: atLeast(MATERIAL.points, "percentage points"),
      measured: paired(r, "high_investor_share", "investor_share", "difference", "percentage points", 100),
      expected: expect("high_investor_capture_rises"),
    }),
    claim({
      id: "high_investor_disproportionate",
      quote: "Everyone earns more, but investors capture a disproportionate share.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity: `investors' share of royalties, per high-investor-share run (disproportionate: above their ` +
        `share of the earners, ${investors} of ${creators + investors})`,
      criterion: atLeast((100 * investors) / (creators + investors), "%"),
      measured: measuredOf(columnOf(r.outcomes, "high_investor_share", "investor_share"), "%", {
        scale: 100,
      }),
      expected: expect("high_investor_disproportionate"),
    }),
    claim({
      id: "high_investor_creator_satisfaction",
      quote: "Must check whether creators still have acceptable satisfaction and churn.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity:
        "creators' mean satisfaction at week 240 (0–1), per high-investor-share run (acceptable: at " +
        "least 0.5, the satisfaction of an income equal to the aspiration)",
      criterion: atLeast(0.5),
      measured: measuredOf(columnOf(r.outcomes, "high_investor_share", "creator_satisfaction"), ""),
      expected: expect("high_investor_creator_satisfaction"),
    }),
    claim({
      id: "high_investor_creator_churn",
      quote: "Must check whether creators still have acceptable satisfaction and churn.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity:
        `creators who left by week 240 (of ${creators}), per high-investor-share run (acceptable: at ` +
        `most a tenth)`,
      criterion: atMost(creators / 10, "creators"),
      measured: measuredOf(columnOf(r.outcomes, "high_investor_share", "creators_departed"), "creators"),
      expected: expect("high_investor_creator_churn"),
    }),

    // The planned analyses.
    claim({
      id: "no_trivial_collapse",
      quote: "Avoid trivial collapse (everyone churns quickly).",
      where: where(BRIEF, "§5.6 Calibration suggestions"),
      quantity: "reference-scenario runs in which a whole class (creators, investors or users) has left by " +
        "week 240",
      criterion: atMost(0, "%"),
      measured: shareOfRuns("class_gone"),
      expected: expect("no_trivial_collapse"),
    }),
    claim({
      id: "no_trivial_explosion",
      quote: "Avoid trivial explosion (everyone is happy and rich, no meaningful churn).",
      where: where(BRIEF, "§5.6 Calibration suggestions"),
      quantity: "reference-scenario runs in which at least one agent leaves (meaningful churn: in most runs)",
      criterion: atLeast(50, "%"),
      measured: shareOfRuns("any_left"),
      expected: expect("no_trivial_explosion"),
    }),
    claim({
      id: "critical_tracing",
      quote:
        "Identify whether there is a critical range of tracing_accuracy below which the protocol fails to " +
        "reward deep ancestry.",
      where: where(BRIEF, "§5.4 Tracing accuracy and robustness"),
      quantity:
        "largest change of the share of fees reaching upstream creators between neighbouring tracing " +
        "accuracies (0.1 apart), as a share of its whole change from 0 to 1 (a straight line gives 10%)",
      criterion: atLeast(100 * CRITICAL_STEP_SHARE, "%"),
      measured: measuredOfBootstrap(
        bootstrapGrids(
          [grids[1]],
          "upstream_creator_share",
          (cells) => largestStepShare(cells[0].map((c) => c.value)).share,
        ),
        "%",
        { scale: 100 },
      ),
      expected: expect("critical_tracing"),
    }),
    claim({
      id: "phase_creator_churn",
      quote: "Look for parameter boundaries where: Creator churn increases sharply.",
      where: where(BRIEF, "§5.5 Phase transitions"),
      quantity:
        `largest change of the share of creators active at week 240 between neighbouring settings of ${sweeps}`,
      criterion: atLeast(SHARP.creatorsPoints, "percentage points"),
      measured: measuredOfBootstrap(bootstrapGrids(grids, "active_creators_end", jump), "percentage points", {
        scale: 100,
      }),
      expected: expect("phase_creator_churn"),
    }),
    claim({
      id: "phase_investor_roi",
      quote: "Look for parameter boundaries where: … Investor ROI collapses.",
      where: where(BRIEF, "§5.5 Phase transitions"),
      quantity: `largest change of investors' median ROI between neighbouring settings of ${sweeps}`,
      criterion: atLeast(SHARP.roiPoints, "percentage points"),
      measured: measuredOfBootstrap(bootstrapGrids(grids, "median_investor_roi", jump), "percentage points", {
        scale: 100,
      }),
      expected: expect("phase_investor_roi"),
    }),
    claim({
      id: "phase_income_shares",
      quote: "Look for parameter boundaries where: … Role income shares shift dramatically.",
      where: where(BRIEF, "§5.5 Phase transitions"),
      quantity:
        `largest change of investors' share of royalties (creators' share moves by as much) between ` +
        `neighbouring settings of ${sweeps}`,
      criterion: atLeast(SHARP.sharePoints, "percentage points"),
      measured: measuredOfBootstrap(bootstrapGrids(grids, "investor_share", jump), "percentage points", {
        scale: 100,
      }),
      expected: expect("phase_income_shares"),
    }),
    claim({
      id: "investors_dominate",
      quote: "Analyze tradeoffs: … Regions where investors dominate.",
      where: where(BRIEF, "§5.2 Fairness across roles"),
      quantity: `highest investors' share of royalties over ${sweeps} (dominate: more than half)`,
      criterion: atLeast(50, "%"),
      measured: measuredOfBootstrap(bootstrapGrids(grids, "investor_share", highest), "%", { scale: 100 }),
      expected: expect("investors_dominate"),
    }),
    claim({
      id: "winner_takes_most",
      quote: "Are there “winner takes most” regimes.",
      where: where(BRIEF, "§5.3 Inequality inside the creator role"),
      quantity:
        `highest share of creators' royalties earned by the best-paid tenth of creators over ${sweeps} ` +
        `(“most”: more than half)`,
      criterion: atLeast(50, "%"),
      measured: measuredOfBootstrap(bootstrapGrids(grids, "top_decile_share", highest), "%", { scale: 100 }),
      expected: expect("winner_takes_most"),
    }),

    // The design document's reward mechanics, on every run of the report.
    claim({
      id: "pool_conserved",
      quote: "Define a reward pool R = fee_amount. This is the quantity distributed along the contribution " +
        "graph for this event.",
      where: where(DESIGN, "§4.1 Gas fee sharing and royalty pool"),
      quantity: `largest |fees − royalties received| ÷ fees of a run, over all ${allGaps.length} runs of ` +
        `this report`,
      criterion: atMost(ROUNDING),
      measured: { value: Math.max(...allGaps), unit: "" },
      expected: expect("pool_conserved"),
    }),
    claim({
      id: "untraced_is_initiator",
      quote: "If no parents survive for a contribution, it behaves as an independent initiator for reward " +
        "distribution.",
      where: where(DESIGN, "§4.2 AI tracing accuracy"),
      quantity: `largest share of fees reaching upstream creators at tracing accuracy 0 with no ` +
        `false-positive links, over ${tracing0.length} runs (funding edges are recorded on chain, so only ` +
        `investors remain upstream)`,
      criterion: atMost(ROUNDING),
      measured: { value: Math.max(...tracing0), unit: "" },
      expected: expect("untraced_is_initiator"),
    }),
  ];
  const unknown = Object.keys(expected).filter((id) => !claims.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`expected verdicts for unknown claims: ${unknown.join(", ")}`);
  return claims;
}
