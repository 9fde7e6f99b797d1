import { assert, assertAlmostEquals, assertEquals, assertMatch, assertNotEquals } from "@std/assert";
import pl from "nodejs-polars";
import { defineModel, type Signals } from "@lib/engine/model.ts";
import { fragile, walk } from "../support/walk_model.ts";
import { streamFor } from "@lib/engine/random.ts";
import { planRuns, unitCount, unitSeed } from "@lib/engine/plan.ts";
import { execute, simulate } from "@lib/engine/simulate.ts";
import { runRange } from "@lib/engine/executor.ts";
import { toFrame } from "@lib/engine/frame.ts";

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
  const rng = streamFor(unitSeed("s", 1));
  // dx is the sum of the two policies' signals (drift, then shock), added to x as one number.
  const x1 = 0 + (1 + 0.5 * rng.normal());
  const x2 = x1 + (1 + 0.5 * rng.normal());
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
  const perUnit = 21;
  // Run each unit alone, in reverse order, and compare its rows with its slice of the whole run.
  for (let i = unitCount(plan) - 1; i >= 0; i--) {
    const alone = runRange(walk, plan, i, i + 1).tables.timeseries.columns.x.values;
    assertEquals([...alone], [...whole.columns.values.x.subarray(i * perUnit, (i + 1) * perUnit)]);
  }
  assertEquals([
    ...simulate(walk, { seed: 7, runs: 4, steps: 20, sweep: { drift: [0, 1, 2] } }).columns.values.x,
  ], [
    ...whole.columns.values.x,
  ]);
  const other = simulate(walk, { seed: 8, runs: 4, steps: 20, sweep: { drift: [0, 1, 2] } });
  assert(other.columns.values.x[5] !== whole.columns.values.x[5], "another seed gives another stream");
});

Deno.test("a subset's rows do not depend on the rest of the sweep: inserting a value leaves them as they were", () => {
  const rows = (drifts: number[], drift: number) => {
    const frame = toFrame(simulate(walk, { sweep: { drift: drifts }, runs: 3, steps: 6, seed: 5 }));
    return frame.filter(pl.col("drift").eq(drift)).drop("subset").writeCSV().toString();
  };
  // Subset 1 (drift 2) becomes subset 2 once drift 1 is inserted before it: its rows stay byte for byte.
  for (const drift of [0, 2]) assertEquals(rows([0, 1, 2], drift), rows([0, 2], drift), `drift ${drift}`);
});

Deno.test("run k of every subset draws the same numbers: common random numbers across a sweep", () => {
  // One uniform per step, recorded: the stream itself, whatever the parameters.
  const uniforms = defineModel({
    ...walk,
    name: "uniforms",
    blocks: [{ label: "draw", policies: {}, updates: { x: (_p, _s, _x, ctx) => ctx.rng.random() } }],
  });
  const steps = 5;
  const r = simulate(uniforms, { sweep: { drift: [0, 1, 2] }, runs: 3, steps, seed: 9 });
  const x = r.columns.values.x as Float64Array;
  const draws = (subset: number, run: number) => {
    const at = (subset * 3 + run - 1) * (steps + 1);
    return [...x.subarray(at + 1, at + 1 + steps)];
  };
  for (let run = 1; run <= 3; run++) {
    const rng = streamFor(unitSeed(9, run));
    const expected = Array.from({ length: steps }, () => rng.random());
    for (let subset = 0; subset < 3; subset++) assertEquals(draws(subset, run), expected, `${subset}/${run}`);
  }
  assertNotEquals(draws(0, 1), draws(0, 2), "runs of one subset draw independent streams");
});

Deno.test("streams are independent per (seed, run) and reproducible", () => {
  const a = streamFor(unitSeed(1, 1));
  const b = streamFor(unitSeed(1, 1));
  const c = streamFor(unitSeed(1, 2));
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

/** A model whose two policies emit the key patterns given per timestep; each variable sums its signal. */
function signalModel(patterns: readonly (readonly Record<string, number>[])[], keys: readonly string[]) {
  return defineModel({
    name: "signals",
    title: "signal sums",
    params: {},
    steps: patterns.length,
    timeUnit: "step",
    runs: 1,
    initialState: () => Object.fromEntries(keys.map((k) => [k, 0])),
    blocks: [{
      label: "sum",
      policies: Object.fromEntries(
        patterns[0].map((
          _,
          i,
        ) => [
          `p${i}`,
          (_p: unknown, _s: unknown, ctx: { timestep: number }) => patterns[ctx.timestep - 1][i],
        ]),
      ),
      updates: Object.fromEntries(
        keys.map((
          k,
        ) => [
          k,
          (_p: unknown, s: Record<string, number>, x: Signals) => s[k] + ((x[k] as number | undefined) ?? 0),
        ]),
      ),
    }],
  });
}

Deno.test("signals are summed exactly when a policy's keys change between timesteps", () => {
  // p1 always {a: 1}; p2 alternates {a: 10, b: 1} and {c: 5, b: 2}: the same number of keys, other keys.
  const p2: Record<string, number>[] = [{ a: 10, b: 1 }, { c: 5, b: 2 }];
  const patterns = [0, 1, 2, 3].map((t) => [{ a: 1 }, p2[t % 2]]);
  const r = simulate(signalModel(patterns, ["a", "b", "c"]), { runs: 1 });
  assertEquals([...r.columns.values.a], [0, 11, 12, 23, 24]);
  assertEquals([...r.columns.values.c], [0, 0, 5, 5, 10]);
  assertEquals([...r.columns.values.b], [0, 1, 3, 4, 6]);
});

Deno.test("property: signal sums equal a plain per-key sum for random key patterns", () => {
  // Runs after other models were compiled, on purpose: the fast path's cache is shared by every model.
  simulate(walk, { runs: 1, steps: 1 });
  const keys = ["k0", "k1", "k2", "k3", "k4"];
  const rng = streamFor("signal-patterns");
  for (let trial = 0; trial < 60; trial++) {
    const policies = 1 + rng.int(4);
    const steps = 1 + rng.int(12);
    const patterns = Array.from({ length: steps }, () =>
      Array.from({ length: policies }, () => {
        const emitted: Record<string, number> = {};
        for (const k of keys) if (rng.random() < 0.5) emitted[k] = rng.int(100) - 50;
        return emitted;
      }));
    const expected: Record<string, number[]> = Object.fromEntries(keys.map((k) => [k, [0]]));
    for (const step of patterns) {
      for (const k of keys) {
        const sum = step.reduce((s, emitted) => s + (emitted[k] ?? 0), 0);
        expected[k].push(expected[k].at(-1)! + sum);
      }
    }
    const r = simulate(signalModel(patterns, keys), { runs: 1 });
    for (const k of keys) {
      assertEquals(
        [...r.columns.values[k]],
        expected[k],
        `trial ${trial}, ${k}: ${JSON.stringify(patterns)}`,
      );
    }
  }
});

Deno.test("an exact integer column never wraps: overflow fails the unit, naming column, timestep and run", () => {
  const doubling = defineModel({
    name: "doubling",
    title: "doubles a 64-bit integer",
    params: {},
    steps: 3,
    timeUnit: "step",
    runs: 2,
    initialState: () => ({ units: 2n ** 61n }),
    blocks: [{ label: "double", policies: {}, updates: { units: (_p, s) => s.units * 2n } }],
  });
  const r = simulate(doubling, {});
  assertEquals(r.rows, 0);
  assertEquals(r.failures.length, 2);
  const f = r.failures[0];
  assertEquals([f.unit.run, f.timestep, f.substep], [1, 2, 1]);
  assertMatch(f.message, /column 'units': 9223372036854775808 does not fit a 64-bit integer/);
  assertMatch(f.message, /run 1 of subset 0 failed at timestep 2/);
});

Deno.test("a failing initial state fails its own unit only", () => {
  const picky = defineModel({
    ...walk,
    name: "picky",
    initialState: (p) => {
      if (p.drift === 2) throw new Error("no start for drift 2");
      return { x: 0, total: 0 };
    },
  });
  const r = simulate(picky, { sweep: { drift: [2, 1] }, runs: 2, steps: 3 });
  assertEquals(r.failures.map((f) => [f.unit.subset, f.unit.run, f.timestep, f.phase]), [
    [0, 1, 0, "initial"],
    [0, 2, 0, "initial"],
  ]);
  assertMatch(r.failures[0].message, /no start for drift 2/);
  assertEquals(r.rows, 2 * 4);
  assertEquals([...new Set(r.columns.subset)], [1]);
});
