/**
 * Compiling a state-update model: a model's own mistake stops the run once, before any unit, naming the
 * model and the key; any key name works (`toString`, `__proto__`, quotes, spaces); and the generic path,
 * for hosts that forbid generated code, gives exactly the numbers of the generated one.
 */
import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { collect, runInProcess } from "@lib/engine/executor.ts";
import { frames } from "@lib/engine/frame.ts";
import { type AnyModel, defineModel, ModelError, type Signals, type State } from "@lib/engine/model.ts";
import { planRuns, unitSeed } from "@lib/engine/plan.ts";
import { streamFor } from "@lib/engine/random.ts";
import { workerPool } from "@lib/engine/pool.ts";
import { simulate } from "@lib/engine/simulate.ts";
import { runRequest } from "@lib/cli/sim_run.ts";
import { stateUpdateSimulator } from "@lib/models/simulator.ts";
import { honey } from "@lib/models/honey/model.ts";
import { broken, walk } from "../support/walk_model.ts";

type SimulateOptions = Parameters<typeof simulate>[1];

const csv = (model: AnyModel, options: SimulateOptions) =>
  Object.values(frames(simulate(model, options))).map((f) => f.writeCSV().toString()).join("\n");

/** The message of the ModelError `run` throws. */
function modelError(run: () => unknown): string {
  return assertThrows(run, ModelError).message;
}

Deno.test("an update for an unknown variable stops the run before any unit, with one error", async () => {
  const message = "model broken, block 'move': update for unknown state variable 'y'";
  const plan = planRuns(broken, { sweep: { drift: [1, 2, 3] }, runs: 4 });
  let units = 0;
  assertEquals(modelError(() => runInProcess(broken, plan, { onProgress: () => units++ })), message);
  assertEquals(units, 0, "no unit ran");
  // Over workers too: one error, of the same class, and no unit reported.
  const error = await assertRejects(
    () => collect(workerPool(broken, 2, 1), plan, { onProgress: () => units++ }),
    ModelError,
  );
  assertEquals([error.message, units], [message, 0]);
});

Deno.test("the command line's runner refuses a model that cannot compile before writing anything", async () => {
  const root = await Deno.makeTempDir();
  try {
    const out = `${root}/out`;
    const error = await assertRejects(
      () =>
        runRequest({
          model: stateUpdateSimulator(broken),
          plan: planRuns(broken, { runs: 3 }),
          out,
          format: "csv",
          tables: ["timeseries"],
          workers: 2,
          maxBytes: 1e9,
        }),
      ModelError,
    );
    assert(!error.message.includes("\n"), "one line");
    assertEquals(error.message, "model broken, block 'move': update for unknown state variable 'y'");
    assertEquals([...Deno.readDirSync(root)], [], "nothing written");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a block that is not one is named: its label, policies, updates and columns", () => {
  const bad = (change: Record<string, unknown>) => ({ ...walk, name: "bad", ...change }) as AnyModel;
  const block = walk.blocks[0];
  const cases: [Record<string, unknown>, string][] = [
    [{ blocks: "move" }, "model bad: blocks must be a list of blocks"],
    [{ blocks: [null] }, "model bad, block 1: not a block { label, policies, updates }"],
    [{ blocks: [{ ...block, label: 3 }] }, "model bad, block 1: its label must be a string"],
    [{ blocks: [{ ...block, policies: undefined }] }, "model bad, block 'move': policies must be an object"],
    [{ blocks: [{ ...block, updates: [] }] }, "model bad, block 'move': updates must be an object"],
    [
      { blocks: [{ ...block, policies: { drift: 1 } }] },
      "model bad, block 'move': policy 'drift' is not a function",
    ],
    [
      { blocks: [{ ...block, updates: { x: 0 } }] },
      "model bad, block 'move': update for 'x' is not a function",
    ],
    [{ derived: { double_x: 2 } }, "model bad: derived column 'double_x' is not a function"],
    [{ derived: { total: () => 0 } }, "model bad: derived column 'total' has the name of a state variable"],
    [{ derived: { run: () => 0 } }, "model bad: column 'run' has the name of a key column"],
    [{ derived: { 12: () => 0 } }, "model bad: column '12' is named like an array index; rename it"],
  ];
  for (const [change, expected] of cases) {
    for (const generateCode of [true, false]) {
      const message = modelError(() => simulate(bad(change), { runs: 2, generateCode }));
      assert(message.startsWith(expected), `${message} (expected ${expected})`);
    }
  }
});

/** Names that break naive generated code or `in` tests: prototype members, quotes, spaces, escapes. */
const ODD = [
  "toString",
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "valueOf",
  'a "quoted" name',
  "it's",
  "with space",
  "back\\slash",
  "line\u2028separator",
  "`${tick}`",
  "*/ x; /*",
];

/**
 * One variable per odd name, each adding the summed signal of the same name; two policies emit every
 * name (so each signal is a sum), and a third emits `toString` only at even steps and `valueOf` at odd
 * ones: the same number of keys, other keys, which a key test with `in` would mistake for each other.
 */
const odd = defineModel({
  name: "odd",
  title: "odd key names",
  params: {},
  steps: 6,
  timeUnit: "step",
  runs: 2,
  initialState: () => Object.fromEntries(ODD.map((k, i) => [k, i])) as State,
  blocks: [{
    label: "sum",
    policies: {
      ones: () => Object.fromEntries(ODD.map((k) => [k, 1])),
      draws: (_p, _s, ctx) => Object.fromEntries(ODD.map((k) => [k, ctx.rng.int(10)])),
      alternate: (_p, _s, ctx) => Object.fromEntries([[ctx.timestep % 2 ? "valueOf" : "toString", 100]]),
    },
    updates: Object.fromEntries(ODD.map((k) => [k, (_p: unknown, s: State, x: Signals) => {
      assert(Object.hasOwn(s, k) && Object.getPrototypeOf(s) === Object.prototype, `state key ${k}`);
      const signal = Object.hasOwn(x, k) ? x[k] as number : 0;
      return (s[k] as number) + signal;
    }])),
  }],
  derived: { '"sum"': (s) => ODD.reduce((sum, k) => sum + (s[k] as number), 0) },
});

Deno.test("any key name is an ordinary own property: prototype members, __proto__, quotes, spaces", () => {
  for (const generateCode of [true, false]) {
    const r = simulate(odd, { runs: 2, seed: 3, generateCode });
    assertEquals(r.valueNames, [...ODD, '"sum"']);
    for (let run = 1; run <= 2; run++) {
      // By hand: each variable gains 1, its draw, and 100 for valueOf at odd steps and toString at even.
      const rng = streamFor(unitSeed(3, run));
      const expected = Object.fromEntries(ODD.map((k, i) => [k, [i]]));
      for (let t = 1; t <= odd.steps; t++) {
        for (const k of ODD) {
          const extra = (k === "valueOf" && t % 2 === 1) || (k === "toString" && t % 2 === 0) ? 100 : 0;
          expected[k].push(expected[k].at(-1)! + 1 + rng.int(10) + extra);
        }
      }
      const rows = (k: string) => [...r.columns.values[k].subarray((run - 1) * 7, run * 7)];
      for (const k of ODD) {
        assertEquals(rows(k), expected[k], `${k}, run ${run}, generateCode ${generateCode}`);
      }
      assertEquals(rows('"sum"').at(-1), ODD.reduce((sum, k) => sum + expected[k].at(-1)!, 0));
    }
  }
});

Deno.test("the generic path gives exactly the generated path's numbers, with no generated code", () => {
  // A host that forbids generated code, as a page under a CSP without 'unsafe-eval': Function throws.
  const original = globalThis.Function;
  const forbid = () => {
    globalThis.Function = function () {
      throw new EvalError("code generation from strings disallowed");
    } as unknown as FunctionConstructor;
  };
  // Fresh model objects, so that nothing compiled before is reused.
  const models = [{ ...honey }, { ...walk }, { ...odd }] as AnyModel[];
  const options: SimulateOptions[] = [
    { sweep: { throttle: [0.002, 0.01] }, runs: 3, steps: 36, seed: 1 },
    { sweep: { drift: [0, 1] }, runs: 3, steps: 8, seed: 2, lastSubstepOnly: false },
    { runs: 2, seed: 3 },
  ];
  const expected = models.map((m, i) => csv(m, options[i]));
  try {
    forbid();
    models.forEach((m, i) => {
      const copy = { ...m };
      assertThrows(() => simulate(copy, options[i]), EvalError);
      assertEquals(csv(copy, { ...options[i], generateCode: false }), expected[i], m.name);
    });
  } finally {
    globalThis.Function = original;
  }
});

Deno.test("the generic path carries over to workers", async () => {
  const plan = planRuns(walk, { sweep: { drift: [0, 1, 2] }, runs: 3, steps: 10, seed: 4 });
  const local = frames(runInProcess(walk, plan)).timeseries.writeCSV().toString();
  const remote = await collect(workerPool(walk, 2), plan, { generateCode: false });
  assertEquals(frames(remote).timeseries.writeCSV().toString(), local);
});
