/**
 * The Bostrom model's formulas, one small function each, as the original code computes them
 * (docs/models/bostrom.md, "One day, as the code computes it"), with the README's variants beside them.
 *
 * `day` is always the PREVIOUS timestep (the original's `previous_state['timestep']`, 0 at the first
 * step): every policy reads the state before the step. Arithmetic keeps the original's order of
 * operations so that floor() lands on the same whole numbers.
 */
import type { BostromParams } from "./params.ts";

/** BOOT at genesis, in BOOT. */
export const BOOT_SUPPLY_INIT = 1e15;
/** BOOT bonded (and H minted) at genesis. */
export const BOOT_BONDED_INIT = 10e12;
/** Neurons at genesis and capitalization per neuron (ETH) in the code's difference forms. */
export const AGENTS_COUNT_INIT = 750;
export const CAPITALIZATION_PER_AGENT_INIT = 32;
/** BOOT in one GBOOT. */
export const BOOT_PER_GBOOT = 1e9;

/** Fits of the original to Ethereum data: Δagents = 18·day + 100 (agents = 9t² + …). */
const AGENTS_QUADRATIC = 9;
const AGENTS_LINEAR = 100;
/** Capitalization per agent ∝ agents^CAP_EXPONENT (the fit to ETH capitalization per address in BTC). */
const CAP_EXPONENT = -0.7;
/** Ethereum transactions per address and day: 9·agents^-0.3. */
const TX_PER_AGENT_COEFF = 9;
const TX_PER_AGENT_EXPONENT = -0.3;

/** Load per cyberlink from the testnet stress tests (1B links ≈ 46 GB GPU RAM, 1,200 GB RAM, 868 s, 6 s). */
export const GPU_BYTES_PER_LINK = 40;
export const GPU_BYTES_PER_PARTICLE = 40;
export const CPU_BYTES_PER_LINK = 1.2e3;
export const CPU_SECONDS_PER_LINK = 8.7e-7;
export const GPU_SECONDS_PER_LINK = 6.2e-9;

const floorIf = (p: BostromParams, x: number) => p.floor_amounts ? Math.floor(x) : x;

// ---------------------------------------------------------------------------------------------------
// BOOT minting and inflation

/**
 * Daily change of the inflation rate: (1 − bonded_share / target) · change_annual / steps_per_year. The
 * code divides the bonded BOOT by liquid + frozen + bonded, the README by the BOOT supply.
 */
export function inflationRateChange(
  p: BostromParams,
  s: {
    boot_liquid_supply: number;
    boot_frozen_supply: number;
    boot_bonded_supply: number;
    boot_supply: number;
  },
): number {
  const base = p.inflation_share_base === "boot_supply"
    ? s.boot_supply
    : s.boot_liquid_supply + s.boot_frozen_supply + s.boot_bonded_supply;
  const share = s.boot_bonded_supply / base;
  return (1 - share / p.boot_bonded_share_target) * p.boot_inflation_rate_change_annual /
    p.timesteps_per_year;
}

/** The next inflation rate: previous rate plus the change, kept in [min, max]. */
export function nextInflationRate(p: BostromParams, rate: number, change: number): number {
  return Math.min(Math.max(rate + change, p.boot_inflation_rate_min), p.boot_inflation_rate_max);
}

/** BOOT minted this step: supply · rate / steps_per_year (floored in the code). */
export function provision(p: BostromParams, supply: number, rate: number): number {
  return floorIf(p, supply * rate / p.timesteps_per_year);
}

// ---------------------------------------------------------------------------------------------------
// Bonding and H

/** Unfloored BOOT bonded this step: (limit − bonded/supply) · supply · speed. */
export function bondingFlow(
  p: BostromParams,
  s: { boot_bonded_supply: number; boot_supply: number },
): number {
  const share = s.boot_bonded_supply / s.boot_supply;
  return (p.boot_bonding_share_limit - share) * s.boot_supply * p.bonding_speed_coeff;
}

/** BOOT bonded this step, which is also the H minted (floored in the code). */
export function bondedDelta(p: BostromParams, flow: number): number {
  return floorIf(p, flow);
}

/** Liquid H minted this step: hydrogen_liquid_ratio of the unfloored flow (floored in the code). */
export function hydrogenLiquidDelta(p: BostromParams, flow: number): number {
  return floorIf(p, p.hydrogen_liquid_ratio * flow);
}

/** H investminted this step (before the split into A and V): the unfloored flow less its liquid share. */
export function hydrogenForInvestmint(p: BostromParams, flow: number): number {
  return flow * (1 - p.hydrogen_liquid_ratio);
}

// ---------------------------------------------------------------------------------------------------
// The gift

/** BOOT claimed from the gift on the step after `day`, before the cap at the gift amount. */
export function claimedDelta(p: BostromParams, day: number): number {
  const gift = p.boot_gift_amount_init;
  const activation = p.days_for_gift_activation;
  if (p.gift_phases === "readme") {
    if (day < activation) return p.claimed_at_activation_share * gift / activation;
    return day === activation ? gift * 0.1 : gift * 0.01;
  }
  if (day > p.days_for_gift_full_claim + activation) return 0;
  if (day < activation) return p.claimed_at_activation_share * gift / activation;
  return (1 - p.claimed_at_activation_share) * gift / p.days_for_gift_full_claim;
}

/**
 * Change of the frozen gift on the step after `day` (≤ 0). Code: nothing before activation, 10% of the
 * gift on the activation day, then 1% a day, stopping once at most 1% is left. README: from activation,
 * 10% of the BOOT waiting for distribution, limited here to what is still frozen.
 */
export function frozenDelta(
  p: BostromParams,
  day: number,
  s: { boot_frozen_supply: number; boot_to_distribution_supply: number },
): number {
  const gift = p.boot_gift_amount_init;
  if (day < p.days_for_gift_activation) return 0;
  if (p.gift_phases === "readme") return -Math.min(0.1 * s.boot_to_distribution_supply, s.boot_frozen_supply);
  if (s.boot_frozen_supply <= gift * 0.01) return 0;
  return day === p.days_for_gift_activation ? -(gift * 0.1) : -(gift * 0.01);
}

// ---------------------------------------------------------------------------------------------------
// Network effects

/** Neurons after the step following `day`. */
export function agentsCount(p: BostromParams, day: number, agents: number): number {
  if (p.agents_form === "closed_form") {
    const t = day + 1;
    return AGENTS_QUADRATIC * t * t + AGENTS_LINEAR * t + p.agents_count_at_activation;
  }
  return agents + 2 * AGENTS_QUADRATIC * day + AGENTS_LINEAR;
}

/** Capitalization per neuron (ETH) after a step that took the neuron count from `agents` to `next`. */
export function capitalizationPerAgent(
  p: BostromParams,
  capPerAgent: number,
  agents: number,
  next: number,
): number {
  if (p.capitalization_form === "closed_form") return capitalizationClosedForm(p, next);
  return capPerAgent +
    p.capitalization_coefficient * CAP_EXPONENT * Math.pow(agents, CAP_EXPONENT - 1) * (next - agents);
}

/** The README's closed form: start · activation^0.7 · agents^-0.7. */
export function capitalizationClosedForm(p: BostromParams, agents: number): number {
  return p.start_capitalization_per_agent * Math.pow(p.agents_count_at_activation, -CAP_EXPONENT) *
    Math.pow(agents, CAP_EXPONENT);
}

/** Cyberlinks demanded a day: coeff · 9 · agents^-0.3 per neuron, times the neurons in the code. */
export function cyberlinksPerDay(p: BostromParams, agents: number): number {
  const perAgent = p.cyberlinks_transactions_coeff * TX_PER_AGENT_COEFF *
    Math.pow(agents, TX_PER_AGENT_EXPONENT);
  const links = p.cyberlinks_per_day_form === "per_agent" ? perAgent : perAgent * agents;
  return links + p.extra_links + p.guaranteed_links;
}

/** Price of a GBOOT in ETH from the capitalization (ETH) and BOOT supply. */
export function gbootPrice(p: BostromParams, capitalizationInEth: number, supply: number): number {
  return p.gboot_price_form === "divided_by_1e9"
    ? capitalizationInEth / (supply * BOOT_PER_GBOOT)
    : capitalizationInEth / supply * BOOT_PER_GBOOT;
}

/** One validator's daily share of the commission on a provision (see validator_revenue_form for units). */
export function validatorRevenue(p: BostromParams, provisionBoot: number, price: number): number {
  if (p.validator_revenue_form === "with_price") {
    return provisionBoot * p.validator_commission * price / p.max_validator_count;
  }
  return provisionBoot / BOOT_PER_GBOOT * p.validator_commission / p.max_validator_count;
}

// ---------------------------------------------------------------------------------------------------
// A and V minting schedule

/** Mint rate after the step following `day`: init / 2^floor(index / halving), floored at the minimum. */
export function mintRate(
  p: BostromParams,
  day: number,
  init: number,
  halvingPeriod: number,
  min: number,
): number {
  const index = p.halving_index === "current" ? day + 1 : day;
  return Math.max(init / Math.pow(2, Math.floor(index / halvingPeriod)), min);
}

/** Investmint max period after the step following `day`: init · ceil((day + 1) / horizon). */
export function investmintMaxPeriod(p: BostromParams, day: number): number {
  return p.investmint_max_period_init * Math.ceil((day + 1) / p.horizon_period_init);
}

/** Whole days of one investmint: floor(share · max period). */
export function investmintPeriod(share: number, maxPeriod: number): number {
  return Math.floor(share * maxPeriod);
}

/** Tokens minted by investminting `hydrogen` H for `period` days: floor(H/amount · period/base · rate). */
export function mintedAmount(
  hydrogen: number,
  period: number,
  baseAmount: number,
  basePeriod: number,
  rate: number,
): number {
  return Math.floor(hydrogen / baseAmount * (period / basePeriod) * rate);
}

// ---------------------------------------------------------------------------------------------------
// Load

/** GPU memory (bytes) for `links` cyberlinks and their particles; 0 until the first V is minted. */
export function gpuMemoryUsage(p: BostromParams, links: number, voltSupply: number): number {
  if (voltSupply === 0) return 0;
  return GPU_BYTES_PER_LINK * links + GPU_BYTES_PER_PARTICLE * (links * p.particle_per_link);
}
