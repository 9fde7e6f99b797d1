/**
 * The Grassroot dataDAO agent model (documented in docs/models/datadao.md), on the agent-based
 * runner. Each step, as the original's `simulate`:
 *
 * 1. entry — every `entry_interval` steps new agents enter towards the target proportions;
 * 2. act — every agent acts once, in order of entry (or a seeded random order), by its type;
 * 3. pie — The Pie pays out (or, as shipped, loses) `pie_payout_rate` of its dDT;
 * 4. tally — per-type averages and totals for the data collector.
 *
 * The original is deterministic; with `activation = "insertion"` so is this model, whatever the seed.
 */
import { AgentRegistry, defineAgentModel } from "../../engine/agents.ts";
import { LiquidityPool } from "./pool.ts";
import { ThePie } from "./pie.ts";
import { AGENT_TYPES, type AgentType, checkDataDao, type DataDaoParams, datadaoParams } from "./params.ts";
import {
  activeStep,
  addAgents,
  casualStep,
  type DaoAgent,
  type DataDaoWorld,
  degenStep,
  entryPhase,
  organizationStep,
  piePhase,
  powerStep,
  TRANSACTION_COLUMNS,
} from "./agents.ts";

/** Per-type sums and run-wide extremes, computed once per step for the reporters. */
export interface Tally {
  readonly count: Record<AgentType, number>;
  readonly ddt: Record<AgentType, number>;
  readonly xdai: Record<AgentType, number>;
  readonly ddtHeld: number;
  readonly xdaiHeld: number;
  readonly minDdt: number;
  readonly minXdai: number;
}

export interface DataDaoState extends DataDaoWorld {
  tally: Tally;
}

/** Sums the balances of every agent, by type (each type in order of entry, as the original averages). */
export function tally(w: DataDaoWorld): Tally {
  const count = {} as Record<AgentType, number>, ddt = { ...count }, xdai = { ...count };
  let ddtHeld = 0, xdaiHeld = 0, minDdt = Infinity, minXdai = Infinity;
  for (const t of AGENT_TYPES) {
    const members = w.agents.ofType(t);
    let d = 0, x = 0;
    for (const a of members) {
      d += a.ddt;
      x += a.xdai;
      if (a.ddt < minDdt) minDdt = a.ddt;
      if (a.xdai < minXdai) minXdai = a.xdai;
    }
    count[t] = members.length;
    ddt[t] = d;
    xdai[t] = x;
    ddtHeld += d;
    xdaiHeld += x;
  }
  const any = w.agents.size > 0;
  return { count, ddt, xdai, ddtHeld, xdaiHeld, minDdt: any ? minDdt : 0, minXdai: any ? minXdai : 0 };
}

/** The world at timestep 0: an empty pool and pie, and the initial agents in type order. */
export function createWorld(p: DataDaoParams): DataDaoState {
  const w: DataDaoState = {
    agents: new AgentRegistry<DaoAgent>(),
    pool: new LiquidityPool(p.fee_rate, p.fee_sharing),
    pie: new ThePie(),
    ledger: {
      ddtMinted: 0,
      ddtSpent: 0,
      ddtCreated: 0,
      ddtDestroyed: 0,
      xdaiBroughtIn: 0,
      pieOutThisStep: 0,
    },
    tally: undefined as unknown as Tally,
  };
  for (const t of AGENT_TYPES) addAgents(w, p, t, p[`initial_${t}`], 0);
  w.tally = tally(w);
  return w;
}

type Reporter = (w: DataDaoState) => number;

/** count_<type>, avg_ddt_<type>, avg_xdai_<type> for each type (averages 0 for an empty type, as shipped). */
function perTypeReporters() {
  const out: Record<string, Reporter | { kind: "int"; value: Reporter }> = {};
  const avg = (s: number, n: number) => n === 0 ? 0 : s / n;
  for (const t of AGENT_TYPES) {
    out[`count_${t}`] = { kind: "int", value: (w) => w.tally.count[t] };
    out[`avg_ddt_${t}`] = (w) => avg(w.tally.ddt[t], w.tally.count[t]);
    out[`avg_xdai_${t}`] = (w) => avg(w.tally.xdai[t], w.tally.count[t]);
  }
  return out;
}

export const datadao = defineAgentModel({
  name: "datadao",
  module: import.meta.url,
  title: "Grassroot dataDAO (dDT/xDAI constant-product pool, five agent types, The Pie)",
  params: datadaoParams,
  steps: 2000,
  timeUnit: "day",
  runs: 1,
  check: checkDataDao,
  create: (p: DataDaoParams) => createWorld(p),
  phases: [
    { name: "entry", run: entryPhase },
    {
      name: "act",
      agents: AGENT_TYPES,
      order: (p: DataDaoParams) => p.activation,
      act: {
        degen: degenStep,
        organization: organizationStep,
        power: powerStep,
        active: activeStep,
        casual: casualStep,
      },
    },
    { name: "pie", run: piePhase },
    { name: "tally", run: (w: DataDaoState) => void (w.tally = tally(w)) },
  ],
  modelReporters: {
    price: (w) => w.pool.price,
    lp_ddt_reserve: (w) => w.pool.ddtReserve,
    lp_xdai_reserve: (w) => w.pool.xdaiReserve,
    lp_total_shares: (w) => w.pool.totalShares,
    pie_ddt: (w) => w.pie.ddt,
    pie_distributed: (w) => w.ledger.pieOutThisStep,
    ...perTypeReporters(),
    ddt_minted: (w) => w.ledger.ddtMinted,
    ddt_spent: (w) => w.ledger.ddtSpent,
    ddt_created: (w) => w.ledger.ddtCreated,
    ddt_destroyed: (w) => w.ledger.ddtDestroyed,
    ddt_held: (w) => w.tally.ddtHeld,
    min_ddt_balance: (w) => w.tally.minDdt,
    xdai_brought_in: (w) => w.ledger.xdaiBroughtIn,
    xdai_held: (w) => w.tally.xdaiHeld,
    min_xdai_balance: (w) => w.tally.minXdai,
    fees_charged: (w) => w.pool.feesCharged,
    fees_pending: (w) => w.pool.feesPending,
    fees_forfeited: (w) => w.pool.feesForfeited,
  },
  agentReporters: {
    entered: { kind: "int", value: (a) => a.entered },
    ddt: (a) => a.ddt,
    xdai: (a) => a.xdai,
    lp_shares: (a, w) => w.pool.sharesOf(a.id),
    fees_collected: (a) => a.feesCollected,
    ddt_bought: (a) => a.ddtBought,
    compute_spent: (a) => a.computeSpent,
    pie_received: (a) => a.pieReceived,
    lp_xdai_in: (a) => a.lpXdaiIn,
    lp_ddt_in: (a) => a.lpDdtIn,
  },
  events: { transactions: TRANSACTION_COLUMNS },
});
