/**
 * The quantities the dataDAO claims read besides outcomes, population and positions: how many agents each
 * entry adds, how far the price still moves once the run has settled, dDT spent on compute against dDT
 * minted for data, and the pool price each degen entered at (its deposit is a fixed 1:1). Pure functions of
 * the variants' frames (`runVariants`), which hold every timestep from 0: a timestep is a row's position.
 */
import { AGENT_TYPES, type Variant } from "./params.ts";
import { seriesOf } from "./outcomes.ts";
import type { LpPosition } from "./positions.ts";
import type pl from "nodejs-polars";

/**
 * Agents added by each entry of one variant's run. Entries happen at the start of every 0-based step that
 * is a multiple of `interval`, so the row of timestep t (the state after step t − 1) shows the entry of
 * step t − 1; every other step must add nobody (throws otherwise: the reading would be wrong).
 */
export function entrySizes(timeseries: pl.DataFrame, variant: Variant, interval: number): number[] {
  const steps = seriesOf(timeseries, variant, "timestep");
  if (steps.some((t, i) => t !== i)) throw new Error("entrySizes needs every timestep from 0, in order");
  const counts = AGENT_TYPES.map((t) => seriesOf(timeseries, variant, `count_${t}`));
  const population = counts[0].map((_, i) => counts.reduce((s, c) => s + c[i], 0));
  const sizes: number[] = [];
  for (let t = 1; t < population.length; t++) {
    const added = population[t] - population[t - 1];
    if ((t - 1) % interval === 0) sizes.push(added);
    else if (added !== 0) {
      throw new Error(`entrySizes: ${added} agents added at step ${t - 1}, not an entry step`);
    }
  }
  return sizes;
}

/** The highest over the lowest price of one variant from timestep `from` to the end. */
export function priceSwing(timeseries: pl.DataFrame, variant: Variant, from: number): number {
  const late = seriesOf(timeseries, variant, "price").slice(from);
  if (late.length === 0) throw new Error(`priceSwing: no timestep from ${from}`);
  return Math.max(...late) / Math.min(...late);
}

/** dDT spent on compute over dDT minted for data, both counted from timestep `from` to the end. */
export function spendOverMint(timeseries: pl.DataFrame, variant: Variant, from: number): number {
  const minted = seriesOf(timeseries, variant, "ddt_minted");
  const spent = seriesOf(timeseries, variant, "ddt_spent");
  const last = minted.length - 1;
  if (from >= last) throw new Error(`spendOverMint: no steps after ${from}`);
  return (spent[last] - spent[from]) / (minted[last] - minted[from]);
}

/**
 * The pool price on the step each degen entered (the price before its own deposit moved it), one per
 * degen: the price its fixed deposit of equal dDT and xDAI amounts should be compared with.
 */
export function entryPrices(
  timeseries: pl.DataFrame,
  variant: Variant,
  positions: readonly LpPosition[],
): number[] {
  const price = seriesOf(timeseries, variant, "price");
  return positions.map((p) => price[p.entered]);
}

/**
 * What each degen's fixed deposit of `ddt` dDT and `xdai` xDAI gains on entry (negative: hands to the
 * pool's earlier shareholders), in xDAI, at the price of the step it entered. With no ratio check the
 * deposit gets ddt / (dDT reserve + ddt) of the pool (`sharesFor`), worth 2 · ddt · p at the price p after
 * it, against xdai + ddt · p put in: ddt · p − xdai. The entry price stands in for p, which one degen's
 * deposit moves little.
 */
export function entryTransfers(prices: readonly number[], ddt: number, xdai: number): number[] {
  return prices.map((p) => ddt * p - xdai);
}
