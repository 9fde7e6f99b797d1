/**
 * Parameters of the Bostrom model (formulas and the original code's semantics in docs/models/bostrom.md).
 *
 * Defaults reproduce the original cadCAD CODE (cybercongress/cybernomics, `bostrom/`), which produced the
 * published plots and conclusions. Where the README's formulas differ from the code, a "choice" or
 * "boolean" parameter selects the README's reading; its description says which option is which.
 */
import type { ParamValues } from "../../engine/params.ts";

/** The model's numbers, each with its unit. */
const numbers = {
  timesteps_per_year: {
    kind: "number",
    default: 365,
    unit: "steps/year",
    description: "Timesteps in a year; one step is one day.",
    min: 1,
    integer: true,
  },
  boot_inflation_rate_change_annual: {
    kind: "number",
    default: 0.2,
    unit: "fraction/year",
    description: "Largest yearly change of the BOOT inflation rate (reached when nothing is bonded).",
    min: 0,
    max: 10,
  },
  boot_inflation_rate_min: {
    kind: "number",
    default: 0.03,
    unit: "fraction/year",
    description: "Floor of the yearly BOOT inflation rate.",
    min: 0,
    max: 10,
  },
  boot_inflation_rate_max: {
    kind: "number",
    default: 0.15,
    unit: "fraction/year",
    description: "Cap of the yearly BOOT inflation rate.",
    min: 0,
    max: 10,
  },
  boot_bonded_share_target: {
    kind: "number",
    default: 0.8,
    unit: "fraction of BOOT supply",
    description: "Bonded share the inflation rate steers towards: below it the rate rises, above it falls.",
    min: 0.001,
    max: 1,
  },
  boot_bonding_share_limit: {
    kind: "number",
    default: 0.85,
    unit: "fraction of BOOT supply",
    description: "Bonded share the neurons tend to (the bonded supply moves towards it every day).",
    min: 0,
    max: 1,
  },
  bonding_speed_coeff: {
    kind: "number",
    default: 0.01,
    unit: "fraction/day",
    description: "Share of the gap to the bonding limit (× BOOT supply) bonded each day.",
    min: 0,
    max: 1,
  },
  hydrogen_liquid_ratio: {
    kind: "number",
    default: 0.2,
    unit: "fraction of minted H",
    description: "Share of newly minted H that stays liquid; the rest is investminted into A and V.",
    min: 0,
    max: 1,
  },
  ampere_volt_ratio: {
    kind: "number",
    default: 0.5,
    unit: "fraction of investminted H",
    description: "Share of the investminted H that goes to A; the rest goes to V.",
    min: 0,
    max: 1,
  },
  days_for_gift_activation: {
    kind: "number",
    default: 30,
    unit: "days",
    description: "Days from genesis until the gift is activated.",
    min: 1,
    integer: true,
  },
  claimed_at_activation_share: {
    kind: "number",
    default: 0.85,
    unit: "fraction of the gift",
    description: "Share of the gift claimed by the activation day.",
    min: 0,
    max: 1,
  },
  days_for_gift_full_claim: {
    kind: "number",
    default: 150,
    unit: "days",
    description: "Days after activation over which the rest of the gift is claimed.",
    min: 1,
    integer: true,
  },
  boot_gift_amount_init: {
    kind: "number",
    default: 700e12,
    unit: "BOOT",
    description: "BOOT on the gift contract at genesis (the initial frozen supply).",
    min: 0,
    max: 990e12,
  },
  agents_count_at_activation: {
    kind: "number",
    default: 100_000,
    unit: "neurons",
    description: "Neurons at gift activation; used only by the README's closed forms (agents_form, " +
      "capitalization_form = closed_form), the code never reads it.",
    min: 1,
  },
  start_capitalization_per_agent: {
    kind: "number",
    default: 1,
    unit: "ETH/neuron",
    description: "Capitalization per neuron at activation in the README's closed form " +
      "(capitalization_form = closed_form); the code never reads it.",
    min: 0,
  },
  capitalization_coefficient: {
    kind: "number",
    default: 3020,
    unit: "ETH·neuron^-0.3",
    description: "Coefficient c of the capitalization-per-neuron fit c·agents^-0.7, in its difference " +
      "form Δ = c·(−0.7)·agents^-1.7·Δagents. Code: 3020 (default); README: 2990.",
    min: 0,
  },
  cyberlinks_transactions_coeff: {
    kind: "number",
    default: 15,
    unit: "1",
    description: "How many times more cyberlinks a neuron makes than an Ethereum address makes transactions.",
    min: 0,
  },
  extra_links: {
    kind: "number",
    default: 0,
    unit: "cyberlinks/day",
    description: "Extra cyberlinks a day from UX features (names, follows).",
    min: 0,
  },
  guaranteed_links: {
    kind: "number",
    default: 0,
    unit: "cyberlinks/day",
    description: "Cyberlinks a day the founding team guarantees (naming systems, tokens).",
    min: 0,
  },
  ampere_base_halving_period: {
    kind: "number",
    default: 547,
    unit: "days",
    description: "Days between halvings of the A mint rate.",
    min: 1,
    integer: true,
  },
  volt_base_halving_period: {
    kind: "number",
    default: 547,
    unit: "days",
    description: "Days between halvings of the V mint rate.",
    min: 1,
    integer: true,
  },
  ampere_mint_rate_min: {
    kind: "number",
    default: 0.01,
    unit: "A per unit of investmint",
    description: "Floor of the A mint rate.",
    min: 0,
    max: 1,
  },
  volt_mint_rate_min: {
    kind: "number",
    default: 0.01,
    unit: "V per unit of investmint",
    description: "Floor of the V mint rate.",
    min: 0,
    max: 1,
  },
  investmint_max_period_init: {
    kind: "number",
    default: 547,
    unit: "days",
    description: "Longest investmint period in the first horizon; it grows by this much every horizon.",
    min: 1,
    integer: true,
  },
  horizon_period_init: {
    kind: "number",
    default: 547,
    unit: "days",
    description: "Days before each raise of the investmint max period.",
    min: 1,
    integer: true,
  },
  ampere_base_investmint_amount: {
    kind: "number",
    default: 1e8,
    unit: "H",
    description: "H that, investminted for the base period at mint rate 1, yields 1 A.",
    min: 1,
  },
  volt_base_investmint_amount: {
    kind: "number",
    default: 1e9,
    unit: "H",
    description: "H that, investminted for the base period at mint rate 1, yields 1 V.",
    min: 1,
  },
  ampere_base_investmint_period: {
    kind: "number",
    default: 30,
    unit: "days",
    description: "Base investmint period of A.",
    min: 1,
  },
  volt_base_investmint_period: {
    kind: "number",
    default: 30,
    unit: "days",
    description: "Base investmint period of V.",
    min: 1,
  },
  investmint_period_share_fixed: {
    kind: "number",
    default: 0.495,
    unit: "fraction of the max period",
    description: "The constant share used when investmint_period_share = fixed (default: the mean of the " +
      "code's empirical list, E[int(N(50, 10))]·0.01 ≈ 0.495).",
    min: 0,
    max: 1,
  },
  particle_per_link: {
    kind: "number",
    default: 0.1,
    unit: "particles/cyberlink",
    description: "New particles (content addresses) per cyberlink, for the GPU memory estimate.",
    min: 0,
  },
  validator_commission: {
    kind: "number",
    default: 0.1,
    unit: "fraction of provision",
    description: "Commission every validator takes from the daily provision.",
    min: 0,
    max: 1,
  },
  max_validator_count: {
    kind: "number",
    default: 92,
    unit: "validators",
    description: "Validators sharing the commission.",
    min: 1,
    integer: true,
  },
} as const;

/** The README's formulas where they differ from the code; every default is the code's. */
const variants = {
  provision_rate: {
    kind: "choice",
    default: "previous",
    options: ["previous", "current"],
    description: "Inflation rate the daily provision uses. previous (code): the rate of the previous step; " +
      "current (README): the rate just updated this step.",
  },
  inflation_share_base: {
    kind: "choice",
    default: "liquid_frozen_bonded",
    options: ["liquid_frozen_bonded", "boot_supply"],
    description: "Denominator of the bonded share in the inflation-rate change. liquid_frozen_bonded " +
      "(code): liquid + frozen + bonded BOOT; boot_supply (README): the BOOT supply. They are equal while " +
      "no BOOT is lost.",
  },
  floor_amounts: {
    kind: "boolean",
    default: true,
    description: "true (code): floor() the provision and the bonded, H and liquid-H deltas to whole BOOT; " +
      "false (README): keep them fractional. Minted A and V are floored either way (both do).",
  },
  gift_phases: {
    kind: "choice",
    default: "code",
    options: ["code", "readme"],
    description: "Gift claim and release phases. code: claims of claimed_at_activation_share·gift/" +
      "activation-days a day, then the rest over days_for_gift_full_claim; the frozen gift releases 10% " +
      "on the activation day, then 1% a day until 1% is left. readme: claims of the same first rate, " +
      "gift·0.1 on the activation day and gift·0.01 a day after (until all is claimed); the frozen supply " +
      "releases 10% of the BOOT waiting for distribution each day from activation.",
  },
  agents_form: {
    kind: "choice",
    default: "difference",
    options: ["difference", "closed_form"],
    description: "Neuron growth. difference (code): Δagents = 18·t + 100 from 750 at genesis " +
      "(agents_t = 750 + 9t² + 91t); closed_form (README): agents_t = 9t² + 100t + " +
      "agents_count_at_activation.",
  },
  capitalization_form: {
    kind: "choice",
    default: "difference",
    options: ["difference", "closed_form"],
    description: "Capitalization per neuron. difference (code): Δ = capitalization_coefficient·(−0.7)·" +
      "agents^-1.7·Δagents from 32 ETH; closed_form (README): start_capitalization_per_agent·" +
      "agents_count_at_activation^0.7·agents^-0.7.",
  },
  cyberlinks_per_day_form: {
    kind: "choice",
    default: "total",
    options: ["total", "per_agent"],
    description: "Cyberlink demand. total (code): coeff·9·agents^-0.3·agents (+ extra + guaranteed), " +
      "links a day by all neurons; per_agent (README): coeff·9·agents^-0.3 (+ extra + guaranteed), " +
      "which is the rate of one neuron.",
  },
  gboot_price_form: {
    kind: "choice",
    default: "times_1e9",
    options: ["times_1e9", "divided_by_1e9"],
    description: "GBOOT price from the (lagged) capitalization. times_1e9 (code): cap / boot_supply · 1e9 " +
      "ETH per GBOOT; divided_by_1e9 (README as written): cap / (boot_supply · 1e9).",
  },
  validator_revenue_form: {
    kind: "choice",
    default: "gboot",
    options: ["gboot", "with_price"],
    description: "Validator revenue. gboot (code): provision_{t-1} / 1e9 · commission / validators, " +
      "GBOOT a day (× gboot_price gives ETH); with_price (README as written): provision_{t-1} · " +
      "commission · gboot_price_{t-1} / validators, which mixes BOOT with ETH/GBOOT (= ETH a day × 1e9).",
  },
  halving_index: {
    kind: "choice",
    default: "previous",
    options: ["previous", "current"],
    description: "Step index of the mint-rate halvings. previous (code): 2^-floor((t−1)/period), so " +
      "step 547 still mints at the old rate; current (README): 2^-floor(t/period).",
  },
  investmint_period_share: {
    kind: "choice",
    default: "empirical",
    options: ["empirical", "normal", "fixed"],
    description: "Each day's investmint period as a share of the max period, drawn separately for A " +
      "and V. empirical (code): int(N(50, 10))·0.01 kept in [0, 1], steps of 0.01; normal (README): " +
      "N(0.5, 0.1) kept in [0, 1]; fixed: always investmint_period_share_fixed (no randomness).",
  },
  release_mode: {
    kind: "choice",
    default: "overwrite",
    options: ["overwrite", "accumulate"],
    description: "Investminted H is re-investminted on its release day. overwrite (code): a later " +
      "investmint released on the same day replaces the earlier one, whose H is lost; accumulate: " +
      "both are released.",
  },
} as const;

export const bostromParams = { ...numbers, ...variants } as const;

export type BostromParams = ParamValues<typeof bostromParams>;

/** Every variant set to the README's reading (data/scenarios/bostrom/readme.toml holds the same). */
export const README_VARIANTS = {
  provision_rate: "current",
  inflation_share_base: "boot_supply",
  floor_amounts: false,
  gift_phases: "readme",
  agents_form: "closed_form",
  capitalization_form: "closed_form",
  cyberlinks_per_day_form: "per_agent",
  gboot_price_form: "divided_by_1e9",
  validator_revenue_form: "with_price",
  halving_index: "current",
  investmint_period_share: "normal",
} as const satisfies Partial<BostromParams>;
