/**
 * Rows written once: `sim` appends each chunk's CSV as its worker encoded it, and the file must be the
 * whole table encoded at once. The reference is computed here, independently of the executors and the
 * writer: the plan run in this thread as one shard, the model's output frames, one CSV encoding.
 */
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { adaptive } from "@lib/engine/adaptive.ts";
import { type Executor, growingChunks, inProcess, runRange } from "@lib/engine/executor.ts";
import { frames } from "@lib/engine/frame.ts";
import { unitCount } from "@lib/engine/plan.ts";
import { parseRequest } from "@lib/cli/sim.ts";
import { outputEncoding } from "@lib/cli/sim_output.ts";
import { assertDataset, assertSameBytes, sim } from "../support/sim_process.ts";

/** One small run of each model, with enough units that the chunks of a run are many. */
const RUNS: Record<string, readonly string[]> = {
  honey: ["honey", "--scenario", "reserve-throttle", "--runs", "3"],
  bostrom: ["bostrom"],
  gonka: ["gonka"],
  datadao: ["datadao", "--runs", "3", "--steps", "200"],
  bitrewards: ["bitrewards", "--scenario", "baseline", "--runs", "4"],
};

/** Each chosen table of a request, encoded as CSV in one piece. */
async function reference(args: readonly string[]): Promise<Map<string, Uint8Array>> {
  const request = await parseRequest([...args]);
  if (request === "help") throw new Error("not a run");
  const { model, plan, tables } = request;
  const shard = runRange(model.model, plan, 0, unitCount(plan), model.record(tables));
  const output = model.output(frames({ plan, tables: shard.tables, failures: [] }), plan);
  return new Map(tables.map((name) => [`${name}.csv`, output[name].writeCSV() as Uint8Array]));
}

for (const [name, args] of Object.entries(RUNS)) {
  Deno.test(`${name}: every CSV table sim writes is the whole table encoded at once, 1 or 2 workers`, async () => {
    const root = await Deno.makeTempDir();
    try {
      const expected = await reference(args);
      for (const workers of ["1", "2"]) {
        const out = join(root, workers);
        const r = await sim([...args, "--workers", workers, "--out", out]);
        assertEquals(r.code, 0, r.stderr);
        await assertDataset(out);
        for (const [file, bytes] of expected) {
          assertSameBytes(await Deno.readFile(join(out, file)), bytes, `${name} ${file}, ${workers} workers`);
        }
      }
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  });
}

/** Every piece an executor hands over for a request, in order: (table, rows, bytes). */
async function piecesOf(executor: Executor, args: readonly string[], encoding: "csv" | "ipc") {
  const request = await parseRequest([...args]);
  if (request === "help") throw new Error("not a run");
  const { model, plan, tables } = request;
  const out: [string, number, Uint8Array][] = [];
  const scratch = await Deno.makeTempDir();
  try {
    await executor.run(plan, async (shard) => {
      for (const p of shard.encoded ?? []) {
        out.push([p.table, p.rows, (await Deno.readFile(p.file)).subarray(p.lead)]);
      }
    }, {
      ...model.record(tables),
      encoding: outputEncoding({ model: model.name, tables, encoding, scratch }),
    });
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
  return out;
}

Deno.test("a pool of workers encodes each chunk as this thread does, CSV and Arrow IPC", async () => {
  const args = RUNS.honey;
  const request = await parseRequest([...args]);
  if (request === "help") throw new Error("not a run");
  const chunking = (a: number, b: number) => growingChunks(a, b, 16);
  for (const encoding of ["csv", "ipc"] as const) {
    const here = await piecesOf(inProcess(request.model.model, chunking), args, encoding);
    // Thresholds that always pick the pool: it runs every chunk after the two measured, whatever the timing.
    const force = { measureMs: 0, poolPaysMs: -Infinity, minFreeCores: 0, assumeFree: Infinity };
    const pool = await piecesOf(adaptive(request.model.model, 2, chunking, force), args, encoding);
    assertEquals(pool.length, here.length, `${encoding}: pieces`);
    assert(here.length > 10, `${encoding}: only ${here.length} pieces`);
    for (const [i, [table, rows, bytes]] of here.entries()) {
      assertEquals([pool[i][0], pool[i][1]], [table, rows], `${encoding} piece ${i}`);
      assertSameBytes(pool[i][2], bytes, `${encoding} piece ${i}`);
    }
  }
});
