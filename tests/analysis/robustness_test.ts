/** Robustness of a verdict: margins worked by hand, seeded stability, the compact label's rules. */
import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { marginOf, readValue, RESAMPLES, robustness, stabilityOf } from "@lib/analysis/robustness.ts";

const atLeast = (min: number) => (v: number) => v >= min;

Deno.test("the margin is the distance to the nearest threshold in units of the 5–95 % width", () => {
  assertEquals(marginOf(5.5, [4], 8.1), 1.5 / 8.1);
  assertEquals(marginOf(5, [2, 6], 4), 0.25);
  assertEquals(marginOf(5, [], 4), undefined); // a yes/no test has no threshold to move
  assertEquals(marginOf(5, [4], 0), undefined); // no spread: nothing to measure the distance in
  // 1…10: 5th percentile 1 + 0.45 = 1.45, 95th 9 + 0.55 = 9.55, median 5.5.
  const values = Array.from({ length: 10 }, (_, i) => i + 1);
  assertAlmostEquals(readValue(values, "low"), 1.45, 1e-12);
  assertAlmostEquals(readValue(values, "high"), 9.55, 1e-12);
  assertEquals(readValue(values, "statistic"), 5.5);
  const r = robustness({
    values,
    reads: "statistic",
    tested: 5.5,
    test: atLeast(4),
    thresholds: [4],
    seed: "a",
  });
  assertAlmostEquals(r.margin!, 1.5 / 8.1, 1e-12);
});

Deno.test("stability: every resample agrees when all values are past the threshold; seeded and reproducible", () => {
  const values = Array.from({ length: 10 }, (_, i) => 10 + i); // median 14.5, width 8.1
  assertEquals(stabilityOf(values, "statistic", atLeast(0), true, "x"), 1);
  const r = robustness({
    values,
    reads: "statistic",
    tested: 14.5,
    test: atLeast(0),
    thresholds: [0],
    seed: "x",
  });
  assertEquals(r.kind, "robust");
  assertEquals(r.label, "robust");
  assertAlmostEquals(r.margin!, 14.5 / 8.1, 1e-12);
  // Values straddling the threshold: the median of a resample of four falls on either side.
  const straddling = [-2, -1, 1, 2];
  const s = stabilityOf(straddling, "statistic", atLeast(0), true, "y");
  assert(s > 0.2 && s < 0.9, `stability ${s}`);
  assertEquals(stabilityOf(straddling, "statistic", atLeast(0), true, "y"), s);
  const f = robustness({
    values: straddling,
    reads: "statistic",
    tested: 0,
    test: atLeast(0),
    thresholds: [0],
    seed: "y",
  });
  assertEquals(f.kind, "fragile");
  assertEquals(f.label, `fragile: ${Math.round(100 * s)} % of resamples agree (more runs needed)`);
});

Deno.test("fragile by margin: stable over resamples but close to the threshold in units of the spread", () => {
  // Nineteen zeros and one 100: 5th percentile 0, 95th 0 + 0.05·100 = 5, median 0; ≥ −0.5 is 0.1 spread away.
  const values = [...Array(19).fill(0), 100];
  const r = robustness({
    values,
    reads: "statistic",
    tested: 0,
    test: atLeast(-0.5),
    thresholds: [-0.5],
    seed: "z",
  });
  assertEquals(r.stability, 1);
  assertAlmostEquals(r.margin!, 0.1, 1e-12);
  assertEquals(r.label, "fragile: flips if the threshold moves by 0.1 spread");
});

Deno.test("exact without spread; a spread without per-run values gives a margin but no stability", () => {
  assertEquals(
    robustness({ reads: "statistic", tested: 3, test: atLeast(1), thresholds: [1], seed: "e" }).label,
    "exact",
  );
  const same = robustness({
    values: [3, 3, 3],
    reads: "statistic",
    tested: 3,
    test: atLeast(1),
    thresholds: [1],
    seed: "e",
  });
  assertEquals(same.kind, "exact");
  const spreadOnly = robustness({
    reads: "statistic",
    tested: 3,
    test: atLeast(1),
    thresholds: [1],
    spread: [2, 6],
    seed: "e",
  });
  assertEquals(spreadOnly.kind, "unresampled");
  assertEquals(spreadOnly.label, "margin 0.5 spread; stability not measured");
});

Deno.test("a verdict that a parameter sample contradicts in more than 10 % is 'depends on', never robust", () => {
  const values = Array.from({ length: 10 }, (_, i) => 10 + i);
  const base = {
    values,
    reads: "statistic" as const,
    tested: 14.5,
    test: atLeast(0),
    thresholds: [0],
    seed: "d",
  };
  const depends = robustness({
    ...base,
    dependence: { share: 0.6, flips: ["throttle"], sample: "32 LHS points" },
  });
  assertEquals(depends.kind, "depends");
  assertEquals(depends.label, "depends on throttle (holds in 60 % of the sample)");
  assertEquals(depends.stability, 1); // stable over seeds, yet not robust
  const firm = robustness({
    ...base,
    dependence: { share: 0.95, flips: ["throttle"], sample: "32 LHS points" },
  });
  assertEquals(firm.kind, "robust");
  // For a claim that does not hold, the share where it holds is the disagreement.
  const failing = robustness({
    ...base,
    test: atLeast(100),
    thresholds: [100],
    dependence: {
      share: 0.05,
      flips: [],
      sample: "32 LHS points",
    },
  });
  assertEquals(failing.agreement, 0.95);
  assertEquals(failing.kind, "robust");
  const failingDepends = robustness({
    ...base,
    test: atLeast(100),
    thresholds: [100],
    dependence: {
      share: 0.3,
      flips: [],
      sample: "s",
    },
  });
  assertEquals(failingDepends.label, "depends on the parameters sampled (fails in 70 % of the sample)");
});

Deno.test("bootstrap replicates as evidence: the stability is the share of replicates giving the verdict", () => {
  // Replicates 0.1, 0.3, 0.3, 0.5 of a share judged ≥ 0.2 (the share on all data 0.3): 3 of 4 agree.
  const r = robustness({
    values: [0.1, 0.3, 0.3, 0.5],
    resampled: true,
    reads: "statistic",
    tested: 0.3,
    test: (v) => v >= 0.2,
    thresholds: [0.2],
    seed: "b",
  });
  assertEquals(r.stability, 0.75);
  assertEquals(r.label, "fragile: 75 % of resamples agree (more runs needed)");
  // The stability is a share of the 4 replicates given, not of the RESAMPLES drawn from per-run values.
  assertEquals(r.resamples, 4);
  const perRun = robustness({
    values: [1, 2, 3, 4],
    reads: "statistic",
    tested: 2.5,
    test: atLeast(0),
    thresholds: [0],
    seed: "c",
  });
  assertEquals([perRun.stability, perRun.resamples], [1, RESAMPLES]);
});

Deno.test("an interval read off replicates: the stability is the share of nested readings giving the verdict", () => {
  // "5–95 % below 0" read at the replicates' 95th percentile (0.2 here: does not hold); the same end
  // recomputed on five resampled run sets reads −0.1, 0.05, 0.1, 0.3, 0.2: four of five do not hold.
  const replicates = [-0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.2, 0.2, 0.2];
  const input = {
    values: replicates,
    resampled: true,
    reads: "high" as const,
    tested: 0.2,
    test: (v: number) => v < 0,
    thresholds: [0],
    seed: "n",
  };
  const r = robustness({ ...input, readings: [-0.1, 0.05, 0.1, 0.3, 0.2] });
  assertEquals([r.stability, r.resamples], [0.8, 5]);
  assertEquals(r.label, "fragile: 80 % of resamples agree (more runs needed)");
  // Without readings an interval read off replicates has no stability to give.
  assertEquals(robustness(input).stability, undefined);
});
