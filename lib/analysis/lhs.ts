/**
 * Latin-hypercube sampling: N parameter sets over given intervals, each interval cut into N equal
 * strata and every stratum used exactly once per parameter, so that N runs cover every parameter's
 * whole range evenly (a grid needs N^k runs for that). The sets become a zipped sweep, so they run,
 * seed and shard like any other plan.
 */
import { ParamError, type ParamSchema, type ParamValue } from "../engine/params.ts";
import { quote } from "../engine/quote.ts";
import { streamFor } from "../engine/random.ts";
import { didYouMean } from "../engine/suggest.ts";
import type { SweepLists } from "../engine/sweep.ts";

/** Parameter name → the closed interval [lo, hi] it is sampled from. */
export type Intervals = Readonly<Record<string, readonly [number, number]>>;

/**
 * N samples of the intervals, as lists zipped by position (sample i is the i-th value of every list).
 * Reproducible for a seed: the permutation and the position inside each stratum come from the stream
 * `<seed>/lhs`. Whole-number parameters are rounded, which keeps every value in range but may put two
 * samples on one integer when the interval holds fewer than N integers.
 */
export function latinHypercube(
  schema: ParamSchema,
  intervals: Intervals,
  n: number,
  seed: string | number,
): SweepLists {
  if (!(Number.isInteger(n) && n >= 2)) {
    throw new ParamError(`--lhs needs a whole number of samples ≥ 2, got ${n}`);
  }
  const names = Object.keys(intervals);
  if (names.length === 0) {
    throw new ParamError("--lhs needs at least one parameter interval (--sweep name=lo:hi)");
  }
  const rng = streamFor(`${seed}/lhs`);
  const lists: Record<string, ParamValue[]> = {};
  for (const name of names) {
    const spec = schema[name];
    if (!Object.hasOwn(schema, name)) {
      const suggestion = didYouMean(name, Object.keys(schema));
      throw new ParamError(
        `--lhs: unknown parameter ${quote(name)}${suggestion ? `; ${suggestion}` : ""} (--help lists the ` +
          "model's parameters)",
      );
    }
    if (spec.kind !== "number") {
      throw new ParamError(`--lhs samples number parameters only; '${name}' is not one`);
    }
    const [lo, hi] = intervals[name];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
      throw new ParamError(`--lhs interval of '${name}' must be lo:hi with lo < hi, got ${lo}:${hi}`);
    }
    const strata = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    lists[name] = strata.map((stratum) => {
      const value = lo + ((stratum + rng.random()) / n) * (hi - lo);
      return spec.integer ? Math.round(value) : value;
    });
  }
  return lists;
}

/** The stratum (0…n−1) of `value` in [lo, hi] cut into n equal strata. */
export function stratumOf(value: number, lo: number, hi: number, n: number): number {
  return Math.min(n - 1, Math.floor(((value - lo) / (hi - lo)) * n));
}
