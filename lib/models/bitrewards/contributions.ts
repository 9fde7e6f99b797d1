/**
 * Projects, contributions and the contribution DAG (design document sections 3.2 steps 3–4 and 4.2, and the
 * design's first half as docs/models/bitrewards.md summarises it). The DAG is kept as each contribution's
 * parents and the splits of the edges from them (value flows from a child up to its parents): what the reward
 * walk reads. graph.ts builds a graphology graph from it where one is wanted.
 */
import type { Rng } from "../../engine/random.ts";
import type { DesignParams } from "./design_params.ts";
import type { Lineage } from "./reward.ts";
import { emptyTracing, type TracingCounts } from "./world.ts";

export const CONTRIBUTION_TYPES = [
  "software_code",
  "dataset",
  "bio_discovery",
  "funding",
  "review",
  "curation",
  "bugfix",
  "recommendation",
  "annotation",
  "test_case",
  "moderation",
  "event_organization",
  "introduction",
] as const;
export type ContributionType = typeof CONTRIBUTION_TYPES[number];

/**
 * A project's base demand is drawn uniformly from this range (the design gives none): centred on one unit,
 * and wide enough that one project can draw up to three times the users of another before reputation counts.
 */
const INTRINSIC_DEMAND_MIN = 0.5;
const INTRINSIC_DEMAND_MAX = 1.5;

/** The "main modules" of a project: what initiates projects and what investors fund. */
export const CORE_TYPES: readonly ContributionType[] = ["software_code", "dataset", "bio_discovery"];

/**
 * How often users pick a contribution of a type, relative to a main module: the `usage_weight_<type>`
 * parameters. The design says users "typically" use a main module; reviews, fixes and curations are used
 * too (value only flows from a used contribution to its ancestors, so a type never used could never earn).
 * Funding is never used.
 */
export function usageWeight(type: ContributionType, p: DesignParams): number {
  return type === "funding" ? 0 : p[`usage_weight_${type}`];
}

/** Types with a whitepaper royalty percent, which is also the split of the edges into them. */
export const SPECIAL_TYPES = [
  "review",
  "curation",
  "annotation",
  "bugfix",
  "test_case",
  "introduction",
  "moderation",
  "event_organization",
  "recommendation",
] as const;
type SpecialType = typeof SPECIAL_TYPES[number];

export const DOMAINS = ["software", "biology", "chemistry", "education"] as const;
export type Domain = typeof DOMAINS[number];

export interface Project {
  readonly id: number;
  readonly domain: Domain;
  /** Id of the contribution that started it. */
  readonly initiator: number;
  /** Base demand for the project's output (drawn at creation, 0.5–1.5). */
  readonly intrinsicDemand: number;
  /** Mean quality of its contributions (0–1): what users and creators see of it. */
  reputation: number;
  /** Its contributions other than fundings, which creators can build on. */
  readonly members: number[];
  /** Its contributions users can use (all but fundings), with the running sum of their pick weights. */
  readonly usable: number[];
  readonly usableWeights: number[];
  /** Fees its usage events carried in each of the last `revenue_window` steps (ring buffer). */
  readonly revenue: Float64Array;
  /** Fees carried this step. */
  revenueNow: number;
  /** Mean fees per step over the window, as of the end of the last step. */
  recentRevenue: number;
  /** Standard deviation of the fees per step over the window (what a risk-averse investor discounts). */
  revenueSpread: number;
  contributionCount: number;
}

export interface Contribution {
  readonly id: number;
  readonly project: number;
  readonly type: ContributionType;
  /** Agent id of the owner (creator, or investor for funding). */
  readonly owner: number;
  readonly createdStep: number;
  readonly quality: number;
  readonly baseRoyaltyPercent: number;
  /** Parents the creator drew on, whether or not tracing recorded the edge. */
  readonly parents: readonly number[];
  /** Contributions tracing linked it to by mistake (false-positive edges), in the order recorded. */
  readonly falseParents: readonly number[];
}

/**
 * The contributions, their graph and their projects; common to all agents of one run. The graph is each
 * contribution's recorded parents and the splits of those edges, in the order recorded.
 */
export class ContributionLedger implements Lineage {
  readonly #parents: number[][] = [];
  readonly #splits: number[][] = [];
  /** Ids of every contribution but fundings: what a false-positive edge may point at. */
  readonly #content: number[] = [];
  readonly contributions: Contribution[] = [];
  readonly projects: Project[] = [];
  readonly countByType = new Map<ContributionType, number>(CONTRIBUTION_TYPES.map((t) => [t, 0]));
  /** Tracing's counters over the run: each true parent link, recorded, missed or replaced by a false one. */
  readonly tracing: TracingCounts = emptyTracing();
  /** Demand-weighted project choice for users: rebuilt once per step (see `refreshDemand`). */
  demandByDomain = new Map<Domain, { projects: number[]; cumulative: number[] }>();

  constructor(private readonly revenueWindow: number) {}

  /** Starts a project with its initiator contribution (no parents). */
  startProject(
    domain: Domain,
    type: ContributionType,
    owner: number,
    step: number,
    quality: number,
    p: DesignParams,
    rng: Rng,
  ): Contribution {
    const project: Project = {
      id: this.projects.length,
      domain,
      initiator: this.contributions.length,
      intrinsicDemand: INTRINSIC_DEMAND_MIN + (INTRINSIC_DEMAND_MAX - INTRINSIC_DEMAND_MIN) * rng.random(),
      reputation: 0,
      members: [],
      usable: [],
      usableWeights: [],
      revenue: new Float64Array(this.revenueWindow),
      revenueNow: 0,
      recentRevenue: 0,
      revenueSpread: 0,
      contributionCount: 0,
    };
    this.projects.push(project);
    return this.add(project.id, type, owner, step, quality, [], p, rng);
  }

  /**
   * Adds a contribution and its traced edges: each parent edge is recorded with probability
   * tracing_accuracy; a missed one is replaced, with probability tracing_false_positive_rate, by an edge
   * to a uniformly drawn earlier contribution (not a funding, not one of its parents, not already linked). A contribution none of
   * whose edges survive is an independent initiator for reward distribution (it has no ancestors).
   * `supporting` says whether a creator of a supporting role made it (see `edgeSplit`).
   */
  add(
    project: number,
    type: ContributionType,
    owner: number,
    step: number,
    quality: number,
    parents: readonly number[],
    p: DesignParams,
    rng: Rng,
    supporting = false,
  ): Contribution {
    const falseParents: number[] = [];
    const contribution: Contribution = {
      id: this.contributions.length,
      project,
      type,
      owner,
      createdStep: step,
      quality,
      baseRoyaltyPercent: edgeSplit(type, p, supporting),
      parents,
      falseParents,
    };
    this.contributions.push(contribution);
    this.countByType.set(type, this.countByType.get(type)! + 1);
    this.#addNode(contribution.id);
    const split = contribution.baseRoyaltyPercent;
    for (const parent of parents) {
      // Parents are earlier contributions, so every edge points forward in time: the graph stays acyclic.
      const linked = this.#parents[contribution.id];
      this.tracing.trueLinks++;
      if (rng.random() < p.tracing_accuracy) {
        this.#addEdge(parent, contribution.id, split);
        this.tracing.detected++;
        continue;
      }
      this.tracing.missed++;
      if (
        p.tracing_false_positive_rate > 0 && this.#content.length > 0 &&
        rng.random() < p.tracing_false_positive_rate
      ) {
        // A wrong link instead: any earlier contribution, so acyclic too; a draw that hits a true parent or
        // one already linked adds nothing.
        const other = this.#content[rng.int(this.#content.length)];
        if (!linked.includes(other) && !parents.includes(other)) {
          this.#addEdge(other, contribution.id, split);
          falseParents.push(other);
          this.tracing.falsePositives++;
        }
      }
    }
    this.#content.push(contribution.id);
    const proj = this.projects[project];
    proj.members.push(contribution.id);
    proj.contributionCount++;
    proj.reputation += (quality - proj.reputation) / proj.contributionCount;
    const pick = usageWeight(type, p) * (1 - p.quality_sensitivity + p.quality_sensitivity * quality);
    if (pick > 0) {
      proj.usable.push(contribution.id);
      proj.usableWeights.push((proj.usableWeights.at(-1) ?? 0) + pick);
    }
    return contribution;
  }

  /**
   * Records an investor's funding of `target`: a funding contribution whose single edge funding →
   * target carries the drawn royalty, so the investor is paid whenever the target (or anything derived
   * from it) is used. Funding edges are written on chain, not traced, so they are always recorded.
   */
  fund(target: number, owner: number, step: number, royalty: number): Contribution {
    const targetContribution = this.contributions[target];
    const contribution: Contribution = {
      id: this.contributions.length,
      project: targetContribution.project,
      type: "funding",
      owner,
      createdStep: step,
      quality: 0,
      baseRoyaltyPercent: royalty,
      parents: [],
      falseParents: [],
    };
    this.contributions.push(contribution);
    this.countByType.set("funding", this.countByType.get("funding")! + 1);
    // A funding node only ever has this one outgoing edge and no incoming ones, so it closes no cycle.
    this.#addNode(contribution.id);
    this.#addEdge(contribution.id, target, royalty);
    return contribution;
  }

  parentsOf(id: number): readonly number[] {
    return this.#parents[id];
  }

  splitsOf(id: number): readonly number[] {
    return this.#splits[id];
  }

  #addNode(id: number): void {
    this.#parents[id] = [];
    this.#splits[id] = [];
  }

  #addEdge(parent: number, child: number, split: number): void {
    this.#parents[child].push(parent);
    this.#splits[child].push(split);
  }

  /** Rebuilds, per domain, the cumulative demand scores users pick projects by. */
  refreshDemand(p: DesignParams): void {
    this.demandByDomain = new Map();
    for (const project of this.projects) {
      if (project.usable.length === 0) continue;
      let entry = this.demandByDomain.get(project.domain);
      if (!entry) this.demandByDomain.set(project.domain, entry = { projects: [], cumulative: [] });
      const demand = project.intrinsicDemand * (1 + p.demand_reputation_weight * project.reputation);
      entry.projects.push(project.id);
      entry.cumulative.push((entry.cumulative.at(-1) ?? 0) + demand);
    }
  }

  /** Closes a step's revenue books: this step's revenue enters each project's window. */
  closeRevenue(step: number): void {
    for (const project of this.projects) {
      project.revenue[step % project.revenue.length] = project.revenueNow;
      project.revenueNow = 0;
      let sum = 0;
      for (const v of project.revenue) sum += v;
      const mean = sum / project.revenue.length;
      let squares = 0;
      for (const v of project.revenue) squares += (v - mean) ** 2;
      project.recentRevenue = mean;
      project.revenueSpread = Math.sqrt(squares / project.revenue.length);
    }
  }
}

/**
 * The split of an edge into a contribution of this type (the design's `type_to_default_split`): the
 * whitepaper percent of its type when it has one, else `supporting_derivative_split` when a supporting role
 * made it and `default_derivative_split` otherwise.
 */
export function edgeSplit(type: ContributionType, p: DesignParams, supporting = false): number {
  if (type === "funding") return (p.investor_royalty_min + p.investor_royalty_max) / 2;
  if ((SPECIAL_TYPES as readonly string[]).includes(type)) return p[`split_${type as SpecialType}`];
  return supporting ? p.supporting_derivative_split : p.default_derivative_split;
}

/** Index drawn with probability proportional to the increments of a cumulative weight array. */
export function pickCumulative(cumulative: readonly number[], rng: Rng): number {
  const total = cumulative.at(-1) ?? 0;
  if (!(total > 0)) return -1;
  const target = rng.random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
