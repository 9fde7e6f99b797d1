/**
 * An explorer's state and its URL fragment: values read with the command line's grammar and the
 * schema's ranges, bad ones named and ignored, a state written and read back unchanged, the command
 * that gives the same numbers; and the summaries its table shows, worked by hand.
 */
import { assert, assertEquals } from "@std/assert";
import { honey } from "@lib/models/honey/model.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import {
  commands,
  defaultState,
  formatFragment,
  MAX_FRAGMENT,
  parseFragment,
  shellWord,
  simCommand,
} from "@lib/explore/state.ts";
import { drawnSteps, summarise } from "@lib/explore/summary.ts";
import type { TableData } from "@lib/engine/table.ts";
import type { ModelInfo } from "@lib/engine/model.ts";

Deno.test("a fragment's values are read with the CLI's grammar, from the model's defaults", () => {
  const { state, problems } = parseFragment(honey, "throttle=0.05&seed=7&runs=10");
  assertEquals(problems, []);
  assertEquals(state.set.throttle, 0.05);
  assertEquals(state.set.p_pull, 0.75);
  assertEquals([state.seed, state.runs, state.steps], [7, 10, 120]);
  // "007" is a text seed, as on the command line; "-3" is refused.
  assertEquals(parseFragment(honey, "seed=007").state.seed, "007");
  assertEquals(parseFragment(honey, "seed=-3").problems.length, 1);
  assertEquals(parseFragment(honey, "throttle=%2B1e-2").state.set.throttle, 0.01);
});

Deno.test("every bad value is named and ignored, and the rest are used", () => {
  const { state, problems } = parseFragment(
    honey,
    "throttle=0x10&p_pull=2&runs=0&steps=1.5&growth=Infinity&throtle=1&seed=a%20b&bad=%zz&runs=3&productivity=0.5",
  );
  assertEquals(state.set.throttle, 0.008);
  assertEquals(state.set.p_pull, 0.75);
  assertEquals(state.set.growth, 0);
  assertEquals(state.set.productivity, 0.5);
  assertEquals([state.runs, state.steps, state.seed], [10, 120, 42]);
  const text = problems.join("\n");
  for (
    const part of [
      "'0x10'",
      "'p_pull'",
      "runs = 0",
      "steps = 1.5",
      "'Infinity'",
      "did you mean throttle?",
      "'a b'",
      "'bad=%zz'",
    ]
  ) {
    assert(text.includes(part), `${part} in\n${text}`);
  }
  assert(text.includes("'runs' is given twice; the second is ignored"), text);
  assertEquals(problems.length, 9);
});

Deno.test("a fragment longer than any link the page writes is refused whole", () => {
  const { state, problems } = parseFragment(honey, `throttle=0.05&${"x".repeat(MAX_FRAGMENT)}`);
  assertEquals(state, defaultState(honey));
  assertEquals(problems.length, 1);
});

Deno.test("a state written to a fragment reads back the same (every model's schema)", () => {
  for (const model of [honey, bitrewards] as ModelInfo[]) {
    const base = defaultState(model);
    const names = Object.keys(model.params);
    // Each parameter set to a value other than its default: its range's top, or another option.
    const set = Object.fromEntries(names.map((name) => {
      const spec = model.params[name];
      const value = spec.kind === "number"
        ? (spec.max ?? (spec.min ?? 0) + 1)
        : spec.kind === "choice"
        ? spec.options.at(-1)!
        : !base.set[name];
      return [name, value];
    }));
    const state = { set, vs: { [names[0]]: base.set[names[0]] }, runs: 3, steps: 7, seed: "run.a-1" };
    const { state: read, problems } = parseFragment(model, formatFragment(model, state));
    assertEquals(problems, []);
    assertEquals(read, state);
  }
});

Deno.test("the commands give the page's numbers: sim per setting, and compare for two", () => {
  const state = { ...defaultState(honey), set: { ...defaultState(honey).set, throttle: 0.05 }, seed: 7 };
  assertEquals(
    simCommand(honey, state, state.set),
    "deno task sim honey --set throttle=0.05 --runs 10 --steps 120 --seed 7",
  );
  const two = commands(honey, { ...state, vs: { growth: -0.01 } });
  assertEquals(two.length, 3);
  assert(two[1].includes("--set throttle=0.05 --set growth=-0.01"), two[1]);
  assertEquals(two[2], "deno task compare data/honey-a data/honey-b");
  assertEquals(shellWord("a b'c"), `'a b'\\''c'`);
});

/** A timeseries of `runs` runs × steps 0…last of one column `x` = f(run, step). */
function table(runs: number, last: number, f: (run: number, step: number) => number): TableData {
  const rows = runs * (last + 1);
  const run = new Int32Array(rows), timestep = new Int32Array(rows), x = new Float64Array(rows);
  for (let r = 0; r < runs; r++) {
    for (let t = 0; t <= last; t++) {
      const i = r * (last + 1) + t;
      [run[i], timestep[i], x[i]] = [r + 1, t, f(r + 1, t)];
    }
  }
  return {
    rows,
    keys: 2,
    columns: {
      run: { kind: "int", values: run },
      timestep: { kind: "int", values: timestep },
      x: { kind: "float", values: x },
    },
  };
}

Deno.test("the final-step median of an even number of runs is the mean of the two middle values", () => {
  // Runs 1…4 end at 10, 40, 20, 30: the middle values 20 and 30 give 25.
  const ends = [10, 40, 20, 30];
  const s = summarise(table(4, 2, (r, t) => (t === 2 ? ends[r - 1] : 0)), ["x"]);
  assertEquals(s.final, { x: 25 });
  assertEquals([s.finalStep, s.runs], [2, 4]);
  // Three runs at step 1: 1, 2, 3; the band's ends are the 5 % and 95 % quantiles, 1.1 and 2.9.
  const band = summarise(table(3, 1, (r, t) => r * t), ["x"]).bands.x[1];
  assertEquals(band.mid, 2);
  assert(Math.abs(band.lo - 1.1) < 1e-12 && Math.abs(band.hi - 2.9) < 1e-12, JSON.stringify(band));
});

Deno.test("charts draw at most MAX_POINTS steps, the first and the last among them", () => {
  assertEquals(drawnSteps(5, 400), [0, 1, 2, 3, 4, 5]);
  const many = drawnSteps(14_600, 400);
  assert(many.length <= 401, `${many.length}`);
  assertEquals([many[0], many.at(-1)], [0, 14_600]);
});
