/**
 * BITrewards sensitivity analysis: the Latin-hypercube plan on the baseline, the per-set outcomes, the
 * criterion that names drivers, and a small run end to end.
 */
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertRejects,
  assertThrows,
} from "@std/assert";
import pl from "nodejs-polars";
import { ParamError } from "@lib/engine/params.ts";
import { stratumOf } from "@lib/analysis/lhs.ts";
import type { SensitivityRow } from "@lib/analysis/prcc.ts";
import {
  drivers,
  driverThreshold,
  INTERVALS,
  OUTCOMES,
  PARAMETERS,
  sampledValues,
  setClaimOutcomes,
  setOutcomes,
} from "@lib/models/bitrewards/sensitivity.ts";
import { lhsDependence } from "@lib/models/bitrewards/dependence.ts";
import type { SensitivityResult } from "@lib/models/bitrewards/experiments.ts";
import { DEFAULT_SETTINGS, runSensitivity, sensitivityPlan } from "@lib/models/bitrewards/experiments.ts";

/** The default settings with another sample size and, optionally, another seed. */
const sampling = (lhsSamples: number, seed = DEFAULT_SETTINGS.seed) => ({
  ...DEFAULT_SETTINGS,
  lhsSamples,
  seed,
});

Deno.test("every sampled parameter takes one value in each of the N strata of its interval", async () => {
  const n = 24;
  const plan = await sensitivityPlan(sampling(n, 5));
  assertEquals(plan.subsets.length, n);
  const values = sampledValues(plan);
  for (const name of PARAMETERS) {
    const [lo, hi] = INTERVALS[name];
    assert(values[name].every((v) => v >= lo && v <= hi), `${name} within [${lo}, ${hi}]`);
    const strata = values[name].map((v) => stratumOf(v, lo, hi, n)).sort((a, b) => a - b);
    assertEquals(strata, Array.from({ length: n }, (_, i) => i), name);
  }
});

Deno.test("the funding split is written to both royalty bounds; the rest is the baseline's", async () => {
  const plan = await sensitivityPlan(sampling(10));
  const split = sampledValues(plan).funding_split;
  plan.subsets.forEach((s, i) => {
    assertEquals(s.params.investor_royalty_min, split[i]);
    assertEquals(s.params.investor_royalty_max, split[i]);
    // Baseline settings that are not sampled.
    assertEquals([s.params.N_creators, s.params.churn_steps, s.params.quality_noise], [30, 40, 0.1]);
  });
  assertEquals([plan.steps, plan.seed], [240, 42]);
  await assertRejects(() => sensitivityPlan(sampling(10), { set: { tracing_accuracy: 1 } }), ParamError);
});

Deno.test("the same seed gives the same sample, another seed another", async () => {
  const a = sampledValues(await sensitivityPlan(sampling(12, 7)));
  assertEquals(sampledValues(await sensitivityPlan(sampling(12, 7))), a);
  assertNotEquals(sampledValues(await sensitivityPlan(sampling(12, 8))), a);
});

Deno.test("outcomes per set: mean over its runs of retention and of the investors' median ROI", () => {
  // Rows out of order, two runs per set.
  const run_summary = pl.DataFrame({
    subset: [1, 0, 0, 1],
    final_active_creators: [10, 30, 15, 20],
    N_creators: [20, 30, 30, 20],
    median_investor_roi: [0.1, -0.2, 0, 0.3],
  });
  const out = setOutcomes({ run_summary });
  assertEquals(out.creator_retention, [0.75, 0.75]);
  assertAlmostEquals(out.investor_roi[0], -0.1, 1e-12);
  assertAlmostEquals(out.investor_roi[1], 0.2, 1e-12);
  const noInvestors = pl.DataFrame({
    subset: [0],
    final_active_creators: [1],
    N_creators: [2],
    median_investor_roi: [null],
  });
  assertThrows(() => setOutcomes({ run_summary: noInvestors }), Error, "no investors' ROI");
});

Deno.test("the claims' outcomes per set: mean activity over the run, runs losing a whole class or any agent", () => {
  // Set 0: one run keeps everyone, one loses every user. Set 1: one run loses a creator, one an investor.
  const run_summary = pl.DataFrame({
    subset: [0, 1, 0, 1],
    N_creators: [10, 10, 10, 10],
    N_investors: [2, 2, 2, 2],
    N_users: [5, 5, 5, 5],
    final_active_creators: [10, 9, 10, 10],
    final_active_investors: [2, 2, 2, 1],
    final_active_users: [5, 5, 0, 5],
    avg_active_creators: [10, 9.5, 8, 10],
  });
  const out = setClaimOutcomes({ run_summary });
  assertEquals(out.active_creators_mean, [0.9, 0.975]);
  assertEquals(out.class_gone, [0.5, 0]);
  assertEquals(out.any_left, [0.5, 1]);
});

Deno.test("a claim's dependence: the share of sets where it holds, and flipping parameters only where sets disagree", () => {
  // Ten sets: the outcome rises with `a` and ignores `b`; the claim "outcome ≥ 5" holds in the top half.
  const a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const b = [3, 7, 1, 9, 0, 5, 8, 2, 6, 4];
  const lhs = {
    plan: { runs: 2 },
    columns: {
      gas_fee_share_rate: a,
      funding_split: b,
      tracing_accuracy: b.map((x) => (x * 7) % 10),
      churn_threshold: b.map((x) => (x * 3) % 10),
      aspiration_income_creators: b.map((x) => 9 - x),
      any_left: a,
    },
  } as unknown as SensitivityResult;
  const d = lhsDependence(lhs, "any_left", (x) => x >= 5);
  assertEquals(d.share, 0.5);
  assertEquals(d.flips[0], "gas_fee_share_rate");
  assert(d.sample.startsWith("10 Latin-hypercube sets × 2 runs"));
  // Every set agrees: nothing in the sample flips the verdict.
  assertEquals(lhsDependence(lhs, "any_left", (x) => x >= 0), { ...d, share: 1, flips: [] });
  assertEquals(lhsDependence(lhs, "any_left", (x) => x > 9).flips, []);
});

Deno.test("the model's documentation states the sampled ranges the code samples", async () => {
  const docs = await Deno.readTextFile(new URL("../../../docs/models/bitrewards.md", import.meta.url));
  const start = docs.indexOf("### The uncertain parameters and their ranges");
  const section = docs.slice(start, docs.indexOf("\n## ", start));
  const rows = section.split("\n").filter((line) => /^\| (`\w+`|funding split) /.test(line)).map((line) =>
    line.split("|").map((cell) => cell.trim())
  );
  const documented = Object.fromEntries(
    rows.map(([, name, range]) => [
      name === "funding split" ? "funding_split" : name.replaceAll("`", ""),
      range.split("–").map(Number),
    ]),
  );
  assertEquals(documented, Object.fromEntries(PARAMETERS.map((p) => [p, [...INTERVALS[p]]])));
});

Deno.test("drivers: |PRCC| at the criterion's threshold or above, strongest first, either sign", () => {
  const row = (outcome: string, parameter: string, prcc: number): SensitivityRow => ({
    outcome,
    parameter,
    prcc,
  });
  const rows = [
    row("retention", "a", 0.25),
    row("retention", "b", -0.6),
    row("retention", "c", 0.19),
    row("roi", "a", 0.05),
    row("roi", "b", -0.1),
    row("roi", "c", 0.9),
  ];
  // Many sets: the 0.2 floor decides (Fisher's z alone would accept ~0.12).
  assertEquals(driverThreshold(300, 3), 0.2);
  assertEquals(drivers(rows, 300), [
    {
      outcome: "retention",
      threshold: 0.2,
      drivers: [{ parameter: "b", prcc: -0.6 }, { parameter: "a", prcc: 0.25 }],
    },
    { outcome: "roi", threshold: 0.2, drivers: [{ parameter: "c", prcc: 0.9 }] },
  ]);
  // Few sets: significance decides; tanh(1.96 / √(20 − 3 − 2)) ≈ 0.47 drops a.
  const few = drivers(rows, 20);
  assertAlmostEquals(few[0].threshold, Math.tanh(1.96 / Math.sqrt(15)), 1e-12);
  assertEquals(few[0].drivers.map((d) => d.parameter), ["b"]);
});

Deno.test("a small run end to end gives one PRCC per parameter and outcome", async () => {
  const samples = 8;
  const r = await runSensitivity({ ...sampling(samples), lhsRuns: 1 }, {
    steps: 8,
    set: { N_creators: 6, N_investors: 2, N_users: 12 },
    workers: 1,
  });
  assertEquals(r.plan.subsets.length, samples);
  for (const name of [...PARAMETERS, ...OUTCOMES]) assertEquals(r.columns[name].length, samples, name);
  assertEquals(r.rows.length, PARAMETERS.length * OUTCOMES.length);
  for (const outcome of OUTCOMES) {
    const params = r.rows.filter((x) => x.outcome === outcome).map((x) => x.parameter).sort();
    assertEquals(params, [...PARAMETERS].sort(), outcome);
  }
  assert(r.rows.every((x) => Number.isFinite(x.prcc) && Math.abs(x.prcc) <= 1 + 1e-9));
});
