/**
 * Parameters of the Grassroot dataDAO model (documented in docs/models/datadao.md), and its two
 * variants. Defaults are the original `config.py`; one step is one day ("2 dDT daily").
 *
 * The variants differ only in four named switches. `documented` (the defaults) implements what the
 * README describes; `reference` reproduces the shipped code, defects included.
 */
import { ParamError, type ParamValues } from "../../engine/params.ts";

const count = (description: string, value: number) =>
  ({
    kind: "number",
    default: value,
    unit: "agents",
    description,
    min: 0,
    max: 10_000,
    integer: true,
  }) as const;
const tokens = (unit: "dDT" | "xDAI", description: string, value: number) =>
  ({ kind: "number", default: value, unit, description, min: 0, max: 1e9 }) as const;
const fraction = (description: string, value: number) =>
  ({ kind: "number", default: value, unit: "fraction", description, min: 0, max: 1 }) as const;

export const datadaoParams = {
  // The four switches between the shipped code and the README.
  pie_payout: {
    kind: "choice",
    default: "distributed",
    options: ["destroyed", "distributed"],
    description: "What happens to the share of The Pie taken out each step. 'distributed' (README): paid " +
      "to power, active and casual users by pie_split_*. 'destroyed' (shipped code): its grouping key " +
      "never matches an agent, so the tokens leave The Pie and reach nobody.",
  },
  fee_sharing: {
    kind: "choice",
    default: "pro_rata",
    options: ["first_collector", "pro_rata"],
    description: "How swap fees reach liquidity providers. 'pro_rata' (documented; this project's reading " +
      "of the README's 'degens benefit from trading fees'): every provider accrues fees in proportion to " +
      "its pool shares. 'first_collector' " +
      "(shipped code): a collecting provider gets its share of the fees accrued since the last " +
      "collection and the rest is lost.",
  },
  reinvest_ddt: {
    kind: "choice",
    default: "bought",
    options: ["created", "bought"],
    description: "Where the dDT of a degen's fee reinvestment comes from. 'bought' (documented): half of " +
      "the reinvested xDAI buys dDT in the pool and both are deposited. 'created' (shipped code): it " +
      "deposits r dDT and r xDAI for r xDAI of fees, the dDT taken from nowhere.",
  },
  power_overspend: {
    kind: "choice",
    default: "capped",
    options: ["allowed", "capped"],
    description: "A power user that buys dDT and then spends its daily amount. 'capped' (documented): it " +
      "spends at most what it holds. 'allowed' (shipped code): it spends the full amount, even when " +
      "the purchase (net of fee and slippage) fell short, so its balance goes negative.",
  },
  activation: {
    kind: "choice",
    default: "insertion",
    options: ["insertion", "random"],
    description: "Order in which agents act each step: order of entry (as the original) or a fresh random " +
      "permutation from the run's seeded stream every step.",
  },

  // Liquidity pool and The Pie.
  fee_rate: fraction("Swap fee charged on the xDAI side of every buy and sell (FEE_RATE).", 0.003),
  pie_payout_rate: fraction("Share of The Pie taken out every step; the rest stays for governance.", 0.7),
  pie_split_power: fraction("Share of each payout for power users, equal inside the group.", 0.4),
  pie_split_active: fraction("Share of each payout for active users, equal inside the group.", 0.4),
  pie_split_casual: fraction("Share of each payout for casual users, equal inside the group.", 0.2),

  // Entry.
  entry_interval: {
    kind: "number",
    default: 5,
    unit: "steps",
    description: "New agents enter at the start of every step whose 0-based index is a multiple of this " +
      "(ENTRY_STEPS).",
    min: 1,
    max: 100_000,
    integer: true,
  },
  agents_per_entry: count("Growth of the population targeted at each entry (AGENTS_PER_ENTRY).", 10),
  proportion_degen: fraction("Target share of degen users in the population.", 0.4),
  proportion_organization: fraction("Target share of organizations in the population.", 0.05),
  proportion_power: fraction("Target share of power users in the population.", 0.05),
  proportion_active: fraction("Target share of active users in the population.", 0.3),
  proportion_casual: fraction("Target share of casual users in the population.", 0.2),
  initial_degen: count("Degen users at the start.", 4),
  initial_organization: count("Organizations at the start.", 1),
  initial_power: count("Power users at the start.", 1),
  initial_active: count("Active users at the start.", 3),
  initial_casual: count("Casual users at the start.", 2),

  // Agent endowments (dDT is minted for the data a member contributes; xDAI is brought from outside).
  degen_initial_ddt: tokens("dDT", "dDT minted to a degen user on entry.", 100),
  degen_initial_xdai: tokens("xDAI", "xDAI a degen user brings.", 10),
  organization_initial_ddt: tokens("dDT", "dDT minted to an organization on entry.", 0),
  organization_initial_xdai: tokens("xDAI", "xDAI an organization brings.", 1000),
  power_initial_ddt: tokens("dDT", "dDT minted to a power user on entry.", 100),
  power_initial_xdai: tokens("xDAI", "xDAI a power user brings.", 100),
  active_initial_ddt: tokens("dDT", "dDT minted to an active user on entry.", 100),
  active_initial_xdai: tokens("xDAI", "xDAI an active user brings.", 0),
  casual_initial_ddt: tokens("dDT", "dDT minted to a casual user on entry.", 100),
  casual_initial_xdai: tokens("xDAI", "xDAI a casual user brings.", 0),

  // Behaviours.
  degen_liquidity_ddt: tokens(
    "dDT",
    "dDT a degen deposits in the pool on its first step. At 0 the pool never issues shares, so no " +
      "provider earns fees: they stay pending in the pool's fee pot.",
    10,
  ),
  degen_liquidity_xdai: tokens("xDAI", "xDAI a degen deposits in the pool on its first step.", 10),
  degen_sell_ddt: tokens("dDT", "dDT a degen sells right after its deposit.", 90),
  degen_reinvest_rate: fraction("Share of collected fees a degen puts back into the pool.", 0.5),
  organization_daily_buy: tokens(
    "dDT",
    "dDT an organization buys (at the current price) and spends each step.",
    2,
  ),
  power_daily_spend: tokens("dDT", "dDT a power user spends on compute each step.", 2),
  power_max_price: {
    kind: "number",
    default: 2,
    unit: "xDAI/dDT",
    description: "Highest price at which a power user short of dDT buys in the pool.",
    min: 0,
    max: 1e9,
  },
  active_daily_spend: tokens("dDT", "dDT an active user spends on compute each step.", 1),
  casual_daily_spend: tokens("dDT", "dDT a casual user spends on compute each step.", 0.1),
  casual_sell_multiple: {
    kind: "number",
    default: 9,
    unit: "× daily spend",
    description: "After spending, a casual user sells this multiple of its daily spend (0.9 dDT).",
    min: 0,
    max: 1e6,
  },
} as const;

export type DataDaoParams = ParamValues<typeof datadaoParams>;

/** The agent types, in the order the original adds them at entry. */
export const AGENT_TYPES = ["degen", "organization", "power", "active", "casual"] as const;
export type AgentType = typeof AGENT_TYPES[number];

/** The four switches that separate the variants. */
export const SWITCHES = ["pie_payout", "fee_sharing", "reinvest_ddt", "power_overspend"] as const;
export type Switch = typeof SWITCHES[number];

/** The two variants as switch settings (also shipped as data/scenarios/datadao/<variant>.toml). */
export const VARIANTS = {
  reference: {
    pie_payout: "destroyed",
    fee_sharing: "first_collector",
    reinvest_ddt: "created",
    power_overspend: "allowed",
  },
  documented: {
    pie_payout: "distributed",
    fee_sharing: "pro_rata",
    reinvest_ddt: "bought",
    power_overspend: "capped",
  },
} as const satisfies Record<string, Record<Switch, string>>;
export type Variant = keyof typeof VARIANTS;

/** The variants in the order the notebook and its tables show them: the shipped code first. */
export const VARIANT_NAMES = ["reference", "documented"] as const satisfies readonly Variant[];

/** Proportions and pie splits must each add up to one. */
export function checkDataDao(p: DataDaoParams): void {
  const sumTo1 = (names: string[]) => {
    const total = names.reduce((s, n) => s + (p[n as keyof DataDaoParams] as number), 0);
    if (Math.abs(total - 1) > 1e-9) {
      throw new ParamError(`${names.join(" + ")} must add up to 1, got ${total}`);
    }
  };
  sumTo1(AGENT_TYPES.map((t) => `proportion_${t}`));
  sumTo1(["pie_split_power", "pie_split_active", "pie_split_casual"]);
}
