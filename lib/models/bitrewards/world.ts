/**
 * What both rule sets of the BITrewards model share: what every variant's world holds, the per-step tally
 * the reporters read, and the `Rules` a variant supplies for each phase (rules.ts binds them to a run).
 */
import type { ActivationOrder, AgentContext, AgentOf, OfType, World } from "../../engine/agents.ts";
import type { BitAgent, Investor } from "./agents.ts";
import type { ContributionType } from "./contributions.ts";

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
  /** Mean satisfaction of every agent of a class, departed ones included (as the original reported it). */
  meanCreatorSatisfaction: number;
  meanInvestorSatisfaction: number;
  meanUserSatisfaction: number;
}

export const emptyTally = (): StepTally => ({
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
  meanCreatorSatisfaction: 0,
  meanInvestorSatisfaction: 0,
  meanUserSatisfaction: 0,
});

/** Tracing's counters over the run so far, as the original counted them (one per true parent link). */
export interface TracingCounts {
  /** Links from a new contribution to a true parent. */
  trueLinks: number;
  /** True parents recorded as an edge. */
  detected: number;
  /** True parents tracing missed. */
  missed: number;
  /** Edges to another contribution recorded in place of a missed one. */
  falsePositives: number;
}

export const emptyTracing = (): TracingCounts => ({
  trueLinks: 0,
  detected: 0,
  missed: 0,
  falsePositives: 0,
});

/**
 * What the world of every variant holds: its agents (of the variant's own types, `A`), this step's tally,
 * its contributions counted by type, and tracing's counters.
 */
export interface BitrewardsWorld<A extends BitAgent = BitAgent> extends World<A> {
  tally: StepTally;
  /** Contributions made so far, by type (every type present, 0 until made). */
  readonly countByType: ReadonlyMap<ContributionType, number>;
  readonly tracing: Readonly<TracingCounts>;
}

type Act<A, W, P> = (agent: A, world: W, p: P, ctx: AgentContext) => void;
type Run<W, P> = (world: W, p: P, ctx: AgentContext) => void;

/**
 * One variant's rules, phase by phase, over its own world `W` (with agents of type `A`) and the parameters
 * `P` it reads. The model runs the same phases for every variant (begin, creators, investors, users,
 * rewards, updates, tally), binding them to the variant of the run once as it starts (rules.ts).
 */
export interface Rules<W extends BitrewardsWorld<A>, P, A extends BitAgent = AgentOf<W>> {
  /** Refuses parameter values this variant cannot run with (a ParamError naming them). */
  readonly check: (p: P) => void;
  /** Order in which the agents of a type act in their phase. */
  readonly order: ActivationOrder;
  readonly create: (p: P, ctx: AgentContext) => W;
  /** Start of a step, before any agent acts. */
  readonly begin: Run<W, P>;
  /** What one active creator does in the creators phase; likewise an investor and a user in theirs. */
  readonly creator: Act<OfType<A, "creator">, W, P>;
  readonly investor: Act<OfType<A, "investor">, W, P>;
  readonly user: Act<OfType<A, "user">, W, P>;
  /** Pays out what this step's usage (and any due batch) owes. */
  readonly rewards: Run<W, P>;
  /** Satisfaction and churn after the rewards. */
  readonly updates: Run<W, P>;
  /** An investor's return on investment as this variant defines it. */
  readonly roi: (investor: Investor) => number;
  /** The investors the timeseries' `mean_investor_roi` averages over. */
  readonly roiInvestors: (investors: readonly Investor[]) => readonly Investor[];
}
