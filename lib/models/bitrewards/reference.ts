/**
 * The `reference` variant: the rules the original implementation ran (yesthisischris/bitrewards_simulation,
 * package `bitrewards_abm`, commit d219d55, the version behind its published baseline data), written anew
 * so that the design can be set beside what was actually run. Step by step, with our mapping onto the
 * shared tables, in docs/models/bitrewards.md ("The reference variant").
 *
 * In brief: agents act in list order; a creator contributes with a fixed probability, building on one
 * existing contribution drawn by quality, which tracing records, misses or replaces by a false link;
 * investors fund contributions drawn by quality and pay the owner directly; users use uniformly random
 * contributions; each event pays a fee and accrues a royalty that is paid in batches; both are split
 * proportionally up the graph (reference_split.ts); creators and investors judge by ROI, users by income.
 */
import { type AgentContext, AgentRegistry } from "../../engine/agents.ts";
import type { Rng } from "../../engine/random.ts";
import { type BitAgent, type Creator, type Investor, member, type Role, type User } from "./agents.ts";
import { CONTRIBUTION_TYPES, type ContributionType, DOMAINS, pickCumulative } from "./contributions.ts";
import { checkReference, type ReferenceParams } from "./reference_params.ts";
import { splitProportionally } from "./reference_split.ts";
import type { Lineage } from "./reward.ts";
import { type BitrewardsWorld, emptyTally, emptyTracing, type Rules, type TracingCounts } from "./world.ts";

/** The original's ε in ROI and in the users' income ratio. */
const EPSILON = 1e-6;
/** Floor of a contribution's weight when drawn by quality, so that quality 0 can still be drawn. */
const MIN_PICK_WEIGHT = 0.01;

/** The original's three contribution categories: what sets an edge's split and an event's fee. */
export type Category = "core" | "supporting" | "funding";

export const ORIGINAL_CORE_ROLES = ["developer", "scientist", "engineer", "researcher"] as const;
export const ORIGINAL_SUPPORTING_ROLES = [
  "reviewer",
  "educator",
  "curator",
  "moderator",
  "facilitator",
] as const;
export type OriginalRole = typeof ORIGINAL_CORE_ROLES[number] | typeof ORIGINAL_SUPPORTING_ROLES[number];

/**
 * Each original role as the nearest of our roles (the `role` column) and the contribution type its work is
 * counted as (the `contributions_<type>` columns). The original knew only the categories core_research and
 * supporting; the type is a label here — splits and fees go by category.
 */
export const ROLE_MAP: Readonly<Record<OriginalRole, { role: Role; type: ContributionType }>> = {
  developer: { role: "developer", type: "software_code" },
  engineer: { role: "developer", type: "software_code" },
  scientist: { role: "scientist", type: "bio_discovery" },
  researcher: { role: "scientist", type: "dataset" },
  reviewer: { role: "reviewer", type: "review" },
  curator: { role: "curator", type: "curation" },
  educator: { role: "community", type: "annotation" },
  moderator: { role: "community", type: "moderation" },
  facilitator: { role: "community", type: "event_organization" },
};

export interface ReferenceCreator extends Creator {
  readonly originalRole: OriginalRole;
  readonly category: "core" | "supporting";
}

/** One contribution: what the rules read of it. */
export interface ReferenceContribution {
  readonly id: number;
  readonly category: Category;
  readonly type: ContributionType;
  /** Agent id of the owner (creator, or investor for a funding). */
  readonly owner: number;
  readonly quality: number;
  /** Royalty value accrued by usage since the last batch. */
  accrued: number;
}

/**
 * The contributions and their graph. Edges are stored at the child (parents and splits, in the order
 * recorded): value flows from a child to its parents.
 */
export class ReferenceGraph implements Lineage {
  readonly contributions: ReferenceContribution[] = [];
  readonly countByType = new Map<ContributionType, number>(CONTRIBUTION_TYPES.map((t) => [t, 0]));
  readonly #parents: number[][] = [];
  readonly #splits: number[][] = [];
  /** Running sums of max(quality, 0.01) over every contribution: creators draw true parents by it. */
  readonly #parentWeights: number[] = [];
  /** Non-funding contributions of quality at least the investors' minimum, with the same running sums. */
  readonly #fundable: number[] = [];
  readonly #fundableWeights: number[] = [];

  constructor(private readonly minTargetQuality: number) {}

  add(category: Category, type: ContributionType, owner: number, quality: number): ReferenceContribution {
    const c: ReferenceContribution = {
      id: this.contributions.length,
      category,
      type,
      owner,
      quality,
      accrued: 0,
    };
    this.contributions.push(c);
    this.#parents.push([]);
    this.#splits.push([]);
    this.countByType.set(type, this.countByType.get(type)! + 1);
    const weight = Math.max(quality, MIN_PICK_WEIGHT);
    this.#parentWeights.push((this.#parentWeights.at(-1) ?? 0) + weight);
    if (category !== "funding" && quality >= this.minTargetQuality) {
      this.#fundable.push(c.id);
      this.#fundableWeights.push((this.#fundableWeights.at(-1) ?? 0) + weight);
    }
    return c;
  }

  /** Records an edge parent → child: `split` of what reaches the child flows to the parent. */
  addEdge(parent: number, child: number, split: number): void {
    this.#parents[child].push(parent);
    this.#splits[child].push(split);
  }

  parentsOf(id: number): readonly number[] {
    return this.#parents[id];
  }

  splitsOf(id: number): readonly number[] {
    return this.#splits[id];
  }

  /** A contribution drawn with weight max(quality, 0.01), or undefined if there is none. */
  drawByQuality(rng: Rng): number | undefined {
    const i = pickCumulative(this.#parentWeights, rng);
    return i < 0 ? undefined : i;
  }

  /** A fundable contribution drawn with weight max(quality, 0.01), or undefined if there is none. */
  drawFundable(rng: Rng): number | undefined {
    const i = pickCumulative(this.#fundableWeights, rng);
    return i < 0 ? undefined : this.#fundable[i];
  }
}

/** The reference rules' agents: its creators carry the original's role and category. */
export type ReferenceAgent = ReferenceCreator | Investor | User;

export interface ReferenceWorld extends BitrewardsWorld<ReferenceAgent> {
  readonly graph: ReferenceGraph;
  /** Contributions used this step, one entry per usage event. */
  readonly usage: number[];
  readonly tracing: TracingCounts;
}

// ---------------------------------------------------------------- population

function newCreator(id: number, p: ReferenceParams, rng: Rng): ReferenceCreator {
  const supporting = rng.random() < p.supporting_creator_fraction;
  const roles = supporting ? ORIGINAL_SUPPORTING_ROLES : ORIGINAL_CORE_ROLES;
  const originalRole = roles[rng.int(roles.length)];
  return {
    ...member(id, p.aspiration_income_creators),
    type: "creator",
    role: ROLE_MAP[originalRole].role,
    originalRole,
    category: supporting ? "supporting" : "core",
    skill: p.skill_min + (p.skill_max - p.skill_min) * rng.random(),
    // The original's creators have no intrinsic motivation: they contribute with a fixed probability.
    intrinsicMotivation: 0,
    contributionsByType: new Map(),
    contributionsCount: 0,
  };
}

function newInvestor(id: number, p: ReferenceParams): Investor {
  return {
    // Wealth counts what the investor receives; the budget is kept apart (as the original did).
    ...member(id, p.aspiration_income_investors),
    type: "investor",
    budget: p.investor_budget,
    initialBudget: p.investor_budget,
    // The original's investors require no expected return: they fund while their budget lasts.
    minExpectedRoi: 0,
    totalInvested: 0,
    funded: new Set(),
  };
}

/** The original's users have no interests: they use uniformly random contributions. */
const EVEN_PREFERENCES = Object.fromEntries(
  DOMAINS.map((d) => [d, 1 / DOMAINS.length]),
) as User["preferences"];

function newUser(id: number, p: ReferenceParams): User {
  return { ...member(id, p.aspiration_income_users), type: "user", preferences: EVEN_PREFERENCES };
}

/** Builds the population in the original's order (creators, investors, users), all from the run's stream. */
function create(p: ReferenceParams, ctx: AgentContext): ReferenceWorld {
  const graph = new ReferenceGraph(p.investor_min_target_quality);
  const w: ReferenceWorld = {
    agents: new AgentRegistry<ReferenceAgent>(),
    graph,
    countByType: graph.countByType,
    usage: [],
    tracing: emptyTracing(),
    tally: emptyTally(),
  };
  for (let i = 0; i < p.N_creators; i++) w.agents.add((id) => newCreator(id, p, ctx.rng));
  for (let i = 0; i < p.N_investors; i++) w.agents.add((id) => newInvestor(id, p));
  for (let i = 0; i < p.N_users; i++) w.agents.add((id) => newUser(id, p));
  return w;
}

// ---------------------------------------------------------------- creators

/** A draw from U(a, b) as Python's random.uniform makes it. */
const uniform = (a: number, b: number, rng: Rng) => a + (b - a) * rng.random();

/** Split of the edge into a new contribution of this category. */
export function derivativeSplit(category: Category, p: ReferenceParams): number {
  if (category === "supporting") return p.supporting_derivative_split;
  if (category === "funding") return 0;
  return p.default_derivative_split;
}

/**
 * Records a creator's new contribution and the edge tracing makes of its true parent (if any): the true
 * parent with probability tracing_accuracy; else, with probability tracing_false_positive_rate, a uniformly
 * random other earlier contribution; else none.
 */
export function addCreatorContribution(
  w: ReferenceWorld,
  c: ReferenceCreator,
  quality: number,
  trueParent: number | undefined,
  p: ReferenceParams,
  rng: Rng,
): ReferenceContribution {
  const type = ROLE_MAP[c.originalRole].type;
  const contribution = w.graph.add(c.category, type, c.id, quality);
  c.contributionsCount++;
  c.contributionsByType.set(type, (c.contributionsByType.get(type) ?? 0) + 1);
  if (trueParent === undefined) return contribution;
  w.tracing.trueLinks++;
  let parent: number | undefined;
  if (rng.random() < p.tracing_accuracy) {
    parent = trueParent;
    w.tracing.detected++;
  } else {
    w.tracing.missed++;
    // Candidates: every earlier contribution but the true parent.
    const others = contribution.id - 1;
    if (rng.random() < p.tracing_false_positive_rate && others > 0) {
      const k = rng.int(others);
      parent = k < trueParent ? k : k + 1;
      w.tracing.falsePositives++;
    }
  }
  const split = derivativeSplit(c.category, p);
  if (parent !== undefined && split > 0) w.graph.addEdge(parent, contribution.id, split);
  return contribution;
}

/** Creator phase: with a fixed probability, one contribution of quality clamp(skill ± noise). */
export function creatorAct(c: ReferenceCreator, w: ReferenceWorld, p: ReferenceParams, rng: Rng): void {
  if (rng.random() >= p.creator_base_contribution_probability) return;
  const quality = Math.min(1, Math.max(0, c.skill + uniform(-p.quality_noise, p.quality_noise, rng)));
  // Drawn before the new contribution exists: it cannot be its own parent, so the graph stays acyclic.
  const trueParent = w.graph.drawByQuality(rng);
  addCreatorContribution(w, c, quality, trueParent, p, rng);
}

// ---------------------------------------------------------------- investors

/**
 * One funding of `target`: amount ~ U(min(funding_amount_min, avail), avail) with avail = min(max, budget),
 * royalty ~ U(investor_royalty_min, investor_royalty_max). The amount leaves the budget (the investor's cost)
 * and goes to the target owner's wealth — not its income, so it never enters anyone's ROI or satisfaction.
 * A funding contribution (the target's quality) is added; its edge funding → target, with the royalty as its
 * split, only when funding_split_fraction > 0.
 */
export function fund(
  w: ReferenceWorld,
  inv: Investor,
  target: number,
  p: ReferenceParams,
  rng: Rng,
): ReferenceContribution | undefined {
  const avail = Math.min(p.funding_amount_max, inv.budget);
  if (avail <= 0) return undefined;
  const amount = uniform(Math.min(p.funding_amount_min, avail), avail, rng);
  const royalty = uniform(p.investor_royalty_min, p.investor_royalty_max, rng);
  inv.budget -= amount;
  inv.totalInvested += amount;
  const targetContribution = w.graph.contributions[target];
  const funding = w.graph.add("funding", "funding", inv.id, targetContribution.quality);
  // The funding contributions, as the original kept them: a target may be funded more than once.
  inv.funded.add(funding.id);
  // Paid whether or not the owner is still active, as the original did.
  w.agents.all()[targetContribution.owner].wealth += amount;
  if (p.funding_split_fraction > 0) {
    w.graph.addEdge(funding.id, target, royalty > 0 ? royalty : p.funding_split_fraction);
  }
  return funding;
}

/** Investor phase: up to investor_max_funding_per_step fundings while the budget covers the minimum. */
export function investorAct(inv: Investor, w: ReferenceWorld, p: ReferenceParams, rng: Rng): void {
  for (let k = 0; k < p.investor_max_funding_per_step; k++) {
    if (inv.budget < p.funding_amount_min) return;
    const target = w.graph.drawFundable(rng);
    if (target === undefined || fund(w, inv, target, p, rng) === undefined) return;
  }
}

// ---------------------------------------------------------------- users

/** User phase: with probability usage_probability, Poisson(lambda_usage_per_step) uniformly random uses. */
export function userAct(w: ReferenceWorld, p: ReferenceParams, rng: Rng): void {
  const n = w.graph.contributions.length;
  if (n === 0) return;
  // The original's test: use unless the draw is above the probability.
  if (rng.random() > p.usage_probability) return;
  const events = rng.poisson(p.lambda_usage_per_step);
  for (let e = 0; e < events; e++) w.usage.push(rng.int(n));
}

// ---------------------------------------------------------------- rewards

/** Fee of one usage event on a contribution of this category. */
export function eventFee(category: Category, p: ReferenceParams): number {
  const share = category === "core"
    ? p.core_base_royalty_share
    : category === "supporting"
    ? p.supporting_base_royalty_share
    : p.funding_base_royalty_share;
  return p.gas_fee_share_rate * p.gross_value * share;
}

/**
 * Splits `pool` from `root` and pays each amount to its contribution's owner if that owner is active (an
 * inactive owner's amount is paid to no one). Returns what was paid to owners of contributions other than
 * `root` and their depths, for the tally.
 */
function payPool(
  w: ReferenceWorld,
  root: number,
  pool: number,
): { upstream: number; depthSum: number; depthCount: number } {
  const credits = splitProportionally(w.graph, root, pool);
  const agents = w.agents.all();
  const paid = { upstream: 0, depthSum: 0, depthCount: 0 };
  for (let i = 0; i < credits.ids.length; i++) {
    const owner = agents[w.graph.contributions[credits.ids[i]].owner];
    if (!owner.active) continue;
    const amount = credits.amounts[i];
    owner.income += amount;
    owner.wealth += amount;
    owner.totalIncome += amount;
    if (credits.depths[i] > 0) {
      paid.upstream += amount;
      paid.depthSum += credits.depths[i];
      paid.depthCount++;
    }
  }
  return paid;
}

/**
 * Rewards phase: each event's fee is split from the used contribution, and the event adds
 * royalty_accrual_per_usage to that contribution's account; every royalty_batch_interval steps each account
 * is split from its contribution and reset. The tally's fees, upstream share and depth are the fees' only
 * (the original's total_fee_distributed likewise left the batched royalties out).
 */
export function rewards(w: ReferenceWorld, p: ReferenceParams, step: number): void {
  const { contributions } = w.graph;
  const t = w.tally;
  for (const id of w.usage) {
    t.usageEvents++;
    const fee = eventFee(contributions[id].category, p);
    if (fee > 0) {
      t.feeDistributed += fee;
      const paid = payPool(w, id, fee);
      t.upstreamPaid += paid.upstream;
      t.depthSum += paid.depthSum;
      t.depthCount += paid.depthCount;
    }
    contributions[id].accrued += p.royalty_accrual_per_usage;
  }
  if (p.royalty_batch_interval > 0 && step % p.royalty_batch_interval === 0) {
    for (const c of contributions) {
      if (c.accrued <= 0) continue;
      payPool(w, c.id, c.accrued);
      c.accrued = 0;
    }
  }
}

// ---------------------------------------------------------------- satisfaction and churn

/** ROI as the original computes it: income / (cost + ε) − 1, and 0 before any cost. */
export function referenceRoi(income: number, cost: number): number {
  return cost > 0 ? income / (cost + EPSILON) - 1 : 0;
}

/** An investor's ROI: royalties received against the amounts it funded. */
export const investorRoi = (inv: Investor): number => referenceRoi(inv.totalIncome, inv.totalInvested);

/** The signal satisfaction reads: users their income against aspiration, the others max(0, 1 + ROI). */
export function satisfactionSignal(agent: BitAgent): number {
  if (agent.type === "user") return agent.income / (agent.aspiration + EPSILON);
  // Creators bear no cost in the original (its creator_contribution_cost is 0), so their ROI is 0.
  const roi = agent.type === "investor" ? investorRoi(agent) : 0;
  return Math.max(0, 1 + roi);
}

/** Updates one agent's satisfaction and streak and applies its churn rule. */
export function updateAgent(agent: BitAgent, p: ReferenceParams): void {
  const s = 1 / (1 + Math.exp(-p.satisfaction_k * (satisfactionSignal(agent) - 1)));
  agent.satisfaction = Math.min(1, Math.max(0, s));
  agent.lowSteps = agent.satisfaction < p.churn_threshold ? agent.lowSteps + 1 : 0;
  if (churns(agent, p)) agent.active = false;
}

/**
 * Churn: creators and investors leave when their ROI is below their exit threshold and their streak has
 * reached roi_churn_window; users when their streak has reached churn_steps.
 */
export function churns(agent: BitAgent, p: ReferenceParams): boolean {
  if (agent.type === "user") return agent.lowSteps >= p.churn_steps;
  const [roi, threshold] = agent.type === "investor"
    ? [investorRoi(agent), p.investor_roi_exit_threshold]
    : [0, p.creator_roi_exit_threshold];
  return roi < threshold && agent.lowSteps >= p.roi_churn_window;
}

export const referenceRules: Rules<ReferenceWorld, ReferenceParams> = {
  check: checkReference,
  order: "insertion",
  create,
  begin: (w) => {
    for (const agent of w.agents.all()) agent.income = 0;
    w.usage.length = 0;
  },
  creator: (c, w, p, ctx) => creatorAct(c, w, p, ctx.rng),
  investor: (inv, w, p, ctx) => investorAct(inv, w, p, ctx.rng),
  user: (_u, w, p, ctx) => userAct(w, p, ctx.rng),
  rewards: (w, p, ctx) => rewards(w, p, ctx.timestep),
  // Every agent, active or not, as the original did: a departed agent's satisfaction still follows its signal.
  updates: (w, p) => {
    for (const agent of w.agents.all()) updateAgent(agent, p);
  },
  roi: investorRoi,
  // As the original's data collector: every investor that has funded, including those that left.
  roiInvestors: (investors) => investors.filter((i) => i.totalInvested > 0),
};
