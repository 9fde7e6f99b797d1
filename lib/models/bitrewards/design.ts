/**
 * The design document's rules (the default variant): creators decide by utility, investors fund the
 * projects they expect to pay, users pick by interest and demand, and every usage event's fee is paid up
 * the contribution graph along shortest paths (docs/models/bitrewards.md).
 */
import { type AgentContext, AgentRegistry } from "../../engine/agents.ts";
import { ParamError } from "../../engine/params.ts";
import {
  type BitAgent,
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
import { ContributionLedger } from "./contributions.ts";
import { DERIVATIVE_TYPES_BY_ROLE, type DesignParams, INITIATOR_DOMAINS_BY_ROLE } from "./design_params.ts";
import { RewardWalk } from "./reward.ts";
import { type BitrewardsWorld, emptyTally, type Rules } from "./world.ts";

/**
 * Quality of the seeded projects' initiator contributions: above the default investor_min_target_quality
 * (0.5), so investors can fund them from the first step, and near what a creator of middling skill makes.
 */
const SEED_PROJECT_QUALITY = 0.6;

export interface DesignWorld extends BitrewardsWorld, Market {
  readonly usage: UsageEvent[];
}

/** An investor's return on its initial budget: (wealth − initial budget) / max(initial budget, ε). */
export function roi(inv: Investor): number {
  return (inv.wealth - inv.initialBudget) / Math.max(inv.initialBudget, EPSILON);
}

function create(p: DesignParams, ctx: AgentContext): DesignWorld {
  const ledger = new ContributionLedger(p.revenue_window);
  const w: DesignWorld = {
    agents: new AgentRegistry<BitAgent>(),
    ledger,
    countByType: ledger.countByType,
    tracing: ledger.tracing,
    usage: [],
    tally: emptyTally(),
  };
  for (let i = 0; i < p.N_creators; i++) w.agents.add((id) => newCreator(id, p, ctx.rng));
  for (let i = 0; i < p.N_investors; i++) w.agents.add((id) => newInvestor(id, p, ctx.rng));
  for (let i = 0; i < p.N_users; i++) w.agents.add((id) => newUser(id, p, ctx.rng));
  // Seed projects, each started by a random creator of a core role (none if there is no such creator).
  const founders = w.agents.ofType("creator")
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
  return w;
}

/** The reward walk of this thread's runs, one event at a time (its buffers are reused, see RewardWalk). */
const walk = new RewardWalk();

/** Pays every usage event's fee up the contribution graph to the owners of the contributions reached. */
export function rewardPhase(w: DesignWorld, p: DesignParams): void {
  const limits = { maxDepth: p.max_graph_depth, maxAncestors: p.max_ancestors_per_event };
  const agents = w.agents.all();
  const { contributions, projects } = w.ledger;
  for (const event of w.usage) {
    const flow = walk.run(w.ledger, event.contribution, event.fee, limits);
    for (let i = 0; i < flow.length; i++) {
      const owner = agents[contributions[flow.ids[i]].owner];
      owner.income += flow.amounts[i];
      owner.wealth += flow.amounts[i];
      owner.totalIncome += flow.amounts[i];
      if (i > 0) {
        w.tally.depthSum += flow.depths[i];
        w.tally.upstreamPaid += flow.amounts[i];
      }
    }
    w.tally.depthCount += flow.length - 1;
    w.tally.usageEvents++;
    w.tally.feeDistributed += event.fee;
    projects[contributions[event.contribution].project].revenueNow += event.fee;
  }
}

/** Satisfaction and churn for every active agent, creators' payoff averages, the project revenue books. */
function updatePhase(w: DesignWorld, p: DesignParams, step: number): void {
  for (const agent of w.agents.all()) {
    if (!agent.active) continue;
    if (agent.type === "creator") updatePayoff(agent, p);
    updateSatisfaction(agent, p);
  }
  w.ledger.closeRevenue(step);
}

/** Each role's probability tables (derivative types, initiator domains) must sum to 1. */
function check(p: DesignParams): void {
  for (const [role, types] of Object.entries(DERIVATIVE_TYPES_BY_ROLE)) {
    sumsToOne(p, role, types.map((type) => `${role}_makes_${type}`));
  }
  for (const [role, domains] of Object.entries(INITIATOR_DOMAINS_BY_ROLE)) {
    sumsToOne(p, role, domains.map((domain) => `${role}_starts_in_${domain}`));
  }
}

function sumsToOne(p: DesignParams, role: string, names: readonly string[]): void {
  const sum = names.reduce((s, name) => s + (p[name as keyof DesignParams] as number), 0);
  // Some rounding of decimal inputs (0.1 + 0.2) is allowed; a probability table off by more is a mistake.
  if (Math.abs(sum - 1) > 1e-9) {
    throw new ParamError(
      `role ${role}: ${names.join(" + ")} must sum to 1, got ${Number(sum.toPrecision(12))}`,
    );
  }
}

export const designRules: Rules<DesignWorld, DesignParams> = {
  check,
  order: "random",
  create,
  begin: (w, p) => {
    for (const agent of w.agents.all()) {
      agent.income = 0;
      if (agent.type === "user") agent.benefit = 0;
    }
    w.usage.length = 0;
    // Users see the projects as they stood at the start of the step.
    w.ledger.refreshDemand(p);
  },
  creator: creatorAct,
  investor: investorAct,
  user: userAct,
  rewards: rewardPhase,
  updates: (w, p, ctx) => updatePhase(w, p, ctx.timestep),
  roi,
  roiInvestors: (investors) => investors.filter((i) => i.active),
};
