/**
 * Seeded random streams.
 *
 * Every unit of work (one subset × one Monte Carlo run) draws from a stream derived only from the root
 * seed and the run number (`unitSeed` in plan.ts). Results therefore never depend on which worker ran a
 * unit or in what order, nor on what else the sweep holds: the property cadCAD and radCAD leave to their
 * users.
 *
 * The generator is Johannes Baagøe's Alea, the sequence of seedrandom's `alea` for the same seed text
 * (tests/engine/random_test.ts compares millions of draws). It is written here as one class with the
 * state in its own fields, rather than called through seedrandom's closures, so that a model's draw is a
 * monomorphic method call that V8 inlines into the engine's generated step (honey_bench.ts).
 */

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

/** 2^-32: Alea's state words are fractions of 2^32. */
const UNIT = 2.3283064365386963e-10;

/** Alea's seed hash: each call folds `text` into the running hash `h` and returns a fraction in [0, 1). */
class Mash {
  h = 0xefc8249d;

  next(text: string): number {
    let n = this.h;
    for (let i = 0; i < text.length; i++) {
      n += text.charCodeAt(i);
      let f = 0.02519603282416938 * n;
      n = f >>> 0;
      f -= n;
      f *= n;
      n = f >>> 0;
      f -= n;
      n += f * 0x100000000;
    }
    this.h = n;
    return (n >>> 0) * UNIT;
  }
}

/** Alea (a multiply-with-carry generator over three lagged fractions), with Box–Muller normals. */
class Alea implements Rng {
  // Declared with a number, not left undefined until the constructor: a field that starts undefined is
  // stored tagged, and every draw would then allocate a heap number for the new state word.
  private s0 = NaN;
  private s1 = NaN;
  private s2 = NaN;
  private c = 1;
  /** Box–Muller yields normals in pairs; the second one is kept for the next call (NaN: none kept). */
  private spare = NaN;
  /** The radius and the angle's cosine of the last pair, for the first normal of the pair. */
  private radius = 0;
  private cosine = 0;

  constructor(seed: string) {
    const mash = new Mash();
    const blank = [mash.next(" "), mash.next(" "), mash.next(" ")];
    const word = (i: number) => {
      const w = blank[i] - mash.next(seed);
      return w < 0 ? w + 1 : w;
    };
    this.s0 = word(0);
    this.s1 = word(1);
    this.s2 = word(2);
  }

  random(): number {
    const t = 2091639 * this.s0 + this.c * UNIT;
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return this.s2 = t - this.c;
  }

  normal(mean = 0, sd = 1): number {
    const kept = this.spare;
    if (kept === kept) {
      this.spare = NaN;
      return mean + sd * kept;
    }
    this.pair();
    return mean + sd * this.radius * this.cosine;
  }

  /**
   * Box–Muller: a radius and an angle from two uniforms, the sine's normal kept as the spare. Out of
   * normal() so that normal() is small enough for V8 to inline into a model's step; it leaves its results
   * in fields rather than returning one, which would box it.
   */
  private pair(): void {
    let u = 0;
    while (u === 0) u = this.random();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.random();
    this.spare = r * Math.sin(theta);
    this.radius = r;
    this.cosine = Math.cos(theta);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  poisson(lambda: number): number {
    if (!(lambda >= 0)) throw new RangeError(`poisson: lambda must be ≥ 0, got ${lambda}`);
    if (lambda > 30) {
      // Large means: the normal approximation keeps the cost constant per draw.
      return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    }
    // Knuth's multiplication method, exact for small means.
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.random();
    while (p > limit) {
      k++;
      p *= this.random();
    }
    return k;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}

/** A stream seeded from text (the same text, the same stream on every platform). */
export function streamFor(seed: string): Rng {
  return new Alea(seed);
}
