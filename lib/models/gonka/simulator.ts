/**
 * `deno task sim gonka`: the reward schedule with whole-number columns written as integers, and the
 * participant network's per-participant settlements as a second table.
 */
import pl from "nodejs-polars";
import type { RunPlan } from "../../engine/plan.ts";
import { infoOf, type Simulator } from "../simulator.ts";
import { gonka } from "./model.ts";
import { memberWeights, modelsServed, networkMembers, settleNetwork } from "./network.ts";
import type { GonkaParams } from "./params.ts";
import { epochReward, ngonka } from "./reward.ts";
import { capped, gpusAt, INTEGER_COLUMNS } from "./state.ts";

/**
 * One row per (subset, run, timestep, participant) of the timeseries rows given: each epoch settled again
 * exactly (the schedule is deterministic, so each subset's totals are recomputed from genesis rather than
 * read back from the frame, whose 64-bit integers reach JavaScript as doubles).
 */
export function participantTable(timeseries: pl.DataFrame, plan: RunPlan): pl.DataFrame {
  const subsets = timeseries.getColumn("subset").toArray().map(Number);
  const runs = timeseries.getColumn("run").toArray().map(Number);
  const steps = timeseries.getColumn("timestep").toArray().map(Number);
  const paidBefore = new Map<number, bigint[]>();
  const paidOf = (subset: number, upTo: number): bigint[] => {
    const known = paidBefore.get(subset) ?? [0n];
    const p = plan.subsets[subset].params as unknown as GonkaParams;
    const cap = ngonka(p.supply_cap);
    const r0 = ngonka(p.initial_epoch_reward);
    for (let n = known.length; n <= upTo; n++) {
      const paid = known[n - 1];
      known.push(paid + capped(epochReward(BigInt(n - 1), r0, p.decay_rate), paid, cap));
    }
    paidBefore.set(subset, known);
    return known;
  };
  const out = {
    subset: [] as number[],
    run: [] as number[],
    timestep: [] as number[],
    participant: [] as number[],
    models_served: [] as number[],
    weight: [] as bigint[],
    work_coins: [] as bigint[],
    reward_coins: [] as bigint[],
  };
  for (let i = 0; i < subsets.length; i++) {
    const p = plan.subsets[subsets[i]].params as unknown as GonkaParams;
    const n = steps[i];
    const paid = paidOf(subsets[i], n)[n];
    const gpus = gpusAt(p, n);
    const reward = epochReward(BigInt(n), ngonka(p.initial_epoch_reward), p.decay_rate);
    const weights = memberWeights(p, networkMembers(p, gpus));
    const settled = settleNetwork(p, gpus, reward, paid, ngonka(p.supply_cap)).settlements;
    settled.forEach((s, k) => {
      out.subset.push(subsets[i]);
      out.run.push(runs[i]);
      out.timestep.push(n);
      out.participant.push(k + 1);
      out.models_served.push(modelsServed(k + 1));
      out.weight.push(weights[k]);
      out.work_coins.push(s.workCoins);
      out.reward_coins.push(s.rewardCoins);
    });
  }
  const ints = (name: string, values: number[]) => pl.Series(name, values, pl.Int64);
  // A BigInt64Array becomes an exact Int64 column (its type is not among the declared overloads).
  const exact = (name: string, values: bigint[]) =>
    pl.Series(name, BigInt64Array.from(values) as unknown as number[]);
  return pl.DataFrame([
    ints("subset", out.subset),
    ints("run", out.run),
    ints("timestep", out.timestep),
    ints("participant", out.participant),
    ints("models_served", out.models_served),
    exact("weight", out.weight),
    exact("work_coins", out.work_coins),
    exact("reward_coins", out.reward_coins),
  ]);
}

export const gonkaSimulator: Simulator = {
  ...infoOf(gonka),
  model: gonka,
  tables: {
    timeseries: "one row per (subset, run, timestep): swept parameters, the schedule, growth scenario, " +
      "old system and the participant network's totals",
    participants: "one row per (subset, run, timestep, participant): slot, models served, Phase-2 weight, " +
      "WorkCoins and RewardCoins (ngonka)",
  },
  record: () => ({}),
  output: (recorded, plan) => {
    const timeseries = recorded.timeseries.drop("substep");
    return {
      timeseries: timeseries.withColumns(...INTEGER_COLUMNS.map((c) => pl.col(c).cast(pl.Int64))),
      participants: participantTable(timeseries, plan),
    };
  },
  rowWise: true,
  rowsPerUnit: (params, steps) => ({
    timeseries: steps + 1,
    participants: (steps + 1) * Number(params.participants),
  }),
};
