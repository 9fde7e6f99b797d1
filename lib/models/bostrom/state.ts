/** The Bostrom model's state: the original's state variables under their names, and the genesis state. */
import type { State } from "../../engine/model.ts";
import {
  AGENTS_COUNT_INIT,
  agentsCount,
  BOOT_BONDED_INIT,
  BOOT_SUPPLY_INIT,
  CAPITALIZATION_PER_AGENT_INIT,
  capitalizationClosedForm,
  gbootPrice,
} from "./formulas.ts";
import type { BostromParams } from "./params.ts";

/** The recorded state: exactly the original's state variables, under their names. */
export interface BostromState extends State {
  /** BOOT supply, BOOT. */
  readonly boot_supply: number;
  /** Yearly inflation rate, fraction. */
  readonly boot_inflation_rate: number;
  /** Liquid, frozen (on the gift contract) and bonded BOOT; their sum is the supply. */
  readonly boot_liquid_supply: number;
  readonly boot_frozen_supply: number;
  readonly boot_bonded_supply: number;
  /** BOOT claimed from the gift, and claimed but not yet released from the contract. */
  readonly boot_claimed_supply: number;
  readonly boot_to_distribution_supply: number;
  /** H minted (one per bonded BOOT), and its liquid part, H. */
  readonly hydrogen_supply: number;
  readonly hydrogen_liquid_supply: number;
  /** Active neurons. */
  readonly agents_count: number;
  /** Capitalization per neuron and in total (lagged one step), ETH. */
  readonly capitalization_per_agent: number;
  readonly capitalization_in_eth: number;
  /** ETH per GBOOT (lagged one step, as the code). */
  readonly gboot_price: number;
  /** BOOT minted this step. */
  readonly timestep_provision_boot: number;
  /** One validator's commission on the previous step's provision, GBOOT/day (see validator_revenue_form). */
  readonly validator_revenue_gboot: number;
  /** Cyberlinks demanded this day, and all cyberlinks so far. */
  readonly cyberlinks_per_day: number;
  readonly cyberlinks_count: number;
  /** A and V supply; one V lets its holder make one cyberlink a day. */
  readonly ampere_supply: number;
  readonly volt_supply: number;
  /** A and V per unit of investmint (halving every halving period), and the longest investmint, days. */
  readonly ampere_mint_rate: number;
  readonly volt_mint_rate: number;
  readonly investmint_max_period: number;
  /** Load for the cyberlinks of the previous step: GPU and CPU memory (bytes) and time (s). */
  readonly gpu_memory_usage: number;
  readonly cpu_memory_usage: number;
  readonly cpu_time_usage: number;
  readonly gpu_time_usage: number;
}

/** The genesis state of the original code; the README's closed forms start from their own value at t = 0. */
export function bostromGenesis(p: BostromParams): BostromState {
  // agentsCount(p, day, …) gives the count after the step following `day`; day −1 is genesis (t = 0).
  const agents = p.agents_form === "closed_form" ? agentsCount(p, -1, 0) : AGENTS_COUNT_INIT;
  const capPerAgent = p.capitalization_form === "closed_form"
    ? capitalizationClosedForm(p, agents)
    : CAPITALIZATION_PER_AGENT_INIT;
  const capitalization = agents * capPerAgent;
  return {
    boot_supply: BOOT_SUPPLY_INIT,
    boot_inflation_rate: 0.05,
    boot_liquid_supply: BOOT_SUPPLY_INIT - p.boot_gift_amount_init - BOOT_BONDED_INIT,
    boot_frozen_supply: p.boot_gift_amount_init,
    boot_bonded_supply: BOOT_BONDED_INIT,
    boot_claimed_supply: 0,
    boot_to_distribution_supply: 0,
    hydrogen_supply: BOOT_BONDED_INIT,
    hydrogen_liquid_supply: 0,
    agents_count: agents,
    capitalization_per_agent: capPerAgent,
    capitalization_in_eth: capitalization,
    gboot_price: gbootPrice(p, capitalization, BOOT_SUPPLY_INIT),
    timestep_provision_boot: 0,
    validator_revenue_gboot: 0,
    cyberlinks_per_day: 0,
    cyberlinks_count: 0,
    ampere_supply: 0,
    volt_supply: 0,
    ampere_mint_rate: 1,
    volt_mint_rate: 1,
    investmint_max_period: p.investmint_max_period_init,
    gpu_memory_usage: 0,
    cpu_memory_usage: 0,
    cpu_time_usage: 0,
    gpu_time_usage: 0,
  };
}
