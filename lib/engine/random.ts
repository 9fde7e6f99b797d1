/**
 * Seeded random streams.
 *
 * Every unit of work (one subset × one Monte Carlo run) draws from a stream derived only from the root
 * seed and the run number (`unitSeed` in plan.ts). Results therefore never depend on which worker ran a
 * unit or in what order, nor on what else the sweep holds: the property cadCAD and radCAD leave to their
 * users.
 */
import seedrandom from "seedrandom";

/** A source of random numbers; every draw advances the stream. */
export interface Rng {
  /** Uniform in [0, 1). */
  random(): number;
  /** Normal with the given mean and standard deviation. */
  normal(mean?: number, sd?: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Poisson-distributed count with mean `lambda` (≥ 0). */
  poisson(lambda: number): number;
  /** Fisher–Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[];
}

/**
 * A stream seeded from text. Alea is used because it is several times faster than seedrandom's default
 * ARC4 and its sequences are identical on every platform.
 */
export function streamFor(seed: string): Rng {
  const uniform = seedrandom.alea(seed);
  // Box–Muller yields normals in pairs; the second one is kept for the next call.
  let spare = NaN;
  const rng: Rng = {
    random: uniform,
    normal(mean = 0, sd = 1) {
      if (!Number.isNaN(spare)) {
        const z = spare;
        spare = NaN;
        return mean + sd * z;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * uniform();
      spare = r * Math.sin(theta);
      return mean + sd * r * Math.cos(theta);
    },
    int(n) {
      return Math.floor(uniform() * n);
    },
    poisson(lambda) {
      if (!(lambda >= 0)) throw new RangeError(`poisson: lambda must be ≥ 0, got ${lambda}`);
      if (lambda > 30) {
        // Large means: the normal approximation keeps the cost constant per draw.
        return Math.max(0, Math.round(rng.normal(lambda, Math.sqrt(lambda))));
      }
      // Knuth's multiplication method, exact for small means.
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = uniform();
      while (p > limit) {
        k++;
        p *= uniform();
      }
      return k;
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
      }
      return items;
    },
  };
  return rng;
}
