import { assertEquals } from "@std/assert";
import seedrandom from "seedrandom";
import { streamFor } from "@lib/engine/random.ts";

/** Index of the first difference between a stream and seedrandom's alea over `n` draws, or -1. */
function firstDifference(seed: string, n: number): number {
  const ours = streamFor(seed);
  const theirs = seedrandom.alea(seed);
  for (let i = 0; i < n; i++) if (ours.random() !== theirs()) return i;
  return -1;
}

Deno.test("random(): seedrandom's alea sequence bit for bit, over millions of draws", () => {
  assertEquals(firstDifference("42/1", 3_000_000), -1);
  // Seeds as plan.ts builds them, and text a seed hash must fold the same way (empty, long, non-ASCII).
  const seeds = ["0/1", "42/10", "7/published", "", "x".repeat(500), "señal/☃/𝔸", " "];
  for (const seed of seeds) assertEquals(firstDifference(seed, 20_000), -1, JSON.stringify(seed));
});

Deno.test("normal(), int(), poisson(), shuffle(): the same numbers from seedrandom's uniforms by hand", () => {
  const ours = streamFor("draws");
  const uniform = seedrandom.alea("draws");
  // Box–Muller by hand, keeping the second normal of each pair for the next call.
  let spare: number | undefined;
  const normal = (mean: number, sd: number) => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  };
  for (let i = 0; i < 200_000; i++) {
    assertEquals(ours.normal(), normal(0, 1));
    assertEquals(ours.normal(3, 0.5), normal(3, 0.5));
    assertEquals(ours.random(), uniform(), "a uniform between normals keeps the pair's spare");
  }
  assertEquals(ours.int(10), Math.floor(uniform() * 10));
  // Knuth's method for λ = 2.5: multiply uniforms until the product falls to e^-λ.
  let k = 0;
  for (let p = uniform(); p > Math.exp(-2.5); p *= uniform()) k++;
  assertEquals(ours.poisson(2.5), k);
  assertEquals(ours.poisson(100), Math.max(0, Math.round(normal(100, 10))));
  const items = [1, 2, 3, 4, 5, 6];
  const expected = [...items];
  for (let i = expected.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [expected[i], expected[j]] = [expected[j], expected[i]];
  }
  assertEquals(ours.shuffle(items), expected);
  assertEquals(ours.random(), uniform());
});
