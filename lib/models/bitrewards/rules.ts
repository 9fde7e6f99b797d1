/**
 * The variant a run follows (its `rules` parameter), chosen once as the run starts and bound to the run's
 * world: every phase of the model then calls the bound rules, and each variant's rules see their own world,
 * agents and parameters with their own types.
 */
import { type AgentContext, inActivationOrder } from "../../engine/agents.ts";
import type { BitAgent, Investor } from "./agents.ts";
import { designRules, type DesignWorld } from "./design.ts";
import type { BitrewardsParams } from "./params.ts";
import { referenceRules, type ReferenceWorld } from "./reference.ts";
import type { BitrewardsWorld, Rules } from "./world.ts";

type Phase = (p: BitrewardsParams, ctx: AgentContext) => void;

/** A variant's rules bound to one run's world: what the model's phases call. */
export interface BoundRules {
  readonly begin: Phase;
  /** The active creators act, one by one in the variant's activation order; likewise investors and users. */
  readonly creators: Phase;
  readonly investors: Phase;
  readonly users: Phase;
  readonly rewards: Phase;
  readonly updates: Phase;
  readonly roi: (investor: Investor) => number;
  readonly roiInvestors: (investors: readonly Investor[]) => readonly Investor[];
}

/** A run's world with its variant's rules bound to it. */
export type Running<W> = W & { readonly rules: BoundRules };

/** The world of a run, under whichever rules it follows. */
export type RunningWorld = Running<DesignWorld> | Running<ReferenceWorld>;

/** Builds a run's world by `rules` and binds the rules to it. */
function start<W extends BitrewardsWorld<A>, A extends BitAgent>(
  rules: Rules<W, BitrewardsParams, A>,
  p: BitrewardsParams,
  ctx: AgentContext,
): Running<W> {
  const world = rules.create(p, ctx);
  const { agents } = world;
  const { order } = rules;
  const bound: BoundRules = {
    begin: (p, ctx) => rules.begin(world, p, ctx),
    creators: (p, ctx) => {
      const active = agents.ofType("creator").filter((c) => c.active);
      for (const c of inActivationOrder(active, order, ctx.rng)) rules.creator(c, world, p, ctx);
    },
    investors: (p, ctx) => {
      const active = agents.ofType("investor").filter((i) => i.active);
      for (const i of inActivationOrder(active, order, ctx.rng)) rules.investor(i, world, p, ctx);
    },
    users: (p, ctx) => {
      const active = agents.ofType("user").filter((u) => u.active);
      for (const u of inActivationOrder(active, order, ctx.rng)) rules.user(u, world, p, ctx);
    },
    rewards: (p, ctx) => rules.rewards(world, p, ctx),
    updates: (p, ctx) => rules.updates(world, p, ctx),
    roi: rules.roi,
    roiInvestors: rules.roiInvestors,
  };
  return Object.assign(world, { rules: bound });
}

/** A variant as the model needs it before and as a run starts. */
interface Variant {
  /** Refuses parameter values the variant cannot run with. */
  readonly check: (p: BitrewardsParams) => void;
  readonly start: (p: BitrewardsParams, ctx: AgentContext) => RunningWorld;
}

const VARIANTS: Readonly<Record<BitrewardsParams["rules"], Variant>> = {
  design: { check: designRules.check, start: (p, ctx) => start(designRules, p, ctx) },
  reference: { check: referenceRules.check, start: (p, ctx) => start(referenceRules, p, ctx) },
};

/** The variant a run with these parameters follows. */
export const variantOf = (p: BitrewardsParams): Variant => VARIANTS[p.rules];
