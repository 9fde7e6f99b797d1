/**
 * The one worker entry of the engine (see pool.ts): loads the model once, then runs each requested range
 * of units and sends the shard's typed columns back by transfer (or, with an encoding, the paths of its
 * encoded pieces), failures as plain data.
 */
/// <reference lib="deno.worker" />
import { encodedShard, encoderOf, type Runnable, runRange } from "./executor.ts";
import { ModelError } from "./model.ts";
import type { WorkerReply, WorkerRequest } from "./pool.ts";
import type { RunPlan } from "./plan.ts";
import type { Encoding, RecordOptions } from "./shard.ts";
import { transferables } from "./table.ts";

interface Job {
  readonly model: Runnable;
  readonly plan: RunPlan;
  readonly options: RecordOptions;
  readonly encoding?: Encoding;
  readonly progressMs: number;
}

let job: Promise<Job> | undefined;

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => self.postMessage(message, transfer);

async function load(module: string, exportName: string): Promise<Runnable> {
  const model = (await import(module))[exportName] as Runnable | undefined;
  if (!model) throw new Error(`module ${module} has no export '${exportName}'`);
  return model;
}

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const request = e.data;
  try {
    if (request.kind === "start") {
      const { module, exportName, plan, options, encoding, progressMs, warmUp } = request;
      job = Promise.all([load(module, exportName), encoding && encoderOf(encoding)])
        .then(([model]) => {
          if (warmUp) runRange(model, plan, warmUp[0], warmUp[1], options);
          return { model, plan, options, encoding, progressMs };
        });
      job.catch(() => {}); // reported when the first range asks for the job
      return;
    }
    if (!job) throw new Error("worker asked to run before it was started");
    const { model, plan, options, encoding, progressMs } = await job;
    // Progress is reported in batches, at most every progressMs (see WorkerReply).
    let units = 0;
    let reported = performance.now();
    const onUnit = () => {
      units++;
      const now = performance.now();
      if (now - reported >= progressMs) {
        reply({ kind: "units", count: units });
        units = 0;
        reported = now;
      }
    };
    const ran = runRange(model, plan, request.from, request.to, options, onUnit);
    const shard = encoding ? encodedShard(ran, plan, encoding, await encoderOf(encoding)) : ran;
    reply(
      {
        kind: "shard",
        from: shard.from,
        to: shard.to,
        tables: shard.tables,
        encoded: shard.encoded,
        failures: shard.failures.map((f) => f.failure),
        units,
      },
      Object.values(shard.tables).flatMap(transferables),
    );
  } catch (error) {
    reply({
      kind: "fatal",
      message: error instanceof Error ? error.message : String(error),
      model: error instanceof ModelError,
    });
  }
};
