/**
 * The Grassroot dataDAO README's claims: its words and where they are, the quantity that tests each
 * (computed from both variants' runs), a criterion fixed before any result, and the verdict the notebook
 * expects. Where the shipped code and the README's design differ, each is tested on its own row. See
 * docs/models/datadao.md for the README and the original repository.
 */
import { atLeast, atMost, type Claim, claim, notTestable, within } from "../../notebook/claims.ts";
import { defaults } from "../../engine/params.ts";
import type { VariantRuns } from "./experiments.ts";
import { demandAndFees, pieReach } from "./outcomes.ts";
import { population, proportionDrift } from "./population.ts";
import { degenPositions, summarisePositions } from "./positions.ts";
import { type DataDaoParams, datadaoParams, type Variant } from "./params.ts";

/**
 * The criteria that judge the claims. Each reads the document's words as plainly as they allow, and none
 * depends on a result.
 */
export const CRITERIA = {
  // "maintains specific proportions of different agent types throughout its runtime": at every step every
  // type within one agent of its share of the population
  proportions: atMost(1, "agent"),
  // "New agents are added every 5 steps, with 10 agents per entry": agents added per entry, on average,
  // within 1% of 10
  perEntry: within(10, 0.01, "agents"),
  // "70% of The Pie's accumulated dDT is distributed to stakeholders": (nearly) all of what leaves The Pie
  // reaches members
  pieReach: atLeast(99, "%"),
  // "40% to Power Users, 40% to Active Users, 20% to Casual Users": each group's share of what members
  // received within 0.1 percentage point
  pieSplit: atMost(0.1, "points"),
  // "30% remains in The Pie": after every step's payout, 30% of what The Pie held stays (within 0.1 point)
  pieKeeps: atMost(0.1, "points"),
  // "They represent the primary demand side of the ecosystem": more than half of all dDT bought in the pool
  orgDemand: atLeast(50, "%"),
  // "They benefit from trading fees while providing liquidity": the median degen's position (fees plus its
  // pool share's value minus what it put in) is not a loss
  degenBenefit: atLeast(0, "xDAI"),
};

const README = {
  proportions: "README, Agent Types and Proportions",
  entry: "README, Agent Entry and Growth",
  pie: "README, The Pie Distribution",
  overview: "README, Project Overview (what the simulation explores)",
  running: "README, Running the Simulation",
};

const PIE_PAID = "Every simulation step: 70% of The Pie's accumulated dDT is distributed to stakeholders";
const PIE_SPLIT_WORDS =
  "40% to Power Users (who keep it for service usage), 40% to Active Users (who sell it " +
  "immediately), 20% to Casual Users (who sell it immediately)";
const PIE_KEEPS = "30% remains in The Pie for future governance decisions";
const DEGENS = "[Degen Users] benefit from trading fees while providing liquidity to the ecosystem.";
const ORGS = "[Organizations] represent the primary demand side of the ecosystem.";

/** Gaps that are float rounding (below 10⁻⁹) are shown as 0. */
const noise = (x: number) => (Math.abs(x) < 1e-9 ? 0 : x);

const VARIANT_WORDS: Record<Variant, string> = {
  reference: "shipped code",
  documented: "documented variant",
};

/** Every claim of the README, from both variants' runs at the model's defaults (`runVariants`). */
export function datadaoClaims(runs: VariantRuns): Claim[] {
  const { timeseries, agents } = runs;
  const P = defaults(datadaoParams) as DataDaoParams;
  const last = timeseries.getColumn("timestep").max() as number;

  const drift = proportionDrift(timeseries);
  const entries = Math.ceil(last / P.entry_interval);
  const [start, end] = [population(timeseries, "reference", 0), population(timeseries, "reference", last)];

  const reach = pieReach(timeseries, agents);
  const split = { power: P.pie_split_power, active: P.pie_split_active, casual: P.pie_split_casual };
  const splitGap = Math.max(
    ...Object.entries(split).map(([t, s]) => Math.abs(reach.documented.shares[t as keyof typeof split] - s)),
  );
  const kept = 1 - P.pie_payout_rate;
  const keptGap = (v: Variant) =>
    Math.max(Math.abs(reach[v].retained.min - kept), Math.abs(reach[v].retained.max - kept));

  const demand = demandAndFees(timeseries, agents);
  const positions = degenPositions(timeseries, agents);
  const netSpread = (v: Variant) => {
    const s = summarisePositions(positions[v]);
    return {
      value: s.net,
      unit: "xDAI",
      spread: [s.net_lo, s.net_hi] as [number, number],
      spreadLabel: `5–95% of ${s.degens} degens`,
    };
  };

  const piePaid = (v: Variant) =>
    claim({
      id: `pie_paid_out_${v === "reference" ? "shipped" : "documented"}`,
      quote: PIE_PAID,
      where: README.pie,
      quantity: `share of the dDT taken out of The Pie over ${last} steps that reached members, ${
        VARIANT_WORDS[v]
      }`,
      criterion: CRITERIA.pieReach,
      measured: { value: 100 * reach[v].shareReceived, unit: "%" },
      expected: v === "reference" ? "does not hold" : "holds",
    });
  const orgDemand = (v: Variant) =>
    claim({
      id: `organizations_demand_${v === "reference" ? "shipped" : "documented"}`,
      quote: ORGS,
      where: README.proportions,
      quantity: `organizations' share of all dDT bought in the pool, ${VARIANT_WORDS[v]}`,
      criterion: CRITERIA.orgDemand,
      measured: { value: 100 * demand[v].share_bought_by_organizations, unit: "%" },
      expected: "holds",
    });
  const degensBenefit = (v: Variant) =>
    claim({
      id: `degens_benefit_${v === "reference" ? "shipped" : "documented"}`,
      quote: DEGENS,
      where: README.proportions,
      quantity: `median degen's net position (fees + pool share value − what it put in), ${VARIANT_WORDS[v]}`,
      criterion: CRITERIA.degenBenefit,
      measured: netSpread(v),
      expected: "does not hold",
    });

  return [
    claim({
      id: "proportions",
      quote: "The simulation maintains specific proportions of different agent types throughout its runtime",
      where: README.proportions,
      quantity: "largest gap, over every step and type, between a type's count and its target share",
      criterion: CRITERIA.proportions,
      measured: { value: drift.reference.largestGap, unit: "agent" },
      expected: "holds",
    }),
    claim({
      id: "entry",
      quote: "New agents are added every 5 steps, with 10 agents per entry",
      where: README.entry,
      quantity: `agents added per entry, on average over ${entries} entries (${start} at the start, ` +
        `${end} at the end)`,
      criterion: CRITERIA.perEntry,
      measured: { value: (end - start) / entries, unit: "agents", digits: 4 },
      expected: "holds",
    }),
    piePaid("reference"),
    piePaid("documented"),
    claim({
      id: "pie_split",
      quote: PIE_SPLIT_WORDS,
      where: README.pie,
      quantity:
        "largest gap between a group's share of all Pie dDT received and 40/40/20, documented variant",
      criterion: CRITERIA.pieSplit,
      measured: { value: noise(100 * splitGap), unit: "points" },
      expected: "holds",
    }),
    claim({
      id: "pie_keeps_30",
      quote: PIE_KEEPS,
      where: README.pie,
      quantity:
        "largest gap, over every step of both variants, between the share left after the payout and 30%",
      criterion: CRITERIA.pieKeeps,
      measured: { value: noise(100 * Math.max(keptGap("reference"), keptGap("documented"))), unit: "points" },
      expected: "holds",
    }),
    orgDemand("reference"),
    orgDemand("documented"),
    degensBenefit("reference"),
    degensBenefit("documented"),
    notTestable({
      id: "price_discovery",
      quote: "Price discovery through market interactions",
      where: README.overview,
      reason:
        "a question the simulation explores, with no stated outcome to test; the price analysis above " +
        "answers it for both variants",
      expected: "not testable here",
    }),
    notTestable({
      id: "mint_spend_balance",
      quote: "Balance between token minting (data contribution) and token spending (compute usage)",
      where: README.overview,
      reason:
        "a question the simulation explores, with no stated outcome to test; the minting and spending " +
        "analysis above answers it for both variants",
      expected: "not testable here",
    }),
    notTestable({
      id: "outputs",
      quote:
        "The simulation will generate: simulation_results.png ... simulation_data.csv: Time series data of " +
        "simulation metrics ... transaction_history.csv: Detailed record of agent transactions",
      where: README.running,
      reason: "a property of the original program, not of its model: the shipped code writes only the PNG; " +
        "this project's deno task sim datadao writes timeseries.csv, and transactions.csv when --tables names it",
      expected: "not testable here",
    }),
  ];
}
