/**
 * The Grassroot dataDAO README's claims: its words and where they are, the quantity that tests each
 * (computed from both variants' runs), a criterion fixed before any result with the reason it is fair, and
 * the verdict the notebook expects. Where the shipped code and the README's design differ, each is tested
 * on its own row. Shown apart: what the model makes true by construction (the proportions kept at entry, The
 * Pie's documented payout, split and remainder) as model checks, and where the README's description and its
 * code disagree, or the model stands in for what the README does not give, as findings. The promised CSV
 * files are a conclusion, judged from the record of the original's code (outputs.ts). See
 * docs/models/datadao.md.
 */
import {
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
  spreadMeasured,
} from "../../notebook/claims.ts";
import { defaults } from "../../engine/params.ts";
import { dependenceOf } from "../../analysis/dependence.ts";
import { spreadOf } from "../../analysis/spread.ts";
import { quantile } from "../../analysis/quantiles.ts";
import { formatNumber } from "../../analysis/format.ts";
import type { VariantRuns } from "./experiments.ts";
import { demandAndFees, pieReach } from "./outcomes.ts";
import { proportionDrift } from "./population.ts";
import { degenPositions } from "./positions.ts";
import { entryPrices, entrySizes, entryTransfers, priceSwing, spendOverMint } from "./measures.ts";
import { promisedWritten, type ShippedOutputs } from "./outputs.ts";
import { type DependencePoint, type PointOutcome, sampledInputs } from "./dependence.ts";
import { type DataDaoParams, datadaoParams, type Variant } from "./params.ts";

/**
 * The criteria that judge the claims. Each reads the document's words as plainly as they allow, and none
 * depends on a result; each claim's `reason` says why it is fair.
 */
export const CRITERIA = {
  // "They represent the primary demand side of the ecosystem": more than half of all dDT bought in the pool
  orgDemand: atLeast(50, "%"),
  // "They benefit from trading fees while providing liquidity": the median degen's position (fees plus its
  // pool share's value minus what it put in) is not a loss
  degenBenefit: atLeast(0, "xDAI"),
  // "Price discovery through market interactions": over the run's second half the price holds within a
  // factor of two
  priceDiscovery: atMost(2, "times"),
  // "Balance between token minting and token spending": over the second half neither flow is more than
  // twice the other
  mintSpend: between(0.5, 2, "times"),
  // "The simulation will generate: … simulation_data.csv … transaction_history.csv": both files written
  outputs: atLeast(2, "of 2 files"),
};

const README = {
  proportions: "README, Agent Types and Proportions",
  entry: "README, Agent Entry and Growth",
  pie: "README, The Pie Distribution",
  overview: "README, Project Overview (what the simulation explores)",
  running: "README, Running the Simulation",
};

const PIE_PAID = "Every simulation step: 70% of The Pie's accumulated dDT is distributed to stakeholders";
const DEGENS = "[Degen Users] benefit from trading fees while providing liquidity to the ecosystem.";
const ORGS = "[Organizations] represent the primary demand side of the ecosystem.";

/** Gaps that are float rounding (below 10⁻⁹) are shown as 0. */
const noise = (x: number) => (Math.abs(x) < 1e-9 ? 0 : x);

const WORDS: Record<Variant, string> = { reference: "shipped code", documented: "documented variant" };
const SHORT: Record<Variant, string> = { reference: "shipped", documented: "documented" };

/** The claims' inputs: both variants' runs, the record of the original's outputs, the LHS sample. */
export interface ClaimInputs {
  readonly runs: VariantRuns;
  readonly shipped: ShippedOutputs;
  readonly points?: readonly DependencePoint[];
}

/** The findings' inputs: both variants' runs. */
export interface FindingInputs {
  readonly runs: VariantRuns;
}

/** What a degen's fixed deposit hands over on entry, against the fees degens collect (per variant). */
function entryLoss({ timeseries, agents }: VariantRuns, v: Variant) {
  const P = defaults(datadaoParams) as DataDaoParams;
  const positions = degenPositions(timeseries, agents)[v];
  const prices = entryPrices(timeseries, v, positions);
  return {
    positions,
    entered: spreadOf(prices),
    transfer: quantile(entryTransfers(prices, P.degen_liquidity_ddt, P.degen_liquidity_xdai), 0.5),
    fees: quantile(positions.map((p) => p.fees), 0.5),
  };
}

/** Every claim of the README, from both variants' runs at the model's defaults (`runVariants`). */
export function datadaoClaims({ runs, shipped, points }: ClaimInputs): Claim[] {
  const { timeseries, agents } = runs;
  const P = defaults(datadaoParams) as DataDaoParams;
  const last = timeseries.getColumn("timestep").max() as number;
  const half = Math.floor(last / 2);

  const demand = demandAndFees(timeseries, agents);
  const csv = promisedWritten(shipped, ".csv");

  const inputs = points ? sampledInputs(points) : undefined;
  const sample = points ? `${points.length} LHS points` : "";
  const depend = (v: Variant, pick: (o: PointOutcome) => number, criterion: Criterion, here: number) =>
    points && inputs
      ? {
        dependence: dependenceOf(
          inputs,
          points.map((p) => pick(p.outcomes[v])),
          criterion.test,
          criterion.test(here),
          sample,
        ),
      }
      : {};

  const orgDemand = (v: Variant) => {
    const share = 100 * demand[v].share_bought_by_organizations;
    return claim({
      id: `organizations_demand_${SHORT[v]}`,
      title: `Organizations are the main buyers (${SHORT[v]})`,
      quote: ORGS,
      where: README.proportions,
      quantity: `organizations' share of all dDT bought in the pool, ${WORDS[v]}`,
      criterion: CRITERIA.orgDemand,
      reason: '"the primary demand side" read as buying more than all other members together',
      measured: { value: share, unit: "%" },
      ...depend(v, (o) => 100 * o.org_share, CRITERIA.orgDemand, share),
      expected: "holds",
    });
  };
  const degensBenefit = (v: Variant) => {
    const { positions, entered, transfer, fees } = entryLoss(runs, v);
    const nets = spreadMeasured(positions.map((p) => p.net), "xDAI", `5–95% of ${positions.length} degens`);
    return claim({
      id: `degens_benefit_${SHORT[v]}`,
      title: `Degens gain from providing liquidity (${SHORT[v]})`,
      quote: DEGENS,
      where: README.proportions,
      quantity: `median degen's net position (fees + pool share value − what it put in), ${WORDS[v]}; ` +
        `each deposits the README's fixed ${P.degen_liquidity_ddt} dDT + ${P.degen_liquidity_xdai} xDAI ` +
        `(1 xDAI per dDT) while the pool price at entry is ${entered.lo.toFixed(3)}–` +
        `${entered.hi.toFixed(3)} xDAI/dDT (5–95% of degens), so on entry it gains ` +
        `${P.degen_liquidity_ddt} × price − ${P.degen_liquidity_xdai} xDAI: ${formatNumber(transfer)} xDAI ` +
        `for the median degen, against median fees of ${formatNumber(fees)} xDAI` +
        (transfer < 0 && Math.abs(transfer) > 10 * fees
          ? ": the deposit, not fees, makes the loss (see “Inconsistencies and assumptions found”)"
          : ""),
      criterion: CRITERIA.degenBenefit,
      reason: '"benefit" read as not losing against simply keeping the deposited tokens',
      measured: nets,
      ...depend(v, (o) => o.degen_net, CRITERIA.degenBenefit, nets.value),
      expected: "does not hold",
    });
  };
  const priceDiscovery = (v: Variant) => {
    const swing = priceSwing(timeseries, v, half);
    return claim({
      id: `price_discovery_${SHORT[v]}`,
      title: `The market settles on a price (${SHORT[v]})`,
      quote: "Price discovery through market interactions",
      where: README.overview,
      quantity: `highest over lowest pool price over steps ${half}–${last}, ${WORDS[v]}`,
      criterion: CRITERIA.priceDiscovery,
      reason: "the README names price discovery as an outcome without a number; every member's behaviour " +
        "is fixed and the population grows steadily, so a discovered price should hold within a factor of " +
        "two over the run's second half",
      changed: {
        from: 'not testable ("a question the simulation explores")',
        why: "the notebook measures the price's course in both variants, which answers it",
      },
      measured: { value: swing, unit: "times" },
      ...depend(v, (o) => o.price_swing, CRITERIA.priceDiscovery, swing),
      expected: v === "reference" ? "does not hold" : "holds",
    });
  };
  const mintSpend = (v: Variant) => {
    const ratio = spendOverMint(timeseries, v, half);
    return claim({
      id: `mint_spend_balance_${SHORT[v]}`,
      title: `Minting and spending balance (${SHORT[v]})`,
      quote: "Balance between token minting (data contribution) and token spending (compute usage)",
      where: README.overview,
      quantity: `dDT spent on compute over dDT minted for data, steps ${half}–${last}, ${WORDS[v]}; the ` +
        `minting is a flat ${P.active_initial_ddt} dDT per member, which stands in for the README's CRC ` +
        `locking capped by Contribution Weight (not modelled)`,
      criterion: CRITERIA.mintSpend,
      reason: '"balance" read as neither flow more than twice the other once the run has settled; the ' +
        "README gives no number",
      changed: {
        from: 'not testable ("a question the simulation explores")',
        why: "the notebook measures minting and spending in both variants, which answers it",
      },
      measured: { value: ratio, unit: "times" },
      ...depend(v, (o) => o.spend_over_mint, CRITERIA.mintSpend, ratio),
      expected: v === "reference" ? "holds" : "does not hold",
    });
  };

  return [
    orgDemand("reference"),
    orgDemand("documented"),
    degensBenefit("reference"),
    degensBenefit("documented"),
    priceDiscovery("reference"),
    priceDiscovery("documented"),
    mintSpend("reference"),
    mintSpend("documented"),
    claim({
      id: "outputs",
      title: "The simulation writes its two CSV files",
      quote:
        "The simulation will generate: simulation_results.png ... simulation_data.csv: Time series data of " +
        "simulation metrics ... transaction_history.csv: Detailed record of agent transactions",
      where: README.running,
      quantity: `of the README's ${csv.promised.length} CSV files (${csv.promised.join(", ")}), those the ` +
        `shipped code writes: every file-writing call of its ${shipped.searched.paths.length} Python files ` +
        `at commit ${shipped.commit.slice(0, 7)} writes ${shipped.writes.map((w) => w.file).join(", ")} only`,
      criterion: CRITERIA.outputs,
      reason: "the README says the simulation will generate both files; the claim is about the original " +
        "program, judged from the record of its code, which no parameter changes (this project's deno task " +
        "sim datadao writes both tables)",
      changed: {
        from: 'not testable ("a property of the original program")',
        why: "the original's code is on record (data/published/datadao/shipped_outputs.json), and it never " +
          "writes either file",
      },
      measured: { value: csv.written.length, unit: `of ${csv.promised.length} files` },
      expected: "does not hold",
    }),
  ];
}

/** What the model makes true by construction: shown apart as model checks, never counted as findings. */
export function datadaoChecks({ timeseries, agents }: VariantRuns): Check[] {
  const P = defaults(datadaoParams) as DataDaoParams;
  const drift = proportionDrift(timeseries);
  const reach = pieReach(timeseries, agents);
  const split = { power: P.pie_split_power, active: P.pie_split_active, casual: P.pie_split_casual };
  const splitGap = Math.max(
    ...Object.entries(split).map(([t, s]) => Math.abs(reach.documented.shares[t as keyof typeof split] - s)),
  );
  const kept = 1 - P.pie_payout_rate;
  const keptGap = (v: Variant) =>
    Math.max(Math.abs(reach[v].retained.min - kept), Math.abs(reach[v].retained.max - kept));
  const gap = noise(Math.max(keptGap("reference"), keptGap("documented")));
  return [
    check({
      id: "proportions",
      title: "Each type kept at its share of the population",
      what: "at every step, every type within one agent of its target share (entry tops each type up to it)",
      holds: drift.reference.largestGap <= 1 && drift.documented.largestGap <= 1,
      detail: `largest gap ${
        Math.max(drift.reference.largestGap, drift.documented.largestGap).toFixed(2)
      } agent`,
    }),
    check({
      id: "pie_paid_out_documented",
      title: "The Pie's payout reaches members (documented)",
      what: "at least 99% of the dDT taken out of The Pie reaches members, documented variant",
      holds: reach.documented.shareReceived >= 0.99,
      detail: `${(100 * reach.documented.shareReceived).toFixed(2)}%`,
    }),
    check({
      id: "pie_split",
      title: "The payout splits 40/40/20",
      what: "each group's share of the Pie dDT received within 0.1 point of 40/40/20, documented variant",
      holds: 100 * noise(splitGap) <= 0.1,
      detail: `largest gap ${(100 * noise(splitGap)).toFixed(4)} points`,
    }),
    check({
      id: "pie_keeps_30",
      title: "30% stays in The Pie",
      what: "after every step's payout, 30% of what The Pie held stays (within 0.1 point), both variants",
      holds: 100 * gap <= 0.1,
      detail: `largest gap ${(100 * gap).toFixed(4)} points`,
    }),
  ];
}

/**
 * Where the README's description and its code disagree, and what the model stands in for that the README
 * does not give: shown apart from the conclusions, each beside the result it drives.
 */
export function datadaoFindings({ runs }: FindingInputs): Finding[] {
  const { timeseries, agents } = runs;
  const P = defaults(datadaoParams) as DataDaoParams;
  const last = timeseries.getColumn("timestep").max() as number;
  const sizes = entrySizes(timeseries, "reference", P.entry_interval);
  const sizeCounts = [...new Set(sizes)].sort((a, b) => a - b)
    .map((s) => `${sizes.filter((x) => x === s).length} add ${s}`).join(", ");
  const reach = pieReach(timeseries, agents).reference;
  const loss = { documented: entryLoss(runs, "documented"), reference: entryLoss(runs, "reference") };
  const n = (x: number) => formatNumber(x);
  const range = (v: Variant) => `${loss[v].entered.lo.toFixed(3)}–${loss[v].entered.hi.toFixed(3)}`;
  return [
    finding({
      id: "entry",
      title: "Entries of 9 or 11 agents, not 10",
      kind: "inconsistency",
      quote: "New agents are added every 5 steps, with 10 agents per entry",
      where: README.entry,
      says: `${P.agents_per_entry} agents per entry`,
      model: `of ${sizes.length} entries, ${sizeCounts}`,
      cause: "each type topped up to its rounded share, as the README's proportions ask",
      shows: sizes.some((s) => s !== P.agents_per_entry),
    }),
    finding({
      id: "pie_paid_out_shipped",
      title: "The Pie pays nobody (shipped)",
      kind: "inconsistency",
      quote: PIE_PAID,
      where: README.pie,
      says: "70% of The Pie paid to members every step",
      model: `${n(100 * reach.shareReceived)}% of ${n(reach.takenOut)} dDT taken out in ${last} steps ` +
        "reaches members",
      cause: "the shipped code pays no one (pie_payout); the documented variant does (a check)",
      shows: reach.shareReceived < 0.99,
    }),
    finding({
      id: "degens_fixed_deposit",
      title: "Degens' fixed 1:1 deposit",
      kind: "inconsistency",
      quote: "They initially provide liquidity (10 dDT, 10 xDAI) and immediately sell their remaining 90 " +
        "dDT. They benefit from trading fees while providing liquidity to the ecosystem.",
      where: README.proportions,
      says: `a fixed ${P.degen_liquidity_ddt} dDT + ${P.degen_liquidity_xdai} xDAI; fees repay degens`,
      model: `entry at ${range("documented")} xDAI/dDT (shipped ${range("reference")}): median ` +
        `${n(loss.documented.transfer)} xDAI on entry (${n(loss.reference.transfer)}), fees ` +
        `${n(loss.documented.fees)} (${n(loss.reference.fees)})`,
      cause:
        "1 xDAI per dDT into a pool without a ratio check: the deposit, not fees, makes the degens' loss",
      shows: loss.documented.transfer < 0 && Math.abs(loss.documented.transfer) > loss.documented.fees,
    }),
    finding({
      id: "flat_endowment",
      title: "A flat endowment stands in for CRC locking",
      kind: "assumption",
      quote:
        "Members contribute data and, based on their data's Contribution Weight—a function of the data's " +
        "quality and quantity—are permitted to lock any amount of their personal Circles tokens ($CRC), up " +
        "to a maximum proportional to that weight. In return for locking their tokens, they mint dataDAO tokens",
      where: "README, What is a Grassroot dataDAO?",
      says: "dDT minted for $CRC locked, capped by Contribution Weight",
      model: `a flat ${P.active_initial_ddt} dDT per member on entry (none for organizations)`,
      cause:
        "no CRC, locking or weight in the code or the model; the minting-against-spending claims rest on it",
      shows: P.active_initial_ddt > 0,
    }),
  ];
}
