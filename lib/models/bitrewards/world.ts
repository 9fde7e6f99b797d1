/**
 * What both rule sets of the BITrewards model share: the world the engine steps, the per-step tally the
 * reporters read, and the `Rules` a variant supplies for each phase (see rules.ts for the two variants).
 */
import type { ActivationOrder, AgentContext, World } from "../../engine/agents.ts";
import type { BitAgent, Creator, Investor, User } from "./agents.ts";
import type { ContributionType } from "./contributions.ts";
import type { BitrewardsParams } from "./params.ts";

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
});

/** The world of either variant: its agents, this step's tally, and its contributions counted by type. */
export interface BitrewardsWorld extends World<BitAgent> {
  tally: StepTally;
  /** Contributions made so far, by type (every type present, 0 until made). */
  readonly countByType: ReadonlyMap<ContributionType, number>;
}

type Act<A> = (agent: A, world: BitrewardsWorld, p: BitrewardsParams, ctx: AgentContext) => void;
type Run = (world: BitrewardsWorld, p: BitrewardsParams, ctx: AgentContext) => void;

/**
 * One variant's rules, phase by phase. The model runs the same phases for both (begin, creators, investors,
 * users, rewards, updates, tally); each phase asks the variant of the run what to do.
 */
export interface Rules {
  /** Refuses parameter values this variant cannot run with (a ParamError naming them). */
  check(p: BitrewardsParams): void;
  /** Order in which the agents of a type act in their phase. */
  readonly order: ActivationOrder;
  create(p: BitrewardsParams, ctx: AgentContext): BitrewardsWorld;
  /** Start of a step, before any agent acts. */
  readonly begin: Run;
  readonly creator: Act<Creator>;
  readonly investor: Act<Investor>;
  readonly user: Act<User>;
  /** Pays out what this step's usage (and any due batch) owes. */
  readonly rewards: Run;
  /** Satisfaction and churn after the rewards. */
  readonly updates: Run;
  /** An investor's return on investment as this variant defines it. */
  roi(investor: Investor): number;
  /** The investors the timeseries' `mean_investor_roi` averages over. */
  roiInvestors(investors: readonly Investor[]): readonly Investor[];
}
