/**
 * The five agent types of the Grassroot dataDAO model, their entry, and what they do each step
 * (docs/models/datadao.md, "The agents"). Each behaviour follows the original's code line for line;
 * where the README and the shipped code disagree, a switch in `params.ts` picks one.
 *
 * Every movement of tokens is written to the `transactions` event table: one row per action with the
 * amounts as positive numbers (the action says the direction) and the pool price after it.
 */
import type { Agent, AgentContext, AgentRegistry, World } from "../../engine/agents.ts";
import type { LiquidityPool } from "./pool.ts";
import { pieSplit, type ThePie } from "./pie.ts";
import { AGENT_TYPES, type AgentType, type DataDaoParams } from "./params.ts";

export interface DaoAgent extends Agent {
  readonly type: AgentType;
  /** Timestep of entry (0: present at the start). */
  readonly entered: number;
  /** Balances; only the shipped power user's overspending makes `ddt` negative. */
  ddt: number;
  xdai: number;
  /** Transactions recorded so far (a degen's first step is the one with none, as shipped). */
  transactions: number;
  /** Totals over the run: xDAI fees collected, dDT bought in the pool, spent on compute, received from The Pie. */
  feesCollected: number;
  ddtBought: number;
  computeSpent: number;
  pieReceived: number;
  /**
   * What the agent itself put into its pool position: xDAI deposited or spent buying dDT to deposit, and
   * dDT deposited from its own balance (the shipped reinvestment's dDT from nowhere is not counted).
   */
  lpXdaiIn: number;
  lpDdtIn: number;
}

/** Where every token came from and went, cumulative over the run. */
export interface Ledger {
  /** dDT minted to entering members for their data. */
  ddtMinted: number;
  /** dDT spent on compute (sent to The Pie). */
  ddtSpent: number;
  /** dDT deposited by the shipped reinvestment without being taken from anyone. */
  ddtCreated: number;
  /** dDT taken out of The Pie that reached nobody (shipped payout). */
  ddtDestroyed: number;
  /** xDAI brought in by entering agents. */
  xdaiBroughtIn: number;
  /** dDT taken out of The Pie in the current step. */
  pieOutThisStep: number;
}

export interface DataDaoWorld extends World<DaoAgent> {
  readonly agents: AgentRegistry<DaoAgent>;
  readonly pool: LiquidityPool;
  readonly pie: ThePie;
  readonly ledger: Ledger;
}

export type Action =
  | "provide_liquidity"
  | "reinvest_liquidity"
  | "buy_ddt"
  | "sell_ddt"
  | "spend_ddt"
  | "collect_fees"
  | "receive_pie_share"
  | "sell_pie_share";

/** Columns of the `transactions` event table (the runner adds subset, run and timestep). */
export const TRANSACTION_COLUMNS = {
  agent_id: "int",
  agent_type: "string",
  action: "string",
  ddt: "float",
  xdai: "float",
  price_after: "float",
} as const;

/** Records one action of `agent` with its dDT and xDAI amounts. */
function record(
  w: DataDaoWorld,
  ctx: AgentContext,
  agent: DaoAgent,
  action: Action,
  ddt: number,
  xdai: number,
): void {
  agent.transactions++;
  ctx.emit("transactions", {
    agent_id: agent.id,
    agent_type: agent.type,
    action,
    ddt,
    xdai,
    price_after: w.pool.price,
  });
}

/** Sends `amount` dDT of the agent's to The Pie for compute. */
function spend(w: DataDaoWorld, ctx: AgentContext, agent: DaoAgent, amount: number): void {
  agent.ddt -= amount;
  agent.computeSpent += amount;
  w.ledger.ddtSpent += amount;
  w.pie.receive(amount);
  record(w, ctx, agent, "spend_ddt", amount, 0);
}

// ---------------------------------------------------------------------------------------------------
// Entry

/** Python's `round()`: to the nearest integer, ties to even (50 · 0.05 = 2.5 → 2, where Math.round gives 3). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return diff < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

const proportion = (p: DataDaoParams, type: AgentType) => p[`proportion_${type}`];

/**
 * Agents to add at an entry, by type: `new_total = Σ counts + agents_per_entry`, each type's target is
 * `round(new_total · proportion)` (half to even) and `max(0, target − count)` enter.
 */
export function entrants(
  p: DataDaoParams,
  counts: Readonly<Record<AgentType, number>>,
): Record<AgentType, number> {
  const newTotal = AGENT_TYPES.reduce((s, t) => s + counts[t], 0) + p.agents_per_entry;
  const out = {} as Record<AgentType, number>;
  for (const t of AGENT_TYPES) out[t] = Math.max(0, roundHalfEven(newTotal * proportion(p, t)) - counts[t]);
  return out;
}

/** Adds `n` agents of a type with their endowment: dDT minted for their data, xDAI brought in. */
export function addAgents(
  w: DataDaoWorld,
  p: DataDaoParams,
  type: AgentType,
  n: number,
  timestep: number,
): void {
  const ddt = p[`${type}_initial_ddt`];
  const xdai = p[`${type}_initial_xdai`];
  for (let i = 0; i < n; i++) {
    w.agents.add((id) => ({
      id,
      type,
      entered: timestep,
      ddt,
      xdai,
      transactions: 0,
      feesCollected: 0,
      ddtBought: 0,
      computeSpent: 0,
      pieReceived: 0,
      lpXdaiIn: 0,
      lpDdtIn: 0,
    }));
    w.ledger.ddtMinted += ddt;
    w.ledger.xdaiBroughtIn += xdai;
  }
}

/** Entry phase: at the start of every step whose 0-based index is a multiple of entry_interval. */
export function entryPhase(w: DataDaoWorld, p: DataDaoParams, ctx: AgentContext): void {
  if ((ctx.timestep - 1) % p.entry_interval !== 0) return;
  const counts = {} as Record<AgentType, number>;
  for (const t of AGENT_TYPES) counts[t] = w.agents.ofType(t).length;
  const add = entrants(p, counts);
  for (const t of AGENT_TYPES) addAgents(w, p, t, add[t], ctx.timestep);
}

// ---------------------------------------------------------------------------------------------------
// Behaviours

/**
 * Degen: on its first step it deposits 10 dDT + 10 xDAI and sells its other 90 dDT; every step it collects
 * its fees, reinvests `reinvest_rate` of them and keeps the rest as xDAI.
 */
export function degenStep(agent: DaoAgent, w: DataDaoWorld, p: DataDaoParams, ctx: AgentContext): void {
  if (agent.transactions === 0) {
    const d = p.degen_liquidity_ddt;
    const x = p.degen_liquidity_xdai;
    if (agent.ddt >= d && agent.xdai >= x) {
      w.pool.addLiquidity(agent.id, d, x);
      agent.ddt -= d;
      agent.xdai -= x;
      agent.lpDdtIn += d;
      agent.lpXdaiIn += x;
      record(w, ctx, agent, "provide_liquidity", d, x);
      if (agent.ddt >= p.degen_sell_ddt) {
        const out = w.pool.sell(p.degen_sell_ddt);
        // A pool without xDAI buys nothing; the original would have dropped the tokens, here they stay.
        if (out > 0) {
          agent.ddt -= p.degen_sell_ddt;
          agent.xdai += out;
          record(w, ctx, agent, "sell_ddt", p.degen_sell_ddt, out);
        }
      }
    }
  }
  const fees = w.pool.collectFees(agent.id);
  if (fees <= 0) return;
  agent.feesCollected += fees;
  record(w, ctx, agent, "collect_fees", 0, fees);
  const r = fees * p.degen_reinvest_rate;
  if (p.reinvest_ddt === "created") {
    // Shipped: add_liquidity(r, r) — r xDAI of the fees and r dDT that nobody held; keeps the rest.
    if (r > 0) {
      w.pool.addLiquidity(agent.id, r, r);
      w.ledger.ddtCreated += r;
      agent.lpXdaiIn += r;
      record(w, ctx, agent, "reinvest_liquidity", r, r);
    }
    agent.xdai += fees * (1 - p.degen_reinvest_rate);
    return;
  }
  agent.xdai += fees;
  if (r <= 0) return;
  // Documented: half of r buys dDT in the pool; that dDT and the other half are deposited.
  const half = r / 2;
  const bought = w.pool.buy(half);
  if (bought <= 0) return;
  agent.xdai -= half;
  agent.ddt += bought;
  agent.ddtBought += bought;
  record(w, ctx, agent, "buy_ddt", bought, half);
  w.pool.addLiquidity(agent.id, bought, half);
  agent.ddt -= bought;
  agent.xdai -= half;
  agent.lpXdaiIn += r;
  record(w, ctx, agent, "reinvest_liquidity", bought, half);
}

/**
 * Buys dDT in the pool with `xdai` of the agent's xDAI and records the trade; returns the dDT bought,
 * 0 when the agent cannot pay or the pool gives nothing.
 */
function buyDdt(agent: DaoAgent, w: DataDaoWorld, ctx: AgentContext, xdai: number): number {
  if (agent.xdai < xdai) return 0;
  const bought = w.pool.buy(xdai);
  if (bought <= 0) return 0;
  agent.xdai -= xdai;
  agent.ddt += bought;
  agent.ddtBought += bought;
  record(w, ctx, agent, "buy_ddt", bought, xdai);
  return bought;
}

/** Organization: buys `daily_buy · price` xDAI of dDT if it can afford it, and spends all of it. */
export function organizationStep(
  agent: DaoAgent,
  w: DataDaoWorld,
  p: DataDaoParams,
  ctx: AgentContext,
): void {
  const bought = buyDdt(agent, w, ctx, p.organization_daily_buy * w.pool.price);
  if (bought > 0) spend(w, ctx, agent, bought);
}

/**
 * Power user: spends 2 dDT a step from its balance; short of it, and while the price is at most
 * max_price, buys with `2 · price` xDAI and then spends 2 dDT ('allowed', shipped: the purchase nets
 * less than 2 after fee and slippage, so the balance goes negative) or what it holds ('capped').
 */
export function powerStep(agent: DaoAgent, w: DataDaoWorld, p: DataDaoParams, ctx: AgentContext): void {
  const daily = p.power_daily_spend;
  if (agent.ddt >= daily) return spend(w, ctx, agent, daily);
  const price = w.pool.price;
  if (price > p.power_max_price) return;
  if (buyDdt(agent, w, ctx, daily * price) <= 0) return;
  spend(w, ctx, agent, p.power_overspend === "allowed" ? daily : Math.min(daily, agent.ddt));
}

/** Active user: spends 1 dDT a step while it holds at least that. */
export function activeStep(agent: DaoAgent, w: DataDaoWorld, p: DataDaoParams, ctx: AgentContext): void {
  if (agent.ddt >= p.active_daily_spend) spend(w, ctx, agent, p.active_daily_spend);
}

/** Casual user: spends 0.1 dDT a step, then sells 0.9 dDT if it holds that much. */
export function casualStep(agent: DaoAgent, w: DataDaoWorld, p: DataDaoParams, ctx: AgentContext): void {
  const daily = p.casual_daily_spend;
  if (agent.ddt < daily) return;
  spend(w, ctx, agent, daily);
  const excess = daily * p.casual_sell_multiple;
  if (agent.ddt < excess) return;
  const out = w.pool.sell(excess);
  if (out <= 0) return;
  agent.ddt -= excess;
  agent.xdai += out;
  record(w, ctx, agent, "sell_ddt", excess, out);
}

// ---------------------------------------------------------------------------------------------------
// The Pie's payout

/**
 * Pie phase, after all agents acted: `pie_payout_rate` of The Pie is taken out. 'destroyed' (shipped):
 * it reaches nobody. 'distributed' (README): each group's part is split equally inside it, in the
 * order casual, active, power; power users keep theirs, active and casual users sell theirs at once.
 * A group with no members leaves its part in The Pie.
 */
export function piePhase(w: DataDaoWorld, p: DataDaoParams, ctx: AgentContext): void {
  const payout = w.pie.takePayout(p.pie_payout_rate);
  w.ledger.pieOutThisStep = payout;
  if (payout === 0) return;
  if (p.pie_payout === "destroyed") {
    w.ledger.ddtDestroyed += payout;
    return;
  }
  for (const { group, amount } of pieSplit(payout, p)) {
    const members = w.agents.ofType(group);
    if (members.length === 0) {
      w.pie.receive(amount);
      w.ledger.pieOutThisStep -= amount;
      continue;
    }
    const each = amount / members.length;
    for (const agent of members) {
      agent.pieReceived += each;
      const out = group === "power" ? 0 : w.pool.sell(each);
      if (out > 0) {
        agent.xdai += out;
        record(w, ctx, agent, "sell_pie_share", each, out);
      } else {
        agent.ddt += each;
        record(w, ctx, agent, "receive_pie_share", each, 0);
      }
    }
  }
}
