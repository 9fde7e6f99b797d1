/** Run plans, sweeps and parameter checks. */
import { assertEquals, assertThrows } from "@std/assert";
import { walk, walkParams } from "../support/walk_model.ts";
import { ParamError, parseValue, resolveParams } from "@lib/engine/params.ts";
import { planRuns, unitAt, unitCount, unitSeed, workUnits } from "@lib/engine/plan.ts";
import { rangeInclusive, zipSweep } from "@lib/engine/sweep.ts";

Deno.test("zip sweep pairs lists by position and broadcasts one-element lists", () => {
  assertEquals(zipSweep({ a: [1, 2, 3], b: [10], c: [7, 8, 9] }), [
    { a: 1, b: 10, c: 7 },
    { a: 2, b: 10, c: 8 },
    { a: 3, b: 10, c: 9 },
  ]);
  assertEquals(zipSweep({}), [{}]);
  assertThrows(() => zipSweep({ a: [1, 2], b: [1, 2, 3] }), ParamError, "a: 2, b: 3");
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

Deno.test("work units are numbered in plan order: subsets, then runs 1…n, seeded by root seed and run", () => {
  const plan = planRuns(walk, { sweep: { drift: [0, 1, 2] }, runs: 4, seed: 7 });
  assertEquals(unitCount(plan), 12);
  assertEquals(unitAt(plan, 0), { subset: 0, run: 1, seed: "7/1" });
  assertEquals(unitAt(plan, 7), { subset: 1, run: 4, seed: "7/4" });
  assertEquals(workUnits(plan, 10, 12).map((u) => u.seed), ["7/3", "7/4"]);
  assertEquals(workUnits(plan).length, 12);
  // Run k has the same seed in every subset, and a seed names no position in the sweep.
  assertEquals(new Set(workUnits(plan).filter((u) => u.run === 2).map((u) => u.seed)), new Set(["7/2"]));
  assertEquals(unitSeed("abc", 10), "abc/10");
});
