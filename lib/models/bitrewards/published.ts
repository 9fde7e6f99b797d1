/**
 * The original implementation's published run summaries (data/published/bitrewards/, see its PROVENANCE.md)
 * set beside the `reference` variant's runs of the same four configurations: every published quantity the
 * reproduction records, per run on both sides, compared as distributions — a two-sided Mann–Whitney test
 * per quantity with Holm's correction over the whole table, and where the published mean falls among the
 * reproduction's resampled means of as many runs as were published.
 */
import pl from "nodejs-polars";
import { bootstrap, resample } from "../../analysis/bootstrap.ts";
import { holmAdjusted, rankSum } from "../../analysis/rank_sum.ts";
import { median, quantile } from "../../analysis/quantiles.ts";
import type { ContributionType } from "./contributions.ts";
import { ORIGINAL_SCENARIOS, type OriginalScenario } from "./original_scenarios.ts";
import { ROLE_MAP } from "./reference.ts";
import type { BitrewardsTables } from "./tables.ts";

/** The published file of each configuration (named by the original's configuration). */
export const PUBLISHED_FILES: Readonly<Record<OriginalScenario, string>> = {
  original_baseline: "baseline.csv",
  original_low_tracing_accuracy: "low_tracing_accuracy.csv",
  original_high_funding_share: "high_funding_share.csv",
  original_high_investor_share: "high_investor_share.csv",
};

const PUBLISHED_DIR = new URL("../../../data/published/bitrewards/", import.meta.url);

/** One published configuration's run summary (one row per run, the state at its last step). */
export async function readPublished(scenario: OriginalScenario): Promise<pl.DataFrame> {
  return pl.readCSV(await Deno.readTextFile(new URL(PUBLISHED_FILES[scenario], PUBLISHED_DIR)));
}

/** The reference variant's contribution types of each of the original's categories (reference.ts ROLE_MAP). */
const CORE_TYPES: readonly ContributionType[] = ["software_code", "bio_discovery", "dataset"];
const SUPPORTING_TYPES: readonly ContributionType[] = [
  "review",
  "curation",
  "annotation",
  "moderation",
  "event_organization",
];

/**
 * The creators' roles of each category: a reference creator keeps its category, and each role makes
 * contribution types of one category only (ROLE_MAP), so what the creators of a category earn is what that
 * category's contributions earned — the original's total_reward_<category>.
 */
const rolesOf = (
  types: readonly ContributionType[],
) => [...new Set(Object.values(ROLE_MAP).filter((r) => types.includes(r.type)).map((r) => r.role))];
const CORE_ROLES = rolesOf(CORE_TYPES);
const SUPPORTING_ROLES = rolesOf(SUPPORTING_TYPES);

/** Tracing's counters, cumulative in the time series as in the published summaries. */
const TRACING = [
  "tracing_true_links",
  "tracing_detected_true_links",
  "tracing_false_positive_links",
  "tracing_missed_true_links",
] as const;

/** A published quantity: its column in the published file, what it is, and its unit. */
export interface PublishedQuantity {
  readonly column: string;
  readonly label: string;
  readonly unit: string;
}

/** Every published quantity the reproduction records, in the published file's order. */
export const PUBLISHED_QUANTITIES: readonly PublishedQuantity[] = [
  { column: "contribution_count", label: "Contributions", unit: "contributions" },
  { column: "usage_event_count", label: "Usage events in the last step", unit: "events" },
  { column: "active_creator_count", label: "Creators active", unit: "creators" },
  { column: "active_investor_count", label: "Investors active", unit: "investors" },
  { column: "active_user_count", label: "Users active", unit: "users" },
  { column: "total_fee_distributed", label: "Fees in the last step", unit: "fee units" },
  { column: "cumulative_fee_distributed", label: "Fees over the run", unit: "fee units" },
  { column: "creator_wealth_gini", label: "Creators' wealth Gini", unit: "0–1" },
  { column: "investor_mean_roi", label: "Investors' mean ROI", unit: "× cost − 1" },
  { column: "mean_creator_satisfaction", label: "Creators' satisfaction", unit: "0–1" },
  { column: "mean_investor_satisfaction", label: "Investors' satisfaction", unit: "0–1" },
  { column: "mean_user_satisfaction", label: "Users' satisfaction", unit: "0–1" },
  { column: "core_research_contribution_count", label: "Core contributions", unit: "contributions" },
  { column: "funding_contribution_count", label: "Fundings", unit: "contributions" },
  { column: "supporting_contribution_count", label: "Supporting contributions", unit: "contributions" },
  { column: "total_reward_core_research", label: "Royalties to core contributions", unit: "fee units" },
  { column: "total_reward_supporting", label: "Royalties to supporting contributions", unit: "fee units" },
  { column: "total_income_creators", label: "Royalties to creators", unit: "fee units" },
  { column: "total_income_investors", label: "Royalties to investors", unit: "fee units" },
  { column: "role_income_share_creators", label: "Creators' share of royalties", unit: "0–1" },
  { column: "total_funding_invested", label: "Funding invested", unit: "fee units" },
  { column: "total_wealth", label: "Wealth of all agents", unit: "fee units" },
  { column: "mean_creator_satisfaction_over_run", label: "Creators' satisfaction over the run", unit: "0–1" },
  {
    column: "mean_investor_satisfaction_over_run",
    label: "Investors' satisfaction over the run",
    unit: "0–1",
  },
  { column: "mean_user_satisfaction_over_run", label: "Users' satisfaction over the run", unit: "0–1" },
  { column: "tracing_true_links", label: "True parent links", unit: "links" },
  { column: "tracing_detected_true_links", label: "True links traced", unit: "links" },
  { column: "tracing_false_positive_links", label: "False links traced", unit: "links" },
  { column: "tracing_missed_true_links", label: "True links missed", unit: "links" },
];

/**
 * The published columns the reproduction does not record, and why: they are left out of the comparison
 * rather than filled with something else.
 */
export const NOT_COMPARED: Readonly<Record<string, string>> = {
  "creator/investor/user_churned_count": "the agents of a class minus those active: the same test as active",
  "total_reward_funding":
    "the investors' royalties, the same as total_income_investors in every published run",
  "total_income_users, role_income_share_investors/users":
    "users earn 0 on both sides; the investors' share " +
    "is 1 − the creators'",
  "treasury_balance, new_creators/investors/users_this_step, locked_funding_positions":
    "0 in every published run: features the original's configurations leave off, not modelled here",
  "token_total/circulating/burned_supply, mean_token_holding_time_steps":
    "the baseline file's token ledger, off in every configuration (its supply is the agents' total wealth, " +
    "compared as such; nothing is burned); holding time is not modelled",
};

/**
 * The published quantities of every run of a reproduction's tables, one row per run (`run_id`), computed as
 * the original computed them: the last step's state, sums over agents, and means over steps 1 to the last.
 */
export function reproducedQuantities(tables: BitrewardsTables): pl.DataFrame {
  const steps = tables.timeseries.filter(pl.col("step").gt(0)).sort(["run_id", "step"]);
  const sumOf = (types: readonly string[]) =>
    types.map((t) => pl.col(`contributions_${t}`)).reduce((a, b) => a.add(b));
  const perRun = steps.groupBy("run_id").agg(
    pl.col("total_contributions").last().alias("contribution_count"),
    pl.col("total_usage_events").last().alias("usage_event_count"),
    pl.col("active_creators").last().alias("active_creator_count"),
    pl.col("active_investors").last().alias("active_investor_count"),
    pl.col("active_users").last().alias("active_user_count"),
    pl.col("total_fee_distributed").last().alias("total_fee_distributed"),
    pl.col("total_fee_distributed").sum().alias("cumulative_fee_distributed"),
    pl.col("gini_creators_wealth").last().alias("creator_wealth_gini"),
    pl.col("mean_investor_roi").last().alias("investor_mean_roi"),
    pl.col("mean_creator_satisfaction").last().alias("mean_creator_satisfaction"),
    pl.col("mean_investor_satisfaction").last().alias("mean_investor_satisfaction"),
    pl.col("mean_user_satisfaction").last().alias("mean_user_satisfaction"),
    sumOf(CORE_TYPES).last().alias("core_research_contribution_count"),
    pl.col("contributions_funding").last().alias("funding_contribution_count"),
    sumOf(SUPPORTING_TYPES).last().alias("supporting_contribution_count"),
    pl.col("mean_creator_satisfaction").mean().alias("mean_creator_satisfaction_over_run"),
    pl.col("mean_investor_satisfaction").mean().alias("mean_investor_satisfaction_over_run"),
    pl.col("mean_user_satisfaction").mean().alias("mean_user_satisfaction_over_run"),
    ...TRACING.map((c) => pl.col(c).last().alias(c)),
  );
  const agents = tables.agent_outcomes.groupBy("run_id").agg(
    pl.col("total_income").filter(pl.col("agent_type").eq(pl.lit("CreatorAgent"))).sum()
      .alias("total_income_creators"),
    pl.col("total_income").filter(pl.col("agent_type").eq(pl.lit("InvestorAgent"))).sum()
      .alias("total_income_investors"),
    pl.col("total_income").filter(pl.col("role").isIn(CORE_ROLES)).sum().alias("total_reward_core_research"),
    pl.col("total_income").filter(pl.col("role").isIn(SUPPORTING_ROLES)).sum().alias(
      "total_reward_supporting",
    ),
    pl.col("total_invested").sum().alias("total_funding_invested"),
    pl.col("final_wealth").sum().alias("total_wealth"),
  ).withColumns(
    pl.col("total_income_creators").div(pl.col("total_income_creators").add(pl.col("total_income_investors")))
      .alias("role_income_share_creators"),
  );
  return perRun.join(agents, { on: "run_id" }).sort("run_id")
    .select("run_id", ...PUBLISHED_QUANTITIES.map((q) => q.column));
}

/** One row of the comparison: a quantity of one configuration, published and reproduced. */
export interface PublishedComparison {
  readonly scenario: OriginalScenario;
  readonly column: string;
  readonly label: string;
  readonly unit: string;
  readonly publishedRuns: number;
  readonly reproducedRuns: number;
  readonly publishedMean: number;
  readonly reproducedMean: number;
  readonly publishedMedian: number;
  readonly reproducedMedian: number;
  /** Two-sided Mann–Whitney p-value, and Holm's adjustment of it over every row of the table. */
  readonly p: number;
  readonly pHolm: number;
  /** 5th and 95th percentiles of the reproduction's resampled means of `publishedRuns` runs. */
  readonly meanLo: number;
  readonly meanHi: number;
  /** Share of those resampled means below the published mean (ties count half). */
  readonly percentile: number;
  /** Every run on both sides has the same value (the test then has nothing to tell apart: p = 1). */
  readonly constant: boolean;
  /** The test's verdict at the family-wise level `alpha`: "agrees" or "differs". */
  readonly verdict: "agrees" | "differs";
}

/** The family-wise error rate of the comparison table (Holm's correction over all its tests). */
export const ALPHA = 0.05;

/**
 * A value as the test sees it: to 12 significant digits, so that a quantity both sides hold constant (users'
 * satisfaction at 1 / (1 + e^1.5)) is not told apart by the last bits of a sum in another order or of a
 * decimal written to CSV and read back.
 */
const comparable = (x: unknown) => Number(Number(x).toPrecision(12));

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Every published quantity of every configuration given, against the reproduction's runs of it: a
 * Mann–Whitney test per row (Holm-adjusted over all rows), and `resamples` resampled means of the
 * reproduction's runs (as many runs as were published, seeded by `seed` and the row) for where the published
 * mean falls among them.
 */
export function comparePublished(
  pairs: readonly { scenario: OriginalScenario; published: pl.DataFrame; reproduced: pl.DataFrame }[],
  options: { resamples: number; seed: string | number } = { resamples: 1000, seed: "published" },
): PublishedComparison[] {
  const raw = pairs.flatMap(({ scenario, published, reproduced }) =>
    PUBLISHED_QUANTITIES.map((q) => {
      const pub = published.getColumn(q.column).toArray().map(comparable);
      const rep = reproduced.getColumn(q.column).toArray().map(comparable);
      const pubMean = mean(pub);
      const means = bootstrap((rng) => mean(resample(rep, rng, pub.length)), {
        resamples: options.resamples,
        seed: `${options.seed}/${scenario}/${q.column}`,
      });
      const below = means.filter((m) => m < pubMean).length + means.filter((m) => m === pubMean).length / 2;
      return {
        scenario,
        ...q,
        publishedRuns: pub.length,
        reproducedRuns: rep.length,
        publishedMean: pubMean,
        reproducedMean: mean(rep),
        publishedMedian: median(pub),
        reproducedMedian: median(rep),
        p: rankSum(pub, rep).p,
        constant: [...pub, ...rep].every((x) => x === pub[0]),
        meanLo: quantile(means, 0.05),
        meanHi: quantile(means, 0.95),
        percentile: below / means.length,
      };
    })
  );
  const adjusted = holmAdjusted(raw.map((r) => r.p));
  return raw.map((r, i) => ({
    ...r,
    pHolm: adjusted[i],
    verdict: adjusted[i] < ALPHA ? "differs" : "agrees",
  }));
}

/**
 * The table's lowest Holm-adjusted p recomputed on `replicates` bootstrap resamples of the reproduced runs:
 * each replicate draws every configuration's runs anew with replacement (whole runs, so a run's quantities
 * stay together), tests every quantity again and corrects over the whole table. No quantity differs iff
 * that p is above ALPHA, so the share of replicates on the verdict's side is the verdict's stability over
 * seeds, and their spread gives its margin.
 */
export function lowestHolmReplicates(
  pairs: readonly { scenario: OriginalScenario; published: pl.DataFrame; reproduced: pl.DataFrame }[],
  options: { replicates: number; seed: string | number },
): number[] {
  const sides = pairs.map(({ published, reproduced }) => ({
    n: reproduced.height,
    columns: PUBLISHED_QUANTITIES.map((q) => ({
      published: published.getColumn(q.column).toArray().map(comparable),
      reproduced: reproduced.getColumn(q.column).toArray().map(comparable),
    })),
  }));
  return bootstrap((rng) => {
    const ps = sides.flatMap(({ n, columns }) => {
      const drawn = Array.from({ length: n }, () => rng.int(n));
      return columns.map((c) => rankSum(c.published, drawn.map((i) => c.reproduced[i])).p);
    });
    return Math.min(...holmAdjusted(ps));
  }, { resamples: options.replicates, seed: `${options.seed}/lowest-holm` });
}

/** Every configuration's published file beside the reproduction's quantities, in the order of ORIGINAL_SCENARIOS. */
export async function publishedPairs(tables: Readonly<Record<OriginalScenario, BitrewardsTables>>) {
  return await Promise.all(ORIGINAL_SCENARIOS.map(async (scenario) => ({
    scenario,
    published: await readPublished(scenario),
    reproduced: reproducedQuantities(tables[scenario]),
  })));
}
