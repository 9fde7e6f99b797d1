/**
 * The BITrewards claims on the three scenarios set against the control (low tracing accuracy, high funding
 * share, high investor share): each change read run by run over pairs of runs that share their random
 * stream, judged against the pairs' spread, and its dependence on the uncertain parameters read from the
 * paired sample (paired_sample.ts). claims.ts gathers them with the baseline's and the planned analyses'.
 */
import { median } from "../../analysis/quantiles.ts";
import {
  atLeast,
  atMost,
  type Claim,
  claim,
  type Criterion,
  intervalAbove,
  intervalBelow,
  type Measured,
  notTestable,
  type Verdict,
} from "../../notebook/claims.ts";
import type { ClaimContext } from "./claims.ts";
import { pairedDependence } from "./dependence.ts";
import { measuredOf } from "./measured.ts";
import type { BitrewardsResults } from "./outcomes.ts";
import type { Paired, PairedQuantity } from "./paired_sample.ts";
import { columnOf, pairedChange } from "./summaries.ts";
import { INTERVAL_REASON, INTERVAL_WHY, MATERIAL } from "./thresholds.ts";

/** The original repository's documents, at the commits that held the words quoted. */
export const BRIEF = "docs/kosmos_brief.md";
const BRIEF_COMMIT = "original repository, commit 1732b38";
export const USAGE = "docs/usage.md, Scenarios (original repository, commit d219d55)";
export const USAGE_DATA = "docs/usage.md, Reference runs (original repository, commit d219d55)";
export const where = (source: string, section: string) =>
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

/** The claims on the scenarios against the control, and on the high investor share scenario's own runs. */
export function scenarioClaims(
  r: BitrewardsResults,
  expect: (id: string) => Verdict,
  context: ClaimContext,
): Claim[] {
  const creators = median(columnOf(r.outcomes, "baseline", "creators"));
  const investors = median(columnOf(r.outcomes, "baseline", "investors"));
  const dependsOn = context.calibration;
  const onPairs = (quantity: PairedQuantity, criterion: Criterion, pairs?: readonly number[]) =>
    context.paired ? pairedDependence(context.paired, quantity, criterion, pairs) : undefined;
  /** A scenario against the control, run by run: the criterion, the pairs' changes and the dependence. */
  const versus = (
    scenario: Paired,
    column: string,
    how: "ratio" | "difference",
    criterion: Criterion,
    scale = 1,
  ) => {
    const measured = paired(r, scenario, column, how, criterion.unit ?? "", scale);
    const dependence = onPairs({ scenario, column, how, scale }, criterion, measured.evidence?.values);
    return { criterion, measured, dependence };
  };
  /** The high investor share scenario's own runs: the criterion and its dependence on the paired sample. */
  const highInvestor = (column: string, criterion: Criterion, scale = 1) => ({
    criterion,
    dependence: onPairs({ scenario: "high_investor_share", column, how: "scenario", scale }, criterion),
  });
  return [
    claim({
      id: "low_tracing_local",
      title: "Low tracing: rewards become more local",
      quote: "Rewards become more “local”.",
      where: where(BRIEF, "§4 LowTracing, hypothesis"),
      quantity: "share of fees paid to ancestors of the used contribution, low tracing minus control, " +
        "run by run",
      reason: INTERVAL_REASON,
      changed: { from: `median ≤ −${MATERIAL.points} percentage point`, why: INTERVAL_WHY },
      ...versus(
        "low_tracing_accuracy",
        "upstream_share",
        "difference",
        intervalBelow(0, "percentage points"),
        100,
      ),
      expected: expect("low_tracing_local"),
    }),
    claim({
      id: "low_tracing_upstream_income",
      title: "Low tracing: upstream creators earn less",
      quote: "Investors and upstream contributors see lower ROI and income.",
      where: where(BRIEF, "§4 LowTracing, hypothesis"),
      quantity: "royalties creators receive as ancestors of the used contribution, low tracing ÷ control, " +
        "run by run",
      reason: INTERVAL_REASON,
      changed: { from: `median ≤ ${1 - MATERIAL.income} × the control`, why: INTERVAL_WHY },
      ...versus(
        "low_tracing_accuracy",
        "upstream_creator_income",
        "ratio",
        intervalBelow(1, "× the control"),
      ),
      expected: expect("low_tracing_upstream_income"),
    }),
    claim({
      id: "low_tracing_investor_income",
      title: "Low tracing: investors earn less",
      quote: "Investors and upstream contributors see lower ROI and income.",
      where: where(BRIEF, "§4 LowTracing, hypothesis"),
      quantity: "royalties per investor, low tracing ÷ control, run by run",
      reason: INTERVAL_REASON,
      changed: { from: `median ≤ ${1 - MATERIAL.income} × the control`, why: INTERVAL_WHY },
      ...versus(
        "low_tracing_accuracy",
        "income_per_investor",
        "ratio",
        intervalBelow(1, "× the control"),
      ),
      dependsOn,
      expected: expect("low_tracing_investor_income"),
    }),
    claim({
      id: "low_tracing_investor_roi",
      title: "Low tracing: investors' ROI drops",
      quote: "Low tracing accuracy: reduced tracing_accuracy; expect upstream rewards and ROI to drop.",
      where: USAGE,
      quantity: "investors' median ROI, low tracing minus control, run by run",
      reason: INTERVAL_REASON + "; ROI on the budget moves by fractions of a point, so a fixed point is " +
        "out of the model's reach",
      changed: { from: `median ≤ −${MATERIAL.points} percentage point`, why: INTERVAL_WHY },
      dependsOn,
      ...versus(
        "low_tracing_accuracy",
        "median_investor_roi",
        "difference",
        intervalBelow(0, "percentage points"),
        100,
      ),
      expected: expect("low_tracing_investor_roi"),
    }),
    notTestable({
      id: "low_tracing_upstream_roi",
      title: "Low tracing: upstream contributors' ROI drops",
      quote: "Investors and upstream contributors see lower ROI and income.",
      where: where(BRIEF, "§4 LowTracing, hypothesis"),
      reason:
        "upstream contributors' ROI: creators spend nothing in the design, so they have no return on an " +
        "outlay; their income is tested above",
      expected: expect("low_tracing_upstream_roi"),
    }),
    claim({
      id: "high_funding_roi",
      title: "High funding share: investors' ROI improves",
      quote: "Investor ROI improves.",
      where: where(BRIEF, "§4 HighFundingShare, hypothesis"),
      quantity: "investors' median ROI, high funding share minus control, run by run",
      reason: INTERVAL_REASON + "; ROI on the budget moves by fractions of a point, so a fixed point is " +
        "out of the model's reach",
      changed: { from: `median ≥ +${MATERIAL.points} percentage point`, why: INTERVAL_WHY },
      dependsOn,
      ...versus(
        "high_funding_share",
        "median_investor_roi",
        "difference",
        intervalAbove(0, "percentage points"),
        100,
      ),
      expected: expect("high_funding_roi"),
    }),
    claim({
      id: "high_funding_creator_share",
      title: "High funding share: creators' share falls",
      quote: "Creator income share and satisfaction may decrease.",
      where: where(BRIEF, "§4 HighFundingShare, hypothesis"),
      quantity: "creators' share of royalties, high funding share minus control, run by run",
      reason: INTERVAL_REASON,
      changed: { from: `median ≤ −${MATERIAL.points} percentage point`, why: INTERVAL_WHY },
      ...versus(
        "high_funding_share",
        "creator_share",
        "difference",
        intervalBelow(0, "percentage points"),
        100,
      ),
      expected: expect("high_funding_creator_share"),
    }),
    claim({
      id: "high_funding_creator_satisfaction",
      title: "High funding share: creators less satisfied",
      quote: "Creator income share and satisfaction may decrease.",
      where: where(BRIEF, "§4 HighFundingShare, hypothesis"),
      quantity: "creators' mean satisfaction at week 240 (0–1), high funding share minus control, run by run",
      reason: INTERVAL_REASON,
      changed: { from: `median ≤ −${MATERIAL.satisfaction}`, why: INTERVAL_WHY },
      ...versus("high_funding_share", "creator_satisfaction", "difference", intervalBelow(0)),
      expected: expect("high_funding_creator_satisfaction"),
    }),
    claim({
      id: "high_funding_creator_churn",
      title: "High funding share: more creators churn",
      quote: "Creator churn may rise if aspiration is not adjusted.",
      where: where(BRIEF, "§4 HighFundingShare, hypothesis"),
      quantity: "creators who left by week 240, high funding share minus control, run by run",
      reason: INTERVAL_REASON,
      changed: { from: `median ≥ ${MATERIAL.creators} creator`, why: INTERVAL_WHY },
      ...versus(
        "high_funding_share",
        "creators_departed",
        "difference",
        intervalAbove(0, "creators"),
      ),
      expected: expect("high_funding_creator_churn"),
    }),
    claim({
      id: "high_investor_creators_earn_more",
      title: "High investor share: creators earn more",
      quote: "Everyone earns more, but investors capture a disproportionate share.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity: "royalties per creator, high investor share ÷ control, run by run",
      reason: INTERVAL_REASON,
      changed: { from: `median ≥ ${1 + MATERIAL.income} × the control`, why: INTERVAL_WHY },
      ...versus(
        "high_investor_share",
        "income_per_creator",
        "ratio",
        intervalAbove(1, "× the control"),
      ),
      expected: expect("high_investor_creators_earn_more"),
    }),
    claim({
      id: "high_investor_investors_earn_more",
      title: "High investor share: investors earn more",
      quote: "Everyone earns more, but investors capture a disproportionate share.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity: "royalties per investor, high investor share ÷ control, run by run",
      reason: INTERVAL_REASON,
      changed: { from: `median ≥ ${1 + MATERIAL.income} × the control`, why: INTERVAL_WHY },
      ...versus(
        "high_investor_share",
        "income_per_investor",
        "ratio",
        intervalAbove(1, "× the control"),
      ),
      dependsOn,
      expected: expect("high_investor_investors_earn_more"),
    }),
    claim({
      id: "high_investor_users_earn_more",
      title: "High investor share: users gain more",
      quote: "Everyone earns more, but investors capture a disproportionate share.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity: "users' benefit of what they used, per user, high investor share ÷ control, run by run " +
        "(users receive no royalties; their benefit is what they earn)",
      reason: INTERVAL_REASON,
      changed: {
        from: "not testable (users receive no royalties)",
        why: "the model measures users' benefit (user_benefit), which is what they earn",
      },
      ...versus(
        "high_investor_share",
        "benefit_per_user",
        "ratio",
        intervalAbove(1, "× the control"),
      ),
      expected: expect("high_investor_users_earn_more"),
    }),
    claim({
      id: "high_investor_capture_rises",
      title: "High investor share: investors capture more",
      quote:
        "High investor share: higher fee share plus higher funding split; total rewards grow, investor " +
        "capture rises.",
      where: USAGE,
      quantity: "investors' share of royalties, high investor share minus control, run by run",
      reason: INTERVAL_REASON,
      changed: { from: `median ≥ +${MATERIAL.points} percentage point`, why: INTERVAL_WHY },
      ...versus(
        "high_investor_share",
        "investor_share",
        "difference",
        intervalAbove(0, "percentage points"),
        100,
      ),
      dependsOn,
      expected: expect("high_investor_capture_rises"),
    }),
    claim({
      id: "high_investor_disproportionate",
      title: "High investor share: investors' outsized share",
      quote: "Everyone earns more, but investors capture a disproportionate share.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity: `investors' share of royalties, per high-investor-share run`,
      ...highInvestor("investor_share", atLeast((100 * investors) / (creators + investors), "%"), 100),
      reason: `disproportionate: above investors' share of the earners, ${investors} of ${
        creators + investors
      }, the share an even split per head would give`,
      measured: measuredOf(columnOf(r.outcomes, "high_investor_share", "investor_share"), "%", {
        scale: 100,
      }),
      dependsOn,
      expected: expect("high_investor_disproportionate"),
    }),
    claim({
      id: "high_investor_creator_satisfaction",
      title: "High investor share: creators stay satisfied",
      quote: "Must check whether creators still have acceptable satisfaction and churn.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity: "creators' mean satisfaction at week 240 (0–1), per high-investor-share run",
      ...highInvestor("creator_satisfaction", atLeast(0.5)),
      reason: "acceptable: at least 0.5, the satisfaction of an income equal to the aspiration",
      measured: measuredOf(columnOf(r.outcomes, "high_investor_share", "creator_satisfaction"), ""),
      expected: expect("high_investor_creator_satisfaction"),
    }),
    claim({
      id: "high_investor_creator_churn",
      title: "High investor share: creators' churn acceptable",
      quote: "Must check whether creators still have acceptable satisfaction and churn.",
      where: where(BRIEF, "§4 HighInvestorShare, hypothesis"),
      quantity: `creators who left by week 240 (of ${creators}), per high-investor-share run`,
      ...highInvestor("creators_departed", atMost(creators / 10, "creators")),
      reason: "acceptable read as at most a tenth of the creators leaving over the run",
      measured: measuredOf(columnOf(r.outcomes, "high_investor_share", "creators_departed"), "creators"),
      expected: expect("high_investor_creator_churn"),
    }),
  ];
}
