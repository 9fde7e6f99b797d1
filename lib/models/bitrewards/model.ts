/**
 * The BITrewards agent-based model (docs/models/bitrewards.md) on the engine's Mesa-style runner.
 * Each step (one week) runs the phases in order — begin, creators, investors, users, rewards, updates —
 * then the tally the data collector reads. What each phase does is the run's variant's (`rules`
 * parameter): the design document's rules, or the original implementation's, chosen and bound to the run's
 * world once as the run starts (rules.ts).
 */
import { type AgentContext, type AgentRegistry, defineAgentModel } from "../../engine/agents.ts";
import { ParamError } from "../../engine/params.ts";
import type { BitAgent } from "./agents.ts";
import { CONTRIBUTION_TYPES } from "./contributions.ts";
import { gini } from "../../analysis/gini.ts";
import { type BitrewardsParams, bitrewardsParams, type SharedParams } from "./params.ts";
import { type RunningWorld, variantOf } from "./rules.ts";
import { type BitrewardsWorld, emptyTally } from "./world.ts";

export type { BitrewardsWorld } from "./world.ts";

/** Refuses shared parameters that contradict each other. */
function checkShared(p: SharedParams): void {
  if (p.investor_royalty_min > p.investor_royalty_max) {
    throw new ParamError(
      `investor_royalty_min (${p.investor_royalty_min}) must not exceed investor_royalty_max (${p.investor_royalty_max})`,
    );
  }
  if (p.skill_min > p.skill_max) {
    throw new ParamError(`skill_min (${p.skill_min}) must not exceed skill_max (${p.skill_max})`);
  }
}

/** The step's figures the reporters read (and the agent_steps rows), under either variant. */
function tallyPhase(w: RunningWorld, _p: BitrewardsParams, ctx: AgentContext): void {
  // Read as agents of the shared types: every variant's agents are of them (a reference creator is a creator).
  const agents: AgentRegistry<BitAgent> = w.agents;
  const { rules } = w;
  const creators = agents.ofType("creator");
  const investors = agents.ofType("investor");
  const activeCreators = creators.filter((c) => c.active);
  const activeInvestors = investors.filter((i) => i.active);
  const users = agents.ofType("user");
  const counted = rules.roiInvestors(investors);
  const t = w.tally;
  t.activeCreators = activeCreators.length;
  t.activeInvestors = activeInvestors.length;
  t.activeUsers = users.filter((u) => u.active).length;
  t.giniCreators = gini(creators.map((c) => c.wealth));
  t.giniAll = gini(agents.all().map((a) => a.wealth));
  t.meanCreatorIncome = activeCreators.length === 0
    ? 0
    : activeCreators.reduce((s, c) => s + c.income, 0) / activeCreators.length;
  t.meanInvestorRoi = counted.length === 0
    ? 0
    : counted.reduce((s, i) => s + rules.roi(i), 0) / counted.length;
  t.meanCreatorSatisfaction = meanSatisfaction(creators);
  t.meanInvestorSatisfaction = meanSatisfaction(investors);
  t.meanUserSatisfaction = meanSatisfaction(users);
  // One row per agent for the agent_steps table, when it is recorded (it is only on request).
  if (!ctx.records("agent_steps")) return;
  for (const a of agents.all()) {
    ctx.emit("agent_steps", {
      agent_id: a.id,
      agent_type: a.type,
      role: roleOf(a),
      active: a.active,
      income: a.income,
      benefit: benefitOf(a),
      wealth: a.wealth,
      satisfaction: a.satisfaction,
      contributions_count: a.type === "creator" ? a.contributionsCount : 0,
    });
  }
}

/** Mean satisfaction of the agents given (0 when there are none). */
const meanSatisfaction = (xs: readonly BitAgent[]) =>
  xs.length === 0 ? 0 : xs.reduce((s, a) => s + a.satisfaction, 0) / xs.length;

const roleOf = (a: BitAgent) => (a.type === "creator" ? a.role : "");
const benefitOf = (a: BitAgent) => (a.type === "user" ? a.benefit ?? 0 : 0);

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
  check: (p: BitrewardsParams) => {
    checkShared(p);
    // What only one variant reads, that variant checks.
    variantOf(p).check(p);
  },
  create: (p: BitrewardsParams, ctx): RunningWorld => {
    const w = variantOf(p).start(p, ctx);
    tallyPhase(w, p, ctx);
    return w;
  },
  // The variant's agents act in the creators, investors and users phases: its bound rules activate them,
  // since only they know the agents' types (a reference creator carries the original's role).
  phases: [
    {
      name: "begin",
      run: (w, p, ctx) => {
        w.tally = emptyTally();
        w.rules.begin(p, ctx);
      },
    },
    { name: "creators", run: (w, p, ctx) => w.rules.creators(p, ctx) },
    { name: "investors", run: (w, p, ctx) => w.rules.investors(p, ctx) },
    { name: "users", run: (w, p, ctx) => w.rules.users(p, ctx) },
    { name: "rewards", run: (w, p, ctx) => w.rules.rewards(p, ctx) },
    { name: "updates", run: (w, p, ctx) => w.rules.updates(p, ctx) },
    { name: "tally", run: tallyPhase },
  ],
  modelReporters: {
    total_contributions: count((w) => [...w.countByType.values()].reduce((s, n) => s + n, 0)),
    ...Object.fromEntries(
      CONTRIBUTION_TYPES.map((
        type,
      ) => [`contributions_${type}`, count((w) => w.countByType.get(type)!)]),
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
    mean_creator_satisfaction: (w) => w.tally.meanCreatorSatisfaction,
    mean_investor_satisfaction: (w) => w.tally.meanInvestorSatisfaction,
    mean_user_satisfaction: (w) => w.tally.meanUserSatisfaction,
    upstream_share: (w) => (w.tally.feeDistributed === 0 ? 0 : w.tally.upstreamPaid / w.tally.feeDistributed),
    mean_tracing_depth: (w) => (w.tally.depthCount === 0 ? 0 : w.tally.depthSum / w.tally.depthCount),
    // Tracing's counters over the run so far, named as the original's summaries name them.
    tracing_true_links: count((w) => w.tracing.trueLinks),
    tracing_detected_true_links: count((w) => w.tracing.detected),
    tracing_missed_true_links: count((w) => w.tracing.missed),
    tracing_false_positive_links: count((w) => w.tracing.falsePositives),
  },
  events: {
    // Opt-in (the simulator's agent_steps table): one row per agent per step, the state after the step.
    agent_steps: {
      agent_id: "int",
      agent_type: "string",
      role: "string",
      active: "bool",
      income: "float",
      benefit: "float",
      wealth: "float",
      satisfaction: "float",
      contributions_count: "int",
    },
  },
  // Columns of other agent types' state hold 0 ("" or "{}" for text): e.g. skill for an investor.
  agentReporters: {
    role: { kind: "string", value: roleOf },
    skill: (a) => (a.type === "creator" ? a.skill : 0),
    intrinsic_motivation: (a) => (a.type === "creator" ? a.intrinsicMotivation : 0),
    aspiration: (a) => a.aspiration,
    preferences: {
      kind: "string",
      value: (a) => (a.type === "user" ? JSON.stringify(a.preferences) : "{}"),
    },
    final_wealth: (a) => a.wealth,
    total_income: (a) => a.totalIncome,
    user_benefit: (a) => (a.type === "user" ? a.totalBenefit ?? 0 : 0),
    final_satisfaction: (a) => a.satisfaction,
    active_at_end: { kind: "bool", value: (a) => a.active },
    total_invested: (a) => (a.type === "investor" ? a.totalInvested : 0),
    fundings: { kind: "int", value: (a) => (a.type === "investor" ? a.funded.size : 0) },
    final_roi: (a, w) => (a.type === "investor" ? w.rules.roi(a) : 0),
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
