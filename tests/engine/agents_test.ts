/**
 * The agent-based runner on a toy model: seeded activation order, phase order, the data collector,
 * event tables, and runs and sweeps numbered and seeded exactly as the state-update engine's.
 */
import { assert, assertEquals, assertMatch, assertNotEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import {
  type Agent,
  AgentRegistry,
  defineAgentModel,
  inActivationOrder,
  runWorld,
  type World,
} from "@lib/engine/agents.ts";
import { defaults } from "@lib/engine/params.ts";
import { streamFor } from "@lib/engine/random.ts";
import { planRuns, unitSeed } from "@lib/engine/plan.ts";
import { runAgents, simulate } from "@lib/engine/simulate.ts";
import { toFrame } from "@lib/engine/frame.ts";
import type { UnitError } from "@lib/engine/unit_error.ts";
import { walk } from "../support/walk_model.ts";

interface Walker extends Agent {
  readonly type: "walker" | "sitter";
  x: number;
}

interface Toy extends World<Walker> {
  /** Activation log: (timestep, phase, agent id or -1 for a model phase). */
  readonly log: { t: number; phase: string; id: number }[];
  steps: number;
}

const toyParams = {
  walkers: { kind: "number", default: 4, unit: "agents", description: "walkers", min: 0, integer: true },
  sitters: { kind: "number", default: 2, unit: "agents", description: "sitters", min: 0, integer: true },
  stride: { kind: "number", default: 1, unit: "m/step", description: "stride", min: 0 },
  fail_at: { kind: "number", default: 0, unit: "step", description: "throw here (0: never)", min: 0 },
  fail_subset_stride: { kind: "number", default: -1, unit: "m/step", description: "fail only here", min: -1 },
} as const;

const toy = defineAgentModel({
  name: "toy",
  title: "walkers and sitters",
  params: toyParams,
  steps: 3,
  timeUnit: "step",
  runs: 2,
  create: (p) => {
    const w: Toy = { agents: new AgentRegistry<Walker>(), log: [], steps: 0 };
    for (let i = 0; i < p.walkers; i++) w.agents.add((id) => ({ id, type: "walker", x: 0 }));
    for (let i = 0; i < p.sitters; i++) w.agents.add((id) => ({ id, type: "sitter", x: 0 }));
    return w;
  },
  phases: [
    // No draws besides the shuffle, so the order can be predicted from the unit's stream.
    {
      name: "walk",
      agents: "walker",
      act: (a, w, p, ctx) => {
        w.log.push({ t: ctx.timestep, phase: "walk", id: a.id });
        a.x += p.stride;
        ctx.emit("moves", { agent_id: a.id, dx: p.stride, kind: a.type });
      },
    },
    {
      name: "sit",
      agents: ["sitter", "walker"],
      order: "insertion",
      act: {
        sitter: (a, w, _p, ctx) => {
          w.log.push({ t: ctx.timestep, phase: "sit", id: a.id });
          // An agent entering mid-phase must wait for the next step.
          if (ctx.timestep === 1 && a.id === 4) w.agents.add((id) => ({ id, type: "sitter", x: 0 }));
        },
        walker: (a, w, _p, ctx) => void w.log.push({ t: ctx.timestep, phase: "sit", id: a.id }),
      },
    },
    {
      name: "count",
      run: (w, p, ctx) => {
        w.log.push({ t: ctx.timestep, phase: "count", id: -1 });
        if (ctx.timestep === p.fail_at && (p.fail_subset_stride < 0 || p.stride === p.fail_subset_stride)) {
          throw new Error("boom");
        }
        w.steps++;
      },
    },
  ],
  modelReporters: {
    steps_done: { kind: "int", value: (w) => w.steps },
    mean_x: (w) => w.agents.all().reduce((s, a) => s + a.x, 0) / w.agents.size,
    population: { kind: "int", value: (w) => w.agents.size },
  },
  agentReporters: { x: (a) => a.x, moved: { kind: "bool", value: (a) => a.x > 0 } },
  events: { moves: { agent_id: "int", dx: "float", kind: "string" } },
});

const params = defaults(toy.params);

Deno.test("activation order inside a phase is a permutation drawn from the unit's own stream", () => {
  const w = runWorld(toy, params, { steps: 3, seed: 7, subset: 0, run: 2 });
  const rng = streamFor(unitSeed(7, 2));
  for (let t = 1; t <= 3; t++) {
    const order = w.log.filter((e) => e.t === t && e.phase === "walk").map((e) => e.id);
    assertEquals(order, rng.shuffle([0, 1, 2, 3]), `step ${t}`);
  }
  const orders = [1, 2].map((run) =>
    runWorld(toy, { ...params, walkers: 8 }, { steps: 1, seed: 7, run }).log.filter((e) => e.phase === "walk")
      .map((e) => e.id)
  );
  assertEquals([...orders[0]].sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
  assertNotEquals(orders[0], orders[1], "two runs activate in different orders");
});

Deno.test("phases run in their order every step; insertion order mixes types by entry", () => {
  const w = runWorld(toy, params, { steps: 2 });
  const step2 = w.log.filter((e) => e.t === 2);
  assertEquals(step2.map((e) => e.phase), [...Array(4).fill("walk"), ...Array(7).fill("sit"), "count"]);
  // Step 1: the sitter added by agent 4 during "sit" does not act in that phase; at step 2 it does.
  assertEquals(w.log.filter((e) => e.t === 1 && e.phase === "sit").map((e) => e.id), [0, 1, 2, 3, 4, 5]);
  assertEquals(step2.filter((e) => e.phase === "sit").map((e) => e.id), [0, 1, 2, 3, 4, 5, 6]);
});

Deno.test("reporters run at timestep 0 and after every step; agent rows at the end", () => {
  const r = runAgents(toy, planRuns(toy, { runs: 1, steps: 3, set: { stride: 0.5 } }));
  assertEquals(r.timeseries.columns, ["subset", "run", "timestep", "steps_done", "mean_x", "population"]);
  const rows = r.timeseries.toRecords();
  assertEquals(rows.map((x) => [x.timestep, x.steps_done, x.population]), [[0, 0, 6], [1, 1, 7], [2, 2, 7], [
    3,
    3,
    7,
  ]]);
  assertEquals(rows[3].mean_x, (4 * 1.5) / 7);
  assertEquals(r.timeseries.getColumn("population").dtype, pl.Int32);
  const agents = r.agents!;
  assertEquals(agents.columns, ["subset", "run", "timestep", "agent_id", "agent_type", "x", "moved"]);
  assertEquals(agents.height, 7);
  assertEquals(agents.getColumn("timestep").toArray(), Array(7).fill(3));
  assertEquals(agents.getColumn("agent_type").toArray(), [
    ...Array(4).fill("walker"),
    ...Array(3).fill("sitter"),
  ]);
  assertEquals(agents.getColumn("moved").toArray(), [true, true, true, true, false, false, false]);
});

Deno.test("events carry subset, run, timestep and their declared columns, in order", () => {
  const r = runAgents(toy, planRuns(toy, { runs: 1, steps: 2, seed: 3 }));
  const moves = r.events.moves;
  assertEquals(moves.columns, ["subset", "run", "timestep", "agent_id", "dx", "kind"]);
  assertEquals(moves.height, 8);
  assertEquals(moves.getColumn("timestep").toArray(), [1, 1, 1, 1, 2, 2, 2, 2]);
  const rng = streamFor(unitSeed(3, 1));
  assertEquals(moves.getColumn("agent_id").toArray(), [
    ...rng.shuffle([0, 1, 2, 3]),
    ...rng.shuffle([0, 1, 2, 3]),
  ]);
  assertEquals(new Set(moves.getColumn("kind").toArray()), new Set(["walker"]));
  assertEquals(runAgents(toy, planRuns(toy, { steps: 2 }), { events: [] }).events, {});
  assertThrows(() => runAgents(toy, planRuns(toy, {}), { events: ["nope"] }), Error, "no event table 'nope'");
});

Deno.test("runs and sweeps are numbered and seeded like the state-update engine", () => {
  const options = { sweep: { stride: [1, 2, 3] }, runs: 2, steps: 2, seed: 11 };
  const r = runAgents(toy, planRuns(toy, options));
  assertEquals(r.timeseries.columns.slice(0, 4), ["subset", "run", "timestep", "stride"]);
  const keys = (f: pl.DataFrame) => f.select("subset", "run", "timestep").toRecords();
  const walkFrame = toFrame(simulate(walk, { sweep: { drift: [1, 2, 3] }, runs: 2, steps: 2, seed: 11 }));
  assertEquals(keys(r.timeseries), keys(walkFrame));
  assertEquals(r.timeseries.getColumn("stride").toArray(), [1, 2, 3].flatMap((s) => Array(6).fill(s)));
  assertEquals(r.agents!.columns.slice(0, 6), [
    "subset",
    "run",
    "timestep",
    "agent_id",
    "agent_type",
    "stride",
  ]);
  // Unit (subset 2, run 2) activates from the stream "11/2", whatever ran before it; so does run 2 of
  // every other subset (common random numbers), while run 1 draws its own.
  const alone = runWorld(toy, { ...params, stride: 3 }, { steps: 1, seed: 11, subset: 2, run: 2 });
  const order = (subset: number, run: number) =>
    r.events.moves.filter(
      pl.col("subset").eq(subset).and(pl.col("run").eq(run)).and(pl.col("timestep").eq(1)),
    ).getColumn("agent_id").toArray();
  assertEquals(order(2, 2), alone.log.filter((e) => e.phase === "walk").map((e) => e.id));
  assertEquals(order(2, 2), rng(11, 2).shuffle([0, 1, 2, 3]));
  for (const subset of [0, 1]) assertEquals(order(subset, 2), order(2, 2), `subset ${subset}, run 2`);
  for (const subset of [0, 1, 2]) assertEquals(order(subset, 1), rng(11, 1).shuffle([0, 1, 2, 3]));
});

const rng = (seed: number, run: number) => streamFor(unitSeed(seed, run));

Deno.test("the same seed gives identical frames; another seed does not", () => {
  const csv = (seed: number) => {
    const r = runAgents(toy, planRuns(toy, { runs: 3, steps: 4, seed, sweep: { walkers: [3, 5] } }));
    return [r.timeseries, r.agents!, r.events.moves].map((f) => f.writeCSV().toString()).join("\n");
  };
  assertEquals(csv(5), csv(5));
  assertNotEquals(csv(5), csv(6));
});

Deno.test("a failing run is reported with timestep and phase; the other runs' rows are kept", () => {
  const plan = planRuns(toy, {
    sweep: { stride: [1, 2] },
    set: { fail_at: 2, fail_subset_stride: 2 },
    runs: 2,
  });
  const progress: number[] = [];
  const r = runAgents(toy, plan, { onProgress: (done) => progress.push(done) });
  assertEquals(progress, [1, 2, 3, 4]);
  assertEquals(r.failures.length, 2);
  const failure = r.failures[0] as UnitError;
  assertEquals([failure.unit.subset, failure.unit.run, failure.timestep, failure.phase], [1, 1, 2, "count"]);
  assertMatch(failure.message, /run 1 of subset 1 failed at timestep 2 in phase 'count': boom/);
  for (const frame of [r.timeseries, r.agents!, r.events.moves]) {
    assertEquals(frame.getColumn("subset").unique().toArray(), [0]);
  }
  assertEquals(r.timeseries.height, 2 * 4);
});

Deno.test("model mistakes are named: missing behaviour, undeclared table, missing or mistyped column", () => {
  const broken = (phases: typeof toy.phases) => ({ ...toy, phases });
  const run = (model: typeof toy) =>
    runAgents(model, planRuns(toy, { runs: 1, steps: 1 })).failures[0]?.message;
  assertMatch(
    run(broken([{ name: "p", agents: ["walker", "sitter"], act: { walker: () => {} } }]))!,
    /phase 'p' has no behaviour for agents of type 'sitter'/,
  );
  assertMatch(
    run(broken([{ name: "p", run: (_w, _p, ctx) => ctx.emit("other", {}) }]))!,
    /event table 'other' is not declared/,
  );
  assertMatch(
    run(broken([{ name: "p", run: (_w, _p, ctx) => ctx.emit("moves", { agent_id: 1, dx: 1 }) }]))!,
    /no value for 'kind'/,
  );
  assertMatch(
    run(
      broken([{ name: "p", run: (_w, _p, ctx) => ctx.emit("moves", { agent_id: 1.5, dx: 1, kind: "k" }) }]),
    )!,
    /column 'agent_id' of table 'moves': 1.5 is not a 32-bit integer/,
  );
  assertThrows(() => runAgents(toy, planRuns(walk, {})), Error, "plan is for model walk");
});

Deno.test("agent rows at every timestep when the model asks for them", () => {
  const r = runAgents({ ...toy, agentRecording: "step" }, planRuns(toy, { runs: 1, steps: 2 }));
  assertEquals(r.agents!.getColumn("timestep").toArray(), [
    ...Array(6).fill(0),
    ...Array(7).fill(1),
    ...Array(7).fill(2),
  ]);
  assert(runAgents(toy, planRuns(toy, { runs: 1 }), { agents: false }).agents === undefined);
});

Deno.test("string columns keep their row order through dictionary decoding", () => {
  const labels = ["c", "a", "b", "zz", "a"];
  const strings = Array.from({ length: 5000 }, (_, i) => labels[(i * 7919) % 5] + (i % 3));
  const model = defineAgentModel({
    ...toy,
    phases: [{
      name: "e",
      run: (_w, _p, ctx) => strings.forEach((s, i) => ctx.emit("moves", { agent_id: i, dx: 0, kind: s })),
    }],
  });
  const moves = runAgents(model, planRuns(model, { runs: 1, steps: 1 })).events.moves;
  assertEquals(moves.getColumn("kind").toArray(), strings);
  assertEquals(moves.getColumn("agent_id").toArray(), strings.map((_, i) => i));
});

Deno.test("a model can ask whether an event table is recorded, and skip building rows no one keeps", () => {
  interface Probe extends World<Agent> {
    asked: boolean[];
  }
  const probe = defineAgentModel({
    name: "probe",
    title: "asks whether its events are recorded",
    params: {},
    steps: 2,
    timeUnit: "step",
    runs: 1,
    create: (): Probe => ({ agents: new AgentRegistry<Agent>(), asked: [] }),
    phases: [{
      name: "ask",
      run: (w: Probe, _p, ctx) => {
        w.asked.push(ctx.records("ticks"));
        if (ctx.records("ticks")) ctx.emit("ticks", { at: ctx.timestep });
      },
    }],
    modelReporters: { asked: { kind: "int", value: (w: Probe) => w.asked.length } },
    events: { ticks: { at: "int" } },
  });
  const plan = planRuns(probe, {});
  assertEquals(runAgents(probe, plan).events.ticks.getColumn("at").toArray(), [1, 2]);
  assertEquals(runAgents(probe, plan, { events: [] }).events, {});
  assertEquals(runWorld(probe, {}).asked, [false, false], "runWorld without onEvent keeps no events");
  assertEquals(runWorld(probe, {}, { onEvent: () => {} }).asked, [true, true]);
});

Deno.test("inActivationOrder: insertion keeps the order and draws nothing; random is the stream's shuffle", () => {
  const rng = streamFor("order");
  const twin = streamFor("order");
  assertEquals(inActivationOrder([1, 2, 3, 4], "insertion", rng), [1, 2, 3, 4]);
  assertEquals(inActivationOrder([1, 2, 3, 4, 5], "random", rng), twin.shuffle([1, 2, 3, 4, 5]));
  assertEquals(rng.random(), twin.random(), "the same draws, no more");
});
