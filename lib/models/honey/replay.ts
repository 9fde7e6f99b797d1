/**
 * The published files replayed through the model: each month of each published run is recomputed from
 * the previous month's published state with the model's policies, taking only the price from the file
 * (the one column drawn at random). Every other column must come back to rounding: that the published
 * results came from the equations the project implements is then a tested fact, not a statement.
 */
import { saturationProcess, supplyPolicy, targetPrice } from "./model.ts";
import { type HoneyParams, honeyParams } from "./params.ts";
import type { HoneyState } from "./state.ts";
import type { PublishedRecord } from "./published.ts";

/** The columns recomputed (all but the price and the bookkeeping columns). */
export const REPLAYED = [
  "reserve",
  "circulation",
  "size",
  "saturation",
  "production",
  "utility",
  "target_price",
  "netflow",
  "adjustment",
  "total_supply",
  "market_cap",
  "ratio",
] as const;

export interface Replay {
  /** Month-to-month steps replayed. */
  readonly steps: number;
  /** Per column, the largest relative difference |model − published| / max(|published|, 1e-9). */
  readonly worst: Readonly<Record<(typeof REPLAYED)[number], number>>;
  /** Share of price moves (of those that moved) that went towards the target price: the pull's share. */
  readonly towards: number;
  /** Mean |price move| relative to the price: |N(0, p_variance)| has mean p_variance·√(2/π). */
  readonly meanMove: number;
}

const sameRun = (a: PublishedRecord, b: PublishedRecord) =>
  a.simulation === b.simulation && a.subset === b.subset && a.run === b.run && b.timestep === a.timestep + 1;

/** Replays every consecutive pair of months of the same run in `rows` (in file order). */
export function replayPublished(rows: readonly PublishedRecord[]): Replay {
  const worst = Object.fromEntries(REPLAYED.map((c) => [c, 0])) as Record<(typeof REPLAYED)[number], number>;
  let steps = 0;
  let moved = 0;
  let towards = 0;
  let moves = 0;
  for (let i = 1; i < rows.length; i++) {
    const s = rows[i - 1];
    const next = rows[i];
    if (!sameRun(s, next)) continue;
    steps++;
    const p = Object.fromEntries(Object.keys(honeyParams).map((k) => [k, s[k]])) as unknown as HoneyParams;
    const state = s as unknown as HoneyState;
    const supply = supplyPolicy(p, state);
    const target = targetPrice(p, state);
    const reserve = s.reserve + supply.netflow + supply.adjustment;
    const circulation = s.circulation - supply.netflow;
    const model: Record<string, number> = {
      ...saturationProcess(p, state),
      ...supply,
      reserve,
      circulation,
      target_price: target,
      total_supply: reserve + circulation,
      market_cap: (reserve + circulation) * next.price,
      ratio: reserve / (reserve + circulation),
    };
    for (const c of REPLAYED) {
      worst[c] = Math.max(worst[c], Math.abs(model[c] - next[c]) / Math.max(Math.abs(next[c]), 1e-9));
    }
    if (next.price !== s.price && s.price !== 0) {
      moved++;
      if ((next.price > s.price) === (s.price < target)) towards++;
      moves += Math.abs(next.price / s.price - 1);
    }
  }
  return { steps, worst, towards: towards / moved, meanMove: moves / moved };
}
