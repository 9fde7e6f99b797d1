import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { defineModel } from "@lib/engine/model.ts";
import { fragile, walk, walkParams } from "./fixtures/walk_model.ts";
import { executeParallel } from "@lib/engine/parallel.ts";
import { honey } from "@lib/models/honey.ts";
import { ParamError, parseValue, resolveParams } from "@lib/engine/params.ts";
import { streamFor, unitSeed } from "@lib/engine/random.ts";
import { execute, planRuns, simulate, workUnits } from "@lib/engine/simulate.ts";
import { allocateColumns, runUnit } from "@lib/engine/run_unit.ts";
import { productSweep, rangeInclusive, zipSweep } from "@lib/engine/sweep.ts";
import { toFrame } from "@lib/engine/frame.ts";

Deno.test("zip sweep pairs lists by position and broadcasts one-element lists", () => {
  assertEquals(zipSweep({ a: [1, 2, 3], b: [10], c: [7, 8, 9] }), [
    { a: 1, b: 10, c: 7 },
    { a: 2, b: 10, c: 8 },
    { a: 3, b: 10, c: 9 },
  ]);
  assertEquals(zipSweep({}), [{}]);
  assertThrows(() => zipSweep({ a: [1, 2], b: [1, 2, 3] }), ParamError, "a: 2, b: 3");
});

Deno.test("product sweep crosses lists, first varying slowest", () => {
  assertEquals(productSweep({ a: [1, 2], b: ["x", "y"] }), [
    { a: 1, b: "x" },
    { a: 1, b: "y" },
    { a: 2, b: "x" },
    { a: 2, b: "y" },
  ]);
});

Deno.test("inclusive ranges include stop and print as typed", () => {
  assertEquals(rangeInclusive(0.1, 0.3, 0.025), [0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3]);
  assertEquals(rangeInclusive(0.002, 0.034, 0.004).length, 9);
  assertEquals(rangeInclusive(1, 1, 1), [1]);
  assertThrows(() => rangeInclusive(0, 1, 0), ParamError);
});

Deno.test("parameter validation names the parameter, the value and what is accepted", () => {
  assertThrows(
    () => resolveParams(walkParams, { drfit: 1 }, "walk"),
    ParamError,
    "unknown parameter 'drfit'",
  );
  assertThrows(() => resolveParams(walkParams, { noise: -1 }, "walk"), ParamError, "number in [0, 5]");
  assertThrows(() => resolveParams(walkParams, { noise: "1" }, "walk"), ParamError, "'noise'");
  assertThrows(() => resolveParams(walkParams, { steps_per_block: 1.5 }, "walk"), ParamError, "whole number");
  assertThrows(() => resolveParams(walkParams, { mode: "c" }, "walk"), ParamError, "one of a, b");
  assertThrows(() => parseValue(walkParams, "drift", "0x10", "walk"), ParamError, "not a number");
  assertThrows(() => parseValue(walkParams, "drift", "", "walk"), ParamError, "not a number");
  assertEquals(parseValue(walkParams, "strict", "true", "walk"), true);
  assertEquals(parseValue(walkParams, "drift", "-2.5e0", "walk"), -2.5);
  assertEquals(resolveParams(walkParams, { drift: 2 }, "walk").noise, 0.5);
});

Deno.test("plans reject unequal zipped lists, duplicated and conflicting parameters, bad counts", () => {
  assertThrows(() => planRuns(walk, { sweep: { drift: [1, 2], noise: [1, 2, 3] } }), ParamError);
  assertThrows(() => planRuns(walk, { set: { drift: 1 }, sweep: { drift: [1, 2] } }), ParamError, "both set");
  assertThrows(() => planRuns(walk, { sweep: [{ drift: [1] }, { drift: [2] }] }), ParamError, "swept twice");
  assertThrows(() => planRuns(walk, { runs: 0 }), ParamError, "runs");
  assertThrows(() => planRuns(walk, { sweep: { noise: [1, 99] } }), ParamError, "'noise'");
});

Deno.test("rows: initial row at timestep 0, 1-based runs, substeps numbered, last-substep option", () => {
  const all = simulate(walk, { runs: 2, steps: 3, lastSubstepOnly: false });
  assertEquals(all.rows, 2 * (1 + 3 * 2));
  assertEquals([...all.columns.timestep.subarray(0, 7)], [0, 1, 1, 2, 2, 3, 3]);
  assertEquals([...all.columns.substep.subarray(0, 7)], [0, 1, 2, 1, 2, 1, 2]);
  assertEquals([...new Set(all.columns.run)], [1, 2]);
  const last = simulate(walk, { runs: 2, steps: 3 });
  assertEquals(last.rows, 2 * 4);
  assertEquals([...last.columns.substep.subarray(0, 4)], [0, 2, 2, 2]);
  // The last-substep rows are exactly the substep-2 rows of the full record.
  const x = all.columns.values.x;
  assertEquals([...last.columns.values.x.subarray(0, 4)], [x[0], x[2], x[4], x[6]]);
});

Deno.test("same-key signals are summed; blocks see the previous substep's state", () => {
  const r = simulate(walk, { runs: 1, steps: 2, seed: "s", lastSubstepOnly: false });
  const rng = streamFor(unitSeed("s", 0, 1));
  const x1 = 0 + 1 + 0.5 * rng.normal();
  const x2 = x1 + 1 + 0.5 * rng.normal();
  const x = r.columns.values.x;
  const total = r.columns.values.total;
  assertEquals([x[1], x[2], x[3], x[4]], [x1, x1, x2, x2]);
  // Block 2 reads x after block 1 of the same timestep.
  assertEquals([total[1], total[2], total[4]], [0, x1, x1 + x2]);
  assertEquals(r.columns.values.double_x[4], 2 * x2);
});

Deno.test("the same seed gives identical results whatever order units run in", () => {
  const plan = planRuns(walk, { sweep: { drift: [0, 1, 2] }, runs: 4, steps: 20, seed: 7 });
  const whole = execute(walk, plan);
  const units = workUnits(plan);
  const perUnit = 21;
  const init = walk.initialState(walk.params as never);
  // Run each unit alone, in reverse order, into its own columns, and compare slices.
  for (const [i, unit] of units.entries().toArray().reverse()) {
    const alone = allocateColumns(walk, init, perUnit);
    runUnit(
      walk,
      plan.subsets[unit.subset].params,
      unit,
      { steps: 20, lastSubstepOnly: true, freeze: false },
      alone,
      0,
    );
    assertEquals([...alone.values.x], [...whole.columns.values.x.subarray(i * perUnit, (i + 1) * perUnit)]);
  }
  assertEquals([
    ...simulate(walk, { seed: 7, runs: 4, steps: 20, sweep: { drift: [0, 1, 2] } }).columns.values.x,
  ], [
    ...whole.columns.values.x,
  ]);
  const other = simulate(walk, { seed: 8, runs: 4, steps: 20, sweep: { drift: [0, 1, 2] } });
  assert(other.columns.values.x[5] !== whole.columns.values.x[5], "another seed gives another stream");
});

Deno.test("streams are independent per (seed, subset, run) and reproducible", () => {
  const a = streamFor(unitSeed(1, 0, 1));
  const b = streamFor(unitSeed(1, 0, 1));
  const c = streamFor(unitSeed(1, 0, 2));
  const da = Array.from({ length: 5 }, () => a.random());
  assertEquals(da, Array.from({ length: 5 }, () => b.random()));
  assert(da[0] !== c.random());
  const r = streamFor("poisson");
  const draws = Array.from({ length: 20000 }, () => r.poisson(3));
  assertAlmostEquals(draws.reduce((s, v) => s + v, 0) / draws.length, 3, 0.05);
  const n = Array.from({ length: 20000 }, () => r.normal(2, 3));
  const mean = n.reduce((s, v) => s + v, 0) / n.length;
  const sd = Math.sqrt(n.reduce((s, v) => s + (v - mean) ** 2, 0) / n.length);
  assertAlmostEquals(mean, 2, 0.1);
  assertAlmostEquals(sd, 3, 0.1);
});

Deno.test("a failing run is reported with its parameters and step; other runs survive", () => {
  const r = simulate(fragile, { sweep: { drift: [1, 2] }, runs: 2, steps: 4 });
  assertEquals(r.failures.length, 1);
  const f = r.failures[0];
  assertEquals([f.unit.subset, f.unit.run, f.timestep, f.substep], [1, 2, 3, 1]);
  assert(f.message.includes('"drift":2') && f.message.includes("boom"));
  assertEquals(r.rows, 3 * 5);
  assertEquals([...new Set(r.columns.run.subarray(10))], [1]);
  assertEquals(r.columns.values.x[14], 8);
});

Deno.test("debug mode freezes state so that a mutating update throws", () => {
  const mutating = defineModel({
    ...walk,
    name: "mutating",
    blocks: [{
      label: "bad",
      policies: {},
      updates: {
        x: (_p, s) => {
          (s as { x: number }).x = 99;
          return 1;
        },
      },
    }],
  });
  assertEquals(simulate(mutating, { runs: 1, steps: 1 }).failures.length, 0);
  const frozen = simulate(mutating, { runs: 1, steps: 1, freeze: true });
  assertEquals(frozen.failures.length, 1);
});

Deno.test("frames carry subset, run, substep, timestep, swept parameters, state and derived columns", () => {
  const df = toFrame(simulate(walk, { sweep: { drift: [1, 2], mode: ["a", "b"] }, runs: 2, steps: 3 }));
  assertEquals(df.columns, [
    "subset",
    "run",
    "substep",
    "timestep",
    "drift",
    "mode",
    "x",
    "total",
    "double_x",
  ]);
  assertEquals(df.height, 2 * 2 * 4);
  assertEquals(df.getColumn("mode").toArray().slice(7, 9), ["a", "b"]);
  assertEquals(df.getColumn("drift").toArray()[8], 2);
});

Deno.test("a pool of workers produces exactly the in-process rows, failures included", async () => {
  const plan = planRuns(honey, { sweep: { throttle: [0.002, 0.008, 0.016] }, runs: 5, steps: 60, seed: 11 });
  const local = execute(honey, plan);
  const ref = { module: new URL("../lib/models/honey.ts", import.meta.url).href, exportName: "honey" };
  for (const workers of [1, 2, 3]) {
    const remote = await executeParallel(ref, plan, { workers });
    assertEquals(remote.rows, local.rows);
    assertEquals(remote.columns.run, local.columns.run);
    for (const name of local.valueNames) {
      assertEquals(remote.columns.values[name], local.columns.values[name]);
    }
  }
  const fragilePlan = planRuns(fragile, { sweep: { drift: [1, 2] }, runs: 2, steps: 4 });
  const fragileRef = {
    module: new URL("./fixtures/walk_model.ts", import.meta.url).href,
    exportName: "fragile",
  };
  const remote = await executeParallel(fragileRef, fragilePlan, { workers: 2 });
  const inProcess = execute(fragile, fragilePlan);
  assertEquals(remote.failures.map((f) => f.message), inProcess.failures.map((f) => f.message));
  assertEquals(remote.columns.values.x, inProcess.columns.values.x);
});

Deno.test("per-run memory is fresh for every run and reached through ctx.memory", () => {
  const scheduled = defineModel({
    ...walk,
    name: "scheduled",
    memory: () => new Map<number, number>(),
    blocks: [{
      label: "schedule",
      policies: {},
      updates: {
        // Each step schedules 1 for two steps later and collects what was scheduled for now.
        x: (_p, s, _sig, ctx) => {
          const book = ctx.memory as Map<number, number>;
          book.set(ctx.timestep + 2, 1);
          return s.x + (book.get(ctx.timestep) ?? 0);
        },
      },
    }],
  });
  const r = simulate(scheduled, { runs: 2, steps: 5 });
  assertEquals([...r.columns.values.x], [0, 0, 0, 1, 2, 3, 0, 0, 0, 1, 2, 3]);
});
