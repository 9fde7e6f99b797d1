/**
 * The executors: in process, in chunks, and on a pool of workers, for both kinds of model — the same
 * tables whatever the number of workers or chunks, failures included; a fatal error stops every worker.
 */
import { assert, assertEquals, assertRejects } from "@std/assert";
import type pl from "nodejs-polars";
import { adaptive } from "@lib/engine/adaptive.ts";
import { collect, inProcess, runInProcess } from "@lib/engine/executor.ts";
import { frames } from "@lib/engine/frame.ts";
import { planRuns } from "@lib/engine/plan.ts";
import { KeptWorkers, workerPool, type WorkerReply, type WorkerRequest } from "@lib/engine/pool.ts";
import { asAgentFrames, runParallel } from "@lib/engine/simulate.ts";
import { counters } from "../support/counter_agents.ts";
import { fragile, walk } from "../support/walk_model.ts";
import { honey } from "@lib/models/honey/model.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";

const csv = (frame?: pl.DataFrame) => frame?.writeCSV().toString();
const csvs = (tables: Record<string, pl.DataFrame>) =>
  Object.fromEntries(Object.entries(tables).map(([name, f]) => [name, csv(f)]));

Deno.test("state-update: 1, 2 and 3 workers and any chunking give exactly the in-process rows", async () => {
  const plan = planRuns(honey, { sweep: { throttle: [0.002, 0.008, 0.016] }, runs: 5, steps: 60, seed: 11 });
  const local = csvs(frames(runInProcess(honey, plan)));
  assertEquals(csvs(frames(await collect(inProcess(honey, 1), plan))), local, "one unit per chunk");
  for (const workers of [1, 2, 3]) {
    assertEquals(csvs(frames(await collect(workerPool(honey, workers), plan))), local, `${workers} workers`);
  }
  assertEquals(csvs(frames(await collect(workerPool(honey, 2, 4), plan))), local, "chunks of 4");
});

Deno.test("state-update: failures cross threads with their unit, step and message", async () => {
  const plan = planRuns(fragile, { sweep: { drift: [1, 2] }, runs: 2, steps: 4 });
  const local = runInProcess(fragile, plan);
  const remote = await collect(workerPool(fragile, 2, 1), plan);
  assertEquals(remote.failures.map((f) => f.message), local.failures.map((f) => f.message));
  assertEquals(remote.failures.map((f) => f.failure), local.failures.map((f) => f.failure));
  assertEquals(csvs(frames(remote)), csvs(frames(local)));
  assertEquals(local.failures.length, 1);
});

Deno.test("agent-based: workers give exactly the in-process tables, failed runs included", async () => {
  const plan = planRuns(counters, { sweep: { bias: [0.2, 0.5, 0.8], fail_subset: [1] }, runs: 3, seed: 4 });
  const local = asAgentFrames(runInProcess(counters, plan));
  for (const workers of [1, 2, 4]) {
    const remote = asAgentFrames(await collect(workerPool(counters, workers), plan));
    assertEquals(csv(remote.timeseries), csv(local.timeseries), `timeseries, ${workers} workers`);
    assertEquals(csv(remote.agents), csv(local.agents), `agents, ${workers} workers`);
    assertEquals(csv(remote.events.ticks), csv(local.events.ticks), `events, ${workers} workers`);
    assertEquals(remote.failures.map((f) => f.message), local.failures.map((f) => f.message));
  }
  assertEquals(local.failures.length, 1);
});

Deno.test("BITrewards over two workers equals the in-process run", async () => {
  const plan = planRuns(bitrewards, {
    set: { N_creators: 10, N_investors: 2, N_users: 20 },
    sweep: { gas_fee_share_rate: [0.003, 0.008] },
    runs: 2,
    steps: 20,
  });
  const local = csvs(frames(runInProcess(bitrewards, plan)));
  assertEquals(csvs(frames(await runParallel(bitrewards, plan, { workers: 2 }))), local);
});

Deno.test("a pool with this thread among its runners gives exactly the in-process tables and progress", async () => {
  const plan = planRuns(counters, { sweep: { bias: [0.2, 0.5, 0.8], fail_subset: [1] }, runs: 3, seed: 4 });
  const local = asAgentFrames(runInProcess(counters, plan));
  for (const workers of [1, 2]) {
    let done = 0;
    const remote = asAgentFrames(
      await collect(workerPool(counters, workers, 1, 0, true), plan, { onProgress: (d) => void (done = d) }),
    );
    assertEquals(csv(remote.timeseries), csv(local.timeseries), `timeseries, here and ${workers} workers`);
    assertEquals(csv(remote.agents), csv(local.agents), `agents, here and ${workers} workers`);
    assertEquals(csv(remote.events.ticks), csv(local.events.ticks), `events, here and ${workers} workers`);
    assertEquals(remote.failures.map((f) => f.message), local.failures.map((f) => f.message));
    assertEquals(done, plan.subsets.length * plan.runs, "every unit reported once");
  }
});

Deno.test("a range of units is a shard: shards joined in order equal the whole run", async () => {
  const plan = planRuns(walk, { sweep: { drift: [0, 1, 2] }, runs: 3, steps: 5, seed: 3 });
  const whole = csvs(frames(runInProcess(walk, plan)));
  const parts = [[0, 4], [4, 5], [5, 9]].map(([a, b]) => runInProcess(walk, plan, { units: [a, b] }));
  const joined = await collect(
    {
      run: async (_plan, sink) => {
        for (const p of parts) await sink({ from: 0, to: 0, tables: p.tables, failures: p.failures });
      },
    },
    plan,
  );
  assertEquals(csvs(frames(joined)), whole);
});

Deno.test("kept workers: started once for runs of two models, the same tables; a failed run's not kept", async () => {
  // Counts the workers started, through the global constructor the pool uses.
  const original = globalThis.Worker;
  let started = 0;
  globalThis.Worker = class extends original {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      started++;
    }
  };
  try {
    using kept = new KeptWorkers();
    const honeyPlan = planRuns(honey, { sweep: { throttle: [0.002, 0.008] }, runs: 3, steps: 30, seed: 5 });
    const walkPlan = planRuns(walk, { runs: 6, steps: 5 });
    for (let round = 1; round <= 2; round++) {
      for (const [model, plan] of [[honey, honeyPlan], [walk, walkPlan]] as const) {
        const remote = await collect(workerPool(model, 2, undefined, undefined, false, kept), plan);
        assertEquals(
          csvs(frames(remote)),
          csvs(frames(runInProcess(model, plan))),
          `${model.name}, round ${round}`,
        );
      }
    }
    assertEquals(started, 2, "two workers for four runs");
    await assertRejects(
      () => collect(workerPool({ ...walk, name: "missing" }, 2, undefined, undefined, false, kept), walkPlan),
      Error,
      "has no export 'missing'",
    );
    await collect(workerPool(walk, 2, undefined, undefined, false, kept), walkPlan);
    assertEquals(started, 4, "the failed run's workers ended, two new ones started");
  } finally {
    globalThis.Worker = original;
  }
});

Deno.test("adaptive: the worker started ahead is the pool's, ended at once when no pool pays, or not started", async () => {
  // Counts the workers started and ended, through the global constructor the executors use.
  const original = globalThis.Worker;
  let started = 0;
  let ended = 0;
  globalThis.Worker = class extends original {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      started++;
    }
    override terminate() {
      ended++;
      super.terminate();
    }
  };
  try {
    const plan = planRuns(honey, { sweep: { throttle: [0.002, 0.008] }, runs: 4, steps: 30, seed: 3 });
    const local = csvs(frames(runInProcess(honey, plan)));
    const always = {
      measureMs: 0,
      poolPaysMs: -Infinity,
      minFreeCores: 0,
      assumeFree: Infinity,
      tellingChunkMs: 0,
    };
    assertEquals(csvs(frames(await collect(adaptive(honey, 2, 1, always), plan))), local, "pool");
    assertEquals(
      [started, ended],
      [1, 1],
      "one worker, started ahead, used by the pool and ended with the run",
    );
    // A pool that cannot pay (no idle core): the worker started ahead is ended before the third unit runs.
    let endedAtDecision = -1;
    const busy = { ...always, assumeFree: 0 };
    const alone = await collect(adaptive(honey, 2, 1, busy), plan, {
      onProgress: (done) => void (done === 3 && (endedAtDecision = ended)),
    });
    assertEquals(csvs(frames(alone)), local, "in process");
    assertEquals([started, endedAtDecision], [2, 2], "the unused worker ended at the decision");
    // No worker ahead when the first chunk says the rest is too short to pay, when it took too short a
    // time to go by (then a pool's workers start at the decision), or when too few chunks are left.
    await collect(adaptive(honey, 2, 1, { ...always, poolPaysMs: Infinity }), plan);
    await collect(adaptive(honey, 2, 1, { ...busy, tellingChunkMs: Infinity }), plan);
    await collect(adaptive(honey, 2, 4, always), plan);
    assertEquals(started, 2);
    await collect(adaptive(honey, 2, 1, { ...always, tellingChunkMs: Infinity }), plan);
    assertEquals(started, 3, "the pool's worker, started at the decision");
  } finally {
    globalThis.Worker = original;
  }
});

Deno.test("a fatal error stops every worker and rejects with its message", async () => {
  await assertRejects(
    () => collect(workerPool({ ...walk, name: "missing" }, 2), planRuns(walk, { runs: 4 })),
    Error,
    "has no export 'missing'",
  );
  // A sink that fails on the first shard: the pool rejects with its error, having dispatched no more than
  // it may run ahead of the sink (2 × 2 workers chunks of one unit), so at most 4 of the 40 units ran.
  const plan = planRuns(walk, { runs: 40, steps: 5 });
  let units = 0;
  await assertRejects(
    () =>
      workerPool(walk, 2, 1).run(plan, () => {
        throw new Error("disk full");
      }, { onProgress: () => units++ }),
    Error,
    "disk full",
  );
  assert(units <= 4, `the pool stopped early (${units} of 40 units reported)`);
});

/** A Worker driven by the test: it records what the pool sends, and replies when the test says so. */
class HandWorker {
  static made: HandWorker[] = [];
  onmessage?: (e: MessageEvent<WorkerReply>) => void;
  onerror?: (e: ErrorEvent) => void;
  readonly sent: WorkerRequest[] = [];
  terminated = false;
  constructor() {
    HandWorker.made.push(this);
  }
  postMessage(request: WorkerRequest) {
    this.sent.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: WorkerReply) {
    this.onmessage!({ data } as MessageEvent<WorkerReply>);
  }
}

Deno.test("after a fatal error every worker is terminated and a reply still in flight is not reported", async () => {
  // Real workers cannot deliver a reply after they are terminated on demand; workers driven by hand can.
  const real = globalThis.Worker;
  globalThis.Worker = HandWorker as unknown as typeof Worker;
  try {
    let units = 0;
    const run = workerPool(walk, 2, 1).run(planRuns(walk, { runs: 4 }), () => {}, {
      onProgress: () => units++,
    });
    const [a, b] = HandWorker.made;
    assertEquals([a.sent[0].kind, a.sent[1].kind, b.sent[1].kind], ["start", "run", "run"]);
    a.reply({ kind: "units", count: 1 });
    a.reply({ kind: "fatal", message: "boom", model: false });
    await assertRejects(() => run, Error, "boom");
    b.reply({ kind: "units", count: 1 });
    assertEquals(units, 1, "only the unit reported before the stop");
    assertEquals(HandWorker.made.map((w) => w.terminated), [true, true]);
  } finally {
    globalThis.Worker = real;
  }
});

Deno.test("a pool reports progress in batches: at most every progressMs, and with every chunk", async () => {
  // 24 units over 2 workers in chunks of 6. With an endless interval each chunk reports its units once,
  // with its shard; with none, each unit is reported as it finishes (and each shard adds a report of 0).
  const plan = planRuns(walk, { runs: 24, steps: 5 });
  const reports = async (progressMs: number) => {
    const seen: [number, number][] = [];
    await collect(workerPool(walk, 2, 6, progressMs), plan, {
      onProgress: (done, total) => seen.push([done, total]),
    });
    return seen;
  };
  assertEquals(await reports(Infinity), [[6, 24], [12, 24], [18, 24], [24, 24]]);
  const each = await reports(0);
  assertEquals(each.length, 24 + 4);
  assertEquals(each.at(-1), [24, 24]);
  assert(each.every(([done], i) => i === 0 || done >= each[i - 1][0]), "progress never goes back");
});

Deno.test("a model without a module runs in process only, and says so for a pool", () => {
  const { module: _, ...local } = walk;
  let message = "";
  try {
    workerPool(local, 2);
  } catch (e) {
    message = (e as Error).message;
  }
  assertEquals(message, "model walk declares no module, so workers cannot load it; run it in process");
});
