/**
 * The Bostrom network model (documented in docs/models/bostrom.md): BOOT supply with Cosmos-style
 * inflation steered by the bonded share, the gift claim, bonding into H, neuron growth and the
 * capitalization fitted to Ethereum, cyberlink demand, A and V investminting with halvings, validator
 * revenue and the hardware load. One timestep is one day; the default run is 10 years (3650 days).
 *
 * One block, as in the original: every policy reads the previous state and every update reads the
 * policies' signals. The investmint release tables are per-run memory (`ctx.memory`), not columns.
 */
import { defineModel, type StepContext } from "../../engine/model.ts";
import { ParamError } from "../../engine/params.ts";
import {
  agentsCount,
  bondedDelta,
  bondingFlow,
  capitalizationPerAgent,
  claimedDelta,
  CPU_BYTES_PER_LINK,
  CPU_SECONDS_PER_LINK,
  cyberlinksPerDay,
  frozenDelta,
  gbootPrice,
  GPU_SECONDS_PER_LINK,
  gpuMemoryUsage,
  hydrogenForInvestmint,
  hydrogenLiquidDelta,
  inflationRateChange,
  investmintMaxPeriod,
  investmintPeriod,
  mintedAmount,
  mintRate,
  nextInflationRate,
  provision,
  validatorRevenue,
} from "./formulas.ts";
import {
  drawPeriodShare,
  type InvestmintMemory,
  newInvestmintMemory,
  type ReleaseTable,
  scheduleRelease,
  takeRelease,
} from "./investmint.ts";
import { type BostromParams, bostromParams } from "./params.ts";
import { bostromGenesis, type BostromState } from "./state.ts";

/** The previous timestep, as the original's policies see it (0 at the first step). */
const dayOf = (ctx: StepContext) => ctx.timestep - 1;

/**
 * One token's investmint for the day: its share of the new H plus the H released today is locked for a
 * random period, mints floor(H/amount · period/base · rate) tokens, and is scheduled to come back.
 */
function investmint(
  p: BostromParams,
  ctx: StepContext,
  table: ReleaseTable,
  newHydrogen: number,
  maxPeriod: number,
  baseAmount: number,
  basePeriod: number,
  rate: number,
): number {
  const day = dayOf(ctx);
  const hydrogen = newHydrogen + takeRelease(table, day);
  const period = investmintPeriod(drawPeriodShare(p, ctx.rng), maxPeriod);
  const minted = mintedAmount(hydrogen, period, baseAmount, basePeriod, rate);
  scheduleRelease(table, day + period, hydrogen, p.release_mode);
  return minted;
}

const num = (x: unknown) => x as number;

export const bostrom = defineModel({
  name: "bostrom",
  module: import.meta.url,
  title: "Bostrom network (cadCAD model of BOOT inflation, the gift, neurons, cyberlinks, A/V investmint)",
  params: bostromParams,
  steps: 3650,
  timeUnit: "day",
  runs: 1,
  check: (p: BostromParams) => {
    if (p.boot_inflation_rate_min > p.boot_inflation_rate_max) {
      throw new ParamError(
        `boot_inflation_rate_min (${p.boot_inflation_rate_min}) exceeds boot_inflation_rate_max ` +
          `(${p.boot_inflation_rate_max}); the minimum must not be above the maximum`,
      );
    }
  },
  initialState: bostromGenesis,
  memory: (): InvestmintMemory => newInvestmintMemory(),
  blocks: [{
    label: "day",
    policies: {
      inflation: (p: BostromParams, s: BostromState) => {
        const change = inflationRateChange(p, s);
        const rate = p.provision_rate === "current"
          ? nextInflationRate(p, s.boot_inflation_rate, change)
          : s.boot_inflation_rate;
        return {
          boot_inflation_rate_change: change,
          timestep_provision_boot: provision(p, s.boot_supply, rate),
        };
      },
      bonding: (p: BostromParams, s: BostromState) => {
        const flow = bondingFlow(p, s);
        return {
          boot_bonded_supply_delta: bondedDelta(p, flow),
          hydrogen_liquid_supply_delta: hydrogenLiquidDelta(p, flow),
        };
      },
      gift: (p: BostromParams, s: BostromState, ctx) => ({
        boot_claimed_supply_delta: claimedDelta(p, dayOf(ctx)),
        boot_frozen_supply_delta: frozenDelta(p, dayOf(ctx), s),
      }),
      network: (p: BostromParams, s: BostromState, ctx) => {
        const agents = agentsCount(p, dayOf(ctx), s.agents_count);
        return {
          agents_count: agents,
          capitalization_per_agent: capitalizationPerAgent(
            p,
            s.capitalization_per_agent,
            s.agents_count,
            agents,
          ),
          cyberlinks_per_day: cyberlinksPerDay(p, s.agents_count),
        };
      },
      // Two policies, A first: each takes its own period draw from the run's stream, as the original's
      // two policies each call random.choice.
      ampere: (p: BostromParams, s: BostromState, ctx) => ({
        ampere_minted_amount: investmint(
          p,
          ctx,
          (ctx.memory as InvestmintMemory).ampere,
          p.ampere_volt_ratio * hydrogenForInvestmint(p, bondingFlow(p, s)),
          s.investmint_max_period,
          p.ampere_base_investmint_amount,
          p.ampere_base_investmint_period,
          s.ampere_mint_rate,
        ),
      }),
      volt: (p: BostromParams, s: BostromState, ctx) => ({
        volt_minted_amount: investmint(
          p,
          ctx,
          (ctx.memory as InvestmintMemory).volt,
          (1 - p.ampere_volt_ratio) * hydrogenForInvestmint(p, bondingFlow(p, s)),
          s.investmint_max_period,
          p.volt_base_investmint_amount,
          p.volt_base_investmint_period,
          s.volt_mint_rate,
        ),
      }),
    },
    updates: {
      boot_supply: (_p, s, x) => s.boot_supply + num(x.timestep_provision_boot),
      boot_inflation_rate: (p, s, x) =>
        nextInflationRate(p, s.boot_inflation_rate, num(x.boot_inflation_rate_change)),
      boot_claimed_supply: (p, s, x) =>
        Math.min(s.boot_claimed_supply + num(x.boot_claimed_supply_delta), p.boot_gift_amount_init),
      boot_frozen_supply: (_p, s, x) => Math.max(s.boot_frozen_supply + num(x.boot_frozen_supply_delta), 0),
      boot_bonded_supply: (_p, s, x) => s.boot_bonded_supply + num(x.boot_bonded_supply_delta),
      boot_liquid_supply: (_p, s, x) =>
        s.boot_liquid_supply - num(x.boot_frozen_supply_delta) - num(x.boot_bonded_supply_delta) +
        num(x.timestep_provision_boot),
      boot_to_distribution_supply: (p, s, x) =>
        toDistribution(p, s, num(x.boot_claimed_supply_delta), num(x.boot_frozen_supply_delta)),
      hydrogen_supply: (_p, s, x) => s.hydrogen_supply + num(x.boot_bonded_supply_delta),
      hydrogen_liquid_supply: (_p, s, x) => s.hydrogen_liquid_supply + num(x.hydrogen_liquid_supply_delta),
      agents_count: (_p, _s, x) => num(x.agents_count),
      capitalization_per_agent: (_p, _s, x) => num(x.capitalization_per_agent),
      capitalization_in_eth: (_p, s) => s.capitalization_per_agent * s.agents_count,
      gboot_price: (p, s) => gbootPrice(p, s.capitalization_in_eth, s.boot_supply),
      timestep_provision_boot: (_p, _s, x) => num(x.timestep_provision_boot),
      validator_revenue_gboot: (p, s) => validatorRevenue(p, s.timestep_provision_boot, s.gboot_price),
      cyberlinks_per_day: (_p, _s, x) => num(x.cyberlinks_per_day),
      cyberlinks_count: (_p, s, x) => s.cyberlinks_count + num(x.cyberlinks_per_day),
      ampere_supply: (_p, s, x) => s.ampere_supply + num(x.ampere_minted_amount),
      volt_supply: (_p, s, x) => s.volt_supply + num(x.volt_minted_amount),
      ampere_mint_rate: (p, _s, _x, ctx) =>
        mintRate(p, dayOf(ctx), 1, p.ampere_base_halving_period, p.ampere_mint_rate_min),
      volt_mint_rate: (p, _s, _x, ctx) =>
        mintRate(p, dayOf(ctx), 1, p.volt_base_halving_period, p.volt_mint_rate_min),
      investmint_max_period: (p, _s, _x, ctx) => investmintMaxPeriod(p, dayOf(ctx)),
      gpu_memory_usage: (p, s) => gpuMemoryUsage(p, s.cyberlinks_count, s.volt_supply),
      cpu_memory_usage: (_p, s) => CPU_BYTES_PER_LINK * s.cyberlinks_count,
      cpu_time_usage: (_p, s) => CPU_SECONDS_PER_LINK * s.cyberlinks_count,
      gpu_time_usage: (_p, s) => GPU_SECONDS_PER_LINK * s.cyberlinks_count,
    },
  }],
});

/**
 * BOOT claimed and waiting for release from the contract. Code: previous + claim delta + frozen delta
 * (unclamped deltas), kept in [0, gift]. README: the same with the claim actually credited (the claim
 * stops at the gift), so that what waits is what was claimed and not yet released.
 */
function toDistribution(p: BostromParams, s: BostromState, claimed: number, frozen: number): number {
  const credited = p.gift_phases === "readme"
    ? Math.min(s.boot_claimed_supply + claimed, p.boot_gift_amount_init) - s.boot_claimed_supply
    : claimed;
  return Math.min(Math.max(s.boot_to_distribution_supply + credited + frozen, 0), p.boot_gift_amount_init);
}
