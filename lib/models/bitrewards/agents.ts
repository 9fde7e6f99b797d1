/**
 * Creators, investors and users, and what each does in its phase (design document sections 3.2–3.4
 * and the design's first half as docs/models/bitrewards.md summarises it). Choices the design leaves open are
 * named constants or parameters with their reasons.
 */
import type { Agent, AgentContext, AgentRegistry } from "../../engine/agents.ts";
import type { Rng } from "../../engine/random.ts";
import {
  type ContributionLedger,
  type ContributionType,
  CORE_TYPES,
  type Domain,
  DOMAINS,
  pickCumulative,
  type Project,
} from "./contributions.ts";
import {
  DERIVATIVE_TYPES_BY_ROLE,
  type DerivativeParam,
  type DesignParams,
  INITIATOR_DOMAINS_BY_ROLE,
  type InitiatorParam,
} from "./design_params.ts";

/** Avoids division by zero in ratios (the design's ε). */
export const EPSILON = 1e-9;

/** Satisfaction of a new agent: the original's 1.0 — content until its first step's income says otherwise. */
const INITIAL_SATISFACTION = 1;
/** Range of a creator's intrinsic motivation, drawn uniformly: the earlier original's U(0.3, 1.0). */
const INTRINSIC_MOTIVATION_MIN = 0.3;
const INTRINSIC_MOTIVATION_MAX = 1.0;
/** A core role's pull towards a project outside its two home domains: weak (a fifth) but not nil. */
const OFF_DOMAIN_ALIGNMENT = 0.2;
/**
 * Added to a project's reputation when creators choose one to build on, so that a project whose
 * contributions all have quality 0 can still be picked (and improved).
 */
const REPUTATION_FLOOR = 0.1;
/** Parents of a curation or recommendation, drawn uniformly: "a set" in the design, so two, or three. */
const SET_PARENTS_MIN = 2;
const SET_PARENTS_MAX = 3;
/** Parents of code, data or a discovery, drawn uniformly: it builds on one or two existing core pieces. */
const BUILD_PARENTS_MIN = 1;
const BUILD_PARENTS_MAX = 2;

/** State every agent type shares (the design's common agent state). */
interface Member extends Agent {
  /** Cumulative: rewards (creators), budget plus rewards (investors), benefit (users). */
  wealth: number;
  /** This step's royalties; reset at the start of every step. */
  income: number;
  /** Royalties received over the run (the design's total_income: rewards received). */
  totalIncome: number;
  satisfaction: number;
  active: boolean;
  /** Consecutive steps with satisfaction below the churn threshold. */
  lowSteps: number;
  readonly aspiration: number;
}

export const CORE_ROLES = ["developer", "scientist"] as const;
export const SUPPORTING_ROLES = ["reviewer", "curator", "tester", "community"] as const;
export type Role = typeof CORE_ROLES[number] | typeof SUPPORTING_ROLES[number];

export interface Creator extends Member {
  readonly type: "creator";
  readonly role: Role;
  readonly skill: number;
  readonly intrinsicMotivation: number;
  /** Moving average of income per owned contribution; undefined until the creator owns one. */
  payoffAverage?: number;
  readonly contributionsByType: Map<ContributionType, number>;
  contributionsCount: number;
}

export interface Investor extends Member {
  readonly type: "investor";
  budget: number;
  readonly initialBudget: number;
  readonly minExpectedRoi: number;
  totalInvested: number;
  /** Contributions this investor has funded: each is funded at most once. */
  readonly funded: Set<number>;
}

export interface User extends Member {
  readonly type: "user";
  /** Interest in each domain (sums to 1). */
  readonly preferences: Readonly<Record<Domain, number>>;
  /**
   * The design's users: this step's benefit of what they used (what their satisfaction reads, in place of
   * royalties, which users do not receive) and its total over the run. Absent in a variant whose users
   * get no benefit (read as 0).
   */
  benefit?: number;
  totalBenefit?: number;
}

export type BitAgent = Creator | Investor | User;

/** One usage event of the step: the contribution used, its gross value and the fee (the reward pool). */
export interface UsageEvent {
  readonly contribution: number;
  readonly grossValue: number;
  readonly fee: number;
}

/** What the behaviours need of the world. */
export interface Market {
  readonly agents: AgentRegistry<BitAgent>;
  readonly ledger: ContributionLedger;
  readonly usage: UsageEvent[];
  /** The step's fundable initiators, best first (see `fundingRanking`); built by the first investor to act. */
  ranking?: { readonly step: number; readonly targets: readonly RankedTarget[] };
}

/** A project initiator an investor may fund, with its estimated ROI per step. */
export interface RankedTarget {
  readonly id: number;
  readonly roi: number;
}

/** The logistic satisfaction of an income against an aspiration (design: the common agent state). */
export function satisfactionOf(income: number, aspiration: number, k: number): number {
  return 1 / (1 + Math.exp(-k * (income / (aspiration + EPSILON) - 1)));
}

/**
 * Updates satisfaction and churn after a step: inactive after churn_steps consecutive low steps. A user's
 * satisfaction reads its benefit this step; a creator's or investor's, its royalties this step.
 */
export function updateSatisfaction(agent: BitAgent, p: DesignParams): void {
  const earned = agent.type === "user" ? agent.benefit ?? 0 : agent.income;
  agent.satisfaction = satisfactionOf(earned, agent.aspiration, p.satisfaction_k);
  agent.lowSteps = agent.satisfaction < p.churn_threshold ? agent.lowSteps + 1 : 0;
  if (agent.lowSteps >= p.churn_steps) agent.active = false;
}

/** The shared state of a new agent of either variant: active, content, with nothing earned yet. */
export const member = (id: number, aspiration: number, wealth = 0) => ({
  id,
  wealth,
  income: 0,
  totalIncome: 0,
  satisfaction: INITIAL_SATISFACTION,
  active: true,
  lowSteps: 0,
  aspiration,
});

export function newCreator(id: number, p: DesignParams, rng: Rng): Creator {
  const supporting = rng.random() < p.supporting_creator_fraction;
  const roles = supporting ? SUPPORTING_ROLES : CORE_ROLES;
  return {
    ...member(id, p.aspiration_income_creators),
    type: "creator",
    role: roles[rng.int(roles.length)],
    skill: p.skill_min + (p.skill_max - p.skill_min) * rng.random(),
    intrinsicMotivation: INTRINSIC_MOTIVATION_MIN +
      (INTRINSIC_MOTIVATION_MAX - INTRINSIC_MOTIVATION_MIN) * rng.random(),
    contributionsByType: new Map(),
    contributionsCount: 0,
  };
}

export function newInvestor(id: number, p: DesignParams, rng: Rng): Investor {
  return {
    ...member(id, p.aspiration_income_investors, p.investor_budget),
    type: "investor",
    budget: p.investor_budget,
    initialBudget: p.investor_budget,
    minExpectedRoi: Math.max(0, rng.normal(p.min_expected_roi_mean, p.min_expected_roi_std)),
    totalInvested: 0,
    funded: new Set(),
  };
}

export function newUser(id: number, p: DesignParams, rng: Rng): User {
  // Random interests: exponential draws normalised (a flat Dirichlet).
  const raw = DOMAINS.map(() => -Math.log(1 - rng.random()));
  const sum = raw.reduce((s, x) => s + x, 0);
  return {
    ...member(id, p.aspiration_income_users),
    type: "user",
    preferences: Object.fromEntries(DOMAINS.map((d, i) => [d, raw[i] / sum])) as Record<Domain, number>,
    benefit: 0,
    totalBenefit: 0,
  };
}

// ---------------------------------------------------------------- creators

/** Domains a core role starts projects in, with probabilities: the `<role>_starts_in_<domain>` parameters. */
export function initiatorDomains(role: (typeof CORE_ROLES)[number], p: DesignParams): [Domain, number][] {
  const domains: readonly Domain[] = INITIATOR_DOMAINS_BY_ROLE[role];
  return domains.map((domain) => [domain, p[`${role}_starts_in_${domain}` as InitiatorParam]]);
}

/**
 * Contribution types a role makes when deriving, with probabilities: the `<role>_makes_<type>` parameters
 * (design_params.ts), in their order. Each role mostly makes its own kind of work, and now and then the kinds
 * next to it.
 */
export function derivativeTypes(role: Role, p: DesignParams): [ContributionType, number][] {
  const types: readonly ContributionType[] = DERIVATIVE_TYPES_BY_ROLE[role];
  return types.map((type) => [type, p[`${role}_makes_${type}` as DerivativeParam]]);
}

function pickWeighted<T>(options: readonly [T, number][], rng: Rng): T {
  let u = rng.random();
  for (const [value, weight] of options) {
    if (u < weight) return value;
    u -= weight;
  }
  return options[options.length - 1][0];
}

/** How much a role is drawn to a domain when choosing a project to build on (supporting roles: any). */
function alignment(role: Role, domain: Domain): number {
  if (role === "developer") return domain === "software" || domain === "education" ? 1 : OFF_DOMAIN_ALIGNMENT;
  if (role === "scientist") return domain === "biology" || domain === "chemistry" ? 1 : OFF_DOMAIN_ALIGNMENT;
  return 1;
}

/** quality = clamp(base_quality_mean + skill_quality_weight · skill + U(−noise, noise), 0, 1). */
export function drawQuality(skill: number, p: DesignParams, rng: Rng): number {
  const noise = (2 * rng.random() - 1) * p.quality_noise;
  return Math.min(1, Math.max(0, p.base_quality_mean + p.skill_quality_weight * skill + noise));
}

/** Probability that a creator contributes this step: sigmoid(beta · (utility − threshold)). */
export function contributionProbability(c: Creator, p: DesignParams): number {
  const expectedPayoff = c.payoffAverage ?? p.expected_payoff_prior;
  const utility = p.intrinsic_motivation_weight * c.intrinsicMotivation +
    p.monetary_weight * expectedPayoff / (c.aspiration + EPSILON);
  return 1 / (1 + Math.exp(-p.beta * (utility - p.contribution_threshold)));
}

/** Parents of a new derivative of `type` in a project, by the design's rules per type. */
function chooseParents(
  type: ContributionType,
  members: readonly number[],
  market: Market,
  rng: Rng,
): number[] {
  const { contributions } = market.ledger;
  const core = members.filter((id) => CORE_TYPES.includes(contributions[id].type));
  const between = (min: number, max: number) => min + rng.int(max - min + 1);
  const pickFrom = (pool: readonly number[], n: number) => {
    const copy = [...pool];
    rng.shuffle(copy);
    return copy.slice(0, Math.min(n, copy.length));
  };
  switch (type) {
    case "review": // one main contribution
      return pickFrom(core.length > 0 ? core : members, 1);
    case "curation":
    case "recommendation": // a set of contributions
      return pickFrom(members, between(SET_PARENTS_MIN, SET_PARENTS_MAX));
    case "moderation":
    case "event_organization":
    case "introduction": // community work supports the project as a whole: its initiator
      return [members[0]];
    default: // code, data and discoveries build on one or two existing core contributions
      return pickFrom(core.length > 0 ? core : members, between(BUILD_PARENTS_MIN, BUILD_PARENTS_MAX));
  }
}

/** Creator phase: decide whether to contribute, then start a project or derive from one. */
export function creatorAct(c: Creator, market: Market, p: DesignParams, ctx: AgentContext): void {
  const { rng } = ctx;
  if (rng.random() >= contributionProbability(c, p)) return;
  const ledger = market.ledger;
  const projects = ledger.projects;
  const saturation = projects.length / (projects.length + p.project_saturation_scale);
  const initiates = (CORE_ROLES as readonly string[]).includes(c.role) &&
    (projects.length === 0 || rng.random() < p.p_new_initiator_base * (1 - saturation));
  let contribution;
  if (initiates) {
    const role = c.role as (typeof CORE_ROLES)[number];
    const type = role === "developer" ? "software_code" : "bio_discovery";
    const domain = pickWeighted(initiatorDomains(role, p), rng);
    contribution = ledger.startProject(
      domain,
      type,
      c.id,
      ctx.timestep,
      drawQuality(c.skill, p, rng),
      p,
      rng,
    );
  } else {
    if (projects.length === 0) return;
    const meanRevenue = projects.reduce((s, pr) => s + pr.recentRevenue, 0) / projects.length;
    const weights: number[] = [];
    let total = 0;
    for (const project of projects) {
      total += (REPUTATION_FLOOR + project.reputation) * alignment(c.role, project.domain) *
        (1 + project.recentRevenue / (meanRevenue + EPSILON));
      weights.push(total);
    }
    const project = projects[pickCumulative(weights, rng)];
    const type = pickWeighted(derivativeTypes(c.role, p), rng);
    const parents = chooseParents(type, project.members, market, rng);
    contribution = ledger.add(
      project.id,
      type,
      c.id,
      ctx.timestep,
      drawQuality(c.skill, p, rng),
      parents,
      p,
      rng,
      (SUPPORTING_ROLES as readonly string[]).includes(c.role),
    );
  }
  c.contributionsCount++;
  c.contributionsByType.set(contribution.type, (c.contributionsByType.get(contribution.type) ?? 0) + 1);
}

/** After the rewards: the moving average of income per owned contribution. */
export function updatePayoff(c: Creator, p: DesignParams): void {
  if (c.contributionsCount === 0) return;
  const perContribution = c.income / c.contributionsCount;
  c.payoffAverage = c.payoffAverage === undefined
    ? perContribution
    : p.income_ma_alpha * perContribution + (1 - p.income_ma_alpha) * c.payoffAverage;
}

// ---------------------------------------------------------------- investors

/**
 * Investor phase: as the design's first version, candidates are the projects' initiator contributions
 * (core types) of sufficient quality that this investor has not funded yet. Each is ranked by estimated
 * ROI per step, (recent project fees × royalty) / funding_cost, and the best above the investor's
 * required ROI are funded while the budget lasts (at most investor_max_funding_per_step). A risk-averse
 * investor (risk_aversion > 0) estimates with the project's fees less that many standard deviations of
 * them over the window: of two projects with the same mean fees, it prefers the steadier.
 */
export function investorAct(inv: Investor, market: Market, p: DesignParams, ctx: AgentContext): void {
  if (inv.budget < p.funding_cost || p.investor_max_funding_per_step === 0) return;
  const ledger = market.ledger;
  const chosen: number[] = [];
  for (const { id, roi } of fundingRanking(market, p, ctx.timestep)) {
    // Best first: once one is not above this investor's required ROI, none after it is.
    if (roi <= inv.minExpectedRoi || chosen.length === p.investor_max_funding_per_step) break;
    if (!inv.funded.has(id)) chosen.push(id);
  }
  for (const id of chosen) {
    if (inv.budget < p.funding_cost) break;
    const drawn = p.investor_royalty_min +
      (p.investor_royalty_max - p.investor_royalty_min) * ctx.rng.random();
    ledger.fund(id, inv.id, ctx.timestep, drawn);
    inv.funded.add(id);
    inv.budget -= p.funding_cost;
    inv.wealth -= p.funding_cost;
    inv.totalInvested += p.funding_cost;
  }
}

/**
 * The projects' initiators of sufficient quality, by estimated ROI per step, highest first (among equals, the
 * older project). Every investor of a step ranks them alike — projects, their fees and the initiators'
 * quality do not change while investors act — so the ranking is built once a step rather than once per
 * investor (which made the investor phase grow with investors × projects).
 */
export function fundingRanking(market: Market, p: DesignParams, step: number): readonly RankedTarget[] {
  if (market.ranking?.step === step) return market.ranking.targets;
  const { ledger } = market;
  const royalty = (p.investor_royalty_min + p.investor_royalty_max) / 2;
  const targets: RankedTarget[] = [];
  for (const project of ledger.projects) {
    const target = ledger.contributions[project.initiator];
    const roi = estimatedRoi(project, royalty, p);
    // NaN (no fees at a funding_cost of 0) is above no required ROI: such a target is never funded.
    if (target.quality >= p.investor_min_target_quality && !Number.isNaN(roi)) {
      targets.push({ id: target.id, roi });
    }
  }
  targets.sort((a, b) => b.roi - a.roi || a.id - b.id);
  market.ranking = { step, targets };
  return targets;
}

/** An investor's estimated ROI per step of funding a project's initiator (see `investorAct`). */
export function estimatedRoi(
  project: Pick<Project, "recentRevenue" | "revenueSpread">,
  royalty: number,
  p: DesignParams,
): number {
  const fees = project.recentRevenue - p.risk_aversion * project.revenueSpread;
  return fees * royalty / p.funding_cost;
}

// ---------------------------------------------------------------- users

/**
 * Mean usage events of an active user in a step: lambda_usage_per_step, less the share price_sensitivity ·
 * gas_fee_share_rate that the fee deters (never below 0).
 */
export function usageRate(p: DesignParams): number {
  return p.lambda_usage_per_step * Math.max(0, 1 - p.price_sensitivity * p.gas_fee_share_rate);
}

/**
 * User phase: with probability usage_probability the user is active this step and generates
 * Poisson(lambda_usage_per_step) events; each picks a domain by interest × total demand, a project in it
 * by demand score, and a usable contribution in it weighted towards quality.
 */
export function userAct(u: User, market: Market, p: DesignParams, ctx: AgentContext): void {
  const { rng } = ctx;
  if (rng.random() >= p.usage_probability) return;
  const events = rng.poisson(usageRate(p));
  const byDomain = market.ledger.demandByDomain;
  if (events === 0 || byDomain.size === 0) return;
  const domains = [...byDomain.keys()];
  const domainWeights: number[] = [];
  let total = 0;
  for (const d of domains) {
    total += u.preferences[d] * byDomain.get(d)!.cumulative.at(-1)!;
    domainWeights.push(total);
  }
  for (let e = 0; e < events; e++) {
    const entry = byDomain.get(domains[pickCumulative(domainWeights, rng)])!;
    const project = market.ledger.projects[entry.projects[pickCumulative(entry.cumulative, rng)]];
    const contribution = project.usable[pickCumulative(project.usableWeights, rng)];
    const fee = p.gross_value * p.gas_fee_share_rate;
    market.usage.push({ contribution, grossValue: p.gross_value, fee });
    // The user's own benefit from the product it used: what its satisfaction reads (not a royalty).
    const benefit = p.user_value_share * p.gross_value * market.ledger.contributions[contribution].quality;
    u.benefit = (u.benefit ?? 0) + benefit;
    u.totalBenefit = (u.totalBenefit ?? 0) + benefit;
    u.wealth += benefit;
  }
}
