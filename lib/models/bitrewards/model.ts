/**
 * The BITrewards agent-based model (docs/models/bitrewards.md) on the engine's Mesa-style runner.
 * Each step (one week) runs the design document's phases in order — creators, investors, users (each in a
 * fresh random order from the run's stream), rewards, updates — then the data collector.
 */
import { AgentRegistry, defineAgentModel, type World } from "../../engine/agents.ts";
import { ParamError } from "../../engine/params.ts";
import {
  type BitAgent,
  type Creator,
  creatorAct,
  EPSILON,
  type Investor,
  investorAct,
  type Market,
  newCreator,
  newInvestor,
  newUser,
  updatePayoff,
  updateSatisfaction,
  type UsageEvent,
  userAct,
} from "./agents.ts";
import { CONTRIBUTION_TYPES, ContributionLedger } from "./contributions.ts";
import { gini } from "./metrics.ts";
import { type BitrewardsParams, bitrewardsParams } from "./params.ts";
import { distributeReward } from "./reward.ts";

/**
 * Quality of the seeded projects' initiator contributions: above the default investor_min_target_quality
 * (0.5), so investors can fund them from the first step, and near what a creator of middling skill makes.
 */
const SEED_PROJECT_QUALITY = 0.6;

/** Per-step figures the reporters read, computed once after the updates. */
export interface StepTally {
  usageEvents: number;
  feeDistributed: number;
  /** Σ path lengths and count of paid ancestor paths this step, for the mean tracing depth. */
  depthSum: number;
  depthCount: number;
  /** Fees paid to ancestors rather than to the used contribution's owner. */
  upstreamPaid: number;
  activeCreators: number;
  activeInvestors: number;
  activeUsers: number;
  giniCreators: number;
  giniAll: number;
  meanCreatorIncome: number;
  meanInvestorRoi: number;
}

export interface BitrewardsWorld extends World<BitAgent>, Market {
  readonly usage: UsageEvent[];
  tally: StepTally;
}

const emptyTally = (): StepTally => ({
  usageEvents: 0,
  feeDistributed: 0,
  depthSum: 0,
  depthCount: 0,
  upstreamPaid: 0,
  activeCreators: 0,
  activeInvestors: 0,
  activeUsers: 0,
  giniCreators: 0,
  giniAll: 0,
  meanCreatorIncome: 0,
  meanInvestorRoi: 0,
});

/** An investor's return on its initial budget: (wealth − initial budget) / max(initial budget, ε). */
export function roi(inv: Investor): number {
  return (inv.wealth - inv.initialBudget) / Math.max(inv.initialBudget, EPSILON);
}

function check(p: BitrewardsParams): void {
  if (p.investor_royalty_min > p.investor_royalty_max) {
    throw new ParamError(
      `investor_royalty_min (${p.investor_royalty_min}) must not exceed investor_royalty_max (${p.investor_royalty_max})`,
    );
  }
  if (p.skill_min > p.skill_max) {
    throw new ParamError(`skill_min (${p.skill_min}) must not exceed skill_max (${p.skill_max})`);
  }
}

/** Pays every usage event's fee up the contribution graph to the owners of the contributions reached. */
export function rewardPhase(w: BitrewardsWorld, p: BitrewardsParams): void {
  const limits = { maxDepth: p.max_graph_depth, maxAncestors: p.max_ancestors_per_event };
  const agents = w.agents.all();
  const { contributions, projects } = w.ledger;
  for (const event of w.usage) {
    const flow = distributeReward(w.ledger, event.contribution, event.fee, limits);
    for (let i = 0; i < flow.ids.length; i++) {
      const owner = agents[contributions[flow.ids[i]].owner];
      owner.income += flow.amounts[i];
      owner.wealth += flow.amounts[i];
      owner.totalIncome += flow.amounts[i];
      if (i > 0) {
        w.tally.depthSum += flow.depths[i];
        w.tally.upstreamPaid += flow.amounts[i];
      }
    }
    w.tally.depthCount += flow.ids.length - 1;
    w.tally.usageEvents++;
    w.tally.feeDistributed += event.fee;
    projects[contributions[event.contribution].project].revenueNow += event.fee;
  }
}

/** Satisfaction and churn for every active agent, creators' payoff averages, the project revenue books. */
function updatePhase(w: BitrewardsWorld, p: BitrewardsParams, step: number): void {
  for (const agent of w.agents.all()) {
    if (!agent.active) continue;
    if (agent.type === "creator") updatePayoff(agent, p);
    updateSatisfaction(agent, p);
  }
  w.ledger.closeRevenue(step);
}

function tallyPhase(w: BitrewardsWorld): void {
  const creators = w.agents.ofType("creator") as readonly Creator[];
  const investors = w.agents.ofType("investor") as readonly Investor[];
  const activeCreators = creators.filter((c) => c.active);
  const activeInvestors = investors.filter((i) => i.active);
  const t = w.tally;
  t.activeCreators = activeCreators.length;
  t.activeInvestors = activeInvestors.length;
  t.activeUsers = w.agents.ofType("user").filter((u) => u.active).length;
  t.giniCreators = gini(creators.map((c) => c.wealth));
  t.giniAll = gini(w.agents.all().map((a) => a.wealth));
  t.meanCreatorIncome = activeCreators.length === 0
    ? 0
    : activeCreators.reduce((s, c) => s + c.income, 0) / activeCreators.length;
  t.meanInvestorRoi = activeInvestors.length === 0
    ? 0
    : activeInvestors.reduce((s, i) => s + roi(i), 0) / activeInvestors.length;
}

/** A whole-number timeseries column. */
const count = (value: (w: BitrewardsWorld) => number) => ({ kind: "int" as const, value });

export const bitrewards = defineAgentModel({
  name: "bitrewards",
  module: import.meta.url,
  title: "BITrewards: creators, investors and users around a contribution graph with royalty splits",
  params: bitrewardsParams,
  steps: 240,
  timeUnit: "week",
  runs: 8,
  check,
  create: (p: BitrewardsParams, ctx) => {
    const w: BitrewardsWorld = {
      agents: new AgentRegistry<BitAgent>(),
      ledger: new ContributionLedger(p.revenue_window),
      usage: [],
      tally: emptyTally(),
    };
    for (let i = 0; i < p.N_creators; i++) w.agents.add((id) => newCreator(id, p, ctx.rng));
    for (let i = 0; i < p.N_investors; i++) w.agents.add((id) => newInvestor(id, p, ctx.rng));
    for (let i = 0; i < p.N_users; i++) w.agents.add((id) => newUser(id, p, ctx.rng));
    // Seed projects, each started by a random creator of a core role (none if there is no such creator).
    const founders = (w.agents.ofType("creator") as readonly Creator[])
      .filter((c) => c.role === "developer" || c.role === "scientist");
    for (let k = 0; k < p.initial_projects && founders.length > 0; k++) {
      const founder = founders[ctx.rng.int(founders.length)];
      const [domain, type] = founder.role === "developer"
        ? ["software", "software_code"] as const
        : ["biology", "bio_discovery"] as const;
      const first = w.ledger.startProject(domain, type, founder.id, 0, SEED_PROJECT_QUALITY, p, ctx.rng);
      for (let extra = 1; extra < p.initial_initiator_contributions_per_project; extra++) {
        w.ledger.add(first.project, type, founder.id, 0, SEED_PROJECT_QUALITY, [], p, ctx.rng);
      }
      founder.contributionsCount += p.initial_initiator_contributions_per_project;
      founder.contributionsByType.set(
        type,
        (founder.contributionsByType.get(type) ?? 0) + p.initial_initiator_contributions_per_project,
      );
    }
    tallyPhase(w);
    return w;
  },
  phases: [
    {
      name: "begin",
      run: (w: BitrewardsWorld, p: BitrewardsParams) => {
        for (const agent of w.agents.all()) agent.income = 0;
        w.usage.length = 0;
        w.tally = emptyTally();
        // Users see the projects as they stood at the start of the step.
        w.ledger.refreshDemand(p);
      },
    },
    { name: "creators", agents: "creator", when: (a) => a.active, act: { creator: creatorAct } },
    { name: "investors", agents: "investor", when: (a) => a.active, act: { investor: investorAct } },
    { name: "users", agents: "user", when: (a) => a.active, act: { user: userAct } },
    { name: "rewards", run: rewardPhase },
    {
      name: "updates",
      run: (w: BitrewardsWorld, p: BitrewardsParams, ctx) => updatePhase(w, p, ctx.timestep),
    },
    { name: "tally", run: tallyPhase },
  ],
  modelReporters: {
    total_contributions: count((w) => w.ledger.contributions.length),
    ...Object.fromEntries(
      CONTRIBUTION_TYPES.map((
        type,
      ) => [`contributions_${type}`, count((w) => w.ledger.countByType.get(type)!)]),
    ),
    active_creators: count((w) => w.tally.activeCreators),
    active_investors: count((w) => w.tally.activeInvestors),
    active_users: count((w) => w.tally.activeUsers),
    total_usage_events: count((w) => w.tally.usageEvents),
    total_fee_distributed: (w) => w.tally.feeDistributed,
    gini_creators_wealth: (w) => w.tally.giniCreators,
    gini_all_wealth: (w) => w.tally.giniAll,
    mean_creator_income: (w) => w.tally.meanCreatorIncome,
    mean_investor_roi: (w) => w.tally.meanInvestorRoi,
    upstream_share: (w) => (w.tally.feeDistributed === 0 ? 0 : w.tally.upstreamPaid / w.tally.feeDistributed),
    mean_tracing_depth: (w) => (w.tally.depthCount === 0 ? 0 : w.tally.depthSum / w.tally.depthCount),
  },
  agentReporters: {
    role: { kind: "string", value: (a) => (a.type === "creator" ? a.role : "") },
    final_wealth: (a) => a.wealth,
    total_income: (a) => a.totalIncome,
    final_satisfaction: (a) => a.satisfaction,
    active_at_end: { kind: "bool", value: (a) => a.active },
    total_invested: (a) => (a.type === "investor" ? a.totalInvested : 0),
    final_roi: (a) => (a.type === "investor" ? roi(a) : 0),
    contributions_count: { kind: "int", value: (a) => (a.type === "creator" ? a.contributionsCount : 0) },
    contributions_by_type: {
      kind: "string",
      value: (a) =>
        a.type === "creator"
          ? JSON.stringify(
            Object.fromEntries([...a.contributionsByType].sort(([x], [y]) => x.localeCompare(y))),
          )
          : "{}",
    },
  },
});
