/**
 * The paired sample: the two sides' sweeps (the scenario's change held, the rest from the set), each set's
 * change from the control, the dependence read from it, and a small run end to end.
 */
import { assert, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import type { Subset } from "@lib/engine/plan.ts";
import { pairedDependence } from "@lib/models/bitrewards/dependence.ts";
import {
  CONTROL_CHURN,
  DEFAULT_SETTINGS,
  runPairedSample,
  scenarioPlan,
} from "@lib/models/bitrewards/experiments.ts";
import { PAIRED, type PairedSample, pairedSides, setChanges } from "@lib/models/bitrewards/paired_sample.ts";
import { PARAMETERS } from "@lib/models/bitrewards/sensitivity.ts";

/** Three sets of every sampled parameter: set k takes 10k + its parameter's index. */
const SAMPLE = Object.fromEntries(PARAMETERS.map((p, i) => [p, [i, 10 + i, 20 + i]]));
const point = (subset: number, params: Record<string, number>): Subset => ({ subset, swept: {}, params });

Deno.test("pairedSides: the scenario's change held point by point, every other parameter the set's", () => {
  const base = { churn_steps: 20, tracing_accuracy: 0.8, gas_fee_share_rate: 0.003 };
  const control = [point(0, base), point(1, { ...base, gas_fee_share_rate: 0.005 })];
  const scenario = control.map((c) => point(c.subset, { ...c.params, tracing_accuracy: 0.35 }));
  const sides = pairedSides(SAMPLE, scenario, control);
  assertEquals(sides.changed, ["tracing_accuracy"]);
  assertEquals(sides.sampled, PARAMETERS.filter((p) => p !== "tracing_accuracy"));
  assertEquals(sides.scenario.tracing_accuracy, [0.35, 0.35, 0.35]);
  assertEquals(sides.control.tracing_accuracy, [0.8, 0.8, 0.8]);
  // The gas fee differs between the points but not between the sides: it is the set's.
  const gas = PARAMETERS.indexOf("gas_fee_share_rate");
  assertEquals(sides.scenario.gas_fee_share_rate, [gas, 10 + gas, 20 + gas]);
  assertEquals(sides.control.gas_fee_share_rate, sides.scenario.gas_fee_share_rate);
  // The funding split is written to both royalty bounds.
  const split = PARAMETERS.indexOf("funding_split");
  assertEquals(sides.control.investor_royalty_min, [split, 10 + split, 20 + split]);
  assertEquals(sides.control.investor_royalty_max, sides.control.investor_royalty_min);
  // A change the sample does not cover would make the pair differ in more than the scenario's change.
  const loose = control.map((c) => point(c.subset, { ...c.params, churn_steps: 40 }));
  assertThrows(() => pairedSides(SAMPLE, loose, control), Error, "also changes 'churn_steps'");
});

Deno.test("pairedSides on the shipped scenarios: each changes only what it is named for", async () => {
  const control = (await scenarioPlan("baseline", { set: { ...CONTROL_CHURN } })).subsets;
  const changed = await Promise.all(
    PAIRED.map(async (name) => pairedSides(SAMPLE, (await scenarioPlan(name)).subsets, control).changed),
  );
  assertEquals(changed, [["tracing_accuracy"], ["funding_split"], ["gas_fee_share_rate", "funding_split"]]);
  // Set k takes the sweep's point k mod 4 for the changed ones; the split is the sweep's outer key.
  const high = pairedSides(SAMPLE, (await scenarioPlan("high_funding_share")).subsets, control);
  assertEquals(high.scenario.investor_royalty_max, [0.03, 0.03, 0.05]);
  assertEquals(high.control.investor_royalty_max, [0.01, 0.01, 0.02]);
});

/** A paired sample by hand: five sets of two pairs, `x` per run on each side, the gas fee rising with the set. */
function handSample(scenarioX: number[], controlX: number[]): PairedSample {
  const side = (label: string, x: number[]) =>
    pl.DataFrame({
      run_id: x.map((_, i) => i + 1),
      subset: x.map((_, i) => Math.floor(i / 2)),
      scenario: x.map(() => label),
      x,
    });
  const values = { gas_fee_share_rate: [1, 2, 3, 4, 5], tracing_accuracy: [3, 1, 5, 2, 4] };
  const runs = {
    changed: ["funding_split"],
    sampled: ["gas_fee_share_rate", "tracing_accuracy"],
    values,
    scenario: side("high_funding_share", scenarioX),
    control: side("control", controlX),
  };
  return {
    sets: 5,
    runs: 2,
    scenarios: { high_funding_share: runs } as unknown as PairedSample["scenarios"],
  };
}

const Q = { scenario: "high_funding_share", column: "x" } as const;

Deno.test("setChanges: per set, the mean over its pairs of the change, or of the scenario's own value", () => {
  const sample = handSample([3, 5, 2, 8, 1, 1, 2, 2, 9, 9], [1, 1, 4, 4, 1, 1, 1, 1, 3, 3]);
  assertEquals(setChanges(sample, { ...Q, how: "difference" }), [3, 1, 0, 1, 6]);
  assertEquals(setChanges(sample, { ...Q, how: "difference", scale: 100 }), [300, 100, 0, 100, 600]);
  assertEquals(setChanges(sample, { ...Q, how: "ratio" }), [4, 1.25, 1, 2, 3]);
  assertEquals(setChanges(sample, { ...Q, how: "scenario" }), [4, 5, 1, 2, 9]);
});

Deno.test("pairedDependence: the share of sets on the claim's side, ranking only the sampled parameters", () => {
  // The change rises with the gas fee (set by set 1, 2, 3, 4, 5), not with tracing; it passes from 3 up.
  const sample = handSample([2, 2, 3, 3, 4, 4, 5, 5, 6, 6], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  const d = pairedDependence(sample, { ...Q, how: "difference" }, { test: (v) => v >= 3 });
  assertEquals(d.share, 0.6);
  assertEquals(d.flips, ["gas_fee_share_rate"]);
  assert(d.sample.startsWith("5 Latin-hypercube sets × 2 pairs of runs (the scenario and its control"));
  assert(
    d.sample.includes("; gas_fee_share_rate 0.001–0.01, tracing_accuracy 0–1; funding_split at the"),
    d.sample,
  );
  // Every set on the claim's side: nothing in the sample flips it.
  const ratio = pairedDependence(sample, { ...Q, how: "ratio" }, { test: (v) => v > 1 });
  assertEquals(ratio, { ...d, share: 1, flips: [] });
});

Deno.test("pairedDependence: an interval criterion moves each set's change by its pairs' spread first", () => {
  const sample = handSample([2, 2, 3, 3, 4, 4, 5, 5, 6, 6], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  // Pairs 0 and 10: median 5, 5th percentile 0.5, so a set's change counts above 0 only beyond 4.5.
  const above = { test: (v: number) => v > 0, reads: "low" as const };
  const d = pairedDependence(sample, { ...Q, how: "difference" }, above, [0, 10]);
  assertEquals(d.share, 0.2);
  assert(
    d.sample.includes("moved by -4.5, its pairs' distance from the median to the interval's end"),
    d.sample,
  );
  // The criterion read on the median (no interval) judges the change itself.
  assertEquals(pairedDependence(sample, { ...Q, how: "difference" }, { test: above.test }).share, 1);
  assertThrows(() => pairedDependence(sample, { ...Q, how: "difference" }, above), Error, "needs the pairs");
});

Deno.test("a small paired sample end to end: both sides on the same runs, the change held, seeds shared", async () => {
  const settings = { ...DEFAULT_SETTINGS, pairedSamples: PARAMETERS.length + 3, pairedRuns: 2 };
  const sample = await runPairedSample(settings, {
    steps: 6,
    set: { N_creators: 6, N_investors: 2, N_users: 12 },
    workers: 1,
  });
  assertEquals([sample.sets, sample.runs], [8, 2]);
  for (const name of PAIRED) {
    const { scenario, control, values } = sample.scenarios[name];
    assertEquals(scenario.height, 16, name);
    assertEquals(scenario.getColumn("run_id").toArray(), control.getColumn("run_id").toArray());
    assertEquals(values.churn_threshold.length, 8);
  }
  const low = sample.scenarios.low_tracing_accuracy;
  assertEquals(new Set(low.scenario.getColumn("tracing_accuracy").toArray()), new Set([0.35]));
  assertEquals(new Set(low.control.getColumn("tracing_accuracy").toArray()), new Set([0.8]));
  // High investor share leaves tracing to the sample, the same on both sides of every pair.
  const high = sample.scenarios.high_investor_share;
  assertEquals(
    high.scenario.getColumn("tracing_accuracy").toArray(),
    high.control.getColumn("tracing_accuracy").toArray(),
  );
  const changes = setChanges(sample, { scenario: "high_investor_share", column: "fees", how: "ratio" });
  assertEquals(changes.length, 8);
  // A doubled gas fee on the same usage stream raises the fees of every set.
  assert(changes.every((x) => x > 1), changes.join());
});
